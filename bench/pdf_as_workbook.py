"""A document's tables read from its PDF and from a workbook of them: `python -m bench.pdf_as_workbook [--only ID…]`.

The budget system of every province exports the tables a department publishes as a workbook, and the
desk receives either. One reading layer must read a table the same whatever file it comes in. We stand in
for other provinces' exports by writing each corpus PDF's tables, as reportgen reads them from the PDF, into a
workbook with XlsxWriter — one sheet per table, the lines printed above it (title, 部门, 单位) first, header
cells merged as printed, amounts as number cells, codes as text — and import both (`reportgen import`, no
--layout). Compared: the figures each import writes from the tables (a YAML line whose note names a table and
its place), as multisets; the exit codes; 内部错误. The workbooks are written to --out (default
/tmp/pdf-as-workbook-<pid>), never to the repository. A measurement, not a test.

`--variant` (several, or `all`) writes the shapes other provinces' systems export, each from the same tables:
export (as above); codes-as-numbers; amounts-as-text; split-codes (科目编码 as 类 | 款 | 项, a row 类 款 项 under
the header); code-with-name, bracketed-code-name (“2080505 机关…”, “[2080505]机关…” in one cell); title-merged
(the title merged across the sheet, 单位：万元 in a cell of its own); title-sheets (each sheet named by its table's
title, the title row taken out); one-sheet (every table on one sheet, two blank rows between); yuan (单位：元,
every figure ×10,000: compared in 万元, divided exactly); formulas (a total row's figures =SUM(...) with the printed
value cached); zero-dash, zero-long-dash, zero-empty (a 0 printed “-”, “——” or left empty: compared with the
fields of 0 left out on both sides); xls, ods (the .xlsx converted by LibreOffice); hidden-column, hidden-row
(another figure in a hidden column or row); column-numbers (栏次 | 1 | 2 … under the header); wrapped-header
(header and caption cells wrapped with a line break inside the cell); header-merged-down (each header word over
empty header cells merged down over them: 科目编码, 合计 over two rows); text-thousands (every figure a text cell
“1,234.56”); unit-in-title (元, ×10,000, the unit in the title's own cell “…表（单位：元）”, no caption: compared in
万元); thousand-yuan (千元, ×10, stated so: to be refused, never read as 元 or 万元); total-moved (the total row at the
other end of the body: above its parts where printed under them, and under where above); split-codes-as-numbers
(split-codes, every part a number cell: 款 “05” stored 5); formulas-uncalculated (formulas saved with no cached
value, as a program that never calculates writes them: never read as 0); hidden-part-row (a row of the body's
lowest level hidden: its figures in the file, no reader sees them — not imported, named, the totals it leaves
short told).
"""

from __future__ import annotations

import argparse
import atexit
import functools
import os
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

import xlsxwriter

from reportgen.readers.grid import Grid, column_letters
from reportgen.readers.pdf.pdf_tables import PdfDocument, read_pdf

CORPUS = Path("/work/shared/corpus")
_AMOUNT = re.compile(r"-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?")
_CODE = re.compile(r"\d{3,7}")
# a figure the import wrote from a table: "  合计: 1464.31   # 支出总表 第9页 第7行" / "… # 支出总表 表3!F8"
_FROM_TABLE = re.compile(r"^(?P<line>.*?)\s+# (?P<table>\S+表)(?:（[^）]*）)? (?:第\d+页|.+!(?:[A-Z]{1,3}\d+|第\d+行)(?:（[^）]*）)?$)")


def _text(grid: Grid, row: int, col: int) -> str:
    cell = grid.cell(row, col)
    return (cell.text or (cell.value if isinstance(cell.value, str) else "") or "").strip()


def _above(document: PdfDocument, grid: Grid) -> list[str]:
    """The lines printed just above the grid on its page that are no table's: its title, 部门, 单位."""
    first = grid.row_places[0] if grid.row_places else ""
    at = next((i for i, line in enumerate(document.lines) if line.place == first), None)
    if at is None:
        return []
    page = document.lines[at].page
    return [line.text for line in document.lines[max(0, at - 3):at] if line.table is None and line.page == page]


