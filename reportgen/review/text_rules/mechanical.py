"""The mechanical slips of wording a reviewer checks in any document, whatever its region: two clause marks
left side by side (“人，；培训费”), a bracket or a quotation mark left open or closed alone, a year printed with
no 年 where a sentence dates by it (“其中：2026 应急保障用车 13 辆”), a list's numbering out of step (“（七）（八）
（八）”, “1. 2. 4.”), a word or a line printed twice in a row (“按按规定”), and a 决算's words naming what a
预算 is of (“部门决算单位构成”, “本级决算”) or the other way round; a sentence's words out of their order or one left
out where every budget says them alike (“预算数3,623.98为万元”, “主要原因相关工作未按计划开展”); a character printed for
its look-alike where the words it makes no budget prints and the look-alike's the document prints (“人境支队” beside 入境);
a small letter an input method left between two Han characters (“预算s安排”).

Each reads the prose alone — the lines that are no row of a table and are not set in columns (a table none was
made of: its cells' words run into each other on one line, “成果。 、措施”, and a cell's brackets close on the
next row): a table's cells are not sentences. Each finding quotes the words as printed and is a warning at its
line (bench/wording_checks.py measures each on every corpus document)."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, cached_property
from pathlib import Path

import yaml

from reportgen.base.errors import Finding
from reportgen.base.patterns import regex
from reportgen.base.rules import TEXT, rule
from reportgen.readers.text.lines import Line
from reportgen.review.text_rules.base import WORDS, Text, bare_flow

# words set apart by a column's gap, or set in a column far from the margin: a row of a table (as repeats.py)
_COLUMNS = regex(r"\S {4,}\S|\A {20,}\S")
_HAN = regex(r"[\u4e00-\u9fff]")


@dataclass
class _Prose:
    """Which of a text's kept lines are prose, worked out once a text."""

    text: Text

    @cached_property
    def numbers(self) -> frozenset[int]:
        return frozenset(line.number for line in self.text.lines
                         if line.number not in self.text.table_rows and not _COLUMNS.search(line.text.rstrip()))

    def at(self, offset: int) -> bool:
        return self.text.line_at(offset) in self.numbers


def prose_lines(text: Text) -> frozenset[int]:
    """The numbers of a text's lines that are prose: no row of a table, not set in columns."""
    return _Prose(text).numbers


def _before(flow: str, offset: int, length: int = 8) -> str:
    """The words of the flow before ``offset`` (line breaks taken out), ``length`` characters at most."""
    return flow[max(0, offset - length - 4):offset].replace("\n", "")[-length:]


# ---------------------------------------------------------------------------------------------------------------
# Two clause marks side by side

# the marks that end or cut a clause; a mark doubled (“，，”) is R-文字's, a colon with the sentence's end after it
# (“包括：。”) R-内容空缺's
_MARKS = "，。；：、,;"
_TWO_MARKS = regex(rf"([{_MARKS}])([{_MARKS}])")
_TOLD_ELSEWHERE = frozenset({("：", "。"), (":", "。")})
# a full stop between an item's name and its amount, inside a list that goes on (“取暖费23.37万元，维修（护）费。12.61万元
# 等。”): a sentence opens with no bare amount
_STOP_IN_LIST = regex(r"(?<=[\u4e00-\u9fff）)])。(?=\d[\d,]*(?:\.\d+)?(?:万元|元|亿元)[等、，,；;])")


@rule("R-标点", TEXT)
def two_marks(text: Text) -> Iterator[Finding]:
    """R-标点: two different clause marks printed side by side in a line of prose (“人数 800 人，；培训费”: a clause
    cut short, or a mark left when another was typed), or one ending a line and another opening the next."""
    prose = _Prose(text)
    lines = text.lines
    for index, line in enumerate(lines):
        if line.number not in prose.numbers:
            continue
        yield from _in_one_line(text, index, line)
        after = lines[index + 1] if index + 1 < len(lines) else None
        if after is not None and after.number in prose.numbers:
            yield from _across_lines(text, index, line.bare, after.bare)
    yield from _stop_in_list(text, prose)
    yield from _semicolon_closing(text, prose)


def _in_one_line(text: Text, index: int, line: Line) -> Iterator[Finding]:
    """Two different clause marks side by side in one line of prose, as printed (a space apart at most)."""
    for match in _TWO_MARKS.finditer(line.bare):
        pair = (match.group(1), match.group(2))
        if pair[0] == pair[1] or pair in _TOLD_ELSEWHERE:
            continue
        # side by side as printed, a space apart at most (a layout sets two cells' marks far apart)
        if not re.search(re.escape(pair[0]) + " ?" + re.escape(pair[1]), line.text):
            continue
        at = text.starts[index] + match.start()
        said = _before(text.flow, at) + match.group()
        yield text.warning("R-标点", at, f"“{said}”：标点“{match.group()}”连用，是否多了一个？")


