"""The DOCX 目录 carries its page numbers (issue 39, part 3): LibreOffice lays the DOCX out, the
numbers it prints become the PAGEREF fields' results, and the DOCX no longer asks Word to update
its fields (writers/contents_pages.py). tests/test_toc_pages.py compares those results with the
pages where pdftotext finds each heading; here: filling them moves no page, the cache spares a
second LibreOffice, a batch fills them from its one print, and without LibreOffice (or with a PDF
that does not give them) the DOCX keeps today's empty fields and the render says so."""

from __future__ import annotations

import functools
import io
import os
import re
import zipfile
from pathlib import Path

import pytest
from pypdf import PdfWriter

import reportgen.writers.pdf
from reportgen.base import cache
from reportgen.cli import main
from reportgen.runners.render import document_for, prepare, render_source
from reportgen.writers import contents_pages
from reportgen.writers.docx import docx_bytes
from reportgen.writers.docx.package import document_time
from tests.clients import require_program

# the 目录 page numbers as a user gets them: LibreOffice lays the DOCX out (tests/conftest.py)
pytestmark = pytest.mark.contents_pages

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "data" / "shanghai-putuo-wenlvju-2026.yaml"
RESULT = re.compile(r'PAGEREF _Toc\d+ \\h </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>'
                    r'(?:<w:r><w:t>(\d+)</w:t></w:r>)?<w:r><w:fldChar w:fldCharType="end"/>')


def results(docx: Path | bytes) -> tuple[list[str], bool]:
    """The 目录 fields' results ('' for an empty one) and whether settings.xml asks for an update."""
    with zipfile.ZipFile(docx if isinstance(docx, Path) else io.BytesIO(docx)) as package:
        document = package.read("word/document.xml").decode("utf-8")
        settings = package.read("word/settings.xml").decode("utf-8")
    return [m.group(1) or "" for m in RESULT.finditer(document)], "updateFields" in settings


@pytest.fixture()
def fresh_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Numbers kept by no earlier render: a font folder of this test's own joins the cache key, so
    every document's key is new (the user's cache and LibreOffice profile are used as they are)."""
    folder = tmp_path / "fonts-of-this-test"
    folder.mkdir()
    monkeypatch.setattr(contents_pages, "FONT_FOLDERS", (*contents_pages.FONT_FOLDERS, str(folder)))
    return folder


@functools.cache
def blank_package() -> bytes:
    """The source's DOCX as the writer makes it: empty results, w:updateFields."""
    return docx_bytes(document_for(prepare(SOURCE), layout="上海"))


def lines() -> int:
    """How many 目录 lines carry a page number (each part, table and project the source has)."""
    return len(results(blank_package())[0])


def test_filling_the_numbers_moves_no_page(tmp_path, fresh_cache):
    """The blank DOCX and the filled one print to the same PDF, byte for byte (LibreOffice computes
    the fields as it lays out), so the numbers read are a fixed point and one print serves both."""
    require_program("soffice")
    blank = blank_package()
    assert lines() >= 15 and results(blank) == ([""] * lines(), True)
    when = document_time("2026")
    final, pdf, warning = contents_pages.lay_out(blank, when, keep_pdf=True)
    numbers, asks = results(final)
    assert not warning and not asks and all(n.isdigit() for n in numbers) and len(numbers) == lines()
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "filled.docx").write_bytes(final)
    again = reportgen.writers.pdf.convert([tmp_path / "a" / "filled.docx"], tmp_path / "a", when)[0]
    assert again.read_bytes() == pdf
    assert contents_pages.numbers_in(again, len(numbers)) == numbers


def test_a_second_render_of_the_same_document_runs_no_libreoffice(tmp_path, fresh_cache, monkeypatch):
    require_program("soffice")
    first = render_source(SOURCE, tmp_path / "one", ("docx",), layout="上海")
    numbers, asks = results(first.outputs[0])
    assert not asks and all(numbers) and not [f for f in first.findings if f.rule == "目录页码"]

    def no_libreoffice(*_args, **_kwargs):
        raise AssertionError("LibreOffice ran for a document the cache holds")

    monkeypatch.setattr(reportgen.writers.pdf, "convert", no_libreoffice)
    second = render_source(SOURCE, tmp_path / "two", ("docx", "html"), layout="上海")
    assert second.outputs[0].read_bytes() == first.outputs[0].read_bytes()


def test_without_libreoffice_the_fields_stay_empty_and_the_render_says_so(tmp_path, fresh_cache, monkeypatch, capsys):
    monkeypatch.setenv("PATH", str(tmp_path / "nothing"))
    code = main(["render", str(SOURCE), "--layout", "上海", "-o", str(tmp_path / "out")])
    err = capsys.readouterr().err
    assert code == 0, err
    assert "警告 [目录页码] 找不到 LibreOffice（soffice），DOCX 目录的页码留空" in err
    assert results(tmp_path / "out" / f"{SOURCE.stem}.docx") == ([""] * lines(), True)


