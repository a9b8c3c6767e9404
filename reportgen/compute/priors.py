"""The prior year of one Budget's totals: each as the source states it, or this year's less the
change a document states alone; and this year's totals under the keys a next year's source uses
for its prior year (rollover)."""

from __future__ import annotations

from decimal import Decimal

from reportgen.compute.economic import EconomicFigures
from reportgen.compute.functions import FunctionFigures
from reportgen.compute.totals import Totals
from reportgen.docmodel.model import Budget, StatedChange

# The totals of 上年 (its keys), in the order a text compares them.
TOTAL_KEYS = ("收支总计", "基本支出", "项目支出", "人员经费", "公用经费", "财政拨款", "一般公共预算", "政府性基金",
              "国有资本经营", "一般公共预算基本支出", "一般公共预算项目支出", "上年结转", "使用非财政拨款结余")


class PriorFigures:
    """Last year's totals, and this year's as a next year's source names them."""

    def __init__(self, budget: Budget, totals: Totals, functions: FunctionFigures, economic: EconomicFigures) -> None:
        self.budget = budget
        self.totals = totals
        self.functions = functions
        self.economic = economic

    def prior_total(self, key: str) -> Decimal | None:
        """A prior-year total by its source key (收支总计, 基本支出, …), where known: as stated, or
        this year's less the change the document states alone (上年: {基本支出: {增减额: …}})."""
        prior = self.budget.prior
        if key in prior.totals:
            return prior.totals[key]
        stated = prior.changes.get(("totals", key))
        current = self.comparable_totals().get(key)
        if stated is None or stated.change is None or current is None:
            return None
        return current - stated.change

    def changes_alone(self) -> list[tuple[str, StatedChange]]:
        """The changes a note states with neither year's amount (上年: {基本支出: {增减额: …}} where
        this year's 基本支出 is not given either), in the order of the totals: printed as stated."""
        current = self.comparable_totals()
        changes = self.budget.prior.changes
        return [(key, changes[("totals", key)]) for key in TOTAL_KEYS
                if ("totals", key) in changes and key not in current]

    def _general(self) -> Decimal | None:
        """一般公共预算 as the texts compare it with last year: its spending, else (not known: no function rows, its
        carry-over by fund not given) its income, which they compare under the same key (德安县审计局 2022:
        “一般公共预算拨款收入475.18万元,较上年预算安排减少23.39万元”); None where neither is known."""
        if (spent := self.functions.general_budget) is not None:
            return spent
        return None if "一般公共预算拨款" in self.budget.income_unknown else self.budget.income["一般公共预算拨款"]

    @property
    def _grand_total(self) -> Decimal | None:
        """收支总计: 收入总计 — or, where 收入 is known in part (其余未公开) and no 收入总计 stated, 支出总计, the
        one figure both sides of the 收支总表 print (广州市民政局 2026 without its 收支总表: its text's “比上年增加”
        of 收支总计 had no figure of this year to give last year's by)."""
        grand = self.totals.income_grand_total
        if grand is None and self.budget.income_unknown:
            return self.totals.expenditure_grand_total
        return grand

    def comparable_totals(self) -> dict[str, Decimal]:
        """This year's totals under the keys a next year's source uses for its prior year."""
        values: dict[str, Decimal] = {}
        for fund in ("一般公共预算", "政府性基金", "国有资本经营"):  # (not known: none)
            spent = self._general() if fund == "一般公共预算" else self.functions.fiscal_expenditure[fund]
            if spent is not None:
                values[fund] = spent
        if self.budget.carried_over or self.budget.reserves_used:  # (none: a source that names neither)
            values.update({"上年结转": self.budget.carried_over, "使用非财政拨款结余": self.budget.reserves_used})
        for key, value in (
            ("收支总计", self._grand_total),
            ("财政拨款", self.totals.fiscal_income),
            ("一般公共预算基本支出", self.functions.general_basic),
            ("一般公共预算项目支出", self.functions.general_project),
            ("基本支出", self.totals.basic),
            ("项目支出", self.totals.project),
            ("人员经费", self.economic.personnel),
            ("公用经费", self.economic.public),
        ):
            if value is not None:
                values[key] = value
        return values
