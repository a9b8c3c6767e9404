"""A list of the economic classification's items (“主要包括：基本工资、津贴补贴、奖金……”) that names one of
them twice, or names one a character off the catalogue's (“资金” among 工资福利支出's items, where the
catalogue reads “奖金”). The names are the catalogue's (reportgen/codes: economic.yaml and
government_economic.yaml, every year's names and aliases): a list of other words is never judged."""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache

from reportgen import codes
from reportgen.base.errors import Finding
from reportgen.base.patterns import regex
from reportgen.base.rules import TEXT, rule
from reportgen.review.text_rules.base import Text

_CLAUSE = regex(r"[^。；;：:\n，,]+")
_NAMED = 3  # items of a list that are the catalogue's names, for the list to be one of its items
_ENDINGS = ("等支出", "等")  # what closes a list's last item (“奖励金等”)


@cache
def _classes() -> dict[str, frozenset[str]]:
    """Each name of the two economic classifications (any year), with the 类 it is an item of in each."""
    found: dict[str, set[str]] = {}
    for kind in ("economic", "government_economic"):
        for name, named in codes.codes_by_name(kind).items():
            found.setdefault(name, set()).update(code[:3] for code in named if len(code) == 5)
    return {name: frozenset(classes) for name, classes in found.items() if classes}


@cache
def _longest() -> int:
    return max(map(len, _classes()))


@rule("R-列举", TEXT)
def listed_items(text: Text) -> Iterator[Finding]:
    """R-列举: a list of the economic classification's items naming one twice, or one a character off
    the catalogue's name of an item of the same 类 the list leaves out."""
    for clause in _CLAUSE.finditer(text.flow):
        items = _items(clause.group(), clause.start())
        if sum(said in _classes() for _, said in items) < _NAMED:
            continue
        yield from _twice(text, items)
        yield from _near(text, items)


def _items(clause: str, offset: int) -> list[tuple[int, str]]:
    """The items of a clause listed with “、” (where each starts in the flow, and its words): the first
    is the longest name its words end in (“主要包括基本工资”), the last the longest its words start with
    (“奖励金等”); a clause of fewer than three items lists nothing."""
    parts = clause.split("、")
    if len(parts) < _NAMED:
        return []
    items: list[tuple[int, str]] = []
    at = offset
    for index, part in enumerate(parts):
        said = part.strip()
        start = at + part.find(said) if said else at
        longest = min(len(said), _longest())  # (no name is longer: a long part is not sliced at every place)
        if index == 0:
            tail = next((said[-i:] for i in range(longest, 1, -1) if said[-i:] in _classes()), said)
            start, said = start + len(said) - len(tail), tail
        elif index == len(parts) - 1:
            said = next((said[:i] for i in range(longest, 1, -1) if said[:i] in _classes()), said)
        items.append((start, said))
        at += len(part) + 1
    return items


def _twice(text: Text, items: list[tuple[int, str]]) -> Iterator[Finding]:
    seen: set[str] = set()
    for start, said in items:
        if said in _classes() and said in seen:
            yield text.warning("R-列举", start, f"“{said}”在同一列举中出现两次：是否写错了其中一项？")
        seen.add(said)


def _near(text: Text, items: list[tuple[int, str]]) -> Iterator[Finding]:
    """The one item of a list of the catalogue's names that is none, a character off the name of an item
    of a 类 two others of the list are of, which the list leaves out."""
    unknown = [(start, said) for start, said in items[1:-1] if said not in _classes()]
    if len(unknown) != 1:
        return
    start, said = unknown[0]
    near = _near_names(said, items)
    if len(near) == 1:
        yield text.warning("R-列举", start, f"列举的经济分类科目中“{said}”不是科目名称，疑为“{near[0]}”：请核对")


def _near_names(said: str, items: list[tuple[int, str]]) -> list[str]:
    """The catalogue's names a character off ``said`` that the list leaves out, each of a 类 two of its items are
    of."""
    listed = {name for _, name in items}
    shared = [c for _, name in items for c in _classes().get(name, ())]
    return [name for name, classes in _classes().items() if name not in listed and _one_off(said, name)
            and any(shared.count(c) >= 2 for c in classes)]


def _one_off(said: str, name: str) -> bool:
    """Whether two words of one length differ in one character (其它 and 其他 are one word)."""
    said, name = said.replace("它", "他"), name.replace("它", "他")
    return len(said) == len(name) and sum(a != b for a, b in zip(said, name, strict=True)) == 1
