"""The legend page's Chinese face: Noto Sans CJK SC, parsed by fpdf2 once per process, and for each
legend the font fpdf2 embeds, subset by fontTools from a working set of the face, not the whole.

fpdf2 parses the whole face (65,535 glyphs) for every FPDF that adds it, and fontTools subsets it for
every PDF written: about 0.5 s of each legend page, most of it reading the face's 65,535 widths, its
cmap and its CFF's indexes, and drawing each glyph used to recalculate bounding boxes. Here
fontTools' subsetter cuts the face once to a working set — GB 2312 (its 6,763 hanzi, punctuation and
symbols), ASCII and the legend templates' own words; the CIDs, outlines, hints, subroutines, widths
and names as the face has them — kept in the user's cache (reportgen.base.cache: about 3 s once, then
read back). fpdf2 parses it once per process (``face``); each legend's FPDF gets a font sharing
those measures, with the working set's outlines (its CFF table: all fpdf2 embeds) opened anew, which
fpdf2 subsets and embeds as it does any font it adds (``Face.add_to``; the whole subset font it
saves and does not use is not written, ``_Embedded``). Subsetting the working set gives the bytes subsetting the face gives
(tests/test_legend_face.py); a legend that sets a character outside the working set is set in the
whole face, parsed then (once per process). The embedded font's FontBBox is the working set's, not
recalculated for each legend's glyphs (which drew each glyph three times over): poppler draws the
legend pixel for pixel as it drew fpdf2's own subset of the face (150 dpi, bench/README.md)."""

from __future__ import annotations

import copy
import functools
import io
from pathlib import Path
from typing import Any

import fontTools.subset  # type: ignore[import-untyped]
from fontTools.ttLib import TTFont  # type: ignore[import-untyped]
from fpdf import FPDF
from fpdf.fonts import SubsetMap, TTFFont

from reportgen.base import cache
from reportgen.base.locations import DEFAULT_TEMPLATES

LEGEND_TEMPLATES = ("review_legend.txt.j2", "review_said.j2")  # their words are in the working set
_DROPPED = ["GSUB", "GPOS", "GDEF", "BASE", "VORG", "vhea", "vmtx", "FFTM", "meta", "hdmx"]  # fpdf2 sets no layout


def gb2312() -> set[int]:
    """The code points of GB 2312 (by Python's codec): 6,763 hanzi and 682 other characters."""
    found = set()
    for high in range(0xA1, 0xF8):
        for low in range(0xA1, 0xFF):
            try:
                found.add(ord(bytes((high, low)).decode("gb2312")))
            except UnicodeDecodeError:
                continue
    return found


def working_set() -> set[int]:
    """The characters the working set holds: printable ASCII, GB 2312 and the legend templates' own."""
    words = "".join((DEFAULT_TEMPLATES / name).read_text(encoding="utf-8") for name in LEGEND_TEMPLATES)
    return set(range(0x20, 0x7F)) | gb2312() | {ord(c) for c in words if c.isprintable()}


def _subset(file: str, index: int) -> bytes:
    """The face cut to the working set by fontTools' subsetter: the same CIDs, outlines, hints and
    subroutines of the glyphs kept, and every name; the face's own bounding box in its head table
    (the PDF's font descriptor states it), the working set's in its CFF."""
    font = TTFont(file, fontNumber=index, lazy=True, recalcTimestamp=False, recalcBBoxes=False)
    options = fontTools.subset.Options(notdef_outline=True, recommended_glyphs=True, name_IDs=["*"],
                                       name_languages=["*"], name_legacy=True, layout_features=[])
    options.drop_tables += _DROPPED
    subsetter = fontTools.subset.Subsetter(options)
    subsetter.populate(unicodes=working_set())
    subsetter.subset(font)
    _top(font).recalcFontBBox()
    out = io.BytesIO()
    font.save(out)
    return out.getvalue()


def _top(font: TTFont) -> Any:
    return font["CFF "].cff.topDictIndex[0]


