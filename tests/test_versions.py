"""Is the published document the approved one (reportgen/runners/versions.py, the desk's check of a published version, issue
81 part 5): the very bytes; the same text in other bytes (a PDF saved again); a figure changed before publication,
told with both figures; and a DOCX against the PDF printed from it — written from the 深圳 and 上海 layouts' documents,
shown on 唐山's, which it was not written from — reports no figure changed."""

from __future__ import annotations

import io
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pikepdf
import pytest

from reportgen.readers.text.lines import Line
from reportgen.runners.versions import canonical, pieces, versions_compared

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"
PUBLISHED = [CORPUS / "bj-minzhengju-2026-dept-budget.pdf", CORPUS / "gd-shenzhen-minzheng-2026-dept-budget.pdf",
             CORPUS / "fresh1" / "sh-city-fucai-2026-unit-budget.pdf"]


def _resaved(path: Path, folder: Path) -> Path:
    """The PDF saved again (pikepdf: other bytes, the same pages)."""
    target = folder / f"再存-{path.name}"
    with pikepdf.open(path) as pdf:
        pdf.docinfo["/Producer"] = "another writer"
        pdf.save(target, compress_streams=False)
    return target


@pytest.mark.parametrize("path", PUBLISHED, ids=lambda p: p.stem)
def test_the_same_published_pdf_saved_again_is_the_same_text(path: Path, tmp_path: Path) -> None:
    copy = shutil.copy(path, tmp_path / path.name)
    assert versions_compared([path], [Path(copy)]) is None  # the very bytes
    again = _resaved(path, tmp_path)
    assert again.read_bytes() != path.read_bytes()
    versions = versions_compared([path], [again])
    assert versions is not None and versions.same_text and versions.same_figures


def _rendered(name: str, folder: Path, formats: str) -> Path:
    subprocess.run([sys.executable, "-m", "reportgen", "render", str(ROOT / "data" / f"{name}.yaml"), "-o", str(folder),
                    "--format", formats], check=True, capture_output=True, cwd=ROOT)
    return folder / f"{name}.docx"


def _figure_changed(docx: Path, old: str, new: str, target: Path) -> Path:
    """The DOCX with the first ``old`` of its body made ``new`` (a figure edited before publication)."""
    out = io.BytesIO()
    with zipfile.ZipFile(docx) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as changed:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "word/document.xml":
                assert old.encode() in data
                data = data.replace(old.encode(), new.encode(), 1)
            changed.writestr(item, data)
    target.write_bytes(out.getvalue())
    return target


def test_a_figure_changed_before_publication_is_told_with_both_figures(tmp_path: Path) -> None:
    approved = _rendered("shenzhen-yantian-zgh-2022", tmp_path, "docx")
    published = _figure_changed(approved, "445.96", "454.96", tmp_path / "公开.docx")
    versions = versions_compared([approved], [published])
    assert versions is not None and not versions.same_text and not versions.same_figures
    assert versions.only_approved == ["445.96"] and versions.only_published == ["454.96"]
    assert [(f.old, f.new) for f in versions.diff.figures] == [("445.96", "454.96")]
    assert len(versions.diff.changes) == 1


@pytest.mark.parametrize("name", ["shenzhen-yantian-zgh-2022", "shanghai-putuo-wenlvju-2026", "tangshan-zgh-2025"])
def test_a_docx_and_the_pdf_printed_from_it_change_no_figure(name: str, tmp_path: Path) -> None:
    docx = _rendered(name, tmp_path, "docx,pdf")
    versions = versions_compared([docx], [docx.with_suffix(".pdf")])
    assert versions is not None
    assert versions.diff.figures == []
    # what differs: the cover's subtitle, which the DOCX's lines leave out (its year the one figure more), and a
    # table's heading lines the PDF prints in other places
    assert versions.only_approved == [] and len(set(versions.only_published)) <= 1


def test_the_lines_are_put_in_one_form() -> None:
    assert canonical("  深圳市盐田区总工会 2022 年部门预算 ") == "深圳市盐田区总工会2022年部门预算"
    assert canonical("合计 1,273.52   445.96") == "合计1,273.52 445.96"
    pdf = [Line(1, "一、收入 1,273.52 万元，比上年增", page=1), Line(2, "加 3.39 万元。", page=1), Line(3, "- 1 -", page=1),
           Line(4, "表1 收支总表", page=2), Line(5, "合计 1,273.52 445.96", page=2), Line(6, "2", page=2)]
    docx = [Line(1, "一、收入1,273.52万元，比上年增加3.39万元。"), Line(2, "表1 收支总表"), Line(3, "合计 1,273.52 445.96")]
    assert pieces(pdf) == pieces(docx) == ["一、收入1,273.52万元，比上年增加3.39万元。", "表1收支总表合计1,273.52 445.96"]
