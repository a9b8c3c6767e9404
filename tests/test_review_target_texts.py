"""What a project's 绩效目标表 prints besides its money, reviewed: an amount its target text says is spent of the
project's money, larger than that money (广州市市场监督管理局 2026: 表12 p. 52 and the 重点项目 table p. 62, 检验检测能力
提升经费 766.36 whose text says “计划于2026年使用816.36万元采购一批常规检验仪器”), and a table printed twice in a row
(烟台市人力资源和社会保障局 2026: 创业担保贷款贴息及奖补 on pp. 36 and 37); and the 绩效管理 sentence's money against the
tables it counts (whole documents of the corpus, where it is present).

The fixtures are page extracts (pypdf) of published PDFs of /work/shared/corpus (ORIGIN.md there): 广州市市场监督管理局
2026 pp. 52, 62; 烟台市人力资源和社会保障局 2026 pp. 36–38; 北京市公安局公安交通管理局 2026 (报表) p. 18."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from reportgen.importing.pipeline import import_files
from reportgen.readers.published import read_published
from reportgen.readers.text.lines import Line
from reportgen.review.target_sums import against_management
from reportgen.review.target_tables import target_money
from reportgen.review.target_texts import beyond_projects, listed_targets, repeated_tables
from tests.clients import require_program

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "import" / "national"
SHICHANG = FIXTURES / "guangzhou-shichangjianguan-2026-p52-62.pdf"
RENSHE = FIXTURES / "yantai-renshe-2026-p36to38.pdf"
JIAOGUAN = FIXTURES / "beijing-jiaoguanju-2026-tables-p18.pdf"


@pytest.fixture(scope="module", autouse=True)
def _poppler() -> None:
    require_program("pdftotext")


def test_an_amount_a_target_spends_beyond_its_projects_money_is_told_once_with_both_places() -> None:
    """The text printed beside 检验检测能力提升经费 (766.36) in 表12 and again in the 重点项目 table spends 816.36: one
    finding, at 表12's line, naming the other page. 国家石墨烯产品质量检验检测中心（广东）仪器设备购置 (547.60) says
    “计划于2024年至2026年，使用2738万元购置……”: several years' money, not told; nor any other row's text."""
    lines = read_published(SHICHANG).lines
    found = beyond_projects(lines, 2026, SHICHANG)
    assert len(found) == 1, found
    assert found[0].rule == "R-绩效目标金额" and found[0].severity == "error"
    assert found[0].message.startswith("项目“检验检测能力提升经费”的绩效目标写明使用 816.36万元，大于该项目的年度预算资金 "
                                       "766.36万元（另见第2页 第")
    said = next(line for line in lines if "使用816.36万元" in line.text and line.page == 1)
    assert found[0].line == said.number
    assert "2738" not in found[0].message


def test_a_list_whose_last_column_is_the_target_gives_each_row_its_paragraph() -> None:
    """表12's rows are printed in the middle of their text: each paragraph of the 绩效目标 column (up to “。”) is the
    row's whose amounts it spans — 766.36's the paragraph that spends 816.36, 547.60's the one of 2024 to 2026."""
    rows = listed_targets(read_published(SHICHANG).lines)
    spans = {t.amount: "".join(line.text for line in t.goal) for t in rows if t.name}
    assert spans[Decimal("766.36")].startswith("计划于2026年使用816.36万元采购一批常规检验仪器")
    assert spans[Decimal("547.60")].startswith("计划于2024年至2026年，使用2738万元购置")
    assert spans[Decimal("257.00")].startswith("通过租用车辆")


def test_a_paragraph_spanning_two_rows_is_neither_rows() -> None:
    """Where the text before 检验检测能力提升经费's does not end its paragraph with “。”, the paragraph spans the rows of
    3,772.82 and of 766.36: it is known to be neither's, and only the 重点项目 table's (p. 2) is told."""
    lines = [Line(line.number, line.text.replace("正常运行的工作成效。", "正常运行的工作成效") if line.page == 1 else line.text,
                  page=line.page, line=line.line) for line in read_published(SHICHANG).lines]
    assert sum("正常运行的工作成效" in line.text and "。" not in line.text for line in lines) == 1
    found = beyond_projects(lines, 2026, SHICHANG)
    assert len(found) == 1 and "另见" not in found[0].message
    assert next(line for line in lines if line.number == found[0].line).page == 2


