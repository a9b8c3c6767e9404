"""A PDF's words with their boxes, read once: poppler's ``pdftotext -bbox-layout`` run on the bytes
of the file, within its time limit and output bound, kept per process by the bytes' digest — the
reviewer's prose (``layout_text``), the importer's tables and its 说明 all read the same run.

* Words: every word pdftotext boxed, page by page (a line of Chinese prose is one word, the cells of
  a table separate words); a word without text or with a box that is not one is left out.
* Printed lines (``printed_lines``): a page's words grouped by their vertical centre (a word joins a
  line when its centre is within half a height of the line's first word's), top to bottom, each
  left to right; a line's number on its page is what a reader counts, in the prose and in the tables.
  Words that touch are printed as one (a figure whose digits were set in two runs, another size or a
  hair off the baseline, which pdftotext boxes apart): one word of the line, “9,101.68” and not
  “9,10 1.68”, and one line where a digit set apart stands above or below the others.
* ``layout_text``: the printed lines as text, each indented and its words spaced as printed (a
  table's column gap a run of spaces), pages ended by form feeds. Unlike ``pdftotext -layout`` it
  puts no blank lines between lines, and keeps a line whose punctuation sits a little off its
  baseline whole. On 18 whole published PDFs 97 % of ``-layout``'s lines are the same, words and
  order, and the review finds the same (git show 269bf15:bench/README.md, 审核一份 PDF 的代价).
"""

from __future__ import annotations

import functools
import hashlib
import operator
import shutil
import statistics
import tempfile
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from pathlib import Path

from lxml import etree

from reportgen.base.errors import Internal
from reportgen.base.patterns import regex
from reportgen.readers.pdf import pdf_rebuild
from reportgen.readers.pdf.pdf_clips import Seen, pages_seen, shown
from reportgen.readers.pdf.pdf_damage import damaged_note, damaged_pages, lost_text
from reportgen.readers.pdf.pdf_rebuild import Rebuilt
from reportgen.readers.pdf.pdf_turned import read_turned, turns
from reportgen.readers.pdf.word_box import Word
from reportgen.reading.programs import ProgramOutputTooLarge, ProgramTimeout, run_program, seconds

MAX_XHTML_BYTES = 64 * 1024 * 1024  # pdftotext's word boxes: about 25 KB a page (2,500 pages)
PDFTOTEXT_SECONDS = 120  # REPORTGEN_PDFTOTEXT_SECONDS overrides it
_XHTML = "{http://www.w3.org/1999/xhtml}"
# XML 1.0 allows no C0 control but tab, newline and return; pdftotext writes a word's characters as
# they are, so a control character in a font's mapping would make the whole page unreadable.
_CONTROLS = bytes(c for c in range(32) if c not in (9, 10, 13))
_KEPT = 8  # PDFs whose words a process keeps (a review reads one PDF's words twice)


class Pages(list[list[Word]]):
    """The words of each page, as pdf_words reads them, with each page's printed lines made once
    (``lines``): the importer's tables and the reviewer's text of one review read the same lines. A
    scanned page's words are those OCR read (``scanned``)."""

    scanned: frozenset[int] = frozenset()  # the pages read by OCR (readers/pdf_ocr.py), 1-based
    not_scanned: str = ""  # why pages that are scans were not read by OCR ("" when none was left)
    damaged: str = ""  # which pages' text was lost to the file's damage, and that it was (readers/pdf_damage.py)
    rebuilt: str = ""  # that the file's structure was damaged and rebuilt before it was read (readers/pdf_rebuild.py)

    @functools.cached_property
    def lines(self) -> list[list[list[Word]]]:
        return [printed_lines(words) for words in self]


def lines_of_pages(pages: list[list[Word]]) -> list[list[list[Word]]]:
    """Each page's printed lines: those ``pages`` made once where it is pdf_words' answer."""
    return pages.lines if isinstance(pages, Pages) else [printed_lines(words) for words in pages]


