"""展示.表格单位 and 展示.正文单位 name tables and parts of the text (the schema refuses names that do
not exist); here a name that exists but shows no amount in this document, so that its unit would be
accepted and have no effect: a table not published or without money, a part the source does not give."""

from __future__ import annotations

from collections.abc import Iterator

from reportgen import tablekinds
from reportgen.base.errors import Finding
from reportgen.base.rules import SOURCE, rule
from reportgen.checks.registry import make_finding
from reportgen.compute import Computed
from reportgen.compute.phrasing import Money
from reportgen.docmodel.model import ALL_PARTS, Budget, Targets, WholeTargets


def _table_without_amounts(b: Budget, table: str) -> str:
    """Why ``table`` shows no amount in this document ("" when it shows some): its definition
    (reportgen/tablekinds: 略去) leaves it out for what the source declares or lacks, or it has no target to print."""
    kind = tablekinds.by_id().get(table)
    return (_left_out(b, kind) if kind is not None else "") or _without_targets(b, table)


def _left_out(b: Budget, kind: tablekinds.TableKind) -> str:
    """Why the table's definition leaves it out of this document ("" when it does not): another layout's table, its
    parts declared unpublished, no project, no figure of its fields."""
    if not _printed_in(kind, b.layout):
        return f"这张表只在版式“{'、'.join(kind.forms)}”中印出"
    parts = kind.omission.unpublished
    if parts and all(part in b.not_published for part in parts):
        return f"这张表随“{'、'.join(parts)}”声明为不公开"
    if kind.omission.without == "项目" and not b.projects:
        return "源文件没有项目清单（支出.项目），没有这张表"
    if not kind.build and not any(path in b.table_fields for path in kind.fields):
        return f"源文件没有这张表的数字（{'、'.join(kind.fields)}）"
    return ""


def _printed_in(kind: tablekinds.TableKind, layout: str | None) -> bool:
    """Whether the source's layout (the default one without) prints the table: every layout's table, or one of the
    layouts it is printed in."""
    return kind.printed_by_default() or (layout or tablekinds.DEFAULT) in kind.forms


def _without_targets(b: Budget, table: str) -> str:
    """Why a performance target table (整体绩效目标表, 项目绩效目标表) shows no amount ("" for any other table)."""
    targets = b.targets
    if table == "整体绩效目标表":
        return _without_whole_targets(targets.whole if targets is not None else None)
    if table == "项目绩效目标表" and (targets is None or not targets.projects):
        return "源文件没有项目绩效目标（绩效目标.项目），没有这张表"
    return ""


def _without_whole_targets(whole: WholeTargets | None) -> str:
    """Why 整体绩效目标表 shows no amount: no whole-department targets, or none of their tasks with money."""
    if whole is None:
        return "源文件没有部门整体绩效目标（绩效目标.整体），没有这张表"
    if not any(t.amount is not None or t.fiscal is not None or t.other is not None for t in whole.tasks):
        return "这张表的任务都没有填写金额"
    return ""


def _part_without_amounts(b: Budget, f: Computed, part: str) -> str:
    """Why the text's ``part`` shows no amount in this document ("" when it shows some)."""
    if part in b.not_published:
        return "这一部分声明为不公开"
    reasons = {
        "收支预算": "" if b.budget_stated else "源文件没有预算收支数字",
        "三公经费": "" if b.three_public.stated else "源文件没有“三公”经费",
        "机关运行经费": "" if b.running_costs is not None else "源文件没有机关运行经费",
        "政府采购": "" if b.procurement is not None else "源文件没有政府采购",
        "国有资产": "这一部分只写车辆、设备的数量，没有金额",
        "绩效管理": "" if f.managed_amount is not None else "这一部分没有金额（绩效管理.金额 未填写，也没有项目绩效目标）",
        "绩效目标": "" if _targets_with_amounts(b.targets) else "源文件的绩效目标没有金额",
    }
    return reasons.get(part, "")


def _targets_with_amounts(targets: Targets | None) -> bool:
    """Whether the performance targets state money: a project's targets, or a whole-department task's amount."""
    return targets is not None and bool(targets.projects or any(
        t.amount is not None for t in (targets.whole.tasks if targets.whole is not None else [])))


@rule("R-显示单位", SOURCE, "warning")
def units_without_effect(b: Budget, f: Computed, m: Money) -> Iterator[Finding]:
    """A unit set for a table or a part that shows no amount here: a warning, not silence."""
    for field, units, why in (("表格单位", b.presentation.table_units, lambda name: _table_without_amounts(b, name)),
                              ("正文单位", b.presentation.text_units, lambda name: _part_without_amounts(b, f, name))):
        for name in units:
            reason = why(name) if name != ALL_PARTS else ""
            if reason:
                path = f"展示.{field}.{name}"
                yield make_finding(b, "warning", "R-显示单位", f"“{name}”的单位不起作用：{reason}。可删去这一项",
                                   b.line_of(path), path)
