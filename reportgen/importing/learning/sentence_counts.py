"""A count a published sentence states, traced (issue 80 part 2: learned_words, sentence_tracing): of the counts
the source holds (车辆5辆, 编报绩效目标的项目共9个), the one of that value the words before it name, by the rule it is
imported by (text_parts.yaml 其他事项.国有资产.数字: the words read before it, those needed and those refused; a kind of
vehicle by any of its names; the count of internal units where the import reads it) — and of the fields printing a
zero, those the sentence names."""

from __future__ import annotations

import re
from decimal import Decimal
from functools import cache

from reportgen.base.patterns import regex
from reportgen.docmodel.model import VEHICLE_KINDS
from reportgen.importing.learning.sentence_fields import _COUNTED_IN, _INTERNAL, Field
from reportgen.importing.learning.sentence_names import _han, _named, _nearest, _words_before
from reportgen.importing.text.text_parts import internal_counts, vehicle_kind_names, vocabulary


def _count(value: Decimal, unit: str, amounts: list[Field], before: str, said: list[str],
           internal: bool = False) -> tuple[str, str, Field | None] | None:
    """A count (车辆5辆, 编报绩效目标的项目共9个) as printed: of the counts the source holds, the one of that value the
    words before it name (small numbers are alike for many: never one not named; a kind of vehicle by any of its
    names, _kind_said); ``internal``: the words around it
    are those the import reads 部门概况.内设机构数 by — the count of internal units is that one alone."""
    fits = [(f, f.expr) for f in amounts if _count_fits(f, (value, unit), before, internal)]
    named = _named(fits, before)
    named += [fit for fit in fits if fit not in named and (_read_by(fit[1], before) or internal or fit[1] in _KINDS)]
    nearest = _nearest(named, before, [])  # (the count just said is no nearer: words name each)
    return None if nearest is None else (f"{{{{ {nearest[1]} }}}}{unit}", nearest[1], None)


def _count_fits(field: Field, printed: tuple[Decimal, str], before: str, internal: bool) -> bool:
    """Whether a count field may be a count printed (its value and unit) after the words ``before``; the count of
    internal units only where the import reads it there (``internal``), and none other there."""
    value, unit = printed
    return field.count and field.value == value and _counts_so(field, unit, before) and \
        (field.expr == _INTERNAL) == internal


def _said_internal(text: str, match: re.Match[str]) -> bool:
    """Whether a count is the one the import reads as 部门概况.内设机构数 (text_parts.internal_counts: “设10个内设机构”)."""
    return any(m.start(1) == match.start() for m in internal_counts(text))


def _counts_so(field: Field, unit: str, before: str) -> bool:
    """Whether a count field may be the count printed in ``unit`` after the words ``before``: its unit, its rule's
    words, and a kind's name just before it for a kind of vehicle (after a kind's name, never all the vehicles)."""
    return unit in _COUNTED_IN.get(field.expr, unit) and _may_count(field.expr, before) \
        and (_kind_said(field.label, before) if field.expr in _KINDS else not before.endswith(_KIND_WORD)) \
        and not _read_by_another(field.expr, before)


def _read_by_another(expr: str, before: str) -> bool:
    """Whether the words before a count end with longer words another rule of _READ_BY reads its count after than any
    of the field's own: “单价100万元（含）以上设备（不含车辆）0台（套）” ends with 车辆, but is 专用设备's (以上设备（不含车辆）),
    never the vehicles' (counted in 台 as well: 北京 “共有车辆17台”)."""
    if expr not in _READ_BY:
        return False
    rules = _asset_rules()
    own = max((len(w) for w in rules[_READ_BY[expr]][0] if w and before.endswith(w)), default=0)
    return any(len(w) > own and before.endswith(w) for key, (lead, _, _) in rules.items() if key != _READ_BY[expr]
               for w in lead if w)


# the rule of text_parts.yaml (其他事项.国有资产.数字) each count of 国有资产 is imported by: the words it reads the count
# after (前), those the sentence needs (须: a purchase's) and those it must not have (除非) — each kind of vehicle by the
# rule of the vehicles held
_READ_BY = {"b.assets.vehicles": "车辆", "b.assets.general_equipment": "通用设备", "b.assets.special_equipment": "专用设备",
            "b.assets.large_equipment": "大型设备",
            **{f"b.assets.planned.get('{name}')": f"计划新增.{name}" for name in ("车辆", "通用设备", "专用设备")},
            **{f"b.assets.vehicle_kinds.get('{kind}')": "车辆" for kind in VEHICLE_KINDS}}


