"""上年执行数: last year's spending compared beside (or instead of) last year's budget, never
taken for it, at every level the source gives it; worded, tabled, checked and rolled over."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from reportgen.runners.render import document_for, prepare, render_source
from reportgen.runners.rollover import dump, rollover
from reportgen.source.loader import referenced_files
from tests.readback import docx_tables, html_tables

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "data" / "example-execution-2024.yaml"
YANTIAN = ROOT / "data" / "shenzhen-yantian-zgh-2022.yaml"


def text_of(source: Path) -> str:
    prepared = prepare(source)
    assert not prepared.errors, [f.format() for f in prepared.errors]
    return document_for(prepared).plain_text()


def findings_of(source: Path) -> list[str]:
    return [f"{f.rule}|{f.path}|{f.message}" for f in prepare(source).findings]


def write(tmp_path: Path, data: dict, name: str = "source.yaml") -> Path:
    path = tmp_path / name
    path.write_text("\n".join(dump(data)) + "\n", encoding="utf-8")
    return path


def example_data() -> dict:
    return yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))


# -- the text -------------------------------------------------------------------------------
def test_execution_alone_is_compared_as_execution_and_never_as_a_budget():
    text = text_of(EXAMPLE)
    # 收支总计 540 against 512.36: +27.64, 27.64 / 512.36 = 5.3946…% → 5.39%
    assert "收入预算540.00万元，比2023年执行数增加27.64万元，增长5.39%" in text
    # 基本支出 370 against 380.12: −10.12, 2.6623…% → 2.66%
    assert "基本支出370.00万元，比2023年执行数减少10.12万元，下降2.66%" in text
    # a project's execution, from the section by its name, and one given inline
    assert "示例劳动竞赛经费60.00万元，比2023年执行数增加1.80万元，增长3.09%" in text
    assert "示例职工服务阵地运行经费110.00万元，比2023年执行数增加35.96万元，增长48.57%" in text
    # the 三公 parts and 机关运行经费 from the section
    assert "公务接待费1.00万元，比2023年执行数增加0.14万元，增长16.28%" in text
    assert "机关运行经费财政拨款预算50.00万元，比2023年执行数增加2.20万元，增长4.60%" in text
    # every comparison names its base: none is worded as one with last year's budget
    assert not re.search(r"比2023年(增加|减少)|与2023年持平|2023年预算", text)
    assert "为新增项目" not in text  # a project without a 上年 budget is not "new" against its execution


def test_both_bases_are_worded_each_as_what_it_is(tmp_path):
    data = yaml.safe_load(YANTIAN.read_text(encoding="utf-8"))
    data["上年执行数"] = {"收支总计": "1200", "基本支出": "900"}
    text = text_of(write(tmp_path, data))
    before = text_of(YANTIAN)
    match = re.search(r"收入预算([0-9,.]+)万元，比2021年预算(增加|减少)[^；]*；比2021年执行数(增加|减少)[0-9,.]+万元", text)
    assert match, text[:600]
    # the budget comparison itself is the same as without 上年执行数, but for the word 预算
    plain = re.search(r"收入预算[0-9,.]+万元，比2021年((增加|减少)[0-9,.]+万元，(增长|下降)[0-9.]+%)", before)
    assert plain and f"比2021年预算{plain.group(1)}；比2021年执行数" in text


def test_a_base_without_its_figure_says_nothing(tmp_path):
    data = example_data()
    del data["上年执行数"]["基本支出"]
    text = text_of(write(tmp_path, data))
    assert re.search(r"基本支出370\.00万元，其中", text)  # no comparison at all, and no 上年预算 instead


# -- the tables -----------------------------------------------------------------------------
def test_table_5_and_the_three_public_table_show_the_execution(tmp_path):
    result = render_source(EXAMPLE, tmp_path)
    assert result.outputs
    for tables in (docx_tables(tmp_path / "example-execution-2024.docx"),
                   html_tables(tmp_path / "example-execution-2024.html")):
        general = tables.titled("一般公共预算支出表")
        assert general[0][-3:] == ["上年执行数", "增减额", "增减率"]
        rows = {row[0]: row for row in general}
        assert rows["合计"][-3:] == ["512.36", "27.64", "5.39%"]
        assert rows["2012901"][-3:] == ["334.46", "-14.46", "-4.32%"]
        assert rows["20805"][-3:] == ["", "", ""]  # not given: blank, never 0.00
        three = {row[0]: row for row in tables.titled("三公")}
        assert three["2023年执行数"][1:] == ["3.96", "0.00", "0.86", "3.10", "0.00", "3.10"]
        assert three["比执行数增减"][1] == "0.04"
        assert "2023年" not in three  # no budget row: the source gives no 上年 budget


def test_sources_without_execution_keep_their_tables(tmp_path):
    render_source(YANTIAN, tmp_path)
    general = docx_tables(tmp_path / "shenzhen-yantian-zgh-2022.docx").titled("一般公共预算支出表")
    assert "上年执行数" not in general[0]


# -- the checks -----------------------------------------------------------------------------
def test_parts_of_the_execution_add_up(tmp_path):
    data = example_data()
    data["上年执行数"]["人员经费"] = "330.00"  # 330.00 + 49.72 ≠ 380.12
    data["上年执行数"]["三公经费"]["合计"] = "4.96"
    data["上年执行数"]["功能分类"]["20129"] = "460"  # its lines (项) say 466.70
    found = findings_of(write(tmp_path, data))
    rules = [f for f in found if f.startswith("R-执行数合计")]
    assert any("基本支出" in f and "相差 0.40万元" in f for f in rules), found
    assert any("三公" in f for f in rules)
    assert any("功能分类 20129" in f for f in rules)


def test_an_execution_for_what_the_budget_does_not_have_is_refused(tmp_path):
    data = example_data()
    data["上年执行数"]["项目"]["示例劳动竞赛经 费"] = "1"
    found = findings_of(write(tmp_path, data))
    assert any("R-上年执行数" in f and "您是否想写“示例劳动竞赛经费”" in f for f in found), found
    data = example_data()
    data["上年执行数"]["三公经费"]["会议费"] = "1"
    found = findings_of(write(tmp_path, data))
    assert any("会议费" in f and "公务接待费" in f for f in found), found


def test_an_execution_given_twice_must_agree(tmp_path):
    data = example_data()
    data["支出"]["项目"][0]["上年执行数"] = "50"  # the section says 58.20
    found = findings_of(write(tmp_path, data))
    assert any("R-上年执行数" in f and "两处" in f for f in found), found


def test_a_reason_needs_a_figure_of_the_base_it_explains(tmp_path):
    data = example_data()
    del data["上年执行数"]["收支总计"]
    found = findings_of(write(tmp_path, data))
    assert any(f.startswith("R-原因无比较|变动原因.收支总计") and "上年执行数.收支总计" in f for f in found), found


def test_last_years_final_figures_as_a_file(tmp_path):
    """上年执行数.来源: last year's 决算 in the source format; its own figures are the execution."""
    last = example_data()
    last["年度"] = 2023
    del last["上年执行数"], last["变动原因"]
    for row in last["支出"]["功能分类"]:
        row.pop("上年执行数", None)
        row.pop("原因", None)
    for project in last["支出"]["项目"]:
        project.pop("上年执行数", None)
    write(tmp_path, last, "final-2023.yaml")
    data = example_data()
    data["上年执行数"] = {"来源": "final-2023.yaml"}
    for project in data["支出"]["项目"]:
        project.pop("上年执行数", None)
    for row in data["支出"]["功能分类"]:
        row.pop("上年执行数", None)
    source = write(tmp_path, data)
    text = text_of(source)
    assert "收入预算540.00万元，与2023年执行数持平" in text
    assert (tmp_path / "final-2023.yaml").resolve() in referenced_files(source)


