"""`reportgen import` reads a budget system's export into grids: .xlsx (XlsxWriter and openpyxl
write them here), .xls and .ods (LibreOffice converts them here), Excel 2003 XML, an HTML page
named .xls, CSV. Each quirk a user meets gets the grid a recogniser relies on; each hostile or
broken file an ImportRefused in Chinese naming the file, in bounded time, never a traceback."""

from __future__ import annotations

import importlib
import io
import os
import re
import struct
import subprocess
import sys
import zipfile
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pytest
import python_calamine
import xlsxwriter

from reportgen.base.patterns import compiled
from reportgen.readers.grid import Cell, Grid, ImportRefused, Merge
from reportgen.readers.office.sheets import MAX_ROWS
from reportgen.readers.office.spreadsheets import read_grids
from reportgen.readers.sniff import sniff
from tests.clients import libreoffice_profile, require_program
from tests.clocks import cpu_now

SHEET = "部门收入总表 "  # a trailing space, as a finance system wrote it
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


def read(path: Path) -> list[Grid]:
    return read_grids(path, path.read_bytes())


def refused(path: Path, data: bytes | None = None) -> str:
    with pytest.raises(ImportRefused) as caught:
        read_grids(path, path.read_bytes() if data is None else data)
    message = caught.value.message
    assert str(path) in message
    return message


CHILD = """
import sys
from pathlib import Path
from reportgen.readers.grid import ImportRefused
from reportgen.readers.office.spreadsheets import read_grids
path = Path(sys.argv[1])
try:
    read_grids(path, path.read_bytes())
except ImportRefused as exc:
    print(exc.message)
else:
    print("read")
"""


def read_in_a_child(path: Path, data: bytes | None = None) -> str:
    """The refusal's message, or "read", from a child process: a file that would abort the process
    if a guard failed (calamine asking for terabytes) fails its test instead of ending the run."""
    if data is not None:
        path.write_bytes(data)
    done = subprocess.run([sys.executable, "-c", CHILD, str(path)], capture_output=True, text=True, timeout=60,
                          cwd=Path(__file__).resolve().parent.parent)
    assert done.returncode == 0, f"the reader ended with {done.returncode}: {done.stderr[-2000:]}"
    return done.stdout.strip()


def refused_in_a_child(path: Path, data: bytes | None = None) -> str:
    message = read_in_a_child(path, data)
    assert message != "read" and str(path) in message, message
    return message


def values(grid: Grid) -> list[list[object]]:
    return [[cell.value for cell in row] for row in grid.rows]


# -- a department's export, as XlsxWriter writes it ------------------------------------------------


def budget_workbook(path: Path) -> Path:
    """A merged title, two header rows with vertical merges, a 类 code as the number 205.0 beside
    '02' text codes, 千分位 text, "-" and "—" cells, a formula with its cached value, a hidden row
    and column, a used range 256 columns wide, a hidden sheet and an empty one."""
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet(SHEET)
    blank = book.add_format({"border": 1})
    sheet.merge_range("A1:H1", "2025年部门收入总表")
    sheet.merge_range("A2:A3", "科目编码")
    sheet.merge_range("B2:B3", "科目名称")
    sheet.merge_range("C2:C3", "合计")
    sheet.merge_range("D2:E2", "基本支出")
    sheet.merge_range("F2:G2", "项目支出")
    sheet.merge_range("H2:H3", "备注")
    sheet.write_row("D3", ["人员经费", "公用经费", "专项", "其他"])
    sheet.write_number("A4", 205.0)
    sheet.write_row("B4", ["教育支出", 189767551.0, 0.1, "1,234.56", "-", "—"])
    sheet.write_row("A5", ["02", "普通教育"])
    sheet.write_formula("C5", "=C4*2", None, 379535102)
    sheet.write_row("A6", ["20502", "初中教育（已撤销）", 7])
    sheet.set_row(5, None, None, {"hidden": True})
    sheet.set_column("G:G", None, None, {"hidden": True})
    sheet.write_string("IV4", " ")  # the used range runs to IV; calamine reads it 256 wide
    for row in range(3, 6):
        sheet.write_blank(row, 200, None, blank)
    hidden = book.add_worksheet("底稿")
    hidden.write("A1", "内部")
    hidden.hide()
    book.add_worksheet("空表")
    book.close()
    return path


def assert_budget_grid(grids: list[Grid], file: Path) -> None:
    """What every format of the budget workbook reads as."""
    assert [g.name for g in grids] == [SHEET, "底稿", "空表"]
    assert [g.hidden for g in grids] == [False, True, False]
    grid = grids[0]
    assert grid.file == str(file) and grid.where(3, 0) == f"{SHEET}!A4"
    assert grid.width == 8  # the 256-column used range trimmed to its last cell holding a value
    assert grid.rows[0][0].value == "2025年部门收入总表"
    assert all(cell.value is None for cell in grid.rows[0][1:])  # recorded as a merge, not filled
    assert Merge(0, 0, 0, 7) in grid.merges
    assert {Merge(1, 0, 2, 0), Merge(1, 1, 2, 1), Merge(1, 2, 2, 2), Merge(1, 3, 1, 4), Merge(1, 5, 1, 6),
            Merge(1, 7, 2, 7)} <= set(grid.merges)
    assert values(grid)[1][:4] == ["科目编码", "科目名称", "合计", "基本支出"]
    assert values(grid)[2][3:7] == ["人员经费", "公用经费", "专项", "其他"]
    code, name, total, small, thousands, dash, em_dash = grid.rows[3][:7]
    assert code.value == Decimal("205") and str(code.value) == "205"  # a 类 code typed as the number 205.0
    assert grid.rows[4][0].value == "02" and grid.rows[5][0].value == "20502"  # codes as text stay text
    assert name.value == "教育支出"
    assert total.value == Decimal("189767551") and str(total.value) == "189767551"
    assert small.value == Decimal("0.1") and str(small.value) == "0.1"
    assert (thousands.value, dash.value, em_dash.value) == ("1,234.56", "-", "—")
    formula = grid.rows[4][2]
    assert formula.formula and formula.value == Decimal("379535102")  # the cached value
    assert 5 in grid.hidden_rows and 6 in grid.hidden_cols
    assert values(grids[1]) == [["内部"]] and grids[2].rows == []


