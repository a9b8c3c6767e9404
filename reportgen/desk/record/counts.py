"""The register's state and 逾期 of every roster row told by the database (issue 81 part 6), so the progress page
counts, and the register filters, a province's 28,000 rows in one query instead of telling each row in Python.

A row's state as the register shows it (register.py Row.state) is its latest submission's — 待核对 where that one is
held for the reviewer and 审核中 — or 未提交 where it submitted nothing: both are columns of a subquery here
(``shown``). It is 逾期 (Timely.state) when its 公开日期, else today, is more than DEADLINE_DAYS after its 批复日期
(``overdue``). The one state the database cannot tell is a row with no submission of its own that a file of several
another row submitted prints (Row.within): those few rows are matched as the register matches them
(register.printed_elsewhere) and moved from 未提交 to that file's state."""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta

from django.db.models import (
    BooleanField,
    Case,
    CharField,
    Count,
    DurationField,
    ExpressionWrapper,
    F,
    Min,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)

from reportgen.desk.record.models import HELD, REVIEWING, Member, Submission
from reportgen.desk.record.register import NOT_SUBMITTED, printed_elsewhere
from reportgen.paperwork.register import DEADLINE_DAYS

DEADLINE = timedelta(days=DEADLINE_DAYS)


def shown(day: date) -> QuerySet[Member]:
    """Every roster row with ``shown`` (its state as the register shows it, but for the rows printed in another's
    file: 未提交 here), ``overdue`` (逾期 as of ``day``) and ``department`` (the 主管部门 it is counted under:
    progress.department_of)."""
    latest = Submission.objects.filter(member_id=OuterRef("pk")).order_by("-number")
    waited = ExpressionWrapper(F("published") - F("approved"), output_field=DurationField())
    late = Q(published__isnull=True, approved__lt=day - DEADLINE) | Q(published__isnull=False, waited__gt=DEADLINE)
    return Member.objects.annotate(own=Subquery(latest.values("state")[:1]), own_held=Subquery(latest.values("held")[:1]),
                                   waited=waited).annotate(
        shown=Case(When(own__isnull=True, then=Value(NOT_SUBMITTED)),
                   When(Q(own=REVIEWING) & ~Q(own_held=""), then=Value(HELD)), default=F("own"), output_field=CharField()),
        overdue=Case(When(late, then=Value(True)), default=Value(False), output_field=BooleanField()),
        department=Case(When(~Q(kind="部门") & ~Q(parent=""), then=F("parent")), default=F("name"), output_field=CharField()))


def in_state(members: QuerySet[Member], state: str, elsewhere: dict[int, str]) -> QuerySet[Member]:
    """Of ``members`` (annotated by ``shown``), the rows the register shows in ``state``; ``elsewhere``: the rows
    printed in another's file, with its state (register.printed_elsewhere)."""
    if state == NOT_SUBMITTED:
        return members.filter(shown=NOT_SUBMITTED).exclude(id__in=list(elsewhere))
    return members.filter(Q(shown=state) | Q(id__in=[i for i, s in elsewhere.items() if s == state]))


def counted(day: date) -> list[tuple[str, Counter[str], int]]:
    """Each 主管部门 in the roster's order (of its first row), its rows by state and how many are 逾期 — grouped by
    the database, then the rows printed in another's file moved to that file's state."""
    groups = shown(day).values("department", "shown", "overdue").annotate(rows=Count("id"), first=Min("position")).order_by()
    found: dict[str, tuple[int, Counter[str], list[int]]] = {}
    for group in groups:
        first, states, late = found.setdefault(group["department"], (group["first"], Counter(), [0]))
        found[group["department"]] = (min(first, group["first"]), states, late)
        states[group["shown"]] += group["rows"]
        late[0] += group["rows"] if group["overdue"] else 0
    elsewhere = printed_elsewhere()
    for member_id, department in shown(day).filter(id__in=list(elsewhere)).values_list("id", "department"):
        states = found[department][1]
        states[NOT_SUBMITTED] -= 1
        states[elsewhere[member_id]] += 1
    return [(name, states, late[0]) for name, (_, states, late) in sorted(found.items(), key=lambda item: item[1][0])]
