"""印出合计: lines of a published table as it printed them, where it rounds a total on its own and its figure stands
a 尾数 from the sum of the rows under it — a 决算's two 总表 (收入支出决算总表, 财政拨款收入支出决算总表: a 类 by
合计 and fund) and a budget's function tables (支出总表 and each fund's: a 类/款 line or the 合计 row, by 合计, 基本支出,
人员经费, 公用经费 and 项目支出) and 烟台's 政府采购预算表 by function (a 类/款 line or the 合计 row, by 合计, 财政拨款 and
fund). Read here for both kinds of source; checks/printed_lines.py holds each against its
rows, compute/printed.py prints it within their 尾数."""

from __future__ import annotations

from decimal import Decimal

from reportgen.reading.yamlsafe import LocDict
from reportgen.source.core import SourceReader


def printed_lines(reader: SourceReader, d: LocDict) -> dict[str, dict[str, dict[str, Decimal]]]:
    """印出合计: {表名: {类/款 or 合计: figure, or {栏: figure}}}, a figure alone standing for the line's 合计 (in a
    决算's 总表, for every column of the line: 合计 and its one fund)."""
    printed: dict[str, dict[str, dict[str, Decimal]]] = {}
    for table, lines in d.get("印出合计", {}).items():
        reader.line(d["印出合计"], table, f"印出合计.{table}")
        for code, figures in lines.items():
            reader.line(lines, code, f"印出合计.{table}.{code}")
            by_column = figures.items() if isinstance(figures, dict) else [("合计", figures)]
            printed.setdefault(str(table), {})[str(code)] = {str(k): reader.amount(v) for k, v in by_column}
    return printed
