"""基本支出 by 部门经济分类: the 类 → 款 tree, and its 人员经费 and 公用经费 (DOMAIN.md: 301 + 303,
302 + 基本支出's 310), as the source splits its rows or else by their class."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property

from reportgen.compute.arithmetic import ZERO, allowance, sum_known
from reportgen.compute.printed import as_printed
from reportgen.compute.trees import Node, code_name, derived_priors
from reportgen.docmodel.model import Budget, EconomicRow

PERSONNEL_CLASSES = ("301", "303")  # 人员经费 = 工资福利支出 + 对个人和家庭的补助
PUBLIC_CLASSES = ("302", "310")  # 公用经费 = 商品和服务支出 + 基本支出中的资本性支出
PERSONNEL, PUBLIC = "人员经费", "公用经费"


def economic_kind(code: str) -> str | None:
    """Whether an economic code (类 or 款) of 基本支出 counts as 人员经费 or 公用经费; None for a
    class that is neither (309 基本建设, 307 债务利息, 399 …): the one place that decides it."""
    if code[:3] in PERSONNEL_CLASSES:
        return PERSONNEL
    if code[:3] in PUBLIC_CLASSES:
        return PUBLIC
    return None


def personnel_public_split(code: str, amount: Decimal) -> tuple[Decimal | None, Decimal | None]:
    """An amount of an economic class or 款 in the 人员经费 and 公用经费 columns by its class:
    all in one, zero in the other; neither (None, None) for a class that is neither."""
    kind = economic_kind(code)
    if kind is None:
        return None, None
    return (amount, ZERO) if kind == PERSONNEL else (ZERO, amount)


def row_split(row: EconomicRow, amount: Decimal | None = None) -> tuple[Decimal | None, Decimal | None]:
    """An economic row's (or a part of it, ``amount``) 人员经费 and 公用经费: as the source splits
    the row (the part not given is the rest), else by its class."""
    whole = row.amount if amount is None else amount
    if row.stated_personnel is None and row.stated_public is None:
        return personnel_public_split(row.code, whole)
    personnel = row.stated_personnel if row.stated_personnel is not None else row.amount - (row.stated_public or ZERO)
    public = row.stated_public if row.stated_public is not None else row.amount - personnel
    if amount is None or not row.amount:
        return personnel, public
    return personnel * amount / row.amount, public * amount / row.amount  # a 政府经济分类 part, in proportion


def _stated_split(row: EconomicRow) -> bool:
    """Whether the source states the row's 人员经费 or 公用经费."""
    return row.stated_personnel is not None or row.stated_public is not None


def _summed_splits(rows: list[EconomicRow]) -> tuple[Decimal | None, Decimal | None]:
    """The sums of the rows' 人员经费 and of their 公用经费 (each None where a row's is unknown: sum_known)."""
    splits = [row_split(r) for r in rows]
    return sum_known(p for p, _ in splits), sum_known(q for _, q in splits)


def _tail_to_its_kind(amount: Decimal, personnel: Decimal, public: Decimal) -> tuple[Decimal, Decimal]:
    """A class's 人员经费 and 公用经费 from its rows' splits; what its printed amount holds beyond them (its tail:
    _print_classes) added to the kind the class is all of, where it is all of one kind."""
    tail = amount - personnel - public
    if tail and not public:
        return personnel + tail, public
    if tail and not personnel:
        return personnel, public + tail
    return personnel, public


@dataclass(frozen=True)
class EconomicLine:
    """An economic 类 or 款 of 一般公共预算 with its 基本支出 and 项目支出 (EconomicFigures.general_by_class)."""

    code: str
    name: str
    basic: Decimal
    project: Decimal

    @property
    def total(self) -> Decimal:
        return self.basic + self.project


