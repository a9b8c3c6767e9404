"""A Word document's tables as grids, and its paragraphs as lines for the narrative.

A .docx given to ``reportgen import`` (a draft, or a published document made in Word) holds its
tables as tables: each is read into a :class:`~reportgen.readers.grid.Grid` with its merged
cells (w:gridSpan across, w:vMerge down) recorded as they are in a workbook — the text in the
range's first cell, the others empty. The package is opened as the review's DOCX reader opens one
(readers/docx.docx_package: bounded, unpacked in counted steps) and tracked changes are accepted
first, as Word's "accept all" would. A table set in parts (reportgen's own drafts start a part at
each band of a long table; a hand-made one may repeat its header) is one grid: parts follow each
other with only empty paragraphs between and have the same columns; a part's leading header rows
are dropped when they repeat the first part's exactly.
"""

from __future__ import annotations

import copy
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import docx
from docx.exceptions import PythonDocxError
from docx.opc.exceptions import PackageNotFoundError
from lxml import etree

from reportgen.base.errors import SourceError
from reportgen.readers.grid import Cell, Grid, ImportRefused, Merge
from reportgen.readers.office.docx import (
    docx_package,
    drop_hidden_text,
    paragraph_text,
    resolve_tracked_changes,
    sliver_columns,
)
from reportgen.readers.pdf.tables.titles import is_table_title

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MAX_COLUMNS = 63  # Word's own limit for a table: a gridSpan past it is not a real one


@dataclass(frozen=True, slots=True)
class DocxLine:
    """A paragraph of the document's body (not of a table), in order."""

    number: int  # 1-based, counting the paragraphs that have text
    text: str
    style: str  # its paragraph style's name ("Heading 1", "Table Title", "" for none)
    tables_before: int  # how many of the document's grids come before it

    @property
    def place(self) -> str:
        return f"第{self.number}段"


@dataclass
class DocxDocument:
    file: str
    grids: list[Grid]
    lines: list[DocxLine] = field(default_factory=list)


def read_docx_tables(path: Path, data: bytes | None = None) -> DocxDocument:
    """The tables (one Grid each) and body paragraphs of the .docx at ``path`` (its bytes ``data``
    where read already). Raises ImportRefused (naming the file) when it cannot be read as a Word
    document."""
    body, styles = _body(path, data)
    reader = _Reader(str(path), styles)
    for element in _elements(body):
        if element.tag == f"{_W}p":
            reader.paragraph(element)
        else:
            reader.table(element)
    return DocxDocument(str(path), reader.grids, reader.lines)


def _body(path: Path, data: bytes | None) -> tuple[etree._Element, dict[str, str]]:
    """The document's w:body, tracked changes accepted and hidden text dropped, and its paragraph
    styles' names by id."""
    try:
        stream = docx_package(path, data)
    except SourceError as error:
        raise ImportRefused("；".join(f"{path}：{f.message}" for f in error.findings)) from None
    try:
        package = docx.Document(stream)
    except (KeyError, etree.XMLSyntaxError, PackageNotFoundError, PythonDocxError, zipfile.BadZipFile, ValueError,
            NotImplementedError, EOFError, OSError) as exc:
        raise ImportRefused(f"{path}：无法读取 DOCX 文件（{type(exc).__name__}）：请确认它是 Word 文档（.docx），"
                            "可在 Word 或 WPS 中打开后另存一次") from None
    finally:
        stream.close()
    root = package.element
    body = root.find(f"{_W}body") if root.tag == f"{_W}document" else None
    if body is None:
        raise ImportRefused(f"{path}：DOCX 文件中没有 Word 正文（word/document.xml）：请确认它是 Word 文档（.docx），"
                            "可在 Word 或 WPS 中打开后另存一次")
    body = copy.deepcopy(body)
    resolve_tracked_changes(body, "accept")
    drop_hidden_text(body, package.styles.element)  # what Word never prints is never imported
    return body, _style_names(package.styles.element)


def _style_names(styles: etree._Element) -> dict[str, str]:
    names = {}
    for style in styles.findall(f"{_W}style"):
        style_id = style.get(f"{_W}styleId")
        name = style.find(f"{_W}name")
        if style_id is not None:
            names[style_id] = ((name.get(f"{_W}val") if name is not None else None) or style_id).strip()
    return names


def _elements(parent: etree._Element) -> list[etree._Element]:
    """The body's paragraphs and tables in order, those inside content controls (w:sdt) too."""
    found: list[etree._Element] = []
    for child in parent:
        if child.tag in (f"{_W}p", f"{_W}tbl"):
            found.append(child)
        elif child.tag == f"{_W}sdt":
            content = child.find(f"{_W}sdtContent")
            if content is not None:
                found.extend(_elements(content))
    return found


