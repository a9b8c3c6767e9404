"""The XLSX writer (`render --format xlsx`): each table of a disclosure on a sheet of its own,
read back cell for cell — python-calamine for values, types and merged ranges, openpyxl for
number formats and page setup — against the Document's cells, for every shipped source in the
默认 and 上海 layouts; the same bytes from the same source; LibreOffice opens the workbook and
shows every figure as the document does; a failure while writing it writes nothing at all."""

from __future__ import annotations

import csv
import dataclasses
import functools
import io
import os
import re
import subprocess
import zipfile
from decimal import Decimal
from pathlib import Path
from typing import NamedTuple

import openpyxl
import pytest
import yaml
from python_calamine import CalamineWorkbook

import reportgen.runners.render as render_module
import reportgen.writers.xlsx as xlsx_module
from reportgen.base.written import RECORD
from reportgen.cli import main
from reportgen.docmodel.document import Cell, Document, Heading, Paragraph, Row, Table, Title
from reportgen.runners.render import document_for, prepare, render_source, write_outputs
from reportgen.shaping.layouts import shipped
from reportgen.writers.xlsx import figure, sheet_name_of, xlsx_bytes
from tests.clients import libreoffice_profile, require_program

ROOT = Path(__file__).resolve().parent.parent
SOURCES = sorted((ROOT / "data").glob("*.yaml"))
YANTIAN = ROOT / "data" / "shenzhen-yantian-zgh-2022.yaml"
LAYOUTS = ("默认", "上海")
SHIPPED_LAYOUTS = ALL_LAYOUTS = tuple(name for name, _ in shipped())  # every shipped layout, the default first
WHOLE = re.compile(r"-?[0-9]+")  # a code, or an amount shown without decimals
FIGURE = re.compile(r"-?[0-9][0-9,]*(?:\.[0-9]+)?%?")
FORBIDDEN = re.compile(r"[\[\]:*?/\\]")


@functools.cache
def document(source: Path, layout: str) -> Document:
    """The layout's Document, written as a sheet per table (上海's official workbook: test_official_workbook.py)."""
    return per_table(document_for(prepare(source), layout=layout))


def per_table(doc: Document) -> Document:
    return dataclasses.replace(doc, workbook=None)


# -- reading a workbook back ------------------------------------------------------------------


class Sheet(NamedTuple):
    name: str
    values: list[list[object]]  # python-calamine: str, float, or "" for an empty cell
    merges: set[tuple[tuple[int, int], tuple[int, int]]]
    formats: dict[tuple[int, int], str]  # openpyxl: the number format of each number cell
    styled: object  # the openpyxl worksheet


def read_back(data: bytes) -> list[Sheet]:
    book = CalamineWorkbook.from_filelike(io.BytesIO(data))
    styled = openpyxl.load_workbook(io.BytesIO(data))
    sheets = []
    for name in book.sheet_names:
        sheet = book.get_sheet_by_name(name)
        merges = {(tuple(first), tuple(last)) for first, last in sheet.merged_cell_ranges}
        worksheet = styled[name]
        formats = {(c.row - 1, c.column - 1): c.number_format for row in worksheet.iter_rows() for c in row
                   if c.data_type == "n" and c.value is not None}
        sheets.append(Sheet(name, sheet.to_python(skip_empty_area=False), merges, formats, worksheet))
    assert styled.sheetnames == book.sheet_names
    return sheets


def shown(value: float, number_format: str) -> str:
    """The text Excel shows for ``value`` in ``number_format`` ("#,##0.00", "0.00%", "0" …)."""
    percent = number_format.endswith("%")
    places = len(number_format.rstrip("%").partition(".")[2])
    grouped = number_format.startswith("#,##0")
    number = Decimal(repr(value)) * (100 if percent else 1)
    return format(number, f"{',' if grouped else ''}.{places}f") + ("%" if percent else "")


def value_at(sheet: Sheet, row: int, column: int) -> object:
    values = sheet.values
    return values[row][column] if row < len(values) and column < len(values[row]) else ""


# -- the Document's tables as a sheet must show them (an oracle of its own) -----------------------


