"""The layout's pages in WordprocessingML: the cover's lines (each in its size and face, kept to
one line where the layout says so), the cover's section without a page number and the section
after it numbered from 1, and a heading that starts a new page."""

from __future__ import annotations

import math
import re
import unicodedata

from reportgen.base.patterns import regex
from reportgen.docmodel.document import Cover, CoverLine
from reportgen.writers.docx.look import COVER_FACES, LATIN_FONT
from reportgen.writers.docx.ooxml import clean, ppr_xml, run_xml

PAGE_BREAK_BEFORE = "<w:pageBreakBefore/>"
_FOOTER = regex(r'<w:footerReference [^>]*/>')
_SMALLEST = 9.0  # points: a cover line is never set smaller to stay on one line


def line_ems(text: str) -> float:
    """The width of ``text`` in ems: a Han character or full-width sign one, anything else half
    (Times New Roman's digits, the space)."""
    return sum(1.0 if unicodedata.east_asian_width(c) in "WF" else 0.5 for c in text)


def fitted_points(line: CoverLine, width_points: float) -> float:
    """The line's size: as the layout sets it, or, for a line kept to one line, the largest half
    point at which it fits ``width_points`` (never below 9 points)."""
    ems = line_ems(line.text)
    if not line.one_line or ems * line.points <= width_points:
        return line.points
    return max(_SMALLEST, math.floor(width_points / ems * 2) / 2)


def broken(line: CoverLine, points: float, width_points: float) -> str:
    """The line's text, with a line break after the last of its break words that leaves the first
    line fitting, when it does not fit whole (unchanged when it does, or no such place is found)."""
    if not line.breaks or line_ems(line.text) * points <= width_points:
        return line.text
    places = [m.end() for word in line.breaks for m in re.finditer(re.escape(word), line.text)]
    fitting = [at for at in places if 0 < at < len(line.text) and line_ems(line.text[:at]) * points <= width_points]
    return f"{line.text[:max(fitting)]}\n{line.text[max(fitting):]}" if fitting else line.text


def cover_line_xml(line: CoverLine, text_twips: int) -> tuple[str, str, str]:
    """A cover line's paragraph properties (its place, centred), run properties (its size and face)
    and text (broken where the line may break), on a page ``text_twips`` wide."""
    points = fitted_points(line, text_twips / 20)
    half_points = round(points * 2)
    face = COVER_FACES[line.font]
    pitch = f'w:line="{round(line.line_points * 20)}" w:lineRule="exact"' if line.line_points else 'w:line="240" w:lineRule="auto"'
    properties = (f'<w:spacing w:before="{round(line.space_before * 20)}" w:after="0" {pitch}/>'
                  '<w:ind w:firstLineChars="0" w:firstLine="0"/><w:jc w:val="center"/>')
    rpr = (f'<w:rFonts w:ascii="{LATIN_FONT}" w:hAnsi="{LATIN_FONT}" w:cs="{LATIN_FONT}" w:eastAsia="{face}"/>'
           f'<w:b w:val="0"/><w:sz w:val="{half_points}"/><w:szCs w:val="{half_points}"/>')
    return properties, rpr, broken(line, points, text_twips / 20)


def cover_xml(cover: Cover, text_twips: int, title_id: str | None, subtitle_id: str | None) -> str:
    """The cover's paragraphs: the first line in the Title style, the second in Subtitle (a reader of
    the DOCX finds the title and its subtitle there), each centred in its size and face."""
    paragraphs = []
    for index, line in enumerate(cover.lines):
        properties, rpr, text = cover_line_xml(line, text_twips)
        style = title_id if index == 0 else subtitle_id
        paragraphs.append(f"<w:p>{ppr_xml(style, properties)}{run_xml(clean(text), rpr)}</w:p>")
    return "".join(paragraphs)


def unnumbered(section: str) -> str:
    """A section's properties without its footer: the cover's page shows no number."""
    return _FOOTER.sub("", section)


def numbered_from_one(section: str, footer: str) -> str:
    """The properties of the section after the cover: its footer (the page number) named again, as
    the cover's section no longer has one to pass on, and its pages numbered from 1."""
    if footer and footer not in section:
        section = re.sub(r"(<w:sectPr\b[^>]*>)", lambda m: m.group(1) + footer, section, count=1)
    return section.replace("<w:cols ", '<w:pgNumType w:start="1"/><w:cols ', 1)


def footer_of(section: str) -> str:
    """The footer reference in a section's properties ("" if none)."""
    found = _FOOTER.search(section)
    return found.group(0) if found else ""
