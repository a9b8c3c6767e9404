"""An income table that lists its sources in groups, each led by its 小计 (江苏's 收入预算总表: 收入总计, then
一般公共预算资金 — 小计, 公共财政拨款(补助)资金, 专项收入 —, 政府性基金, 财政专户管理资金, 其他资金 — 小计, 事业收入,
经营收入, 其他收入, 债务资金 —, 上年结转和结余资金): the group's name printed in a column of its own, centred over
its rows, each row's name in a column under no header word. Whose each row is, is told by where the 小计 rows
stand, never by where a group's name is printed; the table is read only where its rows are as many groups as
it prints groups' names, each led by a 小计, under one 收入总计 — a PDF that ran two rows' names into one cell
(“其他非税收入小计 80.00”) is not read for sure."""

from __future__ import annotations

from dataclasses import dataclass

from reportgen.importing.recognition.catalog import normalized
from reportgen.importing.recognition.recognize import Table, cell_text
from reportgen.importing.recognition.rows import LABEL_MEANINGS, Amount, Row, amount_of_cell, is_note_row
from reportgen.tablekinds import role

_SUBTOTAL = "小计"
_GRAND = "收入总计"


@dataclass
class Groups:
    total: Row  # 收入总计
    groups: list[tuple[Row, list[Row]]]  # each group's 小计 and its items

    @property
    def rows(self) -> list[Row]:
        return [self.total, *(row for subtotal, items in self.groups for row in (subtotal, *items))]


def grouped_income(table: Table) -> Groups | None:
    """The table's rows as groups led by their 小计 (see the module), None for any other table."""
    names = [col for col, meaning in table.columns.items() if meaning == "名称"]
    figures = [col for col, meaning in table.columns.items() if meaning not in LABEL_MEANINGS]
    if table.kind.id != role("income") or len(names) != 1 or len(figures) != 1:
        return None
    columns = _label_columns(table, names[0])
    if columns is None:
        return None
    items, group = columns
    rows: list[Row] = []
    groups = 0
    for index in range(table.body_start, len(table.grid.rows)):
        if is_note_row(table, index):
            continue
        grid = table.grid
        label, amount = normalized(cell_text(grid.cell(index, items))), _amount(table, index, figures[0])
        groups += bool(cell_text(grid.cell(index, group)))
        if amount is None or not label and not amount.blank:
            return None  # text where a figure belongs, or a figure with no name
        if label:
            rows.append(Row(index, grid.where(index, items), name=label, label=label, amounts={"预算数": amount}))
    return _grouped(rows, groups)


def _label_columns(table: Table, names: int) -> tuple[int, int] | None:
    """The column of the rows' names and that of the groups' names: the 名称 column and one under no header
    word beside it — the rows' the one that names the 收入总计."""
    grid = table.grid
    cols = {col for row in grid.rows[table.body_start:] for col, cell in enumerate(row)
            if col not in table.columns and cell_text(cell)}
    if len(cols) != 1 or abs(next(iter(cols)) - names) != 1:
        return None
    other = cols.pop()
    named = [col for col in (names, other) if any(normalized(cell_text(grid.cell(row, col))) == _GRAND
                                                  for row in range(table.body_start, len(grid.rows)))]
    return (named[0], other if named[0] == names else names) if len(named) == 1 else None


def _amount(table: Table, index: int, col: int) -> Amount | None:
    return amount_of_cell(table.grid.cell(index, col), table.grid.where(index, col), (index, col))


def _grouped(rows: list[Row], printed: int) -> Groups | None:
    if not rows or rows[0].label != _GRAND:
        return None
    groups: list[tuple[Row, list[Row]]] = []
    for row in rows[1:]:
        figure = not row.amounts["预算数"].blank
        if row.label == _SUBTOTAL or row.label.startswith(_SUBTOTAL) and not figure:
            groups.append((row, []))
        elif _SUBTOTAL in row.label and figure or not groups:
            return None  # two rows' names run into one cell, a figure among them; or an item before any group
        else:
            groups[-1][1].append(row)
    return Groups(rows[0], groups) if groups and len(groups) == printed else None
