"""The pages of `reportgen review -o DIR`: per document its tables as read (the import's review
page) and its narrative marked figure by figure (the review page of check --against); and one
summary page for the bureau (templates/review_summary.html.j2)."""

from __future__ import annotations

import re
from pathlib import Path

from reportgen.importing.report import report_html as tables_html
from reportgen.review import report_html as prose_html
from reportgen.review.documents import DocumentReview
from reportgen.writers.html import environment

_UNSAFE = re.compile(r"[\\/\x00-\x1f\"'<>|?*:#%&]")


def page_names(document: Path, index: int) -> tuple[str, str]:
    """The document's two pages, numbered so that documents of the same name stay apart."""
    stem = _UNSAFE.sub("_", document.stem).lstrip(".") or "document"
    return f"{index:03d}-{stem}-tables.html", f"{index:03d}-{stem}-prose.html"


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


def summary_page(reviews: list[DocumentReview]) -> str:
    rows = []
    for index, result in enumerate(reviews, start=1):
        tables, prose = page_names(result.document, index)
        rows.append({"document": str(result.document), "refused": result.refused, "counts": result.counts,
                     "clean": result.clean, "tables_page": tables, "checklist": result.checklist,
                     "prose_page": prose if result.narrative is not None else ""})
    total = {"documents": len(reviews), "flagged": sum(1 for r in reviews if not r.clean)}
    return environment().get_template("review_summary.html.j2").render(rows=rows, total=total)
