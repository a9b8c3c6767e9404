"""What both workbooks (xlsx.py's sheet per table, xlsx_official.py's official workbook) share: a
cell's text as the number Excel holds with the format that shows it again, a table's cells on its
grid of rows and columns, and how many lines a text takes in a cell."""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass
from decimal import Decimal

from reportgen.base.errors import OutputTooLarge
from reportgen.base.patterns import regex
from reportgen.docmodel.document import Cell, Document, Row, Table

_FIGURE = regex(r"-?(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.([0-9]+))?(%?)")
EXCEL_DIGITS = 15  # the significant digits Excel keeps of a number
EXCEL_TEXT = 32767  # the characters a cell holds
A4 = 9  # XlsxWriter's paper code


@dataclass(frozen=True)
class Figure:
    """A cell's text as Excel holds it: a number and the format that shows the text again."""

    value: float
    num_format: str


@functools.lru_cache(maxsize=8192)  # a table repeats its figures ("0.00" above all)
def figure(text: str, grouped: bool) -> Figure | None:
    """The number ``text`` shows ("1,273.52", "-14.46", "17.55%", "100%"), with a format that
    shows it as the same text (thousands grouped when the text or the document groups them);
    None for any other text, and for a figure Excel could not show again exactly."""
    match = _FIGURE.fullmatch(text)
    if match is None:
        return None
    places, percent = len(match.group(1) or ""), bool(match.group(2))
    digits = text.replace(",", "").rstrip("%")
    value = Decimal(digits)
    grouped = "," in text or (grouped and not percent)
    if not _shown_again(text, digits, value, places, percent, grouped):
        return None
    return Figure(float(value / 100 if percent else value), number_format(places, percent, grouped))


def _shown_again(text: str, digits: str, value: Decimal, places: int, percent: bool, grouped: bool) -> bool:
    """Whether a figure's format shows its value as the very ``text``: not where Excel would round it (more digits
    than it keeps), nor for a -0, a leading zero ("05"), or a figure the document did not group though it groups
    others."""
    if len(digits.lstrip("-").replace(".", "").lstrip("0")) > EXCEL_DIGITS or (value == 0 and text[0] == "-"):
        return False
    return format(value, f"{',' if grouped else ''}.{places}f") + ("%" if percent else "") == text


def number_format(places: int, percent: bool, grouped: bool) -> str:
    """Excel's format for a figure: "#,##0.00", "0.00", "0%" …"""
    return ("#,##0" if grouped else "0") + ("." + "0" * places if places else "") + ("%" if percent else "")


def display_width(text: str) -> float:
    """The width of ``text`` in Excel's character widths: a Han character (three UTF-8 bytes) is
    two, an ASCII character one."""
    return (len(text.encode("utf-8")) + len(text)) / 2


def grouped_figures(document: Document) -> bool:
    """Whether the document groups the thousands of its figures (a figure shows "1,273.52")."""
    return any("," in cell.text and _FIGURE.fullmatch(cell.text)
               for table in document.tables() for row in table.body for cell in row.cells)


@dataclass(slots=True)
class Placed:
    """A Document cell where it lies on the sheet's grid of the table (rows from the first band)."""

    row: int
    column: int
    cell: Cell
    label: bool  # a header band's cell, a subheader row's or a label among the body's: always text


def placed_cells(table: Table) -> list[list[Placed]]:
    """Each row's cells at their grid columns: Row.cells omits the cells a rowspan from above
    covers, so each row is walked past the columns still covered. A row wider than the grid raises."""
    covered: dict[int, tuple[int, int]] = {}  # first column → (colspan, rows below still covered)
    rows: list[list[Placed]] = []
    for index, row in enumerate(table.header + table.body):
        placed, started = _row_placed(table, index, row, covered)
        if covered or started:
            covered = {c: (span, left - 1) for c, (span, left) in covered.items() if left > 1} | started
        rows.append(placed)
    return rows


def _row_placed(table: Table, index: int, row: Row,
                covered: dict[int, tuple[int, int]]) -> tuple[list[Placed], dict[int, tuple[int, int]]]:
    """One row's cells at their grid columns, past the columns a rowspan above still ``covers``; with the rowspans
    the row starts (first column → (colspan, rows below covered))."""
    label_row = index < len(table.header) or row.kind == "subheader"
    placed, column, started = [], 0, {}
    for cell in row.cells:
        while column in covered:
            column += covered[column][0]
        if column + cell.colspan > table.column_count:
            raise ValueError(f"table {table.id}: row {index + 1} is wider than its {table.column_count} columns")
        placed.append(Placed(index, column, cell, label_row or cell.header))
        if cell.rowspan > 1:
            started[column] = (cell.colspan, cell.rowspan - 1)
        column += cell.colspan
    return placed, started


def column_label(table: Table, column: int) -> str:
    """What a table's ``column`` holds, as its header says (its lowest band's label over it); else “第 N 列”."""
    label = ""
    for placed in (p for row in placed_cells(table)[:len(table.header)] for p in row):
        if placed.column <= column < placed.column + placed.cell.colspan and placed.cell.text.strip():
            label = placed.cell.text.strip()
    return label or f"第 {column + 1} 列"


def cell_name(row: int, column: int) -> str:
    """Excel's name of the cell at 0-based ``row`` and ``column``: “B8”."""
    letters, number = "", column + 1
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return f"{letters}{row + 1}"


def too_long(sheet: str, row: int, column: int, what: str, text: str) -> OutputTooLarge:
    """The refusal of a text longer than an Excel cell holds: which cell of which sheet, what it is, what fits."""
    where = "'" + sheet.replace("'", "''") + "'!" + cell_name(row, column)
    return OutputTooLarge(f"xlsx 的单元格 {where}（字段“{what}”）有 {len(text):,} 个字符，超过 Excel 一个单元格能存的 "
                          f"{EXCEL_TEXT:,} 个，xlsx 写不下：应不超过 {EXCEL_TEXT:,} 个字符。请把源文件中这段文字分成几段，"
                          "或不生成 xlsx（其他格式照常可以生成）")


def lines(text: str, width: float, scale: float = 1.0) -> int:
    """The lines ``text`` wraps to in a cell ``width`` wide (a little margin kept)."""
    room = max(width - 1.0, 1.0)
    if len(text) * 2 * scale <= room:  # most cells: short enough whatever their characters
        return 1
    if "\n" not in text:
        return max(1, math.ceil(display_width(text) * scale / room))
    return sum(max(1, math.ceil(display_width(part) * scale / room)) for part in text.split("\n"))


__all__ = ["A4", "EXCEL_DIGITS", "EXCEL_TEXT", "Figure", "Placed", "cell_name", "column_label", "display_width", "figure",
           "grouped_figures", "lines", "too_long",
           "number_format", "placed_cells"]
