"""reportgen is a downhill pipeline: every import, at module level or inside a function, goes from
a layer to a lower one (or within its own layer, without a circle). The layer order is written
once, here, lowest first; a module not named in it fails the test, so a new module is placed on
purpose.

    foundation (base/, reading/) → knowledge and data types (codes/, tablekinds/, docmodel/) → readers
    → arithmetic (compute/) → checks → tables → layouts → narrative (shaping/) → diff core → writers
    → the pipeline → operations (runners/) → importing → review
    → the review's paperwork → the desk (record → queue → pages → served) → commands

A room of more than about 20 modules is split into sub-layers, each a subpackage behind a face (reportgen/base/faces.py):
readers (a source; the grid; pdf/; text/; every other format), importing (the source as a value; recognition/;
budget/; text/; final/; the pipeline choosing; learning/, a layout learned), review (sentences/; a document judged).

An import inside a function says why it is not at the top of its module, in a comment on its line
(or on the first or last line of one that spans several) beginning ``# deferred:``: the start-up
cost it spares a command that does not need it, as measured, or the import cycle it avoids.
"""

from __future__ import annotations

import ast
import functools
import importlib
import subprocess
import sys
from fnmatch import fnmatch
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "reportgen"

LAYERS: list[tuple[str, tuple[str, ...]]] = [
    ("foundation: no budget knowledge", (
        "reportgen", "reportgen.base", "reportgen.base.*", "reportgen.reading", "reportgen.reading.*")),
    ("knowledge and data types", ("reportgen.codes", "reportgen.tablekinds", "reportgen.docmodel", "reportgen.docmodel.*")),
    ("readers: a source (YAML)", ("reportgen.source", "reportgen.source.schema", "reportgen.source.final_keys", "reportgen.source.loader",
                 "reportgen.source.core", "reportgen.source.confined", "reportgen.source.code_names",
                 "reportgen.source.income", "reportgen.source.spending", "reportgen.source.table_lines", "reportgen.source.printed_tables", "reportgen.source.units",
                 "reportgen.source.prior", "reportgen.source.matters", "reportgen.source.narrative_amounts", "reportgen.source.targets", "reportgen.source.statements",
                 "reportgen.source.final_accounts", "reportgen.source.printed_lines", "reportgen.source.printed_parts", "reportgen.source.founded")),
    ("readers: the neutral grid, a refusal, what a page hides", (
        "reportgen.readers", "reportgen.readers.grid", "reportgen.readers.unreadable", "reportgen.readers.html_hidden")),
    ("readers: a PDF's words, clips, scans and tables", ("reportgen.readers.pdf", "reportgen.readers.pdf.*")),
    ("readers: a document's text as lines and the statements they make", (
        "reportgen.readers.text", "reportgen.readers.text.*")),
    ("readers: every other format (office/: Word, workbooks, CSV, the old formats), and a published file whatever its "
     "format", ("reportgen.readers.*",)),
    ("arithmetic", ("reportgen.compute", "reportgen.compute.*")),
    ("checks", ("reportgen.checks", "reportgen.checks.*")),
    ("tables", ("reportgen.tables", "reportgen.tables.builder", "reportgen.tables.specs", "reportgen.tables.summary",
                "reportgen.tables.function", "reportgen.tables.economic", "reportgen.tables.three_public",
                "reportgen.tables.fiscal_spending", "reportgen.tables.spending_uses",
                "reportgen.tables.projects", "reportgen.tables.final", "reportgen.tables.final_by_function",
                "reportgen.tables.table_lines", "reportgen.tables.printed_tables", "reportgen.tables.procurement_lines",
                "reportgen.tables.registry",
                "reportgen.tables.fields")),
    ("layouts", ("reportgen.shaping", "reportgen.shaping.layouts", "reportgen.shaping.layout_workbook", "reportgen.shaping.layout_pages")),
    ("narrative", ("reportgen.shaping.narrative",)),
    ("diff core", ("reportgen.diff", "reportgen.diff.text", "reportgen.diff.align", "reportgen.diff.model",
                   "reportgen.diff.compare", "reportgen.diff.changes", "reportgen.diff.report")),
    ("writers", ("reportgen.writers", "reportgen.writers.*")),
    ("the pipeline: a source assembled with the files it names, rendered", ("reportgen.runners", "reportgen.runners.assemble", "reportgen.runners.render")),
    ("operations: many renders, a diff, a preview, a rollover, a published version", ("reportgen.runners.diffing", "reportgen.runners.batch", "reportgen.runners.preview",
                                                                                  "reportgen.runners.rollover", "reportgen.runners.versions")),
    ("importing: the source being imported, as a value", (
        "reportgen.importing.tree", "reportgen.importing.emit", "reportgen.importing.emit_tree")),
    ("importing: tables recognised, their rows read", ("reportgen.importing.recognition",
                                                       "reportgen.importing.recognition.*")),
    ("importing: the budget chain", ("reportgen.importing.budget", "reportgen.importing.budget.*")),
    ("importing: the prose chain", ("reportgen.importing.text", "reportgen.importing.text.*")),
    ("importing: the 决算 chain", ("reportgen.importing.final", "reportgen.importing.final.*")),
    ("importing: the pipeline choosing", ("reportgen.importing", "reportgen.importing.*")),
    ("importing: a layout learned from a published document", ("reportgen.importing.learning",
                                                                "reportgen.importing.learning.*")),
    ("review: a document's figures by their names (the glossary)", ("reportgen.review.glossary",
                                                                     "reportgen.review.printed_functions")),
    ("review: a draft's sentences judged", ("reportgen.review.sentences", "reportgen.review.sentences.*")),
    ("review: a published document judged", ("reportgen.review", "reportgen.review.*")),
    ("the review's paperwork: what a review hands back", ("reportgen.paperwork", "reportgen.paperwork.*")),
    ("the desk's configuration and record", ("reportgen.desk", "reportgen.desk.settings", "reportgen.desk.record",
                                             "reportgen.desk.record.*")),
    ("the desk's work queue and workers", ("reportgen.desk.queue", "reportgen.desk.queue.*")),
    ("the desk's pages", ("reportgen.desk.web", "reportgen.desk.web.*")),
    ("the desk served: its routes and server", ("reportgen.desk.urls", "reportgen.desk.server")),
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
    """The layer of the most particular pattern ``module`` matches (the longest: a subpackage's own layer above its
    package's, as reportgen.importing.learning over reportgen.importing.*); of two as long, the lower layer."""
    placed = [(len(pattern), -index) for index, (_, patterns) in enumerate(LAYERS) for pattern in patterns
              if fnmatch(module, pattern)]
    if not placed:
        raise AssertionError(f"{module} is in no layer: place it in LAYERS")
    return -max(placed)[1]


@functools.cache
def parsed(source: str) -> ast.Module:
    """A module's syntax tree, made once for the tests that walk it (read, never changed)."""
    return ast.parse(source)


def imports_of(module: str) -> set[str]:
    """Every reportgen module ``module`` imports, at module level and inside functions alike."""
    tree = parsed(MODULES[module].read_text(encoding="utf-8"))
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


@functools.cache
def graph() -> dict[str, set[str]]:
    """Each module's reportgen imports (parsed when a test asks, not while the suite is collected)."""
    return {module: imports_of(module) for module in MODULES}


def test_every_module_is_placed_in_a_layer():
    for module in MODULES:
        layer_of(module)


def test_no_import_runs_up_a_layer():
    climbs = {(m, t) for m, targets in graph().items() for t in targets if layer_of(t) > layer_of(m)}
    assert climbs - KNOWN_CLIMBS == set(), "imports from a lower layer to a higher one"
    assert KNOWN_CLIMBS - climbs == set(), "gone: remove these from KNOWN_CLIMBS"


def test_no_circle_of_imports():
    state: dict[str, int] = {}  # 1: on the path, 2: done
    path: list[str] = []

    def visit(module: str) -> None:
        state[module] = 1
        path.append(module)
        for target in sorted(graph()[module]):
            if state.get(target) == 1:
                raise AssertionError("a circle: " + " → ".join(path[path.index(target):] + [target]))
            if target not in state:
                visit(target)
        path.pop()
        state[module] = 2

    for module in sorted(graph()):
        if module not in state:
            visit(module)


@pytest.mark.parametrize(("source", "expected"), [
    ("from reportgen.compute import compute\n", {"reportgen.compute"}),
    ("def f():\n    from reportgen.shaping.layouts import resolve\n", {"reportgen.shaping.layouts"}),
    ("from reportgen.base import errors, templating\n", {"reportgen.base.errors", "reportgen.base.templating"}),
])
def test_the_reader_of_imports_sees_every_form(tmp_path, monkeypatch, source, expected):
    module = tmp_path / "reportgen" / "probe.py"
    module.parent.mkdir()
    module.write_text(source, encoding="utf-8")
    monkeypatch.setitem(MODULES, "reportgen.probe", module)
    assert imports_of("reportgen.probe") == expected


DEFERRED = "# deferred:"


def _type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def function_imports(tree: ast.AST) -> list[ast.Import | ast.ImportFrom]:
    """Every import run inside a function (at any depth), not those under ``if TYPE_CHECKING:``."""
    found: list[ast.Import | ast.ImportFrom] = []

    def visit(node: ast.AST, in_function: bool) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and _type_checking(child):
                for other in child.orelse:  # an else runs
                    visit_one(other, in_function)
                continue
            visit_one(child, in_function)

    def visit_one(node: ast.AST, in_function: bool) -> None:
        if isinstance(node, (ast.Import, ast.ImportFrom)) and in_function:
            found.append(node)
        visit(node, in_function or isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)))

    visit(tree, False)
    return found


