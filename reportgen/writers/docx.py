"""Document → DOCX: a real Word document in the manner of an official disclosure.

python-docx supplies the package, the styles and the sections; everything it has no API for (or
an API too slow for large tables) is written as WordprocessingML through ``docx.oxml``. Fonts and
spacing live in styles, so a user restyling the file in Word changes one style, not every run.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import io
import json
import os
import pathlib
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass

import docx
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_TAB_ALIGNMENT
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.oxml import serialize_part_xml
from docx.opc.package import Unmarshaller
from docx.opc.packuri import PackURI
from docx.opc.part import Part, PartFactory, XmlPart
from docx.opc.pkgreader import PackageReader
from docx.opc.pkgwriter import PackageWriter
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.oxml.table import CT_Tbl
from docx.package import Package
from docx.shared import Cm, Emu, Pt, RGBColor
from docx.styles.style import ParagraphStyle
from docx.text.paragraph import Paragraph as DocxParagraph
from lxml import etree

from reportgen.atomic import write_atomically
from reportgen.document import (
    Block,
    Cell,
    Document,
    Heading,
    PageBreak,
    Paragraph,
    Row,
    Table,
    Title,
)

LATIN_FONT = "Times New Roman"
BODY_FONT = "仿宋_GB2312"
TITLE_FONT = "方正小标宋简体"
HEI_FONT = "黑体"
KAI_FONT = "楷体_GB2312"
TABLE_FONT = "宋体"

BODY_SIZE = Pt(14)
HEADING_SIZE = Pt(16)
TABLE_SIZE = Pt(10.5)  # 五号
NOTE_SIZE = Pt(10.5)
LINE_EXACT = Pt(28)  # the fixed 28-point line of official documents

RED = "FF0000"
HEADER_FILL = "D9D9D9"

# GB/T 9704 margins. The landscape page keeps the portrait's binding-side margins for top and
# bottom and splits the rest evenly, which leaves the 24.6 cm text width wide tables are drawn for.
PORTRAIT = {"top": Cm(3.7), "bottom": Cm(3.5), "left": Cm(2.8), "right": Cm(2.6)}
LANDSCAPE = {"top": Cm(2.8), "bottom": Cm(2.6), "left": Cm(2.55), "right": Cm(2.55)}
A4_SHORT, A4_LONG = Cm(21.0), Cm(29.7)

_THEME_ATTRS = tuple(qn(f"w:{a}") for a in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"))
# XML 1.0 forbids these; lxml raises on them, so a stray control character in a source value
# would otherwise abort the whole render.
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_EMU_PER_TWIP = 635


@dataclass(frozen=True)
class _HeadingLook:
    font: str
    size: Pt
    bold: bool
    centered: bool


# Level 1 is a part (第一部分, centred 黑体); 一、 黑体; （一） 楷体; 1. and （1） 仿宋 bold.
_HEADING_LOOKS = {
    1: _HeadingLook(HEI_FONT, HEADING_SIZE, False, True),
    2: _HeadingLook(HEI_FONT, HEADING_SIZE, False, False),
    3: _HeadingLook(KAI_FONT, HEADING_SIZE, False, False),
    4: _HeadingLook(BODY_FONT, BODY_SIZE, True, False),
    5: _HeadingLook(BODY_FONT, BODY_SIZE, True, False),
}


def write_docx(document: Document, path: pathlib.Path) -> None:
    """Write ``document`` to ``path`` atomically: the old file (or nothing) until it is complete."""
    write_atomically(pathlib.Path(path), docx_bytes(document))


def docx_bytes(document: Document) -> bytes:
    """The DOCX file for ``document``, as bytes."""
    return DocxWriter().package(document)


class DocxWriter:
    """Renders one Document; one method per block type."""

    def __init__(self) -> None:
        self.doc: DocxDocument = _open_base()
        self._landscape = False
        # The last PageBreak paragraph, while nothing has followed it: a section break starts a
        # new page itself, and a page break right before one would leave a blank page.
        self._pending_break: DocxParagraph | None = None
        # Style name → id. Every writer starts from the same base package, so the ids found by
        # one (python-docx scans all styles per lookup) serve every later one in the process.
        self._style_ids: dict[str, str | None] = _BASE_STYLE_IDS
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
            return _save_spliced(self.doc, self._chunks)
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
        self._write_paragraph(_clean(block.text), "Title")
        if block.subtitle:
            self._write_paragraph(_clean(block.subtitle), "Subtitle")

    def heading(self, block: Heading) -> None:
        level = min(max(block.level, 1), max(_HEADING_LOOKS))
        self._write_paragraph(_clean(block.full_text), f"Heading {level}")

    def paragraph(self, block: Paragraph) -> None:
        if block.role == "note":
            self._write_paragraph(_clean(block.text), "Note")
        elif block.role == "banner":
            self._write_paragraph(_clean(block.text), "Banner")
        elif block.role == "missing":
            self._add_paragraph("", "Normal")._p.append(_run(block.text, MISSING_RPR))
        else:  # body and item look alike: an item's number is already in its text
            self._write_paragraph(_clean(block.text), "Normal")

    def page_break(self, _block: PageBreak) -> None:
        paragraph = self._add_paragraph("", "Normal")
        paragraph.add_run().add_break(WD_BREAK.PAGE)
        self._pending_break = paragraph

    def table(self, block: Table) -> None:
        if not block.column_count:
            raise ValueError(f"table {block.id}: no columns")
        text_width = self._text_width()
        if block.number:
            self._write_paragraph(_clean(block.number), "Table Number")
        if block.title:
            self._write_paragraph(_clean(block.title), "Table Title")
        if block.department_line or block.unit_line:
            line = self._add_paragraph("", "Table Unit Line")
            # A right tab stop at the margin puts the unit flush right on the department's line.
            line.paragraph_format.tab_stops.add_tab_stop(text_width, WD_TAB_ALIGNMENT.RIGHT)
            line.add_run(_clean(block.department_line))
            if block.unit_line:
                line.add_run("\t" + _clean(block.unit_line))
        if block.header or block.body:  # Word rejects a w:tbl without rows
            self._table_grid(block, text_width)
        for note in block.notes:
            self._write_paragraph(_clean(note), "Note")

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
        self._queued.append(_paragraph_xml(text, self._style_ids[style]))

    def _add_paragraph(self, text: str, style: str) -> DocxParagraph:
        """A paragraph placed now, as an element, for the caller to add to."""
        self._flush()
        if style not in self._style_ids:
            self._style_ids[style] = self.doc.part.get_style_id(self.doc.styles[style], WD_STYLE_TYPE.PARAGRAPH)
        p = parse_xml(f"<w:body {nsdecls('w')}>{_paragraph_xml(text, self._style_ids[style])}</w:body>")[0]
        self._body_end.addprevious(p)
        return DocxParagraph(p, self.doc._body)

    def _flush(self) -> None:
        """Place the queued paragraphs."""
        if self._queued:
            self._place_markup("".join(self._queued), self._body_end.addprevious)
            self._queued.clear()

    def _place_markup(self, markup: str, put: Callable[[etree._Element], None]) -> None:
        """Put the elements written in ``markup`` where ``put`` puts a node: parsed in one go, or
        while package() renders, kept as text behind a comment ``<!--rgN-->`` that _save_spliced
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
        widths = _scale(block.widths, round(text_width / _EMU_PER_TWIP))
        _set_table_properties(tbl)
        _set_grid(tbl, widths)
        self._place_markup(_rows_xml(block, widths), tbl.append)

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
        _set_page(section, landscape=wants_landscape)
        self._landscape = wants_landscape

    def _text_width(self) -> Emu:
        # doc.sections searches the whole body; a page's size and margins follow from its
        # orientation alone (_set_page), so the width is read once per orientation.
        if self._landscape not in self._text_widths:
            section = self.doc.sections[-1]
            self._text_widths[self._landscape] = Emu(section.page_width - section.left_margin - section.right_margin)
        return self._text_widths[self._landscape]

    def _set_properties(self, document: Document) -> None:
        props = self.doc.core_properties
        title = document.meta.get("title") or next(
            (b.text for b in document.blocks if isinstance(b, Title)), ""
        )
        props.title = _property(title)
        props.language = "zh-CN"
        # The template's own values ("python-docx", "Word Document") would show in File > Info.
        props.author = _property(document.meta.get("department", "")) or "reportgen"
        props.last_modified_by = "reportgen"
        year = document.meta.get("year", "")
        props.subject = _property(" ".join(v for v in (document.meta.get("department", ""), year) if v))


