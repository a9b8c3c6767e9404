"""tests/slow.py names only what exists: each file in SLOW_MODULES and SLOW_TESTS is a test file here, each test
function SLOW_TESTS names is defined in its file, and each fixture in SLOW_FIXTURES is defined under tests/. A test
renamed or moved is then not silently left in the quick run (`bash scripts/test --fast`) with its old name listed."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from tests import slow

TESTS = Path(__file__).resolve().parent


def functions(path: Path) -> set[str]:
    return {node.name for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)}


def test_every_slow_module_is_a_test_file() -> None:
    missing = sorted(name for name in slow.SLOW_MODULES | set(slow.SLOW_TESTS) if not (TESTS / f"{name}.py").is_file())
    assert not missing, missing


def test_a_module_is_listed_whole_or_by_its_tests_not_both() -> None:
    assert not slow.SLOW_MODULES & set(slow.SLOW_TESTS)


def test_every_slow_test_is_a_test_function_of_its_file() -> None:
    missing = []
    for module, names in slow.SLOW_TESTS.items():
        if (TESTS / f"{module}.py").is_file():
            defined = functions(TESTS / f"{module}.py")
            missing += [f"{module}::{name}" for name in names if name not in defined or not name.startswith("test_")]
    assert not missing, missing


def test_every_slow_fixture_is_defined() -> None:
    sources = [path.read_text(encoding="utf-8") for path in TESTS.rglob("*.py")]
    missing = sorted(name for name in slow.SLOW_FIXTURES
                     if not any(re.search(rf"^def {name}\(", text, re.MULTILINE) for text in sources))
    assert not missing, missing
