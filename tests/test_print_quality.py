"""Tables that read cleanly in print (issue 26, part 3), checked on the PDF LibreOffice prints from
every source in data/ in each of its layouts (the default one, and its locality's): no amount or
rate broken inside its number, no name set fewer than six characters a line, no text leaving one
character alone on its last line, a table of up to fifteen rows on one page, and no page holding a
remnant of one to three rows of a table. The writer's side of it (docx/tables.py) is tested first,
without LibreOffice."""

from __future__ import annotations

import math
import re
import unicodedata
import zipfile
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest

from reportgen.docmodel.document import Cell, Row, Table
from reportgen.writers.docx import tables
from reportgen.writers.docx.look import TABLE_POINTS
from tests.clients import require_program
from tests.printed import (
    PrintedTable,
    broken_cells,
    lone_characters,
    pdf_lines,
    pdf_page_sizes,
    pdftotext_raw,
    printed_tables,
    remnants,
    words,
)
from tests.support.prints import shipped_prints

ROOT = Path(__file__).resolve().parent.parent
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
AMOUNT = re.compile(r"^-?\d[\d,]*(?:\.\d+)?%?$")
HAN = re.compile(r"[\u3400-\u9fff]")


# -- the writer: widths and keeps, without LibreOffice ---------------------------------------------

def table(header: list[list[str]], body: list[list[Cell]], widths: list[int]) -> Table:
    return Table("t", "", "", "", "", [Row([Cell(t) for t in row], "header") for row in header],
                 [Row(cells) for cells in body], widths)


def test_a_rate_counts_its_per_cent_sign_as_a_full_em():
    assert tables.cell_ems("11.11%") == pytest.approx(4 * tables.DIGIT_EM + tables.SEPARATOR_EM + 1.0)
    assert tables.cell_ems("增长11.11%") >= tables.cell_ems("11.11%")


def test_a_short_name_with_digits_is_kept_whole_and_a_long_one_six_characters_a_line():
    assert tables.cell_ems("2021年") == pytest.approx(4 * tables.DIGIT_EM + 1)
    assert tables.cell_ems("机关事业单位基本养老保险缴费") == tables.TEXT_EMS


def test_an_indented_name_gets_its_indent_on_top_of_six_characters():
    """The indent is w:left 210 twips a level (五号's character): a name two levels in needs six
    characters and 420 twips (once only 108 twips were added, whatever the depth: “城市建设支/出”)."""
    block = table([["科目名称"]], [[Cell("城市建设支出", indent=2)], [Cell("合计")]], [1])
    for points in tables.TABLE_SIZES:
        need = math.floor(6 * points * 20) + 2 * tables.INDENT_TWIPS + tables.CELL_MARGINS
        assert tables.column_minimums(block, points) == [need]


def test_a_header_leaves_no_character_alone_on_its_last_line():
    """“事业收入” in three characters' room would print “事业收/入”: the column is made narrower
    (two a line) when its numbers allow, else wider."""
    em = TABLE_POINTS * 20
    three = math.ceil(3.3 * em) + tables.CELL_MARGINS
    texts = [("事业收入", 0, 0)]
    assert tables.unorphaned(texts, [0], three, 0, TABLE_POINTS) <= 2 * em + tables.CELL_MARGINS
    assert tables.unorphaned(texts, [0], three, three, TABLE_POINTS) >= 4 * em + tables.TEXT_MARGINS
    assert tables.unorphaned([("事业收入", 0, 0)], [0], round(4.5 * em) + 240, 0, TABLE_POINTS) == round(4.5 * em) + 240


def test_the_widths_of_a_crowded_table_leave_no_header_orphan():
    heads = ["收入总计", "一般公共预算拨款", "政府性基金预算拨款", "国有资本经营预算拨款", "事业收入", "其他收入", "上年结转"]
    block = table([["单位名称", *heads]], [[Cell("某某市总工会"), *(Cell("1,234.00") for _ in heads)]], [22] + [9] * len(heads))
    points = tables.table_points(block, 8845)
    assert points < TABLE_POINTS  # too wide at 五号
    widths = tables.fit_widths(block, 8845, points)
    assert sum(widths) == 8845
    em = points * 20
    for text, width in zip(heads, widths[1:], strict=True):
        for margins in (tables.TEXT_MARGINS, tables.CELL_MARGINS):
            chars = math.floor((width - margins) / em)
            assert not (len(text) > chars and len(text) % chars == 1), (text, width)


