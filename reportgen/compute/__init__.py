"""Totals, hierarchies, shares and changes: pure functions of a Budget, Decimal throughout.

``Computed`` is everything computed from one Budget, built once per render and shared by the text,
the tables and the checks. It is a façade: each figure lives in the part of its topic, and the
façade names it where templates and tables read it (``f.basic``, ``f.function_tree("…")``):

    arithmetic     sums of what is known, rounding allowances, shares, rates, changes, Disputed
    trees          the 类/款/项 node, the names a source prints for its codes, derived priors
    projects       the project list, procurement, performance targets   (ProjectFigures)
    economic       基本支出 by 经济分类, 人员经费 and 公用经费              (EconomicFigures)
    totals         收入 and 支出: each source, 收入总计, 基本/项目支出, 支出总计 (Totals)
    functions      spending by 功能分类 and by fund, 一般公共预算, 财政拨款支出 (FunctionFigures)
    three_public   “三公”经费                                          (ThreePublicFigures)
    final          部门决算: 预算数, 完成率, 结转和结余                      (FinalFigures)
    priors         last year's totals, this year's under next year's keys (PriorFigures)
    consolidate    a department as the sum of its units; the 上年执行数 view

Totals always come from the finest parts the source gives, in exact 元; rounding happens only
when a figure is shown (phrasing.py), never before a sum.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cached_property
from typing import Any, Concatenate, Generic, ParamSpec, TypeVar

from reportgen.compute.arithmetic import (
    CENT,
    HUNDRED,
    TEN_THOUSAND,
    ZERO,
    Change,
    Disputed,
    Percent,
    allowance,
    change,
    difference,
    disputed,
    exact_percent,
    growth_rate,
    in_unit,
    quantize_half_up,
    rounding_allowance,
    rounding_gap,
    share,
    step_allowance,
    sum_known,
    truncated,
)
from reportgen.compute.consolidate import actual_view, consolidate
from reportgen.compute.economic import PERSONNEL, PUBLIC, EconomicFigures, economic_kind, row_split
from reportgen.compute.final import FinalFigures, completion
from reportgen.compute.functions import FunctionFigures
from reportgen.compute.priors import TOTAL_KEYS, PriorFigures
from reportgen.compute.projects import ProjectFigures, project_funds
from reportgen.compute.three_public import ThreePublicFigures
from reportgen.compute.totals import Totals
from reportgen.compute.trees import ComparedLine, Node, code_name, tree_rounding_gap
from reportgen.docmodel.model import Budget

__all__ = [
    "CENT", "HUNDRED", "PERSONNEL", "PUBLIC", "TEN_THOUSAND", "TOTAL_KEYS", "ZERO", "Change", "ComparedLine",
    "Computed", "Disputed", "Node", "Percent", "actual_view", "allowance", "change", "code_name", "compute", "consolidate",
    "difference", "disputed", "economic_kind", "exact_percent", "growth_rate", "in_unit", "project_funds", "quantize_half_up",
    "rounding_allowance", "rounding_gap", "share", "step_allowance", "sum_known", "tree_rounding_gap", "truncated",
]

T = TypeVar("T")
P = ParamSpec("P")
R = TypeVar("R")


class _Value(Generic[T]):
    """A figure of one part, read through the façade under its own name."""

    def __init__(self, part: str, figure: Callable[[Any], T]) -> None:  # (a cached_property, as mypy reads it)
        self.part = part
        self.name: str = getattr(figure, "attrname", None) or figure.__name__

    def __get__(self, figures: Any, owner: type | None = None) -> T:
        return getattr(getattr(figures, self.part), self.name)


class _Method(Generic[P, R]):
    """A method of one part, called through the façade under its own name."""

    def __init__(self, part: str, method: Callable[Concatenate[Any, P], R]) -> None:
        self.part = part
        self.name = method.__name__

    def __get__(self, figures: Any, owner: type | None = None) -> Callable[P, R]:
        return getattr(getattr(figures, self.part), self.name)


class Computed:
    """Everything computed from one Budget; built once per render and shared by text and tables."""

    def __init__(self, budget: Budget) -> None:
        self.budget = budget
        self.projects = ProjectFigures(budget)
        self.economic = EconomicFigures(budget)
        self.totals = Totals(budget, self.economic, self.projects, lambda: self.functions.function_tree())
        self.functions = FunctionFigures(budget, self.totals, self.economic, lambda: self.actual.functions)
        self.three_public = ThreePublicFigures(budget)
        self.final = FinalFigures(budget, self.totals)
        self.priors = PriorFigures(budget, self.totals, self.functions, self.economic)

    @cached_property
    def actual(self) -> Computed:
        """The same figures with 上年执行数 in the place of 上年预算 (see actual_view): every
        comparison made for the budget, made again for the execution by the same code. Its
        prior figures are all None when the source gives no 上年执行数."""
        return Computed(actual_view(self.budget))

    @cached_property
    def unit_figures(self) -> list[Computed]:
        """Each budget unit's own figures (empty for a department of one unit)."""
        return [Computed(unit) for unit in self.budget.units]

    def unit(self, name: str) -> Computed | None:
        """The own figures of the budget unit (单位) of that name; None where the department has no unit of it."""
        return next((unit for unit in self.unit_figures if unit.budget.department == name), None)

    @cached_property
    def fiscal_balanced(self) -> bool:
        """Whether 财政拨款收入 and 财政拨款支出 are one figure, so that the text may say 收支平衡 beside the two: not
        where either is not known, nor where appropriations carried over or forward set them apart (国家信访局 2026:
        16,474.82 in, 18,728.94 spent), nor where each was stated apart and they differ (杭州市气象局: 5,753.07 in,
        5,753.06 spent)."""
        income = self.totals.fiscal_income
        return income is not None and income == self.functions.fiscal_expenditure_total

    # -- income and spending (totals.py) ------------------------------------------------------
    income_of = _Method("totals", Totals.income_of)
    carried_over = _Value("totals", Totals.carried_over)
    income_total = _Value("totals", Totals.income_total)
    income_grand_total = _Value("totals", Totals.income_grand_total)
    income_known_part = _Value("totals", Totals.income_known_part)
    fiscal_income = _Value("totals", Totals.fiscal_income)
    fiscal_carried_over = _Value("totals", Totals.fiscal_carried_over)
    carried_spent = _Value("totals", Totals.carried_spent)
    own_income = _Value("totals", Totals.own_income)
    carried_part = _Value("totals", Totals.carried_part)
    fiscal_carry_forward = _Value("totals", Totals.fiscal_carry_forward)
    fiscal_income_grand_total = _Value("totals", Totals.fiscal_income_grand_total)
    has_function_rows = _Value("totals", Totals.has_function_rows)
    functions_cover_all = _Value("totals", Totals.functions_cover_all)
    functions_short = _Value("totals", Totals.functions_short)
    basic_from_functions = _Value("totals", Totals.basic_from_functions)
    project_from_functions = _Value("totals", Totals.project_from_functions)
    total_from_functions = _Value("totals", Totals.total_from_functions)
    unsplit_functions = _Value("totals", Totals.unsplit_functions)
    basic_from_stated_split = _Value("totals", Totals.basic_from_stated_split)
    economic_in_part = _Value("totals", Totals.economic_in_part)
    basic = _Value("totals", Totals.basic)
    project = _Value("totals", Totals.project)
    expenditure_total = _Value("totals", Totals.expenditure_total)
    expenditure_grand_total = _Value("totals", Totals.expenditure_grand_total)
    known_income_exceeds = _Method("totals", Totals.known_income_exceeds)
    balance_figures = _Value("totals", Totals.balance_figures)

    # -- by function and fund (functions.py) -----------------------------------------------------
    function_tree = _Method("functions", FunctionFigures.function_tree)
    fiscal_tree = _Method("functions", FunctionFigures.fiscal_tree)
    income_by_function = _Method("functions", FunctionFigures.income_by_function)
    tree_prior = _Method("functions", FunctionFigures.tree_prior)
    printed_line = _Method("functions", FunctionFigures.printed_line)
    table_line = _Method("functions", FunctionFigures.table_line)
    procured = _Method("projects", ProjectFigures.procured)
    printed_fiscal = _Method("functions", FunctionFigures.printed_fiscal)
    compared_function_lines = _Method("functions", FunctionFigures.compared_function_lines)
    compared_lines = _Method("functions", FunctionFigures.compared_lines)
    described_lines = _Method("functions", FunctionFigures.described_lines)
    fund_total = _Method("functions", FunctionFigures.fund_total)
    fund_basic = _Method("functions", FunctionFigures.fund_basic)
    fund_project = _Method("functions", FunctionFigures.fund_project)
    general_budget = _Value("functions", FunctionFigures.general_budget)
    general_only = _Value("functions", FunctionFigures.general_only)
    funds_known = _Value("functions", FunctionFigures.funds_known)
    general_basic = _Value("functions", FunctionFigures.general_basic)
    general_project = _Value("functions", FunctionFigures.general_project)
    general_total = _Value("functions", FunctionFigures.general_total)
    fiscal_expenditure = _Value("functions", FunctionFigures.fiscal_expenditure)
    fiscal_expenditure_total = _Value("functions", FunctionFigures.fiscal_expenditure_total)
    fiscal_classes = _Method("functions", FunctionFigures.fiscal_classes)
    lines_complete = _Value("functions", FunctionFigures.lines_complete)
    listed_classes = _Method("functions", FunctionFigures.listed_classes)
    classes_of_lines = _Value("functions", FunctionFigures.classes_of_lines)
    listed_fiscal_classes = _Method("functions", FunctionFigures.listed_fiscal_classes)
    function_totals = _Method("functions", FunctionFigures.function_totals)

    # -- by economic class (economic.py) ---------------------------------------------------------
    has_economic_rows = _Value("economic", EconomicFigures.has_economic_rows)
    basic_from_economic = _Value("economic", EconomicFigures.basic_from_economic)
    economic_tree = _Value("economic", EconomicFigures.economic_tree)
    economic_class = _Method("economic", EconomicFigures.economic_class)
    class_split = _Method("economic", EconomicFigures.class_split)
    classes_as_stated = _Method("economic", EconomicFigures.classes_as_stated)
    kinds_as_stated = _Method("economic", EconomicFigures.kinds_as_stated)
    unclassified_basic = _Value("economic", EconomicFigures.unclassified_basic)
    personnel = _Value("economic", EconomicFigures.personnel)
    public = _Value("economic", EconomicFigures.public)
    economic_totals = _Method("economic", EconomicFigures.economic_totals)
    general_by_class = _Value("economic", EconomicFigures.general_by_class)
    row_split = staticmethod(row_split)

    # -- projects, procurement, targets (projects.py) ----------------------------------------------
    projects_total = _Value("projects", ProjectFigures.projects_total)
    projects_sum = _Value("projects", ProjectFigures.projects_sum)
    projects_prior_total = _Value("projects", ProjectFigures.projects_prior_total)
    projects_funds = _Value("projects", ProjectFigures.projects_funds)
    project_funds = staticmethod(project_funds)
    procurement_total = _Value("projects", ProjectFigures.procurement_total)
    target_projects_total = _Value("projects", ProjectFigures.target_projects_total)
    managed_project_count = _Value("projects", ProjectFigures.managed_project_count)
    managed_amount = _Value("projects", ProjectFigures.managed_amount)
    target_projects_fiscal = _Value("projects", ProjectFigures.target_projects_fiscal)

    # -- “三公” (three_public.py) -----------------------------------------------------------------
    three_public_part = _Method("three_public", ThreePublicFigures.three_public_part)
    three_public_parts_total = _Value("three_public", ThreePublicFigures.three_public_parts_total)
    three_public_total = _Value("three_public", ThreePublicFigures.three_public_total)
    three_public_prior = _Value("three_public", ThreePublicFigures.three_public_prior)
    vehicles_total = _Value("three_public", ThreePublicFigures.vehicles_total)
    vehicles_prior = _Value("three_public", ThreePublicFigures.vehicles_prior)
    three_public_gap = _Method("three_public", ThreePublicFigures.three_public_gap)
    three_public_columns = _Method("three_public", ThreePublicFigures.three_public_columns)
    three_public_changes = _Method("three_public", ThreePublicFigures.three_public_changes)
    three_public_fund_columns = _Method("three_public", ThreePublicFigures.three_public_fund_columns)
    three_public_fund_changes = _Method("three_public", ThreePublicFigures.three_public_fund_changes)
    three_public_budget = _Method("three_public", ThreePublicFigures.three_public_budget)
    three_public_budget_columns = _Method("three_public", ThreePublicFigures.three_public_budget_columns)

    # -- 部门决算 (final.py) -------------------------------------------------------------------------
    fund_budget = _Method("final", FinalFigures.fund_budget)
    completion = staticmethod(completion)
    other_spending = _Method("final", FinalFigures.other_spending)
    fiscal_balance = _Method("final", FinalFigures.fiscal_balance)
    fiscal_grand_total = _Value("final", FinalFigures.fiscal_grand_total)
    final_prior = _Method("final", FinalFigures.final_prior)
    summary_line = _Method("final", FinalFigures.summary_line)

    # -- the prior year (priors.py) ---------------------------------------------------------------
    prior_total = _Method("priors", PriorFigures.prior_total)
    changes_alone = _Method("priors", PriorFigures.changes_alone)
    comparable_totals = _Method("priors", PriorFigures.comparable_totals)


def compute(budget: Budget) -> Computed:
    """The computed figures of a budget."""
    return Computed(budget)

