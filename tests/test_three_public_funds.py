"""The “三公”经费 table's figures by fund (issue 80): the import holds each item's figures by fund as printed
(三公经费.按资金), the learned layout records the turned table's columns (表格.三公经费支出表.列) and the render prints
them — written from 广州市民政局 (../shared/corpus) and 珠海市商务局 (fresh1; 广东's 财政拨款安排的行政经费及“三公”经费
预算表: 合计 | 一般公共预算 | 政府性基金预算 | 国有资本经营预算), shown unchanged on 广州市统计局 (fresh1) and, for the import,
on 深圳市信访局 (fresh1: each item over the three funds, 一般公共预算 | 政府性基金预算 | 国有资本经营预算). The figures
expected are the published ones, read off the PDFs (pdftotext -layout) before the code was written."""

from __future__ import annotations

from pathlib import Path

import pytest

from reportgen import cli
from reportgen.docmodel.document import Table
from reportgen.reading.yamlsafe import parse_yaml
from reportgen.runners.render import document_for, prepare
from reportgen.shaping.layouts import LayoutError, resolve
from tests.learned_import import import_once

SHARED = Path(__file__).resolve().parents[2] / "shared" / "corpus"
FRESH = SHARED / "fresh1"
KIND = "三公经费支出表"


def _imported(tmp_path: Path, pdf: Path) -> tuple[Path, Path]:
    source, layout = import_once(tmp_path, pdf)
    return source, layout


def _body(source: Path, layout: Path) -> list[list[str]]:
    document = document_for(prepare(source, draft=True), draft=True, layout=layout)
    table = next(b for b in document.blocks if isinstance(b, Table) and b.id.split("-")[0] == KIND)
    return [[c.text for c in row.cells] for row in table.body]


# Each document's rows as printed: 合计, 一般公共预算, 政府性基金预算, 国有资本经营预算 — 行政经费's, then the “三公” items'
PRINTED = {
    SHARED / "gd-guangzhou-minzheng-2026-dept-budget.pdf": [
        ["5,077.89", "4,762.29", "315.60", "0.00"],
        ["334.21", "316.31", "17.90", "0.00"], ["83.40", "83.40", "0.00", "0.00"],
        ["210.39", "196.49", "13.90", "0.00"], ["40.00", "40.00", "0.00", "0.00"],
        ["170.39", "156.49", "13.90", "0.00"], ["40.42", "36.42", "4.00", "0.00"]],
    FRESH / "gd-zhuhai-shangwuju-2026-dept-budget.pdf": [
        ["10,884.55", "10,884.55", "0.00", "0.00"],
        ["19.84", "19.84", "0.00", "0.00"], ["13.20", "13.20", "0.00", "0.00"], ["0.00", "0.00", "0.00", "0.00"],
        ["0.00", "0.00", "0.00", "0.00"], ["0.00", "0.00", "0.00", "0.00"], ["6.64", "6.64", "0.00", "0.00"]],
    FRESH / "gd-guangzhou-tongjiju-2026-dept-budget.pdf": [
        ["839.21", "839.21", "0.00", "0.00"],
        ["19.86", "19.86", "0.00", "0.00"], ["5.00", "5.00", "0.00", "0.00"], ["6.70", "6.70", "0.00", "0.00"],
        ["0.00", "0.00", "0.00", "0.00"], ["6.70", "6.70", "0.00", "0.00"], ["8.16", "8.16", "0.00", "0.00"]],
}


@pytest.mark.parametrize("pdf", sorted(PRINTED), ids=lambda p: p.stem)
def test_the_turned_table_prints_each_item_by_fund(tmp_path, pdf) -> None:
    """The render printed each item's 合计 alone (项目 | 预算数), and no 行政经费; 广东 prints 行政经费 above the items,
    each beside its three funds."""
    source, layout = _imported(tmp_path, pdf)
    assert "列:" in (layout / "版式.yaml").read_text(encoding="utf-8")
    assert [row[1:] for row in _body(source, layout)] == PRINTED[pdf]


def test_the_funds_printed_by_item_are_held_in_the_source(tmp_path) -> None:
    """深圳市信访局 prints each item over 一般公共预算 | 政府性基金预算 | 国有资本经营预算 (2026 年: 总计 5.58 0.00 0.00,
    因公出国(境)费 0.00 …, 公务接待费 2.98, 小计 2.60, 购置 0.00, 运行维护 2.60): the source holds this year's, as printed."""
    source, _ = _imported(tmp_path, FRESH / "gd-shenzhen-xinfangju-2026-dept-budget.pdf")
    by_fund = parse_yaml(source.read_bytes(), str(source))["三公经费"]["按资金"]
    printed = {"合计": "5.58", "因公出国（境）费": "0", "公务接待费": "2.98", "公务用车购置及运行维护费": "2.6",
               "公务用车购置费": "0", "公务用车运行维护费": "2.6"}
    assert {item: str(funds["一般公共预算"]) for item, funds in by_fund.items()} == printed
    assert all(str(funds[fund]) == "0" for funds in by_fund.values() for fund in ("政府性基金", "国有资本经营"))


