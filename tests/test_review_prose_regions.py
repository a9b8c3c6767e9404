"""The prose of regions the reader was not grown on (重庆, 广西梧州, 广东湛江, 四川), read as review reads any draft: a
figure whose sentence says it is a part of something other than the table's figure of its name is never told as a
slip of that figure (a misread is worse than an unread figure), and the commoner shapes of those regions are read.

The shapes were seen in stored published pages (their addresses beside each test); the sentences here state them with
figures of our own, against a small source whose figures they match or, planted, do not."""

from __future__ import annotations

from pathlib import Path

from reportgen.cli import main
from reportgen.readers.text.lines import Line
from reportgen.readers.text.statements import read_statements
from reportgen.reading.yamlsafe import load_yaml
from reportgen.review import Review, review_within_sentences
from reportgen.review.sentences.judge import Verdict
from tests.support.national import FIXTURES, reviewed_against

# A unit with 一般公共预算 money and 事业收入 (单位资金) beside it: its 基本支出 of all the money (490) is not its
# 一般公共预算基本支出 (430), nor its spending (560) its 一般公共预算支出 (500)
SOURCE = """部门: 测试局
年度: 2025
金额单位: 万元
部门概况:
  职责: [测试]
收入:
  一般公共预算拨款: 500
  事业收入: 60
支出:
  功能分类:
    - {科目: 2080505, 基本支出: 60}
    - {科目: 2010101, 基本支出: 370, 项目支出: 70}
    - {科目: 2010101, 资金: 单位资金, 基本支出: 60}
  基本支出:
    经济分类:
      - {科目: 30101, 金额: 300}
      - {科目: 30201, 金额: 130}
三公经费:
  因公出国（境）费: {本年: 1}
  公务用车购置费: {本年: 2}
  公务用车运行维护费: {本年: 3}
  公务接待费: {本年: 4}
不公开: [人员编制, 机关运行经费, 国有资产, 绩效管理]
"""


def _reviewed(tmp_path: Path, *lines: str) -> Review:
    draft = tmp_path / "稿.txt"
    draft.write_text("\n".join(lines), encoding="utf-8")
    return reviewed_against(tmp_path, SOURCE, draft)


def _of(result: Review, text: str, label: str) -> Verdict:
    (verdict,) = [v for v in result.verdicts if v.statement.text == text and v.statement.label == label]
    return verdict


def test_the_sources_of_the_procurements_money_are_not_the_departments_income(tmp_path):
    """广西梧州 2023 单位预算（http://117.141.250.58:10060/wzyjsgkpt/uploadFile/upload843/upload20230331/
    E26C28AB51E06DED846A9BE66F242C41.html）: “按政府采购资金类型划分，一般公共预算拨款……元，财政专户管理的资金安排……元”."""
    result = _reviewed(tmp_path, "（二）政府采购预算安排情况说明。",
                       "2025年政府采购预算17万元。按政府采购资金类型划分，一般公共预算拨款17万元，财政专户管理的资金安排0万元。",
                       "（三）收入预算。本部门一般公共预算拨款510万元。")
    assert _of(result, "17万元", "一般公共预算拨款").status == "unknown"
    told = _of(result, "510万元", "本部门一般公共预算拨款")  # the department's income, said so: told
    assert (told.status, told.expected) == ("disagree", "500万元")


def test_an_amount_whose_share_names_a_total_it_is_no_part_of_is_that_totals_part(tmp_path):
    """广西梧州 2023、2024 单位预算（…/upload1284/upload20230330/F81E71B98EB0CEC7E44621E17170A7D9.html,
    …/upload1412/upload20240311/C443CF594F700D82110193222E29D217.html）: under “（二）按支出结构分类划分”, “基本支出预算……元，
    占一般公共预算支出的……%” is the 一般公共预算's basic spending; “商品和服务支出……元，占项目支出预算……%” the projects' class."""
    result = _reviewed(tmp_path, "（二）按支出结构分类划分，分为基本支出预算和项目支",  # (the heading wraps as printed)
                       "出预算。",
                       "1.基本支出预算430万元，占一般公共预算支出的86.00%。",
                       "2.项目支出70万元，占一般公共预算支出的14.00%。",
                       "商品和服务支出50万元，占项目支出预算71.43%。",
                       "3.基本支出490万元，占支出总计的87.50%。")
    # read, borne out by each other or not judged: never told against the department's 基本支出 (490) or basic 302 (130)
    assert {v.status for v in result.verdicts if v.statement.label == "1.基本支出预算"} <= {"unknown", "within"}
    assert {v.status for v in result.verdicts if v.statement.label == "商品和服务支出"} <= {"unknown", "within"}
    assert [v.status for v in result.verdicts if v.statement.label == "3.基本支出"] == ["agree", "agree"]
    assert _of(result, "70万元", "2.项目支出").status == "agree"  # all the projects' money: the same 70


def test_the_clauses_under_a_line_ending_in_qizhong_are_parts_of_its_amount(tmp_path):
    """广西梧州 2021 单位预算（…/upload1208/upload20210425/A1F8BCD1ACA85AC7E68757F66715634C.html）: “机关事业单位基本养老
    保险缴费支出……元，其中：” then, on the next line, “基本支出……元，项目支出0元。” — the 项's parts, not the department's."""
    result = _reviewed(tmp_path, "机关事业单位基本养老保险缴费支出 60万元，其中：", "基本支出 60万元，项目支出 0万元。")
    assert [v.status for v in result.verdicts if v.statement.label in ("基本支出", "项目支出")] == ["unknown", "unknown"]
    assert _of(result, "60万元", "机关事业单位基本养老保险缴费支出").status == "agree"


def test_a_year_budget_under_a_heading_of_its_own_line_is_the_headings(tmp_path):
    """重庆市铜梁区财政局 2025 单位预算情况说明（https://cqstl.gov.cn/bm/qczj_71105/zwgk_70831/fdzdgknr_70834/qtgknr/
    jczwgk_1/czyjslyxxgk/zfys_271155/qczj/202502/t20250219_14319072.html）: “（一）收入预算” / “2025年年初预算数……万元，
    其中：一般公共预算拨款……万元，……。收入较2024年减少……万元”."""
    lines = ("二、单位收支总体情况", "（一）收入预算",
             "2025年年初预算数560万元，其中：一般公共预算拨款500万元，事业收入60万元。收入较2024年减少10万元。")
    result = _reviewed(tmp_path, *lines)
    assert [(v.status, v.figure and v.figure.name) for v in result.verdicts if v.statement.text == "560万元"] == [
        ("agree", "收入总计")]
    (change,) = [v for v in result.verdicts if v.statement.kind == "change"]
    assert (change.statement.label, change.subject) == ("收入预算", "收入总计")
    wrong = _reviewed(tmp_path, *lines[:2], lines[2].replace("560万元", "570万元"))
    assert [(v.status, v.expected) for v in wrong.verdicts if v.statement.text == "570万元"] == [("disagree", "560万元")]


def test_other_regions_names_of_the_three_public_and_their_parts(tmp_path):
    """重庆（涪陵 http://fl.gov.cn/bm/czj/zwgk_46264/fdzdgknr_46266/ysjs_46272/ysgk0/qj/202302/t20230220_11627803.html,
    江北 http://www.cqjb.gov.cn/zwgk_190/zfxxgkml/czyjs/ys/qzf/202104/t20210409_9097453.html）: “一般公共预算“三公”
    经费支出预算为……万元”, “公务用车购置……万元”."""
    sentence = ("2025年一般公共预算“三公”经费支出预算为10万元，其中：因公出国（境）费用1万元，公务接待费4万元，"
                "公务用车购置及运行维护费5万元（包括：公务用车运行维护费3万元、公务用车购置2万元）。")
    result = _reviewed(tmp_path, sentence)
    assert [(v.statement.text, v.status, v.figure and v.figure.name) for v in result.verdicts
            if v.statement.text in ("10万元", "2万元")] == [("10万元", "agree", "“三公”经费"), ("2万元", "agree", "公务用车购置费")]
    wrong = _reviewed(tmp_path, sentence.replace("购置2万元", "购置2.5万元").replace("10万元", "10.5万元"))
    assert {v.statement.text: v.status for v in wrong.verdicts}["2.5万元"] == "disagree"
    assert {v.statement.text: v.status for v in wrong.verdicts}["10.5万元"] == "disagree"


def test_a_departments_name_ending_in_bu_before_a_quantity(tmp_path):
    """湛江市委宣传部 2017（http://www.duoyuan-iws.com.cn/zdlyxxgk/czyjshsg/sgjf/content/post_1359998.html）:
    “2017年湛江市委宣传部财政预算拨款“三公”经费支出合计35万元……购置及运行维护费5万元”."""
    draft = tmp_path / "稿.txt"
    draft.write_text("2017年某市委宣传部财政预算拨款“三公”经费支出合计35万元，比上年减少2.28万元。其中：公务用车保有量2辆，"
                     "购置及运行维护费5万元，公务接待费30万元。", encoding="utf-8")
    result = review_within_sentences(draft, 2017)
    assert result is not None
    subjects = {v.statement.text: v.subject for v in result.verdicts if v.statement.kind == "amount"}
    assert (subjects["35万元"], subjects["5万元"]) == ("“三公”经费", "公务用车购置及运行维护费")


def test_two_figures_before_one_unit_are_not_read_as_one():
    """四川 2022 单位决算（https://dyrmt.com/article-133619-2.html）: “收、支总计各是4125.49,4143.91万元” — never
    “49,4143.91万元”: two amounts, the 收入总计's and the 支出总计's (round 6)."""
    statements = read_statements([Line(1, "2022年度收、支总计各是4125.49,4143.91万元。")])
    assert [(st.text, st.label) for st in statements if st.kind == "amount"] == [
        ("4125.49万元", "2022年度收入总计各是"), ("4143.91万元", "2022年度支出总计各是")]



