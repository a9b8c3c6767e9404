"""What each figure of a text speaks of, where no table measures it: its subject. A figure left 未能核对 is
read all the same when its subject is known for sure — the quantity of the budget it states (a source's
figure the glossary names; else a quantity the vocabulary names, vocabulary.yaml 数的名称, or a 类/款/项 of the
code catalogue) — and unread when its words name none, or more than one (never guessed). A change, a rate
or a share speaks of the amount before it in its sentence (or of what its own words name)."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass

from reportgen import codes
from reportgen.base.patterns import regex
from reportgen.readers.text.statements import Statement, change_words, final_words, named_quantities
from reportgen.review.glossary import BUDGET_WORD, FEE_WORD, SPENT_BUDGET, Naming
from reportgen.review.sentences.judge import (
    BUDGET_SAID,
    DONE_LABEL,
    IN_YI_YUAN,
    OF_A_REGION,
    OF_A_UNIT,
    OUTTURN_SAID,
    PART_CAUSES,
    Verdict,
)

# The words a long label's department ends in, before the name it ends with (“2026年市民政局政府采购预算总额”,
# “…首都绿化委员会办公室机关运行经费财政拨款预算”, “2017年湛江市委宣传部财政预算拨款“三公”经费支出合计”): only then is
# the label that name's (“三亚市三亚林场财政拨款收支总预算”: a 林场's, 场).
# the words after a name that say it is the outturn (“公务接待费支出决算”): the name's quantity all the same
_FINAL_END = regex("(?:" + "|".join(re.escape(w) for w in sorted(final_words(), key=len, reverse=True)) + ")$")
_ORGAN_END = regex(r"(?:部门|(?<![全内局])部|本级|局|委员会|委|办公室|办|院|馆|中心|厅|署|所|站|队|会|社|场|[）)])$")
# a department's name opening a label, up to the word that ends it (“佛山市轨道交通局”), as few characters as may be
_ORGAN_NAME = regex(r"[^，。；、：:\d]{2,30}?(?:局|委员会|办公室|院|厅|署)")


@dataclass(frozen=True)
class Subject:
    name: str  # the quantity, as the report names it (“机关运行经费”, “205 教育支出”)


class Subjects(Naming[Subject]):
    """Names → the quantities a budget states, with no source: the vocabulary's, and the catalogue's
    功能分类 (by code, name and path of 类/款/项 names) and 经济分类 类 of ``year`` (none when it is unknown)."""

    def __init__(self, year: int | None) -> None:
        super().__init__()
        for quantity, words in named_quantities().items():
            self.add(Subject(quantity), *words)
        if year is None:
            return
        entries = {entry.code: entry for entry in codes.all_function_codes(year)}
        for code, entry in entries.items():
            subject = Subject(f"{code} {entry.name}")
            self.codes[code] = subject
            self.add(subject, entry.name, f"{entry.name}支出", *([entry.name.removesuffix("支出")] if len(code) == 3 else []))
            self.by_path["/".join(_path(entry, entries))].append(subject)
        for entry in codes.all_codes("economic", year):
            if len(entry.code) not in (3, 5):
                continue
            # by its code (and so by its level, “基本工资（款）支出737.94万元”, 江苏): a 款 by its name alone would be one
            # of the quantities above (“公务接待费”) as often as not
            economic = self.codes[entry.code] = Subject(f"经济分类 {entry.code} {entry.name}")
            if len(entry.code) == 3:  # “对个人和家庭的补助”, said “对个人和家庭补助支出” too (深圳)
                names = dict.fromkeys((entry.name, entry.name.replace("的", "")))
                self.add(economic, *(said for name in names for said in (name, f"{name.removesuffix('支出')}支出")))

    def _candidates(self, text: str) -> Iterator[str]:
        """A label's text as a name, or without its “预算数” words, or 费用 said as 费: never a name it
        would take by adding words (“其中财政拨款” is no 财政拨款支出 of the department: of what, its words do not say)."""
        yield text
        yield BUDGET_WORD.sub("", text)
        yield FEE_WORD.sub("费", text)
        yield SPENT_BUDGET.sub("支出", text)
        yield _FINAL_END.sub("", text)

    def _by_ending(self, text: str) -> Subject | None:
        """A long label ending in one name (Naming._by_ending), its outturn words aside (“…局“三公”经费财政拨款支出决算”)."""
        text = _FINAL_END.sub("", text)
        # or a name that ends in its 预算 itself, with a department's name before it (“江苏省高级人民法院财政拨款收支总预算”)
        return super()._by_ending(text) or self._ended(text) or self._after_organ(text)

    def _after_organ(self, text: str) -> Subject | None:
        """A short name (fewer than four characters, which _ended leaves alone) right after a department's
        name: “佛山市轨道交通局2019年度总收入” (its year taken out) names 总收入."""
        organ = _ORGAN_NAME.match(text)
        found = self.names.get(text[organ.end():], []) if organ is not None else []
        return found[0] if len(found) == 1 else None

    def _fits_before(self, before: str) -> bool:
        """Only a department's name (one ending as an organ's name does) before the name it ends with."""
        return not before or bool(_ORGAN_END.search(before)) and super()._fits_before(before)


_CHANGES = change_words()
_NUMBERING = regex(r"^(?:[（(][一二三四五六七八九十\d]{1,3}[）)]|[一二三四五六七八九十]{1,3}、|\d{1,2}[.．、](?!\d))")


def _part_subject(st: Statement, said: dict[int, str]) -> str:
    """The subject of an amount its sentence lists as a part of another (其中, 包括), or that a numbered item
    lists under a sentence of parts (“（五）项目支出……具体包括：”, “1.不动产管理22.80万元”): the part its whole
    names, where the whole's subject is known and the label holds the whole of what the part is named; else ""."""
    whole = st.part_of or st.listed_in
    subject = said.get(id(whole), "") if whole is not None else ""
    name = _NUMBERING.sub("", st.label.strip()).strip().removesuffix("为").removesuffix("是")
    name = BUDGET_WORD.sub("", name) or name  # “上级下达资金预算”: 上级下达资金
    if not subject or not name or not st.label_whole or st.kind != "amount" or any(w in name for w in _CHANGES):
        return ""  # (a label that says a change — “总体收支预算降低3303.14万元” — names no part)
    return f"{subject}中的{name}"


