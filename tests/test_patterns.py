"""Patterns compiled on first use (reportgen/base/patterns.py): a module's patterns cost nothing until a command
runs them, every one still compiles (a mistake is found here, not by the user whose document first
reaches it), and a pattern used is the compiled pattern it stands for."""

from __future__ import annotations

import importlib
import re
import subprocess
import sys
from pathlib import Path

import pytest

from reportgen.base.patterns import DEFERRED_LIBRARIES, compiled, kept, regex
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


def test_jinja2_compiles_its_patterns_on_first_use() -> None:
    """jinja2 imported after reportgen keeps its top-level patterns uncompiled (a render reads its templates compiled
    and never lexes); a template still lexes and renders, and a module jinja2 imports (json) compiles its own at once."""
    probe = ("import reportgen, re, json.decoder, jinja2, jinja2.lexer, jinja2.utils\n"
             "print(type(jinja2.lexer.name_re).__name__, type(jinja2.utils._http_re).__name__,"
             " type(json.decoder.STRINGCHUNK).__name__, re.compile.__module__)\n"
             "env = jinja2.Environment()\n"
             "print(env.from_string('{{ a }}年{% for b in c %}{{ b|upper }}{% endfor %}').render(a=2022, c='xy'))\n"
             "print(type(jinja2.lexer.name_re.__dict__.get('_compiled')).__name__)")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.split("\n")[:3] == ["_OnUse _OnUse Pattern re", "2022年XY", "Pattern"], done.stdout


@pytest.mark.parametrize("library", DEFERRED_LIBRARIES)
def test_a_deferred_library_uses_its_patterns_only_through_their_methods(library: str) -> None:
    """What DEFERRED_LIBRARIES rests on: no module of the library hands a pattern of its own to one of ``re``'s functions
    (which take a compiled pattern or a string, not a pattern compiled on use) or asks whether it is a ``re.Pattern``."""
    folder = Path(importlib.import_module(library).__file__ or "").parent
    calls = re.compile(r"\bre\.(?:sub|subn|match|fullmatch|search|finditer|findall|split)\(\s*(?![rbuf]*[\"'])")
    checks = re.compile(r"isinstance\([^)]*Pattern")
    found = [f"{path.name}: {line.strip()}" for path in sorted(folder.glob("*.py"))
             for line in path.read_text(encoding="utf-8").splitlines() if calls.search(line) or checks.search(line)]
    assert found == []


def test_yaml_compiles_its_patterns_on_first_use() -> None:
    """yaml imported after reportgen: the pure-Python Reader's class reaching U+10FFFF is not compiled at import; a
    YAML text still loads (CSafeLoader and the pure-Python SafeLoader alike), and the reader still refuses a control
    character."""
    probe = ("import reportgen, yaml, yaml.reader\n"
             "print(type(yaml.reader.Reader.NON_PRINTABLE).__name__, '_compiled' in yaml.reader.Reader.NON_PRINTABLE.__dict__)\n"
             "print(yaml.load('a: 2022-01-02\\nb: [1, 1.5, yes, ~]', Loader=yaml.SafeLoader),"
             " yaml.load('c: 盐田', Loader=yaml.CSafeLoader))\n"
             "try:\n    yaml.load('a: \\x07', Loader=yaml.SafeLoader)\nexcept yaml.reader.ReaderError:\n    print('refused')")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.split("\n")[:3] == ["_OnUse False", "{'a': datetime.date(2022, 1, 2), 'b': [1, 1.5, True, None]}"
                                           " {'c': '盐田'}", "refused"], done.stdout


def test_a_pattern_guarded_by_printable_but_finds_nothing_the_guard_lets_through() -> None:
    """printable_but(text, allowed) spares a pattern's search (and its compiling) where it holds: every character of
    all Unicode it lets through (printable, or allowed) is one the pattern never matches; and what it stops is found."""
    from reportgen.base.patterns import NON_PRINTABLE, printable_but
    from reportgen.reading import yamlsafe
    from reportgen.shaping import narrative
    from reportgen.writers.docx import ooxml

    guarded = [(NON_PRINTABLE, "\t\n\r"), (yamlsafe._SPECIAL_TEXT, "\n"), (narrative._UNPRINTABLE_CHAR, "\t\n\r"),
               (ooxml._XML_ILLEGAL, "\t\n\r")]
    everything = [chr(point) for point in range(0x110000)]
    for pattern, allowed in guarded:
        through = "".join(c for c in everything if printable_but(c, allowed))
        assert pattern.search(through) is None, pattern.pattern
        assert printable_but(f"收入预算{allowed}1,273.52万元", allowed)
        stopped = [c for c in everything if pattern.match(c)]
        assert stopped and not any(printable_but(f"说明{c}", allowed) for c in stopped)
    assert not printable_but("a\u3000b") and printable_but("a\u3000b", "\u3000")
