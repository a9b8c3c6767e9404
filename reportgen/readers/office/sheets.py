"""Workbooks — .xlsx/.xlsm, .xls (BIFF8, and BIFF5) and .ods — read into grids by python-calamine.

calamine (Rust) reads a sheet's cached values fast, never runs a macro and never expands an XML
entity. But it builds each sheet as one dense rectangle from its first cell to its last, and it
reserves memory by counts the file declares: a workbook with one value at A1 and one at
XFD1048576, a shared-string table claiming four trillion strings, an .xls whose DIMENSIONS record
(or compound-file header) claims billions, each makes it ask for terabytes, and the process aborts,
past any ``except``. So each file is first looked at here, within bounds, in what its own
structure says, and calamine only gets a workbook whose every sheet fits:

- an .xlsx or .ods is inflated here a step at a time and counted (readers/containers.py's bounds)
  and calamine is given the parts stored uncompressed, so no header, however it lies, makes it
  inflate more than was counted; an XML part with a DTD is refused (OOXML and ODF have none); the
  shared strings' uniqueCount is renamed away in that copy;
- an .xls's compound file is read here with every count checked against the file's size and every
  chain against looping, then its BIFF records as calamine walks them (DIMENSIONS included);
- each sheet's used rectangle (to its last cell holding a value) is measured: MAX_ROWS, MAX_CELLS;
- the same pass notes what calamine does not say: hidden rows and columns, formula cells (and
  those saved without a value, read as empty and named in a note), error values (#DIV/0!), and
  for an .ods its merged ranges.

The helpers at the top (numbers, bounds, finishing a grid) serve every reader of the package."""

from __future__ import annotations

import codecs
import datetime
import gc
import io
import operator
import os
import re
import struct
import zipfile
import zlib
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from decimal import Decimal
from itertools import compress, repeat
from typing import TypeVar

import python_calamine
from lxml import etree

from reportgen.base.patterns import regex
from reportgen.readers.containers import MAX_ENTRIES, MAX_UNPACKED_BYTES, directory_problem
from reportgen.readers.grid import EMPTY, Cell, Grid, ImportRefused, Merge, column_letters, shown_name
from reportgen.reading.amounts import LIMIT, stored_number

MAX_ROWS = 200_000  # a sheet's rows: a department's 20,000-row budget ten times over
MAX_COLUMNS = 16_384  # Excel's own limit
# A sheet's used rectangle, rows × columns: what calamine holds densely (about 32 bytes a cell)
# and the grid holds as objects. 200,000 rows of 20 columns; a stray value far off is refused.
MAX_CELLS = 4_000_000
_STEP = 1024 * 1024  # inflate at most this much at a time
_SMALL_PART = 16 * 1024 * 1024
_ZIP_METHODS = frozenset({zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED})
_XML_OPTIONS = {"resolve_entities": False, "no_network": True, "huge_tree": False, "load_dtd": False}
_DOCTYPES = (b"<!DOCTYPE", "<!DOCTYPE".encode("utf-16-le"), "<!DOCTYPE".encode("utf-16-be"))
_FAR = 10**9  # a count past every bound (a repeat attribute's absurd value is read as this)
# Empty columns that part what a sheet holds: past more than these from the table (a value left at
# XFD1), cells are no part of it, and the grid ends with the table, not 16,384 columns wide.
_GAP = 64

T = TypeVar("T")
Ranges = list[tuple[int, int]]  # half-open [start, stop) runs of hidden rows or columns


# ---------------------------------------------------------------- helpers for every reader


def refused(file: str, what: str, sheet: str | None = None) -> ImportRefused:
    """An ImportRefused naming ``file`` (and ``sheet``): ``what`` says what is wrong and what to do."""
    place = shown_name(file) if sheet is None else f"{shown_name(file)} 的工作表“{shown_name(sheet)}”"
    return ImportRefused(f"{place}：{what}")


def number(value: float | int) -> Decimal:
    """A workbook's number as the shortest decimal that reads back as the same binary value:
    189767551.0 → 189767551, 0.1 → 0.1 (never 0.1000000000000000055…)."""
    if isinstance(value, int):
        return Decimal(value)
    if value.is_integer() and abs(value) < 1e16:
        return Decimal(int(value))
    return Decimal(repr(value))  # shortest round-trip text: no trailing zeros after the point


def exact_number(text: str) -> Decimal | None:
    """A number written as text (SpreadsheetML's ss:Data, HTML's x:num) exactly, never through a
    float, trailing zeros dropped ("189767551.0" → 189767551); None when it is not a finite number."""
    value = stored_number(text)
    return None if value is None else plain(value)


def plain(value: Decimal) -> Decimal:
    """``value`` without trailing fractional zeros, and without an exponent where it is a whole
    number of at most 30 digits (1E+3 → 1000): equal to it, written as a reader expects."""
    sign, digits, exponent = value.as_tuple()
    if not isinstance(exponent, int):  # NaN or infinity: left as it is
        return value
    if digits == (0,):
        return Decimal(0)
    if exponent > 0:
        return Decimal((sign, digits + (0,) * exponent, 0)) if len(digits) + exponent <= 30 else value
    zeros = 0
    while zeros < -exponent and zeros < len(digits) - 1 and digits[-1 - zeros] == 0:
        zeros += 1
    return Decimal((sign, digits[: len(digits) - zeros], exponent + zeros)) if zeros else value


def check_bounds(file: str, sheet: str, rows: int, columns: int) -> None:
    """Refuse a sheet whose used rectangle is past MAX_ROWS, MAX_COLUMNS or MAX_CELLS."""
    if rows > MAX_ROWS:
        shown = f"{rows} 行" if rows < _FAR else "行数多得异常的"
        raise refused(file, f"有 {shown}数据，超过上限 {MAX_ROWS} 行，未读取：预算表不会这么大，"
                            "请确认文件，或删去多余的行后另存", sheet)
    if columns > MAX_COLUMNS:
        raise refused(file, f"有 {columns} 列，超过 Excel 的上限 {MAX_COLUMNS} 列，未读取：请确认文件", sheet)
    if rows * columns > MAX_CELLS:
        raise refused(file, f"使用区域为 {rows} 行 × {columns} 列，超过上限 {MAX_CELLS} 个单元格，未读取："
                            "多半是远处有多余的内容（在 Excel 中按 Ctrl+End 可找到最后一个单元格），"
                            "请删去后另存", sheet)


def _content(cell: Cell) -> bool:
    value = cell.value
    return cell.formula or (value is not None and (not isinstance(value, str) or not value.isspace()))


def trim(rows: list[list[Cell]]) -> list[list[Cell]]:
    """``rows`` without the empty cells that end each row and the empty rows that end the sheet: a
    used range 256 columns wide around 8 real ones is 8 wide. A cell of spaces only counts as empty
    here; leading empty rows and columns stay (a cell keeps its place: Grid.where names it)."""
    for row in rows:
        end = len(row)
        while end and not _content(row[end - 1]):
            end -= 1
        del row[end:]
    while rows and not rows[-1]:
        rows.pop()
    return rows


def finish(grid: Grid, merges: Iterable[Merge], hidden_rows: Ranges, hidden_cols: Ranges) -> Grid:
    """``grid`` (its rows trimmed) with its merged ranges and hidden rows and columns clipped to
    the rows and columns it has: a merge that ran on past them ends at its last cell, one left a
    single cell is dropped."""
    grid.rows = trim(grid.rows)
    height, width = len(grid.rows), grid.width
    clipped = []
    for m in merges:
        if m.first_row < height and m.first_col < width:
            last_row, last_col = min(m.last_row, height - 1), min(m.last_col, width - 1)
            if (last_row, last_col) != (m.first_row, m.first_col):
                clipped.append(Merge(m.first_row, m.first_col, last_row, last_col))
    grid.merges = clipped
    grid.hidden_rows = frozenset(i for start, stop in hidden_rows for i in range(start, min(stop, height)))
    grid.hidden_cols = frozenset(i for start, stop in hidden_cols for i in range(start, min(stop, width)))
    return grid


