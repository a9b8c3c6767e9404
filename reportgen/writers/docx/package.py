"""The DOCX package as text: the base package (python-docx's template with our styles, first page
and footer; built by base.py, the one module that uses python-docx to write) kept in the user's
cache with what a writer needs to write on it, and the package saved with its body and core
properties replaced. A render imports neither python-docx nor lxml once the cache holds the base;
python-docx is pinned below its next major version, since the cached pieces are its output."""

from __future__ import annotations

import functools
import importlib.util
import io
import os
import struct
import zlib
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from reportgen import cache
from reportgen.records import Record
from reportgen.writers.docx.ooxml import escape

# The core properties a writer sets, in the order python-docx's setters add the ones its template
# lacks (core.xml keeps that order).
CORE_PROPERTIES = ("title", "language", "author", "last_modified_by", "subject")
CORE_DATES = ("created", "modified")  # W3CDTF, from the source's year or SOURCE_DATE_EPOCH

_DEFLATED = 8  # the zip method number of deflate, the one python-docx uses
DOCUMENT_PART = "word/document.xml"
CORE_PART = "docProps/core.xml"
APP_PART = "docProps/app.xml"


def core_marker(name: str) -> str:
    return f"reportgen-core-{name}-reportgen"


@dataclass(repr=False, eq=False)
class Entry(Record):
    """A part of the base package as its zip entry holds it."""

    name: str
    flags: int
    time: int  # MS-DOS time (high half) and date (low half) as the local header has them
    crc: int
    size: int
    external: int
    made_by: int
    data: bytes  # compressed


@dataclass(repr=False, eq=False)
class Base(Record):
    """The base package and the pieces of WordprocessingML python-docx writes on it."""

    package: bytes
    style_ids: dict[str, str | None]  # USED_STYLES' names → their ids (None: the default style)
    text_twips: dict[bool, int]  # the text width, by landscape
    # By the state of the section being written ("first portrait", "first landscape" while the
    # document has one section; "portrait", "landscape" after a turn): the body's closing w:sectPr
    # while it is the last section, and the w:p that ends it when the page turns.
    sections: dict[str, tuple[str, str]]
    tabs: dict[bool, str]  # the unit line's w:tabs: one right tab stop at the text width, by landscape
    document: tuple[str, str]  # word/document.xml before the body's content, and after its w:sectPr
    core: str  # docProps/core.xml with core_marker(name) for each of CORE_PROPERTIES
    entries: tuple[Entry, ...]  # the package's parts in its order (see entries_of)
    app: str = ""  # docProps/app.xml with core_marker("company") for the department


def _made_from() -> list[Path]:
    here = Path(__file__).parent
    made = [here / name for name in ("package.py", "base.py", "styles.py", "ooxml.py", "look.py")]
    # python-docx's and lxml's versions (their __init__ says it), found without importing them
    for module in ("docx", "lxml"):
        spec = importlib.util.find_spec(module)
        if spec is not None and spec.origin:
            made.append(Path(spec.origin))
    return made


def _build() -> Base:
    from reportgen.writers.docx.base import build_base

    return build_base()


@functools.cache
def base() -> Base:
    """The base, built once per process or read back from the user's cache, where an earlier
    process built it with the same python-docx, lxml and writer modules (building it took a
    fifth of a whole `reportgen render` of a small source, and importing python-docx as much)."""
    return cache.kept("docx-base", _made_from(), _build)


def base_package() -> bytes:
    """The empty document every writer starts from."""
    return base().package


def core_xml(values: dict[str, str], when: datetime) -> str:
    """docProps/core.xml with ``values`` (by CORE_PROPERTIES' names) as its properties, created
    and modified ``when``."""
    text = base().core
    for name in CORE_PROPERTIES:
        text = text.replace(core_marker(name), _text(values.get(name, "")))
    for name in CORE_DATES:
        text = text.replace(core_marker(name), when.strftime("%Y-%m-%dT%H:%M:%SZ"))
    return text