@cache
def _asset_rules() -> dict[str, tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]]:
    """Each rule of _READ_BY: its words 前, 须 and 除非 (their Han characters; a rule of several, all of theirs)."""
    rules = vocabulary()["其他事项"]["国有资产"]["数字"]
    out = {}
    for key in {*_READ_BY.values(), *(rule for rules in _HELD_SAID.values() for rule in rules)}:
        ones = rules[key] if isinstance(rules[key], list) else [rules[key]]
        lead, needs, refuses = (tuple(dict.fromkeys(_words_before(w, len(w)) for one in ones for w in one.get(part, [])))
                                for part in ("前", "须", "除非"))
        out[key] = (lead, needs, refuses)
    return out


_KINDS = {f"b.assets.vehicle_kinds.get('{kind}')" for kind in VEHICLE_KINDS}
# what a kind of vehicle's name ends with: a count after it is that kind's, never all the vehicles' (“安排购置车辆1辆，其中：
# 执法执勤用车1辆” is no count of the vehicles purchased, though alike this year)
_KIND_WORD = "用车"


def _kind_said(kind: str, before: str) -> bool:
    """Whether the words just before a count are the kind of vehicle's name alone, after a figure or 其中 (as the import
    reads it, or a name it reads for the kind, text_parts.yaml 车型别名: “副部（省）级及以上领导用车”): “、老干部服务用车0辆”
    is none of the source's kinds, “机要通信用车及应急保障用车” no 应急保障用车 of its own."""
    return any(before.endswith(words) and before[:-len(words)].endswith(("#", "其中"))
               for words in _kind_words().get(kind, ()))


@cache
def _kind_words() -> dict[str, tuple[str, ...]]:
    """Each kind of vehicle's names (text_parts.vehicle_kind_names), as a sentence's words before a figure (_han)."""
    out: dict[str, tuple[str, ...]] = {}
    for name, kind in vehicle_kind_names().items():
        out[kind] = (*out.get(kind, ()), _han(name))
    return out


def _may_count(expr: str, before: str) -> bool:
    """Whether the sentence's words before a count let it be the field's as the import reads it: a purchase's where
    they say a purchase (“安排购置车辆1辆，其中：……执法执勤用车0辆” is no count of the vehicles held), the held
    ones' where they do not."""
    if expr not in _READ_BY:
        return True
    _, needs, refuses = _asset_rules()[_READ_BY[expr]]
    said = not needs or any(w in before for w in needs)
    return said and not any(w in before for w in refuses) and _held_said(expr, before)


def _held_said(expr: str, before: str) -> bool:
    """Whether the words before a count say the held things its sentence needs said first (_HELD_SAID), if any."""
    held = _HELD_SAID.get(expr)
    return held is None or any(w in before for rule in held for w in _asset_rules()[rule][0] if w)


# the counts the import reads from a clause of its own, their sentence's held things not said in it (江苏 “……其他用车0辆；
# 单价100万元（含）以上的设备7台（套）”): traced only where the sentence says those held before them (its rules' words:
# 共有车辆, 截至 …) — never a sentence of its own after a purchase's (福州 “单位价值100万元（含）以上设备0台（套）。” follows
# both the held vehicles and those to purchase; the import reads the first)
_HELD_SAID = {"b.assets.large_equipment": ("车辆", "截至")}


def _read_by(expr: str, before: str) -> bool:
    """Whether the words just before a count are those the import reads the field's count after (“单价100万元（含）以上
    设备（不含车辆）0台（套）” is 专用设备's, as imported)."""
    return expr in _READ_BY and any(before.endswith(w) for w in _asset_rules()[_READ_BY[expr]][0] if w)


def _zero_named(fits: list[tuple[Field, str]], before: str, said: list[str]) -> list[tuple[Field, str]]:
    """Of the fields that print a zero (alike for many), those the sentence names; else the change of the figure it
    has just said, where its words say a change (深圳 “2026年预算数2.98万元，较2025年年初预算增加0.00万元”, 泉州
    “18.85万元，比上年增加0.00万元，增长0.00%”, 珠海 “……比上年增加0万元，增长0%”): the part's name is in the sentence
    before, its change is of the figure said."""
    named = _named(fits, before)
    if named or not said or not _CHANGE_WORDS.search(before):
        return named
    return [fit for fit in fits if said[-1] in (fit[0].current, fit[0].expr) and fit[0].current]


_CHANGE_WORDS = regex(r"(?:增加|减少|增长|下降)$")
