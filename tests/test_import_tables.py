"""Recognising a table, its header and rows, and reconciling its totals — on grids shaped as the
real exports and prints are (rows from the 万里街道 2025 and 商务委员会 2025 budgets)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from reportgen.importing.budget.build import build
from reportgen.importing.budget.reconcile import describe, differences
from reportgen.importing.recognition import catalog as catalogs
from reportgen.importing.recognition.recognize import recognize
from reportgen.importing.recognition.rows import body_rows
from reportgen.readers.grid import Cell, Grid, Merge


def _cells(*values: object) -> list[Cell]:
    out = []
    for v in values:
        if v is None:
            out.append(Cell(None, ""))
        elif isinstance(v, (int, float)):
            d = Decimal(repr(v)).normalize() if isinstance(v, float) else Decimal(v)
            out.append(Cell(d, str(v)))
        else:
            out.append(Cell(str(v), str(v)))
    return out


@pytest.fixture(scope="module")
def shanghai():
    return catalogs.load("上海")


def _expenditure_sheet(name="3.17部门支出总表", title="2025年部门支出预算总表", rows=None):
    body = rows or [
        _cells(201, None, None, "一般公共服务支出", "3,296,600", "0", "3,296,600"),
        _cells(201, "05", None, "统计信息事务", "438,300", "0", "438,300"),
        _cells(201, "05", "07", "专项普查活动", "438,300", "0", "438,300"),
        _cells(201, "29", None, "群众团体事务", "2,858,300", "0", "2,858,300"),
        _cells(201, "29", "02", "一般行政管理事务", "2,858,300", "0", "2,858,300"),
        _cells(None, None, None, "合计", "3,296,600", "0", "3,296,600"),
    ]
    rows = [
        _cells(title),
        _cells("编制部门：上海市普陀区人民政府万里街道办事处", None, None, None, None, None, "单位：元"),
        _cells("项目", None, None, None, "支出预算"),
        _cells("功能分类科目编码", None, None, "功能分类科目名称", "合计", "基本支出", "项目支出"),
        _cells("类", "款", "项"),
        *body,
    ]
    merges = [Merge(0, 0, 0, 6), Merge(2, 0, 2, 3), Merge(2, 4, 2, 6), Merge(3, 0, 3, 2), Merge(3, 3, 4, 3)]
    return Grid("export.xlsx", name, rows, merges)


def test_a_table_is_known_by_its_title_and_its_columns_by_their_header(shanghai):
    tables, unknown = recognize([_expenditure_sheet(name="Sheet1")], shanghai)
    assert unknown == []
    (table,) = tables
    assert (table.kind.id, table.year, table.unit) == ("支出总表", 2025, "元")
    assert table.owner == "上海市普陀区人民政府万里街道办事处"
    assert table.columns == {0: "类", 1: "款", 2: "项", 3: "名称", 4: "合计", 5: "基本支出", 6: "项目支出"}


def test_a_sheet_without_title_is_known_by_its_表码(shanghai):
    grid = _expenditure_sheet()
    grid.rows[0] = _cells("")
    tables, _ = recognize([grid], shanghai)
    assert tables[0].kind.id == "支出总表"


def test_a_sheet_naming_no_known_table_is_listed_not_guessed(shanghai):
    grid = Grid("export.xlsx", "人员情况 ", [_cells("2025年部门人员情况表"), _cells("在职", 12)])
    tables, unknown = recognize([grid], shanghai)
    assert tables == [] and unknown == [grid]


def test_codes_split_over_columns_with_a_number_class_cell_read_as_one_code(shanghai):
    (table,), _ = recognize([_expenditure_sheet()], shanghai)
    rows = body_rows(table)
    assert [r.code for r in rows[:3]] == ["201", "20105", "2010507"]
    assert rows[2].amounts["项目支出"].value == Decimal(438300)
    assert rows[2].amounts["基本支出"].where == "3.17部门支出总表!F8"
    assert rows[-1].total and rows[-1].label == "合计"


def test_a_code_and_name_in_one_cell_are_told_apart():
    kind = catalogs.load(None)
    grid = Grid("x.csv", "x", [_cells("部门支出总表"), _cells("科目名称", "合计"),
                                _cells("2050205 高等教育", "1,000.50"), _cells("合计", "1,000.50")])
    (table,), _ = recognize([grid], kind)
    rows = body_rows(table)
    assert (rows[0].code, rows[0].name, rows[0].amounts["合计"].value) == ("2050205", "高等教育", Decimal("1000.50"))


def test_a_row_whose_total_is_not_its_parts_is_reported_with_both_places_and_figures(shanghai):
    rows = [
        _cells(201, None, None, "一般公共服务支出", "3,296,600", "0", "3,296,600"),
        _cells(201, "05", None, "统计信息事务", "438,300", "0", "438,300"),
        # the real slip: a row carrying a 合计 equal to its 基本支出 and also a 项目支出
        _cells(201, "05", "07", "专项普查活动", "100,000", "100,000", "338,300"),
        _cells(None, None, None, "合计", "3,296,600", "0", "3,296,600"),
    ]
    (table,), _ = recognize([_expenditure_sheet(rows=rows)], shanghai)
    found = differences(build([table], shanghai))
    messages = [describe(d) for d in found]
    assert any("2010507 专项普查活动 合计 印作 100,000" in m and "438,300" in m for m in messages), messages
    assert any("!E6" in m and "!E7" in m for m in messages), messages  # the 款 row against its 项 row


def test_blank_and_dash_cells_are_zero_and_text_in_an_amount_cell_is_a_problem(shanghai):
    rows = [_cells(201, "05", "07", "专项普查活动", "438,300", "—", "x,xxx")]
    (table,), _ = recognize([_expenditure_sheet(rows=rows)], shanghai)
    problems: list = []
    (row,) = body_rows(table, problems=problems)
    assert row.amounts["基本支出"].blank and row.amounts["基本支出"].value == 0
    assert "项目支出" not in row.amounts
    assert [(p.where, p.column, p.text) for p in problems] == [("3.17部门支出总表!G6", "项目支出", "x,xxx")]


def test_the_source_takes_the_项_rows_and_writes_nothing_else(shanghai):
    (table,), _ = recognize([_expenditure_sheet()], shanghai)
    imported = build([table], shanghai)
    rows = imported.tree["支出"]["功能分类"]
    assert [(r["科目"].value, r.get("项目支出").value) for r in rows] == [(2010507, Decimal(438300)),
                                                                      (2012902, Decimal(2858300))]
    assert all(r["基本支出"].value == 0 for r in rows)  # printed 0: written, so the tables print 0 too
    assert imported.tree["部门"].value == "上海市普陀区人民政府万里街道办事处"
    assert imported.tree["年度"].value == 2025 and imported.tree["金额单位"].value == "元"