class _Reader:
    def __init__(self, file: str, styles: dict[str, str]) -> None:
        self.file = file
        self.styles = styles
        self.grids: list[Grid] = []
        self.lines: list[DocxLine] = []
        self.since_table = 0  # how many paragraphs have been read since the last table
        self.gap_only = False  # only empty paragraphs since the last table: a next part continues it
        self.last_columns: list[str] = []  # the last table's w:tblGrid widths
        self.last_header = 0  # how many header rows (w:tblHeader) the last table's first part has

    def paragraph(self, element: etree._Element) -> None:
        text = paragraph_text(element)
        if not text.strip():
            return
        self.gap_only = False
        style = element.find(f"{_W}pPr/{_W}pStyle")
        name = self.styles.get(style.get(f"{_W}val", ""), "") if style is not None else ""
        self.lines.append(DocxLine(len(self.lines) + 1, text, name, len(self.grids)))
        self.since_table += 1

    def table(self, element: etree._Element) -> None:
        columns = [c.get(f"{_W}w", "") for c in element.findall(f"{_W}tblGrid/{_W}gridCol")]
        rows, merges, header = _table(element)
        if self.gap_only and self.grids and columns == self.last_columns:
            self._continue(self.grids[-1], rows, merges, header)
        else:
            number = len(self.grids) + 1
            grid = Grid(self.file, self._name(number), rows, merges,
                        row_places=[f"第{number}个表格 第{i + 1}行" for i in range(len(rows))])
            self.grids.append(grid)
            self.last_columns, self.last_header = columns, header
        self.gap_only = True
        self.since_table = 0

    def _continue(self, grid: Grid, rows: list[list[Cell]], merges: list[Merge], header: int) -> None:
        """The next part of the grid's table: its repeated header rows dropped when they repeat the
        first part's exactly."""
        drop = header if header and header == self.last_header and rows[:header] == grid.rows[:header] else 0
        offset = len(grid.rows) - drop
        grid.merges.extend(Merge(m.first_row + offset, m.first_col, m.last_row + offset, m.last_col)
                           for m in merges if m.first_row >= drop)
        number = len(self.grids)
        assert grid.row_places is not None
        grid.row_places.extend(f"第{number}个表格 第{len(grid.rows) + i + 1}行" for i in range(len(rows) - drop))
        grid.rows.extend(rows[drop:])

    def _name(self, number: int) -> str:
        """The table's title: the paragraph styled Table Title just before it (reportgen's drafts),
        else the nearest of the three before it (since the last table) that reads like a title —
        short, ending in 表, not a sentence; else 表N."""
        recent = self.lines[len(self.lines) - self.since_table:][-3:]
        for line in reversed(recent):
            if line.style.lower() == "table title":
                return line.text.strip()
        for line in reversed(recent):
            if is_table_title(line.text):
                return line.text.strip()
        return f"表{number}"


def _table(element: etree._Element) -> tuple[list[list[Cell]], list[Merge], int]:
    """A w:tbl's rows (a cell at each grid column), its merged ranges and how many of its leading
    rows are header rows (w:tblHeader)."""
    rows: list[list[Cell]] = []
    merges: list[Merge] = []
    open_down: dict[int, int] = {}  # grid column → index in merges of the vertical merge it continues
    header = 0
    for tr in element.findall(f"{_W}tr"):
        row: list[Cell] = []
        props = tr.find(f"{_W}trPr")
        col = _count(props, "gridBefore") if props is not None else 0
        row.extend(Cell(None) for _ in range(col))
        if _header_row(props) and header == len(rows):
            header += 1
        for tc in tr.findall(f"{_W}tc"):
            col = _cell(tc, len(rows), col, row, merges, open_down)
        rows.append(row)
    width = max((len(r) for r in rows), default=0)
    rows = [r + [Cell(None)] * (width - len(r)) for r in rows]
    slivers = _slivers(element, rows, merges)
    if slivers:  # a .doc's hairline columns (readers/docx.sliver_columns): the table as its rows show it
        return _without(rows, merges, slivers), _merges_without(merges, slivers), header
    return rows, merges, header


def _header_row(props: etree._Element | None) -> bool:
    """Whether a row's properties mark it a header row (w:tblHeader), repeated atop each page."""
    return props is not None and _on(props.find(f"{_W}tblHeader"))


