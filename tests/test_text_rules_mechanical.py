"""The mechanical slips of wording (reportgen/review/text_rules/mechanical.py), each rule on the real lines it was
written from — quoted with their origin, as printed (their wraps too) — and on the same lines as they should read,
or on lines of other documents that look like the slip and are none. bench/wording_checks.py measures the rules on
every corpus document."""

from __future__ import annotations

import pytest

from reportgen.readers.text.lines import Line
from reportgen.review.text_rules import read_text, text_rule_findings

BUDGET = ["杭州市气象局2026年部门预算", "编制部门：杭州市气象局"]
FINAL = ["上海市普陀区财政局2024年度部门决算", "第二部分上海市普陀区财政局2024年度部门决算表"]
MECHANICAL = ("R-标点", "R-括号", "R-年份", "R-序号", "R-叠字", "R-预决算", "R-语序", "R-错字", "R-字母")


def told(lines: list[str], head: list[str] | None = None, year: int | None = 2026,
         table_rows: frozenset[int] = frozenset(), pages: list[int] | None = None) -> list[tuple[str, int, str]]:
    printed = [*(BUDGET if head is None else head), *lines]
    offset = len(printed) - len(lines)
    read = [Line(n, t, page=pages[n - 1 - offset] if pages and n > offset else 1) for n, t in enumerate(printed, 1)]
    text = read_text(read, year, "x.pdf", frozenset(offset + row for row in table_rows))
    return [(f.rule, f.line - offset, f.message) for f in text_rule_findings(text) if f.rule in MECHANICAL]


