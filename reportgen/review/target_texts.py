"""What a project's 绩效目标表 prints besides its money: its target text, and the table itself printed again.

An amount a target's sentence says is spent of the project's own money (“计划于2026年使用816.36万元采购一批常规检验仪器”,
vocabulary.yaml 绩效目标中的使用字样) is a part of the year's money: larger than it, one of the two is wrong (广州市市场
监督管理局 2026: the project is 766.36 in 表12 and in its 重点项目 table). Only such an amount is judged — an indicator
(“≤87.45万元”, “≥90%”) is no money spent — and only in a sentence that speaks of the budget's year alone (“计划于2024年至
2026年，使用2738万元购置……” is several years' money: 绩效目标中的多年字样, or a year other than the budget's). The text is
read in the two forms the tables take: a form per project (项目名称, 年度预算资金总额, then the text up to the indicators:
烟台, the national template), and a list whose column 绩效目标 is the last or followed by the indicators' (广州's 表12 and
重点项目 table, 深圳's; 北京's 项目支出绩效目标表, read up to the indicators): there a paragraph of the column (up to a
line ending “。”) is its row's only where the row's amounts are printed within it, and no other row's or amount. A
sentence printed in two tables (the list and the 重点项目 table) is told once, with both places.

A form printed twice, the same in every line (烟台市人力资源和社会保障局 2026: 创业担保贷款贴息及奖补 on pp. 36 and 37),
or pages apart with the same characters from its money to its page's end, its lines broken elsewhere (福州市民政局
2026: e福州留守困境儿童关爱帮扶专栏 on pp. 28 and 52), is told once with both pages; the same table printed again under
another heading (部门主管专项资金, then 部门预算项目) differs in its lines and its page, and is not told."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from itertools import groupby, pairwise
from pathlib import Path

from reportgen.base.errors import Finding
from reportgen.base.patterns import regex
from reportgen.readers.text.lines import Line
from reportgen.readers.text.statements import target_text_words
from reportgen.reading.amounts import printed_amount
from reportgen.review.target_tables import TargetMoney, target_money

TOKEN = regex(r"\S+")
PAGE_NUMBER = regex(r"^[-—–－第\s]*\d+[\s页\-—–－]*$")
_YEAR = regex(r"(?<!\d)((?:19|20)\d\d)(?=年)")
_SENTENCE_END = regex(r"[。；;！!]")
LIST_HEADER = "绩效目标"  # the list's last column: its target text
_SLACK = 8  # characters a line's text column may start left of the rows' amounts


@dataclass(frozen=True)
class Spent:
    table: TargetMoney
    amount: Decimal
    line: Line


def beyond_projects(lines: list[Line], year: int | None, document: Path) -> list[Finding]:
    """The amounts a target text says are spent of its project's money, larger than that money: once a sentence."""
    spent = [s for t in target_money(lines) + listed_targets(lines) for s in _spent(t, year) if s.amount > t.amount]
    out: list[Finding] = []
    for (amount, money), same in groupby(sorted(spent, key=_key), key=_key):
        places = list(dict.fromkeys(s.line.where for s in same))
        first = next(s for s in spent if _key(s) == (amount, money))
        named = f"项目“{first.table.name}”" if first.table.name else "该项目"
        also = f"（另见{'、'.join(places[1:])}）" if len(places) > 1 else ""
        out.append(Finding("error", "R-绩效目标金额", f"{named}的绩效目标写明使用 {amount:,}万元，大于该项目的年度预算资金 "
                           f"{money:,}万元{also}", str(document), first.line.number))
    return out


def _key(spent: Spent) -> tuple[Decimal, Decimal]:
    return spent.amount, spent.table.amount


def _spent(table: TargetMoney, year: int | None) -> Iterator[Spent]:
    """The amounts the table's text says are spent of its money, in a sentence of the budget's year alone."""
    words = target_text_words()
    pattern = re.compile(f"(?:{'|'.join(words['绩效目标中的使用字样'])})(?:{'|'.join(words['绩效目标中的资金字样'])})?"
                         r"(\d[\d,]*+(?:\.\d++)?+)万元")
    text, starts = _joined(table.goal)
    at = 0
    for sentence in _SENTENCE_END.split(text):
        begin, at = at, at + len(sentence) + 1
        if any(w in sentence for w in words["绩效目标中的多年字样"]) \
                or any(int(y) != year for y in _YEAR.findall(sentence)):
            continue
        for found in pattern.finditer(sentence):
            where = max(i for i, s in enumerate(starts) if s <= begin + found.start(1))
            yield Spent(table, Decimal(found.group(1).replace(",", "")), table.goal[where])


