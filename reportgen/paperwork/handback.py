"""Findings handed back to the department that published them (`review -o`): per document with
findings, a short 整改 notice as DOCX — addressed to its 部门 or 单位, the findings in a table — and the
same table as an XLSX, one row per finding (序号, 页码, 原文, 问题, 规则, 级别). Both come from one
neutral Document through the writers every output uses (writers/docx, writers/xlsx), so they cannot
disagree; the words are templates/review_notice.txt.j2's and the findings' own. The DOCX's findings
carry word joiners inside each figure (notice_docx), so that no figure breaks across lines there."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from reportgen.base.errors import visible_text
from reportgen.base.patterns import regex
from reportgen.base.templating import environment
from reportgen.base.unbroken import joined
from reportgen.docmodel.document import Cell, Document, Paragraph, Row, Table, Title
from reportgen.paperwork.places import Mark
from reportgen.review.documents import DocumentReview
from reportgen.review.own_outputs import NOTICE_TEMPLATE
from reportgen.writers.docx import docx_bytes

_SAID = "review_said.j2"
_CONTROL = regex(r"[\x00-\x1f\x7f]+")  # a cell is one line: tabs and breaks become spaces
_WIDTHS = [6, 6, 30, 40, 12, 6]


@dataclass(frozen=True)
class Issued:
    """Who sends the notice, when, and by when the department is to put it right, as the reviewer set
    them (the desk's return form; `review --issuer --date --deadline`): what was not set ("", None) is
    left in the notice as a blank to fill by hand."""

    issuer: str = ""
    dated: date | None = None
    deadline: date | None = None


def handback(result: DocumentReview, marks: list[Mark], annotated: str, issued: Issued | None = None) -> Document | None:
    """The notice with its table of findings; None for a document with none."""
    header = result.imported.header if result.imported is not None else {}
    return notice(result.document.name, str(header.get("department") or ""), str(header.get("kind") or ""),
                  marks, annotated, issued, result.title)


def notice(document: str, addressee: str, kind: str, marks: list[Mark], annotated: str,
           issued: Issued | None = None, title: str = "") -> Document | None:
    """The notice of the document ``title`` (its cover's, "" where it has none: then its file's name,
    ``document``) for ``addressee`` (its 部门 or 单位, "" when not known); None with no findings."""
    if not marks:
        return None
    words = environment("text").get_template(NOTICE_TEMPLATE).render(
        document=document, title=title, addressee=addressee, kind=kind, count=len(marks),
        placed=sum(1 for m in marks if m.boxes), annotated=annotated, issued=issued)
    blocks, caption, cells, severities = _read_notice(words)
    blocks.append(_table(caption, cells, dict(zip(("error", "warning"), severities, strict=False)), marks))
    return Document(list(blocks), meta={"title": blocks[0].text if isinstance(blocks[0], Title) else ""})


def _read_notice(words: str) -> tuple[list[Title | Paragraph | Table], str, list[str], list[str]]:
    """The notice as its template wrote it, a line each (T: the title, P: a paragraph, C: the table's caption,
    H: its header's cells, S: the words for error and warning): the blocks, the caption, the header, the words."""
    blocks: list[Title | Paragraph | Table] = []
    caption, cells, severities = "", [], ["", ""]
    for line in words.splitlines():
        what, _, text = line.partition(":")
        if what == "T":
            blocks.append(Title(text))
        elif what == "P":
            blocks.append(Paragraph(text))
        elif what == "C":
            caption = text
        elif what == "H":
            cells = text.split("|")
        elif what == "S":
            severities = text.split("|")
    return blocks, caption, cells, severities


def _table(caption: str, header: list[str], severities: dict[str, str], marks: list[Mark]) -> Table:
    said = environment("text").get_template(_SAID).module.said  # type: ignore[attr-defined]
    body = [Row([Cell(str(m.number), align="center"), Cell(str(m.item.page) if m.item.page else "", align="center"),
                 Cell(_line(m.item.quote)), Cell(_line(str(said(m.item)))), Cell(m.item.rule),
                 Cell(severities.get(m.item.severity, m.item.severity), align="center")]) for m in marks]
    return Table("审核问题", "", caption, "", "", [Row([Cell(h, header=True, align="center") for h in header], kind="header")],
                 body, list(_WIDTHS), wide=True, listing=True)


def _line(text: str) -> str:
    """A cell's text on one line: tabs and breaks a space, any other control, bidi or invisible
    character written [U+XXXX] (a hand-back never carries them raw into Word or Excel)."""
    return visible_text(_CONTROL.sub(" ", text).strip())


def notice_docx(document: Document) -> bytes:
    """The notice as a DOCX: each figure of its findings' cells joined to its unit and within itself
    by word joiners (unbroken.joined: no “57.8 / 万元” in Word or LibreOffice). Only the DOCX's copy:
    the XLSX, which is filtered, searched and compared, takes the notice's text as it is. The
    joiners go in after _line has cleaned the text, which writes any invisible character [U+XXXX]."""
    blocks = [replace(block, body=[replace(row, cells=[replace(cell, text=joined(cell.text)) for cell in row.cells])
                                   for row in block.body]) if isinstance(block, Table) else block
              for block in document.blocks]
    return docx_bytes(replace(document, blocks=blocks))
