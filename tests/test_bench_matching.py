"""bench/review_eval.py counts a finding true where it quotes a slip's figure: the figure itself, or the figure
rounded (half up) to the two or more decimals the finding prints (北京市政务服务和数据管理局 2026's F2 annotates
36,546.620316; review's 人员经费 finding prints 36,546.62) — never a figure of fewer decimals, nor another."""

from __future__ import annotations

from decimal import Decimal

from bench.review_eval import _quotes


def test_a_figure_quoted_rounded_to_two_decimals_or_more_is_the_annotated_one() -> None:
    annotated = {Decimal("38186.119752"), Decimal("36546.620316")}
    assert _quotes({Decimal("36546.62")}, annotated)
    assert _quotes({Decimal("36546.6203")}, annotated)
    assert _quotes({Decimal("38186.119752")}, annotated)


def test_a_figure_of_fewer_decimals_or_another_value_is_not() -> None:
    annotated = {Decimal("36546.620316"), Decimal("301.40")}
    assert not _quotes({Decimal("36546.6")}, annotated)  # one decimal: too coarse to name a figure
    assert not _quotes({Decimal("301")}, annotated)  # a code, not the amount
    assert not _quotes({Decimal("36546.63")}, annotated)
