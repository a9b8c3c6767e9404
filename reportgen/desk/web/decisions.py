"""A reviewer's decisions on a submission — verdicts on its findings, its return with the 整改通知, its
acceptance, its publication — each made in one transaction: the submission's row locked (select_for_update;
on SQLite the IMMEDIATE transaction holds the database's write lock), the page the reviewer decided on
checked to be current (``seen``: the last event it showed — a second reviewer's stale form is refused with
what changed since), the state's rules checked, and only then anything written, with its event. A refused
request changes nothing.

The rules: a document 未能审核 is never 审核通过 nor 记为已公开, and may always be 退回 (the department can
then submit it again); 审核通过 over error findings not dismissed needs a stated reason, kept in the event."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.views.decorators.http import require_POST

from reportgen.base.errors import ReportgenError
from reportgen.desk.record.models import (
    ACCEPTED,
    CONFIRMED,
    DISMISSED,
    PUBLISHED,
    RETURNED,
    REVIEWING,
    TAKEN,
    Event,
    Finding,
    Member,
    Submission,
    unreviewed,
)
from reportgen.desk.record.register import compared, notes
from reportgen.desk.record.shown import visible
from reportgen.desk.settings import DeskRefused
from reportgen.desk.web.notices import Issued, date_of, issued_of, notices_of
from reportgen.desk.web.views import refused_page


@login_required
@require_POST
def verdicts(request: HttpRequest, submission_id: int) -> HttpResponse:
    return _decided(request, submission_id, _verdicts)


@login_required
@require_POST
def return_document(request: HttpRequest, submission_id: int) -> HttpResponse:
    try:
        issued = issued_of(request.POST)
    except ReportgenError as exc:
        return refused_page(request, str(exc))
    return _decided(request, submission_id, lambda r, s: _returned(r, s, issued))


@login_required
@require_POST
def accept(request: HttpRequest, submission_id: int) -> HttpResponse:
    return _decided(request, submission_id, _accepted)


@login_required
@require_POST
def take(request: HttpRequest, submission_id: int) -> HttpResponse:
    return _decided(request, submission_id, _taken)


@login_required
@require_POST
def publish(request: HttpRequest, submission_id: int) -> HttpResponse:
    try:
        published = date_of(request.POST.get("published", ""), "公开日期")
    except ReportgenError as exc:
        return refused_page(request, str(exc))
    return _decided(request, submission_id, lambda r, s: _published(r, s, published))


def _decided(request: HttpRequest, submission_id: int, decide: Callable[[HttpRequest, Submission], None]) -> HttpResponse:
    """``decide`` run on the submission locked and checked current, in one transaction; refused: nothing written."""
    get_object_or_404(Submission.objects.only("id"), id=submission_id)
    try:
        with transaction.atomic():
            submission = Submission.objects.select_for_update().defer("summary").get(id=submission_id)
            _current(request, submission)
            decide(request, submission)
    except ReportgenError as exc:
        return refused_page(request, str(exc))
    return redirect("document", submission_id)


def _current(request: HttpRequest, submission: Submission) -> None:
    """Refused when the page the reviewer decided on is no longer current: what happened since, and by whom."""
    try:
        seen = int(request.POST.get("seen", ""))
    except ValueError:
        raise DeskRefused("表单缺少页面的版本，未处理：请刷新页面后再提交") from None
    newer = list(Event.objects.filter(submission=submission, id__gt=seen).select_related("finding"))
    if newer:
        raise DeskRefused("你打开这一页之后，这份文件有了变化，未处理：" + "；".join(_change(e) for e in newer)
                          + "。请刷新页面，看过这些变化后再决定")


def _change(event: Event) -> str:
    when = timezone.localtime(event.when).strftime("%H:%M:%S")
    if event.finding is not None:
        return f"{visible(event.who)} {when} 把问题 {event.finding.number} 标为“{event.after}”"
    return f"{visible(event.who)} {when} 把状态从“{event.before or '—'}”改为“{event.after}”"


def _moved(request: HttpRequest, submission: Submission, after: str, froms: tuple[str, ...], note: str = "") -> None:
    """The submission moved to ``after`` (checked to stand in one of ``froms`` first), with its event."""
    _standing(submission, after, froms)
    Event.objects.create(who=request.user.get_username(), member_id=submission.member_id, submission=submission,
                         before=submission.state, after=after, note=note)
    Submission.objects.filter(id=submission.id).update(state=after)


def _standing(submission: Submission, after: str, froms: tuple[str, ...]) -> None:
    if submission.state not in froms:
        raise DeskRefused(f"这份文件现在是“{submission.state}”，不能改为“{after}”")
    if submission.state == REVIEWING and not submission.outcome:
        raise DeskRefused(f"这份文件还没有审核完，不能改为“{after}”")


def _verdicts(request: HttpRequest, submission: Submission) -> None:
    for finding in submission.findings.all():
        _verdict(request, submission, finding)


def _verdict(request: HttpRequest, submission: Submission, finding: Finding) -> None:
    verdict = request.POST.get(f"verdict-{finding.key}", "")
    note = request.POST.get(f"note-{finding.key}", "").strip()
    if verdict not in (CONFIRMED, DISMISSED) or (verdict == finding.verdict and note == finding.note):
        return
    Event.objects.create(who=request.user.get_username(), member_id=submission.member_id, submission=submission,
                         finding=finding, before=finding.verdict, after=verdict, note=note)
    finding.verdict, finding.note = verdict, note
    finding.save(update_fields=["verdict", "note"])


def _returned(request: HttpRequest, submission: Submission, issued: Issued) -> None:
    """Returned with its 整改通知 of the findings not dismissed, and its annotated copy of those alone; a document
    未能审核 with none when it has none; a document held (not the row's, or the bytes of an earlier submission) with
    none, and what was found."""
    _standing(submission, RETURNED, (REVIEWING,))
    why = unreviewed(submission)
    if submission.held:
        made = ("", "", "")
        note = str(notes().returned_held(submission.held))
    else:
        made = notices_of(submission, issued, bool(why))
        note = f"未能审核，请重新报送：{why}" if why else ""
    submission.notice, submission.notice_table, submission.handed = made
    submission.issuer, submission.issued, submission.deadline = issued.issuer, issued.dated, issued.deadline
    submission.save(update_fields=["notice", "notice_table", "handed", "issuer", "issued", "deadline"])
    _moved(request, submission, RETURNED, (REVIEWING,), note)


def _taken(request: HttpRequest, submission: Submission) -> None:
    """A submission held for the reviewer taken as its row's: compared with the last, its dismissals carried."""
    _standing(submission, TAKEN, (REVIEWING,))
    if not submission.held:
        raise DeskRefused("这份文件没有待核对的情况，不用确认")
    who = request.user.get_username()
    Event.objects.create(who=who, member_id=submission.member_id, submission=submission, before=REVIEWING, after=TAKEN,
                         note=str(notes().taken(submission.held)))
    Submission.objects.filter(id=submission.id).update(held="")
    compared(submission, who)


def _accepted(request: HttpRequest, submission: Submission) -> None:
    _standing(submission, ACCEPTED, (REVIEWING,))
    why = unreviewed(submission)
    if why:
        raise DeskRefused(f"这份文件未能审核（{why}），不能审核通过：请退回，请对方重新报送")
    if submission.held:
        raise DeskRefused(f"这份文件待核对（{submission.held}），不能审核通过：请先确认它是本行的报送，或退回")
    reason = request.POST.get("reason", "").strip()
    errors = submission.findings.filter(severity="error").exclude(verdict=DISMISSED).count()
    if errors and not reason:
        raise DeskRefused(f"这份文件还有 {errors} 处错误没有驳回：审核通过须写明理由（填在“通过理由”中），"
                          "或先驳回这些问题，或退回")
    _moved(request, submission, ACCEPTED, (REVIEWING,), f"有 {errors} 处错误未驳回，通过理由：{reason}" if errors else reason)


def _published(request: HttpRequest, submission: Submission, published: date) -> None:
    _standing(submission, PUBLISHED, (ACCEPTED,))
    why = unreviewed(submission)
    if why:
        raise DeskRefused(f"这份文件未能审核（{why}），不能记为已公开")
    member = Member.objects.get(id=submission.member_id)
    if published < member.approved:
        raise DeskRefused(f"公开日期 {published} 早于批复日期 {member.approved}：请改正")
    for published_too in (member, *_printed_for(submission, published)):
        published_too.published = published
        published_too.save(update_fields=["published"])
    _moved(request, submission, PUBLISHED, (ACCEPTED,))


def _printed_for(submission: Submission, published: date) -> list[Member]:
    """The roster rows whose disclosures the submitted file prints (a department's file with its units'), that
    have no submission of their own: published with it, on ``published`` — never before a row's own 批复."""
    from reportgen.desk.record.register import rows  # deferred: the register reads the review's modules

    return [row.member for row in rows() if row.latest is None and row.member.published is None
            and any(d.submission_id == submission.id for d in row.within)
            and row.member.approved <= published]
