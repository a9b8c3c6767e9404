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
from reportgen.runners.render import prepare, prepared_findings
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


YANTAI = FIXTURES / "yantai-renshe-2026-p1-8-12-14-20-22.pdf"  # 烟台市人社局 2026: cover, 收支总表, 支出总表, 基本支出表
GUANGZHOU = FIXTURES / "guangzhou-qixiangju-2026-p1-5-10-12-15.pdf"  # 广州市气象局 2026: cover, 收支总表, 财政拨款
# 收支总表, 一般公共预算支出表, 一般公共预算基本支出表


def _economic(tree: dict) -> dict[int, Placed]:  # type: ignore[type-arg]
    return {item["科目"].value: item["金额"] for item in tree["支出"]["基本支出"]["经济分类"]}


def test_a_class_printed_once_per_government_class_is_no_class_total_and_each_is_compared_with_its_section(
        tmp_path: Path) -> None:
    # 烟台's 基本支出表 prints 301 工资福利支出 under 501 (1,962.28) and again under 505 (5,739.71): neither is
    # the 类's figure (before: two rows 301 written, four R-填报合计 errors); each is compared with its own
    # section's 款 — 1,962.28 against 1,962.27, a 尾数 told
    result = import_files([YANTAI], None)
    economic = _economic(result.imported.tree)
    assert 301 not in economic and 302 not in economic
    assert economic[30101].value == Decimal("1947.56")  # 490.83 under 50101 + 1,456.73 under 50501
    assert any("301 工资福利支出 印作 1,962.28，其组成部分之和为 1,962.27" in note and "尾数" in note
               for note in result.notes), result.notes
    assert _errors(result, tmp_path) == []


def test_the_spending_total_is_written_as_printed_where_it_stands_a_tail_from_its_classes(tmp_path: Path) -> None:
    # 支出总表's 合计 191,394.79 (its 类 add to 191,394.80), as the 收支总表 balances it with 191,394.79 of
    # income: written as printed, with its place (before: R-收支平衡, 0.01万元 apart)
    spending = import_files([YANTAI], None).imported.tree["支出"]
    assert (spending["合计"].value, spending["合计"].where) == (Decimal("191394.79"), "支出总表 第3页 第7行")
    assert spending["基本支出"]["合计"].value == Decimal("8882.89")
    # the extract prints no 一般公共预算支出表 and its income is not all 一般公共预算拨款: the 支出总表's rows are of
    # all its money, no fund's — not written as function rows; its 项目支出 then as printed beside the 合计
    assert "功能分类" not in spending and spending["项目支出"].value == Decimal("182511.90")


def test_a_basic_spending_table_of_one_column_gives_its_lines_and_a_fund_that_is_all_the_money_its_total(
        tmp_path: Path) -> None:
    # 广州's 一般公共预算基本支出情况表 prints one column, headed 预算: each line's 合计 (before: no 经济分类
    # written, check's R-缺少); its income is all 一般公共预算拨款, so the 一般公共预算支出表's 合计 (7,651.71,
    # its lines 7,651.72) is all the spending, written as printed (before: R-收支平衡 and R-财政拨款一致)
    result = import_files([GUANGZHOU], None)
    economic = _economic(result.imported.tree)
    assert (economic[30101].value, economic[30101].where) == (Decimal("726.63"), "一般公共预算基本支出表 第6页 第7行")
    spending = result.imported.tree["支出"]
    assert (spending["合计"].value, spending["合计"].where) == (Decimal("7651.71"), "一般公共预算支出表 第4页 第7行")
    assert _errors(result, tmp_path) == []
