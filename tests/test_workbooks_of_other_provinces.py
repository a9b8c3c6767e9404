"""A department's tables exported by another province's budget system import as from its PDF.

Each workbook is built in the test from a published PDF's tables as reportgen reads them
(bench/pdf_as_workbook.py, one of its shapes: --variant), and both files are imported: the source parts
a user relies on hold the same figures. The shapes are those real exports take: several tables one under
another on one sheet, a 栏次 row under the header, header and caption cells wrapped inside the cell
(“部门名称：深圳市\\n民政局（本级）”), 科目编码 in 类 | 款 | 项 columns or joined to the name (“[2080505]机关…”), a
nil printed “-” or “——” (广州's 三公 table, its items down the rows), .xls and .ods.

The fixtures are page extracts (pypdf) of published PDFs of /work/shared/corpus (ORIGIN.md there)."""

from __future__ import annotations

import shutil
from decimal import Decimal
from pathlib import Path

import pytest

from bench.pdf_as_workbook import write_workbook
from reportgen.importing.final.final_accounts import economic_halves, three_public_columns
from reportgen.importing.pipeline import import_files
from reportgen.importing.recognition import catalog as catalogs
from reportgen.importing.recognition.recognize import Table, is_amount, recognize
from reportgen.importing.recognition.rows import amount_of_cell, is_column_numbers
from reportgen.importing.tree import Placed
from reportgen.importing.visible import as_seen
from reportgen.readers.grid import ImportRefused
from reportgen.readers.office.spreadsheets import read_grids
from reportgen.readers.published import read_published
from tests.clients import require_program
from tests.support.national import figures_of

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "import" / "national"
SHENZHEN = FIXTURES / "shenzhen-minzheng-2026-p16-22-26-35.pdf"
FOSHAN = FIXTURES / "foshan-guidaojiaotongju-2019-p5-7-17-21.pdf"  # a 决算: 总表, 基本支出 (pp. 17–20), “三公”
# 预算10表 政府采购预算明细表, 预算11表 财政拨款政府购买服务明细表 (no table of the source's)
BEIJING_PROCUREMENT = FIXTURES / "beijing-shuiwuju-2026-tables-p36-37.pdf"
GUANGZHOU = FIXTURES / "guangzhou-qixiangju-2026-p7-9-17.pdf"
PARTS = ("收入", "支出", "财政拨款支出", "一般公共预算基本支出", "政府性基金支出", "三公经费", "政府采购")


@pytest.fixture(scope="module", autouse=True)
def _poppler() -> None:
    require_program("pdftotext")


@pytest.fixture(scope="module")
def from_pdf() -> dict[Path, dict[str, object]]:
    return {pdf: _parts(pdf) for pdf in (SHENZHEN, GUANGZHOU)}


@pytest.mark.parametrize("variant", ["one-sheet", "column-numbers", "wrapped-header", "split-codes", "code-with-name",
                                     "bracketed-code-name", "title-merged", "title-sheets", "formulas",
                                     "hidden-column", "hidden-row", "header-merged-down", "text-thousands",
                                     "total-moved", "split-codes-as-numbers"])
def test_an_export_of_another_shape_gives_the_pdfs_figures(variant: str, tmp_path: Path,
                                                             from_pdf: dict[Path, dict[str, object]]) -> None:
    book = tmp_path / "深圳市民政局2026年部门预算.xlsx"
    write_workbook(SHENZHEN, book, variant)
    assert _parts(book) == from_pdf[SHENZHEN]
    assert from_pdf[SHENZHEN]["支出"] and from_pdf[SHENZHEN]["收入"]  # the tables were read, not both empty


