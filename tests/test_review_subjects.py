"""A figure of the text whose table was not read is read all the same when its subject is known for sure
(review/subjects.py: the quantity of the budget it states, from vocabulary.yaml 数的名称 or the code
catalogue), and stays unread when its words name nothing for sure — never guessed. Real sentences of the
national corpus (/work/shared/corpus, pdftotext -layout; file and page named at each), wrapped as the PDF
wraps them, reviewed within their sentences as a document whose tables make no source is."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from reportgen.readers.text.lines import Line
from reportgen.review import Review, review, review_within_sentences
from reportgen.review.documents import review_document


def _reviewed(*texts: str) -> Review:
    lines = [Line(number, text) for number, text in enumerate(texts, start=1)]
    result = review_within_sentences(Path("稿.pdf"), 2026, cut_as_notes=True, lines=lines)
    assert result is not None
    return result


def _subjects(result: Review) -> list[tuple[str, str, str]]:
    return [(v.statement.kind, v.statement.text, v.subject) for v in result.verdicts]


# 北京市民政局 2026年度部门预算情况说明, p.7 (bj-minzhengju-2026-dept-budget.pdf)
BEIJING_PROCUREMENT = ("     五、其他情况说明",
                       "     （一）政府采购预算说明",
                       "     2026 年市民政局政府采购预算总额 8773.65 万元，",
                       "                                  其中：",
                       "政府采购货物预算 634.20 万元，政府采购工程预算 281.96",
                       "万元，政府采购服务预算 7857.49 万元。",
                       "     （二）机关运行经费说明",
                       "     2026 年市民政局机关运行经费财政拨款预算 1651.21 万",
                       "元。")


def test_procurement_and_running_costs_are_read_by_the_quantity_they_state() -> None:
    result = _reviewed(*BEIJING_PROCUREMENT)
    assert _subjects(result) == [
        ("amount", "8773.65万元", "政府采购预算"),  # the department's name before the quantity's is no other matter
        ("amount", "634.20万元", "政府采购货物预算"), ("amount", "281.96万元", "政府采购工程预算"),
        ("amount", "7857.49万元", "政府采购服务预算"), ("amount", "1651.21万元", "机关运行经费")]
    assert all(v.status == "unknown" for v in result.verdicts[-1:])  # no table: the running costs not judged
    counts = result.counts
    assert counts["unread"] == 0 and counts["unjudged"] == counts["unknown"]


# 深圳市民政局 2026年部门预算, p.10 (gd-shenzhen-minzheng-2026-dept-budget.pdf): each item of the 三公 under
# its numbered heading, the vehicles' two parts with their changes against last year's initial budget
SHENZHEN_VEHICLES = ("  3.公务用车购置和运行维护费。2026 年预算数 4.20 万元，",
                     "其中：",
                     "  公务用车购置费 2026 年预算数 0.00 万元，较 2025 年年初",
                     "预算减少 12.00 万元，主要是本单位 2026 年未安排经费用于公",
                     "务用车购置；",
                     "  公务用车运行维护费 2026 年预算数 4.20 万元，较 2025 年",
                     "年初预算减少 1.80 万元，主要是 2025 年市民政局（本级）新",
                     "购置车辆 1 辆，公务用车运行维护费标准降低。")


def test_a_change_speaks_of_the_amount_before_it() -> None:
    subjects = [(kind, subject) for kind, _, subject in _subjects(_reviewed(*SHENZHEN_VEHICLES))]
    assert subjects == [("amount", "公务用车购置及运行维护费"),
                        ("amount", "公务用车购置费"), ("change", "公务用车购置费"),
                        ("amount", "公务用车运行维护费"), ("change", "公务用车运行维护费")]


# 烟台市大数据局 2026年部门预算, pp.28–29 (sd-yantai-dashujuju-2026-dept-budget.pdf): “其中财政拨款” is the
# 财政拨款 part of the money the 绩效 targets cover — no 财政拨款支出 of the department; the money after the count of
# projects is the money they take (涉及预算资金)
YANTAI_PERFORMANCE = ("  烟台市大数据局2026年政策和项目全面实施绩效目标管理，涉及一级预",
                      "算项目3个，预算资金6039万元，其中财政拨款6039万元。根据以前年度绩效")


def test_the_money_after_a_count_of_projects_is_theirs_and_its_fund_word_a_part_of_it() -> None:
    result = _reviewed(*YANTAI_PERFORMANCE)
    assert [(v.statement.label, v.subject) for v in result.verdicts] == [
        ("涉及预算资金", "绩效目标管理涉及的预算资金"), ("财政拨款", "绩效目标管理涉及的预算资金中的财政拨款")]
    assert result.counts["unread"] == 0


def test_a_part_named_by_a_bare_fund_word_is_never_given_a_subject() -> None:
    """No count of projects before it: what that 预算资金 is the sentence does not say, nor of what its part is."""
    result = _reviewed("  2026年政策和项目全面实施绩效目标管理，预算资金6039万元，其中财政拨款6039万元。")
    assert [(v.statement.label, v.subject) for v in result.verdicts] == [("预算资金", ""), ("财政拨款", "")]
    assert result.counts["unread"] == 2


# 北京市卫生健康委员会 2026年度部门预算情况说明, p.6 (bj-weijianwei-2026-dept-budget.pdf): “部分单位事业收入” is
# some units' income, not the department's 事业收入
BEIJING_REASON = ("   2026 年度收入预算 935,446.79 万元，比 2025 年年初预",
                  "算数 943,200.43 万元减少 7,753.64 万元，下降 0.82%。主",
                  "要原因是部分单位事业收入较上年降低。")


def test_a_quantity_of_some_units_is_not_the_departments() -> None:
    result = _reviewed(*BEIJING_REASON)
    said = {(v.statement.kind, v.subject) for v in result.verdicts}
    assert ("amount", "收入总计") in said and ("change", "") in said
    reason = [v for v in result.verdicts if v.statement.label.endswith("事业收入")]
    assert len(reason) == 1 and reason[0].subject == "" and reason[0].status == "unknown"


# 北京市民政局, p.8 (bj-minzhengju-2026-dept-budget.pdf): a transfer payment no budget table holds
BEIJING_TRANSFER = ("1.2026年，根据社会保障和就业相关转移支付资金管理办法，已安排社会保障和就业共同事权转移支付资金",
                    "107411.17万元，主要用于老年人养老服务补贴津贴。")


def test_a_quantity_of_no_vocabulary_is_unread() -> None:
    result = _reviewed(*BEIJING_TRANSFER)
    assert [v.subject for v in result.verdicts] == [""]
    assert result.counts["unread"] == 1 and result.counts["unjudged"] == 0


CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"
GUANGZHOU = CORPUS / "gd-guangzhou-qixiangju-2026-dept-budget.pdf"
SIFAJU = CORPUS / "gd-guangzhou-sifaju-2026-dept-budget.pdf"


GONGWUSHU = CORPUS / "gd-shenzhen-gongwushu-2026-dept-budget.pdf"


@pytest.mark.skipif(not GONGWUSHU.exists(), reason="../shared/corpus 不在")
def test_a_document_whose_tables_print_its_units_in_turn_is_reviewed_by_its_own_rows() -> None:
    """深圳市建筑工务署 2026年部门预算 (gd-shenzhen-gongwushu-2026-dept-budget.pdf): its 支出总表, 一般公共预算支出表,
    基本支出表 and “三公” table print its own rows, then its units' in turn — its own rows are read, its units' set
    aside and counted apart (importing/units_in_turn.py), and it is reviewed; its sentences are read with their
    subjects, those of a unit's section (“一、市建筑工务署本级”) that unit's, not judged by the department's tables.
    (Once not read for sure, it stayed 未能审核 — never passed.)"""
    result = review_document(GONGWUSHU, None)
    assert result.outcome != "未能审核" and not result.not_read
    assert result.narrative is not None
    counts = result.narrative.counts
    assert counts["read"] > 20 and counts["agree"] > 20 and counts["disagree"] == 0


SIFAJU = CORPUS / "gd-guangzhou-sifaju-2026-dept-budget.pdf"


@pytest.mark.skipif(not SIFAJU.exists(), reason="../shared/corpus 不在")
def test_a_part_the_reading_missed_is_never_said_missing() -> None:
    """广州市司法局 2026年部门预算: its 三公, 机关运行经费, 政府采购, 国有资产 and 绩效 are printed but not all
    read; review — which reviews it, its tables by unit set aside (importing/by_unit.py) — never tells it
    “三公经费声明为不公开”: the absence is the reading's."""
    result = review_document(SIFAJU, None)
    assert result.outcome != "未能审核"
    assert not [f for f in result.checks if f.rule in ("R-不公开", "R-收入未公开", "R-三公未知", "R-缺少")]