class PdfNotRead(Internal):
    """pdftotext ended without reading the PDF (damaged, encrypted): ``errors`` is what it said."""

    def __init__(self, errors: bytes) -> None:
        super().__init__(errors.decode("utf-8", errors="replace"))
        self.errors = errors


def run_pdftotext(path: Path, options: list[str], max_bytes: int, refuse: Callable[[str], Exception],
                  not_done: str) -> tuple[int, bytes, bytes]:
    """pdftotext on ``path`` with ``options``, within its time limit (killed after it) and at most
    ``max_bytes`` of output: (exit code, output, errors). What stops it is raised as ``refuse``'s
    Chinese message, ending with what was not done (未核对, 未导入)."""
    program = shutil.which("pdftotext")
    if program is None:
        raise refuse("读取 PDF 需要 poppler 的 pdftotext：请安装 poppler-utils（scripts/setup 会安装），或先把 PDF 另存为文字")
    limit = seconds("REPORTGEN_PDFTOTEXT_SECONDS", PDFTOTEXT_SECONDS)
    try:
        return run_program([program, *options, str(path), "-"], limit, max_bytes)
    except ProgramTimeout:
        raise refuse(f"pdftotext 在 {limit:g} 秒内没有读完这个 PDF，已结束它；{not_done}"
                     "（可用环境变量 REPORTGEN_PDFTOTEXT_SECONDS 放宽时限）") from None
    except ProgramOutputTooLarge:
        raise refuse(f"pdftotext 从这个 PDF 读出的文字超过 {max_bytes // (1024 * 1024)} MB，"
                     f"不像一份部门预算公开文本；{not_done}") from None
    except OSError as exc:
        raise refuse(f"不能运行 pdftotext：{exc.strerror or exc}") from None


_READ: dict[bytes, Pages] = {}


def pdf_words(path: Path, data: bytes, refuse: Callable[[str], Exception], not_done: str) -> Pages:
    """The words of each page of the PDF ``data`` (read from ``path``, which messages name), as
    pdftotext boxed them; read once per process for the same bytes. The bytes read are what is
    converted (from a private copy), not the file as it may be by now. Raises PdfNotRead where
    pdftotext fails, ``refuse``'s message where it is stopped or its output cannot be parsed."""
    key = hashlib.blake2b(data, digest_size=16).digest()
    if key not in _READ:
        if len(_READ) >= _KEPT:
            _READ.pop(next(iter(_READ)))
        _READ[key] = _read(data, refuse, not_done, key.hex())
    return _READ[key]


def _read(data: bytes, refuse: Callable[[str], Exception], not_done: str, digest: str) -> Pages:
    """The words of each page of the PDF ``data``: its text layer's that its page shows (not those its
    clipping paths hide, ``pdf_clips``), a scanned page's read by OCR."""
    from reportgen.readers.pdf.pdf_ocr import scanned_pages  # deferred: a scan's reader, for a scan only

    with tempfile.TemporaryDirectory(prefix="reportgen-pdf-") as folder:
        copy = Path(folder) / "input.pdf"
        data, rebuilt, out, err, seen = _readable(copy, data, refuse, not_done)
        pages = Pages(shown(words, seen[at].regions if at < len(seen) else None)
                      for at, words in enumerate(_pages(out, refuse, not_done)))
        if rebuilt is not None:
            _told_rebuilt(pages, rebuilt, damaged_pages(copy, err, len(pages)), refuse, not_done)
        elif damaged := damaged_pages(copy, err, len(pages)):
            pages.damaged = damaged_note(damaged, lost_text(err))
        _set_upright(pages, seen, data, Path(folder), refuse, not_done)
        sizes = [(float(width), float(height)) for width, height in _PAGE_SIZE.findall(out)]
        scanned = scanned_pages(copy, pages, sizes if len(sizes) == len(pages) else [], Path(folder), digest)
    for number, words in scanned.pages.items():
        pages[number - 1] = words
    pages.scanned, pages.not_scanned = frozenset(scanned.pages), scanned.missing
    return pages


