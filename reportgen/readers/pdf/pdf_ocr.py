"""The words of a PDF's scanned pages, read by OCR into the word boxes pdf_words gives every other page,
so that the prose reader and the table reader read a scanned page as they read any page.

* Which pages: a page whose text layer has almost no characters (``_FEW``: a page number stamped on a
  scan) and which an image covers for the most part (``pdfimages -list``: the images' printed size
  against the page's) — a blank page, or a cover of a few words, is not a scan and is not read.
* How: the page rendered by poppler's ``pdftoppm`` at ``DPI`` in grey, read by ``tesseract`` (Debian's
  tesseract-ocr with its chi_sim model, run as a program: its TSV gives each word's box and confidence).
  Each of tesseract's lines becomes the words pdftotext would box: the runs of its words set closer than
  ``_GAP`` line heights (a line of prose one word, a table's cells apart), in points as pdftotext's are.
* What is not read: a figure any piece of which tesseract read below ``MIN_CONFIDENCE``, or which its shape or
  what touches it puts in doubt (``_doubtful``: a thousands separator not seen, a speck or a letter beside it, a
  figure cut across two of tesseract's lines), is printed as ``UNREAD`` (never guessed: the readers find no
  figure there, and a finding is never told on it). Both were measured on corpus pages rasterised, against
  their text layer (bench/ocr_calibration.py, bench/corpus/ocr-calibration-2026-11-26.md).
* A page scanned turned (sideways or upside down) reads poorly: most of its Chinese words below
  ``MIN_CONFIDENCE``, or, turned clockwise, read as vertical text, its lines standing on end
  (``_reads_turned``; measured on 北京市政务服务和数据管理局 2026's 93 scanned pages read upright: 64 % of a page's
  Chinese words at least read confidently, 15 % of its lines at most on end; 6 of its pages turned each way:
  upside down 10 % at most read confidently, sideways 75 % of the lines at least on end). Such a page only is
  turned as tesseract's orientation model (``--psm 0``, osd) tells and read again — or, without that model, each
  other way in turn — and its reading kept where it reads upright. The model, not a reading each way: it told
  the turn of those 18 pages right, in 1–2 s a page, where a reading of a page turned takes 4–10 s.
* Without tesseract (or its chi_sim model) nothing is read, and ``Scanned.missing`` says what is missing.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import shutil
import tempfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from reportgen.base.errors import Internal
from reportgen.base.patterns import regex
from reportgen.readers.pdf.word_box import Word
from reportgen.reading.programs import ProgramOutputTooLarge, ProgramTimeout, run_program, run_programs, seconds

DPI = 300  # tesseract reads a page best at 300 dpi: at the 144 of 北京's scans it read “2.7%” as “2.1”
# A figure with a piece read below this confidence is not read: the lowest whole confidence above every wrong
# figure the guards (_doubtful) let through on the prose pages measured (bench/corpus/ocr-calibration-2026-11-26.md,
# bench/ocr_calibration.py): 52 prose pages of 13 corpus documents of 7 regions rasterised at DPI, 827 figures
# read right, the wrong ones at 23.5 and below; and the 8 scanned pages of 北京市政务服务和数据管理局 2026, its cover's
# bold “2026” read “20256” at 78.6. Above it tesseract's confidence does not tell wrong from right (a table's
# column number 3 read 8 at 93.8): tables on scans are never read for sure (importing/sure.py).
MIN_CONFIDENCE = 79.0
UNREAD = "□"  # a figure printed where OCR could not read it for sure
OCR_SECONDS = 120  # one page's rendering and reading (REPORTGEN_OCR_SECONDS overrides it)
MAX_SCANNED_PAGES = 100  # pages OCR'd in one PDF at most (a page takes some seconds)
_FEW = 10  # characters of a text layer on a scanned page at most (its stamped page number)
_COVERED = 0.5  # of the page an image covers on a scan at least
_GAP = 1.2  # line heights between two of tesseract's words of one run at most
_MAX_OUTPUT = 16 * 1024 * 1024
_LANGUAGE = "chi_sim"
TESSERACT = "tesseract"  # the program, as found on PATH
_FIGURE = regex(r"[0-9０-９][0-9０-９,，.．]*%?")


@dataclass
class Scanned:
    """The words OCR read on each scanned page (1-based page → words), and why pages that are scans
    were not read (“” when all were)."""

    pages: dict[int, list[Word]] = field(default_factory=dict)
    missing: str = ""


CACHE_VARIABLE = "REPORTGEN_OCR_CACHE"  # a folder of this command's own where its processes share what OCR read


@contextlib.contextmanager
def shared_readings() -> Iterator[None]:
    """Within it, what OCR reads of a PDF is kept in a private folder of this process (named to the worker
    processes it starts by CACHE_VARIABLE) and removed at its end: a scanned 情况说明 reviewed alone and then
    with its 报表, in another worker, is read once."""
    if os.environ.get(CACHE_VARIABLE):
        yield
        return
    with tempfile.TemporaryDirectory(prefix="reportgen-ocr-") as folder:
        os.environ[CACHE_VARIABLE] = folder
        try:
            yield
        finally:
            os.environ.pop(CACHE_VARIABLE, None)


def scanned_pages(pdf: Path, words: list[list[Word]], sizes: list[tuple[float, float]], folder: Path,
                  digest: str = "") -> Scanned:
    """The pages of the PDF at ``pdf`` (``words``: its text layer's, ``sizes``: its pages' in points)
    that are scans, read by OCR; ``folder`` holds the page images while they are read. ``digest`` names
    the PDF's bytes: within ``shared_readings`` what was read of them is read from there."""
    few = [number for number, page in enumerate(words, start=1) if sum(len(w.text) for w in page) <= _FEW]
    if not few:
        return Scanned()
    kept = _kept_reading(digest)
    if kept is not None and kept.is_file():
        return _loaded(kept.read_text(encoding="utf-8"))
    read = _read_scans(pdf, few, sizes, folder)
    if kept is not None and kept.parent.is_dir():  # whole or not at all: another worker may be reading it
        with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=kept.parent, suffix=".part", delete=False) as part:
            part.write(_dumped(read))
        os.replace(part.name, kept)
    return read


