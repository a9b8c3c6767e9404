"""Column meaning from the table's arithmetic, not from a word list (issue 79; importing/by_arithmetic.py).

Written from the tables of 北京, 烟台, 重庆, 广州 (a part column whose header word is taken away is given back by the
identities the table satisfies), 浙江 (杭州, 湖州: a 收支总表 whose “项 目” the PDF sets over two columns) and 长沙 (人员类
beside 公用经费 under 总计), and shown unchanged on 长春市信访局 2026 (fresh1), refused before as 未能审核: its columns
本年预算 | 编制预算 | 上年结转, 合计 | 当年预算 小计 | … | 上年结转结余 小计, under words no vocabulary here holds."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from bench.review_eval import CORPUS, Reported, expected_slips, match, reported_of
from reportgen.importing.recognition import catalog as catalogs
from reportgen.importing.recognition.by_arithmetic import (
    THIS_YEAR_INCOME,
    THIS_YEAR_SPENDING,
    Printed,
    adds_up,
    by_arithmetic,
)
from reportgen.importing.recognition.imported import rows_of
from reportgen.importing.recognition.item_sums import items_by_sums
from reportgen.importing.recognition.recognize import Table, printed
from reportgen.importing.recognition.rows import CellProblem
from reportgen.importing.recognition.sides import label_columns, side_rows
from reportgen.importing.recognition.sure import header_doubts
from reportgen.review.documents import DocumentReview, review_document
from tests.support.national import tables_as_seen

SHARED = Path(__file__).resolve().parents[2] / "shared" / "corpus"
FRESH = SHARED / "fresh1"
CHANGCHUN = FRESH / "jl-changchun-xinfangju-2026-dept-budget.pdf"


@pytest.fixture(scope="module")
def changchun() -> dict[str, Table]:
    return tables_as_seen(CHANGCHUN)


@pytest.fixture(scope="module")
def changchun_review() -> tuple[DocumentReview, list[Reported]]:
    result = review_document(CHANGCHUN, None)
    found = reported_of(result)[0]
    match(found, expected_slips(CHANGCHUN.stem, corpus=CORPUS / "fresh1"), [])
    return result, found


def _meaning(table: Table, word: str) -> list[str]:
    """The meanings of the columns whose own (lowest) header word is ``word``."""
    header = printed(table).header
    return [table.columns.get(col, "") for col in sorted(header) if header[col] == word]


# The part columns a vocabulary names, each given back by the arithmetic with its meaning taken away.
_PARTS = ("基本支出", "项目支出", "人员经费", "公用经费")


@pytest.mark.parametrize("name", ["bj-minzhengju-2026-dept-budget-tables", "sd-yantai-renshe-2026-dept-budget",
                                  "fresh1/cq-xuanchuanbu-2026-dept-budget", "gd-guangzhou-minzheng-2026-dept-budget"])
def test_a_part_column_unnamed_is_the_part_that_makes_its_total(name: str) -> None:
    recovered = 0
    for table in tables_as_seen(SHARED / f"{name}.pdf").values():
        body = printed(table)
        for col, meaning in table.columns.items():
            if meaning not in _PARTS or not any(body.figures.get(col, {}).values()):
                continue
            unnamed = {c: m for c, m in table.columns.items() if c != col}
            got = by_arithmetic(body, table.kind.shape, unnamed).get(col)
            assert got in (meaning, None), (table.kind.id, col, meaning, got)  # never another meaning
            recovered += got == meaning
    assert recovered >= 4


def test_this_years_total_beside_the_carried_over_is_told_by_arithmetic_as_by_its_words() -> None:
    # 北京市民政局's 收入总表: 合计 | 本年收入 小计 | … | 上年结转结余 小计, read 本年收入合计 by its words (recognize's
    # _one_total); read 合计 twice, the arithmetic tells the same column
    table = tables_as_seen(SHARED / "bj-minzhengju-2026-dept-budget-tables.pdf")["收入总表"]
    col = next(c for c, m in table.columns.items() if m == THIS_YEAR_INCOME)
    assert by_arithmetic(printed(table), table.kind.shape, {**table.columns, col: "合计"})[col] == THIS_YEAR_INCOME


@pytest.fixture(scope="module")
def xian() -> dict[str, Table]:
    return tables_as_seen(FRESH / "sn-xian-xingzhengshenpi-2025-dept-budget.pdf")


def test_a_two_sided_table_printing_four_label_amount_pairs_reads_every_side(xian) -> None:
    # 西安市行政审批服务局 2025 (陕西 部门综合预算): 项目 | 预算数 | 支出功能分类科目 | 预算数 | 部门预算支出经济分类科目 |
    # 预算数 | 政府预算支出经济分类科目 | 预算数 — one 名称 column named; before, every 预算数 column read as the income
    # side's, and 311 of the document's 549 figures unread; now each side's rows are its own, 支出总计 on each
    tables = xian
    for kind in ("收支总表", "财政拨款收支总表"):
        assert label_columns(tables[kind]) == [0, 2, 4, 6]
    imported = rows_of(list(tables.values()), catalogs.Catalog([], {}, {}, {}))
    left, right = imported.sides["收支总表"]
    assert [r.label for r in left if r.amounts and not r.amounts[next(iter(r.amounts))].blank][:2] == ["部门预算", "财政拨款"]
    assert next(r for r in right if r.label == "一般公共服务支出").amounts["预算数"].value == Decimal("45144630.00")
    further = imported.further["收支总表"]
    assert [side[1].label for side in further] == ["人员经费和公用经费支出", "机关工资福利支出"]
    for side in [right, *further]:
        assert next(r for r in side if r.label == "支出总计").amounts["预算数"].value == Decimal("50937608.35")
    problems: list[CellProblem] = []
    assert len(side_rows(tables["财政拨款收支总表"], problems)) == 4
    assert problems == []


def test_the_government_class_pair_under_no_header_word_is_read_as_printed(xian) -> None:
    # 西安 2025's 基本支出表: 部门经济科目编码 | 部门经济科目名称 | 政府经济科目编码 | 政府经济科目名称, words no vocabulary
    # holds. Before, the 政府 pair was left unread and every 款 went to its default 政府 款: 30107 绩效工资 under 50101
    # 工资奖金津补贴, where the table prints it under 50199 其他工资福利支出 (the learned draft put 740,000.40 there)
    table = xian["一般公共预算基本支出表"]
    assert sorted(col for col, meaning in table.columns.items() if meaning in ("编码", "名称")) == [0, 1, 2, 3]
    rows = {row.code: row.second for row in rows_of([table], catalogs.Catalog([], {}, {}, {})).rows[table.kind.id]}
    assert rows["30107"] == ("50199", "其他工资福利支出")
    assert rows["30101"] == ("50101", "工资奖金津补贴") and rows["301"] is None  # a 类's line prints no 政府 class


def test_a_pair_of_codes_is_the_government_class_only_where_its_codes_are() -> None:
    # the columns' codes by classification (their first digit): a 部门 款 beside 政府 codes is a pair; beside function
    # codes (2…), or a 政府 pair beside function lines, nothing is read as the 政府 class the row goes to
    figures = {4: {5: Decimal(1), 6: Decimal(2)}}
    def named(first: str, second: str) -> dict[int, str]:
        seen = Printed(figures, frozenset({1, 3}), {}, frozenset({0, 2}), {0: frozenset(first), 2: frozenset(second)})
        return by_arithmetic(seen, "科目", {4: "合计"})
    assert named("3", "5") == {4: "合计", 0: "编码", 1: "名称", 2: "编码", 3: "名称"}
    assert named("3", "2") == named("2", "5") == {4: "合计", 0: "编码", 1: "名称"}


@pytest.mark.parametrize("name", ["zj-hangzhou-qixiang-2026-dept-budget", "zj-huzhou-caizhengju-2026-dept-budget",
                                  "jl-changchun-xinfangju-2026-dept-budget"])
def test_a_two_sided_table_whose_label_header_is_set_apart_has_its_labels_by_what_they_print(name: str) -> None:
    # “项              目” printed spaced over two columns: before, the side's label column read as the level 项 and
    # the table not read for sure (“预算数”对应了2列)
    for kind in ("收支总表", "财政拨款收支总表"):
        table = tables_as_seen(FRESH / f"{name}.pdf")[kind]
        assert len(label_columns(table)) == 2
        assert header_doubts(table) == []


def test_changchun_columns_are_read_by_the_identities_their_rows_satisfy(changchun) -> None:
    for kind in ("收支总表", "财政拨款收支总表"):  # 本年预算 = 编制预算 + 上年结转 on each side
        assert _meaning(changchun[kind], "本年预算") == ["预算数", "预算数"]
        assert _meaning(changchun[kind], "编制预算") == ["预算数·编制预算", "预算数·编制预算"]
        assert header_doubts(changchun[kind]) == []
    # 合计 = 当年预算 小计 + 上年结转结余 小计: the 小计 is this year's
    assert changchun["支出总表"].columns[3] == THIS_YEAR_SPENDING
    assert changchun["一般公共预算基本支出表"].columns[3] == THIS_YEAR_SPENDING
    assert changchun["收入总表"].columns[3] == THIS_YEAR_INCOME
    for kind in ("支出总表", "一般公共预算基本支出表"):
        assert header_doubts(changchun[kind]) == []


def test_an_identity_holds_on_all_rows_but_a_slip_never_on_a_guess() -> None:
    rows = {row: Decimal(row) for row in range(1, 11)}
    half = {row: Decimal(row) / 2 for row in rows}
    body = Printed({0: rows, 1: half, 2: dict(half)}, frozenset(), {0: "合计", 1: "甲", 2: "乙"})
    assert adds_up(body, 0, [1, 2], 2)
    slipped = Printed({**body.figures, 2: {**half, 3: Decimal(0)}}, frozenset(), body.header)  # one row in ten
    assert adds_up(slipped, 0, [1, 2], 2)
    wrong = Printed({**body.figures, 2: {row: Decimal(0) for row in rows}}, frozenset(), body.header)
    assert not adds_up(wrong, 0, [1, 2], 2)


def test_changchun_is_reviewed_its_figures_on_their_rows_and_its_table_slips_told(changchun_review) -> None:
    result, found = changchun_review
    assert not result.refused and not result.unreviewed
    assert result.imported is not None
    rows = {row.code: row for row in result.imported.imported.rows["支出总表"] if row.code}
    assert rows["2014002"].amounts["项目支出"].value == Decimal("458.00")
    assert rows["2014001"].amounts["基本支出"].value == Decimal("903.85")
    assert rows["2210201"].amounts["合计"].value == Decimal("93.27")
    caught = {item.slip for item in found if item.true}
    # 表6's 301 and 302 against their 款 (S3, S4), 30208 printed for 物业管理费 (S5), 1682.76元 (S8), 15.56 (S10)
    assert {"S1", "S3", "S4", "S5", "S8", "S10"} <= caught
    # 30208 printed twice, once over 物业管理费 (30209's name): told as a code and name apart, not as a line to merge
    assert not any("30208 重复填报" in item.text for item in found)
    # the 款 of 301 and 302 over-add (S3, S4), told at their 类 rows once: not again as 基本支出 against 经济分类 (1,228.31),
    # 人员经费 against 301 + 303 (1,006.94), nor as the text's 54.15% of 911.21 “应为 54.73%” (920.96, the 款' sum)
    text = "\n".join(item.text for item in found)
    assert "1,228.31" not in text and "1,006.94万元 不一致" not in text and "54.73%" not in text


def test_a_three_public_table_not_read_is_no_statement_that_nothing_is_budgeted(changchun_review) -> None:
    # its “三公” table (当年预算 | 上年结转结余 over the items) is not read for sure; before, its page's words were taken
    # for a section saying no “三公” is budgeted, and 7.61万元 was told “应为 0.00万元”
    result, found = changchun_review
    assert not any("应为 0.00万元" in item.text or "“三公”经费中的" in item.text for item in found)
    assert result.imported is not None
    assert "说明" not in (result.imported.imported.tree.get("三公经费") or {})


def test_a_three_public_item_over_two_columns_is_placed_only_where_one_reading_holds() -> None:
    # 重庆市委宣传部 2026 p. 23 as read: 合计 | 因公出国（境）费 ×2 | 购置费 (blank) | 运行费 | 公务接待费
    meanings = {0: "合计", 1: "因公出国（境）费", 2: "因公出国（境）费", 3: "公务用车购置费", 4: "公务用车运行维护费",
                5: "公务接待费"}

    def row(*figures: str) -> Printed:
        return Printed({col: {5: Decimal(figure)} for col, figure in enumerate(figures) if figure}, frozenset(), {})

    placed = items_by_sums(row("275.80", "100.00", "112.00", "", "112.00", "63.80"), meanings)
    assert placed[1] == "因公出国（境）费" and placed[2] == "公务用车购置及运行维护费"
    # the two columns printing one amount: either reading holds, neither is taken (the table stays unread for sure)
    assert items_by_sums(row("287.80", "112.00", "112.00", "", "112.00", "63.80"), meanings) == meanings
    # the 合计 not the items' sum (a slip, or another reading): neither holds, nothing is placed
    assert items_by_sums(row("280.00", "100.00", "112.00", "", "112.00", "63.80"), meanings) == meanings


@pytest.fixture(scope="module")
def changsha() -> dict[str, Table]:
    return tables_as_seen(FRESH / "hn-changsha-gonganju-2025-dept-budget.pdf")


def _side_names(table: Table, col: int) -> list[str]:
    """The texts printed in a table's label column ``col``, row by row."""
    return [text for row in table.grid.rows[table.body_start:] if (text := row[col].text.strip())]


