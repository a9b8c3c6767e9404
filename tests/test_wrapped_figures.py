"""A figure wrapped inside a narrow cell (“1682.7 / 6”) read as the one figure it is (readers/pdf/tables/wrapped_figures.py).

Written from 长春市信访局 2026 (吉林, fresh1: the tail under the head's left edge) and 深圳市水务局 2026 (广东: under its
right edge, a unit's name wrapped beside it); no document of a third region here wraps its figures (every PDF under
../shared and tests/fixtures read: only these two regions', and 深圳's other departments', join a tail)."""

from __future__ import annotations

from pathlib import Path

import pytest

from reportgen.readers.grid import Grid
from reportgen.readers.pdf.pdf_tables import read_pdf

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
CHANGCHUN = CORPUS / "fresh1" / "jl-changchun-xinfangju-2026-dept-budget.pdf"
SHENZHEN = CORPUS / "gd-shenzhen-shuiwu-2026-dept-budget.pdf"


def _grid(path: Path, pages: tuple[int, int], title: str) -> Grid:
    grids = read_pdf(path, path.read_bytes(), within=pages).grids
    return next(g for g in grids if title in str(g.rows[0][0].value))


def _row(grid: Grid, label: str) -> list[str]:
    return next([cell.text for cell in row] for row in grid.rows if any(cell.text == label for cell in row))


@pytest.fixture(scope="module")
def changchun() -> Grid:
    return _grid(CHANGCHUN, (10, 10), "一般公共预算支出表")


@pytest.fixture(scope="module")
def shenzhen() -> Grid:
    return _grid(SHENZHEN, (115, 118), "项目支出总表")


def test_a_figure_wrapped_under_its_left_edge_is_read_whole_in_its_row(changchun: Grid) -> None:
    total = _row(changchun, "总计：")
    assert total[2:9] == ["1682.76", "1682.76", "1208.20", "997.20", "211.00", "474.56", "0.00"]
    assert _row(changchun, "一般公共服务支出")[2:4] == ["1378.41", "1378.41"]


def test_no_row_is_made_of_the_tails_of_wrapped_figures(changchun: Grid) -> None:
    body = changchun.rows[12:]
    assert all(any(cell.text and not cell.text.isdigit() for cell in row) for row in body)
    assert len(body) == 16  # the total, 15 coded rows


def test_a_figure_wrapped_under_its_right_edge_is_read_whole_and_the_name_beside_it_joined(shenzhen: Grid) -> None:
    assert _row(shenzhen, "深圳市水务局")[1:3] == ["811,669.97", "677,349.91"]
    assert _row(shenzhen, "深圳市水务局（本级）")[1:3] == ["170,390.31", "134,462.68"]
    assert _row(shenzhen, "污水处理服务费")[1] == "117,921.68"


def _traced_line(path: Path, grid: Grid, label: str, col: int) -> str:
    """The printed line (its text) a cell of the row of ``label`` is traced to: its own place, else its row's."""
    from reportgen.readers.published import read_published

    row = next(i for i, cells in enumerate(grid.rows) if any(cell.text == label for cell in cells))
    place = grid.rows[row][col].place or (grid.row_places or [])[row]
    return next(line.text for line in read_published(path).lines if line.where == place)


def test_a_wrapped_figure_is_traced_to_the_line_its_head_is_printed_on(changchun: Grid, shenzhen: Grid) -> None:
    """Traced to the row's middle line (长春: “总计： … 997.20 …”, 深圳: “深圳市水务局 677,349.91 …”) the head printed
    on the line above (“1682.7”, “811,669.9”) was counted a figure unread (review/coverage.py), the whole read elsewhere."""
    assert "1682.7 " in _traced_line(CHANGCHUN, changchun, "总计：", 2) + " "
    assert "997.20" not in _traced_line(CHANGCHUN, changchun, "总计：", 2)
    assert "997.20" in _traced_line(CHANGCHUN, changchun, "总计：", 5)  # printed whole: its own line
    assert "811,669.9" in _traced_line(SHENZHEN, shenzhen, "深圳市水务局", 1)
    assert "677,349.91" not in _traced_line(SHENZHEN, shenzhen, "深圳市水务局", 1)


def test_a_figure_printed_whole_is_never_joined_to_the_line_below(changchun: Grid) -> None:
    """“0.00” above “0.00”, each whole as printed, stay two rows' figures."""
    assert _row(changchun, "行政运行")[8:13] == ["0.00"] * 5
    assert _row(changchun, "一般行政管理事务")[8:13] == ["0.00"] * 5
