"""江苏's provincial department tables (公开01表 … 公开12表, 2017–2018): recognised by what they hold.

Most tests quote the printed titles and header lines (as the PDF reader gives them: 江苏省政协办公厅 2018,
江苏省人民检察院 2018) through the recognition functions; the last read pages cut from the PDFs (tests/fixtures/
import/national/js-*.pdf). The titles put
预算 before the last 表 (收支预算总表, 一般公共预算支出预算表); the 支出预算总表 prints 单位预留机动经费 beside
基本支出 and 项目支出; the “三公” table 会议费 and 培训费 beside its items; the 机关运行经费 table sets
机关运行经费 out by economic class; the fund tables print one column, 金额. 财政拨款支出预算表,
财政拨款基本支出预算表 and 政府采购预算表 are none of the national tables."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from reportgen.cli import main
from reportgen.importing.budget.build import build
from reportgen.importing.budget.reconcile import differences
from reportgen.importing.pipeline import _places
from reportgen.importing.recognition import catalog as catalogs
from reportgen.importing.recognition.recognize import Table, content_note, recognize, titled_table
from reportgen.importing.recognition.sure import header_doubts
from reportgen.importing.visible import same_table_twice
from reportgen.readers.grid import Cell, Grid, Merge
from reportgen.readers.pdf.pdf_words import Word
from reportgen.readers.pdf.tables.extents import printed_tables
from reportgen.readers.pdf.tables.lines import Line
from reportgen.readers.pdf.tables.titles import wrapped_title
from reportgen.readers.published import read_published
from reportgen.reading.yamlsafe import load_yaml
from reportgen.review import review
from reportgen.review.missing import implied
from reportgen.runners.render import check_findings
from tests.clients import require_program


@pytest.fixture(scope="module")
def catalog():
    return catalogs.load(None)


def _cells(*values: str | None) -> list[Cell]:
    return [Cell(v, v) if v else Cell(None, "") for v in values]


def _grid(page: int, *rows: list[Cell]) -> Grid:
    return Grid("js-2018-dept-budget-tables.pdf", f"第{page}页", list(rows))


def _kind(title: str, catalog: catalogs.Catalog) -> str | None:
    tables, _ = recognize([_grid(1, _cells(title), _cells("部门：江苏省政协办公厅", "单位：万元"))], catalog)
    return tables[0].kind.id if tables else None


@pytest.mark.parametrize(("title", "kind"), [
    ("收支预算总表", "收支总表"),
    ("公开 01 表：收支预算总表", "收支总表"),
    ("收入预算总表", "收入总表"),
    ("支出预算总表", "支出总表"),
    ("财政拨款收支预算总表", "财政拨款收支总表"),
    ("一般公共预算支出预算表", "一般公共预算支出表"),
    ("一般公共预算基本支出预算表", "一般公共预算基本支出表"),
    ("“三公”经费、会议费、培训费支出预算表", "三公经费支出表"),
    ("一般公共预算“三公”经费、会议费、培训费支出预算表", "三公经费支出表"),
    ("财政拨款政府性基金支出预算表", "政府性基金预算支出表"),
    ("政府性基金支出预算表", "政府性基金预算支出表"),
    ("政府性基金财政拨款支出预算表", "政府性基金预算支出表"),
    ("政府性基金预算财政拨款支出预算表", "政府性基金预算支出表"),
    ("一般公共预算机关运行经费支出预算表", "机关运行经费表"),
    # 江苏省高级人民法院 2018: numbered, the year and the department's name before the table's
    ("二、2018 年度江苏省高级人民法院收入预算总表", "收入总表"),
    ("四、2018 年度江苏省高级人民法院财政拨款收支预算总表", "财政拨款收支总表"),
    ("九、2018 年江苏省高级人民法院“三公”经费、会议费、培训费支出预算表", "三公经费支出表"),
    ("十、2018 年度江苏省高级人民法院政府性基金预算财政拨款支出预算表", "政府性基金预算支出表"),
])
def test_a_title_with_预算_before_its_last_表_names_the_national_table(title, kind, catalog):
    assert _kind(title, catalog) == kind


@pytest.mark.parametrize("title", ["政府采购支出预算表",
                                   "2018年度单位预留机动经费支出总表"])  # words before the name: no department's
def test_江苏s_own_tables_are_none_of_the_national_ones(title, catalog):
    assert _kind(title, catalog) is None and not titled_table(title, catalog)


@pytest.mark.parametrize(("title", "kind"), [
    ("财政拨款支出预算表", "财政拨款支出表"), ("公开 05 表：财政拨款支出预算表", "财政拨款支出表"),
    ("财政拨款基本支出预算表", "财政拨款基本支出表"),
    ("六、2018 年度江苏省高级人民法院财政拨款基本支出预算表", "财政拨款基本支出表")])
def test_江苏s_tables_of_all_the_appropriations_are_kinds_of_their_own(title, kind, catalog):
    # none of the national nine (each of those is one fund's): tablekinds/财政拨款支出表.yaml, 财政拨款基本支出表.yaml
    assert _kind(title, catalog) == kind


@pytest.mark.parametrize("title", ["2018年政府采购预算表", "十二、2018 年江苏省高级人民法院政府采购预算表"])
def test_a_procurement_table_is_the_procurement_table_kind(title, catalog):
    # 政府采购预算表 is a table kind of its own (tablekinds/政府采购预算表.yaml: its total is 政府采购.合计), printed by
    # no layout — not one of the national twelve, and not taken for another
    assert _kind(title, catalog) == "政府采购预算表"


def _spending_total(reserve: str) -> Grid:
    return _grid(3, _cells("公开03表", None, None, None, None), _cells("支出预算总表", None, None, None, None),
                 _cells("部门：江苏省政协办公厅", None, None, None, "单位：万元"),
                 _cells("合计", "基本支出", "项目支出", "单位预留机动经费", "结转下年资金"),
                 _cells("10,150.48", "5,678.17", "3,314.68", reserve, None))


def test_单位预留机动经费_is_spending_beside_基本支出_and_项目支出_in_the_合计(catalog):
    (table,), _ = recognize([_spending_total("1,157.63")], catalog)
    assert table.columns == {0: "合计", 1: "基本支出", 2: "项目支出", 3: "单位预留机动经费"}
    assert header_doubts(table) == []
    imported = build([table], catalog)
    assert differences(imported) == []  # 10,150.48 = 5,678.17 + 3,314.68 + 1,157.63
    (slip,) = differences(build(recognize([_spending_total("1,157.36")], catalog)[0], catalog))
    assert slip.total.value == Decimal("10150.48") and slip.parts_sum == Decimal("10150.21")


def _fund_table() -> Grid:
    return _grid(7, _cells("公开07表", None, None), _cells("一般公共预算支出预算表", None, None),
                 _cells("部门：江苏省政协办公厅", None, "单位：万元"),
                 _cells("功能科目代码", "功能科目名称", "金额"),
                 _cells(None, "合计", "10,070.48"),
                 _cells("201", "一般公共服务支出", "7,747.46"), _cells("20102", "政协事务", "7,747.46"),
                 _cells("2010201", "行政运行", "4,432.78"), _cells("2010202", "一般行政管理事务", "3,314.68"),
                 _cells("221", "住房保障支出", "2,323.02"), _cells("22102", "住房改革支出", "2,323.02"),
                 _cells("2210201", "住房公积金", "2,323.02"))


def test_a_fund_table_of_one_column_gives_each_line_its_合计_and_the_总表_the_whole(catalog):
    tables, _ = recognize([_spending_total("1,157.63"), _fund_table()], catalog)
    assert tables[1].columns == {0: "编码", 1: "名称", 2: "预算数"}
    imported = build(tables, catalog)
    spending = imported.tree["支出"]
    assert [(r["科目"].value, r["合计"].value) for r in spending["功能分类"]] == [
        (2010201, Decimal("4432.78")), (2010202, Decimal("3314.68")), (2210201, Decimal("2323.02"))]
    # the 总表's one row is all the money's (其他资金 80.00 in it), its 单位预留机动经费 no field's: its 合计 and
    # 基本支出 as printed, 项目支出 not (基本 + 项目 would not make the 合计); the rows are the fund's alone
    assert spending["合计"].value == Decimal("10150.48") and spending["基本支出"]["合计"].value == Decimal("5678.17")
    assert "项目支出" not in spending and spending["功能分类口径"].value == "一般公共预算"


def test_the_机关运行经费_table_by_economic_class_gives_its_合计(catalog):
    grid = _grid(11, _cells("一般公共预算机关运行经费支出预算表", None, None),
                 _cells("部门：江苏省政协办公厅", None, "单位：万元"),
                 _cells("科目编码", "科目名称", "机关运行经费支出"),
                 _cells(None, "合计", "1,115.85"), _cells("302", "商品和服务支出", "1,115.85"),
                 _cells("30201", "办公费", "110.00"), _cells("30299", "其他商品和服务支出", "1,005.85"))
    (table,), _ = recognize([grid], catalog)
    assert header_doubts(table) == []
    imported = build([table], catalog)
    assert differences(imported) == []
    assert imported.tree["机关运行经费"]["本年"].value == Decimal("1115.85")


def test_the_三公_table_with_会议费_and_培训费_holds_its_合计_to_no_三公_total(catalog):
    grid = Grid("js.xlsx", "公开09表", [
        _cells("“三公”经费、会议费、培训费支出预算表", None, None, None, None, None, None, None, None),
        _cells("部门：江苏省政协办公厅", None, None, None, None, None, None, None, "单位：万元"),
        _cells("合计", "“三公”经费", None, None, None, None, None, "会议费", "培训费"),
        _cells(None, "小计", "因公出国（境）费", "公务用车购置及运行维护费", None, None, "公务接待费", None, None),
        _cells(None, None, None, "小计", "公务用车购置费", "公务用车运行维护费", None, None, None),
        _cells("1,656.86", "675.10", "106.00", "156.60", None, "156.60", "412.50", "884.16", "97.60")])
    grid.merges = [Merge(2, 1, 2, 6), Merge(3, 3, 3, 5)]
    (table,), _ = recognize([grid], catalog)
    assert header_doubts(table) == []
    assert [table.columns[c] for c in (0, 1, 7, 8)] == ["合计", "“三公”合计", "会议费", "培训费"]
    imported = build([table], catalog)
    assert differences(imported) == []  # 675.10 = 106.00 + 156.60 + 412.50; 1,656.86 holds 会议费 and 培训费
    # the one table read, its 万元 written in the source's 元 (the “三公” table's unit is not the source's)
    assert imported.tree["三公经费"]["公务接待费"]["本年"].value == Decimal("412.50") * 10000


def test_an_income_table_naming_its_items_in_a_column_under_no_header_is_not_read_for_sure(catalog):
    """公开02表 as the PDF reader gives it: 一般公共预算资金 over 公共财政拨款(补助)资金, and the names of two rows
    run into one cell (专项收入小计): whose each figure is is not known."""
    grid = _grid(2, _cells("收入预算总表", None, None), _cells("部门：江苏省政协办公厅", None, "单位：万元"),
                 _cells("项目名称", None, "金额"), _cells(None, "收入总计", "10,150.48"),
                 _cells(None, "小计", "10,070.48"), _cells("一般公共预算资金", "公共财政拨款(补助)资金", "10,070.48"),
                 _cells("政府性基金", "专项收入小计", None), _cells(None, "其他非税收入小计", "80.00"),
                 _cells("其他资金", "其他收入债务资金(银行贷款)", "80.00"))
    (table,), _ = recognize([grid], catalog)
    assert table.kind.id == "收入总表"
    assert header_doubts(table) == ["第2列没有表头而印有项目名称"]


def _fiscal_total() -> Grid:
    return _grid(4, _cells("公开04表", None, None, None), _cells("财政拨款收支预算总表", None, None, None),
                 _cells("部门：江苏省政协办公厅", None, None, "单位：万元"), _cells("收入", None, "支出", None),
                 _cells(None, None, "支出用途", None), _cells("项目名称", "金额", None, None),
                 _cells(None, None, "项目名称", "金额"),
                 _cells("一、一般公共预算", "10,070.48", "一、基本支出", "5,598.17"),
                 _cells("二、政府性基金预算", None, "二、项目支出", "3,314.68"),
                 _cells(None, None, "三、单位预留机动经费", "1,157.63"),
                 _cells("收入合计", "10,070.48", "支出合计", "10,070.48"))


def test_income_from_the_财政拨款_table_beside_a_收支总表_not_read_is_the_funds_and_the_rest_unknown(catalog):
    """The 收支预算总表 (its spending by function and by use side by side) not read for sure: the 财政拨款收支
    预算总表 gives the funds, and 其他资金 (80.00 on the 收支总表) is not known — never 0."""
    tables, _ = recognize([_fiscal_total()], catalog)
    (unread,), _ = recognize([_grid(1, _cells("收支预算总表", None), _cells("收入", "支出"))], catalog)
    income = build(tables, catalog, unsure=[unread]).tree["收入"]
    assert income["一般公共预算拨款"].value == Decimal("10070.48") and income["其余未公开"].value is True
    assert income["其余未公开"].where.startswith("收支总表没有读取")
    # the 财政拨款 table alone (no table of all income given): the other sources are no more known
    income = build(tables, catalog).tree["收入"]
    assert income["一般公共预算拨款"].value == Decimal("10070.48") and income["其余未公开"].value is True
    assert income["其余未公开"].where.startswith("收支总表没有读出，收入总表也没有读出它的合计行")


def test_a_total_set_apart_over_the_label_columns_is_the_tables_total(catalog):
    """省人民检察院 2018, 公开11表 as the PDF reader gives it: 科目编码 over two columns, “合” under the second and
    “计” under 科目名称 — the 合计 row, whose figure is 机关运行经费."""
    grid = _grid(20, _cells("公开 11 表：一般公共预算机关运行经费支出预算表", None, None, None),
                 _cells("部门： 江苏省人民检察院", None, None, "单位：万元"),
                 _cells("科目编码", None, "科目名称", "机关运行经费支出"),
                 _cells(None, "合", "计", "2,722.57"), _cells("302", None, "商品和服务支出", "2,722.57"),
                 _cells("30201", None, "办公费", "130.00"), _cells("30299", None, "其他商品和服务支出", "2,592.57"))
    grid.merges = [Merge(2, 0, 2, 1)]
    (table,), _ = recognize([grid], catalog)
    imported = build([table], catalog)
    assert differences(imported) == []
    assert imported.tree["机关运行经费"]["本年"].value == Decimal("2722.57")


# 省人民检察院 2018, p.19 as the PDF prints it: the 三公 table's title wrapped over two lines, set at the left
# margin in the text's size, the caption under it (positions in points, as pdf_words reads them)
_WRAPPED = ("公开 09 表：一般公共预算“三公”经费、会议费、培训费", "支出预算表")


def _line(number: int, top: float, *words: tuple[float, str], size: float = 12.0) -> Line:
    return Line(19, number, [Word(left, top, left + size * len(text) * 0.9, top + size, text) for left, text in words])


def test_a_title_wrapped_over_two_lines_is_one_title():
    first, second = _line(7, 100, (56, _WRAPPED[0])), _line(8, 116, (56, _WRAPPED[1]))
    caption = _line(9, 132, (56, "部门："), (150, "江苏省人民检察院"), (480, "单位：万元"))
    header = _line(10, 148, (56, "合计"), (120, "小计"), (180, "因公出国（境）费"))
    body = _line(11, 164, (56, "1,384.74"), (120, "484.30"), (180, "100.00"))
    joined = wrapped_title(first, second)
    assert joined is not None and joined.text == " ".join(_WRAPPED) and titled_table(joined.text, catalogs.load(None))
    (table,) = printed_tables([[first, second, caption, header, body]])
    assert table.first.lines[0].text == " ".join(_WRAPPED) and table.first.lines[1] is caption
    # a heading of the text above a title, in a smaller size or set elsewhere, is no part of it
    assert wrapped_title(_line(7, 100, (56, "（九）“三公”经费情况"), size=10.0), second) is None
    assert wrapped_title(_line(7, 100, (300, "（九）“三公”经费情况")), second) is None
    assert wrapped_title(_line(7, 100, (56, "本部门“三公”经费如下。")), second) is None


def test_a_三公_table_naming_one_vehicle_part_under_their_sum_is_not_read_for_sure(catalog):
    """The same table as the PDF reader sets it: 购置费 (printed blank) and 运行维护费 as one column, its
    267.80 under 购置费 — the parts are not known."""
    grid = Grid("js.pdf", "第19页", [
        _cells("公开 09 表：一般公共预算“三公”经费、会议费、培训费 支出预算表", None, None, None, None, None, None),
        _cells("部门： 江苏省人民检察院", None, None, None, None, None, "单位：万元"),
        _cells("合计", "“三公”经费", None, None, None, None, "会议费"),
        _cells(None, "小计", "因公出国（境）费", "公务用车购置及运行维护费", None, "公务接待费", None),
        _cells(None, None, None, "小计", "公务用车购置费", None, None),
        _cells("1,384.74", "484.30", "100.00", "267.80", "267.80", "116.50", "200.44")])
    grid.merges = [Merge(2, 1, 2, 5), Merge(3, 3, 3, 4)]
    (table,), _ = recognize([grid], catalog)
    assert table.kind.id == "三公经费支出表"
    assert header_doubts(table) == ["公务用车购置及运行维护费之下只认出“公务用车购置费”一列"]


def test_a_title_naming_the_department_gives_the_owner_a_caption_does_not(catalog):
    """江苏省高级人民法院 2018 names itself in each title, its captions only the unit (单位：万元)."""
    grid = _grid(10, _cells("三、2018 年度江苏省高级人民法院支出预算总表", None, None, None, None),
                 _cells(None, None, None, None, "单位：万元"),
                 _cells("合计", "基本支出", "项目支出", "单位预留机动经费", "结转下年资金"),
                 _cells("33,172.15", "18,570.82", "11,343.27", "3,258.06", None))
    (table,), _ = recognize([grid], catalog)
    assert (table.kind.id, table.year, table.owner) == ("支出总表", 2018, "江苏省高级人民法院")
    assert build([table], catalog).tree["部门"].value == "江苏省高级人民法院"


def test_the_lines_a_pdf_tables_wrapped_names_are_printed_on_are_its_own():
    """江苏省高级人民法院 2018, p.15 (政府采购预算表, none of the budget's tables): “网络通讯维护及专 / 维修（护）费
    607.10 / 用线路租赁费” is one row, placed at its first line; the review judges none of its lines as text."""
    grid = Grid("js.pdf", "第15页", [_cells("软件开发服务", "622.00"), _cells("网络通讯维护及专用线路租赁费", "607.10")],
                row_places=["第15页 第36行", "第15页 第37行"], kind="pdf")
    places = _places([grid])
    assert {"第15页 第36行", "第15页 第37行"} <= places
    grid.row_places = ["第15页 第36行", "第15页 第39行"]
    assert "第15页 第38行" in _places([grid]) and "第15页 第40行" not in _places([grid])


# Page extracts (pypdf) of the 江苏 documents of /work/jiangsu (bench/corpus/jiangsu/corpus.yaml says where they
# come from): 江苏省政协办公厅 2018 报表 p.1, 江苏省人民检察院 2017 p.10, 江苏省人大常委会办公厅 2018 p.10.
_PAGES = Path(__file__).resolve().parent / "fixtures" / "import" / "national"


def _read(name: str, catalog: catalogs.Catalog) -> list[Table]:
    require_program("pdftotext")
    return recognize(read_published(_PAGES / name).grids, catalog)[0]


def test_the_收支预算总表_with_its_spending_by_function_and_by_use_side_by_side_is_read(catalog):
    """公开01表: income, then the 功能分类 and the 支出用途 (基本支出, 项目支出, 单位预留机动经费) side by side, the
    当年支出小计 and 支出合计 printed across them. Each side read: the 收入合计 and 其他资金 (no field of the source:
    the income is written in part, never taken as all of it), the classes against the 支出合计, the uses against
    the 当年支出小计."""
    (table,) = _read("js-zhengxie-2018-p1.pdf", catalog)
    assert table.kind.id == "收支总表" and header_doubts(table) == []
    imported = build([table], catalog)
    assert differences(imported) == []
    uses = [(row.label, row.amounts["预算数"].value) for row in imported.beside["收支总表"] if row.amounts]
    assert uses == [("基本支出", Decimal("5678.17")), ("项目支出", Decimal("3314.68")),
                    ("单位预留机动经费", Decimal("1157.63"))]
    income = imported.tree["收入"]
    assert {key: node.value for key, node in income.items()} == {
        "一般公共预算拨款": Decimal("10070.48"), "其余未公开": True, "财政拨款收入": Decimal("10070.48"),
        "收入总计": Decimal("10150.48"), "上年结转": Decimal(0)}
    assert "其他资金" in income["其余未公开"].where


def test_a_total_printed_in_the_function_sides_name_column_is_the_spendings_and_wrapped_names_are_one(catalog):
    """江苏省人民检察院 2017: “当年支出小计” in the 功能科目名称 column, its 17,996.68 under the 支出用途's 金额 (the uses'
    sum, never one of them); “1.一般公共预” / 17,981.68 / “算2.政府性基金” / “预算”: 一般公共预算 holds the figure."""
    (table,) = _read("js-jianchayuan-2017-p10.pdf", catalog)
    imported = build([table], catalog)
    assert differences(imported) == []
    left, right = imported.sides["收支总表"]
    assert ("一般公共预算", Decimal("17981.68")) in [(r.label, r.amounts["预算数"].value) for r in left if r.amounts]
    assert [r.amounts["预算数"].value for r in right if r.label == "当年支出小计"] == [Decimal("17996.68")]
    assert len([r for r in imported.beside["收支总表"] if r.amounts and not r.amounts["预算数"].blank]) == 3


def test_uses_that_do_not_make_the_spending_are_told(catalog):
    (table,) = _read("js-zhengxie-2018-p1.pdf", catalog)
    table.grid.rows[table.body_start][5] = Cell("5,687.17", "5,687.17")  # 基本支出 misprinted by 9.00
    (slip,) = differences(build([table], catalog))
    assert slip.what == "支出用途各项" and slip.total.value == Decimal("10150.48")
    assert slip.parts_sum == Decimal("10159.48")


def test_a_tables_number_over_its_title_is_the_next_tables_first_line_not_a_row_of_the_one_above(catalog):
    """江苏省人大常委会办公厅 2018 p.10: “公开 04 表” under the 支出预算总表's figures, over 财政拨款收支预算总表."""
    spending, fiscal = _read("js-rendabangongting-2018-p10.pdf", catalog)
    assert (spending.kind.id, fiscal.kind.id) == ("支出总表", "财政拨款收支总表")
    assert not any("公开" in cell.text for row in spending.grid.rows[spending.body_start:] for cell in row)
    assert fiscal.grid.rows[0][0].text == "财政拨款收支预算总表"
    assert build([spending, fiscal], catalog).problems == []


