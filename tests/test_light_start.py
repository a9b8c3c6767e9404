"""A command loads only what it uses (issue 82 part 8): every `reportgen` a user types pays its imports
before it does anything, and the test suite starts the program a few hundred times. Each test runs the
command line in a fresh interpreter, on a real source or a published PDF, and names the heavy modules its
path must not load: the ones a user would wait for and that path never calls."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
YANTIAN = ROOT / "data" / "shenzhen-yantian-zgh-2022.yaml"
WANLI = ROOT / "tests" / "seeds" / "pdf" / "shanghai-putuo-wanli-2025.pdf"

# The command line run in a fresh interpreter; then every module it loaded, as JSON on the last line.
RUN = """\
import contextlib, io, json, sys
from reportgen.cli import main
with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
    try:
        code = main(sys.argv[1:])
    except SystemExit as exc:
        code = exc.code
print(json.dumps({"code": code, "modules": sorted(sys.modules)}))
"""

# The readers of published documents, the workbook writers, python-docx, the worker pools, the desk: none is needed
# to read a YAML source and write its HTML (reportgen's own DOCX writer is loaded where a DOCX may be asked for).
WRITERS_AND_READERS = ("docx", "openpyxl", "xlsxwriter", "pikepdf", "pypdf", "lxml", "babel", "PIL", "django",
                       "multiprocessing", "reportgen.writers.xlsx", "reportgen.readers.pdf", "reportgen.importing",
                       "reportgen.review", "reportgen.paperwork", "reportgen.desk")
# What the help of the program or of a command without layouts in it needs none of: the templates, YAML, the work.
HELP = (*WRITERS_AND_READERS, "reportgen.writers", "jinja2", "yaml", "hashlib", "reportgen.runners", "reportgen.shaping", "reportgen.checks")


def loaded(*argv: str | Path) -> tuple[int, set[str]]:
    """The exit code of ``reportgen argv…`` and the modules it loaded."""
    done = subprocess.run([sys.executable, "-c", RUN, *map(str, argv)], cwd=ROOT, capture_output=True, text=True,
                          timeout=120, check=False)
    result = json.loads(done.stdout.splitlines()[-1]) if done.stdout else None
    assert result is not None, done.stderr[-2000:]
    return result["code"], set(result["modules"])


def unwanted(modules: set[str], heavy: tuple[str, ...]) -> list[str]:
    """The heavy modules (or packages: any module under one) among ``modules``."""
    return sorted(h for h in heavy if any(m == h or m.startswith(h + ".") for m in modules))


@pytest.mark.parametrize("argv", [("--help",), ("check", "--help"), ("review", "--help"), ("desk", "--help")])
def test_help_loads_no_template_no_yaml_and_none_of_the_work(argv):
    code, modules = loaded(*argv)
    assert code == 0
    assert unwanted(modules, HELP) == []


@pytest.mark.parametrize("argv", [("render", "--help"), ("schema",), ("layouts",)])
def test_the_layouts_names_are_listed_without_a_template_or_a_writer(argv):
    """`render --help` and the schema name the shipped layouts, `layouts` lists them: their settings are read,
    and nothing renders: no Jinja2, no writer, none of the work on a document."""
    code, modules = loaded(*argv)
    assert code == 0
    assert unwanted(modules, (*WRITERS_AND_READERS, "reportgen.writers", "jinja2", "reportgen.checks",
                              "reportgen.runners.render")) == []


def test_check_of_a_source_loads_no_writer_no_pdf_reader_and_no_reviewer():
    code, modules = loaded("check", YANTIAN)
    assert code == 0
    assert unwanted(modules, (*WRITERS_AND_READERS, "reportgen.writers.docx", "reportgen.writers.pdf")) == []
    assert "reportgen.checks" in modules  # the command did its work


def test_an_html_render_loads_no_pdf_reader_no_workbook_writer_and_no_reviewer(tmp_path):
    code, modules = loaded("render", YANTIAN, "-o", tmp_path, "--format", "html")
    assert code == 0 and (tmp_path / f"{YANTIAN.stem}.html").is_file()
    assert unwanted(modules, WRITERS_AND_READERS) == []


def test_a_missing_source_loads_no_writer_or_reader_of_another_format(tmp_path):
    code, modules = loaded("render", tmp_path / "无此文件.yaml", "-o", tmp_path / "out")
    assert code == 1
    assert unwanted(modules, WRITERS_AND_READERS) == []


def test_a_review_of_one_pdf_loads_no_worker_pool_no_docx_writer_and_no_register():
    """One document is reviewed in the process itself: no pool of workers (multiprocessing and its sockets); the
    hand-back's DOCX writer and the roster's time zone only with -o, --issuer, --roster."""
    code, modules = loaded("review", WANLI)
    assert code in (0, 1)
    assert "reportgen.review.documents" in modules  # the command did its work
    assert unwanted(modules, ("docx", "openpyxl", "xlsxwriter", "babel", "django", "multiprocessing", "zoneinfo",
                              "concurrent.futures.process", "reportgen.writers.docx", "reportgen.paperwork.handback",
                              "reportgen.desk")) == []
