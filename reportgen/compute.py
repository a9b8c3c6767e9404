"""Totals, hierarchies, shares and changes: pure functions of a Budget, Decimal throughout.

Totals always come from the finest parts the source gives, in exact 元; rounding happens only
when a figure is shown (phrasing.py), never before a sum.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal
from functools import cached_property
from pathlib import Path
from typing import Any

from reportgen import codes
from reportgen.model import (
    FISCAL_SOURCES,
    FUNDS,
    INCOME_SOURCES,
    THREE_PUBLIC_PARTS,
    VEHICLES,
    Budget,
    EconomicRow,
    Execution,
    FunctionRow,
    Prior,
    ProjectClass,
    StatedChange,
)
from reportgen.records import Record

ZERO = Decimal(0)
# The totals of 上年 (its keys), in the order a text compares them.
TOTAL_KEYS = ("收支总计", "基本支出", "项目支出", "人员经费", "公用经费", "财政拨款", "一般公共预算", "政府性基金",
              "国有资本经营", "一般公共预算基本支出", "一般公共预算项目支出", "上年结转", "使用非财政拨款结余")
HUNDRED = Decimal(100)
TEN_THOUSAND = Decimal(10000)
CENT = Decimal("0.01")
PERSONNEL_CLASSES = ("301", "303")  # 人员经费 = 工资福利支出 + 对个人和家庭的补助
PUBLIC_CLASSES = ("302", "310")  # 公用经费 = 商品和服务支出 + 基本支出中的资本性支出
PERSONNEL, PUBLIC = "人员经费", "公用经费"


class Disputed(Decimal):
    """A total computed from its parts that a figure of the source contradicts (the error a check
    reports): the render refuses it, and a draft prints it marked where it stands (phrasing.Money)
    — a draft may be incomplete, never silently wrong. ``other`` is the contradicting figure,
    ``what`` its name, ``stated`` whether the source typed it (else it is another computed total)."""

    other: Decimal
    what: str
    stated: bool

    def __new__(cls, value: Decimal, other: Decimal, what: str, stated: bool = True) -> Disputed:
        made = super().__new__(cls, value)
        made.other, made.what, made.stated = other, what, stated
        return made

    def __reduce__(self) -> tuple[Any, ...]:  # pickled to a batch's workers with what it disputes
        return (Disputed, (Decimal(self), self.other, self.what, self.stated))


def disputed(value: Decimal | None, other: Decimal | None, what: str, stated: bool = True) -> Decimal | None:
    """``value`` marked Disputed where ``other`` is known and differs from it."""
    if value is None or other is None or value == other:
        return value
    return Disputed(value, other, what, stated)


def code_name(budget: Budget, kind: str, code: str) -> str | None:
    """The name ``budget`` prints for a code (kind 功能分类, 经济分类 or 政府经济分类): its own
    (code_names), else its 科目表's, else the registry's for the year; None when none knows it."""
    if (kind, code) in budget.code_names:
        return budget.code_names[(kind, code)]
    entry = codes.lookup(kind, code, budget.year, budget.code_table)
    return entry.name if entry is not None else None


def economic_kind(code: str) -> str | None:
    """Whether an economic code (类 or 款) of 基本支出 counts as 人员经费 or 公用经费; None for a
    class that is neither (309 基本建设, 307 债务利息, 399 …): the one place that decides it."""
    if code[:3] in PERSONNEL_CLASSES:
        return PERSONNEL
    if code[:3] in PUBLIC_CLASSES:
        return PUBLIC
    return None


def difference(current: Decimal | None, prior: Decimal | None) -> Decimal | None:
    """本年 − 上年, where both are known."""
    return None if current is None or prior is None else current - prior


def sum_known(values: Iterable[Decimal | None]) -> Decimal | None:
    """The sum, or None when any part is unknown (a total of partly stated figures is no total)."""
    total = ZERO
    for value in values:
        if value is None:
            return None
        total += value
    return total


HALF_DIGIT = Decimal(50)  # half of 0.01 万元, in 元


def allowance(budget: Budget, parts: int, *figures: Decimal | None) -> Decimal:
    """How far a figure of ``budget`` may stand from the sum of ``parts`` others by the printing's
    rounding alone: half its 金额精度 per figure where the source says its figures were printed rounded
    (an import of whole-元 tables), else as rounding_allowance says for its 金额单位."""
    return step_allowance(budget, parts, *figures) or rounding_allowance(budget.source_unit, parts, *figures)


def step_allowance(budget: Budget, parts: int, *figures: Decimal | None) -> Decimal:
    """Half the source's 金额精度 for a total and each of its ``parts``, where it says its figures were
    printed rounded to it (and ``figures`` are printed at it); 0 for a source that says nothing."""
    step = budget.printed_step
    if step and parts >= 1 and not any(f is not None and f % step for f in figures):
        return step / 2 * (parts + 1)
    return ZERO


def rounding_allowance(source_unit: str, parts: int, *figures: Decimal | None) -> Decimal:
    """How far, in 元, a figure a 万元 source states may stand from the sum of ``parts`` (two or
    more) other figures it states, each rounded to 0.01 万元 on its own as a published table prints
    them (half a 0.01 万元 apiece: the table's 尾数误差). None for one part (rounding keeps order), for
    a source in 元 (exact figures agree exactly), or where one of ``figures`` is finer than 0.01 万元
    (a figure not rounded to the published digit)."""
    if source_unit != "万元" or parts < 2 or any(f is not None and f % 100 for f in figures):
        return ZERO
    return HALF_DIGIT * parts


def rounding_gap(total: Decimal, parts: Iterable[Decimal], shown: Callable[[Decimal], Decimal]) -> bool:
    """True when the parts as shown do not add up to the total as shown (the 尾数误差 a table then
    notes). Totals are never made from rounded parts; this only tells whether a reader would see it."""
    return sum((shown(p) for p in parts), ZERO) != shown(total)


def tree_rounding_gap(nodes: list[Node], total: Decimal, value: Callable[[Node], Decimal],
                      shown: Callable[[Decimal], Decimal]) -> bool:
    """rounding_gap for a classification tree: its top nodes against the total, and every node
    against its children (a node its children do not add up to, having a part of its own that
    is not listed (未列全), shows no sum to check)."""
    if rounding_gap(total, (value(n) for n in nodes), shown):
        return True
    return any(node.children and sum((value(c) for c in node.children), ZERO) == value(node)
               and rounding_gap(value(node), (value(c) for c in node.children), shown)
               for top in nodes for node in top.walk())


@dataclass(repr=False, eq=False)
class Node(Record):
    """One line of a classification hierarchy (类/款/项 or 类/款) with its sums."""

    code: str
    name: str
    level: str
    basic_part: Decimal = ZERO  # the 基本支出 of the rows below whose split is given
    project_part: Decimal = ZERO
    prior: Decimal | None = None
    children: list[Node] = field(default_factory=list)
    # the 合计 of the rows below whose 基本/项目 split the source does not give (None: all are given)
    unsplit: Decimal | None = None
    # 部门决算: what the rows below spend beside 基本/项目支出, by kind (FINAL_SPENDING_KINDS)
    other: dict[str, Decimal] = field(default_factory=dict)

    @property
    def basic(self) -> Decimal | None:
        """基本支出, known when every row below gives its split."""
        return self.basic_part if self.unsplit is None else None

    @property
    def project(self) -> Decimal | None:
        return self.project_part if self.unsplit is None else None

    @property
    def total(self) -> Decimal:
        return self.basic_part + self.project_part + (self.unsplit or ZERO) + sum(self.other.values(), ZERO)

    def add(self, row: FunctionRow) -> None:
        """A function row's amounts into this node's sums."""
        if row.basic is None or row.project is None:
            self.unsplit = (self.unsplit or ZERO) + row.total
        else:
            self.basic_part += row.basic
            self.project_part += row.project
            for kind, amount in row.other.items():
                self.other[kind] = self.other.get(kind, ZERO) + amount

    @property
    def difference(self) -> Decimal | None:
        """合计 − 上年, where the prior year is known."""
        return difference(self.total, self.prior)

    def walk(self) -> Iterator[Node]:
        yield self
        for child in self.children:
            yield from child.walk()


@dataclass(frozen=True, repr=False, eq=False)
class Change(Record):
    """A year-over-year change, already decided as the wording needs it.

    kind: ``up`` / ``down`` / ``flat`` (zero after rounding) / ``new`` (prior zero, no rate).
    ``amount`` is the absolute difference in 元; ``rate`` the rounded percentage or None.
    """

    kind: str
    amount: Decimal
    rate: Decimal | None


_QUANTA = tuple(Decimal(1).scaleb(-places) for places in range(9))  # 1, 0.1, 0.01, …: made once


def quantize_half_up(value: Decimal, places: int = 2) -> Decimal:
    """四舍五入 to ``places`` decimals; a rounded zero is always +0 (never -0.00)."""
    quantum = _QUANTA[places] if 0 <= places < len(_QUANTA) else Decimal(1).scaleb(-places)
    result = value.quantize(quantum, rounding=ROUND_HALF_UP)
    return result if result else abs(result)


def share(part: Decimal, whole: Decimal) -> Decimal | None:
    """Share of ``part`` in ``whole`` in percent, 2 decimals half up; None when whole is zero."""
    if not whole:
        return None
    return quantize_half_up(part * HUNDRED / whole)


def truncated(value: Decimal, places: int) -> Decimal:
    """``value`` cut (not rounded) to ``places`` decimals: the slip of a calculator's display."""
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_DOWN)


