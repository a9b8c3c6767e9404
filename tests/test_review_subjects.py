"""A figure of the text whose table was not read is read all the same when its subject is known for sure
(review/subjects.py: the quantity of the budget it states, from vocabulary.yaml 数的名称 or the code
catalogue), and stays unread when its words name nothing for sure — never guessed. Real sentences of the
national corpus (/work/shared/corpus, pdftotext -layout; file and page named at each), wrapped as the PDF
wraps them, reviewed within their sentences as a document whose tables make no source is."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from reportgen.readers.lines import Line
from reportgen.review import Review, review_within_sentences
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
# 财政拨款 part of the money the 绩效 targets cover — no 财政拨款支出 of the department
YANTAI_PERFORMANCE = ("  烟台市大数据局2026年政策和项目全面实施绩效目标管理，涉及一级预",
                      "算项目3个，预算资金6039万元，其中财政拨款6039万元。根据以前年度绩效")


def test_a_part_named_by_a_bare_fund_word_is_never_given_a_subject() -> None:
    result = _reviewed(*YANTAI_PERFORMANCE)
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


@pytest.mark.skipif(not SIFAJU.exists(), reason="../shared/corpus 不在")
def test_a_document_whose_tables_make_no_source_has_its_text_read_and_stays_unreviewed() -> None:
    """广州市司法局 2026年部门预算 (gd-guangzhou-sifaju-2026-dept-budget.pdf): most of the amounts it prints are
    not read (its 部门预算基本支出预算表 and 项目支出 tables by unit are none of the budget's tables); its
    sentences are read all the same, with their subjects, and it is 未能审核 — never passed."""
    result = review_document(SIFAJU, None)
    assert result.outcome == "未能审核" and not result.not_read
    assert result.narrative is not None
    counts = result.narrative.counts
    assert counts["read"] > 20 and counts["unjudged"] > 0


SIFAJU = CORPUS / "gd-guangzhou-sifaju-2026-dept-budget.pdf"


@pytest.mark.skipif(not SIFAJU.exists(), reason="../shared/corpus 不在")
def test_a_part_the_reading_missed_is_never_said_missing() -> None:
    """广州市司法局 2026年部门预算: its 三公, 机关运行经费, 政府采购, 国有资产 and 绩效 are printed (pages 25–29) but
    no table there is recognised, so the import writes them not published; the document is 未能审核 (most
    of its amounts not read), and review never tells it “三公经费声明为不公开”: the absence is the reading's."""
    result = review_document(SIFAJU, None)
    assert result.outcome == "未能审核"
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
