"""A table's columns: cut at the valleys between its words' edges, and its header's cells over the columns each spans.
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Callable
from dataclasses import dataclass

from reportgen.base.patterns import regex
from reportgen.readers.pdf.pdf_words import Word as _Word
from reportgen.readers.pdf.tables.header_words import header_lines
from reportgen.readers.pdf.tables.lines import Line, is_amount, is_number, median

_BIN = 0.5  # points: the resolution columns are found at
_VALLEY = 1 / 3  # a column gap crossed by a few words: at most this share of the columns on either side
_VALLEY_SUPPORT = 3  # lines on each side of such a gap, at least: a short table's gaps must be clear
_GAP = 0.6  # line heights: the narrowest gap between columns ("1. 一般公共预算资金" is one cell, 0.5 apart)
PAD = 0.3  # line heights between a cell's edge and its text
BAND = 0.8  # characters' sizes: baselines closer than this are of one row (_banded)
CENTRED = 1.5  # line heights: how far a centred title or group header may be off its cells' centre
# A budget table has at most a few dozen columns and six header lines. Past these (a page of words
# that never reaches a body), the header adds no column and heads no range: the time spent on a
# header grows with its words times its columns squared.
_MAX_COLUMNS = 100
_HEADER_LINES = 10


@dataclass
class _Column:
    left: float  # the extent of its body words (of its header word, for a column the body leaves empty)
    right: float
    align: str = "centre"  # "left" (text), "right" (amounts) or "centre" (codes; or cannot tell)
    body: bool = True  # found from the body; else from the header over an empty column
    guessed: bool = False  # amounts taken as right-aligned, their edges all agreeing (one word, or words of one width)


def joined_header(lines: list[Line], columns: list[_Column], em: float) -> list[Line | None]:
    """The header's lines with the words of one cell joined (tables/header_words.py: letter-spaced characters,
    a cell's wrapped lines), as printed but for that; None for a line all of whose words joined a
    line above."""
    joined = header_lines([line.words for line in lines], [(c.left, c.right) for c in columns], em)
    return [line if words == line.words else Line(line.page, line.number, words) if words else None
            for line, words in zip(lines, joined, strict=True)]


def add_header_columns(columns: list[_Column], header: list[Line], em: float) -> None:
    """The body's columns (``columns``, left to right) with those only its header shows added; one
    column at least."""
    header = header[-_HEADER_LINES:]
    for _ in range(_MAX_COLUMNS):  # each pass adds a column
        if len(columns) >= _MAX_COLUMNS or not _add_header_column(columns, header, em):
            break
    if not columns:
        columns.append(_Column(0.0, 0.0))


def body_columns(words: list[_Word], em: float) -> list[_Column]:
    """Columns where body text is printed: runs of the words' horizontal coverage, parted at gaps
    and, within a run, at valleys (a few words across a gap that many lines leave open either side:
    a name run on into the empty cell next to it). A column is as wide as its words, but for a word
    run on past a valley."""
    if not words:
        return []
    start = min(w.left for w in words)
    coverage = _coverage(words, start)
    gap = max(int(_GAP * em / _BIN), 1)
    runs = _joined(_parts(coverage, 0, len(coverage) - 1, 1, zero=True), words, start, gap)
    pieces = [piece for run in runs for piece in _parts(coverage, *run, gap, zero=False)]
    members = _members(words, pieces, start)
    columns = []
    for (a, b), group in zip(pieces, members, strict=True):
        if group:
            low, high = start + a * _BIN, start + (b + 1) * _BIN
            column = _Column(max(low, min(w.left for w in group)), min(high, max(w.right for w in group)))
            column.align = _alignment(group)
            column.guessed = len(_shared_edges(group)) == len(_EDGES) and column.align == "right"
            columns.append(column)
    return columns


def _members(words: list[_Word], pieces: list[tuple[int, int]], start: float) -> list[list[_Word]]:
    """The words of each piece of the body's coverage: a figure's by its right edge, a text's by its left."""
    members: list[list[_Word]] = [[] for _ in pieces]
    firsts = [start + a * _BIN for a, _ in pieces]
    for word in words:
        anchor = word.right if is_number(word.text) else word.left
        members[max(bisect.bisect_right(firsts, anchor) - 1, 0)].append(word)
    return members