def test_this_years_general_budget_spending_said_with_ben_nian(tmp_path):
    """广西梧州 2025 单位预算（…/upload1823/upload20250606/34D5FC875287C3FA56EBBB36D383FF7B.html）: “2025 年本年一般
    公共预算支出……元，同比减少……元”: the 一般公共预算支出, its 本年 saying only the year."""
    result = _reviewed(tmp_path, "五、一般公共预算支出情况说明", "2025年本年一般公共预算支出500万元，同比减少10万元。")
    assert [(v.status, v.figure and v.figure.name) for v in result.verdicts if v.statement.text == "500万元"] == [
        ("agree", "一般公共预算支出")]
    wrong = _reviewed(tmp_path, "五、一般公共预算支出情况说明", "2025年本年一般公共预算支出510万元，同比减少10万元。")
    assert [(v.status, v.expected) for v in wrong.verdicts if v.statement.text == "510万元"] == [("disagree", "500万元")]

SANGONG = FIXTURES / "js-jianchayuan-2017-p22.pdf"  # 江苏省人民检察院 2017, p. 22: its “三公” shares

# its “三公”经费 table (公务用车购置 50, 运行维护 267.8, as the page's items state them)
JIANCHAYUAN = """部门: 江苏省人民检察院
年度: 2017
金额单位: 万元
部门概况:
  职责: [检察]
收入:
  一般公共预算拨款: 1000
支出:
  功能分类:
    - {科目: 2040401, 基本支出: 1000}
三公经费:
  因公出国（境）费: {本年: 110}
  公务用车购置费: {本年: 50}
  公务用车运行维护费: {本年: 267.8}
  公务接待费: {本年: 156.55}
不公开: [人员编制, 机关运行经费, 政府采购, 国有资产, 绩效管理]
"""


def test_a_share_of_the_three_public_by_its_item_is_still_told(tmp_path):
    """“因公出国（境）费支出 110 万元，占“三公”经费的18.85 %”: the “三公” total is its item's whole (the glossary knows
    none of the item's wholes: it is not held to be another total's part) — 110 of 584.35 is 18.82 %, told as before."""
    result = reviewed_against(tmp_path, JIANCHAYUAN, SANGONG)
    told = [(v.statement.text, v.expected) for v in result.verdicts if v.status == "disagree" and v.statement.kind == "share"]
    assert ("占“三公”经费的18.85 %", "占18.82%") in told


def test_the_import_writes_no_figure_of_another_part_as_the_departments(tmp_path, capsys):
    """`reportgen import` of a text without tables (广西梧州's shapes above): the 政府采购's 一般公共预算 money is no income
    of the department, the 一般公共预算's 基本支出 and 项目支出 (as their shares say) no spending of all its money — each
    left unwritten and told why; 重庆's “（一）收入预算” / “2025年年初预算数……” is written as its 收入总计."""
    text = tmp_path / "梧州市某单位2025年单位预算.txt"
    text.write_text("\n".join((
        "梧州市某单位2025年单位预算", "（一）收入预算", "2025年年初预算数560万元，其中：一般公共预算拨款500万元，事业收入60万元。",
        "五、一般公共预算支出情况说明", "1.基本支出预算430万元，占一般公共预算支出的86.00%。",
        "2.项目支出70万元，占一般公共预算支出的14.00%。", "（二）政府采购预算安排情况说明。",
        "2025年政府采购预算17万元。按政府采购资金类型划分，一般公共预算拨款17万元，财政专户管理的资金安排0万元。")),
        encoding="utf-8")
    out = tmp_path / "源.yaml"
    main(["import", str(text), "-o", str(out)])
    told = capsys.readouterr()
    source = load_yaml(out)
    assert source["收入"]["收入总计"] == 560 and source["收入"]["一般公共预算拨款"] == 500
    assert "基本支出" not in source.get("支出", {}) and "项目支出" not in source.get("支出", {})
    assert "句中说的是政府采购资金的来源，不是部门的收入" in told.out + told.err
    assert "句中说它占一般公共预算支出的比例，是一般公共预算的一部分，不是全部资金的数" in told.out + told.err


def test_a_regions_figures_are_never_told_as_the_departments(tmp_path):
    """Figures of a whole region or of many departments (vocabulary.yaml 一个地区的数): 西安新城区 2025 上半年
    (http://www.xincheng.gov.cn/zwgk/zdxxgk/czxx/qzfczyjs/1952541432614498305.html) “全区一般公共预算支出229911万元……具体
    执行情况是：” / “——一般公共服务支出21124万元”, 成都 2014 “成都市市本级部门，使用财政拨款安排“三公”经费……。其中：因公出国
    （境）经费……” — a region's 一般公共服务支出 is no 201 of the department's tables, its 因公出国（境）费 none of its “三公”."""
    result = _reviewed(tmp_path, "（一）一般公共预算执行情况", "全区一般公共预算支出229万元，完成年初预算的63.1%。具体执行情况是：",
                       "——一般公共服务支出211万元，完成预算的40.8%；", "（二）“三公”经费",
                       "2014年某市市本级部门，使用财政拨款安排“三公”经费38万元，较2013年预算减少2万元，下降5.00%。"
                       "其中：因公出国（境）经费5万元，公务接待费8万元。", "（三）全市“三公”经费",
                       # 四川绵竹 2025 (https://www.mz.gov.cn/gk/zfxxgk/fdzdnr/ysjs/bmys/2025nfjbmysxxgk/mzfbjsgjbczb/1620432.htm)
                       "经某市财政局汇总，2025年全市行政单位（含参照公务员法管理的事业单位）、事业单位和其他单位使用财政拨款安排"
                       "“三公”经费预算总额为19万元，其中：因公出国（境）经费1万元。")
    # not one judged against the tables (a figure its own sentence bears out, within, is no table's)
    assert {v.status for v in result.verdicts} == {"unknown", "within"}
    assert {v.subject for v in result.verdicts} == {""}


def test_a_region_named_in_a_departments_own_words_leaves_its_figures_judged(tmp_path):
    """A region's word not before the money it speaks of (烟台水利局 “拟对……全市水资源支撑保障能力评估……等4个项目开展
    部门重点绩效评价”; “主要用于全市防汛救灾”), and the department's sentences under another heading: judged as ever."""
    result = _reviewed(tmp_path, "（一）一般公共预算执行情况", "全区一般公共预算支出229万元。",
                       "（二）项目支出", "主要用于全市防汛救灾工作，项目支出75万元。", "（三）收入预算", "本部门一般公共预算拨款510万元。")
    assert _of(result, "75万元", "项目支出").status == "disagree"
    assert (_of(result, "510万元", "本部门一般公共预算拨款").status, _of(result, "229万元", "全区一般公共预算支出").status) \
        == ("disagree", "unknown")


def test_a_share_after_an_aside_of_parts_is_of_the_amount_before_the_aside(tmp_path):
    """杭州市钱塘区行政审批局 2021 决算（https://www.qiantang.gov.cn/art/2022/10/12/art_1229608842_4344071.html）:
    “包括财政拨款收入……万元（其中，一般公共预算……万元，政府性基金预算0万元，国有资本经营预算0万元），占收入合计100%” — the
    财政拨款收入's share, not the last part's in the brackets (was judged as 国有资本经营预算's: a false alarm)."""
    result = _reviewed(tmp_path, "本年收入合计560万元；包括财政拨款收入500万元（其中，一般公共预算500万元，政府性基金预算0万元），"
                                 "占收入合计89.29%；事业收入60万元，占收入合计10.71%。")
    share = _of(result, "占收入合计89.29%", "财政拨款收入")
    assert (share.status, share.figure and share.figure.name) == ("agree", "财政拨款收入")


def test_a_sentence_opening_with_qizhong_lists_the_parts_of_the_amount_before(tmp_path):
    """某县 2017 决算（https://haowendang.cn/c6ylx48g4hw7b3ef97wu606i7k4ff8500zj6_2.html）: “财政拨款支出……万元，与上年
    相比，增加……。其中：基本支出……万元，项目支出0万元。” — the 财政拨款's 基本支出, not the department's of all its money (430
    of 490 here: was told as a slip); under a grand total (本年支出合计) the parts are the department's, judged as ever."""
    result = _reviewed(tmp_path, "财政拨款支出500万元，与上年相比，增加10万元，增长2.04%。其中：基本支出430万元，项目支出70万元。")
    basic = _of(result, "430万元", "基本支出")
    assert (basic.status, basic.subject) == ("unknown", "财政拨款支出中的基本支出")
    total = _reviewed(tmp_path, "本年支出合计560万元。其中：基本支出490万元，项目支出70万元。")
    assert [_of(total, text, label).status for text, label in (("490万元", "基本支出"), ("70万元", "项目支出"))] == [
        "agree", "agree"]
    # 人员经费 and 公用经费 are the 一般公共预算 basic spending's parts (普陀区规划和自然资源局 2024 决算: “一般公共预算财政拨款
    # 基本支出5377.64万元。其中：人员经费4896.98万元，……”, a slip of the prose told as ever)
    general = _reviewed(tmp_path, "一般公共预算财政拨款基本支出430万元。其中：人员经费310万元，公用经费130万元。")
    assert [(v.status, v.expected) for v in general.verdicts if v.statement.text == "310万元"] == [("disagree", "300万元")]


def test_an_amount_in_yi_yuan_is_read_at_its_printed_precision(tmp_path):
    """A summary in 亿元 (“收入预算总额3.52亿元”): read with its unit and agreeing at the precision printed — 560万元 is
    0.06亿元 — never as 万元 or 元 (a change “增加0.12亿元” was read with no unit at all, its amount unread). One that does
    not agree is far likelier a region's (杭州钱塘区 2021 决算草案 “2021年一般公共预算收入117.31亿元，为预期的106.3%，比上年
    实际增长17.0%”, no word of the region in it): not told, nor what its sentence says of it."""
    result = _reviewed(tmp_path, "本部门2025年收入预算总额0.06亿元，比上年预算增加0.01亿元。", "本部门支出预算总额0.07亿元。",
                       "2021年一般公共预算收入117.31亿元，为预期的106.3%，比上年实际增长17.0%。")
    assert _of(result, "0.06亿元", "本部门2025年收入预算总额").status == "agree"
    assert (_of(result, "0.07亿元", "本部门支出预算总额").status, _of(result, "0.07亿元", "本部门支出预算总额").subject) \
        == ("unknown", "")
    assert {v.status for v in result.verdicts if "117.31" in v.statement.sentence} == {"unknown"}
    assert [st.unit for st in read_statements([Line(1, "比上年预算增加0.01亿元。")])] == ["亿元"]


