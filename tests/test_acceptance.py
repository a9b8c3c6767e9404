"""ACCEPTANCE.md, statement by statement: the seeds re-rendered, asserted on the HTML's text and
on the DOCX read back with python-docx (both formats must say the same thing)."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest

from reportgen.runners.render import render_source
from tests.readback import docx_tables, docx_text, find_row, html_tables, html_text

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ("luoyang-zgh-2020", "shenzhen-yantian-zgh-2022", "qinhuangdao-shanhaiguan-gh-2020",
         # the Shanghai seeds' own statements are in tests/test_seed_{wenlvju,jianguanwei,chengguan}.py
         "shanghai-putuo-wenlvju-2026", "shanghai-putuo-jianguanwei-2026", "shanghai-putuo-chengguan-2026")
# table positions in render order: 表1 … 表9 (表10 when the source lists projects)
# tables by what their titles say, never by where they stand
# (a title fragment each layout's title holds: 基本支出表 / 基本支出总表 / 基本支出情况表 …)
T5_GENERAL, T6_BASIC, T7_THREE_PUBLIC, T10_PROJECTS = "一般公共预算支出", "基本支出", "“三公”经费支出", "项目支出表"
# Every statement holds in the default layout and in the seed's own (layouts as published, test_layouts.py).
OWN_LAYOUT = {"luoyang-zgh-2020": "河南", "shenzhen-yantian-zgh-2022": "深圳", "qinhuangdao-shanhaiguan-gh-2020": "河北",
              **{name: "上海" for name in SEEDS if name.startswith("shanghai-")}}


class Rendered:
    def __init__(self, out: Path, name: str, layout: str = "默认") -> None:
        result = render_source(ROOT / "data" / f"{name}.yaml", out, layout=layout)
        assert result.outputs, [f.format() for f in result.findings]
        self.layout = layout
        self.docx = out / f"{name}.docx"
        self.html = out / f"{name}.html"
        self.texts = {"html": html_text(self.html), "docx": docx_text(self.docx)}
        self.tables = {"html": html_tables(self.html), "docx": docx_tables(self.docx)}


@pytest.fixture(scope="module", params=["默认", "版式"], ids=["default-layout", "own-layout"])
def seeds(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Rendered]:
    """The seeds rendered in the default layout, and each in its locality's own."""
    out = tmp_path_factory.mktemp("seeds")
    return {name: Rendered(out, name, "默认" if request.param == "默认" else OWN_LAYOUT[name]) for name in SEEDS}


@pytest.fixture(scope="module")
def default_seeds(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Rendered]:
    """The seeds in the default layout: for what pins that layout's own structure (its parts, its
    table positions, its project table), which the other layouts lay out as published."""
    out = tmp_path_factory.mktemp("default-seeds")
    return {name: Rendered(out, name) for name in SEEDS}


FORMATS = ("html", "docx")


def says(seed: Rendered, fmt: str, *sentences: str) -> None:
    text = seed.texts[fmt]
    for sentence in sentences:
        assert sentence in text, f"{fmt}: {sentence!r} missing"


def cell(seed: Rendered, fmt: str, table: str, first: str, column: int) -> str:
    return find_row(seed.tables[fmt], first, table)[column]


# -- 洛阳市总工会 2020 -------------------------------------------------------------------------------
@pytest.mark.parametrize("fmt", FORMATS)
def test_luoyang_totals_and_change_against_2019(seeds, fmt):
    s = seeds["luoyang-zgh-2020"]
    says(s, fmt, "收入预算1,064.20万元", "支出预算1,064.20万元")
    assert s.texts[fmt].count("比2019年减少28.19万元，下降2.58%") >= 2  # income and expenditure
    assert "减少2.58%" not in s.texts[fmt]  # the seed's slip: the rate is 下降


@pytest.mark.parametrize("fmt", FORMATS)
def test_luoyang_basic_and_project_shares(seeds, fmt):
    says(seeds["luoyang-zgh-2020"], fmt, "基本支出863.60万元，占81.15%；项目支出200.60万元，占18.85%")


@pytest.mark.parametrize("fmt", FORMATS)
def test_luoyang_general_budget_by_economic_class(seeds, fmt):
    says(seeds["luoyang-zgh-2020"], fmt,
         "工资福利支出256.90万元，占24.14%；商品和服务支出23.60万元，占2.22%；对个人和家庭的补助583.10万元，占54.79%；"
         "项目支出200.60万元，占18.85%")


@pytest.mark.parametrize("fmt", FORMATS)
def test_luoyang_basic_is_personnel_plus_public(seeds, fmt):
    says(seeds["luoyang-zgh-2020"], fmt, "基本支出863.60万元，其中：人员经费840.00万元", "公用经费23.60万元")


