"""The nine tables of 第二部分 of a Shanghai 部门决算 (种类: 决算), as the 2024 样张 and the two published
普陀区 2024 决算 print them: rows and figures of the real tables (tests/seeds/juesuan/statements.yaml,
read from /work/shared/seeds/juesuan/*.pdf) rendered from the sources in data/, and small sources for
what the real ones do not have (balances, 政府性基金 money, own income, other spending kinds)."""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import pytest
import yaml

from reportgen.runners.render import render_source
from tests.final_sources import HEAD, PRIOR
from tests.readback import Tables, docx_paragraphs, docx_tables, html_tables, rendered_outputs

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "tests" / "seeds" / "juesuan" / "statements.yaml"
FIGURE = re.compile(r"-?\d+\.\d{2}")
TITLES = ("收入支出决算总表", "收入决算表", "支出决算表", "财政拨款收入支出决算总表", "一般公共预算财政拨款支出决算表",
          "一般公共预算财政拨款基本支出决算表", "财政拨款“三公”经费支出决算表", "政府性基金预算财政拨款收入支出决算表",
          "国有资本经营预算财政拨款收入支出决算表")
# The function 类 of the 2024 样张's 收入支出决算总表 and 财政拨款收入支出决算总表, in its order (规划和自然资源局 prints
# the same 24; 区委社会工作部 prints 二十四、债务还本支出 and 二十五、债务付息支出 before 抗疫特别国债安排的支出 besides).
CLASSES_2024 = ["一般公共服务支出", "外交支出", "国防支出", "公共安全支出", "教育支出", "科学技术支出", "文化旅游体育与传媒支出",
                "社会保障和就业支出", "卫生健康支出", "节能环保支出", "城乡社区支出", "农林水支出", "交通运输支出",
                "资源勘探工业信息等支出", "商业服务业等支出", "金融支出", "援助其他地区支出", "自然资源海洋气象等支出",
                "住房保障支出", "粮油物资储备支出", "国有资本经营预算支出", "灾害防治及应急管理支出", "其他支出",
                "抗疫特别国债安排的支出"]
INCOME_LINES = ["一、一般公共预算财政拨款收入", "二、政府性基金预算财政拨款收入", "三、国有资本经营预算财政拨款收入",
                "四、上级补助收入", "五、事业收入", "六、经营收入", "七、附属单位上缴收入", "八、其他收入"]
NOTES = {
    "收入支出决算总表": "注：本表反映部门本年度的总收支和年末结转结余情况。",
    "收入决算表": "注：本表反映部门本年度取得的各项收入情况。",
    "支出决算表": "注：本表反映部门本年度各项支出情况。",
    "财政拨款收入支出决算总表": "注：本表反映部门本年度财政拨款总收支和结转结余情况。",
    "一般公共预算财政拨款支出决算表": "注：本表反映部门本年度一般公共预算财政拨款支出情况。",
    "一般公共预算财政拨款基本支出决算表": "注：本表反映部门本年度一般公共预算财政拨款基本支出明细情况。",
    "财政拨款“三公”经费支出决算表": "注：本表反映部门本年度“三公”经费支出预决算情况。",
    "政府性基金预算财政拨款收入支出决算表": "注：本表反映部门本年度政府性基金预算财政拨款收入支出及结转和结余情况。",
    "国有资本经营预算财政拨款收入支出决算表": "注：本表反映部门本年度国有资本经营预算财政拨款收入支出及结转和结余情况。",
}

