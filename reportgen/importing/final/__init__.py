"""The 决算 chain of the import: a 部门决算's tables and text → a 决算 source, its tables reconciled among themselves.

Its face (``module.name``: a function named as its module, which the package offers as that module):

    build_final         a 部门决算's nine tables → a 决算 source (final_build)
    final_differences   every difference among the 决算 tables (final_accounts)
    same_spending       the same spending printed in two tables, compared (final_across)
    add_final_text      what a 决算's narrative gives, into the source (final_text)
    line_number_breaks  a 行次 that breaks the run of its column (line_numbers)
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from reportgen.base.faces import face

if TYPE_CHECKING:
    from reportgen.importing.final.final_accounts import final_differences as final_differences
    from reportgen.importing.final.final_across import same_spending as same_spending
    from reportgen.importing.final.final_build import build_final as build_final
    from reportgen.importing.final.final_text import add_final_text as add_final_text
    from reportgen.importing.final.line_numbers import line_number_breaks as line_number_breaks

__all__, __getattr__ = face(__name__, {
    "final_build": ("build_final",),
    "final_accounts": ("final_differences",),
    "final_across": ("same_spending",),
    "final_text": ("add_final_text",),
    "line_numbers": ("line_number_breaks",),
})