def _coverage(words: list[_Word], start: float) -> list[int]:
    """How many words cover each bin from ``start`` on."""
    size = int((max(w.right for w in words) - start) / _BIN) + 2
    change = [0] * (size + 1)
    for word in words:
        change[int((word.left - start) / _BIN)] += 1
        change[int((word.right - start) / _BIN) + 1] -= 1
    return list(itertools.accumulate(change[:size]))


def _joined(runs: list[tuple[int, int]], words: list[_Word], start: float, gap: int) -> list[tuple[int, int]]:
    """Runs of ink with the narrow gaps between them closed (a space within a cell: "1. 一般公共预算
    资金"), but for one just after amounts: a right-aligned amount may end a point or two before the
    next cell's text (371,514,655.00 一、一般公共服务支出)."""
    ends: dict[int, list[str]] = {}  # the words ending in each bin (whether each is an amount asked where needed)
    for word in words:
        ends.setdefault(int((word.right - start) / _BIN), []).append(word.text)
    joined = [runs[0]]
    for a, b in runs[1:]:
        last = joined[-1][1]
        enders = [is_amount(text) for end in range(last - 2, last + 1) for text in ends.get(end, [])]
        if a - last - 1 < gap and not (enders and sum(enders) * 2 >= len(enders)):
            joined[-1] = (joined[-1][0], b)
        else:
            joined.append((a, b))
    return joined


def _parts(coverage: list[int], first: int, last: int, gap: int, zero: bool) -> list[tuple[int, int]]:
    """The bins ``first``..``last`` parted where ``gap`` or more in a row are low: empty (``zero``),
    else crossed by at most a third of the most either side has within the run (three at least);
    at an empty stretch's ends, at a valley's lowest point."""
    window = coverage[first:last + 1]
    lows = bytes(map((0).__eq__, window)) if zero else _valleys(window)
    parts: list[tuple[int, int]] = []
    begin = first
    for run in _LOW_RUN.finditer(lows):  # each stretch of low bins, i up to j
        i, j = first + run.start(), first + run.end()
        if j - i >= gap and i > first and j <= last:
            cut = i if zero else min(range(i, j), key=lambda k: (coverage[k], abs(2 * k - i - j)))
            parts.append((begin, cut - 1))
            begin = j if zero else cut
    parts.append((begin, last))
    return parts


_LOW_RUN = regex(rb"\x01+")


def _valleys(window: list[int]) -> bytes:
    """1 for each bin crossed by at most a third of the most either side has (three at least), else 0:
    read by runs of bins of one count (a word's edges change it: a few dozen runs for a thousand bins),
    all of whose bins have the same most either side; the running maxima from the left, then from the
    right, in plain loops (accumulate calling max costs four times as much)."""
    if not window:
        return b""
    runs = [(count, len(list(run))) for count, run in itertools.groupby(window)]
    before = []
    most = runs[0][0]
    for count, _ in runs:
        most = count if count > most else most
        before.append(most)
    lows = []
    most = runs[-1][0]
    for at in range(len(runs) - 1, -1, -1):
        count, size = runs[at]
        most = count if count > most else most
        side = before[at] if before[at] < most else most
        lows.append(b"\x01" * size if side >= _VALLEY_SUPPORT and count <= _VALLEY * side else b"\x00" * size)
    return b"".join(reversed(lows))


def _alignment(words: list[_Word]) -> str:
    """How a column's words are set: the edge (or middle) they share. Where all three agree (one
    word, or words of one width) amounts are right-aligned, codes (02, 201) taken as centred."""
    shared = _shared_edges(words)
    if len(shared) == 1:
        return shared[0]
    if any(is_amount(w.text) or w.text == "0" for w in words):
        return "right"
    if all(is_number(w.text) for w in words):
        return "centre"
    return "left" if not shared else "centre"


def _shared_edges(words: list[_Word]) -> list[str]:
    """The edges (left, right, centre) a column's words agree on."""
    return [side for side in _EDGES if _agree([getattr(w, side) for w in words])]


