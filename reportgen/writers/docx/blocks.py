"""Document → DOCX: a real Word document in the manner of an official disclosure, one method per
block type, written as WordprocessingML text (ooxml.py) on the base package (package.py), in the
very form python-docx would have given it: python-docx made the base, and is not imported here."""

from __future__ import annotations

import math
import pathlib

from reportgen.base.atomic import write_atomically
from reportgen.docmodel.document import (
    Block,
    Cover,
    Document,
    Heading,
    PageBreak,
    Paragraph,
    Table,
    Title,
)
from reportgen.writers.docx.look import HEADING_LEVELS, HEADING_POINTS
from reportgen.writers.docx.measure import condensing
from reportgen.writers.docx.ooxml import (
    MISSING_RPR,
    clean,
    core_property,
    page_reference_xml,
    paragraph_xml,
    plain_run_xml,
    ppr_xml,
    run_xml,
)
from reportgen.writers.docx.package import app_xml, base, core_xml, document_time, save
from reportgen.writers.docx.pages import PAGE_BREAK_BEFORE, cover_xml, footer_of, numbered_from_one, unnumbered
from reportgen.writers.docx.table_fit import Geometry, geometry
from reportgen.writers.docx.tables import (
    column_ems,
    on_new_page,
    row_parts,
    table_start_xml,
)

# The paragraph between the parts of a table (see tables.row_parts): empty, a point high, kept
# with the part after it; readers/office/docx.py joins the parts again across it.
_PART_GAP = ('<w:p><w:pPr><w:keepNext/><w:snapToGrid w:val="0"/><w:spacing w:before="0" w:after="0" w:line="20" '
             'w:lineRule="exact"/><w:ind w:firstLine="0"/><w:rPr><w:sz w:val="2"/><w:szCs w:val="2"/></w:rPr></w:pPr></w:p>')


def write_docx(document: Document, path: pathlib.Path) -> None:
    """Write ``document`` to ``path`` atomically: the old file (or nothing) until it is complete."""
    write_atomically(pathlib.Path(path), docx_bytes(document))


def docx_bytes(document: Document) -> bytes:
    """The DOCX file for ``document``, as bytes."""
    return DocxWriter().package(document)


def _leading(blocks: list[Block], index: int) -> Block:
    """The block whose page the block at ``index`` goes on: a heading's, the block it heads (a
    heading goes with its table onto a landscape page, never alone on the page before)."""
    for after in range(index, len(blocks)):  # not a slice of the rest: a copy of it for every block
        if not isinstance(blocks[after], Heading):
            return blocks[after] if isinstance(blocks[after], Table) else blocks[index]
    return blocks[index]