# Where the rendered table cannot print what the published one does, and why; each figure is the one the
# source gives (the source's header comments tell the rounding): {(document, table, row name): our figures}.
# - 万元 rounding in the published tables (尾差): a total printed from the 元 figures, the lines in 0.01 万元;
#   reportgen adds up the lines the source gives, never a total it was not given.
ROUNDED = {
    ("shehuigongzuo", "一般公共预算财政拨款基本支出决算表", "商品和服务支出"): ["10.22"],   # printed 10.23
    ("shehuigongzuo", "一般公共预算财政拨款基本支出决算表", "公用经费合计"): ["10.22"],     # printed 10.23
    ("guihuaziyuan", "收入支出决算总表", "九、卫生健康支出"): ["236.64"],                   # printed 236.63
    ("guihuaziyuan", "收入支出决算总表", "十一、城乡社区支出"): ["3845.24"],                # printed 3845.25
    ("guihuaziyuan", "收入决算表", "城乡社区支出"): ["3832.35", "3832.35"],                 # printed 3832.36
    ("guihuaziyuan", "收入决算表", "行政运行"): ["1092.79", "1092.79"],                     # printed 1092.80
    ("guihuaziyuan", "财政拨款收入支出决算总表", "九、卫生健康支出"): ["236.64", "236.64"],  # printed 236.63
    ("guihuaziyuan", "财政拨款收入支出决算总表", "十一、城乡社区支出"): ["3832.35", "3832.35"],
    ("guihuaziyuan", "财政拨款收入支出决算总表", "本年支出合计"): ["9746.49", "9746.49"],   # printed 9746.50
    ("guihuaziyuan", "财政拨款收入支出决算总表", "总计"): ["9746.49", "9746.49"],           # printed 9746.50
    ("guihuaziyuan", "一般公共预算财政拨款支出决算表", "城乡社区支出"): ["3832.35", "1572.70", "2259.65"],
    ("guihuaziyuan", "一般公共预算财政拨款支出决算表", "行政运行"): ["1092.79", "1084.02", "8.77"],
    ("guihuaziyuan", "一般公共预算财政拨款支出决算表", "合计"): ["9746.49", "5364.75", "4381.74"],
    ("guihuaziyuan", "一般公共预算财政拨款基本支出决算表", "商品和服务支出"): ["440.88"],  # printed 440.90
    ("guihuaziyuan", "一般公共预算财政拨款基本支出决算表", "人员经费合计"): ["4884.10"],   # printed 4884.09
    ("guihuaziyuan", "一般公共预算财政拨款基本支出决算表", "公用经费合计"): ["480.64"],    # printed 480.66
}
# - 区委社会工作部 prints a zero 基本支出/项目支出 of a function line blank, 规划和自然资源局 prints 0.00; a source
#   writes both alike (a row's part not given is 0), and the tables print 0.00: compared here as blank.
ZERO_AS_BLANK = {("shehuigongzuo", "支出决算表"), ("shehuigongzuo", "一般公共预算财政拨款支出决算表")}


def titled(tables: Tables, title: str) -> list[list[str]]:
    """The one table of exactly this title (收入决算表 is a part of no other title; 支出决算表 is)."""
    hits = [table for name, table in zip(tables.titles, tables, strict=True) if name == title]
    assert len(hits) == 1, f"{len(hits)} tables titled {title!r} among {tables.titles}"
    return hits[0]


def segments(row: list[str], zero_blank: bool = False) -> list[tuple[str, list[str]]]:
    """A row as the published tables are read: each label with the figures after it (blank cells left out),
    a row of two sides being two such segments."""
    found: list[tuple[str, list[str]]] = []
    for cell in row:
        if FIGURE.fullmatch(cell):
            if not found:
                found.append(("", []))
            if not (zero_blank and cell == "0.00"):
                found[-1][1].append(cell)
        elif cell:
            found.append((cell, []))
    return found


def body_rows(table: list[list[str]]) -> list[list[str]]:
    """The rows below the header: from the first one holding a figure, or led by 合计 or a line 一、…"""
    for index, row in enumerate(table):
        if any(FIGURE.fullmatch(c) for c in row) or row[0] == "合计" or row[0].startswith("一、"):
            return table[index:]
    return []


def published() -> dict[str, dict]:
    return yaml.safe_load(SEEDS.read_text(encoding="utf-8"))


REAL = {name: ROOT / "data" / f"shanghai-putuo-{name}-juesuan-2024.yaml" for name in ("shehuigongzuo", "guihuaziyuan")}
REAL_PRESENT = all(path.exists() for path in REAL.values())
needs_real = pytest.mark.skipif(not REAL_PRESENT, reason="the two real 决算 sources are not in data/ yet")


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Path]]:
    out = tmp_path_factory.mktemp("final-tables")
    return {name: rendered_outputs(path, out / name) for name, path in REAL.items()}


