"""A table too wide for its page, printed in column halves on pages in turn: the next page's columns joined beside the rows they continue.
"""

from __future__ import annotations

from dataclasses import dataclass

from reportgen.base.patterns import regex
from reportgen.readers.pdf.pdf_words import Word as _Word
from reportgen.readers.pdf.tables.lines import Chunk, Line, Table, baseline_of, characters, is_number, is_year, median
from reportgen.readers.pdf.tables.titles import is_caption, is_note, is_number_line, is_table_title, title_name

_SIDE_BASELINE = 0.25  # line heights: how far apart the baselines of a row's two halves may be printed
_SIDE_GAP = 2.0  # line heights set between a table's columns and those the next page continues it with


@dataclass
class Side:
    """The lines ``start`` to ``end`` of a page that continue a table's page of rows ``chunk`` by columns (before
    ``start``: its title again), each paired with the index of that page's line printed at its height (``pairs``;
    None for a line of its own: a caption, a header line of its columns only). ``why`` says why the two are not
    joined where its rows do not line up with that page's, one for one."""

    chunk: int  # (a sheet printed down, then over: all its pages of rows first, then their further columns in turn)
    start: int
    end: int
    pairs: list[int | None]
    why: str = ""
    labels: float | None = None  # where its rows' figures begin, its rows' labels printed again left of it


def side_of(table: Table, lines: list[Line]) -> Side | None:
    """The lines at the top of the page after ``table`` that print more columns for the rows of its first page of
    rows not yet so continued (its last, where the sheet is printed over, then down): a table too wide for its page
    printed in column halves (北京市水务局 2026's 收入总表: 合计 and 本年收入 on one page, 其他收入 and 上年结转结余
    on the next, its one row at the same height on both) — its title again or none, perhaps its caption, a header
    of its own (not that page's again; none only on a later such page) and rows at that page's rows' heights, each
    printing figures only or the label (code, name) of the row it is printed beside, its first at the height of
    that page's first. None for any other page."""
    last = _rows_continued(table, lines)
    if last is None:
        return None
    body = last.lines[last.head:len(last.lines) - last.notes]
    start, end = _side_span(table, lines, body)
    side = lines[start:end]
    at = [_row_beside(line, last, body) for line in side]
    rows = _first_row(side, at, last)
    if rows is None:
        return None
    labelled = [len(_labels(line)) for line in side[rows:]]
    if _rows_again(table, last, side[:rows], side[rows:], at[rows:], labelled):
        return None  # its header again, or rows of its own: the table continued by rows, if at all
    labels = _labels_end(side[rows:], labelled)
    if any(labelled) and labels is None:
        return None
    pairs = [_head_beside(line, last, _head_from(table, last)) for line in side[:rows]] + at[rows:]
    why = _unlined(last, side[rows:], at[rows:], body)
    return Side(table.chunks.index(last), start, end, pairs, why or _columns_collide(table, last, side, labels), labels)


def _rows_continued(table: Table, lines: list[Line]) -> Chunk | None:
    """The page of rows of ``table`` a page's lines may continue by columns: its first not yet so continued, the
    page before theirs, with rows and no notes under them; None where there is none."""
    last = next((chunk for chunk in table.chunks if not chunk.sided), None)  # the pages of rows in turn
    if last is None or not lines or lines[0].page != _last_page(table) + 1:
        return None
    if not last.lines[last.head:len(last.lines) - last.notes] or last.notes:
        return None
    return last


def _side_span(table: Table, lines: list[Line], body: list[Line]) -> tuple[int, int]:
    """Where the lines continuing a page of rows (``body``) by columns begin (after the table's number and title
    again) and end (after those printed down to that page's last row, and the rows of figures below it)."""
    title = title_name(table.first.lines[0].text)
    start = 0
    while start < min(2, len(lines)) and (is_number_line(lines[start]) or is_table_title(lines[start].text)
                                          and title_name(lines[start].text) == title):
        start += 1
    end = start
    while end < len(lines) and (lines[end].top < body[-1].bottom or figures_of(lines[end]) and not is_note(lines[end])):
        end += 1  # and the rows printed below that page's last, which line up with none of its
    return start, end


