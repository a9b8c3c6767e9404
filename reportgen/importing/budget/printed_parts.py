"""其中栏 of a 收入总表 printed by function lines: a column headed “其中：…” beside one of the table's columns of income
(长沙市公安局 2025: 本级财政拨款 金额 | 其中:经费拨款 — recognize.py reads it “财政拨款·其中：经费拨款”), each line's
figure a part of that column's, held as printed under the column it is a part of (the render's name of it) and its own
name, by the line's code (合计 for the 合计 row): never a source of income or a fund, never added into a total
(source/printed_parts.py)."""

from __future__ import annotations

from reportgen.base.patterns import regex
from reportgen.importing.recognition.imported import Imported, value
from reportgen.importing.recognition.printed_totals import INCOME_COLUMN, printed
from reportgen.importing.recognition.recognize import Table
from reportgen.importing.recognition.rows import Row
from reportgen.importing.tree import Tree
from reportgen.tablekinds import role

_PART = "·"  # recognize.py's mark between a column's meaning and the words of the part printed beside it
_IN_WHICH = regex(r"^其中[：:]?")


def printed_parts(result: Imported) -> Tree:
    """其中栏.收入总表: {the column of income it is a part of: {its name: {合计 or code: figure}}}; {} where the table
    prints no such column or is not printed by function lines (a table by unit holds its lines as 表行)."""
    kind = role("income")
    table, rows = result.tables.get(kind), result.rows.get(kind, [])
    if table is None or not _by_function(rows):
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
    """The figures the column ``meaning`` prints, by the line's code (合计 for the 合计 row), each traced to its cell."""
    lines: Tree = {}
    for row in rows:
        amount = row.amounts.get(meaning)
        if (row.total or row.code) and amount is not None and printed(amount):
            lines["合计" if row.total else row.code] = value(result, table, amount, path)
    return lines
