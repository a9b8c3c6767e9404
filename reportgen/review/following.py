"""One slip reported once: the findings of a document that follow from one of its table slips, known by
arithmetic, never guessed.

A table slip (importing/reconcile.py) is a total printed otherwise than the sum of its parts, by a gap
(printed − parts). Another table difference with the same gap in the same table's unit is that slip
seen again one level up (a 款 printing the sum that includes its 项's lost rows): the slip is the one
on the deepest row (the longest code), the rest follow from it. A check's finding that compares two
amounts (收入总计 against 支出总计, 拨款 against the spending of its fund) follows from the slip when the
two amounts differ by the slip's gap, to within the last digit the finding prints (each amount is
rounded to it): the check summed the slipped total with its parts. What follows is marked with the slip
it follows from and not counted as a problem of its own; the slip itself stays."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from reportgen.base.errors import Finding
from reportgen.base.patterns import regex
from reportgen.reading.amounts import yuan_factors

_TOTAL = regex(r"(?:^|：)(?P<what>[^：，]+?) 印作 (?P<printed>-?[0-9][0-9,]*(?:\.[0-9]+)?)，"
               r"而其组成部分之和为 (?P<parts>-?[0-9][0-9,]*(?:\.[0-9]+)?)")
_AMOUNT = regex(r"(-?[0-9][0-9,]*(?:\.([0-9]+))?)(万元|元)")
_APART = regex(r"相差 (-?[0-9][0-9,]*(?:\.([0-9]+))?)(万元|元)")
_UNITS = yuan_factors("元", "万元")


@dataclass(frozen=True)
class _Slip:
    message: str
    gap: Decimal  # in 元
    depth: int  # the digits of its row's code (0: a row without one)
    head: str  # how it is named: “2040601 行政运行 印作 14,348,853.34”


def following(differences: list[str], checks: list[Finding], units: Mapping[str, str]) -> dict[str, str]:
    """Each finding's message that follows from a table slip → the head of that slip's message.
    ``units``: each table's unit (元 / 万元), by the name a difference gives it."""
    slips = [slip for text in differences if (slip := _slip(text, units)) is not None]
    out = _after_the_first(slips)
    causes = [s for s in slips if s.message not in out]
    for finding in checks:
        cause = _cause_of(finding, causes)
        if cause is not None:
            out[finding.message] = cause.head
    return out


def _after_the_first(slips: list[_Slip]) -> dict[str, str]:
    """Each slip's message that follows from another of its gap (the deepest, the first of them) → that one's head."""
    out: dict[str, str] = {}
    for slip in slips:
        first = max((s for s in slips if s.gap == slip.gap), key=lambda s: (s.depth, -slips.index(s)))
        if first is not slip:
            out[slip.message] = first.head
    return out


def _cause_of(finding: Finding, causes: list[_Slip]) -> _Slip | None:
    """The slip an error that compares two figures follows from: one whose gap is theirs, within its tolerance."""
    compared = _compared(finding.message)
    if finding.severity != "error" or compared is None:
        return None
    apart, tolerance = compared
    return next((s for s in causes if abs(abs(s.gap) - apart) <= tolerance), None)


def _slip(text: str, units: Mapping[str, str]) -> _Slip | None:
    found = _TOTAL.search(text)
    # its table: named first (“支出总表 第11页 第9行：…”), or first of the places it was seen (“见 2 处：支出总表 …”)
    table = next((name for name in units if re.search(rf"(?:^|处：){re.escape(name)} ", text)), None)
    if found is None or table is None:
        return None
    gap = (_number(found.group("printed")) - _number(found.group("parts"))) * _UNITS.get(units[table], Decimal(1))
    code = next((part for part in found.group("what").split(" ") if part.isdigit()), "")
    return _Slip(text, gap, len(code), f"{found.group('what')} 印作 {found.group('printed')}") if gap else None


def _compared(message: str) -> tuple[Decimal, Decimal] | None:
    """How far apart the two amounts a finding compares are, in 元, and within what (the last digit it
    prints of them); None for a finding that does not compare two amounts."""
    apart = _APART.search(message)
    amounts = _AMOUNT.findall(message)
    if apart is not None:
        value, places, unit = apart.groups()
        return abs(_number(value)) * _UNITS[unit], _step(places, unit)
    if len(amounts) != 2:
        return None
    (a, a_places, a_unit), (b, b_places, b_unit) = amounts
    difference = abs(_number(a) * _UNITS[a_unit] - _number(b) * _UNITS[b_unit])
    return difference, _step(a_places, a_unit) / 2 + _step(b_places, b_unit) / 2


def _step(places: str, unit: str) -> Decimal:
    """The last printed digit's worth, in 元."""
    return Decimal(1).scaleb(-len(places)) * _UNITS[unit]


def _number(text: str) -> Decimal:
    return Decimal(text.replace(",", ""))
