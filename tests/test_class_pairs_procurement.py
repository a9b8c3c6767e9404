"""烟台's 一般公共预算基本支出情况表 and 政府采购预算表 as printed (issue 80): 公开表6 sets the 部门 and 政府 经济分类 side
by side in pairs of classes — 301 工资福利支出 → 501 机关工资福利支出 a line, its 款 pairs under it, then 301 → 505
对事业单位经常性补助 … — each pair's line rounded from 元 on its own (767.54 over 款 adding to 767.56); 公开表12 prints the
政府采购 by 功能分类 line and fund. Before, the render grouped the 款 by 部门 class (the 政府 classes under each 款) and
printed the procurement by 货物/工程/服务: 烟台市民政局 422 of 581 figures in place, with the 山东 layout 250.

Now the import writes the pairs' lines as printed (印出合计.一般公共预算基本支出表, traced; R-印出合计 holds them within the
尾数 of their 款) and the procurement's lines (政府采购.功能分类, traced; R-政府采购 holds them to its 合计); the learned
layout and the shipped 山东 layout print both as the document does (variants 两类成对 and 按功能). Written from 烟台's eight
documents in ../shared/corpus; 烟台市民政局 (../shared/corpus/fresh1) is shown unchanged."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from bench.learned_tables import _table_figures, published_rows, rendered_rows
from reportgen.base.errors import Finding
from reportgen.docmodel.document import Table
from reportgen.importing.pipeline import import_files
from reportgen.runners.render import document_for, prepare
from tests.clients import require_program
from tests.learned_import import import_once

PDF = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "fresh1" / "sd-yantai-minzhengju-2026-dept-budget.pdf"
BASIC, PROCUREMENT = "一般公共预算基本支出表", "政府采购预算表"


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    require_program("pdftotext")
    if not PDF.exists():
        pytest.skip("../shared/corpus is not here")
    folder = tmp_path_factory.mktemp("yantai")
    source, layout = import_once(folder, PDF)
    return source, layout


def _missed(source: Path, layout: Path | str, kind: str) -> tuple[int, set[str]]:
    """How many figures the published table prints, and the rows of those the render does not print in place."""
    published = _table_figures(published_rows(import_files([PDF], None).imported.tables[kind]))
    document = document_for(prepare(source, draft=True), draft=True, layout=layout)
    table = next(b for b in document.blocks if isinstance(b, Table) and b.id.split("-")[0] == kind)
    rendered = _table_figures(rendered_rows(table))
    return len(published), {key[0] for key, figure in published.items() if rendered.get(key) != figure}


def _errors(source: Path, rule: str) -> list[Finding]:
    return [f for f in prepare(source, draft=True).findings if f.rule == rule and f.severity == "error"]


@pytest.mark.slow
def test_the_pairs_and_the_procurement_are_imported_as_printed(imported) -> None:
    source, _ = imported
    text = source.read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    assert data["印出合计"][BASIC]["301/501"] == {"合计": 767.54, "人员经费": 767.54}  # its 款 add to 767.56
    assert data["印出合计"][BASIC]["合计"]["合计"] == 2989.71
    assert "      合计: 767.54   # 一般公共预算基本支出表 第17页 第8行" in text.splitlines()
    assert data["政府采购"]["功能分类"][0] == {"科目": 2080201, "一般公共预算": 9.44}
    assert {"科目": 2296002, "政府性基金": 573.88} in data["政府采购"]["功能分类"]
    assert not _errors(source, "R-印出合计") and not _errors(source, "R-政府采购")


@pytest.mark.slow
@pytest.mark.parametrize("layout", ["learned", "山东"])
def test_both_tables_print_every_figure_in_place(imported, layout) -> None:
    """Every figure of 公开表6 in its row and column, but for the 2 of 50999, which 烟台 names 其他对个人和家庭的补助
    (the registry's 其他对个人和家庭补助: the source holds no printed name of a 政府 class); every figure of 公开表12."""
    source, learned = imported
    chosen: Path | str = learned if layout == "learned" else layout
    if layout == "learned":
        tables = yaml.safe_load((learned / "版式.yaml").read_text(encoding="utf-8"))["表格"]
        assert tables[BASIC]["基于"] == f"{BASIC}-两类成对" and tables[PROCUREMENT]["基于"] == f"{PROCUREMENT}-按功能"
    printed, missed = _missed(source, chosen, BASIC)
    assert printed == 105 and missed == {"其他对个人和家庭的补助"}
    printed, missed = _missed(source, chosen, PROCUREMENT)
    assert printed == 34 and not missed


@pytest.mark.slow
def test_a_line_beyond_its_tail_is_an_error_never_printed(imported, tmp_path) -> None:
    source, _ = imported
    text = source.read_text(encoding="utf-8")
    wrong = tmp_path / "wrong.yaml"
    wrong.write_text(text.replace("      合计: 767.54", "      合计: 760.00", 1)
                     .replace("{科目: 2080201, 一般公共预算: 9.44}", "{科目: 2080201, 一般公共预算: 19.44}", 1),
                     encoding="utf-8")
    assert [f.path for f in _errors(wrong, "R-印出合计")] == [f"印出合计.{BASIC}.301/501"]
    assert [f.path for f in _errors(wrong, "R-政府采购")] == ["政府采购.功能分类"]
    document = document_for(prepare(wrong, draft=True), draft=True, layout="山东")
    table = next(b for b in document.blocks if isinstance(b, Table) and b.id == BASIC)
    pair = next(row for row in table.body if row.key == "301/501")
    # its 合计 its 款 added, not the 760.00; its 人员经费 as printed, within their 尾数
    assert [cell.text for cell in pair.cells][-3:-1] == ["767.56", "767.54"]
