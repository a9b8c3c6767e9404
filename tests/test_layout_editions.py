"""Editions of a layout (版本): a locality's structure changes by year and between a department's
budget (部门预算) and a unit's (单位预算), and a layout says so as data — each edition names what it
is for (适用: 类型 and/or 年度) and the settings it changes, or a folder of templates it overrides.
The source's own 年度 and 类型 choose. A unit's budget in a layout with no edition for it is
rendered and warned about; 主管部门 is a unit's, refused on a department's own budget."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from reportgen.runners.render import document_for, prepare
from reportgen.shaping.layouts import LayoutError, Occasion, editions_of, resolve
from tests.test_layout_hostile import files_under, make_layout, run_cli, source_in

ROOT = Path(__file__).resolve().parent.parent
YANTIAN = ROOT / "data" / "shenzhen-yantian-zgh-2022.yaml"
WENLVJU = ROOT / "data" / "shanghai-putuo-wenlvju-2026.yaml"


def with_lines(source: Path, folder: Path, *lines: str, year: int | None = None) -> Path:
    """A copy of ``source`` with ``lines`` added after its 年度 (and that year, if given)."""
    text = source.read_text(encoding="utf-8")
    found = re.search(r"^年度: (\d+)\n", text, re.MULTILINE)
    assert found is not None
    head = f"年度: {year or found.group(1)}\n" + "".join(f"{line}\n" for line in lines)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / source.name
    rest = text[found.end():]
    if year is not None:  # the prior year's own 年度 (上年.年度) follows
        rest = re.sub(r"^(  年度: )\d+$", lambda m: f"{m.group(1)}{year - 1}", rest, flags=re.MULTILINE)
    path.write_text(text[: found.start()] + head + rest, encoding="utf-8")
    return path


def text_of(source: Path, layout: str | None = None) -> str:
    prepared = prepare(source)
    assert not prepared.errors, [f.format() for f in prepared.errors]
    return document_for(prepared, layout=layout).plain_text()


# -- chosen by the source's kind and year -------------------------------------------------------


def test_a_units_budget_is_titled_and_labelled_as_a_units_in_the_default_layout(tmp_path):
    unit = with_lines(YANTIAN, tmp_path, "类型: 单位", "主管部门: 深圳市盐田区人民政府")
    text = text_of(unit)
    assert text.startswith("深圳市盐田区总工会2022年单位预算\n（2022年单位预算公开）\n主管部门：深圳市盐田区人民政府\n")
    assert "第一部分  单位概况" in text and "单位名称：深圳市盐田区总工会" in text
    assert "部门名称：" not in text and "2022年部门预算" not in text
    department = text_of(YANTIAN)  # the same figures as a department's budget: its own words
    assert department.startswith("深圳市盐田区总工会2022年部门预算\n（2022年部门预算公开）\n")
    assert "主管部门：" not in department


def test_the_shanghai_unit_edition_words_the_cover_the_parts_and_the_tables(tmp_path):
    unit = with_lines(WENLVJU, tmp_path, "类型: 单位", "版式: 上海")
    prepared = prepare(unit)
    document = document_for(prepared)
    text = document.plain_text()
    # the cover, as the 商务委员会's published unit budget words it (the source gives 地区 and 级次)
    assert text.splitlines()[:2] == ["上海市普陀区2026年区级单位预算", "预算单位：上海市普陀区文化和旅游局"]
    assert "2026年预算单位财务收支预算总表" in text and "2026年单位“三公”经费和机关运行经费预算表" in text
    assert "编制单位：上海市普陀区文化和旅游局" in text and "编制部门：" not in text
    listed = [entry.text for entry in document.contents]
    assert "单位主要职能" in listed[0] and any("单位预算编制说明" in t for t in listed)
    assert not any("部门主要职能" in t or "部门预算表" in t for t in listed)


def test_a_year_edition_applies_to_its_years_only(tmp_path):
    """Shanghai printed the 9th table's title without its year up to 2024 (万里街道 2024)."""
    old = with_lines(WENLVJU, tmp_path / "2024", "版式: 上海", year=2024)
    new = with_lines(WENLVJU, tmp_path / "2025", "版式: 上海", year=2025)
    titles = {year: [line.strip() for line in text_of(source).splitlines() if "“三公”经费和机关运行经费预算表" in line]
              for year, source in ((2024, old), (2025, new))}
    assert titles == {2024: ["部门“三公”经费和机关运行经费预算表"], 2025: ["2025年部门“三公”经费和机关运行经费预算表"]}
    assert resolve("上海", occasion=Occasion(2024)).editions and not resolve("上海", occasion=Occasion(2025)).editions
    assert not resolve("上海").editions  # no year given: no year-bound edition


def test_a_units_budget_in_a_layout_without_a_unit_edition_is_warned_about(tmp_path, capsys):
    unit = with_lines(YANTIAN, tmp_path, "类型: 单位", "版式: 深圳")
    code, out = run_cli(capsys, "check", unit)
    assert code == 0 and "[版式-单位预算]" in out and "版式“深圳”没有适用于单位预算的版本" in out
    assert f"{unit}:6:" in out  # at the 类型 line
    data_only = make_layout(tmp_path / "mine", "名称: 我的\n基于: 上海\n")  # words what 上海 words
    mine = with_lines(YANTIAN, tmp_path / "b", "类型: 单位", f"版式: {data_only}")
    assert "版式-单位预算" not in run_cli(capsys, "check", mine)[1]


