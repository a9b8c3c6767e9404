"""A returned submission's 整改通知 (review/handback.py's notice, with the issuer, date and deadline the
reviewer set) and its table of findings as an XLSX, from one Document as `review -o` hands them back, kept in
the store — for the file, or for each disclosure of a file of several. A document 未能审核 may be returned
with none (nothing was read of it to hand back)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from pathlib import Path
from typing import Any

from django.db.models import QuerySet

from reportgen.desk.record.models import DISMISSED, Finding, Submission
from reportgen.desk.record.store import reviewed_name
from reportgen.desk.record.summaries import summary_of
from reportgen.desk.settings import DeskRefused
from reportgen.desk.web.views import store
from reportgen.docmodel.document import Document
from reportgen.paperwork.annotated import NotAnnotated, annotated_pdf
from reportgen.paperwork.handback import Issued, notice, notice_docx
from reportgen.paperwork.places import Mark
from reportgen.writers.xlsx import xlsx_bytes

__all__ = ["Issued", "date_of", "issued_of", "notices_of"]

NOTHING_TO_RETURN = "没有未驳回的问题，不用退回：可以审核通过"


def issued_of(form: Mapping[str, str]) -> Issued:
    issuer = form.get("issuer", "").strip()
    if not issuer:
        raise DeskRefused("请填写发出整改通知的单位（如 某某区财政局）")
    issued = date_of(form.get("issued", ""), "通知日期")
    deadline = date_of(form.get("deadline", ""), "整改期限")
    if deadline < issued:
        raise DeskRefused(f"整改期限 {deadline} 早于通知日期 {issued}：请改正")
    return Issued(issuer, issued, deadline)


def date_of(text: str, what: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise DeskRefused(f"{what}写作“{text[:40]}”：应为日期，如 2025-03-01") from None


def notices_of(submission: Submission, issued: Issued, unreviewed: bool) -> tuple[str, str, str]:
    """The digests of the file's notice, table and annotated copy of the findings not dismissed ("" none: a file of
    several keeps each disclosure's with it); refused when there is nothing to hand back, unless the document could
    not be reviewed."""
    if submission.disclosures.exists():
        if not _disclosures(submission, issued) and not unreviewed:
            raise DeskRefused(NOTHING_TO_RETURN)
        return "", "", ""
    made = _document(submission, issued, unreviewed)
    if made is None:
        if not unreviewed:
            raise DeskRefused(NOTHING_TO_RETURN)
        return "", "", ""
    document, kept = made
    return (*_kept(document), handed(submission, kept, submission.annotated))


def _not_dismissed(summary: dict[str, Any], findings: QuerySet[Finding]) -> tuple[str, str, list[Mark]]:
    """A stored summary's title, kind and numbered findings, those of ``findings`` the reviewer dismissed left out."""
    kept = summary_of(summary)
    dismissed = set(findings.filter(verdict=DISMISSED).values_list("number", flat=True))
    return kept.title, kept.kind, [m for m in kept.marks if m.number not in dismissed]


def _document(submission: Submission, issued: Issued, unreviewed: bool) -> tuple[Document, list[Mark]] | None:
    """The notice of the findings not dismissed, and those findings; None where there is none (a review given up
    keeps no summary)."""
    summary = Submission.objects.values_list("summary", flat=True).get(id=submission.id)
    if summary is None:
        if unreviewed:
            return None
        raise DeskRefused("这份文件还没有审核完，不能退回")
    title, kind, kept = _not_dismissed(summary, submission.findings.filter(disclosure=None))
    annotated = "标注的 PDF" if submission.annotated else ""
    document = notice(_title(submission, ""), submission.member.name, kind or submission.member.kind, kept, annotated,
                      issued, _title(submission, title) if title else "")
    return (document, kept) if document is not None else None


def handed(submission: Submission, kept: list[Mark], annotated: str, pages: tuple[int, int] | None = None) -> str:
    """The annotated copy handed back with the notice: the submitted file with the findings not dismissed alone
    boxed (review/annotated.py, as the worker's copy has them all), numbered as the notice numbers them; "" where
    the worker made no copy (not a PDF, or it could not be copied) or nothing is kept."""
    if not annotated or not kept:
        return ""
    name = Path(reviewed_name(submission.member.name, submission.number, submission.kind))
    try:
        return store().put_bytes(annotated_pdf(name, store().read(submission.digest), kept, pages))
    except (NotAnnotated, OSError):
        return ""


def _disclosures(submission: Submission, issued: Issued) -> int:
    """Each disclosure's 整改通知 of its findings not dismissed, to its owner, and its table, kept with it (none
    where it has none): how many were made."""
    made = 0
    for disclosure in submission.disclosures.all():
        if disclosure.summary is None:
            raise DeskRefused("这份文件还没有审核完，不能退回")
        title, kind, kept = _not_dismissed(disclosure.summary, disclosure.findings.all())
        document = notice(_title(submission, disclosure.named), disclosure.owner or submission.member.name,
                          kind or disclosure.kind, kept, "标注的 PDF" if disclosure.annotated else "", issued,
                          _title(submission, title) if title else "")
        disclosure.notice, disclosure.notice_table = _kept(document) if document is not None else ("", "")
        disclosure.handed = handed(submission, kept, disclosure.annotated, (disclosure.first, disclosure.last)) \
            if document is not None else ""
        disclosure.save(update_fields=["notice", "notice_table", "handed"])
        made += document is not None
    return made


def _kept(document: Document) -> tuple[str, str]:
    return store().put_bytes(notice_docx(document)), store().put_bytes(xlsx_bytes(document))


def _title(submission: Submission, title: str) -> str:
    return f"{title or submission.member.name}（第 {submission.number} 次报送）"
