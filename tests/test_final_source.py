"""部门决算 as a source kind (issue 27 parts 1 and 4): `种类: 决算` in the same YAML language, read
into the same model (a 决算 row's 年初预算/全年预算/差异原因, 结余分配, 年末结转和结余, “三公” 预算数),
the budget's word refused in a 决算 and the 决算's in a budget, and the 勾稽 rules only a 决算 has —
each triggered by the smallest faulty source and silent on the same source without the fault."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from reportgen.base.errors import Finding, SourceError
from reportgen.compute import compute
from reportgen.runners.assemble import load_source
from reportgen.runners.render import check_findings
from reportgen.shaping.layouts import LayoutError, Occasion, resolve
from tests.final_sources import HEAD
from tests.test_layout_hostile import make_layout

FINAL = HEAD + """\
收入:
  一般公共预算拨款: 307.82
  年初结转和结余: 20
年末结转和结余: 10
结余分配: 5
预算数:
  一般公共预算: {年初预算: 300.00, 全年预算: 321.02, 差异原因: 人员经费支出数小于预算数}
支出:
  功能分类:
    - {科目: 2013901, 基本支出: 51.32, 全年预算: 52.00, 年初预算: 50.00, 用途: 行政单位人员支出、公用支出}
    - {科目: 2013999, 项目支出: 256.50, 全年预算: 269.02, 年初预算: 250.00, 差异原因: 项目结余}
    - {科目: 2013950, 基本支出: 5.00, 资金: 单位资金}
  基本支出:
    经济分类:
      - {科目: 30101, 金额: 51.32}
三公经费:
  因公出国（境）费: {本年: 0, 预算: 0, 上年: 0}
  公务接待费: {本年: 0.39, 预算: 2.85, 上年: 0.54}
  公务用车购置费: {本年: 0, 预算: 0, 上年: 0}
  公务用车运行维护费: {本年: 0, 预算: 0, 上年: 0}
  合计: {本年: 0.39, 预算: 2.85, 差异原因: 严格控制}
