"""What the bureau's leaders ask of a season (issue 81 part 5): how far it has come — every roster row counted by
its state and its 及时性, in all and by 主管部门 (a 部门's own row with its 单位) — and the rows still owed
something: not yet submitted (待报送), or returned and not yet submitted again (待整改, with the 整改期限 the
reviewer set and whether it has passed). Every count is of the state the register shows (counts.py tells it in the
database as register.py's Row.state tells it row by row), so the progress page, the list of rows to chase and the
register never disagree.

The register's page is paged and filtered here too (``chosen``): by state, by 逾期, by words of the row's name or
主管部门 — all chosen and paged by the database, the page's rows alone told by register.rows (bench/desk_load.py
times them on a province's 28,000 rows: bench/README.md)."""

from __future__ import annotations

import csv
import io
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import OuterRef, Q, QuerySet, Subquery

from reportgen.base.errors import visible_text
from reportgen.desk.record.counts import counted, in_state, shown
from reportgen.desk.record.models import HELD, RETURNED, STATES, Member, Submission
from reportgen.desk.record.register import NOT_SUBMITTED, Row, days_late, printed_elsewhere, rows, today
from reportgen.docmodel.document import Cell, Document, Table, Title
from reportgen.docmodel.document import Row as TableRow
from reportgen.writers.xlsx import xlsx_bytes

ORDER = (NOT_SUBMITTED, *STATES[:3], HELD, *STATES[3:])  # the states in the order a season passes them
TO_SUBMIT, TO_CORRECT = "待报送", "待整改"
PAGE_ROWS = 100  # the register's rows a page (a province's 28,000 rows are 280 pages)
CHASE_HEADER = ("单位名称", "类型", "主管部门", "批复日期", "待办", "状态", "逾期天数", "整改期限", "整改期限已过", "最近报送")


@dataclass
class Tally:
    """Rows counted by state, and how many of them are 逾期."""

    states: Counter[str] = field(default_factory=Counter)
    late: int = 0

    @property
    def total(self) -> int:
        return sum(self.states.values())

    def add(self, row: Row) -> None:
        self.states[row.state] += 1
        self.late += row.late


@dataclass
class Progress:
    as_of: date
    overall: Tally
    by_department: list[tuple[str, Tally]]  # 主管部门 in the roster's order
    states: tuple[str, ...]  # the columns: every state the season knows, in its order


def department_of(member: Member) -> str:
    """The 主管部门 a row is counted under: a 部门's own name, a 单位's 主管部门 (its own name where none is given)."""
    return member.parent if member.kind != "部门" and member.parent else member.name


def progress(as_of: date | None = None) -> Progress:
    """The season's counts as of ``as_of`` (today): the register's states and 逾期, counted by the database
    (counts.py)."""
    day = as_of or today()
    overall, departments = Tally(), []
    for name, states, late in counted(day):
        departments.append((name, Tally(states, late)))
        overall.states.update(states)
        overall.late += late
    return Progress(day, overall, departments, ORDER)


@dataclass(frozen=True)
class Chased:
    """A row still owed something (a roster row's id, name, kind, 主管部门 and 批复日期): what is owed (待报送 / 待整改),
    the state the register shows it in, its days 逾期 (None: not late) and, when returned, by when and whether that
    has passed, and its latest submission's number (None: none)."""

    id: int
    name: str
    kind: str
    parent: str
    approved: date
    owed: str
    state: str
    late_days: int | None
    deadline: date | None
    overdue: bool  # its 整改期限 has passed
    number: int | None

    def cells(self) -> list[str]:
        """Its cells of the export (a name's control and bidi characters as marks: errors.visible_text)."""
        return [visible_text(self.name), self.kind, visible_text(self.parent), self.approved.isoformat(), self.owed,
                self.state, "" if self.late_days is None else str(self.late_days),
                "" if self.deadline is None else self.deadline.isoformat(), "是" if self.overdue else "",
                "" if self.number is None else f"第 {self.number} 次"]


CHASE_FIELDS = ("id", "name", "kind", "parent", "approved", "published", "shown", "deadline", "number")


