"""The sentence rules: what a document's sentences say against each other (an amount, its change and
its rate; an item's heading and its body; a completion rate and the budgets it is of), each a small
function of what was read (``Said``) registered in the one registry of rules with
``@rule(ids, SENTENCES, severity)`` (reportgen/base/rules.py), in the order its findings are told. `review` runs them all after judging the figures against the source; a document
reviewed without a source (a 部门决算 whose tables could not be read) runs those that need no year.
A new rule is one function here and its test."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from reportgen.base.errors import Finding
from reportgen.base.rules import SENTENCES, rule, rules_reading
from reportgen.readers.text.statements import Statement
from reportgen.review.sentences.consistency import (
    CUT_RULE,
    completion_rates,
    contradictions,
    heading_and_body,
    inline_priors,
    item_sums,
    kinds_sum,
    parts_over_whole,
    shares,
)
from reportgen.review.sentences.prior_rates import JudgedSentence, findings_of, judged_sentences
from reportgen.review.sentences.share_bases import named_base_shares


@dataclass(frozen=True)
class Said:
    """What the rules read: the statements of one draft, its name, the budget's year (None: no source
    to say it), the figures already told as disagreeing with the source ((line, text)), and whether
    the document is a published one (its figures cut rather than rounded are notes)."""

    statements: list[Statement]
    draft: str
    year: int | None = None
    told: frozenset[tuple[int, str]] = field(default_factory=frozenset)
    cut_as_notes: bool = False

    @cached_property
    def prior(self) -> list[JudgedSentence]:
        """Each sentence's rate against the prior it states, judged once: for its findings and for
        the figures the review takes as borne out by their sentence (consistent_of)."""
        return judged_sentences(self.statements, self.draft, self.year)


def sentence_findings_of(said: Said) -> list[Finding]:
    """Every rule's findings, in the order the rules are registered (a rule that needs the year is
    passed over where there is none)."""
    return [finding for r in rules_reading(SENTENCES, said.year) for finding in r.check(said)]


@rule(("R-句内矛盾", CUT_RULE), SENTENCES, ("error", "warning"))
def amount_change_rate(said: Said) -> list[Finding]:
    """An amount, its change and its rate (or the prior the change states inline) that cannot all be true
    (R-句内矛盾); in a published document a rate cut rather than rounded is a note (CUT_RULE)."""
    return (contradictions(said.statements, said.draft, said.told, said.cut_as_notes)
            + inline_priors(said.statements, said.draft, said.told))


@rule("R-分项大于总数", SENTENCES, "error")
def part_over_whole(said: Said) -> list[Finding]:
    """An amount listed as a part (其中, 包括) of the amount before it that is larger than it (R-分项大于总数)."""
    return parts_over_whole(said.statements, said.draft, said.told)


@rule("R-分项之和", SENTENCES, "error")
def kinds_of_whole(said: Said) -> list[Finding]:
    """An amount and, listed after it, one amount of each kind it is by definition made of (货物, 工程, 服务 of
    政府采购), or an item's amount and all the numbered items under it, that do not add up to it (R-分项之和)."""
    return kinds_sum(said.statements, said.draft, said.told) + item_sums(said.statements, said.draft, said.told)


@rule(("R-句内占比", CUT_RULE), SENTENCES, ("error", "warning"))
def share_of_whole(said: Said) -> list[Finding]:
    """A share against the part and the whole its sentence states (R-句内占比), or against the whole the sentence proves
    the base it names (share_bases.py); in a published document a share cut rather than rounded is a note (CUT_RULE)."""
    return shares(said.statements, said.draft, said.told, said.cut_as_notes) \
        + named_base_shares(said.statements, said.draft, said.told)


@rule("R-标题与正文", SENTENCES, "error", needs_year=True)
def heading_against_body(said: Said) -> list[Finding]:
    """An item's amount in its heading against the same item's in its body (R-标题与正文)."""
    assert said.year is not None
    return heading_and_body(said.statements, said.draft, said.year, said.told)


@rule(("R-完成率", CUT_RULE), SENTENCES, ("error", "warning"))
def completion(said: Said) -> list[Finding]:
    """A 决算's completion rate against the budget and the spending its sentence states (R-完成率)."""
    return completion_rates(said.statements, said.draft, said.cut_as_notes)


@rule(("R-变动率", "R-标题与正文"), SENTENCES, "error")
def rate_against_prior(said: Said) -> list[Finding]:
    """An item's rate against the prior and the amount its sentence states, and that amount against the
    item's heading (R-变动率, R-标题与正文)."""
    return findings_of(said.prior, said.told)
