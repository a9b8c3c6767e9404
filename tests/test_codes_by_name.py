"""A table that prints its 科目 by name alone (杭州市气象局 2026: no code column) read by the national catalogue and
proved by its own sums (importing/recognition/named_codes.py); tables of other regions with their printed codes
struck out are read back to exactly those codes, and a reading the sums contradict is refused, never guessed."""

from __future__ import annotations

import copy
from decimal import Decimal
from pathlib import Path

import pytest

from reportgen.importing.pipeline import ImportResult, import_files
from reportgen.importing.recognition.named_codes import coded_by_name
from reportgen.importing.recognition.rows import Amount, Row

FRESH = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "fresh1"
HANGZHOU = FRESH / "zj-hangzhou-qixiang-2026-dept-budget.pdf"


@pytest.fixture(scope="module")
def hangzhou() -> ImportResult:
    return import_files([HANGZHOU], None)


def test_a_function_table_printed_by_name_is_read_to_the_catalogues_codes_and_said(hangzhou: ImportResult) -> None:
    rows = {row.name: row.code for row in hangzhou.imported.rows["一般公共预算支出表"] if not row.total}
    # 技术研究与开发 is 20604 under 206 (2069803 is a 项 of 20698): the place decides, not the name alone
    assert rows["科学技术支出"] == "206" and rows["技术研究与开发"] == "20604" and rows["科技成果转化与扩散"] == "2060404"
    assert rows["行政事业单位养老支出"] == "20805" and rows["气象事业机构"] == "2200504"
    economic = {row.name: row.code for row in hangzhou.imported.rows["一般公共预算基本支出表"] if not row.total}
    assert economic["工资福利支出"] == "301" and economic["基本工资"] == "30101" and economic["职业年金缴费"] == "30109"
    told = [note for note in hangzhou.imported.told if "没有印出科目编码" in note]
    assert any(note.startswith("一般公共预算支出表") and "17 行的编码按名称" in note for note in told)
    assert any(note.startswith("一般公共预算基本支出表") and "38 行的编码按名称" in note for note in told)


def test_the_officers_source_holds_the_lines_its_tables_print_by_name(tmp_path: Path) -> None:
    """杭州's source had no 功能分类 and no 经济分类 (“缺少……明细”), though the import said it read all 271 figures."""
    from reportgen import cli

    out = tmp_path / "hangzhou.yaml"
    assert cli.main(["import", str(HANGZHOU), "-o", str(out)]) in (0, 1)
    text = out.read_text(encoding="utf-8")
    assert "功能分类:" in text and "经济分类:" in text
    assert "{科目: 2200504" in text and "{科目: 30109, 金额: 67.81}" in text


@pytest.mark.parametrize("name, kind", [("zj-huzhou-caizhengju-2026-dept-budget", "一般公共预算支出表"),
                                        ("js-wuxi-xinfangju-2025-dept-budget", "支出总表"),
                                        ("gd-shenzhen-xinfangju-2026-dept-budget", "一般公共预算支出表")])
def test_another_regions_table_with_its_codes_struck_out_reads_back_to_them(name: str, kind: str) -> None:
    result = import_files([FRESH / f"{name}.pdf"], None)
    rows = result.imported.rows[kind]
    printed = {i: row.code for i, row in enumerate(rows) if not row.total and row.name}
    assert printed and all(printed.values())
    struck = [copy.copy(row) for row in rows]
    for row in struck:
        row.code = ""
    found, why = coded_by_name(struck, "function", result.imported.year or 2025)
    assert why == "" and found == printed


def test_a_reading_the_sums_contradict_is_refused(hangzhou: ImportResult) -> None:
    rows = [copy.copy(row) for row in hangzhou.imported.rows["一般公共预算支出表"]]
    for row in rows:
        row.code = ""
    at = next(i for i, row in enumerate(rows) if row.name == "科技成果转化与扩散")
    rows[at].amounts = {**rows[at].amounts, "合计": Amount(Decimal("27.00"), rows[at].amounts["合计"].where)}
    found, why = coded_by_name(rows, "function", 2026)
    assert found == {} and "各级之和不成立" in why


def test_a_name_the_catalogue_cannot_place_is_named_and_nothing_is_read(hangzhou: ImportResult) -> None:
    rows = [copy.copy(row) for row in hangzhou.imported.rows["一般公共预算支出表"]]
    for row in rows:
        row.code = ""
    at = next(i for i, row in enumerate(rows) if row.name == "气象事业机构")
    rows[at].name = "气象事业单位"
    found, why = coded_by_name(rows, "function", 2026)
    assert found == {} and "“气象事业单位”" in why


def _row(index: int, name: str, amount: str) -> Row:
    return Row(index, f"第1页 第{index}行", name=name, amounts={"合计": Amount(Decimal(amount), f"第1页 第{index}行")})


def test_a_table_of_thousands_of_rows_by_name_is_read_row_by_row() -> None:
    """A hostile table (a review reads any PDF sent to it): 3,000 rows by name were read by recursion, one level a row
    — past Python's limit, an internal error. Read row by row, it is read or refused with its reason."""
    rows = [_row(0, "科学技术支出", "3000"), _row(1, "技术研究与开发", "3000")]
    rows += [_row(2 + i, "科技成果转化与扩散", "1") for i in range(3000)]
    found, why = coded_by_name(rows, "function", 2026)
    assert why == "" and found[0] == "206" and found[1] == "20604" and set(found.values()) >= {"2060404"}
    rows.append(_row(3002, "不是一个科目", "1"))
    found, why = coded_by_name(rows, "function", 2026)
    assert found == {} and "“不是一个科目”" in why
