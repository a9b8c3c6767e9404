"""The look of the DOCX: fonts (East Asian slots set, theme fonts removed), sizes, the styles
every block uses, A4 pages in the official manner (GB/T 9704 margins) and the page-number footer,
set with python-docx on the base package (base.py), which every document starts from."""

from __future__ import annotations

from dataclasses import dataclass

from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Length, Pt, RGBColor
from docx.styles.style import ParagraphStyle

from reportgen.writers.docx.look import (
    BODY_FONT,
    HEADING_LEVELS,
    HEADING_POINTS,
    HEI_FONT,
    KAI_FONT,
    LATIN_FONT,
    TABLE_FONT,
    TABLE_POINTS,
    TITLE_FONT,
)
from reportgen.writers.docx.ooxml import RED, run_xml

# Each typeface the styles name, as Word describes it in word/fontTable.xml: the name a reader
# without it falls back to (w:altName: 仿宋 and 楷体 ship with Windows where the _GB2312 faces do
# not; 宋体 for 方正小标宋简体), then its PANOSE number, character set (86: GB2312), family, pitch and
# signature (Unicode ranges and code pages) — so that Word and WPS substitute a face of the same kind.
FONT_DESCRIPTIONS = {
    TABLE_FONT: ("SimSun", "02010600030101010101", "auto", "variable",
                 ("00000003", "288F0000", "00000016", "00000000", "00040001", "00000000")),
    BODY_FONT: ("仿宋", "02010609030101010101", "modern", "fixed",
                ("00000001", "080E0000", "00000010", "00000000", "00040000", "00000000")),
    KAI_FONT: ("楷体", "02010609030101010101", "modern", "fixed",
               ("00000001", "080E0000", "00000010", "00000000", "00040000", "00000000")),
    TITLE_FONT: ("宋体", "03000509000000000000", "script", "fixed",
                 ("00000001", "080E0000", "00000010", "00000000", "00040000", "00000000")),
    HEI_FONT: ("SimHei", "02010609060101010101", "modern", "fixed",
               ("800002BF", "38CF7CFA", "00000016", "00000000", "00040001", "00000000")),
}
# The template's fonts no style of ours names (Japanese faces among them): not listed.
UNUSED_FONTS = ("Cambria", "Calibri", "ＭＳ 明朝", "ＭＳ ゴシック")


BODY_SIZE = Pt(14)


HEADING_SIZE = Pt(HEADING_POINTS)


TABLE_SIZE = Pt(TABLE_POINTS)


NOTE_SIZE = Pt(10.5)


LINE_EXACT = Pt(28)  # the fixed 28-point line of official documents






# GB/T 9704 margins. The landscape page keeps the portrait's binding-side margins for top and
# bottom and splits the rest evenly, which leaves the 24.6 cm text width wide tables are drawn for.
PORTRAIT = {"top": Cm(3.7), "bottom": Cm(3.5), "left": Cm(2.8), "right": Cm(2.6)}


LANDSCAPE = {"top": Cm(2.8), "bottom": Cm(2.6), "left": Cm(2.55), "right": Cm(2.55)}