@pytest.mark.parametrize("fmt", FORMATS)
def test_luoyang_has_no_three_public_and_says_so(seeds, fmt):
    s = seeds["luoyang-zgh-2020"]
    says(s, fmt, "未安排一般公共预算“三公”经费预算", "“三公”经费，故本表无数据")
    row = find_row(s.tables[fmt], "2020年", T7_THREE_PUBLIC)
    assert row[1:] == ["0.00"] * 6


@pytest.mark.parametrize("fmt", FORMATS)
def test_luoyang_has_no_fund_or_state_capital_spending(seeds, fmt):
    says(seeds["luoyang-zgh-2020"], fmt, "洛阳市总工会2020年无政府性基金预算支出", "洛阳市总工会2020年无国有资本经营预算支出",
         "无政府性基金预算支出，故本表为空表", "无国有资本经营预算支出，故本表为空表")


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("code,total", [
    ("2012901", "14.20"), ("2012902", "200.60"), ("2080501", "598.30"), ("2080505", "103.40"),
    ("2101101", "76.80"), ("2210201", "70.90"), ("201", "214.80"), ("208", "701.70"), ("210", "76.80"),
    ("221", "70.90"), ("合计", "1,064.20"),
])
def test_luoyang_function_table_rows(seeds, fmt, code, total):
    s = seeds["luoyang-zgh-2020"]
    column = 1 if code == "合计" else 2
    assert cell(s, fmt, T5_GENERAL, code, column) == total


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("code,amount", [
    ("30108", "103.40"), ("30110", "76.80"), ("30112", "5.80"), ("30113", "70.90"), ("30299", "23.60"),
    ("30301", "104.80"), ("30305", "8.40"), ("301", "256.90"), ("302", "23.60"), ("303", "583.10"),
    ("合计", "863.60"),
])
def test_luoyang_basic_economic_rows(seeds, fmt, code, amount):
    s = seeds["luoyang-zgh-2020"]
    column = 1 if code == "合计" else 4
    assert cell(s, fmt, T6_BASIC, code, column) == amount


@pytest.mark.parametrize("fmt", FORMATS)
def test_luoyang_30399_is_split_across_two_government_codes(seeds, fmt):
    table = seeds["luoyang-zgh-2020"].tables[fmt].titled(T6_BASIC)
    first = next(i for i, row in enumerate(table) if row and row[0] == "30399")
    parts = {table[first][2]: table[first][4]}
    following = [c for c in table[first + 1] if c]  # DOCX keeps an empty vMerge cell; HTML omits it
    parts[following[0]] = following[2]
    assert parts == {"50905": "460.50", "50999": "9.40"}
    assert sum(Decimal(v) for v in parts.values()) == Decimal("469.9")


# -- 深圳市盐田区总工会 2022 ---------------------------------------------------------------------------
@pytest.mark.parametrize("fmt", FORMATS)
def test_yantian_totals_and_change_against_2021(seeds, fmt):
    s = seeds["shenzhen-yantian-zgh-2022"]
    says(s, fmt, "收入预算1,273.52万元，比2021年增加3.39万元，增长0.27%", "支出预算1,273.52万元，比2021年增加3.39万元，增长0.27%")


@pytest.mark.parametrize("fmt", FORMATS)
def test_yantian_spending_by_kind_with_shares(seeds, fmt):
    says(seeds["shenzhen-yantian-zgh-2022"], fmt,
         "工资福利支出344.94万元，占27.09%", "商品和服务支出20.83万元，占1.64%", "对个人和家庭的补助80.19万元，占6.30%",
         "项目支出827.56万元，占64.98%", "基本支出445.96万元，占35.02%")


@pytest.mark.parametrize("fmt", FORMATS)
def test_yantian_projects_with_prior_year_changes(seeds, fmt):
    says(seeds["shenzhen-yantian-zgh-2022"], fmt,
         "劳模和工匠人才创新工作室创建及服务工作22.00万元，比2021年减少3.00万元，下降12.00%",
         "全区行政事业单位缴纳工会经费770.56万元，比2021年增加92.56万元，增长13.65%",
         "工会组织建设及维权关爱经费20.00万元，比2021年减少2.00万元，下降9.09%",
         "日常业务经费15.00万元，比2021年增加3.00万元，增长25.00%")


@pytest.mark.parametrize("fmt", FORMATS)
def test_yantian_three_public_unchanged(seeds, fmt):
    s = seeds["shenzhen-yantian-zgh-2022"]
    says(s, fmt, "“三公”经费预算4.00万元，与2021年持平", "因公出国（境）费0.00万元", "公务接待费0.00万元",
         "公务用车购置费0.00万元", "公务用车运行维护费4.00万元", "共有车辆1辆")
    assert "持平 万元" not in s.texts[fmt] and "增长0%" not in s.texts[fmt]  # the seed's slip
    assert find_row(s.tables[fmt], "2022年", T7_THREE_PUBLIC)[1:] == ["4.00", "0.00", "0.00", "4.00", "0.00", "4.00"]
    assert find_row(s.tables[fmt], "增减变化", T7_THREE_PUBLIC)[1] == "0.00"


