"""A figure wrapped inside a narrow cell, its last digits printed on the line below (“1682.7 / 6”), read as the one
figure it is: never as a figure of its own on a row of its own, and traced to the line its head is printed on (where
its first digits stand: the tail is no line of the figure's own, and the head is what a count of the printed
amounts finds there, review/coverage.py).
"""

from __future__ import annotations

from collections import Counter

from reportgen.readers.pdf.pdf_words import Word as _Word
from reportgen.readers.pdf.tables.lines import Line, is_amount

Row = tuple[Line, dict[int, list[_Word]]]

NEXT_LINE = 1.0  # the tail stands below its head by less than a line's height (the next printed line)


def wrapped_figures(rows: list[Row]) -> list[Row]:
    """The body's rows (each line's words by cell) with each figure a cell wrapped over two lines made one word in the
    row of its head, and the rows left with no word dropped. A head and its tail are told by what they are, never by a
    region's layout (长春市信访局 2026's 一般公共预算支出表: “1682.7 / 6”, the tail under the head's left edge; 深圳市水务局
    2026's 项目支出总表: “811,669.9 / 7”, under its right edge): in one cell, the tail on the next printed line within
    the head's width; the head an amount with fewer decimals than the table's amounts print and the tail the digits
    that make them up — so a figure whole as printed (“0.00”), a code, a count or a 栏次 (“29 / 30”) is never joined."""
    places = _usual_places(rows)
    if places is None:
        return rows
    out: list[Row] = []
    for line, cells in rows:
        above = out[-1][1] if out and out[-1][0].page == line.page else {}
        kept = _rest(cells, above, places) if _figures_in(above) > 1 else cells
        if kept or not cells:
            out.append((line, kept))
    return out


def _figures_in(cells: dict[int, list[_Word]]) -> int:
    """The amounts a row prints: a head alone on its line is a figure set apart from its row's (深圳市水务局 2026 p. 119:
    “235,419.2” above the line of its row's parts, its “5” below it), which the row's banding places, not this join."""
    return sum(1 for words in cells.values() for w in words if is_amount(w.text))


def _rest(cells: dict[int, list[_Word]], above: dict[int, list[_Word]], places: int) -> dict[int, list[_Word]]:
    """A row's words by cell but the tails of the figures in the row ``above`` (joined to them there)."""
    left = {col: _unwrapped(words, above.get(col, []), places) for col, words in cells.items()}
    return {col: words for col, words in left.items() if words}


def _unwrapped(words: list[_Word], heads: list[_Word], places: int) -> list[_Word]:
    """A cell's words but the tails joined to their heads in the cell above (``heads``, changed in place)."""
    kept: list[_Word] = []
    for word in words:
        at = next((i for i, head in enumerate(heads) if _tail_of(word, head, places)), None)
        if at is None:
            kept.append(word)
            continue
        head = heads[at]  # the head's height: the figure is traced to its head's line (body_rows._figure_lines)
        heads[at] = _Word(min(head.left, word.left), head.top, max(head.right, word.right), head.bottom,
                          head.text + word.text)
    return kept


def _tail_of(word: _Word, head: _Word, places: int) -> bool:
    """Whether ``word`` is the rest of the figure ``head`` wrapped in its cell."""
    text, start = word.text, head.text
    if not (text.isascii() and text.isdigit()) or "." not in start or not is_amount(start):
        return False
    decimals = len(start) - start.index(".") - 1
    return decimals < places and decimals + len(text) == places and head.bottom <= word.top \
        and word.top - head.bottom < NEXT_LINE * head.height \
        and head.left - 1.0 <= word.left and word.right <= head.right + 1.0


def _usual_places(rows: list[Row]) -> int | None:
    """The decimals the table's amounts print, as most of them do; None where none prints a decimal point."""
    counts = Counter(len(w.text) - w.text.index(".") - 1 for _, cells in rows for words in cells.values()
                     for w in words if "." in w.text and is_amount(w.text))
    return counts.most_common(1)[0][0] if counts else None
