"""Figures compared at the precision they were printed to. A figure printed to 0.01 万元 (a “三公”
item, a text's 万元 amount) stands for every amount within half a step of it: an amount kept to the 元
(or 分) beside it agrees with it when the two agree at 0.01 万元 — whichever of the two is the rounded
one. Two figures of the same precision are compared exactly."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

STEP = Decimal(100)  # 0.01 万元, in 元 (a Budget's amounts are in 元 whatever the source's 金额单位)


def exceeds(larger: Decimal, limit: Decimal, step: Decimal = STEP) -> bool:
    """Whether ``larger`` is more than ``limit`` (both in 元) at the precision they were printed to:
    where one is a whole number of 0.01 万元 and the other finer, the finer is rounded (half up) to
    0.01 万元 first."""
    if _on_step(limit, step) and not _on_step(larger, step):
        larger = _rounded(larger, step)
    elif _on_step(larger, step) and not _on_step(limit, step):
        limit = _rounded(limit, step)
    return larger > limit


def _on_step(value: Decimal, step: Decimal) -> bool:
    return value % step == 0


def _rounded(value: Decimal, step: Decimal) -> Decimal:
    return (value / step).quantize(Decimal(1), rounding=ROUND_HALF_UP) * step
