"""A page scanned turned — sideways either way or upside down, its image drawn turned or given a /Rotate — is
read by OCR as it reads set upright (readers/pdf_ocr.py: a reading most of whose Chinese words tesseract is
unsure of, or whose words stand on end, is a page turned; it is turned as tesseract's orientation model tells
and read again); a page scanned upright is read once, as before.

The fixtures are real scanned pages: 北京市政务服务和数据管理局 2026's 情况说明 (/work/shared/corpus/scanned, pp. 1, 3,
5, 6: its cover, 职责, 收入 and 支出, images with no text layer) with its 报表's pages, the 说明's pages turned here
with pypdf. No document of our corpora has a page scanned turned; the turned scan reviews as the upright one."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader, PdfWriter

from reportgen.readers import pdf_ocr, pdf_words
from reportgen.review.documents import DocumentReview, review_together
from tests.clients import require_ocr
from tests.support.national import FIXTURES

SCAN = FIXTURES / "beijing-zhengshuju-2026-scan-p1-3-5-6.pdf"
TABLES = FIXTURES / "beijing-zhengshuju-2026-tables-p1to6-15.pdf"
TURNS = {2: (90, True), 3: (180, False), 4: (270, True)}  # page: degrees, the turn drawn into the image's content


@pytest.fixture(scope="module", autouse=True)
def _ocr() -> None:
    require_ocr()


def _turned(path: Path) -> Path:
    writer = PdfWriter()
    for number, page in enumerate(PdfReader(SCAN).pages, start=1):
        writer.add_page(page)
        if number in TURNS:
            degrees, into_content = TURNS[number]
            writer.pages[-1].rotate(degrees)
            if into_content:
                writer.pages[-1].transfer_rotation_to_content()
    writer.write(path)
    return path


def _said(result: DocumentReview) -> tuple[object, ...]:
    assert result.narrative is not None and result.published is not None
    return (result.outcome, result.unreviewed, result.published.scanned, result.narrative.counts,
            sorted((v.statement.label, str(v.statement.value), v.status) for v in result.narrative.verdicts),
            [(f.rule, f.message) for f in result.narrative.findings()])


def test_a_scan_turned_each_way_reviews_as_the_scan_printed_upright(tmp_path: Path) -> None:
    [upright] = review_together([SCAN, TABLES], None)
    turned = _turned(tmp_path / "turned.pdf")
    [result] = review_together([turned, TABLES], None)
    assert result.narrative is not None and result.narrative.counts["matched"] > 0
    assert _said(result) == _said(upright)


def test_a_page_scanned_upright_is_read_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """Its reading is sure enough: tesseract runs once a page, its orientation never asked."""
    runs: list[list[str]] = []
    read = pdf_ocr._tesseract

    def counted(pdf: Path, number: int, folder: Path, options: list[str]) -> str:
        runs.append(options)
        return read(pdf, number, folder, options)

    monkeypatch.setattr(pdf_words, "_READ", {})  # read again, not as the OCR'd pages kept
    monkeypatch.setattr(pdf_ocr, "_tesseract", counted)
    monkeypatch.delenv(pdf_ocr.CACHE_VARIABLE, raising=False)
    pdf_words.pdf_words(SCAN, SCAN.read_bytes(), RuntimeError, "")
    assert runs == [["-l", "chi_sim", "tsv"]] * 4