# a 决算's budget and outturn said side by side (““三公”经费财政拨款支出年初预算为22.00万元，支出决算为8.77万元，完成预算的
# 39.86%”, 上海嘉定; “一般公共预算财政拨款“三公”经费支出预算为30.8万元，支出决算为25.7万元”, 安徽怀远; ““三公”经费支出
# 2.05万元，年初预算为2.95万元”, 吉林和龙): the budget of the quantity its words (or the amount before it) name, and the
# outturn — that quantity itself — right after it
_BUDGET_NAMED = regex(r"(?P<name>.*?)(?P<word>年初预算|全年预算|调整预算|预算)(?:数)?(?:为|是)?")
_OF_BUDGET = regex(r"(?P<name>.+?)(?:年初预算数|全年预算数|调整预算数|预算数)")


def _subject_of(verdict: Verdict, naming: Subjects, said: dict[int, str], before: tuple[str, str]) -> str:
    """A verdict's subject: the figure it was judged by (a 决算's “X预算为”: X's budget of the year, judge.py
    _budget_in_final); a part's of its whole (“预算资金X万元，其中财政拨款Y万元”: the 财政拨款 of that whole); what the
    words of a statement naming its own say; else the subject of the amount before (``before``: its subject, label)."""
    st = verdict.statement
    if verdict.figure is not None:
        return f"{verdict.figure.name}预算数" if verdict.of_budget else verdict.figure.name
    if verdict.cause in PART_CAUSES:
        return _part_subject(st, said)
    return _words_subject(st, naming, said, before) if _names_its_own(st) else before[0]


def _budget_done_subject(verdict: Verdict, word: str, last: str) -> str:
    """The subject of a completion's budget (“……支出决算为12.02万元，完成预算12.02万元的100%，比上年决算数增加12.02万元”，
    广东省财政厅 2023): the budget of the outturn before it — which its rate and the changes after it go on speaking of."""
    outturn = verdict.figure.name if verdict.figure is not None else last
    kind = word if word in ("年初", "调整") else ""
    return f"{outturn}{kind}预算数" if outturn else ""


