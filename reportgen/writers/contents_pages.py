"""The DOCX 目录's page numbers, as LibreOffice lays them out, written into the DOCX itself.

The DOCX writer gives each 目录 line a PAGEREF field to a bookmark on its heading or table caption,
with an empty result, and asks Word to update the fields on opening (w:updateFields). Here the
fields are filled: LibreOffice prints the DOCX (writers/pdf.py); in that PDF each 目录 line's number
is a link to its heading, in the 目录's order, and the number printed under the link is the one
LibreOffice computed for the field. Those numbers become the fields' results and w:updateFields is
dropped, so Word, a reader that never updates fields and Protected View show them.

Filling the results cannot move a page: LibreOffice computes every PAGEREF as it lays the pages out,
whatever result the file holds (the blank DOCX's PDF already shows the numbers), so the PDF of the
filled DOCX is the very PDF that gave them (tests/test_toc_numbers.py prints both and compares the
bytes) and a render that asks for a PDF too uses that one print for both.

What is read is checked: as many links as fields, each under a number set off by the dot leader, on
a page before the one it leads to, the pages it leads to in order. Anything else (or no LibreOffice)
leaves the DOCX as it was — empty results, w:updateFields — and says so: never a wrong number.
Numbers are kept in the user's cache by the blank DOCX's digest (with LibreOffice's program and the
font settings), so rendering the same document again costs no LibreOffice.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reportgen.base import cache
from reportgen.base.errors import Internal, PdfUnavailable
from reportgen.base.patterns import regex

if TYPE_CHECKING:
    from reportgen.readers.pdf.pdf_words import Word

SETTINGS_PART = "word/settings.xml"
DOCUMENT_PART = "word/document.xml"
_UPDATE = '<w:updateFields w:val="true"/>'
# A PAGEREF field as ooxml.page_reference_xml writes it: its result is what lies between the
# separate and end characters (nothing in a blank DOCX).
_FIELD = regex(r'(<w:instrText[^>]*>\s*PAGEREF [^<]*</w:instrText></w:r>'
               r'<w:r><w:fldChar w:fldCharType="separate"/></w:r>)(.*?)(<w:r><w:fldChar w:fldCharType="end"/>)')
_NUMBER_AT_END = regex(r"(?:^|[.…·\s])(\d{1,5})$")
OFF = "REPORTGEN_CONTENTS_PAGES"  # "0": the numbers left out (empty results, w:updateFields), as before
NUMBERS_FORM = cache.json_form(
    to_data=list,
    from_data=lambda data: [str(n) for n in data] if isinstance(data, list) and all(
        isinstance(n, str) and n.isascii() and n.isdigit() for n in data) else _shape(),
    version="contents-pages-1")


class Unread(Internal):
    """The PDF does not give the 目录's numbers beyond doubt: ``message`` says why (Chinese)."""


def _shape() -> list[str]:
    raise cache.Shape("not a list of page numbers")


# -- the DOCX side -------------------------------------------------------------------------------

def _parts(package: bytes) -> tuple[str, str]:
    import io  # deferred: for a DOCX with a 目录 only
    import zipfile  # deferred: 3 ms at start-up, for a DOCX with a 目录 only

    with zipfile.ZipFile(io.BytesIO(package)) as docx:
        return docx.read(DOCUMENT_PART).decode("utf-8"), docx.read(SETTINGS_PART).decode("utf-8")


def fields_of(package: bytes) -> int:
    """How many PAGEREF fields of the 目录 wait for their number: 0 unless the DOCX asks Word to
    update its fields and holds such fields with empty results."""
    document, settings = _parts(package)
    if _UPDATE not in settings:
        return 0
    results = [match.group(2) for match in _FIELD.finditer(document)]
    return len(results) if results and not any(results) else 0


def filled(package: bytes, numbers: list[str]) -> bytes:
    """The DOCX with ``numbers`` as its 目录 fields' results, in order, and no w:updateFields; every
    other part, and every part's date, as it was. ValueError unless the counts agree."""
    from reportgen.writers.docx.ooxml import plain_run_xml  # deferred: the DOCX writer's, with its imports
    from reportgen.writers.docx.zipped import replace_parts  # deferred: with the writer above

    document, settings = _parts(package)
    given = iter(numbers)
    count = 0

    def result(match: re.Match[str]) -> str:
        nonlocal count
        count += 1
        return match.group(1) + plain_run_xml(next(given, "")) + match.group(3)

    document = _FIELD.sub(result, document)
    if count != len(numbers):
        raise ValueError(f"目录有 {count} 个页码域，给了 {len(numbers)} 个页码")
    settings = settings.replace(_UPDATE, "", 1)
    return replace_parts(package, {DOCUMENT_PART: document.encode("utf-8"), SETTINGS_PART: settings.encode("utf-8")})


# -- the PDF side --------------------------------------------------------------------------------

