"""Planted slips in any real PDF: one digit of a figure changed in the page's content stream, as the
publisher's own font prints it (`python -m bench.planted_pdf N`).

bench/planted.py plants in rendered DOCX of 上海 and 深圳 sources, bench/split_runs.py in real PDFs as
WPS writes them; this plants in the published PDFs of every region: the national corpus
(bench/corpus/national, scanned files left out) and the 江苏 2017/2018 PDFs of /work/jiangsu (never
the 2019 ones: they are the held-out yardstick). Each text-showing operator of a page (Tj, TJ, ', ")
and of the forms it draws is decoded with its font (Type0 Identity-H or a simple font; its ToUnicode,
else its encoding's ASCII digits) and placed as the text state places it; the glyphs on one baseline
make a printed line, a wide gap between two of them a table's cell boundary. A token of a class is
found in that text, and one digit of it replaced by the same font's code of another digit (its
reverse ToUnicode) — only where the font has that digit and its width is the old digit's (digits are
tabular in these documents' fonts; nothing moves). The plant is kept only when pdftotext of the
planted page shows the changed token where the old one was, and nothing else changed. Classes:

* 比率 — a rate after 增长/下降/增加/减少 (…%);
* 占比 — a share, 占…%;
* 正文金额 — a prose amount before 万元;
* 表格数 — an amount in a table's body;
* 科目编码 — a 7-digit 项 code in a table, one of its 项 digits changed;
* 年份 — the year before 年预算 / 年部门预算 / 年单位预算, written as the year before (after, for a year
  ending in 0: one digit either way);
* 单位 — a prose amount with decimals, not 0, before 万元 printed before 元: the glyph 万 taken out of its string
  (what follows in that string moves left by its width, as a retyped figure would).

A plant is found when a finding the review reports on the planted disclosure (its files reviewed
together, as `reportgen review A B` does, with no --layout), and not on its base, names the planted
figure (bench/planted.py's ``found``). Plants are drawn with a fixed seed, evenly over the regions
that print a token of the class, then over their documents.
"""

from __future__ import annotations

import random
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
NATIONAL = ROOT / "bench" / "corpus" / "national"
JIANGSU = Path("/work/jiangsu")
Matrix = tuple[float, float, float, float, float, float]
IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
_CELL_GAP = 1.2  # a gap this many font sizes wide between two glyphs of a line parts two cells
_CJK = re.compile(r"[\u4e00-\u9fff]")
# The operators the reader acts on (the text state, the graphics state, text shown, forms drawn): the content stream
# read with these alone (a table's page draws as many lines as it shows strings). An operation's index (Glyph.op)
# counts these alone; plant() finds it again in the whole stream.
TEXT_OPERATORS = "q Q cm BT Tf Tc Tw Tz TL Ts Td TD Tm T* ' \" Tj TJ Do"


def multiply(m: Matrix, n: Matrix) -> Matrix:
    """m × n (PDF's row-vector convention: m applied first)."""
    a, b, c, d, e, f = m
    p, q, r, s, t, u = n
    return (a * p + b * r, a * q + b * s, c * p + d * r, c * q + d * s, e * p + f * r + t, e * q + f * s + u)


@dataclass
class Font:
    """How a font's codes read: their length in bytes, text (ToUnicode or the encoding's ASCII), width."""

    length: int
    chars: dict[int, str]
    widths: dict[int, float]
    default: float
    codes: dict[str, int] = field(default_factory=dict)  # a digit → the code printing it

    def width(self, code: int) -> float:
        return self.widths.get(code, self.default)


