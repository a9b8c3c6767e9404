"""The shapes of a published document's function tables, learned (`reportgen import … --learn-layout DIR`, issue 80:
learned_table_shapes): the 支出总表, 一般公共预算支出表 … as printed — the code in 类, 款, 项 columns or not, the amount
columns it prints in its order — and the lines of the 收支 tables: their levels (层级), the classes listed (类), the
subtotal lines (小计行), the closing lines (结转与总计) and the words of their total rows."""

from __future__ import annotations

from typing import Any

from reportgen import codes, tablekinds
from reportgen.importing.budget.table_lines import LINE_PRINTED, UNITS, lines_form
from reportgen.importing.recognition.by_arithmetic import THIS_YEAR_SPENDING
from reportgen.importing.recognition.imported import Imported
from reportgen.importing.recognition.recognize import Table
from reportgen.importing.recognition.rows import Row, body_rows
from reportgen.shaping import layouts
from reportgen.tablekinds import role
from reportgen.tables import (
    BESIDE_COLUMNS,
    CLOSING_LINES,
    FUNCTION_COLUMNS,
    FUNCTION_TABLES,
    LEVELS,
    PROCURED_MEANINGS,
    SUBTOTAL_LINES,
    SUMMARY_TABLES,
)
from reportgen.tables.specs import CARRIED_COLUMNS, THIS_YEAR, YEAR_FIRST, YEAR_SPENT
from reportgen.tables.table_lines import LINE_COLUMNS


def _closing_lines(imported: Imported) -> dict[str, list[str]]:
    """表格.财政拨款收支总表.结转与总计: the lines it prints under its 本年 合计, by what the import read them as: 上年结转
    (income side), 结转下年 (spending side), 总计 (收入总计 or 支出总计), in CLOSING_LINES' order."""
    kind = role("appropriations")
    left, right = imported.sides.get(kind, ([], []))
    meanings = {imported.catalog.income_key(row.label) for row in left}
    meanings |= {imported.catalog.spending_rows.get(row.label, "") for row in right}
    meanings |= {"总计"} if meanings & {"收入总计", "支出总计"} else set()
    printed = [line for line in CLOSING_LINES if line in meanings]
    return {kind: printed} if printed else {}


def _spending_levels(imported: Imported) -> dict[str, str]:
    """表格.X.层级 of each 收支 table read whose spending side lists function lines below 类: the deepest level (款,
    项) of a line it prints, by the codes the document's function tables print that line's name under (a name printed
    at several levels — 其他…支出 as a 款 and a 项 — counts as the highest of them)."""
    widths = _name_widths(imported)
    by_width = {width: level for level, width in LEVELS.items()}
    found = {}
    for kind in SUMMARY_TABLES:
        printed = [widths[row.label] for row in imported.sides.get(kind, ([], []))[1] if row.label in widths]
        if printed and max(printed) > LEVELS["类"]:
            found[kind] = by_width[max(printed)]
    return found


def _name_widths(imported: Imported) -> dict[str, int]:
    """Each line name the document's function tables print, by the shortest code it is printed under (3: a 类)."""
    widths: dict[str, int] = {}
    for kind in FUNCTION_TABLES:  # a department written as its units: the lines its units print (units_read.py)
        for row in [*imported.rows.get(kind, []), *imported.units_rows.get(kind, [])]:
            if not row.total and len(row.code) in LEVELS.values() and row.code.isdigit():
                widths[row.name] = min(widths.get(row.name, len(row.code)), len(row.code))
    return widths


def _listed_classes(imported: Imported) -> dict[str, list[str]]:
    """表格.X.类 of each 收支 table read whose spending side prints lines the department spends nothing on: a line
    printed 0 that is no 类 of the document's function tables (外交支出 in 广州市统计局's; a 类 printed there, or the
    catalogue's 类 of a code printed there: 泉州 prints 项 alone). Its lines, in order: those above its first total
    (本年支出合计). Not for a table printing lines below 类 (层级)."""
    classes = _function_classes(imported)
    found: dict[str, list[str]] = {}
    if not classes:  # the function tables not read: which lines are the department's is not known
        return found
    deeper = _spending_levels(imported)
    for kind in SUMMARY_TABLES:
        lines = _lines_above_total(imported, kind)
        if kind not in deeper and any(row.label not in classes and _printed_zero(row) for row in lines):
            found[kind] = [row.label for row in lines]
    return found


def _lines_above_total(imported: Imported, kind: str) -> list[Row]:
    """A 收支 table's spending lines above its first total (本年支出合计) under them (“一、本年支出” printed over the
    lines, 重庆's and 长沙's 财政拨款收支总表, ends none)."""
    right = imported.sides.get(kind, ([], []))[1]
    ends = [at for at, row in enumerate(right) if at and imported.catalog.spending_rows.get(row.label)]
    return right[:ends[0]] if ends else []


def _function_classes(imported: Imported) -> set[str]:
    """The names of the 类 the document's function tables print rows of: a 类's row, or the catalogue's 类 of a 款's
    or 项's code (in the document's year)."""
    found: set[str] = set()
    for kind in FUNCTION_TABLES:
        for row in imported.rows.get(kind, []):
            if not row.code.isdigit() or len(row.code) not in LEVELS.values():
                continue
            if len(row.code) == LEVELS["类"]:
                found.add(row.name)
            elif imported.year and (entry := codes.function_entry(row.code[:LEVELS["类"]], imported.year)):
                found.add(entry.name)
    return found


