"""An amount one step of its last decimal off its table's, that with the part printed beside it makes the whole
exactly (the 尾数 moved so that the parts add up to the total as printed, as shares are made up to 100%), is not a
slip: 北京市教育委员会 2026 prints 基本支出 2919265.78 and 项目支出 1003810.85 万元 — 3923076.63, its 支出合计
3,923,076.626242 rounded — where its 支出总表 gives 项目支出 1,003,810.842739 (.84). Where the parts do not make the
whole, the amount one step off is judged as ever. The prose is p. 9 of its 情况说明
(tests/fixtures/import/national/beijing-jiaoyuwei-2026-narrative-p9.pdf); the source holds its 支出总表's totals."""

from __future__ import annotations

from pathlib import Path

from reportgen.review import Review
from tests.clients import require_program
from tests.support.national import FIXTURES, reviewed_against

PROSE = FIXTURES / "beijing-jiaoyuwei-2026-narrative-p9.pdf"

SOURCE = """部门: 北京市教育委员会
年度: 2026
金额单位: 万元
部门概况:
  职责: [教育]
收入: {一般公共预算拨款: 3923076.626242}
支出:
  功能分类:
    - {科目: 2050101, 基本支出: 2919265.783503, 项目支出: 1003810.842739}
  基本支出: {合计: 2919265.783503}
  项目支出: 1003810.842739
不公开: [人员编制, 三公经费, 机关运行经费, 政府采购, 国有资产, 绩效管理]
"""


def _amounts(result: Review) -> dict[str, tuple[str, str]]:
    return {v.statement.text: (v.status, v.cause) for v in result.verdicts if v.statement.kind == "amount"}


def test_the_part_whose_last_digit_makes_the_printed_whole_is_not_a_slip(tmp_path: Path) -> None:
    require_program("pdftotext")
    amounts = _amounts(reviewed_against(tmp_path, SOURCE, PROSE))
    assert amounts["2919265.78万元"][0] == "agree"
    # not a slip: 未能核对 as the 尾数 moved, then borne out by its sentence's share (25.59% of 3923076.63)
    assert amounts["1003810.85万元"][0] == "within"


def test_a_part_one_step_off_that_makes_no_whole_is_a_slip(tmp_path: Path) -> None:
    draft = tmp_path / "d.txt"
    draft.write_text("（一）基本支出。基本支出预算 2919265.78 万元。\n（二）项目支出。项目支出预算 1003810.83 万元。\n",
                     encoding="utf-8")
    amounts = _amounts(reviewed_against(tmp_path, SOURCE, draft))
    assert amounts["2919265.78万元"][0] == "agree"
    assert amounts["1003810.83万元"][0] == "disagree"  # one step below .84: with 2919265.78, 3923076.61
