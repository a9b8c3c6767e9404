"""The “三公”经费 tables — 表7 “三公”经费支出表, 上海's 部门“三公”经费和机关运行经费预算表, the
财政拨款“三公”经费支出决算表 — and 河南's 机关运行经费 table (预算10表).
"""

from __future__ import annotations

from decimal import Decimal

from reportgen.compute import Computed
from reportgen.compute.trees import code_name
from reportgen.docmodel.document import Cell, Row, RowKind
from reportgen.tablekinds import role
from reportgen.tables.builder import TableBuilder, TableRows, head
from reportgen.tables.specs import (
    ACROSS_BESIDE,
    ACROSS_PRIOR,
    ADMINISTRATIVE_ROW,
    THREE_PUBLIC_COLUMNS,
    TURNED_ITEMS,
)


def _unknown_rows(builder: TableBuilder, columns: int) -> list[Row] | None:
    """The 待补充 rows standing for what the source does not give of the “三公”经费 (never 0.00 for
    it): all of it, or each part left out where no 合计 is given; None where the rows can be said."""
    b = builder.b
    if not b.three_public.stated:
        return [builder.missing_row(builder.missing(("“三公”经费", "三公经费")), columns)]
    if builder.f.three_public_total is None:  # a part left out, and no 合计: the rows cannot be said
        return [builder.missing_row(builder.missing((f"“三公”经费中的{name}", f"三公经费.{name}")), columns)
                for name in b.three_public.unknown]
    return None


def turned_three_public(builder: TableBuilder, items: tuple[str, ...]) -> TableRows:
    """The “三公”经费 table printed turned (纵排): each of ``items`` a row, in that order, with this year's figure in
    one column (福州, 泉州: 项目 | 预算数), or in the columns the layout lists (列: 广州, 珠海: 合计 and each fund's, as
    the source's 三公经费.按资金 gives them; a fund's figure it does not give is missing, never 0.00)."""
    tid = role("three_public")
    columns = tuple(c for c in builder.asked_columns if c in THREE_PUBLIC_COLUMNS)
    figures = dict(zip(TURNED_ITEMS, builder.f.three_public_columns(), strict=True))
    body = _unknown_rows(builder, 1 + max(len(columns), 1))
    if body is None:
        body = [Row([Cell(item, align="left"), *_turned_cells(builder, item, figures.get(item), columns or ("合计",))],
                    kind="total" if item == "合计" else "body", key=item)
                for item in items]
    gap = builder.f.three_public_gap(builder.shown(tid))
    header = head("项目", *(_FUND_HEADS.get(c, c) for c in columns)) if columns else head("项目", "预算数")
    return TableRows([header], body, [40] + [20] * max(len(columns), 1), wide=False, rounding_gap=gap)


# A turned table's column heads (列 names the funds as the source does: 一般公共预算 …)
_FUND_HEADS = {fund: fund if fund.endswith("预算") else f"{fund}预算" for fund in THREE_PUBLIC_COLUMNS[1:]}


def _turned_cells(builder: TableBuilder, item: str, figure: Decimal | None, columns: tuple[str, ...]) -> list[Cell]:
    """A turned row's cells: its figure under 合计, each fund's as 三公经费.按资金 gives it; 行政经费's (广州, 珠海) as
    the source's 行政经费 gives them (missing where not given, never 0.00)."""
    num = builder.num(role("three_public"))
    three = builder.b.three_public
    if item == ADMINISTRATIVE_ROW:
        stated: dict[str, Decimal | None] = dict(three.administrative)
        paths = {column: f"行政经费.按资金.{column}" for column in columns} | {"合计": "行政经费.本年"}
    else:
        stated = {"合计": figure, **three.by_fund.get(item, {})}
        paths = {column: f"三公经费.按资金.{item}.{column}" for column in columns}
    return [num(stated[column]) if column in stated else
            Cell(builder.missing((f"{item}的{_FUND_HEADS.get(column, '合计')}数", paths[column])), missing=True)
            for column in columns]


