"""A source and the files it names assembled into one Budget, the first step of every command
that reads a source: the file read (source.loader), a department of several 单位 made the sum of
its units (compute.consolidate), and its prior-year files read and merged — last year's 预算 as 上年,
its 决算 as 上年执行数 — with the 上年执行数 the source states by name put on their items. Reading a
file only reads; what is computed from several files is computed here, above both."""

from __future__ import annotations

import os
from dataclasses import replace
from decimal import Decimal
from pathlib import Path
from typing import Any

from reportgen.base.errors import Finding, SourceError
from reportgen.compute import compute, consolidate
from reportgen.compute.consolidate import summed_procurement_lines
from reportgen.docmodel.model import Budget, Prior
from reportgen.source.loader import SourceInput, confined, given, quoted_if_inside, read_source


def load_source(source: Path | SourceInput, *, follow_prior: bool = True) -> Budget:
    """Read one source with everything it names, assembled: a file on disk, or a source in memory
    (an import's, named as the file it is written as). Raises SourceError holding every finding."""
    budget, findings = read_source(given(source))
    if budget.units:
        _consolidate(budget)
    if follow_prior and budget.prior.source is not None:
        budget.inputs.append(budget.prior.source)
        _merge_prior_source(budget, findings, "上年")
    _merge_actual_section(budget, findings)
    if follow_prior and budget.actual is not None and budget.actual.source is not None:
        budget.inputs.append(budget.actual.source)
        _merge_prior_source(budget, findings, "上年执行数")
    if findings:
        raise SourceError(findings)
    return budget


def _consolidate(budget: Budget) -> None:
    """A department's figures as the sum of its units' (its own words for 人员/公用经费 kept)."""
    own_notes = {"personnel_note": budget.personnel_note, "public_note": budget.public_note}
    for key, value in consolidate(budget.units, budget.file).items():
        setattr(budget, key, own_notes.get(key) or value)
    procured = summed_procurement_lines(budget.units)  # its 政府采购 by line: its units' (深圳's 支出总表)
    if procured and budget.procurement is not None and not budget.procurement.by_function:
        budget.procurement = replace(budget.procurement, by_function=procured)


def error(findings: list[Finding], budget: Budget, rule: str, message: str, line: int, path: str) -> None:
    findings.append(Finding("error", rule, message, str(budget.file), line, 0, path))


def _merge_actual_section(budget: Budget, findings: list[Finding]) -> None:
    """Put the 上年执行数 the section names (三公 parts, 机关运行经费, projects by name, 类/款 rows)
    on the items they belong to, unless given there; a name the budget does not have is refused.
    A source with 上年执行数 only inline gets an (empty) section, so that it is known to have them."""
    if budget.actual is None and not _actual_inline(budget):
        return
    actual = budget.actual = budget.actual or Prior(year=budget.prior.year)
    for total in budget.stated_totals:
        if total.kind == "功能分类" and total.actual is not None and total.fund == "一般公共预算":
            actual.function.setdefault(total.code, total.actual)
    merge = _ActualMerge(budget, findings)
    merge.three_public(actual)
    merge.running_costs(actual)
    merge.projects(actual)


def _actual_inline(budget: Budget) -> bool:
    """Whether any item states its own 上年执行数 (without a 上年执行数 section)."""
    return (any(r.actual is not None for r in budget.function_rows)
            or any(p.actual is not None for p in budget.projects)
            or any(t.actual is not None for t in budget.stated_totals)
            or _actual_of_spending_items(budget))


def _actual_of_spending_items(budget: Budget) -> bool:
    """Whether a “三公” part, the “三公” total stated or the 机关运行经费 states its own 上年执行数."""
    stated_three = budget.three_public.stated_total
    return (any(c.actual is not None for c in budget.three_public.parts.values())
            or (budget.running_costs is not None and budget.running_costs.actual is not None)
            or (stated_three is not None and stated_three.actual is not None))


