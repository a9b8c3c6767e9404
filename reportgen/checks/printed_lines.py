"""R-印出合计: a line of a table as the source states the table printed it (印出合计), against the rows under it —
a 决算's 类 of its two 总表 (by 合计 and fund), a budget's 类/款 line or 合计 row of its function tables (by 合计,
基本支出, 人员经费, 公用经费 and 项目支出): within their 尾数 it is printed so; beyond it, or a line or column the
rows do not have, it is an error (never printed, never dropped); and a pair of classes' line or the 合计 row of a
基本支出表 printed by pairs (烟台), by 合计, 人员经费 and 公用经费, against its 款; a 类/款 line or the 合计 row of a
政府采购预算表 by function (烟台), by 合计, 财政拨款 and fund, against the 政府采购 lines under it."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from decimal import Decimal

from reportgen.base.errors import Finding
from reportgen.base.rules import SOURCE, rule
from reportgen.checks.registry import make_finding
from reportgen.compute import ZERO, Computed
from reportgen.compute.class_pairs import BASIC, class_pairs, parts_line
from reportgen.compute.functions import PRINTED_TABLES
from reportgen.compute.phrasing import Money
from reportgen.compute.printed import KINDS, kinds_of_basic, line_as_printed, procured, procured_under, stated_kinds
from reportgen.docmodel.model import Budget
from reportgen.tablekinds import role

FISCAL_FUNDS = ("一般公共预算", "政府性基金", "国有资本经营")
PROCURED = role("procurement")  # its 类/款 lines and 合计 row against the 政府采购 lines by function
SPLIT_BY_CLASS = role("summary")  # the table whose 类 may print a split its rows do not give (上海's 财务收支预算总表)


@rule("R-印出合计", SOURCE, "error")
def printed_lines(b: Budget, f: Computed, m: Money) -> Iterator[Finding]:
    """Each line of 印出合计 against its rows: the 决算's 总表 (final_lines), a budget's function tables
    (budget_lines)."""
    for table, lines in b.printed_lines.items():
        if table in (BASIC, PROCURED):
            yield from (pair_lines if table == BASIC else procured_lines)(b, m, lines)
            continue
        found = budget_lines(b, f, m, table, lines) if table in PRINTED_TABLES else final_lines(b, f, m, table, lines)
        yield from found


def pair_lines(b: Budget, m: Money, lines: dict[str, dict[str, Decimal]]) -> Iterator[Finding]:
    """A pair of classes' line (301/505) or the 合计 row of a 基本支出表 printed by pairs against the 款 under it."""
    pairs = {f"{dept}/{gov}": parts for (dept, gov), parts in class_pairs(b).items()}
    pairs["合计"] = [part for parts in pairs.values() for part in parts]
    for key, figures in lines.items():
        parts = pairs.get(key, [])
        line = parts_line(parts) if parts else {}
        path = f"印出合计.{BASIC}.{key}"
        for column, stated in figures.items():
            value = line.get(column)
            if value is None or line_as_printed(b, BASIC, key, column, value, len(parts)) != stated:
                yield make_finding(b, "error", "R-印出合计", f"{BASIC}的 {key} 行{column}印作 {m.with_unit(stated)}，其下各款"
                                   f"为 {m.with_unit(value or ZERO)}：相差超过尾数（或没有这一行、这一栏），不照印",
                                   b.line_of(path), path)


def procured_lines(b: Budget, m: Money, lines: dict[str, dict[str, Decimal]]) -> Iterator[Finding]:
    """A 类/款 line or the 合计 row of a 政府采购预算表 by function against the 政府采购 lines under it."""
    for key, figures in lines.items():
        under = procured_under(b, key)
        path = f"印出合计.{PROCURED}.{key}"
        for column, stated in figures.items():
            value = procured(under, column)
            if value is None or line_as_printed(b, PROCURED, key, column, value, len(under)) != stated:
                line = "合计行" if key == "合计" else f" {key} 行"
                yield make_finding(b, "error", "R-印出合计", f"{PROCURED}的{line}{column}印作 {m.with_unit(stated)}，其下各行"
                                   f"为 {m.with_unit(value or ZERO)}：相差超过尾数（或没有这一行、这一栏），不照印",
                                   b.line_of(path), path)


