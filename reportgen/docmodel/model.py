"""The Budget: one department's approved budget for one year, as typed Decimal facts.

Amounts are kept in 元 (exact Decimal, whatever unit the source used); nothing here is computed.
Each item remembers the source line it came from, so findings can point at it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from reportgen.base.patterns import regex
from reportgen.base.records import Record

# 收入来源 in the order every table and sentence lists them (DOMAIN.md, 收入预算).
INCOME_SOURCES = (
    "一般公共预算拨款",
    "政府性基金预算拨款",
    "国有资本经营预算拨款",
    "财政专户管理资金",
    "事业收入",
    "事业单位经营收入",
    "上级补助收入",
    "附属单位上缴收入",
    "其他收入",
)
FISCAL_SOURCES = INCOME_SOURCES[:3]  # 财政拨款: the part the finance bureau funds
# 单位资金: the unit's own income, beside 财政拨款 and 财政专户管理资金 (长春's and 深圳's 收支总表: 三、单位资金 over 事业收入 …
# 其他收入)
OWN_SOURCES = INCOME_SOURCES[4:]
# The money a project is paid from, as a project list prints it beside the project's 合计 (烟台's 项目支出预算情况表:
# 财政拨款 小计 | 一般公共预算 | 政府性基金预算 | 国有资本经营预算 | 财政专户管理资金 | 单位资金 | 使用非财政拨款结余 |
# 上年结转): a project's 资金; the first three are its 财政拨款
PROJECT_FUNDS = ("一般公共预算", "政府性基金", "国有资本经营", "财政专户管理资金", "单位资金", "使用非财政拨款结余", "上年结转")
PROJECT_FISCAL = PROJECT_FUNDS[:3]
UNSPLIT_FUND = "财政专户和单位资金"
# 资金性质 of a function row, and the income source that funds it.
FUNDS = {
    "一般公共预算": "一般公共预算拨款",
    "政府性基金": "政府性基金预算拨款",
    "国有资本经营": "国有资本经营预算拨款",
    "财政专户": "财政专户管理资金",
    "单位资金": None,
    # what a document spends of 财政专户 and 单位资金 together where it does not tell the two apart (烟台's
    # 支出总表 beside fund tables that hold the 财政拨款 alone): neither's own spending is known
    UNSPLIT_FUND: None,
}
THREE_PUBLIC_PARTS = ("因公出国（境）费", "公务接待费", "公务用车购置费", "公务用车运行维护费")
RESERVES = "使用非财政拨款结余"  # a source of 收入总计 beside 上年结转 (Budget.reserves_used)
VEHICLES = "公务用车购置及运行维护费"  # the two 公务用车 parts as one figure, where a document states only that
# 部门决算: the facts its “三公” 具体情况 states beside the amounts (counts; 国内公务接待/外宾接待 amounts)
THREE_PUBLIC_COUNTS = ("出国团组", "出国人次", "公务用车购置数量", "公务用车保有量", "接待批次", "接待人次",
                       "外宾批次", "外宾人次")
THREE_PUBLIC_AMOUNTS = ("国内公务接待", "外宾接待")
# the 部门经济分类 款 of each “三公” item: 基本支出's row is held to no more than the item (R-三公经费)
THREE_PUBLIC_CLASSES = {"30212": "因公出国（境）费", "30217": "公务接待费", "30231": "公务用车运行维护费",
                        "31013": "公务用车购置费"}
THREE_PUBLIC_TEXTS = ("出国开支内容", "购置用途", "运行维护用途", "接待用途")
PROCUREMENT_KINDS = ("货物", "工程", "服务")  # 政府采购 by kind: a kind not given is unknown, never 0
PROCUREMENT_SMALL_FIRMS = ("小微企业", "中小企业中标", "小微企业中标", "其他中小企业中标")
VEHICLE_KINDS = ("部级领导干部用车", "主要领导干部用车", "机要通信用车", "应急保障用车", "执法执勤用车",
                 "特种专业技术用车", "离退休干部用车", "其他用车")
PERFORMANCE_STAGES = ("绩效目标", "跟踪评价", "绩效自评")
PERFORMANCE_FIGURES = ("项目数", "金额", "平均得分", "优", "良", "合格", "不合格", "发现问题", "已整改", "正在整改")


@dataclass(repr=False, eq=False)
class Compared(Record):
    """An amount with, where known, the prior year's figure and the department's reason."""

    current: Decimal
    prior: Decimal | None = None
    reason: str = ""
    note: str = ""
    line: int = 0
    stated_change: Decimal | None = None  # 增减额 as the source writes it, checked, never used
    stated_rate: Decimal | None = None  # 增减率 (percent) as the source writes it, checked, never used
    actual: Decimal | None = None  # 上年执行数: what was spent last year, never taken for its budget
    # 部门决算 only: the 预算数 this year's 决算数 (current) is measured against, and the reason they differ
    budgeted: Decimal | None = None
    variance: str = ""


@dataclass(repr=False, eq=False)
class NarrativeAmount(Record):
    """正文金额: an amount a narrative sentence states that no table prints (培训费, 委托业务费), by its name; its prior
    year's where the sentence compares it. None where the source does not give it (a draft's 待填写, another year's
    source without it): the sentence printing it is then a 待补充, never another year's figure."""

    current: Decimal | None = None
    prior: Decimal | None = None
    line: int = 0


@dataclass(repr=False, eq=False)
class IncomeLine(Record):
    """部门决算: one function line of its 收入决算表 — what it received of each kind of income (财政拨款收入
    as one figure, then the department's own kinds: FINAL_INCOME_KINDS), each as printed, and its 合计
    where printed apart from their sum (尾数)."""

    code: str
    amounts: dict[str, Decimal]
    total: Decimal | None
    line: int

    @property
    def received(self) -> Decimal:
        """本年收入合计 of the line: as printed, else the sum of its kinds."""
        return self.total if self.total is not None else sum(self.amounts.values(), Decimal(0))


