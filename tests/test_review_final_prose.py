"""The prose of a 部门决算 of another province read and judged: its comparisons with last year's 决算 and with
the year's own budget (“比上年决算数相比变化 X 万元，增长 Y%”, “比年初预算数增加 X 万元，增长 Y%”), its completion rates
with the budget said inside them (“决算为 X 万元，完成预算 Y 万元的 Z%”) and a share of a whole the tables give of an
amount they do not (“共涉及资金 X 万元，占一般公共预算项目支出总额的 W%”).

The fixture is a page extract (pypdf) of a published PDF of /work/shared/corpus (ORIGIN.md there): 佛山市轨道交通局
2019年部门决算 pp. 1–28 (its cover, 概况, eight tables and 情况说明 up to 绩效; the 名词解释 left out)."""

from __future__ import annotations

import subprocess
from decimal import Decimal
from pathlib import Path

import pytest

from reportgen.cli import main
from reportgen.importing.pipeline import import_files
from reportgen.readers.text.lines import Line
from reportgen.readers.text.statements import SAME_YEAR_BUDGET, Statement, read_statements
from reportgen.review import review
from reportgen.review.documents import DocumentReview, review_document
from reportgen.review.sentences.consistency import completion_rates
from tests.clients import require_program
from tests.test_text_rules import FINAL, findings

FOSHAN = Path(__file__).resolve().parent / "fixtures" / "import" / "national" / "foshan-guidaojiaotongju-2019-p1-28.pdf"


@pytest.fixture(scope="module")
def reviewed() -> DocumentReview:
    require_program("pdftotext")
    return review_document(FOSHAN, None)


def _read(*texts: str) -> list[Statement]:
    return read_statements([Line(n, text) for n, text in enumerate(texts, start=1)])


def _verdicts(result: DocumentReview, text: str) -> list[tuple[str, str, str]]:
    assert result.narrative is not None
    return [(v.status, v.subject, v.expected) for v in result.narrative.verdicts if v.statement.text == text]


def _told(result: DocumentReview) -> list[tuple[str, int, str]]:
    assert result.narrative is not None
    narrative = result.narrative
    return [(f.rule, f.line, f.message) for f in narrative.findings()]


# p.25–26, as the PDF wraps them
AGAINST_LAST_YEAR = ("元。其中：一般公共预算财政拨款收入 1668.14 万元，比上年决", "算数相比变化 0 万元，增长 0%；主要是因为我局为 2019 年新成")
AGAINST_THE_BUDGET = ("元。其中：一般公共预算财政拨款支出 1668.14 万元，比年初预", "算数增加 1668.14 万元，增长 0%；主要是因为我局去年预算数")


def test_a_change_against_last_years_final_accounts_said_with_no_direction_is_read() -> None:
    statements = _read(*AGAINST_LAST_YEAR)
    assert [(st.kind, st.value, st.direction, st.base) for st in statements] == [
        ("amount", Decimal("1668.14"), "", ""), ("change", Decimal("0"), "", "执行数"), ("rate", Decimal("0"), "up", "执行数")]
    assert statements[1].label == statements[0].label  # the change is of the 一般公共预算 income


def test_a_change_against_the_years_own_budget_is_no_change_over_last_year() -> None:
    statements = _read(*AGAINST_THE_BUDGET)
    assert [(st.kind, st.value, st.base) for st in statements] == [
        ("amount", Decimal("1668.14"), ""), ("change", Decimal("1668.14"), "本年年初预算"),
        ("rate", Decimal("0"), "本年年初预算")]
    # said plainly, the budget is the one the 决算's table prints (its “三公” 预算数)
    assert _read("支出 97.19 万元，比预算数增加 97.19 万元")[1].base == SAME_YEAR_BUDGET
    # a year said keeps the comparison with that year (北京's “比 2025 年年初预算数”)
    assert _read("收入预算 71094.17 万元，比 2025 年年初预算数 69043.50 万元增加 2050.67 万元")[1].base == "预算"


def test_the_comparisons_are_read_and_none_is_judged_against_a_figure_the_tables_do_not_give(reviewed) -> None:
    # last year's 决算 and the year's budget are in none of the 决算's tables: read, their subject known, not judged
    assert _verdicts(reviewed, "比上年决算数相比变化0万元") == [("unknown", "一般公共预算拨款", ""),
                                                        ("unknown", "政府性基金预算拨款", "")]
    assert _verdicts(reviewed, "比年初预算数增加1668.14万元") == [("unknown", "一般公共预算支出", "")]
    assert _verdicts(reviewed, "比预算数增加97.19万元") == [("unknown", "机关运行经费", "")]
    assert reviewed.narrative is not None
    counts = [v for v in reviewed.narrative.verdicts if v.statement.kind != "cell"]
    read = [v for v in counts if v.status != "unknown" or v.subject]
    assert len(read) / len(counts) >= Decimal("0.8")


