"""A PDF whose Chinese is set in a font it does not embed, named by one of Adobe's predefined character
maps — STSong-Light with UniGB-UCS2-H, as iText and reportlab write Chinese (many PDFs a web system
generates) — is read: poppler maps its codes to characters by the CMaps of poppler-data, which
scripts/setup installs. Without them pdftotext reads no word of it (“Missing language pack for
'Adobe-GB1' mapping”), and the page would look like a scan.

The page is made here, to the letter of that font setup (a Type0 font over a CIDFontType0 of the
Adobe-GB1 collection, no FontFile, no ToUnicode): no published document of our corpora uses it."""

from __future__ import annotations

from pathlib import Path

import pikepdf

from reportgen.readers.pdf.pdf_words import pdf_words
from tests.clients import require_program, unavailable

CMAPS = Path("/usr/share/poppler/cMap/Adobe-GB1")
TEXT = "部门预算收入合计123.45万元"


def _page_in_stsong(path: Path) -> None:
    name = pikepdf.Name
    pdf = pikepdf.new()
    descriptor = pdf.make_indirect(pikepdf.Dictionary(
        Type=name.FontDescriptor, FontName=name("/STSong-Light"), Flags=6, FontBBox=[0, -200, 1000, 900],
        ItalicAngle=0, Ascent=880, Descent=-120, CapHeight=880, StemV=93))
    cid = pdf.make_indirect(pikepdf.Dictionary(
        Type=name.Font, Subtype=name.CIDFontType0, BaseFont=name("/STSong-Light"), FontDescriptor=descriptor,
        CIDSystemInfo=pikepdf.Dictionary(Registry=pikepdf.String("Adobe"), Ordering=pikepdf.String("GB1"),
                                         Supplement=2), DW=1000))
    font = pdf.make_indirect(pikepdf.Dictionary(
        Type=name.Font, Subtype=name.Type0, BaseFont=name("/STSong-Light-UniGB-UCS2-H"),
        Encoding=name("/UniGB-UCS2-H"), DescendantFonts=[cid]))
    content = f"BT /F1 12 Tf 72 700 Td <{TEXT.encode('utf-16-be').hex()}> Tj ET".encode()
    pdf.pages.append(pikepdf.Page(pikepdf.Dictionary(
        Type=name.Page, MediaBox=[0, 0, 595, 842], Resources=pikepdf.Dictionary(Font=pikepdf.Dictionary(F1=font)),
        Contents=pdf.make_stream(content))))
    pdf.save(path)


def test_chinese_in_a_font_not_embedded_is_read(tmp_path):
    require_program("pdftotext")
    if not CMAPS.is_dir():
        unavailable("poppler-data (the CJK CMaps, /usr/share/poppler/cMap) is not installed: scripts/setup installs it")
    path = tmp_path / "stsong.pdf"
    _page_in_stsong(path)
    (page,) = pdf_words(path, path.read_bytes(), RuntimeError, "")
    assert "".join(word.text for word in page) == TEXT

