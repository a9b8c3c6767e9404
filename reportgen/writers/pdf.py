"""PDF: the DOCX as LibreOffice prints it — the program users' offices have — so that the PDF is
the DOCX on paper, fonts embedded (LibreOffice's default). A batch's DOCX files are converted by
one LibreOffice process per core (at most MAX_PROCESSES), each with a profile of its own (kept in
the user's cache, one per process; a profile is used by one conversion at a time) and its share of
the files, in runs of at most RUN_FILES.

What LibreOffice makes depends on the machine only through what is pinned here:

* its fonts: pdf_fonts.conf (beside this module) is its fontconfig file. The typefaces the DOCX
  names (仿宋_GB2312, 宋体, 楷体_GB2312, 方正小标宋简体, 黑体, Times New Roman) stand for installed faces of
  the same kind (Noto Serif CJK SC, Noto Sans CJK SC, Liberation Serif), and the Japanese, Korean and
  Traditional Chinese faces of Noto CJK are not offered. (Which regional form a character takes
  follows the face and the text's language, zh-CN in the DOCX, through the fonts' localized forms.)
  LibreOffice names every Noto CJK face after the font program the collection's faces share, the
  Japanese one's: _regional_names gives each its own name;
* its locale and time zone: C.UTF-8 (file names in any script) and UTC, whatever the user's; the
  document's language, zh-CN, is LibreOffice's locale setting in the profile (_settle: it is the
  PDF's /Lang and decides line breaking), since a zh_CN.UTF-8 system locale may not be installed;
* what it exports: a tagged PDF (the structure screen readers follow) with the headings as
  bookmarks (EXPORT_FILTER);
* what differs from run to run: the dates, /ID and checksum, set from the document (reproducible).

One thing is not pinned: LibreOffice numbers the Type 1 fonts it embeds across its whole run (a
/UniqueID, also inside each font's encrypted program, on which every later byte of it depends), so
a PDF printed in a batch differs from the same DOCX printed alone in those bytes (not in what it
shows). A PDF printed alone is the same bytes anywhere; a batch's, for the same sources and the
same number of processes (REPORTGEN_SOFFICE_PROCESSES), since that decides its runs. Decrypting
and encrypting the fonts again to make them equal costs about 0.1 s of Python a document (220 KB
of font programs for the Yantian seed): 10 s for a batch of 100, half the time the batch takes.

LibreOffice (and poppler's pdftotext, which reads a PDF: readers/pdf/pdf_words.py, readers/pdf/tables/) runs
under reading/programs.py's run_program: a time limit, after which its whole process group is killed (LibreOffice starts a
second process), and a bound on what it may print. What LibreOffice made is checked before it is
used: a file that does not begin as a PDF and end as one is an error, and nothing is published."""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import os
import re
import shutil
import stat
import tempfile
from collections.abc import Iterator, Mapping
from datetime import UTC, datetime
from pathlib import Path

from reportgen.base import cache
from reportgen.base.errors import PdfUnavailable
from reportgen.base.patterns import regex
from reportgen.reading.programs import (
    NO_SELF_TESTS,
    ProgramOutputTooLarge,
    ProgramTimeout,
    run_program,
    run_programs,
    seconds,
)

TIMEOUT_SECONDS = 600  # LibreOffice, for one batch of DOCX files; REPORTGEN_SOFFICE_SECONDS overrides it
OUTPUT_LIMIT = 1024 * 1024  # what each LibreOffice may print on stdout and stderr together
_TAIL = 1024  # a PDF's %%EOF is within its last 1024 bytes (as PDF readers look for it)

FONTS = Path(__file__).with_name("pdf_fonts.conf")  # LibreOffice's fontconfig file (see the module's docstring)
LANGUAGE = "zh-CN"  # the document's language: LibreOffice's locale setting, the PDF's /Lang
# writer_pdf_Export's options, as LibreOffice 7.4 takes them after --convert-to pdf:writer_pdf_Export:
# a tagged PDF (its structure tree, for screen readers and reflow) and the headings as bookmarks.
EXPORT_OPTIONS = {"UseTaggedPDF": "true", "ExportBookmarks": "true"}
EXPORT_FILTER = "pdf:writer_pdf_Export:{" + ",".join(
    f'"{name}":{{"type":"boolean","value":"{value}"}}' for name, value in EXPORT_OPTIONS.items()) + "}"
