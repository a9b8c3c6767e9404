"""What every table builder shares: TableRows (a table's bands before its template numbers and
titles it), header rows, and TableBuilder — the figures, the display units, the cells standing
for missing parts and the 尾数误差 check (shown parts that do not add up to the shown total).

Each family of tables (summary, function, economic, three_public, projects, final…) is a module
of functions taking a TableBuilder; registry.py names them by table id.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Protocol, TypeVar

from reportgen.base.records import Record
from reportgen.compute import ZERO, Computed, Node, rounding_gap, tree_rounding_gap
from reportgen.compute.phrasing import Money
from reportgen.docmodel.document import Cell, Row, RowKind, Table
from reportgen.docmodel.model import Budget

LEVEL_INDENT = {"类": 0, "款": 1, "项": 2}
# What a table misses when the source does not give it: (what, source field), worded by the
# template _cells.j2.
MISSING_FUNCTIONS = ("功能分类明细", "支出.功能分类")
MISSING_ECONOMIC = ("经济分类明细", "支出.基本支出.经济分类")

L = TypeVar("L")
R = TypeVar("R")
# 展示.表格零值's setting for a table whose zero amounts print where the source states them and are
# left blank where the source gives no figure (a part it leaves out, a sum of nothing it gives)
AS_STATED = "照源文件"


class AmountCell(Protocol):
    """A table's amount cell: ``stated`` False for an amount the source does not give (a part it
    leaves out, or a sum of such parts: 0 in the arithmetic), which a table printing amounts as the
    source states them (表格零值: 照源文件) leaves blank."""

    def __call__(self, amount: Decimal | None, stated: bool = True) -> Cell: ...


@dataclass(repr=False, eq=False)
class TableRows(Record):
    """A table's bands before the template gives it a number and title."""

    header: list[Row]
    body: list[Row]
    widths: list[int]
    wide: bool = False
    rounding_gap: bool = False
    notes: list[str] = field(default_factory=list)
    missing: list[tuple[str, str]] = field(default_factory=list)  # (what, source field) its 待补充 cells stand for
    unsplit: list[str] = field(default_factory=list)  # its function lines without a 基本/项目 split, “名称（编码）”
    # the one fund whose function rows the source gives (功能分类口径), where the table is of all money
    functions_of: str = ""
    # its function lines a part of the spending (Computed.functions_short): their sum is not its 合计, said in a note
    functions_in_part: bool = False


def head(*labels: str | tuple[str, int, int]) -> Row:
    """A header row; a label may be (text, colspan, rowspan)."""
    cells = []
    for label in labels:
        if isinstance(label, tuple):
            text, colspan, rowspan = label
            cells.append(Cell(text, colspan=colspan, rowspan=rowspan, align="center", bold=True))
        else:
            cells.append(Cell(label, align="center", bold=True))
    return Row(cells, kind="header")


def paired(left: Sequence[L], right: Sequence[R], left_blank: L, right_blank: R) -> Iterator[tuple[L, R]]:
    """The lines of a two-sided table (income beside spending) paired, the shorter side padded
    with its blank line."""
    for index in range(max(len(left), len(right))):
        yield (left[index] if index < len(left) else left_blank, right[index] if index < len(right) else right_blank)


def side_by_side(left: list[list[Cell]], right: list[list[Cell]], widths: tuple[int, int]) -> list[Row]:
    """Two lists of lines as one table's rows: left beside right, the shorter padded with blank cells."""
    return sides_in_a_row([left, right], widths)


def sides_in_a_row(sides: list[list[list[Cell]]], widths: tuple[int, ...]) -> list[Row]:
    """Lists of lines as one table's rows, each beside the one before (国家信访局 2024's 基本支出决算表 prints three),
    the shorter padded with blank cells."""
    rows = []
    for index in range(max((len(side) for side in sides), default=0)):
        cells = [side[index] if index < len(side) else [Cell() for _ in range(width)]
                 for side, width in zip(sides, widths, strict=True)]
        rows.append(Row([c for side in cells for c in side], key="|".join(side[0].text for side in cells)))
    return rows


def node_kind(level: str) -> RowKind:
    """A function line's row kind: 类 and 款 lines are subtotals, 项 lines the body."""
    return "subtotal" if level != "项" else "body"


@dataclass(frozen=True)
class SummaryShape:
    """How a layout shapes a 收支 table's lines: ``lines`` how deep its spending side lists the function lines (层级: 类,
    款 or 项); ``subtotals`` the sums its income side prints above their parts (小计行: 财政拨款收入); ``classes`` the
    lines its spending side prints whether or not the department spends on them (类), in order."""

    lines: str = "类"
    subtotals: tuple[str, ...] = ()
    classes: tuple[str, ...] = ()
    columns: tuple[str, ...] = ()  # the 财政拨款收支总表's spending amount columns it prints (列; empty: all)
    closing: tuple[str, ...] = ()  # the lines the 财政拨款收支总表 prints under its 本年 合计 (结转与总计)
    uses: tuple[str, ...] = ()  # the lines it prints in a second spending column, by 支出用途 (specs.USE_LINES, USE_TOTALS)


