"""What OCR's confidence is worth on pages whose figures are known: `python -m bench.ocr_calibration
[PDF[:PAGES] ...] [--json F] [--keep DIR]` (PAGES as ``1-5,9``; without PDFs, the pages ``SELECTION`` names
in the shared corpus, or a word that it is absent).

Each page has a text layer. It is rasterised as a scan would be (pdftoppm at the DPI the reader renders a scan
at, grey), made an image-only PDF (PIL), and read through the reader's own OCR path (readers/pdf_ocr.py:
``page_tsv``, ``figures_of_tsv``). Each figure OCR reads is set against the figure the text layer prints at the
same place (a text-layer word's figures placed within it by their characters' widths): the same (full-width
digits and separators as ASCII) is right; another text, another figure's part, or a figure where the text
layer prints none is wrong. Printed: the figures at each band of confidence, how many are wrong, the lowest
threshold that lets no wrong figure pass, and the right figures lost to “□” at it and at ``MIN_CONFIDENCE``
(the method and the measured table: bench/corpus/ocr-calibration-2026-11-26.md). ``--rasterise PDF OUT``
writes a whole PDF image-only (every page a scan), for reviewing it end to end."""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from pathlib import Path

from reportgen.readers.pdf import pdf_ocr
from reportgen.readers.pdf.pdf_words import pdf_words
from reportgen.readers.pdf.word_box import Word

CORPUS = Path("/work/shared/corpus")
JIANGSU = Path("/work/jiangsu")
# prose pages and table pages of documents of seven regions (2019 江苏 held out: 2018 taken)
SELECTION = [
    (CORPUS / "bj-minzhengju-2026-dept-budget.pdf", "1,3-8"),
    (CORPUS / "bj-minzhengju-2026-dept-budget-tables.pdf", "3,9"),
    (CORPUS / "gd-guangzhou-sifaju-2026-dept-budget.pdf", "4,5,7-13"),
    (CORPUS / "gd-shenzhen-minzheng-2026-dept-budget.pdf", "6-10,13,16,20,23,28"),
    (CORPUS / "sd-yantai-dashujuju-2026-dept-budget.pdf", "6-9,11-13,15,21"),
    (CORPUS / "sh-city-yingjizhifa-2026-unit-budget.pdf", "2,5-14"),
    (CORPUS / "gd-foshan-guidaojiaotongju-2019-dept-final.pdf", "5-14"),
    (JIANGSU / "js-zhengxie-2018-dept-budget.pdf", "4,6,8,9"),
    (JIANGSU / "js-zhengxie-2018-dept-budget-tables.pdf", "5,6,11"),
    # more prose: the figures a review judges
    (CORPUS / "gd-shenzhen-gongwushu-2026-dept-budget.pdf", "5-11,13"),
    (CORPUS / "sh-city-xingkeyuan-2026-unit-budget.pdf", "2,6,20"),
    (CORPUS / "bj-shuiwuju-2026-dept-budget.pdf", "6-10"),
    (CORPUS / "gd-guangzhou-qixiangju-2026-dept-budget.pdf", "14-16,25,26"),
    (CORPUS / "sd-yantai-renshe-2026-dept-budget.pdf", "8,14-16,19,23"),
    (JIANGSU / "js-jianchayuan-2018-dept-budget.pdf", "3,5,6"),
]
BANDS = [0, 50, 60, 70, 75, 80, 85, 90, 93, 96, 100.01]
_WIDE = str.maketrans("０１２３４５６７８９，．％", "0123456789,.%")


@dataclass
class Reading:
    """One figure OCR read, set against the text layer's at its place."""

    file: str
    page: int
    text: str  # as OCR read it
    truth: str  # the text layer's figure there ("" where it prints none)
    confidence: float
    doubtful: bool  # put in doubt by its shape or what touches it (pdf_ocr._doubtful): printed □ at any confidence
    wrong: bool
    table: bool  # on a page of a table


def pages_of(spec: str, count: int) -> list[int]:
    """``1-5,9`` as page numbers (all ``count`` pages for "")."""
    if not spec:
        return list(range(1, count + 1))
    out: list[int] = []
    for part in spec.split(","):
        first, _, last = part.partition("-")
        out += range(int(first), int(last or first) + 1)
    return [n for n in out if 1 <= n <= count]


def image_only(pdf: Path, number: int, out: Path) -> None:
    """Page ``number`` of ``pdf`` as a scan: rendered at the reader's DPI in grey, saved as a one-image PDF."""
    from PIL import Image

    stem = out.with_suffix("")
    subprocess.run(["pdftoppm", "-r", str(pdf_ocr.DPI), "-gray", "-singlefile", "-f", str(number), "-l",
                    str(number), str(pdf), str(stem)], check=True)
    with Image.open(f"{stem}.pgm") as image:
        image.save(out, "PDF", resolution=float(pdf_ocr.DPI))
    Path(f"{stem}.pgm").unlink()


