"""The national corpus's page fixtures (pages cut from ../shared/corpus documents) and the two look-ups the
national import tests share: a recognised table of a fixture, a source node's value."""

from __future__ import annotations

from pathlib import Path

from reportgen.importing import catalog as catalogs
from reportgen.importing.recognize import Table, recognize
from reportgen.importing.tree import Placed
from reportgen.readers.published import read_published

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "import" / "national"


def table_of(path: Path, kind: str) -> Table:
    """The table of ``kind`` the import recognises in ``path`` (no layout: as a reviewer elsewhere reads it)."""
    known, _ = recognize(read_published(path).grids, catalogs.load(None))
    return next(t for t in known if t.kind.id == kind)


def value_of(node: object) -> object:
    """A source node's value, with or without its place."""
    return node.value if isinstance(node, Placed) else node