def places(cells: list[tuple[int, int]], limit: int = 5) -> str:
    """``cells`` as A1 references, the first ``limit`` of them and how many more."""
    shown = "、".join(f"{column_letters(c)}{r + 1}" for r, c in sorted(cells)[:limit])
    return shown + (f" 等 {len(cells)} 个" if len(cells) > limit else "")


# ---------------------------------------------------------------- what the scans find


@dataclass
class _Scan:
    """One sheet as the bounded pass over its own structure sees it."""

    name: str
    rows: int = 0  # used rows: one past the last row holding a value
    columns: int = 0
    hidden_rows: Ranges = field(default_factory=list)
    hidden_cols: Ranges = field(default_factory=list)
    formulas: set[tuple[int, int]] = field(default_factory=set)
    unsaved: list[tuple[int, int]] = field(default_factory=list)  # formulas saved without a value
    errors: dict[tuple[int, int], str] = field(default_factory=dict)  # #DIV/0! and the like
    merges: list[Merge] | None = None  # for an .ods (calamine gives them for .xlsx and .xls)

    def holds(self, row: int, last_col: int, file: str) -> None:
        """Row ``row`` holds a value in column ``last_col`` (its last): the rectangle grows to it."""
        self.rows = max(self.rows, row + 1)
        self.columns = max(self.columns, last_col + 1)
        check_bounds(file, self.name, self.rows, self.columns)


@dataclass
class _Book:
    """A workbook as looked at before calamine opens it: its sheets' scans and notes about it."""

    scans: list[_Scan]
    notes: list[str] = field(default_factory=list)
    stored: bytes = b""  # a zipped workbook's parts, stored uncompressed, for calamine
    # a BIFF5 workbook's text as its code page spells it (calamine, handed the file as if it said
    # Latin-1, gives each byte as a character: decode() reads them in the code page the file names)
    codec: str = ""

    def decode(self, text: str) -> str:
        return text.encode("latin-1").decode(self.codec, "replace") if self.codec else text


# ---------------------------------------------------------------- the three workbook formats


def read_xlsx(file: str, data: bytes) -> list[Grid]:
    """An .xlsx or .xlsm (macros are read past, never run) as one grid a sheet, in its order."""
    parts = _unpack(file, data, "Excel 工作簿（.xlsx）")
    book = _Book(_xlsx_scans(file, parts), _xlsx_notes(file, parts), _stored(parts, _without_reservation))
    try:
        return _calamine_grids(file, book)
    except ImportRefused:
        _check_strings(file, parts)  # where the damage is the shared strings', that said instead
        raise


def _check_strings(file: str, parts: dict[str, bytes]) -> None:
    """Refused, naming the part, where the workbook's shared strings (the text of its cells) are cut off
    or are not XML: every sheet's text is read from them, so no sheet can be read."""
    name = f"{_workbook_folder(file, parts)}sharedStrings.xml"
    body = _part(parts, name)
    if body is None:
        return
    try:
        for _ in etree.iterparse(io.BytesIO(body), events=("end",), tag="{*}si", **_XML_OPTIONS):
            pass
    except etree.XMLSyntaxError:
        raise refused(file, f"单元格文字所在的共享字符串表（{name}）已损坏或不完整，各工作表的文字都无法读取：" + _REMEDY) from None


def read_ods(file: str, data: bytes) -> list[Grid]:
    """An OpenDocument spreadsheet (.ods) as one grid a sheet."""
    parts = _unpack(file, data, "OpenDocument 表格（.ods）")
    content = parts.get("content.xml")
    if content is None:
        raise refused(file, "ODS 文件不完整：缺少 content.xml，请在 WPS 或 LibreOffice 中打开后另存一次")
    notes = [describe("macros", file)] if any(name.startswith("Basic/") for name in parts) else []
    book = _Book(_ods_scans(file, content), notes, _stored(parts))
    return _calamine_grids(file, book)


def read_encrypted(file: str, data: bytes) -> list[Grid]:
    """A password-protected .xlsx (a compound file holding EncryptionInfo): refused, saying how to
    remove the password; nothing is decrypted."""
    raise refused(file, _remedy("encrypted"))


def read_xls(file: str, data: bytes) -> list[Grid]:
    """An Excel 97–2003 workbook (.xls, BIFF8; BIFF5 as well) as one grid a sheet."""
    streams, compound = _compound_streams(file, data)
    workbook = streams.get("workbook")
    if workbook is None:
        raise refused(file, "这是 OLE 复合文档，但其中既没有 Excel 工作簿，也没有 Word 文档：请确认文件是 .xls 工作簿或 .doc 文档，"
                           "或在 WPS 或 Office 中打开它，另存为 .xlsx 或 .docx")
    book = _biff_book(file, workbook)
    if "macros" in streams:
        book.notes.append(describe("macros", file))
    return _calamine_grids(file, book, _as_unicode(file, data, workbook, compound, book))


_CODEPAGE, _UTF16 = 0x0042, 1200


def _as_unicode(file: str, data: bytes, stream: bytes, compound: _CompoundFile, book: _Book) -> bytes:
    """The file as calamine is to read it, its CODEPAGE record read as 1200 where that says other:
    a BIFF8 workbook's text is UTF-16 (or its low bytes) whatever the record says, but calamine
    decodes it by that code page, so one that says 936 or 1252 (WPS and older writers put the
    system's there) came out garbled; a BIFF5 workbook's text is bytes in that code page, which
    calamine reads one byte a character (936's two-byte characters came out as U+FFFD): handed 1200,
    it gives the bytes as Latin-1, and book.decode reads them in the code page the file names. The
    file itself is never changed."""
    try:
        kind, length = struct.unpack_from("<HH", stream, 0)
        biff8 = kind == _BOF and length >= 2 and struct.unpack_from("<H", stream, 4)[0] == 0x0600
        for at, (kind, body) in zip(_offsets(stream), _records(stream, 0), strict=False):
            if kind == _CODEPAGE and len(body) == 2:
                codepage = struct.unpack_from("<H", body, 0)[0]
                if codepage == _UTF16:
                    return data
                if not biff8:
                    book.codec = _codec(file, codepage)
                patched = bytearray(data)
                place = compound.file_offset(at + 4)
                patched[place:place + 2] = struct.pack("<H", _UTF16)
                return bytes(patched)
    except (struct.error, ValueError):
        raise refused(file, _remedy("corrupt")) from None
    return data


def _codec(file: str, codepage: int) -> str:
    """Python's codec for a Windows code page (936 → cp936, 1252 → cp1252, 10000 → mac-roman)."""
    name = {10000: "mac-roman", 32768: "mac-roman", 32769: "cp1252", 367: "ascii"}.get(codepage, f"cp{codepage}")
    try:
        return codecs.lookup(name).name
    except LookupError:
        raise refused(file, f"这是 Excel 5.0/95 工作簿，其文字用代码页 {codepage} 编码，无法识别：请在 Excel 或 WPS 中"
                            "另存为 .xlsx 后再导入") from None


def _offsets(stream: bytes) -> Iterator[int]:
    """Where each record of the globals substream starts (as _records walks it: no nested substream
    comes before the first sheet's, so the two walks keep step until CODEPAGE)."""
    at = 0
    while at + 4 <= len(stream):
        yield at
        at += 4 + struct.unpack_from("<H", stream, at + 2)[0]