def _joined(goal: tuple[Line, ...]) -> tuple[str, list[int]]:
    """The target text as one string (its printed spaces out) and where each line starts in it."""
    text, starts = "", []
    for line in goal:
        starts.append(len(text))
        text += re.sub(r"\s+", "", line.text)
    return text, starts


def listed_targets(lines: list[Line]) -> list[TargetMoney]:
    """The projects of a list with a column of target text (绩效目标), each with its paragraph of that column."""
    out: list[TargetMoney] = []
    for _, page in groupby((line for line in lines if line.page), key=lambda line: line.page):
        out += _page_targets(list(page))
    return out


@dataclass(frozen=True)
class _Column:
    start: int  # past the rows' amounts
    end: int  # where the indicators' columns start, on a list that prints them after the text


def _page_targets(printed: list[Line]) -> list[TargetMoney]:
    """One page's rows, below the list's header, each with the paragraph of the text column its amounts are printed
    within."""
    header = next((i for i, line in enumerate(printed) if opens_list(line)), None)
    if header is None:
        return []
    page = printed[header + 1:]
    column = _text_column(printed[header], page)
    if column is None:
        return []
    cells = [_cells(line, column) for line in page]
    out: list[TargetMoney] = []
    for first, last in paragraphs([c.text for c in cells]):
        target = _paragraph_target(page, cells, first, last)
        if target is not None:
            out.append(target)
    return out


def _paragraph_target(page: list[Line], cells: list[_Cells], first: int, last: int) -> TargetMoney | None:
    """The row a paragraph of the text column (its lines ``first`` to ``last``) is the target of: the one row printed
    within it, no amount of it strayed into the column; None otherwise."""
    within = [i for i in range(first, last + 1) if cells[i].row is not None]
    if len(within) != 1 or any(c.stray for c in cells[first:last + 1]):
        return None
    name, amount = cells[within[0]].row  # type: ignore[misc]  # a row found within
    goal = tuple(Line(p.number, c.text, page=p.page, line=p.line, place=p.place)
                 for p, c in zip(page[first:last + 1], cells[first:last + 1], strict=True))
    return TargetMoney(name, amount, page[within[0]].number, first, goal)


def opens_list(line: Line) -> bool:
    """A list's header: 绩效目标 its last cell, or followed by the indicators' (一级指标: 北京's 项目支出绩效目标表)."""
    tokens = line.text.split()
    if LIST_HEADER not in tokens:
        return False
    after = tokens[tokens.index(LIST_HEADER) + 1:]
    return not after or after[0] in target_text_words()["绩效目标表的指标起始"]


def _text_column(header: Line, page: list[Line]) -> _Column | None:
    """The text column: past every amount of the rows, up to the first of the indicators' column where the list
    prints them after the text (a page of such a list without them is not read)."""
    ends = _amounts_end(page, header.text.index(LIST_HEADER))
    if not ends:
        return None
    if header.text.split()[-1] == LIST_HEADER:
        return _Column(max(ends) + 1, len(max((line.text for line in page), key=len)) + 1)
    levels = target_text_words()["绩效目标表的一级指标"]
    starts = [t.start() for line in page for t in TOKEN.finditer(line.text) if t.group() in levels]
    return _Column(max(ends) + 1, min(starts)) if starts else None


def _amounts_end(page: list[Line], limit: int) -> list[int]:
    """Where each amount the page's lines print before ``limit`` (the header's 绩效目标) ends (a page number none)."""
    return [t.end() for line in page if not PAGE_NUMBER.match(line.text) for t in TOKEN.finditer(line.text)
            if t.end() <= limit and printed_amount(t.group()) is not None]


@dataclass(frozen=True)
class _Cells:
    row: tuple[str, Decimal] | None  # a row's name and largest amount
    text: str  # what it prints in the text column
    stray: bool  # an amount in the text column: a row printed further right than the others


def _cells(line: Line, column: _Column) -> _Cells:
    """A line of the list read: its row (what is printed before its amounts, and the largest of them) where it prints
    amounts left of the text column; what it prints in that column — after its amounts on a row, else from about the
    column on (the printed lines' offsets are the layout's, a few characters apart from line to line), up to the
    indicators; and whether that holds an amount (its paragraph is then not known to be the row's it spans)."""
    tokens = [] if PAGE_NUMBER.match(line.text) else list(TOKEN.finditer(line.text))
    amounts = _amounts_before(tokens, column.start)
    start = amounts[-1].end() if amounts else column.start - _SLACK
    text = [t for t in tokens if start <= t.start() < column.end]
    row = _row_of(tokens, amounts) if amounts else None
    return _Cells(row, "".join(t.group() for t in text), any(printed_amount(t.group()) is not None for t in text))


