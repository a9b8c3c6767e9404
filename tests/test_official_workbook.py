"""The official workbook (`render --format xlsx` in the 上海 layout): the sheet names and order of the
2026 部门 and 单位 blank templates; the source's figures at the template's cells, read by sheet name
and cell address as the bureau's system reads them (the addresses from the layout's own data); the
text sheets filled from the source and a part the source lacks left without a word; `import` reads the
workbook back to the source's figures; the same bytes every time; LibreOffice opens it; a workbook
file with a mistake is refused naming the file, line and key; other layouts keep a sheet per table."""

from __future__ import annotations

import contextlib
import csv
import io
import subprocess
import zipfile
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from reportgen.cli import main
from reportgen.docmodel.document import Cell, Document, Heading, Paragraph, Row, Table, Title
from reportgen.docmodel.model import Budget
from reportgen.docmodel.workbook import CoverSheet, Place, Style, TableSheet, TextSheet, Workbook
from reportgen.runners.assemble import load_source
from reportgen.runners.render import document_for, prepare, render_source
from reportgen.shaping.layouts import LayoutError, Occasion, resolve
from reportgen.writers.xlsx import xlsx_bytes
from tests.clients import libreoffice_profile, require_program
from tests.test_writer_xlsx import CSV_EVERY_SHEET, require_calc

ROOT = Path(__file__).resolve().parent.parent
SHANGHAI = sorted((ROOT / "data").glob("shanghai-putuo-*-2026.yaml"))
WENLV = ROOT / "data" / "shanghai-putuo-wenlvju-2026.yaml"
UNIT = ROOT / "tests" / "sources" / "shanghai-putuo-shangwuwei-unit-2025.yaml"
# The sheets of the official blank templates, in their order, as their names are (table 7's ends in a space)
DEPARTMENT_SHEETS = ["封面", "目录", "部门主要职能", "部门机构设置", "名词解释", "部门编制说明", "部门收支总表", "部门收入总表",
                     "部门支出总表", "部门财政拨款收支总表", "部门一般公共预算拨款表", "部门政府性基金拨款表",
                     "部门国有资本经营预算拨款表 ", "部门一般公共预算拨款基本支出明细表", "部门“三公”经费和机关运行费预算表",
                     "其他相关情况说明", "项目经费情况说明"]
UNIT_SHEETS = ["封面", "目录", "单位职能", "单位机构设置", "名词解释", "单位编制说明", "单位收支总表", "单位收入总表", "单位支出总表",
               "单位财政拨款收支总表", "单位一般公共预算拨款表", "单位政府性基金拨款表", "单位国有资本经营预算拨款表 ",
               "单位一般公共预算拨款基本支出明细表", "单位“三公”经费和机关运行费预算表", "其他相关情况说明"]


def _quiet(*argv: str) -> int:
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        return main(list(argv))


def render(source: Path, folder: Path, layout: str = "上海") -> Path:
    rendered = render_source(source, folder, ("xlsx",), layout=layout)
    assert rendered.outputs, [f.format() for f in rendered.findings]
    return rendered.outputs[0]


def shape_of(budget: Budget) -> Workbook:
    workbook = resolve("上海", occasion=Occasion(budget.year, budget.kind, budget.accounts)).workbook
    assert workbook is not None
    return workbook


def yuan(amount: Decimal | None) -> Decimal:
    """An amount as a 元 table of the 上海 layout holds it: exactly as the source states it (whole 元
    for a source of whole 元, cents for 建管委's 3,286,618,082.20: never rounded to whole 元)."""
    return amount or Decimal(0)


def table_sheet(workbook: Workbook, name: str) -> TableSheet:
    sheet = next(s for s in workbook.sheets if s.name == name)
    assert isinstance(sheet, TableSheet)
    return sheet


def coded_rows(ws, first: int, code_columns: int, amounts: int) -> dict[str, list[Decimal]]:  # type: ignore[no-untyped-def]
    """The rows of a code table from its first data row (1-based) to its 合计: code (类 a number,
    款 and 项 text, as the template) → its amounts, and the 合计 row under “合计”."""
    rows: dict[str, list[Decimal]] = {}
    row = first
    while True:
        values = [ws.cell(row, column).value for column in range(1, code_columns + 2 + amounts)]
        figures = [Decimal(str(v)) if v is not None else Decimal(0) for v in values[code_columns + 1:]]
        if values[0] == "合计":
            rows["合计"] = figures
            return rows
        assert isinstance(values[0], int), (ws.title, row, values)  # 类 as the template's number
        assert all(v is None or isinstance(v, str) for v in values[1:code_columns])  # 款, 项 as text
        rows["".join(str(v) for v in values[:code_columns] if v is not None)] = figures
        row += 1