# --- styles ---------------------------------------------------------------------------------


_BASE_STYLE_IDS: dict[str, str | None] = {}
# The styles this writer uses, by name; their ids are looked up when the base package is built.
_USED_STYLES = {name: WD_STYLE_TYPE.PARAGRAPH for name in (
    "Normal", "Title", "Subtitle", "Note", "Banner", "Table Number", "Table Title", "Table Unit Line",
    *(f"Heading {level}" for level in _HEADING_LOOKS))} | {"Table Grid": WD_STYLE_TYPE.TABLE}


@functools.cache
def _base_package() -> bytes:
    """The empty document every writer starts from: python-docx's template with the styles, the
    first page and its footer set up. Built once per process, or read from the user's cache
    folder where an earlier process built it with the same python-docx and this same module
    (building it took a fifth of a whole `reportgen render` of a small source)."""
    versions = f"{docx.__version__} {etree.LXML_VERSION}\0".encode()
    key = hashlib.sha256(versions + pathlib.Path(__file__).read_bytes()).hexdigest()[:20]
    folder = _cache_folder()
    package, ids = (folder / f"docx-base-{key}.docx", folder / f"docx-base-{key}.json") if folder else (None, None)
    if package is not None and ids is not None:
        try:
            data, style_ids = package.read_bytes(), json.loads(ids.read_text(encoding="utf-8"))
            if zipfile.is_zipfile(io.BytesIO(data)) and isinstance(style_ids, dict):
                _BASE_STYLE_IDS.update(style_ids)
                return data
        except (OSError, ValueError):
            pass
    data, style_ids = _build_base_package()
    _BASE_STYLE_IDS.update(style_ids)
    if package is not None and ids is not None:
        with contextlib.suppress(OSError):  # a cache that cannot be written costs a build next time
            write_atomically(ids, json.dumps(style_ids).encode())
            write_atomically(package, data)
    return data


