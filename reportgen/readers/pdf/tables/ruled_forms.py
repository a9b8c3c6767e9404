"""Forms: a titled grid of label and value cells that no table of the page reader's is (its lines have no caption,
no header of columns, no figures in columns), read from the lines the page draws between its cells (page_rules.py) —
西安's 表15 部门整体支出绩效目标表, 北京's 预算13表, each project's 表14 部门专项业务经费绩效目标表.

The lines drawn part the page into bands (between two heights a horizontal line is drawn at) and columns (between
two lefts a vertical one is drawn at); two places side by side, or one over the other, are one cell where no line is
drawn between them, as the page shows it. A form is held where every cell so found is a rectangle; its words are
those whose centre is in a cell, each line's in reading order (a space between two where one is printed), the lines
of a cell joined (a label set down a narrow column a character a line, 年/度/主/要/任/务, is 年度主要任务). Its title is the line ending in 表 printed above it; a page
whose lines begin at its top, under no title, after a page that ends a form, continues it where its columns are
the form's. The grid: the title's row, the row of what is printed between the title and the form (（2025年度）),
then a row for each band in which a cell begins, each cell in its first column, merged over the others it covers
(Grid.form)."""

from __future__ import annotations

from dataclasses import dataclass, field

from reportgen.base.patterns import regex
from reportgen.readers.grid import Cell, Grid, Merge
from reportgen.readers.pdf.page_rules import Rule, page_rules
from reportgen.readers.pdf.pdf_words import Word
from reportgen.readers.pdf.tables.lines import Line

_NEAR = 2.0  # points: lines drawn this near are one (a border drawn twice, a line's two edges)
_NARROW = 6.0  # points: a column or band narrower than this is no cell's (a double border)
_TITLE = regex(r"表(?:[（(][^（）()]{1,20}[）)])?$")
_SPACE = 0.25  # a gap between two words of a line at least this many times their height is a space printed
_TOP_MARGIN = 3  # a continued form's page prints no more lines than these above it (a page number, a header)


@dataclass
class _Lattice:
    xs: list[float]
    ys: list[float]
    rules: list[Rule]

    def parted_across(self, band: int, col: int) -> bool:
        """Whether a line is drawn between column ``col`` and the next, in ``band``."""
        x, mid = self.xs[col + 1], (self.ys[band] + self.ys[band + 1]) / 2
        return any(not r.across and abs(r.at - x) <= _NEAR and r.start - _NEAR <= mid <= r.end + _NEAR
                   for r in self.rules)

    def parted_down(self, band: int, col: int) -> bool:
        """Whether a line is drawn between band ``band`` and the next, in column ``col``."""
        y, mid = self.ys[band + 1], (self.xs[col] + self.xs[col + 1]) / 2
        return any(r.across and abs(r.at - y) <= _NEAR and r.start - _NEAR <= mid <= r.end + _NEAR for r in self.rules)


@dataclass
class _Box:
    """A cell: its first and last band and column, its text."""

    top: int
    left: int
    bottom: int
    right: int
    lines: list[list[Word]] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "".join(_line_text(sorted(words, key=lambda w: w.left)) for words in self.lines)


@dataclass
class _Form:
    page: int
    lattice: _Lattice
    boxes: list[_Box]
    places: list[str]  # each band's place: its first printed line's
    title: Line | None


def ruled_forms(data: bytes, printed: list[list[Line]], taken: set[int], file: str) -> list[Grid]:
    """The forms of the pages not ``taken`` (pages a table of the page reader's is printed on), one grid each."""
    asked = _asked(printed, taken)
    drawn = page_rules(data, asked) if asked else {}
    forms: list[list[_Form]] = []
    for number in asked:
        form = _form(drawn.get(number, []), number, printed[number - 1])
        if form is not None and form.title is not None:
            forms.append([form])
        elif form is not None and forms and forms[-1][-1].page == number - 1 and _continues(forms[-1][0], form):
            forms[-1].append(form)
    return [_grid(parts, printed, file) for parts in forms]


