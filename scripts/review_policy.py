"""docs/review-policy.md from the review's policy registry (reportgen/review/policy.py) and the rule registry
(reportgen/base/rules.py): what `reportgen review` does with the findings of each rule id.

    python scripts/review_policy.py            # writes docs/review-policy.md
    python scripts/review_policy.py --check    # exits 1 where the file is not what the registries give

tests/test_review_policy.py fails when the file is stale: a policy added, changed or removed is listed by running this.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import reportgen.checks  # noqa: E402,F401  (registers the source's rules)
import reportgen.review.sentences.sentence_rules  # noqa: E402,F401  (registers the sentences' rules)
import reportgen.review.text_rules  # noqa: E402,F401  (registers the text's rules)
from reportgen.base.rules import RULES  # noqa: E402
from reportgen.review.policy import NOTE, POLICIES, Policy  # noqa: E402

DOC = ROOT / "docs" / "review-policy.md"
_STAGES = {"source": "check's findings on the imported source", "scan": "any finding on a line of a page read by OCR"}


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _rules(policy: Policy) -> str:
    return "、".join(f"`{r}`" for r in policy.rules) if policy.rules else "every rule"


def _of(policy: Policy) -> str:
    """Which findings the policy reads."""
    if policy.stage == "scan":
        return "on a scan"
    return "check's and the text's" if policy.narrative and policy.source else "the text's" if policy.narrative \
        else "notes" if policy.does == NOTE else "check's"


def _policies() -> list[str]:
    head = ["| # | policy | rules | findings | review | when | taught by | test |", "|---|---|---|---|---|---|---|---|"]
    return head + [f"| {i} | `{p.name}` | {_rules(p)} | {_of(p)} | {p.does} | {_cell(p.when)} | {_cell(p.taught)} | "
                   f"`{p.test}` |" for i, p in enumerate(POLICIES, 1)]


def _by_rule() -> list[str]:
    reads: dict[str, str] = {}
    for rule in RULES:
        for rule_id in rule.ids:
            reads.setdefault(rule_id, rule.reads)
    named = {r for p in POLICIES for r in p.rules}
    every = sorted(set(reads) | named)
    rows = ["| rule id | read by | what review does with its findings |", "|---|---|---|"]
    for rule_id in sorted(every, key=lambda r: (reads.get(r, "—"), r)):
        told = [f"{p.does}{' on a scan' if p.stage == 'scan' else ''} where `{p.name}`" for p in POLICIES
                if rule_id in p.rules]
        rows.append(f"| `{rule_id}` | {reads.get(rule_id, '— (the source format)')} | "
                    f"{'; '.join(told) if told else 'told as the rule tells it'} |")
    return rows


def listing() -> str:
    """The whole of docs/review-policy.md."""
    anywhere = "、".join(f"`{p.name}`" for p in POLICIES if not p.rules)
    return "\n".join([
        "# What `review` does with each rule's findings",
        "",
        "Written by `python scripts/review_policy.py` from `reportgen/review/policy.py` (the review's policies) and",
        "`reportgen/base/rules.py` (the rules): do not edit by hand; `tests/test_review_policy.py` fails when it is stale.",
        "",
        "`review` imports a published document into a source in memory and runs every rule of `check` on it. What check",
        "finds is told of the document as it is, but where a policy below applies: for each finding the first policy",
        "registered that applies decides (in this order). Policies of every rule: " + anywhere + ".",
        f"Stages: source — {_STAGES['source']}; scan — {_STAGES['scan']}.",
        "",
        "## The policies, in the order they decide",
        "",
        *_policies(),
        "",
        "## Each rule id",
        "",
        "Besides what a row says, the policies of every rule above apply to each.",
        "",
        *_by_rule(),
        "",
    ])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else "")
    parser.add_argument("--check", action="store_true", help="exit 1 where docs/review-policy.md is stale")
    args = parser.parse_args(argv)
    text = listing()
    if args.check:
        current = DOC.read_text(encoding="utf-8") if DOC.exists() else ""
        if current != text:
            print(f"{DOC.relative_to(ROOT)} is stale: run python scripts/review_policy.py", file=sys.stderr)
            return 1
        return 0
    DOC.write_text(text, encoding="utf-8")
    print(f"wrote {DOC.relative_to(ROOT)}: {len(POLICIES)} policies")
    return 0


if __name__ == "__main__":
    sys.exit(main())