def test_the_tables_set_one_under_another_on_one_sheet_are_each_read_and_placed(tmp_path: Path) -> None:
    book = tmp_path / "部门预算.xlsx"
    write_workbook(SHENZHEN, book, "one-sheet")
    tables = import_files([book], None).imported.tables
    assert len(tables) == 9
    (sheet,) = read_grids(book, book.read_bytes())
    for table in tables.values():  # the place a figure is told at is its cell in the sheet
        row, col = next((r, c) for r in range(table.body_start, len(table.grid.rows))
                        for c, cell in enumerate(table.grid.rows[r]) if isinstance(cell.value, Decimal))
        place = table.grid.where(row, col)
        assert place.startswith("部门预算表!")
        number = int(place.split("!")[1].lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ"))
        assert sheet.cell(number - 1, col) == table.grid.rows[row][col]
        assert number - 1 > row or table.kind.id == "收支总表"


@pytest.mark.parametrize("shown", ["-", "——", ""])
def test_a_nil_printed_as_a_dash_or_left_empty_is_read_as_nil(shown: str, tmp_path: Path,
                                                            from_pdf: dict[Path, dict[str, object]]) -> None:
    book = tmp_path / "广州市气象局2026年部门预算.xlsx"
    write_workbook(GUANGZHOU, book, {"-": "zero-dash", "——": "zero-long-dash", "": "zero-empty"}[shown])
    parts = _parts(book)
    # 广州's 三公 table prints its items down the rows: the row of a nil item is still that item's; its figures by
    # fund (按资金) are those printed, a nil fund's none (the PDF prints 0.00 there: its 0)
    assert _without_zeros(parts["三公经费"]) == _without_zeros(from_pdf[GUANGZHOU]["三公经费"])
    assert parts["三公经费"]["公务接待费"] == {"本年": Decimal("1.31")}  # type: ignore[index]
    assert parts["三公经费"]["按资金"]["公务接待费"] == {"一般公共预算": Decimal("1.31")}  # type: ignore[index]
    # a nil printed so is no figure: never written as a 0 that was not printed
    assert _without_zeros(parts["支出"]) == _without_zeros(from_pdf[GUANGZHOU]["支出"])


@pytest.mark.parametrize("suffix", ["xls", "ods"])
def test_an_xls_or_ods_export_gives_the_pdfs_figures(suffix: str, tmp_path: Path,
                                                     from_pdf: dict[Path, dict[str, object]]) -> None:
    if shutil.which("soffice") is None:
        pytest.skip("LibreOffice (soffice) converts the workbook")
    book = tmp_path / f"深圳市民政局2026年部门预算.{suffix}"
    write_workbook(SHENZHEN, book, suffix)
    assert _parts(book) == from_pdf[SHENZHEN]


def test_an_export_in_yuan_of_figures_kept_to_hundredths_of_wanyuan_holds_the_pdfs_figures(
        tmp_path: Path, from_pdf: dict[Path, dict[str, object]]) -> None:
    book = tmp_path / "深圳市民政局2026年部门预算（元）.xlsx"
    write_workbook(SHENZHEN, book, "yuan")  # 单位：元, every figure ×10,000
    result = import_files([book], None)
    tree = result.source.tree
    assert figures_of(tree["金额单位"]) == "元" and figures_of(tree["金额精度"]) == 100
    assert {part: _in_wanyuan(figures_of(tree.get(part))) for part in PARTS} == from_pdf[SHENZHEN]
    # the 0.01 万元 tails the PDF prints are tails at 100 元, never told as differences
    assert not result.differences


def _in_wanyuan(node: object, key: str = "") -> object:
    if isinstance(node, dict):
        return {k: _in_wanyuan(value, k) for k, value in node.items()}
    if isinstance(node, list):
        return [_in_wanyuan(value) for value in node]
    return node / 10000 if isinstance(node, Decimal) and key not in ("科目", "政府经济分类") else node


def _parts(path: Path) -> dict[str, object]:
    tree = import_files([path], None).source.tree
    return {part: figures_of(tree.get(part)) for part in PARTS}


def _without_zeros(node: object) -> object:
    """The figures other than 0, a mapping left with none of them gone with them."""
    if isinstance(node, dict):
        kept = {key: _without_zeros(value) for key, value in node.items() if value != 0}
        return {key: value for key, value in kept.items() if value != {}}
    if isinstance(node, list):
        return [_without_zeros(value) for value in node]
    return node


def test_a_sheet_of_thousands_of_tables_is_taken_apart_in_one_pass(tmp_path: Path) -> None:
    """A hostile (or merely huge) sheet: 1,500 tables one under another, each a title, a header and a row. Each table
    was found by scanning the rest of the sheet again — 1,000 tables took 18 s, 3,000 took 157 s; now the scan stops at
    the next two titles, and the sheet is read in a pass (bound generous: a hang guard, not a measure)."""
    import xlsxwriter

    from reportgen.importing.recognition import catalog as catalogs
    from reportgen.importing.recognition.recognize import recognize
    from tests.clocks import cpu_now

    path = tmp_path / "表.xlsx"
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("表")
    for n in range(1500):
        sheet.write_row(3 * n, 0, ["一般公共预算支出表"])
        sheet.write_row(3 * n + 1, 0, ["科目编码", "科目名称", "合计"])
        sheet.write_row(3 * n + 2, 0, ["2010101", "行政运行"])
        sheet.write_number(3 * n + 2, 2, 1.5)
    book.close()
    grids = read_grids(path, path.read_bytes())
    start = cpu_now()
    known, _ = recognize(grids, catalogs.load(None))
    assert cpu_now() - start < 15 and len(known) == 1500


def test_an_export_in_yuan_stated_in_the_title_s_own_cell_holds_the_pdfs_figures(
        tmp_path: Path, from_pdf: dict[Path, dict[str, object]]) -> None:
    """“一般公共预算支出表（按功能分类）（单位：元）”: the unit in the title's cell, no caption — the title still names its
    table (表7 was not recognised: its figures were lost), and the figures are read as 元."""
    book = tmp_path / "深圳市民政局2026年部门预算.xlsx"
    write_workbook(SHENZHEN, book, "unit-in-title")
    tree = import_files([book], None).source.tree
    assert figures_of(tree["金额单位"]) == "元"
    assert {part: _in_wanyuan(figures_of(tree.get(part))) for part in PARTS} == from_pdf[SHENZHEN]


def test_an_export_in_thousands_of_yuan_is_refused_naming_the_cell_that_states_it(tmp_path: Path) -> None:
    """A source holds 元 or 万元: tables stating 千元 (in the title's cell) are not read as either, each named by the
    cell stating its unit; no source is written."""
    book = tmp_path / "深圳市民政局2026年部门预算.xlsx"
    write_workbook(SHENZHEN, book, "thousand-yuan")
    with pytest.raises(ImportRefused) as refused:
        import_files([book], None)
    assert "金额单位是千元（表2!A2），不是元或万元" in refused.value.message
    assert "未写出源文件" in refused.value.message


def test_a_formula_saved_without_its_value_is_named_and_never_read_as_0(tmp_path: Path) -> None:
    """The total rows as =SUM(…) never calculated (no cached value, as a program that does not calculate saves them):
    each such cell is named, sheet and cell, as not read — no field holds a figure from it, none is a 0."""
    book = tmp_path / "深圳市民政局2026年部门预算.xlsx"
    write_workbook(SHENZHEN, book, "formulas-uncalculated")
    result = import_files([book], None)
    told = "\n".join(result.differences)
    assert "表1!B31：“预算数”一栏应为金额，而这一格是公式，没有保存计算结果" in told
    assert any("公式单元格 B31、D31" in note for note in result.notes)
    assert not [place for place in _places(result.source.tree) if place.endswith(("表1!B31", "表1!D31"))]


def test_a_total_row_of_formulas_never_calculated_above_its_parts_is_no_header_row(
        tmp_path: Path, from_pdf: dict[Path, dict[str, object]]) -> None:
    """广州 prints each table's 合计 first: never calculated, that row held no figure and was read as the header's last
    row (“合计” then headed column A, and the fund tables' spending went to 单位资金). It is the body's first row: every
    other figure is the PDF's, the totals it held are not written at all."""
    book = tmp_path / "广州市气象局2026年部门预算.xlsx"
    write_workbook(GUANGZHOU, book, "formulas-uncalculated")
    parts = _parts(book)
    spent, printed = parts.pop("支出"), dict(from_pdf[GUANGZHOU])
    assert parts == {part: value for part, value in printed.items() if part != "支出"}
    assert spent == {key: value for key, value in printed["支出"].items()  # type: ignore[attr-defined]
                     if key not in ("合计", "基本支出")}


def test_a_hidden_row_is_not_imported_and_named_and_the_totals_it_leaves_short_are_told(tmp_path: Path) -> None:
    """A 项 row hidden (its figures in the file, no reader sees them): not imported — the row is named — and each
    total that then does not add up is told with its places, never mended (30101 is hidden from 表6)."""
    book = tmp_path / "深圳市民政局2026年部门预算.xlsx"
    write_workbook(SHENZHEN, book, "hidden-part-row")
    result = import_files([book], None)
    assert any("“表6”第 7 行被隐藏或筛选掉" in note and "没有导入" in note for note in result.notes)
    assert any(d.startswith("301 工资福利支出 印作 3,838.92，而其组成部分之和为 3,298.92") for d in result.differences)
    economic = [row["科目"] for row in figures_of(result.source.tree["支出"])["基本支出"]["经济分类"]]  # type: ignore[index]
    assert 30101 not in economic and 30102 in economic
    # 2296002 hidden from the 政府性基金 table, which then prints its 款 22960 alone: the 支出总表's 2296002 is not spent
    # beyond the funds (“单位资金” — the department has no such income), it is told as not matched
    assert any(d.startswith("2296002 用于社会福利的彩票公益金支出 印作 19,336.15，而其组成部分之和为 0（组成部分一处也没有印出）")
               for d in result.differences)
    assert "单位资金" not in str(figures_of(result.source.tree["支出"]))


def test_a_final_accounts_basic_table_with_each_code_in_its_name_s_cell_is_read_half_by_half(tmp_path: Path) -> None:
    """佛山's 基本支出决算表 of two halves (人员经费 | 公用经费) exported with “30101 基本工资” in one cell, no 编码
    column: each half read as from the PDF (39 of its 71 figures were read before)."""
    book = tmp_path / "佛山市轨道交通局2019年部门决算.xlsx"
    write_workbook(FOSHAN, book, "code-with-name")
    assert _basic_spending(book) == _basic_spending(FOSHAN)
    assert _basic_spending(book)["30101"] == Decimal("301.79") and _basic_spending(book)["39999"] == Decimal("0")


def test_a_hidden_column_inside_a_merged_header_heads_nothing(tmp_path: Path) -> None:
    """佛山's “三公” 决算表 with a hidden column inside its merged 预算数 header: the hidden column (not imported) is
    given no meaning, so every other column keeps its item and the table is read (it was not, before)."""
    book = tmp_path / "佛山市轨道交通局2019年部门决算.xlsx"
    write_workbook(FOSHAN, book, "hidden-column")
    assert _three_public(book) == _three_public(FOSHAN)
    assert _three_public(book)["决算数"]["公务接待费"] == Decimal("0.16")


@pytest.mark.parametrize("variant", ["export", "one-sheet"])
def test_procurement_names_under_no_header_word_are_the_categories_in_a_workbook_as_in_its_pdf(
        variant: str, tmp_path: Path) -> None:
    """北京's 政府采购预算明细表: A-货物 … printed left of 采购类别 (a column under no header word), 合 计 under it. The
    workbook of that grid was “未能逐列认定”; it is read as the PDF is — also on one sheet with the table after it
    (预算11表, none of the source's), cut off before the header is read."""
    book = tmp_path / "北京市税务局2026年部门预算.xlsx"
    write_workbook(BEIJING_PROCUREMENT, book, variant)
    procurement = figures_of(import_files([book], None).source.tree["政府采购"])
    assert procurement == figures_of(import_files([BEIJING_PROCUREMENT], None).source.tree["政府采购"])
    assert procurement == {"货物": Decimal("6504.378025"), "工程": Decimal("5936.898044"),
                           "服务": Decimal("78961.382753"), "合计": Decimal("91402.658822")}


def _recognised(path: Path, kind: str) -> Table:
    known, _ = recognize(as_seen(read_published(path).grids).grids, catalogs.load(None))  # as the import sees it
    return next(table for table in known if table.kind.id == kind)


def _basic_spending(path: Path) -> dict[str, Decimal]:
    rows = economic_halves(_recognised(path, "一般公共预算财政拨款基本支出决算表"), [])
    return {row.code: row.amounts["决算数"].value for row in rows if row.code}


def _three_public(path: Path) -> dict[str, dict[str, Decimal]]:
    table = _recognised(path, "财政拨款三公经费支出决算表")
    columns = three_public_columns(table)
    assert columns is not None  # every column of figures one item of one measure (none was, before)
    row = next(r for r in range(table.body_start, len(table.grid.rows))
               if any(is_amount(cell) for cell in table.grid.rows[r]) and not is_column_numbers(table, r))
    return {measure: {item: _amount(table, row, col) for item, col in items.items()} for measure, items in columns.items()}


def _amount(table: Table, row: int, col: int) -> Decimal:
    amount = amount_of_cell(table.grid.cell(row, col), "")
    assert amount is not None
    return amount.value


def _places(node: object) -> list[str]:
    if isinstance(node, dict):
        return [place for value in node.values() for place in _places(value)]
    if isinstance(node, list):
        return [place for value in node for place in _places(value)]
    return [node.where] if isinstance(node, Placed) else []
