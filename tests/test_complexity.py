"""Complexity held, beside the class-size cap (tests/test_layers.py): no function of reportgen/ over cyclomatic
complexity 20, and the share of functions over 10 only falls — towards the model codebases' (pandoc, python-docx,
mistune, Jinja, sphinx: 0–3.5 %; issue 82 asks ≤ 5 %).

Two counts of a function's complexity, each a ceiling here:

* ``statements`` — McCabe's, as ruff's C901 counts it (each if, loop, except, case; CI's rule: over 20 fails);
* ``branches`` — the same with each further operand of ``and``/``or``, each ``for`` and ``if`` of a comprehension and
  each conditional expression counted too (radon's way: the figures issue 82 measured — _review_read 46 …).

A ceiling is today's figure: none may raise it; a change that lowers a figure may lower its ceiling with it."""

from __future__ import annotations

import ast
import json
import re
import shutil
import subprocess
import sys
from functools import cache
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "reportgen"
CAP = 20  # no function over it, by either count (branches: once the functions over it today are split)
# Functions over complexity 10 per 10,000, by each count, and (branches) how many over CAP — the figures of the day,
# only falling (269bf15, where this test was written: 51, 1277 and 39; lowered after the round's branches were merged)
STATEMENTS_OVER_10 = 0  # 0 of 4,924
BRANCHES_OVER_10 = 161  # 79 of 4,924 (1.60 %; 79 of 4,899 at stop 89; 6.92 % at 65c638e, 12.46 % at stop 87): cc-c, cc-d, cc-e, import98
BRANCHES_OVER_CAP = 0  # none over 20 by either count (14 at 65c638e)


def _ruff() -> str:
    found = Path(sys.executable).parent / "ruff"
    return str(found) if found.exists() else shutil.which("ruff") or "ruff"


@cache
def statements() -> dict[str, int]:
    """Each function's McCabe complexity as ruff's C901 counts it (max-complexity 0: every function is listed)."""
    run = subprocess.run([_ruff(), "check", "--no-cache", "--isolated", "--select", "C901", "--config",
                          "lint.mccabe.max-complexity=0", "--output-format", "json", str(PACKAGE)],
                         capture_output=True, text=True, check=False)
    found = json.loads(run.stdout)
    assert found, run.stderr
    return {f"{Path(d['filename']).relative_to(PACKAGE.parent)}:{d['location']['row']}":
            int(re.search(r"\((\d+) > 0\)", d["message"]).group(1)) for d in found}  # type: ignore[union-attr]


_DECISIONS = (ast.If, ast.For, ast.AsyncFor, ast.While, ast.IfExp, ast.ExceptHandler, ast.Assert, ast.match_case)


def branches_of(function: ast.FunctionDef | ast.AsyncFunctionDef) -> int:
    """1 + each decision of the function's own body (a function defined inside it counted apart)."""
    count, todo = 1, list(ast.iter_child_nodes(function))
    while todo:
        node = todo.pop()
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            continue
        count += isinstance(node, _DECISIONS) + (len(node.values) - 1 if isinstance(node, ast.BoolOp) else 0) \
            + (1 + len(node.ifs) if isinstance(node, ast.comprehension) else 0)
        todo.extend(ast.iter_child_nodes(node))
    return count


@cache
def branches() -> dict[str, int]:
    return {f"{path.relative_to(PACKAGE.parent)}:{node.lineno} {node.name}": branches_of(node)
            for path in sorted(PACKAGE.rglob("*.py")) for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))}


def _per_10000(counts: dict[str, int], over: int) -> int:
    return -(-10000 * sum(c > over for c in counts.values()) // len(counts))  # rounded up


def test_no_function_is_over_complexity_20() -> None:
    assert {where: c for where, c in statements().items() if c > CAP} == {}


def test_the_share_over_complexity_10_only_falls() -> None:
    share = _per_10000(statements(), 10)
    assert share <= STATEMENTS_OVER_10, f"{share} per 10,000 functions over complexity 10 (ruff C901): split one"


def test_the_share_over_10_counting_every_branch_only_falls() -> None:
    share, over = _per_10000(branches(), 10), sum(c > CAP for c in branches().values())
    assert share <= BRANCHES_OVER_10, f"{share} per 10,000 functions over complexity 10 (every branch): split one"
    assert over <= BRANCHES_OVER_CAP, f"{over} functions over complexity {CAP} (every branch): split one"


def test_the_branch_count_counts_each_operand_comprehension_and_condition() -> None:
    source = "def f(x):\n    if x and x or x:\n        return [y for y in x if y]\n    return 1 if x else 2\n" \
             "def g():\n    def inner(y):\n        return y or 1\n    return inner\n"
    f, g = (node for node in ast.parse(source).body if isinstance(node, ast.FunctionDef))
    assert (branches_of(f), branches_of(g)) == (1 + 1 + 2 + 2 + 1, 1)
