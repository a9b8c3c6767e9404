"""A published sentence traced to the imported source's fields (issue 80 part 2: learned_words): each figure to the
field that, printed as the sentence prints it (its unit, decimals and commas), is the figure — of several that print
alike, the one the words before it name (its item, clause, side, name or subject), a count by the rule it is imported
by, a change or a rate from its figures — and the sentence's template pieces, those fields in place of the figures and
the change words following the figures' changes."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache
from typing import Any

from reportgen.base.patterns import regex
from reportgen.compute import Change, quantize_half_up
from reportgen.compute.arithmetic import as_printed
from reportgen.compute.phrasing import UNIT_FACTOR
from reportgen.docmodel.model import VEHICLE_KINDS
from reportgen.importing.learning.narrative_fields import said_in
from reportgen.importing.learning.published_sentences import _FIGURE, _NUMBERING, _is_figure
from reportgen.importing.learning.sentence_fields import (
    _COUNT_UNITS,
    _COUNTED_IN,
    _INTERNAL,
    _LABEL_CHARS,
    _QUANTITIES,
    Field,
)
from reportgen.importing.text.text_parts import internal_counts, vehicle_kind_names, vocabulary
from reportgen.readers.text.statements import list_opening_words, named_quantities, part_qualifiers, subjectless

_YEAR = regex(r"(?<!\d)(\d{4})(?=年)")
_PAIRS = {"增加": "减少", "减少": "增加", "增长": "下降", "下降": "增长", "上升": "下降"}
_UP = ("增加", "增长", "上升")
_NAMED_WITHIN = 40  # a zero is a field's where its words stand among the last so many before it


@dataclass
class _Traced:
    pieces: list[str]  # the template, piece by piece
    guards: list[str]  # the expressions that must be given for the sentence to print
    change_guards: list[str]  # the changes that must (not) be 持平 as they were where the sentence says no other words
    said: list[str] = field(default_factory=list)  # the fields said, in order
    year_bound: int | None = None  # the year it is printed in alone: it says a cause no field holds (_year_bound_cause)
    year_why: str = "cause"  # … or a change no field holds ("compared": _said_flat)
    text: str = ""  # the sentence


@dataclass(frozen=True)
class Style:
    """How a document prints its amounts in sentences: with the thousands' commas, and at how many decimals most;
    ``rates_printed``: whether it computes its rates from the figures as it prints them (_printed_rate_fits), as one
    of its rates shows no other way (万里 2023's “增加105.81%” of 8.61 and 17.72万元): each rate, where those figures
    give it, is computed from them (万里 2024's “增加49.45%” of 95.16 and 142.22万元, of the unrounded ones 49.46%)."""

    commas: bool = True
    places: int = 2
    rates_printed: bool = False


@dataclass
class _Span:
    """A change said as “比上年增加7.59万元，增长8.0%”: where its words begin among the pieces, the change, and the
    comparison's words (较2025年预算) — worded “与2025年预算持平” where the change is 持平, as the default wording does."""

    start: int
    change: str
    opener: str


# a change's comparison just before its word (比上年, 较2025年预算, 比上年预算数; 江苏 与上年相比, 深圳 较2025年年初预算),
# and its rate's words after it
_OPENER = regex(r"(?:比|较|与)(?:上年|上一年度?|\d{4}年度?)(?:年初)?(?:预算数?|执行数|决算数?)?(?:相比，?)?$")
_RATE_WORDS = regex(r"^，(?:增长|下降|增幅|降幅|提高|降低|上升|增加|减少)(?:了|为)?$")


def trace(text: str, amounts: list[Field], changes: list[Field], context: dict[str, Any],
          said_before: list[str] | None = None, style: Style = Style(), subject: str = "") -> str | None | _Traced:
    """The sentence's template pieces where each of its figures is traced to a field; None where one is not.
    ``said_before``: the fields the sentence before it in its paragraph said (“与上年相比增加……” goes on with them);
    ``subject``: the name said over it (_subject_of), the subject of an amount whose words name none."""
    traced = _Traced([], [], [], text=text)
    texts = _texts(context)

    def _literal(words: str) -> str:  # the source's own texts in them as fields
        return _with_texts(words, context, texts, traced)

    at = 0
    span: _Span | None = None
    placed: list[tuple[int, str]] = []  # where each figure ends, and its field (a change's: the change)
    said = traced.said = list(said_before or [])  # the fields said so far (a change is of the figure said before it)
    body = _NUMBERING.match(text)
    quoted = _quoted(text, texts)
    thresholds = 0
    dept = department_words(context)
    for match in _FIGURE.finditer(text, body.end() if body else 0):
        thresholds += bool(_THRESHOLD.match(text, match.end()))
        if _words_alone(match, text, quoted):
            continue
        piece = _figure(text, match, (amounts, changes), said, style, subject, dept)
        if piece is None:
            return None
        expr, guard, change = piece
        said.append(change.expr if change is not None else guard)
        words = text[at:match.start()]
        ends_span = span is not None and change is not None and change.expr == span.change and \
            expr.endswith(("%", "％")) and _RATE_WORDS.search(words) is not None
        if span is not None and not ends_span:
            _close(traced, span, context)
            span = None
        if ends_span:
            _changed(traced, words, change, _literal, within=True)
        else:
            span = _changed(traced, words, change, _literal)
        traced.pieces.append(expr)
        traced.guards.append(guard)
        placed.append((match.end(), guard if change is None else change.expr))
        if ends_span and span is not None:
            _close(traced, span, context)
            span = None
        at = match.end()
    if span is not None:
        _close(traced, span, context)
    if thresholds and not placed:
        return None  # (“未安排购置车辆和单位价值100万元以上设备”: no field holds what it says; its year's alone)
    traced.pieces.append(_literal(text[at:]))
    _year_bound_cause(traced, context)
    _said_flat(traced, text, placed, changes, context)
    return traced


def _words_alone(match: re.Match[str], text: str, quoted: list[tuple[int, int]]) -> bool:
    """Whether a number of a sentence is printed as words, no field: no figure (a code), a figure within a text of
    the source (“本部门2个预算单位”: printed with it), a threshold (“单价100万元以上设备”: the rule's words, every year)."""
    return not _is_figure(match, text) or any(start <= match.start() < end for start, end in quoted) \
        or _THRESHOLD.match(text, match.end()) is not None


# the words after an amount that make it a threshold, no figure of the year (“单位价值100万元（含）以上设备”, “单价20万元以上”)
_THRESHOLD = regex(r"(?:（含）|\(含\))?(?:及)?以[上下]")
# the words that say an amount is last year's (vocabulary.yaml 持平; 江苏 苏州、无锡 “0万元，与上年预算数相同”, 杭州 “与2025年
# 执行数相同”)
_FLAT = regex(r"持平|相同|一致|相等|无增减|无变化|没有变化")


def _said_flat(traced: _Traced, text: str, placed: list[tuple[int, str]], changes: list[Field],
               context: dict[str, Any]) -> None:
    """A 持平 said in words of an amount (“公务接待费1.20万元，与2025年预算持平”, “……0万元，与上年预算数相同”) holds while
    its change is 持平: the sentence prints where it is, and where the source gives no change of it, in its own year
    alone — never “相同” beside next year's figure, which may not be."""
    for found in _FLAT.finditer(text):
        amount = next((expr for end, expr in reversed(placed) if end <= found.start()), None)
        change = next((c for c in changes if amount is not None and c.current == amount), None)
        if change is not None and change.value.kind == "flat":
            traced.change_guards.append(f"({change.expr}).kind == 'flat'")
        else:
            traced.year_bound, traced.year_why = context["year"], "compared"


def _changed(traced: _Traced, words: str, change: Field | None, literal: Callable[[str], str],
             within: bool = False) -> _Span | None:
    """The words before a figure as pieces, their change word following the figure's change where they end with one;
    the span of the change's words where they say a comparison (比上年增加) and the change is not 持平. ``within``:
    the words of a rate within a span (printed where the change is not 持平: no other guard)."""
    word = next((w for w in sorted(_PAIRS, key=len, reverse=True) if re.search(w + r"了?$", words)), None)
    if change is None or word is None or not (change.value.kind == "flat" or (word in _UP) == (
            change.value.kind in ("up", "new"))):
        traced.pieces.append(literal(words))
        return None
    cut = words.rfind(word)
    opener = _OPENER.search(words[:cut]) if change.value.kind != "flat" and not within else None
    if opener is None:
        traced.pieces += [literal(words[:cut]), _word(change.expr, word), literal(words[cut + len(word):])]
        if not within:
                traced.change_guards.append(f"({change.expr}).kind {'==' if change.value.kind == 'flat' else '!='} 'flat'")
        return None
    traced.pieces.append(literal(words[:opener.start()]))
    span = _Span(len(traced.pieces), change.expr, opener.group(0))
    traced.pieces += [literal(opener.group(0)), _word(change.expr, word), literal(words[cut + len(word):])]
    return span


def _close(traced: _Traced, span: _Span, context: dict[str, Any]) -> None:
    """The span's pieces printed where the change is not 持平; where it is, its comparison's words saying 持平."""
    flat = _literal("与" + span.opener[1:].removesuffix("，").removesuffix("相比"), context) + "持平"
    worded = "".join(traced.pieces[span.start:])
    traced.pieces[span.start:] = [f"{{% if ({span.change}).kind == 'flat' %}}{flat}{{% else %}}{worded}{{% endif %}}"]


_CAUSE = regex(r"原因|由于|因为|主要是")  # the words that give a change's cause: its year's, not a field's


def _year_bound_cause(traced: _Traced, context: dict[str, Any]) -> None:
    """A cause said in words no source field holds (“主要原因是2026年接待任务减少”) is that year's: the sentence is
    printed in the year it was learned from alone, a 待补充 in another — never last year's reason beside this year's
    change (烟台市民政局: a 增加 printed with the reason of a decrease)."""
    body = "".join(traced.pieces)
    cause = _CAUSE.search(body)
    if cause is not None and "b.reasons" not in body[cause.end():]:
        traced.year_bound, traced.year_why = context["year"], "cause"


_THOUSAND = 1000


def comma_style(texts: list[str]) -> Style:
    """How a document prints its amounts: with the thousands' commas where four digits and more (as most do), and
    the decimals most of them print (2 where none says)."""
    money = [m.group("n") for text in texts for m in _FIGURE.finditer(text) if m.group("unit") in ("万元", "元", "亿元")]
    big = [n for n in money if Decimal(n.replace(",", "")) >= _THOUSAND]
    places = Counter(len(n.split(".")[1]) for n in money if "." in n).most_common(1)  # (0万元 is no style of decimals)
    return Style(sum("," in n for n in big) * 2 >= len(big), places[0][0] if places else 2)


_TEXT_WORDS = 4  # a text of the source this long at least is the source's where a sentence says it


def _texts(context: dict[str, Any]) -> list[tuple[str, str]]:
    """The source's texts a sentence may say word for word (a function line's 用途, a figure's reason), longest first,
    each with its expression."""
    found = [(f"function_uses.get('{key}')", use) for key, use in context["function_uses"].items() if "'" not in key]
    found += [(f"b.reasons.get('{key}')", reason) for key, reason in context["b"].reasons.items() if "'" not in key]
    performance = context["b"].performance
    if performance is not None and performance.scope:  # 万里街道 “本部门2个预算单位”, 深圳市信访局 “深圳市信访局共1家基层预算单位”
        found.append(("b.performance.scope", performance.scope))
    return sorted(((expr, text) for expr, text in found if isinstance(text, str) and len(text) >= _TEXT_WORDS),
                  key=lambda pair: -len(pair[1]))


def _quoted(text: str, texts: list[tuple[str, str]]) -> list[tuple[int, int]]:
    """Where a sentence says a text of the source word for word (its figures are the text's)."""
    spans = []
    for _, said in texts:
        at = _said_at(text, said.rstrip("。"))
        if at >= 0:
            spans.append((at, at + len(said.rstrip("。"))))
    return spans


def _with_texts(words: str, context: dict[str, Any], texts: list[tuple[str, str]], traced: _Traced) -> str:
    """Printed words as a template writes them (_literal), a text of the source among them as its field — of two
    alike, a line's the sentence said (万里 2023 “2.“…专项普查活动（项）”60.13万元，主要用于统计管理。”: 2010507's 用途,
    not 2010506's, the line before it, of the same words)."""
    said = " ".join(traced.guards)
    for expr, text in sorted(texts, key=lambda pair: (-len(pair[1]), not _of_a_said_line(pair[0], said))):
        at = _said_at(words, text.rstrip("。"))
        if at >= 0 and _reason_of_said(expr, text, traced):
            traced.guards.append(expr)
            cut = at + len(text.rstrip("。"))
            return (_with_texts(words[:at], context, texts, traced) + f"{{{{ ({expr}).rstrip('。') }}}}"
                    + _with_texts(words[cut:], context, texts, traced))
    return _literal(words, context)


_REASON = regex(r"b\.reasons\.get\('([^']+)'\)")
_CHANGE_OF = regex(r"^\(\((?P<current>.+?)\)\|change_from\(")


def _reason_of_said(expr: str, text: str, traced: _Traced) -> bool:
    """Whether a text of the source may be said as its field where the sentence says it: a change's reason
    (b.reasons.get(KEY)) only where the sentence names KEY's quantity before it or it (or the sentence before it in its
    paragraph) has said a figure of it — never where the reason is another item's alike this year: 西安 “（3）机关资本性
    支出（503）……增长的主要原因是：本年度增加……” is no reason of 一般公共预算, 万里 2024 “主要原因是：项目调整。” after a
    line's change no reason of 财政拨款 (next year's draft would print that one under this line's words)."""
    found = _REASON.fullmatch(expr)
    if found is None:
        return True
    key = found.group(1)
    quantities = _PRIOR_QUANTITIES.get(key, (key,))
    said = named_quantities()
    names = {_han(n) for q in (key, *quantities) for n in (q, *said.get(q, ()))}
    ahead = _han(traced.text.split(text.rstrip("。"))[0])
    return any(name in ahead for name in names) or any(_of_key(one, key, quantities) for one in traced.said)


def _of_key(said: str, key: str, quantities: tuple[str, ...]) -> bool:
    """Whether a field said (a change's: its figure's) is of the quantity a reason's KEY names (``quantities``)."""
    change = _CHANGE_OF.match(said)
    prior = _PRIOR_TOTAL.search(said)
    quantity = _QUANTITIES.get(change.group("current") if change else said, "")
    return bool(quantity) and (quantity in quantities or quantity.startswith(key)) or \
        (prior is not None and prior.group(1) == key)


def _of_a_said_line(expr: str, said: str) -> bool:
    """Whether a text's expression is the 用途 of a function line the sentence's fields (``said``) name by its code."""
    found = re.fullmatch(r"function_uses\.get\('(?:[^'/]*/)?(\d+)'\)", expr)
    return found is not None and f"'{found.group(1)}'" in said


def _said_at(words: str, text: str) -> int:
    """Where ``words`` say ``text`` as a text (not as a line's name: “专项普查活动（项）”); -1 where they do not."""
    at = words.find(text)
    while at >= 0 and re.match(r"[（(][类款项][）)]", words[at + len(text):]):
        at = words.find(text, at + 1)
    return at


def _figure(text: str, match: re.Match[str], known: tuple[list[Field], list[Field]], said: list[str],
            style: Style, subject: str = "", dept: str = "") -> tuple[str, str, Field | None] | None:
    """The expression printing the figure ``match`` as printed, the field it needs, the change it is of; ``style``:
    how the document prints its amounts (thousands' commas, decimals); ``subject``: the name said over the sentence,
    the name of an amount whose words name none (“（二）公务接待费。2026年预算数6万元”); ``dept``: the department's
    name (its Han characters), the subject of its own 预算收入 and 预算支出 (_own_total)."""
    known = said_in(known, text, match.start(), said)  # (a 正文金额 where its clause says its name alone)
    number, unit = match.group("n"), match.group("unit") or ""
    before = _words_before(text, match.start())
    if subject and subjectless(text[:match.start()].strip()):  # (of the quantity the name names, no field labelled alike)
        before = _han(subject)
        known = ([a for a in known[0] if _said_name(a, before)], known[1])
    if unit in ("%", "％"):
        return _rate(number, unit, before, known, said, (_amounts_printed(text[:match.start()]), style.rates_printed))
    places = len(number.split(".")[1]) if "." in number else 0
    value = Decimal(number.replace(",", ""))
    if unit in _COUNT_UNITS:
        return _count(value, unit, known[0], before, said, _said_internal(text, match))
    for candidate_unit in [unit] if unit else ["万元", "元"]:
        if candidate_unit not in UNIT_FACTOR:
            return None  # a count (8辆), or 亿元: no field says it
        fits = _candidate_fits(text, match, (value, places), candidate_unit, known, said)
        fits = _of_the_clause(fits, _clause_words(text, match.start()), known[0], (said, dept))
        fits = _of_the_item(fits, _clause_text(text, match.start()))
        nearest = _nearest(fits if value else _zero_named(fits, before, said), before, said)
        if nearest is not None:
            chosen, expr = nearest
            thousands = "," in number or value < _THOUSAND and style.commas
            shown, least = _places(number, style.places, chosen, UNIT_FACTOR[candidate_unit], value)
            more = ("" if thousands else ", false") + ("" if least is None else f", least={least}")
            return (f"{{{{ ({expr})|printed('{candidate_unit}', {shown}{more}) }}}}" + unit, expr,
                    chosen if chosen in known[1] else None)
    return None


def _clause_words(text: str, at: int) -> str:
    """The words before ``at`` within its clause (after the last mark that ends one), as _words_before gives them:
    广州 “……进一步压减经常性项目；支出预算7,651.71万元” names 支出预算, no 项目支出."""
    start = max(text.rfind(mark, 0, at) for mark in _CLAUSE_MARKS) + 1
    return _words_before(text[start:], at - start)


_CLAUSE_MARKS = "，；。"


def _clause_text(text: str, at: int) -> str:
    """The words of ``at``'s clause before it, as printed (codes and levels with them)."""
    return text[max(text.rfind(mark, 0, at) for mark in _CLAUSE_MARKS) + 1:at]


# the item the words before a figure name by its code (西安 “（1）机关工资福利支出（501）”) or by a line's name and level
# (万里 “科学技术支出（类）科学技术普及（款）科普活动（项）”: the last one said, the 项)
_ITEM_CODE = regex(r"[（(](\d{3,7})[）)]")
_LEVELLED = regex(r"([\u4e00-\u9fff]+)[（(][类款项][）)]")
_LINE_FIELDS = ("function_line(", "actual_function", "economic_line(")


def _of_the_item(fits: list[tuple[Field, str]], clause: str) -> list[tuple[Field, str]]:
    """Of the fields that print an amount, none of another item than the one the words before it in its clause name by
    its code or by a line's name and level: 西安 “（1）机关工资福利支出（501）1,880.32万元” (政府经济分类 501) is no figure
    of 部门经济分类 301 工资福利支出, printing alike this year only; 万里 “……科学技术普及（款）科普活动（项）”10.00万元” no
    figure of the 款. A field of that item (its code in its expression, a line of that name, a 正文金额 of those words)
    fits; where none does the sentence is kept as printed."""
    codes = _ITEM_CODE.findall(clause)
    if codes:
        fits = [fit for fit in fits if any(f"{o}{codes[-1]}{c}" in fit[1] for o, c in ("''", "（）", "()"))]
    levelled = _LEVELLED.findall(clause)
    if levelled:
        fits = [fit for fit in fits if _of_the_line(fit[0], levelled[-1])]
    return fits


def _of_the_line(field: Field, name: str) -> bool:
    """Whether a field may be the figure of the line ``name`` (a line's name before its level): a line of that name,
    a 正文金额 named by it, or last year's figure a comparison states (no words of its own)."""
    expr = field.current or field.expr
    if not field.label:
        return True
    return _han(field.label).startswith(name) if expr.startswith(_LINE_FIELDS) else name in _han(expr)
# the department's own budget said bare: a year, its name (or 本部门, 部门, 本单位), 当年, then 预算收入 or 预算支出 and
# nothing else in its clause (深圳 “2026年深圳市信访局部门预算收入4,684.30万元”, 长春 “2026年预算收入1682.76万元”, 西安
# “本部门当年预算收入5,093.76万元”): its 收入总计 or 支出总计 — never another field printing alike this year (财政拨款收入,
# 本年收入合计: next year they may differ). Not a name of vocabulary.yaml 数的名称: “培训费预算支出” is 培训费's, “政府性基金
# 预算收入” a fund's, “上年结转结余的一般公共预算收入” a part of the carry-over.
_OWN_TOTAL = regex(r"^(?:本?部门|本?单位)?(?:当年|本年|年)?预算(?P<kind>收入|支出)(?:为|是|共计|共)?$")
_OWN_TOTALS = {"收入": "f.income_grand_total", "支出": "f.expenditure_grand_total"}


def _of_the_clause(fits: list[tuple[Field, str]], clause: str, amounts: list[Field],
                   said: tuple[list[str], str]) -> list[tuple[Field, str]]:
    """Of the fields that print an amount, those its clause's words may mean: of the quantity they name
    (_of_the_name), the department's own total where they say it (_own_total; ``said``: the fields said before it,
    the department's name), never the whole just said where they say a part (_no_whole_as_its_part)."""
    fits = _of_its_side(_of_the_name(fits, clause, amounts), clause)
    if (own := _own_total(clause, said[1])) is not None:
        fits = [fit for fit in fits if fit[0].expr == own]
    return _no_whole_as_its_part(fits, clause, said[0])


# the fields of an income (收入总计, 本年收入合计, 财政拨款收入, each source's), by their expressions' beginnings; and of a
# spending, besides those whose quantity's name says 支出 (_QUANTITIES): the lines, the “三公” and the other spending
_INCOMES = ("f.income_grand_total", "f.income_total", "f.fiscal_income", "f.income_of(")
_SPENDINGS = ("function_line(", "economic_line(", "actual_function", "actual_economic", "b.three_public", "f.three_public",
              "f.vehicles", "b.running_costs", "f.procurement", "b.procurement", "f.personnel", "f.public")
_SIDE_FILLER = regex(r"(?:预算数|预算)?(?:为|是|共计|共)?$")


def _of_its_side(fits: list[tuple[Field, str]], clause: str) -> list[tuple[Field, str]]:
    """Of the fields that print an amount, none of the other side where the words before it in its clause end by
    saying an income (…收入) or a spending (…支出): 长春 “其中财政补助收入1682.76万元” is no 财政拨款支出, printing alike
    this year only (a 上年结转 or a spending of another year's money parts them)."""
    words = _SIDE_FILLER.sub("", clause)
    said = "收入" if words.endswith("收入") else "支出" if words.endswith("支出") else ""
    return [fit for fit in fits if not said or _side(fit[0].current or fit[0].expr) in ("", said)]


def _side(expr: str) -> str:
    """收入 for an income's field, 支出 for a spending's, '' for another (收支总计, 结转, a count)."""
    if expr.startswith(_INCOMES):
        return "收入"
    return "支出" if expr.startswith(_SPENDINGS) or "支出" in _QUANTITIES.get(expr, "") else ""


def department_words(context: dict[str, Any]) -> str:
    """The department's name as a sentence's words before a figure are compared (its Han characters; '' where none)."""
    return _han(context.get("dept") or "")


def _no_whole_as_its_part(fits: list[tuple[Field, str]], clause: str, said: list[str]) -> list[tuple[Field, str]]:
    """Of the fields that print an amount said as a part (its clause opening with 其中, 包括: vocabulary.yaml 部分), all
    but the amount just said — its whole, printing alike this year only (长春 “2026年预算收入1682.76万元。其中当年预算
    1682.76万。”: next year a 上年结转 parts them)."""
    if not said or not clause.startswith(list_opening_words()):
        return fits
    return [fit for fit in fits if fit[0].expr != said[-1]]


def _own_total(clause: str, dept: str) -> str | None:
    """The total (its expression) the words of a figure's clause name where they say the department's own 预算收入 or
    预算支出 (_OWN_TOTAL), the year and the department's name before it aside; None where they say anything else."""
    words = clause.removeprefix("年")
    if dept:
        words = words.removeprefix(dept)
    found = _OWN_TOTAL.match(words)
    return _OWN_TOTALS[found.group("kind")] if found else None


def _of_the_name(fits: list[tuple[Field, str]], before: str, amounts: list[Field]) -> list[tuple[Field, str]]:
    """Of the fields that print an amount, those of the quantity the words before it in its clause name, where they
    name one the source holds: 杭州 “2026年收入预算5,876.67万元” is 收入总计's or none — never 支出总计's, printing alike
    this year. After a line's name and level (江苏省检察院 “检察（款）:2018年预算支出合计”) the name is the line's part.
    Where they name one no field holds, only a field whose own name is in those words: 北京市审计局 “（二）本年其他资金
    收入15万元” is no 其他收入's (alike this year, not next year where another source comes in), 无锡 “财政拨款收、支
    总预算2,723.94万元” no 财政拨款收入's (alike while nothing is carried over) — but 无锡 “会议费预算支出0.44万元” is
    会议费's."""
    named = _quantity_named(before)
    if named is None or "|" in before:
        return fits
    if not any(named in {_han(n) for n in a.names} for a in amounts if not a.count):
        return [fit for fit in fits if fit[0] not in amounts or not fit[0].names
                or any(_han(n) in named for n in fit[0].names)]
    return [fit for fit in fits if fit[0] not in amounts or _said_name(fit[0], before)]


def _quantity_named(before: str) -> str | None:
    """The quantity the words ``before`` a figure end by naming, not as another's part (“……的收入预算”)."""
    ending = _names_ending(before)[:1]  # (the name reaching furthest: ““三公”经费支出预算” names no 支出预算)
    return next((name for words, name in ending if not words[:-len(name)].endswith(("的", *_qualifiers()))), None)


def _candidate_fits(text: str, match: re.Match[str], printed: tuple[Decimal, int], candidate_unit: str,
                    known: tuple[list[Field], list[Field]], said: list[str]) -> list[tuple[Field, str]]:
    """The fields an amount (``printed``: its value and places) may print in ``candidate_unit``: last year's figure a
    comparison states (_stated_prior), else the fields of that value — of a change only, after words saying one."""
    value, places = printed
    unit = match.group("unit") or ""
    prior = _stated_prior(text, match, value, places, known[1], said) if candidate_unit == unit else None
    if prior is not None:
        return [(prior, prior.expr)]
    fits = _amount_fits(value, places, UNIT_FACTOR[candidate_unit], known)
    if _SAYS_CHANGE.search(text, 0, match.start()):
        fits = _changes_fitting(fits, text[:match.start()], value, known[0], said)
    return fits


def _changes_fitting(fits: list[tuple[Field, str]], before: str, value: Decimal, amounts: list[Field],
                     said: list[str]) -> list[tuple[Field, str]]:
    """Of the fields an amount said as a change may print, the changes of a quantity the sentence speaks of."""
    fits = [fit for fit in fits if fit[0].current and (value or fit[0].current in said)]
    fits = _of_subject(fits, before, amounts)
    return [fit for fit in fits if not _of_another(fit[0], said)]


def _of_another(change: Field, said: list[str]) -> bool:
    """Whether a change is of a named quantity (_QUANTITIES) none of the sentence's figures is, where it has said one: 苏州
    “会议费预算支出30万元，比上年预算减少5万元” is no change of 公务接待费, whose change prints 5万元 this year (会议费's
    上年 the source does not hold)."""
    return bool(said) and change.current in _QUANTITIES and not _of_said(change, said) and \
        not any(_of_quantity(change.expr, one) for one in said)  # (a share said after it: “……，占本年支出合计的100%。”)


def _stated_prior(text: str, match: re.Match[str], value: Decimal, places: int, changes: list[Field],
                  said: list[str]) -> Field | None:
    """Last year's figure stated right after a comparison's words that follow a figure (北京 “收入预算71094.17万元，比2025年
    年初预算数69043.50万元增加2050.67万元”, 烟台 “机关运行经费安排201.87万元，较2025年预算198.27万元增加3.6万元”): the prior
    of the figure said just before, where the source holds it at that value — never another field of the same value."""
    unit = match.group("unit") or ""
    if not said or unit not in UNIT_FACTOR or _OPENER.search(text[:match.start()]) is None:
        return None
    change = next((c for c in changes if c.prior and c.current == said[-1]), None)
    if change is None or not _prior_printed(change, unit, places, value):
        return None
    return Field(change.prior, "", change.prior_value)


def _prior_printed(change: Field, unit: str, places: int, value: Decimal) -> bool:
    """Whether a change's prior, printed in ``unit`` to ``places``, is ``value``."""
    return isinstance(change.prior_value, Decimal) and \
        quantize_half_up(change.prior_value / UNIT_FACTOR[unit], places) == value


def _words_before(text: str, at: int) -> str:
    """The words of a sentence before ``at`` as a figure's are compared with names (their Han characters), each figure
    said before it a mark: “占“三公”经费的0%；公务用车购置及运行维护费支出” ends with a name after a figure, not after 的."""
    marked = _FIGURE.sub(lambda m: "#" if m.group("unit") else m.group(0), _YEAR.sub("", text[:at]))
    return "".join(re.findall(r"[\u4e00-\u9fff#|]", _LEVEL.sub("|", marked)))


# a line's level after its name (“小学教育（项）支出”): a mark between words, never the 项 of 项目支出 (“小学教育项目支出” is the
# line's 项目支出, not its 合计 the sentence says)
_LEVEL = regex(r"[（(][类款项][）)]")


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


def _places(number: str, usual: int, chosen: Field, factor: Decimal, value: Decimal) -> tuple[int, int | None]:
    """The decimals a figure printed at ``places`` is printed at, and those its trailing zeros are dropped to (None:
    none dropped), where the document prints most at ``usual``: more than usual (增加7.594万元), its zeros dropped to
    the usual (not 1.000 another year); fewer, its digits beyond them zeros (烟台's 1.7 for 1.70, 5 for 5.00), the
    usual with its zeros dropped."""
    places = len(number.split(".")[1]) if "." in number else 0
    if places > usual:
        return places, None if number.endswith("0") else usual  # (1.20 prints its zeros: no 7.594 dropping them)
    exact = chosen.value.amount if isinstance(chosen.value, Change) else chosen.value
    if places < usual and quantize_half_up(exact / factor, usual) == value:
        return usual, 0
    return places, None


def _amount_fits(value: Decimal, places: int, factor: Decimal,
                 known: tuple[list[Field], list[Field]]) -> list[tuple[Field, str]]:
    """The fields (amounts, and changes' amounts) that print ``value`` at ``places`` in the unit of ``factor``."""
    amounts, changes = known
    fits = [(f, f.expr) for f in amounts if not f.count and quantize_half_up(f.value / factor, places) == value]
    fits += [(c, f"{c.expr}.amount") for c in changes if quantize_half_up(c.value.amount / factor, places) == value]
    return fits


def _zero_named(fits: list[tuple[Field, str]], before: str, said: list[str]) -> list[tuple[Field, str]]:
    """Of the fields that print a zero (alike for many), those the sentence names; else the change of the figure it
    has just said, where its words say a change (深圳 “2026年预算数2.98万元，较2025年年初预算增加0.00万元”, 泉州
    “18.85万元，比上年增加0.00万元，增长0.00%”, 珠海 “……比上年增加0万元，增长0%”): the part's name is in the sentence
    before, its change is of the figure said."""
    named = _named(fits, before)
    if named or not said or not _CHANGE_WORDS.search(before):
        return named
    return [fit for fit in fits if said[-1] in (fit[0].current, fit[0].expr) and fit[0].current]


# the words of a change just before its amount (“比上年增加”, “较2025年年初预算减少”, “与上年相比增加”): the figure is a
# change's, never an amount that prints alike (深圳 “公务用车购置费2026年预算数0.00万元，较2025年年初预算增加0.00万元”: not
# the part's 0.00) — a zero, the change of the figure said before it
_SAYS_CHANGE = regex(r"[比较与](?:上年|上一年度?|\d{4}年度?)[^，。；\d]{0,16}(?:相比，[^，。；\d]{0,16})?(?:增加|减少)了?$")
# the quantity a change is said of, named between its comparison and its word (江苏 “与上年相比收、支预算总计各减少”,
# “与上年相比，财政拨款支出增加”)
_CHANGE_SUBJECT = regex(r"[比较与](?:上年|上一年度?|\d{4}年度?)(?:年初)?(?:预算数?|执行数|决算数?)?(?:相比)?，?"
                        r"(?P<subject>[^，。；\d]{0,16}?)各?(?:增加|减少)了?$")


def _of_subject(fits: list[tuple[Field, str]], before: str, amounts: list[Field]) -> list[tuple[Field, str]]:
    """Of the changes that print a figure, those of the quantity the words say it is the change of, where they name
    one between the comparison and its word (江苏 苏州 “收入、支出预算总计7,062.8万元，与上年相比收、支预算总计各减少
    913.48万元”: the change of 收支总计, never 一般公共预算's that prints alike this year — next year it would print the
    wrong figure); all of them where the words name none (“财政拨款收入15621.11万元，比2023年预算减少876.75万元”)."""
    found = _CHANGE_SUBJECT.search(before)
    subject = _han(found.group("subject")) if found else ""
    name = next((n for n in _all_names() if subject.endswith(n)), None)
    if name is None:
        return fits
    names = {a.expr: {_han(n) for n in a.names} for a in amounts}
    return [fit for fit in fits if name in names.get(fit[0].current, set()) | _prior_names(fit[0].expr)]


# the quantities (vocabulary.yaml 数的名称) whose change a change from a prior total (f.prior_total(KEY)) is, by KEY
_PRIOR_QUANTITIES = {"收支总计": ("收支总计", "收入总计", "支出总计"),
                     "财政拨款": ("财政拨款收支总计", "财政拨款收入", "财政拨款支出"),
                     "一般公共预算": ("一般公共预算支出", "一般公共预算拨款收入")}
_PRIOR_TOTAL = regex(r"change_from\(fa?\.prior_total\('([^']+)'\)\)")


def _prior_names(change: str) -> set[str]:
    """The names of the quantity a change from a prior total is of (“收、支预算总计” that of 收支总计)."""
    found = _PRIOR_TOTAL.search(change)
    if found is None:
        return set()
    said = named_quantities()
    return {_han(n) for quantity in _PRIOR_QUANTITIES.get(found.group(1), (found.group(1),))
            for n in said.get(quantity, ())}


def _of_quantity(change: str, said: str) -> bool:
    """Whether a change from a prior total (f.prior_total(KEY)) is the change of the quantity of the field ``said``:
    KEY's prior is that of each of its quantities (_PRIOR_QUANTITIES) — 上海 “财政拨款支出预算19,577万元，比2025年预算减少
    290万元” is the change of 财政拨款 the source holds (its 收入 and 支出 are one), never 一般公共预算's printing alike."""
    found = _PRIOR_TOTAL.search(change)
    quantity = _QUANTITIES.get(said)
    of = _PRIOR_QUANTITIES.get(found.group(1), (found.group(1),)) if found is not None else ()
    return quantity is not None and (quantity in of or quantity + "收入" in of)  # (an income source: 一般公共预算拨款收入)


_CHANGE_WORDS = regex(r"(?:增加|减少|增长|下降)$")


def _named(fits: list[tuple[Field, str]], before: str) -> list[tuple[Field, str]]:
    """Of the fields that print a figure alike, those the words before it name: by a name of its quantity ending
    them, where one does; else by the words the default templates print before it, among the last ones."""
    said = [fit for fit in fits if _said_name(fit[0], before)]
    if said or _part_of_another(before):
        return said
    return [fit for fit in fits if fit[0].label and _han(fit[0].label) in before[-_NAMED_WITHIN:]]


def _part_of_another(before: str) -> bool:
    """Whether the words before a figure name a part of another quantity: a quantity's name after another's and 的
    (江苏 “上年结转结余的财政专户管理资金0万元” is the carry-over's part, no 财政专户管理资金 income of the year)."""
    for words in dict.fromkeys((before, _NAME_FILLER.sub("", before))):
        name = next((n for n in _all_names() if words.endswith(n)), None)
        ahead = words[:-len(name)] if name else ""
        if ahead.endswith("的") and any(ahead[:-1].endswith(n) for n in _all_names()):
            return True
    return False


# the words between a quantity's name and its figure that say nothing more (“2．上年结转结余为0万元”, “公务用车购置预算支出”)
_NAME_FILLER = regex(r"(?:预算支出|支出预算|预算数|预算)?(?:为|是|共计|共)?$")
_BUDGET_FILLER = regex(r"(?:预算数|预算)?(?:为|是|共计|共)?$")  # (…财政拨款支出预算: the 支出 is the name's)


def _said_name(field: Field, before: str) -> bool:
    """Whether the words just before a figure are one of the names of the field's quantity (Field.names), a word
    that says nothing more aside: the longest name of any quantity they end with, else without that word where a fund's name qualifies it
    (江苏 “一般公共预算财政拨款支出预算” is 一般公共预算财政拨款支出, not 财政拨款支出预算) — not where another's words qualify
    it: “上年结转结余的政府性基金预算收入” is no 政府性基金预算收入, “一般公共预算基本支出” no 基本支出 (vocabulary.yaml
    部分的限定)."""
    if not field.names:
        return False
    for words, name in _names_ending(before):
        ahead = words[:-len(name)]
        if not ahead.endswith(("的", *_qualifiers())):
            return name in (_han(n) for n in field.names)
        if ahead.endswith("的"):
            return False  # (a qualified name: its qualifier may be the name's own, “一般公共预算财政拨款支出预算”)
    return False


def _names_ending(before: str) -> list[tuple[str, str]]:
    """The words before a figure, bare of each word that says nothing more (_NAME_FILLER, _BUDGET_FILLER), with the
    longest name of a quantity each ends with — the longest reach first (of two alike, the longer name): 上海 “一般公共
    预算拨款支出预算” is 一般公共预算拨款支出 and 预算, never 支出预算 (支出总计) nor 一般公共预算拨款 and 支出预算."""
    found = []
    for words in dict.fromkeys((before, _NAME_FILLER.sub("", before), _BUDGET_FILLER.sub("", before))):
        name = next((n for n in _all_names() if words.endswith(n)), None)
        if name is not None:
            found.append((len(before) - len(words) + len(name), words, name))
    found += _inner_budget_name(before)
    return [(words, name) for _, words, name in sorted(found, key=lambda one: (-one[0], -len(one[2])))]


def _inner_budget_name(before: str) -> list[tuple[int, str, str]]:
    """The name the words end with once a 预算 inside it is taken out (江苏 “财政拨款预算支出” is 财政拨款支出, never 财政拨款
    and 预算支出), as (its reach, the words, the name) — only a name whole before it (“国有资本经营预算收入” is no 经营收入)."""
    inner = _INNER_BUDGET.search(before)
    if inner is None:
        return []
    joined = before[:inner.start()] + inner.group("side")
    whole = next((n for n in _all_names() if joined.endswith(n)), None)
    if whole is None or len(whole) < _INNER_NAMED + len(inner.group("side")):
        return []
    return [(len(before) - len(joined) + len(whole), joined, whole)]


# a 预算 said inside a quantity's name, before the word saying its side (“财政拨款预算支出”: the 财政拨款支出)
_INNER_BUDGET = regex(r"预算(?P<side>支出|收入)$")
_INNER_NAMED = 4  # the words of the name before it, at least (财政拨款)


@cache
def _all_names() -> tuple[str, ...]:
    """The names of every quantity of vocabulary.yaml 数的名称 (their Han characters), the longest first."""
    return tuple(sorted({_han(n) for names in named_quantities().values() for n in names} - {""}, key=len,
                        reverse=True))


@cache
def _qualifiers() -> tuple[str, ...]:
    return tuple(_han(q) for q in part_qualifiers())


def _han(label: str) -> str:
    """A field's words as a sentence's words before a figure are compared (its Han characters: 因公出国（境）费 is
    named by “因公出国（境）费0万元”, whose words before the figure are 因公出国境费)."""
    return "".join(re.findall(r"[\u4e00-\u9fff]", label))


def _rate(number: str, unit: str, before: str, fields: tuple[list[Field], list[Field]],
          said: list[str], printed: tuple[tuple[str, int] | None, bool] = (None, False)
          ) -> tuple[str, str, Field | None] | None:
    """A rate of change (增长 8.2%) or a share (占 97.9%) as printed; ``printed``: the unit and decimals the sentence
    printed its last amount before it in, the figures a rate no change's own rate prints may be computed from — and
    whether the document computes its rates from them (Style.rates_printed: they come first)."""
    places = len(number.split(".")[1]) if "." in number else 0
    value = Decimal(number)
    if re.search("(增长|下降|增幅|降幅|上升|减少|增加)[^，。；]{0,4}$", before):
        rate = "rate" if places >= _RATE_PLACES else "exact"  # (fewer places: the rate rounded once, from the exact)
        # 0 where the change is 持平 (no rate); none where there is no rate to print (a prior of 0: Change 'new') —
        # the sentence is then not printed rather than printed “增长0.0%”
        fits = [(c, _rate_of(c.expr, rate)) for c in fields[1]
                if quantize_half_up(getattr(c.value, rate) or Decimal(0), places) == value
                and (c.value.rate is not None or not value)]
        from_printed = _printed_rate_fits(value, places, fields[1], printed[0])
        fits = (from_printed or fits) if printed[1] else (fits or from_printed)
        nearest = _nearest(fits if value else _zero_named(fits, before, said), before, said)  # 增长0.00%: the flat one
        if nearest is not None:
            return f"{{{{ ({nearest[1]})|percent_figure({places}) }}}}{unit}", nearest[1], nearest[0]
    if "占" not in before[-12:]:
        return None
    nearest = _nearest(_share_fits(value, places, fields[0], _whole_named(before)), before, said)
    return None if nearest is None else (f"{{{{ ({nearest[1]})|percent_figure({places}) }}}}{unit}", nearest[1], None)


_RATE_PLACES = 2  # the places of Change.rate


def _figures_of(change: Field) -> tuple[Decimal, Decimal] | None:
    """A change's two figures (this year's, last year's) where it is an increase or a decrease of fields given."""
    if not (change.current and change.prior and isinstance(change.prior_value, Decimal)
            and isinstance(change.value, Change) and change.value.kind in ("up", "down")):
        return None
    signed = change.value.amount if change.value.kind == "up" else -change.value.amount
    return change.prior_value + signed, change.prior_value


def _amounts_printed(text: str) -> tuple[str, int] | None:
    """The unit and decimals of the last amount of money ``text`` prints (“……2023年预算安排17.72万元，” → 万元, 2)."""
    last = None
    for match in _FIGURE.finditer(text):
        if match.group("unit") in UNIT_FACTOR:
            number = match.group("n")
            last = (match.group("unit"), len(number.split(".")[1]) if "." in number else 0)
    return last


def _rate_of(expr: str, rate: str) -> str:
    """A learned rate of the change ``expr``: 0 where it is 持平, none where there is no rate (a prior of 0)."""
    return f"({expr}.{rate} if {expr}.kind != 'flat' else 0)"


def _printed_rate_fits(value: Decimal, places: int, changes: list[Field],
                       printed: tuple[str, int] | None) -> list[tuple[Field, str]]:
    """The changes whose rate, computed from their two figures as the sentence prints them (``printed``: unit and
    decimals), prints ``value`` — where no change's own rate does: 万里 2023 computes “增加105.81%” from 8.61 and 17.72
    万元 (of 86,100 and 177,240 元: 105.85%), 西安 2025 “增长159.24%” from 14.82 and 38.42 万元."""
    if printed is None or not value:
        return []
    unit, decimals = printed
    fits = []
    for change in changes:
        figures = _figures_of(change)
        if figures is None:
            continue
        current, prior = (as_printed(figure, UNIT_FACTOR[unit], decimals) for figure in figures)
        if prior and quantize_half_up(abs(current - prior) * 100 / prior, places) == value:
            shown = f"('{unit}', {decimals})"
            expr = f"((({change.current})|as_printed{shown})|change_from(({change.prior})|as_printed{shown}))"
            fits.append((change, _rate_of(expr, "rate" if places >= _RATE_PLACES else "exact")))
    return fits
_SHARE_FILLER = regex(r"的?(?:比例|比重)?为?$")


def _wholes(amounts: list[Field], whole: str | None) -> list[Field]:
    """The fields a share may be of: the quantity named ``whole``, else the first totals (_WHOLES)."""
    given = [a for a in amounts if a.value]
    return [a for a in given if whole in {_han(n) for n in a.names}] if whole else given[:_WHOLES]


def _whole_named(before: str) -> str | None:
    """The name of the quantity a share is of, where the words after its 占 name one (江苏 “占“三公”经费的0%”, “占本年支出
    合计的99.4%”): a share of another whole printing alike (0% of any) is never it; None where they name none (“占97.9%”)."""
    words = _SHARE_FILLER.sub("", before[before.rfind("占") + 1:])
    return next((name for name in _all_names() if words and words.endswith(name)), None)

_WHOLES = 12  # the wholes a share is sought of: the first fields (the totals the default templates print)


def _share_fits(value: Decimal, places: int, amounts: list[Field], whole: str | None = None) -> list[tuple[Field, str]]:
    """The shares of one field in another that print ``value`` at ``places``: in the quantity ``whole`` names where
    the sentence names it, else in one of the first totals."""
    amounts = [a for a in amounts if not a.count]
    wholes = _wholes(amounts, whole)
    return [(Field(a.expr, a.label, a.value, a.expr), f"share({a.expr}, {w.expr})") for w in wholes for a in amounts
            if quantize_half_up(a.value * 100 / w.value, places) == value]


def _nearest(fits: list[tuple[Field, str]], before: str, said: list[str]) -> tuple[Field, str] | None:
    """Of the fields that print the figure, the one the sentence means: a change (or share) of the figure it has just
    said, else the one whose words stand nearest before it (the longest of its words' ends the sentence's words
    before the figure end with, else its words found among the last ones ending nearest the figure, the longer of
    two ending alike: “……事务（款）行政运行（项）支出” names the 项, not the 款); None where two are as near — a figure
    two fields print alike and the sentence names neither is not guessed."""
    def score(fit: tuple[Field, str]) -> tuple[bool, int, int, int]:
        field, _ = fit
        of = _of_said(field, said)
        label = _han(field.label)
        found = before.rfind(label) if label else -1
        return _said_name(field, before), of, _shared(label, before[-_LABEL_CHARS:]), \
            ((found + len(label)) * 100 + len(label)) if found >= 0 and found >= len(before) - _NAMED_WITHIN else 0
    if not fits:
        return None
    scored = sorted(((score(fit), fit) for fit in fits), key=lambda pair: pair[0], reverse=True)  # stable: in order
    if len(scored) > 1 and scored[0][0] == scored[1][0] and scored[0][1][0].label != scored[1][1][0].label:
        return None  # (one line of all the money and of 一般公共预算's, named alike: the first, all the money's)
    return scored[0][1]


def _of_said(field: Field, said: list[str]) -> int:
    """How nearly a field (a change) is of what the sentence has said: 4 the change just said, 3 the change of the figure
    just said, 2 of its quantity (_of_quantity), 1 of a figure said before (or that figure again: 万里 “2.“…专项普查活动
    （项）”60.13万元，……。2022年当年预算执行数为0万元，2023年预算安排60.13万元，……”, the line said before), 0 none."""
    if said and field.expr == said[-1]:
        return 4
    if said and (field.current == said[-1] or _same_line(field.current, said[-1])):
        return 3
    if said and _of_quantity(field.expr, said[-1]):
        return 2
    return 1 if _said_before(field, said) else 0


def _said_before(field: Field, said: list[str]) -> bool:
    """Whether the sentence (or the one before it in its paragraph) has said the figure a change is of, or the field."""
    return bool(field.current and field.current in said) or field.expr in said


_LINE_TOTAL = regex(r"^function_line\('(\d+)'(?:, '[^']+')?\)\.total$")


def _same_line(current: str, said: str) -> bool:
    """Whether a change's figure and the figure said are one function line's total, of all the money or of one fund
    (江苏 “（1）社会保障和就业支出（类）支出429.13万元。与上年相比增加5.37万元”: the line said is of all the money, the
    上年 its 一般公共预算 lines give) — its 类 and its one 款 alike are never the line said."""
    found, other = _LINE_TOTAL.match(current), _LINE_TOTAL.match(said)
    return found is not None and other is not None and found.group(1) == other.group(1)


def _shared(a: str, b: str) -> int:
    """The length of the longest run of words ``a`` and ``b`` both say (财政拨款收入预算 in “…财政拨款收入预算总计”)."""
    best, previous = 0, [0] * (len(b) + 1)
    for x in a:
        current = [0]
        for j, y in enumerate(b):
            current.append(previous[j] + 1 if x == y else 0)
        best = max(best, max(current))
        previous = current
    return best


def _word(change: str, printed: str) -> str:
    """A change word following its change: the printed word where it is up (or down) as printed, else its pair."""
    up, down = (printed, _PAIRS[printed]) if printed in _UP else (_PAIRS[printed], printed)
    return f"{{% if ({change}).kind == 'down' %}}{down}{{% else %}}{up}{{% endif %}}"


def _literal(text: str, context: dict[str, Any]) -> str:
    """Printed words as a template writes them: the year and the prior year as {{ year }} and {{ prior_year }},
    the department's name as {{ dept }}, marks that are markup or Jinja2 escaped."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = re.sub(r"([{}%#])", r"{{ '\1' }}", text)
    years = {str(context["year"]): "{{ year }}", str(context["prior_year"]): "{{ prior_year }}"}
    text = _YEAR.sub(lambda m: years.get(m.group(1), m.group(1)), text)
    dept = context.get("dept") or ""
    return text.replace(dept, "{{ dept }}") if len(dept) >= 2 else text
