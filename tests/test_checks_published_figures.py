"""check on a source imported from a published document (issue 54, precision of review's check findings):
a total against a sum of figures the tables print rounded tolerates their 尾数 — and only where the source
says so (金额精度, which the import writes); a figure the document does not give is never compared as 0; a
part the document prints is never written 不公开, though the import did not read it.

The fixtures are page extracts (pypdf) of published PDFs of /work/shared/corpus (ORIGIN.md there):
烟台市人力资源和社会保障局 2026 pp. 1, 4, 8, 12–14, 17–19, 24–25 (cover, 职责, 收支总表, 支出总表, 一般公共预算
支出表, the two other funds' tables); 烟台市文化和旅游局 2026 pp. 1, 4, 9, 13–14, 17–21, 23–24, 34 (the same, the
基本支出表, and the page of its 机关运行经费 and 国有资产 headings); 广州市国资委 2026 pp. 1, 3, 5, 7–8, 10, 12–13,
18–19 (cover, 职责, 收支总表, 收入总表, 支出总表, 财政拨款收支总表 and the three funds' tables)."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest

from reportgen.importing.budget.reconcile import differences, grouped
from reportgen.importing.pipeline import ImportResult, import_files
from reportgen.importing.tree import Placed
from reportgen.review.documents import review_document
from reportgen.runners.render import check_findings, prepare, prepared_findings
from tests.clients import require_program
from tests.support.national import FIXTURES

RENSHE = FIXTURES / "yantai-renshe-2026-p1-4-8-12-19-24-25.pdf"
WENLV = FIXTURES / "yantai-wenlvju-2026-p1-4-9-13-21-23-24-34.pdf"
GUOZI = FIXTURES / "guangzhou-guoziwei-2026-p1-3-5to13-18-19.pdf"


@pytest.fixture(scope="module", autouse=True)
def _poppler() -> None:
    require_program("pdftotext")


@pytest.fixture(scope="module")
def renshe() -> ImportResult:
    return import_files([RENSHE], None)


@pytest.fixture(scope="module")
def wenlv() -> ImportResult:
    return import_files([WENLV], None)


def _findings(result: ImportResult, tmp_path: Path) -> list[str]:
    return [f"{f.severity} {f.rule} {f.message}"
            for f in prepared_findings(prepare(result.source.named(tmp_path / "source.yaml")))]


def test_an_import_of_tables_printed_in_wan_yuan_says_they_were_printed_to_the_hundredth(renshe) -> None:
    step = renshe.imported.tree["金额精度"]
    assert isinstance(step, Placed) and step.value == Decimal("0.01")
    assert "金额精度: 0.01" in renshe.source.text


def test_an_appropriation_within_the_rounding_of_its_printed_rows_agrees(renshe, tmp_path: Path) -> None:
    # 收支总表: 一般公共预算拨款 191,114.39; the 一般公共预算支出表's 项, each printed rounded, sum to 191,114.40
    # (before: R-财政拨款一致, a false alarm in review)
    assert renshe.imported.tree["收入"]["一般公共预算拨款"].value == Decimal("191114.39")
    assert not [f for f in _findings(renshe, tmp_path) if "R-财政拨款一致" in f]


def test_a_typed_source_of_the_same_figures_is_compared_exactly(renshe, tmp_path: Path) -> None:
    # without 金额精度 the source says nothing of rounding: its figures are exact, and 0.01 万元 apart is an error
    path = tmp_path / "typed.yaml"
    path.write_text(renshe.source.text.replace("金额精度: 0.01", ""), encoding="utf-8")
    found = [f.message for f in check_findings(path) if f.rule == "R-财政拨款一致"]
    assert found == ["一般公共预算拨款 191,114.39万元 与资金为“一般公共预算”的功能分类支出之和 191,114.40万元 不一致"]


def test_a_gap_beyond_the_rounding_of_the_printed_figures_is_still_an_error(renshe, tmp_path: Path) -> None:
    path = tmp_path / "slip.yaml"
    text = renshe.source.text
    assert "一般公共预算拨款: 191114.39" in text
    path.write_text(text.replace("一般公共预算拨款: 191114.39", "一般公共预算拨款: 191113.39"), encoding="utf-8")
    assert [f for f in check_findings(path) if f.rule == "R-财政拨款一致"]


def test_totals_summed_from_rounded_figures_apart_by_their_tail_are_no_finding_of_the_document(tmp_path: Path) -> None:
    # 广州市国资委 2026 prints 收入总计 and 支出总计 119,257.52; its spending rows sum to 119,257.53: no error —
    # at most check's warning that a render would print them apart (the 支出总表's total, a 尾数 off its lines,
    # is now written as printed) — and review tells the document nothing (before: R-收支平衡 and R-财政拨款一致 errors)
    found = _findings(import_files([GUOZI], None), tmp_path)
    balance = [f for f in found if "R-收支平衡" in f]
    assert all(f.startswith("warning") and "尾数误差之内" in f for f in balance), balance
    assert not [f for f in found if "R-财政拨款一致" in f]
    review = review_document(GUOZI, None)
    assert not [f for f in review.checks if f.rule in ("R-收支平衡", "R-财政拨款一致")]


def test_two_printed_totals_that_must_be_equal_are_compared_exactly(renshe) -> None:
    # the 收支总表 prints 收入总计 and 支出总计 alike: equal, no difference; one planted 0.01 万元 apart is a slip,
    # never a 尾数 (two printed figures of one amount, not a sum)
    imported = renshe.imported
    assert not [d for d in differences(imported) if d.what == "收入总计与支出总计"]
    left, right = imported.sides["收支总表"]
    row = next(r for r in right if imported.catalog.spending_rows.get(r.label) == "支出总计")
    meaning, amount = next(iter(row.amounts.items()))
    row.amounts[meaning] = replace(amount, value=amount.value - Decimal("0.01"))
    try:
        found = [d for d in differences(imported) if d.what == "收入总计与支出总计"]
        assert len(found) == 1 and found[0].equal
        assert "收入总计与支出总计 印作 191,394.79" in grouped(found)[0]
    finally:
        row.amounts[meaning] = amount


def test_spending_the_document_does_not_split_between_its_special_account_and_own_income(wenlv, tmp_path) -> None:
    # 烟台市文化和旅游局 2026: 财政专户管理资金 2,500.00 and 事业收入 beside it; the 支出总表 spends beyond the fund
    # tables without saying of which: written as 财政专户和单位资金, and 财政专户's spending not compared as 0
    # (before: 单位资金, and “财政专户管理资金 2,500.00万元 与……功能分类支出之和 0.00万元 不一致”)
    rows = wenlv.imported.tree["支出"]["功能分类"]
    rest = [r for r in rows if isinstance(r.get("资金"), Placed) and r["资金"].value not in ("一般公共预算", "政府性基金")]
    assert rest and {r["资金"].value for r in rest} == {"财政专户和单位资金"}
    found = _findings(wenlv, tmp_path)
    assert not [f for f in found if "R-财政拨款一致" in f], found


def test_the_basic_spending_of_all_funds_is_not_compared_with_the_general_budgets_economic_rows(wenlv, tmp_path) -> None:
    # 支出总表's 基本支出 14,128.98 is all funds' (539.94 of it the other money's); the 一般公共预算基本支出表's
    # 13,589.07 is the 一般公共预算's alone (before: R-基本支出合计)
    assert wenlv.imported.tree["支出"]["基本支出"]["合计"].value == Decimal("14128.98")
    assert not [f for f in _findings(wenlv, tmp_path) if "R-基本支出合计" in f or "R-基本支出一致" in f]


def test_a_part_the_document_prints_but_the_import_did_not_read_stays_unknown(wenlv, tmp_path) -> None:
    # p. 34 prints “三、机关运行经费情况 … 2026年本部门机关运行经费安排261.76万元” and “六、国有资产占有使用情况”:
    # never 不公开 (before: written 不公开, and review had to drop check's “声明为不公开” itself)
    withheld = wenlv.imported.tree["不公开"].value
    assert "机关运行经费" not in withheld and "国有资产" not in withheld
    review = review_document(WENLV, None)
    assert not [f for f in review.checks if f.rule == "R-不公开" and ("机关运行经费" in f.message or "国有资产" in f.message)]
    assert {"机关运行经费", "国有资产"} <= set(review.checklist["parts_unread"])  # unread all the same