def test_a_rate_printed_where_the_sentence_says_there_was_no_figure_last_year_is_told(reviewed) -> None:
    told = [(line, message) for rule, line, message in _told(reviewed) if rule == "R-无上年数的增长率"]
    assert len(told) == 1 and "无2018年决算数" in told[0][1] and "增长0%" in told[0][1]
    zero_based = [message for rule, _, message in _told(reviewed) if rule == "R-零基增长率"]
    assert len(zero_based) == 1 and "1668.14" in zero_based[0]  # 比年初预算数: told once, its other line listed
    assert not [m for rule, _, m in _told(reviewed) if rule == "R-句内矛盾"]  # neither told again as last year's


def test_the_share_of_an_amount_no_table_gives_is_judged_against_the_whole_the_tables_give(reviewed) -> None:
    """p.28: 940.15 is 102.0% of the 一般公共预算 项目支出 921.75 the 支出决算表 prints, not 100%; the 政府性基金
    share of a whole of 0 has no rate to judge."""
    ((status, subject, expected),) = _verdicts(reviewed, "占一般公共预算项目支出总额的100%")
    assert (status, subject) == ("disagree", "绩效自评涉及的资金") and "占102%" in expected and "921.75" in expected
    assert _verdicts(reviewed, "占政府性基金预算项目支出总额的0%")[0][0] == "unknown"
    assert reviewed.narrative is not None
    wrong = [v.statement.text for v in reviewed.narrative.verdicts if v.status == "disagree"]
    assert wrong == ["占一般公共预算项目支出总额的100%"]  # no false alarm on the figures that agree


def test_a_completion_rate_of_a_budget_of_nothing_said_inside_it_is_told_once_a_sentence(reviewed) -> None:
    told = [(line, message) for rule, line, message in _told(reviewed) if rule == "R-完成率"]
    assert [message.split("”")[0] for _, message in told] == [
        "“决算为0.16万元，完成预算0万元的0%", "“决算为0万元，完成预算0万元的0%", "“决算为0.16万元，完成预算0万元的0%"]
    assert all("预算为 0，没有完成率可言" in message for _, message in told)


def _rates(*texts: str) -> list[str]:
    lines = [Line(n, text) for n, text in enumerate(texts, start=1)]
    return [f.message for f in completion_rates(read_statements(lines), "稿.txt")]


def test_a_completion_rate_with_its_budget_inside_is_judged_at_its_printed_precision() -> None:
    assert _rates("公务接待费支出决算为12.50万元，完成预算25.00万元的50.00%。") == []
    assert _rates("公务接待费支出决算为1.00万元，完成预算3.00万元的33.3%。") == []  # 33.33…: right at one decimal
    (message,) = _rates("公务接待费支出决算为12.50万元，完成预算25.00万元的60.00%。")
    assert "应为 50.00%" in message


def test_no_prior_said_without_a_rate_or_a_rate_over_a_prior_that_exists_is_not_told() -> None:
    no_rate = ["  政府性基金预算财政拨款收入 0 万元，比上年决算数相比变化 0 万元，主要是因为我局是 2019 年",
               "新成立单位，当年无发生额，同时无 2018 年决算数。"]
    assert "R-无上年数的增长率" not in [rule for rule, _ in findings(FINAL + no_rate, 2024)]
    prior = ["  一般公共预算财政拨款收入 1668.14 万元，比上年决算数增加 68.14 万元，增长 4.26%；主要是因为人员增加。"]
    assert "R-无上年数的增长率" not in [rule for rule, _ in findings(FINAL + prior, 2024)]


# 上海市嘉定区司法局 2017年度“三公”经费支出决算情况说明 (a published page): “完成预算的” of the one budget the
# sentence states
JIADING = ("上海市嘉定区司法局2017年度“三公”经费财政拨款支出年初预算为22.00万元，支出决算为8.77万元，完成预算的39.86%，"
           "其中：因公出国（境）费决算为0万元，完成预算的0%。")


def test_a_completion_rate_of_the_budget_said_plainly_is_of_the_one_budget_the_sentence_states() -> None:
    assert _rates(JIADING) == []  # 8.77 ÷ 22.00 = 39.86%
    (message,) = _rates(JIADING.replace("39.86%", "38.86%"))
    assert "按句中的年初预算与决算数应为 39.86%" in message
    # two budgets stated and 预算 said plainly: which one is not said, nothing is judged
    assert _rates("年初预算为20.00万元，全年预算为22.00万元，支出决算为8.77万元，完成预算的30.00%。") == []


