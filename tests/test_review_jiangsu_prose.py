"""Prose read by its grammar in a province's own wording (issue 54 part 3): 江苏's 2018 部门预算 says a change
“与上年相比增加X万元，增长Y %” (a sentence of its own after the amount it is of, its % after spaces), names a line
by its levels (“政协事务（款）行政运行（项）”, “1．行政运行（项）” under “检察（款）: …”), lists parts as clauses
after “其中：”; and its pages print their number bare between two halves of a sentence. Each statement is read onto
what it speaks of, and a rate the sentence's own amount and change rule out is told with no table to measure it.
The pages are cut from the published documents (tests/fixtures/import/national/js-*.pdf)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from reportgen.readers.published import read_draft
from reportgen.readers.text.lines import Line
from reportgen.readers.text.statements import Statement, read_statements
from reportgen.review import review_within_sentences
from reportgen.review.documents import review_document
from reportgen.review.sentences.judge import Verdict
from reportgen.review.sentences.subjects import name_subjects
from tests.clients import require_program

FIXTURES = Path(__file__).parent / "fixtures" / "import" / "national"
CHANGES = FIXTURES / "js-jianchayuan-2018-p24.pdf"  # 江苏省人民检察院 2018, pp. 24–25
LINES = FIXTURES / "js-jianchayuan-2018-p26.pdf"  # its p. 26: 检察（款） and its 项
ITEMS = FIXTURES / "js-zhengxie-2018-p11.pdf"  # 江苏省政协办公厅 2018, p. 11: “政协事务（款）行政运行（项）”


def _said(path: Path) -> list[Statement]:
    return read_statements(read_draft(path))


def _of(statements: list[Statement], text: str) -> list[Statement]:
    """The statements of the one sentence that holds ``text``."""
    (sentence,) = {st.sentence for st in statements if text in st.sentence}
    return [st for st in statements if st.sentence == sentence]


def test_a_change_said_after_its_amount_is_that_amounts_and_the_bare_page_number_is_no_digit_of_it():
    """“项目支出预算数为 5,573 万元。与上年相比增加 40” / “24” (the page's number) / “万元，增长 0.72 %。”: one
    sentence of an amount, its change of 40 (not 4024) and its rate, whose % stands after spaces."""
    amount, change, rate = _of(_said(CHANGES), "项目支出预算数为")
    assert (amount.kind, amount.value, amount.label) == ("amount", 5573, "项目支出预算数为")
    assert (change.kind, change.value, change.direction, change.label) == ("change", 40, "up", "项目支出预算数为")
    assert (rate.kind, str(rate.value), rate.direction) == ("rate", "0.72", "up")


def test_the_totals_change_and_the_parts_listed_as_clauses_are_read_onto_their_subjects():
    """“财政拨款收、支总计各增加3,958.98万元”: a change of the 财政拨款 收支 total; “本年收入预算合计…其中：” then
    “其他资金 14.39 万元，占 0.06 %；”: a part of that total, its share cut (0.0655…%) rather than a slip."""
    result = review_within_sentences(CHANGES, 2018, cut_as_notes=True)
    assert result is not None
    subjects = {(v.statement.kind, v.statement.text): v.subject for v in result.verdicts}
    assert subjects[("change", "3,958.98万元")] == "财政拨款收支总计"
    assert subjects[("amount", "14.39万元")] == "其他资金"
    assert subjects[("amount", "2,388.04万元")] == "单位预留机动经费"
    # “占99.94 %” of 21,955.35 is 99.93 % and “基本支出 13,994.31 万元，占 63.75%” is 63.74 %, but each is one step off
    # among shares printed to make 100% (99.94 + 0.06; 63.75 + 25.38 + 10.87): the 尾数 moved, no slip
    assert result.contradictions == []
    # 184.96 on 2,021.18 (9.151…%) printed “降幅 9.1 %”: cut (0.0655… printed 0.06 and 10.876… printed 10.87 are of
    # the shares made to 100%: not told)
    assert sorted(f.message.split("而写作")[1][:7] for f in result.cut) == ["“降幅9.1 "]
    assert {f.rule for f in result.cut} == {"R-取舍"}


def test_a_line_named_by_its_levels_is_that_line():
    """“1．行政运行（项）支出 10,883.36 万元” under “检察（款）: 2018 年预算支出合计 16,444.36 万元。”: 2040401; the
    item whose amount ends its line (“…（项） 1,895” / “万元，与上年相比减少 134 万元”) is prose, not a table row."""
    result = review_within_sentences(LINES, 2018, cut_as_notes=True)
    assert result is not None
    subjects = {v.statement.text: v.subject for v in result.verdicts if v.statement.kind == "amount"}
    assert subjects["16,444.36万元"] == "20404 检察"
    assert subjects["10,883.36万元"] == "2040401 行政运行"
    assert subjects["3,666万元"] == "2040402 一般行政管理事务"
    assert any(v.statement.text == "1,895万元" for v in result.verdicts)


def test_a_rate_the_sentences_amount_and_change_rule_out_is_told_at_its_printed_precision():
    """3,666 万元 and an increase of 21.8 万元 make 0.60 %, printed “增长 0.06 %”; 1,895 万元 and a decrease of 134 万元
    make 6.60 %, printed “降幅 0.66 %”: slips. 10,883.36 and 2,915.22 make 36.586 %, printed “36.58 %”: cut, a note."""
    result = review_within_sentences(LINES, 2018, cut_as_notes=True)
    assert result is not None
    told = sorted((f.rule, f.message.split("而写作")[1][:11]) for f in result.contradictions)
    assert told == [("R-句内矛盾", "“增长0.06  %”"), ("R-句内矛盾", "“降幅0.66  %”")]
    assert any("约为 0.60%" in f.message for f in result.contradictions)
    assert any("约为 -6.60%" in f.message for f in result.contradictions)
    (cut,) = [f for f in result.cut if "36.58" in f.message]
    assert cut.rule == "R-取舍" and cut.severity == "warning"


def test_a_rate_that_fits_is_borne_out_and_no_finding():
    """“政协事务（款）行政运行（项）4,432.78 万元，与上年相比增加 1,199.75 万元，增长 37.11%”: read onto 2010201,
    each figure borne out by the other two (within), and nothing told."""
    result = review_within_sentences(ITEMS, 2018, cut_as_notes=True)
    assert result is not None
    first = [v for v in result.verdicts if "行政运行（项）" in v.statement.sentence and "政协事务" in v.statement.sentence]
    assert [(v.statement.kind, v.status) for v in first] == [("amount", "within"), ("change", "within"), ("rate", "within")]
    assert {v.subject for v in first} == {"2010201 行政运行"}
    assert result.contradictions == []


TOTAL = FIXTURES / "js-jianchayuan-2018-p23.pdf"  # 江苏省人民检察院 2018, p. 23: the totals
ECONOMIC = FIXTURES / "js-zhengxie-2017-p11.pdf"  # 江苏省政协办公厅 2017, p. 11: the basic spending by class


def test_the_change_its_words_name_as_the_amount_before_it_is_that_amounts():
    """“收入、支出预算总计21,955.35万元，与上年相比收、支预算总计各增加3,958.67万元，增长21.95 %”: the change is the
    total's (a prior of 17,996.68), and 3,958.67 on it is 22.00 %, not 21.95 %."""
    result = review_within_sentences(TOTAL, 2018, cut_as_notes=True)
    assert result is not None
    (told,) = result.contradictions
    assert told.rule == "R-句内矛盾" and "上年为17,996.68万元" in told.message and "约为 22.00%" in told.message
    first = [v for v in result.verdicts if v.statement.sentence == result.verdicts[0].statement.sentence]
    assert [(v.statement.kind, v.subject) for v in first] == [("amount", "收支总计"), ("change", "收支总计"),
                                                               ("rate", "收支总计")]


def test_a_class_of_the_economic_classification_and_its_kuan_are_read_by_their_levels():
    """“1、工资福利支出（类）2,097.51 万元” then “（1）基本工资（款）支出 737.94 万元”: 301 and 30101; under
    “2、对个人和家庭的补助支出（类）” the “（3）医疗费（款）” is no 30114 医疗费 (a 款 of 301): not read for sure."""
    result = review_within_sentences(ECONOMIC, 2017, cut_as_notes=True)
    assert result is not None
    subjects = {v.statement.text: v.subject for v in result.verdicts if v.statement.kind == "amount"}
    assert subjects["2,097.51万元"] == "经济分类 301 工资福利支出"
    assert subjects["737.94万元"] == "经济分类 30101 基本工资"
    assert subjects["163万元"] == "经济分类 30301 离休费"
    assert subjects["20.40万元"] == ""


def test_a_number_whose_digits_a_space_sets_apart_is_one_number():
    """江苏省人民检察院 2018's sentence (p. 26) as a text layer that sets a thousands separator as a space: “增加 2 915.22
    万元” is 2,915.22, never 915.22 — read as the page prints it, the rate fits (36.58 % is 36.586… cut)."""
    text = "1．行政运行（项）支出 10 883.36 万元，与上年相比增加 2 915.22 万元，增长 36.58 %。"
    amount, change, rate = read_statements([Line(1, text, page=1, line=1)])
    assert (amount.value, change.value, rate.value) == (Decimal("10883.36"), Decimal("2915.22"), Decimal("36.58"))


def test_this_years_figure_said_against_last_years_is_a_change_and_a_total_ending_in_its_budget_is_read():
    """江苏省人民检察院 2018 (p. 29, p. 25): “3．公务接待费预算支出116.5万元，本年数小于上年预算数40.05万元” — a decrease of
    the 公务接待费; “省检察院2018年度财政拨款收、支总预算21,940.96万元。” — the 财政拨款 收支 total, not the department's."""
    lines = [Line(1, "3．公务接待费预算支出 116.5 万元，本年数小于上年预算数 40.05 万元，主要是厉行节约。", page=1, line=1),
             Line(2, "省检察院 2018 年度财政拨款收、支总预算 21,940.96 万元。", page=1, line=2)]
    amount, change, total = read_statements(lines)
    assert (change.kind, change.value, change.direction, change.base, change.label) == (
        "change", Decimal("40.05"), "down", "预算", amount.label)
    verdicts = [Verdict(st, "unknown") for st in (amount, change, total)]
    name_subjects(verdicts, 2018)
    assert [v.subject for v in verdicts] == ["公务接待费", "公务接待费", "财政拨款收支总计"]


def test_the_procurement_said_in_jiangsus_words_is_judged_by_its_procurement_table():
    """江苏省高级人民法院 2018 (the whole document, tests/fixtures/import/national/js-gaoyuan-2018.pdf): “2018年我部门政府
    采购预算总金额为4641.62万元”, “其中拟购买货物962.86万元；拟购买工程539万元；拟购买服务3139.76万元” — the names
    vocabulary.yaml gives the 政府采购 quantities — are judged by its 公开12表 (政府采购.合计, 货物, 工程, 服务)."""
    require_program("pdftotext")
    review = review_document(FIXTURES / "js-gaoyuan-2018.pdf", None)
    assert review.narrative is not None
    judged = {(v.statement.text, v.status, v.figure.name if v.figure else "") for v in review.narrative.verdicts
              if "采购" in v.statement.sentence or "拟购买" in v.statement.sentence}
    assert {("4641.62万元", "agree", "政府采购预算"), ("962.86万元", "agree", "货物采购"),
            ("539万元", "agree", "工程采购"), ("3139.76万元", "agree", "服务采购")} <= judged


def test_the_running_costs_said_in_jiangsus_words_are_judged_by_their_table():
    """“2018年本部门一般公共预算机关运行经费预算支出3407.38万元” (江苏省高级人民法院 2018, the whole document): the
    机关运行经费 by a name vocabulary.yaml gives it, judged by its 公开11表 (机关运行经费.本年)."""
    require_program("pdftotext")
    review = review_document(FIXTURES / "js-gaoyuan-2018.pdf", None)
    assert review.narrative is not None
    said = [v for v in review.narrative.verdicts if v.statement.text == "3407.38万元"
            and "机关运行经费预算支出" in v.statement.label]
    assert {(v.status, v.figure.name if v.figure else "") for v in said} == {("agree", "机关运行经费")}


def test_running_costs_the_text_alone_gave_never_measure_the_text():
    """烟台市大数据局 2026 (pp. 1, 6 and 28, tests/fixtures/import/national/yantai-dashujuju-2026-p1-6-28.pdf): no table
    prints its 机关运行经费 — the import takes it from “2026年本部门机关运行经费安排133.02万元，较2025年预算减少25.94万元”
    itself. Judged by it, the sentence would agree with itself: 未能核对, told why."""
    from reportgen.review import TEXT_ALONE

    require_program("pdftotext")
    review = review_document(FIXTURES / "yantai-dashujuju-2026-p1-6-28.pdf", None)
    assert review.narrative is not None
    said = [v for v in review.narrative.verdicts if "机关运行经费安排" in v.statement.sentence]
    assert [(v.statement.text, v.status, v.cause) for v in said] == [
        ("133.02万元", "unknown", TEXT_ALONE), ("较2025年预算减少25.94万元", "unknown", TEXT_ALONE)]


def test_a_procurement_the_text_alone_gave_never_measures_the_text():
    """江苏省人民检察院 2018 (pp. 13–15 and 30, tests/fixtures/import/national/js-jianchayuan-2018-p13-14-15-30.pdf) prints
    no 政府采购预算表: the import takes 政府采购 from “2018年度政府采购支出预算总额3,096.24万元。其中：拟采购货物支出268万元、
    拟购买服务支出2,828.24万元” itself. Judged by it, the sentence would agree with itself: 未能核对, told why."""
    from reportgen.review import TEXT_ALONE

    require_program("pdftotext")
    review = review_document(FIXTURES / "js-jianchayuan-2018-p13-14-15-30.pdf", None)
    assert review.narrative is not None
    said = [v for v in review.narrative.verdicts if v.statement.kind == "amount"
            and ("政府采购支出预算总额" in v.statement.sentence or "拟采购货物支出" in v.statement.sentence)]
    assert [(v.statement.text, v.status, v.cause) for v in said] == [
        ("3,096.24万元", "unknown", TEXT_ALONE), ("268万元", "unknown", TEXT_ALONE), ("2,828.24万元", "unknown", TEXT_ALONE)]


def test_a_templates_either_or_split_by_a_lines_end_or_a_page_is_told():
    """江苏省人大常委会办公厅 2018, pp. 28–29 (tests/fixtures/import/national/js-rendabangongting-2018-p28-29.pdf):
    “比上年预算增加（减” / “少）0万元” split by a line's end, and “增长（减” / “28” (the page's number) / “少） 0 %” split by
    a page: each is the template's two words left in, told as the same left in one line is (“增加（减少） 0 万元”)."""
    from reportgen.review.text_rules import text_findings

    require_program("pdftotext")
    path = FIXTURES / "js-rendabangongting-2018-p28-29.pdf"
    lines = read_draft(path)
    told = [lines[f.line - 1].bare[-5:] for f in text_findings(lines, 2018, path) if f.rule == "R-模板选项"]
    # the line break inside a placeholder R-文字 reads line by line (and tells not), then across the page's number
    assert told == ["算增加（减", "，增长（减"]
