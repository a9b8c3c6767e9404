"""A DOCX package as a zip of parts: the pieces of the base package (Entry, Base) and the zip
written from them with some parts replaced (assemble), dated as a zip entry can be. Below both
base.py (which makes the base with python-docx) and package.py (which keeps it and saves renders),
so that neither imports the other to share them."""

from __future__ import annotations

import io
import struct
import zlib
from dataclasses import dataclass
from datetime import UTC, datetime

from reportgen.base.records import Record

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


FIRST_SECOND = 315532800  # 1980-01-01: the earliest time a zip entry can hold
DOS_EPOCH = datetime.fromtimestamp(FIRST_SECOND, UTC)
LAST_SECOND = 4354819199  # 2107-12-31 23:59:59: the latest (its year is 7 bits from 1980)


def _dos_time(when: datetime) -> int:
    """A zip entry's MS-DOS time (high half) and date (low half)."""
    t = when.astimezone(UTC)
    return (t.hour << 11 | t.minute << 5 | t.second // 2) | ((t.year - 1980) << 9 | t.month << 5 | t.day) << 16


def assemble(entries: tuple[Entry, ...], replaced: dict[str, bytes], when: datetime) -> bytes:
    """A zip package of ``entries`` in their order, those named in ``replaced`` with its bytes
    (compressed here), the others' compressed bytes copied; every entry dated ``when``."""
    return _assemble(entries, replaced, _dos_time(when))


def replace_parts(package: bytes, replaced: dict[str, bytes]) -> bytes:
    """A package this module wrote, with the parts named in ``replaced`` given those bytes; every
    other part, its order and its date (the first entry's, as assemble dates them all) kept."""
    entries = entries_of(package)
    return _assemble(entries, replaced, entries[0].time if entries else _dos_time(DOS_EPOCH))


def _assemble(entries: tuple[Entry, ...], replaced: dict[str, bytes], stamp: int) -> bytes:
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
    import zipfile  # deferred: zipfile costs 1.6 ms at start-up, needed only to build the base (a cache miss)

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
