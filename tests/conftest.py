"""What every test ends with: no blank page in a PDF it printed (tests/blank_pages.py); read after
everything the test changed (its monkeypatch, a stand-in pdftotext on PATH) is undone.

What every test starts from: no PDF read yet in this process. readers/pdf_words.py keeps what
pdftotext read of each PDF's bytes for the rest of the process (one run per command); a test that
puts a stand-in pdftotext on PATH (one that hangs, floods or fails) must meet it, not a reading an
earlier test in the same worker left behind.

What a test renders a DOCX with a 目录 from, unless it is marked ``contents_pages``: the DOCX as it is
before LibreOffice lays it out for the 目录's page numbers (REPORTGEN_CONTENTS_PAGES=0, the product's own
switch). Filling them is one LibreOffice print of each distinct DOCX, 2–3 s of the machine's two cores:
some fifty such prints were spent by tests about the narrative, the tables or a command's flow (the whole
run 1,133 → 1,022 CPU s). The tests of the numbers themselves and of the bytes a render gives are marked
(tests/test_toc_numbers.py, test_toc_pages.py, test_golden.py) and get the render as a user does; a PDF
prints the same bytes either way (render.py: the filled DOCX prints as the blank one did).

Which tests are slow (the marker ``slow``): tests/slow.py names them, each is marked at collection; `bash
scripts/test --fast` leaves them out, and lists after its run any other test that took over a couple of seconds.

What several tests read: data/shanghai-putuo-wenlvju-2026.yaml rendered to DOCX (wenlvju_docx), made once
per worker.

The collector of each pytest process, once its tests are collected: what it holds by then (the product's
modules and every test module, hundreds of thousands of objects that live as long as the process) is frozen
(``gc.freeze``), so that no full collection walks it again, and the youngest generation is collected every
10,000 allocations rather than every 700 (as the program does for itself, reportgen/__main__.py). Measured
one module at a time (an interpreter hook summing the collector's pauses): test_honesty 3.3 → 1.6 s of
collections, test_planted_pdf 2.3 → 0.3 s. The tests' own objects are never frozen: a test that makes garbage
with a finalizer still sees it collected."""

from __future__ import annotations

import gc
import os
import shutil
import signal
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from reportgen.readers.pdf import pdf_words
from reportgen.writers import contents_pages
from tests import learned_import, slow
from tests.blank_pages import PrintedPages
from tests.support.desk import desk_site  # noqa: F401  (the desk's data folder and database, for tests/test_desk_*.py)

# Started in the background of a script (`bash scripts/test &`, a CI runner without job control) a process has Ctrl-C
# ignored, and so has every program it starts: the tests that press Ctrl-C on a render, a batch or the preview would
# see it ignored. They test what a user at a terminal gets: Ctrl-C is Python's own again (a program started from
# here gets the default, which exec does not keep ignored).
if signal.getsignal(signal.SIGINT) == signal.SIG_IGN:
    signal.signal(signal.SIGINT, signal.default_int_handler)


