"""A table printed from the lines the source gives of it (表行, source/table_lines.py), in their order: 北京's 支出总表
(功能分类 × 政府经济分类 × 部门经济分类, a line each) and 一般公共预算支出表 (each unit's lines one after another, the
unit not named), as a layout asks (版式.yaml ``表格.X.表行``: each code with its name in one cell, 2050802-干部教育,
“连写”; or code and name in two columns, “分列”) — and a 收入总表 by unit (广州, 泉州: each unit's name and its income
by source, “单位”), and a 支出总表 by unit (西安: each unit's spending by the source of its money, as its income). Each line's 合计 is its parts added; the 合计 row is the lines
added, column by column — printed where every line states the column or some line does."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal

from reportgen.compute import ZERO, difference, growth_rate
from reportgen.compute.phrasing import percent
from reportgen.compute.trees import code_name
from reportgen.docmodel.document import Cell, Row
from reportgen.docmodel.model import (
    LINE_ACTUALS,
    LINE_CODES,
    SPECIAL_ACCOUNT_PARTS,
    UNIT_INCOME_AMOUNTS,
    YEAR_INCOME,
    TableLine,
    finest_lines,
)
from reportgen.source.printed_parts import PART, part_lines
from reportgen.tablekinds import fund_table, role
from reportgen.tables.builder import AmountCell, TableBuilder, TableRows, head
from reportgen.tables.specs import BESIDE_COLUMNS

# The header of each code's column, as 北京 prints it (连写), and the kind of code by which its name is known.
_CODE_HEADS = {"功能分类": "支出功能分类科目", "政府经济分类": "政府支出经济分类科目", "经济分类": "部门支出经济分类科目"}
# A line's amount column by the label a layout's 列 gives it (事业单位经营支出 → 经营支出).
_AMOUNT_OF = {label: key for key, label in BESIDE_COLUMNS.items()}
JOINED, SPLIT, UNITS = "连写", "分列", "单位"
LINE_FORMS = (JOINED, SPLIT, UNITS)
# The tables a source may give the lines of (表行, as its schema lists them).
LINE_TABLES = (role("spending"), fund_table("一般公共预算"), role("income"))
# The amount columns a table printed from its lines may print (列), each once, in the order given.
LINE_COLUMNS = ("合计", "基本支出", "人员经费", "公用经费", "项目支出", "扣除基建项目后预算数", *BESIDE_COLUMNS.values(),
                YEAR_INCOME, *UNIT_INCOME_AMOUNTS, *LINE_ACTUALS, "增减额", "增减率", "扣除基建项目后增减额", "扣除基建项目后增减率")
# A change column: this year's figure less last year's (a 中央部门's 一般公共预算支出表: 2026 年预算数 比 2025 年执行数
# 增减额, and the same net of 基建); its rate column: the change over last year's, in percent
_CHANGES = {"增减额": ("合计", "上年执行数"), "扣除基建项目后增减额": ("扣除基建项目后预算数", "扣除基建项目后执行数")}
_RATES = {"增减率": "增减额", "扣除基建项目后增减率": "扣除基建项目后增减额"}


def lines_table(table_id: str, lines: Sequence[TableLine], form: str, columns: Sequence[str],
                builder: TableBuilder, total_last: bool = False, department_line: bool = False) -> TableRows:
    """The table ``table_id`` as its lines print it: their codes (``form``), then the amount ``columns`` (the
    labels of 列; empty: 合计 and each one a line states), and a 合计 row last — first where the lines are units'
    (广州, 泉州, 珠海 print the 合计 over them) unless the layout says 末行 (``total_last``); the department's row
    again under the 合计, over its units, where the layout says so (``department_line``: 杭州, 湖州)."""
    kinds = [kind for index, kind in enumerate(LINE_CODES) if any(line.codes[index] for line in lines)]
    amounts = list(columns) or _stated_columns(lines)
    num = builder.num(table_id)
    parts = _parts(builder, table_id, amounts)
    body = [_line_row(builder, line, kinds, form, amounts, num, parts) for line in lines]
    label_span = 1 if form == UNITS else len(kinds) * (2 if form == SPLIT else 1)
    # the 收入总表's 合计 by unit: the department's income as stated; a 支出总表's by unit (西安): its units' lines added
    stated = form == UNITS and table_id == role("income")
    totals = [_department_total(builder, label) if stated else None for label in amounts]
    def column_total(key: str) -> Decimal | None:  # the lines added, as the table printed its 合计 row (印出合计)
        added = _column_total(finest_lines(lines), key)
        return added if form == UNITS else builder.f.printed_line(table_id, "合计", key, added)

    def figure(total: Decimal | None, label: str) -> Decimal | None:  # a part's (其中栏) as stated of the 合计 row
        if label in parts:
            return parts[label].get("合计")
        return total if total is not None else column_total(_AMOUNT_OF.get(label, label))

    totals = [figure(total, label) for total, label in zip(totals, amounts, strict=True)]
    cells = [_derived(label, column_total, num) or num(total) for label, total in zip(amounts, totals, strict=True)]
    total_row = Row([Cell("合计", colspan=label_span, align="center", bold=True), *cells], kind="total", key="合计")
    body.insert(0 if form == UNITS and not total_last else len(body), total_row)
    body[body.index(total_row) + 1:body.index(total_row) + 1] = _department_row(builder, totals, num, department_line)
    widths = [12 if form == SPLIT else 24] * label_span + [16] * len(amounts)
    return TableRows([head(*(["单位名称"] if form == UNITS else _code_heads(kinds, form)), *amounts)], body, widths, wide=len(amounts) + label_span > 6)


def _department_row(builder: TableBuilder, totals: list[Decimal | None], num: AmountCell, printed: bool) -> list[Row]:
    """The department's row again under the 合计 of a 收入总表 by unit, where the layout prints it (部门行: 杭州, 湖州)."""
    return [Row([Cell(builder.b.department), *(num(t) for t in totals)], key=builder.b.department)] if printed else []