"""


def write(tmp_path: Path, text: str, name: str = "决算.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def findings(tmp_path: Path, text: str) -> list[Finding]:
    try:
        return check_findings(write(tmp_path, text))
    except SourceError as exc:
        return exc.findings


def of(rule: str, found: list[Finding]) -> list[Finding]:
    return [f for f in found if f.rule == rule]


def test_a_final_source_reads_into_the_one_model(tmp_path):
    budget = load_source(write(tmp_path, FINAL))
    assert budget.final and budget.accounts == "决算"
    assert budget.carried_over == Decimal("200000") and budget.carry_forward == Decimal("100000")
    assert budget.surplus_distributed == Decimal("50000")
    row = budget.function_rows[0]
    assert row.budget is not None and (row.budget.initial, row.budget.full) == (Decimal("500000"), Decimal("520000"))
    assert row.budget.base == ("全年预算", Decimal("520000"))
    assert budget.three_public.parts["公务接待费"].budgeted == Decimal("28500")
    figures = compute(budget)
    # 支出总计 = 本年支出 + 结余分配 + 年末结转和结余 = 收入总计 = 本年收入 + 年初结转和结余
    assert figures.expenditure_grand_total == figures.income_grand_total == Decimal("3278200")
    assert figures.completion(Decimal("3078200"), Decimal("3210200")) == Decimal("95.89")
    assert figures.completion(Decimal("3078200"), Decimal(0)) is None  # a 0 budget is said, never divided
    assert figures.three_public_budget() == Decimal("28500")


def errors_but_missing_parts(found: list[Finding]) -> list[str]:
    """The errors besides R-缺少 (FINAL leaves out parts the 上海 决算 text needs: 上年, 机关运行经费 …)."""
    return [f.format() for f in found if f.severity == "error" and f.rule != "R-缺少"]


def test_a_final_source_checks_clean(tmp_path):
    assert errors_but_missing_parts(findings(tmp_path, FINAL)) == []


def test_a_budget_source_is_unchanged_by_the_final_kind():
    """A 预算 source reads as before: 种类 预算, no 决算 figure anywhere."""
    budget = load_source(Path(__file__).resolve().parent.parent / "data" / "shanghai-putuo-wenlvju-2026.yaml")
    assert not budget.final and budget.surplus_distributed == 0 and not budget.fund_budgets
    assert all(r.budget is None and not r.other for r in budget.function_rows)


@pytest.mark.parametrize(("old", "new", "words"), [
    ("  年初结转和结余: 20", "  上年结转: 20", "“收入.上年结转”不是部门决算的写法：决算写作“收入.年初结转和结余”"),
    ("年末结转和结余: 10", "结转下年: 10", "“结转下年”不是部门决算的写法：决算写作“年末结转和结余”"),
])
def test_a_budget_word_in_a_final_source_is_refused(tmp_path, old, new, words):
    found = of("R-决算用语", findings(tmp_path, FINAL.replace(old, new)))
    assert [f.message for f in found] == [words]
    assert found[0].line == FINAL.splitlines().index(old) + 1


def test_a_final_word_in_a_budget_is_refused(tmp_path):
    budget = FINAL.replace("种类: 决算\n", "").replace("版式: 上海\n", "")
    found = of("R-决算用语", findings(tmp_path, budget))
    messages = " ".join(f.message for f in found)
    for key in ("收入.年初结转和结余", "年末结转和结余", "结余分配", "预算数", "年初预算", "全年预算", "差异原因",
                "三公经费.公务接待费.预算", "三公经费.合计.差异原因"):
        assert f"{key}”" in messages
    assert all(f.line > 0 for f in found)


def test_a_final_source_in_a_layout_without_a_final_edition_is_refused(tmp_path):
    found = of("版式", findings(tmp_path, FINAL.replace("版式: 上海", "版式: 河北")))
    assert len(found) == 1 and "没有部门决算的版本" in found[0].message and found[0].line == 1


@pytest.mark.parametrize("layout", ["深圳", "河北"])
@pytest.mark.parametrize("draft", [False, True])
def test_a_final_source_rendered_in_a_layout_without_a_final_edition_is_refused_for_that_and_never_drafted(
        tmp_path, layout, draft):
    """Not refused for a budget's field it lacks (缺少人员), and with --draft not printed as a 部门预算."""
    from reportgen.runners.render import render_source

    source = ROOT / "data" / "shanghai-putuo-guihuaziyuan-juesuan-2024.yaml"
    rendered = render_source(source, tmp_path / "out", draft=draft, layout=layout)
    assert rendered.outputs == [] and not (tmp_path / "out").exists()
    assert [(f.rule, f.path) for f in rendered.findings] == [("版式", "种类")]
    assert f"版式“{layout}”没有部门决算的版本" in rendered.findings[0].message


def test_the_balance_of_a_final_source_in_its_own_words(tmp_path):
    found = of("R-收支平衡", findings(tmp_path, FINAL.replace("结余分配: 5", "结余分配: 6")))
    assert len(found) == 1
    assert "本年支出、结余分配与年末结转和结余之和" in found[0].message and "相差 1.00万元" in found[0].message
    assert found[0].severity == "error"


def test_a_balance_off_by_its_figures_rounding_is_a_warning_not_an_error(tmp_path):
    """A 万元 决算 typed from a published one whose every figure was rounded from 元 on its own (普陀区财政局
    2024: its items sum to 2,940.06 under a printed 本年支出合计 of 2,940.05): 0.01 apart is told as the
    尾数误差 it is — a warning that the printed totals will differ — while 1.00 apart stays an error (and a
    budget's balance stays exact: tests/test_batch.py)."""
    found = of("R-收支平衡", findings(tmp_path, FINAL.replace("结余分配: 5", "结余分配: 5.01")))
    assert [(f.severity, "尾数误差之内" in f.message) for f in found] == [("warning", True)]
    assert "相差 0.01万元" in found[0].message