VARIANTS = ("export", "codes-as-numbers", "amounts-as-text", "split-codes", "code-with-name", "bracketed-code-name",
            "title-merged", "title-sheets", "one-sheet", "yuan", "formulas", "zero-dash", "zero-long-dash",
            "zero-empty", "xls", "ods", "hidden-column", "hidden-row", "column-numbers", "wrapped-header",
            "header-merged-down", "text-thousands", "unit-in-title", "thousand-yuan", "total-moved",
            "split-codes-as-numbers", "formulas-uncalculated", "hidden-part-row")


@dataclass
class _Table:
    """One table as it is written: the lines above it, its cells' texts and its merged ranges."""

    above: list[str]
    rows: list[list[str]]
    merges: list[list[int]]  # [first_row, first_col, last_row, last_col]
    hidden_rows: set[int] = field(default_factory=set)
    hidden_cols: set[int] = field(default_factory=set)
    formulas: dict[tuple[int, int], str] = field(default_factory=dict)

    @property
    def width(self) -> int:
        return max((len(row) for row in self.rows), default=0)

    def text(self, row: int, col: int) -> str:
        return self.rows[row][col] if col < len(self.rows[row]) else ""

    def insert_columns(self, at: int, count: int) -> None:
        for row in self.rows:
            row.extend([""] * (at - len(row)))
            row[at:at] = [""] * count
        for merge in self.merges:
            merge[1] += count if merge[1] >= at else 0
            merge[3] += count if merge[3] >= at else 0
        self.hidden_cols = {c + count if c >= at else c for c in self.hidden_cols}

    def drop_column(self, at: int) -> None:
        """Column ``at`` gone, its words above the body (a title, a header) moved into the next column where
        that is empty."""
        body = self.body_start()
        for number, row in enumerate(self.rows):
            if number < body and len(row) > at + 1 and row[at] and not row[at + 1]:
                row[at + 1] = row[at]
            if len(row) > at:
                del row[at]
        kept = []
        for merge in self.merges:
            if merge[1] == merge[3] == at:
                continue
            merge[1] -= 1 if merge[1] > at else 0
            merge[3] -= 1 if merge[3] >= at else 0
            if merge[:2] != merge[2:]:
                kept.append(merge)
        self.merges = kept

    def insert_row(self, at: int, cells: list[str]) -> None:
        self.rows.insert(at, cells)
        for merge in self.merges:
            merge[0] += 1 if merge[0] >= at else 0
            merge[2] += 1 if merge[2] >= at else 0
        self.hidden_rows = {r + 1 if r >= at else r for r in self.hidden_rows}

    def code_column(self) -> int | None:
        """The column whose body cells are whole codes (3 to 7 digits, some longer than 3), if one is."""
        counts: Counter[int] = Counter(col for r, row in enumerate(self.rows) for col, text in enumerate(row)
                                       if _CODE.fullmatch(text) and len(text) in (3, 5, 7)
                                       and r >= self.body_start())
        if not counts or counts.most_common(1)[0][1] < 2:
            return None
        col = counts.most_common(1)[0][0]
        return col if any(len(row[col]) > 3 for row in self.rows[self.body_start():]
                          if len(row) > col and _CODE.fullmatch(row[col])) else None

    def body_start(self) -> int:
        """The first row holding an amount."""
        return next((r for r, row in enumerate(self.rows) if any(_is_amount(t) for t in row)), len(self.rows))

    def merged_cells(self) -> set[tuple[int, int]]:
        return {(r, c) for m in self.merges for r in range(m[0], m[2] + 1) for c in range(m[1], m[3] + 1)}


def _is_amount(text: str) -> bool:
    return bool(_AMOUNT.fullmatch(text)) and not _CODE.fullmatch(text)


