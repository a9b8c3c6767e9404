"""Other regions' tables read whole and the same from any file (issue 54 parts 2 and 7).

A project list printed over pages whose one name, wrapped in its cell, is set around its figures is one table
(烟台市教育局 2026 pp. 29–30: the long line of the name's first half once ended the table, and the next page
began another, of which the import kept the later); the national codes 烟台市医疗保障局 2026 prints with their
names are known with those names (pp. 15–16); a department's tables exported as a workbook — a note row under
an empty table shorter than its code column (深圳市民政局 2026 表11 “注：本表本年无发生额。”) — import with no
内部错误 and the figures the PDF gives (bench/pdf_as_workbook.py measures the corpus).

The fixtures are page extracts (pypdf) of published PDFs of /work/shared/corpus (ORIGIN.md there)."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.pdf_as_workbook import write_workbook
from reportgen import codes
from reportgen.importing.pipeline import import_files
from reportgen.importing.recognition import catalog as catalogs
from reportgen.importing.recognition.recognize import recognize
from reportgen.importing.recognition.rows import body_rows
from reportgen.readers.published import read_published
from tests.clients import require_program
from tests.support.national import figures_of

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "import" / "national"


@pytest.fixture(scope="module", autouse=True)
def _poppler() -> None:
    require_program("pdftotext")


def test_a_name_wrapped_around_its_figures_neither_ends_the_table_nor_splits_it() -> None:
    grids = read_published(FIXTURES / "yantai-jiaoyuju-2026-p29-30.pdf").grids
    known, _ = recognize(grids, catalogs.load(None))
    assert [table.kind.id for table in known] == ["项目支出表"]
    rows = body_rows(known[0], problems=[])
    names = [row.name for row in rows]
    wrapped = "生均公用经费及运转补助-义务教育阶段特殊教育学校和随班就读残疾学生生均公用经费"
    assert wrapped in names
    assert str(rows[names.index(wrapped)].amounts["合计"].value) == "94.50"
    # the rows after it on page 1 and the next page's rows, all of one table
    assert {"市教科研及普通话测试等专项经费", "烟台市职业学校技能大赛"} <= set(names)
    assert {place.split(" ")[0] for place in known[0].grid.row_places or []} == {"第1页", "第2页"}


def test_the_national_codes_a_table_prints_are_known_with_the_names_it_prints() -> None:
    grids = read_published(FIXTURES / "yantai-yibaoju-2026-p15-16.pdf").grids
    known, _ = recognize(grids, catalogs.load(None))
    coded = [row for table in known for row in body_rows(table, problems=[]) if row.code and row.name]
    assert {"21015", "2101501", "2101506", "21012", "2101202", "21013", "2101301"} <= {row.code for row in coded}
    for row in coded:
        assert codes.name_status("function", row.code, row.name, 2026) == "ok", (row.code, row.name)


def test_a_departments_tables_as_a_workbook_import_as_from_its_pdf(tmp_path: Path) -> None:
    pdf = FIXTURES / "shenzhen-minzheng-2026-p16-22-26-35.pdf"
    book = tmp_path / "深圳市民政局2026年部门预算.xlsx"
    write_workbook(pdf, book)
    from_book = import_files([book], None).source
    from_pdf = import_files([pdf], None).source
    for part in ("收入", "支出", "财政拨款支出", "一般公共预算基本支出", "政府性基金支出"):
        assert figures_of(from_book.tree.get(part)) == figures_of(from_pdf.tree.get(part)), part
    assert figures_of(from_pdf.tree.get("支出"))  # the tables were read, not both empty


# A web page's disclosure table as 云南昌宁县卡斯镇 2024 sets its “三公” table out (2023年预算数 | 2024年预算数 | 增、减金额 |
# 增、减幅度), here a 一般公共预算支出表 titled by a paragraph above it, its title naming no year (the figures are ours).
PAGE = """<html><head><meta charset="utf-8"></head><body>
<p style="text-align:center"><strong>表5 一般公共预算支出表</strong></p>
<table border="1">
<tr><td colspan="6">单位名称：某镇人民政府　　单位：万元</td></tr>
<tr><td>科目编码</td><td>科目名称</td><td>2025年预算数</td><td>2026年预算数</td><td>增减额</td><td>增减%</td></tr>
<tr><td></td><td>合计</td><td>300.00</td><td>330.00</td><td>30.00</td><td>10.00</td></tr>
<tr><td>201</td><td>一般公共服务支出</td><td>300.00</td><td>330.00</td><td>30.00</td><td>10.00</td></tr>
<tr><td>2010101</td><td>行政运行</td><td>200.00</td><td>210.00</td><td>10.00</td><td>5.00</td></tr>
</table></body></html>"""


def test_a_pages_table_titled_by_a_paragraph_reads_this_years_and_last_years_columns(tmp_path: Path) -> None:
    page = tmp_path / "某镇2026年部门预算.html"
    page.write_text(PAGE, encoding="utf-8")
    grids = read_published(page).grids
    assert grids[0].name == "表5 一般公共预算支出表"  # the paragraph above it, as a heading would
    known, _ = recognize(grids, catalogs.load(None))
    assert [table.kind.id for table in known] == ["一般公共预算支出表"]
    rows = {row.code: row for row in body_rows(known[0], problems=[]) if row.code}
    assert str(rows["2010101"].amounts["预算数"].value) == "210.00"  # 2026's, the later of the two years
    assert str(rows["2010101"].amounts["上年预算数"].value) == "200.00"
    assert {"增减", "增减幅度"} <= set(known[0].columns.values())


def test_codes_a_years_documents_print_are_known_for_that_year_and_no_later() -> None:
    """江苏省人民检察院 2017 and 2018 print 2040405 by two names, one each year, and 30104 其他社会保障缴费 before the
    2018 reform moved it to 30112: each name is its year's; a later year's document printing them is not vouched for."""
    assert codes.name_status("function", "2040405", "公诉和审判监督", 2017) == "ok"
    assert codes.name_status("function", "2040405", "公诉、审判、侦查、执行等检察监督支出", 2018) == "ok"
    assert codes.name_status("function", "2040405", "公诉和审判监督", 2018) != "ok"
    assert codes.name_status("function", "2080504", "未归口管理的行政单位离退休", 2018) == "ok"
    assert codes.name_status("经济分类", "30104", "其他社会保障缴费", 2017) == "ok"
    assert codes.name_status("经济分类", "30104", "其他社会保障缴费", 2026) == "unknown"