def test_a_fund_that_does_not_balance_with_its_carry_overs(tmp_path):
    assert of("R-财政拨款结转", findings(tmp_path, FINAL)) == []
    faulty = FINAL.replace("一般公共预算拨款: 307.82", "一般公共预算拨款: 308.82").replace(
        "年初结转和结余: 20", "年初结转和结余: 19")
    found = of("R-财政拨款结转", findings(tmp_path, faulty))
    assert len(found) == 1 and found[0].line == 10 and "财政拨款结转和结余" in found[0].message
    # stated carry-overs of the fund make it balance
    fixed = faulty + "财政拨款结转和结余:\n  年末: {一般公共预算: 1}\n"
    assert of("R-财政拨款结转", findings(tmp_path, fixed)) == []


def test_a_rounding_gap_of_wan_yuan_figures_is_no_imbalance(tmp_path):
    """Figures typed in 万元 from a published document were each rounded from 元: a sum may stand
    0.01 from its parts (half a digit per part), and no more."""
    gap = FINAL.replace("一般公共预算拨款: 307.82", "一般公共预算拨款: 307.83").replace(
        "年初结转和结余: 20", "年初结转和结余: 19.99")
    assert of("R-财政拨款结转", findings(tmp_path, gap)) == []
    in_yuan = gap.replace("金额单位: 万元", "金额单位: 元")
    assert len(of("R-财政拨款结转", findings(tmp_path, in_yuan))) == 1


def test_a_stated_budget_against_its_rows(tmp_path):
    assert of("R-预算数", findings(tmp_path, FINAL)) == []
    found = of("R-预算数", findings(tmp_path, FINAL.replace("全年预算: 321.02,", "全年预算: 321.12,")))
    assert len(found) == 1 and found[0].line == 15 and found[0].path == "预算数.一般公共预算.全年预算"
    assert "321.12万元" in found[0].message and "321.02万元" in found[0].message


def test_the_three_public_budget_against_its_parts(tmp_path):
    assert of("R-三公预算", findings(tmp_path, FINAL)) == []
    found = of("R-三公预算", findings(tmp_path, FINAL.replace("合计: {本年: 0.39, 预算: 2.85", "合计: {本年: 0.39, 预算: 3.85")))
    assert len(found) == 1 and found[0].path == "三公经费.合计.预算"


def test_a_final_figure_far_from_its_budget_wants_its_reason(tmp_path):
    assert of("R-差异原因", findings(tmp_path, FINAL)) == []  # 51.32 of 52.00: within 10%
    faulty = FINAL.replace("基本支出: 51.32, 全年预算: 52.00", "基本支出: 51.32, 全年预算: 72.00").replace(
        "全年预算: 321.02", "全年预算: 341.02")
    found = of("R-差异原因", findings(tmp_path, faulty))
    assert [f.line for f in found] == [18] and "2013901" in found[0].message and "全年预算" in found[0].message
    reasoned = faulty.replace("用途: 行政单位人员支出、公用支出}", "用途: 行政单位人员支出、公用支出, 差异原因: 人员变动}")
    assert of("R-差异原因", findings(tmp_path, reasoned)) == []


def test_spending_against_a_zero_budget_wants_its_reason(tmp_path):
    faulty = FINAL.replace("年初预算: 250.00, 差异原因: 项目结余", "年初预算: 0").replace(", 全年预算: 269.02", "")
    faulty = faulty.replace("{年初预算: 300.00, 全年预算: 321.02,", "{年初预算: 50.00, 全年预算: 52.00,")
    found = of("R-差异原因", findings(tmp_path, faulty))
    assert len(found) == 1 and "2013999" in found[0].message and "年初预算 0.00万元" in found[0].message