def exact_percent(part: Decimal, whole: Decimal) -> Decimal | None:
    """part / whole in percent, unrounded (a reviewer rounds it at the precision the draft printed)."""
    return part * HUNDRED / whole if whole else None


def in_unit(amount: Decimal, unit: str) -> Decimal:
    """An amount in 元 expressed in ``unit`` (元 or 万元), exactly."""
    return amount / TEN_THOUSAND if unit == "万元" else amount


def growth_rate(current: Decimal | None, prior: Decimal | None) -> Decimal | None:
    """(current − prior) / prior in percent, signed, 2 decimals half up (a 增减率 column); None
    when either is unknown or prior is zero."""
    if current is None or not prior:
        return None
    return quantize_half_up((current - prior) * HUNDRED / prior)


def change(current: Decimal, prior: Decimal | None, display_quantum: Decimal) -> Change | None:
    """Compare with the prior year. ``display_quantum`` is the smallest shown amount in 元
    (0.01 万元 = 100 元): a difference that rounds to zero there is 持平."""
    if prior is None:
        return None
    difference = current - prior
    shown = (difference / display_quantum).quantize(Decimal(1), rounding=ROUND_HALF_UP)
    if shown == 0:
        return Change("flat", ZERO, None)
    if prior == 0:
        return Change("new", abs(difference), None)
    rate = quantize_half_up(abs(difference) * HUNDRED / prior)
    return Change("up" if difference > 0 else "down", abs(difference), rate)


@dataclass(frozen=True, repr=False, eq=False)
class ComparedLine(Record):
    """A function classification line the narrative compares with the prior year, with its reason."""

    code: str
    name: str
    total: Decimal
    prior: Decimal | None
    reason: str
    actual: Decimal | None = None  # 上年执行数
    use: str = ""  # 用途, as the source words it


