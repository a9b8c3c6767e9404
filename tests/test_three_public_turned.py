"""A learned layout prints the “三公”经费 table as the province prints it (issue 80): its items as rows, this year's
figure in one column (表格.三公经费支出表.纵排), in the order and under the labels the document prints — written from
福州市民政局 and 泉州市人民政府办公室 (福建: 项目 | 预算数), shown unchanged on 广州市统计局 (广东: the items under
行政经费 and “三公”经费, 合计 beside the funds: tests/test_three_public_funds.py); and its 合计 row above the
units' rows, the items as columns in the printed order (表格.三公经费支出表.横排: 长沙市公安局, 湖州市财政局). The figures expected are the
published ones (../shared/corpus/fresh1), read off the PDFs (pdftotext -layout) before the code was written."""

from __future__ import annotations

from pathlib import Path

import pytest

from reportgen.docmodel.document import Table
from reportgen.runners.render import document_for, prepare
from reportgen.shaping.layouts import LayoutError, resolve
from tests.learned_import import import_once

FRESH = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "fresh1"
KIND = "三公经费支出表"


def _rows(tmp_path: Path, name: str) -> tuple[str, list[list[str]]]:
    """The learned 版式.yaml and the texts of the “三公” table's body rows rendered in the learned layout (``name``: the
    document's files joined by +)."""
    source, layout = import_once(tmp_path, *(FRESH / f"{part}.pdf" for part in name.split("+")))
    document = document_for(prepare(source, draft=True), draft=True, layout=layout)
    table = next(b for b in document.blocks if isinstance(b, Table) and b.id.split("-")[0] == KIND)
    return (layout / "版式.yaml").read_text(encoding="utf-8"), [[c.text for c in row.cells] for row in table.body]


# Each document's printed rows: label (as the PDF prints it, numbering aside) → this year's figure (its 合计/预算数)
PRINTED = {
    "fj-fuzhou-minzhengju-benji-2026-unit-budget": [
        ("合计", "25.05"), ("因公出国（境）费用", "7.05"), ("公务接待费", "8.00"), ("公务用车购置及运行费", "10.00"),
        ("公务用车购置费", "0.00"), ("公务用车运行费", "10.00")],
    "fj-quanzhou-zhengfuban-2026-dept-budget": [
        ("合计", "312.75"), ("因公出国（境）费用", "0.00"), ("公务接待费", "18.85"), ("公务用车购置及运行费", "293.90"),
        ("公务用车购置费", "261.90"), ("公务用车运行费", "32.00")],
    "gd-guangzhou-tongjiju-2026-dept-budget": [  # 行政经费 above the items: the source's 行政经费 since issue 80's 三公 by fund
        ("行政经费", "839.21"), ("“三公”经费", "19.86"), ("因公出国（境）支出", "5.00"), ("公务用车购置及运行维护支出", "6.70"),
        ("公务用车购置费", "0.00"), ("公务用车运行维护费", "6.70"), ("公务接待费支出", "8.16")],
}


@pytest.mark.parametrize("name", sorted(PRINTED))
def test_the_items_are_printed_as_rows_in_the_printed_order(tmp_path, name) -> None:
    """The render printed one row per year with the items as columns; the province prints each item a row. The rows
    are the printed ones, in order, each with its published figure (the label may carry the document's numbering)."""
    text, rows = _rows(tmp_path, name)
    assert "纵排:" in text
    printed = [(row[0], row[1]) for row in rows]
    assert len(printed) == len(PRINTED[name])
    for (label, figure), (expected_label, expected) in zip(printed, PRINTED[name], strict=True):
        assert label.endswith(expected_label) and figure == expected


# 合计 above the units' rows (横排): the 合计 row as printed, its columns in the printed order ("" a blank cell)
ACROSS = {
    "hn-changsha-gonganju-2025-dept-budget": ["合计", "458.50", "28.50", "30.00", "400.00", "150.00", "250.00"],
    "zj-huzhou-caizhengju-2026-dept-budget": ["合计", "9.30", "", "3.50", "", "3.50", "5.80"],
}
# The units' rows under it, as printed (pdftotext -layout of p. 21 and p. 28)
UNITS_UNDER = {
    "hn-changsha-gonganju-2025-dept-budget": [["106_长沙市公安局", "458.50", "28.50", "30.00", "400.00", "150.00", "250.00"]],
    "zj-huzhou-caizhengju-2026-dept-budget": [
        ["湖州市财政局", "7.50", "", "3.50", "", "3.50", "4.00"],
        *([name, "0.45", "", "", "", "", "0.45"] for name in ("湖州市市级财政国库支付中心", "湖州市财政项目预算审核中心",
                                                             "湖州市财政票据管理中心", "湖州市绿色财政研究服务中心"))],
}


@pytest.mark.parametrize("name", sorted(ACROSS))
def test_the_total_row_is_printed_with_the_items_in_the_printed_order(tmp_path, name) -> None:
    """长沙 prints 合计 | 小计 公务接待费 因公出国（境）费 公务用车购置及运行费 其中购置 其中运行 above its unit's row;
    湖州 合计 | “三公”经费合计 因公出国(境)费用 小计 购置 运行 公务接待费 above its units' (printed under it from the
    source's 表行: tests/test_three_public_unit_lines.py). The render printed a row labelled 2026年 with its own order
    of columns."""
    text, rows = _rows(tmp_path, name)
    assert "横排:" in text
    assert rows[0] == ACROSS[name]
    assert rows[1:] == UNITS_UNDER[name]