@pytest.mark.skipif(not GUANGZHOU.exists(), reason="../shared/corpus 不在")
def test_a_class_of_the_basic_spending_measures_no_sentence_about_all_spending() -> None:
    """广州市气象局 2026: “一般公共预算安排委托业务费402.65万元” and the 三公's “公务用车运行维护费24.8万元” speak of
    all its spending; its 基本支出表 prints [30227]委托业务费 18.60 and [30231]公务用车运行维护费 21.50, of the
    basic spending alone — never a disagreement between them (the figure is 未能核对)."""
    result = review_document(GUANGZHOU, None)
    assert result.narrative is not None
    said = [v for v in result.narrative.verdicts if v.statement.value in (Decimal("402.65"), Decimal("24.8"))]
    assert said and all(v.status != "disagree" for v in said), [(v.statement.text, v.status) for v in said]


SHUILIJU = CORPUS / "sd-yantai-shuiliju-2026-dept-budget.pdf"


@pytest.mark.skipif(not SHUILIJU.exists(), reason="../shared/corpus 不在")
def test_a_part_the_document_prints_is_never_said_withheld() -> None:
    """烟台市水利局 2026: “三、机关运行经费情况 … 2026年本部门机关运行经费安排134.33万元” and “六、国有资产占有使用情况”
    are printed under headings the import does not read; review never tells them 声明为不公开 — nor the 必填
    fields the import could not fill."""
    result = review_document(SHUILIJU, None)
    withheld = [f.message for f in result.checks if f.rule == "R-不公开"]
    assert not [m for m in withheld if "机关运行经费" in m or "国有资产" in m], withheld
    assert not [f for f in result.checks if f.rule == "必填"]


