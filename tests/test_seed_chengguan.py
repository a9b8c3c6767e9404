"""The 上海市普陀区城市管理行政执法局 2026 disclosure (seed shanghai-putuo-chengguan-2026.txt) encoded as
data/shanghai-putuo-chengguan-2026.yaml: rendering the source states the published figures (text in 万元,
tables in 元, the “三公” table in 万元; codes 2120104, 2080599 …; one published project beside the stated
项目支出 total), and reviewing the published text against the source finds no disagreement (the text has no
figure slip) while it reads the PDF's flattened 收支总表 lines and the department's shortened name."""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest

from reportgen.review import review
from reportgen.runners.render import check_findings
from tests.readback import docx_paragraphs, docx_tables, find_row, html_tables, html_text, rendered_outputs

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "data" / "shanghai-putuo-chengguan-2026.yaml"
SEED = ROOT / "tests" / "seeds" / "shanghai-putuo-chengguan-2026.txt"
DEPT = "上海市普陀区城市管理行政执法局"


@pytest.fixture(scope="module")
def rendered(tmp_path_factory) -> dict[str, Path]:
    return rendered_outputs(SOURCE, tmp_path_factory.mktemp("chengguan"))


@pytest.fixture(scope="module")
def text(rendered) -> str:
    return html_text(rendered[".html"])


@pytest.fixture(scope="module")
def docx_text(rendered) -> str:
    return "\n".join(docx_paragraphs(rendered[".docx"]))


def wan(yuan: str) -> str:
    """A 元 amount as the published narrative prints it in 万元: half up, 2 places, no separators."""
    return str((Decimal(yuan.replace(",", "")) / 10000).quantize(Decimal("0.01"), ROUND_HALF_UP))


# -- the narrative ------------------------------------------------------------------------------
@pytest.mark.parametrize("statement", [
    f"{DEPT}2026年收入预算4,748.35万元；支出预算4,748.35万元。",
    "基本支出3,619.73万元，占76.23%；项目支出1,128.62万元，占23.77%。",
    # 财政拨款 vs 2025 预算: “比2025年预算减少19.79万元”, the reason as published
    f"{DEPT}2026年财政拨款收入预算4,748.35万元，比2025年减少19.79万元",
    "主要原因：项目支出减少。",
    # 三公: 114.22 = 0 + 0.46 + 113.76 (75.00 + 38.76); 购置费 “比2025年预算增加27万元”, the rest 持平
    "“三公”经费预算114.22万元，比2025年增加27.00万元",
    "因公出国（境）费0.00万元，与2025年持平",
    "公务接待费0.46万元，与2025年持平",
    "公务用车购置及运行维护费113.76万元，比2025年增加27.00万元",
    "公务用车购置费75.00万元，比2025年增加27.00万元",
    "公务用车运行维护费38.76万元，与2025年持平",
    "主要原因：2026年度预计淘汰更新执法车辆5辆，比2025年增加2辆。",
    f"{DEPT}2026年机关运行经费财政拨款预算507.25万元。",
    "政府采购预算共计595.28万元，其中：货物采购77.10万元、工程采购0.00万元、服务采购518.18万元。",
    "面向中小企业预留政府采购项目预算343.49万元",
    "预留给小型和微型企业的政府采购项目预算为178.85万元",
    "纳入绩效目标管理的项目14个，涉及预算资金1,099.22万元。",
    f"截至2025年8月31日，{DEPT}共有车辆63辆；单价100万元以上专用设备2台（套）。",
    "2026年计划新增车辆5辆",
    # the one published project, beside the 项目支出 total it is part of
    "项目支出1,128.62万元，其中：",
    "拆违经费349.80万元。主要用于拆违现场安全秩序维护第三方服务",
    "培训费：指除因公出国（境）培训费以外的",
])
def test_the_text_states_the_published_figures(text, docx_text, statement):
    assert statement in text
    assert statement in docx_text


def test_the_enforcement_brigade_is_not_a_budget_unit(text):
    # 执法大队与局本部合署办公，不单列预算: the render says so in the department's words and counts no units
    assert "执法大队与局本部合署办公，不单列预算" in text
    assert "个预算单位" not in text.split("第二部分")[0]


def published_items() -> list[tuple[str, str]]:
    """The narrative's 9 function lines: (项 name, 万元 amount), e.g. ("城管执法", "3377.56")."""
    seed = SEED.read_text(encoding="utf-8").replace("\n", "")
    items = re.findall(r"[（(]款[）)]([^（()]+?)[（(]项[）)]”?\s*([\d,，]+\.\d\d)万元", seed)
    assert len(items) == 9
    return items


@pytest.mark.parametrize("reader", [html_tables, docx_tables], ids=["html", "docx"])
def test_every_published_function_line_is_a_table_row(rendered, reader):
    tables = reader(rendered[".html" if reader is html_tables else ".docx"])
    rows = {row[1]: row for row in tables.titled("一般公共预算支出表") if len(row) >= 5 and len(row[0]) == 7}
    assert len(rows) == 9
    for name, amount in published_items():
        assert wan(rows[name][2]) == amount, (name, rows[name][2], amount)
    assert rows["城管执法"][0] == "2120104"


