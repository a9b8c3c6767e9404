"""What reportgen wrote, known again when a folder given to `review` holds it: review's pages, its
annotated copies and hand-back files, another command's report page — none of them a document to
review, however named or numbered, and whether or not it was saved again since.

The folder's record of what reportgen wrote (written.py) knows the bytes it wrote, under any name;
a file saved since is known by what it keeps: an annotated copy by its catalogue's mark (PDF_MARK)
wherever it stands, a 整改 notice or findings table by its title, a page by its generator line."""

from __future__ import annotations

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
    into compressed streams (a copy saved whole by another program), in its catalogue as read."""
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
    except OSError:
        return False
    return packed and _catalogue_marked(path)


def _catalogue_marked(path: Path) -> bool:
    name, said = PDF_MARK.decode("ascii")[1:].split(" ", 1)
    return catalogue_entry(path, name) == said[1:-1]


def _handed_back(path: Path) -> bool:
    """A DOCX or XLSX whose title is the 整改 notice's (review/handback.py): Word and Excel keep a
    file's title when it is saved again."""
    title = package_title(path)
    return title is not None and title == notice_title()