# The test files that take longest, longest first (seconds of `--durations` summed per file, `bash scripts/test` on
# this machine, 2026-11-27: 139, 76, 65, 61, 48, 39, 35, 34, 32, 32, 28, 27, 25, 22, 21), handed out before the
# rest (scripts/test gives --no-loadscope-reorder: xdist's own order is by the number of tests in a file, which
# put files of few, slow tests — a scan's OCR, the desk in a browser, the regex sweep — last, one worker running
# them while the others had finished). The rest keep their order.
SLOWEST_FIRST = ("test_diff_outputs", "test_desk_browser_season", "test_honesty", "test_planted_pdf", "test_review_scanned", "test_review_desk",
                 "test_desk_browser", "test_regex_linear", "test_interrupts", "test_cache_hardening",
                 "test_import_sheets", "test_hostile_desk", "test_print_quality", "test_accessibility",
                 "test_program_limits", "test_review_folders", "test_hostile_desk_pages")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if slow.is_slow(item):
            item.add_marker(pytest.mark.slow)  # tests/slow.py: `pytest -m "not slow"` (scripts/test --fast) leaves it out
    rank = {name: place for place, name in enumerate(SLOWEST_FIRST)}
    items.sort(key=lambda item: rank.get(item.path.stem, len(SLOWEST_FIRST)))  # stable: a file's tests keep theirs


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """The tests not marked slow that took over slow.SLOW_SECONDS (setup, call and teardown): a quick run
    (scripts/test --fast) says which belong in tests/slow.py. Only listed, never failed: a busy machine is slower."""
    seconds: dict[str, float] = {}
    for reports in terminalreporter.stats.values():
        for report in reports:
            if isinstance(report, pytest.TestReport) and "slow" not in report.keywords:
                seconds[report.nodeid] = seconds.get(report.nodeid, 0.0) + report.duration
    over = sorted(((took, nodeid) for nodeid, took in seconds.items() if took > slow.SLOW_SECONDS), reverse=True)
    if over:
        terminalreporter.write_sep("=", f"not marked slow, over {slow.SLOW_SECONDS:g} s: {len(over)} (tests/slow.py)")
        for took, nodeid in over:
            terminalreporter.write_line(f"{took:6.2f}s {nodeid}")


def pytest_configure(config: pytest.Config) -> None:
    """The run's folder of published documents' imports (tests/learned_import.py), made by the first process (the
    controller under xdist; its workers, started after this, inherit the variable) and removed by it at the end."""
    if not os.environ.get(learned_import.FOLDER):
        os.environ[learned_import.FOLDER] = tempfile.mkdtemp(prefix="reportgen-test-imports-")
        config.add_cleanup(lambda: shutil.rmtree(os.environ.pop(learned_import.FOLDER), ignore_errors=True))


def pytest_collection_finish(session: pytest.Session) -> None:
    gc.collect()
    gc.freeze()
    gc.set_threshold(10_000, *gc.get_threshold()[1:])


@pytest.fixture(scope="session")
def wenlvju_docx(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """data/shanghai-putuo-wenlvju-2026.yaml as `reportgen render --format docx` writes it."""
    root = Path(__file__).resolve().parent.parent
    out = tmp_path_factory.mktemp("rendered")
    from tests.support.cli import reportgen  # deferred: the command's modules, imported by the tests that ask for it

    done = reportgen("render", root / "data" / "shanghai-putuo-wenlvju-2026.yaml", "-o", out, "--format", "docx", cwd=root)
    assert done.returncode == 0, done.stderr
    return out / "shanghai-putuo-wenlvju-2026.docx"


@pytest.fixture(scope="session")
def _printed_pages(tmp_path_factory: pytest.TempPathFactory) -> PrintedPages:
    return PrintedPages(tmp_path_factory.getbasetemp())


@pytest.fixture(scope="module", autouse=True)
def _printed_pages_of_module(_printed_pages: PrintedPages) -> Iterator[None]:
    yield
    _printed_pages.close()  # its folders were walked after each of its tests


# Before every other fixture of a test (autouse fixtures are set up in the order they are written
# here, and torn down in the reverse order): its teardown comes after theirs.
@pytest.fixture(autouse=True)
def _no_blank_page_printed(request: pytest.FixtureRequest, _printed_pages: PrintedPages) -> Iterator[None]:
    """Every PDF LibreOffice printed during the test (under the session's temporary folder): no page
    of it holds nothing but a page number."""
    yield
    blank = _printed_pages.blank()
    own = getattr(request.node, "funcargs", {}).get("tmp_path")
    if own is not None:  # the test's own folder: nothing is printed there after it
        _printed_pages.close(own)
    if blank:
        pytest.fail("a printed PDF has a blank page:\n" + "\n".join(blank))


@pytest.fixture(autouse=True)
def _contents_pages_where_tested(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    if request.node.get_closest_marker("contents_pages") is None:
        monkeypatch.setenv(contents_pages.OFF, "0")


@pytest.fixture(autouse=True)
def _no_pdf_read_yet(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pdf_words, "_READ", {})
