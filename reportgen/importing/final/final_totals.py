"""The totals a 部门决算's tables print, kept in the source as printed (each with its place), so that the
render reprints them: a published table rounds each figure from 元 on its own, and a total may stand
from the sum of its printed parts by their 尾数 (compute/printed.py takes it as stated within that).

- 支出.合计 and 支出.项目支出: the 支出决算表's 合计 row (支出.基本支出.合计 too, where all the function rows
  are of one fund: 支出.基本支出 is 一般公共预算's); 支出.基本支出.人员经费 and 公用经费: the 基本支出决算表's
  人员经费合计 and 公用经费合计 — always, as printed;
- a 类 or 款 of a fund table (一般公共预算财政拨款支出决算表 …) whose printed 合计, 基本支出 or 项目支出 is not
  the sum of its printed lines, and an economic 类 of the 基本支出决算表 not the sum of its 款: as a budget's
  (printed_totals.py); a 项 whose 合计 is not its 基本支出 + 项目支出: its 合计 (final_build._fund_row);
- a 类 line of the two 总表 printed otherwise than the function tables print that 类 (the 总表 rounds the
  类 from 元, the function tables may print it as the sum of their rounded 款): 印出合计.<表名>.<类>;
- the 收入决算表's lines (项) by kind of income: 收入.功能分类;
- the 合计 row and the 类/款 lines of the 支出决算表 (all the money) and of the 收入决算表, and the 合计 row of the
  一般公共预算财政拨款支出决算表, printed a 尾数 from the lines under them (国家信访局 2024: 基本支出 11,073.11, its
  lines 11,073.12; 佛山 2019: 214 收入 1,531.04, its lines 1,531.05): 印出合计 of the render's table (支出总表,
  收入总表, 一般公共预算支出表), by column — as a budget's (printed_totals.table_lines).
Nothing is evened out: a difference beyond 尾数 is what check reports."""

from __future__ import annotations

from decimal import Decimal

from reportgen import codes
from reportgen.importing.recognition.catalog import normalized
from reportgen.importing.recognition.imported import Imported, value
from reportgen.importing.recognition.printed_totals import (
    INCOME_COLUMN,
    INCOME_LINE_COLUMNS,
    SPLIT,
    ZERO,
    figure,
    moved_lines,
    printed,
    table_lines,
)
from reportgen.importing.recognition.recognize import Table
from reportgen.importing.recognition.rows import NUMBERING, Amount, Row
from reportgen.importing.tree import Node, Placed, Tree
from reportgen.tablekinds import fund_table, role

SPENDING = "支出决算表"
BASIC = "一般公共预算财政拨款基本支出决算表"
TOTALS = "收入支出决算总表"
FISCAL_TOTALS = "财政拨款收入支出决算总表"
INCOME = "收入决算表"
# The 收入决算表's columns → the keys of 收入.功能分类 (经营收入 is 事业单位经营收入).
INCOME_COLUMNS = {"财政拨款": "财政拨款收入", "上级补助收入": "上级补助收入", "事业收入": "事业收入",
                  "事业单位经营收入": "事业单位经营收入", "经营收入": "事业单位经营收入",
                  "附属单位上缴收入": "附属单位上缴收入", "其他收入": "其他收入"}
FUND_COLUMNS = ("一般公共预算", "政府性基金", "国有资本经营")


def spending_totals(result: Imported, spending: Tree) -> None:
    """支出.合计, 支出.基本支出.合计 and 支出.项目支出 from the 支出决算表's 合计 row; 人员经费 and 公用经费
    from the 基本支出决算表's foot: each as printed."""
    total = next((r for r in result.rows.get(SPENDING, []) if r.total), None)
    if total is not None:
        _spending_table_totals(result, spending, total)
    for row in result.rows.get(BASIC, []):
        label = normalized(row.label)
        amount = row.amounts.get("决算数")
        if row.total and label in ("人员经费合计", "公用经费合计") and printed(amount):
            key = label[:-2]
            _basic(spending)[key] = value(result, result.tables[BASIC], amount, f"支出.基本支出.{key}")  # type: ignore[arg-type]


