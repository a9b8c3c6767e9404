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
from reportgen.importing.recognize import _of_year
from reportgen.importing.tree import Placed
from reportgen.review.documents import review_document

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
