"""A direction word the figures before it contradict: “年初预算为1560.05万元，支出决算为1511.89万元。
决算数大于预算数的主要原因：……” (a 决算 below its budget called above it); a reason for an amount of nothing
that says nothing of there being none (“计划购置车辆0辆、0万元，主要是车辆购置计划”); an item's reason that names
another item (“会议费……下降的主要原因是：……减少公务接待费预算”)."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from decimal import Decimal
from typing import cast

from reportgen.base.errors import Finding
from reportgen.base.patterns import regex
from reportgen.base.rules import TEXT, rule
from reportgen.review.text_rules.base import WORDS, Text, bare_flow

_NUM = r"\d[\d,]*+(?:\.\d++)?+"
_WORD = regex(r"决算数(大于|小于|等于)(年初|全年|调整)?预算数?")
_FINAL = regex(rf"决算数?(?:为|是)\s*({_NUM})\s*万元")
_BUDGET = regex(rf"(年初|全年|调整)?预算数?(?:为|是)\s*({_NUM})\s*万元")


def _interval(number: str) -> tuple[Decimal, Decimal]:
    plain = number.replace(",", "")
    places = len(plain.split(".")[1]) if "." in plain else 0
    half = Decimal(5) / Decimal(10) ** (places + 1)
    return Decimal(plain) - half, Decimal(plain) + half


def _may_be(word: str, final: tuple[Decimal, Decimal], budget: tuple[Decimal, Decimal]) -> bool:
    """Whether some exact 决算 and budget that print as these stand as ``word`` says."""
    if word == "大于":
        return final[1] > budget[0]
    if word == "小于":
        return final[0] < budget[1]
    return final[0] <= budget[1] and budget[0] <= final[1]


@rule("R-决算与预算", TEXT)
def final_against_budget(text: Text) -> Iterator[Finding]:
    """R-决算与预算: “决算数大于（小于、等于）预算数” after a sentence whose budget and 决算 say otherwise
    (a plain 预算数 may be either budget the sentence states)."""
    for match in _WORD.finditer(text.flow):
        before = text.flow[max(0, match.start() - 300):match.start()].rstrip()
        if not before.endswith("。"):
            continue
        sentence = before[before.rfind("。", 0, len(before) - 1) + 1:]
        finals = list(_FINAL.finditer(sentence))
        if not finals:
            continue
        final, word, named = _interval(finals[-1].group(1)), match.group(1), match.group(2)
        budgets = _budgets_said(sentence[:finals[-1].start()], named)
        if budgets and not any(_may_be(word, final, _interval(amount)) for _, amount in budgets):
            stated = "、".join(f"{kind}预算为{amount}万元" for kind, amount in budgets)
            yield text.warning("R-决算与预算", match.start(), f"写作“{match.group()}”，而上句{stated}、"
                               f"决算为{finals[-1].group(1)}万元")


def _budgets_said(before: str, named: str | None) -> list[tuple[str, str]]:
    """The budgets a sentence states before its 决算 (``before``), each its kind (年初, 全年, 调整; "" of a plain 预算数) and
    amount; those of the kind the words name only, where they name one (``named``)."""
    return [(b.group(1) or "", b.group(2)) for b in _BUDGET.finditer(before) if not named or b.group(1) == named]


# “一般公共预算财政拨款支出 1668.14 万元，比年初预算数增加 1668.14 万元，增长 0%”: the amount, then an increase over
# a budget of no year (比年初预算数, 比预算数: a 决算 against its own year's budget, which the statement reader does not
# take for a change over last year) and a rate
_FROM_NOTHING = regex(rf"(?<![\d,.])({_NUM})\s*万元\s*[，,]\s*(?:比|较)(?:(?!上年|去年|上一|\d)[^，。；]){{0,12}}?预算数?"
                      rf"\s*增加\s*({_NUM})\s*万元\s*[，,]?\s*(增长\s*{_NUM}\s*%)")


@rule("R-零基增长率", TEXT)
def rate_over_nothing(text: Text) -> Iterator[Finding]:
    """R-零基增长率: an increase as large as the amount itself (the budget it is compared with was nothing)
    with a growth rate printed: a rate from a zero base is no rate (DOMAIN: 上年无该项预算，增长率无可比性) —
    佛山市轨道交通局 2019 决算, “比年初预算数增加 1668.14 万元，增长 0%”. One practice: told once, its other lines listed."""
    found = [match for match in _FROM_NOTHING.finditer(text.flow)
             if (amount := Decimal(match.group(1).replace(",", ""))) and amount == Decimal(match.group(2).replace(",", ""))]
    if found:
        first, again = found[0], sorted({text.line_at(m.start(3)) for m in found[1:]} - {text.line_at(found[0].start(3))})
        also = f"（又见第 {'、'.join(map(str, again))} 行）" if again else ""
        yield text.warning("R-零基增长率", first.start(3), f"增加 {first.group(2)} 万元即是全数，所比的预算为 0：从零起算"
                           f"没有增长率，而写作“{''.join(first.group(3).split())}”{also}（应写“预算数为 0”或“为新增”）")


_NO_PRIOR = regex("|".join(f"(?:{said})" for said in WORDS["没有上年数的说法"]))
_RATE_OVER_PRIOR = regex(str(WORDS["与上年相比的增长率"]))


@rule("R-无上年数的增长率", TEXT)
def rate_without_prior(text: Text) -> Iterator[Finding]:
    """R-无上年数的增长率: a sentence that compares with last year and prints a growth rate, and says itself that
    last year had no such figure (“比上年决算数相比变化 0 万元，增长 0%；主要是因为我局为 2019 年新成立单位，无 2018
    年决算数”, 佛山市轨道交通局 2019 决算): a rate from a figure that does not exist is no rate, and 0 is no change
    from nothing (DOMAIN: 上年无该项预算，增长率无可比性). Each sentence told once."""
    for sentence in _sentences(text.flow):
        start, words, at = sentence
        rate = _RATE_OVER_PRIOR.search(words)
        said = _NO_PRIOR.search(words)
        if rate is None or said is None:
            continue
        yield text.warning("R-无上年数的增长率", start + at[rate.start(1)],
                           f"句中说“{said.group()}”，却写了比上年的增减与增长率“{rate.group()}”：上年没有可比的数，"
                           f"就没有增减额与增长率可言（应写“上年无可比数”或“为新增”）")


@functools.lru_cache(maxsize=2)  # two rules of one document read them: cut once (their callers only read them)
def _sentences(flow: str) -> tuple[tuple[int, str, list[int]], ...]:
    """Each sentence of the flow (up to its 。): where it starts, its words without spaces, and where in the
    sentence each of those words stands — cut from the flow without its spaces (bare_flow, made once), whose 。
    are the flow's."""
    bare, where = bare_flow(flow)
    ends = zip([m.end() for m in re.finditer("。", flow)] + [len(flow)],
               [m.end() for m in re.finditer("。", bare)] + [len(bare)], strict=True)
    out, start, bare_start = [], 0, 0
    for end, bare_end in ends:
        out.append((start, bare[bare_start:bare_end], [i - start for i in where[bare_start:bare_end]]))
        start, bare_start = end, bare_end
    return tuple(out)


