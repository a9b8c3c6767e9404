"""Checks of the performance targets (绩效目标): the money they cover, each project's funding
split and spending plan, and the department's words in them."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from reportgen.base.errors import Finding
from reportgen.base.rules import SOURCE, rule
from reportgen.checks.precision import exceeds
from reportgen.checks.registry import make_finding
from reportgen.checks.slips import SLIPS
from reportgen.compute import ZERO, Computed
from reportgen.compute.phrasing import Money
from reportgen.docmodel.model import Budget, ProjectTarget, TargetTask, WholeTargets

HUNDRED = Decimal(100)


@rule("R-绩效目标金额", SOURCE, "error")
def covered_money(b: Budget, f: Computed, m: Money) -> Iterator[Finding]:
    """Money under the project targets ≤ 项目支出; each project's 财政资金 + 其他资金 = 预算数."""
    t = b.targets
    if t is None:
        return
    total = f.target_projects_total
    if total is not None and f.project is not None and exceeds(total, f.project):
        yield make_finding(b, "error", "R-绩效目标金额",
                       f"项目绩效目标表的预算数合计 {m.with_unit(total)} 大于项目支出 {m.with_unit(f.project)}",
                       b.line_of("绩效目标.项目[1]"), "绩效目标.项目")
    for index, p in enumerate(t.projects):
        yield from _project_money(b, p, f"绩效目标.项目[{index + 1}]", m)
    yield from _tasks_money(b, t.whole.tasks if t.whole else [], m)


def _tasks_money(b: Budget, tasks: list[TargetTask], m: Money) -> Iterator[Finding]:
    """A whole-department task's 财政拨款 and 其他资金 against its amount, where all three are given."""
    for task in tasks:
        if task.amount is not None and task.fiscal is not None and task.other is not None \
                and task.fiscal + task.other != task.amount:
            yield make_finding(b, "error", "R-绩效目标金额",
                           f"任务“{task.name}”财政拨款 {m.with_unit(task.fiscal)} 与其他资金 {m.with_unit(task.other)} 之和"
                           f"不等于金额 {m.with_unit(task.amount)}", task.line, "绩效目标.整体.任务")


def _project_money(b: Budget, p: ProjectTarget, path: str, m: Money) -> Iterator[Finding]:
    """A project target's 财政资金 and 其他资金 against its 预算数: equal when both are given, never above."""
    parts = [x for x in (p.fiscal, p.other) if x is not None]
    if p.fiscal is not None and p.other is not None and p.fiscal + p.other != p.amount:
        yield make_finding(b, "error", "R-绩效目标金额",
                           f"项目“{p.name}”财政资金 {m.with_unit(p.fiscal)} 与其他资金 {m.with_unit(p.other)} 之和"
                           f"不等于预算数 {m.with_unit(p.amount)}", p.line, path)
    elif sum(parts, ZERO) > p.amount:
        yield make_finding(b, "error", "R-绩效目标金额",
                           f"项目“{p.name}”的资金来源 {m.with_unit(sum(parts, ZERO))} 大于预算数 {m.with_unit(p.amount)}",
                           p.line, path)


@rule("R-绩效目标", SOURCE, "warning")
def agrees_with_management(b: Budget, f: Computed, m: Money) -> Iterator[Finding]:
    """绩效管理's stated count and money against the project target tables, where both are given."""
    g, t = b.performance, b.targets
    if g is None or t is None or not t.projects:
        return
    if g.project_count is not None and g.project_count != len(t.projects):
        yield make_finding(b, "warning", "R-绩效目标",
                       f"绩效管理.项目数为 {g.project_count}，项目绩效目标表有 {len(t.projects)} 张", 0, "绩效管理.项目数")
    total = f.target_projects_total
    if g.amount is not None and total is not None and g.amount != total:
        yield make_finding(b, "warning", "R-绩效目标",
                       f"绩效管理.金额 {m.with_unit(g.amount)} 与项目绩效目标表的预算数合计 {m.with_unit(total)} 不一致", 0,
                       "绩效管理.金额")
    yield from _without_indicators(b, t.projects)


def _without_indicators(b: Budget, projects: list[ProjectTarget]) -> Iterator[Finding]:
    """A warning for each project target table that states no indicator."""
    for index, p in enumerate(projects):
        if not p.indicators:
            yield make_finding(b, "warning", "R-绩效目标", f"项目“{p.name}”没有绩效指标", p.line,
                           f"绩效目标.项目[{index + 1}].指标")


def _whole_target_texts(whole: WholeTargets) -> list[tuple[str, str, int]]:
    """The department's whole targets' own texts, each with where the source gives it: its goals, its tasks (name,
    content and indicators), its measures."""
    texts = [("绩效目标.整体.年度总体目标", g, whole.line) for g in whole.goals]
    texts += [("绩效目标.整体.任务", task.name + task.content + task.indicator_text, task.line) for task in whole.tasks]
    texts += [("绩效目标.整体.保障措施", text, whole.line) for text in whole.measures]
    return texts


@rule("R-支出计划", SOURCE, ("error", "warning"))
def spending_plan(b: Budget, f: Computed, m: Money) -> Iterator[Finding]:
    """资金支出计划 is cumulative: each point within 0–100%, never below the one before, 100% by 12月底."""
    for index, p in enumerate(b.targets.projects if b.targets else []):
        yield from _project_plan(b, p, f"绩效目标.项目[{index + 1}].支出计划")


def _project_plan(b: Budget, p: ProjectTarget, path: str) -> Iterator[Finding]:
    """One project's 资金支出计划: each point within 100%, none below the one before, 100% by its last (12月底)."""
    stated = [point for point in p.plan if point.percent is not None]
    for point in stated:
        if point.percent > HUNDRED:  # type: ignore[operator]
            yield make_finding(b, "error", "R-支出计划", f"项目“{p.name}”{point.label}支出进度 {point.text} 超过 100%",
                           p.line, path)
    for earlier, later in zip(stated, stated[1:], strict=False):
        if later.percent < earlier.percent:  # type: ignore[operator]
            yield make_finding(b, "error", "R-支出计划",
                           f"项目“{p.name}”的支出计划是累计进度，{later.label} {later.text} 不应低于{earlier.label} "
                           f"{earlier.text}", p.line, path)
    if p.plan and p.plan[-1].percent is not None and p.plan[-1].percent < HUNDRED:
        yield make_finding(b, "warning", "R-支出计划",
                       f"项目“{p.name}”12月底累计支出进度为 {p.plan[-1].text}，未达到 100%", p.line, path)


@rule("R-占位文字", SOURCE, "error")
def target_words(b: Budget, f: Computed, m: Money) -> Iterator[Finding]:
    """No leftover placeholders or doubled words in the department's own target texts."""
    t = b.targets
    if t is None:
        return
    texts = _whole_target_texts(t.whole) if t.whole else []
    for index, p in enumerate(t.projects):
        where = f"绩效目标.项目[{index + 1}]"
        texts.append((where, p.name + p.use + "".join(p.goals), p.line))
        texts += [(f"{where}.指标", i.level3 + i.description + i.value + i.basis, i.line) for i in p.indicators]
    for where, text, line in texts:
        for slip in SLIPS:
            hit = slip.pattern.search(text)
            if hit:
                yield make_finding(b, "error", "R-占位文字", f"{where}中有{slip.what}“{hit.group(0)}”", line, where)
