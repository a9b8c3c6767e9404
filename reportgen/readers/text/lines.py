"""A document as numbered lines of text — what the reviewer judges and the importer reads the prose
of: a .txt (text extracted from a PDF, as the seeds are), a .docx (any Word document: paragraphs and
table rows, through the DOCX reader), an .html, or a .pdf (its printed lines as readers/pdf_words.py
reads them: one ``pdftotext -bbox-layout`` per file per command, shared with the importer's tables).
The line numbers are what a reviewer finds the figure by: the file's own lines for text, the printed
lines for a PDF (the same the tables' rows are numbered by), paragraphs and table rows for DOCX and
HTML. Every document is bounded: its size (published.MAX_PUBLISHED_BYTES), its lines (MAX_DRAFT_LINES), pdftotext's
time and output; HTML is read by libxml2, in time linear in the page."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic, TypeVar, overload

from reportgen.base.errors import Internal
from reportgen.base.patterns import regex
from reportgen.docmodel.document import Document, Heading, Paragraph, Table, Title
from reportgen.readers.html_hidden import INERT, hidden_classes, hides
from reportgen.readers.pdf.pdf_words import Word, layout_text
from reportgen.readers.unreadable import Unreadable

# A disclosure is a few thousand lines at most (the seeds: 400–1,300); reading one line costs some
# microseconds, so a file of 20 MB of line breaks took over a minute and 3 GB.
MAX_DRAFT_LINES = 200_000
_LINE_BREAKS = "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"  # where str.splitlines splits

# Spaces next to a Han character or full-width punctuation are the PDF's, not the text's. The second
# alternative is tried only where a run of spaces starts or at an ideographic space: anywhere else in
# a run it would fail as it did one character before, after reading the rest of the run again (a
# line of spaces took time growing with its square). The pattern starts with the space it takes (each
# lookbehind looks past it), so the search skips to the next space rather than trying every character.
WIDE_SPACE = regex(r"[ \t\u3000](?:(?<=[^\x00-\x7f].)[ \t\u3000]*"
                   r"|(?:(?<![ \t].)|(?<=\u3000))[ \t\u3000]*(?=[^\x00-\x7f]))")


_T = TypeVar("_T")


class _MadeOnce(Generic[_T]):
    """functools.cached_property without its lock (Python 3.11's takes one at each first reading, a
    third of a microsecond for each of a document's lines): the value made at the first reading and
    kept in the object's __dict__, where every later reading finds it without coming here."""

    def __init__(self, make: Callable[[Any], _T]) -> None:
        self.make = make
        self.name = make.__name__
        self.__doc__ = make.__doc__

    @overload
    def __get__(self, owned: None, owner: type | None = None) -> _MadeOnce[_T]: ...

    @overload
    def __get__(self, owned: object, owner: type | None = None) -> _T: ...

    def __get__(self, owned: object, owner: type | None = None) -> _T | _MadeOnce[_T]:
        if owned is None:
            return self
        made = owned.__dict__[self.name] = self.make(owned)
        return made


@dataclass(frozen=True)
class Line:
    """One printed line of a published file, of any format: what the reviewer judges and the importer
    reads the narrative of (readers/published.py makes them)."""

    number: int  # 1-based, across the file: what a reviewer finds the line by
    text: str
    table_unit: str = ""  # 元 / 万元 where the line is a row of a table whose unit is known
    page: int = 0  # the page it is printed on (a PDF's, or a text's form feeds); 0: the format has no pages
    line: int = 0  # 1-based on its page; on no page, the paragraph's number (0: ``number``)
    place: str = ""  # where the format names it otherwise: a workbook's cell (名词解释!A3 第2行), a DOCX's 第3段

    @property
    def where(self) -> str:
        """Where a reader finds the line: its place, else 第3页 第7行, else 第7段."""
        if self.place:
            return self.place
        return f"第{self.line or self.number}段" if self.page == 0 else f"第{self.page}页 第{self.line}行"

    @_MadeOnce
    def squeezed(self) -> str:
        """The line's text without the spaces set beside Han characters and full-width signs
        (WIDE_SPACE): what the rules read, made once a line."""
        text = self.text
        # an ASCII line has no space beside a wide character (nor an ideographic one): nothing to take out
        return text if text.isascii() else WIDE_SPACE.sub("", text)

    @_MadeOnce
    def bare(self) -> str:
        """``squeezed``, stripped."""
        return self.squeezed.strip()


def _too_long(path: Path) -> Unreadable:
    return Unreadable(str(path), f"草稿超过 {MAX_DRAFT_LINES} 行，不像一份部门预算公开文本（通常只有几千行）："
                                 "请确认选的是草稿文件；未核对")


def checked_length(lines: list[Line], path: Path) -> list[Line]:
    """``lines``, refused where they are more than MAX_DRAFT_LINES."""
    if len(lines) > MAX_DRAFT_LINES:
        raise _too_long(path)
    return lines


def decoded(data: bytes, path: Path) -> str:
    """The text of a page or a plain text: UTF-8 (with or without its mark), else GB18030."""
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise Unreadable(str(path), "草稿不是 UTF-8 或 GB18030 编码的文字")


def text_lines(text: str, path: Path) -> list[Line]:
    """A plain text's lines (split where str.splitlines splits); where it marks its pages with form
    feeds (pdftotext's text), each line with its page and its number on the page."""
    breaks = sum(map(text.count, _LINE_BREAKS)) - text.count("\r\n")  # counted before any line is made
    if breaks > MAX_DRAFT_LINES:
        raise _too_long(path)
    if "\f" not in text:
        return [Line(number, line) for number, line in enumerate(text.splitlines(), start=1)]
    lines, page, on_page = [], 1, 0
    for number, (line, kept) in enumerate(zip(text.splitlines(), text.splitlines(keepends=True), strict=True), start=1):
        on_page += 1
        lines.append(Line(number, line, page=page, line=on_page))
        if kept.endswith("\f"):  # a page ends at its form feed: the next line is the next page's
            page, on_page = page + 1, 0
    return lines


def page_lines(pages: list[list[Word]], path: Path) -> list[Line]:
    """A PDF's printed lines (its words as pdf_words reads them: ``pdftotext -bbox-layout`` within its
    time limit, once per file per process, shared with the importer's tables), set out as
    ``layout_text`` sets them, each with its page and its number on the page; each page ends with an
    empty line (its form feed's)."""
    return text_lines(layout_text(pages), path)


def docx_lines(document: Document) -> list[Line]:
    """A Word document's lines as read back (readers/office/docx.py): its title, headings and paragraphs, and
    each table's caption lines, rows (with the table's unit) and notes."""
    lines: list[Line] = []

    def add(text: str, unit: str = "") -> None:
        lines.append(Line(len(lines) + 1, text, unit))

    for block in document.blocks:
        if isinstance(block, Title):
            add(block.text)
        elif isinstance(block, Heading):
            add(block.full_text)
        elif isinstance(block, Paragraph):
            add(block.text)
        elif isinstance(block, Table):
            for text, unit in _table_lines(block):
                add(text, unit)
    return lines


def _table_lines(table: Table) -> list[tuple[str, str]]:
    """A table's lines (with the unit each is in): its caption lines, its rows (in the table's unit), its notes."""
    unit = _unit_of(table.unit_line) or _unit_of(table.department_line)
    lines = [(text, "") for text in (table.number, table.title, table.department_line, table.unit_line) if text]
    lines += [(" ".join(cell.text for cell in row.cells), unit) for row in [*table.header, *table.body]]
    return lines + [(note, "") for note in table.notes]


def _unit_of(text: str) -> str:
    if "万元" in text:
        return "万元"
    return "元" if "单位：元" in text.replace(" ", "") else ""


class _HtmlText:
    """Text per block element (p, li, headings, caption) and per table row (cells joined by a space),
    never the text of an element a browser does not show (html_hidden.py), as lxml's HTML parser
    (libxml2) reports the elements: in time linear in the page (Python's
    html.parser takes time growing with the square of some malformed pages: a 32 KB start tag of
    many attributes took seconds), closing the elements HTML lets a page leave open (<td>, <p>)."""

    BLOCKS = frozenset({"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "caption", "div", "title", "td", "th", "tr"})

    def __init__(self) -> None:
        self.lines: list[Line] = []
        self.buffer: list[str] = []
        self.cells: list[str] | None = None
        self.unit = ""
        self.skip = 0
        # What a browser never shows (readers/html_hidden.py): the depth inside a hidden element (its
        # start and end, and everything between, passed over), and the classes the page's styles hide.
        self.hidden = 0
        self.style: list[str] | None = None  # the text of the <style> being read
        self.hiding: frozenset[str] = frozenset()
        self.tables = 0  # the depth inside <table>
        self.titles = 0  # inside <title>: the page's name, not its text
        self.outside = False  # a text seen outside every table (a page's prose)

    def start(self, name: str | bytes, attrib: Mapping[str | bytes, str | bytes]) -> None:
        tag = _str(name)
        if self.hidden or self._hides(tag, attrib):
            self.hidden += 1
        elif tag in ("script", "style"):
            self.skip += 1
            if tag == "style":
                self.style = []
        elif tag == "tr":
            self.flush()
            self.cells = []
        elif tag == "table":
            self.unit = ""
            self.tables += 1
        elif tag in ("td", "th"):
            self.buffer = []
        elif tag in self.BLOCKS or tag == "br":
            self.flush()
            self.titles += tag == "title"

    def _hides(self, tag: str, attrib: Mapping[str | bytes, str | bytes]) -> bool:
        if not attrib:
            return tag in INERT
        style, classes = attrib.get("style"), attrib.get("class")
        return hides(tag, self.hiding, style=None if style is None else _str(style),
                     classes=None if classes is None else _str(classes), hidden="hidden" in attrib)

    def end(self, name: str | bytes) -> None:
        tag = _str(name)
        if self.hidden:
            self.hidden -= 1
        elif tag in ("script", "style"):
            self._end_script(tag)
        elif tag in ("td", "th") and self.cells is not None:
            self.cells.append("".join(self.buffer).strip())
            self.buffer = []
        elif tag == "tr" and self.cells is not None:
            self.add(Line(len(self.lines) + 1, " ".join(self.cells), self.unit))
            self.cells = None
        elif tag == "table":
            self.tables = max(0, self.tables - 1)
        elif tag in self.BLOCKS:
            self.flush()
            self.titles = max(0, self.titles - (tag == "title"))

    def _end_script(self, tag: str) -> None:
        """A script or style ends: a style sheet's hiding classes read (each sheet once: linear in the page)."""
        self.skip = max(0, self.skip - 1)
        if tag == "style" and self.style is not None:
            self.hiding |= hidden_classes(["".join(self.style)])
            self.style = None

    def data(self, data: str | bytes) -> None:
        if self.hidden:
            return
        if not self.skip:
            text = _str(data)
            self.buffer.append(text)
            if not self.tables and not self.titles and not self.outside and text.strip():
                self.outside = True
        elif self.style is not None:
            self.style.append(_str(data))

    def comment(self, text: str | bytes) -> None:
        pass  # not text of the page

    def close(self) -> list[Line]:
        self.flush()
        return self.lines

    def flush(self) -> None:
        text = " ".join("".join(self.buffer).split())
        self.buffer = []
        if text and self.cells is None:
            unit = _unit_of(text)
            if unit and ("单位" in text):
                self.unit = unit
            self.add(Line(len(self.lines) + 1, text))

    def add(self, line: Line) -> None:
        if len(self.lines) >= MAX_DRAFT_LINES:
            raise _TooLong
        self.lines.append(line)


def html_lines(text: str, path: Path) -> tuple[list[Line], bool]:
    """A page's lines, and whether any text stands outside its tables (a published page's prose; a
    workbook saved as a web page, as finance systems export one, holds every text in its tables)."""
    from lxml import etree  # deferred: lxml costs 9 ms at start-up, needed only for an HTML draft

    text = without_server_code(text)
    if not text.strip():
        return [], False
    target = _HtmlText()
    try:  # huge_tree: else libxml2 drops the rest of a page after a text of over 10 MB, saying nothing
        etree.fromstring(text, etree.HTMLParser(target=target, no_network=True, huge_tree=True))
    except _TooLong:
        raise _too_long(path) from None
    except (etree.LxmlError, ValueError) as exc:
        raise Unreadable(str(path), f"不能读取这个 HTML 草稿：{exc}") from None
    return target.lines, target.outside


# A page saved from the portal's templates, not as the browser shows it, keeps the server's own code:
# JSP/ASP <% … %> (“<%@ include file="/include/foot.jsp" %>”) and PHP <?php … ?>. A browser never shows
# it; an HTML parser takes it for text (it is no element), so it is cut before the page is parsed.
_SERVER_CODE = (("<%", "%>"), ("<?php", "?>"))


def without_server_code(text: str) -> str:
    """``text`` without the server code a page's template holds (found by str.find: linear)."""
    for opening, closing in _SERVER_CODE:
        if opening not in text:
            continue
        parts, at = [], 0
        while (start := text.find(opening, at)) >= 0:
            end = text.find(closing, start + len(opening))
            if end < 0:  # not closed: no code, the page's own text (kept)
                break
            parts.append(text[at:start])
            at = end + len(closing)
        text = "".join(parts) + text[at:]
    return text


def _str(value: str | bytes) -> str:
    """lxml reports a page given as str in str."""
    return value if isinstance(value, str) else value.decode("utf-8", errors="replace")


class _TooLong(Internal):
    """More than MAX_DRAFT_LINES lines: raised by the parser's target, out through the parser."""
