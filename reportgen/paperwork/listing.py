"""Every finding of a reviewed document as one row of the reviewer's list: where it stands (page, line,
the words printed there), what it says, its rule and severity — for the summary page's 问题清单 and the
top of the document's own page. Notes (what was read past, figures cut rather than rounded, codes the
catalogue does not hold) are not findings and are not listed."""

from __future__ import annotations

from dataclasses import dataclass, replace

from reportgen.base.errors import Finding, SourceError
from reportgen.base.patterns import regex
from reportgen.paperwork.inspection import COMPLETENESS, COMPLETENESS_RULES
from reportgen.readers.published import read_draft
from reportgen.readers.text.lines import Line
from reportgen.review.documents import DocumentReview

_PAGE = regex(r"第\s*(\d+)\s*页")  # a table difference names its place: “第11页 第9行”
_QUOTED = regex(r"“([^“”]+)”")  # and often quotes what is printed there: 科目编码印作“301 2”
_QUOTE = 80  # characters of the printed line shown
# a total printed otherwise than its parts (importing/reconcile.py): “2040601 行政运行 印作 14,348,853.34，而其组成部分之和为”
_TOTAL = regex(r"(?:^|：)(?P<what>[^：，]+?) 印作 (?P<value>-?[0-9][0-9,]*(?:\.[0-9]+)?)，而其组成部分之和为")


@dataclass(frozen=True)
class Listed:
    """One finding as listed. ``kind``: figure (a prose figure against the tables: ``printed``,
    ``expected``, ``cause``), table (a table's own difference), refused (the document could not be
    read), or finding (a rule's finding: its ``message``)."""

    page: int  # 0: not known (a check on the tables as a whole)
    line: int  # 0: no line of the text
    quote: str  # the words printed at that line
    kind: str
    rule: str
    severity: str  # error / warning
    message: str = ""
    printed: str = ""
    expected: str = ""
    cause: str = ""
    about: str = ""  # the figure's name, where it has one
    follows: str = ""  # the slip of the document it follows from (review/following.py), named; "": its own
    scanned: bool = False  # a figure on a scanned page, read by OCR (review_scanned.j2 says so)
    # the 检查表's counts it is one of (paperwork/inspection.py: COMPLETENESS, else a key of Inspection.figures) — so
    # a finding dismissed is taken from the count it is in; (): none (a warning of the tables' checks, a finding that
    # follows from another slip, the refusal, a problem of the text's reading); None: not told (kept before it was)
    counted: tuple[str, ...] | None = None


def listed(result: DocumentReview) -> list[Listed]:
    """The document's findings in the order a reader meets them: those of its tables, then its text by line (of a
    file of several disclosures: each one's in turn, as its pages follow)."""
    if result.parts:
        return [item for part in result.parts for item in listed(part)]
    lines = document_lines(result)
    out: list[Listed] = []
    if result.refused:
        out.append(Listed(0, 0, "", "refused", "审核", "error", message=result.refused, counted=()))
    out += _tables_findings(result, lines)
    return sorted(out + _text_findings(result, lines),
                  key=lambda item: (item.kind != "refused", item.page == 0 and item.line == 0, item.page, item.line))


def _tables_findings(result: DocumentReview, lines: dict[int, Line]) -> list[Listed]:
    """The tables' differences (a refused 决算's reconciled tables') and the checks' findings, each with the slip it
    follows from and the counts it is in."""
    differences = result.final if result.refused else (result.imported.differences if result.imported else [])
    follows, tabled = result.following, _tabled(result)
    out = [replace(_table(text, lines), follows=follows.get(text, ""), counted=("tables",) if text in tabled else ())
           for text in differences]
    return out + [Listed(0, 0, "", "finding", f.rule, f.severity, message=f.message, follows=follows.get(f.message, ""),
                         counted=("checks",) if f.severity == "error" and f.message not in follows else ())
                  for f in result.checks]


def _tabled(result: DocumentReview) -> set[str]:
    """The tables' differences the 检查表 counts (DocumentReview.counts): those that follow from no other slip."""
    if result.imported is None:
        return set(result.final)
    return {text for text in result.imported.differences if text not in result.following}