# -- the sheets, by name and address ---------------------------------------------------------------


def test_the_department_workbook_has_the_official_sheets_in_order(tmp_path: Path) -> None:
    path = render(WENLV, tmp_path)
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == DEPARTMENT_SHEETS
    with zipfile.ZipFile(path) as package:  # the Normal style's face, as the template's: 宋体 12, not Calibri
        first_font = package.read("xl/styles.xml").decode().split("<font>", 1)[1].split("</font>", 1)[0]
    assert '<sz val="12"/>' in first_font and '<name val="宋体"/>' in first_font
    assert shape_of(load_source(WENLV)).sheet_names() == DEPARTMENT_SHEETS


def test_the_unit_workbook_has_the_official_unit_sheets(tmp_path: Path) -> None:
    book = openpyxl.load_workbook(render(UNIT, tmp_path))
    assert book.sheetnames == UNIT_SHEETS
    assert book["封面"]["A9"].value == "预算单位：上海市普陀区商务委员会"
    assert book["单位收入总表"]["A4"].value == "编制单位：上海市普陀区商务委员会"
    # 单位收支总表: the template's 7 columns and 4 header rows, data from row 10; the document's 4 columns in A–D
    # (D: 预算数 合计), E–G (人员经费, 公用经费, 项目支出 by 类, which the source does not give) left blank
    summary, budget = book["单位收支总表"], load_source(UNIT)
    assert [summary[a].value for a in ("A6", "C6", "D8", "E8", "E9", "F9", "G8")] == \
        ["本年收入", "本年支出", "合计", "基本支出", "人员经费", "公用经费", "项目支出"]
    assert summary["A10"].value == "一、财政拨款收入" and summary["B10"].value == yuan(budget.income["一般公共预算拨款"])
    assert summary["C10"].value == "一、一般公共服务支出" and all(summary[f"{c}10"].value is None for c in "EFG")
    assert summary["A21"].value == "收入总计" and summary["D21"].value == summary["B21"].value == 371514655


@pytest.mark.parametrize("source", SHANGHAI, ids=lambda p: p.stem)
def test_the_sources_figures_are_at_the_templates_cells(source: Path, tmp_path: Path) -> None:
    """Read as the bureau's system reads it: a sheet by its name, a cell by its address; which row
    and column is the layout's data, read from the official template."""
    budget, book = load_source(source), openpyxl.load_workbook(render(source, tmp_path))
    shape = shape_of(budget)
    spending: dict[str, list[Decimal]] = {}
    general: dict[str, list[Decimal]] = {}
    for r in budget.function_rows:
        for into in (spending, general) if r.fund == "一般公共预算" else (spending,):
            basic, project = into.setdefault(r.code, [Decimal(0), Decimal(0)])
            into[r.code] = [basic + (r.basic or 0), project + (r.project or 0)]
    total = sum((b + p for b, p in spending.values()), Decimal(0))
    income = sum((v for v in budget.income.values() if v), Decimal(0))

    summary = table_sheet(shape, "部门收支总表")
    ws = book["部门收支总表"]
    assert summary.total_row == 20 and ws["A21"].value == "收入总计" and ws["C21"].value == "支出总计"
    assert Decimal(str(ws["B21"].value)) == yuan(income) and Decimal(str(ws["D21"].value)) == yuan(total)
    # the template's #,##0_ , showing cents where the source has them (建管委 prints 3,286,618,082.20)
    places = "" if income == income.to_integral_value() else ".00"
    assert ws["B21"].number_format == f"#,##0{places}_ " and ws["A4"].value == f"编制部门：{budget.department}"

    for name, rows in (("部门支出总表", spending), ("部门一般公共预算拨款表", general)):
        sheet = table_sheet(shape, name)
        assert sheet.data_row == 8  # row 9, as the template's
        read = coded_rows(book[name], sheet.data_row + 1, 3, 3)
        for code, (basic, project) in rows.items():  # E 合计, F 基本支出, G 项目支出
            assert read[code] == [yuan(basic + project), yuan(basic), yuan(project)], (name, code)
        assert read["合计"][0] == sum((yuan(b + p) for b, p in rows.values()), Decimal(0))

    economic = coded_rows(book["部门一般公共预算拨款基本支出明细表"], 9, 2, 3)
    for row in budget.economic_rows:
        assert economic[row.code][0] == yuan(row.amount), row.code  # D 合计

    three = book["部门“三公”经费和机关运行费预算表"]
    parts = {k: p.current for k, p in budget.three_public.parts.items()}
    in_wan = [sum((v or Decimal(0) for v in parts.values()), Decimal(0)), parts["因公出国（境）费"], parts["公务接待费"],
              (parts["公务用车购置费"] or 0) + (parts["公务用车运行维护费"] or 0), parts["公务用车购置费"], parts["公务用车运行维护费"],
              budget.running_costs.current if budget.running_costs else None]
    shown = [Decimal(str(three.cell(7, column).value)) for column in range(1, 8)]  # row 7, A–G
    assert shown == [((v or Decimal(0)) / 10000).quantize(Decimal("0.01")) for v in in_wan]
    assert three["G3"].value == "单位：万元" and three["A7"].number_format == "General"


