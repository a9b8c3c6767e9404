"""Is the document published online the one the bureau approved (issue 81 part 5)? The reviewer uploads the
published file against a row's approved submission (已通过 or 已公开), and the page tells: the same bytes, or the same
words and figures, or each difference (reportgen/versions.py over the diff core). Nothing is kept: the upload's
kind is told by its bytes as a department's is (store.upload_kind), it is read from a temporary folder, compared
and let go."""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from reportgen.desk.record.models import ACCEPTED, PUBLISHED, Submission
from reportgen.desk.record.store import SUFFIXES, UploadRefused, too_large, upload_kind
from reportgen.desk.web.views import store
from reportgen.errors import upload_name
from reportgen.readers.unreadable import Unreadable
from reportgen.versions import APPROVED, Versions, versions_compared
from reportgen.versions import PUBLISHED as PUBLISHED_TEXT


@dataclass(frozen=True)
class Checked:
    """What the check found: the approved submission, the published file's name, and the two texts compared
    (None: the very bytes approved)."""

    submission: Submission
    given: str
    versions: Versions | None


def compared(submission: Submission, data: bytes, given: str) -> Checked:
    """The published bytes against the submission's file(s), each copied from the store under a name of the desk's."""
    kind = upload_kind(data, given)
    approved = [(submission.digest, submission.kind), *submission.files.values_list("digest", "kind")]
    with tempfile.TemporaryDirectory(dir=Path(settings.DESK_DATA) / "work") as folder:
        paths = []
        for number, (digest, its_kind) in enumerate(approved, start=1):
            paths.append(Path(folder) / f"{APPROVED}（{number}）{SUFFIXES.get(its_kind, '')}")
            paths[-1].write_bytes(store().path(digest).read_bytes())
        published = Path(folder) / f"{PUBLISHED_TEXT}{SUFFIXES.get(kind, '')}"
        published.write_bytes(data)
        return Checked(submission, given, versions_compared(paths, published))


def approved() -> list[Submission]:
    """Each submission a published document may be checked against: approved (已通过) or published (已公开)."""
    return list(Submission.objects.defer("summary").select_related("member").filter(state__in=(ACCEPTED, PUBLISHED)))


@login_required
def check_page(request: HttpRequest) -> HttpResponse:
    candidates = approved()
    context: dict[str, object] = {"approved": candidates, "checked": None, "error": "", "unchosen": False}
    if request.method != "POST":
        return render(request, "published.html.j2", context)
    submission = next((s for s in candidates if str(s.id) == request.POST.get("submission", "")), None)
    upload, status = request.FILES.get("published"), 400
    if submission is None or upload is None:
        context["unchosen"] = True
        return render(request, "published.html.j2", context, status=status)
    limit, given = int(settings.DESK_MAX_UPLOAD), upload_name(upload.name or "")
    try:
        data = upload.read(limit + 1)
        if len(data) > limit:
            raise UploadRefused(too_large(limit))
        context["checked"], status = compared(submission, data, given), 200
    except UploadRefused as exc:
        context["error"] = str(exc)
    except Unreadable as exc:
        context["error"] = exc.reason
    finally:
        upload.close()
    return render(request, "published.html.j2", context, status=status)
