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

from reportgen.compute import PERSONNEL, ZERO, Computed, code_name, economic_kind, sum_known
from reportgen.document import Cell, Row, RowKind
from reportgen.model import FINAL_SPENDING_KINDS, FISCAL_SOURCES, FUNDS, INCOME_SOURCES, Budget
from reportgen.phrasing import chinese_number
from reportgen.table_specs import TableSpec, reshape
from reportgen.tables import (
    LEVEL_INDENT,
    MISSING_ECONOMIC,
    MISSING_FUNCTIONS,
    REGISTRY,
    TableBuilder,
    TableRows,
    Tables,
    head,
)


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


# -- 上海 部门决算: the nine tables of the 2024 样张 (shared/seeds/juesuan/shanghai-juesuan-template-2024) ----
# The function 类 the 收入支出决算总表 and 财政拨款收入支出决算总表 list, each even where the department spends
# nothing under it, as the 样张 of 2024 prints them (its names where the year's registry has none: 234 is still
# printed in 2024). A 类 the department spends under that is not among them gets its line too, in code order.
FINAL_CLASSES: tuple[tuple[str, str], ...] = (
    ("201", "一般公共服务支出"), ("202", "外交支出"), ("203", "国防支出"), ("204", "公共安全支出"),
    ("205", "教育支出"), ("206", "科学技术支出"), ("207", "文化旅游体育与传媒支出"), ("208", "社会保障和就业支出"),
    ("210", "卫生健康支出"), ("211", "节能环保支出"), ("212", "城乡社区支出"), ("213", "农林水支出"),
    ("214", "交通运输支出"), ("215", "资源勘探工业信息等支出"), ("216", "商业服务业等支出"), ("217", "金融支出"),
    ("219", "援助其他地区支出"), ("220", "自然资源海洋气象等支出"), ("221", "住房保障支出"),
    ("222", "粮油物资储备支出"), ("223", "国有资本经营预算支出"), ("224", "灾害防治及应急管理支出"),
    ("229", "其他支出"), ("234", "抗疫特别国债安排的支出"),
)
# The income kinds of the 收入支出决算总表, in the 样张's order and words (经营收入 is 事业单位经营收入).
FINAL_INCOME: tuple[tuple[str, str], ...] = (
    ("一般公共预算拨款", "一般公共预算财政拨款收入"), ("政府性基金预算拨款", "政府性基金预算财政拨款收入"),
    ("国有资本经营预算拨款", "国有资本经营预算财政拨款收入"), ("上级补助收入", "上级补助收入"),
    ("事业收入", "事业收入"), ("事业单位经营收入", "经营收入"), ("附属单位上缴收入", "附属单位上缴收入"),
    ("其他收入", "其他收入"),
)
# The department's own income (not 财政拨款) as the 收入决算表's columns name it, in their order.
FINAL_OWN_INCOME: tuple[tuple[str, str], ...] = FINAL_INCOME[3:]
SPECIAL_ACCOUNT = "财政专户管理资金"  # a kind of income the 样张 does not list: a line (column) where the department has it
FINAL_FUNDS = ("一般公共预算", "政府性基金", "国有资本经营")
FINAL_FUND_LABELS = ("一般公共预算财政拨款", "政府性基金预算财政拨款", "国有资本经营预算财政拨款")
# The economic 款 the 一般公共预算财政拨款基本支出决算表 lists, every one even at 0.00: 301 and 303 on the left,
# 302 and 310 on the right, as the 样张 of 2024 prints them.
FINAL_ECONOMIC: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("301", ("30101", "30102", "30103", "30106", "30107", "30108", "30109", "30110", "30111", "30112", "30113",
             "30114", "30199")),
    ("303", ("30301", "30302", "30303", "30304", "30305", "30306", "30307", "30308", "30309", "30310", "30311",
             "30399")),
    ("302", ("30201", "30202", "30203", "30204", "30205", "30206", "30207", "30208", "30209", "30211", "30212",
             "30213", "30214", "30215", "30216", "30217", "30218", "30224", "30225", "30226", "30227", "30228",
             "30229", "30231", "30239", "30240", "30299")),
    ("310", ("31001", "31002", "31003", "31007", "31013", "31019", "31021", "31022", "31099")),
)


def _blank_zero(num: Callable[[Decimal | None], Cell]) -> Callable[[Decimal | None], Cell]:
    """A line's amount as the 决算 tables print it: blank where it is zero (or not known)."""
    return lambda amount: num(amount) if amount else Cell(align="right")


