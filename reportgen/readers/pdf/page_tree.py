"""A PDF opened with pikepdf (qpdf) whatever its page tree: qpdf refuses a tree with a loop (a /Kids entry
that is one of its own ancestors, 上海市普陀区商务委员会 2025 with its /Pages pointing back at itself), which
poppler — pdftotext, every viewer built on it — reads, reporting the loop and going on. Such a file is opened
again without qpdf's push-down of inherited attributes and its tree walked as poppler walks it: the loop's
entry left out, each page given the attributes it inherits (/Resources, /MediaBox, /CropBox, /Rotate), the
pages then hung from one flat /Pages node. So the pages are poppler's, in its order — the pages the review
numbered. All of it in memory: the user's file is never written."""

from __future__ import annotations

import contextlib
import io
from collections.abc import Iterator

import pikepdf

_INHERITED = ("/Resources", "/MediaBox", "/CropBox", "/Rotate")
_MAX_TREE = 100_000  # pages and levels of a page tree walked (a budget's few hundred pages)


@contextlib.contextmanager
def opened(data: bytes) -> Iterator[pikepdf.Pdf]:
    """The PDF ``data`` opened, its page tree walked as poppler walks it where qpdf refuses the tree; what the
    first open raised where the file cannot be opened either way."""
    try:
        pdf = pikepdf.open(io.BytesIO(data))
    except Exception as first:  # noqa: BLE001 — tried once more, walking its page tree (below)
        pdf = _walked(data, first)
    with pdf:
        yield pdf


def _walked(data: bytes, first: Exception) -> pikepdf.Pdf:
    try:
        pdf = pikepdf.open(io.BytesIO(data), inherit_page_attributes=False)
    except Exception:  # noqa: BLE001 — not a tree qpdf refused: what the first open said
        raise first from None
    try:
        pages: list[pikepdf.Dictionary] = []
        _walk(pdf.Root.Pages, (), {}, pages)
        if not pages:
            raise first
        tree = pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.Pages, Kids=pikepdf.Array(pages),
                                                    Count=len(pages)))
        for page in pages:
            page.Parent = tree
        pdf.Root.Pages = tree
        len(pdf.pages)  # qpdf reads the new tree now: a file it still refuses is refused here
    except Exception:  # noqa: BLE001
        pdf.close()
        raise first from None
    return pdf


def _walk(node: pikepdf.Object, ancestors: tuple[tuple[int, int], ...], inherited: dict[str, pikepdf.Object],
          pages: list[pikepdf.Dictionary]) -> None:
    if not isinstance(node, pikepdf.Dictionary) or len(pages) + len(ancestors) > _MAX_TREE:
        return
    kids = node.get("/Kids")
    if not isinstance(kids, pikepdf.Array):
        if node.get("/Type") == pikepdf.Name.Page:
            pages.append(_inheriting(node, inherited))
        return
    inherited = inherited | {key: node[key] for key in _INHERITED if key in node}
    inside = (*ancestors, node.objgen)
    for kid in kids:
        if not (kid.is_indirect and kid.objgen in inside):  # a loop: poppler reports it and goes on
            _walk(kid, inside, inherited, pages)


def _inheriting(page: pikepdf.Dictionary, inherited: dict[str, pikepdf.Object]) -> pikepdf.Dictionary:
    """A page with the attributes it inherits from the tree above it and does not set itself (in memory only)."""
    for key, value in inherited.items():
        if key not in page:
            page[key] = value
    return page