def keep_flags(markup: str) -> list[bool]:
    return ["<w:keepNext/>" in row for row in re.findall(r"<w:tr>.*?</w:tr>", markup)]


def test_a_table_of_up_to_fifteen_rows_is_kept_together_and_a_longer_one_at_its_ends():
    short = table([["名称", "金额"]], [[Cell(f"项目{i}"), Cell("1.00")] for i in range(15)], [1, 1])
    assert keep_flags("".join(tables.row_parts(short, [3000, 2000]))) == [True] * 15 + [False]
    long = table([["名称", "金额"]], [[Cell(f"项目{i}"), Cell("1.00")] for i in range(30)], [1, 1])
    flags = keep_flags("".join(tables.row_parts(long, [3000, 2000])))
    assert flags == [True] + [True] * 3 + [False] * 23 + [True] * 3 + [False]  # header, 4 first, 4 last together
    tall = table([["名称", "内容"]], [[Cell(f"任务{i}"), Cell("很长的内容" * 12)] for i in range(30)], [1, 1])
    assert keep_flags("".join(tables.row_parts(tall, [2000, 3000])))[1:] == [False] * 30  # each row 12 lines


# -- the printed PDF ---------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], Path]:
    """Every source in each of its layouts as DOCX, printed to PDF by one LibreOffice batch (beside it)."""
    require_program("soffice")
    require_program("pdftotext")
    return {key: docx for key, (docx, _) in shipped_prints(tmp_path_factory).items()}


def docx_tables(docx: Path) -> list[list[tuple[bool, list[tuple[str, int, bool]]]]]:
    """Each w:tbl's rows: whether it repeats (a header row), and its cells' texts, widths (twips)
    and whether the cell is merged over rows."""
    return [[(repeats, [(text, width, merged) for text, width, merged, _, _ in cells]) for repeats, cells in rows]
            for rows in _docx_cells(docx)]


def _docx_cells(docx: Path) -> list[list[tuple[bool, list[tuple[str, int, bool, float, int]]]]]:
    """docx_tables with each cell's size (points) and left indent (twips) too."""
    root = ET.fromstring(zipfile.ZipFile(docx).read("word/document.xml"))
    found = []
    for tbl in root.iter(f"{W}tbl"):
        rows = []
        for tr in tbl.findall(f"{W}tr"):
            cells = []
            for tc in tr.findall(f"{W}tc"):
                size = tc.find(f".//{W}rPr/{W}sz")
                indent = tc.find(f"{W}p/{W}pPr/{W}ind")
                cells.append(("".join(t.text or "" for t in tc.iter(f"{W}t")), int(tc.find(f"{W}tcPr/{W}tcW").get(f"{W}w")),
                              tc.find(f"{W}tcPr/{W}vMerge") is not None,
                              int(size.get(f"{W}val")) / 2 if size is not None else TABLE_POINTS,
                              int(indent.get(f"{W}left")) if indent is not None else 0))
            rows.append((tr.find(f"{W}trPr/{W}tblHeader") is not None, cells))
        found.append(rows)
    return found


def cell_faults(docx: Path) -> list[list[str]]:
    """The cells the PDF shows broken as they should not be. Each broken text is told by the room
    its first line had: the cells of that text whose width gives about as many characters a line
    say whether it is a header cell (no character alone on its last line) or a name of the body
    (six characters a line or more but the last); an amount or rate never breaks."""
    rooms: dict[str, list[tuple[bool, int]]] = {}
    for rows in _docx_cells(docx):
        for repeats, cells in rows:
            for text, width, _, points, indent in cells:
                if len(text) > 1:
                    rooms.setdefault(text, []).append((repeats, math.floor((width - 216 - indent) / (points * 20))))
    faults = []
    for text, ways in broken_cells(words(docx.with_suffix(".pdf")), set(rooms)).items():
        for lines in ways:
            near = [header for header, room in rooms[text] if abs(room - len(lines[0])) <= 1] or [
                header for header, _ in rooms[text]]
            if AMOUNT.match(text):
                faults.append(lines)
            elif any(near) and len(lines[-1]) == 1:
                faults.append(lines)
            elif not all(near) and HAN.search(text) and any(len(line) < 6 for line in lines[:-1]):
                faults.append(lines)
    return faults