def undeferred(source: str) -> list[int]:
    """The first line of each function-level import in ``source`` without its ``# deferred:``."""
    lines = source.splitlines()

    def said(number: int) -> bool:  # an import holds no string: its line's comment starts at the first "#"
        line = lines[number - 1]
        return DEFERRED in line[line.find("#"):] if "#" in line else False

    return [node.lineno for node in function_imports(parsed(source))
            if not (said(node.lineno) or said(node.end_lineno or node.lineno))]


def test_every_function_level_import_says_why_it_is_deferred():
    missing = [f"{MODULES[module].relative_to(PACKAGE.parent)}:{line}"
               for module in sorted(MODULES)
               for line in undeferred(MODULES[module].read_text(encoding="utf-8"))]
    assert missing == [], (f"an import inside a function without a comment {DEFERRED} <why>: move it to the top of "
                           "its module, or say what it costs at start-up (python -X importtime) or which cycle it avoids")


@pytest.mark.parametrize(("source", "expected"), [
    ("import json\n", []),
    ("def f():\n    import json\n", [2]),
    ("def f():\n    import json  # deferred: 2 ms at start-up\n", []),
    ("def f():\n    import json  # noqa: F401  # deferred: 2 ms\n", []),
    ("def f():\n    import json  # only when asked\n", [2]),
    ("def f():\n    x = 1  # deferred: not this line\n    import json\n", [3]),
    ("async def f():\n    from json import dumps\n", [2]),
    ("class C:\n    def m(self):\n        if True:\n            import json\n", [4]),
    ("def f():\n    def g():\n        import json\n", [3]),
    ("def f():\n    from json import (  # deferred: 2 ms\n        dumps,\n        loads,\n    )\n", []),
    ("def f():\n    from json import (\n        dumps,\n        loads)  # deferred: 2 ms\n", []),
    ("def f():\n    from json import (\n        dumps,  # deferred: 2 ms\n        loads,\n    )\n", [2]),
    ("if TYPE_CHECKING:\n    import json\n", []),
    ("def f():\n    if TYPE_CHECKING:\n        import json\n", []),
    ("def f():\n    if typing.TYPE_CHECKING:\n        import json\n    else:\n        import csv\n", [5]),
])
def test_the_reader_of_function_level_imports_sees_every_form(source, expected):
    assert undeferred(source) == expected


