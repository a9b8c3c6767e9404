"""A document without its 收支总表: its income is known in part (the 财政拨款收支总表's funds, 收入.其余未公开), and
收支总计 is then the one figure both sides of the 收支总表 print — the spending's, which its 支出总表 gives. Before,
广州市民政局 2026 without pp. 6–7 was told “上年.收支总计 写明了增减，但本年没有这个数可以推出上年数” of its text's
“收支预算…比上年增加8,126.52万元”, a slip of the cut's reading, not of the document."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from pypdf import PdfReader, PdfWriter

from reportgen.review.documents import review_document

MINZHENG = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "gd-guangzhou-minzheng-2026-dept-budget.pdf"
pytestmark = [pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils (pdftotext) 未安装"),
              pytest.mark.skipif(not MINZHENG.exists(), reason="the national corpus (../shared/corpus) is not here")]


def _without(pages: set[int], path: Path) -> Path:
    reader, writer = PdfReader(MINZHENG), PdfWriter()
    for number, page in enumerate(reader.pages, start=1):
        if number not in pages:
            writer.add_page(page)
    writer.write(path)
    return path


def _said(result) -> list[tuple[str, str]]:
    found = [*result.checks, *(result.narrative.contradictions if result.narrative else [])]
    return [(f.rule, f.message) for f in found if f.severity == "error"]


def test_without_its_balance_table_the_grand_total_is_the_spendings(tmp_path):
    cut = review_document(_without({6, 7}, tmp_path / "minzheng-without-6-7.pdf"), None)
    assert cut.imported.imported.tree["收入"]["其余未公开"].value is True  # income known in part
    assert _said(cut) == _said(review_document(MINZHENG, None))  # nothing the cut made
    assert not [v for v in cut.narrative.verdicts if v.status == "disagree"]
    changes = [v for v in cut.narrative.verdicts if v.statement.text == "比上年增加8,126.52万元"]
    assert changes and all(v.status in ("agree", "within") for v in changes)
