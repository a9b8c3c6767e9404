"""Layouts (版式): a source rendered in the structure its locality publishes — the Shanghai layout
against the three published Shanghai disclosures (their 目录, their tables' titles and figures) — and
layouts as data: a user's own folder, the source's 版式, and clear refusals."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from reportgen.review import review
from reportgen.runners.render import check_findings, render_source
from reportgen.shaping.layouts import LayoutError, resolve, shipped
from tests.readback import docx_paragraphs, docx_tables, find_row, html_tables, html_text
from tests.support.cli import reportgen

ROOT = Path(__file__).resolve().parent.parent
SHANGHAI = ("shanghai-putuo-wenlvju-2026", "shanghai-putuo-jianguanwei-2026", "shanghai-putuo-chengguan-2026")


def published_contents(seed: str) -> list[str]:
    """The 目录 of a published disclosure, read off its text: the lines between “目 录” and the next
    page, without their dot leaders; “4．2026年…” written as “4. 2026年…”."""
    text = (ROOT / "tests" / "seeds" / f"{seed}.txt").read_text(encoding="utf-8")
    block = text[text.index("目 录") :].split("=== page", 1)[0].splitlines()[1:]
    lines = [re.sub(r"\s*…+\s*$", "", line).strip() for line in block if line.strip()]
    return [re.sub(r"^(\d+)[.．]\s*", r"\1. ", line) for line in lines]


@pytest.fixture(scope="module")
def shanghai(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Path]]:
    out = tmp_path_factory.mktemp("shanghai")
    rendered = {}
    for name in SHANGHAI:
        result = render_source(ROOT / "data" / f"{name}.yaml", out, layout="上海")
        assert result.outputs, [f.format() for f in result.findings]
        rendered[name] = {p.suffix: p for p in result.outputs} | {"document": result.document}
    return rendered


def expected_contents(name: str) -> list[str]:
    """The published 目录 (文旅局's 七、项目经费情况说明 is its source's 项目经费情况说明 of the 真如海心剧院
    project, whose 2026 amount the publication does not give: an account, not a project of the list)."""
    return published_contents(name)


@pytest.mark.parametrize("name", SHANGHAI)
def test_the_contents_are_the_published_ones(shanghai, name):
    document = shanghai[name]["document"]
    assert len(published_contents(name)) == 16  # 7 parts and the 9 tables
    assert [entry.text for entry in document.contents] == expected_contents(name)
    # the same lines in the DOCX (each then a tab and its page number, a field: tests/test_toc_pages.py)
    # and in the HTML
    paragraphs = docx_paragraphs(shanghai[name][".docx"])
    start = paragraphs.index("目 录")
    lines = paragraphs[start + 1 : start + 1 + len(expected_contents(name))]
    assert [line.partition("\t")[0] for line in lines] == expected_contents(name)
    assert all("\t" in line for line in lines)
    page = shanghai[name][".html"].read_text(encoding="utf-8")
    nav = page[page.index('<nav class="toc"') : page.index("</nav>")]
    assert re.findall(r'<a href="#[^"]+">([^<]+)</a>', nav) == expected_contents(name)


@pytest.mark.parametrize("name", SHANGHAI)
def test_the_body_follows_the_contents(shanghai, name):
    """The body's part headings (as the published pages head them: 五、部门预算表 has none, its first table
    opens it) and the nine table titles, in order (every heading against the seed: tests/test_headings.py)."""
    document = shanghai[name]["document"]
    dept = {"shanghai-putuo-chengguan-2026": "普陀区城市管理行政执法局",  # the headings' own words (部门概况.标题名称)
            "shanghai-putuo-jianguanwei-2026": "上海市普陀区建设和管理委员会（部门）"}.get(name, document.meta["department"])
    headings = [h.full_text for h in document.headings() if h.level == 1]
    assert headings[:5] == [f"{dept}主要职能", f"{dept}机构设置", "名词解释", "2026年部门预算编制说明", "其他相关情况说明"]
    assert headings[5].endswith("项目经费情况说明") and len(headings) == 6
    titles = [t.title for t in document.tables()][:9]
    assert titles == [line.split(" ", 1)[1] for line in published_contents(name)[5:14]]
    assert all(t.number == "" for t in document.tables())  # numbered in the 目录 only, as published
    assert all(t.department_line == f"编制部门：{document.meta['department']}" for t in document.tables()[:9])
    others = [h.full_text for h in document.headings() if h.level == 2]
    assert others[:5] == ["一、2026年“三公”经费预算情况说明", "二、机关运行经费预算", "三、政府采购预算情况",
                          "四、绩效目标设置情况", "五、国有资产占有使用情况"]
    assert others[5:] == ["一、项目概述", "二、立项依据", "三、实施主体", "四、实施方案", "五、实施周期", "六、年度预算安排",
                          "七、绩效目标"]


def coded(tables, code: str, titled: str) -> list[str]:  # type: ignore[no-untyped-def]
    """The row of a code written in 类 / 款 / 项 columns (212 | 01 | 04)."""
    table = tables.titled(titled)
    return next(row for row in table if "".join(row[:3]) == code or "".join(row[:2]) == code)


@pytest.mark.parametrize("reader", [html_tables, docx_tables], ids=["html", "docx"])
def test_the_shanghai_tables_carry_the_published_figures(shanghai, reader):
    cg = reader(shanghai["shanghai-putuo-chengguan-2026"][".html" if reader is html_tables else ".docx"])
    # 财务收支预算总表 (published page 8): 47,483,458 either side
    assert find_row(cg, "收入总计", titled="财务收支预算总表") == ["收入总计", "47,483,458", "支出总计", "47,483,458"]  # whole 元, as published
    assert find_row(cg, "一、财政拨款收入", titled="财务收支预算总表")[1:] == ["47,483,458", "一、社会保障和就业支出",
                                                                         "6,397,096"]
    # 收入预算总表 by function (page 9–10): all of it 财政拨款, the other income blank as published (the source
    # writes none of it: 表格零值 照源文件)
    assert coded(cg, "2120104", "收入预算总表")[-5:] == ["33,775,592", "33,775,592", "", "", ""]
    # 支出预算总表 with 类/款/项 columns and 合计 last (pages 11–12)
    row = coded(cg, "2120104", "部门支出预算总表")
    assert row[:4] == ["212", "01", "04", "城管执法"] and row[-3:] == ["33,775,592", "22,783,399", "10,992,193"]
    assert coded(cg, "208", "部门支出预算总表")[:4] == ["208", "", "", "社会保障和就业支出"]
    table = cg.titled("部门支出预算总表")
    assert table[-1][0] == "合计" and table[-1][-3:] == ["47,483,458", "36,197,265", "11,286,193"]
    # 部门预算经济分类 (pages 18–19): 类/款, no 政府预算经济分类
    assert coded(cg, "30101", "经济分类预算表")[:3] == ["301", "01", "基本工资"]
    assert cg.titled("经济分类预算表")[-1][-3:] == ["36,197,265", "31,124,727", "5,072,538"]
    # “三公”经费和机关运行经费预算表 (page 20), in 万元 as published
    three = cg.titled("机关运行经费预算表")
    assert three[-1] == ["114.22", "0.00", "0.46", "113.76", "75.00", "38.76", "507.25"]
    jg = reader(shanghai["shanghai-putuo-jianguanwei-2026"][".html" if reader is html_tables else ".docx"])
    # 财政拨款收支预算总表 by fund (建管委: 政府性基金 on 212)
    assert find_row(jg, "收入总计", titled="财政拨款收支预算总表")[-4:] == \
        ["3,286,618,082.20", "493,761,082.20", "2,792,857,000.00", ""]  # cents, as its source states and the
    # document prints them (a source of whole 元, 城管, prints whole 元); its 国有资本经营预算 blank, as published


@pytest.mark.parametrize("reader", [html_tables, docx_tables], ids=["html", "docx"])
def test_the_shanghai_summary_tables_leave_an_item_with_nothing_blank(shanghai, reader):
    """As the published 收支总表 and 财政拨款收支总表 print them (城管 2026 page 8, 万里街道 2025 pages 9 and 19): an
    income item with nothing is blank; so are the 收入总表's income the source does not write (page 9)."""
    cg = reader(shanghai["shanghai-putuo-chengguan-2026"][".html" if reader is html_tables else ".docx"])
    for item in ("2. 政府性基金预算", "3. 国有资本经营预算", "二、事业收入", "三、事业单位经营收入", "四、其他收入"):
        assert find_row(cg, item, titled="财务收支预算总表")[1] == "", item
    assert find_row(cg, "二、政府性基金预算", titled="财政拨款收支预算总表")[1] == ""
    assert coded(cg, "2120104", "收入预算总表")[-3:] == ["", "", ""]


