"""A table defined as data (reportgen/tablekinds/: 列 and 行): a row per source field, its label and the
amount the source states, and a total row — the source's own where a row of the definition is the total
(政府采购预算表: “合计” is 政府采购.合计), else the rows added up, printed only where every row is stated (a
total of some parts is no total the source gives)."""

from __future__ import annotations

from reportgen.compute import sum_known
from reportgen.document import Cell, Row
from reportgen.tablekinds import TableKind
from reportgen.tables.builder import TableBuilder, TableRows, head


def field_table(kind: TableKind, builder: TableBuilder) -> TableRows:
    num = builder.num(kind.id)
    stated = builder.b.table_fields
    parts = [row for row in kind.rows if kind.total not in row.names]
    body = [Row([Cell(row.names[0]), num(stated.get(row.field))], key=row.names[0]) for row in parts]
    amounts = [stated.get(row.field) for row in parts]
    gap = False
    if kind.total:
        own = [stated.get(row.field) for row in kind.rows if kind.total in row.names]
        total = own[0] if own else sum_known(amounts)
        body.insert(0, Row([Cell(kind.total, align="center", bold=True), num(total)], kind="total", key="合计"))
        gap = builder.gap(kind.id, total, amounts)
    label, amount = kind.columns or ("项目", "金额")
    return TableRows([head(label, amount)], body, [40, 20], rounding_gap=gap)
