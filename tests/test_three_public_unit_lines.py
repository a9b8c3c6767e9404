"""表行 of the “三公”经费 table by unit (issue 80): 杭州 and 湖州 print their “三公”经费 table across (the items as
columns), a 合计 row and then each unit's row; the source held the department's figures only, so the learned draft
printed the 合计 row alone. Now the import writes the units' rows as printed (表行.三公经费支出表: each unit's name and
the parts it prints, traced to its page and row; 合计 and the 公务用车 小计 are their sums), `check` adds them up by
column against the department's “三公”经费 (R-表行), and the across table prints them under its 合计.

Written from 杭州市气象局 and 湖州市财政局 2026 (../shared/corpus/fresh1); shown, unchanged, on 长沙市公安局 2025, which
prints its one unit's row under a 部门名称 the import reads no column of (“106_长沙市公安局”). A table of year rows
(深圳: 2025年, 2026年, 增减变化) is no table of units: its rows add up to no 合计."""

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

DOCUMENTS = {"杭州": "zj-hangzhou-qixiang-2026-dept-budget.pdf", "湖州": "zj-huzhou-caizhengju-2026-dept-budget.pdf",
             "长沙": "hn-changsha-gonganju-2025-dept-budget.pdf"}
KIND = "三公经费支出表"


@pytest.fixture(scope="module", autouse=True)
def _poppler() -> None:
    require_program("pdftotext")


@pytest.mark.slow
def test_the_units_rows_are_written_as_printed_and_traced(tmp_path) -> None:
    source, _ = imported_with_layout(tmp_path, fresh_pdf(DOCUMENTS["湖州"]))
    lines = source.read_text(encoding="utf-8").splitlines()
    at = lines.index(f"  {KIND}:")
    assert lines[at + 1:at + 3] == [
        "    - {单位: 湖州市财政局, 公务用车运行维护费: 3.5, 公务接待费: 4}   # 三公经费支出表 第28页 第12行",
        "    - {单位: 湖州市市级财政国库支付中心, 公务接待费: 0.45}   # 三公经费支出表 第28页 第13行"]


@pytest.mark.slow
@pytest.mark.parametrize("region", list(DOCUMENTS))
def test_the_units_rows_are_printed_in_place(tmp_path, region) -> None:
    """Every figure the “三公”经费 table prints, in the same row and column, as published; a part a unit leaves blank
    (湖州's units but the 局 print 公务接待费 alone) blank."""
    pdf = fresh_pdf(DOCUMENTS[region])
    source, layout = imported_with_layout(tmp_path, pdf)
    published = import_files([pdf], None).imported.tables[KIND]
    document = document_for(prepare(source, draft=True), draft=True, layout=layout)
    shown = next(b for b in document.blocks if isinstance(b, Table) and b.id == KIND)
    printed = _table_figures(published_rows(published))
    rendered = _table_figures(rendered_rows(shown))
    assert len({label for label, *_ in printed}) >= 2
    assert {key for key, figure in printed.items() if rendered.get(key) != figure} == set()
    assert list(dict.fromkeys(label for label, *_ in rendered)) == list(dict.fromkeys(label for label, *_ in printed))


@pytest.mark.slow
def test_check_adds_the_units_up(tmp_path, capsys) -> None:
    """The units' rows as imported add up to the department's “三公”经费 (no R-表行); one unit's figure changed, `check`
    names the column and both sums."""
    source, _ = imported_with_layout(tmp_path, fresh_pdf(DOCUMENTS["杭州"]))
    capsys.readouterr()
    cli.main(["check", str(source)])
    assert "R-表行" not in capsys.readouterr().out
    changed = tmp_path / "changed.yaml"
    changed.write_text(source.read_text(encoding="utf-8").replace("{单位: 杭州市气象局, 公务用车运行维护费: 7.2,",
                                                                 "{单位: 杭州市气象局, 公务用车运行维护费: 9.2,"),
                       encoding="utf-8")
    assert cli.main(["check", str(changed)]) == 1
    out = capsys.readouterr().out
    assert "R-表行" in out and "三公经费支出表各行的公务用车运行维护费相加为 20.00万元" in out and "18.00万元" in out


@pytest.mark.slow
def test_rows_of_years_are_no_units(tmp_path) -> None:
    """深圳's “三公” table prints a row a year and their change: no 表行 of it."""
    pdf = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "gd-shenzhen-minzheng-2026-dept-budget.pdf"
    if not pdf.exists():
        pytest.skip("../shared/corpus is not here")
    source, _ = imported_with_layout(tmp_path, pdf)
    text = source.read_text(encoding="utf-8")
    assert "三公经费:" in text and f"  {KIND}:" not in text
