"""A zip container (DOCX, XLSX, ODS, or any zip) judged by what its directory declares, before any
library opens it: readers/published.py asks here first, for every file whose bytes begin as a zip.

A zip bomb is a few kilobytes that a reader would inflate to gigabytes: one member deflated at the
format's limit (about 1,000 : 1), members whose declared sizes lie, or one deflated member listed
many times over (the directory's entries pointing into the same data, each inflated anew). None of
these needs inflating to be told, so none is: the directory alone is read, after its entries have
been counted by their signature (a forged directory of millions would cost gigabytes to list), and
the package is refused when its members declare more than MAX_UNPACKED_BYTES in all, a member over
a megabyte swells past the ratio allowed, or two members overlap. The readers then inflate a step
at a time and count (readers/office/docx.py, readers/office/sheets.py), so a size that lies in the other direction
gets no further either.

Nothing in a package is ever extracted to disk (tests/test_hostile_uploads.py checks that no module
calls zipfile's extract): a member named ``../../etc/passwd`` is a name in a message, never a path.
"""

from __future__ import annotations

import io
import zipfile

from reportgen.base.errors import shown_text
from reportgen.readers.unreadable import Unreadable

MAX_ENTRIES = 10_000  # members of a package (a DOCX or a workbook has tens)
MAX_UNPACKED_BYTES = 200 * 1024 * 1024  # all members inflated, as declared
# inflated : compressed, for a member over BIG_PART: sheet XML packs 10–100 : 1, deflate's own limit
# is about 1,030 : 1 (a member near it is a run of one byte, which no document holds)
MAX_RATIO = 500
BIG_PART = 1024 * 1024
_LOCAL_HEADER = 30  # the fixed part of a member's local header, before its name and extra field
_MB = 1024 * 1024


def entries(data: bytes) -> int:
    """How many directory entries ``data`` may hold, counted by their signature without listing
    them (at least as many as zipfile would list)."""
    return data.count(b"PK\x01\x02")


def directory_problem(infos: list[zipfile.ZipInfo], ratio: int = MAX_RATIO, what: str = "") -> str | None:
    """What a package's directory declares that no real document holds, said in Chinese (``what``
    begins the name of a member: "DOCX 文件的"), or None: too much in all, a member swelling past
    ``ratio``, members overlapping."""
    declared = sum(info.file_size for info in infos)
    if declared > MAX_UNPACKED_BYTES:
        return (f"压缩包中的部件声明解压后共 {_size(declared)}，超过 {MAX_UNPACKED_BYTES // _MB} MB（疑似压缩炸弹），"
                "未读取：公开文本与预算表不会这么大，请确认文件")
    for info in infos:
        if info.file_size > BIG_PART and info.file_size > ratio * max(info.compress_size, 1):
            return (f"{what}部件 {shown_text(info.filename, 60)} 解压后会膨胀 {info.file_size // max(info.compress_size, 1)} 倍"
                    "（疑似压缩炸弹），未读取")
    return _overlap(infos, what)


def _overlap(infos: list[zipfile.ZipInfo], what: str) -> str | None:
    """Members whose data overlap: each member's span is at least its local header, its name and its
    compressed data (its extra field, unknown without reading the header, only makes it longer),
    so a member that begins inside another's span shares its bytes. A real package never does; the
    non-recursive zip bomb lists one deflated member many times this way."""
    spans = sorted(((info.header_offset, info.header_offset + _LOCAL_HEADER + len(info.orig_filename.encode("utf-8", "replace"))
                     + info.compress_size, info) for info in infos), key=lambda span: span[:2])
    for (_, end, first), (start, _, second) in zip(spans, spans[1:], strict=False):
        if start < end:
            return (f"{what}部件 {shown_text(second.filename, 60)} 与 {shown_text(first.filename, 60)} 共用同一段压缩数据"
                    "（部件重叠，疑似压缩炸弹），未读取")
    return None


def _size(size: int) -> str:
    return f"{size / (1024 * _MB):.1f} GB" if size >= 1024 * _MB else f"{size // _MB} MB"


def check_package(file: str, data: bytes) -> None:
    """Refuse the zip ``data`` (the bytes of ``file``) by its directory, as the module says: an
    Unreadable naming the file and what is wrong. A package whose directory cannot be read passes
    here: its format's reader says what is wrong with it (cut short, damaged)."""
    count = entries(data)
    if count > MAX_ENTRIES:
        raise Unreadable(file, f"文件包含约 {count} 个部件，超过 {MAX_ENTRIES} 个：不像是公开文本或工作簿，未读取")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            infos = package.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError, NotImplementedError):
        return
    problem = directory_problem(infos)
    if problem is not None:
        raise Unreadable(file, problem)
