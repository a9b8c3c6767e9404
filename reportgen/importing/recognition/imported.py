"""What a document's recognised tables gave: each table's rows by its kind (a 两栏 table's two sides),
the problems met reading them, and each figure taken with its place (value), in the source's unit."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from reportgen.importing.recognition.catalog import Catalog
from reportgen.importing.recognition.grouped import Groups, grouped_income
from reportgen.importing.recognition.recognize import Table
from reportgen.importing.recognition.rows import Amount, CellProblem, Row, body_rows
from reportgen.importing.recognition.sides import side_rows
from reportgen.importing.tree import Placed, Tree, scaled

_FACTORS = {("万元", "元"): Decimal(10000), ("元", "万元"): Decimal("0.0001")}


@dataclass
class Imported:
    tree: Tree
    department: str = ""
    year: int | None = None
    year_where: str = ""  # where the year was read (a table's title or header, the cover, the text)
    kind: str = "部门"
    unit: str = "元"
    tables: dict[str, Table] = field(default_factory=dict)
    rows: dict[str, list[Row]] = field(default_factory=dict)
    problems: list[CellProblem] = field(default_factory=list)
    sides: dict[str, tuple[list[Row], list[Row]]] = field(default_factory=dict)  # 两栏 tables: left, right
    # a 两栏 table's second spending side (江苏's 支出用途: 基本支出, 项目支出, 单位预留机动经费 beside the 功能分类)
    beside: dict[str, list[Row]] = field(default_factory=dict)
    # a 两栏 table's further spending sides, where it prints more than one beside the 功能分类 (西安's 部门 and
    # 政府 经济分类: each classes the spending again, under its own 本年支出合计 and 支出总计)
    further: dict[str, list[list[Row]]] = field(default_factory=dict)
    groups: dict[str, Groups] = field(default_factory=dict)  # an income table of groups led by their 小计
    catalog: Catalog = field(default_factory=lambda: Catalog([], {}, {}, {}))  # what the tables were known by
    class_codes: dict[str, str] = field(default_factory=dict)  # a 类's name (normalized) → its code
    # every 款's and 项's name (normalized): the rows a 两栏 table's spending side may list under their 类
    function_names: frozenset[str] = frozenset()
    used: dict[tuple[str, int, int], str] = field(default_factory=dict)  # (table, row, col) → the field it gave
    # the tables printed but not read for sure (sure.py): their figures unknown, never taken as absent or 0
    unsure: list[Table] = field(default_factory=list)
    # what the build read and did not write, and why (told with the import's notes, never dropped in silence)
    told: list[str] = field(default_factory=list)
    # of a department written as its units (units_read.py): each kind's rows its units print, unit by unit
    units_rows: dict[str, list[Row]] = field(default_factory=dict)


# A reader of the rows of a table of some shape, with the problems it finds; None: a shape read otherwise.
ShapeReader = Callable[[Table, list[CellProblem]], list[Row]] | None


def rows_of(tables: list[Table], catalog: Catalog, readers: Mapping[str, ShapeReader] | None = None) -> Imported:
    """Each table's rows by its kind: a 两栏 table's two sides, a shape of ``readers`` as its reader
    reads it (or not at all), any other its body rows."""
    by_kind = {t.kind.id: t for t in tables}
    result = Imported({}, tables=by_kind, catalog=catalog)
    for kind, table in by_kind.items():
        shape = table.kind.shape
        if shape == "两栏":
            found = side_rows(table, result.problems)
            result.sides[kind] = (found[0], found[1])
            if len(found) == 3:  # 江苏's 支出用途 beside the 功能分类: its items, the spending by use
                result.beside[kind] = found[2]
            elif len(found) > 3:  # 西安's 部门 and 政府 经济分类 beside the 功能分类: each its own total
                result.further[kind] = found[2:]
            result.rows[kind] = [row for side in found for row in side]
        elif (groups := grouped_income(table)) is not None:  # 江苏's 收入预算总表: rows in groups led by 小计
            result.groups[kind] = groups
            result.rows[kind] = groups.rows
        elif readers and shape in readers:
            reader = readers[shape]
            if reader is not None:
                result.rows[kind] = reader(table, result.problems)
        else:
            result.rows[kind] = body_rows(table, problems=result.problems)
    return result


def factor(result: Imported, table: Table) -> Decimal:
    return _FACTORS.get((table.unit, result.unit), Decimal(1))


def value(result: Imported, table: Table, amount: Amount, field: str = "") -> Placed:
    result.used[(table.kind.id, *amount.cell)] = field
    return Placed(scaled(amount.value, factor(result, table)), f"{table.kind.id} {amount.where}")
