"""A department's table that prints its own rows first, then each unit's in turn under a 预算单位 column
(深圳's department of several units: 支出总表, 一般公共预算支出表, 一般公共预算基本支出表 and the “三公” table
print 深圳市水务局's row, then 深圳市水务局（本级） and its codes, then the next unit's; the “三公” table each one's
2025 年, 2026 年 and 增减变化金额 rows; its 收入总表 the department's row, then each unit's one row). The department's rows are what its table of one unit prints: read as
the department's table. Each unit's rows — the source has no place for them — are set aside, never read as
the department's, and checked on their own: the department's rows against the sum of its units' rows of the
same name (its 合计 against theirs, its 2026 年 against theirs), and each unit's row against the 类 printed
under it; a difference beyond the rounding of the figures printed is told, naming both places."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from decimal import Decimal

from reportgen.importing.budget.by_unit import SetAside, described, spanned
from reportgen.importing.recognition.catalog import normalized
from reportgen.importing.recognition.recognize import Table, cell_text, is_amount
from reportgen.importing.recognition.rows import Amount, Row, body_rows, is_note_row

_MIN_UNITS = 2  # a department printed over one unit prints that unit as itself: its table is its own


def departments_part(table: Table) -> tuple[Table, SetAside] | None:
    """``table`` cut to the department's rows (its first rows, up to the second unit its 预算单位 column names),
    and its units' rows set aside and checked; None where the table does not print so: the first row of
    figures names no unit, or another than the department its caption names, or fewer than two units follow."""
    starts = _unit_starts(table)
    if len(starts) <= _MIN_UNITS or normalized(starts[0][1]) != normalized(table.owner) or not table.owner:
        return None
    first_figures = next((i for i in range(table.body_start, len(table.grid.rows))
                          if any(is_amount(c) for c in table.grid.rows[i])), None)
    if first_figures != starts[0][0]:
        return None
    return _cut(table, starts[1][0]), _set_aside(table, starts)


def _cut(table: Table, end: int) -> Table:
    """The table cut to its rows before ``end`` (the department's), its grid and items with them."""
    grid = table.grid
    return replace(table, notes=list(table.notes), items={i: item for i, item in table.items.items() if i < end},
                   grid=replace(grid, rows=grid.rows[:end],
                                row_places=grid.row_places[:end] if grid.row_places is not None else None))


def _units_part(table: Table, start: int, end: int, unit: str) -> Table:
    """A unit's rows (``start`` to ``end``: its own row, then the rows under it) as a table of its own, under the
    table's header, captioned with the unit: what the unit's own table of the kind prints (units_read.py reads it)."""
    grid = table.grid
    kept = [*range(table.body_start), *range(start, end)]
    places = grid.row_places
    return replace(table, notes=list(table.notes), owner=unit,
                   items={kept.index(i): item for i, item in table.items.items() if i in kept},
                   grid=replace(grid, rows=[grid.rows[i] for i in kept],
                                row_places=[places[i] for i in kept] if places is not None else None))


def _unit_starts(table: Table) -> list[tuple[int, str]]:
    """The rows that name a unit in the 预算单位 column, with the name: each begins that unit's rows."""
    columns = [col for col, meaning in table.columns.items() if meaning == "单位"]
    found = []
    for index in range(table.body_start, len(table.grid.rows)):
        row = table.grid.rows[index]
        name = "".join(cell_text(row[col]) for col in columns if col < len(row)).strip()
        if name and not is_note_row(table, index):
            found.append((index, name))
    return found


def _set_aside(table: Table, starts: list[tuple[int, str]]) -> SetAside:
    grid = table.grid
    units = [name for _, name in starts[1:]]
    why = (f"{grid.shown}“{table.kind.id}”先印部门的行，再依次印所属{len(units)}个单位的行（{units[0]}、{units[1]}等）："
           "部门的行读入；各单位的行源文件没有位置，不写入，也不当作部门的数；部门的行与各单位同名的行相加、"
           "各单位的行与其下各类逐列核对")
    aside = SetAside(table.kind.id, grid.shown, why, grid.file, unit=table.unit, units=units,
                     parts=[_units_part(table, start, end, name) for (start, name), (end, _) in
                            zip(starts[1:], [*starts[2:], (len(grid.rows), "")], strict=True)])
    aside.places = set(spanned((grid.row_places or [])[starts[1][0]:]))
    blocks = _blocks(table, starts)
    step = Decimal("0.01") if table.unit == "万元" else Decimal(1)
    for total, parts, what in [*_department_sums(blocks), *_class_sums(units, blocks[1:])]:
        gap = abs(total.value - sum((p.value for p in parts), Decimal(0)))
        if gap and gap <= step * (len(parts) + 1) / 2:
            aside.tails += 1
        elif gap:
            aside.differences.append(described(table.kind.id, total, parts, what, by_units=True))
    return aside


def _blocks(table: Table, starts: list[tuple[int, str]]) -> list[list[Row]]:
    """The table's body rows in blocks, each from one of ``starts`` (the department's, then each unit's) to the next."""
    rows = {row.index: row for row in body_rows(table, problems=[])}
    return [[rows[i] for i in range(start, end) if i in rows]
            for (start, _), (end, _) in zip(starts, [*starts[1:], (len(table.grid.rows), "")], strict=True)]


def _named(block: list[Row]) -> dict[str, Row]:
    """A block's rows of no code by their name: "" for the unit's own row (the department's read as its total)."""
    found: dict[str, Row] = {}
    for index, row in enumerate(block):
        if not row.code and not row.second:
            found.setdefault("" if row.total or not row.label and index == 0 else normalized(row.label), row)
    return found


def _department_sums(blocks: list[list[Row]]) -> Iterable[tuple[Amount, list[Amount], str]]:
    """Each of the department's rows against its units' rows of that name, column by column — where every unit
    prints one."""
    department, units = _named(blocks[0]), [_named(block) for block in blocks[1:]]
    for name, row in department.items():
        if not all(name in unit for unit in units):
            continue
        for column, amount in row.amounts.items():
            parts = [unit[name].amounts[column] for unit in units if column in unit[name].amounts]
            if not amount.blank and len(parts) == len(units):
                yield amount, parts, f"部门的{name or '合计'}行（{column}）"


def _class_sums(units: list[str], blocks: list[list[Row]]) -> Iterable[tuple[Amount, list[Amount], str]]:
    """Each unit's row against the 类 (a code of three digits) printed under it, column by column."""
    for unit, block in zip(units, blocks, strict=True):
        own = _named(block).get("")
        classes = [row for row in block if len(row.code) == 3]
        if own is None or not classes:
            continue
        for column, amount in own.amounts.items():
            parts = [row.amounts[column] for row in classes if column in row.amounts]
            if not amount.blank and len(parts) == len(classes):
                yield amount, parts, f"{unit}（{column}）"