def test_a_目录_listing_the_tables_is_no_table_and_no_second_收支总表(catalog):
    """中共江苏省委办公厅 2018 报表 pp. 1–3: the cover and its 目录 (“一、收支预算总表”, “二、收入预算总表” …) read as one
    grid were a 收支总表 “with other figures” than p. 3's — told as two 收支总表 to check. A 目录's line titles nothing."""
    tables = _read("js-shengweibangongting-2018-tables-p1-3.pdf", catalog)
    assert [(table.kind.id, table.grid.name) for table in tables] == [("收支总表", "第3页")]
    assert same_table_twice(tables, workbook=False) == []


def test_a_table_of_no_rows_followed_by_the_next_tables_title_is_still_its_table(catalog):
    """One other title next to a title is the next table (a fund table with nothing under it), not a 目录."""
    grid = _grid(12, _cells("财政拨款政府性基金支出预算表"), _cells("一般公共预算机关运行经费支出预算表"),
                 _cells("部门：江苏省政协办公厅", "单位：万元"))
    tables, _ = recognize([grid], catalog)
    assert [table.kind.id for table in tables][:1] == ["政府性基金预算支出表"]


def test_a_title_over_a_caption_naming_the_department_alone_is_a_table(catalog):
    """江苏省人大常委会办公厅 2018 p.8: “收支预算总表” over “部门名称：江苏省人大”, the unit (单位:万元) on the next line
    and the name's end (常委会办公厅) under it — a table, read whole (it was taken for text: 缺少收支总表)."""
    (table,) = _read("js-rendabangongting-2018-p8.pdf", catalog)
    assert table.kind.id == "收支总表" and table.unit == "万元" and header_doubts(table) == []
    imported = build([table], catalog)
    assert differences(imported) == []
    assert imported.tree["收入"]["一般公共预算拨款"].value == Decimal("15897.44")


