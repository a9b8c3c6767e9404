"""Real published files damaged as a download, a copy or a careless export damages them — the classes
bench/mutations.py found answered wrongly (bench/corpus/mutations-2026-11-26.md). Each damage is made
here from a committed fixture: a page's content stream that no longer inflates (its rows were reported as
the department's 表内不一致), a PDF of no page and one of blank pages (a pdftotext command-line error; 是扫描件),
a workbook missing a sheet's part or with its shared strings cut (文件已损坏, naming nothing), and a draft
of one line of a megabyte (check --against ran past a quarter of an hour)."""

from __future__ import annotations

import io
import shutil
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
import xlsxwriter
from pypdf import PdfReader, PdfWriter

from bench.mutations import content_corrupted, member, repacked
from reportgen.readers.published import read_published
from reportgen.readers.unreadable import Unreadable
from tests.support.cli import reportgen

ROOT = Path(__file__).resolve().parent.parent
WANLI = ROOT / "tests" / "seeds" / "pdf" / "shanghai-putuo-wanli-2025.pdf"
WORKBOOK = ROOT / "tests" / "fixtures" / "import" / "wanli-2025.xlsx"

needs_pdftotext = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils (pdftotext) 未安装")


def _reportgen(*args: str | Path) -> str:
    done = reportgen(*args, cwd=ROOT)
    said = done.stdout + done.stderr
    assert "Traceback" not in said and "内部错误" not in said, said
    return said


@needs_pdftotext
def test_a_page_whose_content_does_not_inflate_is_named_and_the_document_not_judged(tmp_path):
    """万里街道 2025 with its middle page's content stream replaced by bytes that claim FlateDecode: the
    page reads as blank, and its 支出总表 rows were told as the department's 表内不一致 (有问题, 7 errors)."""
    import random

    damaged = tmp_path / "万里街道2025.pdf"
    damaged.write_bytes(content_corrupted(WANLI.read_bytes(), random.Random(1)))
    page = len(PdfReader(WANLI).pages) // 2 + 1
    said = _reportgen("review", damaged)
    assert f"未能审核：{damaged}：第{page}页的内容已损坏（pdftotext：" in said, said
    assert "这一页的文字与数字没有完整读出" in said and "表内不一致" not in said
    assert "审核 1 份文件：0 份有问题，0 份未发现问题，1 份未能审核" in said
    said = _reportgen("import", damaged, "-o", tmp_path / "out.yaml")  # the import tells it beside what it read
    assert f"第{page}页的内容已损坏" in said, said
    said = _reportgen("check", tmp_path / "out.yaml", "--against", damaged)  # as a draft: not checked (was: 0, agreed)
    assert f"错误 [R-草稿] 第{page}页的内容已损坏" in said, said


@needs_pdftotext
def test_the_pages_of_a_whole_pdf_are_not_read_again():
    """A good file makes pdftotext say nothing: no page is read alone, and none said damaged."""
    assert read_published(WANLI).damaged == ""


@needs_pdftotext
@pytest.mark.parametrize(("pages", "said"), [
    (0, "PDF 文件中没有任何一页（页数为 0）"),
    (None, "31 页都是空白页（没有文字，也没有图片）"),
])
def test_a_pdf_of_no_page_or_of_blank_pages_is_said_to_be_so(tmp_path, pages, said):
    writer = PdfWriter()
    box = PdfReader(WANLI).pages[0].mediabox
    for _ in range(len(PdfReader(WANLI).pages) if pages is None else pages):
        writer.add_blank_page(box.width, box.height)
    made = tmp_path / "公开.pdf"
    with made.open("wb") as file:
        writer.write(file)
    told = _reportgen("import", made, "-o", tmp_path / "out.yaml")
    assert said in told and "pdftotext" not in told and "扫描件" not in told, told
    assert not (tmp_path / "out.yaml").exists()


def test_a_workbook_missing_a_sheets_part_names_the_sheet(tmp_path):
    data = WORKBOOK.read_bytes()
    first = sorted(n for n in zipfile.ZipFile(io.BytesIO(data)).namelist() if n.startswith("xl/worksheets/sheet"))[0]
    damaged = tmp_path / "wanli-2025.xlsx"
    damaged.write_bytes(repacked(data, member(first, "missing")))
    with pytest.raises(Unreadable) as refused:
        assert not read_published(damaged).grids
    assert refused.value.message.startswith(f"{damaged} 的工作表“封面”：这张工作表的内容（它的 XML 部件）缺失"), refused.value.message


