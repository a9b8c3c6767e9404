"""The neutral grid every input format is read into: a sheet of a workbook, an HTML or DOCX table,
a CSV file, or a table printed in a PDF.

A cell keeps what the file holds, never interpreted: a number cell's value as a Decimal (exact: a
float from a workbook becomes the shortest decimal that reads back as it), a text cell's text as
written (a PDF's cells are all text), and the text as shown where the format knows it. Merged
ranges are recorded, not filled: the value sits in the range's first cell only. Where each cell came
from is :meth:`Grid.where` — ``部门收入总表!E12`` for a sheet, ``第13页 第7行`` for a PDF line."""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from decimal import Decimal

from reportgen.base.errors import ReportgenError, shown_text


@dataclass(frozen=True, slots=True)
class Cell:
    value: Decimal | str | None  # a number cell's value; a text cell's text; None when empty
    text: str = ""  # as shown (the text of a PDF word run, a formatted number where the format is known)
    number_format: str = ""  # the workbook's number format where known ("#,##0.00")
    formula: bool = False  # the cell holds a formula (its cached value is ``value``)
    unsaved: bool = False  # a formula saved without its result: nothing was read, not even a blank
    # a PDF's figure printed on another line of its row than the row's first (a row's name wrapped over the lines
    # around its figures): where it is printed (Grid.where); not part of what the cell holds
    place: str = field(default="", compare=False)


EMPTY = Cell(None, "")


@dataclass(frozen=True, slots=True)
class Merge:
    """A merged range, inclusive, 0-based."""

    first_row: int
    first_col: int
    last_row: int
    last_col: int


@dataclass
class Grid:
    """One table-like region of one file. ``rows`` may be ragged; a missing cell is empty."""

    file: str  # the file's name as the user gave it
    name: str  # the sheet's name as written (a trailing space kept); for a PDF "第3页" (its first page)
    rows: list[list[Cell]]
    merges: list[Merge] = field(default_factory=list)
    hidden_rows: frozenset[int] = frozenset()
    hidden_cols: frozenset[int] = frozenset()
    # Where a row came from, when it is not a sheet's row number: a PDF's "第13页 第7行" per row.
    row_places: list[str] | None = None
    kind: str = "sheet"  # "sheet" (workbook, CSV, HTML/DOCX table) or "pdf"
    hidden: bool = False  # a hidden (or "very hidden") sheet of a workbook; kept, in the workbook's order
    # What the reader noticed and did not refuse, in Chinese, each naming the file (and sheet or cell):
    # macros not run, links to other workbooks not followed, a formula saved without its value. Notes
    # about the whole workbook sit on its first grid only.
    notes: list[str] = field(default_factory=list)
    scanned: tuple[int, ...] = ()  # a PDF's pages of it that are scans, read by OCR (readers/pdf_ocr.py)
    # A table too wide for its page, printed in column halves on pages in turn and joined into one grid
    # (readers/pdf/tables/sides.py): from column ``side_from`` on, a row's cells were printed on the next page,
    # at ``side_places[row]`` ("" where that row has no line there).
    side_from: int | None = None
    side_places: list[str] | None = None
    # Why a table continued by columns on the next page was not joined with it (its rows did not line
    # up): each half is then only part of the table, never read for sure (importing/sure.py).
    unjoined: str = ""
    # a PDF's lines of a page printed twice over that repeat the grid's rows (read once): its lines, no prose
    again_places: tuple[str, ...] = ()
    # the sheet's rows above the grid's first: a table set under another on one sheet, cut from it
    row_offset: int = 0
    # a PDF's form of label and value cells read from the lines drawn between them (pdf/tables/ruled_forms.py): its
    # cells each in its first row and column, merged over the others, under its title's row and the row under that
    form: bool = False

    def cell(self, row: int, col: int) -> Cell:
        if 0 <= row < len(self.rows) and 0 <= col < len(self.rows[row]):
            return self.rows[row][col]
        return EMPTY

    @property
    def width(self) -> int:
        return max((len(r) for r in self.rows), default=0)

    @property
    def label(self) -> str:
        """The sheet's name as a message or a comment may print it: a bidi override, a zero-width or
        a control character is written [U+XXXX], never copied raw into what a user reads."""
        return shown_name(self.name)

    @property
    def shown(self) -> str:
        """The file and the sheet (and the row a grid cut from a sheet begins at), as a listing prints them."""
        return f"{shown_name(self.file)} {self.label}" + (f"（第{self.row_offset + 1}行起）" if self.row_offset else "")

    def where(self, row: int, col: int | None = None) -> str:
        """Where a reviewer finds the cell (or the row, ``col`` None) in the file."""
        if col is not None and (beside := self._beside_place(row, col)):
            return beside
        if col is not None and self.kind == "pdf" and (place := self.cell(row, col).place):
            return place
        if self.row_places is not None:
            return self.row_places[row]
        if col is None:
            return f"{self.label}!第{row + self.row_offset + 1}行"
        return f"{self.label}!{column_letters(col)}{row + self.row_offset + 1}"

    def _beside_place(self, row: int, col: int) -> str:
        """Where a cell of the columns a later page continued the table with is printed (side_places); "" for
        any other cell."""
        if self.side_places and self.side_from is not None and col >= self.side_from:
            return self.side_places[row]
        return ""


@functools.lru_cache(maxsize=1024)
def shown_name(name: str) -> str:
    """A file's or a sheet's name as a user reads it (errors.shown_text, long enough for any name);
    kept per name, as every cell's place names its sheet (80,000 places in a 20,000-row export)."""
    return shown_text(name, 260)


def column_letters(col: int) -> str:
    """0 → A, 25 → Z, 26 → AA."""
    letters = ""
    n = col + 1
    while n:
        n, rem = divmod(n - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


class ImportRefused(ReportgenError):
    """A file that cannot be imported: ``message`` in Chinese names the file and, where it applies,
    the sheet, cell or page, and says what is expected."""

    def __init__(self, message: str, differences: list[str] | None = None, final: bool = False) -> None:
        super().__init__(message)
        self.message = message
        self.final = final  # a 部门决算: its tables reconciled though not imported
        self.differences = differences or []  # theirs, each told in full