@pytest.mark.parametrize("fmt", FORMATS)
def test_yantian_running_costs_rate_corrected(seeds, fmt):
    s = seeds["shenzhen-yantian-zgh-2022"]
    says(s, fmt, "机关运行经费财政拨款预算18.03万元，比2021年增加0.18万元，增长1.01%")
    assert "增长0.01%" not in s.texts[fmt]


@pytest.mark.parametrize("fmt", FORMATS)
def test_yantian_function_classes_and_72_18_everywhere(seeds, fmt):
    s = seeds["shenzhen-yantian-zgh-2022"]
    says(s, fmt, "一般公共服务支出（201）1,084.51万元，占85.16%", "社会保障和就业支出（208）109.37万元，占8.59%",
         "卫生健康支出（210）7.46万元，占0.59%", "住房保障支出（221）72.18万元，占5.67%")
    assert "72.17" not in s.texts[fmt]
    tables = s.tables[fmt]
    assert find_row(tables, "221", T5_GENERAL)[2] == "72.18"
    overall = next(t for title, t in zip(tables.titles, tables, strict=True) if "收支总表" in title and "拨款" not in title)
    for table in (overall, tables.titled("拨款收支总表")):  # 表1 and the 财政拨款 table: the class on the expenditure side
        row = next(r for r in table if "住房保障支出" in r)
        assert row[row.index("住房保障支出") + 1] == "72.18"


@pytest.mark.parametrize("fmt", FORMATS)
def test_yantian_staffing(seeds, fmt):
    says(seeds["shenzhen-yantian-zgh-2022"], fmt, "行政编制11人，实有6人", "事业编制0人", "离休5人，退休5人", "编外5人")


@pytest.mark.parametrize("fmt", FORMATS)
def test_yantian_procurement_and_assets(seeds, fmt):
    says(seeds["shenzhen-yantian-zgh-2022"], fmt, "政府采购预算共计0.00万元，其中：货物采购0.00万元、工程采购0.00万元、服务采购0.00万元",
         "截至2021年10月，深圳市盐田区总工会共有车辆1辆")


# -- 山海关区工会 2020 -----------------------------------------------------------------------------
@pytest.mark.parametrize("fmt", FORMATS)
def test_shanhaiguan_income_and_change(seeds, fmt):
    says(seeds["qinhuangdao-shanhaiguan-gh-2020"], fmt, "收入预算43.44万元，比2019年增加4.39万元，增长11.24%",
         "一般公共预算拨款43.44万元，占100.00%")


@pytest.mark.parametrize("fmt", FORMATS)
def test_shanhaiguan_basic_and_project(seeds, fmt):
    says(seeds["qinhuangdao-shanhaiguan-gh-2020"], fmt, "基本支出33.24万元，占76.52%；项目支出10.20万元，占23.48%",
         "人员经费30.38万元", "公用经费2.86万元", "项目支出10.20万元，比2019年增加0.12万元")


@pytest.mark.parametrize("fmt", FORMATS)
def test_shanhaiguan_projects_with_changes(seeds, fmt):
    says(seeds["qinhuangdao-shanhaiguan-gh-2020"], fmt, "困难职工帮扶资金4.98万元，比2019年增加0.38万元",
         "市级以上劳动模范健康体检3.78万元，比2019年增加0.06万元", "劳动模范荣誉津贴1.44万元，比2019年减少0.32万元")


@pytest.mark.parametrize("fmt", FORMATS)
def test_shanhaiguan_three_public_zero_and_unchanged(seeds, fmt):
    says(seeds["qinhuangdao-shanhaiguan-gh-2020"], fmt, "“三公”经费预算0.00万元，与2019年持平", "机关运行经费财政拨款预算2.86万元")


@pytest.mark.parametrize("fmt", FORMATS)
def test_shanhaiguan_unpublished_detail_is_left_out_not_invented(seeds, fmt):
    # the published document gives no function or economic detail and no staffing: the source
    # declares them 不公开, and the render neither invents them nor marks them 待补充
    s = seeds["qinhuangdao-shanhaiguan-gh-2020"]
    assert "待补充" not in s.texts[fmt] and "按支出功能分类" not in s.texts[fmt]
    assert "基本支出表（按经济分类）" not in s.texts[fmt] and "人员情况" not in s.texts[fmt]
    flat = " ".join(" ".join(row) for table in s.tables[fmt] for row in table)
    assert "201 " not in flat and "2012901" not in flat  # no function row was made up


