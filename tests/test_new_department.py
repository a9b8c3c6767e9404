"""A department founded in the source's year (机构改革 creates many: 数据局, 医保局, 退役军人事务局 …) has no prior
year: its source says so with 部门概况.成立年度, check does not ask for the 上年 parts and refuses one written beside
it, and the text says “本部门于2019年新成立，没有上年……数可比” where it would compare — never a 0 or a made-up
change. The import reads the founding from the text (佛山市轨道交通局 2019 决算: “我局为 2019 年新成立单位，不存在
2018 年……”), and the parts of that 决算 its text states: 部门决算单位构成 (“我部门没有下属单位”), 机关运行经费,
预算绩效管理 (绩效自评), the 一般公共预算's 年初预算 (its stated difference), each with its line."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from reportgen.base.errors import Finding, SourceError
from reportgen.importing.pipeline import import_files
from reportgen.importing.text.text_parts import read_text_parts
from reportgen.readers.text.lines import Line
from reportgen.runners.render import check_findings
from reportgen.shaping import layouts
from tests.readback import html_text, rendered_outputs

ROOT = Path(__file__).resolve().parent.parent
BUDGET = ROOT / "tests" / "sources" / "new-department-budget-2019.yaml"
FINAL = ROOT / "tests" / "sources" / "final-national-new-2023.yaml"
FOSHAN = Path("/work/shared/corpus/gd-foshan-guidaojiaotongju-2019-dept-final.pdf")


def said(source: Path, out: Path, layout: str | None = None) -> str:
    if layout is not None:
        text = source.read_text(encoding="utf-8")
        source = out.parent / f"{out.name}.yaml"
        source.write_text(text.replace("金额单位: 万元\n", f"金额单位: 万元\n版式: {layout}\n", 1), encoding="utf-8")
    return html_text(rendered_outputs(source, out)[".html"]).replace("\n", "")


def findings(tmp_path: Path, text: str) -> list[Finding]:
    path = tmp_path / "source.yaml"
    path.write_text(text, encoding="utf-8")
    try:
        return check_findings(path)
    except SourceError as exc:
        return exc.findings


def test_a_new_department_s_budget_checks_clean_and_says_it_has_no_prior_year(tmp_path):
    assert [f.format() for f in check_findings(BUDGET)] == []
    for name, _ in layouts.shipped():
        layout = None if name == layouts.DEFAULT else name
        text = said(BUDGET, tmp_path / f"out-{name}", layout)
        assert "收入预算120.00万元；支出预算120.00万元。本部门于2019年新成立，没有上年预算数可比。" in text \
            or "本部门于2019年新成立，没有上年预算数可比。" in text.split("三公")[0] \
            or "支出预算120.00万元，其中：基本支出50.00万元，项目支出70.00万元。本部门于2019年新成立，没有上年预算数可比。" in text, \
            name  # the 收支 paragraph (上海: after 名词解释; 山东: after the tables, under 预算收支增减变化情况说明)
        assert "示例市示例数据局2019年机关运行经费财政拨款预算10.00万元。本部门于2019年新成立，没有上年预算数可比。" in text, name
        assert "比2018年" not in text and "与2018年" not in text, name


def test_a_new_department_s_final_checks_clean_and_says_it_has_no_prior_year(tmp_path):
    assert [f.format() for f in check_findings(FINAL)] == []
    for layout in (None, "上海"):
        text = said(FINAL, tmp_path / f"out-{layout}", layout)
        for sentence in ("收入支出总计120.00万元。本部门于2023年新成立，没有上年决算数可比。",
                         "财政拨款收入支出总计120.00万元。本部门于2023年新成立，没有上年决算数可比。",
                         "机关运行经费支出10.00万元。本部门于2023年新成立，没有上年决算数可比。"):
            assert sentence in text, (layout, sentence)
        assert "待补充" not in text and "与2022年度" not in text and "比2022年度" not in text, layout


def test_without_the_founding_year_the_final_asks_for_last_year_s_figures(tmp_path):
    text = FINAL.read_text(encoding="utf-8").replace("  成立年度: 2023\n", "")
    missing = {f.path for f in findings(tmp_path, text) if f.rule == "R-缺少"}
    assert {"上年.收支总计", "上年.财政拨款", "上年.一般公共预算", "三公经费.上年", "机关运行经费.上年"} <= missing


@pytest.mark.parametrize(("source", "old", "new", "path"), [
    (FINAL, "收入: {", "上年: {年度: 2022, 收支总计: 100.00}\n收入: {", "上年"),
    (FINAL, "机关运行经费: {本年: 10.00}", "机关运行经费: {本年: 10.00, 上年: 8.00, 原因: 示例}", "机关运行经费.上年"),
    (FINAL, "公务接待费: {本年: 0.50, 预算: 1.00}", "公务接待费: {本年: 0.50, 预算: 1.00, 上年: 0.40}", "三公经费.公务接待费.上年"),
    (BUDGET, "    - {科目: 2013101, 基本支出: 50.00}", "    - {科目: 2013101, 基本支出: 50.00, 上年: 40.00}",
     "支出.功能分类[1].上年"),
    (BUDGET, "机关运行经费: 10.00", "机关运行经费: {本年: 10.00, 增减额: 1.00}", "机关运行经费.增减额"),
])
def test_a_prior_year_figure_beside_the_founding_year_is_refused_at_its_line(tmp_path, source, old, new, path):
    text = source.read_text(encoding="utf-8")
    assert old in text
    found = [f for f in findings(tmp_path, text.replace(old, new)) if f.rule == "R-成立年度"]
    assert [f.path for f in found] == [path]
    line = next(n for n, row in enumerate(text.replace(old, new).splitlines(), start=1) if new.splitlines()[-1] in row
                or (path == "上年" and row.startswith("上年")))
    assert found[0].severity == "error" and found[0].line == line
    assert "新成立" in found[0].message and "矛盾" in found[0].message and found[0].file.endswith("source.yaml")


def test_a_founding_year_after_the_source_s_year_is_refused(tmp_path):
    text = BUDGET.read_text(encoding="utf-8").replace("成立年度: 2019", "成立年度: 2020")
    found = [f for f in findings(tmp_path, text) if f.rule == "R-成立年度"]
    assert [(f.path, f.line) for f in found] == [("部门概况.成立年度", 7)]


def test_a_department_founded_before_the_source_s_year_compares_as_any_other_and_is_told(tmp_path):
    text = BUDGET.read_text(encoding="utf-8").replace("成立年度: 2019", "成立年度: 2018") \
        .replace("机关运行经费: 10.00", "机关运行经费: {本年: 10.00, 上年: 8.00}")
    found = findings(tmp_path, text)
    assert [f.format() for f in found if f.severity == "error"] == []
    # used for nothing, printed nowhere: told (a warning at its line), never silently dropped
    assert [(f.severity, f.line) for f in found if f.rule == "R-成立年度"] == [("warning", 7)]
    path = tmp_path / "source.yaml"
    text = html_text(rendered_outputs(path, tmp_path / "out")[".html"]).replace("\n", "")
    assert "新成立" not in text and "机关运行经费财政拨款预算10.00万元，比2018年增加2.00万元，增长25.00%。" in text


def test_the_text_parts_read_a_new_department_s_founding_year_with_its_line():
    lines = [Line(1, "一、部门收支总体情况", page=3, line=1),
             Line(2, "2024 年本部门收入预算 120.00 万元，我委为 2024 年新组建", page=3, line=2),
             Line(3, "单位，无 2023 年预算数。", page=3, line=3)]
    founded = read_text_parts(lines).成立年度
    assert founded is not None and (founded.value, founded.where) == ("2024", "第3页 第2行")
    assert read_text_parts([Line(1, "本局成立于1985年，主要职责是……", page=1, line=1)]).成立年度 is None


@pytest.fixture(scope="module")
def foshan() -> dict:
    if not FOSHAN.exists():
        pytest.skip("the national corpus (/work/shared/corpus) is not here")
    return {"text": import_files([FOSHAN], None).source.text}


def test_foshan_s_final_is_imported_as_a_new_department_with_the_parts_its_text_states(foshan):
    text = foshan["text"]
    source = yaml.safe_load(text)
    assert source["部门概况"]["成立年度"] == 2019 and "上年" not in source
    assert source["部门概况"]["下属单位"] == []
    assert source["部门概况"]["职责"][-1] == "完成市委、市政府和上级轨道交通主管部门交办的其他任务。"
    assert source["机关运行经费"] == {"本年": 97.19}
    assert source["绩效管理"]["绩效自评"] == {"项目数": 7, "金额": 940.15}
    assert source["预算数"]["一般公共预算"]["年初预算"] == 0
    for written in ("成立年度: 2019   # 第24页 第6行", "下属单位: []   # 第4页 第20行", "本年: 97.19   # 第27页 第14行",
                    "项目数: 7   # 第28页 第8行"):
        assert written in text, written


def test_foshan_s_imported_final_asks_only_for_what_its_text_does_not_give(foshan, tmp_path):
    path = tmp_path / "foshan.yaml"
    path.write_text(foshan["text"], encoding="utf-8")
    missing = sorted(f.path for f in check_findings(path) if f.severity == "error")
    # no 年初预算 of any 项 (the 2019 template has no 五（三）) and no 绩效管理制度: the text does not state them
    assert missing == ["支出.功能分类.年初预算", "绩效管理.制度"]


def test_the_next_year_s_source_of_a_new_department_compares_with_this_year(tmp_path):
    """rollover: this year's figures become 上年, and 成立年度 is left out (the department is not new the next year)."""
    from reportgen.runners.rollover import rollover

    rolled = rollover(BUDGET, 2020, tmp_path / "next.yaml")
    text = rolled.files[tmp_path / "next.yaml"]
    assert "成立年度" not in text and "上年:\n  年度: 2019\n  收支总计: 120" in text