def test_the_default_layout_prints_its_zeros(tmp_path):
    result = render_source(ROOT / "data" / "shanghai-putuo-chengguan-2026.yaml", tmp_path)
    assert result.outputs, [f.format() for f in result.findings]
    assert find_row(html_tables(next(p for p in result.outputs if p.suffix == ".html")), "政府性基金预算拨款",
                    titled="部门收支总表")[1] == "0.00"


def test_the_shanghai_text_states_the_published_figures(shanghai):
    text = html_text(shanghai["shanghai-putuo-chengguan-2026"][".html"])
    for sentence in [
        # page 6, with the change against 2025 worded “比2025年预算…” as the layout words it
        "2026年，上海市普陀区城市管理行政执法局收入预算4,748.35万元，其中：财政拨款收入4,748.35万元，比2025年预算减少19.79万元",
        "政府性基金拨款支出预算0.00万元，与2025年预算持平",
        # item 7 of page 7, the use as published (the source's 用途)
        "7.“城乡社区支出(类)城乡社区管理事务(款)城管执法(项)”3,377.56万元，主要用于城市管理综合行政执法、加强城市市容和环境卫生管理等方面的支出。",
        "9.“住房保障支出(类)住房改革支出(款)购房补贴(项)”322.20万元，主要用于向行政事业单位向符合条件的职工发放的用于购买住房的补贴。",
        "“三公”经费预算114.22万元，比2025年预算增加27.00万元",
        "机关运行经费财政拨款预算507.25万元",
        "政府采购预算共计595.28万元",
        "（五）培训费：指除因公出国（境）培训费以外的",
        "本年度拆违经费预算金额为349.80万元，分别用于拆违现场安全秩序维护第三方服务",  # 六、年度预算安排
        "其中1个项目的绩效目标见“项目经费情况说明”部分。",
    ]:
        assert sentence in text
    jg = html_text(shanghai["shanghai-putuo-jianguanwei-2026"][".html"])
    assert "“城乡社区支出(类)国有土地使用权出让收入安排的支出(款)城市建设支出(项)”279,285.70万元，主要用于水环境治理" in jg


