"""A document as numbered lines of text — what the reviewer judges and the importer reads the prose
of: a .txt (text extracted from a PDF, as the seeds are), a .docx (any Word document: paragraphs and
table rows, through the DOCX reader), an .html, or a .pdf (through poppler's ``pdftotext -layout``,
run once per file per command: pdf_text keeps what it read). The line numbers are what a reviewer
finds the figure by: the file's own lines for text and PDF, paragraphs and table rows for DOCX and
HTML. Every document is bounded: its size (MAX_DRAFT_BYTES, and as much text from a PDF), its lines
(MAX_DRAFT_LINES), pdftotext's time; HTML is read by libxml2, in time linear in the page."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from reportgen.document import Heading, Paragraph, Table, Title
from reportgen.errors import Finding, SourceError
from reportgen.reading.files import InputRefused, read_bounded
from reportgen.reading.programs import ProgramOutputTooLarge, ProgramTimeout, run_program, seconds

MAX_DRAFT_BYTES = 20 * 1024 * 1024  # the file; and the text pdftotext reads from a PDF
# A disclosure is a few thousand lines at most (the seeds: 400–1,300); reading one line costs some
# microseconds, so a file of 20 MB of line breaks took over a minute and 3 GB.
MAX_DRAFT_LINES = 200_000
PDFTOTEXT_SECONDS = 120  # REPORTGEN_PDFTOTEXT_SECONDS overrides it
_LINE_BREAKS = "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"  # where str.splitlines splits

# Spaces next to a Han character or full-width punctuation are the PDF's, not the text's. The second
# alternative is tried only where a run of spaces starts or at an ideographic space: anywhere else in
# a run it would fail as it did one character before, after reading the rest of the run again (a
# line of spaces took time growing with its square).
WIDE_SPACE = re.compile(r"(?<=[^\x00-\x7f])[ \t\u3000]+|(?:(?<![ \t])|(?=\u3000))[ \t\u3000]+(?=[^\x00-\x7f])")


@dataclass(frozen=True)
class Line:
    number: int
    text: str
    table_unit: str = ""  # 元 / 万元 where the line is a row of a table whose unit is known


def read_draft(path: Path) -> list[Line]:
    """The draft's lines; a SourceError (in Chinese) when it cannot be read."""
    suffix = path.suffix.lower()
    if suffix == ".docx":
        lines = _docx_lines(path)
    elif suffix == ".pdf":
        lines = _text_lines(pdf_text(path), path)
    elif suffix in (".html", ".htm"):
        lines = _html_lines(_decode(_read(path), path), path)
    else:
        lines = _text_lines(_decode(_read(path), path), path)
    if len(lines) > MAX_DRAFT_LINES:
        raise _too_long(path)
    return lines


def _too_long(path: Path) -> SourceError:
    return _refuse(path, f"草稿超过 {MAX_DRAFT_LINES} 行，不像一份部门预算公开文本（通常只有几千行）："
                         "请确认选的是草稿文件；未核对")


def _refuse(path: Path, message: str) -> SourceError:
    return SourceError([Finding("error", "R-草稿", message, str(path))])


def _read(path: Path) -> bytes:
    try:
        return read_bounded(path, MAX_DRAFT_BYTES, "草稿")
    except InputRefused as exc:
        raise _refuse(path, f"不能读取草稿：{exc}") from None


def _decode(data: bytes, path: Path) -> str:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise _refuse(path, "草稿不是 UTF-8 或 GB18030 编码的文字")


def _text_lines(text: str, path: Path) -> list[Line]:
    breaks = sum(map(text.count, _LINE_BREAKS)) - text.count("\r\n")  # counted before any line is made
    if breaks > MAX_DRAFT_LINES:
        raise _too_long(path)
    return [Line(number, line) for number, line in enumerate(text.splitlines(), start=1)]


def run_pdftotext(path: Path, options: list[str], max_bytes: int, refuse: Callable[[str], Exception],
                  not_done: str) -> tuple[int, bytes, bytes]:
    """pdftotext on ``path`` with ``options``, within its time limit (killed after it) and at most
    ``max_bytes`` of output: (exit code, output, errors). What stops it is raised as ``refuse``'s
    Chinese message, ending with what was not done (未核对, 未导入). Shared by the reviewer and the importer."""
    program = shutil.which("pdftotext")
    if program is None:
        raise refuse("读取 PDF 需要 poppler 的 pdftotext：请安装 poppler-utils（scripts/setup 会安装），或先把 PDF 另存为文字")
    limit = seconds("REPORTGEN_PDFTOTEXT_SECONDS", PDFTOTEXT_SECONDS)
    try:
        return run_program([program, *options, str(path), "-"], limit, max_bytes)
    except ProgramTimeout:
        raise refuse(f"pdftotext 在 {limit:g} 秒内没有读完这个 PDF，已结束它；{not_done}"
                     "（可用环境变量 REPORTGEN_PDFTOTEXT_SECONDS 放宽时限）") from None
    except ProgramOutputTooLarge:
        raise refuse(f"pdftotext 从这个 PDF 读出的文字超过 {max_bytes // (1024 * 1024)} MB，"
                     f"不像一份部门预算公开文本；{not_done}") from None
    except OSError as exc:
        raise refuse(f"不能运行 pdftotext：{exc.strerror or exc}") from None


