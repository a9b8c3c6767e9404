"""A 部门 imported with its units' files: the 部门's source by unit (单位, each unit's 收入 and 支出
in a unit file it 包含, as `render` reads a department of units), its own words, 三公经费 and the
rest as its document states them. The 部门's own 收入 and 支出 are not written twice: they must be
the units' sum (each printed figure within half its printed step), else the import is refused naming
the figure, the 部门's total and the units' — never the 部门's figures dropped for the units'."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any, Protocol

from reportgen.importing.emit import ImportedSource
from reportgen.importing.recognition.imported import Imported
from reportgen.importing.tree import Node, Placed, Tree
from reportgen.readers.grid import ImportRefused
from reportgen.reading.amounts import yuan_factors

_WORDS_ONLY = ("人员经费说明", "公用经费说明")  # what a 部门 of units may still write under 支出.基本支出
_TO_YUAN = yuan_factors("元", "万元")
_HALF_STEP = {"元": Decimal("0.005"), "万元": Decimal(50)}  # half of 0.01 of the unit, in 元


class ImportResult(Protocol):
    """pipeline.ImportResult, as far as this module reads and extends it."""

    source: ImportedSource
    imported: Imported
    differences: list[str]
    notes: list[str]
    unplaced: list[str]
    documents: list[Path]
    header: dict[str, Any]
    unit_files: list[UnitFile]


@dataclass(frozen=True)
class UnitFile:
    name: str  # the unit file's name, beside the department's source
    source: ImportedSource


def with_units(result: ImportResult, units: Sequence[tuple[str, ImportResult]]) -> None:
    """``result`` (the 部门's import) made the source of a 部门 of ``units`` (name, the unit's import);
    refused where the units' 收入 or 支出 do not add up to the 部门's."""
    department = result.imported
    _reconcile(department.tree, department.department, [(name, unit.imported.tree) for name, unit in units],
               result.header.get("files", []), [f for _, unit in units for f in unit.header.get("files", [])])
    files: list[UnitFile] = []
    entries: list[Tree] = []
    for name, unit in units:
        file_name = _file_name(name, department.year)
        files.append(UnitFile(file_name, ImportedSource(_unit_tree(name, unit), unit.header)))
        entries.append({"名称": Placed(name), "包含": Placed(file_name)})
        result.differences += [f"单位 {name}：{line}" for line in unit.differences]
        result.notes += [f"单位 {name}：{line}" for line in unit.notes]
        result.unplaced += [f"单位 {name}：{line}" for line in unit.unplaced]
        result.documents += unit.documents
        result.header["files"] = [*result.header.get("files", []), *unit.header.get("files", [])]
    department.tree = by_units(department.tree, entries)
    result.unit_files = files
    result.source = ImportedSource(department.tree, result.header)


def _file_name(unit: str, year: int | None) -> str:
    base = f"{unit}-{year}-单位.yaml" if year else f"{unit}-单位.yaml"
    return re.sub(r"[\\/\x00-\x1f]", "_", base).lstrip(".")


def _unit_tree(name: str, unit: ImportResult) -> Tree:
    tree = unit.imported.tree
    out: Tree = {"名称": Placed(name)}
    out.update({key: tree[key] for key in ("年度", "金额单位", "收入", "支出") if key in tree})
    return out


def by_units(tree: Tree, entries: list[Tree]) -> Tree:
    """The 部门's tree with 单位 where its 收入 stood, and no 收入, 支出 figures or 结转下年."""
    out: Tree = {}
    for key, node in tree.items():
        if key == "收入":
            out["单位"] = list(entries)
        elif key == "支出":
            words = _spending_words(node)
            if words:
                out["支出"] = words
        elif key != "结转下年":
            out[key] = node
    if "单位" not in out:
        out["单位"] = list(entries)
    return out


def _spending_words(node: Node) -> Tree:
    basic = node.get("基本支出") if isinstance(node, dict) else None
    if not isinstance(basic, dict):
        return {}
    kept: Tree = {key: basic[key] for key in _WORDS_ONLY if key in basic}
    return {"基本支出": kept} if kept else {}


