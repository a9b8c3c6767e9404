"""A sentence printed again, word for word but one figure: 江苏 prints “主要原因是基本支出增加1447.63万元、项目支出安排减少
200万元、单位预留机动经费增加3075.14万元” in three sections, and no table prints last year's figures to judge any of them.
Where one of the copies says another amount (or rate) in the place of one of them, all its other words and figures the same,
the copies cannot all be true: the one the others do not bear out is told, with the words of the other. A sentence that
differs in more than one figure, or only in a year or a number that is no amount, is another sentence (a unit's, a
year's), never compared; so is a sentence of one figure, or whose other figures are all 0 or a rate of 100 % (深圳 says
“（二）公用经费389.50万元，主要包括……” of each of its units; 万里街道 2023 “……为0万元，2023年预算安排◆万元，比2022年
预算执行数增加100.00%” of each new 项): nothing but its words ties its copies to one quantity."""

from __future__ import annotations

import re
from decimal import Decimal

from reportgen.base.errors import Finding
from reportgen.base.patterns import regex
from reportgen.readers.text.statements import Statement
from reportgen.review.sentences.consistency import in_yuan, listed_sums, sentence_firsts

# a figure of the sentence: an amount or a rate (its unit after it), and any other number (a year, an item's number)
_NUMBER = regex(r"\d[\d,]*+(?:\.\d++)?+")
_MEASURED = regex(r"\s*+(?:万元|元|亿元|%|％)")
_SPACE = regex(r"\s++")
_WORDS = 12  # characters a sentence has beside its figures at least (“增加0万元” repeated says nothing of itself)
_HAN = regex(r"[\u4e00-\u9fff]")


Copy = tuple[int, str, list[str]]  # a copy of a sentence: its line, its words, its amounts and rates as printed


def repeated_sentences(statements: list[Statement], draft: str, told: frozenset[tuple[int, str]]) -> list[Finding]:
    """A finding on each copy of a sentence that says one figure otherwise than another copy of it, the rest alike (but
    where that figure of either is told as disagreeing with the source already: ``told``, (line, text))."""
    copies: dict[str, list[Copy]] = {}  # the sentence's words with its figures left out → copies
    seen: set[str] = set()
    for st in statements:
        if st.kind == "cell" or st.sentence in seen:
            continue
        seen.add(st.sentence)
        text = _SPACE.sub("", st.sentence)
        words, figures = _apart(text)
        if len(_HAN.findall(words)) >= _WORDS and figures:
            copies.setdefault(words, []).append((st.line, text, figures))
    out = []
    for said in copies.values():
        odd = _odd_one(said)
        if odd is not None and not any(_told(copy, odd[2], told) for copy in odd[:2]):
            (line, _, figures), (_, text, others), place = odd
            out.append(Finding("error", "R-前后不一", f"同一句话文中印了不止一次，这里写作“{figures[place]}”，另一处写作"
                               f"“{others[place]}”（「{text[:40]}」），其余文字与数字都相同：两处不能同时成立，至少一处有误",
                               draft, line))
    return out


def _told(copy: Copy, place: int, told: frozenset[tuple[int, str]]) -> bool:
    """Whether the copy's figure at ``place`` is told as disagreeing with the source already."""
    line, _, figures = copy
    return any(at == line and figures[place] in _SPACE.sub("", text) for at, text in told)


def _apart(text: str) -> tuple[str, list[str]]:
    """The sentence with each figure replaced by a mark (an amount or rate by ◆, any other number by itself: a year
    differing makes another sentence), and its amounts and rates as printed, with their units."""
    figures: list[str] = []

    def mark(match: re.Match[str]) -> str:
        unit = _MEASURED.match(text, match.end())
        if unit is None:
            return match.group()
        figures.append(match.group() + unit.group().strip())
        return "◆"

    return _NUMBER.sub(mark, text), figures


def _odd_one(said: list[Copy]) -> tuple[Copy, Copy, int] | None:
    """The copy that differs from another in one figure alone — the same in another, not 0 (a sentence of one figure
    is said of each unit: 深圳 “（二）公用经费389.50万元，主要包括……”) — and that fewest copies agree with (the first of
    them where as many agree with each), with that other and the place of the figure that differs; None where none does."""
    for copy in sorted(said, key=lambda c: sum(_differ(c, other) == [] for other in said)):
        for other in said:
            places = _differ(copy, other)
            if len(places) == 1 and any(_ties(f) for i, f in enumerate(copy[2]) if i != places[0]):
                return copy, other, places[0]
    return None