def _build_base_package() -> tuple[bytes, dict[str, str | None]]:
    doc = docx.Document()
    _setup_styles(doc)
    section = doc.sections[0]
    _set_page(section, landscape=False)
    _add_page_number_footer(section)
    style_ids = {name: doc.part.get_style_id(doc.styles[name], kind) for name, kind in _USED_STYLES.items()}
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue(), style_ids


def _cache_folder() -> pathlib.Path | None:
    """$XDG_CACHE_HOME/reportgen (~/.cache/reportgen), the user's own; None where there is none."""
    base = os.environ.get("XDG_CACHE_HOME") or (os.path.join(os.path.expanduser("~"), ".cache")
                                                 if os.path.expanduser("~") != "~" else "")
    if not base:
        return None
    folder = pathlib.Path(base) / "reportgen"
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    except OSError:
        return None
    return folder


class _SplicedPart:
    """A part as PackageWriter sees it, with the body's bytes given."""

    def __init__(self, part: Part, blob: bytes) -> None:
        self.partname, self.content_type, self.rels, self.blob = part.partname, part.content_type, part.rels, blob


_SPLICE_MARK = re.compile(rb"<!--rg(\d+)-->")


def _save_spliced(doc: DocxDocument, chunks: list[str]) -> bytes:
    """``doc.save()`` to bytes, with each ``<!--rgN-->`` of the body replaced by ``chunks[N]``."""
    part = doc.part
    pieces = _SPLICE_MARK.split(serialize_part_xml(part.element))
    for index in range(1, len(pieces), 2):
        pieces[index] = chunks[int(pieces[index])].encode("utf-8")
    body = b"".join(pieces)
    del pieces
    package = part.package
    for each in package.parts:
        each.before_marshal()
    buffer = io.BytesIO()
    PackageWriter.write(buffer, package.rels, [_SplicedPart(p, body) if p is part else p for p in package.parts])
    return buffer.getvalue()


