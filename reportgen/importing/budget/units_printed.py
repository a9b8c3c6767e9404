"""The lines a department written as its units (units_read.py) prints of its own: its 收支总表 and 财政拨款收支总表 list
the department's function lines (类, 款, 项 by name) and its 本年支出合计, each rounded from 元 on its own — a 尾数 from
the sum of its units' rows as printed, which is what the render adds up (深圳市人力资源和社会保障局 2026: 技校教育
83,767.29, its units' rows 83,767.28). Each such line is written as the table printed it (印出合计, by code), where it
stands within the 尾数 of its units' rows and is not their sum; the render prints it in that table alone.

A table's lines are matched to the function lines the units' rows make, in order and by name (the n-th printed line is
the n-th line of its level, named as the units' tables name its code): where any line does not match, none of the
table's is written."""

from __future__ import annotations

from decimal import Decimal

from reportgen import tablekinds
from reportgen.importing.budget.with_units import finest
from reportgen.importing.recognition.catalog import normalized
from reportgen.importing.recognition.imported import Imported, value
from reportgen.importing.recognition.rows import Row
from reportgen.importing.tree import Placed, Tree
from reportgen.tablekinds import role

_FISCAL = ("一般公共预算", "政府性基金", "国有资本经营")
_WIDTHS = (3, 5, 7)  # 类, 款, 项
_SPENT = ("基本支出", "项目支出", "经营支出", "对附属单位补助支出", "上缴上级支出")  # a function row's spending
_STEP = Decimal("0.01")  # of the 万元 or 元 a table prints to: half of it a figure is its 尾数


def units_printed_lines(imported: Imported, units: list[Tree]) -> Tree:
    """印出合计 of the department's 收支 tables ({table: {code or 合计: Placed}}), as they print lines a 尾数 from the
    sum of ``units``' rows, and of its function tables' 合计 row ({table: {合计: {column: Placed}}}); {} where none is."""
    found: Tree = {}
    for kind, funds in ((role("summary"), None), (role("appropriations"), _FISCAL)):
        if kind in imported.sides and (lines := _table_lines(imported, kind, units, funds)):
            found[kind] = lines
    for kind, fund in {role("spending"): None, **tablekinds.fund_tables()}.items():
        if kind in imported.tables and (row := _total_row(imported, kind, units, (fund,) if fund else None)):
            found[kind] = {"合计": row}
    return found


def _total_row(imported: Imported, kind: str, units: list[Tree], funds: tuple[str, ...] | None) -> Tree:
    """The department's row of a function table (its one row read: the table printed by units in turn), by column
    (合计, 基本支出, 项目支出), where it stands a 尾数 from the units' rows of its money."""
    rows = imported.rows.get(kind, [])
    if len(rows) != 1:
        return {}
    sums = _column_sums(units, funds)
    found: Tree = {}
    for column, amount in rows[0].amounts.items():
        if column not in sums or amount.blank or not isinstance(amount.value, Decimal):
            continue
        total, parts = sums[column]
        if _within(amount.value - total, parts):
            found[column] = value(imported, imported.tables[kind], amount, f"印出合计.{kind}.合计.{column}")
    return found


def _within(gap: Decimal, parts: int) -> bool:
    """Whether a printed figure ``gap`` from the sum of ``parts`` lines is a 尾数 from it (and not the sum)."""
    return bool(gap) and abs(gap) <= _STEP * (parts + 1) / 2


def _column_sums(units: list[Tree], funds: tuple[str, ...] | None) -> dict[str, tuple[Decimal, int]]:
    """合计, 基本支出 and 项目支出 of the units' finest rows of ``funds``, and how many lines of the department add them."""
    found: dict[str, tuple[Decimal, int]] = {}
    for column, keys in (("合计", _SPENT), ("基本支出", _SPENT[:1]), ("项目支出", _SPENT[1:2])):
        total, lines = Decimal(0), set()
        for code, fund, row in _rows(units, funds):
            total += _spent(row, keys)
            lines.add((code, fund))
        found[column] = (total, len(lines))
    return found