def grid(table: Table) -> tuple[dict[tuple[int, int], tuple[Cell, bool]], set[tuple[tuple[int, int], tuple[int, int]]]]:
    """Each cell at its (row, column) of the table's grid, with whether it is a label (a header
    band's, a subheader row's, a body label); and the merged ranges its spans make."""
    occupied: set[tuple[int, int]] = set()
    cells, merges = {}, set()
    for r, row in enumerate(table.header + table.body):
        c = 0
        for cell in row.cells:
            while (r, c) in occupied:
                c += 1
            cells[(r, c)] = (cell, r < len(table.header) or row.kind == "subheader" or cell.header)
            occupied |= {(r + dr, c + dc) for dr in range(cell.rowspan) for dc in range(cell.colspan)}
            if cell.colspan > 1 or cell.rowspan > 1:
                merges.add(((r, c), (r + cell.rowspan - 1, c + cell.colspan - 1)))
            c += cell.colspan
    return cells, merges


def code_columns(table: Table) -> set[int]:
    """The columns a header band labels as codes (科目编码, 功能分类科目编码 over 类/款/项, 功能科目)."""
    cells, _ = grid(table)
    return {c + k for (r, c), (cell, _) in cells.items() if r < len(table.header)
            and cell.text.endswith(("编码", "科目")) for k in range(cell.colspan)}


def top_of(table: Table) -> int:
    return 2 if table.column_count > 1 else 3


def expected_merges(table: Table) -> set[tuple[tuple[int, int], tuple[int, int]]]:
    n, top = table.column_count, top_of(table)
    _, merges = grid(table)
    rows = len(table.header) + len(table.body)
    expected = {((top + a, b), (top + c, d)) for (a, b), (c, d) in merges}
    if n > 1:
        expected.add(((0, 0), (0, n - 1)))
        expected |= {((top + rows + i, 0), (top + rows + i, n - 1)) for i in range(len(table.notes))}
    if n > 2:
        expected.add(((1, 0), (1, n - 2)))
    return expected


def check_cell(sheet: Sheet, at: tuple[int, int], cell: Cell, label: bool, code: bool) -> None:
    got, where = value_at(sheet, *at), f"{sheet.name}!R{at[0] + 1}C{at[1] + 1} {cell.text!r}"
    if isinstance(got, float | int) and not isinstance(got, bool):
        assert not label and not code, f"{where}: a label or a code written as a number"
        assert shown(got, sheet.formats[at]) == cell.text, where
    else:
        assert got == cell.text, where
    digits = re.sub(r"[^0-9]", "", cell.text).lstrip("0")
    if not label and FIGURE.fullmatch(cell.text) and re.search(r"[,.%]", cell.text) and len(digits) <= 15:
        assert isinstance(got, float), f"{where}: an amount or a percentage written as text"
    if not cell.text:
        assert sheet.styled[f"{openpyxl.utils.get_column_letter(at[1] + 1)}{at[0] + 1}"].value is None, where


def assert_sheet_shows(sheet: Sheet, table: Table, decimals: bool = True) -> None:
    """Title, department and unit line, every cell (a number only where the document shows a
    figure, and shown as the same text), the merged ranges, the notes: all as the Document has them."""
    n, top = table.column_count, top_of(table)
    assert value_at(sheet, 0, 0) == " ".join(part for part in (table.number, table.title) if part)
    assert value_at(sheet, 1, 0) == table.department_line
    assert (value_at(sheet, 1, n - 1) if n > 1 else value_at(sheet, 2, 0)) == table.unit_line
    cells, _ = grid(table)
    codes = code_columns(table)
    # where the document shows decimals, a whole number is a code — in a column whose figures carry them
    # (a layout may show one unit's amounts whole: 上海's 元 tables, “278,076,101”)
    shown_decimals = {c for (r, c), (cell, label) in cells.items() if r >= len(table.header) and not label
                      and "." in cell.text and "%" not in cell.text and FIGURE.fullmatch(cell.text)}
    rows = len(table.header) + len(table.body)
    for r in range(rows):
        for c in range(n):
            if (r, c) not in cells:
                assert value_at(sheet, top + r, c) == "", f"{sheet.name}: a covered cell holds something"
                continue
            cell, label = cells[(r, c)]
            code = bool(WHOLE.fullmatch(cell.text)) and (decimals and c in shown_decimals or c in codes)
            check_cell(sheet, (top + r, c), cell, label, code)
    for index, note in enumerate(table.notes):
        assert value_at(sheet, top + rows + index, 0) == note
    assert len(sheet.values) <= top + rows + len(table.notes)
    assert sheet.merges == expected_merges(table)


