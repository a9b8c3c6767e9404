"""The tables of all 财政拨款 (江苏's 公开05 财政拨款支出表 and 公开06 财政拨款基本支出表; tablekinds 角色 fiscal_functions,
fiscal_basic) reconciled against the tables the source is read from: nothing of theirs is written (their figures are
the funds' tables' added up), a figure of theirs that is not is told as the import's 不一致, never repaired.

- 财政拨款支出表: its 合计 row and each 项 against the fund tables' (一般公共预算, 政府性基金, 国有资本经营) added up, in
  each column both print, where every fund's table printed is read for sure and none is unprinted whose
  appropriation is not 0 (its lines are then unknown);
- 财政拨款基本支出表: its 合计 row and each economic line against the 一般公共预算基本支出表's, where the other funds
  spend nothing on 基本支出 (their tables' 基本支出, or 合计 where they print no 基本支出, all 0)."""

from __future__ import annotations

from collections.abc import Iterable

from reportgen import tablekinds
from reportgen.importing.budget.build import unprinted_funds
from reportgen.importing.recognition.imported import Imported
from reportgen.importing.recognition.rows import Amount, Row
from reportgen.importing.recognition.sure import unit_lines
from reportgen.tablekinds import fund_table, role

FUNCTION_COLUMNS = ("合计", "基本支出", "人员经费", "公用经费", "项目支出")
ECONOMIC_COLUMNS = ("合计", "人员经费", "公用经费")
TOTAL = "合计"  # the key of a table's 合计 row among its lines


def fiscal_differences(imported: Imported) -> Iterable[tuple[str, str, Amount, list[Amount]]]:
    """(table, what, its figure, the figures it should be the sum of) for each figure of the two tables that is not."""
    yield from _functions(imported)
    yield from _basic(imported)


def _funds_known(imported: Imported) -> bool:
    """Whether the fund tables read hold every fund's lines: none printed is unsure, none unprinted spends."""
    unsure = {t.kind.id for t in imported.unsure}
    return not unsure & tablekinds.fund_tables().keys() and not unprinted_funds(imported)


def _lines(rows: list[Row], width: int) -> dict[str, list[Row]]:
    """A table's rows by code, of codes ``width`` long (项: 7), and its 合计 rows under TOTAL."""
    lines: dict[str, list[Row]] = {}
    for row in rows:
        key = TOTAL if row.total else row.code if len(row.code) == width else ""
        if key:
            lines.setdefault(key, []).append(row)
    return lines


def _against(kind: str, mine: dict[str, list[Row]], theirs: dict[str, list[Row]], columns: tuple[str, ...],
             every: list[str], absent: bool = True) -> Iterable[tuple[str, str, Amount, list[Amount]]]:
    """Each line of ``mine`` against the same line of ``theirs`` in each column, where every row of theirs that prints
    the line prints the column (a fund table of 金额 alone tells no 基本支出); a line theirs do not print against
    nothing (0) where ``absent``, else not compared."""
    for key, rows in mine.items():
        others = theirs.get(key, [])
        if others or absent:
            for column in columns:
                parts = [r.amounts[column] for r in others if column in r.amounts]
                if len(parts) == len(others):
                    yield from _rows_against(kind, rows, column, parts, every)


def _rows_against(kind: str, rows: list[Row], column: str, parts: list[Amount],
                  every: list[str]) -> Iterable[tuple[str, str, Amount, list[Amount]]]:
    """Each of ``rows`` printing ``column`` whose figure there is not ``parts`` added up, named by its code and name,
    the tables it was held against, and the column last (verified.relation reads it so)."""
    for row in rows:
        if column in row.amounts and sum(p.value for p in parts) != row.amounts[column].value:
            what = f"{row.code} {row.name}" if row.code else TOTAL
            yield kind, f"{what}（对照{'、'.join(every)}） {column}", row.amounts[column], parts


def _functions(imported: Imported) -> Iterable[tuple[str, str, Amount, list[Amount]]]:
    kind = role("fiscal_functions")
    funds = [k for k in tablekinds.fund_tables() if k in imported.rows]
    if kind not in imported.rows or not funds or not _funds_known(imported) or unit_lines(imported.rows[kind]):
        return
    theirs: dict[str, list[Row]] = {}
    for fund in funds:
        for key, rows in _lines(imported.rows[fund], 7).items():
            theirs.setdefault(key, []).extend(rows)
    yield from _against(kind, _lines(imported.rows[kind], 7), theirs, FUNCTION_COLUMNS, funds)


def _others_basic_none(imported: Imported) -> bool:
    """Whether 政府性基金 and 国有资本经营 spend nothing on 基本支出 as their tables print (基本支出, else 合计)."""
    general = fund_table("一般公共预算")
    for kind in (k for k in tablekinds.fund_tables() if k != general and k in imported.rows):
        for row in imported.rows[kind]:
            amount = row.amounts.get("基本支出", row.amounts.get("合计"))
            if amount is not None and amount.value:
                return False
    return True


def _basic(imported: Imported) -> Iterable[tuple[str, str, Amount, list[Amount]]]:
    kind, general = role("fiscal_basic"), role("basic")
    if kind not in imported.rows or general not in imported.rows or not _funds_known(imported) \
            or not _others_basic_none(imported):
        return
    mine, theirs = imported.rows[kind], imported.rows[general]
    yield from _against(kind, _lines(mine, 3), _lines(theirs, 3), ECONOMIC_COLUMNS, [general], absent=False)
    lines = {key: rows for key, rows in _lines(mine, 5).items() if key != TOTAL}
    yield from _against(kind, lines, _lines(theirs, 5), ECONOMIC_COLUMNS, [general])
