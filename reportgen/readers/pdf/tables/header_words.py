"""A PDF table's header cells from its words: the words of one cell joined, by geometry alone.

pdftotext parts a header cell's text where the sheet printed it apart, and a cell of a budget
table's header is often printed so:

* letter-spaced: 项　目, 收　入, 合　计 — one character a word, the characters set wider apart
  than a space. Such characters on one line are one word where they are not each over a column
  of the body of their own (科目编码's 类 款 项, each over its codes, are three cells);
* a year parted from its words: 2026 年预算数, 2026 年政府采购项目 — pdftotext parts the figures from
  the Han text after them; a year run on to a word beginning with 年 (less than half a line apart)
  is one word with it;
* wrapped: 一般公共预 / 算资金, 财政专户管理 / 资金, “三公”经费财政 / 拨款预算总额 — a cell's text
  over two or three lines, each line set under the one above as a cell sets its text (centred on
  it, or starting or ending where it does), within its width and less than 0.6 of a line below it (深圳 sets its lines 0.56 apart).
  A group header is never joined to the header under it: it heads more than one cell, or stands
  further above its sub-headers than a line of wrapped text below the one before it.

The joined text is one word spanning the box of its parts, on the line of its first part; a line
all of whose words joined one above is left empty. Words are never moved from one cell to another.
"""

from __future__ import annotations

from reportgen.base.patterns import regex
from reportgen.readers.pdf.pdf_words import Word

_SPACED = 3.0  # line heights: letter-spaced characters of one cell stand at most this far apart
_WRAPPED = 0.6  # line heights: a cell's wrapped line stands at most this far below the line above
_NEIGHBOUR = 1.5  # line heights: a word this near a line's characters may part them (a cell's text above)
_GROUP_CENTRED = 1.5  # line heights: how far a group header may be off its cells' middle
_LINES = 1.5  # line heights: a word taller than this is the lines of a cell's text joined
_ALIGNED = 0.5  # line heights: how far a wrapped line may be off the line above's centre or edges
_HAN = (0x3400, 0x9FFF)


def header_lines(lines: list[list[Word]], columns: list[tuple[float, float]], em: float) -> list[list[Word]]:
    """The header's ``lines`` (each its words left to right) with the words of one cell joined:
    letter-spaced characters on a line (where ``columns``, the body's columns' extents, do not part
    them), then a cell's wrapped lines. A line whose words all joined a line above is empty."""
    lines = [_years_joined(words, em) for words in lines]
    spaced = [_letter_spaced(words, columns, em, [w for other in lines if other is not words for w in other])
              for words in lines]
    return _wrapped(spaced, em)


def _years_joined(words: list[Word], em: float) -> list[Word]:
    """A line's words with each year (a word of four digits, or ending in them: 其中：2026) joined to the
    word after it where that begins with 年 and stands less than half a line after it (2026 / 年预算数 is the cell 2026 年预算数)."""
    out: list[Word] = []
    for word in words:
        last = out[-1] if out else None
        if last is not None and _YEAR_END.search(last.text) and word.text.startswith("年") \
                and 0 <= word.left - last.right < _YEAR_GAP * em:
            out[-1] = Word(last.left, min(last.top, word.top), word.right, max(last.bottom, word.bottom),
                           f"{last.text} {word.text}")
        else:
            out.append(word)
    return out


_YEAR_GAP = 0.5  # line heights: a year and its 年 stand at most this far apart
_YEAR_END = regex(r"(?<!\d)\d{4}$")  # a word ending in a year: 2026, 其中：2026


# The levels of a classification's code (科目编码: 类 款 项), each over its own column of codes, are
# never one letter-spaced word, whether or not the body prints codes under them (an empty table).
_LEVELS = frozenset("类款项")


def _one_character(word: Word) -> bool:
    return len(word.text) == 1 and _HAN[0] <= ord(word.text) <= _HAN[1]


