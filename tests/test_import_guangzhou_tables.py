"""广州's budget tables read for sure (issue 54 part 2): its 收入总体情况表 (rows by unit; 财政专户拨款收入 over
教育收费 and 其他专户收入拨款, the parts of 财政专户管理资金), its 本年支出总体情况表 (事业单位经营支出,
对附属单位补助支出 and 上缴上级支出 beside 基本支出 and 项目支出) and its 财政拨款安排的行政经费及“三公”经费预算表,
which prints the “三公” items down its rows and the funds across its columns.

The fixtures are page extracts (pypdf) of published PDFs of /work/shared/corpus (ORIGIN.md there):
广州市气象局 2026 pp. 7–9, 17; 北京市教育委员会 2026 报表 p. 4 (its 支出总表: “其中事业单位经营支出”)."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest

from reportgen.importing.budget.reconcile import differences
from reportgen.importing.pipeline import import_files
from reportgen.importing.recognition import sure
from reportgen.importing.recognition.imported import Imported
from reportgen.importing.recognition.recognize import Table
from reportgen.importing.recognition.rows import Amount, Row, body_rows
from reportgen.runners.render import check_findings
from tests.clients import require_program
from tests.support.national import FIXTURES, table_of, value_of

QIXIANGJU = FIXTURES / "guangzhou-qixiangju-2026-p7-9-17.pdf"
JIAOYUWEI = FIXTURES / "beijing-jiaoyuwei-2026-p4.pdf"


@pytest.fixture(scope="module", autouse=True)
def _poppler() -> None:
    require_program("pdftotext")




def _changed(row: Row, **figures: Decimal) -> Row:
    """``row`` with some of its figures printed otherwise."""
    return replace(row, amounts={**row.amounts, **{m: Amount(v, row.amounts[m].where, cell=row.amounts[m].cell)
                                                   for m, v in figures.items()}})


def _found(kind: str, table: Table, rows: list[Row]) -> list[str]:
    imported = Imported({}, tables={kind: table})
    imported.rows[kind] = rows
    return [d.what for d in differences(imported)]


def test_the_three_public_items_printed_down_the_rows_are_read_from_the_total_column() -> None:
    result = import_files([QIXIANGJU], None)
    assert not result.imported.unsure and not result.differences
    three = dict(result.imported.tree["三公经费"])
    by_fund = three.pop("按资金")
    assert {item: value_of(entry["本年"]) for item, entry in three.items()} == {
        "因公出国（境）费": Decimal("0.00"), "公务用车购置费": Decimal("0.00"),
        "公务用车运行维护费": Decimal("24.80"), "公务接待费": Decimal("1.31")}
    # each item's row as printed by fund (“三公”经费 26.11: 一般公共预算 26.11, 政府性基金预算 0.00, 国有资本经营预算 0.00)
    assert {fund: value_of(v) for fund, v in by_fund["合计"].items()} == {
        "一般公共预算": Decimal("26.11"), "政府性基金": Decimal("0.00"), "国有资本经营": Decimal("0.00")}
    assert value_of(by_fund["公务用车运行维护费"]["一般公共预算"]) == Decimal("24.80")
    assert three["公务接待费"]["本年"].where == "三公经费支出表 第4页 第11行"
    # 行政经费 (广州: “行政经费（机关运行经费）”, more than its 公用经费) is read, not written as 机关运行经费
    assert "机关运行经费" not in result.imported.tree
    table = result.imported.tables["三公经费支出表"]
    assert sorted(table.items.values()) == sorted(["行政经费", "“三公”合计", "因公出国（境）费", "公务用车购置及运行维护费",
                                                   "公务用车购置费", "公务用车运行维护费", "公务接待费"])


def test_a_turned_three_public_table_is_reconciled_by_its_items_and_its_funds() -> None:
    result = import_files([QIXIANGJU], None)
    table, rows = result.imported.tables["三公经费支出表"], result.imported.rows["三公经费支出表"]
    assert _found("三公经费支出表", table, rows) == []
    at = next(i for i, r in enumerate(rows) if table.items.get(r.index) == "公务接待费")
    reception = rows[at]
    wrong = [*rows[:at], _changed(reception, 合计=reception.amounts["合计"].value + 1), *rows[at + 1:]]
    found = _found("三公经费支出表", table, wrong)
    assert "“三公”经费合计" in found  # 26.11 ≠ 0 + 24.80 + 2.31
    assert any(what.startswith("公务接待费") for what in found)  # 2.31 ≠ its funds 1.31 + 0 + 0


def test_a_three_public_table_with_a_row_of_no_known_item_is_not_read_for_sure() -> None:
    table = table_of(QIXIANGJU, "三公经费支出表")
    assert sure.header_doubts(table) == []
    first = min(table.items)
    table.items = {index: item for index, item in table.items.items() if index != first}
    assert [d for d in sure.header_doubts(table) if "行政经费" in d and "没有可以认定的项目" in d]


def test_the_special_account_columns_are_parts_of_its_income() -> None:
    table = table_of(QIXIANGJU, "收入总表")
    assert sure.header_doubts(table) == []
    assert [table.columns[c].partition("·")[0] for c in (5, 6)] == ["财政专户管理资金"] * 2
    assert table.columns[5] != table.columns[6]  # 教育收费 and 其他专户收入拨款: two parts
    rows = body_rows(table)
    assert [r.label for r in rows][:2] == ["合计", "广州市气象局"]
    assert _found("收入总表", table, rows) == []
    unit = rows[1]
    fees = _changed(unit, **{"财政专户管理资金·教育收费": Decimal("10.00"), "合计": unit.amounts["合计"].value + 10})
    assert _found("收入总表", table, [fees]) == []  # 合计 = its funds and 教育收费
    assert _found("收入总表", table, [_changed(unit, **{"财政专户管理资金·教育收费": Decimal("10.00")})]) == ["广州市气象局 合计"]


def test_spending_beside_basic_and_project_is_in_the_total_or_a_part_of_it() -> None:
    table = table_of(QIXIANGJU, "支出总表")
    assert sure.header_doubts(table) == []
    assert [table.columns[c] for c in (5, 6, 7)] == ["经营支出", "对附属单位补助支出", "上缴上级支出"]
    rows = body_rows(table)
    line = next(r for r in rows if r.code == "2200599")  # 262.00 of 项目支出
    trading = _changed(line, 经营支出=Decimal("5.00"), 合计=Decimal("267.00"))
    assert _found("支出总表", table, [trading]) == []  # 广州: in the 合计
    assert _found("支出总表", table, [_changed(line, 合计=Decimal("267.00"))]) == ["2200599 其他气象事务支出 合计"]
    # 北京 prints “其中事业单位经营支出” beside 基本支出 and 项目支出: a part, its 合计 theirs alone
    beijing = table_of(JIAOYUWEI, "支出总表")
    assert "经营支出" in beijing.columns.values() and sure.header_doubts(beijing) == []
    assert _found("支出总表", beijing, body_rows(beijing)) == []


CORPUS = Path("/work/shared/corpus/gd-guangzhou-shichangjianguan-2026-dept-budget.pdf")


@pytest.mark.skipif(not CORPUS.exists(), reason="the national corpus (/work/shared/corpus) is not here")
def test_spending_of_other_income_is_read_and_the_basic_total_not_held_to_the_fund_s_classes(tmp_path: Path) -> None:
    """广州市市场监督管理局 2026: 事业收入 and 其他收入 pay 76,235.15万元 of its 177,090.43 (支出总表, beyond the
    fund tables: 资金 单位资金), 6,186.87 of it 基本支出 — the 基本支出合计 68,692.51 is not told against the
    一般公共预算基本支出表's economic classes (62,505.64, that fund's alone), nor 收入总计 against 100,855.28."""
    result = import_files([CORPUS], None)
    assert not result.imported.unsure and not result.differences
    rows = result.imported.tree["支出"]["功能分类"]
    own = [row for row in rows if value_of(row.get("资金")) == "单位资金"]
    assert len(own) == 11
    path = tmp_path / "source.yaml"
    path.write_text(result.source.text, encoding="utf-8")
    rules = {f.rule: f.message for f in check_findings(path) if f.severity == "error"}
    assert "R-基本支出合计" not in rules
    assert "100,855.28" not in rules.get("R-收支平衡", "")


GUIZIJU = Path("/work/shared/corpus/gd-guangzhou-guiziju-2026-dept-budget.pdf")


@pytest.mark.skipif(not GUIZIJU.exists(), reason="the national corpus (/work/shared/corpus) is not here")
def test_a_fiscal_table_s_one_column_of_classes_is_all_the_funds() -> None:
    """广州市规划和自然资源局 2026 (not an annotated document): its 财政拨款收支总体情况表 prints 城乡社区支出
    911,969.85 in one column — 2,033.73 of 一般公共预算 and 909,936.12 of 政府性基金: no difference against
    the 一般公共预算支出表's 212 alone; a class printed otherwise than the funds' tables is one."""
    result = import_files([GUIZIJU], None)
    assert not [d for d in result.differences if "城乡社区支出" in d]
    imported = result.imported
    row = next(r for r in imported.sides["财政拨款收支总表"][1] if r.label == "城乡社区支出")
    imported.sides["财政拨款收支总表"][1][imported.sides["财政拨款收支总表"][1].index(row)] = \
        _changed(row, **{next(iter(row.amounts)): Decimal("911969.86")})
    assert [d.what for d in differences(imported) if "城乡社区支出" in d.what] == ["城乡社区支出（一般公共预算支出表、政府性基金预算支出表 212）"]