def _numbered(names: list[str]) -> list[str]:
    return [f"{chinese_number(i)}、{name}" for i, name in enumerate(names, 1)]


def _special_account(b: Budget) -> bool:
    return bool(b.income[SPECIAL_ACCOUNT]) or SPECIAL_ACCOUNT in b.income_unknown


def _final_classes(builder: TableBuilder) -> list[tuple[str, str]]:
    """(code, name) of every 类 line of a 决算 总表: the 样张's and the department's own, in code order."""
    b, f = builder.b, builder.f
    names = {code: code_name(b, "功能分类", code) or printed for code, printed in FINAL_CLASSES}
    for fund in (None, *FINAL_FUNDS):
        names.update((node.code, node.name) for node in f.function_tree(fund))
    return sorted(names.items())


def _side_by_side(left: list[list[Cell]], right: list[list[Cell]], widths: tuple[int, int]) -> list[Row]:
    """Two lists of lines as one table's rows: left beside right, the shorter padded with blank cells."""
    rows = []
    for index in range(max(len(left), len(right))):
        lcells = left[index] if index < len(left) else [Cell() for _ in range(widths[0])]
        rcells = right[index] if index < len(right) else [Cell() for _ in range(widths[1])]
        rows.append(Row([*lcells, *rcells], key=f"{lcells[0].text}|{rcells[0].text}"))
    return rows


def final_summary(builder: TableBuilder) -> TableRows:
    """收入支出决算总表: the eight income kinds 一、… 八、 beside every function 类 一、…; 本年收入合计 /
    本年支出合计, 使用非财政拨款结余 / 结余分配, 年初结转和结余 / 年末结转和结余, 总计. A line of nothing is
    blank, as printed."""
    tid = "收支总表"
    num = builder.num(tid)
    line = _blank_zero(num)
    b, f = builder.b, builder.f
    income = [*FINAL_INCOME, *([(SPECIAL_ACCOUNT, SPECIAL_ACCOUNT)] if _special_account(b) else [])]
    totals = {n.code: n.total for n in f.function_tree()}
    classes = _final_classes(builder)
    left = [[Cell(label), line(f.income_of(source))]
            for label, (source, _) in zip(_numbered([name for _, name in income]), income, strict=True)]
    right = [[Cell(label), line(totals.get(code))]
             for label, (code, _) in zip(_numbered([name for _, name in classes]), classes, strict=True)]
    body = _side_by_side(left, right, (2, 2))
    if not f.has_function_rows and builder.shows_missing("功能分类明细"):
        body.append(Row([Cell(), Cell(), Cell(builder.missing(MISSING_FUNCTIONS), colspan=2, missing=True)],
                        key="待补充"))
    closing: list[tuple[str, Cell, str, Cell, RowKind]] = [
        ("本年收入合计", num(f.income_total), "本年支出合计", num(f.expenditure_total), "subtotal"),
        ("使用非财政拨款结余", line(b.reserves_used), "结余分配", line(b.surplus_distributed), "body"),
        ("年初结转和结余", line(f.carried_over), "年末结转和结余", line(b.carry_forward), "body"),
        ("总计", num(f.income_grand_total), "总计", num(f.expenditure_grand_total), "total"),
    ]
    for lname, lvalue, rname, rvalue, kind in closing:
        total = kind != "body"  # 本年收入合计 and 总计 centred and bold, as printed
        body.append(Row([Cell(lname, bold=total, align="center" if total else "left"), lvalue,
                         Cell(rname, bold=total, align="center" if total else "left"), rvalue], kind=kind, key=lname))
    header = [head(("收入", 2, 1), ("支出", 2, 1)), head("项目", "决算数", "项目", "决算数")]
    gap = builder.gap(tid, f.income_total, (f.income_of(s) for s, _ in income))
    if f.functions_cover_all and f.expenditure_total is not None:
        gap = gap or builder.tree_gap(tid, f.function_tree(), f.expenditure_total, lambda n: n.total)
    return TableRows(header, body, [30, 14, 30, 14], rounding_gap=gap)


def _function_head(*amounts: str) -> list[Row]:
    """The two header rows of a 决算 table by function: 项目 over 功能分类科目编码 and 科目名称, and the
    amount columns beside them, each over both rows."""
    return [head(("项目", 2, 1), *((a, 1, 2) for a in amounts)), head("功能分类科目编码", "科目名称")]


