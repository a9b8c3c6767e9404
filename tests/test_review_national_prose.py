"""Prose of other provinces read by its grammar (issue 54 part 3): real sentences of the national corpus
(/work/shared/corpus, pdftotext -layout; file and page named at each), wrapped as the PDF wraps them, read
into the statements they make and judged within their sentence; a slip planted in a real sentence caught."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from reportgen.importing.recognition.imported import Imported
from reportgen.importing.text.text_sheets import add_cover_year
from reportgen.readers.text.lines import Line
from reportgen.readers.text.statements import Statement, read_statements
from reportgen.review import review_within_sentences
from reportgen.review.sentences.sentence_rules import Said, sentence_findings_of
from reportgen.review.text_rules import text_findings


def _lines(*texts: str) -> list[Line]:
    return [Line(number, text) for number, text in enumerate(texts, start=1)]


def _read(*texts: str) -> list[Statement]:
    return read_statements(_lines(*texts))


def _said(*texts: str) -> list[str]:
    return [f"{f.rule} {f.message}" for f in sentence_findings_of(Said(_read(*texts), "稿.txt", 2026))]


# 烟台市大数据局 2026年部门预算, p.27 (sd-yantai-dashujuju-2026-dept-budget.pdf): a full-width ％, the sentence
# wrapped over two lines
YANTAI_THREE_PUBLIC = ("    2026年通过一般公共预算财政拨款安排的“三公”经费预算共19.45万",
                       "元，比上年减少1万元，下降4.89％。主要原因是局本级“五项经费”进行了")


def test_a_full_width_percent_is_a_rate_and_the_wrapped_sentence_is_judged_whole() -> None:
    kinds = [(st.kind, st.value, st.direction) for st in _read(*YANTAI_THREE_PUBLIC)]
    assert kinds == [("amount", Decimal("19.45"), ""), ("change", Decimal("1"), "down"),
                     ("rate", Decimal("4.89"), "down")]
    assert _said(*YANTAI_THREE_PUBLIC) == []  # 1 / 20.45 = 4.89%
    # “1万元” printed whole may be 0.5 to 1.5 万元 (a rate from 2.4% to 7.3%): no slip is told that rounding explains
    assert _said(YANTAI_THREE_PUBLIC[0], YANTAI_THREE_PUBLIC[1].replace("4.89", "4.69")) == []
    planted = (YANTAI_THREE_PUBLIC[0], YANTAI_THREE_PUBLIC[1].replace("1万元", "1.00万元").replace("4.89", "4.69"))
    found = _said(*planted)  # a rate off by 0.2
    assert len(found) == 1 and found[0].startswith("R-句内矛盾") and "上年为20.45万元" in found[0]


# 北京市民政局 2026年度部门预算情况说明, p.5 (bj-minzhengju-2026-dept-budget.pdf): the prior stated inline,
# after 年初预算数
BEIJING_INCOME = ("    2026 年度收入预算 71094.17 万元，比 2025 年年初预算",
                  "数 69043.50 万元增加 2050.67 万元，增长 2.97%。主要原因")


def test_a_change_against_the_prior_years_initial_budget_stated_inline() -> None:
    statements = [st for st in _read(*BEIJING_INCOME)]
    assert [(st.kind, st.value, st.base) for st in statements] == [
        ("amount", Decimal("71094.17"), ""), ("change", Decimal("2050.67"), "预算"), ("rate", Decimal("2.97"), "预算")]
    assert statements[1].label == "2026年度收入预算"  # the change is of the income, not an amount of its own
    assert _said(*BEIJING_INCOME) == []
    found = _said(BEIJING_INCOME[0].replace("71094.17", "71095.17"), BEIJING_INCOME[1])  # an amount off by 1
    assert len(found) == 1 and found[0].startswith("R-句内矛盾") and "69043.50万元" in found[0]
    found = _said(BEIJING_INCOME[0], BEIJING_INCOME[1].replace("2.97", "3.17"))  # a rate off by 0.2
    assert len(found) == 1 and found[0].startswith("R-句内矛盾")


# 深圳市民政局（本级）2026年部门预算, p.10 (gd-shenzhen-minzheng-2026-dept-budget.pdf); and 北京市民政局, p.6:
# what is compared written between the year and the base
def test_the_prior_years_initial_budget_and_what_is_compared_before_it() -> None:
    shenzhen = _read("    2026 年财政拨款“三公”经费预算 66.00 万元，较 2025 年",
                     "年初预算增加 33.00 万元。")
    assert [(st.kind, st.value, st.base, st.label) for st in shenzhen] == [
        ("amount", Decimal("66.00"), "", "2026年财政拨款“三公”经费预算"),
        ("change", Decimal("33.00"), "预算", "2026年财政拨款“三公”经费预算")]
    beijing = _read("    2026 年财政拨款“三公”经费预算 282.16 万元，比 2025",
                    "年财政拨款“三公”经费年初预算增加 33.50 万元，增长",
                    "13.47%，主要原因：部分老旧公务用车达到报废年限且无法")
    assert [st.kind for st in beijing] == ["amount", "change", "rate"]
    assert _said("    2026 年财政拨款“三公”经费预算 282.16 万元，比 2025",
                 "年财政拨款“三公”经费年初预算增加 33.50 万元，增长",
                 "13.67%，主要原因：部分老旧公务用车达到报废年限且无法")[0].startswith("R-句内矛盾")


# 北京市民政局, p.7: an item's heading said as a sentence of its own, its amount naming no subject
def test_an_amount_naming_no_subject_is_of_its_items_heading() -> None:
    statements = _read("    （一）因公出国（境）费用。2026 年预算数 159.00 万",
                       "元，主要用于境外业务培训、对外交流支出等 。",
                       "    （二）公务接待费。2026 年预算数 1.35 万元，主要用",
                       "于国内公务接待支出。")
    assert [(st.label, st.value) for st in statements] == [("因公出国（境）费用", Decimal("159.00")),
                                                          ("公务接待费", Decimal("1.35"))]
    # a section's heading is no item: its amounts keep their own words (深圳, p.13) — the things they count
    section = _read("    二、国有资产占用情况", "    2026 年计划购置车辆 0 辆、0 万元，主要是本单位 2026 年")
    assert [st.label for st in section] == ["2026年计划购置车辆"]


# 深圳市民政局, p.13: 单价100万元以上 is a threshold; 广州市司法局 2026, p.49-50: the page's footer inside a sentence
def test_thresholds_and_page_footers_are_no_figures() -> None:
    assert _read("    截至 2025 年 10 月，深圳市民政局（本级）共有车辆 2 辆，",
                 "0 辆、特种专业技术用车 0 辆、其他用车 0 辆；单价 100 万元",
                 "以上设备 0 台（套）。") == []
    statements = _read("     六、委托业务费安排情况", "                             - 47 -", "",
                       "     2026年本部门一般公共预算安排委托业务费3,130.93万元，",
                       "比上年增加984.1万元，增长45.8%，主要原因是:根据《2026年政")
    assert statements[0].label == "2026年本部门一般公共预算安排委托业务费"
    assert _said("     2026年本部门一般公共预算安排委托业务费3,130.93万元，",
                 "比上年增加984.1万元，增长45.8%，主要原因是:根据《2026年政") == []


# 上海市普陀区财政局 2024年度部门决算 (bench/corpus/putuo-caizhengju-juesuan-2024-planted.pdf, p.?): the
# share of a part in the whole its sentence states first; the planted 71.73% (2106.66 / 2940.05 = 71.65%)
JUESUAN_SHARES = ("  一般公共预算财政拨款支出 2940.05 万元，主要用于以下",
                  "方面：一般公共服务支出（类）2106.66 万元，占 71.73%；社",
                  "会保障和就业支出（类）326.72 万元，占 11.11%。")


def test_a_share_against_the_part_and_the_whole_its_sentence_states() -> None:
    found = _said(*JUESUAN_SHARES)
    assert len(found) == 1 and found[0].startswith("R-句内占比") and "71.65%" in found[0]
    assert _said(JUESUAN_SHARES[0], JUESUAN_SHARES[1].replace("71.73", "71.65"), JUESUAN_SHARES[2]) == []
    # parts each given a share are no whole of the others (the whole was stated in a sentence before)
    assert _said("方面：一般公共服务支出（类）264.87 万元，占 86.01%；社会保障和就业",
                 "支出（类）10.82 万元，占 3.52%。") == []
    # nor is an amount after them (the golden example-two-units-2024: 支出预算410.00万元 is no whole of 230.00万元)
    assert _said("其中：示例市总工会本级收入预算410.00万元，占64.06%，支出预算410.00万元；示例市职工疗养院收入预算"
                 "230.00万元，占35.94%，支出预算230.00万元。") == []


def test_a_text_no_table_measures_is_judged_within_its_sentences(tmp_path: Path) -> None:
    draft = tmp_path / "烟台.txt"
    draft.write_text("\n".join((BEIJING_INCOME[0], BEIJING_INCOME[1].replace("2.97", "3.17"))), encoding="utf-8")
    result = review_within_sentences(draft, 2026)
    assert result is not None
    # never agreed (no table to agree with): the amount and the change its inline prior bears out are judged
    # within the sentence, the rate they rule out stays 未能核对 and is told
    assert [v.status for v in result.verdicts] == ["within", "within", "unknown"]
    assert [f.rule for f in result.contradictions] == ["R-句内矛盾"]
    draft.write_text("\n".join(BEIJING_INCOME), encoding="utf-8")
    result = review_within_sentences(draft, 2026)
    assert result is not None and [v.status for v in result.verdicts] == ["within"] * 3
    assert result.contradictions == []


# 烟台 (sd-yantai-dashujuju, p.29): 预算安排 as the object of 优化 is a noun, not a figure announced
def test_budget_arrangement_as_a_noun_is_no_figure_left_out() -> None:
    noun = _lines("评价结果，优化政务基础设施运行维护资金、市大数据中心工作经费、实施",
                  "公车统管费用等项目2026年预算安排，进一步改进管理、完善政策。",
                  "    2026年上海市花卉良种试验场无购置车辆预算安排，无购置单价100万元（含）以上设备预算安排。")
    assert [f for f in text_findings(noun, 2026, Path("稿.txt")) if f.rule == "R-内容空缺"] == []
    left = _lines("    2026年预算安排，比2025年预算执行数增加17.66%。")
    assert [f.rule for f in text_findings(left, 2026, Path("稿.txt")) if f.rule == "R-内容空缺"] == ["R-内容空缺"]


# 深圳市民政局 2026, p.1: the cover's title wrapped over two lines, no table caption stating the year
def test_the_year_from_the_covers_title() -> None:
    imported = Imported({})
    add_cover_year(imported, [Line(1, "2026 年深圳市民政局（本级）部门预", page=1, line=1), Line(2, "          算", page=1, line=2)])
    assert imported.year == 2026 and imported.tree["年度"].where == "第1页 第1行"
    stated = Imported({})
    stated.year = 2025  # a table's caption states it: the cover does not overrule it
    add_cover_year(stated, [Line(1, "2026 年深圳市民政局（本级）部门预算", page=1, line=1)])
    assert stated.year == 2025


# An amount listed after 其中 (or 包括) is read as a part of the amount before it — in its clause (up to ；) and in
# the brackets it was opened in: review judges it as the figure its name gives only under a total it is part of.
def test_the_parts_an_amount_lists_are_read_as_its_parts() -> None:
    # 烟台市医疗保障局 2026年部门预算, p.25 (sd-yantai-yibaoju-2026-dept-budget.pdf), wrapped as the PDF wraps it
    income = _read("  （一）收入预算：2026年收入预算16,375.67万元，其中：一般公共预算",
                   "收入15,375.67万元，国有资本经营预算收入1,000万元。")
    assert [(st.label, st.part_of.text if st.part_of else None) for st in income] == [
        ("2026年收入预算", None), ("一般公共预算收入", "16,375.67万元"), ("国有资本经营预算收入", "16,375.67万元")]
    # 深圳市委宣传部 2026年部门预算, p.19 (gd-shenzhen-xuanchuanbu-2026-dept-budget.pdf): the list closes with its brackets
    transfer = _read("   2026 年本部门上级专项转移支付支出预算 1,610.00 万元",
                     "（其中 380.00 万元为政府性基金预算、1,230.00 万元为一般",
                     "公共预算），较 2025 年年初预算增加 1,210.00 万元。")
    assert [(st.kind, st.part_of.text if st.part_of else None) for st in transfer] == [
        ("amount", None), ("amount", "1,610.00万元"), ("amount", "1,610.00万元"), ("change", None)]
    # 上海市中医文献馆 2026年单位预算, p.4 (sh-city-zhongyiwenxian-2026-unit-budget.pdf): a clause after ； is read
    # by its own words, as before
    shanghai = _read("   2026年，上海市中医文献馆收入预算8,401万元，其中：财政拨款收入2,694万元，比2025年预算增加147万元；"
                     "事业收入5,707万元，")
    amounts = [st for st in shanghai if st.kind == "amount"]
    assert [(st.label, st.part_of.text if st.part_of else None) for st in amounts] == [
        ("上海市中医文献馆收入预算", None), ("财政拨款收入", "8,401万元"), ("事业收入", None)]


GUANGZHOU_MARKET = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "gd-guangzhou-shichangjianguan-2026-dept-budget.pdf"


def test_a_total_printed_a_tail_off_its_rounded_sources_agrees_with_the_text() -> None:
    """广州市市场监督管理局 2026 prints 收入总计 177,090.43 in every table and in its text (p. 43: “2026年本部门收入
    预算177,090.43万元”); its income sources, each printed to 0.01 万元, sum to 177,090.44. The text agrees with
    the document: no “应为 177,090.44万元”."""
    import pytest

    from reportgen.review.documents import review_document

    if not GUANGZHOU_MARKET.exists():
        pytest.skip("the national corpus (../shared/corpus) is not here")
    review = review_document(GUANGZHOU_MARKET, None).narrative
    assert review is not None
    said = [v.status for v in review.verdicts if v.statement.value == Decimal("177090.43")]
    assert "agree" in said and "disagree" not in said, said


# 烟台市人力资源和社会保障局 2026年部门预算 (sd-yantai-renshe-2026-dept-budget.pdf): a change that is the whole amount —
# last year's figure nothing — given a rate (DOMAIN: 上年无该项预算，增长率无可比性, never a percentage from a zero base)
YANTAI_ABROAD = "  1.因公出国（境）费5万元，比上年增加5万元，增长100％，主要原因是"


def test_a_rate_from_a_zero_base_is_told() -> None:
    found = _said(YANTAI_ABROAD)
    assert len(found) == 1 and found[0].startswith("R-句内矛盾") and "上年为 0" in found[0] and "增长100%" in found[0]
    assert _said(YANTAI_ABROAD.replace("增加5万元", "增加2.5万元")) == []  # 5 from 2.5: 100% is right
    assert _said(YANTAI_ABROAD.replace("，增长100％", "")) == []  # no rate printed: nothing to tell
