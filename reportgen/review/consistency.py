"""A sentence's own figures against each other, with no source: an amount, its change and its rate
("37.91万元，比2024年预算减少10万元，下降20.87%") cannot all be true unless the rate is the change over
the prior the amount and the change imply. Each printed figure stands for the interval its last
digit rounds (0.01 万元 is ±0.005 万元), so only a rate no rounding can explain is reported."""

from __future__ import annotations

from decimal import Decimal

from reportgen.errors import Finding
from reportgen.review.statements import Statement

_UNITS = {"元": Decimal(1), "万元": Decimal(10000), "亿元": Decimal(100000000)}


def contradictions(statements: list[Statement], draft: str,
                   told: set[tuple[int, str]] | frozenset[tuple[int, str]] = frozenset()) -> list[Finding]:
    """Each amount–change–rate triple of one sentence whose rate its amount and change rule out
    (but a rate already told as disagreeing with the source: ``told`` holds (line, text))."""
    found = []
    for amount, change, rate in _triples(statements):
        if (rate.line, rate.text) in told:
            continue
        low, high = _rate_bounds(amount, change)
        if low is None or high is None:
            continue
        sign = -1 if rate.direction == "down" else 1
        half = Decimal(5) / Decimal(10) ** (rate.decimals + 1)
        printed = sign * rate.value if rate.value is not None else None
        if printed is None or (printed + half >= low and printed - half <= high):
            continue
        found.append(_finding(amount, change, rate, low, high, draft))
    return found


def _triples(statements: list[Statement]) -> list[tuple[Statement, Statement, Statement]]:
    """(amount, change, rate) said one after another of one label on one line."""
    out = []
    for i in range(len(statements) - 2):
        amount, change, rate = statements[i:i + 3]
        if (amount.kind, change.kind, rate.kind) != ("amount", "change", "rate"):
            continue
        same = amount.line == change.line == rate.line and amount.label == change.label == rate.label
        if same and change.direction == rate.direction and not rate.after_flat and amount.unit in _UNITS \
                and change.unit in _UNITS and amount.value is not None and change.value is not None:
            out.append((amount, change, rate))
    return out


def _half(st: Statement) -> Decimal:
    return Decimal(5) / Decimal(10) ** (st.decimals + 1) * _UNITS[st.unit]


def _rate_bounds(amount: Statement, change: Statement) -> tuple[Decimal | None, Decimal | None]:
    """The lowest and highest rate (in %) the amount and the change allow, at their printed precision."""
    assert amount.value is not None and change.value is not None
    a, c = amount.value * _UNITS[amount.unit], change.value * _UNITS[change.unit]
    c = -c if change.direction == "down" else c
    rates = []
    for da in (-_half(amount), _half(amount)):
        for dc in (-_half(change), _half(change)):
            prior = (a + da) - (c + dc)
            if prior <= 0:
                return None, None  # a prior of nothing or less: no rate to speak of
            rates.append((c + dc) / prior * 100)
    return min(rates), max(rates)


def _finding(amount: Statement, change: Statement, rate: Statement, low: Decimal, high: Decimal,
             draft: str) -> Finding:
    assert amount.value is not None and change.value is not None
    signed = change.value * _UNITS[change.unit] / _UNITS[amount.unit] * (-1 if change.direction == "down" else 1)
    prior = (amount.value - signed).quantize(Decimal(1) / Decimal(10) ** amount.decimals)
    return Finding("error", "R-句内矛盾",
                   f"“{amount.label}”{amount.text}与{change.text}意味着上年为{prior:,}{amount.unit}、"
                   f"变动率约为 {(low + high) / 2:.2f}%，而写作“{rate.text}”：三个数字不能同时成立", draft, rate.line)
