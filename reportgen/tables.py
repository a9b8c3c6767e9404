"""The standard tables 1–9, built once as format-neutral Tables from the computed figures.

Column labels are the official terms (the same words as the source keys); titles, numbers and
notes come from templates/narrative/tables.j2. Rounding gaps (shown parts that do not add up to
the shown total) are detected here so the template can add the 尾数误差 note.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from reportgen import templating
from reportgen.compute import ZERO, Computed, Node, code_name, difference, growth_rate, rounding_gap, tree_rounding_gap
from reportgen.document import Cell, Row, Table
from reportgen.model import (
    FISCAL_SOURCES,
    INCOME_SOURCES,
    Budget,
    EconomicRow,
    Indicator,
    Project,
    ProjectTarget,
    TargetTask,
    WholeTargets,
)
from reportgen.phrasing import Money, percent
from reportgen.records import Record

LEVEL_INDENT = {"类": 0, "款": 1, "项": 2}
# What a table misses when the source does not give it: (what, source field), worded by the
# template _cells.j2.
MISSING_FUNCTIONS = ("功能分类明细", "支出.功能分类")
MISSING_ECONOMIC = ("经济分类明细", "支出.基本支出.经济分类")


@dataclass(repr=False, eq=False)
class TableRows(Record):
    """A table's bands before the template gives it a number and title."""

    header: list[Row]
    body: list[Row]
    widths: list[int]
    wide: bool = False
    rounding_gap: bool = False
    notes: list[str] = field(default_factory=list)
    missing: list[tuple[str, str]] = field(default_factory=list)  # (what, source field) its 待补充 cells stand for
    unsplit: list[str] = field(default_factory=list)  # its function lines without a 基本/项目 split, “名称（编码）”
    # the one fund whose function rows the source gives (功能分类口径), where the table is of all money
    functions_of: str = ""


def head(*labels: str | tuple[str, int, int]) -> Row:
    """A header row; a label may be (text, colspan, rowspan)."""
    cells = []
    for label in labels:
        if isinstance(label, tuple):
            text, colspan, rowspan = label
            cells.append(Cell(text, colspan=colspan, rowspan=rowspan, align="center", bold=True))
        else:
            cells.append(Cell(label, align="center", bold=True))
    return Row(cells, kind="header")



def _task_columns(tasks: list[TargetTask]) -> list[str]:
    """The columns of 年度主要任务 that its tasks fill."""
    columns = ["任务名称", "主要内容"]
    if any(t.indicator_text for t in tasks):
        columns.append("绩效指标")
    if any(t.amount is not None or t.fiscal is not None or t.other is not None for t in tasks):
        columns += ["金额", "财政拨款", "其他资金"]
    if any(t.period for t in tasks):
        columns.append("实施时间")
    return columns


def _indicator_columns(indicators: list[Indicator]) -> list[str]:
    """The columns of 年度绩效指标 that its indicators fill."""
    return (["一级指标", "二级指标", "三级指标"] + ["绩效指标描述"] * any(i.description for i in indicators)
            + ["指标值"] + ["指标值确定依据"] * any(i.basis for i in indicators))

@dataclass(frozen=True)
class _FunctionColumns:
    """The amount columns of a function table: 合计, 基本支出, 项目支出, then 上年预算数 and 增减,
    then 上年执行数, 增减额 and 增减率, as asked."""

    num: Callable[[Decimal | None], Cell]
    with_prior: bool
    with_actual: bool

    @property
    def names(self) -> list[str]:
        return (["科目编码", "科目名称", "合计", "基本支出", "项目支出"] + ["上年预算数", "增减"] * self.with_prior
                + ["上年执行数", "增减额", "增减率"] * self.with_actual)

    @property
    def widths(self) -> list[int]:
        return [14, 40, 14, 14, 14] + [14, 14] * self.with_prior + [14, 14, 10] * self.with_actual

    def amounts(self, total: Decimal | None, basic: Decimal | None, project: Decimal | None, prior: Decimal | None,
                executed: Decimal | None) -> list[Cell]:
        num = self.num
        cells = [num(total), num(basic), num(project)]
        if self.with_prior:
            cells += [num(prior), num(difference(total, prior))]
        if self.with_actual:
            rate = growth_rate(total, executed) if total is not None else None
            cells += [num(executed), num(difference(total, executed)), Cell(percent(rate), align="right")]
        return cells


