"""The text rules of `review`: what a document's words say wrong, read without its tables — a
template's alternative or instruction left in, a reason announced and not given, 部门 wording in a
单位 document, a year that is not the document's, parts that exceed their whole, a passage printed
twice. Each rule has an id (R-…) and is a function of the document's ``Text`` registered with
``@text_rule``; its findings are warnings at the line a reader should look at, counted in the
reviewer's 检查表 under 用词与占位. A new rule is one function in a module of this package and its
test; the words it looks for are data (words.yaml)."""

from __future__ import annotations

from reportgen.errors import Finding
from reportgen.review.text_rules import directions, empty_notes, kinds, left_in, parts, repeats, years
from reportgen.review.text_rules.base import TEXT_RULES, Text, read_text

__all__ = ["Text", "read_text", "text_rule_findings"]
_MODULES = (directions, empty_notes, kinds, left_in, parts, repeats, years)  # each registers its rules when imported


def text_rule_findings(text: Text) -> list[Finding]:
    """Every rule's findings over ``text``, in the order the rules are registered."""
    return [finding for rule in TEXT_RULES for finding in rule(text)]