def _kept_reading(digest: str) -> Path | None:
    """Where the reading of the PDF of ``digest`` is kept within ``shared_readings``; None outside them."""
    return Path(os.environ[CACHE_VARIABLE]) / f"{digest}.json" if digest and os.environ.get(CACHE_VARIABLE) else None


def _dumped(read: Scanned) -> str:
    return json.dumps({"missing": read.missing, "pages": {
        str(number): [[w.left, w.top, w.right, w.bottom, w.text] for w in page] for number, page in read.pages.items()}},
        ensure_ascii=False)


def _loaded(text: str) -> Scanned:
    kept = json.loads(text)
    return Scanned({int(number): [Word(*word) for word in page] for number, page in kept["pages"].items()},
                   kept["missing"])


def _read_scans(pdf: Path, few: list[int], sizes: list[tuple[float, float]], folder: Path) -> Scanned:
    """The pages among ``few`` (of almost no text) that are scans, read by OCR."""
    covered = _covered(pdf, sizes, few)
    scans = [number for number in few if covered.get(number, 0.0) >= _COVERED]
    if not scans:
        return Scanned()
    lacking = missing()
    if lacking:
        return Scanned(missing=lacking)
    out = Scanned()
    for number in scans[:MAX_SCANNED_PAGES]:
        read = _page(pdf, number, folder)
        if isinstance(read, str):
            out.missing = read
            break
        out.pages[number] = read
    if len(scans) > MAX_SCANNED_PAGES and not out.missing:
        out.missing = f"扫描页超过 {MAX_SCANNED_PAGES} 页，只识别了前 {MAX_SCANNED_PAGES} 页"
    return out


def missing() -> str:
    """What OCR needs that is not installed ("" when nothing)."""
    program = shutil.which(TESSERACT)
    if program is None:
        return "识别扫描页需要 tesseract 文字识别程序（Debian 的 tesseract-ocr 与 tesseract-ocr-chi-sim，scripts/setup 会安装）"
    try:
        code, out, err = run_program([program, "--list-langs"], 30, 1024 * 1024)
    except (ProgramTimeout, ProgramOutputTooLarge, OSError):
        return "tesseract 不能运行：无法识别扫描页"
    if _LANGUAGE not in (out + err).decode("utf-8", errors="replace").split():
        return "识别扫描页需要 tesseract 的简体中文模型（Debian 的 tesseract-ocr-chi-sim，scripts/setup 会安装）"
    return ""


