"""上年 and 上年执行数 of a source: last year's figures at every level it states (totals, codes of
功能分类 and 经济分类), or the change alone where the document states only that; besides them the
执行数's income by source, 三公 parts, 机关运行经费 and projects by name."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from reportgen.docmodel.model import Prior, StatedChange
from reportgen.reading.files import resolved
from reportgen.reading.yamlsafe import LocDict
from reportgen.source.code_names import check_code
from reportgen.source.core import SourceReader

# Keys of 上年执行数 that hold a section of their own (by part, by project name), not one figure.
ACTUAL_ONLY = ("三公经费", "项目")


def prior(reader: SourceReader, p: LocDict | None, section: str = "上年") -> Prior:
    result = Prior(year=reader.year - 1)
    if not p:
        return result
    result.year = int(p.get("年度", reader.year - 1))
    if result.year != reader.year - 1:  # every text prints "{年度}年执行数": another year would be false
        reader.error("R-上年年度", f"{section}.年度 写的是 {result.year} 年，而本文件是 {reader.year} 年的预算，"
                     f"{section}应为 {reader.year - 1} 年的：请改为 {reader.year - 1}，或删去这一行",
                     reader.line(p, "年度", f"{section}.年度"), f"{section}.年度")
    for key, value in p.items():
        if key in ("年度", "来源"):
            continue
        if key in ("功能分类", "经济分类"):
            _prior_codes(reader, result, section, key, value)
        elif key not in ACTUAL_ONLY:
            prior_figure(reader, result, "totals", str(key), value, reader.line(p, key, f"{section}.{key}"),
                         result.totals)
        else:
            reader.line(p, key, f"{section}.{key}")
    if "来源" in p:
        result.source = resolved(reader.path.parent / str(p["来源"]))
        reader.line(p, "来源", f"{section}.来源")
    return result


def _prior_codes(reader: SourceReader, result: Prior, section: str, key: str, value: LocDict) -> None:
    """上年.功能分类 or 上年.经济分类: last year's figure of each code (a 功能分类 code of last year's table)."""
    codes_prior = result.function if key == "功能分类" else result.economic
    for c, v in value.items():
        line = reader.line(value, c, f"{section}.{key}.{c}")
        prior_figure(reader, result, key, str(c), v, line, codes_prior)
        if key == "功能分类":
            check_code(reader, "功能分类", str(c), line, result.year)
    result.stated_codes[key] = frozenset(str(c) for c in value)


def prior_figure(reader: SourceReader, result: Prior, kind: str, key: str, value: Any, line: int,
                 into: dict[str, Decimal]) -> None:
    """One figure of 上年/上年执行数: an amount, or {增减额, 增减率} where the document states the
    change alone (the amount follows from this year's, when it is computed)."""
    if not isinstance(value, dict):
        into[key] = reader.amount(value)
        return
    change, rate = reader.signed(value, "增减额"), reader.signed(value, "增减率", scale=False)
    if change is not None:  # (a rate alone gives no amount: the schema asks for 增减额)
        result.changes[(kind, key)] = StatedChange(change, rate, line)


def actual(reader: SourceReader, p: LocDict) -> Prior:
    """The 上年执行数 section: the figures of 上年 at every level, and besides them income by
    source, the 三公 parts, 机关运行经费 and projects by name (merged into the items by
    merge_actual_section)."""
    result = prior(reader, p, "上年执行数")
    for key, value in p.items():
        if key == "三公经费":
            result.three_public = {str(k): reader.amount(v) for k, v in value.items()}
            for k in value:
                reader.line(value, k, f"上年执行数.三公经费.{k}")
        elif key == "机关运行经费":
            result.running_costs = reader.amount(value)
        elif key == "项目":
            result.projects = {str(k): reader.amount(v) for k, v in value.items()}
            for k in value:
                reader.line(value, k, f"上年执行数.项目.{k}")
        else:
            continue
        result.totals.pop(key, None)
    return result