class Computed:
    """Everything computed from one Budget; built once per render and shared by text and tables."""

    def __init__(self, budget: Budget) -> None:
        self.budget = budget

    @cached_property
    def actual(self) -> Computed:
        """The same figures with 上年执行数 in the place of 上年预算 (see actual_view): every
        comparison made for the budget, made again for the execution by the same code. Its
        prior figures are all None when the source gives no 上年执行数."""
        return Computed(actual_view(self.budget))

    # -- income ----------------------------------------------------------------------------
    def income_of(self, source: str) -> Decimal | None:
        """One source of 收入 (or 上年结转); None where the document does not publish it."""
        b = self.budget
        if source in b.income_unknown:
            return None
        return b.carried_over if source == "上年结转" else b.income[source]

    @cached_property
    def carried_over(self) -> Decimal | None:
        """上年结转, where known."""
        return self.income_of("上年结转")

    @cached_property
    def income_total(self) -> Decimal | None:
        """本年收入合计: its sources', else 收入总计 less 上年结转 and 使用结余 where those are
        known; else None (never the sum of some sources taken for all)."""
        others = sum_known(self.income_of(s) for s in INCOME_SOURCES if s not in FISCAL_SOURCES)
        if others is not None and self.fiscal_income is not None:  # (财政拨款收入 perhaps in one figure)
            return self.fiscal_income + others
        grand = self.budget.stated_income_grand_total
        if grand is None or self.carried_over is None:
            return None
        return grand - self.carried_over - self.budget.reserves_used

    @cached_property
    def income_grand_total(self) -> Decimal | None:
        """收入总计 = 本年收入合计 + 上年结转 + 使用非财政拨款结余; as stated where a part is not known.
        Disputed where it is not 支出总计 (R-收支平衡)."""
        grand = self._income_grand_total
        spent = self.expenditure_grand_total
        return disputed(grand, None if spent is None else Decimal(spent), "支出总计", stated=False)

    @cached_property
    def _income_grand_total(self) -> Decimal | None:
        if self.income_total is not None and self.carried_over is not None:
            return self.income_total + self.carried_over + self.budget.reserves_used
        return self.budget.stated_income_grand_total

    @cached_property
    def income_known_part(self) -> Decimal:
        """What 收入总计 is at least where some of 收入 is not published: the sources written (财政拨款
        收入 as one figure where its kinds are not all given), 上年结转 where known, and 使用结余."""
        kinds = sum((v for v in (self.income_of(s) for s in FISCAL_SOURCES) if v is not None), ZERO)
        fiscal = max(kinds, self.budget.stated_fiscal_income or ZERO)
        others = (self.income_of(s) for s in INCOME_SOURCES if s not in FISCAL_SOURCES)
        return fiscal + sum((v for v in others if v is not None), ZERO) + (self.carried_over or ZERO) \
            + self.budget.reserves_used

    @cached_property
    def fiscal_income(self) -> Decimal | None:
        """财政拨款收入: its three kinds', else as stated in one figure (收入.财政拨款收入)."""
        known = sum_known(self.income_of(s) for s in FISCAL_SOURCES)
        return known if known is not None else self.budget.stated_fiscal_income

    # -- expenditure -----------------------------------------------------------------------
    @property
    def has_function_rows(self) -> bool:
        return bool(self.budget.function_rows)

    @property
    def functions_cover_all(self) -> bool:
        """Whether the function rows itemise all the spending (not 一般公共预算's alone: 功能分类口径)."""
        return self.has_function_rows and not self.budget.function_scope

    @property
    def has_economic_rows(self) -> bool:
        return bool(self.budget.economic_rows)

    @cached_property
    def basic_from_functions(self) -> Decimal | None:
        """The function rows' 基本支出: None without rows, or where a row gives its 合计 alone."""
        return sum_known(r.basic for r in self.budget.function_rows) if self.functions_cover_all else None

    @cached_property
    def project_from_functions(self) -> Decimal | None:
        return sum_known(r.project for r in self.budget.function_rows) if self.functions_cover_all else None

    @cached_property
    def total_from_functions(self) -> Decimal | None:
        """The function rows' 合计, known with or without their split."""
        return sum((r.total for r in self.budget.function_rows), ZERO) if self.functions_cover_all else None

    @cached_property
    def unsplit_functions(self) -> list[FunctionRow]:
        """The function rows whose 基本/项目 split the source does not give (their 合计 alone)."""
        return [r for r in self.budget.function_rows if not r.split_known]

    @cached_property
    def basic_from_economic(self) -> Decimal | None:
        rows = self.budget.economic_rows
        return sum((r.amount for r in rows), ZERO) if rows else None

    @cached_property
    def basic_from_stated_split(self) -> Decimal | None:
        b = self.budget
        if b.stated_personnel is None or b.stated_public is None:
            return None
        return b.stated_personnel + b.stated_public

    @cached_property
    def projects_total(self) -> Decimal | None:
        return sum((p.amount for p in self.budget.projects), ZERO) if self.budget.projects else None

    @cached_property
    def basic(self) -> Decimal | None:
        """基本支出, from the finest level the source gives."""
        for value in (self.basic_from_functions, self.basic_from_economic, self.basic_from_stated_split,
                      self.budget.stated_basic):
            if value is not None:
                return value
        return None

    @cached_property
    def project(self) -> Decimal | None:
        """项目支出, from function rows, else from the project list."""
        if self.project_from_functions is not None:
            return self.project_from_functions
        if self.budget.stated_project is not None:  # a total beside a list of some projects, or alone
            return self.budget.stated_project
        return self.projects_total

    @cached_property
    def expenditure_total(self) -> Decimal | None:
        """支出合计: the function rows' (whether or not they give their split), else 基本支出 +
        项目支出; None while neither is known (never 0.00 for it)."""
        stated = self.budget.stated_expenditure
        if self.total_from_functions is not None:
            return disputed(self.total_from_functions, stated, "支出合计")
        if self.basic is None or self.project is None:
            return stated  # 支出.合计 as stated, where the split is not known
        return disputed(self.basic + self.project, stated, "支出合计")

    @cached_property
    def general_total(self) -> Decimal:
        """一般公共预算支出表's 合计: its 基本支出 and 项目支出 columns added, or the 一般公共预算
        支出 itself where the split is not known."""
        if self.general_basic is None or self.general_project is None:
            return self.general_budget
        return self.general_basic + self.general_project

    @cached_property
    def expenditure_grand_total(self) -> Decimal | None:
        """支出总计 = 支出合计 + 结转下年 (None while 支出合计 is not known)."""
        if self.expenditure_total is None:
            return None
        rest = self.budget.carry_forward + self.budget.surplus_distributed
        total = self.expenditure_total + rest
        if isinstance(self.expenditure_total, Disputed):  # 支出合计 itself is contradicted by the one typed
            return Disputed(total, self.expenditure_total.other + rest, "支出总计（按填报的支出合计）")
        if self._income_grand_total is None and self.known_income_exceeds(total):
            return Disputed(total, self.income_known_part, "写出的各项收入之和", stated=False)
        return disputed(total, self._income_grand_total, "收入总计", stated=False)

    def known_income_exceeds(self, spent: Decimal) -> bool:
        """Whether the income written, where 收入 is published in part, is already more than ``spent``
        (支出总计) beyond a 万元 source's rounding: 收入总计 is not less, so the two cannot balance."""
        known = self.income_known_part
        return known > spent + allowance(self.budget, len(INCOME_SOURCES), known, spent)

    # -- classification trees --------------------------------------------------------------
    def function_tree(self, fund: str | None = None) -> list[Node]:
        """类 → 款 → 项 nodes with sums, for all money or one 资金性质.

        Built once per fund and shared (a render asks for the same tree a dozen times, from the
        tables, the checks and the templates): callers read the nodes and never change them."""
        trees: dict[str | None, list[Node]] = self.__dict__.setdefault("_function_trees", {})
        if fund not in trees:  # all money by function: none where the rows are of one fund only (功能分类口径)
            trees[fund] = self._function_tree(fund) if fund is not None or not self.budget.function_scope else []
        return trees[fund]

    def _function_tree(self, fund: str | None) -> list[Node]:
        rows = [r for r in self.budget.function_rows if fund is None or r.fund == fund]
        top: dict[str, Node] = {}
        index: dict[str, Node] = {}
        prior = self.budget.prior.function
        for row in sorted(rows, key=lambda r: r.code):
            chain = [row.code[:length] for length in (3, 5, 7) if length <= len(row.code)]  # a coarse row ends early
            parent: Node | None = None
            for code in chain:
                node = index.get(code)
                if node is None:
                    node = index[code] = self._tree_node(code, row.name, prior.get(code))
                    if parent is None:
                        top[code] = node
                    else:
                        parent.children.append(node)
                node.add(row)
                parent = node
            if row.prior is not None and fund is not None:
                index[row.code].prior = row.prior
        if fund == "一般公共预算" or fund is None and self.general_only:  # the text's changes are of these
            self.derived_priors("功能分类", list(top.values()))
        return list(top.values())

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
        such source (else None: never a split the source does not give)."""
        own = [s for s in INCOME_SOURCES if s not in FUNDS.values() and self.budget.income[s]]
        by_fund = {fund: {n.code: n.total for top in self.function_tree(fund) for n in top.walk()} for fund in FUNDS}

        def split(code: str | None) -> dict[str, Decimal | None]:
            amounts: dict[str, Decimal | None] = dict.fromkeys(INCOME_SOURCES, ZERO)
            for fund, source in FUNDS.items():
                value = (sum((n.total for n in self.function_tree(fund)), ZERO) if code is None
                         else by_fund[fund].get(code, ZERO))
                if source is not None:
                    amounts[source] = (amounts[source] or ZERO) + value
                elif value and len(own) == 1:
                    amounts[own[0]] = (amounts[own[0]] or ZERO) + value
                elif value:
                    amounts.update(dict.fromkeys(own or [INCOME_SOURCES[-1]], None))
            return amounts

        result = {n.code: split(n.code) for top in self.function_tree() for n in top.walk()}
        result["合计"] = split(None)
        return result

    def tree_prior(self, nodes: list[Node]) -> Decimal | None:
        """The prior-year total of a tree's top nodes, when every one of them has it."""
        return sum_known(n.prior for n in nodes)

    def compared_function_lines(self) -> list[ComparedLine]:
        """一般公共预算 lines with a prior year, by code: each 项 row that has one, and each 类/款
        row the source gives a 上年 (and 原因) for."""
        nodes = {n.code: n for top in self.function_tree("一般公共预算") for n in top.walk()}
        lines = [ComparedLine(r.code, r.name, nodes[r.code].total if r.remainder else r.total, r.prior, r.reason)
                 for r in self.budget.function_rows if r.prior is not None and r.fund == "一般公共预算"]
        lines += [ComparedLine(t.code, nodes[t.code].name, nodes[t.code].total, t.prior, t.reason)
                  for t in self.budget.stated_totals
                  if t.kind == "功能分类" and t.prior is not None and t.fund == "一般公共预算" and t.code in nodes]
        return sorted(lines, key=lambda line: line.code)

    def compared_lines(self, base: str) -> list[ComparedLine]:
        """The lines the text compares with the base (预算, 执行数 or 两者), each with its 上年
        and 上年执行数: those with a 上年 for 预算, with a 上年执行数 for 执行数, either for 两者."""
        actual_lines = self.actual.compared_function_lines()
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
        have = {line.code for line in lines}
        lines += [ComparedLine(r.code, r.name, r.total, None, "", use=r.use) for r in self.budget.function_rows
                  if r.fund == fund and r.use and r.code not in have]
        return sorted(lines, key=lambda line: line.code)

    def fund_total(self, fund: str) -> Decimal:
        return sum((r.total for r in self.budget.function_rows if r.fund == fund), ZERO)

    def fund_basic(self, fund: str) -> Decimal | None:
        """A fund's 基本支出 from its function rows (None where a row gives its 合计 alone)."""
        return sum_known(r.basic for r in self.budget.function_rows if r.fund == fund)

    def fund_project(self, fund: str) -> Decimal | None:
        return sum_known(r.project for r in self.budget.function_rows if r.fund == fund)

    @cached_property
    def general_budget(self) -> Decimal:
        """一般公共预算支出: from function rows, else from its income (all the seeds publish both)."""
        if self.has_function_rows:
            return self.fund_total("一般公共预算")
        return self.budget.income["一般公共预算拨款"]

    @cached_property
    def general_only(self) -> bool:
        """Whether all the department's money is 一般公共预算拨款 (no other income, nothing carried
        over): only then is all its spending 一般公共预算 spending, and its 基本/项目 split theirs."""
        b = self.budget
        return not b.carried_over and not b.reserves_used and not b.income_unknown and all(
            not value for source, value in b.income.items() if source != "一般公共预算拨款")

    @property
    def funds_known(self) -> bool:
        """Whether each fund's spending is known: from function rows, or from each fund's income
        (not where the document gives 财政拨款收入 in one figure, or not at all, and no rows)."""
        return self.has_function_rows or not any(s in self.budget.income_unknown for s in FISCAL_SOURCES)

    @cached_property
    def general_basic(self) -> Decimal | None:
        """一般公共预算基本支出: its function rows', else its economic rows' (the 一般公共预算基本支出
        table's), else all 基本支出 where all the money is 一般公共预算; else not known (None): a
        split by fund that the source does not give is never derived."""
        from_functions = self.fund_basic("一般公共预算") if self.has_function_rows else None
        if from_functions is not None:
            return from_functions
        if self.has_economic_rows:
            return self.basic_from_economic
        return self.basic if self.general_only else None

    @cached_property
    def general_project(self) -> Decimal | None:
        """一般公共预算项目支出: its function rows', else all 项目支出 where all the money is
        一般公共预算; else not known (None), never the remainder of a total of other funds."""
        from_functions = self.fund_project("一般公共预算") if self.has_function_rows else None
        if from_functions is not None:
            return from_functions
        return self.project if self.general_only else None

    @cached_property
    def fiscal_expenditure(self) -> dict[str, Decimal]:
        """财政拨款支出 by fund kind (一般公共预算, 政府性基金, 国有资本经营)."""
        kinds = [fund for fund, source in FUNDS.items() if source in FISCAL_SOURCES]
        if self.functions_cover_all:
            return {fund: self.fund_total(fund) for fund in kinds}
        if self.has_function_rows:  # the rows are 一般公共预算's (功能分类口径): the other funds by their income
            return {fund: self.fund_total(fund) if fund == self.budget.function_scope else self.budget.income[FUNDS[fund]]  # type: ignore[index]
                    for fund in kinds}
        return {fund: self.budget.income[FUNDS[fund]] for fund in kinds}  # type: ignore[index]

    @cached_property
    def fiscal_expenditure_total(self) -> Decimal:
        """财政拨款支出合计."""
        return sum(self.fiscal_expenditure.values(), ZERO)

    def fiscal_classes(self, funds: tuple[str, ...]) -> list[tuple[str, str, list[Decimal]]]:
        """财政拨款收支总表's right side: each function 类 (code, name) with its total and its
        amount under each of ``funds``."""
        by_fund = {fund: {n.code: n.total for n in self.function_tree(fund)} for fund in funds}
        names: dict[str, str] = {}
        for fund in funds:
            for node in self.function_tree(fund):
                names.setdefault(node.code, node.name)
        rows = []
        for code, name in sorted(names.items()):
            amounts = [by_fund[fund].get(code, ZERO) for fund in funds]
            rows.append((code, name, [sum(amounts, ZERO), *amounts]))
        return rows

    @cached_property
    def economic_tree(self) -> list[Node]:
        """部门经济分类 类 → 款 for 一般公共预算基本支出 (amounts held in ``basic``)."""
        top: dict[str, Node] = {}
        for row in sorted(self.budget.economic_rows, key=lambda r: r.code):
            class_code = row.code[:3]
            node = top.get(class_code)
            if node is None:
                name = code_name(self.budget, "经济分类", class_code)
                node = Node(class_code, name if name is not None else class_code, "类")
                node.prior = self.budget.prior.economic.get(class_code)
                top[class_code] = node
            if len(row.code) == 3:  # a class the source gives without its 款
                node.basic_part += row.amount
                continue
            child = Node(row.code, row.name, "款", basic_part=row.amount)
            child.prior = self.budget.prior.economic.get(row.code)
            node.children.append(child)
            node.basic_part += row.amount
        self.derived_priors("经济分类", list(top.values()))
        return list(top.values())

    def economic_class(self, code: str) -> Decimal:
        return sum((r.amount for r in self.budget.economic_rows if r.code.startswith(code)), ZERO)

    @staticmethod
    def personnel_public_split(code: str, amount: Decimal) -> tuple[Decimal | None, Decimal | None]:
        """An amount of an economic class or 款 in the 人员经费 and 公用经费 columns by its class:
        all in one, zero in the other; neither (None, None) for a class that is neither."""
        kind = economic_kind(code)
        if kind is None:
            return None, None
        return (amount, ZERO) if kind == PERSONNEL else (ZERO, amount)

    @staticmethod
    def row_split(row: EconomicRow, amount: Decimal | None = None) -> tuple[Decimal | None, Decimal | None]:
        """An economic row's (or a part of it, ``amount``) 人员经费 and 公用经费: as the source splits
        the row (the part not given is the rest), else by its class."""
        whole = row.amount if amount is None else amount
        if row.stated_personnel is None and row.stated_public is None:
            return Computed.personnel_public_split(row.code, whole)
        personnel = row.stated_personnel if row.stated_personnel is not None else row.amount - (row.stated_public or ZERO)
        public = row.stated_public if row.stated_public is not None else row.amount - personnel
        if amount is None or not row.amount:
            return personnel, public
        return personnel * amount / row.amount, public * amount / row.amount  # a 政府经济分类 part, in proportion

    def class_split(self, code: str) -> tuple[Decimal | None, Decimal | None]:
        """An economic class's 人员经费 and 公用经费: the sum of its rows' splits."""
        rows = [r for r in self.budget.economic_rows if r.code.startswith(code)]
        if not any(r.stated_personnel is not None or r.stated_public is not None for r in rows):
            return self.personnel_public_split(code, sum((r.amount for r in rows), ZERO))
        splits = [self.row_split(r) for r in rows]
        personnel, public = sum_known(p for p, _ in splits), sum_known(q for _, q in splits)
        return (personnel, public) if personnel is not None and public is not None else (None, None)

    @cached_property
    def unclassified_basic(self) -> list[tuple[str, Decimal]]:
        """Economic classes in 基本支出 that are neither 人员经费 nor 公用经费 (and that the source does
        not split), with their amounts."""
        return [(n.code, n.basic_part) for n in self.economic_tree if self.class_split(n.code)[0] is None]

    @cached_property
    def personnel(self) -> Decimal | None:
        """人员经费 = 301 + 303 of 基本支出 (or as the source splits its rows)."""
        if self.has_economic_rows:
            return sum((self.row_split(r)[0] or ZERO for r in self.budget.economic_rows), ZERO)
        return self.budget.stated_personnel

    @cached_property
    def public(self) -> Decimal | None:
        """公用经费 = 302 + 基本支出 part of 310 (or as the source splits its rows)."""
        if self.has_economic_rows:
            return sum((self.row_split(r)[1] or ZERO for r in self.budget.economic_rows), ZERO)
        return self.budget.stated_public

    # -- 三公, procurement -----------------------------------------------------------------
    def three_public_part(self, name: str, prior: bool = False) -> Decimal | None:
        """One “三公” part, this year's or last year's; None where the source leaves it unknown."""
        t = self.budget.three_public
        if not t.known(name):
            return None
        return t.parts[name].prior if prior else t.parts[name].current

    @cached_property
    def three_public_parts_total(self) -> Decimal | None:
        """因公出国（境）费 + 公务接待费 + 公务用车购置及运行维护费, where all three are known."""
        return sum_known((self.three_public_part(THREE_PUBLIC_PARTS[0]), self.three_public_part(THREE_PUBLIC_PARTS[1]),
                          self.vehicles_total))

    @cached_property
    def three_public_total(self) -> Decimal | None:
        """The “三公” total: its parts', else the 合计 the source states (a part unknown); else None."""
        if self.three_public_parts_total is not None:
            return self.three_public_parts_total
        stated = self.budget.three_public.stated_total
        return stated.current if stated is not None else None

    @cached_property
    def three_public_prior(self) -> Decimal | None:
        """The parts' prior year; where a part's is not given, the 合计's own 上年 if stated."""
        total = sum_known((self.three_public_part(THREE_PUBLIC_PARTS[0], True),
                           self.three_public_part(THREE_PUBLIC_PARTS[1], True), self.vehicles_prior))
        if total is None:
            stated = self.budget.three_public.stated_total
            return stated.prior if stated is not None else None
        return total

    @cached_property
    def vehicles_total(self) -> Decimal | None:
        """公务用车购置及运行维护费: as the source states it in one figure, else its two parts added."""
        vehicles = self.budget.three_public.vehicles
        if vehicles is not None:
            return vehicles.current
        return sum_known((self.three_public_part("公务用车购置费"), self.three_public_part("公务用车运行维护费")))

    @cached_property
    def vehicles_prior(self) -> Decimal | None:
        vehicles = self.budget.three_public.vehicles
        if vehicles is not None:
            return vehicles.prior
        return sum_known((self.three_public_part("公务用车购置费", True), self.three_public_part("公务用车运行维护费", True)))

    def three_public_gap(self, shown: Callable[[Decimal], Decimal]) -> bool:
        """Whether the “三公” parts, as a table shows them, fail to add up to its total (尾数误差);
        never where a part is not known (nothing shown to add up)."""
        parts = [self.three_public_part(name) for name in THREE_PUBLIC_PARTS]
        if self.three_public_total is None or any(part is None for part in parts):
            return False
        return rounding_gap(self.three_public_total, (part or ZERO for part in parts), shown)

    def three_public_columns(self, prior: bool = False) -> list[Decimal | None]:
        """“三公”经费 as its table shows it: 合计, 因公出国（境）费, 公务接待费, 公务用车 小计, 购置费,
        运行维护费 — this year's, or the prior year's (None where not known)."""
        total = self.three_public_prior if prior else self.three_public_total
        vehicles = self.vehicles_prior if prior else self.vehicles_total
        return [total, self.three_public_part(THREE_PUBLIC_PARTS[0], prior), self.three_public_part(THREE_PUBLIC_PARTS[1], prior),
                vehicles, self.three_public_part(THREE_PUBLIC_PARTS[2], prior),
                self.three_public_part(THREE_PUBLIC_PARTS[3], prior)]

    def three_public_changes(self) -> list[Decimal | None]:
        return [difference(c, p) for c, p in zip(self.three_public_columns(), self.three_public_columns(prior=True),
                                                 strict=True)]

    @cached_property
    def projects_sum(self) -> Decimal:
        """The project list's total (zero for none)."""
        return self.projects_total or ZERO

    @cached_property
    def projects_prior_total(self) -> Decimal | None:
        """The project list's prior-year total, when every project states its prior year."""
        return sum_known(p.prior for p in self.budget.projects)

    @cached_property
    def procurement_total(self) -> Decimal | None:
        p = self.budget.procurement
        return None if p is None else p.goods + p.works + p.services

    # -- 部门决算 ----------------------------------------------------------------------------
    def fund_budget(self, fund: str = "一般公共预算") -> Execution | None:
        """A fund's 预算数 (年初预算, 全年预算, reason): as the source states it under 预算数, else
        the sum of its rows' where every row of the fund states that measure; None where neither."""
        stated = self.budget.fund_budgets.get(fund)
        if stated is not None:
            return stated
        rows = [r for r in self.budget.function_rows if r.fund == fund]
        budgets = [r.budget for r in rows if r.budget is not None]
        if not rows or len(budgets) != len(rows):
            return None
        initial = sum_known(e.initial for e in budgets)
        full = sum_known(e.full for e in budgets)
        return Execution(initial, full) if initial is not None or full is not None else None

    @staticmethod
    def completion(spent: Decimal | None, budget: Decimal | None) -> Decimal | None:
        """完成率: 决算数 ÷ 预算数 in percent, 2 decimals half up; None where either is unknown or the
        budget is 0 (a 0 budget with spending is said, never divided)."""
        if spent is None or budget is None:
            return None
        return share(spent, budget)

    def other_spending(self, kind: str) -> Decimal:
        """What the rows spend of one kind beside 基本/项目支出 (上缴上级支出, 经营支出 …)."""
        return sum((r.other.get(kind, ZERO) for r in self.budget.function_rows), ZERO)

    def fiscal_balance(self, when: str, fund: str | None = None) -> Decimal | None:
        """财政拨款结转和结余 at 年初 or 年末: of one fund, or of all three (None where the source
        states none of it: never 0.00 for what was not given)."""
        stated = self.budget.fiscal_balances.get(when, {})
        if fund is not None:
            return stated.get(fund)
        return sum(stated.values(), ZERO) if stated else None

    def three_public_budget(self, name: str | None = None) -> Decimal | None:
        """A “三公” part's 预算数 (决算), or with no name the 合计's: as stated, else its parts'."""
        t = self.budget.three_public
        if name == VEHICLES:
            if t.vehicles is not None and t.vehicles.budgeted is not None:
                return t.vehicles.budgeted
            return sum_known(t.parts[n].budgeted for n in THREE_PUBLIC_PARTS[2:])
        if name is not None:
            return t.parts[name].budgeted if t.known(name) else None
        if t.stated_total is not None and t.stated_total.budgeted is not None:
            return t.stated_total.budgeted
        return sum_known((t.parts[THREE_PUBLIC_PARTS[0]].budgeted, t.parts[THREE_PUBLIC_PARTS[1]].budgeted,
                          self.three_public_budget(VEHICLES)))

    def three_public_budget_columns(self) -> list[Decimal | None]:
        """The 预算数 of the “三公” table's columns, in three_public_columns' order."""
        return [self.three_public_budget(), self.three_public_budget(THREE_PUBLIC_PARTS[0]),
                self.three_public_budget(THREE_PUBLIC_PARTS[1]), self.three_public_budget(VEHICLES),
                self.three_public_budget(THREE_PUBLIC_PARTS[2]), self.three_public_budget(THREE_PUBLIC_PARTS[3])]

    @cached_property
    def fiscal_grand_total(self) -> Decimal | None:
        """财政拨款收入支出总计 (决算): 财政拨款收入 and the 年初财政拨款结转和结余 (none stated: none)."""
        if self.fiscal_income is None:
            return None
        return self.fiscal_income + (self.fiscal_balance("年初") or ZERO)

    def final_prior(self, key: str, current: Decimal | None) -> Decimal | None:
        """Last year's 决算数 of a total (上年.{key}): as stated, else ``current`` less the change the
        source states alone (上年: {收支总计: {增减额: …}}); None where neither."""
        prior = self.budget.prior
        if key in prior.totals:
            return prior.totals[key]
        stated = prior.changes.get(("totals", key))
        if stated is None or stated.change is None or current is None:
            return None
        return current - stated.change

    # -- prior year ------------------------------------------------------------------------
    def prior_total(self, key: str) -> Decimal | None:
        """A prior-year total by its source key (收支总计, 基本支出, …), where known: as stated, or
        this year's less the change the document states alone (上年: {基本支出: {增减额: …}})."""
        prior = self.budget.prior
        if key in prior.totals:
            return prior.totals[key]
        stated = prior.changes.get(("totals", key))
        current = self.comparable_totals().get(key)
        if stated is None or stated.change is None or current is None:
            return None
        return current - stated.change

    def changes_alone(self) -> list[tuple[str, StatedChange]]:
        """The changes a note states with neither year's amount (上年: {基本支出: {增减额: …}} where
        this year's 基本支出 is not given either), in the order of the totals: printed as stated."""
        current = self.comparable_totals()
        changes = self.budget.prior.changes
        return [(key, changes[("totals", key)]) for key in TOTAL_KEYS
                if ("totals", key) in changes and key not in current]

    def derived_priors(self, kind: str, nodes: list[Node]) -> None:
        """Fill in the prior year of the nodes whose document states only the change (上年.功能分类 /
        上年.经济分类: {科目: {增减额: …}}): this year's amount less the change."""
        changes = {key: c for (k, key), c in self.budget.prior.changes.items() if k == kind and c.change is not None}
        if not changes:
            return
        for top in nodes:
            for node in top.walk():
                change = changes.get(node.code)
                if node.prior is None and change is not None and change.change is not None:
                    node.prior = node.total - change.change

    def comparable_totals(self) -> dict[str, Decimal]:
        """This year's totals under the keys a next year's source uses for its prior year."""
        values = {
            "一般公共预算": self.general_budget,
            "政府性基金": self.fiscal_expenditure["政府性基金"],
            "国有资本经营": self.fiscal_expenditure["国有资本经营"],
        }
        if self.budget.carried_over or self.budget.reserves_used:  # (none: a source that names neither)
            values.update({"上年结转": self.budget.carried_over, "使用非财政拨款结余": self.budget.reserves_used})
        for key, value in (
            ("收支总计", self.income_grand_total),
            ("财政拨款", self.fiscal_income),
            ("一般公共预算基本支出", self.general_basic),
            ("一般公共预算项目支出", self.general_project),
            ("基本支出", self.basic),
            ("项目支出", self.project),
            ("人员经费", self.personnel),
            ("公用经费", self.public),
        ):
            if value is not None:
                values[key] = value
        return values

    def function_totals(self) -> dict[str, Decimal]:
        return {node.code: node.total for top in self.function_tree("一般公共预算") for node in top.walk()}

    def economic_totals(self) -> dict[str, Decimal]:
        return {node.code: node.basic_part for top in self.economic_tree for node in top.walk()}

    # -- several units, performance targets --------------------------------------------------
    @cached_property
    def unit_figures(self) -> list[Computed]:
        """Each budget unit's own figures (empty for a department of one unit)."""
        return [Computed(unit) for unit in self.budget.units]

    @cached_property
    def target_projects_total(self) -> Decimal | None:
        """Money covered by the project performance targets (项目绩效目标表)."""
        targets = self.budget.targets
        if targets is None or not targets.projects:
            return None
        return sum((p.amount for p in targets.projects), ZERO)

    @cached_property
    def managed_project_count(self) -> int | None:
        """纳入绩效目标管理的项目数: as the source states it, else the projects with target tables."""
        stated = self.budget.performance.project_count if self.budget.performance is not None else None
        if stated is not None:
            return stated
        targets = self.budget.targets
        return len(targets.projects) if targets is not None and targets.projects else None

    @cached_property
    def managed_amount(self) -> Decimal | None:
        """The money those projects cover: as stated, else the project target tables' total."""
        stated = self.budget.performance.amount if self.budget.performance is not None else None
        return stated if stated is not None else self.target_projects_total

    @cached_property
    def target_projects_fiscal(self) -> Decimal | None:
        """The 财政资金 part of it, when every project states it."""
        targets = self.budget.targets
        if targets is None or not targets.projects or any(p.fiscal is None for p in targets.projects):
            return None
        return sum((p.fiscal or ZERO for p in targets.projects), ZERO)