# -- the real documents ------------------------------------------------------------------------------
@needs_real
@pytest.mark.parametrize("document", list(REAL))
def test_every_printed_row_of_the_nine_tables(rendered, document):
    """Each row statements.yaml reads from the published tables is a row of the rendered table (DOCX and
    HTML), figure by figure, save the rows ROUNDED names (万元 rounding of the published totals)."""
    for suffix, read in ((".docx", docx_tables), (".html", html_tables)):
        tables = read(rendered[document][suffix])
        for printed in published()[document]["tables"]:
            title = printed["title"]
            zero_blank = (document, title) in ZERO_AS_BLANK
            ours = [s for row in body_rows(titled(tables, title)) for s in segments(row, zero_blank)]
            for name, *figures in printed["rows"]:
                if title == "财政拨款“三公”经费支出决算表":  # its one row has no name (合计 heads its first column)
                    name = ""
                expected = ROUNDED.get((document, title, name), figures)
                if zero_blank:
                    expected = [x for x in expected if x != "0.00"]
                candidates = [figs for label, figs in ours if label == name]
                assert expected in candidates, (f"{document}{suffix} {title}: row {name} {figures}, expected "
                                                f"{expected}, rendered {candidates}")
                for mine, theirs in zip(expected, figures, strict=False):  # a rounding slip, never more
                    assert abs(float(mine) - float(theirs)) <= 0.021, (title, name, mine, theirs)


@needs_real
@pytest.mark.parametrize("document", list(REAL))
def test_a_table_of_nothing_keeps_its_header_and_says_why(rendered, document):
    """The empty tables (“三公” of 区委社会工作部, 政府性基金 and 国有资本经营 of both) show no figure and have
    the 说明 under them, after their 注, as printed."""
    tables = docx_tables(rendered[document][".docx"])
    paragraphs = [p for p in docx_paragraphs(rendered[document][".docx"]) if p.strip()]
    for printed in published()[document]["tables"]:
        if printed["rows"]:
            continue
        table = titled(tables, printed["title"])
        assert not any(FIGURE.fullmatch(cell) for row in table for cell in row), printed["title"]
        assert len(table) >= 2, "the header stays"
        after = paragraphs[paragraphs.index(printed["title"]):]
        note = after.index(NOTES[printed["title"]])
        assert after[note + 1] == printed["说明"]


@needs_real
def test_the_real_figures_the_brief_names(rendered):
    """区委社会工作部: 支出决算表 合计 307.82 | 105.58 | 202.24, 行政运行 51.32; 一般公共预算财政拨款支出决算表
    with its 合计 row last; 规划和自然资源局: 年初/年末结转和结余 112.88 / 100.00, 总计 9859.38, the “三公” row."""
    tables = docx_tables(rendered["shehuigongzuo"][".docx"])
    spending = titled(tables, "支出决算表")
    total = next(row for row in spending if row[0] == "合计")
    assert [c for c in total if c][1:] == ["307.82", "105.58", "202.24"]
    assert next(row for row in spending if row[0] == "2013901")[1:4] == ["行政运行", "51.32", "51.32"]
    general = titled(tables, "一般公共预算财政拨款支出决算表")
    assert [c for c in general[-1] if c] == ["合计", "307.82", "105.58", "202.24"]
    assert general[2][:2] == ["201", "一般公共服务支出"]
    tables = docx_tables(rendered["guihuaziyuan"][".docx"])
    summary = titled(tables, "收入支出决算总表")
    assert ["年初结转和结余", "112.88", "年末结转和结余", "100.00"] in summary
    assert ["总计", "9859.38", "总计", "9859.38"] in summary
    assert ["本年收入合计", "9746.50", "本年支出合计", "9759.38"] in summary
    three = titled(tables, "财政拨款“三公”经费支出决算表")
    assert three[-1] == ["2.85", "0.39", "0.00", "0.00", "0.00", "0.00", "0.00", "0.00", "0.00", "0.00", "2.85", "0.39"]
    assert three[-2] == ["预算数", "决算数"] * 6


