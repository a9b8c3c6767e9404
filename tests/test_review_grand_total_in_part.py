"""A document without its 收支总表: its income is known in part (the 财政拨款收支总表's funds, 收入.其余未公开), and
收支总计 is then the one figure both sides of the 收支总表 print — the spending's, which its 支出总表 gives. Before,
广州市民政局 2026 without pp. 6–7 was told “上年.收支总计 写明了增减，但本年没有这个数可以推出上年数” of its text's
“收支预算…比上年增加8,126.52万元”, a slip of the cut's reading, not of the document."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from reportgen.review.documents import review_document
from tests.support.national import errors_said, without_pages

MINZHENG = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "gd-guangzhou-minzheng-2026-dept-budget.pdf"
pytestmark = [pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils (pdftotext) 未安装"),
              pytest.mark.skipif(not MINZHENG.exists(), reason="the national corpus (../shared/corpus) is not here")]






def test_without_its_balance_table_the_grand_total_is_the_spendings(tmp_path):
    cut = review_document(without_pages(MINZHENG, {6, 7}, tmp_path / "minzheng-without-6-7.pdf"), None)
    assert cut.imported.imported.tree["收入"]["其余未公开"].value is True  # income known in part
    assert errors_said(cut) == errors_said(review_document(MINZHENG, None))  # nothing the cut made
    assert not [v for v in cut.narrative.verdicts if v.status == "disagree"]
    changes = [v for v in cut.narrative.verdicts if v.statement.text == "比上年增加8,126.52万元"]
    assert changes and all(v.status in ("agree", "within") for v in changes)


XINGKEYUAN = MINZHENG.parent / "sh-city-xingkeyuan-2026-unit-budget.pdf"


@pytest.mark.skipif(not XINGKEYUAN.exists(), reason="the national corpus (../shared/corpus) is not here")
def test_without_its_balance_table_the_funds_printed_blank_are_none(tmp_path):
    """上海市星空科普院 2026 without its 收支总表 (p. 7): its 财政拨款收支总表 prints every appropriation, the 政府性
    基金 and 国有资本 rows blank — none, so 财政拨款 is known (before: “上年.财政拨款 写明了增减，但本年没有这个数
    可以推出上年数”); the other sources stay unknown."""
    cut = review_document(without_pages(XINGKEYUAN, {7}, tmp_path / "xingkeyuan-without-7.pdf"), None)
    income = cut.imported.imported.tree["收入"]
    assert income["其余未公开"].value is True and "事业收入" not in income
    assert income["政府性基金预算拨款"].value == 0 and "空白" in income["政府性基金预算拨款"].where
    assert errors_said(cut) == errors_said(review_document(XINGKEYUAN, None))
