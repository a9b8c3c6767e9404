"""A department's tables printed again by its units (issue 54 parts 2 and 5): 广州's 表11 “部门预算基本支出预算表”
(each unit's 基本支出 by economic 类) and 表12 “部门预算项目支出及其他支出预算表” (each unit's projects), headed
“支出项目类别（资金使用单位）”, are recognised and set aside — the source has no place for a unit's figures —,
checked where they can be on their own (合计 = the units, a unit = its 类), and counted apart by the review's
measure of what it read: the department's tables and text are what it needs, never its units' pages.

A document that prints its units' tables after the department's (单位预算 after 部门预算) has each kind twice:
the department's is read — never the later, a unit's — and the unit's are checked as that unit's own.

深圳 prints a department of several units so: its 基本支出总表, headed “支出项目类别”, prints the department's row,
then each unit's and its economic 类 and 款 (深圳市建筑工务署 2026); a department of one unit prints itself as
the one unit (深圳市民政局（本级）2026), and that table is the department's own.

The fixtures are page extracts (pypdf) of published PDFs of /work/shared/corpus (ORIGIN.md there): 广州市司法局
2026 年部门预算 pp. 25–31, 表11 over pp. 25–28 and the first three pages of 表12, whose 绩效目标 text ends the
PDF table's grid on its first page (the pages after it print its header again); 深圳市建筑工务署 2026 pp. 29–38
(表4 基本支出总表, 表5 项目支出总表), 深圳市人力资源和社会保障局 2026 pp. 151–159 (表5 项目支出总表) and
深圳市民政局 2026 pp. 23–24 (its 表4); and, one after the other, pp. 9–14 of
上海市普陀区商务委员会 2025 年部门预算 and of its 单位预算 (tests/seeds/pdf: 编制部门 / 编制单位, 收支总表 to
财政拨款收支总表)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from reportgen.importing.budget.by_unit import by_unit_table, set_aside, unit_names, units_after, units_set_aside
from reportgen.importing.pipeline import import_files
from reportgen.importing.recognition import catalog as catalogs
from reportgen.importing.recognition.recognize import Table, cell_text, recognize
from reportgen.readers.grid import Cell
from reportgen.readers.published import read_published
from reportgen.review.documents import review_document
from tests.clients import require_program
from tests.support.national import FIXTURES

SIFAJU = FIXTURES / "guangzhou-sifaju-2026-p25-31.pdf"
GONGWUSHU = FIXTURES / "shenzhen-gongwushu-2026-p29-38.pdf"
MINZHENG = FIXTURES / "shenzhen-minzheng-2026-p23-24.pdf"
RENSHE = FIXTURES / "shenzhen-renshe-2026-p151-159.pdf"
WITH_UNIT = FIXTURES.parent / "shangwuwei-2025-dept-p9-14-unit-p9-14.pdf"
CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"


@pytest.fixture(scope="module", autouse=True)
def _poppler() -> None:
    require_program("pdftotext")


def _by_unit() -> list[Table]:
    known, unknown = recognize(read_published(SIFAJU).grids, catalogs.load(None))
    assert known == []  # none of them is a table of the department's own
    found = [by_unit_table(grid, catalogs.load(None)) for grid in unknown]
    return [table for table in found if table is not None]


def test_the_tables_of_a_departments_units_are_recognised_and_checked_on_their_own() -> None:
    basic, projects = _by_unit()
    assert (basic.title, projects.title) == ("部门预算基本支出预算表", "部门预算项目支出及其他支出预算表")
    aside = set_aside(basic, read_published(SIFAJU).lines)
    # 18 units, each over its 类: what does not add up is the 万元 rounding the table's note warns of
    # (8 units 0.01 off their 类 in 总计, 财政拨款 and 一般公共预算), never a slip
    assert aside.differences == [] and aside.tails == 24
    assert "按单位列出" in aside.why and "逐列核对" in aside.why
    # a unit's projects are not told from the next unit's name: nothing checked, and so said
    assert "不逐单位核对" in set_aside(projects, read_published(SIFAJU).lines).why


def test_a_units_figure_that_does_not_add_up_is_told_with_both_places() -> None:
    basic, _ = _by_unit()
    grid = basic.grid
    row, col = next((r, c) for r, cells in enumerate(grid.rows) for c, cell in enumerate(cells)
                    if cell_text(cell) == "13,200.85")  # 广州市司法局（本级）'s 工资福利支出, its 总计
    grid.rows[row][col] = Cell(Decimal("13300.85"), "13,300.85")
    told = set_aside(basic, read_published(SIFAJU).lines).differences
    assert len(told) == 2, told  # the unit's 总计 off its 类, and the row's 总计 off its own sources
    assert "广州市司法局（本级）（合计） 印作 18,782.75，而其组成部分之和为 18,882.75" in told[0]
    assert "第1页" in told[0] and "没有写入源文件" in told[0]
    assert "工资福利支出 合计 印作 13,300.85，而其组成部分之和为 13,200.85" in told[1]


def test_the_pages_that_print_its_header_again_are_the_tables_own() -> None:
    _, projects = _by_unit()
    places = set_aside(projects, read_published(SIFAJU).lines).places
    assert {place.split(" ")[0] for place in places} == {"第5页", "第6页", "第7页"}
    assert "第5页 第1行" not in places  # its number, title and caption are no row of it


def test_a_departments_basic_table_by_its_units_is_set_aside_and_checked() -> None:
    grids = read_published(GONGWUSHU).grids
    table = by_unit_table(grids[0], catalogs.load(None))
    assert table is not None and table.title == "基本支出总表"
    aside = set_aside(table, read_published(GONGWUSHU).lines)
    # the department's row against its 3 units', each unit's against its 类, each 类 against its 款: what does not
    # add up is the rounding of figures printed to 0.01 万元
    assert "逐列核对" in aside.why and aside.differences == [] and aside.tails == 18


def test_a_table_of_projects_whose_rows_are_the_units_named_before_is_theirs() -> None:
    """工务署's 项目支出总表 prints the department's row, then each unit's and its projects: no 类 shows its units'
    rows as units, the names its 基本支出总表 gave them do."""
    basic, projects = read_published(GONGWUSHU).grids
    catalog = catalogs.load(None)
    table = by_unit_table(basic, catalog)
    assert table is not None
    assert by_unit_table(projects, catalog) is None  # alone, nothing says its rows are units
    found = by_unit_table(projects, catalog, unit_names(table))
    assert found is not None and found.title == "项目支出总表"
    assert "不逐单位核对" in set_aside(found, read_published(GONGWUSHU).lines).why


def test_a_department_whose_name_and_total_wrap_is_recognised_its_total_not_taken() -> None:
    """深圳市人力资源和社会保障局 2026's 项目支出总表 (pp. 151–159) prints its first row's name over two lines
    (“深圳市人力资源和社会保 / 障局”) and its 合计 so (“435,216.1 / 7”): the department's row all the same — its
    rows named as its units its 基本支出总表 named are theirs — and its wrapped 合计 is read whole, 435,216.17
    (readers/pdf/tables/wrapped_figures.py; before, the head alone, 435,216.1, was no figure to hold the department's
    项目支出 to: against 435,216.17 it would have been a false alarm)."""
    grid = read_published(RENSHE).grids[0]
    catalog = catalogs.load(None)
    units = {"深圳鹏城技师学院", "深圳市劳动人事争议仲裁院", "深圳市公共就业服务中心"}
    assert by_unit_table(grid, catalog) is None
    table = by_unit_table(grid, catalog, units)
    assert table is not None and table.title == "项目支出总表"
    aside = set_aside(table, read_published(RENSHE).lines)
    assert aside.total is not None and aside.total.value == Decimal("435216.17") and "不逐单位核对" in aside.why
    assert aside.differences == []


def test_a_class_that_is_not_the_sum_of_its_items_is_told_as_its_units() -> None:
    grid = read_published(GONGWUSHU).grids[0]
    row = next(index for index, cells in enumerate(grid.rows) if cell_text(cells[0]) == "基本工资")
    grid.rows[row][1] = Cell(Decimal("709.95"), "709.95")  # 深圳市建筑工务署（本级）'s 基本工资, its 总计: 700.95
    table = by_unit_table(grid, catalogs.load(None))
    assert table is not None
    told = set_aside(table, read_published(GONGWUSHU).lines).differences
    assert len(told) == 2, told  # the 类 off its 款, and the 款's 总计 off its own sources
    assert "深圳市建筑工务署（本级） 工资福利支出（合计） 印作 3,486.42，而其组成部分之和为 3,495.42" in told[0], told
    assert "基本工资 合计 印作 709.95，而其组成部分之和为 700.95" in told[1], told


def test_a_table_whose_one_unit_is_the_department_is_the_departments_own() -> None:
    grids = read_published(MINZHENG).grids
    assert len(grids) == 1 and by_unit_table(grids[0], catalogs.load(None)) is None


def test_a_document_of_its_units_tables_alone_is_not_reviewed() -> None:
    review = review_document(SIFAJU, None)
    assert review.outcome == "未能审核" and review.unreviewed


def test_a_department_whose_own_tables_are_read_is_reviewed_its_units_pages_apart() -> None:
    document = CORPUS / "gd-guangzhou-sifaju-2026-dept-budget.pdf"
    if not document.exists():
        pytest.skip("the national corpus (../shared/corpus) is not here")
    review = review_document(document, None)
    assert review.read is not None and review.read.aside > 1500  # 表11 and 表12 over pp. 25–47
    assert review.unreviewed == "" and review.read.enough
    assert review.imported is not None  # its units' figures off by no more than the rounding: no slip told
    assert not [told for told in review.imported.differences if "按单位列出" in told]


def test_a_units_tables_printed_after_the_departments_are_not_read_as_the_departments() -> None:
    result = import_files([WITH_UNIT], "上海")
    assert result.header["kind"] == "部门"  # not a 单位 budget for its unit's captions
    assert {table.grid.shown.rsplit(" ", 1)[-1] for table in result.imported.tables.values()} \
        == {"第1页", "第2页", "第4页", "第6页"}  # the department's, never the later 第7页 ….
    aside = [table for table in result.set_aside if "印在部门的表之后" in table.why]
    assert len(aside) == 1 and aside[0].differences == []
    assert {place.split(" ")[0] for place in aside[0].places} == {"第7页", "第8页", "第9页", "第10页", "第11页", "第12页"}
    assert not any("取自后者" in note for note in result.notes)


def test_a_units_table_that_does_not_add_up_is_told_as_the_units() -> None:
    known, _ = recognize(read_published(WITH_UNIT).grids, catalogs.load("上海"))
    own, units = units_after(known)
    assert [t.kind.id for t in own] == [t.kind.id for t in units] == ["收支总表", "收入总表", "支出总表", "财政拨款收支总表"]
    spending = next(t for t in units if t.kind.id == "支出总表")
    row, col = next((r, c) for r, cells in enumerate(spending.grid.rows) for c, cell in enumerate(cells)
                    if cell_text(cell) == "9,389,913.00")  # 2011301 行政运行, its 合计
    spending.grid.rows[row][col] = Cell(Decimal("9389931.00"), "9,389,931.00")
    told = units_set_aside(units, catalogs.load("上海"))[0].differences
    assert told and all(line.startswith("上海市普陀区商务委员会的表：") and "没有写入源文件" in line for line in told)
    assert any("9,389,931" in line for line in told)


def test_a_units_table_whose_total_is_not_the_departments_is_told() -> None:
    """广州市司法局 2026's 表11 prints 合计 151,664.25, its 支出总表 基本支出 151,664.25 (p. 10): printed
    otherwise, the two are told apart; as printed, nothing is."""
    document = CORPUS / "gd-guangzhou-sifaju-2026-dept-budget.pdf"
    if not document.exists():
        pytest.skip("the national corpus (../shared/corpus) is not here")
    assert not [told for told in import_files([document], None).differences if "部门的基本支出" in told]
    published = read_published(document)
    grid = next(g for g in published.grids if g.rows and cell_text(g.rows[0][0]) == "部门预算基本支出预算表")
    row, col = next((r, c) for r, cells in enumerate(grid.rows) for c, cell in enumerate(cells) if cell_text(cell) == "151,664.25")
    grid.rows[row][col] = Cell(Decimal("151664.52"), "151,664.52")
    told = [told for told in import_files([document], None, read={document: published}).differences
            if "部门的基本支出" in told]
    assert told == ["部门预算基本支出预算表 第25页 第7行：合计 印作 151,664.52，而部门的基本支出印作 151,664.25"
                    "（支出总表 第10页 第7行）；这张表按单位列出，没有写入源文件"], told