CHANGSHA_DUTIES = ["    5、依法管理户口、居民身份证；承担入境出境事务和外国"]  # 长沙市公安局 2025 p.4
# (rule, the lines as printed, as they should read, what the message quotes) — origin above each
CASES = [
    # 长沙市公安局 2025 p.10 (fresh1 S3, S4): two clauses cut short, “，；” left
    ("R-标点", ["会议费预算 12.00 万元，拟召开年度公安工作及业务线工作部署和总结会议，人数 800",
               "人，；培训费预算 163.46 万元，拟开展规范执法、应急处突、"],
     ["会议费预算 12.00 万元，拟召开年度公安工作及业务线工作部署和总结会议，人数 800",
      "人；培训费预算 163.46 万元，拟开展规范执法、应急处突、"], "人数800人，；"),
    # 寿县司法局 2022 (tests/seeds/heldout): a 书名号 opened and never closed
    ("R-括号", ["经费使用严格执行《党政机关厉行节约反对浪费条例》(中发〔2013〕13号)和《寿县党政机关公务接待管理规定(寿办发"
               "〔2015〕2号)规定。"],
     ["经费使用严格执行《党政机关厉行节约反对浪费条例》(中发〔2013〕13号)和《寿县党政机关公务接待管理规定》(寿办发"
      "〔2015〕2号)规定。"], "“《”没有对应的“》”"),
    # 北京市水务局 2026 报表 p.139: a quotation mark opened twice
    ("R-括号", ["文监测设施御的“感知神经“与“预警前哨”作用"], ["文监测设施御的“感知神经”与“预警前哨”作用"], "“感知神经“"),
    # 泉州市人民政府办公室 2026 p.38 (fresh1 S2): a year with no 年 in a sentence that dates by 年
    ("R-年份", ["2026 年部门预算安排购置车辆 13 辆，其中：2026 应急保障用车 13 辆。"],
     ["2026 年部门预算安排购置车辆 13 辆，其中：应急保障用车 13 辆。"], "其中：2026应急保障用车"),
    # 秦皇岛山海关区总工会 2020 (tests/seeds): no （五） between （四） and （六）
    ("R-序号", ["（四）开展“夏送清凉”活动。区委、区政府主要领导带队先后走访慰问。",
               "（六）开展“金秋助学”工作。认真开展困难职工家庭上学子女的调查摸底工作。"],
     ["（四）开展“夏送清凉”活动。区委、区政府主要领导带队先后走访慰问。",
      "（五）开展“金秋助学”工作。认真开展困难职工家庭上学子女的调查摸底工作。"], "应为“（五）”"),
    # 烟台市人力资源和社会保障局 2026 p.38: a character doubled opening a clause (the document prints “按规定” elsewhere)
    ("R-叠字", ["目标1：按按规定落实社会保险补贴、公益性岗位补贴等支出。", "严格按规定使用资金，确保专款专用。"],
     ["目标1：按规定落实社会保险补贴、公益性岗位补贴等支出。", "严格按规定使用资金，确保专款专用。"], "“按”连印了两次"),
    # 长春市信访局 2026 p.5 (fresh1 S1) and 杭州市气象局 2026 p.4 (fresh1 S1): a 预算 naming its scope in a 决算's words
    ("R-预决算", ["二、机构设置及部门决算单位构成"], ["二、机构设置及部门预算单位构成"], "“部门决算单位构成”"),
    ("R-预决算", ["杭州市气象局部门预算包括：杭州市气象局本级决算（行政单位）和杭州市气象服务中心（事业单位）预算。"],
     ["杭州市气象局部门预算包括：杭州市气象局本级预算（行政单位）和杭州市气象服务中心（事业单位）预算。"], "“本级决算”"),
    # 长春市信访局 2026 p.18 (fresh1 S11): a full stop between an item's name and its amount, the list going on
    ("R-标点", ["元，商品和服务支出12.58万元，取暖费23.37万元，维修（护）费。12.61万元等。"],
     ["元，商品和服务支出12.58万元，取暖费23.37万元，维修（护）费12.61万元等。"], "“元，维修（护）费。12.61万元”"),
    # 长春市信访局 2026 p.18 (fresh1 S9): a part's last sentence closed with a semicolon, the next part's heading after it
    ("R-标点", ["（三）对个人和家庭补助支出85.98万元，占支出预算的5.11%；", "七、一般公共预算“三公”经费情况说明"],
     ["（三）对个人和家庭补助支出85.98万元，占支出预算的5.11%。", "七、一般公共预算“三公”经费情况说明"], "以分号“；”结束"),
    # 国家信访局 2026 p.19 (fresh1 S2): 为 and the unit swapped
    ("R-语序", ["2.一般公共服务支出（类）信访事务（款）信访业务（项）2026 年预算数 3,623.98 为万元，比 2025 年执行减少"],
     ["2.一般公共服务支出（类）信访事务（款）信访业务（项）2026 年预算数为 3,623.98 万元，比 2025 年执行减少"],
     "“为”与单位“万元”颠倒了"),
    # 国家信访局 2024 决算 p.22 (fresh1 S5): 是 left out after 主要原因
    ("R-语序", ["年初预算为 1.57 万元，决算数为 0.95 万元，完成年初预算的 60.51%。决算数小于预算数的主要原因相关工作未按计划开展。"],
     ["年初预算为 1.57 万元，决算数为 0.95 万元，完成年初预算的 60.51%。决算数小于预算数的主要原因是相关工作未按计划开展。"],
     "“主要原因相关工作未按计划”"),
    # 长沙市公安局 2025 pp.4, 6 (fresh1 S5): 人 printed for its look-alike 入 — “人境” no budget prints, its 职能 print 入境
    ("R-错字", CHANGSHA_DUTIES + ["    长沙市公安局本级内设机构包括警令部、政治部、警保部、",
                                 "人境支队、内保支队、督察支队、法制支队、科信支队、食药"],
     CHANGSHA_DUTIES + ["    长沙市公安局本级内设机构包括警令部、政治部、警保部、",
                        "入境支队、内保支队、督察支队、法制支队、科信支队、食药"], "“人境”是否应为“入境”"),
]


# A small letter left between two Han characters: no document of ../shared prints one (planted here in 泉州市人民政府
# 办公室 2026's real sentence, p.38, and in 长沙市公安局 2025's, p.10: a key struck in Latin mode)
STRAY_LETTERS = [
    (["    2026 年部门预算安排购置车辆 13 辆，其中：应急保障用车 13 辆。"],
     ["    2026 年部门预s算安排购置车辆 13 辆，其中：应急保障用车 13 辆。"], "“26年部门预s算安排购置车”"),
    (["拟召开年度公安工作及业务线工作部署和总结会议，人数 800", "人；培训费预算 163.46 万元，拟开展规范执法、应急处突、"],
     ["拟召开年度公安工作及业务线工作部署和总结会议，人数 800", "人；培训费预算 163.46 万元，拟开展规范执法、应急处d突、"],
     "汉字之间夹着字母“d”"),
]


@pytest.mark.parametrize(("printed", "slipped", "says"), STRAY_LETTERS)
def test_a_small_letter_left_between_two_han_characters_is_told(printed, slipped, says):
    assert told(printed) == []
    found = told(slipped)
    assert [r for r, _, _ in found] == ["R-字母"] and says in found[0][2], found


