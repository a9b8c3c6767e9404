"""Documents printed in shapes the corpus lacks, stood in for by cutting real ones (bench/cuts.py,
bench/corpus/cuts-2026-11-26.md): a document without its cover whose tables name no year takes the year its text
states its budget is of, and says where it read it; a 收支总表 whose income row names no source (广州's 一、预算拨款)
without the 财政拨款收支总表 that splits it writes the income in part, never as none; a page printed twice over is
read once.

The fixtures are page extracts (pypdf) of 广州市气象局 2026 (/work/shared/corpus, ORIGIN.md there): pp. 5–6, 12–13, 16
(its 收支总表 under the heading “第二部分 2026年部门预算表”, its tables' titles and headers naming no year, no cover,
no 财政拨款收支总表), and p. 14 printed twice then p. 15 (its 一般公共预算基本支出表)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from reportgen.importing.pipeline import import_files
from reportgen.importing.tree import Placed
from reportgen.review.documents import review_document
from tests.clients import require_program
from tests.support.national import without_pages

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "import" / "national"
NO_COVER = FIXTURES / "guangzhou-qixiangju-2026-p5-6-12-13-16.pdf"
TWICE = FIXTURES / "guangzhou-qixiangju-2026-p14-14-15.pdf"
SHENZHEN = FIXTURES / "shenzhen-minzheng-2026-p16-18.pdf"


@pytest.fixture(scope="module", autouse=True)
def _poppler() -> None:
    require_program("pdftotext")


def test_a_document_whose_tables_name_no_year_takes_the_year_its_text_states_and_says_where() -> None:
    year = import_files([NO_COVER], None).imported.tree["年度"]
    assert isinstance(year, Placed) and year.value == 2026
    assert year.where == "第1页 第1行"  # “第二部分 2026年部门预算表”, the line above the 收支总表's title


def test_the_year_a_table_header_names_says_where_it_is_printed() -> None:
    year = import_files([SHENZHEN], None).imported.tree["年度"]
    assert isinstance(year, Placed) and year.value == 2026 and year.where.startswith("第")


def test_an_income_row_of_no_source_without_the_table_that_splits_it_is_income_in_part_not_none() -> None:
    result = import_files([NO_COVER], None)
    income = result.imported.tree["收入"]
    assert isinstance(income, dict) and income["收入总计"].value == Decimal("7651.71")
    assert income["其余未公开"].value is True and "预算拨款" in income["其余未公开"].where
    review = review_document(NO_COVER, None)
    assert not review.unreviewed
    # before: 一般公共预算拨款 and 收入总计 taken as 0.00 — “不一致 7,651.71”, “不相等，相差 7,651.71万元”
    assert not [f for f in review.checks if f.severity == "error"]


def test_a_page_printed_twice_over_is_read_once_and_told() -> None:
    result = import_files([TWICE], None)
    assert any("第2页与前一页逐行相同" in note for note in result.notes)
    economic = result.imported.tree["支出"]["基本支出"]["经济分类"]
    codes = [row["科目"].value for row in economic if isinstance(row, dict) and "科目" in row]
    assert len(codes) == len(set(codes)) and 30101 in codes  # before: every 款 twice, “重复填报”
    # its lines are the table's, never a narrative's (佛山's 决算: “六、附属单位上缴收入 6” judged as a figure)
    assert "第2页 第7行" in result.read_places
    review = review_document(TWICE, None)
    assert not review.unreviewed and not [f for f in review.checks if f.severity == "error"]


GUIZIJU = Path("/work/shared/corpus/gd-guangzhou-guiziju-2026-dept-budget.pdf")




@pytest.mark.skipif(not GUIZIJU.exists(), reason="the national corpus (/work/shared/corpus) is not here")
def test_a_fund_table_not_printed_is_never_a_fund_spending_none(tmp_path: Path) -> None:
    """广州市规划和自然资源局 2026 (政府性基金预算拨款 909,936.12万元) without its 政府性基金预算支出表 (p. 19): that table
    is told missing, and the fund's spending is not taken as 0 — before: “政府性基金预算拨款 909,936.12万元 与……功能
    分类支出之和 0.00万元 不一致”, and the 财政拨款收支总表's 城乡社区支出 911,969.85 “而其组成部分之和为 2,033.73”."""
    review = review_document(without_pages(GUIZIJU, {19}, tmp_path / "without-19.pdf"), None)
    assert not review.unreviewed and review.imported is not None
    assert not [f for f in review.checks if f.rule == "R-财政拨款一致"]
    assert not [d for d in review.imported.differences if "城乡社区支出" in d]
    assert review.checklist["tables_missing"]


