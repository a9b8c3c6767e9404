"""Document → an Excel workbook: the official workbook where the document's layout names one
(xlsx_official.py: 上海's 2026 部门 and 单位 templates), else each table of the disclosure on a sheet
of its own, named by its number and title (“表1 部门收支总表”), in the document's order, as the
document shows it — its number and title, the department and unit line, the header bands with their
merged cells, the body, the notes under it.

Every text is the Document's: the writer adds no word. A figure (an amount "1,273.52", a
percentage "17.55%") is written as a number with the display format that shows the same text,
and only when it does (Excel keeps 15 significant digits; a figure beyond that stays text). A
code stays text: a whole number in a code column (its header ends in 编码, 代码 or 科目) or in a
column whose figures carry decimals is a code, not an amount, and a code with a leading zero
("05") would not survive as a number anyway. Empty cells stay empty.

XlsxWriter writes the package; its zip entries carry a fixed date, and the workbook's properties
the document's (writers/docx/package.document_time), so the same source gives the same bytes.
"""

from __future__ import annotations

import io
import math
from dataclasses import dataclass, field
from pathlib import Path

# XlsxWriter ships no type information (no py.typed): its names are Any to mypy
import xlsxwriter  # type: ignore[import-untyped]
from xlsxwriter.format import Format  # type: ignore[import-untyped]
from xlsxwriter.workbook import Workbook  # type: ignore[import-untyped]
from xlsxwriter.worksheet import Worksheet  # type: ignore[import-untyped]

from reportgen.base.atomic import write_atomically
from reportgen.base.patterns import regex
from reportgen.docmodel.document import Document, Table, Title
from reportgen.writers.docx.ooxml import core_property
from reportgen.writers.docx.package import document_time
from reportgen.writers.xlsx_cells import (
    _FIGURE,
    A4,
    EXCEL_TEXT,
    Placed,
    column_label,
    figure,
    grouped_figures,
    lines,
    number_format,
    placed_cells,
    too_long,
)
from reportgen.writers.xlsx_official import write_official

# write_string, never write(): a department called "=1+1" or "http://…" stays text
_OPTIONS = {"in_memory": True, "strings_to_numbers": False, "strings_to_formulas": False, "strings_to_urls": False}

_WHOLE = regex(r"-?[0-9]+")  # a whole number without separators: a code, or an amount shown without decimals
SHEET_NAME = 31  # the UTF-16 units of a sheet's name
# How the label of a code column ends (科目编码, 功能分类科目编码 over 类/款/项, 功能科目, 项目编码).
CODE_WORDS = ("编码", "代码", "科目", "序号")  # a header naming codes, or the 序号 of a list of units

PORTRAIT_WIDTH = 95  # character widths across an A4 portrait page (landscape: LANDSCAPE_WIDTH)
LANDSCAPE_WIDTH = 140
MAX_COLUMN = 60  # a column widened for its figures or codes is at most this wide
POINTS = 10  # the tables' type size; the title's is TITLE_POINTS
TITLE_POINTS = 14
LINE = 14.0  # points a line of POINTS type takes in a row


# -- the grid -------------------------------------------------------------------------------------


def text_columns(table: Table, rows: list[list[Placed]]) -> set[int]:
    """The columns whose whole numbers are codes: a header band names them a code column
    (科目编码 and the 类/款/项 under 功能分类科目编码 alike), or their figures carry decimals
    (an amount there shows decimals, so a number without is not one)."""
    columns: set[int] = set()
    for placed in (p for row in rows for p in row):
        spanned = range(placed.column, placed.column + placed.cell.colspan)
        if placed.row < len(table.header) and placed.cell.text.endswith(CODE_WORDS):
            columns.update(spanned)
        elif _figure_with_decimals(placed):
            columns.add(placed.column)
    return columns


def _figure_with_decimals(placed: Placed) -> bool:
    """Whether a cell of one column, not a label, shows a figure with decimals (not a share)."""
    text = placed.cell.text
    return not placed.label and placed.cell.colspan == 1 and "." in text and "%" not in text \
        and bool(_FIGURE.fullmatch(text))


def column_widths(table: Table, rows: list[list[Placed]]) -> list[float]:
    """Widths in Excel's character widths: the table's proportions across a page (landscape for
    a wide table), each column at least as wide as its figures and codes, which never wrap."""
    widths = _across_the_page(table)
    for placed in (p for row in rows for p in row):
        text = placed.cell.text
        if placed.cell.colspan == 1 and text.isascii() and " " not in text:
            widths[placed.column] = max(widths[placed.column], min(len(text) + 2.0, MAX_COLUMN))
    return [round(w, 2) for w in widths]


def _across_the_page(table: Table) -> list[float]:
    """The columns' widths in the table's proportions across a page (landscape for a wide table), none below 4."""
    total = LANDSCAPE_WIDTH if table.wide else PORTRAIT_WIDTH
    shares = [max(w, 0) for w in table.widths]
    shares = shares if sum(shares) else [1] * len(shares)
    return [max(total * share / sum(shares), 4.0) for share in shares]


