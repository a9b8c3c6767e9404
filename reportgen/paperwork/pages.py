"""The pages of `reportgen review -o DIR`: per document its tables as read (the import's review
page) and its narrative marked figure by figure (the review page of check --against); and one
summary page for the bureau (templates/review_summary.html.j2)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from reportgen.base.errors import visible_text
from reportgen.base.patterns import regex
from reportgen.importing import report_html as tables_html
from reportgen.paperwork.annotated import NotAnnotated, annotated_pdf
from reportgen.paperwork.handback import Issued, handback, notice_docx
from reportgen.paperwork.inspection import Inspection, inspection
from reportgen.paperwork.listing import Listed, document_lines, listed
from reportgen.paperwork.places import Mark, NotPlaced, marks
from reportgen.paperwork.register import DEADLINE_DAYS, Known, Register, known
from reportgen.paperwork.tally import tally, verdict
from reportgen.readers.published import MAX_PUBLISHED_BYTES
from reportgen.reading.files import InputRefused, read_bounded
from reportgen.review import report_html as prose_html
from reportgen.review.documents import DocumentReview
from reportgen.writers.html import environment
from reportgen.writers.xlsx import xlsx_bytes

_UNSAFE = regex(r"[\\/\x00-\x1f\"'<>|?*:#%&]")


def page_names(document: Path, index: int, tag: str = "") -> tuple[str, str]:
    """The document's two pages, numbered so that documents of the same name stay apart (``tag``: one
    disclosure of several its file holds, by its first page: ``part_tag``)."""
    stem = _stem(document) + tag
    return f"{index:03d}-{stem}-tables.html", f"{index:03d}-{stem}-prose.html"


def annotated_name(document: Path, index: int, tag: str = "") -> str:
    """The name of a reviewed PDF's annotated copy (written where the document's bytes are a PDF's,
    whatever its name: ``copy_name``)."""
    return f"{index:03d}-{_stem(document)}{tag}-annotated.pdf"


def part_tag(result: DocumentReview) -> str:
    """What a disclosure's names add where its file holds several (“-p22”: its first page); "" elsewhere."""
    return f"-p{result.span.first}" if result.span is not None else ""


def copy_name(result: DocumentReview, index: int) -> str | None:
    """The name of the document's annotated copy; None for a document whose bytes are no PDF's."""
    return annotated_name(result.document, index, part_tag(result)) if result.kind == "pdf" else None


_STEM_BYTES = 200  # with "1000-" before it and "-annotated.pdf" after it, within a name's 255 bytes


def _stem(document: Path) -> str:
    """The document's name in the names of its pages: as text (a GBK name read as GBK, a control or
    bidi character written [U+XXXX]), and short enough for the file system (80 Han characters are
    240 bytes: the names a review writes end in -annotated.pdf)."""
    stem = _UNSAFE.sub("_", visible_text(document.stem)).lstrip(".") or "document"
    while len(stem.encode("utf-8")) > _STEM_BYTES:
        stem = stem[:-1]
    return stem


@dataclass(frozen=True)
class Copy:
    """A reviewed PDF's annotated copy: its name, its bytes, or why there are none; and the findings
    as numbered there (the hand-back's numbers)."""

    name: str
    data: bytes | None
    reason: str = ""
    marks: tuple[Mark, ...] = ()


def annotated_copy(result: DocumentReview, name: str = "", items: list[Listed] | None = None) -> Copy:
    """The reviewed PDF with its findings (``items``, else listed here) boxed and a legend page, or
    None and why not."""
    items = listed(result) if items is None else items
    found = [Mark(number, item) for number, item in enumerate(items, start=1)]
    try:
        published = result.published  # the bytes the review read (the copy is of what was reviewed)
        data = published.data if published is not None else read_bounded(result.document, MAX_PUBLISHED_BYTES, "PDF")
        found = marks(result.document, data, items, document_lines(result))
        span = (result.span.first, result.span.last) if result.span is not None else None
        return Copy(name, annotated_pdf(result.document, data, found, span), "", tuple(found))
    except (InputRefused, NotPlaced, NotAnnotated) as exc:
        return Copy(name, None, str(exc), tuple(found))


def handback_files(result: DocumentReview, index: int, copy: Copy | None, items: list[Listed],
                   issued: Issued | None = None) -> dict[str, bytes]:
    """A document's findings handed back: the 整改 notice (DOCX, its issuer, date and deadline ``issued``
    where set) and its table (XLSX); none when clean or not reviewed."""
    if result.not_read:  # nothing was read: there is nothing to put right, and no notice to send
        return {}
    found = list(copy.marks) if copy else [Mark(n, item) for n, item in enumerate(items, start=1)]
    notice = handback(result, found, copy.name if copy and copy.data else "", issued)
    if notice is None:
        return {}
    docx, xlsx = handback_names(result.document, index, part_tag(result))
    return {docx: notice_docx(notice), xlsx: xlsx_bytes(notice)}


