"""The pages of `reportgen review -o DIR`: per document its tables as read (the import's review
page) and its narrative marked figure by figure (the review page of check --against); and one
summary page for the bureau (templates/review_summary.html.j2)."""

from __future__ import annotations

import re
from pathlib import Path

from reportgen.importing.report import report_html as tables_html
from reportgen.review import report_html as prose_html
from reportgen.review.documents import DocumentReview
from reportgen.review.listing import Listed, listed
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
    rows: list[dict[str, object]] = []
    findings: list[dict[str, object]] = []
    rules: set[str] = set()
    for index, result in enumerate(reviews, start=1):
        tables, prose = page_names(result.document, index)
        prose_page = prose if result.narrative is not None else ""
        rows.append({"document": str(result.document), "refused": result.refused, "counts": result.counts,
                     "clean": result.clean, "tables_page": tables, "checklist": result.checklist,
                     "prose_page": prose_page})
        for item in listed(result):
            findings.append({"document": str(result.document), "item": item,
                             "link": _link(item, tables if result.imported is not None else "", prose_page)})
            rules.add(item.rule)
    total = {"documents": len(reviews), "flagged": sum(1 for r in reviews if not r.clean)}
    return environment().get_template("review_summary.html.j2").render(
        rows=rows, total=total, findings=findings, rules=sorted(rules))


def _link(item: Listed, tables: str, prose: str) -> str:
    """Where a finding stands on the document's own pages: its line on the text's page, else its tables' page."""
    if item.line and prose:
        return f"{prose}#l{item.line}"
    return tables