def test_the_final_skeleton_of_a_new_department_s_budget_asks_for_no_prior_year(tmp_path):
    """rollover --kind 决算: no 上年 to fill (its filled figures would be refused beside 成立年度), nor any part's."""
    from reportgen.runners.rollover import final_accounts

    text = final_accounts(BUDGET, tmp_path / "final.yaml").files[tmp_path / "final.yaml"]
    body = [line for line in text.splitlines() if not line.lstrip().startswith("#")]
    assert "  成立年度: 2019" in body and not [line for line in body if "上年" in line]
    assert "# 上年：本部门于 2019 年新成立（部门概况.成立年度），没有 2018 年度决算数：不写“上年”与各项的上年，" in text


def test_a_budget_s_text_gives_its_founding_year_to_the_source_unless_it_compares_with_last_year():
    from reportgen.importing.recognition.imported import Imported
    from reportgen.importing.text.text_fields import add_text_fields
    from reportgen.importing.tree import Placed

    lines = [Line(1, "一、部门收支总体情况", page=3, line=1),
             Line(2, "2024 年本部门收入预算 120.00 万元。我委为 2024 年新组建单位，无 2023 年预算数。", page=3, line=2)]
    imported, unplaced = Imported({"部门概况": {"职责": [{"": Placed("示例职责")}]}}, year=2024), []
    add_text_fields(imported, read_text_parts(lines), unplaced, with_prior=False)
    overview = imported.tree["部门概况"]
    assert isinstance(overview, dict) and overview["成立年度"] == Placed(2024, "第3页 第2行")
    assert list(overview) == ["成立年度", "职责"]
    compared = Imported({"上年": {"收支总计": Placed(100)}}, year=2024)
    add_text_fields(compared, read_text_parts(lines), unplaced, with_prior=True)
    assert "部门概况" not in compared.tree  # the two would contradict: told, not written
    assert any("新成立" in line and "第3页 第2行" in line for line in unplaced)
    last_year = Imported({}, year=2025)  # a founding the year before the document's: it has a prior year
    add_text_fields(last_year, read_text_parts(lines), [], with_prior=False)
    assert "部门概况" not in last_year.tree


def test_a_prior_year_figure_of_a_unit_beside_the_founding_year_is_refused(tmp_path):
    text = BUDGET.read_text(encoding="utf-8")
    head, _, _ = text.partition("收入:")
    units = head + """单位:
  - 名称: 示例市示例数据局本级
    收入: {一般公共预算拨款: 120.00}
    支出:
      功能分类:
        - {科目: 2013101, 基本支出: 50.00, 上年: 40.00}
        - {科目: 2013102, 项目支出: 70.00}
"""
    found = [f for f in findings(tmp_path, units) if f.rule == "R-成立年度"]
    assert [f.path for f in found] == ["单位[1].支出.功能分类[1].上年"]