def test_a_definition_in_the_glossary_is_no_part_printed() -> None:
    from reportgen.importing.printed_parts import printed_parts, prints_part

    assert prints_part("三、机关运行经费情况", "机关运行经费")
    assert prints_part("其他费用。2026年本部门机关运行经费安排133.02万元，较2025年预算减少", "机关运行经费")
    assert not prints_part("十七、机关运行经费：指为保障行政单位（包括参照公务员法管理的事业单位）", "机关运行经费")
    assert not prints_part("机关运行经费指为保障行政单位运行用于购买货物和服务的各项资金", "机关运行经费")
    # a numbered duty of a 国资委 names its 国有资产 in a sentence: no heading of the part
    assert not prints_part("（三）负责市属国有资产的基础管理工作，按照出资人职责，负责督促检查", "国有资产")
    assert printed_parts(["16.“三公” 经费：指市级部门单位安排的因公出国（境）费", "六、国有资产 占有使用情况"]) == {"国有资产"}


# 深圳市规划和自然资源局大鹏管理局 2026年部门预算, pp.5–6 (gd-shenzhen-guiziju-dapeng-2026-dept-budget.pdf): the items
# a heading lists (“具体包括：”) are its parts, and the parts an item lists (“主要包括：”) the item's — each read as
# what it is a part of, where the label holds all it is named by; and the economic class said without its 的
DAPENG_PROJECTS = ("   （三）对个人和家庭补助支出 53.20 万元，主要是离退休",
                   "人员经费。",
                   "  （四）增人增资 0 万元。",
                   "  （五）项目支出 1,856.92 万元，具体包括：",
                   "  1.不动产管理 22.80 万元，主要包括：大鹏新区 2026 年度",
                   "建筑工程建设项目测绘成果审核项目工作 22.80 万元，用于大",
                   "鹏新区 2026 年度建筑工程建设项目测绘成果审核等。",
                   "  4.林地管理费 530.19 万元，主要包括：森林资源管理、古树",
                   "保护、林业有害生物监测、薇甘菊防治、森林防火规划编制工作 530.19 万元，用于大鹏新区森林资源管理等。",
                   "  （六）其他说明",
                   "  1.不动产管理 22.80 万元。")


