"""印出表 of a source: the tables a document prints of kinds reportgen has none of (北京's 财政拨款政府购买服务明细表,
苏州's 政府采购支出表, 烟台's 基本支出预算情况表), each held as printed — its 表号, 表名, 单位 line, its header's rows of
texts and its rows of cells, a cell a text or an amount written as a decimal literal (1099.35, 187.70: the places it
prints, in the table's own unit, never converted) — every row as wide as the header, refused at its line else."""

from __future__ import annotations

from decimal import Decimal

from reportgen.docmodel.model import PrintedTable
from reportgen.reading.yamlsafe import LocDict
from reportgen.source.core import SourceReader

RULE = "R-印出表"


def printed_tables(reader: SourceReader, d: LocDict) -> tuple[PrintedTable, ...]:
    """印出表: [{表号: 公开13表, 表名: 政府采购支出表, 单位: 单位：万元, 千分位: true, 表头: [[…]], 行: [[…]]}] in printed
    order; a table whose rows are not all as wide as its header refused (its line told), the others read."""
    found = []
    for index, item in enumerate(d.get("印出表", []), 1):
        path = f"印出表[{index}]"
        table = _table(reader, item, path)
        if table is not None:
            found.append(table)
    return tuple(found)


def _table(reader: SourceReader, item: LocDict, path: str) -> PrintedTable | None:
    header = [tuple(str(text) for text in row) for row in item.get("表头", [])]
    rows = [tuple(_cell(cell) for cell in row) for row in item.get("行", [])]
    width = len(header[0]) if header else 0
    uneven = _uneven(reader, item, header, rows, width, path)
    if uneven:
        return None
    return PrintedTable(str(item.get("表号", "")), str(item["表名"]), str(item.get("单位", "")), tuple(header),
                        tuple(rows), bool(item.get("千分位", True)), reader.item_line(item, path),
                        tuple(str(note) for note in item.get("注", [])))


def _cell(value: object) -> str | Decimal:
    """A cell as written: a decimal literal an amount (its places kept), anything else its text (a code: 30101)."""
    return value if isinstance(value, Decimal) else str(value)


def _uneven(reader: SourceReader, item: LocDict, header: list[tuple[str, ...]], rows: list[tuple[str | Decimal, ...]],
            width: int, path: str) -> bool:
    """Whether some row of the header or the body is not ``width`` cells wide (each told at its line)."""
    told = False
    for key, band in (("表头", header), ("行", rows)):
        marks = getattr(item.get(key), "item_marks", [])
        for number, row in enumerate(band, 1):
            if len(row) != width:
                line = marks[number - 1].line if number - 1 < len(marks) else reader.item_line(item, path)
                reader.error(RULE, f"印出表“{item['表名']}”的{key}第 {number} 行有 {len(row)} 格，表头第 1 行有 {width} 格："
                                   f"每一行都应与表头一样宽（空白的格写 \"\"）", line, f"{path}.{key}[{number}]")
                told = True
    return told
