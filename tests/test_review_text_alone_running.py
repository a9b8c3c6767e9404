"""A figure of the source the document's own text gave is never the measure of that text: 机关运行经费, which no table
of 北京's prints, is imported from the 情况说明's “2026年首都绿化委员会办公室机关运行经费财政拨款预算84.97万元” itself —
judged by it, the sentence agreed with itself and was counted judged. It is 未能核对, told why (as the “三公” figures of
a text without its “三公” table are). The disclosure is 首都绿化委员会办公室 2026 (情况说明 and 报表) of ../shared/corpus."""

from __future__ import annotations

from pathlib import Path

import pytest

from reportgen.review import TEXT_ALONE
from reportgen.review.documents import review_together

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"
FILES = [CORPUS / "bj-shoudulvhuaban-2026-dept-budget.pdf", CORPUS / "bj-shoudulvhuaban-2026-dept-budget-tables.pdf"]


@pytest.mark.skipif(not all(f.exists() for f in FILES), reason="../shared/corpus 不在")
def test_running_costs_read_from_the_narrative_do_not_measure_it():
    (review,) = review_together(FILES, None)
    assert review.narrative is not None
    said = [v for v in review.narrative.verdicts if v.statement.text == "84.97万元"]
    assert said and all((v.status, v.cause) == ("unknown", TEXT_ALONE) for v in said)
