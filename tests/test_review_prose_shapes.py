"""More of a budget's prose read, in the wording of each province (issue 54: ≥ 80 % of the figures stated in the
prose read), each newly read statement judged against the tables as review judges any — a right one quiet, a
wrong one told — or, where no table gives its figure, read with its subject (未能核对, never a false alarm):

* 烟台's “三公” said as the money 一般公共预算财政拨款 arranges (“通过一般公共预算财政拨款安排的“三公”经费预算共10.56
  万元”), and its 委托业务费 with last year's figure inline, after a comma or in the template's own note
  (“比上年预算（注：上年3,468.18万元，公开时请删除注释）减少1271.66万元”);
* 广州's 公务用车购置及运行维护费 whose change follows a bracketed aside of its parts (“614.01万元（公务用车购置费0万元，
  ……；公务用车运行维护费614.01万元，……。）比上年增加5.74万元”), its “基本持平” beside a small change (never told
  “并非持平”), and its 固定资产 figures;
* 深圳's project items, each listing its parts one a clause after “主要包括” (“编外人员18,413.85万元，用于……；辅警经费
  9,903.84万元，……”), a name with one character in brackets (“交通管理装(设)备业务”);
* 江苏's “本年收入预算合计”.

The pages are cut from the published documents (tests/fixtures/import/national/); each source holds the figures
the document's own tables print (the prior year as its prose gives it)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from reportgen.readers.published import read_draft
from reportgen.readers.text.lines import Line
from reportgen.readers.text.statements import Statement, read_statements
from reportgen.review import Review, review_within_sentences
from reportgen.review.sentences.judge import ROUGHLY, Verdict
from tests.clients import require_program
from tests.support.national import FIXTURES, reviewed_against

ZHUJIANJU = FIXTURES / "yantai-zhujianju-2026-p34-35.pdf"  # 烟台市住房和城乡建设局 2026, pp. 34–35
RENSHE = FIXTURES / "yantai-renshe-2026-p34.pdf"  # 烟台市人力资源和社会保障局 2026, p. 34
SHICHANG = FIXTURES / "guangzhou-shichangjianguan-2026-p57-58.pdf"  # 广州市市场监督管理局 2026, pp. 57–58
JIAOGUANJU = FIXTURES / "shenzhen-jiaoguanju-2026-p6-8.pdf"  # 深圳市公安局交通管理局 2026, pp. 6–8
GAOYUAN = FIXTURES / "js-gaoyuan-2018-p18.pdf"  # 江苏省高级人民法院 2018, p. 18



@pytest.fixture(scope="module", autouse=True)
def _poppler() -> None:
    require_program("pdftotext")


# 烟台市住房和城乡建设局 2026: its “三公”经费预算表 (no prior year printed), and its total (as one fund's)
YANTAI = """部门: 烟台市住房和城乡建设局
年度: 2026
金额单位: 万元
部门概况:
  职责: [住房和城乡建设]
收入:
  一般公共预算拨款: 45967.29
支出:
  功能分类:
    - {科目: 2120101, 基本支出: 16162.69, 项目支出: 29804.6}
三公经费:
  因公出国（境）费: {本年: 0}
  公务用车购置费: {本年: 0}
  公务用车运行维护费: {本年: 4.44}
  公务接待费: {本年: 6.12}
不公开: [人员编制, 机关运行经费, 政府采购, 国有资产, 绩效管理]
"""

# 广州市市场监督管理局 2026: its “三公”经费 table, last year's as its prose's changes give it
GUANGZHOU = """部门: 广州市市场监督管理局
年度: 2026
金额单位: 万元
部门概况:
  职责: [市场监督管理]
收入:
  一般公共预算拨款: 177090.43
支出:
  功能分类:
    - {科目: 2013801, 基本支出: 177090.43}
三公经费:
  因公出国（境）费: {本年: 73.06, 上年: 80}
  公务用车购置费: {本年: 0, 上年: 68}
  公务用车运行维护费: {本年: 614.01, 上年: 540.27}
  公务接待费: {本年: 12.06, 上年: 12.16}
不公开: [人员编制, 机关运行经费, 政府采购, 国有资产, 绩效管理]
"""

# 江苏省高级人民法院 2018: its 收支总表's totals
JIANGSU = """部门: 江苏省高级人民法院
年度: 2018
金额单位: 万元
部门概况:
  职责: [审判]
收入:
  一般公共预算拨款: 33172.15
支出:
  功能分类:
    - {科目: 2040501, 基本支出: 18570.82, 项目支出: 14601.33}
