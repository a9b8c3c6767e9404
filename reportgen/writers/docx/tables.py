"""A Document table as WordprocessingML: header rows repeated on every page, merged cells, fixed
widths, indentation by level."""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from reportgen.base.patterns import regex
from reportgen.base.records import Record
from reportgen.base.unbroken import WORD_JOINER
from reportgen.docmodel.document import (
    Cell,
    Row,
    Table,
)
from reportgen.writers.docx.look import TABLE_POINTS
from reportgen.writers.docx.measure import has_han, shape
from reportgen.writers.docx.ooxml import JC, MISSING_RPR, run_xml
from reportgen.writers.docx.pages import PAGE_BREAK_BEFORE

# The w:tblLook python-docx's add_table writes (Word's default banding for the table style).
_TBL_LOOK = ('<w:tblLook w:firstColumn="1" w:firstRow="1" w:lastColumn="0" w:lastRow="0" w:noHBand="0" '
             'w:noVBand="1" w:val="04A0"/>')


def table_start_xml(style_id: str | None, widths: list[int]) -> str:
    """A w:tbl up to its rows, as python-docx's ``add_table(rows=0, …)`` with ``table.style``
    writes it, made full-width (fiftieths of a percent), centred and of fixed layout, with
    ``widths`` (twips) as its grid. The rows and ``</w:tbl>`` follow."""
    style = f'<w:tblStyle w:val="{style_id}"/>' if style_id else ""
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
    return (f'<w:tbl><w:tblPr>{style}<w:tblW w:w="5000" w:type="pct"/><w:jc w:val="center"/>'
            f'<w:tblLayout w:type="fixed"/>{_TBL_LOOK}</w:tblPr><w:tblGrid>{grid}</w:tblGrid>')


def row_parts(block: Table, widths: list[int], points: float = TABLE_POINTS) -> list[str]:
    """The table's w:tr elements as markup, header bands first, in parts: a new part begins at
    each "subheader" row that no merged cell crosses, that row marked to repeat on every page
    (Word repeats only a table's leading rows, so each part is a table of its own).

    Row.cells omits cells covered by a rowspan from above, so the grid column of each cell is
    found by walking the row past the columns still covered; each covered position gets a
    ``vMerge`` continuation cell (Word needs one, with the covering cell's gridSpan).

    Rows are written as markup and parsed in one go: lxml parses a 2,000-row table in a few
    hundredths of a second, where creating its 160,000 elements one by one takes over a second.
    """
    # a table set smaller than the style's size (too wide at it): the size on every run
    size = "" if points == TABLE_POINTS else f'<w:sz w:val="{round(points * 2)}"/><w:szCs w:val="{round(points * 2)}"/>'
    grid = _Grid(block.id, widths, size)
    parts: list[list[_Printed]] = [[]]
    for index, row in enumerate(block.header + block.body):
        is_header = index < len(block.header)
        repeats = is_header
        if row.kind == "subheader" and not is_header and not grid.covered:
            if parts[-1]:
                parts.append([])
            repeats = True
        tcs, texts = grid.row(index, row, is_header)
        # cantSplit keeps a row on one page; tblHeader repeats the leading rows on every page.
        tr_pr = "<w:cantSplit/><w:tblHeader/>" if repeats else "<w:cantSplit/>"
        parts[-1].append(_Printed(repeats, f"<w:tr><w:trPr>{tr_pr}</w:trPr>{''.join(tcs)}</w:tr>", texts,
                                  row.kind in ("total", "subtotal")))
    return ["".join(_kept(row.markup) if keep else row.markup for keep, row in zip(_keeps(rows, points), rows, strict=True))
            for rows in parts]