def _cmap(data: bytes) -> dict[int, str]:
    """A ToUnicode CMap's codes → text (bfchar, bfrange with a start or an array)."""
    chars: dict[int, str] = {}

    def text(hexa: bytes) -> str:
        return bytes.fromhex(hexa.decode()).decode("utf-16-be", errors="replace")

    for block in re.findall(rb"beginbfrange(.*?)endbfrange", data, re.S):
        for low, high, rest in re.findall(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*(<[0-9A-Fa-f]+>|\[[^\]]*\])", block):
            codes = range(int(low, 16), int(high, 16) + 1)
            if rest.startswith(b"["):
                chars.update(zip(codes, (text(h) for h in re.findall(rb"<([0-9A-Fa-f]+)>", rest)), strict=False))
            else:
                first = text(rest[1:-1])
                for n, code in enumerate(codes):
                    chars[code] = first[:-1] + chr(ord(first[-1]) + n) if first else ""
    for block in re.findall(rb"beginbfchar(.*?)endbfchar", data, re.S):
        for code, hexa in re.findall(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]*)>", block):
            chars[int(code, 16)] = text(hexa)
    return chars


def read_font(font: Any) -> Font | None:
    """A font's codes, or None where they cannot be read for sure (a Type3 font, a CJK CMap without
    a ToUnicode)."""
    import pikepdf

    subtype = str(font.get("/Subtype", ""))
    to_unicode = _cmap(font.ToUnicode.read_bytes()) if "/ToUnicode" in font else None
    if subtype == "/Type0":
        if str(font.get("/Encoding", "")) not in ("/Identity-H", "/Identity-V") or to_unicode is None:
            return None
        descendant = font.DescendantFonts[0]
        widths: dict[int, float] = {}
        items = list(descendant.get("/W", pikepdf.Array()))
        i = 0
        while i + 1 < len(items):
            if isinstance(items[i + 1], pikepdf.Array):
                widths.update((int(items[i]) + n, float(w)) for n, w in enumerate(items[i + 1]))
                i += 2
            else:
                widths.update((code, float(items[i + 2])) for code in range(int(items[i]), int(items[i + 1]) + 1))
                i += 3
        read = Font(2, to_unicode, widths, float(descendant.get("/DW", 1000)))
    elif subtype in ("/TrueType", "/Type1", "/MMType1"):
        chars = to_unicode if to_unicode is not None else {code: chr(code) for code in range(32, 127)}
        first = int(font.get("/FirstChar", 0))
        widths = {first + n: float(w) for n, w in enumerate(font.get("/Widths", pikepdf.Array()))}
        read = Font(1, chars, widths, 0.0)
    else:
        return None
    for code, text in sorted(read.chars.items()):
        if text.isdigit() and len(text) == 1:
            read.codes.setdefault(text, code)
    return read


@dataclass
class Glyph:
    """One glyph shown: its text, where it stands (its line's direction made horizontal), and where its
    code lies: the stream (0 the page's, else a form's), the operation, the string within it, the offset."""

    char: str
    x: float
    y: float
    width: float
    size: float
    stream: int
    op: int
    item: int
    at: int
    font: Font


@dataclass
class _State:
    ctm: Matrix = IDENTITY
    font: Font | None = None
    size: float = 0.0
    spacing: float = 0.0
    words: float = 0.0
    scale: float = 1.0
    leading: float = 0.0
    rise: float = 0.0

    def copy(self) -> _State:
        return _State(**self.__dict__)


