"""印出表 holding a form (issue 80: the performance target forms no kind of reportgen's prints): a table of label and
value cells, each spanning the columns and rows it spans on the page — {文字, 跨列, 跨行} among a row's cells, the
header's form, and no header at all — checked to cover the table's columns row by row, printed merged in every
format, rolled over with its amounts 待填写; and read so from the lines the page draws between its cells
(readers/pdf/tables/ruled_forms.py), a numbered one held by the import and printed in its place.

Written from 北京市审计局 2026's 预算13表 and 西安市行政审批服务局 2025's 表15 (部门整体支出绩效目标表), shown unchanged on
烟台市民政局 2026's 专项资金绩效目标表 (held by hand) and 泉州市政府办 2026's project forms (read from the page)
(tests/fixtures/held_forms: each form transcribed from the published page, its columns those of the page's rules)."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest

from reportgen import cli
from reportgen.docmodel.document import Table
from reportgen.reading.yamlsafe import load_yaml
from reportgen.runners.render import document_for, prepare
from tests.learned_import import fresh_pdf, import_once

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data" / "shenzhen-yantian-zgh-2022.yaml"  # a source with no 印出表, the form added to it
FORMS = ROOT / "tests" / "fixtures" / "held_forms"
BEIJING, XIAN, YANTAI = ("bj-shenjiju-2026-yusuan13.yaml", "xian-xingzhengshenpi-2025-biao15.yaml",
                         "yantai-minzhengju-2026-zhuanxiang.yaml")


def _with_form(folder: Path, name: str, edit: tuple[str, str] | None = None) -> Path:
    """DATA with the form ``name`` held as its 印出表 (``edit``: a text of the form replaced by another), in ``folder``."""
    form = (FORMS / name).read_text(encoding="utf-8")
    if edit is not None:
        assert edit[0] in form
        form = form.replace(edit[0], edit[1], 1)
    source = folder / "s.yaml"
    source.write_text(DATA.read_text(encoding="utf-8") + "\n" + form, encoding="utf-8")
    return source


def _form_table(source: Path) -> Table:
    prepared = prepare(source, draft=True)
    assert not [f for f in prepared.findings if f.rule == "R-印出表"]
    document = document_for(prepared, draft=True, layout="默认")
    return next(b for b in document.blocks if isinstance(b, Table) and b.id.startswith("印出表"))


def _grid(table: Table) -> list[list[str]]:
    """Each row of the table's body as the columns it covers: a cell's text in each column and row it spans (a column
    left uncovered None, one covered twice a failure)."""
    width = sum(cell.colspan for cell in table.body[0].cells)
    grid: list[list[str | None]] = [[None] * width for _ in table.body]
    for number, row in enumerate(table.body):
        col = 0
        for cell in row.cells:
            while col < width and grid[number][col] is not None:
                col += 1
            for below in range(number, number + cell.rowspan):
                for spanned in range(col, col + cell.colspan):
                    assert grid[below][spanned] is None, (cell.text, below, spanned)
                    grid[below][spanned] = cell.text
            col += cell.colspan
    assert all(text is not None for row in grid for text in row)
    return grid  # type: ignore[return-value]


@pytest.mark.parametrize("name, width, placed", [
    # 北京: 总体资金情况 two columns wide and three rows high beside its amounts (as printed, 32,852.053832); the left
    # column's 整体绩效目标 down the 18 rows under it, the goal's paragraph across the seven columns right of its label
    (BEIJING, 9, {(1, 0): "总体资金情况（万元）", (3, 1): "总体资金情况（万元）", (3, 2): "32,852.053832",
                  (3, 7): "", (3, 8): "50.117193", (21, 0): "整体绩效目标", (4, 8): "坚持以习近平",
                  (21, 5): "≤", (21, 7): "340"}),
    # 西安: 年度主要任务 down the five rows of its tasks, 执行率分值 beside them; 预算金额 over 总额, 财政拨款 and
    # 其他资金; 年度绩效指标 down the seven rows of the indicators, 三级指标 across three columns
    (XIAN, 8, {(1, 0): "年度主要任务", (5, 0): "年度主要任务", (5, 7): "执行率分值（10分）", (2, 5): "财政拨款",
               (1, 4): "预算金额（万元）", (1, 6): "预算金额（万元）", (5, 3): "金额合计", (5, 4): "5,093.76万元", (6, 7): "创新政务服务",
               (13, 0): "年度绩效指标", (9, 1): "产出指标", (11, 1): "产出指标", (13, 5): "企业群众办事满意度",
               (13, 6): "≥95%"}),
    # 烟台 (not written from): 年度绩效指标 down twelve rows, 产出指标 down six, 数量指标 down three; its
    # 2149.09 as printed (no separators) across two columns
    (YANTAI, 5, {(2, 3): "2149.09", (2, 4): "2149.09", (5, 0): "年度绩效指标", (16, 0): "年度绩效指标",
                 (12, 1): "产出指标", (9, 2): "数量指标", (4, 4): "主要政策任务", (16, 4): "≥90%"}),
])
def test_a_form_is_held_with_its_cells_spanning_as_printed(tmp_path, name, width, placed) -> None:
    """Each published form, held as its page prints it, is printed with every cell where the page has it: each row
    covering the table's columns exactly, each label and value in the columns and rows it spans."""
    table = _form_table(_with_form(tmp_path, name))
    assert table.header == [] and len(table.widths) == width
    grid = _grid(table)
    assert all(len(row) == width for row in grid)
    for (row, col), text in placed.items():
        assert grid[row][col].startswith(text) if text else grid[row][col] == "", (row, col, grid[row][col])


