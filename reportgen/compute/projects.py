"""The project list, government procurement and the performance targets of one Budget: their totals,
each None where the source does not give what it would be made of."""

from __future__ import annotations

from decimal import Decimal
from functools import cached_property

from reportgen.compute.arithmetic import ZERO, sum_known
from reportgen.compute.trees import Node
from reportgen.docmodel.model import PROCURED_KEYS, PROCUREMENT_KINDS, PROJECT_FISCAL, PROJECT_FUNDS, Budget, Project


def project_funds(project: Project) -> dict[str, Decimal]:
    """A project's 资金 as its source gives them, with its 财政拨款 (the three funds of it added) where it gives any
    of those."""
    fiscal = [project.funds[f] for f in PROJECT_FISCAL if f in project.funds]
    return {**({"财政拨款": sum(fiscal, ZERO)} if fiscal else {}), **project.funds}


class ProjectFigures:
    """Projects, procurement and performance targets."""

    def __init__(self, budget: Budget) -> None:
        self.budget = budget

    @cached_property
    def projects_total(self) -> Decimal | None:
        return sum((p.amount for p in self.budget.projects), ZERO) if self.budget.projects else None

    @cached_property
    def projects_sum(self) -> Decimal:
        """The project list's total (zero for none)."""
        return self.projects_total or ZERO

    @cached_property
    def projects_prior_total(self) -> Decimal | None:
        """The project list's prior-year total, when every project states its prior year."""
        return sum_known(p.prior for p in self.budget.projects)

    @cached_property
    def projects_funds(self) -> dict[str, Decimal]:
        """The project list's 资金 added up, fund by fund (财政拨款 and PROJECT_FUNDS), each that any project gives."""
        totals: dict[str, Decimal] = {}
        for project in self.budget.projects:
            for fund, amount in project_funds(project).items():
                totals[fund] = totals.get(fund, ZERO) + amount
        return {fund: totals[fund] for fund in ("财政拨款", *PROJECT_FUNDS) if fund in totals}

    @cached_property
    def procurement_total(self) -> Decimal | None:
        """政府采购 in all: its kinds added up; where a kind is not given (unknown, never 0), the 合计 as stated, or
        not known (北京市公安局交通管理局 2026 states 货物 and 服务 beside 68707.22 and no 工程)."""
        p = self.budget.procurement
        if p is None:
            return None
        return p.goods + p.works + p.services if len(p.given) == len(PROCUREMENT_KINDS) else p.stated_total

    @cached_property
    def target_projects_total(self) -> Decimal | None:
        """Money covered by the project performance targets (项目绩效目标表)."""
        targets = self.budget.targets
        if targets is None or not targets.projects:
            return None
        return sum((p.amount for p in targets.projects), ZERO)

    @cached_property
    def managed_project_count(self) -> int | None:
        """纳入绩效目标管理的项目数: as the source states it, else the projects with target tables."""
        stated = self.budget.performance.project_count if self.budget.performance is not None else None
        if stated is not None:
            return stated
        targets = self.budget.targets
        return len(targets.projects) if targets is not None and targets.projects else None

    @cached_property
    def managed_amount(self) -> Decimal | None:
        """The money those projects cover: as stated, else the project target tables' total."""
        stated = self.budget.performance.amount if self.budget.performance is not None else None
        return stated if stated is not None else self.target_projects_total

    @cached_property
    def target_projects_fiscal(self) -> Decimal | None:
        """The 财政资金 part of it, when every project states it."""
        targets = self.budget.targets
        if targets is None or not targets.projects or any(p.fiscal is None for p in targets.projects):
            return None
        return sum((p.fiscal or ZERO for p in targets.projects), ZERO)

    def procured(self, nodes: list[Node]) -> dict[str, Decimal]:
        """The 政府采购 of ``nodes`` (a line: [its node]; a table's 合计: its 类) by key (PROCURED_KEYS), as the source
        states it by function line (政府采购.功能分类): the sum of the finest lines below, a key only where every
        one of them states it — a line the source does not list is not known, never 0."""
        p = self.budget.procurement
        lines = {line.code: line.stated for line in p.by_function} if p is not None else {}
        leaves = [n for top in nodes for n in top.walk() if not n.children]
        return _added_where_all([lines.get(leaf.code, {}) for leaf in leaves]) if lines else {}


def _added_where_all(stated: list[dict[str, Decimal]]) -> dict[str, Decimal]:
    """Each key of PROCURED_KEYS every one of ``stated`` holds, their amounts added; none for no lines."""
    if not stated:
        return {}
    return {key: sum((one[key] for one in stated), ZERO) for key in PROCURED_KEYS if all(key in one for one in stated)}