@pytest.mark.parametrize("name", SHANGHAI)
def test_a_shanghai_render_checked_against_its_source_agrees(shanghai, name):
    for suffix in (".docx", ".html"):
        result, problems = review(ROOT / "data" / f"{name}.yaml", shanghai[name][suffix])
        assert result is not None, problems
        assert [v.statement.text for v in result.verdicts if v.status == "disagree"] == []
        assert result.counts["agree"] > 100


def test_the_default_layout_is_unchanged_and_listed():
    names = [name for name, _ in shipped()]
    assert names[0] == "默认" and "上海" in names
    assert resolve("上海市").name == "上海"  # an alias
    listed = reportgen("layouts")
    assert listed.returncode == 0 and "上海（基于 默认）" in listed.stdout


# -- layouts as data ---------------------------------------------------------------------------
def test_a_users_own_layout_starts_from_a_shipped_one(tmp_path):
    mine = tmp_path / "我的版式"
    mine.mkdir()
    (mine / "版式.yaml").write_text("名称: 某区\n基于: 上海\n表号: 表{1}\n目录: {标题: 目录, 层级: 2, 表格: false}\n",
                                    encoding="utf-8")
    (mine / "projects.j2").write_text('<sec t="项目情况"><p>见附件。</p></sec>\n', encoding="utf-8")
    source = tmp_path / "城管.yaml"
    source.write_text((ROOT / "data" / "shanghai-putuo-chengguan-2026.yaml").read_text(encoding="utf-8")
                      .replace("金额单位: 元\n", "金额单位: 元\n版式: 我的版式\n", 1), encoding="utf-8")
    result = render_source(source, tmp_path / "out")
    assert result.outputs, [f.format() for f in result.findings]
    document = result.document
    assert [t.number for t in document.tables()][:2] == ["表1", "表2"]  # its own table numbers, in the body
    assert document.contents_title == "目录"
    texts = [e.text for e in document.contents]
    assert "一、2026年“三公”经费预算情况说明" in texts and not any("预算总表" in t for t in texts)  # level 2, no tables
    assert document.headings()[-1].text == "项目情况"  # its own template; the rest from 上海
    # the command line's --layout wins over the source's 版式
    again = render_source(source, tmp_path / "again", layout="默认")
    assert again.document.contents == [] and again.document.headings()[0].full_text == "第一部分  部门概况"


