"""Where a PDF page can show its text: the clipping paths in force where its content shows text, and
whether it shows any text at all.

pdftotext boxes every word a page's content draws, also one its clipping path hides — a long
paragraph that a word processor set past its text frame draws again, clipped, below the frame's
last line (上海市普陀区商务委员会 2025, p. 3: its 主要职能 printed once but in the text layer twice).
A word that lies wholly outside every region where the page shows text is not printed and not read.

The content is parsed by pikepdf (qpdf); this module keeps only the graphics state that bounds a
clip: the stack (q/Q), the transformation (cm) and each clipping path's bounding box, intersected
as the path is (W/W*). Over-estimating is the rule, so that no printed word is lost: a path's box,
not the path; the text shown inside a form (Do) bounded by the clip at the Do; a page this cannot
follow (a rotated page, a form or pattern it does not open, a content that does not parse) shows
everything (``None``).

Text set in an invisible rendering mode (3 Tr, or 7: a clip only) is not printed either: the text layer
a scanner's or tesseract's OCR lays under a page's image (a "searchable" scan). Where every word a page
shows is so, the page shows no text — its words are not read, and the page is read as the scan it is
(readers/pdf_ocr.py: with each figure's confidence, not a layer of unknown quality taken as printed).
A page with text in a visible mode too, or with a form (whose text is not followed here), keeps its words.

Parsing every page's content costs about what pdftotext's run does, and what it gives depends on the
bytes alone: it is kept in the user's cache folder (reportgen/base/cache.py) by the digest of the bytes,
of this module's, text_angle's and page_tree's source, and of pikepdf's and qpdf's builds (their files: pikepdf is loaded only to parse), so that a file reviewed again
(the desk's next round, a folder reviewed after one of its files changed) is not parsed again. Only
the boxes and angles are kept, no word of the file.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.util
import math
import sys
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from reportgen.base import cache
from reportgen.base.errors import Internal
from reportgen.readers.pdf import text_angle as text_angle_module
from reportgen.readers.pdf.text_angle import FOLLOWED as _ANGLE_FOLLOWED
from reportgen.readers.pdf.text_angle import text_angle
from reportgen.readers.pdf.word_box import Word

if TYPE_CHECKING:  # loaded where a page is parsed (a file not in the cache): qpdf costs a process 0.3 G instructions
    import pikepdf

Box = tuple[float, float, float, float]  # left, top, right, bottom: pdftotext's top-down page points
# where something is shown: a text object (its clip cannot change inside it), a form or an image, a shading
_SHOWS = frozenset({"BT", "Do", "sh"})
_PAINTS = frozenset({"n", "f", "F", "f*", "S", "s", "B", "B*", "b", "b*"})
# a path's other segments are not followed: a path that has an "m" bounds no clip here (over-estimated)
_FOLLOWED = " ".join(sorted(_SHOWS | _PAINTS | _ANGLE_FOLLOWED | {"q", "Q", "cm", "re", "m", "W", "W*", "Tr"}))
_INVISIBLE = frozenset({3, 7})  # text rendering modes that paint nothing (3: neither fill nor stroke; 7: clip)
_TEXT = " ".join(["q", "Q", "Tr", "Tj", "TJ", "'", '"', "Do"])  # what tells whether text is shown visibly
_MARGIN = 1.0  # points: a word whose box overlaps a region by less than this is outside it
_MAX_OPERATORS = 400_000  # a page's content past this is not followed (the page shows everything)
# a page's content decoded past this is not parsed (the page shows everything): the corpus's largest is 119 KB
# (江苏省高级人民法院 2019 p. 16); a small file can inflate to gigabytes
_MAX_CONTENT = 8 * 1024 * 1024


@dataclass(frozen=True)
class _State:
    matrix: tuple[float, float, float, float, float, float]
    clip: Box | None  # None: the whole page


class Seen(NamedTuple):
    """What one parse of a page's content tells: where it shows anything (``None``: everywhere), and
    the angle its text runs at (text_angle: None where no angle has most of it) beside its /Rotate."""
    regions: list[Box] | None
    angle: int | None = None
    rotate: int = 0


def visible_regions(data: bytes) -> list[list[Box] | None]:
    """Per page, the regions where it shows anything (``None``: everywhere; see the module's note)."""
    return [seen.regions for seen in pages_seen(data)]


def pages_seen(data: bytes) -> list[Seen]:
    """Per page, its regions and its text's angle (an empty list where pikepdf cannot open the PDF); what
    an earlier process found for the same bytes where the cache folder holds it."""
    try:
        key = cache.key_of(hashlib.sha256(data).digest(), *_made_by())
    except OSError:  # this module's source not readable (never seen): parsed, not kept
        return _parsed(data)
    kept = cache.fetch("pdf-clips", key, _FORM)
    if kept is not None:
        return kept
    seen = _parsed(data)
    cache.store("pdf-clips", key, seen, _FORM)
    return seen


def _seen_data(seen: list[Seen]) -> list[object]:
    return [[None if page.regions is None else [list(box) for box in page.regions], page.angle, page.rotate]
            for page in seen]


def _seen_of(data: object) -> list[Seen]:
    """The pages as _seen_data wrote them; raises for anything else (a miss)."""
    if not isinstance(data, list):
        raise cache.Shape("not a list of pages")
    return [_page_of(page) for page in data]


def _page_of(page: object) -> Seen:
    if not (isinstance(page, list) and len(page) == 3):
        raise cache.Shape("not a page")
    regions, angle, rotate = page
    if not (angle is None or type(angle) is int) or type(rotate) is not int:
        raise cache.Shape("not an angle")
    if regions is None:
        return Seen(None, angle, rotate)
    if not isinstance(regions, list):
        raise cache.Shape("not regions")
    return Seen([_box_of(box) for box in regions], angle, rotate)


def _box_of(box: object) -> Box:
    if not (isinstance(box, list) and len(box) == 4 and all(type(value) is float for value in box)):
        raise cache.Shape("not a box")
    left, top, right, bottom = box
    return (left, top, right, bottom)


_FORM = cache.json_form(_seen_data, _seen_of)


@functools.cache
def _made_by() -> tuple[bytes, ...]:
    """What a page's reading is made by besides its bytes: this module, the angle's and the page tree's walk, and
    pikepdf (with its qpdf) — each known by its files, none loaded."""
    sources = [Path(module.__file__ or "") for module in (sys.modules[__name__], text_angle_module)]
    return (*(path.read_bytes() for path in [*sources, _origin("reportgen.readers.pdf.page_tree")]), *_pikepdf_build())


def _origin(module: str) -> Path:
    """The file of ``module``, found without running it; OSError where there is none."""
    spec = importlib.util.find_spec(module)
    if spec is None or spec.origin is None:
        raise FileNotFoundError(module)
    return Path(spec.origin)


def _pikepdf_build() -> tuple[bytes, ...]:
    """pikepdf's version and its qpdf's as its files tell them, without loading qpdf (0.3 G instructions, 3 % of a
    warm review of fresh1's first 6 PDFs, which parses no page): pikepdf/_version.py, and the name, size and time of
    its compiled core and of each library its wheel ships beside it (pikepdf.libs: libqpdf-….so.30.4.2)."""
    package = _origin("pikepdf").parent
    built = sorted(path for path in [*package.glob("_core*"), *(package.parent / "pikepdf.libs").glob("*")]
                   if path.is_file())
    return ((package / "_version.py").read_bytes(),
            *(f"{path.name} {path.stat().st_size} {path.stat().st_mtime_ns}".encode() for path in built))


def _parsed(data: bytes) -> list[Seen]:
    from reportgen.readers.pdf import page_tree  # deferred: pikepdf, for a file not in the cache only

    try:
        with page_tree.opened(data) as pdf:  # a page tree qpdf refuses walked as poppler walks it
            return [_page_seen(page) for page in pdf.pages]
    except Exception:  # noqa: BLE001 — a PDF pikepdf cannot open: no word is held back
        return []


def shown(words: Iterable[Word], regions: list[Box] | None) -> list[Word]:
    """The ``words`` (with left, top, right, bottom) that lie at least partly in one of ``regions``."""
    if regions is None:
        return list(words)
    bands, always = _banded(regions)
    widest = max(regions, key=_area, default=None)  # most words lie in a page's widest clip: asked first, alone
    return [word for word in words if (widest is not None and _overlaps(word, widest))
            or any(_overlaps(word, region) for region in _near(word, bands, always))]


def _area(region: Box) -> float:
    """A region's area; 0 where an edge is not finite (such a region is held against every word all the same)."""
    left, top, right, bottom = region
    area = abs(right - left) * abs(bottom - top)
    return area if math.isfinite(area) else 0.0


_BAND = 40.0  # points: regions filed by the horizontal bands they cross, so that a word is held against those near it
_MAX_BANDS = 200  # a region across more bands (or with no finite edge) is held against every word


def _banded(regions: list[Box]) -> tuple[dict[int, list[Box]], list[Box]]:
    """``regions`` filed by band (a page's clips are many: every word against every clip was most of a review's
    reading of its PDF), and those filed nowhere, held against every word."""
    bands: dict[int, list[Box]] = {}
    always: list[Box] = []
    for region in regions:
        top, bottom = sorted((region[1], region[3]))
        if not (math.isfinite(top) and math.isfinite(bottom)) or (bottom - top) / _BAND > _MAX_BANDS:
            always.append(region)
            continue
        for band in range(math.floor(top / _BAND), math.floor(bottom / _BAND) + 1):
            bands.setdefault(band, []).append(region)
    return bands, always


def _near(word: Word, bands: dict[int, list[Box]], always: list[Box]) -> Iterator[Box]:
    """The regions that may overlap ``word``: those of the bands its box (widened by the margin) crosses — each
    region that overlaps it is among them (it shares a point of height with the word) — and those of no band."""
    yield from always
    top, bottom = sorted((word.top, word.bottom))
    if not (math.isfinite(top) and math.isfinite(bottom)):
        for listed in bands.values():
            yield from listed
        return
    first, last = math.floor((top - _MARGIN) / _BAND), math.floor((bottom + _MARGIN) / _BAND)
    if last - first > _MAX_BANDS:
        for listed in bands.values():
            yield from listed
        return
    for band in range(first, last + 1):
        yield from bands.get(band, ())


def _overlaps(word: Word, region: Box) -> bool:
    left, top, right, bottom = region
    return (min(word.right, right) - max(word.left, left) > -_MARGIN
            and min(word.bottom, bottom) - max(word.top, top) > -_MARGIN)


def _page_seen(page: pikepdf.Page) -> Seen:
    try:
        rotate = int(page.obj.get("/Rotate", 0)) % 360
        left, bottom, _right, top = (float(value) for value in page.mediabox)
        operations = instructions(page, _FOLLOWED)
    except Exception:  # noqa: BLE001 — a page whose content does not parse shows everything
        return Seen(None)
    if len(operations) > _MAX_OPERATORS:
        return Seen(None)
    angle = text_angle(operations)
    if rotate:  # a rotated page's clips are not followed
        return Seen(None, angle, rotate)
    if _any_invisible(operations) and not _shows_visible_text(page):
        return Seen([], angle)  # its text is all in an invisible mode: the page shows none
    regions = _regions(operations, (1.0, 0.0, 0.0, 1.0, -left, -bottom))
    if regions is None:
        return Seen(None, angle)
    return Seen([(x0, top - bottom - y1, x1, top - bottom - y0) for x0, y0, x1, y1 in regions], angle)


def instructions(page: pikepdf.Page, followed: str) -> list[tuple[list[bytes], str]]:
    """The page's content instructions of the operators ``followed`` (none taking a string or an inline
    image), each its operands and its operator: qpdf parses and writes them back, one a line (turning each
    pikepdf object into a Python string costs several times the parse)."""
    import pikepdf  # deferred: as _parsed

    if not _within(page):
        raise ContentTooLarge(f"一页的内容超过 {_MAX_CONTENT // (1024 * 1024)} MB")
    unparsed = pikepdf.unparse_content_stream(pikepdf.parse_content_stream(page, followed))
    found: list[tuple[list[bytes], str]] = []
    for line in unparsed.split(b"\n"):
        *operands, operator = line.split() or [b""]
        if operator:
            found.append((operands, operator.decode("latin-1")))
    return found


class ContentTooLarge(Internal):
    """A page's content past what is followed here (a decompression bomb): the page is read as pdftotext
    reads it, within its own bounds."""


def _within(page: pikepdf.Page) -> bool:
    """Whether the page's content decodes to at most _MAX_CONTENT bytes, told without decoding more than
    that: a stream with no filter or Flate's alone (what else it is encoded by is not followed)."""
    import pikepdf  # deferred: as _parsed

    left = _MAX_CONTENT
    for stream in _content_streams(page):
        if not isinstance(stream, pikepdf.Stream):
            return False
        names = _filter_names(stream)
        raw = stream.read_raw_bytes()
        if not names:
            left -= len(raw)
        elif names == ["/FlateDecode"] and not stream.get("/DecodeParms"):
            inflate = zlib.decompressobj()
            left -= len(inflate.decompress(raw, left + 1))
            if inflate.unconsumed_tail:
                return False
        else:
            return False
        if left < 0:
            return False
    return True


def _content_streams(page: pikepdf.Page) -> list[pikepdf.Object]:
    """A page's content: its one stream or its array's."""
    import pikepdf  # deferred: as _parsed

    contents = page.obj.get("/Contents")
    return list(contents) if isinstance(contents, pikepdf.Array) else [contents] if contents is not None else []


def _filter_names(stream: pikepdf.Stream) -> list[str]:
    """The filters a stream is encoded by, in turn."""
    import pikepdf  # deferred: as _parsed

    filters = stream.get("/Filter")
    return [str(f) for f in filters] if isinstance(filters, pikepdf.Array) else [str(filters)] if filters else []


def _any_invisible(operations: list[tuple[list[bytes], str]]) -> bool:
    return any(operator == "Tr" and operands and int(float(operands[0])) in _INVISIBLE
               for operands, operator in operations)


def _shows_visible_text(page: pikepdf.Page) -> bool:
    """Whether the page's content shows text in a visible mode, or draws a form (which may)."""
    import pikepdf  # deferred: as _parsed

    forms = _forms(page)
    mode, stack = 0, []
    for instruction in pikepdf.parse_content_stream(page, _TEXT):
        name, operands = str(instruction.operator), instruction.operands
        if name == "q":
            stack.append(mode)
        elif name == "Q":
            mode = stack.pop() if stack else mode
        elif name == "Tr":
            mode = int(operands[0])
        elif name == "Do":
            if operands and str(operands[0]) in forms:
                return True
        elif mode not in _INVISIBLE:
            return True
    return False


def _forms(page: pikepdf.Page) -> set[str]:
    """The names of the forms (its XObjects that are no image) a page's resources hold."""
    import pikepdf  # deferred: as _parsed

    resources = page.obj.get("/Resources")
    xobjects = resources.get("/XObject") if isinstance(resources, pikepdf.Dictionary) else None
    return {str(name) for name, xobject in xobjects.items() if xobject.get("/Subtype") != "/Image"} \
        if isinstance(xobjects, pikepdf.Dictionary) else set()


def _regions(operations: list[tuple[list[bytes], str]], start: tuple[float, ...]) -> list[Box] | None:
    """The clip boxes (in bottom-up page points) in force wherever the content shows something."""
    state = _State(start, None)  # type: ignore[arg-type]
    stack: list[_State] = []
    path = _Path()
    found: set[Box] = set()
    for operands, name in operations:
        if name in ("q", "Q", "cm"):
            state = _state_after(name, operands, state, stack)
        elif name in _SHOWS:
            if state.clip is None:
                return None
            found.add(state.clip)
        elif name in _PAINTS:
            state = path.painted(state)
        else:
            path.add(name, operands)
    return sorted(found) or None  # nothing shown in a way followed here: no word held back


def _state_after(name: str, operands: list[bytes], state: _State, stack: list[_State]) -> _State:
    """The graphics state after q (saved), Q (restored) or cm (its matrix concatenated)."""
    if name == "q":
        stack.append(state)
    elif name == "Q":
        return stack.pop() if stack else state
    else:
        return replace(state, matrix=_times([float(value) for value in operands], state.matrix))
    return state


@dataclass
class _Path:
    """The path being built, up to its painting operator."""

    rectangles: list[list[bytes]] = field(default_factory=list)  # its rectangles (re): a box only where they clip
    curved: bool = False  # it has segments other than rectangles: its clip is not bounded here
    pending: bool = False  # a W or W*: it ends as a clip at its painting operator

    def add(self, name: str, operands: list[bytes]) -> None:
        if name == "re":
            self.rectangles.append(operands)
        elif name == "m":
            self.curved = True
        elif name in ("W", "W*"):
            self.pending = True

    def painted(self, state: _State) -> _State:
        """The state after the path is painted (and ended): clipped by its rectangles where it is a clip of
        rectangles alone."""
        if self.pending and self.rectangles and not self.curved:
            state = replace(state, clip=_meet(state.clip, _bounds(self.rectangles, state.matrix)))
        self.rectangles, self.curved, self.pending = [], False, False
        return state


def _bounds(rectangles: list[list[bytes]], matrix: tuple[float, ...]) -> Box:
    """The bounding box of rectangles (x, y, width, height) under ``matrix``, in page points."""
    a, b, c, d, e, f = matrix
    xs: list[float] = []
    ys: list[float] = []
    for operands in rectangles:
        x, y, width, height = (float(value) for value in operands)
        for px, py in ((x, y), (x + width, y), (x, y + height), (x + width, y + height)):
            xs.append(a * px + c * py + e)
            ys.append(b * px + d * py + f)
    return (min(xs), min(ys), max(xs), max(ys))


def _times(first: list[float], then: tuple[float, ...]) -> tuple[float, float, float, float, float, float]:
    """The matrix ``first`` followed by ``then`` (PDF's row-vector order: cm pre-multiplies the CTM)."""
    a, b, c, d, e, f = first
    p, q, r, s, t, u = then
    return (a * p + b * r, a * q + b * s, c * p + d * r, c * q + d * s, e * p + f * r + t, e * q + f * s + u)


def _meet(clip: Box | None, box: Box) -> Box:
    if clip is None:
        return box
    return (max(clip[0], box[0]), max(clip[1], box[1]), min(clip[2], box[2]), min(clip[3], box[3]))