def handback_names(document: Path, index: int, tag: str = "") -> tuple[str, str]:
    stem = f"{index:03d}-{_stem(document)}{tag}"
    return f"{stem}-notice.docx", f"{stem}-findings.xlsx"


def document_pages(result: DocumentReview, index: int) -> dict[str, str]:
    if result.imported is None:
        return {}
    tables, prose = page_names(result.document, index, part_tag(result))
    imported = result.imported
    pages = {tables: tables_html(imported.imported, result.document, [result.document], imported.unknown,
                                 imported.differences, imported.notes + [f.message for f in result.hints],
                                 [f.message for f in result.unverified])}
    if result.narrative is not None:
        pages[prose] = prose_html(result.narrative)
    return pages


@dataclass
class SummaryPart:
    """What the summary page needs of one document, made where it was reviewed."""

    document: Path
    row: dict[str, object]
    findings: list[dict[str, object]]
    link: str  # its first page: its text's, else its tables', else its annotated copy
    outcome: str  # 未能审核 / 有问题 / 未发现问题 (DocumentReview.outcome)
    inspection: Inspection  # the row's 检查表 (its 及时性 set once the register is known)
    known: Known  # what the roster matches it by (a disclosure of a file of several: its own)


def summary_part(result: DocumentReview, index: int, copy: Copy | None, items: list[Listed]) -> SummaryPart:
    tables, prose = page_names(result.document, index, part_tag(result))
    prose_page = prose if result.narrative is not None else ""
    annotated = copy.name if copy and copy.data else ""
    checked = inspection(result, None)
    shown = f"{result.document}（{result.span.named}）" if result.span is not None else str(result.document)
    row = {"document": shown, "refused": result.refused, "unreviewed": result.unreviewed,
           "outcome": result.outcome, "counts": result.counts, "clean": result.clean, "tables_page": tables, "inspection": checked,
           "prose_page": prose_page, "annotated": annotated, "not_annotated": copy.reason if copy and not copy.data else ""}
    findings = _finding_rows(result, items, shown, (tables, prose_page), annotated)
    link = prose_page or (tables if result.imported is not None else "") or annotated
    return SummaryPart(result.document, row, findings, link, result.outcome, checked, known(result))


def _finding_rows(result: DocumentReview, items: list[Listed], shown: str, pages: tuple[str, str],
                  annotated: str) -> list[dict[str, object]]:
    """The summary's row of each finding listed: its document, its link to the page it is told on (``pages``: the
    tables' and the text's) and to its page of the annotated copy. A document of which nothing was read has none:
    why stands in its row, 未能审核."""
    if result.not_read:
        return []
    tables, prose_page = pages
    shift = result.span.first - 1 if result.span is not None else 0  # a disclosure's copy holds its own pages alone
    return [{"document": shown, "item": item,
             "link": _link(item, tables if result.imported is not None else "", prose_page),
             "pdf": f"{annotated}#page={item.page - shift}" if annotated and item.page else ""} for item in items]


def document_files(result: DocumentReview, index: int,
                   issued: Issued | None = None) -> tuple[SummaryPart, dict[str, bytes], list[str]]:
    """Everything `review -o` writes of one document — its pages, its annotated copy, its hand-back (its
    notice ``issued`` so) — with its part of the summary, and what to tell of what was not written."""
    files = {name: text.encode("utf-8") for name, text in document_pages(result, index).items()}
    items = listed(result)  # listed once: the summary's rows, the copy's boxes and the notice's table
    name = copy_name(result, index)
    # a document of which nothing was read has nothing to mark: no copy of it is made
    copy = annotated_copy(result, name, items) if name is not None and not result.not_read else None
    told = []
    if copy is not None and copy.data is not None:
        files[copy.name] = copy.data
    elif copy is not None:
        told.append(f"{result.document}: 提示 未写出标注的 PDF：{copy.reason}")
    files.update(handback_files(result, index, copy, items, issued))
    return summary_part(result, index, copy, items), files, told


def summary_page_of(parts: list[SummaryPart], register: Register | None) -> str:
    rules: set[str] = set()
    for part in parts:
        part.inspection.on_roster = register is not None
        part.inspection.timely = register.entry_of(part.known) if register else None
        rules.update(str(f["item"].rule) for f in part.findings)  # type: ignore[attr-defined]
        # the one 结论 both tables print, and the heading and the terminal count (review/tally.py)
        part.row["verdict"] = verdict(part.outcome, part.inspection.timely)
    counted = tally(str(p.row["verdict"]) for p in parts)
    total = {"documents": counted.documents, "flagged": counted.flagged, "unreviewed": counted.unreviewed}
    return environment().get_template("review_summary.html.j2").render(
        rows=[p.row for p in parts], total=total, findings=[f for p in parts for f in p.findings], rules=sorted(rules),
        register=register, deadline=DEADLINE_DAYS, links={str(p.document): p.link for p in parts})


def _link(item: Listed, tables: str, prose: str) -> str:
    """Where a finding stands on the document's own pages: its line on the text's page, else its tables' page."""
    if item.line and prose:
        return f"{prose}#l{item.line}"
    return tables
