"""One reading of any published file (issue 53, part 1): readers/published.py reads a file once, tells its
format by its bytes — never by its name — and every command takes the value it returns. A real PDF
named .html, a rendered DOCX named .pdf and a real workbook named .html are imported and reviewed
exactly as under their own names; a review of a PDF reads it from disk once; and no module outside
readers/ (and writers/, and the annotated copy's PDF writer) imports a file-format library.

Fixtures: bench/corpus/putuo-zhengfuban-2025.pdf (区政府办公室 2025, as published), tests/fixtures/import
(万里街道 2025's export), data/shanghai-putuo-wenlvju-2026.yaml rendered to DOCX."""

from __future__ import annotations

import ast
import io
import os
import shutil
from pathlib import Path

import pytest

from reportgen.importing.pipeline import import_files
from reportgen.paperwork.listing import listed
from reportgen.paperwork.pages import copy_name
from reportgen.paperwork.roster import read_roster
from reportgen.readers.office.csvfile import is_table
from reportgen.readers.published import read_published
from reportgen.review.documents import DocumentReview, review_document

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "reportgen"
ZHENGFUBAN = ROOT / "bench" / "corpus" / "putuo-zhengfuban-2025.pdf"
EXPORT = ROOT / "tests" / "fixtures" / "import"
SEEDS = ROOT / "tests" / "seeds"

# The libraries that read a file's format: only readers/ (and writers/, which write them) import them.
FORMAT_LIBRARIES = ("pypdf", "pikepdf", "docx", "openpyxl", "python_calamine", "lxml", "csv", "zipfile")
ALLOWED = (("reportgen/paperwork/annotated.py", "pikepdf"),  # the annotated copy's writer opens the PDF to write it
           ("reportgen/codes/__init__.py", "csv"),  # a code table is a data file of the project, not a document
           # the desk's exports: the chase list written as CSV, the 检查表 page read back from its own HTML to fill its
           # XLSX and DOCX cell for cell (writers of the desk's own pages, no reading of a user's document)
           ("reportgen/desk/record/progress.py", "csv"), ("reportgen/desk/record/inspection_export.py", "lxml"))

needs_pdftotext = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils (pdftotext) 未安装")