# -- a department of several units ---------------------------------------------------------------
def _joined(texts: list[str]) -> str:
    """Distinct non-empty texts in order, joined as one phrase."""
    return "；".join(dict.fromkeys(t for t in texts if t))


def consolidate(units: list[Budget], department_file: Path) -> dict[str, Any]:
    """A department's figures as the sum of its units' (assemble.load_source makes a department of
    several units from them): function rows summed per (code, fund), economic rows per code,
    projects concatenated, reasons and notes joined. Lines point into the department's file only."""
    return {
        **_summed_money(units),
        # one unit's rows of 一般公共预算 alone make the department's so (the all-money rows are not whole)
        "function_scope": next((u.function_scope for u in units if u.function_scope), ""),
        "project_classes": _summed_project_classes(units),
        "income_unknown": frozenset().union(*(u.income_unknown for u in units)),
        "function_rows": _summed_function_rows(units, department_file),
        "economic_rows": _summed_economic_rows(units, department_file),
        **_summed_stated(units),
        "personnel_note": _joined([u.personnel_note for u in units]),
        "public_note": _joined([u.public_note for u in units]),
        "projects": [p for u in units for p in u.projects],
    }


def _summed_money(units: list[Budget]) -> dict[str, Any]:
    """The units' income by source, carry-over, reserves used and carry-forward, summed."""
    return {
        "income": {name: sum((u.income[name] for u in units), ZERO) for name in INCOME_SOURCES},
        "carried_over": sum((u.carried_over for u in units), ZERO),
        "reserves_used": sum((u.reserves_used for u in units), ZERO),
        "carry_forward": sum((u.carry_forward for u in units), ZERO),
    }


