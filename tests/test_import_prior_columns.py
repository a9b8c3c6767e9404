"""A table's columns of last year's budget kept as the source's 上年, and the changes the text states judged
against them (bench/corpus/priorcols-2026-11-26.md).

烟台's 一般公共预算“三公”经费支出情况表 (公开表7, every 烟台 document of the national corpus) sets “2025年预算数” over its
first six columns and “2026年预算数” over the same six: the first six are each item's 上年. The fixture is pages 1,
23 and 34 of 烟台市人力资源和社会保障局 2026 (/work/shared/corpus/sd-yantai-renshe-2026-dept-budget.pdf, pypdf): the cover,
the “三公” table (2025: 20.60, blank, 8.00, blank, 8.00, 12.60; 2026: 20.60, 5.00, 4.00, blank, 4.00, 11.60) and the
text's “三公” paragraph."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from reportgen.importing.pipeline import import_files
from reportgen.importing.recognition.recognize import _of_year
from reportgen.importing.tree import Placed
from reportgen.readers.text.lines import Line
from reportgen.readers.text.statements import read_statements
from reportgen.review.documents import review_document
from reportgen.runners.render import check_findings

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "import" / "national"
RENSHE = FIXTURES / "yantai-renshe-2026-p1-23-34.pdf"
CORPUS = Path("/work/shared/corpus")


def _value(node: object) -> object:
    return node.value if isinstance(node, Placed) else node


def test_the_three_public_columns_under_last_year_s_budget_are_each_item_s_prior() -> None:
    result = import_files([RENSHE], None)
    section = result.imported.tree["三公经费"]
    assert {item: (_value(node["本年"]), _value(node["上年"])) for item, node in section.items()} == {
        "因公出国（境）费": (Decimal("50000"), Decimal("0")), "公务用车购置费": (Decimal("0"), Decimal("0")),
        "公务用车运行维护费": (Decimal("40000"), Decimal("80000")), "公务接待费": (Decimal("116000"), Decimal("126000"))}
    # the text's changes are not written as 增减额 (the table gives 上年); their reasons are kept, having a prior
    assert all("增减额" not in node for node in section.values())
    assert _value(section["公务接待费"]["原因"]) == "严格落实“过紧日子”要求，减少公务接待次数及费用"
    columns = result.imported.tables["三公经费支出表"].columns
    assert sorted(columns.values())[:2] == ["上年预算数·公务接待费", "上年预算数·公务用车购置及运行维护费"]


def test_a_column_under_another_year_s_execution_or_an_older_year_is_not_last_year_s_budget() -> None:
    """Only the budget of the year before (2025年预算数 in a 2026 table) is 上年: 2025年执行数 (spending, not its budget)
    and 2024年预算数 stay read and not used."""
    assert _of_year(["2025年预算数", "合计"], [True, False], "合计", 2026) == "上年预算数·合计"
    assert _of_year(["2025年执行数", "合计"], [True, False], "合计", 2026) == "2025年·合计"
    assert _of_year(["2024年预算数", "合计"], [True, False], "合计", 2026) == "2024年·合计"
    assert _of_year(["2026年预算数", "合计"], [True, False], "合计", 2026) == "合计"


@pytest.mark.skipif(not (CORPUS / "sd-yantai-xuanchuanbu-2026-dept-budget.pdf").exists(),
                    reason="the national corpus (/work/shared/corpus) is not here")
@pytest.mark.parametrize(("name", "judged"), [
    ("sd-yantai-renshe-2026-dept-budget.pdf", {"与上年基本持平", "比上年增加5万元", "比上年减少4万元", "下降50%",
                                               "比上年减少1万元", "下降7.94%"}),
    ("sd-yantai-xuanchuanbu-2026-dept-budget.pdf", {"比上年减少3.4万元", "下降11.1%", "与上年基本持平",
                                                    "比上年减少0.4万元", "下降100%", "比上年减少3万元", "下降36.5%"}),
])
def test_the_text_s_changes_of_the_three_public_parts_are_judged_by_the_table_s_prior(name: str, judged: set[str]) -> None:
    """Each change, rate and 持平 of the “三公” paragraph agrees with the table's two years — judged by the table, not
    borne out by its own sentence (within) nor 未能核对 (“源文件没有可比的上年数”, before)."""
    result = review_document(CORPUS / name, None)
    assert result.narrative is not None
    three = [v for v in result.narrative.verdicts if v.statement.kind in ("change", "rate", "flat")
             and v.subject in ("“三公”经费", "因公出国（境）费", "公务用车购置费", "公务用车运行维护费", "公务接待费")]
    assert {v.statement.text for v in three if v.status == "agree"} == judged
    # 人社局's 因公出国（境）费 “比上年增加5万元，增长100%” from a blank 2025 cell: no rate from zero (R-句内矛盾), not judged
    assert [(v.statement.text, v.status) for v in three if v.status != "agree"] == (
        [("增长100%", "unknown")] if "renshe" in name else [])


# A web page's 一般公共预算支出表 set out as 云南's pages set theirs (科目 | 2025年预算数 | 2026年预算数 | 增减额 | 增减%,
# tests/test_reading_other_regions.py), with the sentence its text states of it; the figures are ours.
PAGE = """<html><head><meta charset="utf-8"></head><body>
<h1>某镇人民政府2026年部门预算</h1>
<p>2026年一般公共预算支出330.00万元，比上年{change}，增长10%。</p>
<p style="text-align:center"><strong>表5 一般公共预算支出表</strong></p>
<table border="1">
<tr><td colspan="6">单位名称：某镇人民政府　　单位：万元</td></tr>
<tr><td>科目编码</td><td>科目名称</td><td>2025年预算数</td><td>2026年预算数</td><td>增减额</td><td>增减%</td></tr>
<tr><td></td><td>合计</td><td>300.00</td><td>330.00</td><td>30.00</td><td>10.00</td></tr>
<tr><td>201</td><td>一般公共服务支出</td><td>300.00</td><td>330.00</td><td>30.00</td><td>10.00</td></tr>
<tr><td>20101</td><td>人大事务</td><td>300.00</td><td>330.00</td><td>30.00</td><td>10.00</td></tr>
<tr><td>2010101</td><td>行政运行</td><td>200.00</td><td>210.00</td><td>10.00</td><td>5.00</td></tr>
<tr><td>2010102</td><td>一般行政管理事务</td><td>100.00</td><td>120.00</td><td>20.00</td><td>20.00</td></tr>
</table></body></html>"""


def _page(tmp_path: Path, change: str) -> Path:
    page = tmp_path / "某镇2026年部门预算.html"
    page.write_text(PAGE.format(change=change), encoding="utf-8")
    return page


def test_a_general_budget_table_s_column_of_last_year_gives_its_total_s_prior(tmp_path: Path) -> None:
    """The 合计 row's 2025年预算数 is 上年.一般公共预算; each line's 2026年预算数, the one figure of this year, its 合计;
    the 增减% column is no sum of its lines (no difference told of 20101's 10.00 against 5.00 + 20.00)."""
    result = import_files([_page(tmp_path, "增加30.00万元")], None)
    assert _value(result.imported.tree["上年"]["一般公共预算"]) == Decimal("300")
    lines = result.imported.tree["支出"]["功能分类"]
    assert [(_value(line["科目"]), _value(line["合计"])) for line in lines] == [(2010101, Decimal("210")),
                                                                             (2010102, Decimal("120"))]
    assert result.differences == []


@pytest.mark.parametrize(("change", "status"), [("增加30.00万元", "agree"), ("增加40.00万元", "disagree")])
def test_the_text_s_change_of_the_general_budget_is_judged_by_the_table_s_prior(
        tmp_path: Path, change: str, status: str) -> None:
    result = review_document(_page(tmp_path, change), None)
    assert result.narrative is not None
    verdicts = {v.statement.kind: v for v in result.narrative.verdicts if v.subject == "一般公共预算支出"}
    assert verdicts["change"].status == status and verdicts["amount"].status == "agree"
    assert verdicts["change"].expected == ("" if status == "agree" else "增加30.00万元")


# The same page with sentences of its 项 lines, worded as 江苏's texts word theirs (“政协事务（款）行政运行（项）支出
# 3,233.03 万元，与上年相比……”, js-zhengxie-2017): each line's change is judged by the line's 2025年预算数 (lineprior).
LINES = ("<p>1.一般公共服务支出（类）人大事务（款）行政运行（项）支出210.00万元，比上年{line}，增长5%。</p>"
         "<p>2.人大事务（款）一般行政管理事务（项）支出120.00万元，与上年相比增加20.00万元，增长20%。</p>")


def _lines_page(tmp_path: Path, line: str) -> Path:
    page = tmp_path / "某镇2026年部门预算.html"
    page.write_text(PAGE.replace("<p style", LINES + "<p style", 1).format(change="增加30.00万元", line=line), encoding="utf-8")
    return page


def test_each_line_s_column_of_last_year_is_that_line_s_prior_of_its_fund(tmp_path: Path) -> None:
    """Each 项 of the 一般公共预算支出表 is written with its 2025年预算数 as its 上年: a line of that fund (no 资金: the
    default 一般公共预算), never 上年.功能分类 (the code's spending of every fund)."""
    result = import_files([_lines_page(tmp_path, "增加10.00万元")], None)
    lines = result.imported.tree["支出"]["功能分类"]
    assert [(_value(line["科目"]), _value(line["合计"]), _value(line["上年"])) for line in lines] == [
        (2010101, Decimal("210"), Decimal("200")), (2010102, Decimal("120"), Decimal("100"))]
    assert all("资金" not in line for line in lines) and "功能分类" not in result.imported.tree["上年"]
    assert result.differences == []


@pytest.mark.parametrize(("line", "status"), [("增加10.00万元", "agree"), ("增加12.00万元", "disagree")])
def test_a_line_s_change_in_the_text_is_judged_by_the_line_s_prior(tmp_path: Path, line: str, status: str) -> None:
    """“行政运行（项）支出210.00万元，比上年增加10.00万元” agrees with 210.00 − 200.00; a planted 12.00 is found (expected
    增加10.00万元); the other line and its rate are judged, not left 未能核对."""
    result = review_document(_lines_page(tmp_path, line), None)
    assert result.narrative is not None
    verdicts = {(v.subject, v.statement.kind): v for v in result.narrative.verdicts if v.statement.kind != "cell"}
    change = verdicts[("行政运行", "change")]
    assert (change.status, change.expected) == (status, "" if status == "agree" else "增加10.00万元")
    assert {k: v.status for k, v in verdicts.items() if k[0] != "行政运行"} == {
        ("一般公共预算支出", "amount"): "agree", ("一般公共预算支出", "change"): "agree", ("一般公共预算支出", "rate"): "agree",
        ("一般行政管理事务", "amount"): "agree", ("一般行政管理事务", "change"): "agree", ("一般行政管理事务", "rate"): "agree"}


def test_check_holds_the_lines_prior_to_the_fund_s_prior_total(tmp_path: Path) -> None:
    """The lines' 上年 are a part of 上年.一般公共预算: more than it (a 250 planted for 200) is an error of check."""
    source = tmp_path / "某镇.yaml"
    text = ("部门: 某镇人民政府\n年度: 2026\n金额单位: 万元\n上年:\n  一般公共预算: 300\n部门概况:\n  职责: [负责本镇事务]\n"
            "收入:\n  一般公共预算拨款: 330\n支出:\n  功能分类:\n    - {{科目: 2010101, 合计: 210, 上年: {last}}}\n"
            "    - {{科目: 2010102, 合计: 120, 上年: 100}}\n"
            "不公开: [人员编制, 三公经费, 机关运行经费, 政府采购, 国有资产, 绩效管理, 经济分类明细]\n")
    for last, found in (("200", []), ("250", ["功能分类各行（一般公共预算）的上年之和 350.00万元，大于上年.一般公共预算 300.00万元"])):
        source.write_text(text.format(last=last), encoding="utf-8")
        assert [f.message for f in check_findings(source) if f.rule == "R-填报合计"] == found


def test_a_real_general_budget_table_without_last_year_gives_its_lines_no_prior() -> None:
    """烟台市医疗保障局 2026's 一般公共预算支出情况表 (pages 15–16, /work/shared/corpus/sd-yantai-yibaoju-2026-dept-budget.pdf)
    prints this year only: its lines are read, and none is given a 上年 (none is invented)."""
    result = import_files([FIXTURES / "yantai-yibaoju-2026-p15-16.pdf"], None)
    lines = result.imported.tree["支出"]["功能分类"]
    assert lines and all("上年" not in line for line in lines) and "上年" not in result.imported.tree


MIXED = """部门: 某镇人民政府
年度: 2026
金额单位: 万元
上年:
  一般公共预算: 300
部门概况:
  职责: [负责本镇事务]
收入:
  一般公共预算拨款: 330
  事业收入: 40
支出:
  功能分类:
    - {科目: 2010101, 合计: 210, 上年: 200}
    - {科目: 2010101, 合计: 40, 资金: 单位资金}
    - {科目: 2010102, 合计: 120, 上年: 100}
不公开: [人员编制, 三公经费, 机关运行经费, 政府采购, 国有资产, 绩效管理, 经济分类明细]
"""


def test_a_line_s_prior_of_one_fund_is_never_set_against_the_line_of_every_fund(tmp_path: Path) -> None:
    """行政运行 spends 210 of 一般公共预算 and 40 of 单位资金: its 上年 200 is the 一般公共预算 line's, so the figure of the
    line (250 万元, every fund; figures in 元) has no prior year (a change of it is 未能核对, not 50 against 200); 一般行政管理事务, all of it
    一般公共预算, keeps its 上年 100."""
    from reportgen.review.glossary import Glossary
    from reportgen.runners.render import prepare

    source = tmp_path / "某镇.yaml"
    source.write_text(MIXED, encoding="utf-8")
    prepared = prepare(source)
    assert prepared.budget is not None and prepared.figures is not None
    glossary = Glossary(prepared.budget, prepared.figures)
    assert (glossary.codes["2010101"].current, glossary.codes["2010101"].prior) == (Decimal("2500000"), None)
    assert (glossary.codes["2010102"].current, glossary.codes["2010102"].prior) == (Decimal("1200000"), Decimal("1000000"))


@pytest.mark.parametrize("said", ["行政运行（2010101）2026年预算数", "（1）行政运行（2010101）：2026年预算",
                                  "机关事业单位基本养老保险缴费支出（2080505）2026年预算数为"])
def test_a_line_named_by_its_code_before_the_year_s_budget_is_the_line(said: str) -> None:
    """“……（2080505）2026年预算数X万元，比上年增加Y万元”: the amount is the coded line's (its label the name and code),
    not a figure labelled “2026年预算数” (no subject: borne out by its own sentence only) nor “2026年预算” (read as the
    支出总计 before: a false 不一致 of the line's 210.00 against the whole)."""
    (amount, *_) = [st for st in read_statements([Line(1, f"{said}210.00万元，比上年增加10.00万元，增长5%。")]) if st.kind == "amount"]
    name = said.removeprefix("（1）").split("）")[0] + "）"
    assert amount.label == name


@pytest.mark.parametrize(("line", "status"), [("增加10.00万元", "agree"), ("增加12.00万元", "disagree")])
def test_a_coded_line_s_change_is_judged_by_the_line_s_prior(tmp_path: Path, line: str, status: str) -> None:
    """“（1）行政运行（2010101）：2026年预算210.00万元，比上年增加10.00万元” (the brief's form): its amount agrees with the
    line, and its change is judged by the line's 上年 — a planted 12.00 is found."""
    page = tmp_path / "某镇2026年部门预算.html"
    sentence = f"<p>（1）行政运行（2010101）：2026年预算210.00万元，比上年{line}，增长5%。</p>"
    page.write_text(PAGE.replace("<p style", sentence + "<p style", 1).format(change="增加30.00万元"), encoding="utf-8")
    result = review_document(page, None)
    assert result.narrative is not None
    verdicts = {v.statement.kind: v for v in result.narrative.verdicts if v.subject == "行政运行"}
    assert (verdicts["amount"].status, verdicts["change"].status, verdicts["rate"].status) == ("agree", status, "agree")
