"""The 决算 tables by function line of a 部门决算 (the 默认 layout's, 财政部's structure, and 上海's): 收入决算表,
支出决算表, 一般公共预算财政拨款支出决算表 and the two fund tables (政府性基金 / 国有资本经营预算财政拨款收入支出
决算表; the 默认 layout's 国有资本经营预算财政拨款支出决算表 states the spending alone) — and what each line
received, which a 决算 accounts for apart from what it spent.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from decimal import Decimal

from reportgen import codes
from reportgen.compute import ZERO, Node, code_name, sum_known
from reportgen.docmodel.document import Cell, Row
from reportgen.docmodel.model import FINAL_SPENDING_KINDS, FISCAL_SOURCES, FUNDS, INCOME_SOURCES, Budget, IncomeLine
from reportgen.tablekinds import fund_table, role
from reportgen.tables.builder import LEVEL_INDENT, TableBuilder, TableRows, head, node_kind
from reportgen.tables.final import FINAL_OWN_INCOME, SPECIAL_ACCOUNT, blank_zero, special_account, spent_none
from reportgen.tables.function import function_gap, function_table
from reportgen.tables.specs import listed_entry

_Received = dict[str, dict[str, Decimal | None]]


def _function_head(*amounts: str) -> list[Row]:
    """The two header rows of a 决算 table by function: 项目 over 功能分类科目编码 and 科目名称, and the
    amount columns beside them, each over both rows."""
    return [head(("项目", 2, 1), *((a, 1, 2) for a in amounts)), head("功能分类科目编码", "科目名称")]


def _add(result: _Received, code: str, source: str, amount: Decimal | None) -> None:
    """Add what a line received of ``source`` (unknown, None, once any part of it is)."""
    amounts = result.setdefault(code, dict.fromkeys(INCOME_SOURCES, ZERO))
    current = amounts[source]
    amounts[source] = None if current is None or amount is None else current + amount


def _received_as_spent(b: Budget, fund: str, source: str | None, tops: list[Node]) -> tuple[list[str], bool]:
    """The kinds of income a fund's lines received, and whether each line received what it spent.

    A fiscal fund's spending on a line is what the line received only where the source states no 结转和
    结余 of that fund (money neither carried in nor out is spent as received). The department's own money
    was received by line only where the lines spent just that income (their total equals it); where the
    department has no such income those lines spent 年初结转和结余 and received nothing (no kinds)."""
    if source is not None and source in FISCAL_SOURCES:
        return [source], not any(b.fiscal_balances.get(when, {}).get(fund) for when in ("年初", "年末"))
    return _own_received(b, source, tops)


def _own_received(b: Budget, source: str | None, tops: list[Node]) -> tuple[list[str], bool]:
    """The kinds of own income a fund's lines received (``source``, else each the department has), and whether each
    line received what it spent: where they spent just the one kind of income (their total equals it)."""
    own = [source] if source is not None else [s for s, _ in FINAL_OWN_INCOME if b.income[s]]
    own = [s for s in own if b.income[s]]
    return own, len(own) == 1 and b.income[own[0]] == sum((top.total for top in tops), ZERO)


def _income_by_line(builder: TableBuilder) -> _Received:
    """What each function line received, by income source (a 决算 accounts for income apart from spending).

    A fiscal fund's lines, and the department's own money — 财政专户 lines, and 单位资金 lines with the one
    kind of own income it has — received what they spent where _received_as_spent says so; else what they
    received is unknown (None), never a split the source does not give."""
    b, f = builder.b, builder.f
    result: _Received = {}
    for fund, source in FUNDS.items():
        tops = f.function_tree(fund)
        kinds, known = _received_as_spent(b, fund, source, tops)
        for node in (n for top in tops for n in top.walk()):
            for kind in kinds:
                _add(result, node.code, kind, node.total if known else None)
    return result


def final_income(builder: TableBuilder) -> TableRows:
    """收入决算表: income by function line — 本年收入合计, 财政拨款收入, 上级补助收入, 事业收入, 经营收入,
    附属单位上缴收入, 其他收入 — 合计 first (the income the source states), then 类/款/项 (a line that
    received nothing is not listed). A kind of own income the department has none of is blank, as printed."""
    tid = role("income")
    num = builder.num(tid)
    line = blank_zero(num, builder.zeros_printed(tid))
    f = builder.f
    own = _own_income_columns(builder.b)
    split = _income_by_line(builder)

    def values(total: Decimal | None, amounts: Mapping[str, Decimal | None]) -> list[Cell]:
        fiscal = sum_known(amounts[s] for s in FISCAL_SOURCES)
        return [num(total), num(fiscal), *(line(amounts[s]) for s, _ in own)]

    body = [_income_total_row(builder, values)]
    if builder.b.income_lines:  # what each line received, as its 收入决算表 printed it
        lines = printed_income(builder.b)
        body += _income_rows(builder, lines, _printed_rows(lines, num, line, [s for s, _ in own]))
        split = {code: {**dict.fromkeys(INCOME_SOURCES, ZERO), **amounts} for code, _, _, _, amounts in lines}
    else:
        body += [Row([Cell(node.code), Cell(node.name, indent=LEVEL_INDENT[node.level]),
                      *values(_received(split, node.code), split[node.code])], kind=node_kind(node.level),
                     key=node.code)
                 for top in f.function_tree() for node in top.walk() if node.code in split]
    if builder.lacks_functions():
        body.append(builder.missing_functions_row(4 + len(own)))
    header = _function_head("本年收入合计", "财政拨款收入", *(label for _, label in own))
    return TableRows(header, body, [14, 36, *[12] * (2 + len(own))], wide=True,
                     rounding_gap=_income_gap(builder, tid, split))


def _income_total_row(builder: TableBuilder, values: Callable[[Decimal | None, Mapping[str, Decimal | None]], list[Cell]]
                      ) -> Row:
    """The 收入决算表's 合计 row: the income the source states, its 合计 and 财政拨款收入 as the table printed them."""
    f = builder.f
    whole = {s: f.income_of(s) for s in INCOME_SOURCES}
    return Row([Cell("合计", colspan=2, align="center", bold=True), *_as_printed(
        builder, "合计", values(f.income_total, whole), (f.income_total, sum_known(whole[s] for s in FISCAL_SOURCES)))],
        kind="total", key="合计")