_WAYS = {"增加": 1, "增长": 1, "上升": 1, "提高": 1, "减少": -1, "下降": -1, "降低": -1}
_WAY = "|".join(_WAYS)
# a change against a prior (“比2023年预算执行数减少2.98%”), then its reason at once, one clause that says only
# that some money went the other way (“。主要原因是：宣传事务一般行政管理事务经费增加。”, 万里街道 2024) — matched
# on the text without its spaces (_sentences' words)
_CHANGE_AND_REASON = regex(
    rf"(?:比|较)[^。；，,]{{0,30}}?({_WAY})了?{_NUM}(?:万元|%)(?:[，,](?:{_WAY}){_NUM}%)?[。；，,]"
    rf"(?:主要)?原因(?:是|为|主要是)?[：:]?([^。；，,：:]{{1,40}}?(?:{'|'.join(WORDS['钱的名称'])}))({_WAY})(?=[。；])")


@rule("R-原因方向", TEXT)
def reason_against_change(text: Text) -> Iterator[Finding]:
    """R-原因方向: a change whose reason, given at once in one clause naming only money, says it went the other
    way (“比2023年预算执行数减少2.98%。主要原因是：宣传事务一般行政管理事务经费增加。”): the reason copied from
    another item, or the direction word wrong. A reason naming people or things (“退休人员增加”) may well
    explain a fall of money, and is not judged; nor one with a direction word of its own inside."""
    flow = text.flow
    for start, words, at in _two_sentences(flow):
        for match in _CHANGE_AND_REASON.finditer(words):
            said, reason = match.group(1), match.group(3)
            if _WAYS[said] == _WAYS[reason] or re.search(_WAY, match.group(2)):
                continue
            yield text.warning("R-原因方向", start + at[match.start()], f"“{match.group()}”：数字是{said}，"
                               f"说明的原因却是“{reason}”：是否照抄了别项的说明，或写反了？")