_EDGES = ("left", "right", "centre")


def _agree(values: list[float]) -> bool:
    """Whether nearly all (four in five) of the values are within a point of their median."""
    middle = median(values)
    return len([v for v in values if abs(v - middle) <= 1.0]) >= 0.8 * len(values)


def column_cuts(columns: list[_Column], em: float, header: list[_Word]) -> list[float]:
    """Where each cell ends and the next begins: just after right-aligned amounts, just before
    left-aligned text; between others where the header words centred over the cells either side put
    their common edge, else halfway across the gap."""
    cuts = [_gap_cut(a, b, em) for a, b in zip(columns, columns[1:], strict=False)]
    centres: dict[int, float] = {}
    for word in sorted(header, key=lambda w: w.top):  # a column's lowest header word is its own
        centres[cell_at(word.centre, cuts)] = word.centre
    if _centred_under_header(columns, centres, em):
        return column_cuts(columns, em, header)
    for i, (a, b) in enumerate(zip(columns, columns[1:], strict=False)):
        cut = _centred_cut(a, b, centres.get(i), centres.get(i + 1), em)
        if cut is not None:
            cuts[i] = cut
    return cuts


def _centred_under_header(columns: list[_Column], centres: dict[int, float], em: float) -> bool:
    """Whether amounts taken as right-aligned for want of evidence (``guessed``: one row, or one width) are set
    centred on their own header word (``centres``: each cell's lowest, within PAD of their middle) — then centred
    (their cells cut halfway across the gaps, the header's words each over the cell of the figures it is centred on:
    the one-row “三公” tables of 长春市信访局 2026, 16 columns under 当年预算 | 上年结转结余), and True where any is."""
    changed = False
    for index, column in enumerate(columns):
        own = centres.get(index)
        if column.guessed and own is not None and abs(own - (column.left + column.right) / 2) <= PAD * em:
            column.align, column.guessed, changed = "centre", False, True
    return changed


def _gap_cut(a: _Column, b: _Column, em: float) -> float:
    """Where the gap between two columns is cut: just after right-aligned amounts, just before left-aligned text,
    else halfway across it."""
    space = min(PAD * em, (b.left - a.right) / 2)
    if a.align == "right":
        return a.right + space
    if b.align == "left":
        return b.left - space
    return (a.right + b.left) / 2


def _centred_cut(a: _Column, b: _Column, left: float | None, right: float | None, em: float) -> float | None:
    """Where the header words centred over two columns (at ``left`` over a left-aligned one, ``right`` over a
    right-aligned one) put their common edge, between columns neither of amounts right nor text left; None
    where none is."""
    guesses = []
    if a.align == "left" and left is not None:
        guesses.append(2 * left - (a.left - PAD * em))
    if b.align == "right" and right is not None:
        guesses.append(2 * right - (b.right + PAD * em))
    if guesses and a.align != "right" and b.align != "left":
        return min(max(sum(guesses) / len(guesses), a.right), b.left)
    return None


def _claimed(columns: list[_Column], em: float) -> tuple[float, float]:
    """How far the body's columns reach: a text column's cell starts just before its text, an amount
    column's ends just after its amounts; past that, a header word heads a column of its own."""
    first, last = columns[0], columns[-1]
    low = first.left - PAD * em if first.align == "left" else float("-inf")
    high = last.right + PAD * em if last.align == "right" else float("inf")
    return low, high


def _add_header_column(columns: list[_Column], header: list[Line], em: float) -> bool:
    """Adds one column the body leaves empty, as its header shows it (lowest header line first):
    a header word beyond the body's columns, or two header words on one line in one cell."""
    if not columns:  # no body: the lowest header line's words head the first columns
        columns.extend(_Column(w.left, w.right, "centre", body=False) for w in (header[-1].words if header else []))
        return bool(columns)
    cuts = column_cuts(columns, em, [w for line in header for w in line.words])
    return _add_beyond_body(columns, header, em) or _add_within_cell(columns, header, cuts, em)


