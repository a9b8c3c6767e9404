"""Excel 2003 XML (SpreadsheetML, "XML 电子表格 2003"): what some finance systems export under an
.xls or .xml name. Read with lxml's hardened parser: no entity is expanded, no DTD loaded, nothing
fetched from the network, and a file that declares a DTD at all is refused (Excel writes none).

A Row or a Cell may skip ahead (ss:Index, 1-based); ss:MergeAcross / ss:MergeDown make a merged
range (a cell without an index comes after the columns merged across, and in the rows below after
those merged down); ss:Hidden marks rows and columns. A Number's value is the Decimal of its text, exactly as written (never through a float)."""

from __future__ import annotations

import io

from lxml import etree

from reportgen.readers.grid import EMPTY, Cell, Grid, ImportRefused, Merge
from reportgen.readers.office.sheets import (
    MAX_CELLS,
    MAX_COLUMNS,
    MAX_ROWS,
    Ranges,
    check_bounds,
    exact_number,
    finish,
    has_doctype,
    refused,
)

_SS = "{urn:schemas-microsoft-com:office:spreadsheet}"
_X = "{urn:schemas-microsoft-com:office:excel}"
_PARSER_OPTIONS = {"resolve_entities": False, "no_network": True, "huge_tree": False, "load_dtd": False,
                   "remove_comments": True, "remove_pis": True}
_LIMIT = 10**7  # an index or a span past every bound, read as this


class _Sheet:
    """A worksheet as its rows stream past: the grid so far and where the next row goes."""

    def __init__(self, file: str, name: str) -> None:
        self.grid = Grid(file, name, [])
        self.row = -1
        self.column = -1  # of the last ss:Column
        self.cells = 0
        self.merges: list[Merge] = []
        self.hidden_rows: Ranges = []
        self.hidden_cols: Ranges = []
        self.covered: dict[int, set[int]] = {}  # a row's columns taken by a merge from a row above
        self.spanned = 0  # cells so taken, all rows


def read_spreadsheetml(file: str, data: bytes) -> list[Grid]:
    """Each ss:Worksheet of the file as a grid, in order; hidden ones kept and marked hidden. Read
    as a stream, a row at a time (each row dropped once read): memory follows the cells kept."""
    if has_doctype(data):
        raise _refuse(file, "dtd")
    grids: list[Grid] = []
    sheet: _Sheet | None = None
    tags = (f"{_SS}Worksheet", f"{_SS}Column", f"{_SS}Row", f"{_X}Visible")
    try:
        for event, element in etree.iterparse(io.BytesIO(data), events=("start", "end"), tag=tags, **_PARSER_OPTIONS):
            if element.tag == tags[0]:
                if event == "start":
                    sheet = _Sheet(file, element.get(f"{_SS}Name", ""))
                elif sheet is not None:
                    grids.append(_finished(sheet))
                    sheet = None
                    element.clear()
            elif event == "end" and sheet is not None:
                _read(sheet, element)
    except (etree.XMLSyntaxError, ValueError) as exc:
        line = getattr(exc, "lineno", 0)
        raise refused(file, f"XML 格式有误{f'（第 {line} 行）' if line else ''}，无法读取：请确认文件完整，"
                            "或在 Excel 中打开后另存为 .xlsx") from None
    return grids


def _read(sheet: _Sheet, element: etree._Element) -> None:
    """A Column, a Row (then dropped, with the rows before it) or the sheet's Visible option."""
    tag = element.tag
    if tag == f"{_SS}Column":
        sheet.column = _index(element, sheet.column)
        span = min(_number(element.get(f"{_SS}Span"), 0), _LIMIT)
        if element.get(f"{_SS}Hidden") == "1":
            sheet.hidden_cols.append((sheet.column, sheet.column + span + 1))
        sheet.column += span
    elif tag == f"{_SS}Row":
        _read_row_element(sheet, element)
        element.clear()
        while element.getprevious() is not None:
            del element.getparent()[0]  # type: ignore[union-attr]
    elif (element.text or "").strip() in ("SheetHidden", "SheetVeryHidden"):
        sheet.grid.hidden = True


