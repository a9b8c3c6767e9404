"""The standard tables 1–9, built once as format-neutral Tables from the computed figures.

Column labels are the official terms (the same words as the source keys); titles, numbers and
notes come from templates/narrative/tables.j2. Rounding gaps (shown parts that do not add up to
the shown total) are detected here so the template can add the 尾数误差 note.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from reportgen.compute import ZERO, Figures, Node
from reportgen.document import Cell, Row, Table
from reportgen.model import FISCAL_SOURCES, INCOME_SOURCES, THREE_PUBLIC_PARTS
from reportgen.phrasing import Money

LEVEL_INDENT = {"类": 0, "款": 1, "项": 2}
MISSING_FUNCTIONS = "待补充：功能分类明细（支出.功能分类）"
MISSING_ECONOMIC = "待补充：经济分类明细（支出.基本支出.经济分类）"


@dataclass
class TableRows:
    """A table's bands before the template gives it a number and title."""

    header: list[Row]
    body: list[Row]
    widths: list[int]
    wide: bool = False
    rounding_gap: bool = False
    notes: list[str] = field(default_factory=list)


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


class TableBuilder:
    """One method per standard table; each returns TableRows in the table's display unit."""

    def __init__(self, figures: Figures, money: Money) -> None:
        self.f = figures
        self.b = figures.budget
        self.money = money

    def build_all(self) -> dict[str, TableRows]:
        return {
            "收支总表": self.income_expenditure(),
            "收入总表": self.income(),
            "支出总表": self.expenditure(),
            "财政拨款收支总表": self.fiscal(),
            "一般公共预算支出表": self.general_budget(),
            "一般公共预算基本支出表": self.general_basic(),
            "三公经费支出表": self.three_public(),
            "政府性基金预算支出表": self.fund_table("政府性基金"),
            "国有资本经营预算支出表": self.fund_table("国有资本经营"),
            "项目支出表": self.projects(),
        }

    # -- helpers -----------------------------------------------------------------------------
    def num(self, table_id: str) -> Callable[[Decimal | None], Cell]:
        unit = self.money.unit(table_id)

        def cell(amount: Decimal | None) -> Cell:
            return Cell(self.money.number(amount, unit), align="right")

        return cell

    def gap(self, table_id: str, total: Decimal, parts: Iterable[Decimal]) -> bool:
        """True when the shown parts do not add up to the shown total (尾数误差)."""
        unit = self.money.unit(table_id)
        shown_parts = sum((self.money.shown(p, unit) for p in parts), ZERO)
        return shown_parts != self.money.shown(total, unit)

    def tree_gap(self, table_id: str, nodes: list[Node], total: Decimal, value: Callable[[Node], Decimal]) -> bool:
        if self.gap(table_id, total, (value(n) for n in nodes)):
            return True
        return any(
            node.children and self.gap(table_id, value(node), (value(c) for c in node.children))
            for top in nodes
            for node in top.walk()
        )

    @staticmethod
    def missing_row(text: str, columns: int) -> Row:
        return Row([Cell(text, colspan=columns, missing=True)], key="待补充")

    # -- 表1 部门收支总表 ----------------------------------------------------------------------
    def income_expenditure(self) -> TableRows:
        tid = "收支总表"
        num = self.num(tid)
        left = [(name, self.b.income[name], 1) for name in INCOME_SOURCES]
        right: list[tuple[str, Decimal | None, int]] = []
        if self.f.has_function_rows:
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
        if not self.f.has_function_rows:
            body.append(Row([Cell(), Cell(), Cell(MISSING_FUNCTIONS, colspan=2, missing=True)], key="待补充"))
        totals = [
            ("本年收入合计", self.f.income_total, "本年支出合计", self.f.expenditure_total, "subtotal"),
            ("上年结转", self.b.carried_over, "结转下年", self.b.carry_forward, "body"),
            ("收入总计", self.f.income_grand_total, "支出总计", self.f.expenditure_grand_total, "total"),
        ]
        for lname, lvalue, rname, rvalue, kind in totals:
            body.append(
                Row([Cell(lname, bold=True), num(lvalue), Cell(rname, bold=True), num(rvalue)], kind=kind, key=lname)  # type: ignore[arg-type]
            )
        header = [head(("收入", 2, 1), ("支出", 2, 1)), head("项目", "预算数", "项目", "预算数")]
        gap = self.gap(tid, self.f.income_total, self.b.income.values())
        if self.f.has_function_rows:
            gap = gap or self.tree_gap(tid, self.f.function_tree(), self.f.expenditure_total, lambda n: n.total)
        return TableRows(header, body, [30, 14, 30, 14], rounding_gap=gap)

    # -- 表2 部门收入总表 ----------------------------------------------------------------------
    def income(self) -> TableRows:
        tid = "收入总表"
        num = self.num(tid)
        header = [
            head(("单位名称", 1, 2), ("收入总计", 1, 2), ("本年收入", len(INCOME_SOURCES) + 1, 1), ("上年结转", 1, 2)),
            head("小计", *INCOME_SOURCES),
        ]
        values = [self.f.income_grand_total, self.f.income_total, *(self.b.income[s] for s in INCOME_SOURCES),
                  self.b.carried_over]
        body = [
            Row([Cell("合计", bold=True, align="center"), *map(num, values)], kind="total", key="合计"),
            Row([Cell(self.b.department, indent=1), *map(num, values)], key=self.b.department),
        ]
        gap = self.gap(tid, self.f.income_total, self.b.income.values())
        return TableRows(header, body, [22] + [9] * (len(values)), wide=True, rounding_gap=gap)

    # -- 表3 部门支出总表 / 表5 一般公共预算支出表 / 表8, 表9 -----------------------------------
    def function_table(self, tid: str, nodes: list[Node], basic: Decimal | None, project: Decimal | None,
                       with_prior: bool = False) -> TableRows:
        num = self.num(tid)
        total = (basic or ZERO) + (project or ZERO)
        columns = ["科目编码", "科目名称", "合计", "基本支出", "项目支出"]
        widths = [14, 40, 14, 14, 14]
        if with_prior:
            columns += ["上年预算数", "增减"]
            widths += [14, 14]
        extra: list[Cell] = []
        if with_prior:
            prior_total = sum((n.prior or ZERO for n in nodes), ZERO) if all(n.prior is not None for n in nodes) else None
            extra = [num(prior_total), num(None if prior_total is None else total - prior_total)]
        body = [Row([Cell("合计", colspan=2, align="center", bold=True), num(total), num(basic), num(project), *extra],
                    kind="total", key="合计")]
        for top in nodes:
            for node in top.walk():
                cells = [Cell(node.code), Cell(node.name, indent=LEVEL_INDENT[node.level]), num(node.total),
                         num(node.basic), num(node.project)]
                if with_prior:
                    cells += [num(node.prior), num(None if node.prior is None else node.total - node.prior)]
                body.append(Row(cells, kind="subtotal" if node.level != "项" else "body", key=node.code))
        gap = self.tree_gap(tid, nodes, total, lambda n: n.total) if nodes else False
        return TableRows([head(*columns)], body, widths, wide=with_prior, rounding_gap=gap)

    def expenditure(self) -> TableRows:
        rows = self.function_table("支出总表", self.f.function_tree(), self.f.basic, self.f.project)
        if not self.f.has_function_rows:
            rows.body.append(self.missing_row(MISSING_FUNCTIONS, 5))
        return rows

    def general_budget(self) -> TableRows:
        nodes = self.f.function_tree("一般公共预算")
        with_prior = any(n.prior is not None for top in nodes for n in top.walk())
        rows = self.function_table("一般公共预算支出表", nodes, self.f.general_basic, self.f.general_project, with_prior)
        if not self.f.has_function_rows:
            rows.body.append(self.missing_row(MISSING_FUNCTIONS, len(rows.widths)))
        return rows

    def fund_table(self, fund: str) -> TableRows:
        tid = f"{fund}预算支出表"
        if not self.f.has_function_rows:
            amount = self.f.fiscal_expenditure[fund]
            rows = self.function_table(tid, [], None, None)
            if amount:
                rows.body.append(self.missing_row(MISSING_FUNCTIONS, 5))
            return rows
        return self.function_table(tid, self.f.function_tree(fund), self.f.fund_basic(fund), self.f.fund_project(fund))

    # -- 表4 财政拨款收支总表 ------------------------------------------------------------------
    def fiscal(self) -> TableRows:
        tid = "财政拨款收支总表"
        num = self.num(tid)
        funds = ("一般公共预算", "政府性基金", "国有资本经营")
        left = [(name, self.b.income[name]) for name in FISCAL_SOURCES]
        right: list[tuple[str, list[Decimal]]] = []
        if self.f.has_function_rows:
            by_fund = {fund: {n.code: n.total for n in self.f.function_tree(fund)} for fund in funds}
            codes_seen: dict[str, str] = {}
            for fund in funds:
                for node in self.f.function_tree(fund):
                    codes_seen.setdefault(node.code, node.name)
            for code, name in sorted(codes_seen.items()):
                amounts = [by_fund[fund].get(code, ZERO) for fund in funds]
                right.append((name, [sum(amounts, ZERO), *amounts]))
        body = []
        for index in range(max(len(left), len(right))):
            lname, lvalue = left[index] if index < len(left) else ("", None)
            rname, rvalues = right[index] if index < len(right) else ("", [])
            cells = [Cell(lname, indent=1), num(lvalue) if lname else Cell(), Cell(rname)]
            cells += [num(v) for v in rvalues] if rvalues else [Cell() for _ in range(4)]
            body.append(Row(cells, key=f"{lname}|{rname}"))
        if not self.f.has_function_rows:
            body.append(Row([Cell(), Cell(), Cell(MISSING_FUNCTIONS, colspan=5, missing=True)], key="待补充"))
        fiscal = self.f.fiscal_expenditure
        spent = [sum(fiscal.values(), ZERO), *(fiscal[fund] for fund in funds)]
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
            body.append(self.missing_row(MISSING_ECONOMIC, 7))
            return TableRows(header, body, widths, wide=True)
        year = self.b.year
        from reportgen import codes

        for node in self.f.economic_tree:
            is_personnel = node.code in ("301", "303")
            split = [num(node.basic), num(node.basic if is_personnel else ZERO), num(ZERO if is_personnel else node.basic)]
            body.append(Row([Cell(node.code), Cell(node.name, bold=True), Cell(), Cell(), *split], kind="subtotal",
                            key=node.code))
            for row in (r for r in self.b.economic_rows if r.code[:3] == node.code):
                parts = list(row.government.items()) or [("", row.amount)]
                for index, (gov_code, amount) in enumerate(parts):
                    entry = codes.government_economic_entry(gov_code, year) if gov_code else None
                    cells = []
                    if index == 0:
                        span = len(parts)
                        cells += [Cell(row.code, rowspan=span), Cell(row.name, indent=1, rowspan=span)]
                    values = [num(amount), num(amount if is_personnel else ZERO), num(ZERO if is_personnel else amount)]
                    cells += [Cell(gov_code), Cell(entry.name if entry else ""), *values]
                    body.append(Row(cells, key=f"{row.code}/{gov_code}"))
        gap = self.tree_gap(tid, self.f.economic_tree, self.f.general_basic or ZERO, lambda n: n.basic)
        return TableRows(header, body, widths, wide=True, rounding_gap=gap)

    # -- 表7 “三公”经费支出表 -------------------------------------------------------------------
    def three_public(self) -> TableRows:
        tid = "三公经费支出表"
        num = self.num(tid)
        parts = self.b.three_public.parts
        header = [
            head(("年度", 1, 2), ("合计", 1, 2), ("因公出国（境）费", 1, 2), ("公务接待费", 1, 2),
                 ("公务用车购置及运行维护费", 3, 1)),
            head("小计", "公务用车购置费", "公务用车运行维护费"),
        ]

        def row(label: str, values: list[Decimal | None], kind: str = "body") -> Row:
            return Row([Cell(label, align="center"), *map(num, values)], kind=kind, key=label)  # type: ignore[arg-type]

        current = [self.f.three_public_total, parts[THREE_PUBLIC_PARTS[0]].current, parts[THREE_PUBLIC_PARTS[1]].current,
                   self.f.vehicles_total, parts[THREE_PUBLIC_PARTS[2]].current, parts[THREE_PUBLIC_PARTS[3]].current]
        body = []
        prior_total = self.f.three_public_prior
        if prior_total is not None:
            prior = [prior_total, parts[THREE_PUBLIC_PARTS[0]].prior, parts[THREE_PUBLIC_PARTS[1]].prior,
                     self.f.vehicles_prior, parts[THREE_PUBLIC_PARTS[2]].prior, parts[THREE_PUBLIC_PARTS[3]].prior]
            body.append(row(f"{self.b.prior.year}年", prior))
            body.append(row(f"{self.b.year}年", current))
            body.append(row("增减变化", [c - p for c, p in zip(current, prior, strict=True)], "subtotal"))  # type: ignore[operator]
        else:
            body.append(row(f"{self.b.year}年", current))
        gap = self.gap(tid, self.f.three_public_total, (p.current for p in parts.values()))
        return TableRows(header, body, [16, 12, 14, 12, 12, 14, 16], wide=False, rounding_gap=gap)

    # -- 表10 项目支出表 -------------------------------------------------------------------------
    def projects(self) -> TableRows:
        tid = "项目支出表"
        num = self.num(tid)
        projects = self.b.projects
        with_prior = any(p.prior is not None for p in projects)
        header = [head("项目名称", "功能科目", f"{self.b.year}年预算数", *([f"{self.b.prior.year}年预算数", "增减"] if with_prior else []))]
        total = self.f.projects_total or ZERO
        prior_known = with_prior and all(p.prior is not None for p in projects)
        prior_total = sum((p.prior or ZERO for p in projects), ZERO) if prior_known else None
        extra = [num(prior_total), num(None if prior_total is None else total - prior_total)] if with_prior else []
        body = [Row([Cell("合计", colspan=2, align="center", bold=True), num(total), *extra], kind="total", key="合计")]
        for p in projects:
            cells = [Cell(p.name), Cell(p.code), num(p.amount)]
            if with_prior:
                cells += [num(p.prior), num(None if p.prior is None else p.amount - p.prior)]
            body.append(Row(cells, key=p.name))
        widths = [40, 14, 16] + ([16, 14] if with_prior else [])
        return TableRows(header, body, widths, rounding_gap=self.gap(tid, total, (p.amount for p in projects)))


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