def test_the_importer_reads_the_other_regions_wording_final_text_yaml_lists(reviewed) -> None:
    """The 决算's “三公” 说明 under its own heading (“三、 2019 年度一般公共预算财政拨款“三公”经费支出决算情况说明”), its
    差异原因 said as 主要情况, its 团组 and 购置数, and its 政府采购 said as 政府采购货物支出: read, so the review no
    longer says the 差异原因 is missing (the document states it, p.26)."""
    require_program("pdftotext")
    result = import_files([FOSHAN], None)
    three = result.imported.tree["三公经费"]
    assert three["合计"]["差异原因"].value.startswith("因为我局为2019年新成立单位，成立时间晚于预算数制定时间")
    assert {key: placed.value for key, placed in three["明细"].items()} == {
        "出国团组": 0, "出国人次": 0, "公务用车保有量": 0, "公务用车购置数量": 0}
    assert {key: placed.value for key, placed in result.imported.tree["政府采购"].items()} == {
        "货物": Decimal(0), "工程": Decimal(0), "服务": Decimal(0)}
    assert not [f.message for f in reviewed.checks if f.rule == "R-差异原因"]


def test_the_budget_a_completion_rate_states_is_judged_against_the_three_public_tables_budget(reviewed) -> None:
    """p.26: “支出决算为 0.16 万元，完成预算 0 万元的 0%”: the 0 is the “三公” budget, which the table prints (预算数 0.00)
    — judged so, each of its part's against the part's, and named so (the 预算数 of the outturn before it); the 决算
    before it (“……支出决算为”) is the part's outturn."""
    assert reviewed.narrative is not None
    said = [(v.status, v.subject) for v in reviewed.narrative.verdicts
            if v.statement.label == "完成预算" and v.statement.kind == "amount"]
    assert said == [("agree", "“三公”经费预算数"), ("agree", "因公出国（境）费预算数"), ("agree", "公务用车购置及运行维护费预算数"),
                    ("agree", "公务接待费预算数")]
    outturns = [(v.status, v.subject, v.statement.value) for v in reviewed.narrative.verdicts
                if v.statement.label.endswith("决算为") and v.statement.kind == "amount"]
    rates = [(v.status, v.subject) for v in reviewed.narrative.verdicts if v.statement.text == "的0%"]  # (a budget of 0: no rate)
    assert rates == [("unknown", "“三公”经费"), ("unknown", "因公出国（境）费"), ("unknown", "公务用车购置及运行维护费"),
                     ("unknown", "公务接待费")]
    assert outturns == [("agree", "“三公”经费", Decimal("0.16")), ("agree", "因公出国（境）费", Decimal(0)),
                        ("agree", "公务用车购置及运行维护费", Decimal(0)), ("agree", "公务接待费", Decimal("0.16"))]


def test_a_planted_budget_and_share_are_caught_and_the_right_ones_agree(tmp_path) -> None:
    """The 决算's text against the source imported from it, with two figures changed: the 公务接待费 budget its
    completion rate states (0 → 5, the table's 预算数 is 0.00) and the 绩效 share made right (100% → 102%, 940.15 ÷
    921.75 = 101.996%): the first is told, the second agrees."""
    require_program("pdftotext")
    source = tmp_path / "源.yaml"
    main(["import", str(FOSHAN), "-o", str(source)])
    text = subprocess.run(["pdftotext", "-layout", str(FOSHAN), "-"], capture_output=True, text=True, check=True).stdout
    assert text.count("支出决算为 0.16 万元，完成预算 0 万元的 0%") == 1 and text.count("预算项目支出总额的 100%") == 1
    draft = tmp_path / "稿.txt"
    draft.write_text(text.replace("支出决算为 0.16 万元，完成预算 0 万元的 0%", "支出决算为 0.16 万元，完成预算 5 万元的 3.2%")
                     .replace("预算项目支出总额的 100%", "预算项目支出总额的 102%"), encoding="utf-8")
    result, problems = review(source, draft, despite_errors=True)
    assert result is not None, [p.format() for p in problems]
    wrong = [(v.statement.text, v.expected) for v in result.verdicts if v.status == "disagree" and v.statement.kind != "cell"]
    assert wrong == [("5万元", "0万元")], wrong  # at the precision printed
    shares = [v.status for v in result.verdicts if v.statement.text == "占一般公共预算项目支出总额的102%"]
    assert shares == ["agree"]
