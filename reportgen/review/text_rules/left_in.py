"""What a writer left in from the template: both words of a choice (“下降（增长）”), the template's
instruction to its writer (“（增加内容）”, “仍保留该表格式”), a reason or a figure announced and not
given (“主要原因是。”, “执行数为。”), a change printed without its unit (“增长 13.95。”)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from reportgen.base.errors import Finding
from reportgen.base.patterns import regex
from reportgen.base.rules import TEXT, rule
from reportgen.checks.slips import PLACEHOLDERS
from reportgen.review.text_rules.base import WORDS, Text


def _alternatives(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_PAIRS = {(a, b) for a, b in WORDS["对立的增减词"]} | {(b, a) for a, b in WORDS["对立的增减词"]}
_CHOICE = regex(rf"({_alternatives(sorted({w for pair in _PAIRS for w in pair}))})[（(]"
                rf"({_alternatives(sorted({w for pair in _PAIRS for w in pair}))})[）)]")
_INSTRUCTION_BRACKETED = regex(rf"[（(](?:{_alternatives(WORDS['模板说明'])})[）)]")
_INSTRUCTION = regex(_alternatives([w for w in WORDS["模板说明"] if len(w) >= 6]))
# brackets whose words end or start as an instruction does (“（按“……”中实际发生经济分类支出事项填写）”, “（填列……）”),
# and those that are one where they close a clause (“开展了重点绩效评价（如有），”)
_INSTRUCTION_ENDING = regex(rf"[（(][^（）()]{{0,80}}?(?:{_alternatives(WORDS['模板说明的结尾'])})[）)]")
_INSTRUCTION_OPENING = regex(rf"[（(](?:{_alternatives(WORDS['模板说明的开头'])})[^（）()]{{0,80}}?[）)]")
_INSTRUCTION_CLOSING = regex(rf"[（(](?:{_alternatives(WORDS['句末的模板说明'])})[）)](?=\n?[，,。；;]|$)",
                             re.MULTILINE)
_GOES_ON = _alternatives(WORDS["待续的说法"])
_NOTHING_AFTER = regex(rf"({_GOES_ON})[：:]?\n?(?=[。；;])")
# the announcement followed at once by the parts of the amount before it (烟台市民政局 2026: “下降9.88％。主要原因是
# 其中：1.因公出国（境）费……”): a list of parts is no reason — the reason was left out (“主要原因是：一是……” gives one)
_PARTS_AFTER = regex(rf"({_GOES_ON})[：:]?\n?(其\s*中\s*[：:])")
# a few Latin letters or digits and nothing else, as a writer keys in to fill a box (“主要原因是qq。”“主要原因是11。”,
# the 上海 generator's draft of 万里街道 2025)
_JUNK_AFTER = regex(rf"({_GOES_ON})[：:]?([A-Za-z0-9]{{1,8}})(?=\n?[。；;])")
_NO_FIGURE = regex(rf"({_alternatives(WORDS['待填的数'])})\n?(?=[。；;，,])")
_NO_FIGURE_OPENING = regex(rf"(?:^|(?<=[，,。；;：:\n]))[ \t]*+(?:(?:19|20)\d\d年度?)?"
                           rf"({_alternatives(WORDS['句首待填的数'])})\n?(?=[。；;，,])")
_CHANGE_WITHOUT_UNIT = regex(r"(?:增长|下降|增加|减少|上升|降低)(\d+\.\d+)(?=[。；;，,])")
# a colon that announces what follows, followed by the sentence's end, or by a year alone (烟台市教育局 2026:
# “烟台市教育局部门预算包括：。”, “（一）收入预算：2026年。” — the template's sentence with its figures left out)
_EMPTY_AFTER_COLON = regex(r"[：:][ \t]*+((?:19|20)\d\d年度?)?\n?(?=[。；;])")
# a clause of a verb alone that needs what it acts on (“围绕常委会议议题，组织召开。”), or 用于 ending one (“用于。”)
_VERB_ALONE = regex(rf"(?:^|(?<=[，,。；;：:\n]))[ \t]*+({_alternatives(WORDS['独立成句的动词'])})\n?(?=[。；;])",
                    re.MULTILINE)
_VERB_ENDING = regex(rf"({_alternatives(WORDS['不能结句的动词'])})\n?(?=[。；;])")
# a count with its number left out: its noun and measure word at once, a mark after (“本部门共有车辆辆，”)
_COUNT_WITHOUT_NUMBER = regex(rf"({_alternatives(WORDS['缺数的计数'])})(?=\n?[，,、。；;）)])")
_MEASURES = _alternatives([w for w in WORDS["件数与面积的单位"] if "/" not in w])
# in a list of counts (“机要通信用车1辆、应急保障用车辆、执法执勤用车3辆”): an item with its number, one without
_COUNTED = regex(rf"([\u4e00-\u9fff]{{2}})[0-9]+(?:\.[0-9]+)?\s*({_MEASURES})等?$")
_UNCOUNTED = regex(rf"([\u4e00-\u9fff]{{2}})({_MEASURES})等?$")


@rule("R-模板选项", TEXT)
def template_choices(text: Text) -> Iterator[Finding]:
    """R-模板选项: a change word with its opposite in brackets, as the template offers them (the
    placeholders of R-文字, “增加（减少）”, are told there, but where a line's end splits one: “增加（减” /
    “少）”, which R-文字, reading line by line, does not see)."""
    for match in _CHOICE.finditer(text.flow):
        split = text.line_at(match.start()) != text.line_at(match.end() - 1)
        if (match.group(1), match.group(2)) in _PAIRS and (split or not PLACEHOLDERS.fullmatch(match.group())):
            yield text.warning("R-模板选项", match.start(), f"“{match.group()}”是模板给出的两种写法，"
                               "只应留下与数字相符的一种")


@rule("R-模板说明", TEXT)
def template_instructions(text: Text) -> Iterator[Finding]:
    """R-模板说明: the template's instruction to its writer printed in the document (once a sentence, and
    each instruction once, with the other lines it is printed at: “（如有）” after each of two sentences)."""
    told: set[int] = set()  # the sentences told of, by where they start
    found = (_INSTRUCTION_BRACKETED, _INSTRUCTION, _INSTRUCTION_ENDING, _INSTRUCTION_OPENING, _INSTRUCTION_CLOSING)
    matches = sorted([match for pattern in found for match in pattern.finditer(text.flow)], key=lambda m: m.start())
    printed: dict[str, list[int]] = {}  # each instruction's words: where each sentence it is printed in starts
    for match in matches:
        sentence = max(text.flow.rfind(mark, 0, match.start()) for mark in "。\n：")
        if sentence not in told:
            told.add(sentence)
            printed.setdefault(match.group().replace("\n", ""), []).append(match.start())
    for said, starts in sorted(printed.items(), key=lambda item: item[1][0]):
        again = sorted({text.line_at(start) for start in starts[1:]} - {text.line_at(starts[0])})
        also = f"（又见第 {'、'.join(map(str, again))} 行）" if again else ""
        yield text.warning("R-模板说明", starts[0], f"留有模板的填写说明“{said}”{also}：请删去，或换成实际内容")


@rule("R-内容空缺", TEXT)
def said_and_not_given(text: Text) -> Iterator[Finding]:
    """R-内容空缺: “主要原因是” (or 主要用于, 执行数为 …) followed by the sentence's end, by the parts of the amount
    (“主要原因是其中：1.因公出国（境）费……”), or by a few Latin letters only (“主要原因是qq。”); a colon followed by
    the sentence's end or by a year alone (“包括：。”)."""
    for match in _NOTHING_AFTER.finditer(text.flow):
        yield text.warning("R-内容空缺", match.start(), f"“{match.group(1)}”之后没有内容，句子就结束了：请写明")
    for match in _PARTS_AFTER.finditer(text.flow):
        yield text.warning("R-内容空缺", match.start(), f"“{match.group(1)}其中：”：“{match.group(1)}”之后没有写明，"
                           "接着列的是其中各项：请补上所说的内容")
    yield from _junk_after(text)
    for found in (_NO_FIGURE, _NO_FIGURE_OPENING):
        for match in found.finditer(text.flow):
            yield text.warning("R-内容空缺", match.start(1), f"“{match.group(1)}”之后没有数字：请填写")
    for match in _EMPTY_AFTER_COLON.finditer(text.flow):
        said = text.flow[max(text.flow.rfind("\n", 0, match.start()) + 1, match.start() - 12):match.end()].strip()
        yield text.warning("R-内容空缺", match.start(), f"“{said}。”：冒号之后没有内容，句子就结束了：请写明")
    yield from _cut_off(text, {m.end() for m in _NOTHING_AFTER.finditer(text.flow)})
    yield from _counts_without_number(text)


