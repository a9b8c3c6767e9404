"""A published file (or a draft) → one neutral value, :class:`Published`: what every command that
takes a disclosure reads — the import, the review, ``check --against``, the roster, diff's DOCX input.

The file is read from disk once, within one bound (MAX_PUBLISHED_BYTES), a zip judged by its directory
before any reader opens it (readers/containers.py: a zip bomb is refused unread), and its format told
by its bytes (readers/sniff.py), never by its name: a PDF named x.html is a PDF, a workbook named x.pdf a
workbook. What cannot be read is refused one way: :class:`~reportgen.readers.unreadable.Unreadable`,
its Chinese message naming the file.

The value holds the file's kind, its pages (a PDF's; None where the format has none), its printed lines
(one :class:`~reportgen.readers.text.lines.Line` each, of every format: number across the file, page, line on
its page, place, table unit) and its grids (its tables, read when first asked for: a review of a PDF's
prose never finds its tables). Two things the bytes alone do not settle are settled by the content:

* text (sniffed ``csv``): a CSV when the delimiter csvfile finds splits its first records into one
  number of fields above one, the same for at least half of them and at least two (an export's
  title rows aside); otherwise a plain text — prose, as pdftotext writes a PDF's text (a sentence's
  commas give its lines no one width).
* HTML: a published page when any of its text stands outside its tables (its prose, its portal's
  words around the article); a workbook saved as a web page (finance systems export one named .xls)
  holds every text in a table, and is read as a workbook is, its sheets' text read by the import.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field, replace
from pathlib import Path

from reportgen.base.errors import Finding, SourceError, shown_text
from reportgen.base.patterns import regex
from reportgen.docmodel.document import Document
from reportgen.readers import containers, mht, sniff
from reportgen.readers.grid import Cell, Grid, ImportRefused, Merge
from reportgen.readers.office import legacy
from reportgen.readers.pdf.pdf_words import PdfNotRead, layout_text, pdf_words
from reportgen.readers.text.lines import Line, checked_length, decoded, docx_lines, html_lines, page_lines, text_lines
from reportgen.readers.unreadable import Unreadable
from reportgen.reading.files import InputRefused, read_bounded

# An export of a large department is a few MB, a published PDF one or two, a scanned one some tens.
MAX_PUBLISHED_BYTES = 100 * 1024 * 1024
DOCUMENTS = frozenset({"pdf", "docx", "page", "text"})  # kinds with a narrative (a workbook's is its text sheets)
TEXTS = DOCUMENTS | {"csv", "html"}  # kinds whose lines are read (a CSV's and a saved workbook page's as printed)


@dataclass(frozen=True, eq=False)
class Published:
    """One published file as read. ``kind``: pdf, docx, page (an HTML page), text (a plain text),
    csv, html (a workbook saved as a page), or a workbook's (xlsx, xls, ods, spreadsheetml …)."""

    path: Path
    kind: str
    lines: list[Line]  # its printed lines (a workbook's: none; its text sheets are the import's to read)
    pages: int | None = None  # a PDF's pages
    document: Document | None = None  # a DOCX read back as a document (diff's input)
    data: bytes = field(default=b"", repr=False)  # the bytes read, read once
    scanned: frozenset[int] = frozenset()  # a PDF's pages read by OCR (readers/pdf_ocr.py): its scanned pages
    not_scanned: str = ""  # why some of its scanned pages were not read ("" when none was left)
    damaged: str = ""  # which of its pages' text was lost to the file's damage (readers/pdf_damage.py), "" when none
    rebuilt: str = ""  # that its structure was damaged and rebuilt before it was read (readers/pdf_rebuild.py)
    # the pages (first, last) of one disclosure of several a PDF holds (importing/in_one_file.py): its lines
    # and tables those pages' alone (``within``); None: the whole file
    span: tuple[int, int] | None = None
    # an old Word document's or an RTF's kind ("doc", "rtf"): its bytes above are the DOCX LibreOffice made of it
    # (readers/office/legacy.py), read as a DOCX is; a web archive's ("mht"): they are the page it holds (readers/mht.py);
    # "" for a file read as it is
    converted: str = ""
    workbook: mht.Workbook | None = None  # a workbook Excel saved as a web archive: its sheets (readers/mht.py)

    @property
    def form(self) -> str:
        """What the file given is, by its bytes: its kind, or what it was before it was converted."""
        return self.converted or self.kind

    @property
    def is_document(self) -> bool:
        """Whether it is a published or draft text (PDF, DOCX, HTML page, plain text) whose narrative
        is compared with its tables."""
        return self.kind in DOCUMENTS

    @property
    def has_text(self) -> bool:
        """Whether its lines are text it prints (a binary workbook's are none)."""
        return self.kind in TEXTS

    @functools.cached_property
    def _tables(self) -> tuple[list[Grid], list[Line], list[Grid]]:
        try:
            return _tables_of(self)
        except Unreadable:
            raise
        except ImportRefused as exc:
            raise Unreadable.of(exc, str(self.path)) from None

    @property
    def grids(self) -> list[Grid]:
        """Its tables, one grid each (a workbook's sheets), read at the first asking; Unreadable where
        they cannot be (a scanned PDF, a workbook with no data)."""
        return self._tables[0]

    @property
    def narrative(self) -> list[Line]:
        """The lines the import reads the narrative of: a PDF's, a page's or a text's every line; a
        DOCX's body paragraphs (its tables are grids), each placed 第N段; a workbook's none."""
        return self._tables[1]

    @property
    def forms(self) -> list[Grid]:
        """A PDF's forms of label and value cells no table of its is printed on (readers/pdf/tables/ruled_forms.py),
        apart from its grids: the import holds a numbered one as printed, nothing else reads them."""
        return self._tables[2]

    @functools.cached_property
    def title(self) -> str | None:
        """The title an Office package states of itself (docProps/core.xml: “……2024年度部门决算”)."""
        from reportgen.readers.file_marks import package_title  # deferred: zipfile, an Office file only

        return package_title(self.data) if self.data.startswith(b"PK") else None