def _code_heads(kinds: list[str], form: str) -> list[str]:
    """The header over the codes: 科目编码 | 科目名称 (SPLIT), else each kind's own (支出功能分类科目 …)."""
    return ["科目编码", "科目名称"] if form == SPLIT else [_CODE_HEADS[kind] for kind in kinds]


def _stated_columns(lines: Sequence[TableLine]) -> list[str]:
    """合计 and the columns some line states, in the order the tables print them."""
    stated = {key for line in lines for key in line.amounts}
    if any(line.unit for line in lines):
        return ["合计", *(key for key in UNIT_INCOME_AMOUNTS if key in stated)]
    if stated & {"人员经费", "公用经费"}:
        stated.add("基本支出")
    order = ("基本支出", "人员经费", "公用经费", "项目支出", "扣除基建项目后预算数", *BESIDE_COLUMNS)
    return ["合计", *(BESIDE_COLUMNS.get(key, key) for key in order if key in stated)]


def _line_row(builder: TableBuilder, line: TableLine, kinds: list[str], form: str, amounts: list[str],
              num: AmountCell, parts: dict[str, dict[str, Decimal]]) -> Row:
    """A line's row: its unit or codes, then each column's figure (a part printed beside a column, 其中栏: the figure
    the source states of the line's 单位编码, else its unit)."""
    cells: list[Cell] = [Cell(line.unit)] if form == UNITS else []
    for kind in kinds:
        index = LINE_CODES.index(kind)
        code = line.codes[index]
        name = line.names[index] or (code_name(builder.b, kind, code) or "" if code else "")
        cells += [Cell(code), Cell(name)] if form == SPLIT else [Cell(f"{code}-{name}" if code else "")]
    for label in amounts:
        amount = _part(parts[label], line) if label in parts else line.column(_AMOUNT_OF.get(label, label))
        cells.append(_derived(label, line.column, num) or (Cell("", align="right") if amount is None else num(amount)))
    return Row(cells, key=line.unit if form == UNITS else "|".join(line.codes))


def _parts(builder: TableBuilder, table_id: str, amounts: list[str]) -> dict[str, dict[str, Decimal]]:
    """The columns of ``amounts`` a layout heads “其中：…” (其中栏: a part of another column), each line's figure of it as
    the source states it (by 单位编码, else unit name; 合计 for the 合计 row)."""
    found = {}
    for label in amounts:
        if (stated := part_lines(builder.b.printed_parts, table_id, label)) is not None:
            found[label] = stated[1]
    return found


def _part(lines: dict[str, Decimal], line: TableLine) -> Decimal | None:
    """A unit's line's figure of a part printed beside a column (其中栏), by its 单位编码, else its unit's name."""
    return lines.get(line.unit_code) if line.unit_code else lines.get(line.unit)


def _derived(label: str, column: Callable[[str], Decimal | None], num: AmountCell) -> Cell | None:
    """A change or rate column's cell (_CHANGES, _RATES) from the figures ``column`` gives: this year's less last
    year's (a figure not stated this year is none: 0, where last year's is stated), its rate over last year's; None
    for another column."""
    if (rate := _RATES.get(label)) is not None:
        current, last = (column(key) for key in _CHANGES[rate])
        return Cell(percent(growth_rate(current or ZERO, last)), align="right")
    if label not in _CHANGES:
        return None
    current, last = (column(key) for key in _CHANGES[label])
    return num(difference(current or ZERO, last)) if last is not None else Cell("", align="right")


def _department_total(builder: TableBuilder, label: str) -> Decimal | None:
    """The 收入总表's 合计 row by unit: the department's income in the column (its 合计 this year's and 上年结转), as
    the source states it — not the units' rows added, which may differ from it in the last digit; None where the
    source has no figure of the department's (教育收费: the units' rows added then)."""
    f = builder.f
    if label == "合计":
        return None if f.income_total is None or f.carried_over is None else f.income_total + f.carried_over
    if label == YEAR_INCOME:
        return f.income_total
    if label == "财政拨款收入":
        return f.fiscal_income
    return None if label in SPECIAL_ACCOUNT_PARTS or label.startswith(PART) else f.income_of(label)


def _column_total(lines: Sequence[TableLine], key: str) -> Decimal | None:
    """A column's lines added (None where no line states it)."""
    known = [amount for line in lines if (amount := line.column(key)) is not None]
    return sum(known, Decimal(0)) if known else None