def _income_by_line(builder: TableBuilder) -> dict[str, dict[str, Decimal | None]]:
    """What each function line received, by income source (a 决算 accounts for income apart from spending).

    A fiscal fund's spending on a line is what the line received only where the source states no 结转和
    结余 of that fund (money neither carried in nor out is spent as received: the source's one figure for
    it); a balance stated leaves the split by line unknown (None). The department's own money — 财政专户
    lines, and 单位资金 lines with the one kind of own income it has — was received by line only where the
    lines spent just that income (their total equals it); where the department has no such income those
    lines spent 年初结转和结余 and received nothing (not listed); else unknown (None), never a split the
    source does not give."""
    b, f = builder.b, builder.f
    balances = [b.fiscal_balances.get(when, {}) for when in ("年初", "年末")]
    result: dict[str, dict[str, Decimal | None]] = {}

    def add(code: str, source: str, amount: Decimal | None) -> None:
        amounts = result.setdefault(code, dict.fromkeys(INCOME_SOURCES, ZERO))
        current = amounts[source]
        amounts[source] = None if current is None or amount is None else current + amount

    for fund, source in FUNDS.items():
        tops = f.function_tree(fund)
        nodes = [n for top in tops for n in top.walk()]
        if source in FISCAL_SOURCES:
            unknown = any(side.get(fund) for side in balances)
            for node in nodes:
                add(node.code, source, None if unknown else node.total)
            continue
        own = [source] if source is not None else [s for s, _ in FINAL_OWN_INCOME if b.income[s]]
        own = [s for s in own if b.income[s]]
        known = len(own) == 1 and b.income[own[0]] == sum((top.total for top in tops), ZERO)
        for node in nodes:
            for kind in own:
                add(node.code, kind, node.total if known else None)
    return result


def final_income(builder: TableBuilder) -> TableRows:
    """收入决算表: income by function line — 本年收入合计, 财政拨款收入, 上级补助收入, 事业收入, 经营收入,
    附属单位上缴收入, 其他收入 — 合计 first (the income the source states), then 类/款/项 (a line that
    received nothing is not listed). A kind of own income the department has none of is blank, as printed."""
    tid = "收入总表"
    num = builder.num(tid)
    line = _blank_zero(num)
    b, f = builder.b, builder.f
    own = [*([(SPECIAL_ACCOUNT, SPECIAL_ACCOUNT)] if _special_account(b) else []), *FINAL_OWN_INCOME]
    split = _income_by_line(builder)

    def values(total: Decimal | None, amounts: Mapping[str, Decimal | None]) -> list[Cell]:
        fiscal = sum_known(amounts[s] for s in FISCAL_SOURCES)
        return [num(total), num(fiscal), *(line(amounts[s]) for s, _ in own)]

    def received(code: str) -> Decimal | None:
        return sum_known(split.get(code, {}).values())

    body = [Row([Cell("合计", colspan=2, align="center", bold=True),
                 *values(f.income_total, {s: f.income_of(s) for s in INCOME_SOURCES})], kind="total", key="合计")]
    for top in f.function_tree():
        for node in (n for n in top.walk() if n.code in split):
            body.append(Row([Cell(node.code), Cell(node.name, indent=LEVEL_INDENT[node.level]),
                             *values(received(node.code), split[node.code])],
                            kind="subtotal" if node.level != "项" else "body", key=node.code))
    if not f.has_function_rows and builder.shows_missing("功能分类明细"):
        body.append(builder.missing_row(builder.missing(MISSING_FUNCTIONS), 4 + len(own)))
    header = _function_head("本年收入合计", "财政拨款收入", *(label for _, label in own))
    # the lines against their own sum (a 元 source shown in 万元); against the income stated, a source's
    # own slip is for the checks to tell
    tops = [n for n in f.function_tree() if n.code in split]
    whole = sum_known(received(n.code) for n in tops)
    gap = whole is not None and builder.tree_gap(tid, tops, whole, lambda n: received(n.code) or ZERO)
    return TableRows(header, body, [14, 36, *[12] * (2 + len(own))], wide=True, rounding_gap=gap)