def _covered(pdf: Path, sizes: list[tuple[float, float]], pages: list[int]) -> dict[int, float]:
    """How much of each of ``pages`` its images cover (their printed size, by pdfimages' pixels and
    resolution, against the page's)."""
    covered: dict[int, float] = {}
    for row in _image_rows(pdf, pages):
        found = _image_share(row.split(), sizes)
        if found is not None:
            page, share = found
            covered[page] = covered.get(page, 0.0) + share
    return covered


def _image_rows(pdf: Path, pages: list[int]) -> list[str]:
    """pdfimages' list of the images of ``pages`` of a PDF, a row each (its two header lines aside); none where it
    cannot run. Listed by runs of those pages (``-f``/``-l``): a listing of the whole file walks every page's content,
    most of pdftotext's time again for a page or two of little text; the file's whole listing where the pages make
    more than a few runs."""
    program = shutil.which("pdfimages")
    if program is None:
        return []
    ranges = _ranges(pages)
    try:
        done = run_programs([[program, "-list", *within, str(pdf)] for within in ranges], 60, _MAX_OUTPUT,
                            lanes=[0] * len(ranges))
    except (ProgramTimeout, ProgramOutputTooLarge, OSError):
        return []
    if any(code != 0 for code, _, _ in done):
        return []
    return [row for _, out, _ in done for row in out.decode("utf-8", errors="replace").splitlines()[2:]]


_SPANS = 4  # runs of pages listed apart at most; more: the whole file's listing


def _ranges(pages: list[int]) -> list[list[str]]:
    """pdfimages' options for each run of ``pages`` (-f first -l last); one listing of the whole file (no option) for
    more than _SPANS runs, or none."""
    spans = _spans(sorted(pages))
    return [["-f", str(first), "-l", str(last)] for first, last in spans] if 0 < len(spans) <= _SPANS else [[]]


def _spans(pages: list[int]) -> list[tuple[int, int]]:
    """The runs of consecutive numbers in sorted ``pages``: (first, last) of each."""
    runs: list[tuple[int, int]] = []
    for page in pages:
        if runs and page == runs[-1][1] + 1:
            runs[-1] = (runs[-1][0], page)
        else:
            runs.append((page, page))
    return runs


def _image_share(cells: list[str], sizes: list[tuple[float, float]]) -> tuple[int, float] | None:
    """The page an image of pdfimages' list (a row's ``cells``) is on, and how much of it the image covers; None
    for a row of no image (a mask), or of no size or page known."""
    if len(cells) < 14 or cells[2] != "image" or not cells[0].isdigit():
        return None
    page = int(cells[0])
    try:
        width, height, xppi, yppi = (float(cells[i]) for i in (3, 4, 12, 13))
    except ValueError:
        return None
    area = sizes[page - 1][0] * sizes[page - 1][1] if 0 < page <= len(sizes) else 0.0
    if area > 0 and xppi > 0 and yppi > 0:
        return page, (width / xppi * 72) * (height / yppi * 72) / area
    return None


def _page(pdf: Path, number: int, folder: Path) -> list[Word] | str:
    """The words tesseract reads on page ``number`` (set upright where it was scanned turned); what stopped
    it, as a reason, where it failed."""
    try:
        with _rendered(pdf, number, folder) as image:  # (rendered once: its orientation is asked of the same image)
            tsv = _read(image, number, ["-l", _LANGUAGE, "tsv"])
            if _reads_turned(tsv):
                tsv = _upright(pdf, number, folder, image) or tsv
        return words_of_tsv(tsv, 72 / DPI)
    except OcrFailed as failed:
        return str(failed)


_SOME = 20  # Chinese words a page's reading has at least, for their confidence to tell it was turned
_SURE_SHARE = 0.4  # of them read at MIN_CONFIDENCE or above on a page read upright, at least
_LINES = 5  # lines of three characters or more a page's reading has at least, for their shape to tell it
_TALL = 1.5  # a line at least this many times taller than wide stands on end
_TALL_SHARE = 0.5  # of a page's lines standing on end, at most, on a page read upright
_HAN = regex(r"[\u4e00-\u9fff]")


