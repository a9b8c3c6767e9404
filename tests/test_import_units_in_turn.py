"""A department's table that prints its own rows, then each of its units' in turn under a 预算单位 column
(issue 54 part 2): 深圳's department of several units (深圳市建筑工务署 2026) prints its 收入总表, 一般公共预算支出表
and “三公” table so — the department's row (or its 2025 年, 2026 年 and 增减变化金额 rows), then 深圳市建筑工务署
（本级）'s and its codes, then the next unit's. The department's rows are read as its table; its units' are set
aside, never the department's, and checked on their own: the department's rows against the sum of its units'
rows of the same name, each unit's row against the 类 under it. A department of one unit prints that unit as
itself (深圳市民政局 2026): its tables are read as ever.

Its text speaks of each unit in a section of its own (“一、市建筑工务署本级 … 项目支出 9,866.11 万元”): a figure
of such a section is a unit's, never judged by the department's tables.

The fixtures are page extracts (pypdf) of published PDFs of /work/shared/corpus (ORIGIN.md there):
深圳市建筑工务署 2026 年部门预算 p. 19 (表2 收入总表), pp. 41–46 (表7 一般公共预算支出表) and pp. 57–58 (表9
财政拨款“三公”经费支出表); 深圳市民政局 2026 pp. 16–22, 26–35."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from reportgen.importing.budget.units_in_turn import departments_part
from reportgen.importing.pipeline import import_files
from reportgen.importing.recognition import catalog as catalogs
from reportgen.importing.recognition.recognize import Table, cell_text, recognize
from reportgen.importing.recognition.rows import body_rows
from reportgen.readers.grid import Cell
from reportgen.readers.published import read_published
from reportgen.review.documents import review_document
from reportgen.review.glossary import unit_forms
from tests.clients import require_program
from tests.learned_import import import_once
from tests.support.national import FIXTURES

GONGWUSHU = FIXTURES / "shenzhen-gongwushu-2026-p19-41-46-57-58.pdf"
MINZHENG = FIXTURES / "shenzhen-minzheng-2026-p16-22-26-35.pdf"
CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"


@pytest.fixture(scope="module", autouse=True)
def _poppler() -> None:
    require_program("pdftotext")


def _tables() -> dict[str, Table]:
    known, _ = recognize(read_published(GONGWUSHU).grids, catalogs.load(None))
    return {table.kind.id: table for table in known}


def _cell(table: Table, text: str, after: int = 0) -> tuple[int, int]:
    return next((r, c) for r, cells in enumerate(table.grid.rows) for c, cell in enumerate(cells)
                if r >= after and cell_text(cell) == text)


def test_the_departments_rows_are_read_and_its_units_set_aside() -> None:
    tables = _tables()
    assert set(tables) == {"收入总表", "一般公共预算支出表", "三公经费支出表"}
    spending = departments_part(tables["一般公共预算支出表"])
    assert spending is not None
    own, aside = spending
    rows = body_rows(own, problems=[])
    assert len(rows) == 1 and rows[0].total and rows[0].amounts["合计"].value == Decimal("33934.54")
    # 4 units, each over its 类: what does not add up is the rounding of figures printed to 0.01 万元
    assert aside.differences == [] and aside.tails == 4
    assert aside.units[0] == "深圳市建筑工务署（本级）" and len(aside.units) == 4
    assert "第2页 第5行" not in aside.places and "第2页 第6行" in aside.places  # the department's row is read
    three = departments_part(tables["三公经费支出表"])
    assert three is not None
    assert [row.label for row in body_rows(three[0], problems=[])] == ["2025年", "2026年", "增减变化金额"]
    assert three[1].differences == []


def test_the_table_measure_counts_the_units_rows_the_import_set_aside() -> None:
    """bench.learned_tables: 深圳市建筑工务署 2026's 一般公共预算支出表 prints the department's row, then each of its
    4 units' rows and codes; the import cuts the table to the department's row and sets the units' aside. The
    measure's published side is the table as printed, the units' rows with it: it counted the department's row
    alone, and every unit's figure the render printed as one “多出” (人社局 1,878, 水务局 1,279, 工务署 499)."""
    from bench.learned_tables import _table_figures, published_rows

    cut = departments_part(_tables()["一般公共预算支出表"])
    assert cut is not None
    own, aside = cut
    figures = _table_figures(published_rows(own, aside.parts))
    assert figures[("深圳市建筑工务署", 0, 0)] == "33,934.54"
    assert figures[("深圳市建筑工务署(本级)", 0, 0)] == "14,480.17"
    assert len(figures) > 3 * len(aside.units) * 3 and len(_table_figures(published_rows(own))) == 3