def test_a_list_printing_indicators_after_the_text_gives_each_row_its_text_alone() -> None:
    """北京's 项目支出绩效目标表 prints 一级指标 … after 绩效目标: the text column ends where the indicators start, so
    购买考试服务 (3,109.488) has its text and none of its indicators (“科目三考试支出 ≤ 971.409 万元”); a correct table
    is quiet."""
    lines = read_published(JIAOGUAN).lines
    rows = {t.name: (t.amount, "".join(line.text for line in t.goal)) for t in listed_targets(lines)}
    amount, text = rows["2127-购买考试服务"]
    assert amount == Decimal("3109.488000")
    assert "落实公安部驾考改革工作意见，不得无偿使用考试场" in text and text.endswith("确保考试公平公正。")
    assert "指标" not in text and "971.409" not in text
    assert rows["0848-公务用车购置"][1].startswith("通过加快我局老旧车辆购置更新")
    assert beyond_projects(lines, 2026, JIAOGUAN) == []


def test_an_amount_within_the_money_or_an_indicator_or_another_year_is_not_told() -> None:
    """A target spending part of its money, an indicator's bound (“≤87.45万元”), and a sentence of another year are
    quiet; the same text with more than the money is told."""
    def told(goal: str, money: str = "87.45") -> list[str]:
        lines = [Line(1, "项目名称 城市更新城市体检"), Line(2, f"年度预算资金总额： {money}"), Line(3, "项目资金（万元）"),
                 Line(4, goal), Line(5, "一级指标 二级指标 三级指标 指标值"), Line(6, "成本指标 经济成本 项目总成本 ≤87.45万元")]
        return [f.message for f in beyond_projects(lines, 2026, SHICHANG)]
    assert told("总体目标 计划使用资金80万元，委托相关机构完成数据分析。") == []
    assert told("总体目标 委托相关机构完成数据分析，项目总成本≤90万元。") == []
    assert told("总体目标 2025年使用100万元完成前期工作，本年完成数据分析。") == []
    assert told("总体目标 计划于2024年至2026年累计使用300万元。") == []
    assert len(told("总体目标 计划使用资金100万元，委托相关机构完成数据分析。")) == 1


def test_a_money_row_printed_on_one_line_gives_the_total_after_its_word() -> None:
    """The national template's 项目资金 rows run on one line where the table is narrow: the year's money is the figure
    right after 年度资金总额, not the line's last (其他资金 0); a target within it is then quiet, one beyond it told."""
    lines = [Line(1, "项目名称   城市更新城市体检"), Line(2, "项目资金（万元）  年度资金总额：  100.00   其中：财政拨款  80.00   其他资金  0"),
             Line(3, "年度目标   计划使用资金90万元完成数据分析。"), Line(4, "一级指标 二级指标 三级指标 指标值")]
    assert [(t.amount, t.fiscal) for t in target_money(lines)] == [(Decimal("100.00"), None)]
    assert beyond_projects(lines, 2026, SHICHANG) == []
    lines[2] = Line(3, "年度目标   计划使用资金120万元完成数据分析。")
    assert len(beyond_projects(lines, 2026, SHICHANG)) == 1


def test_a_target_table_printed_twice_in_a_row_is_told_once_with_both_pages() -> None:
    """创业担保贷款贴息及奖补 (674.00) is printed on p. 36 and again, the same, on p. 37; 就业补助资金 (p. 38) follows."""
    lines = read_published(RENSHE).lines
    assert [(t.name, t.amount) for t in target_money(lines)] == [
        ("创业担保贷款贴息及奖补", Decimal("674.00")), ("创业担保贷款贴息及奖补", Decimal("674.00")),
        ("就业补助资金", Decimal("65.00"))]
    assert [t.fiscal for t in target_money(lines)] == [Decimal("674.00"), Decimal("674.00"), Decimal("65.00")]
    found = repeated_tables(lines, RENSHE)
    assert len(found) == 1, found
    assert found[0].rule == "R-重复段落" and found[0].severity == "warning"
    assert "项目“创业担保贷款贴息及奖补”的绩效目标表印了两次" in found[0].message
    assert "第1页" in found[0].message and "第2页" in found[0].message


def test_two_tables_of_one_project_that_differ_are_no_copy() -> None:
    """The same project's table printed again with a line changed (another year's target) is not told as a copy."""
    lines = read_published(RENSHE).lines
    changed = [Line(line.number, line.text.replace("≥1000人次", "≥1200人次") if line.page == 2 else line.text,
                    page=line.page, line=line.line) for line in lines]
    assert sum("≥1200人次" in line.text for line in changed) == 1
    assert repeated_tables(changed, RENSHE) == []


CORPUS = Path("/work/shared/corpus")
WENLV_WHOLE = CORPUS / "sd-yantai-wenlvju-2026-dept-budget.pdf"
YIBAO_WHOLE = CORPUS / "sd-yantai-yibaoju-2026-dept-budget.pdf"
RENSHE_WHOLE = CORPUS / "sd-yantai-renshe-2026-dept-budget.pdf"


def _held(path: Path) -> list[str]:
    return [f.message for f in against_management(import_files([path], None).imported, read_published(path).lines, path)]


