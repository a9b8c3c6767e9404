"""One file → its grids and its narrative's lines, by the format its bytes show (never by its
name's extension)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from reportgen.errors import SourceError
from reportgen.importing.recognize import cell_text
from reportgen.importing.text_parts import DocLine, lines_from_pdftotext
from reportgen.readers import sniff
from reportgen.readers.grid import Cell, Grid, ImportRefused, Merge
from reportgen.reading.files import InputRefused, read_bounded

MAX_IMPORT_BYTES = 100 * 1024 * 1024  # an export of a large department is a few MB; a PDF some tens


@dataclass
class ReadFile:
    grids: list[Grid]
    is_document: bool = False  # a published or draft text (PDF, DOCX, HTML page): its narrative is compared
    lines: list[DocLine] = field(default_factory=list)


def read_file(path: Path) -> ReadFile:
    try:
        data = read_bounded(path, MAX_IMPORT_BYTES, "导入的文件")
    except InputRefused as exc:
        raise ImportRefused(f"{path}：{exc.message}") from None
    kind = sniff.sniff(data)
    if kind == "pdf":
        from reportgen.readers import pdf_tables as pdf  # deferred: the PDF reader, 40 ms a workbook needs not
        from reportgen.readers.lines import pdf_text  # deferred: as above

        document = pdf.read_pdf(path, data)
        return ReadFile(document.grids, True, lines_from_pdftotext(pdf_text(path)))
    if kind == "docx":
        from reportgen.readers import docx_tables  # deferred: python-docx, 64 ms a workbook needs not

        docx = docx_tables.read_docx_tables(path)
        for index, grid in enumerate(docx.grids):
            captions = [line for line in docx.lines if line.tables_before == index and _CAPTION.search(line.text)]
            if captions:  # a DOCX sets its table's caption (部门名称：…  单位：万元) as a paragraph above it
                _prepend(grid, captions[-1].text, captions[-1].place)
        return ReadFile(docx.grids, True, [DocLine(0, line.number, line.text) for line in docx.lines])
    from reportgen.readers import spreadsheets  # deferred: the workbook readers, 40 ms a PDF needs not

    page = path.suffix.lower() in (".html", ".htm", ".txt")
    if kind == "html" and page:
        # a published page (not an export named .xls): its paragraphs are the narrative, read as a draft is;
        # a page whose tables are images has none, and its prose is what it states
        return ReadFile(_page_grids(path, data), True, _page_lines(path))
    if kind in ("csv", "unknown") and page:  # a plain text: prose, not a table (a CSV export is not named .txt)
        return ReadFile([], True, _page_lines(path))
    return ReadFile(spreadsheets.read_grids(path, data))


def _page_grids(path: Path, data: bytes) -> list[Grid]:
    """A published page's tables; none where it has none (its tables images, or only prose)."""
    from reportgen.readers import htmltables  # deferred: as spreadsheets above

    try:
        return [grid for grid in htmltables.read_html(str(path), data) if grid.rows]
    except ImportRefused:
        if b"<table" in data.lower():
            raise  # a page with tables that cannot be read: said, not taken for prose
        return []


def _page_lines(path: Path) -> list[DocLine]:
    from reportgen.readers.lines import read_draft  # deferred: the lines reader, 38 ms a workbook needs not

    try:
        return [DocLine(0, line.number, line.text) for line in read_draft(path)]
    except SourceError as exc:
        raise ImportRefused(exc.findings[0].format() if exc.findings else f"{path}：无法读取") from None


_CAPTION = re.compile(r"(?:编制部门|编制单位|部门名称|单位名称|预算单位)[：:]|(?:金额)?单位[：:]\s*(?:万元|元)")


def _prepend(grid: Grid, text: str, place: str) -> None:
    """A caption paragraph made the grid's first row, as a workbook holds it."""
    grid.rows.insert(0, [Cell(text, text)])
    grid.merges = [Merge(m.first_row + 1, m.first_col, m.last_row + 1, m.last_col) for m in grid.merges]
    if grid.row_places is not None:
        grid.row_places.insert(0, place)


def text_sheet_lines(grids: list[Grid]) -> list[DocLine]:
    """The text of grids that are not tables (a workbook's 职能, 机构设置, 名词解释 sheets), in the order
    of the sheets: each line of a cell a line of its own (a sheet may hold all its duties in one cell,
    a line each), a row's cells side by side, each placed by its sheet and cell. A 目录 sheet holds no
    text of its own: its lines (“一、单位主要职能”, without leaders in the 单位 template) would open empty parts."""
    lines: list[DocLine] = []
    for grid in (g for g in grids if "".join(g.name.split()) != "目录"):
        for row_index, row in enumerate(grid.rows):
            for line, place in _row_lines(grid, row_index, row):
                lines.append(DocLine(0, len(lines) + 1, line, place))
    return lines


def _row_lines(grid: Grid, index: int, row: list[Cell]) -> list[tuple[str, str]]:
    """A row's lines: the lines of its cells (of several cells, side by side) with their places."""
    cells = [(col, cell.value if isinstance(cell.value, str) else cell_text(cell)) for col, cell in enumerate(row)]
    cells = [(col, text) for col, text in cells if text.strip()]
    if len(cells) != 1 or len(cells[0][1].strip().splitlines()) < 2:
        return [(" ".join(" ".join(text.split()) for _, text in cells), grid.where(index, cells[0][0]))] if cells else []
    col, text = cells[0]
    return [(" ".join(part.split()), f"{grid.where(index, col)} 第{n}行")
            for n, part in enumerate(text.splitlines(), start=1) if part.strip()]
