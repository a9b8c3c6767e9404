"""The base package built with python-docx: its template with the styles, the first page and its
footer set up, and what a writer needs to write a document on it as text, found by letting
python-docx take each step once: the style ids, the text widths, the section properties of every
page turn, the unit line's tab stop, and docProps/core.xml with a marker for each property.
package.py keeps all of it in the user's cache, so that this module, and python-docx, are imported
only when it is built."""

from __future__ import annotations

import io
import re
import zipfile
import zlib

import docx
from docx.document import Document as DocxDocument
from docx.enum.section import WD_SECTION
from docx.enum.text import WD_TAB_ALIGNMENT
from docx.oxml.ns import qn
from docx.shared import Emu
from lxml import etree

from reportgen.base.patterns import regex
from reportgen.writers.docx.styles import (
    FONT_DESCRIPTIONS,
    UNUSED_FONTS,
    USED_STYLES,
    add_page_number_footer,
    set_page,
    setup_styles,
)
from reportgen.writers.docx.zipped import (
    CORE_DATES,
    CORE_PROPERTIES,
    DOS_EPOCH,
    Base,
    assemble,
    core_marker,
    entries_of,
)

_SECT_PR = regex(r"<w:sectPr\b.*?</w:sectPr>", re.S)
_TABS = regex(r"<w:tabs>.*?</w:tabs>", re.S)


def build_base(body_points: float = 14.0, body_line: float | None = 28.0) -> Base:
    """The base with the body set in ``body_points`` on lines of ``body_line`` (see setup_styles)."""
    doc = docx.Document()
    strip_template_leftovers(doc)
    setup_styles(doc, body_points, body_line)
    section = doc.sections[0]
    set_page(section, landscape=False)
    add_page_number_footer(section)
    style_ids = {name: doc.part.get_style_id(doc.styles[name], kind) for name, kind in USED_STYLES.items()}
    buffer = io.BytesIO()
    doc.save(buffer)
    # python-docx dates every entry with the moment it saved; the base is dated 1980-01-01 instead,
    # so that it is the same bytes whenever it is built (a writer dates its own output anyway)
    saved = entries_of(buffer.getvalue())
    fonts = next(entry for entry in saved if entry.name == FONT_TABLE)
    package = assemble(saved, {FONT_TABLE: font_table(zlib.decompress(fonts.data, -15).decode("utf-8"))}, DOS_EPOCH)
    body_end = _sect_prs(doc)[-1]
    head, tail = doc.part.blob.decode("utf-8").split(body_end)
    sections, text_twips, tabs = _page_turns(package)
    return Base(package=package, style_ids=style_ids, text_twips=text_twips, sections=sections,
                tabs=tabs, document=(head, tail), core=_core_template(doc),
                entries=entries_of(package), app=_app_template(package))


FONT_TABLE = "word/fontTable.xml"
_FONT = regex(r'\s*<w:font w:name="([^"]*)">.*?</w:font>', re.S)


def font_table(template: str) -> bytes:
    """word/fontTable.xml naming the typefaces the styles use: the template's Latin ones but those
    no style names (UNUSED_FONTS), then the Chinese ones as Word describes them (FONT_DESCRIPTIONS),
    each with its alternate."""
    kept = _FONT.sub(lambda m: "" if m.group(1) in UNUSED_FONTS else m.group(0), template)
    added = "".join(
        f'\n  <w:font w:name="{name}">\n    <w:altName w:val="{alternate}"/>\n    <w:panose1 w:val="{panose}"/>\n'
        f'    <w:charset w:val="86"/>\n    <w:family w:val="{family}"/>\n    <w:pitch w:val="{pitch}"/>\n'
        f'    <w:sig w:usb0="{sig[0]}" w:usb1="{sig[1]}" w:usb2="{sig[2]}" w:usb3="{sig[3]}" w:csb0="{sig[4]}" '
        f'w:csb1="{sig[5]}"/>\n  </w:font>'
        for name, (alternate, panose, family, pitch, sig) in FONT_DESCRIPTIONS.items())
    return kept.replace("\n</w:fonts>", added + "\n</w:fonts>", 1).encode("utf-8")