# LibreOffice's environment: every variable of the user's but these, set so that the PDF is the same
# bytes whatever the user's locale and time zone. C.UTF-8 is on every glibc system and names files in
# any script (LibreOffice cannot open a file with a Chinese name under a locale that is not installed,
# as zh_CN.UTF-8 often is not); the document's language is set in the profile instead (_settle).
PINNED = {"LC_ALL": "C.UTF-8", "LANG": "C.UTF-8", "TZ": "UTC", "FONTCONFIG_FILE": str(FONTS)}
_UNPINNED = ("LANGUAGE", "LC_", "FONTCONFIG_PATH", "FONTCONFIG_SYSROOT")  # dropped: LC_ is a prefix
# glibc's allocator, tuned for LibreOffice: a fifth of its time went to malloc and free (consolidating
# freed blocks, returning memory and faulting it in again). With the largest thread caches, and memory
# kept rather than returned, 25 Yantian DOCX take 7.3–7.5 s of CPU instead of 9.4–9.9 s — as fast as
# jemalloc or tcmalloc preloaded. Ignored where the C library is not glibc.
MALLOC_TUNABLES = ("glibc.malloc.tcache_count=65535:glibc.malloc.trim_threshold=268435456:"
                   "glibc.malloc.mmap_threshold=33554432:glibc.malloc.top_pad=67108864")
# The profile's settings reportgen decides (each an item of user/registrymodifications.xcu): the
# locale setting (the PDF's /Lang, line breaking), the interface's language, and Asian-language
# support (set by LibreOffice's first start from the locale it finds: fixed here for every profile,
# however and wherever it was first made), and no graphics self-tests at its start (NO_SELF_TESTS).
SETTINGS = (
    NO_SELF_TESTS,
    ("/org.openoffice.Setup/L10N", "ooSetupSystemLocale", LANGUAGE),
    ("/org.openoffice.Setup/L10N", "ooLocale", "en-US"),
    *(("/org.openoffice.Office.Common/I18N/CJK", name, "true") for name in
      ("AsianTypography", "CJKFont", "ChangeCaseMap", "DoubleLines", "JapaneseFind", "Ruby", "VerticalText")),
)
_REGISTRY_HEAD = ('<?xml version="1.0" encoding="UTF-8"?>\n<oor:items xmlns:oor="http://openoffice.org/2001/registry" '
                  'xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\n')
_REGISTRY_TAIL = "</oor:items>\n"
_REGISTRY_LIMIT = 4 * 1024 * 1024  # a profile's settings file larger than this is started afresh
# The most DOCX files one LibreOffice run prints: each document costs it more than the one before
# (0.28 s a document for the first 25 of the Yantian seed, 0.39 s for the next 25), and a new run
# costs about 1 s to start; a batch's runs are spread evenly over the processes.
RUN_FILES = 25
MAX_PROCESSES = 8  # LibreOffice processes at once by default (one per core, each ~330 MB at its peak)


def soffice() -> str:
    """The LibreOffice program, or PdfUnavailable saying how to install it."""
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found is None:
        raise PdfUnavailable("生成 PDF 需要 LibreOffice（找不到 soffice）：请安装，例如 "
                             "sudo apt-get install libreoffice-writer-nogui fonts-noto-cjk fonts-liberation2；"
                             "或去掉 --format 中的 pdf")
    return found


@contextlib.contextmanager
def _profile(slot: int = 0) -> Iterator[Path]:
    """A LibreOffice user profile: the cached one of ``slot`` (libreoffice-profile, then
    libreoffice-profile-2, …: one for each LibreOffice that runs at once) when no other conversion
    holds it, else a fresh one for this conversion alone (two LibreOffice processes must not share
    a profile). The cached profile and its lock are used only as what they should be, a folder and
    a regular file of the user's: a symbolic link planted at either name is not followed (opening
    the lock through it would create a file wherever it points), and a fresh profile is used instead."""
    root = cache.cache_folder()  # looked up when called (tests point it elsewhere)
    name = "libreoffice-profile" if slot == 0 else f"libreoffice-profile-{slot + 1}"
    lock = _lock_file(root / f"{name}.lock") if root is not None else None
    if lock is not None:
        try:
            assert root is not None
            cached = root / name
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