QIXIANGJU = Path("/work/shared/corpus/gd-guangzhou-qixiangju-2026-dept-budget.pdf")


@pytest.mark.skipif(not QIXIANGJU.exists(), reason="the national corpus (/work/shared/corpus) is not here")
def test_a_change_inside_a_bracket_is_the_bracket_items_not_the_one_the_clause_opens_with(tmp_path: Path) -> None:
    """广州市气象局 2026 without its “三公” table (p. 17): the text alone gives the parts, and “公务用车购置及运行维护费
    24.8万元（公务用车购置费0万元，比上年减少19.6万元；……）比上年减少25.05万元” compares 公务用车购置费, not the sum
    the clause opens with — before: the sum's 增减额 read as −19.6, and its printed −25.05 told “应为 减少19.60万元”."""
    review = review_document(without_pages(QIXIANGJU, {17}, tmp_path / "without-17.pdf"), None)
    assert review.imported is not None and review.narrative is not None
    three = review.imported.imported.tree["三公经费"]
    assert "增减额" not in three["公务用车购置及运行维护费"]
    assert not [v for v in review.narrative.verdicts if v.status == "disagree"]


LVHUA = Path("/work/shared/corpus/bj-shoudulvhuaban-2026-dept-budget.pdf")
LVHUA_TABLES = Path("/work/shared/corpus/bj-shoudulvhuaban-2026-dept-budget-tables.pdf")


@pytest.mark.skipif(not LVHUA_TABLES.exists(), reason="the national corpus (/work/shared/corpus) is not here")
def test_a_part_printed_as_tables_of_the_other_file_is_not_told_absent(tmp_path: Path) -> None:
    """首都绿化委员会办公室 2026's 情况说明 without its cover and 目录 (pp. 1–2, the only lines of it naming the
    项目支出绩效目标表), reviewed with its 报表, which prints them: its 绩效管理 is published as tables, not absent —
    before: “文件中没有‘绩效管理’这一部分”."""
    from reportgen.review.documents import review_together

    narrative = without_pages(LVHUA, {1, 2}, tmp_path / "without-1.pdf")
    review = review_together([narrative, LVHUA_TABLES], None)
    assert len(review) == 1 and review[0].narrative is not None  # one disclosure, its text judged
    assert not [f for f in review[0].checks if f.rule == "R-不公开" and "绩效" in f.message]


FOSHAN = Path("/work/shared/corpus/gd-foshan-guidaojiaotongju-2019-dept-final.pdf")


@pytest.mark.skipif(not FOSHAN.exists(), reason="the national corpus (/work/shared/corpus) is not here")
def test_a_final_account_without_its_cover_takes_the_year_its_text_states_its_final_account_is_of(
        tmp_path: Path) -> None:
    """佛山市轨道交通局 2019年部门决算 without its cover and 目录 (pp. 1–2): its tables' titles name no year, its text
    says “2019年部门决算” — the source is of 2019, said where, and its text judged as in the whole (91 agreeing);
    before: no year, not one figure of its text judged."""
    review = review_document(without_pages(FOSHAN, {1, 2}, tmp_path / "without-1.pdf"), None)
    assert review.imported is not None and review.narrative is not None
    year = review.imported.imported.tree["年度"]
    assert isinstance(year, Placed) and year.value == 2019 and year.where.startswith("第")
    assert review.narrative.counts["agree"] > 80


@pytest.mark.skipif(not QIXIANGJU.exists(), reason="the national corpus (/work/shared/corpus) is not here")
def test_without_the_general_budget_table_the_spending_table_is_not_told_different_from_none(tmp_path: Path) -> None:
    """广州市气象局 2026 without its 一般公共预算支出表 (pp. 12–13): the 支出总表's 项 are not laid against the fund
    tables' (before: 15 “2200599 其他气象事务支出 印作 262.00，而其组成部分之和为 0”), nor the 一般公共预算拨款 against
    function rows that are not that fund's."""
    review = review_document(without_pages(QIXIANGJU, {12, 13}, tmp_path / "without-12.pdf"), None)
    assert review.imported is not None and not review.imported.differences
    assert not [f for f in review.checks if f.severity == "error"]


