"""A 收支 table's label printed spaced out under a header printed so (“项 目”): the page's geometry cuts the header, and
the words under it, into two columns — 长沙市公安局 2025 p. 13 prints “本 年 收 入 合 | 计”, the import read “本年收入合”,
a row naming no source printing 68,632.12: the income was written in part (其余未公开, 收入总计 alone), the learned
draft printed no 一般公共预算拨款. Now the words of the columns the header names nothing between a side's label column
and its first amount are the label's (issue 79, issue 80): “本年收入合计”, a total; 本级财政拨款收入 is then the one
row naming no source, and the 财政拨款收支总表's funds, adding up to it, tell its sources (the 广州 一、预算拨款 rule).

Written from 长沙; shown, unchanged, on 国家信访局 2026 (“收 入 | 总 | 计”, “支 | 出 | 总 | 计”: its totals read as
收入总计 and 支出总计, and the learned layout prints the 总计 line it prints) and 湖州市财政局 2026 (“支 出 总 | 计”)."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.learned_tables import _table_figures, rendered_rows
from reportgen.docmodel.document import Table
from reportgen.importing.pipeline import import_files
from reportgen.runners.render import document_for, prepare, prepared_findings
from tests.clients import require_program
from tests.learned_import import fresh_pdf, imported_with_layout


@pytest.fixture(scope="module", autouse=True)
def _poppler() -> None:
    require_program("pdftotext")


def _labels(name: str, kind: str) -> tuple[list[str], list[str]]:
    left, right = import_files([fresh_pdf(name)], None).imported.sides[kind]
    return [row.label for row in left], [row.label for row in right]


CHANGSHA = "hn-changsha-gonganju-2025-dept-budget.pdf"


@pytest.fixture(scope="module")
def changsha(tmp_path_factory) -> tuple[Path, Path]:
    """长沙市公安局 2025 imported with its learned layout: (the source, the layout folder)."""
    return imported_with_layout(tmp_path_factory.mktemp("changsha"), fresh_pdf(CHANGSHA))


@pytest.mark.slow
def test_a_label_cut_in_two_is_read_whole_and_the_income_by_its_funds(changsha) -> None:
    left, right = _labels(CHANGSHA, "收支总表")
    assert "本年收入合计" in left and "本年支出合计" in right
    source, _ = changsha
    text = source.read_text(encoding="utf-8")
    assert "  一般公共预算拨款: 68632.12   # 财政拨款收支总表 第16页 第6行" in text.splitlines()
    assert "其余未公开" not in text


@pytest.mark.slow
@pytest.mark.parametrize(("name", "kind", "income", "spending"), [
    ("central-guojia-xinfangju-2026-dept-budget.pdf", "收支总表", "收入总计", "支出总计"),
    ("central-guojia-xinfangju-2026-dept-budget.pdf", "财政拨款收支总表", "收入总计", "支出总计"),
    ("zj-huzhou-caizhengju-2026-dept-budget.pdf", "收支总表", "收入总计", "支出总计"),
])
def test_totals_cut_over_columns_are_read_whole(name, kind, income, spending) -> None:
    left, right = _labels(name, kind)
    assert income in left and spending in right


@pytest.mark.slow
def test_a_part_printed_beside_its_column_is_held_as_printed_and_the_draft_prints_it_in_place(changsha) -> None:
    """长沙's 收入总表: 本级财政拨款 over 金额 | 其中:经费拨款 (issue 80, issue 79). The 其中 column's figures were read and
    told as not used, and the learned draft printed 合计 and 财政拨款收入 alone (11 of the table's 33 figures missing).
    Now they are held as printed under the column they are a part of (其中栏.收入总表.财政拨款收入.经费拨款, each traced to
    its row), the learned layout lists the column in its place, and the draft prints every figure where the table does;
    the part is added into nothing (合计 and 财政拨款收入 as printed)."""
    source, layout = changsha
    lines = source.read_text(encoding="utf-8").splitlines()
    at = lines.index("其中栏:")
    assert lines[at + 1:at + 5] == ["  收入总表:", "    财政拨款收入:", "      经费拨款:",
                                    "        合计: 50370.61   # 收入总表 第14页 第9行"]
    assert "        2040202: 18228.51   # 收入总表 第14页 第16行" in lines
    prepared = prepare(source, draft=True)
    assert not [f for f in prepared_findings(prepared) if f.rule == "R-其中栏"]
    document = document_for(prepared, draft=True, layout=layout)
    shown = next(b for b in document.blocks if isinstance(b, Table) and b.id.startswith("收入总表"))
    rendered = _table_figures(rendered_rows(shown))
    assert [rendered.get(("合计", 0, column)) for column in range(4)] == ["68,632.12", "68,632.12", "50,370.61", None]
    assert [rendered.get(("一般行政管理事务", 0, column)) for column in range(3)] == ["36,490.02", "36,490.02", "18,228.51"]
