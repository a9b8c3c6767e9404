"""Damaged and hostile variants of real files, each run through the program as a user runs it:
`python -m bench.mutations [--only WORD…] [--out DIR]`.

From a sample of real files (two corpus PDFs, a seed PDF, the repository's workbooks, its DOCX and its
HTML fixtures, and a workbook bench/pdf_as_workbook.py writes of a corpus PDF's tables) it makes, with a
seeded generator (the same bytes every run): each truncated at 10, 50 and 90 %, 64 bytes flipped in the
middle, a PDF's cross-reference table and trailer cut off, one page's content stream replaced by bytes
that do not inflate, one page's font dictionary emptied, an xlsx without (or with a cut) xl/sharedStrings.xml or sheet XML, a docx whose
word/document.xml is cut, a PDF named .xlsx and a workbook named .pdf; and, made here: a PDF of no
page, a PDF of 2,000 blank pages, a PDF (and a text) whose text is one line of 1 MB, an HTML page
ending in an unclosed table of 100,000 cells, the CSV fixture in UTF-16, an empty file of each
extension. Since (bench/corpus/hostile2-2026-11-26.md): each PDF with every offset of its cross-reference
table wrong, and cut short inside that table; a PDF whose page tree is written first (烟台市水利局 2026's
fixture) cut at 70 %; Word 2003 XML named .doc, and cut; a workbook Excel saved as a “单个文件网页”, and
one with a sheet's part lost; a 决算 (普陀区财政局 2024, its tables as a workbook) with one table, and
with every table, in 千元 — each made with a second seeded generator, the first variants' bytes as they
were. The variants are written to --out (default /tmp/mutations-<pid>), never to the repository.

Each variant goes through `reportgen review FILE --format json`, `reportgen import FILE -o OUT` and,
where it applies, `reportgen check OUT` (what the import wrote) and `reportgen check SOURCE --against
FILE` (a document: SOURCE is the undamaged original's import), each a process of its own with a
120 s limit, its peak memory measured (os.wait4). Each outcome is classed:

* good — refused: a non-zero exit and a Chinese message naming the file, no traceback;
* good — read: reviewed or imported, with what was read beside the original's (prose figures, table
  figures); 未能审核 for what could not be read;
* BAD — a traceback, “内部错误”, a timeout, a peak past 1 GB, “未发现问题” of a document of which less
  than half of what the original gives was read, “有问题” of a damaged copy of a document the original
  of which has none (the damage read as the department's slips, and not told), an -o path left
  half-written (not a whole YAML) or a stray file left beside it.

A measurement, not a test: it prints a Markdown table and exits 0.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import random
import re
import signal
import subprocess
import sys
import tempfile
import threading
import time
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
CORPUS = Path("/work/shared/corpus")
SEED = 20261126
LIMIT_S = 120
LIMIT_MB = 1024
# a figure the import wrote with its table's place: "  合计: 1464.31   # 支出总表 第9页 第7行"
_FROM_TABLE = re.compile(r"#\s*\S+表\S* (?:第\d+页|\S+!)")


@dataclass
class Variant:
    name: str  # the damage
    base: str  # the real file it is made of ("" when made here)
    path: Path
    holds: bool  # whether the file still holds its document (read it, or refuse it: both can be right)
    against: Path | None = None  # the source a damaged document is checked against


@dataclass
class Run:
    command: str
    code: int | None  # None: killed at the limit
    seconds: float
    peak_mb: float
    said: str  # its output and its errors
    stdout: str = ""

    @property
    def bad(self) -> str:
        if self.code is None:
            return f"BAD 超时（{LIMIT_S} s）"
        if "Traceback" in self.said:
            return "BAD Traceback"
        if "内部错误" in self.said:
            return "BAD 内部错误"
        if self.peak_mb > LIMIT_MB:
            return f"BAD 内存 {self.peak_mb:.0f} MB"
        return ""


# `python -m MODULE ARGS` that writes its own peak memory (VmHWM: the high-water mark of the program's own memory,
# begun afresh at exec) to the file $MUTATIONS_PEAK as it exits. os.wait4's ru_maxrss is no measure of the program:
# it also holds the resident memory of the process that started it, at the start (a child started from a pytest
# worker of 1.3 GB was told “BAD 内存 1304 MB” in 0.1 s).
_LAUNCH = """import atexit, os, runpy, sys
def _peak():
    with open("/proc/self/status", encoding="ascii") as status:
        kb = next((line.split()[1] for line in status if line.startswith("VmHWM:")), "")
    with open(os.environ["MUTATIONS_PEAK"], "w", encoding="ascii") as out:
        out.write(kb)
