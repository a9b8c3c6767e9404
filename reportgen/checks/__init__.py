"""Consistency checks (勾稽关系) as data: the rules reading a source (``rules.SOURCE``) in the one
registry of rules (reportgen/base/rules.py), registered by the rule modules ``budget`` (the budget's figures), ``final`` (what only a 部门决算 has), ``printed_lines`` (印出合计: a line as its table printed it), ``printed_parts`` (其中栏: a part printed beside its column), ``performance`` (绩效目标), ``units`` (a department of
several units) and ``display`` (units set for tables and parts that show no amount). `check`, `render` and
`preview` all run them through :func:`run_checks`.
"""

from __future__ import annotations

from decimal import Decimal

from reportgen.base.errors import Finding
from reportgen.base.rules import SOURCE, rules_reading
from reportgen.checks import budget as budget_rules  # noqa: F401  (importing the rule modules registers their rules)
from reportgen.checks import display, final, performance, printed_lines, printed_parts, table_lines, units  # noqa: F401
from reportgen.checks.registry import threshold
from reportgen.compute import Computed
from reportgen.compute.phrasing import Money
from reportgen.docmodel.model import Budget


def run_checks(budget: Budget, figures: Computed, reason_threshold: Decimal | None = None) -> list[Finding]:
    """Every rule's findings, errors first, then by line. ``reason_threshold``: the change in
    percent above which a missing reason is a warning (default 10)."""
    money = Money(budget.presentation)
    with threshold(reason_threshold):
        findings = [finding for r in rules_reading(SOURCE) for finding in r.check(budget, figures, money)]
    return sorted(findings, key=lambda x: (x.severity != "error", x.line))
