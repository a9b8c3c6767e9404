"""The angle a page's text runs at, told by its content: the direction its text objects' baselines run
(the text matrix of each BT under the transformation), as pikepdf parses them (pdf_clips.instructions).
Both where a page shows its text (pdf_clips) and which way a turned page is set upright (pdf_turned)
read it from the one parse of the page."""

from __future__ import annotations

from collections import Counter

FOLLOWED = frozenset({"q", "Q", "cm", "BT", "Tm", "ET"})  # the operators the angle is told by


def text_angle(operations: list[tuple[list[bytes], str]]) -> int | None:
    """The angle most of the page's text objects run at, in its own coordinates (0 across, 90 up, 180
    right to left, 270 down); None where no angle has most of them (or no text is shown)."""
    matrix: _Matrix = (1.0, 0.0, 0.0, 1.0)
    stack: list[_Matrix] = []
    directions: Counter[int | None] = Counter()
    text: tuple[float, float] | None = None  # the open text object's baseline (its Tm's, else across)
    for operands, name in operations:
        if name in ("q", "Q", "cm"):
            matrix = _transformed(name, operands, matrix, stack)
        elif name == "BT":
            text = (1.0, 0.0)
        elif name == "Tm" and text is not None and len(operands) == 6:
            text = (float(operands[0]), float(operands[1]))
        elif name == "ET" and text is not None:  # no cm inside a text object: the matrix is the BT's
            directions[_direction(text, matrix)] += 1
            text = None
    return _most(directions)


_Matrix = tuple[float, float, float, float]


def _transformed(name: str, operands: list[bytes], matrix: _Matrix, stack: list[_Matrix]) -> _Matrix:
    """The transformation in force after a graphics state operator: saved (q), restored (Q), or concatenated
    with a cm's six operands."""
    if name == "q":
        stack.append(matrix)
    elif name == "Q":
        return stack.pop() if stack else matrix
    elif len(operands) == 6:
        a, b, c, d = (float(value) for value in operands[:4])
        p, q, r, s = matrix
        return (a * p + b * r, a * q + b * s, c * p + d * r, c * q + d * s)
    return matrix


def _most(directions: Counter[int | None]) -> int | None:
    """The angle more than half the text objects run at; None where none does (or it is slanted)."""
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
