"""The shape of an official workbook (工作簿): the sheets a finance bureau's system expects, in their
order, and the cells on each where the document's parts go — as a layout declares it in a YAML file
of its folder (layouts.py and layout_workbook.py read and check it; writers/xlsx_official.py writes
it). Data only: rows and columns are 0-based here, as the writer counts them.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Style:
    """A cell's type: face, size in points, bold."""

    font: str = "宋体"
    points: float = 12.0
    bold: bool = False

    @property
    def size(self) -> float | int:
        """The size as a workbook writes it: 12, not 12.0."""
        return int(self.points) if self.points.is_integer() else self.points


@dataclass(frozen=True)
class Place:
    """A cell (and the range it is merged over: last_row, last_column), its type and its row's height."""

    row: int
    column: int
    last_row: int
    last_column: int
    style: Style
    height: float | None = None


@dataclass(frozen=True)
class SheetBase:
    """What every sheet has: its name, column widths (Excel's character widths), row heights and print scale."""

    name: str
    widths: tuple[float, ...] = ()
    heights: tuple[tuple[int, float], ...] = ()
    scale: int | None = None  # the print scale in per cent; None: one page wide


@dataclass(frozen=True)
class CoverSheet(SheetBase):
    """封面: the document's title and the line under it (预算主管部门：…)."""

    title: Place | None = None
    subtitle: Place | None = None


@dataclass(frozen=True)
class ContentsSheet(SheetBase):
    """目录: its title, then one line per entry from ``entries`` down; a deeper entry indented by
    ``indent`` spaces, each line filled out to ``line_width`` (Excel's widths) with ``leader``."""

    title: Place | None = None
    entries: Place | None = None
    indent: int = 0
    leader: str = ""
    line_width: int = 0


@dataclass(frozen=True)
class TextSheet(SheetBase):
    """A part of the text: the document's part whose heading is one of ``parts`` ({部门}, {年} as
    the document's), its heading in ``title``, its lines in ``body`` (each led by ``indent`` spaces) —
    or, from its first numbered item on, one a row from ``items``."""

    parts: tuple[str, ...] = ()
    title: Place | None = None
    body: Place | None = None
    indent: int = 0
    items: Place | None = None  # where the part's lines go one a row from its first numbered item (编制说明's A4 …)


@dataclass(frozen=True)
class TableSheet(SheetBase):
    """One of the document's tables (by its id): title, caption (编制部门：… with the unit at the
    table's last column), header rows from ``header_row``, body from ``data_row``; the total row no
    higher than ``total_row`` (a fixed grid), blank bordered rows between. ``code_columns``: the
    columns holding codes, as numbers (类) or text (款, 项)."""

    table: str = ""
    title: Place | None = None
    caption: Place | None = None
    header_row: int = 0
    data_row: int = 0
    total_row: int | None = None
    empty_total_row: int | None = None  # a table with no row but its total: the total there, the grid kept blank
    data_height: float | None = None
    code_columns: tuple[tuple[int, str], ...] = ()
    # the template's own header (its cells and words) where the document's table has fewer columns than
    # the template, and the sheet column of each of the table's columns (the rest left blank)
    header_cells: tuple[tuple[Place, str], ...] = ()
    columns: tuple[int, ...] = ()
    note: Place | None = None  # where the table's note goes (the “三公” table's A17:F17); else under the table


Sheet = CoverSheet | ContentsSheet | TextSheet | TableSheet


@dataclass(frozen=True)
class Workbook:
    """An official workbook: its sheets in order, the type of its cells, the number format of an
    amount in each unit (元: ``#,##0_ ``), and the page."""

    name: str
    source: str  # the YAML file it was read from, for a message
    sheets: tuple[Sheet, ...]
    style: Style = Style()
    amount_formats: dict[str, str] = field(default_factory=dict)
    landscape: bool = True

    def sheet_names(self) -> list[str]:
        return [sheet.name for sheet in self.sheets]


__all__ = ["ContentsSheet", "CoverSheet", "Place", "Sheet", "Style", "TableSheet", "TextSheet", "Workbook"]