def assert_page(sheet: Sheet, table: Table) -> None:
    """A4, one page wide, landscape for a wide table, the header bands on every page; every
    figure and code fits its column."""
    ws = sheet.styled
    assert ws.page_setup.paperSize == 9
    assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToWidth in (None, 1)
    assert ws.page_setup.fitToHeight == 0
    if table.wide:
        assert ws.page_setup.orientation == "landscape"
    top = top_of(table)
    if table.header:
        assert ws.print_title_rows == f"${top + 1}:${top + len(table.header)}"
    widths = {column: d.width for d in ws.column_dimensions.values() for column in range(d.min - 1, d.max)}
    assert set(widths) == set(range(table.column_count))
    for (_, c), (cell, _) in grid(table)[0].items():
        if cell.colspan == 1 and cell.text.isascii() and " " not in cell.text:
            assert widths[c] >= min(len(cell.text), 58), (sheet.name, c, cell.text, widths[c])


def expected_names(tables: list[Table]) -> list[str]:
    names: list[str] = []
    for table in tables:
        number = table.number.rstrip("、.．")
        title = re.sub(r"^[0-9]{4}年度?", "", table.title)
        base = " ".join(p for p in (number, title) if p)[:31]
        name, n = base, 1
        while name.casefold() in {x.casefold() for x in names}:
            n += 1
            name = base[:31 - len(f" ({n})")] + f" ({n})"
        names.append(name)
    return names


def assert_workbook_shows(data: bytes, doc: Document, decimals: bool = True) -> list[Sheet]:
    sheets = read_back(data)
    tables = doc.tables()
    assert [s.name for s in sheets] == expected_names(tables)
    for sheet, table in zip(sheets, tables, strict=True):
        assert len(sheet.name.encode("utf-16-le")) // 2 <= 31 and not FORBIDDEN.search(sheet.name)
        assert_sheet_shows(sheet, table, decimals)
        assert_page(sheet, table)
    return sheets


# -- every shipped source --------------------------------------------------------------------------


@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.stem)
def test_every_table_is_a_sheet_cell_for_cell(source: Path, layout: str) -> None:
    doc = document(source, layout)
    assert doc.tables()
    sheets = assert_workbook_shows(xlsx_bytes(doc), doc)
    assert any(sheet.formats for sheet in sheets)  # figures are numbers


@pytest.mark.parametrize("layout", ALL_LAYOUTS)
def test_every_layout_numbers_its_sheets(layout: str) -> None:
    doc = document(ROOT / "data" / "shanghai-putuo-jianguanwei-2026.yaml", layout)
    assert_workbook_shows(xlsx_bytes(doc), doc)


def test_codes_are_text_and_amounts_numbers_in_a_shipped_table() -> None:
    doc = document(YANTIAN, "默认")
    sheet = read_back(xlsx_bytes(doc))[2]  # 表3 部门支出总表: 科目编码 | 科目名称 | 合计 | 基本支出 | 项目支出
    assert sheet.name == "表3 部门支出总表"
    rows = [row for row in sheet.values[3:] if row[0] == "2080505"]
    assert rows and rows[0][2:] == [19.45, 19.45, 0.0]
    assert sheet.formats[(sheet.values.index(rows[0]), 2)] == "#,##0.00"
    assert all(isinstance(row[0], str) for row in sheet.values)


def with_display(source: Path, folder: Path, **display: object) -> Path:
    """``source`` with its 展示 settings changed (小数位, 千分位), written to ``folder``."""
    data = yaml.safe_load(source.read_text(encoding="utf-8"))
    data.setdefault("展示", {}).update(display)
    path = folder / source.name
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


