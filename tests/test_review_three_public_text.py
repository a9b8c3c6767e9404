"""A document without its “三公” table: the import takes the “三公” parts its text states, and a part the text
does not state — or states in a form not read — stays unknown, never 0; and the text's “三公” figures are never
judged against themselves (what the source holds of them was read from those very sentences): 未能核对. Before,
广州市民政局 2026 without p. 20 was told its “公务用车购置费40万元” “应为 0万元”, and 深圳市民政局 2026 without p. 33
its “因公出国（境）费用。2026 年预算数 46.80 万元” and “公务接待费。…15.00 万元” “应为 0.00万元”."""

from __future__ import annotations

import shutil
from decimal import Decimal
from pathlib import Path

import pytest

from reportgen.review.documents import review_document
from tests.support.national import without_pages

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
MINZHENG_GZ = CORPUS / "gd-guangzhou-minzheng-2026-dept-budget.pdf"
MINZHENG_SZ = CORPUS / "gd-shenzhen-minzheng-2026-dept-budget.pdf"
pytestmark = [pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils (pdftotext) 未安装"),
              pytest.mark.skipif(not MINZHENG_GZ.exists(), reason="the national corpus (../shared/corpus) is not here")]




def _three_public(review) -> list[tuple[str, str]]:
    """The verdicts of the text's sentences about the “三公” (their figure and status)."""
    return [(v.statement.text, v.status) for v in review.narrative.verdicts
            if "三公" in v.statement.sentence + v.statement.context and v.statement.kind == "amount"]


def test_without_the_three_public_table_a_part_not_read_is_unknown_and_none_judged_by_itself(tmp_path):
    cut = review_document(without_pages(MINZHENG_GZ, {20}, tmp_path / "minzheng-gz-without-20.pdf"), None)
    section = cut.imported.imported.tree["三公经费"]
    assert "公务用车购置费" not in section  # printed in a bracket, not read: unknown, not 0
    assert section["公务接待费"]["本年"].value == Decimal("40.42")  # as the text states it
    said = _three_public(cut)
    assert ("40万元", "unknown") in said  # not “应为 0万元”
    assert ("83.4万元", "agree") not in said and ("40.42万元", "agree") not in said  # never by itself
    assert not [v for v in cut.narrative.verdicts if v.status == "disagree"]
    assert any("三公" in str(name) for name in cut.checklist["tables_missing"])  # the one slip: the table is missing


@pytest.mark.skipif(not MINZHENG_SZ.exists(), reason="the national corpus (../shared/corpus) is not here")
def test_parts_the_text_states_in_a_form_not_read_are_never_zero(tmp_path):
    cut = review_document(without_pages(MINZHENG_SZ, {33}, tmp_path / "minzheng-sz-without-33.pdf"), None)
    said = _three_public(cut)
    assert ("46.80万元", "disagree") not in said and ("15.00万元", "disagree") not in said
    assert not [v for v in cut.narrative.verdicts if v.status == "disagree"]
