"""The 行次 a 决算 总表 numbers its lines by (收入支出决算总表, 财政拨款收入支出决算总表: a column headed 行次 on
each side): each column runs 1, 2, 3 … down the table, across its pages. A number that breaks its run where
the lines around it keep it — the one above and the one below two apart, it not between them — is a slip
(佛山市轨道交通局 2019's 财政拨款收入支出决算总表: 28, 39, 30 for 29). Only such a clear break inside one run
is told: a run that restarts or skips on purpose (each side of a 总表 its own run, one side going on from
the other's last number) has no line printed between two numbers that bracket it, and a number at a run's
either end has no such pair."""

from __future__ import annotations

from reportgen.importing.recognition.recognize import Table, cell_text
from reportgen.importing.recognition.rows import is_column_numbers, is_note_row


def line_number_breaks(tables: list[Table]) -> list[str]:
    """A message for each 行次 that breaks the run of its column, with the number its neighbours give."""
    return [message for table in tables for col, meaning in sorted(table.columns.items()) if meaning == "行次"
            for message in _run_breaks(table, col)]


def _run_breaks(table: Table, col: int) -> list[str]:
    run = _numbers(table, col)
    found = []
    for (_, above), (index, number), (_, below) in zip(run, run[1:], run[2:], strict=False):
        if below == above + 2 and number != above + 1:
            found.append(f"{table.kind.id} {table.grid.where(index, col)}：行次印作 {number}，而上下两行的行次是 "
                         f"{above}、{below}，这一行应为 {above + 1}（行次自上而下依次编号）")
    return found


def _numbers(table: Table, col: int) -> list[tuple[int, int]]:
    """The column's line numbers down the body (rows numbering the columns and the notes aside), each with
    its row; a cell that is not a whole number ends nothing, it is passed over."""
    found = []
    for index in range(table.body_start, len(table.grid.rows)):
        if is_note_row(table, index) or is_column_numbers(table, index):
            continue
        text = "".join(cell_text(table.grid.cell(index, col)).split())
        if text.isascii() and text.isdigit():
            found.append((index, int(text)))
    return found
