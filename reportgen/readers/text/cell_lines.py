"""A table whose cells stand one a line, as a web page's table comes out of a text extractor (寿县司法局
2022: ““三公”经费合计 |”, “因公出国(境)费 |”, …, “||”, “小计 |”, …, “|||”, “79 |”, “0 |”, …): header rows
of words, then rows of numbers, each cell ending in “|” and each row ended by a line of “|” alone.

A row of numbers is read only when the header gives exactly one column to each of its numbers. A header
of two rows is resolved by name: a cell of the second row belongs to the cell above whose name it shares
the longest beginning with (“公务用车购置费” under “公务用车购置及运行费”), a “小计” to the cell its
neighbours belong to, and they must stand together; anything else is not read (no figure is guessed)."""

from __future__ import annotations

from dataclasses import dataclass

from reportgen.base.patterns import regex

_CELL = regex(r"(?<![^|])([^|]*+)\|$")  # a line's one cell, ended by “|”
_SEPARATOR = regex(r"\|++$")
_NUMBER = regex(r"-?\d[\d,]*+(?:\.\d++)?+")
_SUBTOTAL = ("小计",)
MAX_COLUMNS = 64  # a budget table has a dozen columns; a longer header is not read (placing is quadratic)


@dataclass(frozen=True)
class CellRow:
    """A row of numbers with the column each stands under: (line, column name, number as printed)."""

    cells: tuple[tuple[int, str, str], ...]


def is_cell_line(text: str) -> bool:
    """A line that is one cell of such a table (or the end of its row)."""
    stripped = text.strip()
    return bool(stripped) and stripped.endswith("|") and stripped.count("|") <= 3


def cell_rows(lines: list[tuple[int, str]]) -> list[CellRow]:
    """The rows of numbers of one run of cell lines, each under its columns' names."""
    header: list[list[str]] = []
    rows: list[CellRow] = []
    for row in _rows(lines):
        if all(_NUMBER.fullmatch(text) for _, text in row):
            columns = _columns(header)
            if columns is not None and len(columns) == len(row):
                rows.append(CellRow(tuple((line, name, text) for (line, text), name in zip(row, columns, strict=True))))
        elif not any(_NUMBER.fullmatch(text) for _, text in row):
            header.append([text for _, text in row])
    return rows


def _rows(lines: list[tuple[int, str]]) -> list[list[tuple[int, str]]]:
    rows: list[list[tuple[int, str]]] = [[]]
    for number, text in lines:
        stripped = "".join(text.split())
        if _SEPARATOR.fullmatch(stripped):
            rows.append([])
            continue
        cell = _CELL.search(stripped)
        if cell is not None and cell.group(1):
            rows[-1].append((number, cell.group(1).replace(",", "")))
    return [row for row in rows if row]


def _columns(header: list[list[str]]) -> list[str] | None:
    """The leaf columns' names, left to right, of a header of one or two rows (None where the second
    row's cells cannot be placed under the first's by name)."""
    if len(header) not in (1, 2) or any(len(row) > MAX_COLUMNS for row in header):
        return None
    if len(header) == 1:
        return header[0]
    top, below = header
    parents = _parents(below, top)
    return None if parents is None else _leaves(top, below, parents)


def _parents(below: list[str], top: list[str]) -> list[int] | None:
    """The cell of the first row each cell of the second stands under (a 小计 where its neighbours
    do); None unless each has one and they keep the first row's order."""
    parents = [_parent(name, top) for name in below]
    for i, parent in enumerate(parents):
        if parent is None and below[i] in _SUBTOTAL:
            parents[i] = _beside(parents, i)
    placed = [p for p in parents if p is not None]
    return placed if len(placed) == len(parents) and placed == sorted(placed) else None


def _beside(parents: list[int | None], i: int) -> int | None:
    """Where the cell at ``i`` (a 小计) belongs: where the next cell does, else the one before it."""
    near = [p for p in (parents[i + 1] if i + 1 < len(parents) else None, parents[i - 1] if i else None)
            if p is not None]
    return near[0] if near else None


def _leaves(top: list[str], below: list[str], parents: list[int]) -> list[str]:
    """The leaf columns: each cell of the first row's cells under it (a 小计 named for the cell
    above), or the cell itself where none stands under it."""
    out: list[str] = []
    for index, name in enumerate(top):
        children = [below[i] for i, p in enumerate(parents) if p == index]
        out += [name if child in _SUBTOTAL else child for child in children] or [name]
    return out


def _parent(name: str, top: list[str]) -> int | None:
    """The cell of the row above whose name this one's begins like, by at least two characters."""
    best, shared = None, 1
    for index, above in enumerate(top):
        common = len(_common_start(name, above))
        if common > shared:
            best, shared = index, common
    return best


def _common_start(a: str, b: str) -> str:
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n]:
        n += 1
    return a[:n]