def _summed_stated(units: list[Budget]) -> dict[str, Decimal | None]:
    """The totals the units state, summed: each where some unit states it (of those known), and the
    人员经费 and 公用经费 of those known."""

    def stated(values: list[Decimal | None]) -> Decimal | None:
        return sum_known(values) if any(v is not None for v in values) else None

    return {
        "stated_fiscal_income": stated([u.stated_fiscal_income for u in units]),
        "stated_income_grand_total": stated([u.stated_income_grand_total for u in units]),
        "stated_personnel": sum_known([u.stated_personnel for u in units]),
        "stated_public": sum_known([u.stated_public for u in units]),
        "stated_basic": stated([u.stated_basic for u in units]),
        "stated_project": stated([u.stated_project for u in units]),
        "stated_expenditure": stated([u.stated_expenditure for u in units]),
    }


def _summed_project_classes(units: list[Budget]) -> list[ProjectClass]:
    """The units' 项目支出 by economic class, summed per code (a prior only where every unit with
    the code states it); none unless every unit gives them (a part of the units' is no split)."""
    if not units or not all(u.project_classes for u in units):
        return []
    summed: dict[str, ProjectClass] = {}
    for unit in units:
        for line in unit.project_classes:
            have = summed.get(line.code)
            summed[line.code] = line if have is None else replace(
                have, amount=have.amount + line.amount, prior=sum_known((have.prior, line.prior)), line=0,
                stated_change=None, stated_rate=None)
    return sorted(summed.values(), key=lambda c: c.code)


