"""A 收支总表's spending 类 split as the table prints it: 上海市级's 部门财务收支预算总表 prints each 类 by 合计 | 人员经费 |
公用经费 | 项目支出 (基本支出 over the two), where its function tables give each 项's 基本支出 alone — a split of no function
row. Each such 类 is written as the table printed it (印出合计.收支总表.<类>: 人员经费, 公用经费; one printed blank is not
written: the rest of 基本支出), where the function rows written under it do not state theirs (a table printing them by
function line — 苏州, 杭州, 烟台 — gives the 类's from its rows). checks/printed_lines.py holds them against the 类's
基本支出; the render prints them in that table alone."""

from __future__ import annotations

from reportgen.importing.recognition.imported import Imported, value
from reportgen.importing.recognition.recognize import Table
from reportgen.importing.recognition.rows import Row
from reportgen.importing.tree import Placed, Tree
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
        if code and code not in found and not _rows_state_kinds(items, code) and (kinds := _printed(result, table, row, code)):
            found[code] = kinds
    return found


def _printed(result: Imported, table: Table, row: Row, code: str) -> Tree:
    """The row's 人员经费 and 公用经费 printed (a blank one told as used, not written); {} where it prints neither."""
    kinds: Tree = {}
    for kind in KINDS:
        amount = row.amounts.get(kind)
        field = f"印出合计.{table.kind.id}.{code}.{kind}"
        if amount is None:
            continue
        if amount.blank:
            result.used[(table.kind.id, *amount.cell)] = field
        else:
            kinds[kind] = value(result, table, amount, field)
    return kinds


def _rows_state_kinds(items: list[Tree], code: str) -> bool:
    """Whether the 项 written under the 类 ``code`` that spend on 基本支出 state their 人员经费 or 公用经费 (every one)."""
    spending = [item for item in items if _code(item).startswith(code) and len(_code(item)) == _ITEM and _basic(item)]
    return bool(spending) and all(any(kind in item for kind in KINDS) for item in spending)


def _code(item: Tree) -> str:
    code = item.get("科目")
    return str(code.value if isinstance(code, Placed) else code)


def _basic(item: Tree) -> bool:
    basic = item.get("基本支出")
    return isinstance(basic, Placed) and bool(basic.value)
