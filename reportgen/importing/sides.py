"""A 两栏 table (收支总表, 财政拨款收支总表): income on the left, spending on the right, each side a
label column and its amount columns; rows are known by their words, not by codes."""

from __future__ import annotations

from reportgen.importing.catalog import normalized
from reportgen.importing.recognize import Table, cell_text
from reportgen.importing.rows import (
    NUMBERING,
    CellProblem,
    Row,
    amount_of_cell,
    cell_problem,
    is_column_numbers,
    is_note_row,
)


def sides(table: Table, problems: list[CellProblem]) -> tuple[list[Row], list[Row]]:
    """The left side's rows and the right side's, each with its label and amounts by meaning."""
    columns = sorted(table.columns.items())
    names = [c for c, m in columns if m == "名称"]
    if not names:
        return [], []
    split = names[1] if len(names) > 1 else table.grid.width + 1
    left = [(c, m) for c, m in columns if names[0] < c < split]
    right = [(c, m) for c, m in columns if c > split]
    found: tuple[list[Row], list[Row]] = ([], [])
    for index in range(table.body_start, len(table.grid.rows)):
        if is_note_row(table, index) or is_column_numbers(table, index):
            continue
        for side, label_col, amount_cols in ((0, names[0], left), (1, split, right)):
            row = _side_row(table, index, label_col, amount_cols, problems)
            if row is not None:
                found[side].append(row)
    return found


def _side_row(table: Table, index: int, label_col: int, amount_cols: list[tuple[int, str]],
              problems: list[CellProblem]) -> Row | None:
    grid = table.grid
    label = NUMBERING.sub("", normalized(cell_text(grid.cell(index, label_col))))
    row = Row(index, grid.where(index, label_col), name=label, label=label)
    for col, meaning in amount_cols:
        amount = amount_of_cell(grid.cell(index, col), grid.where(index, col), (index, col))
        if amount is None:
            problems.append(cell_problem(grid.cell(index, col), grid.where(index, col), meaning))
        elif not (amount.blank and not label):
            row.amounts[meaning] = amount
    if not label and not any(not a.blank for a in row.amounts.values()):
        return None
    return row
