"""A 收支 table printing its spending again by use, in a column beside the function lines (issue 80 part 4): 江苏's
收支预算总表 (功能分类 | 支出用途: 一、基本支出, 二、项目支出, 三、单位预留机动经费 — 江苏省高级人民法院 2018, p. 11) and 西安's 收支总表
and 财政拨款收支总表 (支出功能分类科目 | 部门预算支出经济分类科目: 1、人员经费和公用经费支出, 2、专项业务经费支出, the classes under
each, its own 本年支出合计 and 支出总计 — 西安市行政审批服务局 2025, pp. 21 and 24). The render printed the function lines
alone (西安's 16 figures of that column missed). Learned as 表格.X.支出用途 with the 行名 of its lines and printed from
the source's 基本支出 and 项目支出; the 基本支出's 部门经济分类 类 under its line (基本支出各类: 西安's (1)工资福利支出
18,803,216.45, (2)商品和服务支出 2,002,091.90, (3)对个人和家庭的补助 2,280.00 — its 一般公共预算基本支出表's 款 added, all
its 基本支出 being 一般公共预算's) are printed from the source's economic rows where they add up to the line's figure; the
项目支出's classes, 单位预留机动经费 and 西安's 政府经济分类 column are not (no field of the source holds them). The
figures expected were read off the PDFs (pdftotext -layout) before the code was written."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from reportgen.docmodel.document import Table
from reportgen.runners.render import document_for, prepare
from reportgen.shaping.layouts import LayoutError, resolve
from tests.learned_import import import_once

FRESH = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "fresh1"
XIAN = FRESH / "sn-xian-xingzhengshenpi-2025-dept-budget.pdf"
GAOYUAN = Path(__file__).resolve().parent / "fixtures" / "import" / "national" / "js-gaoyuan-2018.pdf"


def _table(source: Path, layout: Path, kind: str) -> list[list[str]]:
    document = document_for(prepare(source, draft=True), draft=True, layout=layout)
    table = next(b for b in document.blocks if isinstance(b, Table) and b.id.split("-")[0] == kind)
    return [[cell.text for cell in row.cells] for row in [*table.header[-1:], *table.body]]


def _section(text: str, kind: str) -> str:
    """The learned 版式.yaml's 表格.``kind``: its lines up to the next table's."""
    return re.split(r"\n  (?! )", text.split(f"\n  {kind}:\n")[1])[0]


def _learned(tmp_path_factory: pytest.TempPathFactory, pdf: Path) -> tuple[Path, Path, str]:
    source, layout = import_once(tmp_path_factory.mktemp(pdf.stem), pdf)
    return source, layout, (layout / "版式.yaml").read_text(encoding="utf-8")


@pytest.mark.parametrize("kind", ["收支总表", "财政拨款收支总表"])
def test_xian_prints_its_spending_by_use_beside_the_function_lines(tmp_path_factory, kind) -> None:
    source, layout, text = _learned(tmp_path_factory, XIAN)
    section = _section(text, kind)
    assert "    支出用途:\n    - 基本支出\n    - 基本支出各类\n    - 项目支出\n    - 本年支出合计\n    - 结转下年\n    - 支出总计" \
        in section
    assert "      基本支出: 人员经费和公用经费支出\n      项目支出: 专项业务经费支出\n" in section
    rows = _table(source, layout, kind)
    assert len(rows[0]) == 6 and rows[0][-2] == "项目"
    beside = [row[-2:] for row in rows[1:]]
    assert beside[:5] == [["人员经费和公用经费支出", "20,807,588.35"], ["工资福利支出", "18,803,216.45"],
                          ["商品和服务支出", "2,002,091.90"], ["对个人和家庭的补助", "2,280.00"],
                          ["专项业务经费支出", "30,130,020.00"]]
    total = next(row for row in rows if row[0] == "本年收入合计")
    assert total[2:] == ["本年支出合计", "50,937,608.35"] * 2
    grand = next(row for row in rows if row[0] == "收入总计")
    assert grand[2:] == ["支出总计", "50,937,608.35"] * 2


def test_jiangsu_prints_the_lines_the_source_states_and_one_total_across(tmp_path_factory) -> None:
    """江苏省高级人民法院 2018 (not written from): 一、基本支出 18,570.82 is the source's; its 项目支出 11,343.27 no line of the
    source gives (its function tables not read into it): printed without a figure; 单位预留机动经费 3,258.06 no field
    holds: not printed; its 当年支出小计 spans both columns: not printed again. Its this year's income is printed under
    its words, 当年收入小计 (the render's 本年收入合计 before: bench/learned_tables --pairs, 江苏省政协办公厅)."""
    source, layout, text = _learned(tmp_path_factory, GAOYUAN)
    assert "    支出用途:\n    - 基本支出\n    - 项目支出\n" in _section(text, "收支总表") + "\n"
    rows = _table(source, layout, "收支总表")
    beside = [row[-2:] for row in rows[1:]]
    assert beside[:3] == [["基本支出", "18,570.82"], ["项目支出", ""], ["", ""]]
    year = [row for row in rows if row[0] in ("当年收入小计", "本年收入合计")]
    assert [row[:2] for row in year] == [["当年收入小计", "33,172.15"]]
    assert all(row[-2:] == ["", ""] for row in rows if row[0] in ("当年收入小计", "收入合计"))


def _layout(folder: Path, spec: str) -> Path:
    folder.mkdir()
    (folder / "版式.yaml").write_text(f"名称: 试\n基于: 默认\n表格:\n  {spec}\n", encoding="utf-8")
    return folder


@pytest.mark.parametrize("spec, words", [("一般公共预算支出表: {支出用途: [基本支出]}", "支出用途”只用于"),
                                         ("收支总表: {支出用途: [项目支出, 基本支出]}", "支出用途”应为"),
                                         ("收支总表: {支出用途: [支出总计]}", "支出用途”应为"),
                                         ("收支总表: {支出用途: [单位预留机动经费]}", "支出用途”应为"),
                                         ("收支总表: {支出用途: [基本支出各类, 基本支出]}", "支出用途”应为"),
                                         ("收支总表: {支出用途: [基本支出各类, 项目支出]}", "支出用途”应为")])
def test_the_column_is_refused_on_another_table_or_out_of_order(tmp_path, spec, words) -> None:
    with pytest.raises(LayoutError, match=words):
        resolve(_layout(tmp_path / "版式", spec))


def test_the_column_is_taken_on_either_summary(tmp_path) -> None:
    spec = "收支总表: {支出用途: [基本支出, 基本支出各类, 项目支出, 支出总计]}\n  财政拨款收支总表: {支出用途: [项目支出]}"
    layout = resolve(_layout(tmp_path / "版式", spec))
    assert layout.table_specs["收支总表"].uses == ("基本支出", "基本支出各类", "项目支出", "支出总计")
    assert layout.table_specs["财政拨款收支总表"].uses == ("项目支出",)
