"""Wordings of real published texts the reader reads (issue 25, part 3), judged against the 深圳盐田
2022 source: code first, colon labels, “X支出类科目”, a prior written inline, 较上年同期, rates after
减少/降低, flat said as 一致 or 无变化."""

from __future__ import annotations

from pathlib import Path

import pytest

from reportgen.review import review

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "data" / "shenzhen-yantian-zgh-2022.yaml"


def _verdicts(tmp_path: Path, text: str) -> list[tuple[str, str]]:
    draft = tmp_path / "稿.txt"
    draft.write_text(text, encoding="utf-8")
    result, problems = review(SOURCE, draft)
    assert result is not None, problems
    return [(v.statement.text, v.status) for v in result.verdicts]


@pytest.mark.parametrize(("text", "printed"), [
    ("2012901支出科目下为256.95万元。", "256.95万元"),  # code first
    ("一般公共服务支出类科目1084.51万元。", "1084.51万元"),  # “X支出类科目 N 元”
    ("人员经费：425.13万元。", "425.13万元"),  # a colon label
    ("支出预算较2021年的1270.13万元增加3.39万元。", "较2021年的1270.13万元增加3.39万元"),  # the prior inline
    ("收支总预算1273.52万元。", "1273.52万元"),  # a total's other name
])
def test_the_wording_is_read_and_agrees(tmp_path, text, printed):
    assert (printed, "agree") in _verdicts(tmp_path, text)


def test_a_wrong_change_in_a_new_wording_is_caught(tmp_path):
    assert ("较2021年的1270.13万元减少3.39万元", "disagree") in _verdicts(tmp_path, "支出预算较2021年的1270.13万元减少3.39万元。")


def test_project_spendings_economic_split_is_judged_against_that_split(tmp_path):
    """梧州 2024 unit: “项目支出……其中：工资福利支出12000元” is the project spending's class, not the basic
    spending's 工资福利支出 (judged against the latter, four of its figures were false alarms)."""
    draft = tmp_path / "稿.txt"
    draft.write_text("项目支出预算469500元，其中：工资福利支出12000元，占项目支出预算2.56%；商品和服务支出426000元，"
                     "占项目支出预算90.73%；资本性支出31500元，占项目支出预算6.71%。", encoding="utf-8")
    result, problems = review(ROOT / "tests" / "sources" / "partial" / "wuzhou-unit-2024.yaml", draft)
    assert result is not None, problems
    assert result.counts["disagree"] == 0 and result.counts["agree"] == 7
