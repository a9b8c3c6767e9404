"""Table variants: the standard tables as a locality's layout prints them — other rows, other
columns, other labels — built by TableBuilder's methods over the same figures, never copies of a
table. A layout's tables.j2 places one by its id (``<table ref="…">``); the part of the id before
the first "-" is the standard table it varies, so it shares that table's unit (展示.表格单位).

Column labels are the official terms, as in tables.py; titles, numbers and notes come from the
layout's templates."""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from decimal import Decimal

from reportgen.compute import ZERO, Computed
from reportgen.document import Cell, Row
from reportgen.model import FISCAL_SOURCES, INCOME_SOURCES, Budget
from reportgen.phrasing import chinese_number
from reportgen.table_specs import TableSpec, reshape
from reportgen.tables import MISSING_FUNCTIONS, REGISTRY, TableBuilder, TableRows, Tables, head


# -- 上海: the nine tables of a Shanghai district department budget ------------------------------
def _code_levels(code: str) -> list[Cell]:
    """A function or economic code in its 类 / 款 / 项 columns: 2080501 → 208 | 05 | 01."""
    pieces = [code[:3], code[3:5], code[5:7]]
    return [Cell(piece, align="center") for piece in pieces]


def _function_total(f: Computed) -> Decimal:
    """支出合计 of a source with function rows, which give both 基本支出 and 项目支出."""
    total = f.expenditure_total
    assert total is not None, "function rows give 基本支出 and 项目支出"
    return total


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


def _finance_spending(b: Budget, f: Computed) -> list[tuple[str, Decimal | None]]:
    """The spending side: the function 类 numbered 一、二、… (基本/项目 支出 without function rows)."""
    if not f.functions_cover_all:
        return [(f"{chinese_number(1)}、基本支出", f.basic), (f"{chinese_number(2)}、项目支出", f.project)]
    right: list[tuple[str, Decimal | None]] = [(f"{chinese_number(i)}、{n.name}", n.total)
                                               for i, n in enumerate(f.function_tree(), 1)]
    if b.carry_forward:
        right.append((f"{chinese_number(len(right) + 1)}、结转下年", b.carry_forward))
    return right


def finance(builder: TableBuilder) -> TableRows:
    """部门财务收支预算总表: 财政拨款收入 and its three kinds, the department's own income, and the
    function 类 numbered 一、二、…; 收入总计 and 支出总计. An income source Shanghai's table does not
    list gets a row when the department has it; so do 上年结转 and 结转下年."""
    tid = "收支总表"
    num = builder.num(tid)
    b, f = builder.b, builder.f
    left, right = _finance_income(b, f), _finance_spending(b, f)
    body = []
    for index in range(max(len(left), len(right))):
        lname, lvalue, indent = left[index] if index < len(left) else ("", None, 0)
        rname, rvalue = right[index] if index < len(right) else ("", None)
        body.append(Row([Cell(lname, indent=indent), num(lvalue) if lname else Cell(), Cell(rname),
                         num(rvalue) if rname else Cell()], key=f"{lname}|{rname}"))
    body.append(Row([Cell("收入总计", bold=True), num(f.income_grand_total), Cell("支出总计", bold=True),
                     num(f.expenditure_grand_total)], kind="total", key="收入总计"))
    header = [head(("本年收入", 2, 1), ("本年支出", 2, 1)), head("项目", "预算数", "项目", "预算数")]
    gap = builder.gap(tid, f.income_total, (f.income_of(s) for s in INCOME_SOURCES))
    if f.functions_cover_all:
        gap = gap or builder.tree_gap(tid, f.function_tree(), _function_total(f), lambda n: n.total)
    return TableRows(header, body, [30, 14, 30, 14], rounding_gap=gap)