# ---------------------------------------------------------------- calamine → grids


def _calamine_grids(file: str, book: _Book, data: bytes | None = None) -> list[Grid]:
    """Every worksheet calamine reads, each checked against its scan first; chart and macro
    sheets (no cells) are left out with a note."""
    source = io.BytesIO(book.stored if data is None else data)
    workbook = _calamine(file, lambda: python_calamine.CalamineWorkbook.from_filelike(source))
    grids, notes = [], list(book.notes)
    scans = _match_scans(book.scans, [meta.name for meta in workbook.sheets_metadata])
    for meta, scan in zip(workbook.sheets_metadata, scans, strict=True):
        if meta.typ != python_calamine.SheetTypeEnum.WorkSheet:
            notes.append(describe("not cells", file, meta.name))
            continue
        if scan is None:
            raise refused(file, "工作簿的结构与其中的工作表对不上，无法核对其大小，未读取：请在 Excel 中打开后另存一次",
                          meta.name)
        hidden = meta.visible != python_calamine.SheetVisibleEnum.Visible
        grids.append(_sheet_grid(file, workbook, scan, hidden, book))
    if grids:
        grids[0].notes[:0] = notes
    return grids


def _calamine(file: str, call: Callable[[], T], sheet: str | None = None) -> T:
    """``call`` (into calamine; of the worksheet ``sheet``, which the refusal then names) with its errors
    as one refusal, saying what is missing where calamine tells it."""
    try:
        with _panics_unprinted():
            return call()
    except python_calamine.PasswordError:
        raise refused(file, _remedy("encrypted")) from None
    except (python_calamine.CalamineError, ValueError, TypeError, OSError, OverflowError, UnicodeError) as exc:
        raise refused(file, _missing(exc) + _remedy("corrupt"), sheet) from None
    except BaseException as exc:  # a panic in the Rust code reaches Python as pyo3's PanicException
        if type(exc).__name__ != "PanicException":
            raise
        raise refused(file, _remedy("corrupt"), sheet) from None


def _missing(exc: Exception) -> str:
    """What calamine's error says is missing from the package, in a reader's words ("" where it says none)."""
    if isinstance(exc, python_calamine.WorksheetNotFound):
        return "这张工作表的内容（它的 XML 部件）缺失；"
    if "shared strings" in str(exc):
        return "单元格引用的文字在共享字符串表（sharedStrings.xml）中找不到（该部件缺失或不完整）；"
    return ""


@contextmanager
def _panics_unprinted() -> Iterator[None]:
    """Standard error (file descriptor 2) sent to the null device while calamine runs. A record it
    does not check (a corrupt .xls) makes the Rust code panic: pyo3 raises PanicException, refused
    here like any corrupt file, but Rust's panic hook first prints its message, and with
    RUST_BACKTRACE set a backtrace, straight to descriptor 2, past sys.stderr."""
    try:
        saved, sink = os.dup(2), os.open(os.devnull, os.O_WRONLY)
    except OSError:  # no descriptor 2 to save (a daemon): nothing to hide
        yield
        return
    try:
        os.dup2(sink, 2)
        yield
    finally:
        os.dup2(saved, 2)
        os.close(saved)
        os.close(sink)


def _match_scans(scans: list[_Scan], names: list[str]) -> list[_Scan | None]:
    """The scan of each of calamine's sheets: by name, else by place (BIFF5 names in a code page)."""
    by_name = {scan.name: scan for scan in scans}
    if all(name in by_name for name in names):
        return [by_name[name] for name in names]
    if len(scans) == len(names):
        return [replace(scan, name=name) for scan, name in zip(scans, names, strict=True)]
    return [by_name.get(name) for name in names]


def _sheet_grid(file: str, workbook: python_calamine.CalamineWorkbook, scan: _Scan, hidden: bool, book: _Book) -> Grid:
    check_bounds(file, scan.name, scan.rows, scan.columns)
    sheet = _calamine(file, lambda: workbook.get_sheet_by_name(scan.name), scan.name)
    end = sheet.end
    if end is not None:  # what calamine built, checked again before it becomes Python objects
        check_bounds(file, scan.name, end[0] + 1, end[1] + 1)
    values = _calamine(file, lambda: sheet.to_python(skip_empty_area=False), scan.name)
    width, far = _far_cells(values, scan)
    if far:
        scan = replace(scan, columns=width)
        values = [row[:width] for row in values]
    rows = _decoded(_cells(values, scan), book)
    merges = scan.merges if scan.merges is not None else _merges(file, sheet)
    grid = Grid(file, book.decode(scan.name), rows, hidden=hidden)
    if scan.unsaved:
        grid.notes.append(describe("unsaved", file, scan.name, places(scan.unsaved)))
    if far:
        grid.notes.append(describe("far", file, scan.name, places(far)))
    return finish(grid, merges, scan.hidden_rows, scan.hidden_cols)


def _merges(file: str, sheet: python_calamine.CalamineSheet) -> list[Merge]:
    """The merged ranges calamine read of a sheet."""
    ranges = _calamine(file, lambda: sheet.merged_cell_ranges) or []
    return [Merge(r0, c0, r1, c1) for (r0, c0), (r1, c1) in ranges]


def _decoded(rows: list[list[Cell]], book: _Book) -> list[list[Cell]]:
    """A sheet's cells, a BIFF5 workbook's text read in its code page."""
    if not book.codec:
        return rows
    return [[replace(c, value=book.decode(c.value), text=book.decode(c.text)) if isinstance(c.value, str) else c
             for c in row] for row in rows]


Value = int | float | str | bool | datetime.date | datetime.datetime | datetime.time | datetime.timedelta


def _far_cells(values: list[list[Value]], scan: _Scan) -> tuple[int, list[tuple[int, int]]]:
    """The columns of the sheet's table, and the cells holding something that lie past them: the
    columns holding values fall in runs parted by more than _GAP empty columns, and the table is the
    run holding the most (runs left of it stay); cells in runs right of it are far. Looked for only in a sheet wide enough
    to have such a gap (each row's values visited once, by a comprehension: no Cell is made for them)."""
    if scan.columns <= _GAP + 1:
        return scan.columns, []
    held = [(r, c) for r, row in enumerate(values) for c in _holding(row)]
    held += [*scan.formulas, *scan.errors]
    counts = Counter(c for _, c in held)
    end = _table_end(sorted(counts), counts)
    return end + 1, sorted({(r, c) for r, c in held if c > end})


def _holding(row: list[Value]) -> list[int]:
    """The columns of ``row`` holding a value (not empty, not only spaces). The empty cells are passed
    over in C (``!= ""`` is true of any number), so a row 16,384 wide around a few values costs little."""
    held = compress(range(len(row)), map(operator.ne, row, repeat("")))
    return [c for c in held if not (type(row[c]) is str and row[c].isspace())]  # type: ignore[union-attr]


def _table_end(columns: list[int], counts: Counter[int]) -> int:
    """The last column of the run of ``columns`` (sorted) holding the most values; runs are parted by
    more than _GAP empty columns."""
    best, best_count, total = -1, 0, 0
    for index, column in enumerate(columns):
        total += counts[column]
        if index + 1 == len(columns) or columns[index + 1] - column - 1 > _GAP:  # a run ends here
            if total > best_count:
                best, best_count = column, total
            total = 0
    return best