def _open_base() -> DocxDocument:
    """The base package opened for one more document, as ``docx.Document(bytes)`` opens it, except
    that XML parts other than the body and the core properties stay the bytes python-docx wrote
    until something asks for their content. The writer never does after _base_package: parsing
    and re-serialising the template's 340 KB styles.xml was half the time of a small document."""
    package = Package()
    Unmarshaller.unmarshal(PackageReader.from_file(io.BytesIO(_base_package())), package, _base_part)
    return package.main_document_part.document


def _base_part(partname: PackURI, content_type: str, reltype: str, blob: bytes, package: Package) -> Part:
    """python-docx's PartFactory, with the XML parts that do not change kept as bytes."""
    if content_type in (CT.WML_DOCUMENT_MAIN, CT.OPC_CORE_PROPERTIES):
        return PartFactory(partname, content_type, reltype, blob, package)
    part_class = PartFactory.part_type_for.get(content_type, PartFactory.default_part_type)
    if issubclass(part_class, XmlPart):
        return _kept_class(part_class)(partname, content_type, blob, package)
    return part_class.load(partname, content_type, blob, package)


class _KeptXml:
    """Mixin for an XmlPart kept as its serialised bytes: parsed on first use of its element,
    saved as those same bytes while nobody has used it."""

    def __init__(self, partname: PackURI, content_type: str, blob: bytes, package: Package) -> None:
        Part.__init__(self, partname, content_type, package=package)  # type: ignore[arg-type]
        self._kept_blob = blob
        self._parsed = None

    @property
    def _element(self):  # type: ignore[no-untyped-def]
        if self._parsed is None:
            self._parsed = parse_xml(self._kept_blob)
        return self._parsed

    @property
    def blob(self) -> bytes:
        return self._kept_blob if self._parsed is None else serialize_part_xml(self._parsed)


@functools.cache
def _kept_class(part_class: type[XmlPart]) -> type[XmlPart]:
    return type(f"Kept{part_class.__name__}", (_KeptXml, part_class), {})


