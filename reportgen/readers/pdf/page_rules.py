"""The ruled lines a PDF page draws (a form's cell borders): each stroked straight segment and each filled rectangle
thin enough to be a line, horizontal or vertical, in points from the page's top left as pdftotext boxes its words.

A table a budget system prints has no borders in its text layer; a performance target form (西安's 表15 部门整体支出
绩效目标表, 北京's 预算13表, 烟台's 专项资金绩效目标表) is a grid of label and value cells whose only structure is the
lines drawn between them: WPS and Word stroke them (m/l/S: 西安, 烟台) or fill hairline rectangles (re f: 北京). The
content is parsed by pikepdf; this module follows the transformation (q/Q, cm) and the path's points, and nothing of
text. A page this cannot follow (a rotated one, a content that does not parse) draws no lines here."""

from __future__ import annotations

import io
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import pikepdf

_THIN = 2.5  # a filled rectangle no thicker than this (points) is a line
_STRAIGHT = 0.8  # a segment off the horizontal or the vertical by no more than this is one
_SHORTEST = 4.0  # a segment shorter than this is no cell border (a tick, a dot)
_STROKES = frozenset(("S", "s", "B", "B*", "b", "b*"))
_FILLS = frozenset(("f", "F", "f*", "B", "B*", "b", "b*"))

# the operators that set a colour to fill or stroke in: gray, RGB, CMYK
_COLOURS = {"g": "fill", "rg": "fill", "k": "fill", "G": "stroke", "RG": "stroke", "K": "stroke"}

Matrix = tuple[float, float, float, float, float, float]
_IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


@dataclass(frozen=True)
class Rule:
    """A ruled line: horizontal (``at`` its height, from ``start`` to ``end`` across) or vertical (``at`` its
    left, from ``start`` to ``end`` down)."""

    across: bool
    at: float
    start: float
    end: float


def page_rules(data: bytes, numbers: list[int]) -> dict[int, list[Rule]]:
    """The ruled lines of the PDF ``data``'s pages ``numbers`` (from 1), by page; none for a page that cannot be
    followed, none at all for a file pikepdf cannot open."""
    try:
        with pikepdf.open(io.BytesIO(data)) as pdf:
            return {number: _rules(pdf, number) for number in numbers}
    except (pikepdf.PdfError, ValueError):
        return {}


def _rules(pdf: pikepdf.Pdf, number: int) -> list[Rule]:
    try:
        page = pdf.pages[number - 1]
        if int(page.obj.get("/Rotate", 0)) % 360:
            return []
        box = [float(v) for v in page.mediabox]
        return _Painter(box[3], box[0], box[1]).rules(pikepdf.parse_content_stream(page))
    except (pikepdf.PdfError, ValueError, IndexError, TypeError):
        return []


def _times(m: Matrix, n: Matrix) -> Matrix:
    """m then n (PDF's row-vector convention: cm's matrix before the current one)."""
    a, b, c, d, e, f = m
    p, q, r, s, t, u = n
    return (a * p + b * r, a * q + b * s, c * p + d * r, c * q + d * s, e * p + f * r + t, e * q + f * s + u)


class _Painter:
    """The graphics state a path's points need, and the lines painted."""

    def __init__(self, top: float, left: float, bottom: float) -> None:
        self.top, self.left, self.bottom = top, left, bottom
        self.matrix: Matrix = _IDENTITY
        self.blank = {"fill": False, "stroke": False}  # whether the colour it paints in is white (a background)
        self.saved: list[tuple[Matrix, dict[str, bool]]] = []
        self.path: list[list[tuple[float, float]]] = []  # subpaths, each its points on the page
        self.boxes: list[tuple[float, float, float, float]] = []  # rectangles of the path (re)
        self.found: list[Rule] = []

    def rules(self, instructions: Iterable[Any]) -> list[Rule]:
        for operands, operator in instructions:
            self._do(str(operator), [float(v) for v in operands if isinstance(v, (int, float, Decimal))])
        return self.found

    def _do(self, op: str, values: list[float]) -> None:
        if op in ("q", "Q", "cm"):
            self._state(op, values)
        elif op in _COLOURS:
            self.blank[_COLOURS[op]] = _white(op, values)
        elif op in ("m", "l", "re", "h"):
            self._build(op, values)
        elif op in _STROKES or op in _FILLS or op == "n":
            self._paint(op)

    def _state(self, op: str, values: list[float]) -> None:
        if op == "q":
            self.saved.append((self.matrix, dict(self.blank)))
        elif op == "Q":
            self.matrix, self.blank = self.saved.pop() if self.saved else (_IDENTITY, {"fill": False, "stroke": False})
        elif len(values) == 6:
            self.matrix = _times((values[0], values[1], values[2], values[3], values[4], values[5]), self.matrix)

    def _point(self, x: float, y: float) -> tuple[float, float]:
        a, b, c, d, e, f = self.matrix
        return (a * x + c * y + e - self.left, self.top - (b * x + d * y + f))

    def _build(self, op: str, values: list[float]) -> None:
        if op == "re" and len(values) == 4:
            self._rectangle(*values)
        elif op == "h" and self.path:
            self.path[-1].append(self.path[-1][0])
        elif len(values) == 2:
            self._to(op, self._point(*values))

    def _to(self, op: str, point: tuple[float, float]) -> None:
        """m: a subpath begun at ``point``; l: a segment drawn to it."""
        if op == "m" or not self.path:
            self.path.append([point])
        else:
            self.path[-1].append(point)

    def _rectangle(self, x: float, y: float, w: float, h: float) -> None:
        (x0, y0), (x1, y1) = self._point(x, y), self._point(x + w, y + h)
        self.boxes.append((min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1)))

    def _paint(self, op: str) -> None:
        if op in _STROKES and not self.blank["stroke"]:
            for points in self.path:
                for (x0, y0), (x1, y1) in zip(points, points[1:], strict=False):
                    self._segment(x0, y0, x1, y1)
            for left, top, right, bottom in self.boxes:
                self._outline(left, top, right, bottom)
        if op in _FILLS and not self.blank["fill"]:
            for left, top, right, bottom in self.boxes:
                self._filled(left, top, right, bottom)
        self.path, self.boxes = [], []

    def _segment(self, x0: float, y0: float, x1: float, y1: float) -> None:
        if abs(y1 - y0) <= _STRAIGHT and abs(x1 - x0) >= _SHORTEST:
            self.found.append(Rule(True, (y0 + y1) / 2, min(x0, x1), max(x0, x1)))
        elif abs(x1 - x0) <= _STRAIGHT and abs(y1 - y0) >= _SHORTEST:
            self.found.append(Rule(False, (x0 + x1) / 2, min(y0, y1), max(y0, y1)))

    def _outline(self, left: float, top: float, right: float, bottom: float) -> None:
        for x0, y0, x1, y1 in ((left, top, right, top), (left, bottom, right, bottom), (left, top, left, bottom),
                               (right, top, right, bottom)):
            self._segment(x0, y0, x1, y1)

    def _filled(self, left: float, top: float, right: float, bottom: float) -> None:
        if bottom - top <= _THIN and right - left >= _SHORTEST:
            self.found.append(Rule(True, (top + bottom) / 2, left, right))
        elif right - left <= _THIN and bottom - top >= _SHORTEST:
            self.found.append(Rule(False, (left + right) / 2, top, bottom))



def _white(op: str, values: list[float]) -> bool:
    """Whether the colour set is white (or as near as a background is): what it paints is no line."""
    if op in ("k", "K"):
        return bool(values) and all(v <= 0.05 for v in values)
    return bool(values) and all(v >= 0.95 for v in values)
