"""A class total the source states, printed as stated where its 款 contradict it (issue 80: totals printed as the source
states them; never a figure the source does not say). 长春市信访局 2026's 一般公共预算基本支出表 prints 工资福利支出 911.21
and 商品和服务支出 211.00 over 款 adding up to 920.96 and 221.37 (its slips S3, S4), and 人员经费 997.20 | 公用经费 211.00 on
its 合计 row: the figures every other table and the text use (1,208.20 = 911.21 + 211.00 + 85.98). The import writes the
class rows and the 合计's split as printed; the render re-added the 款 (920.96, 221.37, 1,006.94 — figures the document
never prints, 8 of its 203 figures off). Now the table prints what the source states where, so, its classes make the
table's 合计 and their 款 do not; the check still reports each class's contradiction (R-填报合计; the 合计's split is
off by theirs alone, told at them) — nothing repaired, nothing hidden. A stated class that does not make the 合计 is not taken: the 款's sum is printed, as before."""

from __future__ import annotations

from pathlib import Path

from reportgen.docmodel.document import Table
from reportgen.runners.render import document_for, prepare
from tests.learned_import import fresh_pdf, import_once


def _basic_lines(source: Path, layout: Path) -> dict[str, list[str]]:
    """The learned draft's 一般公共预算基本支出表: each line's figures by its key (a class's code, a 款's, 合计)."""
    document = document_for(prepare(source, draft=True), draft=True, layout=layout)
    table = next(b for b in document.blocks if isinstance(b, Table) and b.id.startswith("一般公共预算基本支出表"))
    return {row.key: [cell.text for cell in row.cells if cell.align == "right"] for row in table.body}


def test_class_totals_the_source_states_are_printed_as_stated_and_still_reported(tmp_path) -> None:
    source, layout = import_once(tmp_path, fresh_pdf("jl-changchun-xinfangju-2026-dept-budget.pdf"))
    lines = _basic_lines(source, layout)
    assert lines["301"][:3] == ["911.21", "911.21", "911.21"]  # 合计 | 当年预算 | 人员经费, as printed (not 920.96)
    assert lines["302"][:4] == ["211.00", "211.00", "0.00", "211.00"]  # not 221.37
    assert lines["303"][:3] == ["85.98", "85.98", "85.98"]  # its 款 make it: as before
    assert lines["合计"][:4] == ["1208.20", "1208.20", "997.20", "211.00"]  # not 1,006.94 | 221.37
    assert lines["30199"][0] == "9.74" and lines["30229"][0] == "10.35"  # the 款 as printed, none changed
    reported = [f.message for f in prepare(source, draft=True).findings if f.rule == "R-填报合计"]
    assert any("工资福利支出" in m and "920.96" in m for m in reported), reported
    assert any("商品和服务支出" in m and "221.37" in m for m in reported), reported
    # a stated class that does not make the table's 合计 with the others is no figure to print: its 款's sum is
    text = source.read_text(encoding="utf-8")
    assert "{科目: 301, 金额: 911.21}" in text
    source.write_text(text.replace("{科目: 301, 金额: 911.21}", "{科目: 301, 金额: 900.21}"), encoding="utf-8")
    lines = _basic_lines(source, layout)
    assert lines["301"][0] == "920.96" and lines["302"][0] == "221.37"