def _page_turns(package: bytes) -> tuple[dict[str, tuple[str, str]], dict[bool, int], dict[bool, str]]:
    """For each state of the section being written (see package.Base.sections), the body's
    closing w:sectPr and the paragraph python-docx's add_section leaves when the section ends; the
    text width of each orientation and the right tab stop at it. The writers turn pages as this
    does: set_page on the current section, and add_section at the next turn."""
    sections: dict[str, tuple[str, str]] = {}
    text_twips: dict[bool, int] = {}
    tabs: dict[bool, str] = {}
    for orientations in ((False, True, False, True), (True,)):
        doc = docx.Document(io.BytesIO(package))
        section = doc.sections[0]
        for turn, landscape in enumerate(orientations):
            set_page(section, landscape=landscape)
            page, left, right = section.page_width, section.left_margin, section.right_margin
            assert page is not None and left is not None and right is not None  # set_page sets all three
            width = Emu(page - left - right)
            text_twips[landscape] = width.twips
            paragraph = doc.add_paragraph("")
            paragraph.paragraph_format.tab_stops.add_tab_stop(width, WD_TAB_ALIGNMENT.RIGHT)
            tabs[landscape] = _TABS.findall(doc.part.blob.decode("utf-8"))[-1]
            doc.element.body.remove(paragraph._p)  # add_paragraph put it in the body
            closing = _sect_prs(doc)[-1]
            section = doc.add_section(WD_SECTION.NEW_PAGE)
            body = doc.element.body
            turned = re.sub(r" xmlns:\w+=\"[^\"]*\"", "", _serialise(body[-2]))
            sections[_state(turn == 0, landscape)] = (closing, turned)
    return sections, text_twips, tabs


def _state(first: bool, landscape: bool) -> str:
    return ("first " if first else "") + ("landscape" if landscape else "portrait")


def _serialise(element: etree._Element) -> str:
    return etree.tostring(element, encoding="unicode")


def strip_template_leftovers(doc: DocxDocument) -> None:
    """python-docx's template without what is not ours: its thumbnail (a picture of an empty page),
    the bibliography custom XML, a w:zoom without the w:percent the schema requires, and Word 2010's
    compatibility mode (14: Word opens the document in 兼容模式) for the current one (15)."""
    package = doc.part.package
    for owner in (package, doc.part):
        for rel_id, rel in list(owner.rels.items()):
            if rel.reltype.endswith(("/thumbnail", "/customXml")):
                del owner.rels[rel_id]
    zoom = doc.settings.element.find(qn("w:zoom"))
    if zoom is not None:
        zoom.set(qn("w:percent"), "100")
    for setting in doc.settings.element.iter(qn("w:compatSetting")):
        if setting.get(qn("w:name")) == "compatibilityMode":
            setting.set(qn("w:val"), "15")


def _core_template(doc: DocxDocument) -> str:
    """docProps/core.xml as python-docx writes it with the properties set in CORE_PROPERTIES'
    order, each value a marker, and the created and modified dates markers too; no description
    (the template says “generated by python-docx”)."""
    props = doc.core_properties
    props.comments = ""
    for name in CORE_PROPERTIES:
        setattr(props, name, core_marker(name))
    part = next(p for p in doc.part.package.iter_parts() if p.partname == "/docProps/core.xml")
    text = part.blob.decode("utf-8")
    for name in CORE_DATES:
        text = re.sub(rf"(<dcterms:{name}\b[^>]*>)[^<]*(</dcterms:{name}>)", rf"\g<1>{core_marker(name)}\g<2>", text)
    return text


def _app_template(package: bytes) -> str:
    """docProps/app.xml of the template naming reportgen, not “Microsoft Macintosh Word”, as the
    application, with a marker for the company (the department)."""
    text = zipfile.ZipFile(io.BytesIO(package)).read("docProps/app.xml").decode("utf-8")
    text = re.sub(r"<Application>[^<]*</Application>", "<Application>reportgen</Application>", text)
    text = re.sub(r"<AppVersion>[^<]*</AppVersion>\s*", "", text)
    # the template's counts (1 page, 0 words) are not this document's: left out (they are optional)
    text = re.sub(r"<(Pages|Words|Characters|CharactersWithSpaces|Lines|Paragraphs)>[^<]*</\1>\s*", "", text)
    return text.replace("<Company/>", f"<Company>{core_marker('company')}</Company>")


def _sect_prs(doc: DocxDocument) -> list[str]:
    """Every w:sectPr of the body as python-docx writes word/document.xml, in order."""
    return _SECT_PR.findall(doc.part.blob.decode("utf-8"))
