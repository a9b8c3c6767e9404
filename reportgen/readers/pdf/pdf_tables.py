"""A published PDF's tables as grids, and all its lines of text for the narrative.

A budget system prints each sheet of its workbook to PDF (WPS 表格 / WPS Office); a 决算 made in
Word or WPS 文字 prints its tables much the same way. The text layer has no cell borders, only
words at positions: poppler's ``pdftotext -bbox-layout`` gives every word with its box (a line of
Chinese prose is one word, the cells of a table separate words) and reads a 30-page budget in
0.03 s, where pdfplumber (pdfminer) takes about a second (measured by bench/import_pdf.py, since retired: bench/README.md).

From the words:

* Lines: a page's words grouped by their vertical centre (a word joins a line when its centre is
  within half a height of the line's first word's), top to bottom; a line's number on its page is
  what a reader counts. Header cells set half a line apart (事业单位 / 经营收入) are lines of their
  own, as printed.
* Page furniture (``furniture_lines``): a page number (10, — 10 —, 第10页 共30页) alone on a page's first or
  last line, and a running header or footer (the same text, figures aside, at one height at the top
  or bottom of most pages), each set apart from the text, is never a table's line.
* Titles: a short line ending in 表 (or 表 and a bracketed note; no sentence punctuation) with a
  caption line under it: 编制部门：… / 编制单位：… or one that holds 单位：. The budgets also set
  the title larger (18 pt against 12), the 决算 do not; every printed table has its caption, and
  a table of contents or a part's heading (…年度部门决算表) never has one.
* Tables: a title, its caption and the lines under it, up to the next title or a paragraph (a long
  line without a column gap that is not a note: 注：, 说明：, and the lines a note runs on to).
  The next page continues it when it begins, before any title or prose, with a line that has a
  column gap, or with an item (an amount, a code, 一、…) set where the table set its items, or
  with the table's title and caption again (title rows printed on every page); a note ends it.
* A table too wide for its page, printed in column halves on pages in turn (``side_of``): the next page's lines
  at the heights of the table's rows, its header its own and each row printing figures only or the row's labels
  again, are more columns of those rows — joined beside them (labels printed again dropped), each word where
  it is printed (Grid.side_places); rows that do not line up one for one are not joined, and neither half is
  read for sure (Grid.unjoined).
* Header and body: the header is the lines between the caption and the first with a number, a
  numbered item (一、…) or a 合计 alone (an empty table's); a year (2022 年预算数) is not a number. A
  page that continues a table drops the lines that repeat its title, caption and header: word for
  word, or the same characters over about as many lines (words parted or grouped otherwise). The
  words of one header cell that pdftotext parts (letter-spaced 项　目, text wrapped over lines 一般公共预
  / 算资金) are joined into one (tables/header_words.py), on the row of its first line.
* Body rows: a line with text in one cell only, no code and no figure, continues a name wrapped in
  its cell (the row above, or below when it starts at that name's indent or is nearer its figures) — but
  not where it and that row each print a whole row's name of the templates that together make none
  (row_names.yaml: 其他非税收入 over 小计 80.00 are two rows);
  a merged cell's text printed centred over its rows on a line of its own goes to the first of them.
* Columns (``_columns``), per table over all its pages: where no body word is printed, or only a
  few across a gap many lines leave open (a name run on into an empty cell), is a gap between
  columns; a gap narrower than a space is a space within a cell, but for one just after amounts.
  A column of amounts is right-aligned and its cell ends just after them; a column of text is
  left-aligned and its cell starts just before it; codes and centred words are cut halfway, or
  where the headers centred over two cells put their common edge. A header word is placed by its
  centre; header words beyond the body's columns, or two in one cell side by side (on one line, or
  at heights that overlap with nothing under either, or one over the cell's amounts and one beside it
  over none), head columns the body leaves empty (an empty table's columns are all its header's). A header word printed
  across several cells, or centred over cells headed again below it at one height (its
  sub-headers), is a merged range, in its first cell, as in the workbook; so is a title centred
  over the table.
* Cells are text, as printed; an amount printed against the next label (91,016,775.35一、…) is cut
  from it by character class, at a width estimated from the word's box.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import NoReturn

from reportgen.base.patterns import regex
from reportgen.readers.grid import Grid, ImportRefused
from reportgen.readers.pdf.pdf_words import Pages, PdfNotRead, pdf_words
from reportgen.readers.pdf.pdf_words import Word as _Word
from reportgen.readers.pdf.tables.extents import printed_tables
from reportgen.readers.pdf.tables.furniture import page_furniture
from reportgen.readers.pdf.tables.grid import grid_of
from reportgen.readers.pdf.tables.lines import Chunk, Line, PdfLine, Table
from reportgen.readers.pdf.tables.ruled_forms import ruled_forms

# Words in all: a 30-page budget has about 2,000, the longest disclosure a few tens of thousands.
# Finding a table's columns takes time growing with its words times its columns.
MAX_WORDS = 200_000
_TAIL = 1024  # a PDF's %%EOF is within its last 1024 bytes, as PDF readers look for it
# Characters a text layer without a usable font encoding yields: the replacement character, the
# private use area, C0 controls. Past this share of all characters the text layer is not text.
_GARBLED_SHARE = 0.2
_GARBLED = regex(r"[\ufffd\ue000-\uf8ff\x00-\x1f]")


@dataclass
class PdfDocument:
    file: str
    grids: list[Grid]
    lines: list[PdfLine]
    pages: int
    pages_without_text: list[int] = field(default_factory=list)  # pictures only (a scanned page)
    # the forms of label and value cells on pages no table is printed on, read from the lines drawn between their
    # cells (tables/ruled_forms.py): apart from the tables, for the import to hold as printed where numbered
    forms: list[Grid] = field(default_factory=list)


def read_pdf(path: Path, data: bytes, within: tuple[int, int] | None = None) -> PdfDocument:
    """The tables (one Grid each, kind "pdf") and the lines of the PDF ``data`` read from ``path``;
    ``within``: the pages (first, last) of one disclosure of several the file holds, whose tables alone are
    read (importing/in_one_file.py: no table runs on into the next disclosure's 目录).
    Raises ImportRefused (naming the file) for a file that is not a whole PDF, an encrypted or
    damaged one, one whose text layer is missing (a scan) or unreadable."""
    check_bytes(path, data)
    try:
        pages = pdf_words(path, data, lambda message: _refuse(path, message), "未导入")
    except PdfNotRead as exc:
        failed(path, data, exc.errors)
    _check_text(path, pages, data)
    lines, furniture = page_furniture(pages)  # (as the reviewer's text read them a moment before)
    printed = [[line for line in page if id(line) not in furniture] for page in lines]  # its margins' lines dropped
    again = _printed_again(printed)
    tables = printed_tables(_pages_read(printed, again, within))
    grids = [grid_of(table, str(path)) for table in tables]
    _scanned_tables(pages, grids, tables)
    if grids:  # what the file's pages tell: one printed twice over, scans left unread, its structure rebuilt …
        grids[0].notes.extend(_file_notes(path, pages, again))
    owner = _owners(tables, printed, again, grids)
    return PdfDocument(
        str(path), grids,
        [line.public(owner.get(id(line.words[0]))) for page in lines for line in page],
        len(pages), [number for number, words in enumerate(pages, start=1) if not words],
        ruled_forms(data, _pages_read(printed, again, within), _pages_of(tables), str(path)))


def _pages_of(tables: list[Table]) -> set[int]:
    """The pages the tables are printed on (their columns continued on too)."""
    return {line.page for table in tables for chunk in [*table.chunks, Chunk(table.beside)] for line in chunk.lines}


def _pages_read(printed: list[list[Line]], again: list[int], within: tuple[int, int] | None) -> list[list[Line]]:
    """The pages whose tables are read: a page printed again, or outside the disclosure ``within``, left empty."""
    return [[] if number in again or not _within(number, within) else page
            for number, page in enumerate(printed, start=1)]


def _scanned_tables(pages: list[list[_Word]], grids: list[Grid], tables: list[Table]) -> None:
    """A table on a page read by OCR: its columns not read for sure (each grid's ``scanned`` pages)."""
    if isinstance(pages, Pages) and pages.scanned:
        for grid, table in zip(grids, tables, strict=True):
            grid.scanned = tuple(sorted({line.page for chunk in table.chunks for line in chunk.lines} & pages.scanned))


def _file_notes(path: Path, pages: list[list[_Word]], again: list[int]) -> list[str]:
    """What the reading of a file's pages tells with its tables: pages printed twice over (their tables read once),
    scanned pages left unread and why, its structure damaged and rebuilt, pages lost to its damage."""
    notes = [_again_note(path, again)] if again else []
    if not isinstance(pages, Pages):
        return notes
    if pages.not_scanned:
        notes.append(_unscanned_note(path, pages.not_scanned))
    if pages.rebuilt:
        notes.append(f"{path}：{pages.rebuilt}")
    if pages.damaged:
        notes.append(f"{path}：{pages.damaged}")
    return notes


def _owners(tables: list[Table], printed: list[list[Line]], again: list[int], grids: list[Grid]) -> dict[int, int]:
    """The table (its index) of each printed line, by the id of its first or last word (a title wrapped over two
    lines is one line of its table: wrapped_title); a page printed again's lines the table's of the lines they
    repeat, never prose, their places told in its grid's ``again_places``."""
    owner = {id(word): index for index, table in enumerate(tables)
             for line in [*(line for chunk in table.chunks for line in chunk.lines), *table.beside]
             for word in line.words[:1] + line.words[-1:]}
    for number in again:
        for line, first in zip(printed[number - 1], printed[number - 2], strict=True):
            if (index := owner.get(id(first.words[0]))) is not None:
                owner[id(line.words[0])] = index
                grids[index].again_places += (f"第{line.page}页 第{line.number}行",)
    return owner


def _within(page: int, within: tuple[int, int] | None) -> bool:
    return within is None or within[0] <= page <= within[1]


# --- messages -------------------------------------------------------------------------------------


def _printed_again(pages: list[list[Line]]) -> list[int]:
    """The pages (1-based) that print the page before them again, line for line (its page number aside: a
    page printed twice over, the second copy a continuation of the table to a reader of pages): never read twice."""
    return [number for number, (before, page) in enumerate(zip(pages, pages[1:], strict=False), start=2)
            if len(page) >= _AGAIN_LINES and [line.text for line in page] == [line.text for line in before]]


_AGAIN_LINES = 3  # lines a page prints at least to be told printed again (a blank or near-blank page is not)


def _again_note(path: Path, again: list[int]) -> str:
    pages = "、".join(f"第{number}页" for number in again)
    return f"{path}：{pages}与前一页逐行相同（同一页印了两次）：其中的表格只读取一次"


def _unscanned_note(path: Path, why: str) -> str:
    return f"{path}：有扫描页没有识别，其中的文字与数字未读取：{why}"


def _refuse(path: Path, message: str) -> ImportRefused:
    return ImportRefused(f"{path}：{message}")


def check_bytes(path: Path, data: bytes) -> None:
    """A PDF: its header at the start. One without %%EOF at its end (a download cut short loses it;
    pdftotext would read what is left and say nothing) is rebuilt before it is read, and its pages
    lost told (readers/pdf_rebuild.py), or refused (``failed``). Its size is bounded as every
    published file's is (readers/published.py)."""
    if b"%PDF-" not in data[:_TAIL]:
        raise _refuse(path, "不是 PDF 文件（开头没有 %PDF- 标记）：请选择公开的 PDF，或预算系统导出的 Excel 表")


def _check_text(path: Path, pages: list[list[_Word]], data: bytes) -> None:
    words = [word.text for page in pages for word in page]
    if len(words) > MAX_WORDS:
        raise _refuse(path, f"PDF 中有 {len(words)} 个词，超过 {MAX_WORDS} 个，不像一份部门预算公开文本；未导入")
    if not words and not _draws(data):  # no text and nothing drawn: blank pages, not a scan
        raise _refuse(path, f"{len(pages)} 页都是空白页（没有文字，也没有图片）：请提交印有预算公开文本的 PDF")
    if not words:
        missing = _why_unscanned(pages)
        raise _refuse(path, f"是扫描件，没有文字层（{len(pages)} 页都读不出文字）：无法识别其中的表格；"
                            + (f"{missing}；" if missing else "")
                            + "请用预算系统导出的 Excel 表，或从 WPS/Word 直接导出（而非扫描）的 PDF")
    text = "".join(words)
    bad = len(_GARBLED.findall(text))
    if bad > _GARBLED_SHARE * len(text):
        raise _refuse(path, f"文字层是乱码（{bad} / {len(text)} 个字符无法识别，字体缺少编码信息）：无法导入；"
                            "请用预算系统导出的 Excel 表，或重新导出的 PDF")


def _why_unscanned(pages: list[list[_Word]]) -> str:
    """Why the pages that are scans were not read by OCR; "" where it is not told."""
    return pages.not_scanned if isinstance(pages, Pages) and pages.not_scanned else ""


def _draws(data: bytes) -> bool:
    """Whether a page of the PDF ``data`` draws anything at all (an image, a path: a scan's page does);
    where that cannot be told, it is taken to."""
    import pikepdf  # deferred: a PDF without text only

    try:
        with pikepdf.open(io.BytesIO(data)) as pdf:
            return any(pikepdf.parse_content_stream(page) for page in pdf.pages)
    except Exception:  # noqa: BLE001 — a PDF qpdf cannot follow: not said to be blank
        return True


def failed(path: Path, data: bytes, err: bytes) -> NoReturn:
    """Why pdftotext could not read the PDF ``data``, refused."""
    if b"/Encrypt" in data:
        raise _refuse(path, "PDF 文件已加密（需要密码才能打开），无法读取其中的文字：请取消密码后另存，再导入")
    if b"%%EOF" not in data[-_TAIL:]:  # cut short, and not rebuilt (readers/pdf_rebuild.py): its pages unknown
        raise _refuse(path, "PDF 文件不完整（结尾缺少 %%EOF，可能下载或复制时被截断），其中的页无法确定地重建："
                            "请重新获取完整的文件后再导入")
    if b"the last page (0)" in err:  # poppler: “Wrong page range given: the first page (1) can not be after the last page (0)”
        raise _refuse(path, "PDF 文件中没有任何一页（页数为 0），没有可读的内容：请重新导出完整的文件后再导入")
    detail = err.decode("utf-8", errors="replace").strip().splitlines()
    said = f"（pdftotext：{detail[-1][:120]}）" if detail else ""
    raise _refuse(path, f"pdftotext 无法读取这个 PDF，文件可能已损坏{said}：请重新获取文件后再导入")
