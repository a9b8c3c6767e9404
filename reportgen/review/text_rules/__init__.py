"""The text rules of `review`: what a document's words say wrong, read without its tables — a
template's alternative or instruction left in, a reason, a count or an object announced and not
given, 部门 wording in a 单位 document, a year that is not the document's, parts that exceed their
whole, a passage printed twice, a list of economic items naming one twice or a character off
(enumerations), a 科目 labelled at a level it is not of or by an alias where the document prints its name of the
year (levels), a reason against its figures, for nothing, or of another item (directions), the mechanical slips
of punctuation, brackets, years, numbering, doubling, word order and stray letters (mechanical), the maker's name printed otherwise (names), a 项's
use copied from the 项 before (uses), parts of the 政府采购 above it (procurement), the value equipment is counted
from said otherwise (thresholds), shares adding up to 100 % of bases that differ (complementary_shares), a heading the 目录 lists and the body does not print (table_of_contents); and a budget's wording line by
line (budget_wording: a writer's slips, an empty table, a 科目's former name). Each rule is a function of the document's ``Text`` registered in the one
registry of rules with ``@rule(id, TEXT)`` (reportgen/base/rules.py); its findings are warnings at the
line a reader should look at, counted in the reviewer's 检查表 under 用词与占位, told in the order the
rules are registered: the order this package imports its modules. A new rule is one function in a
module of this package and its test; the words it looks for are data (words.yaml)."""

from __future__ import annotations

from pathlib import Path

from reportgen.base.errors import Finding
from reportgen.base.rules import TEXT, rules_reading
from reportgen.readers.text.lines import Line
from reportgen.review.text_rules import (
    budget_wording,
    complementary_shares,
    directions,
    empty_notes,
    enumerations,
    kinds,
    left_in,
    levels,
    mechanical,
    names,
    parts,
    procurement,
    repeats,
    table_of_contents,
    thresholds,
    uses,
    years,
)
from reportgen.review.text_rules.base import Text, read_text

__all__ = ["Text", "read_text", "text_findings", "text_rule_findings"]
# each registers its rules when imported, in this order: budget_wording's first
_MODULES = (budget_wording, complementary_shares, directions, empty_notes, enumerations, kinds, left_in, levels, mechanical, names, parts, procurement, repeats, table_of_contents, thresholds, uses, years)


def text_rule_findings(text: Text) -> list[Finding]:
    """Every rule's findings over ``text``, in the order the rules are registered."""
    return [finding for rule in rules_reading(TEXT) for finding in rule.check(text)]


def text_findings(lines: list[Line], year: int | None, file: Path | str,
                  table_rows: frozenset[int] = frozenset(), final: bool = False) -> list[Finding]:
    """The text rules' warnings over the lines of a draft of the budget of ``year`` (None: a document
    whose year no source gives — a 决算 read without its tables — heard by the rules that need none);
    ``table_rows``: the numbers of its lines that are rows of a table; ``final``: its source is a 部门决算
    (whatever its titles say: 佛山's “2019 年部门决算表”)."""
    return text_rule_findings(read_text(lines, year, str(file), table_rows, final))
