"""A table's body rows: a name wrapped in its cell joined to its row, figures run on together parted, labels centred over rows placed.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from pathlib import Path

import yaml

from reportgen.base.patterns import regex
from reportgen.readers.pdf.pdf_words import Word as _Word
from reportgen.readers.pdf.tables.lines import TOTALS, UNITS, Line, is_amount, is_number, numbered, width, words_text
from reportgen.readers.pdf.tables.paragraph_cells import paragraph_cells
from reportgen.readers.pdf.tables.wrapped_figures import wrapped_figures


def caption_cells(line: Line, extent: tuple[float, float], width: int) -> dict[int, list[str]]:
    """编制部门：… in the first column, 单位：元 (what is printed on the right half) in the last."""
    middle = (extent[0] + extent[1]) / 2
    cells: dict[int, list[str]] = {}
    for word in line.words:
        col = max(width - 1, 0) if word.left > middle else 0
        cells.setdefault(col, []).append(word.text)
    return cells


def _body_cells(words: list[_Word], cuts: list[float]) -> dict[int, list[_Word]]:
    """Each word in the column its alignment points at: a number by its right edge, text by its left."""
    cells: dict[int, list[_Word]] = {}
    for word in words:
        anchor = word.right - 0.1 if is_number(word.text) else word.left + 0.1
        cells.setdefault(bisect.bisect_left(cuts, anchor), []).append(word)
    return cells


def run_on_names(body: list[tuple[Line, list[_Word]]], cuts: list[float],
                  em: float) -> list[tuple[Line, dict[int, list[str]], dict[int, int]]]:
    """The body's rows, each line's words in their cells; a line that only continues a name (a long
    name wrapped in its cell: 机关事业单位基本养老保险缴费 / 支出) is not a row but part of that
    name. Such a line has text in one cell only, no code and no figure, not a numbered item, a total
    or 其中, and a row with a name in that cell within a line of it on its page (across the lines a
    name runs on to). Of a row above and one below it goes with the one whose name starts where it
    does (a level's indent), else the one whose figures are nearer (a cell's text is centred)."""
    body_rows = _BodyRows(paragraph_cells(wrapped_figures([(line, _body_cells(words, cuts)) for line, words in body])), em)
    rows = body_rows.rows
    moves: dict[int, int] = {}  # a name-only line → the row its text joins
    for i in range(len(rows)):
        target = body_rows.joins(i)
        if target is not None:
            moves[i] = target
    body_rows.untangle(moves)
    for i in sorted(moves):
        body_rows.join(i, moves[i])
    kept = names_spread([row for i, row in enumerate(rows) if i not in moves], em)
    _centred_labels(kept)
    return [(line, {col: [_joined_text(words)] for col, words in cells.items()}, _figure_lines(line, cells))
            for line, cells in kept]


def _figure_lines(line: Line, cells: dict[int, list[_Word]]) -> dict[int, int]:
    """Of a row banded from several printed lines (a name wrapped over three lines, its code and figures set on the
    middle one: 广州市国资委 2026 “机关事业单位基本养老保险缴 / 2080505 … 426.63 … / 费支出”; 烟台市人社局's
    收入总表 “01 … 40,781.39” between its unit's name's lines), each figure's cell → the line its figures are printed
    on, where that is not the row's first line: the cell is traced to where it is printed, not to its row's name."""
    if not line.band:
        return {}
    at: dict[int, int] = {}
    for col, words in cells.items():
        if not all(is_number(w.text) for w in words):
            continue
        middle = sum((w.top + w.bottom) / 2 for w in words) / len(words)
        number = min(line.band, key=lambda part: abs((part[1] + part[2]) / 2 - middle))[0]
        if number != line.number:
            at[col] = number
    return at


def names_spread(rows: list[tuple[Line, dict[int, list[_Word]]]], em: float) -> list[tuple[Line, dict[int, list[_Word]]]]:
    """The rows, the lines that only continue the names of several cells (_names_only) left empty (a line of the
    table still, where its rows are printed): each of their words joined to its cell in the row of figures nearest
    it, of the two next above and below — a name set in its cell centred on its row's figures and wrapped
    (长春市信访局 2026's 项目支出表: “2026 信 / 访专项 … 30.00 / 经费” beside its 项目单位 “长 / 春 / 市 / 信 / 访 / 局”,
    a character a line; 北京市水务局 2026's 支出总表: “2080505-机关事业单位基本 … 734.155356 / 养老保险缴费支出” beside
    “30108-机关事业单位基本养老 / 保险缴费”). Run after run_on_names joined each name-only line of one cell: one it
    joined to such a line (长春's “长” over “2026 信 | 春”) is spread with it. A word goes to the row nearer it by its
    figures' middle, of those printing a name in its column where one does; a line no row of figures is near, in
    its page's run of lines, stays a row."""
    spread = [k for k in range(len(rows)) if _names_only(rows[k][1])]
    if not spread:
        return rows
    figures = _figure_rows(rows)
    moved = {k for k in spread if _spread_line(rows, k, figures, em)}
    return [(line, {}) if k in moved else (line, cells) for k, (line, cells) in enumerate(rows)]


def _spread_line(rows: list[tuple[Line, dict[int, list[_Word]]]], k: int, figures: list[int], em: float) -> bool:
    """Line ``k``'s words each joined to its cell in the row of figures nearest it (names_spread); False where no
    row of figures may take them (_targets)."""
    targets = _targets(rows, k, figures, em)
    if not targets:
        return False
    for col, words in rows[k][1].items():
        named = [t for t in targets if col in rows[t][1]] or targets  # the rows printing a name in its column
        for word in words:
            middle = (word.top + word.bottom) / 2
            target = min(named, key=lambda t: (abs(_figures_middle(rows[t]) - middle), t > k))
            cell = rows[target][1].setdefault(col, [])
            cell.append(word)
            cell.sort(key=lambda w: (w.top, w.left))
    return True


def _targets(rows: list[tuple[Line, dict[int, list[_Word]]]], k: int, figures: list[int], em: float) -> list[int]:
    """The rows of figures line ``k``'s words may join: next above and below it; none where its cells are not all
    left of every figure the table prints (a 收支 table's spending side, right of the income's figures, is no name
    column of the rows left of it: 北京市政务服务和数据管理局 2026's 收支总表, rasterised, read “、政府性基金预算拨款收入 |
    、外交支出” without their numbering)."""
    if not figures or max(rows[k][1]) >= min(_first_figure(rows[t][1]) for t in figures):
        return []
    return _around(rows, k, figures, em)


def _names_only(cells: dict[int, list[_Word]]) -> bool:
    """A line of two cells or more each printing a part of a name (_name_part)."""
    return len(cells) >= 2 and all(_name_part(words) for words in cells.values())


def _name_part(words: list[_Word]) -> bool:
    """Whether a cell's words may be a part of a name: no amount, not a code alone, not an item numbered (一、, 13、,
    (7): 西安市行政审批服务局 2025's 收支总表 prints “13、农林水支出 | (7)对企业补助(基本建设)”, a row printing no figure), a
    total or 其中, not a whole row's name of the templates (row_names.yaml: a 收支 table's row printing none of its figures,
    “使用非财政拨款结余 | 结转下年”)."""
    first = words[0].text
    if any(is_amount(w.text) for w in words) or all(is_number(w.text) for w in words):
        return False
    return not (numbered(first) or first in TOTALS or _ROW_NUMBERING.match(first)) \
        and _row_name(words_text(words)) not in _ROW_NAMES


def _figure_rows(rows: list[tuple[Line, dict[int, list[_Word]]]]) -> list[int]:
    """The rows that print an amount."""
    return [k for k, (_, cells) in enumerate(rows) if any(is_amount(w.text) for words in cells.values() for w in words)]


def _first_figure(cells: dict[int, list[_Word]]) -> int:
    """The first column a row prints an amount in."""
    return min(col for col, words in cells.items() if any(is_amount(w.text) for w in words))


def _around(rows: list[tuple[Line, dict[int, list[_Word]]]], k: int, figures: list[int], em: float) -> list[int]:
    """The rows of figures next above and next below line ``k``, joined to it by lines each within a line of the
    next on its page."""
    found = []
    for step in (-1, 1):
        j = k
        while 0 <= j + step < len(rows) and _near(rows, min(j, j + step), max(j, j + step), em):
            j += step
            if j in figures:
                found.append(j)
                break
    return found


def _near(rows: list[tuple[Line, dict[int, list[_Word]]]], k: int, j: int, em: float) -> bool:
    """Lines k above j, on one page, within a line of each other (a row's words joined from the lines around it
    by names_spread counted in its extent)."""
    return rows[k][0].page == rows[j][0].page and _top(rows[j]) - _bottom(rows[k]) <= em


def _top(row: tuple[Line, dict[int, list[_Word]]]) -> float:
    return min([row[0].top, *(w.top for words in row[1].values() for w in words)])


def _bottom(row: tuple[Line, dict[int, list[_Word]]]) -> float:
    return max([row[0].bottom, *(w.bottom for words in row[1].values() for w in words)])


@dataclass
class _BodyRows:
    """A table's body lines, each with its words in their cells, as :func:`run_on_names` reads
    them for names run on to lines of their own."""

    rows: list[tuple[Line, dict[int, list[_Word]]]]
    em: float

    def name_only(self, k: int) -> bool:
        """A line with text in one cell only: no figure, no numbered item, no total, no 其中."""
        cells = self.rows[k][1]
        if len(cells) != 1:
            return False
        words = next(iter(cells.values()))
        first = words[0].text
        return not any(is_number(w.text) for w in words) and not numbered(first) and first not in TOTALS \
            and not first.startswith("其中")

    def near(self, k: int, j: int) -> bool:
        """Lines k above j, on one page, within a line of each other."""
        rows = self.rows
        return rows[k][0].page == rows[j][0].page and rows[j][0].top - rows[k][0].bottom <= self.em

    def name(self, k: int, col: int) -> list[_Word]:
        """The words of a row's name in ``col`` (none where that cell holds a figure)."""
        words = self.rows[k][1].get(col, [])
        return [] if any(is_number(w.text) for w in words) else words

    def joins(self, i: int) -> int | None:
        """The row a name-only line's text joins: of those above and below, the one whose name starts
        at its indent, else the one whose figures are nearer; None where it is a row of its own."""
        if not self.name_only(i):
            return None
        col = next(iter(self.rows[i][1]))
        straddled = self._straddled(i, col)
        if straddled is not None:
            return straddled
        choices = [k for k in self._choices(i, col) if not self._two_rows(i, k, col)]
        if not choices:
            return None
        left = self.rows[i][1][col][0].left
        indented = [k for k in choices if abs(self.name(k, col)[0].left - left) <= 1.0]
        if len(indented) == 1:
            return indented[0]
        centre = _middle(self.rows[i][0])
        return min(choices, key=lambda k: (abs(_figures_middle(self.rows[k]) - centre), k > i))

    def untangle(self, moves: dict[int, int]) -> None:
        """Name-only lines that cross (the upper one joined to the row below, the lower one to the row above) each
        joined to the row whose figures are nearer: a name's lines stand in order, and a cell's text is centred.
        The indent of a name's first line fools the indent rule (长春市信访局 2026: “行政 / 2080501 … / 单位离退休 /
        机关 / 事业单位基本 2080505 … / 养老保险缴费 / 支出”, each name's first line set in: 单位离退休 under 事业单位基本's
        edge and 机关 under 行政's, which made 行政机关 and 单位离退休事业单位基本养老保险缴费支出)."""
        for i in sorted(moves):
            j = i + 1
            if j in moves and moves[i] > j and moves[j] < i:
                rows = (moves[j], moves[i])
                for k in (i, j):
                    centre = _middle(self.rows[k][0])
                    moves[k] = min(rows, key=lambda r: abs(_figures_middle(self.rows[r]) - centre))

    def _two_rows(self, i: int, k: int, col: int) -> bool:
        """Whether name-only line ``i`` and row ``k`` each print a whole row's name of the templates (row_names.yaml)
        that together make none: two rows, not a name wrapped (江苏省政协办公厅 2018's 收入预算总表: 其他非税收入 over
        小计 80.00, each line a row, set a row's height apart as all its rows are)."""
        own, other = words_text(self.rows[i][1][col]), words_text(self.name(k, col))
        upper, lower = (other, own) if k < i else (own, other)
        return _row_name(own) in _ROW_NAMES and _row_name(other) in _ROW_NAMES \
            and _row_name(upper + lower) not in _ROW_NAMES

    def join(self, i: int, k: int) -> None:
        """Name-only line ``i``'s words joined to row ``k``'s cell in their column; where they are the first line of a
        name straddling the row (its cell empty), the name's last line (name_below) with them."""
        col = next(iter(self.rows[i][1]))
        target_cell = self.rows[k][1].setdefault(col, [])  # empty where the name straddles its row
        straddled = i < k and not target_cell
        target_cell.extend(self.rows[i][1][col])
        if straddled:
            target_cell.extend(self.name_below(k, col))
        target_cell.sort(key=lambda w: (w.top, w.left))

    def name_below(self, k: int, col: int) -> list[_Word]:
        """The words of row ``k`` outside ``col`` set below its figures' middle, no figure or code, taken out of their
        cells (a cell of nothing else keeps them): the last line of a name centred on its figures (重庆市委宣传部 2026:
        “国家电影事业发展专项资金安排” over 20707 … 4,036.60, “的支出” below, set left of the first line and read into the
        code's column)."""
        cells = self.rows[k][1]
        below = self._words_below(k, col)
        for other in {c for c in cells if c != col}:
            kept = [w for w in cells[other] if w not in below]
            if kept:
                cells[other] = kept
            else:
                below = [w for w in below if w not in cells[other]]
        return below

    def _words_below(self, k: int, col: int) -> list[_Word]:
        """Row ``k``'s words outside ``col``, no figure or code, set below its figures' middle."""
        middle = _figures_middle(self.rows[k])
        return [w for c, words in self.rows[k][1].items() if c != col for w in words
                if not is_number(w.text) and w.top >= middle]

    def _straddled(self, i: int, col: int) -> int | None:
        """The row a name centred on its figures and wrapped over two lines leaves with no word in its cell,
        its lines above and below it (江苏省人大常委会办公厅 2018: 机关事业单位基本养老保险缴费支 / 2080505 …
        580.01 / 出): the row between line ``i`` and another name-only line of ``col``, each within a line of
        the next; None where line ``i`` is not one of two such lines."""
        for k, other in ((i + 1, i + 2), (i - 1, i - 2)):
            if min(k, other) < 0 or max(k, other) >= len(self.rows):
                continue
            if not self.name_only(k) and col not in self.rows[k][1] and self.name_only(other) \
                    and col in self.rows[other][1] and self.near(min(i, k), max(i, k)) \
                    and self.near(min(k, other), max(k, other)):
                return k
        return self._over_its_row(i, col)

    def _over_its_row(self, i: int, col: int) -> int | None:
        """The row below name-only line ``i`` that prints no word in ``col`` and text below its figures (name_below):
        the first line of a name centred on it, its last line read into the row's line; None where there is none."""
        k = i + 1
        if k < len(self.rows) and not self.name_only(k) and col not in self.rows[k][1] and self.near(i, k) \
                and self._words_below(k, col):
            return k
        return None

    def _past_names(self, i: int, step: int) -> int:
        """The line next to line ``i`` (``step``: -1 above, 1 below) past the name-only lines next to it, each within a
        line of the one before."""
        k = i + step
        while 0 <= k < len(self.rows) and self.name_only(k) and self.near(min(k, k - step), max(k, k - step)):
            k += step
        return k

    def _choices(self, i: int, col: int) -> list[int]:
        """The nearest rows above and below line ``i``, past the name-only lines next to it, that have
        a name in ``col`` and are joined to it by lines each within a line of the next."""
        return [k for k in (self._past_names(i, -1), self._past_names(i, 1)) if 0 <= k < len(self.rows) and not self.name_only(k) and self.name(k, col)
                and all(self.near(j, j + 1) for j in range(min(k, i), max(k, i)))]


# The names of whole rows in the templates' income and spending tables, compared by _row_name (row_names.yaml);
# libyaml's loader where the build has it (the same safe tags: a data file of our own)
_ROW_NAMES = frozenset(name for names in yaml.load(Path(__file__).with_name("row_names.yaml").read_text(encoding="utf-8"),
                                                   Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)).values()
                       for name in names)
