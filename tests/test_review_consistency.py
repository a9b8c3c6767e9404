"""A sentence's amount, change and rate judged against each other (no source needed): only a rate
that no rounding of the printed amount and change can give is reported."""

from __future__ import annotations

import pytest

from reportgen.review.consistency import contradictions
from reportgen.review.draft import Line
from reportgen.review.statements import read_statements


def _found(*texts: str) -> list[str]:
    lines = [Line(n, text) for n, text in enumerate(texts, start=1)]
    return [f.format() for f in contradictions(read_statements(lines), "稿.txt")]


@pytest.mark.parametrize("text", [
    "2025年“三公”经费预算数为37.91万元，比2024年预算减少10万元，下降20.87%。",  # 万里街道 2025, right
    "财政拨款收入18,976.76万元，比2024年预算增加3,355.65万元，增长21.48%。",  # right at the printed precision
    "一般公共预算拨款支出预算37,151.47万元，比2024年预算增加24,491.71万元，增长193.46%。",  # 商务委 2025
])
def test_figures_that_can_all_be_true_are_not_reported(text):
    assert _found(text) == []


def test_a_rate_divided_by_this_years_amount_is_reported_with_the_rate_the_figures_give():
    (finding,) = _found("机关运行经费100.00万元，比上年增加20.00万元，增长20.00%。")
    assert "稿.txt:1: 错误 [R-句内矛盾]" in finding and "上年为80.00万元" in finding and "约为 25.00%" in finding


def test_the_published_yantian_slip_is_caught_without_its_source():
    """深圳盐田 2022 prints “18.03 万元，比 2021 年预算增加 0.18 万元，增长 0.01 %” (1.01% is right)."""
    (finding,) = _found("18.03万元，比2021年预算增加0.18万元，增长0.01%。")
    assert "约为 1.0" in finding and "增长0.01%" in finding


def test_a_prior_of_nothing_gives_no_rate_to_judge():
    assert _found("项目支出20.00万元，比上年增加20.00万元，增长100.00%。") == []
