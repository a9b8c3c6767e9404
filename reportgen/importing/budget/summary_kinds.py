"""A 收支总表's spending 类 split as the table prints it: 上海市级's 部门财务收支预算总表 prints each 类 by 合计 | 人员经费 |
公用经费 | 项目支出 (基本支出 over the two), where its function tables give each 项's 基本支出 alone — a split of no function
row. Each such 类 is written as the table printed it (印出合计.收支总表.<类>: 人员经费, 公用经费; one printed blank is not
written: the rest of 基本支出), where the function rows written under it do not state theirs (a table printing them by
function line — 苏州, 杭州, 烟台 — gives the 类's from its rows) and give its 基本支出, which the two make within their 尾数.
A split that does not make it is not the 类's as read: 花卉良种试验场 2026 prints its 公用经费 column blank on every row,
and the page's grid, a column short, reads 农林水支出's 项目支出 3,909,902 under 公用经费 (its rows' 基本支出 2,658,210 is
its 人员经费 alone) — such a 类 is not written, as before (the 收支总表's figures are held against the function rows as
ever); nor a 类 no function row is under (医疗保险事业管理中心 2026 prints its 208's figures as 一、一般公共服务支出).
checks/printed_lines.py holds a written split against the 类's 基本支出; the render prints it in that table alone."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from reportgen.importing.recognition.imported import Imported, factor, value
from reportgen.importing.recognition.recognize import Table
from reportgen.importing.recognition.rows import Row
from reportgen.importing.tree import Placed, Tree, scaled
from reportgen.reading.amounts import rounding_step
from reportgen.tablekinds import role

KINDS = ("人员经费", "公用经费")
_ITEM = 7  # a 项's code


def summary_kinds(result: Imported, items: list[Tree]) -> Tree:
    """印出合计 of the 收支总表 ({类: {人员经费, 公用经费: Placed}}) for each spending 类 printing its 基本支出 in 人员经费
    and 公用经费 whose function rows (``items``, those written) do not state them; {} where none is."""
    table = result.tables.get(role("summary"))
    if table is None:
        return {}
    found: Tree = {}
    for row in result.sides.get(role("summary"), ([], []))[1]:
        code = result.class_codes.get(row.label)
        if code and code not in found and not _rows_state_kinds(items, code) and (kinds := _printed(result, table, row, code)) \
                and _makes_basic(result, table, kinds, _class_basic(items, code)):
            found[code] = kinds
    return found


def _makes_basic(result: Imported, table: Table, kinds: Tree, basic: Decimal | None) -> bool:
    """Whether the split printed (a blank one the rest) makes the 类's 基本支出 ``basic`` within their 尾数, none above it."""
    figures = [kind.value for kind in kinds.values() if isinstance(kind, Placed) and isinstance(kind.value, Decimal)]
    if basic is None or any(figure > basic for figure in figures):
        return False
    made = sum(figures, Decimal(0))
    return made == basic if len(figures) < len(KINDS) else abs(made - basic) <= _step(result, table) * len(KINDS) / 2


def _step(result: Imported, table: Table) -> Decimal:
    """The step the 收支总表's spending side is printed rounded to, in the function tables' unit."""
    values = [a.value for row in result.sides.get(role("summary"), ([], []))[1] for a in row.amounts.values() if not a.blank]
    return scaled(rounding_step(table.unit, values), factor(result, table))


def _class_basic(items: list[Tree], code: str) -> Decimal | None:
    """The 基本支出 of the 类 ``code`` as its finest function rows written give it; None where any gives none (its 合计
    alone) or no row is under it."""
    finest = _finest([item for item in items if _code(item).startswith(code)])
    if not finest or any("基本支出" not in item and "项目支出" not in item for item in finest):
        return None
    return sum((_basic_of(item) for item in finest), Decimal(0))


def _finest(under: list[Tree]) -> list[Tree]:
    """The rows with no other row under them."""
    codes = [_code(item) for item in under]
    return [item for item, code in zip(under, codes, strict=True)
            if not any(other != code and other.startswith(code) for other in codes)]


def _basic_of(item: Tree) -> Decimal:
    basic = item.get("基本支出")
    return basic.value if isinstance(basic, Placed) and isinstance(basic.value, Decimal) else Decimal(0)


def _printed(result: Imported, table: Table, row: Row, code: str) -> Tree:
    """The row's 人员经费 and 公用经费 printed (a blank one told as used, not written); {} where it prints neither."""
    return printed_kinds(result, table, row, lambda kind: f"印出合计.{table.kind.id}.{code}.{kind}")


def printed_kinds(result: Imported, table: Table, row: Row, field_of: Callable[[str], str]) -> Tree:
    """A row's 人员经费 and 公用经费 as it prints them, each written as the field ``field_of`` names it; a blank one is
    told as used and not written (the rest of its 基本支出); {} where it prints neither."""
    kinds: Tree = {}
    for kind in KINDS:
        amount = row.amounts.get(kind)
        if amount is None:
            continue
        if amount.blank:
            result.used[(table.kind.id, *amount.cell)] = field_of(kind)
        else:
            kinds[kind] = value(result, table, amount, field_of(kind))
    return kinds


def _rows_state_kinds(items: list[Tree], code: str) -> bool:
    """Whether the 项 written under the 类 ``code`` that spend on 基本支出 state their 人员经费 or 公用经费 (every one)."""
    spending = [item for item in items if _code(item).startswith(code) and len(_code(item)) == _ITEM and _basic(item)]
    return bool(spending) and all(any(kind in item for kind in KINDS) for item in spending)


def _code(item: Tree) -> str:
    code = item.get("科目")
    return str(code.value if isinstance(code, Placed) else code)


def _basic(item: Tree) -> bool:
    return bool(_basic_of(item))
