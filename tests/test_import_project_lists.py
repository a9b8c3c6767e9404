"""A 项目支出表 that sets each project's funds out beside their sum (烟台's 项目支出预算情况表: 项目名称, 项目类别, 合计,
财政拨款 小计, 一般公共预算 …, 单位资金, no 预算数 column) gives each project its 合计 — where it names each project
once; a list of projects that adds up to more than the 支出总表's 项目支出 is a difference between the tables (a list
may set out some projects only, never more than all of them); each project's 绩效目标表 is held to the project of its
name in that list (review).

The fixtures are page extracts (pypdf) of published PDFs of /work/shared/corpus (ORIGIN.md there): 烟台市住房和
城乡建设局 2026 pp. 1, 13–15, 29–31, 37, 61, 88, 90 (and pp. 1, 13–15, 29–31, 37, 40, 41, 66, 68, 71, 83), 烟台市文化和旅游局 2026 pp. 1, 13, 28–29 (and pp. 1, 13–14, 28–29, 37–38, 66), 烟台市水利局 2026
pp. 1, 13–14, 28–29, 36–37, 50 and 烟台市医疗保障局 2026 pp. 1, 11–12, 25."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from reportgen.importing.pipeline import import_files
from reportgen.readers.published import read_published
from reportgen.readers.text.lines import Line
from reportgen.review.target_tables import against_projects, target_money
from reportgen.runners.render import prepare
from tests.clients import require_program

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "import" / "national"
ZHUJIAN = FIXTURES / "yantai-zhujianju-2026-p1-13to15-29to31-37-61-88-90.pdf"
ZHUJIAN_MORE = FIXTURES / "yantai-zhujianju-2026-p1-13to15-29to31-37-40-41-66-68-71-83.pdf"
WENLV = FIXTURES / "yantai-wenlvju-2026-p1-13-28-29.pdf"
YIBAO = FIXTURES / "yantai-yibaoju-2026-p1-11-12-25.pdf"
WENLV_WHOLE = FIXTURES / "yantai-wenlvju-2026-p1-13-14-28-29-37-38-66.pdf"
SHUILI = FIXTURES / "yantai-shuiliju-2026-p1-13-14-28-29-36-37-50.pdf"


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


def test_a_list_printing_one_name_for_several_units_projects_is_written_a_line_each_where_printed() -> None:
    """住建局 2026's 表11 sets out every unit's projects with no column of the unit: 实施公车统管 five times, 政府专项债券
    付息 twice (126.32 and 3,279.87). Each is written as printed, a line each, with where it is printed (印于: the unit
    it is of, the table does not say), its 项目类别 and its 资金; a name printed once has no 印于. The source renders
    with no 重复 (R-重复), and the projects add up to the 合计 the table prints (29,804.60)."""
    result = import_files([ZHUJIAN], None)
    items = result.imported.tree["支出"]["项目"]
    bonds = [item for item in items if item["名称"].value == "政府专项债券付息"]
    assert [item["金额"].value for item in bonds] == [Decimal("126.32"), Decimal("3279.87")]
    assert len({item["印于"].value for item in bonds}) == 2 and all("页" in item["印于"].value for item in bonds)
    assert all("印于" not in item for item in items if [i["名称"].value for i in items].count(item["名称"].value) == 1)
    assert {item["类别"].value for item in items} <= {"其他运转类", "特定目标类", "公用经费", "人员类"}
    assert sum(item["金额"].value for item in items) == Decimal("29804.60")
    prepared = prepare(result.source.named(ZHUJIAN.with_suffix(".yaml")), draft=True)
    assert prepared.budget is not None and not [f for f in prepared.findings if f.rule == "R-重复"]
    assert len(prepared.budget.projects) == len(items) and len({p.key for p in prepared.budget.projects}) == len(items)


def test_projects_adding_up_to_more_than_the_project_spending_are_a_difference() -> None:
    """烟台市文化和旅游局 2026: 表11 totals 9,798.66 with a 考古经费 54.24 of 上年结转 that no other table holds; 表3's
    项目支出 is 9,744.42. 住建局's lists its projects to the cent of 表3's 29,804.60: nothing to tell."""
    told = [d for d in import_files([WENLV], None).differences if "项目支出表" in d]
    assert len(told) == 1 and "9,744.42" in told[0] and "9,798.66" in told[0]
    assert not [d for d in import_files([ZHUJIAN], None).differences if "项目支出表" in d]


def test_a_target_tables_money_is_held_to_the_project_of_its_name() -> None:
    """住建局 2026: the 绩效目标表 of 既有住宅加装电梯专项资金经费 prints 500.00 (表11: 400.00), 政府专项债券付息's 183.00
    (表11 lists two projects of that name, 126.32 and 3,279.87: the 3,279.87 is another page's table, so 126.32 is the
    one it is against); 质保金's 28.01 agrees; 城市更新城市体检 (87.45) is no project of 表11 and, with most of these
    tables not borne out, is not told. A finding for each table, at its money."""
    lines = read_published(ZHUJIAN).lines
    assert [(t.name, t.amount) for t in target_money(lines)] == [
        ("城市更新城市体检", Decimal("87.45")), ("质保金", Decimal("28.01")),
        ("既有住宅加装电梯专项资金经费", Decimal("500.00")), ("政府专项债券付息", Decimal("183.00"))]
    found = against_projects(import_files([ZHUJIAN], None).imported, lines, ZHUJIAN)
    assert [f.rule for f in found] == ["R-绩效目标金额", "R-绩效目标金额"], found
    assert "“既有住宅加装电梯专项资金经费”的年度预算资金 500.00万元" in found[0].message
    assert found[0].message.endswith("项目支出表为400.00万元")
    assert "“政府专项债券付息”的年度预算资金 183.00万元" in found[1].message
    assert found[1].message.endswith("项目支出表为126.32、3,279.87万元")
    money = {t.name: t.line for t in target_money(lines)}
    assert [f.line for f in found] == [money["既有住宅加装电梯专项资金经费"], money["政府专项债券付息"]]


def test_a_table_more_of_a_project_whose_table_agrees_is_no_slip_of_its_money() -> None:
    """住建局 2026 prints, besides the tables that agree with 表11 (城建工作标准和导则编制 150.00, 三城联创研究及工作推进经费
    38.95, 施工图审查费 650.00, 房屋建筑质量巡查检测费 40.00), tables of the same names with other money (100.00, 2.00)
    and one of a project 表11 does not have (城市更新城市体检 87.45): no money of a project is told wrong; those three,
    most of the tables being borne out, are told together once, at the first of them."""
    lines = read_published(ZHUJIAN_MORE).lines
    found = against_projects(import_files([ZHUJIAN_MORE], None).imported, lines, ZHUJIAN_MORE)
    assert [f.rule for f in found] == ["R-绩效目标"], found
    assert found[0].message.startswith("“城市更新城市体检”87.45万元、“三城联创研究及工作推进经费”2.00万元、"
                                       "“城建工作标准和导则编制”100.00万元，共 3 张项目绩效目标表在项目支出表中没有对应的项目")
    assert found[0].line == target_money(lines)[0].line and found[0].severity == "warning"


def test_a_target_table_is_held_to_a_list_whose_name_is_printed_for_several_projects() -> None:
    """文化和旅游局 2026's 表11, read whole (its wrapped names joined: 34 projects, 9,798.66 as its 合计 row prints),
    is written though 实施公车统管费用 is printed for seven units' projects; a target table of 8.00 for that name is one
    of them (第29页 第23行), nothing to tell."""
    imported = import_files([WENLV], None).imported
    projects = _projects(WENLV)
    assert len(projects) == 34 and sum(amount for _, amount in projects) == Decimal("9798.66")
    assert [amount for name, amount in projects if name == "实施公车统管费用"] == [
        Decimal(a) for a in ("40.00", "3.00", "3.50", "20.00", "10.00", "3.00", "8.00")]
    lines = ["项目名称 实施公车统管费用", "年度预算资金总额： 8.00", "项目资金", "（万元）"]
    printed = [Line(number, text) for number, text in enumerate(lines, start=1)]
    assert [t.amount for t in target_money(printed)] == [Decimal("8.00")]
    assert against_projects(imported, printed, WENLV) == []


def _listed(path: Path) -> dict[str, Decimal]:
    rows = import_files([path], None).imported.rows["项目支出表"]
    total = next(row for row in rows if row.total).amounts["合计"].value
    listed = [(row.name, row.amounts["合计"].value) for row in rows if not row.total and row.name]
    assert sum((amount for _, amount in listed), Decimal(0)) == total  # read whole: every project, wrapped or not
    return dict(listed)


def test_a_target_table_whose_name_is_cut_at_its_cells_edge_is_its_projects() -> None:
    """文化和旅游局 2026: 表11 read whole, the project whose name wraps around its figures with it; the target table
    prints that name cut at its cell's edge (“…（烟台市文化和旅游公共服务中”), 50.00 as the list: its project's, no
    table of a project the list does not have."""
    listed = _listed(WENLV_WHOLE)
    assert listed["2026年城市综合营销和对外宣传专项资金（烟台市文化和旅游公共服务中心）"] == Decimal("50.00")
    lines = read_published(WENLV_WHOLE).lines
    assert [(t.name, t.amount) for t in target_money(lines)] == [
        ("文化艺术事业资金", Decimal("347.47")), ("旅游发展资金", Decimal("1072.82")),
        ("2026年城市综合营销和对外宣传专项资金（烟台市文化和旅游公共服务中", Decimal("50.00"))]
    assert against_projects(import_files([WENLV_WHOLE], None).imported, lines, WENLV_WHOLE) == []


def test_a_target_table_of_no_money_this_year_is_not_told_missing_from_the_list() -> None:
    """水利局 2026: 大沽夹河大沙埠橡胶坝大修工程's target table prints 0.00 (its 财政拨款 and 其他资金 0.00 too): a list of
    the year's money has nothing of it to bear out — not told as a table of another year or budget."""
    listed = _listed(SHUILI)
    assert "大沽夹河大沙埠橡胶坝大修工程" not in listed
    lines = read_published(SHUILI).lines
    assert [(t.name, t.amount) for t in target_money(lines)] == [
        ("办公楼运行维护费", Decimal("112.00")), ("水政执法经费", Decimal("63.00")),
        ("大沽夹河大沙埠橡胶坝大修工程", Decimal("0.00"))]
    assert against_projects(import_files([SHUILI], None).imported, lines, SHUILI) == []