def test_an_amount_between_the_year_compared_and_a_rate_is_no_prior():
    """梧州 2024 决算（…/upload1201/upload20250925/D7CD7BCA757F454B3A29C44C77BD9F31.html）: “本年支出568.5万元，较
    2023年度决算数38.31万元，下降6.31%” — 38.31 is no last year's figure (568.5 would have grown fifteenfold), the
    difference said without its direction perhaps: nothing says which, so no prior is read; a prior followed by its
    change is read as ever (“比上年预算2,920.59万元，减少878.04万元”, 烟台)."""
    said = read_statements([Line(1, "本年支出568.5万元，较2023年度决算数38.31万元，下降6.31%。")])
    assert [st.prior for st in said if st.kind == "change"] == [""]
    said = read_statements([Line(1, "支出预算2,042.51万元，比上年预算2,920.59万元，减少878.04万元。")])
    assert [st.prior for st in said if st.kind == "change"] == ["2,920.59万元"]


FINAL = Path(__file__).parent / "sources" / "final-national-minimal-2023.yaml"  # a 决算: “三公” 1.50 spent of 2.00 budgeted


def test_a_finals_budget_and_outturn_said_side_by_side(tmp_path):
    """A 决算's “三公” said as budget, then outturn (安徽怀远 2020 “一般公共预算财政拨款“三公”经费支出预算为30.8万元，支出
    决算为25.7万元，完成预算的83.44%”, https://www.ahhy.gov.cn/zfxxgk/public/24981/49345051.html; 上海嘉定 2017 ““三公”经费
    财政拨款支出年初预算为22.00万元，支出决算为8.77万元”): the bare “支出决算为” is the outturn of the quantity whose budget
    the sentence said before it — judged against a 决算's table, never against a budget's (whose figure is no outturn)."""
    draft = tmp_path / "稿.txt"
    draft.write_text("2023年度一般公共预算财政拨款“三公”经费支出预算为2万元，支出决算为1.6万元，完成预算的80%。"
                     "“三公”经费财政拨款支出年初预算为2.00万元，支出决算为1.50万元，完成预算的75.00%。", encoding="utf-8")
    result = reviewed_against(tmp_path, FINAL.read_text(encoding="utf-8"), draft)
    told = _of(result, "1.6万元", "支出决算为")
    assert (told.status, told.expected, told.figure and told.figure.name) == ("disagree", "1.5万元", "“三公”经费")
    assert [v.subject for v in result.verdicts if v.statement.text in ("2.00万元", "1.50万元")] == [
        "“三公”经费年初预算数", "“三公”经费"]
    budget = _reviewed(tmp_path, "2025年一般公共预算财政拨款“三公”经费支出预算为10万元，支出决算为9万元。")
    assert _of(budget, "9万元", "支出决算为").status == "unknown"


def test_the_departments_own_sentence_after_a_regions_is_judged(tmp_path):
    """Under one heading, a region's “三公” then the department's own (“本部门……”): the region's kept apart, the
    department's judged as ever."""
    result = _reviewed(tmp_path, "（九）“三公”经费", "经汇总，2025年全市一般公共预算“三公”经费支出预算为4432万元。",
                       "本部门2025年一般公共预算“三公”经费支出预算为11万元。")
    assert (_of(result, "4432万元", "2025年全市一般公共预算“三公”经费支出预算为").status,
            _of(result, "11万元", "本部门2025年一般公共预算“三公”经费支出预算为").status) == ("unknown", "disagree")


# 北京市教育委员会 2026 部门预算 (the national corpus's bj-jiaoyuwei-2026-dept-budget.pdf, pp. 11-13): each project of its
# “（四）重点支出和重大投资项目情况说明” under a numbered title of its own, its budget said by a sub-item with no subject
KEY_PROJECTS = ("（四）重点支出和重大投资项目情况说明", "1.学前免费政策市级财政补助",
                "（1）政策依据：为贯彻落实《国务院办公厅关于逐步推行免费学前教育的意见》（国办发〔2025〕27号）要求。",
                "（3）预算安排：2025年安排市级资金预算3亿元。", "（4）实施方案：市区财政各按照50%比例负担。",
                "2.高校科研平台建设项目", "（2）绩效目标：开展前沿科学研究。", "（3）预算安排：2025年安排预算{}。",
                "五、名词解释", "（3）预算安排：2025年安排预算60万元。")


def test_a_projects_budget_under_its_numbered_title_is_that_projects(tmp_path):
    """Where the source lists no such project, each budget is read as its project's, by its title, and not judged;
    a sub-item after the list (under another heading) is nobody's."""
    result = _reviewed(tmp_path, *KEY_PROJECTS[:7], KEY_PROJECTS[7].format("1亿元"), *KEY_PROJECTS[8:])
    said = {v.statement.text: (v.status, v.subject) for v in result.verdicts if v.statement.kind == "amount"}
    assert said["3亿元"] == ("unknown", "学前免费政策市级财政补助")
    assert said["1亿元"] == ("unknown", "高校科研平台建设项目")
    assert said["60万元"] == ("unknown", "")


def test_a_projects_budget_is_judged_by_the_project_the_source_lists(tmp_path):
    """Where the source lists the project by the title's name, its budget is judged by it: agreeing, or told."""
    listed = SOURCE.replace("三公经费:", "  项目:\n    - {名称: 高校科研平台建设项目, 金额: 70}\n三公经费:")
    for said, expected in (("70万元", ("agree", "")), ("75万元", ("disagree", "70万元"))):
        draft = tmp_path / "稿.txt"
        draft.write_text("\n".join((*KEY_PROJECTS[:7], KEY_PROJECTS[7].format(said))), encoding="utf-8")
        result = reviewed_against(tmp_path, listed, draft)
        verdict = _of(result, said, "高校科研平台建设项目")
        assert ((verdict.status, verdict.expected), verdict.figure and verdict.figure.name) == (
            expected, "高校科研平台建设项目")


def test_the_share_of_a_three_public_item_naming_no_whole_is_of_the_three_public_total(tmp_path):
    """佛山市轨道交通局 2019 部门决算 (the national corpus's gd-foshan-guidaojiaotongju-2019-dept-final.pdf, p. 26):
    “2019年“三公”经费财政拨款支出决算中，因公出国（境）费0万元，占0%；公务用车购置及运行费支出0万元；公务接待费支出0.16万元，
    占100.0%。” — of the “三公” total (here 10: 1 + 4 + 5); 公务用车's two parts, which may be of its total, left alone."""
    sentence = ("2025年“三公”经费财政拨款预算中，因公出国（境）费1万元，占10%；公务用车购置及运行费5万元，占50%；"
                "公务接待费4万元，占40.0%。")
    result = _reviewed(tmp_path, sentence)
    shares = [(v.status, v.subject) for v in result.verdicts if v.statement.kind == "share"]
    assert shares == [("agree", "因公出国（境）费"), ("agree", "公务用车购置及运行维护费"), ("agree", "公务接待费")]
    wrong = _reviewed(tmp_path, sentence.replace("占40.0%", "占44.0%"))
    assert [(v.status, v.expected) for v in wrong.verdicts if v.statement.text == "占44.0%"] == [("disagree", "占40.0%")]
    parts = _reviewed(tmp_path, "2025年“三公”经费财政拨款预算中，公务用车运行维护费3万元，占30%。")
    assert [v.status for v in parts.verdicts if v.statement.kind == "share"] == ["unknown"]


def test_one_amount_said_of_both_totals_is_judged(tmp_path):
    """四川达州 渠县农业综合技术服务中心 2024 单位决算（http://www.quxian.gov.cn/xxgk-show-64159.html）: “2024年度收、支总计
    均为1523.26万元。” — the 收入总计 and the 支出总计, one figure where the two are one (here 560)."""
    for sentence in ("2025年度收、支总计均为{}万元。", "2025年收入、支出预算总额均为{}万元。"):
        right = _reviewed(tmp_path, sentence.format(560))
        assert [(v.status, v.figure and v.figure.name) for v in right.verdicts] == [("agree", "收入总计")]
        wrong = _reviewed(tmp_path, sentence.format(565))
        assert [(v.status, v.expected) for v in wrong.verdicts] == [("disagree", "560万元")]


def test_a_prior_said_inline_before_a_direction_of_its_own(tmp_path):
    """A change whose prior stands between the year and the direction, its direction said 少/多 (“决算车辆运行维护费用2.94万元，
    比去年3.01万元少0.07万元”, 广东 某区公共资源交易中心 2015 决算, http://www.blkpk.com/dywqzdlyxxgk/czyjshsgjf/sgjf/
    content/post_2364599.html), with no unit (“……“三公”经费支出2.05万元，较上年2.08减少0.03万元”, 吉林和龙 2018 决算,
    https://hlx.gov.cn/zfxxgk/fdzdgknr/czxx/sgjf/1571070720929275906.html: the sentence's), or after 同比 (“同比去年1.05万元
    增加2.95万元”): read as the amount's change from that prior — borne out by it, or its sum told."""
    cases = (("公务接待费4.00万元，比去年4.99万元少{}万元。", "0.99", "0.9", "down"),
             ("公务接待费4.00万元，较上年4.50减少{}万元。", "0.50", "0.60", "down"),
             ("公务接待费4.00万元，同比去年1.05万元增加{}万元。", "2.95", "2.5", "up"))
    for sentence, right, wrong, direction in cases:
        said = _reviewed(tmp_path, sentence.format(right))
        (change,) = [v for v in said.verdicts if v.statement.kind == "change"]
        assert (change.status, change.subject, change.statement.direction) == ("within", "公务接待费", direction)
        told = _reviewed(tmp_path, sentence.format(wrong))
        assert any("三个数字不能同时成立" in f.message for f in told.contradictions), sentence


