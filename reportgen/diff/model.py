"""The diff as data: the documents as items and sections, and what changed in each block, row
and cell, format-neutral for the HTML, DOCX and JSON writers and the terminal summary."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal

from reportgen.diff.text import YEAR, ItemKind, Status, TextDiff
from reportgen.docmodel.document import Cell, Cover, Document, Heading, PageBreak, Paragraph, Row, Table, Title

# --- the document as items and sections ---------------------------------------------------------


@dataclass
class Item:
    """One comparable unit of a Document: a title line, heading, paragraph or table."""

    kind: ItemKind
    text: str = ""
    level: int = 0
    role: str = "body"
    table: Table | None = None
    heading: Heading | None = None
    page_break: bool = False  # the item starts a new page (a PageBreak came before it)


def heading_text(heading: Heading) -> str:
    """The heading as printed (number and words)."""
    return heading.full_text if heading.number else heading.text


def items_of(document: Document) -> list[Item]:
    """The Document as comparable items. Page breaks carry no content: not items of their own, they
    mark the item after them (``page_break``), for the writers to start its page."""
    items: list[Item] = []
    broken = False
    for block in document.blocks:
        if isinstance(block, PageBreak):
            broken = True
            continue
        if isinstance(block, Title):
            items.append(Item("title", block.text, page_break=broken))
            if block.subtitle:
                items.append(Item("subtitle", block.subtitle))
        elif isinstance(block, Heading):
            items.append(Item("heading", heading_text(block), level=block.level, heading=block, page_break=broken))
        elif isinstance(block, Paragraph):
            items.append(Item("paragraph", block.text, role=block.role, page_break=broken))
        elif isinstance(block, Table):
            items.append(Item("table", table=block, page_break=broken))
        broken = False
    return items


def document_year(document: Document) -> int | None:
    """The budget year: the document's meta, else the first year in its title."""
    year = document.meta.get("year", "")
    if year.isdigit():
        return int(year)
    for block in document.blocks[:5]:
        text = block.text if isinstance(block, Title | Paragraph) else ""
        found = YEAR.search(text)
        if found:
            return int(found.group(1))
    return None


# --- the diff model -----------------------------------------------------------------------------


@dataclass
class CellDiff:
    """One cell's two sides (None where the cell exists on one side only) under its column label."""

    old: Cell | None
    new: Cell | None
    text: TextDiff
    column: str = ""


@dataclass
class RowDiff:
    """A table row matched across years; the layouts place each side's cells on its grid."""

    status: Status
    old: Row | None
    new: Row | None
    cells: list[CellDiff]
    header: bool = False
    same_shape: bool = True  # same columns and spans: cells can be marked one by one
    label: str = ""
    anchor: str = ""
    old_layout: list[tuple[int, Cell]] = field(default_factory=list)  # (first grid column, cell)
    new_layout: list[tuple[int, Cell]] = field(default_factory=list)


@dataclass
class TableDiff:
    """A table matched across years: caption parts, header and body rows in order, notes."""

    old: Table | None
    new: Table | None
    number: TextDiff
    title: TextDiff
    department: TextDiff
    unit: TextDiff
    rows: list[RowDiff]
    notes: list[tuple[Status, TextDiff]]
    same_grid: bool = True
    old_columns: int = 0
    new_columns: int = 0

    @property
    def wide(self) -> bool:
        """Either year's table asks for a landscape page."""
        return bool((self.new and self.new.wide) or (self.old and self.old.wide))

    @property
    def label(self) -> str:
        table = self.new or self.old
        assert table is not None
        return " ".join(p for p in (table.number, table.title) if p) or table.id


@dataclass
class BlockDiff:
    """A heading, paragraph, title line or table matched across years."""

    kind: ItemKind
    status: Status
    old: Item | None
    new: Item | None
    text: TextDiff | None = None
    table: TableDiff | None = None
    anchor: str = ""
    where: str = ""

    @property
    def item(self) -> Item:
        item = self.new or self.old
        assert item is not None
        return item

    @property
    def page_break(self) -> tuple[bool, bool]:
        """Whether the block starts a new page in OLD and in NEW."""
        return (self.old is not None and self.old.page_break, self.new is not None and self.new.page_break)


@dataclass
class SectionDiff:
    """A heading and the blocks under it (up to the next heading), matched across years."""

    status: Status
    heading: BlockDiff | None
    blocks: list[BlockDiff]

    @property
    def label(self) -> str:
        return self.heading.item.text if self.heading else "（文首）"


@dataclass
class FigureChange:
    """A figure that changed: where, the two texts, and (for amounts) difference and percentage."""

    where: str
    old: str
    new: str
    difference: Decimal | None
    percent: Decimal | None
    anchor: str


@dataclass
class Change:
    """One entry of the list of changes: what happened where, with the anchor to jump to."""

    anchor: str
    kind: str  # 段落 / 标题 / 表格 / 表格行 / 章节
    status: Status
    where: str
    old: str
    new: str


@dataclass
class DocumentDiff:
    """The whole comparison: what the writers, the summary and the JSON read."""

    old_name: str
    new_name: str
    old_year: int | None
    new_year: int | None
    sections: list[SectionDiff]
    show_year_shift: bool = False
    figures: list[FigureChange] = field(default_factory=list)
    changes: list[Change] = field(default_factory=list)
    year_shifts: Counter[tuple[str, str]] = field(default_factory=Counter)
    contents: list[BlockDiff] = field(default_factory=list)  # the 目录 (title, entries), where a year has one
    # this year's pages as its layout sets them (Document.cover, new_page_levels): the tracked DOCX
    # turns its pages as the render does
    cover: Cover | None = None
    new_page_levels: frozenset[int] = frozenset()
    landscape: bool = False  # every page landscape (Document.landscape)

    @property
    def year_step(self) -> int:
        if self.old_year is None or self.new_year is None:
            return 0
        return self.new_year - self.old_year

    @property
    def unchanged(self) -> bool:
        return not self.changes

    def blocks(self) -> Iterator[BlockDiff]:
        for section in self.sections:
            if section.heading:
                yield section.heading
            yield from section.blocks

    def counts(self) -> dict[str, dict[str, int]]:
        """How many sections, paragraphs, tables and table rows were inserted, deleted, changed."""
        return {
            "sections": _tally([s.status for s in self.sections if s.heading]),
            **_block_counts(list(self.blocks())),
            "figures": {"changed": len(self.figures)},
            "year_shifts": {"count": sum(self.year_shifts.values())},
        }


def _block_counts(blocks: list[BlockDiff]) -> dict[str, dict[str, int]]:
    """How many paragraphs, headings, tables and table rows (a header's not) were inserted, deleted, changed."""
    return {
        "paragraphs": _tally([b.status for b in blocks if b.kind not in ("table", "heading")]),
        "headings": _tally([b.status for b in blocks if b.kind == "heading"]),
        "tables": _tally([b.status for b in blocks if b.kind == "table"]),
        "rows": _tally(_body_row_statuses(blocks)),
    }


def _body_row_statuses(blocks: list[BlockDiff]) -> list[Status]:
    """The status of each row of the tables compared, a header's not."""
    tables = [b.table for b in blocks if b.table is not None]
    return [r.status for t in tables for r in t.rows if not r.header]


def _tally(statuses: list[Status]) -> dict[str, int]:
    found = Counter(statuses)
    return {k: found[k] for k in ("inserted", "deleted", "changed")}