def income_by_function(builder: TableBuilder) -> TableRows:
    """部门收入预算总表: income by function item — 合计, 财政拨款收入, 事业收入, 事业单位经营收入,
    其他收入 (and any other source the department has). A split the source does not give is left
    blank, never 0.00."""
    tid = "收入总表"
    num = builder.num(tid)
    b, f = builder.b, builder.f
    columns = ["事业收入", "事业单位经营收入", "其他收入"]
    columns += [s for s in INCOME_SOURCES if s not in FISCAL_SOURCES and s not in columns and b.income[s]]
    split = f.income_by_function()

    def values(code: str, total: Decimal | None) -> list[Cell]:
        amounts = split[code]
        fiscal = [amounts[s] for s in FISCAL_SOURCES]
        fiscal_total = None if any(a is None for a in fiscal) else sum((a or ZERO for a in fiscal), ZERO)
        return [num(total), num(fiscal_total), *(num(amounts[s]) for s in columns)]

    body = []
    for top in f.function_tree():
        for node in top.walk():
            body.append(Row([*_code_levels(node.code), Cell(node.name), *values(node.code, node.total)],
                            kind="subtotal" if node.level != "项" else "body", key=node.code))
    if not f.has_function_rows and builder.shows_missing("功能分类明细"):
        body.append(builder.missing_row(builder.missing(MISSING_FUNCTIONS), 6 + len(columns)))
    body.append(Row([Cell("合计", colspan=4, align="center", bold=True), *values("合计", f.expenditure_total)],
                    kind="total", key="合计"))
    header = [
        head(("项目", 4, 1), ("收入预算", 2 + len(columns), 1)),
        head(("功能分类科目编码", 3, 1), ("功能分类科目名称", 1, 2), ("合计", 1, 2), ("财政拨款收入", 1, 2),
             *((c, 1, 2) for c in columns)),
        head("类", "款", "项"),
    ]
    gap = f.functions_cover_all and builder.tree_gap(tid, f.function_tree(), _function_total(f), lambda n: n.total)
    return TableRows(header, body, [6, 5, 5, 34, *[13] * (2 + len(columns))], wide=True, rounding_gap=gap)


def fiscal_by_fund(builder: TableBuilder) -> TableRows:
    """部门财政拨款收支预算总表: 一、一般公共预算 … 三、国有资本经营预算 beside the function 类 with
    their amounts by fund; 收入总计 and 支出总计."""
    tid = "财政拨款收支总表"
    num = builder.num(tid)
    f = builder.f
    funds = ("一般公共预算", "政府性基金", "国有资本经营")
    left = [(f"{chinese_number(i)}、{name.removesuffix('拨款')}", f.income_of(name)) for i, name in enumerate(FISCAL_SOURCES, 1)]
    right = [(f"{chinese_number(i)}、{name}", amounts) for i, (_, name, amounts) in enumerate(f.fiscal_classes(funds), 1)]
    body = []
    for index in range(max(len(left), len(right))):
        lname, lvalue = left[index] if index < len(left) else ("", None)
        rname, rvalues = right[index] if index < len(right) else ("", [])
        cells = [Cell(lname), num(lvalue) if lname else Cell(), Cell(rname)]
        cells += [num(v) for v in rvalues] if rvalues else [Cell() for _ in range(4)]
        body.append(Row(cells, key=f"{lname}|{rname}"))
    if not f.has_function_rows and builder.shows_missing("功能分类明细"):
        body.append(Row([Cell(), Cell(), Cell(builder.missing(MISSING_FUNCTIONS), colspan=5, missing=True)],
                        key="待补充"))
    fiscal = f.fiscal_expenditure
    body.append(Row([Cell("收入总计", bold=True), num(f.fiscal_income), Cell("支出总计", bold=True),
                     num(f.fiscal_expenditure_total), *(num(fiscal[fund]) for fund in funds)], kind="total", key="合计"))
    header = [
        head(("财政拨款收入", 2, 1), ("财政拨款支出", 5, 1)),
        head("项目", "预算数", "项目", "合计", "一般公共预算", "政府性基金预算", "国有资本经营预算"),
    ]
    return TableRows(header, body, [22, 12, 28, 12, 12, 12, 12], wide=True,
                     rounding_gap=builder.gap(tid, f.fiscal_income, (v for _, v in left)))


def basic_by_department_classes(builder: TableBuilder) -> TableRows:
    """一般公共预算基本支出部门预算经济分类预算表: the 部门预算经济分类 in 类 / 款 columns with
    合计, 人员经费 and 公用经费 (no 政府预算经济分类)."""
    rows = builder.general_basic()
    tid = "一般公共预算基本支出表"
    num = builder.num(tid)
    f, b = builder.f, builder.b
    header = [
        head(("项目", 3, 1), ("一般公共预算基本支出", 3, 1)),
        head(("部门预算经济分类科目编码", 2, 1), ("经济分类科目名称", 1, 2), ("合计", 1, 2), ("人员经费", 1, 2),
             ("公用经费", 1, 2)),
        head("类", "款"),
    ]
    body = []
    if not f.has_economic_rows:  # the standard table's note, across this table's six columns
        body = [TableBuilder.missing_row(row.cells[0].text, 6) for row in rows.body if row.key == "待补充"]
    for node in f.economic_tree:
        body.append(Row([Cell(node.code, align="center"), Cell(), Cell(node.name, bold=True), num(node.basic_part),
                         *map(num, f.class_split(node.code))], kind="subtotal", key=node.code))
        for row in (r for r in b.economic_rows if r.code[:3] == node.code and r.code != node.code):
            body.append(Row([Cell(row.code[:3], align="center"), Cell(row.code[3:5], align="center"),
                             Cell(row.name, indent=1), num(row.amount), *map(num, f.row_split(row))], key=row.code))
    body.append(Row([Cell("合计", colspan=3, align="center", bold=True), num(f.general_basic), num(f.personnel),
                     num(f.public)], kind="total", key="合计"))
    return TableRows(header, body, [6, 5, 36, 14, 14, 14], rounding_gap=rows.rounding_gap)


