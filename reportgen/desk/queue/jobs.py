"""The review queue in the database: a worker claims the oldest job that is queued, or whose worker's
lease ran out (the worker died, or the desk was stopped mid-review), by one conditional UPDATE — of
two workers that read the same job, one claims it and the other tries the next — and renews its lease
while it reviews (a heartbeat). Nothing is lost: a job is done only once its findings are saved, in
the same transaction. Nothing is claimed forever: a job claimed MAX_CLAIMS times (its workers died on it) or
whose file is no longer in the store is given up, its submission 未能审核 with why — to be returned."""

from __future__ import annotations

import math
import os
import statistics
import threading
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone

from reportgen.desk.record.models import (
    DONE,
    GIVEN_UP,
    HELD,
    QUEUED,
    REVIEWING,
    RUNNING,
    UNREVIEWED,
    Disclosure,
    Event,
    Finding,
    Job,
    Submission,
)
from reportgen.desk.record.register import compared, held_for
from reportgen.desk.record.reviewing import Reviewed, ReviewedPart
from reportgen.desk.record.store import Store
from reportgen.paperwork.register import Known

LEASE = timedelta(seconds=60)
MAX_CLAIMS = 3  # a job claimed this often and never finished is given up: its file kills or fails every worker


def claim(worker: str, lease: timedelta = LEASE) -> Job | None:
    """The next job, claimed for ``worker`` until now + ``lease``; None when there is none. A job claimed
    MAX_CLAIMS times already (each of its workers died or failed on it) is given up, not claimed again."""
    for _ in range(20):
        now = timezone.now()
        free = Q(state=QUEUED) | Q(state=RUNNING, lease_until__lt=now)
        job = Job.objects.filter(free).order_by("id").first()
        if job is None:
            return None
        if job.claims >= MAX_CLAIMS:
            give_up(job, free, f"审核进程领取这份文件 {job.claims} 次都没有审完（进程被中断或出错），已停止审核")
            continue
        with transaction.atomic():  # the claim and its 审核中 at once: a worker killed between them leaves neither
            taken = Job.objects.filter(free, id=job.id, claims=job.claims).update(
                state=RUNNING, worker=worker, lease_until=now + lease, claims=job.claims + 1)
            if taken:
                _reviewing(job, worker)
        if taken:
            return Job.objects.select_related("submission__member").get(id=job.id)
    return None


def _reviewing(job: Job, worker: str, note: str = "") -> None:
    submission = Submission.objects.select_related("member").get(id=job.submission_id)
    if submission.state != REVIEWING:
        Event.objects.create(who=f"审核进程 {worker}", member=submission.member, submission=submission,
                             before=submission.state, after=REVIEWING, note=note)
        Submission.objects.filter(id=submission.id).update(state=REVIEWING)


def give_up(job: Job, held: Q, why: str, worker: str = "") -> bool:
    """The job given up (when it still stands as ``held`` says): its submission 未能审核 for ``why``, 审核中 — the
    reviewer returns it, and the department submits it again; False when it no longer stood so."""
    with transaction.atomic():
        if not Job.objects.filter(held, id=job.id, claims=job.claims).update(state=GIVEN_UP, finished=timezone.now(),
                                                                             lease_until=None):
            return False
        Submission.objects.filter(id=job.submission_id).update(outcome=UNREVIEWED, why_unreviewed=why)
        _reviewing(job, worker or "（队列）", why)
    return True


def gone(job: Job, worker: str) -> bool:
    """The job of a file no longer in the store given up at once (no review of it can ever succeed)."""
    return give_up(job, Q(state=RUNNING, worker=worker),
                   "报送的文件在审核台的存放处中找不到了（可能被删除或移走），无法审核：请退回，请对方重新报送", worker)


def renew(job: Job, worker: str, lease: timedelta = LEASE) -> bool:
    """The lease extended; False when the job is no longer this worker's (its lease ran out and another took it)."""
    return bool(Job.objects.filter(id=job.id, worker=worker, state=RUNNING, claims=job.claims)
                .update(lease_until=timezone.now() + lease))


def release(job: Job, worker: str) -> bool:
    """The job put back in the queue at once (its worker is being stopped: Ctrl-C, SIGTERM at a restart),
    so the next worker need not wait out the lease; False when it was no longer this worker's."""
    return bool(Job.objects.filter(id=job.id, worker=worker, state=RUNNING, claims=job.claims)
                .update(state=QUEUED, lease_until=None))


class Heartbeat:
    """Renews a job's lease every third of it from a thread while the review runs."""

    def __init__(self, job: Job, worker: str, lease: timedelta) -> None:
        self.job, self.worker, self.lease = job, worker, lease
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._beat, daemon=True)

    def __enter__(self) -> Heartbeat:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop.set()
        self.thread.join()

    def _beat(self) -> None:
        try:
            while not self.stop.wait(self.lease.total_seconds() / 3):
                renew(self.job, self.worker, self.lease)
        finally:
            connection.close()  # this thread's own connection