class TableBuilder:
    """One method per standard table; each returns TableRows in the table's display unit."""

    def __init__(self, figures: Computed, money: Money, overrides: list[Path] | None = None) -> None:
        self.f = figures
        self.b = figures.budget
        self.money = money
        self.overrides = overrides
        self.missing_parts: list[tuple[str, str]] = []

    def missing(self, what: tuple[str, str]) -> str:
        """The text of a cell standing for a missing part (templates/narrative/_cells.j2); the part
        is recorded, so that a normal render stops and names it (only a draft shows the cell)."""
        self.missing_parts.append(what)
        return str(templating.words("narrative", "_cells.j2", self.overrides).missing(*what))

    def shows_missing(self, part: str) -> bool:
        """Whether a table marks ``part`` (功能分类明细, 经济分类明细) as missing: not when the source
        declares it not published (不公开); the table then shows the levels that exist."""
        return part not in self.b.not_published

    def recording(self, build: Callable[[TableBuilder], TableRows]) -> TableRows:
        """``build(self)``, with the parts its 待补充 cells stand for recorded on the table (the
        document counts them only for the tables a template places)."""
        self.missing_parts = []
        rows = build(self)
        rows.missing = self.missing_parts
        return rows

    # -- helpers -----------------------------------------------------------------------------
    def num(self, table_id: str) -> Callable[[Decimal | None], Cell]:
        unit = self.money.unit(table_id)

        def cell(amount: Decimal | None) -> Cell:
            return Cell(self.money.number(amount, unit), align="right")

        return cell

    def shown(self, table_id: str) -> Callable[[Decimal], Decimal]:
        """An amount as the table shows it (its unit, rounded): what the 尾数误差 check compares."""
        unit = self.money.unit(table_id)
        return lambda amount: self.money.shown(amount, unit)

    def gap(self, table_id: str, total: Decimal | None, parts: Iterable[Decimal | None]) -> bool:
        """True when the shown parts do not add up to the shown total (尾数误差); never where the
        total or a part is not known (nothing shown to add up)."""
        known = list(parts)
        if total is None or any(part is None for part in known):
            return False
        return rounding_gap(total, (part or ZERO for part in known), self.shown(table_id))

    def tree_gap(self, table_id: str, nodes: list[Node], total: Decimal, value: Callable[[Node], Decimal]) -> bool:
        return tree_rounding_gap(nodes, total, value, self.shown(table_id))

    @staticmethod
    def missing_row(text: str, columns: int) -> Row:
        return Row([Cell(text, colspan=columns, missing=True)], key="待补充")

    # -- 表1 部门收支总表 ----------------------------------------------------------------------
    def income_expenditure(self) -> TableRows:
        tid = "收支总表"
        num = self.num(tid)
        left = [(name, self.f.income_of(name), 1) for name in INCOME_SOURCES]
        right: list[tuple[str, Decimal | None, int]] = []
        if self.f.functions_cover_all:
            for node in self.f.function_tree():
                right.append((node.name, node.total, 0))
        else:
            right = [("基本支出", self.f.basic, 0), ("项目支出", self.f.project, 0)]
        body = []
        for index in range(max(len(left), len(right))):
            lname, lvalue, lindent = left[index] if index < len(left) else ("", None, 0)
            rname, rvalue, rindent = right[index] if index < len(right) else ("", None, 0)
            body.append(
                Row(
                    [Cell(lname, indent=lindent), num(lvalue) if lname else Cell(), Cell(rname, indent=rindent),
                     num(rvalue) if rname else Cell()],
                    key=f"{lname}|{rname}",
                )
            )
        if not self.f.has_function_rows and self.shows_missing("功能分类明细"):
            body.append(Row([Cell(), Cell(), Cell(self.missing(MISSING_FUNCTIONS), colspan=2, missing=True)], key="待补充"))
        totals = [
            ("本年收入合计", self.f.income_total, "本年支出合计", self.f.expenditure_total, "subtotal"),
            ("上年结转", self.f.carried_over, "结转下年",
             self.b.carry_forward if self.f.expenditure_grand_total is not None or self.b.carry_forward else None, "body"),
            *([("使用非财政拨款结余", self.b.reserves_used, "", None, "body")] if self.b.reserves_used else []),
            ("收入总计", self.f.income_grand_total, "支出总计", self.f.expenditure_grand_total, "total"),
        ]
        for lname, lvalue, rname, rvalue, kind in totals:
            body.append(
                Row([Cell(lname, bold=True), num(lvalue), Cell(rname, bold=True), num(rvalue)], kind=kind, key=lname)  # type: ignore[arg-type]
            )
        header = [head(("收入", 2, 1), ("支出", 2, 1)), head("项目", "预算数", "项目", "预算数")]
        gap = self.gap(tid, self.f.income_total, (self.f.income_of(s) for s in INCOME_SOURCES))
        if self.f.functions_cover_all and self.f.expenditure_total is not None:
            gap = gap or self.tree_gap(tid, self.f.function_tree(), self.f.expenditure_total, lambda n: n.total)
        return TableRows(header, body, [30, 14, 30, 14], rounding_gap=gap)

    # -- 表2 部门收入总表 ----------------------------------------------------------------------
    def income(self) -> TableRows:
        tid = "收入总表"
        num = self.num(tid)
        reserves = bool(self.f.budget.reserves_used)  # a column of its own where the department draws on them
        header = [
            head(("单位名称", 1, 2), ("收入总计", 1, 2), ("本年收入", len(INCOME_SOURCES) + 1, 1), ("上年结转", 1, 2),
                 *([("使用非财政拨款结余", 1, 2)] if reserves else [])),
            head("小计", *INCOME_SOURCES),
        ]
        values = [self.f.income_grand_total, self.f.income_total, *(self.f.income_of(s) for s in INCOME_SOURCES),
                  self.f.carried_over, *([self.b.reserves_used] if reserves else [])]
        body = [
            Row([Cell("合计", bold=True, align="center"), *map(num, values)], kind="total", key="合计"),
            Row([Cell(self.b.department, indent=1), *map(num, values)], key=self.b.department),
        ]
        gap = self.gap(tid, self.f.income_total, (self.f.income_of(s) for s in INCOME_SOURCES))
        if self.f.unit_figures:  # the department's consolidated row, then a row per unit under it
            body[1] = Row([Cell(self.b.department, bold=True), *map(num, values)], kind="subtotal", key=self.b.department)
            for unit in self.f.unit_figures:
                unit_values = [unit.income_grand_total, unit.income_total,
                               *(unit.budget.income[s] for s in INCOME_SOURCES), unit.budget.carried_over,
                               *([unit.budget.reserves_used] if reserves else [])]
                body.append(Row([Cell(unit_name(unit.budget), indent=1), *map(num, unit_values)],
                                key=f"单位:{unit.budget.department}"))
            gap = gap or self.gap(tid, self.f.income_total, [u.income_total for u in self.f.unit_figures])
        return TableRows(header, body, [22] + [9] * (len(values)), wide=True, rounding_gap=gap)

    # -- 表3 部门支出总表 / 表5 一般公共预算支出表 / 表8, 表9 -----------------------------------
    def function_table(self, tid: str, nodes: list[Node], basic: Decimal | None, project: Decimal | None,
                       total: Decimal | None, with_prior: bool = False, actual: dict[str, Decimal | None] | None = None,
                       actual_total: Decimal | None = None) -> TableRows:
        """科目编码, 科目名称, 合计, 基本支出, 项目支出 — with ``with_prior``, 上年预算数 and 增减; with
        ``actual`` (上年执行数 by code, ``actual_total`` the table's), 上年执行数, 增减额 and 增减率."""
        columns = _FunctionColumns(self.num(tid), with_prior, actual is not None)
        prior_total = self.f.tree_prior(nodes) if with_prior else None
        body = [Row([Cell("合计", colspan=2, align="center", bold=True),
                     *columns.amounts(total, basic, project, prior_total, actual_total)], kind="total", key="合计")]
        for top in nodes:
            for node in top.walk():
                executed = actual.get(node.code) if actual is not None else None
                body.append(Row([Cell(node.code), Cell(node.name, indent=LEVEL_INDENT[node.level]),
                                 *columns.amounts(node.total, node.basic, node.project, node.prior, executed)],
                                kind="subtotal" if node.level != "项" else "body", key=node.code))
        gap = bool(nodes) and self.function_gap(tid, nodes, (total, basic, project), prior_total, actual, actual_total)
        unsplit = [f"{n.name}（{n.code}）" for top in nodes for n in top.walk() if not n.children and n.basic is None]
        return TableRows([head(*columns.names)], body, columns.widths, wide=with_prior or actual is not None,
                         rounding_gap=gap, unsplit=unsplit)

    def function_gap(self, tid: str, nodes: list[Node], wholes: tuple[Decimal | None, ...], prior_total: Decimal | None,
                     actual: dict[str, Decimal | None] | None, actual_total: Decimal | None) -> bool:
        """Whether a function table's rows, rounded, fail to add up to its rounded 合计 in any column."""
        values: tuple[Callable[[Node], Decimal], ...] = (lambda n: n.total, lambda n: n.basic_part,
                                                         lambda n: n.project_part)
        split = all(n.basic is not None for n in nodes)  # else the rows show no 基本/项目 to add up
        if any(whole is not None and (split or index == 0) and self.tree_gap(tid, nodes, whole, value)
               for index, (value, whole) in enumerate(zip(values, wholes, strict=True))):
            return True
        return self.prior_gap(tid, nodes, wholes[0], prior_total) or self.actual_gap(tid, nodes, wholes[0], actual,
                                                                                    actual_total)

    def prior_gap(self, tid: str, nodes: list[Node], total: Decimal | None, prior_total: Decimal | None) -> bool:
        """Whether the 上年 and 增减 columns fail to add up, rounded."""
        if prior_total is None:
            return False
        return self.gap(tid, prior_total, (n.prior or ZERO for n in nodes)) or self.gap(
            tid, difference(total, prior_total) or ZERO, (n.difference or ZERO for n in nodes))

    def actual_gap(self, tid: str, nodes: list[Node], total: Decimal | None, actual: dict[str, Decimal | None] | None,
                   actual_total: Decimal | None) -> bool:
        """Whether the 上年执行数 and its 增减额 columns fail to add up, rounded."""
        if actual is None or actual_total is None or total is None:
            return False
        tops = [actual.get(n.code) or ZERO for n in nodes]
        return self.gap(tid, actual_total, tops) or self.gap(
            tid, total - actual_total, (n.total - (actual.get(n.code) or ZERO) for n in nodes))

    def expenditure(self) -> TableRows:
        rows = self.function_table("支出总表", self.f.function_tree(), self.f.basic, self.f.project,
                                   self.f.expenditure_total)
        if self.f.unit_figures:  # 合计, then each unit's row followed by its own function rows
            rows.body[1:] = self.unit_function_rows("支出总表")
            units = [u.expenditure_total for u in self.f.unit_figures]
            total, parts = self.f.expenditure_total, [u for u in units if u is not None]
            if total is not None and len(parts) == len(units):
                rows.rounding_gap = rows.rounding_gap or self.gap("支出总表", total, parts)
        if not self.f.has_function_rows and self.shows_missing("功能分类明细"):
            rows.body.append(self.missing_row(self.missing(MISSING_FUNCTIONS), 5))
        rows.functions_of = self.b.function_scope  # its rows are that fund's only: said in a note
        return rows

    def unit_function_rows(self, tid: str) -> list[Row]:
        num = self.num(tid)
        body = []
        for unit in self.f.unit_figures:
            name = unit.budget.department
            body.append(Row([Cell(unit.budget.unit_code), Cell(name, bold=True), num(unit.expenditure_total),
                             num(unit.basic), num(unit.project)], kind="subtotal", key=f"单位:{name}"))
            for top in unit.function_tree():
                for node in top.walk():
                    body.append(Row([Cell(node.code), Cell(node.name, indent=LEVEL_INDENT[node.level] + 1),
                                     num(node.total), num(node.basic), num(node.project)],
                                    kind="subtotal" if node.level != "项" else "body", key=f"{name}/{node.code}"))
        return body

    def general_budget(self) -> TableRows:
        nodes = self.f.function_tree("一般公共预算")
        with_prior = any(n.prior is not None for top in nodes for n in top.walk())
        executed = {n.code: n.prior for top in self.f.actual.function_tree("一般公共预算") for n in top.walk()}
        with_actual = any(value is not None for value in executed.values())
        rows = self.function_table("一般公共预算支出表", nodes, self.f.general_basic, self.f.general_project,
                                   self.f.general_total, with_prior, executed if with_actual else None,
                                   self.f.actual.tree_prior(self.f.actual.function_tree("一般公共预算")))
        if not self.f.has_function_rows and self.shows_missing("功能分类明细"):
            rows.body.append(self.missing_row(self.missing(MISSING_FUNCTIONS), len(rows.widths)))
        return rows

    def fund_table(self, fund: str) -> TableRows:
        tid = f"{fund}预算支出表"
        if not self.f.has_function_rows:
            amount = self.f.fiscal_expenditure[fund]  # the fund's total as stated: its split is not known
            rows = self.function_table(tid, [], None, None, amount)
            if amount and self.shows_missing("功能分类明细"):
                rows.body.append(self.missing_row(self.missing(MISSING_FUNCTIONS), 5))
            return rows
        return self.function_table(tid, self.f.function_tree(fund), self.f.fund_basic(fund), self.f.fund_project(fund),
                                   self.f.fund_total(fund))

    # -- 表4 财政拨款收支总表 ------------------------------------------------------------------
    def fiscal(self) -> TableRows:
        tid = "财政拨款收支总表"
        num = self.num(tid)
        funds = ("一般公共预算", "政府性基金", "国有资本经营")
        left = [(name, self.f.income_of(name)) for name in FISCAL_SOURCES]
        right: list[tuple[str, list[Decimal]]] = []
        if self.f.has_function_rows:
            right = [(name, amounts) for _, name, amounts in self.f.fiscal_classes(funds)]
        body = []
        for index in range(max(len(left), len(right))):
            lname, lvalue = left[index] if index < len(left) else ("", None)
            rname, rvalues = right[index] if index < len(right) else ("", [])
            cells = [Cell(lname, indent=1), num(lvalue) if lname else Cell(), Cell(rname)]
            cells += [num(v) for v in rvalues] if rvalues else [Cell() for _ in range(4)]
            body.append(Row(cells, key=f"{lname}|{rname}"))
        if not self.f.has_function_rows and self.shows_missing("功能分类明细"):
            body.append(Row([Cell(), Cell(), Cell(self.missing(MISSING_FUNCTIONS), colspan=5, missing=True)], key="待补充"))
        fiscal = self.f.fiscal_expenditure
        spent = [self.f.fiscal_expenditure_total, *(fiscal[fund] for fund in funds)]
        body.append(Row([Cell("本年收入合计", bold=True), num(self.f.fiscal_income), Cell("本年支出合计", bold=True),
                         *map(num, spent)], kind="total", key="合计"))
        header = [
            head(("收入", 2, 1), ("支出", 5, 1)),
            head(("项目", 1, 2), ("预算数", 1, 2), ("项目", 1, 2), ("合计", 1, 2), ("财政拨款", 3, 1)),
            head("一般公共预算", "政府性基金预算", "国有资本经营预算"),
        ]
        return TableRows(header, body, [24, 12, 30, 12, 12, 12, 12], wide=True,
                         rounding_gap=self.gap(tid, self.f.fiscal_income, (v for _, v in left)))

    # -- 表6 一般公共预算基本支出表 --------------------------------------------------------------
    def general_basic(self) -> TableRows:
        tid = "一般公共预算基本支出表"
        num = self.num(tid)
        header = [
            head(("部门预算经济分类", 2, 1), ("政府预算经济分类", 2, 1), ("一般公共预算基本支出", 3, 1)),
            head("科目编码", "科目名称", "科目编码", "科目名称", "合计", "人员经费", "公用经费"),
        ]
        widths = [12, 30, 12, 26, 12, 12, 12]
        personnel, public = self.f.personnel, self.f.public
        body = [Row([Cell("合计", colspan=4, align="center", bold=True), num(self.f.general_basic), num(personnel),
                     num(public)], kind="total", key="合计")]
        if not self.f.has_economic_rows:
            body.append(self.missing_row(self.missing(MISSING_ECONOMIC), 7))
            return TableRows(header, body, widths, wide=True)
        for node in self.f.economic_tree:
            split = [num(node.basic), *map(num, self.f.class_split(node.code))]
            body.append(Row([Cell(node.code), Cell(node.name, bold=True), Cell(), Cell(), *split], kind="subtotal",
                            key=node.code))
            for row in (r for r in self.b.economic_rows if r.code[:3] == node.code and r.code != node.code):
                body += self.government_rows(row)
        gap = self.tree_gap(tid, self.f.economic_tree, self.f.general_basic or ZERO, lambda n: n.basic_part)
        for column, whole in ((0, personnel), (1, public)):  # the 人员经费 and 公用经费 columns round too
            shares = [self.f.class_split(n.code)[column] or ZERO for n in self.f.economic_tree]
            gap = gap or (whole is not None and self.gap(tid, whole, shares))
        return TableRows(header, body, widths, wide=True, rounding_gap=gap)

    def government_rows(self, row: EconomicRow) -> list[Row]:
        """An economic 款 row, one line per 政府经济分类 it maps to (its code and name spanning them)."""
        num = self.num("一般公共预算基本支出表")
        parts = list(row.government.items()) or [("", row.amount)]
        rows = []
        for index, (gov_code, amount) in enumerate(parts):
            gov_name = code_name(self.b, "政府经济分类", gov_code) if gov_code else None
            cells = [Cell(row.code, rowspan=len(parts)), Cell(row.name, indent=1, rowspan=len(parts))] if index == 0 else []
            cells += [Cell(gov_code), Cell(gov_name or ""), num(amount), *map(num, self.f.row_split(row, amount))]
            rows.append(Row(cells, key=f"{row.code}/{gov_code}"))
        return rows

    # -- 表7 “三公”经费支出表 -------------------------------------------------------------------
    def three_public(self) -> TableRows:
        tid = "三公经费支出表"
        num = self.num(tid)
        header = [
            head(("年度", 1, 2), ("合计", 1, 2), ("因公出国（境）费", 1, 2), ("公务接待费", 1, 2),
                 ("公务用车购置及运行维护费", 3, 1)),
            head("小计", "公务用车购置费", "公务用车运行维护费"),
        ]

        def row(label: str, values: list[Decimal | None], kind: str = "body") -> Row:
            return Row([Cell(label, align="center"), *map(num, values)], kind=kind, key=label)  # type: ignore[arg-type]

        current = self.f.three_public_columns()
        body = []
        if not self.b.three_public.stated:  # never 0.00 for what the source does not give
            body.append(self.missing_row(self.missing(("“三公”经费", "三公经费")), 7))
        elif self.f.three_public_total is None:  # a part left out, and no 合计: the rows cannot be said
            for name in self.b.three_public.unknown:
                body.append(self.missing_row(self.missing((f"“三公”经费中的{name}", f"三公经费.{name}")), 7))
        else:
            executed = self.f.actual.three_public_prior is not None  # 上年执行数: rows of their own
            if self.f.three_public_prior is not None:
                body.append(row(f"{self.b.prior.year}年", self.f.three_public_columns(prior=True)))
            if executed:
                body.append(row(f"{self.b.prior.year}年执行数", self.f.actual.three_public_columns(prior=True)))
            body.append(row(f"{self.b.year}年", current))
            if self.f.three_public_prior is not None:
                body.append(row("增减变化", self.f.three_public_changes(), "subtotal"))
            if executed:
                body.append(row("比执行数增减", self.f.actual.three_public_changes(), "subtotal"))
        gap = self.f.three_public_gap(self.shown(tid))
        return TableRows(header, body, [16, 12, 14, 12, 12, 14, 16], wide=False, rounding_gap=gap)

    # -- 表10 项目支出表 -------------------------------------------------------------------------
    def projects(self) -> TableRows:
        """项目支出表: each project (by unit, under the unit's row, in a department of several),
        with 上年预算数 and 增减 where any project states its prior year."""
        projects = self.b.projects
        with_prior = any(p.prior is not None for p in projects)
        header = [head("项目名称", "功能科目", f"{self.b.year}年预算数", *([f"{self.b.prior.year}年预算数", "增减"] if with_prior else []))]
        total, prior_total = self.f.projects_sum, self.f.projects_prior_total
        amounts = self.project_amounts(with_prior)
        body = [Row([Cell("合计", colspan=2, align="center", bold=True), *amounts(total, prior_total)], kind="total",
                    key="合计")]
        groups: list[tuple[Computed | None, list[Project]]] = [(None, projects)]
        if self.f.unit_figures:  # each unit's row, then its projects
            groups = [(unit, unit.budget.projects) for unit in self.f.unit_figures]
        for unit, unit_projects in groups:
            if unit is not None:
                body.append(Row([Cell(unit_name(unit.budget), colspan=2, bold=True),
                                 *amounts(unit.projects_sum, unit.projects_prior_total)], kind="subtotal",
                                key=f"单位:{unit.budget.department}"))
            body += [Row([Cell(p.name, indent=1 if unit is not None else 0), Cell(p.code), *amounts(p.amount, p.prior)],
                         key=f"{p.unit}/{p.name}" if p.unit else p.name) for p in unit_projects]
        widths = [40, 14, 16] + ([16, 14] if with_prior else [])
        return TableRows(header, body, widths, rounding_gap=self.projects_gap(projects, total, prior_total))

    def projects_gap(self, projects: list[Project], total: Decimal, prior_total: Decimal | None) -> bool:
        """Whether the project rows, rounded, fail to add up to the 合计 (the 上年 and 增减 columns too)."""
        tid = "项目支出表"
        if self.gap(tid, total, (p.amount for p in projects)):
            return True
        if prior_total is None or not any(p.prior is not None for p in projects):
            return False
        return self.gap(tid, prior_total, (p.prior or ZERO for p in projects)) or self.gap(
            tid, difference(total, prior_total) or ZERO, (difference(p.amount, p.prior) or ZERO for p in projects))

    def project_amounts(self, with_prior: bool) -> Callable[[Decimal, Decimal | None], list[Cell]]:
        """The amount cells of a row of 项目支出表: this year's, and last year's with the change."""
        num = self.num("项目支出表")

        def amounts(amount: Decimal, prior: Decimal | None) -> list[Cell]:
            return [num(amount), *([num(prior), num(difference(amount, prior))] if with_prior else [])]

        return amounts

    # -- 绩效目标表: 部门整体绩效目标表, 项目绩效目标表-N -----------------------------------------
    def performance_targets(self) -> dict[str, TableRows]:
        """The whole-department target table and one table per project, when the source has them."""
        targets = self.b.targets
        if targets is None:
            return {}
        tables = {}
        if targets.whole is not None:
            whole = targets.whole
            tables["整体绩效目标表"] = self.recording(lambda builder: builder.whole_targets(whole))
        for index, project in enumerate(targets.projects, 1):
            tables[f"项目绩效目标表-{index}"] = self.recording(
                lambda builder, project=project: builder.project_targets(project))  # type: ignore[misc]
        return tables

    @staticmethod
    def label(text: str, colspan: int = 1, rowspan: int = 1) -> Cell:
        return Cell(text, colspan=colspan, rowspan=rowspan, align="center", bold=True, header=True)

    @staticmethod
    def numbered(texts: list[str]) -> str:
        """One text as it is; several as 1.… 2.…"""
        if len(texts) == 1:
            return texts[0]
        return "".join(f"{index}.{text}" for index, text in enumerate(texts, 1))

    @staticmethod
    def spread(count: int, width: int, wide: int) -> list[int]:
        """Colspans placing ``count`` columns on ``width`` grid columns; column ``wide`` takes the rest."""
        spans = [1] * count
        spans[wide] += width - count
        return spans

    def indicator_rows(self, indicators: list[Indicator], columns: list[str], spans: list[int]) -> list[Row]:
        """一级/二级/三级指标 rows; 一级 and 二级 cells merged down over their groups."""
        rows = []
        for index, item in enumerate(indicators):
            first1 = index == 0 or indicators[index - 1].level1 != item.level1
            first2 = first1 or indicators[index - 1].level2 != item.level2
            rest1 = rest2 = 0
            for later in indicators[index + 1:]:
                if later.level1 != item.level1:
                    break
                rest1 += 1
            for later in indicators[index + 1:]:
                if later.level1 != item.level1 or later.level2 != item.level2:
                    break
                rest2 += 1
            values = {"一级指标": item.level1, "二级指标": item.level2, "三级指标": item.level3,
                      "绩效指标描述": item.description, "指标值": item.value, "指标值确定依据": item.basis}
            cells = []
            for column, span in zip(columns, spans, strict=True):
                if column == "一级指标":
                    if first1:
                        cells.append(Cell(item.level1, colspan=span, rowspan=rest1 + 1, align="center"))
                elif column == "二级指标":
                    if first2:
                        cells.append(Cell(item.level2, colspan=span, rowspan=rest2 + 1, align="center"))
                else:
                    cells.append(Cell(values[column], colspan=span, align="center" if column == "指标值" else "left"))
            rows.append(Row(cells, key=f"指标{index + 1}:{item.level3}"))
        return rows

    def whole_targets(self, whole: WholeTargets) -> TableRows:
        """部门整体绩效目标表: 年度总体目标, then 年度主要任务 and 年度绩效指标, each with the columns
        its items fill (a column no item fills is left out)."""
        tid = "整体绩效目标表"
        tasks, indicators = whole.tasks, whole.indicators
        task_columns, indicator_columns = _task_columns(tasks), _indicator_columns(indicators)
        width = max(len(task_columns) if tasks else 1, len(indicator_columns) if indicators else 1)
        body = self.goal_rows(whole.goals or [""], width)
        if tasks:
            body += self.task_rows(tasks, task_columns, width)
        if indicators:
            spans = self.spread(len(indicator_columns), width, 2)
            body.append(Row([self.label("年度绩效指标", rowspan=len(indicators) + 1),
                             *(self.label(c, s) for c, s in zip(indicator_columns, spans, strict=True))],
                            kind="subheader", key="指标表头"))
            body += self.indicator_rows(indicators, indicator_columns, spans)
        gap = any(t.amount is not None and t.fiscal is not None and t.other is not None
                  and self.gap(tid, t.amount, (t.fiscal, t.other)) for t in tasks)
        # Two columns are a short task name beside its long content; more share the width evenly.
        widths = [14, 26, 60] if width == 2 else [14] + [86 // width] * width
        return TableRows([], body, widths, rounding_gap=bool(gap))

    def goal_rows(self, goals: list[str], width: int) -> list[Row]:
        rows = []
        for index, goal in enumerate(goals):
            cells = [self.label("年度总体目标", rowspan=len(goals))] if index == 0 else []
            if goal:
                cells.append(Cell(f"{index + 1}.{goal}" if len(goals) > 1 else goal, colspan=width))
            else:
                cells.append(Cell(self.missing(("年度总体目标", "绩效目标.整体.年度总体目标")), colspan=width, missing=True))
            rows.append(Row(cells, key=f"总体目标{index + 1}"))
        return rows

    def task_rows(self, tasks: list[TargetTask], columns: list[str], width: int) -> list[Row]:
        num = self.num("整体绩效目标表")
        spans = self.spread(len(columns), width, 1)
        rows = [Row([self.label("年度主要任务", rowspan=len(tasks) + 1),
                     *(self.label(c, s) for c, s in zip(columns, spans, strict=True))], kind="subheader", key="任务表头")]
        for task in tasks:
            values: dict[str, Cell] = {
                "任务名称": Cell(task.name), "主要内容": Cell(task.content), "绩效指标": Cell(task.indicator_text),
                "金额": num(task.amount), "财政拨款": num(task.fiscal), "其他资金": num(task.other),
                "实施时间": Cell(task.period, align="center"),
            }
            for column, span in zip(columns, spans, strict=True):
                values[column].colspan = span
            rows.append(Row([values[column] for column in columns], key=f"任务:{task.name}"))
        return rows

    def project_targets(self, project: ProjectTarget) -> TableRows:
        """项目支出绩效目标表 on a grid of seven columns, laid out as the published tables are."""
        tid = "项目绩效目标表"
        num = self.num(tid)
        label = self.label
        # the project's code and name head the table: repeated on every page it runs over
        header = [Row([label("项目编码"), Cell(project.code, colspan=2), label("项目名称"), Cell(project.name, colspan=3)],
                      kind="header", key="项目")]
        body = [
            Row([label("预算规模及资金用途", rowspan=2), label("预算数"), num(project.amount), label("其中：财政资金"),
                 num(project.fiscal), label("其他资金"), num(project.other)], key="金额"),
            Row([Cell(project.use, colspan=6)], key="用途"),
        ]
        spans = (1, 1, 2, 2)
        if project.plan:
            body.append(Row([label("资金支出计划（%）", rowspan=2),
                             *(label(p.label, s) for p, s in zip(project.plan, spans, strict=True))], key="支出计划"))
            body.append(Row([Cell(p.text, colspan=s, align="center") for p, s in zip(project.plan, spans, strict=True)],
                            key="支出进度"))
        # no plan given: the table has no plan rows (a published table without one has none either)
        if project.goals:
            body.append(Row([label("绩效目标"), Cell(self.numbered(project.goals), colspan=6)], key="绩效目标"))
        else:
            body.append(Row([label("绩效目标"), Cell(self.missing(("总体目标", "绩效目标.项目.总体目标")), colspan=6, missing=True)],
                            key="绩效目标"))
        columns = ["一级指标", "二级指标", "三级指标", "绩效指标描述", "指标值", "指标值确定依据"]
        spans_i = [1, 1, 1, 2, 1, 1]
        body.append(Row([label(c, s) for c, s in zip(columns, spans_i, strict=True)], key="指标表头"))
        if project.indicators:
            body += self.indicator_rows(project.indicators, columns, spans_i)
        else:
            body.append(self.missing_row(self.missing(("绩效指标", "绩效目标.项目.指标")), 7))
        gap = (project.fiscal is not None and project.other is not None
               and self.gap(tid, project.amount, (project.fiscal, project.other)))
        return TableRows(header, body, [14, 12, 16, 12, 16, 12, 18], rounding_gap=gap)


# The standard tables, each once: its id (what a template's <table ref> names) and its builder.
# A template places them, titles them and notes them; their numbers follow from that order.
REGISTRY: tuple[tuple[str, Callable[[TableBuilder], TableRows]], ...] = (
    ("收支总表", TableBuilder.income_expenditure),
    ("收入总表", TableBuilder.income),
    ("支出总表", TableBuilder.expenditure),
    ("财政拨款收支总表", TableBuilder.fiscal),
    ("一般公共预算支出表", TableBuilder.general_budget),
    ("一般公共预算基本支出表", TableBuilder.general_basic),
    ("三公经费支出表", TableBuilder.three_public),
    ("政府性基金预算支出表", lambda builder: builder.fund_table("政府性基金")),
    ("国有资本经营预算支出表", lambda builder: builder.fund_table("国有资本经营")),
    ("项目支出表", TableBuilder.projects),
)


class Tables(Mapping[str, TableRows]):
    """The tables of one render by id, each built on first use: a layout places a few of the
    registry's tables and variants, and a table it does not place costs nothing."""

    def __init__(self, builder: TableBuilder, builds: dict[str, Callable[[TableBuilder], TableRows]],
                 built: dict[str, TableRows]) -> None:
        self._builder = builder
        self._builds = builds
        self._built = dict(built)

    def __getitem__(self, table_id: str) -> TableRows:
        if table_id not in self._built:
            build = self._builds[table_id]  # KeyError for an unknown id, as a dict
            self._built[table_id] = self._builder.recording(build)
        return self._built[table_id]

    def __iter__(self) -> Iterator[str]:
        return iter([*self._builds, *(k for k in self._built if k not in self._builds)])

    def __len__(self) -> int:
        return len(set(self._builds) | set(self._built))

    def __contains__(self, table_id: object) -> bool:
        return table_id in self._builds or table_id in self._built


def unit_name(unit: Budget) -> str:
    """A budget unit as its rows name it: 单位代码 and name (505 洛阳市总工会), or the name alone."""
    return f"{unit.unit_code} {unit.department}" if unit.unit_code else unit.department


def build_table(rows: TableRows, table_id: str, number: str, title: str, department_line: str, unit_line: str,
                notes: list[str]) -> Table:
    """Give a table's rows the number, title and notes its template chose."""
    return Table(
        id=table_id,
        number=number,
        title=title,
        department_line=department_line,
        unit_line=unit_line,
        header=rows.header,
        body=rows.body,
        widths=rows.widths,
        notes=notes,
        wide=rows.wide,
    )
