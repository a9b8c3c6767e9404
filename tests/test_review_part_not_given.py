"""A document printed without a page its kind usually has is still reviewed. Without its 部门职能 (its 第一部分 部门概况
page left out, or never written): the import writes 待填写 for what the files do not give, and the review measures the
figures all the same, as a draft is rendered — it never leaves the whole text 未能核对 for a part that holds no figure,
nor tells the 待填写 as a slip. Without its cover: the year is the one its tables' headers name their columns by.

The fixtures are 江苏省高级人民法院 2018年部门预算 (tests/fixtures/import/national/js-gaoyuan-2018.pdf, ae86jack/open-budget),
its page 3 (“第一部分 部门概况 一、主要职能 …”) cut out with pypdf; 深圳市民政局 2026 of /work/shared/corpus, its cover cut out."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader, PdfWriter

from reportgen.review.documents import review_document
from reportgen.source.schema import PLACEHOLDER_RULES
from tests.clients import require_program

WHOLE = Path(__file__).resolve().parent / "fixtures" / "import" / "national" / "js-gaoyuan-2018.pdf"


def test_a_document_without_its_duties_page_has_its_text_judged_against_its_tables(tmp_path: Path) -> None:
    require_program("pdftotext")
    writer = PdfWriter()
    for number, page in enumerate(PdfReader(WHOLE).pages, start=1):
        if number != 3:
            writer.add_page(page)
    cut = tmp_path / "without-duties.pdf"
    writer.write(cut)
    review = review_document(cut, None)
    assert not review.unreviewed and review.narrative is not None
    assert review.narrative.counts["agree"] > 100  # 178, as in the whole document
    assert not [f for f in review.checks if f.rule in PLACEHOLDER_RULES]


SHENZHEN = Path("/work/shared/corpus/gd-shenzhen-minzheng-2026-dept-budget.pdf")


@pytest.mark.skipif(not SHENZHEN.exists(), reason="the national corpus (/work/shared/corpus) is not here")
def test_a_document_without_its_cover_takes_its_year_from_its_tables_headers(tmp_path: Path) -> None:
    """深圳市民政局 2026 without its cover (p. 1, the only line that states 2026 apart from the tables): its tables'
    titles and captions state no year, their headers do (“2026年预算数”, beside “2025年预算数”) — the source is of 2026
    and the text is judged as in the whole document, not 未能审核 for want of a year."""
    require_program("pdftotext")
    writer = PdfWriter()
    for page in PdfReader(SHENZHEN).pages[1:]:
        writer.add_page(page)
    cut = tmp_path / "without-cover.pdf"
    writer.write(cut)
    review = review_document(cut, None)
    assert not review.unreviewed and review.imported is not None and review.imported.imported.year == 2026
    assert review.narrative is not None and review.narrative.counts["agree"] > 150  # 197, as in the whole document
