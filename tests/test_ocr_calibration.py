"""OCR's reading of a scan set against the text layer of the same page (bench/ocr_calibration.py), and the
guards that print a figure OCR read wrong as not read (readers/pdf_ocr.py ``_doubtful``) whatever its
confidence: tesseract's confidence does not tell a figure cut at its thousands separator from a right one.

The fixtures are real pages with a text layer and the same pages rasterised as the bench makes a scan
(pdftoppm at pdf_ocr.DPI in grey, saved by PIL as a one-image PDF): 上海市应急管理局执法总队 2026 p. 6, whose
“财政拨款收入1,731万元” tesseract reads as “1” and “731” at 80.4 and 92.4 (the comma not seen), and 北京市水务局 2026
p. 7, whose “54903.85” it reads as “5$4903.” and “85” (a speck between two digits) at 66.9."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench import ocr_calibration
from reportgen.readers.pdf import pdf_ocr, pdf_words
from tests.clients import require_ocr
from tests.support.national import FIXTURES

SHANGHAI = FIXTURES / "sh-city-yingjizhifa-2026-p6.pdf"
SHANGHAI_SCAN = FIXTURES / "sh-city-yingjizhifa-2026-p6-rasterised.pdf"
BEIJING = FIXTURES / "beijing-shuiwuju-2026-p7-8.pdf"  # its p. 1 is the document's p. 7
BEIJING_SCAN = FIXTURES / "beijing-shuiwuju-2026-p7-rasterised.pdf"



def _scanned_lines(scan: Path) -> list[str]:
    pages = pdf_words.pdf_words(scan, scan.read_bytes(), ValueError, "")
    assert pages.scanned == frozenset({1})
    return [word.text for word in pages[0]]


def _measured(pdf: Path, scan: Path) -> list[ocr_calibration.Reading]:
    text = pdf_words.pdf_words(pdf, pdf.read_bytes(), ValueError, "")[0]
    readings, _ = ocr_calibration.measure_page(pdf, 1, text, None, scan)
    return readings


def test_a_thousands_separator_ocr_did_not_see_leaves_both_groups_unread() -> None:
    """“财政拨款收入1,731万元” read as “1 731”: never 731 (what a sentence reader would take), both printed □."""
    require_ocr()
    lines = _scanned_lines(SHANGHAI_SCAN)
    said = next(line for line in lines if "执法总队收入预算" in line)
    assert f"其中：财政拨款收入{pdf_ocr.UNREAD} {pdf_ocr.UNREAD}万元" in said
    assert "收入预算1,731万元" in said  # the same amount read whole on the same line is read
    assert not any("收入731" in line or "收入1 731" in line for line in lines)


def test_a_speck_read_inside_a_figure_leaves_it_unread() -> None:
    """“54903.85” read as “5$4903.” + “85”: neither 4903.85 nor 5 is read."""
    require_ocr()
    lines = _scanned_lines(BEIJING_SCAN)
    assert f"（二）本年其他资金收入{pdf_ocr.UNREAD}${pdf_ocr.UNREAD}万元" in lines
    assert not any("4903" in line for line in lines)
    assert "10.上年结转结余55856.55万元。" in lines  # read right, and read


def test_the_bench_sets_each_figure_against_the_text_layer_and_no_wrong_one_is_read() -> None:
    """Every figure OCR reads on the scan is set against the text layer's at its place: the cut ones are
    found wrong, and each wrong one is put in doubt or below MIN_CONFIDENCE — none reaches the readers."""
    require_ocr()
    readings = _measured(SHANGHAI, SHANGHAI_SCAN) + _measured(BEIJING, BEIJING_SCAN)
    wrong = {(r.text, r.truth) for r in readings if r.wrong}
    assert {("731", "1,731"), ("1", "1,731"), ("4903.85", "54903.85")} <= wrong
    assert len(readings) > 40 and sum(not r.wrong for r in readings) > 35
    assert not [r for r in readings if r.wrong and not r.doubtful and r.confidence >= pdf_ocr.MIN_CONFIDENCE]
    assert all(r.doubtful for r in readings if r.text == "731")  # at 92.4: no threshold would have caught it


def test_the_bench_says_so_when_the_corpus_is_absent(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    require_ocr()
    monkeypatch.setattr(ocr_calibration, "SELECTION", [(tmp_path / "absent.pdf", "1")])
    assert ocr_calibration.main([]) == 0
    assert "the corpus is absent" in capsys.readouterr().out