class _Grid:
    """The grid columns of a table being written, row after row: their widths, the size set on
    every run, and the cells merged down over rows still to come (start column → (colspan, rows
    still to cover))."""

    def __init__(self, table_id: str, widths: list[int], size: str) -> None:
        self.table_id, self.widths, self.size = table_id, widths, size
        self.covered: dict[int, tuple[int, int]] = {}

    def row(self, index: int, row: Row, is_header: bool) -> tuple[list[str], list[tuple[str, int]]]:
        """The row's w:tc elements, a vMerge continuation at each column still covered and an empty
        cell for each a short row leaves; and its own cells' texts with their widths (for its height)."""
        columns = len(self.widths)
        tcs: list[str] = []
        texts: list[tuple[str, int]] = []
        cells = iter(row.cells)
        col = 0
        while col < columns:
            if col in self.covered:
                span = self._continued(col)
                tcs.append(_tc(Cell(""), row, is_header, self.widths[col:col + span], merge="continue", size=self.size))
                col += span
                continue
            cell = next(cells, None)
            if cell is None:  # a short row: fill the grid so Word and LibreOffice agree
                cell = Cell("")
            span = max(cell.colspan, 1)
            if not self._fits(col, span):
                raise ValueError(f"table {self.table_id}: row {index + 1} does not fit {columns} columns")
            merge = None
            if cell.rowspan > 1:
                merge = "restart"
                self.covered[col] = (span, cell.rowspan - 1)
            elif cell.text:
                texts.append((cell.text, sum(self.widths[col:col + span])))
            tcs.append(_tc(cell, row, is_header, self.widths[col:col + span], merge=merge, size=self.size))
            col += span
        if next(cells, None) is not None:
            raise ValueError(f"table {self.table_id}: row {index + 1} has more cells than {columns} columns")
        return tcs, texts

    def _continued(self, col: int) -> int:
        """The span of the merged cell covering ``col``, one row fewer of it still to cover."""
        span, left = self.covered[col]
        if left > 1:
            self.covered[col] = (span, left - 1)
        else:
            del self.covered[col]
        return span

    def _fits(self, col: int, span: int) -> bool:
        """Whether a cell of ``span`` columns at ``col`` stays in the grid, over no covered column."""
        return col + span <= len(self.widths) and not (
            span > 1 and any(c in self.covered for c in range(col + 1, col + span)))


# A table of up to KEEP_WHOLE body rows is kept on one page (when it fits one); a longer one leaves at least FEWEST_LINES lines of its body (four rows of one line) on the page where it
# begins and on the page where it ends.
KEEP_WHOLE = 15
FEWEST_LINES = 4
# A table's closing rows — from the first total row among its last CLOSING rows to its end — are kept
# together and with the row before them: no page holds a table's totals alone.
CLOSING = 8
_TABLE_TEXT = '<w:pStyle w:val="TableText"/>'


@dataclass(slots=True, repr=False, eq=False)
class _Printed(Record):
    """A row as row_parts writes it: whether it repeats on every page, its markup, and its own
    cells' texts with their widths (a cell merged down over rows is left out of its height)."""

    repeats: bool
    markup: str
    texts: list[tuple[str, int]]
    total: bool = False

    def lines(self, points: float) -> int:
        """The lines the row takes: its cell of most lines, wrapped as header_lines wraps."""
        em = points * 20
        return max((len(header_lines(text, max((width - CELL_MARGINS) / em, 1.0))) for text, width in self.texts),
                   default=1)


def _keeps(rows: list[_Printed], points: float) -> list[bool]:
    """Which rows of a part are kept with the row after them (their paragraphs' w:keepNext, which
    Word and LibreOffice both honour in a table): every row but the last of a part of up to
    KEEP_WHOLE body rows; else the repeated rows and the body's rows
    up to FEWEST_LINES lines from its beginning and from its end, so that no page holds a remnant
    of one to three rows (rows of many lines are no remnant: a long part may break after any); and
    its closing rows (CLOSING) with the row before them."""
    body = [i for i, row in enumerate(rows) if not row.repeats]
    keeps = [True] * len(rows) if len(body) <= KEEP_WHOLE else _ends_kept(rows, body, points)
    closing = next((i for i in body[-CLOSING:] if rows[i].total), None)
    if closing is not None:
        for i in range(max(closing - 1, body[0]), len(rows)):
            keeps[i] = True
    if keeps:
        keeps[-1] = False
    return keeps