def _names_its_own(st: Statement) -> bool:
    """Whether a statement names a subject of its own: an amount, a table cell, or a figure of its own label."""
    return st.kind in ("amount", "cell") or st.own_label


def _words_subject(st: Statement, naming: Subjects, said: dict[int, str], before: tuple[str, str]) -> str:
    """The subject a statement's words name, judged by no figure: the quantity its label names, else the whole's part
    it is, a budget or outturn of the subject before, a project."""
    found = naming.find(st.label) if st.label else None
    if found is not None:
        return found.name
    last, label_before = before
    return _part_subject(st, said) or _budget_or_outturn(st, naming, last, label_before) or _project(st)


def _budget_or_outturn(st: Statement, naming: Subjects, last: str, before: str) -> str:
    """The subject of an amount a 决算's sentence says is a quantity's budget (“X年初预算为”: “X年初预算数”, X named by its
    words or, said bare, by the amount before it in the sentence), or — said bare right after an amount that said a
    budget (its label ``before``) — that quantity's outturn (the quantity); "" where the words say neither."""
    budget = _BUDGET_NAMED.fullmatch(st.label) if st.kind == "amount" else None
    if budget is not None:
        return _budget_named(budget, naming, last)
    if st.kind != "amount" or not OUTTURN_SAID.fullmatch(st.label) or not BUDGET_SAID.search(before):
        return ""
    of_budget = _OF_BUDGET.fullmatch(last)
    return of_budget.group("name") if of_budget is not None else last


def _budget_named(budget: re.Match[str], naming: Subjects, last: str) -> str:
    """The budget a 决算's sentence says (“X年初预算为”): of X its words name, or said bare, of the amount before it in
    the sentence (``last``); "" where neither names a quantity."""
    found = naming.find(budget.group("name")) if budget.group("name") else None
    name = found.name if found is not None else ("" if budget.group("name") or _OF_BUDGET.fullmatch(last) else last)
    return f"{name}{budget.group('word')}数" if name else ""


def _project(st: Statement) -> str:
    """A project's budget said under its title, which names it (statements.py _Project: “（3）预算安排：2026年安排预算
    1亿元。” under “2.高校科研平台建设项目”, 北京市教育委员会 2026): the project, by its title."""
    return st.label if st.of_project else ""


def _path(entry: codes.CodeEntry, entries: dict[str, codes.CodeEntry]) -> list[str]:
    """The names of a 功能分类 entry's 类, 款 and 项 down to it."""
    names = [entry.name]
    parent = entries.get(entry.parent) if entry.parent else None
    while parent is not None:
        names.insert(0, parent.name)
        parent = entries.get(parent.parent) if parent.parent else None
    return names


@functools.lru_cache(maxsize=8)
def subjects(year: int | None) -> Subjects:
    """The subjects of ``year`` (built once: a review of many documents asks for the same year)."""
    return Subjects(year)


def name_subjects(verdicts: list[Verdict], year: int | None) -> None:
    """Each verdict's subject: the source's figure it was judged by, else the quantity its words name;
    a change, flat, rate or share of the amount before it, that amount's. A unit's figure, and one whose
    words name nothing for sure, has none."""
    naming = subjects(year)
    sentence, last, before = None, "", ""  # (before: the label of the sentence's amount before)
    said: dict[int, str] = {}  # each amount's subject, by the statement's id: the whole its parts are of
    for verdict in verdicts:
        st = verdict.statement
        if st.sentence is not sentence or st.kind == "cell":
            sentence, last, before = st.sentence, "", ""
        if verdict.cause in (OF_A_UNIT, OF_A_REGION, IN_YI_YUAN):
            verdict.subject = last = ""
            continue
        if st.kind == "amount" and (done := DONE_LABEL.search(st.label)) is not None:
            verdict.subject = _budget_done_subject(verdict, done.group(1), last)
            continue
        verdict.subject = _subject_of(verdict, naming, said, (last, before))
        if _names_its_own(st):
            last = said[id(st)] = verdict.subject
            before = st.label
