"""Patterns compiled on first use (reportgen/base/patterns.py): a module's patterns cost nothing until a command
runs them, every one still compiles (a mistake is found here, not by the user whose document first
reaches it), and a pattern used is the compiled pattern it stands for."""

from __future__ import annotations

import importlib
import re
import subprocess
import sys

from reportgen.base.patterns import compiled, kept, regex
from tests.test_layers import MODULES


def test_every_pattern_a_module_keeps_compiles() -> None:
    for name in MODULES:
        if not name.startswith("reportgen.desk"):  # the desk's models need Django set up; its patterns below
            importlib.import_module(name)
    importlib.import_module("reportgen.desk.record.shown")
    patterns = kept()  # raises re.error for one that does not compile
    assert len(patterns) > 400
    assert all(isinstance(pattern, re.Pattern) for pattern in patterns)


def test_a_pattern_is_used_as_the_compiled_one() -> None:
    amount = regex(r"(?P<figure>\d+(?:\.\d+)?)万元", re.ASCII)
    assert amount.pattern == r"(?P<figure>\d+(?:\.\d+)?)万元"  # its source, without compiling it
    found = amount.search("比上年增加12.5万元。")
    assert found is not None and found.group("figure") == "12.5"
    assert [m.group() for m in amount.finditer("1万元、2万元")] == ["1万元", "2万元"]
    assert amount.sub("X", "3万元") == "X" and amount.groupindex == {"figure": 1}
    assert amount.flags & re.ASCII
    assert compiled(amount) == re.compile(r"(?P<figure>\d+(?:\.\d+)?)万元", re.ASCII)
    assert compiled("万元") is None


def test_importing_the_reviewer_compiles_almost_no_pattern() -> None:
    """The light start: importing what `reportgen review` runs compiles almost none of the patterns its
    modules keep (a handful read the shipped YAML and code tables at import); the rest are compiled when a
    document is read."""
    probe = ("import re, reportgen.review.documents, reportgen.paperwork.batch, reportgen.base.patterns as p;"
             "print(sum('_compiled' in each.__dict__ for each in p._KEPT), len(p._KEPT))")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    compiled_now, made = map(int, done.stdout.split())
    assert made > 300 and compiled_now <= 10, done.stdout


def test_no_module_compiles_a_pattern_when_it_is_imported() -> None:
    """Every pattern kept at a module's top level (or in a class, a list, a dict there) is ``regex(…)``, not
    ``re.compile(…)``: compiled when first run, not by every process that imports the module."""
    import ast

    found = []
    for name, path in MODULES.items():
        text = path.read_text(encoding="utf-8")
        if "re.compile(" not in text:
            continue
        tree = ast.parse(text)
        scopes = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)
        stack: list[ast.AST] = [node for node in tree.body if not isinstance(node, scopes)]
        while stack:
            node = stack.pop()
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "compile"
                    and isinstance(node.func.value, ast.Name) and node.func.value.id == "re"):
                found.append(f"{name}:{node.lineno}")
            stack += [child for child in ast.iter_child_nodes(node) if not isinstance(child, scopes)]
    assert found == [], f"write regex(…) (reportgen/base/patterns.py) for: {found}"
