"""One stored file reviewed as `reportgen review -o` reviews a document — review/documents.py's
review_files, review/listing.py's list of findings, review/pages.py's annotated copy and summary
part — so the desk and the static pages agree on every finding and count. Django-free: the worker
saves what this returns."""

from __future__ import annotations

import contextlib
import os
import pickle
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from reportgen.review.documents import review_files
from reportgen.review.listing import listed
from reportgen.review.pages import SummaryPart, annotated_copy, copy_name, summary_part
from reportgen.review.places import Mark


@dataclass
class Reviewed:
    outcome: str  # 未能审核 / 有问题 / 未发现问题
    why_unreviewed: str
    title: str  # the document's title as its cover prints it (DocumentReview.title), "" where it prints none
    kind: str  # 部门 / 单位 / ""
    marks: list[Mark] = field(default_factory=list)  # the findings, numbered as the copy numbers them
    annotated: bytes | None = None
    not_annotated: str = ""
    summary: bytes = b""  # pickled (SummaryPart, marks, title, kind): the register's 检查表 and the notice


def review_stored(stored: Path, work: Path, name: str, index: int) -> Reviewed:
    """The review of the stored file, read through a link named ``name`` in ``work`` (the name the
    pages and the copy's legend show: made by the desk, never the name the department gave)."""
    work.mkdir(parents=True, exist_ok=True)
    document = work / name
    _link(stored, document)
    try:
        return _reviewed(document, index)
    finally:
        document.unlink(missing_ok=True)
        with contextlib.suppress(OSError):
            work.rmdir()


def _link(stored: Path, document: Path) -> None:
    document.unlink(missing_ok=True)
    try:
        os.link(stored, document)
    except OSError:  # another file system: a copy (the stored file is never touched)
        shutil.copyfile(stored, document)


def _reviewed(document: Path, index: int) -> Reviewed:
    result = review_files([document], None)
    header = result.imported.header if result.imported is not None else {}
    out = Reviewed(result.outcome, result.unreviewed, result.title, str(header.get("kind") or ""))
    items = [] if result.not_read else listed(result)  # nothing read: 未能审核, no finding, no notice
    name = copy_name(result, index)
    copy = annotated_copy(result, name, items) if name is not None and items else None
    out.marks = list(copy.marks) if copy else [Mark(n, item) for n, item in enumerate(items, start=1)]
    if copy is not None:
        out.annotated, out.not_annotated = copy.data, copy.reason
    part = summary_part(result, index, copy, items)
    out.summary = pickle.dumps((part, out.marks, out.title, out.kind))
    return out


def unpickled(summary: bytes) -> tuple[SummaryPart, list[Mark], str, str]:
    """What review_stored kept for the register (written by the desk's own worker, never by a user)."""
    part, marks, title, kind = pickle.loads(summary)  # noqa: S301 - the desk's own bytes
    return part, marks, title, kind
