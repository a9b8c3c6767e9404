"""Figures of a real published PDF re-set in split runs: one or more digits of a figure set as a run of
their own — another font size, a hair off the baseline, or another font — touching the figure's other
digits, as an edited figure is printed (`python -m bench.planted` measures the review on them; the
fixtures of tests/test_split_runs.py are made with it).

It rewrites the page content of PDFs as WPS writes them (every Shanghai 普陀 PDF of the corpus and the
seeds but three): each run of text is a BT … ET of its own, placed by one ``Tm`` at its start, each
glyph of an Identity-H font shown by ``<code>Tj`` and the next placed by ``tx 0 TD`` (its advance). A
figure lies within one run there (WPS starts a run where the script changes). Split, the figure's first
digits keep their run; the digits set apart follow in a run of their own, in the style asked, placed
where the first part ends (touching it); the rest of the figure, if any, follows in the first run's
style, touching them; the runs after it on the printed line move by what the new run is wider or
narrower than the digits were, as a word processor sets the rest of the line after an edit. A PDF
of another producer (a ``TJ`` array, ``Td`` moves) has no run this module reads: nothing is planted in it.
"""

from __future__ import annotations

import io
import random
import re
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

# the text state before a run (its font and size) and the run: its Tm, then its glyphs and advances
_TF = re.compile(rb"/([^\s/<>\[\]()]+)\s+([\d.]+)\s+Tf")
_RUN = re.compile(rb"(?P<a>[\d.]+) 0 -?0 (?P<d>-?[\d.]+) (?P<x>-?[\d.]+) (?P<y>-?[\d.]+) +Tm\s+"
                  rb"(?P<shows>(?:<[0-9A-Fa-f]{4}> ?Tj\s*(?:-?[\d.]+ -?0 TD\s*)?)+)(?=ET)")