class DocxWriter:
    """Renders one Document; one method per block type. The body is a list of WordprocessingML
    pieces, joined once when the package is saved."""

    def __init__(self) -> None:
        self.base = base()
        self.style_ids = self.base.style_ids
        self.body: list[str] = []
        self._landscape = False
        self._first_section = True  # no page has turned yet
        # A PageBreak met and not yet written: the next paragraph (or table) starts the new page
        # (its w:pageBreakBefore, see _opening); a section break starts one itself.
        self._break_due = False
        self._laid: tuple[Table | None, Geometry] = (None, Geometry(False, 0.0, []))
        self._body_points = 14.0
        self._smallest = 10.5  # the smallest size a table's labels may be set in to stand on one line
        # The 目录's targets: each listed heading's or table's anchor → its bookmark, until placed.
        self._marks: dict[str, str] = {}
        self._contents = False
        # The layout's pages: its cover (written in place of the Title), whether the cover's
        # section is still open, whether the next section's pages are numbered from 1, whether the
        # page is still empty (nothing written since the last page or section break), the heading
        # levels that start a new page, and whether the 目录 stands on a page of its own.
        self._cover: Cover | None = None
        self._cover_open = False
        self._number_from_one = False
        self._fresh = True
        self._new_page_levels: frozenset[int] = frozenset()
        self._contents_alone = False
        self._all_landscape = False  # the layout's 页面: 横向 — every page landscape

    def render(self, document: Document) -> None:
        self.base = base(document.body_points, document.body_line)  # the layout's body size and line
        self._body_points = document.body_points
        self._smallest = document.table_smallest
        self._cover, self._new_page_levels = document.cover, document.new_page_levels
        self._contents_alone = document.contents_alone
        self._all_landscape = document.landscape
        contents_due = bool(document.contents)
        for index, block in enumerate(document.blocks):
            if contents_due and isinstance(block, Heading):  # the 目录 after the front matter
                self.contents(document)
                contents_due = False
            self._place(_leading(document.blocks, index))
            self.block(block)
        self._set_properties(document.meta, next((b.text for b in document.blocks if isinstance(b, Title)), ""))

    def package(self, document: Document) -> bytes:
        """The DOCX file."""
        self.render(document)
        return self.save()

    def save(self) -> bytes:
        closing = self._section(self.base.sections[self._state()][0])
        return save("".join(self.body), closing, self._core, self._when, self._app, update_fields=self._contents,
                    made=self.base)

    def block(self, block: Block) -> None:
        if isinstance(block, Title):
            self.title(block)
        elif isinstance(block, Heading):
            self.heading(block)
        elif isinstance(block, Paragraph):
            self.paragraph(block)
        elif isinstance(block, Table):
            self.table(block)
        elif isinstance(block, PageBreak):
            self.page_break(block)
            return
        else:
            raise TypeError(f"unknown block type: {type(block).__name__}")
        self._fresh = False

    # --- blocks -----------------------------------------------------------------------------

    def title(self, block: Title) -> None:
        if self._cover is not None:  # the layout's cover page stands in the title's place
            self.turn(self._cover.landscape)
            self.body.append(cover_xml(self._cover, self.text_twips(), self.style_ids["Title"],
                                       self.style_ids["Subtitle"]))
            self._cover_open = True
            return
        self._write_paragraph(clean(block.text), "Title")
        if block.subtitle:
            self._write_paragraph(clean(block.subtitle), "Subtitle")

    def heading(self, block: Heading) -> None:
        level = min(max(block.level, 1), HEADING_LEVELS)
        text = clean(block.full_text)
        points = HEADING_POINTS if level <= 3 else self._body_points
        indent = 0 if level == 1 else 2  # a part is centred; the others begin two characters in
        new_page = block.level in self._new_page_levels and not self._fresh
        self._write_paragraph(text, f"Heading {level}", block.anchor, self._closer(text, points, indent),
                              PAGE_BREAK_BEFORE if new_page else "")

    def _closer(self, text: str, points: float, indent: int = 0) -> str:
        """The run properties that set a heading's characters closer (w:spacing, in twentieths of a
        point) where it would leave one character alone on its last line (measure.condensing); none
        where it would not."""
        room = self.text_twips() / (points * 20) - indent
        closer = condensing(text, room)
        return f'<w:spacing w:val="-{math.ceil(closer * points * 20)}"/>' if closer else ""

    def paragraph(self, block: Paragraph) -> None:
        if block.role == "note":
            self._write_paragraph(clean(block.text), "Note")
        elif block.role == "banner":
            self._write_paragraph(clean(block.text), "Banner")
        elif block.role == "missing":
            self.body.append(f"<w:p>{ppr_xml(self.style_ids['Normal'], self._opening())}{run_xml(block.text, MISSING_RPR)}</w:p>")
        else:  # body and item look alike: an item's number is already in its text
            self._write_paragraph(clean(block.text), "Normal")

    def contents(self, document: Document) -> None:
        """The 目录 as the layout has it: its title, a line per heading or table indented by level,
        each ending in a dot leader to its page number — a PAGEREF field to a bookmark on the heading
        or the table's caption, written here with an empty result and w:updateFields; a render then
        fills the results with the pages LibreOffice lays the headings out on and drops
        w:updateFields (writers/contents_pages.py) — then a new page."""
        self.turn(self._all_landscape)
        if self._contents_alone and not self._fresh:  # the title above it keeps its page
            self.page_break(PageBreak())
        self._contents = True
        self._write_paragraph(clean(document.contents_title), "Subtitle")
        tabs = self.base.tabs[self._landscape].replace('w:val="right"', 'w:leader="dot" w:val="right"')
        for number, entry in enumerate(document.contents, start=1):
            indent = f'<w:ind w:left="{420 * (entry.level - 1)}"/>' if entry.level > 1 else ""
            line = plain_run_xml(clean(entry.text))
            if entry.anchor:  # two lines may share one (上海's 五、部门预算表 and its first table's)
                mark = self._marks.setdefault(entry.anchor, f"_Toc{number}")
                line += "<w:r><w:tab/></w:r>" + page_reference_xml(mark)
            self.body.append(f"<w:p>{ppr_xml(self.style_ids['Normal'], self._opening() + tabs + indent)}{line}</w:p>")
        self._fresh = False
        self.page_break(PageBreak())

    def page_break(self, _block: PageBreak) -> None:
        """A new page: the next paragraph's (or table's) w:pageBreakBefore, not a paragraph holding a
        break. Such a paragraph takes a line of its own: after a table or text that fills its page to
        the bottom, that line falls on the next page, and its break leaves that page blank. A
        paragraph that starts a new page is at the top of one whatever came before. Nothing on a page
        that is still empty (a second break, a break at the start or after a section break)."""
        self._break_due = self._break_due or not self._fresh
        self._fresh = True

    def _opening(self) -> str:
        """The paragraph properties that start the new page a PageBreak asked for ("" if none is due)."""
        if not self._break_due:
            return ""
        self._break_due = False
        return PAGE_BREAK_BEFORE

    def table(self, block: Table) -> None:
        if not block.column_count:
            raise ValueError(f"table {block.id}: no columns")
        self._above_table(block)
        if block.header or block.body:  # Word rejects a w:tbl without rows
            self._table_grid(block)
        for note in block.notes:
            self._write_paragraph(clean(note), "Note")

    def _above_table(self, block: Table) -> None:
        """The lines above a table: its number, its title, and the department's line with the unit flush right."""
        anchor = f"table-{block.id}"
        if block.number:
            self._write_paragraph(clean(block.number), "Table Number", anchor)
        if block.title:
            title = clean(block.title)
            self._write_paragraph(title, "Table Title", anchor, self._closer(title, HEADING_POINTS))
        if block.department_line or block.unit_line:
            # A right tab stop at the margin puts the unit flush right on the department's line.
            runs = plain_run_xml(clean(block.department_line))
            if block.unit_line:
                runs += plain_run_xml("\t" + clean(block.unit_line))
            ppr = ppr_xml(self.style_ids["Table Unit Line"], self._opening() + self.base.tabs[self._landscape])
            self.body.append(f"<w:p>{ppr}{runs}</w:p>")

    def _table_grid(self, block: Table) -> None:
        """The table's rows, at the size and widths chosen for its page, in parts kept apart."""
        laid = self._geometry(block)
        points, widths = laid.points, laid.widths
        start = table_start_xml(self.style_ids["Table Grid"], widths)
        # a table in parts (see row_parts): kept apart by a paragraph a point high, or Word
        # and LibreOffice would join them into one table again
        tables = _PART_GAP.join(start + rows + "</w:tbl>" for rows in row_parts(block, widths, points))
        self.body.append(on_new_page(tables) if self._opening() else tables)

    def _geometry(self, block: Table) -> Geometry:
        """The table's page, size and widths (table_fit.geometry), chosen once, for its page and its widths."""
        if self._laid[0] is not block:
            self._laid = (block, geometry(block, self.pages(), column_ems(block), self._smallest))
        return self._laid[1]

    def pages(self) -> dict[bool, int]:
        """The text's width (twips) on a portrait and a landscape page, as this document's pages are:
        on a layout whose every page is landscape, a table fits the landscape page it stands on."""
        widths = self.base.text_twips
        return {False: widths[True], True: widths[True]} if self._all_landscape else widths

    def _write_paragraph(self, text: str, style: str, anchor: str = "", rpr: str = "", properties: str = "") -> None:
        """A paragraph of ``text`` in ``style`` (its run with properties ``rpr``, and paragraph
        ``properties`` beyond the style's, if any); bookmarked when the 目录 lists ``anchor`` and no
        paragraph holds its bookmark yet."""
        mark = self._marks.pop(anchor, "") if anchor else ""
        properties = self._opening() + properties
        run = plain_run_xml(text, rpr)
        if not mark and not properties and not rpr:
            self.body.append(paragraph_xml(text, self.style_ids[style]))
            return
        if not mark:
            self.body.append(f"<w:p>{ppr_xml(self.style_ids[style], properties)}{run}</w:p>")
            return
        number = mark.removeprefix("_Toc")
        self.body.append(f"<w:p>{ppr_xml(self.style_ids[style], properties)}<w:bookmarkStart w:id=\"{number}\" w:name=\"{mark}\"/>"
                         f"{run}<w:bookmarkEnd w:id=\"{number}\"/></w:p>")

    # --- sections and properties ------------------------------------------------------------

    def _state(self) -> str:
        return ("first " if self._first_section else "") + ("landscape" if self._landscape else "portrait")

    def text_twips(self) -> int:
        """The width of the text on the current page, in twips."""
        return self.base.text_twips[self._landscape]

    def _place(self, block: Block) -> None:
        """Put a wide table on a landscape page and everything else back on portrait pages (every
        block on a landscape page, where the layout's pages are all landscape)."""
        if isinstance(block, PageBreak):
            return
        self.turn(self._all_landscape or (isinstance(block, Table) and self._geometry(block).landscape))

    def turn(self, landscape: bool) -> None:
        """Go on on a page of that orientation: a new section when the page turns (the first
        page is turned instead while nothing is written)."""
        if self._cover_open:  # the cover's page ends, unnumbered; the next page is numbered 1
            self.body.append(unnumbered(self.base.sections[self._state()][1]))
            self._first_section, self._cover_open, self._number_from_one = False, False, True
            self._landscape, self._fresh, self._break_due = landscape, True, False
            return
        if landscape == self._landscape:
            return
        self._break_due = False  # the section break starts the new page
        if self.body:
            self.body.append(self._section(self.base.sections[self._state()][1]))
            self._first_section, self._fresh = False, True
        self._landscape = landscape

    def _section(self, properties: str) -> str:
        """A section's properties as the pages before it need them: the cover's without a number,
        the first after the cover numbered from 1."""
        if self._cover_open:
            self._cover_open = False
            return unnumbered(properties)
        if self._number_from_one:
            self._number_from_one = False
            return numbered_from_one(properties, footer_of(self.base.sections["first portrait"][0]))
        return properties

    def _set_properties(self, meta: dict[str, str], title: str) -> None:
        department = meta.get("department", "")
        year = meta.get("year", "")
        self._when = document_time(year)
        self._app = app_xml(core_property(department))
        self._core = core_xml({
            "title": core_property(meta.get("title") or title),
            "language": "zh-CN",
            # The template's own values ("python-docx", "Word Document") would show in File > Info.
            "author": core_property(department) or "reportgen",
            "last_modified_by": "reportgen",
            "subject": core_property(" ".join(v for v in (department, year) if v)),
        }, self._when)
