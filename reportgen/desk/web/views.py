"""The reviewer's pages: sign-in (bounded: attempts.py), the register, the roster's import, a document's
findings (the verdicts, return, acceptance and publication posted from it are decisions.py's), its files,
the dismissed share per rule. Every POST carries Django's CSRF token; every change of a document's state is
an Event."""

from __future__ import annotations

import dataclasses
import hashlib
import secrets
import tempfile
from pathlib import Path
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth import authenticate, login, logout
from django.contrib.auth.decorators import login_required
from django.db import IntegrityError, transaction
from django.http import FileResponse, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST, require_safe

from reportgen.desk.queue.jobs import waiting
from reportgen.desk.record import precision
from reportgen.desk.record.inspection_export import FORMS, inspection_export
from reportgen.desk.record.models import (
    ACCEPTED,
    DISMISSED,
    PUBLISHED,
    RETURNED,
    REVIEWING,
    Disclosure,
    Finding,
    Member,
    Submission,
    unreviewed,
)
from reportgen.desk.record.progress import ORDER, Asked, chosen
from reportgen.desk.record.register import inspection_page, last_of, same
from reportgen.desk.record.store import ACCEPTED as KINDS
from reportgen.desk.record.store import Store
from reportgen.desk.web import attempts, page_views
from reportgen.desk.web.progress import download
from reportgen.paperwork.roster import Member as RosterRow
from reportgen.paperwork.roster import RosterRefused, read_roster

RELEASED = (RETURNED, ACCEPTED, PUBLISHED)  # a submission's findings reach its department once it stands so


def store() -> Store:
    return Store(Path(settings.DESK_DATA) / "store")


CSRF_REFUSED = "表单已过期或不是从审核台的页面提交的（缺少 CSRF 令牌），未处理：请回到上一页，刷新后再提交"


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    return render(request, "refused.html.j2", {"message": CSRF_REFUSED}, status=403)


def sign_in(request: HttpRequest) -> HttpResponse:
    error, status = "", 200
    if request.method == "POST":
        username, address = request.POST.get("username", ""), str(request.META.get("REMOTE_ADDR", ""))
        if attempts.barred(username, address):
            error, status = attempts.BARRED, 429
        elif (user := authenticate(request, username=username, password=request.POST.get("password", ""))) is not None:
            attempts.cleared(username, address)
            login(request, user)
            return redirect(_next(request))
        else:
            attempts.failed(username, address)
            error, status = "用户名或密码不对", 400
    return render(request, "login.html.j2", {"error": error, "next": request.GET.get("next", "")}, status=status)


def _next(request: HttpRequest) -> str:
    """Where a sign-in goes on: the page asked for, a path of the desk itself alone — not another site's, however
    written (//host, /\\host, a scheme, a control character a browser drops), which url_has_allowed_host_and_scheme
    tells as a browser reads it."""
    wanted = request.POST.get("next", "")
    on_desk = wanted.startswith("/") and url_has_allowed_host_and_scheme(wanted, allowed_hosts=None)
    return wanted if on_desk else reverse("register")


@require_POST
def sign_out(request: HttpRequest) -> HttpResponse:
    logout(request)
    return redirect("login")


@login_required
@require_safe
def register_page(request: HttpRequest) -> HttpResponse:
    """The register, a page of PAGE_ROWS rows at a time, filtered by state, by 逾期 and by words of a name."""
    asked = asked_of(request)
    page, total = chosen(asked)
    wanted = {k: v for k, v in (("state", asked.state), ("late", "1" if asked.late else ""), ("q", asked.words)) if v}
    return render(request, "register.html.j2", {"page": page, "rows": page.object_list, "total": total, "asked": asked,
                                                "states": ORDER, "query": urlencode(wanted),
                                                "kinds": sorted(set(KINDS.values()))})


def asked_of(request: HttpRequest) -> Asked:
    """The register's filters from the page's query (a state it does not know, or a page that is no number, as none)."""
    state = request.GET.get("state", "")
    number = request.GET.get("page", "1")
    words = "".join(char for char in request.GET.get("q", "")[:1000] if char.isprintable()).strip()[:100]  # no NUL,
    # control or bidi character: no name holds one as typed (the roster shows them as marks), and PostgreSQL takes no NUL
    return Asked(state if state in ORDER else "", request.GET.get("late") == "1", words,
                 int(number) if number.isascii() and number.isdigit() and len(number) < 9 else 1)


@login_required
def inspection(request: HttpRequest) -> HttpResponse:
    return HttpResponse(inspection_page(_on_desk), content_type="text/html; charset=utf-8")


