"""Checks for a department of several budget units (单位): every structural rule of checks/budget.py
holds for each unit on its own figures, and the units agree with each other and the profile.

The department's own figures are the units' sum (made by the loader), so the ordinary rules in
checks/budget.py already check the whole; here each unit is checked as if it were a source of its own,
and its findings name the unit, its file and its line.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

from reportgen.base.errors import Finding
from reportgen.base.rules import SOURCE, rule, rules_reading
from reportgen.checks.registry import make_finding
from reportgen.compute import Computed
from reportgen.compute.phrasing import Money
from reportgen.docmodel.model import Budget

# The rules that concern one unit's own figures. Department-wide rules (三公, 机关运行经费, 政府采购,
# 绩效, changes against the prior year, words) stay with the department.
PER_UNIT_RULES = (
    "R-收支平衡",
    "R-基本支出一致",
    "R-基本支出合计",
    "R-项目支出合计",
    "R-填报合计",
    "R-人员公用经费",
    "R-项目支出一致",
    "R-财政拨款一致",
    "R-重复",
    "R-科目名称",
    "R-政府经济分类",
    "R-收入未公开",
    "R-基本项目未分列",
    "R-项目支出经济分类",
    "R-未列全",
    "R-支出合计",
)


def _in_unit(b: Budget, index: int, unit: Budget, finding: Finding) -> Finding:
    """A unit's finding, named by its unit; a path into the department's file gets the 单位[n] prefix."""
    path = finding.path
    if unit.file == b.file and path:
        path = f"单位[{index + 1}].{path}"
    return Finding(finding.severity, finding.rule, f"单位“{unit.department}”：{finding.message}", finding.file,
                   finding.line, finding.column, path)


@rule(("R-单位", *PER_UNIT_RULES), SOURCE, ("error", "warning"))
def each_unit(b: Budget, f: Computed, m: Money) -> Iterator[Finding]:
    """Every per-unit rule, run on each unit's own figures."""
    checks = [r.check for r in rules_reading(SOURCE) if r.id in PER_UNIT_RULES]
    for index, (unit, figures) in enumerate(zip(b.units, f.unit_figures, strict=True)):
        for check in checks:
            for finding in check(unit, figures, m):
                yield _in_unit(b, index, unit, finding)


@rule("R-单位", SOURCE, ("error", "warning"))
def unit_names(b: Budget, f: Computed, m: Money) -> Iterator[Finding]:
    names = Counter(unit.department for unit in b.units)
    for index, unit in enumerate(b.units):
        if names[unit.department] > 1:
            yield make_finding(b, "error", "R-单位", f"单位“{unit.department}”重复出现，请合并为一个单位",
                           b.line_of(f"单位[{index + 1}]"), f"单位[{index + 1}].名称")
    listed = b.profile.subordinate_units or []
    for name in listed:
        if b.units and not any(_same_unit(name, unit) for unit in names):
            yield make_finding(b, "warning", "R-单位", f"部门概况.下属单位中的“{name}”不在“单位”中：其收支未计入部门预算", 0,
                           "部门概况.下属单位")


_PLACE_ENDS = "省市区县"  # a name without its place opens with the place's level (市建筑工务署 of 深圳市建筑工务署)


def _same_unit(listed: str, unit: str) -> bool:
    """Whether a 下属单位 as the text lists it names ``unit`` as the tables do: the same name, or one of its names in
    brackets or before them (深圳城市职业学院（深圳技师学院）, the tables' 深圳技师学院), or the name without the place
    that opens it (the text's 市建筑工务署工程管理中心, the tables' 深圳市建筑工务署工程管理中心; 北京's 市卫生健康委)."""
    forms = {listed, *(f for f in re.split(r"[（）()、]", listed) if f)}
    return unit in forms or any(len(f) > 3 and f[0] in _PLACE_ENDS and unit.endswith(f) for f in forms)


@rule("R-单位明细", SOURCE, "error")
def same_detail(b: Budget, f: Computed, m: Money) -> Iterator[Finding]:
    """All units at the same level of detail: a sum of one unit's 经济分类 and another's stated
    人员经费/公用经费 would be neither, so the department's split would be wrong."""
    for label, has in (("功能分类明细（支出.功能分类）", lambda u: bool(u.function_rows)),
                       ("基本支出经济分类明细（支出.基本支出.经济分类）", lambda u: bool(u.economic_rows))):
        with_detail = [u for u in b.units if has(u)]
        without = [u for u in b.units if not has(u)]
        if with_detail and without:
            yield make_finding(b, "error", "R-单位明细",
                           f"单位“{'、'.join(u.department for u in with_detail)}”填报了{label}，单位“"
                           f"{'、'.join(u.department for u in without)}”没有：各单位应按相同的明细填报，部门合计才完整",
                           b.line_of("单位[1]"), "单位")