_TWELVE = [f"公开{n:02d}表" for n in range(1, 13)]


@pytest.mark.parametrize(("texts", "final", "told"), [
    (_TWELVE, False, False),  # 江苏 2017–2019: twelve tables of its own, none of them 国有资本经营预算支出表
    ([t for t in _TWELVE if t != "公开10表"], False, True),  # a number skipped: a table left out
    ([*_TWELVE, "本部门无国有资本经营预算收支，国有资本经营预算支出表为空表。"], False, True),  # the text names it
    (["目录", "9．2026年国有资本经营预算支出表……………………23"], False, True),  # so does its 目录
    (_TWELVE, True, True),  # a 部门决算's nine tables are the nation's
])
def test_a_table_not_found_is_missing_only_where_the_document_implies_it(texts, final, told, catalog):
    state = next(kind for kind in catalog.tables if kind.id == "国有资本经营预算支出表")
    missing, unpublished = implied([state], texts, catalog, final=final, layout=False)
    assert (missing, unpublished) == (([state], []) if told else ([], [state]))


@pytest.mark.parametrize(("title", "kind"), [
    ("部门预算公开07表 一般公共预算支出预算表", "一般公共预算支出表"),  # its number as 2019 prints it, known by its name
    ("一般公共预算拨款支出预算表", "一般公共预算支出表"),  # a name no list holds: known by its codes and its words
    ("2019年度一般公共预算当年拨款支出预算表", "一般公共预算支出表"),
    ("财政拨款支出预算表", "财政拨款支出表"),  # 江苏's own 公开05表, of all the funds: its own kind, by its name
    ("一般公共预算项目支出预算表", None),  # the words of another table
    ("一般公共预算拨款基本支出预算表", None),  # its rows are of 功能分类: not the 基本支出表 its words would say
])
def test_a_table_whose_title_names_none_is_known_by_its_codes_and_the_words_of_its_title(title, kind, catalog):
    """江苏省政协办公厅 2018 公开07表 (p.7) printed under other titles: the rows' codes (功能分类) and the fund its title
    names (一般公共预算, and no word of another table's) tell the table; the import says it was known so."""
    (table,) = _read("js-zhengxie-2018-p7.pdf", catalog)
    grid = table.grid
    grid.rows[0] = [Cell(title, title), *grid.rows[0][1:]]
    found, unknown = recognize([grid], catalog)
    assert [t.kind.id for t in found] == ([kind] if kind else []) and len(unknown) == (0 if kind else 1)
    if kind == "一般公共预算支出表" and "拨款支出预算表" in title:
        assert found[0].by_content and "按表中所印的科目编码（功能分类）" in content_note(found[0])
        imported = build(found, catalog)
        assert differences(imported) == []
        assert [(r.code, r.amounts["合计"].value) for r in imported.rows["一般公共预算支出表"] if r.code][2:4] == [
            ("2010201", Decimal("4432.78")), ("2010202", Decimal("1780.22"))]