def test_no_amount_breaks_no_name_is_squeezed_no_header_leaves_a_character_alone(printed):
    """Amounts and rates on one line; a name of the body longer than six characters wraps at six
    or more a line; no header leaves one character on its last line."""
    faults = {key: found for key, docx in printed.items() if (found := cell_faults(docx))}
    assert faults == {}


def row_lines(cells: list[tuple[str, int, bool]], points: float = TABLE_POINTS) -> int:
    """A row's lines at most: its cell of most characters (each an em at most) in its width."""
    return max((math.ceil(len(text) * points * 20 / max(width - 216, 1)) for text, width, merged in cells
                if text and not merged), default=1)


def test_no_short_table_is_split_and_no_page_holds_a_remnant(printed):
    """A table of up to fifteen rows on one page; a longer one leaves no page with one to three of
    its rows, unless those rows are tall (four lines or more together: no remnant to the eye)."""
    faults = {}
    checked = 0
    for key, docx in printed.items():
        pdf_tables = printed_tables(docx.with_suffix(".pdf"))
        written = docx_tables(docx)
        assert len(pdf_tables) == len(written), key
        for number, (pdf_table, rows) in enumerate(zip(pdf_tables, written, strict=True)):
            assert [header for header, _ in pdf_table.rows] == [repeats for repeats, _ in rows], (key, number)
            lines = [row_lines(cells) for repeats, cells in rows if not repeats]
            found = [problem for problem in remnants(pdf_table) if not _tall(problem, pdf_table, lines)]
            checked += 1
            if found:
                faults[(key, number)] = found
    assert checked > 150
    assert faults == {}


def _tall(problem: str, table: PrintedTable, lines: list[int]) -> bool:
    """Whether a page's few rows (“page N: …”) take four lines or more."""
    page = re.match(r"page (\d+):", problem)
    if not page:
        return False
    on_page = [count for count, where in zip(lines, table.body_pages(), strict=True) if where == int(page.group(1))]
    return sum(on_page) >= 4


# -- issue 39, part 2: labels fitted before they wrap, totals never alone --------------------------

_KEPT_STYLES = ("Heading", "TableTitle", "Title", "Subtitle", "TableText", "TableNumber")


def _paragraphs(docx: Path) -> list[tuple[str, str, bool]]:
    """Each paragraph of the DOCX: its style, its text, and whether it stands in a table."""
    root = ET.fromstring(zipfile.ZipFile(docx).read("word/document.xml"))
    in_tables = {id(p) for tbl in root.iter(f"{W}tbl") for p in tbl.iter(f"{W}p")}
    found = []
    for p in root.iter(f"{W}p"):
        style = p.find(f"{W}pPr/{W}pStyle")
        found.append((style.get(f"{W}val") if style is not None else "", "".join(t.text or "" for t in p.iter(f"{W}t")),
                      id(p) in in_tables))
    return found


def test_no_cell_heading_or_title_ends_in_a_line_of_one_character(printed):
    """No table cell, heading or table title of any shipped source's PDF ends in a line holding one
    Han character that continues the line above it (23 cells in 25 PDFs when issue 39 was filed; 12
    in these 19 before table_fit.py: “2024年预算 / 数”, “其他对个人和家庭的补 / 助”, “…部门决算 / 表”)."""
    alone = {}
    for key, docx in printed.items():
        texts = {text for style, text, _ in _paragraphs(docx) if style.startswith(_KEPT_STYLES) and len(text) > 1}
        if found := lone_characters(docx.with_suffix(".pdf"), texts):
            alone[key] = found
    assert alone == {}


