"""A figure printed in two runs is read whole (issue 53 part 2): a real published PDF (上海市普陀区人民政府办公室
2025, bench/corpus/putuo-zhengfuban-2025.pdf) with every figure of its prose and every amount of its tables
re-set in two or three touching runs — a digit in another size, raised, smaller and lowered, or in
Helvetica (tests/fixtures/split_runs/make_split_runs.py, bench/split_runs.py). pdftotext boxes the runs
apart; the figures, the tables and the review are those of the published PDF, and a slip in an edited
digit is found."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from reportgen.readers.pdf.pdf_tables import read_pdf
from reportgen.readers.pdf.pdf_words import pdf_words
from reportgen.readers.published import read_draft
from reportgen.readers.text.statements import read_statements
from reportgen.review.documents import review_document
from tests.clients import require_program

ROOT = Path(__file__).resolve().parent.parent
PUBLISHED = ROOT / "bench" / "corpus" / "putuo-zhengfuban-2025.pdf"
SPLIT = ROOT / "tests" / "fixtures" / "split_runs" / "putuo-zhengfuban-2025-split.pdf"
SLIP = ROOT / "tests" / "fixtures" / "split_runs" / "putuo-zhengfuban-2025-slip.pdf"


@pytest.fixture(autouse=True)
def _pdftotext() -> None:
    require_program("pdftotext")


def _figures(pdf: Path) -> list[tuple[int, str, str, Decimal | None]]:
    return [(s.line, s.kind, s.text, s.value) for s in read_statements(read_draft(pdf))]


def _words(pdf: Path) -> int:
    return sum(len(page) for page in pdf_words(pdf, pdf.read_bytes(), RuntimeError, "未读"))


def test_the_re_set_pdf_is_set_in_split_runs_that_pdftotext_boxes_apart():
    # 282 figures re-set, those in another size boxed as two or three words each: the test below reads them
    assert _words(SPLIT) >= _words(PUBLISHED) + 200
    assert SPLIT.read_bytes().startswith(PUBLISHED.read_bytes())  # the published bytes, an update appended


def test_the_figures_read_from_figures_printed_in_split_runs_are_the_published_figures():
    published = _figures(PUBLISHED)
    assert len(published) > 150
    assert _figures(SPLIT) == published


def test_the_tables_read_from_amounts_printed_in_split_runs_are_the_published_tables():
    def cells(pdf: Path) -> list[list[list[str]]]:
        return [[[cell.text for cell in row] for row in grid.rows] for grid in read_pdf(pdf, pdf.read_bytes()).grids]

    published = cells(PUBLISHED)
    assert sum(len(rows) for rows in published) > 100
    assert cells(SPLIT) == published


def _disagreeing(pdf: Path) -> list[str]:
    result = review_document(pdf, "上海")
    assert not result.refused and result.narrative is not None and result.imported is not None
    assert not result.checks and not result.imported.differences  # the tables read as published: no false alarm
    return [v.statement.text for v in result.narrative.verdicts if v.status == "disagree"]


def test_the_review_of_figures_printed_in_split_runs_finds_what_it_finds_in_the_published_pdf():
    assert _disagreeing(SPLIT) == _disagreeing(PUBLISHED) == []


def test_a_slip_in_an_edited_digit_set_in_another_size_is_found():
    """收入预算 9,101.68万元 printed 9,101.98, its 9 in 10.5 points: the review reads 9,101.98 and says it
    disagrees with the tables (read as 9,101. and 98 before, the sentence's figure was never judged)."""
    assert _disagreeing(SLIP) == ["9,101.98万元"]