def _add_beyond_body(columns: list[_Column], header: list[Line], em: float) -> bool:
    """Adds a column for the lowest header word beyond the body's columns, if any."""
    low, high = _claimed(columns, em)
    for line in reversed(header):  # a group header over empty columns is not one of them
        for word in line.words:
            if not low <= word.centre <= high:
                _insert(columns, _Column(word.left, word.right, "centre", body=False))
                return True
    return False


def _add_within_cell(columns: list[_Column], header: list[Line], cuts: list[float], em: float) -> bool:
    """Splits a cell in which two header words head columns side by side: two words with no header
    word under them printed at heights that overlap (事业收入 centred beside 财政专户管理资金 set over
    two lines), else two header words of one line (the lowest such), if any."""
    placed = _header_words_by_cell(header, cuts, em)
    found = _leaves_beside(placed) or _of_one_line(placed, header) or _stacked(placed) or _over_blank(columns, placed)
    if not found:
        return False
    _split(columns, *found)
    return True


_CellSplit = tuple[int, list[_Word], list[_Word]]  # a cell, its header words, and those heading columns side by side


def _leaves_beside(placed: dict[int, list[_Word]]) -> _CellSplit | None:
    """A cell's two header words with no header word under them printed at heights that overlap (事业收入 centred
    beside 财政专户管理资金 set over two lines)."""
    for col, words in placed.items():
        beside = _side_by_side(_leaves(words))
        if beside:
            return col, words, beside
    return None


def _of_one_line(placed: dict[int, list[_Word]], header: list[Line]) -> _CellSplit | None:
    """A cell's header words of one line, the lowest such, where it holds two or more."""
    for line in reversed(header):
        for col, words in placed.items():
            if sum(1 for word in words if word in line.words) > 1:
                return col, words, [word for word in words if word in line.words]
    return None


def _stacked(placed: dict[int, list[_Word]]) -> _CellSplit | None:
    """A cell's stacks of header words side by side (_stacks_beside): the lowest word of each."""
    for col, words in placed.items():
        lowest = _stacks_beside(words)
        if lowest:
            return col, lowest, lowest
    return None


def _over_blank(columns: list[_Column], placed: dict[int, list[_Word]]) -> _CellSplit | None:
    """A cell's header word beside the one over its amounts, over none of them (_beside_figures)."""
    for col, words in placed.items():
        aside = _beside_figures(columns[col], _leaves(words))
        if aside:
            return col, words, aside
    return None


def _beside_figures(column: _Column, leaves: list[_Word]) -> list[_Word]:
    """A cell's two lowest header words side by side at heights that overlap (less than the half
    ``_side_by_side`` asks), one over the cell's amounts and the other over none of them: the other
    heads a column the body leaves empty (烟台市教育局 2026's 国有资本经营预算收入, printed blank, set a line
    lower than 财政专户管理资金收入 beside it, over 62,466.06); none else."""
    if not column.body or column.align != "right":
        return []
    over = [w for w in leaves if w.left < column.right and column.left < w.right]
    aside = [w for w in leaves if _left_beside(w, column, over)]
    return [*aside, *over] if len(over) == 1 and len(aside) == 1 else []


def _left_beside(word: _Word, column: _Column, over: list[_Word]) -> bool:
    """Whether a header word stands left of a column, beside a word over its amounts at heights that overlap."""
    return word.right <= column.left and any(
        o.left >= word.right and min(word.bottom, o.bottom) > max(word.top, o.top) for o in over)


def _stacks_beside(words: list[_Word]) -> list[_Word]:
    """The lowest word of each stack of a cell's header words (words over one another) where two stacks
    stand side by side at heights that overlap by half the shorter's at least: two columns' headers,
    each wrapped over lines of its own (江苏省人民检察院 2018's 公务用车 / 购置费 beside 公务用车 / 运行维护 / 费, over
    one column of figures: 购置费's is printed blank); none where the cell's words make one stack."""
    stacks = _stacks(words)
    if len(stacks) < 2:
        return []
    spans = [(min(w.top for w in stack), max(w.bottom for w in stack)) for stack in stacks]
    beside = [stack for stack, span in zip(stacks, spans, strict=True) if _overlapping(span, spans)]
    return [max(stack, key=lambda w: w.bottom) for stack in beside] if len(beside) > 1 else []


