"""A page whose text is set sideways: read as it reads when the page is turned.

A landscape table drawn turned on a portrait page, with no /Rotate to turn it back (a page scanned or
merged in sideways), is read by pdftotext with every word standing on end: its boxes tall and narrow,
its lines running down the page, and no table or sentence is found in it. Such a page is told by its
words (most of them taller than wide), and which way it turned by its content: the direction its text
objects' baselines run (the text matrix of each BT under the transformation, parsed by pikepdf). A copy
of the PDF with that page's /Rotate set so that the text stands upright is read again by pdftotext,
whose boxes are then those of the page as a reader turns it.
"""

from __future__ import annotations

import io
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pikepdf

from reportgen.readers.pdf_clips import instructions
from reportgen.readers.word_box import Word

_TALL = 1.5  # a word at least this many times taller than wide stands on end
_SIDEWAYS_SHARE = 0.6  # a page of words of two characters or more, this share of them on end, is sideways
_FEW = 10  # a page with fewer such words is not judged sideways (a stamp, a vertical label)
_FOLLOWED = "q Q cm BT Tm ET"


def sideways(words: list[Word]) -> bool:
    """Whether a page's words stand on end (most words of two characters or more taller than wide)."""
    long = [word for word in words if len(word.text) >= 2]
    tall = sum(1 for word in long if word.height > _TALL * (word.right - word.left))
    return len(long) >= _FEW and tall >= _SIDEWAYS_SHARE * len(long)


def turns(data: bytes, pages: list[int]) -> dict[int, int]:
    """For each page (1-based) among ``pages``, the /Rotate that sets its text upright, where its content
    says which way most of its text runs and its own /Rotate does not already set it so."""
    found: dict[int, int] = {}
    try:
        with pikepdf.open(io.BytesIO(data)) as pdf:
            for number in pages:
                page = pdf.pages[number - 1]
                angle = _angle(instructions(page, _FOLLOWED))
                if angle is not None and angle != int(page.obj.get("/Rotate", 0)) % 360:
                    found[number] = angle  # a page turned clockwise by its text's angle shows it upright
    except Exception:  # noqa: BLE001 — a content that does not parse: the page is read as it is
        return {}
    return found


def turned_copy(data: bytes, rotations: dict[int, int], path: Path) -> None:
    """A copy of the PDF at ``path`` with the pages of ``rotations`` set to their /Rotate."""
    with pikepdf.open(io.BytesIO(data)) as pdf:
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


def _angle(operations: list[tuple[list[bytes], str]]) -> int | None:
    """The angle most of the page's text objects run at, in its own coordinates (0 across, 90 up, 180
    right to left, 270 down); None where no angle has most of them (or no text is shown)."""
    matrix, stack = (1.0, 0.0, 0.0, 1.0), []
    directions: Counter[int | None] = Counter()
    text: tuple[float, float] | None = None  # the open text object's baseline (its Tm's, else across)
    for operands, name in operations:
        if name == "q":
            stack.append(matrix)
        elif name == "Q":
            matrix = stack.pop() if stack else matrix
        elif name == "cm" and len(operands) == 6:
            a, b, c, d = (float(value) for value in operands[:4])
            p, q, r, s = matrix
            matrix = (a * p + b * r, a * q + b * s, c * p + d * r, c * q + d * s)
        elif name == "BT":
            text = (1.0, 0.0)
        elif name == "Tm" and text is not None and len(operands) == 6:
            text = (float(operands[0]), float(operands[1]))
        elif name == "ET" and text is not None:  # no cm inside a text object: the matrix is the BT's
            directions[_direction(text, matrix)] += 1
            text = None
    total = sum(directions.values())
    angle, count = directions.most_common(1)[0] if directions else (None, 0)
    return angle if angle is not None and count > total / 2 else None


def _direction(baseline: tuple[float, float], matrix: tuple[float, float, float, float]) -> int | None:
    """The angle (0, 90, 180, 270) a baseline runs at under ``matrix``; None where it is slanted."""
    x, y = baseline
    p, q, r, s = matrix
    across, along = x * p + y * r, x * q + y * s
    if abs(along) > 2 * abs(across):
        return 90 if along > 0 else 270
    if abs(across) > 2 * abs(along):
        return 0 if across > 0 else 180
    return None