def final_spending(builder: TableBuilder) -> TableRows:
    """支出决算表: all spending by function line — 本年支出合计, 基本支出, 项目支出, 上缴上级支出, 经营支出,
    对附属单位补助支出 — the standard table's lines (合计 first) with the three other kinds beside them,
    blank where nothing was spent so, as printed."""
    tid = "支出总表"
    line = _blank_zero(builder.num(tid))
    f = builder.f
    rows = builder.function_table(tid, f.function_tree(), f.basic, f.project, f.expenditure_total)
    others = {n.code: n.other for top in f.function_tree() for n in top.walk()}
    totals = {kind: f.other_spending(kind) for kind in FINAL_SPENDING_KINDS}
    for row in rows.body:
        spent = totals if row.key == "合计" else others.get(row.key, {})
        row.cells += [line(spent.get(kind)) for kind in FINAL_SPENDING_KINDS]
    if not f.has_function_rows and builder.shows_missing("功能分类明细"):
        rows.body.append(builder.missing_row(builder.missing(MISSING_FUNCTIONS), 5 + len(FINAL_SPENDING_KINDS)))
    rows.header = _function_head("本年支出合计", "基本支出", "项目支出", *FINAL_SPENDING_KINDS)
    rows.widths = [14, 36, *[12] * (3 + len(FINAL_SPENDING_KINDS))]
    rows.wide = True
    rows.functions_of = builder.b.function_scope  # its lines are that fund's only: said in a note
    return rows


def final_fiscal(builder: TableBuilder) -> TableRows:
    """财政拨款收入支出决算总表: 一、一般公共预算财政拨款 … 三、 beside every function 类 with its 财政拨款
    支出 by fund; 本年收入合计 / 本年支出合计; 年初财政拨款结转和结余 (and each fund's) / 年末财政拨款结转和结余
    by fund; 总计. A balance the source does not state is blank (never 0.00), as is a line of nothing."""
    tid = "财政拨款收支总表"
    num = builder.num(tid)
    line = _blank_zero(num)
    f = builder.f
    fund_labels = _numbered(list(FINAL_FUND_LABELS))
    left = [[Cell(label), line(f.income_of(source))]
            for label, source in zip(fund_labels, FISCAL_SOURCES, strict=True)]
    spent = {code: amounts for code, _, amounts in f.fiscal_classes(FINAL_FUNDS)}
    classes = _final_classes(builder)
    right = [[Cell(label), *(line(v) for v in spent.get(code, [None] * 4))]
             for label, (code, _) in zip(_numbered([name for _, name in classes]), classes, strict=True)]
    body = _side_by_side(left, right, (2, 5))
    if not f.has_function_rows and builder.shows_missing("功能分类明细"):
        body.append(Row([Cell(), Cell(), Cell(builder.missing(MISSING_FUNCTIONS), colspan=5, missing=True)],
                        key="待补充"))
    fiscal = f.fiscal_expenditure
    body.append(Row([Cell("本年收入合计", bold=True, align="center"), num(f.fiscal_income),
                     Cell("本年支出合计", bold=True, align="center"), num(f.fiscal_expenditure_total),
                     *(line(fiscal[fund]) for fund in FINAL_FUNDS)], kind="subtotal", key="本年收入合计"))
    closing = [f.fiscal_balance("年末"), *(f.fiscal_balance("年末", fund) for fund in FINAL_FUNDS)]
    body.append(Row([Cell("年初财政拨款结转和结余"), line(f.fiscal_balance("年初")), Cell("年末财政拨款结转和结余"),
                     *map(line, closing)], key="年初财政拨款结转和结余"))
    for label, fund in zip(fund_labels, FINAL_FUNDS, strict=True):
        body.append(Row([Cell(label, indent=1), line(f.fiscal_balance("年初", fund)), *(Cell() for _ in range(5))],
                        key=f"年初:{fund}"))
    by_fund = [fiscal[fund] + (balance or ZERO) for fund, balance in zip(FINAL_FUNDS, closing[1:], strict=True)]
    body.append(Row([Cell("总计", bold=True, align="center"), num(f.fiscal_grand_total),
                     Cell("总计", bold=True, align="center"), num(f.fiscal_expenditure_total + (closing[0] or ZERO)),
                     *map(line, by_fund)], kind="total", key="总计"))
    header = [head(("收入", 2, 1), ("支出", 5, 1)),
              head("项目", "决算数", "项目", "合计", *FINAL_FUND_LABELS)]
    gap = builder.gap(tid, f.fiscal_income, (f.income_of(s) for s in FISCAL_SOURCES))
    # the two 总计 apart as shown: a 万元 source's income stated beside spending summed from its rounded
    # lines (the checks allow the rounding, R-财政拨款结转) — the table says so, as a published one does
    shown = builder.shown(tid)
    spending = f.fiscal_expenditure_total + (closing[0] or ZERO)
    gap = gap or (f.fiscal_grand_total is not None and shown(f.fiscal_grand_total) != shown(spending))
    return TableRows(header, body, [32, 11, 32, 11, 11, 11, 11], wide=True, rounding_gap=gap)