不公开: [人员编制, 机关运行经费, 政府采购, 国有资产, 绩效管理, 三公经费]
"""


def _of(result: Review, text: str) -> list[Verdict]:
    """The verdicts of the one sentence that holds ``text``."""
    (sentence,) = {v.statement.sentence for v in result.verdicts if text in v.statement.sentence}
    return [v for v in result.verdicts if v.statement.sentence == sentence]


def _seen(verdicts: list[Verdict]) -> list[tuple[str, str, str, str]]:
    return [(v.statement.kind, v.statement.text, v.status, v.subject) for v in verdicts]


def _planted(tmp_path: Path, pdf: Path, printed: str, planted: str) -> Path:
    """The page's text as read, one figure printed otherwise: a draft with a slip in a real sentence."""
    lines = [line.text for line in read_draft(pdf)]
    assert sum(printed in line for line in lines) == 1
    draft = tmp_path / "稿.txt"
    draft.write_text("\n".join(line.replace(printed, planted) for line in lines), encoding="utf-8")
    return draft


def test_the_three_public_arranged_by_the_general_budget_is_the_three_public_table(tmp_path):
    result = reviewed_against(tmp_path, YANTAI, ZHUJIANJU)
    (amount, flat) = _of(result, "安排的“三公”经费预算共")
    assert (amount.statement.text, amount.status, amount.figure and amount.figure.name) == (
        "10.56万元", "agree", "“三公”经费")
    assert (flat.statement.kind, flat.status, flat.subject) == ("flat", "unknown", "“三公”经费")  # no prior printed
    wrong = reviewed_against(tmp_path, YANTAI.replace("公务接待费: {本年: 6.12}", "公务接待费: {本年: 6.22}"), ZHUJIANJU)
    (amount, _) = _of(wrong, "安排的“三公”经费预算共")
    assert (amount.status, amount.expected) == ("disagree", "10.66万元")


def test_a_prior_stated_in_the_templates_note_bears_out_the_change_and_its_rate(tmp_path):
    """“委托业务费财政拨款预算为2,196.52万元，比上年预算（注：上年3,468.18万元，公开时请删除注释）减少1271.66万元，下降
    36.67%”: no table gives 委托业务费 of all the spending; the sentence's own figures bear each other out."""
    result = reviewed_against(tmp_path, YANTAI, ZHUJIANJU)
    assert _seen(_of(result, "委托业务费财政拨款预算为")) == [
        ("amount", "2,196.52万元", "within", "委托业务费"),
        ("change", "比上年预算（注：上年3,468.18万元，公开时请删除注释）减少1271.66万元", "within", "委托业务费"),
        ("rate", "下降36.67%", "within", "委托业务费")]
    draft = _planted(tmp_path, ZHUJIANJU, "下降36.67%", "下降38.67%")
    told = reviewed_against(tmp_path, YANTAI, draft)
    assert [f.rule for f in told.contradictions if "38.67" in f.message] == ["R-句内矛盾"]


def test_a_prior_stated_before_a_comma_is_the_changes(tmp_path):
    """烟台市人社局: “比上年预算2,920.59万元，减少878.04万元，下降30%”."""
    statements = read_statements(read_draft(RENSHE))
    change = next(st for st in statements if st.kind == "change" and "878.04" in st.text)
    assert (change.prior, change.label) == ("2,920.59万元", "2026年本部门委托业务费财政拨款预算为")
    result = review_within_sentences(RENSHE, 2026)
    assert result is not None
    assert [v.status for v in _of(result, "比上年预算2,920.59万元")] == ["within", "within", "within"]


def test_the_change_after_an_aside_of_parts_is_the_amounts_before_it(tmp_path):
    """“公务用车购置及运行维护费614.01万元（……。）比上年增加5.74万元，增长0.9%”: of 614.01 against 608.27, not of
    the 公务用车运行维护费 the aside ends with (its change 73.74)."""
    result = reviewed_against(tmp_path, GUANGZHOU, SHICHANG)
    after = [(v.statement.text, v.status, v.figure and v.figure.name) for v in _of(result, "公务用车购置及运行维护费614.01")
             if v.statement.text in ("比上年增加5.74万元", "增长0.9%")]
    assert after == [("比上年增加5.74万元", "agree", "公务用车购置及运行维护费"), ("增长0.9%", "agree", "公务用车购置及运行维护费")]
    assert not [v for v in result.verdicts if v.status == "disagree" and v.statement.kind in ("change", "rate", "flat")
                and "公务用车" in (v.figure.name if v.figure else "")]
    wrong = reviewed_against(tmp_path, GUANGZHOU.replace("上年: 540.27", "上年: 530.27"), SHICHANG)
    told = [(v.statement.text, v.expected) for v in wrong.verdicts if v.status == "disagree"]
    assert ("比上年增加5.74万元", "增加15.74万元") in told


