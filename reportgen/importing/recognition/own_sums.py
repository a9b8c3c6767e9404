"""The figures of a table no source field holds, read where the table's own arithmetic verifies them.

A table the import does not build (no kind names it, its header is not read for sure, or a second table of a kind
already built — 西安 2025's 一般公共预算基本支出表 by 功能 beside the one by 经济分类) still prints figures a
reviewer reads. What its geometry and arithmetic say of it, knowing no word of its header:

* a column that is, on every row printing it, the sum of the columns right of it up to some column (合计 | 人员经费
  | 公用经费 | 专项业务经费), on two rows or more, and on one of them of two parts or more — a copy is no sum;
* a row of a code that is, column by column, the sum of the rows of the codes one level under it (301 = 30101 +
  30102 + …; 201 = 20103, 20103 = 2010301 + 2010306), each code printed once; and a row of no code that is the sum
  of the rows of the highest level (the table's 合计);
* where no code says which row is under which (a list of units, groups and projects, or of purchases): a row whose
  figure is the sum of the items right below it, read from the last row up — in a column where one such sum at
  least is of two items or more (one row the copy of the next proves nothing).

A figure is read where it takes part in an identity that holds and in none that fails (to the figures' last
printed place, once per part); a table on which more identities fail than hold is not read at all (a wrong
reading, not slips). Nothing is written into the source and no difference is told: the figures are counted read
by review (review/coverage.py), verified, and nothing more."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from reportgen.importing.recognition.recognize import cell_text, is_amount, is_code
from reportgen.readers.grid import Cell, Grid
from reportgen.reading.amounts import printed_amount

Figure = tuple[int, int]  # a figure's row and column in its grid
_LEAST_ROWS = 2
_WRAPPED_LINES = 4  # the most lines a row's wrapped name is read over
_UNIT_CODE = (3, 9)  # the digits a unit's code is printed in (西安 2025: 122 and its unit 122001)


@dataclass
class _Body:
    amounts: dict[int, dict[int, Decimal]]  # row → column → amount printed
    codes: dict[int, str]  # row → the code it leads with (rows of no code absent)
    step: Decimal = Decimal(1)  # the last place the table prints its figures to (0.01)
    held: list[list[Figure]] = field(default_factory=list)  # the figures of each identity that holds
    failed: list[list[Figure]] = field(default_factory=list)


def own_sums(grids: Iterable[Grid]) -> frozenset[tuple[str, Decimal]]:
    """The figures (where, value) of ``grids`` their own identities verify."""
    found: set[tuple[str, Decimal]] = set()
    for grid in grids:
        body = _body(grid)
        _row_sums(body)
        _code_sums(body)
        _sums_in_order(body)
        if len(body.held) <= len(body.failed):
            continue
        wrong = {figure for figures in body.failed for figure in figures}
        found.update((where, body.amounts[row][col]) for figures in body.held
                     for row, col in figures if (row, col) not in wrong for where in _lines(grid, row, col))
    return frozenset(found)


def _lines(grid: Grid, row: int, col: int) -> list[str]:
    """The lines a PDF's row spans, from its own to the next row's (a name wrapped over three lines prints the
    row's figure on its second: 西安 2025's 政府采购 table); a sheet's cell is its own place."""
    where = grid.where(row, col)
    page, _, line = where.rpartition(" 第")
    after = grid.where(row + 1, col) if row + 1 < len(grid.rows) else ""
    next_page, _, next_line = after.rpartition(" 第")
    if grid.kind != "pdf" or not line[:-1].isdigit():
        return [where]
    first = int(line[:-1])
    stop = int(next_line[:-1]) if next_page == page and next_line[:-1].isdigit() else first + _WRAPPED_LINES
    return [f"{page} 第{number}行" for number in range(first, min(stop, first + _WRAPPED_LINES))] or [where]


def _body(grid: Grid) -> _Body:
    amounts: dict[int, dict[int, Decimal]] = {}
    codes: dict[int, str] = {}
    for row, cells in enumerate(grid.rows):
        printed = {col: value for col, cell in enumerate(cells) if (value := _value(cell)) is not None}
        if not printed:
            continue
        amounts[row] = printed
        first = min(printed)
        code = next((word for cell in cells[:first] if (word := _code(cell))), None)
        if code is not None:
            codes[row] = code
    counted: dict[str, int] = {}
    for code in codes.values():
        counted[code] = counted.get(code, 0) + 1
    step = Decimal(1).scaleb(-_places(value for printed in amounts.values() for value in printed.values()))
    return _Body(amounts, {row: code for row, code in codes.items() if counted[code] == 1}, step)


def _value(cell: Cell) -> Decimal | None:
    """A cell's amount: a number a workbook stores, or one printed with its thousands grouped or with decimals (as
    review counts the amounts printed: a plain whole number is a code, a count or a year as often)."""
    if isinstance(cell.value, Decimal):
        return cell.value
    text = cell_text(cell)
    return printed_amount(text) if is_amount(cell) and ("." in text or "," in text or "，" in text) else None


def _code(cell: Cell) -> str:
    """The code a row's label cell leads with: a 科目's (201, 2010301, 30101) or a unit's (122, 122001)."""
    word = cell_text(cell).strip().split(" ")[0]
    return word if is_code(cell) or (word.isdigit() and _UNIT_CODE[0] <= len(word) <= _UNIT_CODE[1]) else ""


