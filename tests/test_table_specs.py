"""Tables a layout declares as data (版式.yaml 表格): a new locality's function tables are lines of
data — the code in 类/款/项 columns or one, rows down to a level, the amount columns it prints, the
合计 row first or last, a band over the amounts, its own column labels — and no Python. Shanghai's
four function tables are declared so (and render as they did when they were code: the golden tests
and test_seed_* hold them); a wrong spec is refused at its line."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from reportgen.runners.render import document_for, prepare
from reportgen.shaping.layouts import LayoutError, resolve
from tests.test_layout_hostile import files_under, make_layout, run_cli, source_in

ROOT = Path(__file__).resolve().parent.parent

TABLES = """{%- from '_tables_common.j2' import table with context -%}
<sec t="表格">
  {% call table('支出-款', '支出（到款）') %}{% endcall %}
  {% call table('一般公共预算支出表', '一般公共预算支出（改列名）') %}{% endcall %}
</sec>
"""


def declared(tmp_path: Path, specs: str) -> Path:
    folder = make_layout(tmp_path / "县", "名称: 某县\n基于: 默认\n表格:\n" + specs, {"tables.j2": TABLES})
    return source_in(tmp_path / "s", str(folder))


def test_a_function_table_declared_as_data_has_the_declared_shape(tmp_path):
    source = declared(tmp_path, "  支出-款: {基于: 支出总表, 层级: 款, 列: [合计, 项目支出], 表头: 支出预算}\n"
                                "  一般公共预算支出表: {列名: {科目编码: 功能分类科目编码}}\n")
    document = document_for(prepare(source))
    table = next(t for t in document.tables() if t.title == "支出（到款）")
    assert [[c.text for c in row.cells] for row in table.header] == [
        ["项目", "支出预算"], ["科目编码", "科目名称", "合计", "项目支出"]]
    codes = [row.cells[0].text for row in table.body]
    assert codes == ["合计", "201", "20129", "208", "20805", "210", "21011", "221", "22102"]  # no 项 rows
    first = table.body[0]
    assert first.key == "合计" and [c.text for c in first.cells] == ["合计", "1,273.52", "827.56"]
    assert [c.text for c in table.body[2].cells] == ["20129", "群众团体事务", "1,084.51", "827.56"]
    assert len(table.widths) == 4
    renamed = next(t for t in document.tables() if t.title == "一般公共预算支出（改列名）")
    assert [c.text for c in renamed.header[0].cells][:2] == ["功能分类科目编码", "科目名称"]
    assert len(renamed.body) == 17  # a label changes, the rows do not


def test_shanghai_declares_its_function_tables_as_data():
    layout = resolve("上海")
    assert {"支出总表-类款项", "一般公共预算支出表-类款项", "政府性基金预算支出表-类款项",
            "国有资本经营预算支出表-类款项"} <= set(layout.table_specs)
    spec = layout.table_specs["支出总表-类款项"]
    assert spec.code_levels and spec.total_last and spec.band == "支出预算"
    tables = "".join(p.read_text(encoding="utf-8") for p in (ROOT / "reportgen" / "tables").glob("*.py"))
    assert "_by_levels" not in tables  # no longer code


def test_a_declared_table_in_a_shanghai_document_splits_the_code_and_puts_the_total_last(tmp_path):
    source = ROOT / "data" / "shanghai-putuo-wenlvju-2026.yaml"
    document = document_for(prepare(source), layout="上海")
    table = next(t for t in document.tables() if t.id == "支出总表-类款项")
    assert [c.text for c in table.header[1].cells][:2] == ["功能分类科目编码", "功能分类科目名称"]
    assert [c.text for c in table.header[2].cells] == ["类", "款", "项"]
    assert table.body[-1].key == "合计" and table.body[-1].cells[0].colspan == 4
    assert all(len(row.cells[0].text) == 3 for row in table.body[:-1] if row.key.isdigit())


@pytest.mark.parametrize(("spec", "says"), [
    ("  支出-款: 支出总表\n", "“表格.支出-款”应为映射"),
    ("  支出-款: {基于: 收支表}\n", "“表格.支出-款.基于”应为 reportgen 的一张表"),
    ("  支出-款: {基于: 支出总表, 编码: 三列}\n", "“表格.支出-款.编码”应为 分列 或 合并"),
    ("  支出-款: {基于: 支出总表, 层级: 目}\n", "“表格.支出-款.层级”应为 类 或 款 或 项"),
    ("  支出-款: {基于: 支出总表, 列: [合计, 本年收入]}\n", "“表格.支出-款.列”应为功能分类表的金额列"),
    ("  支出-款: {基于: 支出总表, 合计行: 中间}\n", "“表格.支出-款.合计行”应为 首行 或 末行"),
    ("  支出-款: {基于: 收支总表, 编码: 分列}\n", "只用于功能分类表"),
    ("  支出-款: {基于: 支出总表, 列名: {科目编码: ''}}\n", "“表格.支出-款.列名”应为"),
    ("  支出-款: {基于: 支出总表, 表头: [支出]}\n", "“表格.支出-款.表头”应为文字"),
    ("  支出-款: {基于: 支出总表, 行: 类}\n", "可用的键"),
    ("  支出-款: {基于: 一般公共预算基本支出表-部门经济分类, 列: [基本支出]}\n", "“表格.支出-款.列”应为印出的金额栏"),
    ("  支出-款: {基于: 一般公共预算基本支出表-部门经济分类, 列: [人员经费, 合计]}\n", "“表格.支出-款.列”应为印出的金额栏"),
])
def test_a_wrong_table_spec_is_refused_at_its_line(tmp_path, capsys, spec, says):
    source = declared(tmp_path, spec)
    before = files_under(tmp_path)
    code, out = run_cli(capsys, "render", source, "-o", tmp_path / "out")
    assert code != 0 and says in out and "Traceback" not in out and "内部错误" not in out
    assert re.search(r"版式\.yaml:4\b", out), out
    assert files_under(tmp_path) == before
    with pytest.raises(LayoutError):
        resolve(tmp_path / "县")


def test_the_documented_table_spec_renders(tmp_path):
    """docs/layouts.md's 表格 example, taken from the page: a layout of that data and a tables.j2
    placing its table renders it with the declared header."""
    import yaml

    page = (ROOT / "docs" / "layouts.md").read_text(encoding="utf-8")
    section = page[page.index("## 表格："):page.index("## 版本：")]
    example = re.findall(r"```yaml\n(.*?)```", section, re.S)[0]
    assert yaml.safe_load(example)["表格"]["支出总表-类款项"]["基于"] == "支出总表"
    templates = {"tables.j2": TABLES.replace("支出-款", "支出总表-类款项")}
    folder = make_layout(tmp_path / "文档", "名称: 文档\n基于: 默认\n" + example, templates)
    document = document_for(prepare(source_in(tmp_path / "s", str(folder))))
    table = next(t for t in document.tables() if t.id == "支出总表-类款项")
    assert [c.text for c in table.header[1].cells] == ["功能分类科目编码", "功能分类科目名称", "合计", "基本支出", "项目支出"]
    assert table.body[-1].key == "合计"


ROWS = """{%- from '_tables_common.j2' import table with context -%}
<sec t="表格">
  {% call table('收支总表', '收支总表（改行名）') %}{% endcall %}
