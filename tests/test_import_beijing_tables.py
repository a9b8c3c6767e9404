"""北京's 部门预算报表 read for sure (issue 54 part 2): a header that quotes “三公” otherwise than the
vocabulary, or sets the opening quote apart (“ 三公”经费财政拨款预算总额); the 收入总表's 政府性基金预算资金;
the 一般公共预算支出表 that prints each unit's 项 one after another, the units unnamed, under one 合计 — its
lines read and compared, never written as the department's 项 nor added up into one; a 支出总表 whose
label columns (支出功能分类科目 …) no header word names, its 合计 row still its total; and a table that runs
on over pages past a line of two code-named cells set close together, but not past a page titled as another
table (a 收入总表 too wide for its page, its caption over the next page's half); a 基本支出表 that prints each line's
政府 and 部门 economic class in columns of their own (“50101-工资奖金津补贴 | 30101-基本工资”), a 款's own lines (3021101
差旅费) its 款's.

The fixtures are page extracts (pypdf) of published PDFs of /work/shared/corpus (ORIGIN.md there):
北京市民政局 2026 报表 pp. 2, 9–13, 19 and pp. 1, 9–10, 17; 北京市水务局 2026 报表 pp. 1–4 and 5–8; 首都绿化委员会办公室
2026 报表 pp. 1–9 (tests/fixtures/disclosure/bj-lvhua-part2.pdf)."""

from __future__ import annotations

import re
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest

from reportgen.importing.budget.reconcile import function_lines, levels
from reportgen.importing.pipeline import import_files
from reportgen.importing.recognition import catalog as catalogs
from reportgen.importing.recognition import sure
from reportgen.importing.recognition.catalog import normalized
from reportgen.importing.recognition.recognize import recognize
from reportgen.importing.recognition.rows import Amount, Row, body_rows
from reportgen.readers.published import read_published
from tests.clients import require_program
from tests.support.national import FIXTURES, table_of, value_of

MINZHENG = FIXTURES / "beijing-minzhengju-2026-p2-9-13-19.pdf"
MINZHENG_CUT = FIXTURES / "beijing-minzhengju-2026-p1-9-10-17.pdf"
SHUIWU = FIXTURES / "beijing-shuiwuju-2026-p5-8.pdf"
SHUIWU_SUMMARY = FIXTURES / "beijing-shuiwuju-2026-p1-4.pdf"
LVHUA = Path(__file__).resolve().parent / "fixtures" / "disclosure" / "bj-lvhua-part2.pdf"


@pytest.fixture(scope="module", autouse=True)
def _poppler() -> None:
    require_program("pdftotext")




def test_quotation_marks_are_compared_as_no_part_of_a_header_or_a_title() -> None:
    assert normalized("“三公”经费") == normalized('"三公"经费') == normalized("‘三公’经费") == normalized("三公经费")


def test_a_three_public_header_with_its_opening_quote_set_apart_is_read() -> None:
    """预算09表: “ 三公”经费财政 / 拨款预算总额 over the first column of figures, its “ a word of its own."""
    table = table_of(MINZHENG, "三公经费支出表")
    assert sure.header_doubts(table) == []
    assert table.columns[1] == "“三公”合计"
    result = import_files([MINZHENG], None)
    section = result.imported.tree["三公经费"]
    assert {item: value_of(section[item]["本年"]) for item in section} == {
        "因公出国（境）费": Decimal("159.000000"), "公务用车购置费": Decimal("71.170000"),
        "公务用车运行维护费": Decimal("50.642987"), "公务接待费": Decimal("1.355554")}
    assert not [d for d in result.differences if "三公" in d]  # 282.168541 is its items' sum


def test_an_income_column_named_a_fund_s_money_is_that_fund() -> None:
    """预算02表: 政府性基金预 / 算资金 and 国有资本经营 / 预算资金 are the funds' columns, as 一般公共预算资金 is."""
    table = table_of(MINZHENG, "收入总表")
    assert sure.header_doubts(table) == []
    assert [table.columns[c] for c in (2, 3, 4)] == ["一般公共预算", "政府性基金", "国有资本经营"]