def _asked(printed: list[list[Line]], taken: set[int]) -> list[int]:
    """The pages a form may be printed on: those not ``taken`` that print a title (a line ending in 表), and the
    page after each."""
    titled = {number for number, lines in enumerate(printed, start=1)
              if number not in taken and any(_is_title(line) for line in lines)}
    return sorted(number for number in titled | {number + 1 for number in titled}
                  if number not in taken and number <= len(printed))


def _is_title(line: Line) -> bool:
    return bool(_TITLE.search("".join(line.text.split())))


def _form(rules: list[Rule], number: int, lines: list[Line]) -> _Form | None:
    """The page's form where the lines it draws make one of cells all rectangles, titled (the line ending in 表
    printed above it) or not (one printing no more than a page's margin above it); None for none."""
    lattice = _lattice(rules)
    boxes = _boxes(lattice) if lattice is not None else None
    if lattice is None or boxes is None:
        return None
    above = [line for line in lines if line.bottom <= lattice.ys[0] + _NEAR]
    title = next((line for line in reversed(above) if _is_title(line)), None)
    if title is None and len(above) > _TOP_MARGIN:
        return None
    return _Form(number, lattice, boxes, _filled(boxes, lattice, _inside(lines, lattice)), title)


def _inside(lines: list[Line], lattice: _Lattice) -> list[Line]:
    """The lines printed within the form's top and bottom lines."""
    return [line for line in lines if line.top >= lattice.ys[0] - _NEAR and line.bottom <= lattice.ys[-1] + _NEAR]


def _lattice(rules: list[Rule]) -> _Lattice | None:
    """The columns and bands the lines part the page into; None where they make no grid of two or more each."""
    xs = _positions([r.at for r in rules if not r.across])
    ys = _positions([r.at for r in rules if r.across])
    if len(xs) < 3 or len(ys) < 3:
        return None
    return _Lattice(xs, ys, rules)


def _positions(values: list[float]) -> list[float]:
    """The distinct positions lines are drawn at: those nearer than _NARROW one (the first)."""
    kept: list[float] = []
    for value in sorted(values):
        if not kept or value - kept[-1] >= _NARROW:
            kept.append(value)
    return kept


def _boxes(lattice: _Lattice) -> list[_Box] | None:
    """The cells: the places no line parts, joined; None where some cell is not a rectangle."""
    bands, cols = len(lattice.ys) - 1, len(lattice.xs) - 1
    owner = {(b, c): (b, c) for b in range(bands) for c in range(cols)}

    def root(place: tuple[int, int]) -> tuple[int, int]:
        while owner[place] != place:
            owner[place] = owner[owner[place]]
            place = owner[place]
        return place

    for b in range(bands):
        for c in range(cols):
            if c + 1 < cols and not lattice.parted_across(b, c):
                owner[root((b, c + 1))] = root((b, c))
            if b + 1 < bands and not lattice.parted_down(b, c):
                owner[root((b + 1, c))] = root((b, c))
    return _rectangles({place: root(place) for place in owner})


def _rectangles(owner: dict[tuple[int, int], tuple[int, int]]) -> list[_Box] | None:
    groups: dict[tuple[int, int], list[tuple[int, int]]] = {}
    for place, head in owner.items():
        groups.setdefault(head, []).append(place)
    boxes = []
    for places in groups.values():
        bands, cols = [p[0] for p in places], [p[1] for p in places]
        box = _Box(min(bands), min(cols), max(bands), max(cols))
        if (box.bottom - box.top + 1) * (box.right - box.left + 1) != len(places):
            return None
        boxes.append(box)
    return sorted(boxes, key=lambda box: (box.top, box.left))


def _filled(boxes: list[_Box], lattice: _Lattice, lines: list[Line]) -> list[str]:
    """Each word of the ``lines`` put in the cell its centre is in; each band's place (its first line's that prints
    in it, else the band above's)."""
    at = {(b, c): box for box in boxes for b in range(box.top, box.bottom + 1) for c in range(box.left, box.right + 1)}
    places = [""] * (len(lattice.ys) - 1)
    for line in lines:
        parts: dict[int, tuple[_Box, list[Word]]] = {}
        for word, band, col in _placed_words(line, lattice):
            parts.setdefault(id(at[(band, col)]), (at[(band, col)], []))[1].append(word)
            places[band] = places[band] or f"第{line.page}页 第{line.number}行"
        for box, words in parts.values():
            box.lines.append(words)
    for band in range(1, len(places)):
        places[band] = places[band] or places[band - 1]
    return places


