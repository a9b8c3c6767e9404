"""Findings on a PDF's scanned pages (readers/pdf_ocr.py read them by OCR): each says so, with its page
(templates/review_scanned.j2), for the reader to look at the page itself; and none rests on a figure OCR
could not read for sure (printed as pdf_ocr.UNREAD): a sentence's or a line's rule over a line that holds
one is not told — what it would say rests on what was not read; nor is a figure found to differ from the tables
in a sentence that holds one (what the sentence says of its figures — a list of parts and their whole, the
whole not read — is not known)."""

from __future__ import annotations

from dataclasses import replace

from reportgen.base.errors import Finding
from reportgen.base.templating import environment
from reportgen.readers.pdf.pdf_ocr import UNREAD
from reportgen.readers.text.lines import Line
from reportgen.review.policy import kept_on_scan
from reportgen.review.sentences.judge import Verdict

BESIDE_UNREAD = f"句中有文字识别未能读准的数字（印作“{UNREAD}”），这一句的数不作判断"


def scanned_note(page: int) -> str:
    """What a finding on scanned page ``page`` adds to its words."""
    return str(environment("text").get_template("review_scanned.j2").module.scanned(page))  # type: ignore[attr-defined]


def told_on_scans(findings: list[Finding], lines: list[Line], pages: frozenset[int], file: str) -> list[Finding]:
    """``findings`` told of a document whose ``pages`` were read by OCR (``lines``: its lines as read): those
    on a line of a scanned page that holds a figure not read left out, the others on one said so."""
    if not pages:
        return findings
    at = {line.number: line for line in lines}
    out = []
    for finding in findings:
        line = at.get(finding.line) if finding.file == file else None
        if line is None or line.page not in pages:
            out.append(finding)
        elif kept_on_scan(finding, line):  # the policies of a line OCR read (review/policy.py)
            out.append(replace(finding, message=finding.message + scanned_note(line.page)))
    return out


def not_judged_beside_unread(verdicts: list[Verdict], lines: list[Line]) -> None:
    """Each figure found to differ from the tables in a sentence (or on a line) that holds a figure OCR did
    not read for sure: 未能核对, its cause told (北京市政务服务和数据管理局 2026: “政府采购预算□万元，其中：…服务
    54,033.95万元”, the 服务 made up so that the parts add to the whole, which was not read)."""
    text = {line.number: line.text for line in lines}
    for verdict in verdicts:
        st = verdict.statement
        if verdict.status == "disagree" and (UNREAD in st.sentence or UNREAD in text.get(st.line, "")):
            verdict.status, verdict.figure, verdict.expected, verdict.cause = "unknown", None, "", BESIDE_UNREAD
