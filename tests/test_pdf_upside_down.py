"""A page set upside down — its text drawn under a half turn (a page scanned or merged in the wrong way
up), or a /Rotate of 180 turning its upright text over — is read as a reader reads it, the page turned
(readers/pdf_turned.py): pdftotext read it right to left and bottom up, its tables' rows in reverse and
their labels after their figures, and no table or sentence was found in it.

The pages are real: 广州市国资委 2026 (its cover, 概况, 收支总表 and the other tables, pp. 1–3, 5–13, 18–19 of
/work/shared/corpus), turned here with pypdf — the half turn moved into the content of some pages, a
/Rotate of 180 given to others. No document of our corpora has such a page; the turned document reviews
as the one printed upright, finding for finding."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader, PdfWriter

from reportgen.readers.pdf.pdf_words import pdf_words
from reportgen.review.documents import DocumentReview, review_document
from tests.clients import require_program

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "import" / "national"
DOCUMENT = FIXTURES / "guangzhou-guoziwei-2026-p1-3-5to13-18-19.pdf"
DRAWN_TURNED = {2, 4, 6, 11}  # its 概况, 收支总表, … drawn upside down
ROTATED = {3, 7, 12}  # and these given /Rotate 180


@pytest.fixture(scope="module", autouse=True)
def _poppler() -> None:
    require_program("pdftotext")


def _upside_down(path: Path) -> Path:
    writer = PdfWriter()
    for number, page in enumerate(PdfReader(DOCUMENT).pages, start=1):
        writer.add_page(page)
        if number in DRAWN_TURNED | ROTATED:
            writer.pages[-1].rotate(180)
        if number in DRAWN_TURNED:
            writer.pages[-1].transfer_rotation_to_content()
    writer.write(path)
    return path


def _lines(path: Path) -> list[list[str]]:
    return [[" ".join(word.text for word in line) for line in page]
            for page in pdf_words(path, path.read_bytes(), RuntimeError, "").lines]


def _said(result: DocumentReview) -> tuple[object, ...]:
    narrative = result.narrative
    assert narrative is not None and result.imported is not None
    return (result.refused, [(f.rule, f.message) for f in result.checks], narrative.counts,
            [(f.rule, f.message) for f in narrative.findings()], result.imported.imported.tree)


def test_an_upside_down_page_is_read_as_it_reads_turned_upright(tmp_path: Path) -> None:
    turned = _upside_down(tmp_path / "upside-down.pdf")
    assert _lines(turned) == _lines(DOCUMENT)


def test_a_document_with_pages_upside_down_reviews_as_printed_upright(tmp_path: Path) -> None:
    upright = review_document(DOCUMENT, None)
    assert not upright.unreviewed and upright.narrative is not None and upright.narrative.counts["matched"] > 0
    assert _said(review_document(_upside_down(tmp_path / "upside-down.pdf"), None)) == _said(upright)


def test_a_page_tree_that_loops_back_is_turned_upright_all_the_same(tmp_path: Path) -> None:
    """A turned page in a file whose page tree loops back (qpdf refuses to open it, poppler reads it): its copy
    turned upright is written from the tree walked as poppler walks it (readers/page_tree.py), and read as upright —
    the turned copy's open had raised, and the review stopped at it."""
    import pikepdf

    looped = tmp_path / "looped.pdf"
    with pikepdf.open(_upside_down(tmp_path / "upside-down.pdf")) as pdf:
        pdf.Root.Pages.Kids.append(pdf.Root.Pages)
        pdf.save(looped)
    with pytest.raises(pikepdf.PdfError):
        pikepdf.open(looped).close()
    assert _lines(looped) == _lines(DOCUMENT)
    assert _said(review_document(looped, None)) == _said(review_document(DOCUMENT, None))