def _setup_styles(doc: DocxDocument) -> None:
    styles_el = doc.styles.element
    # The default template ties every font to the theme; a theme attribute beats an explicit
    # name, so Han text would show in the theme's (Japanese) font. Strip them everywhere.
    for rfonts in styles_el.iter(qn("w:rFonts")):
        for attr in _THEME_ATTRS:
            rfonts.attrib.pop(attr, None)
    _set_doc_defaults(styles_el)
    theme_lang = doc.settings.element.find(qn("w:themeFontLang"))
    if theme_lang is not None:
        theme_lang.set(qn("w:eastAsia"), "zh-CN")

    normal = doc.styles["Normal"]
    _fonts(normal, BODY_FONT)
    normal.font.size = BODY_SIZE
    fmt = normal.paragraph_format
    fmt.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    fmt.line_spacing = LINE_EXACT  # a Length sets an exact line
    fmt.space_before = Pt(0)
    fmt.space_after = Pt(0)
    _first_line_chars(normal, 2, BODY_SIZE)

    title = doc.styles["Title"]
    _fonts(title, TITLE_FONT, latin=TITLE_FONT)
    _plain_look(title, Pt(22), bold=False)
    _remove(title.element.pPr, "w:pBdr", "w:contextualSpacing")
    _remove(title.element.rPr, "w:spacing", "w:kern")
    title.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.paragraph_format.line_spacing = 1.0
    title.paragraph_format.space_before = Pt(0)
    title.paragraph_format.space_after = Pt(14)
    _first_line_chars(title, 0, Pt(22))

    subtitle = doc.styles["Subtitle"]
    _remove(subtitle.element.pPr, "w:numPr")  # the template numbers subtitles; ours are not
    _remove(subtitle.element.rPr, "w:spacing")
    _fonts(subtitle, KAI_FONT)
    _plain_look(subtitle, HEADING_SIZE, bold=False)
    subtitle.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    subtitle.paragraph_format.space_after = Pt(14)
    _first_line_chars(subtitle, 0, HEADING_SIZE)

    for level, look in _HEADING_LOOKS.items():
        heading = doc.styles[f"Heading {level}"]
        # Heading 4 and 5 are hidden in the template's gallery; they are used here.
        heading.hidden = False
        heading.unhide_when_used = False
        _fonts(heading, look.font, latin=look.font)
        _plain_look(heading, look.size, bold=look.bold)
        fmt = heading.paragraph_format
        fmt.keep_with_next = True
        fmt.line_spacing = LINE_EXACT
        fmt.space_before = Pt(14) if level == 1 else Pt(0)
        fmt.space_after = Pt(14) if level == 1 else Pt(0)
        if look.centered:
            fmt.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _first_line_chars(heading, 0 if look.centered else 2, look.size)

    _add_style(doc, "Note", font=BODY_FONT, size=NOTE_SIZE, indent_chars=0, single=True)
    banner = _add_style(doc, "Banner", font=HEI_FONT, size=BODY_SIZE, indent_chars=0, bold=True)
    banner.font.color.rgb = RGBColor.from_string(RED)
    banner.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER

    number = _add_style(doc, "Table Number", font=HEI_FONT, size=BODY_SIZE, indent_chars=0, single=True)
    number.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.LEFT
    number.paragraph_format.space_before = Pt(12)
    table_title = _add_style(
        doc, "Table Title", font=HEI_FONT, size=HEADING_SIZE, indent_chars=0, bold=True, single=True
    )
    table_title.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    table_title.paragraph_format.space_after = Pt(6)
    unit_line = _add_style(doc, "Table Unit Line", font=BODY_FONT, size=Pt(12), indent_chars=0, single=True)
    unit_line.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.LEFT
    unit_line.paragraph_format.space_after = Pt(3)
    for style in (number, table_title, unit_line):
        style.paragraph_format.keep_with_next = True  # never a caption alone at a page's foot
    _add_style(doc, "Table Text", font=TABLE_FONT, size=TABLE_SIZE, indent_chars=0, single=True)

    footer = doc.styles["Footer"]
    _remove(footer.element.pPr, "w:tabs")  # Letter-width tab stops; the number is centred instead
    _fonts(footer, TABLE_FONT)
    footer.font.size = BODY_SIZE
    footer.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer.paragraph_format.line_spacing = 1.0
    _first_line_chars(footer, 0, BODY_SIZE)


def _set_doc_defaults(styles_el) -> None:
    rpr = styles_el.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}")
    _set_rfonts(rpr, BODY_FONT, LATIN_FONT)
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), "en-US")
    lang.set(qn("w:eastAsia"), "zh-CN")
    lang.set(qn("w:bidi"), "ar-SA")


def _add_style(doc: DocxDocument, name: str, *, font: str, size: Pt, indent_chars: int,
               bold: bool = False, single: bool = False) -> ParagraphStyle:
    style = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = doc.styles["Normal"]
    style.quick_style = True
    _fonts(style, font)
    style.font.size = size
    if bold:
        style.font.bold = True
    if single:
        style.paragraph_format.line_spacing = 1.0
    _first_line_chars(style, indent_chars, size)
    return style


def _fonts(style: ParagraphStyle, east_asia: str, latin: str = LATIN_FONT) -> None:
    _set_rfonts(style.element.get_or_add_rPr(), east_asia, latin)


def _set_rfonts(rpr, east_asia: str, latin: str) -> None:
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = OxmlElement("w:rFonts")
        rpr.insert(0, rfonts)  # rFonts comes first in w:rPr (after rStyle, never used in styles)
    for attr in _THEME_ATTRS:
        rfonts.attrib.pop(attr, None)
    for slot in ("ascii", "hAnsi", "cs"):
        rfonts.set(qn(f"w:{slot}"), latin)
    rfonts.set(qn("w:eastAsia"), east_asia)