def _reads_turned(tsv: str) -> bool:
    """Whether tesseract's reading is that of a page turned: most of its Chinese words read below
    MIN_CONFIDENCE (upside down or turned anticlockwise), or most of its lines standing on end (turned
    clockwise, tesseract reads its lines as vertical text, confidently)."""
    lines = _lines(tsv, 1.0)
    return _mostly_unsure(lines) or _mostly_on_end(lines)


def _mostly_unsure(lines: list[list[_Piece]]) -> bool:
    """Whether most of a reading's Chinese words (_SOME at least) were read below MIN_CONFIDENCE."""
    chinese = [piece for line in lines for piece in line if _HAN.search(piece.text)]
    sure = sum(1 for piece in chinese if piece.confidence >= MIN_CONFIDENCE)
    return len(chinese) >= _SOME and sure < _SURE_SHARE * len(chinese)


def _mostly_on_end(lines: list[list[_Piece]]) -> bool:
    """Whether most of a reading's lines of three characters or more (_LINES at least) stand on end."""
    long = [line for line in lines if sum(len(piece.text) for piece in line) >= 3]
    tall = sum(1 for line in long if _on_end(line))
    return len(long) >= _LINES and tall > _TALL_SHARE * len(long)


def _on_end(line: list[_Piece]) -> bool:
    """Whether a line read stands on end: _TALL times taller than wide, or more."""
    return max(p.bottom for p in line) - min(p.top for p in line) > _TALL * (max(p.right for p in line) - min(p.left for p in line))


def _upright(pdf: Path, number: int, folder: Path, image: Path) -> str | None:
    """tesseract's TSV of page ``number`` (rendered at ``image``) turned as its orientation model tells (else each
    other way in turn), where so turned it reads upright; None where no turn does."""
    told = _orientation(image, number)
    for turn in [told] if told is not None else [180, 90, 270]:
        copy = folder / "upright.pdf"
        if turn and _turned_page(pdf, number, turn, copy):
            tsv = page_tsv(copy, 1, folder)
            if not _reads_turned(tsv):
                return tsv
    return None


def _turned_page(pdf: Path, number: int, turn: int, copy: Path) -> bool:
    """Page ``number`` alone written at ``copy``, turned ``turn`` degrees clockwise more; False where pikepdf
    cannot write it."""
    import pikepdf  # deferred: qpdf, for a page read turned only (loading it costs a process 0.3 G instructions)

    try:
        with pikepdf.open(pdf) as document, pikepdf.new() as turned:
            turned.pages.append(document.pages[number - 1])
            turned.pages[0].obj.Rotate = (int(document.pages[number - 1].obj.get("/Rotate", 0)) + turn) % 360
            turned.save(copy)
    except (pikepdf.PdfError, OSError, ValueError, IndexError):
        return False
    return True


_OSD_ROTATE = regex(r"Rotate: (\d+)")


def _orientation(image: Path, number: int) -> int | None:
    """The degrees clockwise tesseract's orientation model (``--psm 0``) turns page ``number`` (rendered at
    ``image``) by to set it upright; None where it cannot tell (no osd model, or it fails)."""
    try:
        out = _read(image, number, ["--psm", "0"])
    except OcrFailed:
        return None
    found = _OSD_ROTATE.search(out)
    return int(found.group(1)) % 360 if found else None


class OcrFailed(Internal):
    """Why a page could not be read by OCR (its message, in Chinese, for the user; caught where it is read)."""


def page_tsv(pdf: Path, number: int, folder: Path) -> str:
    """tesseract's TSV of page ``number`` of ``pdf`` rendered at ``DPI`` (``folder`` holds the image while it is
    read); OcrFailed where it cannot be read."""
    return _tesseract(pdf, number, folder, ["-l", _LANGUAGE, "tsv"])


def _tesseract(pdf: Path, number: int, folder: Path, options: list[str]) -> str:
    """What tesseract, given ``options``, writes of page ``number`` rendered at ``DPI``; OcrFailed where it
    cannot be read."""
    with _rendered(pdf, number, folder) as image:
        return _read(image, number, options)