def test_a_column_the_pdf_reader_cut_in_two_under_one_header_is_one_and_codes_set_apart_are_the_codes(catalog):
    """江苏省人大常委会办公厅 2018 p.16 (公开11表): 机关运行经费支出 over two columns, the 合计 and 302 figures set right of
    the 款' (no row prints in both), the codes left of 科目编码 (which prints 合计 alone): one column of figures, the
    codes the 编码 column's — read whole, its 合计 the 机关运行经费."""
    (table,) = _read("js-rendabangongting-2018-p16.pdf", catalog)
    assert table.kind.id == "机关运行经费表" and header_doubts(table) == []
    assert sorted(table.columns.values()) == ["名称", "机关运行经费", "编码"]
    imported = build([table], catalog)
    assert differences(imported) == []  # 1,579.38 = 370.00 + 50.00 + … + 267.08
    assert imported.tree["机关运行经费"]["本年"].value == Decimal("1579.38")


def test_the_机关运行经费_tables_rows_by_code_are_written_as_printed(catalog):
    """The same page (issue 80, shown unchanged: written from 苏州 and 无锡 2026, tests/test_running_costs_by_code.py):
    每一行 with a code and a figure goes to 机关运行经费.经济分类 as printed — the 类 302 and each 款, traced."""
    (table,) = _read("js-rendabangongting-2018-p16.pdf", catalog)
    lines = build([table], catalog).tree["机关运行经费"]["经济分类"]
    assert [(line["科目"].value, line["本年"].value) for line in lines] == [
        (302, Decimal("1579.38")), (30201, Decimal("370.00")), (30205, Decimal("50.00")), (30206, Decimal("350.00")),
        (30207, Decimal("45.00")), (30211, Decimal("230.00")), (30228, Decimal("33.70")), (30229, Decimal("50.00")),
        (30231, Decimal("183.60")), (30239, Decimal("267.08"))]
    assert all(line["本年"].where.startswith("机关运行经费表 ") for line in lines)


