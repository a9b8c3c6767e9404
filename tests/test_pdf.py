"""PDF (issue “Ready to publish”, part 1): the DOCX as LibreOffice prints it — its text holds the
title, every table title and a figure of each table; every font embedded; the same bytes twice;
one conversion for a whole batch, by one LibreOffice per core; a clear message, and nothing written,
without LibreOffice; no graphics self-tests at LibreOffice's start. Its fonts, language and structure:
test_pdf_fonts.py."""

from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from reportgen.base.written import RECORD
from reportgen.runners import batch
from reportgen.runners.render import document_for, prepare
from reportgen.writers import pdf as pdf_writer
from reportgen.writers.docx import write_docx
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


def test_a_batch_is_printed_by_one_libreoffice_per_core(tmp_path, monkeypatch):
    require_program("soffice")
    calls: list[int] = []
    runs: list[tuple[list[list[str]], list[int] | None]] = []
    convert, run_programs = pdf_writer.convert, pdf_writer.run_programs

    def counting(files, out_dir, when=None):  # type: ignore[no-untyped-def]
        calls.append(len(files))
        return convert(files, out_dir, when)

    def recording(commands, limit, max_output, env=None, lanes=None):  # type: ignore[no-untyped-def]
        runs.append((commands, lanes))
        return run_programs(commands, limit, max_output, env, lanes)

    monkeypatch.setattr(pdf_writer, "convert", counting)
    monkeypatch.setattr(pdf_writer, "run_programs", recording)
    monkeypatch.setenv("REPORTGEN_SOFFICE_PROCESSES", "2")  # two cores, wherever the test runs
    sources = [str(ROOT / "data" / f"{name}.yaml") for name in
               ("shenzhen-yantian-zgh-2022", "luoyang-zgh-2020", "shanghai-putuo-chengguan-2026")]
    args = argparse.Namespace(sources=[Path(s) for s in sources], jobs=1, no_index=True, out=tmp_path / "out",
                              format="pdf,html", templates=None, draft=False, layout=None)
    assert batch.run(args) == 0
    assert calls == [3]  # one conversion for the batch …
    (commands, lanes), = runs
    assert len(commands) == 2 and lanes == [0, 1]  # … by two LibreOffice processes at once
    profiles = [next(word for word in command if word.startswith("-env:UserInstallation=")) for command in commands]
    assert len(set(profiles)) == 2  # each with a profile of its own
    printed = sorted(Path(word).stem for command in commands for word in command if word.endswith(".docx"))
    assert printed == sorted(Path(s).stem for s in sources)  # each DOCX printed once
    for source in sources:
        assert (tmp_path / "out" / f"{Path(source).stem}.pdf").stat().st_size > 10_000
        assert (tmp_path / "out" / f"{Path(source).stem}.html").is_file()
    assert sorted(p.name for p in (tmp_path / "out").iterdir() if p.name.startswith(".")) == [RECORD]  # no temporary file
    # a PDF alone, too
    args.format, args.out = "pdf", tmp_path / "only"
    assert batch.run(args) == 0
    assert sorted(p.name for p in args.out.iterdir()) == sorted([RECORD, *(f"{Path(s).stem}.pdf" for s in sources)])


def test_a_batchs_runs_share_the_files_evenly(tmp_path):
    files = []
    for number in range(60):
        path = tmp_path / f"d{number:02d}.docx"
        path.write_bytes(b"x" * (1000 if number % 3 else 40_000))
        files.append(path)
    runs = pdf_writer._groups(files, 4)
    assert sorted(i for run in runs for i in run) == list(range(60))
    sizes = [sum(32 * 1024 + files[i].stat().st_size for i in run) for run in runs]
    assert len(runs) == 4 and max(sizes) - min(sizes) <= 32 * 1024 + 40_000


def test_two_sources_of_one_name_are_both_named(tmp_path, capsys):
    """A batch's status line, summary and index name both sources whose outputs would share a name,
    not only “无法写入”."""
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "x.yaml").write_text("x", encoding="utf-8")
    _, problems, _ = batch.expand_sources([tmp_path / "a" / "x.yaml", tmp_path / "b" / "x.yaml"])
    (clash,) = problems
    first, second = str(tmp_path / "a" / "x.yaml"), str(tmp_path / "b" / "x.yaml")
    assert clash.source == second and first in clash.failure
    assert clash.status_text == f"失败（输出与 {first} 同名）"
    table = batch.summary_table([clash])
    assert first in table and second in table and "无法写入" not in table


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


def test_libreoffice_starts_without_its_graphics_self_tests(tmp_path, monkeypatch):
    """LibreOffice draws its graphics self-tests at a start it takes for the first after an upgrade: at every start
    in a profile only ever used headless, unless the profile says otherwise (reading/programs.py NO_SELF_TESTS) —
    1.1 s of the 1.8 s of CPU that printing a small DOCX took. A print in a new profile leaves no log of them."""
    require_program("soffice")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    docx = tmp_path / "a.docx"
    write_docx(document_for(prepare(YANTIAN)), docx)
    (tmp_path / "out").mkdir()
    assert pdf_writer.convert([docx], tmp_path / "out")[0].read_bytes().startswith(b"%PDF")
    assert list((tmp_path / "cache").rglob("registrymodifications.xcu"))  # printed in a profile of that cache
    assert not list((tmp_path / "cache").rglob("GraphicsRenderTests.log"))