def test_the_items_a_heading_lists_are_read_as_its_parts() -> None:
    subjects = _subjects(_reviewed(*DAPENG_PROJECTS))
    assert subjects == [
        ("amount", "53.20万元", "经济分类 303 对个人和家庭的补助"),
        ("amount", "0万元", "增人增资"),
        ("amount", "1,856.92万元", "项目支出"),
        ("amount", "22.80万元", "项目支出中的不动产管理"),
        ("amount", "22.80万元", "项目支出中的不动产管理中的大鹏新区2026年度建筑工程建设项目测绘成果审核项目工作"),
        ("amount", "530.19万元", "项目支出中的林地管理费"),
        # of five things, its label the last of them only: what it is a part of is known, but not what it is
        ("amount", "530.19万元", ""),
        ("amount", "22.80万元", ""),  # under another heading: the list ended
    ]


# the same document, p.8: a sum of money after a count of things (“0 辆、0 万元”) is of the things counted — the
# vehicles the department plans to buy; the equipment's (“单价 100 万元以上设备”) says no plan, nor holding, for sure
def test_an_amount_after_a_count_is_of_the_things_counted() -> None:
    result = _reviewed("  2026 年计划购置车辆 0 辆、0 万元，主要是本单位 2026 年",
                       "无公务用车购置计划；单价 100 万元以上设备 0 台（套）、0",
                       "万元，主要是本单位 2026 年无 100 万元以上设备购置计划。")
    assert [(v.statement.label, v.subject) for v in result.verdicts] == [
        ("2026年计划购置车辆", "计划购置车辆"), ("单价100万元以上设备", "")]


# 深圳市委宣传部 2026年部门预算, p.19 (gd-shenzhen-xuanchuanbu-2026-dept-budget.pdf): “主要原因包括：” lists reasons,
# not the parts of the amount before it
def test_the_reasons_an_amount_gives_are_not_its_parts() -> None:
    result = _reviewed("  2026 年本部门政府性基金预算收入 380.00 万元，较 2025 年年初",
                       "预算增加 380.00 万元，主要原因包括：1.根据上级单位安排，",
                       "2026 年下达转移支付资金 300.00 万元到我部，纳入部门年初预算。")
    assert [(v.statement.text, v.subject) for v in result.verdicts if v.statement.kind == "amount"] == [
        ("380.00万元", "政府性基金预算拨款收入"), ("300.00万元", "")]


# 佛山市轨道交通局 2019年度部门决算, p.21 (gd-foshan-guidaojiaotongju-2019-dept-final.pdf): “支出决算为” says the
# outturn of the quantity it names
def test_an_outturn_is_read_by_the_quantity_it_names() -> None:
    lines = [Line(number, text) for number, text in enumerate((
        "佛山市轨道交通局2019年度“三公”经费财政拨款支出决算为0.16万元，完成预算0万元的0%。",
        "其中：因公出国（境）费支出决算为0万元，完成预算0万元的0%；公务接待费支出决算为0.16万元，完成预算0万元的0%。"),
        start=1)]
    result = review_within_sentences(Path("稿.pdf"), 2019, cut_as_notes=True, lines=lines)
    assert result is not None
    assert [(v.statement.text, v.subject) for v in result.verdicts if v.statement.label.endswith("决算为")] == [
        ("0.16万元", "“三公”经费"), ("0万元", "因公出国（境）费"), ("0.16万元", "公务接待费")]


# 昆明市科学技术局 2018年度“三公”经费决算 (bench/corpus/prose-regions/round4.yaml 48) and 寿县文物保护中心 2023 (round2 40)
def test_a_completion_rate_is_read_as_the_outturn_s_before_it_and_leaves_its_change_and_rate_the_amount_s() -> None:
    """“完成预算的23.42%”: the rate of the outturn said right before it — read (its subject that amount's), never judged
    against a table; the change and rate said after it are still the amount's, borne out by it."""
    lines = [Line(number, text) for number, text in enumerate((
        "昆明市科学技术局部门2018年度一般公共预算财政拨款“三公”经费支出预算为494,400.00万元,支出决算为115,749.56元,"
        "完成预算的23.42%。其中:因公出国(境)费支出决算为38,069.00元,完成预算的10.94%。",
        "寿县文物保护中心2023年度一般公共预算财政拨款“三公”经费支出预算为3万元,支出决算为1.71万元,完成预算的43%,"
        "较上年减少1.29万元,下降43%。"), start=1)]
    result = review_within_sentences(Path("稿.pdf"), 2018, cut_as_notes=True, lines=lines)
    assert result is not None
    done = [(v.statement.text, v.status, v.subject) for v in result.verdicts if v.statement.kind == "done"]
    assert done == [("完成预算的23.42%", "unknown", "“三公”经费"), ("完成预算的10.94%", "unknown", "因公出国（境）费"),
                    ("完成预算的43%", "unknown", "“三公”经费")]
    assert [v.status for v in result.verdicts if v.statement.text in ("较上年减少1.29万元", "下降43%")] == ["within"] * 2


