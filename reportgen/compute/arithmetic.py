"""The arithmetic of a disclosure, Decimal throughout: sums of what is known, the rounding a printed
table allows, shares, rates and year-over-year changes (DOMAIN.md: half up, never a division by
zero), and the Disputed total a source's own figure contradicts.

Totals always come from the finest parts the source gives, in exact 元; rounding happens only
when a figure is shown (phrasing.py), never before a sum.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal
from typing import Any

from reportgen.base.records import Record
from reportgen.docmodel.model import Budget

ZERO = Decimal(0)
HUNDRED = Decimal(100)
TEN_THOUSAND = Decimal(10000)
CENT = Decimal("0.01")


class Disputed(Decimal):
    """A total computed from its parts that a figure of the source contradicts (the error a check
    reports): the render refuses it, and a draft prints it marked where it stands (phrasing.Money)
    — a draft may be incomplete, never silently wrong. ``other`` is the contradicting figure,
    ``what`` its name, ``stated`` whether the source typed it (else it is another computed total)."""

    other: Decimal
    what: str
    stated: bool

    def __new__(cls, value: Decimal, other: Decimal, what: str, stated: bool = True) -> Disputed:
        made = super().__new__(cls, value)
        made.other, made.what, made.stated = other, what, stated
        return made

    def __reduce__(self) -> tuple[Any, ...]:  # pickled to a batch's workers with what it disputes
        return (Disputed, (Decimal(self), self.other, self.what, self.stated))


class Percent(Decimal):
    """A figure in percent — a share (占) or a rate of change (增长) — as a template gets it: a Decimal that the filters
    printing an amount refuse and the one printing a percent asks for, so that a hand-edited wording printing one as
    the other (占72.3% as “0.01万元”, 4,944.99万元 as “49449900.0%”) is told, not printed."""


def disputed(value: Decimal | None, other: Decimal | None, what: str, stated: bool = True) -> Decimal | None:
    """``value`` marked Disputed where ``other`` is known and differs from it."""
    if value is None or other is None or value == other:
        return value
    return Disputed(value, other, what, stated)



def difference(current: Decimal | None, prior: Decimal | None) -> Decimal | None:
    """本年 − 上年, where both are known."""
    return None if current is None or prior is None else current - prior


def sum_known(values: Iterable[Decimal | None]) -> Decimal | None:
    """The sum, or None when any part is unknown (a total of partly stated figures is no total)."""
    total = ZERO
    for value in values:
        if value is None:
            return None
        total += value
    return total


HALF_DIGIT = Decimal(50)  # half of 0.01 万元, in 元


def allowance(budget: Budget, parts: int, *figures: Decimal | None) -> Decimal:
    """How far a figure of ``budget`` may stand from the sum of ``parts`` others by the printing's
    rounding alone: half its 金额精度 per figure where the source says its figures were printed rounded
    (an import of whole-元 tables), else as rounding_allowance says for its 金额单位."""
    return step_allowance(budget, parts, *figures) or rounding_allowance(budget.source_unit, parts, *figures)


def step_allowance(budget: Budget, parts: int, *figures: Decimal | None) -> Decimal:
    """Half the source's 金额精度 for a total and each of its ``parts``, where it says its figures were
    printed rounded to it (and ``figures`` are printed at it); 0 for a source that says nothing."""
    step = budget.printed_step
    if step and parts >= 1 and not any(f is not None and f % step for f in figures):
        return step / 2 * (parts + 1)
    return ZERO


def rounding_allowance(source_unit: str, parts: int, *figures: Decimal | None) -> Decimal:
    """How far, in 元, a figure a 万元 source states may stand from the sum of ``parts`` (two or
    more) other figures it states, each rounded to 0.01 万元 on its own as a published table prints
    them (half a 0.01 万元 apiece: the table's 尾数误差). None for one part (rounding keeps order), for
    a source in 元 (exact figures agree exactly), or where one of ``figures`` is finer than 0.01 万元
    (a figure not rounded to the published digit)."""
    if source_unit != "万元" or parts < 2 or any(f is not None and f % 100 for f in figures):
        return ZERO
    return HALF_DIGIT * parts




def rounding_gap(total: Decimal, parts: Iterable[Decimal], shown: Callable[[Decimal], Decimal]) -> bool:
    """True when the parts as shown do not add up to the total as shown (the 尾数误差 a table then
    notes). Totals are never made from rounded parts; this only tells whether a reader would see it."""
    return sum((shown(p) for p in parts), ZERO) != shown(total)




@dataclass(frozen=True, repr=False, eq=False)
class Change(Record):
    """A year-over-year change, already decided as the wording needs it.

    kind: ``up`` / ``down`` / ``flat`` (zero after rounding) / ``new`` (prior zero, no rate).
    ``amount`` is the absolute difference in 元; ``rate`` the rounded percentage or None; ``exact`` the
    percentage unrounded (a text printing the rate at one decimal rounds it once: 772.20 of 7,610.61 is 10.1%, where
    the rounded 10.15 would print 10.2).
    """

    kind: str
    amount: Decimal
    rate: Decimal | None
    exact: Decimal | None = field(default=None, compare=False, repr=False)  # (equal and shown as before)


_QUANTA = tuple(Decimal(1).scaleb(-places) for places in range(9))  # 1, 0.1, 0.01, …: made once


def quantize_half_up(value: Decimal, places: int = 2) -> Decimal:
    """四舍五入 to ``places`` decimals; a rounded zero is always +0 (never -0.00)."""
    quantum = _QUANTA[places] if 0 <= places < len(_QUANTA) else Decimal(1).scaleb(-places)
    result = value.quantize(quantum, rounding=ROUND_HALF_UP)
    return result if result else abs(result)


def share(part: Decimal, whole: Decimal) -> Decimal | None:
    """Share of ``part`` in ``whole`` in percent, 2 decimals half up; None when whole is zero."""
    if not whole:
        return None
    return quantize_half_up(part * HUNDRED / whole)


def as_printed(amount: Decimal, factor: Decimal, places: int) -> Decimal:
    """An amount in 元 as a text prints it in a unit of ``factor`` 元 at ``places`` decimals, half up, back in 元: the
    figure a province computes a sentence's rate from where it computes it from the figures it printed (万里 “2022年当年
    预算执行数为8.61万元，2023年预算安排17.72万元，比2022年预算执行数增加105.81%”: of 86,100 and 177,240 元 105.85%)."""
    return quantize_half_up(amount / factor, places) * factor


def truncated(value: Decimal, places: int) -> Decimal:
    """``value`` cut (not rounded) to ``places`` decimals: the slip of a calculator's display."""
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_DOWN)


