"""印出表 of a source: the tables a document prints of kinds reportgen has none of (北京's 财政拨款政府购买服务明细表,
苏州's 政府采购支出表, 烟台's 基本支出预算情况表), each held as printed — its 表号, 表名, 单位 line, its header's rows of
cells (each a text, or {文字, 跨列, 跨行} where it spans columns or rows) and its rows of cells, a cell a text or an
amount written as a decimal literal (1099.35, 187.70: the places it prints, in the table's own unit, never converted),
or {文字, 跨列, 跨行} where it spans as printed (a form of labels and values: 北京's 预算13表 部门整体支出绩效目标表, 西安's
表15; a form prints no header) — every row of the header covering the table's columns exactly (its cells with those
spanning down from the rows above) and every row of the body as wide (so too), refused at its line else."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from reportgen.docmodel.model import HeldCell, HeldHead, HeldValue, PrintedTable
from reportgen.reading.yamlsafe import LocDict
from reportgen.source.core import SourceReader

RULE = "R-印出表"
TEXT, ACROSS, DOWN = "文字", "跨列", "跨行"  # a header cell spanning columns or rows: {文字: 财政拨款, 跨列: 4}


def printed_tables(reader: SourceReader, d: LocDict) -> tuple[PrintedTable, ...]:
    """印出表: [{表号: 公开13表, 表名: 政府采购支出表, 单位: 单位：万元, 千分位: true, 表头: [[…]], 行: [[…]]}] in printed
    order; a table whose rows are not all as wide as its header refused (its line told), the others read."""
    found = []
    for index, item in enumerate(d.get("印出表", []), 1):
        path = f"印出表[{index}]"
        table = _table(reader, item, path)
        if table is not None:
            found.append(table)
    return tuple(found)


def _table(reader: SourceReader, item: LocDict, path: str) -> PrintedTable | None:
    header = [tuple(_head(cell) for cell in row) for row in item.get("表头", [])]
    rows = [tuple(_cell(cell) for cell in row) for row in item.get("行", [])]
    if _refused(reader, item, header, rows, path):
        return None
    return PrintedTable(str(item.get("表号", "")), str(item["表名"]), str(item.get("单位", "")), tuple(header),
                        tuple(rows), bool(item.get("千分位", True)), reader.item_line(item, path),
                        tuple(str(note) for note in item.get("注", [])))


def _refused(reader: SourceReader, item: LocDict, header: list[tuple[HeldHead, ...]],
             rows: list[tuple[HeldValue, ...]], path: str) -> bool:
    """Whether the header's rows do not cover the table's columns (the sum of its first row's 跨列; a form's, without
    a header, its first row's) exactly, or the body's rows are not as wide (each told)."""
    if not header or any(isinstance(cell, HeldCell) for row in rows for cell in row):
        return _form_refused(reader, item, header, rows, path)
    width = sum(cell.across for cell in header[0])
    if _narrower_or_wider(reader, item, width, {len(row) for row in rows}, path):
        return True
    uneven = _uncovered(reader, item, "表头", header, width, path)
    return _uneven(reader, item, rows, width, path) or uneven


def _form_refused(reader: SourceReader, item: LocDict, header: list[tuple[HeldHead, ...]],
                  rows: list[tuple[HeldValue, ...]], path: str) -> bool:
    """Whether a table whose rows hold cells spanning columns or rows (a form) does not cover its columns exactly: its
    header's rows and its rows each placed as a header's are (the first row wrong of each told)."""
    first = header[0] if header else [_spanning(cell) for cell in rows[0]] if rows else []
    width = sum(cell.across for cell in first)
    body = [tuple(_spanning(cell) for cell in row) for row in rows]
    uncovered = bool(header) and _uncovered(reader, item, "表头", header, width, path)
    return _uncovered(reader, item, "行", body, width, path) or uncovered


def _spanning(cell: HeldValue) -> HeldHead:
    """A row's cell as the columns and rows it spans (its text for a message)."""
    if isinstance(cell, HeldCell):
        return HeldHead(str(cell.value), cell.across, cell.down)
    return HeldHead(str(cell))


def _head(value: object) -> HeldHead:
    """A header cell as written: its text, or {文字, 跨列, 跨行} (a count the schema refuses taken as 1)."""
    if not isinstance(value, dict):
        return HeldHead(str(value))
    return HeldHead(str(value.get(TEXT, "")), _count(value.get(ACROSS)), _count(value.get(DOWN)))


def _count(value: object) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) and value > 0 else 1


def _cell(value: object) -> HeldValue:
    """A cell as written: a decimal literal an amount (its places kept), {文字, 跨列, 跨行} a cell spanning as printed
    (its 文字 an amount or a text), anything else its text (a code: 30101)."""
    if isinstance(value, dict):
        held = _cell(value.get(TEXT, ""))
        across, down = _count(value.get(ACROSS)), _count(value.get(DOWN))
        return HeldCell(held, across, down) if isinstance(held, (str, Decimal)) and (across, down) != (1, 1) else held
    return value if isinstance(value, Decimal) else str(value)


