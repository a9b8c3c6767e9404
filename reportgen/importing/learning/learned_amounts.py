"""正文金额 learned (issue 80): an amount a narrative sentence states with a name, in a unit of money, that no field of
the imported source traces (湖州 “各单位培训费预算54.98万元，比上年预算数减少22万元，下降28.6%”,
杭州 “委托业务费财政拨款预算总额236.75万元”, 深圳 “（一）在职人员经费2,422.61万元”) is written into the source as a named narrative amount
(正文金额: {名称: {本年, 上年}}, each figure with the page and line it is printed on), and the learned sentence prints
that field — next year the officer fills it (rollover: 待填写) and the sentence prints the officer's figure, its change
and rate computed from the two years' figures; never last year's.

The name is read from the sentence's grammar: the words of the amount's clause before it, the year, the department
(本部门, 各单位 …) and the words that say nothing more (预算, 总额, 为 …) aside, after the last 的. A name of a quantity a
field of the source holds is none (the field's, not a new one). A change said right after it (“比上年减少22万元，下降28.6%”,
“与上年持平”) gives the prior year's amount (the amount less the change); a stated rate is checked against the two
amounts (half up at the places printed) and, where they disagree, the sentence is kept as printed and the import
says so — never repaired. A comparison with last year's 执行数 or 决算 is none of 上年 (the key is last year's budget)."""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass, replace
from decimal import Decimal
from functools import cache
from typing import Any

import jinja2

from reportgen.base.patterns import regex
from reportgen.compute import Change, exact_percent, quantize_half_up
from reportgen.compute.phrasing import UNIT_FACTOR
from reportgen.docmodel.model import NarrativeAmount
from reportgen.importing.emit import ImportedSource
from reportgen.importing.learning import learned_words as lw
from reportgen.importing.learning import published_sentences as ps
from reportgen.importing.learning import sentence_fields as sf
from reportgen.importing.learning import sentence_names as sn
from reportgen.importing.learning import sentence_tracing as st
from reportgen.importing.learning import untraced_reasons
from reportgen.importing.learning.narrative_fields import PREFIX, clause_start, unit_prefix
from reportgen.importing.tree import Placed, scaled
from reportgen.source.matters import NAME

KEY = "正文金额"
_MONEY = ("万元", "元")
_PERCENT = ("%", "％")
# the words of a clause before the amount that are no part of its name: its year, who spends it
_YEARS = regex(r"\d{4}年度?|本年度?|当年|年初")
_HAN_NUMBERING = regex(r"^(?:（[一二三四五六七八九十]{1,3}）|[一二三四五六七八九十]{1,3}、)")  # 深圳 “（一）在职人员经费”
_WHO = regex(r"^(?:本部门|本单位|部门|单位|各单位|所属各预算单位|所属单位|本级|[（(]本级[）)]|其中|主要包括|包括|主要是|拟|已?安排)+")
_SAYS_NOTHING = regex(r"(?:为|是|共计|共有|共|合计)+$")
_FILLER = regex(r"(?:预算总额|总额|预算数|预算支出|支出预算|预算|安排|为|是|共计|共有|共|合计)+$")
# a change said right after the amount: its comparison with last year's budget, its word and amount, its rate; or 持平
# what a change said right after an amount says: its word and amount, its rate; or 持平 (learned_priors.py's too)
CHANGE_SAID = (r"(?:(?P<word>增加|减少)了?(?P<n>\d[\d,]*(?:\.\d+)?)(?P<unit>万元|元)"
               r"(?:，(?:增长|下降|增幅|降幅|上升)了?为?(?P<rate>\d+(?:\.\d+)?)[%％])?|(?P<flat>持平|相同|一致))")
_CHANGE = regex(r"，?(?:比|较|与)(?:上年|上一年度?|\d{4}年度?)(?:年初)?(?:预算数?)?(?:相比，?)?" + CHANGE_SAID)


