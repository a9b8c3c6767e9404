"""The register live: each roster row's state from its submissions, its 及时性 by the rule of
review/register.py — the same Entry, and so the same one word (Entry.state: 按时, 逾期, 不能判断, 未提交)
the static `review -o --roster` pages print: a row with no submission more than 20 days after its 批复
is 逾期 as of today — and the 检查表 page of review/pages.py over each row's latest reviewed submission,
the same page `review -o` writes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from django.utils import timezone

from reportgen.desk.models import Member, Submission
from reportgen.desk.reviewing import unpickled
from reportgen.review import register as review_register
from reportgen.review.pages import SummaryPart, summary_page_of
from reportgen.review.roster import Member as RosterRow

NOT_SUBMITTED, LATE = "未提交", "逾期"


def roster_row(member: Member) -> RosterRow:
    return RosterRow(member.name, member.kind, member.parent, member.approved, member.published, member.year,
                     member.final, member.place, member.hidden)


@dataclass
class Row:
    member: Member
    latest: Submission | None
    entry: review_register.Entry  # its documents: the row's latest submission, as the worker names it

    @property
    def state(self) -> str:
        return self.latest.state if self.latest is not None else NOT_SUBMITTED

    @property
    def late(self) -> bool:
        return self.entry.state == LATE


def today() -> date:
    """The day lateness is judged on: the desk's own (its TIME_ZONE's) today."""
    return timezone.localdate()


def rows(as_of: date | None = None) -> list[Row]:
    """Each roster row with its latest submission and its register Entry as of ``as_of`` (today)."""
    day = as_of or today()
    latest: dict[int, Submission] = {}
    for submission in Submission.objects.defer("summary").order_by("member_id", "number"):
        latest[submission.member_id] = submission
    found = []
    for member in Member.objects.all():
        entry = review_register.Entry(roster_row(member), as_of=day)
        last = latest.get(member.id)
        if last is not None:
            entry.documents.append(Path(f"{member.name}-{last.number}"))
        found.append(Row(member, last, entry))
    return found


def inspection_page(as_of: date | None = None) -> str:
    """The 检查表 of review -o's summary page over each row's latest reviewed submission, with the
    register as of ``as_of`` (today)."""
    parts: list[SummaryPart] = []
    entries = []
    for row in rows(as_of):
        reviewed = (Submission.objects.filter(member=row.member, summary__isnull=False).order_by("-number").first())
        if reviewed is not None and reviewed.summary is not None:
            part = unpickled(bytes(reviewed.summary))[0]
            row.entry.documents[:] = [Path(part.document)]
            parts.append(part)
        entries.append(row.entry)
    return summary_page_of(parts, review_register.Register(entries, [], []))
