"""The 一般公共预算基本支出表 whose every column is 基本支出 (issue 79 part 4: every figure a budget table prints held at
its row). 重庆 prints “基本支出” over 总计 | 人员经费 | 公用经费, 中央 (国家信访局) “2026 年基本支出” over 合计 | 人员经费 |
公用经费: the first column, read as 基本支出, is each line's whole — the table has no other. Before, no line had a 合计
and not one 款 was written (“缺少一般公共预算基本支出经济分类明细”). 重庆 prints a 款 over its own lines (30102 津贴补贴
592.02 over 3010201 规范性津补贴 503.79 and 3010202 其他津补贴 88.24): the 款 is written as printed, its lines are in
it — never added to it (1,184.05)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from tests.learned_import import import_once

FRESH = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "fresh1"


def _economic(tmp_path: Path, name: str) -> dict[int, dict]:
    source, _ = import_once(tmp_path, FRESH / f"{name}.pdf", learn=False)
    data = yaml.safe_load(source.read_text(encoding="utf-8"))
    return {item["科目"]: item for item in data["支出"]["基本支出"]["经济分类"]}


@pytest.mark.slow
def test_chongqing_basic_lines_are_written_each_once_as_printed(tmp_path) -> None:
    lines = _economic(tmp_path, "cq-xuanchuanbu-2026-dept-budget")
    assert lines[30101]["金额"] == 2587.01
    assert lines[30102]["金额"] == 592.02  # not 592.02 + 503.79 + 88.24
    assert lines[30103]["金额"] == 1113.6
    assert not any(len(str(code)) == 7 for code in lines)


@pytest.mark.slow
def test_a_central_basic_table_under_a_years_group_is_read(tmp_path) -> None:
    lines = _economic(tmp_path, "central-guojia-xinfangju-2026-dept-budget")
    assert (lines[30101]["金额"], lines[30102]["金额"], lines[30201]["金额"]) == (1156.05, 3113.25, 93.7)
