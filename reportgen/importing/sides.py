"""A 两栏 table (收支总表, 财政拨款收支总表): income on the left, spending on the right, each side a
label column and its amount columns; rows are known by their words, not by codes."""

from __future__ import annotations

import re

from reportgen.importing.catalog import normalized
from reportgen.importing.recognize import Table, cell_text
from reportgen.importing.rows import (
    LABEL_MEANINGS,
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
    figures = [(c, m) for c, m in columns if m not in LABEL_MEANINGS]  # not a 行次 column
    left = [(c, m) for c, m in figures if names[0] < c < split]
    right = [(c, m) for c, m in figures if c > split]
    found: tuple[list[Row], list[Row]] = ([], [])
    for index in range(table.body_start, len(table.grid.rows)):
        if is_note_row(table, index) or is_column_numbers(table, index):
            continue
        for side, label_col, amount_cols in ((0, names[0], left), (1, split, right)):
            row = _side_row(table, index, label_col, amount_cols, problems)
            if row is not None:
                found[side].append(row)
    return _joined(found[0]), _joined(found[1])


# A label that carries the end of the one above it before its own numbering: “支出五、社会保障和就业支出”
# under “四、文化旅游体育与传媒” (a name too long for its cell, wrapped).
_RUN_ON = re.compile(r"^(\S{1,8}?)([一二三四五六七八九十]{1,3}、)")


def _joined(rows: list[Row]) -> list[Row]:
    """A side's rows as printed once wrapped labels are one row again: a label with no figure and the
    row of figures with no label under it are one row; the end of a label carried into the next
    row's label (before its numbering) goes back to the label it ends."""
    out: list[Row] = []
    for row in rows:
        previous = out[-1] if out else None
        run_on = _RUN_ON.match(row.name) if previous is not None else None
        if previous is not None and run_on is not None and not NUMBERING.match(row.name):
            previous.label = previous.name = previous.label + run_on.group(1)
            row.label = row.name = NUMBERING.sub("", row.name[run_on.end(1):])
        figures = any(not a.blank for a in row.amounts.values())
        if previous is not None and not row.label and figures and previous.label \
                and not any(not a.blank for a in previous.amounts.values()):
            previous.amounts = row.amounts  # the figures of the wrapped label above
            continue
        out.append(row)
    return out


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
