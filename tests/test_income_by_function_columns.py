"""The 收入总表 by function lines in the columns the province prints (issue 80 part 3: tables as data in any layout
folder). 烟台 prints 合计 | 财政拨款收入 (小计 | 一般公共预算 | 政府性基金 | 国有资本经营) | 财政专户 | 事业收入 | … |
上年结转, 重庆 合计 | 一般公共预算拨款收入 | 政府性基金 | … : the learned layout lists them (表格.收入总表.列) in the
printed order, and the render prints them so — a column the source does not split by function line left blank, never
0.00. A layout naming a column no such table has is refused with its file, line and what is expected."""

from __future__ import annotations

from pathlib import Path

import pytest

from reportgen.docmodel.document import Table
from reportgen.runners.render import document_for, prepare
from reportgen.shaping.layouts import LayoutError, resolve
from tests.learned_import import import_once

FRESH = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "fresh1"


@pytest.mark.slow
@pytest.mark.parametrize("name, printed, line", [
    ("sd-yantai-minzhengju-2026-dept-budget",
     ["合计", "财政拨款收入", "一般公共预算拨款", "政府性基金预算拨款", "国有资本经营预算拨款", "财政专户管理资金", "事业收入",
      "事业单位经营收入", "其他收入", "上级补助收入", "附属单位上缴收入", "使用非财政拨款结余", "上年结转"],
     ["205", "08", "03", "培训支出", "16.00", "16.00", "16.00", "", "", "", "", "", "", "", "", "", ""]),
    ("cq-xuanchuanbu-2026-dept-budget",
     ["合计", "一般公共预算拨款", "政府性基金预算拨款", "国有资本经营预算拨款", "财政专户管理资金", "事业收入", "上级补助收入",
      "附属单位上缴收入", "事业单位经营收入", "其他收入"], None),
])
def test_the_income_table_is_printed_in_the_printed_columns(tmp_path, name, printed, line) -> None:
    source, layout = import_once(tmp_path, FRESH / f"{name}.pdf")
    assert resolve(layout).table_specs["收入总表"].columns == tuple(printed)
    document = document_for(prepare(source, draft=True), draft=True, layout=layout)
    income = next(b for b in document.blocks if isinstance(b, Table) and b.id.startswith("收入总表"))
    assert [c.text for c in income.header[1].cells][2:] == printed
    if line:
        assert line in [[c.text for c in row.cells] for row in income.body]


def test_a_column_no_income_table_has_is_refused(tmp_path) -> None:
    (tmp_path / "版式.yaml").write_text("名称: 测试\n基于: 默认\n表格:\n  收入总表:\n    基于: 收入总表-按功能\n"
                                       "    列: [合计, 基本支出]\n", encoding="utf-8")
    with pytest.raises(LayoutError, match=r"版式\.yaml:4.*列”应为按功能分类列收入的表的金额列"):
        resolve(tmp_path)


@pytest.mark.slow
def test_the_total_row_prints_each_own_income_as_stated(tmp_path) -> None:
    """烟台市民政局 prints on its 合 计 row 事业收入 329.34 and 其他收入 5.00 (its lines print neither split: blank); the
    source states both (收入.事业收入, 收入.其他收入) and its 单位资金 lines add up to 334.35, their sum within the
    printing's rounding: the 合计 row prints them, the lines' cells stay blank. The render printed them blank."""
    name = "sd-yantai-minzhengju-2026-dept-budget"
    source, layout = import_once(tmp_path, FRESH / f"{name}.pdf")
    document = document_for(prepare(source, draft=True), draft=True, layout=layout)
    income = next(b for b in document.blocks if isinstance(b, Table) and b.id.startswith("收入总表"))
    rows = [[c.text for c in row.cells] for row in income.body]
    total = next(row for row in rows if row[0] == "合计")
    # as published (公开表2 第5页): 5,274.99 and 3,773.71, each total rounded on its own (印出合计)
    assert total[1:] == ["5,609.33", "5,274.99", "3,773.71", "1,501.28", "", "", "329.34", "", "5.00", "", "", "", ""]
    assert ["205", "08", "03", "培训支出", "16.00", "16.00", "16.00", "", "", "", "", "", "", "", "", "", ""] in rows