def final_general(builder: TableBuilder) -> TableRows:
    """一般公共预算财政拨款支出决算表: the standard table's lines (科目编码, 科目名称, 合计, 基本支出, 项目支出)
    without a prior year, its 合计 row last, as printed."""
    f = builder.f
    rows = builder.function_table("一般公共预算支出表", f.function_tree("一般公共预算"), f.general_basic,
                                  f.general_project, f.general_total)
    rows.body = [*rows.body[1:], rows.body[0]]
    if not f.has_function_rows and builder.shows_missing("功能分类明细"):
        rows.body.insert(0, builder.missing_row(builder.missing(MISSING_FUNCTIONS), 5))
    rows.header = _function_head("合计", "基本支出", "项目支出")
    return rows


def _economic_lines(builder: TableBuilder, classes: list[tuple[str, tuple[str, ...]]],
                    num: Callable[[Decimal | None], Cell]) -> list[list[Cell]]:
    """One side of the 基本支出决算表: each class, then its 款, as [code, name, amount].

    A 款 the source does not give is known zero only where the source gives the 经济分类 rows at all: they
    are the 一般公共预算财政拨款基本支出 by 款 (held to add up to it, R-基本支出一致), so a listed 款 they
    leave out is 0.00, as the published table prints it. A class the source gives in one figure (its code
    alone) leaves its 款 unknown, blank; no rows at all leave every line blank."""
    b, f = builder.b, builder.f
    given = {r.code: r.amount for r in b.economic_rows}
    tree = {n.code: n.basic_part for n in f.economic_tree}
    lines = []
    for code, items in classes:
        lines.append([Cell(code, bold=True), Cell(code_name(b, "经济分类", code) or code, bold=True),
                      num(tree.get(code, ZERO) if f.has_economic_rows else None)])
        known_zero = f.has_economic_rows and code not in given
        for item in items:
            lines.append([Cell(item), Cell(code_name(b, "经济分类", item) or item),
                          num(given.get(item, ZERO if known_zero else None))])
    return lines


def final_basic(builder: TableBuilder) -> TableRows:
    """一般公共预算财政拨款基本支出决算表: 经济分类科目编码, 科目名称, 决算数 twice side by side — 301 and 303
    with every 款 the 样张 lists on the left, 302 and 310 on the right (a 款 or class the department has
    beyond them in its place) — and 人员经费合计 / 公用经费合计 at the foot."""
    tid = "一般公共预算基本支出表"
    num = builder.num(tid)
    b, f = builder.b, builder.f
    listed = dict(FINAL_ECONOMIC)
    extra = {r.code for r in b.economic_rows} - set(listed) - {c for items in listed.values() for c in items}
    sides: dict[bool, list[tuple[str, tuple[str, ...]]]] = {True: [], False: []}
    for code in [*listed, *sorted({c[:3] for c in extra} - set(listed))]:  # a class beyond the four: on its side
        items = tuple(sorted({*listed.get(code, ()), *(c for c in extra if c[:3] == code and c != code)}))
        sides[economic_kind(code) == PERSONNEL].append((code, items))
    body = _side_by_side(_economic_lines(builder, sides[True], num), _economic_lines(builder, sides[False], num),
                         (3, 3))
    if not f.has_economic_rows and builder.shows_missing("经济分类明细"):
        body.append(builder.missing_row(builder.missing(MISSING_ECONOMIC), 6))
    body.append(Row([Cell("人员经费合计", colspan=2, align="center", bold=True), num(f.personnel),
                     Cell("公用经费合计", colspan=2, align="center", bold=True), num(f.public)],
                    kind="total", key="人员经费合计"))
    header = [head("经济分类科目编码", "科目名称", "决算数", "经济分类科目编码", "科目名称", "决算数")]
    gap = any(n.children and builder.gap(tid, n.basic_part, (c.basic_part for c in n.children))
              for n in f.economic_tree)
    for column, whole in ((0, f.personnel), (1, f.public)):
        shares = [f.class_split(n.code)[column] or ZERO for n in f.economic_tree]
        gap = gap or (whole is not None and builder.gap(tid, whole, shares))
    return TableRows(header, body, [9, 30, 11, 9, 30, 11], rounding_gap=gap)