def test_the_one_project_a_sentence_names_is_the_projects_under_it(tmp_path):
    """北京市卫生健康委员会 2026 部门预算 (the national corpus's bj-weijianwei-2026-dept-budget.pdf, pp. 9-10): “市卫生健康委涉及
    1个重点支出项目，为农村地区社区卫生机构人员岗位补助项目。” then “1.政策依据：……” … “3.预算安排：2026年年初预算安排18,878.16万元。”:
    that project's budget; the next heading's items are not."""
    result = _reviewed(tmp_path, "（四）重点支出和重大投资项目情况说明",
                       "市卫生健康委涉及1个重点支出项目，为农村地区社区卫生机构人员岗位补助项目。", "1.政策依据：《关于……的通知》。",
                       "3.预算安排：2025年年初预算安排18.16万元。", "（五）市对区专项或共同事权转移支付项目绩效目标情况说明",
                       "2.预算安排：2025年年初预算安排19.16万元。")
    said = {v.statement.text: v.subject for v in result.verdicts if v.statement.kind == "amount"}
    assert said == {"18.16万元": "农村地区社区卫生机构人员岗位补助项目", "19.16万元": ""}


def test_a_regions_paragraph_goes_on_with_its_scope(tmp_path):
    """广西鹿寨县 2019 “三公”经费决算 (http://luzhai.gov.cn/xxgk/fdzdgknr/yjsgkpt/sgjf/2019_65937/202102/
    t20210226_2616318.shtml): “2019年，各乡（镇）、县本级一般公共预算拨款安排的“三公”经费决算支出数为……。其中：因公出国（境）
    费支出0万元。公务用车购置费支出……万元，同比减少……” — the sentences after the 其中's, in the same paragraph, are the county's
    (were told as the department's 公务用车购置费, 公务接待费); the department's own, under a heading of its own, judged as ever."""
    result = _reviewed(tmp_path, "2025年，各乡（镇）、县本级一般公共预算拨款安排的“三公”经费决算支出数为11万元，按同口径同比减少"
                                 "0.6万元，下降5.2%。其中：因公出国（境）费支出0万元。公务用车购置费支出2.5万元，同比减少0.5万元，"
                                 "下降16.67%；公务接待费支出6万元，同比减少1万元。",
                       "（二）本部门“三公”经费", "本部门公务接待费支出5万元。")
    assert {v.status for v in result.verdicts if v.statement.text != "5万元"} <= {"unknown", "within"}
    told = _of(result, "5万元", "本部门公务接待费支出")
    assert (told.status, told.expected) == ("disagree", "4万元")


def test_a_region_named_by_its_own_name_keeps_the_text_its_own(tmp_path):
    """昆明五华区 2021 区级“三公”经费决算 (http://www.kmwh.gov.cn/c/2022-10-13/6251441.shtml): its title and first
    sentence name the district itself (“2021年五华区一般公共预算财政拨款“三公”经费支出预算为……”), a later paragraph none
    (“2021年度一般公共预算财政拨款三公经费支出决算中，……公务用车运行维护费……万元，占100%”): all the district's, under no
    heading — a department's own name (…局) before its money is no region's."""
    result = _reviewed(tmp_path, "2025年度五华区区级“三公”经费决算情况说明",
                       "2025年五华区一般公共预算财政拨款“三公”经费支出预算为11万元，支出决算为7万元，完成预算的63.64%。",
                       "2025年度一般公共预算财政拨款三公经费支出决算中，因公出国（境）费支出0.00万元，占0.00%；"
                       "公务用车运行维护费支出7万元，占100%。")
    assert {v.status for v in result.verdicts} <= {"unknown", "within"}
    own = _reviewed(tmp_path, "2025年某区发展和改革局一般公共预算拨款510万元。")
    assert _of(own, "510万元", "2025年某区发展和改革局一般公共预算拨款").status == "disagree"


def test_a_regions_balance_and_a_towns_whole_are_kept_apart(tmp_path):
    """福建泉港 2023 决算草案 (round 2's W, http://m.arapartments.com/zwgk/zfxxgkzl/zfxxgkml/yzdgkdqtxx/202407/
    t20240705_3057256.htm): under “（一）一般公共预算收支及平衡情况” (a department's budget has no balance: vocabulary.yaml
    一个地区的财政才有的字样), “一般公共预算支出371185万元（含上级补助收入、上年结转和一般债券安排的支出）” names no region
    and was told as the department's; 重庆涪陵某镇 2023 决算 “全镇一般公共预算收入4402万元，加上级转移支付收入……” (全镇)."""
    result = _reviewed(tmp_path, "（一）一般公共预算收支及平衡情况", "1.收入情况。一般公共预算总收入1011万元，完成预算数107.06%。",
                       "2.支出情况。一般公共预算支出371万元（含上级补助收入、上年结转和一般债券安排的支出）。",
                       "（二）全镇收支", "全镇一般公共预算收入440万元，加上级转移支付收入188万元，收入合计为628万元。",
                       "（三）收入预算", "本部门一般公共预算拨款510万元。")
    assert {v.status for v in result.verdicts if v.statement.text != "510万元"} <= {"unknown", "within"}
    assert _of(result, "510万元", "本部门一般公共预算拨款").status == "disagree"


def test_other_regions_words_for_the_three_public_and_a_final_accounts_procurement(tmp_path):
    """内蒙古鄂尔多斯 2022 (http://ordoszxfztz.com/index.php?c=show&id=73) “2022年度“三公”经费预算总计21.8万元，其中：因公
    出国（境）经费0万元，公务接待11.8万元，……”, 湖南桃江 2019 (http://taojiang.gov.cn/26631/26632/content_2001885.html)
    “实际支出“三公经费”决算为……”: the “三公” total and its 公务接待费, judged; 山东科技职业学院 2021 决算
    (https://gourmetlynk.com/info/1151/218351.htm) “政府采购支出总额……万元，其中：政府采购货物支出……” — the 决算's words for the
    procurement and its kinds, read (the source here states none: not judged)."""
    result = _reviewed(tmp_path, "2025年度“三公”经费预算总计10万元，其中：因公出国（境）经费1万元，公务接待4.5万元。")
    assert (_of(result, "10万元", "2025年度“三公”经费预算总计").status, _of(result, "4.5万元", "公务接待").expected) \
        == ("agree", "4.0万元")
    bought = _reviewed(tmp_path, "2025年度政府采购支出总额28万元，其中：政府采购货物支出4万元、政府采购工程支出23万元、"
                                 "政府采购服务支出1万元。授予中小企业合同金额5万元，占政府采购支出总额的17.86%。")
    assert [v.subject for v in bought.verdicts if v.statement.kind == "amount"] == [
        "政府采购预算", "政府采购货物预算", "政府采购工程预算", "政府采购服务预算", "面向中小企业预留"]


def test_the_finance_bureaus_tally_of_many_departments_is_kept_apart(tmp_path):
    """浙江龙泉 2018 “三公”经费决算 (https://www.longquan.gov.cn/art/2019/6/18/art_1229384720_3701304.html): “经龙泉市财政局
    汇总，2018年龙泉市部门及乡镇政府……“三公”经费）决算总额2771万元，比上年下降1.8%。分项情况是：因公出国（境）经费决算
    120万元，……公务接待费决算1033万元” — the items after, in the same paragraph, were told as the department's against a
    决算's tables (vocabulary.yaml 一个地区的财政才有的字样: 财政局汇总)."""
    result = _reviewed(tmp_path, "经某市财政局汇总，2025年某市部门及乡镇政府，包括行政单位、事业单位和其他单位因公出国（境）经费、"
                                 "公务接待费、公车购置费，公车运行费（“三公”经费）预算总额27万元，比上年下降1.8%。分项情况是："
                                 "因公出国（境）经费预算1.2万元，比上年增长79.1%；公务接待费预算10万元，与上年下降7.6%。")
    assert {v.status for v in result.verdicts} <= {"unknown", "within"}


def test_the_fiscal_part_of_the_money_carried_forward_is_named_not_judged(tmp_path):
    """某县 2017 部门决算 (round 2's 36, https://haowendang.cn/c6ylx48g4hw7b3ef97wu606i7k4ff8500zj6_2.html): “财政拨款结转结余
    0万元，与上年相比，增加0万元，增长0%” — the 财政拨款's part of what is carried forward, named so (was unread); no table
    figure of all the money judges it."""
    result = _reviewed(tmp_path, "2025年财政拨款结转结余0万元，与上年相比，增加0万元，增长0%。")
    assert {(v.status, v.subject) for v in result.verdicts} == {("unknown", "财政拨款结转结余")}


def test_a_change_from_last_years_outturn_and_the_three_publics_fiscal_budget(tmp_path):
    """天津红桥区人民法院 2017 “三公”决算 (https://tjhqfy.tjcourt.gov.cn/article/detail/2018/08/id/3474631.shtml):
    “一、2017年因公出国（境）费决算7.8万元，与2016年决算相比减少1.3万元” — the change of the 因公出国（境）费 (was read as an
    amount of no subject: 决算 a base word as 决算数 is); 天津西青区行政审批局 2016 “三公”预算
    (http://xphope.com/zwgk/zfxxgk/zfgbm/zwfwbgs/fdzdgk/czyjs/ndys/202012/t20201204_4334718.html) “2016 年“三公”经费财政
    拨款预算1.70万元” — the “三公” total, judged."""
    result = _reviewed(tmp_path, "一、2025年因公出国（境）费决算1.5万元，与2024年决算相比减少1.3万元。",
                       "2025 年“三公”经费财政拨款预算11万元，比2024年预算减少1.03万元。")
    change = [v for v in result.verdicts if v.statement.text.endswith("1.3万元")]
    assert [(v.statement.kind, v.subject) for v in change] == [("change", "因公出国（境）费")]
    told = _of(result, "11万元", "2025年“三公”经费财政拨款预算")
    assert (told.status, told.expected) == ("disagree", "10万元")


