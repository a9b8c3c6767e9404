"""The 决算 总表 of 上海's 部门决算 (the nine tables of the 2024 样张, shared/seeds/juesuan/
shanghai-juesuan-template-2024): 收入支出决算总表 and 财政拨款收入支出决算总表, with the words and lines
every 决算 table shares (its income kinds, its function 类, a line of nothing left blank).
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from reportgen.compute import ZERO, code_name
from reportgen.compute.phrasing import chinese_number
from reportgen.docmodel.document import Cell, Row, RowKind
from reportgen.docmodel.model import FISCAL_SOURCES, Budget
from reportgen.tablekinds import role
from reportgen.tables.builder import TableBuilder, TableRows, head, side_by_side
from reportgen.tables.summary import spending_gap

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


def blank_zero(num: Callable[[Decimal | None], Cell], printed: bool = False) -> Callable[[Decimal | None], Cell]:
    """A line's amount as the 决算 tables print it: blank where it is zero (or not known) — ``printed`` (the
    layout's 表格零值 is 印出 for the table by its name: 佛山 2019 prints 0.00 in every cell of nothing) a zero
    the source states printed, blank only where the source gives nothing."""
    if printed:
        return lambda amount: num(amount) if amount is not None else Cell(align="right")
    return lambda amount: num(amount) if amount else Cell(align="right")


def spent_none(builder: TableBuilder, tid: str) -> Decimal | None:
    """What a 决算 table prints for spending no function line states (a 总表's 类 line the department spent nothing
    under, a 支出决算表 line's 经营支出 …): 0 where the layout prints the table's zeros (表格零值: 印出, 佛山 2019) and
    the function lines are known to be all the spending (what they leave out is then spent nothing on, as a budget's
    收支表 listing its 类 prints it); else nothing (blank)."""
    return ZERO if builder.zeros_printed(tid) and builder.f.lines_complete else None


def _numbered(names: list[str]) -> list[str]:
    return [f"{chinese_number(i)}、{name}" for i, name in enumerate(names, 1)]


def special_account(b: Budget) -> bool:
    """Whether the department has 财政专户管理资金 (a line, a column of its own)."""
    return bool(b.income[SPECIAL_ACCOUNT]) or SPECIAL_ACCOUNT in b.income_unknown


def _final_classes(builder: TableBuilder) -> list[tuple[str, str]]:
    """(code, name) of every 类 line of a 决算 总表: the 样张's and the department's own, in code order."""
    b, f = builder.b, builder.f
    names = {code: code_name(b, "功能分类", code) or printed for code, printed in FINAL_CLASSES}
    for fund in (None, *FINAL_FUNDS):
        names.update((node.code, node.name) for node in f.function_tree(fund))
    return sorted(names.items())


def _class_lines(builder: TableBuilder, amounts: Callable[[str], list[Cell]]) -> list[list[Cell]]:
    """The spending side of a 决算 总表: every 类 numbered 一、二、…, with its ``amounts``."""
    classes = _final_classes(builder)
    return [[Cell(label), *amounts(code)]
            for label, (code, _) in zip(_numbered([name for _, name in classes]), classes, strict=True)]


# -- 收入支出决算总表 -------------------------------------------------------------------------------
def final_summary(builder: TableBuilder) -> TableRows:
    """收入支出决算总表: the eight income kinds 一、… 八、 beside every function 类 一、…; 本年收入合计 /
    本年支出合计, 使用非财政拨款结余 / 结余分配, 年初结转和结余 / 年末结转和结余, 总计. A line of nothing is
    blank, as printed."""
    tid = role("summary")
    num = builder.num(tid)
    line = blank_zero(num, builder.zeros_printed(tid))
    f = builder.f
    income = [*FINAL_INCOME, *([(SPECIAL_ACCOUNT, SPECIAL_ACCOUNT)] if special_account(builder.b) else [])]
    totals = {n.code: f.summary_line("收入支出决算总表", n.code, "合计", n.total) for n in f.function_tree()}
    none = spent_none(builder, tid)
    left = [[Cell(label), line(f.income_of(source))]
            for label, (source, _) in zip(_numbered([name for _, name in income]), income, strict=True)]
    body = side_by_side(left, _class_lines(builder, lambda code: [line(totals.get(code, none))]), (2, 2))
    if builder.lacks_functions():
        body.append(builder.missing_functions_beside(2))
    body += _summary_closing(builder, num, line)
    header = [head(("收入", 2, 1), ("支出", 2, 1)), head("项目", "决算数", "项目", "决算数")]
    gap = builder.gap(tid, f.income_total, (f.income_of(s) for s, _ in income)) or spending_gap(builder, tid)
    return TableRows(header, body, [30, 14, 30, 14], rounding_gap=gap)


def _summary_closing(builder: TableBuilder, num: Callable[[Decimal | None], Cell],
                     line: Callable[[Decimal | None], Cell]) -> list[Row]:
    """The rows under the 收入支出决算总表's lines: 合计, the balances, 总计."""
    b, f = builder.b, builder.f
    closing: list[tuple[str, Cell, str, Cell, RowKind]] = [
        ("本年收入合计", num(f.income_total), "本年支出合计", num(f.expenditure_total), "subtotal"),
        ("使用非财政拨款结余", line(b.reserves_used), "结余分配", line(b.surplus_distributed), "body"),
        ("年初结转和结余", line(f.carried_over), "年末结转和结余", line(b.carry_forward), "body"),
        ("总计", num(f.income_grand_total), "总计", num(f.expenditure_grand_total), "total"),
    ]
    rows = []
    for lname, lvalue, rname, rvalue, kind in closing:
        total = kind != "body"  # 本年收入合计 and 总计 centred and bold, as printed
        rows.append(Row([Cell(lname, bold=total, align="center" if total else "left"), lvalue,
                         Cell(rname, bold=total, align="center" if total else "left"), rvalue], kind=kind, key=lname))
    return rows


# -- 财政拨款收入支出决算总表 -------------------------------------------------------------------------
def final_fiscal(builder: TableBuilder) -> TableRows:
    """财政拨款收入支出决算总表: 一、一般公共预算财政拨款 … 三、 beside every function 类 with its 财政拨款
    支出 by fund; 本年收入合计 / 本年支出合计; 年初财政拨款结转和结余 (and each fund's) / 年末财政拨款结转和结余
    by fund; 总计. A balance the source does not state is blank (never 0.00), as is a line of nothing."""
    tid = role("appropriations")
    num = builder.num(tid)
    line = blank_zero(num, builder.zeros_printed(tid))
    f = builder.f
    fund_labels = _numbered(list(FINAL_FUND_LABELS))
    left = [[Cell(label), line(f.income_of(source))]
            for label, source in zip(fund_labels, FISCAL_SOURCES, strict=True)]
    spent = {code: [f.summary_line("财政拨款收入支出决算总表", code, column, amount)
                    for column, amount in zip(("合计", *FINAL_FUNDS), amounts, strict=True)]
             for code, _, amounts in f.fiscal_classes(FINAL_FUNDS)}
    right = _class_lines(builder, lambda code: [line(v) for v in spent.get(code, [spent_none(builder, tid)] * 4)])
    body = side_by_side(left, right, (2, 5))
    if builder.lacks_functions():
        body.append(builder.missing_functions_beside(5))
    body += _fiscal_closing(builder, num, line, fund_labels)
    header = [head(("收入", 2, 1), ("支出", 5, 1)),
              head("项目", "决算数", "项目", "合计", *FINAL_FUND_LABELS)]
    return TableRows(header, body, [32, 11, 32, 11, 11, 11, 11], wide=True, rounding_gap=_fiscal_gap(builder, tid))


def _fiscal_closing(builder: TableBuilder, num: Callable[[Decimal | None], Cell], line: Callable[[Decimal | None], Cell],
                    fund_labels: list[str]) -> list[Row]:
    """The rows under the 财政拨款收入支出决算总表's lines: 本年 合计, the balances (each fund's), 总计."""
    f = builder.f
    fiscal = f.fiscal_expenditure
    rows = [Row([Cell("本年收入合计", bold=True, align="center"), num(f.fiscal_income),
                 Cell("本年支出合计", bold=True, align="center"), num(f.fiscal_expenditure_total),
                 *(line(fiscal[fund]) for fund in FINAL_FUNDS)], kind="subtotal", key="本年收入合计")]
    closing = [f.fiscal_balance("年末"), *(f.fiscal_balance("年末", fund) for fund in FINAL_FUNDS)]
    rows.append(Row([Cell("年初财政拨款结转和结余"), line(f.fiscal_balance("年初")), Cell("年末财政拨款结转和结余"),
                     *map(line, closing)], key="年初财政拨款结转和结余"))
    for label, fund in zip(fund_labels, FINAL_FUNDS, strict=True):
        rows.append(Row([Cell(label, indent=1), line(f.fiscal_balance("年初", fund)), *(Cell() for _ in range(5))],
                        key=f"年初:{fund}"))
    by_fund = [_plus(fiscal[fund], balance) for fund, balance in zip(FINAL_FUNDS, closing[1:], strict=True)]
    rows.append(Row([Cell("总计", bold=True, align="center"), num(f.fiscal_grand_total),
                     Cell("总计", bold=True, align="center"), num(_plus(f.fiscal_expenditure_total, closing[0])),
                     *map(line, by_fund)], kind="total", key="总计"))
    return rows


def _fiscal_gap(builder: TableBuilder, tid: str) -> bool:
    """Whether the fiscal sources, rounded, fail to add up to 本年收入合计, or the two 总计 are apart as
    shown: a 万元 source's income stated beside spending summed from its rounded lines (the checks
    allow the rounding, R-财政拨款结转) — the table says so, as a published one does."""
    f = builder.f
    if builder.gap(tid, f.fiscal_income, (f.income_of(s) for s in FISCAL_SOURCES)):
        return True
    shown = builder.shown(tid)
    spending = _plus(f.fiscal_expenditure_total, f.fiscal_balance("年末"))
    return f.fiscal_grand_total is not None and spending is not None and shown(f.fiscal_grand_total) != shown(spending)


def _plus(spent: Decimal | None, balance: Decimal | None) -> Decimal | None:
    """Spending and the 年末 balance beside it (none stated: none); not known where the spending is not."""
    return None if spent is None else spent + (balance or ZERO)