SHENZHEN_MINZHENG = Path("/work/shared/corpus/gd-shenzhen-minzheng-2026-dept-budget.pdf")
XINGKEYUAN = Path("/work/shared/corpus/sh-city-xingkeyuan-2026-unit-budget.pdf")


@pytest.mark.skipif(not SHENZHEN_MINZHENG.exists(), reason="the national corpus (/work/shared/corpus) is not here")
def test_without_the_general_budget_table_the_spending_table_s_rows_are_no_fund_s_where_other_money_is_stated(
        tmp_path: Path) -> None:
    """深圳市民政局 2026 (政府性基金预算拨款 19,336.15万元) without its 一般公共预算支出表 (pp. 28–29): the 支出总表's rows
    are of all its money, not the 一般公共预算's — before: “政府性基金预算支出 19,336.15万元（应为 0.00万元）”, every
    row taken as the 一般公共预算's. They are not written as function rows; the 支出总表's 合计 is, as printed."""
    review = review_document(without_pages(SHENZHEN_MINZHENG, {28, 29}, tmp_path / "without-28.pdf"), None)
    assert not review.unreviewed and review.imported is not None and review.narrative is not None
    spending = review.imported.imported.tree["支出"]
    assert "功能分类" not in spending and isinstance(spending["合计"], Placed)
    assert not [v for v in review.narrative.verdicts if v.status == "disagree"]
    assert review.checklist["tables_missing"]


@pytest.mark.skipif(not XINGKEYUAN.exists(), reason="the national corpus (/work/shared/corpus) is not here")
def test_without_the_general_budget_table_the_text_s_fiscal_spending_by_class_is_not_judged(tmp_path: Path) -> None:
    """上海市刑事科学技术研究院 2026 (其他收入 400万元) without its 一般公共预算支出表 (pp. 13–14): the text's 财政拨款
    totals agree with the 财政拨款收支总表, and its classes (“科学技术支出”科目6,573万元, 59万元 …) are 未能核对 —
    before: “6,672万元（应为 7,072万元）”, “6,573万元（应为 6,973万元）”, the 支出总表's rows taken as the fund's."""
    review = review_document(without_pages(XINGKEYUAN, {13, 14}, tmp_path / "without-13.pdf"), None)
    assert not review.unreviewed and review.narrative is not None
    verdicts = review.narrative.verdicts
    assert not [v for v in verdicts if v.status == "disagree"]
    assert {v.status for v in verdicts if v.statement.value in (Decimal(6573), Decimal(59))} == {"unknown"}
    assert "agree" in {v.status for v in verdicts if v.statement.value == Decimal(6672)}


ZHUJIANJU = Path("/work/shared/corpus/sd-yantai-zhujianju-2026-dept-budget.pdf")


@pytest.mark.skipif(not ZHUJIANJU.exists(), reason="the national corpus (/work/shared/corpus) is not here")
@pytest.mark.parametrize("page", [24, 25], ids=["政府性基金预算支出表", "国有资本经营预算支出表"])
def test_a_fund_table_not_printed_leaves_the_text_judged_and_the_rest_by_function_unknown(
        page: int, tmp_path: Path) -> None:
    """烟台市住房和城乡建设局 2026 without its 政府性基金预算支出表 (p. 24) or its 国有资本经营预算支出表 (p. 25), the fund
    stated in its income: the 支出总表's rows less the fund tables' are not its own money (that fund's spending is in
    them) — before: written as 单位资金, their codes the fund table alone names (2230107) “在 2026 年的科目表中不存在”
    and none of the text judged, or “其中财政拨款45832.29万元（应为 42,026.09万元）”. The 一般公共预算's rows alone
    are written (功能分类口径), the 支出总表's totals as printed: the text judged, nothing told different."""
    review = review_document(without_pages(ZHUJIANJU, {page}, tmp_path / f"without-{page}.pdf"), None)
    assert not review.unreviewed and review.narrative is not None and review.imported is not None
    spending = review.imported.imported.tree["支出"]
    assert spending["功能分类口径"].value == "一般公共预算"
    assert spending["合计"].where.startswith("支出总表")
    assert review.narrative.counts["agree"] > 100  # of 159 in the whole
    assert not [v for v in review.narrative.verdicts if v.status == "disagree"]
    assert not [f for f in review.checks if f.severity == "error" and "科目表" in f.message]