# an item's numbering before its name: 其中：, 一、, 1., （一）
_ROW_NUMBERING = regex(r"^(?:其中[：:]?|[一二三四五六七八九十]{1,3}、|\d{1,2}[.．、](?!\d)|[（(][一二三四五六七八九十\d]{1,3}[)）])")
_SPACES = regex(r"\s+")


def _row_name(text: str) -> str:
    """A row's name as row_names.yaml lists it: without its numbering and spaces, with full-width brackets."""
    return _ROW_NUMBERING.sub("", _SPACES.sub("", text).replace("(", "（").replace(")", "）"), count=1)


def _figures_middle(row: tuple[Line, dict[int, list[_Word]]]) -> float:
    """The middle of a row's figures and codes (of its line when it has none)."""
    numbers = [w for words in row[1].values() for w in words if is_number(w.text)]
    if not numbers:
        return _middle(row[0])
    return (min(w.top for w in numbers) + max(w.bottom for w in numbers)) / 2


def _joined_text(words: list[_Word]) -> str:
    """A cell's words as one text: words on one line with a space, the lines of a wrapped name
    run together (with a space only between two Latin letters or digits)."""
    if len(words) == 1:  # most cells: nothing to join
        return words[0].text
    words = _in_lines(words)
    text = words[0].text
    for before, word in zip(words, words[1:], strict=False):
        wrapped = word.top >= before.bottom - 0.25 * before.height
        space = not wrapped or (text[-1].isascii() and text[-1].isalnum() and word.text[0].isascii()
                                and word.text[0].isalnum())
        text += (" " if space else "") + word.text
    return text