class _Reader:
    """The glyphs of a page's content and of the forms it draws, in the order they are shown."""

    def __init__(self, fonts: dict[tuple[int, int], Font | None] | None = None) -> None:
        self.glyphs: list[Glyph] = []
        self.streams: list[Any] = []  # the stream objects, by index (0: the page)
        self.fonts: dict[tuple[int, int], Font | None] = {}  # a direct font object's, this page's alone
        # an indirect font object's, by its number: of the whole document where one is handed in (page_tokens reads
        # every page of a file, each naming the same few fonts: read once, not once a page)
        self.shared: dict[tuple[int, int], Font | None] = {} if fonts is None else fonts

    def font(self, resources: Any, name: str) -> Font | None:
        fonts = resources.get("/Font") if resources is not None else None
        if fonts is None or name not in fonts:
            return None
        obj = fonts[name]
        known = self.shared if obj.objgen != (0, 0) else self.fonts
        key = obj.objgen if obj.objgen != (0, 0) else (id(obj), -1)
        if key not in known:
            try:
                known[key] = read_font(obj)
            except (ValueError, KeyError, AttributeError, TypeError):
                known[key] = None
        return known[key]

    def read(self, owner: Any, resources: Any, state: _State, depth: int = 0) -> None:
        import pikepdf

        stream = len(self.streams)
        self.streams.append(owner)
        try:
            operations = pikepdf.parse_content_stream(owner, TEXT_OPERATORS)
        except pikepdf.PdfError:
            return
        stack: list[_State] = []
        tm = lm = IDENTITY
        named: dict[str, Font | None] = {}  # the fonts of these resources, by name
        for index, (operands, operator) in enumerate(operations):
            op = str(operator)
            if op == "q":
                stack.append(state.copy())
            elif op == "Q" and stack:
                state = stack.pop()
            elif op == "cm" and len(operands) == 6:
                state.ctm = multiply(tuple(float(v) for v in operands), state.ctm)  # type: ignore[arg-type]
            elif op == "BT":
                tm = lm = IDENTITY
            elif op == "Tf" and len(operands) == 2:
                name = str(operands[0])
                if name not in named:
                    named[name] = self.font(resources, name)
                state.font, state.size = named[name], float(operands[1])
            elif op in ("Tc", "Tw", "Tz", "TL", "Ts") and operands:
                value = float(operands[0])
                setattr(state, {"Tc": "spacing", "Tw": "words", "Tz": "scale", "TL": "leading", "Ts": "rise"}[op],
                        value / 100 if op == "Tz" else value)
            elif op in ("Td", "TD") and len(operands) == 2:
                tx, ty = float(operands[0]), float(operands[1])
                state.leading = -ty if op == "TD" else state.leading
                tm = lm = multiply((1, 0, 0, 1, tx, ty), lm)
            elif op == "Tm" and len(operands) == 6:
                tm = lm = tuple(float(v) for v in operands)  # type: ignore[assignment]
            elif op in ("T*", "'", '"'):
                if op == '"' and len(operands) == 3:
                    state.words, state.spacing = float(operands[0]), float(operands[1])
                tm = lm = multiply((1, 0, 0, 1, 0, -state.leading), lm)
            if op in ("Tj", "'", '"') and operands:
                tm = self.show(bytes(operands[-1]), state, tm, stream, index, 0)
            elif op == "TJ" and operands:
                for item, part in enumerate(operands[0]):
                    if isinstance(part, pikepdf.String):
                        tm = self.show(bytes(part), state, tm, stream, index, item)
                    else:
                        tm = multiply((1, 0, 0, 1, -float(part) / 1000 * state.size * state.scale, 0), tm)
            elif op == "Do" and operands and depth < 4:
                self.form(resources, str(operands[0]), state, depth)

    def form(self, resources: Any, name: str, state: _State, depth: int) -> None:
        xobjects = resources.get("/XObject") if resources is not None else None
        if xobjects is None or name not in xobjects:
            return
        form = xobjects[name]
        if str(form.get("/Subtype", "")) != "/Form" or any(s.objgen == form.objgen for s in self.streams[1:]):
            return
        inner = state.copy()
        matrix = form.get("/Matrix")
        if matrix is not None:
            inner.ctm = multiply(tuple(float(v) for v in matrix), inner.ctm)  # type: ignore[arg-type]
        self.read(form, form.get("/Resources", resources), inner, depth + 1)

    def show(self, data: bytes, state: _State, tm: Matrix, stream: int, op: int, item: int) -> Matrix:
        font = state.font
        if font is None:
            return tm
        glyph_space = (state.size * state.scale, 0, 0, state.size, 0, state.rise)
        risen = (1, 0, 0, 1, 0, state.rise)
        placed = multiply(tm, state.ctm)  # tm on the page: each glyph's end is the next one's start
        for at in range(0, len(data) - font.length + 1, font.length):
            code = int.from_bytes(data[at:at + font.length], "big")
            advance = (font.width(code) / 1000 * state.size + state.spacing
                       + (state.words if font.length == 1 and code == 32 else 0.0)) * state.scale
            start = multiply(glyph_space, placed)  # type: ignore[arg-type]
            tm = multiply((1, 0, 0, 1, advance, 0), tm)
            placed = multiply(tm, state.ctm)
            end = multiply(risen, placed)  # type: ignore[arg-type]
            x, y, size = _upright(start)
            x2, _, _ = _upright((start[0], start[1], start[2], start[3], end[4], end[5]))
            for char in font.chars.get(code, "\ufffd") or "\ufffd":
                self.glyphs.append(Glyph(char, x, y, x2 - x, size, stream, op, item, at, font))
        return tm