def _line_in(department_file: Path, unit: Budget, line: int) -> int:
    """A unit's line where it stands in the department's own file; 0 in a unit file of its own."""
    return line if unit.file == department_file else 0


def _summed_function_rows(units: list[Budget], department_file: Path) -> list[FunctionRow]:
    """The units' function rows summed per (code, fund); a prior or actual figure only where every
    unit with the row states it."""
    functions: dict[tuple[str, str], FunctionRow] = {}
    priors: dict[tuple[str, str], list[Decimal | None]] = {}
    actuals: dict[tuple[str, str], list[Decimal | None]] = {}
    for unit in units:
        for row in unit.function_rows:
            key = (row.code, row.fund)
            merged = functions.get(key)
            if merged is None:
                functions[key] = FunctionRow(row.code, row.name, "", row.fund, row.basic, row.project, None, row.reason,
                                             _line_in(department_file, unit, row.line), stated_total=row.total,
                                             use=row.use)
            else:  # a split is known where every unit gives it; the 合计 always
                merged.basic = sum_known((merged.basic, row.basic))
                merged.project = sum_known((merged.project, row.project))
                merged.stated_total = merged.total + row.total
                merged.reason = _joined([merged.reason, row.reason])
                merged.use = _joined([merged.use, row.use])
            priors.setdefault(key, []).append(row.prior)
            actuals.setdefault(key, []).append(row.actual)
    for key, row in functions.items():
        row.prior, row.actual = sum_known(priors[key]), sum_known(actuals[key])
    return sorted(functions.values(), key=lambda r: (r.code, r.fund))