def _ends_kept(rows: list[_Printed], body: list[int], points: float) -> list[bool]:
    """A long part's rows kept with the next: the repeated rows, and the body's rows up to FEWEST_LINES lines from
    its beginning and from its end (each row kept with the one after)."""
    keeps = [row.repeats for row in rows]
    for ends in (body, body[::-1][1:]):  # from the beginning; from the end (each row kept with the one after)
        held = 0
        for i in ends:
            held += rows[i if ends is body else i + 1].lines(points)
            if held >= FEWEST_LINES:
                break
            keeps[i] = True
    return keeps


def _kept(markup: str) -> str:
    """A row's markup with every paragraph kept with the next (w:keepNext after its w:pStyle)."""
    return markup.replace(_TABLE_TEXT, _TABLE_TEXT + "<w:keepNext/>")


def on_new_page(markup: str) -> str:
    """A table's markup starting a new page: w:pageBreakBefore on its first cell's paragraph (after
    its w:pStyle and w:keepNext, as the schema orders them), where Word and LibreOffice take it as the
    table's own page break."""
    at = markup.index(_TABLE_TEXT) + len(_TABLE_TEXT)
    if markup.startswith("<w:keepNext/>", at):
        at += len("<w:keepNext/>")
    return markup[:at] + PAGE_BREAK_BEFORE + markup[at:]


def _tc(cell: Cell, row: Row, is_header: bool, widths: list[int], merge: str | None, size: str = "") -> str:
    """One w:tc; children in schema order (tcW, gridSpan, vMerge, shd, vAlign), always a w:p.
    ``size``: the w:sz of a table set smaller, placed in the run properties' schema order."""
    indent = cell.indent if cell.indent > 0 and not is_header else 0
    jc = "center" if is_header else JC.get(cell.align, "left")
    run = ""
    if cell.text:
        if cell.missing:
            rpr = MISSING_RPR.replace("<w:highlight", size + "<w:highlight", 1)
        elif is_header or cell.bold or row.kind in ("total", "subtotal"):
            rpr = "<w:b/>" + size
        else:
            rpr = size
        run = joined_runs(cell.text, rpr)
    return f"{tc_open(sum(widths), len(widths), merge, is_header, indent, jc)}{run}</w:p></w:tc>"


# A figure joined to its unit by word joiners (unbroken.joined: “1434.89⁠万⁠元”, “第⁠9⁠行”, “第⁠ ⁠9⁠ ⁠页”).
_JOINED = regex(f"(?:第{WORD_JOINER}(?:[ \u00a0]{WORD_JOINER})?)?[-−]?[0-9][0-9,.，]*(?:{WORD_JOINER}[^{WORD_JOINER}])+")
# LibreOffice breaks Chinese text by its own rules, which ignore a word joiner between a digit and a
# Han character (“1434.89 / 万元”) under the East Asian language zh-CN, and keep it under the
# Latin rules: a joined figure's run is marked so; Word keeps the joiners either way.
_JOINED_LANG = '<w:lang w:eastAsia="en-US"/>'


def joined_runs(text: str, rpr: str) -> str:
    """``text`` as w:r elements with run properties ``rpr``: one run, unless it holds figures joined
    by word joiners — then each joined figure is a run of its own, marked to be broken by the Latin
    rules (_JOINED_LANG, at the end of the run properties as the schema orders w:lang)."""
    if WORD_JOINER not in text:
        return run_xml(text, rpr)
    runs, at = [], 0
    for match in _JOINED.finditer(text):
        if match.start() > at:
            runs.append(run_xml(text[at:match.start()], rpr))
        runs.append(run_xml(match.group(), rpr + _JOINED_LANG))
        at = match.end()
    if at < len(text):
        runs.append(run_xml(text[at:], rpr))
    return "".join(runs)


