"""The rows of a 项目支出表 that head the projects below them: a table of projects by level (长春市信访局 2026's
项目支出表: 项目类型 | 一级项目 | 二级项目, each level's name in a column of its own, right of the one above) prints a
一级项目's row (综合管理 474.56) over its 二级项目 (30.00, 116.00, 312.00, 16.56): the 二级项目 are the projects, the
一级项目 their sum — listed with them it would count each amount twice."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from reportgen.importing.recognition.recognize import Table, cell_text
from reportgen.importing.recognition.rows import Amount, Row


def heading_rows(table: Table, rows: list[Row], amount: Callable[[Row], Amount | None]) -> set[int]:
    """The grid indexes of ``rows`` that head the rows below them: a row whose name is printed in a column of names
    left of the next row's, whose ``amount`` is the sum of the rows below it named furthest right (the lowest level),
    up to the next row named in its column or left of it — within the rounding of the amounts printed."""
    named = [(row, _name_column(table, row)) for row in rows]
    step = Decimal("0.01") if table.unit == "万元" else Decimal(1)
    return {row.index for i, (row, col) in enumerate(named)
            if _sum_of_leaves(amount(row), _below(named[i + 1:], col), amount, step)}


def _sum_of_leaves(own: Amount | None, below: list[tuple[Row, int]], amount: Callable[[Row], Amount | None],
                   step: Decimal) -> bool:
    """Whether ``own`` is the sum of the rows ``below`` named furthest right (the lowest level), within the rounding
    of the amounts printed (half a ``step`` per amount added)."""
    if not below or own is None:
        return False
    deepest = max(c for _, c in below)
    leaves = [a.value for r, c in below if c == deepest and (a := amount(r)) is not None]
    return abs(sum(leaves, Decimal(0)) - own.value) <= step * (len(leaves) + 1) / 2


def _below(named: list[tuple[Row, int | None]], col: int | None) -> list[tuple[Row, int]]:
    """The rows after one named in column ``col``, each named in a column right of it, up to the first that is not."""
    below: list[tuple[Row, int]] = []
    if col is None:
        return below
    for row, at in named:
        if at is None or at <= col:
            break
        below.append((row, at))
    return below


def _name_column(table: Table, row: Row) -> int | None:
    """The column of names (of two or more: a table of projects by level) a row's name is printed in; None in a table
    of one such column, or for a row printing none."""
    columns = sorted(col for col, meaning in table.columns.items() if meaning == "名称")
    if len(columns) < 2:
        return None
    cells = table.grid.rows[row.index]
    return next((col for col in columns if col < len(cells) and cell_text(cells[col])), None)
