"""其中栏: a column a table prints beside one of its columns, headed “其中：…” — on each line a part of that column's
figure (长沙市公安局 2025's 收入总表: 本级财政拨款 金额 | 其中:经费拨款; 西安市行政审批服务局 2025's: 一般公共预算拨款 |
其中：专项资金列入部门预算项目), neither a source of income nor a fund of its own: held as printed, under the column it
is a part of, and never added into any total. checks/printed_parts.py holds each figure against its whole on its line;
tables/function.py prints it where a layout's 列 names it (其中：…)."""

from __future__ import annotations

from decimal import Decimal

from reportgen.reading.yamlsafe import LocDict
from reportgen.source.core import SourceReader

# {表名: {所属的栏: {名称: {合计 or a function code: figure}}}}
PrintedParts = dict[str, dict[str, dict[str, dict[str, Decimal]]]]
# the words a part's column is headed by before its name, as a layout's 列 names it (其中：经费拨款): a header's term
PART = "其中："


def printed_parts(reader: SourceReader, d: LocDict) -> PrintedParts:
    """其中栏 as stated, each part's line of the source kept (其中栏.<表>.<栏>.<名称>)."""
    found: PrintedParts = {}
    section = d.get("其中栏", {})
    for table, wholes in section.items():
        reader.line(section, table, f"其中栏.{table}")
        for whole, parts in wholes.items():
            for name, lines in parts.items():
                reader.line(parts, name, f"其中栏.{table}.{whole}.{name}")
                figures = {str(key): reader.amount(figure) for key, figure in lines.items()}
                found.setdefault(str(table), {}).setdefault(str(whole), {})[str(name)] = figures
    return found


def part_lines(parts: PrintedParts, table: str, column: str) -> tuple[str, dict[str, Decimal]] | None:
    """The column a layout's 列 names ``column`` (其中：经费拨款) in ``table``: (the column it is a part of, its figures by
    line); None where the source states no such part."""
    if not column.startswith(PART):
        return None
    name = column.removeprefix(PART)
    return next(((whole, named[name]) for whole, named in parts.get(table, {}).items() if name in named), None)