# 上海市普陀区规划和自然资源局 2024年度部门决算 (shared/seeds/juesuan), p. of its 一般公共预算财政拨款支出决算 by 项
def test_a_completion_rate_its_sentence_s_budget_and_outturn_give_bears_them_out() -> None:
    """“年初预算为452.40万元，支出决算为446.11万元，完成年初预算的98.61%”: the three figures bear each other out (within);
    95.45% of 10210.34 and 9746.50 (95.457…: cut, not rounded) bears nothing out, nor a rate whose sentence gives
    several, each of another part's budget it does not state."""
    result = _reviewed("年初预算为452.40万元，支出决算为446.11万元，完成年初预算的98.61%。",
                       "一般公共预算财政拨款支出年初预算为10210.34万元，支出决算为9746.50万元，完成年初预算的95.45%。",
                       "“三公”经费财政拨款支出年初预算为2.85万元，支出决算为0.39万元，完成预算的13.68%，其中：因公出国（境）费"
                       "决算为0.00万元，完成预算的0.00%。")
    assert [(v.statement.text, v.status) for v in result.verdicts] == [
        ("452.40万元", "within"), ("446.11万元", "within"), ("完成年初预算的98.61%", "within"),
        ("10210.34万元", "unknown"), ("9746.50万元", "unknown"), ("完成年初预算的95.45%", "unknown"),
        ("2.85万元", "unknown"), ("0.39万元", "unknown"), ("完成预算的13.68%", "unknown"),
        ("0.00万元", "unknown"), ("完成预算的0.00%", "unknown")]


def test_an_item_numbered_anew_begins_another_list() -> None:
    """A list opened by a sentence, not a heading, ends where its items' numbers begin again (大鹏管理局's items,
    then a list of another sentence's: its items are not the first list's parts)."""
    result = _reviewed("  项目支出 1,856.92 万元，包括：",
                       "  1.不动产管理 22.80 万元。",
                       "  2.测绘管理 63.12 万元。",
                       "  有关情况说明如下。",
                       "  1.不动产管理 22.80 万元。")
    assert [v.subject for v in result.verdicts] == ["项目支出", "项目支出中的不动产管理", "项目支出中的测绘管理", ""]


_TOTALS_SOURCE = """部门: 测试部门
年度: 2024
金额单位: 万元
部门概况:
  职责: [测试]
收入:
  一般公共预算拨款: 3874.92
支出:
  功能分类:
    - {科目: 2010101, 基本支出: 3874.92}
上年:
  收支总计: 4358.97
不公开: [人员编制, 三公经费, 机关运行经费, 政府采购, 国有资产, 绩效管理]
"""


# 重庆江津区西湖镇 2024 决算 (bench/corpus/prose-regions/round4.yaml 53): “收支较上年减少484.05，降低11.1%”
def test_a_change_printed_with_no_unit_is_never_judged_as_if_it_had_one(tmp_path: Path) -> None:
    """A change whose unit is not printed is read (its subject the amount's) but not judged: 999.99 would be 万元 as
    often as 元; the same change with its unit is told."""
    source, draft = tmp_path / "s.yaml", tmp_path / "d.txt"
    source.write_text(_TOTALS_SOURCE, encoding="utf-8")
    draft.write_text("2024年度收支总计3874.92万元。收支总计较上年减少999.99，降低11.1%。\n"
                     "2024年度收支总计3874.92万元。收支总计较上年减少999.99万元，降低11.1%。\n", encoding="utf-8")
    result, _ = review(source, draft, despite_errors=True)
    assert result is not None
    assert [(v.statement.line, v.status) for v in result.verdicts if v.statement.kind == "change"] == [
        (1, "unknown"), (2, "disagree")]
