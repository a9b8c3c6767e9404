"""A table's cells of running text: a paragraph wrapped over several lines in its cell, centred on its row's figures
(杭州市气象局's and 湖州市财政局's 项目支出绩效表: each project's 绩效目标 a paragraph beside its 单位名称, 项目名称 and 金额).
"""

from __future__ import annotations

from reportgen.readers.pdf.pdf_words import Word as _Word
from reportgen.readers.pdf.tables.lines import Line, is_amount

Row = tuple[Line, dict[int, list[_Word]]]

_LONG = 20  # characters of a cell's line that, with a sentence's mark, make it a paragraph's line, not a name's
_MARKS = frozenset("，。；")
_LINES = 2  # lines of a column that are a paragraph's: a column of running text, not a long name


def paragraph_cells(rows: list[Row]) -> list[Row]:
    """The rows, the lines of each paragraph printed in a cell of running text joined to the row of figures it is
    centred on (paragraphs_centred), each page on its own; the lines that printed nothing else left out. A table
    with no such column is as it was."""
    column = _paragraph_column(rows)
    if column is None:
        return rows
    emptied: set[int] = set()
    for page in dict.fromkeys(line.page for line, _ in rows):
        emptied |= _centred(rows, [k for k, (line, _) in enumerate(rows) if line.page == page], column)
    return [row for k, row in enumerate(rows) if k not in emptied]


def _paragraph_column(rows: list[Row]) -> int | None:
    """The column whose cells print running text (at least two lines of a paragraph: long, with a sentence's
    mark); None for none."""
    counts: dict[int, int] = {}
    for _, cells in rows:
        for col, words in cells.items():
            if _paragraph_line(words):
                counts[col] = counts.get(col, 0) + 1
    found = [col for col, count in counts.items() if count >= _LINES]
    return found[0] if len(found) == 1 else None


def _paragraph_line(words: list[_Word]) -> bool:
    text = "".join(word.text for word in words)
    return len(text) >= _LONG and bool(_MARKS & set(text)) and not any(is_amount(word.text) for word in words)


def _centred(rows: list[Row], page: list[int], column: int) -> set[int]:
    """Joins each paragraph in ``column`` on a page's rows (``page``: their indexes) to the row of figures its lines
    are centred on (_blocks). Returns the rows left printing nothing."""
    blocks = _blocks(rows, page, column)
    for k, block in blocks.items():
        words = [w for unit in block for w in rows[unit][1][column]]
        for unit in block:
            if unit != k:
                del rows[unit][1][column]
        if words:
            rows[k][1][column] = sorted(words, key=lambda w: (w.top, w.left))
    return {unit for block in blocks.values() for unit in block if not rows[unit][1]}


def _blocks(rows: list[Row], page: list[int], column: int) -> dict[int, list[int]]:
    """Each row of figures on the page → the rows whose lines of ``column`` make its paragraph: of the lines next in
    turn, those whose middle is nearest its figures', never another row of figures' own."""
    figures = [k for k in page if _figures(rows[k])]
    units = [k for k in page if column in rows[k][1]]
    blocks: dict[int, list[int]] = {}
    at = 0
    for position, k in enumerate(figures if units else []):
        end = _block_end(rows, units, at, k, set(figures[position + 1:]), column)
        blocks[k] = units[at:end]
        at = end
    return blocks


def _block_end(rows: list[Row], units: list[int], at: int, k: int, later: set[int], column: int) -> int:
    """Where the paragraph of row ``k`` ends among ``units`` (from ``at``): the end whose lines' middle is nearest its
    figures' middle, taking its own line's text and none of a later row of figures'; none where the next line begins
    below its figures' middle (a row printing no paragraph: 湖州's 合计)."""
    middle = _figures_middle(rows[k])
    own = units.index(k) + 1 if k in units[at:] else at
    if own > at:
        distance = abs(_span_middle(rows, units[at:own], column) - middle)
    else:
        distance = 0.0 if at >= len(units) or _top(rows, units[at], column) > middle else float("inf")
    best = end = own
    while end < len(units) and units[end] not in later:
        end += 1
        gap = abs(_span_middle(rows, units[at:end], column) - middle)
        if gap < distance:
            best, distance = end, gap
    return best


def _top(rows: list[Row], unit: int, column: int) -> float:
    return min(w.top for w in rows[unit][1][column])


def _span_middle(rows: list[Row], units: list[int], column: int) -> float:
    """The middle of the lines of ``column`` in rows ``units``, from the first's top to the last's bottom."""
    words = [w for unit in units for w in rows[unit][1][column]]
    return (min(w.top for w in words) + max(w.bottom for w in words)) / 2


def _figures(row: Row) -> bool:
    return any(is_amount(w.text) for words in row[1].values() for w in words)


def _figures_middle(row: Row) -> float:
    numbers = [w for words in row[1].values() for w in words if is_amount(w.text)]
    return (min(w.top for w in numbers) + max(w.bottom for w in numbers)) / 2