# The kinds of income a 收入决算表 prints by line (收入.功能分类's keys beside 合计).
FINAL_INCOME_KINDS = ("财政拨款收入", "上级补助收入", "事业收入", "事业单位经营收入", "附属单位上缴收入", "其他收入")
ACCOUNTS = ("预算", "决算")  # 种类: an approved budget (部门预算) or the final accounts (部门决算)
# What 部门决算 spends beside 基本支出 and 项目支出 (columns of its 支出决算表), in their printed order.
FINAL_SPENDING_KINDS = ("上缴上级支出", "经营支出", "对附属单位补助支出")


@dataclass(repr=False, eq=False)
class Execution(Record):
    """部门决算: the budget a 决算数 is measured against — 年初预算 and 全年预算 (the adjusted
    budget), each None where not stated — and the department's reason where they differ."""

    initial: Decimal | None = None
    full: Decimal | None = None
    reason: str = ""
    line: int = 0

    @property
    def base(self) -> tuple[str, Decimal] | None:
        """The budget the text measures against: 全年预算 where stated, else 年初预算."""
        if self.full is not None:
            return "全年预算", self.full
        if self.initial is not None:
            return "年初预算", self.initial
        return None


@dataclass(repr=False, eq=False)
class StatedTotal(Record):
    """A total the source types (a 类/款 row, a 合计): checked against its parts, never used."""

    kind: str  # 功能分类 / 经济分类
    code: str
    name: str
    fund: str
    basic: Decimal | None
    project: Decimal | None
    total: Decimal | None
    line: int
    prior: Decimal | None = None  # a 类/款 row's 上年: the prior year of that class
    reason: str = ""  # and its 原因
    actual: Decimal | None = None  # its 上年执行数
    stated_name: str = ""  # its 名称 as the source writes it (checked against the year's catalogue)


# The amount columns a table's printed line (表行) may state, as the tables print them (北京's tables of
# spending by line); its 合计 and a 基本支出 of 人员经费 and 公用经费 are sums, never stated.
# A unit's line of the 收入总表 (广州, 泉州: the unit's name, its income by source): its amounts by source, 财政拨款收入
# where it prints that alone (its funds then not), 财政专户管理资金 or its 教育收费 and 其他专户收入拨款 (广州), and
# 上年结转; its 合计 is their sum.
SPECIAL_ACCOUNT_PARTS = ("教育收费", "其他专户收入拨款")
UNIT_INCOME_AMOUNTS = ("财政拨款收入", *INCOME_SOURCES[:4], *SPECIAL_ACCOUNT_PARTS, *INCOME_SOURCES[4:], "上年结转")
# A unit's line's income of the year (本年收入合计, printed beside its 合计 with 上年结转: 无锡): a sum, never stated
YEAR_INCOME = "本年收入合计"
# A unit's line of the “三公”经费 table (杭州, 湖州, 长沙 print each unit's under the 合计): its parts as stated, and
# 公务用车购置及运行维护费 where it prints that alone (合计, and the vehicles' figure of its two parts, are sums)
UNIT_THREE_PUBLIC_AMOUNTS = (*THREE_PUBLIC_PARTS, VEHICLES)
# A line's last-year figures a 中央部门's 一般公共预算支出表 prints beside this year's (国家信访局 2026: 2025 年执行数, and
# it net of the central 基建 investment beside this year's 扣除中央基建投资后预算数)
LINE_ACTUALS = ("上年执行数", "扣除基建项目后执行数")
LINE_AMOUNTS = ("基本支出", "人员经费", "公用经费", "项目支出", "扣除基建项目后预算数", "经营支出", "对附属单位补助支出",
                "上缴上级支出", *UNIT_INCOME_AMOUNTS, *UNIT_THREE_PUBLIC_AMOUNTS, *LINE_ACTUALS)
# The codes a printed line may carry, in the order its table prints them.
LINE_CODES = ("功能分类", "政府经济分类", "经济分类")


@dataclass(frozen=True, repr=False, eq=False)
class HeldHead(Record):
    """A cell of a held table's header (印出表.表头): its text as printed, and the columns and the header's rows it
    spans (北京's 指导性目录 over 一级, 二级, 三级: 3 columns; 预算金额 beside them: 2 rows)."""

    text: str
    across: int = 1
    down: int = 1


@dataclass(frozen=True, repr=False, eq=False)
class HeldCell(Record):
    """A cell of a held table's rows (印出表.行) that spans columns or rows as printed: a form's label or value
    (北京's 预算13表 部门整体支出绩效目标表: 整体绩效目标 beside its paragraph across the table's columns; 西安's 表15: 年度主要
    任务 down its task rows) — its text, or an amount as printed."""

    value: str | Decimal
    across: int = 1
    down: int = 1
    unit: str = ""  # printed after its amount (西安's 表15: 2,080.76万元), "" for none


HeldValue = str | Decimal | HeldCell  # a cell of a held table's row: a text, an amount as printed, or a spanning cell


@dataclass(frozen=True, repr=False, eq=False)
class PrintedTable(Record):
    """A table the document prints of a kind reportgen has none of (印出表: 北京's 财政拨款政府购买服务明细表, 苏州's
    政府采购支出表, 烟台's 基本支出预算情况表; a form of labels and values: 北京's 部门整体支出绩效目标表), held as printed:
    its number and title, its 单位 line, its header's cells row by row (each spanning the columns and rows it spans on
    the page; a form prints none) and its rows (a cell of a form spanning as printed too), each cell a text or an
    amount as printed (a Decimal of the places it prints, in the table's own unit: never converted, never added) —
    printed again as it stands, computed from nothing."""

    number: str  # 表号 as printed (公开13表, 预算11表), "" where it prints none
    title: str
    unit: str  # the 单位 line as printed (单位：万元), "" where it prints none
    header: tuple[tuple[HeldHead, ...], ...]  # each row's cells that begin on it, left to right
    rows: tuple[tuple[HeldValue, ...], ...]  # each row's cells that begin on it, left to right (a form's span)
    thousands: bool = True  # its amounts of a thousand or more printed with separators (1,099.35); 千分位: false not
    line: int = 0
    notes: tuple[str, ...] = ()  # the notes printed under it, as printed (注：本单位无政府采购支出，故本表无数据。)