def _owed(day: date) -> QuerySet[Member]:
    """The rows to chase, in the roster's order, told by the database (counts.py): 未提交 and printed in no other's
    file (待报送), or 已退回 by their own latest submission (待整改) — with that submission's 整改期限 and number."""
    latest = Submission.objects.filter(member_id=OuterRef("pk")).order_by("-number")
    owed = Q(shown=NOT_SUBMITTED) & ~Q(id__in=list(printed_elsewhere())) | Q(shown=RETURNED)
    return shown(day).filter(owed).annotate(deadline=Subquery(latest.values("deadline")[:1]),
                                            number=Subquery(latest.values("number")[:1])).order_by("position")


def _chased(day: date, found: tuple[Any, ...]) -> Chased:
    """A row of ``_owed``'s values (CHASE_FIELDS) as the register tells it: 逾期 by Timely's days, to its 公开日期
    else to ``day``."""
    member, name, kind, parent, approved, published, state, deadline, number = found
    late = days_late(approved, published, day)
    returned = state == RETURNED
    return Chased(member, name, kind, parent, approved, TO_CORRECT if returned else TO_SUBMIT, state,
                  late if late > 0 else None, deadline if returned else None,
                  returned and deadline is not None and deadline < day, number)


def to_chase(as_of: date | None = None, first: int | None = None) -> list[Chased]:
    """The rows not yet submitted (no submission of their own, printed in no other's file) and the rows returned
    and not submitted again, in the roster's order (the ``first`` of them): chosen and read by the database, no
    roster row made an object (a province's 28,000 rows are one query's values)."""
    day = as_of or today()
    owed = _owed(day).values_list(*CHASE_FIELDS)
    return [_chased(day, found) for found in (owed if first is None else owed[:first])]


def chase_page(as_of: date | None = None, first: int = 200) -> tuple[list[Chased], int]:
    """The ``first`` rows to chase (to_chase's) and how many there are."""
    day = as_of or today()
    return to_chase(day, first), _owed(day).count()


def chase_export(form: str, as_of: date | None = None) -> tuple[bytes, str]:
    """The rows to chase as ``form`` (csv or xlsx): its bytes and their media type — a cell a spreadsheet would
    read as a formula (= + - @) kept as text in the CSV."""
    chased = to_chase(as_of)
    if form == "csv":
        out = io.StringIO()
        out.write("\ufeff")
        written = csv.writer(out, lineterminator="\r\n")  # quoted where a cell holds a comma, a quote or a line break
        written.writerow(CHASE_HEADER)
        written.writerows([_formula_as_text(cell) for cell in c.cells()] for c in chased)
        return out.getvalue().encode("utf-8"), "text/csv; charset=utf-8"
    title = f"待报送与待整改的单位（{(as_of or today()).isoformat()}）"
    table = Table(title, "", "", "", "", [TableRow([Cell(h, header=True) for h in CHASE_HEADER], kind="header")],
                  [TableRow([Cell(t, align="right" if i == 6 else "left") for i, t in enumerate(c.cells())]) for c in chased],
                  [30, 6, 24, 12, 8, 10, 8, 12, 10, 10])
    return xlsx_bytes(Document([Title(title), table], meta={"title": title})), \
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _formula_as_text(text: str) -> str:
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text


@dataclass(frozen=True)
class Asked:
    """What the register's page was asked for: a state ("" any), 逾期 only, words of a name, a page."""

    state: str = ""
    late: bool = False
    words: str = ""
    page: int = 1

    @property
    def filtered(self) -> bool:
        return bool(self.state or self.late or self.words)


def chosen(asked: Asked, as_of: date | None = None) -> tuple[Page[Row], int]:
    """The register's page of rows for ``asked`` and how many rows the roster holds. The rows are chosen and paged
    by the database — words of the row's name or 主管部门, the state the register shows it in, 逾期 (counts.py) —
    and the page's rows alone told as the register tells them."""
    day = as_of or today()
    members = shown(day) if asked.state or asked.late else Member.objects.all()  # no state asked: no row's told
    if asked.words:
        members = members.filter(Q(name__icontains=asked.words) | Q(parent__icontains=asked.words))
    if asked.late:
        members = members.filter(overdue=True)
    if asked.state:
        members = in_state(members, asked.state, printed_elsewhere())
    page = Paginator(members, PAGE_ROWS).get_page(asked.page)
    page.object_list = rows(day, list(page.object_list))
    return page, Member.objects.count()