# How wide the table text is, for widths that keep an amount on one line. Digits are set in the
# Latin font: 0.5 em in Times New Roman (and Liberation Serif, which the PDF puts in its place), 0.64
# em in DejaVu Serif that LibreOffice used on Linux without it, 0.70 em in its bold (totals); 0.70 em
# covers them all, and 0.37 em a separator (, .). A Han character is a full em, and so is a per cent
# sign: “11.11%” does not break before its sign. Cell margins: the table style's 108 twips each side.
# A header may wrap between characters, so its narrowest is one character.
DIGIT_EM = 0.70
SEPARATOR_EM = 0.37
PERCENT_EM = 1.0
TEXT_MARGINS = 2 * 108
CELL_MARGINS = TEXT_MARGINS + 24  # and a hair for the borders
# A cell's left indent, per level: 100 w:leftChars (a character of the cell's size, in Word) and
# w:left of a 五号 character (210 twips, in readers that take the twips): the wider, at any size.
INDENT_TWIPS = round(TABLE_POINTS * 20)
_UNBREAKABLE = regex(r"[0-9０-９.,，%‰+\-−=≥≤<>()（）/:：A-Za-z]+")


TEXT_EMS = 6  # a name may wrap, but not to fewer than six characters a line


_AMOUNT = regex(r"-?[0-9][0-9,.]*%?").fullmatch


def cell_ems(text: str) -> float:
    """The ems a cell needs so that no number (or Latin word) in ``text`` breaks, and a name keeps
    six characters a line (or its whole length, if shorter); at least one character."""
    if _AMOUNT(text):  # nearly every cell of a large table: its width without a regular expression's search
        return max(_piece_ems(text), 1.0)
    return _text_ems(shape(text))  # names of one shape measured once


def _piece_ems(piece: str) -> float:
    """The width of a run that does not break (digits, separators, Latin letters, a per cent sign)."""
    separators = piece.count(",") + piece.count(".")
    percents = piece.count("%")
    return (len(piece) - separators - percents) * DIGIT_EM + separators * SEPARATOR_EM + percents * PERCENT_EM


@functools.lru_cache(maxsize=4096)
def _text_ems(text: str) -> float:
    """cell_ems of a cell with words, given in its shape (names repeat from row to row, and many share
    a shape: measured once each): its widest unbreakable run, and six ems or the whole text's width,
    whichever is less."""
    pieces = _UNBREAKABLE.findall(text)
    widest = max((_piece_ems(piece) for piece in pieces), default=0.0)
    whole = sum(_piece_ems(piece) for piece in pieces) + len(_UNBREAKABLE.sub("", text))
    return max(widest, min(whole, float(TEXT_EMS)), 1.0)


def min_width(text: str, points: float = TABLE_POINTS) -> int:
    """The twips a cell needs at ``points`` (see cell_ems), its margins included."""
    return int(cell_ems(text) * points * 20) + CELL_MARGINS


# The sizes a table may be set in, largest first: 五号, 小五, 六号. A table too wide for its page at
# one size takes the next (the official sizes, never a size between them).
TABLE_SIZES = (TABLE_POINTS, 9.0, 7.5)


def _grid_cells(rows: list[Row], columns: int) -> Iterator[tuple[int, int, Cell]]:
    """Each cell of ``rows`` with its first grid column and its span (Row.cells omits the cells a
    rowspan covers: the walk skips the columns still covered)."""
    covered: dict[int, tuple[int, int]] = {}
    for row in rows:
        cells = iter(row.cells)
        col = 0
        while col < columns:
            if col in covered:
                span, left = covered[col]
                covered[col] = (span, left - 1)
                if left <= 1:
                    del covered[col]
                col += span
                continue
            cell = next(cells, None)
            if cell is None:
                break
            span = max(cell.colspan, 1)
            if cell.rowspan > 1:
                covered[col] = (span, cell.rowspan - 1)
            yield col, span, cell
            col += span