def test_an_unknown_layout_is_refused_clearly(tmp_path):
    source = tmp_path / "x.yaml"
    source.write_text((ROOT / "data" / "shanghai-putuo-chengguan-2026.yaml").read_text(encoding="utf-8")
                      .replace("金额单位: 元\n", "金额单位: 元\n版式: 火星\n", 1), encoding="utf-8")
    findings = [f for f in check_findings(source) if f.rule == "版式"]
    assert len(findings) == 1 and findings[0].severity == "error" and findings[0].line > 0
    assert "没有名为“火星”的版式" in findings[0].message and "上海" in findings[0].message
    cli = reportgen("render", ROOT / "data" / "luoyang-zgh-2020.yaml", "-o", tmp_path / "out", "--layout", "火星")
    assert cli.returncode == 2 and "没有名为“火星”的版式" in cli.stderr and "Traceback" not in cli.stderr
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("settings, expected", [
    ("名称: 坏\n编码: []\n", "无法识别的键“编码”"),
    ("名称: 坏\n编号: 第{一}部分\n", "“编号”应为各级标题编号的列表"),
    ("名称: 坏\n目录: {层级: 9}\n", "“目录.层级”应为 1 到 5 的整数"),
    ("名称: 坏\n基于: 火星\n", "“基于: 火星”不是已有的版式"),
    ("名称: [坏\n", "不是有效的 YAML"),
    ("名称: 坏\n展示: {表格单位: {三公表: 元}}\n", "“展示.表格单位”中没有“三公表”"),
    ("名称: 坏\n展示: {正文单位: {全部: 千元}}\n", "应为 元 或 万元，不是“千元”"),
    ("名称: 坏\n展示: {表格零值: {收支总表: 不印}}\n", "“展示.表格零值.收支总表”应为 空白"),
    ("名称: 坏\n展示: {表格零值: {总表: 空白}}\n", "“展示.表格零值”中没有“总表”"),
    ("名称: 坏\n展示: {表格零值: 空白}\n", "“展示.表格零值”应为“表格: 空白、印出 或 照源文件”的映射"),
    # the example a wrong key is shown, written as a layout file writes it (its braces once, not doubled)
    ("名称: 坏\n展示: {表格零点: 空白}\n", "表格零值: {收支总表: 空白}, 表格小数位: {全部: 6}, 表格千分位: {全部: false}}"),
    ("名称: 坏\n正文不含: [职工人数]\n", "“正文不含”应为本版式正文没有的部分的列表"),
    ("名称: 坏\n须公开: 国有资产\n", "“须公开”应为本地区的规定要求公开的部分的列表"),
    ("名称: 坏\n条目编号: {职能: '（{一}）'}\n", "“条目编号”应为“条目: 编号格式”的映射（条目为 职责、工作目标、名词解释）"),
    ("名称: 坏\n条目编号: {职责: 1}\n", "如 {职责: '（{一}）', 工作目标: '{1}、'}（空字符串：不编号）"),
])
def test_a_bad_layout_file_says_what_is_expected(tmp_path, settings, expected):
    (tmp_path / "版式.yaml").write_text(settings, encoding="utf-8")
    with pytest.raises(LayoutError) as caught:
        resolve(tmp_path)
    assert expected in caught.value.message and "版式.yaml" in caught.value.message


# -- 深圳, 河南, 河北: each seed in its own layout, its headings and table titles as published ----------
def sequence(document) -> list[str]:  # type: ignore[no-untyped-def]
    """The render's headings (with their numbers) and table titles (with theirs), in order."""
    out = []
    for block in document.blocks:
        if type(block).__name__ == "Heading":
            out.append(block.full_text)
        elif type(block).__name__ == "Table":
            out.append(f"{block.number} {block.title}".strip())
    return out