def _text_findings(result: DocumentReview, lines: dict[int, Line]) -> list[Listed]:
    """The findings of the text, each with the counts it is in (DocumentReview.counts, inspection.inspection): a
    figure against the tables and a sentence against another in 正文与表格 (prose), a wording rule's in 用词与占位
    (wording) or, what the text leaves out, in 完整性 — the text of a refused document in prose, and in wording or
    完整性 as well where it has no narrative (its wording is that text)."""
    if result.refused:
        alone = result.narrative is None
        out = [_at_line(f, lines, ("prose", *((_wording(f),) if alone else ()))) for f in result.final_text]
    else:
        out = [_at_line(f, lines, ()) for f in result.narrative_problems]
    if result.narrative is not None:
        out += _figures(result, lines) + [_at_line(f, lines, ("prose",)) for f in result.narrative.contradictions]
        out += [_at_line(f, lines, (_wording(f),)) for f in result.narrative.wording]
    return out


def _wording(finding: Finding) -> str:
    return COMPLETENESS if finding.rule in COMPLETENESS_RULES else "wording"


def document_lines(result: DocumentReview) -> dict[int, Line]:
    if result.parts:  # a file of several disclosures: every one's lines (numbered as the file numbers them)
        return {number: line for part in result.parts for number, line in document_lines(part).items()}
    if result.narrative is not None:
        return {line.number: line for line in result.narrative.lines}
    return _refused_lines(result) if result.final_text else {}


def _refused_lines(result: DocumentReview) -> dict[int, Line]:
    """The lines of a refused document whose sentences were judged: as read (a 决算's), else its draft read again
    (none where it cannot be)."""
    if result.published is not None:  # a refused 决算's sentences were read from its lines, as read
        return {line.number: line for line in result.published.lines}
    try:
        return {line.number: line for line in read_draft(result.document)}
    except SourceError:
        return {}


def _table(text: str, lines: dict[int, Line]) -> Listed:
    """A table's own difference: its page, and the words it quotes where that page prints them — else, a
    total printed otherwise than its parts' sum, that total as printed (its cell), on its row's line
    (``about``: the row's name) where the page prints it."""
    page, printed = _page_printed(text, lines)
    quote = next((q for q in _QUOTED.findall(text) if flat(q) and flat(q) in printed), "")
    total = _TOTAL.search(text)
    if not quote and total is not None and page and flat(total.group("value")) in printed:
        # its row's name: 2040601 行政运行 → 行政运行 (a column's word after it, 合计 or 项目支出, left out)
        about = next((part for part in total.group("what").split(" ") if not part.isdigit()), "")
        return Listed(page, 0, total.group("value"), "table", "表内不一致", "error", message=text, about=about)
    return Listed(page, 0, quote, "table", "表内不一致", "error", message=text)


def _page_printed(text: str, lines: dict[int, Line]) -> tuple[int, str]:
    """The page a table's difference names (0: none) and what that page prints, its spaces taken out."""
    found = _PAGE.search(text)
    page = int(found.group(1)) if found else 0
    return page, flat("".join(line.text for line in lines.values() if line.page == page)) if page else ""


def flat(text: str) -> str:
    """The text without its spaces (a PDF's line spaces out what a message quotes whole)."""
    return "".join(text.split())


def _shown(line: Line | None) -> str:
    if line is None:
        return ""
    text = line.bare
    return text if len(text) <= _QUOTE else text[:_QUOTE] + "…"


def _at_line(finding: Finding, lines: dict[int, Line], counted: tuple[str, ...]) -> Listed:
    line = lines.get(finding.line)
    return Listed(line.page if line else 0, finding.line, _shown(line), "finding", finding.rule, finding.severity,
                  message=finding.message, counted=counted)


def _figures(result: DocumentReview, lines: dict[int, Line]) -> list[Listed]:
    assert result.narrative is not None
    out = []
    for verdict in result.narrative.verdicts:
        if verdict.status != "disagree":
            continue
        st = verdict.statement
        line = lines.get(st.line)
        out.append(Listed(line.page if line else 0, st.line, _shown(line), "figure", "R-核对", "error",
                          printed=st.text if st.kind != "cell" else f"{st.label} {st.value}", expected=verdict.expected,
                          cause=verdict.cause, about=verdict.figure.name if verdict.figure else "",
                          scanned=line is not None and line.page in result.narrative.scanned, counted=("prose",)))
    return out
