"""部门决算's own figures of one Budget: each fund's 预算数, 完成率, the spending beside 基本/项目支出,
财政拨款结转和结余, 财政拨款收入支出总计 and last year's 决算数 of a total."""

from __future__ import annotations

from decimal import Decimal
from functools import cached_property

from reportgen.compute.arithmetic import ZERO, share, sum_known
from reportgen.compute.printed import as_printed
from reportgen.compute.totals import Totals
from reportgen.docmodel.model import Budget, Execution, FunctionRow


def completion(spent: Decimal | None, budget: Decimal | None) -> Decimal | None:
    """完成率: 决算数 ÷ 预算数 in percent, 2 decimals half up; None where either is unknown or the
    budget is 0 (a 0 budget with spending is said, never divided)."""
    if spent is None or budget is None:
        return None
    return share(spent, budget)


class FinalFigures:
    """The 决算 figures."""

    def __init__(self, budget: Budget, totals: Totals) -> None:
        self.budget = budget
        self.totals = totals

    def fund_budget(self, fund: str = "一般公共预算") -> Execution | None:
        """A fund's 预算数 (年初预算, 全年预算, reason): as the source states it under 预算数, else
        the sum of its rows' where every row of the fund states that measure; None where neither."""
        stated = self.budget.fund_budgets.get(fund)
        if stated is not None:
            return stated
        return _rows_budget([r for r in self.budget.function_rows if r.fund == fund])

    def other_spending(self, kind: str) -> Decimal:
        """What the rows spend of one kind beside 基本/项目支出 (上缴上级支出, 经营支出 …)."""
        return sum((r.other.get(kind, ZERO) for r in self.budget.function_rows), ZERO)

    def fiscal_balance(self, when: str, fund: str | None = None) -> Decimal | None:
        """财政拨款结转和结余 at 年初 or 年末: of one fund, or of all three (None where the source
        states none of it: never 0.00 for what was not given)."""
        stated = self.budget.fiscal_balances.get(when, {})
        if fund is not None:
            return stated.get(fund)
        return sum(stated.values(), ZERO) if stated else None

    @cached_property
    def fiscal_grand_total(self) -> Decimal | None:
        """财政拨款收入支出总计 (决算): 财政拨款收入 and the 年初财政拨款结转和结余 (none stated: none)."""
        if self.totals.fiscal_income is None:
            return None
        return self.totals.fiscal_income + (self.fiscal_balance("年初") or ZERO)

    def final_prior(self, key: str, current: Decimal | None) -> Decimal | None:
        """Last year's 决算数 of a total (上年.{key}): as stated, else ``current`` less the change the
        source states alone (上年: {收支总计: {增减额: …}}); None where neither."""
        prior = self.budget.prior
        if key in prior.totals:
            return prior.totals[key]
        stated = prior.changes.get(("totals", key))
        if stated is None or stated.change is None or current is None:
            return None
        return current - stated.change


    def summary_line(self, table: str, code: str, column: str, computed: Decimal | None) -> Decimal | None:
        """A 类 line of a 决算 总表 (收入支出决算总表 or 财政拨款收入支出决算总表) in ``column`` (合计 or a
        fund): as the table printed it (印出合计) where that stands within 尾数 of the line's function rows,
        else ``computed`` (the function tables' 类)."""
        figures = self.budget.printed_lines.get(table, {}).get(code)
        if not figures:
            return computed
        stated = figures.get(column)
        if stated is None and len(figures) == 1 and column != "合计":  # one figure: the line's and its fund's
            stated = figures.get("合计")
        parts = sum(1 for r in self.budget.function_rows if r.code.startswith(code)) * 2
        printed = as_printed(self.budget, stated, computed, parts)
        return computed if printed is None else printed


def _rows_budget(rows: list[FunctionRow]) -> Execution | None:
    """A fund's 预算数 from its rows: each measure summed where every row states it; None where a row states none, or
    no measure is known of every row."""
    budgets = [r.budget for r in rows if r.budget is not None]
    if not rows or len(budgets) != len(rows):
        return None
    initial = sum_known(e.initial for e in budgets)
    full = sum_known(e.full for e in budgets)
    return Execution(initial, full) if initial is not None or full is not None else None