def _first_row(side: list[Line], at: list[int | None], last: Chunk) -> int | None:
    """Which of the continuing lines is the first row, beside the first of the page of rows ``last``; None where
    none is, where a table's title is among them or no row of them prints a figure."""
    rows = at.index(last.head) if last.head in at else None  # its first row beside that page's first
    if rows is None or any(is_table_title(line.text) for line in side) or not any(map(figures_of, side[rows:])):
        return None
    return rows


def _rows_again(table: Table, last: Chunk, heading: list[Line], rows: list[Line], at: list[int | None],
                labelled: list[int]) -> bool:
    """Whether the continuing lines print the page of rows' header again (or no header of their own on the first
    such page), or rows labelled otherwise than those they are printed beside: the table continued by rows."""
    own_head = [line for line in heading if not is_caption(line)]
    head = [line for line in last.lines[_head_from(table, last):last.head] if not is_caption(line)]
    if not own_head and not table.first.sided or own_head and characters(own_head) == characters(head):
        return True
    return _relabelled(last, rows, at, labelled)


def _relabelled(last: Chunk, rows: list[Line], at: list[int | None], labelled: list[int]) -> bool:
    """Whether a continuing row printing a label prints another than the row of ``last`` it is printed beside."""
    return any(k is not None and count and _labels(line) != _labels(last.lines[k])
               for line, k, count in zip(rows, at, labelled, strict=True))


def _columns_collide(table: Table, last: Chunk, side: list[Line], labels: float | None) -> str:
    """Why continuing columns are not joined where, set as a page before them continued another page of rows,
    they would run into this page of rows' (``last``) columns; "" where they would not."""
    left = min(w.left for line in side for w in line.words if labels is None or w.right > labels)
    if table.side_shift is not None and left + table.side_shift <= max(w.right for line in last.lines for w in line.words):
        return _misaligned(side[0].page, last.lines[last.head].page)
    return ""


def _last_page(table: Table) -> int:
    return max(line.page for line in [*table.chunks[-1].lines, *table.beside])


def _head_from(table: Table, chunk: Chunk) -> int:
    """Where a chunk's header lines begin: after its title (a table's first page), else at its top."""
    return 1 if chunk is table.first else 0


def _labels_end(rows: list[Line], labelled: list[int]) -> float | None:
    """Where the figures of rows that print their labels again begin (left of it: their labels); None for rows
    of figures only."""
    if not any(labelled):
        return None
    return min((line.words[count].left for line, count in zip(rows, labelled, strict=True) if count < len(line.words)),
               default=None)


def _unlined(last: Chunk, rows: list[Line], at: list[int | None], body: list[Line]) -> str:
    """Why the rows of a page continuing the columns of a table's page ``last`` do not line up with that page's,
    one for one (a row printed on one of them only, two at one height); "" where they do."""
    paired = [k for k in at if k is not None]
    figures = [last.head + k for k, line in enumerate(body) if figures_of(line)]
    if None in at or len(set(paired)) != len(paired) or not set(figures) <= set(paired):
        return f"第{rows[0].page}页按列接续第{body[0].page}页的表，两页的行未能逐行对上"
    return ""


def _misaligned(page: int, rows: int) -> str:
    """Why a page continuing a table's page of rows by columns is not joined where its columns, set as a page
    before it continued another page of rows, would run into that page's."""
    return f"第{page}页按列接续第{rows}页的表，两页的列与此前按列接续的页未能对齐"


def figures_of(line: Line) -> bool:
    """Whether a line prints an amount or a code (a year in a header's words is neither)."""
    words = line.words
    return any(is_number(w.text) and not is_year(w, following)
               for w, following in zip(words, [*words[1:], None], strict=True))