def document_time(year: str | int | None) -> datetime:
    """When a document was made, for its properties, its zip entries and its tracked changes: the
    moment SOURCE_DATE_EPOCH names (reproducible builds), else 1 January of the budget year — so
    that the same source gives the same bytes on any day."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return datetime.fromtimestamp(max(int(epoch), _DOS_EPOCH), UTC)
    try:
        return datetime(min(max(int(year or 0), 1980), 2107), 1, 1, tzinfo=UTC)
    except ValueError:
        return datetime(1980, 1, 1, tzinfo=UTC)


_DOS_EPOCH = 315532800  # 1980-01-01: the earliest time a zip entry can hold
DOS_EPOCH = datetime.fromtimestamp(_DOS_EPOCH, UTC)


def _dos_time(when: datetime) -> int:
    """A zip entry's MS-DOS time (high half) and date (low half)."""
    t = when.astimezone(UTC)
    return (t.hour << 11 | t.minute << 5 | t.second // 2) | ((t.year - 1980) << 9 | t.month << 5 | t.day) << 16


def _text(value: str) -> str:
    """A text node as lxml writes it: &, < and > escaped, and CR as a reference."""
    return escape(value).replace("\r", "&#13;")


def app_xml(company: str) -> str:
    """docProps/app.xml naming reportgen as the application and ``company`` (the department)."""
    return base().app.replace(core_marker("company"), _text(company))


def save(body: str, closing: str, core: str, when: datetime, app: str | None = None) -> bytes:
    """The base package with ``body`` (the body's content) and ``closing`` (its last w:sectPr) as
    word/document.xml and ``core`` as docProps/core.xml; every other part as it is, in its order,
    its compressed bytes copied rather than compressed again; every entry dated ``when``."""
    head, tail = base().document
    replaced = {DOCUMENT_PART: (head + body + closing + tail).encode("utf-8"), CORE_PART: core.encode("utf-8")}
    if app is not None:
        replaced[APP_PART] = app.encode("utf-8")
    return assemble(base().entries, replaced, when)


def assemble(entries: tuple[Entry, ...], replaced: dict[str, bytes], when: datetime) -> bytes:
    """A zip package of ``entries`` in their order, those named in ``replaced`` with its bytes
    (compressed here), the others' compressed bytes copied; every entry dated ``when``."""
    stamp = _dos_time(when)
    local: list[bytes] = []
    central: list[bytes] = []
    offset = 0
    for entry in entries:
        data = replaced.get(entry.name)
        if data is None:
            crc, size, stored = entry.crc, entry.size, entry.data
        else:
            crc, size = zlib.crc32(data), len(data)
            packer = zlib.compressobj(zlib.Z_DEFAULT_COMPRESSION, zlib.DEFLATED, -15)
            stored = packer.compress(data) + packer.flush()
        name = entry.name.encode("utf-8")
        fields = struct.pack("<HHHIIIIH", 20, entry.flags, _DEFLATED, stamp, crc, len(stored), size, len(name))
        local.append(b"PK\x03\x04" + fields + b"\0\0" + name + stored)
        central.append(b"PK\x01\x02" + struct.pack("<H", entry.made_by) + fields + struct.pack("<HHHHII", 0, 0, 0, 0, entry.external, offset) + name)
        offset += len(local[-1])
    directory = b"".join(central)
    end = b"PK\x05\x06" + struct.pack("<HHHHIIH", 0, 0, len(central), len(central), len(directory), offset, 0)
    return b"".join(local) + directory + end


def entries_of(package: bytes) -> tuple[Entry, ...]:
    """The parts of a package as python-docx writes it, with their compressed bytes."""
    import zipfile

    entries = []
    with zipfile.ZipFile(io.BytesIO(package)) as source:
        for info in source.infolist():
            if info.compress_type != zipfile.ZIP_DEFLATED or info.flag_bits & 0x08:  # as python-docx writes
                raise ValueError(f"base package entry {info.filename}: unexpected layout")
            start = info.header_offset
            name_length, extra_length = struct.unpack("<HH", package[start + 26:start + 30])
            begin = start + 30 + name_length + extra_length
            dos_time, dos_date = struct.unpack("<HH", package[start + 10:start + 14])
            entries.append(Entry(info.filename, info.flag_bits, dos_time | dos_date << 16, info.CRC, info.file_size,
                                  info.external_attr, info.create_version | info.create_system << 8,
                                  package[begin:begin + info.compress_size]))
    return tuple(entries)
