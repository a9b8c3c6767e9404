"""Totals as the document printed them. A published table rounds each of its figures from 元 on its
own, so a total it prints may stand from the sum of its printed parts by their 尾数 (half a printed digit
apiece: arithmetic.allowance). A total the source states (支出.合计, a 类/款 row, a 项 row's 合计, an
economic 类, 人员经费 …) is the figure wherever it stands within that 尾数 of the sum of its parts: the
render reprints it, and every total above it is summed from it. A total further away is not taken: it
stays the sum of its parts, Disputed where the source's figure contradicts it (the checks report it);
nothing is repaired. A total the source does not state is the sum of its parts.

A line of one table as that table printed it (印出合计: a 类/款 line or the 合计 row of a function table, of a
决算's 总表) is the figure of that table alone, where it stands within 尾数 of the line its rows make
(line_as_printed): no total above it is summed from it, no other table prints it."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from reportgen.compute.arithmetic import ZERO, allowance
from reportgen.compute.trees import Node
from reportgen.docmodel.model import PROJECT_FISCAL, PROJECT_FUNDS, Budget, FunctionRow, ProcurementLine

PARTS = ("合计", "基本支出", "项目支出")


def as_printed(budget: Budget, stated: Decimal | None, computed: Decimal | None, parts: int) -> Decimal | None:
    """``stated`` where it differs from ``computed`` (the sum of ``parts`` printed figures) by no more than
    their 尾数; else None (no stated figure, the same figure, or a difference beyond the rounding)."""
    if stated is None or computed is None or stated == computed:
        return None
    return stated if abs(stated - computed) <= allowance(budget, parts, stated, computed) else None


def line_as_printed(budget: Budget, table: str, key: str, column: str, computed: Decimal | None,
                    parts: int) -> Decimal | None:
    """A line of ``table`` (a 类/款 code, or 合计 for its 合计 row) in ``column`` as the source states the table
    printed it (印出合计) where that stands within the 尾数 of ``parts`` rows from ``computed`` (the figure its rows
    make), else ``computed``."""
    stated = budget.printed_lines.get(table, {}).get(key, {}).get(column)
    printed = as_printed(budget, stated, computed, parts)
    return computed if printed is None else printed


PROCURED_FISCAL = "财政拨款"  # a 政府采购预算表 by function's column of its three fiscal funds added


def procured_under(budget: Budget, key: str) -> list[ProcurementLine]:
    """The 政府采购 lines by function (政府采购.功能分类) a 类/款 line (or 合计: the table's 合计 row) adds."""
    lines = budget.procurement.by_function if budget.procurement is not None else ()
    return [line for line in lines if key == "合计" or line.code.startswith(key)]


def procured(lines: Iterable[ProcurementLine], column: str) -> Decimal | None:
    """``lines`` added in a column of the 政府采购预算表 by function (合计: every fund; 财政拨款: its three; else the
    fund): None where none of them states it (a blank, never 0.00)."""
    funds = PROJECT_FUNDS if column == "合计" else PROJECT_FISCAL if column == PROCURED_FISCAL else (column,)
    known = [line.funds[fund] for line in lines for fund in funds if fund in line.funds]
    return sum(known, ZERO) if known else None


KINDS = ("人员经费", "公用经费")  # 基本支出 in two


def stated_kinds(budget: Budget, table: str, key: str) -> dict[str, Decimal]:
    """A line's 人员经费 and 公用经费 as the source states ``table`` printed them where the rows under it give none
    (印出合计: 上海市级's 收支总表 by 类, its function rows giving 基本支出 alone)."""
    return {kind: figure for kind, figure in budget.printed_lines.get(table, {}).get(key, {}).items() if kind in KINDS}


def kinds_of_basic(budget: Budget, table: str, key: str, basic: Decimal | None) -> dict[str, Decimal] | None:
    """A line's 人员经费 and 公用经费 as stated (stated_kinds), one not stated the rest of ``basic`` (its 基本支出):
    where they make ``basic`` within their 尾数, none above it; None where none is stated, ``basic`` is not known
    or they do not make it."""
    stated = stated_kinds(budget, table, key)
    if not stated or basic is None:
        return None
    kinds = {kind: stated.get(kind, basic - sum(stated.values(), ZERO)) for kind in KINDS}
    made = sum(kinds.values(), ZERO)
    if any(figure < 0 for figure in kinds.values()) or abs(made - basic) > allowance(budget, len(KINDS), basic, made):
        return None
    return kinds


def kinds_total(lines: list[dict[str, Decimal] | None]) -> dict[str, Decimal | None]:
    """人员经费 and 公用经费 of ``lines`` (each line's two, None where not known) added: {} where any is not known."""
    if not lines or any(line is None for line in lines):
        return {}
    return {kind: sum((line[kind] for line in lines if line is not None), ZERO) for kind in KINDS}


def summed_from_printed(total: Decimal | None, part: Decimal | None, printed: Decimal | None) -> Decimal | None:
    """``total`` summed from its ``part`` as printed (``printed``, a 尾数 from it: line_as_printed) rather than as its
    rows make it: 表1's 支出总计 from its 本年支出合计 as 表1 printed it."""
    if total is None or part is None or printed is None:
        return total
    return total - part + printed


def stated_function_totals(budget: Budget, fund: str | None,
                           rows: list[FunctionRow]) -> dict[str, dict[str, Decimal]]:
    """The totals the source states for the function lines of one fund (a 类/款 row's 合计, 基本支出 and
    项目支出; a 项 row's 合计 beside its split), by code. For all money (``fund`` None) a line takes the
    totals its one fund states, where every row under it is of that fund."""
    funds_under: dict[str, set[str]] = {}
    for row in rows:
        for length in (3, 5, 7):
            if length <= len(row.code):
                funds_under.setdefault(row.code[:length], set()).add(row.fund)
    stated: dict[str, dict[str, Decimal]] = {}
    for code, under in funds_under.items():
        kind = under.pop() if len(under) == 1 else None
        if kind is not None and (fund is None or fund == kind):
            figures = _stated_of(budget, kind, code, rows)
            if figures:
                stated[code] = figures
    return stated


def _stated_of(budget: Budget, fund: str, code: str, rows: list[FunctionRow]) -> dict[str, Decimal]:
    """What the source states of one line of one fund: its 类/款 row, or its one 项 row's 合计."""
    typed = _typed_row(budget, fund, code)
    if typed is not None:
        return typed
    own = [r for r in rows if r.code == code and r.fund == fund]
    if len(own) == 1 and own[0].stated_total is not None and own[0].split_known and not own[0].remainder:
        return {"合计": own[0].stated_total}
    return {}


def _typed_row(budget: Budget, fund: str, code: str) -> dict[str, Decimal] | None:
    """The figures the source types on a 类/款 row of one fund (合计, 基本支出, 项目支出 as given); None: no such row."""
    for total in budget.stated_totals:
        if total.kind == "功能分类" and total.fund == fund and total.code == code:
            figures = dict(zip(PARTS, (total.total, total.basic, total.project), strict=True))
            return {part: value for part, value in figures.items() if value is not None}
    return None


def print_tree(budget: Budget, tops: list[Node], stated: dict[str, dict[str, Decimal]]) -> None:
    """Each node of a function tree whose total the source states within 尾数 of the sum of its parts
    printed as stated: the difference is its tail, and every node above it is summed with it."""
    for top in tops:
        _print_node(budget, top, stated, [])


def _print_node(budget: Budget, node: Node, stated: dict[str, dict[str, Decimal]], above: list[Node]) -> None:
    for child in node.children:
        _print_node(budget, child, stated, [*above, node])
    figures = stated.get(node.code)
    if not figures:
        return
    parts = len(node.children) if node.children else 2  # a 项: its 基本支出 and 项目支出
    computed = {"合计": node.total, "基本支出": node.basic, "项目支出": node.project}
    for part, figure in figures.items():
        printed = as_printed(budget, figure, computed[part], parts)
        if printed is None:
            continue
        shift = printed - (computed[part] or ZERO)
        for each in (*above, node):
            each.tail[part] = each.tail.get(part, ZERO) + shift


def tops_sum(tops: Iterable[Node]) -> Decimal:
    """The sum of a tree's top lines as printed."""
    return sum((top.total for top in tops), ZERO)
