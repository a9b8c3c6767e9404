"""The tables by function classification (科目编码, 科目名称 and amounts per 类 / 款 / 项):
部门支出总表 (表3), 一般公共预算支出表 (表5), the fund tables (表8, 表9), their columns and their
尾数误差 checks; and 上海's 部门收入预算总表, income by function item.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from decimal import Decimal

from reportgen.base.records import FrozenRecord
from reportgen.compute import ZERO, Computed, Node, difference, growth_rate
from reportgen.compute.phrasing import percent
from reportgen.compute.printed import as_printed
from reportgen.compute.trees import KINDS
from reportgen.docmodel.document import Cell, Row
from reportgen.docmodel.model import FISCAL_SOURCES, INCOME_SOURCES, Budget
from reportgen.source.printed_parts import PART, part_lines
from reportgen.tablekinds import fund_table as fund_kind
from reportgen.tablekinds import role
from reportgen.tables.builder import LEVEL_INDENT, AmountCell, TableBuilder, TableRows, head, node_kind
from reportgen.tables.specs import BESIDE_COLUMNS, CARRIED_COLUMNS, INCOME_COLUMNS, PROCURED_COLUMNS, THIS_YEAR

SPLIT = frozenset({"合计", "基本支出", "项目支出"})  # the parts of a function line a source may state


@dataclass(frozen=True, repr=False, eq=False)
class _FunctionColumns(FrozenRecord):
    """The amount columns of a function table: 合计, 基本支出, 项目支出, then 上年预算数 and 增减,
    then 上年执行数, 增减额 and 增减率, as asked."""

    num: AmountCell
    with_prior: bool
    with_actual: bool
    with_kinds: bool = False  # 基本支出's 人员经费 and 公用经费 beside it, where the source states them by line
    # the spending printed beside 项目支出 (事业单位经营支出 …: BESIDE_COLUMNS' keys), where a layout asks and the source states it
    beside: tuple[str, ...] = ()
    this_year: bool = False  # the line's 合计 again as this year's budget (THIS_YEAR), where a layout asks
    # the 政府采购 printed by line (PROCURED_COLUMNS' keys: 深圳's 支出总表), where a layout asks and the source states it
    procured: tuple[str, ...] = ()
    # the carry-over's spending printed by line (CARRIED_COLUMNS' names, in their order), where a layout asks, each line's
    # ``carried`` (compute's carried_spent: none, or not known)
    carried_columns: tuple[str, ...] = ()
    carried: Decimal | None = None

    @property
    def names(self) -> list[str]:
        return (["科目编码", "科目名称", "合计", *[THIS_YEAR] * self.this_year, "基本支出", *KINDS * self.with_kinds,
                 "项目支出", *(BESIDE_COLUMNS[kind] for kind in self.beside), *(PROCURED_COLUMNS[key] for key in self.procured),
                 *self.carried_columns] + ["上年预算数", "增减"] * self.with_prior + ["上年执行数", "增减额", "增减率"] * self.with_actual)

    @property
    def widths(self) -> list[int]:
        return ([14, 40, 14] + [14] * self.this_year + [14] + [14, 14] * self.with_kinds
                + [14] * (1 + len(self.beside) + len(self.procured) + len(self.carried_columns))
                + [14, 14] * self.with_prior + [14, 14, 10] * self.with_actual)

    def _stated_cells(self, keys: tuple[str, ...], stated: dict[str, Decimal]) -> list[Cell]:
        """The cells of ``keys``, each as ``stated`` (blank where it states none)."""
        return [self.num(stated[key]) if key in stated else Cell("", align="right") for key in keys]

    def amounts(self, total: Decimal | None, basic: Decimal | None, project: Decimal | None, prior: Decimal | None,
                executed: Decimal | None, stated: frozenset[str] | set[str] = SPLIT,
                kinds: tuple[Decimal | None, Decimal | None] = (None, None),
                other: dict[str, Decimal] | None = None, procured: dict[str, Decimal] | None = None) -> list[Cell]:
        """The line's cells; ``stated``: of 合计, 基本支出 and 项目支出 (人员经费, 公用经费), those the source gives (the
        others are blank where the table prints amounts as the source states them)."""
        num = self.num
        cells = [num(total, "合计" in stated), *[num(total, "合计" in stated)] * self.this_year,
                 num(basic, "基本支出" in stated)]
        if self.with_kinds:
            cells += [num(value, kind in stated) for kind, value in zip(KINDS, kinds, strict=True)]
        cells.append(num(project, "项目支出" in stated))
        cells += self._stated_cells(self.beside, other or {}) + self._stated_cells(self.procured, procured or {})
        cells += [num(self.carried) for _ in self.carried_columns]
        if self.with_prior:
            cells += [num(prior), num(difference(total, prior))]
        if self.with_actual:
            rate = growth_rate(total, executed) if total is not None else None
            cells += [num(executed), num(difference(total, executed)), Cell(percent(rate), align="right")]
        return cells


def _carried(builder: TableBuilder) -> tuple[str, ...]:
    """The carry-over's columns the layout asks the table to print by line (表格.X.列), in CARRIED_COLUMNS' order."""
    return tuple(name for name in CARRIED_COLUMNS.values() if name in builder.asked_columns)


def function_total(f: Computed) -> Decimal:
    """支出合计 of a source with function rows, which give both 基本支出 and 项目支出."""
    total = f.expenditure_total
    assert total is not None, "function rows give 基本支出 and 项目支出"
    return total


def stated_parts(builder: TableBuilder, nodes: list[Node]) -> set[str]:
    """Of 合计, 基本支出 and 项目支出, those some line of ``nodes`` states: all of them for a table
    without function rows (its amounts are the totals the source states), none for a fund the
    rows do not reach (its table is empty)."""
    if not builder.f.has_function_rows:
        return set(SPLIT)
    return set().union(*(node.stated for node in nodes))


def function_table(builder: TableBuilder, tid: str, nodes: list[Node], basic: Decimal | None,
                   project: Decimal | None, total: Decimal | None, with_prior: bool = False,
                   actual: dict[str, Decimal | None] | None = None, actual_total: Decimal | None = None,
                   kinds: bool = False) -> TableRows:
    """科目编码, 科目名称, 合计, 基本支出, 项目支出 — with ``with_prior``, 上年预算数 and 增减; with
    ``actual`` (上年执行数 by code, ``actual_total`` the table's), 上年执行数, 增减额 and 增减率; with ``kinds`` (or
    a layout asking for them), 基本支出's 人员经费 and 公用经费 beside it where the source states them by line."""
    with_kinds = _with_kinds(builder, nodes, kinds)
    columns = _FunctionColumns(builder.num(tid), with_prior, actual is not None, with_kinds, _beside(builder, nodes),
                               this_year=THIS_YEAR in builder.asked_columns, procured=_procured(builder, tid, nodes),
                               carried_columns=_carried(builder), carried=builder.f.carried_spent)
    prior_total = builder.f.tree_prior(nodes) if with_prior else None
    printed = _AsPrinted(builder.f, tid)
    whole = printed.line("合计", (total, basic, project), _kinds_total(nodes) if with_kinds else (None, None))
    body = [Row([Cell("合计", colspan=2, align="center", bold=True),
                 *columns.amounts(*whole[0], prior_total, actual_total, stated_parts(builder, nodes), whole[1],
                                  _beside_total(nodes), _procured_total(builder, nodes))],
                kind="total", key="合计")]
    for top in nodes:
        for node in top.walk():
            executed = actual.get(node.code) if actual is not None else None
            split = printed.line(node.code, (node.total, node.basic, node.project),
                                 (node.basic_kind(KINDS[0]), node.basic_kind(KINDS[1])))
            body.append(Row([Cell(node.code), Cell(node.name, indent=LEVEL_INDENT[node.level]),
                             *columns.amounts(*split[0], node.prior, executed, node.stated, split[1], node.other,
                                              builder.f.procured([node]) if columns.procured else None)],
                            kind=node_kind(node.level), key=node.code))
    gap = bool(nodes) and function_gap(builder, tid, nodes, (total, basic, project), prior_total, actual, actual_total)
    return TableRows([head(*columns.names)], body, columns.widths, wide=with_prior or actual is not None,
                     rounding_gap=gap, unsplit=_unsplit(nodes))


