"""A printed table as the workbook it was printed from: title, caption, header, body and notes, a row for each printed line, each word in its column.
"""

from __future__ import annotations

from reportgen.base.patterns import regex
from reportgen.readers.grid import Cell, Grid, Merge
from reportgen.readers.pdf.pdf_words import Word as _Word
from reportgen.readers.pdf.tables.body_rows import caption_cells, run_on_names, split_run_ons
from reportgen.readers.pdf.tables.columns import (
    BAND,
    CENTRED,
    PAD,
    add_header_columns,
    body_columns,
    cell_at,
    column_cuts,
    header_cells,
    joined_header,
)
from reportgen.readers.pdf.tables.lines import Line, Table, baseline_of, centre, em_of, median


def grid_of(table: Table, file: str) -> Grid:
    """The table as the workbook it was printed from: title, caption, header, body and notes, a row
    for each printed line, each word in its column."""
    first = table.first
    title, caption = first.lines[0], first.lines[1]
    body = [(line, split_run_ons(line.words)) for line in _banded(_body_lines(table))]
    body_words = [word for _, words in body for word in words]
    printed = first.lines[2:first.head]
    em = em_of(body_words, printed, title)
    columns = body_columns(body_words, em)
    joined = joined_header(printed, columns, em)
    header = [line for line in joined if line is not None]
    header_words = [w for line in header for w in line.words]
    add_header_columns(columns, header, em)
    cuts = column_cuts(columns, em, header_words)
    extent = _extent(body_words + header_words + caption.words, em)
    rows = _Rows(max(len(columns), 1))
    _add_title(rows, title, extent)
    rows.add(caption, caption_cells(caption, extent, rows.width))
    _add_header(rows, printed, joined, header_cells(header, cuts, extent, em))
    _add_body(rows, table, body, cuts, em)
    grid = Grid(file, f"第{title.page}页", rows.rows, rows.merges, row_places=rows.places, kind="pdf",
                unjoined=table.unjoined)
    if table.side_left is not None:
        grid.side_from, grid.side_places = cell_at(table.side_left, cuts), rows.side_places
    return grid


def _add_header(rows: _Rows, printed: list[Line], joined: list[Line | None],
                placed: list[tuple[dict[int, list[str]], list[tuple[int, int]]]]) -> None:
    """A row for each printed header line: its words in their cells, the cells a word heads merged (``placed``,
    for each line of the ``joined`` header in turn); a line whose words joined one above it an empty row."""
    header = [line for line in joined if line is not None]
    by_line = dict(zip(map(id, header), placed, strict=True))
    for line, own in zip(printed, joined, strict=True):
        cells, spans = by_line[id(own)] if own is not None else ({}, [])
        rows.merges.extend(Merge(len(rows.rows), a, len(rows.rows), b) for a, b in spans)
        rows.add(line, cells)


def _add_body(rows: _Rows, table: Table, body: list[tuple[Line, list[_Word]]], cuts: list[float], em: float) -> None:
    """A row for each body line, its words in their cells (a name run on over lines in one), and each note's."""
    for line, cells, at in run_on_names(body, cuts, em):
        rows.add(line, cells, at)
    for line in _note_lines(table):
        rows.add(line, {0: [line.text]})


def _body_lines(table: Table) -> list[Line]:
    """The table's body lines over all its pages: each page's lines but its head and its notes."""
    return [line for chunk in table.chunks for line in chunk.lines[chunk.head:len(chunk.lines) - chunk.notes]]


def _banded(lines: list[Line]) -> list[Line]:
    """The body's lines with each line whose baseline is less than 0.8 of a character's size below the
    first line of the row above (on its page) joined to that row: two printed lines of text cannot stand
    that close, so these are one row whose cells' texts are set at different heights (codes at a ruled
    cell's top, names in its middle, figures lower still). Measured from the row's first line, so a
    label centred over two rows joins the upper and never chains the lower into it. A line's baseline
    is the bottom of its squattest word, and the size a Chinese character's width, so a PDF whose word
    boxes are set too short or too tall reads alike."""
    size = _character_size(lines)
    bands: list[tuple[Line, float]] = []  # each band and the baseline of its first line
    for line in lines:
        baseline = baseline_of(line)
        if bands and bands[-1][0].page == line.page and 0 <= baseline - bands[-1][1] < BAND * size:
            above, first = bands[-1]  # measured from the band's first line: a label centred over two rows
            words = sorted(above.words + line.words, key=lambda w: w.left)
            band = (above.band or ((above.number, above.top, above.bottom),)) + ((line.number, line.top, line.bottom),)
            bands[-1] = (Line(above.page, above.number, words, above.side or line.side, band), first)
        else:  # joins the upper one, as ever, and never chains the lower into it
            bands.append((line, baseline))
    return [band for band, _ in bands]


_ALL_HAN = regex(r"[\u4e00-\u9fff]+")  # a word of Chinese characters only


def _character_size(lines: list[Line]) -> float:
    """A Chinese character's width in these lines (a word of Chinese characters' width by its
    length), else their words' median height."""
    widths = [(w.right - w.left) / len(w.text) for line in lines for w in line.words if _ALL_HAN.fullmatch(w.text)]
    return median(widths) if widths else median([w.bottom - w.top for line in lines for w in line.words] or [0.0])


def _note_lines(table: Table) -> list[Line]:
    return [line for chunk in table.chunks for line in chunk.lines[len(chunk.lines) - chunk.notes:]]


def _add_title(rows: _Rows, title: Line, extent: tuple[float, float]) -> None:
    """The title's row: merged across the table where it is centred over it."""
    rows.add(title, {0: [title.text]})
    if rows.width > 1 and abs(centre(title.words) - (extent[0] + extent[1]) / 2) <= CENTRED * title.size:
        rows.merges.append(Merge(0, 0, 0, rows.width - 1))


class _Rows:
    """A grid's rows as they are added, with where each was printed. A cell is immutable: one Cell
    serves every cell of the same text (a table prints a few hundred texts over a few thousand cells)."""

    def __init__(self, width: int) -> None:
        self.width = width
        self.rows: list[list[Cell]] = []
        self.merges: list[Merge] = []
        self.places: list[str] = []
        self.side_places: list[str] = []
        self.cells: dict[str, Cell] = {}
        self.blank = Cell(None)

    def add(self, line: Line, cells: dict[int, list[str]], at: dict[int, int] | None = None) -> None:
        row = [self.blank] * self.width
        for col, texts in cells.items():
            text = " ".join(texts)
            if at and col in at:  # printed on a line of its own row not its first: a cell of its own, with its place
                row[col] = Cell(text, text, place=f"第{line.page}页 第{at[col]}行")
                continue
            cell = self.cells.get(text)
            if cell is None:
                cell = self.cells[text] = Cell(text, text)
            row[col] = cell
        self.rows.append(row)
        self.places.append(f"第{line.page}页 第{line.number}行")
        self.side_places.append(line.side)


def _extent(words: list[_Word], em: float) -> tuple[float, float]:
    """The table's left and right edges: its caption's (编制部门 on the left edge, 单位 on the
    right), header's and body's text, and a cell's padding."""
    if not words:
        return (0.0, 0.0)
    return (min(w.left for w in words) - PAD * em, max(w.right for w in words) + PAD * em)
