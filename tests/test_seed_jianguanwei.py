"""The 上海市普陀区建设和管理委员会 2026 disclosure (seed shanghai-putuo-jianguanwei-2026.txt) encoded as
data/shanghai-putuo-jianguanwei-2026.yaml: rendering the source states the published figures (text in
万元, tables in 元, the “三公” table in 万元; 政府性基金 spending on 2120803) with the two published slips
corrected, and reviewing the published text against the source finds those two slips at their lines."""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest

from reportgen.review import review
from tests.readback import docx_paragraphs, docx_tables, find_row, html_tables, html_text, rendered_outputs

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "data" / "shanghai-putuo-jianguanwei-2026.yaml"
SEED = ROOT / "tests" / "seeds" / "shanghai-putuo-jianguanwei-2026.txt"
DEPT = "上海市普陀区建设和管理委员会"


@pytest.fixture(scope="module")
def rendered(tmp_path_factory) -> dict[str, Path]:
    return rendered_outputs(SOURCE, tmp_path_factory.mktemp("jianguanwei"))


@pytest.fixture(scope="module")
def text(rendered) -> str:
    return html_text(rendered[".html"])


@pytest.fixture(scope="module")
def docx_text(rendered) -> str:
    return "\n".join(docx_paragraphs(rendered[".docx"]))


def tables_of(rendered: dict[str, Path], reader):  # type: ignore[no-untyped-def]
    return reader(rendered[".html" if reader is html_tables else ".docx"])


def wan(yuan: str, places: str = "0.01") -> str:
    """A 元 amount as the text prints it in 万元 (half up, thousands separated)."""
    value = (Decimal(yuan.replace(",", "")) / 10000).quantize(Decimal(places), ROUND_HALF_UP)
    return f"{value:,}"


def whole(wan_text: str) -> str:
    """A 万元 figure as the published narrative writes its totals: whole 万元, half up."""
    return f"{Decimal(wan_text.replace(',', '')).quantize(Decimal('1'), ROUND_HALF_UP):,}"


# -- the narrative ------------------------------------------------------------------------------
@pytest.mark.parametrize("statement", [
    # 收入/支出 3,286,618,082.20 元 (表1): published “328,661万元”, corrected to 328,662 (see the next test)
    f"{DEPT}2026年收入预算328,661.81万元；支出预算328,661.81万元。",
    "一般公共预算拨款49,376.11万元，占15.02%；政府性基金预算拨款279,285.70万元，占84.98%。",
    # 财政拨款 vs 2025 预算: published “增加115,649万元”, corrected to 113,649 = −5,965 + 119,614
    f"{DEPT}2026年财政拨款收入预算328,661.81万元，比2025年增加113,648.81万元",
    "一般公共预算拨款49,376.11万元，比2025年减少5,964.89万元",  # published “减少5,965万元”
    "主要原因：增加了雨污混接整治工程项目支出。",
    f"{DEPT}2026年一般公共预算支出49,376.11万元，比2025年减少5,964.89万元",
    # 政府性基金 279,285.70万元，“比2025年预算增加119,614万元”
    f"{DEPT}2026年政府性基金预算支出279,285.70万元，比2025年增加119,614.00万元",
    f"{DEPT}2026年无国有资本经营预算支出，与2025年持平。",
    # 三公: 42.24 = 0 + 0 + 42.24 (购置 0 + 运行 42.24), “比2025年预算持平” / each “增加0万元”
    "“三公”经费预算42.24万元，与2025年持平",
    "因公出国（境）费0.00万元，与2025年持平",
    "公务接待费0.00万元，与2025年持平",
    "公务用车购置及运行维护费42.24万元，与2025年持平",
    "公务用车购置费0.00万元，与2025年持平",
    "公务用车运行维护费42.24万元，与2025年持平",
    "主要原因：因公出国（境）费由区外办统一编报预算、统一管理。",
    f"{DEPT}2026年机关运行经费财政拨款预算124.56万元。",
    "政府采购预算共计214,355.48万元，其中：货物采购21.62万元、工程采购189,512.14万元、服务采购24,821.72万元。",
    "面向中小企业预留政府采购项目预算85,742.20万元",
    "预留给小型和微型企业的政府采购项目预算为55,732.43万元",
    "纳入绩效目标管理的项目247个，涉及预算资金314,076.90万元。",
    f"截至2025年8月31日，{DEPT}共有车辆14辆",
    "共5个预算单位",
])
def test_the_text_states_the_published_figures(text, docx_text, statement):
    assert statement in text
    assert statement in docx_text


