"""表行 of the 支出总表 by unit (issue 80): 西安市行政审批服务局 2025 (汇总, ../shared/corpus/fresh1, p. 23, 表3) prints
its 支出总表 as it prints its 收入总表 — 单位编码 | 单位名称 | 合计 | 公共预算拨款 小计 | 其中：专项资金列入部门预算的项目 |
政府性基金拨款 | 事业收入 …, a 合计 row, then the department's row (122) over its unit's (122001), each unit's spending
by the source of its money. The import read the columns (by_other_tables.py) but held no line of it, and the learned
draft printed the 支出总表 by function (8 figures not in place, 22 printed where the PDF prints none). Now the import
holds the units' lines as it holds a 收入总表 by unit's (表行.支出总表, 其中栏.支出总表, each traced to its page and row;
the mechanism written from 广州 and 泉州's 收入总表, tests/test_income_unit_lines.py), the learned layout prints them
(表格.支出总表.表行: 单位), and the 合计 row is the units' lines added (122 sums 122001: not added again). A 支出总表
by function (泉州, the same shared import as test_income_unit_lines.py's) is learned as before. The figures expected
were read off the PDF (pdftotext -layout) before the code was written."""

from __future__ import annotations

import re

from reportgen.docmodel.document import Table
from reportgen.runners.render import document_for, prepare
from tests.learned_import import fresh_pdf, import_once

TOTAL, SPECIAL = "50,937,608.35", "11,815,120.00"


def _section(text: str, kind: str) -> str:
    """The learned 版式.yaml's 表格.``kind``: its lines up to the next table's ("" where it has none)."""
    parts = text.split(f"\n  {kind}:\n")
    return re.split(r"\n  (?! )", parts[1])[0] if len(parts) > 1 else ""


def test_xian_prints_its_spending_by_unit_and_source_as_published(tmp_path_factory) -> None:
    pdf = fresh_pdf("sn-xian-xingzhengshenpi-2025-dept-budget.pdf")
    source, layout = import_once(tmp_path_factory.mktemp("xian"), pdf)
    text = source.read_text(encoding="utf-8")
    assert re.search(r"  支出总表:\n    - \{单位: 西安市行政审批服务局, 单位编码: \"122\", 一般公共预算拨款: 50937608.35\}"
                     r"   # 支出总表 第23页 第11行\n    - \{单位: 西安市行政审批服务局, 单位编码: \"122001\", "
                     r"一般公共预算拨款: 50937608.35\}   # 支出总表 第23页 第12行\n", text)
    assert "  支出总表:\n    一般公共预算拨款:\n      专项资金列入部门预算的项目:\n        合计: 11815120" in text
    section = _section((layout / "版式.yaml").read_text(encoding="utf-8"), "支出总表")
    assert section.startswith("    表行: 单位\n    列:\n    - 合计\n    - 一般公共预算拨款\n    - 其中：专项资金列入部门预算的项目\n")
    document = document_for(prepare(source, draft=True), draft=True, layout=layout)
    table = next(b for b in document.blocks if isinstance(b, Table) and b.id.split("-")[0] == "支出总表")
    rows = [[cell.text for cell in row.cells] for row in table.body]
    assert [row[:4] for row in rows] == [["合计", TOTAL, TOTAL, SPECIAL], ["西安市行政审批服务局", TOTAL, TOTAL, SPECIAL],
                                         ["西安市行政审批服务局", TOTAL, TOTAL, SPECIAL]]
    assert all(not cell for row in rows for cell in row[4:])  # 政府性基金拨款 … 上年结转: blank, as printed
    # 泉州's 支出总表 prints its function lines: no unit's line held, none learned
    quanzhou, learned = import_once(tmp_path_factory.mktemp("quanzhou"), fresh_pdf("fj-quanzhou-zhengfuban-2026-dept-budget.pdf"))
    assert "表行: 单位" not in _section((learned / "版式.yaml").read_text(encoding="utf-8"), "支出总表")
    assert not re.search(r"\n表行:(\n  .*)*\n  支出总表:", quanzhou.read_text(encoding="utf-8"))