Figures = tuple[Decimal | None, Decimal | None, Decimal | None]


@dataclass(frozen=True)
class _AsPrinted:
    """A function table's lines as the source states the table printed them (印出合计), within 尾数 of their rows."""

    f: Computed
    tid: str

    def line(self, key: str, split: Figures, kinds: tuple[Decimal | None, Decimal | None]) -> tuple[
            Figures, tuple[Decimal | None, Decimal | None]]:
        """A line's 合计, 基本支出 and 项目支出 (``split``) and its 人员经费 and 公用经费 (``kinds``), each as printed."""
        line = self.f.printed_line
        total, basic, project = split
        return ((line(self.tid, key, "合计", total), line(self.tid, key, "基本支出", basic),
                 line(self.tid, key, "项目支出", project)),
                (line(self.tid, key, KINDS[0], kinds[0]), line(self.tid, key, KINDS[1], kinds[1])))


def _with_kinds(builder: TableBuilder, nodes: list[Node], kinds: bool) -> bool:
    """Whether a function table prints 人员经费 and 公用经费: asked (``kinds``, or by the layout's 列 — another table
    prints them where a layout asks) and stated by some line; or listed by the layout's 列 where no line spends on
    基本支出 (blank)."""
    asked = kinds or bool(set(builder.asked_columns) & set(KINDS))
    lines = [n for top in nodes for n in top.walk()]
    if any(n.basic_kind(KINDS[0]) is not None for n in lines):
        return asked
    # no line spends on 基本支出 (烟台's 政府性基金预算支出情况表: all 项目支出): the columns the layout lists are blank,
    # as the document prints them
    return bool(set(builder.asked_columns) & set(KINDS)) and not any(n.basic for n in lines)


