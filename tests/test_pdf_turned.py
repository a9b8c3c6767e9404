"""A page whose text is set sideways — a landscape table drawn turned on a portrait page with no /Rotate
to set it back, as a page scanned or merged in sideways is — is read as a reader reads it, the page
turned (readers/pdf_turned.py); and so is one whose /Rotate turns its text on end.

The pages are real (烟台市教育局 2026 p. 10, its 收入总表), turned here with pypdf: drawn turned (the
turn moved into the content), or given a /Rotate of 90 or 270. No document of our corpora has such a
page; each reads word for word as the page printed upright."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from pypdf import PdfReader, PdfWriter

from reportgen.importing.recognition import catalog as catalogs
from reportgen.importing.recognition.recognize import recognize
from reportgen.readers.pdf.pdf_words import pdf_words
from reportgen.readers.published import read_published

PAGE = Path(__file__).resolve().parent / "fixtures" / "import" / "national" / "yantai-jiaoyuju-2026-p10.pdf"
pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils (pdftotext) 未安装")


def _turned(path: Path, degrees: int, into_content: bool) -> Path:
    writer = PdfWriter()
    for page in PdfReader(PAGE).pages:
        writer.add_page(page)
        writer.pages[-1].rotate(degrees)
        if into_content:
            writer.pages[-1].transfer_rotation_to_content()
    writer.write(path)
    return path


def _words(path: Path) -> list[str]:
    """The page's printed lines, each its words left to right (pdftotext may list a line's words otherwise)."""
    (page,) = pdf_words(path, path.read_bytes(), RuntimeError, "").lines
    return [" ".join(word.text for word in line) for line in page]


@pytest.mark.parametrize(("degrees", "into_content"), [(90, True), (270, True), (90, False), (270, False)])
def test_a_sideways_page_is_read_as_it_reads_turned_upright(tmp_path, degrees, into_content):
    turned = _turned(tmp_path / f"turned-{degrees}.pdf", degrees, into_content)
    assert _words(turned) == _words(PAGE)
    known, _ = recognize(read_published(turned).grids, catalogs.load(None))
    assert [table.kind.id for table in known] == [t.kind.id for t in recognize(read_published(PAGE).grids,
                                                                                   catalogs.load(None))[0]] != []
