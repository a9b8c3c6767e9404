"""A sentence's amount agrees with the figure it names — not with a part of it, unless the sentence, its
section's heading or the sentences before it under that heading name the part (issue 25, part 2).

深圳盐田区总工会 2022 (data/, its published text in tests/seeds/): 一般公共服务支出 is 1,084.51万元, of which
基本支出 256.95万元 and 项目支出 827.56万元; the published text says “一般公共服务支出 827.56 万元” under
“（四）项目支出 827.56万元，具体包括：”, which is right; the same words under no such heading are not."""

from __future__ import annotations

from pathlib import Path

from reportgen.review import review
from reportgen.review.sentences.judge import Verdict

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "data" / "shenzhen-yantian-zgh-2022.yaml"
SEED = ROOT / "tests" / "seeds" / "shenzhen-yantian-zgh-2022.txt"


def _verdicts(tmp_path: Path, lines: list[str]) -> dict[str, Verdict]:
    draft = tmp_path / "稿.txt"
    draft.write_text("\n".join(lines), encoding="utf-8")
    result, problems = review(SOURCE, draft)
    assert result is not None, problems
    return {v.statement.text: v for v in result.verdicts}


def test_the_published_text_states_a_part_under_its_heading_and_agrees():
    result, problems = review(SOURCE, SEED)
    assert result is not None, problems
    (verdict,) = [v for v in result.verdicts if v.statement.line == 125 and v.statement.text == "827.56万元"]
    assert verdict.status == "agree" and verdict.statement.label == "一般公共服务支出"


def test_a_part_stated_as_the_whole_disagrees_and_says_which_part_it_is(tmp_path):
    verdict = _verdicts(tmp_path, ["一般公共服务支出827.56万元，主要用于开展劳模创建工作。"])["827.56万元"]
    assert verdict.status == "disagree" and verdict.expected == "1,084.51万元"
    assert "项目支出" in verdict.cause


def test_the_basic_part_without_its_name_disagrees_too(tmp_path):
    """The issue's own case: 256.95 is the class's 基本支出, not the class."""
    verdict = _verdicts(tmp_path, ["一般公共服务支出256.95万元。"])["256.95万元"]
    assert verdict.status == "disagree" and "基本支出" in verdict.cause


def test_the_part_named_in_the_sentence_agrees(tmp_path):
    verdicts = _verdicts(tmp_path, ["基本支出中，一般公共服务支出256.95万元。", "项目支出中，一般公共服务支出827.56万元。"])
    assert verdicts["256.95万元"].status == "agree" and verdicts["827.56万元"].status == "agree"


def test_the_part_named_by_the_first_sentence_of_its_section_agrees(tmp_path):
    """“项目支出主要内容如下：” then items in paragraphs of their own."""
    verdicts = _verdicts(tmp_path, ["四、支出预算情况说明", "2022年项目支出主要内容如下：",
                                    "1.社会保障和就业支出0万元。", "2.一般公共服务支出827.56万元。"])
    assert verdicts["827.56万元"].status == "agree"


def test_a_heading_names_its_part_only_up_to_the_next_heading_of_its_level(tmp_path):
    verdicts = _verdicts(tmp_path, ["（四）项目支出827.56万元，具体包括：", "（五）其他说明",
                                    "一般公共服务支出827.56万元。"])
    assert verdicts["827.56万元"].status == "disagree"


def test_a_table_row_shows_its_parts_in_its_columns(tmp_path):
    """A table row of 一般公共服务支出 prints 合计, 基本支出 and 项目支出: every column is the row's."""
    verdicts = _verdicts(tmp_path, ["支出预算表", "单位：万元", "科目名称 合计 基本支出 项目支出",
                                    "一般公共服务支出 1,084.51 256.95 827.56"])
    assert [v.status for v in verdicts.values()] == ["agree"]


# A part listed under another amount (其中, 包括) is that amount's part: it is judged as the figure its words name
# only where the amount it is listed under is a total that figure is a part of (issue 54, part 3). The sentences
# are 烟台's (sd-yantai-*-2026-dept-budget.pdf, the 预算绩效管理情况说明 and 收入预算 of each), their year made the
# source's (2022) and judged against 盐田区总工会's figures: 收入 and 支出 1,273.52万元, all of it 一般公共预算
# 财政拨款; 基本支出 445.96万元, 项目支出 827.56万元; no 国有资本经营预算 income (0).


def _verdict(tmp_path: Path, line: str, text: str) -> Verdict:
    (found,) = [v for v in _verdicts_all(tmp_path, [line]) if v.statement.text == text and v.statement.part_of]
    return found


def _verdicts_all(tmp_path: Path, lines: list[str]) -> list[Verdict]:
    draft = tmp_path / "稿.txt"
    draft.write_text("\n".join(lines), encoding="utf-8")
    result, problems = review(SOURCE, draft)
    assert result is not None, problems
    return result.verdicts


