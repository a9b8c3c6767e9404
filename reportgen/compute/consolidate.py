"""A department of several units as the sum of its units' figures (assemble.load_source makes it),
and a budget's 上年执行数 view (the prior year replaced by the execution, for the same comparisons)."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from pathlib import Path
from typing import Any

from reportgen.compute.arithmetic import ZERO, sum_known
from reportgen.compute.economic import row_split
from reportgen.docmodel.model import (
    INCOME_SOURCES,
    Budget,
    EconomicRow,
    FunctionRow,
    Prior,
    ProcurementLine,
    ProjectClass,
)


def _joined(texts: list[str]) -> str:
    """Distinct non-empty texts in order, joined as one phrase."""
    return "；".join(dict.fromkeys(t for t in texts if t))


def consolidate(units: list[Budget], department_file: Path) -> dict[str, Any]:
    """A department's figures as the sum of its units' (assemble.load_source makes a department of
    several units from them): function rows summed per (code, fund), economic rows per code,
    projects concatenated, reasons and notes joined. Lines point into the department's file only."""
    return {
        **_summed_money(units),
        # one unit's rows of 一般公共预算 alone make the department's so (the all-money rows are not whole)
        "function_scope": next((u.function_scope for u in units if u.function_scope), ""),
        **_summed_classes(units),
        "income_unknown": frozenset().union(*(u.income_unknown for u in units)),
        "income_stated": frozenset().union(*(u.income_stated for u in units)),
        "carry_forward_stated": any(u.carry_forward_stated for u in units),
        "function_rows": _summed_function_rows(units, department_file),
        "economic_rows": _summed_economic_rows(units, department_file),
        **_summed_stated(units),
        "personnel_note": _joined([u.personnel_note for u in units]),
        "public_note": _joined([u.public_note for u in units]),
        "projects": [p for u in units for p in u.projects],
    }


def summed_procurement_lines(units: list[Budget]) -> tuple[ProcurementLine, ...]:
    """The units' 政府采购 by function line (政府采购.功能分类: each unit's lines, as a table printing each unit's rows in
    turn states them — 深圳's 支出总表) summed per code, as the department's: a fund or key (PROCURED_KEYS) where every
    unit's line of the code states it; a code some unit spends on and states no line of is not known (left out);
    none unless every unit states its lines."""
    stated = [u.procurement.by_function for u in units if u.procurement is not None and u.procurement.by_function]
    if not units or len(stated) != len(units):
        return ()
    spending = [{row.code for row in u.function_rows} for u in units]
    return tuple(_added_lines(code, list(lines.values())) for code, lines in sorted(_by_code(stated).items())
                 if _every_spender(code, lines, spending))


def _by_code(stated: list[tuple[ProcurementLine, ...]]) -> dict[str, dict[int, ProcurementLine]]:
    """The units' lines (``stated``, by unit) by code, each by its unit's index."""
    by_code: dict[str, dict[int, ProcurementLine]] = {}
    for index, lines in enumerate(stated):
        for line in lines:
            by_code.setdefault(line.code, {})[index] = line
    return by_code


def _every_spender(code: str, lines: dict[int, ProcurementLine], spending: list[set[str]]) -> bool:
    """Whether every unit spending on ``code`` (its function rows' codes, ``spending``, by unit) states a line of it."""
    return all(index in lines for index, codes in enumerate(spending) if code in codes)


def _added_lines(code: str, lines: list[ProcurementLine]) -> ProcurementLine:
    """Lines of one code added: each fund and key every one of them states."""
    def added(parts: list[dict[str, Decimal]]) -> dict[str, Decimal]:
        return {key: sum((one[key] for one in parts), ZERO) for key in parts[0] if all(key in one for one in parts)}
    return ProcurementLine(code, added([line.funds for line in lines]), 0, added([line.stated for line in lines]))


def _summed_money(units: list[Budget]) -> dict[str, Any]:
    """The units' income by source, carry-over, reserves used and carry-forward, summed."""
    return {
        "income": {name: sum((u.income[name] for u in units), ZERO) for name in INCOME_SOURCES},
        "carried_over": sum((u.carried_over for u in units), ZERO),
        "reserves_used": sum((u.reserves_used for u in units), ZERO),
        "carry_forward": sum((u.carry_forward for u in units), ZERO),
    }


