"""The 收入总表 by unit that prints the department's row again under its 合计, no code telling it from its units
(issue 80): 杭州 and 湖州 (浙江: 合计, 湖州市财政局 6838.41, then 湖州市财政局 4467.55, 湖州市市级财政国库支付中心 724.30 …).
The import read them as no units' table (the draft printed 合计 and the department alone). Now the units are held as
表行 (the department's row not among them: it is the department's income), the learned layout says 部门行: 合计之下,
and the draft prints 合计, the department's row, its units. The figures expected are the published ones, read off the
PDFs (pdftotext -layout) before the code was written; 广州's units' table (no department row) and 无锡's, 西安's (the
department's row under its own code, held as printed) are unchanged (tests/test_income_unit_lines.py,
tests/test_income_department_row.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from reportgen.docmodel.document import Table
from reportgen.runners.render import document_for, prepare
from reportgen.shaping.layouts import LayoutError, resolve
from tests.learned_import import import_once

FRESH = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "fresh1"


def _learned(tmp_path_factory: pytest.TempPathFactory, name: str) -> tuple[str, str, list[list[str]]]:
    """(the source's text, the 版式.yaml, the draft's 收入总表 body rows) of the document imported with --learn-layout."""
    folder = tmp_path_factory.mktemp(name)
    source, layout = import_once(folder, FRESH / f"{name}.pdf")
    document = document_for(prepare(source, draft=True), draft=True, layout=layout)
    table = next(b for b in document.blocks if isinstance(b, Table) and b.id.split("-")[0] == "收入总表")
    rows = [[cell.text for cell in row.cells] for row in table.body]
    return source.read_text(encoding="utf-8"), (layout / "版式.yaml").read_text(encoding="utf-8"), rows


CASES = [
    ("zj-huzhou-caizhengju-2026-dept-budget",
     [["合计", "6838.41", "6838.41", "6838.41"], ["湖州市财政局", "6838.41", "6838.41", "6838.41"],
      ["湖州市财政局", "4467.55", "4467.55", "4467.55"], ["湖州市市级财政国库支付中心", "724.30", "724.30", "724.30"],
      ["湖州市财政项目预算审核中心", "731.02", "731.02", "731.02"], ["湖州市财政票据管理中心", "273.77", "273.77", "273.77"],
      ["湖州市绿色财政研究服务中心", "641.77", "641.77", "641.77"]],
     "    - {单位: 湖州市财政局, 一般公共预算拨款: 4467.55}"),
]


@pytest.mark.parametrize("name, printed, unit", CASES)
def test_the_department_row_then_its_units(tmp_path_factory, name, printed, unit) -> None:
    source, layout, rows = _learned(tmp_path_factory, name)
    assert "表行: 单位" in layout and "部门行: 合计之下" in layout
    held = source.split("\n表行:\n  收入总表:\n")[1].split("\n")
    assert held[0].startswith(unit) and len(held) >= len(printed) - 2  # the units alone, the department not among them
    assert [row[:len(printed[0])] for row in rows] == printed


def test_the_units_own_income_of_the_year(tmp_path_factory) -> None:
    """杭州 prints 本年收入 小计 beside 合计: 杭州市气象局 (its unit) 5,011.05 and 4,916.13 一般公共预算."""
    _, layout, rows = _learned(tmp_path_factory, "zj-hangzhou-qixiang-2026-dept-budget")
    assert "- 本年收入合计" in layout
    units = [row for row in rows if row[0] == "杭州市气象局"]
    assert len(units) == 2 and units[1][1:4] == ["5,011.05", "5,011.05", "4,916.13"]


def test_the_department_row_is_refused_without_the_units(tmp_path) -> None:
    folder = tmp_path / "版式"
    folder.mkdir()
    (folder / "版式.yaml").write_text("名称: 试\n基于: 默认\n表格:\n  收入总表: {部门行: 合计之下}\n", encoding="utf-8")
    with pytest.raises(LayoutError, match="部门行"):
        resolve(folder)


@pytest.mark.parametrize("name, printed, words", [
    ("jl-changchun-xinfangju-2026-dept-budget", ["长春市信访局", "1682.76", "1682.76", "1682.76"], "行名:\n      合计: 长春市信访局"),
    ("central-guojia-xinfangju-2026-dept-budget", ["合计", "50,616.94"], None)])
def test_the_departments_one_row_is_the_whole(tmp_path_factory, name, printed, words) -> None:
    """长春 prints its 收入总表 as the department's one row (“105001 | 长春市信访局 | 1682.76 | 1682.76 | 1682.76 | 0.00 …”),
    国家信访局 as one line of figures under the header (50,616.94 | 2,254.12 | 16,474.82 …), neither with a 合计 row over
    it: the draft printed 合计 and the department's row, the same figures twice (17 and 5 printed where the document
    prints none). The layout learns 部门行: 即合计, with 长春's name as printed for its row: one row, as published."""
    _, layout, rows = _learned(tmp_path_factory, name)
    assert "部门行: 即合计" in layout and (words is None or words in layout)
    assert len(rows) == 1 and rows[0][:len(printed)] == printed
