"""Phrasing of amounts, shares and changes (DOMAIN.md "How figures are phrased")."""

from decimal import Decimal
from pathlib import Path

import pytest

from reportgen.compute import change, quantize_half_up, share
from reportgen.compute.phrasing import Money, chinese_number, percent
from reportgen.docmodel.model import Presentation
from reportgen.runners.render import document_for, prepare
from reportgen.shaping.narrative import environment, labelled

D = Decimal
WAN = D(10000)


def phrase(current: str | None, prior: str | None, unit: str = "万元") -> str:
    """Render the template macro for a change, amounts given in 万元."""
    money = Money(Presentation(unit=unit))
    env = environment()  # shared by every render: the render's Money comes with the context
    template = env.from_string(
        '{% from "_phrases.j2" import with_change with context %}{{ with_change(c, p, 2021) }}'
    )
    return template.render(
        c=None if current is None else D(current) * WAN,
        p=None if prior is None else D(prior) * WAN,
        change=money.change,
        _money=money,
    )


def test_change_phrase_up_matches_yantian_total():
    assert phrase("1273.52", "1270.13") == "，比2021年增加3.39万元，增长0.27%"


def test_change_phrase_down_says_下降_not_减少_for_the_rate():
    assert phrase("1064.2", "1092.39") == "，比2021年减少28.19万元，下降2.58%"


def test_change_phrase_for_equal_years_says_持平():
    assert phrase("4", "4.00") == "，与2021年持平"


def test_change_below_display_precision_is_持平_not_minus_zero():
    # 0.004 万元 rounds to 0.00 万元: no "-0.00", no "增加0.00"
    assert phrase("4.000", "4.004") == "，与2021年持平"


def test_new_item_has_no_rate_from_a_zero_base():
    text = phrase("15", "0")
    assert "增加15.00万元" in text and "增长率无可比性" in text and "%" not in text


def test_drop_to_zero_is_a_decrease_of_100_percent():
    assert phrase("0", "22") == "，比2021年减少22.00万元，下降100.00%"


def test_no_prior_gives_no_phrase():
    assert phrase("22", None) == ""


def test_running_costs_rate_is_1_01_not_the_seed_slip_0_01():
    assert phrase("18.03", "17.85") == "，比2021年增加0.18万元，增长1.01%"


def test_share_rounds_half_up_not_half_even():
    # 0.265% would be 0.26% under Babel's default half-even rounding
    assert share(D("2.65"), D("1000")) == D("0.27")
    assert percent(D("0.265")) == "0.27%"


def test_share_of_zero_whole_is_none_not_a_division():
    assert share(D(5), D(0)) is None


def test_quantize_never_gives_negative_zero():
    assert str(quantize_half_up(D("-0.001"))) == "0.00"


def test_amount_kept_in_元_is_shown_in_万元_with_separators():
    money = Money(Presentation(unit="万元"))
    assert money.with_unit(D("12735200")) == "1,273.52万元"
    assert money.number(D("6307683.64")) == "630.77"


def test_amount_shown_in_元_keeps_fen():
    money = Money(Presentation(unit="万元"))
    assert money.number(D("20000"), "元") == "20,000.00"


def test_no_thousands_separator_style():
    money = Money(Presentation(unit="万元", thousands=False))
    assert money.with_unit(D("10642000")) == "1064.20万元"


def test_change_kinds_are_decided_on_exact_values():
    quantum = D(100)  # 0.01 万元
    assert change(D(100), D(100), quantum).kind == "flat"
    assert change(D(200), D(100), quantum).kind == "up"
    assert change(D(0), D(100), quantum).rate == D("100.00")
    assert change(D(100), D(0), quantum).kind == "new"


@pytest.mark.parametrize("n,text", [(1, "一"), (9, "九"), (10, "十"), (12, "十二"), (20, "二十"), (21, "二十一")])
def test_chinese_numerals_for_section_numbers(n, text):
    assert chinese_number(n) == text


@pytest.mark.parametrize("text, expected", [
    ("一、团结动员广大职工建功立业", True), ("（一）深入开展劳动竞赛活动", True), ("(三)规范", True),
    ("1.完善制度建设", True), ("12、加强宣传", True), ("（2）做好统计", True), ("3）落实", True),
    ("完善制度建设。包括制定完善预算绩效管理制度", False), ("一线职工代表", False), ("2020年预算", False),
    ("十分重要", False), ("", False),
])
def test_a_text_with_its_own_number_is_labelled(text, expected):
    """performance.j2 numbers 保障措施 itself only where a measure carries no label of its own."""
    assert labelled(text) is expected
    assert (environment().from_string("{{ t is labelled }}").render(t=text) == "True") is expected


def test_a_project_use_that_is_already_a_phrase_is_not_prefixed(tmp_path):
    """主要用于 goes before a bare purpose, not before one that already says 用于 or starts with 根据."""
    root = Path(__file__).resolve().parent.parent
    text = (root / "data" / "shenzhen-yantian-zgh-2022.yaml").read_text(encoding="utf-8")
    for old, new in (("用途: 保障工会各项日常业务活动的开展", "用途: 该项资金全部用于工会日常业务活动"),
                     ("用途: 工会组织建设和民主管理，", "用途: 根据年度计划开展工会组织建设和民主管理，")):
        assert old in text
        text = text.replace(old, new, 1)
    source = tmp_path / "yantian.yaml"
    source.write_text(text, encoding="utf-8")
    paragraphs = [getattr(b, "text", "") for b in document_for(prepare(source)).blocks]
    body = "\n".join(paragraphs)
    assert "。该项资金全部用于工会日常业务活动。" in body and "主要用于该项" not in body
    assert "。根据年度计划开展工会组织建设和民主管理，" in body and "主要用于根据" not in body
    assert "主要用于劳模、工匠人才" in body  # a bare purpose keeps the template's words