def test_a_units_figure_that_does_not_add_up_is_told_as_the_units() -> None:
    table = _tables()["一般公共预算支出表"]
    row, col = _cell(table, "14,480.17")  # 深圳市建筑工务署（本级）'s row, its 合计
    table.grid.rows[row][col] = Cell(Decimal("14490.17"), "14,490.17")
    cut = departments_part(table)
    assert cut is not None
    told = cut[1].differences
    assert len(told) == 2, told  # the department's 合计 against its units', the unit's against its 类
    assert any("部门的合计行（合计） 印作 33,934.54，而各单位的组成部分之和为 33,944.54" in line for line in told)
    assert any("深圳市建筑工务署（本级）（合计） 印作 14,490.17" in line for line in told)
    assert all("各单位的行没有写入源文件" in line for line in told)


def test_a_units_year_row_is_checked_against_the_departments() -> None:
    table = _tables()["三公经费支出表"]
    row, col = _cell(table, "84.20")  # 深圳市建筑工务署（本级）'s 2026 年 “三公” total
    table.grid.rows[row][col] = Cell(Decimal("85.20"), "85.20")
    cut = departments_part(table)
    assert cut is not None
    assert len(cut[1].differences) == 1 and "部门的2026年行" in cut[1].differences[0], cut[1].differences


def test_the_import_reads_the_departments_figures_never_a_units() -> None:
    result = import_files([GONGWUSHU], None)
    assert {"收入总表", "一般公共预算支出表", "三公经费支出表"} <= set(result.imported.tables)
    assert result.differences == []
    three = result.imported.rows["三公经费支出表"]
    assert [row.amounts["因公出国（境）费·一般公共预算"].value for row in three] == \
        [Decimal("72.00"), Decimal("77.20"), Decimal("5.20")]  # the department's, never 本级's (72.00, 77.20, 5.20 too)
    assert [row.amounts["公务接待费·一般公共预算"].value for row in three][1] == Decimal("1.00")
    assert [row.amounts["“三公”合计·一般公共预算"].value for row in three] == \
        [Decimal("117.42"), Decimal("100.22"), Decimal("-17.20")]  # 本级's are 79.00, 84.20, 5.20
    assert sum(1 for note in result.notes if "先印部门的行" in note) == 3
    assert not result.imported.unsure


def test_a_department_of_one_unit_is_read_as_ever() -> None:
    known, _ = recognize(read_published(MINZHENG).grids, catalogs.load(None))
    assert known and all(departments_part(table) is None for table in known)
    assert not [note for note in import_files([MINZHENG], None).notes if "先印部门的行" in note]


def test_a_units_names_as_a_text_gives_them() -> None:
    forms = unit_forms(("深圳市建筑工务署（本级）", "深圳市深圳河湾流域管理中心（深圳市治理深圳河办公室）"), "深圳市建筑工务署")
    assert "本级" in forms and "深圳市深圳河湾流域管理中心" in forms
    assert "深圳市建筑工务署" not in forms  # the department's own name is no unit's


# the 下属单位 its 机构设置 lists that are in none of its tables' units: 工务署's 教育工程管理中心, which its text says is
# “不纳入部门预算序列范围内”
_NOT_UNITS = {"gongwushu": ["市建筑工务署教育工程管理中心"], "shuiwu": [], "renshe": []}


