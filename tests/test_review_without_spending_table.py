"""A document without its 支出总表: the fund tables hold the 财政拨款 alone, and the spending beyond them is the
收支总表's spending side (every source's money, 类 by 类) less the fund tables' — by 类, its 基本/项目 split where
that side prints it, else its 合计 alone; 基本支出 is then never the 一般公共预算基本支出表's lines. Before, the fund
tables' rows were taken for all the spending beside an income of other sources: 广州市民政局 2026 without pp. 9–11
was told “266,705.55万元（应为 196,691.56万元）” and R-收支平衡 “相差 70,013.99万元”; 上海市星空科普院 2026
without pp. 10–11 “7,072万元（应为 6,672万元）”."""

from __future__ import annotations

import shutil
from decimal import Decimal

import pytest

from reportgen.review.documents import review_document
from reportgen.review.glossary import Glossary
from reportgen.runners.render import prepare
from tests.support.national import CORPUS, errors_said, without_pages

MINZHENG = CORPUS / "gd-guangzhou-minzheng-2026-dept-budget.pdf"
XINGKEYUAN = CORPUS / "sh-city-xingkeyuan-2026-unit-budget.pdf"
poppler = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils (pdftotext) 未安装")


def _agreeing(review) -> int:  # type: ignore[no-untyped-def]
    return review.narrative.counts["agree"]


@poppler
@pytest.mark.skipif(not MINZHENG.exists(), reason="the national corpus (../shared/corpus) is not here")
def test_without_its_spending_table_the_spending_beyond_the_funds_is_the_balance_tables_classes(tmp_path):
    cut = review_document(without_pages(MINZHENG, {9, 10, 11}, tmp_path / "minzheng-without-9-11.pdf"), None)
    assert not cut.unreviewed and cut.checklist["tables_missing"]
    assert errors_said(cut) == []  # the whole document has none either
    assert not [v for v in cut.narrative.verdicts if v.status == "disagree"]
    # of the whole's 203 (before: 144; marking the rows as 财政拨款 alone: 82); 150 until a change judged by last year's
    # figure its own sentence gave was no longer 一致 with itself (8 such: 未能核对)
    assert _agreeing(cut) >= 142
    rows = cut.imported.imported.tree["支出"]["功能分类"]
    beyond = {r["科目"].value: r["合计"].value for r in rows if "收支总表" in r["科目"].where}
    assert beyond[208] == Decimal("46652.44")  # 175,596.01 of every source less the fund tables' 128,943.57
    assert {r["资金"].value for r in rows if "收支总表" in r["科目"].where} == {"单位资金"}
    written = tmp_path / "minzheng-without-9-11.yaml"
    written.write_text(cut.imported.source.text, encoding="utf-8")
    figures = prepare(written).figures
    assert figures is not None and figures.expenditure_total == Decimal("266705.55") * 10000  # 本年支出合计 as printed (元)
    assert figures.basic is None  # never the 一般公共预算基本支出表's 98,281.98 … for all the money


@poppler
@pytest.mark.skipif(not XINGKEYUAN.exists(), reason="the national corpus (../shared/corpus) is not here")
def test_without_its_spending_table_a_balance_table_printing_the_split_gives_it(tmp_path):
    """上海市星空科普院 2026 (其他收入 4,000,000元 beside its 一般公共预算拨款) without pp. 10–11: its 收支总表 prints
    each 类's 人员经费, 公用经费 and 项目支出 — the 4,000,000 spent beyond the fund tables is 科学技术支出's 项目支出."""
    cut = review_document(without_pages(XINGKEYUAN, {10, 11}, tmp_path / "xingkeyuan-without-10-11.pdf"), None)
    assert not cut.unreviewed and errors_said(cut) == []
    assert not [v for v in cut.narrative.verdicts if v.status == "disagree"]
    # of the whole's 107 (4 fewer before the balance table gave the split); its 政府采购, given by its text alone, is
    # borne out within its sentence, never 一致 with itself; nor its changes on 2025, whose figures no table prints and
    # its sentences alone give (9: 未能核对, 91 before)
    assert _agreeing(cut) >= 82
    rows = cut.imported.imported.tree["支出"]["功能分类"]
    beyond = [r for r in rows if "收支总表" in r["科目"].where]
    assert [(r["科目"].value, r["基本支出"].value, r["项目支出"].value) for r in beyond] == [(206, 0, 4000000)]


SPENT_BEYOND_BY_CLASS = """\
部门: 某局
年度: 2026
金额单位: 万元
部门概况: {职责: [负责某事。]}
收入: {一般公共预算拨款: 100, 事业收入: 50}
支出:
  功能分类:
    - {科目: 2080101, 基本支出: 60, 项目支出: 40}
    - {科目: 208, 资金: 单位资金, 合计: 50}
"""


def test_project_spending_unknown_beside_its_general_budget_part_is_not_named(tmp_path):
    """项目支出 not known (the 单位资金's 50 by 类 alone) while its 一般公共预算 part is (40): the glossary names
    the part and no total — before, an IndexError reading the names of a 项目支出 never named."""
    source = tmp_path / "s.yaml"
    source.write_text(SPENT_BEYOND_BY_CLASS, encoding="utf-8")
    prepared = prepare(source)
    assert prepared.budget is not None and prepared.figures is not None and not prepared.errors
    assert prepared.figures.project is None and prepared.figures.basic is None
    glossary = Glossary(prepared.budget, prepared.figures)
    assert glossary.find("项目支出") is None
    found = glossary.find("一般公共预算项目支出")
    assert found is not None and found.current == Decimal("400000")