def finish(job: Job, worker: str, reviewed: Reviewed, store: Store) -> bool:
    """The review saved — findings, annotated copy, outcome — and the job done, at once; False when the
    job was taken from this worker meanwhile (its result is then another's to save)."""
    annotated = store.put_bytes(reviewed.annotated) if reviewed.annotated else ""
    copies = [store.put_bytes(part.reviewed.annotated) if part.reviewed.annotated else "" for part in reviewed.parts]
    with transaction.atomic():
        if not Job.objects.filter(id=job.id, worker=worker, state=RUNNING, claims=job.claims).update(
                state=DONE, finished=timezone.now()):
            return False
        submission = job.submission
        Submission.objects.filter(id=submission.id).update(
            outcome=reviewed.outcome, why_unreviewed=reviewed.why_unreviewed, title=reviewed.title,
            annotated=annotated, not_annotated=reviewed.not_annotated,
            summary=(reviewed.summary or None) if not reviewed.parts else None)
        Finding.objects.filter(submission=submission).delete()
        Disclosure.objects.filter(submission=submission).delete()
        Finding.objects.bulk_create([_finding(submission, mark) for mark in reviewed.marks])
        for number, (part, copy) in enumerate(zip(reviewed.parts, copies, strict=True), start=1):
            _disclosure(submission, number, part, copy)
        _held_or_compared(submission, reviewed, f"审核进程 {worker}")
    return True


def _held_or_compared(submission: Submission, reviewed: Reviewed, who: str) -> None:
    """The submission held for the reviewer where its document is not its row's, or an earlier one's bytes (with
    its event: what was found); else compared with the last, its dismissals carried (register.py)."""
    said = [Known(Path(part.named), part.owner, part.reviewed.kind or None, part.year, part.final)
            for part in reviewed.parts] or [Known(Path(submission.given_name), reviewed.owner, reviewed.kind or None,
                                                  reviewed.year, reviewed.final)]
    held = held_for(submission, said)
    Submission.objects.filter(id=submission.id).update(held=held)
    if not held:
        compared(submission, who)
        return
    Event.objects.create(who=who, member_id=submission.member_id, submission=submission, before=REVIEWING, after=HELD,
                         note=held)


def _disclosure(submission: Submission, number: int, part: ReviewedPart, annotated: str) -> None:
    """One disclosure of the submitted file kept with its findings, numbered as its annotated copy numbers them."""
    own = part.reviewed
    disclosure = Disclosure.objects.create(
        submission=submission, number=number, first=part.first, last=part.last, named=part.named, owner=part.owner,
        kind=own.kind, year=part.year, final=part.final, outcome=own.outcome, why_unreviewed=own.why_unreviewed,
        title=own.title, annotated=annotated, not_annotated=own.not_annotated, summary=own.summary)
    Finding.objects.bulk_create([_finding(submission, mark, disclosure) for mark in own.marks])


def _finding(submission: Submission, mark: object, disclosure: Disclosure | None = None) -> Finding:
    item = mark.item  # type: ignore[attr-defined]
    return Finding(submission=submission, number=mark.number, rule=item.rule, severity=item.severity,  # type: ignore[attr-defined]
                   page=item.page, line=item.line, quote=item.quote, message=_message(item),
                   boxed=bool(mark.boxes), disclosure=disclosure)  # type: ignore[attr-defined]


def _message(item: object) -> str:
    from reportgen.base.templating import environment  # deferred: the review's words, with the worker only

    said = environment("text").get_template("review_said.j2").module.said  # type: ignore[attr-defined]
    return str(said(item))


def work_folder(data: Path) -> Path:
    return data / "work"


# How many workers a machine runs, and what a department waiting is told (issue 81 part 6).

WORKER_MEMORY = 400 * 1024 * 1024  # what a worker may hold at a review's peak (about 160 MB between reviews)
RATE_OF_LAST = 20  # the finished reviews a review's time is measured over
RATE_WITHIN = timedelta(hours=1)  # … those finished within the last hour: an idle night tells no pace


def worker_count(cpus: int | None = None, memory: int | None = None) -> int:
    """The workers `desk serve` starts when not told (--workers): one a processor this process may run on (a
    review is one processor's work), no more than the machine's memory holds at WORKER_MEMORY each, at least one."""
    cpus = cpus if cpus is not None else len(os.sched_getaffinity(0))
    memory = memory if memory is not None else os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    return max(1, min(cpus, memory // WORKER_MEMORY))


@dataclass(frozen=True)
class Waiting:
    """A queued review's place: how many reviews are before it (queued earlier, or under review now), and the
    seconds until it is reviewed at the pace of the last reviews (per_review; None: no pace measured yet)."""

    ahead: int
    seconds: int | None


def waiting(job: Job) -> Waiting | None:
    """Where ``job`` stands in the queue (None: it is not waiting: under review, done or given up)."""
    if job.state != QUEUED:
        return None
    ahead = Job.objects.filter(Q(state=QUEUED, id__lt=job.id) | Q(state=RUNNING)).count()
    pace = per_review()
    return Waiting(ahead, None if pace is None else math.ceil((ahead + 1) * pace))


def per_review() -> float | None:
    """Seconds a review takes the desk, its workers together: the median review (its claim to its end) of the last
    RATE_OF_LAST reviews finished within RATE_WITHIN, each claimed once, over the workers reviewing now (at least
    one). None where fewer than three were: a pace of one or two reviews — a worker's first, slower — is no pace."""
    now = timezone.now()
    recent = list(Job.objects.filter(state=DONE, claims=1, finished__gte=now - RATE_WITHIN).order_by("-finished")
                  .values_list("submission_id", "finished")[:RATE_OF_LAST])
    claimed = dict(Event.objects.filter(submission_id__in=[s for s, _ in recent], after=REVIEWING).order_by("when")
                   .values_list("submission_id", "when"))
    seconds = [(finished - claimed[s]).total_seconds() for s, finished in recent if s in claimed]
    if len(seconds) < 3:
        return None
    busy = Job.objects.filter(state=RUNNING, lease_until__gte=now).values("worker").distinct().count()
    return max(statistics.median(seconds), 0.1) / max(busy, 1)
