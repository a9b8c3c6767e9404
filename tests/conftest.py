"""What every test starts from: no PDF read yet in this process. readers/pdf_words.py keeps what
pdftotext read of each PDF's bytes for the rest of the process (one run per command); a test that
puts a stand-in pdftotext on PATH (one that hangs, floods or fails) must meet it, not a reading an
earlier test in the same worker left behind."""

from __future__ import annotations

import pytest

from reportgen.readers import lines, pdf_words


@pytest.fixture(autouse=True)
def _no_pdf_read_yet(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pdf_words, "_READ", {})
    monkeypatch.setattr(lines, "_PDF_TEXTS", {})
