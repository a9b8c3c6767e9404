"""A 收支 table's second spending column: its spending by use (支出用途), beside the function lines — 江苏 2019's
收支预算总表 (功能分类 | 支出用途: 一、基本支出, 二、项目支出, 三、单位预留机动经费, one 当年支出小计 across both), 西安
2025's 收支总表 and 财政拨款收支总表 (支出功能分类科目 | 部门预算支出经济分类科目: 1、人员经费和公用经费支出, 2、专项业务经费支出,
each column its own 本年支出合计, 结转下年 and 支出总计). The layout's 表格.X.支出用途 names the lines (specs.USE_LINES: the
基本支出 and 项目支出 the source states, under the 行名 the layout gives them) and the totals the column prints again
(USE_TOTALS); a line the source does not state is not printed (江苏's 单位预留机动经费: no field holds it). 基本支出各类
(USE_CLASSES) prints under the 基本支出 line its 部门经济分类 类 the source states (西安: 工资福利支出, 商品和服务支出, 对个人和
家庭的补助 under 人员经费和公用经费支出) — where they add up to that line's figure, and the table has a line for each."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from decimal import Decimal

from reportgen.compute import Computed
from reportgen.compute.arithmetic import sum_known
from reportgen.docmodel.document import Cell, Row
from reportgen.tables.builder import TableRows
from reportgen.tables.specs import USE_CLASSES, USE_LINES, USE_TOTALS

_SIDE_CELLS = 4  # a line of a 收支 table of one amount a side: name, amount, name, amount


def figures_of_uses(f: Computed, funds: tuple[str, ...] = ()) -> dict[str, Decimal | None]:
    """基本支出 and 项目支出 of all the spending, or of ``funds`` (the 财政拨款收支总表's three), as the source's lines give
    them (None where not known)."""
    if not funds:
        return {"基本支出": f.basic, "项目支出": f.project}
    return {"基本支出": sum_known(f.fund_basic(fund) for fund in funds),
            "项目支出": sum_known(f.fund_project(fund) for fund in funds)}


def basic_classes(f: Computed, basic: Decimal | None) -> list[tuple[str, Decimal]]:
    """The 部门经济分类 类 of the 基本支出 the source states (not 0), by name, where they add up to ``basic`` (the figure
    of the 基本支出 line: of all the money, or of the 财政拨款's); [] else."""
    classes = [(node.name, node.basic_part) for node in f.economic_tree]
    if basic is None or not classes or sum((amount for _, amount in classes), Decimal(0)) != basic:
        return []
    return [(name, amount) for name, amount in classes if amount]


def with_uses(rows: TableRows, uses: tuple[str, ...], values: dict[str, Decimal | None],
              num: Callable[[Decimal | None], Cell], classes: list[tuple[str, Decimal]] | None = None) -> TableRows:
    """``rows`` (a 收支 table of one amount a side) with the second spending column ``uses`` names: its lines on the
    table's lines in turn, its totals on the rows of the same totals; unchanged where the layout names none or the
    table prints more than one amount a side (its 列); ``classes`` (basic_classes) the 基本支出's 类 under its line, where
    the layout names them (USE_CLASSES) and the table has a line for each."""
    if not uses or len(rows.header) < 2 or len(rows.header[-1].cells) != _SIDE_CELLS:
        return rows
    lines = _lines(rows, uses, values, classes or [])
    body = [replace(row, cells=[*row.cells, *_added(row, uses, lines, num)]) for row in rows.body]
    top, *middle, last = rows.header
    spanned = [*top.cells[:-1], replace(top.cells[-1], colspan=top.cells[-1].colspan + 2)]
    header = [replace(top, cells=spanned), *middle,
              replace(last, cells=[*last.cells, replace(last.cells[-2]), replace(last.cells[-1])])]
    return replace(rows, header=header, body=body, widths=[*rows.widths, *rows.widths[-2:]], wide=True)


def _lines(rows: TableRows, uses: tuple[str, ...], values: dict[str, Decimal | None],
           classes: list[tuple[str, Decimal]]) -> list[tuple[str, Decimal | None]]:
    """The second spending column's lines, in order: the uses the source states, the 基本支出's 类 under its line where
    the layout names them and the table has lines enough (its rows not of a total)."""
    lines = [(name, values.get(name)) for name in uses if name in USE_LINES]
    if USE_CLASSES not in uses or not classes or len(lines) + len(classes) > _free_lines(rows):
        return lines
    at = next((i + 1 for i, (name, _) in enumerate(lines) if name == USE_LINES[0]), 0)
    return [*lines[:at], *classes, *lines[at:]]


def _free_lines(rows: TableRows) -> int:
    """How many of a 收支 table's rows the second spending column may print a line on: those not of a total."""
    return sum(1 for row in rows.body if row.kind not in ("total", "subtotal") and _label(row) not in USE_TOTALS)


def _label(row: Row) -> str:
    """The spending side's label of a 收支 table's row of one amount a side."""
    return row.cells[2].text if len(row.cells) == _SIDE_CELLS else ""


def _added(row: Row, uses: tuple[str, ...], lines: list[tuple[str, Decimal | None]],
           num: Callable[[Decimal | None], Cell]) -> list[Cell]:
    """The second spending column's two cells on ``row``: a total's again where the row is of a total it prints (its
    spending side's amount), blank on another total's; else the next of its ``lines`` (taken), blank when none is left."""
    label = _label(row)
    if label in USE_TOTALS or row.kind in ("total", "subtotal"):
        return [Cell(label, bold=True), replace(row.cells[3])] if label in uses else [Cell(), Cell()]
    if not lines:
        return [Cell(), Cell()]
    name, value = lines.pop(0)
    return [Cell(name), num(value)]