def test_a_form_is_merged_alike_in_docx_html_and_xlsx(tmp_path) -> None:
    """北京's 预算13表 in each format: its goal's paragraph across seven columns, the left column's 整体绩效目标 down
    eighteen rows — HTML colspan and rowspan, DOCX gridSpan and vMerge, XLSX merged ranges (PDF is the DOCX printed)."""
    openpyxl = pytest.importorskip("openpyxl")
    import docx

    from reportgen.runners.render import render_source

    source = _with_form(tmp_path, BEIJING)
    out = tmp_path / "out"
    assert render_source(source, out, formats=("docx", "html", "xlsx"), draft=True, layout="默认").outputs
    html = (out / "s.html").read_text(encoding="utf-8")
    assert re.search(r'<td colspan="7"[^>]*>坚持以习近平', html) and re.search(r'<td rowspan="18"[^>]*>整体绩效目标<', html)
    texts = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}t"
    table = next(t for t in docx.Document(str(out / "s.docx")).tables if "北京市审计局" in str(t._tbl.xml))
    cells = [("".join(t.text or "" for t in tc.iter(texts)), tc.grid_span, tc.vMerge) for tr in table._tbl.tr_lst
             for tc in tr.tc_lst]
    assert ("部门名称", 2, None) in cells and ("北京市审计局", 7, None) in cells
    # 整体绩效目标 continued down 17 rows, 预算支出总额 down one, 总体资金情况 (two columns) down two
    assert ("整体绩效目标", 1, "restart") in cells and cells.count(("", 1, "continue")) == 17 + 1
    assert cells.count(("", 2, "continue")) == 2
    book = openpyxl.load_workbook(out / "s.xlsx")
    sheet = next(s for s in book.worksheets if any(c.value == "北京市审计局" for r in s.iter_rows() for c in r))
    merged = {str(sheet.cell(m.min_row, m.min_col).value)[:6]: (m.max_col - m.min_col + 1, m.max_row - m.min_row + 1)
              for m in sheet.merged_cells.ranges}
    assert merged["总体资金情况"] == (2, 3) and merged["坚持以习近平"] == (7, 1) and merged["整体绩效目标"] == (1, 18)