def _reconcile(department: Tree, name: str, units: list[tuple[str, Tree]], files: list[str],
               unit_files: list[str]) -> None:
    """Refused where a 收入 of the 部门, its 基本支出 or its 项目支出 is not the units' sum."""
    if (off := units_off(department, [tree for _, tree in units])) is not None:
        key, own, summed = off
        raise ImportRefused(
            f"{'、'.join(files)}（部门 {name}）的{key}为 {own:,.2f} 元，而一同导入的单位（"
            f"{'、'.join(n for n, _ in units)}；{'、'.join(unit_files)}）合计 {summed:,.2f} 元：部门预算是其所属"
            "全部单位的合计，应一并导入它的每个单位，或分别导入部门与单位；未写出源文件")


def units_off(department: Tree, units: list[Tree]) -> tuple[str, Decimal, Decimal] | None:
    """The first of the 部门's 收入 by source, 基本支出 and 项目支出 (in 元) that is not its units' sum within half
    the step each prints to, with the 部门's figure and the units' sum; None where each is."""
    mine = _figures(department)
    theirs: dict[str, Decimal] = {}
    slack = _HALF_STEP[_unit(department)]
    for tree in units:
        slack += _HALF_STEP[_unit(tree)]
        for key, amount in _figures(tree).items():
            theirs[key] = theirs.get(key, Decimal(0)) + amount
    for key in dict.fromkeys([*mine, *theirs]):
        own, summed = mine.get(key, Decimal(0)), theirs.get(key, Decimal(0))
        if abs(own - summed) > slack:
            return key, own, summed
    return None


def _unit(tree: Tree) -> str:
    node = tree.get("金额单位")
    return str(node.value) if isinstance(node, Placed) and node.value in _TO_YUAN else "元"


def _figures(tree: Tree) -> dict[str, Decimal]:
    """收入 by source and 支出 as 基本支出 and 项目支出 (the function rows' sums), in 元."""
    factor = _TO_YUAN[_unit(tree)]
    found: dict[str, Decimal] = {}
    income = tree.get("收入")
    if isinstance(income, dict):
        for key, node in income.items():
            if isinstance(node, Placed) and isinstance(node.value, Decimal):
                found[f"收入.{key}"] = node.value * factor
    spending = tree.get("支出")
    spending = spending if isinstance(spending, dict) else {}
    for key, amount in (_by_rows(spending) or _stated(spending)).items():
        found[f"支出.{key}"] = amount * factor
    return found


def _by_rows(spending: Tree) -> dict[str, Decimal]:
    """基本支出 and 项目支出 as the finest function rows' sums (a 类 or 款 row with rows under it is a check's)."""
    found: dict[str, Decimal] = {}
    for row in finest(spending.get("功能分类")):
        for key in ("基本支出", "项目支出"):
            cell = row.get(key)
            if isinstance(cell, Placed) and isinstance(cell.value, Decimal):
                found[key] = found.get(key, Decimal(0)) + cell.value
    return found


def finest(written: object) -> list[Tree]:
    """The function rows written with no row under them (a 类 or 款 row with rows under it is a check's)."""
    rows = [row for row in written if isinstance(row, dict)] if isinstance(written, list) else []
    codes = [str(_plain(row.get("科目"))) for row in rows]
    return [row for row, code in zip(rows, codes, strict=True)
            if not any(other != code and other.startswith(code) for other in codes)]


def _stated(spending: Tree) -> dict[str, Decimal]:
    """基本支出 and 项目支出 as stated alone (支出.基本支出.合计, 支出.项目支出): of a source without function rows."""
    basic = spending.get("基本支出")
    cells = {"基本支出": basic.get("合计") if isinstance(basic, dict) else None, "项目支出": spending.get("项目支出")}
    return {key: cell.value for key, cell in cells.items() if isinstance(cell, Placed) and isinstance(cell.value, Decimal)}


def _plain(node: object) -> object:
    return node.value if isinstance(node, Placed) else node
