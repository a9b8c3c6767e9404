"""深圳's budget tables read for sure (issue 54 part 2): each of its tables' columns known by what it
holds — a header year parted from its 年 (2026 / 年预算数), a cell's text wrapped over lines, a group over
the funds (因公出国(境)费 over 一般公共预算, 政府性基金, 国有资本经营), columns no field of the source holds
(政府采购项目, 预算单位) read and told as not used — and its economic table of the 一般公共预算 taken for
the 一般公共预算基本支出表 it holds.

The fixtures are page extracts (pypdf) of published PDFs of /work/shared/corpus (ORIGIN.md there):
深圳市民政局 2026 pp. 16–22 and 26–35 (its tables but the 基本支出总表 and 项目支出总表), 深圳市规划和自然资源局
大鹏管理局 2026 pp. 20–21 (its 支出总表's first two pages), 深圳市水务局 2026 pp. 63 and 180 (a department of
15 units: its 支出总表's first page and its 三公 table's)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from reportgen.importing.budget.build import three_public_rows
from reportgen.importing.pipeline import import_files
from reportgen.importing.recognition import catalog as catalogs
from reportgen.importing.recognition import sure
from reportgen.importing.recognition.recognize import Table, recognize
from reportgen.importing.recognition.rows import body_rows
from reportgen.importing.tree import Placed
from reportgen.readers.published import read_published
from tests.clients import require_program
from tests.support.national import FIXTURES

MINZHENG = FIXTURES / "shenzhen-minzheng-2026-p16-22-26-35.pdf"
DAPENG = FIXTURES / "shenzhen-guiziju-dapeng-2026-p20-21.pdf"
SHUIWU = FIXTURES / "shenzhen-shuiwu-2026-p63-180.pdf"


@pytest.fixture(scope="module", autouse=True)
def _poppler() -> None:
    require_program("pdftotext")


@pytest.fixture(scope="module")
def minzheng() -> dict[str, Table]:
    known, _ = recognize(read_published(MINZHENG).grids, catalogs.load(None))
    return {table.kind.id: table for table in known}


def _plain(node: object) -> object:
    if isinstance(node, Placed):
        return node.value
    if isinstance(node, dict):
        return {key: _plain(value) for key, value in node.items()}
    if isinstance(node, list):
        return [_plain(value) for value in node]
    return node


def test_every_table_is_read_column_by_column(minzheng: dict[str, Table]) -> None:
    assert sorted(minzheng) == ["一般公共预算基本支出表", "一般公共预算支出表", "三公经费支出表", "国有资本经营预算支出表",
                                "支出总表", "收入总表", "收支总表", "政府性基金预算支出表", "财政拨款收支总表"]
    assert {kind: sure.header_doubts(table) for kind, table in minzheng.items() if sure.header_doubts(table)} == {}


def test_a_year_parted_from_its_words_and_a_two_sided_header(minzheng: dict[str, Table]) -> None:
    """收　入 / 支　出 over 项目 and “2026 年预算数” (pdftotext parts the year from its 年): two sides of a
    label and this year's figure each, not a column for the year and one for 年预算数."""
    both = minzheng["收支总表"]
    assert both.columns == {0: "名称", 1: "预算数", 2: "名称", 3: "预算数"}
    income = minzheng["收入总表"]
    assert income.columns[11] == "上年结转"  # 上年结余 / 、结转
    assert income.columns[1] == "收入总计" and income.columns[0] == "单位"


def test_columns_no_field_holds_are_read_as_what_they_are(minzheng: dict[str, Table]) -> None:
    """支出总表: 事业单位经营支出, 对附属单位补助支出 and 上缴上级支出; 2026年政府采购项目 over 小计 and its two
    其中 (their words wrapped over four lines) — each its own meaning; the row naming the table's own unit
    (预算单位 深圳市民政局（本级）) is its total."""
    spending = minzheng["支出总表"]
    assert [spending.columns[col] for col in range(3, 12)] == [
        "合计", "基本支出", "项目支出", "经营支出", "对附属单位补助支出", "上缴上级支出",
        "政府采购", "政府采购预留中小企业", "政府采购预留小微企业"]
    first = body_rows(spending)[0]
    assert first.total and first.label == "深圳市民政局（本级）"
    assert first.amounts["政府采购"].value == Decimal("2469.28")


