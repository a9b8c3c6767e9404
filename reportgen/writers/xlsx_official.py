"""Document → the official workbook its layout names (workbook.Workbook: 上海's 2026 部门 and 单位
templates): the sheets in the template's order under its names; the cover's title and the line under
it; the 目录's lines; each text sheet filled with the document's part of that heading (its headings and
paragraphs, a line each); each table sheet with the document's table at the template's cells — title,
编制部门 caption and unit, header rows, body from the template's data row, the total of a fixed grid at
its row — in the template's faces, sizes, number formats, column widths and row heights.

Every word is the Document's: a sheet whose part the document does not have keeps the template's
formatting and no text. The writer adds only what the layout's data says (where, in which type)."""

from __future__ import annotations

import re
from typing import Any

from xlsxwriter.format import Format  # type: ignore[import-untyped]
from xlsxwriter.workbook import Workbook as Book  # type: ignore[import-untyped]
from xlsxwriter.worksheet import Worksheet  # type: ignore[import-untyped]

from reportgen.base.patterns import regex
from reportgen.docmodel.document import Block, Document, Heading, Paragraph, Table, Title
from reportgen.docmodel.workbook import ContentsSheet, CoverSheet, Place, Sheet, Style, TableSheet, TextSheet, Workbook
from reportgen.shaping.layout_workbook import misfits
from reportgen.writers.xlsx_cells import (
    A4,
    EXCEL_TEXT,
    Placed,
    column_label,
    display_width,
    figure,
    grouped_figures,
    lines,
    placed_cells,
    too_long,
)

DEFAULT_HEIGHT = 15.6  # points of a row of 12-point type (the templates' default row)
DEFAULT_WIDTH = 9.0
_DIGITS = regex(r"[0-9]{1,15}")


class OfficialFormats:
    """The workbook's cell formats, each made once from its properties."""

    def __init__(self, book: Book, base: Style) -> None:
        self.book, self.base = book, base
        self._made: dict[tuple[tuple[str, object], ...], Format] = {}

    def get(self, style: Style | None = None, **props: Any) -> Format:
        style = style or self.base
        properties = {"font_name": style.font, "font_size": style.size, "bold": style.bold, "valign": "vcenter", **props}
        key = tuple(sorted(properties.items()))
        if key not in self._made:
            self._made[key] = self.book.add_format(properties)
        return self._made[key]


def parts_by_heading(document: Document, own_sheets: frozenset[str] = frozenset()) -> dict[str, list[Block]]:
    """Each part of the document (a level-1 heading and the blocks up to the next), by its heading's
    text. A table of ``own_sheets`` (one the workbook gives a sheet of its own) ends the part before
    it: a layout may print the tables' part heading in its 目录 only (上海's 五、部门预算表)."""
    parts: dict[str, list[Block]] = {}
    current: list[Block] | None = None
    for block in document.blocks:
        if isinstance(block, Heading) and block.level == 1:
            current = parts.setdefault(block.full_text.strip(), [])
            current.append(block)
        elif isinstance(block, Table) and block.id in own_sheets:
            current = None
        elif current is not None:
            current.append(block)
    return parts


def _checked(result: int, sheet: str, row: int) -> None:
    if result != 0:  # a text too long for a cell is refused before it is written (too_long)
        raise ValueError(f"工作表“{sheet}”第 {row + 1} 行超出了 Excel 工作表的范围，无法写入 xlsx")


