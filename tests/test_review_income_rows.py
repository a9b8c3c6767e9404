"""A source of income the 收支总表 prints in a row of its own that the source holds no figure of — 江苏's “三、其他资金”
(事业收入、经营收入、其他收入 together: no field of the source; the import writes 其余未公开, and so leaves its
“二、财政专户管理资金” unknown too) — measures the sentences that state it: “3.其他资金收入预算总计80万元”, “其他资金80万元，
占0.79%”, “2.财政专户管理资金收入预算总计0万元” were 未能核对 (subject known, no figure). 江苏省政协办公厅 2018: its 情况说明
pp. 1, 8–9 and its tables' pp. 1–6 (tests/fixtures/import/national/js-zhengxie-2018-p1-8-9-tables-p1to6.pdf)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from reportgen.importing.pipeline import import_files
from reportgen.review import review_prepared
from reportgen.review.documents import review_document, unheld_income
from reportgen.review.glossary import TableLines
from reportgen.runners.render import prepare
from tests.clients import require_program
from tests.support.national import FIXTURES

ZHENGXIE = FIXTURES / "js-zhengxie-2018-p1-8-9-tables-p1to6.pdf"


def test_a_source_of_income_the_totals_table_prints_a_row_of_measures_the_text() -> None:
    require_program("pdftotext")
    result = review_document(ZHENGXIE, None)
    assert result.narrative is not None
    said = {(v.statement.label, v.statement.text): (v.status, v.figure.name if v.figure else "")
            for v in result.narrative.verdicts if v.statement.kind in ("amount", "share")}
    assert said[("3.其他资金收入预算总计", "80万元")] == ("agree", "其他资金")
    assert said[("其他资金", "80万元")] == ("agree", "其他资金")
    assert said[("其他资金", "占0.79%")] == ("agree", "其他资金")  # of 本年收入合计 10,150.48
    assert said[("2.财政专户管理资金收入预算总计", "0万元")] == ("agree", "财政专户管理资金")


def test_an_amount_of_it_the_table_does_not_print_is_told(tmp_path: Path) -> None:
    require_program("pdftotext")
    imported = import_files([ZHENGXIE], None)
    income = unheld_income(imported)
    assert income == (("其他资金", Decimal("800000.00")), ("财政专户管理资金", Decimal(0)))
    draft = tmp_path / "d.txt"
    draft.write_text("（一）收入预算总计10,150.48万元。包括：\n3.其他资金收入预算总计90万元。\n", encoding="utf-8")
    prepared = prepare(imported.source.named(ZHENGXIE), draft=True)
    review, problems = review_prepared(prepared, ZHENGXIE, draft, despite_errors=True, printed=TableLines(income=income))
    assert review is not None, problems
    said = {v.statement.label: (v.status, v.expected) for v in review.verdicts if v.statement.kind == "amount"}
    assert said["3.其他资金收入预算总计"] == ("disagree", "80万元")  # printed as the text prints it
