"""One project's cells in a 绩效目标表, read column by column, and the same item given two amounts in them.

A project's cells are the lines of its table read as printed: a form per project (项目名称 … 年度预算资金总额, then the
text and the indicators: 烟台, the national template — target_tables.target_money) from its name up to the next
form's; or a row of a list whose header prints a column of target text (a header cell ending 绩效目标: 年度绩效目标,
长春's 预算表11; 绩效目标, 珠海's and 广州's 表12) with the row's money left of it — the lines from halfway to the row
above to halfway to the row below (a row's cells are set around its money). A line of the layout prints its cells
apart by two spaces or more; the cells of one column start where its other lines' do, within a few characters, and
are read down the column as one text (a cell's text wraps over lines, the other columns' between them: 长春's
年度绩效目标 and 指标解释 side by side).

An item said with its money (“缴纳电费 27 万元”: the words right before an amount and its 万元) in two columns of one
project's cells, at two amounts, is told: one of the two is wrong (长春市信访局 2026 预算表11, 2026年信访接待中心运行费: its
年度绩效目标 says 27 万元, its 指标解释 20 万元). An indicator's value (“<=17 万元”, “≤ 87.45万元”) is a bound, not
the item's money: no words stand right before it. One cell that says the same words at two amounts lists two things
under them (福州市民政局 2026: “…需预算安排479.25万元。(2)…需预算安排91.92万元”; 长沙市公安局 2025: 燃油小车 and
越野车 “购置标准”), and is not told; nor are words that end alike (“燃油小车购置标准” and a cell's “购置标准”, its line
cut): the item is named the same in both."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from itertools import groupby
from pathlib import Path

from reportgen.base.errors import Finding
from reportgen.base.patterns import regex
from reportgen.readers.text.lines import Line
from reportgen.review.target_tables import target_money

_CELL = regex(r"\S+(?: \S+)*")  # a cell of a printed line: words apart by one space at most
_PLACED = regex(r"\d[\d,]*\.\d+")  # a row's money, printed with its places (a unit's code “105001” is none)
_MENTION = regex(r"([\u4e00-\u9fff]{3,})(\d+(?:\.\d+)?)万元")  # an item and its money (“缴纳电费27万元”)
_HEADER = "绩效目标"  # a list's column of target text: its header cell ends so
_ALIGN = 3  # characters the lines of one column start apart, at most
_FORM_LINES = 60  # lines at most of a form per project, the last of the document's


@dataclass(frozen=True)
class Column:
    text: str  # the column's cells of the project, read down, their spaces out
    lines: tuple[Line, ...]  # the line each character of ``text`` is printed on


@dataclass(frozen=True)
class ProjectCells:
    name: str
    line: Line  # where its money is printed
    columns: tuple[Column, ...]  # its cells, column by column, in the order first printed (its name and money left out)
    goal: str  # its target text: a form's, or a list row's cells right of its money


def project_cells(lines: list[Line]) -> list[ProjectCells]:
    """Every project of the document's 绩效目标表 with its cells: the forms' and the lists' rows."""
    return _forms(lines) + [p for _, page in groupby((x for x in lines if x.page), key=lambda x: x.page)
                            for p in _list_rows(list(page))]


def _forms(lines: list[Line]) -> list[ProjectCells]:
    """Each form per project, from its name's line up to the next form's (or some lines on, the last)."""
    tables = target_money(lines)
    out: list[ProjectCells] = []
    for index, table in enumerate(tables):
        end = tables[index + 1].start if index + 1 < len(tables) else table.start + _FORM_LINES
        block = lines[table.start:end]
        at = next((x for x in block if x.number == table.line), block[0])
        out.append(ProjectCells(table.name, at, _columns([(x, x.text) for x in block]),
                                "".join(re.sub(r"\s+", "", x.text) for x in table.goal)))
    return out


def _list_rows(page: list[Line]) -> list[ProjectCells]:
    """The rows of a list on its page: each line below the header that prints money left of its target column."""
    header, column = _header(page)
    rows = [i for i in range(header + 1, len(page)) if _money(page[i], column)] if header is not None else []
    if header is None or not rows:
        return []
    spans = _spans(rows, _below_header(page, header, rows[0], column), len(page))
    return [_row_cells(page[first:last + 1], page[row], column) for row, (first, last) in zip(rows, spans, strict=True)]


def _header(page: list[Line]) -> tuple[int | None, int]:
    """Where a page's list opens (its header's line) and where the header prints its target column."""
    return next(((i, at) for i, x in enumerate(page) if (at := _target_column(x)) is not None), (None, 0))


def _money(line: Line, column: int) -> list[re.Match[str]]:
    """The amounts a line prints left of the list's target column: a row's money."""
    return [m for m in _PLACED.finditer(line.text) if m.end() <= column]