def _upright(m: Matrix) -> tuple[float, float, float]:
    """The glyph origin's coordinates turned by a multiple of 90° so that its baseline runs left to
    right, and its size on the page."""
    a, b, c, d, e, f = m
    size = (c * c + d * d) ** 0.5
    if abs(a) >= abs(b):
        return (e, f, size) if a >= 0 else (-e, -f, size)
    return (f, -e, size) if b >= 0 else (-f, e, size)


@dataclass
class Text:
    """A page's printed text: its lines one after another ("\\n"), a cell boundary as "\\t"; ``glyphs``
    gives each character's glyph (None for a boundary)."""

    text: str
    glyphs: list[Glyph | None]


def page_text(glyphs: list[Glyph]) -> Text:
    lines: list[list[Glyph]] = []
    for glyph in sorted(glyphs, key=lambda g: (-round(g.y, 0), g.x)):
        if lines and abs(lines[-1][0].y - glyph.y) <= 0.3 * max(glyph.size, 1.0):
            lines[-1].append(glyph)
        else:
            lines.append([glyph])
    text: list[str] = []
    out: list[Glyph | None] = []
    for line in lines:
        line.sort(key=lambda g: g.x)
        for n, glyph in enumerate(line):
            if n and glyph.x - (line[n - 1].x + line[n - 1].width) > _CELL_GAP * max(glyph.size, 1.0):
                text.append("\t")
                out.append(None)
            text.append(glyph.char)
            out.append(glyph)
        text.append("\n")
        out.append(None)
    return Text("".join(text), out)


# --- the classes ---------------------------------------------------------------------------------

_PROSE: dict[str, re.Pattern[str]] = {
    "比率": re.compile(r"(?:增长|下降|增加|减少)[ ]?(?P<n>\d+(?:\.\d+)?)[ ]?[%％]"),
    "占比": re.compile(r"占[^%％\d\n\t。；，,]{0,15}?(?P<n>\d+(?:\.\d+)?)[ ]?[%％]"),
    "正文金额": re.compile(r"(?<![\d.,])(?P<n>\d[\d,]*(?:\.\d+)?)[ ]?万元"),
    "年份": re.compile(r"(?<!\d)(?P<n>20\d\d)[ ]?年(?:部门|单位)?预算"),
    "单位": re.compile(r"(?<![\d.,])(?P<n>(?![0.,]+[ ]?万)\d[\d,]*\.\d+[ ]?万)元"),  # (0 元 is 0 万元: no slip)
}
_CELLS: dict[str, re.Pattern[str]] = {
    "表格数": re.compile(r"(?P<n>\d[\d,]*\.\d{2,6})"),
    "科目编码": re.compile(r"(?P<n>2\d{6})(?:[ ]?[-－]?[ ]?[\u4e00-\u9fff（(].*)?"),
}
CLASSES = ["比率", "占比", "正文金额", "表格数", "科目编码", "年份", "单位"]  # a new class goes last: the others' draws stay
_AMOUNT = re.compile(r"\d[\d,]*\.\d{2,6}")


