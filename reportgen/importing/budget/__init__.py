"""The budget chain of the import: a 部门预算's recognised tables → the source's fields, reconciled, never repaired.

Its face (``module.name``: a function named as its module, which the package offers as that module):

    build.build                 recognised tables → the source's fields, each figure with its place (build)
    differences                 every total recomputed from its parts, each difference reported (reconcile)
    projects_beyond_spending    the 项目支出表's 合计 told beyond the 支出总表's 项目支出 (reconcile)
    refuted                     a reading refuted by the relations that fail on most of its rows (verified)
    by_unit_table               a table printing the department's figures again by its units (by_unit)
    departments_part            a table printing the department's rows, then each unit's in turn (units_in_turn)
    read_units                  a department whose tables print its units in turn, written as its units (units_read)
    unread_sums.unread_sums     the tables no kind names, checked within their rows (unread_sums)
    with_units.with_units       a 部门 imported with its units' files (with_units)
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from reportgen.base.faces import face

if TYPE_CHECKING:
    from reportgen.importing.budget.build import unprinted_funds as unprinted_funds
    from reportgen.importing.budget.by_unit import by_unit_table as by_unit_table
    from reportgen.importing.budget.reconcile import differences as differences
    from reportgen.importing.budget.reconcile import projects_beyond_spending as projects_beyond_spending
    from reportgen.importing.budget.units_in_turn import departments_part as departments_part
    from reportgen.importing.budget.units_read import read_units as read_units
    from reportgen.importing.budget.verified import refuted as refuted

__all__, __getattr__ = face(__name__, {
    "build": ("unprinted_funds",),
    "reconcile": ("differences", "projects_beyond_spending"),
    "verified": ("refuted",),
    "by_unit": ("by_unit_table",),
    "units_in_turn": ("departments_part",),
    "units_read": ("read_units",),
})
