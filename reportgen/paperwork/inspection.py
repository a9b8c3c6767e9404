"""The 检查表 in the national inspections' five headings, one row per reviewed document — 及时性 (from the
register), 完整性 (the tables and parts a disclosure must publish, empty tables explained), 细化程度
(功能分类 to 项, 基本支出 经济分类 to 款, “三公” in its four items), 公开方式 (how the file can be read)
and 真实性 (the figures: tables, 勾稽, text against tables, sentences, wording) — as values; the words
are templates/review_summary.html.j2's."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from reportgen.docmodel.model import THREE_PUBLIC_PARTS
from reportgen.paperwork.register import Entry, Register, known
from reportgen.review.documents import DocumentReview

COMPLETENESS = "completeness"  # the count of what the text leaves out (Inspection.completeness_findings)
COMPLETENESS_RULES = ("R-空表说明", "R-内容空缺")  # what the text leaves out, or says of a table, falsely
FUNCTION_DIGITS, ECONOMIC_DIGITS = 7, 5  # 类 3 + 款 2 + 项 2; 类 3 + 款 2
# the form a document was published in, by what its bytes are (readers/published.py), not its name
_FORMATS = {"pdf": "PDF", "docx": "DOCX", "doc": "DOC", "rtf": "RTF", "wordml": "XML", "mht": "MHT", "xlsx": "XLSX", "xls": "XLS", "ods": "ODS",
            "csv": "CSV", "page": "HTML", "html": "HTML", "spreadsheetml": "XLS"}


@dataclass
class Detail:
    """细化程度: codes printed short of their level (None: that table was not read), 三公 items not split."""

    function_short: list[str] | None = None
    economic_short: list[str] | None = None
    three_public_missing: list[str] | None = None
    three_public_empty: bool = False  # the table printed empty, with its 说明: nothing to split
    three_public_unread: int = 0  # figures of the table not read: whether it is split is not judged

    @property
    def count(self) -> int:
        return sum(len(found or []) for found in (self.function_short, self.economic_short, self.three_public_missing))


@dataclass
class Inspection:
    timely: Entry | None  # the register's row (None: no roster, or the document on no row)
    on_roster: bool  # a roster was given
    tables_required: int = 0
    tables_missing: list[str] = field(default_factory=list)
    # tables of the national set the document neither prints nor implies (missing.py): told, never counted
    tables_unpublished: list[str] = field(default_factory=list)
    # tables not found where a scanned page prints a table none was read from: maybe there, not missing
    tables_on_scans: list[str] = field(default_factory=list)
    parts_unread: list[str] | None = None
    completeness_findings: int = 0
    detail: Detail = field(default_factory=Detail)
    form: str = ""  # PDF, DOCX, XLSX …
    figures: dict[str, int] = field(default_factory=dict)  # 真实性 by kind

    @property
    def late(self) -> bool:
        return self.timely is not None and self.timely.state == "逾期"

    @property
    def completeness(self) -> int:
        return len(self.tables_missing) + self.completeness_findings

    @property
    def truth(self) -> int:
        return sum(self.figures.values())


def inspection(result: DocumentReview, register: Register | None) -> Inspection:
    entry = register.entry_of(known(result)) if register else None
    out = Inspection(entry, register is not None, form=_FORMATS.get(result.kind, ""))
    wording = result.narrative.wording if result.narrative else result.final_text
    out.completeness_findings = sum(1 for f in wording if f.rule in COMPLETENESS_RULES)
    _tables_listed(out, result.checklist)
    if result.imported is not None:
        out.detail = _detail_read(result.imported.imported.tree, [u.table for u in result.unread])
    counts = result.counts
    out.figures = {"tables": counts["tables"], "checks": counts["errors"],
                   "prose": counts["prose"], "wording": len(wording) - out.completeness_findings}
    return out


def _tables_listed(out: Inspection, checklist: Mapping[str, object]) -> None:
    """完整性 as the review's checklist lists it: the tables required, missing, declared unpublished, printed on
    scans, and the parts of the text not read (None: not listed)."""
    required = checklist.get("tables_required")
    out.tables_required = required if isinstance(required, int) else 0
    out.tables_missing = _names(checklist.get("tables_missing")) or []
    out.tables_unpublished = _names(checklist.get("tables_unpublished")) or []
    out.tables_on_scans = _names(checklist.get("tables_on_scans")) or []
    out.parts_unread = _names(checklist.get("parts_unread"))


def _names(listed: object) -> list[str] | None:
    """The names a checklist entry lists; None where it lists none."""
    return [str(name) for name in listed] if isinstance(listed, list) else None


def _detail_read(tree: Mapping[str, object], unread_tables: list[str]) -> Detail:
    """细化程度 of the source read; “三公” items not read are not items not printed: counted as unread instead."""
    detail = _detail(tree)
    unread = [table for table in unread_tables if "三公" in table]
    if detail.three_public_missing and unread:
        detail.three_public_unread = len(unread)
        detail.three_public_missing = []
    return detail


def _detail(tree: Mapping[str, object]) -> Detail:
    spending = tree.get("支出") if isinstance(tree.get("支出"), dict) else {}
    assert isinstance(spending, dict)
    functions = spending.get("功能分类")
    basic = spending.get("基本支出")
    economic = basic.get("经济分类") if isinstance(basic, dict) else None
    return Detail(_short(functions, FUNCTION_DIGITS), _short(economic, ECONOMIC_DIGITS),
                  *_three_public_split(tree.get("三公经费")))


def _three_public_split(three: object) -> tuple[list[str] | None, bool]:
    """“三公” in its four items: the items it does not give (None: not read), and whether it was printed empty with
    its 说明 (nothing to split)."""
    if isinstance(three, dict) and "说明" in three and not any(item in three for item in THREE_PUBLIC_PARTS):
        return [], True
    return ([item for item in THREE_PUBLIC_PARTS if item not in three] if isinstance(three, dict) else None), False


def _short(rows: object, digits: int) -> list[str] | None:
    """The codes of ``rows`` printed with fewer digits than their level has; None: no such rows read."""
    if not isinstance(rows, list) or not rows:
        return None
    codes = [str(row.get("科目", "")) for row in rows if isinstance(row, dict)]
    return [code for code in codes if len(code) < digits]
