"""A published sentence traced to the imported source's fields (issue 80 part 2: learned_words): each figure to the
field that, printed as the sentence prints it (its unit, decimals and commas), is the figure — of several that print
alike, the one the words before it name (its item, clause, side, name or subject), a count by the rule it is imported
by, a change or a rate from its figures — and the sentence's template pieces, those fields in place of the figures and
the change words following the figures' changes.

Its parts: the names the words before a figure give it (sentence_names), the counts (sentence_counts) and the changes,
rates and shares (sentence_changes); this module traces the sentence and writes its pieces."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from reportgen.base.patterns import regex
from reportgen.compute import Change, quantize_half_up
from reportgen.compute.phrasing import UNIT_FACTOR
from reportgen.importing.learning.narrative_fields import said_in
from reportgen.importing.learning.published_sentences import _FIGURE, _NUMBERING, _is_figure
from reportgen.importing.learning.sentence_changes import _SAYS_CHANGE, _amounts_printed, _of_subject, _rate
from reportgen.importing.learning.sentence_counts import _count, _said_internal, _zero_named
from reportgen.importing.learning.sentence_fields import _COUNT_UNITS, _QUANTITIES, Field
from reportgen.importing.learning.sentence_names import (
    _PRIOR_QUANTITIES,
    _PRIOR_TOTAL,
    _YEAR,
    _han,
    _names_ending,
    _nearest,
    _of_quantity,
    _of_said,
    _qualifiers,
    _said_name,
    _words_before,
)
from reportgen.readers.text.statements import list_opening_words, named_quantities, subjectless

_PAIRS = {"增加": "减少", "减少": "增加", "增长": "下降", "下降": "增长", "上升": "下降"}
_UP = ("增加", "增长", "上升")


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