@pytest.mark.parametrize("lines", [
    # written from 北京 and 广州: a name or a label that holds a letter prints it as a capital, and again —
    # 北京市教育委员会 2026 报表 (“学E座公寓”, “E座公寓卫生间”), 广州市卫生健康委员会 2026 (“优待A证”, twice)
    ["            消除学E座公寓卫生间设备设施老化带来的风险。", "            完成E座公寓卫生间和建筑外墙改造。"],
    ["    无偿献血权益保障经费857.23万元，用于无偿献血优待A证乘车费用，以及血液调拨。"],
    # 无锡市教育局（本级）2026 (fresh1, p.5): a programme's name quoted, printed once
    ["    服务、家长等候区，推广“警校 e 家”智慧接学模式，推动未"],
    # shown on 福州 (福州市民政局 2026, fresh1): its “e福州” app, a name with a small letter, printed so each time
    ["    通过e福州留守困境儿童关爱帮扶专栏开展关爱服务。", "e福州留守困境儿童关爱帮扶专栏项目绩效目标"],
])
def test_a_letter_of_a_name_or_label_is_not_told(lines):
    assert told(lines) == []


@pytest.mark.parametrize(("rule", "printed", "fixed", "says"), CASES)
def test_each_rule_finds_its_slip_and_not_the_lines_as_they_should_read(rule, printed, fixed, says):
    found = told(printed)
    assert [r for r, _, _ in found] == [rule], found
    assert says in found[0][2], found[0][2]
    assert told(fixed) == []


def test_a_page_s_last_line_printed_again_at_the_top_of_the_next_is_told_once():
    # 上海市普陀区司法局 2026 pp.4–5 (bench/corpus): （八） printed at the foot of p.4 and at the head of p.5
    line = "（八）负责本系统警车管理工作。按规定权限负责本系统国有资产的管理，负责下属单位国有资产投资项目计划的审核"
    lines = ["（七）负责推进本区公共法律服务体系建设。", line, line, "。负责本系统信息化建设。", "（九）规划、协调、指导本区法治人才队伍建设。"]
    found = told(lines, pages=[4, 4, 5, 5, 5])
    assert [(r, at) for r, at, _ in found] == [("R-叠字", 3)], found  # (not also a （八） numbered twice)
    assert "第 4 页末已印" in found[0][2]
    # on one page: the number printed twice is told
    assert [(r, at) for r, at, _ in told(lines, pages=[4, 4, 4, 5, 5])] == [("R-序号", 3)]


@pytest.mark.parametrize("lines", [
    ["……主要原因是相关工作按计划推进……。", "“？”"],  # a question mark and a quotation: no two clause marks
    ["本单位无此项支出……", "主要用于：（一）办公费；（二）印刷费。"],
    # a bracket holding a line's end (福州市民政局 2026 p.44)
    ["根据《福建省最低生活保障工作规范》（闽民救〔2021", "〕128号）精神，2026年低保标准按照970元/月补差计算。"],
    # a list's numbers closed by a bracket alone
    ["主要包括：1）办公费；2）印刷费；3）差旅费。"],
    # a name that opens with its year, printed so each time (珠海市商务局 2026), a count, years listed
    ["安排2026高质量发展行动——稳外贸项目资金，2026年度预算数100万元。", "2026高质量发展行动——稳外贸项目资金用于补助。"],
    ["2026年培训养老护理员不少于2000人次。", "2026年争取2016、2017、2018三年创业资金。"],
    # a reduplication, two words meeting, a heading's name and its sentence
    ["2026年，紧紧围绕党和国家工作大局，牢牢守住不发生系统性风险的底线。", "用于设施更换工程工程款。"],
    ["一、深圳市信访局", "深圳市信访局预算4,000.00万元，比上年增加1.00万元。"],
    # a 决算's words where a 预算 may say them: another body's (湖州市财政局's 职责), a project's
    ["负责编制全市财政总决算、部门决算、权责发生制政府综合财务报告。", "完成项目竣工决算审计。"],
    # numbering: a list's heading restarting its items, a table's rows numbered as their codes are (洛阳 2020)
    ["一、部门职责", "（一）主要职能", "1.贯彻执行。", "2.负责管理。", "（二）机构设置", "1.内设机构。"],
    ["十七、金融支出 0.0 0.0 0.0", "十九、援助其他地区支出 0.0 0.0 0.0"],
    # a reason announced otherwise (深圳, 广州, 苏州 2026), a unit named after 为 with no figure (广州市司法局 2026),
    # a sentence opening with an amount after a full stop (no list going on)
    ["预算收支增加主要原因说明：1.新招录勤务辅警。", "增长4%，主要原因是一是调整了经济分类；主要原因：压减经费。"],
    ["注：本表金额转化为万元时，四舍五入可能存在尾差。", "公用经费合计。12.61万元为办公费。"],
    # a list numbered 一、二、 whose items end with “；”
    ["一、负责全市信访工作；", "二、负责办理群众来信；", "三、承办上级交办的其他事项。"],
    # a character whose look-alike makes words the document prints, the words it makes printed by budgets: 上海市审计局
    # 2026 p.4 (人事处; a table's header below prints “财政拨款收入 事业收入”, 入事 once its spaces are gone) and 深圳市
    # 人力资源和社会保障局 2026 p.8 (人工智能; a table's “上缴收入” over “工会经费”, 入工)
    ["上海市审计局单位设20个内设机构，包括：秘书处、办公室、人事处（老干部处）、综合计划处（政策研究室）",
     "功能分类科目名称               合计      财政拨款收入    事业收入                    其他收入"],
    ["书信息中心、教学督导办公室、团委、人工智能应用学院、低",
     "                预算拨款      预算拨款     营预算拨款                                 经营收入        收入        上缴收入",
     "            工会经费                         17.15         17.15         17.15          0.00          0.00"],
])
def test_words_that_look_like_the_slips_are_not_told(lines):
    assert told(lines) == []


