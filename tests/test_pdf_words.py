"""One reading of a PDF (readers/pdf_words.py): the prose lines the reviewer judges and the importer's
说明 are the printed lines the tables are read from, numbered alike — a finding's “第9页 第14行” is the
14th printed line of page 9 whether it is a sentence or a table row."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from reportgen.readers.pdf_tables import read_pdf
from reportgen.readers.pdf_words import Word, layout_text, printed_lines
from reportgen.readers.published import pdf_text

ROOT = Path(__file__).resolve().parent.parent
PDFS = sorted((ROOT / "tests" / "seeds" / "pdf").glob("*.pdf")) + sorted((ROOT / "tests" / "seeds" / "juesuan").glob("*.pdf"))

needs_pdftotext = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils (pdftotext) 未安装")


@needs_pdftotext
@pytest.mark.parametrize("pdf", PDFS, ids=lambda p: p.stem)
def test_a_prose_line_and_a_table_row_of_one_place_are_the_same_printed_line(pdf):
    document = read_pdf(pdf, pdf.read_bytes())
    pages = [page.splitlines() for page in pdf_text(pdf).split("\f")[:-1]]
    assert len(pages) == document.pages
    for line in document.lines:
        printed = pages[line.page - 1][line.number - 1]
        assert printed.split() == line.text.split(), line.place


def test_words_stand_as_far_apart_as_printed_and_a_line_is_its_words_on_one_baseline():
    # a table row: a name, then two amounts right of it; a word half a line lower starts a new line
    words = [Word(100, 100, 148, 112, "基本支出"), Word(300, 101, 330, 111, "12.50"), Word(400, 100, 424, 112, "3.00"),
             Word(100, 120, 124, 132, "合计")]
    lines = printed_lines(words)
    assert [[w.text for w in line] for line in lines] == [["基本支出", "12.50", "3.00"], ["合计"]]
    first, second = layout_text([words]).split("\n")[:2]
    # as far apart as printed, in the page's Latin characters (6 points each): 152 and 70 points
    assert first == "基本支出" + " " * 25 + "12.50" + " " * 12 + "3.00"
    assert second == "合计"


def test_a_page_without_text_is_an_empty_page_and_words_of_no_width_divide_by_nothing():
    assert layout_text([[], [Word(10, 10, 10, 20, "ab"), Word(50, 10, 50, 20, "cd")]]) == "\f" + "ab" + " " * 8 + "cd\n\f"  # 40 points apart, 5 each


def test_a_squat_label_on_the_baseline_of_its_tall_figures_is_their_line():
    """A PDF (ONLYOFFICE, 普陀区财政局 2024 决算) whose Chinese words have boxes 3 points high on the baseline and
    whose figures 22 points high: the row's label is 8 points below its figures' centres, yet on their line;
    the label of the row above stands within their boxes too, but not on their lowest third."""
    figures = [Word(300, 100, 330, 122, "2,940.05"), Word(400, 100, 430, 122, "2,106.66")]
    above, label = Word(100, 103, 148, 106, "收入"), Word(100, 116, 196, 119, "一般公共预算财政拨款")
    lines = printed_lines([*figures, above, label])
    assert [[w.text for w in line] for line in lines] == [["收入"], ["一般公共预算财政拨款", "2,940.05", "2,106.66"]]
    # words of one height a line apart stay apart, whatever their boxes
    assert len(printed_lines([Word(100, 100, 148, 112, "基本支出"), Word(100, 113, 124, 125, "合计")])) == 2