</sec>
"""


def test_a_table_declared_with_row_names_prints_them_and_its_figures_as_they_were(tmp_path):
    """行名: the rows in the locality's words (烟台 prints 一般公共预算收入 where the render printed 一般公共预算拨款); the
    figures, the other rows and the header unchanged."""
    plain = make_layout(tmp_path / "原", "名称: 原\n基于: 默认\n", {"tables.j2": ROWS})
    named = make_layout(tmp_path / "县", "名称: 某县\n基于: 默认\n表格:\n  收支总表: {行名: {一般公共预算拨款: 一般公共预算收入}}\n",
                        {"tables.j2": ROWS})
    before, after = (next(t for t in document_for(prepare(source_in(tmp_path / n, str(f)))).tables()
                          if t.title == "收支总表（改行名）") for n, f in (("a", plain), ("b", named)))
    rows = [[c.text for c in row.cells] for row in before.body]
    renamed = [[c.text for c in row.cells] for row in after.body]
    changed = [(a, b) for a, b in zip(rows, renamed, strict=True) if a != b]
    assert len(changed) == 1 and changed[0][0][0] == "一般公共预算拨款" and changed[0][1][0] == "一般公共预算收入"
    assert changed[0][0][1:] == changed[0][1][1:]


@pytest.mark.parametrize("spec", ["{行名: [一般公共预算拨款]}", "{行名: {一般公共预算拨款: ''}}"])
def test_row_names_that_are_no_mapping_of_words_are_refused_at_their_line(tmp_path, capsys, spec):
    folder = make_layout(tmp_path / "县", f"名称: 某县\n基于: 默认\n表格:\n  收支总表: {spec}\n")
    with pytest.raises(LayoutError) as refused:
        resolve(folder)
    assert "版式.yaml:4" in refused.value.message and "“表格.收支总表.行名”应为“表中的行名: 本版式的行名”的映射" in refused.value.message


def test_this_years_budget_is_printed_beside_the_total_where_a_layout_lists_it(tmp_path):
    """`当年预算` (长春's 当年预算 小计 beside 合计): each line's 合计 again, in a function table and in the 基本支出表 by
    部门经济分类 alone; a table whose 列 does not list it prints as before."""
    tables = TABLES.replace("</sec>", "  {% call table('基本-部门', '基本支出') %}{% endcall %}\n</sec>")
    folder = make_layout(tmp_path / "县", "名称: 某县\n基于: 默认\n表格:\n"
                         "  支出-款: {基于: 支出总表, 列: [合计, 当年预算, 基本支出, 项目支出]}\n"
                         "  基本-部门: {基于: 一般公共预算基本支出表-部门经济分类, 列: [合计, 当年预算, 人员经费]}\n",
                         {"tables.j2": tables})
    document = document_for(prepare(source_in(tmp_path / "s", str(folder))))
    table = next(t for t in document.tables() if t.title == "支出（到款）")
    assert [c.text for c in table.header[0].cells] == ["科目编码", "科目名称", "合计", "当年预算", "基本支出", "项目支出"]
    assert [c.text for c in table.body[0].cells] == ["合计", "1,273.52", "1,273.52", "445.96", "827.56"]
    basic = next(t for t in document.tables() if t.title == "基本支出")
    assert [c.text for c in basic.header[1].cells][-3:] == ["合计", "当年预算", "人员经费"]
    amounts = [[c.text for c in row.cells][-3:] for row in basic.body]
    assert len(amounts) > 5 and all(line[0] == line[1] != "" for line in amounts), amounts
