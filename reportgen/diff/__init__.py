"""Year-over-year diff of two Documents (上年与本年对比).

Sections are matched by heading, paragraphs within a section by similarity, table rows by
``Row.key`` and table columns by their header labels, so an inserted section, paragraph, row or
column shows as inserted and shifts nothing after it. Text is diffed by character, with numbers
(``1,270.13``, ``0.27%``) kept whole so a changed figure is one change. In a year-over-year diff
every year moves on by the same step (2021年 → 2022年): such a year is a *year shift*, counted once
in the summary and shown inline only on request.

The result (:class:`DocumentDiff`) is format-neutral: the HTML, DOCX and JSON writers and the
terminal summary all read it.

The package: ``text`` (character diffs, numbers whole, year shifts), ``align`` (matching sequences),
``model`` (the diff as data), ``compare`` (building it), ``figures`` (changed figures and the list
of changes) and ``report`` (summary and JSON; the summary's words are in templates/diff/).
"""

from reportgen.diff.compare import diff_documents
from reportgen.diff.model import BlockDiff, DocumentDiff, RowDiff, TableDiff
from reportgen.diff.report import (
    as_json,
    diff_title,
    grouped_figures,
    signed,
    status_word,
    summary_text,
    year_shift_line,
    year_shift_title,
)
from reportgen.diff.text import Span, TextDiff, diff_text

__all__ = ["diff_documents", "BlockDiff", "DocumentDiff", "RowDiff", "TableDiff", "as_json", "diff_title",
           "grouped_figures", "signed", "status_word", "summary_text", "year_shift_line", "year_shift_title",
           "Span", "TextDiff", "diff_text"]