def _across_lines(text: Text, index: int, bare: str, after: str) -> Iterator[Finding]:
    """A clause mark ending a line of prose (``bare``: the line at ``index``) and another opening the next."""
    if bare[-1:] in _MARKS and after[:1] in _MARKS and (bare[-1], after[0]) not in _TOLD_ELSEWHERE:
        at = text.starts[index] + len(bare) - 1
        said = _before(text.flow, at) + bare[-1] + after[:1]
        yield text.warning("R-标点", at, f"“{said}”：标点“{bare[-1]}{after[0]}”跨行连用，是否多了一个？")


# a heading of a part or of the text's first level (“七、一般公共预算“三公”经费情况说明”, “第三部分”)
_TOP_HEADING = regex(r"\s*(?:[一二三四五六七八九十]{1,3}、|第[一二三四五六七八九十]+部分)")
# printed alone on its line, no clause mark in it (an item of a list numbered 一、二、 goes on: “二、负责……；”)
_HEADING_ALONE = regex(r"[^，,。；;：:]{2,30}")


def _semicolon_closing(text: Text, prose: _Prose) -> Iterator[Finding]:
    """A part's last sentence closed with a semicolon, the next part's heading alone on the line after it (长春市信访局
    2026: “（三）对个人和家庭补助支出85.98万元，占支出预算的5.11%；” / “七、一般公共预算“三公”经费情况说明”; 普陀区财政局
    2024 决算: “……其他收入6.2万元，占0.21%；” / “三、支出决算情况说明”): the list's last item ends with 。."""
    lines = text.lines
    for index, (line, after) in enumerate(zip(lines, lines[1:], strict=False)):
        if line.bare[-1:] in "；;" and _TOP_HEADING.match(after.text) and _HEADING_ALONE.fullmatch(after.bare) \
                and line.number in prose.numbers and after.number in prose.numbers:
            at = text.starts[index] + len(line.bare) - 1
            yield text.warning("R-标点", at, f"“{_before(text.flow, at, 20)}；”：这一部分的最后一句以分号“；”结束，"
                               f"下一行已是“{after.bare[:8]}”：应为句号“。”")


def _stop_in_list(text: Text, prose: _Prose) -> Iterator[Finding]:
    """A full stop between an item's name and its amount in a list of prose (“维修（护）费。12.61万元等。”)."""
    bare, at = bare_flow(text.flow)
    for match in _STOP_IN_LIST.finditer(bare):
        if prose.at(at[match.start()]):
            said = bare[max(0, match.start() - 8):match.end() + 10].split("等")[0]
            yield text.warning("R-标点", at[match.start()], f"“{said}”：名称与金额之间印了句号“。”，列举还没有结束："
                               "是否应删去？")


# ---------------------------------------------------------------------------------------------------------------
# Brackets and quotation marks left open

_OPENING = {"（": "（", "(": "（", "“": "“", "《": "《", "【": "【", "[": "【"}
_CLOSING = {"）": "（", ")": "（", "”": "“", "》": "《", "】": "【", "]": "【"}
_PAIRED = {"（": "）", "“": "”", "《": "》", "【": "】"}
_BRACKETS = regex(r"[（(“《【\[）)”》】\]]")  # _OPENING's and _CLOSING's: a segment's brackets found in C
# a list's numbers closed by a bracket alone (“1）……2）……”, “a)”): no bracket left open
_ITEM_CHAR = regex(r"[\dA-Za-z一二三四五六七八九十]")
_ITEM_AFTER = frozenset(" \t。；;，,、：:")
_FOLLOWING = 2  # segments after an open bracket's that may close it (a bracket holding a line's end: “（闽民救〔2021” / “〕128号）”)
# a quotation opened twice and never closed between (“福蕾行动计划“项目”): a short name, the same marks before
# neither opening (a table's two cells' words woven into one line print the same words before each: “出境“货兼保障出境“货兼客”)
_OPENED_TWICE = regex(r"“([^“”\s，。；：、,;:]{1,12})“")