_THEME_ATTRS = tuple(qn(f"w:{a}") for a in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"))


@dataclass(frozen=True)
class _HeadingLook:
    font: str
    size: Pt
    bold: bool
    centered: bool


# Level 1 is a part (第一部分, centred 黑体); 一、 黑体; （一） 楷体; 1. and （1） 仿宋 bold.
HEADING_LOOKS = dict(zip(range(1, HEADING_LEVELS + 1), (
    _HeadingLook(HEI_FONT, HEADING_SIZE, False, True),
    _HeadingLook(HEI_FONT, HEADING_SIZE, False, False),
    _HeadingLook(KAI_FONT, HEADING_SIZE, False, False),
    _HeadingLook(BODY_FONT, BODY_SIZE, True, False),
    _HeadingLook(BODY_FONT, BODY_SIZE, True, False),
), strict=True))


# The styles the writers use, by name; their ids are looked up when the base package is built.
USED_STYLES = {name: WD_STYLE_TYPE.PARAGRAPH for name in (
    "Normal", "Title", "Subtitle", "Note", "Banner", "Table Number", "Table Title", "Table Unit Line",
    "Table Text", *(f"Heading {level}" for level in HEADING_LOOKS))} | {"Table Grid": WD_STYLE_TYPE.TABLE}


def _set_heading(doc: DocxDocument, level: int, look: _HeadingLook, body: Pt, line: Length | float) -> None:
    """A heading level's style by its look: its font and size (the body's where it is set as body text), kept with
    the next paragraph, at the body's line, spaced around at level 1, centred or indented two characters."""
    heading = doc.styles[f"Heading {level}"]
    # Heading 4 and 5 are hidden in the template's gallery; they are used here.
    heading.hidden = False
    heading.unhide_when_used = False
    size = body if look.size == BODY_SIZE else look.size
    _fonts(heading, look.font, latin=look.font)
    _plain_look(heading, size, bold=look.bold)
    fmt = heading.paragraph_format
    fmt.keep_with_next = True
    fmt.line_spacing = line
    fmt.space_before = Pt(14) if level == 1 else Pt(0)
    fmt.space_after = Pt(14) if level == 1 else Pt(0)
    if look.centered:
        fmt.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _first_line_chars(heading, 0 if look.centered else 2, size)


def setup_styles(doc: DocxDocument, body_points: float = 14.0, body_line: float | None = 28.0) -> None:
    """The styles of every block. ``body_points``: the body's size (and that of the headings set as
    body text, 1. and （1）, and of the banner and table number); ``body_line``: its line and the
    headings', exact in points, or None for single spacing (the layout's 正文字号 and 正文行距)."""
    body = Pt(body_points)
    line = Pt(body_line) if body_line else 1.0  # a Length sets an exact line, a float a multiple
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
    normal.font.size = body
    fmt = normal.paragraph_format
    fmt.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    fmt.line_spacing = line
    fmt.space_before = Pt(0)
    fmt.space_after = Pt(0)
    _first_line_chars(normal, 2, body)

    title = doc.styles["Title"]
    _fonts(title, TITLE_FONT, latin=TITLE_FONT)
    _plain_look(title, Pt(22), bold=False)
    _remove_children(title.element.pPr, "w:pBdr", "w:contextualSpacing")
    _remove_children(title.element.rPr, "w:spacing", "w:kern")
    title.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.paragraph_format.line_spacing = 1.0
    title.paragraph_format.space_before = Pt(0)
    title.paragraph_format.space_after = Pt(14)
    _first_line_chars(title, 0, Pt(22))

    subtitle = doc.styles["Subtitle"]
    _remove_children(subtitle.element.pPr, "w:numPr")  # the template numbers subtitles; ours are not
    _remove_children(subtitle.element.rPr, "w:spacing")
    _fonts(subtitle, KAI_FONT)
    _plain_look(subtitle, HEADING_SIZE, bold=False)
    subtitle.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    subtitle.paragraph_format.space_after = Pt(14)
    _first_line_chars(subtitle, 0, HEADING_SIZE)

    for level, look in HEADING_LOOKS.items():
        _set_heading(doc, level, look, body, line)

    _add_style(doc, "Note", font=BODY_FONT, size=NOTE_SIZE, indent_chars=0, single=True)
    banner = _add_style(doc, "Banner", font=HEI_FONT, size=body, indent_chars=0, bold=True)
    banner.font.color.rgb = RGBColor.from_string(RED)
    banner.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER

    number = _add_style(doc, "Table Number", font=HEI_FONT, size=body, indent_chars=0, single=True)
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
    _remove_children(footer.element.pPr, "w:tabs")  # Letter-width tab stops; the number is centred instead
    _fonts(footer, TABLE_FONT)
    footer.font.size = BODY_SIZE
    footer.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer.paragraph_format.line_spacing = 1.0
    _first_line_chars(footer, 0, BODY_SIZE)


def _remove_children(parent, *tags: str) -> None:
    if parent is None:
        return
    for tag in tags:
        for child in parent.findall(qn(tag)):
            parent.remove(child)


def _set_doc_defaults(styles_el) -> None:
    # Punctuation may hang past a line's end, as Word's default has it: LibreOffice's own default
    # is not to, and at the end of a justified line a “，” or “、” that may not begin the next line
    # (kinsoku) is then squeezed in at no width and not printed at all (2 places in 25 PDFs).
    ppr = styles_el.find(f"{qn('w:docDefaults')}/{qn('w:pPrDefault')}/{qn('w:pPr')}")
    ppr.insert(0, parse_xml(f'<w:overflowPunct {nsdecls("w")} w:val="1"/>'))
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
    _remove_children(rpr, "w:bCs", "w:iCs")
    style.font.color.rgb = RGBColor(0, 0, 0)
    color = rpr.find(qn("w:color"))
    for attr in ("themeColor", "themeShade", "themeTint"):
        color.attrib.pop(qn(f"w:{attr}"), None)


def _first_line_chars(style: ParagraphStyle, chars: int, size: Pt) -> None:
    """First-line indent in characters (Word, WPS) with a twips value for readers without them."""
    ind = style.element.get_or_add_pPr().get_or_add_ind()
    ind.set(qn("w:firstLineChars"), str(chars * 100))
    ind.set(qn("w:firstLine"), str(round(chars * size.pt * 20)))




def set_page(section, *, landscape: bool) -> None:
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


def add_page_number_footer(section) -> None:
    """"— N —" centred, N a PAGE field; later sections inherit this footer (python-docx links them)."""
    paragraph = section.footer.paragraphs[0]
    paragraph.style = "Footer"
    field = (
        run_xml("— ")
        + '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        + '<w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>'
        + '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
        + run_xml("1")  # the cached result, shown by readers that do not update fields
        + '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
        + run_xml(" —")
    )
    paragraph._p.extend(parse_xml(f"<w:p {nsdecls('w')}>{field}</w:p>"))


A4_SHORT, A4_LONG = Cm(21.0), Cm(29.7)