@pytest.mark.parametrize("name", ["gongwushu", "shuiwu", "renshe"])
def test_a_department_of_several_units_is_reviewed_its_units_sections_not_judged_by_its_tables(name: str) -> None:
    """深圳市建筑工务署, 水务局 and 人力资源和社会保障局 2026: reviewed, nothing told. “（五）项目支出 9,866.11 万元” under
    “一、市建筑工务署本级” is 本级's, never the department's 13,210.64; 水务局's “十、深圳市深圳河湾流域管理中心（深圳市
    治理深圳河办 / 公室）” is that unit's section though its heading wraps; 人社局's text prints 571,347.93 for its
    支出, its tables 基本支出 136,131.77 and 项目支出 435,216.17 (571,347.94): the rounding of two figures.
    Its 机构设置 lists each unit with what it comprises (“2.深圳市劳动人事争议仲裁院下设办公室、……，共 6 个部门。”): the
    unit's name ends at 下设, and is its tables' unit also as “市建筑工务署工程管理中心” (深圳市 left out) and
    “深圳城市职业学院（深圳技师学院）” (the tables' 深圳技师学院) — no R-单位 (32 false before). 人社局's 30217 公务接待费
    24.24 is 12 units' rows added, each rounded: within their 尾数 of the “三公” 公务接待费 24.23 (no R-三公经费)."""
    document = CORPUS / f"gd-shenzhen-{name}-2026-dept-budget.pdf"
    if not document.exists():
        pytest.skip("the national corpus (../shared/corpus) is not here")
    review = review_document(document, None)
    assert review.unreviewed == "" and review.read is not None and review.read.enough
    assert review.narrative is not None and not review.narrative.disagreements()
    assert review.imported is not None and review.imported.differences == []
    told = [f.message for f in review.checks if f.rule == "R-单位"]
    assert len(told) == len(_NOT_UNITS[name]) and all(any(f"“{u}”" in t for t in told) for u in _NOT_UNITS[name]), told
    assert not [f.message for f in review.checks if f.rule == "R-三公经费"]


def _corpus(name: str) -> Path:
    document = CORPUS / f"gd-shenzhen-{name}-2026-dept-budget.pdf"
    if not document.exists():
        pytest.skip("the national corpus (../shared/corpus) is not here")
    return document


def test_a_department_whose_tables_print_its_units_in_turn_is_written_as_its_units() -> None:
    """深圳市建筑工务署 2026 (the whole document: its 收支总表 gives the department's own 收入): each unit's rows of its
    收入总表, 支出总表, fund tables and 基本支出 table read as that unit's own tables — the source a department of four
    units (单位), each unit's 收入 and 功能分类 as printed (本级: 一般公共预算拨款 14,480.17, 2150301 行政运行 基本支出
    2,817.46), the department's own 收入 and 支出 not written again (the render adds its units up); its “三公” as the
    department's. The text written reads back as the value the import checks (emit.py, emit_tree.py)."""
    from reportgen.reading.yamlsafe import parse_yaml
    from tests.test_import_readback import differences

    result = import_files([_corpus("gongwushu")], None)
    tree = result.imported.tree
    assert "收入" not in tree and "三公经费" in tree
    units = tree["单位"]
    assert [unit["名称"].value for unit in units] == ["深圳市建筑工务署（本级）", "深圳市建筑工务署文体和水务工程管理中心",
                                                   "深圳市建筑工务署工程管理中心", "深圳市建筑工务署工程设计管理中心"]
    own = units[0]
    assert own["收入"]["一般公共预算拨款"].value == Decimal("14480.17")
    rows = {row["科目"].value: row for row in own["支出"]["功能分类"]}
    assert rows[2150301]["基本支出"].value == Decimal("2817.46") and rows[2150301]["项目支出"].value == 0
    assert sum(1 for note in result.notes if "按单位写入" in note) == 1
    made = result.source.made()
    assert made is not None and differences(made, parse_yaml(result.source.text.encode("utf-8"), "x")) == []


def test_units_that_do_not_add_up_to_the_department_are_not_written_as_it() -> None:
    """The extract (no 收支总表: the department's 收入 not read) — the units' 收入 do not make the department's figures
    read: its own rows alone are read, as ever, and the import says why."""
    result = import_files([GONGWUSHU], None)
    assert "单位" not in result.imported.tree
    assert any("没有按单位写入" in note and "只读入部门的行" in note for note in result.notes)