# Read off tests/seeds/shenzhen-yantian-zgh-2022.txt (line numbers; the PDF's spaces around digits dropped).
YANTIAN = [
    "一、文字部分",  # 1
    "第一部分  部门概况", "一、部门职责", "二、机构设置情况", "三、2022年主要工作目标",  # 4, 7, 27, 49
    "第二部分  部门预算收支总体情况",  # 77
    "第三部分  部门预算支出具体情况", "一、深圳市盐田区总工会",  # 95, 99
    "第四部分  政府采购预算情况",  # 157
    "第五部分  一般公共预算“三公”经费预算情况",  # 167–168
    "第六部分  部门预算绩效管理情况", "一、实施部门预算绩效管理的单位范围",  # 216, 218
    "二、实施部门预算绩效管理的项目情况及工作要求",  # 230
    "第七部分  重点项目预算绩效情况说明",  # 250
    "第八部分  其他需要说明情况", "一、机关运行经费", "二、国有资产占用情况", "三、其他",  # 355, 358, 368, 380
    "第九部分  名词解释",  # 390
    "二、表格部分",  # 451
    "表1 收支总表", "表2 收入总表", "表3 支出总表", "表4 基本支出总表", "表5 项目支出总表",  # 453, 519, 611, 630, 858
    "表6 政府预算拨款收支总表", "表7 一般公共预算支出表（按功能分类）",  # 933, 995
    "表8 一般公共预算“三公”经费支出表", "表9 政府性基金预算支出表", "表10 国有资本经营预算支出表",  # 1051, 1080, 1096
]
# Read off tests/seeds/luoyang-zgh-2020.txt.
LUOYANG = [
    "第一部分  洛阳市总工会概况", "一、主要职能", "（一）机构设置情况", "（二）部门职责",  # 1–3, 5, 7, 13
    "二、洛阳市总工会预算单位构成",  # 101
    "第二部分  洛阳市总工会2020年度部门预算情况说明",  # 115–117
    "一、收入支出预算总体情况说明", "二、收入预算总体情况说明", "三、支出预算总体情况说明",  # 129, 137, 145
    "四、财政拨款收入支出预算总体情况说明", "五、一般公共预算支出预算情况说明",  # 151, 163
    "六、一般公共预算基本支出预算情况说明", "七、“三公经费”支出预算情况说明",  # 175, 187
    "八、政府性基金预算支出预算情况说明", "九、国有资本经营预算支出预算情况说明",  # 193, 199
    "十、其他重要事项的情况说明", "（一）机关运行经费支出情况", "（二）政府采购支出情况",  # 207, 209, 215
    "（三）关于预算绩效管理工作开展情况说明", "（四）国有资产占用情况",  # 221, 261
    "第三部分  名词解释",  # 267
    "预算01表 2020年部门收支总体情况表", "预算02表 2020年部门收入总体情况表",  # 325–327, 431–433
    "预算03表 2020年部门支出总体情况表", "预算04表 2020年财政拨款收支总体情况表",  # 467–469, 497–499
    "预算05表 2020年一般公共预算支出情况表", "预算06表 一般公共预算基本支出情况表",  # 577–579, 607–609
    "预算07表 2020年一般公共预算“三公”经费支出情况表", "预算08表 2020年政府性基金支出情况表",  # 643–645, 674–676
    "预算09表 2020年国有资本经营预算支出情况表", "预算10表 2020年机关运行经费",  # 725–727, 743–744
    # 预算11表 洛阳市部门（单位）整体支出绩效目标申报审批表 (756): its targets are not in the source
]
# Read off tests/seeds/qinhuangdao-shanhaiguan-gh-2020.txt. The published text goes from 四、 to 六、: its 五、
# is the 绩效预算信息 part (line 46), whose number the PDF's text lost.
SHANHAIGUAN = [
    "一、部门职责及机构设置情况", "二、部门预算安排的总体情况",  # 5, 28
    "1、收入说明", "2、支出说明", "3、比上年增减情况",  # 32, 35, 37
    "三、机关运行经费安排情况", "四、财政拨款“三公”经费预算情况及增减变化原因",  # 40, 43
    "五、绩效预算信息", "部门整体绩效目标",  # 46, 48
    "（一）总体绩效目标", "（二）分项绩效目标", "（三）工作保障措施",  # 49, 98, 146
    "第二部分  预算项目绩效目标",  # 196
    "1、 困难职工帮扶资金绩效目标表", "2、 劳模荣誉津贴绩效目标表",  # 198, 263
    "3、 市级以上劳模体检费绩效目标表",  # 328
    "4、 提前下达2020年困难职工及劳模帮扶救助专项资金绩效目标表",  # 393
    "六、政府采购预算情况", "七、国有资产信息", "八、名词解释", "九、其他需要说明的事项",  # 458, 549, 587, 603
]


