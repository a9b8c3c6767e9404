"""The source being imported, before it is YAML: nested mappings whose leaves are figures and
words with the place each came from (a comment of the written source)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Union


@dataclass(frozen=True)
class Placed:
    # a list: a row of a table (a held header's cell spanning columns or rows a mapping: {文字: 财政拨款, 跨列: 4})
    value: (Decimal | str | int | bool | list[str] | list[str | Decimal] | list[str | dict[str, str | int]]
            | list[str | Decimal | dict[str, str | Decimal | int]])  # a held form's row: cells spanning as printed
    where: str = ""


Node = Union[Placed, "Tree", list["Tree"]]
Tree = dict[str, Node]


def scaled(value: Decimal, factor: Decimal) -> Decimal:
    """An amount moved to another unit exactly (万元 → 元 multiplies by 10,000: nothing is rounded)."""
    result = value * factor
    return result.quantize(Decimal(1)) if result == result.to_integral_value() else result.normalize()
