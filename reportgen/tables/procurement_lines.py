"""The 政府采购预算表 by function and fund, as 烟台 prints it (公开表12: 科目编码 类 款 项, 科目名称, 合计, 财政拨款 小计 |
一般公共预算 | 政府性基金预算 | 国有资本经营预算, 财政专户管理资金, 单位资金, 使用非财政拨款结余, 上年结转): the source's
lines (政府采购.功能分类), each 类 and 款 over them their sum, the 合计 row the 类 added (a source without the lines:
its 政府采购 合计 alone) — or, where the source states the table printed it otherwise within the 尾数 of the lines under
it (印出合计.政府采购预算表: 烟台市文化和旅游局 2026's 20701 文化和旅游 1,280.32, its lines 1,280.33), as printed. A
column no line under a row states is blank there, never 0.00."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from reportgen.compute.printed import PROCURED_FISCAL, line_as_printed, procured
from reportgen.compute.trees import code_name
from reportgen.docmodel.document import Cell, Row
from reportgen.docmodel.model import PROJECT_FISCAL, PROJECT_FUNDS, ProcurementLine
from reportgen.tablekinds import role
from reportgen.tables.builder import TableBuilder, TableRows, head

FISCAL = PROCURED_FISCAL
# The columns the table may print, by the names a layout's 列 gives them: 合计, 财政拨款 (its three funds added), each fund
PROCUREMENT_COLUMNS = ("合计", FISCAL, *PROJECT_FUNDS)
_LEVELS = (3, 5, 7)  # 类, 款, 项
PROCUREMENT = role("procurement")
PROCUREMENT_TABLE = f"{PROCUREMENT}-按功能"  # the variant's id (tablekinds/政府采购预算表.yaml 变体)


def procurement_by_function(builder: TableBuilder) -> TableRows:
    """政府采购预算表 by 功能分类 line and fund: the columns the layout lists (列), else 合计, 财政拨款 and the funds
    some line states; a row per 类, 款 and line printed, the 合计 first."""
    num = builder.num(role("procurement"))
    p = builder.b.procurement
    lines = p.by_function if p is not None else ()
    columns = [c for c in builder.asked_columns if c in PROCUREMENT_COLUMNS] or _stated_columns(lines)
    body = [Row([Cell("合计", colspan=2, align="center", bold=True), *(num(figure) for figure in
                                                                       _totals(builder, lines, columns))],
                kind="total", key="合计")]
    body += [_code_row(builder, code, [line for line in lines if line.code.startswith(code)], columns)
             for code in _codes(lines)]
    return TableRows([head("科目编码", "科目名称", *columns)], body, [14, 40, *[14] * len(columns)],
                     wide=len(columns) > 4)


def _code_row(builder: TableBuilder, code: str, under: list[ProcurementLine], columns: Sequence[str]) -> Row:
    """A 类, 款 or line's row: its code and name, and the lines ``under`` it added."""
    num = builder.num(role("procurement"))
    figures = _figures(under, columns) if len(code) == 7 else _as_printed(builder, code, under, columns)
    return Row([Cell(code), Cell(code_name(builder.b, "功能分类", code) or "", indent=_indent(code)),
                *(num(figure) for figure in figures)], kind="subtotal" if len(code) < 7 else "body", key=code)


def _as_printed(builder: TableBuilder, key: str, under: list[ProcurementLine], columns: Sequence[str]) -> list[Decimal | None]:
    """A 类/款 line (or the 合计 row) in each column: as the source states the table printed it within the 尾数 of
    the lines ``under`` it (印出合计), else those lines added."""
    return [line_as_printed(builder.b, PROCUREMENT, key, column, figure, len(under))
            for column, figure in zip(columns, _figures(under, columns), strict=True)]


def _totals(builder: TableBuilder, lines: Sequence[ProcurementLine], columns: Sequence[str]) -> list[Decimal | None]:
    """The 合计 row: the lines added; without lines, the source's 政府采购 合计 in its 合计 column alone."""
    if lines:
        return _as_printed(builder, "合计", list(lines), columns)
    return [builder.f.procurement_total if column == "合计" else None for column in columns]


def _indent(code: str) -> int:
    return _LEVELS.index(len(code)) if len(code) in _LEVELS else 0


def _stated_columns(lines: Sequence[ProcurementLine]) -> list[str]:
    stated = {fund for line in lines for fund in line.funds}
    return ["合计", *([FISCAL] if stated & set(PROJECT_FISCAL) else []), *(f for f in PROJECT_FUNDS if f in stated)]


def _codes(lines: Sequence[ProcurementLine]) -> list[str]:
    """Every code printed: each line's, and its 类 and 款 above it, in the codes' order."""
    found = {line.code[:length] for line in lines for length in _LEVELS if length <= len(line.code)}
    return sorted(found)


def _figures(lines: Sequence[ProcurementLine], columns: Sequence[str]) -> list[Decimal | None]:
    """The ``lines`` added in each column: None where none of them states it."""
    return [procured(lines, column) for column in columns]
