"""A table defined as data (reportgen/tablekinds/: 列 and 行): a row per source field, its label and the
amount the source states, and a total row: the total the source states where a row of 行 is the total
(北京 预算10表's 合计, 政府采购.合计), else the rows added up — printed only where every row is stated (a total
of some parts is no total the source gives). The stated total is never one of the parts it totals."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

from reportgen.compute import sum_known
from reportgen.docmodel.document import Cell, Row
from reportgen.tablekinds import FieldRow, TableKind
from reportgen.tables.builder import TableBuilder, TableRows, head


def field_table(kind: TableKind, builder: TableBuilder) -> TableRows:
    num = builder.num(kind.id)
    stated = builder.b.table_fields
    totals = [row for row in kind.rows if kind.total and kind.total in row.names]
    parts = [row for row in kind.rows if row not in totals]
    body = [Row([Cell(row.names[0]), num(stated.get(row.field))], key=row.names[0]) for row in parts]
    amounts = [stated.get(row.field) for row in parts]
    gap = False
    if kind.total:
        total = _total(stated, totals, amounts)
        body.insert(0, Row([Cell(kind.total, align="center", bold=True), num(total)], kind="total", key="合计"))
        gap = builder.gap(kind.id, total, amounts)
    label, amount = kind.columns or ("项目", "金额")
    return TableRows([head(label, amount)], body, [40, 20], rounding_gap=gap)


def _total(stated: Mapping[str, Decimal], totals: list[FieldRow], amounts: list[Decimal | None]) -> Decimal | None:
    """The table's 合计: the first total row's figure the source states, else the sum of its parts (None where one is
    not known)."""
    given = [stated[row.field] for row in totals if stated.get(row.field) is not None]
    return given[0] if given else sum_known(amounts)