def read_published(path: Path) -> Published:
    """The file at ``path``, read once and told by its bytes; Unreadable when it cannot be read."""
    file = str(path)
    try:
        data = read_bounded(path, MAX_PUBLISHED_BYTES, "公开文本或导出的文件")
    except InputRefused as exc:
        raise Unreadable(file, exc.message) from None
    if not data:
        raise Unreadable(file, "文件是空的：请确认导出或保存已完成")
    kind = _kind(data)
    image = sniff.image_kind(data) if kind == "unknown" else None
    if image is not None:  # a scan or a photo sent for the document: said as what it is, whatever its name
        raise Unreadable(file, (f"文件名是 {shown_text(path.suffix, 12)}，内容却是" if path.suffix else "文件的内容是")
                         + f" {image} 图片，不是公开文本或工作簿：请提交 PDF、Word 文档（.docx）或导出的工作簿本身")
    if kind in legacy.KINDS:  # an old Word document or an RTF: read as the DOCX LibreOffice makes of a copy
        return replace(_legacy(path, data, kind), converted=kind)
    if kind == "mht":  # a web archive (Word's “单个文件网页”, often named .doc): the page it holds
        return replace(_archived(path, data), converted=kind)
    return _read_as(path, data, kind)


def _read_as(path: Path, data: bytes, kind: str) -> Published:
    """A file read by the reader of its ``kind`` (a zip judged by its directory first); a kind none reads, its bytes
    alone. Unreadable where the reader refuses it."""
    file = str(path)
    try:
        if data.startswith(b"PK"):  # a zip: judged by its directory before any reader opens it
            containers.check_package(file, data)
        if kind == "pdf":
            return _pdf(path, data)
        if kind == "docx":
            return _docx(path, data)
        if kind == "html":
            return _html(path, data)
        if kind == "csv":
            return _text(path, data)
    except ImportRefused as exc:
        refused = Unreadable.of(exc, file)
        refused.kind = kind
        raise refused from None
    return Published(path, kind, [], data=data)


def _legacy(path: Path, data: bytes, kind: str) -> Published:
    """An old Word document or an RTF (``kind``) read as the DOCX LibreOffice makes of it: every
    message names ``path``, the file given."""
    try:
        converted = legacy.as_docx(path, data, kind)
        containers.check_package(str(path), converted)
        return _docx(path, converted)
    except ImportRefused as exc:
        refused = Unreadable.of(exc, str(path))
        refused.kind = kind
        raise refused from None


def _archived(path: Path, data: bytes) -> Published:
    """The page a web archive holds (readers/mht.py), read as a page: every message names ``path``; a
    workbook Excel saved so, its every sheet."""
    workbook = mht.sheets_of(data)
    if workbook is not None:
        return _archived_workbook(path, workbook)
    page = mht.page_of(str(path), data)
    if _kind(page) != "html":
        raise Unreadable(str(path), "这是网页存档（MHT），但其中的网页读不出：请在 Word 或 WPS 中打开它，另存为 .docx 后再提交")
    try:
        return _html(path, page)
    except ImportRefused as exc:
        raise Unreadable.of(exc, str(path)) from None


