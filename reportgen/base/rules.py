"""The one registry of rules. Every rule that tells findings is a function registered here with
``@rule``: the ids of the findings it tells (its own first), their severities, what it reads, and
whether it needs the year. Three kinds of reading, one registry:

* ``SOURCE`` — a source: its Budget, the figures computed from it and its Money (`check`, `render`
  and `preview` through checks.run_checks; the 勾稽关系 of checks/budget, final, performance, units
  and display);
* ``TEXT`` — a draft's words, read without its tables (review/text_rules: what a writer left in, a
  year or a 单位 that is not the document's, a passage printed twice …);
* ``SENTENCES`` — what a draft's sentences state against each other (review/sentence_rules: an
  amount, its change and its rate; a heading and its body; a completion rate).

Each runner takes :func:`rules_reading` its kind, in the order the rules were registered (the order
their findings are told), so a new rule is one function and its test, whichever command reads it."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, Literal, TypeVar

from reportgen.base.errors import Finding, Severity

Reads = Literal["源文件", "文字", "句子"]
SOURCE: Reads = "源文件"
TEXT: Reads = "文字"
SENTENCES: Reads = "句子"

RuleFunction = Callable[..., Iterable[Finding]]
F = TypeVar("F", bound=RuleFunction)


@dataclass(frozen=True)
class Rule:
    """One registered rule: ``ids`` of the findings it tells (``id``, its own, first), the
    ``severities`` it tells them with, what it ``reads``, whether it ``needs_year`` (passed over where no
    source gives the year), and ``check``, the function."""

    ids: tuple[str, ...]
    severities: tuple[Severity, ...]
    reads: Reads
    check: RuleFunction
    needs_year: bool = False

    @property
    def id(self) -> str:
        return self.ids[0]

    @property
    def about(self) -> str:
        """What the rule finds: its function's first line."""
        return (self.check.__doc__ or "").strip().split("\n")[0]


RULES: list[Rule] = []


def rule(ids: str | tuple[str, ...], reads: Reads, severity: Severity | tuple[Severity, ...] = "warning",
         needs_year: bool = False) -> Callable[[F], F]:
    """Register the decorated function as a rule telling findings ``ids`` of ``severity``."""
    def register(func: F) -> F:
        RULES.append(Rule((ids,) if isinstance(ids, str) else ids,
                          (severity,) if isinstance(severity, str) else severity, reads, func, needs_year))
        return func

    return register


def rules_reading(reads: Reads, year: Any = True) -> list[Rule]:
    """The rules that read ``reads``, in the order registered; with ``year`` None (no source gives
    it) those that need the year are passed over."""
    return [r for r in RULES if r.reads == reads and (year is not None or not r.needs_year)]