def _summed_economic_rows(units: list[Budget], department_file: Path) -> list[EconomicRow]:
    """The units' economic rows summed per code, with their 政府经济分类 parts; a row any unit
    splits into 人员/公用经费 is split in the sum (the others by their class)."""
    economics: dict[str, EconomicRow] = {}
    for unit in units:
        for econ in unit.economic_rows:
            merged = economics.get(econ.code)
            split = econ.stated_personnel is not None or econ.stated_public is not None
            if merged is None:
                personnel, public = Computed.row_split(econ) if split else (None, None)
                economics[econ.code] = EconomicRow(econ.code, econ.name, "", econ.amount, dict(econ.government),
                                                   _line_in(department_file, unit, econ.line), personnel, public)
                continue
            if split or merged.stated_personnel is not None:  # a split in any unit: split the sum
                before, now = Computed.row_split(merged), Computed.row_split(econ)
                merged.stated_personnel = (before[0] or ZERO) + (now[0] or ZERO)
                merged.stated_public = (before[1] or ZERO) + (now[1] or ZERO)
            merged.amount += econ.amount
            for gov_code, amount in econ.government.items():
                merged.government[gov_code] = merged.government.get(gov_code, ZERO) + amount
    return sorted(economics.values(), key=lambda r: r.code)