def test_the_lines_of_units_printed_one_after_another_are_read_and_compared_never_as_the_department_s() -> None:
    """预算05表 prints each unit's 项 in ascending order, the next unit's from 2050803 again, no unit named,
    and one 合计 of them all: read for sure as those lines — each compared across its columns and all of
    them against the 合计 — and no 功能分类 written (the department's own 项 are not printed)."""
    table = table_of(MINZHENG, "一般公共预算支出表")
    rows = body_rows(table)
    assert sure.header_doubts(table) == [] and sure.unit_lines(rows)
    assert [r.code for r in rows].count("2050803") > 10 and rows[-1].total
    assert list(levels(table.kind.id, rows)) == []  # 67,467.675361 … are the lines' sums, column by column
    line = next(i for i, r in enumerate(rows) if r.code == "2080299")
    printed = rows[line].amounts["项目支出"]
    rows[line] = replace(rows[line], amounts={**rows[line].amounts, "项目支出": Amount(printed.value + 1, printed.where)})
    assert [d.total.value for d in levels(table.kind.id, rows)] == [Decimal("21930.265984")]
    result = import_files([MINZHENG], None)
    assert "一般公共预算支出表" in result.imported.tables and not result.imported.unsure
    assert "功能分类" not in result.imported.tree.get("支出", {})
    assert any("一般公共预算支出表" in n and "各单位的行依次印出" in n for n in result.notes)


def test_repeated_codes_whose_rows_the_table_does_not_tell_stay_not_read_for_sure() -> None:
    """Without its 合计 (or with a row that is neither a 项 nor the 合计) the same lines say nothing of
    whose each is: not read as units' lines."""
    rows = body_rows(table_of(MINZHENG, "一般公共预算支出表"))
    assert not sure.unit_lines(rows[:-1])
    assert not sure.unit_lines([replace(rows[0], code="20508"), *rows[1:]])
    assert not sure.unit_lines([rows[-1], *rows[:-1]])  # the 合计 before the lines


def test_no_function_rows_where_a_fund_s_table_is_not_read_for_sure() -> None:
    """民政局's 一般公共预算支出表 without its last pages (its units' lines, no 合计: not read for sure) beside
    its 政府性基金预算支出表 (read): the 政府性基金's 2296002 alone is not all the spending — written as the
    功能分类, the 一般公共预算's would be taken for none (北京教委: 70,424.99 of 政府性基金 and 国有资本 told as
    the 支出总计 against its 4,483,899.83 of income). No function row is written."""
    result = import_files([MINZHENG_CUT], None)
    assert [t.kind.id for t in result.imported.unsure] == ["一般公共预算支出表"]
    assert "政府性基金预算支出表" in result.imported.tables
    assert "功能分类" not in result.imported.tree.get("支出", {})


def test_a_table_runs_on_past_a_line_of_two_code_named_cells_set_close() -> None:
    """水务局's 支出总表: p. 7 ends with “50999-其他对个人和家庭的补 30399-其他对个人和家庭的补”, two cells
    of a name run on to a second line, set so close that the line has no column gap; it is a line of the
    table, not a paragraph that ends it, and p. 8 continues the table."""
    table = table_of(SHUIWU, "支出总表")
    pages = {place.split(" ")[0] for place in table.grid.row_places or []}
    assert pages == {"第1页", "第2页", "第3页", "第4页"}
    amounts = [a.value for r in body_rows(table) for m, a in r.amounts.items() if m == "合计"]
    assert Decimal("0.808504") in amounts and Decimal("540.702060") in amounts  # p. 7's last line, p. 8's first


def test_a_page_titled_as_another_table_does_not_continue_the_one_before() -> None:
    """水务局's 收支总表 runs over pp. 1–2; p. 3 prints “预算02表 收入总表” over the left half of that table's
    columns with no caption (金额单位 is over the right half, p. 4): p. 3 is not the 收支总表 continued — its
    figures (1,048,475.725671 …) read there put amounts under the 收支总表's label column, and the table was not
    read for sure. (p. 4's text layer also holds “预算02表 收入总表”, clipped off the page: not printed, so
    p. 4 names no table — tests/test_pdf_clips.py.)"""
    table = table_of(SHUIWU_SUMMARY, "收支总表")
    assert {place.split(" ")[0] for place in table.grid.row_places or []} == {"第1页", "第2页"}
    known, _ = recognize(read_published(SHUIWU_SUMMARY).grids, catalogs.load(None))
    assert [t.grid.name for t in known if t.kind.id == "收入总表"] == ["第3页"]  # its halves joined (test_import_wide_tables)
    assert sure.header_doubts(table) == []
    result = import_files([SHUIWU_SUMMARY], None)
    income = result.imported.tree["收入"]
    assert value_of(income["事业收入"]) == Decimal("51785.567247") and value_of(income["上年结转"]) == Decimal("55856.549576")
    assert value_of(result.imported.tree["结转下年"]) == Decimal("23668.553886")