def _cells(values: list[list[Value]], scan: _Scan) -> list[list[Cell]]:
    """calamine's values as cells: a number a Decimal, text as written, a date its ISO text. Cells
    of one text or one number are one object (a budget table repeats its zeros and its labels).
    The loop is the import's hot path (160,000 cells in a 20,000-row export): one dict look-up a
    cell, the conversion inlined."""
    texts: dict[str, Cell] = {"": EMPTY}
    numbers: dict[float, Cell] = {}
    rows = []
    with _collector_paused():
        for row in values:
            cells = []
            for value in row:
                if isinstance(value, str):
                    cell = texts.get(value)
                    if cell is None:
                        cell = texts[value] = Cell(value, value)
                elif isinstance(value, float):
                    cell = numbers.get(value)
                    if cell is None:
                        cell = numbers[value] = _number_cell(value)
                else:
                    cell = _other_cell(value)
                cells.append(cell)
            rows.append(cells)
    _mark(rows, scan)
    return rows


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Python's cycle collector paused while a sheet's cells are made: they hold no cycles, and
    making 160,000 objects would run it hundreds of times over a growing heap (a quarter of the
    time, measured by bench/import_sheets.py)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _number_cell(value: float) -> Cell:
    if value - value != 0 or abs(value) >= LIMIT:  # inf, nan (calamine parses "inf" in a <v>) or 1e300:
        return Cell(repr(value), repr(value))     # no budget's number; kept as text, which a reader refuses
    return Cell(number(value))


def _other_cell(value: Value) -> Cell:
    if isinstance(value, bool):
        return Cell("TRUE" if value else "FALSE", "TRUE" if value else "FALSE")
    if isinstance(value, int):
        return Cell(Decimal(value))
    if isinstance(value, datetime.datetime) and value.time() == datetime.time():
        value = value.date()
    if isinstance(value, (datetime.date, datetime.time)):
        text = value.isoformat()
    else:
        text = str(value)
    return Cell(text, text)


def _mark(rows: list[list[Cell]], scan: _Scan) -> None:
    """Formula cells flagged, error values (which calamine reads as empty) put back as text. A
    formula saved without a value may lie past calamine's last cell: the rows reach it (the scan
    measured the sheet with it)."""
    for r, c in scan.formulas:
        if r < scan.rows and c < scan.columns:
            _reach(rows, r, c)
            cell = rows[r][c]
            rows[r][c] = Cell(cell.value, cell.text, cell.number_format, True)
    for r, c in scan.unsaved:
        if r < scan.rows and c < scan.columns:
            rows[r][c] = Cell(None, "", rows[r][c].number_format, True, unsaved=True)
    for (r, c), text in scan.errors.items():
        if r < scan.rows and c < scan.columns:
            _reach(rows, r, c)
            rows[r][c] = Cell(text, text, formula=(r, c) in scan.formulas)


def _reach(rows: list[list[Cell]], r: int, c: int) -> None:
    rows.extend([] for _ in range(r + 1 - len(rows)))
    rows[r].extend(EMPTY for _ in range(c + 1 - len(rows[r])))


# ---------------------------------------------------------------- zipped workbooks


def _unpack(file: str, data: bytes, what: str) -> dict[str, bytes]:
    """Every part of a zipped workbook inflated, counted against the bounds, refused when the
    directory declares what no workbook holds or a part is encrypted, corrupt or a DTD's carrier."""
    # Counted before zipfile reads the directory: a forged one of millions of tiny entries would
    # take gigabytes to list.
    if data.count(b"PK\x01\x02") > MAX_ENTRIES:
        raise refused(file, f"文件包含超过 {MAX_ENTRIES} 个部件：不像是{what}，未读取")
    try:
        package = zipfile.ZipFile(io.BytesIO(data))
        infos = package.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError, NotImplementedError):
        raise refused(file, _remedy("corrupt")) from None
    _check_directory(file, infos)
    parts: dict[str, bytes] = {}
    total = 0
    for info in infos:  # the last part of a name is the one a reader would take
        body = _inflate(file, package, info, MAX_UNPACKED_BYTES - total)
        total += len(body)
        if info.filename.lower().endswith((".xml", ".rels")) and has_doctype(body):  # the parts parsed as XML
            raise refused(file, f"部件 {info.filename[:60]} 含有 DTD 声明（工作簿中不应有，可能是实体扩展攻击），未读取")
        parts[info.filename] = body
    return parts


def _check_directory(file: str, infos: list[zipfile.ZipInfo]) -> None:
    for info in infos:
        if info.flag_bits & 0x1:
            raise refused(file, _remedy("encrypted"))
        if info.compress_type not in _ZIP_METHODS:
            raise refused(file, f"文件使用了不支持的压缩方式（编号 {info.compress_type}）：请在 Excel 或 WPS 中打开后另存为 .xlsx")
    problem = directory_problem(infos)  # the rules every package is held to (readers/containers.py)
    if problem is not None:
        raise refused(file, problem)


def _inflate(file: str, package: zipfile.ZipFile, info: zipfile.ZipInfo, room: int) -> bytes:
    """One part, inflated a step at a time (zipfile stops at its declared size and checks its CRC)."""
    chunks, size = [], 0
    try:
        with package.open(info) as part:
            while chunk := part.read(_STEP):
                size += len(chunk)
                if size > room:
                    raise refused(file, _too_big())
                chunks.append(chunk)
    except (zipfile.BadZipFile, zlib.error, EOFError, ValueError, OSError, RuntimeError, NotImplementedError):
        raise refused(file, _remedy("corrupt")) from None
    return b"".join(chunks)


def has_doctype(body: bytes) -> bool:
    """Whether XML ``body`` (UTF-8 or UTF-16) declares a DTD: the only way to declare an entity.
    Found by its bytes, so before any parser sees it; "<!DOCTYPE" in a cell's text is written &lt;."""
    return any(marker in body for marker in _DOCTYPES)


