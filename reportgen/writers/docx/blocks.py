"""Document → DOCX: a real Word document in the manner of an official disclosure, one method per
block type. python-docx supplies the package, the styles and the sections (package.py); what it has
no API for, or an API too slow for large tables, is written as WordprocessingML (ooxml.py)."""

from __future__ import annotations

import pathlib
from collections.abc import Callable

from docx.document import Document as DocxDocument
from docx.enum.section import WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_BREAK, WD_TAB_ALIGNMENT
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.oxml.table import CT_Tbl
from docx.shared import Emu
from docx.text.paragraph import Paragraph as DocxParagraph
from lxml import etree

from reportgen.atomic import write_atomically
from reportgen.document import (
    Block,
    Document,
    Heading,
    PageBreak,
    Paragraph,
    Table,
    Title,
)
from reportgen.writers.docx.ooxml import EMU_PER_TWIP, MISSING_RPR, clean, core_property, paragraph_xml, run_element
from reportgen.writers.docx.package import BASE_STYLE_IDS, open_base, save_spliced
from reportgen.writers.docx.styles import HEADING_LOOKS, set_page
from reportgen.writers.docx.tables import rows_xml, scale_widths, set_grid, set_table_properties


def write_docx(document: Document, path: pathlib.Path) -> None:
    """Write ``document`` to ``path`` atomically: the old file (or nothing) until it is complete."""
    write_atomically(pathlib.Path(path), docx_bytes(document))


def docx_bytes(document: Document) -> bytes:
    """The DOCX file for ``document``, as bytes."""
    return DocxWriter().package(document)


