"""A table too wide for its page, printed in column halves on pages in turn, is read as the one table it is
(readers/pdf/tables/sides.py, a table continued by columns): 北京市水务局 2026 报表 prints its 收入总表's 合计 and 本年收入
on p. 3 and 其他收入 and 上年结转结余 on p. 4 (its caption over that half), its one row at one height on both. The
two pages' rows are joined where they line up one for one — by their heights, and by their labels where the next
page prints them again; a join that does not line up for every row is refused, and neither half is then read for
sure (the half's 合计 has parts on the other page).

The fixtures are page extracts (pypdf) of 北京市水务局 2026 报表 (/work/shared/corpus, ORIGIN.md there): pp. 1–4
and pp. 5–8 (its 支出总表, whose first page is cut here in two column halves, its labels printed again on the
second, as a sheet with title columns prints)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from reportgen.importing.pipeline import import_files
from reportgen.importing.recognition import catalog as catalogs
from reportgen.importing.recognition import sure
from reportgen.importing.recognition.recognize import Table, recognize
from reportgen.importing.recognition.rows import body_rows
from reportgen.readers.pdf.pdf_words import Word, lines_of_pages, pdf_words
from reportgen.readers.pdf.tables.extents import printed_tables
from reportgen.readers.pdf.tables.furniture import furniture_lines
from reportgen.readers.pdf.tables.grid import grid_of
from reportgen.readers.pdf.tables.lines import Line, lines_of
from tests.clients import require_program
from tests.support.national import FIXTURES, table_of

SHUIWU_SUMMARY = FIXTURES / "beijing-shuiwuju-2026-p1-4.pdf"
SHUIWU_SPENDING = FIXTURES / "beijing-shuiwuju-2026-p5-8.pdf"


@pytest.fixture(scope="module", autouse=True)
def _poppler() -> None:
    require_program("pdftotext")


def _pages(path: Path) -> list[list[Line]]:
    """Each page's printed lines, the page furniture aside, as the table reader takes them."""
    pages = pdf_words(path, path.read_bytes(), ValueError, "未导入")
    lines = [lines_of(number, printed) for number, printed in enumerate(lines_of_pages(pages), start=1)]
    furniture = furniture_lines(lines)
    return [[line for line in page if id(line) not in furniture] for page in lines]


def _recognised(pages: list[list[Line]], kind: str) -> list[Table]:
    known, _ = recognize([grid_of(table, "x.pdf") for table in printed_tables(pages)], catalogs.load(None))
    return [table for table in known if table.kind.id == kind]


def test_a_table_printed_in_column_halves_is_read_as_one_table() -> None:
    """p. 3's 合计 1,048,475.725671 is its 本年收入 992,619.176095 (of which 其他收入 2,934.108891, on p. 4) and its
    上年结转 55,856.549576 (p. 4): read as one row, each figure where it is printed, and read for sure."""
    table = table_of(SHUIWU_SUMMARY, "收入总表")
    assert sure.header_doubts(table) == []
    # the caption over the second half, its first printed line (the title above it is clipped off the page)
    assert table.unit == "万元" and table.unit_where == "第4页 第1行"
    (row,) = body_rows(table)
    printed = {meaning: (amount.value, amount.where) for meaning, amount in row.amounts.items() if amount.value}
    assert printed["合计"] == (Decimal("1048475.725671"), "第3页 第6行")
    assert printed["本年收入合计"] == (Decimal("992619.176095"), "第3页 第6行")
    assert printed["其他收入"] == (Decimal("2934.108891"), "第4页 第6行")
    assert printed["上年结转"] == (Decimal("55856.549576"), "第4页 第6行")
    assert printed["上年结转·单位资金"] == (Decimal("29570.781087"), "第4页 第6行")
    result = import_files([SHUIWU_SUMMARY], None)
    assert "收入总表" in result.imported.tables and not result.imported.unsure
    assert not [d for d in result.differences if "收入总表" in d]  # its 合计 is the sum of both halves' parts


def test_halves_whose_rows_do_not_line_up_are_not_joined_and_neither_is_read_for_sure() -> None:
    """The same pages with a second row printed on p. 4 only: the rows of the two halves do not line up one for
    one, so they are not joined — and the half that names the table, part of it only, is not read for sure (p. 3's 合计 read
    against its own columns would tell a difference that is none)."""
    pages = _pages(SHUIWU_SUMMARY)
    figures = pages[3][-1]
    below = [Word(w.left, w.top + 20, w.right, w.bottom + 20, w.text) for w in figures.words]
    pages[3] = [*pages[3], Line(4, figures.number + 1, below)]
    halves = _recognised(pages, "收入总表")
    assert [table.grid.name for table in halves] == ["第3页"]  # p. 4 prints no title (its text layer's is clipped)
    for table in halves:
        assert "第4页按列接续第3页的表，两页的行未能逐行对上" in sure.header_doubts(table)


