"""One page of a submission's annotated copy beside the findings printed on it: the reviewer (and the
department, through its link) reads a finding where it stands without a PDF viewer. The page is drawn
from the stored annotated PDF by poppler's pdftoppm (the program the review already needs), at screen
resolution, on each request: nothing is written, the store is never touched."""

from __future__ import annotations

from pathlib import Path

from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from reportgen.desk.record.models import DISMISSED, Finding, Submission
from reportgen.reading.programs import ProgramOutputTooLarge, ProgramTimeout, run_program

RESOLUTION = 96  # dots per inch: an A4 page 794 pixels wide, as a screen shows it at 100 %
LIMIT = 30.0  # seconds pdftoppm may take for one page
MAX_PNG = 20 * 1024 * 1024  # bytes of one page's picture
MAX_PAGE = 100_000  # a page number past any document's (never one the database cannot hold)


def annotated_of(submission: Submission, page: int, department: bool = False) -> tuple[str, int]:
    """The digest of the annotated copy that shows the file's page ``page`` ("" none), and which of the copy's pages
    it is: the submission's copy, that page; of a file of several disclosures, the copy of the disclosure printed on
    that page, which holds its own pages alone. The department's is the copy handed back with the notice (its
    findings not dismissed alone), never the worker's."""
    own = submission.handed if department else submission.annotated
    if own or submission.annotated or not 1 <= page <= MAX_PAGE:
        return own, page
    disclosure = submission.disclosures.filter(first__lte=page, last__gte=page).only("annotated", "handed", "first").first()
    if disclosure is None:
        return "", page
    return (disclosure.handed if department else disclosure.annotated), page - disclosure.first + 1


def page_png(annotated: Path | None, page: int) -> bytes | None:
    """Page ``page`` of an annotated copy (its path in the store) as a PNG; None where there is none, or no
    such page."""
    if annotated is None or page < 1:
        return None
    command = ["pdftoppm", "-png", "-r", str(RESOLUTION), "-f", str(page), "-l", str(page), "-singlefile",
               str(annotated)]
    try:
        code, out, _ = run_program(command, LIMIT, MAX_PNG)
    except (ProgramTimeout, ProgramOutputTooLarge, OSError):
        return None
    return out if code == 0 and out.startswith(b"\x89PNG") else None


def image_response(annotated: Path | None, page: int) -> HttpResponse:
    png = page_png(annotated, page)
    if png is None:
        return HttpResponse(status=404)
    response = HttpResponse(png, content_type="image/png")
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, max-age=3600"  # a stored copy never changes
    return response


def page_response(request: HttpRequest, submission: Submission, page: int, pages: str, back: str,
                  department: bool = False) -> HttpResponse:
    """The page's picture beside the findings on it, with the nearest pages before and after it that carry
    findings; ``pages``: the URL of the submission's pages without a number (…/page/), ``back``: its page. The
    department's: the copy handed back, its findings not dismissed alone, no verdict."""
    if not annotated_of(submission, page, department)[0] or page < 1:
        return HttpResponse(status=404)
    found = submission.findings.exclude(verdict=DISMISSED) if department else submission.findings.all()
    before, after = _nearest_marked(found, page)
    return render(request, "page.html.j2", {
        "submission": submission, "page": page, "pages": pages, "back": back, "reviewer": not department,
        "findings": [f for f in found.order_by("number") if f.page == page], "before": before, "after": after})


def _nearest_marked(found: QuerySet[Finding], page: int) -> tuple[int | None, int | None]:
    """The nearest pages before and after ``page`` that carry a finding of ``found`` (None: none)."""
    marked = sorted({f.page for f in found if f.page})
    return max((p for p in marked if p < page), default=None), min((p for p in marked if p > page), default=None)