def _narrower_or_wider(reader: SourceReader, item: LocDict, width: int, widths: set[int], path: str) -> bool:
    """Whether the header's first row spans another number of columns than the body's rows, all as wide, have
    (told once, at the header: a 跨列 written wrong, not every row)."""
    if len(widths) != 1 or width in widths:
        return False
    marks = getattr(item.get("表头"), "item_marks", [])
    line = marks[0].line if marks else reader.item_line(item, path)
    reader.error(RULE, f"印出表“{item['表名']}”的表头第 1 行各格共跨 {width} 栏（跨列的按所跨的列数计），而表的各行都是 "
                       f"{next(iter(widths))} 格：表头的格应恰好占满表的各栏", line, f"{path}.表头[1]")
    return True


@dataclass(frozen=True)
class _Misplaced:
    """What is wrong with a row of a held header: a cell spanning more rows than the header has (``kind`` 跨行: its
    ``count`` rows, ``limit`` the header's), one spanning into columns another holds or past the table's (跨列: its
    ``count`` columns reaching column ``limit``), or columns left that no cell covers ("": the row's cells end at
    column ``count``, ``limit`` columns left)."""

    kind: str
    text: str
    count: int
    limit: int


def _uncovered(reader: SourceReader, item: LocDict, part: str, rows: list[tuple[HeldHead, ...]], width: int,
               path: str) -> bool:
    """Whether some row of the ``part`` (表头, or a form's 行) does not cover the table's ``width`` columns exactly —
    its cells, set left to right in the columns the cells above spanning rows leave, and those (the first such row
    told, at its line: the rows under it are placed by it)."""
    taken: set[tuple[int, int]] = set()  # (row, column) a cell of a row above spans down into
    for number, row in enumerate(rows, 1):
        problem = _placed(row, number, len(rows), width, taken)
        if problem is not None:
            marks = getattr(item.get(part), "item_marks", [])
            line = marks[number - 1].line if number - 1 < len(marks) else reader.item_line(item, path)
            _tell(reader, item, part, number, problem, width, line, f"{path}.{part}[{number}]")
            return True
    return False


def _tell(reader: SourceReader, item: LocDict, part: str, number: int, problem: _Misplaced, width: int, line: int,
          path: str) -> None:
    reader.error(RULE, f"印出表“{item['表名']}”的{part}第 {number} 行"
                       + (f"的“{problem.text}”跨 {problem.count} 行，{'表头' if part == '表头' else '表'}只有 {problem.limit} 行" if problem.kind == DOWN
                          else f"的“{problem.text}”跨 {problem.count} 列，排到第 {problem.limit} 栏，超出了留给它的栏"
                          if problem.kind == ACROSS else f"的格只占到第 {problem.count} 栏，还空着 {problem.limit} 栏")
                       + f"：{part}的每一行，它的格（跨列的按所跨的列数计）连同上面各行跨行占去的栏，应恰好占满表的 {width} 栏"
                         f"（{'表头' if item.get('表头') else '行'}第 1 行各格所跨列数之和）", line, path)


def _placed(row: tuple[HeldHead, ...], number: int, rows: int, width: int,
            taken: set[tuple[int, int]]) -> _Misplaced | None:
    """Sets the row's cells (the ``number``-th of ``rows``) in the columns left free, marking those they span down
    into; what is wrong with it (None for nothing)."""
    col = 0
    for cell in row:
        while (number, col) in taken:
            col += 1
        problem = _misplaced(cell, number, rows, col, width, taken)
        if problem is not None:
            return problem
        taken.update((below, c) for below in range(number + 1, number + cell.down) for c in range(col, col + cell.across))
        col += cell.across
    free = [c for c in range(col, width) if (number, c) not in taken]
    return _Misplaced("", "", col, len(free)) if free else None


def _misplaced(cell: HeldHead, number: int, rows: int, col: int, width: int,
               taken: set[tuple[int, int]]) -> _Misplaced | None:
    """What is wrong with the cell set at column ``col`` of the header's ``number``-th row of ``rows``, None for
    nothing."""
    if number + cell.down - 1 > rows:
        return _Misplaced(DOWN, cell.text, cell.down, rows)
    if col + cell.across > width or any((number, c) in taken for c in range(col, col + cell.across)):
        return _Misplaced(ACROSS, cell.text, cell.across, col + cell.across)
    return None


def _uneven(reader: SourceReader, item: LocDict, rows: list[tuple[HeldValue, ...]], width: int, path: str) -> bool:
    """Whether some row of the body is not ``width`` cells wide (each told at its line)."""
    told = False
    marks = getattr(item.get("行"), "item_marks", [])
    for number, row in enumerate(rows, 1):
        if len(row) != width:
            line = marks[number - 1].line if number - 1 < len(marks) else reader.item_line(item, path)
            reader.error(RULE, f"印出表“{item['表名']}”的行第 {number} 行有 {len(row)} 格，表头第 1 行有 {width} 格（跨列的格"
                               f"按所跨的列数计）：每一行都应与表头一样宽（空白的格写 \"\"）", line, f"{path}.行[{number}]")
            told = True
    return told
