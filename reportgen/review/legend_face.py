"""The legend page's Chinese face, read once per process: Noto Sans CJK SC as fpdf2 measures it, and
for each legend the subset of its glyphs that page sets, made from glyphs kept in this process.

fpdf2 parses the whole face (65,535 glyphs) for every FPDF that adds it and subsets it with fontTools
for every PDF it writes — about 1.2 s of a legend page, most of a `review -o` — and fontTools' caches
keep each parsed face alive for the rest of the process. Here the face is parsed once; each glyph's
outline is flattened once (its subroutines written out: fontTools' desubroutinizer) and the legend's
font is a CID-keyed CFF of exactly the glyphs it sets, written here (Adobe's CFF specification,
Technical Note #5176): the same CIDs, outlines, hints, widths and private dictionaries as the face's,
without subroutines. fpdf2 embeds it as it embeds the subsets it makes: the legend's text, its code to
CID mapping and its widths are fpdf2's own. The same glyphs give the same bytes, in any process."""

from __future__ import annotations

import copy
import functools
import threading
from collections.abc import Iterable

from fontTools.cffLib.transforms import desubroutinizeCharString  # type: ignore[import-untyped]
from fontTools.misc.arrayTools import intRect, unionRect  # type: ignore[import-untyped]
from fontTools.misc.psCharStrings import T2CharString, encodeIntCFF  # type: ignore[import-untyped]
from fontTools.ttLib import TTFont  # type: ignore[import-untyped]
from fpdf import FPDF
from fpdf.fonts import SubsetMap, TTFFont

_LOCK = threading.Lock()  # glyphs are flattened into the face's shared objects
_DROPPED_TOP = {(15,), (16,), (17,), (18,), (12, 36), (12, 37), (13,), (14,)}  # offsets and ids made anew
_PRIVATE, _SUBRS, _BBOX = (18,), (19,), (5,)
Glyph = tuple[int, int, bytes, tuple[float, float, float, float] | None]  # CID, Font DICT, charstring, bounds


