"""What a reviewer's programs do to reportgen's outputs when they save them again, made from the real
files review wrote: a note added to the annotated copy in a PDF reader (an incremental save: the first
bytes kept), the copy saved whole by another program (its catalogue written last, or packed into a
compressed object stream), a notice signed and saved in Word (its last writer changed, its title kept)."""

from __future__ import annotations

import re
import zipfile
import zlib
from pathlib import Path


def note_added(copy: Path) -> None:
    """A note added in a PDF reader and saved incrementally: the file's first bytes stay as they were."""
    from pypdf import PdfWriter
    from pypdf.annotations import Text

    before = copy.read_bytes()
    writer = PdfWriter(copy, incremental=True)
    writer.add_annotation(page_number=0, annotation=Text(text="已核实，请财务科复核", rect=(60, 700, 80, 720)))
    with copy.open("wb") as out:
        writer.write(out)
    assert copy.read_bytes().startswith(before) and len(copy.read_bytes()) > len(before)


def signed(notice: bytes) -> bytes:
    """The notice as Word saves it for its user: the last writer in its core properties is theirs."""
    import io

    old, new = zipfile.ZipFile(io.BytesIO(notice)), io.BytesIO()
    with zipfile.ZipFile(new, "w") as package:
        for item in old.infolist():
            data = old.read(item)
            if item.filename == "docProps/core.xml":
                data = data.replace(b"<cp:lastModifiedBy>reportgen</cp:lastModifiedBy>",
                                    "<cp:lastModifiedBy>张三</cp:lastModifiedBy>".encode())
            package.writestr(item, data)
    return new.getvalue()


def _objects(data: bytes) -> tuple[dict[int, bytes], bytes]:
    """Each object of a PDF pypdf wrote (a classic cross-reference table), by number; and its trailer
    dictionary."""
    start = int(data[data.rindex(b"startxref") + 9:].split()[0])
    table, trailer = data[start:].split(b"trailer", 1)
    lines = table.split(b"\n")
    first, count = (int(v) for v in lines[1].split())
    offsets = {first + n: int(line[:10]) for n, line in enumerate(lines[2:2 + count]) if line[17:18] == b"n"}
    ends = [*sorted(offsets.values()), start]
    return {n: data[o:ends[ends.index(o) + 1]] for n, o in offsets.items()}, trailer[:trailer.rindex(b"startxref")].strip()


def catalogue_last(data: bytes) -> bytes:
    """The PDF written again with its catalogue (object 1, where pypdf puts it) after every other object."""
    objects, trailer = _objects(data)
    body, offsets = bytearray(data[:data.index(b"1 0 obj")]), {}
    for number in [*(n for n in sorted(objects) if n != 1), 1]:
        offsets[number] = len(body)
        body += objects[number]
    start, size = len(body), max(objects) + 1
    body += f"xref\n0 {size}\n0000000000 65535 f \n".encode()
    for number in range(1, size):
        body += f"{offsets[number]:010d} 00000 n \n".encode() if number in offsets else b"0000000000 65535 f \n"
    return bytes(body + b"trailer\n" + trailer + f"\nstartxref\n{start}\n%%EOF\n".encode())


def catalogue_packed(data: bytes) -> bytes:
    """The PDF written again as PDF 1.5 writers do: its catalogue compressed in an object stream, found
    through a cross-reference stream."""
    objects, trailer = _objects(data)
    catalogue = objects[1][len(b"1 0 obj"):objects[1].rindex(b"endobj")].strip()
    packed_number = max(objects) + 1
    xref_number = packed_number + 1
    packed = zlib.compress(b"1 0 " + catalogue)
    body, offsets = bytearray(data[:data.index(b"1 0 obj")]), {}
    for number in sorted(objects):
        if number != 1:
            offsets[number] = len(body)
            body += objects[number]
    offsets[packed_number] = len(body)
    body += (f"{packed_number} 0 obj\n<< /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode /Length {len(packed)} >>\n"
             "stream\n").encode() + packed + b"\nendstream\nendobj\n"
    offsets[xref_number] = len(body)
    rows = bytearray(b"\x00\x00\x00\x00\x00\xff\xff")
    for number in range(1, xref_number + 1):
        if number == 1:
            rows += b"\x02" + packed_number.to_bytes(4, "big") + b"\x00\x00"
        elif number in offsets:
            rows += b"\x01" + offsets[number].to_bytes(4, "big") + b"\x00\x00"
        else:
            rows += b"\x00\x00\x00\x00\x00\xff\xff"
    ids = re.search(rb"/ID\s*\[[^\]]*\]", trailer)
    table = zlib.compress(bytes(rows))
    body += (f"{xref_number} 0 obj\n<< /Type /XRef /Size {xref_number + 1} /W [1 4 2] /Root 1 0 R ".encode()
             + (ids.group(0) if ids else b"") + f" /Filter /FlateDecode /Length {len(table)} >>\nstream\n".encode()
             + table + f"\nendstream\nendobj\nstartxref\n{offsets[xref_number]}\n%%EOF\n".encode())
    return bytes(body)