def _beside(builder: TableBuilder, nodes: list[Node]) -> tuple[str, ...]:
    """The spending a function table prints beside 项目支出 (事业单位经营支出, 对附属单位补助支出, 上缴上级支出): the
    columns the layout's 列 lists (BESIDE_COLUMNS' names) that some line of the source states, in its order."""
    stated = {kind for top in nodes for kind in top.other}
    named = {name: kind for kind, name in BESIDE_COLUMNS.items()}
    return tuple(named[c] for c in builder.asked_columns if c in named and named[c] in stated)


def _procured(builder: TableBuilder, tid: str, nodes: list[Node]) -> tuple[str, ...]:
    """The 政府采购 a 支出总表 prints by line (PROCURED_COLUMNS' keys): those the layout's 列 lists that the source
    states for the table's lines (政府采购.功能分类: of all the money, so printed in the table of all the money alone)."""
    if tid != role("spending"):
        return ()
    stated = builder.f.procured(nodes)
    return tuple(key for key, name in PROCURED_COLUMNS.items() if name in builder.asked_columns and key in stated)


def _procured_total(builder: TableBuilder, nodes: list[Node]) -> dict[str, Decimal]:
    """The table's 合计 row's 政府采购 by key (PROCURED_KEYS): its lines' sums, each as the source states the
    department's (政府采购.合计, 中小企业, 小微企业) where that stands within the 尾数 of the lines it adds — a total
    printed as the document prints it (深圳's department of units: 39,591.53 its lines 39,591.55)."""
    summed = builder.f.procured(nodes)
    p = builder.b.procurement
    if not summed or p is None:
        return summed
    stated = {"合计": p.stated_total, "中小企业": p.sme, "小微企业": p.small_firms.get("小微企业")}
    lines = sum(1 for top in nodes for n in top.walk() if not n.children)
    return {key: as_printed(builder.b, stated[key], value, lines) or value for key, value in summed.items()}


def _beside_total(nodes: list[Node]) -> dict[str, Decimal]:
    """The table's spending beside 项目支出 by kind: its 类' sums, of the kinds some 类 states."""
    totals: dict[str, Decimal] = {}
    for top in nodes:
        for kind, amount in top.other.items():
            totals[kind] = totals.get(kind, ZERO) + amount
    return totals


def _kinds_total(nodes: list[Node]) -> tuple[Decimal | None, Decimal | None]:
    """The table's 人员经费 and 公用经费: its 类' sums, where every 类 with 基本支出 states them."""
    def whole(kind: str) -> Decimal | None:
        parts = [n.basic_kind(kind) for n in nodes if n.basic]
        return None if not parts or any(p is None for p in parts) else sum((p for p in parts if p is not None), ZERO)
    return whole(KINDS[0]), whole(KINDS[1])