def _table_lines(imported: Imported, kind: str, units: list[Tree], funds: tuple[str, ...] | None) -> Tree:
    sums = _sums(units, funds)
    printed = _printed_lines(imported, kind)
    codes = _matched(imported, printed[:-1] if printed and printed[-1][0] == "合计" else printed, sums)
    if codes is None:
        return {}
    keys = [*codes, "合计"] if printed and printed[-1][0] == "合计" else codes
    table = imported.tables[kind]
    lines: Tree = {}
    for key, (_, row) in zip(keys, printed, strict=True):
        amount = next(iter(row.amounts.values()))
        total, parts = sums.get(key, (Decimal(0), 0))
        if _within(amount.value - total, parts):
            lines[key] = value(imported, table, amount, f"印出合计.{kind}.{key}")
    return lines


def _printed_lines(imported: Imported, kind: str) -> list[tuple[str, Row]]:
    """The spending side's lines that print a figure, up to its 本年支出合计 (as "合计")."""
    found: list[tuple[str, Row]] = []
    for row in imported.sides[kind][1]:
        said = imported.catalog.spending_rows.get(row.label)
        if said == "本年支出合计" and row.amounts:
            found.append(("合计", row))
            break
        if said or not row.amounts or next(iter(row.amounts.values())).blank:
            break
        found.append((row.label, row))
    return found


def _matched(imported: Imported, printed: list[tuple[str, Row]], sums: dict[str, tuple[Decimal, int]]) -> list[str] | None:
    """The code of each printed line: the function lines of ``sums`` down to the deepest level whose count and names
    are the printed lines'; None where no level's are."""
    names = _names(imported)
    labels = [normalized(label) for label, _ in printed]
    for width in reversed(_WIDTHS):
        codes = sorted(code for code in sums if code != "合计" and len(code) <= width)
        if [names.get(code) for code in codes] == labels:
            return codes
    return None


def _names(imported: Imported) -> dict[str, str]:
    """Each code the units' tables print, by the name printed beside it."""
    return {row.code: normalized(row.name or row.label) for rows in imported.units_rows.values() for row in rows
            if row.code}


def _sums(units: list[Tree], funds: tuple[str, ...] | None) -> dict[str, tuple[Decimal, int]]:
    """Each function line of ``funds`` (None: all money) the units' finest rows make, and 合计: the sum of their
    spending and how many lines of the department it adds (a 项 of one fund, however many units spend on it: the
    render's count, compute/functions.printed_line)."""
    sums: dict[str, Decimal] = {}
    rows: dict[str, set[tuple[str, str]]] = {}
    for code, fund, row in _rows(units, funds):
        for key in [code[:width] for width in _WIDTHS if width <= len(code)] + ["合计"]:
            sums[key] = sums.get(key, Decimal(0)) + _spent(row, _SPENT)
            rows.setdefault(key, set()).add((code, fund))
    return {key: (total, len(rows[key])) for key, total in sums.items()}


def _rows(units: list[Tree], funds: tuple[str, ...] | None) -> list[tuple[str, str, Tree]]:
    """The units' finest function rows of ``funds`` (None: all money), each with its code and fund."""
    found = []
    for unit in units:
        spending = unit.get("支出")
        for row in finest(spending.get("功能分类") if isinstance(spending, dict) else None):
            node = row.get("资金")
            fund = str(node.value) if isinstance(node, Placed) else "一般公共预算"
            if funds is None or fund in funds:
                found.append((str(_plain(row.get("科目"))), fund, row))
    return found


def _spent(row: Tree, keys: tuple[str, ...]) -> Decimal:
    """A function row's spending in ``keys`` (基本支出, 项目支出 and the spending beside them), as written."""
    return sum((cell.value for key in keys if isinstance(cell := row.get(key), Placed) and isinstance(cell.value, Decimal)),
               Decimal(0))


def _plain(node: object) -> object:
    return node.value if isinstance(node, Placed) else node