def test_one_name_twice_at_one_place_or_at_none_is_still_a_duplicate(tmp_path: Path) -> None:
    """The source 住建局 2026's import writes, a project of its 实施公车统管 copied as it is (the same 印于), or 印于
    taken off two of them: each is one project written twice (R-重复); 印于 tells apart only lines printed apart."""
    text = import_files([ZHUJIAN], None).source.text
    line = next(line for line in text.splitlines() if "名称: 实施公车统管," in line and "印于: 第5页 第11行" in line)
    copied = tmp_path / "copied.yaml"
    copied.write_text(text.replace(line, f"{line}\n{line}"), encoding="utf-8")
    found = [f for f in prepare(copied, draft=True).findings if f.rule == "R-重复"]
    assert len(found) == 2 and "实施公车统管" in found[0].message
    unplaced = tmp_path / "unplaced.yaml"
    unplaced.write_text(text.replace(", 印于: 第5页 第11行", "").replace(", 印于: 第6页 第19行", ""), encoding="utf-8")
    assert len([f for f in prepare(unplaced, draft=True).findings if f.rule == "R-重复"]) == 2
    assert not [f for f in prepare(_written(tmp_path, text), draft=True).findings if f.rule == "R-重复"]


def _written(folder: Path, text: str) -> Path:
    path = folder / "imported.yaml"
    path.write_text(text, encoding="utf-8")
    return path