def test_no_class_is_over_400_lines():
    """Every class a part of one topic (compute/, source/, tables/ are split by topic): none grows back into
    the one object every feature lands in."""
    long = {f"{module}.{node.name}": node.end_lineno - node.lineno + 1
            for module, path in MODULES.items() for node in ast.walk(parsed(path.read_text(encoding="utf-8")))
            if isinstance(node, ast.ClassDef) and node.end_lineno is not None and node.end_lineno - node.lineno >= 400}
    assert long == {}


def test_the_importer_imports_nothing_from_the_reviewer():
    """Both read published documents; what they share (lines, statements, PDF words) is the reading layer's."""
    assert {(m, t) for m, targets in graph().items() if m.startswith("reportgen.importing")
            for t in targets if t.startswith("reportgen.review")} == set()


def test_review_reaches_import_through_the_document_as_read():
    """Review and its paperwork judge the document as read (reportgen/importing/__init__.py, its face: the file's parts,
    its tables by kind with their rows and places, its import) — never a module of the importer by its own name, so
    the importer may change how it reads without review following it."""
    assert {(m, t) for m, targets in graph().items() if m.startswith(("reportgen.review", "reportgen.paperwork"))
            for t in targets if t.startswith("reportgen.importing.")} == set()


FACES = sorted(m for m, p in MODULES.items() if p.name == "__init__.py" and "reportgen.base.faces" in imports_of(m))