def test_a_total_over_lines_that_each_name_a_function_code_is_their_sum() -> None:
    """北京's 支出总表 prints no code column of its own: each line names its 项 (2130301-行政运行, under 支出功能
    分类科目, read as the 功能科目) and an economic class, no 类 or 款 line over them. Its 合计 is the sum of
    them all, column by column; where a line is a 款 over other lines (their sum), nothing is summed."""
    table = table_of(SHUIWU, "支出总表")
    lines = [r for r in body_rows(table) if r.amounts and not r.total]
    assert lines and function_lines(lines) == lines
    assert {len(r.function_code) for r in lines} == {5, 7}  # 21298-超长期特别国债安排的支出, a 款 without 项 (p. 8)
    sums = {m: sum((r.amounts[m].value for r in lines if m in r.amounts), Decimal(0)) for m in ("合计", "基本支出", "项目支出")}
    total = Row(-1, "合计行", label="合计", total=True, amounts={m: Amount(v, "合计行") for m, v in sums.items()})
    assert list(levels(table.kind.id, [*lines, total])) == []
    short = replace(total, amounts={**total.amounts, "合计": Amount(sums["合计"] + 1, "合计行")})
    assert [d.what for d in levels(table.kind.id, [*lines, short])] == ["合计 合计"]
    over = replace(lines[0], function_code=lines[0].function_code[:5])  # a 款 line over its 项 lines
    assert function_lines([over, *lines]) == []


CORPUS = Path("/work/shared/corpus")
MINZHENG_CORPUS = CORPUS / "bj-minzhengju-2026-dept-budget.pdf"


@pytest.mark.skipif(not MINZHENG_CORPUS.exists(), reason="the national corpus (/work/shared/corpus) is not here")
def test_a_department_whose_function_tables_print_units_lines_states_the_totals_its_tables_print() -> None:
    """北京市民政局 2026 (说明 and 报表 together): the 支出总表's 合计 row (合 计 under 支出功能分类科目, a column
    no header word names) gives 基本支出 45,980.555005 and 项目支出 23,336.750197 of every fund; the
    一般公共预算基本支出表's 人员经费 and 公用经费 (of 45,537.409377, the 一般公共预算's alone) are not written
    as their parts; the 收支总表's 年终结转结余 is 结转下年, and the budget balances."""
    result = import_files([MINZHENG_CORPUS, MINZHENG_CORPUS.with_name("bj-minzhengju-2026-dept-budget-tables.pdf")],
                          None)
    tree = result.imported.tree
    spending = tree["支出"]
    assert value_of(spending["基本支出"]["合计"]) == Decimal("45980.555005")
    assert value_of(spending["项目支出"]) == Decimal("23336.750197")
    assert "人员经费" not in spending["基本支出"] and "功能分类" not in spending
    assert value_of(tree["结转下年"]) == Decimal("1776.860854")
    # its 政府采购预算明细表 read too (采购类别 centred over the column its A-货物 … are printed at the left edge of)
    assert not result.differences and result.imported.unsure == []
    assert value_of(tree["政府采购"]["合计"]) == Decimal("8773.647408")
    assert value_of(tree["政府采购"]["工程"]) == Decimal("281.959515")


GUANGZHOU_MARKET = CORPUS / "gd-guangzhou-shichangjianguan-2026-dept-budget.pdf"


@pytest.mark.skipif(not GUANGZHOU_MARKET.exists(), reason="the national corpus (/work/shared/corpus) is not here")
def test_a_basic_total_of_every_fund_is_written_as_printed_without_the_parts_of_one_fund(tmp_path: Path) -> None:
    """广州市市场监督管理局 2026: the 支出总表's 合计 row prints 基本支出 68,692.51 (单位资金 in it) a 尾数 off its
    类 rows; the 一般公共预算基本支出表's lines are 62,505.64 — another whole. 基本支出.合计 is written as printed,
    the economic lines beside it, but their 人员经费 and 公用经费 not as its parts; check does not tell the two
    wholes apart as a slip of the document."""
    from reportgen.runners.render import prepare, prepared_findings

    result = import_files([GUANGZHOU_MARKET], None)
    basic = result.imported.tree["支出"]["基本支出"]
    assert value_of(basic["合计"]) == Decimal("68692.51")
    assert "经济分类" in basic and "人员经费" not in basic and "公用经费" not in basic
    found = prepared_findings(prepare(result.source.named(tmp_path / "source.yaml")))
    assert not [f for f in found if f.rule in ("R-基本支出合计", "R-基本支出一致")]