@login_required
@require_safe
def inspection_file(request: HttpRequest, form: str) -> HttpResponse:
    """The 检查表 as XLSX or DOCX (inspection_export: the page's table, cell for cell), else 404."""
    if form not in FORMS:
        return HttpResponse(status=404)
    data, kind = inspection_export(inspection_page(_on_desk), form)
    response = HttpResponse(data, content_type=kind)
    response["Content-Disposition"] = f'attachment; filename="inspection-{timezone.localdate().isoformat()}.{form}"'
    return response


def _on_desk(submission_id: int, what: str) -> str:
    """A submission's page (``what`` "") or its stored file ``what`` on the desk: the 检查表's links."""
    if what:
        return reverse("file", args=[submission_id, what])
    return reverse("document", args=[submission_id])


@login_required
@require_POST
def import_roster(request: HttpRequest) -> HttpResponse:
    upload = request.FILES.get("roster")
    if upload is None:
        return refused_page(request, "没有选择名单文件")
    try:
        members = _read_roster(upload.read(), upload.name or "名单")
    except RosterRefused as exc:
        return refused_page(request, str(exc))
    try:
        links = _added(members)
    except IntegrityError:
        return refused_page(request, "另一位审核人员正在同时导入名单，这次导入未完成，没有增加任何一行：请再导入一次"
                                     "（已导入的行不会重复）")
    return render(request, "links.html.j2", {"links": [(m, link(t)) for m, t in links]})


def _read_roster(data: bytes, given: str) -> list[RosterRow]:
    """The roster read from a temporary copy (review/roster.py read_roster, as `review --roster`), its
    places told by the name it was given."""
    with tempfile.TemporaryDirectory(dir=Path(settings.DESK_DATA) / "work") as folder:
        path = Path(folder) / "名单"
        path.write_bytes(data)
        try:
            members = read_roster(path)
        except RosterRefused as exc:
            raise RosterRefused(str(exc).replace(str(path), given)) from None
    return [dataclasses.replace(m, place=m.place.replace(str(path), given)) for m in members]


def _added(members: list[RosterRow]) -> list[tuple[Member, str]]:
    """The roster's rows not yet in the desk — a row the roster holds twice once — each with its new link's token
    (shown once: only its digest is kept); read and written in one transaction, a row's key unique in the table
    (models.Member): of two imports at once, one adds the rows and the other is refused."""
    made: list[tuple[Member, str]] = []
    with transaction.atomic():
        known = {roster_key(m) for m in Member.objects.all()}
        start = Member.objects.count()
        for row in members:
            if roster_key(row) in known:
                continue
            known.add(roster_key(row))
            token = secrets.token_urlsafe(24)
            member = Member.objects.create(position=start + len(made), name=row.name, kind=row.kind, parent=row.parent,
                                           approved=row.approved, published=row.published, year=row.year,
                                           final=row.final, place=row.place, hidden=row.hidden,
                                           token_digest=token_digest(token))
            made.append((member, token))
    return made


def roster_key(row: Member | RosterRow) -> tuple[str, str, str, int | None, bool | None]:
    """What tells one roster row from another (the table's unique key: models.Member)."""
    return row.name, row.kind, row.parent, row.year, row.final


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


@login_required
@require_POST
def new_link(request: HttpRequest, member_id: int) -> HttpResponse:
    member = get_object_or_404(Member, id=member_id)
    token = secrets.token_urlsafe(24)
    member.token_digest = token_digest(token)
    member.save(update_fields=["token_digest"])
    return render(request, "links.html.j2", {"links": [(member, link(token))]})


def link(token: str) -> str:
    """A submission link, on the desk's own address (settings.Site), never on the Host a request named."""
    return str(settings.DESK_ADDRESS) + reverse("department", args=[token])


@login_required
def member_page(request: HttpRequest, member_id: int) -> HttpResponse:
    member = get_object_or_404(Member, id=member_id)
    return render(request, "member.html.j2", {"member": member, "submissions": member.submissions.defer("summary"),
                                              "events": member.events.all()})


@login_required
def document_page(request: HttpRequest, submission_id: int) -> HttpResponse:
    submission = get_object_or_404(Submission.objects.defer("summary").select_related("member", "job"), id=submission_id)
    return render(request, "document.html.j2", document_context(submission, reviewer=True))


def document_context(submission: Submission, reviewer: bool) -> dict[str, object]:
    """What a document's page shows: the reviewer's, or the department's own — no verdict forms, no note, and
    findings only once the reviewer released them (returned or accepted), those not dismissed alone. A submission
    held for the reviewer is compared with none (its findings are not told fixed by another document)."""
    released = reviewer or submission.state in RELEASED
    last, resolved = _fixed_since(submission, reviewer, released)
    job = getattr(submission, "job", None)
    disclosures = [(d, [f for f in d.findings.all() if shown(f, reviewer, released)])
                   for d in submission.disclosures.defer("summary")]
    events = list(submission.events.select_related("finding"))
    return {"submission": submission, "findings": [f for f in submission.findings.filter(disclosure=None)
                                                   if shown(f, reviewer, released)],
            "resolved": resolved, "last": last, "job": job, "reviewer": reviewer, "released": released,
            "events": events, "seen": max((e.id for e in events), default=0),
            "today": timezone.localdate(), "decidable": submission.state == REVIEWING and submission.outcome != "",
            "disclosures": disclosures, "unreviewed": unreviewed(submission),
            "place": waiting(job) if job is not None else None,
            "errors": submission.findings.filter(severity="error").exclude(verdict=DISMISSED).count()}


