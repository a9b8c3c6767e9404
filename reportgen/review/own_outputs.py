"""What reportgen wrote, known again when a folder given to `review` holds it: review's pages, its
annotated copies and hand-back files, another command's report page — none of them a document to
review, however named or numbered, and whether or not it was saved again since.

The folder's record of what reportgen wrote (written.py) knows the bytes it wrote, under any name;
a file saved since is known by what it keeps: an annotated copy by its catalogue's mark (PDF_MARK)
wherever it stands, a 整改 notice or findings table by its title, a page by its generator line."""

from __future__ import annotations

import zlib
from pathlib import Path

from reportgen.base.patterns import regex
from reportgen.base.templating import environment
from reportgen.base.written import writer_of
from reportgen.readers.file_marks import catalogue_entry, package_title
from reportgen.readers.published import MAX_PUBLISHED_BYTES
from reportgen.reading.outputs import PDF_MARK

NOTICE_TEMPLATE = "review_notice.txt.j2"


def notice_title() -> str:
    """The 整改 notice's title (its template's T line), which its DOCX and XLSX carry as their title
    (review/handback.py)."""
    words = environment("text").get_template(NOTICE_TEMPLATE).render(
        document="", addressee="", kind="", count=0, placed=0, annotated="")
    return next((line[2:] for line in words.splitlines() if line.startswith("T:")), "")


_PAGES = regex(rb'<meta name="generator" content="reportgen (review|check --against|import|diff|render)"')
_HEAD = 64 * 1024  # a page's generator line stands in its <head>
_CHUNK = 1 << 20


def review_output(path: Path) -> bool:
    """Whether ``path`` is what a review (or another reportgen command's report) wrote, not a
    document, however it is named: its bytes recorded in its folder as written by such a command
    (written.py, under this name or another); else an annotated copy by its catalogue's mark
    (PDF_MARK) wherever it stands in the file, a 整改 notice or findings table by its title, a
    report page by its generator line. A disclosure reportgen rendered (its HTML, DOCX, XLSX or
    PDF) is a document like any other and is reviewed."""
    if writer_of(path) not in (None, "render"):
        return True
    try:
        with path.open("rb") as file:
            head = file.read(_HEAD)
    except OSError:
        return False
    if head.startswith(b"%PDF-"):
        return _annotated_copy(path)
    if head.startswith(b"PK"):
        return _handed_back(path)
    return _PAGES.search(head) is not None


def _annotated_copy(path: Path) -> bool:
    """A PDF whose catalogue carries review's mark: found in its bytes wherever it stands (a copy
    saved again keeps it, before or after what was added), else, in a file that packs its objects
    into compressed streams (a copy saved whole by another program), in its catalogue as read — read
    (by qpdf) only where the mark's name is in the file's bytes or its object streams as decoded."""
    chunks: list[bytes] = []
    packed, tail = False, b""
    try:
        with path.open("rb") as file:
            for _ in range(MAX_PUBLISHED_BYTES // _CHUNK + 1):
                chunk = file.read(_CHUNK)
                if not chunk:
                    break
                if PDF_MARK in tail + chunk:
                    return True
                packed = packed or b"/ObjStm" in tail + chunk
                tail = chunk[-64:]
                chunks.append(chunk)
    except OSError:
        return False
    return packed and _may_be_marked(b"".join(chunks)) and _catalogue_marked(path)


_MARK_NAME = PDF_MARK.split(b" ", 1)[0]  # /ReportgenReview: the catalogue entry's name, as every writer writes it
_OBJECT_STREAM = regex(rb"/Type\s*/ObjStm(?![^\s/<>\[\]()])")
_FLATE_ALONE = regex(rb"/Filter\s*(?:/FlateDecode|\[\s*/FlateDecode\s*\])(?=[\s/<>])")
_DECODED_BOUND = 64 * 1024 * 1024  # an object stream decoded past this is not looked into: qpdf reads the catalogue


def _may_be_marked(data: bytes) -> bool:
    """Whether a packed PDF's catalogue may hold the mark: its name in the file's bytes, or in an object stream
    as decoded, or an object stream not decoded here (any filter but Flate alone, parameters, past the bound, not
    a whole zlib stream: an encrypted file's) — where it is none of these, no catalogue qpdf reads holds it (loading
    qpdf costs a review 0.3 G instructions, and 3 of fresh1's 24 PDFs are packed)."""
    if _MARK_NAME in data:
        return True
    for found in _OBJECT_STREAM.finditer(data):
        decoded = _object_stream(data, found.start())
        if decoded is None or _MARK_NAME in decoded:
            return True
    return False


def _object_stream(data: bytes, at: int) -> bytes | None:
    """The object stream whose dictionary names its type at ``at``, decoded; None where it is not decoded here."""
    start = data.find(b"stream", at)
    head = data[max(data.rfind(b"obj", 0, at), 0):start]
    if start < 0 or b"/DecodeParms" in head or b"/DP" in head or not _FLATE_ALONE.search(head):
        return None
    start += len(b"stream")
    start += 2 if data[start:start + 2] == b"\r\n" else 1
    inflate = zlib.decompressobj()
    try:
        decoded = inflate.decompress(memoryview(data)[start:], _DECODED_BOUND)
    except zlib.error:
        return None
    return decoded if inflate.eof else None


def _catalogue_marked(path: Path) -> bool:
    name, said = PDF_MARK.decode("ascii")[1:].split(" ", 1)
    return catalogue_entry(path, name) == said[1:-1]


def _handed_back(path: Path) -> bool:
    """A DOCX or XLSX whose title is the 整改 notice's (review/handback.py): Word and Excel keep a
    file's title when it is saved again."""
    title = package_title(path)
    return title is not None and title == notice_title()
