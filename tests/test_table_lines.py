"""表行 (issue 80): 北京's 支出总表 prints one line per 功能分类 × 政府经济分类 × 部门经济分类, its 一般公共预算支出表 each
unit's 项 one after another without the unit's name; the source held neither (no department 项 is printed), so the
render printed one 合计 row where the published prints hundreds of figures. Now the import writes the lines as printed
(表行, each traced to its page and row), `check` adds them up against 基本支出, 项目支出, 人员经费 and 公用经费, and the
learned layout (表格.X.表行) prints them in their order with their six decimals.

Written from 北京市民政局 and 北京市水务局 2026 (../shared/corpus); 北京市审计局 2026 (../shared/corpus/fresh1) shows
the mechanism unchanged."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.learned_tables import _table_figures, published_rows, rendered_rows
from reportgen import cli
from reportgen.docmodel.document import Table
from reportgen.importing.pipeline import import_files
from reportgen.runners.render import document_for, prepare
from tests.clients import require_program
from tests.learned_import import import_once

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
TABLES = ("支出总表", "一般公共预算支出表", "一般公共预算基本支出表", "收支总表")


@pytest.fixture(scope="module", autouse=True)
def _poppler() -> None:
    require_program("pdftotext")


def _files(name: str) -> list[Path]:
    folder = CORPUS / "fresh1" if name == "shenjiju" else CORPUS
    paths = [folder / f"bj-{name}-2026-dept-budget.pdf", folder / f"bj-{name}-2026-dept-budget-tables.pdf"]
    if not all(path.exists() for path in paths):
        pytest.skip("../shared/corpus is not here")
    return paths


def _imported(tmp_path: Path, name: str) -> tuple[Path, Path]:
    source, layout = import_once(tmp_path, *_files(name))
    return source, layout


@pytest.mark.slow
@pytest.mark.parametrize("name", ["minzhengju", "shenjiju"])
def test_the_printed_lines_are_imported_learned_and_printed_in_place(tmp_path, name) -> None:
    """Every figure of the three tables in the same row and column, in the same form (6 decimals), as published (the
    基本支出表 a line per 政府 and 部门 经济分类, 政府 first: its variant 政府经济分类在前, learned; the 收支总表's 类
    the 支出总表's lines added, the source holding no function row)."""
    source, layout = _imported(tmp_path, name)
    text = source.read_text(encoding="utf-8")
    assert "表行:" in text and "表格" in (layout / "版式.yaml").read_text(encoding="utf-8")
    published = import_files(_files(name), None).imported.tables
    document = document_for(prepare(source, draft=True), draft=True, layout=layout)
    shown = {b.id: b for b in document.blocks if isinstance(b, Table)}
    for kind in TABLES:
        printed = _table_figures(published_rows(published[kind]))
        rendered = _table_figures(rendered_rows(shown[kind]))
        missed = {key[0] for key, figure in printed.items() if rendered.get(key) != figure}
        # the 基本支出表's 目 3021503-三类会议费: the source's economic rows hold its 款 (30215 会议费), not the 目
        assert len(printed) > 10 and missed <= ({"三类会议费"} if kind == "一般公共预算基本支出表" else set()), (kind, missed)


@pytest.mark.slow
def test_a_line_is_traced_and_keeps_its_decimals_and_printed_name(tmp_path) -> None:
    source, _ = _imported(tmp_path, "minzhengju")
    lines = source.read_text(encoding="utf-8").splitlines()
    assert "    - {功能分类: 2050802, 政府经济分类: 50501, 经济分类: 30101, 基本支出: 290.6588}   # 支出总表 第3页 第7行" in lines
    # a 目 the registry does not list keeps the name it prints; a unit's 项 its 人员经费 and 公用经费 (基本支出 their sum)
    assert any("经济分类: 3021101, 经济分类名称: 差旅费" in line for line in lines)
    assert "    - {功能分类: 2080201, 人员经费: 9245.100605, 公用经费: 855.12659}   # 一般公共预算支出表 第9页 第10行" in lines


@pytest.mark.slow
def test_check_adds_the_lines_up(tmp_path, capsys) -> None:
    """The lines as imported add up to the department's 基本支出 and 项目支出 (民政局: no finding); one line's figure
    changed, `check` names the column and both sums. 水务局's 支出总表 reads fewer lines than it prints (the import
    already says its 合计 is not its rows'): `check` says so of the lines too."""
    source, _ = _imported(tmp_path / "mz", "minzhengju")
    capsys.readouterr()
    assert cli.main(["check", str(source)]) == 0
    text = source.read_text(encoding="utf-8")
    changed = tmp_path / "changed.yaml"
    changed.write_text(text.replace("经济分类: 30101, 基本支出: 290.6588}", "经济分类: 30101, 基本支出: 291.6588}"),
                       encoding="utf-8")
    assert cli.main(["check", str(changed)]) == 1
    out = capsys.readouterr().out
    assert "R-表行" in out and "支出总表各行的基本支出相加为 45,981.56万元" in out and "45,980.56万元" in out
    source, _ = _imported(tmp_path / "sw", "shuiwuju")
    capsys.readouterr()
    assert cli.main(["check", str(source)]) == 1
    assert "支出总表各行的项目支出相加为 833,030.93万元，源文件的支出.项目支出为 837,932.45万元" in capsys.readouterr().out


@pytest.mark.slow
def test_the_review_tells_a_shortfall_of_the_lines_once(capsys) -> None:
    """水务局's 支出总表 reads short of its 合计: the review tells it once, as the import's reconciliation of the table
    (表内不一致), never again as check's R-表行 on the lines the import wrote."""
    capsys.readouterr()
    cli.main(["review", *map(str, _files("shuiwuju")), "--format", "json"])
    out = capsys.readouterr().out
    assert "1,019,793.653031" in out and "R-表行" not in out and "支出总表各行" not in out
