"""A PDF page's lines of words as the table reader sees them, and the figures, numbers and items a line prints.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass, field

from reportgen.base.patterns import regex
from reportgen.readers.pdf.pdf_words import Word as _Word


@dataclass(frozen=True, slots=True)
class PdfLine:
    """A printed line of text, in reading order."""

    page: int  # 1-based
    number: int  # 1-based, counted on its page top to bottom
    text: str  # its words, in order, joined by a space
    left: float  # its box in points from the page's top left
    top: float
    right: float
    bottom: float
    size: float  # the height of its tallest word: a title is set larger than the text
    table: int | None = None  # the index in PdfDocument.grids of the grid it is a row of

    @property
    def place(self) -> str:
        return f"第{self.page}页 第{self.number}行"


@dataclass(slots=True)
class Line:
    page: int
    number: int
    words: list[_Word]  # never changed: a line of other words is another Line
    side: str = ""  # where the words of a table's columns continued on the next page were printed (第4页 第6行)
    # of a row banded from several printed lines (_banded): each line's number, top and bottom
    band: tuple[tuple[int, float, float], ...] = ()
    text: str = field(init=False)  # its words, a space apart
    size: float = field(init=False)  # its tallest word's height
    top: float = field(init=False)  # its highest word's top and lowest word's bottom
    bottom: float = field(init=False)

    def __post_init__(self) -> None:
        words = self.words
        if len(words) == 1:  # a line of prose is one word
            word = words[0]
            self.text, self.size, self.top, self.bottom = word.text, word.bottom - word.top, word.top, word.bottom
            return
        self.text = " ".join([word.text for word in words])
        self.size = max([word.bottom - word.top for word in words])
        self.top = min([word.top for word in words])
        self.bottom = max([word.bottom for word in words])

    def gap(self) -> float:
        """The widest space between two of its words, in line heights (0 for one word)."""
        spaces = [b.left - a.right for a, b in zip(self.words, self.words[1:], strict=False)]
        return max(spaces, default=0.0) / self.size

    def public(self, table: int | None) -> PdfLine:
        words = self.words
        return PdfLine(self.page, self.number, self.text, min([w.left for w in words]), self.top,
                       max([w.right for w in words]), self.bottom, self.size, table)


def lines_of(page: int, printed: list[list[_Word]]) -> list[Line]:
    """The page's printed lines (readers/pdf_words.py), numbered on the page as a reader counts them."""
    return [Line(page, number, line) for number, line in enumerate(printed, start=1)]


TOTALS = ("合计", "总计")


@dataclass
class Chunk:
    """A table's lines on one page: ``head`` of them are its title, caption and header (first page)
    or the header repeated (a continuation page: dropped)."""

    lines: list[Line]
    head: int = 0
    notes: int = 0  # the last ``notes`` lines are notes under the table
    sided: bool = False  # joined with the columns the next page printed for its rows (joined_side)


@dataclass
class Table:
    chunks: list[Chunk]
    closed: bool = False  # a note or a paragraph ended it: the next page does not continue it
    beside: list[Line] = field(default_factory=list)  # the lines of the pages continuing its columns, as printed
    side_left: float | None = None  # where, in its lines, the columns of the first such page begin
    side_shift: float | None = None  # how far right of where they are printed those pages' words are set
    unjoined: str = ""  # why a page continuing its columns was not joined with it
    running: bool = True  # whether lines of running text in a column may keep it open (extents._in_a_column)

    @property
    def first(self) -> Chunk:
        return self.chunks[0]


def is_year(word: _Word, following: _Word | None) -> bool:
    """A year in a header cell (2022 年预算数: pdftotext parts the figures from the Han text), not an
    amount or a code: four digits run on to 年."""
    return (len(word.text) == 4 and word.text.isdigit() and following is not None
            and following.text.startswith("年") and following.left - word.right < 0.5 * word.height)


_NUMERALS = frozenset("一二三四五六七八九十")


def numbered(text: str) -> bool:
    """An item numbered as a budget table's rows are: 一、 to 二十四、, 1、 to 99、, or （一） to （三十） with either
    width of bracket, mixed as printed (无锡市信访局 2025 公开04表: “（九)社会保险基金支出”, a row of its own with no
    figure, never the end of the name above it; 西安 2025's 收支总表 “20、住房保障支出” over “21、粮油物资储备支出” …
    “24、其他支出”, printing nothing right of them, and 长沙 2025's “22、其他支出” atop a page over “二、结转下年”: rows
    of their own, never one name)."""
    head, mark, _ = text.partition("、")
    return bool(mark) and (0 < len(head) <= 3 and all(char in _NUMERALS for char in head)
                           or 0 < len(head) <= 2 and head.isascii() and head.isdigit()) \
        or _BRACKETED_ITEM.match(text) is not None


_BRACKETED_ITEM = regex(r"[（(][一二三四五六七八九十]{1,3}[）)]")


def characters(lines: list[Line]) -> list[str]:
    return sorted(char for line in lines for word in line.words for char in word.text if not char.isspace())


def texts(line: Line) -> list[str]:
    return [word.text for word in line.words]


@functools.lru_cache(maxsize=1 << 16)  # a page's words are asked about again for every column found
def is_number(text: str) -> bool:
    """An amount or a code as printed: digits with thousands commas and a decimal point, a sign or
    a percent sign; a dash for nothing. A figure whose separators left of the last are missing
    (“125360,898”: 上海市职业能力考试院 2026) is set as a figure, right-aligned in its column; the amount
    reader (reading/amounts.py) still refuses it, and the import says why."""
    body = text.strip().removeprefix("-").removeprefix("+").removesuffix("%")
    if text.strip() in ("-", "—", "－"):
        return True
    whole, _, decimals = body.partition(".")
    if decimals and not decimals.isascii() or decimals and not decimals.isdigit():
        return False
    return _grouped(whole)


def _grouped(whole: str) -> bool:
    """Whether a figure's whole part is ASCII digits, in groups of three after the first where commas part them."""
    groups = whole.split(",")
    if not whole or not all(g.isascii() and g.isdigit() for g in groups):
        return False
    return len(groups) == 1 or (len(groups[0]) >= 1 and all(len(g) == 3 for g in groups[1:]))


def em_of(body_words: list[_Word], printed: list[Line], title: Line) -> float:
    """A table's line height: its body words' median height, else its header's, else its title's."""
    return median([w.height for w in body_words or [w for line in printed for w in line.words]] or [title.size])


def baseline_of(line: Line) -> float:
    return min(line.words, key=lambda w: w.bottom - w.top).bottom


def median(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[len(ordered) // 2]


def centre(words: Iterable[_Word]) -> float:
    boxes = list(words)
    return (min(w.left for w in boxes) + max(w.right for w in boxes)) / 2


def words_text(words: list[_Word]) -> str:
    return "".join(word.text for word in words)


UNITS = frozenset("万元亿千百%％倍个家人辆台套年月日次项")  # what follows a figure in a sentence
_NUMBER_CHARS = frozenset("0123456789,.")


def is_amount(text: str) -> bool:
    """A printed amount, not a year or a code: with thousands commas or decimals."""
    return is_number(text) and ("," in text or "." in text.strip(".")) and text[0] not in ",."


def width(text: str) -> float:
    """A text's width in half-em: a Han character or full-width sign is one em, others half."""
    return sum(1.0 if ord(char) >= 0x2E80 else 0.5 for char in text) or 1.0
