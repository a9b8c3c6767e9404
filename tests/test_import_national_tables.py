"""Tables of other regions' budgets known by what they are (issue 54 part 2): 广州's and 烟台's titles
(收支总体情况表, 一般公共预算支出情况表 …) as the national template's tables, a table printed over pages
with its number, title and caption repeated (深圳 表1, 烟台 公开表2) read as one, the columns of a local
header (其中：基本支出, 人员支出, 一般公共预算收入) by their meaning, a 基本支出表 set out by a second (政府)
economic classification read as one line a 款, and a table that is none of the budget's never read as one.

The fixtures are page extracts (pypdf) of published PDFs of /work/shared/corpus (ORIGIN.md there):
深圳市民政局 2026 pp. 16–18, 烟台市大数据局 2026 pp. 1, 6–8, 15–17, 广州市气象局 2026 pp. 5–6, 12–13, 16,
北京市水务局 2026 报表 p. 33, 烟台市大数据局 2026 pp. 1, 6, 7, 9, 24."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from reportgen.importing.pipeline import import_files
from reportgen.importing.recognition import catalog as catalogs
from reportgen.importing.recognition import sure
from reportgen.importing.recognition.recognize import Table, recognize
from reportgen.importing.recognition.rows import body_rows
from reportgen.importing.tree import Placed
from reportgen.readers.published import read_published
from reportgen.review.documents import review_document
from tests.clients import require_program

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "import" / "national"
SHENZHEN = FIXTURES / "shenzhen-minzheng-2026-p16-18.pdf"
YANTAI = FIXTURES / "yantai-dashujuju-2026-p1-6-8-15-17.pdf"
GUANGZHOU = FIXTURES / "guangzhou-qixiangju-2026-p5-6-12-13-16.pdf"
LVHUA = Path(__file__).resolve().parent / "fixtures" / "disclosure" / "bj-lvhua-part2.pdf"


@pytest.fixture(scope="module", autouse=True)
def _poppler() -> None:
    require_program("pdftotext")


def _tables(path: Path) -> tuple[list[Table], list[str]]:
    known, unknown = recognize(read_published(path).grids, catalogs.load(None))
    return known, [grid.rows[0][0].text for grid in unknown if grid.rows and grid.rows[0]]


def _value(node: object) -> object:
    return node.value if isinstance(node, Placed) else node


def test_a_table_printed_over_pages_with_its_number_and_title_repeated_is_one_table() -> None:
    known, _ = _tables(SHENZHEN)
    assert [t.kind.id for t in known] == ["收支总表"]  # not three 收支总表, the last one kept
    texts = ["".join(c.text.split()) for row in known[0].grid.rows for c in row if c.text.strip()]
    assert "一、财政拨款" in texts and "收入总计" in texts  # page 1's first line and page 3's last
    places = {place.split(" ")[0] for place in known[0].grid.row_places or []}
    assert places == {"第1页", "第2页", "第3页"}


def test_local_titles_are_the_national_tables_and_another_table_is_not_read_as_one() -> None:
    known, unknown = _tables(GUANGZHOU)
    assert {t.kind.id: t.title for t in known} == {
        "收支总表": "收支总体情况表", "一般公共预算支出表": "一般公共预算支出情况表（按功能分类科目）"}
    assert any("一般公共预算项目支出情况表" in text for text in unknown)  # not the 项目支出表 (a list of projects)
    function = next(t for t in known if t.kind.id == "一般公共预算支出表")
    assert sorted(function.columns.values()) == ["合计", "名称", "基本支出", "项目支出"]  # 其中：基本支出, 小计
    row = next(r for r in body_rows(function) if r.code == "2200501")
    assert {m: a.value for m, a in row.amounts.items()} == {
        "合计": Decimal("2254.56"), "基本支出": Decimal("2254.56"), "项目支出": Decimal("0.00")}


def test_an_income_row_of_no_known_source_leaves_the_income_total_uncompared() -> None:
    result = import_files([GUANGZHOU], None)
    # 一、预算拨款 7,651.71 names no source of the source format: 收入总计 is not told "≠ 0"
    assert not [d for d in result.differences if "收入总计" in d]
    income = result.imported.tree.get("收入", {})
    assert isinstance(income, dict) and "预算拨款" not in income  # no field made up for it: the income told in part
    assert income["其余未公开"].value is True


def test_yantai_tables_read_by_their_meaning_over_pages_and_the_year_from_the_cover() -> None:
    known, unknown = _tables(YANTAI)
    assert [t.kind.id for t in known] == ["收支总表", "收入总表", "一般公共预算基本支出表"]
    income = known[1]
    assert {"一般公共预算", "合计"} <= set(income.columns.values())  # 一般公共预 / 算收入 read as 一般公共预算
    codes = [r.code for r in body_rows(income) if r.code]
    assert codes[-1] == "2210201" and "2150501" in codes  # the rows of the page that continues it (公开表2 again)
    result = import_files([YANTAI], None)
    assert _value(result.imported.tree["年度"]) == 2026  # “2026年烟台市大数据局部门预算” on the cover
    assert _value(result.imported.tree["部门"]) == "烟台市大数据局"  # 部门（单位）：烟台市大数据局
    assert _value(result.imported.tree["收入"]["一般公共预算拨款"]) == Decimal("7503.31")  # 一般公共预算收入


def test_a_basic_spending_table_set_out_by_the_government_class_gives_one_line_a_kuan() -> None:
    result = import_files([YANTAI], None)
    lines = result.imported.tree["支出"]["基本支出"]["经济分类"]
    items = [line for line in lines if _value(line["科目"]) == 30101]
    assert len(items) == 1  # printed in the 501 section and again in the 505 section: one 款
    assert _value(items[0]["金额"]) == Decimal("324.23")  # 101.65 + 222.58
    assert {code: _value(v) for code, v in items[0]["政府经济分类"].items()} == {
        "50101": Decimal("101.65"), "50501": Decimal("222.58")}
    assert not [d for d in result.differences if "工资福利支出" in d]  # 301 printed once a section, not a slip


def test_a_column_under_a_group_header_takes_the_group_s_meaning() -> None:
    """烟台's 收入总体情况表 sets its header words over several lines and cells: 财政拨款收入 over 小计 and the
    three funds; 使用非财政拨款结余 a source no field of the source holds. The 小计 is the group's (财政拨款),
    not a second 合计: the table is read column by column, each column one meaning, and no figure of it
    is told as not read for want of a header."""
    result = import_files([YANTAI], None)
    table = result.imported.tables["收入总表"]
    columns = table.columns
    assert sorted(m for m in columns.values() if m == "合计") == ["合计"]
    assert columns[5] == "财政拨款" and [columns[c] for c in (6, 7, 8)] == ["一般公共预算", "政府性基金", "国有资本经营"]
    assert "使用非财政拨款结余" in columns.values() and not result.imported.unsure
    assert not [n for n in result.notes if "表头未能逐列认定" in n]
    assert not [d for d in result.differences if "收入总表" in d]  # its rows add up: 财政拨款 is the funds'


def test_a_header_word_printed_blank_beside_one_over_figures_heads_a_column_of_its_own() -> None:
    """烟台市教育局 2026 p. 10 (公开表2 收入总体情况表): 国有资本经营预算收入 (printed blank) stands beside
    财政专户管理资金收入 (over 62,466.06), a line lower. Each heads a column of its own, as in the other 烟台
    documents of the template: 62,466.06 is the 财政专户管理资金 (the 收支总表 says so), 4,828.50 the 事业收入,
    the 小计 the 财政拨款 — the table read for sure."""
    table = next(t for t in _tables(FIXTURES / "yantai-jiaoyuju-2026-p10.pdf")[0] if t.kind.id == "收入总表")
    assert sure.header_doubts(table) == []
    assert sorted(m for m in table.columns.values() if m == "合计") == ["合计"]
    total = next(row for row in body_rows(table) if row.total)
    read = {meaning: amount.value for meaning, amount in total.amounts.items()}
    assert read["财政专户管理资金"] == Decimal("62466.06") and read["事业收入"] == Decimal("4828.50")
    assert read["财政拨款"] == Decimal("233644.90") and read["其他收入"] == Decimal("14296.37")
    assert read["上级补助收入"] == Decimal("205.89") and total.amounts["国有资本经营"].blank


def test_a_subtotal_under_a_group_and_another_year_s_columns() -> None:
    """北京's 一般公共预算支出表: 基本支出 over 小计, 人员经费, 公用经费 (the 小计 is 基本支出), 项目支出 over 项目支出总数
    and 扣除基建项目后预算数 (a part of 项目支出 no field holds: read, not used)."""
    beijing = next(t for t in _tables(LVHUA)[0] if t.kind.id == "一般公共预算支出表")
    assert [beijing.columns[c] for c in range(3, 9)] == [
        "合计", "基本支出", "人员经费", "公用经费", "项目支出", "项目支出·扣除基建项目后预算数"]
    assert sure.header_doubts(beijing) == []


CORPUS_YANTAI = Path("/work/shared/corpus/sd-yantai-dashujuju-2026-dept-budget.pdf")


GAOYUAN_2018 = FIXTURES / "js-gaoyuan-2018.pdf"  # 江苏省高级人民法院 2018, the whole document (ae86jack/open-budget)


def test_a_table_that_runs_into_the_next_part_of_the_document_is_read_up_to_it_and_judged() -> None:
    """江苏省高级人民法院 2018, the whole document: its 政府采购预算表 (pp. 15–16) ran on into “第三部分 … 2018 年度
    预算情况说明”, whose 2018 stood in its 采购组织形式 column, and was not read for sure (every figure on its rows
    未能核对). It ends at that heading now: no table is left unread, and its rows' figures agree with the source
    (货物 962.86, 工程 539.00, 服务 3,139.76). No other document of the corpora has a table not read for sure whose
    lines the review reads: the review's 未能核对 of such a table's rows (UNSURE_TABLE) has no real case left."""
    result = review_document(GAOYUAN_2018, None)
    assert result.narrative is not None and result.imported is not None
    assert result.imported.imported.unsure == [] and not result.unread
    agreeing = {v.statement.value for v in result.narrative.verdicts if v.status == "agree"}
    assert {Decimal("962.86"), Decimal("539.00"), Decimal("3139.76")} <= agreeing


@pytest.mark.skipif(not CORPUS_YANTAI.exists(), reason="the national corpus (/work/shared/corpus) is not here")
def test_a_class_code_of_a_table_read_is_no_amount_of_the_review_and_last_year_s_columns_are_last_year_s() -> None:
    """烟台市大数据局 2026: a row of the 基本支出表 (read) whose sentence reading takes its 政府 class code 501 for
    an amount is no slip; its 三公 table's 2025年预算数 beside 2026年预算数 are last year's."""
    other = review_document(CORPUS_YANTAI, None)
    assert other.narrative is not None and other.imported is not None
    assert not [v for v in other.narrative.verdicts if v.status == "disagree" and v.statement.value == 501]
    # its 三公 table sets 2025年预算数 beside 2026年预算数 over the same six columns: last year's are read as
    # last year's budget (each item's 上年: tests/test_import_prior_columns.py), this year's as the table's own
    columns = other.imported.imported.tables["三公经费支出表"].columns
    assert [columns[c] for c in (0, 6, 11)] == ["上年预算数·合计", "合计", "公务接待费"]


CORPUS_GUANGZHOU = Path("/work/shared/corpus/gd-guangzhou-qixiangju-2026-dept-budget.pdf")


@pytest.mark.skipif(not CORPUS_GUANGZHOU.exists(), reason="the national corpus (/work/shared/corpus) is not here")
def test_a_three_public_table_printed_down_its_rows_is_read_turned() -> None:
    """广州's 财政拨款安排的行政经费及“三公”经费预算表 prints the items down its rows (行政经费, “三公”经费, 其中：
    （一）因公出国（境）支出 …) and the funds as its columns: no column is an item, its rows are — read turned
    (tests/test_import_guangzhou_tables.py), each item from its 合计 column; the part is never written 不公开."""
    result = import_files([CORPUS_GUANGZHOU], None)
    assert not result.imported.unsure
    assert _value(result.imported.tree["三公经费"]["公务用车运行维护费"]["本年"]) == Decimal("24.80")
    withheld = result.imported.tree.get("不公开")
    assert withheld is None or "三公经费" not in withheld.value


CORPUS_SHENZHEN = Path("/work/shared/corpus/gd-shenzhen-minzheng-2026-dept-budget.pdf")


@pytest.mark.skipif(not CORPUS_SHENZHEN.exists(), reason="the national corpus (/work/shared/corpus) is not here")
def test_a_fund_table_set_out_by_economic_class_is_not_the_function_table() -> None:
    """深圳 prints 一般公共预算支出表（按功能分类） and then 一般公共预算支出表（按经济分类）, rows 301, 30101 …: only
    the first is the national 一般公共预算支出表 (its 支出总计 column the 合计), the second is none of it."""
    known, _ = _tables(CORPUS_SHENZHEN)
    general = [t for t in known if t.kind.id == "一般公共预算支出表"]
    assert [t.grid.name for t in general] == ["第28页"]
    assert general[0].columns[3] == "合计" and sure.header_doubts(general[0]) == []


def test_a_total_over_codes_printed_without_their_class_is_the_sum_of_the_highest_printed():
    """北京市水务局 2026 报表 p. 33 (预算07表, 万元 to 6 decimals): four 项 of 212 printed without their 类 or 款,
    and the 款 21298 — the 合计 67,821.746774 is their sum, not the 款's alone (6,000.000000, told as a
    difference before); a 项 printed otherwise than the page shows is a difference against the 合计."""
    from dataclasses import replace

    from reportgen.importing.budget.reconcile import levels
    from reportgen.importing.recognition.rows import Amount

    known, _ = _tables(FIXTURES / "beijing-shuiwuju-2026-p33.pdf")
    table = next(t for t in known if t.kind.id == "政府性基金预算支出表")
    rows = body_rows(table)
    assert [r.code for r in rows if r.code] == ["2120803", "2120816", "2121401", "2121402", "21298"]
    assert list(levels(table.kind.id, rows)) == []
    sewage = next(i for i, r in enumerate(rows) if r.code == "2121401")
    printed = rows[sewage].amounts["合计"]
    rows[sewage] = replace(rows[sewage], amounts={**rows[sewage].amounts,
                                                  "合计": Amount(printed.value + 1, printed.where)})
    found = list(levels(table.kind.id, rows))
    assert [d.total.value for d in found if d.what.endswith("合计")] == [Decimal("67821.746774")]


LVHUA_PURCHASES = FIXTURES / "beijing-shoudulvhuaban-2026-p10.pdf"


def test_names_printed_left_of_the_header_word_that_heads_them_are_the_names_column() -> None:
    """首都绿化委员会办公室 2026 报表 p. 10, 预算10表 政府采购预算明细表: 采购类别 is set centred over a wide column, its
    A-货物 and C-服务 at the column's left edge (a column of the PDF under no header word), 合 计 under the word:
    the table is read for sure, each kind onto its row; no kind it does not print is read as 0."""
    known, _ = _tables(LVHUA_PURCHASES)
    assert [t.kind.id for t in known] == ["政府采购预算表"]
    assert sure.header_doubts(known[0]) == []
    rows = {row.label: row.amounts for row in body_rows(known[0])}
    assert rows["A-货物"]["预算数"].value == Decimal("1810.04")
    assert rows["C-服务"]["预算数"].value == Decimal("1274.15")
    assert rows["合计"]["预算数"].value == Decimal("3084.19")
    assert "B-工程" not in rows


def test_two_income_rows_with_no_figures_one_over_the_other_are_two_rows() -> None:
    """烟台市大数据局 2026 p. 6, 收支总体情况表: 上级补助收入 over 附属单位上缴收入 (对附属单位的补助支出 beside it), neither
    with a figure, set a row's height apart as every row — two rows of the template, not one name wrapped in its cell."""
    known, _ = _tables(YANTAI)
    table = next(t for t in known if t.kind.id == "收支总表")
    names = ["".join(row[0].text.split()) for row in table.grid.rows if row and row[0].text]
    assert names[names.index("本年收入合计") + 1:][:2] == ["上级补助收入", "附属单位上缴收入"]


def test_a_project_list_with_a_name_printed_twice_is_written_a_line_each_never_dropped() -> None:
    """烟台市大数据局 2026's 公开表11 (p. 24) prints “实施公车统管费用” twice (5.00 and 1.00: two units' projects, no unit
    named). Each is written as printed, with where it is printed (印于) — which unit's, the table does not say — and
    nothing is told as not written (it was, before projects80: a source held each name once)."""
    result = import_files([FIXTURES / "yantai-dashujuju-2026-p1-6-7-9-24.pdf"], None)
    items = result.imported.tree["支出"]["项目"]
    assert [(p["名称"].value, p["金额"].value) for p in items if p["名称"].value == "实施公车统管费用"] == [
        ("实施公车统管费用", Decimal("5.00")), ("实施公车统管费用", Decimal("1.00"))]
    assert [p["印于"].value for p in items if "印于" in p] == ["第5页 第9行", "第5页 第12行"]
    assert not [n for n in result.notes if "没有写入源文件" in n and "项目" in n]
