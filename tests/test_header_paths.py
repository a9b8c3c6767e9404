"""A column's meaning is its header path — its group's words over its own — not its own word alone (issue 80 / 79
part 1; importing/recognition/header_paths.py, budget/project_levels.py).

- 长春市信访局 2026's 项目支出表 prints 一般公共预算 | 政府性基金预算 | 国有资本经营预算 under 本年财政拨款 and again
  under 财政拨款结转; the second group's word, centred over its three columns, was read over two: the first one's path
  was its own word alone, one meaning on two columns and the table not read (“一般公共预算”对应了2列 …). Its own word
  completes the run beside it into the first group's run: it is of that group.
- Shown, unchanged, on tables of other regions whose header repeats its child words under several groups (深圳市信访局
  2026's 三公 table: the three funds under each item; 烟台市民政局 2026's: 小计 | 购置 | 运行 under each year): a first or
  last column of a group, its group words taken away, is given them back; no other column is given any.
- A 项目支出表 by levels (长春's 一级项目 over its 二级项目) lists the projects of the lowest level: the 一级项目's row,
  their sum, is no project (listed with them, R-项目支出一致 told 949.12 against 474.56).
Each test fails on the code before them (ec7b3f83).

- A one-row “三公” table under two groups of the same columns (长春市信访局 2026: 当年预算 | 上年结转结余, each over
  小计, 因公出国（境）费 (小计, 因公出国（境）费, 科研因公出国（境）费用), 公务用车购置及运行费 (…), 公务接待费) is read
  column by column: its figures are centred under their header words (one row: the body cannot tell), so its
  cells are cut halfway between them and each header word heads the column it is centred on (before: 当年预算 over
  nine columns, 上年结转结余 over five); a cell's text wrapped over three lines, its middle line the narrowest
  (因公出 / 国 / （境）费), is one word; a column under the carry-over's group is “上年结转·…”, never this year's
  item; the note's numbered lines under “说明：” are the note's. Before (39cc7b38): “表头未能逐列认定”, 17 figures
  unread. Shown unchanged on the same class of header elsewhere: 烟台市民政局 2026's (2025年预算数 | 2026年预算数 over
  the same items) and 国家信访局 2024 决算's (预算数 | 决算数)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from reportgen.importing.pipeline import import_files
from reportgen.importing.recognition import catalog as catalogs
from reportgen.importing.recognition.header_paths import groups_completed
from reportgen.importing.recognition.recognize import CARRIED, LAST_BUDGET, Table, header_paths, recognize
from reportgen.importing.recognition.sure import header_doubts
from reportgen.importing.visible import as_seen
from reportgen.importing.which_layout import chosen
from reportgen.readers.published import read_published

SHARED = Path(__file__).resolve().parents[2] / "shared" / "corpus"
CHANGCHUN = SHARED / "fresh1" / "jl-changchun-xinfangju-2026-dept-budget.pdf"


def _read(path: Path) -> tuple[dict[str, Table], catalogs.Catalog]:
    seen = as_seen(read_published(path).grids)
    catalog = catalogs.load(chosen(seen.grids).layout)
    tables, _ = recognize(seen.grids, catalog)
    return {table.kind.id: table for table in tables}, catalog


def test_changchun_projects_table_is_read_by_its_columns_paths() -> None:
    tables, _ = _read(CHANGCHUN)
    table = tables["项目支出表"]
    assert header_doubts(table) == []  # before: “一般公共预算”对应了2列；“政府性基金”对应了2列；“国有资本经营”对应了2列
    assert [table.columns[col] for col in range(4, 13)] == [
        "合计", "一般公共预算", "政府性基金", "国有资本经营",
        f"{CARRIED}·一般公共预算", f"{CARRIED}·政府性基金", f"{CARRIED}·国有资本经营", "财政专户管理资金", "单位资金"]


def _repeated_ends(texts: dict[int, list[str]], groups: dict[int, list[bool]]) -> list[int]:
    """The first and last columns of each run of three or more under one group whose own words another group's run
    prints too."""
    runs: dict[tuple[str, ...], list[int]] = {}
    for col in sorted(texts):
        if len(texts[col]) >= 2 and all(groups[col][:-1]):
            runs.setdefault(tuple(texts[col][:-1]), []).append(col)
    owns = {group: tuple(texts[c][-1] for c in cols) for group, cols in runs.items()}
    return [end for group, cols in runs.items() if len(cols) >= 3 and cols == list(range(cols[0], cols[-1] + 1))
            and list(owns.values()).count(owns[group]) > 1 for end in (cols[0], cols[-1])]


@pytest.mark.parametrize("name, kind", [("fresh1/gd-shenzhen-xinfangju-2026-dept-budget", "三公经费支出表"),
                                        ("fresh1/sd-yantai-minzhengju-2026-dept-budget", "三公经费支出表"),
                                        ("fresh1/jl-changchun-xinfangju-2026-dept-budget", "支出总表")])
def test_a_groups_column_read_outside_it_is_given_its_groups_words_back(name: str, kind: str) -> None:
    tables, catalog = _read(SHARED / f"{name}.pdf")
    table = tables[kind]
    texts, groups = header_paths(table.grid, range(table.header_start, table.body_start), catalog)
    ends = _repeated_ends(texts, groups)
    assert ends
    assert groups_completed(texts, groups) == (texts, groups)  # read as printed: nothing given
    for col in ends:
        taken = {**texts, col: texts[col][-1:]}
        heads = {**groups, col: groups[col][-1:]}
        back, _ = groups_completed(taken, heads)
        assert back == texts, col


def test_changchun_projects_are_the_lowest_level() -> None:
    result = import_files([CHANGCHUN], None)
    projects = result.imported.tree["支出"]["项目"]
    assert [p["名称"].value for p in projects] == ["2026 信访专项经费", "2026 信访接待中心运行费", "2026 驻京经费",
                                                  "信访局临聘人员经费"]  # 综合管理 (一级项目, 474.56) heads them
    assert sum(p["金额"].value for p in projects) == Decimal("474.56")
    assert not [line for line in result.differences if "项目支出表" in line]


def test_changchun_three_public_table_is_read_column_by_column_under_its_two_groups() -> None:
    tables, catalog = _read(CHANGCHUN)
    table = tables["三公经费支出表"]
    assert header_doubts(table) == []  # before: “合计”对应了3列；“因公出国（境）费”对应了4列 …
    texts, _ = header_paths(table.grid, range(table.header_start, table.body_start), catalog)
    assert texts[11] == ["上年结转结余", "因公出国（境）费", "因公出国（境）费"]  # 因公出 / 国 / （境）费: one word
    assert texts[12] == ["上年结转结余", "因公出国（境）费", "科研因公出国（境）费用"]
    this_year = ["合计", "因公出国（境）费", "因公出国（境）费·因公出国（境）费", "因公出国（境）费·科研因公出国（境）费用",
                 "公务用车购置及运行维护费", "公务用车购置费", "公务用车运行维护费", "公务接待费"]
    assert [table.columns[col] for col in range(17)] == [
        "“三公”合计", *this_year, CARRIED, *(f"{CARRIED}·{meaning}" for meaning in this_year[1:])]


def test_changchun_three_public_figures_are_held_at_this_years_items_and_its_note_is_no_cell() -> None:
    result = import_files([CHANGCHUN], None)
    (row,) = result.imported.rows["三公经费支出表"]
    assert {meaning: str(amount.value) for meaning, amount in row.amounts.items() if amount.value} == {
        "“三公”合计": "7.61", "合计": "7.61", "公务用车购置及运行维护费": "6.75", "公务用车运行维护费": "6.75",
        "公务接待费": "0.86"}
    three = result.imported.tree["三公经费"]
    assert three["公务用车运行维护费"]["本年"].value == Decimal("6.75") and three["公务接待费"]["本年"].value == Decimal("0.86")
    assert not [line for line in result.differences if "本年预算数" in line]  # “1、“本年预算数”的单位范围……” is the note's


@pytest.mark.parametrize("name, kind, columns", [
    ("fresh1/sd-yantai-minzhengju-2026-dept-budget", "三公经费支出表",
     [f"{LAST_BUDGET}·合计", f"{LAST_BUDGET}·因公出国（境）费", f"{LAST_BUDGET}·公务用车购置及运行维护费",
      f"{LAST_BUDGET}·公务用车购置费", f"{LAST_BUDGET}·公务用车运行维护费", f"{LAST_BUDGET}·公务接待费", "合计",
      "因公出国（境）费", "公务用车购置及运行维护费", "公务用车购置费", "公务用车运行维护费", "公务接待费"]),
    ("fresh1/central-guojia-xinfangju-2024-dept-final", "财政拨款三公经费支出决算表",
     ["合计", "因公出国（境）费", "公务用车购置及运行维护费", "公务用车购置费", "公务用车运行维护费", "公务接待费",
      "合计", "因公出国（境）费", "公务用车购置及运行维护费", "公务用车购置费", "公务用车运行维护费", "公务接待费"])])
def test_the_same_two_group_three_public_header_elsewhere_reads_as_before(name: str, kind: str, columns: list[str]) -> None:
    tables, _ = _read(SHARED / f"{name}.pdf")
    table = tables[kind]
    assert [table.columns[col] for col in sorted(table.columns)] == columns