def _offered(package: str) -> dict[str, str]:
    """What a face's ``if TYPE_CHECKING:`` imports name, each with the module it is from."""
    tree = parsed(MODULES[package].read_text(encoding="utf-8"))
    return {alias.asname or alias.name: node.module for block in tree.body if isinstance(block, ast.If) and
            _type_checking(block) for node in block.body if isinstance(node, ast.ImportFrom) and node.module
            for alias in node.names}


@pytest.mark.parametrize("package", FACES)
def test_a_face_offers_what_its_modules_hold(package):
    """A subpackage's face (reportgen/base/faces.py): each name it offers is its module's own, the type checker is shown
    the same names, and none is a module's name (which the package offers as that module)."""
    module = importlib.import_module(package)
    offered = _offered(package)
    assert sorted(offered) == module.__all__ != []
    for name, origin in offered.items():
        assert origin.rpartition(".")[0] == package and f"{package}.{name}" not in MODULES
        assert getattr(module, name) is getattr(importlib.import_module(origin), name)
    with pytest.raises(AttributeError):
        module.__getattr__("no_such_name")


def test_the_faces_are_the_split_rooms():
    assert FACES == ["reportgen.importing", "reportgen.importing.budget", "reportgen.importing.final", "reportgen.importing.learning",
                     "reportgen.importing.recognition", "reportgen.importing.text", "reportgen.paperwork", "reportgen.readers.office", "reportgen.readers.pdf", "reportgen.readers.pdf.tables", "reportgen.readers.text",
                     "reportgen.review.sentences"]


def test_one_module_of_a_package_loads_no_other_for_its_face():
    """Importing a module costs what it did before its package had a face: the face loads a module when asked."""
    code = ("import sys, reportgen.readers.pdf.word_box as w, reportgen.readers.pdf as pdf\n"
            "print(sorted(m for m in sys.modules if m.startswith('reportgen.readers.pdf.')))\n"
            "pdf.read_pdf\nprint('reportgen.readers.pdf.pdf_tables' in sys.modules)")
    result = subprocess.run([sys.executable, "-c", code], cwd=PACKAGE.parent, capture_output=True, text=True,
                            timeout=60, check=True)
    assert result.stdout.split("\n")[:2] == ["['reportgen.readers.pdf.word_box']", "True"]