def _total_rows(docx: Path) -> list[list[bool]]:
    """Each w:tbl's rows: whether it is a total row (not repeated, every run of its cells bold)."""
    root = ET.fromstring(zipfile.ZipFile(docx).read("word/document.xml"))
    found = []
    for tbl in root.iter(f"{W}tbl"):
        rows = []
        for tr in tbl.findall(f"{W}tr"):
            runs = [r for r in tr.iter(f"{W}r") if "".join(t.text or "" for t in r.iter(f"{W}t")).strip()]
            header = tr.find(f"{W}trPr/{W}tblHeader") is not None
            rows.append(not header and bool(runs) and all(r.find(f"{W}rPr/{W}b") is not None for r in runs))
        found.append(rows)
    return found


def test_no_page_holds_only_a_tables_total_rows(printed):
    """A table that runs over pages never leaves its closing rows — from the first total row among its
    last rows to its end — alone on a page (the 决算 收支总表 once put 本年收入合计 … 总计 alone on the
    page after its table)."""
    alone = {}
    checked = 0
    for key, docx in printed.items():
        for number, (pdf_table, totals) in enumerate(zip(printed_tables(docx.with_suffix(".pdf")), _total_rows(docx),
                                                         strict=True)):
            body = [(page, total) for (header, page), total in zip(pdf_table.rows, totals, strict=True) if not header]
            first = next((i for i in range(max(len(body) - tables.CLOSING, 0), len(body)) if body[i][1]), len(body))
            body = [(page, i >= first) for i, (page, _) in enumerate(body)]  # its closing rows: totals and after
            for page in {page for page, _ in body}:
                on_page = [total for where, total in body if where == page]
                checked += 1
                if len({p for p, _ in body}) > 1 and all(on_page):
                    alone.setdefault(key, []).append((number, page, len(on_page)))
    assert checked > 150
    assert alone == {}


def test_every_label_reads_back_whole(printed):
    """Every text of every table cell is printed whole: the PDF's text in its drawing order (pdftotext
    -raw: LibreOffice draws a table cell by cell) holds its characters in turn, its line breaks aside
    (fitting the widths and setting a size lose nothing). Punctuation is left to issue 39 part 4's
    test: LibreOffice drops a full-width sign at a line's end (“冀财规﹝2022﹞27号”)."""
    missing = {}
    checked = 0
    for key, docx in printed.items():
        raw = _letters(pdftotext_raw(docx.with_suffix(".pdf")))
        texts = {_letters(text) for _, text, in_table in _paragraphs(docx) if in_table and HAN.search(text)}
        checked += len(texts)
        if lost := sorted(text for text in texts if text not in raw):
            missing[key] = lost[:5]
    assert checked > 2000
    assert missing == {}


def _letters(text: str) -> str:
    """``text`` without white space and punctuation."""
    return "".join(char for char in text if not char.isspace() and not unicodedata.category(char).startswith("P"))


def test_shanghais_finance_summary_is_a_landscape_page_with_every_name_on_one_line(printed):
    """The 上海 财务收支预算总表 as published (seeds/pdf): a landscape page, every name on one line; the
    决算 收支总表 on one page, as the 样张 has it."""
    checked = 0
    for (name, layout), docx in printed.items():
        if layout != "上海":
            continue
        pdf = docx.with_suffix(".pdf")
        found = pdf_lines(pdf)
        title = next(line for line in found if line.text.endswith(("财务收支预算总表", "收入支出决算总表")))
        page = pdf_page_sizes(pdf)[title.page - 1]
        final = title.text.endswith("决算总表")
        assert (page[0] > page[1]) is not final, (name, page)
        texts = {line.text for line in found if line.page == title.page}
        names = [cells[0][0] for rows in docx_tables(docx) for _, cells in rows if cells and cells[0][0].startswith("一、")]
        assert names and all(any(n in t for t in texts) for n in names[:1]), name
        if final:
            pages = {where for header, where in printed_tables(pdf)[1].rows if not header}
            assert pages == {title.page}, (name, pages)
        checked += 1
    assert checked == 5
