"""The same spending printed in two tables of a 部门决算: an economic 款 of the 一般公共预算财政拨款基本支出决算表
and the function 项 whose definition is that very spending (单位为职工缴纳的养老保险、职业年金、住房公积金:
导入.yaml 同一支出), whose 基本支出 the 一般公共预算财政拨款支出决算表 prints. Both tables are of the same
money (一般公共预算财政拨款, 基本支出): where both print their lines, they agree — 佛山市轨道交通局 2019 prints
30108 机关事业单位基本养老保险缴费 47.01 and 2080505 机关事业单位基本养老保险缴费支出 53.45 (its medical
insurance booked under the pension's 项). A line either table does not print is not judged: nothing is said
of what is absent."""

from __future__ import annotations

from decimal import Decimal

from reportgen.importing.final.final_accounts import economic_halves
from reportgen.importing.recognition.recognize import Table
from reportgen.importing.recognition.rows import Amount, Row, body_rows

BASIC = "一般公共预算财政拨款基本支出决算表"
GENERAL = "一般公共预算财政拨款支出决算表"


def same_spending(tables: list[Table], same: dict[str, tuple[str, ...]]) -> list[str]:
    """A message for each economic 款 whose 决算数 is not the 基本支出 of the function 项 it is (the sum of
    them, where the definition spreads it over several), both tables printing their lines; a gap their
    rounding to the printed step can make is none."""
    by_kind = {t.kind.id: t for t in tables}
    basic, general = by_kind.get(BASIC), by_kind.get(GENERAL)
    if basic is None or general is None or not same or basic.unit != general.unit:  # 元 against 万元: not judged
        return []
    economic, functions = _printed_lines(basic, general)
    return [_same_spending_note(economic[code], parts) for code, parts in _spent_as(economic, functions, same)
            if not _agree(economic[code].amounts["决算数"], [p.amounts["基本支出"] for p in parts])]


def _printed_lines(basic: Table, general: Table) -> tuple[dict[str, Row], dict[str, Row]]:
    """The economic 款 the 基本支出 table prints a 决算数 of, and the function 项 the 一般公共预算 table prints a
    基本支出 of, by code."""
    economic = {r.code: r for r in economic_halves(basic, []) if r.code and _figure(r, "决算数")}
    functions = {r.code: r for r in body_rows(general, problems=[]) if r.code and _figure(r, "基本支出")}
    return economic, functions


def _spent_as(economic: dict[str, Row], functions: dict[str, Row],
              same: dict[str, tuple[str, ...]]) -> list[tuple[str, list[Row]]]:
    """Each economic 款 printed, with the function 项 printed that the definition says it is (one or several)."""
    return [(code, parts) for code, codes in same.items() if code in economic
            and (parts := [functions[c] for c in codes if c in functions])]


def _figure(row: Row, meaning: str) -> bool:
    amount = row.amounts.get(meaning)
    return amount is not None and not amount.blank


def _agree(spent: Amount, parts: list[Amount]) -> bool:
    """Whether the 款's figure is the 项s' 基本支出, each printed rounded to its last digit (half of it each)."""
    figures = [spent, *parts]
    decimals = max(-int(f.value.as_tuple().exponent) for f in figures)
    half = Decimal(5) / Decimal(10) ** (decimals + 1)
    return abs(spent.value - sum((p.value for p in parts), Decimal(0))) <= half * len(figures)


def _same_spending_note(row: Row, parts: list[Row]) -> str:
    spent = row.amounts["决算数"]
    items = "、".join(f"{p.amounts['基本支出'].where} {_name(p)}" for p in parts)
    figures = [p.amounts["基本支出"].value for p in parts]
    printed = f"印作 {figures[0]:,}" if len(figures) == 1 else f"之和为 {sum(figures, Decimal(0)):,}"
    return (f"{BASIC} {spent.where}：{_name(row)} 印作 {spent.value:,}，而{GENERAL} {items} 的基本支出{printed}："
            "按科目的定义两者是同一笔支出，应当相等；按原样写入，未作修改")


def _name(row: Row) -> str:
    return f"{row.code} {row.name}".strip()