@dataclass(frozen=True)
class Stated:
    """A named amount a sentence states: its name, this year's and (where the sentence compares) last year's, in 元."""

    name: str
    current: Decimal
    prior: Decimal | None
    where: str
    unit: str = ""  # the budget unit (单位) the sentence is about (learned_words.unit_of): the amount is its own


# -- the amounts a learned sentence states ----------------------------------------------------------------------

def stated(sentence: ps.Sentence, known: tuple[list[sf.Field], list[sf.Field]], context: dict[str, Any],
           before: tuple[list[str], st.Style, str]) -> tuple[list[Stated], list[str]]:
    """The named amounts of money a sentence kept as printed states that no field traces, and what is told of one
    whose stated rate disagrees with its amount and change (the sentence then states none)."""
    text = sentence.text
    said, style, subject = list(before[0]), before[1], before[2]
    body = ps._NUMBERING.match(text)
    quoted = st._quoted(text, st._texts(context))
    dept = st.department_words(context)
    unit = _unit_of(sentence, context)
    out: list[Stated] = []
    skip_to = 0
    for match in ps._FIGURE.finditer(text, body.end() if body else 0):
        if match.start() < skip_to or st._words_alone(match, text, quoted):
            continue
        piece = st._figure(text, match, known, said, style, subject, dept)
        if piece is not None:
            said.append(piece[2].expr if piece[2] is not None else piece[1])
            continue
        found = _amount_or_told(match, known, context, sentence.where)
        if isinstance(found, str):
            return [], [found]
        if found is None and out and (match.group("unit") or "") in _PERCENT:
            continue  # (a share of the amount just stated, “上缴上级支出0万元，占0%”: learned again with it, _again)
        if found is None:
            return [], []
        one, skip_to = found
        out.append(replace(one, unit=unit))
    return out, []


def _unit_of(sentence: ps.Sentence, context: dict[str, Any]) -> str:
    """The budget unit the sentence is about (learned_words.unit_of); '' for the department."""
    return lw.unit_of(sentence, lw.unit_names(context)) or ""


def _amount_or_told(match: re.Match[str], known: tuple[list[sf.Field], list[sf.Field]], context: dict[str, Any],
                    where: str) -> tuple[Stated, int] | str | None:
    """The named amount ``match`` states (and where its change's words end), what is told where its rate disagrees,
    None where it is none: no unit of money, a figure the source holds in some way (untraced_reasons: printed alike
    by a field, a sum of two, another unit …) or a change's, no name, a name a field holds."""
    text, unit = match.string, match.group("unit") or ""
    kind = untraced_reasons._figure_class(match, known) if unit in _MONEY else ""
    if kind not in (untraced_reasons.NO_FIELD, untraced_reasons.SHARED):
        return None  # (a figure a field prints in another unit, or a sum of two: the source's quantity; a change)
    name = name_before(text, match.start(), context)
    if name is None or _held(name, text[clause_start(text, match.start()):match.start()], known[0]):
        return None
    if kind == untraced_reasons.SHARED and not _a_quantity_of_its_own(name):
        return None  # (fields print it alike and the words name none of theirs, nor a quantity of their own)
    factor = UNIT_FACTOR[unit]
    current = Decimal(match.group("n").replace(",", "")) * factor
    change = _CHANGE.match(text, match.end())
    if change is None:
        return Stated(name, current, None, where), match.end()
    prior = _prior_or_why(current, change, factor)
    if isinstance(prior, str):
        return f"学到的措辞：{where}“{text[:40]}…”{prior}：句子照原文保留，没有写入正文金额"
    return Stated(name, current, prior, where), change.end()