def exact_percent(part: Decimal, whole: Decimal) -> Decimal | None:
    """part / whole in percent, unrounded (a reviewer rounds it at the precision the draft printed)."""
    return part * HUNDRED / whole if whole else None


def in_unit(amount: Decimal, unit: str) -> Decimal:
    """An amount in 元 expressed in ``unit`` (元, 万元 or 亿元: a text's summary, “收入预算总额3.52亿元”), exactly."""
    if unit == "亿元":
        return amount / TEN_THOUSAND / TEN_THOUSAND
    return amount / TEN_THOUSAND if unit == "万元" else amount


def growth_rate(current: Decimal | None, prior: Decimal | None) -> Decimal | None:
    """(current − prior) / prior in percent, signed, 2 decimals half up (a 增减率 column); None
    when either is unknown or prior is zero."""
    if current is None or not prior:
        return None
    return quantize_half_up((current - prior) * HUNDRED / prior)


def change(current: Decimal, prior: Decimal | None, display_quantum: Decimal) -> Change | None:
    """Compare with the prior year. ``display_quantum`` is the smallest shown amount in 元
    (0.01 万元 = 100 元): a difference that rounds to zero there is 持平."""
    if prior is None:
        return None
    difference = current - prior
    shown = (difference / display_quantum).quantize(Decimal(1), rounding=ROUND_HALF_UP)
    if shown == 0:
        return Change("flat", ZERO, None)
    if prior == 0:
        return Change("new", abs(difference), None)
    exact = abs(difference) * HUNDRED / prior
    return Change("up" if difference > 0 else "down", abs(difference), Percent(quantize_half_up(exact)), Percent(exact))