class OfficialSheet:
    """One sheet of the official workbook: writes its text and figures where its shape says."""

    def __init__(self, sheet: Worksheet, shape: Sheet, formats: OfficialFormats, workbook: Workbook) -> None:
        self.sheet, self.shape, self.formats, self.workbook = sheet, shape, formats, workbook
        self.heights: dict[int, float] = dict(shape.heights)

    def put(self, place: Place, text: str, what: str = "文字", **props: Any) -> None:
        """``text`` at ``place`` (merged over its range) in its type; ``what`` it is, told when it is too long for a cell."""
        if len(text) > EXCEL_TEXT:
            raise too_long(self.shape.name, place.row, place.column, what, text)
        fmt = self.formats.get(place.style, **props)
        if place.last_row > place.row or place.last_column > place.column:
            self.sheet.merge_range(place.row, place.column, place.last_row, place.last_column, "", fmt)
        if text:
            _checked(self.sheet.write_string(place.row, place.column, text, fmt), self.shape.name, place.row)
        if place.height is not None:
            self.heights.setdefault(place.row, place.height)

    def width(self, column: int) -> float:
        widths = self.shape.widths
        return widths[column] if column < len(widths) else DEFAULT_WIDTH

    def finish(self, landscape: bool, repeat: tuple[int, int] | None = None) -> None:
        for column, width in enumerate(self.shape.widths):  # the template's stored widths: 7 pixels a character
            self.sheet.set_column_pixels(column, column, round(width * 7))
        for row, height in sorted(self.heights.items()):
            self.sheet.set_row(row, round(height, 2))
        self.sheet.set_paper(A4)
        if landscape:
            self.sheet.set_landscape()
        if self.shape.scale is not None:
            self.sheet.set_print_scale(self.shape.scale)
        else:
            self.sheet.fit_to_pages(1, 0)
        self.sheet.center_horizontally()
        if repeat is not None:
            self.sheet.repeat_rows(*repeat)


# -- the cover, the 目录 and the text sheets -----------------------------------------------------------


def write_cover(out: OfficialSheet, shape: CoverSheet, document: Document) -> None:
    title = next((b for b in document.blocks if isinstance(b, Title)), None)
    if title is None:
        return
    if shape.title is not None:  # a name longer than the template's “上海市普陀区2026年区级部门预算” shrinks to its cells
        out.put(shape.title, title.text, what="封面标题", align="center", shrink=True)
    if shape.subtitle is not None and title.subtitle:
        out.put(shape.subtitle, title.subtitle, what="封面副标题", align="center", shrink=True)
    _write_banner(out, document)


def _write_banner(out: OfficialSheet, document: Document) -> None:
    """A draft's banner, on its first sheet above the title (a draft says so)."""
    banner = [b.text for b in document.blocks if isinstance(b, Paragraph) and b.role == "banner"]
    if banner:
        out.sheet.write_string(0, 0, "\n".join(banner), out.formats.get(align="left", text_wrap=True))