def _unsplit(nodes: list[Node]) -> list[str]:
    """The lines (名称（编码）) that give their 合计 alone: a line with no line below it and no 基本支出 stated."""
    return [f"{n.name}（{n.code}）" for top in nodes for n in top.walk() if not n.children and n.basic is None]


def function_gap(builder: TableBuilder, tid: str, nodes: list[Node], wholes: tuple[Decimal | None, ...],
                 prior_total: Decimal | None, actual: dict[str, Decimal | None] | None,
                 actual_total: Decimal | None) -> bool:
    """Whether a function table's rows, rounded, fail to add up to its rounded 合计 in any column."""
    values: tuple[Callable[[Node], Decimal], ...] = (lambda n: n.total, lambda n: n.basic_part,
                                                     lambda n: n.project_part)
    split = all(n.basic is not None for n in nodes)  # else the rows show no 基本/项目 to add up
    if any(whole is not None and (split or index == 0) and builder.tree_gap(tid, nodes, whole, value)
           for index, (value, whole) in enumerate(zip(values, wholes, strict=True))):
        return True
    return (_prior_gap(builder, tid, nodes, wholes[0], prior_total)
            or _actual_gap(builder, tid, nodes, wholes[0], actual, actual_total))


def _prior_gap(builder: TableBuilder, tid: str, nodes: list[Node], total: Decimal | None,
               prior_total: Decimal | None) -> bool:
    """Whether the 上年 and 增减 columns fail to add up, rounded."""
    if prior_total is None:
        return False
    return builder.gap(tid, prior_total, (n.prior or ZERO for n in nodes)) or builder.gap(
        tid, difference(total, prior_total) or ZERO, (n.difference or ZERO for n in nodes))


def _actual_gap(builder: TableBuilder, tid: str, nodes: list[Node], total: Decimal | None,
                actual: dict[str, Decimal | None] | None, actual_total: Decimal | None) -> bool:
    """Whether the 上年执行数 and its 增减额 columns fail to add up, rounded."""
    if actual is None or actual_total is None or total is None:
        return False
    tops = [actual.get(n.code) or ZERO for n in nodes]
    return builder.gap(tid, actual_total, tops) or builder.gap(
        tid, total - actual_total, (n.total - (actual.get(n.code) or ZERO) for n in nodes))


def expenditure(builder: TableBuilder) -> TableRows:
    """表3 部门支出总表: in a department of several units, 合计, then each unit's row followed by its
    own function rows."""
    f = builder.f
    rows = function_table(builder, role("spending"), f.function_tree(), f.basic, f.project, f.expenditure_total)
    if f.unit_figures:  # 合计, then each unit's row followed by its own function rows
        rows.body[1:] = _unit_function_rows(builder, role("spending"))
        units = [u.expenditure_total for u in f.unit_figures]
        total, parts = f.expenditure_total, [u for u in units if u is not None]
        if total is not None and len(parts) == len(units):
            rows.rounding_gap = rows.rounding_gap or builder.gap(role("spending"), total, parts)
    if builder.lacks_functions():
        rows.body.append(builder.missing_functions_row(5))
    rows.functions_of = builder.b.function_scope  # its rows are that fund's only: said in a note
    if f.functions_short:  # its rows are a part of the 合计 stated: said in a note, never a 尾数误差
        rows.functions_in_part, rows.rounding_gap = True, False
    return rows


