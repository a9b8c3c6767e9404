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


GUANGZHOU = CORPUS / "gd-guangzhou-minzheng-2026-dept-budget.pdf"


@pytest.mark.skipif(not GUANGZHOU.exists(), reason="../shared/corpus 不在")
def test_the_import_judges_the_narrative_as_the_review_does(tmp_path, capsys):
    """广州市民政局 2026 states its 机关运行经费 in its text alone (“安排5,077.89万元，比上年增加948.35万元，增长23%，
    主要原因是……如对比2025年年度预算，则减少64.62万元，下降1.26%”): the import, checking the text against the source it
    has just made of that text, told “下降1.26% … 应为增长22.97%” (exit 1) where the review tells nothing — the
    figures the text gave never measure it, in either command."""
    from reportgen.cli import main

    code = main(["import", str(GUANGZHOU), "-o", str(tmp_path / "广州市民政局-2026.yaml")])
    said = capsys.readouterr().out
    assert code == 0 and "下降1.26%" not in said and "正文与表格不一致" not in said


RENSHE = CORPUS / "gd-shenzhen-renshe-2026-dept-budget.pdf"


@pytest.mark.skipif(not RENSHE.exists(), reason="../shared/corpus 不在")
def test_the_import_judges_a_departments_units_sentences_by_their_own_tables(tmp_path, capsys):
    """深圳市人力资源和社会保障局 2026 prints its units' tables after its own and speaks of each unit in its text: the
    review judges those sentences by the units' tables (or not at all), the import judged them by the department's
    and told “正文与表格不一致 72 处”."""
    from reportgen.cli import main

    main(["import", str(RENSHE), "-o", str(tmp_path / "深圳市人社局-2026.yaml")])
    assert "正文与表格不一致" not in capsys.readouterr().out
