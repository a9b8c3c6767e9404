"""The published PDF, annotated: a copy of a reviewed PDF with every finding that can be placed boxed
where its words stand (review/places.py), its number on the box and its text as the box's note, and
a legend page after the last page listing every finding by number. The reviewed file is only read.

Two libraries, measured and chosen for their licences (docs/dependencies.md): pikepdf (MPL-2.0, on
qpdf) copies the PDF and adds the annotations, each with its own appearance (a red frame and a
numbered tab, drawn in Helvetica, which every PDF reader has) so that every reader shows and prints
it alike; fpdf2 (LGPL-3.0) sets the legend page in Noto Sans CJK SC, embedded as a subset. qpdf parses
and writes the copy in C++: pypdf, pure Python, parsed a tagged PDF's thousands of structure elements
one by one, and copying cost more than the review (bench/README.md). The copy is the same bytes for
the same document and findings: no dates, and a file identifier made from what is written."""

from __future__ import annotations

import functools
import io
import logging
from datetime import UTC, datetime
from pathlib import Path

from fpdf import FPDF
from fpdf.enums import WrapMode
from fpdf.errors import FPDFException
from pikepdf import (
    Array,
    Dictionary,
    Name,
    ObjectStreamMode,
    Page,
    PasswordError,
    Pdf,
    PikepdfError,
    Stream,
    StreamDecodeLevel,
    String,
)

from reportgen.base.errors import Internal
from reportgen.base.templating import environment
from reportgen.base.unbroken import pieces
from reportgen.paperwork.legend_face import face
from reportgen.paperwork.places import Box, Mark
from reportgen.readers.pdf import page_tree
from reportgen.reading.outputs import PDF_MARK
from reportgen.reading.programs import ProgramOutputTooLarge, ProgramTimeout, run_program

LEGEND_TEMPLATE = "review_legend.txt.j2"
_FONT_FAMILY = "Noto Sans CJK SC:lang=zh-cn"
_RED = (0.85, 0.1, 0.1)
_TAB = 9.0  # the numbered tab's height above the frame, in points
_EPOCH = datetime(2000, 1, 1, tzinfo=UTC)  # the legend's date: none of its own (the same bytes each run)


class NotAnnotated(Internal):
    """Why no annotated copy could be made (a Chinese message)."""


def legend_text(document: Path, marks: list[Mark]) -> str:
    placed = sum(1 for m in marks if m.boxes)
    return environment("text").get_template(LEGEND_TEMPLATE).render(document=document.name, marks=marks,
                                                                    placed=placed)


def note_text(mark: Mark) -> str:
    return environment("text").get_template(LEGEND_TEMPLATE).render(note=mark)


def annotated_pdf(document: Path, data: bytes, marks: list[Mark], pages: tuple[int, int] | None = None) -> bytes:
    """The copy of the PDF ``data`` with ``marks`` boxed and a legend page; NotAnnotated when the PDF
    cannot be copied (encrypted, or not a PDF qpdf can read) or no Chinese face is installed. ``pages``: the
    first and last page of one disclosure of several the file holds — the copy is of those pages alone, each
    labelled with its page number in the file (a viewer shows “第5页” as the file's), so that a file of many units'
    disclosures is not copied whole once for each."""
    logging.getLogger("fpdf").setLevel(logging.ERROR)  # a glyph the face lacks (an emoji in a quote) is left blank
    try:
        legend = _legend_pdf(legend_text(document, marks))
    except FPDFException as exc:  # a character the face cannot set, a text too long for a page
        raise NotAnnotated(f"不能排出审核意见页（{exc}）") from None
    try:
        # (a page tree qpdf refuses is walked as poppler walks it: the pages the review numbered)
        with page_tree.opened(data) as pdf, Pdf.open(io.BytesIO(legend)) as legend_pdf:
            _boxed(pdf, marks)
            if pages is not None:
                _only(pdf, *pages)
            pdf.pages.extend(legend_pdf.pages)
            if Name.Info in pdf.trailer:
                del pdf.trailer[Name.Info]
            name, said = PDF_MARK.decode("ascii")[1:].split(" ", 1)
            pdf.Root[Name("/" + name)] = String(said[1:-1])
            out = io.BytesIO()
            # every object written as itself (the catalogue's mark readable in the file's bytes, review/own_outputs.py),
            # every stream's data as it was (none decoded); the file identifier a digest of what is written (the
            # same bytes for the same inputs)
            pdf.save(out, object_stream_mode=ObjectStreamMode.disable, stream_decode_level=StreamDecodeLevel.none,
                     min_version=legend_pdf.pdf_version, deterministic_id=True)
    except PasswordError:
        raise NotAnnotated("这个 PDF 有打开密码，不能复制") from None
    except (PikepdfError, ValueError, KeyError, IndexError, TypeError, AttributeError, RecursionError, ArithmeticError,
            LookupError, RuntimeError, NotImplementedError, EOFError) as exc:
        # a damaged or hostile file reaches qpdf's parser and decompressors as it is: whatever they raise
        # on it costs this document its annotated copy, not the review of every document
        raise NotAnnotated(f"不能复制这个 PDF（qpdf：{type(exc).__name__}）") from None
    return out.getvalue()


