"""Columns a header leaves unplaced, placed by the table's structure and arithmetic (issue 79 parts 1 and 4;
importing/recognition/by_arithmetic.py, recognize.py): each mechanism given back on the tables of regions whose words
place the columns already, and shown on the tables it was not read from.

- The carry-over's run (by_arithmetic._carried_run): its columns repeat this year's meanings right of them under a
  word of the carry-over. Taken away on 北京's, 江苏's (苏州, 无锡) and 浙江's (杭州, 湖州) 收入总表, where the group header
  places them, it gives every one back; on 长春市信访局 2026's 一般公共预算支出表, whose group words (当年预算, 上年结转结余)
  are printed over the middle of their groups and head no column of their own, it reads the table, refused before.
- A total read twice that is 人员经费 + 公用经费 on every row is the 基本支出 (by_arithmetic._whole_of_pair): given back
  in 北京, 烟台, 重庆, 江苏, 浙江; never another meaning.
- The base of a change (by_arithmetic._change_bases): a column no word places that, with a 增减 column, makes this
  year's total on every row is the other year's figure (国家信访局 2026: 2025年执行数 | 扣除中央基建投资后执行数 beside
  their two 增减额).
- A header word split over two columns, the figures under one (recognize._words_split: 北京市审计局 2026's “三公” table,
  “因公出国（境 | ）费”); a unit's code worded either order (西安's and 江苏's 单位编码, 长春's 部门（单位）代码); a unit
  caption wrapped over two lines (长春's “单位：万 / 元”).
Each test fails on the code before them (c888db0): the tables were not read for sure, or read with no unit."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from reportgen.importing.budget.build import appropriation_of_the_year
from reportgen.importing.budget.reconcile import differences
from reportgen.importing.pipeline import import_files
from reportgen.importing.recognition import catalog as catalogs
from reportgen.importing.recognition.by_arithmetic import CARRIED, by_arithmetic
from reportgen.importing.recognition.recognize import Table, carried_words, printed, recognize
from reportgen.importing.recognition.sure import header_doubts
from reportgen.importing.visible import as_seen
from reportgen.importing.which_layout import chosen
from reportgen.readers.published import read_published

SHARED = Path(__file__).resolve().parents[2] / "shared" / "corpus"
FRESH = SHARED / "fresh1"
CHANGCHUN = FRESH / "jl-changchun-xinfangju-2026-dept-budget.pdf"
XINFANGJU = FRESH / "central-guojia-xinfangju-2026-dept-budget.pdf"
SHENJIJU = FRESH / "bj-shenjiju-2026-dept-budget-tables.pdf"


def _read(path: Path) -> tuple[dict[str, Table], catalogs.Catalog]:
    seen = as_seen(read_published(path).grids)
    catalog = catalogs.load(chosen(seen.grids).layout)
    tables, _ = recognize(seen.grids, catalog)
    return {table.kind.id: table for table in tables}, catalog


_YEAR_TOTALS = ("本年收入合计", "本年支出合计")


@pytest.mark.parametrize("name", ["bj-minzhengju-2026-dept-budget-tables", "bj-shangwuju-2026-dept-budget-tables",
                                  "fresh1/js-suzhou-yingji-2026-dept-budget", "fresh1/js-wuxi-xinfangju-2025-dept-budget",
                                  "fresh1/zj-hangzhou-qixiang-2026-dept-budget",
                                  "fresh1/zj-huzhou-caizhengju-2026-dept-budget"])
def test_the_carry_overs_columns_taken_away_are_given_back_by_their_run(name: str) -> None:
    tables, catalog = _read(SHARED / f"{name}.pdf")
    table = tables["收入总表"]
    assert any(meaning.startswith(f"{CARRIED}·") for meaning in table.columns.values())
    # as a header not telling the group reads them: its 小计s 合计, its parts the year's meanings again
    taken = {col: "合计" if meaning in (CARRIED, *_YEAR_TOTALS) else meaning.removeprefix(f"{CARRIED}·")
             for col, meaning in table.columns.items()}
    assert by_arithmetic(printed(table), table.kind.shape, taken, carried_words(table, catalog)) == table.columns


@pytest.mark.parametrize("name", ["bj-minzhengju-2026-dept-budget-tables", "sd-yantai-renshe-2026-dept-budget",
                                  "fresh1/cq-xuanchuanbu-2026-dept-budget", "fresh1/js-wuxi-xinfangju-2025-dept-budget",
                                  "fresh1/zj-huzhou-caizhengju-2026-dept-budget"])
def test_a_total_read_twice_that_is_its_two_parts_is_their_whole(name: str) -> None:
    tables, catalog = _read(SHARED / f"{name}.pdf")
    table = tables["一般公共预算支出表"]
    col = next(c for c, meaning in table.columns.items() if meaning == "基本支出")
    got = by_arithmetic(printed(table), table.kind.shape, {**table.columns, col: "合计"}, carried_words(table, catalog))
    assert got[col] == "基本支出"


def test_changchun_general_budget_table_is_read_by_its_runs_and_its_unit() -> None:
    tables, _ = _read(CHANGCHUN)
    table = tables["一般公共预算支出表"]
    assert header_doubts(table) == []  # before: “合计”对应了4列 …, the table not read
    assert table.unit == "万元"  # “单位：万” over “元”: before, no unit, its tails told as slips
    assert [table.columns[col] for col in range(2, 13)] == [
        "合计", "本年支出合计", "基本支出", "人员经费", "公用经费", "项目支出",
        CARRIED, f"{CARRIED}·基本支出", f"{CARRIED}·人员经费", f"{CARRIED}·公用经费", f"{CARRIED}·项目支出"]
    income = tables["收入总表"]
    assert income.columns[0] == "单位编码" and header_doubts(income) == []  # 部门（单位）代码 105001: no amount


def test_changchun_reading_holds_its_identities() -> None:
    result = import_files([CHANGCHUN], None)
    imported = result.imported
    assert "一般公共预算支出表" in imported.tables and "收入总表" in imported.tables
    rows = {row.code: row for row in imported.rows["一般公共预算支出表"] if row.code}
    assert rows["2014002"].amounts["项目支出"].value == Decimal("458.00")
    assert rows["2014001"].amounts["基本支出"].value == Decimal("903.85")
    # its differences are the rounding of 万元 (R1, annotated), never a slip of this table
    assert not [d for d in differences(imported) if d.table == "一般公共预算支出表"
                and abs(d.total.value - d.parts_sum) > Decimal("0.02")]


def test_the_columns_a_change_is_reckoned_from_are_the_other_years_figures() -> None:
    tables, _ = _read(XINFANGJU)
    table = tables["一般公共预算支出表"]
    assert header_doubts(table) == []  # before: 第3列、第4列没有可以认定的表头；“2025年·增减”对应了2列
    assert [table.columns[col] for col in (2, 3, 8, 10)] == [
        "2025年·执行数", "2025年·扣除中央基建投资后执行数", "2025年·执行数·增减", "2025年·扣除中央基建投资后执行数·增减"]


def test_a_function_table_of_the_years_appropriation_alone_is_no_source_of_the_spending_by_function() -> None:
    result = import_files([XINFANGJU], None)
    imported = result.imported
    assert "一般公共预算支出表" in imported.tables  # read for sure, its identities held
    # its 合计 16,474.82 is the year's 一般公共预算拨款; the 财政拨款收支总表's classes, 18,728.94, spend 上年结转 2,254.12
    assert appropriation_of_the_year(imported)
    # its classes are not held to the 财政拨款收支总表's (15,291.30 against 13,144.37 was told as a slip), and the
    # function lines are not this table's, nor a 单位资金 made by taking it from the 支出总表 (32,606.58 of 2014099)
    assert not [d for d in differences(imported) if "一般公共预算支出表 201" in d.what]
    assert imported.tree["支出"].get("功能分类", []) == []


def test_a_header_word_split_over_two_columns_is_the_figures_columns() -> None:
    tables, _ = _read(SHENJIJU)
    table = tables["三公经费支出表"]
    assert header_doubts(table) == []  # before: 第2列（表头“经费财政”）、第4列（表头“）费”）没有可以认定的表头
    assert table.columns[1] == "“三公”合计" and table.columns[3] == "因公出国（境）费"


@pytest.mark.parametrize("name", ["fresh1/sn-xian-xingzhengshenpi-2025-dept-budget",
                                  "fresh1/js-wuxi-xinfangju-2025-dept-budget",
                                  "fresh1/jl-changchun-xinfangju-2026-dept-budget"])
def test_a_units_code_is_read_as_such_in_either_order_of_its_words(name: str) -> None:
    tables, _ = _read(SHARED / f"{name}.pdf")
    codes = [table for table in tables.values() if "单位编码" in table.columns.values()]
    assert codes and all(table.columns[0] == "单位编码" for table in codes if table.kind.id == "收入总表")