# 深圳市民政局（本级） 2026 (../shared/corpus), its rows as printed: 2025 年, 2026 年, 增减变化金额, each item (总计, 因公出国(境)费,
# 公务接待费, 小计, 公务用车购置费, 公务用车运行维护费) over 一般公共预算 | 政府性基金预算 | 国有资本经营预算
SHENZHEN = [
    ["2025年", "33.00", "0.00", "0.00", "0.00", "0.00", "0.00", "15.00", "0.00", "0.00", "18.00", "0.00", "0.00",
     "12.00", "0.00", "0.00", "6.00", "0.00", "0.00"],
    ["2026年", "66.00", "0.00", "0.00", "46.80", "0.00", "0.00", "15.00", "0.00", "0.00", "4.20", "0.00", "0.00",
     "0.00", "0.00", "0.00", "4.20", "0.00", "0.00"],
    ["增减变化金额", "33.00", "0.00", "0.00", "46.80", "0.00", "0.00", "0.00", "0.00", "0.00", "-13.80", "0.00", "0.00",
     "-12.00", "0.00", "0.00", "-1.80", "0.00", "0.00"],
]


def test_the_year_rows_print_each_item_by_fund(tmp_path) -> None:
    """The render printed each item's one figure a row (6 columns); 深圳 prints each over the three funds (18): the
    layout learns the funds (列) and the changes row's label (行名), the source holds both years by fund."""
    source, layout = _imported(tmp_path, SHARED / "gd-shenzhen-minzheng-2026-dept-budget.pdf")
    assert _body(source, layout) == SHENZHEN


def _without(text: str, key: str) -> str:
    """A source's text without the section at ``key`` (its line and the lines indented under it)."""
    start = text.index(f"\n{key}") + 1
    indent = len(key) - len(key.lstrip(" ")) + 2
    end = next(i for i in range(start + 1, len(text)) if text[i - 1] == "\n" and not text[i:].startswith(" " * indent))
    return text[:start] + text[end:]


def test_a_fund_the_source_does_not_give_is_missing_not_zero(tmp_path) -> None:
    """A source without 三公经费.按资金 and 行政经费 (an officer's own, next year's) in a layout printing them: each such
    cell is missing (待补充 in a draft), never 0.00; the items' 合计 column is the source's."""
    source, layout = _imported(tmp_path, FRESH / "gd-zhuhai-shangwuju-2026-dept-budget.pdf")
    source.write_text(_without(_without(source.read_text(encoding="utf-8"), "  按资金:"), "行政经费:"), encoding="utf-8")
    administrative, *rows = _body(source, layout)
    assert administrative[0] == "行政经费" and "0.00" not in administrative and all(administrative)
    expected = PRINTED[FRESH / "gd-zhuhai-shangwuju-2026-dept-budget.pdf"][1:]
    assert [row[1] for row in rows] == [figures[0] for figures in expected]
    assert all("0.00" not in row[2:] and all(cell for cell in row[2:]) for row in rows)


def test_the_columns_are_the_turned_tables_only(tmp_path) -> None:
    (tmp_path / "版式.yaml").write_text(f"名称: 测试\n基于: 默认\n表格:\n  {KIND}:\n    列: [合计, 一般公共预算]\n",
                                       encoding="utf-8")
    with pytest.raises(LayoutError, match="纵排"):
        resolve(tmp_path)
    (tmp_path / "版式.yaml").write_text(f"名称: 测试\n基于: 默认\n表格:\n  {KIND}:\n    纵排: [合计]\n    列: [合计, 旅费]\n",
                                       encoding="utf-8")
    with pytest.raises(LayoutError, match="列"):
        resolve(tmp_path)
    (tmp_path / "版式.yaml").write_text(f"名称: 测试\n基于: 默认\n表格:\n  {KIND}:\n    纵排: [合计]\n    列: [合计, 政府性基金]\n",
                                        encoding="utf-8")
    assert resolve(tmp_path).table_specs[KIND].columns == ("合计", "政府性基金")


def test_next_year_takes_this_years_funds_as_last_years(tmp_path) -> None:
    """rollover: this year's 按资金 is next year's 上年按资金 (深圳 prints last year's row by fund); the new year's are 待填写."""
    source, _ = _imported(tmp_path, FRESH / "gd-shenzhen-xinfangju-2026-dept-budget.pdf")
    following = tmp_path / "next.yaml"
    assert cli.main(["rollover", str(source), "-o", str(following)]) == 0
    three = parse_yaml(following.read_bytes(), str(following))["三公经费"]
    assert str(three["上年按资金"]["合计"]["一般公共预算"]) == "5.58"
    assert str(three["上年按资金"]["公务接待费"]["一般公共预算"]) == "2.98"
    assert all(str(v) == "待填写" for funds in three["按资金"].values() for v in funds.values())
