"""A draft's table read by its header, not by position (issue 25, part 1): a table that leads with
last year's column (上年执行数, “2021年执行数”) has its row's figure of this year in another column."""

from __future__ import annotations

from pathlib import Path

import pytest

from reportgen.readers.text.statements import header_columns
from reportgen.review import review

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "data" / "shenzhen-yantian-zgh-2022.yaml"  # 201 一般公共服务支出 1084.51, 208 109.37 (万元)


def _verdicts(tmp_path: Path, header: str, rows: list[str]) -> list[tuple[str, object, str]]:
    draft = tmp_path / "稿.txt"
    draft.write_text("\n".join(["一般公共预算支出表", "单位：万元", header, *rows]), encoding="utf-8")
    result, problems = review(SOURCE, draft)
    assert result is not None, problems
    return [(v.statement.label, v.statement.value, v.status) for v in result.verdicts]


@pytest.mark.parametrize("header", ["科目名称 上年执行数 本年预算数 增减", "科目名称 2021年执行数 2022年预算数 增减额"])
def test_a_table_leading_with_last_year_is_judged_by_this_years_column(tmp_path, header):
    found = _verdicts(tmp_path, header, ["一般公共服务支出 1000.00 1084.51 84.51", "社会保障和就业支出 100.00 109.37 9.37"])
    assert [status for *_, status in found] == ["agree", "agree"]
    assert [str(value) for _, value, _ in found] == ["1084.51", "109.37"]


def test_a_row_that_does_not_fit_its_header_is_not_judged(tmp_path):
    assert _verdicts(tmp_path, "科目名称 上年执行数 本年预算数 增减", ["一般公共服务支出 1000.00 1084.51"]) == []


@pytest.mark.parametrize(("text", "columns"), [
    ("项目 上年预算数 本年预算数", ["上年", "本年"]),
    ("科目 2023年执行数 2024年预算数 增减率", ["上年", "本年", "其他"]),
    ("科目名称 合计 基本支出 项目支出", None),  # no year to put right: read by position, as ever
    ("2024年部门收支总表", None),
])
def test_header_columns(text, columns):
    assert header_columns(text) == columns