def test_a_supervising_department_belongs_to_a_units_budget(tmp_path, capsys):
    wrong = with_lines(YANTIAN, tmp_path, "主管部门: 深圳市盐田区人民政府")
    code, out = run_cli(capsys, "check", wrong)
    assert code != 0 and f"{wrong}:6:" in out and "“主管部门”只用于单位预算" in out and "Traceback" not in out


# -- an edition of the user's own layout -------------------------------------------------------


def test_an_editions_template_folder_overrides_only_for_its_occasion(tmp_path):
    cases = (("2022", True), ("{自: 2020, 至: 2022}", True), ("{自: 2023}", False), ("{至: 2021}", False))
    for index, (years, applies) in enumerate(cases):
        folder = make_layout(tmp_path / str(index), f"名称: 我的\n基于: 默认\n版本:\n  - 适用: {{年度: {years}}}\n    模板: 新\n")
        (folder / "新").mkdir()
        (folder / "新" / "other.j2").write_text('<sec t="其他重要事项"><p>新版本的其他重要事项。</p></sec>\n', encoding="utf-8")
        source = source_in(tmp_path / str(index) / "s", str(folder))
        assert ("新版本的其他重要事项。" in text_of(source)) is applies, years
    assert editions_of(tmp_path / "2") == [("2023年起", "")]
    assert editions_of(tmp_path / "3") == [("2021年及以前", "")]


@pytest.mark.parametrize(("editions", "says"), [
    ("版本: 单位\n", "“版本”应为各版本的列表"),
    ("版本: []\n", "“版本”应为各版本的列表"),
    ("版本:\n  - {标题: {部门概况: 概况}}\n", "应为含“适用”的映射"),
    ("版本:\n  - {适用: {类型: 单位}, 基于: 上海}\n", "可用的键"),
    ("版本:\n  - {适用: {}}\n", "“适用”应写 类型"),
    ("版本:\n  - {适用: {类型: 科室}}\n", "“适用.类型”应为 部门 或 单位"),
    ("版本:\n  - {适用: {年度: 二〇二四}}\n", "“适用.年度”应为一个年度"),
    ("版本:\n  - {适用: {年度: {自: 2020, 到: 2024}}}\n", "“适用.年度”应为一个年度"),
    ("版本:\n  - {适用: {类型: 单位}, 模板: ../../etc}\n", "“模板”应为本版式文件夹中的一个子文件夹"),
    ("版本:\n  - {适用: {类型: 单位}, 模板: 没有这个}\n", "“模板”应为本版式文件夹中的一个子文件夹"),
    ("版本:\n  - {适用: {类型: 单位}, 比较措辞: 决算}\n", "“比较措辞”应为 预算"),
])
def test_a_wrong_edition_is_refused_at_its_line_whatever_the_source(tmp_path, capsys, editions, says):
    """Every edition is checked, also one that does not apply to the source at hand."""
    folder = make_layout(tmp_path / "bad", "名称: 坏\n基于: 默认\n" + editions)
    source = source_in(tmp_path / "s", str(folder))
    before = files_under(tmp_path)
    code, out = run_cli(capsys, "render", source, "-o", tmp_path / "out")
    assert code != 0 and says in out and "Traceback" not in out and "内部错误" not in out
    assert re.search(rf"{re.escape(str(folder / '版式.yaml'))}:(3|4)\b", out), out
    assert files_under(tmp_path) == before
    with pytest.raises(LayoutError):
        resolve(folder, occasion=Occasion(2022, "单位"))


def test_the_layouts_command_lists_each_edition(capsys):
    code, out = run_cli(capsys, "layouts")
    assert code == 0
    assert "版本（单位）：上海市区级单位预算" in out and "版本（2024年及以前）" in out


def test_shanghai_up_to_2020_states_the_shares_and_class_comparisons_the_later_texts_drop(tmp_path):
    """The 2020 edition words 部门预算编制说明 with the structure's shares (issue 28's held-out 2020
    单位预算 keeps them; the 2024–2026 texts do not), under 上海's heading, with 三公 still in
    其他相关情况说明 only, and the 财政拨款 lines with their use as 上海 lists them."""
    old = text_of(with_lines(WENLVJU, tmp_path / "2020", "版式: 上海", year=2020))
    new = text_of(with_lines(WENLVJU, tmp_path / "2026", "版式: 上海"))
    shares = "其中：基本支出10,230.62万元，占36.79%；项目支出17,576.99万元，占63.21%。"
    assert shares in old and shares not in new
    assert "按支出功能分类：" in old and "按支出功能分类：" not in new
    section = old[old.index("2020年部门预算编制说明"):old.index("财务收支预算总表", old.index("2020年部门预算编制说明"))]
    assert "“三公”经费" not in section and old.count("2020年“三公”经费预算情况说明") == 1
    assert "主要用于区文旅发展管理中心日常运转" in section