def test_a_final_source_may_spend_beside_basic_and_project(tmp_path):
    """上缴上级支出, 经营支出, 对附属单位补助支出 count in the row's total and the 支出总计."""
    text = FINAL.replace("{科目: 2013950, 基本支出: 5.00, 资金: 单位资金}",
                         "{科目: 2013950, 基本支出: 3.00, 经营支出: 2.00, 资金: 单位资金}")
    budget = load_source(write(tmp_path, text))
    figures = compute(budget)
    assert figures.other_spending("经营支出") == Decimal("20000")
    assert figures.expenditure_grand_total == Decimal("3278200")
    assert errors_but_missing_parts(check_findings(write(tmp_path, text))) == []


# -- a layout's edition for the final accounts ----------------------------------------------------
def test_only_an_edition_for_the_final_accounts_words_them(tmp_path):
    """A 决算 takes the editions written 适用: {种类: 决算} and no budget edition; a budget the reverse."""
    folder = make_layout(tmp_path / "版式", "名称: 试验\n基于: 默认\n版本:\n"
                         "  - {适用: {种类: 决算}, 说明: 决算的版本, 标题: {部门预算表: 部门决算表}}\n"
                         "  - {适用: {年度: {至: 2030}}, 说明: 预算的版本}\n")
    final = resolve(folder, occasion=Occasion(2024, "部门", "决算"))
    budget = resolve(folder, occasion=Occasion(2024, "部门", "预算"))
    # the default's own 决算 edition (财政部's structure) first, as the layout is based on it
    assert final.editions[1:] == ("决算的版本",) and final.editions[0].startswith("部门决算（财政部")
    assert budget.editions == ("预算的版本",)
    assert final.accounts == budget.accounts == frozenset({"预算", "决算"})
    assert resolve("河北").accounts == frozenset({"预算"})  # no edition for 决算, and templates of its own


def test_an_edition_for_an_unknown_kind_of_document_is_refused(tmp_path):
    folder = make_layout(tmp_path / "版式", "名称: 试验\n基于: 默认\n版本:\n  - {适用: {种类: 执行}, 说明: 错}\n")
    with pytest.raises(LayoutError, match="“适用.种类”应为 预算 或 决算，不是“执行”"):
        resolve(folder, occasion=Occasion(2024))


# -- figures typed in 万元 from a published document ----------------------------------------------
ROOT = Path(__file__).resolve().parent.parent
FINALS = (ROOT / "data" / "shanghai-putuo-shehuigongzuo-juesuan-2024.yaml",
          ROOT / "data" / "shanghai-putuo-guihuaziyuan-juesuan-2024.yaml")


@pytest.mark.parametrize("source", FINALS, ids=lambda p: p.stem)
def test_both_real_final_accounts_check_clean(source):
    """Both real 普陀 决算 as data/ sources: no error, no warning (their 0.01 万元 gaps — 社会工作部's
    机关运行经费 10.23 beside 公用经费 款 adding to 10.22, 规划局's 基本支出 5364.75 by function and
    5364.74 by economic class — are the published tables' rounding, within half a digit per part)."""
    assert [f.format() for f in check_findings(source)] == []


def test_a_gap_beyond_rounding_is_still_told(tmp_path):
    """The same two rules with a gap no rounding explains: 机关运行经费 0.10 万元 above 公用经费."""
    text = FINALS[0].read_text(encoding="utf-8")
    assert "  本年: 10.23\n  增减额: 10.23" in text
    found = findings(tmp_path, text.replace("  本年: 10.23\n  增减额: 10.23", "  本年: 10.33\n  增减额: 10.33"))
    assert [f.rule for f in found if f.severity == "error"] == ["R-机关运行经费"]
    in_yuan = FINAL.replace("金额单位: 万元", "金额单位: 元") + "机关运行经费: 51.33\n"
    assert "R-机关运行经费" in [f.rule for f in findings(tmp_path, in_yuan)]  # 元: exact