def test_a_three_public_table_of_items_by_fund(minzheng: dict[str, Table]) -> None:
    """财政拨款“三公”经费支出表: 总计, 因公出国(境)费, 公务接待费 and 公务用车购置及运行维护费 (小计, 购置费,
    运行维护费) each over the three funds: a column each item of each fund, the item the one fund that
    spends (46.80 under 一般公共预算, 0.00 under the others)."""
    table = minzheng["三公经费支出表"]
    assert table.columns[5] == "因公出国（境）费·一般公共预算" and table.columns[4] == "“三公”合计·国有资本经营"
    assert table.columns[11] == "公务用车购置及运行维护费·一般公共预算"  # its 小计, not the 三公 total
    result = import_files([MINZHENG], None)
    three = _plain(result.imported.tree["三公经费"])
    this_year, last_year = three.pop("按资金"), three.pop("上年按资金")  # as printed: 2026 年 and 2025 年 by fund
    assert this_year["因公出国（境）费"] == {"一般公共预算": Decimal("46.80"), "政府性基金": Decimal("0.00"),
                                        "国有资本经营": Decimal("0.00")}
    assert this_year["合计"]["一般公共预算"] == Decimal("66.00") and last_year["合计"]["一般公共预算"] == Decimal("33.00")
    assert last_year["公务用车购置费"]["一般公共预算"] == Decimal("12.00")
    assert three == {"因公出国（境）费": {"本年": Decimal("46.80"), "上年": Decimal("0.00")},
                     "公务用车购置费": {"本年": Decimal("0.00"), "上年": Decimal("12.00")},
                     "公务用车运行维护费": {"本年": Decimal("4.20"), "上年": Decimal("6.00")},
                     "公务接待费": {"本年": Decimal("15.00"), "上年": Decimal("15.00")}}
    this, _ = three_public_rows(result.imported)
    assert this is not None and this.amounts["“三公”合计"].value == Decimal("66.00")


def test_an_item_two_funds_spend_on_is_no_one_figure(minzheng: dict[str, Table]) -> None:
    from reportgen.importing.budget.build import _items_of_funds
    from reportgen.importing.recognition.rows import Amount, Row

    row = Row(0, "第1行", amounts={"公务接待费·一般公共预算": Amount(Decimal("3.00"), "a"),
                                   "公务接待费·政府性基金": Amount(Decimal("2.00"), "b"),
                                   "公务接待费·国有资本经营": Amount(Decimal("0.00"), "c")})
    assert "公务接待费" not in _items_of_funds(row).amounts


def test_the_import_reads_the_income_and_the_reserved_procurement() -> None:
    """收支总表: 一、财政拨款 and 三、单位资金 group the sources under them (never written as sources); the
    rows under 上年结余、结转 are its parts; the 支出总表's total row gives 政府采购's reserved parts, its lines each line's."""
    result = import_files([MINZHENG], None)
    assert result.differences == [] and not result.imported.unsure
    income = _plain(result.imported.tree["收入"])
    assert isinstance(income, dict) and "单位资金" not in income and "财政拨款收入" not in income
    assert income["一般公共预算拨款"] == Decimal("8761.33") and income["上年结转"] == Decimal("185.98")
    procurement = _plain(result.imported.tree["政府采购"])
    assert isinstance(procurement, dict)
    assert {k: v for k, v in procurement.items() if k != "功能分类"} == {"中小企业": Decimal("585.20"), "小微企业": Decimal("0.00")}
    # and each line's, as printed (tests/test_shenzhen_tables.py)
    assert {"科目": 2080202, "合计": Decimal("1145.68"), "中小企业": Decimal("138.91"), "小微企业": Decimal("0.00")} \
        in procurement["功能分类"]


def test_the_economic_table_of_the_general_budget_gives_its_basic_lines() -> None:
    """一般公共预算支出表（按经济分类）: 支出总计, 基本支出, 项目支出 by economic class — its 基本支出 column is
    the 一般公共预算基本支出表; a line of 项目支出 alone (30213 维修（护）费 0.00 / 35.32) is none of it."""
    result = import_files([MINZHENG], None)
    lines = {line["科目"]: line["金额"] for line in _plain(result.imported.tree["支出"])["基本支出"]["经济分类"]}
    assert lines[30201] == Decimal("21.28") and lines[30227] == Decimal("50.58")  # not 108.66, 2,765.20
    assert 30213 not in lines and 31002 not in lines
    assert sum((v for code, v in lines.items() if code > 1000), Decimal(0)) == Decimal("5581.70")  # 5,581.69 printed