def _printed_zero(row: Any) -> bool:
    """Whether a row prints its amounts, all 0."""
    values = [amount.value for amount in row.amounts.values() if not amount.blank]
    return bool(values) and all(value == 0 for value in values)


def _subtotal_lines(imported: Imported) -> dict[str, list[str]]:
    """表格.X.小计行 of each 收支 table read whose income side prints a sum above its parts (a line read as 财政拨款收入),
    in the render's order."""
    found = {}
    for kind in SUMMARY_TABLES:
        left, right = imported.sides.get(kind, ([], []))
        meanings = {imported.catalog.income_key(row.label) for row in left}
        if kind == role("appropriations") and _year_first(left, right):
            meanings.add(YEAR_FIRST)
        if (sums := [line for line in SUBTOTAL_LINES if line in meanings]):
            found[kind] = sums
    return found


def _year_first(left: list[Any], right: list[Any]) -> bool:
    """Whether a 财政拨款收支总表 prints its 本年 合计 first: its first line on either side 本年收入 and 本年支出 (长春,
    国家信访局, 重庆, 长沙: 一、本年收入 | 一、本年支出, the kinds and function lines under them)."""
    return len(left) > 1 and len(right) > 1 and (left[0].label, right[0].label) == (YEAR_FIRST, YEAR_SPENT)


def _total_words(imported: Imported, kind: str) -> str | None:
    """The words the table's total row (its only one) prints where the render prints 合计, where they are other words
    (spaces aside: 北京's “合 计” is 合计): the department's name (深圳's tables), 总计： (长春's 支出总表 and
    一般公共预算支出表); None where it prints 合计, or no total row, or more than one."""
    totals = [row for row in imported.rows.get(kind, []) if row.total]
    words = (totals[0].label or totals[0].name) if len(totals) == 1 else ""
    return words if words and "".join(words.split()) != "合计" else None


def _one_label_each(pairs: list[tuple[str, str]]) -> dict[str, str]:
    """Of (meaning, label) pairs, each meaning printed under one label other than its own: meaning → label."""
    labels: dict[str, set[str]] = {}
    for meaning, label in pairs:
        labels.setdefault(meaning, set()).add(label)
    return {meaning: next(iter(printed)) for meaning, printed in labels.items()
            if meaning and len(printed) == 1 and next(iter(printed)) != meaning}


def _function_shapes(tables: list[Table], base: str) -> dict[str, dict[str, Any]]:
    """表格: the function tables (支出总表, 一般公共预算支出表 …) as printed, as far as a layout can shape them
    (tables/specs.py): the code in 类, 款, 项 columns where the document prints it so (编码: 分列), and the amount
    columns it prints of those the render has, in its order (列). A table the base layout shapes already is left
    as the base shapes it."""
    lineage = layouts.resolve(base)
    shapes: dict[str, dict[str, Any]] = {}
    kinds = tablekinds.by_id()
    for table in tables:
        ref = kinds[table.kind.id].form(lineage.lineage).ref if table.kind.id in kinds else ""
        if table.kind.id not in FUNCTION_TABLES or ref != table.kind.id or ref in lineage.table_specs:
            continue
        if (shape := _function_shape(table)):
            shapes[table.kind.id] = shape
    return shapes


# a column's meaning → the render's column of it (the carry-over's by line, 上年结转·基本支出 …: CARRIED_COLUMNS)
_PRINTED_AS = {**BESIDE_COLUMNS, **PROCURED_MEANINGS, THIS_YEAR_SPENDING: THIS_YEAR, **CARRIED_COLUMNS}


def _function_shape(table: Table) -> dict[str, Any]:
    """One function table's shape as printed: 编码 分列 where its codes are printed in 类, 款, 项 columns, and the
    amount columns it prints (列) in the render's order; {} where it prints neither."""
    # 事业单位经营支出 …, read as the line's 经营支出 …, and 深圳's 政府采购 columns, under the name the render prints
    # them by (BESIDE_COLUMNS, PROCURED_MEANINGS); this year's part of each line beside the carry-over's (by_arithmetic's
    # 本年支出合计), printed as THIS_YEAR
    meanings = [_PRINTED_AS.get(table.columns[col], table.columns[col]) for col in sorted(table.columns)]
    if (lines := _lines_shape(table, meanings)):
        return lines
    shape: dict[str, Any] = {}
    if {"类", "款", "项"} <= set(meanings):
        shape["编码"] = "分列"
    # 人员经费 and 公用经费 printed under 基本支出 with no column of their sum (杭州): printed so where the source
    # holds them by line, else the render's 基本支出 column stands for them (TableSpec's 列)
    columns = [m for m in meanings if m in FUNCTION_COLUMNS]
    if columns:
        shape["列"] = [c for c in FUNCTION_COLUMNS if c in columns]  # in the render's order: it keeps, not moves
    return shape


def _lines_shape(table: Table, meanings: list[str]) -> dict[str, Any]:
    """A table printed from its lines (表行: importing/budget/table_lines.py) as printed: how it prints their codes and
    the amount columns it prints, in its order; {} for a table not printed so."""
    if (form := lines_form(table, body_rows(table, problems=[]))) in ("", UNITS):  # by unit: learned_table_shapes
        return {}
    printed = [LINE_PRINTED.get(meaning, meaning) for meaning in meanings]
    return {"表行": form, "列": [column for column in printed if column in LINE_COLUMNS]}
