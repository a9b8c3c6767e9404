"""其中栏 of a 收入总表 printed by function lines: a column headed “其中：…” beside one of the table's columns of income
(长沙市公安局 2025: 本级财政拨款 金额 | 其中:经费拨款 — recognize.py reads it “财政拨款·其中：经费拨款”), each line's
figure a part of that column's, held as printed under the column it is a part of (the render's name of it) and its own
name, by the line's code (合计 for the 合计 row): never a source of income or a fund, never added into a total
(source/printed_parts.py). A 收入总表 or 支出总表 by unit (西安: 一般公共预算拨款 | 其中：专项资金列入部门预算的项目) holds its
part by each unit's line the same way."""

from __future__ import annotations

from reportgen.base.patterns import regex
from reportgen.importing.budget.table_lines import UNITS, lines_form, unit_code, unit_name
from reportgen.importing.recognition.imported import Imported, value
from reportgen.importing.recognition.printed_totals import INCOME_COLUMN, printed
from reportgen.importing.recognition.recognize import Table
from reportgen.importing.recognition.rows import Row
from reportgen.importing.tree import Placed, Tree
from reportgen.tablekinds import role

_PART = "·"  # recognize.py's mark between a column's meaning and the words of the part printed beside it
_IN_WHICH = regex(r"^其中[：:]?")


def printed_parts(result: Imported) -> Tree:
    """其中栏.收入总表 (and .支出总表, by unit: _table_parts): {the column of income it is a part of: {its name: {line: figure}}}, a line by its function code
    (a table by function lines: 长沙), or by its unit's 单位编码, else its unit's name (a table by unit, its lines 表行:
    西安 122, 122001), and 合计 for the 合计 row; {} where the table prints no such column."""
    found: Tree = {}
    for kind in (role("income"), role("spending")):
        found.update(_table_parts(result, kind))
    return found


def _table_parts(result: Imported, kind: str) -> Tree:
    """其中栏 of the table ``kind``: a 收入总表 by function lines or by unit, a 支出总表 by unit (西安: 一般公共预算拨款 |
    其中：专项资金列入部门预算的项目, the spending of each unit by source as its income)."""
    table, rows = result.tables.get(kind), result.rows.get(kind, [])
    by_function = kind == role("income") and _by_function(rows)
    if table is None or not (by_function or lines_form(table, rows) == UNITS):
        return {}
    found: dict[str, Tree] = {}
    for meaning in dict.fromkeys(table.columns.values()):
        if (part := part_of(meaning)) is not None:
            column, name = part
            if lines := _lines(result, table, rows, meaning, f"其中栏.{kind}.{column}.{name}"):
                found.setdefault(column, {})[name] = lines
    return {kind: {column: parts for column, parts in found.items()}} if found else {}


def part_of(meaning: str) -> tuple[str, str] | None:
    """(the render's name of the column of income, the part's name) of a column read as a part printed beside it
    (财政拨款·其中：经费拨款 → 财政拨款收入, 经费拨款); None for any other column."""
    whole, _, words = meaning.partition(_PART)
    name = _IN_WHICH.sub("", words)
    return (INCOME_COLUMN[whole], name) if whole in INCOME_COLUMN and name and name != words else None


def _by_function(rows: list[Row]) -> bool:
    """Whether a 收入总表's rows are the function lines (most of those but its 合计 print a code), not its units'."""
    body = [row for row in rows if not row.total]
    return len(body) >= 2 and sum(1 for row in body if row.code) * 2 > len(body)


def _lines(result: Imported, table: Table, rows: list[Row], meaning: str, path: str) -> Tree:
    """The figures the column ``meaning`` prints, by line (_line_key), each traced to its cell."""
    units = lines_form(table, rows) == UNITS
    lines: Tree = {}
    for row in rows:
        amount = row.amounts.get(meaning)
        if (key := _line_key(table, row, units)) and amount is not None and printed(amount):
            lines[key] = value(result, table, amount, path)
    return lines


def _line_key(table: Table, row: Row, units: bool) -> str:
    """合计 for the 合计 row; a unit's 单位编码 as printed, else its name, in a table by unit; else the row's code."""
    if row.total:
        return "合计"
    if not units:
        return row.code
    code = unit_code(table, row).get("单位编码")
    return str(code.value) if isinstance(code, Placed) else unit_name(table, row)