def _stored(parts: dict[str, bytes], adjust: Callable[[bytes], bytes] | None = None) -> bytes:
    """``parts`` as a zip of stored (uncompressed) members: what calamine reads is what was
    counted (each part ``adjust``-ed first)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as out:
        for name, body in parts.items():
            out.writestr(zipfile.ZipInfo(name), adjust(body) if adjust else body)
    return buffer.getvalue()


def _without_reservation(body: bytes) -> bytes:
    """A shared-string table without its uniqueCount: calamine reserves room for that many strings
    before reading one, and a forged count (4,000,000,000,000) aborts the process. The attribute is
    renamed in the root tag only (the strings after it are left as written); calamine then grows
    the table as it reads."""
    tag = body.find(b"sst", 0, 4096)
    end = body.find(b">", tag) if tag >= 0 else -1
    at = body.find(b"uniqueCount", tag, end) if end >= 0 else -1
    return body if at < 0 else body[:at] + b"uniqueCounx" + body[at + len(b"uniqueCount"):]


def _parse_small(file: str, body: bytes) -> etree._Element:
    """A small XML part (the workbook, its relationships) with the hardened parser: parsed whole,
    so refused past _SMALL_PART (a workbook.xml of a thousand sheets is well under a megabyte)."""
    if len(body) > _SMALL_PART:
        raise refused(file, _remedy("corrupt"))
    try:
        return etree.fromstring(body, etree.XMLParser(**_XML_OPTIONS))  # type: ignore[arg-type]
    except etree.XMLSyntaxError:
        raise refused(file, _remedy("corrupt")) from None


# ---------------------------------------------------------------- .xlsx: each sheet's XML


_R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_R_STRICT = "{http://purl.oclc.org/ooxml/officeDocument/relationships}"
_REF = regex(r"([A-Za-z]{1,3})([0-9]{1,7})")
# The sheet XML's tags, matched in its bytes (a namespace prefix allowed). Every quantifier is
# bounded and each pattern starts at a literal "<", so matching is linear in the part's size.
_PREFIX = rb"<(?:[A-Za-z_][A-Za-z0-9_.-]{0,20}:)?"
_FORMULA = regex(_PREFIX + rb"f[\s>/]")
_SHEET_DATA = regex(_PREFIX.replace(b"(?:", b"(", 1) + rb"sheetData[\s>/]")
_BARE_CELL = regex(rb"<c[\s>/]")  # a literal start: found at the speed of a byte search
_PREFIXED_CELL = regex(rb":c[\s>/]")  # (and an odd text with ":c" only sends the sheet to be parsed)
_ROW_TAG = regex(_PREFIX + rb"row(\s[^>]{0,2000})?>")
_COL_TAG = regex(_PREFIX + rb"col(\s[^>]{0,2000})>")
_HIDDEN_ATTRIBUTE = regex(rb"\shidden=[\"'](?:1|true)[\"']")
_ROW_NUMBER = regex(rb'\sr="([0-9]{1,7})"')
_COLUMN_MIN = regex(rb'\smin="([0-9]{1,5})"')
_COLUMN_MAX = regex(rb'\smax="([0-9]{1,5})"')


def _xlsx_scans(file: str, parts: dict[str, bytes]) -> list[_Scan]:
    """A scan of each sheet the workbook names, found as calamine finds it (the package's
    relationships give the workbook's folder; a sheet's target is in that folder unless it starts
    with "/"); and, so that no path written oddly hides a sheet from the bounds, every other part
    holding sheet data is measured too."""
    folder = _workbook_folder(file, parts)
    workbook, rels = _part(parts, f"{folder}workbook.xml"), _part(parts, f"{folder}_rels/workbook.xml.rels")
    if workbook is None or rels is None:
        raise refused(file, "工作簿不完整：缺少 workbook.xml 或其关系部件，请在 Excel 中打开后另存一次")
    targets = {rel.get("Id"): rel.get("Target", "") for rel in _parse_small(file, rels) if rel.get("Id")}
    scans, seen = [], set()
    for sheet in _parse_small(file, workbook).iterfind("{*}sheets/{*}sheet"):
        body = _part(parts, _sheet_part(sheet, targets, folder))
        seen.add(id(body))
        scans.append(_Scan(sheet.get("name", "")) if body is None else _xlsx_sheet(file, sheet.get("name", ""), body))
    for name, body in parts.items():
        if id(body) not in seen and b"sheetData" in body:
            _xlsx_sheet(file, name, body)  # for its bounds only
    return scans


def _sheet_part(sheet: etree._Element, targets: dict[str | None, str], folder: str) -> str:
    """The part a workbook's sheet is in: its relationship's target, in the workbook's folder unless it starts
    with "/"."""
    target = targets.get(sheet.get(f"{_R}id") or sheet.get(f"{_R_STRICT}id")) or ""
    return target[1:] if target.startswith("/") else f"{folder}{target}"


def _workbook_folder(file: str, parts: dict[str, bytes]) -> str:
    """The folder of the package's main document ("xl/"), by _rels/.rels as calamine reads it."""
    rels = _part(parts, "_rels/.rels")
    if rels is None:
        return "xl/"
    for rel in _parse_small(file, rels):
        if (rel.get("Type") or "").endswith("/relationships/officeDocument"):
            target = rel.get("Target") or ""
            return target[: target.rfind("/") + 1].removeprefix("/")
    return "xl/"


def _part(parts: dict[str, bytes], name: str) -> bytes | None:
    """A part by its name as written, else as a zip reader that ignores case and "\\" finds it."""
    if name in parts:
        return parts[name]
    wanted = name.replace("\\", "/").lower()
    return next((body for key, body in parts.items() if key.replace("\\", "/").lower() == wanted), None)


def _xlsx_sheet(file: str, name: str, body: bytes) -> _Scan:
    """A sheet's scan: its tags matched where that says all (no error value, every cell written
    ``<c r="A1" …>`` and every formula ``<f …>…</f>`` as Excel, WPS, XlsxWriter and LibreOffice
    write them), else parsed."""
    formulas = (b"<f" in body or b":f" in body) and _FORMULA.search(body) is not None
    errors = any(marker in body for marker in (b't="e"', b"t='e'"))
    if not errors:
        found = _SHEET_DATA.search(body)
        prefix = (found.group(1) or b"") if found else b""
        scan = _xlsx_sheet_matched(file, name, body, prefix)
        if scan is not None and (not formulas or _xlsx_formulas_matched(scan, body, prefix)):
            return scan
    return _xlsx_sheet_parsed(file, name, body, formulas, errors)


def _xlsx_sheet_matched(file: str, name: str, body: bytes, prefix: bytes) -> _Scan | None:
    """The used rectangle from the cells' references, hidden rows and columns from their tags: a
    fifth of the time of a parse. None when a cell is written otherwise (no reference, not first,
    another prefix, space before its value): every cell tag, with any prefix, is counted, and all
    must be matched, or a cell far off could go unseen."""
    tag = re.escape(b"<" + prefix + b"c")
    every = len(re.findall(tag + rb"[\s>/]", body))
    others = len(_PREFIXED_CELL.findall(body)) - (every if prefix else 0) + (len(_BARE_CELL.findall(body)) if prefix else 0)
    # A cell holds something when a value, an inline string or a formula follows its tag at once;
    # it is empty when written <c …/> or <c …></c> (as openpyxl writes a formatted empty cell).
    cell = tag + rb' r="'
    holding = rb'"[^>/]{0,300}>(?=' + re.escape(b"<" + prefix) + rb"(?:v|is|f)[\s>/])"
    letters = re.findall(cell + rb"([A-Z]{1,3})[0-9]{1,7}" + holding, body)
    empty = len(re.findall(cell + rb'[A-Z]{1,3}[0-9]{1,7}"[^>/]{0,300}(?:/>|>' + re.escape(b"</" + prefix + b"c>") + rb")",
                           body))
    if others or len(letters) + empty != every:
        return None
    scan = _Scan(name)
    if letters:
        rows = set(re.findall(cell + rb"[A-Z]{1,3}([0-9]{1,7})" + holding, body))
        last = max(set(letters), key=lambda found: (len(found), found))
        scan.holds(max(map(int, rows)) - 1, _letters_index(last.decode("ascii")), file)
    if any(marker in body for marker in (b'hidden="1"', b'hidden="true"', b"hidden='1'", b"hidden='true'")):
        _hidden_by_tags(scan, body)
    return scan


def _xlsx_formulas_matched(scan: _Scan, body: bytes, prefix: bytes) -> bool:
    """The formula cells and those saved without a value, from a pattern of a whole formula cell
    (``<c r="H2" …><f …>…</f><v>…</v>``, or ``<f …/>`` for a shared one); False (the sheet is then
    parsed) unless every ``<f`` was found so. Formulas bear on no bound: only what the notes say."""
    c, f, v = (re.escape(b"<" + prefix + name) for name in (b"c", b"f", b"v"))
    end_f, end_v = re.escape(b"</" + prefix + b"f>"), re.escape(b"</" + prefix + b"v>")
    cells = re.findall(c + rb' r="([A-Z]{1,3})([0-9]{1,7})"([^>/]{0,300})>' + f
                       + rb"(?:\s[^>]{0,300})?(?:/>|>[^<]{0,8192}" + end_f + rb")(?:" + v + rb">([^<]{0,400})" + end_v
                       + rb"|" + v + rb"/>)?", body)
    if len(cells) != len(re.findall(f + rb"[\s>/]", body)):
        return False
    for letters, digits, attributes, value in cells:
        place = (int(digits) - 1, _letters_index(letters.decode("ascii")))
        scan.formulas.add(place)
        if not value and b't="str"' not in attributes:  # a formula giving "" saves an empty string, typed str
            scan.unsaved.append(place)
    return True


