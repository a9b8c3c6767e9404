"""The format-neutral document: what both writers and the diff read.

A Document is a flat list of blocks. It knows a heading's level and a table's header bands and
merged cells, never fonts or tags, so DOCX and HTML written from it cannot disagree.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from reportgen.base.records import FrozenRecord, Record

if TYPE_CHECKING:
    from reportgen.docmodel.workbook import Workbook  # a type only: a render without a workbook never loads it

Align = Literal["left", "center", "right"]
RowKind = Literal["header", "subheader", "body", "subtotal", "total"]
ParagraphRole = Literal["body", "note", "missing", "banner", "item"]


@dataclass(repr=False, eq=False)
class Title(Record):
    """The document title (e.g. 深圳市盐田区总工会2022年部门预算公开) and an optional subtitle."""

    text: str
    subtitle: str = ""


@dataclass(repr=False, eq=False)
class Heading(Record):
    """A heading. ``level`` 1 is a part (第一部分), 2 is 一、, 3 is （一）, 4 is 1., 5 is （1）.

    ``number`` is the generated numbering prefix, ``text`` the heading words without it.
    """

    level: int
    number: str
    text: str
    anchor: str = ""

    @property
    def full_text(self) -> str:
        sep = "  " if self.number.endswith("部分") else ""  # 第一部分  部门概况, at whatever depth
        return f"{self.number}{sep}{self.text}"


@dataclass(slots=True, repr=False, eq=False)
class Paragraph(Record):
    """A paragraph of running text.

    role: ``body`` (normal text), ``note`` (small print under a table or section), ``missing``
    (a visible 待补充 marker where the source lacks a part), ``banner`` (the 草稿 banner),
    ``item`` (an entry of a numbered list whose number is already in the text).
    """

    text: str
    role: ParagraphRole = "body"


@dataclass(slots=True, repr=False, eq=False)  # a large table has 100,000 cells: no __dict__ each
class Cell(Record):
    """One table cell. A cell covering others carries colspan/rowspan; covered cells are absent."""

    text: str = ""
    colspan: int = 1
    rowspan: int = 1
    align: Align = "left"
    indent: int = 0
    bold: bool = False
    missing: bool = False
    header: bool = False  # a label among the body's cells (项目名称, 一级指标 …): a header cell in HTML


@dataclass(slots=True, repr=False, eq=False)
class Row(Record):
    """A table row. ``key`` identifies it across years (a code or a name) for the diff.

    ``kind``: "header" rows head the table and repeat on every page; a "subheader" row among the
    body's heads the rows after it (the 任务/指标 column labels of 部门整体绩效目标表): the table is
    printed in parts from there, each repeating its subheader on every page it runs over."""

    cells: list[Cell]
    kind: RowKind = "body"
    key: str = ""


@dataclass(repr=False, eq=False)
class Table(Record):
    """A standard table: number and title, the 部门名称/单位 line, header bands, body, note.

    ``header`` rows repeat on every page; ``widths`` are relative column widths (sum arbitrary);
    ``wide`` asks for a landscape page; ``listing``: a list of records (the findings a review hands
    back), whose 序号 are numbers and whose header a workbook filters.
    """

    id: str
    number: str
    title: str
    department_line: str
    unit_line: str
    header: list[Row]
    body: list[Row]
    widths: list[int]
    notes: list[str] = field(default_factory=list)
    wide: bool = False
    listing: bool = False

    @property
    def column_count(self) -> int:
        return len(self.widths)


@dataclass(repr=False, eq=False)
class ContentsEntry(Record):
    """A line of the 目录: a heading or a table as the layout numbers it, and where it is."""

    level: int
    text: str
    anchor: str = ""


@dataclass(repr=False, eq=False)
class PageBreak(Record):
    """Start the next block on a new page."""


Block = Title | Heading | Paragraph | Table | PageBreak

CoverFont = Literal["楷体", "黑体", "仿宋", "宋体", "小标宋"]


@dataclass(frozen=True, repr=False, eq=False)
class CoverLine(FrozenRecord):
    """A line of a cover page, as the layout sets it: its words (the source's facts filled in), size
    in points, typeface, the space above it in points, and ``one_line``: set smaller, as far as it
    must, to stand on one line rather than break inside a word; or ``breaks``: the words after which
    it may break."""

    text: str
    points: float
    font: CoverFont = "小标宋"
    space_before: float = 0.0
    one_line: bool = False
    # where the line may break when it does not fit on one (after 区委, after 区 …): the last such
    # place that leaves the first line fitting, never inside a word
    breaks: tuple[str, ...] = ()
    line_points: float | None = None  # an exact line (points), else single spacing


@dataclass(frozen=True, repr=False, eq=False)
class Cover(FrozenRecord):
    """A cover page of its own (版式.yaml's 封面), unnumbered: page numbers start after it. It
    stands in the place of the document's Title; ``landscape`` turns its page."""

    lines: tuple[CoverLine, ...]
    landscape: bool = False


@dataclass(repr=False, eq=False)
class Document(Record):
    """The whole disclosure. ``meta`` holds department, year and generator facts for properties."""

    blocks: list[Block]
    meta: dict[str, str] = field(default_factory=dict)
    # The parts the source does not give, as (what, source field), where its 待补充 markers stand:
    # a normal render stops and names them; a draft shows them.
    missing: list[tuple[str, str]] = field(default_factory=list)
    # The 目录 the layout asks for (written from the model, never a field Word must update): its
    # title and lines; none when the layout prints no 目录.
    contents_title: str = ""
    contents: list[ContentsEntry] = field(default_factory=list)
    # The body text's size in points and its line, exact in points or None for single spacing: the
    # layout's 正文字号 and 正文行距
    body_points: float = 14.0
    body_line: float | None = 28.0
    # The smallest size (points) a table's text may take so that its labels stand on one line: the
    # layout's 表格排版.最小字号 (五号, 10.5, unless it says smaller)
    table_smallest: float = 10.5
    # The official workbook the layout names (工作簿): the XLSX writer fills its sheets; None: a sheet per table
    workbook: Workbook | None = None
    # The layout's pages (版式.yaml's 封面, 目录.单独成页 and 新页): a cover in place of the Title, the
    # 目录 on a page of its own, and the heading levels that start a new page
    cover: Cover | None = None
    contents_alone: bool = False
    new_page_levels: frozenset[int] = frozenset()
    # 页面: 横向 — every page landscape, as the layout's published documents are
    landscape: bool = False

    def headings(self) -> list[Heading]:
        return [b for b in self.blocks if isinstance(b, Heading)]

    def tables(self) -> list[Table]:
        return [b for b in self.blocks if isinstance(b, Table)]

    def plain_text(self) -> str:
        """All the text, one block or row per line: what a reader sees, for tests and the diff."""
        lines: list[str] = []
        for block in self.blocks:
            if isinstance(block, Title):
                lines.append(block.text)
                if block.subtitle:
                    lines.append(block.subtitle)
            elif isinstance(block, Heading):
                lines.append(block.full_text)
            elif isinstance(block, Paragraph):
                lines.append(block.text)
            elif isinstance(block, Table):
                lines.append(f"{block.number} {block.title}")
                lines.append(f"{block.department_line} {block.unit_line}")
                for row in block.header + block.body:
                    lines.append(" ".join(c.text for c in row.cells))
                lines.extend(block.notes)
        return "\n".join(lines)