def test_a_department_of_units_prints_its_own_lines_as_its_summary_tables_print_them(tmp_path: Path, capsys) -> None:
    """深圳市人力资源和社会保障局 2026, a department of 21 units: its 收支总表 and 财政拨款收支总表 print its own lines, each
    rounded from 元 on its own — 2050303 技校教育 83,767.29 (财政拨款 65,004.88), 本年支出合计 571,347.93 — a 尾数 from its
    units' rows as printed (83,767.28, 65,004.87, 571,347.95). The import writes them as printed (印出合计.收支总表,
    印出合计.财政拨款收支总表, by code), the render prints them in those tables, 支出总计 summed from 本年支出合计 as
    printed; one typed beyond its 尾数 is R-印出合计, and the rows' sum is printed."""
    import yaml

    from reportgen import cli
    from reportgen.docmodel.document import Table as Rendered
    from reportgen.runners.render import document_for, prepare

    source, layout = import_once(tmp_path, _corpus("renshe"))
    printed = yaml.safe_load(source.read_text(encoding="utf-8"))["印出合计"]
    assert printed["收支总表"][2050303] == 83767.29 and printed["收支总表"]["合计"] == 571347.93
    assert printed["财政拨款收支总表"][2050303] == 65004.88

    def cells(path: Path, kind: str) -> list[str]:
        document = document_for(prepare(path, draft=True), draft=True, layout=layout)
        table = next(b for b in document.blocks if isinstance(b, Rendered) and b.id.split("-")[0] == kind)
        return [cell.text for row in table.body for cell in row.cells]

    summary = cells(source, "收支总表")
    assert summary[summary.index("技校教育") + 1] == "83,767.29"
    assert summary[summary.index("本年支出合计") + 1] == "571,347.93"
    assert summary[summary.index("支出总计") + 1] == "571,347.93"
    fiscal = cells(source, "财政拨款收支总表")
    assert fiscal[fiscal.index("技校教育") + 1] == "65,004.88"
    typed = tmp_path / "typed.yaml"
    typed.write_text(source.read_text(encoding="utf-8").replace("2050303: 83767.29", "2050303: 83777.29"), encoding="utf-8")
    cli.main(["check", str(typed)])
    assert "[R-印出合计] 收支总表的 2050303 行合计印作 83,777.29万元，其下各行为 83,767.28万元" in capsys.readouterr().out
    summary = cells(typed, "收支总表")
    assert summary[summary.index("技校教育") + 1] == "83,767.28"


def test_a_department_of_units_prints_each_units_spending_beside_its_projects(tmp_path: Path) -> None:
    """深圳市人力资源和社会保障局 2026's 支出总表 prints, for the department and each unit's row and its function lines,
    事业单位经营支出 | 对附属单位补助支出 | 上缴上级支出 beside 项目支出 (0.00 in each). The import writes them on each
    unit's function rows; the department's rows, its units' summed, lost them, so the render printed the three
    columns on no row (1,317 of the table's published 0.00 printed blank). Now the sum keeps a kind every unit's row
    states, and each unit's rows print the table's columns. Its 2026年政府采购项目 columns too (小计 | 其中预留给中小企业 |
    其中预留给小型、微型企业: 1,317 of the figures, mostly 0.00): a unit's source had no 政府采购, the department's lines
    were not read (the table printed units' lines), so the render printed none; each unit's are now written under it
    (单位[].政府采购.功能分类) and the department's lines are their sum."""
    from reportgen.docmodel.document import Table as Rendered
    from reportgen.runners.render import document_for, prepare

    source, layout = import_once(tmp_path, _corpus("renshe"))
    document = document_for(prepare(source, draft=True), draft=True, layout=layout)
    table = next(b for b in document.blocks if isinstance(b, Rendered) and b.id.split("-")[0] == "支出总表")
    # the department's row: its 政府采购 as its source states it (政府采购.合计, 中小企业), the document's figures — its
    # lines add up to 39,591.55 and 16,279.13, each rounded from 元 on its own
    assert [cell.text for cell in table.body[0].cells][-3:] == ["39,591.53", "16,279.12", "215.07"]
    rows: dict[tuple[str, ...], list[str]] = {}
    for row in table.body:  # the first row of each code and name: 本级's
        rows.setdefault(tuple(cell.text for cell in row.cells[:2]), [cell.text for cell in row.cells[2:]])
    assert rows[("", "深圳市人力资源和社会保障局（本级）")][:9] == ["156,491.01", "14,270.17", "142,220.85", "0.00", "0.00", "0.00",
                                                         "3,916.99", "767.23", "0.00"]
    assert rows[("2050303", "技校教育")][:9] == ["12,695.48", "0.00", "12,695.48", "0.00", "0.00", "0.00", "163.12", "0.00",
                                              "0.00"]


