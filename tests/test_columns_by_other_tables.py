"""A column's meaning told by the figure another table of the document prints for the same rows (issue 79 part 1;
importing/recognition/by_other_tables.py), where its header words name nothing known and the table's own arithmetic
refutes the meaning its own word (小计) gave it.

Written from 西安市行政审批服务局 2025 (fresh1, a 汇总 of its units): its 支出总表 prints the spending by unit and by
source, 公共预算拨款 over 小计 | 其中：专项资金列入部门预算的项目 — words no vocabulary holds (its 收入总表 prints
一般公共预算拨款 over the same two). Read as 本年收入合计 and a part of the 合计, both of the table's relations failed on
all three rows and the table was told 未能核对 (bench.self_check: 188 / 197 verified, 2 relations refuted). Shown
unchanged on 长春市信访局 2026 (fresh1), whose 编制预算 小计 is this year's total beside its sources and 上年结转."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from reportgen.importing.budget.reconcile import differences, rounding_tails
from reportgen.importing.budget.verified import refuted
from reportgen.importing.pipeline import import_files
from reportgen.importing.recognition.by_other_tables import Read, by_other_tables
from reportgen.importing.recognition.recognize import Table, _row_labels, printed
from tests.support.national import tables_as_seen

FRESH = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "fresh1"
XIAN = FRESH / "sn-xian-xingzhengshenpi-2025-dept-budget.pdf"
CHANGCHUN = FRESH / "jl-changchun-xinfangju-2026-dept-budget.pdf"
PART = "其中：专项资金列入部门预算的项目"


@pytest.fixture(scope="module")
def xian() -> dict[str, Table]:
    return tables_as_seen(XIAN)


def _by_header(table: Table, words: str) -> int:
    """The column whose header cells hold ``words``."""
    return next(col for row in table.grid.rows[table.header_start:table.body_start]
                for col, cell in enumerate(row) if cell.text and "".join(cell.text.split()) == words)


def test_a_funds_subtotal_under_unknown_words_is_the_fund_the_income_table_prints_on_the_same_units(xian) -> None:
    spending = xian["支出总表"]
    subtotal = _by_header(spending, PART) - 1
    assert spending.columns[subtotal] == "一般公共预算"
    assert spending.columns[subtotal + 1] == f"一般公共预算·{PART}"
    # the 收入总表 it was told by: 一般公共预算拨款 over 小计 | 其中：…, the same three rows (合计, 122, 122001)
    income = xian["收入总表"]
    assert [m for m in income.columns.values() if m.startswith("一般公共预算")] == [
        "一般公共预算", "一般公共预算·其中：专项资金列入部门预算项目"]


def test_the_spending_table_by_unit_and_source_is_verified_by_its_own_sums() -> None:
    result = import_files([XIAN], None)
    imported = result.imported
    slips, _ = rounding_tails(imported, differences(imported))
    kept, unverified = refuted(imported, slips)
    assert [u.table for u in unverified] == []  # before: 支出总表's 合计 and 本年收入合计, 3 of 3 rows each
    assert kept == []
    rows = imported.rows["支出总表"]
    assert [row.amounts["一般公共预算"].value for row in rows] == [Decimal("50937608.35")] * 3


def test_without_the_table_printing_the_same_rows_nothing_is_guessed(xian) -> None:
    # the 支出总表 alone: no other table tells which part its 小计 is — it keeps the meaning its own word gave it
    spending = xian["支出总表"]
    alone = Read({**spending.columns, 4: "本年收入合计", 5: f"合计·{PART}"}, printed(spending), _row_labels(spending))
    assert by_other_tables([alone]) == [alone.meanings]


def test_this_years_total_beside_its_sources_keeps_its_meaning() -> None:
    # 长春市信访局 2026's 收入总表: 合计 | 编制预算 小计 | 一般公共预算 … | 上年结转结余: the 小计 is this year's total
    # (the 合计 less 上年结转), its sources printed beside it — not one of the parts
    income = tables_as_seen(CHANGCHUN)["收入总表"]
    assert "本年收入合计" in income.columns.values()