atexit.register(_peak)
module = sys.argv.pop(1)
runpy.run_module(module, run_name="__main__", alter_sys=True)
"""


def run(args: list[str], cwd: Path, module: str = "reportgen") -> Run:
    """`python -m reportgen ARGS` in a process group of its own, killed at the limit; its peak memory (its own, as it
    tells it on exit: _LAUNCH; else, killed, of it and the children it waited for: os.wait4)."""
    start = time.monotonic()
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err, \
            tempfile.NamedTemporaryFile("r", suffix=".peak") as peak:
        process = subprocess.Popen([sys.executable, "-c", _LAUNCH, module, *args], cwd=cwd, stdout=out, stderr=err,
                                   start_new_session=True,
                                   env={**os.environ, "PYTHONPATH": str(ROOT), "MUTATIONS_PEAK": peak.name})
        killed: list[bool] = []

        def kill() -> None:
            killed.append(True)
            os.killpg(process.pid, signal.SIGKILL)

        timer = threading.Timer(LIMIT_S, kill)
        timer.start()
        _, status, usage = os.wait4(process.pid, 0)
        timer.cancel()
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        printed = out.read().decode("utf-8", "replace")
        said = printed + err.read().decode("utf-8", "replace")
        told = peak.read().strip()
    code = None if killed else process.returncode
    peak_kb = int(told) if told.isdigit() else usage.ru_maxrss
    return Run(args[0], code, time.monotonic() - start, peak_kb / 1024, said, printed)


# ---- the damage -------------------------------------------------------------------------------------


def truncated(data: bytes, share: float) -> bytes:
    return data[:int(len(data) * share)]


def flipped(data: bytes, rng: random.Random, count: int = 64) -> bytes:
    out = bytearray(data)
    middle = len(out) // 2
    for at in rng.sample(range(max(0, middle - 2048), min(len(out), middle + 2048)), min(count, len(out))):
        out[at] ^= 1 << rng.randrange(8)
    return bytes(out)


def without_xref(data: bytes) -> bytes:
    """A PDF with its last cross-reference section and trailer (or its startxref) cut off."""
    at = max(data.rfind(b"\nxref"), data.rfind(b"\rxref"))
    if at < 0:
        at = data.rfind(b"startxref")
    return data[:at + 1]


def offsets_shifted(data: bytes, rng: random.Random) -> bytes:
    """The PDF with a comment line of a seeded length put after its header: every offset its
    cross-reference table gives is wrong by that many bytes (a file edited, or re-encoded, as a whole)."""
    at = data.index(b"\n") + 1
    return data[:at] + b"%" + bytes(rng.choice(b"abcdefgh") for _ in range(rng.randrange(50, 500))) + b"\n" + data[at:]


def cut_in_xref(data: bytes, rng: random.Random) -> bytes:
    """The PDF cut short at a seeded point inside its last cross-reference table: every object whole,
    the table, the trailer and %%EOF lost (a download that stopped near its end)."""
    at = max(data.rfind(b"\nxref"), data.rfind(b"\rxref"))
    end = data.find(b"trailer", at)
    return data[:rng.randrange(at + 6, end)] if at >= 0 and end > at + 6 else truncated(data, 0.99)


def content_corrupted(data: bytes, rng: random.Random) -> bytes:
    """The middle page's content stream replaced by bytes that claim FlateDecode and do not inflate."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import NameObject, StreamObject

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    page = writer.pages[len(writer.pages) // 2]
    stream = StreamObject()
    stream[NameObject("/Filter")] = NameObject("/FlateDecode")
    stream.set_data(rng.randbytes(4096))
    stream[NameObject("/Filter")] = NameObject("/FlateDecode")
    page[NameObject("/Contents")] = writer._add_object(stream)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def font_broken(data: bytes, at: int | None = None) -> bytes:
    """The PDF with one font of page ``at`` (0-based; by default the middle page) emptied: a damaged font
    object, which poppler cannot load, printing the page's words in it as other characters."""
    import pikepdf

    with pikepdf.open(io.BytesIO(data)) as pdf:
        page = pdf.pages[len(pdf.pages) // 2 if at is None else at]
        fonts = page.obj.get("/Resources", {}).get("/Font")
        if isinstance(fonts, pikepdf.Dictionary) and len(fonts):
            fonts[next(iter(fonts.keys()))] = pikepdf.Dictionary(Type=pikepdf.Name.Font)
        buffer = io.BytesIO()
        pdf.save(buffer)
    return buffer.getvalue()


def blank_pages(count: int) -> bytes:
    from pypdf import PdfWriter

    writer = PdfWriter()
    for _ in range(count):
        writer.add_blank_page(595, 842)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def pdf_of_line(text: str) -> bytes:
    """A one-page PDF whose text is one text-showing operation of ``text`` (STSong-Light, UniGB-UCS2-H:
    a font every reader knows without its being embedded), on a page 14,400 pt wide, its glyphs narrowed."""
    content = b"BT /F1 1 Tf 0.04 0 0 10 20 800 Tm <" + text.encode("utf-16-be").hex().encode() + b"> Tj ET"
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 14400 842] /Resources << /Font << /F1 4 0 R >> >> "
               b"/Contents 5 0 R >>",
               b"<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H /DescendantFonts [6 0 R] >>",
               b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
               b"<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo << /Registry (Adobe) "
               b"/Ordering (GB1) /Supplement 4 >> /FontDescriptor 7 0 R >>",
               b"<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [-25 -254 1000 880] /ItalicAngle 0 "
               b"/Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>"]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1) + b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def _csv_text(data: bytes) -> str:
    """A CSV's text: UTF-8, or the GB 18030 an export in China is written in."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("gb18030")


def one_line(sentence: str, size: int = 1 << 20) -> str:
    return sentence * (size // len(sentence.encode()) + 1)


def repacked(data: bytes, change: Callable[[str, bytes], bytes | None]) -> bytes:
    """A zip package with each member passed through ``change`` (None: left out)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as out:
        for info in source.infolist():
            body = change(info.filename, source.read(info))
            if body is not None:
                out.writestr(info.filename, body)
    return buffer.getvalue()