class DocxWriter:
    """Renders one Document; one method per block type."""

    def __init__(self) -> None:
        self.doc: DocxDocument = open_base()
        self._landscape = False
        # The last PageBreak paragraph, while nothing has followed it: a section break starts a
        # new page itself, and a page break right before one would leave a blank page.
        self._pending_break: DocxParagraph | None = None
        # Style name → id. Every writer starts from the same base package, so the ids found by
        # one (python-docx scans all styles per lookup) serve every later one in the process.
        self._style_ids: dict[str, str | None] = BASE_STYLE_IDS
        # The body's closing w:sectPr: new paragraphs go before it. python-docx keeps this element
        # as the last section's properties when it adds a section, so it is found only once.
        self._body_end = self.doc.element.body.get_or_add_sectPr()
        self._queued: list[str] = []  # paragraphs written but not yet placed (see _flush)
        # While package() renders: markup kept as text, its place marked by a comment (see _place_markup).
        self._chunks: list[str] | None = None
        self._text_widths: dict[bool, Emu] = {}  # by landscape

    def render(self, document: Document) -> DocxDocument:
        for block in document.blocks:
            self._place(block)
            self.block(block)
        self._flush()
        self._set_properties(document)
        return self.doc

    def package(self, document: Document) -> bytes:
        """The DOCX file, as ``render(document).save()`` writes it, made faster and smaller in
        memory for large documents: the bulk markup (table rows, runs of paragraphs) is never
        parsed into elements; it is spliced as text into the serialised body, where the same
        elements would have been serialised to the same text."""
        self._chunks = []
        try:
            self.render(document)
            return save_spliced(self.doc, self._chunks)
        finally:
            self._chunks = None

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
        self._pending_break = None

    # --- blocks -----------------------------------------------------------------------------

    def title(self, block: Title) -> None:
        self._write_paragraph(clean(block.text), "Title")
        if block.subtitle:
            self._write_paragraph(clean(block.subtitle), "Subtitle")

    def heading(self, block: Heading) -> None:
        level = min(max(block.level, 1), max(HEADING_LOOKS))
        self._write_paragraph(clean(block.full_text), f"Heading {level}")

    def paragraph(self, block: Paragraph) -> None:
        if block.role == "note":
            self._write_paragraph(clean(block.text), "Note")
        elif block.role == "banner":
            self._write_paragraph(clean(block.text), "Banner")
        elif block.role == "missing":
            self._add_paragraph("", "Normal")._p.append(run_element(block.text, MISSING_RPR))
        else:  # body and item look alike: an item's number is already in its text
            self._write_paragraph(clean(block.text), "Normal")

    def page_break(self, _block: PageBreak) -> None:
        paragraph = self._add_paragraph("", "Normal")
        paragraph.add_run().add_break(WD_BREAK.PAGE)
        self._pending_break = paragraph

    def table(self, block: Table) -> None:
        if not block.column_count:
            raise ValueError(f"table {block.id}: no columns")
        text_width = self._text_width()
        if block.number:
            self._write_paragraph(clean(block.number), "Table Number")
        if block.title:
            self._write_paragraph(clean(block.title), "Table Title")
        if block.department_line or block.unit_line:
            line = self._add_paragraph("", "Table Unit Line")
            # A right tab stop at the margin puts the unit flush right on the department's line.
            line.paragraph_format.tab_stops.add_tab_stop(text_width, WD_TAB_ALIGNMENT.RIGHT)
            line.add_run(clean(block.department_line))
            if block.unit_line:
                line.add_run("\t" + clean(block.unit_line))
        if block.header or block.body:  # Word rejects a w:tbl without rows
            self._table_grid(block, text_width)
        for note in block.notes:
            self._write_paragraph(clean(note), "Note")

    # --- paragraphs -------------------------------------------------------------------------
    # What ``doc.add_paragraph(text, style=style)`` adds, in linear time. python-docx resolves a
    # style name by scanning every style on each call, and finds the place for a new paragraph by
    # scanning the body for its closing w:sectPr: with thousands of paragraphs (a project list)
    # both made the writer quadratic. Here the style id is looked up once, paragraphs are written
    # as python-docx writes them, queued, parsed in one go (one parse each cost 20 µs) and put
    # right before the body's w:sectPr. Anything else that adds to the body flushes the queue first.

    def _write_paragraph(self, text: str, style: str) -> None:
        if style not in self._style_ids:
            self._style_ids[style] = self.doc.part.get_style_id(self.doc.styles[style], WD_STYLE_TYPE.PARAGRAPH)
        self._queued.append(paragraph_xml(text, self._style_ids[style]))

    def _add_paragraph(self, text: str, style: str) -> DocxParagraph:
        """A paragraph placed now, as an element, for the caller to add to."""
        self._flush()
        if style not in self._style_ids:
            self._style_ids[style] = self.doc.part.get_style_id(self.doc.styles[style], WD_STYLE_TYPE.PARAGRAPH)
        p = parse_xml(f"<w:body {nsdecls('w')}>{paragraph_xml(text, self._style_ids[style])}</w:body>")[0]
        self._body_end.addprevious(p)
        return DocxParagraph(p, self.doc._body)

    def _flush(self) -> None:
        """Place the queued paragraphs."""
        if self._queued:
            self._place_markup("".join(self._queued), self._body_end.addprevious)
            self._queued.clear()

    def _place_markup(self, markup: str, put: Callable[[etree._Element], None]) -> None:
        """Put the elements written in ``markup`` where ``put`` puts a node: parsed in one go, or
        while package() renders, kept as text behind a comment ``<!--rgN-->`` that save_spliced
        replaces with it (no source text can make a comment: it is escaped)."""
        if self._chunks is not None:
            put(etree.Comment(f"rg{len(self._chunks)}"))
            self._chunks.append(markup)
            return
        for element in list(parse_xml(f"<w:body {nsdecls('w')}>{markup}</w:body>")):
            put(element)

    def _table_grid(self, block: Table, text_width: Emu) -> None:
        self._flush()
        # doc.add_table(rows=0, cols=…) without its two searches of the whole body (the place
        # before w:sectPr, the last section's width): the same w:tbl, at the same place.
        tbl = CT_Tbl.new_tbl(0, block.column_count, text_width)
        self._body_end.addprevious(tbl)
        if "Table Grid" not in self._style_ids:  # as table.style = …, without a scan of all styles per table
            self._style_ids["Table Grid"] = self.doc.part.get_style_id(self.doc.styles["Table Grid"], WD_STYLE_TYPE.TABLE)
        tbl.tblStyle_val = self._style_ids["Table Grid"]
        widths = scale_widths(block.widths, round(text_width / EMU_PER_TWIP))
        set_table_properties(tbl)
        set_grid(tbl, widths)
        self._place_markup(rows_xml(block, widths), tbl.append)

    # --- sections and properties ------------------------------------------------------------

    def _place(self, block: Block) -> None:
        """Put a wide table on a landscape page and everything else back on portrait pages."""
        if isinstance(block, PageBreak):
            return
        wants_landscape = isinstance(block, Table) and block.wide
        if wants_landscape == self._landscape:
            return
        self._flush()
        if self._pending_break is not None:
            self._pending_break._p.getparent().remove(self._pending_break._p)
            self._pending_break = None
        body = self.doc.element.body
        if len(body) == 1 and body[0].tag == qn("w:sectPr"):
            section = self.doc.sections[0]  # nothing written yet: turn the first page instead
        else:
            section = self.doc.add_section(WD_SECTION.NEW_PAGE)
        set_page(section, landscape=wants_landscape)
        self._landscape = wants_landscape

    def _text_width(self) -> Emu:
        # doc.sections searches the whole body; a page's size and margins follow from its
        # orientation alone (set_page), so the width is read once per orientation.
        if self._landscape not in self._text_widths:
            section = self.doc.sections[-1]
            self._text_widths[self._landscape] = Emu(section.page_width - section.left_margin - section.right_margin)
        return self._text_widths[self._landscape]

    def _set_properties(self, document: Document) -> None:
        props = self.doc.core_properties
        title = document.meta.get("title") or next(
            (b.text for b in document.blocks if isinstance(b, Title)), ""
        )
        props.title = core_property(title)
        props.language = "zh-CN"
        # The template's own values ("python-docx", "Word Document") would show in File > Info.
        props.author = core_property(document.meta.get("department", "")) or "reportgen"
        props.last_modified_by = "reportgen"
        year = document.meta.get("year", "")
        props.subject = core_property(" ".join(v for v in (document.meta.get("department", ""), year) if v))