@contextlib.contextmanager
def _profiles(count: int) -> Iterator[list[Path]]:
    """``count`` profiles, one for each LibreOffice of a conversion (see _profile)."""
    with contextlib.ExitStack() as stack:
        yield [stack.enter_context(_profile(slot)) for slot in range(count)]


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


def _settle(profile: Path) -> None:
    """Set SETTINGS in the profile's user/registrymodifications.xcu (made when missing: a new
    profile's first start keeps them), keeping every other item LibreOffice wrote there. LibreOffice
    writes one item a line; anything else in the file (or a file that cannot be read as UTF-8, or
    one too large) is not kept. Nothing is followed through a symbolic link: the profile is this
    user's own folder (_profile), and the file is replaced, not written through."""
    user = profile / "user"
    if not _own_folder(user):
        return  # LibreOffice will not use it either; the conversion reports what it does
    path = user / "registrymodifications.xcu"
    ours = {f'<item oor:path="{where}"><prop oor:name="{name}" ' for where, name, _ in SETTINGS}
    kept = [line for line in _items_written(path) if not any(line.startswith(prefix) for prefix in ours)]
    kept += [f'<item oor:path="{where}"><prop oor:name="{name}" oor:op="fuse"><value>{value}</value></prop></item>'
             for where, name, value in SETTINGS]
    fresh = user / ".registrymodifications.xcu.reportgen"
    with contextlib.suppress(FileNotFoundError):
        os.unlink(fresh)
    fd = os.open(fresh, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as file:
        file.write(_REGISTRY_HEAD + "".join(line + "\n" for line in kept) + _REGISTRY_TAIL)
    os.replace(fresh, path)


def _items_written(path: Path) -> list[str]:
    """The items (one a line) LibreOffice wrote in the profile's registrymodifications.xcu; none where it is missing,
    a symbolic link or no regular file, too large, or not UTF-8."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC)
    except OSError:
        return []
    with os.fdopen(fd, "rb") as file:
        if not stat.S_ISREG(os.fstat(file.fileno()).st_mode):
            return []
        data = file.read(_REGISTRY_LIMIT + 1)
    if len(data) > _REGISTRY_LIMIT:
        return []
    try:
        return [line for line in data.decode("utf-8").splitlines() if line.startswith("<item ") and line.endswith("</item>")]
    except UnicodeDecodeError:
        return []


def environment(profile: Path) -> dict[str, str]:
    """The environment LibreOffice runs in: the user's, its locale, time zone and fontconfig file
    pinned (PINNED), and HOME (which it needs) the profile when the user has none."""
    kept = {name: value for name, value in os.environ.items() if not name.startswith(_UNPINNED)}
    return {**kept, "HOME": os.environ.get("HOME", str(profile)), "GLIBC_TUNABLES": MALLOC_TUNABLES, **PINNED}


_DATE = regex(rb"/(CreationDate|ModDate)\(D:(\d{14})")
_ID = regex(rb"/ID\s*\[\s*<([0-9A-Fa-f]{32})>\s*<([0-9A-Fa-f]{32})>\s*\]")
_CHECKSUM = regex(rb"/DocChecksum /([0-9A-Fa-f]{32})")


def reproducible(pdf: bytes, when: datetime) -> bytes:
    """The PDF with what LibreOffice (7.4 here; it ignores SOURCE_DATE_EPOCH) makes differ from run
    to run set from the document instead: its dates (to ``when``, as the DOCX's: SOURCE_DATE_EPOCH
    when it is set; LibreOffice writes them in UTC, its time zone pinned), its /ID and its
    /DocChecksum (a digest of the rest). Each is rewritten in place with as many bytes, so every
    offset of the cross-reference table stays right."""
    stamp = when.astimezone(UTC).strftime("%Y%m%d%H%M%S").encode()
    pdf = _DATE.sub(lambda m: b"/" + m.group(1) + b"(D:" + stamp, pdf)
    blank = _ID.sub(lambda m: m.group(0).replace(m.group(1), b"0" * 32).replace(m.group(2), b"0" * 32), pdf)
    blank = _CHECKSUM.sub(b"/DocChecksum /" + b"0" * 32, blank)  # LibreOffice's own, of the varying bytes
    digest = hashlib.md5(blank, usedforsecurity=False).hexdigest().upper().encode()
    pdf = _ID.sub(lambda m: m.group(0).replace(m.group(1), digest).replace(m.group(2), digest), pdf)
    return _CHECKSUM.sub(b"/DocChecksum /" + digest, pdf)


# A font name LibreOffice 7.4 writes for a face of the Noto CJK collection: the name inside the font
# program the collection's faces share (the Japanese face's, with the name of one of its font dicts).
_SHARED_NAME = regex(rb"/(BaseFont|FontName)\s*/([A-Z]{6}\+)?Noto(Sans|Serif|SansMono)CJK(jp)-([A-Za-z]+)"
                     rb"(-[A-Za-z0-9]+)?(?=[\s/>\[\]()<]|$)")


def _regional_names(pdf: bytes) -> bytes:
    """The PDF with each Noto CJK font named as the face it is drawn from. The collection's regional
    faces (SC, TC, HK, JP, KR) share one font program, which LibreOffice 7.4 embeds under the name
    inside it — NotoSerifCJKjp-Regular-VKana for the Simplified Chinese face too — while the faces
    differ in which glyph each character maps to. pdf_fonts.conf offers LibreOffice the SC faces
    alone, so the face is NotoSerifCJKsc-Regular (say), its own PostScript name. Rewritten in the
    font and descriptor dictionaries, in place: the shorter name is followed by spaces (white space
    between a dictionary's tokens), so every offset of the cross-reference table stays right."""
    def named(match: re.Match[bytes]) -> bytes:
        key, subset, style, _, weight, _ = match.groups()
        name = b"/" + key + b"/" + (subset or b"") + b"Noto" + style + b"CJKsc-" + weight
        return name + b" " * (len(match.group(0)) - len(name))

    return _SHARED_NAME.sub(named, pdf)


def _groups(docx_files: list[Path], count: int) -> list[list[int]]:
    """The files (by index) split into at most ``count`` groups of about the same work, one for each
    LibreOffice run: the largest first, each to the group with the least so far (a document costs a
    fixed part and a part that grows with its size)."""
    def work(index: int) -> int:
        try:
            return 32 * 1024 + docx_files[index].stat().st_size
        except OSError:
            return 32 * 1024

    groups: list[list[int]] = [[] for _ in range(max(1, min(count, len(docx_files))))]
    loads = [0] * len(groups)
    for index in sorted(range(len(docx_files)), key=lambda i: (-work(i), i)):
        least = loads.index(min(loads))
        groups[least].append(index)
        loads[least] += work(index)
    return [sorted(group) for group in groups if group]


def processes_for(count: int) -> int:
    """How many LibreOffice processes print ``count`` DOCX files at once: one for each core, at most
    MAX_PROCESSES (each takes about 330 MB), or what the REPORTGEN_SOFFICE_PROCESSES environment
    variable says (1 to 64, ASCII digits); never more than there are files."""
    raw = os.environ.get("REPORTGEN_SOFFICE_PROCESSES", "").strip()
    wanted = int(raw) if raw.isascii() and raw.isdigit() and 0 < int(raw) <= 64 else \
        min(os.cpu_count() or 1, MAX_PROCESSES)
    return max(1, min(wanted, count))


def convert(docx_files: list[Path], out_dir: Path, when: datetime | None = None,
            processes: int | None = None) -> list[Path]:
    """Each DOCX as a PDF in ``out_dir`` (same stem). ``processes`` LibreOffice processes run at
    once (processes_for: one per core), each with a profile of its own and its share of the files,
    in runs of at most RUN_FILES (a long-running LibreOffice gets slower from document to document);
    with ``when``, made reproducible (see reproducible). PdfUnavailable (in Chinese, naming the
    files) when LibreOffice runs past its time limit, or what it leaves is not a whole PDF."""
    if not docx_files:
        return []
    program = _program_for(docx_files)
    names = "、".join(f"{docx.stem}.pdf" for docx in docx_files)
    limit = seconds("REPORTGEN_SOFFICE_SECONDS", TIMEOUT_SECONDS)
    lanes = processes or processes_for(len(docx_files))
    runs = _groups(docx_files, lanes * -(-len(docx_files) // (lanes * RUN_FILES)))
    lanes = min(lanes, len(runs))
    with _profiles(lanes) as profiles:
        _settle_all(profiles)
        commands = _commands(program, profiles, runs, docx_files, out_dir)
        results = _run_soffice(commands, limit, names, environment(profiles[0]),
                               [number % lanes for number in range(len(runs))])
    pdfs = [out_dir / f"{docx.stem}.pdf" for docx in docx_files]
    for run, (code, stdout, stderr) in zip(runs, results, strict=True):
        _check_run([pdfs[i] for i in run], code, stdout, stderr)
    _finish(pdfs, when)
    return pdfs


def _commands(program: str, profiles: list[Path], runs: list[list[int]], docx_files: list[Path],
              out_dir: Path) -> list[list[str]]:
    """Each run's LibreOffice command: its files converted into ``out_dir`` with the profile of its lane."""
    lanes = len(profiles)
    return [[program, f"-env:UserInstallation={profiles[number % lanes].as_uri()}", "--headless", "--norestore",
             "--convert-to", EXPORT_FILTER, "--outdir", str(out_dir), *(str(docx_files[i]) for i in run)]
            for number, run in enumerate(runs)]


def _finish(pdfs: list[Path], when: datetime | None) -> None:
    """Each PDF with its fonts' regional names, and made reproducible with ``when``."""
    for pdf in pdfs:
        data = _regional_names(pdf.read_bytes())
        pdf.write_bytes(reproducible(data, when) if when is not None else data)


def _program_for(docx_files: list[Path]) -> str:
    """LibreOffice, once the files are known to make a PDF each and the installation to have its
    font settings; else ValueError (two files of one stem) or PdfUnavailable."""
    stems = [docx.stem for docx in docx_files]
    if len(set(stems)) != len(stems):
        raise ValueError(f"convert: two DOCX files would make one PDF: {sorted(stems)}")
    program = soffice()
    if not FONTS.is_file():  # fontconfig would give LibreOffice no font at all
        raise PdfUnavailable(f"reportgen 的安装不完整：缺少 {FONTS}（PDF 的字体设置），没有生成 PDF；请重新安装 reportgen")
    return program


def _settle_all(profiles: list[Path]) -> None:
    """Each LibreOffice profile settled (_settle); PdfUnavailable when one cannot be written."""
    for profile in profiles:
        try:
            _settle(profile)
        except OSError as exc:
            raise PdfUnavailable(f"无法写入 LibreOffice 的配置 {profile / 'user'}（{exc.strerror or exc}），"
                                 "没有生成 PDF") from None


def _run_soffice(commands: list[list[str]], limit: float, names: str, env: Mapping[str, str],
                 lanes: list[int]) -> list[tuple[int, bytes, bytes]]:
    """The LibreOffice runs, run; PdfUnavailable (naming the PDFs) when they pass a limit."""
    try:
        return run_programs(commands, limit, OUTPUT_LIMIT, env, lanes=lanes)
    except ProgramTimeout:
        raise PdfUnavailable(f"LibreOffice 在 {limit:g} 秒内没有把 {names} 转换完，已结束它；没有生成 PDF"
                             "（可用环境变量 REPORTGEN_SOFFICE_SECONDS 放宽时限）") from None
    except ProgramOutputTooLarge:
        raise PdfUnavailable(f"LibreOffice 转换 {names} 时输出了超过 {OUTPUT_LIMIT // 1024} KB 的信息，已结束它；"
                             "没有生成 PDF") from None


def _check_run(pdfs: list[Path], code: int, stdout: bytes, stderr: bytes) -> None:
    """PdfUnavailable unless one LibreOffice run left each of its PDFs, whole (with its exit code and
    last line said when it left none)."""
    said = (stderr or stdout).decode("utf-8", errors="replace").strip().splitlines()[-1:]
    missing = [pdf.name for pdf in pdfs if not pdf.is_file() or pdf.stat().st_size == 0]
    if missing:
        raise PdfUnavailable(f"LibreOffice 没有生成 {'、'.join(missing)}（退出码 {code}）"
                             + (f"：{said[0]}" if said else ""))
    for pdf in pdfs:
        problem = _not_a_pdf(pdf)
        if problem:
            raise PdfUnavailable(f"LibreOffice 生成的 {pdf.name} {problem}（退出码 {code}），不能作为 PDF 发布")


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


__all__ = ["EXPORT_FILTER", "FONTS", "PINNED", "PdfUnavailable", "ProgramOutputTooLarge", "ProgramTimeout", "convert",
           "created", "environment", "processes_for", "reproducible", "run_program", "run_programs", "seconds",
           "soffice"]