def _cut(line: Line, at: float, labels: float, page: int) -> tuple[Line | None, Line | None]:
    """A printed line cut in two at ``at``: its words left of it, and those right of it with its labels (the
    words left of ``labels``) printed again left of them, as a sheet with title columns prints on a second page."""
    left = [w for w in line.words if w.right <= at]
    shift = at - labels
    right = [w for w in line.words if w.right <= labels] \
        + [Word(w.left - shift, w.top, w.right - shift, w.bottom, w.text) for w in line.words if w.left >= at]
    if line.text == "预算03表 支出总表":  # the title, printed on both pages
        return line, Line(page, line.number, line.words)
    if line.text == "金额单位：万元":  # the caption, on the first
        return line, None
    return (Line(line.page, line.number, left) if left else None), (Line(page, line.number, right) if right else None)


def _figures(table: Table) -> list[dict[str, Decimal]]:
    return [{meaning: amount.value for meaning, amount in row.amounts.items()} for row in body_rows(table)]


def _halves(page: list[Line], at: float, labels: float, left: int, right: int) -> tuple[list[Line], list[Line]]:
    """A page's lines cut in two at ``at`` (its rows' labels, left of ``labels``, printed on both), as pages
    ``left`` and ``right``."""
    halves = [_cut(line, at, labels, right) for line in page]
    return [Line(left, line.number, line.words) for line, _ in halves if line is not None], \
        [line for _, line in halves if line is not None]


def test_the_columns_continued_beside_their_rows_labels_printed_again_are_joined_by_them() -> None:
    """水务局's 支出总表 (p. 5) cut between 基本支出 and 项目支出, the second half printed with the rows' labels again
    (2050302-中等职业教育, 50501-…, 30101-…; a wrapped name on lines of its own): joined row by row, the labels
    printed again dropped, it reads as the page did whole — every row's figures under the same meanings."""
    (page,) = _pages(SHUIWU_SPENDING)[:1]
    header = next(line for line in page if "项目支出" in line.text)
    at = next(w for w in header.words if w.text == "项目支出").left - 8
    labels = max(w.right for line in page for w in line.words if "-" in w.text) + 4
    halves = [_cut(line, at, labels, 2) for line in page]
    cut = [[line for line, _ in halves if line is not None], [line for _, line in halves if line is not None]]
    (whole,) = _recognised([page], "支出总表")
    (joined,) = _recognised(cut, "支出总表")
    assert sure.header_doubts(joined) == sure.header_doubts(whole) == []

    assert _figures(joined) == _figures(whole) and len(_figures(whole)) > 20
    places = {a.where for row in body_rows(joined) for m, a in row.amounts.items() if m == "项目支出" and a.value}
    assert places and all(place.startswith("第2页 ") for place in places)


@pytest.mark.parametrize("order", ["over, then down", "down, then over"])
def test_a_long_wide_table_s_pages_of_columns_are_joined_to_their_pages_of_rows_in_either_order(order: str) -> None:
    """The 支出总表's first two pages each cut in two as above, printed over then down (rows 1, their columns; rows 2,
    their columns) or down then over (rows 1, rows 2; the columns of each in turn, a sheet's default page order):
    each page of columns joined to its page of rows, the table read as its two pages whole."""
    pages = _pages(SHUIWU_SPENDING)[:2]
    header = next(line for line in pages[0] if "项目支出" in line.text)
    at = next(w for w in header.words if w.text == "项目支出").left - 8
    labels = max(w.right for page in pages for line in page for w in line.words if "-" in w.text) + 4
    rows_1, columns_1 = _halves(pages[0], at, labels, 1, 2)
    if order == "over, then down":
        rows_2, columns_2 = _halves(pages[1], at, labels, 3, 4)
        printed = [rows_1, columns_1, rows_2, columns_2]
    else:
        rows_1, columns_1 = _halves(pages[0], at, labels, 1, 3)
        rows_2, columns_2 = _halves(pages[1], at, labels, 2, 4)
        printed = [rows_1, rows_2, columns_1, columns_2]
    (whole,) = _recognised(pages, "支出总表")
    (joined,) = _recognised(printed, "支出总表")
    assert sure.header_doubts(joined) == []
    assert _figures(joined) == _figures(whole) and len(_figures(whole)) > 50
