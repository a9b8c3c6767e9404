"""The 政府采购预算表 (烟台's 公开表12: rows by function class, columns by fund, its “合 计” row the department's
政府采购预算) is read as the table of 政府采购: its total is 政府采购.合计, and the text's 政府采购 is judged
against it rather than written over it. The fixtures are page extracts (pypdf) of /work/shared/corpus:
烟台市教育局 2026 pp. 1, 38, 40 (表12 totals 29,837.96万元; the text says “政府采购预算0万元”, its kinds 0 each)
and 烟台市大数据局 2026 pp. 1, 25, 28 (表12 totals 5,931.40; the text says 5,931.4 = 6.1 + 0 + 5,925.3)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from reportgen.importing.pipeline import import_files
from reportgen.importing.tree import Placed
from reportgen.review.documents import review_document
from tests.clients import require_program

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "import" / "national"
JIAOYU = FIXTURES / "yantai-jiaoyuju-2026-p1-38-40.pdf"
DASHUJU = FIXTURES / "yantai-dashujuju-2026-p1-25-28.pdf"


@pytest.fixture(scope="module", autouse=True)
def _poppler() -> None:
    require_program("pdftotext")


def _procurement(path: Path) -> dict[str, Placed]:
    section = import_files([path], None).imported.tree["政府采购"]
    assert isinstance(section, dict)
    return section


def test_the_procurement_table_s_total_is_the_department_s_and_the_text_s_other_figure_is_told() -> None:
    result = import_files([JIAOYU], None)
    section = result.imported.tree["政府采购"]
    assert isinstance(section, dict)
    total = section["合计"]
    assert isinstance(total, Placed) and total.value == Decimal("29837.96") and "政府采购预算表" in total.where
    assert {key: section[key].value for key in ("货物", "工程", "服务")} == dict.fromkeys(("货物", "工程", "服务"), 0)
    assert any("政府采购 合计“0”没有写入" in line and "29837.96" in line for line in result.unplaced)


CORPUS_JIAOYU = Path("/work/shared/corpus/sd-yantai-jiaoyuju-2026-dept-budget.pdf")


@pytest.mark.skipif(not CORPUS_JIAOYU.exists(), reason="the national corpus (/work/shared/corpus) is not here")
def test_a_text_stating_nothing_of_its_procurement_table_s_total_is_a_finding() -> None:
    """The whole document reviewed (its checks need all its tables): the text's kinds, 0 each, against
    表12's 29,837.96 — one finding, no other on 政府采购."""
    result = review_document(CORPUS_JIAOYU, None)
    slips = [f for f in result.checks if f.rule == "R-填报合计"]
    assert len(slips) == 1 and "29,837.96" in slips[0].message and "0.00" in slips[0].message


def test_the_text_s_kinds_stand_beside_the_procurement_table_s_total() -> None:
    section = _procurement(DASHUJU)
    assert section["合计"].value == Decimal("5931.40") and "政府采购预算表" in section["合计"].where
    assert {key: section[key].value for key in ("货物", "工程", "服务")} == {
        "货物": Decimal("6.1"), "工程": 0, "服务": Decimal("5925.3")}


@pytest.mark.skipif(not CORPUS_JIAOYU.exists(), reason="the national corpus (/work/shared/corpus) is not here")
def test_a_text_that_agrees_with_its_procurement_table_is_no_finding() -> None:
    result = review_document(CORPUS_JIAOYU.with_name("sd-yantai-dashujuju-2026-dept-budget.pdf"), None)
    assert not [f for f in result.checks if "政府采购" in f.message]
    assert result.narrative is not None
    verdicts = {v.statement.label: v.status for v in result.narrative.verdicts if "采购" in v.statement.label}
    assert verdicts.get("2026年政府采购预算") not in (None, "disagree") and "disagree" not in verdicts.values()