def _placed_words(line: Line, lattice: _Lattice) -> list[tuple[Word, int, int]]:
    """The line's words within the form, each with the band and the column its centre is in."""
    found = []
    for word in line.words:
        band, col = _index(lattice.ys, (word.top + word.bottom) / 2), _index(lattice.xs, word.centre)
        if band is not None and col is not None:
            found.append((word, band, col))
    return found


def _index(edges: list[float], value: float) -> int | None:
    return next((i for i in range(len(edges) - 1) if edges[i] <= value < edges[i + 1]), None)


def _line_text(words: list[Word]) -> str:
    """A line's words in a cell, a space between two where a space is printed (a gap of a quarter of their height or
    more: “活力； 进一步”), none where they touch (“总体资金情况（” “万元）”, set in two runs)."""
    text = ""
    for before, word in zip([None, *words], words, strict=False):
        gap = word.left - before.right if before is not None else 0.0
        text += (" " if before is not None and gap >= _SPACE * word.height else "") + word.text
    return text


def _continues(first: _Form, form: _Form) -> bool:
    """Whether a page's untitled form continues ``first`` (a form begun on an earlier page): each column it draws
    a line at is one of the form's."""
    return all(any(abs(x - edge) <= _NARROW for edge in first.lattice.xs) for x in form.lattice.xs)


def _grid(parts: list[_Form], printed: list[list[Line]], file: str) -> Grid:
    """The form's grid (the module): its title's row, the row of what is printed under it, each band's row in
    which a cell begins, on every page it runs over, in the columns of its first page."""
    first = parts[0]
    title = first.title
    assert title is not None
    columns = len(first.lattice.xs) - 1
    under = [line for line in printed[first.page - 1]
             if title.bottom <= line.top and line.bottom <= first.lattice.ys[0] + _NEAR and line is not title]
    rows: list[list[Cell]] = [_padded([Cell(title.text, title.text)], columns),
                              _padded([Cell(under[0].text, under[0].text)] if under else [], columns)]
    places = [f"第{title.page}页 第{title.number}行"] * 2
    merges: list[Merge] = []
    for form in parts:
        _rows_of(form, [_column_of(x, first.lattice.xs) for x in form.lattice.xs], rows, places, merges)
    return Grid(file, f"第{first.page}页", rows, merges, row_places=places, kind="pdf", form=True)


def _rows_of(form: _Form, shift: list[int], rows: list[list[Cell]], places: list[str], merges: list[Merge]) -> None:
    """A page's form as rows of the grid (``shift``: the grid's column of each of its columns' lines): one for each
    band a cell begins in."""
    starts = sorted({box.top for box in form.boxes})
    row_of = {band: len(rows) + index for index, band in enumerate(starts)}
    for band in starts:
        rows.append(_padded([], len(rows[0])))
        places.append(form.places[band])
    for box in form.boxes:
        _placed(box, row_of, shift, rows, merges, starts)


def _placed(box: _Box, row_of: dict[int, int], shift: list[int], rows: list[list[Cell]], merges: list[Merge],
            starts: list[int]) -> None:
    """The cell in its first row and column, merged over the rows (those a cell begins in) and columns it covers."""
    top = row_of[box.top]
    bottom = row_of[max(band for band in starts if band <= box.bottom)]
    left, right = shift[box.left], shift[box.right + 1] - 1
    rows[top][left] = Cell(box.text or None, box.text)
    if bottom > top or right > left:
        merges.append(Merge(top, left, bottom, right))


def _column_of(x: float, edges: list[float]) -> int:
    return min(range(len(edges)), key=lambda index: abs(edges[index] - x))


def _padded(cells: list[Cell], width: int) -> list[Cell]:
    return cells + [Cell(None, "") for _ in range(width - len(cells))]
