"""`render --format xlsx` then `import` of that workbook gives back the source's figures: every
shipped source, in the default layout's tables (titles “表1 2022年部门收支总表”, captions
“部门名称：…”, one 科目编码 column) — table shapes the importer was not grown on."""

from __future__ import annotations

import contextlib
import io
from pathlib import Path

import pytest

from reportgen.cli import main
from reportgen.runners.assemble import load_source

ROOT = Path(__file__).resolve().parent.parent
SOURCES = sorted((ROOT / "data").glob("*.yaml"))


def _quiet(*argv: str) -> int:
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        return main(list(argv))


def _figures(path: Path) -> dict[str, object]:
    budget = load_source(path)
    rows: dict[tuple[str, str], tuple[object, object]] = {}
    for r in budget.function_rows:
        rows[(r.code, r.fund)] = (r.basic, r.project)
    return {
        "function": rows,
        "economic": {r.code: r.amount for r in budget.economic_rows},
        "income": {k: v for k, v in budget.income.items() if v},
        "three_public": {k: (p.current, p.prior) for k, p in budget.three_public.parts.items() if p.current is not None},
        "projects": {p.name: (p.amount, p.prior) for p in budget.projects},
    }


@pytest.mark.parametrize("form", ["xlsx", "docx", "html"])
@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.stem)
def test_a_rendered_document_imports_back_to_the_sources_figures(source, form, tmp_path):
    """The workbook of `--format xlsx`, and the Word document and the web page themselves (their tables
    and their text)."""
    assert _quiet("render", str(source), "--format", form, "-o", str(tmp_path)) == 0
    workbook = next(tmp_path.glob(f"*.{form}"))
    back = tmp_path / "back.yaml"
    code = _quiet("import", str(workbook), "-o", str(back))
    if not load_source(source).budget_stated:  # a performance-target document: no budget table to import
        assert code == 1 and not back.exists()
        return
    assert back.is_file()
    # a workbook has no 职能: the one 待填写 the import leaves is what a user writes next
    text = back.read_text(encoding="utf-8")
    assert text.count("待填写") == (2 if form == "xlsx" else 0)  # the header's list and the duty itself
    back.write_text(text.replace("    - 待填写", "    - 导入后补写的职责"), encoding="utf-8")
    mine, theirs = _figures(back), _figures(source)
    if form == "xlsx" and load_source(source).final:
        # a 决算's “三公” table shows 预算数 and 决算数, not last year's: in a workbook (no text) its 上年 is unknown
        theirs["three_public"] = {k: (current, None) for k, (current, _) in theirs["three_public"].items()}  # type: ignore[attr-defined]
    for key in theirs:
        assert mine[key] == theirs[key], key
