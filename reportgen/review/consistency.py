"""A sentence's own figures against each other, with no source: an amount, its change and its rate
("37.91万元，比2024年预算减少10万元，下降20.87%") cannot all be true unless the rate is the change over
the prior the amount and the change imply. Each printed figure stands for the interval its last
digit rounds (0.01 万元 is ±0.005 万元), so only a rate no rounding can explain is reported."""

from __future__ import annotations

from decimal import Decimal

from reportgen.errors import Finding
from reportgen.review.glossary import BUDGET_WORD as _BUDGET_WORD
from reportgen.review.glossary import normalize
from reportgen.review.statements import STARTS_ANEW, Statement, year_before

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


def heading_and_body(statements: list[Statement], draft: str, year: int,
                     told: set[tuple[int, str]] | frozenset[tuple[int, str]] = frozenset()) -> list[Finding]:
    """An item's amount in its heading against the same item's amount in its body: an item (a
    paragraph begun with its number, “（二）公务接待费3万元。……公务接待费预算2万元”) that states one
    name's amount twice, for this year, at amounts no rounding makes equal."""
    found = []
    for head, body in _items(statements, year):
        if (body.line, body.text) in told or (head.line, head.text) in told:
            continue
        if not _may_equal(head, body):
            found.append(Finding("error", "R-标题与正文", f"“{head.label}”在条目开头写作{head.text}（第 {head.line} 行），"
                                 f"正文又写作{body.text}：两个数字不能同时成立", draft, body.line))
    return found


def _items(statements: list[Statement], year: int) -> list[tuple[Statement, Statement]]:
    """(the amount an item's first sentence states, a later amount of the same name in the item),
    of this year's figures: an item runs from a line begun with a number to the next such line."""
    pairs = []
    head: Statement | None = None
    first_sentence = ""
    for st in statements:
        if st.kind == "cell":
            head = None
            continue
        if st.sentence is not first_sentence and STARTS_ANEW.match(st.sentence):
            head, first_sentence = None, st.sentence
        if st.kind != "amount" or not st.unit or st.value is None or year_before(st, year) is not None:
            continue
        if head is None and st.sentence is first_sentence:
            head = st
        elif head is not None and st.sentence is not first_sentence and _same_name(head, st):
            pairs.append((head, st))
    return pairs


def _same_name(a: Statement, b: Statement) -> bool:
    """Whether two labels name one thing (“公务接待费” and “公务接待费预算”)."""
    name = _BUDGET_WORD.sub("", normalize(a.label))
    return bool(name) and name == _BUDGET_WORD.sub("", normalize(b.label))


def _may_equal(a: Statement, b: Statement) -> bool:
    """Whether one exact amount prints as both (each rounds to within half its last digit)."""
    assert a.value is not None and b.value is not None
    low = max(a.value * _UNITS[a.unit] - _half(a), b.value * _UNITS[b.unit] - _half(b))
    high = min(a.value * _UNITS[a.unit] + _half(a), b.value * _UNITS[b.unit] + _half(b))
    return low <= high
