"""A 项目支出表 printed as the document prints it (issue 80; issue 79 part 4). 烟台's 项目支出预算情况表 (公开表11) lists
every unit's projects with no column of the unit — 实施公车统管费用 once for each — beside its 项目类别 and its funds
(项目名称 | 项目类别 | 合计 | 财政拨款 小计 | 一般公共预算 | … | 上年结转); 浙江's 市级部门项目支出预算表 (杭州, 湖州) prints
单位名称 | 项目名称 | 总计 | 一般公共预算 | 政府性基金 | … | 单位资金. The import writes each printed line a project (a name
printed again with where it is printed, 印于), with its 类别, 单位名称 and 资金 as printed; the learned layout lists the
columns (表格.项目支出表.列) in the printed order, and the draft prints every row's figures in the published cells.
Written from 烟台 (大数据局, 文化和旅游局) and 杭州; 湖州 is shown with the same code.

The 烟台 fixtures are page extracts (pypdf) of /work/shared/corpus (ORIGIN.md there): 烟台市文化和旅游局 2026 pp. 1, 13,
28–29; 烟台市大数据局 2026 pp. 1, 6–7, 9, 24."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from bench.learned_tables import _table_figures, published_cells, rendered_cells
from reportgen.docmodel.document import Table
from reportgen.importing.pipeline import import_files
from reportgen.runners.render import document_for, prepare
from reportgen.tablekinds import role
from tests.clients import require_program
from tests.learned_import import import_once

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "import" / "national"
FRESH = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "fresh1"
WENLV = FIXTURES / "yantai-wenlvju-2026-p1-13-28-29.pdf"
DASHUJU = FIXTURES / "yantai-dashujuju-2026-p1-6-7-9-24.pdf"
YANTAI_COLUMNS = ["项目类别", "合计", "财政拨款", "一般公共预算", "政府性基金", "国有资本经营", "财政专户管理资金", "单位资金",
                  "使用非财政拨款结余", "上年结转"]
ZHEJIANG_COLUMNS = ["单位名称", "合计", "一般公共预算", "政府性基金", "国有资本经营", "财政专户管理资金", "单位资金"]


@pytest.fixture(scope="module", autouse=True)
def _poppler() -> None:
    require_program("pdftotext")


def _imported(folder: Path, pdf: Path) -> tuple[Path, Path]:
    source, layout = import_once(folder, pdf)
    return source, layout


def _texts(cells: list[str]) -> list[str]:
    return [re.sub(r"\s+", "", text) for text in cells]


def _published(pdf: Path) -> list[list[str]]:
    """The 项目支出表's body rows as the PDF prints them (cells by column; 合 计 read 合计)."""
    table = import_files([pdf], None).imported.tables[role("projects")]
    return [_texts(cells) for cells in published_cells(table) if any(cells)]


def _table(source: Path, layout: Path) -> Table:
    document = document_for(prepare(source, draft=True), draft=True, layout=layout)
    return next(b for b in document.blocks if isinstance(b, Table) and b.id.startswith(role("projects")))


def _rendered(source: Path, layout: Path) -> list[list[str]]:
    return [_texts(cells) for cells in rendered_cells(_table(source, layout))]


def _figures(rows: list[list[str]]) -> dict:
    """Each figure by its row's label, the how-many-th of that label and its column from the first of figures — as
    bench/learned_tables.py places them."""
    return _table_figures(rows)


def _columns(layout: Path) -> list[str]:
    data = yaml.safe_load((layout / "版式.yaml").read_text(encoding="utf-8"))
    return data["表格"][role("projects")]["列"]


def test_yantai_lists_one_name_for_several_units_projects_as_printed(tmp_path) -> None:
    """烟台市大数据局 2026 表11 (p. 24): 实施公车统管费用 5.00 and 1.00 (two units', which the table does not say), between
    them 政务基础设施运行维护资金 6,000.00 特定目标类: four projects, each its line, in the published cells. Before: no
    list written (the name printed twice), no 项目支出表 in the draft."""
    source, layout = _imported(tmp_path, DASHUJU)
    assert _columns(layout) == YANTAI_COLUMNS
    projects = yaml.safe_load(source.read_text(encoding="utf-8"))["支出"]["项目"]
    assert [(p["名称"], p.get("印于")) for p in projects] == [
        ("实施公车统管费用", "第5页 第9行"), ("政务基础设施运行维护资金", None), ("市大数据中心工作经费", None),
        ("实施公车统管费用", "第5页 第12行")]  # the fixture's page 5 (the document's p. 24)
    assert _rendered(source, layout) == _published(DASHUJU)
    assert ["实施公车统管费用", "其他运转类", "1.00", "1.00", "1.00", "", "", "", "", "", ""] in _rendered(source, layout)
    # the header as printed: 财政拨款 a band over its 小计 and three funds, the other columns down both rows
    header = [[(c.text, c.colspan, c.rowspan) for c in row.cells] for row in _table(source, layout).header]
    assert header[0][2:5] == [("合计", 1, 2), ("财政拨款", 4, 1), ("财政专户管理资金", 1, 2)]
    assert [text for text, _, _ in header[1]] == ["小计", "一般公共预算", "政府性基金预算", "国有资本经营预算"]