@dataclass(frozen=True)
class Token:
    klass: str
    file: int  # which of the disclosure's files
    page: int  # from 1
    start: int  # in the page's text
    was: str


def tokens(text: Text) -> dict[str, list[tuple[int, str]]]:
    """class → (offset in the text, token) of each token of the page."""
    found: dict[str, list[tuple[int, str]]] = {klass: [] for klass in CLASSES}
    offset = 0
    for line in text.text.split("\n"):
        cells = line.split("\t")
        amounts = sum(1 for cell in cells if _AMOUNT.fullmatch(cell.strip()))
        if _CJK.search(line) and amounts < 2:  # a line of prose (a table's row prints figures in cells)
            for klass, pattern in _PROSE.items():
                found[klass] += [(offset + m.start("n"), m.group("n")) for m in pattern.finditer(line)]
        elif amounts >= 2:
            at = offset
            for cell in cells:
                for klass, pattern in _CELLS.items():
                    m = pattern.fullmatch(cell)
                    if m:
                        found[klass].append((at + m.start("n"), m.group("n")))
                at += len(cell) + 1
        offset += len(line) + 1
    return found


def _change(klass: str, was: str, rng: random.Random) -> tuple[int, str] | None:
    """(which character, the token now) with one digit changed, as the class changes it."""
    if klass == "单位":  # 万 taken out
        return len(was) - 1, was[:-1]
    if klass == "年份":
        i = len(was) - 1
        return i, was[:i] + str(int(was[i]) - 1 if was[i] != "0" else 1)
    places = [i for i, c in enumerate(was) if c.isdigit()]
    places = places[-2:] if klass == "科目编码" else places[1:]
    if not places:
        return None
    i = rng.choice(places)
    return i, was[:i] + str((int(was[i]) + rng.randint(1, 9)) % 10) + was[i + 1:]


# --- reading a PDF, planting in it -----------------------------------------------------------------

def read_page(pdf: Any, number: int, fonts: dict[tuple[int, int], Font | None] | None = None) -> tuple[_Reader, Text]:
    """The glyphs and the printed text of page ``number`` (from 1) of an open pikepdf document (``fonts``: the
    document's fonts read so far, kept for its other pages)."""
    page = pdf.pages[number - 1]
    reader = _Reader(fonts)
    reader.read(page, page.obj.get("/Resources"), _State())
    return reader, page_text(reader.glyphs)


def page_tokens(data: bytes) -> Iterator[tuple[int, str, int, str]]:
    """(page, class, offset in the page's text, token) of each token of a PDF."""
    import pikepdf

    with pikepdf.open(_bytes_io(data)) as pdf:
        fonts: dict[tuple[int, int], Font | None] = {}
        for number in range(1, len(pdf.pages) + 1):
            _, text = read_page(pdf, number, fonts)
            for klass, found in tokens(text).items():
                for start, was in found:
                    yield number, klass, start, was


def _bytes_io(data: bytes) -> Any:
    import io

    return io.BytesIO(data)


