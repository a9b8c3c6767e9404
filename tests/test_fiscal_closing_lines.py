"""The 财政拨款收支总表's lines under its 本年 合计 (issue 80): 杭州 and 湖州 (浙江) print 上年结转结余, 年终结转结余 and
收入总计 beside 支出总计, 广州 (广东) 结转下年 0.00 and the two 总计; the render printed 本年收入合计 and 本年支出合计 alone.
Learned as 表格.财政拨款收支总表.结转与总计 (from 浙江 and 广东) and printed so; shown unchanged on 苏州 (江苏). The
appropriations carried over are a part of the department's 上年结转: none where that is none, not known else — and
then no 收入总计 is printed as a figure. The figures expected are the published ones, read off the PDFs
(pdftotext -layout) before the code was written."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from reportgen.docmodel.document import Table
from reportgen.reading.yamlsafe import load_yaml
from reportgen.runners.render import document_for, prepare
from reportgen.shaping.layouts import LayoutError, resolve
from tests.learned_import import import_once

FRESH = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "fresh1"
KIND = "财政拨款收支总表"


def _learned(tmp_path_factory: pytest.TempPathFactory, name: str) -> tuple[Path, Path, str]:
    """The document imported with --learn-layout: (the source, the layout folder, its 版式.yaml)."""
    folder = tmp_path_factory.mktemp(name)
    source, layout = import_once(folder, FRESH / f"{name}.pdf")
    return source, layout, (layout / "版式.yaml").read_text(encoding="utf-8")


def _rows(source: Path, layout: Path) -> list[list[str]]:
    document = document_for(prepare(source, draft=True), draft=True, layout=layout)
    table = next(b for b in document.blocks if isinstance(b, Table) and b.id.split("-")[0] == KIND)
    return [[cell.text for cell in row.cells] for row in table.body]


def _beside(rows: list[list[str]], label: str) -> list[str]:
    row = next(r for r in rows if label in r)
    return row[row.index(label) + 1:row.index(label) + 2]


# (document, the lines learned, {label the document prints: the figure printed right of it})
CASES = [
    ("zj-hangzhou-qixiang-2026-dept-budget", ["上年结转", "结转下年", "总计"],
     {"收入总计": "5,753.07", "支出总计": "5,753.07", "上年结转结余": "", "年终结转结余": ""}),
    ("zj-huzhou-caizhengju-2026-dept-budget", ["上年结转", "总计"], {"收入总计": "6838.41", "支出总计": "6838.41"}),
    ("gd-guangzhou-tongjiju-2026-dept-budget", ["结转下年", "总计"],
     {"收入总计": "9,433.72", "支出总计": "9,433.72", "结转下年": "0.00"}),
    ("js-suzhou-yingji-2026-dept-budget", ["上年结转", "结转下年", "总计"],  # 江苏: not written from
     {"收入总计": "7,062.80", "支出总计": "7,062.80", "年终结转结余": ""}),
]


@pytest.mark.parametrize("name, learned, printed", CASES)
def test_the_lines_under_the_total_are_learned_and_printed(tmp_path_factory, name, learned, printed) -> None:
    source, layout, text = _learned(tmp_path_factory, name)
    section = text.split(f"  {KIND}:\n")[1].split("\n  三公")[0]
    assert "结转与总计:\n" + "".join(f"    - {line}\n" for line in learned) in section + "\n"
    rows = _rows(source, layout)
    for label, figure in printed.items():
        assert _beside(rows, label) == [figure], label


def test_no_total_where_the_appropriations_carried_over_are_not_known(tmp_path_factory, tmp_path) -> None:
    """With 上年结转 500 in 杭州's source, how much of it is appropriations is not known: 收入总计 is no figure (its
    财政拨款结转 by fund, all none as its 财政拨款收支总表 prints them, taken out: with it, none of the 500 is)."""
    source, layout, _ = _learned(tmp_path_factory, "zj-hangzhou-qixiang-2026-dept-budget")
    text = source.read_text(encoding="utf-8")
    assert "\n收入:\n" in text and "  上年结转:" not in text.split("\n收入:\n")[1].split("\n财政拨款结转:")[0]
    text = re.sub(r"\n财政拨款结转:\n(  .*\n)+", "\n", text)
    assert "财政拨款结转" not in text
    changed = text.replace("\n收入:\n", "\n收入:\n  上年结转: 500\n", 1)
    (tmp_path / "s.yaml").write_text(changed, encoding="utf-8")
    rows = _rows(tmp_path / "s.yaml", layout)
    assert _beside(rows, "本年收入合计") == ["5,753.07"]
    assert _beside(rows, "收入总计") != ["5,753.07"] and _beside(rows, "支出总计") == ["5,753.07"]


def test_the_lines_are_refused_on_another_table(tmp_path) -> None:
    folder = tmp_path / "版式"
    folder.mkdir()
    for spec, words in (("收支总表: {结转与总计: [总计]}", "只用于"), (f"{KIND}: {{结转与总计: [合计]}}", "应为")):
        (folder / "版式.yaml").write_text(f"名称: 试\n基于: 默认\n表格:\n  {spec}\n", encoding="utf-8")
        with pytest.raises(LayoutError, match=words):
            resolve(folder)


# -- a table whose rows carry a paragraph in a cell (杭州 and 湖州's 表11 项目支出绩效表) ------------------------------
# Each project's 绩效目标 a paragraph wrapped over several lines in its cell, the row's 单位名称, 项目名称 and 金额 set
# beside its middle line: the reader ended the table at its first long line (杭州) or found no caption (湖州's
# “341-湖州市财政局 … 万元”), so the table was neither held (印出表) nor printed. The texts are the published ones
# (pdftotext -layout), each cell's lines joined.
PARAGRAPHS = [
    ("zj-hangzhou-qixiang-2026-dept-budget", "表11", "2026年市级部门项目支出绩效表", 3,
     ["杭州市气象服务中心（杭州市预警信息发布中心）", "专业系统维护及科普", "146.69",
      "1.突发公共事件预警信息稳定运行；2.根据天气雷达运行保障的特点，通过维护定标、维修定标、调整定标和专项定标等，"
      "保障新一代天气雷达正常运行。"]),
    ("zj-huzhou-caizhengju-2026-dept-budget", "表11", "2026年市级部门项目支出绩效表", 8,
     ["湖州市财政项目预算审核中心", "市级预算项目评审", "371.00",
      "2026年，运用专业技术手段和审核方法，对财政投资项目进行审核，全年完成审核目标100亿元，节约财政资金8亿元以上，"
      "保证财政投资审核工作质量，发挥社会中介机构对政府投资项目审核的作用，提高财政投资审核效率。"]),
    # 广东, not written from: 广州's 表12 (held, its rows by unit) was read up to its first unit's row, each project's
    # 绩效目标 a paragraph centred on its row, its first line closing the table
    ("gd-guangzhou-tongjiju-2026-dept-budget", "表12", "部门预算项目支出及其他支出预算表", 13,
     ["广州市采购经理人指数调查编制工作经费", "100.00", "100.00", "100.00", "0.00", "0.00", "0.00", "0.00",
      "通过开展广州市采购经理人指数调查编制工作，完善统计指标体系，提高经济运行走势研判的可靠性和前瞻性，"
      "为党政领导提供决策参考依据。"]),
]


@pytest.mark.parametrize("name, number, title, count, row", PARAGRAPHS)
def test_a_table_of_paragraphs_in_its_cells_is_held_and_printed(tmp_path_factory, name, number, title, count,
                                                                  row) -> None:
    source, layout, _ = _learned(tmp_path_factory, name)
    held = next(t for t in load_yaml(source).get("印出表", []) if t["表名"] == title)
    assert (held["表号"], len(held["行"])) == (number, count)
    assert [str(cell) for cell in row] in [[str(cell) for cell in r] for r in held["行"]]
    document = document_for(prepare(source, draft=True), draft=True, layout=layout)
    table = next(b for b in document.blocks if isinstance(b, Table) and b.title == title)
    assert table.number == number
    assert row in [[cell.text for cell in r.cells] for r in table.body]
    # the paragraphs' column the widest, so that a row is not a page tall (杭州's 887.90 row: 30 lines at equal widths,
    # moved whole to the next page in the DOCX); a name or an amount's column as wide as any other
    text = row.index(max(row, key=len))
    assert table.widths[text] == max(table.widths) > min(table.widths) == table.widths[row.index(row[0])]
