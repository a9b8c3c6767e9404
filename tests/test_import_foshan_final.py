"""佛山's 部门决算 read (issue 54 part 2): the national 决算 tables as its PDF sets them — each 决算数 word
centred over a column of its own, the figures right-aligned in the next; the 总表's 行次 column of line
numbers; the 基本支出决算表's amounts headed 金额; the “三公” table's 预算数 and 决算数 over its items, a row
numbering its columns 1 … 12, and a note wrapped over two lines; the cover “2019 年佛山市轨道交通局 部门决算”.

The fixture is a page extract (pypdf) of a published PDF of /work/shared/corpus (ORIGIN.md there):
佛山市轨道交通局 2019年部门决算 pp. 5–7 (收入支出决算总表), 17–20 (基本支出决算表), 21 (“三公”)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from reportgen.importing import catalog as catalogs
from reportgen.importing.final_accounts import economic_halves, final_differences, three_public_columns
from reportgen.importing.pipeline import import_files
from reportgen.importing.recognize import Table, recognize
from reportgen.importing.sides import sides
from reportgen.readers.published import read_published
from reportgen.review.documents import review_document
from tests.clients import require_program

FOSHAN = Path(__file__).resolve().parent / "fixtures" / "import" / "national" / \
    "foshan-guidaojiaotongju-2019-p5-7-17-21.pdf"
CORPUS = Path("/work/shared/corpus/gd-foshan-guidaojiaotongju-2019-dept-final.pdf")


@pytest.fixture(scope="module", autouse=True)
def _poppler() -> None:
    require_program("pdftotext")


def _tables() -> dict[str, Table]:
    known, _ = recognize(read_published(FOSHAN).grids, catalogs.load(None))
    return {t.kind.id: t for t in known}


def test_a_header_word_set_apart_from_its_figures_heads_them_and_line_numbers_are_no_figures() -> None:
    table = _tables()["收入支出决算总表"]
    assert table.columns == {0: "名称", 1: "行次", 3: "决算数", 4: "名称", 5: "行次", 7: "决算数"}
    left, right = sides(table, [])
    income = {row.label: row.amounts["决算数"].value for row in left if row.amounts}
    assert income["一般公共预算财政拨款收入"] == Decimal("1668.14") and income["其他收入"] == Decimal("0.01")
    assert income["本年收入合计"] == Decimal("1668.14")  # not its 行次, 23
    spending = {row.label: row.amounts["决算数"].value for row in right if row.amounts}
    assert spending["交通运输支出"] == Decimal("1531.04") and spending["年末结转和结余"] == Decimal("0.01")


def test_the_basic_spending_table_s_amounts_headed_jin_e_are_its_spending() -> None:
    rows = economic_halves(_tables()["一般公共预算财政拨款基本支出决算表"], [])
    spent = {row.code: row.amounts["决算数"].value for row in rows if row.code}
    assert spent["301"] == Decimal("649.20") and spent["30101"] == Decimal("301.79")
    assert spent["302"] == Decimal("94.65")


def test_a_three_public_table_with_its_measures_over_its_items() -> None:
    table = _tables()["财政拨款三公经费支出决算表"]
    columns = three_public_columns(table)
    assert columns is not None
    assert columns["预算数"] == {"合计": 0, "因公出国（境）费": 1, "小计": 2, "公务用车购置费": 3,
                                "公务用车运行维护费": 4, "公务接待费": 5}
    assert columns["决算数"]["公务接待费"] == 11
    found, problems = final_differences(list(_tables().values()))
    assert not problems  # neither the row 1 … 12 nor the note's second line is read as figures
    assert not [d for d in found if d.table == table.kind.id]


@pytest.mark.skipif(not CORPUS.exists(), reason="the national corpus (/work/shared/corpus) is not here")
def test_foshan_s_final_accounts_are_read_whole_and_its_review_tells_no_misreading() -> None:
    """Its year from the cover (2019); no difference between its tables (its 政府性基金 table prints a line of
    0.00 for codes the 支出决算表 has not: nothing spent, no line missing); its titles “2019 年部门决算表” are
    a 决算's, not a budget's called so; “政府性基金预算财政拨款收入 0 万元” is that fund's, not all 财政拨款."""
    result = import_files([CORPUS], None)
    assert result.differences == []
    assert result.imported.year == 2019 and result.imported.tree["收入"]["一般公共预算拨款"].value == Decimal("1668.14")
    assert result.imported.tree["三公经费"]["公务接待费"]["本年"].value == Decimal("0.16")
    review = review_document(CORPUS, None)
    assert review.narrative is not None
    said = [f.message for f in review.narrative.findings()] + [f.message for f in review.checks]
    assert not [m for m in said if "是预算年度" in m or "没有部门决算的版本" in m]
    wrong = [v for v in review.narrative.verdicts if v.status == "disagree" and v.statement.value == 0]
    assert not wrong, [(v.statement.text, v.expected) for v in wrong]
