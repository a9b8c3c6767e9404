"""An item's rate against the prior and the amount its own sentence prints, and that amount against
the item's heading (reportgen/review/prior_rates.py: R-变动率, R-标题与正文); what such a sentence
bears out is judged within it, no longer 未能核对; and an item heading that names its 类, 款 and 项 by
code (“公共安全支出（204类）司法（06款）行政运行（01项）”) is read as that 项.

Sentences come from documents tests were written from (tests/seeds, the corpus's ``seen`` ones); a
slip only unseen documents show is planted in such a real sentence, and said so."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from reportgen.readers.text.lines import Line
from reportgen.readers.text.statements import read_statements
from reportgen.review.sentences.prior_rates import consistent_sentences, prior_rates

ROOT = Path(__file__).resolve().parent.parent
needs_pdftotext = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils (pdftotext) 未安装")

# 上海市普陀区人民政府万里街道办事处 2024年部门预算 (tests/seeds/pdf), items 29–31, as printed (wrapped)
ITEM_29 = ["  29. “城乡社区支出（类）城乡社区环境卫生（款）城乡社区环境卫生（项）”599.33万元，主要用于城乡社区环境卫生。2023年当",
           "年预算执行数为830.24万元，2024年预算安排599.33万元，比2023年预算执行数减少27.81%。主要原因是：城乡社区环境卫生经费减少。"]
ITEM_30 = ["  30. “城乡社区支出（类）其他城乡社区支出（款）其他城乡社区支出（项）”922.02万元，主要用于其他城乡社区支出。2023年当",
           "年预算执行数为1822.46万元，2024年预算安排922.02万元，比2023年预算执行数减少49.41%。主要原因是：其他城乡社区支出经费减少",
           "。"]
ITEM_31 = ["    31. “住房保障支出（类）住房改革支出（款）住房公积金（项）”350.35万元，主要用于住房公积金。2023年当年预算执行数为",
           "348.52万元，2024年预算安排352.67万元，比2023年预算执行数增加0.53%。主要原因是：住房公积金经费增加。"]


def told(lines: list[str], year: int | None = 2024) -> list[tuple[str, str]]:
    statements = read_statements([Line(n, t) for n, t in enumerate(lines, start=1)])
    return [(f.rule, f.message) for f in prior_rates(statements, "x.pdf", year)]


def test_a_body_amount_that_is_not_the_headings_is_told_with_the_rate_it_fits():
    found = told(ITEM_30 + ITEM_31)
    assert ("R-标题与正文", "条目开头写作350.35万元，正文的本年预算安排写作352.67万元：两个数字不能同时成立") in found
    rate = next(message for rule, message in found if rule == "R-变动率")
    assert "应为增加 1.19%" in rate and "写出的变动率与条目开头的350.35万元相符" in rate
    assert len(found) == 2


def test_items_whose_figures_agree_are_not_told_even_at_the_rounding_of_their_figures():
    assert told(ITEM_29 + ITEM_30) == []
    # 上海市普陀区社会福利院 2024年单位预算 (bench/corpus, seen), two items with one rate, both right
    same = ["  2. “社会保障和就业支出（类）行政事业单位养老支出（款）机关事业单位基本养老保险缴费支出（项）”76.76万元，主要用于人",
            "员养老保险费用。2023年当年预算执行数为70.70万元，2024年预算安排76.76万元，比2023年预算执行数增加8.57%。主要原因是：根据",
            "  3. “社会保障和就业支出（类）行政事业单位养老支出（款）机关事业单位职业年金缴费支出（项）”38.38万元，主要用于职",
            "业年金缴费。2023年当年预算执行数为35.35万元，2024年预算安排38.38万元，比2023年预算执行数增加8.57%。主要原因是：根据实际"]
    assert told(same) == []


def test_a_rate_copied_from_the_item_above_is_told_as_such():
    # planted: item 31 printed with item 30's rate (an unseen 2026 budget of the corpus shows the slip)
    copied = ITEM_30 + [ITEM_31[0].replace("350.35", "352.67"),
                        ITEM_31[1].replace("增加0.53%", "增加49.41%")]
    (rule, message), = told(copied)
    assert rule == "R-变动率" and "应为增加 1.19%" in message and "与上一条的变动率相同，疑为照抄" in message


def test_a_prior_mistyped_by_a_digit_is_told_with_the_prior_the_rate_implies():
    # planted: item 30's 执行数 with a stray leading digit (as an unseen 2026 budget of the corpus prints one)
    stray = [ITEM_30[0], ITEM_30[1].replace("1822.46", "11822.46"), ITEM_30[2]]
    (rule, message), = told(stray)
    assert rule == "R-变动率" and "应为减少 92.20%" in message and "上年数应约为 1822.53万元" in message
    # and a rate whose direction the figures reverse
    up = [ITEM_30[0], ITEM_30[1].replace("减少49.41%", "增加49.41%"), ITEM_30[2]]
    assert told(up) == [("R-变动率", "“比2023年预算执行数增加49.41%”：句中1822.46万元到922.02万元是减少，不是增加")]


def test_an_increase_larger_than_the_amount_and_a_reason_going_the_other_way_are_told():
    # 万里 2025 (tests/seeds/pdf) prints “政府性基金拨款支出预算0.00万元，比2024年预算持平”; planted as an increase
    over = ["共预算拨款支出预算18,976.76万元，比2024年预算增加3,355.65万元；政府性基金拨款支出预算0.00万元，比2024年预算增加25万元；"]
    assert told(over, 2025) == [("R-变动率", "“0.00万元，比2024年预算增加25万元”：增加额大于本年数，上年数将小于零")]
    assert told([over[0].replace("增加25万元", "持平")], 2025) == []
    # the form of a generated draft (“X万元，上年:Y万元，主要……”) with 万里 2024's item 30 figures
    draft = ["  30. “城乡社区支出（类）其他城乡社区支出（款）其他城乡社区支出（项）”922.02万元，上年:1822.46万元，主要其他城乡社区支出经费增加。"]
    assert told(draft, 2025) == [("R-变动率", "“922.02万元，上年:1822.46万元，主要其他城乡社区支出经费增加”："
                                                "本年922.02万元比上年1822.46万元少，说明却写“增加”")]
    assert told([draft[0].replace("经费增加", "经费减少")], 2025) == []


def test_what_a_sentence_bears_out_is_judged_within_it():
    statements = read_statements([Line(n, t) for n, t in enumerate(ITEM_29 + ITEM_31, start=1)])
    judged = consistent_sentences(statements, 2024)
    (values, why), = judged.values()  # item 31's sentence has a finding: not borne out
    assert {str(v) for v in values} == {"830.24", "599.33", "27.81"}
    assert why == "与句中的830.24万元、599.33万元相符，599.33万元与条目开头的599.33万元相符"


@needs_pdftotext
def test_a_review_counts_figures_its_sentences_bear_out_as_read_and_reads_headings_by_code():
    from reportgen.review.documents import review_document

    result = review_document(ROOT / "tests" / "seeds" / "pdf" / "shanghai-putuo-wanli-2024.pdf", "上海")
    assert result.narrative is not None
    verdicts = {(v.statement.line, v.statement.text): v for v in result.narrative.verdicts}
    within = [v for v in verdicts.values() if v.status == "within"]
    # each borne out by its own sentence: its other figures (与句中的…), or the parts it says it holds (1662.44万元与句中
    # 其各部分之和相符: its 政府采购, which only its text gives and so no table measures)
    assert len(within) > 50 and all("句中" in v.cause for v in within)
    # (the change is read with the base it is against: “比2023年预算执行数减少49.41%”, issue 54 part 3)
    rate = next(v for v in result.narrative.verdicts if v.statement.text.endswith("减少49.41%"))
    assert rate.status == "within"
    slipped = next(v for v in result.narrative.verdicts if v.statement.text.endswith("增加0.53%"))
    assert slipped.status == "unknown"  # its sentence is told (R-变动率): not borne out


def test_an_item_heading_with_codes_is_read_as_its_item():
    from reportgen.readers.text.statements import read_statements as read

    # the form of 上海市普陀区司法局's 2026 item list (an unseen document of the corpus), with 万里 2024's item
    lines = [Line(1, "1、城乡社区支出（212类）其他城乡社区支出（99款）其他城乡社区支出（99项）922.02万元。主要用于：其他城乡社区支出。")]
    (amount, *_) = [st for st in read(lines) if st.kind == "amount"]
    assert amount.label == "1、城乡社区支出（212类）其他城乡社区支出（99款）其他城乡社区支出（99项）"


def test_a_heading_naming_its_codes_finds_that_items_figure_in_the_tables():
    from reportgen.review.glossary import Glossary
    from reportgen.runners.render import prepare

    prepared = prepare(ROOT / "data" / "shanghai-putuo-wenlvju-2026.yaml")
    assert prepared.budget is not None and prepared.figures is not None
    glossary = Glossary(prepared.budget, prepared.figures)
    by_code = glossary.find("1、文化旅游体育与传媒支出（207类）文化和旅游（01款）行政运行（01项）")
    assert by_code is not None and by_code.current == glossary.codes["2070101"].current
    # the codes decide, whatever the names say (an old 类 name beside its code is R-科目名称's to tell)
    assert glossary.find("1、文化体育与传媒支出（207类）文化（01款）行政运行（01项）") is by_code
    assert glossary.find("文化旅游体育与传媒支出（207类）文化和旅游（01款）行政运行（99项）") is None  # no such row


# 江苏省人民检察院 2018年部门预算 p. 27 (/work/jiangsu, a development year), as printed: a 项 new this year, its increase its whole
JIANCHAYUAN_PENSION = ["    2．机关事业单位基本养老保险缴费（项）支出 1,045.93", "万元，与上年相比增加 1,045.93 万元。主要原因是根据省",
                       "相关政策,将在职人员基本养老保险单位缴费部分纳入部门", "预算管理。"]


def test_an_increase_over_last_year_said_as_jiangsu_says_it_is_held_to_its_amount():
    """Seed 389: “……支出 1,045.93 万元，与上年相比增加 1,045.96 万元。” — an increase larger than the amount, with no rate
    after it; “与上年相比” (江苏), “比上年” and “较上年” are read as “比2024年预算” was."""
    assert told(JIANCHAYUAN_PENSION, 2018) == []
    planted = [JIANCHAYUAN_PENSION[0], JIANCHAYUAN_PENSION[1].replace("增加 1,045.93", "增加 1,045.96"), *JIANCHAYUAN_PENSION[2:]]
    assert told(planted, 2018) == [("R-变动率", "“1,045.93万元，与上年相比增加1,045.96万元”：增加额大于本年数，上年数将小于零")]
    assert told(["项目支出50.00万元，比上年增加60.00万元。"], 2018) == [
        ("R-变动率", "“50.00万元，比上年增加60.00万元”：增加额大于本年数，上年数将小于零")]