def _prior_or_why(current: Decimal, change: re.Match[str], factor: Decimal) -> Decimal | str:
    """Last year's amount a change says (this year's less the change), or why it cannot be: a rate that disagrees
    with the two amounts (DOMAIN.md: half up, at the places printed; no rate of a zero base), an increase larger than
    this year's amount (a negative prior)."""
    if change.group("flat"):
        return current
    amount = Decimal(change.group("n").replace(",", "")) * factor
    prior = current + amount if change.group("word") == "减少" else current - amount
    if prior < 0:
        return "所写的增加额大于本年数（上年数为负）"
    rate = change.group("rate")
    if rate is None:
        return prior
    places = len(rate.split(".")[1]) if "." in rate else 0
    exact = exact_percent(amount, prior)  # the change's share of last year's amount (DOMAIN.md: half up)
    computed = None if exact is None else quantize_half_up(exact, places)
    if computed != Decimal(rate):
        shown = "上年数为零，没有增减率" if computed is None else f"按两年的数算出为{computed}%"
        return f"所写的增减率{rate}%与本年数、增减额不符（{shown}）"
    return prior


def name_before(text: str, at: int, context: dict[str, Any]) -> str | None:
    """The name of the amount at ``at``: its clause's words before it, without the year, the department (its name,
    本部门, 各单位 …) and the words that say nothing more, after the last 的; None where nothing names it."""
    start = clause_start(text, at)
    words = _HAN_NUMBERING.sub("", ps._NUMBERING.sub("", text[start:at]))
    words = _YEARS.sub("", words)
    dept = context.get("dept") or ""
    if dept:
        words = words.replace(dept, "")
    words = words[words.rfind("的") + 1:]
    words = _FILLER.sub("", _WHO.sub("", words))
    han = sn._han(words)
    if len(han) < 2 or han.endswith("总") or not NAME.match(words) or re.search(r"\d(?![\d]*[）)])", words):
        return None  # (“收支总预算”: a total's, the source's 收支总计 — no new amount)
    return words


def _held(name: str, clause: str, amounts: list[sf.Field]) -> bool:
    """Whether the amount is of a quantity the source format holds elsewhere: its name one of vocabulary.yaml 数的名称
    a field of the source holds (长春 “三公经费”), or its clause's words ending with a name of a quantity of the format
    (长沙 “政府采购预算总额”, “货物类采购预算”: 政府采购's, where the import wrote none) — the field's, no new one. A line's
    name is none: “各单位培训费预算” of all the money is no 30216 培训费 line's."""
    han = sn._han(name)
    if any(han in {sn._han(n) for n in a.names} for a in amounts):
        return True
    bare = _SAYS_NOTHING.sub("", sn._han(clause))  # (西安 “政府采购预算共2,154.99万元”: 政府采购预算's, its 预算 the name's)
    return any(said in _format_names() for words in (clause, name, bare) for _, said in sn._names_ending(sn._han(words)))


def _a_quantity_of_its_own(name: str) -> bool:
    """Whether a name is that of a quantity of vocabulary.yaml 数的名称 (the words texts name it by) no field of the
    source holds (_held: none): an amount other fields print alike this year only is that quantity's own — 北京
    “1.事业单位经营支出0万元。”, 江苏 “上缴上级支出0万元，占0%；” are 事业单位经营支出 and 上缴上级支出, never one of the
    fields printing 0 alike (a fund's income, a procurement's 工程); a name no quantity has (长春 “财政预算收入1682.76万元”,
    alike 财政拨款收入) is not decided by its words: the sentence stays as printed."""
    return sn._han(name) in sn._all_names()


@cache
def _format_names() -> frozenset[str]:
    """The names (their Han characters) of the quantities the source format holds (sentence_fields._QUANTITIES)."""
    said = lw.named_quantities()
    return frozenset(sn._han(n) for quantity in set(sf._QUANTITIES.values())
                     for n in said.get(quantity, ()) or said.get(quantity + "收入", ()))


# -- the source with them ---------------------------------------------------------------------------------------

