"""Every cause the reviewer gives, triggered by the figures that show it and by nothing else (issue 25:
“every rule id and every cause has a test that triggers it”). Each case is a one-line source and one
sentence; the verdict on the sentence's figure and its cause are asserted."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from reportgen.review import review
from reportgen.review.sentences.judge import Verdict

ROOT = Path(__file__).resolve().parent.parent
WITHHELD = "不公开: [人员编制, 三公经费, 机关运行经费, 政府采购, 国有资产, 绩效管理]\n"


def _verdict(tmp_path: Path, unit: str, prior: str, spending: str, sentence: str, printed: str) -> Verdict:
    """The verdict on the figure printed as ``printed`` in ``sentence``, against a source whose one
    line of spending is ``spending`` (its 基本支出 items) and whose 上年 is ``prior`` (or none)."""
    rows = "".join(f"    - {{科目: {code}, 基本支出: {amount}}}\n" for code, amount in
                   (item.split(":") for item in spending.split()))
    total = sum((Decimal(item.split(":")[1]) for item in spending.split()), Decimal(0))
    source = tmp_path / "s.yaml"
    source.write_text(f"部门: 某单位\n年度: 2025\n金额单位: {unit}\n部门概况:\n  职责: [某职责]\n"
                      + (f"上年:\n  {prior}\n" if prior else "")
                      + f"收入:\n  一般公共预算拨款: {total}\n支出:\n  功能分类:\n{rows}" + WITHHELD, encoding="utf-8")
    draft = tmp_path / "d.txt"
    draft.write_text(sentence, encoding="utf-8")
    result, problems = review(source, draft)
    assert result is not None, problems
    (verdict,) = [v for v in result.verdicts if v.statement.text == printed]
    return verdict


CASES = [
    # (unit, prior, spending, sentence, printed figure, status, what the cause says)
    ("万元", "", "2012901:10.0876", "收入预算10.08万元。", "10.08万元", "disagree", "截尾而非四舍五入"),
    ("元", "", "2012901:100", "收入预算100.00万元。", "100.00万元", "disagree", "疑把元数写成了万元"),
    ("万元", "收支总计: 80", "2012901:100", "收入预算80.00万元。", "80.00万元", "disagree", "疑写成了上年数"),
    ("万元", "", "2012901:100", "收入预算100.00万元，比上年增加1.00万元。", "比上年增加1.00万元", "unknown",
     "源文件没有可比的上年数"),
    ("万元", "收支总计: 10", "2012901:20.0876", "收入预算20.09万元，比上年增加10.08万元。", "比上年增加10.08万元",
     "disagree", "截尾而非四舍五入"),
    ("万元", "收支总计: 100", "2012901:100.02", "收入预算100.02万元，与上年持平。", "与上年持平", "disagree", "并非持平"),
    ("万元", "收支总计: 100", "2012901:100", "收入预算100.00万元，与上年持平万元。", "与上年持平万元", "disagree",
     "持平后留有空的增减额"),
    ("万元", "收支总计: 100", "2012901:100", "收入预算100.00万元，与上年持平，增长0%。", "与上年持平", "disagree",
     "持平后又写了增长率"),
    ("万元", "收支总计: 0", "2012901:100", "收入预算100.00万元，比上年增加100.00万元，增长100.00%。", "增长100.00%",
     "unknown", "上年数为零"),
    ("万元", "收支总计: 30", "2012901:50", "收入预算50.00万元，比上年增加20.00万元，增长66.66%。", "增长66.66%",
     "disagree", "截尾而非四舍五入"),
    ("万元", "收支总计: 80", "2012901:100", "收入预算100.00万元，比上年增加20.00万元，增长20.00%。", "增长20.00%",
     "disagree", "除以了本年数而不是上年数"),
    ("万元", "", "2012901:2 2080501:1", "行政运行支出2.00万元，占支出预算的66.66%。", "占支出预算的66.66%",
     "disagree", "截尾而非四舍五入"),
    ("万元", "收支总计: 4", "2012901:2 2080501:1", "行政运行支出2.00万元，占支出预算的50.00%。", "占支出预算的50.00%",
     "disagree", "除以了上年合计而不是本年合计"),
    ("万元", "收支总计: 80", "2012901:100", "2024年收入预算90.00万元。", "90.00万元", "unknown", "说的是2024年的数"),
]


@pytest.mark.parametrize(("unit", "prior", "spending", "sentence", "printed", "status", "cause"), CASES,
                         ids=[f"{case[6]}:{case[4]}" for case in CASES])
def test_each_cause_is_given_where_the_figures_show_it(tmp_path, unit, prior, spending, sentence, printed, status, cause):
    verdict = _verdict(tmp_path, unit, prior, spending, sentence, printed)
    assert (verdict.status, cause in verdict.cause) == (status, True), (verdict.status, verdict.expected, verdict.cause)


def test_a_sentence_about_a_unit_of_the_department_is_not_judged_against_the_department(tmp_path):
    draft = tmp_path / "d.txt"
    draft.write_text("示例市职工疗养院收入预算1.00万元。", encoding="utf-8")
    result, problems = review(ROOT / "data" / "example-two-units-2024.yaml", draft)
    assert result is not None, problems
    (verdict,) = result.verdicts
    assert verdict.status == "unknown" and verdict.cause == "说的是一个预算单位的数"