@pytest.mark.parametrize("thousands", [False, True])
@pytest.mark.parametrize("name", ["example-execution-2024.yaml", "shanghai-putuo-wenlvju-2026.yaml"])
def test_without_decimals_codes_stay_text_and_whole_amounts_are_numbers(tmp_path: Path, name: str,
                                                                       thousands: bool) -> None:
    """Amounts shown as whole numbers (小数位: 0) look like codes: a code column (by its label)
    keeps its codes as text, and every other whole number is an amount, written as a number."""
    source = with_display(ROOT / "data" / name, tmp_path, 小数位=0, 千分位=thousands)
    for layout in LAYOUTS:
        doc = per_table(document_for(prepare(source), layout=layout))
        sheets = assert_workbook_shows(xlsx_bytes(doc), doc, decimals=False)
        numbers = codes = 0
        for sheet, table in zip(sheets, doc.tables(), strict=True):
            cells, top = grid(table)[0], top_of(table)
            for (r, c), (cell, label) in cells.items():
                if label or not WHOLE.fullmatch(cell.text):
                    continue
                got = value_at(sheet, top + r, c)
                if c in code_columns(table):
                    codes += 1
                    assert got == cell.text, (sheet.name, cell.text)
                elif not thousands or abs(int(cell.text)) < 1000:
                    numbers += 1
                    assert isinstance(got, float) and shown(got, sheet.formats[(top + r, c)]) == cell.text
        assert numbers and codes


# -- the writer on its own ---------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "grouped", "expected"), [
    ("1,273.52", True, (1273.52, "#,##0.00")),
    ("1273.52", False, (1273.52, "0.00")),
    ("999.50", True, (999.5, "#,##0.00")),
    ("12,735,200", False, (12735200.0, "#,##0")),
    ("-14.46", True, (-14.46, "#,##0.00")),
    ("0.00", True, (0.0, "#,##0.00")),
    ("17.55%", True, (0.1755, "0.00%")),
    ("-4.32%", True, (-0.0432, "0.00%")),
    ("100%", False, (1.0, "0%")),
    ("60.0", False, (60.0, "0.0")),
    ("208", False, (208.0, "0")),
    ("2080505", True, None),  # not grouped where the document groups: not one of its figures
    ("05", False, None),  # a leading zero: a code
    ("-0.00", True, None),
    ("1234567890123456", False, None),  # beyond Excel's 15 digits
    ("1,23", True, None),
    ("12.", False, None),
    ("", True, None),
    ("≥90%", True, None),
    ("1 000", True, None),
])
def test_a_figure_is_a_number_only_when_excel_shows_the_same_text(text: str, grouped: bool,
                                                                   expected: tuple[float, str] | None) -> None:
    result = figure(text, grouped)
    assert (None if result is None else (result.value, result.num_format)) == expected
    if result is not None:
        assert shown(result.value, result.num_format) == text


@pytest.mark.parametrize(("text", "expected"), [
    ("表1", "表1"),
    ("表[1]:*?/\\", "表［1］：＊？／＼"),
    ("'quoted'", "quoted"),
    ("a\x00b\tc", "abc"),
    ("长" * 40, "长" * 31),
    ("𝔸" * 20, "𝔸" * 15),  # 31 UTF-16 units: a character outside the BMP takes two
])
def test_sheet_names_are_names_excel_takes(text: str, expected: str) -> None:
    assert sheet_name_of(text) == expected


def table(number: str, rows: list[Row], header: list[Row] | None = None, widths: list[int] | None = None,
          **more: object) -> Table:
    return Table(id=f"t-{number}", number=number, title="标题", department_line="=1+1", unit_line="http://example.com/",
                 header=header or [], body=rows, widths=widths or [1] * max(len(r.cells) for r in rows), **more)