def _unit_function_rows(builder: TableBuilder, tid: str, fund: str | None = None) -> list[Row]:
    """Each unit's row, then its function rows (of ``fund``; None: all the money), in the table's columns: its
    spending beside 项目支出 (事业单位经营支出 …) and its 政府采购 by line where the table prints them (深圳's 支出总表
    prints them by unit and line)."""
    department = builder.f.function_tree(fund)
    columns = _FunctionColumns(builder.num(tid), False, False, beside=_beside(builder, department),
                               procured=_procured(builder, tid, department))
    body = []
    for unit in builder.f.unit_figures:
        name = unit.budget.department
        tree = unit.function_tree(fund)
        stated = set().union(*(n.stated for n in tree)) if unit.has_function_rows else SPLIT
        body.append(Row([Cell(unit.budget.unit_code), Cell(name, bold=True),
                         *columns.amounts(*_unit_split(unit, fund), None, None, stated,
                                          _kinds_total(tree), _beside_total(tree), unit.procured(tree))],
                        kind="subtotal", key=f"单位:{name}"))
        for top in tree:
            for node in top.walk():
                kinds = (node.basic_kind(KINDS[0]), node.basic_kind(KINDS[1]))
                body.append(Row([Cell(node.code), Cell(node.name, indent=LEVEL_INDENT[node.level] + 1),
                                 *columns.amounts(node.total, node.basic, node.project, None, None, node.stated, kinds,
                                                  node.other, unit.procured([node]) if columns.procured else None)],
                                kind=node_kind(node.level), key=f"{name}/{node.code}"))
    return body


def _unit_split(unit: Computed, fund: str | None) -> tuple[Decimal | None, Decimal | None, Decimal | None]:
    """A unit's 合计, 基本支出 and 项目支出 of ``fund`` (None: of all its money), as its own table prints them."""
    if fund is None:
        return unit.expenditure_total, unit.basic, unit.project
    if fund == "一般公共预算":
        return unit.general_total, unit.general_basic, unit.general_project
    return unit.fund_total(fund), unit.fund_basic(fund), unit.fund_project(fund)


def _by_units(builder: TableBuilder, tid: str, fund: str, rows: TableRows) -> TableRows:
    """A fund's function table of a department of units whose layout prints them in turn (各单位: 依次): its 合计
    row (the department's), then each unit's row and its lines — where the table prints no columns but the
    function table's own (no 上年, 人员经费 …: a unit's row prints those alone)."""
    if not (builder.units_in_turn and builder.f.unit_figures) or len(rows.header) != 1:
        return rows
    unit_rows = _unit_function_rows(builder, tid, fund)
    if any(len(row.cells) != len(rows.header[0].cells) for row in unit_rows):
        return rows
    return replace(rows, body=rows.body[:1] + unit_rows)


def general_budget(builder: TableBuilder) -> TableRows:
    """表5 一般公共预算支出表, with 上年预算数 and 上年执行数 where the source gives them, and 人员经费 and 公用经费
    where it gives them by line (苏州, 无锡, 湖州, 杭州, 烟台, 重庆 print them so: the other tables do not)."""
    f = builder.f
    nodes = f.function_tree("一般公共预算")
    with_prior = any(n.prior is not None for top in nodes for n in top.walk())
    executed = {n.code: n.prior for top in f.actual.function_tree("一般公共预算") for n in top.walk()}
    with_actual = any(value is not None for value in executed.values())
    rows = function_table(builder, fund_kind("一般公共预算"), nodes, f.general_basic, f.general_project, f.general_total,
                          with_prior, executed if with_actual else None,
                          f.actual.tree_prior(f.actual.function_tree("一般公共预算")), kinds=True)
    rows = _by_units(builder, fund_kind("一般公共预算"), "一般公共预算", rows)
    if builder.lacks_functions():
        rows.body.append(builder.missing_functions_row(len(rows.widths)))
    return rows


def fund_table(builder: TableBuilder, fund: str) -> TableRows:
    """表8 政府性基金预算支出表, 表9 国有资本经营预算支出表."""
    tid = fund_kind(fund)
    f = builder.f
    if not f.has_function_rows:
        amount = f.fiscal_expenditure[fund]  # the fund's total as stated: its split is not known
        rows = function_table(builder, tid, [], None, None, amount)
        if amount and builder.shows_missing("功能分类明细"):
            rows.body.append(builder.missing_functions_row(5))
        return rows
    return _by_units(builder, tid, fund, function_table(builder, tid, f.function_tree(fund), f.fund_basic(fund),
                                                       f.fund_project(fund), f.fund_total(fund)))


# -- 上海: 部门收入预算总表 ---------------------------------------------------------------------
def _code_levels(code: str) -> list[Cell]:
    """A function or economic code in its 类 / 款 / 项 columns: 2080501 → 208 | 05 | 01."""
    pieces = [code[:3], code[3:5], code[5:7]]
    return [Cell(piece, align="center") for piece in pieces]