def test_roughly_flat_beside_a_small_change_is_read_not_told(tmp_path):
    """“公务接待费12.06万元，比上年减少0.1万元，下降0.8%，主要原因是与上年基本持平”: the 持平 is the 公务接待费's (the
    reason's words name nothing), and “基本” says it is near, not nil — never “并非持平”."""
    result = reviewed_against(tmp_path, GUANGZHOU, SHICHANG)
    flats = [(v.statement.label, v.status, v.cause) for v in result.verdicts if v.statement.kind == "flat"]
    assert ("公务接待费", "unknown", ROUGHLY) in flats
    assert ("2026年本部门财政拨款安排“三公”经费", "unknown", ROUGHLY) in flats


def test_fixed_assets_and_those_to_buy_are_read(tmp_path):
    """“截至2026年1月31日，本部门固定资产金额424,840.4万元……本年度拟购置固定资产8,739.36万元”: no table gives them."""
    result = reviewed_against(tmp_path, GUANGZHOU, SHICHANG)
    subjects = {v.statement.text: (v.status, v.subject) for v in result.verdicts if v.statement.kind == "amount"}
    assert subjects["424,840.4万元"] == ("unknown", "固定资产")
    assert subjects["8,739.36万元"] == ("unknown", "拟购置固定资产")


def test_an_items_parts_listed_one_a_clause_are_its_parts():
    result = review_within_sentences(JIAOGUANJU, 2026)
    assert result is not None
    subjects = {v.statement.text: v.subject for v in result.verdicts if v.statement.kind == "amount"}
    assert subjects["4,054.85万元"] == "项目支出中的交通管理装（设）备业务中的外场设施设备维护"
    assert subjects["1,736.39万元"] == "项目支出中的交通管理业务中的检验鉴定服务"
    assert subjects["9,903.84万元"] == "项目支出中的综合管理中的辅警经费"
    assert subjects["2,963.29万元"] == "项目支出中的综合管理中的警务保障"


def _read(*texts: str) -> list[Statement]:
    return read_statements([Line(number, text) for number, text in enumerate(texts, start=1)])


def test_a_list_of_names_or_one_within_another_items_ends_at_its_clause():
    """上海市普陀区社会工作部 2024 决算: 公用经费 is no part of 人员经费, whose list names things, no amounts — it is a
    part of the basic spending as its fellow 人员经费 is (vocabulary.yaml 并列的部分, round 8: the 其中's list goes on past
    the “；” for the fellow; it was no part of anything, and so read as all the money's 公用经费); 上犹县寺下镇
    2022: 其他收入 is no part of 财政拨款收入, whose 包括 comes after its share."""
    names = _read("一般公共预算财政拨款基本支出 105.58 万元。其中：人员经费 95.36 万元，主要包括：基本工资、津贴补贴、"
                  "其他工资福利支出；公用经费 10.23 万元，主要包括：办公费、邮电费。")
    assert [st.part_of.text if st.part_of else None for st in names if st.text == "10.23万元"] == ["105.58万元"]
    within = _read("其中:财政拨款收入751.8万元,占收入预算总额的9.7%,包括一般公共预算收入751.8万元;"
                   "其他收入7000万元,占收入预算总额的90.3%。")
    assert [st.part_of for st in within if st.text == "7000万元"] == [None]


def test_the_years_income_total_said_as_its_budget_is_judged(tmp_path):
    """“江苏省高级人民法院本年收入预算合计 33172.15 万元”, and its 支出 likewise."""
    result = reviewed_against(tmp_path, JIANGSU, GAOYUAN)
    totals = [(v.statement.text, v.status, v.figure and v.figure.name) for v in result.verdicts
              if "预算合计" in v.statement.label]
    assert totals == [("33172.15万元", "agree", "本年收入合计"), ("33172.15万元", "agree", "本年支出合计")]
    wrong = reviewed_against(tmp_path, JIANGSU.replace("33172.15", "33182.15").replace("14601.33", "14611.33"), GAOYUAN)
    assert [v.status for v in wrong.verdicts if "预算合计" in v.statement.label] == ["disagree", "disagree"]