def _only(pdf: Pdf, first: int, last: int) -> None:
    """The pages ``first`` to ``last`` (1-based) kept, labelled with their numbers in the whole file; the legend
    page after them is labelled 审核意见."""
    for index in reversed(range(len(pdf.pages))):
        if not first <= index + 1 <= last:
            del pdf.pages[index]
    kept = len(pdf.pages)
    pdf.Root[Name.PageLabels] = Dictionary(Nums=Array([0, Dictionary(S=Name.D, St=first),
                                                       kept, Dictionary(P=String("审核意见"))]))


def _boxed(pdf: Pdf, marks: list[Mark]) -> None:
    """Each mark's boxes on its page, a finding's tab after the tabs of the findings boxed there before."""
    tabs: dict[tuple[int, tuple[int, ...]], float] = {}  # where a box's tabs end: the next one stands after
    for mark in marks:
        for box in mark.boxes:
            page, key = pdf.pages[mark.item.page - 1], (mark.item.page, tuple(round(v) for v in box[:2]))
            shift = tabs.get(key, 0.0)
            annotation = pdf.make_indirect(_annotation(pdf, page, box, mark, shift))
            annotation[Name.P] = page.obj
            if Name.Annots not in page.obj:
                page.obj[Name.Annots] = Array()
            page.obj[Name.Annots].append(annotation)
            tabs[key] = shift + _tab_width(mark) + 2


def _annotation(pdf: Pdf, page: Page, box: Box, mark: Mark, shift: float) -> Dictionary:
    """A Square annotation around ``box`` (displayed coordinates) with its own appearance: the frame,
    and above its top left (``shift`` further right where another finding's tab stands) its numbered tab."""

    left, bottom, right, top = _user_space(page, box)
    frame = (right - left + 4, top - bottom + 4)
    rect = [left - 2, bottom - 2, left - 2 + max(frame[0], shift + _tab_width(mark)), bottom - 2 + frame[1] + _TAB]
    return Dictionary({
        "/Type": Name.Annot, "/Subtype": Name.Square,
        "/Rect": Array(round(v, 2) for v in rect),
        "/C": Array(c for c in _RED),
        "/BS": Dictionary({"/W": 1.2}),
        "/F": 4,  # printed
        "/T": String("reportgen review"),
        "/NM": String(f"reportgen-{mark.number}"),
        "/Contents": String(note_text(mark)),
        "/AP": Dictionary({"/N": _appearance(pdf, (rect[2] - rect[0], rect[3] - rect[1]), frame, shift,
                                             str(mark.number))}),
    })


def _tab_width(mark: Mark) -> float:
    return 6 + 5 * len(str(mark.number))