def _own_income_columns(b: Budget) -> list[str]:
    """The columns of income besides 财政拨款收入: 事业收入, 事业单位经营收入, 其他收入, then any other source the
    department has."""
    columns = ["事业收入", "事业单位经营收入", "其他收入"]
    return columns + [s for s in INCOME_SOURCES if s not in FISCAL_SOURCES and s not in columns and b.income[s]]


def _income_columns(builder: TableBuilder) -> list[str]:
    """The amount columns of the 收入总表 by function lines: those the layout lists (表格.X.列: 烟台 prints 合计 |
    财政拨款收入 | 一般公共预算拨款 | … | 上年结转), in its order; else 合计, 财政拨款收入 and _own_income_columns."""
    asked = [c for c in builder.asked_columns if c in INCOME_COLUMNS or c.startswith(PART)]
    return asked or ["合计", "财政拨款收入", *_own_income_columns(builder.b)]


def _fiscal_income(amounts: dict[str, Decimal | None], stated: frozenset[str]) -> tuple[Decimal | None, bool]:
    """A line's 财政拨款收入: its three funds' sum (None where one is not known), stated where one of them is."""
    fiscal = [amounts[s] for s in FISCAL_SOURCES]
    return (None if any(a is None for a in fiscal) else sum((a or ZERO for a in fiscal), ZERO),
            any(s in stated for s in FISCAL_SOURCES))


def _part_columns(b: Budget, tid: str, columns: list[str]) -> dict[str, dict[str, tuple[Decimal, bool]]]:
    """The columns a layout lists headed “其中：…” (其中栏: a part of one of the table's columns, each line's figure as
    the source states it, never added into a total), by line; a part the source does not state is printed blank."""
    found: dict[str, dict[str, tuple[Decimal, bool]]] = {}
    for column in columns:
        if column.startswith(PART):
            stated = part_lines(b.printed_parts, tid, column)
            found[column] = {key: (figure, True) for key, figure in (stated[1] if stated else {}).items()}
    return found


def income_by_function(builder: TableBuilder) -> TableRows:
    """部门收入预算总表: income by function item — 合计, 财政拨款收入, 事业收入, 事业单位经营收入,
    其他收入 (and any other source the department has), or the columns a layout lists. A split the source does
    not give is left blank, never 0.00."""
    tid = role("income")
    num = builder.num(tid)
    b, f = builder.b, builder.f
    columns = _income_columns(builder)
    split = f.income_by_function()
    stated = b.income_stated
    parts = _part_columns(b, tid, columns)

    def values(code: str, total: Decimal | None, total_stated: bool) -> list[Cell]:
        amounts = split[code]
        cells = {"合计": (total, total_stated), "财政拨款收入": _fiscal_income(amounts, stated),
                 **{c: lines.get(code, (None, False)) for c, lines in parts.items()}}
        figures = [cells.get(c) or (amounts.get(c), c in stated) for c in columns]
        return [num(f.printed_line(tid, code, c, value), shown) for c, (value, shown) in zip(columns, figures, strict=True)]

    body = [Row([*_code_levels(node.code), Cell(node.name), *values(node.code, node.total, "合计" in node.stated)],
                kind=node_kind(node.level), key=node.code) for top in f.function_tree() for node in top.walk()]
    if builder.lacks_functions():
        body.append(builder.missing_functions_row(4 + len(columns)))
    body.append(Row([Cell("合计", colspan=4, align="center", bold=True),
                     *values("合计", f.expenditure_total, "合计" in stated_parts(builder, f.function_tree()))],
                    kind="total", key="合计"))
    header = [
        head(("项目", 4, 1), ("收入预算", len(columns), 1)),
        head(("功能分类科目编码", 3, 1), ("功能分类科目名称", 1, 2), *((c, 1, 2) for c in columns)),
        head("类", "款", "项"),
    ]
    gap = f.functions_cover_all and builder.tree_gap(tid, f.function_tree(), function_total(f), lambda n: n.total)
    return TableRows(header, body, [6, 5, 5, 34, *[13] * len(columns)], wide=True, rounding_gap=gap)
