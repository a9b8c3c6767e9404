"""Issue 82 part 4: a table kind is data — its YAML (reportgen/tablekinds/) is the one place that names it, so a new
kind is one file. No Python file under reportgen/ whose code (its strings, not its comments or docstrings) names a
kind's 编号 (its key: the id templates, sources and layouts use): code asks for a kind by its role (角色: tablekinds.role
("summary") is the 收支总表), its fund (导入.资金: tablekinds.fund_table), or is given it (导入.构建, 构建, 变体).
Measured 2026-11-28: 24 files and 71 (file, kind) names on main (9d1e36f) → 23 and 70 (kinds80: the fund tables from
导入.资金, the “三公” table by its 导入.形状) → 0 and 0 (kinds82: 角色, 变体 and 导入.构建 in the definitions)."""

from __future__ import annotations

import ast
import functools
from pathlib import Path

from reportgen import tablekinds

PACKAGE = Path(tablekinds.__file__).resolve().parent.parent


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


def test_no_python_file_names_a_kind():
    assert not _named(), "a Python file names a table kind: ask for it by its role (tablekinds.role; 角色 in its YAML)"


def test_the_scan_sees_a_kind_in_code_not_in_its_comments_or_docstrings():
    """As the older build.py wrote its fund tables, and recognize.py the “三公” table's id."""
    assert _names('FUND_TABLES = {"一般公共预算支出表": "一般公共预算"}\n') == {"一般公共预算支出表"}
    assert _names('THREE_PUBLIC = f"{PREFIX}三公经费支出表"\n') == {"三公经费支出表"}
    assert _names('def f():\n    """Reads the 支出总表."""\n    return 1  # the 收支总表\n') == set()


def test_the_fund_tables_import_reads_are_the_definitions_with_a_fund_in_their_order():
    assert list(tablekinds.fund_tables().items()) == [
        ("一般公共预算支出表", "一般公共预算"), ("政府性基金预算支出表", "政府性基金"), ("国有资本经营预算支出表", "国有资本经营")]
