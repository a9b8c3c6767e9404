"""The reviewer's pages: sign-in, the register, the roster's import, a document's findings with their
verdicts, its return with the 整改通知, its acceptance and publication, the dismissed share per rule.
Every POST carries Django's CSRF token; every change of a document's state is an Event."""

from __future__ import annotations

import dataclasses
import hashlib
import secrets
import tempfile
from datetime import date
from pathlib import Path

from django.conf import settings
from django.contrib.auth import authenticate, login, logout
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import FileResponse, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from reportgen.desk import page_views, precision
from reportgen.desk.models import (
    ACCEPTED,
    CONFIRMED,
    DISMISSED,
    PUBLISHED,
    RETURNED,
    REVIEWING,
    Disclosure,
    Event,
    Finding,
    Member,
    Submission,
)
from reportgen.desk.register import inspection_page, rows
from reportgen.desk.reviewing import unpickled
from reportgen.desk.settings import DeskRefused
from reportgen.desk.store import ACCEPTED as KINDS
from reportgen.desk.store import Store
from reportgen.document import Document
from reportgen.errors import ReportgenError
from reportgen.review.handback import Issued, notice, notice_docx
from reportgen.review.roster import Member as RosterRow
from reportgen.review.roster import RosterRefused, read_roster
from reportgen.writers.xlsx import xlsx_bytes


def store() -> Store:
    return Store(Path(settings.DESK_DATA) / "store")


CSRF_REFUSED = "表单已过期或不是从审核台的页面提交的（缺少 CSRF 令牌），未处理：请回到上一页，刷新后再提交"


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    return render(request, "refused.html.j2", {"message": CSRF_REFUSED}, status=403)


def sign_in(request: HttpRequest) -> HttpResponse:
    error = ""
    if request.method == "POST":
        user = authenticate(request, username=request.POST.get("username", ""), password=request.POST.get("password", ""))
        if user is not None:
            login(request, user)
            return redirect(_next(request))
        error = "用户名或密码不对"
    return render(request, "login.html.j2", {"error": error, "next": request.GET.get("next", "")},
                  status=400 if error else 200)


def _next(request: HttpRequest) -> str:
    wanted = request.POST.get("next", "")
    return wanted if wanted.startswith("/") and not wanted.startswith("//") else reverse("register")


@require_POST
def sign_out(request: HttpRequest) -> HttpResponse:
    logout(request)
    return redirect("login")


@login_required
def register_page(request: HttpRequest) -> HttpResponse:
    return render(request, "register.html.j2", {"rows": rows(), "kinds": sorted(set(KINDS.values()))})


@login_required
def inspection(request: HttpRequest) -> HttpResponse:
    return HttpResponse(inspection_page(), content_type="text/html; charset=utf-8")


@login_required
@require_POST
def import_roster(request: HttpRequest) -> HttpResponse:
    upload = request.FILES.get("roster")
    if upload is None:
        return _refused(request, "没有选择名单文件")
    try:
        members = _read_roster(upload.read(), upload.name or "名单")
    except RosterRefused as exc:
        return _refused(request, str(exc))
    links = _added(members)
    return render(request, "links.html.j2", {"links": [(m, request.build_absolute_uri(reverse("department", args=[t])))
                                                       for m, t in links]})


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
    """The roster's rows not yet in the desk, each with its new link's token (shown once: only its digest is kept)."""
    known = {(m.name, m.kind, m.parent, m.year, m.final) for m in Member.objects.all()}
    start = Member.objects.count()
    made: list[tuple[Member, str]] = []
    with transaction.atomic():
        for row in members:
            if (row.name, row.kind, row.parent, row.year, row.final) in known:
                continue
            token = secrets.token_urlsafe(24)
            member = Member.objects.create(position=start + len(made), name=row.name, kind=row.kind, parent=row.parent,
                                           approved=row.approved, published=row.published, year=row.year,
                                           final=row.final, place=row.place, hidden=row.hidden,
                                           token_digest=token_digest(token))
            made.append((member, token))
    return made


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


