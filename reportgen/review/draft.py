"""A draft to review, as numbered lines of text: a .txt (text extracted from a PDF, as the seeds
are), a .docx (any Word document: paragraphs and table rows, through the DOCX reader), an .html,
or a .pdf (through poppler's ``pdftotext -layout``). The line numbers are what a reviewer finds
the figure by: the file's own lines for text and PDF, paragraphs and table rows for DOCX and HTML."""

from __future__ import annotations

import html.parser
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from reportgen.errors import Finding, SourceError
from reportgen.source.inputs import InputRefused, read_bounded

MAX_DRAFT_BYTES = 20 * 1024 * 1024
PDFTOTEXT_SECONDS = 120


@dataclass(frozen=True)
class Line:
    number: int
    text: str
    table_unit: str = ""  # 元 / 万元 where the line is a row of a table whose unit is known


def read_draft(path: Path) -> list[Line]:
    """The draft's lines; a SourceError (in Chinese) when it cannot be read."""
    suffix = path.suffix.lower()
    if suffix == ".docx":
        return _docx_lines(path)
    if suffix == ".pdf":
        return _text_lines(_pdf_text(path))
    data = _read(path)
    text = _decode(data, path)
    if suffix in (".html", ".htm"):
        return _html_lines(text)
    return _text_lines(text)


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


def _text_lines(text: str) -> list[Line]:
    return [Line(number, line) for number, line in enumerate(text.splitlines(), start=1)]


def _pdf_text(path: Path) -> str:
    program = shutil.which("pdftotext")
    if program is None:
        raise _refuse(path, "读取 PDF 需要 poppler 的 pdftotext：请安装 poppler-utils（scripts/setup 会安装），"
                            "或先把 PDF 另存为文字")
    _read(path)  # a regular file of bounded size, as any input
    try:
        done = subprocess.run([program, "-layout", "-enc", "UTF-8", str(path), "-"], capture_output=True,
                              timeout=PDFTOTEXT_SECONDS, check=False)
    except subprocess.TimeoutExpired:
        raise _refuse(path, f"pdftotext 在 {PDFTOTEXT_SECONDS} 秒内没有读完这个 PDF") from None
    if done.returncode != 0:
        raise _refuse(path, "pdftotext 不能读取这个 PDF（是否损坏或加密？）")
    return done.stdout.decode("utf-8", errors="replace")


def _docx_lines(path: Path) -> list[Line]:
    from reportgen.document import Heading, Paragraph, Table, Title
    from reportgen.readers.docx import read_docx

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


class _HtmlText(html.parser.HTMLParser):
    """Text per block element (p, li, headings, caption) and per table row (cells joined by a space)."""

    BLOCKS = frozenset({"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "caption", "div", "title", "td", "th", "tr"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[Line] = []
        self.buffer: list[str] = []
        self.cells: list[str] | None = None
        self.unit = ""
        self.skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
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

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self.skip = max(0, self.skip - 1)
        elif tag in ("td", "th") and self.cells is not None:
            self.cells.append("".join(self.buffer).strip())
            self.buffer = []
        elif tag == "tr" and self.cells is not None:
            self.lines.append(Line(len(self.lines) + 1, " ".join(self.cells), self.unit))
            self.cells = None
        elif tag in self.BLOCKS:
            self.flush()

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.buffer.append(data)

    def flush(self) -> None:
        text = " ".join("".join(self.buffer).split())
        self.buffer = []
        if text and self.cells is None:
            unit = _unit_of(text)
            if unit and ("单位" in text):
                self.unit = unit
            self.lines.append(Line(len(self.lines) + 1, text))


def _html_lines(text: str) -> list[Line]:
    parser = _HtmlText()
    parser.feed(text)
    parser.close()
    parser.flush()
    return parser.lines
