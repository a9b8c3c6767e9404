"""A 决算's tables as a learned layout names and lists them (`reportgen import … --learn-layout DIR`, issue 80:
learned_layout): the names the layout gives the render's 决算 tables, and the 科目 of its 基本支出表's sides and of its
fund tables where the published tables print them otherwise than the render's own."""

from __future__ import annotations

from reportgen import codes, tablekinds
from reportgen.importing.final.final_accounts import economic_sides
from reportgen.importing.recognition.catalog import normalized
from reportgen.importing.recognition.imported import Imported
from reportgen.importing.recognition.rows import Row
from reportgen.shaping.layouts import FINAL_FUND_TABLES
from reportgen.tablekinds import role
from reportgen.tables.economic import FINAL_ECONOMIC


def final_table_names() -> dict[str, str]:
    """A 决算's tables as read → the names a layout gives the render's 决算 tables (收入总表 for 收入总表-决算), by
    their roles and funds (the kinds named in their files alone)."""
    by_role = {"收入支出决算总表": "summary", "收入决算表": "income", "支出决算表": "spending",
               "财政拨款收入支出决算总表": "appropriations", "一般公共预算财政拨款基本支出决算表": "basic",
               "财政拨款三公经费支出决算表": "three_public"}
    by_fund = {"一般公共预算财政拨款支出决算表": "一般公共预算", "政府性基金预算财政拨款收入支出决算表": "政府性基金",
               "国有资本经营预算财政拨款收入支出决算表": "国有资本经营"}
    return {**{final: role(name) for final, name in by_role.items()},
            **{final: tablekinds.fund_table(fund) for final, fund in by_fund.items()}}


def _is_final(imported: Imported) -> bool:
    accounts = imported.tree.get("种类")
    return getattr(accounts, "value", accounts) == "决算"


def _final_basic_sides(imported: Imported) -> list[list[int | str]]:
    """科目 of the 决算's 基本支出表: the economic codes each side of the published table prints, in order, where they
    are not the render's own (the 样张's two sides: tables/economic.FINAL_ECONOMIC) — 国家信访局 2024 prints three
    sides (301, 303 | 302 | 307, 310, 399), 佛山 2019 two with 307 and 399 on the right."""
    table = imported.tables.get("一般公共预算财政拨款基本支出决算表")
    sides = economic_sides(table) if table is not None else []
    if not sides or [[code for code, _ in side] for side in sides] == _OWN_SIDES:
        return []
    year = imported.year or 2025
    return [[_listed_entry(code, name, codes.economic_entry(code, year)) for code, name in side] for side in sides]


# The sides of the render's own 基本支出决算表 (the 样张's): 301, 303 | 302, 310 with their 款
_OWN_SIDES = [[code for cls, items in half for code in (cls, *items)] for half in (FINAL_ECONOMIC[:2], FINAL_ECONOMIC[2:])]


def _listed_entry(code: str, name: str, entry: object) -> int | str:
    """An entry of 科目: the code, and the name the table prints it by where the catalogue of its year has another (or
    none: 佛山 2019's 39906 赠与)."""
    known = getattr(entry, "name", None)
    return f"{code} {name}" if name and (known is None or normalized(known) != normalized(name)) else int(code)


# A 决算's fund tables as read → the render's (政府性基金预算支出表-决算 …)
_FINAL_FUNDS = dict(zip(("政府性基金预算财政拨款收入支出决算表", "国有资本经营预算财政拨款收入支出决算表"), FINAL_FUND_TABLES,
                        strict=True))


def _final_fund_lines(imported: Imported) -> dict[str, list[int | str]]:
    """科目 of a 决算's fund tables: the function codes each prints, in order, where it prints a line of nothing (佛山
    2019's 政府性基金 table: its template's 208, 20822 … each 0.00, the fund spending nothing)."""
    found: dict[str, list[int | str]] = {}
    year = imported.year or 2025
    for kind, name in _FINAL_FUNDS.items():
        rows = [row for row in imported.rows.get(kind, []) if row.code.isdigit() and len(row.code) in (3, 5, 7)]
        if any(map(_of_nothing, rows)):
            found[name] = [_listed_entry(row.code, row.name, codes.function_entry(row.code, year)) for row in rows]
    return found


def _of_nothing(row: Row) -> bool:
    """Whether a row prints no figure but 0 (or blanks)."""
    return not any(amount.value for amount in row.amounts.values() if not amount.blank)
