"""Real client: LibreOffice opens the tracked-changes DOCX of `reportgen diff`, sees the revisions,
and its own "accept all" gives NEW's text, its "reject all" OLD's.

The command line (`soffice --convert-to txt`) writes a document with its revisions as recorded
(old and new text run together), so LibreOffice is driven through UNO by tests/lo_tracked.py, run
with a Python that has LibreOffice's ``uno`` module (Debian: python3-uno).
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from reportgen.diff import diff_documents
from reportgen.writers.docx import write_docx
from reportgen.writers.docx.diff import diff_docx_bytes
from tests.clients import libreoffice_profile, require_program
from tests.test_diff import NEW, OLD, source, synthetic_pairs

SCRIPT = Path(__file__).resolve().parent / "lo_tracked.py"


def uno_python() -> str:
    """A Python interpreter that can import LibreOffice's ``uno``; skip without one (fail on CI)."""
    for candidate in dict.fromkeys(filter(None, ["/usr/bin/python3", shutil.which("python3")])):
        probe = subprocess.run([candidate, "-c", "import uno"], capture_output=True, timeout=60)
        if probe.returncode == 0:
            return candidate
    reason = "real-client test needs a python3 with LibreOffice's uno module (python3-uno)"
    if os.environ.get("CI") == "true":
        pytest.fail(f"{reason} (CI=true: not skipping)")
    pytest.skip(reason)


def lines(path: Path) -> list[str]:
    """The text LibreOffice saved, line by line, blank lines dropped (page and section breaks)."""
    return [line.strip() for line in path.read_text(encoding="utf-8-sig").splitlines() if line.strip()]


def test_libreoffice_accept_all_gives_new_and_reject_all_gives_old(tmp_path: Path) -> None:
    soffice = require_program("soffice")
    python = uno_python()
    pairs = [(source(OLD), source(NEW)), *synthetic_pairs()]
    jobs = []
    for n, (old, new) in enumerate(pairs):
        write_docx(old, tmp_path / f"old{n}.docx")
        write_docx(new, tmp_path / f"new{n}.docx")
        (tmp_path / f"diff{n}.docx").write_bytes(diff_docx_bytes(diff_documents(old, new)))
        jobs += [f"accept:{tmp_path / f'diff{n}.docx'}", f"reject:{tmp_path / f'diff{n}.docx'}",
                 f"keep:{tmp_path / f'diff{n}.docx'}", f"keep:{tmp_path / f'old{n}.docx'}",
                 f"keep:{tmp_path / f'new{n}.docx'}"]
    profile = libreoffice_profile(tmp_path / "lo-profile")
    result = subprocess.run([python, str(SCRIPT), soffice, profile, str(tmp_path), *jobs],
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr

    for n in range(len(pairs)):
        new_text, old_text = lines(tmp_path / f"new{n}.keep.txt"), lines(tmp_path / f"old{n}.keep.txt")
        assert lines(tmp_path / f"diff{n}.accept.txt") == new_text, n
        assert lines(tmp_path / f"diff{n}.reject.txt") == old_text, n
        # Unresolved, LibreOffice shows both sides: it reads the markup as revisions.
        assert lines(tmp_path / f"diff{n}.keep.txt") not in (new_text, old_text)

    recorded = "\n".join(lines(tmp_path / "diff0.keep.txt"))
    assert "1,270.131,273.52" in recorded  # the total, deleted and inserted, side by side
    assert "1,273.52" in "\n".join(lines(tmp_path / "diff0.accept.txt"))
    assert "1,273.52" not in "\n".join(lines(tmp_path / "diff0.reject.txt"))