def test_a_form_printed_without_a_number_is_printed_without_one_in_every_format(tmp_path) -> None:
    """烟台's 专项资金绩效目标表 prints no number (held with no 表号), 北京's 预算13表 held after it: the draft printed the
    form as 表11 (a number the source does not print) and 北京's as 表12. The neutral document gives the form none and
    counts on past it — 北京's is 表11 — so that no format prints one (HTML and XLSX here; DOCX and PDF alike)."""
    openpyxl = pytest.importorskip("openpyxl")
    from reportgen.runners.render import render_source

    source = _with_form(tmp_path, YANTAI)
    source.write_text(source.read_text(encoding="utf-8")
                      + (FORMS / BEIJING).read_text(encoding="utf-8").split("印出表:\n", 1)[1], encoding="utf-8")
    prepared = prepare(source, draft=True)
    assert not [f for f in prepared.findings if f.rule == "R-印出表"]
    tables = [(b.number, b.title) for b in document_for(prepared, draft=True, layout="默认").blocks
              if isinstance(b, Table)]
    assert tables[-3:] == [("表10", "2022年项目支出表"), ("", "专项资金绩效目标表"), ("表11", "部门整体支出绩效目标表")]
    out = tmp_path / "out"
    assert render_source(source, out, formats=("html", "xlsx"), draft=True, layout="默认").outputs
    html = re.sub(r"<[^>]+>", "", (out / "s.html").read_text(encoding="utf-8"))
    assert "专项资金绩效目标表" in html and not re.search(r"表1[12]\s*专项资金绩效目标表", html) and "表12" not in html
    book = openpyxl.load_workbook(out / "s.xlsx")
    texts = [str(c.value) for s in book.worksheets for r in s.iter_rows() for c in r if c.value is not None]
    texts += [s.title for s in book.worksheets]
    assert any("专项资金绩效目标表" in t for t in texts) and not any("表12" in t for t in texts)


def test_rollover_keeps_a_forms_cells_and_asks_for_its_amounts(tmp_path, capsys) -> None:
    """Next year's source keeps 烟台's form, each cell with its spans; its amount — 2149.09 across two columns — is
    待填写, and check asks for it at its line (北京's amounts, cells of one column, likewise)."""
    for name, amounts in ((YANTAI, 1), (BEIJING, 6), (XIAN, 6)):
        folder = tmp_path / name.split("-")[0]
        folder.mkdir()
        source = _with_form(folder, name)
        rolled = folder / "next.yaml"
        assert cli.main(["rollover", str(source), "-o", str(rolled)]) == 0
        [table] = load_yaml(rolled)["印出表"]
        held = load_yaml(source)["印出表"][0]
        assert len(table["行"]) == len(held["行"]) and table["行"][0] == held["行"][0]
        written = [cell for row in held["行"] for cell in row
                   if isinstance(cell, Decimal) or isinstance(cell, dict) and isinstance(cell["文字"], Decimal)]
        assert len(written) == amounts
        if name == XIAN:  # an amount printed with its unit (2,080.76万元): asked for, its unit kept
            assert table["行"][3][2:] == [{"文字": "待填写", "单位": "万元"}] * 2 + [""]
        if name == YANTAI:
            assert table["行"][2] == [{"文字": "年度预算资金（万元）", "跨列": 3}, {"文字": "待填写", "跨列": 2}]
            assert table["行"][7] == [{"文字": "产出指标", "跨行": 6}, {"文字": "数量指标", "跨行": 3}, "基本殡葬费用减免完成率", "1"]
        capsys.readouterr()
        assert cli.main(["check", str(rolled)]) == 1
        asked = [line for line in capsys.readouterr().out.splitlines() if "印出表[1].行" in line]
        assert len(asked) == amounts and all("待填写" in line and line.startswith(f"{rolled}:") for line in asked)


@pytest.mark.parametrize("name, written, edited, row, told", [
    # 金额合计 written across two columns, not three: the row leaves its last column uncovered
    (XIAN, '{文字: "金额合计", 跨列: 3}', '{文字: "金额合计", 跨列: 2}', 6, "行第 6 行的格只占到第 6 栏，还空着 1 栏"),
    # 年度主要任务 written six rows high: into the row of 年度总体目标, whose label would stand where it spans
    (XIAN, '{文字: "年度主要任务", 跨行: 5}', '{文字: "年度主要任务", 跨行: 6}', 7, "行第 7 行的“"),
    # 年度绩效指标 written higher than the form's rows
    (YANTAI, '{文字: "年度绩效指标", 跨行: 12}', '{文字: "年度绩效指标", 跨行: 13}', 6, "行第 6 行的“年度绩效指标”跨 13 行，表只有 17 行"),
])
def test_check_refuses_a_forms_cells_that_do_not_cover_its_columns(tmp_path, capsys, name, written, edited, row,
                                                                   told) -> None:
    """A form's 跨列 or 跨行 written wrong by hand: check names the row's line and field and what does not cover the
    table's columns (as its first row covers them), and the form is not printed."""
    source = _with_form(tmp_path, name, (written, edited))
    assert cli.main(["check", str(source)]) == 1
    out = [line for line in capsys.readouterr().out.splitlines() if "R-印出表" in line]
    text = source.read_text(encoding="utf-8").splitlines()
    number = text.index("    行:") + 1 + row
    assert len(out) == 1 and out[0].startswith(f"{source}:{number}:"), out
    assert told in out[0] and f"印出表[1].行[{row}]" in out[0]