def numbers_in(pdf: Path, count: int) -> list[str]:
    """The numbers LibreOffice printed for the 目录's ``count`` fields in ``pdf``: under its first
    ``count`` links to pages of the document, in reading order. Unread when they are not there
    beyond doubt (see the module's docstring)."""
    links = _links(pdf, count)
    last_page = max(page for page, _, _ in links)
    words = _words(pdf, last_page + 1)
    numbers: list[str] = []
    before = -1
    for page, box, target in links:
        if target <= page or target < before:
            raise Unread(f"目录第 {len(numbers) + 1} 行的链接指向第 {target + 1} 页，不在目录之后或不按顺序")
        before = target
        numbers.append(_number_under(words[page], box, len(numbers) + 1))
    return numbers


def _links(pdf: Path, count: int) -> list[tuple[int, tuple[float, float, float, float], int]]:
    """The first ``count`` links to a page of the document: (its page, its box from the top-left as
    pdftotext gives words, the page it leads to), page by page, each page's top to bottom."""
    from pypdf import PdfReader  # deferred: pypdf, for a DOCX with a 目录 only

    reader = PdfReader(pdf)
    found: list[tuple[int, tuple[float, float, float, float], int]] = []
    for index, page in enumerate(reader.pages):
        height = float(page.mediabox.top)
        on_page = []
        for annotation in page.get("/Annots") or []:
            link = annotation.get_object()
            target = _target(reader, link) if link.get("/Subtype") == "/Link" else None
            if target is not None:
                left, bottom, right, top = (float(v) for v in link["/Rect"])
                on_page.append(((left, height - top, right, height - bottom), target))
        on_page.sort(key=lambda item: (item[0][1], item[0][0]))
        found += [(index, box, target) for box, target in on_page]
        if len(found) >= count:
            return found[:count]
    raise Unread(f"PDF 中只找到 {len(found)} 个目录链接，目录有 {count} 行页码")


def _target(reader: Any, link: Any) -> int | None:
    """The page index a link leads to (its /Dest, or a GoTo action's /D), or None."""
    dest = link.get("/Dest")
    action = link.get("/A")
    if dest is None and action is not None and action.get_object().get("/S") == "/GoTo":
        dest = action.get_object().get("/D")
    dest = dest.get_object() if hasattr(dest, "get_object") else dest
    if not isinstance(dest, list) or not dest:
        return None
    try:
        return int(reader.get_page_number(dest[0].get_object()))
    except Exception:  # a destination that names no page of this document
        return None


def _words(pdf: Path, pages: int) -> list[list[Word]]:
    """The words (pdftotext's boxes) of the first ``pages`` pages."""
    from reportgen.readers.pdf.pdf_words import PdfNotRead, words_of_pages  # deferred: lxml, for a 目录 only

    try:
        return words_of_pages(pdf, pages, Unread, "目录的页码留空")
    except PdfNotRead as exc:
        raise Unread(f"pdftotext 读不了 LibreOffice 打印的 PDF（{exc}）") from None


def _number_under(words: list[Word], box: tuple[float, float, float, float], line: int) -> str:
    """The number printed under a link's box: the end of the word that box's centre falls in,
    set off from the line's text by the dot leader (or standing alone)."""
    x = (box[0] + box[2]) / 2
    y = (box[1] + box[3]) / 2
    for word in words:
        if word.left <= x <= word.right and word.top <= y <= word.bottom:
            found = _NUMBER_AT_END.search(word.text)
            if found:
                return found.group(1)
            raise Unread(f"目录第 {line} 行的链接下不是页码（“{word.text[-12:]}”）")
    raise Unread(f"目录第 {line} 行的链接下没有文字")


# -- when and where ------------------------------------------------------------------------------

def _switched_off() -> bool:
    """REPORTGEN_CONTENTS_PAGES=0: the DOCX as it was before its numbers were filled (no LibreOffice,
    no cache)."""
    return os.environ.get(OFF, "").strip() == "0"


def wanted() -> bool:
    """Whether LibreOffice can lay a DOCX out for its numbers: it is installed."""
    return bool(shutil.which("soffice") or shutil.which("libreoffice"))


def missing_message() -> str:
    if _switched_off():
        return left_blank(f"环境变量 {OFF}=0")
    return ("找不到 LibreOffice（soffice），DOCX 目录的页码留空，Word 打开时更新域后显示（不更新域的阅读器不显示页码）；"
            "安装 LibreOffice（sudo apt-get install libreoffice-writer-nogui）后重新生成即写入页码")


def left_blank(why: str) -> str:
    """The warning of a DOCX whose 目录 keeps blank page numbers, and why."""
    return f"{why}：DOCX 目录的页码留空，Word 打开时更新域后显示"