@dataclass(frozen=True, repr=False, eq=False)
class TableLine(Record):
    """One line of a table as the document prints it (表行): the codes it prints (by LINE_CODES; "" where it prints
    none) and its amounts as stated (by LINE_AMOUNTS, in 元; a column it leaves blank is absent) — a table that
    crosses the function and economic classes (北京's 支出总表), or prints each unit's lines one after another
    without the unit's name (北京's general budget's table by function), is printed from its lines, in their order."""

    codes: tuple[str, str, str]
    amounts: dict[str, Decimal]
    line: int = 0
    names: tuple[str, str, str] = ("", "", "")  # the names it prints the registry does not give its codes ("" none)
    unit: str = ""  # the unit a 收入总表's line is of, as printed (its amounts its income by source); "" for none
    unit_code: str = ""  # the unit's code it prints (单位编码: 无锡 113, 113001), "" for none

    @property
    def basic(self) -> Decimal | None:
        """基本支出: as stated, else 人员经费 and 公用经费 added (None where the line states none of them)."""
        if "基本支出" in self.amounts:
            return self.amounts["基本支出"]
        parts = [self.amounts[k] for k in ("人员经费", "公用经费") if k in self.amounts]
        return sum(parts, Decimal(0)) if parts else None

    @property
    def total(self) -> Decimal:
        """合计: 基本支出 and 项目支出 added (what the line states of them); a unit's income, its sources added (财政拨款收入
        where it states none of its funds)."""
        if self.unit:
            return self._three_public_total() if self.three_public else self._income_total()
        return (self.basic or Decimal(0)) + self.amounts.get("项目支出", Decimal(0))

    @property
    def three_public(self) -> bool:
        """Whether the line is a unit's of the “三公”经费 table (its amounts the parts of its “三公”经费)."""
        return bool(self.unit) and any(key in self.amounts for key in UNIT_THREE_PUBLIC_AMOUNTS)

    def _vehicles(self) -> Decimal | None:
        """公务用车购置及运行维护费: as stated, else its two parts added (None where the line states neither)."""
        if VEHICLES in self.amounts:
            return self.amounts[VEHICLES]
        parts = [self.amounts[key] for key in THREE_PUBLIC_PARTS[2:] if key in self.amounts]
        return sum(parts, Decimal(0)) if parts else None

    def _three_public_total(self) -> Decimal:
        """A unit's “三公”经费: 因公出国（境）费, 公务接待费 and 公务用车购置及运行维护费 added (what the line states)."""
        return sum((self.amounts.get(key, Decimal(0)) for key in THREE_PUBLIC_PARTS[:2]), self._vehicles() or Decimal(0))

    def _income_total(self) -> Decimal:
        """A unit's income: its sources added, a group (财政拨款收入, 财政专户管理资金) where it states none of its parts."""
        groups = {"财政拨款收入": FISCAL_SOURCES, "财政专户管理资金": SPECIAL_ACCOUNT_PARTS}
        left = {group for group, parts in groups.items() if any(key in self.amounts for key in parts)}
        left |= {part for group, parts in groups.items() if group not in left for part in parts}
        return sum((amount for key, amount in self.amounts.items() if key in UNIT_INCOME_AMOUNTS and key not in left),
                   Decimal(0))

    def column(self, name: str) -> Decimal | None:
        """The amount printed in the column ``name`` (合计 and 基本支出 computed), None where the line states none (a
        line of last year's figures alone prints no 合计: 国家信访局 2026's 行政单位医疗, spent in 2025 only)."""
        if name == "合计":
            return self.total if self.unit or self.basic is not None or "项目支出" in self.amounts else None
        if name == "基本支出":
            return self.basic
        if name == VEHICLES and self.three_public:
            return self._vehicles()
        if self.unit:
            return self._unit_column(name)
        return self.amounts.get(name)

    def _unit_column(self, name: str) -> Decimal | None:
        """A unit's line in the column ``name``: its income of the year (its sources less 上年结转), its 财政拨款收入
        (its funds added, where it states none), else as stated."""
        if name == YEAR_INCOME:
            return self._income_total() - self.amounts.get("上年结转", Decimal(0))
        if name == "财政拨款收入" and name not in self.amounts:
            funds = [self.amounts[key] for key in FISCAL_SOURCES if key in self.amounts]
            return sum(funds, Decimal(0)) if funds else None
        return self.amounts.get(name)


def finest_lines(lines: Sequence[TableLine]) -> list[TableLine]:
    """The lines no other line sums: a unit's line whose 单位编码 begins no other line's (无锡's 113 is the
    department's row over 113001 and 113002, 西安's 122 over 122001), a function line alone whose 功能分类 begins no
    other such line's (国家信访局's 201 over 20140, 20140 over 2014001 …) — the lines a column's total adds."""
    units = [line.unit_code for line in lines if line.unit_code]
    functions = [line.codes[0] for line in lines if _function_alone(line)]
    return [line for line in lines
            if not (line.unit_code and _begins(line.unit_code, units))
            and not (_function_alone(line) and _begins(line.codes[0], functions))]


def _function_alone(line: TableLine) -> bool:
    """Whether the line prints a 功能分类 and no other code (a 类, 款 or 项 of a table by function)."""
    return bool(line.codes[0]) and not any(line.codes[1:]) and not line.unit


def _begins(code: str, others: list[str]) -> bool:
    """Whether ``code`` begins a longer one of ``others``."""
    return any(len(other) > len(code) and other.startswith(code) for other in others)


