"""印出表: a table the document prints of a kind reportgen has none of (source/printed_tables.py), printed again as it
stands — its header's rows of cells (each spanning the columns and rows it spans as printed: merged in every
format) and its rows of cells (a form's labels and values spanning as printed, merged alike), each amount with the
places and the separators it was printed with, in its own unit; nothing computed, nothing added."""

from __future__ import annotations

from decimal import Decimal

from reportgen.compute.phrasing import format_number
from reportgen.docmodel.document import Cell, Row
from reportgen.docmodel.model import HeldCell, HeldValue, PrintedTable
from reportgen.tables.builder import TableBuilder, TableRows, head

PREFIX = "印出表-"  # a printed table's id: 印出表-1, 印出表-2 … in the source's order


def printed_id(index: int) -> str:
    """The id of the source's ``index``-th (from 1) printed table."""
    return f"{PREFIX}{index}"


def is_printed(table_id: str) -> bool:
    return table_id.startswith(PREFIX)


def printed_tables(builder: TableBuilder) -> dict[str, TableRows]:
    """Each printed table of the source by its id."""
    return {printed_id(index): printed_rows(table) for index, table in enumerate(builder.b.printed_tables, 1)}


def printed_rows(table: PrintedTable) -> TableRows:
    """The table's bands as printed: its header's rows, then its rows, each cell as it stands."""
    header = [head(*((cell.text, cell.across, cell.down) for cell in row)) for row in table.header]
    body = [Row([_cell(cell, table.thousands) for cell in row], key=_key(row)) for row in table.rows]
    width = _width(table)
    return TableRows(header, body, _widths(body, width), wide=width > 6, notes=list(table.notes))


def _width(table: PrintedTable) -> int:
    """The table's columns: those its header's first row spans, a form's (no header) its first row's."""
    if table.header:
        return sum(cell.across for cell in table.header[0])
    return sum(cell.across if isinstance(cell, HeldCell) else 1 for cell in table.rows[0]) if table.rows else 0


_NARROW = 16  # a column's relative width for a name or an amount
_WIDEST = 4  # a column of running text at most so many times as wide


def _widths(body: list[Row], width: int) -> list[int]:
    """Each column's relative width: a name or an amount's column the same (_NARROW); a column of running text
    (杭州、湖州 表11's 绩效目标: paragraphs of 100–600 characters) wider by the square root of how many times
    longer its cells are on average, at most _WIDEST times — so that its rows are not a page tall."""
    lengths: list[list[int]] = [[] for _ in range(width)]
    for row, placed in zip(body, _columns(body), strict=True):
        for index, cell in zip(placed, row.cells, strict=True):
            if cell.colspan == 1 and index < width:  # a cell across columns (a form's paragraph) widens none
                lengths[index].append(len(cell.text))
    means = [sum(column) / len(column) if column else 0 for column in lengths]
    return [round(_NARROW * min(_WIDEST, max(1.0, (mean / _NARROW) ** 0.5))) for mean in means]


def _columns(body: list[Row]) -> list[list[int]]:
    """The column each row's cells begin in: left to right, past the columns a cell above spans down into."""
    below: dict[int, int] = {}  # column → the rows under this one a cell above still covers
    placed = []
    for row in body:
        taken, col, starts = {c for c, left in below.items() if left > 0}, 0, []
        below = {c: left - 1 for c, left in below.items() if left > 1}
        for cell in row.cells:
            while col in taken:
                col += 1
            starts.append(col)
            below.update({c: cell.rowspan - 1 for c in range(col, col + cell.colspan) if cell.rowspan > 1})
            col += cell.colspan
        placed.append(starts)
    return placed


def _cell(value: HeldValue, thousands: bool) -> Cell:
    if isinstance(value, HeldCell):
        cell = _cell(value.value, thousands)
        return Cell(cell.text, colspan=value.across, rowspan=value.down, align=cell.align)
    if isinstance(value, Decimal):
        places = max(0, -int(value.as_tuple().exponent))
        return Cell(format_number(value, places, thousands), align="right")
    return Cell(value)


def _key(row: tuple[HeldValue, ...]) -> str:
    """The row's first text: what names it across years (the diff)."""
    texts = (cell.value if isinstance(cell, HeldCell) else cell for cell in row)
    return next((text for text in texts if isinstance(text, str) and text), "")