def _with_shared_strings(path: Path) -> bytes:
    """万里街道 2025's workbook (every sheet's cells) written again as Excel writes text: in xl/sharedStrings.xml."""
    import python_calamine

    book = python_calamine.CalamineWorkbook.from_path(str(WORKBOOK))
    out = xlsxwriter.Workbook(str(path))
    for name in book.sheet_names:
        sheet = out.add_worksheet(name)
        for row, values in enumerate(book.get_sheet_by_name(name).to_python(skip_empty_area=False)):
            sheet.write_row(row, 0, [v if isinstance(v, (str, float, int)) else str(v) for v in values])
    out.close()
    return path.read_bytes()


@pytest.mark.parametrize(("how", "said"), [
    ("cut", "单元格文字所在的共享字符串表（xl/sharedStrings.xml）已损坏或不完整"),
    ("missing", "的工作表“封面”：单元格引用的文字在共享字符串表（sharedStrings.xml）中找不到"),
])
def test_a_workbook_whose_shared_strings_are_cut_or_missing_says_so(tmp_path, how, said):
    data = _with_shared_strings(tmp_path / "whole.xlsx")
    damaged = tmp_path / "wanli-2025.xlsx"
    damaged.write_bytes(repacked(data, member("xl/sharedStrings.xml", how)))
    assert read_published(tmp_path / "whole.xlsx").grids  # whole, it reads
    with pytest.raises(Unreadable) as refused:
        assert not read_published(damaged).grids
    assert said in refused.value.message, refused.value.message


