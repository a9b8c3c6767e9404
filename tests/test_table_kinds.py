"""A table kind is one definition (reportgen/tablekinds/*.yaml), read by render, import and review alike:
adding one — here 北京's 预算10表 政府采购预算明细表 (/work/shared/corpus/bj-shangwuju-2026-dept-budget-tables.pdf,
p. 26: 采购类别 | 金额, A-货物, B-工程, C-服务, 合计), a table no shipped layout prints — in a copy of the
definitions is that one file, and then every shipped layout prints it, import reads its figures back from the
rendered document, and check --against judges them. The layouts' table lists extend the default's."""

from __future__ import annotations

import shutil
from decimal import Decimal
from pathlib import Path

import pytest

from reportgen import tablekinds
from reportgen.importing.pipeline import import_files
from reportgen.importing.tree import Placed
from reportgen.review import review
from reportgen.runners.render import render_source
from reportgen.shaping import layouts

ROOT = Path(__file__).resolve().parent.parent
# 普陀区城市管理行政执法局 2026 (第21页): 政府采购 货物 77.10、工程 0、服务 518.18 万元, written in 元
SOURCE = ROOT / "data" / "shanghai-putuo-chengguan-2026.yaml"
STATED = {"货物": Decimal(771000), "工程": Decimal(0), "服务": Decimal(5181800)}

DEFINITION = """\
# 北京市商务局 2026 年部门预算报表 预算10表（金额单位：万元）：采购类别 | 金额；A-货物、B-工程、C-服务、合 计
编号: 政府采购预算明细表
说明: 政府采购预算明细表
次序: 12
列: [采购类别, 金额]
合计: 合计
行:
  - {名称: [A-货物], 字段: 政府采购.货物}
  - {名称: [B-工程], 字段: 政府采购.工程}
  - {名称: [C-服务], 字段: 政府采购.服务}
印出:
  默认: {标题: "{年}年政府采购预算明细表"}
导入:
  名称: [政府采购预算明细表, 政府采购预算表]
  形状: 科目
  必备: 否
  列: {名称: [采购类别]}
"""
TITLE = "2026年政府采购预算明细表"


@pytest.fixture
def added_kind(tmp_path, monkeypatch):
    """The shipped definitions copied, and one more kind in the copy: reportgen reads the copy."""
    kinds = tmp_path / "kinds"
    shutil.copytree(tablekinds.DIRECTORY, kinds)
    (kinds / "政府采购预算明细表.yaml").write_text(DEFINITION, encoding="utf-8")
    monkeypatch.setattr(tablekinds, "DIRECTORY", kinds)
    return tmp_path


def _rendered(folder: Path, layout: str, formats: tuple[str, ...] = ("html",)) -> Path:
    result = render_source(SOURCE, folder, formats=formats, layout=layout)
    assert result.outputs, [f.format() for f in result.findings]
    return next(p for p in result.outputs if p.suffix == f".{formats[0]}")


def test_the_shipped_kinds_are_the_tables_of_the_default_list_and_the_layouts_extend_it():
    ids = [kind.id for kind in tablekinds.kinds()]
    assert ids[:10] == ["收支总表", "收入总表", "支出总表", "财政拨款收支总表", "一般公共预算支出表", "一般公共预算基本支出表",
                        "三公经费支出表", "政府性基金预算支出表", "国有资本经营预算支出表", "项目支出表"]
    lists = {name: layouts.resolve(name).table_list() for name, _ in layouts.shipped()}
    assert lists["默认"] == lists["河北"] == ids[:10]
    assert lists["河南"] == [*ids[:9], "机关运行经费表"]  # 预算01表 … 预算10表 机关运行经费
    assert lists["上海"] == [*ids[:5], "政府性基金预算支出表", "国有资本经营预算支出表", "一般公共预算基本支出表", "三公经费支出表"]
    assert lists["深圳"][3:5] == ["一般公共预算基本支出表", "项目支出表"]


def test_a_kind_added_in_one_definition_is_printed_by_every_shipped_layout(added_kind):
    """Every shipped layout that extends the default list prints it; one that lists its tables as its province prints
    them (表格清单.表: 山东, after 烟台's 公开表1–12; 深圳 from 2026, the source's year) prints those alone, as a
    learned layout does."""
    occasion = layouts.Occasion(year=2026)
    listed = {name for name, _ in layouts.shipped() if layouts.resolve(name, occasion=occasion).table_entries}
    assert listed == {"山东", "深圳"}
    for name, _ in layouts.shipped():
        if name in listed:
            assert "政府采购预算明细表" not in layouts.resolve(name, occasion=occasion).table_list()
            continue
        assert "政府采购预算明细表" in layouts.resolve(name, occasion=occasion).table_list(), name
        html = _rendered(added_kind / name, name).read_text(encoding="utf-8")
        assert TITLE in html, name
        for label, figure in (("A-货物", "771,000"), ("C-服务", "5,181,800"), ("合计", "5,952,800")):
            assert label in html and figure in html, (name, label)


def test_a_kind_added_in_one_definition_is_read_back_by_import_from_the_rendered_document(added_kind):
    docx = _rendered(added_kind / "out", "默认", ("docx",))
    result = import_files([docx], None)
    assert "政府采购预算明细表" in result.imported.tables
    procurement = result.imported.tree["政府采购"]
    assert isinstance(procurement, dict)
    for key, value in STATED.items():
        placed = procurement[key]
        assert isinstance(placed, Placed) and placed.value == value, key
        assert placed.where.startswith("政府采购预算明细表"), placed.where  # read from the table, not the prose


def test_check_against_judges_the_figures_of_a_kind_added_in_one_definition(added_kind):
    html = _rendered(added_kind / "out", "默认")
    result, problems = review(SOURCE, html)
    assert result is not None, [p.format() for p in problems]
    judged = {v.statement.label: v.status for v in result.verdicts if v.statement.label in ("A-货物", "C-服务")}
    assert judged == {"A-货物": "agree", "C-服务": "agree"}
    wrong = added_kind / "wrong.html"
    wrong.write_text(html.read_text(encoding="utf-8").replace(">5,181,800.00<", ">5,181,900.00<", 1), encoding="utf-8")
    result, _ = review(SOURCE, wrong)
    assert result is not None
    assert [v.status for v in result.verdicts if v.statement.label == "C-服务"] == ["disagree"]


def test_without_the_definition_no_layout_prints_the_table():
    for name, _ in layouts.shipped():
        assert "政府采购预算明细表" not in layouts.resolve(name).table_list()


def test_no_test_module_lists_the_layouts_by_hand():
    """Issue 53 part 4: tests take the layouts from the list of shipped layouts (layouts.shipped()), so a
    layout added is tested everywhere; a literal naming three or more of them would leave it out."""
    import ast

    from reportgen.shaping.layouts import shipped

    names = {name for name, _ in shipped()}
    listed = []
    for module in sorted(Path(__file__).parent.glob("test_*.py")):
        tree = ast.parse(module.read_text(encoding="utf-8"))
        labels = {id(k.value) for n in ast.walk(tree) if isinstance(n, ast.Call) for k in n.keywords if k.arg == "ids"}
        for node in ast.walk(tree):  # (a parametrize's ids naming each case's own layout are labels, not a list)
            if isinstance(node, ast.Tuple | ast.List | ast.Set) and id(node) not in labels:
                named = {e.value for e in node.elts if isinstance(e, ast.Constant) and e.value in names}
                if len(named) >= 3:
                    listed.append(f"{module.name}:{node.lineno}")
    assert listed == []
