"""The 勾稽 rules only a 部门决算 (种类: 决算) has: each 财政拨款 fund's balance with its 结转和结余, the
预算数 a source states against its rows', the “三公” 预算数 against its parts', and a 决算数 far from
its 预算数 without the reason the text must give (决算数大于/小于预算数的主要原因).

A source in 万元 is typed from a published document whose every figure was rounded from 元 on its
own: a stated total may then differ from its parts' sum by half a 0.01 万元 per part (the 尾数误差
the tables note), and no more. A source in 元 must agree exactly.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from reportgen.base.errors import Finding
from reportgen.base.rules import SOURCE, rule
from reportgen.checks.registry import make_finding, reason_threshold
from reportgen.compute import ZERO, Change, Computed, allowance
from reportgen.compute.phrasing import Money
from reportgen.docmodel.model import FUNDS, THREE_PUBLIC_PARTS, Budget, Execution

FISCAL_FUNDS = ("一般公共预算", "政府性基金", "国有资本经营")


@rule("R-财政拨款结转", SOURCE, "error")
def fiscal_balance(b: Budget, f: Computed, m: Money) -> Iterator[Finding]:
    """Each 财政拨款 fund: 本年收入 + 年初结转和结余 = 本年支出 + 年末结转和结余 (a balance not
    stated is none: the 财政拨款收入支出决算总表 prints it empty)."""
    if not b.final:
        return
    for fund in FISCAL_FUNDS:
        source = FUNDS[fund]
        assert source is not None
        received = f.income_of(source)
        if received is None:
            continue
        opening, closing = f.fiscal_balance("年初", fund) or ZERO, f.fiscal_balance("年末", fund) or ZERO
        spent = f.fund_total(fund)
        rows = sum(1 for r in b.function_rows if r.fund == fund)
        if abs(received + opening - spent - closing) > allowance(b, rows):
            yield make_finding(b, "error", "R-财政拨款结转", _unbalanced(fund, source, received, opening, spent, closing, m),
                               b.line_of(f"收入.{source}"), f"收入.{source}")


def _unbalanced(fund: str, source: str, received: Decimal, opening: Decimal, spent: Decimal, closing: Decimal,
                m: Money) -> str:
    return (f"{source} {m.with_unit(received)} 加年初{fund}财政拨款结转和结余 {m.with_unit(opening)}，与资金为“{fund}”的"
            f"功能分类支出 {m.with_unit(spent)} 加年末结转和结余 {m.with_unit(closing)} 不相等：请核对各行，或填写"
            "“财政拨款结转和结余”")


@rule("R-预算数", SOURCE, "error")
def stated_budgets(b: Budget, f: Computed, m: Money) -> Iterator[Finding]:
    """预算数.{资金}'s 年初预算 / 全年预算 against its rows' (where every row of the fund states it)."""
    for fund, stated in b.fund_budgets.items():
        rows = [r.budget for r in b.function_rows if r.fund == fund]
        for measure in ("initial", "full"):
            figure, total = getattr(stated, measure), _rows_sum(rows, measure)
            if figure is None or total is None:
                continue
            if abs(figure - total) > allowance(b, len(rows)):
                word = "年初预算" if measure == "initial" else "全年预算"
                yield make_finding(b, "error", "R-预算数", f"预算数.{fund}.{word} {m.with_unit(figure)} 与资金为“{fund}”的"
                                   f"各行{word}之和 {m.with_unit(total)} 不一致", stated.line, f"预算数.{fund}.{word}")


def _rows_sum(rows: list[Execution | None], measure: str) -> Decimal | None:
    """A fund's rows' sum of 年初预算 (initial) or 全年预算 (full); None where there is no row or one does not state it."""
    known = [getattr(e, measure) for e in rows if e is not None]
    if not rows or len(known) != len(rows) or None in known:
        return None
    return sum(known, ZERO)


@rule("R-三公预算", SOURCE, "error")
def three_public_budget(b: Budget, f: Computed, m: Money) -> Iterator[Finding]:
    """The “三公” 合计's 预算数 against its parts' (all four stated)."""
    t = b.three_public
    stated = t.stated_total.budgeted if t.stated_total is not None else None
    parts = [t.parts[name].budgeted for name in THREE_PUBLIC_PARTS]
    if stated is None or any(part is None for part in parts):
        return
    total = sum((part or ZERO for part in parts), ZERO)
    if abs(stated - total) > allowance(b, len(parts)):
        assert t.stated_total is not None
        yield make_finding(b, "error", "R-三公预算", f"“三公”经费合计的预算 {m.with_unit(stated)} 与各项预算之和 "
                           f"{m.with_unit(total)} 不一致", t.stated_total.line, "三公经费.合计.预算")


@rule("R-差异原因", SOURCE, "warning")
def variance_reasons(b: Budget, f: Computed, m: Money) -> Iterator[Finding]:
    """A 决算数 beyond the reason threshold from its 预算数 (or spent against a 0 budget), with no
    差异原因: the text must say why (“决算数小于预算数的主要原因…”)."""
    if not b.final:
        return
    for label, spent, execution, path in _measured(b, f):
        base = execution.base
        if base is None or execution.reason:
            continue
        word, budget = base
        if _beyond(spent, budget):
            yield make_finding(b, "warning", "R-差异原因", f"{label}决算数 {m.with_unit(spent)} 与{word} {m.with_unit(budget)} "
                               f"相差超过 {reason_threshold()}%，但没有写“差异原因”（决算数大于或小于预算数的主要原因）",
                               execution.line, path)


def _measured(b: Budget, f: Computed) -> Iterator[tuple[str, Decimal, Execution, str]]:
    """Every 决算数 with its 预算数: each fund's, each function row's, the “三公” 合计's."""
    for fund, execution in b.fund_budgets.items():
        yield f"{fund}财政拨款支出", f.fund_total(fund), execution, f"预算数.{fund}.差异原因"
    for row in b.function_rows:
        if row.budget is not None:
            yield f"功能分类科目 {row.code} ", row.total, row.budget, "支出.功能分类.差异原因"
    total = b.three_public.stated_total
    if total is not None and total.budgeted is not None and f.three_public_total is not None:
        yield "“三公”经费", f.three_public_total, Execution(total.budgeted, None, total.variance, total.line), \
            "三公经费.合计.差异原因"


