"""A document's text as numbered lines, of any format, and the figures those lines state: what the reviewer judges
and the importer reads the prose of.

Its face (``module.name``: a function named as its module, which the package offers as that module):

    Line, text_lines, page_lines, docx_lines, html_lines   a document as numbered lines (lines)
    read_statements, Statement                             the figures the lines state (statements)
    running_costs_scope                                    a text saying its 机关运行经费 counts projects' money
                                                           (running_scope)
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from reportgen.base.faces import face

if TYPE_CHECKING:
    from reportgen.readers.text.lines import Line as Line
    from reportgen.readers.text.lines import docx_lines as docx_lines
    from reportgen.readers.text.lines import html_lines as html_lines
    from reportgen.readers.text.lines import page_lines as page_lines
    from reportgen.readers.text.lines import text_lines as text_lines
    from reportgen.readers.text.running_scope import running_costs_scope as running_costs_scope
    from reportgen.readers.text.statements import Statement as Statement
    from reportgen.readers.text.statements import read_statements as read_statements

__all__, __getattr__ = face(__name__, {
    "lines": ("Line", "text_lines", "page_lines", "docx_lines", "html_lines",),
    "statements": ("read_statements", "Statement",),
    "running_scope": ("running_costs_scope",),
})
