"""The registry of consistency rules: each rule a small function of (Budget, Computed, Money)
yielding Findings, registered under a stable rule id with ``@rule``. The rule modules (budget,
performance, units) import this module and nothing of each other; ``checks.run_checks`` runs them.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Callable, Iterator
from contextvars import ContextVar
from decimal import Decimal

from reportgen.compute import Computed
from reportgen.errors import Finding, Severity
from reportgen.model import Budget
from reportgen.phrasing import Money

DEFAULT_REASON_THRESHOLD = Decimal(10)  # percent: a larger change with no reason is a warning
_reason_threshold: ContextVar[Decimal] = ContextVar("reason_threshold", default=DEFAULT_REASON_THRESHOLD)
PLACEHOLDERS = re.compile(r"XX|xx|××|某某|待填写|待补充|增加（减少）|增长（下降）|\?\?")
DOUBLED = re.compile(r"(增加|减少|增长|下降|主要用于|主要包括)\1")
BRACED = re.compile(r"\{[^{}]{1,12}\}")  # {单位} of a template; 【2016】 is a document number
BOTH_WAYS = re.compile(r"(增加|减少|增长|下降)持平|持平(增加|减少)")
REPEATED_PUNCTUATION = re.compile(r"([，。；、：！？])\1+")
# The slips of wording review tooling looks for, in a source's free text and in a draft (review/wording.py).
TEXT_SLIPS = ((PLACEHOLDERS, "遗留的占位文字"), (BRACED, "模板的占位"), (DOUBLED, "重复的词语"),
              (BOTH_WAYS, "自相矛盾的措辞（持平就不是增减）"), (REPEATED_PUNCTUATION, "重复的标点"))

Rule = Callable[[Budget, Computed, Money], Iterator[Finding]]
RULES: list[tuple[str, Rule]] = []


def rule(rule_id: str) -> Callable[[Rule], Rule]:
    def register(func: Rule) -> Rule:
        RULES.append((rule_id, func))
        return func

    return register


def make_finding(b: Budget, severity: Severity, rule_id: str, message: str, line: int = 0, path: str = "") -> Finding:
    return Finding(severity, rule_id, message, str(b.file), line, 0, path)


def reason_threshold() -> Decimal:
    """The change in percent above which a missing reason is a warning, for the running check."""
    return _reason_threshold.get()


@contextlib.contextmanager
def threshold(percent: Decimal | None) -> Iterator[None]:
    """Run checks with this reason threshold (None: the default, 10)."""
    token = _reason_threshold.set(DEFAULT_REASON_THRESHOLD if percent is None else percent)
    try:
        yield
    finally:
        _reason_threshold.reset(token)
