"""Every figure printed as its source states it (issue 51): a department whose 元 figures carry cents
gets its cents in the 上海 layout's 元 tables — in the DOCX, the HTML and the official workbook — and
a department of whole 元 keeps its whole 元. The round trip is the real one: 上海市普陀区人民政府办公室's
published 2025 budget (bench/corpus/putuo-zhengfuban-2025.pdf, whose 元 tables print 91,016,775.35)
imported, then rendered in the 上海 layout, then its official workbook imported back."""

from __future__ import annotations

import re
import shutil
import subprocess
from collections import Counter
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from reportgen.cli import main
from reportgen.runners.assemble import load_source
from reportgen.runners.render import check_findings
from tests.readback import docx_tables, find_row, html_tables

ROOT = Path(__file__).resolve().parent.parent
PUBLISHED = ROOT / "bench" / "corpus" / "putuo-zhengfuban-2025.pdf"
FIGURE = re.compile(r"(?<![\d,.])\d{1,3}(?:,\d{3})*\.\d{2}(?![\d.])")

needs_pdftotext = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils (pdftotext) 未安装")


def _quiet(*argv: str) -> int:
    import contextlib
    import io

    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        return main(list(argv))


@pytest.fixture(scope="module")
def round_trip(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("exact")
    source = folder / "zhengfuban-2025.yaml"
    assert _quiet("import", str(PUBLISHED), "--layout", "上海", "-o", str(source)) == 0
    out = folder / "out"
    assert _quiet("render", str(source), "--layout", "上海", "--format", "docx,html,xlsx", "-o", str(out)) == 0
    return {"source": source, **{p.suffix: p for p in out.iterdir()}}


def _yuan_table_figures(pdf: Path) -> Counter[str]:
    """The figures the published 元 tables print, as printed ("1,554,220.00")."""
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    pages = text.split("\f")
    first = next(i for i, page in enumerate(pages) if "单位：元" in page)
    last = next(i for i, page in enumerate(pages) if re.search(r"单位[：:]万元", page))  # the 三公 table, after them
    pages = pages[first:last]  # a table continued on the next page prints no 单位 line there
    assert len(pages) >= 10, "the published document's 元 tables"
    return Counter(f for page in pages for f in FIGURE.findall(page))


@needs_pdftotext
@pytest.mark.parametrize("suffix", [".html", ".docx"])
def test_every_published_yuan_figure_is_printed_as_published(round_trip, suffix):
    published = _yuan_table_figures(PUBLISHED)
    tables = (html_tables if suffix == ".html" else docx_tables)(round_trip[suffix])
    ours = {cell for table in tables for row in table for cell in row}
    assert "91,016,775.35" in published and "22,473,997.81" in published
    missing = sorted(set(published) - ours)
    assert not missing, f"printed by the document, not by the render: {missing[:10]}"
    # and no 元 amount is shown rounded to whole 元 (91,016,775 for 91,016,775.35)
    rounded = {f.rsplit(".", 1)[0] for f in published if not f.endswith(".00")}
    assert not rounded & ours, sorted(rounded & ours)[:10]


def test_the_basic_spending_total_equals_its_parts_on_the_page(round_trip):
    tables = html_tables(round_trip[".html"])
    economic = tables.titled("经济分类预算表")
    total, personnel, public = (Decimal(c.replace(",", "")) for c in economic[-1][-3:])
    assert economic[-1][-3:] == ["24,606,775.35", "22,473,997.81", "2,132,777.54"]
    assert total == personnel + public
    assert "尾数误差" not in round_trip[".html"].read_text(encoding="utf-8")


def test_the_official_workbook_holds_the_exact_values_and_reads_back(round_trip, tmp_path):
    book = openpyxl.load_workbook(round_trip[".xlsx"])
    sheet = book["部门收支总表"]
    assert Decimal(str(sheet["B21"].value)) == Decimal("91016775.35") and sheet["B21"].number_format == "#,##0.00_ "
    back = tmp_path / "back.yaml"
    assert _quiet("import", str(round_trip[".xlsx"]), "--layout", "上海", "-o", str(back)) == 0
    budget, original = load_source(back), load_source(round_trip["source"])
    assert [f.format() for f in check_findings(back) if f.severity == "error"] == []
    assert budget.income == original.income
    assert [(r.code, r.basic, r.project) for r in budget.function_rows] == \
        [(r.code, r.basic, r.project) for r in original.function_rows]


def test_a_source_of_whole_yuan_prints_whole_yuan_and_its_own_setting_wins(tmp_path):
    """城管 2026 states whole 元: its 元 tables print 47,483,458 as published; a source's own 展示.小数位
    by unit ({元: 2}) is not overridden by the layout's {元: 0}."""
    source = ROOT / "data" / "shanghai-putuo-chengguan-2026.yaml"
    assert _quiet("render", str(source), "--layout", "上海", "--format", "html", "-o", str(tmp_path / "a")) == 0
    whole = html_tables(next((tmp_path / "a").glob("*.html")))
    assert find_row(whole, "收入总计", titled="财务收支预算总表")[1] == "47,483,458"
    text = source.read_text(encoding="utf-8").replace("  小数位: 2\n", "  小数位: {元: 2, 万元: 2}\n", 1)
    assert "小数位: {元: 2" in text
    changed = tmp_path / source.name
    changed.write_text(text, encoding="utf-8")
    assert _quiet("render", str(changed), "--layout", "上海", "--format", "html", "-o", str(tmp_path / "b")) == 0
    cents = html_tables(next((tmp_path / "b").glob("*.html")))
    assert find_row(cents, "收入总计", titled="财务收支预算总表")[1] == "47,483,458.00"


@needs_pdftotext
def test_a_document_printing_whole_yuan_to_the_fen_is_reprinted_in_its_form(tmp_path):
    """商务委 2025 (tests/seeds/pdf) states whole 元 but prints every 元 figure to the 分 (1,197,600.00):
    the import records that form (展示.小数位 {元: 2}), and the 上海 render prints it so."""
    published = ROOT / "tests" / "seeds" / "pdf" / "shanghai-putuo-shangwuwei-2025.pdf"
    source = tmp_path / "shangwu.yaml"
    assert _quiet("import", str(published), "--layout", "上海", "-o", str(source)) == 0
    assert _quiet("render", str(source), "--layout", "上海", "--format", "html", "-o", str(tmp_path / "out")) == 0
    ours = {cell for table in html_tables(next((tmp_path / "out").glob("*.html"))) for row in table for cell in row}
    figures = _yuan_table_figures(published)
    assert "1,197,600.00" in figures and not set(figures) - ours, sorted(set(figures) - ours)[:10]
