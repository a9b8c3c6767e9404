"""The thousands' commas a document's tables print, learned per table (issue 80 parts 1 and 3: a learned layout says
what the tables look like, and the draft prints each figure in the same form): `reportgen import --learn-layout`
writes 展示.表格千分位 from the PDF's tables. Written from 普陀区司法局 2026 (上海: its 收入总表, 支出总表 and 一般公共预算
支出表 print “96282213.44”, its 收支总表 and 财政拨款收支总表 “96,282,213.44” — the source's 展示.千分位 cannot say both)
and 长春市信访局 2026 (吉林: every table without commas); shown unchanged on 泉州市人民政府办公室 (福建), whose learned
layout alone prints its tables without commas. A document printing commas in every table (烟台市民政局) learns
nothing of it; a layout naming no table, or saying neither true nor false, is refused."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import openpyxl
import pytest

from reportgen import cli
from reportgen.docmodel.document import Table
from reportgen.runners.render import document_for, prepare
from reportgen.shaping.layouts import LayoutError, resolve
from tests.learned_import import import_once

ROOT = Path(__file__).resolve().parents[1]
FRESH = ROOT.parent / "shared" / "corpus" / "fresh1"
SIFAJU = ROOT / "bench" / "corpus" / "putuo-sfj-2026.pdf"
GROUPED = re.compile(r"-?\d{1,3}(?:,\d{3})+\.\d+")
TOTAL = "96282213.44"  # 司法局 2026's 合计 in 元, printed “96282213.44” in its 收入总表 (p. 6), “96,282,213.44” in its 收支总表


def _learned(folder: Path, pdf: Path) -> tuple[Path, Path, str]:
    if not pdf.exists():
        pytest.skip(f"{pdf.name} is not here")
    source, layout = import_once(folder, pdf)
    return source, layout, (layout / "版式.yaml").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def sifaju(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, str]:
    return _learned(tmp_path_factory.mktemp("sifaju"), SIFAJU)


def _tables(source: Path, layout: Path | str) -> dict[str, Table]:
    document = document_for(prepare(source, draft=True), draft=True, layout=layout)
    return {b.id.split("-")[0]: b for b in document.blocks if isinstance(b, Table)}


def _texts(table: Table) -> list[str]:
    return [cell.text for row in table.body for cell in row.cells]


def test_a_document_varying_its_commas_by_table_is_learned_per_table(sifaju) -> None:
    source, layout, text = sifaju
    assert "表格千分位:\n    全部: false\n    收支总表: true\n    财政拨款收支总表: true" in text
    assert "千分位" not in source.read_text(encoding="utf-8")  # the source's one setting cannot say both
    assert resolve(layout).table_thousands == {"全部": False, "收支总表": True, "财政拨款收支总表": True}
    tables = _tables(source, layout)
    for kind in ("收入总表", "支出总表", "一般公共预算支出表"):
        assert TOTAL in _texts(tables[kind]) and "96,282,213.44" not in _texts(tables[kind])
    for kind in ("收支总表", "财政拨款收支总表"):
        assert "96,282,213.44" in _texts(tables[kind]) and TOTAL not in _texts(tables[kind])


def test_every_format_prints_the_form_the_document_model_holds(sifaju, tmp_path: Path) -> None:
    """DOCX, HTML and XLSX are written from the one document model (PDF is printed from the DOCX): each prints the
    收入总表's 合计 without commas and the 收支总表's with them (上海's workbook: a number “#,##0.00” where the table groups,
    the figure's text where it does not — the text the document model holds)."""
    source, layout, _ = sifaju
    out = tmp_path / "out"
    assert cli.main(["render", str(source), "--draft", "--layout", str(layout), "--format", "docx,html,xlsx",
                     "-o", str(out)]) in (0, 1)
    page = next(out.glob("*.html")).read_text(encoding="utf-8")
    with zipfile.ZipFile(next(out.glob("*.docx"))) as docx:
        words = docx.read("word/document.xml").decode("utf-8")
    for printed in (page, words):
        assert f">{TOTAL}<" in printed and ">96,282,213.44<" in printed
    book = openpyxl.load_workbook(next(out.glob("*.xlsx")))
    shown = {(sheet.title, _shown(cell)) for sheet in book for row in sheet.iter_rows() for cell in row}
    assert ("部门收入总表", TOTAL) in shown and ("部门收入总表", "96,282,213.44") not in shown
    assert ("部门收支总表", "96,282,213.44") in shown and ("部门收支总表", TOTAL) not in shown


def _shown(cell: openpyxl.cell.cell.Cell) -> str:
    """The text a workbook's cell shows: a number by its format (“#,##0.00” or “0.00”), a text as it is."""
    if not isinstance(cell.value, float | int):
        return str(cell.value)
    return format(cell.value, ("," if "#,##0" in cell.number_format else "") + ".2f")


@pytest.mark.parametrize("name", ["jl-changchun-xinfangju-2026-dept-budget", "fj-quanzhou-zhengfuban-2026-dept-budget"])
def test_a_document_printing_no_commas_learns_it_for_every_table(name: str, tmp_path: Path) -> None:
    """长春 (written from) and 泉州 (shown): 全部 false; 泉州's source without its own 千分位 false still prints its tables
    without commas in the learned layout (and with them in 福建's nothing: 默认)."""
    source, layout, text = _learned(tmp_path, FRESH / f"{name}.pdf")
    assert "表格千分位:\n    全部: false\n" in text
    # the source's own 展示.千分位 turned (a table held as printed keeps its own 千分位, as printed)
    plain = re.sub(r"^  千分位: false", "  千分位: true", source.read_text(encoding="utf-8"), flags=re.M)
    source.write_text(plain, encoding="utf-8")
    learned = [t for table in _tables(source, layout).values() for t in _texts(table)]
    shipped = [t for table in _tables(source, "默认").values() for t in _texts(table)]
    assert any(re.fullmatch(r"\d{4,}\.\d\d", t) for t in learned) and not any(GROUPED.fullmatch(t) for t in learned)
    assert any(GROUPED.fullmatch(t) for t in shipped)


def test_a_document_printing_commas_in_every_table_learns_nothing_of_them(tmp_path: Path) -> None:
    _, _, text = _learned(tmp_path, FRESH / "sd-yantai-minzhengju-2026-dept-budget.pdf")
    assert "表格千分位" not in text


@pytest.mark.parametrize("setting, said", [("{收入总表: 是}", "true 或 false"), ("{收入表: false}", "没有“收入表”")])
def test_a_layout_saying_commas_otherwise_is_refused(setting: str, said: str, tmp_path: Path) -> None:
    (tmp_path / "版式.yaml").write_text(f"名称: 试\n基于: 默认\n展示:\n  表格千分位: {setting}\n", encoding="utf-8")
    with pytest.raises(LayoutError, match=said):
        resolve(tmp_path)
