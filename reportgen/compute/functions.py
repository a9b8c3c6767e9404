"""Spending by 功能分类 and by 资金性质 of one Budget: the 类 → 款 → 项 tree (for all money or one
fund), the lines the text compares with the prior year, each fund's totals, 一般公共预算's 基本支出 and
项目支出, and 财政拨款支出 by fund — a split by fund the source does not give is never derived."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import replace
from decimal import Decimal
from functools import cached_property

from reportgen import codes, tablekinds
from reportgen.compute.arithmetic import ZERO, allowance, sum_known
from reportgen.compute.economic import EconomicFigures
from reportgen.compute.printed import line_as_printed, print_tree, stated_function_totals, tops_sum
from reportgen.compute.totals import Totals, general_only
from reportgen.compute.trees import KINDS, ComparedLine, Node, code_name, derived_priors
from reportgen.docmodel.model import (
    FISCAL_SOURCES,
    FUNDS,
    INCOME_SOURCES,
    UNSPLIT_FUND,
    Budget,
    FunctionRow,
    IncomeLine,
    TableLine,
    finest_lines,
)
from reportgen.tablekinds import fund_table, role

# The table whose printed lines (表行) are of all the spending.
LINES_OF_ALL = tablekinds.role("spending")

# The function tables a budget's 印出合计 may name, and the fund each prints (None: all the money)
# The funds of 财政拨款, and the key their one tree is kept by among the funds' trees
FISCAL_FUNDS = ("一般公共预算", "政府性基金", "国有资本经营")
FISCAL_KEY = "财政拨款"

# The tables whose lines a source may state as printed (印出合计), each with the money its lines are of (None: all; the
# 财政拨款收支总表's: 财政拨款, FISCAL_KEY): the function tables, and the 收支 tables whose spending side prints the lines
PRINTED_TABLES: dict[str, str | None] = {role("spending"): None, role("income"): None,
                                         **{fund_table(fund): fund for fund in ("一般公共预算", "政府性基金", "国有资本经营")},
                                         role("summary"): None, role("appropriations"): FISCAL_KEY}


def _received_line(lines: list[IncomeLine], key: str) -> dict[str, Decimal | None] | None:
    """A line of a 决算's 收入决算表 (``key`` a 类/款/项 code, or 合计) as the lines it printed make it (收入.功能分类):
    合计 and 财政拨款收入; None where it printed none under it."""
    under = [item for item in lines if key == "合计" or item.code.startswith(key)]
    if not under:
        return None
    return {"合计": sum((item.received for item in under), ZERO),
            "财政拨款收入": sum((item.amounts.get("财政拨款收入", ZERO) for item in under), ZERO)}


class FunctionFigures:
    """The function rows' figures; ``actual`` gives the same for the 上年执行数 view (Computed.actual)."""

    def __init__(self, budget: Budget, totals: Totals, economic: EconomicFigures,
                 actual: Callable[[], FunctionFigures]) -> None:
        self.budget = budget
        self.totals = totals
        self.economic = economic
        self.actual = actual
        self._trees: dict[str | None, list[Node]] = {}

    def function_tree(self, fund: str | None = None) -> list[Node]:
        """类 → 款 → 项 nodes with sums, for all money or one 资金性质.

        Built once per fund and shared (a render asks for the same tree a dozen times, from the
        tables, the checks and the templates): callers read the nodes and never change them."""
        trees = self._trees
        if fund not in trees:  # all money by function: none where the rows are of one fund only (功能分类口径)
            trees[fund] = self._function_tree(fund) if fund is not None or not self.budget.function_scope else []
        return trees[fund]

    def fiscal_tree(self) -> list[Node] | None:
        """类 → 款 → 项 nodes of all 财政拨款 (一般公共预算, 政府性基金, 国有资本经营 added by line: 江苏's 财政拨款支出表);
        None where its lines are not known: no function rows, or rows of 一般公共预算 alone (功能分类口径) beside another
        fund's appropriation that is not 0 (its lines are printed nowhere)."""
        if not self.totals.has_function_rows:
            return None
        scope = self.budget.function_scope
        if scope and any(self.budget.income[FUNDS[fund]] for fund in FISCAL_FUNDS if fund != scope):  # type: ignore[index]
            return None
        if FISCAL_KEY not in self._trees:
            self._trees[FISCAL_KEY] = self._function_tree(None, FISCAL_FUNDS)
        return self._trees[FISCAL_KEY]

    def _function_tree(self, fund: str | None, funds: tuple[str, ...] = ()) -> list[Node]:
        rows = self._rows_of(fund, funds)
        top: dict[str, Node] = {}
        index: dict[str, Node] = {}
        prior = self.budget.prior.function
        for row in sorted(rows, key=lambda r: r.code):
            self._place_row(row, top, index, prior)
            if row.prior is not None and fund is not None:
                index[row.code].prior = row.prior
        print_tree(self.budget, list(top.values()), stated_function_totals(self.budget, fund, rows))
        if fund == "一般公共预算" or fund is None and self.general_only:  # the text's changes are of these
            derived_priors(self.budget, "功能分类", list(top.values()))
        return list(top.values())

    def _rows_of(self, fund: str | None, funds: tuple[str, ...]) -> list[FunctionRow]:
        """The function rows of ``funds`` where given, else of ``fund`` (None: all the rows)."""
        if funds:
            return [r for r in self.budget.function_rows if r.fund in funds]
        return [r for r in self.budget.function_rows if fund is None or r.fund == fund]

    def _place_row(self, row: FunctionRow, top: dict[str, Node], index: dict[str, Node],
                   prior: Mapping[str, Decimal]) -> None:
        """A row added to its 类, 款 and 项 nodes (as far as its code goes: a coarse row ends early), each made where
        new — a 类 among the ``top`` nodes, the others under their parent — and kept in ``index`` by code."""
        parent: Node | None = None
        for code in [row.code[:length] for length in (3, 5, 7) if length <= len(row.code)]:
            node = index.get(code)
            if node is None:
                node = index[code] = self._tree_node(code, row.name, prior.get(code))
                if parent is None:
                    top[code] = node
                else:
                    parent.children.append(node)
            node.add(row)
            parent = node

    def _tree_node(self, code: str, row_name: str, prior: Decimal | None) -> Node:
        """A node of the function tree: named by the source's own name (alias, 科目表, a named unknown
        code) before the registry's, else by its row's."""
        name = code_name(self.budget, "功能分类", code)
        node = Node(code, name if name is not None else row_name, codes.function_level(code))
        node.prior = prior
        return node

    def income_by_function(self) -> dict[str, dict[str, Decimal | None]]:
        """收入预算 by function item (Shanghai's 部门收入预算总表): for each code, and for 合计, the amount
        of each income source. A row's 资金性质 names its source (一般公共预算 → 一般公共预算拨款 …);
        单位资金 is the department's own income, known by source only when the department has one
        such source (else None: never a split the source does not give); 财政专户和单位资金 tells
        neither 财政专户管理资金 nor the own income apart (None)."""
        own = [s for s in INCOME_SOURCES if s not in FUNDS.values() and self.budget.income[s]]
        by_fund = {fund: {n.code: n.total for top in self.function_tree(fund) for n in top.walk()} for fund in FUNDS}
        lines = self._own_income_lines(own)

        def split(code: str | None) -> dict[str, Decimal | None]:
            amounts: dict[str, Decimal | None] = dict.fromkeys(INCOME_SOURCES, ZERO)
            for fund, source in FUNDS.items():
                value = (sum((n.total for n in self.function_tree(fund)), ZERO) if code is None
                         else by_fund[fund].get(code, ZERO))
                _to_source(amounts, fund, source, value, own)
            if own and amounts[own[0]] is None and (stated := _own_of_lines(lines, code)) is not None:
                amounts.update(stated)
            return amounts

        result = {n.code: split(n.code) for top in self.function_tree() for n in top.walk()}
        result["合计"] = self._own_income_total(split(None), own)
        return result

    def _own_income_lines(self, own: list[str]) -> dict[str, dict[str, Decimal] | None]:
        """The department's own income of each finest 单位资金 line by source, as the 收入总表 printed it (印出合计.收入总表.
        <项>: 重庆 and 烟台 print 事业收入 and 其他收入 on every function line), where the department has two such sources or
        more (with one, a line's 单位资金 is it): a line's split stands where the figures printed on it add up to its
        单位资金 within their 尾数, a source printing none on it 0; else None (the split not known, and R-印出合计 says so)."""
        printed = self.budget.printed_lines.get(role("income"), {})
        if len(own) < 2 or not printed or any(n.total for n in self.function_tree(UNSPLIT_FUND)):
            return {}
        leaves = [n for top in self.function_tree("单位资金") for n in top.walk() if not n.children and n.total]
        return {leaf.code: self._line_split(leaf, printed.get(leaf.code, {}), own) for leaf in leaves}

    def _line_split(self, leaf: Node, printed: Mapping[str, Decimal], own: list[str]) -> dict[str, Decimal] | None:
        """A 单位资金 line's own income by source as printed (a source printing none 0), where it adds up to the line
        within its 尾数; else None."""
        stated = {s: printed.get(s, ZERO) for s in own}
        given = [v for v in stated.values() if v]
        near = given and abs(sum(given, ZERO) - leaf.total) <= allowance(self.budget, len(given), leaf.total, *given)
        return stated if near else None

    def _own_income_total(self, amounts: dict[str, Decimal | None], own: list[str]) -> dict[str, Decimal | None]:
        """The 合计 row of income by function with each own source's amount where the lines' 单位资金 are the
        department's own income stated (收入.事业收入, 其他收入 … added, within the printing's rounding): a source's 合计 is
        then its income as stated, the split of the lines by source still unknown (烟台: 事业收入 329.34 and 其他收入
        5.00 printed on 合计 alone, its 单位资金 lines 334.35)."""
        tops = self.function_tree("单位资金")
        unit_funds, stated = sum((n.total for n in tops), ZERO), [self.budget.income[s] for s in own]
        if len(own) < 2 or any(amounts[s] is not None for s in own) or any(
                n.total for n in self.function_tree(UNSPLIT_FUND)):
            return amounts
        if abs(unit_funds - sum(stated, ZERO)) > allowance(self.budget, len(tops) + len(own), unit_funds, *stated):
            return amounts
        return {**amounts, **dict(zip(own, stated, strict=True))}

    def tree_prior(self, nodes: list[Node]) -> Decimal | None:
        """The prior-year total of a tree's top nodes, when every one of them has it."""
        return sum_known(n.prior for n in nodes)

    def compared_function_lines(self) -> list[ComparedLine]:
        """一般公共预算 lines with a prior year, by code: each 项 row that has one, and each 类/款
        row the source gives a 上年 (and 原因) for."""
        nodes = {n.code: n for top in self.function_tree("一般公共预算") for n in top.walk()}
        lines = [ComparedLine(r.code, r.name, nodes[r.code].total if r.remainder else r.total, r.prior, r.reason)
                 for r in self.budget.function_rows if r.prior is not None and r.fund == "一般公共预算"]
        return sorted(lines + self._compared_classes(nodes), key=lambda line: line.code)

    def _compared_classes(self, nodes: dict[str, Node]) -> list[ComparedLine]:
        """The 一般公共预算 类/款 rows the source gives a 上年 (and 原因) for, at their tree's totals."""
        return [ComparedLine(t.code, nodes[t.code].name, nodes[t.code].total, t.prior, t.reason)
                for t in self.budget.stated_totals
                if t.kind == "功能分类" and t.prior is not None and t.fund == "一般公共预算" and t.code in nodes]

    def compared_lines(self, base: str) -> list[ComparedLine]:
        """The lines the text compares with the base (预算, 执行数 or 两者), each with its 上年
        and 上年执行数: those with a 上年 for 预算, with a 上年执行数 for 执行数, either for 两者."""
        actual_lines = self.actual().compared_function_lines()
        actual_of = {line.code: line.prior for line in actual_lines}
        lines = [] if base == "执行数" else [replace(line, actual=actual_of.get(line.code))
                                            for line in self.compared_function_lines()]
        if base != "预算":
            have = {line.code for line in lines}
            lines += [replace(line, prior=None, actual=line.prior) for line in actual_lines if line.code not in have]
        return sorted(lines, key=lambda line: line.code)

    def described_lines(self, base: str, fund: str = "一般公共预算") -> list[ComparedLine]:
        """The function lines of one 资金性质 the text describes one by one, by code: those it compares
        with the prior year (compared_lines: 一般公共预算 only) and those whose 用途 the source gives."""
        uses = {r.code: r.use for r in self.budget.function_rows if r.fund == fund and r.use}
        lines = [replace(line, use=uses.get(line.code, "")) for line in self.compared_lines(base)] \
            if fund == "一般公共预算" else []
        lines += _used_lines(self.budget.function_rows, fund, {line.code for line in lines})
        return sorted(lines, key=lambda line: line.code)

    def printed_line(self, table: str, key: str, column: str, computed: Decimal | None) -> Decimal | None:
        """A line of a budget's function table (PRINTED_TABLES; ``key`` a 类/款 code, or 合计 for its 合计 row) in
        ``column`` (合计, 基本支出, 人员经费, 公用经费, 项目支出): as the source states the table printed it (印出合计)
        where that stands within the 尾数 of the rows under the line from ``computed``, else ``computed``."""
        if table not in PRINTED_TABLES or not self.budget.printed_lines.get(table):
            return computed
        return line_as_printed(self.budget, table, key, column, computed, _parts_under(self.budget, table, key))

    def table_line(self, table: str, key: str) -> dict[str, Decimal | None] | None:
        """A line of a budget's function table (PRINTED_TABLES) as its rows make it, by column (合计, 基本支出,
        人员经费, 公用经费, 项目支出; the 收入总表's: 合计, 财政拨款收入 and each source of income); None where the table
        has no such line."""
        if table == role("income"):
            return self._income_line(key)
        if key == "合计" and (lines := self.budget.table_lines.get(table)):  # a table printed from its lines (表行)
            return lines_total(lines)
        money = PRINTED_TABLES[table]
        tops = (self.fiscal_tree() or []) if money == FISCAL_KEY else self.function_tree(money)
        if key == "合计":
            return _tops_line(tops)
        node = next((n for top in tops for n in top.walk() if n.code == key), None)
        return None if node is None else {"合计": node.total, "基本支出": node.basic,
                                          **{kind: node.basic_kind(kind) for kind in KINDS}, "项目支出": node.project}

    def _income_line(self, key: str) -> dict[str, Decimal | None] | None:
        """A line of the 收入总表 by function lines as its rows make it: 合计, 财政拨款收入 and each source of income (a
        决算's: 合计 and 财政拨款收入 of the lines its 收入决算表 printed, 收入.功能分类)."""
        if self.budget.income_lines:
            return _received_line(self.budget.income_lines, key)
        split = self.income_by_function()
        if key not in split:
            return None
        amounts = split[key]
        tops = self.function_tree()
        total = tops_sum(tops) if key == "合计" else next(n.total for top in tops for n in top.walk() if n.code == key)
        return {"合计": total, "财政拨款收入": sum_known(amounts[s] for s in FISCAL_SOURCES), **amounts}

    @cached_property
    def single_fund(self) -> str | None:
        """The one 资金性质 of every function row, where they are all of one (its totals are all the
        money's: the totals the source states of all its spending are that fund's)."""
        funds = {r.fund for r in self.budget.function_rows}
        return funds.pop() if len(funds) == 1 and not self.budget.function_scope else None

    def fund_total(self, fund: str) -> Decimal:
        """A fund's spending: its lines' as printed (支出合计 as stated, for the fund of all the rows)."""
        if fund == self.single_fund and self.totals.printed_expenditure is not None:
            return self.totals.printed_expenditure
        return tops_sum(self.function_tree(fund))

    def fund_basic(self, fund: str) -> Decimal | None:
        """A fund's 基本支出 from its function lines (None where a row gives its 合计 alone)."""
        if fund == self.single_fund and self.totals.printed_basic is not None:
            return self.totals.printed_basic
        return sum_known(top.basic for top in self.function_tree(fund))

    def fund_project(self, fund: str) -> Decimal | None:
        if fund == self.single_fund and self.totals.printed_project is not None:
            return self.totals.printed_project
        return sum_known(top.project for top in self.function_tree(fund))

    @cached_property
    def general_budget(self) -> Decimal | None:
        """一般公共预算支出: from function rows (not a part of the spending: functions_short), else from its income and
        carry-over (fund_spent); not known else."""
        if self.totals.has_function_rows and not self.totals.functions_short:
            return self.fund_total("一般公共预算")
        return self.fund_spent("一般公共预算")

    @cached_property
    def general_only(self) -> bool:
        """Whether all the department's money is 一般公共预算拨款 (no other income, nothing carried
        over): only then is all its spending 一般公共预算 spending, and its 基本/项目 split theirs."""
        return general_only(self.budget)

    @cached_property
    def funds_known(self) -> bool:
        """Whether each fund's spending is known: from function rows, or from each fund's income
        (not where the document gives 财政拨款收入 in one figure, or not at all, and no rows). From the income only
        where its carry-over is known (fund_spent): a fund's is then still not known (fiscal_expenditure None)."""
        return self.totals.has_function_rows or not any(s in self.budget.income_unknown for s in FISCAL_SOURCES)

    @cached_property
    def general_basic(self) -> Decimal | None:
        """一般公共预算基本支出: its function rows', else its economic rows' (the 一般公共预算基本支出
        table's), else all 基本支出 where all the money is 一般公共预算; else not known (None): a
        split by fund that the source does not give is never derived."""
        from_functions = self.fund_basic("一般公共预算") if self.totals.has_function_rows else None
        if from_functions is not None:
            return from_functions
        if self.economic.has_economic_rows:
            return self.economic.basic_from_economic
        return self.totals.basic if self.general_only else None

    @cached_property
    def general_project(self) -> Decimal | None:
        """一般公共预算项目支出: its function rows', else all 项目支出 where all the money is
        一般公共预算; else not known (None), never the remainder of a total of other funds."""
        from_functions = self.fund_project("一般公共预算") if self.totals.has_function_rows else None
        if from_functions is not None:
            return from_functions
        return self.totals.project if self.general_only else None

    @cached_property
    def fiscal_expenditure(self) -> dict[str, Decimal | None]:
        """财政拨款支出 by fund kind (一般公共预算, 政府性基金, 国有资本经营); without function rows a fund's not known
        (None) where its income and carry-over do not make its spending (fund_spent). (The other funds beside rows of
        一般公共预算 alone are still taken as their income: 故宫 2023, 江苏省人民检察院 2017's tests rely on it.)"""
        kinds = [fund for fund, source in FUNDS.items() if source in FISCAL_SOURCES]
        if self.totals.functions_cover_all and not self.totals.functions_short:  # rows of a part: by income (below)
            return {fund: self.fund_total(fund) for fund in kinds}
        if self.totals.has_function_rows and not self.totals.functions_short:  # the rows are 一般公共预算's (功能分类口径): the other funds by their income
            return {fund: self.fund_total(fund) if fund == self.budget.function_scope else self.budget.income[FUNDS[fund]]  # type: ignore[index]
                    for fund in kinds}
        return {fund: self.fund_spent(fund) for fund in kinds}

    def fund_spent(self, fund: str) -> Decimal | None:
        """A fund's spending without function rows: its income (本年收入) and its appropriations carried over, less
        those carried forward (Totals.fiscal_carried: none where all are none, else as stated by fund); not known
        where one of them is not — 国家信访局's 2026 budget spends 18,728.94: its 16,474.82 一般公共预算拨款 and the
        2,254.12 of it carried over; 北京市民政局's 67,467.68: 66,197.67 and 1,270.01."""
        source = FUNDS[fund]
        carried, forward = self.totals.fiscal_carried("年初", fund), self.totals.fiscal_carried("年末", fund)
        if carried is None or forward is None or source in self.budget.income_unknown:
            return None
        return self.budget.income[source] + carried - forward  # type: ignore[index]

    @cached_property
    def fiscal_expenditure_total(self) -> Decimal | None:
        """财政拨款支出合计; None where a fund's is not known."""
        return sum_known(self.fiscal_expenditure.values())

    def fiscal_classes(self, funds: tuple[str, ...], width: int = 3) -> list[tuple[str, str, list[Decimal]]]:
        """财政拨款收支总表's right side: each function 类 (code, name) — and the 款, 项 under it, down to
        codes of ``width`` digits, each after its line — with its total and its amount under each of ``funds``."""
        lines = {fund: [n for top in self.function_tree(fund) for n in top.walk() if len(n.code) <= width]
                 for fund in funds}
        by_fund = {fund: {n.code: n.total for n in lines[fund]} for fund in funds}
        names = _first_names(lines[fund] for fund in funds)
        rows = []
        for code, name in sorted(names.items()):
            amounts = [by_fund[fund].get(code, ZERO) for fund in funds]
            rows.append((code, name, [sum(amounts, ZERO), *amounts]))
        return rows

    def printed_fiscal(self, key: str, amounts: Sequence[Decimal | None]) -> list[Decimal | None]:
        """A line of the 财政拨款收支总表's spending side (a 类/款/项 code, or 合计 for 本年支出合计) by 合计 and fund
        (``amounts``, as fiscal_classes gives them): each fund's as its fund table printed the same line (印出合计: one
        amount rounded once prints the same in both tables), the 合计 so where the line is of one fund alone."""
        funds = [self.printed_line(fund_table(fund), key, "合计", value) or value
                 for fund, value in zip(("一般公共预算", "政府性基金", "国有资本经营"), amounts[1:], strict=False)]
        spent = [printed for printed, value in zip(funds, amounts[1:], strict=False) if value]
        total = spent[0] if len(spent) == 1 else amounts[0]  # as this table printed its 合计 (印出合计), else so
        return [self.printed_line(role("appropriations"), key, "合计", total) or total, *funds]

    @cached_property
    def lines_complete(self) -> bool:
        """Whether the function lines are known to be all the spending: they itemise it and add up to 支出合计 as the
        source states it, else as its income implies it (收支平衡: 本年收入合计 + 上年结转 + 使用非财政拨款结余 −
        结转下年, each known) — a 类 they do not give is then spent nothing on (never so for a total not known). Each
        printed on its own rounded (广州市国资委's 类 add up to 0.01 万元 over its 支出合计), the lines add up to it within
        the printing's rounding (arithmetic.allowance: half a 0.01 万元 a figure)."""
        stated = self.budget.stated_expenditure
        if stated is None:
            totals, budget = self.totals, self.budget
            if totals.income_total is None or totals.carried_over is None:
                return False
            stated = totals.income_total + totals.carried_over + budget.reserves_used - budget.carry_forward
        summed = self.totals.total_from_functions
        if not self.totals.functions_cover_all or summed is None:
            return False
        return abs(summed - stated) <= allowance(self.budget, self.totals.printed_parts(), stated, summed)

    @cached_property
    def classes_of_lines(self) -> list[tuple[str, Decimal]] | None:
        """The 类 of the spending a table's printed lines give (表行 of the table of all spending: 北京's 支出总表, a
        line per 功能分类 × 经济分类), each its lines added, in the order of their codes: where the source has no
        function rows of its own and the lines add up to 支出合计 (all the spending); None otherwise."""
        lines = self.budget.table_lines.get(LINES_OF_ALL, ())
        if not self._lines_give_all(lines):
            return None
        by_class: dict[str, Decimal] = {}
        for line in finest_lines(lines):
            by_class[line.codes[0][:3]] = by_class.get(line.codes[0][:3], ZERO) + line.total
        # a 类 the table prints a line of (国家信访局's 201, over its 款 and 项): that line's figure, as printed
        by_class.update({line.codes[0]: line.total for line in lines if line.codes[0] in by_class and not any(line.codes[1:])})
        return [(code_name(self.budget, "功能分类", code) or code, amount) for code, amount in sorted(by_class.items())]

    def _lines_give_all(self, lines: tuple[TableLine, ...]) -> bool:
        """Whether printed ``lines``, each with its 功能分类, add up to 支出合计, the source giving no function row."""
        total = self.totals.expenditure_total
        return (not self.totals.has_function_rows and bool(lines) and total is not None
                and all(line.codes[0] for line in lines) and sum((line.total for line in finest_lines(lines)), ZERO) == total)

    def listed_classes(self, names: tuple[str, ...]) -> list[tuple[str, Decimal]] | None:
        """The spending side of a 收支总表 printing the lines ``names`` (表格.X.类) whether or not the department spends
        on them: each with its 类's total, 0 where the lines are complete and give none; the 类 the list does not name
        after them. None where the lines are not known complete (a line not given is then not known to be 0)."""
        if not self.lines_complete:
            return None
        totals = {node.name: node.total for node in self.function_tree()}
        return [(name, totals.get(name, ZERO)) for name in names] + [(n, t) for n, t in totals.items() if n not in names]

    def listed_fiscal_classes(self, names: tuple[str, ...], funds: tuple[str, ...]) -> list[tuple[str, list[Decimal]]] | None:
        """The same for a 财政拨款收支总表: each listed line with its total and amount by fund (0 in each where the lines
        give none); None where the lines are not known complete or a line's fund is not known."""
        if not self.lines_complete or any(row.fund == UNSPLIT_FUND for row in self.budget.function_rows):
            return None
        amounts = {name: values for _, name, values in self.fiscal_classes(funds)}
        zeros = [ZERO] * (len(funds) + 1)
        return [(name, amounts.get(name, zeros)) for name in names] + [(n, v) for n, v in amounts.items() if n not in names]

    @cached_property
    def general_total(self) -> Decimal | None:
        """一般公共预算支出表's 合计: its lines' (as printed), else its 基本支出 and 项目支出 columns added,
        or the 一般公共预算支出 itself where the split is not known (never lines that are a part: functions_short)."""
        if self.totals.has_function_rows and not self.totals.functions_short and not any(
                r.other for r in self.budget.function_rows if r.fund == "一般公共预算"):
            return self.fund_total("一般公共预算")
        if self.general_basic is None or self.general_project is None:
            return self.general_budget
        return self.general_basic + self.general_project

    def function_totals(self) -> dict[str, Decimal]:
        return {node.code: node.total for top in self.function_tree("一般公共预算") for node in top.walk()}