def _in_lines(words: list[_Word]) -> list[_Word]:
    """A cell's words line by line (as _joined_text tells a line wrapped), each line left to right: a name's two lines
    read into one printed line with its figures come in their order (烟台市民政局 2026: “国有土地使用权出让收入安” set
    above and “排的支出” below the line of 08 … 305.28, the second starting left of the first)."""
    lines: list[list[_Word]] = []
    for word in sorted(words, key=lambda w: w.top):
        if lines and word.top < max(w.bottom for w in lines[-1]) - 0.25 * word.height:
            lines[-1].append(word)
        else:
            lines.append([word])
    return [word for line in lines for word in sorted(line, key=lambda w: w.left)]


def _centred_labels(rows: list[tuple[Line, dict[int, list[_Word]]]]) -> None:
    """Moves each merged cell's text printed centred over the rows it spans, on a line of its own
    (30399 其他对个人和家庭的补助 between the two rows of its 政府经济科目), into the first of those
    rows, as the workbook holds it: a line whose cells the lines directly above and below (on its
    page, each with cells of its own) leave empty. Its rows are those around it leaving its cells
    empty whose middle is nearest its own."""
    i = 1
    while i < len(rows) - 1:
        line, cells = rows[i]
        cols = set(cells)

        def free(k: int, line: Line = line, cols: set[int] = cols) -> bool:
            return 0 <= k < len(rows) and rows[k][0].page == line.page and bool(rows[k][1]) \
                and not cols & set(rows[k][1])

        if not (free(i - 1) and free(i + 1)):
            i += 1
            continue
        up, down = i - 1, i + 1
        while free(up - 1):
            up -= 1
        while free(down + 1):
            down += 1
        middle = _middle(line)
        first, _ = min(((a, b) for a in range(up, i) for b in range(i + 1, down + 1)),
                       key=lambda span: (abs((_middle(rows[span[0]][0]) + _middle(rows[span[1]][0])) / 2 - middle),
                                         span[1] - span[0]))
        rows[first][1].update(cells)
        del rows[i]


