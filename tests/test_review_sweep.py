"""False alarms of `review` on documents nobody annotated (bench/corpus/sweep-2026-11-25.md), each class on a
page cut (pypdf) from the published document that showed it:

* 上海市职业能力考试院 2026 单位预算 (../shared/corpus/sh-city-zhiyenengli-2026-unit-budget.pdf pp. 7–10, 12) prints
  every 元 figure with only its last thousands separator (“125360,898”): one finding of the document's print,
  not one per cell, and the columns of its 两栏 tables read as set (a label is no 预算数, a blank no total);
* 深圳市水务局 2026 (gd-shenzhen-shuiwu pp. 12–13): one legal basis given for two projects is no repeated passage;
* 广州市规划和自然资源局 2026 (gd-guangzhou-guiziju p. 71): “本部门收入预算……主要原因是……” is the reason of the
  change of the department's 收支总计;
* 江苏省人民检察院 2017 (js-jianchayuan-2017 p. 13): the 支出经济分类 names before the 2018 reform (30307 医疗费,
  30311 住房公积金);
* 江苏省人大常委会办公厅 2018 (js-rendabangongting-2018 p. 11): a name centred on its row and wrapped above and
  below its figures (机关事业单位基本养老保险缴费支 / 2080505 580.01 / 出) is that row's name;
* 江苏省人民检察院 2017 (js-jianchayuan-2017 p. 22): a 机关运行经费 the text says counts projects' money is not held
  to be a part of 公用经费;
* tests/seeds/heldout: a text that states income and no spending is not called a malformed source."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from reportgen import codes
from reportgen.importing.text_parts import read_text_parts
from reportgen.readers.published import read_draft, read_published
from reportgen.reading.amounts import MISPLACED_SEPARATORS
from reportgen.review.documents import running_costs_with_projects_said, review_document
from reportgen.review.text_rules import read_text, text_rule_findings
from tests.clients import require_program

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "import" / "national"
HELDOUT = Path(__file__).resolve().parent / "seeds" / "heldout"
CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"


@pytest.fixture(scope="module", autouse=True)
def _poppler() -> None:
    require_program("pdftotext")


def test_figures_printed_with_misplaced_separators_are_one_finding_of_the_document() -> None:
    """上海市职业能力考试院 2026 prints every 元 figure over 999 with its last separator only (“7880,000”): what
    such a cell is, is not read, so no table holding one is read for sure — none of its sums is made as if the cell
    were 0 (the whole document was told 14 slips more: “收入总计 应为 0万元”, its income against its spending …).
    Its pp. 7, 10, 12: every table has such cells, so the document is 未能审核, the reason naming them."""
    result = review_document(FIXTURES / "sh-city-zhiyenengli-2026-p7-10-12.pdf", None)
    assert result.imported is None and result.outcome == "未能审核"
    said = result.unreviewed
    assert "认出了 4 张预算表，但没有一张的数能确定读出" in said and "千位分隔符印错了位置（如“7880,000”）" in said


@pytest.mark.skipif(not (CORPUS / "sh-city-zhiyenengli-2026-unit-budget.pdf").exists(),
                    reason="the national corpus (../shared/corpus) is not here")
def test_the_whole_document_with_misplaced_separators_is_told_them_once_and_nothing_made_of_them() -> None:
    result = review_document(CORPUS / "sh-city-zhiyenengli-2026-unit-budget.pdf", None)
    assert result.imported is not None
    told = [d for d in result.imported.differences if MISPLACED_SEPARATORS in d]
    assert len(told) == 1 and "104 格" in told[0]  # not one for each of its cells
    assert result.imported.differences == told
    errors = [f for f in [*result.checks, *(result.narrative.contradictions if result.narrative else [])]
              if f.severity == "error"]
    assert errors == []  # before: R-收支平衡, R-财政拨款一致, R-基本支出一致, R-绩效金额, R-核对 “应为 0万元” …


@pytest.mark.skipif(not (CORPUS / "sh-city-zhiyenengli-2026-unit-budget.pdf").exists(),
                    reason="the national corpus (../shared/corpus) is not here")
def test_tables_read_for_sure_printing_no_figure_beside_others_not_read_are_no_blank_template(tmp_path) -> None:
    """上海市职业能力考试院 2026 without its “三公” table (p. 19): the tables read for sure (its 政府性基金 and 国有资本
    tables) print no figure, the others are not read for sure — before: “这是一份空白模板”, of a document of figures."""
    from tests.support.national import without_pages

    cut = without_pages(CORPUS / "sh-city-zhiyenengli-2026-unit-budget.pdf", {19}, tmp_path / "without-19.pdf")
    said = review_document(cut, None).unreviewed
    assert "空白模板" not in said and "政府性基金预算支出表、国有资本经营预算支出表没有数字" in said
    assert "其余 6 张的数不能确定读出" in said and "千位分隔符印错了位置" in said


def test_one_basis_given_for_two_projects_is_no_repeated_passage() -> None:
    path = FIXTURES / "shenzhen-shuiwu-2026-p12-13.pdf"
    found = text_rule_findings(read_text(read_draft(path), 2026, str(path)))
    assert "R-重复段落" not in [f.rule for f in found]


def test_the_reason_of_the_departments_income_is_the_reason_of_its_total() -> None:
    parts = read_text_parts(read_draft(FIXTURES / "guangzhou-guiziju-2026-p71.pdf"))
    reason = parts.变动原因.get("收支总计")
    assert reason is not None and str(reason.value).startswith("落实零基预算改革")


_ECONOMIC_ROW = re.compile(r"^\s*(303\d\d)\s+(\S+)\s+[\d,.]+\s*$")  # 30307  医疗费  20.40


def test_economic_names_before_the_2018_reform_are_that_years_names() -> None:
    lines = read_draft(FIXTURES / "js-jianchayuan-2017-p13.pdf")  # its 基本支出 table's 303 rows
    rows = dict(m.groups() for line in lines if (m := _ECONOMIC_ROW.match(line.text)))
    assert rows["30307"] == "医疗费" and rows["30311"] == "住房公积金" and rows["30312"] == "提租补贴"
    assert {code: codes.name_status("经济分类", code, name, 2017) for code, name in rows.items()} \
        == dict.fromkeys(rows, "ok")
    # from 2018 those names are the old ones: told as such, not as another item's
    assert codes.name_status("经济分类", "30311", "住房公积金", 2018) == "outdated"
    assert codes.name_status("经济分类", "30307", "医疗费补助", 2018) == "ok"


def test_a_name_wrapped_above_and_below_its_figures_is_its_rows_name() -> None:
    (grid,) = read_published(FIXTURES / "js-rendabangongting-2018-p11.pdf").grids  # 公开05表, 功能科目
    rows = [[cell.text for cell in row] for row in grid.rows]
    assert ["2080505", "机关事业单位基本养老保险缴费支出", "580.01"] in rows
    assert ["2080506", "机关事业单位职业年金缴费支出", "232.01"] in rows  # the row below keeps its own
    assert not [row for row in rows if "出" in row]


def test_a_text_stating_no_spending_is_not_told_a_malformed_source() -> None:
    result = review_document(HELDOUT / "dean-shenjiju-2022.txt", None)
    assert not result.refused
    assert [f.message for f in result.checks if f.rule == "格式"] == []


def test_a_document_saying_its_running_costs_count_projects_is_not_held_to_its_public_costs() -> None:
    """江苏省人民检察院 2017 p. 22: “2017 年将涉及机关运行的项目经费支出纳入了本表” — its 机关运行经费 (6,032.55) is
    more than its 公用经费 (2,598.06) by the scope it states, not by a slip."""
    assert running_costs_with_projects_said(read_published(FIXTURES / "js-jianchayuan-2017-p22.pdf").lines, 2017)
    # 江苏省政协办公厅 2018 p. 15: “项目支出的日常公用经费支出不再列入其中” — the 公用经费's scope again: held to it
    assert not running_costs_with_projects_said(read_published(FIXTURES / "js-zhengxie-2018-p15.pdf").lines, 2018)