def across_three_public(builder: TableBuilder, items: tuple[str, ...]) -> TableRows:
    """The “三公”经费 table as one 合计 row of this year's figures, ``items`` its columns in that order (横排: 杭州, 长沙
    print 合计 above each unit's row: each unit's printed under it where the source's 表行 gives them, _unit_rows;
    烟台 prints last year's budget of each item first, 江苏 会议费 and 培训费 beside the items: _across_figures)."""
    tid = role("three_public")
    num = builder.num(tid)
    figures = _across_figures(builder, items)
    body = _unknown_rows(builder, len(items) + 1)
    if body is None:
        cells = [num(figures[item]) if figures[item] is not None else
                 Cell(builder.missing(_ACROSS_MISSING[item.partition("·")[0]]), missing=True) for item in items]
        body = [Row([Cell("合计", align="center"), *cells], kind="total", key="合计"), *_unit_rows(builder, items)]
    gap = builder.f.three_public_gap(builder.shown(tid))
    return TableRows(_across_header(builder, items), body, [20] + [14] * len(items), wide=len(items) > 8, rounding_gap=gap)


def _across_figures(builder: TableBuilder, items: tuple[str, ...]) -> dict[str, Decimal | None]:
    """The figures of a 横排 “三公” table's columns: this year's items, last year's budget of each (上年预算数·…, as the
    source's 上年 gives them), and each economic 款 printed beside them (ACROSS_BESIDE: the source's 经济分类款预算 of
    一般公共预算, by the name the catalogue gives its code); None where the source does not give one (never 0)."""
    f = builder.f
    figures: dict[str, Decimal | None] = dict(zip(TURNED_ITEMS, f.three_public_columns(), strict=True))
    prior = f.three_public_columns(prior=True) if f.three_public_prior is not None else [None] * len(TURNED_ITEMS)
    figures |= {f"{ACROSS_PRIOR}·{item}": value for item, value in zip(TURNED_ITEMS, prior, strict=True)}
    beside = {line.name: line.amount for line in builder.b.economic_lines if line.fund == _BESIDE_FUND}
    figures |= {name: beside.get(name) for name in ACROSS_BESIDE}
    return {item: figures[item] for item in items}


_BESIDE_FUND = "一般公共预算"
# what a missing cell of a 横排 “三公” table stands for, by its column's kind
_ACROSS_MISSING = {ACROSS_PRIOR: ("上年“三公”经费", "三公经费.上年"), **{name: (f"一般公共预算安排的{name}", "经济分类款预算")
                                                                  for name in ACROSS_BESIDE}}


def _across_header(builder: TableBuilder, items: tuple[str, ...]) -> list[Row]:
    """A 横排 “三公” table's header: 项目 and the items; where it prints last year's budget, each year's items under
    “N年预算数” (烟台: 2025年预算数 | 2026年预算数)."""
    if not any(item.startswith(f"{ACROSS_PRIOR}·") for item in items):
        return [head("项目", *items)]
    years = [builder.b.prior.year if item.startswith(f"{ACROSS_PRIOR}·") else builder.b.year for item in items]
    groups: list[tuple[str, int, int]] = []
    for year in years:
        if groups and groups[-1][0] == f"{year}年预算数":
            groups[-1] = (groups[-1][0], groups[-1][1] + 1, 1)
        else:
            groups.append((f"{year}年预算数", 1, 1))
    return [head(("项目", 1, 2), *groups), head(*(item.rpartition("·")[2] for item in items))]


def _unit_rows(builder: TableBuilder, items: tuple[str, ...]) -> list[Row]:
    """Each unit's row under the 合计, as the source's 表行 gives them (杭州, 湖州, 长沙): its name as printed, its parts,
    合计 and 公务用车购置及运行维护费 their sums; a part it does not state blank."""
    num = builder.num(role("three_public"))
    rows = []
    for line in builder.b.table_lines.get(role("three_public"), ()):
        figures = [line.column(item) for item in items]
        rows.append(Row([Cell(line.unit, align="left"), *(Cell("", align="right") if figure is None else num(figure)
                                                          for figure in figures)], key=line.unit))
    return rows