def test_a_label_wrapped_around_its_figures_is_the_row_s() -> None:
    """大鹏管理局's unit name is set over two lines around its figures (深圳市规划和自然资源局大鹏管 / 4,505.81 … /
    理局): the row's label, not a line of the header — so the next page's header repeated is dropped."""
    known, _ = recognize(read_published(DAPENG).grids, catalogs.load(None))
    (spending,) = [t for t in known if t.kind.id == "支出总表"]
    rows = body_rows(spending)
    assert rows[0].label == "深圳市规划和自然资源局大鹏管理局" and rows[0].total
    assert rows[0].amounts["合计"].value == Decimal("4505.81")
    assert all(r.code for r in rows[1:])  # no line of the repeated header read as a row
    assert {place.split(" ")[0] for place in spending.grid.row_places or []} == {"第1页", "第2页"}


def test_the_rows_of_several_units_in_turn_are_not_read_for_sure() -> None:
    """深圳市水务局's tables print the department's row, then 深圳市水务局（本级） and its rows, then each other
    unit's: no row is the department's line of a code (nor its 2026 年 row of the 三公 table) — not read for
    sure, their figures told as not read, never summed into a difference."""
    known, _ = recognize(read_published(SHUIWU).grids, catalogs.load(None))
    doubts = {t.kind.id: sure.header_doubts(t) for t in known}
    assert set(doubts) == {"支出总表", "三公经费支出表"}
    assert all(any(d.endswith("的行相继印出") and "深圳市水务局（本级）" in d for d in found) for found in doubts.values())
    # a department of one unit (深圳市民政局（本级）, its notes under the tables aside) is read as ever
    assert not any(d.endswith("的行相继印出") for t in recognize(read_published(MINZHENG).grids, catalogs.load(None))[0]
                   for d in sure.header_doubts(t))


CORPUS = Path("/work/shared/corpus/gd-shenzhen-xuanchuanbu-2026-dept-budget.pdf")


@pytest.mark.skipif(not CORPUS.exists(), reason="the national corpus (/work/shared/corpus) is not here")
def test_a_class_of_all_funds_is_held_to_the_fund_tables_together() -> None:
    """中共深圳市委宣传部's 财政拨款收支总表 prints 三、文化旅游体育与传媒支出 137,466.61 in one column: the
    一般公共预算支出表's 207 (137,086.61) and the 政府性基金预算支出表's (380.00) together, no difference."""
    result = import_files([CORPUS], None)
    assert not [d for d in result.differences if "文化旅游体育与传媒" in d]
    assert not result.imported.unsure


def test_in_service_staff_costs_are_no_staff_costs() -> None:
    """深圳市民政局 2026 p. 7: “（一）在职人员经费 3,738.92 万元” — a part of its 人员经费 (its 基本支出 is 在职人员经费,
    公用经费, 对个人和家庭补助支出 and 增人增资): never judged against the 人员经费 its tables give (4,605.49)."""
    from reportgen.review.glossary import Naming

    names: Naming[str] = Naming()
    names.add("人员经费", "人员经费")
    assert names.find("人员经费") == "人员经费" and names.find("2026年部门人员经费") == "人员经费"
    assert names.find("在职人员经费") is None


DAPENG_WHOLE = Path("/work/shared/corpus/gd-shenzhen-guiziju-dapeng-2026-dept-budget.pdf")


