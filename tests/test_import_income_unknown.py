"""A document whose tables of all income are not read — its 收支总表 and 收入总表 not printed, cut, or on a
scanned page that names no table — gives its 财政拨款 alone, in the 财政拨款收支总表: any other source is not
known, and never 0 (收入.其余未公开). Before, 烟台市人力资源和社会保障局 2026 without pp. 8–11 was told that its
上级补助收入 173万元 and 其他收入 26万元 “应为 0万元”, that its income did not balance its spending by their
199.00, and that four 支出总表 rows those sources fund were more than their fund tables' rows."""

from __future__ import annotations

import shutil

import pytest

from reportgen.importing.pipeline import import_files
from reportgen.review.documents import review_document
from tests.support.national import CORPUS, errors_said, without_pages

RENSHE = CORPUS / "sd-yantai-renshe-2026-dept-budget.pdf"
pytestmark = [pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils (pdftotext) 未安装"),
              pytest.mark.skipif(not RENSHE.exists(), reason="the national corpus (../shared/corpus) is not here")]






def test_without_its_tables_of_all_income_the_other_sources_are_unknown(tmp_path):
    cut = without_pages(RENSHE, {8, 9, 10, 11}, tmp_path / "renshe-without-8-11.pdf")
    source = import_files([cut], None).imported.tree["收入"]
    assert source["其余未公开"].value is True and "收入总表" in source["其余未公开"].where
    # every appropriation as its 财政拨款收支总表 prints it (政府性基金 blank: none), the other sources unknown
    assert set(source) == {"一般公共预算拨款", "政府性基金预算拨款", "国有资本经营预算拨款", "其余未公开"}
    assert source["政府性基金预算拨款"].value == 0 and "空白" in source["政府性基金预算拨款"].where
    cut_review, whole = review_document(cut, None), review_document(RENSHE, None)
    assert errors_said(cut_review) == errors_said(whole)  # the document's own slips, and nothing the cut made
    assert not any("收入" in message for _, message in errors_said(cut_review))


def test_without_its_收支总表_the_income_table_s_total_row_tells_there_is_other_income(tmp_path):
    """Its 收支总表 (p. 8) alone cut: the 收入总表's 合计 row prints income beside the 财政拨款 (上级补助收入,
    其他收入), so the rest is unknown — and the comment says so, not that the 收入总表 was not read."""
    cut = without_pages(RENSHE, {8}, tmp_path / "renshe-without-8.pdf")
    rest = import_files([cut], None).imported.tree["收入"]["其余未公开"]
    assert rest.value is True and rest.where.startswith("收支总表没有读出；收入总表的合计行有财政拨款以外的收入")