def write_contents(out: OfficialSheet, shape: ContentsSheet, document: Document) -> None:
    if shape.title is not None and document.contents_title:
        out.put(shape.title, document.contents_title, what="目录标题", align="center")
    if shape.entries is None:
        return
    for offset, entry in enumerate(document.contents):
        text = " " * shape.indent * (entry.level - 1) + entry.text
        if shape.leader and shape.line_width:
            room = shape.line_width - display_width(text) - 2
            text += "  " + shape.leader * max(0, int(room // 2))
        row = shape.entries.row + offset
        place = Place(row, shape.entries.column, row, shape.entries.last_column, shape.entries.style, shape.entries.height)
        out.put(place, text, what="目录", align="left")


def _part_lines(blocks: list[Block], indent: int) -> tuple[list[str], int, list[Table]]:
    """A part's headings and paragraphs, a line each led by ``indent`` spaces; the index of its
    first numbered item (the number of lines when none); its tables."""
    texts, tables, first_item = [], [], None
    for block in blocks[1:]:
        if isinstance(block, Heading):
            texts.append(block.full_text)
        elif isinstance(block, Paragraph) and block.role != "banner":
            if block.role == "item" and first_item is None:
                first_item = len(texts)
            texts.append(block.text)
        elif isinstance(block, Table):
            tables.append(block)
    return [" " * indent + text for text in texts], len(texts) if first_item is None else first_item, tables


def find_part(shape: TextSheet, parts: dict[str, list[Block]], document: Document) -> list[Block] | None:
    """The document's part this sheet holds: the first of its headings the document has; a heading
    with {*} (any words: “{*}项目经费情况说明”) takes every part it fits, one after another."""
    department, year = document.meta.get("department", ""), document.meta.get("year", "")
    for pattern in shape.parts:
        wanted = pattern.replace("{部门}", department).replace("{年}", year)
        if "{*}" not in wanted:
            if wanted in parts:
                return parts[wanted]
            continue
        fits = re.compile(".+?".join(re.escape(piece) for piece in wanted.split("{*}")))
        found = [block for heading, blocks in parts.items() if fits.fullmatch(heading) for block in blocks]
        if found:
            return found
    return None


def write_text(out: OfficialSheet, shape: TextSheet, blocks: list[Block] | None, grouped: bool) -> None:
    if blocks is None:  # the source has no such part: the sheet stays as the template has it, without words
        if shape.body is not None:
            out.put(shape.body, "", align="left", valign="top", text_wrap=True)
        return
    heading = blocks[0]
    assert isinstance(heading, Heading)
    if shape.title is not None:
        out.put(shape.title, heading.full_text.strip(), what="标题", align="center")
    texts, first_item, tables = _part_lines(blocks, shape.indent)
    if shape.body is None:
        return
    one_a_row = texts[first_item:] if shape.items is not None else []
    what = f"{heading.full_text.strip()}的正文"
    _fill(out, shape.body, texts[:len(texts) - len(one_a_row)], what)
    row = shape.body.last_row + 2
    if shape.items is not None:
        for offset, text in enumerate(one_a_row):
            item = shape.items
            _fill(out, Place(item.row + offset, item.column, item.row + offset, item.last_column, item.style, item.height), [text], what)
        row = max(row, shape.items.row + len(one_a_row) + 1)
    for table in tables:  # a table within the part (a project's 绩效目标表): below the text
        writer = TableWriter(out, grouped)
        row = writer.write(table, TablePlaces(row, row + 1, row + 2, row + 2 + len(table.header))) + 2


def _fill(out: OfficialSheet, place: Place, texts: list[str], what: str) -> None:
    """``texts`` (``what`` they are) a line each at ``place``, its rows made tall enough for them (Excel sizes no merged cell)."""
    out.put(place, "\n".join(texts), what=what, align="left", valign="top", text_wrap=True)
    width = sum(out.width(c) for c in range(place.column, place.last_column + 1))
    scale = place.style.points / 11.0  # Excel's character widths are of 11-point type
    needed = sum(lines(text, width, scale) for text in texts) * place.style.points * 1.3 + 4
    rows = place.last_row - place.row + 1
    have = sum(out.heights.get(r, DEFAULT_HEIGHT) for r in range(place.row, place.last_row + 1))
    if needed > have:
        for r in range(place.row, place.last_row + 1):
            out.heights[r] = min(409.0, needed / rows)


# -- the tables ----------------------------------------------------------------------------------------


class TablePlaces:
    """The rows a table is written at: title, caption, first header row, first body row; the total
    row no higher than ``total`` (a fixed grid); the styles of the title and caption."""

    def __init__(self, title: int, caption: int, header: int, data: int, total: int | None = None,
                 title_place: Place | None = None, caption_place: Place | None = None) -> None:
        self.title, self.caption, self.header, self.data, self.total = title, caption, header, data, total
        self.title_place, self.caption_place = title_place, caption_place


class TableWriter:
    """Writes a Document table on a sheet at given rows, in the workbook's type and number formats."""

    def __init__(self, out: OfficialSheet, grouped: bool, codes: dict[int, str] | None = None,
                 data_height: float | None = None, shape: TableSheet | None = None) -> None:
        self.out, self.grouped, self.codes, self.data_height = out, grouped, codes or {}, data_height
        self.amount_format = ""
        # the template's own header and the sheet column of each of the table's (上海's 单位收支总表)
        self.header_cells = shape.header_cells if shape is not None else ()
        self.columns = shape.columns if shape is not None else ()
        self.note = shape.note if shape is not None else None
        self.width = max(len(shape.widths), max(self.columns) + 1) if shape is not None and self.columns else 0

    def at(self, column: int) -> int:
        """The sheet column of the table's ``column``."""
        return self.columns[column] if self.columns else column

    def write(self, table: Table, at: TablePlaces) -> int:
        """Write ``table``; the last row written (0-based)."""
        last = (self.width or table.column_count) - 1
        unit = table.unit_line.rsplit("：", 1)[-1].rsplit(":", 1)[-1].strip()
        self.amount_format = self.out.workbook.amount_formats.get(unit, "")
        self._heading(table, at, last)
        self.table = table
        sheet_rows = self._body(table, at)
        return self._notes(table, sheet_rows[-1] if sheet_rows else at.data - 1, last)

    def _heading(self, table: Table, at: TablePlaces, last: int) -> None:
        """The lines above the table: its title across it, the department on the left, the unit on the right."""
        out = self.out
        title = " ".join(p for p in (table.number, table.title) if p)
        out.put(at.title_place or Place(at.title, 0, at.title, last, _big(out.workbook.style)), title, what="表题", align="center")
        caption = at.caption_place or Place(at.caption, 0, at.caption, max(last - 1, 0), out.workbook.style)
        out.put(caption, table.department_line, what="部门名称", align="left")
        if table.unit_line and last > caption.last_column:
            out.put(Place(caption.row, last, caption.row, last, caption.style), table.unit_line, what="金额单位", align="right")

    def _body(self, table: Table, at: TablePlaces) -> list[int]:
        """The header (the template's own where it has one) and the body's cells, with the grid's blank cells; the
        sheet row of each of the table's rows."""
        rows = placed_cells(table)
        header = len(table.header)
        sheet_rows = self._rows(table, at, header)
        for place, text in self.header_cells:
            self.out.put(place, text, what="表头", border=1, align="center", text_wrap=True)
        for placed in (p for row in rows for p in row if not (self.header_cells and p.row < header)):
            self._cell(placed, sheet_rows, len(rows))
        self._grid(table, sheet_rows, header)
        return sheet_rows

    def _notes(self, table: Table, end: int, last: int) -> int:
        """The table's notes below its last row ``end``: in the template's room for a note where it has one below the
        table, else a row each; the last row written."""
        out = self.out
        note_at = self.note if self.note is not None and self.note.row > end else None
        if note_at is not None and table.notes:  # the template's room for a note
            out.put(note_at, "\n".join(table.notes), what="表注", align="left", text_wrap=True)
            return note_at.last_row
        for offset, note in enumerate(table.notes, start=1):
            out.put(Place(end + offset, 0, end + offset, last, out.workbook.style), note, what="表注", align="left", text_wrap=True)
        return end + len(table.notes)

    def _rows(self, table: Table, at: TablePlaces, header: int) -> list[int]:
        """The sheet row of each of the table's rows: the header from ``at.header``, the body from
        ``at.data``, a closing total row at a fixed grid's total row when the body leaves room."""
        rows = [at.header + i for i in range(header)]
        body = table.body
        for index, row in enumerate(body):
            sheet_row = at.data + index
            if at.total is not None and index == len(body) - 1 and row.kind == "total":
                sheet_row = max(at.total, sheet_row)
            rows.append(sheet_row)
            if self.data_height is not None:
                self.out.heights.setdefault(sheet_row, self.data_height)
        return rows

    def _grid(self, table: Table, rows: list[int], header: int) -> None:
        """Blank bordered cells: the rows of a fixed grid between the body and its total row, and in
        the body's rows the template's columns the table has none for."""
        fmt, width = self.out.formats.get(border=1), self.width or table.column_count
        if len(rows) >= 2 and rows[-1] - rows[-2] > 1:
            for row in range(rows[-2] + 1, rows[-1]):
                for column in range(width):
                    self.out.sheet.write_blank(row, column, None, fmt)
                if self.data_height is not None:
                    self.out.heights.setdefault(row, self.data_height)
        unused = sorted(set(range(width)) - set(self.columns)) if self.columns else []
        for row in rows[header:]:
            for column in unused:
                self.out.sheet.write_blank(row, column, None, fmt)

    def _cell(self, placed: Placed, rows: list[int], count: int) -> None:
        cell, out = placed.cell, self.out
        row, column = rows[placed.row], self.at(placed.column)
        last_row = rows[min(placed.row + cell.rowspan, count) - 1]
        last_column = self.at(placed.column + cell.colspan - 1)
        value, props = self._value(placed)
        fmt = out.formats.get(border=1, align="center" if placed.label else cell.align, text_wrap=value is None, **props)
        if last_row > row or last_column > column:
            out.sheet.merge_range(row, column, last_row, last_column, "", fmt)
        if value is not None:
            _checked(out.sheet.write_number(row, column, value, fmt), out.shape.name, row)
        elif len(cell.text) > EXCEL_TEXT:
            raise too_long(out.shape.name, row, column, column_label(self.table, placed.column), cell.text)
        elif cell.text:
            _checked(out.sheet.write_string(row, column, cell.text, fmt), out.shape.name, row)
        else:
            out.sheet.write_blank(row, column, None, fmt)

    def _value(self, placed: Placed) -> tuple[float | None, dict[str, Any]]:
        """The number a body cell shows and its format (a 类 code as the template's number, an
        amount in the layout's format for its unit where that shows the same figure); None for text."""
        text, code = placed.cell.text, self.codes.get(self.at(placed.column))
        if placed.label:
            return None, {}
        if code is not None and _DIGITS.fullmatch(text):
            return (float(int(text)), {}) if code == "数值" else (None, {"num_format": "@"})
        number = figure(text, self.grouped)
        if number is None:
            return None, {}
        return number.value, {"num_format": _amount_format(self.amount_format, text) or number.num_format}


def _amount_format(wanted: str, text: str) -> str:
    """The layout's format for its unit's amounts (``wanted``), showing the figure ``text`` with its own decimals;
    "" where there is none, or it is no number format, or the figure is a percentage (its own format then)."""
    if not wanted or "%" in text or not (wanted == "General" or "0" in wanted):
        return ""
    places = len(text.rsplit(".", 1)[1]) if "." in text else 0
    return wanted if wanted == "General" else _with_places(wanted, places)


def _with_places(num_format: str, places: int) -> str:
    """The template's format showing ``places`` decimals, as the figure is printed: "#,##0_ " for a
    source of whole 元, "#,##0.00_ " for one with cents (the template's own spacing kept)."""
    return re.sub(r"0(?:\.0+)?", "0" + ("." + "0" * places if places else ""), num_format, count=1)


def _big(style: Style) -> Style:
    return Style(style.font, max(style.points, 14.0), style.bold)


def write_table_sheet(out: OfficialSheet, shape: TableSheet, table: Table | None, grouped: bool) -> tuple[int, int] | None:
    """The table at the template's cells; the header rows to repeat on each page (None: no table)."""
    if table is None:
        return None
    title_row = shape.title.row if shape.title is not None else max(shape.header_row - 4, 0)
    caption_row = shape.caption.row if shape.caption is not None else shape.header_row - 2
    total = shape.total_row
    if shape.empty_total_row is not None and all(row.kind == "total" for row in table.body):
        total = shape.empty_total_row  # nothing but the total: the template's blank grid above it, as published
    places = TablePlaces(title_row, caption_row, shape.header_row, shape.data_row, total, shape.title, shape.caption)
    TableWriter(out, grouped, dict(shape.code_columns), shape.data_height, shape).write(table, places)
    return (shape.header_row, shape.data_row - 1)


def write_official(book: Book, document: Document, workbook: Workbook) -> None:
    """Every sheet of ``workbook``, in its order, filled from ``document`` (a table the workbook file
    places wrongly raises ValueError: render tells it before writing anything)."""
    told = misfits(document)
    if told:
        raise ValueError(told[0])
    formats = OfficialFormats(book, workbook.style)
    own = frozenset(shape.table for shape in workbook.sheets if isinstance(shape, TableSheet))
    parts, tables = parts_by_heading(document, own), {t.id: t for t in document.tables()}
    grouped = grouped_figures(document)
    for shape in workbook.sheets:
        out = OfficialSheet(book.add_worksheet(shape.name), shape, formats, workbook)
        repeat = None
        if isinstance(shape, CoverSheet):
            write_cover(out, shape, document)
        elif isinstance(shape, ContentsSheet):
            write_contents(out, shape, document)
        elif isinstance(shape, TextSheet):
            write_text(out, shape, find_part(shape, parts, document), grouped)
        else:
            repeat = write_table_sheet(out, shape, tables.get(shape.table), grouped)
        out.finish(workbook.landscape, repeat)


__all__ = ["parts_by_heading", "write_official"]
