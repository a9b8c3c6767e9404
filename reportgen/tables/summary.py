"""The 总表: income beside spending — 部门收支总表 (表1), 部门收入总表 (表2), 财政拨款收支总表 (表4) —
and the forms a layout prints them in (上海's 部门财务收支预算总表 and 部门财政拨款收支预算总表).

Column labels are the official terms (the same words as the source keys); titles, numbers and
notes come from the templates.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal

from reportgen.compute import ZERO, Computed
from reportgen.compute.economic import PERSONNEL, PUBLIC
from reportgen.compute.phrasing import chinese_number
from reportgen.compute.printed import KINDS, kinds_of_basic, kinds_total, stated_kinds, summed_from_printed
from reportgen.docmodel.document import Cell, Row, RowKind
from reportgen.docmodel.model import FISCAL_SOURCES, INCOME_SOURCES, OWN_SOURCES, YEAR_INCOME, Budget
from reportgen.tablekinds import role
from reportgen.tables.builder import SummaryShape, TableBuilder, TableRows, head, paired, unit_name
from reportgen.tables.function import function_total
from reportgen.tables.specs import (
    CARRIED,
    FISCAL_COLUMNS,
    INCOME_CARRIED,
    LEVELS,
    OWN_FUNDS,
    THIS_YEAR,
    YEAR_FIRST,
    YEAR_SPENT,
    kept,
)
from reportgen.tables.spending_uses import basic_classes, figures_of_uses, with_uses

FISCAL_FUNDS = ("一般公共预算", "政府性基金", "国有资本经营")
_BLANK = ("", None, 0)
_SIDES_CELLS = 4  # a line of a 收支 table of one amount a side: name, amount, name, amount


def _line(num: Callable[[Decimal | None], Cell], name: str, value: Decimal | None, indent: int = 0) -> list[Cell]:
    """A line of one side of a 总表: its name and amount (no amount cell for a padding line)."""
    return [Cell(name, indent=indent), num(value) if name else Cell()]


def _spending_lines(f: Computed, shape: SummaryShape) -> list[tuple[str, Decimal | None, int]]:
    """The spending side of 表1: the function 类 where they itemise all the spending (and the 款, 项 under each, down to
    the layout's 层级; every line of its 类, where it lists them and the lines are known complete), else the 类 of the
    printed lines that give all of it (表行), else 基本支出 and 项目支出."""
    if f.functions_cover_all and shape.classes and shape.lines == "类" \
            and (listed := f.listed_classes(shape.classes)) is not None:
        return [(name, total, 0) for name, total in listed]
    if f.functions_cover_all:  # each line as this table (else the 支出总表) prints it (印出合计): one amount, rounded once
        width = LEVELS[shape.lines]
        return [(node.name, _printed(f, node.code, node.total), _depth(node.code))
                for top in f.function_tree() for node in top.walk() if len(node.code) <= width]
    # the 类 of the lines a table prints (表行: 北京's), else 基本支出 and 项目支出
    totals: list[tuple[str, Decimal | None]] = [("基本支出", f.basic), ("项目支出", f.project)]
    return [(name, total, 0) for name, total in (f.classes_of_lines or totals)]


def _printed(f: Computed, key: str, computed: Decimal | None) -> Decimal | None:
    """A spending line of 表1 (a function line's code, or 合计 for 本年支出合计) as the source states 表1 printed it
    (印出合计: a department of units, whose own lines 表1 alone prints), else as the 支出总表 printed it, else as its
    rows make it."""
    return f.printed_line(role("summary"), key, "合计", f.printed_line(role("spending"), key, "合计", computed))


def _depth(code: str) -> int:
    """A function line's indent beside its 类: 0 for a 类, 1 for a 款, 2 for a 项."""
    return sorted(LEVELS.values()).index(len(code)) if len(code) in LEVELS.values() else 0


def _fiscal_sum(builder: TableBuilder, indent: int = 0) -> list[tuple[str, Decimal | None, int]]:
    """The 财政拨款收入 line above its three kinds, where the layout's table prints it (表格.X.小计行)."""
    return [("财政拨款收入", builder.f.fiscal_income, indent)] if "财政拨款收入" in builder.summary_shape.subtotals else []


def _sources(builder: TableBuilder) -> list[tuple[str, Decimal | None, int]]:
    """表1's lines of income by source, the 单位资金 line above the unit's own (OWN_SOURCES) where the layout's table
    prints it (表格.X.小计行)."""
    f = builder.f
    own = [(OWN_FUNDS, f.own_income, 0)] if OWN_FUNDS in builder.summary_shape.subtotals else []
    lines: list[tuple[str, Decimal | None, int]] = []
    for name in INCOME_SOURCES:
        lines += [*(own if name == OWN_SOURCES[0] else []), (name, f.income_of(name), 1)]
    return lines


def _closing_lines(builder: TableBuilder) -> list[tuple[str, Decimal | None, str, Decimal | None, RowKind]]:
    """The totals under 表1's lines: 本年 合计, 上年结转 / 结转下年, 使用非财政拨款结余, 总计."""
    b, f = builder.b, builder.f
    carry_forward = b.carry_forward if f.expenditure_grand_total is not None or b.carry_forward else None
    spent = _printed(f, "合计", f.expenditure_total)
    lines: list[tuple[str, Decimal | None, str, Decimal | None, RowKind]] = [
        ("本年收入合计", f.income_total, "本年支出合计", spent, "subtotal"),
        ("上年结转", f.carried_over, "结转下年", carry_forward, "body"),
    ]
    if b.reserves_used:
        lines.append(("使用非财政拨款结余", b.reserves_used, "", None, "body"))
    grand = summed_from_printed(f.expenditure_grand_total, f.expenditure_total, spent)
    return [*lines, ("收入总计", f.income_grand_total, "支出总计", grand, "total")]


def spending_gap(builder: TableBuilder, tid: str) -> bool:
    """Whether the function 类, rounded, fail to add up to 本年支出合计 (where they itemise it: not where they are a
    part of it, functions_short)."""
    f = builder.f
    return (f.functions_cover_all and not f.functions_short and f.expenditure_total is not None
            and builder.tree_gap(tid, f.function_tree(), f.expenditure_total, lambda n: n.total))


def income_expenditure(builder: TableBuilder) -> TableRows:
    """表1 部门收支总表; each side's amount columns the layout's 列 (SUMMARY_COLUMNS: 长春's 本年预算 | 编制预算 | 上年结转),
    else 预算数 alone."""
    tid = role("summary")
    amounts = _SummaryAmounts(builder.num(tid), builder.summary_shape.columns or ("合计",), builder.f.carried_spent)
    f = builder.f
    left = _fiscal_sum(builder) + _sources(builder)
    body = [Row([*amounts.line(lname, lvalue, lindent), *amounts.line(rname, rvalue, rindent)], key=f"{lname}|{rname}")
            for (lname, lvalue, lindent), (rname, rvalue, rindent)
            in paired(left, _spending_lines(f, builder.summary_shape), _BLANK, _BLANK)]
    if builder.lacks_functions():
        note = builder.missing_functions_beside(len(amounts.columns) + 1)  # beside the income side's blank cells
        body.append(Row([*[Cell()] * (len(amounts.columns) - 1), *note.cells], key=note.key))
    for lname, lvalue, rname, rvalue, kind in _closing_lines(builder):
        body.append(Row([Cell(lname, bold=True), *amounts.cells(lvalue, lname == "上年结转"), Cell(rname, bold=True),
                         *amounts.cells(rvalue)], kind=kind, key=lname))
    width = len(amounts.columns)
    names = ["预算数"] if amounts.columns == ("合计",) else list(amounts.columns)
    header = [head(("收入", width + 1, 1), ("支出", width + 1, 1)), head("项目", *names, "项目", *names)]
    gap = builder.gap(tid, f.income_total, (f.income_of(s) for s in INCOME_SOURCES)) or spending_gap(builder, tid)
    rows = TableRows(header, body, [30, *[14] * width] * 2, rounding_gap=gap, functions_in_part=f.functions_short)
    uses = figures_of_uses(f)
    return with_uses(rows, builder.summary_shape.uses, uses, amounts.num, basic_classes(f, uses["基本支出"]))


@dataclass(frozen=True)
class _SummaryAmounts:
    """The amount cells of a line of either side of 表1: ``columns`` of SUMMARY_COLUMNS — the line's 合计 (this year's
    and its carry-over: this year's where the carry-over by line is none, else not known), this year's (THIS_YEAR),
    the carry-over's (CARRIED: ``carried``, compute's carried_spent)."""

    num: Callable[[Decimal | None], Cell]
    columns: tuple[str, ...]
    carried: Decimal | None

    def line(self, name: str, value: Decimal | None, indent: int = 0) -> list[Cell]:
        """A line's name and amounts (no amount cells for a padding line)."""
        return [Cell(name, indent=indent), *(self.cells(value) if name else [Cell()] * len(self.columns))]

    def cells(self, value: Decimal | None, carried_line: bool = False) -> list[Cell]:
        """A line's amounts; ``carried_line``: the 上年结转 line, all of it the carry-over's, none of it this year's."""
        if self.columns == ("合计",):
            return [self.num(value)]
        carried = value if carried_line else self.carried
        whole = value if carried_line else (value + self.carried if value is not None and self.carried is not None else None)
        found = {"合计": self.num(whole), THIS_YEAR: Cell("") if carried_line else self.num(value), CARRIED: self.num(carried)}
        return [found[column] for column in self.columns]


def income(builder: TableBuilder) -> TableRows:
    """表2 部门收入总表: the department's row (in a department of several units, its consolidated row,
    then a row per unit under it)."""
    tid = role("income")
    num = builder.num(tid)
    b, f = builder.b, builder.f
    reserves = bool(f.budget.reserves_used)  # a column of its own where the department draws on them
    parts = [fund for fund in INCOME_CARRIED.values() if fund in builder.asked_columns]  # 上年结转 by fund
    year = _year_income_printed(builder.asked_columns)
    header = _income_header(parts, reserves, year)
    values = [f.income_grand_total, *_if_printed(f.income_total, year), *(f.income_of(s) for s in INCOME_SOURCES),
              f.carried_over, *[f.carried_part] * len(parts), *_if_printed(b.reserves_used, reserves)]
    body = [
        Row([Cell("合计", bold=True, align="center"), *map(num, values)], kind="total", key="合计"),
        Row([Cell(b.department, indent=1), *map(num, values)], key=b.department),
    ]
    gap = builder.gap(tid, f.income_total, (f.income_of(s) for s in INCOME_SOURCES))
    if f.unit_figures:  # the department's consolidated row, then a row per unit under it
        body[1] = Row([Cell(b.department, bold=True), *map(num, values)], kind="subtotal", key=b.department)
        body += [Row([Cell(unit_name(unit.budget), indent=1), *map(num, _unit_income(unit, reserves, len(parts), year))],
                     key=f"单位:{unit.budget.department}") for unit in f.unit_figures]
        gap = gap or builder.gap(tid, f.income_total, [u.income_total for u in f.unit_figures])
    return TableRows(header, body, [22] + [9] * (len(values)), wide=True, rounding_gap=gap)


def _if_printed(value: Decimal | None, printed: bool) -> list[Decimal | None]:
    """A column's amount where the table prints the column, else no cell."""
    return [value] if printed else []


def _year_income_printed(columns: tuple[str, ...]) -> bool:
    """Whether 表2 prints its 本年收入 小计: unless the layout's 列 lists the columns printed (naming 合计) without it."""
    return "合计" not in columns or YEAR_INCOME in columns


def _income_header(parts: list[str], reserves: bool, year: bool = True) -> list[Row]:
    """表2's two header rows: 本年收入 its 小计 (``year``) and its sources; 上年结转 one column, or its 小计 and its
    ``parts`` by fund; 使用非财政拨款结余 where drawn on."""
    return [
        head(("单位名称", 1, 2), ("收入总计", 1, 2), ("本年收入", len(INCOME_SOURCES) + year, 1),
             ("上年结转", 1 + len(parts), 1 if parts else 2), *([("使用非财政拨款结余", 1, 2)] if reserves else [])),
        head(*(["小计"] if year else []), *INCOME_SOURCES,
             *(["小计", *(fund.removeprefix("上年结转") for fund in parts)] if parts else [])),
    ]


def _unit_income(unit: Computed, reserves: bool, parts: int = 0, year: bool = True) -> list[Decimal | None]:
    """A unit's amounts on 表2: 收入总计, 本年收入 (its 小计 where printed: ``year``) and its sources, 上年结转 (its
    ``parts`` by fund: INCOME_CARRIED; and 使用非财政拨款结余)."""
    return [unit.income_grand_total, *_if_printed(unit.income_total, year), *(unit.budget.income[s] for s in INCOME_SOURCES),
            unit.budget.carried_over, *[unit.carried_part] * parts, *_if_printed(unit.budget.reserves_used, reserves)]


def _fiscal_body(builder: TableBuilder, num: Callable[[Decimal | None], Cell],
                 left: list[tuple[str, Decimal | None, int]], right: Sequence[tuple[str, Sequence[Decimal | None]]],
                 depths: list[int] | None = None) -> list[Row]:
    """The lines of a 财政拨款收支总表: each fiscal source (with its indent) beside a function 类 (or 款, 项: indented
    by ``depths``) and its spending by fund."""
    body = []
    padding = ("", None, left[-1][2] if left else 0)  # a padding line indented as the last line above it
    for at, ((lname, lvalue, indent), (rname, rvalues)) in enumerate(paired(left, right, padding, ("", []))):
        cells = [Cell(lname, indent=indent), num(lvalue) if lname else Cell(),
                 Cell(rname, indent=depths[at] if depths and at < len(depths) else 0)]
        cells += [num(v) for v in rvalues] if rvalues else [Cell() for _ in range(4)]
        body.append(Row(cells, key=f"{lname}|{rname}"))
    if builder.lacks_functions():
        body.append(builder.missing_functions_beside(5))
    return body


def _fiscal_spending(f: Computed, shape: SummaryShape) -> tuple[Sequence[tuple[str, Sequence[Decimal | None]]], list[int]]:
    """The spending side of 表4 (each line with its amounts by fund) and each line's indent: the function 类 (and the
    款, 项 under each, down to the layout's 层级; every line of its 类, where it lists them and the lines are known
    complete); none without function rows."""
    if not f.has_function_rows:
        return [], []
    if shape.classes and shape.lines == "类" and f.functions_cover_all \
            and (listed := f.listed_fiscal_classes(shape.classes, FISCAL_FUNDS)) is not None:
        return listed, [0] * len(listed)
    lines = f.fiscal_classes(FISCAL_FUNDS, LEVELS[shape.lines])
    return [(name, f.printed_fiscal(code, amounts)) for code, name, amounts in lines], [_depth(code) for code, _, _ in lines]


def fiscal(builder: TableBuilder) -> TableRows:
    """表4 财政拨款收支总表."""
    tid = role("appropriations")
    num = builder.num(tid)
    f = builder.f
    left = _fiscal_sum(builder) + [(name, f.income_of(name), 1) for name in FISCAL_SOURCES]
    right, depths = _fiscal_spending(f, builder.summary_shape)
    body = _fiscal_body(builder, num, left, right, depths)
    spent = f.printed_fiscal("合计", [f.fiscal_expenditure_total, *(f.fiscal_expenditure[fund] for fund in FISCAL_FUNDS)])
    # the year's 合计: under the lines, else (小计行 本年收入) first, 本年收入 above the kinds beside 本年支出
    first = YEAR_FIRST in builder.summary_shape.subtotals
    year = Row([Cell(YEAR_FIRST if first else "本年收入合计", bold=True), num(f.fiscal_income),
                Cell(YEAR_SPENT if first else "本年支出合计", bold=True), *map(num, spent)], kind="total", key="合计")
    body = [year, *body] if first else [*body, year]
    body += _fiscal_closing(builder, num, spent)
    gap = builder.gap(tid, f.fiscal_income, (f.income_of(name) for name in FISCAL_SOURCES))
    if (columns := builder.summary_shape.columns):  # the spending amounts the layout's table prints (列)
        rows = _fiscal_columns(body, columns, gap, (num(f.carried_spent), f.carried_spent == 0))
        uses = figures_of_uses(f, FISCAL_FUNDS)
        return with_uses(rows, builder.summary_shape.uses, uses, num, basic_classes(f, uses["基本支出"]))
    header = [
        head(("收入", 2, 1), ("支出", 5, 1)),
        head(("项目", 1, 2), ("预算数", 1, 2), ("项目", 1, 2), ("合计", 1, 2), ("财政拨款", 3, 1)),
        head("一般公共预算", "政府性基金预算", "国有资本经营预算"),
    ]
    return TableRows(header, body, [24, 12, 30, 12, 12, 12, 12], wide=True, rounding_gap=gap)


def _fiscal_closing(builder: TableBuilder, num: Callable[[Decimal | None], Cell], spent: list[Decimal | None]) -> list[Row]:
    """The lines the layout's 财政拨款收支总表 prints under its 本年 合计 (结转与总计): 上年结转 beside 结转下年, then 收入总计
    beside 支出总计. A table printing no 上年结转 line (福州: 收入合计 under the three kinds) totals this year's
    appropriations alone, one printing no 结转下年 line this year's spending; else each 总计 is known where the part
    carried over (forward) is (none where the department carries nothing)."""
    closing, f = builder.summary_shape.closing, builder.f
    rows = [_carried_lines(closing, f, num, len(spent))] if {"上年结转", "结转下年"} & set(closing) else []
    if "总计" in closing:
        income = f.fiscal_income_grand_total if "上年结转" in closing else f.fiscal_income
        known = "结转下年" not in closing or f.fiscal_carry_forward is not None
        rows.append(Row([Cell("收入总计", bold=True), num(income), Cell("支出总计", bold=True),
                         *(num(v if known else None) for v in spent)], kind="total", key="收入总计"))
    return rows


def _carried_lines(closing: tuple[str, ...], f: Computed, num: Callable[[Decimal | None], Cell], width: int) -> Row:
    """上年结转 beside 结转下年 (each where the table prints it) on the 财政拨款收支总表, ``width`` amounts on the right."""
    left = [Cell("上年结转", bold=True), num(f.fiscal_carried_over)] if "上年结转" in closing else [Cell(), Cell()]
    right = [Cell("结转下年", bold=True), *(num(f.fiscal_carry_forward) for _ in range(width))] \
        if "结转下年" in closing else [Cell() for _ in range(width + 1)]
    return Row([*left, *right], key="上年结转|结转下年")


def _fiscal_columns(body: list[Row], columns: tuple[str, ...], gap: bool, carried: tuple[Cell, bool]) -> TableRows:
    """表4 with only the spending amount columns ``columns`` (表格.财政拨款收支总表.列: 深圳, 广州 … print 合计 alone); with
    THIS_YEAR and CARRIED (长春: 本年预算 | 编制预算 | 上年结转 on either side), 合计 and those on both sides, each line's
    carry-over the cell ``carried`` (compute's carried_spent, and whether that is known none)."""
    funds = [c for c in columns if c in FISCAL_COLUMNS]
    keep = [0, 1, 2, *(3 + FISCAL_COLUMNS.index(c) for c in funds)]
    body = [kept(row, keep) for row in body]
    if len(funds) < len(columns):
        return _fiscal_carried(body, columns, gap, carried)
    header = [head(("收入", 2, 1), ("支出", 1 + len(columns), 1)), head("项目", "预算数", "项目", *columns)]
    return TableRows(header, body, [24, 12, 30, *[12] * len(columns)], wide=len(columns) > 2, rounding_gap=gap)


def _fiscal_carried(body: list[Row], columns: tuple[str, ...], gap: bool, carried: tuple[Cell, bool]) -> TableRows:
    """表4 of one amount a side (its 合计) printed as ``columns`` of SUMMARY_COLUMNS on either side: each line's 合计
    (this year's and the carry-over's: this year's where ``carried`` is known none, blank where it is not known), this
    year's, the carry-over's; the 上年结转 line all carry-over."""
    width = len(columns)
    cell, none = carried

    def side(name: Cell, amount: Cell) -> list[Cell]:
        if not name.text:  # a padding line
            return [name, *[Cell() for _ in columns]]
        whole = amount if none else Cell("", align="right")
        found = {"合计": whole, THIS_YEAR: amount, CARRIED: cell}
        if name.text == "上年结转":
            found = {"合计": amount, THIS_YEAR: Cell("", align="right"), CARRIED: amount}
        return [name, *(found[column] for column in columns)]

    rows = []
    for row in body:
        if len(row.cells) == _SIDES_CELLS:  # name and amount, on either side
            rows.append(Row([*side(*row.cells[:2]), *side(*row.cells[2:])], kind=row.kind, key=row.key))
        else:  # the 待补充 note across the spending side
            note = row.cells[-1]
            rows.append(Row([*[Cell() for _ in range(width + 1)], replace(note, colspan=width + 1)], kind=row.kind,
                            key=row.key))
    header = [head(("收入", width + 1, 1), ("支出", width + 1, 1)), head("项目", *columns, "项目", *columns)]
    return TableRows(header, rows, [24, *[12] * width, 30, *[12] * width], wide=True, rounding_gap=gap)


# -- 上海: 部门财务收支预算总表, 部门财政拨款收支预算总表 -----------------------------------------
def _finance_income(b: Budget, f: Computed) -> list[tuple[str, Decimal | None, int]]:
    """The income side of 部门财务收支预算总表: (label, amount, indent) per line."""
    own = ["事业收入", "事业单位经营收入", "其他收入"]
    own += [s for s in INCOME_SOURCES if s not in FISCAL_SOURCES and s not in own and b.income[s]]
    left: list[tuple[str, Decimal | None, int]] = [(f"{chinese_number(1)}、财政拨款收入", f.fiscal_income, 0)]
    left += [(f"{i}. {name.removesuffix('拨款')}", f.income_of(name), 1) for i, name in enumerate(FISCAL_SOURCES, 1)]
    left += [(f"{chinese_number(i)}、{name}", f.income_of(name), 0) for i, name in enumerate(own, 2)]
    if b.carried_over:
        left.append((f"{chinese_number(len(left) - len(FISCAL_SOURCES) + 1)}、上年结转", b.carried_over, 0))
    if b.reserves_used:
        left.append((f"{chinese_number(len(left) - len(FISCAL_SOURCES) + 1)}、使用非财政拨款结余", b.reserves_used, 0))
    return left


def _finance_spending(b: Budget, f: Computed) -> list[tuple[str, Decimal | None, int]]:
    """The spending side: the function 类 numbered 一、二、… (基本/项目 支出 without function rows)."""
    if not f.functions_cover_all:
        return [(f"{chinese_number(1)}、基本支出", f.basic, 0), (f"{chinese_number(2)}、项目支出", f.project, 0)]
    right: list[tuple[str, Decimal | None, int]] = [(f"{chinese_number(i)}、{n.name}", n.total, 0)
                                                    for i, n in enumerate(f.function_tree(), 1)]
    if b.carry_forward:
        right.append((f"{chinese_number(len(right) + 1)}、结转下年", b.carry_forward, 0))
    return right


def finance(builder: TableBuilder) -> TableRows:
    """部门财务收支预算总表: 财政拨款收入 and its three kinds, the department's own income, and the
    function 类 numbered 一、二、…; 收入总计 and 支出总计. An income source Shanghai's table does not
    list gets a row when the department has it; so do 上年结转 and 结转下年."""
    tid = role("summary")
    num = builder.num(tid)
    b, f = builder.b, builder.f
    lines = paired(_finance_income(b, f), _finance_spending(b, f), _BLANK, _BLANK)
    body = [Row([*_line(num, lname, lvalue, indent), *_line(num, rname, rvalue)], key=f"{lname}|{rname}")
            for (lname, lvalue, indent), (rname, rvalue, _) in lines]
    body.append(Row([Cell("收入总计", bold=True), num(f.income_grand_total), Cell("支出总计", bold=True),
                     num(f.expenditure_grand_total)], kind="total", key="收入总计"))
    header = [head(("本年收入", 2, 1), ("本年支出", 2, 1)), head("项目", "预算数", "项目", "预算数")]
    gap = builder.gap(tid, f.income_total, (f.income_of(s) for s in INCOME_SOURCES))
    if f.functions_cover_all:
        gap = gap or builder.tree_gap(tid, f.function_tree(), function_total(f), lambda n: n.total)
    if (columns := builder.summary_shape.columns) and f.functions_cover_all and not b.carry_forward:
        return _finance_columns(builder, body, columns, gap)
    return TableRows(header, body, [30, 14, 30, 14], rounding_gap=gap)


def _finance_columns(builder: TableBuilder, body: list[Row], columns: tuple[str, ...], gap: bool) -> TableRows:
    """部门财务收支预算总表 whose spending side prints ``columns`` (表格.收支总表.列: 上海市级's 合计 | 人员经费 | 公用经费 |
    项目支出): each 类 (and 支出总计) by column as its function rows give it, blank where they do not (a 类 whose rows
    give 基本支出 alone has no 人员经费 the source states)."""
    num, f = builder.num(role("summary")), builder.f
    classes = [_class_line(f, n.code) for n in f.function_tree()]
    lines = [line for line, _ in classes] + [_spent_total(f, [kinds for _, kinds in classes])]
    wide = []
    for row, line in zip(body, [*lines[:-1], *([{}] * (len(body) - len(lines))), lines[-1]], strict=True):
        extra = [num(line.get(c)) if line else Cell() for c in columns[1:]]
        wide.append(Row([*row.cells, *extra], kind=row.kind, key=row.key))
    band = head(("本年收入", 2, 1), ("本年支出", 1 + len(columns), 1))
    header = [band, head("项目", "预算数", "项目", *columns)]
    return TableRows(header, wide, [30, 14, 30, *[14] * len(columns)], wide=True, rounding_gap=gap)


def _class_line(f: Computed, code: str) -> tuple[dict[str, Decimal | None], dict[str, Decimal] | None]:
    """A 类 by column as its function rows give it, with the 人员经费 and 公用经费 the source states this table printed
    where the rows give none (印出合计: 上海市级's, its function tables giving 基本支出 alone); and its two as they make
    its 基本支出 (None where not known: the rows' or the stated ones, the rest of 基本支出 beside one stated)."""
    line = f.table_line(role("spending"), code) or {}
    if any(line.get(kind) is not None for kind in KINDS):
        return line, {kind: line[kind] or ZERO for kind in KINDS}
    if not line.get("基本支出"):
        return line, {kind: ZERO for kind in KINDS} if line.get("基本支出") is not None else None
    kinds = kinds_of_basic(f.budget, role("summary"), code, line.get("基本支出"))
    return ({**line, **stated_kinds(f.budget, role("summary"), code)} if kinds else line), kinds


def _spent_total(f: Computed, classes: list[dict[str, Decimal] | None]) -> dict[str, Decimal | None]:
    """支出总计 by column: its 合计 the table's, the others as the 类 make them; 人员经费 and 公用经费 where the 类 do not
    give them, as the 经济分类 lines make them where those are all of 基本支出 (never a part: economic_in_part), else as
    the 类's two (``classes``) add up, where every 类's are known."""
    line = {**(f.table_line(role("spending"), "合计") or {}), "合计": f.expenditure_grand_total}
    whole = not f.economic_in_part and line.get("基本支出") is not None \
        and f.economic.basic_from_economic == line.get("基本支出")
    split = {PERSONNEL: f.economic.personnel, PUBLIC: f.economic.public} if whole else kinds_total(classes)
    return {**line, **{kind: line.get(kind) if line.get(kind) is not None else value for kind, value in split.items()}}


def fiscal_by_fund(builder: TableBuilder) -> TableRows:
    """部门财政拨款收支预算总表: 一、一般公共预算 … 三、国有资本经营预算 beside the function 类 with
    their amounts by fund; 收入总计 and 支出总计."""
    tid = role("appropriations")
    num = builder.num(tid)
    f = builder.f
    left = [(f"{chinese_number(i)}、{name.removesuffix('拨款')}", f.income_of(name), 0)
            for i, name in enumerate(FISCAL_SOURCES, 1)]
    right = [(f"{chinese_number(i)}、{name}", amounts)
             for i, (_, name, amounts) in enumerate(f.fiscal_classes(FISCAL_FUNDS), 1)]
    body = _fiscal_body(builder, num, left, right)
    fiscal = f.fiscal_expenditure
    body.append(Row([Cell("收入总计", bold=True), num(f.fiscal_income), Cell("支出总计", bold=True),
                     num(f.fiscal_expenditure_total), *(num(fiscal[fund]) for fund in FISCAL_FUNDS)], kind="total",
                    key="合计"))
    header = [
        head(("财政拨款收入", 2, 1), ("财政拨款支出", 5, 1)),
        head("项目", "预算数", "项目", "合计", "一般公共预算", "政府性基金预算", "国有资本经营预算"),
    ]
    return TableRows(header, body, [22, 12, 28, 12, 12, 12, 12], wide=True,
                     rounding_gap=builder.gap(tid, f.fiscal_income, (v for _, v, _ in left)))