def _archived_workbook(path: Path, workbook: mht.Workbook) -> Published:
    """A workbook Excel saved as a web archive: its sheets' pages read as a workbook's sheets are, their
    lines one after another; refused where the archive holds none of the sheets it names."""
    file = str(path)
    if not workbook.sheets:
        raise Unreadable(file, mht.lost_sheets(workbook.lost, 0))
    lines: list[Line] = []
    outside = False
    try:
        for _, page in workbook.sheets:
            read, beside = html_lines(decoded(page, path), path)
            outside = outside or beside
            lines += [replace(line, number=len(lines) + n) for n, line in enumerate(read, start=1)]
    except ImportRefused as exc:
        raise Unreadable.of(exc, file) from None
    lost = mht.lost_sheets(workbook.lost, len(workbook.sheets)) if workbook.lost else ""
    return Published(path, "page" if outside else "html", lines, data=workbook.sheets[0][1], workbook=workbook,
                     damaged=lost)  # a sheet lost: what it held would be judged missing, none of it judged


def _workbook_grids(path: Path, workbook: mht.Workbook) -> list[Grid]:
    """The grids of an archived workbook's sheets: each sheet's tables, a sheet's one table named as the
    sheet; the sheets it names and does not hold told on the first."""
    from reportgen.readers import htmltables  # deferred: as spreadsheets below

    grids: list[Grid] = []
    for name, page in workbook.sheets:
        tables = [grid for grid in htmltables.read_html(str(path), page) if grid.rows]
        if len(tables) == 1:
            tables[0].name = name
        grids += tables
    if grids and workbook.lost:
        grids[0].notes.append(mht.lost_note(str(path), workbook.lost, len(workbook.sheets)))
    return grids


# A page's text begun without <html> or <body> (a fragment saved as a page): its first tag is a block's.
_PAGE_TAG = regex(rb"\s*<(?:p|div|span|br|h[1-6]|ul|ol|li|title|article|section|font|center)\b", re.IGNORECASE)


def _kind(data: bytes) -> str:
    """sniff's kind of ``data``; of a text sniff cannot name that decodes as UTF-8: a page where it
    opens with a block's tag (<p>, <div> …), else a text (a control character in it, or markup no
    page opens with: “<script>…” written in a text is its text)."""
    kind = sniff.sniff(data)
    if kind == "unknown":
        try:
            data.decode("utf-8-sig")
        except UnicodeDecodeError:
            return kind
        return "html" if _PAGE_TAG.match(data.removeprefix(b"\xef\xbb\xbf")) else "csv"
    return kind


def within(published: Published, first: int, last: int) -> Published:
    """One disclosure of several a PDF holds, its pages ``first`` to ``last``: the file's lines and tables on
    those pages alone (numbered as the file numbers them), read as a file of its own is."""
    return replace(published, lines=[line for line in published.lines if first <= line.page <= last],
                   scanned=frozenset(page for page in published.scanned if first <= page <= last),
                   span=(first, last))


def read_draft(path: Path) -> list[Line]:
    """The lines of the published file (or draft) at ``path``, as readers/published.py reads them; a
    SourceError (in Chinese, rule R-草稿) when it cannot be read."""
    try:
        published = read_published(path)
    except Unreadable as exc:
        raise draft_refusal(exc) from None
    if published.damaged:  # a page's figures lost to the file's damage: none of its figures is checked
        raise SourceError([Finding("error", "R-草稿", published.damaged, str(path))])
    return draft_lines(published)


def draft_lines(published: Published) -> list[Line]:
    """The lines of a file read (readers/published.py) as a draft's; a SourceError (R-草稿) for a
    workbook, which has no text to check."""
    if not published.has_text:
        raise SourceError([Finding("error", "R-草稿", f"读不出可核对的正文（文件是 {published.kind}）："
                                   "应为 PDF、Word 文档（.docx）、网页或文本", str(published.path))])
    return published.lines


def draft_refusal(refused: Unreadable) -> SourceError:
    """A published file that cannot be read, told as a finding on the draft (R-草稿)."""
    return SourceError([Finding("error", "R-草稿", refused.reason, refused.file)])


def pdf_text(path: Path) -> str:
    """The text of the PDF at ``path``, its printed lines set out as ``layout_text`` sets them (pages
    ended by form feeds): what ``pdf_lines`` splits."""
    file = str(path)
    try:
        data = read_bounded(path, MAX_PUBLISHED_BYTES, "PDF")
        return layout_text(pdf_words(path, data, lambda message: Unreadable(file, message), "未读取"))
    except InputRefused as exc:
        raise Unreadable(file, exc.message) from None
    except PdfNotRead:
        raise Unreadable(file, "pdftotext 不能读取这个 PDF（是否损坏或加密？）") from None