def column_ems(block: Table) -> list[tuple[float, float, int]]:
    """Each grid column's narrowest content, as (the widest plain cell in ems, the widest indented
    cell in ems, its deepest indent in levels), over the body cells that stand in that column alone
    (a header cell wraps between characters). Measured once; the widths at any size follow from it."""
    ems: list[tuple[float, float, int]] = [(1.0, 0.0, 0)] * len(block.widths)
    for col, span, cell in _grid_cells(block.body, len(block.widths)):
        if span > 1 or not cell.text:
            continue
        plain, indented, levels = ems[col]
        width = cell_ems(cell.text)
        ems[col] = (plain, max(indented, width), max(levels, cell.indent)) if cell.indent > 0 else (
            max(plain, width), indented, levels)
    return ems


def column_minimums(block: Table, points: float = TABLE_POINTS,
                    ems: list[tuple[float, float, int]] | None = None) -> list[int]:
    """Each grid column's narrowest width (twips) at ``points`` without breaking a number, nor an
    indented name below six characters a line."""
    em = points * 20
    return [max(int(plain * em), int(indented * em) + levels * INDENT_TWIPS if levels else 0) + CELL_MARGINS
            for plain, indented, levels in (ems or column_ems(block))]


def table_points(block: Table, total: int, ems: list[tuple[float, float, int]] | None = None) -> float:
    """The size the table is set in: the largest of TABLE_SIZES at which its numbers fit ``total``."""
    ems = ems or column_ems(block)
    return next((points for points in TABLE_SIZES if sum(column_minimums(block, points, ems)) <= total),
                TABLE_SIZES[-1])


def fit_widths(block: Table, total: int, points: float = TABLE_POINTS,
               ems: list[tuple[float, float, int]] | None = None, minimums: list[int] | None = None,
               orphaned: Orphaned | None = None, texts: list[list[tuple[str, int, int]]] | None = None) -> list[int]:
    """Column widths (twips, summing to ``total``) from the table's relative widths, widened where
    a column's numbers would otherwise break and taken from the others, which keep their
    proportions; when even the narrowest widths exceed ``total``, each column gets its share of
    ``total`` in proportion to its narrowest. A column whose header would leave one character alone
    on its last line is then made as narrow (but no narrower than its numbers need) or as wide as
    it takes to avoid it, the others sharing the rest. ``minimums``: each column's narrowest width
    (column_minimums, unless given); ``orphaned``: how a text is judged to leave a character alone
    (_orphaned's estimate, unless given: table_fit.py gives the fonts' real widths); ``texts``: the
    table's wrapping_texts, when measured already."""
    minimums = minimums or column_minimums(block, points, ems)
    if sum(minimums) >= total:
        return scale_widths(minimums, total)
    widths = _shares(block.widths, minimums, total, {})
    texts = texts or wrapping_texts(block)
    settled: dict[int, int] = {}
    for _ in range(len(widths)):  # each round settles a column at least
        moved = _unorphaned_widths(texts, widths, minimums, points, orphaned or _orphaned, settled)
        if not moved or _over(settled | moved, minimums, total):
            break
        settled |= moved
        widths = _shares(block.widths, minimums, total, settled)
    return widths


def _unorphaned_widths(texts: list[list[tuple[str, int, int]]], widths: list[int], minimums: list[int], points: float,
                       orphaned: Orphaned, settled: dict[int, int]) -> dict[int, int]:
    """The columns not ``settled`` whose width a round changes so that no header leaves a character alone on its
    last line (column → width)."""
    moved: dict[int, int] = {}
    for i in range(len(widths)):
        others = [sum(widths[first:i]) for _, first, _ in texts[i]]  # the rest of a merged cell's width
        width = unorphaned(texts[i], others, widths[i], minimums[i], points, orphaned)
        if i not in settled and width != widths[i]:
            moved[i] = width
    return moved


def _over(fixed: dict[int, int], minimums: list[int], total: int) -> bool:
    """Whether the columns ``fixed`` (column → width) and the others at their narrowest exceed ``total``."""
    return sum(fixed.values()) + sum(low for i, low in enumerate(minimums) if i not in fixed) > total


