"""One stored file reviewed as `reportgen review -o` reviews a document — review/documents.py's
review_files, review/listing.py's list of findings, review/pages.py's annotated copy and summary
part — so the desk and the static pages agree on every finding and count. Django-free: the worker
saves what this returns."""

from __future__ import annotations

import contextlib
import os
import shutil
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from reportgen.base.templating import environment
from reportgen.desk.record.summaries import stored
from reportgen.importing.in_one_file import disclosures_in
from reportgen.paperwork.listing import listed
from reportgen.paperwork.pages import annotated_copy, copy_name, summary_part
from reportgen.paperwork.places import Mark
from reportgen.paperwork.register import known as register_known
from reportgen.review.documents import DocumentReview, review_files, review_together

UNREVIEWED = "未能审核"  # as models.UNREVIEWED (this module is Django-free)


@dataclass
class Reviewed:
    outcome: str  # 未能审核 / 有问题 / 未发现问题
    why_unreviewed: str
    title: str  # the document's title as its cover prints it (DocumentReview.title), "" where it prints none
    kind: str  # 部门 / 单位 / ""
    marks: list[Mark] = field(default_factory=list)  # the findings, numbered as the copy numbers them
    annotated: bytes | None = None
    not_annotated: str = ""
    # (SummaryPart, marks, title, kind) as data (record/summaries.py): the register's 检查表 and the notice; None: none
    summary: dict[str, Any] | None = None
    # of a file of several disclosures: each one's review ([]: the file is one disclosure, told above)
    parts: list[ReviewedPart] = field(default_factory=list)
    # whose it says it is (review/register.py known: the department its tables name, "" none read), its year, and
    # whether a 决算 — what the desk matches to the roster row that submitted it, as `review --roster` does
    owner: str = ""
    year: int | None = None
    final: bool | None = None


@dataclass
class ReviewedPart:
    """One disclosure of several the file prints: its pages, whose it is, and its review."""

    first: int
    last: int
    named: str  # Span.named: “第5–8页：上海市刑事科学技术研究院 2026年单位预算”
    owner: str  # the department its tables name, else the one its cover names
    year: int | None
    final: bool | None  # a 部门决算, a budget, or not known
    reviewed: Reviewed


def review_stored(stored: Path, work: Path, name: str, index: int,
                  beside: tuple[tuple[Path, str], ...] = ()) -> Reviewed:
    """The review of the stored file, read through a link named ``name`` in ``work`` (the name the
    pages and the copy's legend show: made by the desk, never the name the department gave); with the stored files
    ``beside`` it (each with the name it is read by) — one disclosure submitted in several files — the files reviewed
    together as `review` reviews them."""
    work.mkdir(mode=0o700, parents=True, exist_ok=True)
    documents = [work / name, *(work / named for _, named in beside)]
    for source, linked in zip((stored, *(path for path, _ in beside)), documents, strict=True):
        _link(source, linked)
    try:
        return _reviewed(documents, index)
    finally:
        for linked in documents:
            linked.unlink(missing_ok=True)
        with contextlib.suppress(OSError):
            work.rmdir()


def _link(stored: Path, document: Path) -> None:
    document.unlink(missing_ok=True)
    try:
        os.link(stored, document)
    except OSError:  # another file system: a copy (the stored file is never touched)
        shutil.copyfile(stored, document)


def _reviewed(documents: list[Path], index: int) -> Reviewed:
    if len(documents) > 1:
        return _together(documents, index)
    result = review_files(documents, None)
    if not result.parts:
        return _one(result, index)
    out = Reviewed(result.outcome, "", result.title, "")  # the file's: each disclosure's told in its part
    out.parts = [_part(part, index) for part in result.parts]
    return out


def _together(documents: list[Path], index: int) -> Reviewed:
    """Files submitted as one disclosure, reviewed as `review` reviews files given together (review_together): one
    document where they are one disclosure's narrative and tables; else not reviewed as one, and said so."""
    results = review_together(documents, None)
    if len(results) == 1 and len(results[0].files) == len(documents):
        return _one(results[0], index)
    said = environment("text").get_template("desk/notes.txt.j2").module.not_one  # type: ignore[attr-defined]
    return Reviewed(UNREVIEWED, str(said(len(documents), [r.document.name for r in results])), "", "")


def _part(result: DocumentReview, index: int) -> ReviewedPart:
    """One disclosure of the file reviewed, its summary named by its pages (each its own row of the 检查表)."""
    span = result.span
    assert span is not None
    known, cover = register_known(result), span.cover
    reviewed = _one(result, index, Path(f"{result.document}（{span.named}）"))
    if cover is not None and not known.name:  # nothing imported of it (a 决算, a page not read): its cover says whose
        reviewed.kind = reviewed.kind or cover.kind
        return ReviewedPart(span.first, span.last, span.named, cover.department, cover.year, cover.accounts == "决算",
                            reviewed)
    return ReviewedPart(span.first, span.last, span.named, known.name, known.year, known.final, reviewed)


def _one(result: DocumentReview, index: int, shown: Path | None = None) -> Reviewed:
    """A document reviewed (or one disclosure of a file's: its summary's document ``shown``, by its pages)."""
    header = result.imported.header if result.imported is not None else {}
    out = Reviewed(result.outcome, result.unreviewed, result.title, str(header.get("kind") or ""))
    items = [] if result.not_read else listed(result)  # nothing read: 未能审核, no finding, no notice
    name = copy_name(result, index)
    copy = annotated_copy(result, name, items) if name is not None and items else None
    out.marks = list(copy.marks) if copy else [Mark(n, item) for n, item in enumerate(items, start=1)]
    if copy is not None:
        out.annotated, out.not_annotated = copy.data, copy.reason
    part = summary_part(result, index, copy, items)
    if shown is not None:
        part = replace(part, document=shown)
    out.summary = stored(part, out.marks, out.title, out.kind)
    _said(result, out)
    return out


def _said(result: DocumentReview, out: Reviewed) -> None:
    """Whose the document says it is, its year and whether a 决算: what its tables were imported for
    (review/register.py known); where nothing was imported of a PDF (a 决算 the budget's importer does not read, a
    page not read), what its cover prints (importing/in_one_file.py, as review tells a file's disclosures apart)."""
    known = register_known(result)
    out.owner, out.year, out.final = known.name, known.year, known.final
    published = result.published
    if known.name or published is None or published.kind != "pdf" or result.span is not None:
        return
    spans = disclosures_in(published.lines)
    cover = spans[0].cover if spans else None
    if cover is not None and cover.department:
        out.owner, out.year, out.final = cover.department, cover.year, cover.accounts == "决算"
        out.kind = out.kind or cover.kind