ECONOMIC = FIXTURES / "js-zhengxie-2017-p12.pdf"  # 江苏省政协办公厅 2017, p. 12: the 公用经费 by 款

# its 一般公共预算基本支出表's 商品和服务支出 款 (the page's, and the rest of the 类 as one line)
ZHENGXIE = """部门: 江苏省政协办公厅
年度: 2017
金额单位: 万元
部门概况:
  职责: [政协]
收入:
  一般公共预算拨款: 1131.92
支出:
  功能分类:
    - {科目: 2010201, 基本支出: 1131.92}
  基本支出:
    经济分类:
      - {科目: 30201, 金额: 110}
      - {科目: 30205, 金额: 10}
      - {科目: 30206, 金额: 10}
      - {科目: 30207, 金额: 70}
      - {科目: 30211, 金额: 200}
      - {科目: 30299, 金额: 731.92}
不公开: [人员编制, 机关运行经费, 政府采购, 国有资产, 绩效管理, 三公经费]
"""


def test_a_kuan_named_whole_is_that_kuan_not_one_whose_name_ends_as_it_does(tmp_path):
    """“（3）电费（款）支出 10 万元” is 30206 电费, though 30207 邮电费 ends in its name too."""
    result = review_within_sentences(ECONOMIC, 2017)
    assert result is not None
    subjects = {v.statement.label: v.subject for v in result.verdicts if v.statement.kind == "amount"}
    assert (subjects["电费（款）"], subjects["邮电费（款）"]) == ("经济分类 30206 电费", "经济分类 30207 邮电费")
    judged = reviewed_against(tmp_path, ZHENGXIE, ECONOMIC)
    assert [(v.status, v.figure and v.figure.name) for v in judged.verdicts if v.statement.label == "电费（款）"] == [
        ("agree", "电费")]
    wrong = reviewed_against(tmp_path, ZHENGXIE.replace("{科目: 30206, 金额: 10}", "{科目: 30206, 金额: 12}")
                             .replace("731.92", "729.92"), ECONOMIC)
    assert [(v.status, v.expected) for v in wrong.verdicts if v.statement.label == "电费（款）"] == [
        ("disagree", "12万元")]


def test_the_items_of_a_list_of_amounts_are_the_lists_parts():
    """深圳市委宣传部 2026: “主要包括：提前下达电影《琅琊榜》扶持款300.00万元、电影《英歌》扶持款500.00万元、……；结转
    电影《秋水伊人》资助款80.00万元” — each item after a 、 or “；” right after an amount is named whole."""
    statements = _read("（五）项目支出1,610.00万元，具体包括：",
                       "提前下达电影《琅琊榜》扶持款300.00万元、电影《英歌》扶持款500.00万元；结转电影《秋水伊人》资助款80.00万元。")
    assert [(st.label, st.label_whole, st.listed_in and st.listed_in.text) for st in statements[1:]] == [
        ("提前下达电影《琅琊榜》扶持款", True, "1,610.00万元"), ("电影《英歌》扶持款", True, "1,610.00万元"),
        ("结转电影《秋水伊人》资助款", True, "1,610.00万元")]
    fragment = _read("（五）项目支出1,610.00万元，具体包括：", "森林资源管理、古树保护、森林防火规划编制工作530.19万元。")
    assert [(st.label, st.label_whole) for st in fragment[1:]] == [("森林防火规划编制工作", False)]


BALANCES = FIXTURES / "beijing-shuiwuju-2026-p7-8.pdf"  # 北京市水务局 2026 情况说明, pp. 7–8

# its 收支总表's 上年结转结余 and 年终结转结余 (the rest of its money as two lines)
BEIJING = """部门: 北京市水务局
年度: 2026
金额单位: 万元
部门概况:
  职责: [水务]
收入:
  一般公共预算拨款: 992619.17
  上年结转: 55856.55
支出:
  功能分类:
    - {科目: 2130101, 基本支出: 186874.72, 项目支出: 805744.45}
    - {科目: 2130102, 资金: 单位资金, 项目支出: 32188.00}
结转下年: 23668.55
不公开: [人员编制, 机关运行经费, 政府采购, 国有资产, 绩效管理, 三公经费]
"""