class Face:
    """The face as fpdf2 measures it, parsed once: the working set, and the whole face when needed."""

    def __init__(self, file: str, index: int) -> None:
        self.file, self.index = file, index
        made_from = [Path(file), Path(__file__), Path(fontTools.subset.__file__),
                     *(DEFAULT_TEMPLATES / n for n in LEGEND_TEMPLATES)]
        self.data = cache.kept(f"legend-face-{index}", made_from, lambda: _subset(file, index), cache.BYTES)
        self.font = _parsed(io.BytesIO(self.data), 0)
        self.bounds = list(_top(self.font.ttfont).FontBBox)
        self.outlines = _outlines(self.data) if self.font.is_cff and self.font.is_cid_keyed else self.data

    @functools.cached_property
    def whole(self) -> TTFFont:
        return _parsed(Path(self.file), self.index)

    def measure(self, text: str) -> TTFFont:
        """fpdf2's measure of the face that sets ``text``: the working set's, or the whole face's
        when ``text`` sets a character the working set lacks."""
        return self.font if all(ord(c) in self.font.cmap for c in text if c.isprintable()) else self.whole

    def add_to(self, pdf: FPDF, family: str, text: str) -> None:
        """What fpdf2's ``add_font`` does, with the face parsed once: the font of ``family`` in
        ``pdf`` shares the face's measures and records what this PDF uses on its own."""
        shared = self.measure(text)
        font = copy.copy(shared)  # its measures (widths, cmap) shared
        font.subset, font.missing_glyphs, font.biggest_size_pt = SubsetMap(font), [], 0  # this PDF's glyphs
        font.desc = copy.copy(shared.desc)  # fpdf2 sets its name and its file on it
        font.fontkey, font.i = family, len(pdf.fonts) + 1
        font.ttfont = self._opened(shared)
        pdf.fonts[family] = font
        if font.is_cff and font.is_cid_keyed:
            pdf.pdf_version = max(pdf.pdf_version, "1.6")  # as add_font sets it

    def _opened(self, shared: TTFFont) -> TTFont:
        """The face opened anew as fpdf2 opens it (lazily: only what the subsetter reads is read),
        for fpdf2 to subset in place when it writes the PDF. Its CFF's bounding box is the working
        set's, not recalculated for the glyphs a legend sets (that drew each of them three times):
        within a few units of it, and poppler draws the page pixel for pixel alike."""
        opened = _Embedded if shared.is_cff and shared.is_cid_keyed else TTFont
        if shared is self.font:
            return opened(io.BytesIO(self.outlines), lazy=True, recalcTimestamp=False, recalcBBoxes=False)
        whole = opened(self.file, fontNumber=self.index, lazy=True, recalcTimestamp=False, recalcBBoxes=False)
        _top(whole).FontBBox = list(self.bounds)  # as the working set's: the same bytes either way
        return whole


class _Embedded(TTFont):
    """A CID-keyed CFF face as fpdf2 embeds it: fpdf2 (2.8) saves the whole subset font, then embeds
    its CFF table alone, compiled anew, and drops what it saved — a third of the legend's font work
    (every table compiled, the CFF twice). Saving this face writes nothing; the CFF fpdf2 embeds is
    compiled as before (the same bytes, tests/test_legend_face.py)."""

    def save(self, file: Any, reorderTables: bool | None = True) -> None:  # noqa: ARG002, N803
        return None


def _outlines(data: bytes) -> bytes:
    """The working set as the legend's font is cut from it: fpdf2 embeds a CID-keyed CFF face's CFF
    table alone (``_Embedded``), so the font fontTools' subsetter cuts for each legend holds that
    table and the two every font has (head, maxp) — the same CFF cut, without reading the working
    set's cmap of 7,445 characters, its widths and names for each legend (a fifth of its cost)."""
    font = TTFont(io.BytesIO(data), lazy=True, recalcTimestamp=False, recalcBBoxes=False)
    for tag in [tag for tag in font.keys() if tag not in ("CFF ", "head", "maxp", "GlyphOrder")]:
        del font[tag]
    out = io.BytesIO()
    font.save(out)
    return out.getvalue()


def _parsed(where: io.BytesIO | Path, index: int) -> TTFFont:
    return TTFFont(FPDF(), where, "cjk", "", collection_font_number=index)  # type: ignore[arg-type]


@functools.cache
def face(file: str, index: int) -> Face:
    return Face(file, index)