def _ties(figure: str) -> bool:
    """Whether a figure two copies print alike ties them to one quantity: not 0, and no rate of 100 % — that says only
    that one side is 0 (万里街道 2023 says “2022年当年预算执行数为0万元，2023年预算安排◆万元，比2022年预算执行数增加
    100.00%” of each 项 new that year: 专项普查活动 60.13, 其他行政事业单位养老支出 0.31)."""
    value, unit = _value(figure)
    return bool(value) and not (unit == "%" and value == _HUNDRED)


_HUNDRED = Decimal(100)


def _differ(a: Copy, b: Copy) -> list[int]:
    """The places of the figures two copies print with different values (0 and 0.00 are one)."""
    return [i for i, (x, y) in enumerate(zip(a[2], b[2], strict=True)) if _value(x) != _value(y)]


def _value(figure: str) -> tuple[Decimal, str]:
    number = _NUMBER.match(figure)
    assert number is not None
    return Decimal(number.group().replace(",", "")), figure[number.end():].replace("％", "%")


# the marker a numbered item opens with, by its style: （一）, 一、, 1., (1)
_MARKERS = (regex(r"[（(][一二三四五六七八九十]{1,3}[）)]"), regex(r"[一二三四五六七八九十]{1,3}、"),
            regex(r"\d{1,2}[.．、](?!\d)"), regex(r"[（(]\d{1,2}[）)]"))


def items_against_their_list(statements: list[Statement], draft: str, told: frozenset[tuple[int, str]]) -> list[Finding]:
    """An amount's parts listed in its sentence and adding up to it (“预算254,403.68万元，包括在职人员经费126,883.76万元、
    公用经费21,169.43万元、……、项目支出100,763.03万元”), then taken up one by one in the numbered items right after it, each
    item of one style naming the next part, in the list's order, all of them (“（一）在职人员经费126,883.76万元，主要是……”
    … “（五）项目支出……”, 深圳; the names as _name says them): an item's amount is its part's; one that says another is
    told (R-前后不一). Items that do not mirror the list whole (a unit's, another list's) are never compared."""
    firsts = sentence_firsts(statements)
    out = []
    for whole, parts in listed_sums(statements):
        items = _items_mirroring(firsts, parts)
        if items is None:
            continue
        for part, item in zip(parts, items, strict=True):
            if in_yuan(part) != in_yuan(item) and not _either_told(part, item, told):
                out.append(Finding("error", "R-前后不一", f"“{part.label}”在第 {part.line} 行列作{part.text}（“{whole.label}”"
                                   f"{whole.text}的一部分，各部分之和正是它），这里写作{item.text}：两处应为同一个数，至少一处有误",
                                   draft, item.line))
    return out


# what a name may drop when it is said again: 的, a closing 支出 (“对个人和家庭的补助支出” listed, “（三）对个人和家庭补助支出”
# its item: 深圳民政局 2026; “增人增资支出” and “（四）增人增资”: 深圳人社局)
_NAME_FILLER = regex(r"的|支出$")


def _name(label: str) -> str:
    return _NAME_FILLER.sub("", label)


def _items_mirroring(firsts: list[Statement], parts: list[Statement]) -> list[Statement] | None:
    """The numbered items right after a list of parts (two or more, each named once) that take them up one by one,
    each naming its part in the list's order; None where they do not mirror the list whole."""
    if len(parts) < 2 or len({part.label for part in parts}) < len(parts):
        return None
    items = _items_after(firsts, parts[-1], len(parts))
    if items is None or [_name(item.label) for item in items] != [_name(part.label) for part in parts]:
        return None
    return items


def _items_after(firsts: list[Statement], last: Statement, count: int) -> list[Statement] | None:
    """The amounts of the first ``count`` numbered sentences after the one of ``last`` whose marker is of the style of the
    first of them (sub-items of another style between are passed over); None where fewer follow."""
    start = next((at for at, st in enumerate(firsts) if st.sentence is last.sentence), None)
    if start is None:
        return None
    style: re.Pattern[str] | None = None
    items: list[Statement] = []
    for st in firsts[start + 1:]:
        marker = _marker(st)
        if style is None:
            if marker is None:
                return None  # the list's items begin right after it (an amount's: below), or not at all
            style = marker
        if marker is not style:
            continue
        if not _an_amount(st):
            return None
        items.append(st)
        if len(items) == count:
            return items
    return None


def _marker(st: Statement) -> re.Pattern[str] | None:
    """The style of the marker a statement's sentence opens with (_MARKERS); None where it opens with none."""
    opened = st.sentence.lstrip()
    return next((m for m in _MARKERS if m.match(opened)), None)


def _an_amount(st: Statement) -> bool:
    """Whether a statement says an amount of money (元, 万元 or 亿元)."""
    return st.kind == "amount" and st.value is not None and st.unit in ("元", "万元", "亿元")


def _either_told(part: Statement, item: Statement, told: frozenset[tuple[int, str]]) -> bool:
    return (part.line, part.text) in told or (item.line, item.text) in told