def actual_view(budget: Budget) -> Budget:
    """The budget as if its 上年执行数 were its prior year: each prior figure replaced by the
    actual one (None where not given), and the stated 增减额/增减率 (stated against the budget)
    left out. Made for comparisons only: its 上年 figures are 执行数 and are worded as such."""
    actual = budget.actual or Prior(year=budget.prior.year)

    def swapped(item: Any) -> Any:
        if item is None:
            return None
        if hasattr(item, "stated_rate"):
            return replace(item, prior=item.actual, stated_change=None, stated_rate=None)
        return replace(item, prior=item.actual)

    three_public = budget.three_public
    return replace(
        budget,
        prior=Prior(year=actual.year, totals=actual.totals, function=actual.function, economic=actual.economic,
                    source=actual.source, stated_codes=actual.stated_codes, changes=actual.changes),
        function_rows=[swapped(r) for r in budget.function_rows],
        stated_totals=[swapped(t) for t in budget.stated_totals],
        projects=[swapped(p) for p in budget.projects],
        three_public=replace(three_public, parts={k: swapped(v) for k, v in three_public.parts.items()},
                             stated_total=swapped(three_public.stated_total), vehicles=swapped(three_public.vehicles)),
        running_costs=swapped(budget.running_costs),
        units=[actual_view(u) for u in budget.units],
        actual=None,
    )


def compute(budget: Budget) -> Computed:
    """The computed figures of a budget."""
    return Computed(budget)