@rule("R-括号", TEXT)
def unpaired_brackets(text: Text) -> Iterator[Finding]:
    """R-括号: a bracket, quotation mark or 书名号 of a sentence of prose left open or closed with no opening (its
    pair looked for over the sentence and the two after it: a line's end may part them), and a quotation mark
    opened twice with no closing between (“福蕾行动计划“项目成本控制”)."""
    prose = _Prose(text)
    segments: list[tuple[int, str]] = []
    offset = 0
    for segment in text.flow.split("\n"):
        segments.append((offset, segment))
        offset += len(segment) + 1
    # every segment's brackets are paired (a table's row may hold the half of a sentence's: “杭州市气象服务中心（杭州市预警”
    # / “信息发布中心）”), a segment of prose's alone told
    left = _left_unpaired([_unpaired(start, segment) for start, segment in segments])
    for index, (_, segment) in enumerate(segments):
        # told once a sentence of prose; a quotation opened twice is told below
        twice = _OPENED_TWICE.search(segment) is not None
        found = sorted((at, char) for at, char in left[index] if not (twice and char in "“”"))
        if found and _all_prose(text, prose, *segments[index]):
            at, char = found[0]
            yield _told_open(text, at, char) if char in _PAIRED else _told_closed(text, at, char)
    yield from _opened_twice(text)


def _left_unpaired(unpaired: list[tuple[list[tuple[int, str]], list[tuple[int, str]]]]) -> list[list[tuple[int, str]]]:
    """Each segment's brackets left unpaired: one opened and closed in none of the segments after it (a line's end
    may part them), and one closed with none open."""
    left: list[list[tuple[int, str]]] = [[] for _ in unpaired]
    for index, (opens, _) in enumerate(unpaired):
        for at, char in opens:  # closed in one of the segments after it: fine
            for later in unpaired[index + 1:index + 1 + _FOLLOWING]:
                closing = next((c for c in later[1] if c[1] == _PAIRED[char]), None)
                if closing is not None:
                    later[1].remove(closing)
                    break
            else:
                left[index].append((at, char))
    for index, (_, closes) in enumerate(unpaired):
        left[index] += closes
    return left


def _opened_twice(text: Text) -> Iterator[Finding]:
    """A quotation mark opened twice with no closing between (“福蕾行动计划“项目成本控制”), but a name quoted twice alike."""
    for index, line in enumerate(text.lines):
        for match in _OPENED_TWICE.finditer(line.bare):
            first, second = match.start(), match.end() - 1
            if line.bare[max(0, first - 2):first] == line.bare[max(0, second - 2):second]:
                continue
            at = text.starts[index] + first
            yield text.warning("R-括号", at, f"“{line.bare[max(0, first - 6):match.end() + 6]}”：引号“ 之后又是“，"
                               "前一个引号没有闭合：应为“……”")


def _all_prose(text: Text, prose: _Prose, start: int, segment: str) -> bool:
    return all(text.line_at(at) in prose.numbers for at in _line_starts(text, start, len(segment)))


def _line_starts(text: Text, start: int, length: int) -> list[int]:
    """The offsets of the flow at which the lines of the span start (its first at its own start)."""
    first = bisect_right(text.starts, start) - 1
    last = bisect_left(text.starts, start + max(length, 1))
    return [start, *text.starts[first + 1:last]]


def _unpaired(start: int, segment: str) -> tuple[list[tuple[int, str]], list[tuple[int, str]]]:
    """A segment's brackets left open and closed with none open (where each is in the flow, and which): the
    widths of one kind are one (“(一）” opens and closes). In one pass, each kind's brackets open counted."""
    stack: list[tuple[int, str]] = []
    open_of = dict.fromkeys(_PAIRED, 0)
    opens: list[tuple[int, str]] = []  # left open inside a bracket closed round them
    closes: list[tuple[int, str]] = []
    for found in _BRACKETS.finditer(segment):  # (a loop over every character was 0.5 % of a folder's review)
        at, char = found.start(), found.group()
        if char in _OPENING:
            stack.append((start + at, _OPENING[char]))
            open_of[_OPENING[char]] += 1
        elif char in _CLOSING:
            kind = _CLOSING[char]
            if open_of[kind]:
                while stack[-1][1] != kind:  # one inside it left open
                    opens.append(stack.pop())
                    open_of[opens[-1][1]] -= 1
                stack.pop()
                open_of[kind] -= 1
            elif not (kind == "（" and _item_number_before(segment, at)):
                closes.append((start + at, _PAIRED[kind]))
    return sorted(opens + stack), closes


def _item_number_before(segment: str, at: int) -> bool:
    """Whether a list's number closed by a bracket alone stands before ``at`` (“1）……”, “；2)”): one or two
    digits, letters or numerals after the segment's start, a space or a mark."""
    number = 0
    while number < 2 and at - number > 0 and _ITEM_CHAR.match(segment[at - number - 1]):
        number += 1
    return number > 0 and (at - number == 0 or segment[at - number - 1] in _ITEM_AFTER)


