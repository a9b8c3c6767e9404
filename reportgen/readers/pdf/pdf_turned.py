"""A page whose text is set sideways or upside down: read as it reads when the page is turned.

A landscape table drawn turned on a portrait page, with no /Rotate to turn it back (a page scanned or
merged in sideways), is read by pdftotext with every word standing on end: its boxes tall and narrow,
its lines running down the page, and no table or sentence is found in it. Such a page is told by its
words (most of them taller than wide), and which way it turned by its content: the direction its text
objects' baselines run (the text matrix of each BT under the transformation, parsed by pikepdf with the
page's clips: readers/text_angle.py). A page set upside down — its text drawn under a half turn, or a
/Rotate of 180 turning it so — is read by pdftotext right to left and bottom up, each word's box as wide
as it should be, its table's rows in reverse and its labels after its figures: such a page is told by
its content alone (most of its text objects running half a turn from its /Rotate; no page printed
upright has that). A copy of the PDF with that page's /Rotate set so that the text stands upright is
read again by pdftotext, whose boxes are then those of the page as a reader turns it.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from reportgen.readers.pdf.pdf_clips import Seen
from reportgen.readers.pdf.word_box import Word

_TALL = 1.5  # a word at least this many times taller than wide stands on end
_SIDEWAYS_SHARE = 0.6  # a page of words of two characters or more, this share of them on end, is sideways
_FEW = 10  # a page with fewer such words is not judged sideways (a stamp, a vertical label)


def sideways(words: list[Word]) -> bool:
    """Whether a page's words stand on end (most words of two characters or more taller than wide)."""
    long = [word for word in words if len(word.text) >= 2]
    tall = sum(1 for word in long if word.height > _TALL * (word.right - word.left))
    return len(long) >= _FEW and tall >= _SIDEWAYS_SHARE * len(long)


def turns(seen: list[Seen], pages: list[list[Word]]) -> dict[int, int]:
    """For each page (1-based), the /Rotate that sets its text upright, where its own does not: a page
    whose text shows upside down (its content's angle half a turn from its /Rotate), or sideways and its
    words stand on end (a page of a landscape table's few upright words is not turned for its labels)."""
    found: dict[int, int] = {}
    for number, (view, words) in enumerate(zip(seen, pages, strict=False), start=1):
        if view.angle is None or view.angle == view.rotate:
            continue
        if (view.angle - view.rotate) % 360 == 180 or sideways(words):
            found[number] = view.angle  # a page turned clockwise by its text's angle shows it upright
    return found


def turned_copy(data: bytes, rotations: dict[int, int], path: Path) -> None:
    """A copy of the PDF at ``path`` with the pages of ``rotations`` set to their /Rotate."""
    from reportgen.readers.pdf import page_tree  # deferred: pikepdf, for a turned page only

    with page_tree.opened(data) as pdf:  # a page tree qpdf refuses walked as poppler walks it (its pages read)
        for number, rotate in rotations.items():
            pdf.pages[number - 1].obj.Rotate = rotate
        pdf.save(path)


def read_turned(data: bytes, rotations: dict[int, int], folder: Path,
                read: Callable[[Path], list[list[Word]]]) -> dict[int, list[Word]]:
    """The words of each page of ``rotations`` as ``read`` (pdftotext) reads it set upright."""
    copy = folder / "turned.pdf"
    turned_copy(data, rotations, copy)
    pages = read(copy)
    return {number: pages[number - 1] for number in rotations if number <= len(pages)}