def _hidden_by_tags(scan: _Scan, body: bytes) -> None:
    row = -1
    for tag in _ROW_TAG.finditer(body):
        attributes = tag.group(1) or b""
        number = _ROW_NUMBER.search(attributes)
        row = int(number.group(1)) - 1 if number else row + 1
        if _HIDDEN_ATTRIBUTE.search(attributes) and row < MAX_ROWS:
            scan.hidden_rows.append((row, row + 1))
    for tag in _COL_TAG.finditer(body):
        if _HIDDEN_ATTRIBUTE.search(tag.group(1)):
            first, last = _COLUMN_MIN.search(tag.group(1)), _COLUMN_MAX.search(tag.group(1))
            start = int(first.group(1)) if first else 1
            scan.hidden_cols.append((start - 1, int(last.group(1)) if last else start))


def _xlsx_sheet_parsed(file: str, name: str, body: bytes, formulas: bool, errors: bool) -> _Scan:
    """One pass over a sheet's XML, a row at a time (each row's cells dropped once read)."""
    scan = _Scan(name)
    row_index = -1
    try:
        for _, element in etree.iterparse(io.BytesIO(body), events=("end",), tag=("{*}row", "{*}col"), **_XML_OPTIONS):
            if element.tag.endswith("col"):
                if element.get("hidden") in ("1", "true"):
                    scan.hidden_cols.append((_count(element.get("min")) - 1, _count(element.get("max"))))
                continue
            row_index = _count(element.get("r")) - 1 if element.get("r") else row_index + 1
            _xlsx_row(file, scan, element, row_index, formulas, errors)
            element.clear()
            while element.getprevious() is not None:
                del element.getparent()[0]
    except etree.XMLSyntaxError:
        raise refused(file, _remedy("corrupt"), name) from None
    return scan


def _xlsx_row(file: str, scan: _Scan, row: etree._Element, index: int, formulas: bool, errors: bool) -> None:
    """One row: the farthest cell holding something (by the cells' own references, which calamine
    follows whatever row they sit in), and its formula and error cells."""
    if row.get("hidden") in ("1", "true") and index < MAX_ROWS:
        scan.hidden_rows.append((index, index + 1))
    last_row = last_col = -1
    for cell, (r, c) in zip(row, _xlsx_places(file, scan.name, row, index), strict=True):
        if any(child.tag.endswith(("}v", "}is", "}f")) for child in cell):
            last_row, last_col = max(last_row, r), max(last_col, c)
        if formulas or errors:
            _xlsx_cell(scan, cell, (r, c))
    if last_row >= 0:
        scan.holds(last_row, last_col, file)


def _xlsx_places(file: str, sheet: str, row: etree._Element, index: int) -> list[tuple[int, int]]:
    """Each cell's (row, column): its reference, or the row's and one past the cell before it."""
    places, column = [], -1
    for cell in row:
        reference = cell.get("r")
        if reference is None:
            column += 1
            places.append((index, column))
            continue
        match = _REF.fullmatch(reference.strip())
        if match is None:
            raise refused(file, f"单元格引用“{reference[:20]}”无效，" + _remedy("corrupt"), sheet)
        column = _letters_index(match.group(1).upper())
        places.append((int(match.group(2)) - 1, column))
    return places


def _xlsx_cell(scan: _Scan, cell: etree._Element, place: tuple[int, int]) -> None:
    value = None
    formula = False
    for child in cell:
        formula = formula or child.tag.endswith("}f")
        if child.tag.endswith("}v"):
            value = child.text
    if formula:
        scan.formulas.add(place)
        if not value and cell.get("t") != "str":  # a formula giving "" saves an empty string, typed str
            scan.unsaved.append(place)
    if cell.get("t") == "e" and value:
        scan.errors[place] = value


def _letters_index(letters: str) -> int:
    index = 0
    for letter in letters:
        index = index * 26 + ord(letter) - 64
    return index - 1


def _count(text: str | None) -> int:
    """A count or an index written in an attribute; an absurd one is _FAR, a missing one 1."""
    if text is None or not text.strip():
        return 1
    text = text.strip()
    return int(text) if text.isdigit() and len(text) <= 9 else _FAR


def _xlsx_notes(file: str, parts: dict[str, bytes]) -> list[str]:
    notes = []
    if any(name.lower().endswith("vbaproject.bin") for name in parts):
        notes.append(describe("macros", file))
    if any(name.startswith("xl/externalLinks/") for name in parts):
        notes.append(describe("links", file))
    return notes


# ---------------------------------------------------------------- .ods: content.xml


_T = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_TABLE, _COLUMN, _ROW_ELEMENT, _CELL = f"{_T}table", f"{_T}table-column", f"{_T}table-row", f"{_T}table-cell"
_NAME, _VISIBILITY, _FORMULA_ATTRIBUTE = f"{_T}name", f"{_T}visibility", f"{_T}formula"
_ROWS_REPEATED, _COLUMNS_REPEATED = f"{_T}number-rows-repeated", f"{_T}number-columns-repeated"
_ROWS_SPANNED, _COLUMNS_SPANNED = f"{_T}number-rows-spanned", f"{_T}number-columns-spanned"
_VALUE_TYPE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}value-type"
_HIDDEN = ("collapse", "filter")


def _ods_scans(file: str, content: bytes) -> list[_Scan]:
    """One pass over content.xml: each table's rows (repeats counted, not expanded), hidden rows
    and columns, merged ranges and formula cells."""
    scans: list[_Scan] = []
    row = column = 0
    tags = (_TABLE, _COLUMN, _ROW_ELEMENT)
    try:
        for event, element in etree.iterparse(io.BytesIO(content), events=("start", "end"), tag=tags, **_XML_OPTIONS):
            tag = element.tag
            if tag == _TABLE:
                if event == "start":
                    scans.append(_Scan(element.get(_NAME, ""), merges=[]))
                    row = column = 0
            elif event == "end" and scans:
                if tag == _COLUMN:
                    column = _ods_column(scans[-1], element, column)
                else:
                    row = _ods_row(file, scans[-1], element, row)
                    element.clear()
                    while element.getprevious() is not None:
                        del element.getparent()[0]
    except etree.XMLSyntaxError:
        raise refused(file, _remedy("corrupt")) from None
    return scans


def _ods_column(scan: _Scan, element: etree._Element, column: int) -> int:
    repeat = _count(element.get(_COLUMNS_REPEATED))
    if element.get(_VISIBILITY) in _HIDDEN:
        scan.hidden_cols.append((column, min(column + repeat, MAX_COLUMNS)))
    return column + repeat


def _ods_row(file: str, scan: _Scan, element: etree._Element, row: int) -> int:
    """A row's cells (the hot loop of an .ods: one or two attribute look-ups a cell)."""
    repeat = _count(element.get(_ROWS_REPEATED))
    _ods_hidden(scan, element, row, repeat)
    column, last = 0, -1
    for cell in element:
        get = cell.get
        repeated = get(_COLUMNS_REPEATED)
        span = _count(repeated) if repeated else 1
        if len(cell) or get(_VALUE_TYPE) is not None:
            last = column + span - 1
        if (get(_FORMULA_ATTRIBUTE) or get(_COLUMNS_SPANNED) or get(_ROWS_SPANNED)) and cell.tag == _CELL:
            _ods_cell(scan, cell, row, column, min(span, MAX_COLUMNS))
        column += span
    if last >= 0:
        scan.holds(row + repeat - 1, last, file)
    return row + repeat


def _ods_hidden(scan: _Scan, element: etree._Element, row: int, repeat: int) -> None:
    """A row (``repeat`` times over) hidden: its range among the sheet's hidden rows, within MAX_ROWS."""
    if element.get(_VISIBILITY) in _HIDDEN and row < MAX_ROWS:
        scan.hidden_rows.append((row, min(row + repeat, MAX_ROWS)))