def hostile_document() -> Document:
    header = [Row([Cell("科目编码", rowspan=2), Cell("名称", rowspan=2), Cell("金额", colspan=2)], "header"),
              Row([Cell("本年"), Cell("上年")], "header")]
    body = [Row([Cell("05"), Cell("=SUM(A1:A9)"), Cell("1,234.50", align="right"), Cell("")]),
            Row([Cell("2080505"), Cell("'quoted"), Cell("12345678901234567.89"), Cell("-0.50")]),
            Row([Cell("合计", colspan=2, bold=True), Cell("1,234.00", rowspan=2), Cell("7.5%")], "total"),
            Row([Cell("@x"), Cell("名" * 200), Cell("1")])]
    return Document([
        Title("标题"),
        table("表[1]:*?/\\", body, header, notes=["注：" + "很长的注释" * 60]),
        table("表[1]:*?/\\", [Row([Cell("a"), Cell("1.00")])]),
        Table("one", "", "History", "部门", "单位", [], [Row([Cell("只有一列")])], [1]),  # Excel's own name
        Table("wide", "表9", "宽表", "", "", [Row([Cell(f"列{i}") for i in range(12)], "header")],
              [Row([Cell(f"{i}.00") for i in range(12)])], [1] * 12, wide=True),
    ], meta={"department": "部门", "year": "2024"})


def test_a_hostile_document_is_written_as_it_reads() -> None:
    doc = hostile_document()
    data = xlsx_bytes(doc)
    sheets = read_back(data)
    assert [s.name for s in sheets] == ["表［1］：＊？／＼ 标题", "表［1］：＊？／＼ 标题 (2)", "History (2)", "表9 宽表"]
    for sheet, tab in zip(sheets, doc.tables(), strict=True):
        assert_sheet_shows(sheet, tab, decimals=True)
    first = sheets[0]
    assert all(first.styled[ref].data_type == "s" for ref in ("A2", "D2", "B5", "B6", "A8"))  # no formula, no link
    assert value_at(first, 5, 2) == "12345678901234567.89"  # beyond Excel's digits: text
    assert value_at(first, 5, 3) == -0.5 and value_at(first, 6, 3) == 0.075
    assert value_at(first, 7, 3) == "1"  # a whole number in a column of decimals (under the rowspan: column 4)
    assert first.styled.row_dimensions[9].height > 30  # the long note's row is tall enough for it
    assert sheets[3].styled.page_setup.orientation == "landscape"


def test_a_row_wider_than_the_grid_is_refused() -> None:
    doc = Document([Table("t", "表1", "x", "", "", [], [Row([Cell("a"), Cell("b", colspan=2)])], [1, 1])])
    with pytest.raises(ValueError, match="wider"):
        xlsx_bytes(doc)


def test_a_document_without_tables_gives_one_empty_sheet() -> None:
    sheets = read_back(xlsx_bytes(Document([Title("标题")])))
    assert len(sheets) == 1 and sheets[0].values in ([], [[]], [[""]])


# -- the same bytes ----------------------------------------------------------------------------------


def test_the_same_source_gives_the_same_bytes(tmp_path: Path) -> None:
    first = render_source(YANTIAN, tmp_path / "a", ("xlsx",)).outputs
    second = render_source(YANTIAN, tmp_path / "b", ("xlsx",)).outputs
    assert [p.name for p in first] == [f"{YANTIAN.stem}.xlsx"]
    assert first[0].read_bytes() == second[0].read_bytes()
    for source in SOURCES:
        assert xlsx_bytes(document(source, "默认")) == xlsx_bytes(document(source, "默认")), source.name