def test_yantai_funds_beside_each_projects_total_print_in_their_columns(tmp_path) -> None:
    """烟台市文化和旅游局 2026 表11 (pp. 28–29): 34 projects over two pages, 实施公车统管费用 seven times, a name wrapped
    onto a second line, funds beside the 合计 (市博物馆免费开放经费 692.85 = 一般公共预算 667.85 + 单位资金 25.00;
    市博物馆业务经费 2,500.00 of 财政专户管理资金 alone; 考古经费 54.24 of 上年结转): the draft's table is the published
    one, row by row and cell by cell (合计 9,798.66 | 6,743.42 | 6,743.42 | … | 2,500.00 | 501.00 | | 54.24)."""
    source, layout = _imported(tmp_path, WENLV)
    assert _columns(layout) == YANTAI_COLUMNS
    published, rendered = _published(WENLV), _rendered(source, layout)
    assert len(published) == 35 and rendered == published
    assert rendered[0] == ["合计", "", "9,798.66", "6,743.42", "6,743.42", "", "", "2,500.00", "501.00", "", "54.24"]


@pytest.mark.slow
@pytest.mark.parametrize("name, units", [("zj-hangzhou-qixiang-2026-dept-budget", 2),
                                         ("zj-huzhou-caizhengju-2026-dept-budget", 4)])
def test_zhejiang_lists_each_projects_unit_in_its_column(tmp_path, name, units) -> None:
    """杭州市气象局 2026 表10 (p. 24) and 湖州市财政局 2026 表10 (p. 31): 单位名称 | 项目名称 | 总计 | 一般公共预算 | … | 单位资金
    — each project's unit is its 单位名称, not part of its name (杭州市气象局 气象业务建设 1,097.02 = 1,002.10 + 94.92 of
    单位资金), and the draft's table is the published one, cell by cell. Before: the unit and the name one label, the
    funds not printed."""
    pdf = FRESH / f"{name}.pdf"
    source, layout = _imported(tmp_path, pdf)
    assert _columns(layout) == ZHEJIANG_COLUMNS
    projects = yaml.safe_load(source.read_text(encoding="utf-8"))["支出"]["项目"]
    assert len({p["单位名称"] for p in projects}) == units and not any(p["单位名称"] in p["名称"] for p in projects)
    published = _figures(_published(pdf))
    assert len(published) >= 11 and _figures(_rendered(source, layout)) == published


def test_a_list_beyond_the_project_spending_is_told_once() -> None:
    """烟台市文化和旅游局 2026: 表11's 合计 9,798.66 holds a 考古经费 54.24 of 上年结转 that 表3's 项目支出 9,744.42 does
    not. The import tells it as the tables' difference; now that the list is written, check's R-项目支出一致 finds the
    same slip in the source — not told a second time."""
    from reportgen.review.documents import review_document

    result = review_document(WENLV, None)
    assert [d for d in result.imported.differences if "9,798.66" in d and "9,744.42" in d]
    assert [f.message for f in result.checks if f.rule == "R-项目支出一致"] == []


CHANGCHUN = "jl-changchun-xinfangju-2026-dept-budget"
CHANGCHUN_COLUMNS = ["项目名称", "单位名称", "合计", "一般公共预算", "政府性基金", "国有资本经营", "上年结转一般公共预算",
                     "上年结转政府性基金", "上年结转国有资本经营", "财政专户管理资金", "单位资金"]


@pytest.mark.slow  # 长春 (fresh1) imported with --learn-layout (shared with test_learned_layout) and its 预算表9 read again
@pytest.mark.parametrize("carried, printed", [("", "0.00"), ("  上年结转: 12.5\n", "")])
def test_changchun_prints_each_projects_unit_right_of_its_name_and_the_carry_over_by_fund(tmp_path, carried,
                                                                                          printed) -> None:
    """长春市信访局 2026 预算表9 (p. 14), with the mechanism written from 杭州 and 湖州 unchanged: 项目名称 | 项目单位 | 合计 |
    本年财政拨款 (three funds) | 财政拨款结转 (three funds) | 财政专户管理资金 | 单位资金 — its unit column headed 项目单位 and
    printed right of the name (2026 信访专项经费 | 长春市信访局 | 30.00 …). Each project's row in the draft prints the
    published figures in the published cells; the carry-over by fund, which the source does not hold by project, 0.00
    where the department carries none over, blank where it carries some (the same source with 上年结转 12.5), never
    0.00. Before: 项目名称 | 合计 alone, the unit and the funds not printed (36 of the 54 figures)."""
    pdf = FRESH / f"{CHANGCHUN}.pdf"
    source, layout = _imported(tmp_path, pdf)
    assert _columns(layout) == CHANGCHUN_COLUMNS
    projects = yaml.safe_load(source.read_text(encoding="utf-8"))["支出"]["项目"]
    assert [(p["名称"], p["单位名称"]) for p in projects][:2] == [("2026 信访专项经费", "长春市信访局"),
                                                                ("2026 信访接待中心运行费", "长春市信访局")]
    if carried:
        lines = source.read_text(encoding="utf-8").splitlines(keepends=True)
        at = next(i for i, text in enumerate(lines) if text.startswith("收入:")) + 1
        source.write_text("".join([*lines[:at], carried, *lines[at:]]), encoding="utf-8")
    rendered = _rendered(source, layout)
    assert ["2026信访专项经费", "长春市信访局", "30.00", "30.00", "0.00", "0.00", printed, printed, printed, "0.00",
            "0.00"] in rendered
    if not carried:  # every figure of the four projects' rows in its published cell
        published = {key: text for key, text in _figures(_published(pdf)).items() if key[0] == "长春市信访局"}
        figures = _figures(rendered)
        assert len(published) == 36 and {key: figures.get(key) for key in published} == published