def _tables(document: PdfDocument) -> list[_Table]:
    tables = []
    for grid in document.grids:
        rows = [[_text(grid, r, c) for c in range(len(grid.rows[r]))] for r in range(len(grid.rows))]
        merges, taken = [], set()
        for m in grid.merges:
            cells = {(r, c) for r in range(m.first_row, m.last_row + 1) for c in range(m.first_col, m.last_col + 1)}
            if not cells & taken:  # ranges that overlap cannot both be merged in a workbook: the later is written plain
                taken |= cells
                merges.append([m.first_row, m.first_col, m.last_row, m.last_col])
        tables.append(_Table(_above(document, grid), rows, merges))
    return tables


def _split_codes(table: _Table) -> None:
    """科目编码 in columns 类 | 款 | 项 (“208 | 05 | 05”; 类 | 款 for codes of 5 digits at most), a row 类 款 项
    under the header; a table whose codes are apart already is left as it is."""
    col = table.code_column()
    if col is None:
        return
    body = table.body_start()
    longest = max(len(row[col]) for row in table.rows[body:] if len(row) > col and _CODE.fullmatch(row[col]))
    levels = 3 if longest == 7 else 2
    table.insert_columns(col + 1, levels - 1)
    for row in table.rows[body:]:
        code = row[col] if len(row) > col else ""
        if _CODE.fullmatch(code) and len(code) in (3, 5, 7):
            row[col:col + levels] = [code[:3], code[3:5], code[5:7]][:levels]
    header = [merge for merge in table.merges if merge[1] <= col <= merge[3] and merge[2] < body]
    for merge in header:
        merge[3] += levels - 1 if merge[3] == col else 0
    if not header and body:
        table.merges.append([body - 1, col, body - 1, col + levels - 1])
    _under_header(table, body, dict(zip(range(col, col + levels), ("类", "款", "项"), strict=False)))


def _under_header(table: _Table, body: int, cells: dict[int, str]) -> None:
    """A row of ``cells`` between the header (its last row extended down over it) and the body."""
    width = table.width
    table.insert_row(body, [cells.get(c, "") for c in range(width)])
    covered = set()
    for merge in table.merges:
        if merge[2] == body - 1 and not any(merge[1] <= c <= merge[3] for c in cells):
            merge[2] = body
        if merge[0] <= body <= merge[2]:
            covered |= set(range(merge[1], merge[3] + 1))
    for c in range(width):
        if c not in cells and c not in covered and body and table.text(body - 1, c):
            table.merges.append([body - 1, c, body, c])


def _code_with_name(table: _Table, bracketed: bool) -> None:
    """A code and its name in one cell (“2080505 机关…”, “[2080505]机关…”), each code column gone (both sides'
    of a table of two)."""
    done: set[int] = set()
    while (col := table.code_column()) is not None and col not in done and col + 1 < table.width:
        done = {c - 1 if c > col else c for c in done} | {col}
        _join_code_column(table, col, bracketed)


def _join_code_column(table: _Table, col: int, bracketed: bool) -> None:
    for row in table.rows[table.body_start():]:
        code, name = (row + ["", ""])[col], (row + ["", ""])[col + 1]
        if _CODE.fullmatch(code) and name:
            row[col + 1] = f"[{code}]{name}" if bracketed else f"{code} {name}"
    table.drop_column(col)


def _title_merged(table: _Table) -> None:
    """The title merged across the sheet, the 单位 caption in a cell of its own at the right."""
    lines, caption = [], ""
    for line in table.above:
        at = line.find("单位")
        if at >= 0:
            caption = line[at:].strip()
            rest = line[:at].strip()
            if rest:
                lines.append(rest)
        else:
            lines.append(line)
    table.above = []
    width = max(table.width, 2)
    for number, line in enumerate(lines):
        table.insert_row(number, [line] + [""] * (width - 1))
        table.merges.append([number, 0, number, width - 1])
    if caption:
        table.insert_row(len(lines), [""] * (width - 1) + [caption])