def _income_rows(builder: TableBuilder, lines: list[tuple[str, str, str, Decimal, dict[str, Decimal]]],
                 rows: list[Row]) -> list[Row]:
    """The rows of the lines a 收入决算表 printed (_printed_rows of ``lines``), each 类/款 as the table printed it."""
    return [Row([*row.cells[:2], *_as_printed(builder, row.key, row.cells[2:], (total, amounts.get("财政拨款收入")))],
                kind=row.kind, key=row.key) for row, (_, _, _, total, amounts) in zip(rows, lines, strict=True)]


def _as_printed(builder: TableBuilder, key: str, cells: list[Cell], figures: tuple[Decimal | None, Decimal | None]) -> list[Cell]:
    """A line's amount cells with its 本年收入合计 and 财政拨款收入 (``figures``, as its lines make them) as the source
    states the table printed them (印出合计.收入总表: 佛山 2019's 214 prints 1,531.04, its lines 1,531.05)."""
    tid = role("income")
    num = builder.num(tid)
    printed = [builder.f.printed_line(tid, key, column, figure)
               for column, figure in zip(("合计", "财政拨款收入"), figures, strict=True)]
    return [num(p) if p != figure else cell for p, figure, cell in zip(printed, figures, cells, strict=False)] + cells[2:]


def _own_income_columns(b: Budget) -> list[tuple[str, str]]:
    """The own income a 收入决算表 prints a column of (source, label): 财政专户 where the department has one, then
    each kind of own income."""
    return [*([(SPECIAL_ACCOUNT, SPECIAL_ACCOUNT)] if special_account(b) else []), *FINAL_OWN_INCOME]


def _printed_rows(lines: list[tuple[str, str, str, Decimal, dict[str, Decimal]]], num: Callable[[Decimal | None], Cell],
                  line: Callable[[Decimal | None], Cell], own: list[str]) -> list[Row]:
    """The rows of the lines a 收入决算表 printed (printed_income), each with the amounts it printed: its total, its
    财政拨款收入, each kind of ``own`` income (blank where none)."""
    return [Row([Cell(code), Cell(name, indent=LEVEL_INDENT[level]), num(total), num(amounts.get("财政拨款收入")),
                 *(line(amounts.get(s)) for s in own)], kind=node_kind(level), key=code)
            for code, name, level, total, amounts in lines]


def printed_income(b: Budget) -> list[tuple[str, str, str, Decimal, dict[str, Decimal]]]:
    """The 收入决算表's lines from 收入.功能分类 — (code, name, level, 本年收入合计, by kind) for each 项 and the
    类/款 above them, summed — each kind as printed. A line's 合计 printed beyond its kinds (a kind its table
    printed that the source does not hold) is the department's one kind of own income where it has one."""
    own = [s for s, _ in FINAL_OWN_INCOME if b.income[s]]
    totals: dict[str, Decimal] = {}
    kinds: dict[str, dict[str, Decimal]] = {}
    for item in b.income_lines:
        amounts = _with_own_rest(item, own)
        for code in {item.code[:n] for n in (3, 5, 7) if n <= len(item.code)}:
            totals[code] = totals.get(code, ZERO) + item.received
            into = kinds.setdefault(code, {})
            for kind, amount in amounts.items():
                into[kind] = into.get(kind, ZERO) + amount
    return [(code, code_name(b, "功能分类", code) or code, codes.function_level(code), totals[code], kinds[code])
            for code in sorted(totals)]


