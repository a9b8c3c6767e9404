"""The projects and their performance targets: 项目支出表 (表10), the 部门整体绩效目标表 and one
项目绩效目标表 per project the source gives targets for.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from decimal import Decimal

from reportgen.compute import ZERO, Computed, difference, project_funds
from reportgen.docmodel.document import Cell, Row
from reportgen.docmodel.model import PROJECT_FISCAL, Budget, Indicator, Project, ProjectTarget, TargetTask, WholeTargets
from reportgen.tablekinds import role
from reportgen.tables.builder import AmountCell, TableBuilder, TableRows, head, unit_name
from reportgen.tables.specs import INCOME_CARRIED, NAME_COLUMN, PROJECT_COLUMNS


# -- 表10 项目支出表 -------------------------------------------------------------------------
def projects(builder: TableBuilder) -> TableRows:
    """项目支出表: each project (by unit, under the unit's row, in a department of several), with 功能科目, this year's
    amount, and 上年预算数 and 增减 where any project states its prior year; or the columns a layout lists beside the
    name (表格.项目支出表.列: 烟台 prints 项目类别 | 合计 | 财政拨款 | 一般公共预算 | … | 上年结转), in its order."""
    b, f = builder.b, builder.f
    all_projects = b.projects
    listed = _project_columns(builder, any(p.prior is not None for p in all_projects))
    unit_column = "单位名称" in listed
    columns = [c for c in listed if c not in ("单位名称", NAME_COLUMN)]  # printed beside the name, left or right
    total, prior_total = f.projects_sum, f.projects_prior_total
    cells = _ProjectCells(builder.num(role("projects")), columns, unit_column, _unit_after_name(listed), _carried(f))
    texts = unit_column + len([c for c in columns if c in _TEXT_COLUMNS])
    body = [Row([Cell("合计", colspan=1 + texts, align="center", bold=True),
                 *cells.amounts(total, prior_total, {**f.projects_funds, **cells.carried})], kind="total", key="合计")]
    groups: list[tuple[Computed | None, list[Project]]] = [(None, all_projects)]
    if f.unit_figures:  # each unit's row, then its projects
        groups = [(unit, unit.budget.projects) for unit in f.unit_figures]
    body += [row for unit, unit_projects in groups for row in _group_rows(unit, unit_projects, cells, texts)]
    return TableRows(_project_header(b, columns, unit_column, cells.unit_after), body, _widths(columns, unit_column, cells.unit_after),
                     wide=len(columns) > _NARROW, rounding_gap=_projects_gap(builder, all_projects, total, prior_total))


def _widths(columns: list[str], unit_column: bool, unit_after: bool = False) -> list[int]:
    names = [40, 24] if unit_after else [24] * unit_column + [40]
    return names + [14 if c in (*_TEXT_COLUMNS, "增减") else 16 for c in columns]


def _unit_after_name(listed: list[str]) -> bool:
    """Whether 列 lists the unit right of the name (长春: [项目名称, 单位名称, 合计, …]); else it is printed left of it."""
    return NAME_COLUMN in listed and "单位名称" in listed and listed.index("单位名称") > listed.index(NAME_COLUMN)


def _carried(figures: Computed) -> dict[str, Decimal | None]:
    """The 上年结转 by fund a 项目支出表 may print (长春: 财政拨款结转 一般公共预算 | 政府性基金预算 | 国有资本经营预算), each
    project's and their sum alike: none where the department (unit) carries none over, not known else (carried_part)."""
    return dict.fromkeys(INCOME_CARRIED.values(), figures.carried_part)


def _project_header(b: Budget, columns: list[str], unit_column: bool, unit_after: bool = False) -> list[Row]:
    """The 项目支出表's header: 单位名称 where printed (left of 项目名称, or right: ``unit_after``), 项目名称, then the
    columns (the years' budgets named by year); a 财政拨款 column followed by its funds is their 小计, under a band
    财政拨款 over them (烟台's 项目支出预算情况表)."""
    labels = {"预算数": f"{b.year}年预算数", "上年预算数": f"{b.prior.year}年预算数", **_FUND_HEADS, **_CARRIED_HEADS}
    both = ["项目名称", "单位名称"] if unit_after else ["单位名称", "项目名称"]
    names = [*(both if unit_column else ["项目名称"]), *(labels.get(c, c) for c in columns)]
    start = columns.index("财政拨款") if "财政拨款" in columns else -1
    band = 1 + len(list(itertools.takewhile(lambda c: c in PROJECT_FISCAL, columns[start + 1:]))) if start >= 0 else 1
    if band == 1:
        return [head(*names)]
    first = start + len(names) - len(columns)  # the band's first column among the names
    return [head(*((name, 1, 2) for name in names[:first]), ("财政拨款", band, 1),
                 *((name, 1, 2) for name in names[first + band:])),
            head("小计", *names[first + 1:first + band])]


# A fund's column under the 财政拨款 band, as the tables print it; its carry-over's (上年结转一般公共预算 …)
_FUND_HEADS = {"政府性基金": "政府性基金预算", "国有资本经营": "国有资本经营预算"}
_CARRIED_HEADS = {name: "上年结转" + _FUND_HEADS.get(fund, fund) for name in INCOME_CARRIED.values()
                  if (fund := name.removeprefix("上年结转"))}


_NARROW = 5  # columns beside the name a page's width holds: more (烟台's funds), the table is set wide
_TEXT_COLUMNS = ("项目类别", "功能科目")  # the columns of words beside a project's name, before its amounts


def _project_columns(builder: TableBuilder, with_prior: bool) -> list[str]:
    """The columns beside a project's name: those the layout lists, in its order (the words first); else 功能科目 and
    this year's amount, with 上年预算数 and 增减 where any project states its prior year."""
    asked = [c for c in builder.asked_columns if c in PROJECT_COLUMNS]
    if asked:
        return [*(c for c in asked if c in _TEXT_COLUMNS), *(c for c in asked if c not in _TEXT_COLUMNS)]
    return ["功能科目", "预算数", *(["上年预算数", "增减"] if with_prior else [])]


class _ProjectCells:
    """The cells of a 项目支出表's row in its columns."""

    def __init__(self, num: AmountCell, columns: list[str], unit_column: bool, unit_after: bool = False,
                 carried: dict[str, Decimal | None] | None = None) -> None:
        self.num, self.columns, self.unit_column, self.unit_after = num, columns, unit_column, unit_after
        self.carried = carried or {}  # the 上年结转 by fund of each project (_carried)

    def name(self, project: Project, indent: int) -> list[Cell]:
        """The project's name, with the unit printed left of it (or right: 长春) where the table prints one."""
        unit = [Cell(project.printed_unit)] if self.unit_column else []
        name = [Cell(project.name, indent=indent)]
        return [*name, *unit] if self.unit_after else [*unit, *name]

    def texts(self, project: Project) -> list[Cell]:
        return [Cell(project.category if c == "项目类别" else project.code) for c in self.columns if c in _TEXT_COLUMNS]

    def amounts(self, amount: Decimal, prior: Decimal | None, funds: dict[str, Decimal | None]) -> list[Cell]:
        """A row's amounts: this year's, last year's and the change, and its 资金 (blank where not given)."""
        values = {"合计": amount, "预算数": amount, "上年预算数": prior, "增减": difference(amount, prior), **funds}
        return [self.num(values[c]) if c in values else Cell("", align="right") for c in self.columns
                if c not in _TEXT_COLUMNS]


def _group_rows(unit: Computed | None, unit_projects: list[Project], cells: _ProjectCells, texts: int) -> list[Row]:
    """A unit's row (in a department of several) and its projects under it; without units, the projects alone."""
    rows = []
    if unit is not None:
        rows.append(Row([Cell(unit_name(unit.budget), colspan=1 + texts, bold=True),
                         *cells.amounts(unit.projects_sum, unit.projects_prior_total, {**unit.projects_funds, **_carried(unit)})],
                        kind="subtotal", key=f"单位:{unit.budget.department}"))
    carried = _carried(unit) if unit is not None else cells.carried
    return rows + [Row([*cells.name(p, 1 if unit is not None else 0), *cells.texts(p),
                        *cells.amounts(p.amount, p.prior, {**project_funds(p), **carried})], key=p.key) for p in unit_projects]


def _projects_gap(builder: TableBuilder, projects: list[Project], total: Decimal, prior_total: Decimal | None) -> bool:
    """Whether the project rows, rounded, fail to add up to the 合计 (the 上年 and 增减 columns too)."""
    tid = role("projects")
    if builder.gap(tid, total, (p.amount for p in projects)):
        return True
    if prior_total is None or not any(p.prior is not None for p in projects):
        return False
    return _prior_gap(builder, projects, total, prior_total)


def _prior_gap(builder: TableBuilder, projects: list[Project], total: Decimal, prior_total: Decimal) -> bool:
    """Whether the project rows' 上年 amounts, or their 增减, rounded, fail to add up to the 合计's (a project without
    a 上年 amount counts as 0)."""
    tid = role("projects")
    return builder.gap(tid, prior_total, (p.prior or ZERO for p in projects)) or builder.gap(
        tid, difference(total, prior_total) or ZERO, (difference(p.amount, p.prior) or ZERO for p in projects))


# -- 绩效目标表: 部门整体绩效目标表, 项目绩效目标表-N -----------------------------------------
def performance_targets(builder: TableBuilder) -> dict[str, TableRows]:
    """The whole-department target table and one table per project, when the source has them."""
    targets = builder.b.targets
    if targets is None:
        return {}
    tables = {}
    if targets.whole is not None:
        whole = targets.whole
        tables["整体绩效目标表"] = builder.recording(lambda builder: whole_targets(builder, whole))
    for index, project in enumerate(targets.projects, 1):
        tables[f"项目绩效目标表-{index}"] = builder.recording(
            lambda builder, project=project: project_targets(builder, project))  # type: ignore[misc]
    return tables


def _task_columns(tasks: list[TargetTask]) -> list[str]:
    """The columns of 年度主要任务 that its tasks fill."""
    columns = ["任务名称", "主要内容"]
    if any(t.indicator_text for t in tasks):
        columns.append("绩效指标")
    if any(t.amount is not None or t.fiscal is not None or t.other is not None for t in tasks):
        columns += ["金额", "财政拨款", "其他资金"]
    if any(t.period for t in tasks):
        columns.append("实施时间")
    return columns


def _indicator_columns(indicators: list[Indicator]) -> list[str]:
    """The columns of 年度绩效指标 that its indicators fill."""
    return (["一级指标", "二级指标", "三级指标"] + ["绩效指标描述"] * any(i.description for i in indicators)
            + ["指标值"] + ["指标值确定依据"] * any(i.basis for i in indicators))


def _label(text: str, colspan: int = 1, rowspan: int = 1) -> Cell:
    return Cell(text, colspan=colspan, rowspan=rowspan, align="center", bold=True, header=True)


def _numbered(texts: list[str]) -> str:
    """One text as it is; several as 1.… 2.…"""
    if len(texts) == 1:
        return texts[0]
    return "".join(f"{index}.{text}" for index, text in enumerate(texts, 1))


def _spread(count: int, width: int, wide: int) -> list[int]:
    """Colspans placing ``count`` columns on ``width`` grid columns; column ``wide`` takes the rest."""
    spans = [1] * count
    spans[wide] += width - count
    return spans


def _run(indicators: list[Indicator], index: int, same: Callable[[Indicator, Indicator], bool]) -> int:
    """How many indicators right after ``index`` are of its group (``same`` as it)."""
    count = 0
    for later in indicators[index + 1:]:
        if not same(later, indicators[index]):
            break
        count += 1
    return count


def _indicator_cells(item: Indicator, columns: list[str], spans: list[int],
                     merged: dict[str, tuple[bool, int]]) -> list[Cell]:
    """An indicator's cells; a merged column's (一级, 二级) only on the first row of its group,
    spanning the rows after it: ``merged`` gives (first, rows after) by column."""
    values = {"一级指标": item.level1, "二级指标": item.level2, "三级指标": item.level3,
              "绩效指标描述": item.description, "指标值": item.value, "指标值确定依据": item.basis}
    cells = []
    for column, span in zip(columns, spans, strict=True):
        if column in merged:
            first, rest = merged[column]
            if first:
                cells.append(Cell(values[column], colspan=span, rowspan=rest + 1, align="center"))
        else:
            cells.append(Cell(values[column], colspan=span, align="center" if column == "指标值" else "left"))
    return cells


def _indicator_rows(indicators: list[Indicator], columns: list[str], spans: list[int]) -> list[Row]:
    """一级/二级/三级指标 rows; 一级 and 二级 cells merged down over their groups."""
    rows = []
    for index, item in enumerate(indicators):
        first1 = index == 0 or indicators[index - 1].level1 != item.level1
        first2 = first1 or indicators[index - 1].level2 != item.level2
        rest1 = _run(indicators, index, lambda a, b: a.level1 == b.level1)
        rest2 = _run(indicators, index, lambda a, b: a.level1 == b.level1 and a.level2 == b.level2)
        merged = {"一级指标": (first1, rest1), "二级指标": (first2, rest2)}
        rows.append(Row(_indicator_cells(item, columns, spans, merged), key=f"指标{index + 1}:{item.level3}"))
    return rows


def whole_targets(builder: TableBuilder, whole: WholeTargets) -> TableRows:
    """部门整体绩效目标表: 年度总体目标, then 年度主要任务 and 年度绩效指标, each with the columns
    its items fill (a column no item fills is left out)."""
    tid = "整体绩效目标表"
    tasks, indicators = whole.tasks, whole.indicators
    task_columns, indicator_columns = _task_columns(tasks), _indicator_columns(indicators)
    width = max(len(task_columns) if tasks else 1, len(indicator_columns) if indicators else 1)
    body = _goal_rows(builder, whole.goals or [""], width)
    if tasks:
        body += _task_rows(builder, tasks, task_columns, width)
    if indicators:
        body += _indicator_section(indicators, indicator_columns, width)
    # Two columns are a short task name beside its long content; more share the width evenly.
    widths = [14, 26, 60] if width == 2 else [14] + [86 // width] * width
    return TableRows([], body, widths, rounding_gap=_tasks_gap(builder, tid, tasks))


def _tasks_gap(builder: TableBuilder, tid: str, tasks: list[TargetTask]) -> bool:
    """Whether a task's amount, rounded, fails to be its 财政拨款 and 其他资金 added (where it states all three)."""
    return bool(any(t.amount is not None and t.fiscal is not None and t.other is not None
                    and builder.gap(tid, t.amount, (t.fiscal, t.other)) for t in tasks))


def _indicator_section(indicators: list[Indicator], columns: list[str], width: int) -> list[Row]:
    """年度绩效指标: its header row (the label down the section's rows, the columns its items fill), then a row each."""
    spans = _spread(len(columns), width, 2)
    return [Row([_label("年度绩效指标", rowspan=len(indicators) + 1),
                 *(_label(c, s) for c, s in zip(columns, spans, strict=True))], kind="subheader", key="指标表头"),
            *_indicator_rows(indicators, columns, spans)]


def _goal_rows(builder: TableBuilder, goals: list[str], width: int) -> list[Row]:
    rows = []
    for index, goal in enumerate(goals):
        cells = [_label("年度总体目标", rowspan=len(goals))] if index == 0 else []
        if goal:
            cells.append(Cell(f"{index + 1}.{goal}" if len(goals) > 1 else goal, colspan=width))
        else:
            cells.append(Cell(builder.missing(("年度总体目标", "绩效目标.整体.年度总体目标")), colspan=width, missing=True))
        rows.append(Row(cells, key=f"总体目标{index + 1}"))
    return rows


def _task_rows(builder: TableBuilder, tasks: list[TargetTask], columns: list[str], width: int) -> list[Row]:
    num = builder.num("整体绩效目标表")
    spans = _spread(len(columns), width, 1)
    rows = [Row([_label("年度主要任务", rowspan=len(tasks) + 1),
                 *(_label(c, s) for c, s in zip(columns, spans, strict=True))], kind="subheader", key="任务表头")]
    for task in tasks:
        values: dict[str, Cell] = {
            "任务名称": Cell(task.name), "主要内容": Cell(task.content), "绩效指标": Cell(task.indicator_text),
            "金额": num(task.amount), "财政拨款": num(task.fiscal), "其他资金": num(task.other),
            "实施时间": Cell(task.period, align="center"),
        }
        for column, span in zip(columns, spans, strict=True):
            values[column].colspan = span
        rows.append(Row([values[column] for column in columns], key=f"任务:{task.name}"))
    return rows


def project_targets(builder: TableBuilder, project: ProjectTarget) -> TableRows:
    """项目支出绩效目标表 on a grid of seven columns, laid out as the published tables are."""
    tid = "项目绩效目标表"
    num = builder.num(tid)
    label = _label
    # the project's code and name head the table: repeated on every page it runs over
    header = [Row([label("项目编码"), Cell(project.code, colspan=2), label("项目名称"), Cell(project.name, colspan=3)],
                  kind="header", key="项目")]
    body = [
        Row([label("预算规模及资金用途", rowspan=2), label("预算数"), num(project.amount), label("其中：财政资金"),
             num(project.fiscal), label("其他资金"), num(project.other)], key="金额"),
        Row([Cell(project.use, colspan=6)], key="用途"),
    ]
    spans = (1, 1, 2, 2)
    if project.plan:
        body.append(Row([label("资金支出计划（%）", rowspan=2),
                         *(label(p.label, s) for p, s in zip(project.plan, spans, strict=True))], key="支出计划"))
        body.append(Row([Cell(p.text, colspan=s, align="center") for p, s in zip(project.plan, spans, strict=True)],
                        key="支出进度"))
    # no plan given: the table has no plan rows (a published table without one has none either)
    if project.goals:
        body.append(Row([label("绩效目标"), Cell(_numbered(project.goals), colspan=6)], key="绩效目标"))
    else:
        body.append(Row([label("绩效目标"), Cell(builder.missing(("总体目标", "绩效目标.项目.总体目标")), colspan=6,
                                                 missing=True)], key="绩效目标"))
    columns = ["一级指标", "二级指标", "三级指标", "绩效指标描述", "指标值", "指标值确定依据"]
    spans_i = [1, 1, 1, 2, 1, 1]
    body.append(Row([label(c, s) for c, s in zip(columns, spans_i, strict=True)], key="指标表头"))
    if project.indicators:
        body += _indicator_rows(project.indicators, columns, spans_i)
    else:
        body.append(builder.missing_row(builder.missing(("绩效指标", "绩效目标.项目.指标")), 7))
    gap = (project.fiscal is not None and project.other is not None
           and builder.gap(tid, project.amount, (project.fiscal, project.other)))
    return TableRows(header, body, [14, 12, 16, 12, 16, 12, 18], rounding_gap=gap)