# The test unit's 决算, with 5 万元 brought forward from last year: its 收入总计 (565) is not its 本年收入合计 (560)
CARRIED = "种类: 决算\n" + SOURCE.replace("  事业收入: 60\n", "  事业收入: 60\n  年初结转和结余: 5\n").replace(
    "资金: 单位资金, 基本支出: 60}", "资金: 单位资金, 基本支出: 65}")


def test_income_said_bare_names_neither_total_where_they_differ_and_the_fiscal_total_is_the_fiscal_income(tmp_path):
    """甘肃天水市幼儿园 2017 部门决算 (round 5's 64, http://www.kmxxf.com/jyj/info/1217/105784.htm): “本单位收入为1687.45
    万元，其中：财政拨款收入……事业收入……” is the year's income (its parts are the year's), which a bare 收入 does not say — told
    as the 收入总计 before; “本单位财政拨款收入总计1516.64万元……其中：一般公共预算财政拨款收入……” is the 财政拨款收入 (was told
    as the 收入总计); “本单位一般公共预算财政拨款支出总计1741.75万元” the 一般公共预算支出 (was unread). A budget's 收入 alone
    is its 收入总计 as ever (深圳 2026 “部门预算收入571,347.93万元”)."""
    draft = tmp_path / "稿.txt"
    draft.write_text("2025年度，本单位收入为570万元，其中：财政拨款收入500万元，事业收入60万元。\n"
                     "2025年度，本单位本年收入570万元。\n"
                     "2025年度，本单位财政拨款收入总计510万元，与上年相比减少8万元。\n"
                     "2025年度，本单位一般公共预算财政拨款支出总计520万元。", encoding="utf-8")
    result = reviewed_against(tmp_path, CARRIED, draft)
    bare = _of(result, "570万元", "本单位收入为")
    assert (bare.status, bare.figure) == ("unknown", None)
    said = _of(result, "570万元", "本单位本年收入")
    assert (said.status, said.expected) == ("disagree", "560万元")
    fiscal = _of(result, "510万元", "本单位财政拨款收入总计")
    assert (fiscal.status, fiscal.figure.name if fiscal.figure else None, fiscal.expected) == \
        ("disagree", "财政拨款收入", "500万元")
    general = _of(result, "520万元", "本单位一般公共预算财政拨款支出总计")
    assert (general.status, general.expected) == ("disagree", "500万元")
    budget = _of(_reviewed(tmp_path, "2025年本部门部门预算收入570万元。"), "570万元", "2025年本部门部门预算收入")
    assert (budget.status, budget.expected) == ("disagree", "560万元")


def test_other_regions_words_for_the_total_income_and_the_three_public_of_two_funds(tmp_path):
    """佛山市轨道交通局 2019 部门决算 (the national corpus's gd-foshan-guidaojiaotongju-2019-dept-final.pdf, p. 26)
    “2019 年度总收入 1668.14 万元，其中本年收入 1668.14 万元” (总收入: the vocabulary's name of the 收入总计, now the
    glossary's too — was unread); 安徽合肥市图书馆 2021 “三公”决算 (http://hflib.org.cn/yjsgk2/info_itemid_5637.html)
    “一般公共预算及政府性基金财政拨款“三公”经费支出……” — the “三公” of the 财政拨款 of both funds, the department's “三公”. A
    fee's expected income is no total (北京市水务局 2026 “……收费标准：……，收入预计 190000 万元”)."""
    result = _reviewed(tmp_path, "2025年度总收入570万元，其中本年收入570万元。",
                       "2025年度一般公共预算及政府性基金财政拨款“三公”经费支出12万元。",
                       "（三）水资源费，收费标准：居民1.36元/吨，收入预计1900万元。")
    total = _of(result, "570万元", "2025年度总收入")
    assert (total.status, total.figure.name if total.figure else None, total.expected) == ("disagree", "收入总计", "560万元")
    three = _of(result, "12万元", "2025年度一般公共预算及政府性基金财政拨款“三公”经费支出")
    assert (three.status, three.expected) == ("disagree", "10万元")
    assert _of(result, "1900万元", "收入预计").status == "unknown"


def test_a_regions_classes_under_a_heading_of_its_section_and_the_items_its_line_leads_in_are_kept_apart(tmp_path):
    """福建泉州台商投资区 2022 决算 (http://www.840388.com/zwgk/zdxxgk/czyjs/qjczjs/202307/t20230718_2905492.htm): under
    “一、泉州台商投资区支出决算说明”, after “2022年度泉州台商投资区一般公共预算支出数为242259万元”, each 类 heads a line of its
    own (“（一）201-一般公共服务支出23653万元……”) — told as the department's 201 before; 湖北鄂州鄂城区 2022 “三公”决算
    (https://www.echeng.gov.cn/ecqxxgk/xxgkml/czgk1/bmyjs/202312/t20231212_599416.html) names the district before the year
    (“鄂城区2022年的“三公"经费决算数合计为1000.86万，其中：……公务接待费43.77万元”) and leads in the 区直 items with a
    colon (“……“三公”经费决算数为736.40万元……。具体情况为：” / “（1）因公出国（境）费决算数0万元”); the department's own,
    saying so, judged as ever."""
    result = _reviewed(tmp_path, "一、某某投资区支出决算说明",
                       "2025年度某某投资区一般公共预算支出数为24225万元，比2024年度决算数增加6367万元。",
                       "（一）201-一般公共服务支出2365万元，较2024年决算数增加295万元，其中：",
                       "1、20101-人大事务918万元，较2024年决算数增加268万元。",
                       "某某区2025年的“三公\"经费决算数合计为100万，其中：因公出国（境）费2万元、公务接待费43万元。",
                       "2025年区直财政拨款资金安排“三公”经费决算数为73万元，比预算数减少6万元。具体情况为：",
                       "（1）因公出国（境）费决算数2万元，比预算数减少0万元。",
                       "二、本部门收入", "本部门一般公共预算拨款510万元。")
    assert {v.status for v in result.verdicts if v.statement.text != "510万元"} <= {"unknown", "within"}
    assert _of(result, "510万元", "本部门一般公共预算拨款").status == "disagree"


def test_a_region_named_after_the_first_figures_and_one_its_lead_in_names_are_kept_apart(tmp_path):
    """山东济南 2014 (round 6's 88, http://sd.ifeng.com/zbc/detail_2014_06/01/2362738_0.shtml): a news page's title run into
    its first line (“济南今年“三公”预算总额2.08亿 比去年下降超一成” / “从公开情况看，2014年济南市本级公共预算财政拨款安排的
    “三公”经费预算总额为2.08亿元，……其中：因公出国（境）费用1344万元……公务接待费4263万元”) names the city after the
    sentence's first figure — its items were told as the department's; 广西百色市本级 2024 (round 6's 89,
    http://czj.baise.gov.cn/czyjsgkpt/czzxzjjsgjf/sgjf/t17993350.shtml): a lead-in of no figure names the region
    (“……2024年市本级一般公共预算安排的公务接待费……支出预算安排情况如下：”), the items after it do not (“公务接待费638万元，比上年
    年初预算减少317万元”)."""
    result = _reviewed(tmp_path, "某市今年“三公”预算总额2.08亿 比去年下降超一成",
                       "从公开情况看，2025年某市本级公共预算财政拨款安排的“三公”经费预算总额为2.08亿元，比2024年预算下降10.84%，"
                       "其中：因公出国（境）费用13万元，增长6.94%； 公务接待费42万元，下降16.59%。")
    assert {v.status for v in result.verdicts} <= {"unknown", "within"}
    led = _reviewed(tmp_path, "根据某市第五届人民代表大会第五次会议批准的某市本级2025年预算，2025年市本级一般公共预算安排的公务接待费、"
                              "因公出国（境）费、公务用车购置及运行维护费（以下简称“三公”经费）支出预算安排情况如下：",
                    "2025年，一般公共预算安排的“三公”经费支出共计392万元，比2024年预算数减少33万元，下降7.81%。其中：",
                    "公务接待费63万元，比上年年初预算减少31万元。",
                    "公务用车购置费71万元，比上年年初预算增加13万元。")
    assert {v.status for v in led.verdicts} <= {"unknown", "within"}
    own = _reviewed(tmp_path, "根据市人大批准的2025年预算，本部门“三公”经费预算安排情况如下：", "公务接待费5万元。")
    assert _of(own, "5万元", "公务接待费").status == "disagree"


def test_a_regions_transfers_and_own_income_are_a_regions(tmp_path):
    """湖北沙洋 2022 预算执行 (round 6's 92, https://www.shayang.gov.cn/art/2022/12/29/art_18517_948119.html) “加上转移性收入
    486923万元，收入总计550923万元” and 湖南蓝山 2024 预算 (round 6's 91, http://admin.yzcity.gov.cn:8888/lanshan/czyjs/202404/
    45ef2384d57f4b849f886995fab03098.shtml) “地方一般公共预算收入116059万元，较上年增加6570万元” — a region's income, its
    transfers and its own (were told as the department's 收入总计 and 一般公共预算拨款)."""
    result = _reviewed(tmp_path, "（1）根据县委经济工作会议安排，地方一般公共预算收入1160万元，较上年增加65万元，增长6%。",
                       "2025年，县级一般公共预算收入预计完成640万元，占调整预算的100%。加上转移性收入4869万元，收入总计5509万元。")
    assert {v.status for v in result.verdicts} <= {"unknown", "within"}


