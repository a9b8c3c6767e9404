"""PDF: the DOCX as LibreOffice prints it — the program users' offices have — so that the PDF is
the DOCX on paper, fonts embedded (LibreOffice's default). Several DOCX files are converted by one
LibreOffice process; its profile is kept in the user's cache (made once: the first start of a new
profile takes seconds), used by one conversion at a time."""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import os
import re
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

from reportgen.errors import PdfUnavailable

TIMEOUT_SECONDS = 600


def soffice() -> str:
    """The LibreOffice program, or PdfUnavailable saying how to install it."""
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found is None:
        raise PdfUnavailable("生成 PDF 需要 LibreOffice（找不到 soffice）：请安装，例如 "
                             "sudo apt-get install libreoffice-writer-nogui fonts-noto-cjk；或去掉 --format 中的 pdf")
    return found


@contextlib.contextmanager
def _profile() -> Iterator[Path]:
    """A LibreOffice user profile: the cached one when no other conversion holds it, else a
    fresh one for this conversion alone (two LibreOffice processes must not share a profile)."""
    from reportgen.cache import cache_folder

    root = cache_folder()
    if root is not None:
        cached = root / "libreoffice-profile"
        cached.mkdir(parents=True, exist_ok=True)
        with open(root / "libreoffice-profile.lock", "a") as lock:
            try:
                fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                pass  # busy: a profile of our own below
            else:
                yield cached
                return
    with tempfile.TemporaryDirectory(prefix="reportgen-lo-") as own:
        yield Path(own)


_DATE = re.compile(rb"/(CreationDate|ModDate)\(D:(\d{14})")
_ID = re.compile(rb"/ID\s*\[\s*<([0-9A-Fa-f]{32})>\s*<([0-9A-Fa-f]{32})>\s*\]")
_CHECKSUM = re.compile(rb"/DocChecksum /([0-9A-Fa-f]{32})")


def reproducible(pdf: bytes, when: datetime) -> bytes:
    """The PDF with what LibreOffice (7.4 here; it ignores SOURCE_DATE_EPOCH) makes differ from run
    to run set from the document instead: its dates (to ``when``, as the DOCX's), its /ID and its
    /DocChecksum (a digest of the rest). Each is rewritten in place with as many bytes, so every
    offset of the cross-reference table stays right."""
    stamp = when.astimezone(UTC).strftime("%Y%m%d%H%M%S").encode()
    pdf = _DATE.sub(lambda m: b"/" + m.group(1) + b"(D:" + stamp, pdf)
    blank = _ID.sub(lambda m: m.group(0).replace(m.group(1), b"0" * 32).replace(m.group(2), b"0" * 32), pdf)
    blank = _CHECKSUM.sub(b"/DocChecksum /" + b"0" * 32, blank)  # LibreOffice's own, of the varying bytes
    digest = hashlib.md5(blank, usedforsecurity=False).hexdigest().upper().encode()
    pdf = _ID.sub(lambda m: m.group(0).replace(m.group(1), digest).replace(m.group(2), digest), pdf)
    return _CHECKSUM.sub(b"/DocChecksum /" + digest, pdf)


def convert(docx_files: list[Path], out_dir: Path, when: datetime | None = None) -> list[Path]:
    """Each DOCX as a PDF in ``out_dir`` (same stem), converted by one LibreOffice process; with
    ``when``, made reproducible (see reproducible)."""
    if not docx_files:
        return []
    program = soffice()
    with _profile() as profile:
        command = [program, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
                   "--convert-to", "pdf:writer_pdf_Export", "--outdir", str(out_dir), *map(str, docx_files)]
        environment = {**os.environ, "HOME": os.environ.get("HOME", str(profile))}
        try:
            done = subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT_SECONDS, env=environment,
                                  stdin=subprocess.DEVNULL)
        except subprocess.TimeoutExpired:
            raise PdfUnavailable(f"LibreOffice 在 {TIMEOUT_SECONDS} 秒内没有完成 PDF 转换") from None
    pdfs = [out_dir / f"{docx.stem}.pdf" for docx in docx_files]
    missing = [p.name for p in pdfs if not p.is_file() or p.stat().st_size == 0]
    if missing:
        said = (done.stderr or done.stdout).strip().splitlines()[-1:] if (done.stderr or done.stdout) else []
        raise PdfUnavailable(f"LibreOffice 没有生成 {'、'.join(missing)}（退出码 {done.returncode}）"
                             + (f"：{said[0]}" if said else ""))
    if when is not None:
        for pdf in pdfs:
            pdf.write_bytes(reproducible(pdf.read_bytes(), when))
    return pdfs


def created(docx: Path) -> datetime:
    """When a DOCX says it was made (its core properties): the time its PDF carries too."""
    import zipfile

    core = zipfile.ZipFile(docx).read("docProps/core.xml").decode("utf-8")
    found = re.search(r"<dcterms:created[^>]*>([^<]+)</dcterms:created>", core)
    return datetime.strptime(found.group(1), "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC) if found else \
        datetime(1980, 1, 1, tzinfo=UTC)


__all__ = ["PdfUnavailable", "convert", "created", "reproducible", "soffice"]