@contextlib.contextmanager
def _rendered(pdf: Path, number: int, folder: Path) -> Iterator[Path]:
    """Page ``number`` of ``pdf`` rendered at ``DPI`` into ``folder``, removed after; OcrFailed where it cannot be."""
    image = folder / f"{pdf.stem}-page-{number}"  # (the page of a turned copy read while its original's is kept)
    pdftoppm = shutil.which("pdftoppm")
    if pdftoppm is None or shutil.which(TESSERACT) is None:
        raise OcrFailed("识别扫描页需要 poppler 的 pdftoppm 与 tesseract（scripts/setup 会安装）")
    limit = seconds("REPORTGEN_OCR_SECONDS", OCR_SECONDS)
    try:
        # a grey PGM, not a PNG: a fifth of pdftoppm's time (no compression), and tesseract reads it the same,
        # told its resolution (a PGM holds none)
        code, _, _ = run_program([pdftoppm, "-r", str(DPI), "-gray", "-singlefile", "-f", str(number),
                                  "-l", str(number), str(pdf), str(image)], limit, _MAX_OUTPUT)
        if code != 0:
            raise OcrFailed(f"pdftoppm 不能把第{number}页转成图像，未能识别")
        yield Path(f"{image}.pgm")
    except ProgramTimeout:
        raise OcrFailed(f"第{number}页的文字识别在 {limit:g} 秒内没有完成（可用环境变量 REPORTGEN_OCR_SECONDS 放宽时限）") from None
    except (ProgramOutputTooLarge, OSError):
        raise OcrFailed(f"第{number}页的文字识别失败") from None
    finally:
        Path(f"{image}.pgm").unlink(missing_ok=True)


def _read(image: Path, number: int, options: list[str]) -> str:
    """What tesseract, given ``options``, writes of the ``image`` of page ``number`` (kept in _READINGS by the
    image's digest); OcrFailed where it cannot be read."""
    limit = seconds("REPORTGEN_OCR_SECONDS", OCR_SECONDS)
    tesseract = shutil.which(TESSERACT)
    if tesseract is None:
        raise OcrFailed("识别扫描页需要 poppler 的 pdftoppm 与 tesseract（scripts/setup 会安装）")
    try:
        key: tuple[bytes | str, ...] = (hashlib.sha256(image.read_bytes()).digest(), tesseract, *options)
        if key in _READINGS:
            return _READINGS[key]
        # one thread: its OpenMP threads cost more time than they save on a page (and a review runs in parallel)
        code, out, _ = run_program([tesseract, str(image), "-", "--dpi", str(DPI), *options], limit,
                                   _MAX_OUTPUT, env={**os.environ, "OMP_THREAD_LIMIT": "1"})
    except ProgramTimeout:
        raise OcrFailed(f"第{number}页的文字识别在 {limit:g} 秒内没有完成（可用环境变量 REPORTGEN_OCR_SECONDS 放宽时限）") from None
    except (ProgramOutputTooLarge, OSError):
        raise OcrFailed(f"第{number}页的文字识别失败") from None
    if code != 0:
        raise OcrFailed(f"tesseract 不能识别第{number}页")
    if len(_READINGS) >= _KEPT_READINGS:
        _READINGS.pop(next(iter(_READINGS)))
    _READINGS[key] = read = out.decode("utf-8", errors="replace")
    return read


# What tesseract read of each page image this process rendered (its bytes' digest, the program, the options): an
# image read once (3–10 s), however many files or turns print it — a desk worker given a scan again with one page
# changed, a page turned back upright that is the one read upright before, the same 说明 in two files of a folder
_READINGS: dict[tuple[bytes | str, ...], str] = {}
_KEPT_READINGS = 64  # readings kept at most (a page's TSV: some tens of KB)


@dataclass
class _Piece:
    left: float
    top: float
    right: float
    bottom: float
    text: str
    confidence: float  # tesseract's, 0–100