def three_public(builder: TableBuilder) -> TableRows:
    """表7 “三公”经费支出表: last year's row (and its 执行数), this year's, and the changes; turned where the layout
    prints it so (纵排: builder.turned_items), or as one 合计 row (横排: builder.across_items)."""
    if builder.turned_items:
        return turned_three_public(builder, builder.turned_items)
    if builder.across_items:
        return across_three_public(builder, builder.across_items)
    if funds := _asked_funds(builder):
        return three_public_by_fund(builder, funds)
    tid = role("three_public")
    num = builder.num(tid)
    b, f = builder.b, builder.f
    header = [
        head(("年度", 1, 2), ("合计", 1, 2), ("因公出国（境）费", 1, 2), ("公务接待费", 1, 2),
             ("公务用车购置及运行维护费", 3, 1)),
        head("小计", "公务用车购置费", "公务用车运行维护费"),
    ]

    def row(label: str, values: list[Decimal | None], kind: RowKind = "body") -> Row:
        return Row([Cell(label, align="center"), *map(num, values)], kind=kind, key=label)

    current = f.three_public_columns()
    body = _unknown_rows(builder, 7)
    if body is None:
        body = []
        executed = f.actual.three_public_prior is not None  # 上年执行数: rows of their own
        if f.three_public_prior is not None:
            body.append(row(f"{b.prior.year}年", f.three_public_columns(prior=True)))
        if executed:
            body.append(row(f"{b.prior.year}年执行数", f.actual.three_public_columns(prior=True)))
        body.append(row(f"{b.year}年", current))
        if f.three_public_prior is not None:
            body.append(row("增减变化", f.three_public_changes(), "subtotal"))
        if executed:
            body.append(row("比执行数增减", f.actual.three_public_changes(), "subtotal"))
    gap = f.three_public_gap(builder.shown(tid))
    return TableRows(header, body, [16, 12, 14, 12, 12, 14, 16], wide=False, rounding_gap=gap)


def _asked_funds(builder: TableBuilder) -> tuple[str, ...]:
    """The funds the layout prints each item over (列 without 纵排: 深圳)."""
    return tuple(c for c in builder.asked_columns if c in THREE_PUBLIC_COLUMNS[1:])


def three_public_by_fund(builder: TableBuilder, funds: tuple[str, ...]) -> TableRows:
    """表7 with each item printed by ``funds`` (列: 深圳's 财政拨款“三公”经费支出表, each item over 一般公共预算 |
    政府性基金预算 | 国有资本经营预算): last year's row, this year's and the changes, as the source's 上年按资金 and 按资金
    give them (a figure not given is missing, never 0.00; the changes where both are given). A department of units
    whose layout prints them in turn (各单位: 依次) prints a 预算单位 column: its rows under its name, then each unit's
    under the unit's, as each unit's 三公经费 gives them."""
    tid = role("three_public")
    n = len(funds)
    by_unit = builder.units_in_turn and bool(builder.f.unit_figures)
    header = [
        head(*((("预算单位", 1, 3),) if by_unit else ()), ("年度", 1, 3), ("合计", n, 2), ("因公出国（境）费", n, 2),
             ("公务接待费", n, 2), ("公务用车购置及运行维护费", 3 * n, 1)),
        head(("小计", n, 1), ("公务用车购置费", n, 1), ("公务用车运行维护费", n, 1)),
        head(*[_FUND_HEADS[fund] for fund in funds] * 6),
    ]
    body = _unknown_rows(builder, 1 + 6 * n)
    if body is None:
        body = _fund_rows(builder, builder.f, funds)
        if by_unit:
            body = _named_rows(builder.b.department, body, "")
            for unit in builder.f.unit_figures:
                body += _named_rows(unit.budget.department, _fund_rows(builder, unit, funds), f"单位:{unit.budget.department}/")
    gap = builder.f.three_public_gap(builder.shown(tid))
    return TableRows(header, body, [12] * by_unit + [12] + [8] * 6 * n, wide=True, rounding_gap=gap)


def _fund_rows(builder: TableBuilder, f: Computed, funds: tuple[str, ...]) -> list[Row]:
    """The rows of ``f`` (the department's figures, or a unit's) by ``funds``: last year's, this year's, the changes."""
    num = builder.num(role("three_public"))
    year, prior_year = f.budget.year, f.budget.prior.year

    def row(label: str, values: list[Decimal | None], what: tuple[str, str], kind: RowKind = "body") -> Row:
        cells = [num(v) if v is not None else Cell(builder.missing(what), missing=True) for v in values]
        return Row([Cell(label, align="center"), *cells], kind=kind, key=label)

    body = []
    if f.three_public_prior is not None:
        body.append(row(f"{prior_year}年", f.three_public_fund_columns(funds, prior=True),
                        ("上年“三公”经费按资金的数", "三公经费.上年按资金")))
    body.append(row(f"{year}年", f.three_public_fund_columns(funds), ("“三公”经费按资金的数", "三公经费.按资金")))
    if f.three_public_prior is not None:
        body.append(row("增减变化", f.three_public_fund_changes(funds),
                        ("上年“三公”经费按资金的数", "三公经费.上年按资金"), "subtotal"))
    return body