class Face:
    """The face as parsed once: fpdf2's measure of it, its CFF's raw dictionaries and its glyphs."""

    def __init__(self, file: str, index: int) -> None:
        holder = FPDF()
        holder.add_font("cjk", fname=file, collection_font_number=index)
        font = holder.fonts["cjk"]
        assert isinstance(font, TTFFont)
        self.font = font
        table = self.font.ttfont.reader["CFF "]
        top = self.font.ttfont["CFF "].cff.topDictIndex[0]
        if not self.font.is_cid_keyed or not hasattr(top, "FDArray"):
            raise ValueError("not a CID-keyed CFF face")
        self.charstrings = top.CharStrings
        header = table[2]
        names, at = _index(table, header)
        tops, at = _index(table, at)
        strings, _ = _index(table, at)
        self.name, self.strings = names[0], strings
        self.top = [(op, raw) for op, raw, _ in _dict(tops[0]) if op not in _DROPPED_TOP]
        fd_array, _ = _index(table, _operands(tops[0])[(12, 36)][0])
        self.fonts: list[tuple[list[tuple[tuple[int, ...], bytes]], bytes]] = []
        for entry in fd_array:  # each Font DICT without its Private, and its Private DICT without its Subrs
            size, offset = _operands(entry)[_PRIVATE]
            private = b"".join(_op_bytes(op, raw) for op, raw, _ in _dict(table[offset:offset + size]) if op != _SUBRS)
            self.fonts.append(([(op, raw) for op, raw, _ in _dict(entry) if op != _PRIVATE], private))
        self.glyphs: dict[str, Glyph] = {}  # by name: each glyph flattened once

    def glyph(self, name: str) -> Glyph:
        if name not in self.glyphs:
            charstring, fd = self.charstrings.getItemAndSelector(name)
            with _LOCK:
                flat = copy.copy(charstring)  # the face's own charstring is left as read
                desubroutinizeCharString(flat)
                code = T2CharString(program=list(flat.program))
                code.compile()
                bounds = flat.calcBounds(self.charstrings)
            cid = 0 if name == ".notdef" else int(name.removeprefix("cid"))
            self.glyphs[name] = (cid, fd or 0, bytes(code.bytecode), bounds)
        return self.glyphs[name]

    def cff(self, names: Iterable[str]) -> bytes:
        """A CID-keyed CFF of the glyphs named (and .notdef, glyph 0), in the order of their CIDs."""
        glyphs = sorted({self.glyph(n) for n in {".notdef", *names}})
        fds = sorted({g[1] for g in glyphs})
        renumbered = {fd: n for n, fd in enumerate(fds)}
        charset = b"\x00" + b"".join(g[0].to_bytes(2, "big") for g in glyphs[1:])
        select = b"\x00" + bytes(renumbered[g[1]] for g in glyphs)
        charstrings = _index_bytes([g[2] for g in glyphs])
        head = b"\x01\x00\x04\x04" + _index_bytes([self.name])
        tail = _index_bytes(self.strings) + _index_bytes([])  # the face's strings; no global subroutines
        top = b"".join(_op_bytes(op, _bbox(glyphs) if op == _BBOX else raw) for op, raw in self.top)
        top_size = len(_index_bytes([top + b"\x00" * 26]))  # four offsets of 5 bytes and their 6 operator bytes
        at = len(head) + top_size + len(tail)
        places = {(15,): at, (12, 37): at + len(charset), (17,): at + len(charset) + len(select)}
        fd_at = places[(17,)] + len(charstrings)
        private_at = fd_at + len(_index_bytes([self._font_dict(fd, 0, 0) for fd in fds]))
        fd_entries = []
        for fd in fds:
            fd_entries.append(self._font_dict(fd, len(self.fonts[fd][1]), private_at))
            private_at += len(self.fonts[fd][1])
        top += b"".join(_int5(v) + _op(op) for op, v in (*places.items(), ((12, 36), fd_at)))
        return b"".join([head, _index_bytes([top]), tail, charset, select, charstrings, _index_bytes(fd_entries),
                         *(self.fonts[fd][1] for fd in fds)])

    def _font_dict(self, fd: int, size: int, offset: int) -> bytes:
        return b"".join(_op_bytes(op, raw) for op, raw in self.fonts[fd][0]) + _int5(size) + _int5(offset) + _op(_PRIVATE)


def _bbox(glyphs: list[Glyph]) -> bytes:
    """The FontBBox of the glyphs, as fontTools' subsetter sets it (the union of their bounds, in whole units)."""
    union = None
    for *_, bounds in glyphs:
        if bounds is not None:
            union = bounds if union is None else unionRect(union, bounds)
    return b"".join(encodeIntCFF(v) for v in intRect(union or (0, 0, 0, 0)))


@functools.cache
def face(file: str, index: int) -> Face:
    return Face(file, index)


class _Embedded:
    """The legend's CFF as fpdf2 finds it in the font it subsets: its own subsetting passes over it
    (the glyphs are already the legend's), and ``compile`` gives the bytes made by ``Face.cff``."""

    def __init__(self, data: bytes) -> None:
        self.data = data

    def compile(self, font: TTFont) -> bytes:  # noqa: ARG002 - fontTools' table protocol
        return self.data

    def prune_pre_subset(self, font: TTFont, options: object) -> bool:  # noqa: ARG002
        return True

    def closure_glyphs(self, subsetter: object) -> None:
        pass

    def subset_glyphs(self, subsetter: object) -> bool:  # noqa: ARG002
        return True

    def prune_post_subset(self, font: TTFont, options: object) -> bool:  # noqa: ARG002
        return True


def legend_font(shared: Face) -> TTFFont:
    """The face for one legend PDF: fpdf2's measure of it shared, what a PDF records of it its own."""
    font = copy.copy(shared.font)
    font.subset, font.missing_glyphs, font.biggest_size_pt = SubsetMap(font), [], 0
    font.desc = copy.copy(shared.font.desc)  # fpdf2 sets its name and its file on it
    return font