def _slivers(element: etree._Element, rows: list[list[Cell]], merges: list[Merge]) -> set[int]:
    """The table's sliver columns (readers/docx.sliver_columns): dropped, no text being lost."""
    ends = {(m.first_row, m.first_col): m.last_col for m in merges}
    return sliver_columns(element, [(c, ends.get((r, c), c), True) for r, row in enumerate(rows)
                                    for c, cell in enumerate(row) if cell.value is not None])


def _without(rows: list[list[Cell]], merges: list[Merge], slivers: set[int]) -> list[list[Cell]]:
    """The rows without the sliver columns; a cell's text that began in one moves to the first kept
    column of its range."""
    ends = {(m.first_row, m.first_col): m.last_col for m in merges}
    return [_row_without(r, row, ends, slivers) for r, row in enumerate(rows)]


def _row_without(r: int, row: list[Cell], ends: dict[tuple[int, int], int], slivers: set[int]) -> list[Cell]:
    """Row ``r`` without the sliver columns, a cell's text that began in one in the first kept column of its range
    (``ends``: the last column of each merged range, by its first cell)."""
    kept = [cell if c not in slivers else Cell(None) for c, cell in enumerate(row)]
    for c, cell in enumerate(row):
        if c in slivers and cell.value is not None:
            to = next(k for k in range(c, ends.get((r, c), c) + 1) if k not in slivers)  # one there (_slivers)
            kept[to] = cell
    return [cell for c, cell in enumerate(kept) if c not in slivers]


def _merges_without(merges: list[Merge], slivers: set[int]) -> list[Merge]:
    """The merged ranges over the kept columns (one that covers a single cell then is none)."""
    index = _kept_columns(merges, slivers)
    out = []
    for m in merges:
        kept = [index[c] for c in range(m.first_col, m.last_col + 1) if c not in slivers]
        if kept and (len(kept) > 1 or m.last_row > m.first_row):
            out.append(Merge(m.first_row, kept[0], m.last_row, kept[-1]))
    return out


def _kept_columns(merges: list[Merge], slivers: set[int]) -> dict[int, int]:
    """Each column's place once the sliver columns before it are dropped (up to the last a merge covers)."""
    index = {}
    for column in range(max((m.last_col for m in merges), default=-1) + 1):
        index[column] = column - sum(1 for s in slivers if s < column)
    return index


def _cell(tc: etree._Element, index: int, col: int, row: list[Cell], merges: list[Merge],
          open_down: dict[int, int]) -> int:
    """Places a w:tc at grid column ``col`` of row ``index``; returns the column after it. A cell
    continuing a vertical merge is empty and lengthens the merge above it."""
    props = tc.find(f"{_W}tcPr")
    span = max(_count(props, "gridSpan"), 1) if props is not None else 1
    down = props.find(f"{_W}vMerge") if props is not None else None
    if _continues_down(down) and col in open_down:
        merge = merges[open_down[col]]
        merges[open_down[col]] = Merge(merge.first_row, merge.first_col, index, merge.last_col)
        row.extend(Cell(None) for _ in range(span))
        return col + span
    row.append(_text_cell(tc))
    row.extend(Cell(None) for _ in range(span - 1))
    open_down.pop(col, None)
    if down is not None and down.get(f"{_W}val") == "restart":
        open_down[col] = len(merges)
        merges.append(Merge(index, col, index, col + span - 1))
    elif span > 1:
        merges.append(Merge(index, col, index, col + span - 1))
    return col + span


def _continues_down(down: etree._Element | None) -> bool:
    """Whether a cell's w:vMerge continues the vertical merge above it (its val "continue", or none)."""
    return down is not None and down.get(f"{_W}val", "continue") == "continue"


def _text_cell(tc: etree._Element) -> Cell:
    """A w:tc's text, its paragraphs a line each; empty where it holds no printed character."""
    text = "\n".join(paragraph_text(p) for p in tc.findall(f"{_W}p"))
    return Cell(text, text) if text.strip() else Cell(None, text)


def _count(props: etree._Element, tag: str) -> int:
    """A property's w:val as a count of grid columns: 0 when absent or not a number, at most Word's
    limit (a span of a billion columns would otherwise build a billion cells)."""
    element = props.find(f"{_W}{tag}")
    value = element.get(f"{_W}val", "") if element is not None else ""
    return min(int(value), _MAX_COLUMNS) if value.isascii() and value.isdigit() and len(value) <= 6 else 0


def _on(element: etree._Element | None) -> bool:
    """A WordprocessingML on/off property: present and not val=false/0/off."""
    return element is not None and element.get(f"{_W}val", "true") not in ("false", "0", "off")
