"""A table's geometry — its page's orientation, its size and its column widths — chosen so that its
labels fit before they wrap (issue 39, part 2).

A table is first laid out as tables.py always has: its relative widths, each column widened where its
numbers would break, a name at least six characters a line, landscape when its numbers need it.
When that leaves a label or a header with one character alone on its last line, or wraps a label
while the amount columns have room to spare, the table is laid out again from what its columns
need, measured in the fonts' real widths (measure.py): each column at least the width of its longest
label or amount on one line, the room left shared by the relative widths, and a header that would
leave a character alone made narrower or wider; at the table's size, else at a smaller size down
to the layout's smallest (表格排版.最小字号). When no size lets every label stand on one line, the labels
wrap at the table's own size, but none leaves a character alone. A table nothing is wrong with keeps
the widths it always had."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from reportgen.base.records import FrozenRecord, Record
from reportgen.docmodel.document import Table
from reportgen.writers.docx.look import TABLE_POINTS
from reportgen.writers.docx.measure import leaves_one, shape, text_ems
from reportgen.writers.docx.tables import (
    CELL_MARGINS,
    INDENT_TWIPS,
    TABLE_SIZES,
    TEXT_MARGINS,
    column_minimums,
    fit_widths,
    heading_texts,
    name_texts,
    portrait_widths,
    table_points,
)

# A little room beyond the text's own width, for rounding in the reader's layout.
SLACK_EM = 0.3


@dataclass(frozen=True, slots=True, repr=False, eq=False)
class Geometry(FrozenRecord):
    """Where and how a table prints: on a landscape page or not, its size (points), its widths (twips)."""

    landscape: bool
    points: float
    widths: list[int]


def geometry(block: Table, pages: dict[bool, int], ems: list[tuple[float, float, int]],
             smallest: float = TABLE_POINTS) -> Geometry:
    """The table's geometry on pages whose text is ``pages[landscape]`` twips wide; the labels may
    be set as small as ``smallest`` points (the layout's 表格排版.最小字号) to stand on one line. Of the ways
    tried, in order, the first that leaves fewest texts with a character alone."""
    texts, weights, columns = _measure(block, ems)
    portrait = portrait_widths(block, pages[False], ems, texts)  # None: the table needs a landscape page
    landscape = portrait is None
    total = pages[landscape]
    points = table_points(block, total, ems)
    kept = Geometry(landscape, points, fit_widths(block, total, points, ems, texts=texts) if portrait is None else portrait)
    if not _faulty(texts, weights, kept, columns, total, smallest):
        return kept
    tried = []
    for size in TABLE_SIZES:
        need = [column.need(size) for column in columns]
        if smallest <= size <= points and sum(need) <= total:
            tried.append(Geometry(landscape, size, fit_widths(block, total, size, ems, need, leaves_one, texts)))
    minimums = [max(low, column.need(points, labels=False)) for low, column in
                zip(column_minimums(block, points, ems), columns, strict=True)]
    if sum(minimums) <= total:
        tried.append(Geometry(landscape, points, fit_widths(block, total, points, ems, minimums, leaves_one, texts)))
    tried.append(Geometry(landscape, points, fit_widths(block, total, points, ems, None, leaves_one, texts)))
    tried.append(kept)
    return min(tried, key=lambda laid: _orphans(texts, weights, laid))


Texts = list[list[tuple[str, int, int]]]  # a table's wrapping texts by their last column (tables.wrapping_texts)


@dataclass(slots=True, repr=False, eq=False)
class _Column(Record):
    """What a grid column's body cells (those standing in it alone) need on one line: its widest
    amount or code in ems (column_ems: at the widest digits a reader may set it in, DejaVu Serif where
    Times New Roman is missing), its widest indented one and its indent, and its widest label (a
    Han character, no amount) in ems at each indent (twips)."""

    plain: float
    indented: float
    levels: int
    labels: dict[int, float] = field(default_factory=dict)

    def need(self, points: float, labels: bool = True) -> int:
        """The column's width (twips) at ``points`` that sets each of its cells on one line (with
        ``labels`` False, its amounts only), margins included."""
        em = points * 20
        widest = max(self.plain * em, self.indented * em + self.levels * INDENT_TWIPS if self.levels else 0.0)
        if labels:
            widest = max([widest, *((ems + SLACK_EM) * em + indent for indent, ems in self.labels.items())])
        return int(widest) + 1 + CELL_MARGINS


def _measure(block: Table, ems: list[tuple[float, float, int]]) -> tuple[Texts, list[list[int]], list[_Column]]:
    """The table's wrapping texts (tables.wrapping_texts), each in its shape (measure.shape: texts
    of one shape are laid out once at each width tried), with how many texts each shape stands for;
    and each grid column's needs, measured in one walk of its cells, for every size."""
    headings, names = _wrapping_texts(block)
    columns = [_Column(plain, indented, levels) for plain, indented, levels in ems]
    texts, weights = [], []
    for last, column in enumerate(columns):
        shaped = {entry: (shape(entry[0]), *entry[1:]) for entry in headings[last] | names[last]}
        counted = Counter(shaped.values())
        texts.append(sorted(counted))
        weights.append([counted[entry] for entry in texts[-1]])
        for text, _, indent in {shaped[entry] for entry in names[last]}:
            column.labels[indent] = max(column.labels.get(indent, 0.0), text_ems(text))
    return texts, weights, columns


def _wrapping_texts(block: Table) -> tuple[list[set[tuple[str, int, int]]], list[set[tuple[str, int, int]]]]:
    """The table's header texts and its row names, each set by the grid column it ends in (each name once: a header
    of the same words is no second text)."""
    headings: list[set[tuple[str, int, int]]] = [set() for _ in block.widths]
    names: list[set[tuple[str, int, int]]] = [set() for _ in block.widths]
    for last, entry in heading_texts(block):
        headings[last].add(entry)
    for last, entry in name_texts(block):
        names[last].add(entry)
    return headings, names


def _orphans(texts: Texts, weights: list[list[int]], laid: Geometry) -> int:
    """How many of the table's headers and labels leave one character alone on their last line (each
    shape laid out once, counted for the texts it stands for)."""
    em = laid.points * 20
    return sum(weight for last, ending in enumerate(texts)
               for (text, first, indent), weight in zip(ending, weights[last], strict=True)
               for room in ((sum(laid.widths[first:last + 1]) - indent - CELL_MARGINS) / em,)
               if leaves_one(text, room) or leaves_one(text, room + (CELL_MARGINS - TEXT_MARGINS) / em))


def _faulty(texts: Texts, weights: list[list[int]], laid: Geometry, columns: list[_Column], total: int,
            smallest: float) -> bool:
    """Whether the table's widths leave a header or a label with one character alone on its last
    line, or wrap a label that its columns have room to set on one line (at a size down to ``smallest``)."""
    if _orphans(texts, weights, laid):
        return True
    if not any(smallest <= size <= laid.points and sum(column.need(size) for column in columns) <= total
               for size in TABLE_SIZES):
        return False
    return any(column.labels and width < column.need(laid.points) for width, column in zip(laid.widths, columns, strict=True))
