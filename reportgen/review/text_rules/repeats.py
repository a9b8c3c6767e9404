"""A passage printed twice: sentences of some length that the document prints again right after
themselves (a page's last lines repeated at the top of the next, a block of 主要职能 pasted twice)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from reportgen.base.errors import Finding
from reportgen.base.patterns import regex
from reportgen.base.rules import TEXT, rule
from reportgen.review.text_rules.base import WORDS, Text

_NUMBERING = regex(r"^(?:[（(][一二三四五六七八九十\d]+[）)]|[一二三四五六七八九十]+、|\d{1,2}[.．、])")
_LONG = 15  # Han characters a sentence needs to count (short ones recur in any text)
# a sentence with _LONG Han characters at least: matched up to its _LONG-th, not all of them listed
_LONG_ENOUGH = regex(rf"\A(?:[^\u4e00-\u9fff]*+[\u4e00-\u9fff]){{{_LONG}}}")  # from the start only
_BLOCK = 2  # sentences in a row printed again: one may be restated on purpose (a duty under its office)
_NEAR = 12  # lines at most between the end of a passage and its second printing
# words set apart by a column's gap, or set in a column far from the margin: a row of a table
_COLUMNS = regex(r"\S {4,}\S|\A {20,}\S")
# one reason, use or basis may well be given for several items (words.yaml: 可用于几项的说明)
_REASONS = regex("|".join([*(re.escape(w) for w in WORDS["可用于几项的说明"]),
                           *("^" + re.escape(w) for w in WORDS["以此开头的可用于几项的说明"])]))


@rule("R-重复段落", TEXT)
def printed_twice(text: Text) -> Iterator[Finding]:
    """R-重复段落: a run of at least two sentences printed again right after their first printing (not
    reasons: one may serve several items), told once at its first sentence."""
    first: dict[str, int] = {}
    printed: dict[str, list[int]] = {}  # every line a sentence was printed at, in order
    run: list[tuple[int, str]] = []
    rows = _Rows(text)
    for start, said in _sentences(text.flow):
        sentence = _NUMBERING.sub("", said.strip())
        if _LONG_ENOUGH.match(sentence) is None or _REASONS.search(sentence):
            continue
        line = text.line_at(start)
        again = sentence in first and rows.again(printed[sentence], line)
        printed.setdefault(sentence, []).append(line)
        if again:
            run.append((start, sentence))
            continue
        if sentence not in first:
            first[sentence] = line
        yield from _told(text, run, first)  # a table's rows giving one text for two items end a run too
        run = []
    yield from _told(text, run, first)


class _Rows:
    """The text's kept lines by their number, and whether each is set in columns, each worked out once
    (a line of a megabyte searched once, not again at each of its sentences)."""

    def __init__(self, text: Text) -> None:
        self.text = text
        self.index = {kept.number: at for at, kept in enumerate(text.lines)}
        self.columns: dict[int, bool] = {}

    def in_columns(self, at: int) -> bool:
        if at not in self.columns:
            self.columns[at] = at >= 0 and _COLUMNS.search(self.text.lines[at].text.rstrip()) is not None
        return self.columns[at]

    def again(self, printings: list[int], line: int) -> bool:
        """Whether a sentence printed at the lines ``printings`` is printed again at ``line``: in a table,
        only where its rows are — the two lines before it the same as before one of its printings (a
        table printed twice); two projects' rows that give one 绩效目标 beside other amounts are two
        items. A line is a table's row where the reading found it in one, or where it is set in columns
        (_COLUMNS: a table no grid was made of)."""
        now = self.index.get(line, -1)
        if line not in self.text.table_rows and not self.in_columns(now):
            return True
        return any(_before(self.text, self.index.get(earlier, -1)) == _before(self.text, now) != ()
                   for earlier in printings)


def _before(text: Text, at: int) -> tuple[str, ...]:
    """The words of the two lines before the ``at``-th kept line (none at the start)."""
    return tuple(kept.bare for kept in text.lines[at - 2:at]) if at >= 2 else ()


def _sentences(flow: str) -> Iterator[tuple[int, str]]:
    """Each sentence that ends with 。 within its line of the flow, with where it starts (a split, not a
    pattern tried at every place: a text with no 。 costs one pass)."""
    offset = 0
    for line in flow.split("\n"):
        start = offset
        for piece in line.split("。")[:-1]:
            yield start, flow[start:start + len(piece) + 1]
            start += len(piece) + 1
        offset += len(line) + 1


def _told(text: Text, run: list[tuple[int, str]], first: dict[str, int]) -> Iterator[Finding]:
    """The run told, when it is printed again right after itself (a page's last lines repeated at the top
    of the next, a block pasted twice); a text printed in two places on purpose (a project's 概述 and
    its 绩效目标表) stands far from its first printing."""
    again = text.line_at(run[0][0]) - max(first[sentence] for _, sentence in run) if run else 0
    if len(run) >= _BLOCK and 0 < again <= _NEAR \
            and not _part_between(text, max(first[sentence] for _, sentence in run), text.line_at(run[0][0])):
        (start, sentence), last = run[0], run[-1][1]
        yield text.warning("R-重复段落", start, f"自“{sentence[:20]}…”至“{last[:24]}…”的 {len(run)} 句在第 "
                           f"{first[sentence]} 行起已经印过一次：请删去重复的段落，或写出此处应有的内容")


# a part's heading: a line of its own numbered 一、 … 二十、, short, no sentence in it
_PART_HEADING = regex(r"^[一二三四五六七八九十]{1,3}、[^。；]{2,30}$")


def _part_between(text: Text, first: int, again: int) -> bool:
    """Whether a part of the document opens between a passage's first printing (at line ``first``) and its second
    (at ``again``): each part states its own (苏州市应急管理局 2026 and 无锡市教育局 2026 describe 人员经费 and 公用经费 in
    their 财政拨款基本支出 and again under “八、一般公共预算基本支出预算情况说明”, the two being one money), no passage
    pasted twice."""
    headings = [kept.bare for kept in text.lines if _PART_HEADING.match(kept.bare) is not None]
    # a heading printed twice is of the passage printed twice (a page's last lines, a heading among them, printed again
    # at the top of the next: 普陀区城管执法局 2026 pp. 22–23), no part opened between
    return any(first < kept.number < again and _PART_HEADING.match(kept.bare) is not None
               and headings.count(kept.bare) == 1 for kept in text.lines)