def _shares(relative: list[int], minimums: list[int], total: int, settled: dict[int, int]) -> list[int]:
    """``total`` shared in proportion to ``relative`` among the columns not ``settled`` (column →
    width), no column below its minimum: a column short of it gets its minimum, taken from the
    others (in proportion)."""
    fixed = dict(settled)
    while True:
        free = [i for i in range(len(minimums)) if i not in fixed]
        rest = total - sum(fixed.values())
        shares = scale_widths([relative[i] for i in free], rest) if free else []
        widths = dict(zip(free, shares, strict=True)) | fixed
        short = {i: minimums[i] for i in free if widths[i] < minimums[i]}
        if not short:
            return [widths[i] for i in range(len(minimums))]
        fixed |= short


def wrapping_texts(block: Table) -> list[list[tuple[str, int, int]]]:
    """The texts that may wrap, by the last grid column they stand in: the header's (and the
    subheaders') and the body's names (any cell with a Han character but an amount), with its first
    column (a merged cell's text wraps in its columns' width together) and its indent; each in its
    shape (measure.shape), once for all the texts of that shape, which wrap as it does."""
    found: list[set[tuple[str, int, int]]] = [set() for _ in block.widths]
    for last, (text, first, indent) in (*heading_texts(block), *name_texts(block)):
        found[last].add((shape(text), first, indent))
    return [sorted(texts) for texts in found]


def heading_texts(block: Table) -> Iterator[tuple[int, tuple[str, int, int]]]:
    """The header's and the subheaders' texts, each by the last grid column it stands in."""
    heads = block.header + [row for row in block.body if row.kind == "subheader"]
    for col, span, cell in _grid_cells(heads, len(block.widths)):
        if cell.text and col + span <= len(block.widths):
            yield col + span - 1, (cell.text, col, 0)


def name_texts(block: Table) -> Iterator[tuple[int, tuple[str, int, int]]]:
    """The body's names (a cell of one column with a Han character, no amount), with their indent."""
    rows = [row for row in block.body if row.kind != "subheader"]
    for col, span, cell in _grid_cells(rows, len(block.widths)):
        if span == 1 and cell.text and not _AMOUNT(cell.text) and has_han(cell.text):
            # Han characters alone wrap by their count: one text of each length stands for them all
            text = cell.text if _UNBREAKABLE.search(cell.text) else "一" * len(cell.text)
            yield col, (text, col, max(cell.indent, 0) * INDENT_TWIPS)



def header_lines(text: str, ems: float) -> list[float]:
    """The widths (ems) of the lines ``text`` fills in ``ems`` of room, breaking between Han
    characters and around runs of digits or Latin letters (a run wider than the room stands alone)."""
    lines = [0.0]
    for piece in _BREAKS.findall(text):
        width = _piece_ems(piece) if _UNBREAKABLE.fullmatch(piece) else 1.0
        if lines[-1] and lines[-1] + width > ems + 1e-6:
            lines.append(0.0)
        lines[-1] += width
    return lines


_BREAKS = regex(r"[0-9０-９.,，%‰+\-−=≥≤<>()（）/:：A-Za-z]+|.", re.S)


Orphaned = Callable[[str, float], bool]  # whether a text set in so many ems leaves one character alone


def unorphaned(texts: list[tuple[str, int, int]], others: list[int], width: int, minimum: int, points: float,
               orphaned: Orphaned | None = None) -> int:
    """A width near ``width`` (twips) for a column at which none of the ``texts`` ending in it
    leaves one character alone on its last line (a merged cell's also has ``others``, the width of
    its other columns; an indented one less room): ``width`` when none does; else the widest of
    fewer characters a line that is no narrower than ``minimum``, or failing that the narrowest of
    more."""
    em = points * 20
    alone = orphaned or _orphaned

    def clean(twips: int) -> bool:  # with the margins alone, and with a hair for the borders too
        return not any(alone(text, (twips + other - indent - margins) / em)
                       for (text, _, indent), other in zip(texts, others, strict=True)
                       for margins in (TEXT_MARGINS, CELL_MARGINS))

    if clean(width):
        return width
    for fewer in range(math.floor((width - CELL_MARGINS) / em) - 1, 0, -1):
        twips = max(minimum, math.ceil(fewer * em) + CELL_MARGINS)
        if twips >= width:
            break
        if clean(twips):
            return twips
    for more in range(1, max((len(text) for text, _, _ in texts), default=0) + 1):
        twips = width + math.ceil(more * em)
        if clean(twips):
            return twips
    return width