def test_an_xlsx_export_reads_as_the_grid_a_user_sees(tmp_path: Path) -> None:
    path = budget_workbook(tmp_path / "收入.xls")  # an .xlsx under an .xls name: the bytes decide
    assert sniff(path.read_bytes()) == "xlsx"
    assert_budget_grid(read(path), path)


def require_calc(soffice: str) -> None:
    """LibreOffice with its spreadsheet (a Debian machine may have Writer alone: scripts/setup
    installs libreoffice-calc-nogui); skipped without it locally, a failure on CI."""
    program = Path(soffice).resolve().parent
    if not any(program.glob("*.so")) or any(program.glob("libsclo*")):
        return  # not a Linux installation (nothing to look for), or Calc is there
    reason = f"the .xls and .ods tests need LibreOffice Calc (libreoffice-calc-nogui) beside {soffice}"
    if os.environ.get("CI") == "true":
        pytest.fail(f"{reason} (CI=true: not skipping)")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def converted(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The budget workbook as LibreOffice saves it in .xls (BIFF8) and .ods."""
    soffice = require_program("soffice")
    require_calc(soffice)
    folder = tmp_path_factory.mktemp("lo")
    source = budget_workbook(folder / "budget.xlsx")
    profile = libreoffice_profile(folder / "profile")  # a private profile: two LibreOffices never share one
    out = {}
    for kind in ("xls", "ods"):
        done = subprocess.run([soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", kind,
                               "--outdir", str(folder / kind), str(source)], capture_output=True, text=True, timeout=180)
        out[kind] = folder / kind / f"budget.{kind}"
        assert done.returncode == 0 and out[kind].exists(), done.stdout + done.stderr
    return out


@pytest.mark.parametrize("kind", ["xls", "ods"])
def test_xls_and_ods_from_libreoffice_read_as_the_same_grid(converted: dict[str, Path], kind: str) -> None:
    path = converted[kind]
    assert sniff(path.read_bytes()) == kind
    assert_budget_grid(read(path), path)


def test_a_formula_saved_without_its_value_is_empty_flagged_and_noted(tmp_path: Path) -> None:
    import openpyxl  # writes formulas without a cached value, as a program that never calculates

    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "支出"
    sheet["A1"], sheet["B1"], sheet["C1"] = "合计", 10, "=B1*2"
    book.save(tmp_path / "f.xlsx")
    grid = read(tmp_path / "f.xlsx")[0]
    assert grid.rows[0][2] == Cell(None, "", formula=True, unsaved=True)  # not a blank: nothing was saved
    assert len(grid.notes) == 1 and "支出" in grid.notes[0] and "C1" in grid.notes[0] and "没有保存计算结果" in grid.notes[0]


def test_a_chart_sheet_is_left_out_with_a_note(tmp_path: Path) -> None:
    book = xlsxwriter.Workbook(str(tmp_path / "c.xlsx"))
    book.add_worksheet("数据").write_column("A1", [1, 2])
    chart = book.add_chart({"type": "line"})
    chart.add_series({"values": "=数据!$A$1:$A$2"})
    book.add_chartsheet("图表").set_chart(chart)
    book.close()
    (grid,) = read(tmp_path / "c.xlsx")
    assert grid.name == "数据" and grid.notes == [f"{tmp_path / 'c.xlsx'}：“图表”是图表或宏表，没有单元格，已跳过"]


def test_an_error_value_is_read_as_its_text(tmp_path: Path) -> None:
    book = xlsxwriter.Workbook(str(tmp_path / "e.xlsx"))
    book.add_worksheet("s").write_formula("A1", "=1/0", None, "#DIV/0!")
    book.close()
    assert read(tmp_path / "e.xlsx")[0].rows[0][0] == Cell("#DIV/0!", "#DIV/0!", formula=True)


def test_hidden_rows_and_columns_of_a_sheet_without_formulas(tmp_path: Path) -> None:
    book = xlsxwriter.Workbook(str(tmp_path / "h.xlsx"))  # no formula: the sheet's tags are matched, not parsed
    sheet = book.add_worksheet("s")
    for row in range(4):
        sheet.write_row(row, 0, [f"r{row}", row, row * 2])
    sheet.set_row(2, None, None, {"hidden": True})
    sheet.set_column("B:C", None, None, {"hidden": True})
    book.close()
    grid = read(tmp_path / "h.xlsx")[0]
    assert grid.hidden_rows == {2} and grid.hidden_cols == {1, 2} and values(grid)[3] == ["r3", 3, 6]


def test_cells_far_past_the_table_are_named_and_no_cell_is_made_for_the_columns_between(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A value at XFD1 (and an error value at XFD3) beside a table in A:C: the table is read as it is,
    the far cells are named in a note and left out, and the cells made are the table's columns only
    (before, each row was made 16,384 cells wide, and every reader after walked them)."""
    from reportgen.readers.office import sheets

    book = xlsxwriter.Workbook(str(tmp_path / "far.xlsx"))
    sheet = book.add_worksheet("收入")
    sheet.write_row(0, 0, ["科目编码", "科目名称", "合计"])
    sheet.write_row(1, 0, ["205", "教育支出", 12.5])
    sheet.write_row(2, 0, ["20502", "普通教育", 12.5])
    sheet.write_string("BN1", "  ")  # only spaces, far past the table: not a value, named in no note
    sheet.write_string("XFD1", "附：备用")
    sheet.write_formula("XFD3", "=1/0", None, "#DIV/0!")
    book.close()
    made: list[int] = []
    real = sheets._cells
    monkeypatch.setattr(sheets, "_cells", lambda values, scan: made.extend(map(len, values)) or real(values, scan))

    grid = read(tmp_path / "far.xlsx")[0]
    assert values(grid) == [["科目编码", "科目名称", "合计"], ["205", "教育支出", 12.5], ["20502", "普通教育", 12.5]]
    assert grid.width == 3 and max(made) == 3  # no cell made past C, in any row
    assert grid.notes == [f"{tmp_path / 'far.xlsx'} 的工作表“收入”：XFD1、XFD3 与表格之间隔着超过 64 列的空列，不是表格的内容，"
                          "未读取；若它们属于表格，请移到表格旁边后另存（在 Excel 中按 Ctrl+End 可找到最后一个单元格）"]


def sheet_xml(cells: str, prefix: str = "") -> bytes:
    p = f"{prefix}:" if prefix else ""
    xmlns = f"xmlns:{prefix}" if prefix else "xmlns"
    return f'<{p}worksheet {xmlns}="{MAIN}"><{p}sheetData>{cells}</{p}sheetData></{p}worksheet>'.encode()


@pytest.mark.parametrize("cells", [
    '<x:row r="1"><x:c r="A1"><x:v>1</x:v></x:c></x:row><x:row r="9"><y:c r="XFD1048576"><y:v>2</y:v></y:c></x:row>',
    '<x:row r="1"><x:c r="A1"><x:v>1</x:v></x:c><x:c\tr="XFD1048576"><x:v>2</x:v></x:c></x:row>',
    '<x:row r="1"><x:c r="A1"><x:v>1</x:v></x:c></x:row><x:row r="1048576"><x:c/><x:c><x:v>2</x:v></x:c></x:row>',
])
def test_cells_written_any_way_are_measured_before_calamine_sees_them(tmp_path: Path, cells: str) -> None:
    # Another prefix for the same namespace, a tab before the reference, no reference at all: each
    # is still a cell to calamine, so each is measured (by a parse when the tags do not say all).
    parts = xlsx_parts(tmp_path)
    body = sheet_xml(cells.replace("\\t", "\t"), "x").replace(b"<x:worksheet ", f'<x:worksheet xmlns:y="{MAIN}" '.encode())
    parts["xl/worksheets/sheet1.xml"] = body
    path = tmp_path / "odd.xlsx"
    path.write_bytes(zip_with(parts))
    assert "超过上限" in refused_in_a_child(path)


def test_the_same_sheet_with_a_prefix_reads_as_without(tmp_path: Path) -> None:
    parts = xlsx_parts(tmp_path)
    parts["xl/worksheets/sheet1.xml"] = sheet_xml('<x:row r="2"><x:c r="B2"><x:v>0.1</x:v></x:c></x:row>', "x")
    path = tmp_path / "prefixed.xlsx"
    path.write_bytes(zip_with(parts))
    assert values(read(path)[0]) == [[], [None, Decimal("0.1")]]


def test_an_ods_cell_repeated_past_the_bounds_is_refused(converted: dict[str, Path], tmp_path: Path) -> None:
    with zipfile.ZipFile(converted["ods"]) as package:
        parts = {name: package.read(name) for name in package.namelist()}
    repeated = (b'<table:table-row table:number-rows-repeated="5000"><table:table-cell office:value-type="float" '
                b'office:value="1" table:number-columns-repeated="1000"/></table:table-row>')
    parts["content.xml"] = parts["content.xml"].replace(b"</table:table-row>", b"</table:table-row>" + repeated, 1)
    path = tmp_path / "repeated.ods"
    path.write_bytes(zip_with(parts))  # (the mimetype compressed, as some writers do: still an .ods)
    assert "5001 行 × 1000 列" in refused_in_a_child(path)


# -- Excel 2003 XML -----------------------------------------------------------------------------------

SPREADSHEETML = """<?xml version="1.0" encoding="UTF-8"?>
<?mso-application progid="Excel.Sheet"?>
<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet"
 xmlns:x="urn:schemas-microsoft-com:office:excel" xmlns:html="http://www.w3.org/TR/REC-html40">
 <Worksheet ss:Name="支出总表 ">
  <Table>
   <Column ss:Index="3" ss:Hidden="1"/>
   <Row><Cell ss:MergeAcross="3"><Data ss:Type="String">2025年支出总表</Data></Cell></Row>
   <Row><Cell ss:MergeDown="1"><Data ss:Type="String">科目</Data></Cell>
        <Cell ss:MergeAcross="1"><Data ss:Type="String">金额</Data></Cell><Cell><Data ss:Type="String">备注</Data></Cell></Row>
   <Row><Cell><Data ss:Type="String">本年</Data></Cell><Cell><Data ss:Type="String">上年</Data></Cell></Row>
   <Row ss:Index="4" ss:Hidden="1"><Cell><Data ss:Type="Number">205</Data></Cell>
        <Cell ss:Index="3"><Data ss:Type="Number">189767551.0</Data></Cell>
        <Cell ss:Formula="=C4"><Data ss:Type="Number">0.10000000000000000555</Data></Cell></Row>
   <Row><Cell><Data ss:Type="String">02</Data></Cell><Cell><Data ss:Type="String"><html:B>普通</html:B>教育</Data></Cell>
        <Cell><Data ss:Type="DateTime">2025-01-31T00:00:00.000</Data></Cell><Cell><Data ss:Type="Boolean">1</Data></Cell></Row>
  </Table>
 </Worksheet>
 <Worksheet ss:Name="隐藏"><Table><Row><Cell><Data ss:Type="String">x</Data></Cell></Row></Table>
  <WorksheetOptions xmlns="urn:schemas-microsoft-com:office:excel"><Visible>SheetHidden</Visible></WorksheetOptions>
 </Worksheet>
</Workbook>
"""


def test_spreadsheetml_reads_indexes_merges_hidden_and_exact_numbers(tmp_path: Path) -> None:
    path = tmp_path / "export.xls"
    path.write_text(SPREADSHEETML, encoding="utf-8")
    assert sniff(path.read_bytes()) == "spreadsheetml"
    grid, hidden = read(path)
    assert (grid.name, grid.hidden, hidden.name, hidden.hidden) == ("支出总表 ", False, "隐藏", True)
    assert grid.merges == [Merge(0, 0, 0, 3), Merge(1, 0, 2, 0), Merge(1, 1, 1, 2)]
    assert values(grid)[1] == ["科目", "金额", None, "备注"]  # the cell after a MergeAcross skips its columns
    assert values(grid)[2] == [None, "本年", "上年"]  # past the column merged down from above (as LibreOffice writes)
    assert values(grid)[3] == [Decimal("205"), None, Decimal("189767551"), Decimal("0.10000000000000000555")]
    assert grid.rows[3][3].formula and str(grid.rows[3][2].value) == "189767551"
    assert values(grid)[4] == ["02", "普通教育", "2025-01-31", "TRUE"]
    assert grid.hidden_rows == {3} and grid.hidden_cols == {2}


def test_spreadsheetml_with_a_dtd_is_refused_without_expanding_it(tmp_path: Path) -> None:
    laughs = "".join(f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">' for i in range(1, 10))
    data = (f'<?xml version="1.0"?><!DOCTYPE Workbook [<!ENTITY l0 "lol">{laughs}]>'
            + SPREADSHEETML.split("?>", 2)[2].replace("2025年支出总表", "&l9;")).encode()
    start = cpu_now()
    message = refused(tmp_path / "laughs.xml", data)
    assert "DTD" in message and cpu_now() - start < 1


# -- HTML pages named .xls ------------------------------------------------------------------------

PAGE = """<html xmlns:x="urn:schemas-microsoft-com:office:excel"><head>
<meta http-equiv="Content-Type" content="text/html; charset=gb2312">
<style>.xl65 {mso-number-format:"\\#\\,\\#\\#0\\.00";} .xl66 {mso-number-format:"\\@";}</style></head><body>
<h3>部门收入总表</h3>
<table>
<tr><td colspan=4>2025年部门收入总表</td></tr>
<tr><td rowspan=2>科目</td><td colspan=2>本年收入</td><td rowspan=2>备注</td></tr>
<tr><td>财政拨款</td><td>其他</td></tr>
<tr style="display:none"><td class=xl66>205</td><td x:num="189767551">189,767,551.00</td>
    <td class=xl65>1,234.50</td><td>—</td></tr>
<tr><td>&nbsp;&nbsp;普通<br>教育</td><td x:num>12.5</td><td>1,234.56</td><td>-</td></tr>
</table>
<table><caption>表二 支出</caption><tr><td>a</td></tr></table>
<table><tr><td>b</td></tr></table>
<table title="收支总表"><tr><td>c</td></tr></table>
</body></html>"""


def test_an_html_page_in_gbk_reads_each_table_with_spans_placed_as_a_browser_does(tmp_path: Path) -> None:
    path = tmp_path / "收入.xls"
    path.write_bytes(PAGE.encode("gbk"))
    assert sniff(path.read_bytes()) == "html"
    first, second, third, fourth = read(path)
    assert (first.name, second.name, third.name, fourth.name) == ("部门收入总表", "表二 支出", "表3", "收支总表")
    assert first.merges == [Merge(0, 0, 0, 3), Merge(1, 0, 2, 0), Merge(1, 1, 1, 2), Merge(1, 3, 2, 3)]
    assert values(first)[2] == [None, "财政拨款", "其他"]  # moved right past the cell spanning down
    assert values(first)[3] == ["205", Decimal("189767551"), Decimal("1234.50"), "—"]
    assert first.rows[3][1].text == "189,767,551.00" and first.rows[3][2].number_format == "\\#\\,\\#\\#0\\.00"
    assert values(first)[4] == ["\xa0\xa0普通\n教育", Decimal("12.5"), "1,234.56", "-"]
    assert first.hidden_rows == {3} and first.notes == []


def test_an_utf8_page_without_a_declared_charset_is_read(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_bytes(PAGE.replace("charset=gb2312", "").encode("utf-8"))
    assert read(path)[0].rows[0][0].value == "2025年部门收入总表"


def test_a_page_too_large_to_parse_is_refused_before_parsing(tmp_path: Path) -> None:
    start = cpu_now()
    message = refused(tmp_path / "big.xls", b"<table>" + b"<tr><td>1</td></tr>" * 600_000 + b"</table>")
    assert "网页过大" in message and cpu_now() - start < 1


def test_html_spans_are_bounded_by_the_table(tmp_path: Path) -> None:
    page = ("<table><tr><td rowspan=0 colspan=99999>全表</td><td>x</td></tr>" + "<tr><td>y</td></tr>" * 3
            + "<tr><td rowspan=65534>z</td></tr></table>")
    (grid,) = read_grids(tmp_path / "p.html", page.encode())
    assert grid.rows[0][0].value == "全表" and grid.rows[0][1000].value == "x"  # colspan at most 1000
    assert grid.merges[0] == Merge(0, 0, 4, 999) and grid.rows[1][1000].value == "y"


# -- CSV ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("encoding", "delimiter"), [("gbk", ","), ("utf-8-sig", ";"), ("utf-8", "\t"),
                                                       ("utf-16", "\t")])
def test_csv_in_each_encoding_and_delimiter_is_text_cells(tmp_path: Path, encoding: str, delimiter: str) -> None:
    lines = [["科目编码", "科目名称", "金额"], ["205", "教育支出", "1,234.56"], ["02", "普通教育", "—"]]
    path = tmp_path / "收入.csv"
    path.write_bytes("\r\n".join(delimiter.join(f'"{v}"' if "," in v else v for v in line) for line in lines)
                     .encode(encoding))
    assert sniff(path.read_bytes()) == "csv"
    (grid,) = read(path)
    assert grid.name == "收入" and values(grid) == lines


@pytest.mark.parametrize(("name", "text"), [("收入.csv", "科目,金额\n205,1\n教育,2\n"),
                                          ("收入.xls", "<table><tr><td>科目</td><td>教育</td></tr></table>")])
def test_a_gbk_export_with_a_stray_byte_is_read_with_a_note(tmp_path: Path, name: str, text: str) -> None:
    data = text.encode("gbk").replace("教".encode("gbk"), b"\x81\x20", 1)  # a lead byte cut from its pair
    (grid,) = read_grids(tmp_path / name, data)
    assert grid.rows[0][0].value == "科目" and len(grid.notes) == 1 and "\ufffd" in grid.notes[0]


# -- hostile and broken files ----------------------------------------------------------------------


def zip_with(parts: dict[str, bytes], method: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", method) as package:
        for name, body in parts.items():
            package.writestr(name, body)
    return buffer.getvalue()


def xlsx_parts(tmp_path: Path, fill: Callable[[xlsxwriter.worksheet.Worksheet], None] | None = None) -> dict[str, bytes]:
    book = xlsxwriter.Workbook(str(tmp_path / "base.xlsx"))
    sheet = book.add_worksheet("表")
    sheet.write("A1", "x")
    if fill:
        fill(sheet)
    book.close()
    with zipfile.ZipFile(tmp_path / "base.xlsx") as package:
        return {name: package.read(name) for name in package.namelist()}


def test_a_value_far_off_is_refused_before_calamine_would_abort(tmp_path: Path) -> None:
    # A1 and XFD1048576: calamine would ask for 17 billion cells and abort the process.
    path = tmp_path / "far.xlsx"
    path.write_bytes(zip_with(xlsx_parts(tmp_path, lambda s: s.write("XFD1048576", 1))))
    assert "1048576 行" in refused_in_a_child(path)
    path.write_bytes(zip_with(xlsx_parts(tmp_path, lambda s: s.write("IV65536", 1))))  # 16.7 million cells
    assert "的工作表“表”：使用区域为 65536 行 × 256 列" in refused_in_a_child(path)


def test_a_million_rows_are_refused_at_once(tmp_path: Path) -> None:
    parts = xlsx_parts(tmp_path)
    rows = "".join(f'<row r="{i}"><c r="A{i}"><v>{i}</v></c></row>' for i in range(1, 1_000_001))
    parts["xl/worksheets/sheet1.xml"] = (f'<worksheet xmlns="{MAIN}"><sheetData>{rows}</sheetData></worksheet>').encode()
    path = tmp_path / "million.xlsx"
    path.write_bytes(zip_with(parts))
    start = cpu_now()
    assert f"超过上限 {MAX_ROWS} 行" in refused(path)
    assert cpu_now() - start < 5


def test_a_zip_bomb_is_refused_by_what_its_directory_declares(tmp_path: Path) -> None:
    parts = xlsx_parts(tmp_path)
    parts["xl/media/bomb.bin"] = bytes(50 * 1024 * 1024)  # 50 MB of zeros pack into 50 KB
    path = tmp_path / "bomb.xlsx"
    path.write_bytes(zip_with(parts))
    assert "压缩炸弹" in refused(path)
    # A directory declaring 4 × 60 MB of parts, each as large packed (no swelling): refused unread.
    data = bytearray(zip_with(xlsx_parts(tmp_path)))
    for at in list(directory_entries(bytes(data)).values())[:4]:
        struct.pack_into("<II", data, at + 20, 60 * 1024 * 1024, 60 * 1024 * 1024)
    assert "超过 200 MB" in refused(path, bytes(data))


def directory_entries(data: bytes) -> dict[str, int]:
    """Each part's name → the offset of its entry in the zip's directory."""
    found, at = {}, data.find(b"PK\x01\x02")
    while at >= 0:
        length = struct.unpack_from("<H", data, at + 28)[0]
        found[data[at + 46:at + 46 + length].decode()] = at
        at = data.find(b"PK\x01\x02", at + 4)
    return found


def test_a_part_that_inflates_past_what_it_declares_is_refused(tmp_path: Path) -> None:
    data = bytearray(zip_with(xlsx_parts(tmp_path)))
    # The sheet declares 10 bytes: zipfile stops there, the CRC fails (calamine never sees it).
    struct.pack_into("<I", data, directory_entries(bytes(data))["xl/worksheets/sheet1.xml"] + 24, 10)
    assert "损坏" in refused(tmp_path / "lies.xlsx", bytes(data))


def test_billion_laughs_in_an_xlsx_is_refused_and_calamine_would_not_expand_it(tmp_path: Path) -> None:
    laughs = "".join(f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">' for i in range(1, 10))
    parts = xlsx_parts(tmp_path)
    parts["xl/sharedStrings.xml"] = parts["xl/sharedStrings.xml"].replace(
        b"?>", f'?><!DOCTYPE sst [<!ENTITY l0 "lol">{laughs}]>'.encode(), 1).replace(b"<t>x</t>", b"<t>&l9;</t>")
    path = tmp_path / "laughs.xlsx"
    path.write_bytes(zip_with(parts))
    start = cpu_now()
    assert "DTD" in refused(path)
    with pytest.raises(python_calamine.CalamineError):  # calamine on its own: an unknown entity, no expansion
        python_calamine.CalamineWorkbook.from_path(path).get_sheet_by_name("表").to_python()
    assert cpu_now() - start < 2


def test_a_forged_count_calamine_would_reserve_room_for_is_defused(tmp_path: Path) -> None:
    # uniqueCount="4000000000000": calamine would reserve 96 TB for the strings and abort.
    parts = xlsx_parts(tmp_path)
    parts["xl/sharedStrings.xml"] = parts["xl/sharedStrings.xml"].replace(b'uniqueCount="1"', b'uniqueCount="4000000000000"')
    assert b"4000000000000" in parts["xl/sharedStrings.xml"]
    path = tmp_path / "count.xlsx"
    assert read_in_a_child(path, zip_with(parts)) == "read"
    assert values(read(path)[0]) == [["x"]]


def test_a_sheet_calamine_finds_by_another_path_is_measured_too(tmp_path: Path) -> None:
    # The package's relationships send calamine to book/, not xl/: its sheet is measured all the same.
    parts = xlsx_parts(tmp_path)
    for name in [n for n in parts if n.startswith("xl/")]:
        parts["book/" + name[3:]] = parts[name]
    parts["_rels/.rels"] = parts["_rels/.rels"].replace(b"xl/workbook.xml", b"book/workbook.xml")
    parts["book/worksheets/sheet1.xml"] = sheet_xml('<row r="1"><c r="A1"><v>1</v></c><c r="XFD1048576"><v>2</v></c></row>')
    path = tmp_path / "elsewhere.xlsx"
    path.write_bytes(zip_with(parts))
    assert "超过上限" in refused_in_a_child(path)


def test_macros_and_external_links_are_read_past_and_noted(tmp_path: Path) -> None:
    parts = xlsx_parts(tmp_path)
    parts["xl/vbaProject.bin"] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)
    parts["xl/externalLinks/externalLink1.xml"] = b'<externalLink xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"/>'
    path = tmp_path / "宏.xlsm"
    path.write_bytes(zip_with(parts))
    (grid,) = read(path)
    assert values(grid) == [["x"]]
    assert len(grid.notes) == 2 and "宏没有运行" in grid.notes[0] and "外部链接" in grid.notes[1]


def compound_file(streams: dict[str, bytes]) -> bytes:
    """A minimal compound (OLE2) file: one FAT sector, one directory sector, each stream padded to
    4096 bytes (so none lives in the mini stream)."""
    sector, fat, body = 2, [0xFFFFFFFD, 0xFFFFFFFE], b""
    entries = [("Root Entry", 5, 0xFFFFFFFE, 0)]
    for name, content in streams.items():
        content = content.ljust(4096, b"\0")
        count = -(-len(content) // 512)
        fat += [sector + i + 1 for i in range(count - 1)] + [0xFFFFFFFE]
        entries.append((name, 2, sector, len(content)))
        sector += count
        body += content.ljust(count * 512, b"\0")
    directory = b""
    for name, kind, start, size in entries:
        encoded = name.encode("utf-16-le")
        directory += struct.pack("<64sHBBIII16sIQQIII", encoded, len(encoded) + 2, kind, 1, 0xFFFFFFFF, 0xFFFFFFFF,
                                 1 if kind == 5 else 0xFFFFFFFF, bytes(16), 0, 0, 0, start, size, 0)
    header = struct.pack("<8s16sHHHHH6sIIIIIIIII", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", bytes(16), 0x3E, 3, 0xFFFE,
                         9, 6, bytes(6), 0, 1, 1, 0, 4096, 0xFFFFFFFE, 0, 0xFFFFFFFE, 0)
    header += struct.pack("<109I", *([0] + [0xFFFFFFFF] * 108))
    fat_sector = struct.pack(f"<{128}I", *(fat + [0xFFFFFFFF] * (128 - len(fat))))
    return header + fat_sector + directory.ljust(512, b"\0") + body


def biff(kind: int, body: bytes) -> bytes:
    return struct.pack("<HH", kind, len(body)) + body


def xls_stream(*sheet_records: bytes, encrypted: bool = False) -> bytes:
    """A BIFF8 workbook stream of one sheet, 表, holding ``sheet_records``."""
    def bof(kind: int) -> bytes:
        return biff(0x0809, struct.pack("<HHHHII", 0x0600, kind, 0, 0, 0, 0))

    def boundsheet(offset: int) -> bytes:  # a visible worksheet named 表, in UTF-16
        return biff(0x0085, struct.pack("<IBBBB", offset, 0, 0, 1, 1) + "表".encode("utf-16-le"))

    head = bof(0x0005) + (biff(0x002F, bytes(54)) if encrypted else b"")
    globals_ = head + boundsheet(0) + biff(0x000A, b"")
    globals_ = head + boundsheet(len(globals_)) + biff(0x000A, b"")
    return globals_ + bof(0x0010) + b"".join(sheet_records) + biff(0x000A, b"")


def number_record(row: int, column: int, value: float) -> bytes:
    return biff(0x0203, struct.pack("<HHHd", row, column, 0, value))


def test_an_encrypted_workbook_is_refused_with_what_to_do(tmp_path: Path) -> None:
    data = compound_file({"EncryptionInfo": b"\x04\x00\x04\x00", "EncryptedPackage": b"\x00" * 16})
    assert sniff(data) == "xlsx-encrypted"
    message = refused(tmp_path / "加密.xlsx", data)
    assert "已加密" in message and "取消密码后另存" in message
    data = compound_file({"Workbook": xls_stream(number_record(0, 0, 1.0), encrypted=True)})  # an .xls with a password
    assert sniff(data) == "xls" and "已加密" in refused(tmp_path / "加密.xls", data)


def test_an_xls_with_a_value_far_off_is_refused_by_its_records(tmp_path: Path) -> None:
    data = compound_file({"Workbook": xls_stream(number_record(0, 0, 1.0), number_record(65535, 255, 2.0))})
    assert "65536 行 × 256 列" in refused_in_a_child(tmp_path / "far.xls", data)


def dimensions_record(first_row: int, last_row: int, first_col: int, last_col: int) -> bytes:
    return biff(0x0200, struct.pack("<IIHHH", first_row, last_row, first_col, last_col, 0))


@pytest.mark.parametrize("dimensions", [(0, 0xFFFFFFFF, 0, 0xFFFF), (9, 1, 0, 1)])
def test_an_xls_whose_dimensions_ask_for_petabytes_is_refused(tmp_path: Path, dimensions: tuple[int, ...]) -> None:
    # calamine reserves rows × columns from this record (the second wraps around: rows 1 - 1 - 9)
    data = compound_file({"Workbook": xls_stream(dimensions_record(*dimensions), number_record(0, 0, 1.0))})
    assert "超过上限" in refused_in_a_child(tmp_path / "dims.xls", data)


def test_an_xls_hides_no_cell_in_a_nested_substream(tmp_path: Path) -> None:
    # An embedded chart's BOF…EOF inside the sheet: calamine skips it and reads on; so does the scan.
    chart = biff(0x0809, struct.pack("<HHHHII", 0x0600, 0x0020, 0, 0, 0, 0)) + number_record(1, 1, 1.0) + biff(0x000A, b"")
    data = compound_file({"Workbook": xls_stream(number_record(0, 0, 1.0), chart, number_record(65535, 255, 2.0))})
    assert "65536 行 × 256 列" in refused_in_a_child(tmp_path / "nested.xls", data)


@pytest.mark.parametrize("forged", [
    {512 + 4 * 9: 2},  # the stream's last sector points back to its first (calamine would grow it for ever)
    {512 + 4 * 1: 1},  # the directory's chain points to itself
    {44: 0xFFFFFFFF},  # a FAT of 4 billion sectors (calamine would reserve 16 GB)
    {64: 0xFFFF},  # a mini FAT length calamine misreads as the DIFAT's (and reserves 16 GB for)
    {68: 0, 72: 1, 512 + 4 * 127: 0},  # a DIFAT chain through the FAT's sector back to itself
])
def test_a_compound_file_with_a_forged_table_is_refused(tmp_path: Path, forged: dict[int, int]) -> None:
    data = bytearray(compound_file({"Workbook": xls_stream(number_record(0, 0, 1.0))}))
    for offset, value in forged.items():
        struct.pack_into("<I", data, offset, value)
    assert "损坏" in refused_in_a_child(tmp_path / "forged.xls", bytes(data))  # (within the child's time limit)


@pytest.mark.parametrize("kind", ["xlsx", "xls", "ods"])
def test_truncated_workbooks_are_refused(tmp_path: Path, request: pytest.FixtureRequest, kind: str) -> None:
    path = budget_workbook(tmp_path / "budget.xlsx") if kind == "xlsx" else request.getfixturevalue("converted")[kind]
    data = path.read_bytes()
    for cut in (0.3, 0.6, 0.95):
        assert "不完整" in refused(path, data[: int(len(data) * cut)])


def test_empty_unknown_and_other_files_are_refused_with_what_is_expected(tmp_path: Path) -> None:
    assert "文件是空的" in refused(tmp_path / "a.xlsx", b"")
    assert "无法识别的文件格式" in refused(tmp_path / "a.xlsx", b"\x89PNG\r\n\x1a\n" + bytes(100))
    assert "损坏或不完整" in refused(tmp_path / "a.xlsx", b"PK\x03\x04xl/workbook.xml" + bytes(100))
    empty = tmp_path / "empty.xlsx"
    book = xlsxwriter.Workbook(str(empty))
    book.add_worksheet("Sheet1")
    book.close()
    assert "没有任何数据" in refused(empty)
    assert "没有表格" in refused(tmp_path / "p.html", b"<html><body><p>no table</p></body></html>")


def test_sniff_reads_bytes_past_a_bom_and_whitespace() -> None:
    assert sniff(b"\xef\xbb\xbf \r\n<!DOCTYPE html><html><table></table></html>") == "html"
    assert sniff("\ufeff<table><tr><td>收入</td></tr></table>".encode("utf-16")) == "html"
    assert sniff(b"  %PDF-1.7\n") == "pdf"
    assert sniff(b"\n" + SPREADSHEETML.encode()) == "spreadsheetml"
    assert sniff("科目,金额\n205,1".encode("gbk")) == "csv"
    assert sniff(b"\x00\x01\x02binary") == "unknown"
    assert sniff(b"PK\x03\x04" + bytes(26) + b"word/document.xml") == "docx"


# -- speed ------------------------------------------------------------------------------------------------


def test_a_20000_row_export_is_read_whole(tmp_path: Path) -> None:
    """Every row of a 20,000-row export (its time is measured by bench/import_sheets.py, not here)."""
    from bench.import_sheets import make_workbook

    path = tmp_path / "export.xlsx"
    make_workbook(path, 20_000)
    grid = read_grids(path, path.read_bytes())[0]
    assert len(grid.rows) == 20_003 and grid.width == 8


# -- every pattern the readers match with runs in linear time ----------------------------------------

PATTERN_MODULES = ("readers.sniff", "readers.office.sheets", "readers.htmltables", "readers.office.csvfile",
                   "readers.office.spreadsheetml", "readers.html_hidden")  # html_hidden: what a page's tables hide
UNITS = ("<", "<c", '<c r="', '<c r="A1"', '<c r="A1">', '<c r="A1"><f ', '<c r="A1"><f>', '<c r="A1"><f/>', "<v>",
         "<x:c ", ":c ", "<row ", "<col ", "<f", 'hidden="', "charset=", "charset= ",
         "mso-number-format:", 'mso-number-format:"', "display:", "visibility :", " .a", " ", "\t", "a", "1", "中", '"', "'", ".xl1 {", "{",
         "\ue000", " \ue000", "<!doctype ", "<!doctype html", "sheetData", "<x:sheetData")


def compiled_patterns() -> list[tuple[str, re.Pattern[str] | re.Pattern[bytes]]]:
    found = []
    for name in PATTERN_MODULES:
        module = importlib.import_module(f"reportgen.{name}")
        found += [(f"{name}.{attribute}", pattern) for attribute, value in vars(module).items()
                  if (pattern := compiled(value)) is not None]
    return found


def slowest(run: Callable[[str], object], size: int) -> float:
    """The longest, over UNITS repeated to ``size`` characters, of the best of three runs."""
    worst = 0.0
    for unit in UNITS:
        text = unit * (size // len(unit)) + "!"
        best = float("inf")
        for _ in range(3):
            start = cpu_now()
            run(text)
            best = min(best, cpu_now() - start)
        worst = max(worst, best)
    return worst


def test_every_pattern_and_scan_runs_in_linear_time() -> None:
    from reportgen.readers.office import sheets

    def exercise(pattern: re.Pattern[str] | re.Pattern[bytes]) -> Callable[[str], object]:
        def run(text: str) -> object:
            subject: str | bytes = text.encode() if isinstance(pattern.pattern, bytes) else text
            return [*pattern.finditer(subject)]  # type: ignore[arg-type]
        return run

    subjects = [(name, exercise(pattern)) for name, pattern in compiled_patterns()]
    def scan(text: str) -> object:  # the tags matched (or the sheet parsed, for what they cannot say)
        try:
            return sheets._xlsx_sheet("f", "s", b"<sheetData>" + text.encode())
        except ImportRefused:
            return None

    subjects += [("sniff", lambda text: sniff(text.encode())), ("xlsx sheet scan", scan)]
    assert len(subjects) >= 20
    for name, run in subjects:
        small, large = slowest(run, 2_000), slowest(run, 32_000)  # 16 times the text
        # linear work takes 16 times as long, square work 256 times (below 0.2 ms a time is noise)
        assert large < 0.5 and large < 64 * max(small, 2e-4), f"{name}: {small * 1000:.2f} ms, then {large * 1000:.2f} ms"