def _labels(line: Line) -> list[str]:
    """The words a row prints left of its first figure: its code and name."""
    labels = []
    for word in line.words:
        if is_number(word.text) and not _CODE_LIKE.match(word.text):
            break
        labels.append(word.text)
    return labels


_CODE_LIKE = regex(r"^\d{3}(?:\d{2}){0,2}$")  # a 类, 款 or 项's code, printed as its row's label


def _row_beside(line: Line, last: Chunk, body: list[Line]) -> int | None:
    """The index in ``last`` of its body line printed at the height of ``line`` (their baselines within a quarter
    of a line), None where there is none."""
    baseline, size = baseline_of(line), line.size
    for k, other in enumerate(body):
        if abs(baseline_of(other) - baseline) <= _SIDE_BASELINE * size:
            return last.head + k
    return None


def _head_beside(line: Line, last: Chunk, start: int) -> int | None:
    """The index in ``last`` of its caption or header line (from ``start``) printed at the height of ``line`` (their
    middles within half the lower one's height), None where there is none (a line of the continuing columns only)."""
    middle = (line.top + line.bottom) / 2
    for k, other in enumerate(last.lines[start:last.head], start=start):
        if abs((other.top + other.bottom) / 2 - middle) <= 0.5 * min(line.size, other.size):
            return k
    return None


def joined_side(table: Table, lines: list[Line], side: Side) -> int:
    """Joins the lines ``side`` of a page to ``table``'s page of rows it continues, its columns right of that
    page's as in the sheet the two were printed from: each line beside the line printed at its height, a line of
    its own where its height puts it. Returns where the page's narrative (or next table) begins."""
    last = table.chunks[side.chunk]
    printed = lines[side.start:side.end]
    kept = [[w for w in line.words if side.labels is None or w.right > side.labels]  # its rows' labels again
            for line in printed]  # (and the header over them) dropped
    words = [w for line in kept for w in line]
    shift = _side_shift(table, last, words)
    beside, own = _moved(printed, kept, side.pairs, shift)
    table.chunks[side.chunk] = Chunk(_merged(last, beside, own), last.head + len(own), last.notes, sided=True)
    table.beside.extend(lines[:side.end])
    if table.side_shift is None:
        table.side_shift, table.side_left = shift, min(w.left for w in words) + shift
    return side.end


def _side_shift(table: Table, last: Chunk, words: list[_Word]) -> float:
    """How far right of where they are printed the continuing columns' ``words`` are set: as the first such page's
    were, else two line heights right of the page of rows' (``last``) columns."""
    right = max(w.right for line in last.lines for w in line.words)
    return table.side_shift if table.side_shift is not None \
        else right + _SIDE_GAP * median([w.height for w in words]) - min(w.left for w in words)


def _moved(printed: list[Line], kept: list[list[_Word]], pairs: list[int | None],
           shift: float) -> tuple[dict[int, Line], list[Line]]:
    """The continuing lines, their ``kept`` words set ``shift`` right: those beside a line of the page of rows (by
    its index), and those of their own (a caption, a header line of the continuing columns only)."""
    beside: dict[int, Line] = {}
    own: list[Line] = []
    for line, own_words, pair in zip(printed, kept, pairs, strict=True):
        if not own_words:
            continue
        moved = Line(line.page, line.number, [_Word(w.left + shift, w.top, w.right + shift, w.bottom, w.text)
                                               for w in own_words])
        if pair is None:
            own.append(moved)
        else:
            beside[pair] = moved
    return beside, own


def _merged(last: Chunk, beside: dict[int, Line], own: list[Line]) -> list[Line]:
    """The lines of the page of rows ``last``, each with the continuing line printed beside it, and the continuing
    lines of their own above its body, where their height puts them (under the title)."""
    merged = [line if (other := beside.get(k)) is None
              else Line(line.page, line.number, line.words + other.words, f"第{other.page}页 第{other.number}行")
              for k, line in enumerate(last.lines)]
    for line in own:
        merged.insert(next((k for k in range(1, len(merged)) if merged[k].top > line.top), len(merged)), line)
    return merged