_LABEL_WORDS = ("类", "款", "项", "编码", "代码", "行次", "栏次")


def _amounts(table: _Table, change: Callable[[str], str]) -> None:
    """Each figure of the body changed, the columns headed as codes or line numbers (类 | 款 | 项, 行次) aside."""
    body = table.body_start()
    labels = {c for r in range(body) for c, text in enumerate(table.rows[r])
              if any(word == "".join(text.split()) or word in text and "编码" in text for word in _LABEL_WORDS)}
    labels |= {c for m in table.merges if m[2] < body and "编码" in table.text(m[0], m[1])
               for c in range(m[1], m[3] + 1)}
    for row in table.rows[body:]:
        numbers = [text for text in row if text]
        if any("".join(text.split()) in _LABEL_WORDS for text in numbers) \
                or len(numbers) > 2 and numbers == [str(n) for n in range(1, len(numbers) + 1)]:
            continue  # a row numbering the columns
        for col, text in enumerate(row):
            if _is_amount(text) and col not in labels:
                row[col] = change(text)


def _yuan(table: _Table) -> None:
    """Every figure in 元 (×10000), the caption 单位：元 — of a table in 万元 (one in 元 is left as it is)."""
    body = table.body_start()
    if not any("万元" in text for text in table.above + [t for row in table.rows[:body] for t in row]):
        return
    table.above = [line.replace("万元", "元") for line in table.above]
    table.rows[:body] = [[text.replace("万元", "元") for text in row] for row in table.rows[:body]]
    if not any("单位" in line for line in table.above + [t for row in table.rows[:body] for t in row]):
        table.above.append("单位：元")
    _amounts(table, lambda text: str(Decimal(text.replace(",", "")) * 10000))


def _zero(shown: str) -> Callable[[_Table], None]:
    def change(table: _Table) -> None:
        _amounts(table, lambda text: shown if Decimal(text.replace(",", "")) == 0 else text)
    return change


def _formulas(table: _Table) -> None:
    """Each figure of a total row (合计, 总计) a formula =SUM of the rows below it, with the printed value cached."""
    body = table.body_start()
    for r in range(body, len(table.rows)):
        if any(word in "".join(table.rows[r]) for word in ("合计", "总计")):
            for col, text in enumerate(table.rows[r]):
                if _is_amount(text):
                    letters = column_letters(col)
                    table.formulas[(r, col)] = f"=SUM({letters}{r + 2}:{letters}{len(table.rows)})"


def _hidden_column(table: _Table) -> None:
    """A hidden column after the first amount column, holding another figure (twice it)."""
    body = table.body_start()
    col = next((c for c in range(table.width) if any(_is_amount(table.text(r, c)) for r in range(body, len(table.rows)))),
               None)
    if col is None:
        return
    table.insert_columns(col + 1, 1)
    for r in range(body, len(table.rows)):
        if _is_amount(table.text(r, col)):
            table.rows[r][col + 1] = str(Decimal(table.text(r, col).replace(",", "")) * 2)
    if body and len(table.rows[body - 1]) > col + 1:
        table.rows[body - 1][col + 1] = "内部核算数"
    table.hidden_cols.add(col + 1)


def _hidden_row(table: _Table) -> None:
    """A hidden row under the first body row, holding other figures."""
    body = table.body_start()
    if body >= len(table.rows):
        return
    first = table.rows[body]
    table.insert_row(body + 1, [str(Decimal(t.replace(",", "")) + 1) if _is_amount(t) else t for t in first])
    table.hidden_rows.add(body + 1)


def _column_numbers(table: _Table) -> None:
    """A row 栏次 | 1 | 2 | 3 … under the header."""
    body = table.body_start()
    if not body or body >= len(table.rows):
        return
    amounts = [c for c in range(table.width) if _is_amount(table.text(body, c))]
    if not amounts:
        return
    cells = {c: str(n) for n, c in enumerate(amounts, start=1)}
    cells[0] = "栏次"
    _under_header(table, body, cells)


