"""PDF: the DOCX as LibreOffice prints it — the program users' offices have — so that the PDF is
the DOCX on paper, fonts embedded (LibreOffice's default). Several DOCX files are converted by one
LibreOffice process; its profile is kept in the user's cache (made once: the first start of a new
profile takes seconds), used by one conversion at a time.

LibreOffice (and poppler's pdftotext, which reads a PDF draft: review/draft.py) runs under
run_program: a time limit, after which its whole process group is killed (LibreOffice starts a
second process), and a bound on what it may print. What LibreOffice made is checked before it is
used: a file that does not begin as a PDF and end as one is an error, and nothing is published."""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import os
import re
import selectors
import shutil
import signal
import stat
import subprocess
import tempfile
import time
from collections.abc import Iterator, Mapping
from datetime import UTC, datetime
from pathlib import Path

from reportgen import cache
from reportgen.errors import PdfUnavailable

TIMEOUT_SECONDS = 600  # LibreOffice, for one batch of DOCX files; REPORTGEN_SOFFICE_SECONDS overrides it
OUTPUT_LIMIT = 1024 * 1024  # what LibreOffice may print on stdout and stderr together
_TAIL = 1024  # a PDF's %%EOF is within its last 1024 bytes (as PDF readers look for it)


class ProgramTimeout(Exception):
    """The program ran past its time limit (its process group has been killed)."""


class ProgramOutputTooLarge(Exception):
    """The program printed more than it may (its process group has been killed)."""


def seconds(variable: str, default: float) -> float:
    """A program's time limit: the positive number of seconds in the environment variable
    ``variable`` when it holds one, else ``default``."""
    try:
        value = float(os.environ.get(variable, ""))
    except ValueError:
        return default
    return value if 0 < value < float("inf") else default


def run_program(command: list[str], limit: float, max_output: int,
                env: Mapping[str, str] | None = None) -> tuple[int, bytes, bytes]:
    """Run ``command`` (stdin from /dev/null) in a session of its own: its exit code, stdout and
    stderr. Raises ProgramTimeout when it has not finished and closed its output within ``limit``
    seconds, ProgramOutputTooLarge when stdout and stderr together pass ``max_output`` bytes; either
    way (and on any other exception, Ctrl-C included) its whole process group is killed first."""
    deadline = time.monotonic() + limit
    process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               env=None if env is None else dict(env), start_new_session=True)
    assert process.stdout is not None and process.stderr is not None
    out, err = process.stdout.fileno(), process.stderr.fileno()
    output: dict[int, list[bytes]] = {out: [], err: []}
    size = 0
    try:
        with selectors.DefaultSelector() as selector:
            for stream in (process.stdout, process.stderr):
                selector.register(stream, selectors.EVENT_READ)
            while selector.get_map():
                left = deadline - time.monotonic()
                if left <= 0:
                    raise ProgramTimeout
                for key, _ in selector.select(left):
                    data = os.read(key.fd, 65536)
                    if not data:
                        selector.unregister(key.fileobj)
                        continue
                    output[key.fd].append(data)
                    size += len(data)
                    if size > max_output:
                        raise ProgramOutputTooLarge
        try:
            code = process.wait(max(deadline - time.monotonic(), 0))
        except subprocess.TimeoutExpired:
            raise ProgramTimeout from None
    except BaseException:
        _kill_group(process)
        raise
    finally:
        process.stdout.close()
        process.stderr.close()
    return code, b"".join(output[out]), b"".join(output[err])


def _kill_group(process: subprocess.Popen[bytes]) -> None:
    """Kill the process group ``process`` leads, then reap it. Only while it is not yet reaped: till
    then its id (the group's) cannot have been given to another process."""
    if process.returncode is None:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(process.pid, signal.SIGKILL)
    with contextlib.suppress(subprocess.TimeoutExpired):
        process.wait(5)


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
    fresh one for this conversion alone (two LibreOffice processes must not share a profile).
    The cached profile and its lock are used only as what they should be, a folder and a regular
    file of the user's: a symbolic link planted at either name is not followed (opening the lock
    through it would create a file wherever it points), and a fresh profile is used instead."""
    root = cache.cache_folder()  # looked up when called (tests point it elsewhere)
    lock = _lock_file(root / "libreoffice-profile.lock") if root is not None else None
    if lock is not None:
        try:
            assert root is not None
            cached = root / "libreoffice-profile"
            try:
                fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                pass  # busy: a profile of our own below
            else:
                if _own_folder(cached):
                    yield cached
                    return
        finally:
            os.close(lock)
    with tempfile.TemporaryDirectory(prefix="reportgen-lo-") as own:
        yield Path(own)


def _lock_file(path: Path) -> int | None:
    """A descriptor of the lock file at ``path`` (made, mode 0600, when missing); None unless it is
    a regular file of this user's reached without following a symbolic link (O_NOFOLLOW; O_NONBLOCK
    so that a FIFO planted there cannot block the open)."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC, 0o600)
    except OSError:
        return None
    try:
        info = os.fstat(fd)
    except OSError:
        info = None
    if info is None or not stat.S_ISREG(info.st_mode) or info.st_uid != os.geteuid():
        os.close(fd)
        return None
    return fd


