"""A reading accepted by what it satisfies: a table's relation (its 合计 against the columns that make it, a
column's 类 against its 款 …) that fails on most of the rows printing it refutes the reading, not the document.

A real document satisfies its own arithmetic almost everywhere: a slip is one row's total against its parts among
rows that add up. Where the same relation fails on two or more rows and on at least half of the rows printing its
column (杭州气象局's 收入总表: each of its four rows' 本年收入合计 against parts read from columns whose header was
joined wrong), the columns were given the wrong meanings; those differences are no slips. They are told as the table's
relation left 未能核对 (its rows and how many failed), never as findings and never dropped in silence.
"""

from __future__ import annotations

from dataclasses import dataclass

from reportgen.importing.budget.reconcile import Difference, table_rows
from reportgen.importing.recognition.imported import Imported


@dataclass(frozen=True)
class Unverified:
    """A table's relation whose failures refute its reading: told, counted, never a slip."""

    table: str
    relation: str  # the total's column (合计, 本年收入合计, 基本支出 …)
    failed: int
    printing: int  # the rows printing that column

    def told(self) -> str:
        return (f"{self.table}的“{self.relation}”与其组成部分在印有这一栏的 {self.printing} 行中有 {self.failed} 行"
                "不相等：不相等的行过半，是表格的栏目没有读对，不是差错；这一关系未能核对，不作为问题")


def refuted(imported: Imported, found: list[Difference]) -> tuple[list[Difference], list[Unverified]]:
    """``found`` split into the differences of verified readings (kept as slips, in their order) and the relations
    whose failures refute the reading of their table."""
    families: dict[tuple[str, str], list[Difference]] = {}
    for difference in found:
        families.setdefault((difference.table, relation(difference)), []).append(difference)
    refuting = {}
    for (table, meaning), group in families.items():
        printing = max(len(group), _printing(imported, table, meaning))
        failed = len({d.total.where for d in group})
        if failed >= 2 and failed * 2 >= printing:
            refuting[(table, meaning)] = Unverified(table, meaning, failed, printing)
    kept = [d for d in found if (d.table, relation(d)) not in refuting]
    return kept, list(refuting.values())


def relation(difference: Difference) -> str:
    """The column a difference's total stands in: the last word of what it is (“2013301 行政运行 合计” → 合计)."""
    return difference.what.rsplit(" ", 1)[-1]


def _printing(imported: Imported, table: str, meaning: str) -> int:
    """How many of a table's rows print a figure other than 0 in the column ``meaning``."""
    return sum(1 for row in table_rows(imported, table) if meaning in row.amounts and not row.amounts[meaning].blank
               and row.amounts[meaning].value)
