"""A department of several budget units (单位): consolidated figures, a row per unit under the
department's row in 表2/表3/项目支出表, and every structural check per unit and for the whole."""

from __future__ import annotations

import shutil
from decimal import Decimal
from pathlib import Path

import pytest

from reportgen.base.errors import SourceError
from reportgen.compute import compute
from reportgen.runners.assemble import load_source
from reportgen.runners.render import prepare, render_source
from tests.readback import docx_tables, docx_text, find_row, html_tables, html_text

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "data" / "example-two-units-2024.yaml"
UNIT_FILE = "units/example-two-units-2024-sanatorium.yaml"
FORMATS = ("html", "docx")
T2_INCOME, T3_SPENDING, T10_PROJECTS = "部门收入总表", "部门支出总表", "项目支出表"  # found by title
万 = Decimal(10000)


@pytest.fixture()
def example(tmp_path: Path) -> Path:
    """A copy of the two-unit example (and its unit file) to change."""
    shutil.copy(EXAMPLE, tmp_path / EXAMPLE.name)
    (tmp_path / "units").mkdir()
    shutil.copy(EXAMPLE.parent / UNIT_FILE, tmp_path / UNIT_FILE)
    return tmp_path / EXAMPLE.name


def edit(path: Path, old: str, new: str) -> Path:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def rule_findings(path: Path, rule: str):  # type: ignore[no-untyped-def]
    return [f for f in prepare(path).findings if f.rule == rule]


# -- consolidation ---------------------------------------------------------------------------------------
def test_department_figures_are_the_sum_of_its_units():
    budget = load_source(EXAMPLE)
    figures = compute(budget)
    assert [u.department for u in budget.units] == ["示例市总工会本级", "示例市职工疗养院"]
    assert budget.income["一般公共预算拨款"] == 560 * 万 and budget.income["事业收入"] == 80 * 万
    assert figures.income_grand_total == sum((f.income_grand_total for f in figures.unit_figures), Decimal(0))
    assert (figures.basic, figures.project) == (460 * 万, 180 * 万)
    assert figures.personnel == 385 * 万 and figures.public == 75 * 万
    economic = {r.code: r.amount for r in budget.economic_rows}
    assert economic["30101"] == 150 * 万  # 90 + 60 from the two units: one row per code
    assert [r.code for r in budget.economic_rows] == sorted(economic)
    assert [p.unit for p in budget.projects] == ["示例市总工会本级"] * 2 + ["示例市职工疗养院"]


def test_example_checks_clean():
    prepared = prepare(EXAMPLE)
    assert prepared.findings == [], [f.format() for f in prepared.findings]


# -- rendering --------------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[str, list]]:
    out = tmp_path_factory.mktemp("units")
    result = render_source(EXAMPLE, out)
    assert result.outputs, [f.format() for f in result.findings]
    html, docx = out / f"{EXAMPLE.stem}.html", out / f"{EXAMPLE.stem}.docx"
    return {"html": (html_text(html), html_tables(html)), "docx": (docx_text(docx), docx_tables(docx))}


@pytest.mark.parametrize("fmt", FORMATS)
def test_income_table_has_a_row_per_unit_under_the_department(rendered, fmt):
    table = rendered[fmt][1].titled(T2_INCOME)
    keys = [row[0] for row in table if row and row[0]]
    at = keys.index("示例市总工会")
    assert keys[at - 1:at + 3] == ["合计", "示例市总工会", "901001 示例市总工会本级", "901002 示例市职工疗养院"]
    assert find_row([table], "示例市总工会")[1] == "640.00"
    assert find_row([table], "901001 示例市总工会本级")[1:4] == ["410.00", "410.00", "410.00"]
    sanatorium = find_row([table], "901002 示例市职工疗养院")
    assert sanatorium[1:4] == ["230.00", "230.00", "150.00"] and sanatorium[7] == "80.00"  # 事业收入


@pytest.mark.parametrize("fmt", FORMATS)
def test_spending_table_groups_function_rows_by_unit(rendered, fmt):
    table = rendered[fmt][1].titled(T3_SPENDING)
    assert find_row([table], "合计")[1:4] == ["640.00", "460.00", "180.00"]
    assert find_row([table], "901001") == ["901001", "示例市总工会本级", "410.00", "310.00", "100.00"]
    assert find_row([table], "901002") == ["901002", "示例市职工疗养院", "230.00", "150.00", "80.00"]
    codes = [row[0] for row in table]
    sanatorium = codes.index("901002")
    assert codes[sanatorium + 1:] == ["201", "20129", "2012950"]  # the unit's own rows follow it
    assert "2012950" not in codes[:sanatorium]


@pytest.mark.parametrize("fmt", FORMATS)
def test_project_table_groups_projects_by_unit(rendered, fmt):
    table = rendered[fmt][1].titled(T10_PROJECTS)
    assert find_row([table], "901002 示例市职工疗养院")[1:] == ["80.00", "50.00", "30.00"]
    names = [row[0] for row in table]
    assert names.index("示例职工疗休养服务") == names.index("901002 示例市职工疗养院") + 1