def _spending_table_totals(result: Imported, spending: Tree, total: Row) -> None:
    """支出.合计, 支出.项目支出 and 支出.基本支出.合计 from the 支出决算表's 合计 row, each as printed — 支出.基本支出 is
    一般公共预算's (by economic class): its 合计 is all the money's only where that is all."""
    table = result.tables[SPENDING]
    if printed(amount := total.amounts.get("合计")):
        spending["合计"] = value(result, table, amount, "支出.合计")  # type: ignore[arg-type]
    if printed(amount := total.amounts.get("项目支出")):
        spending["项目支出"] = value(result, table, amount, "支出.项目支出")  # type: ignore[arg-type]
    if len(_funds_of(spending)) <= 1 and printed(amount := total.amounts.get("基本支出")):
        _basic(spending)["合计"] = value(result, table, amount, "支出.基本支出.合计")  # type: ignore[arg-type]


def _funds_of(spending: Tree) -> set[str]:
    """The funds the function lines written are of (一般公共预算 where a line names none)."""
    rows = spending.get("功能分类", [])
    return {str(getattr(item.get("资金"), "value", "一般公共预算")) for item in (rows if isinstance(rows, list) else [])
            if isinstance(item, dict)}


def _basic(spending: Tree) -> Tree:
    basic = spending.setdefault("基本支出", {})
    assert isinstance(basic, dict)
    return basic


# The function tables whose lines 印出合计 keeps → the render's table, the columns, and whether the 合计 row alone (a
# fund table's 类/款 printed otherwise are written as rows of the source: class_totals)
FUNCTION_LINES = {SPENDING: (role("spending"), SPLIT, False), INCOME: (role("income"), INCOME_LINE_COLUMNS, False),
                  "一般公共预算财政拨款支出决算表": (fund_table("一般公共预算"), SPLIT, True)}


def function_lines(result: Imported) -> Tree:
    """印出合计 of the 决算's function tables (FUNCTION_LINES), by the render's table: the 合计 row and 类/款 lines each
    printing a figure a 尾数 from the lines under it (printed_totals.table_lines)."""
    kinds = [kind for kind in FUNCTION_LINES if kind in result.tables]
    moved = set().union(*(moved_lines(result, kind) for kind in kinds))
    out: Tree = {}
    for kind in kinds:
        name, columns, total_alone = FUNCTION_LINES[kind]
        lines: Tree = {key: _named(line, name) for key, line in table_lines(result, kind, columns, moved).items()
                 if key == "合计" or not total_alone}
        if lines:
            out[name] = lines
    return out


def _named(line: Node, table: str) -> Node:
    """A line's figures by the render's names of its table's columns (收入总表: 财政拨款 is 财政拨款收入)."""
    if table != role("income") or not isinstance(line, dict):
        return line
    return {INCOME_COLUMN.get(column, column): figure for column, figure in line.items()}


def differs(row: Row) -> bool:
    """Whether a 项's printed 合计 is not its printed 基本支出 + 项目支出."""
    total = row.amounts.get("合计")
    return printed(total) and figure(total) != figure(row.amounts.get("基本支出")) + figure(
        row.amounts.get("项目支出"))


def _class_code(label: str, year: int) -> str | None:
    """The code of a 总表's 类 line by its printed name (八、社会保障和就业支出 → 208)."""
    name = normalized(NUMBERING.sub("", label))
    for code in (f"2{n:02d}" for n in range(1, 35)):
        entry = codes.function_entry(code, year)
        if entry is not None and normalized(entry.name) == name:
            return code
    return None


def _function_classes(result: Imported, kinds: tuple[str, ...], column: str) -> dict[str, Decimal]:
    """Each 类 as the first of ``kinds`` that prints it prints it (``column``), by code."""
    year = result.year or 2025
    found: dict[str, Decimal] = {}
    for kind in kinds:
        for row in result.rows.get(kind, []):
            code = row.code if len(row.code) == 3 else (_class_code(row.label or row.name, year) if not row.code else None)
            if code and code not in found and printed(row.amounts.get(column)):
                found[code] = figure(row.amounts.get(column))
    return found