def embed(font: TTFFont, shared: Face) -> None:
    """Give ``font`` (after its text is set, before the PDF is written) the subset its text uses."""
    names = font.subset.get_all_glyph_names()
    standing = TTFont()
    standing.setGlyphOrder([".notdef", *sorted({n for n in names if n != ".notdef"})])
    standing["CFF "] = _Embedded(shared.cff(names))
    font.ttfont = standing


def forget(font: TTFFont) -> None:
    """fpdf2's SubsetMap caches its lookups for the life of the process (functools.cache on the
    methods), which keeps every legend's font alive: let them go once the legend is written."""
    SubsetMap.pick.cache_clear()
    SubsetMap.get_glyph.cache_clear()
    font.subset = None  # type: ignore[assignment]


def _index(data: bytes, at: int) -> tuple[list[bytes], int]:
    count = int.from_bytes(data[at:at + 2], "big")
    if count == 0:
        return [], at + 2
    size = data[at + 2]
    offsets = [int.from_bytes(data[at + 3 + i * size:at + 3 + (i + 1) * size], "big") for i in range(count + 1)]
    base = at + 2 + (count + 1) * size
    return [data[base + offsets[i]:base + offsets[i + 1]] for i in range(count)], base + offsets[-1]


def _index_bytes(items: list[bytes]) -> bytes:
    if not items:
        return b"\x00\x00"
    end = 1 + sum(len(i) for i in items)
    size = 1 if end < 1 << 8 else 2 if end < 1 << 16 else 3 if end < 1 << 24 else 4
    offsets, at = [], 1
    for item in [*items, b""]:
        offsets.append(at.to_bytes(size, "big"))
        at += len(item)
    return len(items).to_bytes(2, "big") + bytes([size]) + b"".join(offsets) + b"".join(items)


def _dict(data: bytes) -> list[tuple[tuple[int, ...], bytes, list[int]]]:
    """A DICT's entries: operator, the operands' bytes as written, and its integer operands."""
    entries: list[tuple[tuple[int, ...], bytes, list[int]]] = []
    ints: list[int] = []
    start = at = 0
    while at < len(data):
        b0 = data[at]
        if b0 <= 21:
            op: tuple[int, ...] = (12, data[at + 1]) if b0 == 12 else (b0,)
            entries.append((op, data[start:at], ints))
            at += len(op)
            start, ints = at, []
        elif b0 == 30:  # a real number: nibbles until one is 0xf
            at += 1
            while data[at] >> 4 != 0xF and data[at] & 0xF != 0xF:
                at += 1
            at += 1
        else:
            value, at = _integer(data, at)
            ints.append(value)
    return entries


def _integer(data: bytes, at: int) -> tuple[int, int]:
    b0 = data[at]
    if b0 == 28:
        return int.from_bytes(data[at + 1:at + 3], "big", signed=True), at + 3
    if b0 == 29:
        return int.from_bytes(data[at + 1:at + 5], "big", signed=True), at + 5
    if 32 <= b0 <= 246:
        return b0 - 139, at + 1
    if 247 <= b0 <= 250:
        return (b0 - 247) * 256 + data[at + 1] + 108, at + 2
    if 251 <= b0 <= 254:
        return -(b0 - 251) * 256 - data[at + 1] - 108, at + 2
    raise ValueError(f"CFF DICT byte {b0} at {at}")


def _operands(data: bytes) -> dict[tuple[int, ...], list[int]]:
    return {op: ints for op, _, ints in _dict(data)}


def _op(op: tuple[int, ...]) -> bytes:
    return bytes(op)


def _op_bytes(op: tuple[int, ...], raw: bytes) -> bytes:
    return raw + _op(op)


def _int5(value: int) -> bytes:
    return b"\x1d" + value.to_bytes(4, "big", signed=True)