def _spans(rows: list[int], start: int, end: int) -> list[tuple[int, int]]:
    """Each row's lines, first and last: from halfway to the row above (or ``start``) to halfway to the row below
    (or the page's last line, before ``end``)."""
    return [((rows[n - 1] + row) // 2 + 1 if n else start, (row + rows[n + 1]) // 2 if n + 1 < len(rows) else end - 1)
            for n, row in enumerate(rows)]


def _below_header(page: list[Line], header: int, first: int, column: int) -> int:
    """Where the list's body starts: past the header's lines below the one that opens it, which print words where
    the rows print money (“算 预算 营预算” under “一般公共预 … 国有资本经”)."""
    money = _money(page[first], column)
    edge, end = money[0].start(), money[-1].end()
    at = header + 1
    while at < first and any(edge <= c.start() < end for c in _CELL.finditer(page[at].text)):
        at += 1
    return at


def _target_column(line: Line) -> int | None:
    """Where a list's header prints its target column (a cell ending 绩效目标, not the line's first)."""
    cells = list(_CELL.finditer(line.text))
    return next((c.start() for c in cells[1:] if c.group().endswith(_HEADER)), None)


def _row_cells(block: list[Line], row: Line, column: int) -> ProjectCells:
    """A row's cells: its name those left of its money, the rest its cells."""
    money = _money(row, column)
    edge, end = money[0].start(), money[-1].end()
    right = [(x, " " * (end if x is row else edge) + x.text[end if x is row else edge:]) for x in block]
    return ProjectCells(_name(block, row, edge), row, _columns(right), "".join(re.sub(r"\s+", "", t) for _, t in right))


def _name(block: list[Line], row: Line, edge: int) -> str:
    """A row's name: the cells left of its money in the column of the one its line prints before it (a unit's
    column may stand left of it: 长春's 单位名称), or all left of its money where its line prints none."""
    own = list(_CELL.finditer(row.text[:edge]))
    return "".join(re.sub(r"\s+", "", c.group()) for x in block for c in _CELL.finditer(x.text[:edge])
                   if not own or abs(c.start() - own[-1].start()) <= _ALIGN)


def _columns(printed: list[tuple[Line, str]]) -> tuple[Column, ...]:
    """The cells of the lines read down their columns: a cell joins the column whose first cell starts within a few
    characters of it, or opens one."""
    last: list[int] = []  # where each column's latest cell starts (a column's lines drift a little)
    cells: list[list[tuple[Line, str]]] = []
    for line, text in printed:
        for cell in _CELL.finditer(text):
            near = min(range(len(last)), key=lambda c: abs(last[c] - cell.start()), default=None)
            if near is None or abs(last[near] - cell.start()) > _ALIGN:
                near = len(last)
                last.append(cell.start())
                cells.append([])
            last[near] = cell.start()
            cells[near].append((line, re.sub(r"\s+", "", cell.group())))
    return tuple(Column("".join(t for _, t in column), tuple(x for x, t in column for _ in t)) for column in cells)


@dataclass(frozen=True)
class _Said:
    item: str
    amount: Decimal
    line: Line


def _said(column: Column) -> list[_Said]:
    """Each item a column says with its money."""
    return [_Said(m.group(1), Decimal(m.group(2)), column.lines[m.start(2)]) for m in _MENTION.finditer(column.text)]


def items_disagree(lines: list[Line], document: Path) -> list[Finding]:
    """Each item a project's cells say at two amounts: told once, at the first, with where the other is."""
    out: list[Finding] = []
    for project in project_cells(lines):
        named = f"项目“{project.name}”" if project.name else f"{project.line.where}的项目"
        out += [Finding("error", "R-绩效目标金额", f"{named}的绩效目标表中，“{one.item}”一处写作 {one.amount:,}万元"
                        f"（{one.line.where}），一处写作 {other.amount:,}万元（{other.line.where}）：同一事项两处金额不一致",
                        str(document), one.line.number) for one, other in _disagreeing(project)]
    return out


def _disagreeing(project: ProjectCells) -> list[tuple[_Said, _Said]]:
    """Each item the project's cells say in two columns at two amounts: once each item and pair of amounts."""
    said = [(number, s) for number, column in enumerate(project.columns) for s in _said(column)]
    out: dict[tuple[str, Decimal, Decimal], tuple[_Said, _Said]] = {}
    for index, (column, one) in enumerate(said):
        for other in (s for c, s in said[index + 1:] if c != column and s.item == one.item and s.amount != one.amount):
            out.setdefault((one.item, *sorted((one.amount, other.amount))), (one, other))  # type: ignore[arg-type]
    return list(out.values())
