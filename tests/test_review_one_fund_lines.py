"""功能分类 lines the source knows as one fund's only (issue 54 part 5): 江苏's 支出预算总表 prints its 合计 alone, so
a department's lines by function are the 一般公共预算支出表's (功能分类口径: 一般公共预算). A sentence naming such a
line is judged against that fund's part — “1．检察（款）行政运行（项）支出 7968.14 万元” agrees — but a figure that
differs, where nothing names 一般公共预算, may be of all the money and is not judged: “1．公共安全（类）支出 13656.34
万元” of the 支出预算总计, which holds 其他资金 15 万元 the fund's 13,641.34 does not. The prose is 江苏省人民检察院
2017's pp. 19–20 (tests/fixtures/import/national/js-jianchayuan-2017-p19.pdf); the source holds its 一般公共预算支出表."""

from __future__ import annotations

from pathlib import Path

from reportgen.review import Review
from tests.support.national import reviewed_against

PROSE = Path(__file__).parent / "fixtures" / "import" / "national" / "js-jianchayuan-2017-p19.pdf"

SOURCE = """部门: 江苏省人民检察院
年度: 2017
金额单位: 万元
部门概况:
  职责: [检察]
收入: {一般公共预算拨款: 17981.68, 财政拨款收入: 17981.68, 其余未公开: true}
支出:
  功能分类:
    - {科目: 2040401, 合计: 7968.14}
    - {科目: 2040402, 合计: 3644.2}
    - {科目: 2040404, 名称: 查办和预防职务犯罪, 合计: 480}
    - {科目: 2040405, 名称: 公诉和审判监督, 合计: 150}
    - {科目: 2040406, 名称: 侦查监督, 合计: 100}
    - {科目: 2040499, 合计: 1299}
    - {科目: 2080504, 名称: 未归口管理的行政单位离退休, 合计: 2021.18}
    - {科目: 2210201, 合计: 784.22}
    - {科目: 2210202, 合计: 1534.94}
  功能分类口径: 一般公共预算
不公开: [人员编制, 三公经费, 机关运行经费, 政府采购, 国有资产, 绩效管理]
"""


def _reviewed(tmp_path: Path) -> Review:
    return reviewed_against(tmp_path, SOURCE, PROSE, despite_errors=True)  # as a document is reviewed


def _verdict(result: Review, text: str) -> tuple[str, str]:
    (verdict,) = [v for v in result.verdicts if v.statement.kind == "amount" and v.statement.text == text]
    return verdict.status, verdict.cause


def test_a_line_of_the_one_fund_the_source_knows_is_judged_against_that_funds_part(tmp_path):
    assert _verdict(_reviewed(tmp_path), "7968.14万元") == ("agree", "")


def test_a_line_that_differs_where_nothing_names_the_fund_is_not_judged(tmp_path):
    status, cause = _verdict(_reviewed(tmp_path), "13656.34万元")
    assert status == "unknown" and "一般公共预算" in cause
    assert not [v for v in _reviewed(tmp_path).verdicts if v.status == "disagree" and v.figure
                and v.figure.name in ("公共安全支出", "检察", "行政运行")]


def test_a_budgets_fiscal_total_all_spent_this_year_is_its_income_and_spending_total(tmp_path):
    """江苏's “……2018 年度财政拨款收支预算 10,070.48 万元” (江苏省政协办公厅 2018, worded so for this source): the
    财政拨款 income, all of it spent this year (none carried over), is the 财政拨款收支总计 on either side."""
    draft = tmp_path / "d.txt"
    draft.write_text("四、财政拨款收支预算总体情况说明\n江苏省人民检察院2017年度财政拨款收支预算17,981.68万元。\n",
                     encoding="utf-8")
    result = reviewed_against(tmp_path, SOURCE, draft, despite_errors=True)
    (verdict,) = [v for v in result.verdicts if v.statement.kind == "amount"]
    assert (verdict.status, verdict.figure.name if verdict.figure else "") == ("agree", "财政拨款收支总计")
