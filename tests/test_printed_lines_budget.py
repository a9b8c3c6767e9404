"""Totals printed as the source states them (issue 80, part 3): a budget's function table rounds each figure from 元
on its own, so a 类/款 line or its 合计 row may print a figure a 尾数 from the sum of the lines under it (烟台市民政局
2026 公开表3: 20802 民政管理事务 1,218.39, its lines 1,218.40; 杭州市气象局 2026 表5: 合计 5,753.07, its 类 5,753.06).
The import writes such a line as printed (`印出合计.<表名>.<行>`, by column, traced to page and line), check holds it
within 尾数 of its rows (R-印出合计, an error beyond), and the render prints it in that table in place of the re-added
figure. Written from 烟台 (山东) and 杭州 (浙江); 重庆市委宣传部 is the third region, unchanged."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from reportgen import cli
from reportgen.docmodel.document import Table
from reportgen.runners.render import document_for, prepare
from tests.learned_import import import_once

FRESH = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "fresh1"


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory):
    made: dict[str, tuple[Path, Path]] = {}

    def one(name: str) -> tuple[Path, Path]:
        if name not in made:
            folder = tmp_path_factory.mktemp(name)
            source, layout = import_once(folder, FRESH / f"{name}.pdf")
            made[name] = source, layout
        return made[name]
    return one


def _rows(source: Path, layout: Path, kind: str) -> dict[str, list[str]]:
    """The rendered table's rows by their key (合计, or a code), each its cells' texts."""
    document = document_for(prepare(source, draft=True), draft=True, layout=layout)
    table = next(b for b in document.blocks if isinstance(b, Table) and b.id.split("-")[0] == kind)
    return {row.key: [cell.text for cell in row.cells] for row in table.body if row.key}


def _cells(source: Path, layout: Path, kind: str) -> list[str]:
    """The rendered table's cells, row after row."""
    document = document_for(prepare(source, draft=True), draft=True, layout=layout)
    table = next(b for b in document.blocks if isinstance(b, Table) and b.id.split("-")[0] == kind)
    return [cell.text for row in table.body for cell in row.cells]


def _printed(source: Path) -> dict:
    return yaml.safe_load(source.read_text(encoding="utf-8")).get("印出合计", {})


@pytest.mark.slow
def test_yantai_prints_its_lines_as_its_tables_print_them(imported) -> None:
    """烟台市民政局 2026: 公开表3 (支出总表, all money) prints 20802 民政管理事务 1,218.39 | 846.89 and 21011 行政事业单位医疗
    185.24, their 项 adding to 1,218.40 and 185.25; 公开表5 (一般公共预算支出表) prints its 合计 3,773.71 | 2,989.71 (人员
    2,769.72, 公用 219.99), its 类 adding to 3,773.70 | 2,989.70. Before: the render re-added them (1,218.40, 185.25,
    3,773.70 …)."""
    source, layout = imported("sd-yantai-minzhengju-2026-dept-budget")
    printed = _printed(source)
    assert printed["支出总表"][20802]["合计"] == 1218.39
    assert "# 支出总表 第11页 第12行" in source.read_text(encoding="utf-8")
    spending = _rows(source, layout, "支出总表")
    assert spending["20802"][-3:-1] == ["1,218.39", "846.89"]
    assert spending["21011"][-3] == "185.24"
    general = _rows(source, layout, "一般公共预算支出表")
    assert general["合计"][1:] == ["3,773.71", "2,989.71", "2,769.72", "219.99", "784.00"]
    assert general["208"][-4:-1] == ["2,615.85", "2,397.37", "218.49"]
    income = _rows(source, layout, "收入总表")  # 公开表2, by function lines: 合计 | 财政拨款收入 (小计 | 一般公共预算 | …)
    assert income["合计"][1:4] == ["5,609.33", "5,274.99", "3,773.71"]
    assert income["20802"][4] == "1,218.39"
    # the 收支总表 and 财政拨款收支总表 print the same amounts, each rounded once: as the 支出总表 and 公开表5 print them
    summary = _cells(source, layout, "收支总表")
    assert summary[summary.index("卫生健康支出") + 1] == "185.24"
    fiscal = _cells(source, layout, "财政拨款收支总表")
    assert fiscal[fiscal.index("本年支出合计") + 2] == "3,773.71"


