"""The department's row of a 收入总表 by unit (issues 80 and 79): 无锡市信访局 2025 (江苏) and 西安市行政审批服务局 2025
(陕西) print 合计, then the department's row under its code (113, 122), then each unit's under the department's code and
its own (113001, 113002; 122001), each code in a column of its own (部门代码 | 部门名称; 单位编码 | 单位名称). The department's
row is its units' rows added: the import read it as one more unit (西安: `check` found the units' rows adding up to twice
the income, R-表行, and the render printed a 合计 of twice the department's income) or, where the name's column was headed
部门名称, read no unit at all (无锡: the render printed the department's row alone, its units' rows missing).

Now the import writes each row as printed with the code it prints (表行 单位编码); a row whose code begins another's is the
sum of those under it, left out of the column totals the render prints and `check` adds; and a unit's 本年收入合计 (its
sources less 上年结转, printed beside its 合计 by 无锡) is printed where the table prints it. Shown unchanged on 广州 and 泉州,
whose units print no code (tests/test_income_unit_lines.py)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from bench.learned_tables import _table_figures, published_rows, rendered_rows
from reportgen import cli
from reportgen.docmodel.document import Table
from reportgen.docmodel.model import TableLine, finest_lines
from reportgen.importing.pipeline import import_files
from reportgen.runners.render import document_for, prepare
from tests.clients import require_program
from tests.learned_import import fresh_pdf, imported_with_layout

FRESH = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "fresh1"
DOCUMENTS = {"无锡": "js-wuxi-xinfangju-2025-dept-budget.pdf", "西安": "sn-xian-xingzhengshenpi-2025-dept-budget.pdf"}


def _line(code: str, amount: str) -> TableLine:
    return TableLine(("", "", ""), {"一般公共预算拨款": Decimal(amount)}, unit="某单位", unit_code=code)


def test_a_row_whose_code_begins_others_is_their_sum() -> None:
    lines = [_line("113", "2723.94"), _line("113001", "2160.79"), _line("113002", "563.15")]
    assert [line.unit_code for line in finest_lines(lines)] == ["113001", "113002"]
    # no codes (广州, 泉州): every line is a unit's
    plain = [_line("", "1"), _line("", "2")]
    assert finest_lines(plain) == plain
    # codes that begin no other: every line
    apart = [_line("122001", "1"), _line("122002", "2")]
    assert finest_lines(apart) == apart


@pytest.fixture(scope="module", autouse=True)
def _poppler() -> None:
    require_program("pdftotext")


def _file(region: str) -> Path:
    return fresh_pdf(DOCUMENTS[region])


def _imported(tmp_path: Path, region: str) -> tuple[Path, Path]:
    return imported_with_layout(tmp_path, _file(region))


@pytest.mark.slow
def test_each_row_is_written_with_its_code(tmp_path, capsys) -> None:
    source, _ = _imported(tmp_path, "无锡")
    lines = source.read_text(encoding="utf-8").splitlines()
    assert "    - {单位: 无锡市信访局, 单位编码: \"113\", 一般公共预算拨款: 2723.94, 其他收入: 144}   # 收入总表 第11页 第12行" in lines
    assert "    - {单位: 无锡市人民来访接待中心, 单位编码: \"113002\", 一般公共预算拨款: 563.15}   # 收入总表 第11页 第14行" in lines
    capsys.readouterr()
    assert cli.main(["check", str(source)]) == 0


@pytest.mark.slow
def test_the_units_rows_add_up_without_the_departments(tmp_path, capsys) -> None:
    """西安: the department's row (122) and its one unit's (122001) print the same figures; `check` adds the unit's
    alone (no R-表行: before, 10,187.52万元 against the income of 5,093.76万元)."""
    source, layout = _imported(tmp_path, "西安")
    capsys.readouterr()
    cli.main(["check", str(source)])
    told = capsys.readouterr().out
    assert "R-表行" not in told
    # its 一般公共预算拨款 | 其中：专项资金列入部门预算项目 (其中栏, by the 单位编码 each row prints): held as printed, a part
    # no larger than its column on any row (no R-其中栏), printed beside it on each row of the learned draft — before,
    # read and told as not used, the draft without the column (3 of the table's 9 figures missing)
    lines = source.read_text(encoding="utf-8").splitlines()
    at = lines.index("      专项资金列入部门预算项目:")
    assert lines[at - 2:at] == ["  收入总表:", "    一般公共预算拨款:"]
    assert [line.split("#")[0].strip() for line in lines[at + 1:at + 4]] == ["合计: 11815120", "122: 11815120",
                                                                           "122001: 11815120"]
    assert "R-其中栏" not in told
    document = document_for(prepare(source, draft=True), draft=True, layout=layout)
    shown = next(b for b in document.blocks if isinstance(b, Table) and b.id == "收入总表")
    rendered = _table_figures(rendered_rows(shown))
    assert [rendered.get(("西安市行政审批服务局", nth, column)) for nth in (0, 1) for column in (1, 2)] == \
        ["50,937,608.35", "11,815,120.00"] * 2
    assert rendered.get(("合计", 0, 2)) == "11,815,120.00" and rendered.get(("合计", 0, 0)) == "50,937,608.35"


@pytest.mark.slow
def test_the_table_is_printed_in_place(tmp_path) -> None:
    """无锡: every figure of its 收入总表 in the same row and column as published — 合计, the department's row, each
    unit's, and each 本年收入合计 beside 合计."""
    source, layout = _imported(tmp_path, "无锡")
    published = import_files([_file("无锡")], None).imported.tables["收入总表"]
    document = document_for(prepare(source, draft=True), draft=True, layout=layout)
    shown = next(b for b in document.blocks if isinstance(b, Table) and b.id == "收入总表")
    printed = _table_figures(published_rows(published))
    rendered = _table_figures(rendered_rows(shown))
    assert len(printed) == 15
    assert {key for key, figure in printed.items() if rendered.get(key) != figure} == set()