def _fixed_since(submission: Submission, reviewer: bool, released: bool) -> tuple[Submission | None, list[Finding]]:
    """The document the submission followed (none while unreleased, or held for the reviewer) and its findings the
    submission no longer has: those the department sees (none it dismissed) where it is not the reviewer."""
    last = last_of(submission) if released and not submission.held else None
    if last is None:
        return None, []
    now = list(submission.findings.all())
    return last, [f for f in last.findings.all() if not any(same(f, n) for n in now) and (reviewer or f.verdict != DISMISSED)]


def shown(finding: Finding, reviewer: bool, released: bool) -> bool:
    """Whether a finding is shown: to the reviewer, every one; to the department, once released, those not dismissed."""
    return reviewer or (released and finding.verdict != DISMISSED)


@login_required
def annotated_page(request: HttpRequest, submission_id: int, page: int) -> HttpResponse:
    submission = get_object_or_404(Submission.objects.defer("summary").select_related("member"), id=submission_id)
    return page_views.page_response(request, submission, page, reverse("page", args=(submission.id, 0))[:-1],
                                    reverse("document", args=(submission.id,)))


@login_required
def annotated_image(request: HttpRequest, submission_id: int, page: int) -> HttpResponse:
    submission = get_object_or_404(Submission.objects.defer("summary"), id=submission_id)
    digest, at = page_views.annotated_of(submission, page)
    return page_views.image_response(store().path(digest) if digest else None, at)


@login_required
def stored_file(request: HttpRequest, submission_id: int, what: str) -> HttpResponseBase:
    submission = get_object_or_404(Submission.objects.defer("summary"), id=submission_id)
    return stored_response(submission, what)


_PARTS_DIGITS = 4  # a disclosure's number in a file's: “annotated-2” (never a number the database cannot hold)
_PARTS = ("annotated", "notice", "findings")  # what a disclosure of a file of several has of its own


def _stored(kept: Submission | Disclosure, what: str, department: bool) -> tuple[str, str]:
    """The digest and kind of what ``kept`` (a submission, or a disclosure of its file) holds under ``what``; its
    department's annotated copy is the one handed back (the findings not dismissed alone), never the worker's."""
    if what == "original" and isinstance(kept, Submission):
        return kept.digest, kept.kind
    return {"annotated": (kept.handed if department else kept.annotated, "pdf"), "notice": (kept.notice, "docx"),
            "findings": (kept.notice_table, "xlsx")}.get(what, ("", ""))


def _numbered(submission: Submission, what: str, department: bool) -> tuple[str, str] | None:
    """What ``what`` names by a number: one disclosure's part of a file of several (“annotated-2”), or a further file
    submitted with it (“original-2”) — its digest and kind ("" where it holds none); None: ``what`` names no number."""
    what_part, _, number = what.rpartition("-")
    if not (number.isascii() and number.isdigit() and len(number) <= _PARTS_DIGITS):
        return None
    if what_part in _PARTS:
        disclosure = submission.disclosures.defer("summary").filter(number=int(number)).first()
        return _stored(disclosure, what_part, department) if disclosure is not None else ("", "")
    if what_part == "original":
        beside = submission.files.filter(number=int(number)).first()  # a further file submitted with it
        return (beside.digest, beside.kind) if beside is not None else ("", "")
    return None


def stored_response(submission: Submission, what: str, department: bool = False) -> HttpResponseBase:
    """The file as received, its annotated copy or its notice, from the store (never by a given name)."""
    digest, kind = _numbered(submission, what, department) or _stored(submission, what, department)
    if not digest:
        return HttpResponse(status=404)
    types = {"pdf": "application/pdf", "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
             "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
             "doc": "application/msword", "rtf": "application/rtf"}
    response = FileResponse(open(store().path(digest), "rb"), content_type=types.get(kind, "application/octet-stream"))
    response["Content-Disposition"] = f'inline; filename="{what}-{submission.id}.{kind}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
def precision_page(request: HttpRequest) -> HttpResponse:
    return render(request, "precision.html.j2", {"rules": precision.per_rule()})


@login_required
def precision_export(request: HttpRequest, form: str) -> HttpResponse:
    return download(form, precision.export, "precision")


def refused_page(request: HttpRequest, message: str) -> HttpResponse:
    return render(request, "refused.html.j2", {"message": message}, status=400)