def _two_sentences(flow: str) -> Iterator[tuple[int, str, list[int]]]:
    """Each sentence with the one after it (a reason is given in the next), as _sentences gives them."""
    sentences = list(_sentences(flow))
    for (start, words, at), (after, more, more_at) in zip(sentences, [*sentences[1:], (0, "", [])], strict=True):
        yield start, words + more, at + [after - start + i for i in more_at]


# a reason after a clause (主要是, 主要原因是 …), up to its sentence's end; the sentence before it, up to its start
_REASON = regex(r"[，,]主要(?:原因)?(?:是|为)[:：]?([^。；;]*)")
# what of a sentence is no amount: its years, a threshold (“单价100万元以上”), its list's number
_NO_AMOUNT = regex(r"(?:19|20)\d\d年度?|(?<!\d)\d+万元以上|[（(]\d+[）)]|^\d+[.．、]")
_NONE = regex("|".join(WORDS["说明为零的字样"]))
# a sentence stating a change (“增加0万元”, “与上年持平”): its reason explains the change, not an amount of nothing
_CHANGE = regex(f"{_WAY}|持平|一致|变化|相比|[比较]上年")


@rule("R-零数原因", TEXT)
def reason_for_nothing(text: Text) -> Iterator[Finding]:
    """R-零数原因: a sentence whose amounts and counts are all 0 (“2026年计划购置车辆0辆、0万元”) and that states no
    change, then its reason (“主要是……”) saying nothing of there being none or of the money paid elsewhere — “主要是车辆购置计划”: a plan given
    as the reason for buying nothing, its 无 left out. A reason of a few letters is R-内容空缺's (“主要原因是qq”)."""
    bare, at = bare_flow(text.flow)
    for match in _REASON.finditer(bare):
        start = max(bare.rfind(mark, 0, match.start()) for mark in "。；;") + 1
        sentence = bare[start:match.start()]
        figures = re.findall(_NUM, _NO_AMOUNT.sub("", sentence))
        reason = match.group(1)
        if not figures or any(Decimal(figure.replace(",", "")) for figure in figures) or _CHANGE.search(sentence) \
                or _NONE.search(reason) or not re.search(r"[\u4e00-\u9fff]", reason):
            continue
        said = re.split("[：:]", sentence)[-1][-30:] + match.group()[:24]
        yield text.warning("R-零数原因", at[match.start()], f"“{said}”：所说的数都是 0，原因却没有说“无”或“未”："
                           "是否漏了“无”？")


_ITEMS = cast(dict[str, list[str]], WORDS["逐项说明的支出"])  # (words.yaml: a mapping of item to its words)
# an item named as its amount's subject (“会议费预算支出1.96万元”, not a heading's “培训费情况说明”)
_ITEM_AMOUNT = regex(rf"({'|'.join(map(re.escape, _ITEMS))})(?:预算|支出|决算|\d)")
_ITS_REASON = regex(r"(?:原因是|原因为|主要是)[:：]?([^。；;]*)")


@rule("R-原因他项", TEXT)
def reason_of_another_item(text: Text) -> Iterator[Finding]:
    """R-原因他项: a sentence of one item's amount whose reason names another item of those a budget explains one by
    one and none of its own words (西安市行政审批服务局 2025: “会议费预算支出1.96万元，……下降的主要原因是：落实过紧日子
    相关要求，减少公务接待费预算”): the reason copied from the other item's sentence."""
    bare, at = bare_flow(text.flow)
    for match in _ITS_REASON.finditer(bare):
        start = max(bare.rfind(mark, 0, match.start()) for mark in "。；;") + 1
        named = {found.group(1) for found in _ITEM_AMOUNT.finditer(bare, start, match.start())}
        reason = match.group(1)
        if len(named) != 1:
            continue
        (item,) = named
        others = [other for other in _ITEMS if other != item and other in reason]
        if others and not any(word in reason for word in _ITEMS[item]):
            said = bare[start:match.end()]
            yield text.warning("R-原因他项", at[start], f"“{said[:24]}……{said[-30:]}”：说的是{item}，原因却讲"
                               f"“{others[0]}”：是否照抄了别项的原因？")