def test_the_fiscal_part_of_money_whose_subject_is_not_read_is_not_judged(tmp_path):
    """烟台市大数据局, p.26: the 财政拨款 of the projects' 预算资金 is not the department's 财政拨款支出
    (it was told “应为 7,503万元”, the department's whole budget)."""
    verdict = _verdict(tmp_path, "烟台市大数据局2022年政策和项目全面实施绩效目标管理，涉及一级预算项目3个，"
                                 "预算资金6039万元，其中财政拨款6039万元。", "6039万元")
    assert verdict.status == "unknown" and verdict.figure is None and verdict.statement.label == "财政拨款"
    # the money the counted projects take, and its 财政拨款: read, not judged
    assert verdict.subject == "绩效目标管理涉及的预算资金中的财政拨款"


def test_the_fiscal_part_of_the_evaluated_projects_is_not_judged(tmp_path):
    """中共烟台市委宣传部, p.28: the projects picked for 重点绩效评价 are some of the projects — neither their money
    nor its 财政拨款 is a figure of the tables (430 was told “应为 6,353万元”)."""
    verdicts = [v for v in _verdicts_all(tmp_path, ["拟对文化产业发展专项资金1个项目开展部门重点绩效评价，"
                                                    "涉及预算资金430万元，其中财政拨款430万元。"])]
    assert [(v.statement.label, v.status) for v in verdicts] == [("涉及预算资金", "unknown"), ("财政拨款", "unknown")]
    assert verdicts[1].subject == "绩效目标管理涉及的预算资金中的财政拨款"  # read, not judged


def test_a_part_of_the_project_spending_is_not_the_departments_figure_of_its_name(tmp_path):
    verdict = _verdict(tmp_path, "2022年项目支出827.56万元，其中财政拨款800万元。", "800万元")
    assert verdict.status == "unknown"  # 财政拨款支出 is 1,273.52: more than the 项目支出 it would be a part of


def test_the_parts_of_the_departments_totals_are_judged(tmp_path):
    """烟台市医疗保障局, p.25: “2026年收入预算16,375.67万元，其中：一般公共预算收入15,375.67万元，国有资本经营预算收入
    1,000万元。” — parts of the department's income, each judged as the source's (国有资本经营预算收入 was read as
    the 收入预算 its name ends in, “应为 16,376万元”)."""
    verdicts = {v.statement.text: v for v in _verdicts_all(tmp_path, [
        "（一）收入预算：2022年收入预算1,273.52万元，其中：一般公共预算收入1,273.52万元，国有资本经营预算收入1,000万元。"])}
    assert verdicts["1,273.52万元"].status == "agree"
    wrong = verdicts["1,000万元"]
    assert wrong.status == "disagree" and wrong.figure is not None and wrong.figure.name == "国有资本经营预算拨款"
    assert wrong.expected == "0万元"
    spending = {v.statement.text: v.status for v in _verdicts_all(tmp_path, [
        "2022年支出预算1,273.52万元，其中：基本支出445.96万元，项目支出827.56万元。"])}
    assert spending == {"1,273.52万元": "agree", "445.96万元": "agree", "827.56万元": "agree"}


def test_a_funds_name_before_a_totals_name_names_no_total(tmp_path):
    """“国有资本经营预算收入” ends in “预算收入”, a name of 收入总计: a fund's name before it makes it that fund's
    (vocabulary.yaml 部分的限定), whether or not the tables give it."""
    from reportgen.review import prepare
    from reportgen.review.glossary import Glossary

    prepared = prepare(SOURCE)
    assert prepared.budget is not None and prepared.figures is not None
    glossary = Glossary(prepared.budget, prepared.figures)
    assert glossary.find("2022年收入预算") is glossary.find("收入总计") is not None
    assert glossary.find("单位资金预算收入") is None and glossary.find("财政专户预算收入") is None


def test_the_spending_of_a_line_named_by_its_level_is_no_total_of_the_department(tmp_path):
    """江苏's texts name each line's spending after its 类, 款 or 项 (省人大常委会办公厅 2018: “1.人大事务（款）行政
    运行（项）支出6372.32万元”; 省人民检察院 2018: “1.住房公积金(项):支出1,073.77万元”, “检察（款）: 2018年预算支出
    合计16,444.36万元”) — the words after the bracket are that line's, not 支出总计 (each was told “应为” the
    department's whole budget); nor is a 政府采购支出预算总额 the budget's (“2018年度政府采购支出预算总额2064.25万元”)."""
    verdicts = _verdicts_all(tmp_path, [
        "1.群众团体事务（款）行政运行（项）支出256.95万元，与上年相比持平。",
        "2.住房公积金(项):支出80.19万元。",
        "群众团体事务（款）: 2022年预算支出合计1,084.51万元。",
        "2022年度政府采购支出预算总额20万元，其中：拟采购货物支出20万元。",
        "2022年支出预算1,273.52万元。"])
    totals = [(v.statement.text, v.status) for v in verdicts
              if v.figure is not None and v.figure.name in ("支出总计", "本年支出合计")]
    assert totals == [("1,273.52万元", "agree")]
