"""The import of other regions' disclosures gives a source check accepts (issue 54 part 6): partial where
the document is partial (through the partial-knowledge fields), every figure with its place, nothing
invented, and none of the import's own misreadings left as a reconciliation error or a check error.

The fixtures are page extracts (pypdf) of published PDFs of /work/shared/corpus (ORIGIN.md there):
深圳市民政局 2026 pp. 1, 6–10 (its cover, 收支总体情况, 支出, 项目, 政府采购 and 三公 prose: no table), and
those of tests/test_import_national_tables.py."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from reportgen.importing.pipeline import import_files
from reportgen.importing.tree import Placed
from reportgen.render import prepare, prepared_findings
from tests.clients import require_program

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "import" / "national"
SHENZHEN_PROSE = FIXTURES / "shenzhen-minzheng-2026-p1-6-10.pdf"
PLACEHOLDERS = ("待填写", "金额待填写")


@pytest.fixture(scope="module", autouse=True)
def _poppler() -> None:
    require_program("pdftotext")


def _errors(result, tmp_path: Path) -> list[str]:  # type: ignore[no-untyped-def]
    findings = prepared_findings(prepare(result.source.named(tmp_path / "source.yaml")))
    return [f.format() for f in findings if f.severity == "error" and f.rule not in PLACEHOLDERS]


def test_a_budget_whose_cover_sets_the_year_first_over_two_lines_is_imported_from_its_prose(tmp_path: Path) -> None:
    # the cover prints “2026 年深圳市民政局（本级）部门预” / “算”: the department and year read from it, and
    # the prose's figures written (before: refused, 没有认出任何预算表)
    result = import_files([SHENZHEN_PROSE], None)
    tree = result.imported.tree
    assert (result.imported.department, result.imported.year) == ("深圳市民政局", 2026)
    income = tree["收入"]
    assert income["收入总计"].value == Decimal("28283.46") and income["其余未公开"].value is True
    assert tree["支出"]["项目支出"].value == Decimal("22701.77")
    assert _errors(result, tmp_path) == []


def test_the_government_procurement_sentence_is_written_each_figure_with_its_line(tmp_path: Path) -> None:
    # “纳入2026年部门预算的政府采购项目共有2,469.28万元，其中：货物类项目0.00万元，工程类项目0.00万元，
    # 服务类项目2,469.28万元”: a part the document prints, read (before: check's R-缺少 政府采购)
    procurement = import_files([SHENZHEN_PROSE], None).imported.tree["政府采购"]
    assert {key: node.value for key, node in procurement.items() if isinstance(node, Placed)} == {
        "合计": Decimal("2469.28"), "货物": Decimal(0), "工程": Decimal(0), "服务": Decimal("2469.28")}
    assert procurement["合计"].where.startswith("第5页 第18行") and procurement["服务"].where.startswith("第5页 第19行")
