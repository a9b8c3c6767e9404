"""What every test ends with: no blank page in a PDF it printed (tests/blank_pages.py); read after
everything the test changed (its monkeypatch, a stand-in pdftotext on PATH) is undone.

What every test starts from: no PDF read yet in this process. readers/pdf_words.py keeps what
pdftotext read of each PDF's bytes for the rest of the process (one run per command); a test that
puts a stand-in pdftotext on PATH (one that hangs, floods or fails) must meet it, not a reading an
earlier test in the same worker left behind."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from reportgen.readers import pdf_words
from tests.blank_pages import PrintedPages


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
def _no_pdf_read_yet(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pdf_words, "_READ", {})
