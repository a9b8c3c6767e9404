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
* Page furniture (``_furniture``): a page number (10, — 10 —, 第10页 共30页) alone on a page's first or
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
* A table too wide for its page, printed in column halves on pages in turn (``_side``): the next page's lines
  at the heights of the table's rows, its header its own and each row printing figures only or the row's labels
  again, are more columns of those rows — joined beside them (labels printed again dropped), each word where
  it is printed (Grid.side_places); rows that do not line up one for one are not joined, and neither half is
  read for sure (Grid.unjoined).
* Header and body: the header is the lines between the caption and the first with a number, a
  numbered item (一、…) or a 合计 alone (an empty table's); a year (2022 年预算数) is not a number. A
  page that continues a table drops the lines that repeat its title, caption and header: word for
  word, or the same characters over about as many lines (words parted or grouped otherwise). The
  words of one header cell that pdftotext parts (letter-spaced 项　目, text wrapped over lines 一般公共预
  / 算资金) are joined into one (pdf_header.py), on the row of its first line.
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

import bisect
import functools
import io
import itertools
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import NoReturn

import yaml

from reportgen.base.patterns import regex
from reportgen.readers.grid import Cell, Grid, ImportRefused, Merge
from reportgen.readers.pdf.pdf_header import header_lines
from reportgen.readers.pdf.pdf_words import Pages, PdfNotRead, lines_of_pages, pdf_words
from reportgen.readers.pdf.pdf_words import Word as _Word

# Words in all: a 30-page budget has about 2,000, the longest disclosure a few tens of thousands.
# Finding a table's columns takes time growing with its words times its columns.
MAX_WORDS = 200_000
_TAIL = 1024  # a PDF's %%EOF is within its last 1024 bytes, as PDF readers look for it
# Characters a text layer without a usable font encoding yields: the replacement character, the
# private use area, C0 controls. Past this share of all characters the text layer is not text.
_GARBLED_SHARE = 0.2
_GARBLED = regex(r"[\ufffd\ue000-\uf8ff\x00-\x1f]")


@dataclass(frozen=True, slots=True)
class PdfLine:
    """A printed line of text, in reading order."""

    page: int  # 1-based
    number: int  # 1-based, counted on its page top to bottom
    text: str  # its words, in order, joined by a space
    left: float  # its box in points from the page's top left
    top: float
    right: float
    bottom: float
    size: float  # the height of its tallest word: a title is set larger than the text
    table: int | None = None  # the index in PdfDocument.grids of the grid it is a row of

    @property
    def place(self) -> str:
        return f"第{self.page}页 第{self.number}行"


@dataclass
class PdfDocument:
    file: str
    grids: list[Grid]
    lines: list[PdfLine]
    pages: int
    pages_without_text: list[int] = field(default_factory=list)  # pictures only (a scanned page)


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
    lines = [_lines_of(number, printed) for number, printed in enumerate(lines_of_pages(pages), start=1)]
    printed = _without_furniture(lines)
    again = _printed_again(printed)
    tables = _tables(_pages_read(printed, again, within))
    grids = [_grid(table, str(path)) for table in tables]
    _scanned_tables(pages, grids, tables)
    if grids:  # what the file's pages tell: one printed twice over, scans left unread, its structure rebuilt …
        grids[0].notes.extend(_file_notes(path, pages, again))
    owner = _owners(tables, printed, again, grids)
    return PdfDocument(
        str(path), grids,
        [line.public(owner.get(id(line.words[0]))) for page in lines for line in page],
        len(pages), [number for number, words in enumerate(pages, start=1) if not words])


def _without_furniture(lines: list[list[_Line]]) -> list[list[_Line]]:
    """Each page's printed lines, those in its margins (a page number, a running header: ``_furniture``) dropped."""
    furniture = _furniture(lines)
    return [[line for line in page if id(line) not in furniture] for page in lines]


def _pages_read(printed: list[list[_Line]], again: list[int], within: tuple[int, int] | None) -> list[list[_Line]]:
    """The pages whose tables are read: a page printed again, or outside the disclosure ``within``, left empty."""
    return [[] if number in again or not _within(number, within) else page
            for number, page in enumerate(printed, start=1)]


def _scanned_tables(pages: list[list[_Word]], grids: list[Grid], tables: list[_Table]) -> None:
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


def _owners(tables: list[_Table], printed: list[list[_Line]], again: list[int], grids: list[Grid]) -> dict[int, int]:
    """The table (its index) of each printed line, by the id of its first or last word (a title wrapped over two
    lines is one line of its table: _wrapped_title); a page printed again's lines the table's of the lines they
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


def _printed_again(pages: list[list[_Line]]) -> list[int]:
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


# --- lines -----------------------------------------------------------------------------------------


@dataclass(slots=True)
class _Line:
    page: int
    number: int
    words: list[_Word]  # never changed: a line of other words is another _Line
    side: str = ""  # where the words of a table's columns continued on the next page were printed (第4页 第6行)
    # of a row banded from several printed lines (_banded): each line's number, top and bottom
    band: tuple[tuple[int, float, float], ...] = ()
    text: str = field(init=False)  # its words, a space apart
    size: float = field(init=False)  # its tallest word's height
    top: float = field(init=False)  # its highest word's top and lowest word's bottom
    bottom: float = field(init=False)

    def __post_init__(self) -> None:
        words = self.words
        if len(words) == 1:  # a line of prose is one word
            word = words[0]
            self.text, self.size, self.top, self.bottom = word.text, word.bottom - word.top, word.top, word.bottom
            return
        self.text = " ".join([word.text for word in words])
        self.size = max([word.bottom - word.top for word in words])
        self.top = min([word.top for word in words])
        self.bottom = max([word.bottom for word in words])

    def gap(self) -> float:
        """The widest space between two of its words, in line heights (0 for one word)."""
        spaces = [b.left - a.right for a, b in zip(self.words, self.words[1:], strict=False)]
        return max(spaces, default=0.0) / self.size

    def public(self, table: int | None) -> PdfLine:
        words = self.words
        return PdfLine(self.page, self.number, self.text, min([w.left for w in words]), self.top,
                       max([w.right for w in words]), self.bottom, self.size, table)


def _lines_of(page: int, printed: list[list[_Word]]) -> list[_Line]:
    """The page's printed lines (readers/pdf_words.py), numbered on the page as a reader counts them."""
    return [_Line(page, number, line) for number, line in enumerate(printed, start=1)]


# --- page furniture --------------------------------------------------------------------------------

_DASHES = "-—–－_·•~～ \u3000"
_FURNITURE_GAP = 0.5  # line heights between furniture in the margin and the page's text, at least
_RUNNING_SHARE = 0.5  # a running header or footer is printed on at least this share of the pages …
_RUNNING_PAGES = 3  # … and on three at least
_RUNNING_SHIFT = 2.0  # points: how far apart one running line may be printed on two pages


def running_lines(pages: list[list[_Word]]) -> set[tuple[int, int]]:
    """The (page, line on the page) of a PDF's running headers and footers (_furniture, its page numbers aside): page
    furniture, never words of its text (苏州市应急管理局 2026: “苏州市应急管理局2026年度部门预算公开” over each page, read
    into the 职责 sentence a page break cut: “监督事故查苏州市应急管理局2026年度部门预算公开处和责任追究”)."""
    lines = [_lines_of(number, printed) for number, printed in enumerate(lines_of_pages(pages), start=1)]
    furniture = _furniture(lines)
    found = [line for page in lines for line in page if id(line) in furniture and not _is_page_number(line.text)
             and not _is_number_line(line)]  # a table's number over its page (深圳's 表3, 烟台's 公开表3) numbers a table
    pages_of: dict[str, set[int]] = {}
    for line in found:
        pages_of.setdefault("".join(line.text.split()), set()).add(line.page)
    return {(line.page, line.number) for line in found if len(pages_of["".join(line.text.split())]) >= _RUNNING_PAGES}


def _furniture(pages: list[list[_Line]]) -> set[int]:
    """The lines (by id) printed in a page's margin, never a table's: a page number (10, — 10 —,
    第 10 页, 第10页 共30页, 10/30) alone on the page's first or last line, and a running header or
    footer: the same text (its figures aside) at the top or bottom of most pages, at one height.
    Either is set apart from the page's text by a line's height at least."""
    found: set[int] = set()
    edges: dict[tuple[str, str], list[_Line]] = {}
    for lines in pages:
        for side, position in (("top", 0), ("bottom", len(lines) - 1)):
            line = _margin_line(lines, side, position, found)
            if line is not None and not is_table_title(line.text) and not _is_caption(line):
                edges.setdefault((side, _masked(line.text)), []).append(line)
    least = max(_RUNNING_PAGES, _RUNNING_SHARE * sum(1 for lines in pages if lines))
    for group in edges.values():
        found.update(id(line) for line in _running_lines(group, least))
    return found


def _margin_line(lines: list[_Line], side: str, position: int, found: set[int]) -> _Line | None:
    """The page's first or last line (``side``) where it is set apart from the text, or the line
    beyond a page number there (a footer's page number under its text), that page number added to
    ``found``; None where there is none."""
    if not lines or not _set_apart(lines, position):
        return None
    line = lines[position]
    if not _is_page_number(line.text):
        return line
    found.add(id(line))
    position += 1 if side == "top" else -1
    if not 0 <= position < len(lines) or not _set_apart(lines, position, skip=found):
        return None
    return lines[position]


def _running_lines(group: list[_Line], least: float) -> list[_Line]:
    """The lines of one text at one page edge that are a running header or footer: printed at one
    height (within a shift) on ``least`` pages at least; none where they are fewer."""
    if len(group) < least:
        return []
    tops = sorted(line.words[0].top for line in group)
    middle = tops[len(tops) // 2]
    same = [line for line in group if abs(line.words[0].top - middle) <= _RUNNING_SHIFT]
    return same if len(same) >= least else []


def _set_apart(lines: list[_Line], position: int, skip: set[int] | None = None) -> bool:
    """Whether the line at ``position`` (the first or last of its page's text, ``skip`` aside) is a
    line's height at least from the text next to it."""
    line = lines[position]
    skipped = skip or set()
    gap = _edge_gap(line, [other for other in lines if other is not line and id(other) not in skipped])
    height = min(w.height for w in line.words)  # a dash's box (— 10 —) is taller than the text's
    return gap is None or gap >= _FURNITURE_GAP * height


def _edge_gap(line: _Line, others: list[_Line]) -> float | None:
    """The space between a line and the text on its one side: None where no text is beside it,
    minus infinity where text is both above and below it (it is not at the page's edge)."""
    top, bottom = line.top, line.bottom
    above = [o.bottom for o in others if o.top < top]
    below = [o.top for o in others if o.top > top]
    if above and below:
        return float("-inf")
    if above:
        return top - max(above)
    return min(below) - bottom if below else None


def _is_page_number(text: str) -> bool:
    """10, — 10 —, - 10 -, 第 10 页, 第10页 共30页, 10/30, 10 / 30, Page 10: a page's number alone."""
    bare = "".join(char for char in text if char not in _DASHES)
    if bare.lower().startswith("page"):
        bare = bare[4:]
    if bare.startswith("第") and "页" in bare:
        head, _, rest = bare[1:].partition("页")
        bare = head + ("/" + rest[1:-1] if rest.startswith("共") and rest.endswith("页") else rest)
    number, slash, total = bare.replace("／", "/").partition("/")
    return _plain(number) and (not slash or _plain(total))


def _plain(text: str) -> bool:
    return 0 < len(text) <= 4 and text.isascii() and text.isdigit()


def _masked(text: str) -> str:
    """A line's text without spaces, each run of digits as one #: a running line's page or date aside."""
    out: list[str] = []
    for char in text:
        if char.isspace():
            continue
        if char.isascii() and char.isdigit():
            if not out or out[-1] != "#":
                out.append("#")
        else:
            out.append(char)
    return "".join(out)


# --- tables ----------------------------------------------------------------------------------------

_CAPTION_STARTS = ("编制部门", "编制单位")
_NOTE_STARTS = ("注", "说明")  # each followed by a colon (or a space); or 备注
_NOTE_HEADS = (*_NOTE_STARTS, "备注")
_TITLE_ENDS = ("表", "）", ")")  # a title's last character, its spaces aside
_COLONS = "：: "
_TOTALS = ("合计", "总计")
_TITLE_MAX = 60  # characters: a title is a name, not a sentence
_PROSE_MIN = 25  # characters on a line with no column gap: a paragraph's line, not a table's
_COLUMN_GAP = 1.0  # line heights between two words: a gap between cells, not a space in a sentence
_SENTENCE = frozenset("，。；！？")


def _is_caption(line: _Line) -> bool:
    """编制部门：…, 编制单位：…, a line that names the unit (单位：元), or one that names the department and
    no more (部门名称：江苏省人大 over 单位:万元 and 常委会办公厅: the name wrapped, the unit on a line between)."""
    text = line.text.replace(" ", "")
    at = text.find("单位")
    while at >= 0 and not _labelled(text[at:at + 3], "单位"):
        at = text.find("单位", at + 1)
    return text.startswith(_CAPTION_STARTS) or at >= 0 or any(_labelled(text, label) for label in _OWNER_LABELS)


_OWNER_LABELS = ("部门名称", "单位名称", "部门")


def _labelled(text: str, label: str) -> bool:
    """Whether ``text`` starts with ``label`` and a colon (or a space)."""
    return text.startswith(label) and text[len(label):len(label) + 1] in _COLONS and len(text) > len(label)


def is_table_title(text: str) -> bool:
    """Whether a line reads as a table's title: short, not a sentence, ending in 表 (or 表 and a
    bracketed note: （续）, （按功能分类）)."""
    if text.rstrip(" \u3000")[-1:] not in _TITLE_ENDS:  # most lines: not even ending as a title does
        return False
    text = text.replace(" ", "").replace("\u3000", "")
    if text.endswith(("）", ")")):
        text = text[:max(text.rfind("（"), text.rfind("("))]
    return text.endswith("表") and len(text) <= _TITLE_MAX and not _SENTENCE & set(text)


def _is_title(line: _Line, following: _Line | None) -> bool:
    return (following is not None and following.page == line.page and is_table_title(line.text)
            and _is_caption(following))


def _is_note(line: _Line) -> bool:
    text = line.text.lstrip()
    if not text.startswith(_NOTE_HEADS):  # most lines: none of the words a note starts with
        return False
    return any(_labelled(text, label) for label in _NOTE_STARTS) or text.startswith("备注")


def _is_prose(line: _Line) -> bool:
    """A line of a paragraph: no gap between columns, and long or a sentence's end; never a line of two
    cells or more that each name a code (“50999-其他对个人和家庭的补 30399-其他对个人和家庭的补”: 北京's
    支出总表 sets its label columns that close where a name runs on to a second line)."""
    return line.gap() < _COLUMN_GAP and (len(line.text) >= _PROSE_MIN or "。" in line.text) and not _is_note(line) \
        and sum(1 for word in line.words if _CODE_NAMED.match(word.text)) < 2


_CODE_NAMED = regex(r"^\d{3,7}-\D")  # a cell of a code and its name, as 北京 prints them (2050802-干部教育)


def _is_tabular(line: _Line) -> bool:
    return line.gap() >= _COLUMN_GAP


@dataclass
class _Chunk:
    """A table's lines on one page: ``head`` of them are its title, caption and header (first page)
    or the header repeated (a continuation page: dropped)."""

    lines: list[_Line]
    head: int = 0
    notes: int = 0  # the last ``notes`` lines are notes under the table
    sided: bool = False  # joined with the columns the next page printed for its rows (_joined_side)


@dataclass
class _Table:
    chunks: list[_Chunk]
    closed: bool = False  # a note or a paragraph ended it: the next page does not continue it
    beside: list[_Line] = field(default_factory=list)  # the lines of the pages continuing its columns, as printed
    side_left: float | None = None  # where, in its lines, the columns of the first such page begin
    side_shift: float | None = None  # how far right of where they are printed those pages' words are set
    unjoined: str = ""  # why a page continuing its columns was not joined with it

    @property
    def first(self) -> _Chunk:
        return self.chunks[0]


def _tables(pages: list[list[_Line]]) -> list[_Table]:
    """The printed tables, in order, each with its lines over one page or more."""
    tables: list[_Table] = []
    for lines in map(_number_over_title, pages):
        current = tables[-1] if tables and not tables[-1].closed else None
        index, side = _continuation(current, lines) if current is not None else (0, None)
        first_new = len(tables)
        lines = _take_tables(tables, lines, index, current)
        if current is not None and side is not None and side.why:  # each half only part of the table
            _unjoined(current, side.why, tables[first_new:], lines[:side.end])
    return tables


def _continuation(current: _Table, lines: list[_Line]) -> tuple[int, _Side | None]:
    """Where a page's own lines begin after those continuing the table before it: by columns (its rows' further
    columns, joined: _joined_side) or by rows (_take); with the columns continuing it that are not joined, and why."""
    numbered = 1 if _numbers_retitled(current, lines) else 0
    side = _side(current, lines)
    if side is not None and not side.why:
        return _joined_side(current, lines, side), None
    if numbered or _continues(current, lines) or _retitled(current, lines):
        return _take(current, lines, numbered, continuation=True), side
    return 0, side


def _take_tables(tables: list[_Table], lines: list[_Line], index: int, current: _Table | None) -> list[_Line]:
    """Adds to ``tables`` those a page begins from its line ``index`` on, each at its title, the lines between
    them narrative. Returns the page's lines, a title wrapped over two lines joined into one (_wrapped_title)."""
    while index < len(lines):
        following = lines[index + 1] if index + 1 < len(lines) else None
        if _is_title(lines[index], following) or not index and current is not None and _another_title(current, lines[0]):
            if index and (joined := _wrapped_title(lines[index - 1], lines[index])) is not None:
                index -= 1
                lines = [*lines[:index], joined, *lines[index + 2:]]
            table = _Table([])
            tables.append(table)
            index = _take(table, lines, index, continuation=False)
        else:
            index += 1  # narrative
    return lines


def _unjoined(current: _Table, why: str, new: list[_Table], side: list[_Line]) -> None:
    """A table and the columns continuing it not joined, each half only part of the table: it and each table
    begun among those columns' lines (``side``) told why."""
    current.unjoined = why
    for table in new:
        if table.first.lines[0] in side:
            table.unjoined = why


# --- a table continued by columns ---------------------------------------------------------------------

_SIDE_BASELINE = 0.25  # line heights: how far apart the baselines of a row's two halves may be printed
_SIDE_GAP = 2.0  # line heights set between a table's columns and those the next page continues it with


@dataclass
class _Side:
    """The lines ``start`` to ``end`` of a page that continue a table's page of rows ``chunk`` by columns (before
    ``start``: its title again), each paired with the index of that page's line printed at its height (``pairs``;
    None for a line of its own: a caption, a header line of its columns only). ``why`` says why the two are not
    joined where its rows do not line up with that page's, one for one."""

    chunk: int  # (a sheet printed down, then over: all its pages of rows first, then their further columns in turn)
    start: int
    end: int
    pairs: list[int | None]
    why: str = ""
    labels: float | None = None  # where its rows' figures begin, its rows' labels printed again left of it


def _side(table: _Table, lines: list[_Line]) -> _Side | None:
    """The lines at the top of the page after ``table`` that print more columns for the rows of its first page of
    rows not yet so continued (its last, where the sheet is printed over, then down): a table too wide for its page
    printed in column halves (北京市水务局 2026's 收入总表: 合计 and 本年收入 on one page, 其他收入 and 上年结转结余
    on the next, its one row at the same height on both) — its title again or none, perhaps its caption, a header
    of its own (not that page's again; none only on a later such page) and rows at that page's rows' heights, each
    printing figures only or the label (code, name) of the row it is printed beside, its first at the height of
    that page's first. None for any other page."""
    last = _rows_continued(table, lines)
    if last is None:
        return None
    body = last.lines[last.head:len(last.lines) - last.notes]
    start, end = _side_span(table, lines, body)
    side = lines[start:end]
    at = [_row_beside(line, last, body) for line in side]
    rows = _first_row(side, at, last)
    if rows is None:
        return None
    labelled = [len(_labels(line)) for line in side[rows:]]
    if _rows_again(table, last, side[:rows], side[rows:], at[rows:], labelled):
        return None  # its header again, or rows of its own: the table continued by rows, if at all
    labels = _labels_end(side[rows:], labelled)
    if any(labelled) and labels is None:
        return None
    pairs = [_head_beside(line, last, _head_from(table, last)) for line in side[:rows]] + at[rows:]
    why = _unlined(last, side[rows:], at[rows:], body)
    return _Side(table.chunks.index(last), start, end, pairs, why or _columns_collide(table, last, side, labels), labels)


def _rows_continued(table: _Table, lines: list[_Line]) -> _Chunk | None:
    """The page of rows of ``table`` a page's lines may continue by columns: its first not yet so continued, the
    page before theirs, with rows and no notes under them; None where there is none."""
    last = next((chunk for chunk in table.chunks if not chunk.sided), None)  # the pages of rows in turn
    if last is None or not lines or lines[0].page != _last_page(table) + 1:
        return None
    if not last.lines[last.head:len(last.lines) - last.notes] or last.notes:
        return None
    return last


def _side_span(table: _Table, lines: list[_Line], body: list[_Line]) -> tuple[int, int]:
    """Where the lines continuing a page of rows (``body``) by columns begin (after the table's number and title
    again) and end (after those printed down to that page's last row, and the rows of figures below it)."""
    title = _title_name(table.first.lines[0].text)
    start = 0
    while start < min(2, len(lines)) and (_is_number_line(lines[start]) or is_table_title(lines[start].text)
                                          and _title_name(lines[start].text) == title):
        start += 1
    end = start
    while end < len(lines) and (lines[end].top < body[-1].bottom or _figures(lines[end]) and not _is_note(lines[end])):
        end += 1  # and the rows printed below that page's last, which line up with none of its
    return start, end


def _first_row(side: list[_Line], at: list[int | None], last: _Chunk) -> int | None:
    """Which of the continuing lines is the first row, beside the first of the page of rows ``last``; None where
    none is, where a table's title is among them or no row of them prints a figure."""
    rows = at.index(last.head) if last.head in at else None  # its first row beside that page's first
    if rows is None or any(is_table_title(line.text) for line in side) or not any(map(_figures, side[rows:])):
        return None
    return rows


def _rows_again(table: _Table, last: _Chunk, heading: list[_Line], rows: list[_Line], at: list[int | None],
                labelled: list[int]) -> bool:
    """Whether the continuing lines print the page of rows' header again (or no header of their own on the first
    such page), or rows labelled otherwise than those they are printed beside: the table continued by rows."""
    own_head = [line for line in heading if not _is_caption(line)]
    head = [line for line in last.lines[_head_from(table, last):last.head] if not _is_caption(line)]
    if not own_head and not table.first.sided or own_head and _characters(own_head) == _characters(head):
        return True
    return _relabelled(last, rows, at, labelled)


def _relabelled(last: _Chunk, rows: list[_Line], at: list[int | None], labelled: list[int]) -> bool:
    """Whether a continuing row printing a label prints another than the row of ``last`` it is printed beside."""
    return any(k is not None and count and _labels(line) != _labels(last.lines[k])
               for line, k, count in zip(rows, at, labelled, strict=True))


def _columns_collide(table: _Table, last: _Chunk, side: list[_Line], labels: float | None) -> str:
    """Why continuing columns are not joined where, set as a page before them continued another page of rows,
    they would run into this page of rows' (``last``) columns; "" where they would not."""
    left = min(w.left for line in side for w in line.words if labels is None or w.right > labels)
    if table.side_shift is not None and left + table.side_shift <= max(w.right for line in last.lines for w in line.words):
        return _misaligned(side[0].page, last.lines[last.head].page)
    return ""


def _last_page(table: _Table) -> int:
    return max(line.page for line in [*table.chunks[-1].lines, *table.beside])


def _head_from(table: _Table, chunk: _Chunk) -> int:
    """Where a chunk's header lines begin: after its title (a table's first page), else at its top."""
    return 1 if chunk is table.first else 0


def _labels_end(rows: list[_Line], labelled: list[int]) -> float | None:
    """Where the figures of rows that print their labels again begin (left of it: their labels); None for rows
    of figures only."""
    if not any(labelled):
        return None
    return min((line.words[count].left for line, count in zip(rows, labelled, strict=True) if count < len(line.words)),
               default=None)


def _unlined(last: _Chunk, rows: list[_Line], at: list[int | None], body: list[_Line]) -> str:
    """Why the rows of a page continuing the columns of a table's page ``last`` do not line up with that page's,
    one for one (a row printed on one of them only, two at one height); "" where they do."""
    paired = [k for k in at if k is not None]
    figures = [last.head + k for k, line in enumerate(body) if _figures(line)]
    if None in at or len(set(paired)) != len(paired) or not set(figures) <= set(paired):
        return f"第{rows[0].page}页按列接续第{body[0].page}页的表，两页的行未能逐行对上"
    return ""


def _misaligned(page: int, rows: int) -> str:
    """Why a page continuing a table's page of rows by columns is not joined where its columns, set as a page
    before it continued another page of rows, would run into that page's."""
    return f"第{page}页按列接续第{rows}页的表，两页的列与此前按列接续的页未能对齐"


def _figures(line: _Line) -> bool:
    """Whether a line prints an amount or a code (a year in a header's words is neither)."""
    words = line.words
    return any(_is_number(w.text) and not _is_year(w, following)
               for w, following in zip(words, [*words[1:], None], strict=True))


def _labels(line: _Line) -> list[str]:
    """The words a row prints left of its first figure: its code and name."""
    labels = []
    for word in line.words:
        if _is_number(word.text) and not _CODE_LIKE.match(word.text):
            break
        labels.append(word.text)
    return labels


_CODE_LIKE = regex(r"^\d{3}(?:\d{2}){0,2}$")  # a 类, 款 or 项's code, printed as its row's label


def _row_beside(line: _Line, last: _Chunk, body: list[_Line]) -> int | None:
    """The index in ``last`` of its body line printed at the height of ``line`` (their baselines within a quarter
    of a line), None where there is none."""
    baseline, size = _baseline(line), line.size
    for k, other in enumerate(body):
        if abs(_baseline(other) - baseline) <= _SIDE_BASELINE * size:
            return last.head + k
    return None


def _head_beside(line: _Line, last: _Chunk, start: int) -> int | None:
    """The index in ``last`` of its caption or header line (from ``start``) printed at the height of ``line`` (their
    middles within half the lower one's height), None where there is none (a line of the continuing columns only)."""
    middle = (line.top + line.bottom) / 2
    for k, other in enumerate(last.lines[start:last.head], start=start):
        if abs((other.top + other.bottom) / 2 - middle) <= 0.5 * min(line.size, other.size):
            return k
    return None


def _joined_side(table: _Table, lines: list[_Line], side: _Side) -> int:
    """Joins the lines ``side`` of a page to ``table``'s page of rows it continues, its columns right of that
    page's as in the sheet the two were printed from: each line beside the line printed at its height, a line of
    its own where its height puts it. Returns where the page's narrative (or next table) begins."""
    last = table.chunks[side.chunk]
    printed = lines[side.start:side.end]
    kept = [[w for w in line.words if side.labels is None or w.right > side.labels]  # its rows' labels again
            for line in printed]  # (and the header over them) dropped
    words = [w for line in kept for w in line]
    shift = _side_shift(table, last, words)
    beside, own = _moved(printed, kept, side.pairs, shift)
    table.chunks[side.chunk] = _Chunk(_merged(last, beside, own), last.head + len(own), last.notes, sided=True)
    table.beside.extend(lines[:side.end])
    if table.side_shift is None:
        table.side_shift, table.side_left = shift, min(w.left for w in words) + shift
    return side.end


def _side_shift(table: _Table, last: _Chunk, words: list[_Word]) -> float:
    """How far right of where they are printed the continuing columns' ``words`` are set: as the first such page's
    were, else two line heights right of the page of rows' (``last``) columns."""
    right = max(w.right for line in last.lines for w in line.words)
    return table.side_shift if table.side_shift is not None \
        else right + _SIDE_GAP * _median([w.height for w in words]) - min(w.left for w in words)


def _moved(printed: list[_Line], kept: list[list[_Word]], pairs: list[int | None],
           shift: float) -> tuple[dict[int, _Line], list[_Line]]:
    """The continuing lines, their ``kept`` words set ``shift`` right: those beside a line of the page of rows (by
    its index), and those of their own (a caption, a header line of the continuing columns only)."""
    beside: dict[int, _Line] = {}
    own: list[_Line] = []
    for line, own_words, pair in zip(printed, kept, pairs, strict=True):
        if not own_words:
            continue
        moved = _Line(line.page, line.number, [_Word(w.left + shift, w.top, w.right + shift, w.bottom, w.text)
                                               for w in own_words])
        if pair is None:
            own.append(moved)
        else:
            beside[pair] = moved
    return beside, own


def _merged(last: _Chunk, beside: dict[int, _Line], own: list[_Line]) -> list[_Line]:
    """The lines of the page of rows ``last``, each with the continuing line printed beside it, and the continuing
    lines of their own above its body, where their height puts them (under the title)."""
    merged = [line if (other := beside.get(k)) is None
              else _Line(line.page, line.number, line.words + other.words, f"第{other.page}页 第{other.number}行")
              for k, line in enumerate(last.lines)]
    for line in own:
        merged.insert(next((k for k in range(1, len(merged)) if merged[k].top > line.top), len(merged)), line)
    return merged


def _number_over_title(lines: list[_Line]) -> list[_Line]:
    """A page's lines, a table's number printed between its title and its caption (江苏省人大常委会办公厅 2019:
    “收支预算总表” over “公开表一” over “部门：…”) taken as printed above the title, as most regions print it."""
    lines = list(lines)
    for index in range(len(lines) - 2):
        if is_table_title(lines[index].text) and _is_number_line(lines[index + 1]) and _is_caption(lines[index + 2]):
            lines[index], lines[index + 1] = lines[index + 1], lines[index]
    return lines


def _wrapped_title(previous: _Line, line: _Line) -> _Line | None:
    """A title the PDF wrapped over two lines (江苏省人民检察院 2018: “公开 09 表：一般公共预算“三公”经费、会议费、
    培训费” over “支出预算表”): the two as one line, where the first begins it — one run of words in the title's
    size, right above it and set as it is (the same left edge or centre), no sentence, caption, note or title of
    its own — and the two read as a title."""
    size = line.size
    if not _may_wrap_title(previous, line):
        return None
    first, second = previous.public(None), line.public(None)
    if min(abs(first.left - second.left), abs(first.left + first.right - second.left - second.right) / 2) > size:
        return None
    joined = _Line(line.page, previous.number, [*previous.words, *line.words])
    return joined if is_table_title(joined.text) else None


def _may_wrap_title(previous: _Line, line: _Line) -> bool:
    """Whether a line may begin the title ``line`` goes on with: on its page, right above it, in its size, and
    no row, caption, note, title or sentence of its own."""
    size = line.size
    return not (previous.page != line.page or _is_tabular(previous) or _is_caption(previous) or _is_note(previous)
                or is_table_title(previous.text) or _SENTENCE & set(previous.text)
                or abs(previous.size - size) > _WRAP_SIZE * size or line.top - previous.bottom > size)


_WRAP_SIZE = 0.1  # the share of a title's size its wrapped first line may differ by


def _retitled(table: _Table, lines: list[_Line]) -> bool:
    """A page that begins with the table's title and caption again, word for word: the sheet's
    title rows printed on every page, not a new table (another unit's table of the same name has
    its own 编制单位)."""
    return len(lines) > 1 and _texts(lines[0]) == _texts(table.first.lines[0]) \
        and _texts(lines[1]) == _texts(table.first.lines[1])


# A table's number set on a line of its own above its title (表1, 公开表2, 附表3, 预算01表; 江苏's 公开04表,
# 部门预算公开10表), as some regions print on every page of a table.
_TABLE_NUMBER_LINE = regex(
    r"^(?:部门预算|部门)?(?:附表|公开表?|预算表?|表)[\d一二三四五六七八九十]{1,3}(?:[-－—.．]\d{1,2})?表?$")


def _is_number_line(line: _Line) -> bool:
    return _TABLE_NUMBER_LINE.match(line.text.replace(" ", "").replace("\u3000", "")) is not None


def _numbers_title(lines: list[_Line], position: int) -> bool:
    """Whether the line at ``position`` is a table's number on a line of its own right above that table's
    title and caption (江苏省人大常委会办公厅 2018: “公开 04 表” under the 支出预算总表's figures, over
    “财政拨款收支预算总表”), or on the page's last line (its title on the next page): the next table's,
    never a row of the table above it."""
    if not _is_number_line(lines[position]):
        return False
    if position + 1 == len(lines):  # the page's last line: the next table's number, its title on the next page
        return True
    return position + 2 < len(lines) and _is_title(lines[position + 1], lines[position + 2])


def _numbers_retitled(table: _Table, lines: list[_Line]) -> bool:
    """A page that begins with the table's number on a line of its own, then its title and caption
    again, word for word: the table continued (表1 / 收支总表 / 部门名称：… on every page)."""
    return len(lines) > 2 and _TABLE_NUMBER_LINE.match(lines[0].text.replace(" ", "")) is not None \
        and _retitled(table, lines[1:])


def _continues(table: _Table, lines: list[_Line]) -> bool:
    """A page continues the table before it: no title before its first lines, which are a table's —
    one of the first three has a column gap, or is an item (a number, a code, 一、…) set where the
    table's last page set one; and none before it is prose."""
    last = table.chunks[-1]
    edges = [line.words[0].left for line in last.lines[last.head:len(last.lines) - last.notes]]
    for position, line in enumerate(lines[:3]):
        following = lines[position + 1] if position + 1 < len(lines) else None
        if _is_title(line, following) or _is_prose(line) or _another_title(table, line):
            return False
        if _is_tabular(line) or _item_at_edge(line.words[0], edges):
            return True
    return False


def _item_at_edge(first: _Word, edges: list[float]) -> bool:
    """Whether a line's first word is an item (a number, a code, 一、…) set where a row of the table's last page
    began (``edges``)."""
    return (_is_number(first.text) or _numbered(first.text)) and any(abs(first.left - edge) <= 1.0 for edge in edges)


def _another_title(table: _Table, line: _Line) -> bool:
    """A line that reads as the title of another table than ``table`` (its number and a bracketed note
    aside), caption or none: 北京水务局's 收入总表, too wide for its page, prints the left half of its
    columns under “预算02表 收入总表” and the caption over the right half, on the next page — a page
    beginning so is no continuation of the table before it (the 收支总表), but a table of its own."""
    return is_table_title(line.text) and _title_name(line.text) != _title_name(table.first.lines[0].text)


def _title_name(text: str) -> str:
    name = _TITLE_NUMBER.sub("", text.replace(" ", "").replace("\u3000", ""))
    return name[:max(name.rfind("（"), name.rfind("("))] if name.endswith(("）", ")")) else name


_TITLE_NUMBER = regex(r"^(?:附表|公开表|预算表?|表)[\d一二三四五六七八九十]{1,3}(?:[-－—.．]\d{1,2})?表?")


def _take(table: _Table, lines: list[_Line], start: int, continuation: bool) -> int:
    """Adds the table's lines on this page from ``start``: up to the next title, or a paragraph.
    Returns where the page's narrative (or next table) begins."""
    titled = not continuation or _retitled(table, lines[start:])
    end = _table_end(table, lines, start + (2 if titled else 0))  # a title's caption is the line after it
    chunk = _Chunk(lines[start:end])
    chunk.notes = _trailing_notes(chunk.lines)
    chunk.head = _repeated_head(table, chunk) if continuation else _head(chunk)
    table.chunks.append(chunk)
    return end


def _table_end(table: _Table, lines: list[_Line], end: int) -> int:
    """Where a table's lines on a page, from ``end``, end: at the next title, or at a paragraph (not a note's, nor a
    cell's text over its figures) — which closes the table, as a note does."""
    in_note = False
    while end < len(lines):
        line = lines[end]
        following = lines[end + 1] if end + 1 < len(lines) else None
        if _is_title(line, following) or _numbers_title(lines, end):
            break
        if _is_note(line):
            in_note = table.closed = True
        elif _is_prose(line) and not in_note and not _cell_over_figures(line, following):
            table.closed = True
            break
        elif _is_tabular(line):
            in_note = False
        end += 1
    return end


def _cell_over_figures(line: _Line, following: _Line | None) -> bool:
    """A long line with no column gap that is a cell's text of a table's row, not a paragraph's: the next line,
    set lower by less than a line (two printed lines of text never overlap), prints that row's figures, all
    right of it (烟台市教育局 2026 p. 29: “生均公用经费及运转补助-义务教育阶段特殊教育学校和随班就读残疾学” wrapped
    in its cell, its 项目类别 and figures centred on the name's two lines)."""
    return following is not None and following.page == line.page and following.top < line.bottom \
        and any(_is_number(word.text) for word in following.words) \
        and min(word.left for word in following.words) > max(word.right for word in line.words)


def _trailing_notes(lines: list[_Line]) -> int:
    """How many of the chunk's last lines are notes (a note and the lines it runs on to)."""
    for position, line in enumerate(lines):
        if _is_note(line):
            return len(lines) - position
    return 0


def _head(chunk: _Chunk) -> int:
    """The title, caption and header lines of a table's first page: up to the first line with a
    number (an amount or a code), a numbered item (一、…: a table whose amounts are all blank) or a
    合计 alone (an empty table's totals)."""
    body = len(chunk.lines) - chunk.notes
    total = None  # a 合计 alone: an empty table's totals, or a header cell set above its neighbours
    for position in range(2, body):
        words = chunk.lines[position].words
        if _figures(chunk.lines[position]) or _numbered(words[0].text):
            return _body_start(chunk, position, total)
        if total is None and words[0].text in _TOTALS and len(words) == 1:
            total = position
    return body if total is None else total


def _body_start(chunk: _Chunk, position: int, total: int | None) -> int:
    """Where a table's body begins, ``position`` its first line with figures: at a 合计 alone above it (``total``)
    but where the lines between are header words; at the line above where its label wrapped begins there."""
    if total is not None and not _all_header(chunk.lines[total + 1:position]):
        return total
    return position - 1 if _label_wrapped_above(chunk.lines, position) else position


def _label_wrapped_above(lines: list[_Line], position: int) -> bool:
    """Whether the line before ``position`` (the first with figures) is the first line of that row's label,
    wrapped in its cell and centred on its figures (深圳's 深圳市规划和自然资源局大鹏管 / 4,505.81 … / 理局):
    one word of text left of the row's figures, and the line after them one word starting where it does,
    the two lines' middle the figures' middle."""
    if position < 1 or position + 1 >= len(lines):
        return False
    above, line, below = lines[position - 1], lines[position], lines[position + 1]
    figures = [w for w in line.words if _is_number(w.text)]
    if len(above.words) != 1 or len(below.words) != 1 or len(figures) != len(line.words):
        return False
    return _label_around(above.words[0], below.words[0], figures)


def _label_around(first: _Word, last: _Word, figures: list[_Word]) -> bool:
    """Whether two words, above and below a row's ``figures``, are its label wrapped: text, starting where each
    other does, left of the figures, their middle the figures' middle."""
    middle = (min(w.top for w in figures) + max(w.bottom for w in figures)) / 2
    return not _is_number(first.text) and not _is_number(last.text) and abs(first.left - last.left) <= 1.0 \
        and first.right < figures[0].left and abs((first.top + last.bottom) / 2 - middle) <= 0.3 * first.height


def _all_header(lines: list[_Line]) -> bool:
    """Whether lines between a 合计 alone and the first line of figures are header words (the 合计 one
    of them, set higher than the cells beside it: 北京's 收入总表) rather than an empty table's rows:
    each a line of several words, none a numbered item."""
    return bool(lines) and all(len(line.words) > 1 for line in lines)


def _is_year(word: _Word, following: _Word | None) -> bool:
    """A year in a header cell (2022 年预算数: pdftotext parts the figures from the Han text), not an
    amount or a code: four digits run on to 年."""
    return (len(word.text) == 4 and word.text.isdigit() and following is not None
            and following.text.startswith("年") and following.left - word.right < 0.5 * word.height)


def _repeated_head(table: _Table, chunk: _Chunk) -> int:
    """The lines a continuation page repeats of the table's first page, to be dropped: its title and
    caption (when it begins with them again) and its header, when those lines follow exactly (the
    same words); else none."""
    titled = _retitled(table, chunk.lines)
    head = table.first.lines[0 if titled else 2:table.first.head]
    if len(chunk.lines) - chunk.notes >= len(head) and all(
            _texts(a) == _texts(b) for a, b in zip(head, chunk.lines, strict=False)):
        return len(head)
    # the same header with its words parted or its lines grouped otherwise (a cell's text set half
    # a line lower, 2022年预算数 as 2022 / 年预算数): the same characters over about as many lines
    return _regrouped_head(chunk, head, 2 if titled else 0)


def _regrouped_head(chunk: _Chunk, head: list[_Line], start: int) -> int:
    """Where the header a continuation page repeats, its words parted or its lines grouped otherwise, ends: the
    same characters as ``head`` (from ``start``) over about as many lines; ``start`` where it does not."""
    wanted = _characters(head[start:])
    if wanted:
        for count in range(max(len(head) - start - 2, 1), len(head) - start + 3):
            lines = chunk.lines[start:start + count]
            if start + count > len(chunk.lines) - chunk.notes or _head(_Chunk([*chunk.lines[:2], *lines])) < 2 + count:
                break  # a body line (an amount, a numbered item) is never the header repeated
            if _characters(lines) == wanted:
                return start + count
    return start


_NUMERALS = frozenset("一二三四五六七八九十")


def _numbered(text: str) -> bool:
    """An item numbered as a budget table's rows are: 一、 to 二十四、, or （一） to （三十） with either width of
    bracket, mixed as printed (无锡市信访局 2025 公开04表: “（九)社会保险基金支出”, a row of its own with no figure,
    never the end of the name above it)."""
    head, mark, _ = text.partition("、")
    return bool(mark) and 0 < len(head) <= 3 and all(char in _NUMERALS for char in head) \
        or _BRACKETED_ITEM.match(text) is not None


_BRACKETED_ITEM = regex(r"[（(][一二三四五六七八九十]{1,3}[）)]")


def _characters(lines: list[_Line]) -> list[str]:
    return sorted(char for line in lines for word in line.words for char in word.text if not char.isspace())


def _texts(line: _Line) -> list[str]:
    return [word.text for word in line.words]


@functools.lru_cache(maxsize=1 << 16)  # a page's words are asked about again for every column found
def _is_number(text: str) -> bool:
    """An amount or a code as printed: digits with thousands commas and a decimal point, a sign or
    a percent sign; a dash for nothing. A figure whose separators left of the last are missing
    (“125360,898”: 上海市职业能力考试院 2026) is set as a figure, right-aligned in its column; the amount
    reader (reading/amounts.py) still refuses it, and the import says why."""
    body = text.strip().removeprefix("-").removeprefix("+").removesuffix("%")
    if text.strip() in ("-", "—", "－"):
        return True
    whole, _, decimals = body.partition(".")
    if decimals and not decimals.isascii() or decimals and not decimals.isdigit():
        return False
    return _grouped(whole)


def _grouped(whole: str) -> bool:
    """Whether a figure's whole part is ASCII digits, in groups of three after the first where commas part them."""
    groups = whole.split(",")
    if not whole or not all(g.isascii() and g.isdigit() for g in groups):
        return False
    return len(groups) == 1 or (len(groups[0]) >= 1 and all(len(g) == 3 for g in groups[1:]))


# --- grids -----------------------------------------------------------------------------------------

_BIN = 0.5  # points: the resolution columns are found at
_VALLEY = 1 / 3  # a column gap crossed by a few words: at most this share of the columns on either side
_VALLEY_SUPPORT = 3  # lines on each side of such a gap, at least: a short table's gaps must be clear
_GAP = 0.6  # line heights: the narrowest gap between columns ("1. 一般公共预算资金" is one cell, 0.5 apart)
_PAD = 0.3  # line heights between a cell's edge and its text
_BAND = 0.8  # characters' sizes: baselines closer than this are of one row (_banded)
_CENTRED = 1.5  # line heights: how far a centred title or group header may be off its cells' centre
# A budget table has at most a few dozen columns and six header lines. Past these (a page of words
# that never reaches a body), the header adds no column and heads no range: the time spent on a
# header grows with its words times its columns squared.
_MAX_COLUMNS = 100
_HEADER_LINES = 10


@dataclass
class _Column:
    left: float  # the extent of its body words (of its header word, for a column the body leaves empty)
    right: float
    align: str = "centre"  # "left" (text), "right" (amounts) or "centre" (codes; or cannot tell)
    body: bool = True  # found from the body; else from the header over an empty column


def _grid(table: _Table, file: str) -> Grid:
    """The table as the workbook it was printed from: title, caption, header, body and notes, a row
    for each printed line, each word in its column."""
    first = table.first
    title, caption = first.lines[0], first.lines[1]
    body = [(line, _split_run_ons(line.words)) for line in _banded(_body_lines(table))]
    body_words = [word for _, words in body for word in words]
    printed = first.lines[2:first.head]
    em = _em(body_words, printed, title)
    columns = _body_columns(body_words, em)
    joined = _joined_header(printed, columns, em)
    header = [line for line in joined if line is not None]
    header_words = [w for line in header for w in line.words]
    _add_header_columns(columns, header, em)
    cuts = _cuts(columns, em, header_words)
    extent = _extent(body_words + header_words + caption.words, em)
    rows = _Rows(max(len(columns), 1))
    _add_title(rows, title, extent)
    rows.add(caption, _caption_cells(caption, extent, rows.width))
    _add_header(rows, printed, joined, _header_cells(header, cuts, extent, em))
    _add_body(rows, table, body, cuts, em)
    grid = Grid(file, f"第{title.page}页", rows.rows, rows.merges, row_places=rows.places, kind="pdf",
                unjoined=table.unjoined)
    if table.side_left is not None:
        grid.side_from, grid.side_places = _cell_at(table.side_left, cuts), rows.side_places
    return grid


def _em(body_words: list[_Word], printed: list[_Line], title: _Line) -> float:
    """A table's line height: its body words' median height, else its header's, else its title's."""
    return _median([w.height for w in body_words or [w for line in printed for w in line.words]] or [title.size])


def _add_header(rows: _Rows, printed: list[_Line], joined: list[_Line | None],
                placed: list[tuple[dict[int, list[str]], list[tuple[int, int]]]]) -> None:
    """A row for each printed header line: its words in their cells, the cells a word heads merged (``placed``,
    for each line of the ``joined`` header in turn); a line whose words joined one above it an empty row."""
    header = [line for line in joined if line is not None]
    by_line = dict(zip(map(id, header), placed, strict=True))
    for line, own in zip(printed, joined, strict=True):
        cells, spans = by_line[id(own)] if own is not None else ({}, [])
        rows.merges.extend(Merge(len(rows.rows), a, len(rows.rows), b) for a, b in spans)
        rows.add(line, cells)


def _add_body(rows: _Rows, table: _Table, body: list[tuple[_Line, list[_Word]]], cuts: list[float], em: float) -> None:
    """A row for each body line, its words in their cells (a name run on over lines in one), and each note's."""
    for line, cells, at in _run_on_names(body, cuts, em):
        rows.add(line, cells, at)
    for line in _note_lines(table):
        rows.add(line, {0: [line.text]})


def _body_lines(table: _Table) -> list[_Line]:
    """The table's body lines over all its pages: each page's lines but its head and its notes."""
    return [line for chunk in table.chunks for line in chunk.lines[chunk.head:len(chunk.lines) - chunk.notes]]


def _banded(lines: list[_Line]) -> list[_Line]:
    """The body's lines with each line whose baseline is less than 0.8 of a character's size below the
    first line of the row above (on its page) joined to that row: two printed lines of text cannot stand
    that close, so these are one row whose cells' texts are set at different heights (codes at a ruled
    cell's top, names in its middle, figures lower still). Measured from the row's first line, so a
    label centred over two rows joins the upper and never chains the lower into it. A line's baseline
    is the bottom of its squattest word, and the size a Chinese character's width, so a PDF whose word
    boxes are set too short or too tall reads alike."""
    size = _character_size(lines)
    bands: list[tuple[_Line, float]] = []  # each band and the baseline of its first line
    for line in lines:
        baseline = _baseline(line)
        if bands and bands[-1][0].page == line.page and 0 <= baseline - bands[-1][1] < _BAND * size:
            above, first = bands[-1]  # measured from the band's first line: a label centred over two rows
            words = sorted(above.words + line.words, key=lambda w: w.left)
            band = (above.band or ((above.number, above.top, above.bottom),)) + ((line.number, line.top, line.bottom),)
            bands[-1] = (_Line(above.page, above.number, words, above.side or line.side, band), first)
        else:  # joins the upper one, as ever, and never chains the lower into it
            bands.append((line, baseline))
    return [band for band, _ in bands]


def _baseline(line: _Line) -> float:
    return min(line.words, key=lambda w: w.bottom - w.top).bottom


_ALL_HAN = regex(r"[\u4e00-\u9fff]+")  # a word of Chinese characters only


def _character_size(lines: list[_Line]) -> float:
    """A Chinese character's width in these lines (a word of Chinese characters' width by its
    length), else their words' median height."""
    widths = [(w.right - w.left) / len(w.text) for line in lines for w in line.words if _ALL_HAN.fullmatch(w.text)]
    return _median(widths) if widths else _median([w.bottom - w.top for line in lines for w in line.words] or [0.0])


def _note_lines(table: _Table) -> list[_Line]:
    return [line for chunk in table.chunks for line in chunk.lines[len(chunk.lines) - chunk.notes:]]


def _add_title(rows: _Rows, title: _Line, extent: tuple[float, float]) -> None:
    """The title's row: merged across the table where it is centred over it."""
    rows.add(title, {0: [title.text]})
    if rows.width > 1 and abs(_centre(title.words) - (extent[0] + extent[1]) / 2) <= _CENTRED * title.size:
        rows.merges.append(Merge(0, 0, 0, rows.width - 1))


class _Rows:
    """A grid's rows as they are added, with where each was printed. A cell is immutable: one Cell
    serves every cell of the same text (a table prints a few hundred texts over a few thousand cells)."""

    def __init__(self, width: int) -> None:
        self.width = width
        self.rows: list[list[Cell]] = []
        self.merges: list[Merge] = []
        self.places: list[str] = []
        self.side_places: list[str] = []
        self.cells: dict[str, Cell] = {}
        self.blank = Cell(None)

    def add(self, line: _Line, cells: dict[int, list[str]], at: dict[int, int] | None = None) -> None:
        row = [self.blank] * self.width
        for col, texts in cells.items():
            text = " ".join(texts)
            if at and col in at:  # printed on a line of its own row not its first: a cell of its own, with its place
                row[col] = Cell(text, text, place=f"第{line.page}页 第{at[col]}行")
                continue
            cell = self.cells.get(text)
            if cell is None:
                cell = self.cells[text] = Cell(text, text)
            row[col] = cell
        self.rows.append(row)
        self.places.append(f"第{line.page}页 第{line.number}行")
        self.side_places.append(line.side)


def _median(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[len(ordered) // 2]


def _centre(words: Iterable[_Word]) -> float:
    boxes = list(words)
    return (min(w.left for w in boxes) + max(w.right for w in boxes)) / 2


def _extent(words: list[_Word], em: float) -> tuple[float, float]:
    """The table's left and right edges: its caption's (编制部门 on the left edge, 单位 on the
    right), header's and body's text, and a cell's padding."""
    if not words:
        return (0.0, 0.0)
    return (min(w.left for w in words) - _PAD * em, max(w.right for w in words) + _PAD * em)


def _caption_cells(line: _Line, extent: tuple[float, float], width: int) -> dict[int, list[str]]:
    """编制部门：… in the first column, 单位：元 (what is printed on the right half) in the last."""
    middle = (extent[0] + extent[1]) / 2
    cells: dict[int, list[str]] = {}
    for word in line.words:
        col = max(width - 1, 0) if word.left > middle else 0
        cells.setdefault(col, []).append(word.text)
    return cells


def _body_cells(words: list[_Word], cuts: list[float]) -> dict[int, list[_Word]]:
    """Each word in the column its alignment points at: a number by its right edge, text by its left."""
    cells: dict[int, list[_Word]] = {}
    for word in words:
        anchor = word.right - 0.1 if _is_number(word.text) else word.left + 0.1
        cells.setdefault(bisect.bisect_left(cuts, anchor), []).append(word)
    return cells


def _run_on_names(body: list[tuple[_Line, list[_Word]]], cuts: list[float],
                  em: float) -> list[tuple[_Line, dict[int, list[str]], dict[int, int]]]:
    """The body's rows, each line's words in their cells; a line that only continues a name (a long
    name wrapped in its cell: 机关事业单位基本养老保险缴费 / 支出) is not a row but part of that
    name. Such a line has text in one cell only, no code and no figure, not a numbered item, a total
    or 其中, and a row with a name in that cell within a line of it on its page (across the lines a
    name runs on to). Of a row above and one below it goes with the one whose name starts where it
    does (a level's indent), else the one whose figures are nearer (a cell's text is centred)."""
    body_rows = _BodyRows([(line, _body_cells(words, cuts)) for line, words in body], em)
    rows = body_rows.rows
    moves: dict[int, int] = {}  # a name-only line → the row its text joins
    for i in range(len(rows)):
        target = body_rows.joins(i)
        if target is not None:
            moves[i] = target
    body_rows.untangle(moves)
    for i in sorted(moves):
        col = next(iter(rows[i][1]))
        target_cell = rows[moves[i]][1].setdefault(col, [])  # empty where the name straddles its row
        target_cell.extend(rows[i][1][col])
        target_cell.sort(key=lambda w: (w.top, w.left))
    kept = [row for i, row in enumerate(rows) if i not in moves]
    _centred_labels(kept)
    return [(line, {col: [_joined_text(words)] for col, words in cells.items()}, _figure_lines(line, cells))
            for line, cells in kept]


def _figure_lines(line: _Line, cells: dict[int, list[_Word]]) -> dict[int, int]:
    """Of a row banded from several printed lines (a name wrapped over three lines, its code and figures set on the
    middle one: 广州市国资委 2026 “机关事业单位基本养老保险缴 / 2080505 … 426.63 … / 费支出”; 烟台市人社局's
    收入总表 “01 … 40,781.39” between its unit's name's lines), each figure's cell → the line its figures are printed
    on, where that is not the row's first line: the cell is traced to where it is printed, not to its row's name."""
    if not line.band:
        return {}
    at: dict[int, int] = {}
    for col, words in cells.items():
        if not all(_is_number(w.text) for w in words):
            continue
        middle = sum((w.top + w.bottom) / 2 for w in words) / len(words)
        number = min(line.band, key=lambda part: abs((part[1] + part[2]) / 2 - middle))[0]
        if number != line.number:
            at[col] = number
    return at


@dataclass
class _BodyRows:
    """A table's body lines, each with its words in their cells, as :func:`_run_on_names` reads
    them for names run on to lines of their own."""

    rows: list[tuple[_Line, dict[int, list[_Word]]]]
    em: float

    def name_only(self, k: int) -> bool:
        """A line with text in one cell only: no figure, no numbered item, no total, no 其中."""
        cells = self.rows[k][1]
        if len(cells) != 1:
            return False
        words = next(iter(cells.values()))
        first = words[0].text
        return not any(_is_number(w.text) for w in words) and not _numbered(first) and first not in _TOTALS \
            and not first.startswith("其中")

    def near(self, k: int, j: int) -> bool:
        """Lines k above j, on one page, within a line of each other."""
        rows = self.rows
        return rows[k][0].page == rows[j][0].page and rows[j][0].top - rows[k][0].bottom <= self.em

    def name(self, k: int, col: int) -> list[_Word]:
        """The words of a row's name in ``col`` (none where that cell holds a figure)."""
        words = self.rows[k][1].get(col, [])
        return [] if any(_is_number(w.text) for w in words) else words

    def joins(self, i: int) -> int | None:
        """The row a name-only line's text joins: of those above and below, the one whose name starts
        at its indent, else the one whose figures are nearer; None where it is a row of its own."""
        if not self.name_only(i):
            return None
        col = next(iter(self.rows[i][1]))
        straddled = self._straddled(i, col)
        if straddled is not None:
            return straddled
        choices = [k for k in self._choices(i, col) if not self._two_rows(i, k, col)]
        if not choices:
            return None
        left = self.rows[i][1][col][0].left
        indented = [k for k in choices if abs(self.name(k, col)[0].left - left) <= 1.0]
        if len(indented) == 1:
            return indented[0]
        centre = _middle(self.rows[i][0])
        return min(choices, key=lambda k: (abs(_figures_middle(self.rows[k]) - centre), k > i))

    def untangle(self, moves: dict[int, int]) -> None:
        """Name-only lines that cross (the upper one joined to the row below, the lower one to the row above) each
        joined to the row whose figures are nearer: a name's lines stand in order, and a cell's text is centred.
        The indent of a name's first line fools the indent rule (长春市信访局 2026: “行政 / 2080501 … / 单位离退休 /
        机关 / 事业单位基本 2080505 … / 养老保险缴费 / 支出”, each name's first line set in: 单位离退休 under 事业单位基本's
        edge and 机关 under 行政's, which made 行政机关 and 单位离退休事业单位基本养老保险缴费支出)."""
        for i in sorted(moves):
            j = i + 1
            if j in moves and moves[i] > j and moves[j] < i:
                rows = (moves[j], moves[i])
                for k in (i, j):
                    centre = _middle(self.rows[k][0])
                    moves[k] = min(rows, key=lambda r: abs(_figures_middle(self.rows[r]) - centre))

    def _two_rows(self, i: int, k: int, col: int) -> bool:
        """Whether name-only line ``i`` and row ``k`` each print a whole row's name of the templates (row_names.yaml)
        that together make none: two rows, not a name wrapped (江苏省政协办公厅 2018's 收入预算总表: 其他非税收入 over
        小计 80.00, each line a row, set a row's height apart as all its rows are)."""
        own, other = _words_text(self.rows[i][1][col]), _words_text(self.name(k, col))
        upper, lower = (other, own) if k < i else (own, other)
        return _row_name(own) in _ROW_NAMES and _row_name(other) in _ROW_NAMES \
            and _row_name(upper + lower) not in _ROW_NAMES

    def _straddled(self, i: int, col: int) -> int | None:
        """The row a name centred on its figures and wrapped over two lines leaves with no word in its cell,
        its lines above and below it (江苏省人大常委会办公厅 2018: 机关事业单位基本养老保险缴费支 / 2080505 …
        580.01 / 出): the row between line ``i`` and another name-only line of ``col``, each within a line of
        the next; None where line ``i`` is not one of two such lines."""
        for k, other in ((i + 1, i + 2), (i - 1, i - 2)):
            if min(k, other) < 0 or max(k, other) >= len(self.rows):
                continue
            if not self.name_only(k) and col not in self.rows[k][1] and self.name_only(other) \
                    and col in self.rows[other][1] and self.near(min(i, k), max(i, k)) \
                    and self.near(min(k, other), max(k, other)):
                return k
        return None

    def _past_names(self, i: int, step: int) -> int:
        """The line next to line ``i`` (``step``: -1 above, 1 below) past the name-only lines next to it, each within a
        line of the one before."""
        k = i + step
        while 0 <= k < len(self.rows) and self.name_only(k) and self.near(min(k, k - step), max(k, k - step)):
            k += step
        return k

    def _choices(self, i: int, col: int) -> list[int]:
        """The nearest rows above and below line ``i``, past the name-only lines next to it, that have
        a name in ``col`` and are joined to it by lines each within a line of the next."""
        return [k for k in (self._past_names(i, -1), self._past_names(i, 1)) if 0 <= k < len(self.rows) and not self.name_only(k) and self.name(k, col)
                and all(self.near(j, j + 1) for j in range(min(k, i), max(k, i)))]


# The names of whole rows in the templates' income and spending tables, compared by _row_name (row_names.yaml);
# libyaml's loader where the build has it (the same safe tags: a data file of our own)
_ROW_NAMES = frozenset(name for names in yaml.load(Path(__file__).with_name("row_names.yaml").read_text(encoding="utf-8"),
                                                   Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)).values()
                       for name in names)
# an item's numbering before its name: 其中：, 一、, 1., （一）
_ROW_NUMBERING = regex(r"^(?:其中[：:]?|[一二三四五六七八九十]{1,3}、|\d{1,2}[.．、](?!\d)|[（(][一二三四五六七八九十\d]{1,3}[)）])")
_SPACES = regex(r"\s+")


def _row_name(text: str) -> str:
    """A row's name as row_names.yaml lists it: without its numbering and spaces, with full-width brackets."""
    return _ROW_NUMBERING.sub("", _SPACES.sub("", text).replace("(", "（").replace(")", "）"), count=1)


def _words_text(words: list[_Word]) -> str:
    return "".join(word.text for word in words)


def _figures_middle(row: tuple[_Line, dict[int, list[_Word]]]) -> float:
    """The middle of a row's figures and codes (of its line when it has none)."""
    numbers = [w for words in row[1].values() for w in words if _is_number(w.text)]
    if not numbers:
        return _middle(row[0])
    return (min(w.top for w in numbers) + max(w.bottom for w in numbers)) / 2


def _joined_text(words: list[_Word]) -> str:
    """A cell's words as one text: words on one line with a space, the lines of a wrapped name
    run together (with a space only between two Latin letters or digits)."""
    text = words[0].text
    if len(words) == 1:  # most cells: nothing to join
        return text
    for before, word in zip(words, words[1:], strict=False):
        wrapped = word.top >= before.bottom - 0.25 * before.height
        space = not wrapped or (text[-1].isascii() and text[-1].isalnum() and word.text[0].isascii()
                                and word.text[0].isalnum())
        text += (" " if space else "") + word.text
    return text


def _centred_labels(rows: list[tuple[_Line, dict[int, list[_Word]]]]) -> None:
    """Moves each merged cell's text printed centred over the rows it spans, on a line of its own
    (30399 其他对个人和家庭的补助 between the two rows of its 政府经济科目), into the first of those
    rows, as the workbook holds it: a line whose cells the lines directly above and below (on its
    page, each with cells of its own) leave empty. Its rows are those around it leaving its cells
    empty whose middle is nearest its own."""
    i = 1
    while i < len(rows) - 1:
        line, cells = rows[i]
        cols = set(cells)

        def free(k: int, line: _Line = line, cols: set[int] = cols) -> bool:
            return 0 <= k < len(rows) and rows[k][0].page == line.page and bool(rows[k][1]) \
                and not cols & set(rows[k][1])

        if not (free(i - 1) and free(i + 1)):
            i += 1
            continue
        up, down = i - 1, i + 1
        while free(up - 1):
            up -= 1
        while free(down + 1):
            down += 1
        middle = _middle(line)
        first, _ = min(((a, b) for a in range(up, i) for b in range(i + 1, down + 1)),
                       key=lambda span: (abs((_middle(rows[span[0]][0]) + _middle(rows[span[1]][0])) / 2 - middle),
                                         span[1] - span[0]))
        rows[first][1].update(cells)
        del rows[i]


def _middle(line: _Line) -> float:
    return (line.top + line.bottom) / 2


# --- run-on words ----------------------------------------------------------------------------------

_UNITS = frozenset("万元亿千百%％倍个家人辆台套年月日次项")  # what follows a figure in a sentence
_NUMBER_CHARS = frozenset("0123456789,.")
_RUN_ON_HEAD = frozenset("0123456789,.-")  # what an amount printed against a label starts with
_RUN_ON_TAIL = frozenset("0123456789,.")  # and ends with


def _split_run_ons(words: list[_Word]) -> list[_Word]:
    """The line's words, each amount printed against a label (91,016,775.35一、一般公共服务支出, or
    合计189,767,551) cut from it: pdftotext makes one word of text closer than a space."""
    out: list[_Word] = []
    for word in words:
        text = word.text
        if text[:1] not in _RUN_ON_HEAD and text[-1:] not in _RUN_ON_TAIL:  # neither end a figure's: nothing to cut
            out.append(word)
        else:
            out.extend(_split_run_on(word))
    return out


def _split_run_on(word: _Word) -> list[_Word]:
    """The word, or its parts where an amount is printed against a label at either end (a word
    neither of whose ends is a figure's is itself: _split_run_ons passes it over without asking)."""
    text = word.text
    head = len(text) - len(text.lstrip("0123456789,.-"))
    tail = len(text) - len(text.rstrip("0123456789,."))
    if 0 < head < len(text) and _is_amount(text[:head]) and text[head] not in _UNITS and not text[head].isascii():
        cut = head
    elif 0 < tail < len(text) and _is_amount(text[-tail:]) and not text[-tail - 1].isascii():
        cut = len(text) - tail
    else:
        return [word]
    # where the cut falls, from the characters' widths; the two parts a point and a half apart, as
    # pdftotext would have printed them had it told them apart (it joins text up to a point apart)
    x = word.left + (word.right - word.left) * _width(text[:cut]) / _width(text)
    return [_Word(word.left, word.top, x - 0.75, word.bottom, text[:cut]), *_split_run_on(
        _Word(x + 0.75, word.top, word.right, word.bottom, text[cut:]))]


def _is_amount(text: str) -> bool:
    """A printed amount, not a year or a code: with thousands commas or decimals."""
    return _is_number(text) and ("," in text or "." in text.strip(".")) and text[0] not in ",."


def _width(text: str) -> float:
    """A text's width in half-em: a Han character or full-width sign is one em, others half."""
    return sum(1.0 if ord(char) >= 0x2E80 else 0.5 for char in text) or 1.0


# --- columns ---------------------------------------------------------------------------------------


def _joined_header(lines: list[_Line], columns: list[_Column], em: float) -> list[_Line | None]:
    """The header's lines with the words of one cell joined (pdf_header.py: letter-spaced characters,
    a cell's wrapped lines), as printed but for that; None for a line all of whose words joined a
    line above."""
    joined = header_lines([line.words for line in lines], [(c.left, c.right) for c in columns], em)
    return [line if words == line.words else _Line(line.page, line.number, words) if words else None
            for line, words in zip(lines, joined, strict=True)]


def _add_header_columns(columns: list[_Column], header: list[_Line], em: float) -> None:
    """The body's columns (``columns``, left to right) with those only its header shows added; one
    column at least."""
    header = header[-_HEADER_LINES:]
    for _ in range(_MAX_COLUMNS):  # each pass adds a column
        if len(columns) >= _MAX_COLUMNS or not _add_header_column(columns, header, em):
            break
    if not columns:
        columns.append(_Column(0.0, 0.0))


def _body_columns(words: list[_Word], em: float) -> list[_Column]:
    """Columns where body text is printed: runs of the words' horizontal coverage, parted at gaps
    and, within a run, at valleys (a few words across a gap that many lines leave open either side:
    a name run on into the empty cell next to it). A column is as wide as its words, but for a word
    run on past a valley."""
    if not words:
        return []
    start = min(w.left for w in words)
    coverage = _coverage(words, start)
    gap = max(int(_GAP * em / _BIN), 1)
    runs = _joined(_parts(coverage, 0, len(coverage) - 1, 1, zero=True), words, start, gap)
    pieces = [piece for run in runs for piece in _parts(coverage, *run, gap, zero=False)]
    members = _members(words, pieces, start)
    columns = []
    for (a, b), group in zip(pieces, members, strict=True):
        if group:
            low, high = start + a * _BIN, start + (b + 1) * _BIN
            column = _Column(max(low, min(w.left for w in group)), min(high, max(w.right for w in group)))
            column.align = _alignment(group)
            columns.append(column)
    return columns


def _members(words: list[_Word], pieces: list[tuple[int, int]], start: float) -> list[list[_Word]]:
    """The words of each piece of the body's coverage: a figure's by its right edge, a text's by its left."""
    members: list[list[_Word]] = [[] for _ in pieces]
    firsts = [start + a * _BIN for a, _ in pieces]
    for word in words:
        anchor = word.right if _is_number(word.text) else word.left
        members[max(bisect.bisect_right(firsts, anchor) - 1, 0)].append(word)
    return members


def _coverage(words: list[_Word], start: float) -> list[int]:
    """How many words cover each bin from ``start`` on."""
    size = int((max(w.right for w in words) - start) / _BIN) + 2
    change = [0] * (size + 1)
    for word in words:
        change[int((word.left - start) / _BIN)] += 1
        change[int((word.right - start) / _BIN) + 1] -= 1
    return list(itertools.accumulate(change[:size]))


def _joined(runs: list[tuple[int, int]], words: list[_Word], start: float, gap: int) -> list[tuple[int, int]]:
    """Runs of ink with the narrow gaps between them closed (a space within a cell: "1. 一般公共预算
    资金"), but for one just after amounts: a right-aligned amount may end a point or two before the
    next cell's text (371,514,655.00 一、一般公共服务支出)."""
    ends: dict[int, list[str]] = {}  # the words ending in each bin (whether each is an amount asked where needed)
    for word in words:
        ends.setdefault(int((word.right - start) / _BIN), []).append(word.text)
    joined = [runs[0]]
    for a, b in runs[1:]:
        last = joined[-1][1]
        enders = [_is_amount(text) for end in range(last - 2, last + 1) for text in ends.get(end, [])]
        if a - last - 1 < gap and not (enders and sum(enders) * 2 >= len(enders)):
            joined[-1] = (joined[-1][0], b)
        else:
            joined.append((a, b))
    return joined


def _parts(coverage: list[int], first: int, last: int, gap: int, zero: bool) -> list[tuple[int, int]]:
    """The bins ``first``..``last`` parted where ``gap`` or more in a row are low: empty (``zero``),
    else crossed by at most a third of the most either side has within the run (three at least);
    at an empty stretch's ends, at a valley's lowest point."""
    window = coverage[first:last + 1]
    lows = bytes(map((0).__eq__, window)) if zero else _valleys(window)
    parts: list[tuple[int, int]] = []
    begin = first
    for run in _LOW_RUN.finditer(lows):  # each stretch of low bins, i up to j
        i, j = first + run.start(), first + run.end()
        if j - i >= gap and i > first and j <= last:
            cut = i if zero else min(range(i, j), key=lambda k: (coverage[k], abs(2 * k - i - j)))
            parts.append((begin, cut - 1))
            begin = j if zero else cut
    parts.append((begin, last))
    return parts


_LOW_RUN = regex(rb"\x01+")


def _valleys(window: list[int]) -> bytes:
    """1 for each bin crossed by at most a third of the most either side has (three at least), else 0:
    read by runs of bins of one count (a word's edges change it: a few dozen runs for a thousand bins),
    all of whose bins have the same most either side; the running maxima from the left, then from the
    right, in plain loops (accumulate calling max costs four times as much)."""
    if not window:
        return b""
    runs = [(count, len(list(run))) for count, run in itertools.groupby(window)]
    before = []
    most = runs[0][0]
    for count, _ in runs:
        most = count if count > most else most
        before.append(most)
    lows = []
    most = runs[-1][0]
    for at in range(len(runs) - 1, -1, -1):
        count, size = runs[at]
        most = count if count > most else most
        side = before[at] if before[at] < most else most
        lows.append(b"\x01" * size if side >= _VALLEY_SUPPORT and count <= _VALLEY * side else b"\x00" * size)
    return b"".join(reversed(lows))


def _alignment(words: list[_Word]) -> str:
    """How a column's words are set: the edge (or middle) they share. Where all three agree (one
    word, or words of one width) amounts are right-aligned, codes (02, 201) taken as centred."""
    shared = _shared_edges(words)
    if len(shared) == 1:
        return shared[0]
    if any(_is_amount(w.text) or w.text == "0" for w in words):
        return "right"
    if all(_is_number(w.text) for w in words):
        return "centre"
    return "left" if not shared else "centre"


def _shared_edges(words: list[_Word]) -> list[str]:
    """The edges (left, right, centre) a column's words agree on."""
    return [side for side, edges in (("left", [w.left for w in words]), ("right", [w.right for w in words]),
                                     ("centre", [w.centre for w in words]))
            if _agree(edges)]


def _agree(values: list[float]) -> bool:
    """Whether nearly all (four in five) of the values are within a point of their median."""
    middle = _median(values)
    return len([v for v in values if abs(v - middle) <= 1.0]) >= 0.8 * len(values)


def _cuts(columns: list[_Column], em: float, header: list[_Word]) -> list[float]:
    """Where each cell ends and the next begins: just after right-aligned amounts, just before
    left-aligned text; between others where the header words centred over the cells either side put
    their common edge, else halfway across the gap."""
    cuts = [_gap_cut(a, b, em) for a, b in zip(columns, columns[1:], strict=False)]
    centres: dict[int, float] = {}
    for word in sorted(header, key=lambda w: w.top):  # a column's lowest header word is its own
        centres[_cell_at(word.centre, cuts)] = word.centre
    for i, (a, b) in enumerate(zip(columns, columns[1:], strict=False)):
        cut = _centred_cut(a, b, centres.get(i), centres.get(i + 1), em)
        if cut is not None:
            cuts[i] = cut
    return cuts


def _gap_cut(a: _Column, b: _Column, em: float) -> float:
    """Where the gap between two columns is cut: just after right-aligned amounts, just before left-aligned text,
    else halfway across it."""
    space = min(_PAD * em, (b.left - a.right) / 2)
    if a.align == "right":
        return a.right + space
    if b.align == "left":
        return b.left - space
    return (a.right + b.left) / 2


def _centred_cut(a: _Column, b: _Column, left: float | None, right: float | None, em: float) -> float | None:
    """Where the header words centred over two columns (at ``left`` over a left-aligned one, ``right`` over a
    right-aligned one) put their common edge, between columns neither of amounts right nor text left; None
    where none is."""
    guesses = []
    if a.align == "left" and left is not None:
        guesses.append(2 * left - (a.left - _PAD * em))
    if b.align == "right" and right is not None:
        guesses.append(2 * right - (b.right + _PAD * em))
    if guesses and a.align != "right" and b.align != "left":
        return min(max(sum(guesses) / len(guesses), a.right), b.left)
    return None


def _claimed(columns: list[_Column], em: float) -> tuple[float, float]:
    """How far the body's columns reach: a text column's cell starts just before its text, an amount
    column's ends just after its amounts; past that, a header word heads a column of its own."""
    first, last = columns[0], columns[-1]
    low = first.left - _PAD * em if first.align == "left" else float("-inf")
    high = last.right + _PAD * em if last.align == "right" else float("inf")
    return low, high


def _add_header_column(columns: list[_Column], header: list[_Line], em: float) -> bool:
    """Adds one column the body leaves empty, as its header shows it (lowest header line first):
    a header word beyond the body's columns, or two header words on one line in one cell."""
    if not columns:  # no body: the lowest header line's words head the first columns
        columns.extend(_Column(w.left, w.right, "centre", body=False) for w in (header[-1].words if header else []))
        return bool(columns)
    cuts = _cuts(columns, em, [w for line in header for w in line.words])
    return _add_beyond_body(columns, header, em) or _add_within_cell(columns, header, cuts, em)


def _add_beyond_body(columns: list[_Column], header: list[_Line], em: float) -> bool:
    """Adds a column for the lowest header word beyond the body's columns, if any."""
    low, high = _claimed(columns, em)
    for line in reversed(header):  # a group header over empty columns is not one of them
        for word in line.words:
            if not low <= word.centre <= high:
                _insert(columns, _Column(word.left, word.right, "centre", body=False))
                return True
    return False


def _add_within_cell(columns: list[_Column], header: list[_Line], cuts: list[float], em: float) -> bool:
    """Splits a cell in which two header words head columns side by side: two words with no header
    word under them printed at heights that overlap (事业收入 centred beside 财政专户管理资金 set over
    two lines), else two header words of one line (the lowest such), if any."""
    placed = _header_words_by_cell(header, cuts, em)
    found = _leaves_beside(placed) or _of_one_line(placed, header) or _stacked(placed) or _over_blank(columns, placed)
    if not found:
        return False
    _split(columns, *found)
    return True


_CellSplit = tuple[int, list[_Word], list[_Word]]  # a cell, its header words, and those heading columns side by side


def _leaves_beside(placed: dict[int, list[_Word]]) -> _CellSplit | None:
    """A cell's two header words with no header word under them printed at heights that overlap (事业收入 centred
    beside 财政专户管理资金 set over two lines)."""
    for col, words in placed.items():
        beside = _side_by_side(_leaves(words))
        if beside:
            return col, words, beside
    return None


def _of_one_line(placed: dict[int, list[_Word]], header: list[_Line]) -> _CellSplit | None:
    """A cell's header words of one line, the lowest such, where it holds two or more."""
    for line in reversed(header):
        for col, words in placed.items():
            if sum(1 for word in words if word in line.words) > 1:
                return col, words, [word for word in words if word in line.words]
    return None


def _stacked(placed: dict[int, list[_Word]]) -> _CellSplit | None:
    """A cell's stacks of header words side by side (_stacks_beside): the lowest word of each."""
    for col, words in placed.items():
        lowest = _stacks_beside(words)
        if lowest:
            return col, lowest, lowest
    return None


def _over_blank(columns: list[_Column], placed: dict[int, list[_Word]]) -> _CellSplit | None:
    """A cell's header word beside the one over its amounts, over none of them (_beside_figures)."""
    for col, words in placed.items():
        aside = _beside_figures(columns[col], _leaves(words))
        if aside:
            return col, words, aside
    return None


def _beside_figures(column: _Column, leaves: list[_Word]) -> list[_Word]:
    """A cell's two lowest header words side by side at heights that overlap (less than the half
    ``_side_by_side`` asks), one over the cell's amounts and the other over none of them: the other
    heads a column the body leaves empty (烟台市教育局 2026's 国有资本经营预算收入, printed blank, set a line
    lower than 财政专户管理资金收入 beside it, over 62,466.06); none else."""
    if not column.body or column.align != "right":
        return []
    over = [w for w in leaves if w.left < column.right and column.left < w.right]
    aside = [w for w in leaves if _left_beside(w, column, over)]
    return [*aside, *over] if len(over) == 1 and len(aside) == 1 else []


def _left_beside(word: _Word, column: _Column, over: list[_Word]) -> bool:
    """Whether a header word stands left of a column, beside a word over its amounts at heights that overlap."""
    return word.right <= column.left and any(
        o.left >= word.right and min(word.bottom, o.bottom) > max(word.top, o.top) for o in over)


def _stacks_beside(words: list[_Word]) -> list[_Word]:
    """The lowest word of each stack of a cell's header words (words over one another) where two stacks
    stand side by side at heights that overlap by half the shorter's at least: two columns' headers,
    each wrapped over lines of its own (江苏省人民检察院 2018's 公务用车 / 购置费 beside 公务用车 / 运行维护 / 费, over
    one column of figures: 购置费's is printed blank); none where the cell's words make one stack."""
    stacks = _stacks(words)
    if len(stacks) < 2:
        return []
    spans = [(min(w.top for w in stack), max(w.bottom for w in stack)) for stack in stacks]
    beside = [stack for stack, span in zip(stacks, spans, strict=True) if _overlapping(span, spans)]
    return [max(stack, key=lambda w: w.bottom) for stack in beside] if len(beside) > 1 else []


def _overlapping(span: tuple[float, float], spans: list[tuple[float, float]]) -> bool:
    """Whether a stack's heights (top, bottom) overlap another's by half the shorter's at least."""
    top, bottom = span
    return any(other != (top, bottom) and min(bottom, other[1]) - max(top, other[0])
               >= 0.5 * min(bottom - top, other[1] - other[0]) for other in spans)


def _stacks(words: list[_Word]) -> list[list[_Word]]:
    """A cell's header words in stacks, left to right: each word over or under the stack before it, where it
    starts left of that stack's right edge."""
    stacks: list[list[_Word]] = []
    for word in sorted(words, key=lambda w: w.left):
        if stacks and word.left < max(w.right for w in stacks[-1]):
            stacks[-1].append(word)
        else:
            stacks.append([word])
    return stacks


def _leaves(words: list[_Word]) -> list[_Word]:
    """The words of a cell's header with none of them under it (printed lower, overlapping it)."""
    return [w for w in words if not any(o is not w and o.top >= w.bottom - 0.5 * w.height
                                        and o.left < w.right and w.left < o.right for o in words)]


def _side_by_side(words: list[_Word]) -> list[_Word]:
    """The words printed beside another of them: apart, at heights that overlap by half the lower
    one's at least."""
    return [a for a in words if any(
        (a.right <= b.left or b.right <= a.left) and min(a.bottom, b.bottom) - max(a.top, b.top)
        >= 0.5 * min(a.height, b.height) for b in words)]


def _header_words_by_cell(header: list[_Line], cuts: list[float], em: float) -> dict[int, list[_Word]]:
    """The header words in each cell, but those across several."""
    placed: dict[int, list[_Word]] = {}
    words = [word for line in header for word in line.words]
    for word in words:
        spanned = _spanned(word, cuts, em)
        if len(spanned) == 1:
            placed.setdefault(spanned[0], []).append(word)
        elif not _over_others(word, words):  # a header wider than its figures (no group): in its centre's cell
            placed.setdefault(_cell_at(word.centre, cuts), []).append(word)
    return placed


def _over_others(word: _Word, words: list[_Word]) -> bool:
    """Whether header words are printed under ``word`` (a group header over its columns' own)."""
    return any(o is not word and o.top >= word.bottom - 0.5 * word.height and o.left < word.right
               and word.left < o.right for o in words)


def _insert(columns: list[_Column], column: _Column) -> None:
    columns.insert(bisect.bisect_left([c.left for c in columns], column.left), column)


def _split(columns: list[_Column], col: int, words: list[_Word], line: list[_Word]) -> None:
    """Header words of one line in one cell: the column keeps the word that heads it and each other
    word of the line heads a column of its own. Over amounts that is the rightmost header word in
    the cell, over text the leftmost (of any line: a column's own header may be printed higher
    than its neighbours'); over centred words the word nearest their middle with none under it (a
    column only a header showed is centred on its word)."""
    keep = _kept(columns[col], words)
    for word in line:
        if word is not keep:
            _insert(columns, _Column(word.left, word.right, "centre", body=False))


def _kept(column: _Column, words: list[_Word]) -> _Word:
    """The header word of a cell split that goes on heading its column: over amounts the rightmost, over text the
    leftmost, over centred words the one nearest their middle with none under it."""
    if column.align == "right":
        return max(words, key=lambda w: w.right)
    if column.align == "left":
        return min(words, key=lambda w: w.left)
    middle = (column.left + column.right) / 2
    leaves = [w for w in words if not any(o.top > w.bottom and o.left < w.right and w.left < o.right for o in words)]
    return min(leaves or words, key=lambda w: abs(w.centre - middle))


def _cell_at(x: float, cuts: list[float]) -> int:
    return bisect.bisect_left(cuts, x)


def _spanned(word: _Word, cuts: list[float], em: float) -> list[int]:
    """The cells a word is printed across (well into each), or the one its centre is in."""
    least = min(0.5 * em, 0.3 * (word.right - word.left))
    edges = [float("-inf"), *cuts, float("inf")]
    found = [i for i in range(len(cuts) + 1)
             if min(word.right, edges[i + 1]) - max(word.left, edges[i]) >= least > 0]
    return found or [_cell_at(word.centre, cuts)]


def _header_cells(header: list[_Line], cuts: list[float], extent: tuple[float, float],
                  em: float) -> list[tuple[dict[int, list[str]], list[tuple[int, int]]]]:
    """Each header line's words in their cells, and the ranges of cells those head that head several
    (the word in its range's first cell, as a merged cell of the workbook)."""
    spans = {id(w): _spanned(w, cuts, em) for line in header for w in line.words}
    covering = _covering(header, spans, len(cuts) + 1)
    words = [word for line in header for word in line.words]
    lines = []
    for position, line in enumerate(header):
        wide = len(covering) <= _MAX_COLUMNS and position >= len(header) - _HEADER_LINES
        ranges = _wide_ranges(line, spans, covering, cuts, extent, em, words) if wide \
            else {id(w): (spans[id(w)][0], spans[id(w)][-1]) for w in line.words}
        lines.append(_placed(line, ranges))
    return lines


def _covering(header: list[_Line], spans: dict[int, list[int]], count: int) -> list[list[_Word]]:
    """Each of the ``count`` cells' header words: those printed across it."""
    covering: list[list[_Word]] = [[] for _ in range(count)]
    for line in header:
        for word in line.words:
            for col in spans[id(word)]:
                covering[col].append(word)
    return covering


def _wide_ranges(line: _Line, spans: dict[int, list[int]], covering: list[list[_Word]], cuts: list[float],
                 extent: tuple[float, float], em: float, words: list[_Word]) -> dict[int, tuple[int, int]]:
    """The cells each word of one of a header's last lines heads (by its id): widened over the group it heads
    (_widened), but for cells another word of the line stands nearer to (_taken); the cell of its centre where
    a word headed beside it shows it one column's header (_headed_beside)."""
    widened = {id(w): _widened(w, spans[id(w)], covering, cuts, extent, em) for w in line.words}
    ranges = {}
    for word in line.words:
        taken = _taken(word, line.words, widened, cuts, extent)
        first, last = _widened(word, spans[id(word)], covering, cuts, extent, em, taken) if taken else widened[id(word)]
        if _headed_beside(word, (first, last), covering, spans) and not _over_others(word, words):
            first = last = _cell_at(word.centre, cuts)
        ranges[id(word)] = (first, last)
    return ranges


def _placed(line: _Line, ranges: dict[int, tuple[int, int]]) -> tuple[dict[int, list[str]], list[tuple[int, int]]]:
    """A header line's words each in the first cell of the cells it heads (``ranges``), and those ranges of more
    than one cell (a merged cell of the workbook)."""
    cells: dict[int, list[str]] = {}
    merged = []
    for word in line.words:
        first, last = ranges[id(word)]
        cells.setdefault(first, []).append(word.text)
        if last > first:
            merged.append((first, last))
    return cells, merged


def _headed_beside(word: _Word, cells: tuple[int, int], covering: list[list[_Word]],
                   spans: dict[int, list[int]]) -> bool:
    """Whether a cell at either end of ``cells`` is headed by a word of that cell alone printed beside
    ``word`` (apart from it, at heights that overlap): ``word``, with no header word under it, is then wider
    than its figures, one column's header, not a group's (江苏's 因公出国（境）费 run into the cell 小计 heads beside it, 公务用车运行维护费
    into 公务用车购置费's) — it heads the cell of its centre."""
    return any(spans[id(other)] == [col] and (other.right <= word.left or word.right <= other.left)
               and min(other.bottom, word.bottom) > max(other.top, word.top)
               for col in dict.fromkeys(cells) for other in covering[col] if other is not word)


def _taken(word: _Word, words: list[_Word], widened: dict[int, tuple[int, int]], cuts: list[float],
           extent: tuple[float, float]) -> set[int]:
    """The cells of ``word``'s widened range that another word of its line widens over too and stands
    nearer to (总计, 因公出国(境)费 and 公务接待费, each over three cells, are each centred over five)."""
    edges = [extent[0], *cuts, extent[1]]
    first, last = widened[id(word)]
    taken = set()
    for other in words:
        low, high = widened[id(other)]
        for col in range(max(first, low), min(last, high) + 1):
            centre = (edges[col] + edges[col + 1]) / 2
            if other is not word and abs(centre - other.centre) < abs(centre - word.centre):
                taken.add(col)
    return taken


def _widened(word: _Word, span: list[int], covering: list[list[_Word]], cuts: list[float],
             extent: tuple[float, float], em: float, taken: frozenset[int] | set[int] = frozenset()) -> tuple[int, int]:
    """The cells a group header heads: the widest range around those it is printed across that it
    is centred over (within one and a half line heights), of cells headed again below it at the
    height its own cells are. A cell headed beside or above it, or whose header is set higher (a
    taller cell, centred over more header lines: 因公出国（境）费 beside 公务用车购置及运行维护费) is
    not in its group — but a group header above it heading several cells (预算数 over 合计, 基本支出 and
    项目支出) is no cell's own; nor is any cell of a word with nothing under it; nor a cell ``taken`` by a
    word beside it (_taken)."""
    def middle(col: int, block: bool = True) -> float | None:  # a group header above it (预算数) is no cell's own
        others = [w for w in covering[col] if w is not word and not _group_above(w, word, covering)]
        if not others or any(w.top <= word.bottom for w in others):
            return None
        return (min(w.top for w in others) + max(_foot(w, covering) if block else w.bottom for w in others)) / 2

    first, last = span[0], span[-1]
    own = [m for m in (middle(col, block=False) for col in range(first, last + 1)) if m is not None]
    if not own:
        return first, last
    level = min(own) - 0.25 * em  # its own cells' words as printed; a cell beside, as the block it heads (_foot)
    low = _reach(first, -1, 0, middle, level, taken)
    high = _reach(last, 1, len(covering) - 1, middle, level, taken)
    return _centred_over(word, (first, last), (low, high), [extent[0], *cuts, extent[1]], em)


def _foot(other: _Word, covering: list[list[_Word]]) -> float:
    """Where the header cell of ``other`` (a word under a group header) ends: a nested group, each of
    its cells headed again below it, heads them as one block, down to the lowest word of any of them (国家信访局 2024
    决算's 公务用车购置及运行维护费 over 小计, one line, beside 公务用车购置费 and 公务用车运行维护费, two); any other word
    (one cell's; a heading wrapped with its first line the wider: 支出功能分类 / 科目编码) at its own foot."""
    cells = [[w for w in cell if w.top >= other.bottom] for cell in covering if other in cell]
    if len(cells) < 2 or not all(cells):
        return other.bottom
    return max(w.bottom for cell in cells for w in cell)


def _group_above(other: _Word, word: _Word, covering: list[list[_Word]]) -> bool:
    """Whether a header word is a group header above ``word`` over several cells (预算数): no cell's own."""
    return other.bottom <= word.top and sum(1 for cell in covering if other in cell) > 1


def _reach(col: int, step: int, bound: int, middle: Callable[[int], float | None], level: float,
           taken: frozenset[int] | set[int]) -> int:
    """How far from ``col`` (``step``: -1 left, 1 right, to the cell ``bound`` at most) run the cells headed again
    below a group header at the height of its own cells (their headers' ``middle`` at ``level`` or lower), none
    of them ``taken``."""
    while col != bound and (middle(col + step) or 0.0) >= level and col + step not in taken:
        col += step
    return col


def _centred_over(word: _Word, span: tuple[int, int], reach: tuple[int, int], edges: list[float],
                  em: float) -> tuple[int, int]:
    """The widest range of cells from ``span`` out to ``reach`` that ``word`` is centred over (within
    _CENTRED line heights); ``span`` where there is none wider."""
    best = span
    for a in range(reach[0], span[0] + 1):
        for b in range(span[1], reach[1] + 1):
            if b - a > best[1] - best[0] and abs((edges[a] + edges[b + 1]) / 2 - word.centre) <= _CENTRED * em:
                best = (a, b)
    return best
