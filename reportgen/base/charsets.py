"""``re``'s character classes marked by slices: the same compiled code, without walking a class code point by code point.

Compiling a class (``[\u4e00-\u9fff]``, ``[^，。；]``) ``re`` marks each character of each range in a map of the
Basic Multilingual Plane, one Python statement a character: the Han range alone is 20,992 of them, about a
millisecond, and a review compiles some 500 patterns, most with such a range — regex compilation was 10 % of a review
process's CPU (fresh1's first 6 PDFs; bench/README.md, 审核). :func:`optimize_charset` marks each range with one slice
assignment and otherwise does what ``re._compiler._optimize_charset`` (Python 3.11) does, step for step, for a class
compiled without IGNORECASE; one compiled with it is left to ``re``'s own. Installed by :mod:`reportgen.base.patterns`
when the running ``re`` has the function it stands in for; tests/test_charsets.py checks that every pattern reportgen
keeps compiles to the same code either way.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any

_compiler: Any = importlib.import_module("re._compiler")  # private to re, not in its stubs
_constants: Any = importlib.import_module("re._constants")

_ORIGINAL: Callable[..., tuple[list[Any], bool]] = _compiler._optimize_charset
_ONES = b"\x01" * 0x10000


def _marked(charmap: bytearray, low: int, high: int) -> bool:
    """``charmap[low..high]`` set to 1 as far as the map reaches; whether it reached ``high`` (re's loop stops with an
    IndexError at the first character past the map, after marking those before)."""
    end = min(high + 1, len(charmap))
    if low < end:
        charmap[low:end] = _ONES[:end - low]
    return high < len(charmap)


def _charmap(charset: list[tuple[Any, Any]]) -> tuple[bytearray, list[Any], list[Any]]:
    """The map of the class's characters in the BMP, the NEGATE it begins with, and what the map cannot hold."""
    charmap = bytearray(256)
    out: list[Any] = []
    tail: list[Any] = []
    for op, av in charset:
        if op is _constants.NEGATE:
            out.append((op, av))
            continue
        if op is not _constants.LITERAL and op is not _constants.RANGE:
            tail.append((op, av))
            continue
        low, high = (av, av) if op is _constants.LITERAL else av
        while not _marked(charmap, low, high):
            if len(charmap) == 256:  # a character past U+00FF: the map of the whole BMP
                charmap += bytes(0xff00)
                continue
            tail.append((op, av))  # past the BMP: the BMP part is marked
            break
    return charmap, out, tail


def _runs(charmap: bytearray) -> list[tuple[int, int]] | None:
    """The map's runs of marked characters when there are at most two, else None."""
    runs: list[tuple[int, int]] = []
    start = 0
    while True:
        first = charmap.find(1, start)
        if first < 0:
            return runs
        if len(runs) >= 2:
            return None
        start = charmap.find(0, first)
        if start < 0:
            runs.append((first, len(charmap)))
            return runs
        runs.append((first, start))


def _big_charset(charmap: bytearray) -> list[int]:
    """The BMP map as re's BIGCHARSET: its 256-character chunks numbered once each, then the chunks' bitmaps."""
    whole = bytes(charmap)
    numbers: dict[bytes, int] = {}
    mapping = bytearray(256)
    data = bytearray()
    for start in range(0, 65536, 256):
        chunk = whole[start:start + 256]
        if chunk not in numbers:
            numbers[chunk] = len(numbers)
            data += chunk
        mapping[start // 256] = numbers[chunk]
    words: list[int] = _compiler._mk_bitmap(data)
    words[0:0] = [len(numbers), *_compiler._bytes_to_codes(mapping)]
    return words


def optimize_charset(charset: list[tuple[Any, Any]], iscased: Any = None, fixup: Any = None,
                     fixes: Any = None) -> tuple[list[Any], bool]:
    """What ``re._compiler._optimize_charset`` gives for ``charset`` (see the module's text)."""
    if fixup is not None:
        return _ORIGINAL(charset, iscased, fixup, fixes)
    key = tuple(charset)
    made = _MADE.get(key)
    if made is None:
        made = _MADE[key] = _optimized(charset)
    return list(made), False


_MADE: dict[tuple[Any, ...], list[Any]] = {}  # each class once a process: the Han range is in hundreds of patterns


def _optimized(charset: list[tuple[Any, Any]]) -> list[Any]:
    charmap, out, tail = _charmap(charset)
    runs = _runs(charmap)
    if runs is not None:
        out += [(_constants.LITERAL, first) if end - first == 1 else (_constants.RANGE, (first, end - 1))
                for first, end in runs]
        out += tail
        return out if len(out) < len(charset) else list(charset)
    if len(charmap) == 256:
        out.append((_constants.CHARSET, _compiler._mk_bitmap(charmap)))
    else:
        out.append((_constants.BIGCHARSET, _big_charset(charmap)))
    return out + tail


def install() -> None:
    """Have ``re`` compile classes with :func:`optimize_charset` (where it is the Python ``re`` this was written
    from: one with ``_optimize_charset`` and the four opcodes)."""
    if all(hasattr(_constants, name) for name in ("NEGATE", "LITERAL", "RANGE", "BIGCHARSET")):
        _compiler._optimize_charset = optimize_charset