def _places(values: Iterable[Decimal]) -> int:
    """The most decimal places the figures are printed to."""
    exponents = [v.as_tuple().exponent for v in values]
    return max((-e for e in exponents if isinstance(e, int)), default=0)


def _holds(total: Decimal, parts: list[Decimal], step: Decimal) -> bool:
    """``total`` is the sum of ``parts`` to the table's last printed place (``step``), once per part but one (each
    rounded on its own)."""
    return abs(total - sum(parts, Decimal(0))) <= step * max(len(parts) - 1, 0)


def _row_sums(body: _Body) -> None:
    """Each column that is, row by row, the sum of the columns right of it up to one: the widest such run."""
    columns = sorted({col for printed in body.amounts.values() for col in printed})
    for at in range(len(columns)):
        _widest_sum(body, columns, at)


def _widest_sum(body: _Body, columns: list[int], at: int) -> None:
    """The widest run of columns right of ``columns[at]`` that it is the sum of on each row printing it: held."""
    total = columns[at]
    rows = [row for row, printed in body.amounts.items() if total in printed]
    for end in range(len(columns), at + 1, -1):
        parts = columns[at + 1:end]
        if _sums_by_row(body, rows, total, parts):
            body.held += [[(row, col) for col in [total, *parts] if col in body.amounts[row]] for row in rows]
            return


def _sums_by_row(body: _Body, rows: list[int], total: int, parts: list[int]) -> bool:
    if len(rows) < _LEAST_ROWS:
        return False
    if not any(sum(1 for col in parts if body.amounts[row].get(col)) >= 2 for row in rows):
        return False
    return all(_holds(body.amounts[row][total], [body.amounts[row][col] for col in parts if col in body.amounts[row]],
                      body.step) for row in rows)


def _code_sums(body: _Body) -> None:
    """Each code's row against the rows one level under it, column by column; the row of no code before or after
    them all against the highest level's."""
    by_code = {code: row for row, code in body.codes.items()}
    for row, code in body.codes.items():
        under = [other for other, longer in body.codes.items() if _one_level_under(longer, code, by_code)]
        if under:
            _compared(body, row, under)
    if body.codes:
        _total_sums(body)


def _total_sums(body: _Body) -> None:
    """The table's 合计 — its first row, above every code, or the one row below them all — against the rows of
    the highest level its codes print."""
    top = min(len(code) for code in body.codes.values())
    highest = [row for row, code in body.codes.items() if len(code) == top]
    rows = sorted(body.amounts)
    after = [row for row in rows if row > max(body.codes)]
    for row in (rows[0], *after[:1]):
        if row not in body.codes and (row < min(body.codes) or len(after) == 1):
            _compared(body, row, highest)


def _one_level_under(longer: str, code: str, by_code: dict[str, int]) -> bool:
    """``longer`` begins with ``code`` and no code printed stands between them (20103 between 201 and 2010301)."""
    if len(longer) <= len(code) or not longer.startswith(code):
        return False
    return not any(len(code) < length < len(longer) and longer[:length] in by_code for length in range(len(longer)))


def _compared(body: _Body, total: int, parts: list[int]) -> None:
    for col, value in body.amounts[total].items():
        printed = [(row, col) for row in parts if col in body.amounts[row]]
        figures = [(total, col), *printed]
        if not printed:
            if value:
                body.failed.append(figures)
            continue
        (body.held if _holds(value, [body.amounts[r][c] for r, c in printed], body.step) else body.failed).append(figures)


def _sums_in_order(body: _Body) -> None:
    """Each column's rows read as a list of items under the rows above them, where no code says which is under
    which (西安 2025's 专项业务经费 table: 单位, 通用项目, its groups of projects; its 政府采购 table: 全额, the unit,
    its purchases): from the last row up, a row whose figure is the sum of the items right under it (the fewest
    that make it) heads them. A column whose every total is a single item's copy proves nothing and is not read."""
    for col in sorted({col for printed in body.amounts.values() for col in printed}):
        groups = _groups_in_order(body, col)
        if any(len(group) > 2 for group in groups):
            body.held += [[(row, col) for row in group] for group in groups]


def _groups_in_order(body: _Body, col: int) -> list[list[int]]:
    """A column's rows, from the last up, as heads and the items right under each that make its figure: each group
    its head row and its items' head rows."""
    rows = [row for row in sorted(body.amounts) if col in body.amounts[row]]
    items: list[list[int]] = []  # the items below the row reached, each its head row and the rows under it
    groups: list[list[int]] = []
    for row in reversed(rows):
        taken = _heading(body.amounts[row][col], [body.amounts[item[0]][col] for item in items])
        if taken:
            groups.append([row, *(item[0] for item in items[:taken])])
            items = [[row, *(r for item in items[:taken] for r in item)], *items[taken:]]
        else:
            items.insert(0, [row])
    return groups


def _heading(value: Decimal, below: list[Decimal]) -> int:
    """How many of the items right below a row (their figures, ``below``) its figure is the sum of: the fewest
    that make it, 0 where none do."""
    total = Decimal(0)
    for taken, figure in enumerate(below, start=1):
        total += figure
        if total >= value:
            return taken if total == value and value else 0
    return 0