# Where the fonts LibreOffice lays out with are installed (fontconfig's usual folders): a font added,
# removed or upgraded changes a folder's date (a package manager renames files into place).
FONT_FOLDERS = ("/usr/share/fonts", "/usr/local/share/fonts", "~/.local/share/fonts", "~/.fonts")


def _key(package: bytes) -> str | None:
    """The cache key of a blank DOCX's numbers: its bytes, LibreOffice's program (its path, size and
    date: an upgrade is a new key), the installed fonts' folders (their dates), the PDF's font
    settings and this module."""
    from reportgen.writers.pdf import FONTS  # deferred: the PDF writer, for a DOCX with a 目录 only

    program = shutil.which("soffice") or shutil.which("libreoffice")
    try:
        real = os.path.realpath(program) if program else ""
        info = os.stat(real) if real else None
        made = [FONTS.read_bytes(), Path(__file__).read_bytes()]
    except OSError:
        return None
    identity = f"{real}:{info.st_size}:{info.st_mtime_ns}" if info else ""
    return cache.key_of(package, identity.encode("utf-8"), _fonts_identity().encode("utf-8"), *made)


def _fonts_identity() -> str:
    """Every font folder's path and date, in order (a few milliseconds at most)."""
    seen = []
    for top in FONT_FOLDERS:
        for folder, folders, _ in os.walk(os.path.expanduser(top)):
            folders.sort()
            try:
                seen.append(f"{folder}:{os.stat(folder).st_mtime_ns}")
            except OSError:
                continue
            if len(seen) > 10_000:
                return "\n".join(seen)
    return "\n".join(seen)


def cached(package: bytes) -> list[str] | None:
    key = _key(package)
    return cache.fetch("contents-pages", key, NUMBERS_FORM) if key else None


def keep(package: bytes, numbers: list[str]) -> None:
    key = _key(package)
    if key:
        cache.store("contents-pages", key, numbers, NUMBERS_FORM)


def read_and_fill(package: bytes, pdf: Path) -> bytes:
    """The DOCX ``package`` (blank) filled with the numbers its PDF ``pdf`` shows, which are kept
    in the cache; Unread when they cannot be read."""
    numbers = numbers_in(pdf, fields_of(package))
    result = filled(package, numbers)
    keep(package, numbers)
    return result


def lay_out(package: bytes, when: datetime, keep_pdf: bool) -> tuple[bytes, bytes | None, str]:
    """A blank DOCX with a 目录 laid out by LibreOffice: (the DOCX filled, the PDF LibreOffice
    printed of it when ``keep_pdf`` and it ran, a warning or ''). From the cache when it holds the
    numbers; as it was, with the warning, when LibreOffice is missing or its PDF does not give them."""
    if not fields_of(package):
        return package, None, ""
    if _switched_off():
        return package, None, missing_message()
    numbers = cached(package)
    if numbers is not None:
        return filled(package, numbers), None, ""
    if not wanted():
        return package, None, missing_message()
    from reportgen.writers.pdf import convert  # deferred: for a DOCX with a 目录 only

    with tempfile.TemporaryDirectory(prefix="reportgen-toc-") as folder:
        docx = Path(folder) / "document.docx"
        docx.write_bytes(package)
        try:
            pdf = convert([docx], Path(folder), when)[0]
            return read_and_fill(package, pdf), pdf.read_bytes() if keep_pdf else None, ""
        except PdfUnavailable as exc:
            return package, None, left_blank(exc.message)
        except Unread as exc:
            return package, None, left_blank(f"LibreOffice 打印的 PDF 中读不出目录的页码（{exc.message}）")


def for_batch(package: bytes) -> tuple[bytes, str, bool]:
    """A blank DOCX with a 目录 in a batch, whose LibreOffice runs once for all its documents:
    (the DOCX filled from the cache, or as it was; a warning or ''; whether it waits for the
    batch's LibreOffice — then fill_printed fills it)."""
    if not fields_of(package):
        return package, "", False
    if _switched_off():
        return package, missing_message(), False
    numbers = cached(package)
    if numbers is not None:
        return filled(package, numbers), "", False
    if not wanted():
        return package, missing_message(), False
    return package, "", True


def fill_printed(docx: Path, pdf: Path, output: Path | None) -> str:
    """After a batch's LibreOffice printed ``docx`` (a blank DOCX waiting for its numbers) as
    ``pdf``: ``output`` (the DOCX the render wrote, when one was asked for) replaced by the filled
    DOCX, whole; the numbers kept in the cache. A warning, or ''."""
    from reportgen.base.staging import replace_together  # deferred: for a batch's DOCX with a 目录 only

    package = docx.read_bytes()
    if not fields_of(package):
        return ""
    try:
        final = read_and_fill(package, pdf)
    except Unread as exc:
        return left_blank(f"LibreOffice 打印的 PDF 中读不出目录的页码（{exc.message}）")
    if output is not None:
        replace_together([(output, final)], "render")
    return ""
