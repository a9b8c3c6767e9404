"""表行 checked (source/table_lines.py): the lines a table prints, added column by column, against what the source
states of the same money elsewhere — the 支出总表's lines against 基本支出 and 项目支出, the 一般公共预算支出表's
against the 一般公共预算基本支出 by economic class and its 人员经费 and 公用经费, the 收入总表's units' against the
department's income by source, the “三公”经费 table's units' against its parts — beyond the printing's rounding an
error, naming both figures (a line the import missed, a figure mistyped)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from decimal import Decimal

from reportgen.base.errors import Finding
from reportgen.base.rules import SOURCE, rule
from reportgen.checks.registry import make_finding
from reportgen.compute import Computed, allowance
from reportgen.compute.phrasing import Money
from reportgen.docmodel.model import (
    SPECIAL_ACCOUNT_PARTS,
    THREE_PUBLIC_PARTS,
    UNIT_INCOME_AMOUNTS,
    Budget,
    TableLine,
    finest_lines,
)
from reportgen.tablekinds import fund_table, role

Stated = Callable[[Budget, Computed], Decimal | None]
# By table: the column of its lines, what the source states of the same money, and where (the message's words).
_AGAINST: dict[str, tuple[tuple[str, Stated, str], ...]] = {
    role("spending"): (("基本支出", lambda b, f: b.stated_basic, "支出.基本支出.合计"),
                       ("项目支出", lambda b, f: b.stated_project, "支出.项目支出")),
    fund_table("一般公共预算"): (("基本支出", lambda b, f: f.basic_from_economic, "支出.基本支出.经济分类之和"),
                              ("人员经费", lambda b, f: b.stated_personnel, "支出.基本支出.人员经费"),
                              ("公用经费", lambda b, f: b.stated_public, "支出.基本支出.公用经费")),
    # 收入总表 by unit (广州, 泉州): the units' income added, by source, against the department's
    role("income"): (("合计", lambda b, f: _income_in_all(f), "收入.本年收入合计与上年结转"),
                     ("财政拨款收入", lambda b, f: f.fiscal_income, "收入.财政拨款收入"),
                     *((key, (lambda k: lambda b, f: f.income_of(k))(key), f"收入.{key}")
                       for key in UNIT_INCOME_AMOUNTS[1:] if key not in SPECIAL_ACCOUNT_PARTS)),
    # the “三公”经费 table's units (杭州, 湖州, 长沙): their parts added, each against the department's
    role("three_public"): (("合计", lambda b, f: f.three_public_total, "三公经费合计"),
                           *((key, (lambda k: lambda b, f: f.three_public_part(k))(key), f"三公经费.{key}")
                             for key in THREE_PUBLIC_PARTS)),
}


def _income_in_all(f: Computed) -> Decimal | None:
    """The 收入总表's 合计: this year's income and 上年结转 (None where either is not known)."""
    return None if f.income_total is None or f.carried_over is None else f.income_total + f.carried_over


@rule("R-表行", SOURCE, "error")
def table_lines(b: Budget, f: Computed, m: Money) -> Iterator[Finding]:
    """表行: each table's lines added in a column, against the source's figure of the same money."""
    for table, lines in b.table_lines.items():
        path = f"表行.{table}"
        for column, stated_of, where in _AGAINST.get(table, ()):
            stated, added = stated_of(b, f), _added(lines, column)
            if stated is None or added is None or abs(stated - added) <= allowance(b, len(lines), stated):
                continue
            yield make_finding(b, "error", "R-表行", f"{table}各行的{column}相加为 {m.with_unit(added)}，源文件的{where}为 "
                               f"{m.with_unit(stated)}：相差超过尾数（漏了或错了一行？）", b.line_of(path), path)


def _added(lines: tuple[TableLine, ...], column: str) -> Decimal | None:
    known = [amount for line in finest_lines(lines) if (amount := line.column(column)) is not None]
    return sum(known, Decimal(0)) if known else None