def core(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        assert {info.date_time for info in package.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        return package.read("docProps/core.xml").decode("utf-8")


def test_the_workbook_is_dated_as_the_docx(monkeypatch: pytest.MonkeyPatch) -> None:
    doc = document(YANTIAN, "默认")
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    text = core(xlsx_bytes(doc))
    assert "<dcterms:created xsi:type=\"dcterms:W3CDTF\">2022-01-01T00:00:00Z</dcterms:created>" in text
    assert "<dc:title>深圳市盐田区总工会2022年部门预算</dc:title>" in text or "深圳市盐田区总工会" in text
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    dated = xlsx_bytes(doc)
    assert "2023-11-14T22:13:20Z" in core(dated) and dated == xlsx_bytes(doc)


# -- LibreOffice opens it -----------------------------------------------------------------------------

# CSV in UTF-8, cells as shown (the 9th token), every sheet to a file of its own (the 12th: -1)
CSV_EVERY_SHEET = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1"


def require_calc(soffice: str) -> None:
    """LibreOffice with its spreadsheet (a Debian machine may have Writer alone: scripts/setup
    installs libreoffice-calc-nogui); skipped without it locally, a failure on CI."""
    program = Path(soffice).resolve().parent
    if not any(program.glob("*.so")) or any(program.glob("libsclo*")):
        return  # not a Linux installation (nothing to look for), or Calc is there
    reason = f"the XLSX test needs LibreOffice Calc (libreoffice-calc-nogui) beside {soffice}"
    if os.environ.get("CI") == "true":
        pytest.fail(f"{reason} (CI=true: not skipping)")
    pytest.skip(reason)


def test_libreoffice_opens_the_workbook_and_shows_the_documents_text(tmp_path: Path) -> None:
    soffice = require_program("soffice")
    require_calc(soffice)
    source = ROOT / "data" / "example-execution-2024.yaml"  # negative changes and percentages
    rendered = render_source(source, tmp_path / "out", ("xlsx",))
    profile = libreoffice_profile(tmp_path / "lo-profile")  # a private profile: two LibreOffices never share one
    result = subprocess.run([soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to",
                             CSV_EVERY_SHEET, "--outdir", str(tmp_path / "csv"), str(rendered.outputs[0])],
                            capture_output=True, text=True, timeout=180)
    written = sorted((tmp_path / "csv").glob("*.csv"))
    assert result.returncode == 0 and written, result.stdout + result.stderr
    assert rendered.document is not None
    tables, names = rendered.document.tables(), expected_names(rendered.document.tables())
    first = tmp_path / "csv" / f"{source.stem}-{names[0]}.csv"
    first = first if first.exists() else tmp_path / "csv" / f"{source.stem}.csv"  # LibreOffice < 7.2: the first only
    assert f"{tables[0].number} {tables[0].title}" in first.read_text(encoding="utf-8")
    for tab, name in zip(tables, names, strict=True):
        path = tmp_path / "csv" / f"{source.stem}-{name}.csv"
        if path.exists():
            assert_shown_as_the_document(list(csv.reader(path.open(encoding="utf-8"))), tab)


def assert_shown_as_the_document(rows: list[list[str]], tab: Table) -> None:
    """Each cell as LibreOffice shows it is the Document's text (figures formatted alike)."""
    top = top_of(tab)
    for (r, c), (cell, _) in grid(tab)[0].items():
        assert rows[top + r][c] == cell.text, (tab.number, r, c)


# -- all or nothing, through the pipeline and the command ----------------------------------------------


def snapshot(folder: Path) -> dict[str, bytes] | None:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())} if folder.exists() else None


@pytest.mark.parametrize("formats", [("docx", "html", "xlsx"), ("xlsx", "docx", "html")])
@pytest.mark.parametrize("fork", [False, True])
def test_a_failure_in_the_workbook_leaves_the_folder_as_it_was(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                              formats: tuple[str, ...], fork: bool) -> None:
    doc = document(YANTIAN, "默认")
    out = tmp_path / "out"
    out.mkdir()
    for fmt in ("docx", "html", "xlsx"):
        (out / f"x.{fmt}").write_bytes(f"last year's {fmt}".encode())
    before = snapshot(out)
    real, written = xlsx_module.TableSheet.write, []

    def full_disk_at_the_third_table(self, tab):  # type: ignore[no-untyped-def]
        written.append(tab.number)
        if len(written) == 3:
            raise OSError(28, "No space left on device")
        return real(self, tab)

    monkeypatch.setattr(xlsx_module.TableSheet, "write", full_disk_at_the_third_table)
    monkeypatch.setattr(render_module, "PARALLEL_FROM_ROWS", 1 if fork else 10 ** 9)
    with pytest.raises(OSError) as caught:
        write_outputs(doc, out, "x", formats)
    assert caught.value.errno == 28 and len(written) == 3
    assert snapshot(out) == before