@pytest.mark.parametrize("name, layout, published", [
    ("shenzhen-yantian-zgh-2022", "深圳", YANTIAN),
    ("luoyang-zgh-2020", "河南", LUOYANG),
    ("qinhuangdao-shanhaiguan-gh-2020", "河北", SHANHAIGUAN),
], ids=["深圳", "河南", "河北"])
def test_each_seed_renders_in_its_published_structure(tmp_path, name, layout, published):
    result = render_source(ROOT / "data" / f"{name}.yaml", tmp_path, layout=layout)
    assert result.outputs, [f.format() for f in result.findings]
    rendered = sequence(result.document)
    if layout == "河北":
        # the whole department's indicators, which the published text lists under 部门整体绩效目标, come
        # as a table of their own (without a number, so the project tables keep 1、… 4、 as published)
        rendered.remove("2020年部门整体绩效目标表")
    assert rendered == published
    # the same headings and titles in both formats
    text = html_text(result.outputs[1] if result.outputs[1].suffix == ".html" else result.outputs[0])
    docx = "\n".join(docx_paragraphs(next(p for p in result.outputs if p.suffix == ".docx")))
    for line in published:
        words = line.split()[-1]
        assert words in text and words in docx, line
    # its figures, read back from the DOCX, agree with the source
    checked, problems = review(ROOT / "data" / f"{name}.yaml", next(p for p in result.outputs if p.suffix == ".docx"))
    assert checked is not None, problems
    assert [v.statement.text for v in checked.verdicts if v.status == "disagree"] == []
    # and the source's 版式 renders the same as --layout
    source = tmp_path / f"{name}.yaml"
    source.write_text((ROOT / "data" / f"{name}.yaml").read_text(encoding="utf-8") + f"\n版式: {layout}\n", encoding="utf-8")
    for unit in (ROOT / "data" / "units").glob("*"):
        (tmp_path / "units").mkdir(exist_ok=True)
        (tmp_path / "units" / unit.name).write_bytes(unit.read_bytes())
    again = render_source(source, tmp_path / "again")
    assert sequence(again.document)[: len(published)] == sequence(result.document)[: len(published)]


def test_a_layout_sets_the_units_its_locality_shows_unless_the_source_does(tmp_path):
    """上海 shows its tables in 元 and the “三公” table in 万元: a source in 万元 (盐田) follows; a source
    whose own 展示 sets a unit keeps it."""
    result = render_source(ROOT / "data" / "shenzhen-yantian-zgh-2022.yaml", tmp_path / "a", ("html",), layout="上海")
    units = {t.title.removeprefix("2022年"): t.unit_line for t in result.document.tables()[:9]}
    # (a 2022 budget: Shanghai's edition up to 2024 titles the 9th table without its year)
    assert units["部门财务收支预算总表"] == "单位：元" and units["部门“三公”经费和机关运行经费预算表"] == "单位：万元"
    assert "1,273.52万元" in html_text(result.outputs[0])  # the text stays in 万元
    assert find_row(html_tables(result.outputs[0]), "收入总计", titled="财务收支预算总表")[1] == "12,735,200"  # 上海: whole 元
    own = tmp_path / "own.yaml"
    own.write_text((ROOT / "data" / "shenzhen-yantian-zgh-2022.yaml").read_text(encoding="utf-8")
                   + "\n展示: {表格单位: {全部: 万元}}\n", encoding="utf-8")
    kept = render_source(own, tmp_path / "b", ("html",), layout="上海")
    assert kept.document.tables()[0].unit_line == "单位：万元"


def test_the_list_of_layouts_comes_from_the_layouts_wherever_it_is_shown(capsys):
    """The help of render and preview and the schema's 版式 name the shipped layouts as their
    folders say (a new folder is listed with no word of code), and nothing else does."""
    import json

    from reportgen.cli import main
    from reportgen.shaping.layouts import DEFAULT, shipped

    names = "、".join(name for name, _ in shipped() if name != DEFAULT)
    for command in ("render", "preview"):
        with pytest.raises(SystemExit):
            main([command, "--help"])
        shown = "".join(capsys.readouterr().out.split())  # argparse wraps lines
        assert f"公开文本的版式：{names}（reportgenlayouts列出）" in shown
    main(["schema"])
    schema = json.loads(capsys.readouterr().out)
    assert schema["properties"]["版式"]["description"].startswith(f"公开文本的版式：{names}（")
    code = __import__("pathlib").Path(__file__).resolve().parent.parent / "reportgen"
    hard_coded = [p.name for p in code.rglob("*.py") if "上海、深圳" in p.read_text(encoding="utf-8")]
    assert hard_coded == []