def _own_folder(path: Path) -> bool:
    """``path`` is a folder of this user's, not a symbolic link to one (made, mode 0700, when missing)."""
    try:
        os.mkdir(path, 0o700)
    except FileExistsError:
        pass
    except OSError:
        return False
    try:
        info = os.lstat(path)
    except OSError:
        return False
    return stat.S_ISDIR(info.st_mode) and info.st_uid == os.geteuid()


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
    ``when``, made reproducible (see reproducible). PdfUnavailable (in Chinese, naming the files)
    when LibreOffice runs past its time limit, or what it leaves is not a whole PDF."""
    if not docx_files:
        return []
    program = soffice()
    names = "、".join(f"{docx.stem}.pdf" for docx in docx_files)
    limit = seconds("REPORTGEN_SOFFICE_SECONDS", TIMEOUT_SECONDS)
    with _profile() as profile:
        command = [program, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
                   "--convert-to", "pdf:writer_pdf_Export", "--outdir", str(out_dir), *map(str, docx_files)]
        environment = {**os.environ, "HOME": os.environ.get("HOME", str(profile))}
        try:
            code, stdout, stderr = run_program(command, limit, OUTPUT_LIMIT, environment)
        except ProgramTimeout:
            raise PdfUnavailable(f"LibreOffice 在 {limit:g} 秒内没有把 {names} 转换完，已结束它；没有生成 PDF"
                                 "（可用环境变量 REPORTGEN_SOFFICE_SECONDS 放宽时限）") from None
        except ProgramOutputTooLarge:
            raise PdfUnavailable(f"LibreOffice 转换 {names} 时输出了超过 {OUTPUT_LIMIT // 1024} KB 的信息，已结束它；"
                                 "没有生成 PDF") from None
    said = (stderr or stdout).decode("utf-8", errors="replace").strip().splitlines()[-1:]
    pdfs = [out_dir / f"{docx.stem}.pdf" for docx in docx_files]
    missing = [p.name for p in pdfs if not p.is_file() or p.stat().st_size == 0]
    if missing:
        raise PdfUnavailable(f"LibreOffice 没有生成 {'、'.join(missing)}（退出码 {code}）"
                             + (f"：{said[0]}" if said else ""))
    for pdf in pdfs:
        problem = _not_a_pdf(pdf)
        if problem:
            raise PdfUnavailable(f"LibreOffice 生成的 {pdf.name} {problem}（退出码 {code}），不能作为 PDF 发布")
    if when is not None:
        for pdf in pdfs:
            pdf.write_bytes(reproducible(pdf.read_bytes(), when))
    return pdfs


def _not_a_pdf(path: Path) -> str:
    """What is wrong with the PDF LibreOffice left at ``path``: '' for a regular file that begins
    with %PDF- and has %%EOF within its last 1024 bytes (after which only a PDF reader's tolerance
    of trailing bytes); else the words for it."""
    try:
        info = os.lstat(path)
        if not stat.S_ISREG(info.st_mode):
            return "不是普通文件"
        with open(path, "rb") as file:
            head = file.read(5)
            file.seek(max(info.st_size - _TAIL, 0))
            tail = file.read(_TAIL)
    except OSError as exc:
        return f"不能读取（{exc.strerror or exc}）"
    if head != b"%PDF-":
        return "不是 PDF（文件开头不是 %PDF-）"
    if b"%%EOF" not in tail:
        return "不完整（结尾没有 %%EOF）"
    return ""


def created(docx: Path) -> datetime:
    """When a DOCX says it was made (its core properties): the time its PDF carries too."""
    import zipfile  # deferred: zipfile costs 3 ms at start-up, needed only to date a batch's PDFs

    core = zipfile.ZipFile(docx).read("docProps/core.xml").decode("utf-8")
    found = re.search(r"<dcterms:created[^>]*>([^<]+)</dcterms:created>", core)
    return datetime.strptime(found.group(1), "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC) if found else \
        datetime(1980, 1, 1, tzinfo=UTC)


__all__ = ["PdfUnavailable", "ProgramOutputTooLarge", "ProgramTimeout", "convert", "created", "reproducible",
           "run_program", "seconds", "soffice"]
