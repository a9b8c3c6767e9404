"""A function table whose coded lines no fund's function rows hold, held as printed (表行 分列: issue 80, issue 79).

国家信访局 2026 (../shared/corpus/fresh1, the 财政部 template every 中央部门 publishes): its 支出总表 prints the 类, 款
and 项 of all its money — 一般公共服务支出 47,179.30 holds 其他收入's 31,888.00 beside the appropriation's, and no
table tells them apart by line — so the import writes no function rows of any fund (build.spending_by_fund_unknown);
before, the 支出总表 then printed its 合计 alone. Its lines are now held as the table prints them (表行, each traced
to its row), the learned layout prints the table from them (表行: 分列), and a 类 or 款 line over lines printed
under it is their sum, not added again (model.finest_lines, as 无锡's and 西安's 单位编码 over their units' lines).
The 收支总表's spending side prints the 类 of the lines (compute.classes_of_lines), the printed 类 line's figure."""

from __future__ import annotations

from pathlib import Path

import pytest

from reportgen.docmodel.document import Table
from reportgen.importing.pipeline import import_files
from reportgen.runners.render import document_for, prepare
from tests.clients import require_program
from tests.learned_import import fresh_pdf, imported_with_layout
from tests.support.national import FIXTURES

XINFANGJU = "central-guojia-xinfangju-2026-dept-budget.pdf"


@pytest.fixture(scope="module", autouse=True)
def _poppler() -> None:
    require_program("pdftotext")


def _rows(table: Table) -> dict[str, list[str]]:
    """Each body row's texts by its first cell's text (the code, or 合计), spaces taken out."""
    return {"".join(row.cells[0].text.split()): ["".join(c.text.split()) for c in row.cells[1:]] for row in table.body}


def _tables(tmp_path: Path) -> dict[str, Table]:
    source, layout = imported_with_layout(tmp_path, fresh_pdf(XINFANGJU))
    document = document_for(prepare(source, draft=True), draft=True, layout=layout)
    return {b.id: b for b in document.blocks if isinstance(b, Table)}


def test_the_spending_table_s_lines_of_all_the_money_are_held_as_printed() -> None:
    """The 支出总表's 23 lines, 类 and 款 among them, each with the columns it prints, traced to its row; no function
    row of a fund is written (the lines are no fund's)."""
    tree = import_files([fresh_pdf(XINFANGJU)], None).imported.tree
    lines = tree["表行"]["支出总表"]
    assert "功能分类" not in tree["支出"]
    assert [line["功能分类"].value for line in lines[:3]] == [201, 20140, 2014001]
    assert len(lines) == 22
    first = lines[0]
    assert (str(first["基本支出"].value), str(first["项目支出"].value)) == ("7736.44", "39442.86")
    assert first["基本支出"].where == "支出总表 第7页 第7行"
    assert "项目支出" not in lines[2]  # 行政运行 prints no 项目支出: none written


def test_the_learned_draft_prints_the_spending_table_and_the_classes_as_published(tmp_path) -> None:
    """The learned draft's 支出总表 prints each line as published (201 一般公共服务支出 47,179.30 | 7,736.44 |
    39,442.86), its 合计 the 项 added once (50,616.94, not with the 类 and 款 again); the 收支总表's spending side
    prints the 类 (一般公共服务支出 47,179.30 … 住房保障支出 1,111.44)."""
    tables = _tables(tmp_path)
    spending = _rows(tables["支出总表"])
    assert spending["201"][:4] == ["一般公共服务支出", "47,179.30", "7,736.44", "39,442.86"]
    assert spending["2080506"][:3] == ["机关事业单位职业年金缴费支出", "427.19", "427.19"]
    assert spending["合计"][:3] == ["50,616.94", "11,056.07", "39,560.87"]
    summary = [[c.text for c in row.cells] for row in tables["收支总表"].body]
    spent = {row[2]: row[3] for row in summary if len(row) > 3}
    assert spent["一般公共服务支出"] == "47,179.30" and spent["住房保障支出"] == "1,111.44"