def test_the_documented_layout_of_data_and_one_override_renders_as_documented(tmp_path, capsys):
    """docs/layouts.md's example, taken from the page itself: a 版式.yaml and a disclosure.j2 that
    extends the frame and overrides one block. Its title is its own; every part and table is the
    default layout's, numbered and worded as its 版式.yaml says."""
    import re

    from reportgen.cli import main
    from tests.readback import docx_paragraphs, docx_tables

    page = (Path(__file__).resolve().parent.parent / "docs" / "layouts.md").read_text(encoding="utf-8")
    section = page[page.index("### 只改写一个块"):]
    settings, override = re.findall(r"```(?:yaml|jinja)\n(.*?)```", section, re.S)[:2]
    folder = tmp_path / "某县版式"
    folder.mkdir()
    (folder / "版式.yaml").write_text(settings, encoding="utf-8")
    (folder / "disclosure.j2").write_text(override, encoding="utf-8")
    source = Path(__file__).resolve().parent.parent / "data" / "shenzhen-yantian-zgh-2022.yaml"
    assert main(["render", str(source), "--layout", str(folder), "-o", str(tmp_path / "county")]) == 0
    assert main(["render", str(source), "-o", str(tmp_path / "default")]) == 0
    capsys.readouterr()
    county = docx_paragraphs(tmp_path / "county" / f"{source.stem}.docx")
    default = docx_paragraphs(tmp_path / "default" / f"{source.stem}.docx")
    assert county[:2] == ["深圳市盐田区总工会2022年度部门预算", "（2022年部门预算信息公开）"]
    assert "一、部门概况" in county and "第一部分  部门概况" in default  # 编号 from its 版式.yaml
    assert any("比2021年预算增加" in p for p in county) and not any("比2021年预算增加" in p for p in default)
    html = (tmp_path / "county" / f"{source.stem}.html").read_text(encoding="utf-8")
    assert "附表1" in html and "附表10" in html  # 表号 from its 版式.yaml
    assert len(docx_tables(tmp_path / "county" / f"{source.stem}.docx")) == len(
        docx_tables(tmp_path / "default" / f"{source.stem}.docx"))


def test_a_party_committees_department_takes_its_localitys_layout() -> None:
    """中共烟台市委宣传部 and 中共深圳市委宣传部 (../shared/corpus) are named after the Party first, their city after it:
    they take 山东's and 深圳's layouts as the cities' other departments do (bench.learned_layout: tables the same
    0 → 10 each); a department of a locality with no layout (中共重庆市委宣传部) still takes none."""
    from reportgen.shaping.layouts import regional

    assert regional("中共烟台市委宣传部") == "山东" and regional("中共深圳市委宣传部（本级）") == "深圳"
    assert regional("中国共产党上海市普陀区委员会办公室") == "上海"
    assert regional("中共重庆市委宣传部") is None and regional("中共") is None


def test_a_layout_based_on_another_keeps_what_it_does_not_write(tmp_path):
    """docs/layouts.md: a layout writes only what differs from its base. A folder based on 上海 that writes its own
    表号 (an officer's, or one learned from a published document) printed every blank of 上海's tables as “0”: its
    zeros, 元 decimals, landscape pages and cover were not its base's. The base's are kept, unless written."""
    from reportgen.shaping.layouts import resolve
    from tests.test_layout_hostile import make_layout

    mine = resolve(make_layout(tmp_path / "mine", "名称: 我的\n基于: 上海\n表号: 表{1}\n"))
    shanghai = resolve("上海")
    assert mine.table_zeros == shanghai.table_zeros and mine.table_zeros["收支总表"] == "空白"
    assert mine.unit_decimals == shanghai.unit_decimals == {"元": 0}
    assert (mine.landscape, mine.cover, mine.new_page_levels) == (shanghai.landscape, shanghai.cover, shanghai.new_page_levels)
    own = resolve(make_layout(tmp_path / "own", "名称: 我的\n基于: 上海\n展示: {表格零值: {收支总表: 印出}}\n"))
    assert own.table_zeros["收支总表"] == "印出" and own.table_zeros["全部"] == "照源文件"
