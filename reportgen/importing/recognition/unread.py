"""The figures a recognised table prints that gave no field and were compared with none: a cell of its
body holding an amount (or several amounts run together, as a PDF whose columns stand close prints
“22.91 0” in one cell) outside its label columns, that no reader took. They are what an import must
not leave unsaid: the import's page marks them, `review` tells them, and its 检查表 does not judge a
table whose figures were not all read. A row numbering the columns (栏次 1 2 3 under a 决算 table's header,
printed again on each page it runs on) holds no figure."""

from __future__ import annotations

from dataclasses import dataclass

from reportgen.importing.recognition.imported import Imported
from reportgen.importing.recognition.recognize import Table, cell_text, is_amount, numbers_columns
from reportgen.importing.recognition.rows import LABEL_MEANINGS
from reportgen.readers.grid import Cell
from reportgen.reading.amounts import printed_amount


@dataclass(frozen=True)
class Unread:
    table: str  # the table's kind (三公经费支出表 …)
    where: str  # 第28页 第9行, or 部门收入总表!E12
    text: str  # the cell as printed


def compared_cells(imported: Imported) -> set[tuple[str, int, int]]:
    """The cells the tables' rows compared (their 合计 and parts), beside those that gave a field."""
    return {(kind, *a.cell) for kind, rows in imported.rows.items() for r in rows for a in r.amounts.values()}


def is_unread(imported: Imported, table: Table, row: int, col: int, cell: Cell,
              compared: set[tuple[str, int, int]]) -> bool:
    key = (table.kind.id, row, col)
    if key in imported.used or key in compared or row < table.body_start:
        return False
    if table.columns.get(col) in LABEL_MEANINGS or numbers_columns(table.grid.rows[row]):
        return False
    return is_amount(cell) or _amounts_run_together(cell)


def unread_cells(imported: Imported) -> list[Unread]:
    """The amounts no reader took, of the tables read; and every amount of a table printed but not
    read for sure (sure.py: its header not given each column one meaning)."""
    compared = compared_cells(imported)
    found = []
    for kind, table in imported.tables.items():
        for r, cells in enumerate(table.grid.rows):
            for c, cell in enumerate(cells):
                if is_unread(imported, table, r, c, cell, compared):
                    found.append(Unread(kind, table.grid.where(r, c), cell_text(cell)))
    for table in imported.unsure:
        for r, cells in enumerate(table.grid.rows[table.body_start:], start=table.body_start):
            if numbers_columns(cells):
                continue
            found += [Unread(table.kind.id, table.grid.where(r, c), cell_text(cell)) for c, cell in enumerate(cells)
                      if table.columns.get(c) not in LABEL_MEANINGS and (is_amount(cell) or _amounts_run_together(cell))]
    return found


def _amounts_run_together(cell: Cell) -> bool:
    words = cell_text(cell).split()
    return len(words) > 1 and all(printed_amount(word) is not None for word in words)
