"""The rows of a form held as printed (印出表, printed_tables.py): a grid of label and value cells the PDF reader read
from the lines drawn between them (readers/pdf/tables/ruled_forms.py: 北京's 预算13表 部门整体支出绩效目标表, 西安's
表14–16) — each row the cells that begin on it, left to right, a cell spanning columns or rows as printed written
{文字, 跨列, 跨行} (its 文字 an amount where it prints one with its decimals), as a held header's are (held_header.py);
and a form printed once for each project under one number and title (西安's 表14, nine times) held as one, its
forms' rows one after another, where each has the first's columns."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from reportgen.importing.held_header import ACROSS, DOWN, TEXT
from reportgen.importing.tree import Placed, Tree
from reportgen.readers.grid import Cell, Grid, Merge

FIRST_ROW = 2  # a form grid's rows: its title's, what is printed under it (（2025年度）), then its own


Held = str | Decimal | dict[str, str | Decimal | int]  # a cell's value as held: a text, an amount, an amount with its unit


def form_rows(grid: Grid, value: Callable[[Cell], Held]) -> list[Tree]:
    """Each row of the form: the cells that begin on it (``value`` of each), traced to its line."""
    spans = {(m.first_row, m.first_col): m for m in grid.merges}
    covered = {(row, col) for m in grid.merges for row in range(m.first_row, m.last_row + 1)
               for col in range(m.first_col, m.last_col + 1)} - set(spans)
    places = grid.row_places or []
    return [{"": Placed([_written(value(grid.cell(index, col)), spans.get((index, col)))
                         for col in range(grid.width) if (index, col) not in covered],
                        places[index] if index < len(places) else "")}
            for index in range(FIRST_ROW, len(grid.rows))]


def _written(value: Held, merge: Merge | None) -> str | Decimal | dict[str, str | Decimal | int]:
    """A cell as the source holds it: its value alone where it spans one column and one row (an amount with its unit
    {文字, 单位} whatever it spans)."""
    if merge is None:
        return value
    cell: dict[str, str | Decimal | int] = {**value} if isinstance(value, dict) else {TEXT: value}
    if merge.last_col > merge.first_col:
        cell[ACROSS] = merge.last_col - merge.first_col + 1
    if merge.last_row > merge.first_row:
        cell[DOWN] = merge.last_row - merge.first_row + 1
    return cell


def joined_forms(held: list[tuple[Grid, Tree]], separated: Callable[[Grid], bool]) -> list[tuple[Grid, Tree]]:
    """The held tables, a form following one of the same number, title and columns joined to it (its rows after the
    first's; its thousands printed unseparated, 千分位: false, the table's where the first form ``separated`` none:
    西安's 表14, its seventh form's 1181.512); a form of a number and title held before with other columns left out (two
    tables of one title: the layout names a held table by it). A table that is no form is kept as before, whatever
    its title."""
    kept: list[tuple[Grid, Tree]] = []
    for grid, item in held:
        same = next(((g, it) for g, it in kept if _named(it) == _named(item)), None) if grid.form else None
        if same is None:
            kept.append((grid, item))
        elif same[0].form and grid.width == same[0].width:
            same[1]["行"] = [*same[1]["行"], *item["行"]]  # type: ignore[misc]
            if "千分位" in item and "千分位" not in same[1] and not separated(same[0]):
                same[1]["千分位"] = item["千分位"]
    return kept


def _named(item: Tree) -> tuple[object, object]:
    number, title = item.get("表号", ""), item["表名"]
    return (number.value if isinstance(number, Placed) else number, title.value if isinstance(title, Placed) else title)
