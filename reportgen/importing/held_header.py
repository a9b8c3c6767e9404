"""The header of a table held as printed (印出表, printed_tables.py) as its cells stand on the page: which header cell
spans which columns and rows, read from the geometry the table reader gives its header — each printed line a row of
the grid, the columns a word heads merged (readers/pdf/tables/grid.py) — rather than one row for each printed line.

A cell's level is the number of cells stacked over it (those on a line above whose columns meet its own): 北京's 一级,
二级, 三级 under 指导性目录 (three columns) are of level 1; a cell with nothing under it reaches down to the header's
last level (预算金额 beside them spans both rows), one with cells under it stops where they begin. A label set in the
middle of a cell two rows high stands on a printed line of its own (苏州's 政府性基金 a line below 一般公共预算资金, both
under 资金来源; 烟台's 合计 and 小计): it is placed by what stands over it, not by its line. Where the cells so placed
overlap (columns the geometry could not part), the header is held as printed line by line, as before; a place no
cell covers is a blank cell."""

from __future__ import annotations

from dataclasses import dataclass

from reportgen.importing.tree import Placed, Tree
from reportgen.readers.grid import Grid

TEXT, ACROSS, DOWN = "文字", "跨列", "跨行"
UNIT = "单位"  # a held cell's unit, printed after its amount (西安's 表15: {文字: 2080.76, 单位: 万元})  # a header cell spanning columns or rows as the source holds it
HeldCell = str | dict[str, str | int]  # a header cell as the source holds it: its text, or {文字, 跨列, 跨行}


@dataclass
class _Head:
    text: str
    first: int  # its columns, inclusive
    last: int
    line: int  # the grid's row it is printed on
    level: int = 0
    down: int = 1

    def meets(self, other: _Head) -> bool:
        return self.first <= other.last and other.first <= self.last


def structured_header(grid: Grid, rows: list[int]) -> list[Tree] | None:
    """The header ``rows`` of the grid as the rows of its cells, each a text or {文字, 跨列, 跨行}, each row traced
    to the first printed line it holds a cell of; None where its cells cannot be so placed (the module)."""
    heads = _heads(grid, rows)
    if not heads:
        return None
    depth = _levelled(heads)
    at = _tiled(heads)
    if at is None:
        return None
    places = grid.row_places or []
    out: list[Tree] = []
    for level in range(depth):
        line = min((head.line for head in heads if head.level == level), default=rows[0])
        out.append({"": Placed(_level_cells(at, level, grid.width), places[line] if line < len(places) else "")})
    return out


def _tiled(heads: list[_Head]) -> dict[tuple[int, int], _Head] | None:
    """The head covering each (level, column) it spans; None where two cover one."""
    at: dict[tuple[int, int], _Head] = {}
    for head in heads:
        for level in range(head.level, head.level + head.down):
            for col in range(head.first, head.last + 1):
                if (level, col) in at:
                    return None
                at[(level, col)] = head
    return at


def _heads(grid: Grid, rows: list[int]) -> list[_Head]:
    """The header's cells that print a word, in printed order, each with the columns its merge spans."""
    spans = {(merge.first_row, col): (merge.first_col, merge.last_col) for merge in grid.merges
             if merge.first_row == merge.last_row for col in range(merge.first_col, merge.last_col + 1)}
    heads = []
    for row in rows:
        for col, cell in enumerate(grid.rows[row]):
            text = " ".join((cell.text or (str(cell.value) if cell.value is not None else "")).split())
            if text:
                first, last = spans.get((row, col), (col, col))
                heads.append(_Head(text, first, last, row))
    return heads


def _levelled(heads: list[_Head]) -> int:
    """Each head's level and the rows it spans down (the module); the header's number of levels."""
    for index, head in enumerate(heads):
        over = [other.level for other in heads[:index] if other.line < head.line and other.meets(head)]
        head.level = max(over) + 1 if over else 0
    depth = max(head.level for head in heads) + 1
    for head in heads:
        head.down = _down(head, heads, depth)
    return depth


def _down(head: _Head, heads: list[_Head], depth: int) -> int:
    """The levels ``head`` spans: to the first cell under it, else to the header's last."""
    under = [other.level for other in heads if other.line > head.line and other.meets(head)]
    return min(under) - head.level if under else depth - head.level


def _level_cells(at: dict[tuple[int, int], _Head], level: int, width: int) -> list[HeldCell]:
    """The cells a level's row holds: those that begin on it, left to right, a blank for a place none covers."""
    cells: list[HeldCell] = []
    for col in range(width):
        head = at.get((level, col))
        if head is None:
            cells.append("")
        elif head.level == level and head.first == col:
            cells.append(_written(head))
    return cells


def _written(head: _Head) -> HeldCell:
    """A cell as the source holds it: its text alone where it spans one column and one row."""
    if head.last == head.first and head.down == 1:
        return head.text
    cell: dict[str, str | int] = {TEXT: head.text}
    if head.last > head.first:
        cell[ACROSS] = head.last - head.first + 1
    if head.down > 1:
        cell[DOWN] = head.down
    return cell