def test_the_setting_to_leave_them_out(tmp_path, fresh_cache, monkeypatch):
    """REPORTGEN_CONTENTS_PAGES=0: the DOCX as before, even where the cache holds its numbers."""
    contents_pages.keep(blank_package(), [str(n) for n in range(lines())])
    monkeypatch.setenv("REPORTGEN_CONTENTS_PAGES", "0")
    result = render_source(SOURCE, tmp_path / "out", ("docx",), layout="上海")
    assert [f.message for f in result.findings if f.rule == "目录页码"] == [
        "环境变量 REPORTGEN_CONTENTS_PAGES=0：DOCX 目录的页码留空，Word 打开时更新域后显示"]
    assert results(result.outputs[0]) == ([""] * lines(), True)


def test_a_pdf_without_the_numbers_leaves_them_out(tmp_path, fresh_cache, monkeypatch):
    """A print whose 目录 lines lead nowhere (here a PDF of blank pages) gives no number: the DOCX
    keeps its empty fields and w:updateFields, and the warning says why."""
    def blank_pages(docx_files, out_dir, when=None, processes=None):
        pdfs = []
        for docx in docx_files:
            writer = PdfWriter()
            writer.add_blank_page(595, 842)
            writer.write(out_dir / f"{docx.stem}.pdf")
            pdfs.append(out_dir / f"{docx.stem}.pdf")
        return pdfs

    monkeypatch.setattr(contents_pages, "wanted", lambda: True)
    monkeypatch.setattr(reportgen.writers.pdf, "convert", blank_pages)
    result = render_source(SOURCE, tmp_path / "out", ("docx",), layout="上海")
    warnings = [f.message for f in result.findings if f.rule == "目录页码"]
    assert warnings == [f"LibreOffice 打印的 PDF 中读不出目录的页码（PDF 中只找到 0 个目录链接，目录有 {lines()} 行页码）："
                        "DOCX 目录的页码留空，Word 打开时更新域后显示"]
    assert results(result.outputs[0]) == ([""] * lines(), True)


def test_a_batch_fills_each_docx_from_its_one_print(tmp_path, fresh_cache, capsys):
    """Several sources: the workers leave their blank DOCX for the batch's LibreOffice, which prints
    them together; each DOCX is then filled, the same bytes as a render of it alone."""
    require_program("soffice")
    sources = [SOURCE, ROOT / "data" / "shanghai-putuo-jianguanwei-2026.yaml"]
    code = main(["render", *map(str, sources), "--layout", "上海", "--format", "docx,pdf", "-o", str(tmp_path / "batch"),
                 "-j", "2"])
    assert code == 0, capsys.readouterr().err
    for source in sources:
        numbers, asks = results(tmp_path / "batch" / f"{source.stem}.docx")
        assert not asks and len(numbers) >= 15 and all(numbers), source.name
        assert contents_pages.numbers_in(tmp_path / "batch" / f"{source.stem}.pdf", len(numbers)) == numbers
    alone = render_source(SOURCE, tmp_path / "alone", ("docx",), layout="上海")  # from the cache the batch filled
    assert alone.outputs[0].read_bytes() == (tmp_path / "batch" / f"{SOURCE.stem}.docx").read_bytes()


def test_filling_takes_exactly_one_number_a_field_and_the_cache_only_numbers(fresh_cache):
    blank = blank_package()
    with pytest.raises(ValueError, match=f"目录有 {lines()} 个页码域，给了 14 个页码"):
        contents_pages.filled(blank, ["1"] * 14)
    assert contents_pages.fields_of(contents_pages.filled(blank, [str(n) for n in range(lines())])) == 0
    with pytest.raises(cache.Shape):
        contents_pages.NUMBERS_FORM.load(b'["2", "x"]')
    assert contents_pages.NUMBERS_FORM.load(b'["2", "13"]') == ["2", "13"]


def test_numbers_kept_for_other_fonts_are_not_used(tmp_path, fresh_cache, monkeypatch):
    """A font installed or upgraded may move a page: the numbers kept before are a miss."""
    fonts = tmp_path / "fonts"
    fonts.mkdir()
    monkeypatch.setattr(contents_pages, "FONT_FOLDERS", (str(fonts),))
    blank = blank_package()
    contents_pages.keep(blank, [str(n) for n in range(lines())])
    assert contents_pages.cached(blank) == [str(n) for n in range(lines())]
    (fonts / "NewFace.otf").write_bytes(b"")
    os.utime(fonts, ns=(1, 1))  # a date no earlier listing had
    assert contents_pages.cached(blank) is None