def _orphaned(text: str, room: float) -> bool:
    """Whether ``text`` set in ``room`` ems leaves one character (or less) on its last line."""
    if room >= len(text):
        return False
    if not _UNBREAKABLE.search(text):  # Han characters only (most names): by arithmetic
        chars = max(math.floor(room + 1e-6), 1)
        return len(text) > chars and len(text) % chars == 1
    lines = header_lines(text, room)
    return len(lines) > 1 and lines[-1] <= 1.0



def needs_landscape(block: Table, portrait: int, ems: list[tuple[float, float, int]] | None = None) -> bool:
    """Whether the table's numbers fit a portrait page only when it turns to landscape, or a header
    of it would leave one character alone on its last line there (fit_widths finding no way out)."""
    return portrait_widths(block, portrait, ems) is None


def portrait_widths(block: Table, portrait: int, ems: list[tuple[float, float, int]] | None = None,
                    texts: list[list[tuple[str, int, int]]] | None = None) -> list[int] | None:
    """The table's widths on a portrait page ``portrait`` twips wide (fit_widths at its table_points),
    or None when it needs a landscape page (needs_landscape): found once, for the question and the answer."""
    if block.wide or sum(column_minimums(block, TABLE_POINTS, ems)) > portrait:
        return None
    points = table_points(block, portrait, ems)
    widths, em = fit_widths(block, portrait, points, ems, texts=texts), points * 20
    if any(_orphaned(text, (sum(widths[first:last + 1]) - indent - margins) / em)
           for last, (text, first, indent) in heading_texts(block) for margins in (TEXT_MARGINS, CELL_MARGINS)):
        return None
    return widths


def scale_widths(widths: list[int], total: int) -> list[int]:
    """Relative widths → twips summing exactly to ``total`` (the last column takes the rounding)."""
    shares = [max(w, 0) for w in widths]
    if not sum(shares):
        shares = [1] * len(widths)
    out = [total * s // sum(shares) for s in shares]
    out[-1] += total - sum(out)
    return out


def tc_properties(width: int, span: int, merge: str | None, is_header: bool) -> str:
    """A cell's w:tcPr content: width, merges, header shading (shared with the diff writer)."""
    pr = [f'<w:tcW w:w="{width}" w:type="dxa"/>']
    if span > 1:
        pr.append(f'<w:gridSpan w:val="{span}"/>')
    if merge == "restart":
        pr.append('<w:vMerge w:val="restart"/>')
    elif merge == "continue":
        pr.append("<w:vMerge/>")  # no val: continue the merge from above
    if is_header:
        pr.append(f'<w:shd w:val="clear" w:color="auto" w:fill="{HEADER_FILL}"/>')
    pr.append('<w:vAlign w:val="center"/>')
    return "".join(pr)


def cell_indent(indent: int) -> str:
    """A cell paragraph's left indent in characters (and twips, for readers ignoring chars)."""
    if indent <= 0:
        return ""
    twips = indent * INDENT_TWIPS
    return f'<w:ind w:leftChars="{int(indent) * 100}" w:left="{twips}"/>'


@functools.cache
def tc_open(width: int, span: int, merge: str | None, is_header: bool, indent: int, jc: str) -> str:
    """A cell's markup up to its run: the same for most cells of a column, so made once (a table
    of 20,000 rows has 100,000 cells)."""
    ppr = f'<w:pStyle w:val="TableText"/>{cell_indent(indent)}<w:jc w:val="{jc}"/>'
    return f"<w:tc><w:tcPr>{tc_properties(width, span, merge, is_header)}</w:tcPr><w:p><w:pPr>{ppr}</w:pPr>"


HEADER_FILL = "D9D9D9"
