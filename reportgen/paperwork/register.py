"""The register: the roster's rows against the documents reviewed — who has published (which file),
who has not been found, who published late (公开日期 more than DEADLINE_DAYS after 批复日期; not
judged where no 公开日期 is given), and the documents that match no row.

A document is known by its own name (the 部门 its tables were imported for, and whether it is a
部门's or a 单位's budget), else by its file name. It matches a row whose name is the same (spaces and
full-width forms aside), else one whose name contains, or is contained in, the document's (a file
name only contains); of the 部门 or 单位 the document is, of its year where the roster gives 年度, and a budget or a 决算
where it gives 种类.
A document that could be two rows' is said to be ambiguous and matched to neither: never chosen."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from reportgen.paperwork.roster import Member, normal
from reportgen.review.documents import DocumentReview

DEADLINE_DAYS = 20  # 预算批复后 20 日内公开（《地方预决算公开操作规程》）


def today() -> date:
    """Today in Beijing: the day a row is late by, whatever the machine's own time zone (from 16:00 UTC
    a UTC machine's date.today() is Beijing's yesterday: the static pages and the desk told one row
    逾期 654 天 and 逾期 655 天). The deadlines' days are Beijing's (the desk's TIME_ZONE too)."""
    from zoneinfo import ZoneInfo  # deferred: zoneinfo and sysconfig, for a roster or the desk only

    return datetime.now(ZoneInfo("Asia/Shanghai")).date()


@dataclass(frozen=True)
class Known:
    """What a document says of itself: its 部门's name, 部门 or 单位 (None: not known), its year."""

    document: Path
    name: str  # "" where nothing was imported: the file's name stands for it
    kind: str | None
    year: int | None
    final: bool | None = None  # a 部门决算 (True) or a budget (False); None: not known


@dataclass
class Entry:
    member: Member
    documents: list[Path] = field(default_factory=list)
    as_of: date | None = None  # the day of the review (review --date): a row still without a document is late after it

    @property
    def late_days(self) -> int | None:
        """Days past the deadline (≤ 0: in time): to the 公开日期 given; for a row with no document and no
        公开日期, to the day of the review where it is given; else None."""
        if self.member.published is not None:
            return (self.member.published - self.member.approved).days - DEADLINE_DAYS
        if not self.documents and self.as_of is not None:
            return (self.as_of - self.member.approved).days - DEADLINE_DAYS
        return None

    @property
    def state(self) -> str:
        """The row's 及时性 by the register's rule, one word every page uses: 按时, 逾期, 不能判断 (a document
        with no 公开日期), or 未提交 — a row with no document is never 按时: it is 逾期 once past the deadline
        (by its 公开日期, or by the day of the review), else 未提交."""
        late = self.late_days
        if not self.documents:
            return "逾期" if late is not None and late > 0 else "未提交"
        if late is None:
            return "不能判断"
        return "逾期" if late > 0 else "按时"


@dataclass
class Register:
    entries: list[Entry]
    unmatched: list[Known]  # documents matching no row
    ambiguous: list[tuple[Known, list[Member]]]  # documents two rows or more could be

    @property
    def missing(self) -> list[Entry]:
        return [e for e in self.entries if not e.documents]

    @property
    def late(self) -> list[Entry]:
        return [e for e in self.entries if e.state == "逾期"]

    def entry_of(self, doc: Known) -> Entry | None:
        """The row the reviewed document (a disclosure of its file) was matched to (None: on no row). A file of
        several disclosures is on each of their rows: each disclosure is its own row's, never the file's first."""
        entry = row_of(doc, self.entries)
        return entry if entry is not None and doc.document in entry.documents else None

    @property
    def hidden(self) -> list[Entry]:
        """The rows hidden or filtered out in the roster's sheet: counted and judged as every row, and said."""
        return [e for e in self.entries if e.member.hidden]

    def groups(self) -> list[tuple[str, list[Entry]]]:
        """Each 部门 with its 单位, in the roster's order: (主管部门's name, its rows, the 部门's own first)."""
        order: dict[str, list[Entry]] = {}
        for entry in self.entries:
            member = entry.member
            key = normal(member.name if member.kind == "部门" else (member.parent or member.name))
            order.setdefault(key, []).append(entry)
        return [(_group_name(entries), sorted(entries, key=lambda e: e.member.kind != "部门")) for entries in order.values()]


def _group_name(entries: list[Entry]) -> str:
    own = next((e.member.name for e in entries if e.member.kind == "部门"), None)
    return own or entries[0].member.parent or entries[0].member.name


def known(result: DocumentReview) -> Known:
    if result.imported is None:
        return Known(result.document, "", None, None)
    header = result.imported.header
    kind = header.get("kind")
    year = header.get("year")
    return Known(result.document, str(header.get("department") or ""), kind if kind in ("部门", "单位") else None,
                 year if isinstance(year, int) else None, header.get("accounts") == "决算")


def register(members: list[Member], documents: Iterable[Known], as_of: date | None = None) -> Register:
    """The roster's rows against the documents; ``as_of``: the day of the review (a row still without a
    document more than DEADLINE_DAYS after its 批复 is late), None when not given."""
    entries = [Entry(m, as_of=as_of) for m in members]
    result = Register(entries, [], [])
    for doc in documents:
        candidates = _candidates(doc, entries)
        if len(candidates) == 1:
            candidates[0].documents.append(doc.document)
        elif candidates:
            result.ambiguous.append((doc, [e.member for e in candidates]))
        else:
            result.unmatched.append(doc)
    return result


def row_of(doc: Known, entries: list[Entry]) -> Entry | None:
    """The one row the document is (as ``register`` matches it); None where it is no row's, or could be two."""
    candidates = _candidates(doc, entries)
    return candidates[0] if len(candidates) == 1 else None


def _candidates(doc: Known, entries: list[Entry]) -> list[Entry]:
    """The rows the document could be: by name (the same, else one within the other), then by kind and year."""
    return _same_kind_and_year(doc, _named(doc, entries))


def _named(doc: Known, entries: list[Entry]) -> list[Entry]:
    """The rows of the document's name (its file's without one printed): the same name, else one within the other."""
    name = normal(doc.name or doc.document.stem)
    same = [e for e in entries if normal(e.member.name) == name]
    return same or [e for e in entries if _within(normal(e.member.name), name, by_file=not doc.name)]


def _same_kind_and_year(doc: Known, same: list[Entry]) -> list[Entry]:
    """Of the rows named, those of the document's kind, year and 决算 or budget, where it tells them."""
    if doc.kind is not None:  # a 单位's budget is not its 部门's, nor another year's this year's
        same = [e for e in same if e.member.kind == doc.kind]
    if doc.year is not None:
        same = [e for e in same if e.member.year in (None, doc.year)]
    if doc.final is not None:  # a 部门决算 is not the budget's publication, nor the reverse
        same = [e for e in same if e.member.final in (None, doc.final)]
    return same


def may_be_named(row: str, names: set[str]) -> bool:
    """Whether a row of this name (``normal``) could be the row of a document naming one of ``names`` (each
    ``normal``): the same name, or one within the other as ``row_of`` matches a name the document prints — the rows
    ``row_of`` may choose among, so it may be given these alone and choose as among every row."""
    return row in names or any(_within(row, name, by_file=False) for name in names)


def _within(row: str, name: str, by_file: bool) -> bool:
    if len(row) < 2:
        return False
    return row in name or (not by_file and len(name) >= 2 and name in row)
