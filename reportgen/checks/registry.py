"""What the consistency rules share: each rule a small function of (Budget, Computed, Money)
yielding Findings, registered in the one registry of rules (reportgen/base/rules.py) with
``@rule(id, SOURCE, severity)``; here the finding they make and the reason threshold they read. The
rule modules (budget, final, performance, units, display) import this module and nothing of each
other; ``checks.run_checks`` runs them.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from contextvars import ContextVar
from decimal import Decimal

from reportgen.base.errors import Finding, Severity
from reportgen.docmodel.model import Budget

DEFAULT_REASON_THRESHOLD = Decimal(10)  # percent: a larger change with no reason is a warning
_reason_threshold: ContextVar[Decimal] = ContextVar("reason_threshold", default=DEFAULT_REASON_THRESHOLD)


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