def _ods_cell(scan: _Scan, cell: etree._Element, row: int, column: int, repeat: int) -> None:
    across = _count(cell.get(_COLUMNS_SPANNED))
    down = _count(cell.get(_ROWS_SPANNED))
    if (across > 1 or down > 1) and scan.merges is not None:
        scan.merges.append(Merge(row, column, row + down - 1, column + across - 1))
    if cell.get(_FORMULA_ATTRIBUTE) is not None:  # a row's columns past MAX_COLUMNS are refused after it
        scan.formulas.update((row, column + k) for k in range(max(0, min(repeat, MAX_COLUMNS - column))))


# ---------------------------------------------------------------- .xls: compound file and BIFF


_FREE = 0xFFFFFFFA  # sector numbers from here up mark ends and free sectors, not sectors
# The workbook stream by the names calamine tries, in its order (an exact match: a second stream
# named in another case is not the one it reads); the macros' storages, for a note.
_WORKBOOK_STREAMS = ("Workbook", "Book", "WORKBOOK", "BOOK")
_MACROS = ("_VBA_PROJECT_CUR", "VBA", "_VBA_PROJECT")
_MINI_CUTOFF = 4096  # calamine reads a stream shorter than this from the mini stream, whatever the header says


def _compound_streams(file: str, data: bytes) -> tuple[dict[str, bytes], _CompoundFile]:
    """The streams of a compound (OLE2) file that matter here: the workbook, as calamine will find
    it, and whether macros are there. The header's counts are checked before anything is read
    (calamine reserves memory by them) and every chain is followed at most as many steps as the file
    has sectors, so a looping or forged table is refused here rather than spun on there."""
    try:
        compound = _CompoundFile(data)
        return compound.streams(), compound
    except (struct.error, IndexError, ValueError):
        raise refused(file, _remedy("corrupt")) from None