@needs_real
@pytest.mark.parametrize("document", list(REAL))
def test_the_two_summaries_list_every_class_and_income_kind(rendered, document):
    """收入支出决算总表: the eight income kinds and all 24 类 of the 2024 样张, numbered, a class of nothing
    blank; 财政拨款收入支出决算总表: the three funds, the 24 类, the 年初/年末财政拨款结转和结余 lines (blank: the
    sources state none), 总计."""
    tables = docx_tables(rendered[document][".docx"])
    summary = titled(tables, "收入支出决算总表")
    lines = body_rows(summary)
    assert [row[0] for row in lines[:8]] == INCOME_LINES
    classes = [row[2] for row in lines if re.match(r"[一二三四五六七八九十]+、", row[2])]
    assert [c.split("、", 1)[1] for c in classes] == CLASSES_2024
    assert all(row[3] == "" for row in lines if row[2] in ("二、外交支出", "三、国防支出"))
    assert [row[0] for row in lines[-4:]] == ["本年收入合计", "使用非财政拨款结余", "年初结转和结余", "总计"]
    assert [row[2] for row in lines[-4:]] == ["本年支出合计", "结余分配", "年末结转和结余", "总计"]
    fiscal = body_rows(titled(tables, "财政拨款收入支出决算总表"))
    assert [row[0] for row in fiscal[:3]] == ["一、一般公共预算财政拨款", "二、政府性基金预算财政拨款",
                                              "三、国有资本经营预算财政拨款"]
    assert len([row for row in fiscal if re.match(r"[一二三四五六七八九十]+、", row[2])]) == 24
    opening = next(row for row in fiscal if row[0] == "年初财政拨款结转和结余")
    assert opening[2] == "年末财政拨款结转和结余" and not any(FIGURE.fullmatch(c) for c in opening)
    assert [row[0] for row in fiscal[-4:-1]] == [*(f"{n}、{f}财政拨款" for n, f in
                                                   zip("一二三", ("一般公共预算", "政府性基金预算", "国有资本经营预算"),
                                                       strict=True))]


@needs_real
def test_the_basic_table_lists_every_item_of_the_template(rendered):
    """一般公共预算财政拨款基本支出决算表: 301 and 303 on the left, 302 and 310 on the right, every 款 of the
    样张 even at 0.00 (the source lists the 款 it spent on: the rest are known zero), 人员经费合计 /
    公用经费合计 at the foot."""
    table = titled(docx_tables(rendered["shehuigongzuo"][".docx"]), "一般公共预算财政拨款基本支出决算表")
    left = [row[0] for row in table[1:-1] if row[0]]
    right = [row[3] for row in table[1:-1] if row[3]]
    assert left[:2] == ["301", "30101"] and "303" in left and left[-1] == "30399"
    assert right[:2] == ["302", "30201"] and right[right.index("310"):] == [
        "310", "31001", "31002", "31003", "31007", "31013", "31019", "31021", "31022", "31099"]
    assert len(left) == 1 + 13 + 1 + 12 and len(right) == 1 + 27 + 1 + 9
    assert ["303", "对个人和家庭的补助", "0.00", "30215", "会议费", "0.00"] in table
    assert table[-1] == ["人员经费合计", "95.36", "公用经费合计", "10.22"]


@needs_real
def test_the_contents_number_the_tables_under_part_two(rendered):
    lines = docx_paragraphs(rendered["guihuaziyuan"][".docx"])
    # a 目录 line is its words, a tab and its page number (the field's result, as LibreOffice lays it out)
    paragraphs = [re.sub(r"\t\d+$", "", p).replace("\t", "").replace(" ", "") for p in lines]
    start = paragraphs.index("第二部分上海市普陀区规划和自然资源局2024年度部门决算表")
    numbered = [f"{n}、{t}" for n, t in zip("一二三四五六七八九", TITLES, strict=True)]
    assert paragraphs[start + 1:start + 10] == numbered
    assert all(re.search(r"\t\d+$", line) for line in lines[start:start + 10])
    body = [p for p in docx_paragraphs(rendered["guihuaziyuan"][".docx"]) if p.strip()]
    for title in TITLES:  # the body titles carry no number; each has its 注 under it
        assert title in body and NOTES[title] in body[body.index(title):]