def test_the_text_sheets_hold_the_sources_text_and_a_missing_part_no_words(tmp_path: Path) -> None:
    budget, book = load_source(WENLV), openpyxl.load_workbook(render(WENLV, tmp_path))
    title = next(b for b in document_for(prepare(WENLV), layout="上海").blocks if isinstance(b, Title))
    assert book["封面"]["A3"].value == title.text == "上海市普陀区2026年区级部门预算"  # the cover's words, as published
    assert book["封面"]["A3"].font.name == "楷体_GB2312" and book["封面"]["A3"].font.sz == 36
    assert book["封面"]["A9"].value == title.subtitle == f"预算主管部门：{budget.department}"
    assert book["目录"]["A4"].value.startswith("一、部门主要职能")
    duties = book["部门主要职能"]
    assert duties["A1"].value == f"{budget.department}主要职能"
    assert all(duty in duties["A3"].value for duty in budget.profile.duties)
    assert "A3:A17" in {str(r) for r in duties.merged_cells.ranges}
    assert duties.page_setup.orientation == "landscape" and duties.page_setup.scale == 80  # the layout's 缩放
    assert book["名词解释"]["A3"].value.lstrip().startswith("（一）财政拨款收入")
    assert "三公" in book["其他相关情况说明"]["A3"].value
    explained = book["部门编制说明"]  # the paragraphs in A3, then each numbered item a row from A4, as the template
    assert explained["A3"].value.strip().startswith("2026年，") and explained["A3"].value.rstrip().endswith("如下：")
    items = [row[0].value for row in explained.iter_rows(min_row=4) if row[0].value]
    assert len(items) == 23 and items[0].lstrip().startswith("1.") and items[-1].lstrip().startswith("23.")
    # no 政府性基金 spending: the template's blank grid (rows 9–20), 合计 in row 21, the note under it
    fund = book["部门政府性基金拨款表"]
    assert fund["A21"].value == "合计" and all(fund.cell(r, c).value is None for r in range(9, 21) for c in range(1, 8))
    assert fund["A20"].border.left.style == "thin" and fund["A22"].value.startswith("注：")
    # 文旅局 2026 describes one project (真如海心剧院, its published page 27): its heading and its parts
    projects = book["项目经费情况说明"]
    assert [s.title or f"{s.name}项目经费情况说明" for s in budget.project_statements] == [projects["A1"].value]
    assert projects["A3"].value.lstrip().startswith("一、项目概述\n") and "真华南路388号" in projects["A3"].value


def test_the_same_source_gives_the_same_bytes(tmp_path: Path) -> None:
    first, second = render(WENLV, tmp_path / "a"), render(WENLV, tmp_path / "b")
    assert first.read_bytes() == second.read_bytes()


# -- import reads it back ------------------------------------------------------------------------


def figures(path: Path) -> dict[str, object]:
    """The figures a 上海 workbook carries, as its 元 tables print them (whole 元); the “三公” parts
    this year's only (the official table has no 上年 column)."""
    budget = load_source(path)
    rows: dict[tuple[str, str], tuple[Decimal, Decimal]] = {}
    for r in budget.function_rows:
        basic, project = rows.get((r.code, r.fund), (Decimal(0), Decimal(0)))
        rows[(r.code, r.fund)] = (basic + yuan(r.basic), project + yuan(r.project))
    return {
        "function": rows,
        "economic": {r.code: yuan(r.amount) for r in budget.economic_rows},
        "income": {k: yuan(v) for k, v in budget.income.items() if v},
        "three_public": {k: p.current for k, p in budget.three_public.parts.items() if p.current is not None},
        "running_costs": budget.running_costs.current if budget.running_costs else None,
        "duties": budget.profile.duties,
    }


