"""The desk's tables: the roster's rows (each with its submission link's token, kept as its SHA-256),
their submissions (the stored file's digest, the review's outcome, the notice), the review jobs the
workers claim, each submission's findings with the reviewer's verdict, and every change of state as
an event (who, when, from, to)."""

from __future__ import annotations

from django.db import models
from django.db.models import F, Value
from django.db.models.functions import Cast, Coalesce

# A submission's states, in the order a document goes through them.
SUBMITTED, RESUBMITTED, REVIEWING, RETURNED, ACCEPTED, PUBLISHED = "已提交", "已重新提交", "审核中", "已退回", "已通过", "已公开"
STATES = (SUBMITTED, RESUBMITTED, REVIEWING, RETURNED, ACCEPTED, PUBLISHED)
HELD, TAKEN = "待核对", "已确认为本行报送"  # events of a submission held for the reviewer (Submission.held), and taken
# A job's states.
QUEUED, RUNNING, DONE, GIVEN_UP = "排队中", "审核中", "已审完", "已放弃"
UNREVIEWED = "未能审核"  # a submission's outcome when nothing could be read of it (or its review was given up)
CONFIRMED, DISMISSED = "确认", "驳回"


class Member(models.Model):
    """A row of the roster (review/roster.py Member): who must publish, and its submission link."""

    position = models.PositiveIntegerField()
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=4)  # 部门 / 单位
    parent = models.CharField(max_length=200, blank=True)
    approved = models.DateField()
    published = models.DateField(null=True)
    year = models.IntegerField(null=True)
    final = models.BooleanField(null=True)
    place = models.CharField(max_length=500)
    hidden = models.BooleanField(default=False)
    token_digest = models.CharField(max_length=64, unique=True)  # sha256 of the link's token; the token is not kept

    class Meta:
        ordering = ["position"]
        # one row of a roster once, however often it is imported (a year or 决算 not given counts as one value)
        constraints = [models.UniqueConstraint(F("name"), F("kind"), F("parent"), Coalesce(F("year"), Value(0)),
                                               Coalesce(Cast(F("final"), models.IntegerField()), Value(-1)),
                                               name="one_row_per_roster_row")]


class Submission(models.Model):
    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="submissions")
    number = models.PositiveIntegerField()  # 1 for the first, 2 for the resubmission after a return …
    digest = models.CharField(max_length=64)  # the file as received, in the store
    size = models.PositiveBigIntegerField()
    kind = models.CharField(max_length=16)  # by its bytes: pdf, docx, xlsx …
    given_name = models.CharField(max_length=255)  # shown, never used as a path
    received = models.DateTimeField(auto_now_add=True)
    state = models.CharField(max_length=8)
    outcome = models.CharField(max_length=8, blank=True)  # 未能审核 / 有问题 / 未发现问题, once reviewed
    why_unreviewed = models.TextField(blank=True)
    title = models.CharField(max_length=300, blank=True)  # the document's title as its cover prints it, once read
    annotated = models.CharField(max_length=64, blank=True)  # the annotated copy's digest ("" none)
    not_annotated = models.TextField(blank=True)
    # what the register's 检查表 and the notice need of it: its SummaryPart, numbered findings, title and kind, as data
    # (record/summaries.py; a pickle until migration 0007)
    summary = models.JSONField(null=True)
    notice = models.CharField(max_length=64, blank=True)  # the 整改通知 DOCX's digest, once returned
    notice_table = models.CharField(max_length=64, blank=True)  # its findings as an XLSX (the same Document's), once returned
    # the annotated copy handed back with the notice: the findings not dismissed alone boxed ("" none made)
    handed = models.CharField(max_length=64, blank=True)
    # held for the reviewer: what the document says that is not its row's (another unit, year or kind), or that it is
    # the bytes of an earlier submission ("" the document is the row's; cleared once the reviewer takes it as the row's)
    held = models.TextField(blank=True)
    issuer = models.CharField(max_length=200, blank=True)
    issued = models.DateField(null=True)
    deadline = models.DateField(null=True)

    class Meta:
        ordering = ["member__position", "number"]
        constraints = [models.UniqueConstraint(fields=["member", "number"], name="one_number_per_member")]


class SubmittedFile(models.Model):
    """A further file of a submission of several: one disclosure printed in two files or more (北京's 说明 and its
    报表), submitted at once and reviewed as one document, as `review` reviews a narrative and its tables file given
    together (review/documents.py review_together). The first file is the submission's own (its digest, size, kind
    and name); these follow it, numbered 2, 3 …"""

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="files")
    number = models.PositiveIntegerField()
    digest = models.CharField(max_length=64)
    size = models.PositiveBigIntegerField()
    kind = models.CharField(max_length=16)
    given_name = models.CharField(max_length=255)

    class Meta:
        ordering = ["submission", "number"]
        constraints = [models.UniqueConstraint(fields=["submission", "number"], name="one_number_per_file")]