# -- rollover -------------------------------------------------------------------------------
def test_rollover_leaves_the_execution_to_fill(tmp_path):
    source = tmp_path / EXAMPLE.name
    source.write_bytes(EXAMPLE.read_bytes())
    result = rollover(source)
    (text,) = result.files.values()
    new = yaml.safe_load(text)
    assert new["上年执行数"]["年度"] == 2024
    assert new["上年执行数"]["收支总计"] == "待填写"
    assert new["上年执行数"]["项目"] == {"示例劳动竞赛经费": "待填写", "示例职工服务阵地运行经费": "待填写"}
    assert all("上年执行数" not in row for row in new["支出"]["功能分类"])  # two years back by then
    assert new["上年"]["收支总计"] == 540  # this year's budget becomes the new 上年
    assert "“上年执行数”一节写作“待填写”" in text


@pytest.mark.parametrize("field", ["上年执行数"])
def test_the_schema_documents_the_execution(field):
    from reportgen.source.schema import source_schema

    schema = source_schema()
    assert field in schema["properties"]
    assert "上年执行数" in schema["$defs"]["项目"]["properties"]
    assert "上年执行数" in schema["$defs"]["功能分类行"]["properties"]


# -- 展示.比较: the base, set once ------------------------------------------------------------
def test_the_base_set_once_rules_every_sentence(tmp_path):
    data = yaml.safe_load(YANTIAN.read_text(encoding="utf-8"))
    data["上年执行数"] = {"收支总计": "1200"}
    data.setdefault("展示", {})["比较"] = "预算"
    source = write(tmp_path, data)
    assert text_of(source) == text_of(YANTIAN)  # as without 上年执行数: the budget alone, plainly worded
    assert any(f.startswith("R-比较基数") and "不与执行数比较" in f for f in findings_of(source))
    data["展示"]["比较"] = "执行数"  # a reason explains a change against the base, which 机关运行经费 has not
    errors = {f.rule: f.message for f in prepare(write(tmp_path, data)).errors}
    assert "机关运行经费.上年执行数" in errors["R-原因无比较"]
    data["机关运行经费"]["上年执行数"] = "20"
    data["三公经费"] = {name: (value["本年"] if isinstance(value, dict) else value)
                    for name, value in data["三公经费"].items() if name != "合计"}
    data.pop("变动原因", None)
    for row in data["支出"]["功能分类"]:
        row.pop("原因", None)
    text = text_of(write(tmp_path, data))
    assert "收入预算" in text and "比2021年执行数" in text
    assert not re.search(r"比2021年(预算)?(增加|减少)|与2021年持平", text)


def test_a_base_without_figures_is_refused(tmp_path):
    data = yaml.safe_load(YANTIAN.read_text(encoding="utf-8"))
    data.setdefault("展示", {})["比较"] = "两者"
    errors = [f for f in prepare(write(tmp_path, data)).errors if f.rule == "R-比较基数"]
    assert errors and "没有上年执行数" in errors[0].message and errors[0].line
