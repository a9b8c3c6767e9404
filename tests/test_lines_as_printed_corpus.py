"""Two tables of ../shared/corpus printed as the document prints them (issue 80: ≥ 95 % of each document's figures in
place). Before, 烟台市文化和旅游局 2026 printed 650 of its 686 figures in place, 首都绿化委员会办公室 2026 169 of 183:

- 烟台's 政府采购预算表 (公开表12) rounds its 类/款 lines and 合计 row from 元 on its own: 20701 文化和旅游 1,280.32,
  its 项 adding to 1,280.33; 207 and 合计 2,522.73, the lines 2,522.74. The render added the lines. Now the import
  writes such a line as printed (印出合计.政府采购预算表, traced), by the rule the function tables' lines follow; the
  render prints it within the 尾数 of the lines under it, R-印出合计 calls one further away an error.
- 北京's 一般公共预算支出表 prints its 项 alone, with 扣除基建项目后预算数 beside 项目支出总数. A department of units
  printing their lines in turn was held as printed (表行) and printed so; a department of none (首都绿化委员会办公室)
  was read into its function rows, which hold no 扣除基建项目后预算数: the render printed 类 and 款 rows and left the
  column out. Now the table is held as printed wherever it prints such a column."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from bench.learned_tables import _table_figures, published_rows, rendered_rows
from reportgen.docmodel.document import Table
from reportgen.importing.pipeline import import_files
from reportgen.runners.render import document_for, prepare
from tests.clients import require_program
from tests.learned_import import import_once

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
WENLV = CORPUS / "sd-yantai-wenlvju-2026-dept-budget.pdf"
GREEN = (CORPUS / "bj-shoudulvhuaban-2026-dept-budget.pdf", CORPUS / "bj-shoudulvhuaban-2026-dept-budget-tables.pdf")
PROCUREMENT, GENERAL = "政府采购预算表", "一般公共预算支出表"


def _imported(folder: Path, *files: Path) -> tuple[Path, Path]:
    require_program("pdftotext")
    if not all(path.exists() for path in files):
        pytest.skip("../shared/corpus is not here")
    return import_once(folder, *files)


def _missed(files: tuple[Path, ...], source: Path, layout: Path, kind: str) -> tuple[int, set[tuple[str, int, int]]]:
    """How many figures the published table prints, and the places of those the learned draft does not print there."""
    published = _table_figures(published_rows(import_files(list(files), None).imported.tables[kind]))
    document = document_for(prepare(source, draft=True), draft=True, layout=layout)
    table = next(b for b in document.blocks if isinstance(b, Table) and b.id.split("-")[0] == kind)
    rendered = _table_figures(rendered_rows(table))
    return len(published), {key for key, figure in published.items() if rendered.get(key) != figure}


def _errors(source: Path) -> list[str]:
    return [f.path for f in prepare(source, draft=True).findings if f.rule == "R-印出合计" and f.severity == "error"]


def test_a_procurement_line_rounded_on_its_own_is_printed_as_printed(tmp_path: Path) -> None:
    source, layout = _imported(tmp_path, WENLV)
    text = source.read_text(encoding="utf-8")
    printed = yaml.safe_load(text)["印出合计"][PROCUREMENT]
    assert printed[20701] == {"合计": 1280.32, "财政拨款": 1280.32, "一般公共预算": 1280.32}
    assert printed["合计"]["合计"] == 2522.73 and 2070101 not in printed  # a 项 is a line, never a total
    assert "      合计: 1280.32   # 政府采购预算表 第30页 第10行" in text.splitlines()
    assert not _errors(source)
    assert _missed((WENLV,), source, layout, PROCUREMENT) == (53, set())
    wrong = tmp_path / "wrong.yaml"  # 10.00 from its lines: a slip, not a 尾数 — an error, and the lines' sum printed
    wrong.write_text(text.replace("      合计: 1280.32   # 政府采购预算表", "      合计: 1290.33   # 政府采购预算表", 1),
                     encoding="utf-8")
    assert _errors(wrong) == [f"印出合计.{PROCUREMENT}.20701"]
    assert ("文化和旅游", 0, 0) in _missed((WENLV,), wrong, layout, PROCUREMENT)[1]


def test_a_department_s_own_lines_with_a_column_net_of_building_are_printed_as_printed(tmp_path: Path) -> None:
    source, layout = _imported(tmp_path, *GREEN)
    lines = yaml.safe_load(source.read_text(encoding="utf-8"))["表行"][GENERAL]
    assert lines[1] == {"功能分类": 2130202, "项目支出": 243.69, "扣除基建项目后预算数": 243.69}
    assert len(lines) == 6  # its 项, as printed: no 类 or 款 line
    assert _missed(GREEN, source, layout, GENERAL) == (27, set())