def three_public_and_running(builder: TableBuilder) -> TableRows:
    """部门“三公”经费和机关运行经费预算表: this year's “三公”经费 by part beside 机关运行经费, one row."""
    tid = "三公经费支出表"
    num = builder.num(tid)
    b, f = builder.b, builder.f
    header = [
        head(("“三公”经费预算数", 6, 1), ("机关运行经费预算数", 1, 3)),
        head(("合计", 1, 2), ("因公出国（境）费", 1, 2), ("公务接待费", 1, 2), ("公务用车购置及运行费", 3, 1)),
        head("小计", "购置费", "运行费"),
    ]
    if not b.three_public.stated:
        cells = [Cell(builder.missing(("“三公”经费", "三公经费")), colspan=6, missing=True)]
    elif f.three_public_total is None:  # a part left out, and no 合计
        name = b.three_public.unknown[0]
        cells = [Cell(builder.missing((f"“三公”经费中的{name}", f"三公经费.{name}")), colspan=6, missing=True)]
    else:
        cells = [num(v) for v in f.three_public_columns()]
    running = b.running_costs
    if running is None and "机关运行经费" not in b.not_published:
        cells.append(Cell(builder.missing(("机关运行经费", "机关运行经费")), missing=True))
    else:
        cells.append(num(running.current if running is not None else None))
    gap = f.three_public_gap(builder.shown(tid))
    return TableRows(header, [Row(cells, key="本年")], [14, 14, 14, 14, 14, 14, 16], rounding_gap=gap)


# -- 河南: 机关运行经费 as a table of its own ------------------------------------------------------
def running_costs(builder: TableBuilder) -> TableRows:
    """机关运行经费 (预算10表): its amount on a 合计 row; the source gives no split by code."""
    num = builder.num("机关运行经费表")
    running = builder.b.running_costs
    if running is None:
        cells = [Cell(builder.missing(("机关运行经费", "机关运行经费")), colspan=3, missing=True)]
    else:
        cells = [Cell("合计", colspan=2, align="center", bold=True), num(running.current)]
    return TableRows([head("科目编码", "科目名称", "机关运行经费支出")], [Row(cells, kind="total", key="合计")],
                     [16, 44, 20])


VARIANTS: tuple[tuple[str, Callable[[TableBuilder], TableRows]], ...] = (
    # -- 上海 --
    ("收支总表-财务收支", finance),
    ("收入总表-按功能", income_by_function),
    ("财政拨款收支总表-按资金", fiscal_by_fund),
    ("一般公共预算基本支出表-部门经济分类", basic_by_department_classes),
    ("三公经费支出表-含机关运行经费", three_public_and_running),
    # -- 河南 --
    ("机关运行经费表", running_costs),
)


def all_tables(builder: TableBuilder, specs: Mapping[str, TableSpec] | None = None) -> Tables:
    """Every table of the registry, these variants, the tables a layout declares as data (its
    表格: ``specs``, each a table above re-shaped) and the performance-target tables the source
    has, each built when a template first places or asks about it."""
    builds: dict[str, Callable[[TableBuilder], TableRows]] = {**dict(REGISTRY), **dict(VARIANTS)}
    shapes = dict(builds)  # a spec re-shapes a table of code, even one it takes the id of
    for table_id, spec in (specs or {}).items():
        builds[table_id] = functools.partial(_declared, shapes[spec.base], spec)
    return Tables(builder, builds, builder.performance_targets())


def _declared(build: Callable[[TableBuilder], TableRows], spec: TableSpec, builder: TableBuilder) -> TableRows:
    return reshape(build(builder), spec)


# Names a layout's table may start from (基于): the standard tables and their variants.
SHAPES: tuple[str, ...] = (*(table_id for table_id, _ in REGISTRY), *(table_id for table_id, _ in VARIANTS))
