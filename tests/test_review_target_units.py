"""A 绩效目标表 indicator in a percentage among indicators of its kind that all count in one unit (北京市审计局 2026,
预算表12: “开展信息化领域审计项目 ≥ 5 %” beside five “…审计项目 ≥ N 个”, fresh1 S1); a progress given in months and in
% (北京市水务局 2026: “资金支付进度 ≤ 12 月”, “再生水购水资金支付进度 ＝ 100 %”) is no count, and is not told.

The fixtures are page extracts (pypdf) of published PDFs: ../shared/corpus/fresh1/bj-shenjiju-2026-dept-budget-tables.pdf
pp. 17–18, ../shared/corpus/bj-shuiwuju-2026-dept-budget-tables.pdf pp. 63, 72, 131 (ORIGIN.md there)."""

from __future__ import annotations

from pathlib import Path

import pytest

from reportgen.readers.published import read_published
from reportgen.review.target_units import percent_among_counts
from tests.clients import require_program

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "import" / "national"
SHENJIJU = FIXTURES / "beijing-shenjiju-2026-tables-p17-18.pdf"
SHUIWUJU = FIXTURES / "beijing-shuiwuju-2026-tables-p63-72-131.pdf"


@pytest.fixture(scope="module", autouse=True)
def _poppler() -> None:
    require_program("pdftotext")


def test_a_count_given_a_percentage_among_its_like_is_told_at_its_line() -> None:
    lines = read_published(SHENJIJU).lines
    found = percent_among_counts(lines, SHENJIJU)
    assert [f.message for f in found] == ["指标“开展信息化领域审计项目”的计量单位是“%”，而同样计“审计项目”的其他 5 个指标都以“个”计："
                                          "单位是否应为“个”？"]
    line = next(line for line in lines if line.number == found[0].line)
    assert "开展信息化领域审计项目" in line.text and line.page == 2


def test_a_progress_in_months_and_in_percent_is_not_told() -> None:
    assert percent_among_counts(read_published(SHUIWUJU).lines, SHUIWUJU) == []