def _overlapping(span: tuple[float, float], spans: list[tuple[float, float]]) -> bool:
    """Whether a stack's heights (top, bottom) overlap another's by half the shorter's at least."""
    top, bottom = span
    return any(other != (top, bottom) and min(bottom, other[1]) - max(top, other[0])
               >= 0.5 * min(bottom - top, other[1] - other[0]) for other in spans)


def _stacks(words: list[_Word]) -> list[list[_Word]]:
    """A cell's header words in stacks, left to right: each word over or under the stack before it, where it
    starts left of that stack's right edge."""
    stacks: list[list[_Word]] = []
    for word in sorted(words, key=lambda w: w.left):
        if stacks and word.left < max(w.right for w in stacks[-1]):
            stacks[-1].append(word)
        else:
            stacks.append([word])
    return stacks


def _leaves(words: list[_Word]) -> list[_Word]:
    """The words of a cell's header with none of them under it (printed lower, overlapping it)."""
    return [w for w in words if not any(o is not w and o.top >= w.bottom - 0.5 * w.height
                                        and o.left < w.right and w.left < o.right for o in words)]


def _side_by_side(words: list[_Word]) -> list[_Word]:
    """The words printed beside another of them: apart, at heights that overlap by half the lower
    one's at least."""
    return [a for a in words if any(
        (a.right <= b.left or b.right <= a.left) and min(a.bottom, b.bottom) - max(a.top, b.top)
        >= 0.5 * min(a.height, b.height) for b in words)]


def _header_words_by_cell(header: list[Line], cuts: list[float], em: float) -> dict[int, list[_Word]]:
    """The header words in each cell, but those across several."""
    placed: dict[int, list[_Word]] = {}
    words = [word for line in header for word in line.words]
    for word in words:
        spanned = _spanned(word, cuts, em)
        if len(spanned) == 1:
            placed.setdefault(spanned[0], []).append(word)
        elif not _over_others(word, words):  # a header wider than its figures (no group): in its centre's cell
            placed.setdefault(cell_at(word.centre, cuts), []).append(word)
    return placed


def _over_others(word: _Word, words: list[_Word]) -> bool:
    """Whether header words are printed under ``word`` (a group header over its columns' own)."""
    return any(o is not word and o.top >= word.bottom - 0.5 * word.height and o.left < word.right
               and word.left < o.right for o in words)


def _insert(columns: list[_Column], column: _Column) -> None:
    columns.insert(bisect.bisect_left([c.left for c in columns], column.left), column)


def _split(columns: list[_Column], col: int, words: list[_Word], line: list[_Word]) -> None:
    """Header words of one line in one cell: the column keeps the word that heads it and each other
    word of the line heads a column of its own. Over amounts that is the rightmost header word in
    the cell, over text the leftmost (of any line: a column's own header may be printed higher
    than its neighbours'); over centred words the word nearest their middle with none under it (a
    column only a header showed is centred on its word)."""
    keep = _kept(columns[col], words)
    for word in line:
        if word is not keep:
            _insert(columns, _Column(word.left, word.right, "centre", body=False))


def _kept(column: _Column, words: list[_Word]) -> _Word:
    """The header word of a cell split that goes on heading its column: over amounts the rightmost, over text the
    leftmost, over centred words the one nearest their middle with none under it."""
    if column.align == "right":
        return max(words, key=lambda w: w.right)
    if column.align == "left":
        return min(words, key=lambda w: w.left)
    middle = (column.left + column.right) / 2
    leaves = [w for w in words if not any(o.top > w.bottom and o.left < w.right and w.left < o.right for o in words)]
    return min(leaves or words, key=lambda w: abs(w.centre - middle))


def cell_at(x: float, cuts: list[float]) -> int:
    return bisect.bisect_left(cuts, x)


def _spanned(word: _Word, cuts: list[float], em: float) -> list[int]:
    """The cells a word is printed across (well into each), or the one its centre is in."""
    least = min(0.5 * em, 0.3 * (word.right - word.left))
    edges = [float("-inf"), *cuts, float("inf")]
    found = [i for i in range(len(cuts) + 1)
             if min(word.right, edges[i + 1]) - max(word.left, edges[i]) >= least > 0]
    return found or [cell_at(word.centre, cuts)]


