"""No page of a PDF the tests print is blank (issue 51, part 3): every PDF LibreOffice's Writer
printed under the test session's temporary folder — a render's, a batch's, a redline's, a DOCX a
test printed itself — is read once, after the test during which it appeared (tests/conftest.py),
and a page whose only text is a page number (“— 8 —”) or nothing fails that test.

The PDFs are found by what made them, not by where a test put them: LibreOffice's Writer names
itself in the PDF's /Creator and /Producer, which published documents copied into a test's folder
(WPS, Word, Excel, LibreOffice's Calc) do not."""

from __future__ import annotations

import os
import re
import shutil
import stat
import subprocess
from pathlib import Path

# /Creator (Writer) and /Producer (LibreOffice …) as LibreOffice writes them: UTF-16BE in hex
_WRITER = b"/Creator<FEFF005700720069007400650072>"
_LIBREOFFICE = b"/Producer<FEFF004C0069006200720065004F006600660069006300650020"
# a page number as the layouts' footers print it (“— 8 —”), or as others might (“- 8 -”, “8”, “第8页”)
_PAGE_NUMBER = re.compile(r"第?[—–\-－]*\d*[—–\-－]*页?")


def printed_by_writer(pdf: Path) -> bool:
    """Whether LibreOffice's Writer printed ``pdf`` (a DOCX's print), by its document information."""
    try:
        data = pdf.read_bytes()
    except OSError:
        return False
    return data.startswith(b"%PDF-") and _WRITER in data and _LIBREOFFICE in data


def blank_pages(pdf: Path, pdftotext: str | None = None) -> list[int]:
    """The pages (from 1) of ``pdf`` whose text, spaces aside, is a page number or nothing (read by
    ``pdftotext``, the one on PATH unless given)."""
    program = pdftotext or shutil.which("pdftotext") or "pdftotext"
    found = subprocess.run([program, "-layout", str(pdf), "-"], capture_output=True, text=True, timeout=300)
    if found.returncode:
        return []  # not a PDF poppler reads: what made it is tested elsewhere
    pages = found.stdout.split("\f")[:-1]
    return [number for number, page in enumerate(pages, start=1) if _PAGE_NUMBER.fullmatch("".join(page.split()))]


class PrintedPages:
    """The PDFs Writer printed under ``root`` (the session's temporary folder), each read once for
    blank pages: a folder of ``root`` is walked after every test until it is closed (a test's own
    tmp_path after that test, the others once their module is done)."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.pdftotext = shutil.which("pdftotext")  # as the session found it (a test may put a stand-in on PATH)
        self.read: dict[Path, tuple[int, int]] = {}
        self.closed: set[str] = set()

    def blank(self) -> list[str]:
        """Each PDF printed or printed again since the last call that has a blank page, with its pages."""
        found = []
        for pdf in self._new():
            if printed_by_writer(pdf):
                pages = blank_pages(pdf, self.pdftotext)
                if pages:
                    found.append(f"{pdf}: page {', '.join(map(str, pages))} of nothing but a page number")
        return found

    def close(self, folder: Path | None = None) -> None:
        """Walk ``folder`` (a folder of root) no more; every open folder when None."""
        if folder is None:
            self.closed.update(entry.name for entry in os.scandir(self.root))
        elif folder.parent == self.root:
            self.closed.add(folder.name)

    def _new(self) -> list[Path]:
        if not self.pdftotext:
            return []  # nothing to read them with (and no test that reads a PDF runs)
        new = []
        with os.scandir(self.root) as entries:
            folders = [entry.path for entry in entries if entry.name not in self.closed and entry.is_dir(follow_symlinks=False)]
        for top in folders:
            for folder, _, files in os.walk(top):
                for name in files:
                    if name.lower().endswith(".pdf"):
                        path = Path(folder, name)
                        try:
                            info = path.lstat()
                        except OSError:
                            continue
                        if not stat.S_ISREG(info.st_mode):
                            continue  # a FIFO or a link a test planted under a PDF's name: no print
                        key = (info.st_mtime_ns, info.st_size)
                        if self.read.get(path) != key:
                            self.read[path] = key
                            new.append(path)
        return new
