"""印出表: a table the document prints of a kind reportgen has none of (source/printed_tables.py), printed again as it
stands — its header's rows of cells (each spanning the columns and rows it spans as printed: merged in every
format) and its rows of cells, each amount with the places and the separators it was printed with, in its own unit;
nothing computed, nothing added."""

from __future__ import annotations

from decimal import Decimal

from reportgen.compute.phrasing import format_number
from reportgen.docmodel.document import Cell, Row
from reportgen.docmodel.model import PrintedTable
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
    width = sum(cell.across for cell in table.header[0]) if table.header else 0
    return TableRows(header, body, _widths(body, width), wide=width > 6, notes=list(table.notes))


_NARROW = 16  # a column's relative width for a name or an amount
_WIDEST = 4  # a column of running text at most so many times as wide


def _widths(body: list[Row], width: int) -> list[int]:
    """Each column's relative width: a name or an amount's column the same (_NARROW); a column of running text
    (杭州、湖州 表11's 绩效目标: paragraphs of 100–600 characters) wider by the square root of how many times
    longer its cells are on average, at most _WIDEST times — so that its rows are not a page tall."""
    lengths: list[list[int]] = [[] for _ in range(width)]
    for row in body:
        for index, cell in enumerate(row.cells[:width]):
            lengths[index].append(len(cell.text))
    means = [sum(column) / len(column) if column else 0 for column in lengths]
    return [round(_NARROW * min(_WIDEST, max(1.0, (mean / _NARROW) ** 0.5))) for mean in means]


def _cell(value: str | Decimal, thousands: bool) -> Cell:
    if isinstance(value, Decimal):
        places = max(0, -int(value.as_tuple().exponent))
        return Cell(format_number(value, places, thousands), align="right")
    return Cell(value)


def _key(row: tuple[str | Decimal, ...]) -> str:
    """The row's first text: what names it across years (the diff)."""
    return next((cell for cell in row if isinstance(cell, str) and cell), "")