def _plain_look(style: ParagraphStyle, size: Pt, *, bold: bool) -> None:
    """Black, upright, ``size``: the template's headings are blue, some italic."""
    style.font.size = size
    style.font.bold = bold
    style.font.italic = False
    rpr = style.element.get_or_add_rPr()
    _remove(rpr, "w:bCs", "w:iCs")
    style.font.color.rgb = RGBColor(0, 0, 0)
    color = rpr.find(qn("w:color"))
    for attr in ("themeColor", "themeShade", "themeTint"):
        color.attrib.pop(qn(f"w:{attr}"), None)


def _first_line_chars(style: ParagraphStyle, chars: int, size: Pt) -> None:
    """First-line indent in characters (Word, WPS) with a twips value for readers without them."""
    ind = style.element.get_or_add_pPr().get_or_add_ind()
    ind.set(qn("w:firstLineChars"), str(chars * 100))
    ind.set(qn("w:firstLine"), str(round(chars * size.pt * 20)))


def _remove(parent, *tags: str) -> None:
    if parent is None:
        return
    for tag in tags:
        for child in parent.findall(qn(tag)):
            parent.remove(child)


# --- page setup and footer ------------------------------------------------------------------


def _set_page(section, *, landscape: bool) -> None:
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = A4_LONG, A4_SHORT
        margins = LANDSCAPE
    else:
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = A4_SHORT, A4_LONG
        margins = PORTRAIT
    section.top_margin = margins["top"]
    section.bottom_margin = margins["bottom"]
    section.left_margin = margins["left"]
    section.right_margin = margins["right"]
    section.header_distance = Cm(1.5)
    # The page number sits just below the text block (GB/T 9704: about 7 mm under it).
    section.footer_distance = margins["bottom"] - Cm(1.0)


def _add_page_number_footer(section) -> None:
    """"— N —" centred, N a PAGE field; later sections inherit this footer (python-docx links them)."""
    paragraph = section.footer.paragraphs[0]
    paragraph.style = "Footer"
    field = (
        _run_xml("— ")
        + '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        + '<w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>'
        + '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
        + _run_xml("1")  # the cached result, shown by readers that do not update fields
        + '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
        + _run_xml(" —")
    )
    paragraph._p.extend(parse_xml(f"<w:p {nsdecls('w')}>{field}</w:p>"))


# --- tables ---------------------------------------------------------------------------------


