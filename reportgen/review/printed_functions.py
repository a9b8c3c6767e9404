"""The 功能分类 lines a document's 一般公共预算支出表 prints, where the source holds no line of its own (支出.功能分类 not
written: the 支出总表's lines, of every fund, are kept as printed, 表行 — 国家信访局 2026, whose 其他收入 31,888 pays for
most of its 2014099). Those lines are the 一般公共预算's (its fund's table), each with the 上年执行数 it prints beside
it: review knows them as the lines of that fund alone (Glossary: Figure.known_as), as where a source gives the lines of
one fund only (功能分类口径) — a figure that differs from one is told only where its sentence or section names that fund.
Taken only where the table prints each code once, each with its code and no other (a table printing each unit's lines
one after another, 北京's, is not), and its finest lines add up to the 一般公共预算's spending or
its year's appropriation (一般公共预算拨款)."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from decimal import Decimal

from reportgen.compute import Computed
from reportgen.docmodel.model import Budget, FunctionRow, Prior, TableLine
from reportgen.tablekinds import fund_table

GENERAL = "一般公共预算"
YEARS = "一般公共预算当年拨款"


def printed_function_lines(f: Computed) -> tuple[Computed, str] | None:
    """The figures of the budget as if its 一般公共预算支出表's printed lines were its function rows of that fund (with
    their 上年执行数), where the source holds no function row and those lines can stand for it, with the words that name
    what they are of: the fund, or its year's appropriation (一般公共预算当年拨款) where they add up to that and some of the
    fund was carried over (国家信访局 2026: 16,474.82 beside 2,254.12 carried over, which the 财政拨款收支总表's lines spend
    too — its “一般公共服务支出15,291.3万元” is no 13,144.37); None else."""
    b = f.budget
    finest = [] if b.function_rows or b.final or b.units else _finest(b.table_lines.get(fund_table(GENERAL), ()))
    spent, year = sum((line.total for line in finest), Decimal(0)), f.income_of("一般公共预算拨款")
    if not finest or spent not in (f.general_budget, year):
        return None
    words = YEARS if spent == year and spent != f.general_budget else GENERAL
    return Computed(replace(b, function_rows=[_row(line) for line in finest], function_scope=GENERAL,
                            actual=_executed(b, b.table_lines[fund_table(GENERAL)]))), words


def _row(line: TableLine) -> FunctionRow:
    """A printed line as a function row of the fund (a kind it leaves blank is 0: the other given), its 上年执行数 too."""
    return FunctionRow(code=line.codes[0], name="", stated_name="", fund=GENERAL, basic=line.basic or Decimal(0),
                       project=line.amounts.get("项目支出", Decimal(0)), prior=None, reason="", line=line.line,
                       actual=line.amounts.get("上年执行数"))


def _executed(b: Budget, lines: tuple[TableLine, ...]) -> Prior:
    """The budget's 上年执行数 with each printed line's (类 and 款 too) by code."""
    executed = {line.codes[0]: line.amounts["上年执行数"] for line in lines if "上年执行数" in line.amounts}
    return replace(b.actual, function=executed) if b.actual is not None else Prior(year=b.year - 1, function=executed)


def _finest(lines: tuple[TableLine, ...]) -> list[TableLine]:
    """The lines no other line is under, where every line prints one 功能分类 code, once, and no other code or unit."""
    codes = Counter(line.codes[0] for line in lines)
    if not all(_of_one_code(line) for line in lines) or any(n > 1 for n in codes.values()):
        return []
    return [line for line in lines if not any(other != line.codes[0] and other.startswith(line.codes[0]) for other in codes)]


def _of_one_code(line: TableLine) -> bool:
    return bool(line.codes[0]) and not any(line.codes[1:]) and not line.unit
