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
  to be a part of 公用经费, nor its 机关运行经费表's lines judged by its 基本支出表's (pp. 1, 14, 15, 22); a clause of
  another year's basis does not say so (js-jianchayuan-2018 p. 29, js-gaoyuan-2018 p. 24);
* 江苏省高级人民法院 2018 (js-gaoyuan-2018): a 国有资产 part not printed is a note where only the national rule asks it;
* tests/seeds/heldout: a text that states income and no spending is not called a malformed source."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

from reportgen import codes
from reportgen.cli import main
from reportgen.importing.text.text_parts import read_text_parts
from reportgen.readers.published import read_draft, read_published
from reportgen.reading.amounts import MISPLACED_SEPARATORS
from reportgen.review import RUNNING_WITH_PROJECTS
from reportgen.review.documents import review_document, running_costs_with_projects_said
from reportgen.review.text_rules import read_text, text_rule_findings
from reportgen.shaping.layouts import regional, resolve
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
    # each table is told so, as what its figures are printed with (not a header it could not read), and never mended
    tables = [n for n in result.imported.notes if "格的千位分隔符印错了位置" in n]
    assert len(tables) == 6 and all("导入不按猜测修补" in n and "表头未能逐列认定" not in n for n in tables), tables
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
    # a clause of another year's basis: 检察院 2018 p. 29 “2017 年将涉及机关运行的项目经费支出纳入了本表，如……项目中的运行
    # 维护费均计入机关运行费支出中，2018 年项目中的上述费用未纳入……”, 高院 2018 p. 24 “上年机关运行经费统计口径含单位发展
    # 项目经费中商品服务支出……” — their own year's 机关运行经费 is the 公用经费's: held to it
    assert not running_costs_with_projects_said(read_published(FIXTURES / "js-jianchayuan-2018-p29.pdf").lines, 2018)
    assert not running_costs_with_projects_said(read_published(FIXTURES / "js-gaoyuan-2018.pdf").lines, 2018)


def test_the_lines_of_a_running_costs_table_that_counts_projects_are_not_judged_by_the_basic_table() -> None:
    """江苏省人民检察院 2017 pp. 1, 14, 15, 22: its 机关运行经费表 (p. 15: 办公费（30201） 138.00, 差旅费（30211）
    1,070.00 …) counts projects' money (p. 22), so its lines are not the 基本支出表's (p. 14) of their names: none is told
    agreeing (办公费 138.00 equals the 基本支出's by chance) nor differing, and R-机关运行经费 is a note, not an error."""
    result = review_document(FIXTURES / "js-jianchayuan-2017-p1-14-15-22.pdf", None)
    assert result.narrative is not None
    cells = [v for v in result.narrative.verdicts if "机关运行经费" in v.statement.table]
    assert len(cells) >= 10 and all(v.status == "unknown" for v in cells)
    told = RUNNING_WITH_PROJECTS.format(running="机关运行经费表")  # the table named by its kind's 编号
    assert any(v.cause == told and v.statement.label == "办公费（30201）" for v in cells)
    assert not [f for f in result.checks if f.rule == "R-机关运行经费"]
    assert [h.message.split("：")[0] for h in result.hints if h.rule == "R-机关运行经费"] == [
        "机关运行经费 6,032.55万元 超过了基本支出中的公用经费 2,598.06万元"]


def test_the_import_writes_the_running_costs_scope_the_text_states(tmp_path, capsys) -> None:
    """江苏省人民检察院 2017: the sentence saying its 机关运行经费 counts projects' money becomes the source's
    机关运行经费.说明 (it was “没有写入源文件的任何字段”), so `check` of the import holds 6,032.55 to no 公用经费
    (an error before). The four pages are a cut of the document: what else the import tells is the cut's (its
    机关运行经费表 runs on to a page not in the cut: the lines of p. 15 do not make its 合计, R-机关运行经费 tells that)."""
    source = tmp_path / "检察院.yaml"
    main(["import", str(FIXTURES / "js-jianchayuan-2017-p1-14-15-22.pdf"), "-o", str(source)])
    tree = yaml.safe_load(source.read_text(encoding="utf-8"))
    assert tree["机关运行经费"]["本年"] == 6032.55
    assert tree["机关运行经费"]["说明"].startswith("2017年将涉及机关运行的项目经费支出纳入了本表")
    capsys.readouterr()
    main(["check", "--format", "json", str(source)])
    report = json.loads(capsys.readouterr().out)
    running = [f["message"] for f in report[0]["findings"] if f["rule"] == "R-机关运行经费"]
    assert running and not [message for message in running if "公用经费" in message]


def test_a_part_the_national_rule_asks_only_gradually_is_a_note_where_no_local_rule_requires_it() -> None:
    """江苏省高级人民法院 2018 prints no 国有资产 part: 财预〔2016〕143号 asks 国有资产占用 and 绩效 only “逐步公开”, and no
    rule of 江苏 known here requires it — a note (提示), not a warning; 上海's and 山东's layouts require both (须公开)."""
    result = review_document(FIXTURES / "js-gaoyuan-2018.pdf", None)
    assert not [f for f in result.checks if f.rule == "R-不公开"]
    assert [h.message[:15] for h in result.hints if h.rule == "R-不公开"] == ["文件中没有“国有资产”这一部分"]
    assert regional("烟台市教育局") == "山东" and regional("上海市普陀区司法局") == "上海"
    assert regional("江苏省高级人民法院") is None
    assert resolve("上海").required_parts == resolve("山东").required_parts == frozenset({"国有资产", "绩效管理"})
    assert resolve(None).required_parts == frozenset()


def test_a_note_in_the_review_s_json_says_it_is_a_note(tmp_path: Path) -> None:
    """A program reading `review --format json` counts `checks`; a note (江苏高院 2018's 国有资产, asked only 逐步公开)
    is under `hints` with severity “note”, never the “warning” its rule gives a source, and the outcome ignores it."""
    import json

    from tests.support.cli import reportgen

    done = reportgen("review", FIXTURES / "js-gaoyuan-2018.pdf", "--format", "json")
    assert "内部错误" not in done.stderr, done.stderr
    [document] = json.loads(done.stdout)
    hints = [h for h in document["hints"] if h["rule"] == "R-不公开"]
    assert hints and {h["severity"] for h in hints} == {"note"}
    assert not [f for f in document["checks"] if f["rule"] == "R-不公开"]
