"""A 两栏 table (收支总表, 财政拨款收支总表): income on the left, spending on the right, each side a
label column and its amount columns; rows are known by their words, not by codes."""

from __future__ import annotations

from reportgen.base.patterns import regex
from reportgen.importing.recognition.catalog import normalized
from reportgen.importing.recognition.recognize import Table, cell_text
from reportgen.importing.recognition.rows import (
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
    found = side_rows(table, problems)
    return found[0], found[1]


def side_rows(table: Table, problems: list[CellProblem]) -> list[list[Row]]:
    """Each side's rows, left to right: income, spending, and a third side where the table prints the
    spending twice side by side (江苏's 收支预算总表: 功能分类 and 支出用途 — 基本支出, 项目支出, 单位预留机动经费 —
    each a 名称 column and its amounts). A row printing one label across the spending sides (当年支出小计,
    支出合计: its words under no side's 名称, its figure under the last side's amounts) is the spending
    side's, its figure that side's; empty lists where the table has no 名称 column."""
    starts = label_columns(table)
    if not starts:
        return [[], []]
    bounds = [*starts[1:], table.grid.width + 1]
    figures = [(c, m) for c, m in sorted(table.columns.items()) if m not in LABEL_MEANINGS]  # not a 行次 column
    amounts = [[(c, m) for c, m in figures if start < c < bound] for start, bound in zip(starts, bounds, strict=True)]
    found: list[list[Row]] = [[] for _ in starts] if len(starts) > 1 else [[], []]
    for index in range(table.body_start, len(table.grid.rows)):
        if not (is_note_row(table, index) or is_column_numbers(table, index)):
            _read_across_sides(table, index, list(zip(starts, amounts, strict=True)), found, problems)
    return [_joined(rows) for rows in found]


def _read_across_sides(table: Table, index: int, sides: list[tuple[int, list[tuple[int, str]]]],
                       found: list[list[Row]], problems: list[CellProblem]) -> None:
    """One body row read on each side (its label column, its amounts' columns): a label printed across the
    spending sides is one row of the spending side, its figure that side's."""
    across = spanning_label(table, index)
    for side, (label_col, amount_cols) in enumerate(sides):
        if across is not None and side >= 1:
            if side == 1:
                found[1].append(_across_row(table, index, across, amount_cols, problems))
            continue
        row = _side_row(table, index, label_col, amount_cols, problems)
        if row is not None:
            found[side].append(row)


def label_columns(table: Table) -> list[int]:
    """The label columns each side of a 两栏 table starts with, left to right: the income's, the spending's,
    and each further spending side's. Where the header names fewer than two 名称 columns, the sides are
    found by the table's geometry: each column of words (named 名称 or a 科目, or not named at all) followed
    by a column of amounts starts a side (西安's 收支总表: 项目 | 预算数 | 支出功能分类科目 | 预算数 | 部门预算
    支出经济分类科目 | 预算数 | 政府预算支出经济分类科目 | 预算数, four pairs side by side)."""
    named = sorted(c for c, m in table.columns.items() if m == "名称")
    if len(named) >= 2:
        return named[:3]
    paired = [c for c in range(table.grid.width - 1) if _starts_side(table, c)]
    return paired if len(paired) >= 2 and paired[0] == (named or paired)[0] else named


_SIDE_LABELS = ("名称", "功能科目", "部门经济科目", "政府经济科目")


def _starts_side(table: Table, col: int) -> bool:
    """A column of words (no amount under it, a word in some row) with a column of amounts right of it."""
    if table.columns.get(col, "名称") not in _SIDE_LABELS or table.columns.get(col + 1, "名称") in LABEL_MEANINGS:
        return False
    cells = [table.grid.cell(row, col) for row in range(table.body_start, len(table.grid.rows))]
    texts = [cell_text(cell) for cell in cells if cell_text(cell)]
    return bool(texts) and all(amount_of_cell(cell, "") is None for cell in cells if cell_text(cell))


def spanning_label(table: Table, index: int) -> tuple[int, str] | None:
    """Of a table of three sides, a row whose words stand on the first spending side, unnumbered, and whose
    second spending side names nothing (江苏's “当年支出小计”, “支出合计”: in the 功能分类's 名称 column, under its
    amounts or between its columns, their figure under the 支出用途's amounts): the column and the words;
    None for any other row or table."""
    starts = label_columns(table)
    if len(starts) < _SIDES_OF_TWO_SPENDINGS:
        return None
    grid = table.grid
    if cell_text(grid.cell(index, starts[2])):
        return None
    for col in range(starts[1], starts[2]):
        text = cell_text(grid.cell(index, col))
        if text and amount_of_cell(grid.cell(index, col), "") is None:
            return None if NUMBERING.match(text) else (col, text)
    return None


_SIDES_OF_TWO_SPENDINGS = 3


def _across_row(table: Table, index: int, across: tuple[int, str], amount_cols: list[tuple[int, str]],
                problems: list[CellProblem]) -> Row:
    """A row printing one label across the spending sides: its figure is the one printed right of its
    words (under the second spending side's amounts), given the first spending side's meaning."""
    grid = table.grid
    label = NUMBERING.sub("", normalized(across[1]))
    row = Row(index, grid.where(index, across[0]), name=label, label=label)
    meaning = amount_cols[0][1] if amount_cols else "预算数"
    for col in range(across[0] + 1, grid.width):
        if (col, meaning) in amount_cols or table.columns.get(col) not in LABEL_MEANINGS:
            amount = amount_of_cell(grid.cell(index, col), grid.where(index, col), (index, col))
            if amount is None:
                problems.append(cell_problem(grid.cell(index, col), grid.where(index, col), meaning))
            elif not amount.blank or meaning not in row.amounts:
                row.amounts[meaning] = amount
    return row


# A label that carries the end of the one above it before its own numbering: “支出五、社会保障和就业支出”
# under “四、文化旅游体育与传媒” (a name too long for its cell, wrapped); “算2.政府性基金” under “1.一般公共预”
# (江苏省人民检察院 2018's 收支预算总表: 1.一般公共预算 wrapped, the PDF setting its end before the next name).
_RUN_ON = regex(r"^(\S{1,8}?)([一二三四五六七八九十]{1,3}、)|^([\u4e00-\u9fff]{1,8}?)(\d{1,2}[.．])(?!\d)")


def _joined(rows: list[Row]) -> list[Row]:
    """A side's rows as printed once wrapped labels are one row again: a label with no figure and the
    row of figures with no label under it are one row; the end of a label carried into the next
    row's label (before its numbering) goes back to the label it ends."""
    out: list[Row] = []
    for row in rows:
        previous = out[-1] if out else None
        run_on = _RUN_ON.match(row.name) if previous is not None else None
        if previous is not None and run_on is not None and not NUMBERING.match(row.name):
            carried = run_on.lastindex - 1 if run_on.lastindex else 1
            previous.label = previous.name = previous.label + run_on.group(carried)
            row.label = row.name = NUMBERING.sub("", row.name[run_on.end(carried):])
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
    label = NUMBERING.sub("", normalized(_label_text(table, index, label_col, amount_cols)))
    row = Row(index, grid.where(index, label_col), name=label, label=label)
    for number, (col, meaning) in enumerate(amount_cols):
        amount = amount_of_cell(grid.cell(index, col), grid.where(index, col), (index, col))
        if amount is None:
            problems.append(cell_problem(grid.cell(index, col), grid.where(index, col), meaning))
            if number == 0:  # a row's first figure is the one its side is checked by: none is, where it was not read
                row.amounts = {}
                break
        elif not (amount.blank and not label):
            row.amounts[meaning] = amount
    if not label and not any(not a.blank for a in row.amounts.values()):
        return None
    return row


def _label_text(table: Table, index: int, label_col: int, amount_cols: list[tuple[int, str]]) -> str:
    """A side's label on the row: the words of its label column, and those of the columns the header names nothing
    between it and the side's first amount — a header “项 目” printed spaced out is cut into two columns, and the
    words under it with it (长沙's “本 年 收 入 合 | 计”); a figure there is no word of the label."""
    grid = table.grid
    end = amount_cols[0][0] if amount_cols else label_col + 1
    texts = [cell_text(grid.cell(index, label_col))]
    for col in range(label_col + 1, end):
        cell = grid.cell(index, col)
        if col not in table.columns and cell_text(cell) and amount_of_cell(cell, "") is None:
            texts.append(cell_text(cell))
    return "".join(texts)
