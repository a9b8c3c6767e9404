"""A 收支 table's label printed spaced out under a header printed so (“项 目”): the page's geometry cuts the header, and
the words under it, into two columns — 长沙市公安局 2025 p. 13 prints “本 年 收 入 合 | 计”, the import read “本年收入合”,
a row naming no source printing 68,632.12: the income was written in part (其余未公开, 收入总计 alone), the learned
draft printed no 一般公共预算拨款. Now the words of the columns the header names nothing between a side's label column
and its first amount are the label's (issue 79, issue 80): “本年收入合计”, a total; 本级财政拨款收入 is then the one
row naming no source, and the 财政拨款收支总表's funds, adding up to it, tell its sources (the 广州 一、预算拨款 rule).

Written from 长沙; shown, unchanged, on 国家信访局 2026 (“收 入 | 总 | 计”, “支 | 出 | 总 | 计”: its totals read as
收入总计 and 支出总计, and the learned layout prints the 总计 line it prints) and 湖州市财政局 2026 (“支 出 总 | 计”)."""

from __future__ import annotations

import pytest

from reportgen.importing.pipeline import import_files
from tests.clients import require_program
from tests.learned_import import fresh_pdf, imported_with_layout


@pytest.fixture(scope="module", autouse=True)
def _poppler() -> None:
    require_program("pdftotext")


def _labels(name: str, kind: str) -> tuple[list[str], list[str]]:
    left, right = import_files([fresh_pdf(name)], None).imported.sides[kind]
    return [row.label for row in left], [row.label for row in right]


@pytest.mark.slow
def test_a_label_cut_in_two_is_read_whole_and_the_income_by_its_funds(tmp_path) -> None:
    left, right = _labels("hn-changsha-gonganju-2025-dept-budget.pdf", "收支总表")
    assert "本年收入合计" in left and "本年支出合计" in right
    source, _ = imported_with_layout(tmp_path, fresh_pdf("hn-changsha-gonganju-2025-dept-budget.pdf"))
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