def test_a_layout_asks_for_the_turned_table_only_of_the_three_public_table(tmp_path) -> None:
    (tmp_path / "版式.yaml").write_text("名称: 测试\n基于: 默认\n表格:\n  支出总表:\n    纵排: [合计]\n", encoding="utf-8")
    with pytest.raises(LayoutError, match="纵排"):
        resolve(tmp_path)
    (tmp_path / "版式.yaml").write_text(f"名称: 测试\n基于: 默认\n表格:\n  {KIND}:\n    纵排: [合计, 旅费]\n",
                                       encoding="utf-8")
    with pytest.raises(LayoutError, match="纵排"):
        resolve(tmp_path)
    (tmp_path / "版式.yaml").write_text(f"名称: 测试\n基于: 默认\n表格:\n  {KIND}:\n    纵排: [合计]\n    横排: [合计]\n",
                                       encoding="utf-8")
    with pytest.raises(LayoutError, match="横排"):
        resolve(tmp_path)


def test_the_total_row_above_the_units_rows_is_the_departments(tmp_path) -> None:
    """杭州市气象局 2026 p. 21 prints 合计 24.02 | | 18.00 | | 18.00 | 6.02 above its two units' rows, which add up to it:
    the import read no row (the 合计 a total of the rows below), the source held the text's 三公 figures only (因公出国
    （境）费 missing: the draft printed 待补充). The 合计 row is the department's: read, and printed as published; the
    units' rows under it as printed."""
    text, rows = _rows(tmp_path, "zj-hangzhou-qixiang-2026-dept-budget")
    assert "横排:" in text
    assert rows == [["合计", "24.02", "", "18.00", "", "18.00", "6.02"],
                    ["杭州市气象局", "13.13", "", "7.20", "", "7.20", "5.93"],
                    ["杭州市气象服务中心（杭州市预警信息发布中心）", "10.89", "", "10.80", "", "10.80", "0.09"]]


# The “三公” table printed as one row of figures without a name (合计 | 因公出国（境）费 | … on one line, no row of a
# year): its figures as printed, in the printed order ("" a blank cell; pdftotext -layout) — written from 北京市审计局
# and 国家信访局, shown unchanged on 中共重庆市委宣传部
ONE_ROW = {
    "bj-shenjiju-2026-dept-budget+bj-shenjiju-2026-dept-budget-tables":
        ["244.848000", "173.520000", "6.000000", "65.328000", "37.380000", "27.948000"],
    "central-guojia-xinfangju-2026-dept-budget": ["112.61", "68.50", "38.60", "", "38.60", "5.51"],
    "cq-xuanchuanbu-2026-dept-budget": ["275.80", "100.00", "112.00", "", "112.00", "63.80"],
}


@pytest.mark.parametrize("name", sorted(ONE_ROW))
def test_a_table_printed_as_one_unnamed_row_is_printed_as_one_row(tmp_path, name) -> None:
    """北京 prints 合计 | 因公出国（境）费 | 公务接待费 | 公务用车购置及运行维护费 | 购置费 | 运行费 on one line, 国家信访局 and
    重庆 合计 | 因公出国（境）费 | 公务用车购置及运行维护费 | 购置费 | 运行费 | 公务接待费: the render printed three rows
    (2025年, 2026年, 增减变化) in its own order of columns, 2025年's figures not in the source's table."""
    text, rows = _rows(tmp_path, name)
    assert "横排:" in text
    assert len(rows) == 1
    assert rows[0][1:] == ONE_ROW[name]


# The same one row with more columns (figures as printed: pdftotext -layout, written before the code): 江苏 prints
# 会议费 and 培训费 beside the items (合计 | 因公出国（境）费 | 小计 | 购置费 | 运行维护费 | 公务接待费 | 会议费 | 培训费: 苏州
# 第20页, 无锡 第18页); 烟台 prints last year's budget of each item, then this year's (2025年预算数 | 2026年预算数, 第19页)
BESIDE_OR_BY_YEAR = {
    "js-suzhou-shengtai-2026-unit-budget": ["20.00", "0.00", "0.00", "0.00", "0.00", "20.00", "15.26", "28.60"],
    "js-wuxi-xinfangju-2025-dept-budget": ["1.50", "0.00", "0.00", "0.00", "0.00", "1.50", "0.44", "16.20"],
    "sd-yantai-minzhengju-2026-dept-budget":
        ["27.32", "5.00", "11.78", "", "11.78", "10.54", "24.62", "5.00", "10.08", "", "10.08", "9.54"],
}


@pytest.mark.parametrize("name", sorted(BESIDE_OR_BY_YEAR))
def test_a_one_row_table_prints_the_columns_beside_the_items_and_last_years_budget(tmp_path, name) -> None:
    """The render printed 2025年, 2026年 and 增减变化 rows of the six items alone: 江苏's 会议费 and 培训费 (the source's
    经济分类款预算 of 一般公共预算) not at all, 烟台's 2025年预算数 as a row of its own."""
    text, rows = _rows(tmp_path, name)
    assert "横排:" in text
    assert len(rows) == 1
    assert rows[0][1:] == BESIDE_OR_BY_YEAR[name]