def _column_of(x: float, columns: list[tuple[float, float]]) -> int | None:
    for index, (left, right) in enumerate(columns):
        if left <= x <= right:
            return index
    return None


def _letter_spaced(words: list[Word], columns: list[tuple[float, float]], em: float,
                   others: list[Word]) -> list[Word]:
    """A line's words with each run of letter-spaced characters joined into one word; ``others``: the
    header's words on its other lines. An empty table's (no body columns) characters are never
    joined: nothing tells its cells apart."""
    if not columns:
        return words
    out: list[Word] = []
    last: Word | None = None  # the last character of the run ``out[-1]`` ends with, if it is one
    for word in words:
        if last is not None and _one_character(word) and _spaced_pair(last, word, columns, em) \
                and not set(out[-1].text + word.text) <= _LEVELS and _one_cell(last, word, others, em):
            run = out[-1]
            out[-1] = Word(run.left, min(run.top, word.top), word.right, max(run.bottom, word.bottom),
                           run.text + word.text)
        else:
            out.append(word)
        last = word if _one_character(word) else None
    return out


def _spaced_pair(a: Word, b: Word, columns: list[tuple[float, float]], em: float) -> bool:
    """Two characters on a line, ``b`` after ``a``, set apart as one cell's letter-spaced text: at
    most three line heights apart, of one size, and not each over a body column of its own."""
    if not 0 < b.left - a.right <= _SPACED * em or abs(a.height - b.height) > 0.2 * em:
        return False
    first, second = _column_of(a.centre, columns), _column_of(b.centre, columns)
    return first is None or second is None or first == second


def _one_cell(a: Word, b: Word, others: list[Word], em: float) -> bool:
    """Whether nothing printed just above or below two characters of a line parts them: no word of
    the lines next to theirs (within a line and a half) over or under one of them and not the other
    (the last characters of two cells' wrapped text: 事业收 / 入 beside 经营收 / 入)."""
    for other in others:
        if other.bottom >= a.top - _NEIGHBOUR * em and other.top <= a.bottom + _NEIGHBOUR * em:
            over_a = other.left < a.right and a.left < other.right
            over_b = other.left < b.right and b.left < other.right
            if over_a != over_b:
                return False
    return True


def _wrapped(lines: list[list[Word]], em: float) -> list[list[Word]]:
    """The lines with each cell's wrapped lines joined to its first: repeatedly, a word and the one
    word under it (a cell's next line of text), until no more join."""
    lines = [list(line) for line in lines]
    joined = True
    while joined:
        joined = False
        for upper, line in enumerate(lines):
            for position, word in enumerate(line):
                found = _wrapped_below(word, lines, upper, em)
                if found is None:
                    continue
                lower, below = found
                line[position] = Word(min(word.left, below.left), word.top, max(word.right, below.right),
                                      below.bottom, _run_together(word.text, below.text))
                lines[lower].remove(below)
                joined = True
    return lines


def _wrapped_below(word: Word, lines: list[list[Word]], upper: int, em: float) -> tuple[int, Word] | None:
    """The word (and its line's index) that is the next line of ``word``'s cell: the only word under
    it within 0.6 of a line, set within its width and aligned with it, with no header word under it
    within that width (a cell of sub-headers is a group's: 部门预算经济分类科目 over 编码 over 类 款);
    None where there is none, or more than one (``word`` heads a group of cells)."""
    under = _under(word, lines, upper, em)
    if len(under) != 1:
        return None
    index, below = under[0]
    if not _set_as_one_cell(word, below, lines[index + 1:], em):
        return None
    if below.height > _LINES * em:  # lines of wrapped text joined already: never a group's sub-header
        return index, below
    return None if _has_siblings(word, below, [w for line in lines for w in line], em) else (index, below)


