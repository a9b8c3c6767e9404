"""What a reader of a workbook (or page) sees of it: what is hidden there is never imported.

The readers keep a hidden (or "very hidden") sheet, hidden and filtered-out rows and hidden
columns, each marked (Grid.hidden, hidden_rows, hidden_cols). A figure that no one opening the file
sees is no figure the file publishes: a very-hidden second 收支总表 must not give the source its
figures. So a hidden sheet is set apart before its tables are recognised, and the content of a
hidden row or column is left out of its grid; each is named in the import's notes (the sheet, what
table it holds, the rows and columns), never dropped unsaid. Two visible grids of one file that
both claim the same table are both named: of a workbook refused where their figures differ, else told."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from reportgen.importing.recognition.recognize import Table
from reportgen.readers.grid import EMPTY, Cell, Grid, ImportRefused, column_letters, shown_name

_SHOWN = 6  # the rows or columns a note names before saying how many more


@dataclass
class Seen:
    """A file's grids as a reader sees them: the visible ones (hidden rows and columns emptied), the
    hidden sheets set apart, and a note for each thing left out."""

    grids: list[Grid]
    hidden: list[Grid] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def as_seen(grids: list[Grid]) -> Seen:
    """``grids`` without their hidden sheets, rows and columns (each hidden row's and column's cells
    emptied, in place, so that every other cell keeps its place), with a note for each that held
    anything."""
    seen = Seen([grid for grid in grids if not grid.hidden], [grid for grid in grids if grid.hidden])
    for grid in seen.grids:
        rows, columns = _emptied(grid)
        if rows or columns:
            seen.notes.append(_hidden_cells_note(grid, rows, columns))
    return seen


def _holds(cell: Cell) -> bool:
    return cell.value is not None or bool(cell.text.strip()) or cell.unsaved


def _emptied(grid: Grid) -> tuple[list[int], list[int]]:
    """The hidden rows and columns of ``grid`` that held anything, their cells emptied."""
    rows = _hidden_rows_holding(grid)
    for r in rows:
        grid.rows[r] = [EMPTY] * len(grid.rows[r])
    columns = _hidden_columns_holding(grid)
    for c in columns:
        for row in grid.rows:
            if c < len(row):
                row[c] = EMPTY
    return rows, columns


def _hidden_rows_holding(grid: Grid) -> list[int]:
    """The hidden rows of ``grid`` that hold anything, in order."""
    return sorted(r for r in grid.hidden_rows if r < len(grid.rows) and any(map(_holds, grid.rows[r])))


def _hidden_columns_holding(grid: Grid) -> list[int]:
    """The hidden columns of ``grid`` that hold anything, in order."""
    return sorted(c for c in grid.hidden_cols if any(c < len(row) and _holds(row[c]) for row in grid.rows))


def _hidden_cells_note(grid: Grid, rows: list[int], columns: list[int]) -> str:
    parts = []
    if rows:
        parts.append(f"第 {_listed([str(r + 1) for r in rows])} 行被隐藏或筛选掉")
    if columns:
        parts.append(f"第 {_listed([column_letters(c) for c in columns])} 列被隐藏")
    return (f"{shown_name(grid.file)} 的工作表“{grid.label}”{'，'.join(parts)}：打开文件的人看不到其中的内容，"
            "没有导入（表的合计若含有它们，会报为不一致）；若这些内容应当公开，请在文件中取消隐藏或筛选后重新导入")


def _listed(names: list[str]) -> str:
    shown = "、".join(names[:_SHOWN])
    return shown + (f" 等 {len(names)} 处" if len(names) > _SHOWN else "")


def hidden_sheets_note(grid: Grid, tables: list[Table], used: list[Table]) -> str:
    """The note on a hidden sheet not imported: the table it holds, and the visible sheet the
    source's table comes from where there is one."""
    what = f"，其中是{tables[0].kind.id}" if tables else ""
    other = next((t for t in used if tables and t.kind.id == tables[0].kind.id and t.grid.file == grid.file), None)
    instead = f"；{tables[0].kind.id}取自看得见的工作表“{other.grid.label}”" if other is not None else ""
    return (f"{shown_name(grid.file)} 的工作表“{grid.label}”是隐藏的{what}：打开文件的人看不到它，没有导入{instead}；"
            "若它应当公开，请在文件中取消隐藏后重新导入")


def same_table_twice(tables: list[Table], workbook: bool) -> list[str]:
    """Two grids of one file that both are one table, both named. Of a workbook, refused where their
    figures differ (a second version of a sheet: which one is meant is not for the importer to
    pick); of a document (a PDF or page, which may print a table again, a unit's after its 部门's),
    told, with the one read (the later, as build reads it). Where they are the same: told."""
    first: dict[str, Table] = {}
    notes = []
    for table in tables:
        other = first.setdefault(table.kind.id, table)
        if other is table:
            continue
        if _body(other) == _body(table):
            notes.append(f"{other.grid.shown}与{table.grid.shown}都是{table.kind.id}，内容相同：只读取一次")
        elif workbook:
            raise ImportRefused(f"{other.grid.shown}与{table.grid.shown}都是{table.kind.id}，而印出的数字不同："
                                "一张表只能取自一处，不从中挑选；请删去不用的一张（如旧的版本）后重新导入；未写出源文件")
        else:
            notes.append(f"{other.grid.shown}与{table.grid.shown}都是{table.kind.id}，数字不同："
                         f"{table.kind.id}取自后者（{table.grid.shown}）；请核对哪一张是本部门的")
        first[table.kind.id] = table
    return notes


def _body(table: Table) -> list[list[Decimal | str | None]]:
    rows = [[cell.value for cell in row] for row in table.grid.rows[table.body_start:]]
    return [row for row in rows if any(value is not None for value in row)]
