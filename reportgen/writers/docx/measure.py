"""How wide a table cell's text prints, in ems of its size, from the fonts' real advance widths: a
Han character or any full-width sign is one em (宋体 and its Noto Serif CJK stand-in); a Latin
character, digit or separator takes Times New Roman's width (advances.yaml, the wider of its
regular and bold: a total row is bold), which Liberation Serif, the PDF's face, shares; and where a
Han character meets a Latin letter or digit, Word and LibreOffice set a quarter em apart (the
autospace between Asian and Latin text)."""

from __future__ import annotations

import functools
import re
from pathlib import Path

import yaml

from reportgen.base.patterns import regex

AUTOSPACE_EM = 0.25
_ADVANCES = Path(__file__).with_name("advances.yaml")


@functools.cache
def advances() -> dict[str, float]:
    """Each Latin character's width in ems (advances.yaml gives thousandths)."""
    data = yaml.load(_ADVANCES.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))  # libyaml
    return {char: thousandths / 1000 for char, thousandths in data["字宽"].items()}


@functools.lru_cache(maxsize=8192)
def text_ems(text: str) -> float:
    """The width of ``text`` set on one line, in ems."""
    widths = advances()
    total = sum(widths.get(char, 1.0) for char in text)
    return total + AUTOSPACE_EM * _meetings(text)


# Han characters are told by comparison, not by a regular expression's class: a class of their
# 27,000 code points takes a millisecond to compile, at every start of the program.
def has_han(text: str) -> bool:
    """Whether ``text`` holds a Han character (U+3400–U+9FFF)."""
    return any(map(_is_han, text))


def _is_han(char: str) -> bool:
    return "\u3400" <= char <= "\u9fff"


def _is_latin(char: str) -> bool:
    """A Latin letter or digit (ASCII), which Word sets a quarter em apart from a Han character."""
    return char.isascii() and char.isalnum()


_LATIN_RUN = regex(r"[A-Za-z0-9]+")


def _meetings(text: str) -> int:
    """How many times a Han character and a Latin letter or digit stand side by side, either way round."""
    count = 0
    for run in _LATIN_RUN.finditer(text):
        start, end = run.span()
        count += start > 0 and _is_han(text[start - 1])
        count += end < len(text) and _is_han(text[end])
    return count


class _Shapes(dict[int, int]):
    """str.translate's table for shape(): a Han character (U+3400–U+9FFF) to 一, an ASCII digit to 0
    (Times New Roman's digits are all half an em: advances.yaml), any other character to itself,
    each character's entry made when it is first met."""

    def __missing__(self, code: int) -> int:
        shape = 0x4E00 if 0x3400 <= code <= 0x9FFF else 0x30 if 0x30 <= code <= 0x39 else code
        self[code] = shape
        return shape


_SHAPES = _Shapes()


def shape(text: str) -> str:
    """A text that sets as ``text`` does in any room: the same pieces (_PIECES), each as wide, with
    the same autospaces between them and as many characters (lines_of, leaves_one, text_ems give it
    what they give ``text``). Names that differ only in their Han characters and digits (“…项目00900”,
    “…项目03700”) share one shape, laid out once for them all."""
    return text.translate(_SHAPES)


# What breaks a line of a cell: between Han characters, around a run of Latin letters, digits and
# separators (which stays whole); a closing sign (、，。）…) stays with the character before it and an
# opening one (（“…) with the character after it, as Chinese line breaking has it.
_PIECES = regex(r"[（(“‘《〈【]*(?:[0-9０-９.,%‰+\-−=≥≤<>/:A-Za-z]+|.)[、，。；：）)”’》〉】！？]*", re.S)


def lines_of(text: str, room: float) -> list[str]:
    """The lines ``text`` fills in ``room`` ems (a piece wider than the room stands alone on its line).
    A line's width grows piece by piece (text_ems of the line and the piece, and the autospace where
    they meet), rather than measuring the line again with each piece: a long table of names tries
    each at many widths."""
    limit = room + 1e-6
    lines: list[str] = []
    line, width = "", 0.0
    for piece, ems, joint in _pieces(text):
        if line:
            grown = width + ems + joint
            if grown > limit:
                lines.append(line)
                line, width = piece, ems
            else:
                line, width = line + piece, grown
        else:
            line, width = piece, ems
    lines.append(line)
    return lines


@functools.lru_cache(maxsize=65536)
def _pieces(text: str) -> tuple[tuple[str, float, float], ...]:
    """The pieces a line of ``text`` may break between (_PIECES), each with its width and the
    autospace between it and the piece before it (on the same line)."""
    pieces = _PIECES.findall(text)
    return tuple((piece, text_ems(piece), AUTOSPACE_EM if i and _meet(pieces[i - 1][-1], piece[0]) else 0.0)
                 for i, piece in enumerate(pieces))


def _meet(before: str, after: str) -> bool:
    """Whether two characters side by side are a Han character and a Latin letter or digit (Word's autospace)."""
    return (_is_han(before) and _is_latin(after)) or (_is_latin(before) and _is_han(after))


def leaves_one(text: str, room: float) -> bool:
    """Whether ``text`` set in ``room`` ems wraps and leaves a single character on its last line."""
    if text_ems(text) <= room + 1e-6:
        return False
    found = lines_of(text, room)
    return len(found) > 1 and len(found[-1]) <= 1


# The most a heading's characters are set closer together (w:spacing) so that it leaves no character
# alone on its last line: a tenth of an em.
MOST_CONDENSED = 0.1


def condensing(text: str, room: float) -> float:
    """The ems to take from each character's advance so that ``text``, set in ``room`` ems, takes a
    line fewer rather than leave one character alone on its last line: 0 when it leaves none, or
    when that would take more than MOST_CONDENSED."""
    if not leaves_one(text, room):
        return 0.0
    lines = len(lines_of(text, room))
    per_character = (text_ems(text) - (lines - 1) * room) / len(text) + 0.01
    return per_character if per_character <= MOST_CONDENSED else 0.0
