"""The appropriations carried over and forward by fund, as a budget's 财政拨款收支总表 prints them (财政拨款结转): 北京's
04表 prints under its 上年结转结余 the rows 一、一般公共预算拨款 1,270.01, 二、政府性基金预算拨款 34.20, 三、国有资本经营预算拨款
(blank); 重庆's and 国家信访局's print the same under 二、上年结转. A fund's spending is then known where the source gives no
function rows: its income, and its carry-over, less what it carries forward (compute: FunctionFigures.fund_spent)."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from reportgen.docmodel.model import FUNDS
from reportgen.importing.recognition.catalog import Catalog
from reportgen.importing.recognition.imported import Imported, value
from reportgen.importing.recognition.recognize import Table
from reportgen.importing.recognition.rows import Amount, Row
from reportgen.importing.tree import Placed, Tree
from reportgen.tablekinds import role

# The income rows of a fund (收入's key) → the fund
_FUND_OF = {source: fund for fund, source in FUNDS.items() if fund in ("一般公共预算", "政府性基金", "国有资本经营")}


def fiscal_carried(result: Imported, catalog: Catalog) -> Tree:
    """财政拨款结转 {上年结转: {fund: amount}, 结转下年: {fund: amount}} of the 财政拨款收支总表: 上年结转 where the fund rows
    printed under its 上年结转 row add up to it (a blank row none: the table prints the fund and no figure; a blank
    上年结转 row only where the year's fund rows add up to the 收入总计), 结转下年 where its spending side prints the row 0,
    or blank where its 支出总计 is its 本年支出合计 (none carried forward, of any fund); neither where the table is not read,
    nor what it does not split (a figure over fund rows adding up otherwise is reported by the import, never repaired)."""
    kind = role("appropriations")
    if kind not in result.sides:
        return {}
    left, right = result.sides[kind]
    table: Table = result.tables[kind]
    carried: Tree = {}
    if (opening := _under_carried(catalog, left)) is not None:
        carried["上年结转"] = {fund: value(result, table, amount, f"财政拨款结转.上年结转.{fund}")
                            for fund, amount in opening.items()}
    if (where := _none_forward(catalog, right)):
        carried["结转下年"] = {fund: Placed(Decimal(0), f"{table.kind.id} {where}") for fund in _FUND_OF.values()}
    return carried


def _none_forward(catalog: Catalog, right: list[Row]) -> str:
    """Where the spending side prints its one 结转下年 row 0, or blank where its own sums say none (its 支出总计 is its
    本年支出合计: a blank cell is no figure, never a 0 by itself); "" else."""
    rows = [r for r in right if catalog.spending_rows.get(r.label) == "结转下年"]
    amounts = [a for r in rows for a in r.amounts.values()]
    if len(rows) != 1 or not amounts or any(not a.blank and a.value for a in amounts):
        return ""
    return amounts[0].where if not any(a.blank for a in amounts) or _spent_whole(catalog, right) else ""


def _spent_whole(catalog: Catalog, right: list[Row]) -> bool:
    """Whether the spending side's 支出总计 is its 本年支出合计, both printed (nothing carried forward, by its sums)."""
    total = _first(catalog.spending_rows.get, right, "支出总计")
    return total is not None and _sums_to([_first(catalog.spending_rows.get, right, "本年支出合计")], total)


def _first(key_of: Callable[[str], str | None], rows: list[Row], key: str) -> Amount | None:
    """The figure of the first row whose label ``key_of`` gives ``key``, printed (not blank); None else."""
    row = next((r for r in rows if key_of(r.label) == key and r.amounts), None)
    amount = next(iter(row.amounts.values())) if row is not None else None
    return amount if amount is not None and not amount.blank else None


def _sums_to(parts: list[Amount | None], whole: Amount) -> bool:
    """Whether ``parts`` (each printed) add up to ``whole``."""
    return bool(parts) and all(p is not None for p in parts) and \
        sum((p.value for p in parts if p is not None), Decimal(0)) == whole.value


def _under_carried(catalog: Catalog, left: list[Row]) -> dict[str, Amount] | None:
    """The fund rows under the income side's 上年结转 row, each with its figure, where they add up to it; else None."""
    start = next((n for n, r in enumerate(left) if catalog.income_key(r.label) == "上年结转"), None)
    if start is None or not left[start].amounts:
        return None
    funds = _fund_rows(catalog, left[start + 1:])
    whole = next(iter(left[start].amounts.values()))
    if not funds or sum((a.value for a in funds.values()), Decimal(0)) != whole.value:
        return None
    if whole.blank and not _none_carried(catalog, left, start):
        return None  # a blank 上年结转 is no figure: none only where the table's own sums say so
    return funds


def _none_carried(catalog: Catalog, left: list[Row], start: int) -> bool:
    """Whether the income side's sums say nothing was carried over: the year's fund rows above its 上年结转 row add up
    to its 收入总计 (杭州市气象局 2026: 一般公共预算 5,753.07, 收入总计 5,753.07)."""
    total = _first(catalog.income_key, left, "收入总计")
    return total is not None and _sums_to(list(_fund_rows(catalog, left[:start]).values()), total)


def _fund_rows(catalog: Catalog, rows: list[Row]) -> dict[str, Amount]:
    """The rows naming a fund's income (一般公共预算拨款 …) up to the next 上年结转 or 收入总计, by fund, each its figure."""
    funds: dict[str, Amount] = {}
    for row in rows:
        key = catalog.income_key(row.label)
        if key in ("收入总计", "上年结转"):
            break
        if key in _FUND_OF and row.amounts:
            funds.setdefault(_FUND_OF[key], next(iter(row.amounts.values())))
    return funds
