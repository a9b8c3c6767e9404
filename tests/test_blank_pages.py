"""No blank page (issue 51, part 3). A page break was a paragraph holding a w:br: a line of its
own, which after a table or text that filled its page to the bottom fell on the next page, whose
break then left that page blank — three of the 21 pages of the imported 区政府办公室 2025 (after its
收入总表, 支出总表 and 一般公共预算支出表). A PageBreak is now the w:pageBreakBefore of what
follows it: the writer's side is tested first, without LibreOffice; then the prints, page by page.
Every PDF any test prints is read for blank pages too (tests/blank_pages.py, tests/conftest.py)."""

from __future__ import annotations

import contextlib
import io
import re
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn

from reportgen.cli import main
from reportgen.docmodel.document import Cell, Document, Heading, PageBreak, Paragraph, Row, Table
from reportgen.writers.docx.blocks import docx_bytes, write_docx
from tests.blank_pages import blank_pages, printed_by_writer
from tests.clients import require_program

ROOT = Path(__file__).resolve().parent.parent
OFFICE = ROOT / "bench" / "corpus" / "putuo-zhengfuban-2025.pdf"  # 上海市普陀区人民政府办公室 2025年部门预算


def table(rows: int, title: str = "") -> Table:
    return Table(f"t{rows}{title}", "", title, "", "", [Row([Cell("科目"), Cell("金额")], "header")],
                 [Row([Cell(f"第{i}行"), Cell(f"{i}.00", align="right")]) for i in range(1, rows + 1)], [3, 1],
                 notes=["注：本表示例。"] if title else [])


def page_starts(path: Path) -> list[str]:
    """The text of each paragraph that starts a page by w:pageBreakBefore (a table's: its first cell's)."""
    body = docx.Document(str(path)).element.body
    return ["".join(t.text or "" for t in p.iter(qn("w:t"))) for p in body.iter(qn("w:p"))
            if p.find(f"{qn('w:pPr')}/{qn('w:pageBreakBefore')}") is not None]


def page_break_runs(path: Path) -> int:
    body = docx.Document(str(path)).element.body
    return sum(br.get(qn("w:type")) == "page" for br in body.iter(qn("w:br")))


# -- the writer -------------------------------------------------------------------------------------

def test_a_page_break_is_the_page_break_before_of_the_paragraph_after_it(tmp_path):
    path = tmp_path / "a.docx"
    write_docx(Document([Paragraph("甲。"), PageBreak(), Heading(1, "一、", "乙"), Paragraph("丙。"), PageBreak(),
                         table(3, "丁表")]), path)
    assert page_break_runs(path) == 0  # no paragraph of its own: no line to fall onto a page of its own
    assert page_starts(path) == ["一、乙", "丁表"]
    heading = next(p for p in docx.Document(str(path)).paragraphs if p.text == "一、乙")
    assert heading.paragraph_format.page_break_before  # as Word reads it


def test_a_table_after_a_page_break_starts_the_page_with_its_first_cell(tmp_path):
    path = tmp_path / "a.docx"
    write_docx(Document([Paragraph("甲。"), PageBreak(), table(3)]), path)
    cell = docx.Document(str(path)).tables[0].cell(0, 0).paragraphs[0]
    assert cell.text == "科目" and cell.paragraph_format.page_break_before
    assert page_starts(path) == ["科目"]


def test_a_page_break_on_a_page_still_empty_is_not_written():
    """A break at the start, a second break, a break before a section break (a wide table's landscape
    page), a break at the end: each would leave a page blank."""
    wide = Table("w", "", "宽表", "", "", [Row([Cell(f"第{i}列") for i in range(12)], "header")],
                 [Row([Cell("1,234,567.89", align="right") for _ in range(12)])], [1] * 12, wide=True)
    blocks = [PageBreak(), Paragraph("甲。"), PageBreak(), PageBreak(), Paragraph("乙。"), PageBreak(), wide,
              PageBreak(), Paragraph("丙。"), PageBreak()]
    written = docx.Document(io.BytesIO(docx_bytes(Document(blocks))))
    assert [s.page_width > s.page_height for s in written.sections] == [False, True, False]
    breaks = [p.text for p in written.paragraphs if p.paragraph_format.page_break_before]
    assert breaks == ["乙。"]  # 宽表 and 丙 start sections of their own
    assert 'w:type="page"' not in written.element.body.xml


# -- the prints -------------------------------------------------------------------------------------

def _printed(path: Path) -> Path:
    require_program("soffice")
    require_program("pdftotext")
    from reportgen.writers.pdf import convert

    pdf = convert([path], path.parent)[0]
    assert printed_by_writer(pdf)
    return pdf


def test_text_or_a_table_that_fills_its_page_to_the_bottom_leaves_no_blank_page(tmp_path):
    """Groups of 15 to 29 one-line paragraphs, and tables of 20 to 44 rows, each followed by a page
    break: one group, and some tables, end on a page's last line (before, pages 9, 41 and 43 of this
    print were blank)."""
    blocks: list = []
    for lines in range(15, 30):
        blocks += [Paragraph(f"第{lines}组第{i}段。") for i in range(1, lines + 1)] + [PageBreak()]
    for rows in range(20, 45):
        blocks += [table(rows, f"表{rows}"), PageBreak()]
    path = tmp_path / "fill.docx"
    write_docx(Document(blocks), path)
    pdf = _printed(path)
    assert blank_pages(pdf) == []


def test_the_imported_office_2025_prints_no_blank_page_in_the_shanghai_layout(tmp_path):
    """区政府办公室 2025, imported from its PDF and rendered in the 上海 layout (21 pages, three blank,
    before; 18 now), as a user does it: reportgen import, then render --format docx,pdf."""
    require_program("soffice")
    require_program("pdftotext")
    source = tmp_path / "office.yaml"
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        assert main(["import", str(OFFICE), "--layout", "上海", "-o", str(source)]) == 0
        assert main(["render", str(source), "--layout", "上海", "--format", "docx,pdf", "-o", str(tmp_path / "out")]) == 0
    pdf = tmp_path / "out" / "office.pdf"
    assert blank_pages(pdf) == []
    # the 目录 names the pages as printed (收入总表 and 支出总表 each came one page late, after a blank page)
    pages = _text(pdf).split("\f")
    lines = [" ".join(line.split()) for line in pages[1].splitlines()]
    for number, title in (("2.", "2025 年部门收入预算总表"), ("3.", "2025 年部门支出预算总表")):
        (page,) = [p for p in pages[2:] if title in " ".join(p.split())]
        printed = re.findall(r"—\s*(\d+)\s*—", page)[-1]
        assert any(line.startswith(f"{number} {title}") and line.endswith(f".{printed}") for line in lines), lines


def _text(pdf: Path) -> str:
    import subprocess

    return subprocess.run([require_program("pdftotext"), "-layout", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout


@pytest.mark.parametrize("pages, blank", [("— 3 —", True), ("  —12—  \n", True), ("", True), ("- 4 -", True),
                                          ("第5页", True), ("合计 — 3 —", False), ("2025", True), ("表 1", False)])
def test_a_page_is_blank_when_it_holds_a_page_number_or_nothing(pages, blank, tmp_path, monkeypatch):
    import subprocess

    def pdftotext(*_args, **_kwargs):
        return subprocess.CompletedProcess([], 0, f"封面\f{pages}\f", "")

    monkeypatch.setattr(subprocess, "run", pdftotext)
    assert blank_pages(tmp_path / "x.pdf") == ([2] if blank else [])
