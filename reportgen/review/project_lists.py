"""The same project in two lists of one document, at different money: a list of projects with a column of target
text (绩效目标) is printed twice — the 项目支出表 with its targets (珠海's and 广州's 表12) and the 重点项目 table of the
情况说明 — and a project's amount in one is not any amount the other prints on its row (珠海市商务局 2026: 辅助人员补助经费
-拱北海关 7672.25 in the 重点项目 table, 7,672.50 in 表12).

A list is read from its header (the line whose last cell is 绩效目标, target_texts.opens_list) to its page's end, on
every page that prints the header. A row is a line printing amounts left of the text column; its name is its name cell,
which wraps over lines set around the row's amounts (the cell's text centred on them): the name-cell lines right above
and right below it, as many above as below, those nearest first — a line claimed by the row before is not the next
row's. A name wrongly joined names no project of the other list and is not compared. A pair is told only where the two
lists agree on most of the projects they share (a reading that disagrees on most is a wrong reading, not slips)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from decimal import Decimal
from itertools import groupby
from pathlib import Path

from reportgen.base.errors import Finding
from reportgen.readers.text.lines import Line
from reportgen.reading.amounts import printed_amount
from reportgen.review.target_texts import LIST_HEADER, PAGE_NUMBER, TOKEN, opens_list, paragraphs


@dataclass(frozen=True)
class ListedProject:
    name: str
    amounts: frozenset[Decimal]  # every amount its row prints
    first: Decimal  # the first of them: the row's 预算数 or 总计
    line: Line  # the line its amounts are printed on
    targeted: bool  # printed within a paragraph of the text column: a project's row (a 合计's or a unit's has none)


@dataclass(frozen=True)
class _Printed:
    line: Line
    name: str  # what the line prints in the name cell
    amounts: tuple[Decimal, ...]  # what it prints left of the text column


def _named_once_in_each(projects: list[ListedProject], short: list[ListedProject],
                        long: list[ListedProject]) -> list[tuple[ListedProject, ListedProject]]:
    """The projects named once in the shorter list and once in the longer, each with its row there."""
    once = Counter(row.name for row in short)
    there = Counter(row.name for row in long)
    rows = {row.name: row for row in long}
    return [(row, rows[row.name]) for row in projects if once[row.name] == 1 and there[row.name] == 1]


def project_lists(lines: list[Line]) -> list[list[ListedProject]]:
    """The document's lists of projects with their targets, each as its rows (a list over pages is one list: pages
    whose header prints the same words, one after the other)."""
    pages = [(page, list(printed)) for page, printed in groupby((x for x in lines if x.page), key=lambda x: x.page)]
    out: list[list[ListedProject]] = []
    last: tuple[int, str] | None = None
    for page, printed in pages:
        header = _list_header(printed)
        if header is None:
            continue
        words = "".join(printed[header].text.split())
        rows = _rows(printed[header + 1:], printed[header].text.index(LIST_HEADER))
        if last is not None and last == (page - 1, words):
            out[-1] += rows
        else:
            out.append(rows)
        last = (page, words)
    return [rows for rows in out if rows]


def _list_header(printed: list[Line]) -> int | None:
    """Where a page's list of projects opens (its header line); None where it opens none."""
    return next((i for i, line in enumerate(printed) if opens_list(line)), None)


def _rows(page: list[Line], limit: int) -> list[ListedProject]:
    """A page's rows, each named by the name-cell lines set around its amounts (the header's lines below the one
    that opens the list, which print words where the rows print amounts, are none)."""
    folio = _folio(page)
    printed = [_Printed(line, "", ()) if index == folio else _printed(line, limit) for index, line in enumerate(page)]
    spans = _amount_spans(printed, limit)
    if not spans:
        return []
    body, edge = _body(printed, folio, spans)
    names = ["" if p is None else p.name if p.amounts else _name_cell(p.line, edge) for p in body]
    targeted = _within_paragraphs(["" if p is None else _text_cell(p, edge, limit) for p in body])
    return _named_rows(printed, names, targeted)


def _body(printed: list[_Printed], folio: int | None, spans: list[tuple[int, int]]) -> tuple[list[_Printed | None], int]:
    """A page's lines of the list's body (the header's lines and the folio: None), and where its amounts start."""
    edge, end = min(s for s, _ in spans), max(e for _, e in spans)
    header = next(i for i, p in enumerate(printed) if p.amounts or not _headed(p.line, edge, end))
    return [p if header <= i != folio else None for i, p in enumerate(printed)], edge


def _amount_spans(printed: list[_Printed], limit: int) -> list[tuple[int, int]]:
    """Where each row's amounts stand on its line: from its first amount's start to its last's end."""
    return [(amounts[0].start(), amounts[-1].end()) for p in printed if p.amounts
            for amounts in [[t for t in TOKEN.finditer(p.line.text)
                             if t.start() < limit and printed_amount(t.group()) is not None]]]


