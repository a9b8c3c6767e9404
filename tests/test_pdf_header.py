"""A PDF table's header cells whose words pdftotext parts (readers/tables/header_words.py): letter-spaced characters
(项　目, 收　入) and a cell's text wrapped over lines (一般公共预 / 算资金, “三公”经费财政 / 拨款预算总额) read
as one cell, each in its column; a cell printed beside a two-line one at another height (事业收入) a
column of its own; a group header never joined to the one sub-header under its text, nor 类 款 项.

Fixture: the 报表 of 首都绿化委员会办公室 2026 (北京, tests/fixtures/disclosure/bj-lvhua-part2.pdf)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from reportgen.readers.grid import Grid
from reportgen.readers.pdf.pdf_tables import PdfDocument, read_pdf

ROOT = Path(__file__).resolve().parent.parent
TABLES = ROOT / "tests" / "fixtures" / "disclosure" / "bj-lvhua-part2.pdf"
WANLI = ROOT / "tests" / "seeds" / "pdf" / "shanghai-putuo-wanli-2025.pdf"

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils (pdftotext) 未安装")


@pytest.fixture(scope="module")
def beijing() -> PdfDocument:
    return read_pdf(TABLES, TABLES.read_bytes())


def _titled(document: PdfDocument, ending: str) -> Grid:
    return next(g for g in document.grids if g.rows[0][0].text.endswith(ending))


def _texts(grid: Grid, row: int) -> list[str]:
    return [cell.text for cell in grid.rows[row]]


def test_letter_spaced_header_words_are_one_cell(beijing):
    for title in ("收支总表", "财政拨款收支总表"):
        grid = _titled(beijing, f" {title}")
        assert grid.width == 4  # 项 and 目 are not two columns, nor 收 and 入
        assert _texts(grid, 2) == ["收入", "", "支出", ""]
        assert _texts(grid, 3) == ["项目", "预算数", "项目", "预算数"]
        assert _texts(grid, 4)[:2] == ["一、一般公共预算拨款收入" if title == "收支总表" else "一、一般公共预算资金",
                                       "5,131.706333"]


def test_a_header_cell_wrapped_over_lines_is_one_cell_and_each_cell_its_own_column(beijing):
    grid = _titled(beijing, "收入总表")
    assert grid.width == 17
    header = [" ".join(t for t in texts if t) for texts in zip(*(_texts(grid, r) for r in (3, 4, 5)), strict=True)]
    assert header == ["合计", "小计", "一般公共预算资金", "政府性基金预算资金", "国有资本经营预算资金", "财政专户管理资金",
                      "事业收入", "事业单位经营收入", "上级补助收入", "附属单位上缴收入", "其他收入",
                      "小计", "一般公共预算资金", "政府性基金预算资金", "国有资本经营预算资金", "财政专户管理资金",
                      "单位资金"]
    assert _texts(grid, 5) == [""] * 17  # the line 资金 / 算资金 / 收入 stood on: its words joined the cells above
    body = _texts(grid, 6)
    assert (body[0], body[1], body[2], body[11], body[12]) == (
        "5,133.737491", "5,131.706333", "5,131.706333", "2.031158", "2.031158")
    assert grid.where(6) == "第2页 第7行"


def test_a_cell_over_three_lines_and_one_beside_it(beijing):
    grid = _titled(beijing, "“三公”经费支出表")
    assert _texts(grid, 3)[:2] == ["“三公”经费财政拨款预算总额", "因公出国（境）费用"]
    assert _texts(grid, 4)[2] == "公务接待费"  # beside 因公出国（境）费 / 用, set between its lines: a column of its own
    assert _texts(grid, 6) == ["27.090000", "", "", "27.090000", "18.690000", "8.400000"]


def test_a_group_header_and_the_levels_of_a_code_are_not_joined():
    wanli = read_pdf(WANLI, WANLI.read_bytes())
    grid = next(g for g in wanli.grids if g.rows[0][0].text == "2025年部门一般公共预算基本支出部门预算经济分类预算表")
    texts = [_texts(grid, r) for r in range(2, 6)]
    # 部门预算经济分类科目 / 编码 stand as a wrapped cell's lines do, but 编码 heads 类 and 款: a group
    assert ["部门预算经济分类科目", "", "", "", "", ""] in texts and ["类", "款", "", "", "", ""] in texts