@login_required
@require_POST
def new_link(request: HttpRequest, member_id: int) -> HttpResponse:
    member = get_object_or_404(Member, id=member_id)
    token = secrets.token_urlsafe(24)
    member.token_digest = token_digest(token)
    member.save(update_fields=["token_digest"])
    return render(request, "links.html.j2", {"links": [(member, request.build_absolute_uri(reverse("department", args=[token])))]})


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
    """What a document's page shows (the reviewer's, or the department's own: no verdict forms)."""
    from reportgen.desk.jobs import place  # deferred: the queue's module imports the review (a worker's)

    last = Submission.objects.filter(member=submission.member, number__lt=submission.number).order_by("-number").first()
    now = {place(f) for f in submission.findings.all()}
    resolved = [f for f in last.findings.all() if place(f) not in now] if last is not None else []
    job = getattr(submission, "job", None)
    disclosures = [(d, list(d.findings.all())) for d in submission.disclosures.defer("summary")]
    return {"submission": submission, "findings": submission.findings.filter(disclosure=None), "resolved": resolved,
            "last": last, "job": job, "reviewer": reviewer, "events": submission.events.all(),
            "today": timezone.localdate(), "decidable": submission.state == REVIEWING and submission.outcome != "",
            "disclosures": disclosures}


@login_required
@require_POST
def verdicts(request: HttpRequest, submission_id: int) -> HttpResponse:
    submission = get_object_or_404(Submission, id=submission_id)
    with transaction.atomic():
        for finding in submission.findings.all():
            _verdict(request, submission, finding)
    return redirect("document", submission.id)


def _verdict(request: HttpRequest, submission: Submission, finding: Finding) -> None:
    verdict = request.POST.get(f"verdict-{finding.key}", "")
    note = request.POST.get(f"note-{finding.key}", "").strip()
    if verdict not in (CONFIRMED, DISMISSED) or (verdict == finding.verdict and note == finding.note):
        return
    Event.objects.create(who=request.user.get_username(), member_id=submission.member_id, submission=submission,
                         finding=finding, before=finding.verdict, after=verdict, note=note)
    finding.verdict, finding.note = verdict, note
    finding.save(update_fields=["verdict", "note"])


@login_required
@require_POST
def return_document(request: HttpRequest, submission_id: int) -> HttpResponse:
    submission = get_object_or_404(Submission.objects.select_related("member"), id=submission_id)
    try:
        issued = _issued(request)
        digests = _notices(submission, issued) if submission.disclosures.exists() else _notice(submission, issued)
    except ReportgenError as exc:
        return _refused(request, str(exc))
    submission.notice, submission.notice_table = digests
    submission.issuer, submission.issued, submission.deadline = issued.issuer, issued.dated, issued.deadline
    submission.save(update_fields=["notice", "notice_table", "issuer", "issued", "deadline"])
    return _moved(request, submission, RETURNED, (REVIEWING,))


def _issued(request: HttpRequest) -> Issued:
    issuer = request.POST.get("issuer", "").strip()
    if not issuer:
        raise DeskRefused("请填写发出整改通知的单位（如 某某区财政局）")
    issued = _date(request.POST.get("issued", ""), "通知日期")
    deadline = _date(request.POST.get("deadline", ""), "整改期限")
    if deadline < issued:
        raise DeskRefused(f"整改期限 {deadline} 早于通知日期 {issued}：请改正")
    return Issued(issuer, issued, deadline)


