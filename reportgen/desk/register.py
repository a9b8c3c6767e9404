"""The register live: each roster row's state from its submissions, its lateness by the rule of
review/register.py (its Entry's late_days: 公开日期 more than 20 days after 批复), and the 检查表 page
of review/pages.py over each row's latest reviewed submission — the same page `review -o` writes."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

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
    entry: review_register.Entry

    @property
    def state(self) -> str:
        return self.latest.state if self.latest is not None else NOT_SUBMITTED

    @property
    def late(self) -> bool:
        return (self.entry.late_days or 0) > 0


def rows() -> list[Row]:
    latest: dict[int, Submission] = {}
    for submission in Submission.objects.defer("summary").order_by("member_id", "number"):
        latest[submission.member_id] = submission
    return [Row(m, latest.get(m.id), review_register.Entry(roster_row(m))) for m in Member.objects.all()]


def inspection_page() -> str:
    """The 检查表 of review -o's summary page over each row's latest reviewed submission."""
    parts: list[SummaryPart] = []
    entries = []
    for row in rows():
        reviewed = (Submission.objects.filter(member=row.member, summary__isnull=False).order_by("-number").first())
        if reviewed is not None and reviewed.summary is not None:
            part = unpickled(bytes(reviewed.summary))[0]
            row.entry.documents.append(Path(part.document))
            parts.append(part)
        entries.append(row.entry)
    return summary_page_of(parts, review_register.Register(entries, [], []))