@dataclass(repr=False, eq=False)
class FunctionRow(Record):
    """A 功能分类 row at the finest level the source gives: 基本支出 and 项目支出 for one code and one
    资金性质 — or its 合计 alone, where the source publishes no split (basic and project None)."""

    code: str
    name: str
    stated_name: str
    fund: str
    basic: Decimal | None
    project: Decimal | None
    prior: Decimal | None
    reason: str
    line: int
    stated_total: Decimal | None = None
    actual: Decimal | None = None  # 上年执行数
    use: str = ""  # 用途: what the money of this line is mainly for, as the source words it
    # the part of a 类/款 its finer rows do not list (未列全): a row of the 类/款 itself, never a line of its own
    remainder: bool = False
    # 部门决算 only: the row's 年初预算/全年预算 and the reason its 决算数 differs from them, and what it
    # spends beside 基本/项目支出 (FINAL_SPENDING_KINDS: 上缴上级支出 …), each as stated
    budget: Execution | None = None
    other: dict[str, Decimal] = field(default_factory=dict)
    # 基本支出 / 项目支出 the source leaves out beside the other (0 in every sum; a table that prints
    # amounts as the source states them leaves the cell blank, as the published table does)
    unstated: frozenset[str] = frozenset()
    # its 基本支出's 人员经费 and 公用经费 as the source states them (a table printing them by function line:
    # 苏州, 无锡, 湖州, 杭州, 烟台…); None where it states neither
    stated_personnel: Decimal | None = None
    stated_public: Decimal | None = None

    @property
    def basic_kinds(self) -> tuple[Decimal, Decimal] | None:
        """Its 基本支出 as 人员经费 and 公用经费, where the source states one of them beside its 基本支出 (the
        other is the rest); None where it states neither, or gives no 基本支出."""
        if self.basic is None or (self.stated_personnel is None and self.stated_public is None):
            return None
        personnel = self.stated_personnel if self.stated_personnel is not None else self.basic - (self.stated_public or Decimal(0))
        public = self.stated_public if self.stated_public is not None else self.basic - personnel
        return personnel, public

    @property
    def split_known(self) -> bool:
        """Whether the source gives this row's 基本/项目 split (one of them given: the other is 0)."""
        return self.basic is not None and self.project is not None

    @property
    def total(self) -> Decimal:
        if self.basic is None or self.project is None:
            return self.stated_total if self.stated_total is not None else Decimal(0)
        return self.basic + self.project + sum(self.other.values(), Decimal(0))


@dataclass(repr=False, eq=False)
class EconomicRow(Record):
    """A 部门经济分类 款 row of 一般公共预算基本支出, with its 政府经济分类 split."""

    code: str
    name: str
    stated_name: str
    amount: Decimal
    government: dict[str, Decimal]
    line: int
    # The source's own 人员经费/公用经费 split of the row, where its locality's differs from the
    # classes' (Shanghai counts part of 303 as 公用经费): either or both given, else None.
    stated_personnel: Decimal | None = None
    stated_public: Decimal | None = None
    # the part of the row the “三公”经费 leave out by rule (科研类、教学类出国（境）费用), where the source says it
    outside_three_public: Decimal | None = None
    # the 目 printed under the 款 (7-digit codes: 重庆's 3010201 规范性津补贴 under 30102), each within its amount
    items: tuple[EconomicItem, ...] = ()


@dataclass(repr=False, eq=False)
class EconomicItem(Record):
    """A 目 of a 部门经济分类 款 (a 7-digit code of a locality's own), printed under the 款 (重庆) or in its place (北京):
    its code, name and amount (and the 政府 款 it is printed under), held as printed, a part of the 款's amount, never
    added to it."""

    code: str
    name: str
    amount: Decimal
    government: str = ""  # the 政府经济分类 款 the table prints it under, where it says (北京)


@dataclass(repr=False, eq=False)
class Project(Record):
    """A project of 项目支出 (the project list): its amount, prior-year figure and purpose."""

    name: str
    amount: Decimal
    prior: Decimal | None
    reason: str
    use: str
    code: str
    line: int
    unit: str = ""  # the budget unit (单位) it belongs to, in a department of several units
    stated_change: Decimal | None = None
    stated_rate: Decimal | None = None
    actual: Decimal | None = None  # 上年执行数
    category: str = ""  # 项目类别 as the project list prints it (烟台: 其他运转类, 特定目标类)
    # 印于: where the published list prints it (第24页 第9行) — what tells apart the projects a list prints under one name
    # with no unit beside them (烟台's 项目支出预算情况表: 实施公车统管费用 once for each unit); "" for the rest
    printed_at: str = ""
    printed_unit: str = ""  # 单位名称 as the list prints it left of the name (杭州, 湖州), "" where it prints none
    funds: dict[str, Decimal] = field(default_factory=dict)  # 资金: its amount by PROJECT_FUNDS, those printed

    @property
    def key(self) -> str:
        """The project's key among the rows of its table: its unit's and its name, and where printed where given."""
        name = "/".join(part for part in (self.unit, self.printed_unit, self.name) if part)
        return f"{name}@{self.printed_at}" if self.printed_at else name


# The parts of a 项目经费情况说明, in their published order (上海, seeds/shanghai-putuo-*-2026.txt and
# the 市级 documents' 绩效管理工作开展情况, 项目绩效自评结果): the source's keys. 项目概况 is 项目概述 as
# 万里街道 prints it (seeds/pdf/shanghai-putuo-wanli-2024.pdf, 2025).
STATEMENT_PARTS = ("项目概述", "项目概况", "立项依据", "实施主体", "实施方案", "实施周期", "年度预算安排", "绩效目标",
                   "绩效管理工作开展情况", "项目绩效自评结果")


@dataclass(repr=False, eq=False)
class ProjectStatement(Record):
    """项目经费情况说明 of one project: its heading and the parts the source gives, each its paragraphs."""

    name: str
    title: str  # the heading as published where it is not “<名称>项目经费情况说明” ("" otherwise)
    parts: dict[str, list[str]]  # by STATEMENT_PARTS key, in that order; a part not given is absent
    line: int = 0


@dataclass(repr=False, eq=False)
class ProjectClass(Record):
    """项目支出 by economic class (工资福利支出, 商品和服务支出, 资本性支出 …), as a document publishes it."""

    code: str
    name: str
    amount: Decimal
    prior: Decimal | None
    reason: str
    line: int
    stated_change: Decimal | None = None
    stated_rate: Decimal | None = None
    # 经济分类款预算.资金: the one fund the line is of (一般公共预算); "" for all 财政拨款
    fund: str = ""