def _beyond(spent: Decimal, budget: Decimal) -> bool:
    """Whether 决算 stands from 预算 by more than the reason threshold (any spending of a 0 budget)."""
    if not budget:
        return bool(spent)
    return abs(spent - budget) * 100 / budget > reason_threshold()


@rule("R-决算不印", SOURCE, "warning")
def unprinted_reasons(b: Budget, f: Computed, m: Money) -> Iterator[Finding]:
    """A reason the 决算 text has no place for, as the figures stand: a row's 差异原因 where its 决算数
    equals its 预算数 (“决算数与预算数持平”), a “三公” part's 原因 where it did not change from last
    year; and “三公” 上年 given for some parts only (no total to compare)."""
    if not b.final:
        return
    yield from _unprinted_row_reasons(b, m)
    yield from _unprinted_three_public(b, m)


def _unprinted_row_reasons(b: Budget, m: Money) -> Iterator[Finding]:
    """A function row's 差异原因 where its 决算数 equals its 预算数 (the text says 持平 alone)."""
    for row in b.function_rows:
        base = row.budget.base if row.budget is not None else None
        if row.budget is not None and row.budget.reason and base is not None and _flat(m.change(row.total, base[1])):
            yield make_finding(b, "warning", "R-决算不印", _flat_reason(f"功能分类科目 {row.code} 的决算数与{base[0]}"),
                               row.line, "支出.功能分类.差异原因")


def _unprinted_three_public(b: Budget, m: Money) -> Iterator[Finding]:
    """A “三公” part's 原因 where it did not change from last year, and 上年 given for some parts only."""
    parts = b.three_public.parts
    given = [name for name in THREE_PUBLIC_PARTS if name in b.three_public.given]  # in the printed order
    for name in given:
        part = parts[name]
        if part.reason and _flat(m.change(part.current, part.prior)):
            yield make_finding(b, "warning", "R-决算不印", _flat_reason(f"“三公”经费的{name}与上年"), part.line,
                               f"三公经费.{name}.原因")
    stated = [name for name in given if parts[name].prior is not None]
    if stated and len(stated) < len(given):
        yield make_finding(b, "warning", "R-决算不印", _some_priors(stated), parts[stated[0]].line, f"三公经费.{stated[0]}.上年")


def _flat(change: Change | None) -> bool:
    """No change to explain: 持平 at the text's digit, or nothing to compare with."""
    return change is None or change.kind == "flat"


def _flat_reason(what: str) -> str:
    return f"{what}持平（或没有可比的数），决算文本只写“持平”，所写的原因不会印出：请删去原因，或核对数字"


def _some_priors(stated: list[str]) -> str:
    return (f"“三公”经费只有{'、'.join(stated)}写了上年数：各项都写了才能与上年比较（没写的一项是未知，不是 0），"
            "这些上年数不会印出")


@rule("R-收入功能分类", SOURCE, "error")
def income_lines(b: Budget, f: Computed, m: Money) -> Iterator[Finding]:
    """收入.功能分类: each kind of income summed over the lines equals that income (财政拨款收入: the three
    fiscal sources'), within the lines' 尾数; a line's 合计 is not less than its kinds."""
    if not b.income_lines:
        return
    sums: dict[str, Decimal] = {}
    for item in b.income_lines:
        for kind, amount in item.amounts.items():
            sums[kind] = sums.get(kind, ZERO) + amount
        if item.total is not None and item.total < sum(item.amounts.values(), ZERO):
            yield make_finding(b, "error", "R-收入功能分类", f"收入.功能分类 {item.code} 的合计 {m.with_unit(item.total)} 小于"
                               "其各栏之和", item.line, "收入.功能分类")
    fiscal = f.fiscal_income or ZERO
    for kind, total in sums.items():
        income = fiscal if kind == "财政拨款收入" else b.income.get(kind, ZERO)
        if abs(total - income) > allowance(b, len(b.income_lines), total, income):
            yield make_finding(b, "error", "R-收入功能分类", f"收入.功能分类各行的{kind}之和 {m.with_unit(total)} 与收入中的"
                               f"{m.with_unit(income)} 不一致", b.income_lines[0].line, "收入.功能分类")