# -- the tables ---------------------------------------------------------------------------------
@pytest.mark.parametrize("reader", [html_tables, docx_tables], ids=["html", "docx"])
def test_the_tables_in_yuan(rendered, reader):
    tables = reader(rendered[".html" if reader is html_tables else ".docx"])
    assert find_row(tables, "收入总计", titled="部门收支总表")[1::2] == ["47,483,458.00", "47,483,458.00"]
    # 表3 合计 / 基本支出 / 项目支出, and the 类 and 项 rows as published
    assert find_row(tables, "合计", titled="部门支出总表")[-3:] == ["47,483,458.00", "36,197,265.00", "11,286,193.00"]
    assert find_row(tables, "208", titled="部门支出总表")[-3:] == ["6,397,096.00", "6,103,096.00", "294,000.00"]
    assert find_row(tables, "2120104", titled="部门支出总表")[-3:] == \
        ["33,775,592.00", "22,783,399.00", "10,992,193.00"]
    # 表8 经济分类: 合计 / 人员经费 / 公用经费 as published; 30110 under the name Shanghai prints
    assert find_row(tables, "合计", titled="基本支出表")[-3:] == ["36,197,265.00", "31,124,727.00", "5,072,538.00"]
    assert find_row(tables, "30110", titled="基本支出表")[1] == "职工基本医疗保险缴费"
    assert find_row(tables, "拆违经费", titled="项目支出表")[-2:] == ["2120104", "3,498,000.00"]


def test_the_partial_project_list_says_what_it_leaves_out(text, docx_text):
    note = "注：本表列出1个项目，合计3,498,000.00元；2026年项目支出11,286,193.00元，其余7,788,193.00元未逐项列出。"
    assert note in text and note in docx_text


def test_the_three_public_table_in_wan_yuan(rendered):
    tables = docx_tables(rendered[".docx"])
    assert find_row(tables, "2026年", titled="“三公”经费")[1:] == ["114.22", "0.00", "0.46", "113.76", "75.00", "38.76"]
    assert find_row(tables, "2025年", titled="“三公”经费")[1:] == ["87.22", "0.00", "0.46", "86.76", "48.00", "38.76"]


def test_the_project_target_table(rendered):
    table = docx_tables(rendered[".docx"]).titled("拆违经费")
    cells = [c for row in table for c in row]
    assert "3,498,000.00" in cells  # 年度资金申请总额 (第24页); 349.80万元 on 第22页
    assert {"完成年度拆违计划", "=100.00(%)", "群众满意度", "≥90.00(%)"} <= set(cells)


def test_check_gives_only_the_warnings_the_publication_explains():
    findings = check_findings(SOURCE)
    # and, in the default layout the source names (none), that its 上海 headings and its 地区 (上海's cover) are
    # not printed there
    assert sorted(f.rule for f in findings) == ["R-绩效目标", "R-绩效目标", "R-项目支出合计", "版式-未印出", "版式-未印出",
                                                "版式-未印出"]
    assert "地区" in {f.path for f in findings}
    assert all(f.severity == "warning" for f in findings)


# -- the published text reviewed against the source ---------------------------------------------
@pytest.fixture(scope="module")
def reviewed():  # type: ignore[no-untyped-def]
    result, problems = review(SOURCE, SEED)
    assert result is not None, [p.format() for p in problems]
    return result


def test_review_of_the_seed_finds_no_disagreement(reviewed):
    assert [v for v in reviewed.verdicts if v.status == "disagree"] == []
    # page 23 of its text layer repeats the tail of page 22 (the header says so): told once, as printed twice; l.285
    # “主要原因公务用车购置费增加” has no 是 (R-语序, the slip fresh1 annotates in 国家信访局 2024 决算, S5)
    assert [(f.rule, f.line) for f in reviewed.wording] == [("R-语序", 285), ("R-重复段落", 343)]
    counts = reviewed.counts
    assert counts["agree"] >= 140 and counts["matched"] + counts["unknown"] + counts["within"] == counts["read"]


def verdicts_at(reviewed, line: int) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    return [(str(v.statement.value), v.status) for v in reviewed.verdicts if v.statement.line == line]


def test_review_reads_what_this_pdf_prints(reviewed):
    # 表1 as the PDF's text layer runs it together: the amount straight into the next item
    assert verdicts_at(reviewed, 104) == [("47483458", "agree"), ("6397096", "agree")]
    assert verdicts_at(reviewed, 105) == [("47483458", "agree"), ("1439040", "agree")]
    assert verdicts_at(reviewed, 111) == [("47483458", "agree"), ("47483458", "agree")]
    # the department named without 上海市
    assert verdicts_at(reviewed, 73)[0] == ("4748.35", "agree")
    # 公务接待费 is both a “三公” part and 表8's 30217 (4,600 元 each): one figure
    assert verdicts_at(reviewed, 288)[0] == ("0.46", "agree")
    # “本年度拆违经费预算金额为349.80万元” names the project; “…预留政府采购项目预算金额343.49万元”
    assert verdicts_at(reviewed, 340) == [("349.80", "agree")]
    assert verdicts_at(reviewed, 294)[0] == ("343.49", "agree")
