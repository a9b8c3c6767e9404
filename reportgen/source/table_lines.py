"""表行 of a source: the lines a table prints as the document prints them — a table that crosses the function and
economic classes (北京's 支出总表: 功能分类 × 政府经济分类 × 部门经济分类, one line each) or prints each unit's lines one
after another without the unit's name (北京's 一般公共预算支出表) — each line its codes and its amounts as stated,
kept in their order; a line's 合计 (and a 基本支出 of 人员经费 and 公用经费) is their sum, never stated."""

from __future__ import annotations

from decimal import Decimal

from reportgen.docmodel.model import LINE_AMOUNTS, LINE_CODES, TableLine
from reportgen.reading.yamlsafe import LocDict
from reportgen.source.core import SourceReader


def table_lines(reader: SourceReader, d: LocDict) -> dict[str, tuple[TableLine, ...]]:
    """表行: {表: [{功能分类: 2050802, 政府经济分类: 50501, 经济分类: 30101, 基本支出: 290.6588} …]}, each line's line
    of the source kept (表行.表[n])."""
    found: dict[str, tuple[TableLine, ...]] = {}
    section = d.get("表行", {})
    for table, items in section.items():
        reader.line(section, table, f"表行.{table}")
        found[str(table)] = tuple(_line(reader, item, f"表行.{table}[{index + 1}]") for index, item in enumerate(items))
    return found


def _line(reader: SourceReader, item: LocDict, path: str) -> TableLine:
    codes = tuple(str(item.get(key, "")) for key in LINE_CODES)
    amounts: dict[str, Decimal] = {key: reader.amount(item[key]) for key in LINE_AMOUNTS if key in item}
    names = tuple(str(item.get(f"{key}名称", "")) for key in LINE_CODES)
    return TableLine((codes[0], codes[1], codes[2]), amounts, reader.item_line(item, path), (names[0], names[1], names[2]),
                     str(item.get("单位", "")), str(item.get("单位编码", "")))