@dataclass(frozen=True)
class Figure:
    """A figure of tesseract's reading as the readers would find it (``_FIGURE`` in a word ``_runs`` made), in
    points: its text as read (before it is printed UNREAD or not), the lowest confidence of the pieces it was
    read from, and whether its shape or what touches it puts it in doubt (``_doubtful``) — what
    bench/ocr_calibration.py sets against the text layer of the same page."""

    left: float
    top: float
    right: float
    bottom: float
    text: str
    confidence: float
    doubtful: bool

    @property
    def read(self) -> bool:
        """Whether the readers are given it (else it is printed UNREAD)."""
        return self.confidence >= MIN_CONFIDENCE and not self.doubtful


def words_of_tsv(tsv: str, scale: float) -> list[Word]:
    """The words of tesseract's TSV (its word rows: level 5), each line's runs of words made one word
    (``_runs``), in points (``scale``: points a pixel)."""
    return [_word(run, touched) for run, touched in _touching(_all_runs(tsv, scale))]


def figures_of_tsv(tsv: str, scale: float) -> list[Figure]:
    """Every figure of tesseract's TSV, read or not, with its confidence (``Figure``)."""
    return [figure for run, touched in _touching(_all_runs(tsv, scale)) for figure in _figures(run, touched)]


def _all_runs(tsv: str, scale: float) -> list[list[_Piece]]:
    return [run for pieces in _lines(tsv, scale) for run in _runs(pieces)]


def _lines(tsv: str, scale: float) -> list[list[_Piece]]:
    """The pieces (tesseract's words) of each of its lines, left to right, in points."""
    lines: dict[tuple[str, str, str], list[_Piece]] = {}
    for row in tsv.splitlines()[1:]:
        cells = row.split("\t")
        if len(cells) != 12 or cells[0] != "5" or not cells[11].strip():
            continue
        try:
            left, top, width, height, confidence = (float(cells[i]) for i in (6, 7, 8, 9, 10))
        except ValueError:
            continue
        lines.setdefault((cells[2], cells[3], cells[4]), []).append(
            _Piece(left * scale, top * scale, (left + width) * scale, (top + height) * scale, cells[11].strip(),
                   confidence))
    return [sorted(pieces, key=lambda p: p.left) for pieces in lines.values()]


def _runs(pieces: list[_Piece]) -> list[list[_Piece]]:
    """A line's pieces in runs, each a word: each piece joins the run before it where the gap between them is
    within ``_GAP`` of the line's height."""
    height = max(p.bottom - p.top for p in pieces)
    runs: list[list[_Piece]] = []
    for piece in pieces:
        if runs and piece.left - runs[-1][-1].right <= _GAP * height:
            runs[-1].append(piece)
        else:
            runs.append([piece])
    return runs


_NUMERIC = "0123456789０１２３４５６７８９,，.．"


def _touching(runs: list[list[_Piece]]) -> list[tuple[list[_Piece], tuple[bool, bool]]]:
    """Each run, and whether a figure's character of another run touches its first, its last character: on its
    line (half the lower height shared), within ``_GAP`` heights — a figure tesseract cut in two and put in two
    of its lines (“1,”, “172.57” of 1,172.57; “9.”, “291634” of 9.291634 in a table's narrow column)."""
    ends = [(run[0], run[-1]) for run in runs]
    return list(zip(runs, [_ends_touched(first, last, ends) for first, last in ends], strict=True))


def _ends_touched(first: _Piece, last: _Piece, ends: list[tuple[_Piece, _Piece]]) -> tuple[bool, bool]:
    """Whether a figure's character of another run (of the runs' ``ends``) touches a run's first, its last piece."""
    starts_touched = first.text[0] in _NUMERIC and any(
        other is not last and other.text[-1] in _NUMERIC and _beside(other, first) for _, other in ends)
    ends_touched = last.text[-1] in _NUMERIC and any(
        other is not first and other.text[0] in _NUMERIC and _beside(last, other) for other, _ in ends)
    return starts_touched, ends_touched


def _beside(before: _Piece, after: _Piece) -> bool:
    """Whether ``after`` stands right of ``before`` on its line, within ``_GAP`` heights."""
    height = min(before.bottom - before.top, after.bottom - after.top)
    shared = min(before.bottom, after.bottom) - max(before.top, after.top)
    return shared >= 0.5 * height and 0 <= after.left - before.right <= _GAP * height and after.left > before.left