def test_the_parts_listed_under_one_funds_total_are_that_funds(tmp_path):
    """广西梧州 某单位 2025 部门预算 (round 6's 96, http://117.141.250.58:10060/wzyjsgkpt/uploadFile/upload1823/upload20250606/
    34D5FC875287C3FA56EBBB36D383FF7B.html): “2025 年本年一般公共预算支出 1085203.63 元，……。其中：基本支出 1037103.63” /
    “元，项目支出 48100 元” — the 一般公共预算's basic and project spending (the 项目支出 was judged as all the money's)."""
    result = _reviewed(tmp_path, "2025 年本年一般公共预算支出 500 万元，同比减少 4 万元。其中：基本支出 430",
                       "万元，项目支出 60 万元。")
    project = _of(result, "60万元", "项目支出")
    assert (project.status, project.figure.name if project.figure else None, project.expected) == \
        ("disagree", "一般公共预算项目支出", "70万元")
    assert _of(result, "430万元", "基本支出").status == "agree"


def test_a_completion_rate_after_its_budget_and_the_changes_after_it_are_the_outturns(tmp_path):
    """广东省财政厅 2023 “三公”经费决算 (round 6's 83, http://czt.gd.gov.cn/sgjf/content/post_4484831.html): “……因公出国（境）
    费支出决算为12.02万元，完成预算12.02万元的100%，比上年决算数增加12.02万元” — the amount after 完成预算 is the budget of the
    outturn before it (was named “……中的完成”, a part of the “三公” total), “的100%” its completion rate (was unread), the change
    after it the outturn's; 天水市幼儿园 2017 (round 5's 64) “完成年初预算100%”, its 的 not printed."""
    draft = tmp_path / "稿.txt"
    draft.write_text("2025年度“三公”经费财政拨款支出决算为10万元，完成全年预算12万元的83.3%，比上年决算数增加1万元。"
                     "其中：因公出国（境）费支出决算为1万元，完成预算2万元的50%，比上年决算数增加0.5万元。\n"
                     "2025年度，本单位一般公共预算财政拨款支出总计500万元，与上年相比减少53.7万元；完成年初预算100%。",
                     encoding="utf-8")
    result = reviewed_against(tmp_path, CARRIED, draft)
    said = {(v.statement.kind, v.statement.text): v.subject for v in result.verdicts}
    assert said[("amount", "12万元")] == "“三公”经费预算数"
    assert said[("done", "的83.3%")] == said[("change", "比上年决算数增加1万元")] == "“三公”经费"
    assert said[("amount", "2万元")] == "因公出国（境）费预算数"
    assert said[("done", "的50%")] == said[("change", "比上年决算数增加0.5万元")] == "因公出国（境）费"
    assert said[("done", "完成年初预算100%")] == "一般公共预算支出"


def test_the_three_publics_budget_said_as_its_budgets_sum(tmp_path):
    """湛江市质量技术监督局 2018 “三公”经费预算 (round 6's 94, http://www.duoyuan-iws.com.cn/zdlyxxgk/czyjshsg/sgjf/content/
    post_1359858.html): “……财政拨款“三公”经费预算合计32.6万元。其中：因公出国（境）费0元……” — the “三公” total (was unread,
    and its items with it)."""
    result = _reviewed(tmp_path, "2025年测试局财政拨款“三公”经费预算合计11万元。其中：因公出国（境）费1万元；公务接待费5万元。")
    total = _of(result, "11万元", "2025年测试局财政拨款“三公”经费预算合计")
    assert (total.status, total.expected) == ("disagree", "10万元")
    told = _of(result, "5万元", "公务接待费")
    assert (told.status, told.expected) == ("disagree", "4万元")


def test_a_total_said_as_expected_is_the_total(tmp_path):
    """湖北大冶殷祖镇人民政府 2024 部门预算 (round 5's 70, http://hbdaye.gov.cn/zfxxgk/dfbmptlj/zxj/yzz/fdzdgknr_16997/czzj_17005/
    ysgk_20548/202412/t20241226_1178463.html): “……2024年部门预算总收入预计2552.73万元，比上年增加77.68万元” — the 收入总计
    (was unread); a fee's “收入预计” stays no total (北京市水务局 2026)."""
    result = _reviewed(tmp_path, "测试局2025年部门预算总收入预计570万元，比上年增加77.68万元。",
                       "（三）水资源费，收费标准：居民1.36元/吨，收入预计1900万元。")
    total = _of(result, "570万元", "测试局2025年部门预算总收入预计")
    assert (total.status, total.expected) == ("disagree", "560万元")
    assert _of(result, "1900万元", "收入预计").status == "unknown"


def test_a_line_named_by_its_levels_before_a_colon_and_an_amount_after_a_count(tmp_path):
    """四川大邑 某保健院 2020 决算 (round 6's 81, https://dyrmt.com/article-117135-3.html): “1.社会保障和就业(类)行政事业单位
    养老支出(款)机关事业单位基本养老保险缴费支出(项): 支出决算为67.64万元” — the 项's spending, its 款 named as from 2021 (the
    2020 catalogue's 行政事业单位离退休; was unread); 海南省交通运输厅 2022 (round 5's 68) “公务车保有量25辆，计划购置0辆公务接待费
    4.5万元” — no stop after the count: the 公务接待费 (was read as the cars')."""
    result = _reviewed(tmp_path, "1.社会保障和就业(类)行政事业单位养老支出(款)机关事业单位基本养老保险缴费支出(项): 支出决算为61万元。",
                       "公务车保有量25辆，计划购置0辆公务接待费4.5万元，较上年预算增长131.96%。")
    line = [v for v in result.verdicts if v.statement.text == "61万元"][0]
    assert (line.status, line.expected) == ("disagree", "60万元")
    told = _of(result, "4.5万元", "公务接待费")
    assert (told.status, told.expected) == ("disagree", "4.0万元")


def test_a_year_wrapped_onto_the_next_line_leaves_its_sentence_prose(tmp_path):
    """广西梧州 某单位 2025 部门预算 (round 6's 96): “财政拨款总收支较上年下降 3.85 %，主要原因是 2025” / “年人员减少，……” — the
    line ending in the year was read as a table's row (its rate lost); 总收支 the 收支总计."""
    lines = [Line(1, "财政拨款总收支较上年下降 3.85 %，主要原因是 2025"), Line(2, "年人员减少，严格贯彻落实过紧日子的有关要求。")]
    assert [(st.kind, st.label) for st in read_statements(lines, "元")] == [("change", "财政拨款收支总计")]


def _written(tmp_path: Path, text: str) -> Path:
    draft = tmp_path / "稿2.txt"
    draft.write_text(text, encoding="utf-8")
    return draft


def test_two_amounts_said_of_income_and_spending_together_are_each_its_own(tmp_path):
    """四川大邑 某县级单位 2022 单位决算 (round 6's 80, https://dyrmt.com/article-133619-2.html): “2022年度收、支总计各是
    4125.49,4143.91万元” — the 收入总计 and the 支出总计, in turn (neither was read: one unit after both); where the
    sentence says more after them (“……万元，比上年增加5%”) it is of neither for sure, and the pair is left unread; their
    changes and rates said so too, each rate after its change."""
    draft = tmp_path / "稿.txt"
    draft.write_text("2025年度收、支总计各是570.00,565.00万元。\n2025年度收、支总计各是570.00,565.00万元，比上年增加5%。",
                     encoding="utf-8")
    result = reviewed_against(tmp_path, CARRIED, draft)
    said = [(v.status, v.figure.name if v.figure else None, v.statement.line) for v in result.verdicts
            if v.statement.kind == "amount"]
    assert said == [("disagree", "收入总计", 1), ("agree", "支出总计", 1)]
    # “与2021年相比，收、支总计各减少1267.86,2570.97万元，各下降23.51%、38.28%”: each change with its rate, in turn
    changes = read_statements([Line(1, "与2024年相比，收、支总计各减少12.86,25.97万元，各下降23.51%、38.28%。")])
    assert [(st.kind, st.label or "", st.text) for st in changes] == [
        ("change", "收入总计", "12.86万元"), ("rate", "", "下降23.51%"), ("change", "支出总计", "25.97万元"),
        ("rate", "", "下降38.28%")]
    rates = reviewed_against(tmp_path, CARRIED, _written(tmp_path, "与2024年相比，收、支总计各减少12.86,25.97万元，各下降23.51%、38.28%。"))
    assert [v.subject for v in rates.verdicts] == ["收入总计", "收入总计", "支出总计", "支出总计"]


# A 决算 of the same unit, its “三公” table's 预算数 beside each outturn (20 budgeted: 0, 9, 11, 0; 9.07 spent)
FINAL_SOURCE = "种类: 决算\n" + SOURCE.replace("年度: 2025", "年度: 2021").replace(
    """三公经费:
  因公出国（境）费: {本年: 1}
  公务用车购置费: {本年: 2}
  公务用车运行维护费: {本年: 3}
  公务接待费: {本年: 4}""", """三公经费:
  因公出国（境）费: {本年: 0, 预算: 0}
  公务用车购置费: {本年: 0, 预算: 0}
  公务用车运行维护费: {本年: 5.07, 预算: 11}
  公务接待费: {本年: 4, 预算: 9}""")


def test_a_budget_a_final_account_says_and_the_parts_listed_under_it_are_judged_as_the_budget(tmp_path):
    """重庆铜梁 安居镇 2021 “三公”决算（https://cqstl.gov.cn/jz/ajz_70782/zwgk_70755/fdzdgknr_70758/ysjs3334/jsgk/202210/
    t20221026_11229485.html）: “2021年我镇“三公”经费预算为20万元，其中：因公出国(境)费0万元，公务接待费9万元，公务用车运行
    维护费11万元，公务用车购置0万元。” — a 决算's budget and its items' budgets (the “三公” table's 预算数), not the outturns
    (9.07 spent: each was told as a slip of its outturn); a planted budget is told against the table's 预算数."""
    draft = tmp_path / "稿.txt"
    lines = ["2021年我镇“三公”经费预算为20万元,其中:因公出国(境)费0万元,公务接待费9万元,公务用车运行维护费11万元,"
             "公务用车购置0万元。", "2021年“三公”经费支出共计9.07万元。"]
    draft.write_text("\n".join(lines), encoding="utf-8")
    result = reviewed_against(tmp_path, FINAL_SOURCE, draft)
    said = [(v.statement.text, v.status, v.subject) for v in result.verdicts if v.statement.kind == "amount"]
    assert said == [("20万元", "agree", "“三公”经费预算数"), ("0万元", "agree", "因公出国（境）费预算数"),
                    ("9万元", "agree", "公务接待费预算数"), ("11万元", "agree", "公务用车运行维护费预算数"),
                    ("0万元", "agree", "公务用车购置费预算数"), ("9.07万元", "agree", "“三公”经费")]
    draft.write_text("\n".join(lines).replace("预算为20万元", "预算为21万元"), encoding="utf-8")
    told = [(v.statement.text, v.expected) for v in reviewed_against(tmp_path, FINAL_SOURCE, draft).verdicts
            if v.status == "disagree"]
    assert told == [("21万元", "20万元")]


