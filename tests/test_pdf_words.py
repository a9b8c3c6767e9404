"""One reading of a PDF (readers/pdf_words.py): the prose lines the reviewer judges and the importer's
说明 are the printed lines the tables are read from, numbered alike — a finding's “第9页 第14行” is the
14th printed line of page 9 whether it is a sentence or a table row."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from reportgen.readers.pdf.pdf_tables import read_pdf
from reportgen.readers.pdf.pdf_words import Word, layout_text, printed_lines
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


def test_words_that_touch_are_one_word_and_a_tables_narrowest_column_gap_is_not():
    """A figure printed in two runs (its last digits 10.5 points in a 12-point line, as putuo-zhengfuban-2025's
    9,101.68 re-set in tests/fixtures/split_runs): pdftotext boxes the runs apart, touching; they are one
    word, read “9,101.68”, not “9,10 1.68”. The narrowest gap between two columns of the published tables
    (广州市规划和自然资源局 2026, page 24: a figure's column 0.76 points from a text column, boxes 10 high)
    keeps its words apart."""
    words = [Word(458, 129.742, 548, 141.778, "收入预算9,10"), Word(548, 131.03, 558.5, 141.562, "1.68"),
             Word(558.5, 129.742, 582.5, 141.778, "万元")]
    assert [[w.text for w in line] for line in printed_lines(words)] == [["收入预算9,101.68万元"]]
    assert layout_text([words]) == "收入预算9,101.68万元\n\f"
    joined = printed_lines(words)[0][0]
    assert (joined.left, joined.top, joined.right, joined.bottom) == (458, 129.742, 582.5, 141.778)
    table = [Word(528.0, 252.55141, 548.02, 262.5514, "0.00"), Word(548.78, 252.55141, 789.02, 262.5514, "机关及窗口辅助性")]
    assert [[w.text for w in line] for line in printed_lines(table)] == [["0.00", "机关及窗口辅助性"]]


def test_a_digit_in_a_wider_font_overlapping_the_next_run_is_one_word_a_wrapped_cells_overlap_is_not():
    # Helvetica's 0 (6.67 points at 12) where SimSun's was 6: it reaches 0.67 points into the next run
    words = [Word(530, 129.742, 548, 141.778, "9,1"), Word(548, 130.1, 554.67, 141.5, "0"),
             Word(554, 129.742, 578, 141.778, "1.68")]
    assert [[w.text for w in line] for line in printed_lines(words)] == [["9,101.68"]]
    # two lines of a table's wrapped cells side by side (北京市公安局公安交通管理局 2026, page 53): a word
    # reaching 5.8 points (0.69 of its height) over the next, 1.8 points higher, stays a word of its own
    cells = [Word(100, 200.0, 130, 208.44, "三期）"), Word(124.2, 200.86, 161.7, 210.24, "项目名称")]
    assert [[w.text for w in line] for line in printed_lines(cells)] == [["三期）", "项目名称"]]


def test_a_digit_set_smaller_and_off_the_baseline_stays_on_its_line_and_in_its_figure():
    """A 7.2-point digit in a 12-point line, 3 points below its baseline or 3.5 above it: its centre is
    further from the line's than half its height, yet it touches the figure's other digits and its
    bottom is less than its height from theirs; the line below, 14 points lower, is a line of its own."""
    words = [Word(86, 129.742, 140, 141.778, "减少2,38"), Word(140, 137.9, 143.6, 144.78, "9"),
             Word(143.6, 129.742, 161.6, 141.778, ".52万元"), Word(56, 143.742, 104, 155.778, "事业收入")]
    assert [[w.text for w in line] for line in printed_lines(words)] == [["减少2,389.52万元"], ["事业收入"]]
    above = [Word(140, 128.4, 143.6, 135.28, "9"), *words[:1], words[2]]  # raised 3.5 points instead
    assert [[w.text for w in line] for line in printed_lines(above)] == [["减少2,389.52万元"]]
