"""The 科目 of a table that prints its rows by name alone (杭州市气象局 2026: 科学技术支出 / 技术研究与开发 /
科技成果转化与扩散, no code column), known by the national catalogue (reportgen/codes) and proved by the table's
own arithmetic.

Each row's name is looked up among the entries its place allows: a 类 anywhere, a 款 under the 类 printed above
it, a 项 under the 款 printed above it (the catalogue's tree: 技术研究与开发 is 20604 under 206, and 2069803 only
under 20698). A reading is accepted when every row has exactly one code so and, where a row is printed with rows
under it, its figures are the sums of theirs in every column — the table proves the levels it was given. Any row
the catalogue does not know, a name with two readings the sums do not decide, or a sum that fails: the table's
codes are not taken, and the import says why (never a code guessed, never rows dropped in silence)."""

from __future__ import annotations

import functools
from decimal import Decimal

from reportgen import codes, tablekinds
from reportgen.importing.recognition.imported import Imported
from reportgen.importing.recognition.recognize import Table
from reportgen.importing.recognition.rows import Amount, Row

# the catalogue's levels a table's rows are read down, by its kind of classification
_DEPTHS = {"function": (3, 5, 7), "economic": (3, 5)}
_MAX_READINGS = 64  # a table whose names allow more readings than this is not read by name


def read_by_name(result: Imported) -> None:
    """Each function or economic table whose rows print names and no code given the codes its names read as
    (coded_by_name), said with the import's notes; where they do not read so, said why (its rows then written nowhere:
    the source's lines are by code)."""
    year = result.year or 2025
    for kind, rows in result.rows.items():
        registry = _registry(kind)
        if registry is None or kind not in result.tables or not _by_name_alone(rows):
            continue
        found, why = coded_by_name(rows, registry, year)
        for at, code in found.items():
            rows[at].code = code
        result.told.append(_code_note(result.tables[kind], len(found), year, why))


def _by_name_alone(rows: list[Row]) -> bool:
    """Whether the rows print names and no code at all."""
    return not any(row.code for row in rows) and any(row.name and not row.total for row in rows)


def _registry(kind: str) -> codes.Kind | None:
    """The classification a kind's rows are by: a fund's table's and the 支出总表's by function, the 基本支出表's by
    economic class; None for the rest."""
    if kind in tablekinds.fund_tables() or kind == tablekinds.role("spending"):
        return "function"
    return "economic" if kind == tablekinds.role("basic") else None


def _code_note(table: Table, read: int, year: int, why: str) -> str:
    if why:
        return (f"{table.kind.id}（{table.grid.shown}）没有印出科目编码，{why}：其各行没有写入源文件；"
                f"请按原表在源文件中填写各科目的编码与数")
    return (f"{table.kind.id}（{table.grid.shown}）没有印出科目编码：{read} 行的编码按名称与所在层次从{year}年"
            f"《政府收支分类科目》读出，各级之和都与印出的相符")


def coded_by_name(rows: list[Row], kind: codes.Kind, year: int) -> tuple[dict[int, str], str]:
    """(each row's code by its index in ``rows``, "") where the names are read so; ({}, why not) otherwise.
    ``rows``: the table's rows, none of which prints a code; its totals are left out of the reading."""
    lines = [(i, row) for i, row in enumerate(rows) if not row.total and row.name]
    if not lines:
        return {}, ""
    reading, why = _proved(lines, kind, year)
    return ({i: code for (i, _), code in zip(lines, reading, strict=True)}, "") if reading else ({}, why)


def _proved(lines: list[tuple[int, Row]], kind: codes.Kind, year: int) -> tuple[list[str], str]:
    """The one reading of the lines' names whose sums hold, else ([], why not)."""
    names = [row.name for _, row in lines]
    readings, stuck = _readings(names, kind, year)
    if stuck is not None:
        return [], f"“{names[stuck]}”不是{year}年《政府收支分类科目》中可以按所在层次认出的科目"
    proved = [reading for reading in readings if _sums_hold(reading, [row for _, row in lines])]
    if len(proved) != 1:
        return [], "按名称读出科目时" + ("各级之和不成立" if not proved else "名称有几种读法，各级之和不能确定是哪一种")
    return proved[0], ""