SHUIWU_CORPUS = CORPUS / "bj-shuiwuju-2026-dept-budget.pdf"


@pytest.mark.skipif(not SHUIWU_CORPUS.exists(), reason="the national corpus (/work/shared/corpus) is not here")
def test_a_total_row_printed_above_the_sum_of_its_lines_is_told() -> None:
    """北京市水务局 2026 报表 p. 17: the 支出总表's 合计 row prints 1,024,807.171785 (基本 186,874.722488, 项目
    837,932.449297), its lines over pp. 5–17 add up to 1,019,793.653031 (186,762.726792, 833,030.926239):
    told as the document's difference, the figures as printed."""
    result = import_files([SHUIWU_CORPUS, SHUIWU_CORPUS.with_name("bj-shuiwuju-2026-dept-budget-tables.pdf")], None)
    told = [d for d in result.differences if "支出总表" in d and "1,024,807.171785" in d]
    assert told and "1,019,793.653031" in told[0]


def test_a_basic_table_of_two_economic_classes_in_columns_of_their_own_is_read() -> None:
    """预算06表 heads its label columns 政府支出经济分类科目 | 部门支出经济分类科目, a code-name in each: the 部门 款 is the
    line's, the 政府 款 the one it goes to (30309 奖励金 to 50901, not the default); 3021101-差旅费 and 3021503-三类会议费
    are lines of the 款 30211 and 30215. The 支出总表 (预算03表) prints the same two columns after its 功能科目: its rows
    stay read by function, none of them an economic 款 (before: no line read, and the department's 经济分类明细 missing)."""
    result = import_files([LVHUA], None)
    lines = {value_of(line["科目"]): line for line in result.imported.tree["支出"]["基本支出"]["经济分类"]}
    assert len(lines) == 25 and not [line for line in lines.values() if "名称" in line]
    assert value_of(lines[30101]["金额"]) == Decimal("142.488000")
    assert (value_of(lines[30211]["金额"]), value_of(lines[30215]["金额"])) == (Decimal("4.180000"), Decimal("4.560000"))
    assert value_of(lines[30309]["政府经济分类"]) == 50901 and "政府经济分类" not in lines[30101]
    assert sum((value_of(line["金额"]) for line in lines.values()), Decimal(0)) == Decimal("950.088291")  # 合 计
    assert result.differences == []
    # the 目 held as printed under their 款 (the 款 their sum; tests/test_learned_layout.py: printed in its place)
    assert [(value_of(i["科目"]), value_of(i["名称"]), value_of(i["金额"])) for i in lines[30215]["目"]] == [
        (3021503, "三类会议费", Decimal("4.560000"))]
    assert [value_of(i["科目"]) for i in lines[30211]["目"]] == [3021101] and "目" not in lines[30101]


CORPUS = Path("/work/shared/corpus")
MINZHENG_WHOLE = [CORPUS / "bj-minzhengju-2026-dept-budget.pdf", CORPUS / "bj-minzhengju-2026-dept-budget-tables.pdf"]