def header_cells(header: list[Line], cuts: list[float], extent: tuple[float, float],
                  em: float) -> list[tuple[dict[int, list[str]], list[tuple[int, int]]]]:
    """Each header line's words in their cells, and the ranges of cells those head that head several
    (the word in its range's first cell, as a merged cell of the workbook)."""
    spans = {id(w): _spanned(w, cuts, em) for line in header for w in line.words}
    covering = _covering(header, spans, len(cuts) + 1)
    words = [word for line in header for word in line.words]
    lines = []
    for position, line in enumerate(header):
        wide = len(covering) <= _MAX_COLUMNS and position >= len(header) - _HEADER_LINES
        ranges = _wide_ranges(line, spans, covering, cuts, extent, em, words) if wide \
            else {id(w): (spans[id(w)][0], spans[id(w)][-1]) for w in line.words}
        lines.append(_placed(line, ranges))
    return lines


def _covering(header: list[Line], spans: dict[int, list[int]], count: int) -> list[list[_Word]]:
    """Each of the ``count`` cells' header words: those printed across it."""
    covering: list[list[_Word]] = [[] for _ in range(count)]
    for line in header:
        for word in line.words:
            for col in spans[id(word)]:
                covering[col].append(word)
    return covering


def _wide_ranges(line: Line, spans: dict[int, list[int]], covering: list[list[_Word]], cuts: list[float],
                 extent: tuple[float, float], em: float, words: list[_Word]) -> dict[int, tuple[int, int]]:
    """The cells each word of one of a header's last lines heads (by its id): widened over the group it heads
    (_widened), but for cells another word of the line stands nearer to (_taken); the cell of its centre where
    a word headed beside it shows it one column's header (_headed_beside)."""
    widened = {id(w): _widened(w, spans[id(w)], covering, cuts, extent, em) for w in line.words}
    ranges = {}
    for word in line.words:
        taken = _taken(word, line.words, widened, cuts, extent)
        first, last = _widened(word, spans[id(word)], covering, cuts, extent, em, taken) if taken else widened[id(word)]
        if _headed_beside(word, (first, last), covering, spans) and not _over_others(word, words):
            first = last = cell_at(word.centre, cuts)
        ranges[id(word)] = (first, last)
    return ranges


def _placed(line: Line, ranges: dict[int, tuple[int, int]]) -> tuple[dict[int, list[str]], list[tuple[int, int]]]:
    """A header line's words each in the first cell of the cells it heads (``ranges``), and those ranges of more
    than one cell (a merged cell of the workbook)."""
    cells: dict[int, list[str]] = {}
    merged = []
    for word in line.words:
        first, last = ranges[id(word)]
        cells.setdefault(first, []).append(word.text)
        if last > first:
            merged.append((first, last))
    return cells, merged


def _headed_beside(word: _Word, cells: tuple[int, int], covering: list[list[_Word]],
                   spans: dict[int, list[int]]) -> bool:
    """Whether a cell at either end of ``cells`` is headed by a word of that cell alone printed beside
    ``word`` (apart from it, at heights that overlap): ``word``, with no header word under it, is then wider
    than its figures, one column's header, not a group's (江苏's 因公出国（境）费 run into the cell 小计 heads beside it, 公务用车运行维护费
    into 公务用车购置费's) — it heads the cell of its centre."""
    return any(spans[id(other)] == [col] and (other.right <= word.left or word.right <= other.left)
               and min(other.bottom, word.bottom) > max(other.top, word.top)
               for col in dict.fromkeys(cells) for other in covering[col] if other is not word)


