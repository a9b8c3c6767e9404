"""PDF (issue “Ready to publish”, part 1): the DOCX as LibreOffice prints it — its text holds the
title, every table title and a figure of each table; every font embedded; the same bytes twice;
one LibreOffice for a whole batch; a clear message, and nothing written, without LibreOffice."""

from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from reportgen import batch
from reportgen.render import document_for, prepare
from reportgen.writers import pdf as pdf_writer
from tests.clients import require_program

ROOT = Path(__file__).resolve().parent.parent
YANTIAN = ROOT / "data" / "shenzhen-yantian-zgh-2022.yaml"


def reportgen(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "reportgen", *args], capture_output=True, text=True,
                          env={**os.environ, **(env or {})})


@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    require_program("soffice")
    out = tmp_path_factory.mktemp("pdf")
    done = reportgen("render", str(YANTIAN), "-o", str(out), "--format", "pdf")
    assert done.returncode == 0, done.stderr
    return out / "shenzhen-yantian-zgh-2022.pdf"


def test_the_pdf_holds_the_title_every_table_and_its_figures(printed):
    pdftotext = require_program("pdftotext")
    text = subprocess.run([pdftotext, "-layout", str(printed), "-"], capture_output=True, text=True, check=True).stdout
    flat = "".join(text.split())  # the PDF's text puts spaces between Han characters and digits
    document = document_for(prepare(YANTIAN))
    assert "深圳市盐田区总工会2022年部门预算" in flat
    for table in document.tables():
        assert "".join(table.title.split()) in flat, table.title
        figures = [c.text for row in table.body for c in row.cells if c.text[:1].isdigit()]
        figures = [f for f in figures if f != "0.00"] or figures  # an empty table's 0.00
        assert figures and figures[0] in flat, (table.title, figures[:3])
    assert not (printed.parent / "shenzhen-yantian-zgh-2022.docx").exists()  # only what was asked for


def test_every_font_is_embedded(printed):
    pdffonts = require_program("pdffonts")
    lines = subprocess.run([pdffonts, str(printed)], capture_output=True, text=True, check=True).stdout.splitlines()[2:]
    assert lines
    assert all(line.split()[-5] == "yes" for line in lines), lines  # the emb column


def test_the_same_source_prints_the_same_bytes(printed, tmp_path):
    again = reportgen("render", str(YANTIAN), "-o", str(tmp_path), "--format", "pdf")
    assert again.returncode == 0, again.stderr
    second = tmp_path / printed.name
    assert hashlib.sha256(second.read_bytes()).digest() == hashlib.sha256(printed.read_bytes()).digest()
    info = subprocess.run([require_program("pdfinfo"), str(second)], capture_output=True, text=True, check=True).stdout
    assert "Jan  1 00:00:00 2022" in info  # its date is the DOCX's, not the moment of printing


def test_a_batch_is_printed_by_one_libreoffice(tmp_path, monkeypatch):
    require_program("soffice")
    calls: list[int] = []
    convert = pdf_writer.convert

    def counting(files, out_dir, when=None):  # type: ignore[no-untyped-def]
        calls.append(len(files))
        return convert(files, out_dir, when)

    monkeypatch.setattr(pdf_writer, "convert", counting)
    sources = [str(ROOT / "data" / f"{name}.yaml") for name in
               ("shenzhen-yantian-zgh-2022", "luoyang-zgh-2020", "shanghai-putuo-chengguan-2026")]
    args = argparse.Namespace(sources=[Path(s) for s in sources], jobs=1, no_index=True, out=tmp_path / "out",
                              format="pdf,html", templates=None, draft=False, layout=None)
    assert batch.run(args) == 0
    assert calls == [3]
    for source in sources:
        assert (tmp_path / "out" / f"{Path(source).stem}.pdf").stat().st_size > 10_000
        assert (tmp_path / "out" / f"{Path(source).stem}.html").is_file()
    assert sorted(p.name for p in (tmp_path / "out").iterdir() if p.name.startswith(".")) == []
    # a PDF alone, too
    args.format, args.out = "pdf", tmp_path / "only"
    assert batch.run(args) == 0
    assert sorted(p.name for p in args.out.iterdir()) == sorted(f"{Path(s).stem}.pdf" for s in sources)


def test_without_libreoffice_a_pdf_render_says_so_and_writes_nothing(tmp_path):
    bare = tmp_path / "bin"
    bare.mkdir()
    os.symlink(sys.executable, bare / "python")
    done = subprocess.run([str(bare / "python"), "-m", "reportgen", "render", str(YANTIAN), "-o", str(tmp_path / "out"),
                           "--format", "docx,pdf"], capture_output=True, text=True,
                          env={**os.environ, "PATH": str(bare)}, cwd=ROOT)
    assert done.returncode == 2
    assert "生成 PDF 需要 LibreOffice" in done.stderr and "Traceback" not in done.stderr
    assert not (tmp_path / "out").exists()


def test_diff_prints_its_tracked_changes(tmp_path):
    require_program("soffice")
    target = tmp_path / "diff.pdf"
    done = reportgen("diff", str(ROOT / "data" / "shenzhen-yantian-zgh-2021.yaml"), str(YANTIAN), "-o", str(target))
    assert done.returncode == 0, done.stderr
    assert target.read_bytes().startswith(b"%PDF") and shutil.which("soffice")