def test_the_balances_brought_and_carried_forward_are_judged_where_the_source_states_them(tmp_path):
    """“（三）上年结转结余 55856.55 万元”, “10.上年结转结余 55856.55 万元”, “（三）年终结转结余资金 23668.55 万元”."""
    result = reviewed_against(tmp_path, BEIJING, BALANCES)
    balances = [(v.statement.text, v.status, v.figure and v.figure.name) for v in result.verdicts
                if "结转结余" in v.statement.label]
    assert balances == [("55856.55万元", "agree", "上年结转结余"), ("55856.55万元", "agree", "上年结转结余"),
                        ("23668.55万元", "agree", "年末结转结余")]
    wrong = reviewed_against(tmp_path, BEIJING.replace("23668.55", "23678.55").replace("32188.00", "32178.00"), BALANCES)
    assert [(v.status, v.expected) for v in wrong.verdicts if "年终结转" in v.statement.label] == [
        ("disagree", "23,678.55万元")]
    unstated = reviewed_against(tmp_path, BEIJING.replace("  上年结转: 55856.55\n", "").replace("结转下年: 23668.55\n", "")
                                .replace("    - {科目: 2130102, 资金: 单位资金, 项目支出: 32188.00}\n", ""), BALANCES)
    assert {v.status for v in unstated.verdicts if "结转结余" in v.statement.label} == {"unknown"}


# 深圳市公安局交通管理局 2026: its 一般公共预算基本支出表's classes (303 its 对个人和家庭的补助)
SHENZHEN = """部门: 深圳市公安局交通管理局
年度: 2026
金额单位: 万元
部门概况:
  职责: [交通管理]
收入:
  一般公共预算拨款: 254403.68
支出:
  功能分类:
    - {科目: 2040219, 基本支出: 153640.65, 项目支出: 100763.03}
  基本支出:
    经济分类:
      - {科目: 30101, 金额: 126883.76}
      - {科目: 30199, 金额: 1000}
      - {科目: 30201, 金额: 21169.43}
      - {科目: 30302, 金额: 4587.46}
不公开: [人员编制, 机关运行经费, 政府采购, 国有资产, 绩效管理, 三公经费]
"""


def test_a_class_said_with_its_spending_is_that_class(tmp_path):
    """“（三）对个人和家庭的补助支出 4,587.46 万元，主要是离退休人员经费”: 303 of the basic spending."""
    result = reviewed_against(tmp_path, SHENZHEN, JIAOGUANJU)
    assert {(v.statement.text, v.status, v.figure and v.figure.name) for v in result.verdicts
            if v.statement.label == "对个人和家庭的补助支出"} == {("4,587.46万元", "agree", "对个人和家庭的补助")}
    wrong = reviewed_against(tmp_path, SHENZHEN.replace("4587.46", "4597.46").replace("126883.76", "126873.76"),
                             JIAOGUANJU)
    # told at its own item (“（三）……”); in the list that adds up to the unit's whole, a part of that whole (listed.py)
    assert [(v.status, v.expected) for v in wrong.verdicts if v.statement.label == "对个人和家庭的补助支出"
            and v.statement.sentence.startswith("（三）")] == [("disagree", "4,597.46万元")]


PRIOR_IN_BRACKETS = FIXTURES / "js-zhengxie-2017-p6.pdf"  # 江苏省政协办公厅 2017, p. 6

# its 收支预算总表's 支出总计 9,146.79 (on one 项 here, its 其他资金 80 beside: the page speaks of the whole spending); no
# prior year (江苏 prints none in its tables: only the sentence says last year's)
ZHENGXIE_TOTAL = """部门: 江苏省政协办公厅
年度: 2017
金额单位: 万元
部门概况:
  职责: [政协]
收入:
  一般公共预算拨款: 9066.79
  其他收入: 80
支出:
  功能分类:
    - {科目: 2010201, 基本支出: 9066.79}
    - {科目: 2010201, 资金: 单位资金, 基本支出: 80}
不公开: [人员编制, 机关运行经费, 政府采购, 国有资产, 绩效管理, 三公经费]
"""


def test_a_change_after_last_years_figure_in_brackets_is_judged_by_that_figure():
    """“2017 年度部门支出预算安排与 2016 年度相比（2016 年度部门支出预算安排为 8,648.07 万元），增加 498.72 万元”: the
    bracket is the comparison's prior, the 增加 the change of what the sentence names (it was read as an amount of
    last year's and an amount named “增加”, neither judged), and the rate after it of the same against the same prior."""
    said = _read("2017年度部门支出预算安排与2016年度相比（2016年度部门支出预算安排为8,648.07万元），增加498.72万元，增长5.77%。")
    assert [(st.kind, st.label, st.prior, st.text) for st in said] == [
        ("change", "2017年度部门支出预算安排", "8,648.07万元", "与2016年度相比（2016年度部门支出预算安排为8,648.07万元），增加498.72万元"),
        ("rate", "2017年度部门支出预算安排", "8,648.07万元", "增长5.77%")]