def final_three_public(builder: TableBuilder) -> TableRows:
    """财政拨款“三公”经费支出决算表: 预算数 and 决算数 of 合计, 因公出国（境）费, 公务用车购置及运行维护费
    (小计, 购置费, 运行维护费) and 公务接待费, in the printed order, on one row; no row where nothing was
    budgeted or spent (the template's 说明 says so). A 预算数 the source does not give is blank."""
    tid = "三公经费支出表"
    num = builder.num(tid)
    b, f = builder.b, builder.f
    order = (0, 1, 3, 4, 5, 2)  # three_public_columns' order → 合计, 出国, 小计, 购置费, 运行维护费, 接待
    header = [
        head(("财政拨款“三公”经费", 12, 1)),
        head(("合计", 2, 2), ("因公出国（境）费", 2, 2), ("公务用车购置及运行维护费", 6, 1), ("公务接待费", 2, 2)),
        head(("小计", 2, 1), ("公务用车购置费", 2, 1), ("公务用车运行维护费", 2, 1)),
        head(*["预算数", "决算数"] * 6),
    ]
    spent, budgeted = f.three_public_columns(), f.three_public_budget_columns()
    body = []
    if not b.three_public.stated:  # never 0.00 for what the source does not give
        body.append(builder.missing_row(builder.missing(("“三公”经费", "三公经费")), 12))
    elif f.three_public_total is None:  # a part left out, and no 合计
        for name in b.three_public.unknown:
            body.append(builder.missing_row(builder.missing((f"“三公”经费中的{name}", f"三公经费.{name}")), 12))
    elif any(spent) or any(budgeted):
        body.append(Row([num(figures[i]) for i in order for figures in (budgeted, spent)], key="本年"))
    return TableRows(header, body, [8] * 12, wide=True, rounding_gap=f.three_public_gap(builder.shown(tid)))


def final_fund(builder: TableBuilder, fund: str) -> TableRows:
    """政府性基金 / 国有资本经营预算财政拨款收入支出决算表: 年初结转和结余, 本年收入, 本年支出 (合计, 基本支出,
    项目支出) and 年末结转和结余 — on the 合计 row as the source states them, on each function line its
    spending and what it received (_income_by_line; its balances are not given by line: blank); the 合计
    row alone, blank, for a fund of nothing."""
    tid = f"{fund}预算支出表"
    num = builder.num(tid)
    f = builder.f
    source = FUNDS[fund] or ""
    nodes = f.function_tree(fund)
    received = _income_by_line(builder)
    basic, project, total = f.fund_basic(fund), f.fund_project(fund), f.fund_total(fund)
    opening, closing = f.fiscal_balance("年初", fund), f.fiscal_balance("年末", fund)
    cells = [Cell() for _ in range(6)]
    if total or f.income_of(source) or opening or closing:
        cells = [num(opening), num(f.income_of(source)), num(total), num(basic), num(project), num(closing)]
    body = [Row([Cell("合计", colspan=2, align="center", bold=True), *cells], kind="total", key="合计")]
    for top in nodes:
        for node in top.walk():
            body.append(Row([Cell(node.code), Cell(node.name, indent=LEVEL_INDENT[node.level]), Cell(),
                             num(received.get(node.code, {}).get(source)), num(node.total), num(node.basic),
                             num(node.project), Cell()], kind="subtotal" if node.level != "项" else "body",
                            key=node.code))
    header = [head(("项目", 2, 1), ("年初结转和结余", 1, 2), ("本年收入", 1, 2), ("本年支出", 3, 1),
                   ("年末结转和结余", 1, 2)),
              head("功能分类科目编码", "科目名称", "合计", "基本支出", "项目支出")]
    gap = bool(nodes) and builder.function_gap(tid, nodes, (total, basic, project), None, None, None)
    return TableRows(header, body, [14, 30, 12, 12, 12, 12, 12, 12], wide=True, rounding_gap=gap)


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
    # -- 上海 部门决算 --
    ("收支总表-决算", final_summary),
    ("收入总表-决算", final_income),
    ("支出总表-决算", final_spending),
    ("财政拨款收支总表-决算", final_fiscal),
    ("一般公共预算支出表-决算", final_general),
    ("一般公共预算基本支出表-决算", final_basic),
    ("三公经费支出表-决算", final_three_public),
    ("政府性基金预算支出表-决算", lambda builder: final_fund(builder, "政府性基金")),
    ("国有资本经营预算支出表-决算", lambda builder: final_fund(builder, "国有资本经营")),
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
