"""A row whose names are wrapped in several cells at once (readers/pdf/tables/body_rows.names_spread): the lines that
print only the names' other parts are no rows of their own, each word joined to its cell in the row of figures
nearest it. Written from 长春市信访局 2026's 项目支出表 (p. 14: each 二级项目's name and its 项目单位 “长春市信访局”, a
character a line, centred on the row's figures over three to six lines above and below them) and 北京市水务局 2026's
支出总表 (报表 pp. 5–8: “2080505-机关事业单位基本 / 养老保险缴费支出” beside “30108-机关事业单位基本养老 / 保险缴费”, the
second lines a line of their own, no figure on it)."""

from __future__ import annotations

from pathlib import Path

import pytest

from reportgen.readers.grid import Grid
from reportgen.readers.pdf.pdf_tables import read_pdf
from tests.clients import require_program
from tests.support.national import FIXTURES

CHANGCHUN = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "fresh1" / "jl-changchun-xinfangju-2026-dept-budget.pdf"
SHUIWU = FIXTURES / "beijing-shuiwuju-2026-p5-8.pdf"


@pytest.fixture(scope="module", autouse=True)
def _poppler() -> None:
    require_program("pdftotext")


def _grid(path: Path, pages: tuple[int, int], title: str) -> Grid:
    grids = read_pdf(path, path.read_bytes(), within=pages).grids
    return next(g for g in grids if title in str(g.rows[0][0].value))


def _named_rows(grid: Grid) -> list[list[str]]:
    """The body's rows that print a name, each as its texts."""
    return [texts for row in grid.rows if (texts := [cell.text for cell in row if cell.text])]


@pytest.mark.skipif(not CHANGCHUN.exists(), reason="the corpus (/work/shared/corpus) is not here")
def test_a_project_and_its_unit_wrapped_beside_each_other_are_one_row() -> None:
    grid = _grid(CHANGCHUN, (14, 14), "项目支出表")
    rows = _named_rows(grid)
    projects = [row[:3] for row in rows if len(row) > 3 and row[1] == "长春市信访局"]
    assert projects == [["2026 信访专项经费", "长春市信访局", "30.00"],
                        ["2026 信访接待中心运行费", "长春市信访局", "116.00"],
                        ["2026 驻京经费", "长春市信访局", "312.00"],
                        ["信访局临聘人员经费", "长春市信访局", "16.56"]]
    assert not [row for row in rows if set("长春市信访局") >= set("".join(row))]  # no row of the unit's characters
    # the lines joined to a row stay lines of the table: the last project's figures, on line 49, are within it
    assert (grid.row_places or [])[-1] == "第14页 第50行"


@pytest.mark.skipif(not SHUIWU.exists(), reason="the fixture is not here")
def test_two_names_run_on_to_a_line_of_their_own_join_their_row() -> None:
    rows = _named_rows(_grid(SHUIWU, (1, 4), "支出总表"))
    assert ["2080505-机关事业单位基本养老保险缴费支出", "50102-社会保障缴费", "30108-机关事业单位基本养老保险缴费",
            "734.155356", "734.155356"] in rows
    assert ["2100201-综合医院", "50999-其他对个人和家庭的补助", "30399-其他对个人和家庭的补助", "0.808504",
            "0.808504"] in rows
    assert not [row for row in rows if row in (["养老保险缴费支出", "保险缴费"], ["助", "助"])]


XIAN = CHANGCHUN.with_name("sn-xian-xingzhengshenpi-2025-dept-budget.pdf")


@pytest.mark.skipif(not XIAN.exists(), reason="the corpus (/work/shared/corpus) is not here")
def test_a_project_and_what_it_buys_wrapped_at_once_are_one_row() -> None:
    """Shown, unchanged, on 西安市行政审批服务局 2025 p. 34 (政府采购 by project): “行政审批和政务服务工作专项业务经 / 费”
    beside “西安助企、西安惠民、西安帮办微 / 信小程序……”; the name wrapped in one cell above it (“西安市政务服务线上线下
    融合及效能 / 提升项目（业务支撑部分）”) joined as before."""
    texts = {text for row in _named_rows(read_pdf(XIAN, XIAN.read_bytes(), within=(34, 34)).grids[0]) for text in row}
    assert {"行政审批和政务服务工作专项业务经费", "西安市政务服务线上线下融合及效能提升项目（业务支撑部分）"} <= texts
    assert any(text.startswith("西安助企、西安惠民、西安帮办微信小程序") for text in texts)
    assert not {"行政审批和政务服务工作专项业务经", "费"} & texts
