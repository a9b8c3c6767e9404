"""One file → its grids and its narrative's lines, by the format its bytes show (never by its
name's extension)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from reportgen.importing import docx_tables, pdf, sniff, spreadsheets
from reportgen.importing.grid import Grid, ImportRefused
from reportgen.importing.recognize import cell_text
from reportgen.importing.text_parts import DocLine, lines_from_pdftotext
from reportgen.reading.files import InputRefused, read_bounded
from reportgen.review.draft import pdf_text

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
        document = pdf.read_pdf(path, data)
        return ReadFile(document.grids, True, lines_from_pdftotext(pdf_text(path)))
    if kind == "docx":
        docx = docx_tables.read_docx_tables(path)
        return ReadFile(docx.grids, True, [DocLine(0, line.number, line.text) for line in docx.lines])
    return ReadFile(spreadsheets.read_grids(path, data))


def text_sheet_lines(grids: list[Grid]) -> list[DocLine]:
    """The text of grids that are not tables (a workbook's 职能, 机构设置, 名词解释 sheets), each
    non-empty row a line, in the order of the sheets."""
    lines: list[DocLine] = []
    for grid in grids:
        for row in grid.rows:
            text = " ".join(t for t in (cell_text(c) for c in row) if t)
            if text:
                lines.append(DocLine(0, len(lines) + 1, text))
    return lines