_GLYPH = re.compile(rb"<([0-9A-Fa-f]{4})> ?Tj\s*(?:(-?[\d.]+) -?0 TD\s*)?")
_BFCHAR = re.compile(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>")
_BFRANGE = re.compile(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>")
_HELVETICA_WIDTHS = {  # in thousandths of its size (its AFM)
    **dict.fromkeys("0123456789", 556), ".": 278, ",": 278, "%": 889, "-": 333,
}
# how the digits set apart differ: (name, size factor, baseline shift in points, font)
STYLES = {
    "字号": (0.875, 0.0, ""),  # 10.5 points in a 12-point line: a digit typed over in another size
    "基线": (1.0, -1.5, ""),  # raised 1.5 points (a run's w:position, a PDF editor's nudge)
    "字号基线": (0.8, 1.0, ""),  # smaller and lowered
    "字体": (1.0, 0.0, "Helvetica"),  # another font (its digits a little wider: they overlap the rest)
    "大字号": (1.2, 0.0, ""),
}


@dataclass
class Font:
    widths: dict[int, float]  # code → width in thousandths of the size
    default: float
    chars: dict[int, str]  # code → its text (the font's ToUnicode)
    codes: dict[str, int] = field(default_factory=dict)  # text → code

    def width(self, code: int) -> float:
        return self.widths.get(code, self.default)


@dataclass
class Run:
    """One run of a page's content: where its Tm and glyphs stand in the content bytes, its font,
    size and position (the Tm's scale a, d and origin x, y) and its glyphs (code, advance to the next
    in text space units; the last one's advance is its width)."""

    start: int
    end: int
    font: str
    size: float
    a: float
    d: float
    x: float
    y: float
    codes: list[int]
    advances: list[float]
    text: str


@dataclass
class Page:
    number: int  # from 1
    content: bytes
    runs: list[Run]
    fonts: dict[str, Font]


@dataclass(frozen=True)
class Split:
    """Characters ``start`` … ``end`` of a run's text set apart in ``style``, reading ``now`` (the
    same characters, or a slip)."""

    run: int
    start: int
    end: int
    style: str
    now: str


def read_font(font: object) -> Font | None:
    """An Identity-H Type0 font's widths and ToUnicode; None for any other font."""
    from pypdf.generic import ArrayObject, DictionaryObject

    if not isinstance(font, DictionaryObject) or font.get("/Subtype") != "/Type0" or "/ToUnicode" not in font:
        return None
    descendant: Any = font["/DescendantFonts"][0].get_object()  # type: ignore[index]
    widths: dict[int, float] = {}
    items = list(descendant.get("/W", ArrayObject()))
    i = 0
    while i < len(items):
        first = int(items[i])
        if isinstance(items[i + 1].get_object(), ArrayObject):
            for n, width in enumerate(items[i + 1].get_object()):
                widths[first + n] = float(width)
            i += 2
        else:
            for code in range(first, int(items[i + 1]) + 1):
                widths[code] = float(items[i + 2])
            i += 3
    to_unicode: Any = font["/ToUnicode"].get_object()
    chars = _to_unicode(to_unicode.get_data())
    return Font(widths, float(descendant.get("/DW", 1000)), chars, {text: code for code, text in chars.items()})


def _to_unicode(cmap: bytes) -> dict[int, str]:
    chars: dict[int, str] = {}
    for block in re.findall(rb"beginbfrange(.*?)endbfrange", cmap, re.S):
        for low, high, first in _BFRANGE.findall(block):
            start = int(first, 16)
            for n, code in enumerate(range(int(low, 16), int(high, 16) + 1)):
                chars[code] = chr(start + n)
    for block in re.findall(rb"beginbfchar(.*?)endbfchar", cmap, re.S):
        for code, text in _BFCHAR.findall(block):
            chars[int(code, 16)] = bytes.fromhex(text.decode()).decode("utf-16-be", errors="replace")
    return chars


def read_pages(data: bytes) -> list[Page]:
    """Each page's content and the WPS runs in it (none where it is written otherwise)."""
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    pages = []
    for number, page in enumerate(reader.pages, start=1):
        contents = page.get_contents()
        content = contents.get_data() if contents is not None else b""
        resources = page.get("/Resources", {})
        fonts = {}
        for name, font in (resources.get("/Font", {}) or {}).items():
            read = read_font(font.get_object())
            if read is not None:
                fonts[name[1:]] = read
        pages.append(Page(number, content, _runs(content, fonts), fonts))
    return pages


def _runs(content: bytes, fonts: dict[str, Font]) -> list[Run]:
    runs = []
    fonts_set = [(m.start(), m.group(1).decode("latin-1"), float(m.group(2))) for m in _TF.finditer(content)]
    at = 0
    for match in _RUN.finditer(content):
        while at + 1 < len(fonts_set) and fonts_set[at + 1][0] < match.start():
            at += 1
        if not fonts_set or fonts_set[at][0] > match.start() or fonts_set[at][1] not in fonts:
            continue
        _, name, size = fonts_set[at]
        font = fonts[name]
        codes, advances = [], []
        for glyph in _GLYPH.finditer(match.group("shows")):
            codes.append(int(glyph.group(1), 16))
            advances.append(float(glyph.group(2)) if glyph.group(2) else font.width(codes[-1]) * size / 1000)
        if any(code not in font.chars or len(font.chars[code]) != 1 for code in codes):
            continue
        runs.append(Run(match.start(), match.end(), name, size, float(match.group("a")), float(match.group("d")),
                        float(match.group("x")), float(match.group("y")), codes, advances,
                        "".join(font.chars[code] for code in codes)))
    return runs


def printed_lines(page: Page) -> list[list[int]]:
    """The page's runs (by index) on one baseline, left to right, top to bottom."""
    lines: dict[float, list[int]] = {}
    for index, run in enumerate(page.runs):
        lines.setdefault(round(run.y, 1), []).append(index)
    return [sorted(indices, key=lambda i: page.runs[i].x) for _, indices in sorted(lines.items())]


def _number(value: float) -> bytes:
    return (f"{value:.3f}".rstrip("0").rstrip(".") or "0").encode()


def _shows(codes: list[int], advances: list[float]) -> bytes:
    parts = [b"<%04X>Tj" % code for code in codes]
    return b"".join(part + (b" " + _number(advance) + b" -0 TD" if n + 1 < len(parts) else b"")
                    for n, (part, advance) in enumerate(zip(parts, advances, strict=True)))


def _tm(run: Run, x: float, y: float) -> bytes:
    return b" ".join([_number(run.a), b"0", b"0", _number(run.d), _number(x), _number(y), b"Tm\r"])


def resplit(data: bytes, splits: dict[int, list[Split]]) -> bytes:
    """The PDF ``data`` with each split made (by page number): the pages' content rewritten, a
    Helvetica font added to a page whose split asks for it; every other object as it was."""
    from pypdf import PdfWriter
    from pypdf.generic import DictionaryObject, NameObject, StreamObject

    pages = read_pages(data)
    writer = PdfWriter(io.BytesIO(data), incremental=True)  # the original bytes kept, the pages changed appended
    for number, wanted in splits.items():
        page = pages[number - 1]
        content = _rewritten(page, wanted)
        target = writer.pages[number - 1]
        stream = StreamObject()
        stream.set_data(content)
        stream = stream.flate_encode()
        target[NameObject("/Contents")] = writer._add_object(stream)
        if any(STYLES[split.style][2] for split in wanted):
            fonts: Any = target["/Resources"]["/Font"]  # type: ignore[index]
            fonts[NameObject("/SplitHelvetica")] = writer._add_object(DictionaryObject({
                NameObject("/Type"): NameObject("/Font"), NameObject("/Subtype"): NameObject("/Type1"),
                NameObject("/BaseFont"): NameObject("/Helvetica"), NameObject("/Encoding"): NameObject("/WinAnsiEncoding")}))
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _rewritten(page: Page, splits: list[Split]) -> bytes:
    """The page's content with the splits made and the runs after each on its line moved."""
    shift: dict[int, float] = {}
    replaced: dict[int, bytes] = {}
    line_of = {index: line for line in printed_lines(page) for index in line}
    for split in sorted(splits, key=lambda split: page.runs[split.run].x):  # each moved by those left of it first
        new, delta = _split_run(page, page.runs[split.run], split, shift.get(split.run, 0.0))
        replaced[split.run] = new
        for other in line_of[split.run]:
            if page.runs[other].x > page.runs[split.run].x:
                shift[other] = shift.get(other, 0.0) + delta
    content = page.content
    for index in sorted(set(replaced) | set(shift), reverse=True):
        run = page.runs[index]
        new = replaced.get(index) or _tm(run, run.x + shift[index], run.y) + _shows(run.codes, run.advances)
        content = content[:run.start] + new + b"\n" + content[run.end:]
    return content


def _split_run(page: Page, run: Run, split: Split, moved: float) -> tuple[bytes, float]:
    """The run's bytes with characters start … end set apart, and how much wider the line now is."""
    factor, rise, other_font = STYLES[split.style]
    font = page.fonts[run.font]
    scale = run.a
    x = run.x + moved
    head = _tm(run, x, run.y) + _shows(run.codes[:split.start], run.advances[:split.start])
    part_x = x + scale * sum(run.advances[:split.start])
    was = scale * sum(run.advances[split.start:split.end])
    size = run.size * factor
    if other_font:
        advances = [_HELVETICA_WIDTHS[c] * size / 1000 for c in split.now]
        text = b"".join(b"(" + c.encode("latin-1") + b")Tj" + (b" " + _number(a) + b" -0 TD" if n + 1 < len(advances) else b"")
                        for n, (c, a) in enumerate(zip(split.now, advances, strict=True)))
        font_name = b"SplitHelvetica"
    else:
        codes = [font.codes[c] for c in split.now]
        advances = [font.width(code) * size / 1000 for code in codes]
        text = _shows(codes, advances)
        font_name = run.font.encode("latin-1")
    width = scale * sum(advances)
    part = (b"\nET\rBT\r/" + font_name + b" " + _number(size) + b" Tf\r" + _tm(run, part_x, run.y + rise) + text)
    tail_x = part_x + width
    restore = b"\nET\rBT\r/" + run.font.encode("latin-1") + b" " + _number(run.size) + b" Tf\r"
    tail = restore + _tm(run, tail_x, run.y) + _shows(run.codes[split.end:], run.advances[split.end:]) if split.end < len(run.codes) else restore
    return head + part + tail, width - was


def figures(page: Page, pattern: re.Pattern[str]) -> Iterator[tuple[int, int, int]]:
    """(run index, start, end within the run's text) for each match of ``pattern`` over a printed
    line's text (its runs' texts side by side) that lies within one run."""
    for line in printed_lines(page):
        text, starts = "", []
        for index in line:
            starts.append(len(text))
            text += page.runs[index].text
        for match in pattern.finditer(text):
            for index, start in zip(line, starts, strict=True):
                run = page.runs[index]
                if start <= match.start() and match.end() <= start + len(run.text):
                    yield index, match.start() - start, match.end() - start
                    break


# --- slips planted in split runs -------------------------------------------------------------------

_CELL_GAP = 6.0  # points: a table's cell stands this far at least from the runs beside it on its line


@dataclass(frozen=True)
class Plant:
    klass: str
    base: str
    style: str
    was: str
    now: str  # the planted token, as printed
    figure: Decimal | None  # the planted figure as a number (None for a code or a year)


def _cell(page: Page, index: int) -> bool:
    """Whether the run stands apart on its line as a table's cell does (no run touching it)."""
    run = page.runs[index]
    right = run.x + run.a * sum(run.advances)
    for line in printed_lines(page):
        if index in line:
            others = [page.runs[i] for i in line if i != index]
            return all(o.x - right >= _CELL_GAP or run.x - (o.x + o.a * sum(o.advances)) >= _CELL_GAP for o in others)
    return False


def candidates(pages: list[Page], where: str, pattern: re.Pattern[str]) -> list[tuple[int, int, int, int]]:
    """(page number, run, start, end) of each token of the class: within a table's cell (a run standing
    apart whose whole text is the token) or, for the prose, anywhere else."""
    found = []
    for page in pages:
        if where == "table":
            found += [(page.number, i, 0, len(run.text)) for i, run in enumerate(page.runs)
                      if pattern.fullmatch(run.text) and _cell(page, i)]
        else:
            found += [(page.number, i, a, b) for i, a, b in figures(page, pattern) if not _cell(page, i)]
    return found


def plants(bases: dict[str, bytes], per_class: int, seed: int = 41) -> Iterator[tuple[Plant, bytes]]:
    """``per_class`` planted PDFs of each class of bench/planted.py (but 单位: 万元 printed as 元 changes
    no figure's digits), drawn evenly over the bases that print a token of it: the token's changed
    characters set apart in a run of their own, in each style in turn."""
    from bench.planted import KINDS, _number

    rng = random.Random(seed)
    pages = {base: read_pages(data) for base, data in bases.items()}
    styles = list(STYLES)
    for klass, (where, pattern, change) in KINDS.items():
        found = {base: candidates(pages[base], where, pattern) for base in bases} if klass != "单位" else {}
        having = [base for base in bases if found.get(base)]
        for n in range(per_class if having else 0):
            base = having[n % len(having)]
            number, index, start, end = rng.choice(found[base])
            run = pages[base][number - 1].runs[index]
            was = run.text[start:end]
            now = change(re.fullmatch(r".+", was), rng, 0)  # type: ignore[arg-type]
            changed = [i for i, (a, b) in enumerate(zip(was, now, strict=True)) if a != b]
            if not changed or any(c not in pages[base][number - 1].fonts[run.font].codes for c in now):
                continue
            style = styles[n % len(styles)]
            split = Split(index, start + changed[0], start + changed[-1] + 1, style, now[changed[0]:changed[-1] + 1])
            figure = _number(now) if klass not in ("科目编码", "年份") else None
            yield Plant(klass, base, style, was, now, figure), resplit(bases[base], {number: [split]})


def corpus_bases(only: list[str] | None = None) -> dict[str, bytes]:
    """The PDFs of bench/corpus/corpus.yaml, by id (``only``: the ids holding one of these)."""
    import yaml

    root = Path(__file__).resolve().parent.parent
    corpus = yaml.safe_load((root / "bench" / "corpus" / "corpus.yaml").read_text(encoding="utf-8"))["documents"]
    return {entry["id"]: (root / entry["file"]).read_bytes() for entry in corpus
            if not only or any(word in entry["id"] for word in only)}


def run(per_class: int, only: list[str] | None = None) -> dict[str, tuple[int, int]]:
    """class (and style) → (plants, found): a plant is found when a finding the review reports on the
    planted PDF, and not on its base, names the planted figure (bench/planted.py's ``found``); for a
    code, also counted where such a finding names the code it replaced."""
    from bench.planted import found
    from bench.review_eval import reported_by_review

    bases = corpus_bases(only)
    results: dict[str, list[bool]] = {}
    with tempfile.TemporaryDirectory(prefix="reportgen-split-runs-") as folder:
        path = Path(folder) / "planted.pdf"
        told: dict[str, set[str]] = {}
        for plant, data in plants(bases, per_class):
            if plant.base not in told:
                path.write_bytes(bases[plant.base])
                told[plant.base] = {r.text for r in reported_by_review(path)[0]}
            path.write_bytes(data)
            new = [r.text for r in reported_by_review(path)[0] if r.text not in told[plant.base]]
            hit = found(plant, new)  # type: ignore[arg-type]
            results.setdefault(plant.klass, []).append(hit)
            results.setdefault(f"（{plant.style}）", []).append(hit)
            if plant.klass == "科目编码":  # a new finding naming the row's code as published points at the slip too
                results.setdefault("科目编码（或其原编码）", []).append(hit or any(plant.was in t for t in new))
    return {key: (len(hits), sum(hits)) for key, hits in results.items()}
