"""The annotated copy's legend page (review/annotated.py) sets its text in Noto Sans CJK SC parsed
once per process (review/legend_face.py): fpdf2 subsets a working set of the face, kept in the
user's cache, into the font each legend embeds — the glyphs it sets, each drawn as the installed face
draws it, the same bytes as a subset of the whole face — and nothing of a legend is kept once it is
written; a worker process frees what each document left before the next (review/batch.py)."""

from __future__ import annotations

import gc
import io
import subprocess
from pathlib import Path

import pytest
from fontTools.cffLib import CFFFontSet
from fontTools.pens.recordingPen import RecordingPen
from fontTools.ttLib import TTFont
from pypdf import PdfReader

from tests.clients import require_program

ROOT = Path(__file__).resolve().parent.parent
WANLI = ROOT / "tests" / "seeds" / "pdf" / "shanghai-putuo-wanli-2024.pdf"
RARE = "䶮镕𬭚"  # in the face, none of them in GB 2312 (朱镕基's 镕 among them)


@pytest.fixture(scope="module")
def legend() -> str:
    from reportgen.paperwork.annotated import legend_text
    from reportgen.paperwork.listing import listed
    from reportgen.paperwork.places import Mark
    from reportgen.review.documents import review_document

    require_program("fc-match")
    require_program("pdftotext")
    items = listed(review_document(WANLI, "上海"))
    assert len(items) == 10  # the 万里 2024 findings (its item 4’s reason against its fall among them): a legend of a few hundred characters
    return legend_text(WANLI, [Mark(n, item) for n, item in enumerate(items, start=1)])


def _embedded(pdf: bytes) -> CFFFontSet:
    font = next(iter(PdfReader(io.BytesIO(pdf)).pages[0]["/Resources"]["/Font"].values())).get_object()
    data = font["/DescendantFonts"][0].get_object()["/FontDescriptor"]["/FontFile3"].get_object().get_data()
    cff = CFFFontSet()
    cff.decompile(io.BytesIO(data), None)
    return cff


def _drawn_as_the_face_draws_them(pdf: bytes, text: str) -> None:
    from reportgen.paperwork.annotated import _font
    from reportgen.paperwork.legend_face import face

    file, index = _font()
    installed = TTFont(file, fontNumber=index, lazy=True)
    cmap, own = installed.getBestCmap(), installed["CFF "].cff.topDictIndex[0].CharStrings
    embedded = _embedded(pdf).topDictIndex[0]
    used = set(embedded.CharStrings.keys())
    assert used == {".notdef", cmap[ord(" ")], *(cmap[ord(c)] for c in set(text.replace("\n", "")))}
    for name in used:
        mine, theirs = RecordingPen(), RecordingPen()
        embedded.CharStrings[name].draw(mine)
        own[name].draw(theirs)
        assert mine.value == theirs.value, name
    assert embedded.ROS == ("Adobe", "Identity", 0)
    left, bottom, right, top = embedded.FontBBox  # the working set's bounds: every glyph set lies within
    for name in used:
        bounds = embedded.CharStrings[name].calcBounds(embedded.CharStrings)
        assert bounds is None or (left <= bounds[0] and bottom <= bounds[1] and bounds[2] <= right and bounds[3] <= top)
    assert [left, bottom, right, top] == face(file, index).bounds


def test_each_glyph_of_the_legend_is_drawn_as_the_face_draws_it(legend):
    from reportgen.paperwork.annotated import _legend_pdf

    _drawn_as_the_face_draws_them(_legend_pdf(legend), legend)


def test_a_subset_of_the_working_set_is_the_subset_of_the_whole_face(legend, monkeypatch):
    from reportgen.paperwork.annotated import _legend_pdf
    from reportgen.paperwork.legend_face import Face

    from_working_set = _legend_pdf(legend)
    monkeypatch.setattr(Face, "measure", lambda self, text: self.whole)
    assert _legend_pdf(legend) == from_working_set


def test_a_character_outside_the_working_set_is_set_in_the_whole_face(legend, tmp_path):
    from reportgen.paperwork.annotated import _font, _legend_pdf
    from reportgen.paperwork.legend_face import face, working_set

    assert not {ord(c) for c in RARE} & working_set()
    assert not {ord(c) for c in RARE} & set(face(*_font()).font.cmap)
    text = legend.replace("审核意见", f"审核意见{RARE}", 1)
    pdf = _legend_pdf(text)
    _drawn_as_the_face_draws_them(pdf, text)  # each glyph set, none left blank
    (tmp_path / "legend.pdf").write_bytes(pdf)
    read = subprocess.run(["pdftotext", tmp_path / "legend.pdf", "-"], capture_output=True, check=True, text=True)
    assert read.stdout.startswith(f"审核意见{RARE}\n")


def test_the_working_set_is_made_once_and_read_back(monkeypatch):
    from reportgen.paperwork import legend_face
    from reportgen.paperwork.annotated import _font

    legend_face.face(*_font())  # made (or read back) once, if no test did before
    monkeypatch.setattr(legend_face, "_subset", lambda file, index: pytest.fail("the working set made again"))
    again = legend_face.Face(*_font())  # as a new process would: read back from the cache
    assert again.data == legend_face.face(*_font()).data


def test_the_legend_is_the_same_bytes_each_time_whatever_came_before(legend):
    from reportgen.paperwork.annotated import _legend_pdf

    first = _legend_pdf(legend)
    _legend_pdf(f"另一份文件的审核意见\n第 1 处：正文“增长 12.5%”与表格不一致，应为 13.5%{RARE}")  # the whole face meanwhile
    assert _legend_pdf(legend) == first


def test_the_face_is_parsed_once_and_no_legend_is_kept(legend, monkeypatch):
    from fpdf.fonts import SubsetMap, TTFFont

    from reportgen.paperwork.annotated import _legend_pdf

    _legend_pdf(legend)  # the face parsed, if no test did before
    parsed = []
    monkeypatch.setattr(TTFFont, "__init__", lambda self, *a, **k: parsed.append(a))
    gc.collect()
    # type(), not isinstance(): isinstance asks each object its __class__, which sets up a lazy Django object
    # that another test of the process left unconfigured (ImproperlyConfigured under the full suite)
    before = sum(type(o) is SubsetMap for o in gc.get_objects())
    for _ in range(3):
        _legend_pdf(legend)
    gc.collect()
    assert parsed == []
    assert sum(type(o) is SubsetMap for o in gc.get_objects()) == before


def _left_after_review(task: object) -> int:
    from reportgen.paperwork.batch import _review_in_worker

    _review_in_worker(task)  # type: ignore[arg-type]
    return gc.collect()  # what the document left that only a collection frees


def test_a_worker_frees_what_each_document_left_before_the_next(tmp_path):
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    from reportgen.commands.review import _print
    from reportgen.paperwork.batch import Task

    require_program("pdftotext")
    task = Task(1, WANLI, "上海", tmp_path, _print, None)
    with ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("fork")) as pool:
        assert pool.submit(_left_after_review, task).result() == 0
    assert (tmp_path / "001-shanghai-putuo-wanli-2024-annotated.pdf").exists()