def test_the_totals_round_to_the_corrected_figures_not_the_slips(text):
    total = re.search(r"2026年收入预算([\d,.]+)万元", text).group(1)
    change = re.search(r"财政拨款收入预算[\d,.]+万元，比2025年增加([\d,.]+)万元", text).group(1)
    assert whole(total) == "328,662" != "328,661"  # the narrative's whole-万元 total, half up
    assert whole(change) == "113,649" != "115,649"
    # and the corrected change is the sum of the three funds' published changes
    general = re.search(r"一般公共预算拨款[\d,.]+万元，比2025年减少([\d,.]+)万元", text).group(1)
    fund = re.search(r"政府性基金预算支出[\d,.]+万元，比2025年增加([\d,.]+)万元", text).group(1)
    assert -Decimal(whole(general).replace(",", "")) + Decimal(whole(fund).replace(",", "")) == 113649


def published_items() -> list[tuple[str, str]]:
    """The narrative's 19 function lines: (项 name, 万元 amount), e.g. ("行政单位离退休", "82.15")."""
    seed = SEED.read_text(encoding="utf-8").replace("\n", "")
    items = re.findall(r"[（(]款[）)]([^（()]+?)[（(]项[）)]”?\s*([\d,，]+\.\d\d)万元", seed)
    assert len(items) == 19
    return [(name, amount.replace("，", ",")) for name, amount in items]  # item 14 writes “3，518.85”


@pytest.mark.parametrize("reader", [html_tables, docx_tables], ids=["html", "docx"])
def test_every_published_function_line_is_a_table_row(rendered, reader, text):
    tables = tables_of(rendered, reader)
    rows = {row[1]: row for title in ("一般公共预算支出表", "政府性基金预算支出表")
            for row in tables.titled(title) if len(row) >= 5 and len(row[0]) == 7}
    assert len(rows) == 19  # 18 项 of 表5 and 2120803 of the 政府性基金 table
    for name, amount in published_items():
        assert wan(rows[name][2]) == amount, (name, rows[name][2], amount)
    assert rows["城市建设支出"][0] == "2120803"


# -- the tables ---------------------------------------------------------------------------------
@pytest.mark.parametrize("reader", [html_tables, docx_tables], ids=["html", "docx"])
def test_the_tables_in_yuan(rendered, reader):
    tables = tables_of(rendered, reader)
    assert find_row(tables, "收入总计", titled="部门收支总表")[1::2] == ["3,286,618,082.20", "3,286,618,082.20"]
    # 表3 合计 / 基本支出 / 项目支出; rows with both columns (the seed wrote 0.00, no cell was dropped)
    assert find_row(tables, "合计", titled="部门支出总表")[-3:] == \
        ["3,286,618,082.20", "82,527,880.20", "3,204,090,202.00"]
    assert find_row(tables, "2120199", titled="部门支出总表")[-3:] == \
        ["265,884,386.00", "33,400,576.00", "232,483,810.00"]
    assert find_row(tables, "212", titled="部门支出总表")[-3:] == \
        ["3,182,716,265.16", "56,865,583.16", "3,125,850,682.00"]
    # 表5 一般公共预算: its 212 类 leaves out the 政府性基金 2120803
    assert find_row(tables, "合计", titled="一般公共预算支出表")[-3:] == \
        ["493,761,082.20", "82,527,880.20", "411,233,202.00"]
    assert find_row(tables, "212", titled="一般公共预算支出表")[-3:] == \
        ["389,859,265.16", "56,865,583.16", "332,993,682.00"]
    # 表6 政府性基金: 2120803 城市建设支出, all 项目支出
    assert find_row(tables, "2120803", titled="政府性基金预算支出表")[-3:] == \
        ["2,792,857,000.00", "0.00", "2,792,857,000.00"]
    # 财政拨款收支总表: 城乡社区支出 split by fund
    row = find_row(tables, "本年收入合计", titled="财政拨款收支总表")
    assert row[-3:] == ["493,761,082.20", "2,792,857,000.00", "0.00"]
    # 表8 经济分类: 合计 / 人员经费 / 公用经费 as published
    assert find_row(tables, "合计", titled="基本支出表")[-3:] == ["82,527,880.20", "74,220,229.00", "8,307,651.20"]
    assert find_row(tables, "30101", titled="基本支出表")[-3:] == ["9,336,529.53", "9,336,529.53", "0.00"]


