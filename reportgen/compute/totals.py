"""收入 and 支出 of one Budget: each source of income, 收入总计, 财政拨款收入, 基本支出, 项目支出,
支出合计 and 支出总计 — from the finest level the source gives, Disputed where a figure the source
states contradicts them, None while what they are made of is not known (never 0.00 for it)."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from functools import cached_property

from reportgen.compute.arithmetic import ZERO, Disputed, allowance, disputed, sum_known
from reportgen.compute.economic import EconomicFigures
from reportgen.compute.printed import as_printed, tops_sum
from reportgen.compute.projects import ProjectFigures
from reportgen.compute.trees import Node
from reportgen.docmodel.model import FISCAL_SOURCES, INCOME_SOURCES, OWN_SOURCES, Budget, FunctionRow

FUND_TABLE_FUNDS = ("一般公共预算", "政府性基金", "国有资本经营")  # the funds a fund table holds (财政拨款)


def general_only(budget: Budget) -> bool:
    """Whether all the department's money is 一般公共预算拨款 (no other income, nothing carried over): only
    then is all its spending 一般公共预算 spending, and its 基本/项目 split theirs."""
    return not budget.carried_over and not budget.reserves_used and not budget.income_unknown and all(
        not value for source, value in budget.income.items() if source != "一般公共预算拨款")


def economic_in_part(budget: Budget) -> bool:
    """Whether the 经济分类 lines (the 一般公共预算基本支出表's: 一般公共预算 money) may be a part of 基本支出, not
    the whole: the function rows are that fund's alone (功能分类口径), or there are none to tell the funds
    apart and other money is spent (北京's documents, their 项 printed by unit only: 基本支出 45,980.56 of all
    funds, its 一般公共预算基本支出表 45,537.41), or 收入 is published in part (其余未公开: 江苏's 其他资金 80.00 of
    江苏省政协办公厅, which may pay 基本支出 — 5,916.27 of all the money beside the 一般公共预算's 5,836.27)."""
    return bool(budget.function_scope) or bool(budget.income_unknown) \
        or (not budget.function_rows and not general_only(budget)) or bool(own_money_unsplit(budget))


def own_money_unsplit(budget: Budget) -> list[FunctionRow]:
    """The function rows of money no fund table holds (单位资金, 财政专户) that give their 合计 alone: what the
    department spends beyond its 财政拨款 is known by 类 but not as 基本/项目 (a document without its 支出总表,
    the 收支总表's 类 less the fund tables'), so 基本支出 is not the 一般公共预算基本支出表's lines."""
    return [r for r in budget.function_rows if r.fund not in FUND_TABLE_FUNDS and not r.split_known]


class Totals:
    """The income and spending totals."""

    def __init__(self, budget: Budget, economic: EconomicFigures, projects: ProjectFigures,
                 tree: Callable[[], list[Node]] | None = None) -> None:
        self.budget = budget
        self.economic = economic
        self.projects = projects
        self.tree = tree  # the function lines of all money, as printed (FunctionFigures.function_tree)

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

    @cached_property
    def fiscal_carried_over(self) -> Decimal | None:
        """The appropriations carried over from last year (财政拨款收支总表's 上年结转): a part of 上年结转, so none where
        that is none; else as the source states it by fund (财政拨款结转.上年结转), not known else."""
        if "上年结转" not in self.budget.income_unknown and not self.budget.carried_over:
            return ZERO
        return self._stated_carried("年初")

    def fiscal_carried(self, when: str, fund: str) -> Decimal | None:
        """A fund's appropriations carried over (年初: 上年结转) or forward (年末: 结转下年): none where all the
        appropriations' is none, else as the source states it by fund (财政拨款结转); not known else."""
        whole = self.fiscal_carried_over if when == "年初" else self.fiscal_carry_forward
        if whole == ZERO:
            return ZERO
        return None if self.budget.final else self.budget.fiscal_balances.get(when, {}).get(fund)

    def _stated_carried(self, when: str) -> Decimal | None:
        """A budget's appropriations carried over or forward as it states them by fund (财政拨款结转), added; None
        where it states none (a 决算's 财政拨款结转和结余 are its own: compute.final)."""
        stated = self.budget.fiscal_balances.get(when)
        return None if self.budget.final or not stated else sum(stated.values(), ZERO)

    @cached_property
    def carried_part(self) -> Decimal | None:
        """A part of 上年结转 (by fund: the 收入总表's 上年结转结余 columns, 长春's), none where 上年结转 is known none; not
        known else (the source gives no part of it)."""
        b = self.budget
        return ZERO if "上年结转" not in b.income_unknown and not b.carried_over else None

    @cached_property
    def own_income(self) -> Decimal | None:
        """单位资金: the unit's own income (OWN_SOURCES: 事业收入 … 其他收入), None where one of them is not known."""
        return sum_known(self.income_of(source) for source in OWN_SOURCES)

    @cached_property
    def carried_spent(self) -> Decimal | None:
        """The carry-over spent (上年结转结余: a table's columns of it by line, 长春's 支出总表 …), on any line and of any
        kind: none where the department carries none over and uses no 结余 (its 上年结转 known none); not known else
        (the source gives no line's part of it)."""
        b = self.budget
        return ZERO if "上年结转" not in b.income_unknown and not b.carried_over and not b.reserves_used else None

    @cached_property
    def fiscal_carry_forward(self) -> Decimal | None:
        """The appropriations carried forward (财政拨款收支总表's 结转下年): a part of 结转下年, none where that is none;
        else as the source states it by fund (财政拨款结转.结转下年), not known else."""
        return ZERO if not self.budget.carry_forward else self._stated_carried("年末")

    @cached_property
    def fiscal_income_grand_total(self) -> Decimal | None:
        """财政拨款收支总表's 收入总计: 财政拨款收入 and the appropriations carried over, where both are known."""
        if self.fiscal_income is None or self.fiscal_carried_over is None:
            return None
        return self.fiscal_income + self.fiscal_carried_over

    # -- expenditure -----------------------------------------------------------------------
    @cached_property
    def has_function_rows(self) -> bool:
        return bool(self.budget.function_rows)

    @cached_property
    def functions_cover_all(self) -> bool:
        """Whether the function rows itemise all the spending (not 一般公共预算's alone: 功能分类口径)."""
        return self.has_function_rows and not self.budget.function_scope

    def _tops(self) -> list[Node] | None:
        """The function 类 of all money as printed, where the rows itemise all the spending."""
        if not self.functions_cover_all:
            return None
        return self.tree() if self.tree is not None else None

    @cached_property
    def basic_from_functions(self) -> Decimal | None:
        """The function lines' 基本支出: None without rows, or where a row gives its 合计 alone."""
        return self._from_functions("basic")

    @cached_property
    def project_from_functions(self) -> Decimal | None:
        return self._from_functions("project")

    def _from_functions(self, part: str) -> Decimal | None:
        """The function lines' ``part`` (basic or project): their 类 as printed where the source states
        them, else the sum of the rows; None where the rows do not itemise all the spending."""
        if not self.functions_cover_all:
            return None
        tops = self._tops()
        rows = self.budget.function_rows if tops is None else tops
        return sum_known(getattr(row, part) for row in rows)

    @cached_property
    def total_from_functions(self) -> Decimal | None:
        """The function lines' 合计 (as printed), known with or without their split."""
        if not self.functions_cover_all:
            return None
        tops = self._tops()
        return tops_sum(tops) if tops is not None else sum((r.total for r in self.budget.function_rows), ZERO)

    def printed_parts(self) -> int:
        """How many printed figures 支出合计 and its split are summed from: the 类 of all money."""
        tops = self._tops()
        return len(tops) if tops is not None else len(self.budget.function_rows)

    @cached_property
    def printed_expenditure(self) -> Decimal | None:
        """支出合计 as the source states it, where it stands within 尾数 of the function lines' (else None)."""
        return as_printed(self.budget, self.budget.stated_expenditure, self.total_from_functions, self.printed_parts())

    @cached_property
    def printed_basic(self) -> Decimal | None:
        """基本支出 as stated (支出.基本支出.合计), within 尾数 of the function lines' (else None)."""
        return as_printed(self.budget, self.budget.stated_basic, self.basic_from_functions, self.printed_parts())

    @cached_property
    def printed_project(self) -> Decimal | None:
        """项目支出 as stated (支出.项目支出), within 尾数 of the function lines' (else None)."""
        return as_printed(self.budget, self.budget.stated_project, self.project_from_functions, self.printed_parts())

    @cached_property
    def unsplit_functions(self) -> list[FunctionRow]:
        """The function rows whose 基本/项目 split the source does not give (their 合计 alone)."""
        return [r for r in self.budget.function_rows if not r.split_known]

    @cached_property
    def basic_from_stated_split(self) -> Decimal | None:
        b = self.budget
        if b.stated_personnel is None or b.stated_public is None:
            return None
        return b.stated_personnel + b.stated_public

    @cached_property
    def economic_in_part(self) -> bool:
        """Whether the 经济分类 (and the 人员经费, 公用经费 they give) may be a part of 基本支出 (economic_in_part)."""
        return economic_in_part(self.budget)

    @cached_property
    def basic(self) -> Decimal | None:
        """基本支出, from the finest level the source gives (as stated, within its 尾数); as stated where the
        function rows are 一般公共预算's alone (功能分类口径: its economic lines are that fund's too), or they may be
        a part (economic_in_part)."""
        in_part = economic_in_part(self.budget)
        scoped = self.budget.stated_basic if in_part else None
        # the economic lines (and the 人员经费 and 公用经费 they make) where they are all of it, never a part
        # taken for the whole (a document without its 支出总表: the 一般公共预算's beside other money's)
        economic = () if in_part else (self.economic.basic_from_economic, self.basic_from_stated_split)
        for value in (scoped, self.printed_basic, self.basic_from_functions, *economic, self.budget.stated_basic):
            if value is not None:
                return value
        return None

    @cached_property
    def project(self) -> Decimal | None:
        """项目支出, from function rows (as stated, within its 尾数), else from the project list."""
        if self.printed_project is not None:
            return self.printed_project
        if self.project_from_functions is not None:
            return self.project_from_functions
        if self.budget.stated_project is not None:  # a total beside a list of some projects, or alone
            return self.budget.stated_project
        return self.projects.projects_total

    @cached_property
    def expenditure_total(self) -> Decimal | None:
        """支出合计: the function rows' (whether or not they give their split), else 基本支出 +
        项目支出; None while neither is known (never 0.00 for it). Rows that fall short of the 支出合计 the source
        states are some of the spending, not all (functions_short): no total of them — 江苏省人民检察院 2019's prose
        names 住房保障支出 5,686.35 of its 24,169.74."""
        stated = self.budget.stated_expenditure
        if self.printed_expenditure is not None:
            return self.printed_expenditure
        if self.total_from_functions is not None and not self.functions_short:
            return disputed(self.total_from_functions, stated, "支出合计")
        if self.basic is None or self.project is None:
            return stated  # 支出.合计 as stated, where the split is not known
        return disputed(self.basic + self.project, stated, "支出合计")

    @cached_property
    def functions_short(self) -> bool:
        """Whether the function rows' 合计 falls short of the 支出合计 the source states, beyond a 万元 source's
        rounding (R-支出合计 tells it): the rows are a part of the spending, never its whole — a whole is never less
        than its parts, so rows over it make a total still, the stated figure the one disputed."""
        lines, stated = self.total_from_functions, self.budget.stated_expenditure
        if lines is None or stated is None:
            return False
        return lines + allowance(self.budget, self.printed_parts(), lines, stated) < stated

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

    @cached_property
    def balance_figures(self) -> int:
        """How many stated figures 收入总计 and 支出总计 are summed from, together: each what the
        rounding of a 万元 source's figures may move the two apart by (R-收支平衡)."""
        b = self.budget
        income = sum(1 for s in INCOME_SOURCES if self.income_of(s) is not None) + 2  # 上年结转, 使用结余
        if self.total_from_functions is not None:
            spent = sum(2 if r.split_known else 1 for r in b.function_rows)
        else:
            spent = 2  # 基本支出, 项目支出
        return income + spent + 2  # 结转下年, 结余分配