def _named_rows(printed: list[_Printed], names: list[str], targeted: set[int]) -> list[ListedProject]:
    """Each row of amounts with its name: the name-cell lines set around it, as many above as below (a wrapped
    name centred on its amounts), none claimed by the row before; a row of no name is none."""
    claimed: set[int] = set()
    out: list[ListedProject] = []
    at = [i for i, p in enumerate(printed) if p.amounts]
    for number, index in enumerate(at):
        before = at[number - 1] if number else -1
        after = at[number + 1] if number + 1 < len(at) else len(printed)
        cell = _name_lines(names, index, (before, after), claimed)
        if not names[index] and len(cell) == 1:
            continue  # a row of no name: a total's continuation, or not a project
        claimed.update(cell)
        row = printed[index]
        out.append(ListedProject("".join(names[i] for i in cell), frozenset(row.amounts), row.amounts[0], row.line,
                                 index in targeted))
    return out


def _name_lines(names: list[str], index: int, between: tuple[int, int], claimed: set[int]) -> list[int]:
    """The lines of a row's name cell: the row's, and the name lines set around it, as many above as below (between
    the rows before and after it: ``between``), none claimed by the row before."""
    before, after = between
    above = [i for i in range(index - 1, before, -1) if names[i] and i not in claimed]
    below = [i for i in range(index + 1, after) if names[i]]
    taken = min(len(above), len(below))
    return sorted(above[:taken]) + [index] + below[:taken]


def _text_cell(printed: _Printed, edge: int, limit: int) -> str:
    """What a line prints in the text column: on a row, after its amounts; on another line, right of where the rows'
    amounts start (the layout's offsets move a few characters from line to line: a row's text may start left of
    another row's last amount)."""
    tokens = list(TOKEN.finditer(printed.line.text))
    if printed.amounts:
        last = max(t.end() for t in tokens if t.start() < limit and printed_amount(t.group()) is not None)
        return "".join(t.group() for t in tokens if t.start() >= last)
    return "".join(t.group() for t in tokens if t.start() >= edge)


def _within_paragraphs(texts: list[str]) -> set[int]:
    """The lines within a paragraph of the text column (target_texts.paragraphs: up to a line ending “。”)."""
    return {index for first, last in paragraphs(texts) for index in range(first, last + 1)}


def _folio(page: list[Line]) -> int | None:
    """The page's number, if printed: its last line of text, a number alone (“- 22 -”, “22”) — a number alone
    elsewhere is a row's amount, its name cell printed on the lines around it."""
    last = max((i for i, line in enumerate(page) if line.text.strip()), default=None)
    return last if last is not None and PAGE_NUMBER.match(page[last].text) else None


def _headed(line: Line, edge: int, end: int) -> bool:
    """A line of the header's below the one that opens the list: words where the rows print amounts."""
    return any(edge <= t.start() < end and printed_amount(t.group()) is None for t in TOKEN.finditer(line.text))


def _printed(line: Line, limit: int) -> _Printed:
    """A line of a list: its name cell and amounts where it prints amounts left of the text column."""
    tokens = list(TOKEN.finditer(line.text))
    amounts = [t for t in tokens if t.start() < limit and printed_amount(t.group()) is not None]
    if not amounts:
        return _Printed(line, "", ())
    name = "".join(t.group() for t in tokens if t.end() <= amounts[0].start())
    return _Printed(line, name, tuple(Decimal(t.group().replace(",", "")) for t in amounts))


def _name_cell(line: Line, edge: int) -> str:
    """What a line without amounts prints left of where the rows' amounts start: its part of a name cell."""
    return "".join(t.group() for t in TOKEN.finditer(line.text) if t.start() < edge)


_AGREED = 2  # projects two lists must agree on, at least, and for each they disagree on


def lists_disagree(lines: list[Line], document: Path) -> list[Finding]:
    """Each project two lists give different money: told at the shorter list's row (the 重点项目 table: what the
    情况说明 says of the project), once a pair of lists, where they agree on most of the projects they share."""
    lists = project_lists(lines)
    out: list[Finding] = []
    for index, one in enumerate(lists):
        for other in lists[index + 1:]:
            short, long = sorted((one, other), key=len)
            out += _disagreeing(short, long, document)
    return out


def _disagreeing(short: list[ListedProject], long: list[ListedProject], document: Path) -> list[Finding]:
    """The projects (rows with a target) of the shorter list, each named once in each list, that the longer gives
    other money: where the shorter is the longer's projects (most of its projects are there) and the two agree on
    most of them (at least twice as many as they disagree on)."""
    projects = [row for row in short if row.targeted]
    shared = _named_once_in_each(projects, short, long)
    amiss = [(row, other) for row, other in shared if not row.amounts & other.amounts]
    agreed = len(shared) - len(amiss)
    if 2 * len(shared) < len(projects) or agreed < _AGREED * max(1, len(amiss)):
        return []
    return [Finding("error", "R-绩效目标金额", f"项目“{row.name}”在此列为 {row.first:,}万元，而{other.line.where}的项目表列为 "
                    f"{other.first:,}万元：两处金额不符", str(document), row.line.number)
            for row, other in amiss]