def section(amounts: list[Stated], unit: str) -> dict[str, dict[str, Any]]:
    """正文金额 as the import writes it, by the budget unit each is of ('': the department's): by name, 本年 and 上年 in
    the source's unit, each with where it is printed."""
    factor = UNIT_FACTOR.get(unit, Decimal(1))
    out: dict[str, dict[str, Any]] = {}
    for one in amounts:
        item = {"本年": Placed(scaled(one.current, 1 / factor), one.where)}
        if one.prior is not None:
            item["上年"] = Placed(scaled(one.prior, 1 / factor), one.where)
        out.setdefault(one.unit, {})[one.name] = item
    return out


def with_amounts(source: ImportedSource, amounts: dict[str, dict[str, Any]]) -> ImportedSource:
    """The source with its 正文金额 (the department's after 机关运行经费 where it has one, else last; a unit's last of
    its mapping under 单位); the source itself where none."""
    if not amounts:
        return source
    items = [(key, value) for key, value in source.tree.items() if key != KEY]
    if amounts.get(""):
        keys = [key for key, _ in items]
        at = keys.index("机关运行经费") + 1 if "机关运行经费" in keys else len(items)
        items.insert(at, (KEY, amounts[""]))
    return ImportedSource(_with_units(dict(items), amounts), source.header)