@dataclass(repr=False, eq=False)
class Profile(Record):
    """部门概况: functions, organisation, staffing, goals — the department's own words."""

    duties: list[str]
    organisation: str = ""
    internal_units: list[str] = field(default_factory=list)
    internal_count: int | None = None
    # None when the source says nothing of subordinate units; [] when it says there are none
    subordinate_units: list[str] | None = None
    unit_remarks: dict[str, str] = field(default_factory=dict)  # a 下属单位's 备注, by its name
    staffing: dict[str, int] = field(default_factory=dict)
    goals: list[str] = field(default_factory=list)
    heading_name: str = ""  # the department as the 主要职能 / 机构设置 headings name it, where not as 部门
    duties_intro: str = ""  # 职能概述: the paragraph before the duties (“……是……的部门。”)
    unit_list: list[str] = field(default_factory=list)  # 单位列表: the units 机构设置 lists, each as printed
    unit_list_note: str = ""  # 单位列表说明: what the text says after that list
    # 成立年度: the year the department was founded (组建), where the source states it; founded in the source's
    # year, it has no prior year (Budget.new_department)
    founded: int | None = None

    @property
    def count_said(self) -> bool:
        """Whether 机构设置's own words say 内设机构数 (“……设10个内设机构”): the default words do not say it again."""
        return self.internal_count is not None and self.internal_count in internal_counts(self.organisation)


# How a 机构设置 says the count of the department's own internal units (上海 “……设10个内设机构”, “设立9个内设机构”,
# “共设6个内设机构”; 国家信访局 “内设13个机构”; 重庆 “部机关内设24个职能处室”; 北京 “内设2个处室”): the count its group.
# Never a count of budget units (“下设1个预算单位”). (广州 “内设处室14个”, 长沙 “内设机构包括……等14个部门”: one document
# each, not read.) The import reads 部门概况.内设机构数 by it (importing/text/text_parts.internal_count).
INTERNAL_COUNT = regex(r"(?:内设|共设|设立|设)(\d+)个(?:内设机构|机构|职能处室|处室)")


def internal_counts(text: str) -> list[int]:
    """The counts of internal units a text says, in order."""
    return [int(m.group(1)) for m in INTERNAL_COUNT.finditer(text)]


@dataclass(repr=False, eq=False)
class ThreePublic(Record):
    """“三公”经费: its four parts, each with its prior-year figure where known."""

    parts: dict[str, Compared]
    note: str = ""
    stated: bool = False  # False when the source has no 三公经费 section at all
    line: int = 0
    stated_total: Compared | None = None
    # The parts the source gives. None of them (a section with its 说明 alone) says "none budgeted";
    # some of them leaves the others unknown, never zero.
    given: frozenset[str] = frozenset()
    # 公务用车购置及运行维护费 as one figure, where the source states it (its two parts then may be left out)
    vehicles: Compared | None = None
    # 部门决算's 具体情况 (THREE_PUBLIC_DETAILS: 出国团组, 公务用车保有量, 接待批次 …), each as stated
    details: dict[str, Any] = field(default_factory=dict)
    # 按资金: this year's figure of an item (合计 among them) by fund (一般公共预算, 政府性基金, 国有资本经营), as printed
    by_fund: dict[str, dict[str, Decimal]] = field(default_factory=dict)
    prior_by_fund: dict[str, dict[str, Decimal]] = field(default_factory=dict)  # 上年按资金: last year's, likewise
    # 行政经费: the row 广州 and 珠海 print above the items (本年, then by fund, as 按资金); empty where not given
    administrative: dict[str, Decimal] = field(default_factory=dict)

    @property
    def unknown(self) -> list[str]:
        """Parts the section leaves out although it gives others (公务用车购置费 and 运行维护费 are
        not unknown where their sum is given: they are not published apart)."""
        given = self.given | ({VEHICLES} if self.vehicles is not None else set())
        vehicle_parts = ("公务用车购置费", "公务用车运行维护费") if self.vehicles is not None else ()
        return [name for name in self.parts if given and name not in given and name not in vehicle_parts]

    def known(self, name: str) -> bool:
        """Whether a part's amount is known: given, or none of the parts given (nothing budgeted)."""
        return not self.given and self.vehicles is None or name in self.given


@dataclass(frozen=True, repr=False, eq=False)
class RunningLine(Record):
    """A row of the 机关运行经费表 printed by 经济分类 code (江苏: 302 商品和服务支出, 30201 办公费 …): its code and
    amount as printed (机关运行经费.经济分类)."""

    code: str
    amount: Decimal
    line: int = 0


@dataclass(frozen=True, repr=False, eq=False)
class ProcurementLine(Record):
    """A 功能分类 line of the 政府采购预算 as a table by function prints it (烟台 公开表12): its code and its amount by
    fund (PROJECT_FUNDS; a fund it leaves blank is absent), in 元; or, printed beside the line's spending (深圳's 支出总表:
    2026年政府采购项目 小计 | 其中预留给中小企业 | 其中预留给小型、微型企业, of all its funds), its ``stated`` 合计 and
    reserved parts (PROCURED_KEYS)."""

    code: str
    funds: dict[str, Decimal]
    line: int = 0
    stated: dict[str, Decimal] = field(default_factory=dict)

    @property
    def total(self) -> Decimal:
        """Its funds added; a line printing no fund, its stated 合计 (0 where it states none)."""
        return sum(self.funds.values(), Decimal(0)) if self.funds else self.stated.get("合计", Decimal(0))


# The 政府采购 a function line may state beside its funds (政府采购.功能分类: 深圳's 支出总表).
PROCURED_KEYS = ("合计", "中小企业", "小微企业")


@dataclass(repr=False, eq=False)
class Procurement(Record):
    """政府采购预算: goods, works and services (and, where the source gives it, by function line and fund)."""

    goods: Decimal
    works: Decimal
    services: Decimal
    sme: Decimal | None
    note: str = ""
    line: int = 0
    stated_total: Decimal | None = None
    given: frozenset[str] = frozenset()  # of 货物, 工程, 服务: one not given is unknown, never zero
    # 部门决算: the amounts reserved for and awarded to small firms (PROCUREMENT_SMALL_FIRMS), as stated
    small_firms: dict[str, Decimal] = field(default_factory=dict)
    by_function: tuple[ProcurementLine, ...] = ()  # 功能分类: its finest lines, as the table by function prints them


@dataclass(repr=False, eq=False)
class Assets(Record):
    """国有资产占有使用情况: vehicles and equipment as of a date."""

    as_of: str
    vehicles: int | None
    general_equipment: int | None
    special_equipment: int | None
    planned: dict[str, int]
    note: str = ""
    # 部门决算: the vehicles by kind (VEHICLE_KINDS) and the 单价100万元（含）以上设备 count, as stated
    vehicle_kinds: dict[str, int] = field(default_factory=dict)
    large_equipment: int | None = None


