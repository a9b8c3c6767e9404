"""The “三公” 经费 of one Budget: its parts, 合计 and 公务用车 (as stated in one figure, else its two
parts), this year's, the prior year's and (决算) the 预算数, in the order its table shows them."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from functools import cached_property

from reportgen.compute.arithmetic import ZERO, difference, rounding_gap, sum_known
from reportgen.docmodel.model import THREE_PUBLIC_PARTS, VEHICLES, Budget

# The “三公” table's columns by the source's names (三公经费.按资金's keys), in three_public_columns' order
TABLE_ITEMS = ("合计", THREE_PUBLIC_PARTS[0], THREE_PUBLIC_PARTS[1], VEHICLES, THREE_PUBLIC_PARTS[2], THREE_PUBLIC_PARTS[3])


class ThreePublicFigures:
    """“三公”经费."""

    def __init__(self, budget: Budget) -> None:
        self.budget = budget

    def three_public_part(self, name: str, prior: bool = False) -> Decimal | None:
        """One “三公” part, this year's or last year's; None where the source leaves it unknown."""
        t = self.budget.three_public
        if not t.known(name):
            return None
        return t.parts[name].prior if prior else t.parts[name].current

    @cached_property
    def three_public_parts_total(self) -> Decimal | None:
        """因公出国（境）费 + 公务接待费 + 公务用车购置及运行维护费, where all three are known."""
        return sum_known((self.three_public_part(THREE_PUBLIC_PARTS[0]), self.three_public_part(THREE_PUBLIC_PARTS[1]),
                          self.vehicles_total))

    @cached_property
    def three_public_total(self) -> Decimal | None:
        """The “三公” total: its parts', else the 合计 the source states (a part unknown); else None."""
        if self.three_public_parts_total is not None:
            return self.three_public_parts_total
        stated = self.budget.three_public.stated_total
        return stated.current if stated is not None else None

    @cached_property
    def three_public_prior(self) -> Decimal | None:
        """The parts' prior year; where a part's is not given, the 合计's own 上年 if stated."""
        total = sum_known((self.three_public_part(THREE_PUBLIC_PARTS[0], True),
                           self.three_public_part(THREE_PUBLIC_PARTS[1], True), self.vehicles_prior))
        if total is None:
            stated = self.budget.three_public.stated_total
            return stated.prior if stated is not None else None
        return total

    @cached_property
    def vehicles_total(self) -> Decimal | None:
        """公务用车购置及运行维护费: as the source states it in one figure, else its two parts added."""
        vehicles = self.budget.three_public.vehicles
        if vehicles is not None:
            return vehicles.current
        return sum_known((self.three_public_part("公务用车购置费"), self.three_public_part("公务用车运行维护费")))

    @cached_property
    def vehicles_prior(self) -> Decimal | None:
        vehicles = self.budget.three_public.vehicles
        if vehicles is not None:
            return vehicles.prior
        return sum_known((self.three_public_part("公务用车购置费", True), self.three_public_part("公务用车运行维护费", True)))

    def three_public_gap(self, shown: Callable[[Decimal], Decimal]) -> bool:
        """Whether the “三公” parts, as a table shows them, fail to add up to its total (尾数误差);
        never where a part is not known (nothing shown to add up)."""
        parts = [self.three_public_part(name) for name in THREE_PUBLIC_PARTS]
        if self.three_public_total is None or any(part is None for part in parts):
            return False
        return rounding_gap(self.three_public_total, (part or ZERO for part in parts), shown)

    def three_public_columns(self, prior: bool = False) -> list[Decimal | None]:
        """“三公”经费 as its table shows it: 合计, 因公出国（境）费, 公务接待费, 公务用车 小计, 购置费,
        运行维护费 — this year's, or the prior year's (None where not known)."""
        total = self.three_public_prior if prior else self.three_public_total
        vehicles = self.vehicles_prior if prior else self.vehicles_total
        return [total, self.three_public_part(THREE_PUBLIC_PARTS[0], prior), self.three_public_part(THREE_PUBLIC_PARTS[1], prior),
                vehicles, self.three_public_part(THREE_PUBLIC_PARTS[2], prior),
                self.three_public_part(THREE_PUBLIC_PARTS[3], prior)]

    def three_public_changes(self) -> list[Decimal | None]:
        return [difference(c, p) for c, p in zip(self.three_public_columns(), self.three_public_columns(prior=True),
                                                 strict=True)]

    def three_public_fund_columns(self, funds: tuple[str, ...], prior: bool = False) -> list[Decimal | None]:
        """The “三公” table's columns (three_public_columns' order) each by ``funds``, as the source's 按资金 (上年按资金)
        gives them: None where it does not (never 0)."""
        t = self.budget.three_public
        stated = t.prior_by_fund if prior else t.by_fund
        return [stated.get(item, {}).get(fund) for item in TABLE_ITEMS for fund in funds]

    def three_public_fund_changes(self, funds: tuple[str, ...]) -> list[Decimal | None]:
        """This year's less last year's, by fund, where both are given."""
        return [difference(c, p) for c, p in zip(self.three_public_fund_columns(funds),
                                                 self.three_public_fund_columns(funds, prior=True), strict=True)]

    def three_public_budget(self, name: str | None = None) -> Decimal | None:
        """A “三公” part's 预算数 (决算), or with no name the 合计's: as stated, else its parts'."""
        t = self.budget.three_public
        if name == VEHICLES:
            if t.vehicles is not None and t.vehicles.budgeted is not None:
                return t.vehicles.budgeted
            return sum_known(t.parts[n].budgeted for n in THREE_PUBLIC_PARTS[2:])
        if name is not None:
            return t.parts[name].budgeted if t.known(name) else None
        if t.stated_total is not None and t.stated_total.budgeted is not None:
            return t.stated_total.budgeted
        return sum_known((t.parts[THREE_PUBLIC_PARTS[0]].budgeted, t.parts[THREE_PUBLIC_PARTS[1]].budgeted,
                          self.three_public_budget(VEHICLES)))

    def three_public_budget_columns(self) -> list[Decimal | None]:
        """The 预算数 of the “三公” table's columns, in three_public_columns' order."""
        return [self.three_public_budget(), self.three_public_budget(THREE_PUBLIC_PARTS[0]),
                self.three_public_budget(THREE_PUBLIC_PARTS[1]), self.three_public_budget(VEHICLES),
                self.three_public_budget(THREE_PUBLIC_PARTS[2]), self.three_public_budget(THREE_PUBLIC_PARTS[3])]