def _told_rebuilt(pages: Pages, rebuilt: Rebuilt, damaged: tuple[int, ...], refuse: Callable[[str], Exception],
                  not_done: str) -> None:
    """A rebuilt file's notice, and its pages lost (missing, incomplete, or whose text pdftotext says it
    lost: ``damaged``) told as damaged; refused where no page is left whole."""
    incomplete = set(rebuilt.incomplete).union(damaged).difference(rebuilt.missing)
    rebuilt = replace(rebuilt, incomplete=tuple(sorted(incomplete)))
    if len(incomplete) + len(rebuilt.missing) >= len(pages):  # nothing left that is read whole
        raise refuse(f"{pdf_rebuild.missing_note(rebuilt)}；{not_done}")
    pages.rebuilt = pdf_rebuild.rebuilt_note(rebuilt)
    if incomplete or rebuilt.missing:
        pages.damaged = pdf_rebuild.missing_note(rebuilt)


def _readable(copy: Path, data: bytes, refuse: Callable[[str], Exception],
              not_done: str) -> tuple[bytes, Rebuilt | None, bytes, bytes, list[Seen]]:
    """pdftotext's reading of the PDF ``data`` written to ``copy``: (the bytes read, the rebuilt file or None,
    its output, its errors, each page's clips). A file cut short, or one whose structure poppler cannot
    read, is rebuilt first (readers/pdf_rebuild.py) and the rebuilt copy read; PdfNotRead where it cannot be."""
    rebuilt = None if pdf_rebuild.whole(data) else pdf_rebuild.rebuilt(data)
    if rebuilt is None and not pdf_rebuild.ends_whole(data):
        raise PdfNotRead(b"")
    read = rebuilt.data if rebuilt is not None else data
    copy.write_bytes(read)
    with ThreadPoolExecutor(max_workers=1) as beside:  # the clips are parsed while pdftotext runs
        clips = beside.submit(pages_seen, read)
        code, out, err = run_pdftotext(copy, ["-bbox-layout", "-enc", "UTF-8"], MAX_XHTML_BYTES, refuse, not_done)
        seen = clips.result()
    if rebuilt is None and pdf_rebuild.STRUCTURE.search(err) and (rebuilt := pdf_rebuild.rebuilt(data)) is not None:
        read = rebuilt.data  # poppler could not follow the file's structure, or rebuilt it its own way: qpdf's read
        copy.write_bytes(read)
        seen = pages_seen(read)
        code, out, err = run_pdftotext(copy, ["-bbox-layout", "-enc", "UTF-8"], MAX_XHTML_BYTES, refuse, not_done)
    if code != 0:
        raise PdfNotRead(err)
    return read, rebuilt, out, err, seen


def _set_upright(pages: Pages, seen: list[Seen], data: bytes, folder: Path, refuse: Callable[[str], Exception],
                 not_done: str) -> None:
    """The words of a page whose text is set sideways or upside down, as read with the page turned upright
    (pdf_turned)."""
    rotations = turns(seen, pages)
    if rotations:
        def read(copy: Path) -> list[list[Word]]:
            code, out, err = run_pdftotext(copy, ["-bbox-layout", "-enc", "UTF-8"], MAX_XHTML_BYTES, refuse, not_done)
            return _pages(out, refuse, not_done) if code == 0 else []

        for number, words in read_turned(data, rotations, folder, read).items():
            pages[number - 1] = words


_PAGE_SIZE = regex(rb'<page width="([0-9.]+)" height="([0-9.]+)"')


def words_of_pages(path: Path, pages: int, refuse: Callable[[str], Exception], not_done: str) -> list[list[Word]]:
    """The words of the first ``pages`` pages of the PDF at ``path`` (a file of reportgen's own, read
    where it is: the DOCX 目录's numbers in the PDF LibreOffice printed), not kept."""
    code, out, err = run_pdftotext(path, ["-bbox-layout", "-enc", "UTF-8", "-f", "1", "-l", str(pages)],
                                   MAX_XHTML_BYTES, refuse, not_done)
    if code != 0:
        raise PdfNotRead(err)
    return _pages(out, refuse, not_done)


