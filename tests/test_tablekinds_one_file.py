"""Issue 82 parts 2 and 4: a table kind is one file. 江苏's 公开11表 一般公共预算机关运行经费支出预算表 (江苏省人民检察院
2017, pp. 14–15: 机关运行经费 by economic class, its 合计 row the department's 机关运行经费), defined in one YAML file in a
copy of the definitions under its own 编号 — which no Python file knows — with the render builder (构建), the import
builder (导入.构建) and the role (角色) its 合计 needs, and the 机关运行经费表's file taken out: every layout that prints it
by default prints it and import reads its figure back from the rendered document with the import builder it names.
Nothing in Python was edited (tests/test_tablekinds_named.py: no Python file names a kind). Review does not judge this
table's one 合计 cell (status unknown: its statement is told under the table before it) — as it does not the shipped
机关运行经费表's in the 河南 layout: a gap of review's, not of the definition."""

from __future__ import annotations

import shutil
from decimal import Decimal
from pathlib import Path

import pytest

from reportgen import tablekinds
from reportgen.importing.pipeline import import_files
from reportgen.importing.tree import Placed
from reportgen.runners.render import render_source

ROOT = Path(__file__).resolve().parent.parent
# 普陀区城市管理行政执法局 2026: 机关运行经费 507.25 万元 (5,072,500 元)
SOURCE = ROOT / "data" / "shanghai-putuo-chengguan-2026.yaml"
KIND = "一般公共预算机关运行经费支出预算表"
DEFINITION = f"""\
# 江苏 公开11表（江苏省人民检察院 2017）：机关运行经费按经济分类，合计行是部门的机关运行经费
编号: {KIND}
说明: {KIND}
次序: 11
角色: running_costs
构建: running_costs
略去: {{不公开: [机关运行经费]}}
印出:
  默认: {{标题: "{{年}}年{KIND}"}}
导入:
  名称: [{KIND}, 机关运行经费支出预算表]
  形状: 科目
  构建: running_costs
  必备: 否
"""


@pytest.fixture
def one_file(tmp_path, monkeypatch):
    """The shipped definitions copied, the 机关运行经费表 taken out and the new kind in its one file."""
    kinds = tmp_path / "kinds"
    shutil.copytree(tablekinds.DIRECTORY, kinds)
    old = tablekinds.role("running_costs")
    (kinds / f"{old}.yaml").unlink()
    (kinds / f"{KIND}.yaml").write_text(DEFINITION, encoding="utf-8")
    monkeypatch.setattr(tablekinds, "DIRECTORY", kinds)
    return tmp_path


def _rendered(folder: Path, formats: tuple[str, ...]) -> Path:
    result = render_source(SOURCE, folder, formats=formats, layout="默认")
    assert result.outputs, [f.format() for f in result.findings]
    return next(p for p in result.outputs if p.suffix == f".{formats[0]}")


def test_a_kind_of_code_builders_defined_in_one_file_is_printed_and_read_back(one_file):
    assert tablekinds.role("running_costs") == KIND
    html = _rendered(one_file / "html", ("html",)).read_text(encoding="utf-8")
    assert f"2026年{KIND}" in html and "5,072,500" in html
    result = import_files([_rendered(one_file / "docx", ("docx",))], None)
    assert KIND in result.imported.tables
    running = result.imported.tree["机关运行经费"]
    assert isinstance(running, dict)
    placed = running["本年"]
    assert isinstance(placed, Placed) and placed.value == Decimal(5072500)
    assert str(placed.where).startswith(KIND), placed.where  # its own table's 合计 row, by its import builder


def test_code_asks_for_a_kind_by_its_role_and_its_fund():
    assert [tablekinds.role(name) for name in ("summary", "spending", "projects")] == ["收支总表", "支出总表", "项目支出表"]
    assert tablekinds.role("no such role") == ""
    assert tablekinds.fund_table("政府性基金") == "政府性基金预算支出表"
    assert tablekinds.with_ids("横排: [${summary}-财务收支], ${unknown}") == "横排: [收支总表-财务收支], ${unknown}"


def test_a_role_is_one_kind_s_and_a_variant_names_a_builder_of_reportgen(tmp_path, monkeypatch):
    from reportgen.tables.registry import variants

    kinds = tmp_path / "kinds"
    shutil.copytree(tablekinds.DIRECTORY, kinds)
    (kinds / f"{KIND}.yaml").write_text(DEFINITION, encoding="utf-8")  # the 机关运行经费表 kept: its role twice
    with pytest.raises(tablekinds.DefinitionError, match="角色 running_costs"):
        tablekinds.kinds(kinds)
    (kinds / f"{KIND}.yaml").write_text(DEFINITION.replace("角色: running_costs\n", "变体: {决算: no_builder}\n"),
                                        encoding="utf-8")
    monkeypatch.setattr(tablekinds, "DIRECTORY", kinds)
    with pytest.raises(tablekinds.DefinitionError, match="no_builder"):
        variants()


def test_an_import_builder_a_definition_names_is_one_of_reportgen_s(tmp_path, monkeypatch):
    """导入.构建 names the import builder as 构建 names render's: each kind naming one is given to it, by 次序; a name
    reportgen has no builder of is told with the definition's file when import first builds."""
    from reportgen.importing.budget.build import IMPORT_BUILDERS, _built_by

    assert {name: _built_by(name) for name in IMPORT_BUILDERS} == {
        "general_prior": ["一般公共预算支出表"], "three_public": ["三公经费支出表"], "running_costs": ["机关运行经费表"],
        "procurement": ["支出总表"]}
    kinds = tmp_path / "kinds"
    shutil.copytree(tablekinds.DIRECTORY, kinds)
    (kinds / f"{KIND}.yaml").write_text(DEFINITION.replace("角色: running_costs\n", "").replace(
        "  构建: running_costs\n", "  构建: no_builder\n"), encoding="utf-8")
    monkeypatch.setattr(tablekinds, "DIRECTORY", kinds)
    with pytest.raises(tablekinds.DefinitionError, match=f"{KIND}.yaml.*no_builder"):
        _built_by("running_costs")


def test_a_definition_edited_is_read_again_except_within_one_reading(tmp_path):
    """tablekinds.read_once (a render's one reading of the definitions): inside it an edit made since the first
    reading is not seen; before and after it every call sees the folder as it is."""
    kinds = tmp_path / "kinds"
    shutil.copytree(tablekinds.DIRECTORY, kinds)
    first = tablekinds.kinds(kinds)
    edited = kinds / "项目支出表.yaml"
    with tablekinds.read_once():
        assert tablekinds.kinds(kinds) is first
        edited.write_text(edited.read_text(encoding="utf-8").replace("次序: ", "次序: 9", 1), encoding="utf-8")
        assert tablekinds.kinds(kinds) is first
    after = tablekinds.kinds(kinds)
    assert after is not first and [k.order for k in after if k.id == "项目支出表"] != [k.order for k in first if k.id == "项目支出表"]
