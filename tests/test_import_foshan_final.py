"""佛山's 部门决算 read (issue 54 part 2): the national 决算 tables as its PDF sets them — each 决算数 word
centred over a column of its own, the figures right-aligned in the next; the 总表's 行次 column of line
numbers; the 基本支出决算表's amounts headed 金额; the “三公” table's 预算数 and 决算数 over its items, a row
numbering its columns 1 … 12, and a note wrapped over two lines; the cover “2019 年佛山市轨道交通局 部门决算”.

The fixtures are page extracts (pypdf) of a published PDF of /work/shared/corpus (ORIGIN.md there):
佛山市轨道交通局 2019年部门决算 pp. 5–7 (收入支出决算总表), 17–20 (基本支出决算表), 21 (“三公”); and pp. 12–16
(财政拨款收入支出决算总表 over three pages, its 行次 28, 39, 30 on the spending side; 一般公共预算财政拨款支出决算表
over two, its header and 栏次 1 2 3 printed again on the second)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from reportgen.importing.final.final_accounts import economic_halves, final_differences, three_public_columns
from reportgen.importing.final.final_across import same_spending
from reportgen.importing.final.line_numbers import line_number_breaks
from reportgen.importing.pipeline import import_files
from reportgen.importing.recognition import catalog as catalogs
from reportgen.importing.recognition.imported import rows_of
from reportgen.importing.recognition.recognize import Table, recognize
from reportgen.importing.recognition.rows import body_rows
from reportgen.importing.recognition.sides import sides
from reportgen.importing.recognition.unread import unread_cells
from reportgen.readers.published import read_published
from reportgen.review.documents import review_document
from tests.clients import require_program

FOSHAN = Path(__file__).resolve().parent / "fixtures" / "import" / "national" / \
    "foshan-guidaojiaotongju-2019-p5-7-17-21.pdf"
PAGES_12_16 = FOSHAN.with_name("foshan-guidaojiaotongju-2019-p12-16.pdf")
CORPUS = Path("/work/shared/corpus/gd-foshan-guidaojiaotongju-2019-dept-final.pdf")


@pytest.fixture(scope="module", autouse=True)
def _poppler() -> None:
    require_program("pdftotext")


def _tables(fixture: Path = FOSHAN) -> dict[str, Table]:
    known, _ = recognize(read_published(fixture).grids, catalogs.load(None))
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


def test_a_table_over_two_pages_is_read_row_by_row_and_its_column_numbers_are_no_figures() -> None:
    """The 一般公共预算财政拨款支出决算表 prints 栏次 1 2 3 under its header on both its pages: every 项 is read
    with its three figures, the last one from the second page, and no “1”, “2”, “3” is told as a figure
    printed and not read."""
    tables = _tables(PAGES_12_16)
    general = tables["一般公共预算财政拨款支出决算表"]
    read = {row.code: {m: a.value for m, a in row.amounts.items()} for row in body_rows(general) if row.code}
    assert read["2080505"] == {"合计": Decimal("53.45"), "基本支出": Decimal("53.45"), "项目支出": Decimal("0.00")}
    assert read["2140102"] == {"合计": Decimal("905.60"), "基本支出": Decimal("0.00"), "项目支出": Decimal("905.60")}
    assert read["2210201"]["合计"] == Decimal("60.87")  # on the table's second page
    assert set(read) == {"208", "20805", "2080505", "2080506", "214", "21401", "2140101", "2140102", "2140199",
                         "221", "22102", "2210201"}
    unread = unread_cells(rows_of(list(tables.values()), catalogs.load(None)))
    assert not [u for u in unread if u.text in ("1", "2", "3", "4")], unread


def test_the_fund_table_s_column_of_this_year_s_income_is_read_by_its_own_header_word() -> None:
    """佛山 p. 22 (政府性基金预算财政拨款收入支出决算表) heads a column 本年收入 between 年初结转和结余 and 本年支出,
    as the national 决算 template does: a word this table kind alone gives a meaning (导入.yaml 表 … 列), as in
    北京's and 深圳's budget tables 本年收入 heads a group of other columns. Each row's figure under it is read."""
    tables = _tables(FOSHAN.with_name("foshan-guidaojiaotongju-2019-p22.pdf"))
    fund = tables["政府性基金预算财政拨款收入支出决算表"]
    read = {row.code: {m: a.value for m, a in row.amounts.items()} for row in body_rows(fund) if row.code}
    assert read["2082299"]["本年收入"] == Decimal("0.00")
    assert read["2082299"]["年初结转和结余"] == Decimal("0.00") and "年末结转和结余" in read["2082299"]
    assert not unread_cells(rows_of(list(tables.values()), catalogs.load(None)))
    assert "本年收入" not in catalogs.load(None).columns  # a budget table's group word stays no column's


