"""事业单位经营支出, 对附属单位补助支出 and 上缴上级支出 by function line (issue 80): many provinces' 支出总表 print them
beside 合计 | 基本支出 | 项目支出, mostly 0.00. The budget source holds them (a printed 0.00 a stated 0), the import
writes them as the 支出总表 prints them (traced to its cells), learn-layout learns the column list and the render
prints them where 表格.支出总表.列 lists them.

Written from 深圳市信访局 and 珠海市商务局 2026 (../shared/corpus/fresh1: their lines read from the 一般公共预算支出表,
the 支出总表 printing 0.00 in the three columns) and 广州市气象局 2026 (tests/fixtures/national pp. 7–9, 17: its lines
read from the 支出总表 itself); 泉州市政府办 2026 shows the mechanism unchanged (bench/learned_tables)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from reportgen.docmodel.document import Table
from reportgen.importing.pipeline import import_files
from reportgen.runners.render import document_for, prepare
from tests.clients import require_program
from tests.learned_import import import_once
from tests.support.national import FIXTURES

FRESH = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "fresh1"
BESIDE = ["事业单位经营支出", "对附属单位补助支出", "上缴上级支出"]


@pytest.fixture(scope="module", autouse=True)
def _poppler() -> None:
    require_program("pdftotext")


def _spending_table(tmp_path: Path, name: str) -> tuple[str, Table]:
    pdf = FRESH / f"{name}.pdf"
    if not pdf.exists():
        pytest.skip("../shared/corpus/fresh1 is not here")
    source, layout = import_once(tmp_path, pdf)
    document = document_for(prepare(source, draft=True), draft=True, layout=layout)
    table = next(b for b in document.blocks if isinstance(b, Table) and b.id == "支出总表")
    return source.read_text(encoding="utf-8"), table


@pytest.mark.slow
@pytest.mark.parametrize("name, code", [("gd-shenzhen-xinfangju-2026-dept-budget", "2014001"),
                                        ("gd-zhuhai-shangwuju-2026-dept-budget", None)])
def test_the_columns_beside_basic_and_project_are_imported_learned_and_printed(tmp_path, name, code) -> None:
    """The 支出总表 prints 0.00 under each of the three on every line: the source states 0 for each code's line
    (from the 支出总表's cells), and the render's 支出总表 prints the three columns, 0.00 on every line, as the province does."""
    source, table = _spending_table(tmp_path, name)
    lines = [line for line in source.splitlines() if line.strip().startswith("- {科目: 2")]
    # each code's first line (珠海's lines of 单位资金 beyond the fund tables: the same 0 is not written twice)
    codes = {line.split(",")[0] for line in lines if "基本支出" in line}
    stated = {line.split(",")[0] for line in lines if "经营支出: 0, 对附属单位补助支出: 0, 上缴上级支出: 0" in line}
    assert codes and stated == codes
    if code is not None:
        assert any(line.strip().startswith(f"- {{科目: {code},") for line in lines)
    labels = ["".join(c.text.split()) for c in table.header[-1].cells]
    assert labels[-3:] == BESIDE or labels[labels.index("项目支出") + 1:][:3] == BESIDE
    after = len(labels) - labels.index(BESIDE[0])  # the columns from the first of the three to the last
    body = [row for row in table.body if row.key.isdigit()]
    assert body and all([c.text for c in row.cells[-after:][:3]] == ["0.00"] * 3 for row in body)


def test_lines_read_from_the_spending_table_carry_its_columns_traced_to_its_cells() -> None:
    """广州市气象局 2026: its lines are read from the 支出总表 itself, which prints the three (0.00): each line states
    them, from the row they are printed on, and nothing disagrees."""
    result = import_files([FIXTURES / "guangzhou-qixiangju-2026-p7-9-17.pdf"], None)
    assert not result.differences
    lines = result.imported.tree["支出"]["功能分类"]
    line = next(item for item in lines if item["科目"].value == 2060503)
    assert {k: (line[k].value, line[k].where) for k in ("经营支出", "对附属单位补助支出", "上缴上级支出")} == {
        k: (Decimal(0), "支出总表 第2页 第10行") for k in ("经营支出", "对附属单位补助支出", "上缴上级支出")}


def test_a_budget_states_them_by_line_and_the_layout_s_column_list_prints_them(tmp_path) -> None:
    """A budget's line states 经营支出 beside 基本支出 and 项目支出 (before: refused as a 决算's key): it counts in the
    line's 合计, and the 支出总表 prints it where 表格.支出总表.列 lists 事业单位经营支出 — blank for a line that does
    not state it, never 0.00 made up."""
    source = tmp_path / "s.yaml"
    source.write_text("部门: 测试局\n年度: 2026\n金额单位: 万元\n部门概况: {职责: [测试]}\n"
                      "收入: {一般公共预算拨款: 20, 事业单位经营收入: 5, 其他收入: 95}\n支出:\n  功能分类:\n"
                      "    - {科目: 2010101, 基本支出: 80, 项目支出: 15, 经营支出: 5, 资金: 单位资金}\n"
                      "    - {科目: 2010102, 基本支出: 0, 项目支出: 20}\n", encoding="utf-8")
    layout = tmp_path / "版式"
    layout.mkdir()
    (layout / "版式.yaml").write_text("名称: 测试\n基于: 默认\n表格:\n  支出总表:\n"
                                      "    列: [合计, 基本支出, 项目支出, 事业单位经营支出]\n", encoding="utf-8")
    prepared = prepare(source, draft=True)
    assert not [f for f in prepared.findings if f.severity == "error"], [f.message for f in prepared.findings]
    document = document_for(prepared, draft=True, layout=layout)
    table = next(b for b in document.blocks if isinstance(b, Table) and b.id == "支出总表")
    rows = [[c.text for c in row.cells] for row in [*table.header, *table.body]]
    assert rows[0][2:] == ["合计", "基本支出", "项目支出", "事业单位经营支出"]
    assert ["2010101", "行政运行", "100.00", "80.00", "15.00", "5.00"] in rows
    assert ["2010102", "一般行政管理事务", "20.00", "0.00", "20.00", ""] in rows