def _used_lines(rows: list[FunctionRow], fund: str, have: set[str]) -> list[ComparedLine]:
    """The function lines of ``fund`` the text describes for their 用途 alone (not among the lines it ``have``)."""
    return [ComparedLine(r.code, r.name, r.total, None, "", use=r.use) for r in rows
            if r.fund == fund and r.use and r.code not in have]


def _first_names(groups: Iterable[list[Node]]) -> dict[str, str]:
    """Each code's name, as the first group giving the code names it."""
    names: dict[str, str] = {}
    for group in groups:
        for node in group:
            names.setdefault(node.code, node.name)
    return names


def _own_of_lines(lines: dict[str, dict[str, Decimal] | None], code: str | None) -> dict[str, Decimal] | None:
    """The own income by source of the 单位资金 lines under ``code`` (None: all of them), summed; None where one of them
    is not split (or none is given)."""
    under = [split for line, split in lines.items() if code is None or line.startswith(code)]
    if not under or any(split is None for split in under):
        return None
    sums: dict[str, Decimal] = {}
    for split in under:
        for source, amount in split.items():  # type: ignore[union-attr]
            sums[source] = sums.get(source, ZERO) + amount
    return sums


def _to_source(amounts: dict[str, Decimal | None], fund: str, source: str | None, value: Decimal, own: list[str]) -> None:
    """A fund's amount added to the income source it is: its own source; 单位资金 to the department's own income where
    it has one such source; else the sources it may be left unknown (None), never a split the source does not give."""
    if source is not None:
        amounts[source] = (amounts[source] or ZERO) + value
    elif value and fund == UNSPLIT_FUND:
        amounts.update(dict.fromkeys(["财政专户管理资金", *own], None))
    elif value and len(own) == 1:
        amounts[own[0]] = (amounts[own[0]] or ZERO) + value
    elif value:
        amounts.update(dict.fromkeys(own or [INCOME_SOURCES[-1]], None))