def test_totals_apart_by_rounding_are_noted(rendered):
    """规划和自然资源局's 财政拨款收入支出决算总表: 总计 9746.50 (its 一般公共预算 income) beside 9746.49 (its
    lines added, each rounded from 元 on its own): the table says so; 社会工作部's, equal, says nothing."""
    def note_after(name: str, title: str) -> bool:
        body = [p for p in docx_paragraphs(rendered[name][".docx"]) if p.strip()]
        start = body.index(title)
        following = body[start + 1:body.index(TITLES[TITLES.index(title) + 1], start)]
        return "本套报表金额单位转换时可能存在尾数误差。" in following

    assert note_after("guihuaziyuan", "财政拨款收入支出决算总表")
    assert not note_after("shehuigongzuo", "财政拨款收入支出决算总表")


# -- small sources -----------------------------------------------------------------------------------
BASE = HEAD + PRIOR


def render(tmp_path: Path, body: str) -> Tables:
    """The tables of a small source, rendered as a draft (its text parts are left 待补充: the tables are
    what is tested)."""
    source = tmp_path / "s.yaml"
    source.write_text(BASE + textwrap.dedent(body), encoding="utf-8")
    result = render_source(source, tmp_path / "out", draft=True)
    assert not [f for f in result.findings if f.rule != "R-缺少" and f.severity == "error"], \
        [f.format() for f in result.findings]
    return docx_tables(next(p for p in result.outputs if p.suffix == ".docx"))


def test_balances_other_funds_own_income_and_other_spending(tmp_path):
    """A source with all that the real two lack: 年初/年末财政拨款结转和结余 by fund, 政府性基金 money, 事业收入
    (its one own income, spent on its 单位资金 line) and 上缴上级支出."""
    tables = render(tmp_path, """\
        收入:
          一般公共预算拨款: 100
          政府性基金预算拨款: 50
          事业收入: 20
          年初结转和结余: 15
        年末结转和结余: 20
        财政拨款结转和结余:
          年初: {一般公共预算: 5, 政府性基金: 10}
          年末: {政府性基金: 20}
        支出:
          功能分类:
            - {科目: 2013901, 基本支出: 60, 项目支出: 45}
            - {科目: 2120801, 项目支出: 40, 资金: 政府性基金}
            - {科目: 2013950, 基本支出: 17, 上缴上级支出: 3, 资金: 单位资金}
          基本支出:
            经济分类:
              - {科目: 30101, 金额: 50}
              - {科目: 30201, 金额: 10}
        三公经费:
          公务接待费: {本年: 1.5}
          因公出国（境）费: {本年: 0}
          公务用车购置费: {本年: 0}
          公务用车运行维护费: {本年: 0}
        """)
    summary = titled(tables, "收入支出决算总表")
    assert ["二、政府性基金预算财政拨款收入", "50.00", "二、外交支出", ""] in summary
    assert ["五、事业收入", "20.00", "五、教育支出", ""] in summary
    assert ["年初结转和结余", "15.00", "年末结转和结余", "20.00"] in summary
    assert ["本年收入合计", "170.00", "本年支出合计", "165.00"] in summary
    assert ["总计", "185.00", "总计", "185.00"] in summary

    income = titled(tables, "收入决算表")
    assert [c for c in next(r for r in income if r[0] == "合计") if c] == ["合计", "170.00", "150.00", "20.00"]
    # 事业收入, the one own income, all spent on 2013950 (17 + 3): received there
    assert next(r for r in income if r[0] == "2013950")[2:] == ["20.00", "0.00", "", "20.00", "", "", ""]
    # 一般公共预算 states a balance: what each of its lines received is not known
    assert next(r for r in income if r[0] == "2013901")[2:4] == ["", ""]

    spending = titled(tables, "支出决算表")
    assert [c for c in next(r for r in spending if r[0] == "合计") if c] == ["合计", "165.00", "77.00", "85.00", "3.00"]
    assert next(r for r in spending if r[0] == "2013950")[2:] == ["20.00", "17.00", "0.00", "3.00", "", ""]

    fiscal = titled(tables, "财政拨款收入支出决算总表")
    assert ["本年收入合计", "150.00", "本年支出合计", "145.00", "105.00", "40.00", ""] in fiscal
    assert ["年初财政拨款结转和结余", "15.00", "年末财政拨款结转和结余", "20.00", "", "20.00", ""] in fiscal
    assert ["一、一般公共预算财政拨款", "5.00", "", "", "", "", ""] in fiscal
    assert ["二、政府性基金预算财政拨款", "10.00", "", "", "", "", ""] in fiscal
    assert ["总计", "165.00", "总计", "165.00", "105.00", "60.00", ""] in fiscal

    fund = titled(tables, "政府性基金预算财政拨款收入支出决算表")
    assert [c for c in next(r for r in fund if r[0] == "合计") if c] == [
        "合计", "10.00", "50.00", "40.00", "0.00", "40.00", "20.00"]
    assert next(r for r in fund if r[0] == "2120801")[2:] == ["", "", "40.00", "0.00", "40.00", ""]  # balances: unknown by line
    empty = titled(tables, "国有资本经营预算财政拨款收入支出决算表")
    assert not any(FIGURE.fullmatch(c) for row in empty for c in row)

    three = titled(tables, "财政拨款“三公”经费支出决算表")  # spent, no 预算数 given: those cells blank
    assert three[-1] == ["", "1.50", "", "0.00", "", "0.00", "", "0.00", "", "0.00", "", "1.50"]

    basic = titled(tables, "一般公共预算财政拨款基本支出决算表")
    assert basic[-1] == ["人员经费合计", "50.00", "公用经费合计", "10.00"]
    assert ["30102", "津贴补贴", "0.00", "30202", "印刷费", "0.00"] in basic