def member(name: str, how: str) -> Callable[[str, bytes], bytes | None]:
    return lambda filename, body: body if filename != name else (None if how == "missing" else body[:len(body) // 2])


def first_sheet(data: bytes) -> str:
    return sorted(n for n in zipfile.ZipFile(io.BytesIO(data)).namelist() if n.startswith("xl/worksheets/sheet"))[0]


def unclosed_table(page: bytes, cells: int = 100_000) -> bytes:
    """The page with an unclosed table of ``cells`` cells (10 a row, no closing tag) before its end."""
    at = page.lower().rfind(b"</body>")
    at = at if at >= 0 else len(page)
    rows = b"".join(b"<tr><td>2010101<td>\xe8\xa1\x8c\xe6\x94\xbf\xe8\xbf\x90\xe8\xa1\x8c" + b"<td>1,234.56" * 8
                    for _ in range(cells // 10))
    return page[:at] + b"<table>" + rows


def excel_web_archive(page: bytes, charset: str = "gb2312") -> bytes:
    """The workbook saved as an HTML page (one <table title="SHEET"> per sheet, as tests/fixtures/import/
    wanli-2025-html.xls) as Excel saves a workbook as a “单个文件网页” (.mht/.mhtml): a MIME multipart/related
    message whose first part is a frameset page naming each sheet (x:ExcelWorksheet: x:Name, x:WorksheetSource)
    and whose sheets are parts of their own (Book1.files/sheet001.htm …), each a page with its one table,
    quoted-printable in ``charset`` (GB2312 written GB18030, as Excel writes GBK under that name)."""
    import quopri

    from lxml import html as lxml_html

    text = page.decode("gbk") if b'charset="gbk"' in page[:200] else page.decode("utf-8")
    tables = lxml_html.document_fromstring(text).findall(".//table")
    names = [table.attrib.pop("title", f"Sheet{n}") for n, table in enumerate(tables, 1)]
    meta = f'<meta http-equiv=Content-Type content="text/html; charset={charset}">'
    office = ('xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" '
              'xmlns:x="urn:schemas-microsoft-com:office:excel" xmlns="http://www.w3.org/TR/REC-html40"')
    sheets = "".join(f"   <x:ExcelWorksheet>\n    <x:Name>{name}</x:Name>\n    <x:WorksheetSource HRef=\"Book1.files/"
                     f"sheet{n:03d}.htm\"/>\n   </x:ExcelWorksheet>\n" for n, name in enumerate(names, 1))
    links = "".join(f'<link id="shLink" href="Book1.files/sheet{n:03d}.htm">\n' for n in range(1, len(names) + 1))
    frameset = (f"<html {office}>\n<head>\n<meta name=\"Excel Workbook Frameset\">\n{meta}\n<meta name=ProgId content=Excel.Sheet>\n"
                f"<link rel=File-List href=\"Book1.files/filelist.xml\">\n<![if !supportTabStrip]>\n{links}<![endif]>\n"
                f"<!--[if gte mso 9]><xml>\n <x:ExcelWorkbook>\n  <x:ExcelWorksheets>\n{sheets}  </x:ExcelWorksheets>\n"
                " </x:ExcelWorkbook>\n</xml><![endif]-->\n</head>\n<frameset rows=\"*,39\" border=0 width=0 frameborder=no>\n"
                ' <frame src="Book1.files/sheet001.htm" name="frSheet">\n <frame src="Book1.files/tabstrip.htm" name="frTabs">\n'
                " <noframes>\n  <body>\n   <p>此页面使用了框架，而您的浏览器不支持框架。</p>\n  </body>\n </noframes>\n</frameset>\n</html>\n")
    parts = [("Book1.htm", frameset)]
    for n, table in enumerate(tables, 1):
        body = lxml_html.tostring(table, encoding="unicode")
        parts.append((f"Book1.files/sheet{n:03d}.htm",
                      f"<html {office}>\n<head>\n{meta}\n<meta name=ProgId content=Excel.Sheet>\n"
                      '<link id=Main-File rel=Main-File href="../Book1.htm">\n</head>\n<body link=blue vlink=purple>\n'
                      f"{body}\n</body>\n</html>\n"))
    tabs = "".join(f"<td nowrap><a href=\"sheet{n:03d}.htm\" target=\"frSheet\">{name}</a></td>"
                   for n, name in enumerate(names, 1))
    parts.append(("Book1.files/tabstrip.htm", f"<html>\n<head>\n{meta}\n</head>\n<body><table><tr>{tabs}</tr></table></body>\n</html>\n"))
    boundary = "----=_NextPart_01DB0000.0A1B2C3D"
    out = [f'MIME-Version: 1.0\r\nX-Document-Type: Workbook\r\nContent-Type: multipart/related; boundary="{boundary}"\r\n\r\n'
           "This document is a Single File Web Page, also known as a Web Archive file.\r\n".encode("ascii")]
    for name, html_text in parts:
        body = quopri.encodestring(html_text.encode("gb18030")).decode("ascii").replace("\n", "\r\n")
        out.append(f"\r\n--{boundary}\r\nContent-Location: file:///C:/0D1BB6E7/{name}\r\n"
                   f'Content-Transfer-Encoding: quoted-printable\r\nContent-Type: text/html; charset="{charset}"\r\n\r\n'
                   f"{body}\r\n".encode("ascii"))
    out.append(f"\r\n--{boundary}--\r\n".encode("ascii"))
    return b"".join(out)


def without_part(archive: bytes, name: str) -> bytes:
    """The web archive without its part whose Content-Location ends in ``name`` (a sheet lost)."""
    boundary = archive[archive.index(b'boundary="') + 10:].split(b'"', 1)[0]
    chunks = archive.split(b"--" + boundary)
    return (b"--" + boundary).join(c for c in chunks if f"/{name}\r\n".encode() not in c[:300])


# ---- the sample ---------------------------------------------------------------------------------------


def made(out: Path, wanted: list[str] | None = None) -> list[tuple[str, str, bytes, bool]]:
    """(name, base, bytes, holds) of every variant (``wanted``: of the samples _samples gives for it, none of the
    files made here)."""
    rng = random.Random(SEED)
    later = random.Random(SEED + 1)  # the variants added since: the first ones' bytes as they were
    samples = _samples(out, wanted)
    variants: list[tuple[str, str, bytes, bool]] = []
    for base, path in samples.items():
        data = path.read_bytes()
        suffix = path.suffix
        if base in _OWN_ONLY:  # added since (hostile2): their own variants only, after the others'
            continue
        for share in (0.1, 0.5, 0.9):
            variants.append((f"截断 {share:.0%}{suffix}", base, truncated(data, share), False))
        variants.append((f"中间 64 字节翻转{suffix}", base, flipped(data, rng), False))
        if suffix == ".pdf":
            variants += [("去掉 xref 与 trailer.pdf", base, without_xref(data), True),
                         ("一页内容流损坏.pdf", base, content_corrupted(data, rng), False),
                         ("一页的字体对象损坏.pdf", base, font_broken(data), False),
                         ("PDF 改名 .xlsx", base, data, True)]
            variants += [("交叉引用表的偏移全错.pdf", base, offsets_shifted(data, later), True),  # hostile2: the rebuilt
                         ("截断在交叉引用表中.pdf", base, cut_in_xref(data, later), True)]
        if suffix == ".xlsx":
            sheet = first_sheet(data)
            variants += [("缺 sharedStrings.xml.xlsx", base, repacked(data, member("xl/sharedStrings.xml", "missing")), False),
                         ("sharedStrings.xml 截断.xlsx", base, repacked(data, member("xl/sharedStrings.xml", "cut")), False),
                         (f"缺 {sheet}.xlsx", base, repacked(data, member(sheet, "missing")), False),
                         (f"{sheet} 截断.xlsx", base, repacked(data, member(sheet, "cut")), False),
                         ("xlsx 改名 .pdf", base, data, True)]
        if suffix == ".docx":
            variants += [("word/document.xml 截断.docx", base, repacked(data, member("word/document.xml", "cut")), False),
                         ("docx 改名 .xlsx", base, data, True)]
        if suffix == ".html":
            variants.append(("末尾未闭合的表 100,000 格.html", base, unclosed_table(data), True))
        if suffix == ".csv":
            variants += [("UTF-16（带 BOM）.csv", base, _csv_text(data).encode("utf-16"), True),
                         ("UTF-16LE（无 BOM）.csv", base, _csv_text(data).encode("utf-16-le"), True)]
    variants += _own_variants(samples, later)
    if wanted is not None:
        return variants
    sentence = "一、收支预算总体情况：2025年收入预算1,273.52万元，支出预算1,273.52万元。"
    variants += [("没有页的 PDF.pdf", "", blank_pages(0), False), ("2,000 页空白.pdf", "", blank_pages(2000), False),
                 ("全文一行 1 MB.pdf", "", pdf_of_line(one_line(sentence)), True),
                 ("全文一行 1 MB.txt", "", one_line(sentence).encode(), True),
                 ("一行 1 MB、没有句号.txt", "", one_line(sentence.replace("。", "，")).encode(), True)]
    variants += [(f"空文件.{ext}", "", b"", False) for ext in ("pdf", "xlsx", "xls", "ods", "docx", "html", "csv", "txt")]
    return variants


# Samples added since (hostile2), each with its own variants only (``_own_variants``): a PDF whose page tree is written
# first (pypdf's order, as WPS's), a Word 2003 XML, a workbook Excel saved as a web archive, a 决算 as a workbook.
SHUILIJU = "yantai-shuiliju-2026-p1-13-14-28-29-36-37-50.pdf"
WORD2003 = "wenlvju-2026-planted-word2003.xml"
ARCHIVE = "wanli-2025-excel.mht"
FINAL = "caizhengju-juesuan-2024.xlsx"
_OWN_ONLY = (SHUILIJU, WORD2003, ARCHIVE, FINAL)


def _own_variants(samples: dict[str, Path], rng: random.Random) -> list[tuple[str, str, bytes, bool]]:
    """The variants of the samples added since: a PDF cut short that keeps its page tree (its last pages lost), its
    structure damaged otherwise; a Word 2003 XML named .doc, and cut; an Excel web archive as saved, and with a
    sheet's part lost; a 决算 one table of which states 千元, and one every table of which does."""
    made: list[tuple[str, str, bytes, bool]] = []
    if SHUILIJU in samples:
        data = samples[SHUILIJU].read_bytes()
        made += [("截断 70%（页树在文件开头）.pdf", SHUILIJU, truncated(data, 0.7), False),
                 ("去掉 xref 与 trailer.pdf", SHUILIJU, without_xref(data), True),
                 ("交叉引用表的偏移全错.pdf", SHUILIJU, offsets_shifted(data, rng), True)]
    if WORD2003 in samples:
        data = samples[WORD2003].read_bytes()
        made += [("Word 2003 XML 改名 .doc", WORD2003, data, True),
                 ("Word 2003 XML 截断 50%.doc", WORD2003, truncated(data, 0.5), False)]
    if ARCHIVE in samples:
        data = samples[ARCHIVE].read_bytes()
        made += [("Excel 单个文件网页（17 张工作表）.mht", ARCHIVE, data, True),
                 ("缺一张工作表的部分.mht", ARCHIVE, without_part(data, "sheet008.htm"), False)]
    if FINAL in samples:
        data = samples[FINAL].read_bytes()
        made += [("决算的三公表单位为千元.xlsx", FINAL, in_thousands(data, ("表7",)), True),
                 ("决算各表单位都为千元.xlsx", FINAL, in_thousands(data, None), False)]
    return made


def in_thousands(data: bytes, sheets: tuple[str, ...] | None) -> bytes:
    """The workbook with the “单位：万元” captions of ``sheets`` (every sheet: None) saying 千元."""
    import openpyxl

    book = openpyxl.load_workbook(io.BytesIO(data))
    for sheet in book.worksheets:
        for row in sheet.iter_rows(max_row=5) if sheets is None or sheet.title in sheets else []:
            for cell in row:
                if isinstance(cell.value, str) and "单位：万元" in cell.value:
                    cell.value = cell.value.replace("万元", "千元")
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _samples(out: Path, wanted: list[str] | None = None) -> dict[str, Path]:
    """The real files damaged: a name each (its own), and where it lies. ``wanted`` (--samples): only the samples up to
    the last whose name holds one of these words, in this order — each variant of those made from the same bytes and
    the same draws of the seeded generators as in a whole run — and the files made here (a render, the workbooks of
    two PDFs) only where they are among them."""
    fixtures = ROOT / "tests" / "fixtures"
    makers: list[tuple[str, Callable[[], Path | None]]] = [
        (p.name, lambda p=p: p) for p in (ROOT / "tests" / "seeds" / "pdf" / "shanghai-putuo-wanli-2025.pdf",
                                          fixtures / "import" / "wanli-2025.xlsx", fixtures / "import" / "wanli-2025.ods",
                                          fixtures / "import" / "wanli-2025-biff8.xls",
                                          fixtures / "import" / "wanli-2025-收入预算总表.csv",
                                          fixtures / "prose" / "duzhou-2026.html")]
    makers += [(name, lambda name=name: CORPUS / name if (CORPUS / name).is_file() else None)
               for name in ("sh-city-zhongyiwenxian-2026-unit-budget.pdf", "bj-shoudulvhuaban-2026-dept-budget.pdf")]
    makers += [("shanghai-putuo-wenlvju-2026.docx", lambda: _rendered_docx(out)),
               ("sh-city-zhongyiwenxian-2026-tables.xlsx", lambda: _corpus_workbook(out)),
               (SHUILIJU, lambda: fixtures / "import" / "national" / SHUILIJU),
               (WORD2003, lambda: fixtures / "olddocs" / WORD2003), (ARCHIVE, lambda: fixtures / "import" / ARCHIVE),
               (FINAL, lambda: _final_workbook(out))]
    if wanted is not None:
        makers = makers[:1 + max((n for n, (name, _) in enumerate(makers) if any(w in name for w in wanted)), default=-1)]
    return {name: path for name, make in makers if (path := make()) is not None}


def _rendered_docx(out: Path) -> Path:
    docx = out / "wenlvju" / "shanghai-putuo-wenlvju-2026.docx"
    if not docx.is_file():
        subprocess.run([sys.executable, "-m", "reportgen", "render", "data/shanghai-putuo-wenlvju-2026.yaml", "-o",
                        str(docx.parent), "--format", "docx"], check=True, capture_output=True, cwd=ROOT,
                       env={**os.environ, "PYTHONPATH": str(ROOT)})
    return docx


def _corpus_workbook(out: Path) -> Path | None:
    corpus_pdf = CORPUS / "sh-city-zhongyiwenxian-2026-unit-budget.pdf"
    if not corpus_pdf.is_file():
        return None
    from bench.pdf_as_workbook import write_workbook

    workbook = out / "workbook" / "sh-city-zhongyiwenxian-2026-tables.xlsx"
    workbook.parent.mkdir(parents=True, exist_ok=True)
    if not workbook.is_file():
        write_workbook(corpus_pdf, workbook)
    return workbook


def _final_workbook(out: Path) -> Path:
    final = out / "final" / FINAL
    if not final.is_file():
        from bench.pdf_as_workbook import write_workbook

        final.parent.mkdir(parents=True, exist_ok=True)
        write_workbook(ROOT / "tests" / "seeds" / "juesuan" / "shanghai-putuo-caizhengju-juesuan-2024.pdf", final)
    return final


# ---- the runs -----------------------------------------------------------------------------------------


@dataclass
class Read:
    """What one file gave: the review's outcome and prose figures, the import's table figures."""

    outcome: str = ""
    prose: int = 0
    tables: int = 0


def reviewed(path: Path, work: Path) -> tuple[Run, Read]:
    done = run(["review", str(path), "--format", "json"], work)
    read = Read()
    try:
        results = json.loads(done.stdout) if done.stdout.strip() else []
    except ValueError:
        results = []
    for result in results:
        read.outcome = result.get("outcome", "")
        read.prose += result.get("counts", {}).get("read", 0)
    return done, read


def imported(path: Path, work: Path) -> tuple[Run, Path, str]:
    """The import's run, its -o path, and what was left there: "", "absent", "whole" or what is wrong."""
    folder = work / "import"
    folder.mkdir()
    target = folder / "out.yaml"
    done = run(["import", str(path), "-o", str(target)], work)
    left = sorted(p.name for p in folder.iterdir() if p != target)
    if not target.exists():
        state = "absent" if not left else "absent, left " + ", ".join(left)
    else:
        try:
            yaml.safe_load(target.read_text(encoding="utf-8"))
            state = "whole" if not left else "whole, left " + ", ".join(left)
        except (yaml.YAMLError, UnicodeDecodeError) as exc:
            state = f"half-written ({type(exc).__name__})"
    return done, target, state


def table_figures(source: Path) -> int:
    if not source.is_file():
        return 0
    return sum(1 for line in source.read_text(encoding="utf-8").splitlines() if _FROM_TABLE.search(line))


def first_words(said: str) -> str:
    """The message a user sees first (the last of a review's JSON aside), shortened for a table's cell."""
    lines = [line.strip() for line in said.splitlines() if line.strip() and not line.lstrip().startswith(("[", "{", "}", "]", '"'))]
    text = next((line for line in lines if "Traceback" in line or "内部错误" in line), lines[-1] if lines else "")
    return text.replace("|", "／")[:140]


# ---- the table ----------------------------------------------------------------------------------------


def judged(variant: Variant, work: Path, originals: dict[str, Read]) -> tuple[list[str], str]:
    """The row of one variant, and its BAD classes (";"-joined, "" when none)."""
    review, read = reviewed(variant.path, work)
    done, target, state = imported(variant.path, work)
    read.tables = table_figures(target)
    bad = [b for b in (review.bad, done.bad) if b]
    if state.startswith("half") or "left" in state:
        bad.append(f"BAD -o {state}")
    original = originals.get(variant.base, Read())
    if read.outcome == "未发现问题" and (read.prose + read.tables) * 2 < original.prose + original.tables:
        bad.append("BAD 未发现问题（读到的不到原件的一半）")
    if read.outcome == "有问题" and original.outcome == "未发现问题" and not variant.holds:
        bad.append("BAD 有问题（原件未发现问题：损坏处读成了差错，没有说损坏）")
    checks = []
    if target.is_file():
        checked = run(["check", str(target)], work)
        checks.append(f"check OUT {checked.code}")
        bad += [checked.bad] if checked.bad else []
    if variant.against is not None:
        checked = run(["check", str(variant.against), "--against", str(variant.path)], work)
        checks.append(f"--against {checked.code}{'' if checked.code in (0, 1) else ': ' + first_words(checked.said)[:60]}")
        bad += [checked.bad] if checked.bad else []
    uploaded = run(["--desk", str(variant.path), str(work)], work, "bench.mutations")
    checks.append(f"desk: {first_words(uploaded.said)[:50]}")
    bad += [f"desk {uploaded.bad}"] if uploaded.bad else []
    was = f"（原件 {original.prose}/{original.tables}）" if variant.base else ""
    row = [variant.base or "（此处生成）", variant.name,
           f"{review.code} {read.outcome or '—'}", f"{read.prose}/{read.tables}{was}",
           f"{done.code} {state}", "；".join(checks) or "—",
           f"{max(review.peak_mb, done.peak_mb):.0f}", f"{max(review.seconds, done.seconds):.1f}",
           "；".join(bad) or "good", first_words(done.said if done.code else review.said).replace(f"{work}/", "")]
    return row, "；".join(bad)


def originals_of(samples: dict[str, Path], out: Path) -> tuple[dict[str, Read], dict[str, Path]]:
    """Each real file's review and import undamaged: the measure of what a variant still gives, and the
    source its damaged copies are checked against."""
    reads: dict[str, Read] = {}
    sources: dict[str, Path] = {}
    for base, path in samples.items():
        work = out / "original" / base
        work.mkdir(parents=True, exist_ok=True)
        _, read = reviewed(path, work)
        _, target, _ = imported(path, work) if not (work / "import").exists() else (None, work / "import" / "out.yaml", "")
        read.tables = table_figures(target)
        reads[base] = read
        if target.is_file():
            sources[base] = target
    wenlvju = ROOT / "data" / "shanghai-putuo-wenlvju-2026.yaml"
    sources["shanghai-putuo-wenlvju-2026.docx"] = wenlvju
    return reads, sources


DOCUMENT_SUFFIXES = (".pdf", ".docx", ".html", ".txt")


def desk(path: Path, work: Path) -> int:
    """What the desk does with the file uploaded: its kind told by its bytes (store.upload_kind: refused
    there, or kept), then reviewed as the worker reviews it (reviewing.review_stored: the annotated copy
    and the summary made). Prints the refusal or the outcome; an exception is left to end the process
    with its traceback, as it would end a worker."""
    from reportgen.desk.record.reviewing import review_stored
    from reportgen.desk.record.store import SUFFIXES, UploadRefused, upload_kind

    try:
        kind = upload_kind(path.read_bytes(), path.name)
    except UploadRefused as exc:
        print(f"未接收：{exc}")
        return 1
    reviewed = review_stored(path, work / "desk", f"document-1{SUFFIXES[kind]}", 1)
    print(f"{reviewed.outcome}：{reviewed.why_unreviewed}；批注副本 {len(reviewed.annotated or b'')} 字节 {reviewed.not_annotated}")
    return 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--only", nargs="*", default=None, help="variants whose name or base holds one of these")
    parser.add_argument("--out", type=Path, default=Path(f"/tmp/mutations-{os.getpid()}"))
    parser.add_argument("--samples", nargs="*", default=None,
                        help="only the real files whose name holds one of these, and their variants (a smoke run)")
    parser.add_argument("--desk", type=Path, nargs=2, metavar=("FILE", "WORK"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.desk:
        sys.exit(desk(*args.desk))
    args.out.mkdir(parents=True, exist_ok=True)
    samples = {name: path for name, path in _samples(args.out, args.samples).items()
               if args.samples is None or any(word in name for word in args.samples)}
    reads, sources = originals_of(samples, args.out)
    print("| 原件 | 损坏 | review（退出码 结论） | 读到：正文数字/表中数字 | import（退出码 -o） | check；审核台 | 峰值 MB | 秒 | 判定 | 首先看到的消息 |")
    print("|---|---|---|---|---|---|---:|---:|---|---|")
    fallback = sources.get("shanghai-putuo-wanli-2025.pdf")
    for number, (name, base, data, holds) in enumerate(made(args.out, args.samples), 1):
        if (args.only and not any(word in name or word in base for word in args.only)) or (
                args.samples is not None and base not in reads):
            continue
        work = args.out / f"{number:03d}"
        work.mkdir(parents=True, exist_ok=True)
        suffix = name[name.rfind("."):]
        path = work / f"{Path(base).stem or 'made'}{suffix}"
        path.write_bytes(data)
        against = sources.get(base, fallback) if suffix in DOCUMENT_SUFFIXES else None
        row, _ = judged(Variant(name, base, path, holds, against), work, reads)
        print("| " + " | ".join(row) + " |", flush=True)


if __name__ == "__main__":
    main()
