"""The tables no kind names, checked within their rows where their header is understood for sure.

A table that no kind of the catalog names, nor one of the department's units (by_unit.py), is not read:
its figures go nowhere. Some such tables print, on each row, the parts of a total beside it: 深圳's
基本支出总表 of the department's one unit (总计 | 财政拨款 小计 | 一般公共预算 | 政府性基金 | 国有资本经营 | 财政专户 …),
烟台's 基本支出预算情况表 with both economic classifications side by side (合计 | 财政拨款 小计 | its funds …).
Where the header gives every column of amounts one meaning for sure (sure.header_doubts finds no doubt)
and names two or more of the funds, each row is checked as a table read is
(reconcile.within_rows: the funds against their 小计, the sources against the 合计); a difference beyond
the rounding of the figures printed is told, naming its places. Nothing is written."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from decimal import Decimal

from reportgen.base.patterns import regex
from reportgen.importing.budget.by_unit import label_column as _label
from reportgen.importing.budget.by_unit import printed_alike
from reportgen.importing.budget.reconcile import FUNDS, Difference, is_tail, within_rows
from reportgen.importing.recognition.catalog import Catalog, TableKind, normalized
from reportgen.importing.recognition.recognize import Table, cell_text, shaped
from reportgen.importing.recognition.rows import body_rows
from reportgen.importing.recognition.sure import header_doubts
from reportgen.readers.grid import Grid
from reportgen.reading.amounts import tail_step

UNREAD = "未识别的表"
_TITLE = regex(r"^[^\d,，.]{4,40}表(?:[（(][^（）()]{0,20}[）)])?$")
_TITLE_ROWS = 4


def unread_sums(grids: Iterable[Grid], catalog: Catalog) -> list[str]:
    """A message for each total of a row of ``grids``' tables (understood for sure) its parts do not make."""
    return [message for grid in grids if (table := _understood(grid, catalog)) is not None
            for message in _slips(table)]


def _understood(grid: Grid, catalog: Catalog) -> Table | None:
    """``grid`` as a titled table whose header gives each column of amounts one meaning, two or more of the
    funds among them; None otherwise."""
    title = next((row for row in range(min(_TITLE_ROWS, len(grid.rows)))
                  if _TITLE.match(normalized("".join(cell_text(c) for c in grid.rows[row])))), None)
    if title is None:
        return None
    table = shaped(Table(TableKind(UNREAD, shape=UNREAD, required=False), grid,
                         title="".join(cell_text(c) for c in grid.rows[title]).strip(), header_start=title + 1), catalog)
    if not set(table.columns.values()) & {"名称", "项", "款", "类"}:  # 深圳's “支出项目类别”: the rows' names
        label = _label(table, catalog.by_kind)
        if label is not None:
            table.columns[label] = "名称"
    meanings = set(table.columns.values())
    if len(meanings & set(FUNDS)) < 2 or header_doubts(table):
        return None
    return table


def _slips(table: Table) -> Iterator[str]:
    """Each row's total its parts miss by more than their rounding (reconcile.rounding_tails: not at all,
    where one part alone is printed)."""
    rows = [row for row in body_rows(table, problems=[]) if printed_alike(table, row)]
    step = tail_step(table.unit, [a.value for row in rows for a in row.amounts.values() if not a.blank])
    for difference in within_rows(table.title, rows):
        printed = any(not part.blank for part in difference.parts)
        if difference.total.value != difference.parts_sum and printed and not is_tail(difference, step):
            yield _unread_sum_note(table, difference)


def _unread_sum_note(table: Table, difference: Difference) -> str:
    parts = difference.parts
    shown = "、".join(f"{table.columns.get(p.cell[1], '')} {p.value:,}" for p in parts if not p.blank)
    summed = sum((p.value for p in parts), Decimal(0))
    return (f"{table.title} {difference.total.where}：{difference.what} 印作 {difference.total.value:,}，"
            f"而其组成部分之和为 {summed:,}（{shown}）；这张表没有写入源文件")