def lines_total(lines: Sequence[TableLine]) -> dict[str, Decimal | None]:
    """The 合计 row of a table printed from its lines (表行), by column: the finest lines added (None where none states
    the column)."""
    finest = finest_lines(lines)
    columns = dict.fromkeys(["合计", *(key for line in finest for key in line.amounts)])
    return {column: sum_known_of(line.column(column) for line in finest) for column in columns}


def sum_known_of(values: Iterable[Decimal | None]) -> Decimal | None:
    """The figures known added; None where none is."""
    known = [value for value in values if value is not None]
    return sum(known, ZERO) if known else None


def _tops_line(tops: list[Node]) -> dict[str, Decimal | None]:
    """A function table's 合计 row as its 类 make it, by column."""
    kinds = {kind: sum_known(t.basic_kind(kind) for t in tops if t.basic) for kind in KINDS}
    return {"合计": tops_sum(tops) if tops else None, "基本支出": sum_known(t.basic for t in tops), **kinds,
            "项目支出": sum_known(t.project for t in tops)}


def _parts_under(budget: Budget, table: str, key: str) -> int:
    """How many printed figures make a line of a function table: the rows under it (of the table's funds), or the
    finest lines of a table printed from its lines (表行) under its 合计."""
    if key == "合计" and table != role("income") and (lines := budget.table_lines.get(table)):
        return len(finest_lines(lines))
    funds = _funds_of(PRINTED_TABLES[table])
    return sum(1 for r in budget.function_rows
               if (funds is None or r.fund in funds) and (key == "合计" or r.code.startswith(key)))


def _funds_of(money: str | None) -> tuple[str, ...] | None:
    """The funds of the rows a printed line is made of: every fund (None), 财政拨款's three, or one."""
    return None if money is None else FISCAL_FUNDS if money == FISCAL_KEY else (money,)
