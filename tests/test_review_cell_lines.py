"""A table whose cells stand one a line (a web page's table as a text extractor gives it): read only where
its header gives every number one column (reportgen/readers/cell_lines.py)."""

from __future__ import annotations

from reportgen.readers.text.cell_lines import cell_rows
from reportgen.readers.text.lines import Line
from reportgen.readers.text.statements import read_statements

HEADER = ["“三公”经费合计 |", "因公出国(境)费 |", "公务用车购置及运行费 |", "公务 接待费 |", "||",
          "小计 |", "公务用车购置费 |", "公务用车运行费 |", "|||"]


def _numbered(texts: list[str]) -> list[tuple[int, str]]:
    return list(enumerate(texts, start=1))


def test_a_two_row_header_is_placed_by_name_and_each_number_gets_its_column():
    (row,) = cell_rows(_numbered([*HEADER, "79 |", "0 |", "75 |", "50 |", "25 |", "4 |"]))
    assert [(name, text) for _, name, text in row.cells] == [
        ("“三公”经费合计", "79"), ("因公出国(境)费", "0"), ("公务用车购置及运行费", "75"),
        ("公务用车购置费", "50"), ("公务用车运行费", "25"), ("公务接待费", "4")]
    assert [line for line, _, _ in row.cells] == [10, 11, 12, 13, 14, 15]


def test_a_row_of_another_count_than_the_header_is_not_read():
    assert cell_rows(_numbered([*HEADER, "79 |", "0 |", "75 |", "4 |"])) == []


def test_a_second_header_row_whose_cells_no_name_places_is_not_read():
    header = ["合计 |", "基本支出 |", "项目支出 |", "||", "人员 |", "公用 |", "|||"]
    assert cell_rows(_numbered([*header, "10 |", "6 |", "4 |", "3 |"])) == []


def test_the_cells_become_statements_in_the_tables_unit():
    lines = [Line(n, text) for n, text in _numbered(["单位:万元", *HEADER, "79 |", "0 |", "75 |", "50 |", "25 |", "4 |",
                                                      "二、说明"])]
    cells = [st for st in read_statements(lines) if st.kind == "cell"]
    assert [(st.label, str(st.value), st.unit) for st in cells][3] == ("公务用车购置费", "50", "万元")


def test_a_header_of_thousands_of_cells_is_not_read_and_costs_little():
    """A hostile run of cell lines: two header rows of 5,000 names each, then numbers."""
    header = [f"名称{i} |" for i in range(5000)] + ["||"] + [f"名称{i}子 |" for i in range(5000)] + ["|||"]
    assert cell_rows(_numbered([*header, *(f"{i} |" for i in range(10000))])) == []
