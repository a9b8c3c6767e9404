"""The leaders' pages (issue 81 part 5): the season's progress — every row counted by state and 及时性, in all
and by 主管部门, a page made to be printed — and the rows still to submit or to correct, exported as XLSX
(writers/xlsx, as the precision table is) and as CSV (record/progress.py)."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from reportgen.desk.record import progress as counted

CHASE_SHOWN = 200  # the rows to chase the page lists (a province's thousands are in the export)


@login_required
@require_safe
def progress_page(request: HttpRequest) -> HttpResponse:
    day = counted.today()
    chased, owed = counted.chase_page(day, CHASE_SHOWN)
    return render(request, "progress.html.j2", {"progress": counted.progress(day), "chased": chased,
                                                "more": owed - len(chased), "header": counted.CHASE_HEADER})


@login_required
@require_safe
def chase_export(request: HttpRequest, form: str) -> HttpResponse:
    return download(form, counted.chase_export, f"chase-{counted.today().isoformat()}")


def download(form: str, make: Callable[[str], tuple[bytes, str]], stem: str) -> HttpResponse:
    """A table the desk exports (the rows to chase, the precision per rule) in ``form`` — CSV or XLSX, else 404 — as
    an attachment named ``stem``.``form``."""
    if form not in ("csv", "xlsx"):
        return HttpResponse(status=404)
    data, kind = make(form)
    response = HttpResponse(data, content_type=kind)
    response["Content-Disposition"] = f'attachment; filename="{stem}.{form}"'
    return response
