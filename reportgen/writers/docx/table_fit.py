"""A table's geometry — its page's orientation, its size and its column widths — chosen so that its
labels fit before they wrap (issue 39, part 2).

A table is first laid out as tables.py always has: its relative widths, each column widened where its
numbers would break, a name at least six characters a line, landscape when its numbers need it.
When that leaves a label or a header with one character alone on its last line, or wraps a label
while the amount columns have room to spare, the table is laid out again from what its columns
need, measured in the fonts' real widths (measure.py): each column at least the width of its longest
label or amount on one line, the room left shared by the relative widths, and a header that would
leave a character alone made narrower or wider; at the table's size, else at a smaller size down
to the layout's smallest (表格字号). When no size lets every label stand on one line, the labels
wrap at the table's own size, but none leaves a character alone. A table nothing is wrong with keeps
the widths it always had."""

from __future__ import annotations

from dataclasses import dataclass, field

from reportgen.document import Table
from reportgen.writers.docx.look import TABLE_POINTS
from reportgen.writers.docx.measure import leaves_one, text_ems
from reportgen.writers.docx.tables import (
    _AMOUNT,
    _HAN,
    CELL_MARGINS,
    INDENT_TWIPS,
    TABLE_SIZES,
    TEXT_MARGINS,
    _grid_cells,
    cell_ems,
    column_minimums,
    fit_widths,
    needs_landscape,
    table_points,
    wrapping_texts,
)

# A little room beyond the text's own width, for rounding in the reader's layout.
SLACK_EM = 0.3


@dataclass(frozen=True, slots=True)
class Geometry:
    """Where and how a table prints: on a landscape page or not, its size (points), its widths (twips)."""

    landscape: bool
    points: float
    widths: list[int]


def geometry(block: Table, pages: dict[bool, int], ems: list[tuple[float, float, int]],
             smallest: float = TABLE_POINTS) -> Geometry:
    """The table's geometry on pages whose text is ``pages[landscape]`` twips wide; the labels may
    be set as small as ``smallest`` points (the layout's 表格字号) to stand on one line. Of the ways
    tried, in order, the first that leaves fewest texts with a character alone."""
    landscape = needs_landscape(block, pages[False], ems)
    total = pages[landscape]
    points = table_points(block, total, ems)
    kept = Geometry(landscape, points, fit_widths(block, total, points, ems))
    columns = _measure(block)
    if not _faulty(block, kept, columns, total, smallest):
        return kept
    tried = []
    for size in TABLE_SIZES:
        need = [column.need(size) for column in columns]
        if smallest <= size <= points and sum(need) <= total:
            tried.append(Geometry(landscape, size, fit_widths(block, total, size, ems, minimums=need, orphaned=leaves_one)))
    minimums = [max(low, column.need(points, labels=False)) for low, column in
                zip(column_minimums(block, points, ems), columns, strict=True)]
    if sum(minimums) <= total:
        tried.append(Geometry(landscape, points, fit_widths(block, total, points, ems, minimums=minimums,
                                                            orphaned=leaves_one)))
    tried.append(Geometry(landscape, points, fit_widths(block, total, points, ems, orphaned=leaves_one)))
    tried.append(kept)
    return min(tried, key=lambda laid: _orphans(block, laid))


@dataclass(slots=True)
class _Column:
    """What a grid column's body cells (those standing in it alone) need on one line, in ems: its
    widest amount or code (at the widest digits a reader may set it in: DejaVu Serif where Times New
    Roman is missing, tables.cell_ems), and its widest label (a Han character, no amount) at each indent."""

    amounts: float = 0.0
    labels: dict[int, float] = field(default_factory=dict)

    def need(self, points: float, labels: bool = True) -> int:
        """The column's width (twips) at ``points`` that sets each of its cells on one line (with
        ``labels`` False, its amounts only), margins included."""
        em = points * 20
        widest = self.amounts * em
        if labels:
            widest = max([widest, *((ems + SLACK_EM) * em + indent * INDENT_TWIPS for indent, ems in self.labels.items())])
        return int(widest) + 1 + CELL_MARGINS


def _measure(block: Table) -> list[_Column]:
    """Each grid column's needs, measured once for every size."""
    columns = [_Column() for _ in block.widths]
    for col, span, cell in _grid_cells(block.body, len(block.widths)):
        if span > 1 or not cell.text:
            continue
        column = columns[col]
        if _HAN(cell.text) and not _AMOUNT(cell.text):
            indent = max(cell.indent, 0)
            column.labels[indent] = max(column.labels.get(indent, 0.0), text_ems(cell.text))
        else:  # an amount or code keeps the room of the widest digits a reader may set it in (cell_ems)
            column.amounts = max(column.amounts, text_ems(cell.text) + SLACK_EM, cell_ems(cell.text))
    return columns


def _orphans(block: Table, laid: Geometry) -> int:
    """How many of the table's headers and labels leave one character alone on their last line."""
    em = laid.points * 20
    return sum(leaves_one(text, room) or leaves_one(text, room + (CELL_MARGINS - TEXT_MARGINS) / em)
               for last, texts in enumerate(wrapping_texts(block)) for text, first, indent in texts
               for room in ((sum(laid.widths[first:last + 1]) - indent - CELL_MARGINS) / em,))


def _faulty(block: Table, laid: Geometry, columns: list[_Column], total: int, smallest: float) -> bool:
    """Whether the table's widths leave a header or a label with one character alone on its last
    line, or wrap a label that its columns have room to set on one line (at a size down to ``smallest``)."""
    if _orphans(block, laid):
        return True
    if not any(smallest <= size <= laid.points and sum(column.need(size) for column in columns) <= total
               for size in TABLE_SIZES):
        return False
    return any(column.labels and width < column.need(laid.points) for width, column in zip(laid.widths, columns, strict=True))