# -- a budget's own fields in a 决算, and reasons the 决算 text has no place for -----------------------
@pytest.mark.parametrize(("old", "new", "path"), [
    ("部门概况:\n  职责: [示例职责]", "部门概况:\n  职责: [示例职责]\n  人员: {编制: 3}", "部门概况.人员"),
    ("部门概况:\n  职责: [示例职责]", "级次: 区级\n部门概况:\n  职责: [示例职责]", "级次"),
    ("用途: 行政单位人员支出、公用支出}", "用途: 行政单位人员支出、公用支出, 上年: 50.00}", "支出.功能分类[1].上年"),
    ("  公务接待费: {本年: 0.39, 预算: 2.85, 上年: 0.54}", "  公务接待费: {本年: 0.39, 预算: 2.85, 上年: 0.54, 上年执行数: 1}",
     "三公经费.公务接待费.上年执行数"),
    ("三公经费:\n", "国有资产: {截至: 2024年12月31日, 车辆: 0, 通用设备: 1}\n三公经费:\n", "国有资产.通用设备"),
    ("  下属单位: []", "  下属单位: [某中心]\n  机构设置: 内设三个科室", "部门概况.机构设置"),
])
def test_a_budgets_own_field_in_a_final_source_is_refused(tmp_path, old, new, path):
    assert old in FINAL
    found = of("R-决算用语", findings(tmp_path, FINAL.replace(old, new)))
    assert [f.path for f in found] == [path] and found[0].line > 0
    assert of("R-决算用语", findings(tmp_path, FINAL)) == []


def test_a_reason_the_final_text_has_no_place_for_is_told(tmp_path):
    """差异原因 on a row whose 决算数 equals its 预算数, 原因 on a “三公” part that did not change."""
    flat = FINAL.replace("基本支出: 51.32, 全年预算: 52.00, 年初预算: 50.00, 用途: 行政单位人员支出、公用支出}",
                         "基本支出: 51.32, 全年预算: 51.32, 年初预算: 50.00, 用途: 行政单位人员支出、公用支出, 差异原因: 无}")
    flat = flat.replace("全年预算: 321.02", "全年预算: 320.34")
    found = of("R-决算不印", findings(tmp_path, flat))
    assert [(f.line, f.path) for f in found] == [(18, "支出.功能分类.差异原因")] and "持平" in found[0].message
    some = FINAL.replace("  公务用车购置费: {本年: 0, 预算: 0, 上年: 0}", "  公务用车购置费: {本年: 0, 预算: 0}")
    assert [f.path for f in of("R-决算不印", findings(tmp_path, some))] == ["三公经费.因公出国（境）费.上年"]
    same = FINAL.replace("  公务接待费: {本年: 0.39, 预算: 2.85, 上年: 0.54}",
                         "  公务接待费: {本年: 0.39, 预算: 2.85, 上年: 0.39, 原因: 无变化}")
    assert [f.path for f in of("R-决算不印", findings(tmp_path, same))] == ["三公经费.公务接待费.原因"]
    assert of("R-决算不印", findings(tmp_path, FINAL)) == []


def test_a_self_evaluation_that_cannot_be_is_refused(tmp_path):
    """绩效自评: 平均得分 is out of 100, and the projects rated 优/良/合格/不合格 are at most the projects."""
    stage = "绩效管理:\n  绩效自评: {项目数: 2, 金额: 10, 平均得分: 99.33, 优: 1, 良: 1}\n"
    assert of("R-绩效评级", findings(tmp_path, FINAL + stage)) == []
    found = findings(tmp_path, FINAL + stage.replace("平均得分: 99.33, 优: 1", "平均得分: 130, 优: 2"))
    assert [f.path for f in found if f.rule == "格式"] == ["绩效管理.绩效自评.平均得分"]
    rated = of("R-绩效评级", found)
    assert len(rated) == 1 and "3 大于绩效自评的项目数 2" in rated[0].message and rated[0].line > 0