def final_lines(b: Budget, f: Computed, m: Money, table: str, lines: dict[str, dict[str, Decimal]]) -> Iterator[Finding]:
    """A 类 of a 决算's 总表 against the line's function rows."""
    computed = {"收入支出决算总表": lambda: {n.code: [n.total] for n in f.function_tree()},
                "财政拨款收入支出决算总表": lambda: {code: amounts for code, _, amounts in f.fiscal_classes(FISCAL_FUNDS)}}
    known_lines = computed[table]() if table in computed else {}
    for code, figures in lines.items():
        known = known_lines.get(code)
        path = f"印出合计.{table}.{code}"
        for column, stated in figures.items():
            value = _column_value(known, column)
            if value is None or f.summary_line(table, code, column, value) != stated:
                yield make_finding(b, "error", "R-印出合计", f"{table}的 {code} 印作 {m.with_unit(stated)}，功能分类各行"
                                   f"为 {m.with_unit(value or ZERO)}：相差超过尾数（或没有这一类），不照印", b.line_of(path),
                                   path)


def budget_lines(b: Budget, f: Computed, m: Money, table: str,
                 lines: dict[str, dict[str, Decimal]]) -> Iterator[Finding]:
    """A 类/款 line or the 合计 row of a budget's function table against the rows under it, column by column."""
    for key, figures in lines.items():
        known = f.table_line(table, key) or {}
        if table == SPLIT_BY_CLASS and all(known.get(kind) is None for kind in KINDS) and set(KINDS) & set(figures):
            yield from _kinds_line(b, m, table, key, known)
            figures = {column: stated for column, stated in figures.items() if column not in KINDS}
        yield from _columns_line(b, f, m, table, key, figures, known)


def _columns_line(b: Budget, f: Computed, m: Money, table: str, key: str, figures: dict[str, Decimal],
                  known: dict[str, Decimal | None]) -> Iterator[Finding]:
    """A line's figures by column against the line its rows make (``known``)."""
    path = f"印出合计.{table}.{key}"
    for column, stated in figures.items():
        value = known.get(column)
        if value is None or f.printed_line(table, key, column, value) != stated:
            line = "合计行" if key == "合计" else f" {key} 行"
            yield make_finding(b, "error", "R-印出合计", f"{table}的{line}{column}印作 {m.with_unit(stated)}，其下各行"
                               f"为 {m.with_unit(value or ZERO)}：相差超过尾数（或没有这一行、这一栏），不照印",
                               b.line_of(path), path)


def _kinds_line(b: Budget, m: Money, table: str, key: str, known: dict[str, Decimal | None]) -> Iterator[Finding]:
    """A line's 人员经费 and 公用经费 the rows under it do not give (上海市级's 收支总表 by 类) against its 基本支出: a line
    no row is under (医保中心 2026 prints its 208's figures as 一、一般公共服务支出) is told so."""
    basic = known.get("基本支出")
    if kinds_of_basic(b, table, key, basic) is None:
        path = f"印出合计.{table}.{key}"
        stated = "、".join(f"{kind} {m.with_unit(figure)}" for kind, figure in stated_kinds(b, table, key).items())
        rows = f"其下各行的基本支出为 {m.with_unit(basic)}：两者之和与之相差超过尾数" if basic is not None \
            else "功能分类各行没有这一类（或不知其基本支出）"
        yield make_finding(b, "error", "R-印出合计", f"{table}的 {key} 行印作{stated}，{rows}，不照印", b.line_of(path), path)


def _column_value(known: Sequence[Decimal | None] | None, column: str) -> Decimal | None:
    """A 类 line's figure in one column of a 总表 (合计, then each fiscal fund's) by its function rows; None where the
    rows do not give it."""
    index = 0 if column == "合计" else 1 + FISCAL_FUNDS.index(column)
    return known[index] if known is not None and index < len(known) else None