def _told_open(text: Text, at: int, char: str) -> Finding:
    said = text.flow[at:at + 16].split("\n")[0]
    return text.warning("R-括号", at, f"“{_before(text.flow, at, 6)}{said}……”：“{char}”没有对应的“{_PAIRED[char]}”，"
                        "是否漏了一半？")


def _told_closed(text: Text, at: int, char: str) -> Finding:
    opening = next(o for o, c in _PAIRED.items() if c == char)
    said = _before(text.flow, at, 16) + char
    return text.warning("R-括号", at, f"“……{said}”：“{char}”之前没有对应的“{opening}”，是否漏了一半？")


# ---------------------------------------------------------------------------------------------------------------
# A year printed with no 年

# a year (1950-2039) with Han words right after it and no 年, 年度, 届, 级, 版 …; not a figure's digits (before it no
# digit, point, dash, comparison; after it no unit or measure: “≥2000 人”, “2000 元/人”)
_YEAR_BARE = regex(r"(?<![\d.,，\-—－~～至到≥≤><＞＜=＝+＋/“《（(A-Za-z])(?:19[5-9]\d|20[0-3]\d)(?=[\u4e00-\u9fff])")
_AFTER_A_YEAR = ("年", "届", "级", "版", "修", "至", "到", "—", "万", "元", "亿", "千", "百")
_MEASURES = tuple(WORDS["件数与面积的单位"]) + ("次", "条", "份", "项", "所", "张", "本", "篇", "场", "天", "小时",
                                          "分", "元", "米", "公里", "吨", "册", "件", "座", "批", "余", "多")
_YEARS_LISTED = regex(r"\d{4}年?[、和及与至]$")  # the last of years listed: “2016、2017、2018三年”
_DATED_RUN = 4  # Han characters after the year that make the phrase looked for elsewhere in the document


@rule("R-年份", TEXT)
def year_without_nian(text: Text) -> Iterator[Finding]:
    """R-年份: a year printed with Han words right after it and no 年 (“其中：2026 应急保障用车 13 辆”), in a sentence
    of prose that dates by 年 — where the dated words are printed so once (a name that opens with its year, “2026
    高质量发展行动”, is printed so each time)."""
    prose = _Prose(text)
    bare, at = bare_flow(text.flow)
    for match in _YEAR_BARE.finditer(bare):
        after = bare[match.end():match.end() + 2]
        if after.startswith(_AFTER_A_YEAR) or after.startswith(_MEASURES) or not prose.at(at[match.start()]) \
                or _YEARS_LISTED.search(bare, max(0, match.start() - 5), match.start()):
            continue
        run = re.match(r"[\u4e00-\u9fff]+", bare[match.end():])
        named = bare[match.start():match.end() + min(_DATED_RUN, len(run.group()) if run else 0)]
        if bare.count(named) > 1:  # a name printed with its year each time
            continue
        sentence = _sentence_of(bare, match.start())
        if not re.search(r"(?:19|20)\d\d年", sentence):  # a sentence that dates by 年 elsewhere
            continue
        said = bare[max(0, match.start() - 6):match.end() + 8]
        yield text.warning("R-年份", at[match.start()], f"“{said}”：年份“{match.group()}”之后没有“年”，"
                           "是多余的年份，还是漏了“年”？")


def _sentence_of(bare: str, offset: int) -> str:
    start = max(bare.rfind(mark, 0, offset) for mark in "。；\n") + 1
    ends = [i for i in (bare.find(mark, offset) for mark in "。；") if i >= 0]
    return bare[start:min(ends) if ends else len(bare)]


# ---------------------------------------------------------------------------------------------------------------
# A list's numbering out of step

_HANZI_NUMBERS = "一二三四五六七八九十"
_MARKER = (r"(?:([一二三四五六七八九十]{1,3})、|[（(]([一二三四五六七八九十]{1,3})[）)]|(\d{1,2})(?:[.、](?![\d．.])|．)"
           r"|[（(](\d{1,2})[）)])")  # (a full-width point is no decimal's: “5．2026年” squeezed)