def _middle(line: Line) -> float:
    return (line.top + line.bottom) / 2


_RUN_ON_HEAD = frozenset("0123456789,.-")  # what an amount printed against a label starts with
_RUN_ON_TAIL = frozenset("0123456789,.")  # and ends with


def split_run_ons(words: list[_Word]) -> list[_Word]:
    """The line's words, each amount printed against a label (91,016,775.35一、一般公共服务支出, or
    合计189,767,551) cut from it: pdftotext makes one word of text closer than a space."""
    out: list[_Word] = []
    for word in words:
        text = word.text
        if text[:1] not in _RUN_ON_HEAD and text[-1:] not in _RUN_ON_TAIL:  # neither end a figure's: nothing to cut
            out.append(word)
        else:
            out.extend(_split_run_on(word))
    return out


def _split_run_on(word: _Word) -> list[_Word]:
    """The word, or its parts where an amount is printed against a label at either end (a word
    neither of whose ends is a figure's is itself: split_run_ons passes it over without asking)."""
    text = word.text
    head = len(text) - len(text.lstrip("0123456789,.-"))
    tail = len(text) - len(text.rstrip("0123456789,."))
    if 0 < head < len(text) and is_amount(text[:head]) and text[head] not in UNITS and not text[head].isascii():
        cut = head
    elif 0 < tail < len(text) and is_amount(text[-tail:]) and not text[-tail - 1].isascii():
        cut = len(text) - tail
    else:
        return [word]
    # where the cut falls, from the characters' widths; the two parts a point and a half apart, as
    # pdftotext would have printed them had it told them apart (it joins text up to a point apart)
    x = word.left + (word.right - word.left) * width(text[:cut]) / width(text)
    return [_Word(word.left, word.top, x - 0.75, word.bottom, text[:cut]), *_split_run_on(
        _Word(x + 0.75, word.top, word.right, word.bottom, text[cut:]))]
