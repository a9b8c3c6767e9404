"""Reading a PDF that LibreOffice printed from a DOCX, as a reviewer reads the paper (issue 26, parts
3 and 4): where each table row landed (the tagged PDF's structure: a TR element names its page),
the words and their boxes (pdftotext -bbox-layout), and the cells whose text broke over lines."""

from __future__ import annotations

import functools
import re
import subprocess
from dataclasses import dataclass
from html import unescape
from pathlib import Path

from tests.clients import require_program

_OBJECT = re.compile(rb"(?m)^(\d+) 0 obj\b(.*?)\bendobj", re.S)
_TYPE = re.compile(rb"/S\s*/(Table|TR|TH|TD)(?=[\s/>\[])")
_KIDS = re.compile(rb"/K\s*\[([^\]]*)\]")
_PAGE = re.compile(rb"/Pg\s+(\d+) 0 R")
_REF = re.compile(rb"(\d+) 0 R")


def objects(pdf: bytes) -> dict[int, bytes]:
    """The PDF's objects by number (LibreOffice writes them one after another, no object streams)."""
    return {int(m.group(1)): m.group(2) for m in _OBJECT.finditer(pdf)}


def _kind(body: bytes) -> str:
    found = _TYPE.search(body)
    return found.group(1).decode() if found else ""


def _kids(body: bytes) -> list[int]:
    found = _KIDS.search(body)
    return [int(n) for n in _REF.findall(found.group(1))] if found else []


def page_order(objs: dict[int, bytes]) -> dict[int, int]:
    """Each page object's number → its page number (1-based), in the page tree's order."""
    root = next(body for body in objs.values() if re.search(rb"/Type\s*/Pages\b", body) and b"/Parent" not in body)
    order: list[int] = []

    def walk(body: bytes) -> None:
        for kid in _kids(body.replace(b"/Kids", b"/K", 1)):
            if re.search(rb"/Type\s*/Pages\b", objs[kid]):
                walk(objs[kid])
            else:
                order.append(kid)
    walk(root)
    return {number: index + 1 for index, number in enumerate(order)}


@dataclass
class PrintedTable:
    """A table of the tagged PDF: for each row, whether it is a header row (its cells TH) and its page."""

    rows: list[tuple[bool, int]]

    def body_pages(self) -> list[int]:
        return [page for header, page in self.rows if not header]


def printed_tables(pdf: Path) -> list[PrintedTable]:
    """The tables of a tagged PDF in the order of its structure tree."""
    objs = objects(pdf.read_bytes())
    pages = page_order(objs)
    tables = []
    for body in objs.values():
        if _kind(body) != "Table":
            continue
        rows = []
        for kid in _kids(body):
            if _kind(objs[kid]) != "TR":
                continue
            page = _PAGE.search(objs[kid])
            header = all(_kind(objs[cell]) == "TH" for cell in _kids(objs[kid]))
            rows.append((header, pages[int(page.group(1))] if page else 0))
        tables.append(PrintedTable(rows))
    return tables


def remnants(table: PrintedTable, keep_whole: int = 15, fewest: int = 4) -> list[str]:
    """What is wrong with where a table's body rows landed: a table of up to ``keep_whole`` rows on
    more than one page; a page of a table that runs over pages with fewer than ``fewest`` of its rows."""
    pages = table.body_pages()
    if len(set(pages)) <= 1:
        return []
    if len(pages) <= keep_whole:
        return [f"{len(pages)} rows over pages {sorted(set(pages))}"]
    counts = {page: pages.count(page) for page in sorted(set(pages))}
    return [f"page {page}: {count} of {len(pages)} rows" for page, count in counts.items() if count < fewest]


# -- words and the cells that broke over lines ----------------------------------------------------