_AT_LINE = regex(r"\s*" + _MARKER)  # a line opening with a marker, as printed (“5． 2026年……”: its space)
_AFTER_MARK = regex(r"(?<=[。；;：:])[ \t]*" + _MARKER)  # one opening a sentence within a line
_ANYWHERE = regex(r"(?<![\d.])" + _MARKER)
# a line ending in figures a space apart: a table's row (洛阳 2020's “十七、金融支出 0.0 0.0 …” / “十九、援助其他地区支出 0.0 …”,
# its 类 numbered as their codes are, 217 and 219)
_FIGURES_LAST = regex(r"(?:\s+-?[\d,]+(?:\.\d+)?){2,}\s*$")


def _value(numeral: str) -> int:
    """一 … 九十九 as a number (0: not one)."""
    digits = {c: i + 1 for i, c in enumerate(_HANZI_NUMBERS[:9])}
    if "十" not in numeral:
        return digits.get(numeral, 0) if len(numeral) == 1 else 0
    tens, _, ones = numeral.partition("十")
    return (digits.get(tens, 0) if tens else 1) * 10 + (digits.get(ones, 0) if ones else 0)


def _kind_and_number(match: re.Match[str]) -> tuple[int, int]:
    kind = next(i for i in range(1, 5) if match.group(i))
    numeral = match.group(kind)
    return kind, _value(numeral) if kind <= 2 else int(numeral)


def _marker(kind: int, number: int) -> str:
    numeral = _numeral(number)
    return (f"{numeral}、", f"（{numeral}）", f"{number}.", f"（{number}）")[kind - 1]


def _numeral(number: int) -> str:
    tens, ones = divmod(number, 10)
    return (("" if tens == 1 else _HANZI_NUMBERS[tens - 1]) + "十" if tens else "") + (
        _HANZI_NUMBERS[ones - 1] if ones else "")


@rule("R-序号", TEXT)
def numbering_out_of_step(text: Text) -> Iterator[Finding]:
    """R-序号: an item of a list of prose numbered out of step with the one before of its kind (一、 （一） 1. （1）,
    each kind's items nested in the kinds before them): a number skipped (“（二）” then “（四）”), printed again
    (“（八）” twice) or gone back — where the number before it is printed nowhere between (a table's row, a
    heading the reading took for one, may carry it)."""
    markers = _list_markers(text)
    nesting: list[int] = []
    last: dict[int, tuple[int, int]] = {}  # each kind's last number and where it is
    for at in sorted(markers):
        kind, number = markers[at]
        _nest(nesting, last, kind)
        before = last.get(kind)
        last[kind] = (number, at)
        if before is None or number in (1, before[0] + 1) or not number or _printed_again(text, at):
            continue
        since = max((last[k][1] for k in nesting[:nesting.index(kind)] if k in last), default=0)
        if not _goes_on_as_printed(text, markers[at], before, since, at):
            yield _out_of_step(text, at, kind, number, before[0])


def _list_markers(text: Text) -> dict[int, tuple[int, int]]:
    """Where each list marker of the prose is in the flow, with its (kind, number): opening a line of prose that does
    not end in figures, or after a mark within one."""
    prose = _Prose(text)
    markers: dict[int, tuple[int, int]] = {}
    for index, line in enumerate(text.lines):
        found = _AT_LINE.match(line.text)
        if found and line.number in prose.numbers and not _FIGURES_LAST.search(line.text):
            markers[text.starts[index]] = _kind_and_number(found)
    for found in _AFTER_MARK.finditer(text.flow):
        if found.start() not in markers and prose.at(found.start()):
            markers[found.start()] = _kind_and_number(found)
    return markers


def _nest(nesting: list[int], last: dict[int, tuple[int, int]], kind: int) -> None:
    """A marker of ``kind``: the kinds nested in it are done with (their last numbers forgotten), or it opens a level."""
    if kind in nesting:
        while nesting[-1] != kind:
            last.pop(nesting.pop(), None)
    else:
        nesting.append(kind)


def _goes_on_as_printed(text: Text, marker: tuple[int, int], before: tuple[int, int], since: int, at: int) -> bool:
    """Whether the number before a marker's is printed between the two (in any line: a table's row, a heading the
    reading took for one) or, for a skip or a step back, since the list's heading (at ``since``): the list goes on
    as printed."""
    kind, number = marker
    between = text.flow[before[1] + 1:at] if number == before[0] else text.flow[since:at]
    return any(_kind_and_number(m) == (kind, number - 1) for m in _ANYWHERE.finditer(between))


def _out_of_step(text: Text, at: int, kind: int, number: int, before: int) -> Finding:
    said = text.flow[at:at + 14].split("\n")[0].strip()
    printed, wanted = _marker(kind, before), _marker(kind, before + 1)
    how = "重复了" if number == before else f"接在“{printed}”之后，应为“{wanted}”"
    return text.warning("R-序号", at, f"“{said}”：序号“{_marker(kind, number)}”{how}：是否漏了一项或编错了号？")