def _junk_after(text: Text) -> Iterator[Finding]:
    """“主要原因是qq。”: a reason (use, list) of a few letters or digits only — one practice, told once at its
    first line with what else was written so and the other lines it is at."""
    found = list(_JUNK_AFTER.finditer(text.flow))
    if found:
        first = found[0]
        written = "”“".join(dict.fromkeys(match.group(2) for match in found))
        again = sorted({text.line_at(m.start()) for m in found[1:]} - {text.line_at(first.start())})
        also = f"（又见第 {'、'.join(map(str, again))} 行）" if again else ""
        yield text.warning("R-内容空缺", first.start(), f"“{first.group(1)}”之后只写了“{written}”{also}：请写明")


def _cut_off(text: Text, told: set[int]) -> Iterator[Finding]:
    """A verb that needs what it acts on, ending the sentence with nothing after it (``told``: the ends of
    the announcements told already, “主要用于。”)."""
    ends: set[int] = set(told)
    for match in (*_VERB_ALONE.finditer(text.flow), *_VERB_ENDING.finditer(text.flow)):
        if match.end() not in ends:
            ends.add(match.end())
            yield text.warning("R-内容空缺", match.start(1), f"“{match.group(1)}”之后没有内容，句子就结束了："
                               "是否删去了所说的事项？请写明")