def _read_row_element(sheet: _Sheet, element: etree._Element) -> None:
    grid = sheet.grid
    sheet.row = row = _index(element, sheet.row)
    check_bounds(grid.file, grid.name, row + 1, 1)
    if element.get(f"{_SS}Hidden") == "1":
        sheet.hidden_rows.append((row, row + 1))
    values = _read_row(sheet, element, row)
    if values:
        grid.rows.extend([] for _ in range(row + 1 - len(grid.rows)))
        grid.rows[row] = values
        sheet.cells += len(values)
        if sheet.cells > MAX_CELLS:
            check_bounds(grid.file, grid.name, len(grid.rows), MAX_CELLS)
    sheet.row += min(_number(element.get(f"{_SS}Span"), 0), _LIMIT)  # ss:Span: as many more rows like it


def _finished(sheet: _Sheet) -> Grid:
    grid = sheet.grid
    check_bounds(grid.file, grid.name, len(grid.rows), grid.width)
    return finish(grid, sheet.merges, sheet.hidden_rows, sheet.hidden_cols)


def _read_row(sheet: _Sheet, element: etree._Element, row: int) -> list[Cell]:
    """A row's cells, each at its ss:Index, or after the cell before it and past the columns a
    cell above covers with ss:MergeDown (LibreOffice writes no index there; Excel writes one)."""
    file, name = sheet.grid.file, sheet.grid.name
    above = sheet.covered.pop(row, set())
    values: list[Cell] = []
    column = -1
    for cell in element.iterfind(f"{_SS}Cell"):
        if cell.get(f"{_SS}Index") is None:
            column += 1
            while column in above:
                column += 1
        else:
            column = _index(cell, column)
        check_bounds(file, name, row + 1, column + 1)
        across = min(_number(cell.get(f"{_SS}MergeAcross"), 0), MAX_COLUMNS)
        down = min(_number(cell.get(f"{_SS}MergeDown"), 0), MAX_ROWS)
        if across or down:
            sheet.merges.append(Merge(row, column, row + down, column + across))
            _cover(sheet, row, column, across, down)
        values.extend(EMPTY for _ in range(column + 1 - len(values)))
        values[column] = _cell(cell)
        column += across
    return values


def _cover(sheet: _Sheet, row: int, column: int, across: int, down: int) -> None:
    """The columns a merged range takes in the rows below its first, counted against MAX_CELLS."""
    sheet.spanned += down * (across + 1)
    if sheet.spanned > MAX_CELLS:
        check_bounds(sheet.grid.file, sheet.grid.name, row + down + 1, MAX_CELLS)
    for below in range(row + 1, row + down + 1):
        sheet.covered.setdefault(below, set()).update(range(column, column + across + 1))


def _cell(element: etree._Element) -> Cell:
    formula = element.get(f"{_SS}Formula") is not None
    data = element.find(f"{_SS}Data")
    if data is None:
        return Cell(None, formula=formula) if formula else EMPTY
    kind = data.get(f"{_SS}Type", "String")
    text = "".join(part for part in data.itertext() if isinstance(part, str))  # rich text: html:Font and the like
    if kind == "Number":
        value = exact_number(text)
        if value is not None:
            return Cell(value, formula=formula)
    else:
        text = _shown(kind, text)
    return Cell(text or None, text, formula=formula)


def _shown(kind: str, text: str) -> str:
    """A cell's text as Excel shows its type: a Boolean's TRUE or FALSE, a DateTime's date alone where its time is
    midnight."""
    if kind == "Boolean":
        return "TRUE" if text.strip() == "1" else "FALSE"
    if kind == "DateTime":
        return text.strip().removesuffix(".000").removesuffix("T00:00:00")
    return text


def _index(element: etree._Element, previous: int) -> int:
    """The 0-based place of a Row, Cell or Column: its ss:Index (1-based) or one past the previous."""
    given = element.get(f"{_SS}Index")
    return max(min(_number(given, previous + 2), _LIMIT), 1) - 1


def _number(text: str | None, default: int) -> int:
    if text is None:
        return default
    text = text.strip()
    return int(text) if text.isdigit() and len(text) <= 9 else _LIMIT if text.isdigit() else default


def _refuse(file: str, problem: str) -> ImportRefused:
    return refused(file, {"dtd": "XML 文件含有 DTD 声明（Excel 导出的文件中不会有，可能是实体扩展攻击），未读取"}[problem])