def _joined(run: list[_Piece]) -> tuple[str, list[_Piece | None]]:
    """A run's pieces' texts side by side (a space only between two Latin pieces that are no figure's parts),
    and the piece each character was read from (None: a space put between them)."""
    text, owner = "", list[_Piece | None]()
    for piece in run:
        if text and _spaced(text, piece.text):
            text += " "
            owner.append(None)
        text += piece.text
        owner += [piece] * len(piece.text)
    return text, owner


def _word(run: list[_Piece], touched: tuple[bool, bool]) -> Word:
    """A run of pieces as one word, each figure with a piece not read for sure, or ``_doubtful``, printed as
    UNREAD."""
    text, owner = _joined(run)

    def printed(m: re.Match[str]) -> str:
        sure = _lowest(owner[m.start():m.end()]) >= MIN_CONFIDENCE and not _doubtful(text, m, touched)
        return m.group() if sure else UNREAD

    text = _HALF_BESIDE_HAN.sub(lambda m: m.group().translate(_WIDE), _FIGURE.sub(printed, text))
    return Word(min(p.left for p in run), min(p.top for p in run), max(p.right for p in run),
                max(p.bottom for p in run), text)


def _figures(run: list[_Piece], touched: tuple[bool, bool]) -> list[Figure]:
    text, owner = _joined(run)
    out = []
    for match in _FIGURE.finditer(text):
        pieces = [p for p in owner[match.start():match.end()] if p is not None]
        out.append(Figure(min(p.left for p in pieces), min(p.top for p in pieces), max(p.right for p in pieces),
                          max(p.bottom for p in pieces), match.group(), _lowest(pieces),
                          _doubtful(text, match, touched)))
    return out


def _lowest(pieces: Sequence[_Piece | None]) -> float:
    return min((p.confidence for p in pieces if p is not None), default=100.0)


# A figure as it is printed: its thousands in groups of three, one decimal point; or a list's number and its
# stop (“12.”: not “0.” nor “238.”, a figure whose decimals tesseract put elsewhere or did not read)
_FORMED = regex(r"(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]+)?%?|[1-9][0-9]?\.")
_AS_ASCII = str.maketrans("０１２３４５６７８９，．", "0123456789,.")


def _doubtful(text: str, figure: re.Match[str], touched: tuple[bool, bool]) -> bool:
    """Whether a figure OCR read is in doubt whatever its confidence (a digit is never guessed): not shaped as
    a figure is printed (``_FORMED``: “503..31”, “4888,77”, “6,282.”); set beside another figure with only a space
    between (“1 731”: a thousands separator not seen); touching a Latin letter (a 0 read as O, a 1 as l: “l,234”
    leaves “234”) or a sign no figure is printed beside (“5$4903.85”: a speck read); or touching a figure
    tesseract put in another of its lines (``_touching``)."""
    if not _FORMED.fullmatch(figure.group().translate(_AS_ASCII)):
        return True
    before, after = text[:figure.start()], text[figure.end():]
    if (not before and touched[0]) or (not after and touched[1]):
        return True
    return _touches_stray(before, after)


def _touches_stray(before: str, after: str) -> bool:
    """Whether the text either side of a figure touches a sign no figure is printed beside, or another figure with
    only a space between."""
    return _stray(before[-1:]) or _stray(after[:1]) or before.endswith(" ") and before[:-1][-1:].isdigit() or \
        after.startswith(" ") and after[1:2].isdigit()


_STRAY = set("$#'\"=*_\\^&@`<>{}+~")  # signs no figure of a budget is printed beside


def _stray(beside: str) -> bool:
    return bool(beside) and (beside in _STRAY or beside.isascii() and beside.isalpha())


# tesseract's chi_sim writes a Chinese text's full-width punctuation (（一）, “万元，比”) as ASCII: printed wide
# beside a Han character, as the page prints it
_WIDE = str.maketrans("(),:;?!", "（），：；？！")
_HALF_BESIDE_HAN = regex(r"(?<=[^\x00-\x7f])[(),:;?!]|[(),:;?!](?=[^\x00-\x7f])")


def _spaced(before: str, after: str) -> bool:
    if not before[-1].isascii() or not after[0].isascii():
        return False  # Chinese is set without spaces
    return not (before[-1] in ",." and after[0].isdigit() or before[-1].isdigit() and after[0] in ",.%")