def plant(data: bytes, page: int, start: int, was: str, i: int, now: str) -> bytes | None:
    """The PDF with character ``i`` of the token at ``start`` of the page's text printed as ``now[i]``:
    the glyph's code replaced by the code of that digit in the same font, where the font has it at the
    same width and length; None where it has not. Where ``now`` is one character short, the glyph is
    taken out."""
    import pikepdf

    with pikepdf.open(_bytes_io(data)) as pdf:
        reader, text = read_page(pdf, page)
        if text.text[start:start + len(was)] != was:
            return None
        glyph = text.glyphs[start + i]
        if glyph is None or glyph.char != was[i]:
            return None
        font = glyph.font
        deleting = len(now) < len(was)
        code = None if deleting else font.codes.get(now[i])
        operations = list(pikepdf.parse_content_stream(reader.streams[glyph.stream]))
        read = set(TEXT_OPERATORS.split())
        place = [n for n, operation in enumerate(operations) if str(operation.operator) in read][glyph.op]
        operands, operator = operations[place].operands, operations[place].operator
        string = operands[0][glyph.item] if str(operator) == "TJ" else operands[-1]
        shown = bytes(string)
        old = int.from_bytes(shown[glyph.at:glyph.at + font.length], "big")
        if font.chars.get(old) != was[i]:
            return None
        if not deleting and (code is None or font.width(code) != font.width(old)):
            return None
        replacement = b"" if code is None else code.to_bytes(font.length, "big")
        new = pikepdf.String(shown[:glyph.at] + replacement + shown[glyph.at + font.length:])
        if str(operator) == "TJ":
            array = pikepdf.Array(list(operands[0]))
            array[glyph.item] = new
            operands = [array]
        else:
            operands = [*list(operands)[:-1], new]
        operations[place] = pikepdf.ContentStreamInstruction(operands, operator)
        content = pikepdf.unparse_content_stream(operations)
        if glyph.stream == 0:
            pdf.pages[page - 1].Contents = pdf.make_stream(content)
        else:
            reader.streams[glyph.stream].write(content)
        out = _bytes_io(b"")
        pdf.save(out)
        return bytes(out.getvalue())


def printed(data: bytes, page: int) -> str:
    """pdftotext's text of one page."""
    with tempfile.NamedTemporaryFile(prefix="plantpdf-", suffix=".pdf") as file:
        file.write(data)
        file.flush()
        done = subprocess.run(["pdftotext", "-f", str(page), "-l", str(page), file.name, "-"],
                              capture_output=True, check=False)
    return done.stdout.decode("utf-8", errors="replace")


def shows_plant(before: str, after: str, was: str, i: int, now: str) -> bool:
    """Whether pdftotext's text after the plant differs from before in one character only, the
    token's, showing the new token where the old one was (one character taken out: the text with its
    spacing left out is the old text without it, the token's rest before it)."""
    if len(now) < len(was):
        squeezed, out = re.sub(r"\s", "", before), re.sub(r"\s", "", after)
        rest = re.sub(r"\s", "", was[:i])
        return len(out) == len(squeezed) - 1 and any(
            squeezed[k] == was[i] and squeezed[:k] + squeezed[k + 1:] == out and squeezed[:k].endswith(rest)
            for k in range(len(squeezed)) if squeezed[k] == was[i])
    if len(before) != len(after):
        return False
    differ = [n for n, (a, b) in enumerate(zip(before, after, strict=True)) if a != b]
    if len(differ) != 1:
        return False
    at = differ[0] - i
    return at >= 0 and before[at:at + len(was)] == was and after[at:at + len(now)] == now


# --- the disclosures planted in, and the measure ---------------------------------------------------

@dataclass
class Base:
    id: str
    region: str
    files: list[Path]
    data: list[bytes] = field(default_factory=list)


def bases() -> list[Base]:
    """The national corpus's disclosures with a text layer, and the 江苏 2017/2018 ones."""
    import yaml

    out = []
    for listing in sorted(NATIONAL.glob("corpus*.yaml")):
        for entry in (yaml.safe_load(listing.read_text(encoding="utf-8")) or {}).get("documents") or []:
            files = [ROOT / str(f) for f in (entry.get("files") or [entry["file"]])]
            if "scanned" in str(files[0]) or entry.get("text_layer") or not all(f.exists() for f in files):
                continue
            out.append(Base(str(entry["id"]), str(entry.get("region", "")).removesuffix("市") or "?", files))
    for path in sorted(JIANGSU.glob("js-*-201[78]-*.pdf")):
        if not path.stem.endswith("-tables"):
            tables = path.with_name(f"{path.stem}-tables.pdf")
            out.append(Base(path.stem, "江苏", [path, *([tables] if tables.exists() else [])]))
    for base in out:
        base.data = [f.read_bytes() for f in base.files]
    return out


