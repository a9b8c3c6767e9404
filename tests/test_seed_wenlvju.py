"""The 上海市普陀区文化和旅游局 2026 disclosure (seed shanghai-putuo-wenlvju-2026.txt) encoded as
data/shanghai-putuo-wenlvju-2026.yaml: rendering the source states the published figures (text in
万元, tables in 元, the “三公” table in 万元), and reviewing the published text against the source
finds its two wording slips and no figure that disagrees."""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest

from reportgen.readers.published import read_draft
from reportgen.review import review
from reportgen.review.text_rules import text_findings
from tests.readback import docx_paragraphs, docx_tables, find_row, html_tables, html_text, rendered_outputs

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "data" / "shanghai-putuo-wenlvju-2026.yaml"
SEED = ROOT / "tests" / "seeds" / "shanghai-putuo-wenlvju-2026.txt"
DEPT = "上海市普陀区文化和旅游局"


@pytest.fixture(scope="module")
def rendered(tmp_path_factory) -> dict[str, Path]:
    return rendered_outputs(SOURCE, tmp_path_factory.mktemp("wenlvju"))


@pytest.fixture(scope="module")
def text(rendered) -> str:
    return html_text(rendered[".html"])


def wan(yuan: str) -> str:
    """A table's 元 cell as the text prints it: 万元, 2 decimals, half up, thousands separated."""
    value = (Decimal(yuan.replace(",", "")) / 10000).quantize(Decimal("0.01"), ROUND_HALF_UP)
    return f"{value:,}"


# -- the narrative ------------------------------------------------------------------------------
@pytest.mark.parametrize("statement", [
    f"{DEPT}2026年收入预算27,807.61万元；支出预算27,807.61万元。",  # 收入预算 / 支出预算 27,807.61万元
    "一般公共预算拨款27,807.61万元，占100.00%",  # 收入全部为一般公共预算财政拨款
    # 财政拨款 27,807.61万元，“比2025年预算增加增加27.45万元” (the slip corrected)
    f"{DEPT}2026年财政拨款收入预算27,807.61万元，比2025年增加27.45万元",
    "一般公共预算拨款27,807.61万元，比2025年增加27.45万元",
    "主要原因：基本支出增加。",
    f"{DEPT}2026年一般公共预算支出27,807.61万元，比2025年增加27.45万元",
    # 三公: 11.49 = 0 + 2.11 + 9.38 (购置 0 + 运行 9.38), each 与2025年预算持平
    "“三公”经费预算11.49万元，与2025年持平",
    "因公出国（境）费0.00万元，与2025年持平",
    "公务接待费2.11万元，与2025年持平",
    "公务用车购置及运行维护费9.38万元，与2025年持平",
    "公务用车购置费0.00万元，与2025年持平",
    "公务用车运行维护费9.38万元，与2025年持平",
    "主要原因：此项经费由区统筹安排。",
    f"{DEPT}2026年机关运行经费财政拨款预算182.65万元。",
    "政府采购预算共计8,536.39万元，其中：货物采购692.93万元、工程采购5,269.82万元、服务采购2,573.64万元。",
    "面向中小企业预留政府采购项目预算2,603.50万元",
    "纳入绩效目标管理的项目39个，涉及预算资金17,521.98万元。",
    "截至2025年8月31日，上海市普陀区文化和旅游局共有车辆4辆",
    "共5个预算单位",
    f"{DEPT}2026年无政府性基金预算支出，与2025年持平。",
])
def test_the_text_states_the_published_figures(text, rendered, statement):
    assert statement in text
    assert statement in "\n".join(docx_paragraphs(rendered[".docx"]))


def test_the_slips_are_not_carried_over(text):
    assert "增加增加" not in text and "增加持平" not in text


# -- the tables ---------------------------------------------------------------------------------
@pytest.mark.parametrize("reader", [html_tables, docx_tables], ids=["html", "docx"])
def test_the_general_budget_table_in_yuan(rendered, reader):
    tables = reader(rendered[".html" if reader is html_tables else ".docx"])
    title = "一般公共预算支出表"
    table = tables.titled(title)
    total = find_row(tables, "合计", titled=title)
    assert total[-3:] == ["278,076,101.00", "102,306,237.00", "175,769,864.00"]  # 表5 合计 / 基本支出 / 项目支出
    # rows the seed flattened to one number, placed by the column sums (see the source's comments)
    assert find_row(tables, "2070105", titled=title)[-3:] == ["60,517,640.00", "0.00", "60,517,640.00"]
    assert find_row(tables, "2070101", titled=title)[-3:] == ["4,654,597.00", "4,614,597.00", "40,000.00"]
    assert find_row(tables, "208", titled=title)[-3:] == ["16,682,825.00", "16,682,825.00", "0.00"]
    assert find_row(tables, "2150899", titled=title)[-3:] == ["50,200,000.00", "0.00", "50,200,000.00"]
    assert len(table) > 30


def published_items() -> list[tuple[str, str]]:
    """The narrative's 23 function lines: (项 name, 万元 amount), e.g. ("行政运行", "465.46")."""
    seed = SEED.read_text(encoding="utf-8")
    items = re.findall(r"\(款\)([^(]+)\(项\)[”＂]([\d,]+\.\d\d)万元", seed.replace("\n", ""))
    assert len(items) == 23
    return items


@pytest.mark.parametrize("reader", [html_tables, docx_tables], ids=["html", "docx"])
def test_every_published_function_line_is_a_table_row(rendered, reader):
    tables = reader(rendered[".html" if reader is html_tables else ".docx"])
    rows = {row[1]: row for row in tables.titled("一般公共预算支出表") if len(row) >= 5 and len(row[0]) == 7}
    assert len(rows) == 23  # the 23 项 of 表5, one per line of the narrative
    for name, amount in published_items():
        assert name in rows, name
        assert wan(rows[name][2]) == amount, (name, rows[name][2], amount)


def test_the_three_public_table_in_wan_yuan(rendered):
    tables = docx_tables(rendered[".docx"])
    row = find_row(tables, "2026年", titled="“三公”经费")
    assert row[1:] == ["11.49", "0.00", "2.11", "9.38", "0.00", "9.38"]
    assert find_row(tables, "2025年", titled="“三公”经费")[1:] == row[1:]


# -- the published text reviewed against the source ---------------------------------------------
def test_review_of_the_seed_finds_the_published_slips_only():
    result, problems = review(SOURCE, SEED)
    assert result is not None, [p.format() for p in problems]
    assert result.disagreements() == []
    wording = [(f.rule, f.line) for f in result.wording]
    # and three of its list of 科目 (l.114 closes a “ with a straight ＂, l.120 numbers item 18 “18“” with no point,
    # l.109 names 20799 by the alias “其他文化体育与传媒支出” its tables do not print: R-科目异名)
    assert wording == [("R-文字", 82), ("R-文字", 85), ("R-科目异名", 109), ("R-括号", 114), ("R-序号", 122)]
    lines = {line.number: line.text for line in result.lines}
    assert "增加增加27.45" in lines[82] and "增加持平" in lines[85]
    assert "＂359.34" in lines[114] and lines[120].startswith("18“")
    assert [(f.line, f.message) for f in result.wording] == \
        [(f.line, f.message) for f in text_findings(read_draft(SEED), 2026, SEED)]
    counts = result.counts
    assert counts["disagree"] == 0 and counts["agree"] >= 180
    assert counts["matched"] + counts["unknown"] + counts["within"] == counts["read"]
