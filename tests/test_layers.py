"""reportgen is a downhill pipeline: every import, at module level or inside a function, goes from
a layer to a lower one (or within its own layer, without a circle). The layer order is written
once, here, lowest first; a module not named in it fails the test, so a new module is placed on
purpose.

    foundation → knowledge and data types → readers → arithmetic → assembly → checks → tables
    → layouts → narrative → diff core → writers → the pipeline → operations → commands
"""

from __future__ import annotations

import ast
from fnmatch import fnmatch
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "reportgen"

LAYERS: list[tuple[str, tuple[str, ...]]] = [
    ("foundation: no budget knowledge", (
        "reportgen", "reportgen.errors", "reportgen.oserrors", "reportgen.records", "reportgen.locations",
        "reportgen.atomic", "reportgen.cache", "reportgen.reading", "reportgen.reading.files", "reportgen.reading.yamlsafe",
        "reportgen.templating", "reportgen.signals")),
    ("knowledge and data types", ("reportgen.codes", "reportgen.model", "reportgen.document")),
    ("readers", ("reportgen.source", "reportgen.source.schema", "reportgen.source.loader", "reportgen.readers",
                 "reportgen.readers.*")),
    ("arithmetic", ("reportgen.compute", "reportgen.phrasing")),
    ("assembly: a source with the files it names", ("reportgen.assemble",)),
    ("checks", ("reportgen.checks", "reportgen.checks.*")),
    ("tables", ("reportgen.tables", "reportgen.variants")),
    ("layouts", ("reportgen.layouts",)),
    ("narrative", ("reportgen.narrative",)),
    ("diff core", ("reportgen.diff", "reportgen.diff.text", "reportgen.diff.align", "reportgen.diff.model",
                   "reportgen.diff.compare", "reportgen.diff.changes", "reportgen.diff.report")),
    ("writers", ("reportgen.writers", "reportgen.writers.*")),
    ("the pipeline", ("reportgen.render", "reportgen.staging")),
    ("operations", ("reportgen.review", "reportgen.review.*", "reportgen.diff.files", "reportgen.batch",
                    "reportgen.preview", "reportgen.rollover")),
    ("commands", ("reportgen.commands", "reportgen.commands.*", "reportgen.cli", "reportgen.__main__")),
]

# Imports that still run up a layer, each to be removed (none now): the test fails when one is
# gone (so the list only shrinks) and when any other appears.
KNOWN_CLIMBS: set[tuple[str, str]] = set()


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


MODULES = {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def layer_of(module: str) -> int:
    for index, (_, patterns) in enumerate(LAYERS):
        if any(fnmatch(module, pattern) for pattern in patterns):
            return index
    raise AssertionError(f"{module} is in no layer: place it in LAYERS")


def imports_of(module: str) -> set[str]:
    """Every reportgen module ``module`` imports, at module level and inside functions alike."""
    tree = ast.parse(MODULES[module].read_text(encoding="utf-8"))
    package = module if MODULES[module].name == "__init__.py" else module.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(package.split(".")[: len(package.split(".")) - node.level + 1] + ([base] if base else []))
            # `from reportgen import codes` imports the module reportgen.codes
            names = [f"{base}.{a.name}" if f"{base}.{a.name}" in MODULES else base for a in node.names]
        else:
            continue
        found.update(n for n in names if n.split(".")[0] == "reportgen" and n in MODULES and n != module)
    return found


GRAPH = {module: imports_of(module) for module in MODULES}


def test_every_module_is_placed_in_a_layer():
    for module in MODULES:
        layer_of(module)


def test_no_import_runs_up_a_layer():
    climbs = {(m, t) for m, targets in GRAPH.items() for t in targets if layer_of(t) > layer_of(m)}
    assert climbs - KNOWN_CLIMBS == set(), "imports from a lower layer to a higher one"
    assert KNOWN_CLIMBS - climbs == set(), "gone: remove these from KNOWN_CLIMBS"


def test_no_circle_of_imports():
    state: dict[str, int] = {}  # 1: on the path, 2: done
    path: list[str] = []

    def visit(module: str) -> None:
        state[module] = 1
        path.append(module)
        for target in sorted(GRAPH[module]):
            if state.get(target) == 1:
                raise AssertionError("a circle: " + " → ".join(path[path.index(target):] + [target]))
            if target not in state:
                visit(target)
        path.pop()
        state[module] = 2

    for module in sorted(GRAPH):
        if module not in state:
            visit(module)


@pytest.mark.parametrize(("source", "expected"), [
    ("from reportgen.compute import compute\n", {"reportgen.compute"}),
    ("def f():\n    from reportgen.layouts import resolve\n", {"reportgen.layouts"}),
    ("from reportgen import codes, templating\n", {"reportgen.codes", "reportgen.templating"}),
])
def test_the_reader_of_imports_sees_every_form(tmp_path, monkeypatch, source, expected):
    module = tmp_path / "reportgen" / "probe.py"
    module.parent.mkdir()
    module.write_text(source, encoding="utf-8")
    monkeypatch.setitem(MODULES, "reportgen.probe", module)
    assert imports_of("reportgen.probe") == expected
