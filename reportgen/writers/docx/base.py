"""The base package built with python-docx: its template with the styles, the first page and its
footer set up, and what a writer needs to write a document on it as text, found by letting
python-docx take each step once: the style ids, the text widths, the section properties of every
page turn, the unit line's tab stop, and docProps/core.xml with a marker for each property.
package.py keeps all of it in the user's cache, so that this module, and python-docx, are imported
only when it is built."""

from __future__ import annotations

import io
import re

import docx
from docx.document import Document as DocxDocument
from docx.enum.section import WD_SECTION
from docx.enum.text import WD_TAB_ALIGNMENT
from docx.shared import Emu

from reportgen.writers.docx.package import CORE_PROPERTIES, Base, core_marker, entries_of
from reportgen.writers.docx.styles import USED_STYLES, add_page_number_footer, set_page, setup_styles

_SECT_PR = re.compile(r"<w:sectPr\b.*?</w:sectPr>", re.S)
_TABS = re.compile(r"<w:tabs>.*?</w:tabs>", re.S)


def build_base() -> Base:
    doc = docx.Document()
    setup_styles(doc)
    section = doc.sections[0]
    set_page(section, landscape=False)
    add_page_number_footer(section)
    style_ids = {name: doc.part.get_style_id(doc.styles[name], kind) for name, kind in USED_STYLES.items()}
    buffer = io.BytesIO()
    doc.save(buffer)
    package = buffer.getvalue()
    body_end = _sect_prs(doc)[-1]
    head, tail = doc.part.blob.decode("utf-8").split(body_end)
    sections, text_twips, tabs = _page_turns(package)
    return Base(package=package, style_ids=style_ids, text_twips=text_twips, sections=sections,
                tabs=tabs, document=(head, tail), core=_core_template(doc),
                entries=entries_of(package))


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
            width = Emu(section.page_width - section.left_margin - section.right_margin)
            text_twips[landscape] = width.twips
            paragraph = doc.add_paragraph("")
            paragraph.paragraph_format.tab_stops.add_tab_stop(width, WD_TAB_ALIGNMENT.RIGHT)
            tabs[landscape] = _TABS.findall(doc.part.blob.decode("utf-8"))[-1]
            paragraph._p.getparent().remove(paragraph._p)
            closing = _sect_prs(doc)[-1]
            section = doc.add_section(WD_SECTION.NEW_PAGE)
            body = doc.element.body
            turned = re.sub(r" xmlns:\w+=\"[^\"]*\"", "", _serialise(body[-2]))
            sections[_state(turn == 0, landscape)] = (closing, turned)
    return sections, text_twips, tabs


def _state(first: bool, landscape: bool) -> str:
    return ("first " if first else "") + ("landscape" if landscape else "portrait")


def _serialise(element: object) -> str:
    from lxml import etree

    return etree.tostring(element, encoding="unicode")


def _core_template(doc: DocxDocument) -> str:
    """docProps/core.xml as python-docx writes it with the properties set in CORE_PROPERTIES'
    order, each value a marker."""
    props = doc.core_properties
    for name in CORE_PROPERTIES:
        setattr(props, name, core_marker(name))
    part = next(p for p in doc.part.package.iter_parts() if p.partname == "/docProps/core.xml")
    return part.blob.decode("utf-8")


def _sect_prs(doc: DocxDocument) -> list[str]:
    """Every w:sectPr of the body as python-docx writes word/document.xml, in order."""
    return _SECT_PR.findall(doc.part.blob.decode("utf-8"))