def rasterise(pdf: Path, out: Path, spec: str = "") -> None:
    """``pdf`` at ``out`` with its pages ``spec`` names (all for "") image-only (``image_only``), the others
    as they are."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    reader = PdfReader(pdf)
    scans = set(pages_of(spec, len(reader.pages)))
    with tempfile.TemporaryDirectory(prefix="ocrcal-") as folder:
        for number in range(1, len(reader.pages) + 1):
            if number not in scans:
                writer.add_page(reader.pages[number - 1])
                continue
            page = Path(folder) / f"p{number}.pdf"
            image_only(pdf, number, page)
            writer.add_page(PdfReader(page).pages[0])
        with out.open("wb") as stream:
            writer.write(stream)


def truth_figures(words: list[Word]) -> list[Word]:
    """The figures of a text layer's words, each boxed within its word by its characters' widths (a Latin
    character half a Han one)."""
    out = []
    for word in words:
        widths = [0.5 if ch.isascii() else 1.0 for ch in word.text]
        scale = (word.right - word.left) / (sum(widths) or 1)
        for match in pdf_ocr._FIGURE.finditer(word.text):
            start = match.start()
            for part in _LISTED.findall(match.group()):
                left = word.left + sum(widths[:start]) * scale
                right = word.left + sum(widths[:start + len(part)]) * scale
                out.append(Word(left, word.top, right, word.bottom, part))
                start += len(part)
    return out


# a list's number set before a figure (“4．2026年”) and the figure: two figures
_LISTED = re.compile(r"^[0-9]{1,2}．(?=[0-9])|.+")


def _overlap(a0: float, a1: float, b0: float, b1: float) -> float:
    return max(0.0, min(a1, b1) - max(a0, b0))


def _on_line(figure: pdf_ocr.Figure, word: Word, slack: float = 0.0) -> bool:
    """Whether ``word`` stands on the line of ``figure`` (half the lower height shared) and overlaps it (give or
    take ``slack``)."""
    shared = _overlap(figure.top, figure.bottom, word.top, word.bottom)
    return shared >= 0.5 * min(figure.bottom - figure.top, word.height) and \
        _overlap(figure.left - slack, figure.right + slack, word.left, word.right) > 0


def counterpart(figure: pdf_ocr.Figure, truth: list[Word], text: list[Word]) -> str | None:
    """The text layer's figure at the place of ``figure``: of those on its line, one that prints the same within a
    line's height of it (the text layer's figures are placed by estimate), else the one it overlaps most; ""
    where the text layer prints words there but no figure (OCR made one up); None where it prints nothing
    there (a picture's figure, a chart's label: not known)."""
    height = figure.bottom - figure.top
    near = [t for t in truth if _on_line(figure, t, height)]
    if any(not is_wrong(figure.text, t.text) for t in near):
        return figure.text
    best, most = "", 0.0
    for t in near:
        shared = _overlap(figure.left, figure.right, t.left, t.right)
        if shared > most:
            best, most = t.text, shared
    if not best and not any(_on_line(figure, word) for word in text):
        return None
    return best


def is_wrong(read: str, truth: str) -> bool:
    """Whether OCR's figure is not the text layer's: their texts differ (full-width characters as ASCII;
    a stray end stop, “1.” of a list against “1”, not counted)."""
    a, b = read.translate(_WIDE).rstrip("."), truth.translate(_WIDE).rstrip(".")
    return a != b


def _tsv(image: Path, kept: Path | None, key: str) -> tuple[str, float]:
    cached = kept / f"{key}.tsv" if kept else None
    if cached is not None and cached.is_file():
        return cached.read_text(encoding="utf-8"), 0.0
    start = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="ocrcal-") as folder:
        tsv = pdf_ocr.page_tsv(image, 1, Path(folder))
    spent = time.perf_counter() - start
    if cached is not None:
        cached.parent.mkdir(parents=True, exist_ok=True)
        cached.write_text(tsv, encoding="utf-8")
    return tsv, spent


def measure_page(pdf: Path, number: int, text: list[Word], kept: Path | None,
                 scan: Path | None = None) -> tuple[list[Reading], float]:
    """The figures OCR reads on page ``number`` of ``pdf`` rasterised (or on ``scan``'s first page, that page
    rasterised before), each set against ``text`` (the page's text layer; those where it prints nothing left
    out); and the seconds OCR took (0 where ``kept`` had its reading)."""
    key = f"{hashlib.blake2b(pdf.read_bytes(), digest_size=8).hexdigest()}-{number}-{pdf_ocr.DPI}"
    with tempfile.TemporaryDirectory(prefix="ocrcal-") as folder:
        image = scan or Path(folder) / "scan.pdf"
        if scan is None and not (kept and (kept / f"{key}.tsv").is_file()):
            image_only(pdf, number, image)
        tsv, spent = _tsv(image, kept, key)
    truth = truth_figures(text)
    table = sum(1 for w in text if pdf_ocr._FIGURE.fullmatch(w.text)) >= 20
    out = []
    for figure in pdf_ocr.figures_of_tsv(tsv, 72 / pdf_ocr.DPI):
        there = counterpart(figure, truth, text)
        if there is None:
            continue
        out.append(Reading(pdf.name, number, figure.text, there, figure.confidence, figure.doubtful,
                           is_wrong(figure.text, there), table))
    return out, spent


def measure(targets: Iterable[tuple[Path, str]], kept: Path | None) -> tuple[list[Reading], list[float], int]:
    """Every figure read on the pages of ``targets``, the seconds each page's OCR took, and the text layer's
    figures on those pages."""
    readings: list[Reading] = []
    times: list[float] = []
    printed = 0
    for pdf, spec in targets:
        pages = pdf_words(pdf, pdf.read_bytes(), ValueError, "")
        for number in pages_of(spec, len(pages)):
            text = pages[number - 1]
            if not text:
                print(f"{pdf.name} p. {number}: no text layer, not measured", file=sys.stderr)
                continue
            found, spent = measure_page(pdf, number, text, kept)
            readings += found
            printed += len(truth_figures(text))
            if spent:
                times.append(spent)
    return readings, times, printed


def threshold(readings: list[Reading]) -> float:
    """The lowest whole confidence no wrong figure reaches."""
    return float(int(max((r.confidence for r in readings if r.wrong), default=-1.0)) + 1)


def bands(readings: list[Reading]) -> list[str]:
    """The figures and the wrong ones at each band of confidence, on prose pages and table pages."""
    out = ["| confidence | figures | wrong | prose pages: figures / wrong | table pages: figures / wrong |",
           "|---|---|---|---|---|"]
    for low, high in zip(BANDS, BANDS[1:], strict=False):
        band = [r for r in readings if low <= r.confidence < high]
        prose = [r for r in band if not r.table]
        tables = [r for r in band if r.table]
        out.append(f"| {low:g}–{min(high, 100):g} | {len(band)} | {sum(r.wrong for r in band)} | "
                   f"{len(prose)} / {sum(r.wrong for r in prose)} | {len(tables)} / {sum(r.wrong for r in tables)} |")
    return out


def at_limits(readings: list[Reading], name: str) -> list[str]:
    """What the threshold at which no wrong figure passes, and MIN_CONFIDENCE, lose and let pass."""
    out = []
    for label, limit in (("no wrong figure passes at", threshold(readings)), ("MIN_CONFIDENCE", pdf_ocr.MIN_CONFIDENCE)):
        lost = sum(1 for r in readings if not r.wrong and r.confidence < limit)
        passed = sum(1 for r in readings if r.wrong and r.confidence >= limit)
        out.append(f"- {name}: {label} {limit:g}: {lost} of {sum(not r.wrong for r in readings)} right figures "
                   f"printed □ ({lost / max(1, sum(not r.wrong for r in readings)):.1%}), {passed} wrong pass")
    return out


def report(readings: list[Reading], times: list[float], printed: int) -> list[str]:
    pages = {(r.file, r.page) for r in readings}
    kept = [r for r in readings if not r.doubtful]
    out = [f"{len(pages)} pages ({len({p for p in pages if any(r.table for r in readings if (r.file, r.page) == p)})} "
           f"of tables) of {len({f for f, _ in pages})} files; the text layer prints {printed} figures, OCR reads "
           f"{len(readings)} where the text layer prints words, {sum(r.wrong for r in readings)} wrong",
           f"the guards (pdf_ocr._doubtful) print {len(readings) - len(kept)} of them □ "
           f"({sum(r.wrong for r in readings if r.doubtful)} wrong); by confidence, the others:", ""]
    out += bands(kept) + [""]
    out += at_limits(kept, "all pages") + at_limits([r for r in kept if not r.table], "prose pages")
    out += at_limits(readings, "all pages, without the guards")
    if times:
        ordered = sorted(times)
        out.append(f"OCR a page: median {ordered[len(ordered) // 2]:.1f} s, most {ordered[-1]:.1f} s "
                   f"({len(times)} pages read)")
    out.append("")
    out += [f"wrong: {r.file} p. {r.page} {'table' if r.table else 'prose'}: read {r.text!r} at {r.confidence:.1f}"
            f"{' (guarded)' if r.doubtful else ''}, text layer {r.truth!r}"
            for r in sorted(readings, key=lambda r: -r.confidence) if r.wrong]
    return out


_NOTE = re.compile(r"（第[0-9、]+页为扫描件[^）]*）|「[^」]*」")


def findings_of(files: list[Path]) -> tuple[list[tuple[str, frozenset[str]]], str]:
    """What `reportgen review FILES` tells of them, as bench/review_eval.py counts it: each finding's kind and
    the figures it names (its words aside: OCR's text and the scanned page's note differ), and the outcome."""
    from bench.review_eval import reported_of
    from reportgen.review.documents import review_together

    out, outcomes = [], []
    for result in review_together(files, None):
        reported, _, unreviewed = reported_of(result)
        out += [(r.kind, frozenset(str(n) for n in r.figures)) for r in reported]
        outcomes.append(f"{result.outcome}{'（' + unreviewed[:80] + '）' if unreviewed else ''}")
        print("\n".join(f"    {r.kind}: {_NOTE.sub('', r.text)[:150]}" for r in reported), file=sys.stderr)
    return out, "; ".join(outcomes)


def end_to_end(given: list[str]) -> list[str]:
    """One document's files reviewed as published and with every page image-only (``rasterise``; =FILE: a file
    kept as published, FILE:PAGES: those pages only made scans): the findings of each, those of the scan that
    the text's review does not tell (new: false alarms), and the time."""
    named = [(g.removeprefix("="), g.startswith("=")) for g in given]
    files = [Path(g.rpartition(":")[0] if ":" in g else g) for g, _ in named]
    specs = [g.rpartition(":")[2] if ":" in g else "" for g, _ in named]
    with tempfile.TemporaryDirectory(prefix="ocrcal-") as folder:
        scans = [f if kept else Path(folder) / f.name for f, (_, kept) in zip(files, named, strict=True)]
        for original, scan, spec in zip(files, scans, specs, strict=True):
            if scan != original:
                rasterise(original, scan, spec)
        print(f"# {' '.join(f.name for f in files)}: as published", file=sys.stderr)
        text, said = findings_of(files)
        start = time.perf_counter()
        print("# scanned", file=sys.stderr)
        with pdf_ocr.shared_readings():
            scanned, told = findings_of(scans)
        spent = time.perf_counter() - start
        pages = sum(len(pdf_words(s, s.read_bytes(), ValueError, "").scanned) for s in scans if s not in files)
    new = [f for f in scanned if f not in text]
    found = [f for f in text if f in scanned]
    return [f"{' + '.join(f.name for f in files)}: {pages} pages; as published {len(text)} findings ({said}); "
            f"scanned {len(scanned)} ({told}): {len(found)} of the {len(text)} found, {len(new)} new; "
            f"{spent:.0f} s ({spent / max(1, pages):.1f} s a page)"] + [f"  new: {kind} {sorted(n)}" for kind, n in new]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else "")
    parser.add_argument("pdfs", nargs="*", help="PDF or PDF:PAGES (1-5,9): pages with a text layer")
    parser.add_argument("--json", type=Path, help="every figure read, with its truth and confidence")
    parser.add_argument("--keep", type=Path, help="a folder keeping each page's OCR reading (TSV) for the next run")
    parser.add_argument("--review", nargs="+", metavar="FILE",
                        help="one document's files: reviewed as published and as scans (=FILE: kept as published, "
                             "FILE:PAGES: those pages made scans), their findings compared")
    parser.add_argument("--rasterise", nargs=2, type=Path, metavar=("PDF", "OUT"), help="write PDF image-only")
    args = parser.parse_args(argv)
    if args.rasterise:
        rasterise(*args.rasterise)
        return 0
    missing = pdf_ocr.missing()
    if missing:
        print(missing)
        return 1
    if args.review:
        print("\n".join(end_to_end(args.review)))
        return 0
    targets = [(Path(p.rpartition(":")[0] or p), p.rpartition(":")[2] if ":" in p else "") for p in args.pdfs]
    if not targets:
        targets = [(pdf, spec) for pdf, spec in SELECTION if pdf.is_file()]
        if not targets:
            print(f"the corpus is absent ({CORPUS}): give PDFs with a text layer to measure")
            return 0
    readings, times, printed = measure(targets, args.keep)
    print("\n".join(report(readings, times, printed)))
    if args.json:
        args.json.write_text(json.dumps([asdict(r) for r in readings], ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