def test_the_parts_a_final_account_lists_after_its_budget_and_outturn_are_the_outturns(tmp_path):
    """昆明市科学技术局 2018 决算 (round 4): “……“三公”经费支出预算为20万元,支出决算为9.07万元。其中:公务接待费支出决算为4
    万元” — the parts of the sentence before are of its outturn, as before: judged as the outturns."""
    draft = tmp_path / "稿.txt"
    draft.write_text("2021年度“三公”经费支出预算为20万元,支出决算为9.07万元。其中:公务接待费支出决算为4万元,"
                     "公务用车运行维护费5.07万元。", encoding="utf-8")
    result = reviewed_against(tmp_path, FINAL_SOURCE, draft)
    said = [(v.statement.text, v.status, v.subject) for v in result.verdicts if v.statement.kind == "amount"]
    assert said == [("20万元", "agree", "“三公”经费预算数"), ("9.07万元", "agree", "“三公”经费"),
                    ("4万元", "agree", "公务接待费"), ("5.07万元", "agree", "公务用车运行维护费")]


def test_both_totals_said_as_one_and_a_change_compared_with_a_quantity_word_are_read(tmp_path):
    """重庆 2023、2024 决算: “收支较上年决算数减少5137.56万元”（渝中 解放碑管委会）, “收、支与2023年度相比，减少101.47万元”
    （垫江县统计局）: the change of the two totals, one where they are one (收入总计 560 = 支出总计 560 here); “较上年支出数减少
    0.71万元”（铜梁安居镇）: the change of the amount before it, 支出数 only what it is compared with — not the 支出总计;
    “2024年度收入合计4697.76万元，2023年度相比，减少956.31万元”（开州大进镇, no 与）: the 收入合计's change."""
    result = _reviewed(tmp_path, "2025年度收入总计560万元,支出总计560万元。收支较上年决算数减少5万元,下降1%。",
                       "2025年度收入总计560万元,支出总计560万元。收、支与2024年度相比,减少5万元,下降1%。",
                       "2025年“三公”经费支出共计10万元,较上年支出数减少0.71万元,下降6.63%。",
                       "2025年度收入合计560万元,2024年度相比,减少5万元,下降0.88%。")
    changes = [(v.statement.kind, v.subject) for v in result.verdicts if v.statement.kind in ("change", "rate")]
    assert changes == [("change", "收入总计"), ("rate", "收入总计"), ("change", "收入总计"), ("rate", "收入总计"),
                       ("change", "“三公”经费"), ("rate", "“三公”经费"), ("change", "本年收入合计"), ("rate", "本年收入合计")]


def test_a_central_departments_three_public_budget_in_its_own_words_is_read(tmp_path):
    """国家统计局 2011（http://msn.finance.sina.com.cn/gdxw/20110719/2142182194.html）: “国家统计局及所属机构“三公经费”财政拨款
    预算数合计为……万元。其中，因公出国(境)费……万元，车辆购置及运行费……万元，公务接待费……万元。”; and 綦江公路事务中心 2023 决算's
    “一般公共财政拨款收入较上年增加……万元”: the 一般公共预算拨款's — and its “政府性基金减少……万元” after it, a fund said bare,
    neither its income's nor its spending's for sure: unread (it was read as the 政府性基金预算支出)."""
    result = _reviewed(tmp_path, "测试局及所属机构“三公经费”财政拨款预算数合计为10万元。其中,因公出国(境)费1万元,车辆购置及运行费5万元,"
                       "公务接待费4万元。", "一般公共财政拨款收入较上年增加3万元,政府性基金减少2万元。")
    said = [(v.statement.text, v.status, v.subject) for v in result.verdicts]
    assert said == [("10万元", "agree", "“三公”经费"), ("1万元", "agree", "因公出国（境）费"),
                    ("5万元", "agree", "公务用车购置及运行维护费"), ("4万元", "agree", "公务接待费"),
                    ("较上年增加3万元", "unknown", "一般公共预算拨款"), ("2万元", "unknown", "")]


def test_a_part_said_after_its_fellows_reason_is_of_the_same_whole_and_the_whole_is_the_side_its_parts_are_of(tmp_path):
    """Round 8 (bench/corpus/prose-regions/round8.yaml): 重庆荣昌 古昌镇畜牧服务中心 2024 单位预算 (http://rongchang.gov.cn/jz/gcz/
    zwgk_70755/fdzdgknr_70758/ysjs/ysgk/202402/t20240226_12958969.html) “一般公共预算财政拨款支出177.03万元，比2023年增加……。其中：
    基本支出177.03万元，……主要原因是……；项目支出0万元。” — the part after the reason's “；” is the fund's as its fellow before it
    (it was judged as all the money's); 重庆万州区公路事务中心 2024 (http://www.wz.gov.cn/bmjz_89642/bm/jtj/zwgk_94768/
    fdzdgknr_94770/ysjs_94777/202403/t20240312_13027701.html) “一般公共预算财政拨款收入8904.98万元，一般公共预算财政拨款支出
    8904.98万元，……。其中：基本支出5991.26万元” — parts of spending, of the sentence's spending (they were of its income)."""
    result = _reviewed(tmp_path, "2025年一般公共预算财政拨款收入500万元,一般公共预算财政拨款支出500万元,比2024年减少4万元。"
                       "其中:项目支出70万元,比2024年减少3万元,主要原因是项目减少;基本支出430万元,比2024年减少1万元。")
    basic, project = _of(result, "430万元", "基本支出"), _of(result, "70万元", "项目支出")
    assert (basic.status, basic.figure.name if basic.figure else None) == ("agree", "一般公共预算基本支出")
    assert (project.status, project.figure.name if project.figure else None) == ("agree", "一般公共预算项目支出")
    planted = _reviewed(tmp_path, "2025年一般公共预算财政拨款收入500万元,一般公共预算财政拨款支出500万元。"
                        "其中:项目支出70万元,主要原因是项目减少;基本支出490万元。")
    told = _of(planted, "490万元", "基本支出")  # all the money's 基本支出 is 490: the fund's is 430
    assert (told.status, told.expected) == ("disagree", "430万元")


def test_a_total_whose_parts_are_the_years_income_and_the_carry_over_is_the_grand_total(tmp_path):
    """荣昌古昌镇畜牧服务中心 2024 (above): “2024年收入合计177.03万元，其中：本年收入177.03万元，主要是一般公共预算拨款……，
    其他收入0万元；上年结转收入0万元。” — a 收入合计 holding the year's income and the carry-over is the 收入总计 (it was judged as
    the 本年收入合计, of which it lists that very figure as a part)."""
    result = _reviewed(tmp_path, "2025年收入合计560万元,其中:本年收入560万元,主要是一般公共预算拨款500万元,事业收入60万元;"
                       "上年结转收入0万元。")
    total, year = _of(result, "560万元", "2025年收入总计"), _of(result, "560万元", "本年收入")
    assert (total.figure.name if total.figure else None, year.figure.name if year.figure else None) == \
        ("收入总计", "本年收入合计")


def test_the_totals_inside_the_fiscal_paragraph_are_not_the_departments_totals(tmp_path):
    """海南 三亚市三亚林场 2025 单位预算 (http://lyj.sanya.gov.cn/lyjsite/czxxxx/202502/a64c8aeceac84062b2a81e68f76f128e.shtml):
    “一、关于三亚市三亚林场2025年财政拨款收支预算情况的总体说明” / “三亚市三亚林场财政拨款收支总预算77.82万元。其中，收入总计
    77.82万元，包括……；支出总计77.82万元，包括社会保障和就业支出……” — the 支出总计 after the “；” is the 财政拨款's, a part of the
    收支总预算 as the 收入总计 is (it was told as a slip of the unit's 支出总计, 560 here with its 单位资金); the heading the page
    runs into the sentence is no words of its name."""
    result = _reviewed(tmp_path, "一、关于测试局2025年财政拨款收支预算情况的总体说明",
                       "测试局财政拨款收支总预算500万元。其中,收入总计500万元,包括一般公共预算本年收入500万元、上年结转0万元;"
                       "支出总计500万元,包括社会保障和就业支出60万元、一般公共服务支出440万元,结转下年0万元。")
    assert [v.statement.label for v in result.verdicts if v.status == "disagree"] == []
    assert _of(result, "500万元", "支出总计").status == "unknown"
    assert result.verdicts[0].subject == "财政拨款收支总计"


def test_an_item_heading_before_a_colon_names_the_amount_that_names_nothing(tmp_path):
    """重庆万州区公路事务中心 2024 (above): “(一)收入预算:2024年年初预算数8904.98万元,其中:一般公共预算拨款8904.98万元。” —
    the 收入预算's (it was unread); 广西三江 独峒镇林业工作站 2024 (http://sjx.gov.cn/xxgk/fdzdgknr/yjsgkpt/xzys/xzys2024/
    t19700101_3435799.shtml) “2024年单位预算总收入848105.90元” — the 收入总计."""
    result = _reviewed(tmp_path, "(一)收入预算:2025年年初预算数560万元,其中:一般公共预算拨款500万元。",
                       "2025年单位预算总收入560万元。")
    said = [(v.statement.text, v.status, v.figure.name if v.figure else None) for v in result.verdicts]
    assert said == [("560万元", "agree", "收入总计"), ("500万元", "agree", "一般公共预算拨款"),
                    ("560万元", "agree", "收入总计")]