def _plain(value: object) -> object:
    """A loaded YAML value as plain lists, dicts and strings (the loader's own types aside)."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value if isinstance(value, Decimal | int) else str(value)


def _fixture_rows(name: str) -> list[object]:
    return _plain(load_yaml(FORMS / name)["印出表"][0]["行"])  # type: ignore[return-value]


def test_the_import_holds_xians_forms_as_the_page_draws_them(tmp_path_factory) -> None:
    """西安's 表14 (a form for each of nine projects), 表15 and 表16: no table of the page reader's, each read from the
    lines drawn between its cells and held as printed — 表15 cell for cell as transcribed from the page (the
    fixture), 表14's nine forms one table under its one number and title — and the layout learned from it prints them
    as 表14, 表15 and 表16 after 表13, as published."""
    source, layout = import_once(tmp_path_factory.mktemp("xian"), fresh_pdf("sn-xian-xingzhengshenpi-2025-dept-budget.pdf"))
    held = {str(item["表号"]): item for item in load_yaml(source)["印出表"]}
    assert {"表14", "表15", "表16"} <= set(held)
    assert _plain(held["表15"]["行"]) == _fixture_rows(XIAN) and "表头" not in held["表15"]
    projects = [row[1] for row in _plain(held["表14"]["行"]) if row[0] == {"文字": "项目名称", "跨列": 3}]
    assert len(projects) == 9 and projects[0] == {"文字": "办公区室外绿化项目", "跨列": 4}
    # its cost indicators printed as amounts with the unit its forms state (资金金额（万元）): amounts, as printed —
    # 12万元, and 1181.512万元 of its seventh form, whose thousands are unseparated (千分位: false, the joined table's)
    costs = [row[3] for row in _plain(held["表14"]["行"]) if row[:2] == ["成本指标", "经济成本"]]
    assert {"文字": Decimal("12"), "单位": "万元"} in costs and {"文字": Decimal("1181.512"), "单位": "万元"} in costs
    assert held["表14"]["千分位"] is False
    prepared = prepare(source, draft=True)
    assert not [f for f in prepared.findings if f.rule == "R-印出表"]
    tables = [(b.number, b.title) for b in document_for(prepared, draft=True, layout=layout).blocks
              if isinstance(b, Table)]
    printed = {cell.text for b in document_for(prepared, draft=True, layout=layout).blocks if isinstance(b, Table)
               and b.number in ("表14", "表15") for row in b.body for cell in row.cells}
    assert {"12万元", "1181.512万元", "2,080.76万元", "5,093.76万元", "≤191.98万元"} <= printed
    at = tables.index(("表14", "部门专项业务经费绩效目标表"))
    assert tables[at - 1][0] == "表13" and tables[at + 1:at + 3] == [("表15", "部门整体支出绩效目标表"),
                                                                 ("表16", "专项资金总体绩效目标表")]


def test_a_form_is_read_from_its_lines_on_a_region_it_was_not_written_from() -> None:
    """泉州市政府办 2026's first project form (page 29, no number, in a document that numbers no table: not held), read as the page draws it: 专项资金情况
    three rows high beside 资金总额 and its 1778.31 across three columns, 绩效目标指标 down the seven rows of its
    indicators, 产出指标 down three."""
    from reportgen.readers.published import read_published

    form = next(grid for grid in read_published(fresh_pdf("fj-quanzhou-zhengfuban-2026-dept-budget.pdf")).forms
                if grid.name == "第29页")
    assert form.form and form.rows[0][0].text == "市级机关保留公务用车委托管理费项目绩效目标表" and form.width == 5
    spans = sorted((form.rows[m.first_row][m.first_col].text[:6], m.last_col - m.first_col + 1,
                    m.last_row - m.first_row + 1) for m in form.merges)
    assert spans == sorted([("专项资金情况", 1, 3), ("1778.3", 3, 1), ("1778.3", 3, 1), ("0.00", 3, 1),
                            ("优化平台驾驶", 4, 1), ("绩效目标指标", 1, 7), ("产出指标", 1, 3)])
    assert [cell.text for cell in form.rows[-1]] == ["", "满意度指标", "服务对象满意度指标", "公车使用单位满意率", "≥90%"]
