"""The 政府采购预算表 by function and fund, as 烟台 prints it (公开表12: 科目编码 类 款 项, 科目名称, 合计, 财政拨款 小计 |
一般公共预算 | 政府性基金预算 | 国有资本经营预算, 财政专户管理资金, 单位资金, 使用非财政拨款结余, 上年结转): the source's
lines (政府采购.功能分类), each 类 and 款 over them their sum, the 合计 row the 类 added (a source without the lines:
its 政府采购 合计 alone). A column no line under a row states is blank there, never 0.00."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from reportgen.compute.trees import code_name
from reportgen.docmodel.document import Cell, Row
from reportgen.docmodel.model import PROJECT_FISCAL, PROJECT_FUNDS, ProcurementLine
from reportgen.tablekinds import role
from reportgen.tables.builder import TableBuilder, TableRows, head

FISCAL = "财政拨款"
# The columns the table may print, by the names a layout's 列 gives them: 合计, 财政拨款 (its three funds added), each fund
PROCUREMENT_COLUMNS = ("合计", FISCAL, *PROJECT_FUNDS)
_LEVELS = (3, 5, 7)  # 类, 款, 项
PROCUREMENT_TABLE = f"{role('procurement')}-按功能"  # the variant's id (tablekinds/政府采购预算表.yaml 变体)


def procurement_by_function(builder: TableBuilder) -> TableRows:
    """政府采购预算表 by 功能分类 line and fund: the columns the layout lists (列), else 合计, 财政拨款 and the funds
    some line states; a row per 类, 款 and line printed, the 合计 first."""
    tid = role("procurement")
    num = builder.num(tid)
    p = builder.b.procurement
    lines = p.by_function if p is not None else ()
    columns = [c for c in builder.asked_columns if c in PROCUREMENT_COLUMNS] or _stated_columns(lines)
    totals = _figures(lines, columns) if lines else [builder.f.procurement_total if c == "合计" else None for c in columns]
    body = [Row([Cell("合计", colspan=2, align="center", bold=True), *(num(figure) for figure in totals)],
                kind="total", key="合计")]
    for code in _codes(lines):
        under = [line for line in lines if line.code.startswith(code)]
        name = code_name(builder.b, "功能分类", code) or ""
        body.append(Row([Cell(code), Cell(name, indent=_LEVELS.index(len(code)) if len(code) in _LEVELS else 0),
                         *(num(figure) for figure in _figures(under, columns))],
                        kind="subtotal" if len(code) < 7 else "body", key=code))
    return TableRows([head("科目编码", "科目名称", *columns)], body, [14, 40, *[14] * len(columns)],
                     wide=len(columns) > 4)


def _stated_columns(lines: Sequence[ProcurementLine]) -> list[str]:
    stated = {fund for line in lines for fund in line.funds}
    return ["合计", *([FISCAL] if stated & set(PROJECT_FISCAL) else []), *(f for f in PROJECT_FUNDS if f in stated)]


def _codes(lines: Sequence[ProcurementLine]) -> list[str]:
    """Every code printed: each line's, and its 类 and 款 above it, in the codes' order."""
    found = {line.code[:length] for line in lines for length in _LEVELS if length <= len(line.code)}
    return sorted(found)


def _figures(lines: Sequence[ProcurementLine], columns: Sequence[str]) -> list[Decimal | None]:
    """The ``lines`` added in each column: None where none of them states it."""
    return [_added(lines, _funds_of(column)) for column in columns]


def _funds_of(column: str) -> tuple[str, ...]:
    return PROJECT_FUNDS if column == "合计" else PROJECT_FISCAL if column == FISCAL else (column,)


def _added(lines: Sequence[ProcurementLine], funds: tuple[str, ...]) -> Decimal | None:
    known = [line.funds[fund] for line in lines for fund in funds if fund in line.funds]
    return sum(known, Decimal(0)) if known else None