def test_a_draft_of_one_line_of_a_megabyte_is_checked_in_seconds(tmp_path):
    """盐田区总工会 2022's text from its first heading on, its lines joined into one and repeated to 1 MB:
    every statement searched a heading the whole line long (past 15 minutes; now seconds)."""
    text = (ROOT / "tests" / "seeds" / "shenzhen-yantian-zgh-2022.txt").read_text(encoding="utf-8")
    body = "".join(line.strip() for line in text[text.index("一、部门职责"):].splitlines())
    draft = tmp_path / "稿.txt"
    draft.write_text(body * ((1 << 20) // len(body.encode()) + 1), encoding="utf-8")
    start = time.perf_counter()
    said = _reportgen("check", ROOT / "data" / "shenzhen-yantian-zgh-2022.yaml", "--against", draft)
    took = time.perf_counter() - start
    assert "读到" in said, said
    assert took < 60, f"{took:.0f} s"


@needs_pdftotext
def test_the_desk_keeps_the_damaged_upload_and_its_worker_says_which_page(tmp_path):
    """The desk's upload path (bench/mutations.py --desk: store.upload_kind at the door, then
    reviewing.review_stored as `desk worker` runs it): the bytes are a PDF, kept, and the review is 未能审核,
    naming the page, with no annotated copy — no notice goes back for a slip the damage made."""
    import random

    damaged = tmp_path / "万里街道2025.pdf"
    damaged.write_bytes(content_corrupted(WANLI.read_bytes(), random.Random(1)))
    done = subprocess.run([sys.executable, "-m", "bench.mutations", "--desk", str(damaged), str(tmp_path)],
                          capture_output=True, text=True, cwd=ROOT, timeout=300)
    page = len(PdfReader(WANLI).pages) // 2 + 1
    assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr
    assert done.stdout.startswith("未能审核：") and f"第{page}页的内容已损坏" in done.stdout, done.stdout
    assert "批注副本 0 字节" in done.stdout


@needs_pdftotext
def test_a_page_whose_font_is_broken_is_named_not_passed(tmp_path):
    """万里街道 2025 with the font of its 主要职能 page (p. 3) emptied, a damaged font object: poppler prints
    the page's words as other characters, and the review said 未发现问题 of a page it never read (of its
    p. 16, 有问题: 7 表内不一致 of the rows it lost)."""
    from bench.mutations import font_broken

    damaged = tmp_path / "万里街道2025.pdf"
    damaged.write_bytes(font_broken(WANLI.read_bytes(), 2))
    said = _reportgen("review", damaged)
    assert "第3页的内容已损坏（pdftotext：Unknown font type" in said and "1 份未能审核" in said, said


SHUILIJU = ROOT / "tests" / "fixtures" / "import" / "national" / "yantai-shuiliju-2026-p1-13-14-28-29-36-37-50.pdf"
FOSHAN = ROOT / "tests" / "fixtures" / "import" / "national" / "foshan-guidaojiaotongju-2019-p1-28.pdf"


def _summary(said: str, path: Path) -> str:
    """The review's last lines (its counts and its verdict), the file's name aside."""
    return "\n".join(said.replace(str(path), "文件").strip().splitlines()[-2:])


@needs_pdftotext
@pytest.mark.parametrize("damage", ["without_xref", "offsets_shifted", "cut_in_xref"])
def test_a_pdf_whose_structure_is_damaged_is_rebuilt_read_whole_and_told(tmp_path, damage):
    """烟台市水利局 2026 (8 pages) with its cross-reference table and trailer cut off, every offset of its table
    wrong, or cut short inside its table: it was refused whole (PDF 文件不完整), or read with no word of its
    damage, though poppler and qpdf find every page. Now it is rebuilt, reviewed as the whole file is, and
    the rebuilding is told."""
    import random

    import bench.mutations as mutations

    data = SHUILIJU.read_bytes()
    damaged = tmp_path / "水利局2026.pdf"
    make = getattr(mutations, damage)
    damaged.write_bytes(make(data) if damage == "without_xref" else make(data, random.Random(7)))
    said = _reportgen("review", damaged)
    whole = _reportgen("review", SHUILIJU)
    assert "文件的结构已损坏" in said and "已按文件中的对象重建后读取：文件写明的 8 页都已完整读出" in said, said
    assert _summary(said, damaged) == _summary(whole, SHUILIJU), said
    assert "文件的结构已损坏" not in whole


@needs_pdftotext
def test_a_pdf_cut_short_that_lost_pages_names_them_and_is_not_passed(tmp_path):
    """The same file cut at 70 %: its page tree (written first) claims 8 pages; the 8th is gone and the 7th
    cut inside. They are named, the review is 未能审核 (the whole file is 未发现问题), the import tells them
    beside what it read from the pages left, and check --against does not take it as a draft (R-草稿)."""
    from bench.mutations import truncated

    damaged = tmp_path / "水利局2026.pdf"
    damaged.write_bytes(truncated(SHUILIJU.read_bytes(), 0.7))
    said = _reportgen("review", damaged)
    lost = "第8页已缺失（文件写明共 8 页）；第7页的内容（文字或字体）不完整，这些页的文字与数字没有读出，未核对"
    assert f"未能审核：{damaged}：文件不完整（结尾缺少 %%EOF，可能下载或复制时被截断）：{lost}" in said, said
    assert "1 份未能审核" in said and "未发现问题\n" not in said
    out = tmp_path / "out.yaml"
    said = _reportgen("import", damaged, "-o", out)
    assert lost in said and "文件写明的 8 页中完整读出 6 页" in said, said
    from reportgen.base.errors import SourceError
    from reportgen.readers.published import read_draft

    with pytest.raises(SourceError) as refused:  # check --against's reading of a draft
        read_draft(damaged)
    assert [(f.rule, lost in f.message) for f in refused.value.findings] == [("R-草稿", True)]


@needs_pdftotext
def test_a_pdf_cut_short_that_lost_more_pages_than_are_named_says_how_many_once(tmp_path):
    """佛山市轨道交通局 2019 决算 (28 pages) cut at a tenth: 27 pages gone, the first 20 named and the count
    given — “第2、3、……、21 等 27 页已缺失” (it printed “等 27 页页已缺失”, and “页页的内容” for pages cut)."""
    from bench.mutations import truncated

    damaged = tmp_path / "佛山2019.pdf"
    damaged.write_bytes(truncated(FOSHAN.read_bytes(), 0.1))
    said = _reportgen("review", damaged)
    named = "、".join(str(page) for page in range(2, 22))
    assert f"第{named} 等 27 页已缺失（文件写明共 28 页）" in said, said
    assert "页页" not in said


@needs_pdftotext
def test_a_pdf_cut_short_whose_pages_cannot_be_placed_is_refused_as_before(tmp_path):
    """万里街道 2025 (Word writes its page tree last) cut at half: no page tree is left, its pages cannot be
    placed for sure; refused whole, naming the file and saying so."""
    from bench.mutations import truncated

    damaged = tmp_path / "万里街道2025.pdf"
    damaged.write_bytes(truncated(WANLI.read_bytes(), 0.5))
    out = tmp_path / "out.yaml"
    said = _reportgen("import", damaged, "-o", out)
    assert f"{damaged}：PDF 文件不完整（结尾缺少 %%EOF，可能下载或复制时被截断），其中的页无法确定地重建" in said, said
    assert not out.exists()


CORPUS = ROOT.parent / "shared" / "corpus"


@pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus 不在")
def test_every_published_pdf_without_its_xref_is_rebuilt_whole_with_its_own_page_count():
    """The corpus's published PDFs (a cross-reference table each, or streams: 烟台住建局, 星空科普院) with their last
    table and trailer cut off: each is rebuilt with the pages pypdf counts in the whole file, none missing, none
    said incomplete — the rebuilding never makes a whole page unread."""
    from bench.mutations import without_xref
    from reportgen.readers.pdf.pdf_rebuild import rebuilt

    wrong = []
    for path in sorted(CORPUS.glob("*.pdf")):
        data = path.read_bytes()
        made = rebuilt(without_xref(data))
        pages = len(PdfReader(io.BytesIO(data)).pages)
        if made is None or (made.pages, made.missing, made.incomplete) != (pages, (), ()):
            wrong.append((path.name, made and (made.pages, made.missing[:3], made.incomplete[:3]), pages))
    assert wrong == []