def _taken(word: _Word, words: list[_Word], widened: dict[int, tuple[int, int]], cuts: list[float],
           extent: tuple[float, float]) -> set[int]:
    """The cells of ``word``'s widened range that another word of its line widens over too and stands
    nearer to (总计, 因公出国(境)费 and 公务接待费, each over three cells, are each centred over five)."""
    edges = [extent[0], *cuts, extent[1]]
    first, last = widened[id(word)]
    taken = set()
    for other in words:
        low, high = widened[id(other)]
        for col in range(max(first, low), min(last, high) + 1):
            centre = (edges[col] + edges[col + 1]) / 2
            if other is not word and abs(centre - other.centre) < abs(centre - word.centre):
                taken.add(col)
    return taken


def _widened(word: _Word, span: list[int], covering: list[list[_Word]], cuts: list[float],
             extent: tuple[float, float], em: float, taken: frozenset[int] | set[int] = frozenset()) -> tuple[int, int]:
    """The cells a group header heads: the widest range around those it is printed across that it
    is centred over (within one and a half line heights), of cells headed again below it at the
    height its own cells are. A cell headed beside or above it, or whose header is set higher (a
    taller cell, centred over more header lines: 因公出国（境）费 beside 公务用车购置及运行维护费) is
    not in its group — but a group header above it heading several cells (预算数 over 合计, 基本支出 and
    项目支出) is no cell's own; nor is any cell of a word with nothing under it; nor a cell ``taken`` by a
    word beside it (_taken)."""
    def middle(col: int, block: bool = True) -> float | None:  # a group header above it (预算数) is no cell's own
        others = [w for w in covering[col] if w is not word and not _group_above(w, word, covering)]
        if not others or any(w.top <= word.bottom for w in others):
            return None
        return (min(w.top for w in others) + max(_foot(w, covering) if block else w.bottom for w in others)) / 2

    first, last = span[0], span[-1]
    own = [m for m in (middle(col, block=False) for col in range(first, last + 1)) if m is not None]
    if not own:
        return first, last
    level = min(own) - 0.25 * em  # its own cells' words as printed; a cell beside, as the block it heads (_foot)
    low = _reach(first, -1, 0, middle, level, taken)
    high = _reach(last, 1, len(covering) - 1, middle, level, taken)
    return _centred_over(word, (first, last), (low, high), [extent[0], *cuts, extent[1]], em)


def _foot(other: _Word, covering: list[list[_Word]]) -> float:
    """Where the header cell of ``other`` (a word under a group header) ends: a nested group, each of
    its cells headed again below it, heads them as one block, down to the lowest word of any of them (国家信访局 2024
    决算's 公务用车购置及运行维护费 over 小计, one line, beside 公务用车购置费 and 公务用车运行维护费, two); any other word
    (one cell's; a heading wrapped with its first line the wider: 支出功能分类 / 科目编码) at its own foot."""
    cells = [[w for w in cell if w.top >= other.bottom] for cell in covering if other in cell]
    if len(cells) < 2 or not all(cells):
        return other.bottom
    return max(w.bottom for cell in cells for w in cell)


def _group_above(other: _Word, word: _Word, covering: list[list[_Word]]) -> bool:
    """Whether a header word is a group header above ``word`` over several cells (预算数): no cell's own."""
    return other.bottom <= word.top and sum(1 for cell in covering if other in cell) > 1


def _reach(col: int, step: int, bound: int, middle: Callable[[int], float | None], level: float,
           taken: frozenset[int] | set[int]) -> int:
    """How far from ``col`` (``step``: -1 left, 1 right, to the cell ``bound`` at most) run the cells headed again
    below a group header at the height of its own cells (their headers' ``middle`` at ``level`` or lower), none
    of them ``taken``."""
    while col != bound and (middle(col + step) or 0.0) >= level and col + step not in taken:
        col += step
    return col


def _centred_over(word: _Word, span: tuple[int, int], reach: tuple[int, int], edges: list[float],
                  em: float) -> tuple[int, int]:
    """The widest range of cells from ``span`` out to ``reach`` that ``word`` is centred over (within
    CENTRED line heights); ``span`` where there is none wider."""
    best = span
    for a in range(reach[0], span[0] + 1):
        for b in range(span[1], reach[1] + 1):
            if b - a > best[1] - best[0] and abs((edges[a] + edges[b + 1]) / 2 - word.centre) <= CENTRED * em:
                best = (a, b)
    return best