def test_a_department_of_units_prints_its_fund_tables_unit_by_unit(tmp_path: Path) -> None:
    """深圳市人力资源和社会保障局 2026's 一般公共预算支出表, 政府性基金预算支出表 and 表8 一般公共预算支出表（按经济分类）
    print, as its 支出总表, the department's row, then each unit's row and its lines (a unit of no such money its row
    of 0.00). The render printed the department's lines summed, no unit's: 1,155 of the 一般公共预算支出表's figures and
    2,046 of 表8's on no row of the render's (表8 without its 项目支出: a unit's were not read from its source). The
    learned layout says 各单位: 依次 of the tables the import set the units' rows aside of; the render prints them so.
    A layout asking so of a table of all the money (the 支出总表 prints its units by itself) is refused."""
    import yaml

    from reportgen.docmodel.document import Table as Rendered
    from reportgen.runners.render import document_for, prepare
    from reportgen.shaping.layouts import LayoutError, resolve

    source, layout = import_once(tmp_path, _corpus("renshe"))
    tables = yaml.safe_load((layout / "版式.yaml").read_text(encoding="utf-8"))["表格"]
    assert tables["一般公共预算支出表"]["各单位"] == "依次" and tables["政府性基金预算支出表"]["各单位"] == "依次"
    document = document_for(prepare(source, draft=True), draft=True, layout=layout)

    def rows(kind: str) -> list[list[str]]:
        table = next(b for b in document.blocks if isinstance(b, Rendered) and b.id.split("-")[0] == kind)
        return [[cell.text for cell in row.cells] for row in table.body]

    general = rows("一般公共预算支出表")
    own = next(at for at, row in enumerate(general) if row[1] == "深圳市人力资源和社会保障局（本级）")
    # its 基本支出 its lines' sum, 14,270.16: the document prints 14,270.17, rounded from 元 on its own
    assert general[own][2:] == ["150,489.93", "14,270.16", "136,219.77"]
    assert general[own + 1][:3] == ["205", "教育支出", "13,184.10"]
    basic = rows("一般公共预算基本支出表")  # 表8 一般公共预算支出表（按经济分类）: 支出总计 | 基本支出 | 项目支出
    own = next(at for at, row in enumerate(basic) if row[1] == "深圳市人力资源和社会保障局（本级）")
    # its 合计 row as its 一般公共预算支出表 printed it (印出合计: its lines add up to 535,744.36, 132,061.74, 403,682.62);
    # a unit's row its lines added (本级 基本支出 14,270.16: the document prints 14,270.17, rounded from 元 on its own)
    assert basic[0][:4] == ["深圳市人力资源和社会保障局", "535,744.34", "132,061.73", "403,682.60"]
    assert basic[own][2:5] == ["150,489.93", "14,270.16", "136,219.77"]
    assert tables["一般公共预算基本支出表"]["各单位"] == "依次"
    funds = rows("政府性基金预算支出表")
    assert ["", "深圳技师学院", "0.00", "0.00", "0.00"] in funds and len(funds) == 22
    folder = tmp_path / "版式"
    folder.mkdir()
    (folder / "版式.yaml").write_text("名称: 试\n基于: 默认\n表格:\n  支出总表: {各单位: 依次}\n", encoding="utf-8")
    with pytest.raises(LayoutError, match="各单位"):
        resolve(folder)