@pytest.mark.skipif(not all(p.exists() for p in MINZHENG_WHOLE), reason="the national corpus (/work/shared/corpus) is not here")
def test_a_document_without_the_departments_function_detail_is_a_partial_source_check_accepts(tmp_path: Path) -> None:
    """北京市民政局 2026 whole (说明 and 报表): its 一般公共预算支出表 prints each unit's 项, not the department's — 功能分类明细
    is 不公开; it prints no 预算绩效管理情况 (its 绩效目标表 are targets) — 不公开; its 06表 gives the 一般公共预算's 基本支出
    by class, 45,537.41 of the 45,980.56 all its funds spend: a part, its 人员经费 and 公用经费 no split of the whole.
    Before: R-缺少 ×4 (功能分类, 一般公共预算基本支出, 经济分类, 绩效管理), no render."""
    from reportgen.runners.render import document_for, missing_findings, prepare, prepared_findings

    result = import_files(MINZHENG_WHOLE, None)
    tree = result.imported.tree
    assert {"功能分类明细", "绩效管理"} <= set(value_of(tree["不公开"])) and "功能分类" not in tree["支出"]
    assert "经济分类明细" not in value_of(tree["不公开"]) and len(tree["支出"]["基本支出"]["经济分类"]) > 20
    prepared = prepare(result.source.named(tmp_path / "minzheng.yaml"))
    assert [f.format() for f in prepared_findings(prepared) if f.severity == "error"] == []
    document = document_for(prepared, layout="默认")
    assert prepared.budget is not None and missing_findings(prepared.budget, document) == []
    text = document.plain_text()
    assert "基本支出45,980.56万元。" in text and "一般公共预算基本支出45,537.41万元，其中：人员经费40,512.35万元" in text
    assert "功能分类（类、款、项）" not in text and "待补充" not in text
    # its 04表 spends 68,310.16 of 67,005.95 income and 1,304.21 上年结转结余, printed by fund under it (一般公共预算拨款 1,270.01,
    # 政府性基金预算拨款 34.20, 国有资本经营预算拨款 blank), 年终结转结余 blank: with no function rows, each fund's spending is
    # its income and carry-over (its 05表 合计 67,467.68, 07表 842.48) — never its income alone (fiscal82: “一般公共预算支出
    # 66,197.67万元”; fiscal81: “政府性基金预算支出808.28万元”), never unsaid where the source determines it (fiscal82)
    carried = tree["财政拨款结转"]
    assert {fund: value_of(v) for fund, v in carried["上年结转"].items()} == {
        "一般公共预算": Decimal("1270.007258"), "政府性基金": Decimal("34.204"), "国有资本经营": 0}
    assert {value_of(v) for v in carried["结转下年"].values()} == {0}
    assert "一般公共预算支出67,467.68万元" in text and "一般公共预算支出66,197.67" not in text
    assert "政府性基金预算支出842.48万元" in text and "政府性基金预算支出808.28" not in text
    assert "财政拨款支出预算68,310.16万元" in text and "无国有资本经营预算支出" in text
    # the same source without the carry-over by fund (as main 05678d7 imported it): no fund's spending is known — none
    # said, nor printed (before: “一般公共预算支出66,197.67万元”, its income; its 05表 合计 printed 66,197.67)
    written = result.source.text
    start = written.index("财政拨款结转:")
    end = written.index("\n", written.index("国有资本经营", written.index("结转下年:", start)))
    (tmp_path / "unsplit.yaml").write_text(written[:start] + written[end + 1:], encoding="utf-8")
    unsplit = prepare(tmp_path / "unsplit.yaml")
    assert unsplit.budget is not None and not unsplit.budget.fiscal_balances
    text = document_for(unsplit, layout="默认").plain_text()
    assert "一般公共预算支出66,197.67" not in text and "一般公共预算支出67,467.68" not in text
    assert not re.search(r"(财政拨款支出预算|政府性基金预算支出)\d", text) and "66,197.67" in text  # (its income)


JIAOYUWEI_WHOLE = [CORPUS / "bj-jiaoyuwei-2026-dept-budget.pdf", CORPUS / "bj-jiaoyuwei-2026-dept-budget-tables.pdf"]


@pytest.mark.skipif(not all(p.exists() for p in JIAOYUWEI_WHOLE), reason="the national corpus (/work/shared/corpus) is not here")
def test_a_classs_own_lines_the_three_public_leave_out_are_said_apart(tmp_path: Path) -> None:
    """北京市教育委员会 2026: its 06表 prints 30212's own lines, 3021203 科研类出国（境）费用, 3021205 教学类因公出国（境）
    费用 and 3021204 赴港澳台教育交流费用 among them — outside the “三公”经费 by rule. 30212 is all of them (1,631.93),
    the three its 不计入三公 (924.50), so check holds the rest (707.43) against the 因公出国（境）费 (1,026.36).
    Before: R-三公经费 “30212 … 1,631.93万元 大于“三公”经费中的因公出国（境）费 1,026.36万元”, a false alarm."""
    from reportgen.runners.render import check_findings

    result = import_files(JIAOYUWEI_WHOLE, None)
    lines = {value_of(line["科目"]): line for line in result.imported.tree["支出"]["基本支出"]["经济分类"]}
    assert value_of(lines[30212]["金额"]) == Decimal("1631.93181")
    assert value_of(lines[30212]["不计入三公"]) == Decimal("924.5")
    assert not [c for c, line in lines.items() if c != 30212 and "不计入三公" in line]
    path = result.source.named(tmp_path / "jiaoyuwei.yaml")
    assert [f.format() for f in check_findings(path) if f.rule == "R-三公经费"] == []