class _ActualMerge:
    """The 上年执行数 section's figures put on their items, and what cannot be, refused."""

    def __init__(self, budget: Budget, findings: list[Finding]) -> None:
        self.budget, self.findings = budget, findings

    def three_public(self, actual: Prior) -> None:
        """Each “三公” part's 上年执行数 on the part (its 合计 is the parts' sum, on none)."""
        parts = self.budget.three_public
        for name, value in actual.three_public.items():
            path = f"上年执行数.三公经费.{name}"
            if name in parts.parts:
                self.put(parts.parts[name], value, name, path)
            elif name != "合计":
                self.error(f"“三公”经费没有“{name}”这一项：应为 {'、'.join(parts.parts)} 或 合计", path)

    def running_costs(self, actual: Prior) -> None:
        """The 机关运行经费's 上年执行数, refused where the budget states no 机关运行经费 to compare."""
        if actual.running_costs is None:
            return
        path = "上年执行数.机关运行经费"
        if self.budget.running_costs is None:
            self.error("写了机关运行经费的上年执行数，但没有本年的“机关运行经费”可以比较：请一并填写", path)
        else:
            self.put(self.budget.running_costs, actual.running_costs, "机关运行经费", path)

    def projects(self, actual: Prior) -> None:
        """Each project's 上年执行数 on the project of that name; a name not this year's refused."""
        by_name = {p.name: p for p in self.budget.projects}
        for name, value in actual.projects.items():
            path = f"上年执行数.项目.{name}"
            if name in by_name:
                self.put(by_name[name], value, f"项目“{name}”", path)
            else:
                import difflib  # deferred: for a misnamed project only

                close = difflib.get_close_matches(name, list(by_name), n=1)
                hint = f"您是否想写“{close[0]}”？" if close else "项目名称应与“支出.项目”中的名称一致"
                self.error(f"上年执行数中的项目“{name}”不在本年的项目中：{hint}", path)

    def put(self, item: Any, value: Decimal, what: str, path: str) -> None:
        if item.actual is not None and item.actual != value:
            self.error(f"{what}的上年执行数写了两处且不一致（{path} 与该项自己的“上年执行数”）：请只写一处", path)
        item.actual = value

    def error(self, message: str, path: str) -> None:
        error(self.findings, self.budget, "R-上年执行数", message, self.budget.line_of(path), path)


def _merge_prior_source(budget: Budget, findings: list[Finding], section: str) -> None:
    """Fill the prior-year figures this source does not state from last year's source file: its
    budget for 上年, its final figures (a source of last year's 决算 in this format) for 上年执行数."""
    prior = budget.prior if section == "上年" else budget.actual
    assert prior is not None and prior.source is not None
    last = _last_year(budget, findings, section, prior)
    if last is None:
        return
    figures = compute(last)
    for key, value in figures.comparable_totals().items():
        prior.totals.setdefault(key, value)
    for code, value in figures.function_totals().items():
        prior.function.setdefault(code, value)
    for code, value in figures.economic_totals().items():
        prior.economic.setdefault(code, value)
    _fill_items(budget, last, "prior" if section == "上年" else "actual")


def _last_year(budget: Budget, findings: list[Finding], section: str, prior: Prior) -> Budget | None:
    """Last year's source that ``section``.来源 names, read; None (with its error) when it is missing,
    broken, of another department or of another year."""
    path, line, field = prior.source, budget.line_of(f"{section}.来源"), f"{section}.来源"
    assert path is not None
    if not os.path.lexists(path):
        error(findings, budget, "R-上年来源", f"{section}源文件 {path} 不存在", line, field)
        return None
    try:
        last = load_source(path, follow_prior=False)
    except SourceError as exc:
        first = confined(exc.findings[:1], budget.file.parent)[0]
        error(findings, budget, "R-上年来源", f"{section}源文件 {path} 有错误，请先修正：{first.format()}", line, field)
        return None
    budget.inputs += last.inputs
    if last.department != budget.department:
        error(findings, budget, "R-上年来源", f"{section}源文件属于{quoted_if_inside(last.department, path, budget.file.parent)}，"
              f"与本文件的“{budget.department}”不是同一部门", line, field)
        return None
    if last.year != prior.year:
        error(findings, budget, "R-上年来源", f"{section}源文件是 {last.year} 年的，应为 {prior.year} 年", line, field)
        return None
    return last


def _spending_items_of_last(budget: Budget, last: Budget) -> list[tuple[Any, Decimal | None]]:
    """Each “三公” part with last year's amount of it (where last year states them) and the 机关运行经费 with last
    year's (where both years have one)."""
    pairs: list[tuple[Any, Decimal | None]] = []
    if last.three_public.stated:
        pairs += [(part, last.three_public.parts[name].current) for name, part in budget.three_public.parts.items()]
    if budget.running_costs and last.running_costs:
        pairs.append((budget.running_costs, last.running_costs.current))
    return pairs


def _fill_items(budget: Budget, last: Budget, field: str) -> None:
    """Each item's ``field`` (prior or actual) that the source leaves blank, from last year's item
    of the same name or code."""
    projects = {p.name: p.amount for p in last.projects}
    rows: dict[tuple[str, str], Decimal] = {}
    for r in last.function_rows:  # the first of a code repeated by mistake, as a reader reads it
        rows.setdefault((r.code, r.fund), r.total)
    pairs: list[tuple[Any, Decimal | None]] = [(p, projects.get(p.name)) for p in budget.projects]
    pairs += _spending_items_of_last(budget, last)
    pairs += [(row, rows.get((row.code, row.fund))) for row in budget.function_rows]
    for item, value in pairs:
        if getattr(item, field) is None and value is not None:
            setattr(item, field, value)