class EconomicFigures:
    """The economic rows' figures of one Budget."""

    def __init__(self, budget: Budget) -> None:
        self.budget = budget

    @cached_property
    def has_economic_rows(self) -> bool:
        return bool(self.budget.economic_rows)

    @cached_property
    def basic_from_economic(self) -> Decimal | None:
        rows = self.budget.economic_rows
        return sum((r.amount for r in rows), ZERO) if rows else None

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
        self._print_classes(top)
        derived_priors(self.budget, "经济分类", list(top.values()))
        return list(top.values())

    def _print_classes(self, top: dict[str, Node]) -> None:
        """A class the source states (a 3-digit row over its 款) within 尾数 of its 款: as stated
        (compute/printed.py); its amount is then that figure."""
        for total in self.budget.stated_totals:
            node = top.get(total.code)
            if total.kind == "经济分类" and node is not None:
                printed = as_printed(self.budget, total.total, node.basic_part, len(node.children))
                if printed is not None:
                    node.basic_part = printed

    def classes_as_stated(self, whole: Decimal | None) -> dict[str, Decimal]:
        """The classes the source states beyond 尾数 of their 款 (not taken by _print_classes), each as stated, where
        with them the classes make ``whole`` (the 基本支出 the table's 合计 prints) within 尾数 and with their 款 they do
        not: the 款 contradict the rest of the document, the stated class does not (长春 2026's 工资福利支出 911.21 and
        商品和服务支出 211.00 over 款 of 920.96 and 221.37, its 合计 1,208.20 their 911.21 + 211.00 + 85.98). The table
        that prints them prints them so, the 款 as stated below; the check reports the difference (R-填报合计), nothing
        is re-added. A class whose rows state their own 人员经费 and 公用经费 is not among them. {} else."""
        tree = {node.code: node.basic_part for node in self.economic_tree}
        stated = self._stated_otherwise(tree)
        if whole is None or not stated:
            return {}
        made, summed = sum({**tree, **stated}.values(), ZERO), sum(tree.values(), ZERO)
        near = allowance(self.budget, len(tree), whole, made)
        return stated if abs(made - whole) <= near < abs(summed - whole) else {}

    def _stated_otherwise(self, tree: dict[str, Decimal]) -> dict[str, Decimal]:
        """The classes of ``tree`` (each its amount) the source states otherwise, none of whose rows states its split."""
        split = {row.code[:3] for row in self.budget.economic_rows if _stated_split(row)}
        stated = {t.code: t.total for t in self.budget.stated_totals
                  if t.kind == "经济分类" and t.code in tree and t.code not in split}
        return {code: total for code, total in stated.items() if total is not None and total != tree[code]}

    def kinds_as_stated(self, whole: Decimal | None) -> tuple[Decimal | None, Decimal | None]:
        """人员经费 and 公用经费 as the 基本支出 table's 合计 row prints them: as the source states them where they make
        ``whole`` (its 基本支出) within 尾数 and the rows' do not (长春 2026: 997.20 and 211.00, its 款 1,006.94 and
        221.37); else personnel and public."""
        personnel, public = self.personnel, self.public
        stated = (self.budget.stated_personnel, self.budget.stated_public)
        if whole is None or stated[0] is None or stated[1] is None or personnel is None or public is None:
            return personnel, public
        made, summed = stated[0] + stated[1], personnel + public
        near = allowance(self.budget, 2, whole, made)
        return stated if abs(made - whole) <= near < abs(summed - whole) else (personnel, public)

    def economic_class(self, code: str) -> Decimal:
        return sum((r.amount for r in self.budget.economic_rows if r.code.startswith(code)), ZERO)

    def class_split(self, code: str) -> tuple[Decimal | None, Decimal | None]:
        """An economic class's 人员经费 and 公用经费: the sum of its rows' splits; a class printed as stated
        (its tail: _print_classes) that is all of one kind is that kind's whole."""
        rows = [r for r in self.budget.economic_rows if r.code.startswith(code)]
        amount = self._class_amount(code, rows)
        if not any(r.stated_personnel is not None or r.stated_public is not None for r in rows):
            return personnel_public_split(code, amount)
        personnel, public = _summed_splits(rows)
        if personnel is None or public is None:
            return None, None
        return _tail_to_its_kind(amount, personnel, public)

    def _class_amount(self, code: str, rows: list[EconomicRow]) -> Decimal:
        """An economic class's amount in 基本支出: its node's (as printed), else the sum of its ``rows``."""
        node = next((n for n in self.economic_tree if n.code == code), None)
        return node.basic_part if node is not None else sum((r.amount for r in rows), ZERO)

    @cached_property
    def unclassified_basic(self) -> list[tuple[str, Decimal]]:
        """Economic classes in 基本支出 that are neither 人员经费 nor 公用经费 (and that the source does
        not split), with their amounts."""
        return [(n.code, n.basic_part) for n in self.economic_tree if self.class_split(n.code)[0] is None]

    @cached_property
    def personnel(self) -> Decimal | None:
        """人员经费 = 301 + 303 of 基本支出 (or as the source splits its rows)."""
        if self.has_economic_rows:
            computed = sum((row_split(r)[0] or ZERO for r in self.budget.economic_rows), ZERO)
            return self._as_stated(self.budget.stated_personnel, computed)
        return self.budget.stated_personnel

    @cached_property
    def public(self) -> Decimal | None:
        """公用经费 = 302 + 基本支出 part of 310 (or as the source splits its rows)."""
        if self.has_economic_rows:
            computed = sum((row_split(r)[1] or ZERO for r in self.budget.economic_rows), ZERO)
            return self._as_stated(self.budget.stated_public, computed)
        return self.budget.stated_public

    def _as_stated(self, stated: Decimal | None, computed: Decimal) -> Decimal:
        """人员经费 or 公用经费 as the source states it, within 尾数 of its rows' (compute/printed.py)."""
        printed = as_printed(self.budget, stated, computed, len(self.budget.economic_rows))
        return computed if printed is None else printed

    @cached_property
    def general_by_class(self) -> list[EconomicLine]:
        """一般公共预算 by economic 类 and 款 with its 基本支出 and 项目支出 (深圳's 一般公共预算支出表（按经济分类）): every
        code of either — the 基本支出 as the economic tree holds it, the 项目支出 as 支出.一般公共预算项目支出经济分类
        states it, a 类 its 款 added (or its own line where it has no 款); a code one of them does not list spends none
        of it (each list is the whole of its part: R-项目支出经济分类). Each class before its 款."""
        basic = {node.code: node.basic_part for top in self.economic_tree for node in top.walk()}
        project: dict[str, Decimal] = {}
        for line in self.budget.general_project_classes:
            for code in {line.code[:3], line.code}:
                project[code] = project.get(code, ZERO) + line.amount
        lines = []
        for code in sorted(set(basic) | set(project)):
            name = code_name(self.budget, "经济分类", code) or code
            own = next((r.name for r in self.budget.economic_rows if r.code == code), "")
            lines.append(EconomicLine(code, own or name, basic.get(code, ZERO), project.get(code, ZERO)))
        return lines

    def economic_totals(self) -> dict[str, Decimal]:
        return {node.code: node.basic_part for top in self.economic_tree for node in top.walk()}
