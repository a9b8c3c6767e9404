"""基本支出 in two by function line (issue 80, part 3: tables as the province prints them). Many provinces print the
一般公共预算支出表 as 合计 | 基本支出 (人员经费 | 公用经费) | 项目支出 — 江苏 (苏州, 无锡), 浙江 (湖州, 杭州), 山东 (烟台), 重庆, 湖南 (长沙). The import writes each line's 人员经费 and 公用经费 as printed, the
source holds them (`支出.功能分类[].人员经费/公用经费`, checked against the line's 基本支出), and the learned layout
prints the table with them, the figures in the published cells."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from reportgen.docmodel.document import Table
from reportgen.runners.render import document_for, prepare
from tests.learned_import import import_once

FRESH = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "fresh1"


def _imported(tmp_path_factory: pytest.TempPathFactory, name: str) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp(name)
    source, layout = import_once(folder, FRESH / f"{name}.pdf")
    return source, layout


def _lines(source: Path) -> dict[str, dict]:
    data = yaml.safe_load(source.read_text(encoding="utf-8"))
    return {str(item["科目"]): item for item in data["支出"]["功能分类"]}


def _general_table(source: Path, layout: Path | str) -> list[list[str]]:
    document = document_for(prepare(source, draft=True), draft=True, layout=layout)
    table = next(b for b in document.blocks if isinstance(b, Table) and b.id.startswith("一般公共预算支出表"))
    return [[cell.text for cell in row.cells] for row in [*table.header, *table.body]]


@pytest.mark.slow
def test_suzhou_lines_keep_their_personnel_and_public_costs_and_the_draft_prints_them(tmp_path_factory) -> None:
    """苏州市应急管理局 2026 公开07表, p. 17: 2240101 行政运行 2,523.04 = 人员经费 2,048.15 + 公用经费 474.89; the
    养老 and 住房 lines print 人员经费 alone. Before: the source held 基本支出 alone and the draft printed 合计 |
    基本支出 | 项目支出, the 人员经费 column's figures in the 公用经费 column's place."""
    source, layout = _imported(tmp_path_factory, "js-suzhou-yingji-2026-dept-budget")
    lines = _lines(source)
    assert (lines["2240101"]["人员经费"], lines["2240101"]["公用经费"]) == (2048.15, 474.89)
    assert lines["2080505"]["人员经费"] == 291.24 and "公用经费" not in lines["2080505"]
    assert "人员经费" not in lines["2240102"]  # 项目支出 alone
    rows = _general_table(source, layout)
    assert rows[0][2:] == ["合计", "基本支出", "人员经费", "公用经费", "项目支出"]
    assert rows[1][1:] == ["7,062.80", "4,069.62", "3,594.73", "474.89", "2,993.18"]  # 合计 spans code and name
    assert ["2240101", "行政运行", "2,523.04", "2,523.04", "2,048.15", "474.89", ""] in rows
    assert ["2080505", "机关事业单位基本养老保险缴费支出", "291.24", "291.24", "291.24", "", ""] in rows


@pytest.mark.slow
def test_hangzhou_prints_its_lines_personnel_and_public_costs(tmp_path_factory) -> None:
    """杭州市气象局 2026 表5, p. 19: 合计 | 基本支出 (小计 | 人员经费 | 日常公用支出) | 项目支出 — 2080501 行政单位离退休
    193.24 = 192.34 + 0.90 (a second province, the same mechanism)."""
    source, layout = _imported(tmp_path_factory, "zj-hangzhou-qixiang-2026-dept-budget")
    rows = _general_table(source, layout)
    assert rows[0][2:] == ["合计", "基本支出", "人员经费", "公用经费", "项目支出"]
    assert ["2080501", "行政单位离退休", "193.24", "193.24", "192.34", "0.90", ""] in rows
    # its 支出总表 prints 合计 | 人员经费 | 公用经费 | 项目支出 (no 基本支出 column): learned, and printed so
    document = document_for(prepare(source, draft=True), draft=True, layout=layout)
    spending = next(b for b in document.blocks if isinstance(b, Table) and b.id.startswith("支出总表"))
    assert [c.text for c in spending.header[-1].cells][2:] == ["合计", "人员经费", "公用经费", "项目支出"]
    assert ["2080501", "行政单位离退休", "193.24", "192.34", "0.90", ""] in [[c.text for c in r.cells] for r in spending.body]


def test_a_learned_column_list_with_the_two_falls_back_to_their_sum_for_a_source_without_them(tmp_path) -> None:
    """A layout learned from a table of 人员经费 | 公用经费, used with a source that gives 基本支出 alone (next year's, typed
    by hand): the 基本支出 column stands for the two, never a table without its basic spending."""
    layout = tmp_path / "版式"
    layout.mkdir()
    (layout / "版式.yaml").write_text("名称: 测试\n基于: 默认\n表格:\n  一般公共预算支出表:\n    列: [合计, 人员经费, 公用经费, 项目支出]\n",
                                      encoding="utf-8")
    data = Path(__file__).resolve().parents[1] / "data" / "shenzhen-yantian-zgh-2022.yaml"
    assert _general_table(data, layout)[0][2:] == ["合计", "基本支出", "项目支出"]


@pytest.mark.parametrize("line, expected", [
    ("{科目: 2010101, 基本支出: 100, 人员经费: 80, 公用经费: 30}", "人员经费与公用经费之和 110.00万元 与基本支出 100.00万元 不符"),
    ("{科目: 2010101, 基本支出: 100, 人员经费: 120}", "人员经费 120.00万元 与基本支出 100.00万元 不符"),
    ("{科目: 2010101, 合计: 100, 人员经费: 80}", "写了人员经费或公用经费，却没有写基本支出"),
])
def test_a_lines_two_parts_that_are_not_its_basic_spending_are_refused(tmp_path, line, expected) -> None:
    source = tmp_path / "s.yaml"
    source.write_text(f"部门: 测试局\n年度: 2026\n金额单位: 万元\n部门概况: {{职责: [测试]}}\n"
                      f"收入: {{一般公共预算拨款: 100}}\n支出:\n  功能分类:\n    - {line}\n", encoding="utf-8")
    findings = prepare(source).findings
    told = [f.message for f in findings if f.rule == "R-科目人员公用经费"]
    assert told and expected in told[0], [f.message for f in findings]
    assert next(f for f in findings if f.rule == "R-科目人员公用经费").line == 8
