"""An amount a sentence says is all of one fund's money (“涉及预算拨款39,560.87万元，均为一般公共预算拨款”, 国家信访局 2026;
“政府采购支出总额1967.42万元，全部为财政资金”, 国家信访局 2024 决算) can be no more than all the money of that fund the
department has: the fund's income of the year and what it carried over (财政拨款收支总表: 一般公共预算拨款 16,474.82 and
上年结转 2,254.12 — 18,728.94, under the 39,560.87 said to be all of it: its 其他收入 31,888 pays for the rest). The part
over its whole is arithmetic, whatever the region; a sentence that names no fund the tables measure, or a fund whose
carry-over the source does not know, is not judged."""

from __future__ import annotations

from decimal import Decimal

from reportgen.base.errors import Finding
from reportgen.base.patterns import regex
from reportgen.compute import Computed
from reportgen.readers.text.statements import Statement
from reportgen.review.sentences.consistency import in_yuan

_GENERAL = "一般公共预算"
# right after the amount: “，均为一般公共预算拨款”, “，全部为财政资金”, “，均来自财政拨款”
_ALL_OF = regex(r"\A\s*+([，,]?\s*+(?:均|全部)(?:为|是|来自|来源于)(?:当年)?(一般公共预算|财政拨款|财政资金)[\u4e00-\u9fff]{0,4})")
_UNITS = {"元": Decimal(1), "万元": Decimal(10000), "亿元": Decimal(100000000)}


def wholly_of_one_fund(statements: list[Statement], figures: Computed, draft: str,
                       told: frozenset[tuple[int, str]]) -> list[Finding]:
    """A finding on each amount said to be all of one fund's money that is more than that fund's money (its income and
    carry-over) by more than the amount's printed rounding; none on an amount told as disagreeing already (``told``)."""
    out = []
    for st in statements:
        said = _said_all_of(st)
        if said is None or (st.line, st.text) in told:
            continue
        words, fund = said
        whole = _fund_money(figures, fund)
        if whole is None or in_yuan(st) - _UNITS[st.unit] * Decimal("0.5") * Decimal(10) ** -st.decimals <= whole:
            continue
        shown = (whole / _UNITS[st.unit]).quantize(Decimal(10) ** -st.decimals)
        out.append(Finding("error", "R-分项大于总数", f"“{st.text}{words}”：{fund}的资金（本年收入与上年结转）一共只有 "
                           f"{shown:,}{st.unit}，不足 {st.text}：所说的金额不能都来自{fund}，请核对金额或资金来源",
                           draft, st.line))
    return out


def _said_all_of(st: Statement) -> tuple[str, str] | None:
    """The words saying the amount is all of one fund (as printed), and that fund (一般公共预算, else 财政拨款)."""
    if st.kind != "amount" or st.value is None or st.unit not in _UNITS or st.text not in st.sentence:
        return None
    found = _ALL_OF.match(st.sentence.split(st.text, 1)[1])
    if found is None:
        return None
    return found.group(1), _GENERAL if found.group(2) == _GENERAL else "财政拨款"


def _fund_money(f: Computed, fund: str) -> Decimal | None:
    """All the money of the fund the department has (元): its income of the year and what it carried over (a 决算's
    年初结转和结余); None where either is not known."""
    final = f.budget.final
    if fund != _GENERAL:
        return f.fiscal_grand_total if final else f.fiscal_income_grand_total
    income = f.income_of("一般公共预算拨款")
    carried = f.final.fiscal_balance("年初", _GENERAL) if final else f.totals.fiscal_carried("年初", _GENERAL)
    return None if income is None or carried is None else income + carried
