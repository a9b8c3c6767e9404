"""A 项目支出表 that sets each project's funds out beside their sum (烟台's 项目支出预算情况表: 项目名称, 项目类别, 合计,
财政拨款 小计, 一般公共预算 …, 单位资金, no 预算数 column) gives each project its 合计 — where it names each project
once; a list of projects that adds up to more than the 支出总表's 项目支出 is a difference between the tables (a list
may set out some projects only, never more than all of them); each project's 绩效目标表 is held to the project of its
name in that list (review).

The fixtures are page extracts (pypdf) of published PDFs of /work/shared/corpus (ORIGIN.md there): 烟台市住房和
城乡建设局 2026 pp. 1, 13–15, 29–31, 37, 61, 88, 90, 烟台市文化和旅游局 2026 pp. 1, 13, 28–29 and 烟台市医疗保障局
2026 pp. 1, 11–12, 25."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from reportgen.importing.pipeline import import_files
from reportgen.readers.lines import Line
from reportgen.readers.published import read_published
from reportgen.review.target_tables import against_projects, target_money
from tests.clients import require_program

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "import" / "national"
ZHUJIAN = FIXTURES / "yantai-zhujianju-2026-p1-13to15-29to31-37-61-88-90.pdf"
WENLV = FIXTURES / "yantai-wenlvju-2026-p1-13-28-29.pdf"
YIBAO = FIXTURES / "yantai-yibaoju-2026-p1-11-12-25.pdf"


@pytest.fixture(scope="module", autouse=True)
def _poppler() -> None:
    require_program("pdftotext")


def _projects(path: Path) -> list[tuple[str, Decimal]]:
    result = import_files([path], None)
    return [(p["名称"].value, p["金额"].value) for p in result.imported.tree["支出"].get("项目", [])]


def test_a_project_table_without_a_budget_column_gives_each_project_its_total() -> None:
    """医疗保障局 2026's 表11: twelve projects, each its 合计 (实施公车统管费用 8.00 = 一般公共预算 8.00), 14,175.00 in all."""
    projects = _projects(YIBAO)
    assert len(projects) == 12
    assert projects[:2] == [("实施公车统管费用", Decimal("8.00")), ("医疗保障工作经费", Decimal("392.00"))]
    assert sum(amount for _, amount in projects) == Decimal("14175.00")  # the table's 合计 row


def test_a_list_printing_one_name_for_several_units_projects_is_no_list_of_the_source() -> None:
    """住建局 2026's 表11 sets out every unit's projects with no column of the unit: 实施公车统管 five times, 政府专项债券
    付息 twice (126.32 and 3,279.87). A source lists a project once: no list is written (its rows stay read, for the
    tables' and the target tables' checks), and check finds no 重复 in the import."""
    assert _projects(ZHUJIAN) == []
    rows = import_files([ZHUJIAN], None).imported.rows["项目支出表"]
    assert [row.name for row in rows].count("政府专项债券付息") == 2


def test_projects_adding_up_to_more_than_the_project_spending_are_a_difference() -> None:
    """烟台市文化和旅游局 2026: 表11 totals 9,798.66 with a 考古经费 54.24 of 上年结转 that no other table holds; 表3's
    项目支出 is 9,744.42. 住建局's lists its projects to the cent of 表3's 29,804.60: nothing to tell."""
    told = [d for d in import_files([WENLV], None).differences if "项目支出表" in d]
    assert len(told) == 1 and "9,744.42" in told[0] and "9,798.66" in told[0]
    assert not [d for d in import_files([ZHUJIAN], None).differences if "项目支出表" in d]


def test_a_target_tables_money_is_held_to_the_project_of_its_name() -> None:
    """住建局 2026: the 绩效目标表 of 既有住宅加装电梯专项资金经费 prints 500.00 (表11: 400.00), 政府专项债券付息's 183.00
    (表11 lists two projects of that name, 126.32 and 3,279.87: neither); 质保金's 28.01 agrees; 城市更新城市体检 (87.45)
    is no project of 表11 — perhaps a unit's, or another year's — and is not told. One finding for the document."""
    lines = read_published(ZHUJIAN).lines
    assert [(t.name, t.amount) for t in target_money(lines)] == [
        ("城市更新城市体检", Decimal("87.45")), ("质保金", Decimal("28.01")),
        ("既有住宅加装电梯专项资金经费", Decimal("500.00")), ("政府专项债券付息", Decimal("183.00"))]
    found = against_projects(import_files([ZHUJIAN], None).imported, lines, ZHUJIAN)
    assert len(found) == 1 and found[0].message.startswith("2 张项目绩效目标表"), found
    assert "“既有住宅加装电梯专项资金经费”500.00万元，项目支出表为400.00万元" in found[0].message
    assert "“政府专项债券付息”183.00万元，项目支出表为126.32、3,279.87万元" in found[0].message


def test_no_target_table_is_held_to_a_list_of_projects_not_read_whole() -> None:
    """文化和旅游局 2026's 表11 is read as far as a project whose name wraps onto a second line: the projects read add up
    to less than the 9,798.66 it prints, so no target table is held to it (its 实施公车统管费用 8.00 is a row not read),
    and its projects are not written as the document's list."""
    imported = import_files([WENLV], None).imported
    assert _projects(WENLV) == []  # nor is a list of some of its projects written into the source
    lines = ["项目名称 实施公车统管费用", "年度预算资金总额： 8.00", "项目资金", "（万元）"]
    printed = [Line(number, text) for number, text in enumerate(lines, start=1)]
    assert [t.amount for t in target_money(printed)] == [Decimal("8.00")]
    assert against_projects(imported, printed, WENLV) == []