@pytest.mark.parametrize("fmt", FORMATS)
def test_shanhaiguan_project_table_in_元_while_text_in_万元(default_seeds, fmt):
    s = default_seeds["qinhuangdao-shanhaiguan-gh-2020"]  # 河北 publishes no project table: its targets' tables say it
    says(s, fmt, "单位：元")
    assert find_row(s.tables[fmt], "市级以上劳动模范健康体检", T10_PROJECTS)[2] == "37,800.00"
    assert find_row(s.tables[fmt], "劳动模范荣誉津贴", T10_PROJECTS)[2] == "14,400.00"
    says(s, fmt, "劳动模范荣誉津贴1.44万元")


# 绩效预算信息 · 部门整体绩效目标 （一）总体绩效目标, as published (the renderer numbers them 1.–24.)
SHANHAIGUAN_GOALS = (
    "打造项目化劳动和技能竞赛品牌", "培育职工创新工作室", "做好劳模服务管理工作", "广泛开展“民主管理促双赢”活动",
    "深入开展“民主管理进私企”活动", "把民主管理工作做深做实", "积极构建和谐劳动关系", "发挥劳动关系三方机制作用",
    "规范召开政府与工会联席会议制度", "深化工会劳动法律监督", "扎实推进工会法律援助", "做好基层工会法人资格登记工作",
    "推动职工安全生产工作", "深化拓展精准帮扶实效", "全力打造普惠服务精品工程", "深入推进服务职工体系建设",
    "积极扩大工会组织有效覆盖", "开展示范镇（街）工会、开发区工会创建活动", "加强基层工会规范化建设", "加强网络工会建设",
    "加强工会经费管理工作", "强化工会财务管理", "加强工会经费审查审计监督工作", "加强工会宣传工作",
)


@pytest.mark.parametrize("fmt", FORMATS)
def test_shanhaiguan_whole_department_targets_as_published(seeds, fmt):
    s = seeds["qinhuangdao-shanhaiguan-gh-2020"]
    text = s.texts[fmt]
    position = text.index("总体绩效目标")
    for number, goal in enumerate(SHANHAIGUAN_GOALS, 1):  # all 24, numbered and in the published order
        position = text.index(f"{number}.{goal}。", position + 1)
    says(s, fmt, "分项绩效目标", "参赛单位达到60家，参赛职工不少于2000人",  # 分项绩效目标 1
         "工作保障措施", "最终中标单位为秦皇岛市宏城建筑工程有限公司，中标总价为102.85万元")
    # 工作保障措施 carry their own labels (一、 （一）): printed as published, with no number of ours on top.
    measures = text[text.index("工作保障措施"):]
    assert "一、团结动员广大职工建功立业" in measures and "（一）深入开展劳动竞赛活动" in measures
    assert not re.search(r"[0-9]+\.(?:[一二三四五]、|（[一二三四五六七八]）)", measures)


# -- both formats, every seed ------------------------------------------------------------------------
@pytest.mark.parametrize("name", SEEDS)
def test_docx_and_html_carry_the_same_table_figures(seeds, name):
    s = seeds[name]
    def cells(fmt: str) -> list[str]:
        return sorted(c for t in s.tables[fmt] for row in t for c in row if c and c[0].isdigit())
    assert cells("html") == cells("docx")


@pytest.mark.parametrize("name", SEEDS)
def test_every_part_of_the_disclosure_is_there(default_seeds, name):
    seeds = default_seeds  # the default layout's parts (the others': test_layouts.py)
    for fmt in FORMATS:
        says(seeds[name], fmt, "部门概况", "收支预算总体情况", "收入预算情况", "支出预算情况", "财政拨款收支总体情况",
             "一般公共预算支出情况", "一般公共预算基本支出情况", "“三公”经费预算情况", "政府性基金预算支出情况",
             "国有资本经营预算支出情况", "其他重要事项", "机关运行经费", "政府采购情况", "国有资产占用情况", "名词解释",
             "部门收支总表", "部门收入总表", "部门支出总表", "财政拨款收支总表", "一般公共预算支出表",
             "“三公”经费支出表", "政府性基金预算支出表", "国有资本经营预算支出表")
        if name != "qinhuangdao-shanhaiguan-gh-2020":  # published without economic detail: declared 不公开
            says(seeds[name], fmt, "一般公共预算基本支出表")
        assert "待补充" not in seeds[name].texts[fmt]  # a public document never carries one
        assert "nan" not in seeds[name].texts[fmt].lower().replace("nanjing", "")
        assert "-0.00" not in seeds[name].texts[fmt]
