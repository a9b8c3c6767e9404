"""Classification hierarchies: a node of 类/款/项 (or 类/款) with its sums, the names a source prints
for its codes, a compared line of the text, and the priors a document states only as a change."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal

from reportgen import codes
from reportgen.base.records import Record
from reportgen.compute.arithmetic import ZERO, difference, rounding_gap
from reportgen.docmodel.model import Budget, FunctionRow


def code_name(budget: Budget, kind: str, code: str) -> str | None:
    """The name ``budget`` prints for a code (kind 功能分类, 经济分类 or 政府经济分类): its own
    (code_names), else its 科目表's, else the registry's for the year; None when none knows it."""
    if (kind, code) in budget.code_names:
        return budget.code_names[(kind, code)]
    entry = codes.lookup(kind, code, budget.year, budget.code_table)
    return entry.name if entry is not None else None



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




KINDS = ("人员经费", "公用经费")  # 基本支出 in two, as a table by function line may print it


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
    # the parts (合计, 基本支出, 项目支出) some row below states: a part none of them states is 0 in the
    # sums, and blank in a table printing amounts as the source states them
    stated: set[str] = field(default_factory=set)
    # how far the totals the document printed, here and below (within their parts' 尾数), move this
    # node's sums, by part (合计, 基本支出, 项目支出): see compute/printed.py
    tail: dict[str, Decimal] = field(default_factory=dict)
    # the 人员经费 and 公用经费 of the rows below that state them (KINDS); None once a row below spends on 基本支出
    # without stating them: the node's are then not known
    kinds_part: dict[str, Decimal] | None = field(default_factory=dict)

    @property
    def basic(self) -> Decimal | None:
        """基本支出, known when every row below gives its split."""
        return self.basic_part + self.tail.get("基本支出", ZERO) if self.unsplit is None else None

    @property
    def project(self) -> Decimal | None:
        return self.project_part + self.tail.get("项目支出", ZERO) if self.unsplit is None else None

    def basic_kind(self, kind: str) -> Decimal | None:
        """Its 基本支出's 人员经费 or 公用经费 (``kind``), where every row below with 基本支出 states them."""
        if self.kinds_part is None or not self.kinds_part or self.unsplit is not None:
            return None
        return self.kinds_part[kind]

    @property
    def total(self) -> Decimal:
        return (self.basic_part + self.project_part + (self.unsplit or ZERO) + sum(self.other.values(), ZERO)
                + self.tail.get("合计", ZERO))

    def add(self, row: FunctionRow) -> None:
        """A function row's amounts into this node's sums."""
        given = {"基本支出", "项目支出"} - row.unstated
        self.stated |= {*given, "合计"} if given else set()
        if row.basic is None or row.project is None:
            self.unsplit = (self.unsplit or ZERO) + row.total
        else:
            self.basic_part += row.basic
            self.project_part += row.project
            self._add_kinds(row)
            for kind, amount in row.other.items():
                self.other[kind] = self.other.get(kind, ZERO) + amount

    def _add_kinds(self, row: FunctionRow) -> None:
        kinds = row.basic_kinds
        if kinds is None:
            if row.basic:
                self.kinds_part = None
            return
        self.stated |= {kind for kind, value in zip(KINDS, (row.stated_personnel, row.stated_public), strict=True)
                        if value is not None}
        if self.kinds_part is not None:
            for kind, amount in zip(KINDS, kinds, strict=True):
                self.kinds_part[kind] = self.kinds_part.get(kind, ZERO) + amount

    @property
    def difference(self) -> Decimal | None:
        """合计 − 上年, where the prior year is known."""
        return difference(self.total, self.prior)

    @property
    def lines_prior(self) -> Decimal | None:
        """Last year's amount as the lines below add up: each child's 上年 (as stated, else its own lines'), where every
        child has one and the node's amount is its children's (none of its own left unlisted: 未列全); None else, and
        for a line with none below. (江苏 “（1）社会保障和就业支出（类）支出429.13万元。与上年相比增加5.37万元”: the 类's
        上年 is not printed, its two 项's are.)"""
        if not self.children or sum((c.total for c in self.children), ZERO) != self.total:
            return None
        priors = [c.prior if c.prior is not None else c.lines_prior for c in self.children]
        return None if any(p is None for p in priors) else sum((p or ZERO for p in priors), ZERO)

    @property
    def known_prior(self) -> Decimal | None:
        """Last year's amount as stated, else as the lines below add up (lines_prior): the one a learned sentence prints
        a 类's change from where one year states the 类's change (江苏省政协 2018 “2.社会保障和就业（类）支出823.76万元，
        ……。与上年相比减少685.96万元”) and the next its 项's (2019 “1.行政事业单位离退休（款）未归口管理的行政单位离退休
        （项）277.05万元，与上年相比增加24.23万元” …)."""
        return self.prior if self.prior is not None else self.lines_prior

    def walk(self) -> Iterator[Node]:
        yield self
        for child in self.children:
            yield from child.walk()



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


def derived_priors(budget: Budget, kind: str, nodes: list[Node]) -> None:
    """Fill in the prior year of the nodes whose document states only the change (上年.功能分类 /
    上年.经济分类: {科目: {增减额: …}}): this year's amount less the change."""
    changes = {key: c for (k, key), c in budget.prior.changes.items() if k == kind and c.change is not None}
    if not changes:
        return
    for top in nodes:
        for node in top.walk():
            change = changes.get(node.code)
            if node.prior is None and change is not None and change.change is not None:
                node.prior = node.total - change.change