def test_a_failing_workbook_makes_no_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(document, path):  # type: ignore[no-untyped-def]
        raise RuntimeError("the workbook could not be written")

    monkeypatch.setattr(xlsx_module, "write_xlsx", broken)
    out = tmp_path / "new" / "out"
    with pytest.raises(RuntimeError):
        write_outputs(document(YANTIAN, "默认"), out, "x", ("docx", "html", "xlsx"))
    assert not (tmp_path / "new").exists()


def test_the_command_writes_the_workbook_and_nothing_when_it_fails(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                  capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out"
    assert main(["render", str(YANTIAN), "-o", str(out), "--format", "xlsx"]) == 0
    assert sorted(p.name for p in out.iterdir()) == [RECORD, f"{YANTIAN.stem}.xlsx"]
    before = snapshot(out)

    def broken(document, path):  # type: ignore[no-untyped-def]
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(xlsx_module, "write_xlsx", broken)
    assert main(["render", str(YANTIAN), "-o", str(out), "--format", "docx,html,xlsx"]) == 1
    assert snapshot(out) == before
    capsys.readouterr()


def test_the_help_and_the_usage_error_name_xlsx(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    with pytest.raises(SystemExit):
        main(["render", "--help"])
    assert "docx,html,pdf,xlsx" in capsys.readouterr().out
    assert main(["render", str(YANTIAN), "-o", str(tmp_path / "out"), "--format", "xls"]) == 2
    assert "可用：docx,html,pdf,xlsx" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


def test_a_batch_writes_a_workbook_per_source_and_links_them(tmp_path: Path,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    other = ROOT / "data" / "tangshan-zgh-2025.yaml"
    out = tmp_path / "out"
    assert main(["render", str(YANTIAN), str(other), "-o", str(out), "--format", "html,xlsx", "-j", "2"]) == 0
    names = {p.name for p in out.iterdir()}
    assert {f"{YANTIAN.stem}.xlsx", f"{other.stem}.xlsx", f"{other.stem}.html", "index.html"} <= names
    assert f'href="{YANTIAN.stem}.xlsx"' in (out / "index.html").read_text(encoding="utf-8")
    assert read_back((out / f"{other.stem}.xlsx").read_bytes())[0].name == "表1 部门整体绩效目标表"
    capsys.readouterr()


def test_a_text_longer_than_a_cell_holds_is_refused_naming_file_cell_and_field(tmp_path: Path,
                                                                             capsys: pytest.CaptureFixture[str]) -> None:
    """A project's name of 40,000 characters: Excel's cell holds 32,767. The render says which source, which sheet
    and cell, which field and what fits, in Chinese, exit 1, and writes nothing (the DOCX asked for with it neither)."""
    text = YANTIAN.read_text(encoding="utf-8").replace("    - 名称: 日常业务经费", "    - 名称: " + "日常" * 20000, 1)
    source = tmp_path / "长名称.yaml"
    source.write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    assert main(["render", str(source), "-o", str(out), "--format", "docx,xlsx"]) == 1
    err = capsys.readouterr().err
    assert f"{source}: 错误 [xlsx] xlsx 的单元格 '表10 项目支出表'!A8（字段“项目名称”）有 40,000 个字符" in err
    assert "应不超过 32,767 个字符" in err and "Traceback" not in err
    assert not out.exists()


def test_the_official_workbook_names_the_cell_and_field_of_a_text_too_long() -> None:
    from reportgen.base.errors import OutputTooLarge
    from reportgen.docmodel.workbook import Place, Style, TextSheet
    from reportgen.docmodel.workbook import Workbook as Shape

    sheet = TextSheet("部门主要职能", parts=("部门主要职能",), title=Place(0, 0, 0, 0, Style()), body=Place(2, 1, 16, 1, Style()))
    doc = Document([Title("标题"), Heading(1, "", "部门主要职能"), Paragraph("职" * 40000)],
                   meta={"department": "部门", "year": "2026"}, workbook=Shape("测试", "测试.yaml", (sheet,)))
    with pytest.raises(OutputTooLarge) as refused:
        xlsx_bytes(doc)
    assert refused.value.message.startswith("xlsx 的单元格 '部门主要职能'!B3（字段“部门主要职能的正文”）有 40,00")