def _with_units(tree: dict[str, Any], amounts: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """The tree with each unit's 正文金额 (amounts by the unit's name) under it in 单位."""
    units = tree.get("单位")
    if isinstance(units, list) and any(amounts.get(name) for name in amounts if name):
        tree["单位"] = [_with_own(unit, amounts) if isinstance(unit, dict) else unit for unit in units]
    return tree


def amounts_of(tree: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """The 正文金额 a source's tree holds, by the budget unit each is of ('': the department's), as section() gives."""
    out = {"": tree[KEY]} if isinstance(tree.get(KEY), dict) else {}
    for unit in tree.get("单位") or []:
        if isinstance(unit, dict) and isinstance(unit.get(KEY), dict):
            out[str(getattr(unit.get("名称"), "value", unit.get("名称")))] = unit[KEY]
    return out


def _with_own(unit: dict[str, Any], amounts: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """A unit's mapping of the source with its 正文金额 (by its 名称), last; as it was where it has none."""
    own = amounts.get(str(getattr(unit.get("名称"), "value", unit.get("名称"))))
    return {**unit, KEY: own} if own else unit


# -- learning with them ------------------------------------------------------------------------------------------

Context = tuple[jinja2.Environment, dict[str, Any]]


def learn_words(lines: list[lw.Line], source: ImportedSource, made: Context, explain: lw.Explain
                ) -> tuple[lw.Learned, ImportedSource, list[str]]:
    """The sentences learned (learned_words.learn_words), the named amounts they state that no field traces written
    into the source as 正文金额 and the sentences kept as printed learned again with them; the source with the amounts
    some learned sentence prints (the source itself where none does), and what is told of a sentence whose rate
    disagrees. ``made``: the source's template environment and context."""
    env, context = made
    kept: dict[tuple[str, str], tuple[Any, ...]] = {}  # each kept sentence's fields and what was said before it

    def explained(sentence: ps.Sentence, why: str, known: Any, ctx: dict[str, Any], before: Any) -> tuple[str, str]:
        kept[first_pass_key(sentence)] = (known, before)
        return explain(sentence, why, known, ctx, before)

    words = lw.learn_words(lines, env, context, explained)
    found, told = _stated_of(words, kept, context)
    if not found:
        return words, source, told
    again = _again(words, kept, (env, _with_stated(context, found)), explain)
    printed = "".join(template for _, template in again.sentences if template is not None)
    used = [one for one in found if f"{unit_prefix(one.unit) if one.unit else PREFIX}{one.name}')" in printed]
    unit = str(getattr(source.tree.get("金额单位"), "value", "万元"))
    return (again, with_amounts(source, section(used, unit)), told) if used else (words, source, told)


def first_pass_key(sentence: ps.Sentence) -> tuple[str, str]:
    """A kept sentence's key to the fields it was traced with the first time: its words and where it is printed — two
    sentences of the same words are two sentences (深圳市人力资源和社会保障局 2026 prints “（四）增人增资支出30.00万元，
    主要用于……” under 罗湖分局 and under 光明分局, each with its own unit's fields), never one."""
    return sentence.text, sentence.where


def _with_stated(context: dict[str, Any], found: list[Stated]) -> dict[str, Any]:
    """The template context of the source with ``found`` as its 正文金额 (in 元, as the source written with them reads:
    section() writes each exactly), the rest of it the same."""
    budget = copy.copy(context["b"])
    budget.narrative_amounts = _narrative(found, "")
    budget.units = [_with_narrative(unit, _narrative(found, unit.department)) for unit in budget.units]
    return {**context, "b": budget}


def _narrative(found: list[Stated], unit: str) -> dict[str, NarrativeAmount]:
    return {one.name: NarrativeAmount(one.current, one.prior) for one in found if one.unit == unit}


def _with_narrative(unit: Any, amounts: dict[str, NarrativeAmount]) -> Any:
    """A unit's Budget with its 正文金额 ``amounts`` (a copy; itself where none)."""
    if not amounts:
        return unit
    unit = copy.copy(unit)
    unit.narrative_amounts = amounts
    return unit


def _again(words: lw.Learned, kept: dict[tuple[str, str], Any], made: Context, explain: lw.Explain) -> lw.Learned:
    """The sentences learned again with the 正文金额: each kept as printed that says a figure traced anew (with the
    fields said before it and its subject as the first time), the others as they were — none of their figures is a
    正文金额's, which no field printed (and the two learnings cost one and a few sentences, not two)."""
    env, context = made
    stated = sf._stated(env, context)  # (the 正文金额's are the only new fields; each sentence's others as the first time)
    stated = (stated[0], [c for c in stated[1] if isinstance(c.value, Change)])
    whys = {id(sentence): why for sentence, why in words.kept}
    names = lw.unit_names(context)
    again = lw.Learned(projects=words.projects)
    for sentence, template in words.sentences:
        why = whys.get(id(sentence), "")
        if template is None and first_pass_key(sentence) in kept:
            first, before = kept[first_pass_key(sentence)]
            own = _unit_stated(env, context, lw.unit_of(sentence, names))
            known = (first[0] + stated[0] + own[0], first[1] + stated[1] + own[1])
            template, why, _ = lw._sentence_template(sentence.text, known, env, context, before)
            if template is None:
                again.reasons.append((sentence, *explain(sentence, why, known, context, before)))
        again.sentences.append((sentence, template))
        if template is None:
            again.kept.append((sentence, why))
    return again


def _unit_stated(env: jinja2.Environment, context: dict[str, Any], unit: str | None
                 ) -> tuple[list[sf.Field], list[sf.Field]]:
    """The 正文金额 of the budget unit a sentence is about as fields (none for the department's sentences)."""
    if not unit:
        return [], []
    amounts, changes = sf._stated(env, context, unit)
    return amounts, [c for c in changes if isinstance(c.value, Change)]


def _stated_of(words: lw.Learned, kept: dict[tuple[str, str], Any], context: dict[str, Any]) -> tuple[list[Stated], list[str]]:
    """The named amounts the sentences kept as printed state, each name once (the first sentence's: another stating
    another amount of that name stays as printed), and what is told."""
    out: dict[tuple[str, str], Stated] = {}
    told: list[str] = []
    for sentence, _ in words.kept:
        if first_pass_key(sentence) not in kept:
            continue
        known, before = kept[first_pass_key(sentence)]
        found, said = stated(sentence, known, context, before)
        told += said
        for one in found:
            out.setdefault((one.unit, one.name), one)
    return list(out.values()), told