def test_a_group_header_set_over_the_tables_合计_leaves_the_合计_the_tables(catalog):
    """江苏省人大常委会办公厅 2018 p.15 (公开09表): the PDF sets “三公”经费 over 合计 as well as over its 小计 — the 小计 is
    the “三公” total (833.60 = 222.50 + 183.60 + 427.50), the 合计 the table's (2,542.60 with 会议费 and 培训费)."""
    tables = _read("js-rendabangongting-2018-p15.pdf", catalog)
    table = next(t for t in tables if t.kind.id == "三公经费支出表")
    assert header_doubts(table) == [] and table.columns[0] == "合计" and table.columns[1] == "“三公”合计"
    imported = build([table], catalog)
    assert differences(imported) == []
    three = imported.tree["三公经费"]
    assert [three[item]["本年"].value for item in ("因公出国（境）费", "公务用车运行维护费", "公务接待费")] == [
        Decimal("222.50") * 10000, Decimal("183.60") * 10000, Decimal("427.50") * 10000]


def test_a_tables_number_on_a_pages_last_line_is_no_row_of_the_table_above():
    """A page whose table ends with the next table's number, its title on the next page: the number is no row."""
    title = _line(1, 60, (200, "支出预算总表"))
    caption = _line(2, 80, (56, "部门名称：江苏省人大常委会办公厅"), (480, "单位：万元"))
    header = _line(3, 100, (56, "合计"), (150, "基本支出"), (250, "项目支出"))
    body = _line(4, 120, (56, "15897.44"), (150, "7877.76"), (250, "6333.96"))
    number = _line(5, 700, (56, "公开 04 表"))
    (table,) = printed_tables([[title, caption, header, body, number]])
    assert number not in table.first.lines and body in table.first.lines
    (table,) = printed_tables([[title, caption, header, body, _line(5, 700, (56, "合计 15897.44"))]])  # a row all the same
    assert len(table.first.lines) == 5


