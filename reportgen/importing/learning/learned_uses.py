"""表格.X.支出用途 of a learned layout (tables/spending_uses.py): a 收支 table that prints its spending again by use in a
column beside its function lines, as the import read that column (Imported.beside: 江苏 2019's 支出用途 一、基本支出,
二、项目支出, 三、单位预留机动经费; Imported.further, the first of them: 西安 2025's 部门预算支出经济分类科目 1、人员经费和公用经费支出,
2、专项业务经费支出 and the classes under each). A line is 基本支出 or 项目支出 where its words say so, else where its figure is
the source's 基本支出 (项目支出) of that table's money and no other line of the column prints that figure — 行名 then
keeps the words it is printed under; a line that is neither (单位预留机动经费, 上缴上级支出) is not learned. The
基本支出's 部门经济分类 类 under its line (基本支出各类: 西安's (1)工资福利支出 …) are learned where each line printing a
figure between it and the next use is a 类 of the source's 基本支出 by its name, printing its figure, and one at least
does. The column's own totals (本年支出合计, 结转下年, 支出总计) are learned where it prints them."""

from __future__ import annotations

import itertools
from decimal import Decimal
from pathlib import Path
from typing import Any

from reportgen.compute import Computed
from reportgen.importing.pipeline import ImportResult
from reportgen.importing.recognition.rows import Row
from reportgen.tablekinds import role
from reportgen.tables import SUMMARY_TABLES
from reportgen.tables.specs import USE_CLASSES, USE_LINES, USE_ORDER, USE_TOTALS
from reportgen.tables.spending_uses import basic_classes, figures_of_uses
from reportgen.tables.summary import FISCAL_FUNDS

_YUAN = {"元": Decimal(1), "万元": Decimal(10000)}  # a table's unit in 元


def use_shapes(result: ImportResult) -> dict[str, dict[str, Any]]:
    """表格.X.支出用途 (and the 行名 of its lines printed in other words) of each 收支 table printing such a column."""
    imported = result.imported
    columns = {kind: side for kind in SUMMARY_TABLES
               if (side := imported.beside.get(kind) or next(iter(imported.further.get(kind, [])), []))}
    figures = _figures(result) if columns else None
    if figures is None:
        return {}
    shapes = {kind: _use_shape(side, _values(figures, kind, imported.tables[kind].unit), imported.catalog.spending_rows)
              for kind, side in columns.items()}
    return {kind: _with_classes(shape, columns[kind], _classes(figures, kind, imported.tables[kind].unit))
            for kind, shape in shapes.items() if shape}


def _with_classes(shape: dict[str, Any], side: list[Row], classes: dict[str, Decimal]) -> dict[str, Any]:
    """``shape`` with 基本支出各类 among its 支出用途 where the column prints the 基本支出's 类 under its line."""
    if not _classes_printed(side, classes, shape.get("行名", {})):
        return shape
    return {**shape, "支出用途": [line for line in USE_ORDER if line in {*shape["支出用途"], USE_CLASSES}]}


def _use_shape(side: list[Row], values: dict[str, Decimal | None], totals: dict[str, str]) -> dict[str, Any]:
    """表格.X's 支出用途 and 行名 of one column (its lines ``side``), {} where it prints neither 基本支出 nor 项目支出."""
    named = {**_by_figures(side, values), **_by_words(side, totals)}  # words first
    if not set(named) & set(USE_LINES):
        return {}
    uses = [line for line in (*USE_LINES, *USE_TOTALS) if line in named]
    renamed = {meaning: label for meaning, label in named.items() if meaning in USE_LINES and label != meaning}
    return {"支出用途": uses, **({"行名": renamed} if renamed else {})}


def _classes(figures: Computed, kind: str, unit: str) -> dict[str, Decimal]:
    """The 基本支出's 部门经济分类 类 the render prints under its line (basic_classes) of the table ``kind``'s money, by
    name, in the table's ``unit`` ({} where it is not known)."""
    per = _YUAN.get(unit)
    basic = figures_of_uses(figures, FISCAL_FUNDS if kind == role("appropriations") else ())["基本支出"]
    return {name: amount / per for name, amount in basic_classes(figures, basic)} if per else {}


def _classes_printed(side: list[Row], classes: dict[str, Decimal], renamed: dict[str, str]) -> bool:
    """Whether the lines printing a figure right under the 基本支出's (under its words, ``renamed``) are 类 of it by
    name, each printing its figure, one at least (the next use's line, no 类's name, ends them)."""
    under = _lines_under(side, renamed.get(USE_LINES[0], USE_LINES[0]))
    named = list(itertools.takewhile(lambda row: row.label in classes, under))
    return bool(named) and all(_figure(row) == classes[row.label] for row in named)


def _lines_under(side: list[Row], label: str) -> list[Row]:
    """The column's lines printing a figure below the line of ``label`` ([] where none is of it)."""
    start = next((i + 1 for i, row in enumerate(side) if row.label == label), len(side))
    return [row for row in side[start:] if _figure(row)]


def _values(figures: Computed, kind: str, unit: str) -> dict[str, Decimal | None]:
    """基本支出 and 项目支出 of the table ``kind``'s money, in its ``unit`` (the source's are in 元); None unknown."""
    in_yuan = figures_of_uses(figures, FISCAL_FUNDS if kind == role("appropriations") else ())
    per = _YUAN.get(unit)
    return {meaning: value / per if value is not None and per else None for meaning, value in in_yuan.items()}


def _figures(result: ImportResult) -> Computed | None:
    """The imported source's figures (None where it cannot be prepared)."""
    from reportgen.runners.render import prepare  # deferred: the render, for a learned layout only

    return prepare(result.source.named(Path("学到的版式.yaml")), draft=True).figures


def _by_words(side: list[Row], totals: dict[str, str]) -> dict[str, str]:
    """Of the column's lines, those whose words name a line it may print (USE_LINES, USE_TOTALS): meaning → label."""
    named: dict[str, str] = {}
    for row in side:
        meaning = row.label if row.label in USE_LINES else totals.get(row.label, "")
        if meaning in (*USE_LINES, *USE_TOTALS):
            named.setdefault(meaning, row.label)
    return named


def _by_figures(side: list[Row], values: dict[str, Decimal | None]) -> dict[str, str]:
    """Of the column's lines, the one printing the source's 基本支出 (项目支出), where it is the only line printing that
    figure and the two differ: meaning → label."""
    named: dict[str, str] = {}
    for meaning, value in values.items():
        matched = [row for row in side if value and _figure(row) == value]
        if len(matched) == 1 and list(values.values()).count(value) == 1:
            named[meaning] = matched[0].label
    return named


def _figure(row: Row) -> Decimal | None:
    """The figure a line prints (its first amount not blank), None for none."""
    return next((amount.value for amount in row.amounts.values() if not amount.blank), None)
