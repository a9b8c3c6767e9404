"""A 功能分类 科目 the prose labels at a level it is not of (“行政事业单位离退休（类）”: it is a 款), a 款 named
under a 类 it is not of, a 项 under a 款 it is not of, or a 项's name a reordering or one character off
the name of one under its 款 (“法院（款）一般行政事务管理（项）”: 一般行政管理事务). Judged only where the
catalogue (reportgen/codes/function.yaml, every year's names) knows the names for sure: a name at more
than one level, a 项 name under several 款, or a name it does not know, is never judged."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from reportgen import codes
from reportgen.base.errors import Finding
from reportgen.base.patterns import regex
from reportgen.base.rules import TEXT, rule
from reportgen.review.text_rules.base import WORDS, Text

_LABEL = regex(r"[（(]\d{0,3}([类款项])[）)]")
_HAN = regex(r"[\u4e00-\u9fff]")
_LONGEST = 40  # characters a name a label closes is looked for in
_LENGTH = {"类": 3, "款": 5, "项": 7}
_CLASS_ENDING = "支出"  # a 类 is often printed without it: “公共安全（类）支出”
# a clause naming a 科目 as it was before a change of the catalogue: 原 opening it (not 原因, 原则) and no word of the
# change (为, 至, 到: “调整为”) between it and the labels (无锡市信访局 2025: “原政府办公厅（室）及相关机构事务（款）信访
# 事务（项）支出调整为信访事务（款）信访业务（项）支出” — 信访事务 was a 项 of 20103 before it was a 款)
_CLAUSE_MARK = regex(r"[，。；：,;:\n]")
_CHANGE_WORDS = frozenset("为至到")


@cache
def _named() -> dict[str, frozenset[str]]:
    return codes.codes_by_name("function")


def _resolved(run: str, level: str) -> frozenset[str]:
    """The codes of the name ``run`` (a 类 also without its 支出; a lead word such as 其中 before it passed
    over): none where the catalogue does not know it."""
    said = next((run[len(lead):] for lead in WORDS["科目名称前的字样"] if run.startswith(lead)), run)
    forms = (said, said + _CLASS_ENDING) if level == "类" else (said,)
    named = {code for name in forms for code in _named().get(name, ())}
    # a 款 “其他…支出” (20899) has a 项 of its name (2089999), which the catalogue may not list
    return frozenset(named | {code + "99" for code in named if len(code) == 5 and code.endswith("99")})


@cache
def _economic() -> frozenset[str]:
    """The names of the two economic classifications (any year), whose 类 and 款 a text labels alike."""
    return frozenset(name for kind in ("economic", "government_economic") for name in codes.codes_by_name(kind))


def _of_economic(said: str) -> bool:
    return bool({said, said.removesuffix(_CLASS_ENDING)} & _economic())


@rule("R-科目层级", TEXT)
def labelled_levels(text: Text) -> Iterator[Finding]:
    """R-科目层级: a 科目 labelled （类）（款）（项） at a level it is not of, or under a 类 it is not of (once a
    run of labels: “住房保障支出（类）住房保障支出（款）住房公积金（项）”); not under an economic 类
    (“对个人和家庭的补助支出（类）”: its “住房公积金（款）” is of the economic classification), nor where its clause
    names the 科目 as it was before a change of the catalogue (“原……（款）……（项）”: the levels of another year's)."""
    chain: list[_Labelled] = []
    economic = False  # the last 类 labelled is one of the economic classification's
    for label in [*_LABEL.finditer(text.flow), None]:
        said = _run_before(text.flow, label.start()) if label else ""
        if chain and (label is None or chain[-1].end != label.start() - len(said)):
            if chain[0].level == "类":
                economic = _of_economic(chain[0].said) and not _resolved(chain[0].said, "类")
            if not economic and not _named_as_former(text.flow, chain[0].start):
                yield from _judged(text, chain)
            chain = []
        if label is not None:
            chain.append(_Labelled(label.start() - len(said), said, label.group(1), label.end()))


def _named_as_former(flow: str, start: int) -> bool:
    """Whether the clause a run of labels starting at ``start`` stands in names the 科目 as it was before a change of
    the catalogue: 原 opens it (not 原因, 原则), and no word of the change (为, 至, 到: “调整为”) stands between."""
    clause = _CLAUSE_MARK.split(flow[max(0, start - _LONGEST):start])[-1].strip()
    return clause.startswith("原") and not clause.startswith(("原因", "原则")) and not _CHANGE_WORDS & set(clause)


def _run_before(flow: str, end: int) -> str:
    """The Han characters right before ``end`` (at most _LONGEST): the words a label closes."""
    start = end
    while start > max(0, end - _LONGEST) and _HAN.match(flow[start - 1]):
        start -= 1
    return flow[start:end]


@dataclass(frozen=True)
class _Labelled:
    start: int
    said: str
    level: str
    end: int


def _judged(text: Text, chain: list[_Labelled]) -> Iterator[Finding]:
    """The first wrong label of a run of labels (each right after the one before), if any."""
    above: tuple[str, str, frozenset[str]] | None = None
    for labelled in chain:
        said, level = labelled.said, labelled.level
        named = _resolved(said, level) if said and not _of_economic(said) else frozenset()
        found = _label_findings(text, labelled, named, above)
        if found:
            yield found[0]
            return
        own = frozenset(c for c in named if len(c) == _LENGTH[level])
        above = (said, level, own) if own else None


def _label_findings(text: Text, labelled: _Labelled, named: frozenset[str],
                    above: tuple[str, str, frozenset[str]] | None) -> list[Finding]:
    """What is wrong with a label, the label before it (``above``) right: a 项 of a 款 the catalogue does not know
    (_near_item); a name the catalogue knows at another level (_wrong_level); a 款 under another 类 (_wrong_parent)."""
    at, said, level = labelled.start, labelled.said, labelled.level
    if not named:
        return list(_near_item(text, at, said, above) if above and above[1] == "款" and level == "项" and said else ())
    if not any(len(code) == _LENGTH[level] for code in named):
        return list(_wrong_level(text, at, said, level, named))
    return list(_wrong_parent(text, at, said, level, named, above) if above and level == "款" else ())


def _wrong_level(text: Text, at: int, said: str, level: str, named: frozenset[str]) -> Iterator[Finding]:
    """``said`` labelled ``level`` while the catalogue knows it at one other level only."""
    levels = {len(code) for code in named}
    if len(levels) == 1:
        (length,) = levels
        real = next(name for name, size in _LENGTH.items() if size == length)
        shown = "、".join(sorted(named))
        yield text.warning("R-科目层级", at, f"“{said}（{level}）”：“{said}”是{real}（{shown}），不是{level}：请核对科目的层级")


def _wrong_parent(text: Text, at: int, said: str, level: str, named: frozenset[str],
                  above: tuple[str, str, frozenset[str]]) -> Iterator[Finding]:
    """A 款 under a 类 it is not of, where the catalogue knows the 款's name under one 类 only (a 项 under
    another 款 is not judged so: its name may be one many 款 have, 信息化建设, and the catalogue lists only some)."""
    upper, upper_level, uppers = above
    own = {code for code in named if len(code) == _LENGTH[level]}
    parents = {code[:_LENGTH[upper_level]] for code in own}
    if _LENGTH[upper_level] + 2 != _LENGTH[level] or len(parents) != 1 or parents & uppers:
        return
    (parent,) = parents
    yield text.warning("R-科目层级", at, f"“{upper}（{upper_level}）{said}（{level}）”：“{said}”属于 {parent}，"
                       f"不在“{upper}”（{'、'.join(sorted(uppers))}）之下：请核对科目")


def _near_item(text: Text, at: int, said: str, above: tuple[str, str, frozenset[str]]) -> Iterator[Finding]:
    """A 项's name the catalogue does not know, the reordering of the name of one 项 of its 款 (one character
    off is not enough: 项 of one 款 may well differ so, and the catalogue lists only some)."""
    upper, _, uppers = above
    items = {name for name, named in _named().items()
             if any(len(code) == 7 and code[:5] in uppers for code in named)}
    near = sorted(name for name in items if _near(said, name))
    if len(near) == 1:
        yield text.warning("R-科目层级", at, f"“{upper}（款）{said}（项）”：“{said}”不是该款下的科目名称，"
                           f"疑为“{near[0]}”：请核对")


def _near(said: str, name: str) -> bool:
    """Two different words of the same characters in another order."""
    return said != name and sorted(said) == sorted(name)


@rule("R-科目异名", TEXT)
def named_otherwise(text: Text) -> Iterator[Finding]:
    """R-科目异名: a 款 or 项 the prose labels by an alias the catalogue keeps for its code (a name of other years
    some still print; a name of other years only is R-科目名称's), where the document itself prints the code's
    name of its year as the code's (国家信访局 2024 决算 and 2026: “行政事业单位离退休（款）” in the text and
    名词解释, “20805 行政事业单位养老支出” in the tables; 上海市普陀区文旅局 2026: “其他文化体育与传媒支出(款)”
    in the text, “207 99 其他文化旅游体育与传媒支出” in the tables) — one 科目 named two ways by one document;
    told once a name, at its first place."""
    year = text.source_year or text.year
    if year is None:
        return
    bare = "".join(text.flow.split())
    found: dict[tuple[str, str, str], list[int]] = {}
    for label in _LABEL.finditer(text.flow):
        level = label.group(1)
        said = _run_before(text.flow, label.start())
        said = next((said[len(lead):] for lead in WORDS["科目名称前的字样"] if said.startswith(lead)), said)
        entry = _aliased(said, level, year, bare)
        if entry is not None:
            found.setdefault((said, level, entry.code), []).append(label.start() - len(said))
    for (said, level, code), places in found.items():
        entry = codes.function_entry(code, year)
        assert entry is not None
        also = f"（共 {len(places)} 处）" if len(places) > 1 else ""
        yield text.warning("R-科目异名", places[0], f"“{said}（{level}）”{also}：{code} 在 {year} 年的科目表中名为"
                           f"“{entry.name}”，本文件别处也这样印，这里却用“{said}”：请统一科目名称")


def _aliased(said: str, level: str, year: int, bare: str) -> codes.CodeEntry | None:
    """The one 款 or 项 of ``level`` whose alias ``said`` is, where the document prints its name of ``year`` as its
    code's — ``said`` being no code's name of that year nor a name of other years only; None otherwise."""
    own = [code for code in _resolved(said, level) if len(code) == _LENGTH[level]] if level != "类" else []
    entry = codes.function_entry(own[0], year) if len(own) == 1 else None
    if entry is None or codes.same_name(entry.name, said) or not _printed_as(bare, entry, level) \
            or _current_name(said, level, year) or _former(said, year):
        return None
    return entry


def _printed_as(bare: str, entry: codes.CodeEntry, level: str) -> bool:
    """Whether the document (its words without spaces) prints ``entry``'s name as its code's: after the code (a
    table's row, “20805 行政事业单位养老支出”, “207 99 其他……”) or labelled at its level (“……养老支出（款）”)."""
    return re.search(f"{entry.code}{re.escape(entry.name)}|{re.escape(entry.name)}[（(]{level}[）)]", bare) is not None


def _former(said: str, year: int) -> bool:
    """Whether ``said`` is a name of other years only, which R-科目名称 tells (budget_wording.py)."""
    return any(codes.same_name(name.name, said) for name in codes.former_names(year))


def _current_name(said: str, level: str, year: int) -> bool:
    """Whether ``said`` is the name in ``year`` of some code of ``level``."""
    return any(entry is not None and codes.same_name(entry.name, said)
               for entry in (codes.function_entry(code, year) for code in _named().get(said, ())
                             if len(code) == _LENGTH[level]))