def _date(text: str, what: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise DeskRefused(f"{what}写作“{text[:40]}”：应为日期，如 2025-03-01") from None


def _notice(submission: Submission, issued: Issued) -> tuple[str, str]:
    """The 整改通知 of the findings not dismissed (review/handback.py) and its table of findings as an XLSX, both
    from one Document (as `review -o` hands them back), kept in the store: their digests."""
    if submission.summary is None:
        raise DeskRefused("这份文件还没有审核完，不能退回")
    _, marks, title, kind = unpickled(bytes(submission.summary))
    dismissed = set(submission.findings.filter(verdict=DISMISSED).values_list("number", flat=True))
    kept = [m for m in marks if m.number not in dismissed]
    annotated = "标注的 PDF" if submission.annotated else ""
    document = notice(_title(submission, ""), submission.member.name, kind or submission.member.kind, kept, annotated,
                      issued, _title(submission, title) if title else "")
    if document is None:
        raise DeskRefused("没有未驳回的问题，不用退回：可以审核通过")
    return _kept(document)


def _kept(notice: Document) -> tuple[str, str]:
    return store().put_bytes(notice_docx(notice)), store().put_bytes(xlsx_bytes(notice))


def _notices(submission: Submission, issued: Issued) -> tuple[str, str]:
    """A file of several disclosures returned: each disclosure's 整改通知 of its findings not dismissed, to its
    owner, and its table (XLSX), kept with it (its pages' findings, numbered as its annotated copy numbers them);
    none for the file's own."""
    notices: dict[int, tuple[str, str]] = {}
    for disclosure in submission.disclosures.all():
        if disclosure.summary is None:
            raise DeskRefused("这份文件还没有审核完，不能退回")
        _, marks, title, kind = unpickled(bytes(disclosure.summary))
        dismissed = set(disclosure.findings.filter(verdict=DISMISSED).values_list("number", flat=True))
        kept = [m for m in marks if m.number not in dismissed]
        document = notice(_title(submission, disclosure.named), disclosure.owner or submission.member.name,
                          kind or disclosure.kind, kept, "标注的 PDF" if disclosure.annotated else "", issued,
                          _title(submission, title) if title else "")
        if document is not None:
            notices[disclosure.id] = _kept(document)
    if not notices:
        raise DeskRefused("没有未驳回的问题，不用退回：可以审核通过")
    with transaction.atomic():
        for disclosure in submission.disclosures.all():
            disclosure.notice, disclosure.notice_table = notices.get(disclosure.id, ("", ""))
            disclosure.save(update_fields=["notice", "notice_table"])
    return "", ""


def _title(submission: Submission, title: str) -> str:
    return f"{title or submission.member.name}（第 {submission.number} 次报送）"


@login_required
@require_POST
def accept(request: HttpRequest, submission_id: int) -> HttpResponse:
    submission = get_object_or_404(Submission.objects.select_related("member"), id=submission_id)
    return _moved(request, submission, ACCEPTED, (REVIEWING,))


@login_required
@require_POST
def publish(request: HttpRequest, submission_id: int) -> HttpResponse:
    submission = get_object_or_404(Submission.objects.select_related("member"), id=submission_id)
    try:
        published = _date(request.POST.get("published", ""), "公开日期")
    except DeskRefused as exc:
        return _refused(request, str(exc))
    member = submission.member
    if published < member.approved:
        return _refused(request, f"公开日期 {published} 早于批复日期 {member.approved}：请改正")
    if submission.state == ACCEPTED:
        for published_too in (member, *_printed_for(submission, published)):
            published_too.published = published
            published_too.save(update_fields=["published"])
    return _moved(request, submission, PUBLISHED, (ACCEPTED,))


def _printed_for(submission: Submission, published: date) -> list[Member]:
    """The roster rows whose disclosures the submitted file prints (a department's file with its units'), that
    have no submission of their own: published with it, on ``published`` — never before a row's own 批复."""
    return [row.member for row in rows() if row.latest is None and row.member.published is None
            and any(d.submission_id == submission.id for d in row.within)
            and row.member.approved <= published]


def _moved(request: HttpRequest, submission: Submission, after: str, froms: tuple[str, ...]) -> HttpResponse:
    """The submission moved to ``after`` when it stands in one of ``froms`` (an Event), else refused."""
    with transaction.atomic():
        if not Submission.objects.filter(id=submission.id, state__in=froms).update(state=after):
            return _refused(request, f"这份文件现在是“{submission.state}”，不能改为“{after}”")
        Event.objects.create(who=request.user.get_username(), member_id=submission.member_id, submission=submission,
                             before=submission.state, after=after)
    return redirect("document", submission.id)


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


def _stored(kept: Submission | Disclosure, what: str) -> tuple[str, str]:
    """The digest and kind of what ``kept`` (a submission, or a disclosure of its file) holds under ``what``."""
    if what == "original" and isinstance(kept, Submission):
        return kept.digest, kept.kind
    return {"annotated": (kept.annotated, "pdf"), "notice": (kept.notice, "docx"),
            "findings": (kept.notice_table, "xlsx")}.get(what, ("", ""))


def stored_response(submission: Submission, what: str) -> HttpResponseBase:
    """The file as received, its annotated copy or its notice, from the store (never by a given name)."""
    digest, kind = _stored(submission, what)
    what_part, _, number = what.rpartition("-")
    if what_part in _PARTS and number.isascii() and number.isdigit() and len(number) <= _PARTS_DIGITS:  # one disclosure's
        disclosure = submission.disclosures.defer("summary").filter(number=int(number)).first()
        if disclosure is not None:
            digest, kind = _stored(disclosure, what_part)
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
    if form not in ("csv", "xlsx"):
        return HttpResponse(status=404)
    data, kind = precision.export(form)
    response = HttpResponse(data, content_type=kind)
    response["Content-Disposition"] = f'attachment; filename="precision.{form}"'
    return response


def _refused(request: HttpRequest, message: str) -> HttpResponse:
    return render(request, "refused.html.j2", {"message": message}, status=400)