def test_the_same_spending_printed_differently_in_two_tables_is_told_once_with_both_places() -> None:
    """30108 机关事业单位基本养老保险缴费 is 47.01 in the 基本支出决算表, the 基本支出 of 2080505 机关事业单位基本养老
    保险缴费支出 53.45 in the 一般公共预算财政拨款支出决算表: one message naming both lines and both figures.
    30109 (22.78) and 30113 (60.87) agree with 2080506 and 2210201: nothing is said of them."""
    tables = [_tables()["一般公共预算财政拨款基本支出决算表"], _tables(PAGES_12_16)["一般公共预算财政拨款支出决算表"]]
    told = same_spending(tables, catalogs.load(None).same_spending)
    assert len(told) == 1
    assert told[0].startswith("一般公共预算财政拨款基本支出决算表 第4页 第14行：30108 机关事业单位基本养老保险缴费 印作 47.01，")
    assert "2080505 机关事业单位基本养老保险缴费支出 的基本支出印作 53.45" in told[0] and "第4页 第12行" in told[0]
    assert "30109" not in told[0] and "30113" not in told[0]


def test_a_line_number_breaking_its_run_is_told_and_a_run_kept_is_not() -> None:
    """财政拨款收入支出决算总表's spending side numbers its lines 28, 39, 30 …: 39 is told, with the 29 the lines
    around it give. Its income side runs 1 … 27 and its spending side goes on from 28 (a run of its own, not a
    break); the 收入支出决算总表 (1 … 26 and 27 … 52 over three pages) keeps its runs: nothing told."""
    told = line_number_breaks(list(_tables(PAGES_12_16).values()))
    assert told == ["财政拨款收入支出决算总表 第1页 第10行：行次印作 39，而上下两行的行次是 28、30，这一行应为 29"
                    "（行次自上而下依次编号）"]
    assert line_number_breaks([_tables()["收入支出决算总表"]]) == []


@pytest.mark.skipif(not CORPUS.exists(), reason="the national corpus (/work/shared/corpus) is not here")
def test_foshan_s_final_accounts_are_read_whole_and_its_review_tells_no_misreading() -> None:
    """Its year from the cover (2019); between its tables only its two slips (30108 against 2080505, the 行次
    39 for 29), each told once — its 政府性基金 table prints a line of 0.00 for codes the 支出决算表 has not:
    nothing spent, no line missing; its titles “2019 年部门决算表” are a 决算's, not a budget's called so;
    “政府性基金预算财政拨款收入 0 万元” is that fund's, not all 财政拨款."""
    result = import_files([CORPUS], None)
    assert [d.split("：")[0] for d in result.differences] == ["一般公共预算财政拨款基本支出决算表 第17页 第14行",
                                                           "财政拨款收入支出决算总表 第12页 第10行"]
    assert result.imported.year == 2019 and result.imported.tree["收入"]["一般公共预算拨款"].value == Decimal("1668.14")
    assert result.imported.tree["三公经费"]["公务接待费"]["本年"].value == Decimal("0.16")
    # every figure of its tables read or compared — the “三公” 小计 too, the 政府性基金 table's 本年收入 too
    unread = unread_cells(result.imported)
    assert not unread, unread
    review = review_document(CORPUS, None)
    assert review.narrative is not None
    said = [f.message for f in review.narrative.findings()] + [f.message for f in review.checks]
    assert not [m for m in said if "是预算年度" in m or "没有部门决算的版本" in m]
    wrong = [v for v in review.narrative.verdicts if v.status == "disagree" and v.statement.value == 0]
    assert not wrong, [(v.statement.text, v.expected) for v in wrong]