def _wrapped_header(table: _Table) -> None:
    """Header cells of four or more characters wrapped with a line break inside the cell."""
    for row in table.rows[:table.body_start()]:
        for col, text in enumerate(row):
            if len(text) >= 4 and "\n" not in text:
                row[col] = text[:(len(text) + 1) // 2] + "\n" + text[(len(text) + 1) // 2:]


def _header_merged_down(table: _Table) -> None:
    """Each header word over empty header cells merged down to the header's last row (科目编码, 合计 over two rows)."""
    body = table.body_start()
    merged = table.merged_cells()
    for r in range(body - 1):
        for col, text in enumerate(table.rows[r]):
            below = range(r + 1, body)
            if text and (r, col) not in merged and all(not table.text(b, col) and (b, col) not in merged for b in below):
                table.merges.append([r, col, body - 1, col])
                merged |= {(b, col) for b in range(r, body)}


def _text_thousands(table: _Table) -> None:
    """Every figure a text cell with its thousands separators (“1,234.56”), as printed."""
    _amounts(table, lambda text: f"{Decimal(text.replace(',', '')):,}")


def _unit_in_title(table: _Table) -> None:
    """Figures in 元 (×10000), the unit stated in the title's own cell: “一般公共预算支出表（单位：元）”, no caption."""
    _title_unit(table, "元", 10000)


def _thousand_yuan(table: _Table) -> None:
    """Figures in 千元 (×10), the unit stated in the title's own cell: “…表（单位：千元）”."""
    _title_unit(table, "千元", 10)


def _title_unit(table: _Table, unit: str, times: int) -> None:
    body = table.body_start()
    if not any("万元" in text for text in table.above + [t for row in table.rows[:body] for t in row]):
        return
    _amounts(table, lambda text: str(Decimal(text.replace(",", "")) * times))
    drop = re.compile(r"(?:金额)?单位\s*[：:]\s*万\s*元")
    table.above = [drop.sub("", line).strip() for line in table.above]
    table.rows[:body] = [[drop.sub("", text).strip() for text in row] for row in table.rows[:body]]
    titled = next((at for at in reversed(range(len(table.above)))  # the title: the line nearest the table naming one
                   if "表" in table.above[at] and not _NUMBERED.match("".join(table.above[at].split()))), None)
    if titled is not None:
        table.above[titled] += f"（单位：{unit}）"
        return
    for row in table.rows[:body]:
        texts = [col for col, text in enumerate(row) if text]
        if len(texts) == 1 and "表" in row[texts[0]]:
            row[texts[0]] += f"（单位：{unit}）"
            return


def _total_row(table: _Table) -> int | None:
    """The body's one total row (合计, 总计) where it is its first or last row."""
    body = table.body_start()
    rows = [r for r in range(body, len(table.rows)) if any(_is_amount(t) for t in table.rows[r])]
    totals = [r for r in rows if any(word in "".join("".join(table.rows[r]).split()) for word in ("合计", "总计"))]
    return totals[0] if len(totals) == 1 and totals[0] in (rows[0], rows[-1]) and len(rows) > 2 else None


def _total_moved(table: _Table) -> None:
    """The total row moved to the other end of the body: above its parts where printed under them, and under them
    where printed above."""
    total = _total_row(table)
    if total is None or any(m[0] <= total <= m[2] for m in table.merges):
        return
    rows = [r for r in range(table.body_start(), len(table.rows)) if any(_is_amount(t) for t in table.rows[r])]
    row = table.rows.pop(total)
    table.rows.insert(rows[-1] if total == rows[0] else rows[0], row)


def _hidden_part_row(table: _Table) -> None:
    """A row of the body's lowest level (a 项, a part of every total over it) hidden: its figures are in the file, no
    reader sees them."""
    col = table.code_column()
    if col is None:
        return
    rows = [r for r in range(table.body_start(), len(table.rows)) if _CODE.fullmatch(table.text(r, col))
            and any(_is_amount(t) and Decimal(t.replace(",", "")) for t in table.rows[r])]
    longest = max((len(table.text(r, col)) for r in rows), default=0)
    row = next((r for r in rows if len(table.text(r, col)) == longest), None)
    if row is not None:
        table.hidden_rows.add(row)


_TRANSFORMS: dict[str, Callable[[_Table], None]] = {
    "split-codes": _split_codes,
    "code-with-name": lambda table: _code_with_name(table, False),
    "bracketed-code-name": lambda table: _code_with_name(table, True),
    "title-merged": _title_merged,
    "yuan": _yuan,
    "formulas": _formulas,
    "zero-dash": _zero("-"),
    "zero-long-dash": _zero("——"),
    "zero-empty": _zero(""),
    "hidden-column": _hidden_column,
    "hidden-row": _hidden_row,
    "column-numbers": _column_numbers,
    "wrapped-header": _wrapped_header,
    "header-merged-down": _header_merged_down,
    "text-thousands": _text_thousands,
    "unit-in-title": _unit_in_title,
    "thousand-yuan": _thousand_yuan,
    "total-moved": _total_moved,
    "split-codes-as-numbers": _split_codes,
    "formulas-uncalculated": _formulas,
    "hidden-part-row": _hidden_part_row,
}


def write_workbook(pdf: Path, out: Path, variant: str = "export") -> int:
    """The PDF's tables as a workbook at ``out`` (for xls and ods, the .xlsx converted by LibreOffice to
    ``out``, whose suffix says the format); the number of tables."""
    document = read_pdf(pdf, pdf.read_bytes())
    tables = _tables(document)
    for table in tables:
        _TRANSFORMS.get(variant, lambda _: None)(table)
    book_path = out.with_suffix(".xlsx") if variant in ("xls", "ods") else out
    book = xlsxwriter.Workbook(str(book_path))
    if variant == "one-sheet":
        sheet, top = book.add_worksheet("部门预算表"), 0
        for table in tables:
            top = _write_table(book, sheet, table, top, variant) + 2
    else:
        names: set[str] = set()
        for number, table in enumerate(tables, start=1):
            name = _sheet_name(table, number, names) if variant == "title-sheets" else f"表{number}"
            _write_table(book, book.add_worksheet(name), table, 0, variant)
    book.close()
    if variant == "formulas-uncalculated":
        _uncalculated(book_path)
    if variant in ("xls", "ods"):
        _convert(book_path, out, variant)
    return len(tables)


_NUMBERED = re.compile(r"^(?:公开|附)?表\s*\d+$")


def _sheet_title(line: str) -> str:
    return re.sub(r"[\[\]:*?/\\]", "", "".join(line.split()))[:31]


def _sheet_name(table: _Table, number: int, names: set[str]) -> str:
    """The table's title as the sheet's name (31 characters at most, unique), taken out of the lines above
    it or its first rows; 表N where it has none."""
    for at, line in enumerate(table.above):
        if "表" in line and not _NUMBERED.match("".join(line.split())) and _sheet_title(line) not in names:
            del table.above[at]
            names.add(_sheet_title(line))
            return _sheet_title(line)
    for row in table.rows[:3]:
        texts = [col for col, text in enumerate(row) if text]
        if len(texts) == 1 and "表" in row[texts[0]] and not _NUMBERED.match("".join(row[texts[0]].split())) \
                and _sheet_title(row[texts[0]]) not in names:
            name, row[texts[0]] = _sheet_title(row[texts[0]]), ""
            names.add(name)
            return name
    names.add(f"表{number}")
    return f"表{number}"


_CACHED = re.compile(rb"(<f>[^<]*</f>)<v>[^<]*</v>")


def _uncalculated(path: Path) -> None:
    """Each formula's cached value taken out of the workbook: saved as a program that never calculates saves it."""
    with zipfile.ZipFile(path) as book:
        parts = [(info, book.read(info)) for info in book.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as book:
        for info, data in parts:
            book.writestr(info, _CACHED.sub(rb"\1", data) if info.filename.startswith("xl/worksheets/") else data)


@functools.cache
def _office_profile() -> str:
    """LibreOffice's profile for this process's conversions, removed when the process ends."""
    folder = tempfile.mkdtemp(prefix="pdf-as-workbook-office-")
    atexit.register(shutil.rmtree, folder, True)
    return Path(folder).as_uri()


def _convert(source: Path, out: Path, variant: str) -> None:
    profile = _office_profile()
    subprocess.run(["soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to", variant,
                    "--outdir", str(source.parent), str(source)], capture_output=True, check=True, timeout=300)
    converted = source.with_suffix(f".{variant}")
    if converted != out:
        converted.replace(out)


def _write_table(book: xlsxwriter.Workbook, sheet: xlsxwriter.worksheet.Worksheet, table: _Table, top: int,
                 variant: str) -> int:
    """``table`` written from row ``top``; the row after it."""
    money = book.add_format({"num_format": "#,##0.00"})
    wrap = book.add_format({"text_wrap": True})
    for row, text in enumerate(table.above):
        sheet.write_string(top + row, 0, text)
    top += len(table.above)
    merged = table.merged_cells()
    for first_row, first_col, last_row, last_col in table.merges:
        sheet.merge_range(top + first_row, first_col, top + last_row, last_col,
                          table.text(first_row, first_col), wrap)
    for row in range(len(table.rows)):
        for col, text in enumerate(table.rows[row]):
            if (row, col) in merged or not text:
                continue
            _write_cell(sheet, top + row, col, text, variant, money, table.formulas.get((row, col)))
    for row in table.hidden_rows:
        sheet.set_row(top + row, None, None, {"hidden": True})
    for col in table.hidden_cols:
        sheet.set_column(col, col, None, None, {"hidden": True})
    return top + len(table.rows)


def _write_cell(sheet: xlsxwriter.worksheet.Worksheet, row: int, col: int, text: str, variant: str,
                money: xlsxwriter.format.Format, formula: str | None) -> None:
    if _is_amount(text) and variant not in ("amounts-as-text", "text-thousands"):
        value = float(Decimal(text.replace(",", "")))
        if formula:
            sheet.write_formula(row, col, formula, money, value)
        else:
            sheet.write_number(row, col, value, money)
    elif variant == "codes-as-numbers" and _CODE.fullmatch(text) \
            or variant == "split-codes-as-numbers" and re.fullmatch(r"\d{2,7}", text):
        sheet.write_number(row, col, int(text))  # a 款 “05” as 5
    else:
        sheet.write_string(row, col, text)


def _imported(path: Path, out: Path) -> tuple[int, str, Counter[str]]:
    """`reportgen import path -o out`: its exit code, its last line, the figures it wrote from tables."""
    done = subprocess.run([sys.executable, "-m", "reportgen", "import", str(path), "-o", str(out)],
                          capture_output=True, text=True, check=False)
    told = (done.stdout + done.stderr).strip().splitlines()
    figures: Counter[str] = Counter()
    if out.exists():
        for line in out.read_text(encoding="utf-8").splitlines():
            if match := _FROM_TABLE.match(line):
                figures[f"{match['table']}: {match['line'].strip()}"] += 1
    return done.returncode, told[-1] if told else "", figures


def compare(document: str, work: Path, variants: list[str]) -> list[str]:
    """A row for each variant: the PDF imported once, each variant's workbook written and imported."""
    pdf = CORPUS / f"{document}.pdf"
    (work / f"{document}-pdf.yaml").unlink(missing_ok=True)  # this bench's own output
    code_pdf, _, pdf_figures = _imported(pdf, work / f"{document}-pdf.yaml")
    rows = []
    for variant in variants:
        suffix = variant if variant in ("xls", "ods") else "xlsx"
        book = work / f"{document}-{variant}.{suffix}"
        from_book_yaml = work / f"{document}-{variant}.yaml"
        from_book_yaml.unlink(missing_ok=True)
        sheets = write_workbook(pdf, book, variant)
        code_book, last, from_book = _imported(book, from_book_yaml)
        from_pdf = pdf_figures
        if variant in ("yuan", "unit-in-title"):
            from_book = _in_wanyuan(from_book, from_book_yaml)
        if variant.startswith("zero-"):  # a nil printed “-”, “——” or left empty is a blank zero, no field: zeros aside
            from_pdf, from_book = _without_zeros(from_pdf), _without_zeros(from_book)
        same = sum((from_pdf & from_book).values())
        crash = "内部错误" if "内部错误" in last else ""
        refused = last if not from_book_yaml.exists() and not crash else ""
        rows.append(f"| {document} | {variant} | {sheets} | {code_pdf} / {code_book} | {sum(from_pdf.values())} "
                    f"| {sum(from_book.values())} | {same} | {crash or refused[:100]} |")
    return rows


_FIELD = re.compile(r"(?P<key>[^\s{},:]+): (?P<number>-?\d+(?:\.\d+)?)(?=[,}\s]|$)")


def _in_wanyuan(figures: Counter[str], written: Path) -> Counter[str]:
    """The figures of a source written in 元 (金额单位: 元) from a PDF in 万元 divided by 10,000, exactly, as a
    source in 万元 writes them (a code is no figure)."""
    pdf = written.with_name(re.sub(r"-(?:yuan|unit-in-title)\.yaml$", "-pdf.yaml", written.name))
    if not written.exists() or "金额单位: 元" not in written.read_text(encoding="utf-8") \
            or "金额单位: 万元" not in pdf.read_text(encoding="utf-8"):
        return figures
    divided: Counter[str] = Counter()
    for line, count in figures.items():
        divided[_FIELD.sub(_wan, line)] += count
    return divided


_ZERO = re.compile(r"(?:(?<=\{)|, )[^\s{},:]+: 0(?=[,}])|^\s*(?:- )?[^\s{},:]+: 0$")


_FIELD_PAIR = re.compile(r"([^\s{},:]+): (-?\d[\d.]*)")


def _without_zeros(figures: Counter[str]) -> Counter[str]:
    """The figures with every field of 0 left out, and the lines that held only such fields."""
    kept: Counter[str] = Counter()
    for line, count in figures.items():
        table, _, rest = line.partition(": ")
        rest = _ZERO.sub("", rest).replace("{, ", "{")
        if any(key not in ("科目", "编码", "代码") for key, _ in _FIELD_PAIR.findall(rest)):
            kept[f"{table}: {rest}"] += count
    return kept


def _wan(match: re.Match[str]) -> str:
    if match["key"] in ("科目", "编码", "代码", "政府经济分类"):
        return match[0]
    value = Decimal(match["number"]) / 10000
    return f"{match['key']}: {value.normalize():f}" if value == value.to_integral() else f"{match['key']}: {value}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--only", nargs="*", default=None)
    parser.add_argument("--variant", choices=(*VARIANTS, "all"), nargs="*", default=["export"])
    parser.add_argument("--out", type=Path, default=Path(f"/tmp/pdf-as-workbook-{os.getpid()}"))
    args = parser.parse_args()
    args.variant = list(VARIANTS) if "all" in args.variant else args.variant
    args.out.mkdir(parents=True, exist_ok=True)
    documents = sorted(p.stem for p in CORPUS.glob("*.pdf")
                       if not (p.stem.startswith("bj-") and not p.stem.endswith("-tables")))
    print("| document | variant | tables | exit pdf / workbook | table figures from the PDF | from the workbook "
          "| the same | 内部错误 or refusal |\n|---|---|---:|---|---:|---:|---:|---|")
    for document in documents:
        if args.only is None or any(part in document for part in args.only):
            print("\n".join(compare(document, args.out, args.variant)), flush=True)


if __name__ == "__main__":
    main()
