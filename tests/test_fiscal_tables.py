"""The tables of all 财政拨款 that 江苏 prints beside each fund's (公开05 财政拨款支出表（功能科目）, 公开06 财政拨款基本支出表
（经济科目）; tablekinds 角色 fiscal_functions, fiscal_basic): read and held against the tables they add up (a figure that
is not is told, never written), built by the render from the source, learned in their printed place.

Written from 苏州 (应急管理局 2026, 生态环境局 2026) and 无锡 (教育局本级 2026, 信访局 2025) — one province's two cities;
吉林's 长春市信访局 2026 prints neither table (its 预算表1–11 are the nine and a project list), and no other budget in
../shared/corpus or tests/fixtures prints them: they are shown on no third region."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from reportgen.compute.phrasing import Money
from reportgen.importing.budget.reconcile import differences
from reportgen.importing.pipeline import import_files
from reportgen.importing.recognition.rows import Amount
from reportgen.runners.render import prepare
from reportgen.tablekinds import role
from reportgen.tables import TableBuilder, all_tables

FRESH = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "fresh1"
YINGJI = FRESH / "js-suzhou-yingji-2026-dept-budget.pdf"
JIANGSU = [YINGJI, FRESH / "js-suzhou-shengtai-2026-unit-budget.pdf", FRESH / "js-wuxi-jiaoyuju-benji-2026-unit-budget.pdf",
           FRESH / "js-wuxi-xinfangju-2025-dept-budget.pdf"]
FUNCTIONS, BASIC = role("fiscal_functions"), role("fiscal_basic")


@pytest.mark.parametrize("path", JIANGSU, ids=lambda p: p.stem)
def test_both_tables_are_read_and_agree_with_the_tables_they_add_up(path: Path) -> None:
    imported = import_files([path], None).imported
    assert FUNCTIONS and BASIC and FUNCTIONS in imported.rows and BASIC in imported.rows  # before: 未识别，未读取
    assert not [d for d in differences(imported) if d.table in (FUNCTIONS, BASIC)]


def _changed(rows: list, code: str, column: str) -> None:
    row = next(r for r in rows if r.code == code)
    was = row.amounts[column]
    row.amounts[column] = Amount(was.value + Decimal("1.00"), was.where, was.blank, was.cell)


def test_a_figure_that_is_not_the_funds_added_up_is_told() -> None:
    imported = import_files([YINGJI], None).imported
    _changed(imported.rows[FUNCTIONS], "2240102", "项目支出")  # printed 527.26, the 一般公共预算支出表's too
    _changed(imported.rows[BASIC], "30101", "人员经费")  # printed 440.76, the 一般公共预算基本支出表's too
    told = {(d.table, d.what.split()[0]) for d in differences(imported)}
    assert (FUNCTIONS, "2240102") in told and (BASIC, "30101") in told


def test_the_render_builds_them_from_the_source() -> None:
    result = import_files([YINGJI], None)
    prepared = prepare(result.source.named(Path("苏州应急.yaml")), draft=True)
    assert prepared.budget is not None and prepared.figures is not None
    tables = all_tables(TableBuilder(prepared.figures, Money(prepared.budget.presentation)))

    def line(table: str, key: str) -> list[str]:
        row = next(r for r in tables[table].body if r.key == key)
        return [c.text for c in row.cells[1 if key == "合计" else 2:]]  # the amounts, after the code and name

    # as 公开05 prints them: 合计 | 基本支出 小计, 人员经费, 公用经费 | 项目支出
    assert line(FUNCTIONS, "合计") == ["7,062.80", "4,069.62", "3,594.73", "474.89", "2,993.18"]
    assert line(FUNCTIONS, "2240102")[0] == line(FUNCTIONS, "2240102")[-1] == "527.26"
    assert line(FUNCTIONS, "2240101")[:4] == ["2,523.04", "2,523.04", "2,048.15", "474.89"]
    # as 公开06 prints them: 合计 | 人员经费 | 公用经费
    assert line(BASIC, "合计") == ["4,069.62", "3,594.73", "474.89"]
    assert line(BASIC, "30101")[:2] == ["440.76", "440.76"]
    assert line(BASIC, "302")[0] == line(BASIC, "302")[2] == "474.89"


def test_what_the_source_does_not_split_is_待补充(tmp_path: Path) -> None:
    """A 政府性基金 line spending on 基本支出 (written into 苏州应急's source): the 财政拨款支出表 adds it to the 一般公共预算's
    line of its code; the 财政拨款基本支出表 cannot say its economic lines (the source gives the 一般公共预算's alone)."""
    text = import_files([YINGJI], None).source.text
    text = text.replace("  一般公共预算拨款: 7062.8", "  一般公共预算拨款: 7062.8\n  政府性基金预算拨款: 100", 1)
    line = "    - {科目: 2080505, 基本支出: 291.24, 人员经费: 291.24}"
    assert line in text
    text = text.replace(line, f"{line}\n    - {{科目: 2080505, 资金: 政府性基金, 基本支出: 100, 人员经费: 100}}", 1)
    path = tmp_path / "苏州应急.yaml"
    path.write_text(text, encoding="utf-8")
    prepared = prepare(path, draft=True)
    assert prepared.budget is not None and prepared.figures is not None
    tables = all_tables(TableBuilder(prepared.figures, Money(prepared.budget.presentation)))
    functions = next(r for r in tables[FUNCTIONS].body if r.key == "2080505")
    assert functions.cells[2].text == "391.24"
    basic = tables[BASIC]
    assert [r.key for r in basic.body] == ["合计", "待补充"] and basic.body[0].cells[1].text == ""
