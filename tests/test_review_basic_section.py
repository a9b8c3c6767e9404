"""A 经济分类 class named under a heading of the basic spending (issue 54 part 5): 江苏省政协办公厅 2017 lists its classes
under “六、财政拨款基本支出预算表情况说明” (“（1）基本工资（款）支出 737.94 万元。”), sentences that do not say 基本支出
themselves — the heading does, and the class is the basic spending's. Under a heading that does not, or that speaks of
the project spending too, a class may be of all the spending and is not judged. The prose is pp. 10–11
(tests/fixtures/import/national/js-zhengxie-2017-p10.pdf); the source holds its 财政拨款基本支出预算表's classes."""

from __future__ import annotations

from pathlib import Path

from reportgen.review import Review
from tests.support.national import reviewed_against

PROSE = Path(__file__).parent / "fixtures" / "import" / "national" / "js-zhengxie-2017-p10.pdf"

SOURCE = """部门: 江苏省政协办公厅
年度: 2017
金额单位: 万元
部门概况:
  职责: [政协]
收入: {一般公共预算拨款: 5836.27}
支出:
  功能分类:
    - {科目: 2010201, 基本支出: 5836.27}
  基本支出:
    经济分类:
      - {科目: 30101, 金额: 737.94}
      - {科目: 30102, 金额: 1263.76}
      - {科目: 30103, 金额: 59.53}
      - {科目: 30107, 金额: 36.28}
      - {科目: 30301, 金额: 163}
      - {科目: 30302, 金额: 1329.42}
      - {科目: 30201, 金额: 2246.34}
不公开: [人员编制, 三公经费, 机关运行经费, 政府采购, 国有资产, 绩效管理]
"""


def _reviewed(tmp_path: Path, draft: Path) -> Review:
    return reviewed_against(tmp_path, SOURCE, draft)


def _statuses(result: Review) -> dict[str, str]:
    return {v.statement.text: v.status for v in result.verdicts if v.statement.kind == "amount"}


def test_a_class_under_a_heading_of_the_basic_spending_is_the_basic_spendings(tmp_path):
    statuses = _statuses(_reviewed(tmp_path, PROSE))
    assert [statuses[text] for text in ("737.94万元", "1,263.76万元", "163万元", "1,329.42万元")] == ["agree"] * 4


def test_a_class_under_a_heading_of_all_the_spending_is_not_judged(tmp_path):
    draft = tmp_path / "d.txt"
    draft.write_text("三、支出预算情况说明\n基本工资（款）支出 700 万元。\n\n四、基本支出和项目支出情况\n"
                     "津贴补贴（款）支出 1,200 万元。\n", encoding="utf-8")
    assert _statuses(_reviewed(tmp_path, draft)) == {"700万元": "unknown", "1,200万元": "unknown"}
