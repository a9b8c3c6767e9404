"""Is the document published online the one the bureau approved (issue 81 part 5)? The reviewer uploads the
published file(s) against a row's approved submission (已通过 or 已公开) — a disclosure published in several files
(北京's 说明 and its 报表) checked as one, as it is submitted as one — and the page tells: the same bytes, or the
same words and figures, or each difference (reportgen/runners/versions.py over the diff core). Nothing is kept: each
upload's kind is told by its bytes as a department's is (store.upload_kind), it is read from a temporary folder,
compared and let go."""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.files.uploadedfile import UploadedFile
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from reportgen.base.errors import upload_name
from reportgen.desk.record.models import ACCEPTED, PUBLISHED, Submission
from reportgen.desk.record.store import SUFFIXES, UploadRefused, too_large, upload_kind
from reportgen.desk.web.views import store
from reportgen.readers.unreadable import Unreadable
from reportgen.runners.versions import APPROVED, Versions, versions_compared
from reportgen.runners.versions import PUBLISHED as PUBLISHED_TEXT

MAX_FILES = 4  # the files of one published disclosure, as a submission's (department.MAX_FILES)


@dataclass(frozen=True)
class Checked:
    """What the check found: the approved submission, the published files' names, and the two texts compared
    (None: the very bytes approved)."""

    submission: Submission
    given: list[str]
    versions: Versions | None


def compared(submission: Submission, published: list[tuple[bytes, str]]) -> Checked:
    """The published files (bytes, name) against the submission's file(s), each copied from the store, each under
    a name of the desk's."""
    kinds = [upload_kind(data, given) for data, given in published]
    approved = [(submission.digest, submission.kind), *submission.files.values_list("digest", "kind")]
    with tempfile.TemporaryDirectory(dir=Path(settings.DESK_DATA) / "work") as folder:
        paths = []
        for number, (digest, its_kind) in enumerate(approved, start=1):
            paths.append(Path(folder) / f"{APPROVED}（{number}）{SUFFIXES.get(its_kind, '')}")
            paths[-1].write_bytes(store().path(digest).read_bytes())
        online = []
        for number, ((data, _), kind) in enumerate(zip(published, kinds, strict=True), start=1):
            online.append(Path(folder) / f"{PUBLISHED_TEXT}（{number}）{SUFFIXES.get(kind, '')}")
            online[-1].write_bytes(data)
        return Checked(submission, [given for _, given in published], versions_compared(paths, online))


def approved() -> list[Submission]:
    """Each submission a published document may be checked against: approved (已通过) or published (已公开)."""
    return list(Submission.objects.defer("summary").select_related("member").filter(state__in=(ACCEPTED, PUBLISHED)))


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def check_page(request: HttpRequest) -> HttpResponse:
    candidates = approved()
    context: dict[str, object] = {"approved": candidates, "checked": None, "error": "", "unchosen": False,
                                  "too_many": None}
    if request.method != "POST":
        return render(request, "published.html.j2", context)
    submission = next((s for s in candidates if str(s.id) == request.POST.get("submission", "")), None)
    uploads, status = request.FILES.getlist("published"), 400
    if submission is None or not uploads:
        context["unchosen"] = True
        return render(request, "published.html.j2", context, status=status)
    if len(uploads) > MAX_FILES:
        context["too_many"] = (len(uploads), MAX_FILES)
        return render(request, "published.html.j2", context, status=status)
    try:
        context["checked"], status = compared(submission, _read(uploads)), 200
    except UploadRefused as exc:
        context["error"] = str(exc)
    except Unreadable as exc:
        context["error"] = exc.reason
    finally:
        for upload in uploads:
            upload.close()
    return render(request, "published.html.j2", context, status=status)


def _read(uploads: list[UploadedFile]) -> list[tuple[bytes, str]]:
    """Each upload's bytes and shown name: refused (UploadRefused) over the desk's upload limit together."""
    limit, read = int(settings.DESK_MAX_UPLOAD), []
    for upload in uploads:
        data = upload.read(limit + 1)
        limit -= len(data)
        if limit < 0:
            raise UploadRefused(too_large(int(settings.DESK_MAX_UPLOAD)))
        read.append((data, upload_name(upload.name or "")))
    return read
