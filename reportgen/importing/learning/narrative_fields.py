"""The source's 正文金额 as the learned words' fields (learned_amounts.py writes them): each amount by its name, its
change where its 上年 is given; and the rule that keeps them to the sentences that name them."""

from __future__ import annotations

import re
from typing import Any

from reportgen.base.patterns import regex

PREFIX = "b.narrative('"
_CLAUSE_MARKS = "，；。：:"
_SHARE = regex(r"\d[\d,]*(?:\.\d+)?[%％]")  # (a share's figure)
_LISTED = regex(r"\d(?:万元|元)、")  # (an amount listed before another)


def narrative_fields(context: dict[str, Any], unit: str = "") -> list[tuple[str, str, Any, str]]:
    """Each 正文金额 of the source (of its budget unit ``unit``: 单位[].正文金额): (its expression, its name, its value,
    the expression of its 上年 — '' where none)."""
    budget = context["b"].unit(unit) if unit else context["b"]
    prefix = unit_prefix(unit) if unit else PREFIX
    out = []
    for name, item in (budget.narrative_amounts if budget is not None else {}).items():
        if item.current is not None:
            prior = f"{prefix}{name}').prior" if item.prior is not None else ""
            out.append((f"{prefix}{name}').current", name, item.current, prior))
    return out


def unit_prefix(unit: str) -> str:
    """How a template names a 正文金额 of the budget unit ``unit`` (before its name)."""
    return f"b.unit('{unit}').narrative('"


def is_narrative(expr: str) -> bool:
    """Whether a field's expression is a 正文金额's (the department's or a unit's)."""
    return expr.startswith(PREFIX) or (expr.startswith("b.unit('") and ".narrative('" in expr)


def clause_start(text: str, at: int) -> int:
    """Where the clause holding ``at`` begins (after the last mark ending one before it, or the 、 after an amount
    listed before it: 泉州 “其中：基本支出5915.38万元、项目支出9269.43万元、事业单位经营支出0.00万元” — each amount's
    clause its own)."""
    listed = [m.end() for m in _LISTED.finditer(text, 0, at)]
    return max([text.rfind(mark, 0, at) + 1 for mark in _CLAUSE_MARKS] + listed)


def said_in(known: tuple[list[Any], list[Any]], text: str, at: int, said: list[str]) -> tuple[list[Any], list[Any]]:
    """The fields the figure at ``at`` may print, a 正文金额 only where its clause's words say its name (or, for a
    share, it is the figure just said: 江苏 “事业单位经营支出0万元，占0%；”), its change only after its amount is said:
    one printing alike elsewhere is never it (深圳 “14.政务信息化项目（运行维护服务）319.68万元，主要包括结转项目319.68万元”:
    the carry-over's part, no second saying of the project's amount)."""
    words = _han(text[clause_start(text, at):at])
    just_said = said[-1:] if _SHARE.match(text, at) else []
    amounts = [a for a in known[0] if not is_narrative(a.expr) or _han(a.label) in words or a.expr in just_said]
    changes = [c for c in known[1] if not is_narrative(c.current) or c.current in said]
    return amounts, changes


def _han(words: str) -> str:
    return "".join(re.findall(r"[\u4e00-\u9fff]", words))
