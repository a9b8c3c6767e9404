"""The national corpus's page fixtures (pages cut from ../shared/corpus documents) and the two look-ups the
national import tests share: a recognised table of a fixture, a source node's value."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from reportgen.importing.recognition import catalog as catalogs
from reportgen.importing.recognition.recognize import Table, recognize
from reportgen.importing.tree import Placed
from reportgen.readers.published import read_published
from reportgen.review import Review, review

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "import" / "national"


def table_of(path: Path, kind: str) -> Table:
    """The table of ``kind`` the import recognises in ``path`` (no layout: as a reviewer elsewhere reads it)."""
    known, _ = recognize(read_published(path).grids, catalogs.load(None))
    return next(t for t in known if t.kind.id == kind)


def tables_as_seen(path: Path) -> dict[str, Table]:
    """The tables the import recognises in the PDF ``path``, by kind: its grids with the page furniture taken out
    (importing/visible.as_seen), under the catalogue of the layout they choose — as `reportgen import` reads them."""
    from reportgen.importing.visible import as_seen
    from reportgen.importing.which_layout import chosen

    seen = as_seen(read_published(path).grids)
    tables, _ = recognize(seen.grids, catalogs.load(chosen(seen.grids).layout))
    return {table.kind.id: table for table in tables}


def value_of(node: object) -> object:
    """A source node's value, with or without its place."""
    return node.value if isinstance(node, Placed) else node


def figures_of(node: object) -> object:
    """A source part's values, the places they were read from taken out (a workbook's import beside its PDF's)."""
    if isinstance(node, dict):
        return {key: figures_of(value) for key, value in node.items()}
    if isinstance(node, list):
        return [figures_of(value) for value in node]
    return getattr(node, "value", node)


def reviewed_against(tmp_path: Path, source: str, draft: Path, **options: bool) -> Review:
    """``draft`` reviewed against the source text ``source`` (written to tmp_path), as a published text is
    (its cut figures as notes); the review, which must have been made."""
    path = tmp_path / "s.yaml"
    path.write_text(source, encoding="utf-8")
    result, problems = review(path, draft, cut_as_notes=True, **options)
    assert result is not None, problems
    return result


CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus"  # ../shared/corpus beside the repository


def without_pages(source: Path, pages: set[int], path: Path) -> Path:
    """A real document with ``pages`` (1-based) cut out, written at ``path``: the stand-in for one that does
    not print them (bench/cuts.py)."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for number, page in enumerate(PdfReader(source).pages, start=1):
        if number not in pages:
            writer.add_page(page)
    writer.write(path)
    return path


def errors_said(result: Any) -> list[tuple[str, str]]:
    """A document review's errors (rule and message): its checks' and its text's contradictions."""
    found = [*result.checks, *(result.narrative.contradictions if result.narrative else [])]
    return [(f.rule, f.message) for f in found if f.severity == "error"]