def _under(word: Word, lines: list[list[Word]], upper: int, em: float) -> list[tuple[int, Word]]:
    """The words (with their lines' indexes) under ``word`` (its line ``upper``) within 0.6 of a line, across it."""
    return [(index, other) for index in range(upper + 1, len(lines)) for other in lines[index]
            if -0.3 * em <= other.top - word.bottom <= _WRAPPED * em
            and other.left < word.right and word.left < other.right]


def _set_as_one_cell(word: Word, below: Word, lower: list[list[Word]], em: float) -> bool:
    """Whether the word ``below`` is set as the next line of ``word``'s cell: within its width and aligned with it,
    with no header word under it within that width (among the ``lower`` lines)."""
    under = [other for line in lower for other in line
             if other.top >= below.bottom - 0.3 * em and other.left < word.right and word.left < other.right]
    heads = bool(under) and not _third_line(word, below, under, em)
    return _set_under(word, below, em) and not heads


def _set_under(word: Word, below: Word, em: float) -> bool:
    """Whether ``below`` is set within ``word``'s width and aligned with it (centred on it, or starting or ending where it does)."""
    within = below.left >= word.left - _ALIGNED * em and below.right <= word.right + _ALIGNED * em
    aligned = min(abs(below.centre - word.centre), abs(below.left - word.left), abs(below.right - word.right))
    return within and aligned <= _ALIGNED * em


def _third_line(word: Word, below: Word, under: list[Word], em: float) -> bool:
    """Whether the one header word ``under`` ``below`` is the third line of ``word``'s cell, not a sub-header: set
    as its next line is (within 0.6 of a line under ``below``) and within ``word``'s width, aligned with it — a cell
    wrapped over three lines whose middle line is its narrowest (长春市信访局 2026's 三公 table: 因公出 / 国 / （境）费,
    科研因公 / 出国 / （境）费用), where a group's sub-headers are two words or more (编码 over 类 款 项)."""
    if len(under) != 1:
        return False
    third = under[0]
    return -0.3 * em <= third.top - below.bottom <= _WRAPPED * em and _set_under(word, third, em) \
        and third.left < below.right + _ALIGNED * em and below.left - _ALIGNED * em < third.right


def _has_siblings(word: Word, below: Word, words: list[Word], em: float) -> bool:
    """Whether ``word`` is a group header over ``below`` and the words beside it (公务用车购置及运行费
    centred over 小计, 购置费, 运行费): the nearest words on either side of ``below`` printed as it is, on
    one line under ``word`` (the same top), with no header of their own at ``word``'s height, are its
    siblings when ``word`` is centred over them and ``below`` together."""
    def level(other: Word) -> bool:  # a word printed at ``word``'s height, over ``other``
        return any(p.top < word.bottom and word.top < p.bottom and p.left < other.right and other.left < p.right
                   for p in words)

    siblings = [w for w in _nearest_beside(below, words) if w is not None and abs(w.top - below.top) <= 0.2 * em and not level(w)]
    if not siblings:
        return False
    group = [below, *siblings]
    middle = (min(w.left for w in group) + max(w.right for w in group)) / 2
    return abs(middle - word.centre) <= _GROUP_CENTRED * em


def _nearest_beside(below: Word, words: list[Word]) -> list[Word | None]:
    """The nearest words left and right of ``below`` at heights that overlap its (None on a side with none)."""
    beside = [w for w in words if w is not below and w.top < below.bottom and below.top < w.bottom]
    return [min((w for w in beside if w.right <= below.left), key=lambda w: below.left - w.right, default=None),
            min((w for w in beside if w.left >= below.right), key=lambda w: w.left - below.right, default=None)]


def _run_together(upper: str, lower: str) -> str:
    """A cell's two lines as one text: run together, with a space only between two Latin letters or
    digits."""
    space = upper[-1:].isascii() and upper[-1:].isalnum() and lower[:1].isascii() and lower[:1].isalnum()
    return upper + (" " if space else "") + lower
