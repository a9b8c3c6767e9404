"""The tables of a disclosure, built once as format-neutral rows from the computed figures, by
family: summary (the 总表), function (by function classification), economic (基本支出 by economic
class), three_public (“三公”经费, 机关运行经费), projects (项目支出 and the performance targets), final
and final_by_function (a 决算's tables). registry names them by id — the standard tables 1–10 and
the variants a locality's layout prints — and specs re-shapes one a layout declares as data.

Column labels are the official terms (the same words as the source keys); titles, numbers and
notes come from templates/narrative/tables.j2 (and a layout's own). Rounding gaps (shown parts that
do not add up to the shown total) are detected here so the template can add the 尾数误差 note.
"""

from reportgen.tables.builder import (
    LEVEL_INDENT,
    MISSING_ECONOMIC,
    MISSING_FUNCTIONS,
    TableBuilder,
    TableRows,
    build_table,
    head,
    unit_name,
)
from reportgen.tables.registry import REGISTRY, SHAPES, VARIANTS, Tables, all_tables, registry, shapes
from reportgen.tables.specs import (
    BASIC_BY_DEPARTMENT,
    BASIC_COLUMNS,
    BASIC_WITH_PROJECTS,
    BESIDE_COLUMNS,
    CLOSING_LINES,
    FINANCE_COLUMNS,
    FINANCE_TABLE,
    FISCAL_COLUMNS,
    FUNCTION_COLUMNS,
    FUNCTION_TABLES,
    INCOME_COLUMNS,
    INCOME_TABLE,
    LEVELS,
    PROCURED_COLUMNS,
    PROCURED_MEANINGS,
    PROJECT_COLUMNS,
    SUBTOTAL_LINES,
    SUMMARY_TABLES,
    TableSpec,
    reshape,
)

__all__ = [
    "BASIC_BY_DEPARTMENT", "BASIC_WITH_PROJECTS", "BASIC_COLUMNS", "BESIDE_COLUMNS", "FINANCE_COLUMNS", "FINANCE_TABLE", "FISCAL_COLUMNS", "FUNCTION_COLUMNS", "FUNCTION_TABLES", "INCOME_COLUMNS", "INCOME_TABLE", "PROCURED_COLUMNS", "PROCURED_MEANINGS", "PROJECT_COLUMNS", "LEVELS", "LEVEL_INDENT", "SUBTOTAL_LINES", "CLOSING_LINES", "SUMMARY_TABLES", "MISSING_ECONOMIC", "MISSING_FUNCTIONS",
    "REGISTRY", "SHAPES", "VARIANTS", "TableBuilder", "TableRows", "TableSpec", "Tables", "all_tables",
    "build_table", "head", "registry", "reshape", "shapes", "unit_name",
]
