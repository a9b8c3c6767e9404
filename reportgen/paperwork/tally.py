"""The one 结论 of each reviewed document and the one count of them, for every place that says it: the
terminal's last line, the summary page's heading, its 检查表 and 逐份结果, and the desk (issue 55) —
so that no two of them count the documents with problems apart.

A document's 结论 is its outcome (DocumentReview.outcome: 未能审核, 有问题, 未发现问题), except that a
document whose figures show nothing wrong but which was published late (its register row 逾期) is
有问题 all the same: lateness is a problem of a document reviewed."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from reportgen.paperwork.register import Entry

UNREVIEWED, FLAGGED, CLEAN = "未能审核", "有问题", "未发现问题"


def verdict(outcome: str, entry: Entry | None) -> str:
    """The document's 结论: its outcome, and 有问题 for one found clean but published late."""
    return FLAGGED if outcome == CLEAN and entry is not None and entry.state == "逾期" else outcome


@dataclass(frozen=True)
class Tally:
    documents: int
    flagged: int  # 有问题 (late ones among them)
    clean: int
    unreviewed: int


def tally(verdicts: Iterable[str]) -> Tally:
    """The documents counted by their 结论 (``verdict``)."""
    counted = Counter(verdicts)
    return Tally(sum(counted.values()), counted[FLAGGED], counted[CLEAN], counted[UNREVIEWED])