def test_an_income_table_of_groups_led_by_their_小计_is_read_and_held_to_its_totals(catalog):
    """江苏省人民检察院 2018 p.14 (公开02表): 收入总计, then each group's 小计 and rows (一般公共预算资金, 政府性基金,
    财政专户管理资金, 其他资金, 上年结转和结余资金 printed centred beside them): 21,955.35 = 21,940.96 + 14.39, each
    小计 its rows' sum."""
    (table,) = _read("js-jianchayuan-2018-p14.pdf", catalog)
    assert table.kind.id == "收入总表" and header_doubts(table) == []
    imported = build([table], catalog)
    assert differences(imported) == []
    groups = imported.groups["收入总表"]
    assert [(s.amounts["预算数"].value, [r.label for r in rows]) for s, rows in groups.groups][:2] == [
        (Decimal("21940.96"), ["公共财政拨款（补助）资金", "专项收入"]), (Decimal(0), [])]
    table.grid.rows[groups.groups[3][1][2].index][2] = Cell("14.93", "14.93")  # 其他收入 misprinted
    (slip,) = differences(build([table], catalog))
    assert slip.total.value == Decimal("14.39") and slip.parts_sum == Decimal("14.93")


def test_an_income_table_of_rows_named_each_on_a_line_of_its_own_is_read_row_by_row(catalog):
    """江苏省政协办公厅 2018 p.2 (公开02表): every row a line of its own, most with no figure — 其他非税收入 over
    小计 80.00, 其他收入 80.00 over 债务资金(银行贷款) — each name a whole row's of the template: two rows, never one
    name wrapped (“其他非税收入小计 80.00” was not read for sure). Read, each 小计 its rows' sum."""
    (table,) = _read("js-zhengxie-2018-p2.pdf", catalog)
    names = [row[1].text for row in table.grid.rows if len(row) > 1 and row[1].text]
    assert names[names.index("专项收入"):] == [
        "专项收入", "小计", "小计", "专户管理教育收费", "其他非税收入", "小计", "事业收入", "经营收入", "其他收入",
        "债务资金(银行贷款)", "小计", "其中：动用上年结转和结余资金"]
    assert header_doubts(table) == []
    imported = build([table], catalog)
    assert differences(imported) == []
    groups = imported.groups["收入总表"].groups
    assert [(s.amounts["预算数"].value, [r.label for r in rows]) for s, rows in groups][3] == (
        Decimal("80.00"), ["事业收入", "经营收入", "其他收入", "债务资金（银行贷款）"])


def test_a_name_wrapped_in_its_cell_is_still_one_row(catalog):
    """江苏省人大常委会办公厅 2018 p.8: “九、医疗卫生与计划生育支” over “出”, the 收支预算总表's lines set a row's height
    apart as its rows are — one name wrapped; 江苏省高级人民法院 2018 pp.15–16: “信息网络及软件” / “购置更新”, its
    first line short of the cell's edge."""
    require_program("pdftotext")
    texts = {cell.text for grid in read_published(_PAGES / "js-rendabangongting-2018-p8.pdf").grids
             for row in grid.rows for cell in row}
    assert "九、医疗卫生与计划生育支出" in texts and "出" not in texts
    texts = {cell.text for grid in read_published(_PAGES / "js-gaoyuan-2018-p15-16.pdf").grids
             for row in grid.rows for cell in row}
    assert {"信息网络及软件购置更新", "公务用车运行维护费"} <= texts and not {"护费", "公务用车运行维"} & texts
    # p.15's first line of 信息网络建设维护费 | 信息网络及软件购置更新 | 政府集中采购 | 676.00: both names wrapped at once,
    # their second lines (“费 | 购置更新”) a line of their own, no figure on it (body_rows.names_spread)
    assert {"信息网络建设维护费", "信息网络及软件"} & texts == {"信息网络建设维护费"} and not {"费", "购置更新"} & texts