def _scale(widths: list[int], total: int) -> list[int]:
    """Relative widths → twips summing exactly to ``total`` (the last column takes the rounding)."""
    shares = [max(w, 0) for w in widths]
    if not sum(shares):
        shares = [1] * len(widths)
    out = [total * s // sum(shares) for s in shares]
    out[-1] += total - sum(out)
    return out


def _set_table_properties(tbl) -> None:
    tblPr = tbl.tblPr
    _remove(tblPr, "w:tblW", "w:tblLayout", "w:jc")
    width = OxmlElement("w:tblW")
    width.set(qn("w:w"), "5000")  # fiftieths of a percent: the full text width
    width.set(qn("w:type"), "pct")
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    jc = OxmlElement("w:jc")
    jc.set(qn("w:val"), "center")
    # Schema order: tblStyle, (…), tblW, jc, (…), tblLayout, tblCellMar, tblLook.
    style = tblPr.find(qn("w:tblStyle"))
    if style is not None:
        style.addnext(width)
    else:
        tblPr.insert(0, width)
    width.addnext(jc)
    look = tblPr.find(qn("w:tblLook"))
    if look is not None:
        look.addprevious(layout)
    else:
        tblPr.append(layout)


def _set_grid(tbl, widths: list[int]) -> None:
    grid = tbl.tblGrid
    for col in list(grid):
        grid.remove(col)
    for w in widths:
        col = OxmlElement("w:gridCol")
        col.set(qn("w:w"), str(w))
        grid.append(col)


def _build_rows(block: Table, widths: list[int]) -> list:
    """The table's w:tr elements, header bands first (see _rows_xml)."""
    return list(parse_xml(f"<w:tbl {nsdecls('w')}>{_rows_xml(block, widths)}</w:tbl>"))


def _rows_xml(block: Table, widths: list[int]) -> str:
    """The table's w:tr elements as markup, header bands first.

    Row.cells omits cells covered by a rowspan from above, so the grid column of each cell is
    found by walking the row past the columns still covered; each covered position gets a
    ``vMerge`` continuation cell (Word needs one, with the covering cell's gridSpan).

    Rows are written as markup and parsed in one go: lxml parses a 2,000-row table in a few
    hundredths of a second, where creating its 160,000 elements one by one takes over a second.
    """
    columns = len(widths)
    covered: dict[int, tuple[int, int]] = {}  # start column → (colspan, rows still to cover)
    rows: list[str] = []
    for index, row in enumerate(block.header + block.body):
        is_header = index < len(block.header)
        tcs: list[str] = []
        cells = iter(row.cells)
        col = 0
        while col < columns:
            if col in covered:
                span, left = covered[col]
                tcs.append(_tc(Cell(""), row, is_header, widths[col:col + span], merge="continue"))
                if left > 1:
                    covered[col] = (span, left - 1)
                else:
                    del covered[col]
                col += span
                continue
            cell = next(cells, None)
            if cell is None:  # a short row: fill the grid so Word and LibreOffice agree
                cell = Cell("")
            span = max(cell.colspan, 1)
            if col + span > columns or (span > 1 and any(c in covered for c in range(col + 1, col + span))):
                raise ValueError(f"table {block.id}: row {index + 1} does not fit {columns} columns")
            merge = None
            if cell.rowspan > 1:
                merge = "restart"
                covered[col] = (span, cell.rowspan - 1)
            tcs.append(_tc(cell, row, is_header, widths[col:col + span], merge=merge))
            col += span
        if next(cells, None) is not None:
            raise ValueError(f"table {block.id}: row {index + 1} has more cells than {columns} columns")
        # cantSplit keeps a row on one page; tblHeader repeats the leading rows on every page.
        tr_pr = "<w:cantSplit/><w:tblHeader/>" if is_header else "<w:cantSplit/>"
        rows.append(f"<w:tr><w:trPr>{tr_pr}</w:trPr>{''.join(tcs)}</w:tr>")
    return "".join(rows)


def _tc(cell: Cell, row: Row, is_header: bool, widths: list[int], merge: str | None) -> str:
    """One w:tc; children in schema order (tcW, gridSpan, vMerge, shd, vAlign), always a w:p."""
    indent = cell.indent if cell.indent > 0 and not is_header else 0
    jc = "center" if is_header else _JC.get(cell.align, "left")
    run = ""
    if cell.text:
        if cell.missing:
            rpr = MISSING_RPR
        elif is_header or cell.bold or row.kind in ("total", "subtotal"):
            rpr = "<w:b/>"
        else:
            rpr = ""
        run = _run_xml(cell.text, rpr)
    return f"{_tc_open(sum(widths), len(widths), merge, is_header, indent, jc)}{run}</w:p></w:tc>"


def tc_properties(width: int, span: int, merge: str | None, is_header: bool) -> str:
    """A cell's w:tcPr content: width, merges, header shading (shared with the diff writer)."""
    pr = [f'<w:tcW w:w="{width}" w:type="dxa"/>']
    if span > 1:
        pr.append(f'<w:gridSpan w:val="{span}"/>')
    if merge == "restart":
        pr.append('<w:vMerge w:val="restart"/>')
    elif merge == "continue":
        pr.append("<w:vMerge/>")  # no val: continue the merge from above
    if is_header:
        pr.append(f'<w:shd w:val="clear" w:color="auto" w:fill="{HEADER_FILL}"/>')
    pr.append('<w:vAlign w:val="center"/>')
    return "".join(pr)


def cell_indent(indent: int) -> str:
    """A cell paragraph's left indent in characters (and twips, for readers ignoring chars)."""
    if indent <= 0:
        return ""
    twips = round(indent * TABLE_SIZE.pt * 20)
    return f'<w:ind w:leftChars="{int(indent) * 100}" w:left="{twips}"/>'


@functools.cache
def _tc_open(width: int, span: int, merge: str | None, is_header: bool, indent: int, jc: str) -> str:
    """A cell's markup up to its run: the same for most cells of a column, so made once (a table
    of 20,000 rows has 100,000 cells)."""
    ppr = f'<w:pStyle w:val="TableText"/>{cell_indent(indent)}<w:jc w:val="{jc}"/>'
    return f"<w:tc><w:tcPr>{tc_properties(width, span, merge, is_header)}</w:tcPr><w:p><w:pPr>{ppr}</w:pPr>"


# --- runs -----------------------------------------------------------------------------------

# Bold red on yellow: a 待补充 marker nobody can overlook or mistake for a figure.
MISSING_RPR = f'<w:b/><w:color w:val="{RED}"/><w:highlight w:val="yellow"/>'
_JC = {"left": "left", "center": "center", "right": "right"}


def _property(text: str) -> str:
    """A core property value: OPC allows at most 255 characters (python-docx raises beyond); a
    title a template made longer is shortened, since the document itself carries it whole."""
    text = _clean(text)
    return text if len(text) <= 255 else text[:254] + "…"


def _clean(text: str) -> str:
    # isprintable() is false for every character _XML_ILLEGAL matches: most text skips the regex.
    return text if text.isprintable() else _XML_ILLEGAL.sub("", text)


def escape(text: str) -> str:
    """xml.sax.saxutils.escape (&, <, >), without importing that module: it imports urllib.request
    and with it http, email and ssl, a twentieth of a small render's time."""
    return text.replace("&", "&amp;").replace(">", "&gt;").replace("<", "&lt;")


def _escape(text: str) -> str:
    """escape(), skipped for the text (nearly all of it) that has nothing to escape."""
    return escape(text) if "&" in text or "<" in text or ">" in text else text


def _run_xml(text: str, rpr: str = "") -> str:
    """A w:r holding ``text``: the one place table text is escaped. Line breaks become w:br."""
    text = _clean(text)
    if "\n" in text or "\r" in text:
        # A CR left in a w:t becomes LF as an XML parser reads it (XML 1.0, 2.11): done here, so
        # that markup spliced as text (DocxWriter.package) says exactly what it says parsed.
        content = "<w:br/>".join(f'<w:t xml:space="preserve">{_escape(part.replace(chr(13), chr(10)))}</w:t>'
                                 if part else "" for part in text.split("\n"))
    else:  # nearly every cell: one w:t
        content = f'<w:t xml:space="preserve">{_escape(text)}</w:t>' if text else ""
    return f"<w:r><w:rPr>{rpr}</w:rPr>{content}</w:r>" if rpr else f"<w:r>{content}</w:r>"


_RUN_SPLIT = re.compile(r"([\t\r\n])")


def _paragraph_xml(text: str, style_id: str | None) -> str:
    """A w:p as python-docx's ``add_paragraph(text)`` and ``p.style = style_id`` build it: an
    empty w:pPr for the default style, one w:r with a w:t per stretch of text, w:tab for a tab,
    w:br for each CR or LF, and xml:space="preserve" on a w:t with outer whitespace."""
    ppr = f'<w:pPr><w:pStyle w:val="{style_id}"/></w:pPr>' if style_id is not None else "<w:pPr/>"
    if not text:
        return f"<w:p>{ppr}</w:p>"
    content = []
    for piece in _RUN_SPLIT.split(text):
        if piece == "\t":
            content.append("<w:tab/>")
        elif piece in ("\r", "\n"):
            content.append("<w:br/>")
        elif piece:
            space = ' xml:space="preserve"' if len(piece.strip()) < len(piece) else ""
            content.append(f"<w:t{space}>{_escape(piece)}</w:t>")
    return f"<w:p>{ppr}<w:r>{''.join(content)}</w:r></w:p>"


def _run(text: str, rpr: str = ""):
    """The w:r of :func:`_run_xml` as an element, for paragraphs outside tables."""
    return parse_xml(f"<w:p {nsdecls('w')}>{_run_xml(text, rpr)}</w:p>")[0]
