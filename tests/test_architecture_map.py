"""docs/architecture.md's module map is the one scripts/map.py generates from tests/test_layers.py's layers and each
module's docstring: a module added, moved or gone, or a docstring changed, fails here until the map is regenerated
(`python scripts/map.py`), so the map a new engineer reads names every module there is and none that is gone."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

from tests.test_layers import MODULES, PACKAGE

ROOT = PACKAGE.parent
_spec = importlib.util.spec_from_file_location("scripts_map", ROOT / "scripts" / "map.py")
assert _spec is not None and _spec.loader is not None
generator = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(generator)


def _mapped() -> set[str]:
    """The module paths the committed map names."""
    text = generator.ARCHITECTURE.read_text(encoding="utf-8")
    section = text[text.index(generator.BEGIN): text.index(generator.END)]
    return set(re.findall(r"^\| `(reportgen/[^`]+\.py)` \|", section, flags=re.MULTILINE))


def test_the_map_names_every_module():
    every = {path.relative_to(ROOT).as_posix() for path in MODULES.values()}
    assert sorted(every - _mapped()) == [], "not on the map: run python scripts/map.py"


def test_the_map_names_no_module_that_is_gone():
    gone = sorted(p for p in _mapped() if not (ROOT / p).is_file())
    assert gone == [], "on the map but gone: run python scripts/map.py"


def test_every_module_says_what_it_is_in_its_first_sentence():
    assert generator.missing_summaries() == []


def test_the_map_is_the_generated_one():
    assert generator.main(["--check"]) == 0, "docs/architecture.md's module map is stale: run python scripts/map.py"


def test_a_summary_is_the_first_sentence_of_the_first_paragraph(tmp_path: Path):
    module = tmp_path / "one.py"
    module.write_text('"""Reading a file (e.g. a.yaml) safely. More\nthen.\n\nAnother paragraph."""\n', encoding="utf-8")
    assert generator.summary(module) == "Reading a file (e.g. a.yaml) safely."
    module = tmp_path / "two.py"
    module.write_text('# a comment first\n"""A summary that runs\nover two lines\n\nand a paragraph."""\n', encoding="utf-8")
    assert generator.summary(module) == "A summary that runs over two lines"


def test_the_map_of_a_changed_tree_differs(monkeypatch):
    """A module gone from reportgen/ is gone from the generated map (and so fails the check above)."""
    before = generator.table()
    gone = "reportgen.writers.html"
    monkeypatch.delitem(MODULES, gone)
    after = generator.table()
    assert "`reportgen/writers/html.py`" in before and "`reportgen/writers/html.py`" not in after