def test_a_change_whose_prior_only_the_sentence_gives_is_this_years_table_figure_less_it(tmp_path):
    """The source has no prior year: the change is this year's 支出总计 (the table's) less the prior the sentence
    states — 9,146.79 − 8,648.07 = 498.72 — right when it is, told (naming the sentence's prior) when it is not."""
    result = reviewed_against(tmp_path, ZHENGXIE_TOTAL, PRIOR_IN_BRACKETS)
    changes = [(v.status, v.figure and v.figure.name) for v in result.verdicts if v.statement.prior == "8,648.07万元"]
    assert changes == [("agree", "支出总计"), ("agree", "支出总计")]  # the change, and its rate: 498.72 / 8,648.07
    wrong = reviewed_against(tmp_path, ZHENGXIE_TOTAL.replace("9066.79", "9076.79"),
                             PRIOR_IN_BRACKETS)
    told = [(v.status, v.expected, v.cause) for v in wrong.verdicts if v.statement.prior == "8,648.07万元"]
    assert told == [("disagree", "增加508.72万元", "按句中写明的上年数8,648.07万元计"), ("disagree", "增长5.88%", "按句中写明的上年数8,648.07万元计")]


PURCHASES_AFTER_THEIR_WHOLE = FIXTURES / "js-zhengxie-2017-p19.pdf"  # 江苏省政协办公厅 2017, p. 19


def test_a_list_that_opens_the_sentence_after_its_whole_is_of_that_whole():
    """“2017 年度部门政府采购预算总金额为 1,271.22 万元。其中，货物类政府采购支出预算 259.32 万元,占 20.40%；服务类……
    1,011.90 万元,占 79.60%；……”: the list opens the sentence after the whole's, each part's share of that whole (the shares
    were told 未能核对: of what, nothing said); a share the two amounts rule out is told."""
    result = review_within_sentences(PURCHASES_AFTER_THEIR_WHOLE, 2017)
    assert result is not None
    shares = [(v.status, v.cause) for v in _of(result, "货物类政府采购") if v.statement.kind == "share"]
    assert shares == [("within", "与句中的1,271.22万元、259.32万元相符"), ("within", "与句中的1,271.22万元、1,011.90万元相符")]
    lines = [replace(line, text=line.text.replace("20.40%", "20.00%")) for line in read_draft(PURCHASES_AFTER_THEIR_WHOLE)]
    planted = review_within_sentences(PURCHASES_AFTER_THEIR_WHOLE, 2017, lines=lines)
    assert planted is not None
    assert [(f.rule, f.message) for f in planted.findings() if f.rule == "R-句内占比"] == [
        ("R-句内占比", "“货物类政府采购支出预算”259.32万元占“2017年度部门政府采购预算总金额为”1,271.22万元约为 20.40%，"
                      "而写作“占20.00%”：按句中的两个金额不能成立")]


GAOYUAN = FIXTURES / "js-gaoyuan-2018.pdf"  # 江苏省高级人民法院 2018, whole


def test_a_change_naming_the_budgets_spending_as_its_spending_is_of_the_amount_before():
    """“江苏省高级人民法院 2018 年财政拨款预算支出 33172.15 万元，占本年支出合计的 100%。” / “与上年相比，财政拨款支出增加
    4322.77 万元，增长 14.98%。”: “财政拨款支出” names the 财政拨款预算支出 again, so the three figures are held together —
    a rate printed 14.78 was passed (the names differed by 预算)."""
    lines = read_draft(GAOYUAN)
    (at,) = [n for n, line in enumerate(lines) if "财政拨款支出增加 4322.77" in lines[n - 1].text and "14.98%" in line.text]

    def told(text: str) -> list[str]:
        changed = [replace(line, text=text) if n == at else line for n, line in enumerate(lines)]
        return [f.message for f in review_within_sentences(GAOYUAN, 2018, lines=changed).findings()  # type: ignore[union-attr]
                if f.rule == "R-句内矛盾" and "33172.15" in f.message]

    assert told(lines[at].text) == []
    assert told(lines[at].text.replace("14.98%", "14.78%")) == [
        "“江苏省高级人民法院2018年财政拨款预算支出”33172.15万元与4322.77万元意味着上年为28,849.38万元、变动率约为 14.98%，"
        "而写作“增长14.78%”：三个数字不能同时成立"]