@functools.lru_cache(maxsize=64)
def _bbox_layout(pdf: Path, size: int, modified: int) -> str:
    return subprocess.run([require_program("pdftotext"), "-bbox-layout", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout


def bbox_layout(pdf: Path) -> str:
    """pdftotext -bbox-layout of the PDF, run once for each state of the file."""
    stat = pdf.stat()
    return _bbox_layout(pdf, stat.st_size, stat.st_mtime_ns)


@dataclass(frozen=True)
class Word:
    page: int
    x0: float
    y0: float
    x1: float
    y1: float
    text: str


_WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>')


def _pages(pdf: Path) -> list[tuple[int, str]]:
    """Each page's number and its part of pdftotext -bbox-layout's output."""
    return list(enumerate(bbox_layout(pdf).split("<page ")[1:], start=1))


def words(pdf: Path) -> list[Word]:
    """Every word pdftotext finds, with its page and box (points, from the page's top left)."""
    found = []
    for number, page in _pages(pdf):
        for m in _WORD.finditer(page):
            found.append(Word(number, *(float(m.group(i)) for i in range(1, 5)), unescape(m.group(5))))
    return found


def broken_cells(found: list[Word], texts: set[str]) -> dict[str, list[list[str]]]:
    """For each of ``texts`` (cell texts), the ways the PDF shows it broken over lines: a word that
    begins it, then words each just below the one before (within two lines, its left edge within the
    cell's reach) that continue it to its end. Each way is the list of its lines."""
    by_page: dict[int, list[Word]] = {}
    for word in found:
        by_page.setdefault(word.page, []).append(word)
    starts: dict[str, list[str]] = {}
    for text in texts:
        for end in range(1, len(text)):
            starts.setdefault(text[:end], []).append(text)
    broken: dict[str, list[list[str]]] = {}
    for page_words in by_page.values():
        page_words = [w for w in page_words if _alone(w, page_words)]
        for word in page_words:
            for text in starts.get(word.text, ()):
                lines = _continue(word, text[len(word.text):], page_words)
                if lines:
                    broken.setdefault(text, []).append([word.text, *lines])
    return broken


def _alone(word: Word, page_words: list[Word]) -> bool:
    """Whether ``word`` stands apart on its line as a cell's text does: no word within half an em
    of it on either side (a sentence's words are set closer, its digits beside its Han characters)."""
    height = word.y1 - word.y0
    return not any(other is not word and abs(other.y0 - word.y0) < height / 2
                   and (0 <= word.x0 - other.x1 < height / 2 or 0 <= other.x0 - word.x1 < height / 2)
                   for other in page_words)


def _continue(first: Word, rest: str, page_words: list[Word]) -> list[str] | None:
    """The lines below ``first`` that spell ``rest``, or None."""
    height = first.y1 - first.y0
    for word in page_words:
        below = 0.5 * height < word.y0 - first.y0 < 2.6 * height
        near = abs(word.x0 - first.x0) < 3 * height or (first.x0 - 3 * height < word.x0 < first.x1)
        if below and near and word.text and rest.startswith(word.text):
            if word.text == rest:
                return [word.text]
            more = _continue(word, rest[len(word.text):], page_words)
            if more:
                return [word.text, *more]
    return None


# -- lines that hold one character alone -------------------------------------------------------------

@dataclass(frozen=True)
class Line:
    """A line pdftotext -bbox-layout finds: its page, box and text (its words joined without spaces)."""

    page: int
    x0: float
    y0: float
    x1: float
    y1: float
    text: str


_LINE = re.compile(r'<line xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</line>', re.S)
_WORD_TEXT = re.compile(r"<word [^>]*>([^<]*)</word>")
_HAN_CHAR = re.compile(r"[\u3400-\u9fff]")


def pdf_lines(pdf: Path) -> list[Line]:
    """Every line pdftotext -bbox-layout finds, in reading order."""
    found = []
    for number, page in _pages(pdf):
        for m in _LINE.finditer(page):
            text = "".join(unescape(w) for w in _WORD_TEXT.findall(m.group(5)))
            found.append(Line(number, *(float(m.group(i)) for i in range(1, 5)), text))
    return found


def lone_characters(pdf: Path, texts: set[str]) -> list[tuple[int, str]]:
    """The places where one of ``texts`` (a table cell's, a heading's: spaces aside) ends in a line
    holding a single Han character that continues the line just above it: (page, "above/字")."""
    tails = {text.replace(" ", "") for text in texts}
    ends = {text[-k:] for text in tails for k in range(2, len(text) + 1)}
    found = pdf_lines(pdf)
    by_page: dict[int, list[Line]] = {}
    for line in found:
        by_page.setdefault(line.page, []).append(line)
    alone = []
    for line in found:
        if len(line.text) != 1 or not _HAN_CHAR.match(line.text):
            continue
        height = line.y1 - line.y0
        for above in by_page[line.page]:
            rise = line.y0 - above.y0
            beside = above.x0 - 3 * height <= line.x0 <= above.x1 + height / 2
            if 0.5 * height < rise < 2.6 * height and beside and above.text + line.text in ends:
                alone.append((line.page, f"{above.text}/{line.text}"))
                break
    return alone


def pdf_page_sizes(pdf: Path) -> list[tuple[float, float]]:
    """Each page's width and height (points), as pdftotext -bbox-layout gives them."""
    xml = bbox_layout(pdf)
    return [(float(w), float(h)) for w, h in re.findall(r'<page width="([\d.]+)" height="([\d.]+)"', xml)]


def pdftotext_raw(pdf: Path) -> str:
    """The PDF's text in the order it is drawn (pdftotext -raw)."""
    return subprocess.run([require_program("pdftotext"), "-raw", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
