"""Parts of the year's 政府采购 that cannot overlap, together more than it: “政府采购金额（以合同签订为准）为21.07万元”, then
“在面向中小企业预留的政府采购项目中，由中小企业供应商中标或成交的，采购金额21.07万元” and “在其他政府采购项目中，由中小企业
供应商中标或成交的，采购金额21.07万元” (中共上海市普陀区委社会工作部 2024 决算): the reserved projects and the others are
different projects, so what each awarded is a different part of the 21.07 — 42.14 together cannot be. The words of the
whole and of the parts are data (words.yaml: 政府采购的总额, 政府采购中互不相交的部分)."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from reportgen.base.errors import Finding
from reportgen.base.patterns import regex
from reportgen.base.rules import TEXT, rule
from reportgen.review.text_rules.base import WORDS, Text, bare_flow

_NUM = r"(\d[\d,]*+(?:\.\d++)?+)万元"
_WHOLE = regex("|".join(f"(?:{said})" for said in WORDS["政府采购的总额"]).replace("{金额}", _NUM.replace("(", "(?:", 1)))
_PARTS = [regex(said.replace("{金额}", _NUM)) for said in WORDS["政府采购中互不相交的部分"]]
_AMOUNT = regex(_NUM)
_REACH = 600  # characters after the whole its parts are looked for in (its paragraph and the next)
_HALF_CENT = Decimal("0.005")


@rule("R-政府采购", TEXT)
def procurement_parts(text: Text) -> Iterator[Finding]:
    """R-政府采购: the parts that name different projects (reserved for small firms, and the others) add up to more
    than the 政府采购 they are of, beyond the rounding of the printed figures."""
    words, at = bare_flow(text.flow)
    for whole in _WHOLE.finditer(words):
        amount = _AMOUNT.search(whole.group())
        if amount is None:
            continue
        total = _decimal(amount.group(1))
        reach = words[whole.end():whole.end() + _REACH]
        parts = [(match.group(), _decimal(match.group(1))) for pattern in _PARTS if (match := pattern.search(reach))]
        added = sum((value for _, value in parts), Decimal(0))
        if len(parts) == len(_PARTS) and added > total + _HALF_CENT * (len(parts) + 1):
            named = "”与“".join(said for said, _ in parts)
            yield text.warning("R-政府采购", at[whole.start()], f"“{named}”是政府采购中不同项目的部分，合计 {added}万元，"
                               f"多于政府采购金额 {amount.group(1)}万元：部分之和不能超过总额，请核对")


def _decimal(printed: str) -> Decimal:
    return Decimal(printed.replace(",", ""))