@pytest.mark.parametrize("source", [*SHANGHAI, UNIT], ids=lambda p: p.stem)
def test_import_reads_the_official_workbook_back_to_the_sources_figures(source: Path, tmp_path: Path) -> None:
    workbook = render(source, tmp_path)
    back = tmp_path / "back.yaml"
    assert _quiet("import", str(workbook), "-o", str(back)) == 0  # the layout known by its sheets
    assert "版式: 上海" in back.read_text(encoding="utf-8")
    mine, theirs = figures(back), figures(source)
    for key in theirs:
        assert mine[key] == theirs[key], key


# -- LibreOffice ------------------------------------------------------------------------------------


def test_libreoffice_opens_the_official_workbook(tmp_path: Path) -> None:
    soffice = require_program("soffice")
    require_calc(soffice)
    workbook = render(WENLV, tmp_path / "out")
    profile = libreoffice_profile(tmp_path / "lo-profile")
    result = subprocess.run([soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", CSV_EVERY_SHEET,
                             "--outdir", str(tmp_path / "csv"), str(workbook)], capture_output=True, text=True, timeout=180)
    assert result.returncode == 0, result.stdout + result.stderr
    summary = tmp_path / "csv" / f"{WENLV.stem}-部门收支总表.csv"
    if not summary.exists():  # LibreOffice < 7.2 writes the first sheet only
        pytest.skip("this LibreOffice writes only the first sheet as CSV")
    rows = list(csv.reader(summary.open(encoding="utf-8")))
    assert rows[20][:4] == ["收入总计", "278,076,101 ", "支出总计", "278,076,101 "]  # row 21, as Calc shows it


# -- the layout's data, checked --------------------------------------------------------------------


def layout_with(tmp_path: Path, workbook: str) -> Path:
    folder = tmp_path / "我的版式"
    folder.mkdir()
    (folder / "版式.yaml").write_text("名称: 我的上海\n基于: 上海\n工作簿: 工作簿.yaml\n", encoding="utf-8")
    (folder / "工作簿.yaml").write_text(workbook, encoding="utf-8")
    return folder


@pytest.mark.parametrize(("text", "words"), [
    ("工作表:\n  - {名称: 封面, 类别: 封面, 标题: {单元格: A0}}\n", ["工作簿.yaml:2", "“标题”", "A3:M3"]),
    ("工作表:\n  - {名称: 封面, 类别: 封面, 颜色: 红}\n", ["工作簿.yaml:2", "“颜色”不是“封面”工作表的键"]),
    ("工作表:\n  - {名称: 目录, 类别: 目录}\n  - {名称: 目录, 类别: 目录}\n", ["两个工作表都叫“目录”"]),
    ("工作表:\n  - {名称: \"a/b\", 类别: 目录}\n", ["“名称”应为 Excel 允许的工作表名"]),
    ("工作表:\n  - {名称: 表, 类别: 表格, 表: 收支总表-财务收支, 表头: {单元格: A6}, 数据: {单元格: A5}}\n", ["“数据”", "表头行之下"]),
    ("工作表:\n  - {名称: 表, 类别: 表格, 表: x, 表头: {单元格: A6}, 数据: {单元格: A8}, 行高: {零: 3}}\n", ["“行高”应为“行号: 磅数”"]),
    ("金额格式: {元: 红色}\n工作表:\n  - {名称: 目录, 类别: 目录}\n", ["“金额格式”"]),
])
def test_a_wrong_workbook_file_is_refused_naming_file_line_and_key(tmp_path: Path, text: str, words: list[str]) -> None:
    folder = layout_with(tmp_path, text)
    with pytest.raises(LayoutError) as raised:
        resolve(folder)
    assert all(word in raised.value.message for word in words), raised.value.message


def test_a_missing_workbook_file_is_named(tmp_path: Path) -> None:
    folder = layout_with(tmp_path, "工作表: []\n")
    (folder / "版式.yaml").write_text("名称: 我的上海\n基于: 上海\n工作簿: 没有.yaml\n", encoding="utf-8")
    with pytest.raises(LayoutError, match="“工作簿”应为本版式文件夹中描述正式工作簿的 YAML 文件"):
        resolve(folder)


def test_a_header_the_document_does_not_have_is_told_before_anything_is_written(tmp_path: Path) -> None:
    folder = layout_with(tmp_path, "工作表:\n  - {名称: 收支, 类别: 表格, 表: 收支总表-财务收支, 表头: {单元格: A6}, 数据: {单元格: A9}}\n")
    rendered = render_source(WENLV, tmp_path / "out", ("docx", "xlsx"), layout=str(folder))
    assert not rendered.outputs and not (tmp_path / "out").exists()
    told = [f.message for f in rendered.findings if f.severity == "error"]
    assert told and "工作簿.yaml" in told[0] and "“收支”" in told[0] and "数据: {单元格: A8}" in told[0]