class TableBuilder:
    """The figures and display units every table is built from; the family modules' functions
    each take one and return TableRows in the table's display unit."""

    def __init__(self, figures: Computed, money: Money, overrides: list[Path] | None = None) -> None:
        self.f = figures
        self.b = figures.budget
        self.money = money
        self.overrides = overrides
        self.missing_parts: list[tuple[str, str]] = []
        # the columns the layout's spec of the table being built asks for (表格.X.列; registry._declared)
        self.asked_columns: tuple[str, ...] = ()
        self.turned_items: tuple[str, ...] = ()  # the “三公”经费 table's 纵排 (tables/three_public.py)
        self.units_in_turn = False  # a fund's function table's 各单位: 依次 (tables/function.py)
        self.across_items: tuple[str, ...] = ()  # … and its 横排
        # the 决算's 基本支出表's 科目: the economic codes each side prints, in order (tables/economic.py's final_basic)
        self.listed_codes: tuple[tuple[str, ...], ...] = ()
        # how the layout's spec of the 收支 table being built shapes its lines (表格.X: 层级, 小计行, 类)
        self.summary_shape = SummaryShape()

    def missing(self, what: tuple[str, str]) -> str:
        """The text of a cell standing for a missing part (templates/narrative/_cells.j2); the part
        is recorded, so that a normal render stops and names it (only a draft shows the cell)."""
        from reportgen.base import templating  # deferred: Jinja2 (20 modules), for a missing part's cell only

        self.missing_parts.append(what)
        return str(templating.words("narrative", "_cells.j2", self.overrides).missing(*what))

    def shows_missing(self, part: str) -> bool:
        """Whether a table marks ``part`` (功能分类明细, 经济分类明细) as missing: not when the source
        declares it not published (不公开); the table then shows the levels that exist."""
        return part not in self.b.not_published

    def lacks_functions(self) -> bool:
        """Whether a table by function shows the 待补充 line of 功能分类明细: the source gives no
        function rows, and does not declare them not published."""
        return not self.f.has_function_rows and self.shows_missing("功能分类明细")

    def recording(self, build: Callable[[TableBuilder], TableRows]) -> TableRows:
        """``build(self)``, with the parts its 待补充 cells stand for recorded on the table (the
        document counts them only for the tables a template places)."""
        self.missing_parts = []
        rows = build(self)
        rows.missing = self.missing_parts
        return rows

    def num(self, table_id: str) -> AmountCell:
        """The table's amount cell: in its unit; blank for a zero where the layout leaves zeros blank,
        and for a zero the source does not give where the layout prints zeros as the source states them."""
        unit = self.money.unit(table_id)
        places = self.money.presentation.table_places(table_id, unit)
        blank = self.money.presentation.blank_zeros(table_id)
        as_stated = zeros_as_stated(self.money.presentation.table_zeros, table_id)
        grouped = self.money.presentation.table_grouped(table_id)

        def cell(amount: Decimal | None, stated: bool = True) -> Cell:
            if amount is not None and amount == 0 and (blank or as_stated and not stated):
                return Cell("", align="right")
            return Cell(self.money.number(amount, unit, places, grouped), align="right")

        return cell

    def zeros_printed(self, table_id: str) -> bool:
        """Whether the layout's 表格零值 names this table (or the kind it is of) 印出: a 决算 table then prints
        the zeros its source states (佛山 2019), not the blank the 决算 tables otherwise leave for a line of nothing."""
        zeros = self.money.presentation.table_zeros
        return (zeros.get(table_id) or zeros.get(table_id.split("-", 1)[0])) == "印出"

    def shown(self, table_id: str) -> Callable[[Decimal], Decimal]:
        """An amount as the table shows it (its unit, rounded): what the 尾数误差 check compares."""
        unit = self.money.unit(table_id)
        places = self.money.presentation.table_places(table_id, unit)
        return lambda amount: self.money.shown(amount, unit, places)

    def gap(self, table_id: str, total: Decimal | None, parts: Iterable[Decimal | None]) -> bool:
        """True when the shown parts do not add up to the shown total (尾数误差); never where the
        total or a part is not known (nothing shown to add up)."""
        known = list(parts)
        if total is None or any(part is None for part in known):
            return False
        return rounding_gap(total, (part or ZERO for part in known), self.shown(table_id))

    def tree_gap(self, table_id: str, nodes: list[Node], total: Decimal, value: Callable[[Node], Decimal]) -> bool:
        return tree_rounding_gap(nodes, total, value, self.shown(table_id))

    @staticmethod
    def missing_row(text: str, columns: int) -> Row:
        return Row([Cell(text, colspan=columns, missing=True)], key="待补充")

    def missing_functions_row(self, columns: int) -> Row:
        """The 待补充 line of 功能分类明细 across ``columns`` columns."""
        return self.missing_row(self.missing(MISSING_FUNCTIONS), columns)

    def missing_functions_beside(self, columns: int) -> Row:
        """The 待补充 line of 功能分类明细 on the spending side of a 总表: two blank income cells, then
        the note across the ``columns`` spending columns."""
        return Row([Cell(), Cell(), Cell(self.missing(MISSING_FUNCTIONS), colspan=columns, missing=True)],
                   key="待补充")


def zeros_as_stated(table_zeros: dict[str, str], table_id: str) -> bool:
    """Whether 展示.表格零值 prints a table's zero amounts as the source states them (照源文件): its
    own setting, that of the table it is a kind of, else 全部's (as Presentation.blank_zeros reads it)."""
    how = table_zeros.get(table_id) or table_zeros.get(table_id.split("-", 1)[0]) or table_zeros.get("全部")
    return how == AS_STATED


def unit_name(unit: Budget) -> str:
    """A budget unit as its rows name it: 单位代码 and name (505 洛阳市总工会), or the name alone."""
    return f"{unit.unit_code} {unit.department}" if unit.unit_code else unit.department


def build_table(rows: TableRows, table_id: str, number: str, title: str, department_line: str, unit_line: str,
                notes: list[str]) -> Table:
    """Give a table's rows the number, title and notes its template chose."""
    return Table(
        id=table_id,
        number=number,
        title=title,
        department_line=department_line,
        unit_line=unit_line,
        header=rows.header,
        body=rows.body,
        widths=rows.widths,
        notes=notes,
        wide=rows.wide,
    )
