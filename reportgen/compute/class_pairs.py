"""基本支出 by pairs of classes, 部门 and 政府 (山东: 301 工资福利支出 → 501 机关工资福利支出, 301 → 505
对事业单位经常性补助): each 款's part by the pair it goes from and to, and a pair's line as the table printed it (印出合计.一般公共预算基本支出表,
within the 尾数 of its 款)."""

from __future__ import annotations

from decimal import Decimal

from reportgen.compute.arithmetic import ZERO, sum_known
from reportgen.compute.economic import row_split
from reportgen.compute.printed import line_as_printed
from reportgen.docmodel.model import Budget, EconomicRow

BASIC = "一般公共预算基本支出表"
Part = tuple[EconomicRow, str, Decimal]  # a 部门 款 row, the 政府 款 it goes to ("" none), the amount it goes with


def class_pairs(budget: Budget) -> dict[tuple[str, str], list[Part]]:
    """The source's 款 parts by the pair of classes they go from and to ((301, 505)), in the codes' order."""
    parts = sorted(((row, gov, amount) for row in budget.economic_rows
                    for gov, amount in (list(row.government.items()) or [("", row.amount)])),
                   key=lambda part: (part[0].code[:3], part[1][:3], part[0].code, part[1]))
    pairs: dict[tuple[str, str], list[Part]] = {}
    for part in parts:
        pairs.setdefault((part[0].code[:3], part[1][:3]), []).append(part)
    return pairs


def parts_line(parts: list[Part]) -> dict[str, Decimal | None]:
    """The line ``parts`` make, by column: 合计, 人员经费 and 公用经费 added."""
    splits = [row_split(row, amount) for row, _, amount in parts]
    return {"合计": sum((amount for _, _, amount in parts), ZERO), "人员经费": sum_known(p for p, _ in splits),
            "公用经费": sum_known(q for _, q in splits)}


def pair_line(budget: Budget, key: str, parts: list[Part]) -> dict[str, Decimal | None]:
    """A pair's line (``301/505``, or 合计) by column: as the source states the table printed it where that stands
    within the 尾数 of its ``parts``, else their sum."""
    return {column: line_as_printed(budget, BASIC, key, column, computed, len(parts))
            for column, computed in parts_line(parts).items()}