def _with_own_rest(item: IncomeLine, own: list[str]) -> dict[str, Decimal]:
    """A line's amounts by kind as printed; what its 合计 prints beyond them, the department's one kind of own income
    where it has exactly one (and the line does not print it)."""
    amounts = dict(item.amounts)
    rest = item.received - sum(amounts.values(), ZERO)
    if rest > 0 and len(own) == 1 and own[0] not in amounts:
        amounts[own[0]] = rest
    return amounts


def _received(split: _Received, code: str) -> Decimal | None:
    """What a line received in all (None where a part of it is not known)."""
    return sum_known(split.get(code, {}).values())


def _income_gap(builder: TableBuilder, tid: str, split: _Received) -> bool:
    """Whether the lines, rounded, fail to add up to their own sum (a 元 source shown in 万元); against
    the income stated, a source's own slip is for the checks to tell."""
    tops = [n for n in builder.f.function_tree() if n.code in split]
    whole = sum_known(_received(split, n.code) for n in tops)
    return whole is not None and builder.tree_gap(tid, tops, whole, lambda n: _received(split, n.code) or ZERO)


def final_spending(builder: TableBuilder) -> TableRows:
    """支出决算表: all spending by function line — 本年支出合计, 基本支出, 项目支出, 上缴上级支出, 经营支出,
    对附属单位补助支出 — the standard table's lines (合计 first) with the three other kinds beside them,
    blank where nothing was spent so, as printed (0 where the table prints its zeros: spent_none)."""
    tid = role("spending")
    line = blank_zero(builder.num(tid), builder.zeros_printed(tid))
    f = builder.f
    rows = function_table(builder, tid, f.function_tree(), f.basic, f.project, f.expenditure_total)
    others = {n.code: n.other for top in f.function_tree() for n in top.walk()}
    totals = {kind: f.other_spending(kind) for kind in FINAL_SPENDING_KINDS}
    none = spent_none(builder, tid)  # a line's kind no row under it states: as the 合计 row's sum of nothing
    for row in rows.body:
        spent = totals if row.key == "合计" else others.get(row.key, {})
        row.cells += [line(spent.get(kind, none)) for kind in FINAL_SPENDING_KINDS]
    if builder.lacks_functions():
        rows.body.append(builder.missing_functions_row(5 + len(FINAL_SPENDING_KINDS)))
    rows.header = _function_head("本年支出合计", "基本支出", "项目支出", *FINAL_SPENDING_KINDS)
    rows.widths = [14, 36, *[12] * (3 + len(FINAL_SPENDING_KINDS))]
    rows.wide = True
    rows.functions_of = builder.b.function_scope  # its lines are that fund's only: said in a note
    return rows


def final_general(builder: TableBuilder) -> TableRows:
    """一般公共预算财政拨款支出决算表: the standard table's lines (科目编码, 科目名称, 合计, 基本支出, 项目支出)
    without a prior year, its 合计 row last, as printed."""
    f = builder.f
    rows = function_table(builder, fund_table("一般公共预算"), f.function_tree("一般公共预算"), f.general_basic,
                          f.general_project, f.general_total)
    rows.body = [*rows.body[1:], rows.body[0]]
    if builder.lacks_functions():
        rows.body.insert(0, builder.missing_functions_row(5))
    rows.header = _function_head("合计", "基本支出", "项目支出")
    return rows


def final_fund(builder: TableBuilder, fund: str) -> TableRows:
    """政府性基金 / 国有资本经营预算财政拨款收入支出决算表: 年初结转和结余, 本年收入, 本年支出 (合计, 基本支出,
    项目支出) and 年末结转和结余 — on the 合计 row as the source states them, on each function line its
    spending and what it received (_income_by_line; its balances are not given by line: blank); the 合计
    row alone, blank, for a fund of nothing."""
    tid = fund_table(fund)
    num = builder.num(tid)
    f = builder.f
    source = FUNDS[fund] or ""
    nodes = f.function_tree(fund)
    received = _income_by_line(builder)
    basic, project, total = f.fund_basic(fund), f.fund_project(fund), f.fund_total(fund)
    body = [Row([Cell("合计", colspan=2, align="center", bold=True), *_fund_totals(builder, fund, num)], kind="total",
                key="合计")]
    lines = [Row([Cell(node.code), Cell(node.name, indent=LEVEL_INDENT[node.level]), Cell(),
                  num(received.get(node.code, {}).get(source)), num(node.total), num(node.basic), num(node.project),
                  Cell()], kind=node_kind(node.level), key=node.code) for top in nodes for node in top.walk()]
    listed = _unspent_lines(builder, fund, {row.key for row in lines})
    body += sorted([*lines, *listed], key=lambda row: row.key) if listed else lines
    header = [head(("项目", 2, 1), ("年初结转和结余", 1, 2), ("本年收入", 1, 2), ("本年支出", 3, 1),
                   ("年末结转和结余", 1, 2)),
              head("功能分类科目编码", "科目名称", "合计", "基本支出", "项目支出")]
    gap = bool(nodes) and function_gap(builder, tid, nodes, (total, basic, project), None, None, None)
    return TableRows(header, body, [14, 30, 12, 12, 12, 12, 12, 12], wide=True, rounding_gap=gap)