@pytest.mark.skipif(not WENLV_WHOLE.exists(), reason="../shared/corpus 不在")
def test_the_management_sentence_is_held_to_the_tables_it_counts() -> None:
    """文化和旅游局 2026: “涉及一级预算项目33个，预算资金9754.42万元，其中财政拨款6733.42万元”, and its 33 绩效目标表 hold
    9,744.42, of it 财政拨款 6,743.42: each figure told. 医疗保障局 (12 projects, 14175万元, 12 tables of 14,175.00) is quiet;
    人力资源和社会保障局 counts 28 projects and prints 28 tables, one of them twice: 27 tables, the money not judged."""
    told = _held(WENLV_WHOLE)
    assert told == ["绩效管理的说明写明 33 个项目、预算资金 9,754.42万元，而印出的 33 张项目绩效目标表的年度预算资金合计为 "
                    "9,744.42万元",
                    "绩效管理的说明写明其中财政拨款 6,733.42万元，而印出的 33 张项目绩效目标表的财政拨款合计为 6,743.42万元"]
    assert _held(YIBAO_WHOLE) == []
    assert _held(RENSHE_WHOLE) == []


WANLI_2023 = Path(__file__).resolve().parent.parent / "bench" / "corpus" / "putuo-wanli-2023.pdf"


def test_a_target_table_in_yuan_is_held_in_wan_and_the_sentence_to_it() -> None:
    """上海市普陀区人民政府万里街道办事处 2023 (bench/corpus, seen): its five 财政项目支出绩效目标填报表 print their money in
    元 (“年度资金申请总额 4,100,000.00”, “项目资金（元）” below) — 410.00万元 and so on, 3,351.3343 together — while the
    绩效管理 sentence counts 5 projects and says “涉及项目预算资金3328.13万元”: told, in 万元 (the source is in 元)."""
    lines = read_published(WANLI_2023).lines
    money = target_money(lines)
    assert [t.amount for t in money] == [Decimal("410.00"), Decimal("635.10"), Decimal("456.38"), Decimal("759.55"),
                                         Decimal("1090.3043")]
    assert money[-1].fiscal == Decimal("1141.9043")
    assert _held(WANLI_2023) == ["绩效管理的说明写明 5 个项目、预算资金 3,328.13万元，而印出的 5 张项目绩效目标表的年度预算资金"
                                 "合计为 3,351.3343万元"]


FUZHOU = CORPUS / "fresh1" / "fj-fuzhou-minzhengju-benji-2026-unit-budget.pdf"


@pytest.mark.skipif(not FUZHOU.exists(), reason="../shared/corpus 不在")
def test_a_target_table_printed_again_pages_later_is_told_with_both_pages() -> None:
    """福州市民政局(本级) 2026 prints its 21 绩效目标表 under “资金总额” (福建's template), the name over “项目名称” or
    after it, 万元 cut as “情况（万” / “元）”; e福州留守困境儿童关爱帮扶专栏 (21.50) is printed on p. 28 and again, its
    lines broken elsewhere, as the last table on p. 52: told once, with both pages."""
    lines = read_published(FUZHOU).lines
    tables = target_money(lines)
    assert len(tables) == 21
    assert [(t.name, t.amount) for t in tables if t.name.startswith("e福州")] == [
        ("e福州留守困境儿童关爱帮扶专栏", Decimal("21.50"))] * 2
    found = repeated_tables(lines, FUZHOU)
    assert len(found) == 1, found
    assert "e福州留守困境儿童关爱帮扶专栏" in found[0].message
    assert "第28页" in found[0].message and "第52页" in found[0].message


def test_money_of_all_the_years_is_not_the_years_money() -> None:
    """西安's “实施期资金总额：29.78” is the money of the project's years, no year's money; 福建's bare “资金总额 21.50”
    is the year's."""
    lines = [Line(1, "项目名称   政务服务"), Line(2, "实施期资金总额：   29.78"), Line(3, "资金金额（万元）")]
    assert target_money(lines) == []
    lines[1] = Line(2, "资金总额   21.50")
    assert [t.amount for t in target_money(lines)] == [Decimal("21.50")]


XUANCHUAN = CORPUS / "sd-yantai-xuanchuanbu-2026-dept-budget.pdf"


@pytest.mark.skipif(not XUANCHUAN.exists(), reason="../shared/corpus 不在")
def test_tables_a_section_lists_again_under_its_heading_are_no_copy() -> None:
    """烟台市委宣传部 2026 prints its 部门主管专项资金's tables (pp. 29, 31) again among its 部门预算项目 (pp. 37, 39), the
    same eight pages on: a section's listing, not told; a lone table printed again pages later is (福州, above)."""
    lines = read_published(XUANCHUAN).lines
    names = [t.name for t in target_money(lines)]
    assert names.count("城市综合营销和对外宣传专项资金") == 2 and names.count("文化产业发展专项资金") == 2
    assert repeated_tables(lines, XUANCHUAN) == []