# A reading as it grows: the codes of the 类 and 款 above the next row, and the codes so far (last first, shared).
_Chain = tuple[str, "_Chain"] | None
_State = tuple[tuple[str, ...], _Chain]


def _readings(names: list[str], kind: codes.Kind, year: int) -> tuple[list[list[str]], int | None]:
    """Every reading of ``names`` in order as codes, each row at a level its place allows, row by row (no recursion:
    a table of any length); (the readings, None), or ([], the row no reading can place). Readings beyond
    _MAX_READINGS are not followed (the table then has two or more, which its sums must decide)."""
    children, depths = _children(kind, year), len(_DEPTHS[kind])
    states: list[_State] = [((), None)]
    for at, name in enumerate(names):
        grown = _grown(states, codes.normalised_name(name), children, depths)
        if not grown:
            return [], at
        states = grown[:_MAX_READINGS]
    return [_codes(chain) for _, chain in states], None


def _grown(states: list[_State], named: str, children: dict[str, dict[str, tuple[str, ...]]], depths: int) -> list[_State]:
    """Each reading so far with the next row read at each level its place allows: a 类, or under the 类 or 款 above."""
    grown: list[_State] = []
    for path, chain in states:
        for depth in range(min(len(path) + 1, depths)):
            parent = path[depth - 1] if depth else ""
            grown += [((*path[:depth], code), (code, chain)) for code in children.get(parent, {}).get(named, ())]
    return grown


def _codes(chain: _Chain) -> list[str]:
    found = []
    while chain is not None:
        code, chain = chain
        found.append(code)
    return found[::-1]


@functools.cache  # the registries are read once per process
def _children(kind: codes.Kind, year: int) -> dict[str, dict[str, tuple[str, ...]]]:
    """parent code ("" for a 类) → normalised name (the year's, its aliases, former names) → the codes under it."""
    found: dict[str, dict[str, list[str]]] = {}
    depths = _DEPTHS[kind]
    for entry in codes.all_codes(kind, year):
        if len(entry.code) not in depths:
            continue
        parent = entry.parent or ""
        for name in _names(kind, entry.code, entry.name, year):
            found.setdefault(parent, {}).setdefault(name, []).append(entry.code)
    return {parent: {name: tuple(dict.fromkeys(found_codes)) for name, found_codes in names.items()}
            for parent, names in found.items()}


def _names(kind: codes.Kind, code: str, name: str, year: int) -> set[str]:
    """The names a code is printed by in ``year``: its own and its aliases (codes.name_status says "ok")."""
    return {codes.normalised_name(text) for text in (name, *codes.printed_names(kind, code, year))}


def _sums_hold(reading: list[str], rows: list[Row]) -> bool:
    """Whether each row printed with rows under it in ``reading`` (the next level's codes that start with its code)
    prints their sum in every column both print."""
    for at in range(len(reading)):
        under = [rows[j] for j in _under(reading, at)]
        if under and not all(_adds_up(amount, [row.amounts[column].value for row in under if column in row.amounts])
                             for column, amount in rows[at].amounts.items()):
            return False
    return True


def _under(reading: list[str], at: int) -> list[int]:
    """The rows next under the row ``at`` (its 款, or its 项 where it has no 款 printed): they follow it."""
    code, end = reading[at], at + 1
    while end < len(reading) and reading[end].startswith(code) and len(reading[end]) > len(code):
        end += 1
    level = min((len(other) for other in reading[at + 1:end]), default=0)
    return [j for j in range(at + 1, end) if len(reading[j]) == level]


def _adds_up(amount: Amount, parts: list[Decimal]) -> bool:
    """Whether a printed figure is its printed parts' sum, within their rounding (nothing to add: nothing says not)."""
    return amount.blank or not parts or abs(sum(parts, Decimal(0)) - amount.value) <= _rounding(amount, parts)


def _rounding(amount: Amount, parts: list[Decimal]) -> Decimal:
    """How far a printed sum may be from its printed parts' by their rounding: half a unit of the last place each."""
    exponent = amount.value.as_tuple().exponent
    unit = Decimal(1).scaleb(exponent if isinstance(exponent, int) else 0)
    return unit * len(parts) / 2