def _pdf(path: Path, data: bytes) -> Published:
    from reportgen.readers.pdf import pdf_tables  # deferred: the PDF reader, 40 ms a workbook needs not
    from reportgen.readers.pdf.tables import running_lines  # deferred: as pdf_tables

    file = str(path)
    pdf_tables.check_bytes(path, data)
    try:
        pages = pdf_words(path, data, lambda message: Unreadable(file, message), "未读取")
    except PdfNotRead as exc:
        pdf_tables.failed(path, data, exc.errors)
    running = running_lines(pages)  # a running header or footer: furniture, no line of the text
    lines = [replace(line, text="") if (line.page, line.line) in running else line for line in page_lines(pages, path)]
    return Published(path, "pdf", checked_length(lines, path), len(pages), data=data,
                     scanned=pages.scanned, not_scanned=pages.not_scanned, damaged=pages.damaged,
                     rebuilt=pages.rebuilt)


def _docx(path: Path, data: bytes) -> Published:
    from reportgen.readers.office.docx import read_docx  # deferred: python-docx costs 60 ms, a DOCX only

    try:
        document = read_docx(path, data=data)
    except SourceError as exc:
        raise Unreadable(str(path), "；".join(f.message for f in exc.findings) or "无法读取 DOCX 文件") from None
    return Published(path, "docx", checked_length(docx_lines(document), path), document=document, data=data)


def _html(path: Path, data: bytes) -> Published:
    try:
        lines, outside = html_lines(decoded(data, path), path)
    except Unreadable as exc:
        if not exc.reason.startswith("草稿不是"):
            raise
        lines, outside = [], False  # not UTF-8 or GB18030: the page reader reads its declared encoding
    return Published(path, "page" if outside else "html", lines, data=data)


def _text(path: Path, data: bytes) -> Published:
    from reportgen.readers.office.csvfile import is_table  # deferred: csv, a text only

    if not is_table(data):
        return Published(path, "text", checked_length(text_lines(decoded(data, path), path), path), data=data)
    try:  # a CSV's lines as printed, for a review that is given one; its bounds are its reader's
        lines = checked_length(text_lines(decoded(data, path), path), path)
    except Unreadable:
        lines = []
    return Published(path, "csv", lines, data=data)


def _tables_of(published: Published) -> tuple[list[Grid], list[Line], list[Grid]]:
    """The grids of ``published``, the lines the import reads its narrative of, and a PDF's forms."""
    path, data, kind = published.path, published.data, published.kind
    if kind == "pdf" and published.workbook is None:
        from reportgen.readers.pdf import pdf_tables  # deferred: as in _pdf

        read = pdf_tables.read_pdf(path, data, published.span)
        return read.grids, published.lines, read.forms
    return (*_grids_of(published), [])


def _grids_of(published: Published) -> tuple[list[Grid], list[Line]]:
    """The grids of ``published`` (not a PDF), and the lines the import reads its narrative of."""
    path, data, kind = published.path, published.data, published.kind
    if published.workbook is not None:  # a workbook Excel saved as a web archive: every sheet
        return _workbook_grids(path, published.workbook), published.lines if kind == "page" else []
    if kind == "docx":
        return _docx_tables(path, data)
    if kind == "page":
        return _page_grids(path, data), published.lines
    if kind == "text":
        return [], published.lines
    from reportgen.readers.office import spreadsheets  # deferred: the workbook readers, 40 ms a PDF needs not

    return spreadsheets.read_grids(path, data), []


def _docx_tables(path: Path, data: bytes) -> tuple[list[Grid], list[Line]]:
    from reportgen.readers.office import docx_tables  # deferred: python-docx, 64 ms a workbook needs not

    docx = docx_tables.read_docx_tables(path, data)
    for index, grid in enumerate(docx.grids):
        captions = [line for line in docx.lines if line.tables_before == index and _CAPTION.search(line.text)]
        if captions:  # a DOCX sets its table's caption (部门名称：…  单位：万元) as a paragraph above it
            _prepend(grid, captions[-1].text, captions[-1].place)
    return docx.grids, [Line(line.number, line.text, place=line.place) for line in docx.lines]


def _page_grids(path: Path, data: bytes) -> list[Grid]:
    """A published page's tables; none where it has none (its tables images, or only prose)."""
    from reportgen.readers import htmltables  # deferred: as spreadsheets above

    try:
        return [grid for grid in htmltables.read_html(str(path), data) if grid.rows]
    except ImportRefused:
        if b"<table" in data.lower():
            raise  # a page with tables that cannot be read: said, not taken for prose
        return []


_CAPTION = regex(r"(?:编制部门|编制单位|部门名称|单位名称|预算单位)[：:]|(?:金额)?单位[：:]\s*(?:万元|元)")


def _prepend(grid: Grid, text: str, place: str) -> None:
    """A caption paragraph made the grid's first row, as a workbook holds it."""
    grid.rows.insert(0, [Cell(text, text)])
    grid.merges = [Merge(m.first_row + 1, m.first_col, m.last_row + 1, m.last_col) for m in grid.merges]
    if grid.row_places is not None:
        grid.row_places.insert(0, place)
