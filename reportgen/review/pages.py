"""The pages of `reportgen review -o DIR`: per document its tables as read (the import's review
page) and its narrative marked figure by figure (the review page of check --against); and one
summary page for the bureau (templates/review_summary.html.j2)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from reportgen.importing.report import report_html as tables_html
from reportgen.readers.lines import MAX_DRAFT_BYTES
from reportgen.reading.files import InputRefused, read_bounded
from reportgen.review import report_html as prose_html
from reportgen.review.annotated import NotAnnotated, annotated_pdf
from reportgen.review.documents import DocumentReview
from reportgen.review.handback import handback
from reportgen.review.inspection import inspection
from reportgen.review.listing import Listed, document_lines, listed
from reportgen.review.places import Mark, NotPlaced, marks
from reportgen.review.register import DEADLINE_DAYS, Register
from reportgen.writers.docx import docx_bytes
from reportgen.writers.html import environment
from reportgen.writers.xlsx import xlsx_bytes

_UNSAFE = re.compile(r"[\\/\x00-\x1f\"'<>|?*:#%&]")


def page_names(document: Path, index: int) -> tuple[str, str]:
    """The document's two pages, numbered so that documents of the same name stay apart."""
    stem = _stem(document)
    return f"{index:03d}-{stem}-tables.html", f"{index:03d}-{stem}-prose.html"


def annotated_name(document: Path, index: int) -> str | None:
    """The name of a reviewed PDF's annotated copy; None for a document of another kind."""
    return f"{index:03d}-{_stem(document)}-annotated.pdf" if document.suffix.lower() == ".pdf" else None


def _stem(document: Path) -> str:
    return _UNSAFE.sub("_", document.stem).lstrip(".") or "document"


@dataclass(frozen=True)
class Copy:
    """A reviewed PDF's annotated copy: its name, its bytes, or why there are none; and the findings
    as numbered there (the hand-back's numbers)."""

    name: str
    data: bytes | None
    reason: str = ""
    marks: tuple[Mark, ...] = ()


def annotated_copies(reviews: list[DocumentReview]) -> dict[int, Copy]:
    """Each reviewed PDF's annotated copy, by the document's number in the review."""
    copies = {}
    for index, result in enumerate(reviews, start=1):
        name = annotated_name(result.document, index)
        if name is not None:
            copies[index] = annotated_copy(result, name)
    return copies


def annotated_copy(result: DocumentReview, name: str = "") -> Copy:
    """The reviewed PDF with its findings boxed and a legend page, or None and why not."""
    items = listed(result)
    found = [Mark(number, item) for number, item in enumerate(items, start=1)]
    try:
        data = read_bounded(result.document, MAX_DRAFT_BYTES, "PDF")
        found = marks(result.document, data, items, document_lines(result))
        return Copy(name, annotated_pdf(result.document, data, found), "", tuple(found))
    except (InputRefused, NotPlaced, NotAnnotated) as exc:
        return Copy(name, None, str(exc), tuple(found))


def handback_files(result: DocumentReview, index: int, copy: Copy | None) -> dict[str, bytes]:
    """A document's findings handed back: the 整改 notice (DOCX) and its table (XLSX); none when clean."""
    found = list(copy.marks) if copy else [Mark(n, item) for n, item in enumerate(listed(result), start=1)]
    notice = handback(result, found, copy.name if copy and copy.data else "")
    if notice is None:
        return {}
    docx, xlsx = handback_names(result.document, index)
    return {docx: docx_bytes(notice), xlsx: xlsx_bytes(notice)}


def handback_names(document: Path, index: int) -> tuple[str, str]:
    stem = f"{index:03d}-{_stem(document)}"
    return f"{stem}-notice.docx", f"{stem}-findings.xlsx"


def document_pages(result: DocumentReview, index: int) -> dict[str, str]:
    if result.imported is None:
        return {}
    tables, prose = page_names(result.document, index)
    imported = result.imported
    pages = {tables: tables_html(imported.imported, result.document, [result.document], imported.unknown,
                                 imported.differences, imported.notes, [f.message for f in result.unverified])}
    if result.narrative is not None:
        pages[prose] = prose_html(result.narrative)
    return pages


def summary_page(reviews: list[DocumentReview], copies: dict[int, Copy] | None = None,
                 register: Register | None = None) -> str:
    rows: list[dict[str, object]] = []
    findings: list[dict[str, object]] = []
    rules: set[str] = set()
    links: dict[str, str] = {}  # each document's first page: its text's, else its tables', else its annotated copy
    for index, result in enumerate(reviews, start=1):
        tables, prose = page_names(result.document, index)
        prose_page = prose if result.narrative is not None else ""
        copy = (copies or {}).get(index)
        links[str(result.document)] = prose_page or (tables if result.imported is not None else "") or (
            copy.name if copy and copy.data else "")
        rows.append({"document": str(result.document), "refused": result.refused, "counts": result.counts,
                     "clean": result.clean, "tables_page": tables, "inspection": inspection(result, register),
                     "prose_page": prose_page, "annotated": copy.name if copy and copy.data else "",
                     "not_annotated": copy.reason if copy and not copy.data else ""})
        for item in listed(result):
            findings.append({"document": str(result.document), "item": item,
                             "link": _link(item, tables if result.imported is not None else "", prose_page),
                             "pdf": f"{copy.name}#page={item.page}" if copy and copy.data and item.page else ""})
            rules.add(item.rule)
    total = {"documents": len(reviews), "flagged": sum(1 for r in reviews if not r.clean)}
    return environment().get_template("review_summary.html.j2").render(
        rows=rows, total=total, findings=findings, rules=sorted(rules), register=register, deadline=DEADLINE_DAYS,
        links=links)


def _link(item: Listed, tables: str, prose: str) -> str:
    """Where a finding stands on the document's own pages: its line on the text's page, else its tables' page."""
    if item.line and prose:
        return f"{prose}#l{item.line}"
    return tables
