"""A document's row and findings on the 检查表 as the reviewer decided them (issue 81 part 1): the worker kept what
`review -o`'s summary page needs of the document (paperwork/pages.py SummaryPart) and its numbered findings (marks);
a finding the reviewer dismissed (驳回) is taken out of the page's 问题清单 and of its row's counts — 完整性 for what
the text leaves out (inspection.COMPLETENESS_RULES), else 真实性 by the kind it was counted under — and a document
left with no error, no missing table and nothing unread is 未发现问题. A finding not yet judged, or confirmed, stays.
The page names each document by its file's name as the desk names it (“万里街道办事处-2.pdf”), never by the folder
the worker reviewed it in (``shown``)."""

from __future__ import annotations

import copy
from collections.abc import Collection
from dataclasses import replace
from pathlib import Path

from reportgen.paperwork.inspection import COMPLETENESS, COMPLETENESS_RULES
from reportgen.paperwork.listing import Listed
from reportgen.paperwork.pages import SummaryPart

FLAGGED, CLEAN = "有问题", "未发现问题"
ROW_COUNTS = {"tables": "tables", "checks": "errors", "prose": "prose"}  # the 检查表's counts in the 逐份结果 table's


def decided(part: SummaryPart, marks: list[object], dismissed: Collection[int]) -> SummaryPart:
    """``part`` without the findings numbered ``dismissed`` (of ``marks``, each with its number and item): a copy."""
    if not dismissed:
        return part
    out = copy.deepcopy(part)
    gone = [mark.item for mark in marks if mark.number in dismissed]  # type: ignore[attr-defined]
    kept = out.findings = _kept(out, gone)
    checked = out.inspection
    errors = any(f["item"].severity == "error" for f in kept)  # type: ignore[attr-defined]
    if out.outcome == FLAGGED and not errors and not checked.tables_missing and not out.row.get("refused"):
        out.outcome = out.row["outcome"] = CLEAN
    return out


def _kept(out: SummaryPart, gone: list[object]) -> list[dict[str, object]]:
    """The part's findings but those ``gone`` (each taken once: two alike are two), each gone taken out of its
    counts."""
    kept = []
    for finding in out.findings:
        item = finding["item"]
        match = next((n for n, g in enumerate(gone) if g == item), None)
        if match is None:
            kept.append(finding)
            continue
        gone.pop(match)
        _uncount(out, item)  # type: ignore[arg-type]
    return kept


def _uncount(part: SummaryPart, item: Listed) -> None:
    """The dismissed finding taken out of the counts it is in, as the listing tells them (Listed.counted: 完整性, or
    真实性's tables, checks, prose — 正文与表格 — or wording — 用词与占位); a finding counted in none (a warning, one
    that follows from another slip) takes nothing. Of a summary kept before the listing told it, as then: 完整性
    by its rule, else 真实性 by its kind — a sentence's in 用词与占位 while that counts any, else in 正文与表格."""
    checked, row = part.inspection, part.row.get("counts")
    shown = row if isinstance(row, dict) else {}  # the 逐份结果 table's counts (DocumentReview.counts) of the same
    for count in _counts_of(part, item):
        if count == COMPLETENESS:
            checked.completeness_findings = max(0, checked.completeness_findings - 1)
        elif checked.figures.get(count, 0) > 0:
            checked.figures[count] -= 1
        _less(shown, ROW_COUNTS.get(count, ""))
    if item.kind == "finding" and item.severity == "warning":
        _less(shown, "warnings")


def _less(counts: dict[str, int], key: str) -> None:
    if counts.get(key, 0) > 0:
        counts[key] -= 1


def _counts_of(part: SummaryPart, item: Listed) -> tuple[str, ...]:
    if item.counted is not None:
        return item.counted
    if item.rule in COMPLETENESS_RULES:
        return (COMPLETENESS,)
    kind = {"table": "tables", "figure": "prose"}.get(item.kind) or ("wording" if item.line else "checks")
    if kind == "wording" and not part.inspection.figures.get(kind):
        kind = "prose"  # a sentence against another (a contradiction) is counted with the text's figures
    return (kind,)


def shown(part: SummaryPart) -> SummaryPart:
    """``part`` named by its file's name alone — its document, what the roster matches it by, its row and its
    findings as the page prints them — not by the worker's folder: a copy."""
    folder = str(Path(part.document).parent)
    if folder in ("", "."):
        return part
    out = copy.copy(part)
    name = Path(Path(part.document).name)
    out.document, out.known = name, replace(part.known, document=name) if part.known.document == part.document else part.known
    cut = folder.rstrip("/") + "/"
    # the document's name, and every text of its row that names it (why it was refused or not reviewed: “…/work/job-1/
    # x.pdf：PDF 文件已加密…”), by its file's name alone
    out.row = {key: value.replace(cut, "") if isinstance(value, str) else value for key, value in part.row.items()}
    out.findings = [{**f, "document": str(f.get("document", "")).replace(cut, "")} for f in part.findings]
    return out
