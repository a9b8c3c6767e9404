"""Shares that name a base no table gives (占固定资产总额的7.90%), judged against the amount their sentence states first
where the sentence proves it their base: its listed parts add up to it and another share is right over it
(review/sentences/share_bases.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.review_eval import reported_of
from reportgen.readers.text.lines import Line
from reportgen.readers.text.statements import read_statements
from reportgen.review.documents import review_document
from reportgen.review.sentences.share_bases import named_base_shares

FRESH = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "fresh1"
# 长春市信访局 2026, p. 19, as its lines print it
ASSETS = ("截止2025年12月31日，固定资产账上共有机动车3辆。本单位固",
          "定资产总量为4295.98万元，其中房屋和构筑物3773.63万元，占固定资",
          "产总额的87.84%；设备335.24万元，占固定资产总额的7.90%；家",
          "具和用具172.11万元，占固定资产总额的4%;无形资产15万元占",
          "固定资产总额的0.26%。")


def _found(*texts: str) -> list[str]:
    lines = [Line(n, text) for n, text in enumerate(texts, start=1)]
    return [f.format() for f in named_base_shares(read_statements(lines), "稿.txt")]


def test_the_shares_the_sentences_parts_and_its_right_shares_rule_out_are_told() -> None:
    # 3773.63 + 335.24 + 172.11 + 15 = 4295.98, and 87.84 % and 4 % are right over it: 7.90 % is 7.80 %, 0.26 % 0.35 %
    seven, nought = _found(*ASSETS)
    assert "稿.txt:3: 错误 [R-句内占比]" in seven and "约为 7.80%" in seven and "7.90%" in seven
    assert "约为 0.35%" in nought and "0.26%" in nought


def test_parts_that_do_not_add_up_to_the_first_amount_prove_no_base() -> None:
    # the same sentence listing two of its four parts: 4295.98 may be the base or not, nothing says which
    assert _found("本单位固定资产总量为4295.98万元，其中房屋和构筑物3773.63万元，占固定资产总额的87.84%；"
                  "设备335.24万元，占固定资产总额的7.90%。") == []


def test_shares_of_a_base_the_sentence_does_not_state_are_not_judged_against_its_first_amount() -> None:
    # 长春 p. 18's three shares of 支出预算 (1,682.76), led in here by the 基本支出 they add up to (1,208.19 ≈ 1,208.20):
    # no share is right over 1,208.20, so it is not their base — the tables judge them
    assert _found("2026年基本支出1208.20万元，其中工资福利支出911.21万元，占支出预算的54.15%；商品和服务支出211.00万元，"
                  "占支出预算的12.54%；对个人和家庭补助支出85.98万元，占支出预算的5.11%。") == []


@pytest.fixture(scope="module")
def changchun() -> tuple[list[str], dict[str, int]]:
    result = review_document(FRESH / "jl-changchun-xinfangju-2026-dept-budget.pdf", None)
    found, counted, _why = reported_of(result)
    return [item.text for item in found], counted


def test_the_published_asset_shares_are_told_on_the_document(changchun) -> None:
    texts, _counted = changchun
    told = [text for text in texts if "占固定资产总额" in text]
    assert len(told) == 2 and "约为 7.80%" in told[0] and "约为 0.35%" in told[1]
    assert not any("87.84" in text.split("「")[0] for text in told)  # the right ones are not told (「」: the line quoted)