# -- sheet names ------------------------------------------------------------------------------------

_NAME_FIXES = str.maketrans({"[": "［", "]": "］", ":": "：", "*": "＊", "?": "？", "/": "／", "\\": "＼"})


def _utf16(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def _cut(text: str, units: int) -> str:
    """``text`` cut to at most ``units`` UTF-16 units (never inside a character)."""
    while _utf16(text) > units:
        text = text[:-1]
    return text


def sheet_name_of(text: str) -> str:
    """A table's number (or title) as Excel allows a sheet's name: none of []:*?/\\ (each
    replaced by its full-width form), no control character, no apostrophe at either end, 31 units."""
    text = "".join(ch for ch in text.translate(_NAME_FIXES) if ch.isprintable()).strip()
    return _cut(text.strip("'"), SHEET_NAME).strip().strip("'")


_YEAR = regex(r"^[0-9]{4}年度?")


def readable_name(table: Table) -> str:
    """A table's sheet name a person reads: its number without the mark after it and its title
    without the year (“表1 部门收支总表”, 河北's “1、” → “1 …”), or the one of them it has."""
    number = table.number.strip().rstrip("、.．:：").strip()
    title = _YEAR.sub("", table.title.strip()).strip()
    return " ".join(part for part in (number, title) if part)


@dataclass
class SheetNames:
    """Unique sheet names (Excel compares them ignoring case; History is its own)."""

    taken: set[str] = field(default_factory=lambda: {"history"})

    def claim(self, table: Table, position: int) -> str:
        base = next((name for name in map(sheet_name_of, (readable_name(table), table.id)) if name), str(position))
        name, n = base, 1
        while name.casefold() in self.taken:
            n += 1
            suffix = f" ({n})"
            name = _cut(base, SHEET_NAME - len(suffix)).rstrip("'") + suffix
        self.taken.add(name.casefold())
        return name


# -- formats ------------------------------------------------------------------------------------


class Formats:
    """The workbook's cell formats, each made once."""

    def __init__(self, book: Workbook) -> None:
        self.book = book
        self._made: dict[tuple[object, ...], Format] = {}

    def get(self, role: str, align: str = "left", indent: int = 0, bold: bool = False, num_format: str = "") -> Format:
        key = (role, align, indent, bold, num_format)
        if key not in self._made:
            self._made[key] = self.book.add_format(self._properties(*key))
        return self._made[key]

    @staticmethod
    def _properties(role: str, align: str, indent: int, bold: bool, num_format: str) -> dict[str, object]:
        props: dict[str, object] = {"font_size": POINTS, "valign": "vcenter", "text_wrap": True, "align": align}
        if role == "title":
            props |= {"font_size": TITLE_POINTS, "bold": True, "align": "center"}
        elif role in ("cell", "label"):
            props |= {"border": 1, "bold": bold or role == "label"}
        if role == "label":
            props |= {"bg_color": "#F2F2F2"}
        if indent and align == "left":
            props["indent"] = indent
        if num_format:
            props |= {"num_format": num_format, "text_wrap": False}
        return props


# -- a table's sheet ---------------------------------------------------------------------------------


class TableSheet:
    """Writes one table on its sheet: caption rows, the grid, the notes, columns and page."""

    def __init__(self, sheet: Worksheet, formats: Formats, grouped: bool) -> None:
        self.sheet = sheet
        self.formats = formats
        self.grouped = grouped
        self.heights: dict[int, float] = {}  # sheet row → points, where a row needs more than a line

    def write(self, table: Table) -> None:
        if not table.column_count:
            raise ValueError(f"table {table.id}: no columns")
        rows = placed_cells(table)
        self.table = table
        self.widths = column_widths(table, rows)
        top = self._caption(table)
        codes = set() if table.listing else text_columns(table, rows)  # a listing's 序号 are numbers, not codes
        for placed in (p for row in rows for p in row):
            self._cell(top, placed, codes, len(rows))
        self._notes(table, top + len(rows))
        self._finish(table, top)
        if table.listing and table.header:  # a list the reader sorts and filters by its header
            self.sheet.autofilter(top + len(table.header) - 1, 0, top + len(rows) - 1, table.column_count - 1)

    def _caption(self, table: Table) -> int:
        """The title row, then the department and unit line; the first row of the grid."""
        last = table.column_count - 1
        title = " ".join(part for part in (table.number, table.title) if part)
        self._text(0, 0, 0, last, title, self.formats.get("title"), TITLE_POINTS / POINTS, what="表题")
        self.heights[0] = max(self.heights.get(0, 0.0), LINE * TITLE_POINTS / POINTS)
        if last == 0:  # one column: the unit line under the department line
            self._text(1, 0, 1, 0, table.department_line, self.formats.get("meta"), what="部门名称")
            self._text(2, 0, 2, 0, table.unit_line, self.formats.get("meta", "right"), what="金额单位")
            return 3
        self._text(1, 0, 1, max(last - 1, 0), table.department_line, self.formats.get("meta"), what="部门名称")
        self._text(1, last, 1, last, table.unit_line, self.formats.get("meta", "right"), what="金额单位")
        return 2

    def _cell(self, top: int, placed: Placed, codes: set[int], row_count: int) -> None:
        cell, row, column = placed.cell, top + placed.row, placed.column
        last_row = top + min(placed.row + cell.rowspan, row_count) - 1
        last_column = column + cell.colspan - 1
        number = None
        if not placed.label and not (column in codes and _WHOLE.fullmatch(cell.text)):
            number = figure(cell.text, self.grouped)
        if number is None:
            role = "label" if placed.label else "cell"
            fmt = self.formats.get(role, cell.align, cell.indent, cell.bold)
            self._text(row, column, last_row, last_column, cell.text, fmt)
            return
        fmt = self.formats.get("cell", cell.align, 0, cell.bold, number.num_format)
        if last_row > row or last_column > column:
            self.sheet.merge_range(row, column, last_row, last_column, "", fmt)
        self._checked(self.sheet.write_number(row, column, number.value, fmt), row)

    def _text(self, row: int, column: int, last_row: int, last_column: int, text: str, fmt: Format,
              scale: float = 1.0, what: str = "") -> None:
        """``text`` (or an empty cell) over rows row…last_row and columns column…last_column; ``what``
        it is, where it is not the table's column (its header's label): told when it is too long for a cell."""
        if len(text) > EXCEL_TEXT:
            raise too_long(self.sheet.get_name(), row, column, what or column_label(self.table, column), text)
        if last_row > row or last_column > column:
            self.sheet.merge_range(row, column, last_row, last_column, "", fmt)
        if text:
            self._checked(self.sheet.write_string(row, column, text, fmt), row)
            width = sum(self.widths[column:last_column + 1])
            needed = math.ceil(lines(text, width, scale) / (last_row - row + 1))
            if needed > 1:
                self.heights[row] = max(self.heights.get(row, 0.0), needed * LINE * scale + 2)
        elif last_row == row and last_column == column:
            self.sheet.write_blank(row, column, None, fmt)

    def _notes(self, table: Table, first: int) -> None:
        for offset, note in enumerate(table.notes):
            self._text(first + offset, 0, first + offset, table.column_count - 1, note, self.formats.get("note"), what="表注")

    def _checked(self, result: int, row: int) -> None:
        if result != 0:  # a text too long for a cell is refused before (_text)
            raise ValueError(f"第 {row + 1} 行超出了 Excel 工作表的范围，无法写入 xlsx")

    def _finish(self, table: Table, top: int) -> None:
        """Column widths, row heights, and the page: A4, the header bands on every page, one page wide."""
        sheet = self.sheet
        for column, width in enumerate(self.widths):
            sheet.set_column(column, column, width)
        for row, height in sorted(self.heights.items()):
            sheet.set_row(row, round(height, 1))
        sheet.set_paper(A4)
        if table.wide or sum(self.widths) > PORTRAIT_WIDTH * 1.2:
            sheet.set_landscape()
        sheet.fit_to_pages(1, 0)
        sheet.center_horizontally()
        sheet.set_footer("&C&P / &N")
        if table.header:
            sheet.repeat_rows(top, top + len(table.header) - 1)
            sheet.freeze_panes(top + len(table.header), 0)


# -- the workbook -------------------------------------------------------------------------------------


def properties(document: Document) -> dict[str, object]:
    """The workbook's properties, as the DOCX's: title, subject, author, and the document's date."""
    meta = document.meta
    department, year = meta.get("department", ""), meta.get("year", "")
    title = meta.get("title") or next((b.text for b in document.blocks if isinstance(b, Title)), "")
    return {
        "title": core_property(title),
        "subject": core_property(" ".join(v for v in (department, year) if v)),
        "author": core_property(department) or "reportgen",
        "comments": "reportgen",
        "created": document_time(year).replace(tzinfo=None),
    }


def xlsx_bytes(document: Document) -> bytes:
    """The workbook: the official workbook the document's layout names (its sheets, in its order),
    else one sheet per table of ``document``, in its order (a document without a table gives a
    workbook of one empty sheet, as Excel needs one)."""
    buffer = io.BytesIO()
    official = document.workbook
    options = _OPTIONS if official is None else _OPTIONS | {  # the Normal style: the template's (宋体 12), not Calibri
        "default_format_properties": {"font_name": official.style.font, "font_size": official.style.size}}
    book = xlsxwriter.Workbook(buffer, options)
    book.set_properties(properties(document))
    if document.workbook is not None:
        write_official(book, document, document.workbook)
    else:
        formats, names, grouped = Formats(book), SheetNames(), grouped_figures(document)
        for position, table in enumerate(document.tables(), start=1):
            TableSheet(book.add_worksheet(names.claim(table, position)), formats, grouped).write(table)
    book.close()
    return buffer.getvalue()


def write_xlsx(document: Document, path: Path) -> None:
    """Write the workbook to ``path`` atomically: a reader (or a crash) never sees half a file."""
    write_atomically(Path(path), xlsx_bytes(document))


__all__ = ["figure", "number_format", "placed_cells", "sheet_name_of", "write_xlsx", "xlsx_bytes"]