def test_a_line_numbered_in_arabic_figures_is_a_row_of_its_own(xian, changsha) -> None:
    # 西安 2025's 收支总表 lists its function 类 “1、一般公共服务支出” … “24、其他支出”; 20、住房保障支出 prints
    # 2,469,786.85, the four under it nothing, and nothing beside them: before, they were read as 20's name wrapped,
    # “住房保障支出21、粮油物资储备支出22、…24、其他支出”. 长沙 2025's 财政拨款收支总表 carries “22、其他支出” atop a
    # page, over “二、结转下年”: before, read as one name, “22、其他支出二、结转下年”
    for kind in ("收支总表", "财政拨款收支总表"):
        names = _side_names(xian[kind], 2)
        assert names[names.index("20、住房保障支出") + 1:][:4] == ["21、粮油物资储备支出", "22、国有资本经营预算支出",
                                                             "23、灾害防治及应急管理支出", "24、其他支出"]
    table = changsha["财政拨款收支总表"]
    names = [text for row in table.grid.rows[table.body_start:] for cell in row if (text := cell.text.strip())]
    assert "22、其他支出" in names and "二、结转下年" in names


def test_a_column_headed_in_which_is_its_groups_part_and_the_amount_beside_it_the_groups_own(changsha) -> None:
    """国家信访局 2026's 收入总表: 事业收入 over 金额 | 其中:教育收费 — 事业收入 was read from the 其中 column (a subset, a
    figure under a column it is not printed at) and the 金额 column as the table's 预算数. 长沙市公安局 2025's 本级财政拨款
    over 金额 | 其中:经费拨款: 本级财政拨款 is the 财政拨款 (导入.yaml), the 金额 its figure and the 其中 column its part —
    before, 预算数 and its 合计 relation refuted on all 11 rows (the sources beside it, blank, held to the 合计)."""
    columns = tables_as_seen(FRESH / "central-guojia-xinfangju-2026-dept-budget.pdf")["收入总表"].columns
    assert columns[5] == "事业收入" and columns[6] == "事业收入·其中：教育收费"
    assert list(columns.values()).count("事业收入") == 1
    columns = changsha["收入总表"].columns
    assert columns[5] == "财政拨款" and columns[6] == "财政拨款·其中：经费拨款"