@pytest.mark.parametrize("fmt", FORMATS)
def test_narrative_speaks_of_the_consolidated_figures(rendered, fmt):
    text = rendered[fmt][0]
    for sentence in ("纳入示例市总工会2024年部门预算编制范围的单位共2个：示例市总工会本级、示例市职工疗养院",
                     "收入预算640.00万元，比2023年增加40.00万元，增长6.67%",
                     "示例市总工会本级收入预算410.00万元，占64.06%", "示例市职工疗养院收入预算230.00万元，占35.94%",
                     "基本支出460.00万元，占71.88%；项目支出180.00万元，占28.13%",
                     "人员经费385.00万元，主要包括在职人员工资福利支出、社会保障缴费和离退休人员经费"):
        assert sentence in text, sentence


# -- checks per unit and for the whole ----------------------------------------------------------------------
def test_an_unbalanced_unit_file_is_named_with_its_file_and_line(example):
    unit_file = edit(example.parent / UNIT_FILE, "事业收入: 80", "事业收入: 90")
    findings = rule_findings(example, "R-收支平衡")
    unit = [f for f in findings if "单位“示例市职工疗养院”" in f.message]
    assert unit and unit[0].file == str(unit_file.resolve()) and unit[0].line > 0
    assert any(f.file == str(example) for f in findings if f not in unit)  # and the department's whole


def test_an_inline_unit_finding_points_into_the_department_file(example):
    edit(example, "{科目: 30101, 金额: 90}", "{科目: 30101, 金额: 91}")
    unit = [f for f in rule_findings(example, "R-基本支出一致") if "单位“示例市总工会本级”" in f.message]
    assert unit and unit[0].file == str(example) and unit[0].path.startswith("单位[1].")


def test_a_line_two_units_both_spend_on_is_their_sum(example):
    """Two units' rows of one 项 (each with its split) are one line of the department: its 合计 the sum of theirs,
    once each (2080505: 本级 30 and the sanatorium 5), never a unit's counted twice against the split."""
    unit_file = example.parent / UNIT_FILE
    edit(unit_file, "一般公共预算拨款: 150", "一般公共预算拨款: 155")
    edit(unit_file, "    - {科目: 2012950, 基本支出: 150}", "    - {科目: 2012950, 基本支出: 150}\n    - {科目: 2080505, 基本支出: 5}")
    edit(unit_file, "{科目: 30108, 金额: 15}", "{科目: 30108, 金额: 20}")
    rows = [r for r in load_source(example).function_rows if r.code == "2080505"]
    assert len(rows) == 1 and rows[0].total == 35 * 万 and rows[0].stated_total == 35 * 万
    assert rule_findings(example, "R-填报合计") == []


def test_units_must_give_the_same_detail(example):
    unit_file = example.parent / UNIT_FILE
    text = unit_file.read_text(encoding="utf-8")
    stated_split = "    人员经费: 135\n    公用经费: 15\n"  # instead of its 经济分类 rows
    unit_file.write_text(text.split("    经济分类:\n")[0] + stated_split + "  项目:\n" + text.split("  项目:\n")[1],
                         encoding="utf-8")
    assert load_source(example).units[1].stated_personnel == 135 * 万
    messages = [f.message for f in rule_findings(example, "R-单位明细")]
    assert any("示例市总工会本级”填报了基本支出经济分类明细" in m and "示例市职工疗养院”没有" in m for m in messages)


def test_department_figures_beside_units_are_refused(example):
    edit(example, "三公经费:", "收入:\n  一般公共预算拨款: 560\n\n三公经费:")
    with pytest.raises(SourceError) as caught:
        load_source(example)
    assert any(f.rule == "R-单位合计" and "由各单位合计" in f.message for f in caught.value.findings)


def test_missing_unit_file_is_named(example):
    (example.parent / UNIT_FILE).unlink()
    with pytest.raises(SourceError) as caught:
        load_source(example)
    finding = caught.value.findings[0]
    assert finding.rule == "R-单位文件" and "不存在" in finding.message and finding.line > 0


def test_unit_file_of_another_year_is_refused(example):
    edit(example.parent / UNIT_FILE, "年度: 2024", "年度: 2023")
    with pytest.raises(SourceError) as caught:
        load_source(example)
    assert any("是 2023 年的" in f.message for f in caught.value.findings)


def test_unit_needs_its_figures_or_a_file(example):
    edit(example, "    包含: units/example-two-units-2024-sanatorium.yaml\n", "")
    with pytest.raises(SourceError) as caught:
        load_source(example)
    assert any("缺少必填字段“收入”（或用“包含”指向单位源文件）" in f.message for f in caught.value.findings)


def test_duplicate_unit_names_are_an_error(example):
    edit(example, "  - 名称: 示例市职工疗养院", "  - 名称: 示例市总工会本级")
    edit(example.parent / UNIT_FILE, "名称: 示例市职工疗养院\n", "")
    assert any("重复出现" in f.message for f in rule_findings(example, "R-单位"))


def test_two_units_may_each_have_a_project_of_one_name(example):
    edit(example.parent / UNIT_FILE, "名称: 示例职工疗休养服务", "名称: 示例劳动竞赛经费")
    assert rule_findings(example, "R-重复") == []
    edit(example, "{名称: 示例困难职工帮扶资金,", "{名称: 示例劳动竞赛经费,")  # twice within one unit
    messages = [f.message for f in rule_findings(example, "R-重复")]
    assert any(m.startswith("单位“示例市总工会本级”：项目“示例劳动竞赛经费”重复出现") for m in messages)
