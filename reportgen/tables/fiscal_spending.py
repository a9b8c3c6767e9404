"""The tables of all 财政拨款 (一般公共预算, 政府性基金 and 国有资本经营 together) that 江苏 (苏州, 无锡) prints beside each
fund's: the 财政拨款支出表 by function line (合计 | 基本支出 小计, 人员经费, 公用经费 | 项目支出) and the
财政拨款基本支出表 by economic line (合计 | 人员经费 | 公用经费). What the source does not give is 待补充, never derived."""

from __future__ import annotations

from decimal import Decimal

from reportgen.compute import ZERO, Computed
from reportgen.compute.arithmetic import sum_known
from reportgen.docmodel.document import Cell, Row
from reportgen.tablekinds import role
from reportgen.tables.builder import MISSING_ECONOMIC, MISSING_FUNCTIONS, TableBuilder, TableRows, head
from reportgen.tables.economic import _class_rows, _split_cells, printed_class
from reportgen.tables.function import function_table

# The funds whose 基本支出 the 财政拨款基本支出表 holds beside 一般公共预算's (whose economic lines the source gives)
OTHER_FUNDS = ("政府性基金", "国有资本经营")


def fiscal_functions(builder: TableBuilder) -> TableRows:
    """财政拨款支出表（功能科目）: the function lines of the three 财政拨款 funds added up (compute: fiscal_tree), with
    基本支出's 人员经费 and 公用经费 where the source states them by line; 待补充 where their lines are not known; its
    合计 the funds' (not known: blank) where the lines are a part of the spending (functions_short), never their sum."""
    tid = role("fiscal_functions")
    f = builder.f
    nodes = f.fiscal_tree()
    if nodes is not None and f.functions_short:
        return function_table(builder, tid, nodes, None, None, f.fiscal_expenditure_total, kinds=True)
    if nodes is None:
        rows = function_table(builder, tid, [], None, None, f.fiscal_expenditure_total if f.funds_known else None)
        rows.body.append(builder.missing_row(builder.missing(MISSING_FUNCTIONS), 5))
        return rows
    total = sum((top.total for top in nodes), ZERO)
    return function_table(builder, tid, nodes, sum_known(top.basic for top in nodes),
                          sum_known(top.project for top in nodes), total, kinds=True)


def others_basic_none(f: Computed) -> bool:
    """Whether 政府性基金 and 国有资本经营 spend nothing on 基本支出: each fund's spending is 0, or its lines (of all
    the spending by fund) give a 基本支出 of 0."""
    if not f.funds_known:
        return False
    for fund in OTHER_FUNDS:
        if f.fiscal_expenditure[fund] != ZERO and not (f.functions_cover_all and f.fund_basic(fund) == ZERO):
            return False
    return True


def fiscal_basic(builder: TableBuilder) -> TableRows:
    """财政拨款基本支出表（经济科目）: each economic class, then its 款, with 合计, 人员经费 and 公用经费 — the
    一般公共预算's economic lines where the other funds' 基本支出 is none (they are then all 财政拨款's); else 待补充."""
    tid = role("fiscal_basic")
    num = builder.num(tid)
    b, f = builder.b, builder.f
    header = [head(("部门预算支出经济分类科目", 2, 1), ("财政拨款基本支出", 3, 1)),
              head("科目编码", "科目名称", "合计", "人员经费", "公用经费")]
    widths = [12, 36, 14, 14, 14]
    known = others_basic_none(f)
    whole: Decimal | None = f.general_basic if known else None
    body = [Row([Cell("合计", colspan=2, align="center", bold=True), num(whole),
                 *_split_cells(num, f.kinds_as_stated(whole) if known else (None, None),
                               b.economic_rows if known and f.has_economic_rows else None)],
                kind="total", key="合计")]
    if not known or not f.has_economic_rows:
        body.append(builder.missing_row(builder.missing(MISSING_ECONOMIC), 5))
        return TableRows(header, body, widths)
    stated = f.classes_as_stated(whole)
    for node in f.economic_tree:
        amount, cells = printed_class(builder, num, node.code, stated, node.basic)
        body.append(Row([Cell(node.code), Cell(node.name, bold=True), num(amount), *cells], kind="subtotal", key=node.code))
        body += [Row([Cell(row.code), Cell(row.name, indent=1), num(row.amount),
                      *_split_cells(num, f.row_split(row, row.amount), [row])], key=row.code)
                 for row in _class_rows(b, node.code)]
    gap = builder.tree_gap(tid, f.economic_tree, whole or ZERO, lambda n: n.basic_part)
    return TableRows(header, body, widths, rounding_gap=gap)
