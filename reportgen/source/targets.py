"""绩效目标 of a source: the department's 整体 targets (goals, tasks, indicators, measures) and each
project's, with its 资金支出计划."""

from __future__ import annotations

from reportgen.docmodel.model import Indicator, PlanPoint, ProjectTarget, Targets, TargetTask, WholeTargets
from reportgen.reading.yamlsafe import LocDict, to_decimal_text
from reportgen.source.core import SourceReader

PLAN_POINTS = ("3月底", "6月底", ("9月底", "10月底"), "12月底")  # 资金支出计划 columns, cumulative %


def texts(value: object) -> list[str]:
    """A text or a list of texts, as a list."""
    if value is None:
        return []
    return [str(x) for x in value] if isinstance(value, list) else [str(value)]


def indicators(items: list) -> list[Indicator]:
    return [
        Indicator(
            level1=str(i["一级"]),
            level2=str(i["二级"]),
            level3=str(i["三级"]),
            value=str(i["指标值"]),
            description=str(i.get("描述", "")),
            basis=str(i.get("依据", "")),
            line=i.mark.line if hasattr(i, "mark") else 0,
        )
        for i in items
    ]


def targets(reader: SourceReader, t: LocDict | None) -> Targets | None:
    if t is None:
        return None
    whole = _whole_targets(reader, t) if "整体" in t else None
    projects = [_project_target(reader, item, f"绩效目标.项目[{index + 1}]")
                for index, item in enumerate(t.get("项目", []))]
    return Targets(whole=whole, projects=projects)


def _whole_targets(reader: SourceReader, t: LocDict) -> WholeTargets:
    """绩效目标.整体: the department's goals for the year, its tasks, indicators and measures."""
    w = t["整体"]
    tasks = [
        TargetTask(
            name=str(task["名称"]),
            content=str(task.get("主要内容", "")),
            indicator_text=str(task.get("绩效指标", "")),
            amount=reader.opt_amount(task, "金额"),
            fiscal=reader.opt_amount(task, "财政拨款"),
            other=reader.opt_amount(task, "其他资金"),
            period=str(task.get("实施时间", "")),
            line=task.mark.line if hasattr(task, "mark") else 0,
        )
        for task in w.get("任务", [])
    ]
    return WholeTargets(
        goals=texts(w.get("年度总体目标")),
        tasks=tasks,
        indicators=indicators(w.get("指标", [])),
        measures=texts(w.get("保障措施")),
        line=reader.line(t, "整体", "绩效目标.整体"),
    )


def _project_target(reader: SourceReader, item: LocDict, path: str) -> ProjectTarget:
    line = reader.item_line(item, path)
    return ProjectTarget(
        code=str(item.get("编码", "")),
        name=str(item["名称"]),
        amount=reader.amount(item["金额"]),
        fiscal=reader.opt_amount(item, "财政资金"),
        other=reader.opt_amount(item, "其他资金"),
        use=str(item.get("用途", "")),
        plan=plan(reader, item.get("支出计划"), line, path),
        goals=texts(item.get("总体目标")),
        indicators=indicators(item.get("指标", [])),
        unit=str(item.get("单位", "")),
        line=line,
    )


def plan(reader: SourceReader, points_given: LocDict | None, line: int, path: str) -> list[PlanPoint]:
    """The four cumulative points of 资金支出计划 (an empty list when not stated)."""
    if points_given is None:
        return []
    if "9月底" in points_given and "10月底" in points_given:
        reader.error("格式", "支出计划中“9月底”与“10月底”只填其一", line, f"{path}.支出计划")
    points = []
    for point in PLAN_POINTS:
        label = point if isinstance(point, str) else next((p for p in point if p in points_given), point[1])
        if label not in points_given:
            points.append(PlanPoint(label, None))
            continue
        points.append(_plan_point(reader, points_given, label, path))
    return points


def _plan_point(reader: SourceReader, points_given: LocDict, label: str, path: str) -> PlanPoint:
    """One point of 资金支出计划: a percentage (60 or 60%), or a finding and no figure."""
    written = str(points_given[label]).strip().rstrip("%％").strip()
    where = reader.line(points_given, label, f"{path}.支出计划.{label}")
    try:
        percent = to_decimal_text(written)
    except ValueError:
        reader.error("格式", f"支出计划“{label}”应为百分比（如 60 或 60%），实际是“{points_given[label]}”", where,
                     f"{path}.支出计划.{label}")
        percent = None
    return PlanPoint(label, percent, str(points_given[label]).strip() if percent is not None else "")