@dataclass(frozen=True)
class Plant:
    klass: str
    base: str
    region: str
    file: int
    page: int
    was: str
    now: str  # the planted token, as printed
    figure: Decimal | None  # as a number (None for a code or a year)
    context: str  # the printed line around it
    start: int = 0  # where the token starts in the page's text (page_text)
    index: int = 0  # which of its characters was changed


def plants(all_bases: list[Base], per_class: int, seed: int = 41,
           discarded: dict[str, int] | None = None) -> Iterator[tuple[Plant, bytes]]:
    """``per_class`` planted PDFs of each class, drawn over the regions printing a token of it in turn,
    then over their tokens (each drawn once at most); a token whose font cannot print the change, or whose change
    pdftotext does not show, is set aside and another drawn (counted in ``discarded``)."""
    rng = random.Random(seed)
    found: dict[str, dict[str, list[tuple[Base, int, int, int, str]]]] = {klass: {} for klass in CLASSES}
    for base in all_bases:
        for file, data in enumerate(base.data):
            for page, klass, start, was in page_tokens(data):
                found[klass].setdefault(base.region, []).append((base, file, page, start, was))
    for klass in CLASSES:
        regions = sorted(found[klass])
        for n in range(per_class if regions else 0):
            pool = found[klass][regions[n % len(regions)]]
            for _ in range(min(20, len(pool))):  # each token planted once at most
                base, file, page, start, was = pool.pop(rng.randrange(len(pool)))
                change = _change(klass, was, rng)
                made = plant_checked(base.data[file], page, start, was, change) if change else None
                if made is not None:
                    break
                if discarded is not None:
                    discarded[klass] = discarded.get(klass, 0) + 1
            else:
                continue
            now = change[1]  # type: ignore[index]
            figure = Decimal(now.replace(",", "").strip()) if klass not in ("科目编码", "年份") else None
            line = made[1]
            yield Plant(klass, base.id, base.region, file, page, was, now, figure, line, start, change[0]), made[0]  # type: ignore[index]


def plant_checked(data: bytes, page: int, start: int, was: str, change: tuple[int, str]) -> tuple[bytes, str] | None:
    """The planted PDF and pdftotext's line around the change, where the font can print it and pdftotext
    shows it (``shows_plant``); None where not."""
    i, now = change
    planted = plant(data, page, start, was, i, now)
    if planted is None:
        return None
    before, after = printed(data, page), printed(planted, page)
    if not shows_plant(before, after, was, i, now):
        return None
    at = next((n for n, (a, b) in enumerate(zip(before, after, strict=False)) if a != b), len(after))
    return planted, after[max(0, at - 30):at + 20].replace("\n", " ")


def review(files: list[Path]) -> list[str]:
    """The texts of the findings `reportgen review` reports on the files given together (no --layout)."""
    from bench.review_eval import reported_of
    from reportgen.review.documents import review_together

    return [r.text for result in review_together(files, None) for r in reported_of(result)[0]]


@dataclass
class Outcome:
    plant: Plant
    hit: bool
    new: list[str]