def _pages(xhtml: bytes, refuse: Callable[[str], Exception], not_done: str) -> list[list[Word]]:
    """The words of each page: scanned as pdftotext writes them (``_scanned``), or, where the scan
    does not account for every word element, parsed as XML."""
    cleaned = xhtml.translate(None, _CONTROLS)
    scanned = _scanned(cleaned)
    return scanned if scanned is not None else _parsed(cleaned, refuse, not_done)


# A page and a word as pdftotext -bbox-layout writes them (poppler's TextOutputDev: the four
# coordinates in this order, then the word's text with the XML entities, and nothing nested); the last
# alternative, a page or word element written otherwise (the scan then gives up). Every alternative
# after the one "<": the search skips to each "<" (three alternatives each starting with it are tried
# at every byte, several times slower).
_PAGE_OR_WORD = regex(rb'<(?:(p)age[ >]|word xMin="([^"<>]*)" yMin="([^"<>]*)" xMax="([^"<>]*)" yMax="([^"<>]*)">'
                      rb"([^<]*)</word>|(word|page))")
_ENTITIES = (("&lt;", "<"), ("&gt;", ">"), ("&quot;", '"'), ("&apos;", "'"), ("&amp;", "&"))


def _scanned(xhtml: bytes) -> list[list[Word]] | None:
    """The words of each page, read by one pass over pdftotext's output (several times faster than
    building its XML tree); None where it does not hold exactly the pages and words it writes (an
    element the pattern finds but cannot read: no text inside a word holds a "<", so each "<page" and
    "<word" starts a match) — the XML parser then reads it, and says what is wrong."""
    pages: list[list[Word]] = []
    for page, left, top, right, bottom, raw, other in _PAGE_OR_WORD.findall(xhtml):
        if page:
            pages.append([])
            continue
        if other or not pages:
            return None
        word = _scanned_word(left, top, right, bottom, raw)
        if word is not None:
            pages[-1].append(word)
    if not pages or not xhtml.rstrip().endswith(b"</html>"):
        return None
    return pages


def _scanned_word(left: bytes, top: bytes, right: bytes, bottom: bytes, raw: bytes) -> Word | None:
    text = raw.decode("utf-8", errors="replace").strip()
    if "&" in text:
        text = _unescaped(text)
    try:  # float reads ASCII bytes as it reads their text, and refuses any other byte as it refuses U+FFFD
        x0, y0, x1, y1 = float(left), float(top), float(right), float(bottom)
    except ValueError:
        pass
    else:  # the common word, read as _boxed reads it (a NaN fails each comparison)
        if text and abs(x0) < 20_000 and abs(y0) < 20_000 and abs(x1) < 20_000 and abs(y1) < 20_000:
            return Word(x0, y0, x1, y1, text) if x1 >= x0 and y1 > y0 else None
    return _boxed(text, _box_read(left, top, right, bottom))


def _box_read(*edges: bytes) -> list[float | None]:
    """A word's edges as the XHTML's attributes print them, each a number where it is one (else None)."""
    return [_number(value.decode("ascii", errors="replace")) for value in edges]


def _unescaped(text: str) -> str:
    """A word's text with the XHTML entities pdftotext writes for &, <, > and quotes read back."""
    for entity, char in _ENTITIES:
        text = text.replace(entity, char)
    return text