def final_fund_spending(builder: TableBuilder, fund: str) -> TableRows:
    """国有资本经营预算财政拨款支出决算表 as 财政部's structure prints it (the 默认 layout's 表9): each function
    line's 本年支出 (合计, 基本支出, 项目支出), the 合计 row first; the 合计 row alone, blank, for a fund that
    spent nothing (上海's table, final_fund, shows what it received and carried too)."""
    num = builder.num(fund_table(fund))
    f = builder.f
    nodes = f.function_tree(fund)
    basic, project, total = f.fund_basic(fund), f.fund_project(fund), f.fund_total(fund)
    totals = [num(total), num(basic), num(project)] if total else [Cell() for _ in range(3)]
    body = [Row([Cell("合计", colspan=2, align="center", bold=True), *totals], kind="total", key="合计")]
    body += [Row([Cell(node.code), Cell(node.name, indent=LEVEL_INDENT[node.level]), num(node.total), num(node.basic),
                  num(node.project)], kind=node_kind(node.level), key=node.code) for top in nodes for node in top.walk()]
    header = [head(("项目", 2, 1), ("本年支出", 3, 1)), head("功能分类科目编码", "科目名称", "合计", "基本支出", "项目支出")]
    gap = bool(nodes) and function_gap(builder, fund_table(fund), nodes, (total, basic, project), None, None, None)
    return TableRows(header, body, [16, 42, 14, 14, 14], rounding_gap=gap)


def _unspent_lines(builder: TableBuilder, fund: str, printed: set[str]) -> list[Row]:
    """The lines a fund's 决算表 lists whether or not the fund spends on them (its layout's 科目: 佛山 2019's 政府性基金
    table prints its template's 208, 20822 … 0.00 each), of those its function rows do not give (by the name 科目 gives,
    else the year's catalogue's: none, not printed), where the table prints its zeros: each figure 0 where the fund's is known to be nothing — its 本年支出 where
    the function rows are all the spending, 年初/年末结转和结余 and 本年收入 where the source states the fund's 0 —
    else blank."""
    tid = fund_table(fund)
    if not builder.listed_codes or not builder.zeros_printed(tid):
        return []
    b = builder.b
    figures = list(map(blank_zero(builder.num(tid), True), _unspent_figures(builder, fund)))
    return [Row([Cell(code), Cell(name, indent=LEVEL_INDENT[codes.function_level(code)]), *figures],
                kind=node_kind(codes.function_level(code)), key=code)
            for code, printed_name in map(listed_entry, builder.listed_codes[0])
            if code not in printed and (name := printed_name or code_name(b, "功能分类", code))]


def _unspent_figures(builder: TableBuilder, fund: str) -> list[Decimal | None]:
    """A fund table's line of nothing (_unspent_lines): 年初结转和结余, 本年收入, 本年支出 (合计, 基本支出, 项目支出) and
    年末结转和结余, each 0 where the fund's is known to be nothing, else None."""
    f, b = builder.f, builder.b
    source = FUNDS[fund] or ""
    spent = ZERO if f.lines_complete else None
    received = ZERO if source in b.income_stated and f.income_of(source) == 0 else None
    return [_zero_stated(f.fiscal_balance("年初", fund)), received, spent, spent, spent,
            _zero_stated(f.fiscal_balance("年末", fund))]


def _zero_stated(amount: Decimal | None) -> Decimal | None:
    """0 where the source states 0, else nothing."""
    return ZERO if amount is not None and amount == 0 else None


def _fund_totals(builder: TableBuilder, fund: str, num: Callable[[Decimal | None], Cell]) -> list[Cell]:
    """The 合计 row's amounts of a fund's 决算表, as the source states them: blank for a fund of nothing (its zeros
    where the table prints them and lists lines it does not spend on: _unspent_lines)."""
    f = builder.f
    income = f.income_of(FUNDS[fund] or "")
    total, opening, closing = f.fund_total(fund), f.fiscal_balance("年初", fund), f.fiscal_balance("年末", fund)
    if not (total or income or opening or closing) and not _unspent_lines(builder, fund, set()):
        return [Cell() for _ in range(6)]
    return [num(opening), num(income), num(total), num(f.fund_basic(fund)), num(f.fund_project(fund)), num(closing)]