def summary_classes(result: Imported) -> Tree:
    """印出合计: the 类 lines of the two 总表 printed otherwise than the function tables print the 类 —
    of all money (收入支出决算总表, against the 支出决算表) and by fund (财政拨款收入支出决算总表, against
    each fund table); a line whose 合计 and fund figure are the same figure is that figure alone."""
    year = result.year or 2025
    out: Tree = {}
    if TOTALS in result.sides:
        lines = _total_classes(result, year)
        if lines:
            out[TOTALS] = lines
    if FISCAL_TOTALS in result.sides:
        lines = _fiscal_classes(result, year)
        if lines:
            out[FISCAL_TOTALS] = lines
    return out


def _total_classes(result: Imported, year: int) -> Tree:
    """The 收入支出决算总表's 类 lines that differ from the 支出决算表's 类 (of all the money)."""
    spent = _function_classes(result, (SPENDING, "一般公共预算财政拨款支出决算表"), "合计")
    lines: Tree = {}
    for row in result.sides[TOTALS][1]:
        code, amount = _class_code(row.label, year), next(iter(row.amounts.values()), None)
        if code and printed(amount) and code in spent and figure(amount) != spent[code]:
            lines[code] = value(result, result.tables[TOTALS], amount, f"印出合计.{TOTALS}.{code}")  # type: ignore[arg-type]
    return lines


def _fiscal_classes(result: Imported, year: int) -> Tree:
    """The 财政拨款收入支出决算总表's 类 lines that differ from the fund tables' 类 (or whose 合计 is not the
    sum of its funds')."""
    funds = {"一般公共预算": _function_classes(result, ("一般公共预算财政拨款支出决算表",), "合计"),
             "政府性基金": _function_classes(result, ("政府性基金预算财政拨款收入支出决算表",), "小计"),
             "国有资本经营": _function_classes(result, ("国有资本经营预算财政拨款收入支出决算表",), "小计")}
    table = result.tables[FISCAL_TOTALS]
    lines: Tree = {}
    for row in result.sides[FISCAL_TOTALS][1]:
        code = _class_code(row.label, year)
        if not code or not printed(row.amounts.get("合计")):
            continue
        shown = {f: row.amounts[f] for f in FUND_COLUMNS if printed(row.amounts.get(f))}
        known = {f: funds[f].get(code, ZERO) for f in shown}
        total = row.amounts["合计"]
        if all(figure(a) == known[f] for f, a in shown.items()) and figure(total) == sum(known.values(), ZERO):
            continue
        lines[code] = _class_line(result, table, total, shown, f"印出合计.{FISCAL_TOTALS}.{code}")
    return lines


def _class_line(result: Imported, table: Table, total: Amount, shown: dict[str, Amount], where: str) -> Placed | Tree:
    """A 类 line as the 财政拨款收入支出决算总表 prints it: its 合计 alone where one fund's figure makes it, else its 合计
    and each fund's."""
    if len(shown) == 1 and figure(next(iter(shown.values()))) == figure(total):
        return value(result, table, total, where)
    return {"合计": value(result, table, total, where),
            **{f: value(result, table, a, f"{where}.{f}") for f, a in shown.items()}}


def income_lines(result: Imported) -> list[Tree]:
    """收入.功能分类: the 收入决算表's finest lines (项, or a 类/款 printed without its 项), each kind of
    income it prints a figure for, and its 合计 where that is not their sum."""
    rows = [r for r in result.rows.get(INCOME, []) if r.code and not r.total]
    parents = {r.code[:-2] for r in rows if len(r.code) > 3}
    table = result.tables.get(INCOME)
    out: list[Tree] = []
    for row in rows:
        if row.code in parents or table is None:
            continue
        item = _income_line(result, table, row)
        if len(item) > 1:
            out.append(item)
    return out


def _income_line(result: Imported, table: Table, row: Row) -> Tree:
    """A line of 收入.功能分类: each kind of income its row prints a figure for, and its 合计 where that is not their
    sum."""
    item: Tree = {"科目": Placed(int(row.code), f"{INCOME} {row.where}")}
    parts = ZERO
    for column, key in INCOME_COLUMNS.items():
        amount = row.amounts.get(column)
        if printed(amount) and key not in item:
            item[key] = value(result, table, amount, f"收入.功能分类 {row.code} {key}")  # type: ignore[arg-type]
            parts += figure(amount)
    total = row.amounts.get("合计")
    if printed(total) and figure(total) != parts:
        item["合计"] = value(result, table, total, f"收入.功能分类 {row.code} 合计")  # type: ignore[arg-type]
    return item