def test_the_general_table_of_the_year_s_appropriation_is_held_with_last_year_s_figures() -> None:
    """The 一般公共预算支出表 prints this year's appropriation alone (合计 16,474.82, the 财政拨款 classes spending the
    carry-over beside it: build.appropriation_of_the_year), no source of the fund's lines: held as printed, each line
    with 2025 年执行数 (上年执行数), it and this year's net of the central 基建 investment; the changes and their rates
    are sums the source does not state, never written."""
    lines = import_files([fresh_pdf(XINFANGJU)], None).imported.tree["表行"]["一般公共预算支出表"]
    first = {key: str(node.value) for key, node in lines[0].items()}
    assert first == {"功能分类": "201", "上年执行数": "33586.67", "扣除基建项目后执行数": "10044.47", "基本支出": "6668.44",
                     "项目支出": "6475.93", "扣除基建项目后预算数": "13144.37"}
    health = next(line for line in lines if line["功能分类"].value == 2101101)  # 行政单位医疗: 2025 only
    assert {key: str(node.value) for key, node in health.items()} == {
        "功能分类": "2101101", "上年执行数": "218.91", "扣除基建项目后执行数": "218.91"}


def test_the_learned_draft_prints_the_general_table_with_its_changes_as_published(tmp_path) -> None:
    """The learned draft's 一般公共预算支出表: 2025 年执行数 | 扣除后执行数 | 小计 | 基本支出 | 项目支出 | 扣除后预算数 |
    增减额 | 增减(%) | 增减额 | 增减(%), each line as published (the changes this year's less last year's; a line of
    2025 alone: −218.91, −100.00%)."""
    general = _rows(_tables(tmp_path)["一般公共预算支出表"])
    assert general["2014001"] == ["行政运行", "5,555.07", "5,555.07", "5,826.21", "5,826.21", "", "5,826.21",
                                  "271.14", "4.88%", "271.14", "4.88%"]
    assert general["2014002"][-4:] == ["670.85", "1009.71%", "670.85", "1009.71%"]
    assert general["2101101"] == ["行政单位医疗", "218.91", "218.91", "", "", "", "", "-218.91", "-100.00%",
                                  "-218.91", "-100.00%"]
    assert general["201"][-4:] == ["-20,442.30", "-60.86%", "3,099.90", "30.86%"]


def test_the_general_table_s_total_row_is_held_as_printed_a_tail_from_its_lines() -> None:
    """The 合计 row prints 2025 年执行数 37,241.42 and 13,699.22 net of 基建, each a 尾数 from its 项 added (each
    rounded from 元 on its own): written as printed (印出合计), traced to the row; this year's columns, the lines'
    sums, are not written."""
    tree = import_files([fresh_pdf(XINFANGJU)], None).imported.tree
    total = tree["印出合计"]["一般公共预算支出表"]["合计"]
    assert {key: str(node.value) for key, node in total.items()} == {"上年执行数": "37241.42", "扣除基建项目后执行数": "13699.22"}
    assert total["上年执行数"].where == "一般公共预算支出表 第11页 第17行"


def test_the_learned_draft_prints_the_general_table_s_total_row_as_published(tmp_path) -> None:
    """The learned draft's 合计 row as published: the 执行数 as printed, the changes from them (−20,766.60, −55.76 %)."""
    general = _rows(_tables(tmp_path)["一般公共预算支出表"])
    assert general["合计"] == ["37,241.42", "13,699.22", "16,474.82", "9,880.88", "6,593.94", "16,474.82", "-20,766.60",
                             "-55.76%", "2,775.60", "20.26%"]


def test_a_spending_table_printing_a_line_of_no_code_is_not_held() -> None:
    """江苏省政协办公厅 2018 (tests/fixtures/import/national): its lines no fund's either, but its 支出总表 prints its
    figures on a row of no code (5,678.17 | 3,314.68): no line of a table by function, nothing held as one."""
    tree = import_files([FIXTURES / "js-zhengxie-2018-p1-8-9-tables-p1to6.pdf"], None).imported.tree
    assert "表行" not in tree
