"""A PDF page shows only what its clipping paths let through: words its text layer holds outside them
are not printed, and reportgen reads them no more than a reader sees them (readers/pdf_clips.py).

The real cases: a word processor that sets a paragraph past its text frame draws the overflow again,
clipped, at the foot of the page and at the head of the next — 上海市普陀区商务委员会 2025 (its 主要职能,
pp. 3–4) and 上海市普陀区财政局 2025 (items 7–11 of its 财政拨款支出主要内容, pp. 7–8), each printed once
on paper (pdftoppm's render) but twice in the text layer; 北京市水务局 2026 hides its 收入总表's title on the
page that prints the table's second half."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from reportgen.readers.pdf import pdf_clips
from reportgen.readers.pdf.pdf_clips import ContentTooLarge, instructions, visible_regions
from reportgen.readers.pdf.pdf_words import MAX_XHTML_BYTES, _pages, pdf_words, run_pdftotext
from tests.clients import require_ocr

ROOT = Path(__file__).resolve().parent.parent
SHANGWUWEI = ROOT / "tests" / "seeds" / "pdf" / "shanghai-putuo-shangwuwei-2025.pdf"
CAIZHENGJU = ROOT / "bench" / "corpus" / "putuo-caizhengju-2025.pdf"
SHUIWUJU = ROOT / "tests" / "fixtures" / "import" / "national" / "beijing-shuiwuju-2026-p1-4.pdf"
WANLI = ROOT / "tests" / "seeds" / "pdf" / "shanghai-putuo-wanli-2025.pdf"
WANLI_2024 = ROOT / "tests" / "seeds" / "pdf" / "shanghai-putuo-wanli-2024.pdf"
pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils (pdftotext) 未安装")


def _refuse(message: str) -> Exception:
    return RuntimeError(message)


def _text(path: Path, page: int) -> str:
    return "".join(word.text for word in pdf_words(path, path.read_bytes(), _refuse, "")[page - 1])


def _every_word(path: Path) -> list[list[str]]:
    """pdftotext's words, the hidden ones too."""
    code, out, _ = run_pdftotext(path, ["-bbox-layout", "-enc", "UTF-8"], MAX_XHTML_BYTES, _refuse, "")
    assert code == 0
    return [[word.text for word in page] for page in _pages(out, _refuse, "")]


def test_a_paragraph_set_past_its_frame_is_read_once_as_it_is_printed():
    # 商务委员会's items 10–12 are printed at the head of p. 4; the text layer holds them at the foot of p. 3
    # too, below the frame's clip (and items 8–9, printed on p. 3, above p. 4's)
    item = "10、提供有关境外投资的法律法规"
    assert sum(item in "".join(page) for page in _every_word(SHANGWUWEI)[2:4]) == 2
    assert item not in _text(SHANGWUWEI, 3) and item in _text(SHANGWUWEI, 4)
    assert _text(SHANGWUWEI, 4).startswith("应急机制，协调重要商品储备和市场调控")
    # 财政局: p. 8 prints items 9–11; its text layer starts with items 7 and 8, clipped above the frame
    assert _text(CAIZHENGJU, 8).startswith("9.“卫生健康支出（类）")
    assert "887.36" in "".join(_every_word(CAIZHENGJU)[7]) and "887.36" not in _text(CAIZHENGJU, 8)
    assert "887.36" in _text(CAIZHENGJU, 7)


def test_a_title_the_page_hides_names_no_table():
    every = "".join(_every_word(SHUIWUJU)[3])
    assert "收入总表" in every and "收入总表" not in _text(SHUIWUJU, 4)
    assert "上年结转结余" in _text(SHUIWUJU, 4)  # what the page prints: the table's second half


def test_a_page_without_clipping_keeps_every_word():
    data = WANLI.read_bytes()
    assert all(region is None or len(region) >= 1 for region in visible_regions(data))
    assert [[word.text for word in page] for page in pdf_words(WANLI, data, _refuse, "")] == _every_word(WANLI)


def test_a_file_pikepdf_cannot_open_holds_back_no_word():
    assert visible_regions(b"%PDF-1.4 not really") == []


def test_the_review_no_longer_tells_a_clipped_paragraph_as_printed_twice(capsys):
    from reportgen.cli import main

    main(["review", str(SHANGWUWEI)])
    assert "R-重复段落" not in capsys.readouterr().out


def _with_a_loop(tmp_path: Path, levels: bool, source: Path = SHANGWUWEI) -> Path:
    """商务委员会 2025 (or ``source``) with its page tree pointing back at itself: the root's /Kids gains the root
    (and with ``levels``, the pages are first put under an intermediate node that inherits the root's /Resources and
    /MediaBox, and that node's /Kids gains the root as well)."""
    import pikepdf

    with pikepdf.open(source) as pdf:
        root = pdf.Root.Pages
        if levels:
            middle = pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.Pages, Parent=root, Kids=root.Kids,
                                                          Count=root.Count))
            for page in middle.Kids:
                page.Parent = middle
            root.Kids = pikepdf.Array([middle])
            middle.Kids.append(root)
        root.Kids.append(root)
        pdf.save(tmp_path / "loop.pdf")
    return tmp_path / "loop.pdf"


@pytest.mark.parametrize("levels", [False, True])
def test_a_page_tree_that_loops_back_is_walked_as_poppler_walks_it(tmp_path, capsys, levels):
    """qpdf refuses to open a page tree with a loop, and no clip was known: the paragraph 商务委员会 2025's p. 3
    hides below its frame was read as printed and told “R-重复段落”. Walked as poppler walks it (the loop left
    out), each page has its own clips again."""
    from reportgen.cli import main

    looped = _with_a_loop(tmp_path, levels)
    assert len(visible_regions(looped.read_bytes())) == len(_every_word(SHANGWUWEI))
    assert visible_regions(looped.read_bytes()) == visible_regions(SHANGWUWEI.read_bytes())
    assert _text(looped, 4) == _text(SHANGWUWEI, 4)
    main(["review", str(looped)])
    assert "R-重复段落" not in capsys.readouterr().out