@dataclass(repr=False, eq=False)
class Performance(Record):
    """预算绩效管理: the scope, project count and amount under performance targets."""

    scope: str = ""
    project_count: int | None = None
    amount: Decimal | None = None
    key_projects: list[str] = field(default_factory=list)
    note: str = ""
    # 部门决算: the rules and working arrangements in the department's words, and each stage of
    # 全过程绩效管理 (PERFORMANCE_STAGES) with its figures (项目数, 金额, 平均得分, ratings …) as stated
    rules: str = ""
    mechanism: str = ""
    stages: dict[str, dict[str, Decimal]] = field(default_factory=dict)


@dataclass(repr=False, eq=False)
class Indicator(Record):
    """A 绩效指标 row: 一级/二级/三级指标, what it measures, its value and the basis of that value."""

    level1: str
    level2: str
    level3: str
    value: str
    description: str = ""
    basis: str = ""
    line: int = 0


@dataclass(repr=False, eq=False)
class TargetTask(Record):
    """A task (年度主要任务) of the whole-department targets, with its money where stated."""

    name: str
    content: str = ""
    indicator_text: str = ""
    amount: Decimal | None = None
    fiscal: Decimal | None = None
    other: Decimal | None = None
    period: str = ""
    line: int = 0


@dataclass(repr=False, eq=False)
class WholeTargets(Record):
    """部门整体绩效目标: the year's overall goals, tasks, indicators and safeguards."""

    goals: list[str] = field(default_factory=list)
    tasks: list[TargetTask] = field(default_factory=list)
    indicators: list[Indicator] = field(default_factory=list)
    measures: list[str] = field(default_factory=list)
    line: int = 0


@dataclass(repr=False, eq=False)
class PlanPoint(Record):
    """One point of a project's cumulative spending plan (资金支出计划), e.g. 6月底 60%."""

    label: str
    percent: Decimal | None
    text: str = ""


@dataclass(repr=False, eq=False)
class ProjectTarget(Record):
    """项目支出绩效目标表: one project's money, spending plan, goals and indicators."""

    code: str
    name: str
    amount: Decimal
    fiscal: Decimal | None
    other: Decimal | None
    use: str
    plan: list[PlanPoint]
    goals: list[str]
    indicators: list[Indicator]
    unit: str = ""
    line: int = 0


@dataclass(repr=False, eq=False)
class Targets(Record):
    """绩效目标: the whole department's and each project's."""

    whole: WholeTargets | None = None
    projects: list[ProjectTarget] = field(default_factory=list)


@dataclass(repr=False, eq=False)
class StatedChange(Record):
    """A change a document states without last year's amount (“较上年增17.1万元，增幅17.18%”):
    last year's figure is this year's less 增减额; 增减率 (percent) is checked against it."""

    change: Decimal | None
    rate: Decimal | None
    line: int = 0


@dataclass(repr=False, eq=False)
class Prior(Record):
    """上年预算 (or, as Budget.actual, 上年执行数): whatever figures are known, at any level; empty
    when nothing is compared."""

    year: int
    totals: dict[str, Decimal] = field(default_factory=dict)
    function: dict[str, Decimal] = field(default_factory=dict)
    economic: dict[str, Decimal] = field(default_factory=dict)
    source: Path | None = None
    # The codes the source itself states under 上年.功能分类 / 上年.经济分类 (the rest come from
    # 上年.来源 or from 类/款 rows): only these can be refused for having nothing to compare with.
    stated_codes: dict[str, frozenset[str]] = field(default_factory=dict)
    # 上年执行数 only (its section may name them; inline figures are on the items themselves):
    income: dict[str, Decimal] = field(default_factory=dict)  # by income source
    three_public: dict[str, Decimal] = field(default_factory=dict)  # by part, and 合计
    running_costs: Decimal | None = None  # 机关运行经费
    projects: dict[str, Decimal] = field(default_factory=dict)  # by project name
    # figures stated as a change alone: ("totals" | "功能分类" | "经济分类", key or code) → the change
    changes: dict[tuple[str, str], StatedChange] = field(default_factory=dict)


# The parts of the text whose amounts 展示.正文单位 may show in a unit of their own; each names the
# source section it phrases (templates/narrative/*.j2 mark them with {% call in_part(…) %}).
TEXT_PARTS = ("收支预算", "三公经费", "机关运行经费", "政府采购", "国有资产", "绩效管理", "绩效目标")
# The key of 展示.正文单位 and 展示.表格单位 that sets the unit of every part / table not named.
ALL_PARTS = "全部"