def _named_rows(name: str, rows: list[Row], key: str) -> list[Row]:
    """``rows`` under a 预算单位 column: ``name`` beside the first, blank beside the others; keys prefixed by ``key``."""
    return [Row([Cell(name if index == 0 else "", align="left"), *row.cells], kind=row.kind, key=f"{key}{row.key}")
            for index, row in enumerate(rows)]


def three_public_and_running(builder: TableBuilder) -> TableRows:
    """部门“三公”经费和机关运行经费预算表: this year's “三公”经费 by part beside 机关运行经费, one row."""
    tid = role("three_public")
    num = builder.num(tid)
    b, f = builder.b, builder.f
    header = [
        head(("“三公”经费预算数", 6, 1), ("机关运行经费预算数", 1, 3)),
        head(("合计", 1, 2), ("因公出国（境）费", 1, 2), ("公务接待费", 1, 2), ("公务用车购置及运行费", 3, 1)),
        head("小计", "购置费", "运行费"),
    ]
    if not b.three_public.stated:
        cells = [Cell(builder.missing(("“三公”经费", "三公经费")), colspan=6, missing=True)]
    elif f.three_public_total is None:  # a part left out, and no 合计
        name = b.three_public.unknown[0]
        cells = [Cell(builder.missing((f"“三公”经费中的{name}", f"三公经费.{name}")), colspan=6, missing=True)]
    else:
        cells = [num(v) for v in f.three_public_columns()]
    running = b.running_costs
    if running is None and "机关运行经费" not in b.not_published:
        cells.append(Cell(builder.missing(("机关运行经费", "机关运行经费")), missing=True))
    else:
        cells.append(num(running.current if running is not None else None))
    gap = f.three_public_gap(builder.shown(tid))
    return TableRows(header, [Row(cells, key="本年")], [14, 14, 14, 14, 14, 14, 16], rounding_gap=gap)


def final_three_public(builder: TableBuilder) -> TableRows:
    """财政拨款“三公”经费支出决算表: 预算数 and 决算数 of 合计, 因公出国（境）费, 公务用车购置及运行维护费
    (小计, 购置费, 运行维护费) and 公务接待费, in the printed order, on one row; no row where nothing was
    budgeted or spent (the template's 说明 says so). A 预算数 the source does not give is blank."""
    tid = role("three_public")
    num = builder.num(tid)
    f = builder.f
    order = (0, 1, 3, 4, 5, 2)  # three_public_columns' order → 合计, 出国, 小计, 购置费, 运行维护费, 接待
    header = [
        head(("财政拨款“三公”经费", 12, 1)),
        head(("合计", 2, 2), ("因公出国（境）费", 2, 2), ("公务用车购置及运行维护费", 6, 1), ("公务接待费", 2, 2)),
        head(("小计", 2, 1), ("公务用车购置费", 2, 1), ("公务用车运行维护费", 2, 1)),
        head(*["预算数", "决算数"] * 6),
    ]
    spent, budgeted = f.three_public_columns(), f.three_public_budget_columns()
    body = _unknown_rows(builder, 12)
    if body is None:
        body = []
        if any(spent) or any(budgeted):
            body.append(Row([num(figures[i]) for i in order for figures in (budgeted, spent)], key="本年"))
    return TableRows(header, body, [8] * 12, wide=True, rounding_gap=f.three_public_gap(builder.shown(tid)))


# -- 河南: 机关运行经费 as a table of its own ------------------------------------------------------
def running_costs(builder: TableBuilder) -> TableRows:
    """机关运行经费 (河南's 预算10表, 江苏's 一般公共预算机关运行经费支出预算表): its amount on a 合计 row, then the
    rows the source gives by economic code (机关运行经费.经济分类), each as printed; none where it gives none."""
    num = builder.num(role("running_costs"))
    running = builder.b.running_costs
    if running is None:
        cells = [Cell(builder.missing(("机关运行经费", "机关运行经费")), colspan=3, missing=True)]
    else:
        cells = [Cell("合计", colspan=2, align="center", bold=True), num(running.current)]
    body = [Row(cells, kind="total", key="合计")]
    body += [Row([Cell(line.code), Cell(code_name(builder.b, "经济分类", line.code) or "", indent=int(len(line.code) > 3)),
                  num(line.amount)], kind="subtotal" if len(line.code) == 3 else "body", key=line.code)
             for line in builder.b.running_lines]
    return TableRows([head("科目编码", "科目名称", "机关运行经费支出")], body, [16, 44, 20])
