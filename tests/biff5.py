"""An Excel 95 (BIFF5) workbook made here, as an old finance system exports one: its text is bytes in
the code page its CODEPAGE record names (936: GBK). No program on this machine writes BIFF5 any more
(LibreOffice dropped the export), so the test makes one by the record layouts of [MS-XLS] and the
compound file of [MS-CFB]: one stream, "Book", in regular 512-byte sectors."""

from __future__ import annotations

import struct

END, FREE, FAT_SECTOR = 0xFFFFFFFE, 0xFFFFFFFF, 0xFFFFFFFD


def _record(kind: int, body: bytes) -> bytes:
    return struct.pack("<HH", kind, len(body)) + body


def _text(value: str, codepage: str, width: str) -> bytes:
    raw = value.encode(codepage)
    return struct.pack(width, len(raw)) + raw


def book_stream(sheets: list[tuple[str, list[list[str | float]]]], codepage: int = 936) -> bytes:
    """The BIFF5 workbook stream: globals (BOF, CODEPAGE, one BOUNDSHEET a sheet, EOF), then each sheet."""
    codec = f"cp{codepage}"
    bodies = []
    for _, rows in sheets:
        cells = [_record(0x0809, struct.pack("<HHHH", 0x0500, 0x0010, 0, 0)),
                 _record(0x0000, struct.pack("<HHHH", 0, len(rows), 0, max(len(r) for r in rows)))]
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                if isinstance(value, str):
                    cells.append(_record(0x0204, struct.pack("<HHH", r, c, 15) + _text(value, codec, "<H")))
                else:
                    cells.append(_record(0x0203, struct.pack("<HHHd", r, c, 15, value)))
        bodies.append(b"".join(cells) + _record(0x000A, b""))
    head = [_record(0x0809, struct.pack("<HHHH", 0x0500, 0x0005, 0, 0)), _record(0x0042, struct.pack("<H", codepage))]
    names = [_text(name, codec, "<B") for name, _ in sheets]
    size = sum(map(len, head)) + sum(4 + 6 + len(n) for n in names) + 4
    globals_, offset = list(head), size
    for name, body in zip(names, bodies, strict=True):
        globals_.append(_record(0x0085, struct.pack("<IH", offset, 0) + name))
        offset += len(body)
    stream = b"".join(globals_) + _record(0x000A, b"") + b"".join(bodies)
    return stream


def compound_file(stream: bytes, name: str = "Book") -> bytes:
    """A compound file of one stream (padded to 4096 bytes, so that it lies in regular sectors)."""
    stream = stream + b"\0" * max(0, 4096 - len(stream))
    count = -(-len(stream) // 512)
    # sectors: 0 the FAT, 1 the directory, 2.. the stream
    fat = [FAT_SECTOR, END] + [3 + i for i in range(count - 1)] + [END]
    fat += [FREE] * (128 - len(fat))
    root = "Root Entry".encode("utf-16-le") + b"\0\0"
    entry = name.encode("utf-16-le") + b"\0\0"

    def directory_entry(label: bytes, kind: int, child: int, start: int, size: int) -> bytes:
        return (label.ljust(64, b"\0") + struct.pack("<HBB", len(label), kind, 1) + struct.pack("<III", FREE, FREE, child)
                + b"\0" * 16 + b"\0" * 4 + b"\0" * 16 + struct.pack("<IQ", start, size))

    directory = (directory_entry(root, 5, 1, END, 0) + directory_entry(entry, 2, FREE, 2, len(stream))
                 + b"\0" * 256)
    header = (bytes.fromhex("D0CF11E0A1B11AE1") + b"\0" * 16 + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6)
              + b"\0" * 6 + struct.pack("<IIIIIIIII", 0, 1, 1, 0, 4096, END, 0, END, 0)
              + struct.pack("<I", 0) + struct.pack("<108I", *([FREE] * 108)))
    return header + struct.pack("<128I", *fat) + directory + stream.ljust(count * 512, b"\0")