def test_a_rate_after_a_change_that_names_its_own_item_is_that_items(tmp_path):
    """云南 寻甸县政协 2022 “三公”决算 (http://www.kmxd.gov.cn/c/2023-08-11/6680677.shtml): “其中：因公出国(境)费支出0.00元；
    公务用车购置费支出决算减少272780.00元，下降100.00%” — the rate is the 公务用车购置费's, whose change no figure of the source
    measures (a budget's): not the 因公出国（境）费 amount's before it (it was named so); 芜湖湾沚区陶辛镇 2021 (https://
    www.wanzhi.gov.cn/openness/grassroots/6604611/35293111.html) “一般公共预算财政拨款三公经费支出预算为63.30万元” — 三公 without
    its quotes. But a change whose words name nothing (广州市民政局 2026, a held-out corpus document: “本部门机关运行经费安排
    5,077.89万元，比上年增加948.35万元，……如对比2025年年度预算，则减少64.62万元，下降1.26%。”): its rate stays the amount's."""
    result = _reviewed(tmp_path, "2025年度“三公”经费支出决算数比上年减少5万元。其中:因公出国(境)费支出0.00万元;"
                       "公务用车购置费支出决算减少2.00万元,下降100.00%。",
                       "测试局2025年度一般公共预算财政拨款三公经费支出预算为10万元。",
                       "2025年公务接待费4万元,比上年增加1万元,增长33.33%,如对比2024年年度预算,则减少0.5万元,下降11.11%。")
    rate = next(v for v in result.verdicts if v.statement.kind == "rate")
    assert (rate.figure, rate.subject) == (None, "公务用车购置费")
    assert next(v for v in result.verdicts if v.statement.text == "10万元").subject.startswith("“三公”经费")
    assert result.verdicts[-1].subject == "公务接待费"


def test_a_finals_change_against_its_budget_said_bare_and_its_flat_leave_the_changes_after_them_the_items(tmp_path):
    """广西 梧州市农产品质量安全综合检测中心 2020 “三公”决算 (round 9's 143, http://117.141.250.58:10060/wzyjsgkpt/uploadFile/
    upload1242/upload20210909/7762259D931BC0368C16F46A6E793A23.html): “……“三公”经费支出决算总额为 5.48 万元，比预算增加 0 万元，
    比去年增加 1.55 万元，增长 39.4%” — “比预算” (no 年初) is the year's budget, a change, not an amount the change after it is of;
    “……公务用车运行维护费支出决算比预算无增减变化，比去年增加 1.05 万元，增长 35.8%” — the 持平 against the budget names the
    item, the change after it is the item's (both were unread: nothing the changes and rates after them were of)."""
    draft = tmp_path / "稿.txt"
    lines = ["2023年度一般公共预算财政拨款安排的“三公”经费支出决算总额为1.50万元，比预算减少0.50万元，比去年增加0.10万元，"
             "增长7.14%。其中，公务用车运行维护费支出决算比预算无增减变化，比去年无增减变化；公务接待费支出决算比预算减少0.50万元，"
             "比去年增加0.10万元，增长25%。"]
    draft.write_text("\n".join(lines), encoding="utf-8")
    result = reviewed_against(tmp_path, FINAL.read_text(encoding="utf-8"), draft)
    said = [(v.statement.text, v.status, v.figure.name if v.figure else None) for v in result.verdicts]
    assert said == [("1.50万元", "agree", "“三公”经费"), ("比预算减少0.50万元", "agree", "“三公”经费"),
                    ("比去年增加0.10万元", "agree", "“三公”经费"), ("增长7.14%", "agree", "“三公”经费"),
                    ("比预算无增减变化", "agree", "公务用车运行维护费"), ("比去年无增减变化", "agree", "公务用车运行维护费"),
                    ("比预算减少0.50万元", "agree", "公务接待费"), ("比去年增加0.10万元", "agree", "公务接待费"),
                    ("增长25%", "agree", "公务接待费")]
    draft.write_text("\n".join(lines).replace("增长25%", "增长20%"), encoding="utf-8")
    told = [(v.statement.text, v.expected) for v in reviewed_against(tmp_path, FINAL.read_text(encoding="utf-8"), draft).verdicts
            if v.status == "disagree"]
    assert told == [("增长20%", "增长25%")]


def test_the_name_an_aside_defines_is_what_the_words_after_it_speak_of(tmp_path):
    """广东 鹤山市水务局 2018 “三公”经费预算 (round 9's 142, http://m.pshycm.com/zwgk/xxgk/hssslj/bmyjs/sgjf/content/
    post_225933.html): “……开支的出国(境)经费、车辆购置及运行费、公务接待费(简称“三公”经费)支出合计24.75万元” — the “三公”经费
    the aside defines (it was cut off at the bracket: “支出合计” alone, told as a slip of the 本年支出合计); and the same page's
    “因公出国(境)经费支出预算0万元”."""
    result = _reviewed(tmp_path, "测试局2025年用一般公共预算财政拨款数开支的出国(境)经费、车辆购置及运行费、公务接待费"
                       "(简称“三公”经费)支出合计10万元。因公出国(境)经费支出预算1万元,与上年预算数持平。")
    said = [(v.statement.text, v.status, v.figure.name if v.figure else None) for v in result.verdicts
            if v.statement.kind == "amount"]
    assert said == [("10万元", "agree", "“三公”经费"), ("1万元", "agree", "因公出国（境）费")]
    planted = _reviewed(tmp_path, "测试局2025年用一般公共预算财政拨款数开支的出国(境)经费、车辆购置及运行费、公务接待费"
                        "(简称“三公”经费)支出合计12万元。")
    assert [(v.statement.text, v.expected) for v in planted.verdicts if v.status == "disagree"] == [("12万元", "10万元")]


def test_a_governments_final_accounts_put_to_its_congress_are_a_regions(tmp_path):
    """广东 汕尾 2018 市级决算草案 (round 9's 155, https://www.shanwei.gov.cn:443/shanwei/swzdly/sgjf/czyjs/szfjs/ndjsbg/content/
    post_444920.html): “一、2018年市级决算草案” / “（一）市级一般公共预算收支决算情况。” / “2018年市级（不包括市城区、红海湾
    开发区和华侨管理区，下同）一般公共预算收入决算数129748万元，……” — a government's revenue (told, against a 决算, as a slip of
    the department's 一般公共预算拨款)."""
    draft = tmp_path / "稿.txt"
    draft.write_text("\n".join(["一、2023年市级决算草案", "（一）市级一般公共预算收支决算情况。",
                                "2023年市级（不包括市城区、红海湾开发区和华侨管理区，下同）一般公共预算收入决算数129748万元，"
                                "为调整预算数的100.66%，比2022年增收12423万元，增长10.59%。"]), encoding="utf-8")
    result = reviewed_against(tmp_path, FINAL.read_text(encoding="utf-8"), draft)
    assert {v.status for v in result.verdicts} == {"unknown"}


def test_the_three_public_items_are_judged_by_every_name_texts_give_them(tmp_path):
    """梧州市农产品质量安全综合检测中心 2020 决算 (above): “（二）公务用车购置及运行费支出 3.98万元。其中：” / “公务用车购置
    支出0万元。” / “公务用车运行支出 3.98万元。” — the items by the names vocabulary.yaml gives them (the first was named
    公务用车购置费 but never judged, the second unread); 云南 寻甸县文联 2022 决算 (round 8, http://www.kmxd.gov.cn/c/2023-08-11/
    6680681.shtml) “公务用车运行维护支出12,000.00元” the same; 南宁 良庆镇农业服务中心 2025 (round 9's 148) “4.财政专户管理资金
    预算拨款收入0万元”."""
    draft = tmp_path / "稿.txt"
    lines = ["（二）公务用车购置及运行费支出1.00万元。其中：", "公务用车购置支出0万元。", "公务用车运行支出1.00万元。",
             "公务用车运行维护支出1.00万元。"]
    draft.write_text("\n".join(lines), encoding="utf-8")
    result = reviewed_against(tmp_path, FINAL.read_text(encoding="utf-8"), draft)
    said = [(v.statement.text, v.status, v.figure.name if v.figure else None) for v in result.verdicts]
    assert said == [("1.00万元", "agree", "公务用车购置及运行维护费"), ("0万元", "agree", "公务用车购置费"),
                    ("1.00万元", "agree", "公务用车运行维护费"), ("1.00万元", "agree", "公务用车运行维护费")]
    draft.write_text("\n".join(lines).replace("公务用车运行支出1.00", "公务用车运行支出1.20"), encoding="utf-8")
    told = [(v.statement.text, v.expected) for v in reviewed_against(tmp_path, FINAL.read_text(encoding="utf-8"), draft).verdicts
            if v.status == "disagree"]
    assert told == [("1.20万元", "1.00万元")]
    # 广东省财政厅 2023 “三公”决算 (round 6's 83, http://czt.gd.gov.cn/sgjf/content/post_4484831.html): the parts a 其中
    # lists after a 完成预算 clause are the quantity's whose budget it said (they were none's: “前一个数……没有读出”)
    draft.write_text("公务用车购置及运行维护费支出决算为1.00万元，完成预算1.00万元的100%，比上年决算数增加0万元；其中：公务用车"
                     "购置支出决算为0万元，完成预算0万元的--%（基数为0，不可比）；公务用车运行维护费支出决算为1.00万元。",
                     encoding="utf-8")
    parts = [(v.statement.text, v.status, v.subject) for v in
             reviewed_against(tmp_path, FINAL.read_text(encoding="utf-8"), draft).verdicts if v.statement.label.endswith("决算为")]
    assert parts == [("1.00万元", "agree", "公务用车购置及运行维护费"), ("0万元", "agree", "公务用车购置费"),
                     ("1.00万元", "agree", "公务用车运行维护费")]
    special = _reviewed(tmp_path, "4.财政专户管理资金预算拨款收入5万元")
    assert [(v.status, v.figure.name if v.figure else None) for v in special.verdicts] == [("disagree", "财政专户管理资金")]
