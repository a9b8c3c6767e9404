"""A department whose tables print its units' rows in turn (units_in_turn.py: 深圳's department of several units —
深圳市建筑工务署, 水务局, 人力资源和社会保障局 2026 — whose 支出总表 prints the department's one row, then each unit's row
and its function rows) written as a department of its units (单位, as `render` reads a department of units, and as a
department imported with its units' files is written: with_units.py). Each unit's rows of each table are read as
that unit's own table of the kind would be (build.py): its 收入 from its row of the 收入总表, its 支出 from its rows
of the 支出总表, the fund tables and the 基本支出 table. The department's own 收入 and 支出 are then not written: the
render adds its units' up, and prints each unit's rows under its row as the document does.

Written so only where the tables print the same units in turn, each unit's 收入 and function rows are read, and
the units add up to the department's figures each within the rounding of the figures printed (with_units.units_off);
else the department's own rows alone are read, as before, and the import says why."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from reportgen.importing.budget.build import SOURCE_FIELDS, build
from reportgen.importing.budget.by_unit import SetAside
from reportgen.importing.budget.units_printed import units_printed_lines
from reportgen.importing.budget.with_units import by_units, units_off
from reportgen.importing.recognition.catalog import Catalog
from reportgen.importing.recognition.imported import Imported, value
from reportgen.importing.recognition.printed_totals import INCOME_COLUMN
from reportgen.importing.recognition.rows import Row
from reportgen.importing.tree import Tree
from reportgen.tablekinds import role


def read_units(imported: Imported, aside: Sequence[SetAside], catalog: Catalog, layout: str | None) -> str:
    """``imported`` (the department's rows read) written as a department of the units ``aside`` prints in turn,
    where they are read and add up; what the import tells of it ("" where no table prints units in turn)."""
    in_turn = [one for one in aside if one.parts]
    if not in_turn:
        return ""
    units = in_turn[0].units
    why, read, built = _units_or_why(imported.tree, in_turn, catalog, layout)
    if why:
        return _not_written_as_units(units, why)
    imported.tree = by_units(imported.tree, read)
    imported.units_rows = _rows(built)
    if (printed := units_printed_lines(imported, read)):  # the department's own lines, a 尾数 from its units' sum
        section = imported.tree.get("印出合计")
        imported.tree["印出合计"] = {**(section if isinstance(section, dict) else {}), **printed}
    return _written_as_units(units)


def _units_or_why(department: Tree, in_turn: list[SetAside], catalog: Catalog,
          layout: str | None) -> tuple[str, list[Tree], list[Imported]]:
    """Why the units are not written (""; where they are), each unit's entry, and each unit's rows read as its own
    tables: the tables must print the same units, each unit's 收入 and function rows read, and add up to the
    department's figures."""
    units = in_turn[0].units
    if any(one.units != units for one in in_turn):
        return "各表依次印出的单位不同", [], []
    built = [build([one.parts[index] for one in in_turn], catalog, layout) for index in range(len(units))]
    entries = [_unit_or_why(one) for one in built]
    read = [entry for entry in entries if not isinstance(entry, str)]
    return _unread_why(units, entries) or _off_why(department, read), read, built


def _unread_why(units: list[str], entries: list[Tree | str]) -> str:
    """Why the first unit not read is not, naming it; "" where each is."""
    return next((f"{name}{entry}" for name, entry in zip(units, entries, strict=True) if isinstance(entry, str)), "")


def _off_why(department: Tree, units: list[Tree]) -> str:
    """The department's first figure its units do not add up to, with their sum; "" where they add up to each."""
    amounts = {key: department[key] for key in ("金额单位",) if key in department}  # inline: the department's
    if (off := units_off(department, [{**unit, **amounts} for unit in units])) is None:
        return ""
    key, own, summed = off
    return f"部门的{key}为 {own:,.2f} 元，各单位合计 {summed:,.2f} 元"


def _rows(built: list[Imported]) -> dict[str, list[Row]]:
    """Each kind's rows the units print, unit by unit."""
    kinds = dict.fromkeys(kind for one in built for kind in one.rows)
    return {kind: [row for one in built for row in one.rows.get(kind, [])] for kind in kinds}


def _written_as_units(units: list[str]) -> str:
    return (f"各表依次印出所属{len(units)}个单位的行（{units[0]}、{units[1]}等）：按单位写入（单位），各单位的收入与支出"
            "照它自己的行读入，部门的收入与支出是各单位的合计，与部门的行在各数按印出位数取整的范围内相符")


def _not_written_as_units(units: list[str], why: str) -> str:
    return f"各表依次印出所属{len(units)}个单位的行，没有按单位写入（{why}）：只读入部门的行"


def _unit_or_why(built: Imported) -> Tree | str:
    """The unit's entry (名称, 收入, 支出) its rows read as its own tables give; why not, where its income or function
    rows are not read."""
    spending = built.tree.get("支出")
    if not isinstance(spending, dict) or not spending.get("功能分类"):
        return "的支出没有按功能分类读出"
    income = _income(built)
    if not income:
        return "的收入没有读出"
    three = built.tree.get("三公经费")  # its rows of the “三公” table, as its own table of the kind is read
    return {"名称": built.tree["部门"], "收入": income, "支出": spending, **_procured(built),
            **({"三公经费": three} if isinstance(three, dict) and three else {})}


def _procured(built: Imported) -> Tree:
    """The unit's 政府采购 by function line its rows of the 支出总表 print (深圳: 2026年政府采购项目 by line), as its own
    table of the kind is read (build.py); none where they print none."""
    procured = built.tree.get("政府采购")
    lines = procured.get("功能分类") if isinstance(procured, dict) else None
    return {"政府采购": {"功能分类": lines}} if lines else {}


def _income(built: Imported) -> Tree:
    """The unit's 收入 from its one row of the 收入总表: each source it prints a figure of (合计 and 财政拨款, their sums, not)."""
    kind = role("income")
    table, rows = built.tables.get(kind), built.rows.get(kind, [])
    if table is None or len(rows) != 1:
        return {}
    income: Tree = {}
    for meaning, amount in rows[0].amounts.items():
        key = INCOME_COLUMN.get(meaning, "")
        if key in SOURCE_FIELDS and not amount.blank and isinstance(amount.value, Decimal):
            income[key] = value(built, table, amount, f"收入.{key}")
    return income