def _appearance(pdf: Pdf, size: tuple[float, float], frame: tuple[float, float], shift: float,
                label: str) -> Stream:
    """The frame at the bottom of the annotation's box, the numbered tab above it: a form XObject."""

    red = " ".join(f"{c:g}" for c in _RED)
    ops = (f"q {red} RG 1.2 w 0.6 0.6 {frame[0] - 1.2:.2f} {frame[1] - 1.2:.2f} re S "
           f"{red} rg {shift:.2f} {frame[1]:.2f} {6 + 5 * len(label)} {_TAB} re f "
           f"BT 1 g /Helv 8 Tf {shift + 3:.2f} {frame[1] + 2:.2f} Td ({label}) Tj ET Q")
    font = Dictionary({"/Type": Name.Font, "/Subtype": Name.Type1, "/BaseFont": Name.Helvetica,
                       "/Encoding": Name.WinAnsiEncoding})
    stream = Stream(pdf, ops.encode("ascii"))
    stream.update({"/Type": Name.XObject, "/Subtype": Name.Form,
                   "/BBox": Array(round(v, 2) for v in (0, 0, *size)),
                   "/Resources": Dictionary({"/Font": Dictionary({"/Helv": font})})})
    return stream


def _user_space(page: Page, box: Box) -> tuple[float, float, float, float]:
    """``box`` (points from the displayed page's top left, as pdftotext gives them) in the page's own
    coordinates, its /Rotate and crop box (its own or inherited) allowed for: left, bottom, right, top."""
    x0, y0, x1, y1 = (float(v) for v in page.cropbox)
    rotation = page.rotation
    left, top, right, bottom = box
    corners = [_point(rotation, (x0, y0, x1, y1), x, y) for x, y in ((left, top), (right, bottom))]
    xs, ys = [c[0] for c in corners], [c[1] for c in corners]
    return min(xs), min(ys), max(xs), max(ys)


def _point(rotation: int, crop: tuple[float, float, float, float], x: float, y: float) -> tuple[float, float]:
    x0, y0, x1, y1 = crop
    if rotation == 90:
        return x0 + y, y0 + x
    if rotation == 180:
        return x1 - x, y0 + y
    if rotation == 270:
        return x1 - y, y1 - x
    return x0 + x, y1 - y


def _legend_pdf(text: str) -> bytes:
    """The legend as a PDF of A4 pages, set in the Chinese sans face."""

    pdf = FPDF(format="A4")
    pdf.set_creation_date(_EPOCH)
    pdf.set_producer("reportgen review")
    pdf.set_margins(20, 20, 20)
    face(*_font()).add_to(pdf, "cjk", text)  # the face parsed once per process
    pdf.add_page()
    title, *paragraphs = text.splitlines()
    pdf.set_font("cjk", size=16)
    pdf.multi_cell(0, 10, _wrapped(pdf, title), new_x="LMARGIN", new_y="NEXT", wrapmode=WrapMode.CHAR)
    pdf.set_font("cjk", size=10.5)
    for paragraph in paragraphs:
        pdf.multi_cell(0, 6, _wrapped(pdf, paragraph), new_x="LMARGIN", new_y="NEXT", wrapmode=WrapMode.CHAR)
        pdf.ln(1)
    return bytes(pdf.output())


def _wrapped(pdf: FPDF, text: str) -> str:
    """``text`` in lines that fit the page in the current font, broken only between the pieces
    unbroken.pieces gives (a figure with its unit stays whole: fpdf2 breaks Chinese text at any
    character, “57 / .8万元”), one line break between lines: multi_cell then sets each line as it is.
    A piece wider than a whole line (a long file name) is left to multi_cell to break."""
    room = pdf.epw - 2 * pdf.c_margin - 0.01
    lines, line = [], ""
    for piece in pieces(text):
        if line and pdf.get_string_width(line + piece) > room:
            lines.append(line.rstrip())
            line = piece.lstrip()
        else:
            line += piece
    lines.append(line)
    return "\n".join(lines)


@functools.cache
def _font() -> tuple[str, int]:
    """The installed Noto Sans CJK SC (fonts-noto-cjk): its file and its face's index, by fontconfig."""
    try:
        code, out, _ = run_program(["fc-match", "-f", "%{file}|%{index}|%{family}", _FONT_FAMILY], 10, 64 * 1024)
    except (OSError, ProgramTimeout, ProgramOutputTooLarge):
        code, out = 1, b""
    file, _, rest = out.decode("utf-8", "replace").partition("|")
    index, _, family = rest.partition("|")
    if code != 0 or "Noto Sans CJK SC" not in family or not index.isdigit():
        raise NotAnnotated("没有安装中文字体 Noto Sans CJK SC（fonts-noto-cjk），不能排出审核意见页")
    return file, int(index)