# What pdftotext read of each PDF in this process, by the file's identity and state: a review reads a
# PDF's text for its prose and again, through the importer, for its 说明 — pdftotext runs once.
_PDF_TEXTS: dict[tuple[int, int, int, int], str] = {}
_KEPT_TEXTS = 8


def pdf_text(path: Path) -> str:
    """The text of a PDF draft, as ``pdftotext -layout`` reads it: within its time limit (killed
    after it), at most MAX_DRAFT_BYTES of it, and UTF-8 text as asked for; read once per file (while
    it is unchanged) per process."""
    _read(path)  # a regular file of bounded size, as any input
    state = path.stat()
    key = (state.st_dev, state.st_ino, state.st_size, state.st_mtime_ns)
    if key not in _PDF_TEXTS:
        if len(_PDF_TEXTS) >= _KEPT_TEXTS:
            _PDF_TEXTS.pop(next(iter(_PDF_TEXTS)))
        _PDF_TEXTS[key] = _pdftotext_layout(path)
    return _PDF_TEXTS[key]


def _pdftotext_layout(path: Path) -> str:
    code, out, _ = run_pdftotext(path, ["-layout", "-enc", "UTF-8"], MAX_DRAFT_BYTES,
                                 lambda message: _refuse(path, message), "未核对")
    if code != 0:
        raise _refuse(path, "pdftotext 不能读取这个 PDF（是否损坏或加密？）")
    try:
        return out.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise _refuse(path, f"pdftotext 读出的不是 UTF-8 文字（第 {exc.start + 1} 个字节起），不能核对："
                            f"请检查 {shutil.which('pdftotext')} 是否是 poppler 的 pdftotext") from None


def _docx_lines(path: Path) -> list[Line]:
    from reportgen.readers.docx import read_docx  # deferred: python-docx costs 60 ms, a DOCX draft only

    document = read_docx(path)
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
            unit = _unit_of(block.unit_line) or _unit_of(block.department_line)
            for text in (block.number, block.title, block.department_line, block.unit_line):
                if text:
                    add(text)
            for row in [*block.header, *block.body]:
                add(" ".join(cell.text for cell in row.cells), unit)
            for note in block.notes:
                add(note)
    return lines


def _unit_of(text: str) -> str:
    if "万元" in text:
        return "万元"
    return "元" if "单位：元" in text.replace(" ", "") else ""


class _HtmlText:
    """Text per block element (p, li, headings, caption) and per table row (cells joined by a space),
    as lxml's HTML parser (libxml2) reports the elements: in time linear in the page (Python's
    html.parser takes time growing with the square of some malformed pages: a 32 KB start tag of
    many attributes took seconds), closing the elements HTML lets a page leave open (<td>, <p>)."""

    BLOCKS = frozenset({"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "caption", "div", "title", "td", "th", "tr"})

    def __init__(self) -> None:
        self.lines: list[Line] = []
        self.buffer: list[str] = []
        self.cells: list[str] | None = None
        self.unit = ""
        self.skip = 0

    def start(self, name: str | bytes, attrib: object) -> None:
        tag = _str(name)
        if tag in ("script", "style"):
            self.skip += 1
        elif tag == "tr":
            self.flush()
            self.cells = []
        elif tag == "table":
            self.unit = ""
        elif tag in ("td", "th"):
            self.buffer = []
        elif tag in self.BLOCKS or tag == "br":
            self.flush()

    def end(self, name: str | bytes) -> None:
        tag = _str(name)
        if tag in ("script", "style"):
            self.skip = max(0, self.skip - 1)
        elif tag in ("td", "th") and self.cells is not None:
            self.cells.append("".join(self.buffer).strip())
            self.buffer = []
        elif tag == "tr" and self.cells is not None:
            self.add(Line(len(self.lines) + 1, " ".join(self.cells), self.unit))
            self.cells = None
        elif tag in self.BLOCKS:
            self.flush()

    def data(self, data: str | bytes) -> None:
        if not self.skip:
            self.buffer.append(_str(data))

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


def _html_lines(text: str, path: Path) -> list[Line]:
    from lxml import etree  # deferred: lxml costs 9 ms at start-up, needed only for an HTML draft

    if not text.strip():
        return []
    target = _HtmlText()
    try:  # huge_tree: else libxml2 drops the rest of a page after a text of over 10 MB, saying nothing
        etree.fromstring(text, etree.HTMLParser(target=target, no_network=True, huge_tree=True))
    except _TooLong:
        raise _too_long(path) from None
    except (etree.LxmlError, ValueError) as exc:
        raise _refuse(path, f"不能读取这个 HTML 草稿：{exc}") from None
    return target.lines


def _str(value: str | bytes) -> str:
    """lxml reports a page given as str in str."""
    return value if isinstance(value, str) else value.decode("utf-8", errors="replace")


class _TooLong(Exception):
    """More than MAX_DRAFT_LINES lines: raised by the parser's target, out through the parser."""