@pytest.mark.skipif(not DAPENG_WHOLE.exists(), reason="the national corpus (/work/shared/corpus) is not here")
def test_a_total_a_tail_from_its_lines_is_kept_as_printed() -> None:
    """大鹏管理局's 支出总表 prints 支出总计 4,505.81 (its 类 add up to it) and 项目支出 1,856.92 over 项 lines
    adding to 4,505.82 and 1,856.93, each rounded to 0.01 万元 on its own: the totals are written as printed
    (the source's, summed from its lines, would stand a 尾数 from the 收入总计 4,505.81 it balances)."""
    spending = import_files([DAPENG_WHOLE], None).imported.tree["支出"]
    assert isinstance(spending, dict)
    assert _plain(spending["合计"]) == Decimal("4505.81") and _plain(spending["项目支出"]) == Decimal("1856.92")
    # traced to the line it is printed on: the row's name wraps over 第16行 and 第18行 around its figures (第17行)
    assert spending["合计"].where == "支出总表 第20页 第17行"  # type: ignore[union-attr]


@pytest.mark.skipif(not DAPENG_WHOLE.exists(), reason="the national corpus (/work/shared/corpus) is not here")
def test_a_project_list_a_tail_over_the_printed_total_is_no_slip(tmp_path: Path) -> None:
    """大鹏管理局's text lists its projects at 1,856.94 万元 in all (each rounded on its own), its 支出总表 prints
    项目支出 1,856.92: within their 尾数, so no R-项目支出合计 — which a list 1.00 万元 over still gets."""
    from reportgen.cli import main
    from reportgen.runners.render import check_findings

    source = tmp_path / "dapeng.yaml"
    main(["import", str(DAPENG_WHOLE), "-o", str(source)])
    assert not [f for f in check_findings(source) if f.rule == "R-项目支出合计"]
    text = source.read_text(encoding="utf-8")
    over = tmp_path / "over.yaml"
    over.write_text(text.replace("项目支出: 1856.92", "项目支出: 1855.92", 1), encoding="utf-8")
    assert any(f.severity == "error" and "项目清单合计 1,856.94万元 超过" in f.message
               for f in check_findings(over) if f.rule == "R-项目支出合计")


MINZHENG_WHOLE = Path("/work/shared/corpus/gd-shenzhen-minzheng-2026-dept-budget.pdf")


@pytest.mark.skipif(not MINZHENG_WHOLE.exists(), reason="the national corpus (/work/shared/corpus) is not here")
def test_the_import_judges_no_row_of_a_table_it_read_as_a_sentence(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """民政局's 一般公共预算支出表（按经济分类） row “30201 办公费 108.66 21.28 87.38” is its table's, judged by
    reconciling the table: the import's check of its text never reads it as a sentence saying 办公费 is 108.66
    (the 基本支出 21.28 is the source's), as the review does not either."""
    from reportgen.cli import main

    main(["import", str(MINZHENG_WHOLE), "-o", str(tmp_path / "minzheng.yaml")])
    told = [line for line in capsys.readouterr().out.splitlines() if "[R-核对]" in line]
    # (the sentences' own figures are judged: 300.00 of the 福彩公益金's parts is its own 预算准备金, no slip — tests/
    # test_review_listed_parts.py — and nothing else in its text disagrees)
    assert not [line for line in told if "表格数" in line], told


XUANCHUANBU = Path("/work/shared/corpus/gd-shenzhen-xuanchuanbu-2026-dept-budget.pdf")


@pytest.mark.skipif(not XUANCHUANBU.exists(), reason="the national corpus (/work/shared/corpus) is not here")
def test_running_costs_a_document_defines_otherwise_are_no_part_of_public_costs(tmp_path: Path) -> None:
    """宣传部 2026 states 机关运行经费 1,086.70 beside 公用经费 453.61: its 名词解释 defines 行政经费（机关运行经费）
    as the funds of a list of economic items (办公设备购置, 公务用车购置 among them), no part of 公用经费 — no
    R-机关运行经费; with the national definition (日常公用经费) the same figures are one."""
    from reportgen.cli import main
    from reportgen.runners.render import check_findings

    source = tmp_path / "xuanchuanbu.yaml"
    main(["import", str(XUANCHUANBU), "-o", str(source)])
    assert not [f for f in check_findings(source) if f.rule == "R-机关运行经费"]
    text = source.read_text(encoding="utf-8")
    start = text.index("  - {术语: 行政经费（机关运行经费）")
    national = tmp_path / "national.yaml"
    national.write_text(text[:start] + text[text.index("\n", start) + 1:], encoding="utf-8")
    assert [f.rule for f in check_findings(national) if f.rule == "R-机关运行经费"] == ["R-机关运行经费"]
