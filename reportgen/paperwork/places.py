"""Where each listed finding stands on its PDF page: boxes around the words it is about, read from the
text layer's geometry (readers/pdf_words: pdftotext's word boxes, the same run the review read).

A finding on a line of the text (a figure, a rule's sentence) is on the printed line of that number:
the review's lines are the pages' printed lines in order (layout_text), so the n-th line of page p
is ``printed_lines(words of p)[n]`` — checked by its words, never assumed. A figure is boxed on its
own characters within the line, a rule's finding on the whole line. A table's difference names its
page and quotes what is printed there: the quoted characters are looked for on that page. Boxes are
in the page's displayed coordinates (points from its top left), as pdftotext gives them; a finding
that cannot be placed (no page, or its words not found there) has no box and is listed only."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from pathlib import Path

from reportgen.base.errors import Internal
from reportgen.paperwork.listing import Listed, flat
from reportgen.readers.pdf.pdf_words import PdfNotRead, Word, lines_of_pages, pdf_words
from reportgen.readers.text.lines import Line

Box = tuple[float, float, float, float]  # left, top, right, bottom


@dataclass(frozen=True)
class Mark:
    """A listed finding with its number (as the legend numbers it) and its boxes on its page."""

    number: int
    item: Listed
    boxes: tuple[Box, ...] = ()


class NotPlaced(Internal):
    """The PDF's words could not be read again (it has changed, or pdftotext fails on it)."""


def marks(document: Path, data: bytes, items: list[Listed], lines: dict[int, Line]) -> list[Mark]:
    """Each finding numbered in list order, with its boxes where its page shows its words."""
    def refuse(message: str) -> Exception:
        return NotPlaced(message)

    try:
        pages = pdf_words(document, data, refuse, "未标注")
    except PdfNotRead:
        raise NotPlaced("pdftotext 不能读取这个 PDF") from None
    printed = lines_of_pages(pages)
    return [Mark(number, item, _boxes(item, printed, lines)) for number, item in enumerate(items, start=1)]


def _boxes(item: Listed, printed: list[list[list[Word]]], lines: dict[int, Line]) -> tuple[Box, ...]:
    if not 0 < item.page <= len(printed):
        return ()
    page = printed[item.page - 1]
    if item.line:
        return _at_line(item, page, lines)
    if item.quote:
        return _quoted(item, page)
    return ()


def _at_line(item: Listed, page: list[list[Word]], lines: dict[int, Line]) -> tuple[Box, ...]:
    """A finding at a line of the text: around its figure's value (a cell is told “label value”), else the line."""
    words = _printed_line(item, page, lines)
    if words is None:
        return ()
    if item.kind == "figure":
        found = _span(words, item.printed.split(" ")[-1])  # a cell is told “label value”: its value
        return (found,) if found else (_around(words),)
    return (_around(words),)


def _quoted(item: Listed, page: list[list[Word]]) -> tuple[Box, ...]:
    """A table's difference quoting what the page prints: on the line that names what it is about (a table row's
    name), else the first that prints it."""
    named = [words for words in page if item.about and flat(item.about) in flat("".join(w.text for w in words))]
    return next(((found,) for words in (*named, *page) if (found := _span(words, item.quote))), ())


def _printed_line(item: Listed, page: list[list[Word]], lines: dict[int, Line]) -> list[Word] | None:
    """The printed line the finding's line number stands for, if its words are that line's."""
    line = lines.get(item.line)
    if line is None:
        return None
    index = sum(1 for other in lines.values() if other.page == item.page and other.number < item.line)
    if index >= len(page) or flat("".join(w.text for w in page[index])) != flat(line.text):
        return None
    return page[index]


def _around(words: list[Word]) -> Box:
    return (min(w.left for w in words), min(w.top for w in words), max(w.right for w in words),
            max(w.bottom for w in words))


def _span(words: list[Word], wanted: str) -> Box | None:
    """The box of ``wanted``'s characters within the line (spaces aside): within a word, each
    character's share of the word's width is its own (a Chinese character or full-width sign two
    parts, any other one)."""
    target = flat(wanted)
    places = [(word, index) for word in words for index in range(len(word.text))]
    text = "".join(word.text[index] for word, index in places)
    at = text.find(target) if target else -1
    if at < 0:
        return None
    chosen = places[at:at + len(target)]
    return _bounding([_character(word, index) for word, index in chosen])


def _bounding(boxes: list[Box]) -> Box:
    """The box around ``boxes``."""
    return (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes))


def _character(word: Word, index: int) -> Box:
    weights = [_weight(c) for c in word.text]
    unit = (word.right - word.left) / sum(weights)
    left = word.left + unit * sum(weights[:index])
    return (left, word.top, left + unit * weights[index], word.bottom)


def _weight(character: str) -> int:
    return 2 if unicodedata.east_asian_width(character) in ("W", "F") else 1