def _counts_without_number(text: Text) -> Iterator[Finding]:
    """A count with its number left out: “车辆辆”, or an item of a list of counts whose others give theirs
    (“机要通信用车1辆、应急保障用车辆”) — the number between the noun and its measure word is missing;
    told once a sentence, naming each."""
    offset = 0
    for sentence in re.split(r"(?<=[。；;\n])", text.flow):
        missing = [(offset + m.start(), m.group()) for m in _COUNT_WITHOUT_NUMBER.finditer(sentence)] \
            if any(word in sentence for word in WORDS["缺数的计数"]) else []
        missing += [(offset + at, said) for at, said in _uncounted_items(sentence)
                    if not any(at + len(said) == start + len(word) - offset for start, word in missing)]
        if missing:
            missing.sort()
            named = "”“".join(said for _, said in missing)
            yield text.warning("R-内容空缺", missing[0][0], f"“{named}”：数量没有写出，请填写")
        offset += len(sentence)


def _uncounted_items(sentence: str) -> Iterator[tuple[int, str]]:
    """The items of a list in ``sentence`` (“、” apart, in one clause) printed without their number where
    another item of the list with the same noun and measure word gives its number: where each starts, and
    its words. (A list is of two items or more: a sentence without “、” has none — one item's end is a figure's
    measure or a noun's, never both.)"""
    if "、" not in sentence:
        return
    offset = 0
    for clause in re.split(r"([，,；;。：:\n])", sentence):
        items = clause.split("、")
        counted = {(m.group(1), m.group(2)) for m in map(_COUNTED.search, items) if m}
        at = offset
        for item in items:
            bare = _UNCOUNTED.search(item)
            if counted and bare and (bare.group(1), bare.group(2)) in counted:
                said = item[max(0, bare.start() - 6):bare.end()].removeprefix("其中")
                yield at + bare.end() - len(said), said
            at += len(item) + 1
        offset += len(clause)


@rule("R-缺单位", TEXT)
def change_without_unit(text: Text) -> Iterator[Finding]:
    """R-缺单位: a change stated as a bare number (“增长 13.95。”): % or 万元 was left out."""
    for match in _CHANGE_WITHOUT_UNIT.finditer(text.flow):
        yield text.warning("R-缺单位", match.start(), f"“{match.group()}”没有单位：是 % 还是万元？")


# a numbered heading alone on its line (“一、项目概述”), and a line of a few letters or digits alone after it
_HEADING = regex(r"^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)]|\d{1,2}[.．、])[\u4e00-\u9fff]{2,16}$")
_FILLER = regex(r"^[A-Za-z0-9]{1,3}$")
_FILLED_SECTIONS = 3  # headings in a row, each with the same filler under it: no one section left so by chance


@rule("R-占位内容", TEXT)
def sections_filled_with_nothing(text: Text) -> Iterator[Finding]:
    """R-占位内容: numbered headings in a row, each with nothing under it but the same letters or digits on a line
    of their own (the 项目经费情况说明 of the 上海 generator's draft of 万里街道 2025: “一、项目概述” “1” “二、立项依据”
    “1” … “七、绩效目标” “1”) — the sections were never written. A table's rows print their figures on the
    label's line, a contents page its page numbers, each another; neither is this."""
    run: list[tuple[int, str, str]] = []  # (where among the lines, heading, filler)
    lines = text.lines
    for index, (heading, under) in enumerate(zip(lines, lines[1:], strict=False)):
        if _HEADING.match(heading.bare) and _FILLER.match(under.bare) and heading.number not in text.table_rows:
            if run and run[-1][2] == under.bare and run[-1][0] == index - 2:
                run.append((index, heading.bare, under.bare))
                continue
            yield from _filled(text, run)
            run = [(index, heading.bare, under.bare)]
    yield from _filled(text, run)


def _filled(text: Text, run: list[tuple[int, str, str]]) -> Iterator[Finding]:
    if len(run) >= _FILLED_SECTIONS:
        named = "”“".join(heading for _, heading, _ in run)
        yield Finding("warning", "R-占位内容", f"“{named}”之下都只写了“{run[0][2]}”：这些部分没有写出内容，请填写",
                      text.file, text.lines[run[0][0]].number)
