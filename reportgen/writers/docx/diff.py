"""DocumentDiff → DOCX with real tracked changes (修订): Word's and LibreOffice's "accept all"
leaves NEW's text, "reject all" leaves OLD's.

Every change is WordprocessingML revision markup: ``w:ins`` / ``w:del`` around runs (deleted text
in ``w:delText``), a paragraph inserted or deleted as a whole also has its paragraph mark marked
(``w:pPr/w:rPr/w:ins|w:del``), and a table row through ``w:trPr/w:ins|w:del``. Each revision has
a unique ``w:id``, ``w:author`` and ``w:date``. Year shifts (2021年 → 2022年) are revisions too, or
"reject all" could not give OLD back, but under their own author (YEAR_AUTHOR) so a reviewer can
hide or accept them all at once by reviewer in Word; with ``show_year_shift`` they are ordinary
revisions.

Styles, page setup and landscape pages for wide tables come from the ordinary DocxWriter.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING

from reportgen.diff import BlockDiff, DocumentDiff, RowDiff, Span, TableDiff, TextDiff, diff_title
from reportgen.docmodel.document import Cell, PageBreak, Paragraph, Table
from reportgen.writers.docx.blocks import DocxWriter
from reportgen.writers.docx.ooxml import JC, MISSING_RPR, ppr_xml, quote_attribute, run_xml
from reportgen.writers.docx.package import document_time
from reportgen.writers.docx.pages import PAGE_BREAK_BEFORE, cover_line_xml
from reportgen.writers.docx.tables import cell_indent, on_new_page, scale_widths, table_start_xml, tc_properties

if TYPE_CHECKING:
    from collections.abc import Sequence

    from reportgen.diff.model import CellDiff

AUTHOR = "reportgen"
YEAR_AUTHOR = "reportgen（年份顺延）"
_PAGE_BREAK_RUN = '<w:r><w:br w:type="page"/></w:r>'  # a page break of its own paragraph (see page_break)
_STYLE = {"title": "Title", "subtitle": "Subtitle", "note": "Note", "banner": "Banner"}


def _one_year(markup: str) -> bool:
    """Whether ``markup`` is a paragraph whose mark is a revision: a paragraph one year has."""
    properties = markup.split("</w:pPr>", 1)[0]
    return markup.startswith("<w:p>") and ("<w:rPr><w:ins " in properties or "<w:rPr><w:del " in properties)


def diff_docx_bytes(result: DocumentDiff, date: datetime | None = None) -> bytes:
    """The tracked-changes DOCX of ``result``, as bytes."""
    return TrackedDocxWriter(result, date).render_diff()


class TrackedDocxWriter(DocxWriter):
    """One method per kind of diff block; revisions numbered in document order."""

    def __init__(self, result: DocumentDiff, date: datetime | None = None) -> None:
        super().__init__()
        self.result = result
        # the revisions' date: as given, else SOURCE_DATE_EPOCH or 1 January of the new year, so that
        # diffing the same pair twice gives the same bytes
        moment = (date or document_time(result.new_year)).astimezone(UTC)
        self.date = moment.strftime("%Y-%m-%dT%H:%M:%SZ")
        self._next_id = 0
        self._covered: dict[int, dict[int, int]] = {}
        # The index in body of the last revised page break paragraph (one year's), while nothing
        # has followed it: a section break starts a new page itself, and a page break right before
        # one would leave a blank page.
        self._pending_break: int | None = None

    def render_diff(self) -> bytes:
        """The DOCX file."""
        self._cover, self._new_page_levels = self.result.cover, self.result.new_page_levels
        self._all_landscape = self.result.landscape
        contents_due = bool(self.result.contents)
        blocks = list(self.result.blocks())
        for index, block in enumerate(blocks):
            if contents_due and block.kind == "heading":  # the 目录 after the front matter, as rendered
                self.contents_diff()
                contents_due = False
            self.page_break_diff(*block.page_break)
            self._place_on_page(block, _page_of(blocks, index))
            if block.table is not None:
                self.table_diff(block.table, block.status)
            else:
                self.text_block(block)
            self._pending_break = None
            self._fresh = False
        meta = {"title": diff_title(self.result),
                "department": AUTHOR, "year": str(self.result.new_year or "")}
        self._set_properties(meta, "")
        return self.save()

    def _place_on_page(self, block: BlockDiff, headed: BlockDiff) -> None:
        """A block set on the page the render gives it (``headed``: the block whose page it is on): this year's
        table (last year's, for a table gone), a heading on its table's page — after "accept all" every page is as
        rendered; "reject all" keeps this year's orientation."""
        if headed.table is not None:
            table = headed.table.new or headed.table.old
            assert table is not None
            self._place(table)
        elif not self._on_cover(block):  # the cover's lines stay on its page, whatever they are
            self._place(Paragraph(""))

    # -- revision markup -------------------------------------------------------------------------
    def _rev(self, tag: str, author: str = AUTHOR) -> str:
        self._next_id += 1
        return f'<w:{tag} w:id="{self._next_id}" w:author={quote_attribute(author)} w:date="{self.date}"'

    def runs(self, diff: TextDiff, rpr: str = "") -> str:
        return "".join(self.span(span, rpr) for span in diff.spans)

    def span(self, span: Span, rpr: str) -> str:
        if span.op == "equal":
            return run_xml(span.new, rpr)
        author = AUTHOR if span.op != "year" or self.result.show_year_shift else YEAR_AUTHOR
        out = ""
        if span.old:
            out += f"{self._rev('del', author)}>{run_xml(span.old, rpr, deleted=True)}</w:del>"
        if span.new:
            out += f"{self._rev('ins', author)}>{run_xml(span.new, rpr)}</w:ins>"
        return out

    def mark(self, has_old: bool, has_new: bool) -> str:
        """The paragraph mark's revision: a paragraph that exists on one side only."""
        if has_new and not has_old:
            return f"<w:rPr>{self._rev('ins')}/></w:rPr>"
        if has_old and not has_new:
            return f"<w:rPr>{self._rev('del')}/></w:rPr>"
        return ""

    def _paragraph(self, style: str, body: str, mark: str, extra_ppr: str = "") -> None:
        self.body.append(f"<w:p>{ppr_xml(self.style_ids[style], self._opening() + extra_ppr + mark)}{body}</w:p>")

    def turn(self, landscape: bool) -> None:
        """As the render turns the page; but a section break right after a paragraph only one year
        has follows an empty paragraph of both years: LibreOffice's "reject all" joins a paragraph it
        removes to the one after it, and would join the section break to the page before (a heading
        that goes with its table onto a landscape page would lose its page)."""
        last = len(self.body) - (2 if self._pending_break == len(self.body) - 1 else 1)
        if landscape != self._landscape and last >= 0 and _one_year(self.body[last]):
            self.body.insert(last + 1, f"<w:p>{ppr_xml(self.style_ids['Normal'])}</w:p>")
            if self._pending_break is not None:
                self._pending_break += 1
        if landscape != self._landscape and not self._cover_open and self._pending_break is not None:
            del self.body[self._pending_break]
            self._pending_break = None
        super().turn(landscape)

    def page_break(self, block: PageBreak) -> None:
        """As the render breaks the page (the next paragraph's w:pageBreakBefore); but right after a
        paragraph only one year has, a paragraph of both years holding the break, as the render once
        wrote every page break: LibreOffice's "reject all" (and "accept all", of a deleted one) joins
        the paragraph it removes to the one after it, and that one loses its page break before."""
        if self._fresh or not self.body or not _one_year(self.body[-1]):
            super().page_break(block)
            return
        self._fresh, self._break_due, self._pending_break = True, False, len(self.body)
        self.body.append(f"<w:p>{ppr_xml(self.style_ids['Normal'])}{_PAGE_BREAK_RUN}</w:p>")

    def page_break_diff(self, old: bool, new: bool) -> None:
        """A page break where OLD and NEW start a page, as the render writes it (the next paragraph's
        w:pageBreakBefore); where only one year does, a paragraph holding the break, inserted or
        deleted. A page that turns (a section break, a new page of its own) takes its place, as in
        the render."""
        if old and new:
            self.page_break(PageBreak())
        elif old or new:
            self._fresh = new  # this year's page begins here, as in its render
            tag = "ins" if new else "del"
            self._pending_break = len(self.body)
            self._paragraph("Normal", f"{self._rev(tag)}>{_PAGE_BREAK_RUN}</w:{tag}>", self.mark(old, new))

    def contents_diff(self) -> None:
        """The 目录 as the render writes it (DocxWriter.contents), line by line revised, then its
        page break: a revision too where only one year has a 目录."""
        self.turn(self._all_landscape)
        for block in self.result.contents:
            diff = block.text or TextDiff()
            level = block.item.level
            indent = f'<w:ind w:left="{420 * (level - 1)}"/>' if level > 1 else ""
            style = "Subtitle" if block.kind == "subtitle" else "Normal"
            self._paragraph(style, self.runs(diff), self.mark(block.old is not None, block.new is not None), indent)
            self._fresh = False
        self.page_break_diff(any(b.old is not None for b in self.result.contents),
                             any(b.new is not None for b in self.result.contents))

    # -- text blocks -----------------------------------------------------------------------------
    def _on_cover(self, block: BlockDiff) -> bool:
        return self._cover is not None and block.item.kind in ("title", "subtitle")

    def text_block(self, block: BlockDiff) -> None:
        item = block.item
        diff = block.text or TextDiff()
        if self._on_cover(block):
            self.cover_line(block, diff)
            return
        extra = ""
        if item.kind == "heading":
            style = f"Heading {min(max(item.level, 1), 5)}"
            extra = PAGE_BREAK_BEFORE if item.level in self._new_page_levels and not self._fresh else ""
        elif item.kind in ("title", "subtitle"):
            style = _STYLE[item.kind]
        else:
            style = _STYLE.get(item.role, "Normal")
        rpr = MISSING_RPR if item.role == "missing" else ""
        self._paragraph(style, self.runs(diff, rpr), self.mark(block.old is not None, block.new is not None), extra)

    def cover_line(self, block: BlockDiff, diff: TextDiff) -> None:
        """The title (or subtitle) as this year's cover sets it, on the cover's own page, revised;
        the cover's page ends with its last line (the next block turns the page)."""
        assert self._cover is not None
        index = 0 if block.item.kind == "title" else 1
        if index == 0:
            self.turn(self._cover.landscape)
        if index < len(self._cover.lines):
            line = self._cover.lines[index]
            properties, rpr, _ = cover_line_xml(line, self.text_twips())
            self._paragraph(_STYLE[block.item.kind], self.runs(diff, rpr),
                            self.mark(block.old is not None, block.new is not None), properties)
        self._cover_open = index == len(self._cover.lines) - 1 or self._cover_open

    # -- tables ----------------------------------------------------------------------------------
    def table_diff(self, table: TableDiff, status: str) -> None:
        self._above_table_diff(table)
        if table.rows:
            self._grid(table)
        for note_status, note in table.notes:
            self._paragraph("Note", self.runs(note), self.mark(bool(note.old_text) and note_status != "inserted",
                                                                  bool(note.new_text) and note_status != "deleted"))

    def _above_table_diff(self, table: TableDiff) -> None:
        """The lines above a table, each marked as it changed: its number, its title, and the department and unit
        line (the unit flush right)."""
        for style, diff in (("Table Number", table.number), ("Table Title", table.title)):
            if diff.old_text or diff.new_text:
                self._paragraph(style, self.runs(diff), self.mark(bool(diff.old_text), bool(diff.new_text)))
        line_old = table.department.old_text or table.unit.old_text
        line_new = table.department.new_text or table.unit.new_text
        if line_old or line_new:
            tabs = self.base.tabs[self._landscape]  # the unit flush right
            body = self.runs(table.department)
            if table.unit.spans:
                body += self.span(_tab_span(table.unit), "") + self.runs(table.unit)
            self._paragraph("Table Unit Line", body, self.mark(bool(line_old), bool(line_new)), tabs)

    def _grid(self, table: TableDiff) -> None:
        text_width = self.text_twips()
        old_edges = _edges(table.old, table.old_columns, text_width)
        new_edges = _edges(table.new, table.new_columns, text_width)
        edges = _shared_edges(table, old_edges, new_edges)
        widths = [b - a for a, b in zip(edges, edges[1:], strict=False)]
        self._covered = _covered_both(table)
        rows: list[str] = []
        for row in table.rows:
            rows += self._rows(row, table.same_grid, old_edges, new_edges, edges)
        grid = table_start_xml(self.style_ids["Table Grid"], widths) + "".join(rows) + "</w:tbl>"
        self.body.append(on_new_page(grid) if self._opening() else grid)

    def _rows(self, row: RowDiff, same_grid: bool, old_edges: list[int], new_edges: list[int],
              edges: list[int]) -> list[str]:
        if row.status == "inserted":
            return [self._tr(row, row.new_layout, new_edges, edges, "ins")]
        if row.status == "deleted":
            return [self._tr(row, row.old_layout, old_edges, edges, "del")]
        if same_grid and row.same_shape:
            return [self._tr(row, row.new_layout, new_edges, edges, None)]
        # Different columns or spans: the old row goes and the new one comes, whole.
        return [self._tr(row, row.old_layout, old_edges, edges, "del"), self._tr(row, row.new_layout, new_edges, edges, "ins")]

    def _tr(self, row: RowDiff, layout: list[tuple[int, Cell]], side_edges: list[int], edges: list[int],
            revision: str | None) -> str:
        columns = len(side_edges) - 1
        by_new = {id(c.new): c for c in row.cells if c.new is not None}
        side_row = row.new if layout is row.new_layout else row.old
        source = row.new or row.old
        bold_row = source is not None and source.kind in ("total", "subtotal")
        tcs = []
        for start, span, cell, merge in _filled(layout, columns, self._covered.get(id(side_row), {})):
            left, right = side_edges[start], side_edges[min(start + span, columns)]
            grid_span = edges.index(right) - edges.index(left)
            diff = _cell_diff(cell, revision, by_new)
            tcs.append(self._tc(cell, diff, right - left, grid_span, row.header, bold_row, revision, merge))
        header = "<w:tblHeader/>" if row.header else ""
        rev = f"{self._rev(revision)}/>" if revision else ""
        return f"<w:tr><w:trPr><w:cantSplit/>{header}{rev}</w:trPr>{''.join(tcs)}</w:tr>"

    def _tc(self, cell: Cell | None, diff: TextDiff, width: int, grid_span: int, header: bool, bold_row: bool,
            revision: str | None, merge: str) -> str:
        pr = [tc_properties(width, grid_span, merge, header)]
        ppr = [f'<w:pStyle w:val="{self.style_ids["Table Text"]}"/>']
        if cell is not None and not header:
            ppr.append(cell_indent(cell.indent))
        align = "center" if header else JC.get(cell.align if cell else "left", "left")
        ppr.append(f'<w:jc w:val="{align}"/>')
        if revision:
            ppr.append(f"<w:rPr>{self._rev(revision)}/></w:rPr>")
        return (f"<w:tc><w:tcPr>{''.join(pr)}</w:tcPr><w:p><w:pPr>{''.join(ppr)}</w:pPr>"
                f"{self.runs(diff, _cell_rpr(cell, header, bold_row))}</w:p></w:tc>")


def _shared_edges(table: TableDiff, old_edges: list[int], new_edges: list[int]) -> list[int]:
    """One grid for both sides: the new one where the old side's rows print on it too (the same columns
    at the same widths, or no old row printed), else every edge of either side (a deleted row of a
    table whose widths changed spans the old edges)."""
    old_printed = any(r.status == "deleted" or (r.status != "inserted" and not r.same_shape) for r in table.rows)
    if table.same_grid and (old_edges == new_edges or not old_printed):
        return new_edges
    return sorted(set(old_edges) | set(new_edges))


def _filled(layout: list[tuple[int, Cell]], columns: int,
            covered: dict[int, int]) -> list[tuple[int, int, Cell | None, str]]:
    """A row's cells across the grid, as (start column, span, cell, vMerge): a cell None where a
    rowspan from above covers the column (“continue”) or a short row is filled out."""
    filled: list[tuple[int, int, Cell | None, str]] = []
    col = 0
    for start, cell in [*layout, (columns, None)]:
        while col < start:  # covered by a rowspan from above, or a short row filled out
            span = covered.get(col, 1)
            filled.append((col, span, None, "continue" if col in covered else ""))
            col += span
        if cell is None:
            break
        span = max(cell.colspan, 1)
        filled.append((start, span, cell, "restart" if cell.rowspan > 1 else ""))
        col = start + span
    return filled


def _cell_diff(cell: Cell | None, revision: str | None, by_new: dict[int, CellDiff]) -> TextDiff:
    """A cell's text as a diff: all inserted in an inserted row, all deleted in a deleted one, else
    its cell's diff (or the text unchanged); nothing in a filled-out cell."""
    if cell is None:
        return TextDiff()
    if revision == "ins":
        return TextDiff([Span("insert", "", cell.text)] if cell.text else [])
    if revision == "del":
        return TextDiff([Span("delete", cell.text, "")] if cell.text else [])
    found = by_new.get(id(cell))
    return found.text if found is not None else TextDiff([Span("equal", cell.text, cell.text)])


def _covered(layouts: list[list[tuple[int, Cell]]], rows: Sequence[object]) -> dict[int, dict[int, int]]:
    """For each row of one side (by id): grid column → span of the cells a rowspan above covers.

    Each side's merges are written as they are; after "accept all" or "reject all" only one side's
    rows remain, and their restart/continue cells follow each other again.
    """
    active: dict[int, tuple[int, int]] = {}  # start column → (span, rows still covered)
    out: dict[int, dict[int, int]] = {}
    for layout, row in zip(layouts, rows, strict=True):
        out[id(row)] = {start: span for start, (span, _) in active.items()}
        active = {start: (span, left - 1) for start, (span, left) in active.items() if left > 1}
        for start, cell in layout:
            if cell.rowspan > 1:
                active[start] = (max(cell.colspan, 1), cell.rowspan - 1)
    return out


def _tab_span(unit: TextDiff) -> Span:
    """The tab between department and unit exists where the unit line does."""
    if unit.old_text and unit.new_text:
        return Span("equal", "\t", "\t")
    return Span("insert", "", "\t") if unit.new_text else Span("delete", "\t", "")


def _edges(table: Table | None, columns: int, total: int) -> list[int]:
    """Column boundaries in twips across the text width (0 … total)."""
    if table is None or not columns:
        return [0, total]
    widths = table.widths if len(table.widths) == columns else [1] * columns
    edges = [0]
    for width in scale_widths(widths, total):
        edges.append(edges[-1] + width)
    return edges


def _page_of(blocks: list[BlockDiff], index: int) -> BlockDiff:
    """The block whose page ``blocks[index]`` is set on: a heading's table (or text) after it, unless a page starts
    between them; any other block's own."""
    block = blocks[index]
    headed = next((b for b in blocks[index:] if b.kind != "heading"), block) if block.kind == "heading" else block
    return block if headed is not block and any(headed.page_break) else headed


def _covered_both(table: TableDiff) -> dict[int, dict[int, int]]:
    """The grid places the merged cells of each row cover, of last year's rows and this year's (by the row's id)."""
    covered = _covered([r.old_layout for r in table.rows if r.old is not None], [r.old for r in table.rows if r.old is not None])
    covered.update(_covered([r.new_layout for r in table.rows if r.new is not None],
                            [r.new for r in table.rows if r.new is not None]))
    return covered


def _cell_rpr(cell: Cell | None, header: bool, bold_row: bool) -> str:
    """A cell's run properties: a figure the source lacks marked so; the header's, a total row's and a bold cell's
    text bold."""
    if cell is not None and cell.missing:
        return MISSING_RPR
    if header or bold_row or (cell is not None and cell.bold):
        return "<w:b/>"
    return ""