# 江苏省政协办公厅 2017's source as its tables give it (公开01、03、07、08表, trimmed): 基本支出 5,916.27 of all the
# money (其他资金's 80.00 in it), the 一般公共预算's 5,836.27 by economic class
_BASIC_SOURCE = """部门: 江苏省政协办公厅
年度: 2017
金额单位: 万元
部门概况:
  职责: [某职责]
收入: {一般公共预算拨款: 9066.79, 其余未公开: true, 财政拨款收入: 9066.79, 收入总计: 9146.79, 上年结转: 0}
支出:
  功能分类:
    - {科目: 2010201, 合计: 9066.79}
  基本支出:
    合计: 5916.27
    经济分类:
      - {科目: 30101, 金额: 4704.35}
      - {科目: 30201, 金额: 1131.92}
  合计: 9146.79
  功能分类口径: 一般公共预算
不公开: [人员编制, 三公经费, 机关运行经费, 政府采购, 国有资产, 绩效管理]
"""


@pytest.mark.parametrize(("sentence", "status"), [
    ("江苏省政协办公厅2017年度财政拨款基本支出预算5,836.27万元，其中：", "agree"),  # the 财政拨款 part it names
    ("江苏省政协办公厅2017年度基本支出预算5,916.27万元。", "agree"),
    ("江苏省政协办公厅2017年度财政拨款基本支出预算5,863.27万元，其中：", "disagree"),
])
def test_the_基本支出_a_sentence_names_of_财政拨款_is_that_funds_part(sentence, status, tmp_path):
    """江苏省政协办公厅 2017 p.10: “财政拨款基本支出预算5,836.27万元” beside a 基本支出 of 5,916.27 — the part the
    sentence names (was told “应为5,916.27万元”)."""
    source, draft = tmp_path / "s.yaml", tmp_path / "d.txt"
    source.write_text(_BASIC_SOURCE, encoding="utf-8")
    draft.write_text(sentence, encoding="utf-8")
    result, problems = review(source, draft, despite_errors=True)
    assert result is not None, problems
    assert [v.status for v in result.verdicts if v.statement.kind == "amount"] == [status]


_PART_INCOME = """部门: 江苏省政协办公厅
年度: 2017
金额单位: 万元
部门概况:
  职责: [某职责]
收入: {INCOME}
支出:
  合计: 9146.79
  基本支出: {合计: 5916.27, 人员经费: 4704.35, 公用经费: 1131.92}
不公开: [人员编制, 三公经费, 机关运行经费, 政府采购, 国有资产, 绩效管理]
"""


@pytest.mark.parametrize(("income", "told"), [
    ("{一般公共预算拨款: 9066.79, 其余未公开: true, 收入总计: 9146.79}", False),  # 其他资金 80.00 may pay 基本支出
    ("{一般公共预算拨款: 9146.79}", True),  # all the money the fund's: its 人员经费 and 公用经费 are all 基本支出's
])
def test_the_funds_人员经费_and_公用经费_are_not_held_to_a_基本支出_of_income_in_part(income, told, tmp_path):
    """江苏省政协办公厅 2017: 基本支出 5,916.27 of all the money (公开03表), 人员经费 4,704.35 and 公用经费 1,131.92 of
    the 一般公共预算 (公开08表): with 收入 published in part, the two make no 基本支出合计 to hold it to."""
    source = tmp_path / "s.yaml"
    source.write_text(_PART_INCOME.replace("{INCOME}", income), encoding="utf-8")
    rules = {f.rule for f in check_findings(source)}
    assert ("R-基本支出合计" in rules) is told and "R-支出合计" not in rules and "R-收支平衡" not in rules


# 江苏省人大常委会办公厅 2018年度部门预算 (pdftotext -layout), its cover and pp. 9 and 12, as a text with no tables
_PROSE = ["江苏省人大常委会办公厅2018年度部门预算公开",
          "  江苏省人大常委会办公厅2018年度收入、支出预算总计",
          "15897.44万元，与上年相比收、支预算总计各增加 2248.37 万",
          "元，增长16.47 %。",
          "  （一）收入预算总计15897.44万元。",
          " 一般公共预算收入15897.44万元，占100 %；",
          " 江苏省人大常委会办公厅部门本年支出预算合计 15897.44",
          "万元，其中：",
          " 基本支出 7877.76 万元，占 49.55%；",
          " 项目支出 6333.96 万元，占 39.84 %；",
          " 单位预留机动经费1685.72 万元，占10.61%；",
          " 结转下年资金 0 万元，占 0 %。"]


@pytest.mark.parametrize("beside", [True, False])
def test_a_text_stating_spending_beside_基本_and_项目_writes_the_total_not_their_sum(beside, tmp_path, capsys):
    """The text states 单位预留机动经费 beside 基本支出 and 项目支出 (no field holds it): 支出合计 and 基本支出 written,
    项目支出 not (and told) — 7,877.76 + 6,333.96 is no 支出合计, and 收入 15,897.44 was held “已大于支出总计
    14,211.72”; a text stating none writes both."""
    text = tmp_path / "rd.txt"
    text.write_text("\n".join(line for line in _PROSE if beside or "机动" not in line), encoding="utf-8")
    out = tmp_path / "rd.yaml"
    main(["import", str(text), "-o", str(out)])
    said = capsys.readouterr()
    told = said.out + said.err
    spending = load_yaml(out)["支出"]
    assert spending["合计"] == Decimal("15897.44") and spending["基本支出"]["合计"] == Decimal("7877.76")
    assert ("项目支出" in spending) is not beside
    assert "R-收支平衡" not in told and ("源文件没有它的字段：基本支出与项目支出之和不是支出合计" in told) is beside


_SPENDING_SOURCE = """部门: 江苏省人民检察院
年度: 2018
金额单位: 万元
部门概况:
  职责: [某职责]
收入: {一般公共预算拨款: 21940.96, 其余未公开: true, 收入总计: 21955.35, 上年结转: 0}
支出:
  合计: 21955.35
  基本支出: {合计: 13994.31}
不公开: [人员编制, 三公经费, 机关运行经费, 政府采购, 国有资产, 绩效管理]
"""
# 江苏省人民检察院 2018, p.27 (三、支出预算情况说明): 13,994.31 / 21,955.35 = 63.7398%, printed 63.75 so that the
# three shares make 100.00%
_SHARES = ("基本支出 13,994.31 万元，占 63.75%；", "项目支出 5,573 万元，占 25.38 %；",
           "单位预留机动经费 2,388.04 万元，占 10.87 %。")