@pytest.mark.slow
def test_hangzhou_prints_its_general_total_as_printed(imported) -> None:
    """杭州市气象局 2026 表5 p. 19: 合计 5,753.07 | 3,745.07 | 人员经费 2,906.80, its 类 5,753.06 | 3,745.06 | 2,906.79 (a
    second province, the same mechanism); its 支出总表 (表3) 人员支出 2,906.80 likewise."""
    source, layout = imported("zj-hangzhou-qixiang-2026-dept-budget")
    general = _rows(source, layout, "一般公共预算支出表")
    assert general["合计"][1:] == ["5,753.07", "3,745.07", "2,906.80", "838.27", "2,008.00"]
    assert general["220"][2:] == ["5,247.87", "3,267.87", "2,430.50", "837.37", "1,980.00"]  # as summed: so printed


@pytest.mark.slow
def test_chongqing_a_region_it_was_not_written_from(imported) -> None:
    """重庆市委宣传部 2026 (a third region): the 一般公共预算支出表 prints 合计 37,891.58 and 201 一般公共服务支出 22,006.16,
    its lines adding to 37,891.59 and 22,006.17."""
    source, layout = imported("cq-xuanchuanbu-2026-dept-budget")
    general = _rows(source, layout, "一般公共预算支出表")
    assert general["合计"][1] == "37,891.58"
    assert general["201"][2] == "22,006.16"
    income = _rows(source, layout, "收入总表")  # 合计 | 一般公共预算拨款收入 | 政府性基金 | …
    assert income["合计"][2] == "37,891.58"
    assert income["20133"][4:6] == ["22,022.92", "22,006.16"]


@pytest.mark.slow
def test_a_line_typed_beyond_its_tail_is_an_error_never_printed(imported, tmp_path: Path, capsys) -> None:
    """A 印出合计 line further than 尾数 from its rows (a slip typing it): R-印出合计 names file, line and field, and the
    render prints the rows' sum."""
    source, layout = imported("zj-hangzhou-qixiang-2026-dept-budget")
    text = source.read_text(encoding="utf-8").replace("合计: 5753.07   # 一般公共预算支出表", "合计: 5763.07   # 一般公共预算支出表")
    typed = tmp_path / "typed.yaml"
    typed.write_text(text, encoding="utf-8")
    cli.main(["check", str(typed)])
    said = capsys.readouterr().out
    assert "[R-印出合计] 一般公共预算支出表的合计行合计印作 5,763.07万元，其下各行为 5,753.06万元" in said
    assert "（字段 印出合计.一般公共预算支出表.合计）" in said
    assert _rows(typed, layout, "一般公共预算支出表")["合计"][1] == "5,753.06"


def test_a_budget_may_state_printed_lines(tmp_path: Path, capsys) -> None:
    """印出合计 is no longer a 决算's key alone: a budget's 支出总表 line within 尾数 of its rows is accepted and printed."""
    source = tmp_path / "s.yaml"
    source.write_text(
        "部门: 某局\n年度: 2026\n金额单位: 万元\n金额精度: 0.01\n部门概况: {职责: [负责某项工作。]}\n"
        "收入: {一般公共预算拨款: 30.01}\n"
        "支出:\n  功能分类:\n"
        "    - {科目: 2010101, 基本支出: 10.01, 项目支出: 0}\n"
        "    - {科目: 2010102, 基本支出: 10.00, 项目支出: 0}\n"
        "    - {科目: 2010199, 基本支出: 0, 项目支出: 10.00}\n"
        "印出合计:\n  支出总表:\n    201: {合计: 30.02}\n    20101: 30.02\n", encoding="utf-8")
    cli.main(["check", str(source)])
    said = capsys.readouterr().out
    assert "R-决算用语" not in said and "R-印出合计" not in said
    document = document_for(prepare(source, draft=True), draft=True)
    table = next(b for b in document.blocks if isinstance(b, Table) and b.id.split("-")[0] == "支出总表")
    rows = {row.key: [c.text for c in row.cells] for row in table.body}
    assert "30.02" in rows["201"] and "30.02" in rows["20101"] and "30.01" in rows["合计"]
