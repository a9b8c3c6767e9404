"""Every POST's body bounded by its declared length before anything reads it: Django's CSRF check
parses a form (request.POST) before the view runs, writing a file part past
FILE_UPLOAD_MAX_MEMORY_SIZE to a temporary file, so a body over the desk's upload bound is refused
here — with the page's Chinese message, status 413 — and never parsed, stored or held. (waitress,
in front, refuses a body past its own max_request_body_size before reading it.)"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from reportgen.desk.record.store import too_large

MARGIN = 64 * 1024  # a form's own fields around the file


def bounded_body(get_response: Callable[[HttpRequest], HttpResponse]) -> Callable[[HttpRequest], HttpResponse]:
    def middleware(request: HttpRequest) -> HttpResponse:
        limit = int(settings.DESK_MAX_UPLOAD)
        if request.method == "POST" and declared(request) > limit + MARGIN:
            return render(request, "refused.html.j2", {"message": too_large(limit)}, status=413)
        return get_response(request)

    return middleware


def declared(request: HttpRequest) -> int:
    """The body's declared length (0 when none is given: Django then reads none)."""
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0
