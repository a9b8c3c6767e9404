"""单位 of a department: each unit's own 收入 and 支出 as a Budget, read from its mapping in the
department's source or from the unit file it 包含 (refused when missing, broken, of another year or
naming another unit). Their sum is assemble.load_source's."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from reportgen.base.errors import SourceError
from reportgen.docmodel.model import (
    RESERVES,
    Budget,
    Presentation,
    Prior,
    Profile,
)
from reportgen.reading.files import resolved
from reportgen.reading.yamlsafe import LocDict, load_yaml
from reportgen.source.confined import confined, inside
from reportgen.source.core import ZERO, SourceReader
from reportgen.source.income import income, income_knowledge
from reportgen.source.matters import narrative_amounts, three_public, unit_procurement
from reportgen.source.schema import validate_unit_file
from reportgen.source.spending import (
    economic_lines,
    economic_rows,
    function_rows,
    function_scope,
    general_project_classes,
    project_classes,
    projects,
    spending_total,
)


def units(reader: SourceReader, d: LocDict, presentation: Presentation, level: str) -> list[Budget]:
    """Each unit's own figures as a Budget, read inline or from the unit file it 包含."""
    for key in ("收入", "支出", "结转下年"):
        if key in d and not (key == "支出" and _words_only(d[key])):
            reader.error("R-单位合计", f"已按“单位”分别填报，部门的{key}由各单位合计，不应再填顶层“{key}”："
                         "请把金额移到相应单位下（顶层“支出.基本支出”只可写人员经费说明、公用经费说明）",
                         reader.line(d, key, key), key)
    result: list[Budget] = []
    for index, item in enumerate(d["单位"]):
        path = f"单位[{index + 1}]"
        line = reader.item_line(item, path)
        name = str(item["名称"])
        unit_reader = _unit_reader(reader, item, path, name, line)
        if unit_reader is None:
            continue
        unit = unit_budget(unit_reader, name, presentation, level)
        if "包含" not in item:  # written in the department's file, in its 金额单位: printed to its 金额精度
            unit.printed_step = unit.printed_step or reader.opt_amount(d, "金额精度")
        unit.unit_code = str(item.get("代码", ""))
        result.append(unit)
        reader.findings += unit_reader.findings
    return result


def _unit_reader(reader: SourceReader, item: LocDict, path: str, name: str, line: int) -> SourceReader | None:
    """A reader for one unit's figures: the unit's own mapping, or the file it 包含."""
    if "包含" not in item:
        return SourceReader(reader.path, item, reader.year, reader.source_unit, parent=reader)
    for key in ("收入", "支出", "结转下年"):
        if key in item:
            reader.error("R-单位合计", f"单位“{name}”已用“包含”指向单位源文件，不应再填“{key}”", line, f"{path}.{key}")
    target = resolved(reader.path.parent / str(item["包含"]))
    where = reader.line(item, "包含", f"{path}.包含")
    reader.read_files.append(target)
    data = _unit_file(reader, target, name, where, f"{path}.包含")
    if data is None or not _same_unit(reader, data, target, name, where, f"{path}.包含"):
        return None
    return SourceReader(target, data, reader.year, str(data.get("金额单位", reader.source_unit)), parent=reader)


def _unit_file(reader: SourceReader, target: Path, name: str, where: int, path: str) -> Any:
    """The unit file read and valid as one, or None with what is wrong with it."""
    if not os.path.lexists(target):  # a link loop exists, and is named by the read below
        reader.error("R-单位文件", f"单位“{name}”的源文件 {target} 不存在", where, path)
        return None
    try:
        data = load_yaml(target)
    except SourceError as exc:
        for finding in exc.findings:
            if finding.rule == "文件":  # the file as a whole: named at the line that points at it
                reader.error("R-单位文件", f"单位“{name}”的源文件 {target} 无法读取：{finding.message}", where, path)
            else:
                reader.findings += confined([finding], reader.path.parent)
        return None
    problems = validate_unit_file(data, str(target))
    if problems:
        reader.findings += confined(problems, reader.path.parent)
        return None
    return data


def _same_unit(reader: SourceReader, data: Any, target: Path, name: str, where: int, path: str) -> bool:
    """Whether a unit file is of the department's year and names the unit the department does."""
    if "年度" in data and int(data["年度"]) != reader.year:
        reader.error("R-单位文件", f"单位源文件 {target} 是 {data['年度']} 年的，部门源文件是 {reader.year} 年的", where,
                     path)
        return False
    if "名称" in data and str(data["名称"]) != name:
        stated = f"“{data['名称']}”" if inside(target, reader.path.parent) else "另一个名称"
        reader.error("R-单位文件", f"单位源文件 {target} 写的单位名称是{stated}，部门源文件中是“{name}”", where, path)
        return False
    return True


def unit_budget(reader: SourceReader, name: str, presentation: Presentation, level: str) -> Budget:
    """One unit's 收入 and 支出 as a Budget (the reader's data is the unit's mapping or file)."""
    d = reader.data
    spending = d["支出"]
    basic = spending.get("基本支出", {})
    rows = function_rows(reader, spending)  # before the projects: their 科目 may be named here
    unit_projects = projects(reader, spending)
    for project in unit_projects:
        project.unit = name
    return Budget(
        file=reader.path,
        department=name,
        year=reader.year,
        level=level,
        source_unit=reader.source_unit,
        printed_step=reader.opt_amount(d, "金额精度"),
        presentation=presentation,
        profile=Profile(duties=[]),
        prior=Prior(year=reader.year - 1),
        reasons={},
        income=income(reader, d["收入"]),
        narrative_amounts=narrative_amounts(reader, d.get("正文金额")),
        carried_over=reader.opt_amount(d["收入"], "上年结转") or ZERO,
        reserves_used=reader.opt_amount(d["收入"], RESERVES) or ZERO,
        carry_forward=reader.opt_amount(d, "结转下年") or ZERO,
        carry_forward_stated="结转下年" in d,
        function_rows=rows,
        function_scope=function_scope(reader, d),
        project_classes=project_classes(reader, d),
        general_project_classes=general_project_classes(reader, d),
        economic_lines=economic_lines(reader, d),
        stated_expenditure=spending_total(reader, d),
        **income_knowledge(reader, d),
        economic_rows=economic_rows(reader, basic),
        stated_personnel=reader.opt_amount(basic, "人员经费"),
        stated_public=reader.opt_amount(basic, "公用经费"),
        stated_basic=reader.opt_amount(basic, "合计"),
        stated_project=reader.opt_amount(spending, "项目支出"),
        personnel_note=str(basic.get("人员经费说明", "")),
        public_note=str(basic.get("公用经费说明", "")),
        projects=unit_projects,
        three_public=three_public(reader, d),
        running_costs=None,
        procurement=unit_procurement(reader, d),
        assets=None,
        performance=None,
        glossary=[],
        lines=reader.lines,
        stated_totals=reader.stated_totals,
        code_table=reader.code_table,
        code_names=reader.code_names,
    )


def _words_only(spending: Any) -> bool:
    """True when a department's top-level 支出 holds only the words of 基本支出 (no figures)."""
    if not isinstance(spending, dict) or set(spending) - {"基本支出"}:
        return False
    basic = spending.get("基本支出", {})
    return isinstance(basic, dict) and not set(basic) - {"人员经费说明", "公用经费说明"}