def test_columns_the_table_does_not_have_are_told(tmp_path: Path) -> None:
    folder = layout_with(tmp_path, "工作表:\n  - {名称: 收支, 类别: 表格, 表: 收支总表-财务收支, 表头: {单元格: A6}, 数据: {单元格: A10},"
                                   " 表头文字: [{单元格: \"A6:C9\", 文字: 项目}], 列: [A, B, C]}\n")
    rendered = render_source(WENLV, tmp_path / "out", ("xlsx",), layout=str(folder))
    assert not rendered.outputs and "“列”写了 3 列，而表“2026年部门财务收支预算总表”有 4 列" in rendered.findings[-1].message


def test_without_a_workbook_a_layout_keeps_a_sheet_per_table_named_to_be_read(tmp_path: Path) -> None:
    book = openpyxl.load_workbook(render(ROOT / "data" / "shenzhen-yantian-zgh-2022.yaml", tmp_path, layout="默认"))
    assert book.sheetnames[0] == "表1 部门收支总表"
    final = openpyxl.load_workbook(render(ROOT / "data" / "shanghai-putuo-guihuaziyuan-juesuan-2024.yaml", tmp_path / "f"))
    assert "封面" not in final.sheetnames and final.sheetnames[1] == "收入支出决算总表"  # 决算: no official workbook


def test_a_part_a_project_each_fills_one_sheet_in_order() -> None:
    """“{*}项目经费情况说明”: each project's own part (“<项目名称>项目经费情况说明”), one after another."""
    style = Style()
    sheet = TextSheet("项目经费情况说明", parts=("项目经费情况说明", "{*}项目经费情况说明"), title=Place(0, 0, 0, 0, style),
                      body=Place(2, 0, 16, 0, style), indent=1)
    doc = Document([Title("标题"), Heading(1, "", "甲项目经费情况说明"), Paragraph("一、项目概述"), Paragraph("甲的概述。"),
                    Heading(1, "", "乙项目经费情况说明"), Paragraph("乙的概述。"), Heading(1, "", "名词解释")],
                   meta={"department": "部门", "year": "2026"}, workbook=Workbook("测试", "测试.yaml", (sheet,)))
    ws = openpyxl.load_workbook(io.BytesIO(xlsx_bytes(doc)))["项目经费情况说明"]
    assert ws["A1"].value == "甲项目经费情况说明"
    assert ws["A3"].value.split("\n") == [" 一、项目概述", " 甲的概述。", " 乙项目经费情况说明", " 乙的概述。"]


def test_a_draft_says_so_on_the_cover() -> None:
    style = Style()
    cover = CoverSheet("封面", title=Place(2, 0, 2, 12, style), subtitle=Place(8, 0, 8, 12, style))
    doc = Document([Paragraph("草稿：缺少“三公”经费", "banner"), Title("某部门2026年部门预算", "预算主管部门：某部门")],
                   meta={"department": "某部门", "year": "2026"}, workbook=Workbook("测试", "测试.yaml", (cover,)))
    ws = openpyxl.load_workbook(io.BytesIO(xlsx_bytes(doc)))["封面"]
    assert ws["A1"].value == "草稿：缺少“三公”经费" and ws["A3"].value == "某部门2026年部门预算"
    assert ws["A9"].value == "预算主管部门：某部门" and ws["A3"].alignment.shrink_to_fit


def test_a_note_goes_where_the_template_leaves_room_for_it() -> None:
    style = Style()
    sheet = TableSheet("三公", table="t", title=Place(1, 0, 1, 2, style), caption=Place(2, 0, 2, 1, style), header_row=3,
                       data_row=4, note=Place(16, 0, 16, 1, style))
    table = Table("t", "", "2026年“三公”经费预算表", "编制部门：某部门", "单位：万元", [Row([Cell("合计"), Cell("接待"), Cell("运行")], "header")],
                  [Row([Cell("0.00"), Cell("0.00"), Cell("0.00")])], [1, 1, 1], notes=["注：2026年未安排一般公共预算“三公”经费。"])
    doc = Document([Title("标题"), table], meta={"department": "某部门", "year": "2026"},
                   workbook=Workbook("测试", "测试.yaml", (sheet,), amount_formats={"万元": "General"}))
    ws = openpyxl.load_workbook(io.BytesIO(xlsx_bytes(doc)))["三公"]
    assert ws["A17"].value == "注：2026年未安排一般公共预算“三公”经费。" and "A17:B17" in {str(r) for r in ws.merged_cells.ranges}
    assert ws["A5"].value == 0 and ws["A5"].number_format == "General" and ws["C3"].value == "单位：万元"
