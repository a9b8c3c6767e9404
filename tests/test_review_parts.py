"""A sentence's amount agrees with the figure it names — not with a part of it, unless the sentence, its
section's heading or the sentences before it under that heading name the part (issue 25, part 2).

深圳盐田区总工会 2022 (data/, its published text in tests/seeds/): 一般公共服务支出 is 1,084.51万元, of which
基本支出 256.95万元 and 项目支出 827.56万元; the published text says “一般公共服务支出 827.56 万元” under
“（四）项目支出 827.56万元，具体包括：”, which is right; the same words under no such heading are not."""

from __future__ import annotations

from pathlib import Path

from reportgen.review import review
from reportgen.review.judge import Verdict

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