def _printed_again(text: Text, at: int) -> bool:
    """Whether the line at ``at`` prints the words of the last line of the page before it (R-叠字 tells it)."""
    index = _index_at(text, at)
    line, before = text.lines[index], text.lines[index - 1] if index > 0 else None
    return before is not None and line.bare == before.bare and line.page != before.page


# ---------------------------------------------------------------------------------------------------------------
# A word or a line printed twice in a row

_DOUBLED_WORD = regex(r"([\u4e00-\u9fff]{1,12})\1")
_TOLD_DOUBLED = regex(r"(增加|减少|增长|下降|主要用于|主要包括)\1")  # R-文字's (checks/slips.py DOUBLED)
_CONTEXT = 2  # characters after a doubled character that, printed with it once, the document prints elsewhere
_LINE_TWICE = 12  # Han characters a line needs for its second printing right after it to be a slip
_OPENS_CLAUSE = regex(r"[，。；、：,;:（(“\n]")
_SENTENCE_MARK = regex(r"[，。；、：,;:]")


@rule("R-叠字", TEXT)
def printed_twice_in_a_row(text: Text) -> Iterator[Finding]:
    """R-叠字: a word printed twice in a row in a line of prose (“目标1：按按规定”, “精神障碍精神障碍康复人员”) where the
    document prints the same words with it once elsewhere (“工程工程款” is two words of their own); and a page's last
    line of prose printed again at the top of the next."""
    prose = _Prose(text)
    bare, at = bare_flow(text.flow)

    @cache
    def printed_once(words: str) -> bool:  # (searched once whatever the times a doubling of it is printed)
        return re.search(f"(?<!{re.escape(words[0])}){re.escape(words)}", bare) is not None

    for match in _DOUBLED_WORD.finditer(bare):
        word, start = match.group(1), match.start()
        if _TOLD_DOUBLED.fullmatch(match.group()) or not prose.at(at[start]) or not _in_a_line(text, match, at):
            continue
        if len(word) == 2:  # two words meeting: “更换工程工程款”, “党组织组织力”
            continue
        # one character doubled opening a clause, where the document prints it once with the words after it
        # elsewhere (“目标1：按按规定”; a reduplication, “紧紧围绕”, “人人讲安全”, is printed so each time)
        if len(word) == 1 and (not _OPENS_CLAUSE.match(bare[start - 1:start] or "。")
                               or not printed_once(word + bare[match.end():match.end() + _CONTEXT])):
            continue
        said = bare[max(0, start - 4):match.end() + 4]
        yield text.warning("R-叠字", at[start], f"“{said}”：“{word}”连印了两次，请删去一个")
    yield from _lines_printed_twice(text, prose)


def _in_a_line(text: Text, match: re.Match[str], at: list[int]) -> bool:
    """Whether a doubling is a line's words, not a heading's name and the sentence under it (“一、深圳市信访局” /
    “深圳市信访局预算……”), in a line with a clause mark (a table's cells run into one line print none: “满意度指标指标”)
    where it is printed so (not two cells' words a space apart)."""
    row = _index_at(text, at[match.start()])
    return _index_at(text, at[match.end() - 1]) == row and bool(_SENTENCE_MARK.search(text.lines[row].bare)) \
        and match.group() in text.lines[row].text


def _lines_printed_twice(text: Text, prose: _Prose) -> Iterator[Finding]:
    """A page's last line of prose printed again at the top of the next."""
    lines = [line for line in text.lines if line.bare]
    for before, line in zip(lines, lines[1:], strict=False):
        if line.bare == before.bare and line.page != before.page and len(_HAN.findall(line.bare)) >= _LINE_TWICE \
                and line.number in prose.numbers and before.number in prose.numbers:
            yield Finding("warning", "R-叠字", f"“{line.bare[:30]}”：这一行在第 {before.page} 页末已印，第 {line.page} "
                          "页开头又印了一次：请删去一行", text.file, line.number)


def _index_at(text: Text, offset: int) -> int:
    return bisect_right(text.starts, offset) - 1


# ---------------------------------------------------------------------------------------------------------------
# A 决算's words naming what a 预算 is of, and the other way round

# what names the document's own scope or kind: its 单位构成's heading, its 本级 (本部门, 本单位), the 行政单位 or
# 事业单位 it is of
_OWN_KIND = r"(?:(?:部门|单位){kind}单位构成|(?:本级|本部门|本单位){kind}(?![数表执草报审])|[（(](?:行政|事业)单位[）)]{kind})"
_IN_BUDGET = regex(_OWN_KIND.format(kind="决算"))
_IN_FINAL = regex(_OWN_KIND.format(kind="预算"))


