"""The bureau's own precision figure: per rule, of the findings its reviewers marked, how many they
dismissed, and that share (compute/arithmetic.py's share: percent, 2 decimals half up; none where
nothing was marked). Exported as CSV and as XLSX (writers/xlsx, from one neutral table)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Q

from reportgen.compute.arithmetic import share
from reportgen.desk.record.models import CONFIRMED, DISMISSED, Finding
from reportgen.docmodel.document import Cell, Document, Row, Table, Title
from reportgen.writers.xlsx import xlsx_bytes

HEADER = ("规则", "审核发现", "已标记", "确认", "驳回", "驳回占已标记（%）")


@dataclass(frozen=True)
class RuleCount:
    rule: str
    found: int
    confirmed: int
    dismissed: int

    @property
    def marked(self) -> int:
        return self.confirmed + self.dismissed

    @property
    def dismissed_share(self) -> Decimal | None:
        return share(Decimal(self.dismissed), Decimal(self.marked))

    def cells(self) -> list[str]:
        shown = self.dismissed_share
        return [self.rule, str(self.found), str(self.marked), str(self.confirmed), str(self.dismissed),
                "" if shown is None else f"{shown:.2f}"]


def per_rule() -> list[RuleCount]:
    counted = (Finding.objects.values("rule").annotate(found=Count("id"), confirmed=Count("id", filter=Q(verdict=CONFIRMED)),
                                                       dismissed=Count("id", filter=Q(verdict=DISMISSED))).order_by("rule"))
    return [RuleCount(c["rule"], c["found"], c["confirmed"], c["dismissed"]) for c in counted]


def export(form: str) -> tuple[bytes, str]:
    """The table as ``form`` (csv or xlsx): its bytes and their media type."""
    counts = per_rule()
    if form == "csv":
        lines = [",".join(HEADER)] + [",".join(_csv(cell) for cell in c.cells()) for c in counts]
        return ("\ufeff" + "\r\n".join(lines) + "\r\n").encode("utf-8"), "text/csv; charset=utf-8"
    table = Table("驳回率", "", HEADER[-1], "", "", [Row([Cell(h, header=True) for h in HEADER], kind="header")],
                  [Row([Cell(t, align="left" if i == 0 else "right") for i, t in enumerate(c.cells())]) for c in counts],
                  [20, 10, 10, 10, 10, 16])
    document = Document([Title("各规则审核发现的驳回率"), table], meta={"title": "各规则审核发现的驳回率"})
    return xlsx_bytes(document), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _csv(text: str) -> str:
    """A CSV field (RFC 4180): quoted where it holds a comma, a quote or a line break; a leading = + - @
    (a formula to a spreadsheet) set off by an apostrophe."""
    if text[:1] in ("=", "+", "-", "@"):
        text = "'" + text
    return f'"{text.replace(chr(34), chr(34) * 2)}"' if any(c in text for c in ',"\r\n') else text
