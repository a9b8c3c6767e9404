"""A “三公” part named as 江苏 names it (issue 54 part 5): “1．因公出国（境）费预算支出170万元” (or “…费支出”) is the 因公出国（境）费
budgeted; “3．公务接待费预算支出183.95万元” under the “三公” heading is the “三公” part, though the basic spending's
30217 shares its name with another figure (48.95) — where nothing says 三公, or the sentence speaks of the basic
spending, the name stays ambiguous and is not judged. The prose is 江苏省高级人民法院 2018's pp. 22–23
(tests/fixtures/import/national/js-gaoyuan-2018-p22.pdf); the source holds the figures its tables print."""

from __future__ import annotations

from pathlib import Path

from reportgen.review import Review
from tests.support.national import reviewed_against

FIXTURES = Path(__file__).parent / "fixtures" / "import" / "national"
PROSE = FIXTURES / "js-gaoyuan-2018-p22.pdf"

# its 三公经费支出表 (p. 14) and 30217/30231 of its 一般公共预算基本支出表 (pp. 13–14); the prior year as the
# prose's changes give it
SOURCE = """部门: 江苏省高级人民法院
年度: 2018
金额单位: 万元
部门概况:
  职责: [审判]
收入:
  一般公共预算拨款: 18570.82
支出:
  功能分类:
    - {科目: 2040501, 基本支出: 18570.82}
  基本支出:
    经济分类:
      - {科目: 30217, 金额: 48.95}
      - {科目: 30231, 金额: 266.8}
      - {科目: 30101, 金额: 18255.07}
三公经费:
  因公出国（境）费: {本年: 170, 上年: 180}
  公务用车购置费: {本年: 0, 上年: 0}
  公务用车运行维护费: {本年: 266.8, 上年: 304.4}
  公务接待费: {本年: 183.95, 上年: 185.72}
不公开: [人员编制, 机关运行经费, 政府采购, 国有资产, 绩效管理]
"""


def _reviewed(tmp_path: Path, draft: Path) -> Review:
    return reviewed_against(tmp_path, SOURCE, draft)


def _verdicts(result: Review, label: str) -> list[tuple[str, str, str]]:
    return [(v.statement.kind, v.status, v.figure.name if v.figure else "") for v in result.verdicts
            if v.statement.label == label]


def test_a_three_public_part_said_as_its_budgeted_spending_is_that_part(tmp_path):
    result = _reviewed(tmp_path, PROSE)
    assert _verdicts(result, "1．因公出国（境）费预算支出") == [
        ("amount", "agree", "因公出国（境）费"), ("change", "agree", "因公出国（境）费")]


def test_a_name_the_basic_spending_shares_is_the_three_public_part_under_the_three_public_heading(tmp_path):
    result = _reviewed(tmp_path, PROSE)
    assert _verdicts(result, "3．公务接待费预算支出") == [
        ("amount", "agree", "公务接待费"), ("change", "agree", "公务接待费")]
    assert ("amount", "agree", "公务用车运行维护费") in _verdicts(result, "公务用车运行维护费预算支出")
    parts = {"因公出国（境）费", "公务用车购置费", "公务用车运行维护费", "公务接待费", "公务用车购置及运行维护费"}
    assert not [v for v in result.verdicts if v.status == "disagree" and v.figure and v.figure.name in parts]


def test_the_shared_name_stays_unjudged_where_nothing_says_three_public_or_the_basic_spending_is_spoken_of(tmp_path):
    draft = tmp_path / "d.txt"
    draft.write_text("五、其他说明\n公务接待费预算支出183.95万元。\n\n“三公”经费预算情况\n"
                     "基本支出中，公务接待费预算支出48.95万元。\n", encoding="utf-8")
    result = _reviewed(tmp_path, draft)
    assert [(v.statement.text, v.status) for v in result.verdicts if v.statement.kind == "amount"] == [
        ("183.95万元", "unknown"), ("48.95万元", "unknown")]


def test_a_three_public_part_said_as_spent_is_that_part_and_its_share_of_the_three_public(tmp_path):
    """“因公出国（境）费支出170万元，占“三公”经费的27.39%；……公务接待费支出183.95万元，占“三公”经费的29.63%”."""
    result = _reviewed(tmp_path, PROSE)
    assert _verdicts(result, "因公出国（境）费支出") == [
        ("amount", "agree", "因公出国（境）费"), ("share", "agree", "因公出国（境）费")]
    assert _verdicts(result, "公务接待费支出") == [("amount", "agree", "公务接待费"), ("share", "agree", "公务接待费")]