def test_a_department_of_units_prints_each_units_three_public_rows(tmp_path: Path) -> None:
    """深圳市人力资源和社会保障局 2026's 财政拨款“三公”经费支出表 prints, in a 预算单位 column, the department's 2025 年,
    2026 年 and 增减变化金额 rows, then each unit's (1,134 of its figures; 本级: 2025 年 26.90, 2026 年 163.92, 增减
    137.02). A unit's source had no 三公经费: the render printed the department's rows alone. Each unit's rows are now
    written under it (单位[].三公经费: 按资金, 上年按资金), the learned layout says 各单位: 依次 of the table, and the
    render prints each unit's rows under its name; a layout asking so of a turned “三公” table is refused."""
    import yaml

    from reportgen.docmodel.document import Table as Rendered
    from reportgen.runners.render import document_for, prepare
    from reportgen.shaping.layouts import LayoutError, resolve

    source, layout = import_once(tmp_path, _corpus("renshe"))
    units = yaml.safe_load(source.read_text(encoding="utf-8"))["单位"]
    assert units[0]["三公经费"]["按资金"]["合计"]["一般公共预算"] == 163.92
    assert yaml.safe_load((layout / "版式.yaml").read_text(encoding="utf-8"))["表格"]["三公经费支出表"]["各单位"] == "依次"
    document = document_for(prepare(source, draft=True), draft=True, layout=layout)
    table = next(b for b in document.blocks if isinstance(b, Rendered) and b.id.split("-")[0] == "三公经费支出表")
    rows = [[cell.text for cell in row.cells] for row in table.body]
    assert rows[0][:3] == ["深圳市人力资源和社会保障局", "2025年", "179.23"] and len(rows) == 3 * 22
    assert rows[3][:6] == ["深圳市人力资源和社会保障局（本级）", "2025年", "26.90", "0.00", "0.00", "0.00"]
    assert rows[4][:3] == ["", "2026年", "163.92"] and rows[5][:3] == ["", "增减变化金额", "137.02"]
    folder = tmp_path / "版式"
    folder.mkdir()
    (folder / "版式.yaml").write_text("名称: 试\n基于: 默认\n表格:\n  三公经费支出表: {各单位: 依次, 纵排: [合计]}\n",
                                      encoding="utf-8")
    with pytest.raises(LayoutError, match="各单位"):
        resolve(folder)


def test_a_sentence_about_a_unit_prints_that_units_own_figures(tmp_path: Path) -> None:
    """深圳市人力资源和社会保障局 2026 states each unit's budget in its text, under the unit's heading: “深圳市劳动人事
    争议仲裁院预算4,720.86万元，包括在职人员经费2,215.05万元、公用经费163.75万元、对个人和家庭的补助支出93.01万元、
    增人增资支出100.00万元、项目支出2,149.05万元。” Its 支出, 公用经费, 303 and 项目支出 are the unit's own (单位, the
    source's), never the department's; its 在职人员经费 and 增人增资支出, which no table prints, are written under the
    unit (单位[].正文金额), each unit's its own — the department's 正文金额 held one amount a name, the first unit's, and
    every other unit's sentence stayed as printed. The draft prints the sentence from those fields: the unit's
    正文金额 edited, the sentence prints the officer's figure."""
    import yaml

    from reportgen.docmodel.document import Paragraph
    from reportgen.runners.render import document_for, prepare

    source, layout = import_once(tmp_path, _corpus("renshe"))
    unit = "深圳市劳动人事争议仲裁院"
    written = yaml.safe_load(source.read_text(encoding="utf-8"))
    own = next(item for item in written["单位"] if item["名称"] == unit)
    assert own["正文金额"] == {"在职人员经费": {"本年": 2215.05}, "增人增资支出": {"本年": 100}}
    learned = (layout / "学到的措辞.j2").read_text(encoding="utf-8")
    assert f"包括在职人员经费{{{{ (b.unit('{unit}').narrative('在职人员经费').current)|printed('万元', 2) }}}}万元" in learned
    assert f"公用经费{{{{ (f.unit('{unit}').public)|printed('万元', 2) }}}}万元" in learned
    sentence = (f"{unit}预算4,720.86万元，包括在职人员经费2,215.05万元、公用经费163.75万元、对个人和家庭的补助支出"
                "93.01万元、增人增资支出100.00万元、项目支出2,149.05万元。")

    def printed(path: Path) -> str:
        document = document_for(prepare(path, draft=True), draft=True, layout=layout)
        return "".join("".join(b.text.split()) for b in document.blocks if isinstance(b, Paragraph))

    assert sentence in printed(source)
    text = source.read_text(encoding="utf-8")
    at = text.index(f"名称: {unit}")
    edited = tmp_path / "edited.yaml"
    edited.write_text(text[:at] + text[at:].replace("本年: 2215.05", "本年: 2216.05", 1), encoding="utf-8")
    assert sentence.replace("2,215.05", "2,216.05") in printed(edited)
