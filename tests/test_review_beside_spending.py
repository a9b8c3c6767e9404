"""What a 支出总表's 合计 row prints beside 基本支出 and 项目支出 — 北京's “其中 事业单位经营支出 / 上缴上级支出 / 对附属单位补助支出”
columns, which no field of the source holds — measures the sentences that state it (“1.事业单位经营支出0.00万元”): they
were 未能核对 (read, subject known, no figure), though the table prints the figure. 首都绿化委员会办公室 2026: its 情况说明
p. 5 and its tables' pp. 1–3 (收支总表, 收入总表, 支出总表, whose 合计 row leaves the three columns blank: none spent);
北京市教育委员会 2026 (the whole corpus files): “1.事业单位经营支出4354.50万元” against the 合计 row's 4,354.497117."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from reportgen.importing.pipeline import import_files
from reportgen.review import review_prepared
from reportgen.review.documents import beside_spending, review_document, review_together
from reportgen.review.glossary import TableLines
from reportgen.runners.render import prepare
from tests.clients import require_program
from tests.support.national import CORPUS, FIXTURES

LVHUA = FIXTURES / "beijing-shoudulvhuaban-2026-p5-tables-p1-3.pdf"
JIAOYUWEI = [CORPUS / "bj-jiaoyuwei-2026-dept-budget.pdf", CORPUS / "bj-jiaoyuwei-2026-dept-budget-tables.pdf"]
_LABELS = ("1.事业单位经营支出", "2.上缴上级支出", "3.对附属单位补助支出")


def test_the_spending_beside_basic_and_projects_is_measured_by_the_tables_total_row() -> None:
    require_program("pdftotext")
    result = review_document(LVHUA, None)
    assert result.narrative is not None
    said = {v.statement.label: (v.status, v.figure.name if v.figure else "") for v in result.narrative.verdicts
            if v.statement.label in _LABELS}
    assert said == {"1.事业单位经营支出": ("agree", "事业单位经营支出"), "2.上缴上级支出": ("agree", "上缴上级支出"),
                    "3.对附属单位补助支出": ("agree", "对附属单位补助支出")}


def test_a_figure_beside_them_that_the_table_does_not_print_is_told(tmp_path: Path) -> None:
    """The same source, a text stating 12.50万元 of 事业单位经营支出 where the 支出总表's 合计 row prints none: a slip."""
    require_program("pdftotext")
    imported = import_files([LVHUA], None)
    # (and the 基本支出 and 项目支出 it prints beside them: the figures of those names where a source holds none)
    assert beside_spending(imported) == (("事业单位经营支出", Decimal(0)), ("上缴上级支出", Decimal(0)),
                                         ("对附属单位补助支出", Decimal(0)), ("基本支出", Decimal("9500882.91")),
                                         ("项目支出", Decimal("41836492")))
    draft = tmp_path / "d.txt"
    draft.write_text("（二）其他支出情况。\n1.事业单位经营支出12.50万元。\n2.上缴上级支出0.00万元。\n", encoding="utf-8")
    prepared = prepare(imported.source.named(LVHUA), draft=True)
    review, problems = review_prepared(prepared, LVHUA, draft, despite_errors=True, printed=TableLines(beside=beside_spending(imported)))
    assert review is not None, problems
    said = {v.statement.label: (v.status, v.expected) for v in review.verdicts if v.statement.kind == "amount"}
    assert said["1.事业单位经营支出"] == ("disagree", "0.00万元")
    assert said["2.上缴上级支出"] == ("agree", "")


@pytest.mark.skipif(not all(p.exists() for p in JIAOYUWEI), reason="the national corpus (/work/shared/corpus) is not here")
def test_a_spending_beside_them_the_total_row_prints() -> None:
    require_program("pdftotext")
    (result,) = review_together(JIAOYUWEI, None)
    assert result.narrative is not None
    said = {v.statement.label: (v.statement.text, v.status) for v in result.narrative.verdicts
            if v.statement.label in _LABELS}
    assert said["1.事业单位经营支出"] == ("4354.50万元", "agree")


FOSHAN = CORPUS / "gd-foshan-guidaojiaotongju-2019-dept-final.pdf"


@pytest.mark.skipif(not FOSHAN.exists(), reason="the national corpus (/work/shared/corpus) is not here")
def test_a_final_accounts_spending_beside_them_is_its_expenditure_tables_total_row() -> None:
    """佛山市轨道交通局 2019 决算: its 支出决算表 prints the 合计 row twice (on each of its pages) with 上缴上级支出, 经营支出
    and 对附属单位补助支出 0.00; “3.上缴上级支出0万元”, “4.经营支出0万元”, “5.对附属单位补助支出0万元” are of them."""
    require_program("pdftotext")
    result = review_document(FOSHAN, None)
    assert result.narrative is not None
    said = {v.statement.label: (v.status, v.figure.name if v.figure else "") for v in result.narrative.verdicts
            if v.statement.label in ("3.上缴上级支出", "4.经营支出", "5.对附属单位补助支出")}
    assert said == {"3.上缴上级支出": ("agree", "上缴上级支出"), "4.经营支出": ("agree", "事业单位经营支出"),
                    "5.对附属单位补助支出": ("agree", "对附属单位补助支出")}