def test_a_final_names_its_scope_in_a_budget_s_words_and_not_its_own():
    assert [r for r, _, _ in told(["二、部门预算单位构成"], head=FINAL, year=2024)] == ["R-预决算"]
    assert told(["二、部门决算单位构成"], head=FINAL, year=2024) == []


def test_a_table_s_rows_are_not_read_as_prose():
    # 北京市教育委员会 2026 报表: two cells' words on one line
    assert told(["量发展，宣传首都教育综合改革成果。、措施、成果等", "杭州市气象服务中心（杭州市预警"], table_rows=frozenset({1, 2})) == []


# 长春市信访局 2026 pp.2, 4–6 (fresh1 S2): the 目录's 第一部分 lists 三、部门预算基本情况, the body's stops after 二、
CHANGCHUN_CONTENTS = ["                     目     录", "第一部分  部门概况", "一、主要职能", "二、机构设置", "三、部门预算基本情况",
                      "第二部分 2026年度部门预算表", "一、收支总表", "十、本年国有资本经营预算支出明细表"]
CHANGCHUN_BODY = ["              第一部分      部门概况", "一、主要职能", "（三）承办国家、省信访部门和市领导交办的信访事项。",
                  "    二、机构设置及部门决算单位构成", "   长春市信访局内设十个机构，分别是：办公室、来信受理处、网",
                  "                                            第二部分                2026年度部门预算表",
                  "                                                                   收支总表（预算表 1）",
                  "一、财政拨款收入                       1682.76         1682.76         0.00      一、一般公共服务支出",
                  "                                                           国有资本经营预算支出明细表(预算表 10)"]


def _contents_told(lines: list[str]) -> list[tuple[int, str]]:
    text = read_text([Line(n, t, page=1) for n, t in enumerate(lines, 1)], 2026, "x.pdf")
    return [(f.line, f.message) for f in text_rule_findings(text) if f.rule == "R-目录"]


def test_an_item_the_contents_list_and_the_body_does_not_print_is_told_at_its_entry():
    found = _contents_told(CHANGCHUN_CONTENTS + CHANGCHUN_BODY)
    assert [line for line, _ in found] == [5], found  # (not 二、机构设置, printed with more words; not part 2's tables)
    assert "“三、部门预算基本情况”" in found[0][1] and "没有这一项" in found[0][1]
    # the body as it should read: the part printed
    printed = CHANGCHUN_BODY[:5] + ["三、部门预算基本情况"] + CHANGCHUN_BODY[5:]
    assert _contents_told(CHANGCHUN_CONTENTS + printed) == []
    # the 目录 as it might read instead; and part 2, whose tables are titled with no number (their rows “一、财政拨款收入”
    # a table's, no prose), is not judged: “本年国有资本经营预算支出明细表” is titled “国有资本经营预算支出明细表”
    assert _contents_told(CHANGCHUN_CONTENTS[:4] + CHANGCHUN_CONTENTS[5:] + CHANGCHUN_BODY) == []
