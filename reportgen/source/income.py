"""收入 of a source: the figure of each source of income, and what the section leaves unknown."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from reportgen.docmodel.model import FISCAL_SOURCES, INCOME_SOURCES, RESERVES
from reportgen.reading.yamlsafe import LocDict
from reportgen.source.core import ZERO, SourceReader


def income(reader: SourceReader, income_map: LocDict) -> dict[str, Decimal]:
    figures = {name: reader.opt_amount(income_map, name) or ZERO for name in INCOME_SOURCES}
    for name in [*INCOME_SOURCES, "上年结转", "年初结转和结余", RESERVES]:
        if name in income_map:
            reader.line(income_map, name, f"收入.{name}")
    return figures


def income_knowledge(reader: SourceReader, d: LocDict) -> dict[str, Any]:
    """What 收入 leaves unknown: the sources it does not write, where it says the rest is not
    published (其余未公开: true, 上年结转 among them), and the kinds of 财政拨款收入 it gives as
    one figure; and the totals it states for them."""
    section = d.get("收入", {})
    if not isinstance(section, dict):
        return {}
    unknown: set[str] = set()
    if section.get("其余未公开"):
        reader.line(section, "其余未公开", "收入.其余未公开")
        unknown |= {name for name in [*INCOME_SOURCES, "上年结转"] if name not in section}
    fiscal = reader.opt_amount(section, "财政拨款收入")
    if fiscal is not None:
        unknown |= _fiscal_kinds_unknown(reader, section, fiscal)
    grand = reader.opt_amount(section, "收入总计")
    if grand is not None:
        reader.line(section, "收入总计", "收入.收入总计")
    stated = frozenset(name for name in [*INCOME_SOURCES, "上年结转"] if name in section)
    return {"income_unknown": frozenset(unknown), "stated_fiscal_income": fiscal, "stated_income_grand_total": grand,
            "income_stated": stated}


def _fiscal_kinds_unknown(reader: SourceReader, section: dict[str, Any], fiscal: Decimal) -> set[str]:
    """The kinds of 财政拨款收入 left unknown where it is given as one figure: those not written, where the kinds
    written do not add up to it (they hold the rest)."""
    reader.line(section, "财政拨款收入", "收入.财政拨款收入")
    written = sum((reader.opt_amount(section, k) or ZERO for k in FISCAL_SOURCES), ZERO)
    return {k for k in FISCAL_SOURCES if k not in section} if written != fiscal else set()