def _summed_stated(units: list[Budget]) -> dict[str, Decimal | None]:
    """The totals the units state, summed: each where some unit states it (of those known), and the
    人员经费 and 公用经费 of those known."""

    def stated(values: list[Decimal | None]) -> Decimal | None:
        return sum_known(values) if any(v is not None for v in values) else None

    return {
        "stated_fiscal_income": stated([u.stated_fiscal_income for u in units]),
        "stated_income_grand_total": stated([u.stated_income_grand_total for u in units]),
        "stated_personnel": sum_known([u.stated_personnel for u in units]),
        "stated_public": sum_known([u.stated_public for u in units]),
        "stated_basic": stated([u.stated_basic for u in units]),
        "stated_project": stated([u.stated_project for u in units]),
        "stated_expenditure": stated([u.stated_expenditure for u in units]),
    }


def _summed_classes(units: list[Budget]) -> dict[str, list[ProjectClass]]:
    """The units' 项目支出 by economic class, and 一般公共预算's (深圳's 一般公共预算支出表（按经济分类）, each unit's)."""
    return {"project_classes": _summed_project_classes([u.project_classes for u in units]),
            "general_project_classes": _summed_project_classes([u.general_project_classes for u in units])}


def _summed_project_classes(units: list[list[ProjectClass]]) -> list[ProjectClass]:
    """The units' 项目支出 by economic class (each unit's lines), summed per code (a prior only where every unit with
    the code states it); none unless every unit gives them (a part of the units' is no split)."""
    if not units or not all(units):
        return []
    summed: dict[str, ProjectClass] = {}
    for lines in units:
        for line in lines:
            have = summed.get(line.code)
            summed[line.code] = line if have is None else replace(
                have, amount=have.amount + line.amount, prior=sum_known((have.prior, line.prior)), line=0,
                stated_change=None, stated_rate=None)
    return sorted(summed.values(), key=lambda c: c.code)


def _line_in(department_file: Path, unit: Budget, line: int) -> int:
    """A unit's line where it stands in the department's own file; 0 in a unit file of its own."""
    return line if unit.file == department_file else 0


def _add_kinds(merged: FunctionRow, row: FunctionRow) -> None:
    """Two units' 人员经费 and 公用经费 of one line summed where each gives them (or one gives it, the other's
    line spending nothing on 基本支出); else none (asked before their 基本支出 are summed)."""
    kinds = [_kinds_of(r) for r in (merged, row)]
    first, second = kinds
    if first is None or second is None or merged.basic_kinds is None and row.basic_kinds is None:
        merged.stated_personnel = merged.stated_public = None
        return
    merged.stated_personnel, merged.stated_public = first[0] + second[0], first[1] + second[1]


def _kinds_of(row: FunctionRow) -> tuple[Decimal, Decimal] | None:
    """A line's 人员经费 and 公用经费: as stated, 0 and 0 where it spends nothing on 基本支出, else None."""
    return row.basic_kinds if row.basic_kinds is not None or row.basic else (ZERO, ZERO)


def _summed_function_rows(units: list[Budget], department_file: Path) -> list[FunctionRow]:
    """The units' function rows summed per (code, fund); a prior or actual figure only where every
    unit with the row states it."""
    functions: dict[tuple[str, str], FunctionRow] = {}
    priors: dict[tuple[str, str], list[Decimal | None]] = {}
    actuals: dict[tuple[str, str], list[Decimal | None]] = {}
    for unit in units:
        for row in unit.function_rows:
            key = (row.code, row.fund)
            merged = functions.get(key)
            if merged is None:
                functions[key] = FunctionRow(row.code, row.name, "", row.fund, row.basic, row.project, None, row.reason,
                                             _line_in(department_file, unit, row.line), stated_total=row.total,
                                             use=row.use, unstated=row.unstated, stated_personnel=row.stated_personnel,
                                             stated_public=row.stated_public, other=dict(row.other))
            else:  # a split is known where every unit gives it; the 合计 always; a part left out by all is left out
                merged.stated_total = merged.total + row.total  # the units' so far and this one's, before the parts add
                merged.unstated &= row.unstated
                _add_kinds(merged, row)
                merged.basic = sum_known((merged.basic, row.basic))
                merged.project = sum_known((merged.project, row.project))
                merged.other = _other_added(merged.other, row.other)
                merged.reason = _joined([merged.reason, row.reason])
                merged.use = _joined([merged.use, row.use])
            priors.setdefault(key, []).append(row.prior)
            actuals.setdefault(key, []).append(row.actual)
    for key, row in functions.items():
        row.prior, row.actual = sum_known(priors[key]), sum_known(actuals[key])
    return sorted(functions.values(), key=lambda r: (r.code, r.fund))


