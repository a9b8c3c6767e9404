"""A fresh1 document imported with its learned layout, as the tests of the learned draft take it (the PDF skipped
where ../shared is not here)."""

from __future__ import annotations

from pathlib import Path

import pytest

from reportgen import cli

FRESH = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "fresh1"


def fresh_pdf(name: str) -> Path:
    """A document of ../shared/corpus/fresh1 by its file name; the test skipped where it is not here."""
    path = FRESH / name
    if not path.exists():
        pytest.skip("../shared/corpus/fresh1 is not here")
    return path


def imported_with_layout(tmp_path: Path, pdf: Path) -> tuple[Path, Path]:
    """`reportgen import PDF -o source.yaml --learn-layout 学到的版式` in ``tmp_path``: (the source, the layout folder)."""
    source, layout = tmp_path / "source.yaml", tmp_path / "学到的版式"
    code = cli.main(["import", str(pdf), "-o", str(source), "--learn-layout", str(layout)])
    assert code in (0, 1) and source.exists()
    return source, layout