class _CompoundFile:
    def __init__(self, data: bytes) -> None:
        self.data = data
        self.blocks: list[tuple[int, int]] = []
        shift, mini_shift = struct.unpack_from("<HH", data, 30)
        if shift not in (9, 12) or mini_shift != 6:
            raise ValueError("sector size")
        self.size = 1 << shift
        self.sectors = max(0, len(data) // self.size - 1)
        fat_count, self.directory = struct.unpack_from("<II", data, 44)
        self.minifat, minifat_count, difat_start, difat_count = struct.unpack_from("<IIII", data, 60)
        reserved_by_calamine = struct.unpack_from("<I", data, 62)[0]  # what calamine reads as the DIFAT's length
        if max(fat_count, minifat_count, difat_count) > self.sectors + 1 or reserved_by_calamine > 1 << 24:
            raise ValueError("counts past the file")
        self.has_mini = minifat_count > 0
        difat = list(struct.unpack_from("<109I", data, 76))
        for sector in self._chain_of_difat(difat_start):
            entries = struct.unpack_from(f"<{self.size // 4}I", data, self._offset(sector))
            difat.extend(entries[:-1])
        self.fat = [entry for sector in difat[:fat_count] if sector < _FREE
                    for entry in struct.unpack_from(f"<{self.size // 4}I", data, self._offset(sector))]

    def _offset(self, sector: int) -> int:
        if sector >= self.sectors:
            raise ValueError("a sector past the end")
        return (sector + 1) * self.size  # the header takes the first sector's room

    def _chain_of_difat(self, sector: int) -> Iterator[int]:
        for _ in range(self.sectors + 1):
            if sector >= _FREE:
                return
            yield sector
            sector = struct.unpack_from("<I", self.data, self._offset(sector) + self.size - 4)[0]
        raise ValueError("a DIFAT chain that loops")

    @staticmethod
    def _chain(sector: int, table: list[int], most: int) -> Iterator[int]:
        """The sectors of a chain: at most ``most`` (the sectors there are), or it loops."""
        for _ in range(most + 1):
            if sector >= _FREE:
                return
            yield sector
            sector = table[sector]
        raise ValueError("a chain that loops")

    def _read(self, sector: int, size: int) -> bytes:
        chain = self._chain(sector, self.fat, self.sectors)
        return b"".join(self.data[self._offset(s):self._offset(s) + self.size] for s in chain)[:size]

    def streams(self) -> dict[str, bytes]:
        """The workbook stream under the first of _WORKBOOK_STREAMS found (key "workbook"), and an
        empty "macros" when a macro storage is there. The first entry is the root, as calamine takes it."""
        directory = self._read(self.directory, self.size * (self.sectors + 1))
        entries = [self._entry(directory, at) for at in range(0, len(directory) - 127, 128)]
        if not entries:
            raise ValueError("no directory")
        mini, minifat = b"", []
        if self.has_mini:
            mini = self._read(entries[0][1], entries[0][2])
            raw = self._read(self.minifat, self.size * (self.sectors + 1))
            minifat = list(struct.unpack_from(f"<{len(raw) // 4}I", raw))
        found: dict[str, bytes] = {}
        by_name: dict[str, tuple[int, int]] = {}
        for name, start, size in entries:
            by_name.setdefault(name, (start, size))
        for name in _WORKBOOK_STREAMS:
            if name in by_name:
                start, size = by_name[name]
                found["workbook"] = self._stream(start, size, mini, minifat)
                self.blocks = self._blocks(start, size, entries[0][1], minifat, len(mini))
                break
        if any(name in by_name for name in _MACROS):
            found["macros"] = b""
        return found

    def _entry(self, directory: bytes, at: int) -> tuple[str, int, int]:
        """A directory entry's name (to its first NUL, as calamine cuts it), start and size."""
        name = directory[at:at + 64].decode("utf-16-le", "replace").split("\0", 1)[0]
        start = struct.unpack_from("<I", directory, at + 116)[0]
        size = struct.unpack_from("<I" if self.size == 512 else "<Q", directory, at + 120)[0]
        return name, start, size

    def _blocks(self, start: int, size: int, root: int, minifat: list[int], mini_size: int) -> list[tuple[int, int]]:
        """Where a stream's bytes lie in the file, in order: (offset, length) a sector."""
        if size >= _MINI_CUTOFF:
            return [(self._offset(s), self.size) for s in self._chain(start, self.fat, self.sectors)]
        roots = list(self._chain(root, self.fat, self.sectors))
        return [(self._offset(roots[m * 64 // self.size]) + m * 64 % self.size, 64)
                for m in self._chain(start, minifat, mini_size // 64)]

    def file_offset(self, at: int) -> int:
        """The place in the file of the workbook stream's byte ``at``."""
        for offset, length in self.blocks:
            if at < length:
                return offset + at
            at -= length
        raise ValueError("past the stream")

    def _stream(self, start: int, size: int, mini: bytes, minifat: list[int]) -> bytes:
        if size >= _MINI_CUTOFF:
            return self._read(start, size)
        return b"".join(mini[s * 64:s * 64 + 64] for s in self._chain(start, minifat, len(mini) // 64))[:size]


# BIFF record types
_BOF, _EOF, _BOUNDSHEET, _FILEPASS, _SUPBOOK = 0x0809, 0x000A, 0x0085, 0x002F, 0x01AE
_ROW, _COLINFO, _FORMULA_RECORD, _BOOLERR, _MULRK, _DIMENSIONS = 0x0208, 0x007D, 0x0006, 0x0205, 0x00BD, 0x0200
# The records calamine makes a cell of (NUMBER, RK, LABELSST, LABEL, RSTRING, BOOLERR, FORMULA):
# each counts in the rectangle it builds. BLANK records do not.
_CELLS = frozenset({0x0203, 0x027E, 0x00FD, 0x0204, 0x00D6, _BOOLERR, _FORMULA_RECORD})
_ERRORS = {0x00: "#NULL!", 0x07: "#DIV/0!", 0x0F: "#VALUE!", 0x17: "#REF!", 0x1D: "#NAME?", 0x24: "#NUM!", 0x2A: "#N/A"}


def _records(stream: bytes, start: int) -> Iterator[tuple[int, memoryview]]:
    """(type, body) of each record of the substream at ``start``, to its EOF; the records of a
    substream nested in it (an embedded chart's) are passed over, as calamine passes them."""
    view = memoryview(stream)
    at, depth, seen_bof = start, 0, False
    while at + 4 <= len(stream):
        kind, length = struct.unpack_from("<HH", stream, at)
        if at + 4 + length > len(stream):
            raise ValueError("a record past the stream's end")
        body, at = view[at + 4:at + 4 + length], at + 4 + length
        if kind == _BOF:
            depth += 1 if seen_bof else 0
            seen_bof = True
        elif depth:
            depth -= kind == _EOF
        elif kind == _EOF:
            return
        if not depth:
            yield kind, body


def _biff_book(file: str, stream: bytes) -> _Book:
    """The globals (sheets, encryption, links to other workbooks) and a scan of every sheet's
    substream (calamine builds them all as it opens the file, chart and macro sheets too)."""
    sheets: list[tuple[str, int]] = []
    notes: list[str] = []
    try:
        for kind, body in _records(stream, 0):
            if kind == _FILEPASS:
                raise refused(file, _remedy("encrypted"))
            if kind == _BOUNDSHEET:
                sheets.append((_sheet_name(body), struct.unpack_from("<I", body, 0)[0]))
            elif kind == _SUPBOOK and _other_workbook(body):
                notes.append(describe("links", file))
        if any(offset + 4 > len(stream) for _, offset in sheets):  # calamine would panic slicing there
            raise ValueError("a sheet past the stream's end")
        scans = [_biff_sheet(file, name, stream, offset) for name, offset in sheets]
    except (struct.error, IndexError, ValueError):
        raise refused(file, _remedy("corrupt")) from None
    return _Book(scans, list(dict.fromkeys(notes)))


def _other_workbook(body: memoryview) -> bool:
    """Whether a SupBook record links another workbook (not the workbook itself, 0x0401, nor add-ins, 0x3A01)."""
    return len(body) >= 4 and struct.unpack_from("<H", body, 2)[0] not in (0x0401, 0x3A01)


def _sheet_name(body: memoryview) -> str:
    """A BoundSheet8's name (BIFF8: a count, a flag for UTF-16, the characters); a BIFF5 name in
    its code page is read as Latin-1 here and matched to calamine's by place."""
    count, flags = body[6], body[7] if len(body) > 7 else 0
    if len(body) == 8 + count * (2 if flags & 1 else 1):
        return bytes(body[8:]).decode("utf-16-le" if flags & 1 else "latin-1")
    return bytes(body[7:]).decode("latin-1")


def _biff_sheet(file: str, name: str, stream: bytes, offset: int) -> _Scan:
    scan = _Scan(name)
    for kind, body in _records(stream, offset):
        if kind in _CELLS:
            _biff_cell(file, scan, kind, body)
        elif kind == _MULRK:
            row = struct.unpack_from("<H", body, 0)[0]
            scan.holds(row, struct.unpack_from("<H", body, len(body) - 2)[0], file)
        elif kind == _DIMENSIONS:
            check_bounds(file, name, *_reserved(body))
        elif kind == _ROW and struct.unpack_from("<H", body, 12)[0] & 0x20:
            row = struct.unpack_from("<H", body, 0)[0]
            scan.hidden_rows.append((row, row + 1))
        elif kind == _COLINFO and struct.unpack_from("<H", body, 8)[0] & 0x1:
            first, last = struct.unpack_from("<HH", body, 0)
            scan.hidden_cols.append((first, last + 1))
    return scan


def _biff_cell(file: str, scan: _Scan, kind: int, body: memoryview) -> None:
    """A cell's record: the sheet holds the cell; a formula's is kept (_biff_formula), an error's its value."""
    row, column = struct.unpack_from("<HH", body, 0)
    scan.holds(row, column, file)
    if kind == _FORMULA_RECORD:
        _biff_formula(scan, (row, column), body)
    elif kind == _BOOLERR and body[7] == 1:
        scan.errors[(row, column)] = _ERRORS.get(body[6], "#N/A")


def _reserved(body: memoryview) -> tuple[int, int]:
    """The rows and columns a DIMENSIONS record makes calamine reserve room for, by its own
    arithmetic (32-bit, wrapping where the record is inconsistent): a forged one asks for petabytes."""
    if len(body) == 14:
        first_row, last_row, first_col, last_col = struct.unpack_from("<IIHH", body, 0)
    elif len(body) == 10:
        first_row, last_row, first_col, last_col = struct.unpack_from("<HHHH", body, 0)
    else:
        return 1, 1  # calamine refuses the record itself
    if first_col > 0xFF or last_col < first_col:
        first_col = 0
    if last_row < 1 or last_col < 1:
        return 1, 1
    return ((last_row - 1 - first_row) % 2**32) + 1, ((last_col - 1 - first_col) % 2**32) + 1


def _biff_formula(scan: _Scan, place: tuple[int, int], body: memoryview) -> None:
    scan.formulas.add(place)
    if bytes(body[12:14]) == b"\xff\xff" and body[6] == 2:  # the cached result is an error
        scan.errors[place] = _ERRORS.get(body[8], "#N/A")


# ---------------------------------------------------------------- messages


_REMEDY = "请确认文件完整（未被截断），或在 Excel、WPS 中打开后另存一次"


def _remedy(problem: str) -> str:
    """What is wrong with a workbook that cannot be read at all, and what to do."""
    return {
        "corrupt": "文件已损坏或不完整，无法读取：" + _REMEDY,
        "encrypted": "工作簿已加密（受密码保护），无法读取：请先在 Excel 中取消密码后另存"
                     "（文件 > 信息 > 保护工作簿 > 用密码进行加密，清空密码），再导入",
    }[problem]


def _too_big() -> str:
    return f"工作簿解压后超过 {MAX_UNPACKED_BYTES // (1024 * 1024)} MB，未读取（疑似压缩炸弹）：预算表不会这么大，请确认文件"


def describe(note: str, file: str, sheet: str = "", cells: str = "") -> str:
    """A note on what was read past (Grid.notes), naming the file and, where it applies, the sheet."""
    file, sheet = shown_name(file), shown_name(sheet)
    notes = {
        "macros": f"{file}：工作簿含有宏（VBA），只读取了单元格中保存的值，宏没有运行",
        "links": f"{file}：工作簿引用了其他工作簿（外部链接），引用它们的公式读的是保存时的值，没有更新；"
                 "若其他工作簿已改动，请先在 Excel 中更新链接并保存",
        "not cells": f"{file}：“{sheet}”是图表或宏表，没有单元格，已跳过",
        "unsaved": f"{file} 的工作表“{sheet}”：公式单元格 {cells} 没有保存计算结果，这些格未读取："
                   "请在 Excel 中打开、重新计算（F9）并保存后再导入",
        "far": f"{file} 的工作表“{sheet}”：{cells} 与表格之间隔着超过 {_GAP} 列的空列，不是表格的内容，未读取；"
               "若它们属于表格，请移到表格旁边后另存（在 Excel 中按 Ctrl+End 可找到最后一个单元格）",
    }
    return notes[note]
