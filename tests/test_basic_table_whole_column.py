"""The 一般公共预算基本支出表 whose every column is 基本支出 (issue 79 part 4: every figure a budget table prints held at
its row). 重庆 prints “基本支出” over 总计 | 人员经费 | 公用经费, 中央 (国家信访局) “2026 年基本支出” over 合计 | 人员经费 |
公用经费: the first column, read as 基本支出, is each line's whole — the table has no other. Before, no line had a 合计
and not one 款 was written (“缺少一般公共预算基本支出经济分类明细”). 重庆 prints a 款 over its own lines (30102 津贴补贴
592.02 over 3010201 规范性津补贴 503.79 and 3010202 其他津补贴 88.24): the 款 is written as printed, its lines are in
it — never added to it (1,184.05) — and held under it as printed (目: code, name, amount; they were left out)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from reportgen.runners.render import document_for, prepare
from reportgen.tablekinds import role
from tests.learned_import import import_once

FRESH = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "fresh1"


def _economic(tmp_path: Path, name: str) -> dict[int, dict]:
    source, _ = import_once(tmp_path, FRESH / f"{name}.pdf", learn=False)
    data = yaml.safe_load(source.read_text(encoding="utf-8"))
    return {item["科目"]: item for item in data["支出"]["基本支出"]["经济分类"]}


def _basic_table_rows(source: Path) -> list[list[str]]:
    """The 一般公共预算基本支出表 of the draft of ``source`` (in the layout it names), row by row."""
    document = document_for(prepare(source, draft=True), draft=True)
    table = next(t for t in document.tables() if t.id.startswith(role("basic")))
    return [[cell.text for cell in row.cells] for row in table.body]


@pytest.mark.slow
def test_chongqing_basic_lines_are_written_each_once_as_printed(tmp_path) -> None:
    lines = _economic(tmp_path, "cq-xuanchuanbu-2026-dept-budget")
    assert lines[30101]["金额"] == 2587.01
    assert lines[30102]["金额"] == 592.02  # not 592.02 + 503.79 + 88.24
    assert lines[30103]["金额"] == 1113.6
    assert not any(len(str(code)) == 7 for code in lines)
    # the 目 printed under a 款 held as printed, under it, with its code and name (they were left out)
    assert lines[30102]["目"] == [{"科目": 3010201, "名称": "规范性津补贴", "金额": 503.79},
                                  {"科目": 3010202, "名称": "其他津补贴", "金额": 88.24}]
    assert [item["科目"] for item in lines[30301]["目"]] == [3030101, 3030102, 3030103, 3030104]
    assert [item["科目"] for item in lines[30103]["目"]] == [3010301, 3010302, 3010303]
    assert "目" not in lines[30101]
    rows = _basic_table_rows(tmp_path / "source.yaml")  # printed under their 款, each once, its 款 as printed
    names = [next((text for text in row if text and not text[0].isdigit()), "") for row in rows]
    at = names.index("津贴补贴")
    assert names[at:at + 3] == ["津贴补贴", "规范性津补贴", "其他津补贴"]
    assert [rows[at][-3], rows[at + 1][-3], rows[at + 2][-3]] == ["592.02", "503.79", "88.24"]
    assert names.count("规范性津补贴") == 1 and "离休健康休养费" in names


@pytest.mark.slow
def test_a_central_basic_table_under_a_years_group_is_read(tmp_path) -> None:
    lines = _economic(tmp_path, "central-guojia-xinfangju-2026-dept-budget")
    assert (lines[30101]["金额"], lines[30102]["金额"], lines[30201]["金额"]) == (1156.05, 3113.25, 93.7)