class Disclosure(models.Model):
    """One disclosure of several a submitted PDF prints one after another (importing/in_one_file.py: a
    department's budget then its units', two units' bound together): reviewed as its own document on its own
    pages, with its own owner, outcome, findings, annotated copy (the file with its pages' findings boxed),
    检查表 row and notice. A file of one disclosure has none: its submission's own fields say it all."""

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="disclosures")
    number = models.PositiveIntegerField()  # 1, 2 … in the file's order
    first = models.PositiveIntegerField()  # its pages, as the file numbers them
    last = models.PositiveIntegerField()
    named = models.CharField(max_length=300)  # “第5–8页：上海市刑事科学技术研究院 2026年单位预算” (Span.named)
    owner = models.CharField(max_length=200, blank=True)  # whose it is: the department its tables name, else its cover's
    kind = models.CharField(max_length=4, blank=True)  # 部门 / 单位 / ""
    year = models.IntegerField(null=True)
    final = models.BooleanField(null=True)  # a 部门决算 (True), a budget (False), not known (None)
    outcome = models.CharField(max_length=8)
    why_unreviewed = models.TextField(blank=True)
    title = models.CharField(max_length=300, blank=True)
    annotated = models.CharField(max_length=64, blank=True)
    not_annotated = models.TextField(blank=True)
    summary = models.JSONField(null=True)  # as the submission's
    notice = models.CharField(max_length=64, blank=True)
    notice_table = models.CharField(max_length=64, blank=True)
    handed = models.CharField(max_length=64, blank=True)  # its annotated copy handed back: its kept findings alone

    class Meta:
        ordering = ["submission", "number"]
        constraints = [models.UniqueConstraint(fields=["submission", "number"], name="one_number_per_disclosure")]


class Job(models.Model):
    """A review to do: claimed by one worker at a time, for a lease its heartbeat renews."""

    submission = models.OneToOneField(Submission, on_delete=models.CASCADE, related_name="job")
    state = models.CharField(max_length=4, default=QUEUED)
    worker = models.CharField(max_length=100, blank=True)
    lease_until = models.DateTimeField(null=True)
    claims = models.PositiveIntegerField(default=0)  # how often it was claimed (a second claim: a worker died)
    created = models.DateTimeField(auto_now_add=True)
    finished = models.DateTimeField(null=True)


class Finding(models.Model):
    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="findings")
    number = models.PositiveIntegerField()  # as the annotated copy and the notice number it
    rule = models.CharField(max_length=100)
    severity = models.CharField(max_length=10)
    page = models.PositiveIntegerField()  # 0: not known
    line = models.PositiveIntegerField()
    quote = models.TextField(blank=True)
    message = models.TextField()
    boxed = models.BooleanField(default=False)  # boxed in the annotated copy
    verdict = models.CharField(max_length=2, blank=True)  # 确认 / 驳回 / "" (not yet marked)
    note = models.TextField(blank=True)
    compared = models.CharField(max_length=4, blank=True)  # against the last submission: 新 / 仍在 ("" first)
    # of a file of several disclosures: the one it is of, numbered within it as its annotated copy numbers it
    disclosure = models.ForeignKey(Disclosure, null=True, on_delete=models.CASCADE, related_name="findings")

    class Meta:
        ordering = ["submission", "disclosure", "number"]

    @property
    def key(self) -> str:
        """The finding within its submission, for its verdict's field and its place on the pages: its number,
        and its disclosure's where the file holds several (numbers start again at 1 in each)."""
        return str(self.number) if self.disclosure_id is None else f"{self.disclosure_id}-{self.number}"


class Event(models.Model):
    when = models.DateTimeField(auto_now_add=True)
    who = models.CharField(max_length=200)
    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="events")
    submission = models.ForeignKey(Submission, null=True, on_delete=models.CASCADE, related_name="events")
    finding = models.ForeignKey(Finding, null=True, on_delete=models.CASCADE, related_name="events")
    before = models.CharField(max_length=20, blank=True)
    after = models.CharField(max_length=20)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["when", "id"]


class SignInFailure(models.Model):
    """A sign-in that failed: the user name tried, the address it came from, when (attempts.py refuses more
    tries of that name, or from that address, for a while after too many)."""

    when = models.DateTimeField(auto_now_add=True, db_index=True)
    username = models.CharField(max_length=150)
    address = models.CharField(max_length=64)


def unreviewed(submission: Submission) -> str:
    """Why the document (or a disclosure of its file) could not be reviewed; "" when it was."""
    if submission.outcome == UNREVIEWED:
        return submission.why_unreviewed or UNREVIEWED
    part = submission.disclosures.filter(outcome=UNREVIEWED).only("named", "why_unreviewed").first()
    return f"{part.named}：{part.why_unreviewed or UNREVIEWED}" if part is not None else ""