def run(per_class: int, seed: int = 41, only: list[str] | None = None) -> tuple[list[Outcome], dict[str, int]]:
    """Each plant reviewed: found or not (bench/planted.py's ``found`` over the findings new on it); ``only``: the
    bases whose id holds one of these words (a smoke run: one document, not the corpus)."""
    from bench.planted import Plant as DocxPlant
    from bench.planted import found

    all_bases = [base for base in bases() if not only or any(word in base.id for word in only)]
    by_id = {base.id: base for base in all_bases}
    told: dict[str, set[str]] = {}
    outcomes: list[Outcome] = []
    discarded: dict[str, int] = {}
    with tempfile.TemporaryDirectory(prefix="plantpdf-run-") as folder:
        for planted, data in plants(all_bases, per_class, seed, discarded):
            base = by_id[planted.base]
            if base.id not in told:
                told[base.id] = set(review(base.files))
            here = Path(folder) / base.id
            here.mkdir(exist_ok=True)
            files = [here / f.name for f in base.files]
            for n, (source, target) in enumerate(zip(base.files, files, strict=True)):
                if n == planted.file:
                    target.write_bytes(data)
                else:
                    shutil.copyfile(source, target)
            new = [t for t in review(files) if t not in told[base.id]]
            as_docx = DocxPlant(planted.klass, planted.base, planted.was, planted.now, planted.figure)
            outcomes.append(Outcome(planted, found(as_docx, new) or _named_as_printed(planted, new), new))
            print(f"{planted.klass} {planted.base} {planted.was}→{planted.now}: {outcomes[-1].hit}", file=sys.stderr)
    return outcomes, discarded


def _named_as_printed(planted: Plant, new: list[str]) -> bool:
    """A plant whose new figure bench/planted.py's ``found`` cannot see — 0, 1, 2 and 100 are left out of a finding's
    numbers as too common to name a slip (“下降1.9%” planted “下降1.0%”, a table's 0.05 planted 0.00) — named where a
    finding new on the planted disclosure prints the planted token itself, digit for digit."""
    from bench.review_eval import numbers

    if planted.figure is None or numbers(str(planted.figure)):
        return False
    token = re.compile(rf"(?<![\d.,，]){re.escape(planted.now)}(?![\d]|[.．]\d)")
    return any(token.search(text) for text in new)


def table(outcomes: list[Outcome], key: str) -> list[str]:
    groups: dict[str, list[bool]] = {}
    for outcome in outcomes:
        groups.setdefault(getattr(outcome.plant, key), []).append(outcome.hit)
    title = {"klass": "class", "region": "region"}[key]
    lines = [f"| {title} | planted | found | recall |", "|---|---:|---:|---:|"]
    for name, hits in groups.items():
        lines.append(f"| {name} | {len(hits)} | {sum(hits)} | {sum(hits) / len(hits):.0%} |")
    total = [o.hit for o in outcomes]
    if total:
        lines.append(f"| all | {len(total)} | {sum(total)} | {sum(total) / len(total):.0%} |")
    return lines


def main(argv: list[str] | None = None) -> int:
    import argparse
    import json

    parser = argparse.ArgumentParser(description="planted slips in real PDFs of every region: recall per class and region")
    parser.add_argument("per_class", type=int, nargs="?", default=20, help="plants per class (20)")
    parser.add_argument("--seed", type=int, default=41)
    parser.add_argument("--json", type=Path, help="write every plant, found or not, and the findings new on it")
    parser.add_argument("--only", nargs="*", default=None, help="only the documents whose id holds one of these")
    args = parser.parse_args(argv)
    outcomes, discarded = run(args.per_class, args.seed, args.only)
    print(f"### planted in real PDFs of every region (bench/planted_pdf.py, {args.per_class} per class, seed {args.seed})",
          "", *table(outcomes, "klass"), "", *table(outcomes, "region"), "",
          "Set aside (the font lacks the digit or prints it wider, or pdftotext does not show the change): "
          + (", ".join(f"{k} {v}" for k, v in discarded.items()) or "none"), "", "Missed:", sep="\n")
    for outcome in outcomes:
        if not outcome.hit:
            p = outcome.plant
            print(f"- {p.klass} {p.base} file {p.file} p{p.page}: {p.was} → {p.now}  「{p.context}」")
    if args.json:
        args.json.write_text(json.dumps([{**o.plant.__dict__, "figure": str(o.plant.figure), "hit": o.hit, "new": o.new}
                                         for o in outcomes], ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