@rule("R-预决算", TEXT)
def other_kinds_words(text: Text) -> Iterator[Finding]:
    """R-预决算: a 预算 (as its titles say) naming its own scope in a 决算's words (“二、机构设置及部门决算单位构成”,
    “……部门预算包括：……本级决算（行政单位）和……（事业单位）决算”), or a 决算 in a 预算's."""
    found, own, other = (_IN_FINAL, "决算", "预算") if text.final else (_IN_BUDGET, "预算", "决算")
    bare, at = bare_flow(text.flow)
    for match in found.finditer(bare):
        said = bare[max(0, match.start() - 8):match.end() + 6]
        yield text.warning("R-预决算", at[match.start()], f"“{said}”：本文件是{own}，这里却写作“{match.group()}”："
                           f"应为{own}，是否沿用了{other}的文字？")


# ---------------------------------------------------------------------------------------------------------------
# Words out of their order, or one left out, where every budget says them alike

# a figure, then 为, then its unit: 为 never stands between a figure and its unit (“转化为万元时” has no figure before)
_UNIT_AFTER_VERB = regex(r"(?<![\d.,])(\d[\d,]*(?:\.\d+)?)为(万元|亿元|千元|元)")
# 主要原因 followed by Han words that neither link it to the reason (是, 为, 系, 在于, 有, 包括 …) nor name it (说明,
# 分析, 如下), nor number it (一是): the reason's clause right after the noun, its verb left out
_REASON_WITHOUT_VERB = regex(r"主要原因(?![是为系在有如包说分一及和与])(?=[\u4e00-\u9fff])")


@rule("R-语序", TEXT)
def words_out_of_order(text: Text) -> Iterator[Finding]:
    """R-语序: a figure with 为 between it and its unit (“预算数3,623.98为万元”), and 主要原因 followed at once by the
    reason's own clause (“主要原因相关工作未按计划开展”), in a line of prose."""
    prose = prose_lines(text)
    bare, at = bare_flow(text.flow)
    for match in _UNIT_AFTER_VERB.finditer(bare):
        if text.line_at(at[match.start()]) in prose:
            said = bare[max(0, match.start() - 6):match.end()]
            yield text.warning("R-语序", at[match.start()], f"“{said}”：“为”与单位“{match.group(2)}”颠倒了，应为"
                               f"“为{match.group(1)}{match.group(2)}”")
    for match in _REASON_WITHOUT_VERB.finditer(bare):
        if text.line_at(at[match.start()]) in prose:
            said = bare[match.start():match.end() + 8]
            yield text.warning("R-语序", at[match.start()], f"“{said}”：“主要原因”之后缺少“是”，应为“主要原因是……”")


# ---------------------------------------------------------------------------------------------------------------
# A character printed for its look-alike

_ALIKE = {char: group.replace(char, "") for group in WORDS["形近字"] for char in group}
_ALIKE_CHAR = regex(f"[{''.join(_ALIKE)}]")
_VOCABULARY = Path(__file__).with_name("look_alike_words.yaml")