@dataclass(repr=False, eq=False)
class Presentation(Record):
    """How amounts are shown: unit, decimals, thousands separators, and the units of single
    tables (表格单位) and of single parts of the text (正文单位), each with its 全部 default."""

    unit: str = "万元"
    decimals: int = 2
    thousands: bool = True
    table_units: dict[str, str] = field(default_factory=dict)
    text_units: dict[str, str] = field(default_factory=dict)
    # the decimals of amounts shown in one unit, where not ``decimals`` (上海: whole 元 in its 元 tables)
    unit_decimals: dict[str, int] = field(default_factory=dict)
    # the tables whose zero amounts are left blank (空白) or printed (印出), 全部 for every table (the
    # layout's 展示.表格零值); the text always prints the amounts it states
    table_zeros: dict[str, str] = field(default_factory=dict)
    # 展示.表格小数位 (a layout's): the decimals a table prints its amounts with, by table (全部 for every table), where
    # not those of its unit (北京's 万元 tables print 6: 32,365.090089, its text 2)
    table_decimals: dict[str, int] = field(default_factory=dict)
    # 展示.表格千分位 (a layout's): whether a table prints the thousands' commas, by table (全部 for every table), where
    # not as ``thousands`` (普陀区司法局 2026's 收入总表: 96282213.44; its 收支总表: 96,282,213.44)
    table_thousands: dict[str, bool] = field(default_factory=dict)

    # What the text compares this year's figures with: 预算 (上年预算), 执行数 (上年执行数) or 两者;
    # "" while the source does not say (then: whatever it gives, see Budget.compare_base).
    compare: str = ""
    # the most decimal places an amount of the source has in 元 (source.core.Precision): a 元 table
    # or text never shows fewer, so a stated figure is printed as stated (cents where it has cents)
    stated_places: int = 0

    def unit_for(self, table_id: str) -> str:
        """The unit of one table: its own, else 表格单位.全部, else 金额单位; 项目绩效目标表-3 takes
        the unit set for 项目绩效目标表."""
        units = self.table_units
        return units.get(table_id) or units.get(table_id.split("-", 1)[0]) or units.get(ALL_PARTS) or self.unit

    def blank_zeros(self, table_id: str) -> bool:
        """Whether the table leaves a zero amount's cell blank: its own setting, that of the table it
        is a kind of (收支总表 for 收支总表-决算), else 全部's, else printed."""
        zeros = self.table_zeros
        return (zeros.get(table_id) or zeros.get(table_id.split("-", 1)[0]) or zeros.get(ALL_PARTS)) == "空白"

    def decimals_in(self, unit: str) -> int:
        """The decimals of an amount shown in ``unit``: its own (小数位 by unit), else 小数位 — in 元
        never fewer than the source's figures have: a source with cents prints 分 (#,##0.00) where its
        layout prints whole 元 for a source of whole 元, and never rounds a figure it states."""
        places = self.unit_decimals.get(unit, self.decimals)
        if unit == "元" and self.stated_places > places:
            return max(self.stated_places, 2)
        return places

    def table_places(self, table_id: str, unit: str) -> int:
        """The decimals of one table's amounts: its own (表格小数位), that of the table it is a kind of, 全部's, else
        those of its unit (decimals_in) — in 元 never fewer than the source's figures have."""
        places = self.table_decimals
        own = places.get(table_id, places.get(table_id.split("-", 1)[0], places.get(ALL_PARTS)))
        if own is None:
            return self.decimals_in(unit)
        return max(self.stated_places, 2) if unit == "元" and self.stated_places > own else own

    def table_grouped(self, table_id: str) -> bool:
        """Whether one table prints the thousands' commas: its own (表格千分位), that of the table it is a kind of,
        全部's, else the source's 千分位."""
        grouped = self.table_thousands
        own = grouped.get(table_id, grouped.get(table_id.split("-", 1)[0], grouped.get(ALL_PARTS)))
        return self.thousands if own is None else own

    def text_unit(self, part: str | None = None) -> str:
        """The unit of the amounts in one part of the text (TEXT_PARTS; None: outside every part):
        its own, else 正文单位.全部, else 金额单位."""
        units = self.text_units
        return (units.get(part) if part else None) or units.get(ALL_PARTS) or self.unit