def test_a_fund_with_no_balance_receives_by_line_what_it_spent(tmp_path):
    tables = render(tmp_path, """\
        收入:
          一般公共预算拨款: 100
        支出:
          功能分类:
            - {科目: 2013901, 基本支出: 60}
            - {科目: 2013999, 项目支出: 40}
          基本支出:
            经济分类:
              - {科目: 30101, 金额: 60}
        三公经费:
          说明: 无
        """)
    income = titled(tables, "收入决算表")
    assert next(r for r in income if r[0] == "2013999")[1:4] == ["其他社会工作事务支出", "40.00", "40.00"]
    paragraphs = [p for p in docx_paragraphs(next((tmp_path / "out").glob("*.docx"))) if p.strip()]
    assert "说明：示例局本年度没有财政拨款“三公”经费支出，故本表无数据。" in paragraphs
    assert "说明：示例局本年度没有政府性基金预算财政拨款收入和支出，故本表无数据。" in paragraphs


def test_what_the_source_does_not_split_is_blank(tmp_path):
    """Two kinds of own income beside a 单位资金 line: what the line received of each is not known (blank,
    never 0.00); a 经济分类 class given in one figure leaves its 款 blank, while the 款 of a class given by
    款 and not listed are 0.00."""
    tables = render(tmp_path, """\
        收入:
          一般公共预算拨款: 100
          事业收入: 8
          其他收入: 2
        支出:
          功能分类:
            - {科目: 2013901, 基本支出: 100}
            - {科目: 2013950, 基本支出: 10, 资金: 单位资金}
          基本支出:
            经济分类:
              - {科目: 30101, 金额: 90}
              - {科目: 302, 金额: 10}
        三公经费:
          说明: 无
        """)
    income = titled(tables, "收入决算表")
    assert [c for c in next(r for r in income if r[0] == "合计") if c] == ["合计", "110.00", "100.00", "8.00", "2.00"]
    assert next(r for r in income if r[0] == "2013950")[2:] == ["", "0.00", "", "", "", "", ""]
    assert next(r for r in income if r[0] == "2013901")[2:4] == ["100.00", "100.00"]
    basic = titled(tables, "一般公共预算财政拨款基本支出决算表")
    assert ["30102", "津贴补贴", "0.00", "30202", "印刷费", ""] in basic
    assert ["301", "工资福利支出", "90.00", "302", "商品和服务支出", "10.00"] in basic
