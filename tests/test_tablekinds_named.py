"""Issue 82 part 4: a table kind is data — its YAML (reportgen/tablekinds/) is the one place that names it, so a new
kind is one file. Python code still names the older kinds in the files listed here (importing/budget/build.py names
most); the list only shrinks: a Python file under reportgen/ whose code (its strings, not its comments or docstrings)
names a kind's 编号 (its key: the id templates, sources and layouts use) beyond it fails, and so does an entry no
longer needed, so the list stays the truth.
Measured 2026-11-28 (branch kinds80): 24 files and 71 (file, kind) names on main (9d1e36f) → 23 and 70:
the fund tables import reads (build.py, reconcile.py: FUND_TABLES) come from the definitions' 导入.资金
(tablekinds.fund_tables); recognize.py and sure.py know the “三公” table by its 导入.形状 一行, not its 编号."""

from __future__ import annotations

import ast
import functools
from pathlib import Path

from reportgen import tablekinds

PACKAGE = Path(tablekinds.__file__).resolve().parent.parent

# The Python files whose code names a kind today (their paths under reportgen/), with the kinds each names.
NAMED: dict[str, set[str]] = {
    "checks/budget.py": {"项目支出表"},
    "importing/budget/by_unit.py": {"支出总表"},
    "importing/pipeline.py": {"支出总表", "收支总表", "财政拨款收支总表"},
    "importing/recognition/grouped.py": {"收入总表"},
    "importing/text/text_fields.py": {"一般公共预算支出表"},
    "review/__init__.py": {"机关运行经费表"},
    "review/documents.py": {"支出总表", "收支总表", "机关运行经费表"},
    "review/policy.py": {"收入总表", "政府性基金预算支出表"},
    "review/target_tables.py": {"项目支出表"},
    "shaping/layout_workbook.py": {"收支总表"},
    "shaping/layouts.py": {"一般公共预算基本支出表", "支出总表", "收支总表", "政府采购预算表", "机关运行经费表", "项目支出表"},
    "shaping/narrative.py": {"一般公共预算支出表", "国有资本经营预算支出表", "收支总表", "政府性基金预算支出表", "财政拨款收支总表"},
}


def _names(code: str, ids: tuple[str, ...] = ()) -> set[str]:
    """The kinds whose 编号 the strings of ``code`` hold (its docstrings and comments aside)."""
    tree = ast.parse(code)
    docstrings = {id(node.value) for node in ast.walk(tree) if isinstance(node, ast.Expr)}
    texts = " ".join(node.value for node in ast.walk(tree)
                     if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings)
    return {kind for kind in ids or tuple(kind.id for kind in tablekinds.kinds()) if kind in texts}


@functools.cache
def _named() -> dict[str, set[str]]:
    ids, found = tuple(kind.id for kind in tablekinds.kinds()), {}
    for file in sorted(PACKAGE.rglob("*.py")):
        code = file.read_text(encoding="utf-8")
        if any(kind in code for kind in ids) and (names := _names(code, ids)):  # parsed only where a kind is written
            found[file.relative_to(PACKAGE).as_posix()] = names
    return found


def test_no_python_file_names_a_kind_beyond_those_listed():
    grown = {file: sorted(names - NAMED.get(file, set())) for file, names in _named().items()}
    assert not {file: names for file, names in grown.items() if names}, \
        "a Python file names a table kind: reach it through its definition (reportgen/tablekinds/*.yaml)"


def test_the_list_of_files_that_name_a_kind_only_shrinks():
    named = _named()
    gone = {file: sorted(names - named.get(file, set())) for file, names in NAMED.items()}
    assert not {file: names for file, names in gone.items() if names}, "no longer named: take it off NAMED"


def test_the_scan_sees_a_kind_in_code_not_in_its_comments_or_docstrings():
    """As the older build.py wrote its fund tables, and recognize.py the “三公” table's id."""
    assert _names('FUND_TABLES = {"一般公共预算支出表": "一般公共预算"}\n') == {"一般公共预算支出表"}
    assert _names('THREE_PUBLIC = f"{PREFIX}三公经费支出表"\n') == {"三公经费支出表"}
    assert _names('def f():\n    """Reads the 支出总表."""\n    return 1  # the 收支总表\n') == set()


def test_the_fund_tables_import_reads_are_the_definitions_with_a_fund_in_their_order():
    assert list(tablekinds.fund_tables().items()) == [
        ("一般公共预算支出表", "一般公共预算"), ("政府性基金预算支出表", "政府性基金"), ("国有资本经营预算支出表", "国有资本经营")]