def _amounts_before(tokens: list[re.Match[str]], start: int) -> list[re.Match[str]]:
    """The tokens that are amounts printed left of ``start`` (the text column)."""
    return [t for t in tokens if t.start() < start and printed_amount(t.group()) is not None]


def _row_of(tokens: list[re.Match[str]], amounts: list[re.Match[str]]) -> tuple[str, Decimal]:
    """A row's name (what it prints before its amounts) and the largest of its amounts."""
    return ("".join(t.group() for t in tokens if t.end() <= amounts[0].start()),
            max(Decimal(t.group().replace(",", "")) for t in amounts))


def paragraphs(texts: list[str]) -> Iterator[tuple[int, int]]:
    """The paragraphs of the text column: first and last line of each run of its text up to a line ending “。”."""
    first = None
    for index, text in enumerate(texts):
        if not text:
            continue
        first = index if first is None else first
        if text.endswith("。"):
            yield first, index
            first = None


def repeated_tables(lines: list[Line], document: Path) -> list[Finding]:
    """A 绩效目标表 printed again, right after itself or pages later, the same in every line: once, with both places."""
    return [Finding("warning", "R-重复段落", f"项目“{one.name}”的绩效目标表印了两次，内容完全相同"
                    f"（{lines[one.start].where}、{lines[other.start].where}）：请删去一张", str(document),
                    lines[other.start].number)
            for one, other in copies(lines, target_money(lines))]


def copies(lines: list[Line], tables: list[TargetMoney]) -> list[tuple[TargetMoney, TargetMoney]]:
    """Each table printed again, the same in every line (from its project's name up to the next table's), with that
    copy: right after itself (烟台市人力资源和社会保障局 2026: 创业担保贷款贴息及奖补 on pp. 36 and 37) or pages later
    (福州市民政局 2026: e福州留守困境儿童关爱帮扶专栏项目 on pp. 28 and 52, its last table). A table of the same
    project and money with any line of its own (another unit's, another year's) is no copy; nor are tables printed
    again together, several the same number of pages on: a section listing them again under its own heading (烟台市委
    宣传部 2026: 部门主管专项资金, then 部门预算项目 — pp. 29 and 37, 31 and 39)."""
    found = _copies(lines, tables)
    apart = Counter(_pages_on(lines, one, later) for one, later in found if tables.index(later) > tables.index(one) + 1)
    return [(one, later) for one, later in found
            if tables.index(later) == tables.index(one) + 1 or apart[_pages_on(lines, one, later)] == 1]


def _pages_on(lines: list[Line], one: TargetMoney, later: TargetMoney) -> int:
    return lines[later.start].page - lines[one.start].page


def _copies(lines: list[Line], tables: list[TargetMoney]) -> list[tuple[TargetMoney, TargetMoney]]:
    out: list[tuple[TargetMoney, TargetMoney]] = []
    copied: set[int] = set()
    for index, (one, after) in enumerate(pairwise(tables)):
        first = _content(lines[one.start:after.start])
        for later in tables[index + 1:]:
            if id(later) not in copied and later.name == one.name and later.amount == one.amount \
                    and (first == _content(lines[later.start:later.start + 2 * (after.start - one.start)])[:len(first)]
                         or _within(_on_its_page(lines, one), _on_its_page(lines, later))):
                out.append((one, later))
                copied.add(id(later))
                break
    return out


def _within(one: Counter[str], other: Counter[str]) -> bool:
    """Whether one table's characters are all the other's (the other's page goes on after it: 福州 p. 52's last table
    is followed by “2.有关情况说明 本单位无其他需要说明的绩效目标情况。”), or the other's all its — the smaller at
    least half the larger (a money on its page's last line says nothing of the table)."""
    small, large = sorted((one, other), key=lambda each: each.total())
    return 2 * small.total() >= large.total() > 0 and not small - large


def _on_its_page(lines: list[Line], table: TargetMoney) -> Counter[str]:
    """The characters a table prints from its money to the end of its page: the same in two prints of one table
    whose lines break at other places (福州: “专项资金情况（万元）” on one line of p. 28, over three of p. 52)."""
    at = next(index for index in range(table.start, len(lines)) if lines[index].number == table.line)
    page = lines[at].page
    return Counter(character for line in lines[at:] if line.page == page and not PAGE_NUMBER.match(line.text)
                   for character in line.text if not character.isspace())


def _content(lines: list[Line]) -> list[str]:
    """A table's lines as compared: their text without spaces, page numbers and blank lines left out."""
    return [squeezed for line in lines if (squeezed := re.sub(r"\s+", "", line.text))
            and not PAGE_NUMBER.match(line.text)]