@pytest.mark.parametrize(("lines", "status"), [
    (_SHARES, "unknown"),  # a 尾数 moved to make 100%: not judged
    ((_SHARES[0].replace("63.75", "63.85"), *_SHARES[1:]), "disagree"),  # 0.11 off: a slip all the same
    ((_SHARES[0], _SHARES[1], _SHARES[2].replace("10.87", "10.86")), "disagree"),  # they make no 100%
])
def test_a_share_whose_尾数_makes_the_shares_100_percent_is_no_slip(lines, status, tmp_path):
    source, draft = tmp_path / "s.yaml", tmp_path / "d.txt"
    source.write_text(_SPENDING_SOURCE, encoding="utf-8")
    draft.write_text("\n".join(["省检察院本年支出预算合计 21,955.35 万元，其中：", *lines]), encoding="utf-8")
    result, problems = review(source, draft, despite_errors=True)
    assert result is not None, problems
    basic = next(v for v in result.verdicts if v.statement.kind == "share" and v.statement.label == "基本支出")
    assert basic.status == status


@pytest.mark.parametrize(("page", "figures"), [
    # 公开09表 of the tables file: 因公出国（境）费 wider than its figures, run into the cell 小计 heads beside it
    ("js-zhengxie-2018-p9.pdf", ("106.00", "156.60", "412.50")),
    # 公务用车 / 购置费 beside 公务用车 / 运行维护 / 费, each wrapped over lines of its own
    ("js-jianchayuan-2018-p19.pdf", ("100.00", "267.80", "116.50")),
])
def test_a_三公_table_whose_pdf_prints_the_vehicle_parts_over_one_column_of_figures_is_read_for_sure(
        catalog, page, figures):
    """江苏省政协办公厅 2018 p.9, 江苏省人民检察院 2018 p.19: 公务用车购置费 is printed blank, so the figures leave its
    column empty and the PDF sets its header and 公务用车运行维护费's over one column of figures. Each header heads a
    column of its own, the figure under 运行维护费 is its; 购置费's blank is no figure of the other part."""
    three = next(t for t in _read(page, catalog) if t.kind.id == "三公经费支出表")
    assert header_doubts(three) == []
    assert {"公务用车购置费", "公务用车运行维护费"} <= set(three.columns.values())
    tree = build([three], catalog).tree["三公经费"]
    assert [tree[item]["本年"].value for item in ("因公出国（境）费", "公务用车运行维护费", "公务接待费")] == [
        Decimal(f) * 10000 for f in figures]


@pytest.mark.parametrize(("page", "figures"), [
    ("js-zhengxie-2018-p9.pdf", ("884.16", "97.60")),  # “三公”经费、会议费、培训费支出预算表
    ("js-jianchayuan-2018-p19.pdf", ("200.44", "700.00")),  # 一般公共预算“三公”经费、会议费、培训费支出预算表
])
def test_the_会议费_and_培训费_beside_the_三公_are_kept_as_一般公共预算_economic_款(catalog, page, figures):
    """江苏省政协办公厅 2018 p.9, 江苏省人民检察院 2018 p.19: the “三公” table (一般公共预算's) prints 会议费 and 培训费
    beside its items; the text says them (“一般公共预算拨款安排的会议费预算支出884.16万元”). Kept as the 一般公共预算's
    economic 款 30215 and 30216 (经济分类款预算 with 资金), with no 上年 the table does not print."""
    three = next(t for t in _read(page, catalog) if t.kind.id == "三公经费支出表")
    lines = build([three], catalog).tree["经济分类款预算"]
    assert [(line["科目"].value, line["本年"].value, line["资金"].value, "上年" in line) for line in lines] == [
        ("30215", Decimal(figures[0]) * 10000, "一般公共预算", False),
        ("30216", Decimal(figures[1]) * 10000, "一般公共预算", False)]


_BESIDE_SOURCE = """部门: 江苏省政协办公厅
年度: 2018
金额单位: 万元
经济分类款预算:
  - {科目: 30215, 本年: 884.16, 资金: 一般公共预算}
  - {科目: 30216, 本年: 97.60, 资金: 一般公共预算}
"""


@pytest.mark.parametrize(("said", "status"), [
    ("884.16", "agree"),
    ("884.61", "disagree"),
])
def test_a_sentence_on_the_一般公共预算_会议费_is_judged_against_the_table(said, status, tmp_path):
    """江苏省政协办公厅 2018 p.7: “江苏省政协办公厅2018年度一般公共预算拨款安排的会议费预算支出884.16万元”."""
    source, draft = tmp_path / "s.yaml", tmp_path / "d.txt"
    source.write_text(_BESIDE_SOURCE, encoding="utf-8")
    draft.write_text(f"江苏省政协办公厅2018年度一般公共预算拨款安排的会议费预算支出{said}万元。", encoding="utf-8")
    result, problems = review(source, draft, despite_errors=True)
    assert result is not None, problems
    (verdict,) = [v for v in result.verdicts if v.statement.kind != "cell"]
    assert verdict.status == status


def test_a_group_header_printed_beside_another_header_still_heads_its_group(catalog):
    """上海市刑事科学技术研究院 2026 p.19 (a page of the Shanghai corpus): 公务用车购置及运行费 over 小计, 购置费 and 运行费,
    beside 机关运行经费预算数 — a group header, with words under it, is never taken for one column's."""
    three = next(t for t in _read("sh-city-xingkeyuan-2026-p19.pdf", catalog) if t.kind.id == "三公经费支出表")
    assert header_doubts(three) == []
    assert [three.columns[col] for col in (3, 4, 5)] == ["公务用车购置及运行维护费", "公务用车购置费", "公务用车运行维护费"]
