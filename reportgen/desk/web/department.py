"""A department's pages, reached through its secret link (no account): its own submissions and
findings, and the form to submit a document. The link's token is looked up by its SHA-256 (the token
itself is not kept); any other submission is not found from it."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.db import DatabaseError, IntegrityError, transaction
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from reportgen.base.errors import upload_name
from reportgen.base.oserrors import reason
from reportgen.desk.queue.jobs import waiting as queued
from reportgen.desk.record.models import (
    QUEUED,
    RESUBMITTED,
    RETURNED,
    RUNNING,
    SUBMITTED,
    Event,
    Job,
    Member,
    Submission,
    SubmittedFile,
)
from reportgen.desk.record.store import UploadFailed, UploadRefused, too_large, upload_kind
from reportgen.desk.web import page_views
from reportgen.desk.web.views import document_context, store, stored_response, token_digest


def member_of(token: str) -> Member:
    try:
        return Member.objects.get(token_digest=token_digest(token))
    except Member.DoesNotExist:
        raise Http404("没有这个提交链接") from None


def department_page(request: HttpRequest, token: str, error: str = "", status: int = 200) -> HttpResponse:
    member = member_of(token)
    submissions = list(member.submissions.defer("summary").select_related("job"))
    waiting = any(getattr(s, "job", None) is not None and s.job.state in (QUEUED, RUNNING) for s in submissions)
    places = {s.id: place for s in submissions if (job := getattr(s, "job", None)) is not None
              and (place := queued(job)) is not None}
    return render(request, "department.html.j2", {"member": member, "token": token, "submissions": submissions,
                                                  "error": error, "open": _may_submit(submissions), "waiting": waiting,
                                                  "places": places}, status=status)


def _may_submit(submissions: list[Submission]) -> bool:
    return not submissions or submissions[-1].state == RETURNED


MAX_FILES = 4  # files of one submission: a disclosure's 说明 and its 报表, a few at most


@require_POST
def upload(request: HttpRequest, token: str) -> HttpResponse:
    """A department's document received — one file, or the files one disclosure is printed in (its 说明 and its 报表),
    reviewed as one: their size bounded together (bounded.py refused a body declared past it before it was parsed),
    each one's kind told by its bytes, a zip judged by its directory, and only then kept in the store; the names they
    were sent with are shown (errors.upload_name), never a path."""
    member = member_of(token)
    limit = int(settings.DESK_MAX_UPLOAD)
    uploads = request.FILES.getlist("document")
    if not uploads:
        return department_page(request, token, "没有选择文件，或文件是空的，未接收：请提交预算公开文本的 PDF、Word 文档或工作簿", 400)
    try:
        if len(uploads) > MAX_FILES:
            raise UploadRefused(f"一次选了 {len(uploads)} 个文件，未接收：一份公开文本分为几个文件（如说明和报表）的，"
                                f"一次最多报送 {MAX_FILES} 个；不同的公开文本请分别报送")
        files, size = [], 0
        for uploaded in uploads:
            shown = upload_name(uploaded.name or "")
            data = uploaded.read(limit + 1 - size)
            size += len(data)
            if size > limit:
                raise UploadRefused(too_large(limit))
            files.append(Received(data, upload_kind(data, shown), shown))
        _submitted(member, files)
    except UploadRefused as exc:
        return department_page(request, token, str(exc), 503 if isinstance(exc, UploadFailed) else 400)
    finally:
        for uploaded in uploads:
            uploaded.close()
    return redirect("department", token)


@dataclass(frozen=True)
class Received:
    data: bytes
    kind: str  # by its bytes (store.upload_kind)
    given: str  # the name it was sent with, shown (errors.upload_name)


def _submitted(member: Member, files: list[Received]) -> Submission:
    """The upload kept and recorded at once, its row's state checked first (in the same transaction); anything
    failing on the way — a refused resubmission, the database, the disk — leaves no bytes in the store."""
    kept, new = store(), []
    try:
        with transaction.atomic():
            Member.objects.select_for_update().only("id").get(id=member.id)  # one upload of a row at a time
            last = member.submissions.order_by("-number").first()
            if not _may_submit([last] if last else []):
                raise UploadRefused(f"已报送的文件现在是“{last.state}”：审核单位退回之后才能重新报送" if last else "")
            digests = []
            for received in files:
                digest, made = kept.put_new(received.data)
                digests.append(digest)
                if made:
                    new.append(digest)
            return _recorded(member, last, list(zip(digests, files, strict=True)))
    except BaseException as exc:
        for digest in new:
            kept.let_go(digest)
        if isinstance(exc, (DatabaseError, OSError)):
            raise _failed(exc) from None
        raise


def _recorded(member: Member, last: Submission | None, files: list[tuple[str, Received]]) -> Submission:
    state = SUBMITTED if last is None else RESUBMITTED
    (digest, first), *more = files
    submission = Submission.objects.create(member=member, number=(last.number + 1) if last else 1, digest=digest,
                                           size=len(first.data), kind=first.kind, given_name=first.given, state=state)
    SubmittedFile.objects.bulk_create([SubmittedFile(submission=submission, number=number, digest=digest, size=len(f.data),
                                                     kind=f.kind, given_name=f.given)
                                       for number, (digest, f) in enumerate(more, start=2)])
    Job.objects.create(submission=submission)
    Event.objects.create(who=f"{member.name}（提交链接）", member=member, submission=submission,
                         before=last.state if last else "", after=state)
    return submission


def _failed(exc: BaseException) -> UploadRefused:
    if isinstance(exc, IntegrityError):  # the same row submitted twice at once: one is kept
        return UploadRefused("同时报送了两次，只接收了一次：请刷新页面查看")
    if isinstance(exc, OSError):
        return UploadFailed(f"审核台保存文件时出错（{reason(exc)}），这次报送未接收：请稍后再提交；一再出现时，请告知审核单位")
    return UploadFailed("审核台的数据库正忙或出错，这次报送未接收：请稍后再提交；一再出现时，请告知审核单位")


def department_document(request: HttpRequest, token: str, submission_id: int) -> HttpResponse:
    member = member_of(token)
    submission = get_object_or_404(Submission.objects.defer("summary").select_related("member"), id=submission_id,
                                   member=member)
    return render(request, "document.html.j2", {**document_context(submission, reviewer=False), "token": token})


def department_page_view(request: HttpRequest, token: str, submission_id: int, page: int) -> HttpResponse:
    member = member_of(token)
    submission = get_object_or_404(Submission.objects.defer("summary").select_related("member"), id=submission_id,
                                   member=member)
    return page_views.page_response(request, submission, page,
                                    reverse("department_page", args=(token, submission.id, 0))[:-1],
                                    reverse("department_document", args=(token, submission.id)), department=True)


def department_image(request: HttpRequest, token: str, submission_id: int, page: int) -> HttpResponse:
    member = member_of(token)
    submission = get_object_or_404(Submission.objects.defer("summary"), id=submission_id, member=member)
    digest, at = page_views.annotated_of(submission, page, department=True)
    return page_views.image_response(store().path(digest) if digest else None, at)


def department_file(request: HttpRequest, token: str, submission_id: int, what: str) -> HttpResponseBase:
    member = member_of(token)
    submission = get_object_or_404(Submission.objects.defer("summary"), id=submission_id, member=member)
    return stored_response(submission, what, department=True)
