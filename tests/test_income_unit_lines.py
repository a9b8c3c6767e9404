"""表行 of the 收入总表 by unit (issue 80): 广州 and 泉州 print their 收入总表 as the department's 合计 row, then each
unit's name and its income by source; the source held the department's income only, so the learned draft printed
one row where the published prints a row per unit. Now the import writes the units' rows as printed (表行.收入总表,
each traced to its page and row), `check` adds them up by column against the department's income (R-表行), and the
learned layout (表格.收入总表.表行: 单位) prints them in their order.

Written from 广州市统计局 and 泉州市人民政府办公室 2026 (../shared/corpus/fresh1); the mechanism is the one 北京's
表行 use (tests/test_table_lines.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.learned_tables import _table_figures, published_rows, rendered_rows
from reportgen import cli
from reportgen.docmodel.document import Table
from reportgen.importing.pipeline import import_files
from reportgen.runners.render import document_for, prepare
from tests.clients import require_program
from tests.learned_import import fresh_pdf, imported_with_layout

FRESH = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "fresh1"
DOCUMENTS = {"广州": "gd-guangzhou-tongjiju-2026-dept-budget.pdf", "泉州": "fj-quanzhou-zhengfuban-2026-dept-budget.pdf"}


@pytest.fixture(scope="module", autouse=True)
def _poppler() -> None:
    require_program("pdftotext")


def _file(region: str) -> Path:
    return fresh_pdf(DOCUMENTS[region])


def _imported(tmp_path: Path, region: str) -> tuple[Path, Path]:
    return imported_with_layout(tmp_path, _file(region))


@pytest.mark.slow
def test_the_units_rows_are_written_as_printed_and_traced(tmp_path) -> None:
    source, layout = _imported(tmp_path, "广州")
    lines = source.read_text(encoding="utf-8").splitlines()
    assert "  收入总表:" in lines
    assert ("    - {单位: 广州市统计普查中心, 一般公共预算拨款: 1373.74, 政府性基金预算拨款: 0, 国有资本经营预算拨款: 0, 教育收费: 0, "
            "其他专户收入拨款: 0, 事业收入: 0, 事业单位经营收入: 0, 其他收入: 0, 上级补助收入: 0, 附属单位上缴收入: 0, 上年结转: 0}"
            "   # 收入总表 第8页 第13行") in lines
    # the unit printed on two lines of the page keeps its whole name
    assert any(line.startswith("    - {单位: 广州市统计监测中心（广州市统计发展中心）, 一般公共预算拨款: 1361.71") for line in lines)
    assert "表行: 单位" in (layout / "版式.yaml").read_text(encoding="utf-8")


@pytest.mark.slow
@pytest.mark.parametrize("region", ["广州", "泉州"])
def test_the_units_rows_are_printed_in_place(tmp_path, region) -> None:
    """Every figure the 收入总表 prints, in the same row and column, as published (its 合计 row the department's
    income, as stated, not the units' rows added: 广州's add up to 0.01 more)."""
    source, layout = _imported(tmp_path, region)
    published = import_files([_file(region)], None).imported.tables["收入总表"]
    document = document_for(prepare(source, draft=True), draft=True, layout=layout)
    shown = next(b for b in document.blocks if isinstance(b, Table) and b.id == "收入总表")
    printed = _table_figures(published_rows(published))
    rendered = _table_figures(rendered_rows(shown))
    assert len(printed) > 20
    assert {key for key, figure in printed.items() if rendered.get(key) != figure} == set()
    # in the printed order: the 合计 over the units, each unit where it is printed
    assert list(dict.fromkeys(label for label, *_ in rendered)) == list(dict.fromkeys(label for label, *_ in printed))


@pytest.mark.slow
def test_check_adds_the_units_up(tmp_path, capsys) -> None:
    """The units' rows as imported add up to the department's income (no finding); one unit's figure changed, `check`
    names the column and both sums."""
    source, _ = _imported(tmp_path, "广州")
    capsys.readouterr()
    assert cli.main(["check", str(source)]) == 0
    changed = tmp_path / "changed.yaml"
    changed.write_text(source.read_text(encoding="utf-8").replace("{单位: 广州市统计普查中心, 一般公共预算拨款: 1373.74",
                                                                 "{单位: 广州市统计普查中心, 一般公共预算拨款: 1383.74"),
                       encoding="utf-8")
    assert cli.main(["check", str(changed)]) == 1
    out = capsys.readouterr().out
    # the units' rows add up to 0.01 more than the department's (尾数): within the rounding, no finding before the change
    assert "R-表行" in out and "收入总表各行的一般公共预算拨款相加为 9,443.73万元" in out and "9,433.72万元" in out