@cache
def look_alike_words() -> frozenset[str]:
    """The words of budgets that hold a look-alike character: each two characters side by side, one of them of a group
    of 形近字 (words.yaml), that two disclosures or more print (look_alike_words.yaml, written by `python -m
    bench.wording_checks --vocabulary` from ../shared/corpus and the 上海 corpus, its fresh1 and scanned sets left out)."""
    read = yaml.load(_VOCABULARY.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    return frozenset(read["words"].split())


@rule("R-错字", TEXT)
def look_alike_printed(text: Text) -> Iterator[Finding]:
    """R-错字: a character of prose printed for its look-alike (“人境支队” where the document prints 入境): the words it
    makes with the characters beside it are printed nowhere else in the document and by no budget, and its look-alike
    makes with them words the document prints elsewhere and budgets print. A character printed after a figure is its
    measure (“人数25人上解上级工会”), not judged."""
    bare, at = bare_flow(text.flow)
    pairs = _pairs_with_look_alikes(bare)
    once = {word for word, count in pairs.items() if count == 1} - look_alike_words()  # (no budget prints them)
    prose = _Prose(text)
    for found in _ALIKE_CHAR.finditer(bare):
        place = found.start()
        if bare[place - 1:place + 1] not in once and bare[place:place + 2] not in once:
            continue
        other = _look_alike_meant(bare, place, pairs)
        if other is not None and prose.at(at[place]):
            yield _told_look_alike(text, bare, at, place, other)


def _look_alike_meant(bare: str, place: int, pairs: Counter[str]) -> str | None:
    """The look-alike the character at ``place`` stands for (R-错字's doc), or None."""
    sides = _sides(bare, place)
    # (after a figure a character is its measure, “人数25人上解上级”: no word with the one after it)
    if not sides or bare[place - 1:place].isdecimal() or any(
            pairs[word] != 1 or word in look_alike_words() for _, word in sides):
        return None
    return next((alike for alike in _ALIKE[bare[place]] if all(
        pairs[_swapped(word, index, alike)] and _swapped(word, index, alike) in look_alike_words()
        for index, word in sides)), None)


def _pairs_with_look_alikes(bare: str) -> Counter[str]:
    """How many times the text prints each two Han characters side by side one of which has look-alikes."""
    return Counter(_PAIR_WITH_LOOK_ALIKE.findall(bare))


_HAN_RANGE = "\u4e00-\u9fff"
_LOOK_ALIKES = "".join(_ALIKE)
# two Han characters, one of them a look-alike, at each place (overlapping: a lookahead)
_PAIR_WITH_LOOK_ALIKE = regex(f"(?=([{_LOOK_ALIKES}][{_HAN_RANGE}]|[{_HAN_RANGE}][{_LOOK_ALIKES}]))")
_HAN_PAIR = regex(r"[\u4e00-\u9fff]{2}")


def _sides(bare: str, place: int) -> list[tuple[int, str]]:
    """The two Han characters side by side a character at ``place`` stands in (before it, after it), with its index
    in each."""
    before, after = bare[max(0, place - 1):place + 1] if place else "", bare[place:place + 2]
    return [(index, word) for index, word in ((1, before), (0, after)) if _HAN_PAIR.fullmatch(word)]


def _swapped(word: str, index: int, char: str) -> str:
    return word[:index] + char + word[index + 1:]


def _told_look_alike(text: Text, bare: str, at: list[int], place: int, other: str) -> Finding:
    """The finding: the characters the one at ``place`` stands in, and the words ``other`` makes with them."""
    sides = _sides(bare, place)
    start, end = place - (1 if sides[0][0] == 1 else 0), place + (2 if sides[-1][0] == 0 else 1)
    printed, char = bare[start:end], bare[place]
    fixed = _swapped(printed, place - start, other)
    meant = "”“".join(_swapped(word, index, other) for index, word in sides)
    said = bare[max(0, start - 4):end + 4]
    return text.warning("R-错字", at[place], f"“{said}”：“{printed}”是否应为“{fixed}”？“{char}”与“{other}”形近，"
                        f"本文件别处印有“{meant}”")


# ---------------------------------------------------------------------------------------------------------------
# A letter left between two Han characters

# a small letter, alone, between two Han characters as printed: what an input method leaves when a key is struck in
# Latin mode (a name or label that holds a letter prints it as a capital: “学E座公寓”, “嗜T淋巴细胞”, “优待A证”)
_STRAY_LETTER = regex(r"(?<=[\u4e00-\u9fff])[a-zａ-ｚ](?=[\u4e00-\u9fff])")


@rule("R-字母", TEXT)
def stray_letter(text: Text) -> Iterator[Finding]:
    """R-字母: a small Latin letter alone between two Han characters in a line of prose (“预算s安排”), where the
    document prints it with neither of them again (a name that holds a small letter, 福州's “e福州” app, is printed so
    each time) and not inside a quotation or a title (a name quoted: 无锡市教育局 2026's “警校e家”, printed once)."""
    prose = _Prose(text)
    bare = "".join(text.flow.split())
    for index, line in enumerate(text.lines):
        if line.number not in prose.numbers:
            continue
        for match in _STRAY_LETTER.finditer(line.bare):
            at = match.start()
            before, letter, after = line.bare[at - 1], match.group(), line.bare[at + 1]
            if bare.count(before + letter) > 1 or bare.count(letter + after) > 1 or _quoted(line.bare[:at]):
                continue
            said = line.bare[max(0, at - 6):at + 7]
            yield text.warning("R-字母", text.starts[index] + at, f"“{said}”：汉字之间夹着字母“{letter}”，"
                               "本文件别处没有这样的写法：是否误输入，应删去？")


def _quoted(before: str) -> bool:
    """Whether the words before a place leave a quotation or a title open (“警校e家”: the place is inside it)."""
    return before.rfind("“") > before.rfind("”") or before.rfind("《") > before.rfind("》")