SEARCHABLE = ROOT / "tests" / "fixtures" / "import" / "national" / "yantai-dashujuju-2026-p27-searchable-scan.pdf"


def test_a_searchable_scan_s_invisible_text_layer_is_not_read_as_printed():
    """烟台市大数据局 2026 p. 27 (its 预算收支增减变化情况说明), printed, scanned at 150 dpi and made “searchable” by
    tesseract's PDF output, as scanners do: the page is an image with the OCR's text under it in rendering mode
    3 (invisible). That layer is of no known quality (two lines' words interleaved: “减少1,219.11万用非财政拨款”); the page
    shows no text of its own, so it is read as the scan it is — by reportgen's OCR, each figure with its
    confidence (“7,503.31万元”; one it is unsure of printed □, never judged)."""
    assert visible_regions(SEARCHABLE.read_bytes()) == [[]]
    assert "1,219.11万用非财政拨款" in "".join(_every_word(SEARCHABLE)[0])  # the invisible layer: lines interleaved
    require_ocr()
    pages = pdf_words(SEARCHABLE, SEARCHABLE.read_bytes(), _refuse, "")
    assert pages.scanned == frozenset({1})
    assert "2026年收入预算7,503.31万元" in "".join(word.text for word in pages[0])


def test_a_page_whose_content_inflates_past_the_bound_is_not_parsed(tmp_path):
    """A few hundred KB that inflate to 48 MB of content (a decompression bomb in a PDF): the clips are not
    followed (the page shows everything, as pdftotext reads it within its own bounds), and no more than the
    bound is ever inflated to tell so."""
    import zlib

    import pikepdf

    pdf = pikepdf.new()
    stream = pikepdf.Stream(pdf, zlib.compress(b"q Q\n" * (12 * 1024 * 1024), 9))
    stream.Filter = pikepdf.Name.FlateDecode
    pdf.pages.append(pikepdf.Page(pikepdf.Dictionary(Type=pikepdf.Name.Page, MediaBox=[0, 0, 595, 842],
                                                     Contents=pdf.make_indirect(stream))))
    path = tmp_path / "bomb.pdf"
    pdf.save(path, compress_streams=False)
    assert path.stat().st_size < 1024 * 1024
    with pikepdf.open(path) as opened, pytest.raises(ContentTooLarge):
        instructions(opened.pages[0], "q Q")  # told before its 12 million instructions are made objects
    assert visible_regions(path.read_bytes()) == [None]


def test_a_file_parsed_once_is_read_back_from_the_cache_folder_by_the_next_process(tmp_path, monkeypatch):
    """The clips of a file reviewed again (the desk's next round, a folder reviewed again) are read from the user's
    cache folder, not parsed again; an entry that is not what the cache wrote is parsed again, never trusted."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    data = CAIZHENGJU.read_bytes()
    first = pdf_clips.pages_seen(data)
    entries = list((tmp_path / "cache" / "reportgen").glob("pdf-clips-*.cache"))
    assert len(entries) == 1 and "卫生健康".encode() not in entries[0].read_bytes()  # boxes and angles, no word
    assert any(seen.regions for seen in first)  # p. 8's clip among them

    def parsed_again(_data: bytes) -> list[pdf_clips.Seen]:
        raise AssertionError("parsed again")

    with monkeypatch.context() as patched:
        patched.setattr(pdf_clips, "_parsed", parsed_again)
        assert pdf_clips.pages_seen(data) == first
    entries[0].write_bytes(entries[0].read_bytes().replace(b"[[", b"[[[", 1))  # torn: its digest no longer matches
    assert pdf_clips.pages_seen(data) == first
    assert pdf_clips.pages_seen(data + b"\n") == first  # other bytes: another entry, parsed
    assert len(list((tmp_path / "cache" / "reportgen").glob("pdf-clips-*.cache"))) == 2


def test_the_annotated_copy_of_a_file_whose_page_tree_loops_keeps_every_page(tmp_path):
    """The desk's annotated copy of a file whose page tree loops was refused (“不能复制这个 PDF（qpdf：PdfError）”): it
    is now the pages poppler reads, in its order, each finding boxed on its own page, and the legend after them
    (万里 2024, whose review finds slips on several pages, looped as above)."""
    import io

    import pikepdf

    from reportgen.paperwork.pages import annotated_copy
    from reportgen.review.documents import review_document

    looped = _with_a_loop(tmp_path, True, WANLI_2024)
    result, upright = review_document(looped, None), review_document(WANLI_2024, None)
    copy, expected = annotated_copy(result), annotated_copy(upright)
    assert copy.data is not None, copy.reason
    assert [mark.item.page for mark in copy.marks] == [mark.item.page for mark in expected.marks]
    assert len(expected.marks) >= 5  # its findings, on several pages
    with pikepdf.open(io.BytesIO(copy.data)) as pdf, pikepdf.open(WANLI_2024) as printed:
        assert len(pdf.pages) == len(printed.pages) + 1
        assert [len(page.obj.get("/Annots", [])) for page in pdf.pages[:-1]] == \
               [sum(len(mark.boxes) for mark in expected.marks if mark.item.page == number)
                for number in range(1, len(printed.pages) + 1)]
        assert [page.mediabox for page in pdf.pages[:-1]] == [page.mediabox for page in printed.pages]