def test_the_three_public_table_in_wan_yuan(rendered):
    tables = docx_tables(rendered[".docx"])
    row = find_row(tables, "2026年", titled="“三公”经费")
    assert row[1:] == ["42.24", "0.00", "0.00", "42.24", "0.00", "42.24"]  # 表9, as published
    assert find_row(tables, "2025年", titled="“三公”经费")[1:] == row[1:]


def test_the_project_target_table(rendered):
    table = docx_tables(rendered[".docx"]).titled("兰溪路-真南路下立交工程")
    cells = [c for row in table for c in row]
    assert "226,145,100.00" in cells  # 年度资金申请总额 (第24页); 22,614.51万元 on 第23页
    assert {"道路建设长度", "985米", "居民群众满意度", "≥90.00(%)"} <= set(cells)


# -- the published text reviewed against the source ---------------------------------------------
SLIPS = [
    (106, "amount", "328,662万元"),  # 收入预算328,661万元
    (106, "amount", "328,662万元"),  # 财政拨款收入328,661万元
    (106, "change", "增加113,649万元"),  # 比2025年预算增加115,649万元
    (108, "amount", "328,662万元"),  # 支出预算328,661万元
    (108, "amount", "328,662万元"),  # 财政拨款支出预算328,661万元
    (108, "change", "增加113,649万元"),  # 比2025年预算增加115,649万元
]


@pytest.fixture(scope="module")
def reviewed():  # type: ignore[no-untyped-def]
    result, problems = review(SOURCE, SEED)
    assert result is not None, [p.format() for p in problems]
    return result


def test_review_of_the_seed_finds_the_two_slips(reviewed):
    found = [(v.statement.line, v.statement.kind, v.expected) for v in reviewed.verdicts if v.status == "disagree"]
    assert all(slip in found for slip in SLIPS), found
    printed = [v.statement.text for v in reviewed.verdicts if v.status == "disagree" and v.statement.line in (106, 108)]
    assert printed.count("328,661万元") == 4 and sum("115,649万元" in p for p in printed) == 2
    lines = {line.number: line.text for line in reviewed.lines}
    assert "收入预算328,661万元" in lines[106] and "支出预算328,661万元" in lines[108]
    counts = reviewed.counts
    assert counts["agree"] >= 190 and counts["matched"] + counts["unknown"] + counts["within"] == counts["read"]


def test_review_of_the_seed_finds_nothing_else(reviewed):
    found = [(v.statement.line, v.statement.kind, v.expected) for v in reviewed.verdicts if v.status == "disagree"]
    assert found == SLIPS
    # its text layer prints items （十八）–（二十） of page 3 again at the top of page 4 (the header says so): told once;
    # items 14 and 15 of its 一般公共预算 支出 open the 科目's quotation mark and never close it (“14.“城乡社区支出（类）建设
    # 市场管理与监督（款）建设市场管理与监督（项）3，518.85万元”; item 13 closes its own before the amount)
    # and its project's 实施主体 list ends with “；” before “四、实施方案” (l.431, R-标点: fresh1's 长春 S9)
    assert [(f.rule, f.line) for f in reviewed.wording] == [("R-标点", 431), ("R-括号", 136), ("R-括号", 138),
                                                          ("R-重复段落", 73)]
