"""The register live: each roster row's state from its submissions, its 及时性 in the words of
review/register.py's Entry (按时, 逾期, 未提交) the static `review -o --roster` pages print, judged by the
dates the desk knows (Timely): a row not published more than 20 days after its 批复 is 逾期 as of today,
whatever it submitted — and the 检查表 page of review/pages.py over each row's latest reviewed submission,
the same page `review -o` writes.

A submitted file of several disclosures (models.Disclosure) is several documents here as in `review`: each
answers the roster row its owner names (a unit's budget printed after its department's answers the unit's
row), or the row that submitted it where it names none for sure, and each is a row of the 检查表."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any

from django.db.models import OuterRef, QuerySet, Subquery
from django.utils import timezone

from reportgen.desk.record.decided import decided, shown
from reportgen.desk.record.models import DISMISSED, HELD, REVIEWING, Disclosure, Event, Finding, Member, Submission
from reportgen.desk.record.summaries import summary_of
from reportgen.paperwork import register as review_register
from reportgen.paperwork.pages import SummaryPart, summary_page_of
from reportgen.paperwork.roster import Member as RosterRow
from reportgen.paperwork.roster import normal
from reportgen.templating import environment

NOT_SUBMITTED, LATE = "未提交", "逾期"


def days_late(approved: date, published: date | None, day: date) -> int:
    """Days a row is past its deadline (≤ 0: in time) on the desk: to its 公开日期 recorded, else to ``day`` — whatever
    was submitted (Timely's rule; the list of rows to chase counts by it too)."""
    return ((published or day) - approved).days - review_register.DEADLINE_DAYS


@dataclass
class Timely(review_register.Entry):
    """A roster row's 及时性 on the desk, by the register's words (按时, 逾期 …) and days: to the 公开日期 recorded,
    else to today — whatever was submitted, read or not: a submission is no publication, and a row past its
    deadline is 逾期 until it is published (the static pages, which read published documents, tell a document
    with no 公开日期 不能判断; the desk knows it is not yet published)."""

    submitted: bool = False  # the row submitted (or was printed in a file submitted), reviewed or not

    @property
    def late_days(self) -> int | None:
        day = self.as_of or self.member.published
        return None if day is None else days_late(self.member.approved, self.member.published, day)

    @property
    def state(self) -> str:
        late = self.late_days
        if late is not None and late > 0:
            return LATE
        return "按时" if self.submitted or self.documents or self.member.published is not None else NOT_SUBMITTED


def roster_row(member: Member) -> RosterRow:
    return RosterRow(member.name, member.kind, member.parent, member.approved, member.published, member.year,
                     member.final, member.place, member.hidden)


@dataclass
class Row:
    member: Member
    latest: Submission | None
    entry: Timely  # its documents: the row's latest submission, as the worker names it
    # its disclosures printed in a file another row submitted (its latest submission): the row's own all the same
    within: list[Disclosure] = field(default_factory=list)
    parts: list[Disclosure] = field(default_factory=list)  # its latest submission's, where its file holds several

    @property
    def state(self) -> str:
        """The row's latest submission's state — 待核对 while it is held for the reviewer (another's file, the bytes
        of an earlier one), not 审核中: it waits for the reviewer, not for a worker."""
        if self.latest is not None:
            return HELD if self.latest.held and self.latest.state == REVIEWING else self.latest.state
        return self.within[0].submission.state if self.within else NOT_SUBMITTED

    @property
    def late(self) -> bool:
        return self.entry.state == LATE


def today() -> date:
    """The day lateness is judged on: the desk's own (its TIME_ZONE's) today."""
    return timezone.localdate()


def rows(as_of: date | None = None, members: list[Member] | None = None) -> list[Row]:
    """Each roster row (or each of ``members``: a page of the register) with its latest submission and its register
    Entry as of ``as_of`` (today). A page's rows are told as the whole register tells them: a file of several
    disclosures, whoever submitted it, is matched against every row (its disclosures answer the rows they name)."""
    day = as_of or today()
    chosen = list(Member.objects.all()) if members is None else members
    latest = _latest(None if members is None else chosen)
    found = _member_rows(chosen, latest, day)
    printed = _printed(latest if members is None else None)
    entries = {row.member.id: row.entry for row in found}
    if any(printed.values()) and members is not None:  # the rows not on the page, to match the files of several against
        entries |= {m.id: Timely(roster_row(m), as_of=day) for m in Member.objects.exclude(id__in=list(entries))}
    _place_disclosures(found, printed, entries)
    for row in found:
        row.entry.submitted = bool(row.entry.documents)
    return found


def _member_rows(chosen: list[Member], latest: dict[int, Submission], day: date) -> list[Row]:
    """Each member's row with its latest submission, its Entry as of ``day`` naming that submission's document."""
    found = [Row(member, latest.get(member.id), Timely(roster_row(member), as_of=day)) for member in chosen]
    for row in found:
        if row.latest is not None:
            row.entry.documents.append(Path(f"{row.member.name}-{row.latest.number}"))
    return found


def _place_disclosures(found: list[Row], printed: dict[int, list[Disclosure]],
                       entries: Mapping[int, review_register.Entry]) -> None:
    """The disclosures of each latest submission on the rows told: a file's parts on the row that submitted it, each
    disclosure answering another row among that row's ``within`` (``entries``: every row matched against)."""
    by_entry = {id(row.entry): row for row in found}
    for disclosures in printed.values():
        submission = disclosures[0].submission
        if id(entries[submission.member_id]) in by_entry:
            by_entry[id(entries[submission.member_id])].parts = disclosures
        for disclosure, answering in _answered(submission, entries, disclosures):
            if answering is not None and id(answering) in by_entry:
                by_entry[id(answering)].within.append(disclosure)


def _latest(members: list[Member] | None) -> dict[int, Submission]:
    """Each row's latest submission (of ``members``, else of every row), by the row's id."""
    submissions = Submission.objects.defer("summary").order_by("member_id", "number")
    if members is not None:
        submissions = submissions.filter(member_id__in=[m.id for m in members])
    return {submission.member_id: submission for submission in submissions}


def _printed(latest: dict[int, Submission] | None) -> dict[int, list[Disclosure]]:
    """The disclosures of each row's latest submission, by submission (of ``latest``, else of every row's)."""
    if latest is None:
        newest = Submission.objects.filter(member_id=OuterRef("submission__member_id")).order_by("-number")
        found = Disclosure.objects.filter(submission__number=Subquery(newest.values("number")[:1]))
    else:
        found = Disclosure.objects.filter(submission_id__in=[s.id for s in latest.values()])
    printed: dict[int, list[Disclosure]] = {}
    for disclosure in found.defer("summary").select_related("submission__member").order_by("submission__member_id", "number"):
        printed.setdefault(disclosure.submission_id, []).append(disclosure)
    return printed


def printed_elsewhere() -> dict[int, str]:
    """The rows with no submission of their own that a file of several another row submitted prints (``within`` of
    their register rows), by id, with that file's state — the few rows whose state is not their own submission's.
    Matched as ``rows`` matches them, among the rows whose names could be the disclosures' owners alone (a
    province's roster is not told row by row for a file's few disclosures)."""
    printed = _printed(None)
    owners = {normal(d.owner) for disclosures in printed.values() for d in disclosures if d.owner}
    if not owners:
        return {}
    found = _answered_rows(printed, {m.id: Timely(roster_row(m)) for m in _may_answer(printed, owners)})
    own = set(Submission.objects.filter(member_id__in=list(found)).values_list("member_id", flat=True))
    return {member_id: state for member_id, state in found.items() if member_id not in own}


def _may_answer(printed: dict[int, list[Disclosure]], owners: set[str]) -> QuerySet[Member]:
    """The rows a disclosure of the files ``printed`` may answer: those whose names could be the disclosures'
    ``owners`` (``normal``), and those that submitted the files."""
    named = [i for i, name in Member.objects.values_list("id", "name") if review_register.may_be_named(normal(name), owners)]
    submitters = {disclosures[0].submission.member_id for disclosures in printed.values()}
    return Member.objects.filter(id__in=[*named, *submitters])


def _answered_rows(printed: dict[int, list[Disclosure]], entries: dict[int, Timely]) -> dict[int, str]:
    """The rows (of ``entries``) a disclosure of another row's file answers, by id, with that file's state."""
    ids = {id(entry): member_id for member_id, entry in entries.items()}
    found: dict[int, str] = {}
    for disclosures in printed.values():
        for _, answering in _answered(disclosures[0].submission, entries, disclosures):
            if answering is not None:
                found.setdefault(ids[id(answering)], disclosures[0].submission.state)
    return found


def _answering(submission: Submission, disclosure: Disclosure, every: list[review_register.Entry],
               own: review_register.Entry) -> tuple[Path, review_register.Entry | None]:
    """A disclosure of a submitted file, named (``part_name``), and the row it answers where that is another row than
    ``own``, the submitter's (None: the submitter's own, or a disclosure that names no owner)."""
    name = part_name(submission, disclosure)
    known = review_register.Known(name, disclosure.owner, disclosure.kind or None, disclosure.year, disclosure.final)
    entry = review_register.row_of(known, every) if disclosure.owner else None
    return name, entry if entry is not None and entry is not own else None


def _answered(submission: Submission, entries: Mapping[int, review_register.Entry], disclosures: list[Disclosure]) \
        -> list[tuple[Disclosure, review_register.Entry | None]]:
    """Each disclosure of the submitted file with the row it answers where that is another row than the one
    that submitted it (None: the submitter's own); the rows' documents name each disclosure (``part_name``)."""
    if not disclosures:
        return []
    own, every = entries[submission.member_id], list(entries.values())
    found: list[tuple[Disclosure, review_register.Entry | None]] = []
    kept: list[Path] = []
    for disclosure in disclosures:
        name, other = _answering(submission, disclosure, every, own)
        (other.documents if other is not None else kept).append(name)
        found.append((disclosure, other))
    own.documents[:] = [d for d in own.documents if d != Path(f"{submission.member.name}-{submission.number}")] \
        + (kept or [Path(f"{submission.member.name}-{submission.number}")])
    return found


def part_name(submission: Submission, disclosure: Disclosure) -> Path:
    """A disclosure of a submitted file as the register and the 检查表 name it: the submission and its pages."""
    return Path(f"{submission.member.name}-{submission.number}（{disclosure.named}）")


def inspection_page(address: Address, as_of: date | None = None) -> str:
    """The 检查表 of review -o's summary page over each row's latest reviewed submission (not one held for the
    reviewer), with the register as of ``as_of`` (today); each disclosure of a file of several is a row of its own.
    Its links lead to the desk's own pages (``address``), not to review -o's files, which the desk does not serve."""
    parts: list[SummaryPart] = []
    found = rows(as_of)
    entries = {row.member.id: row.entry for row in found}
    for row in found:
        # its latest reviewed submission that is its own document (one held — another's file, the same bytes again — is not)
        reviewed = Submission.objects.filter(member=row.member, held="").exclude(outcome="").order_by("-number").first()
        if reviewed is not None:
            parts += _parts_of(row, reviewed, entries, address)
    reviewed_parts = {str(part.document) for part in parts}
    for entry in entries.values():  # a submission not yet reviewed (or given up unread) has no row of the table
        entry.documents[:] = [d for d in entry.documents if str(d) in reviewed_parts]
    return summary_page_of(parts, review_register.Register(list(entries.values()), [], []))


def _parts_of(row: Row, reviewed: Submission, entries: Mapping[int, review_register.Entry], address: Address) \
        -> list[SummaryPart]:
    """The 检查表's parts of a row's latest reviewed submission: the document, or each disclosure of its file."""
    if reviewed.summary is not None:
        part = _on_desk(_as_decided(reviewed.summary, reviewed.findings.filter(disclosure=None)), address,
                        reviewed.id, "annotated" if reviewed.annotated else "")
        row.entry.documents[:] = [Path(part.document), *(part_name(d.submission, d) for d in row.within)]
        return [part]
    disclosures = list(Disclosure.objects.filter(submission=reviewed).select_related("submission__member"))
    if row.latest is None or reviewed.id != row.latest.id:  # a file of several reviewed before the one now under review
        _answered(reviewed, entries, disclosures)
    return [_on_desk(_as_row(_as_decided(d.summary, d.findings.all()), reviewed, d, entries), address, reviewed.id,
                     f"annotated-{d.number}" if d.annotated else "")
            for d in disclosures if d.summary is not None]


def _as_row(part: SummaryPart, submission: Submission, disclosure: Disclosure,
            entries: Mapping[int, review_register.Entry]) -> SummaryPart:
    """A disclosure's part named as the register names it (``part_name``), and known as the roster row the register
    gave it (``_answering``: the row its owner names, else the submitter's) — not by the folder and file the worker
    reviewed it in, which no row's documents hold: the 检查表 tells its 及时性 by that row."""
    own = entries[submission.member_id]
    name, other = _answering(submission, disclosure, list(entries.values()), own)
    row = (other or own).member
    return replace(part, document=name, known=review_register.Known(name, row.name, row.kind, row.year, row.final))


Address = Callable[[int, str], str]  # a submission's id and what of it ("": its page; "annotated", "annotated-2"): its URL


def _on_desk(part: SummaryPart, address: Address, submission_id: int, copy: str) -> SummaryPart:
    """``part`` with its links on the desk: the document's page for its tables, text and each finding (the desk shows
    them there, beside the annotated pages), its annotated copy as stored (``copy``: "" none was made) at each
    finding's page."""
    page = address(submission_id, "")
    pdf = address(submission_id, copy) if copy else ""
    part.row.update(tables_page=page, prose_page="", annotated=pdf)
    for finding in part.findings:
        at = str(finding.get("pdf") or "")
        finding["link"] = page
        finding["pdf"] = pdf + at[at.index("#"):] if pdf and "#" in at else pdf if at else ""
    return replace(part, link=page)


def _as_decided(summary: dict[str, Any], findings: QuerySet[Finding]) -> SummaryPart:
    """The 检查表's part of a document (or of a disclosure of its file) with the findings dismissed taken out, named
    by its file's name (decided.py)."""
    kept = summary_of(summary)
    return shown(decided(kept.part, list(kept.marks), set(findings.filter(verdict=DISMISSED).values_list("number", flat=True))))


# What a submission's document says against its roster row (issue 81 part 2): matched as `review --roster` matches a
# document to its row (review/register.py row_of), and held for the reviewer where it is not the row's, or where it is
# the very bytes of an earlier submission; a resubmission's findings compared with the last submission's, the last
# one's dismissals carried to the same findings.

_ASPECTS = ("单位名称", "类型", "年度", "预算或决算")


def notes() -> Any:
    """The desk's notes as text (templates/desk/notes.txt.j2, unescaped: the pages escape them): its macros."""
    return environment("text").get_template("desk/notes.txt.j2").module


def held_for(submission: Submission, said: list[review_register.Known]) -> str:
    """Why the submission is held for the reviewer ("" it is not): the same bytes as an earlier submission of its
    row (each of its files), or a document that says it is not the row's — none of the disclosures ``said`` of its
    file (one for a file of one) is the row's by name, kind, year and 预算/决算, as `review --roster` matches them."""
    member = submission.member
    same = _same_bytes(submission)
    own: list[review_register.Entry] = [Timely(roster_row(member))]
    mismatched = [] if any(review_register.row_of(_as_filed(member, s), own) for s in said) else said[:1]
    if same is None and not mismatched:
        return ""
    if not mismatched:
        return str(notes().held(same, None, [], "", member))
    doc = _as_filed(member, mismatched[0])
    differs = _aspects_differing(doc, own)
    entries: list[review_register.Entry] = [Timely(roster_row(m)) for m in Member.objects.exclude(id=member.id)]
    other = review_register.row_of(doc, entries)
    return str(notes().held(same, doc, differs, other.member.name if other is not None else "", member))


def _same_bytes(submission: Submission) -> int | None:
    """The number of the latest earlier submission of the row with the same bytes (each of its files); None: none."""
    files = _digests(submission)
    return next((earlier.number for earlier in Submission.objects.filter(
        member_id=submission.member.id, number__lt=submission.number, digest=submission.digest).order_by("-number")
        if _digests(earlier) == files), None)


def _aspects_differing(doc: review_register.Known, own: list[review_register.Entry]) -> list[str]:
    """What of the document (name, kind, year, 预算/决算) alone makes it no row of ``own``."""
    bare = review_register.Known(doc.document, "", None, None, None)
    return [aspect for aspect, alone in zip(_ASPECTS, (replace(bare, name=doc.name), replace(bare, kind=doc.kind),
                                                       replace(bare, year=doc.year), replace(bare, final=doc.final)),
                                            strict=True) if review_register.row_of(alone, own) is None]


def _digests(submission: Submission) -> list[str]:
    """A submission's files by their bytes, in order (its own, then those submitted with it)."""
    return [submission.digest, *submission.files.values_list("digest", flat=True)]


def _as_filed(member: Member, said: review_register.Known) -> review_register.Known:
    """What the document says, filed under its row's name: where it names no department, its name is not held
    against the row (the register would match it by its file's name, which the desk makes of the row's)."""
    return replace(said, document=Path(normal(member.name).replace("/", "_") + ".pdf"))


def compared(submission: Submission, who: str) -> None:
    """Each finding of a resubmission told new or still open against the last submission of its row's (one held and
    returned, not the row's, is passed over), and the last one's dismissals carried to its same findings (``same``),
    where each of those was dismissed — each carried verdict with its event (by ``who``)."""
    last = last_of(submission)
    if last is None:
        return
    before = list(last.findings.all())
    for finding in Finding.objects.filter(submission=submission):
        matched = [f for f in before if same(f, finding)]
        finding.compared = "仍在" if matched else "新"
        if matched and not finding.verdict and all(f.verdict == DISMISSED for f in matched):
            finding.verdict = DISMISSED
            finding.note = str(notes().carried(last.number, matched[0].number, matched[0].note))
            Event.objects.create(who=who, member_id=submission.member_id, submission=submission, finding=finding,
                                 before="", after=DISMISSED, note=finding.note)
        finding.save(update_fields=["compared", "verdict", "note"])


def last_of(submission: Submission) -> Submission | None:
    """The submission before this one that was its row's document (a held one returned is passed over)."""
    return Submission.objects.filter(member_id=submission.member_id, number__lt=submission.number, held="") \
        .order_by("-number").first()


QUOTED_AT_LEAST = 12  # characters of a quote another may be cut from (a line broken elsewhere) and be the same words


def same(before: Finding, now: Finding) -> bool:
    """The same finding in two submissions: the same rule at the same place and words — or the same words elsewhere
    (a page added before it), a quote the same words cut at another line's end where it holds QUOTED_AT_LEAST."""
    if before.rule != now.rule:
        return False
    if place(before) == place(now):
        return True
    was, is_ = before.quote or before.message, now.quote or now.message
    shorter, longer = sorted((was, is_), key=len)
    return shorter == longer or (len(shorter) >= QUOTED_AT_LEAST and longer.startswith(shorter))


def place(finding: Finding) -> tuple[str, int, str]:
    """Where a finding stands, to compare two submissions: its rule, its page and the words printed there
    (its message where it quotes none)."""
    return finding.rule, finding.page, finding.quote or finding.message
