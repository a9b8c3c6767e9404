"""A sentence's amount, change and rate judged against each other (no source needed): only a rate
that no rounding of the printed amount and change can give is reported."""

from __future__ import annotations

from pathlib import Path

import pytest

from reportgen.readers.published import read_draft
from reportgen.readers.text.lines import Line
from reportgen.readers.text.statements import read_statements
from reportgen.review.sentences.consistency import contradictions, heading_and_body, item_sums


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


def test_a_rate_of_a_prior_of_nothing_is_told():
    # a change that is the whole amount: last year's was nothing, and a percentage from a zero base is no
    # rate (DOMAIN: 上年无该项预算，增长率无可比性 or 为新增项目)
    (finding,) = _found("项目支出20.00万元，比上年增加20.00万元，增长100.00%。")
    assert "上年为 0" in finding and "增长100.00%" in finding
    assert _found("项目支出20.00万元，比上年增加20.00万元，为新增项目。") == []


# -- an item's amount in its heading against its body (R-标题与正文) ---------------------------------

def _heading_body(*texts: str) -> list[str]:
    lines = [Line(n, text) for n, text in enumerate(texts, start=1)]
    return [f.format() for f in heading_and_body(read_statements(lines), "稿.txt", 2025)]


def test_an_items_heading_and_body_at_two_amounts_are_reported_at_the_body():
    (finding,) = _heading_body("（二）公务接待费3.00万元。", "主要用于接待来访。公务接待费预算2.00万元，比上年减少1万元。")
    assert "稿.txt:2: 错误 [R-标题与正文]" in finding and "3.00万元（第 1 行）" in finding and "2.00万元" in finding


@pytest.mark.parametrize("texts", [
    ("（三）公务用车购置及运行维护费5万元。", "公务用车购置及运行维护费5.004万元。"),  # 5 万元 rounds 4.5–5.5
    ("（二）公务接待费3.00万元。", "2024年公务接待费4.00万元。"),  # another year's
    ("（二）公务接待费3.00万元。", "其中国内公务接待费2.00万元。"),  # another name
    ("（二）公务接待费3.00万元。", "（三）公务接待费2.00万元。"),  # another item
    ("（二）公务接待费3.00万元。", "公务接待费 2.00", ),  # a table row is not the item's body
])
def test_what_can_be_true_or_is_not_the_same_figure_is_not_reported(texts):
    assert _heading_body(*texts) == []


def test_no_published_text_reports_its_heading_against_its_body():
    """The development texts and the held-out set: no R-标题与正文 (none of them repeats an item's name
    with another amount in its body)."""
    root = Path(__file__).resolve().parent / "seeds"
    for path in sorted([*root.glob("*.txt"), *(root / "heldout").glob("*.txt")]):
        statements = read_statements(read_draft(path))
        year = int(path.stem.split("-")[-1] if path.stem[-1].isdigit() else path.stem.split("-")[-2])
        assert heading_and_body(statements, path.name, year) == [], path.name


def _items_told(*lines: str) -> list[str]:
    return [f.message for f in item_sums(read_statements([Line(i + 1, text) for i, text in enumerate(lines)]), "d.txt")]


_OTHER_INCOME = ("（二）本年其他资金收入880.69万元", "4.财政专户管理资金收入330.00万元。", "5.事业收入501.00万元。",
                 "6.其他收入9.69万元。")


@pytest.mark.parametrize("after", [("（三）上年结转结余40万元。",), ("二、支出预算情况说明", "2026年支出预算100万元。")])
def test_numbered_items_that_are_all_their_items_must_add_up_to_it(after):
    """Numbered one after another, then the parent's next item or another heading: they are all of it (330 + 501 + 9.69
    is not 880.69)."""
    told = _items_told(*_OTHER_INCOME, *after)
    assert told == ["“本年其他资金收入”880.69万元，而其下各条 330.00万元、501.00万元、9.69万元 合计 840.69万元："
                    "各条之和应是它，几个数字不能同时成立"]


@pytest.mark.parametrize("lines", [
    (*_OTHER_INCOME[:3], "7.其他收入9.69万元。", "（三）上年结转结余40万元。"),  # 6 is missing: not all of them
    (*_OTHER_INCOME, "同时，另有结余40万元。", "（三）上年结转结余40万元。"),  # a sentence of the last item's own after them
    _OTHER_INCOME,  # nothing after them: the text may go on
    (*_OTHER_INCOME[:3], "6.其他收入49.69万元。", "（三）上年结转结余40万元。"),  # they add up
])
def test_numbered_items_not_shown_to_be_all_or_that_add_up_are_not_told(lines):
    assert _items_told(*lines) == []