def _other_added(merged: dict[str, Decimal], row: dict[str, Decimal]) -> dict[str, Decimal]:
    """Two units' spending beside 基本/项目支出 of one line (经营支出, 上缴上级支出 …: 深圳's 支出总表 prints them by unit
    and line), summed by kind: a kind where both state it (else not known)."""
    return {kind: amount + row[kind] for kind, amount in merged.items() if kind in row}


def _summed_economic_rows(units: list[Budget], department_file: Path) -> list[EconomicRow]:
    """The units' economic rows summed per code, with their 政府经济分类 parts; a row any unit
    splits into 人员/公用经费 is split in the sum (the others by their class)."""
    economics: dict[str, EconomicRow] = {}
    for unit in units:
        for econ in unit.economic_rows:
            merged = economics.get(econ.code)
            if merged is None:
                economics[econ.code] = _first_of_code(econ, _line_in(department_file, unit, econ.line))
            else:
                _add_economic_row(merged, econ)
    return sorted(economics.values(), key=lambda r: r.code)


def _first_of_code(econ: EconomicRow, line: int) -> EconomicRow:
    """The sum of a code's rows, begun with the first unit's (at its ``line`` in the department's file): split into
    人员/公用经费 where that unit splits it."""
    split = econ.stated_personnel is not None or econ.stated_public is not None
    personnel, public = row_split(econ) if split else (None, None)
    return EconomicRow(econ.code, econ.name, "", econ.amount, dict(econ.government), line, personnel, public,
                       econ.outside_three_public)


def _add_economic_row(merged: EconomicRow, econ: EconomicRow) -> None:
    """A further unit's row added to its code's sum: its amount, its part outside the “三公”, its 政府经济分类 parts,
    and its split (a split in any unit splits the sum, the others by their class)."""
    if econ.outside_three_public is not None:  # the units' parts outside the “三公” add up too
        merged.outside_three_public = (merged.outside_three_public or ZERO) + econ.outside_three_public
    _add_split(merged, econ)
    merged.amount += econ.amount
    for gov_code, amount in econ.government.items():
        merged.government[gov_code] = merged.government.get(gov_code, ZERO) + amount


def _add_split(merged: EconomicRow, econ: EconomicRow) -> None:
    """A unit's 人员/公用经费 added to its code's sum, where either splits the row (the other by its class); else
    the sum stays unsplit."""
    if econ.stated_personnel is not None or econ.stated_public is not None or merged.stated_personnel is not None:
        before, now = row_split(merged), row_split(econ)
        merged.stated_personnel = (before[0] or ZERO) + (now[0] or ZERO)
        merged.stated_public = (before[1] or ZERO) + (now[1] or ZERO)


def actual_view(budget: Budget) -> Budget:
    """The budget as if its 上年执行数 were its prior year: each prior figure replaced by the
    actual one (None where not given), and the stated 增减额/增减率 (stated against the budget)
    left out. Made for comparisons only: its 上年 figures are 执行数 and are worded as such."""
    actual = budget.actual or Prior(year=budget.prior.year)

    def swapped(item: Any) -> Any:
        if item is None:
            return None
        if hasattr(item, "stated_rate"):
            return replace(item, prior=item.actual, stated_change=None, stated_rate=None)
        return replace(item, prior=item.actual)

    three_public = budget.three_public
    return replace(
        budget,
        prior=Prior(year=actual.year, totals=actual.totals, function=actual.function, economic=actual.economic,
                    source=actual.source, stated_codes=actual.stated_codes, changes=actual.changes),
        function_rows=[swapped(r) for r in budget.function_rows],
        stated_totals=[swapped(t) for t in budget.stated_totals],
        projects=[swapped(p) for p in budget.projects],
        three_public=replace(three_public, parts={k: swapped(v) for k, v in three_public.parts.items()},
                             stated_total=swapped(three_public.stated_total), vehicles=swapped(three_public.vehicles)),
        running_costs=swapped(budget.running_costs),
        units=[actual_view(u) for u in budget.units],
        actual=None,
    )