@dataclass(repr=False, eq=False)
class Budget(Record):
    """One department's approved budget for one year, as the source states it."""

    file: Path
    department: str
    year: int
    level: str
    source_unit: str
    presentation: Presentation
    profile: Profile
    prior: Prior
    reasons: dict[str, str]
    income: dict[str, Decimal]
    carried_over: Decimal
    carry_forward: Decimal
    function_rows: list[FunctionRow]
    economic_rows: list[EconomicRow]
    stated_personnel: Decimal | None
    stated_public: Decimal | None
    personnel_note: str
    public_note: str
    projects: list[Project]
    three_public: ThreePublic
    running_costs: Compared | None
    procurement: Procurement | None
    assets: Assets | None
    performance: Performance | None
    glossary: list[tuple[str, str | None]]  # (term, None): a default term left out
    lines: dict[str, int] = field(default_factory=dict)
    # the amounts of the source fields a table defined as data shows (tables/kinds/: 行.字段), by path
    # (政府采购.货物), each as the source states it; a field it does not state is absent
    table_fields: dict[str, Decimal] = field(default_factory=dict)
    key_lines: dict[str, int] = field(default_factory=dict)  # where each section's key stands (三公经费:)
    # 机关运行经费.经济分类: the 机关运行经费表's rows by code, as printed (a 类 and its 款 each as its own row)
    running_lines: tuple[RunningLine, ...] = ()
    targets: Targets | None = None
    # 项目经费情况说明: each project's published account (its parts), as the source gives it
    project_statements: list[ProjectStatement] = field(default_factory=list)
    # A department of several budget units (单位): each unit's own figures as a Budget; the
    # department's figures above are then their consolidation (sum), made by the loader.
    units: list[Budget] = field(default_factory=list)
    # Parts the department declares it does not publish (不公开): left out, numbering closes up.
    not_published: frozenset[str] = frozenset()
    # Every file the loader read for this source besides the source itself (unit files, the
    # prior-year source): a command never writes over any of them.
    inputs: list[Path] = field(default_factory=list)
    unit_code: str = ""
    # False for a source that states no budget figures at all (no 收入, 支出 or 单位), such as a
    # performance-target document: the budget parts then show 待补充 instead of zeros.
    budget_stated: bool = True
    stated_totals: list[StatedTotal] = field(default_factory=list)
    # 基本支出 and 项目支出 as totals, where the source publishes no finer figure (or lists only
    # some projects): used where nothing finer is given, checked against whatever is.
    stated_basic: Decimal | None = None
    stated_project: Decimal | None = None
    # 上年执行数: last year's spending, kept apart from its budget (prior) at every level; the
    # narrative compares with either or both (Presentation.compare), never one for the other.
    actual: Prior | None = None
    # 版式: the layout the source asks for (a shipped one's name or a folder); "" the default.
    layout: str = ""
    # 类型: a department's budget (部门预算) or a unit's (单位预算), worded as such by the layout's
    # edition for it; 主管部门: a unit's supervising department, as the source names it ("" untold).
    kind: str = "部门"
    supervisor: str = ""
    # 地区 and 级次 as the source writes them ("" untold): a layout's cover names them (上海市普陀区 … 区级)
    region: str = ""
    stated_level: str = ""
    # 使用非财政拨款结余: the department's own balances of past years drawn on this year (a source
    # of 收入总计 beside 本年收入 and 上年结转, as central and provincial budgets publish it)
    reserves_used: Decimal = Decimal(0)
    # 支出.功能分类口径: "一般公共预算" where the document itemises by function its 一般公共预算 spending
    # only (the rest of the money has no function rows); "" where the rows cover all spending
    function_scope: str = ""
    # 收入's sources the document does not publish (其余未公开; the kinds of a 财政拨款收入 given as one
    # figure): unknown, never 0 — their Budget.income entries are placeholders no one may print
    income_unknown: frozenset[str] = frozenset()
    # 收入's sources (and 上年结转) the source writes, 0 among them: one it does not write is none (0 in
    # every sum), and a table printing amounts as the source states them leaves its cell blank
    income_stated: frozenset[str] = frozenset()
    # 结转下年 written by the source, 0 or not (a 0 not written is none, never stated: nobody printed it)
    carry_forward_stated: bool = False
    # 收入.财政拨款收入 / 收入.收入总计 as the source states them (used where the parts are unknown)
    stated_fiscal_income: Decimal | None = None
    stated_income_grand_total: Decimal | None = None
    # 支出.合计: 支出合计 as the source states it (used where neither function rows nor the split give it)
    stated_expenditure: Decimal | None = None
    printed_step: Decimal | None = None  # 金额精度 (元): the step its figures were printed rounded to
    # 经济分类款预算: 财政拨款 of some economic 款 (会议费, 培训费, 差旅费 …) compared with the prior year
    economic_lines: list[ProjectClass] = field(default_factory=list)
    # 支出.项目支出经济分类: 项目支出 by economic class, where the document publishes it
    project_classes: list[ProjectClass] = field(default_factory=list)
    # 支出.一般公共预算项目支出经济分类: 一般公共预算's 项目支出 by economic 款 (深圳's 一般公共预算支出表（按经济分类）:
    # 支出总计 | 基本支出 | 项目支出 by 类 and 款), as the document prints it
    general_project_classes: list[ProjectClass] = field(default_factory=list)
    # The source's own code table (科目表), and the names this source prints where they are not
    # the table's: (kind, code) → a published alias as the source gives it, or the 名称 of a code
    # neither the registry nor the 科目表 knows. Shared by a department and its units.
    code_table: Any = None  # codes.CodeTable | None (the model does not import the registry)
    code_names: dict[tuple[str, str], str] = field(default_factory=dict)
    # 种类: 预算 (an approved budget) or 决算 (final accounts: every amount is what was spent, 上年 is
    # last year's 决算, carried_over/carry_forward are 年初/年末结转和结余)
    accounts: str = "预算"
    surplus_distributed: Decimal = Decimal(0)  # 部门决算's 结余分配 (a use of 支出总计 beside 年末结转和结余)
    # 部门决算's 预算数 by 资金 (一般公共预算 …): 年初预算/全年预算 as stated and the reason they differ
    fund_budgets: dict[str, Execution] = field(default_factory=dict)
    # 部门决算's 财政拨款结转和结余 by 年初/年末 and 资金, as stated (not stated: not printed, never 0); a budget's
    # 财政拨款结转 (上年结转 at 年初, 结转下年 at 年末) by 资金, as its 财政拨款收支总表 prints them
    fiscal_balances: dict[str, dict[str, Decimal]] = field(default_factory=dict)
    # 部门决算's 收入.功能分类: what each function line received, by kind of income, as its 收入决算表 prints it
    income_lines: list[IncomeLine] = field(default_factory=list)
    # 印出合计: a line of a table as that table prints it, where it differs from its rows by their 尾数 — a 决算's
    # 总表 {表名: {类: {合计 or 资金: figure}}}, a budget's function tables {表名: {类/款 or 合计: {栏: figure}}}
    # (source/printed_lines.py, compute/printed.py)
    printed_lines: dict[str, dict[str, dict[str, Decimal]]] = field(default_factory=dict)
    # 其中栏: the columns a table prints headed “其中：…” beside one of its own, each line's figure a part of that
    # column's: {表名: {所属的栏: {名称: {合计 or code: figure}}}} (source/printed_parts.py), never added into a total
    printed_parts: dict[str, dict[str, dict[str, dict[str, Decimal]]]] = field(default_factory=dict)
    # 表行: the lines a table prints, by table (支出总表, 一般公共预算支出表), in their printed order (TableLine)
    table_lines: dict[str, tuple[TableLine, ...]] = field(default_factory=dict)
    narrative_amounts: dict[str, NarrativeAmount] = field(default_factory=dict)  # 正文金额, by name
    # 印出表: the tables the document prints of kinds reportgen has none of, each held as printed, in printed order
    printed_tables: tuple[PrintedTable, ...] = ()

    def narrative(self, name: str) -> NarrativeAmount:
        """The 正文金额 of ``name`` (a learned sentence prints it): none given where the source does not state it."""
        return self.narrative_amounts.get(name) or NarrativeAmount()

    def unit(self, name: str) -> Budget | None:
        """The budget unit (单位) of that name; None where the department has none of it."""
        return next((unit for unit in self.units if unit.department == name), None)

    @property
    def final(self) -> bool:
        """Whether the source is a 部门决算 (种类: 决算)."""
        return self.accounts == "决算"

    def line_of(self, path: str) -> int:
        return self.lines.get(path, 0)

    @property
    def compare_base(self) -> str:
        """预算, 执行数 or 两者: as 展示.比较 says, else by what the source gives (both when it
        gives 上年执行数 beside 上年 figures, 执行数 when it gives 上年执行数 alone)."""
        if self.presentation.compare:
            return self.presentation.compare
        if self.actual is None:
            return "预算"
        return "两者" if self.has_prior else "执行数"

    @property
    def new_department(self) -> bool:
        """Whether the department was founded in the source's year (部门概况.成立年度): it has no prior
        year to compare with, and the text says so where it would compare."""
        return self.profile.founded == self.year

    @property
    def has_prior(self) -> bool:
        """Whether any 上年 (budget) figure is given, anywhere."""
        p = self.prior
        return bool(p.totals or p.function or p.economic or p.source) or _prior_in_rows(self)


def _prior_in_rows(budget: Budget) -> bool:
    """Whether a row of the source states a 上年 (budget) figure: a function line, a project, a 三公 part, the running
    costs or a stated total."""
    return (any(r.prior is not None for r in budget.function_rows)
            or any(x.prior is not None for x in budget.projects)
            or any(c.prior is not None for c in budget.three_public.parts.values())
            or (budget.running_costs is not None and budget.running_costs.prior is not None)
            or any(t.prior is not None for t in budget.stated_totals))