def _imports(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            found.add(node.module.split(".")[0])
    return found


def test_no_module_outside_the_readers_imports_a_file_format_library():
    outside = [path for path in sorted(PACKAGE.rglob("*.py"))
               if path.relative_to(PACKAGE).parts[0] not in ("readers", "writers")]
    found = [(str(path.relative_to(ROOT)), name) for path in outside for name in sorted(_imports(path))
             if name in FORMAT_LIBRARIES]
    assert [item for item in found if item not in ALLOWED] == []
    assert outside and all(item in found for item in ALLOWED)  # the scan sees what it is meant to see


def test_the_scan_would_see_a_format_library_imported(tmp_path):
    module = tmp_path / "m.py"
    module.write_text("def f():\n    import zipfile  # deferred\n    from lxml import etree\n", encoding="utf-8")
    assert _imports(module) == {"zipfile", "lxml"}


def _same_yaml(one: Path, other: Path) -> tuple[str, str]:
    """The import of each file, its own name written as the other's (the source names the file it read)."""
    first, second = import_files([one], None).source.text, import_files([other], None).source.text
    return first, second.replace(str(other), str(one)).replace(other.name, one.name)


def _reviewed(document: Path) -> tuple[dict[str, int], list[tuple[object, ...]], list[tuple[int, int, str]], str]:
    result = review_document(document, "上海")
    rows = [(item.page, item.line, item.quote, item.kind, item.rule, item.message.replace(str(document), "DOC"),
             item.printed, item.expected) for item in listed(result)]
    lines = [(line.number, line.page, line.text) for line in (result.narrative.lines if result.narrative else [])]
    return result.counts, rows, lines, result.refused.replace(str(document), "DOC")


@needs_pdftotext
def test_a_pdf_named_html_is_imported_and_reviewed_as_the_pdf(tmp_path):
    renamed = tmp_path / "zhengfuban.html"
    shutil.copyfile(ZHENGFUBAN, renamed)
    assert read_published(renamed).kind == "pdf"
    first, second = _same_yaml(ZHENGFUBAN, renamed)
    assert first == second and "部门: " in first
    as_pdf, as_html = _reviewed(ZHENGFUBAN), _reviewed(renamed)
    assert as_html == as_pdf
    counts = as_pdf[0]
    assert counts["read"] > 100 and counts["agree"] > 100  # its prose figures read (none, read as a page)
    result = review_document(renamed, "上海")
    assert copy_name(result, 1) == "001-zhengfuban-annotated.pdf"  # its annotated copy is written too




def test_a_docx_named_pdf_is_imported_and_reviewed_as_the_docx(wenlvju_docx, tmp_path):
    renamed = tmp_path / "wenlvju.pdf"
    shutil.copyfile(wenlvju_docx, renamed)
    assert read_published(renamed).kind == "docx"
    first, second = _same_yaml(wenlvju_docx, renamed)
    assert first == second and "职责:" in first
    as_docx, as_pdf = _reviewed(wenlvju_docx), _reviewed(renamed)
    assert as_pdf == as_docx and as_docx[0]["read"] > 100
    assert copy_name(review_document(renamed, "上海"), 1) is None  # no PDF: no annotated copy


@pytest.mark.parametrize("name", ["wanli-2025.xlsx", "wanli-2025-html.xls"])
def test_a_workbook_named_html_is_imported_as_the_workbook(name, tmp_path):
    renamed = tmp_path / "wanli.html"
    shutil.copyfile(EXPORT / name, renamed)
    assert not read_published(renamed).is_document  # a workbook, though saved as a web page
    first, second = _same_yaml(EXPORT / name, renamed)
    assert first == second and "名词解释:" in first
    assert _reviewed(renamed)[:2] == _reviewed(EXPORT / name)[:2]


@needs_pdftotext
def test_a_review_of_a_pdf_reads_it_from_disk_once(monkeypatch, tmp_path):
    document = tmp_path / "zhengfuban.pdf"
    shutil.copyfile(ZHENGFUBAN, document)
    opened: list[str] = []
    real_os_open, real_io_open = os.open, io.open

    def os_open(path, *args, **kwargs):  # type: ignore[no-untyped-def]
        opened.append(os.fspath(path))
        return real_os_open(path, *args, **kwargs)

    def io_open(path, *args, **kwargs):  # type: ignore[no-untyped-def]
        if isinstance(path, (str, Path)):
            opened.append(os.fspath(path))
        return real_io_open(path, *args, **kwargs)

    monkeypatch.setattr(os, "open", os_open)
    monkeypatch.setattr(io, "open", io_open)
    monkeypatch.setattr("builtins.open", io_open)
    result: DocumentReview = review_document(document, "上海")
    listed(result)  # the reviewer's list reads the lines the review read
    assert result.narrative is not None and result.narrative.counts["read"] > 100
    assert opened.count(str(document)) == 1, opened


def test_a_csv_is_told_from_prose_by_its_content(tmp_path):
    roster = "单位名称,类型,主管部门,批复日期\n甲局,部门,甲局,2025-01-20\n乙中心,单位,甲局,2025-01-20\n"
    for name in ("名单.csv", "名单.txt"):  # a roster's CSV, however named
        (tmp_path / name).write_text(roster, encoding="utf-8")
        assert read_published(tmp_path / name).kind == "csv"
        assert [member.name for member in read_roster(tmp_path / name)] == ["甲局", "乙中心"]
    prose = SEEDS / "qinhuangdao-shanhaiguan-gh-2020.txt"  # a real text: its figures' commas make no columns
    renamed = tmp_path / "shanhaiguan.csv"
    shutil.copyfile(prose, renamed)
    assert not is_table(prose.read_bytes())
    assert read_published(renamed).kind == "text" and read_published(renamed).lines == read_published(prose).lines
    first, second = _same_yaml(prose, renamed)
    assert first == second


def test_every_real_text_is_prose_and_every_csv_export_a_table():
    texts = sorted(SEEDS.glob("*.txt"))
    assert texts and not [path.name for path in texts if is_table(path.read_bytes())]
    assert is_table((EXPORT / "wanli-2025-收入预算总表.csv").read_bytes())


def test_a_file_that_cannot_be_read_is_refused_one_way_naming_it(tmp_path):
    from reportgen.readers.unreadable import Unreadable

    empty = tmp_path / "空.pdf"
    empty.write_bytes(b"")
    cut = tmp_path / "截断.html"
    cut.write_bytes(ZHENGFUBAN.read_bytes()[:5000])  # a PDF cut short, named as a page
    for path, words in ((empty, "文件是空的"), (cut, "PDF 文件不完整"), (tmp_path / "无.docx", "文件不存在")):
        with pytest.raises(Unreadable) as caught:
            read_published(path)
        assert caught.value.file == str(path) and words in caught.value.reason
        assert caught.value.message.startswith(f"{path}：")