def _parsed(xhtml: bytes, refuse: Callable[[str], Exception], not_done: str) -> list[list[Word]]:
    """The words of each page, from pdftotext's output parsed as XML without its DTD, network or
    entities (pdftotext escapes its text with the XML ones)."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
    try:
        root = etree.fromstring(xhtml, parser)
    except etree.XMLSyntaxError as exc:
        raise refuse(f"pdftotext 读出的文字结构无法解析（{exc}），{not_done}") from None
    pages: list[list[Word]] = []
    for page in root.iter(f"{_XHTML}page"):
        words = []
        for element in page.iter(f"{_XHTML}word"):
            word = _word(element)
            if word is not None:
                words.append(word)
        pages.append(words)
    return pages


def _word(element: etree._Element) -> Word | None:
    return _boxed((element.text or "").strip(), [_number(element.get(name)) for name in ("xMin", "yMin", "xMax", "yMax")])


def _boxed(text: str, box: list[float | None]) -> Word | None:
    """A word as a Word; None for one without text or with a box that is not one (a word of no
    height would divide by nothing)."""
    left, top, right, bottom = box
    if not text or left is None or top is None or right is None or bottom is None or right < left or bottom <= top:
        return None
    return Word(left, top, right, bottom, text)


def _number(value: str | None) -> float | None:
    try:
        number = float(value or "")
    except ValueError:
        return None
    return number if abs(number) < 20_000 else None  # a page is at most 14,400 points (200 inches); not NaN


def printed_lines(words: list[Word]) -> list[list[Word]]:
    """The page's words as printed lines, top to bottom, each left to right. A word joins the line
    above when its centre is within half a height of that line's first word's centre (not the last
    word's: a header's cells set off by a third of a line each would chain into one line), or when
    it stands where a taller word of that line has its baseline (``_on_a_baseline``). Two lines next
    to each other are one where a word of one touches a word of the other (``_touch``) less than a
    height above or below it (a figure's digit set smaller and off the baseline), and words of a
    line that touch are one word (``_joined``)."""
    groups: list[list[Word]] = []
    spans: list[list[float]] = []  # each line's lowest and highest bottom, and its tallest word's height
    line: list[Word] = []
    span: list[float] = []
    for word in sorted(words, key=_reading_order):
        bottom, height = word.bottom, word.bottom - word.top
        if line:  # within half a height of the line's first word's centre
            first = line[0]
            first_height = first.bottom - first.top  # the lower of them, as min gives it
            if (abs((word.top + bottom) - (first.top + first.bottom)) / 2
                    <= 0.5 * (first_height if first_height < height else height)) or _on_a_baseline(line, word):
                line.append(word)
                span[0], span[1], span[2] = min(span[0], bottom), max(span[1], bottom), max(span[2], height)
                continue
        line, span = [word], [bottom, bottom, height]
        groups.append(line)
        spans.append(span)
    groups = _touching_lines_joined(groups, spans)
    for group in groups:
        if len(group) > 1:
            group.sort(key=_left)
            group[:] = _joined(group)
    return groups


# Two words that touch are printed as one: a figure whose digits were set in two runs (an edited digit
# in another size, a hair off the baseline) is printed whole, and pdftotext boxes the runs apart.
# Touching is a gap within 3 % of the lower word's height either way, or an overlap of up to a quarter
# of it (half a digit's width: a digit in a wider font). On 75 published PDFs (bench/corpus, the seeds,
# /work/shared/corpus) the narrowest gap between two columns of a table was 7.5 % of the words' height
# (0.75 points in 10: a figure's column against a text column), and no two words of a line overlapped
# by more than 0.3 % and less than 29 % of it (by 29 %-50 %: a Chinese punctuation mark set half wide,
# the next word over its blank half; by more: a wrapped cell's two lines side by side, a line apart);
# no two words of lines next to each other touched with their bottoms less than a height apart.
_TOUCH = 0.03
_OVERLAP = 0.25


def _touch(before: Word, after: Word) -> bool:
    """Whether ``after`` starts where ``before`` ends (``_TOUCH``, ``_OVERLAP``)."""
    height, other = after.bottom - after.top, before.bottom - before.top
    lower = other if other < height else height
    return -_OVERLAP * lower <= after.left - before.right <= _TOUCH * lower


def _touching_lines_joined(groups: list[list[Word]], spans: list[list[float]]) -> list[list[Word]]:
    """The lines, each made one with the line before it where a word of either touches a word of
    the other side by side, their bottoms less than the lower one's height apart. Lines whose
    bottoms are all a height apart or more (``spans``: prose, a table's rows) are not looked into."""
    out = groups[:1]
    last = spans[0] if spans else []
    for group, span in zip(groups[1:], spans[1:], strict=True):
        if span[0] - last[1] < (span[2] if span[2] > last[2] else last[2]) and _lines_touch(out[-1], group):
            out[-1] = out[-1] + group
            last = [min(last[0], span[0]), max(last[1], span[1]), max(last[2], span[2])]
        else:
            out.append(group)
            last = span
    return out


def _lines_touch(above: list[Word], below: list[Word]) -> bool:
    for a in above:
        for b in below:
            height, other = a.bottom - a.top, b.bottom - b.top
            if abs(a.bottom - b.bottom) < (other if other < height else height) and (_touch(a, b) or _touch(b, a)):
                return True
    return False


def _joined(line: list[Word]) -> list[Word]:
    """The line's words (left to right), each that touches the word before it made one with it:
    their texts side by side, without a space, in the box around both (``_touch``, written out:
    it is asked of every two words side by side)."""
    out = [line[0]]
    last = line[0]
    for word in line[1:]:
        height, other = word.bottom - word.top, last.bottom - last.top
        gap = word.left - last.right
        if gap > _TOUCH * (other if other < height else height) or gap < -_OVERLAP * (other if other < height else height):
            out.append(word)
            last = word
            continue
        last = out[-1] = Word(last.left, min(last.top, word.top), max(last.right, word.right),
                              max(last.bottom, word.bottom), last.text + word.text)
    return out


def _reading_order(word: Word) -> tuple[float, float]:
    return ((word.top + word.bottom) / 2, word.left)


_left = operator.attrgetter("left")


def _on_a_baseline(line: list[Word], short: Word) -> bool:
    """Whether ``short`` lies wholly within the box of a taller word of ``line`` and stands on its
    lowest third, where its baseline is. A PDF whose Chinese words have a squat box, 3 points high and sitting on
    the baseline, beside figures in boxes 22 points high puts a row's label 4 points below its
    figures' centres, and the row above wholly within their boxes too, but not on their lowest third."""
    height, top, bottom = short.bottom - short.top, short.top, short.bottom
    return any(tall.bottom - tall.top > height and tall.top <= top
               and tall.bottom - (tall.bottom - tall.top) / 3 <= bottom <= tall.bottom for tall in line)


def layout_text(pages: list[list[Word]]) -> str:
    """The pages as text: each printed line on a line of its own, indented as far as its first word
    stands from the page's left margin and its words as far apart as they are printed (in Latin
    characters' widths on the page: a column gap of a table is a run of spaces, the space between
    words of a sentence one), at least a space apart; each page ended by a form feed, as
    ``pdftotext -layout`` ends it."""
    return "".join("".join(line + "\n" for line in _page_text(words, printed)) + "\f"
                   for words, printed in zip(pages, lines_of_pages(pages), strict=True))


def _page_text(words: list[Word], printed: list[list[Word]]) -> list[str]:
    if not words:
        return []
    pitch = _pitch(words)
    margin = min(word.left for word in words)
    lines = []
    for line in printed:
        text = " " * round((line[0].left - margin) / pitch) + line[0].text
        for before, word in zip(line, line[1:], strict=False):
            gap = round((word.left - before.right) / pitch)
            text += " " * (gap if gap > 1 else 1) + word.text  # a space at least
        lines.append(text)
    return lines


def _pitch(words: list[Word]) -> float:
    """A Latin character's width on the page: the median of its Latin words' (figures, codes), else
    half the median word height."""
    widths = [(word.right - word.left) / len(word.text) for word in words
              if word.text.isascii() and len(word.text) > 1 and word.right > word.left]
    return statistics.median(widths) if widths else statistics.median(word.height for word in words) / 2
