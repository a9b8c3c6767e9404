"""The consistency rules (勾稽关系) among a budget's figures: totals, splits, classifications, the
same figure in every place, stated changes and the department's own words."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from decimal import Decimal

from reportgen import codes
from reportgen.base.errors import Finding
from reportgen.base.rules import SOURCE, rule
from reportgen.checks.precision import exceeds
from reportgen.checks.registry import make_finding, reason_threshold
from reportgen.checks.slips import SLIPS
from reportgen.compute import ZERO, Computed, Node, allowance, in_unit, quantize_half_up, step_allowance, sum_known
from reportgen.compute.economic import personnel_public_split
from reportgen.compute.phrasing import Money
from reportgen.compute.totals import economic_in_part
from reportgen.docmodel.model import (
    FISCAL_SOURCES,
    FUNDS,
    INCOME_SOURCES,
    PROCUREMENT_KINDS,
    THREE_PUBLIC_CLASSES,
    THREE_PUBLIC_PARTS,
    UNSPLIT_FUND,
    VEHICLES,
    Budget,
    Compared,
    EconomicRow,
    FunctionRow,
    Prior,
    StatedTotal,
)
from reportgen.readers.text.running_scope import running_costs_scope
from reportgen.tablekinds import role


@rule("R-收支平衡", SOURCE, ("error", "warning"))
def balance(b: Budget, f: Computed, m: Money) -> Iterator[Finding]:
    if f.expenditure_grand_total is None:
        return
    if f.income_grand_total is None:  # 收入 partly published: what it gives already bounds 收入总计 below
        yield from _balance_of_known_part(b, f, m)
        return
    income, spent = Decimal(f.income_grand_total), Decimal(f.expenditure_grand_total)
    if income != spent:
        # a 决算's figures, each rounded from 元 on its own as its tables print them, may leave the sums that
        # far apart (as R-财政拨款结转 allows); a budget's balance is exact, as R-财政拨款一致 is
        # so may a budget's read from a published document that says its figures were printed rounded
        # (金额精度): each side the sum of printed figures, the two totals it prints equal (广州国资委 2026:
        # 119,257.52 and 119,257.53 summed, both printed 119,257.52); one typed is exact
        bound = allowance(b, f.balance_figures, income, spent) if b.final else \
            _printed_tail(b, f.balance_figures - 1, income, spent)
        tail = abs(income - spent) <= bound
        yield make_finding(b, "warning" if tail else "error", "R-收支平衡", _unequal(b, income, spent, m, tail),
                           b.line_of("收入.一般公共预算拨款"), "收入")


def gap(m: Money, amount: Decimal) -> str:
    """A difference (in 元) in the unit that shows it: the text's unit where it shows there
    (0.01万元), else 元 with the decimals it needs (0.01元, 1.00元): never “相差 0.00万元”."""
    if amount == 0 or m.shown(amount) != 0:
        return m.with_unit(amount)
    places = max(2, -amount.normalize().as_tuple().exponent)  # type: ignore[operator]
    return f"{amount:,.{places}f}元"


def _unequal(b: Budget, income: Decimal, spent: Decimal, m: Money, tail: bool) -> str:
    words = _balance_words(b)
    said = (f"收入总计 {m.with_unit(income)}（{words[0]}）与支出总计 {m.with_unit(spent)}（{words[1]}）不相等，"
            f"相差 {gap(m, abs(income - spent))}")
    if not tail:
        return said
    return (f"{said}：在各数按印出位数分别取整的尾数误差之内，不作为差错；"
            "但印出的两个总计将不相等（原文的总计由未取整的数算出）")


def _balance_of_known_part(b: Budget, f: Computed, m: Money) -> Iterator[Finding]:
    """收入总计 is not known, but is not less than the sources written: more than 支出总计 is an error
    (the figures cannot balance whatever the rest is), never a total left to print in silence."""
    known, spent = f.income_known_part, f.expenditure_grand_total
    if spent is not None and f.known_income_exceeds(spent):
        yield make_finding(
            b, "error", "R-收支平衡",
            f"收入只公开了一部分，而写出的各项收入之和 {m.with_unit(known)} 已大于支出总计 {m.with_unit(spent)}"
            f"（{_balance_words(b)[1]}）：收入总计不会小于它的各项之和，收支不能平衡；请核对支出"
            "（如只写了一般公共预算的基本支出、项目支出）或写上结转下年",
            b.line_of("收入.一般公共预算拨款") or b.key_lines.get("收入", 0), "收入",
        )


def _balance_words(b: Budget) -> tuple[str, str]:
    """What 收入总计 and 支出总计 sum, in the words of a budget or of a 决算."""
    if b.final:
        return "本年收入、使用非财政拨款结余与年初结转和结余之和", "本年支出、结余分配与年末结转和结余之和"
    return "各项收入与上年结转之和", "基本支出、项目支出与结转下年之和"


def _allowance(b: Budget, parts: int, *figures: Decimal | None) -> Decimal:
    """The rounding a 万元 source's figures may carry against a sum of ``parts`` of them (none in 元)."""
    return allowance(b, parts, *figures)


def classes_off(b: Budget, f: Computed) -> dict[str, Decimal]:
    """Each economic class whose 类 row the source states and whose 款 add up to another figure: the stated figure
    less the 款' sum. That slip is told once, at its 类 row (R-填报合计, or the import's difference: 长春's 301
    印作 911.21 over 款 of 920.96)."""
    stated = [t for t in b.stated_totals if t.kind == "经济分类" and len(t.code) == 3 and t.total is not None]
    return {t.code: t.total - f.economic_class(t.code) for t in stated
            if t.total is not None and t.total != f.economic_class(t.code)}


def told_at_classes(b: Budget, stated: Decimal, computed: Decimal, off: Decimal) -> bool:
    """Whether a figure computed from the economic 款 differs from ``stated`` only by the classes whose 款 do not add up
    to their printed 类 (``off``: what those classes' 类 rows print more): with them as printed it agrees, within 尾数 —
    the same slip, told at its 类 row, not a second one."""
    return bool(off) and abs(stated - computed - off) <= _allowance(b, len(b.economic_rows), stated, computed)


@rule("R-基本支出一致", SOURCE, "error")
def basic_agrees(b: Budget, f: Computed, m: Money) -> Iterator[Finding]:
    yield from _basic_by_classifications(b, f, m)
    yield from _basic_by_stated_split(b, f, m)


def _basic_by_classifications(b: Budget, f: Computed, m: Money) -> Iterator[Finding]:
    """一般公共预算 基本支出 by the function rows against the economic rows' (beyond the allowance, and unless the
    difference is the classes' own, told at them)."""
    if f.has_function_rows and f.has_economic_rows and f.general_basic is not None and f.basic_from_economic is not None \
            and abs(f.general_basic - f.basic_from_economic) > _allowance(
                b, len(b.function_rows) + len(b.economic_rows), f.general_basic, f.basic_from_economic) \
            and not told_at_classes(b, f.general_basic, f.basic_from_economic, sum(classes_off(b, f).values(), ZERO)):
        yield make_finding(b, "error", "R-基本支出一致",
                       f"一般公共预算基本支出不一致：功能分类各行合计 {m.with_unit(f.general_basic)}，"
                       f"经济分类各款合计 {m.with_unit(f.basic_from_economic)}",
                       b.line_of("支出.基本支出.经济分类[1]"), "支出.基本支出.经济分类")


def _basic_by_stated_split(b: Budget, f: Computed, m: Money) -> Iterator[Finding]:
    """Without economic rows: the function rows' 一般公共预算 基本支出 against the stated 人员经费 and 公用经费."""
    stated = f.basic_from_stated_split
    if stated is None or f.has_economic_rows:
        return  # with economic rows, R-人员公用经费 compares each part
    if f.has_function_rows and f.general_basic is not None and f.general_basic != stated:  # none: no amount to set beside
        yield make_finding(b, "error", "R-基本支出一致",
                       f"基本支出不一致：功能分类中一般公共预算基本支出 {m.with_unit(f.general_basic)}，"
                       f"填报的人员经费与公用经费之和 {m.with_unit(stated)}",
                       b.key_lines.get("支出.基本支出.人员经费", b.key_lines.get("支出.基本支出", 0)), "支出.基本支出")


@rule("R-基本支出不大于总额", SOURCE, "error")
def basic_within_total(b: Budget, f: Computed, m: Money) -> Iterator[Finding]:
    """A fund's 基本支出 is part of its spending: never more than it (nor all 基本支出 more than all)."""
    if f.general_basic is not None and f.general_budget is not None and f.general_basic > f.general_budget:
        yield make_finding(b, "error", "R-基本支出不大于总额",
                           f"一般公共预算基本支出 {m.with_unit(f.general_basic)} 大于一般公共预算支出 "
                           f"{m.with_unit(f.general_budget)}：基本支出是支出的一部分，请核对",
                           b.line_of("收入.一般公共预算拨款"), "支出.基本支出")


@rule("R-基本支出合计", SOURCE, "error")
def stated_basic_agrees(b: Budget, f: Computed, m: Money) -> Iterator[Finding]:
    """支出.基本支出.合计, where the source also gives finer figures, equals them. The 经济分类 and the
    人员经费/公用经费 are 一般公共预算基本支出's: they give the whole only where no other fund's row
    spends on 基本支出 (烟台文旅局 2026: 14,128.98 of all funds, 539.94 of it 单位资金, beside the
    一般公共预算基本支出表's 13,589.07; 广州市市场监督管理局 2026: 事业收入 and 其他收入 pay 6,186.87万元 of its
    68,692.51 — R-基本支出一致 compares them with the fund's own rows)."""
    finer: tuple[tuple[str, Decimal | None, int], ...] = (
        ("功能分类各行的基本支出合计", f.basic_from_functions, len(b.function_rows)),)
    economic = f.basic_from_economic
    if economic is not None and b.stated_basic is not None \
            and told_at_classes(b, b.stated_basic, economic, sum(classes_off(b, f).values(), ZERO)):
        economic = None  # its 款 differ from their printed 类 alone: told there
    if not _other_funds_basic(b):
        finer += (("经济分类各行合计", economic, len(b.economic_rows)),
                  ("人员经费与公用经费之和", f.basic_from_stated_split, 2))
    yield from _stated_agrees(b, m, ("R-基本支出合计", "基本支出合计", "支出.基本支出.合计"), b.stated_basic, finer)


def _other_funds_basic(b: Budget) -> bool:
    """Whether a function row of a fund other than 一般公共预算 spends on 基本支出 (or may: its split not given),
    or the rows are 一般公共预算's alone (功能分类口径: 江苏's 其他资金, by function nowhere, may), or there are no
    rows and other money may (economic_in_part: 北京), or 收入 is published in part (其余未公开: 江苏省政协办公厅's
    其他资金 80.00 may pay 基本支出)."""
    return economic_in_part(b) or any((r.basic is None and r.project is None) or r.basic
                                      for r in b.function_rows if r.fund != "一般公共预算")


def _stated_agrees(b: Budget, m: Money, what: tuple[str, str, str], stated: Decimal | None,
                   finer: tuple[tuple[str, Decimal | None, int], ...]) -> Iterator[Finding]:
    """A total the source types, against each finer figure that gives it (the sum of so many printed
    figures): equal, or within their 尾数 (a total printed apart from its rounded parts, as a published
    table prints it: compute/printed.py). ``what``: (rule, its name, its field)."""
    rule_id, name, field = what
    if stated is None:
        return
    for label, value, parts in finer:
        if value is not None and abs(value - stated) > _allowance(b, parts, value, stated):
            yield make_finding(b, "error", rule_id, f"填报的{name} {m.with_unit(stated)} 与{label} {m.with_unit(value)} 不一致",
                               b.line_of(field), field)


@rule("R-项目支出合计", SOURCE, ("error", "warning"))
def stated_project_agrees(b: Budget, f: Computed, m: Money) -> Iterator[Finding]:
    """支出.项目支出 equals the function rows' 项目支出; a project list covers at most that total,
    and a list that covers less is said (表10 then lists some projects only)."""
    stated = b.stated_project
    if stated is None:
        return
    line, path = b.line_of("支出.项目支出"), "支出.项目支出"
    if f.project_from_functions is not None and abs(f.project_from_functions - stated) > _allowance(
            b, len(b.function_rows), f.project_from_functions, stated):
        yield make_finding(b, "error", "R-项目支出合计", f"填报的项目支出 {m.with_unit(stated)} 与功能分类各行的项目支出合计 "
                           f"{m.with_unit(f.project_from_functions)} 不一致", line, path)
    listed = f.projects_total
    tail = _allowance(b, len(b.projects), listed, stated)  # a 万元 list's 尾数 (大鹏管理局 2026: 1,856.94 over 1,856.92)
    if listed is not None and listed > stated + tail:
        yield make_finding(b, "error", "R-项目支出合计", f"项目清单合计 {m.with_unit(listed)} 超过填报的项目支出 "
                           f"{m.with_unit(stated)}", line, path)
    elif listed is not None and listed < stated - tail:
        yield make_finding(b, "warning", "R-项目支出合计", f"项目清单只列出部分项目：合计 {m.with_unit(listed)}，"
                           f"项目支出 {m.with_unit(stated)}，其余 {m.with_unit(stated - listed)} 未逐项列出（{role('projects')}照此注明）",
                           line, path)


@rule("R-填报合计", SOURCE, "error")
def stated_totals(b: Budget, f: Computed, m: Money) -> Iterator[Finding]:
    """A total the source types (类/款 rows, 合计) must equal the sum of its parts."""
    yield from _class_totals(b, f, m)
    for row in b.function_rows:
        if row.stated_total is not None and abs(row.stated_total - row.total) > allowance(b, 2, row.stated_total, row.total):
            yield make_finding(b, "error", "R-填报合计",
                               f"{row.name}（项 {row.code}）填报合计 {m.with_unit(row.stated_total)}，基本支出与项目支出之和 "
                               f"{m.with_unit(row.total)}", row.line, "支出.功能分类")
    yield from _three_public_totals(b, f, m)
    yield from _procurement_total(b, m)
    yield from _lines_prior(b, m)


def _lines_prior(b: Budget, m: Money) -> Iterator[Finding]:
    """The 一般公共预算 lines' 上年 (支出.功能分类[].上年, a fund table printing last year's budget on each line) are
    a part of 上年.一般公共预算, where every line states one: their sum is not more than it (a line spent last year
    and not this one is in the total and may be printed nowhere, so the sum may be less)."""
    stated = b.prior.totals.get("一般公共预算")
    lines = [row.prior for row in b.function_rows if row.fund == "一般公共预算"]
    if stated is None or not lines or any(prior is None for prior in lines):
        return
    total = sum((prior for prior in lines if prior is not None), ZERO)
    if total - stated > allowance(b, len(lines), stated, total):
        yield make_finding(b, "error", "R-填报合计", f"功能分类各行（一般公共预算）的上年之和 {m.with_unit(total)}，"
                           f"大于上年.一般公共预算 {m.with_unit(stated)}", b.line_of("上年.一般公共预算"), "上年.一般公共预算")


def _procurement_total(b: Budget, m: Money) -> Iterator[Finding]:
    """政府采购.合计 is its kinds added up; where a kind is not given (unknown), not less than those given."""
    p = b.procurement
    if p is None or p.stated_total is None:
        return
    given = p.goods + p.works + p.services
    complete = len(p.given) == len(PROCUREMENT_KINDS)
    off = p.stated_total - given
    if abs(off) > step_allowance(b, 3, p.stated_total) and (complete or off < 0):
        amounts = dict(zip(PROCUREMENT_KINDS, (p.goods, p.works, p.services), strict=True))
        parts = "、".join(f"{k} {m.with_unit(amounts[k])}" for k in PROCUREMENT_KINDS if complete or k in p.given)
        kinds = f"{parts}之和" if complete else f"其中写出的{parts}之和"  # each named: the slip may be any of them
        yield make_finding(b, "error", "R-填报合计", f"政府采购填报合计 {m.with_unit(p.stated_total)}，{kinds} {m.with_unit(given)}",
                           p.line, "政府采购.合计")


def _class_totals(b: Budget, f: Computed, m: Money) -> Iterator[Finding]:
    """A 类 or 款 row the source types beside its parts: each column it states against their sum."""
    function_nodes: dict[tuple[str, str], Node] = {
        (fund, node.code): node for fund in {t.fund for t in b.stated_totals if t.kind == "功能分类"}
        for top in f.function_tree(fund) for node in top.walk()}
    economic_nodes = {n.code: n for n in f.economic_tree}
    for t in b.stated_totals:
        level = "类" if len(t.code) == 3 else "款"
        yield from _columns_off(b, m, t, level, *_sums_under(t, level, function_nodes, economic_nodes))


def _columns_off(b: Budget, m: Money, t: StatedTotal, level: str, parts: str,
                 computed: dict[str, Decimal]) -> Iterator[Finding]:
    """Each column a stated 类 or 款 row types (合计, 基本支出, 项目支出) that is not the sum of its ``parts``."""
    for label, stated in (("合计", t.total), ("基本支出", t.basic), ("项目支出", t.project)):
        if stated is None or label not in computed or stated == computed[label]:
            continue
        what = "" if label == "合计" else label
        yield make_finding(b, "error", "R-填报合计",
                           f"{t.name}（{level} {t.code}）填报{what} {m.with_unit(stated)}，{parts}{what} "
                           f"{m.with_unit(computed[label])}", t.line, t.kind)


def _sums_under(t: StatedTotal, level: str, function_nodes: dict[tuple[str, str], Node],
                economic_nodes: dict[str, Node]) -> tuple[str, dict[str, Decimal]]:
    """What a stated 类 or 款 row is checked against: the words for its parts, and their sums by column."""
    if t.kind == "功能分类":
        return "其下各款合计" if level == "类" else "其下各项合计", _node_sums(function_nodes.get((t.fund, t.code)))
    economic = economic_nodes.get(t.code)
    return "其下各款合计", {"合计": economic.basic_part if economic else ZERO}


def _node_sums(node: Node | None) -> dict[str, Decimal]:
    """A function node's 合计, 基本支出 and 项目支出 (zeros for a 类/款 with no rows under it); a split
    its rows do not give is left out (nothing to check a stated one against)."""
    if node is None:
        return {"合计": ZERO, "基本支出": ZERO, "项目支出": ZERO}
    sums = {"合计": node.total, "基本支出": node.basic, "项目支出": node.project}
    return {label: value for label, value in sums.items() if value is not None}


def _three_public_totals(b: Budget, f: Computed, m: Money) -> Iterator[Finding]:
    """The “三公” 合计 the source types, this year's and last year's, against its four parts."""
    yield from _vehicles_total(b, f, m)
    stated = b.three_public.stated_total
    if stated is None or not b.three_public.given and b.three_public.vehicles is None:
        return  # no part stated (北京's 情况说明 given without its pages of the parts): no sum of them, never 0.00
    yield from _three_public_this_year(b, f, m, stated)
    if f.three_public_parts_total is not None:
        yield from _three_public_last_year(b, m, stated)


def _three_public_this_year(b: Budget, f: Computed, m: Money, stated: Compared) -> Iterator[Finding]:
    """This year's “三公” 合计 against its four parts' sum; where not all four are given, never below those given."""
    parts = f.three_public_parts_total
    known = sum((v for v in (f.three_public_part(n) for n in THREE_PUBLIC_PARTS) if v is not None), ZERO)
    if parts is not None and stated.current != parts:
        yield make_finding(b, "error", "R-填报合计",
                           f"“三公”经费填报合计 {m.with_unit(stated.current)}，四项之和 {m.with_unit(parts)}",
                           stated.line, "三公经费.合计")
    elif parts is None and known > stated.current:
        yield make_finding(b, "error", "R-填报合计", f"“三公”经费填报合计 {m.with_unit(stated.current)}，小于已写出的各项之和 "
                           f"{m.with_unit(known)}", stated.line, "三公经费.合计")


def _three_public_last_year(b: Budget, m: Money, stated: Compared) -> Iterator[Finding]:
    """Last year's “三公” 合计 against its four parts' last-year sum, where both are given."""
    prior_parts = sum_known(part.prior for part in b.three_public.parts.values())
    if stated.prior is not None and prior_parts is not None and \
            abs(stated.prior - prior_parts) > _rounding(b, [stated, *b.three_public.parts.values()]):
        yield make_finding(b, "error", "R-填报合计",
                           f"“三公”经费填报的上年合计 {m.with_unit(stated.prior)}，四项上年之和 {m.with_unit(prior_parts)}",
                           stated.line, "三公经费.合计.上年")


def _rounding(b: Budget, items: list[Compared]) -> Decimal:
    """How far last year's figures may be apart where each is this year's less a change the text states, both printed
    rounded (广州市场监管局 “三公” 699.13万元 “比上年减少1.29万元” and its four parts' changes: 700.42 against 700.43): the
    printing's allowance for two rounded figures apiece; 0 where one of them is not so derived (a table's 上年)."""
    priors = [item.prior for item in items if item.prior is not None]
    if not priors or any(item.stated_change is None for item in items if item.prior is not None):
        return ZERO
    return allowance(b, 2 * len(priors) - 1, *priors)


def _vehicles_total(b: Budget, f: Computed, m: Money) -> Iterator[Finding]:
    """公务用车购置及运行维护费 as one figure, beside its two parts: their sum."""
    vehicles, t = b.three_public.vehicles, b.three_public
    if vehicles is None or not {"公务用车购置费", "公务用车运行维护费"} <= t.given:
        return
    parts = t.parts["公务用车购置费"].current + t.parts["公务用车运行维护费"].current
    if vehicles.current != parts:
        yield make_finding(b, "error", "R-填报合计", f"公务用车购置及运行维护费 {m.with_unit(vehicles.current)}，与公务用车购置费、"
                           f"公务用车运行维护费之和 {m.with_unit(parts)} 不一致", vehicles.line, f"三公经费.{VEHICLES}")


@rule("R-三公未知", SOURCE, "warning")
def three_public_unknown(b: Budget, f: Computed, m: Money) -> Iterator[Finding]:
    """A “三公” part the section leaves out while giving others is unknown (never 0.00): said, so that
    a part forgotten is not taken for one not published."""
    unknown = b.three_public.unknown
    if not unknown or f.three_public_total is None:
        return  # without a 合计 the render marks them missing (R-缺少)
    yield make_finding(b, "warning", "R-三公未知", f"“三公”经费中没有写{'、'.join(unknown)}：视为未公开，正文不写、表中空白；"
                       "为 0 的请写 0", b.three_public.line, "三公经费")


NO_CURRENT = "本年没有这个数可以推出上年数"  # a change stated of a figure this year's source does not hold
NEGATIVE_PRIOR = "推出的上年数为负"  # a change stated greater than this year's figure


_ChangedItem = tuple[str, Decimal, Decimal | None, Decimal | None, Decimal | None, int, str]


def _changed_items(b: Budget) -> list[_ChangedItem]:
    """Each figure of the source that may state its change (label, this year, last year, 增减额, 增减率, line, path)."""
    items: list[_ChangedItem] = []
    for p in b.projects:
        items.append((f"项目“{p.name}”", p.amount, p.prior, p.stated_change, p.stated_rate, p.line, "支出.项目"))
    for name, part in b.three_public.parts.items():
        items.append((name, part.current, part.prior, part.stated_change, part.stated_rate, part.line, f"三公经费.{name}"))
    if b.three_public.stated_total is not None:
        t = b.three_public.stated_total
        items.append(("“三公”经费", t.current, t.prior, t.stated_change, t.stated_rate, t.line, "三公经费.合计"))
    if b.running_costs is not None:
        r = b.running_costs
        items.append(("机关运行经费", r.current, r.prior, r.stated_change, r.stated_rate, r.line, "机关运行经费"))
    for c in b.project_classes:
        items.append((f"项目支出中的{c.name}", c.amount, c.prior, c.stated_change, c.stated_rate, c.line, "支出.项目支出经济分类"))
    for c in b.economic_lines:
        items.append((c.name, c.amount, c.prior, c.stated_change, c.stated_rate, c.line, "经济分类款预算"))
    if b.three_public.vehicles is not None:
        v = b.three_public.vehicles
        items.append((VEHICLES, v.current, v.prior, v.stated_change, v.stated_rate, v.line, f"三公经费.{VEHICLES}"))
    return items


@rule("R-增减", SOURCE, "error")
def stated_changes(b: Budget, f: Computed, m: Money) -> Iterator[Finding]:
    """A change the source writes (增减额/增减率) must follow from the two years' figures."""
    items = _changed_items(b)
    for label, current, prior, stated_change, stated_rate, line, path in items:
        if stated_change is None and stated_rate is None:
            continue
        if prior is None:
            yield make_finding(b, "error", "R-增减", f"{label}写明了增减，但没有上年数可以核对：请填写“上年”", line, path)
            continue
        if prior < 0:  # last year's, as this year's less the 增减额 written alone
            yield make_finding(b, "error", "R-增减", f"{label}的增减额 {m.with_unit(stated_change)} 大于本年的 "
                               f"{m.with_unit(current)}：{NEGATIVE_PRIOR}，请核对", line, path)
            continue
        yield from _change_agrees(b, m, (label, path), current, prior, stated_change, stated_rate, line)


@rule("R-增减", SOURCE, "error")
def changes_stated_alone(b: Budget, f: Computed, m: Money) -> Iterator[Finding]:
    """A change stated without last year's amount (上年 / 上年执行数: {增减额, 增减率}) needs this
    year's amount to give last year's; 增减率 must follow, at the precision written; and where
    last year's amount is known besides (上年.来源), 增减额 must agree with it too."""
    currents = {"totals": f.comparable_totals(), "功能分类": f.function_totals(), "经济分类": f.economic_totals()}
    for section, prior in (("上年", b.prior), ("上年执行数", b.actual)):
        if prior is not None:
            yield from _section_changes(b, m, section, prior, currents)


def _section_changes(b: Budget, m: Money, section: str, prior: Prior,
                     currents: dict[str, dict[str, Decimal]]) -> Iterator[Finding]:
    """The changes one prior year's section (上年, 上年执行数) states alone: each against this year's amount and, where
    last year's is known besides, against it."""
    stated = {"totals": prior.totals, "功能分类": prior.function, "经济分类": prior.economic}
    for (kind, key), change in prior.changes.items():
        path = f"{section}.{key}" if kind == "totals" else f"{section}.{kind}.{key}"
        current = currents[kind].get(key)
        if current is None and not b.budget_stated and kind == "totals":
            continue  # a note of changes: said as stated (Computed.changes_alone), nothing to check it by
        if current is None:
            yield make_finding(b, "error", "R-增减", f"{path} 写明了增减，但{NO_CURRENT}：请填写本年的{key}",
                               change.line, path)
            continue
        assert change.change is not None  # the loader refuses a rate alone
        last = stated[kind].get(key, current - change.change)
        if last < 0:
            yield make_finding(b, "error", "R-增减", f"{path} 的增减额 {m.with_unit(change.change)} 大于本年的 "
                               f"{m.with_unit(current)}：{NEGATIVE_PRIOR}，请核对", change.line, path)
            continue
        yield from _change_agrees(b, m, (path, path), current, last, change.change, change.rate, change.line)


def _change_agrees(b: Budget, m: Money, where: tuple[str, str], current: Decimal, prior: Decimal,
                   stated_change: Decimal | None, stated_rate: Decimal | None, line: int) -> Iterator[Finding]:
    """增减额 and 增减率 as written, against the two years' amounts, each at its written precision
    (增减率 1.0 is right for 1.01%, 增减额 0.2 for 0.18). ``where``: (what the message calls it, its field)."""
    label, path = where
    difference = current - prior
    change_places = max(0, -int(stated_change.as_tuple().exponent)) if stated_change is not None else 0
    if stated_change is not None and (quantize_half_up(in_unit(stated_change, b.source_unit), change_places)
                                      != quantize_half_up(in_unit(difference, b.source_unit), change_places)):
        yield make_finding(b, "error", "R-增减", f"{label}填报增减额 {m.with_unit(stated_change)}，按上年 {m.with_unit(prior)}、"
                           f"本年 {m.with_unit(current)} 计算应为 {m.with_unit(difference)}", line, path)
    if stated_rate is None:
        return
    if not prior:
        yield make_finding(b, "error", "R-增减", f"{label}上年为 0，增长率无可比性，不应填写增减率 {stated_rate}%", line, path)
        return
    rate_places = max(0, -int(stated_rate.as_tuple().exponent))
    rate = quantize_half_up(difference * 100 / prior, rate_places)
    if quantize_half_up(stated_rate, rate_places) != rate:
        yield make_finding(b, "error", "R-增减", f"{label}填报增减率 {stated_rate}%，按上年 {m.with_unit(prior)}、"
                           f"本年 {m.with_unit(current)} 计算应为 {rate}%", line, path)


@rule("R-科目人员公用经费", SOURCE, "error")
def line_personnel_public(b: Budget, f: Computed, m: Money) -> Iterator[Finding]:
    """A function line's 人员经费 and 公用经费 are its 基本支出 in two: stated where it gives a 基本支出, their sum
    that 基本支出 within the rounding of three printed figures, neither more than it."""
    for row in b.function_rows:
        if row.stated_personnel is None and row.stated_public is None:
            continue
        path = f"支出.功能分类.{row.code}"
        if row.basic is None:
            yield make_finding(b, "error", "R-科目人员公用经费", f"{row.name}（{row.code}）写了人员经费或公用经费，却没有写"
                               "基本支出：它们是基本支出的两部分，请写出基本支出", row.line, path)
            continue
        yield from _kinds_off(b, m, row, row.basic, path)


def _kinds_off(b: Budget, m: Money, row: FunctionRow, basic: Decimal, path: str) -> Iterator[Finding]:
    """A line's stated 人员经费 and 公用经费 (their sum, or the one stated) beyond its 基本支出's rounding."""
    stated = [part for part in (row.stated_personnel, row.stated_public) if part is not None]
    whole = sum(stated, ZERO)
    off = whole - basic if len(stated) == 2 else max(whole - basic, ZERO)
    if abs(off) > allowance(b, 2, basic, *stated):
        named = "人员经费与公用经费之和" if len(stated) == 2 else "人员经费" if row.stated_personnel is not None else "公用经费"
        yield make_finding(b, "error", "R-科目人员公用经费", f"{row.name}（{row.code}）的{named} {m.with_unit(whole)} 与基本支出 "
                           f"{m.with_unit(basic)} 不符（相差 {gap(m, off)}）", row.line, path)


@rule("R-人员公用经费", SOURCE, "error")
def personnel_public(b: Budget, f: Computed, m: Money) -> Iterator[Finding]:
    if not f.has_economic_rows:
        return
    yield from _neither_personnel_nor_public(b, f, m)
    yield from _split_against_classes(b, f, m)


def _neither_personnel_nor_public(b: Budget, f: Computed, m: Money) -> Iterator[Finding]:
    """An economic class of 基本支出 with money that is neither 人员经费 nor 公用经费 (nor split by the source)."""
    # a class printed with 0.00 (福州市民政局 2026's 基本支出经济分类情况表 lists every 类, 307 to 399 at 0.00) spends nothing
    for code, amount in ((code, amount) for code, amount in f.unclassified_basic if amount):
        index = next(i for i, r in enumerate(b.economic_rows, 1) if r.code.startswith(code))
        path = f"支出.基本支出.经济分类[{index}]"
        yield make_finding(b, "error", "R-人员公用经费",
                       f"经济分类 {code} 类（{m.with_unit(amount)}）既不是人员经费（301、303）也不是公用经费（302、310），"
                       "不应列入基本支出：请核对科目编码，或把它列入项目支出", b.line_of(path), path)


def _split_against_classes(b: Budget, f: Computed, m: Money) -> Iterator[Finding]:
    """The stated 人员经费 and 公用经费 against the economic classes' sums, beyond the allowance and unless the
    difference is the classes' own (told at them)."""
    splits = [personnel_public_split(code, off) for code, off in classes_off(b, f).items()]
    offs = (sum((p or ZERO for p, _ in splits), ZERO), sum((q or ZERO for _, q in splits), ZERO))
    for (label, stated, computed), off in zip((("人员经费", b.stated_personnel, f.personnel),
                                              ("公用经费", b.stated_public, f.public)), offs, strict=True):
        if stated is not None and computed is not None and _split_differs(b, stated, computed, off):
            yield make_finding(b, "error", "R-人员公用经费",
                           f"填报的{label} {m.with_unit(stated)} 与经济分类计算的 {m.with_unit(computed)} 不一致"
                           f"（人员经费 = 301 + 303，公用经费 = 302 + 310）",
                           b.key_lines.get(f"支出.基本支出.{label}", b.key_lines.get("支出.基本支出", 0)),
                           f"支出.基本支出.{label}")


def _split_differs(b: Budget, stated: Decimal, computed: Decimal, off: Decimal) -> bool:
    """Whether a stated 人员经费 or 公用经费 differs from the classes' sum beyond the allowance, by more than the
    classes' own differences (``off``: told at them)."""
    return abs(stated - computed) > _allowance(b, len(b.economic_rows), stated, computed) \
        and not told_at_classes(b, stated, computed, off)


@rule("R-机关运行经费", SOURCE, "error")
def running_costs_within_public(b: Budget, f: Computed, m: Money) -> Iterator[Finding]:
    """机关运行经费 is the 日常公用经费 of the 机关: it cannot exceed the 公用经费 of 基本支出 — unless the source says it
    is of another scope: a 名词解释 that makes it no part of 公用经费, or a 说明 saying it counts projects' money this
    year (江苏 2017: “2017年将涉及机关运行的项目经费支出纳入了本表”)."""
    over = running_costs_over_public(b, f, m)
    if over is None or running_costs_of_its_own(b) or b.running_costs is not None \
            and running_costs_scope(b.running_costs.note, b.year) is not None:
        return
    r = b.running_costs
    yield make_finding(b, "error", "R-机关运行经费", f"{over}：机关运行经费是公用经费的一部分，请核对",
                       r.line if r is not None and r.line else b.key_lines.get("机关运行经费", 0), "机关运行经费")


@rule("R-机关运行经费", SOURCE, "error")
def running_lines_add_up(b: Budget, f: Computed, m: Money) -> Iterator[Finding]:
    """机关运行经费.经济分类 as its table prints it: the 类 rows added are 机关运行经费.本年, and each 类 is its 款 added,
    within their 尾数 (a 类 no 款 is printed under is not checked)."""
    r, lines = b.running_costs, b.running_lines
    if r is None or not lines:
        return
    classes = [line for line in lines if len(line.code) == 3]
    pairs = [("机关运行经费", r.current, classes)] if classes else []
    pairs += [(f"{c.code} 类", c.amount, under) for c in classes
              if (under := [line for line in lines if len(line.code) == 5 and line.code.startswith(c.code)])]
    for name, whole, parts in pairs:
        added = sum((line.amount for line in parts), ZERO)
        if abs(added - whole) > allowance(b, len(parts), added, whole):
            yield make_finding(b, "error", "R-机关运行经费", f"机关运行经费按经济分类各行之和 {m.with_unit(added)}，"
                               f"{name} {m.with_unit(whole)}：相差超过尾数", parts[0].line or r.line, "机关运行经费.经济分类")


def running_costs_over_public(b: Budget, f: Computed, m: Money) -> str | None:
    """“机关运行经费 X 超过了基本支出中的公用经费 Y” where it does, whatever the scope the source gives it; else None.
    A document states it in the text's unit (171.01万元) beside 公用经费 summed in 元 (1,710,062元): an excess that
    vanishes at the precision the text shows both is the text's rounding, not an excess."""
    r = b.running_costs
    unit = b.presentation.text_unit("机关运行经费")
    if r is None or f.public is None or m.shown(r.current, unit) <= m.shown(f.public, unit) \
            or r.current - f.public <= _allowance(b, len(b.economic_rows), r.current, f.public):
        return None
    return f"机关运行经费 {m.with_unit(r.current, unit)} 超过了基本支出中的公用经费 {m.with_unit(f.public, unit)}"


def running_costs_of_its_own(b: Budget) -> bool:
    """Whether the document's 名词解释 defines 机关运行经费 as no part of 公用经费 (深圳's 行政经费（机关运行经费）:
    the funds of a list of economic items, 办公设备购置 and 公务用车购置 among them, whatever their kind)."""
    return any(RUNNING_COSTS in term and text is not None and PUBLIC_COSTS not in text for term, text in b.glossary)


RUNNING_COSTS = "机关运行经费"
PUBLIC_COSTS = "公用经费"


@rule("R-项目支出一致", SOURCE, "error")
def projects_agree(b: Budget, f: Computed, m: Money) -> Iterator[Finding]:
    """The project list covers all 项目支出 of the function rows, unless the source states that
    it lists some projects only (支出.项目支出, checked by R-项目支出合计)."""
    if f.project_from_functions is None or f.projects_total is None or b.stated_project is not None:
        return
    # each side a sum of figures printed rounded (深圳市民政局 2026 without its 支出总表: its fund tables' 项目支出
    # 22,701.78, its project list 22,701.77): apart beyond their rounding only
    parts = sum(1 for r in b.function_rows if r.project) + len(b.projects)
    if abs(f.project_from_functions - f.projects_total) > _printed_tail(b, parts, f.project_from_functions,
                                                                         f.projects_total):
        yield make_finding(b, "error", "R-项目支出一致",
                       f"项目支出不一致：功能分类各行项目支出之和 {m.with_unit(f.project_from_functions)}，"
                       f"项目清单合计 {m.with_unit(f.projects_total)}",
                       b.line_of("支出.项目[1]"), "支出.项目")


@rule("R-财政拨款一致", SOURCE, "error")
def fiscal_agrees(b: Budget, f: Computed, m: Money) -> Iterator[Finding]:
    if not f.has_function_rows or b.carried_over or f.carried_over is None or b.final:
        return  # with 上年结转 a fund may spend more than this year's appropriation (a 决算's: R-财政拨款结转)
    # the rows may spend more, of a source not published (其余未公开: 江苏 2019's prose, “其他资金80万元” among its
    # 13,377.11 of 类 rows), never less
    beyond = bool(b.income_unknown - set(FISCAL_SOURCES))
    for fund, source in FUNDS.items():
        if source is None or not _fund_compared(b, f, fund, source):
            continue
        spent, received = f.fund_total(fund), b.income[source]
        if spent > received and beyond:
            continue
        if spent != received and abs(spent - received) > _printed_tail(b, _figures_of(b, fund), spent, received):
            yield make_finding(b, "error", "R-财政拨款一致",
                           f"{source} {m.with_unit(received)} 与资金为“{fund}”的功能分类支出之和 {m.with_unit(spent)} 不一致",
                           b.line_of(f"收入.{source}"), f"收入.{source}")


def _fund_compared(b: Budget, f: Computed, fund: str, source: str) -> bool:
    """Whether a fund's spending is compared with its income ``source``: the source gives that income, the rows are
    not one other fund's alone (功能分类口径), and its spending is known apart."""
    if source not in b.income or f.income_of(source) is None:
        return False
    if b.function_scope and fund != b.function_scope:  # 功能分类口径: the rows are that fund's alone
        return False
    # 财政专户's spending is in rows that do not tell it from 单位资金: not known, so not compared
    return not (fund == "财政专户" and any(r.fund == UNSPLIT_FUND for r in b.function_rows))


def _printed_tail(b: Budget, parts: int, *figures: Decimal) -> Decimal:
    """How far a figure may stand from the sum of ``parts`` others where all were printed rounded to the
    source's 金额精度 (a published document's tables, an import says so): half a step apiece; nothing
    where the source does not say its figures were printed rounded (a budget typed is exact)."""
    return step_allowance(b, parts, *figures)


def _figures_of(b: Budget, fund: str) -> int:
    """How many printed figures a fund's spending is the sum of: each row's 基本支出 and 项目支出."""
    return sum(2 if r.split_known else 1 for r in b.function_rows if r.fund == fund)


@rule("R-收入未公开", SOURCE, ("error", "warning"))
def income_partly_stated(b: Budget, f: Computed, m: Money) -> Iterator[Finding]:
    """收入 as the document publishes it: 财政拨款收入 in one figure, 收入总计, the rest not published.
    A total stated beside all its parts equals them; beside some, it is not less than them; the
    kinds of 财政拨款收入 left unknown need function rows (each fund's spending is theirs)."""
    line = b.line_of("收入.财政拨款收入") or b.key_lines.get("收入", 0)
    written = sum((b.income[k] for k in FISCAL_SOURCES if f.income_of(k) is not None), ZERO)
    if b.stated_fiscal_income is not None and written > b.stated_fiscal_income:
        yield make_finding(b, "error", "R-收入未公开", f"财政拨款收入 {m.with_unit(b.stated_fiscal_income)} 小于写出的各项之和 "
                           f"{m.with_unit(written)}", line, "收入.财政拨款收入")
    unknown_fiscal = [k for k in FISCAL_SOURCES if f.income_of(k) is None]
    if unknown_fiscal and not f.has_function_rows:
        yield make_finding(b, "warning", "R-收入未公开", f"{'、'.join(unknown_fiscal)}未公开、又没有功能分类行：各资金的支出无从得出，"
                           "正文不写一般公共预算、政府性基金与国有资本经营的支出，这几张表不列出；公开文本写了的请写上（为 0 的写 0）",
                           line, "收入")
    yield from _grand_total_agrees(b, f, m)


def _grand_total_agrees(b: Budget, f: Computed, m: Money) -> Iterator[Finding]:
    """收入总计 as stated, against the sources: equal to them all, not less than those known."""
    stated = b.stated_income_grand_total
    if stated is None:
        if b.income_unknown and f.income_grand_total is None:
            yield make_finding(b, "warning", "R-收入未公开", "收入只写了一部分（其余未公开），又没写收入总计：正文不写收入总计与本年收入合计，"
                               "表中空白；公开文本写了收入总计的请写上“收入.收入总计”", b.key_lines.get("收入", 0), "收入.收入总计")
        return
    where = b.line_of("收入.收入总计")
    known, complete = _income_known(b, f)
    tail = step_allowance(b, _income_parts(b, f), stated, known)  # printed rounded (金额精度): each part's 尾数
    if complete and abs(known - stated) > tail:
        yield make_finding(b, "error", "R-收入未公开", f"收入总计 {m.with_unit(stated)} 与各项收入、上年结转与使用结余之和 "
                           f"{m.with_unit(known)} 不一致", where, "收入.收入总计")
    elif known > stated + tail:
        yield make_finding(b, "error", "R-收入未公开", f"收入总计 {m.with_unit(stated)} 小于写出的各项之和 {m.with_unit(known)}",
                           where, "收入.收入总计")


def _income_parts(b: Budget, f: Computed) -> int:
    """How many income figures the source writes (sources, 上年结转, 使用结余)."""
    return sum(1 for s in [*INCOME_SOURCES, "上年结转"] if f.income_of(s) is not None) + bool(b.reserves_used)


def _income_known(b: Budget, f: Computed) -> tuple[Decimal, bool]:
    """The sum of the income sources, 上年结转 and 使用结余 the source gives, and whether it gives them all."""
    parts = [f.income_of(s) for s in [*INCOME_SOURCES, "上年结转"]]
    return sum((p for p in parts if p is not None), ZERO) + b.reserves_used, all(p is not None for p in parts)


@rule("R-重复", SOURCE, "error")
def duplicates(b: Budget, f: Computed, m: Money) -> Iterator[Finding]:
    yield from _duplicate_function_rows(b)
    yield from _duplicate_economic_rows(b)
    yield from _duplicate_projects(b)


def _duplicate_function_rows(b: Budget) -> Iterator[Finding]:
    """A function code typed twice for one fund."""
    seen = Counter((r.code, r.fund) for r in b.function_rows)
    for row in b.function_rows:
        if seen[(row.code, row.fund)] > 1:
            yield make_finding(b, "error", "R-重复", f"功能分类科目 {row.code}（{row.fund}）重复填报，请合并为一行", row.line,
                           "支出.功能分类")


def _duplicate_economic_rows(b: Budget) -> Iterator[Finding]:
    """An economic code typed twice — unless a row of it is printed named as another item."""
    econ = Counter(r.code for r in b.economic_rows)
    # a code printed on a row named as another item (长春's 30208 over 物业管理费, 30209's) is no line to merge: which
    # it is, R-科目名称 asks (as R-三公经费 leaves such a row)
    misnamed = {r.code for r in b.economic_rows if _named_otherwise(b, r)}
    for economic in b.economic_rows:
        if econ[economic.code] > 1 and economic.code not in misnamed:
            yield make_finding(b, "error", "R-重复", f"经济分类科目 {economic.code} 重复填报，请合并为一行", economic.line,
                               "支出.基本支出.经济分类")


def _duplicate_projects(b: Budget) -> Iterator[Finding]:
    """A project of one name twice in one unit (two units may each have a project of one name, the units of a
    department's source or those a list prints beside the names: 单位名称) at one place: a list
    that prints one name on several lines with no unit beside them (烟台's 项目支出预算情况表) is written a line each
    with where it is printed (印于), and only two of one name printed at one place — or at none said — are one twice."""
    names = Counter((p.unit, p.printed_unit, p.name) for p in b.projects)
    places = Counter((p.unit, p.printed_unit, p.name, p.printed_at) for p in b.projects)
    for project in b.projects:
        if names[(project.unit, project.printed_unit, project.name)] > 1 and (not project.printed_at or places[
                (project.unit, project.printed_unit, project.name, project.printed_at)] > 1):
            yield make_finding(b, "error", "R-重复", f"项目“{project.name}”重复出现", project.line, "支出.项目")


UNLISTED = "R-科目未收录"


@rule("R-科目名称", SOURCE, "warning")
def stated_names(b: Budget, f: Computed, m: Money) -> Iterator[Finding]:
    rows: list[tuple[str, FunctionRow | EconomicRow | StatedTotal]] = [
        *(("功能分类", r) for r in b.function_rows), *(("经济分类", r) for r in b.economic_rows),
        *((t.kind, t) for t in b.stated_totals)]  # a 类/款 row's 名称 as a 项 row's
    wrong: dict[tuple[str, str], list[tuple[str, FunctionRow | EconomicRow | StatedTotal]]] = {}
    for kind, row in rows:
        if not row.stated_name or not row.name:
            continue
        status = _name_status(b, kind, row)
        if status == "unknown":
            yield _unlisted(b, row.code, row.stated_name, row.line)
        elif status in ("outdated", "mismatch"):
            wrong.setdefault((kind, row.code[:-2]), []).append((status, row))
    for (kind, parent), found in wrong.items():
        yield from _misnamed(b, kind, parent, found)


def _name_status(b: Budget, kind: str, row: FunctionRow | EconomicRow | StatedTotal) -> str:
    """How a row's printed name fits its code (codes.name_status); a code no catalogue holds printed with another
    code's name of its parent: mistyped (mismatch), not unknown."""
    status = codes.name_status(kind, row.code, row.stated_name, b.year, b.code_table)
    if status == "unknown" and _sibling_named(kind, row.code, row.stated_name, b.year):
        return "mismatch"  # no catalogue holds the code, its name is another code's of its parent: mistyped
    return status


def _misnamed(b: Budget, kind: str, parent: str,
              found: list[tuple[str, FunctionRow | EconomicRow | StatedTotal]]) -> Iterator[Finding]:
    """One parent's rows printed with names not their codes': a numbering slipped told once, each row's own
    mistyped or outdated name told apart."""
    siblings = [_sibling_named(kind, row.code, row.stated_name, b.year) for _, row in found]
    if any(siblings):  # names of the parent's other codes: the numbering slipped, one slip — but a row's own
        # name mistyped is one of its own (长春市信访局 2026: 30208 over 物业管理费, 30209's; 30213 over “维护（护）费”)
        typed = [not other and _one_character_off(row.stated_name, row.name) for (_, row), other in zip(found, siblings, strict=True)]
        yield _shifted_codes(b, kind, parent, *_shifted(found, siblings, typed))
        found = [(said, row) for (said, row), off in zip(found, typed, strict=True) if off]
    for said, row in found:
        why = "是其他年度的旧名称" if said == "outdated" else "与科目表不一致"
        yield make_finding(b, "warning", "R-科目名称",
                           f"科目 {row.code} 填写的名称“{row.stated_name}”{why}，{b.year} 年科目表为“{row.name}”，将使用科目表名称",
                           row.line)


def _shifted(found: list[tuple[str, FunctionRow | EconomicRow | StatedTotal]], siblings: list[str],
             typed: list[bool]) -> tuple[list[FunctionRow | EconomicRow | StatedTotal], list[str]]:
    """The rows of a slipped numbering (their names not mistyped ones of their own), and the sibling code each name
    is ("" where none)."""
    shifted = [(row, other) for (_, row), other, off in zip(found, siblings, typed, strict=True) if not off]
    return [row for row, _ in shifted], [other for _, other in shifted]


def _one_character_off(said: str, name: str) -> bool:
    """Whether a printed name is its code's name with one character changed (“维护（护）费” for 维修（护）费)."""
    said, name = codes.normalised_name(said), codes.normalised_name(name)
    return len(said) == len(name) and sum(a != b for a, b in zip(said, name, strict=True)) == 1


def _sibling_named(kind: str, code: str, name: str, year: int) -> str:
    """The code of the same parent that the catalogue names ``name`` in ``year`` ("" when none)."""
    return next((e.code for e in codes.siblings(kind, code, year) if codes.same_name(e.name, name)), "")


def _shifted_codes(b: Budget, kind: str, parent: str, rows: list[FunctionRow | EconomicRow | StatedTotal],
                   siblings: list[str]) -> Finding:
    """Rows of one parent printed with names not their codes', some of them a sibling code's: one slip
    (a numbering shifted, codes swapped), told once with every row, not once per row."""
    said = "；".join(f"{row.code} 印作“{row.stated_name}”" + (f"（{row.stated_name}是 {other}）" if other
                                                              else f"（科目表为“{row.name}”）")
                    for row, other in zip(rows, siblings, strict=True))
    what = f"{len(rows)} 行的编码与名称错位" if len(rows) > 1 else "1 行的编码与名称不符"
    return make_finding(b, "warning", "R-科目名称",
                        f"{kind} {parent} 下 {what}：{said}；将使用科目表名称，请按名称核对编码", rows[0].line)


def _named_otherwise(b: Budget, row: EconomicRow) -> bool:
    """Whether an economic row's printed name is another item's than its code's."""
    return bool(row.stated_name) and codes.name_status(
        "经济分类", row.code, row.stated_name, b.year, b.code_table) == "mismatch"


def _unlisted(b: Budget, code: str, name: str, line: int) -> Finding:
    """A code neither the built-in catalogue nor the source's 科目表 holds: unverified, not wrong (the
    catalogue is partial; a reviewer of a published document lists it apart, never as an alarm)."""
    where = "及本源文件的科目表" if b.code_table is not None else ""
    return make_finding(b, "warning", UNLISTED,
                        f"科目 {code} 不在内置的 {b.year} 年政府收支分类科目表{where}中（内置表未必收录每个科目），将使用填写的名称“{name}”："
                        "请核对编码；确是本地或新设的科目，可在“科目表”文件中加上它", line)


@rule("R-政府经济分类", SOURCE, "error")
def government_split(b: Budget, f: Computed, m: Money) -> Iterator[Finding]:
    for index, row in enumerate(b.economic_rows, 1):
        if row.government and sum(row.government.values(), ZERO) != row.amount:
            yield make_finding(b, "error", "R-政府经济分类",
                           f"经济分类 {row.code} 金额 {m.with_unit(row.amount)}，其政府经济分类拆分之和 "
                           f"{m.with_unit(sum(row.government.values(), ZERO))}", row.line,
                           f"支出.基本支出.经济分类[{index}].政府经济分类")


@rule("R-三公经费", SOURCE, "error")
def three_public_items(b: Budget, f: Computed, m: Money) -> Iterator[Finding]:
    pairs = THREE_PUBLIC_CLASSES
    if not b.three_public.stated:
        return  # nothing to compare with (the missing section is named by the render: R-缺少)
    for row in b.economic_rows:
        part = pairs.get(row.code)
        # a row printed as something else is not compared: which it is, R-科目名称 asks
        if part and not _named_otherwise(b, row):
            yield from _over_its_part(b, f, m, row, part)


def _over_its_part(b: Budget, f: Computed, m: Money, row: EconomicRow, part: str) -> Iterator[Finding]:
    """An economic row of a “三公” class whose amount (less what it states is not counted in “三公”) is more than the
    “三公” part's — printed to 0.01 万元, the “三公” figure stands for any amount that rounds to it (0.73 万元: 7,345 元)."""
    amount = f.three_public_part(part)
    counted = row.amount - (row.outside_three_public or ZERO)  # what the “三公”经费 count of the row
    # a department of units: its row is their rows added, each printed rounded (深圳市人力资源和社会保障局 2026: 30217
    # 公务接待费 24.24 of 12 units' rows, its “三公” 公务接待费 24.23) — beyond its 尾数 only
    rows = sum(1 for unit in b.units if any(r.code == row.code for r in unit.economic_rows))
    tail = _printed_tail(b, rows, counted, amount or ZERO) if rows > 1 else ZERO
    if amount is not None and exceeds(counted - tail, amount):
        outside = (f"（不计入“三公”的 {m.with_unit(row.outside_three_public)} 已减去）"
                   if row.outside_three_public else "")
        yield make_finding(b, "error", "R-三公经费",
                       f"基本支出中的 {row.code} {row.name} {m.with_unit(row.amount)}{outside} 大于“三公”经费中的{part} "
                       f"{m.with_unit(b.three_public.parts[part].current)}", row.line)


@rule("R-政府采购", SOURCE, "error")
def procurement(b: Budget, f: Computed, m: Money) -> Iterator[Finding]:
    p = b.procurement
    if p is not None and p.sme is not None and f.procurement_total is not None and p.sme > f.procurement_total:
        yield make_finding(b, "error", "R-政府采购",
                       f"面向中小企业预留 {m.with_unit(p.sme)} 大于政府采购合计 {m.with_unit(f.procurement_total)}",
                       b.line_of("政府采购.中小企业") or p.line, "政府采购.中小企业")
    yield from _procurement_lines(b, f, m)


def _procurement_lines(b: Budget, f: Computed, m: Money) -> Iterator[Finding]:
    """政府采购.功能分类 against the 合计 its table prints (else the kinds added): its lines added, within their 尾数."""
    p = b.procurement
    whole = p.stated_total if p is not None and p.stated_total is not None else f.procurement_total
    if p is None or not p.by_function or whole is None:
        return
    added = sum((line.total for line in p.by_function), ZERO)
    if abs(added - whole) > allowance(b, len(p.by_function), added, whole):
        yield make_finding(b, "error", "R-政府采购", f"政府采购按功能分类各行之和 {m.with_unit(added)}，政府采购合计 "
                           f"{m.with_unit(whole)}：相差超过尾数", p.by_function[0].line or p.line, "政府采购.功能分类")


@rule("R-绩效金额", SOURCE, "error")
def performance_amount(b: Budget, f: Computed, m: Money) -> Iterator[Finding]:
    g = b.performance
    if g is not None and g.amount is not None and f.project is not None and exceeds(g.amount, f.project):
        yield make_finding(b, "error", "R-绩效金额",
                       f"纳入绩效目标管理的金额 {m.with_unit(g.amount)} 大于项目支出 {m.with_unit(f.project)}",
                       b.line_of("绩效管理.金额"), "绩效管理.金额")


def _compared_items(b: Budget, f: Computed) -> Iterator[tuple[str, Decimal | None, Decimal | None, str, int, str]]:
    yield "收支总计", f.income_grand_total, f.prior_total("收支总计"), b.reasons.get("收支总计", ""), b.line_of("上年.收支总计"), "变动原因.收支总计"
    for p in b.projects:
        yield f"项目“{p.name}”", p.amount, p.prior, p.reason or p.use, p.line, "原因"
    if b.running_costs:
        r = b.running_costs
        yield "机关运行经费", r.current, r.prior, r.reason, r.line, "机关运行经费.原因"


@rule("缺少变动原因", SOURCE, "warning")
def missing_reasons(b: Budget, f: Computed, m: Money) -> Iterator[Finding]:
    for label, current, prior, reason, line, path in _compared_items(b, f):
        if current is None or not prior or reason:
            continue
        rate = abs(current - prior) * 100 / prior
        threshold = reason_threshold()
        if rate > threshold:
            yield make_finding(b, "warning", "缺少变动原因",
                           f"{label}比上年变动 {rate.quantize(Decimal('0.01'))}%（{m.with_unit(prior)} → {m.with_unit(current)}），"
                           f"超过 {threshold}% 但未说明原因", line, path)


def _about_ten_thousand_times(a: Decimal, b: Decimal) -> bool:
    return bool(a and b) and (5000 <= a / b <= 20000 or 5000 <= b / a <= 20000)


@rule("R-单位疑误", SOURCE, "warning")
def unit_slip(b: Budget, f: Computed, m: Money) -> Iterator[Finding]:
    """An amount about 10,000 times its prior year, or its siblings (元 typed in a 万元 file, or
    the reverse), for every figure: totals, function rows, projects, the 三公 parts."""
    yield from _ten_thousand_times_prior(b, f, m)
    yield from _ten_thousand_times_siblings(b, m)


def _ten_thousand_times_prior(b: Budget, f: Computed, m: Money) -> Iterator[Finding]:
    """An amount about 10,000 times its prior year's (or a 10,000th of it)."""
    compared = list(_compared_items(b, f))
    compared += [(f"功能分类科目 {r.code}", r.total, r.prior, "", r.line, "") for r in b.function_rows]
    compared += [(name, part.current, part.prior, "", part.line, "") for name, part in b.three_public.parts.items()]
    for label, current, prior, _, line, _ in compared:
        if current is not None and prior is not None and _about_ten_thousand_times(current, prior):
            yield make_finding(b, "warning", "R-单位疑误",
                           f"{label}本年 {m.with_unit(current)} 与上年 {m.with_unit(prior)} 相差约一万倍：是否把元填成了万元（或相反）？",
                           line)


def _siblings(b: Budget) -> dict[str, list[tuple[str, Decimal, int]]]:
    """The amounts of one kind, by group: the function rows of a 款, the economic rows of a 类, the projects."""
    groups: dict[str, list[tuple[str, Decimal, int]]] = {}
    for r in b.function_rows:
        groups.setdefault(f"功能分类 {r.code[:5]}", []).append((f"功能分类科目 {r.code}", r.total, r.line))
    for e in b.economic_rows:
        groups.setdefault(f"经济分类 {e.code[:3]}", []).append((f"经济分类科目 {e.code}", e.amount, e.line))
    groups["项目"] = [(f"项目“{p.name}”", p.amount, p.line) for p in b.projects]
    return groups


def _ten_thousand_times_siblings(b: Budget, m: Money) -> Iterator[Finding]:
    """An amount about 10,000 times the middle one of its group of three or more (or a 10,000th of it)."""
    for members in _siblings(b).values():
        amounts = sorted(amount for _, amount, _ in members if amount)
        if len(amounts) < 3:
            continue
        middle = amounts[len(amounts) // 2]
        for label, amount, line in members:
            if _about_ten_thousand_times(amount, middle):
                yield make_finding(b, "warning", "R-单位疑误", f"{label} {m.with_unit(amount)} 约为同类各项（中位数 "
                                   f"{m.with_unit(middle)}）的一万倍或万分之一：是否把元填成了万元（或相反）？", line)


@rule("R-占位文字", SOURCE, "error")
def placeholders(b: Budget, f: Computed, m: Money) -> Iterator[Finding]:
    for where, text, line in _free_texts(b):
        for slip in SLIPS:
            hit = slip.pattern.search(text)
            if hit:
                yield make_finding(b, "error", "R-占位文字", f"{where}中有{slip.what}“{hit.group(0)}”", line, where)


def _free_texts(b: Budget) -> list[tuple[str, str, int]]:
    """The source's own words, where a placeholder may be left: each (where, text, line)."""
    texts: list[tuple[str, str, int]] = [(f"变动原因.{k}", v, 0) for k, v in b.reasons.items()]
    texts += [(f"项目“{p.name}”", f"{p.name}{p.use}{p.reason}", p.line) for p in b.projects]
    texts += [("部门概况.职责", d, 0) for d in b.profile.duties]
    texts += [("部门概况.工作目标", g, 0) for g in b.profile.goals]
    if b.running_costs:
        texts.append(("机关运行经费", b.running_costs.reason + b.running_costs.note, b.running_costs.line))
    texts += [(f"三公经费.{name}", part.reason + part.note, part.line) for name, part in b.three_public.parts.items()]
    texts.append(("三公经费.说明", b.three_public.note, b.three_public.line))
    texts.append(("部门概况.机构设置", b.profile.organisation, 0))
    return texts + [(f"支出.功能分类 {r.code}", r.reason + r.use, r.line) for r in b.function_rows]


@rule("R-缺少明细", SOURCE, ("error", "warning"))
def missing_detail(b: Budget, f: Computed, m: Money) -> Iterator[Finding]:
    """What no render can do without. (A part a template would mark 待补充 is named by the render
    itself, R-缺少: render.missing_findings.)"""
    if not _detail_wanted(b, f):
        return
    if f.basic is None and f.project is None:
        if "功能分类明细" not in b.not_published:  # (declared unpublished: the text says nothing of spending)
            yield make_finding(b, "error", "R-缺少明细", "无法确定基本支出：请填报功能分类、经济分类或人员经费与公用经费", 0, "支出")
    elif f.basic is None or f.project is None and f.basic != f.income_grand_total:
        # one of them stated, the other not (a document that publishes only it): said, not refused
        known, unknown = ("项目支出", "基本支出") if f.basic is None else ("基本支出", "项目支出")
        yield make_finding(b, "warning", "R-缺少明细", f"只给出了{known}，没有{unknown}（功能分类、项目清单或“支出.{unknown}”）："
                           f"正文只写{known}，不写支出合计；公开文本写了{unknown}的请补上", 0, "支出")


def _detail_wanted(b: Budget, f: Computed) -> bool:
    """Whether R-缺少明细 tells what the spending lacks: not for a document of 绩效目标 alone (no budget figures to
    want), nor where the function rows give 支出合计 without its split (R-基本项目未分列 says so)."""
    return b.budget_stated and not (f.expenditure_total is not None and (f.basic is None or f.project is None))


@rule("R-项目支出经济分类", SOURCE, "error")
def project_classes_add_up(b: Budget, f: Computed, m: Money) -> Iterator[Finding]:
    """项目支出 by economic class adds up to 项目支出, where that is known; each line is a 类 or 款 once."""
    lines = b.project_classes
    if not lines:
        return
    total = sum((c.amount for c in lines), ZERO)
    where = b.key_lines.get("支出.项目支出经济分类", lines[0].line)
    if f.project is None:
        yield make_finding(b, "error", "R-项目支出经济分类", "写了项目支出按经济分类的各行，却没有项目支出：请填写“支出.项目支出”"
                           "或项目清单", where, "支出.项目支出经济分类")
    elif total != f.project:
        yield make_finding(b, "error", "R-项目支出经济分类", f"项目支出按经济分类的各行之和 {m.with_unit(total)} 与项目支出 "
                           f"{m.with_unit(f.project)} 不一致", where, "支出.项目支出经济分类")
    for code in _listed_twice([c.code for c in lines]):
        yield make_finding(b, "error", "R-项目支出经济分类", f"项目支出经济分类中的 {code} 重复，或与它的下级科目同时列出："
                           "每笔钱只列一次", where, "支出.项目支出经济分类")


@rule("R-项目支出经济分类", SOURCE, "error")
def general_project_classes_add_up(b: Budget, f: Computed, m: Money) -> Iterator[Finding]:
    """一般公共预算's 项目支出 by economic class adds up to 一般公共预算项目支出, within the 尾数 of its printed lines; each
    line is a 类 or 款 once."""
    lines, key = b.general_project_classes, "支出.一般公共预算项目支出经济分类"
    if not lines:
        return
    total, whole = sum((c.amount for c in lines), ZERO), f.general_project
    where = b.key_lines.get(key, lines[0].line)
    if whole is not None and abs(total - whole) > allowance(b, len(lines), total, whole):
        yield make_finding(b, "error", "R-项目支出经济分类", f"一般公共预算项目支出按经济分类的各行之和 {m.with_unit(total)} 与"
                           f"一般公共预算项目支出 {m.with_unit(whole)} 相差超过尾数", where, key)
    for code in _listed_twice([c.code for c in lines]):
        yield make_finding(b, "error", "R-项目支出经济分类", f"一般公共预算项目支出经济分类中的 {code} 重复，或与它的下级科目"
                           "同时列出：每笔钱只列一次", where, key)


def _listed_twice(codes_seen: list[str]) -> list[str]:
    """The codes listed twice, or beside a code under them (its money counted twice), in order."""
    return sorted({c for c in codes_seen if codes_seen.count(c) > 1 or any(o != c and o.startswith(c) for o in codes_seen)})


@rule("R-支出合计", SOURCE, "error")
def stated_expenditure_agrees(b: Budget, f: Computed, m: Money) -> Iterator[Finding]:
    """支出.合计 beside the figures that give 支出合计 (function rows, 基本支出 + 项目支出): equal."""
    split = f.basic + f.project if f.basic is not None and f.project is not None else None
    finer = (("功能分类各行的合计", f.total_from_functions, len(b.function_rows)), ("基本支出与项目支出之和", split, 2))
    yield from _stated_agrees(b, m, ("R-支出合计", "支出合计", "支出.合计"), b.stated_expenditure, finer)


@rule("R-基本项目未分列", SOURCE, ("error", "warning"))
def split_not_given(b: Budget, f: Computed, m: Money) -> Iterator[Finding]:
    """Function rows that give their 合计 alone: the document says 支出合计 and leaves the 基本支出 and
    项目支出 it cannot know unsaid (blank in the tables, never 0.00); given elsewhere (支出.基本支出,
    支出.项目支出), they must add up to the rows' 合计."""
    rows = f.unsplit_functions
    if not rows:
        return
    names = "、".join(f"{r.code}" for r in rows[:5]) + ("等" if len(rows) > 5 else "")
    yield from _split_within(b, f, m, rows[0].line)
    if f.basic is None or f.project is None:
        yield make_finding(b, "warning", "R-基本项目未分列", f"功能分类 {names} 只给出合计，没有分基本支出与项目支出："
                           "正文只写支出合计，表中这两栏空着；知道的话请在这些行写上基本支出、项目支出", rows[0].line,
                           "支出.功能分类")


def _split_within(b: Budget, f: Computed, m: Money, line: int) -> Iterator[Finding]:
    """基本支出 and 项目支出 given as totals beside function rows that cover all the money: they add
    up to the rows' 合计, and neither is more."""
    total = f.total_from_functions
    if total is None:  # the rows are of one fund (功能分类口径): the totals are all money's
        return
    if f.basic is not None and f.project is not None and f.basic + f.project != total:
        yield make_finding(b, "error", "R-基本项目未分列", f"基本支出 {m.with_unit(f.basic)} 与项目支出 {m.with_unit(f.project)} "
                           f"之和 {m.with_unit(f.basic + f.project)} 与功能分类各行的合计 {m.with_unit(total)} 不一致", line,
                           "支出.功能分类")
    else:
        yield from _over_the_rows(b, f, m, line, total)


def _over_the_rows(b: Budget, f: Computed, m: Money, line: int, total: Decimal) -> Iterator[Finding]:
    """基本支出 or 项目支出 given as a total more than the function rows' 合计 (of which it is a part)."""
    if f.basic is not None and f.basic > total or f.project is not None and f.project > total:
        part, value = ("基本支出", f.basic) if f.basic is not None and f.basic > total else ("项目支出", f.project)
        yield make_finding(b, "error", "R-基本项目未分列", f"{part} {m.with_unit(value)} 大于功能分类各行的合计 "
                           f"{m.with_unit(total)}：它是支出合计的一部分，请核对", line, "支出.功能分类")


# Parts the disclosure rules require every department to publish (DOMAIN.md "其他重要事项", "三公").
REQUIRED_PARTS = ("三公经费", "机关运行经费", "政府采购", "国有资产", "绩效管理")
# Of those, the parts the national rule asks only gradually: 财政部《地方预决算公开操作规程》(财预〔2016〕143号) has 部门预算
# disclose 三公经费, 机关运行经费 and 政府采购, and 国有资产占用 and 绩效 “结合工作进展情况，逐步公开” — a published document
# without them breaks a rule only where its locality's own rules require them (a layout's 须公开: 上海, 山东)
GRADUAL_PARTS = ("国有资产", "绩效管理")
# Where each part that may be declared 不公开 stands in the source.
PART_FIELDS = {"人员编制": "部门概况.人员", "功能分类明细": "支出.功能分类", "经济分类明细": "支出.基本支出.经济分类",
               "三公经费": "三公经费", "机关运行经费": "机关运行经费", "政府采购": "政府采购", "国有资产": "国有资产",
               "绩效管理": "绩效管理"}


@rule("R-不公开", SOURCE, ("error", "warning"))
def not_published(b: Budget, f: Computed, m: Money) -> Iterator[Finding]:
    """A part declared not published: a warning when the national rule requires it (one it asks only gradually,
    where the locality's rules require it: render.layout_findings); an error when the source gives it all the same
    (it would be left out without a word)."""
    line = b.key_lines.get("不公开", 0)
    for part in sorted(b.not_published, key=list(PART_FIELDS).index):
        if part in REQUIRED_PARTS and part not in GRADUAL_PARTS:
            yield make_finding(b, "warning", "R-不公开", f"“{part}”声明为不公开，但部门预算公开的规定要求公开这一部分：请确认", line,
                               "不公开")
        if _given(b, f, part):
            yield make_finding(b, "error", "R-不公开", f"“{part}”声明为不公开，但源文件中填写了它（{PART_FIELDS[part]}）："
                               "填写的内容不会印出。请删去其一", line, "不公开")


def _given(b: Budget, f: Computed, part: str) -> bool:
    return {
        "人员编制": bool(b.profile.staffing), "功能分类明细": f.has_function_rows, "经济分类明细": f.has_economic_rows,
        "三公经费": b.three_public.stated, "机关运行经费": b.running_costs is not None,
        "政府采购": b.procurement is not None, "国有资产": b.assets is not None, "绩效管理": b.performance is not None,
    }[part]


@rule("R-原因无比较", SOURCE, "error")
def reasons_without_a_comparison(b: Budget, f: Computed, m: Money) -> Iterator[Finding]:
    """A reason (原因, 变动原因) explains a change against the prior year: without the prior year's
    figure there is no change to explain, and the reason would stand alone or be dropped."""
    base = b.compare_base
    prior_field = {"预算": "上年", "执行数": "上年执行数", "两者": "上年（或上年执行数）"}[base]
    alone = {f"变动原因.{key}" for key, _ in f.changes_alone()}  # a note's changes, stated without amounts
    for what, reason, prior, actual, line, path, field in _reasons(b, f, prior_field):
        compared = (prior is not None and base != "执行数") or (actual is not None and base != "预算") or path in alone
        if reason and not compared:  # nothing the text compares with (as 展示.比较 says)
            yield make_finding(b, "error", "R-原因无比较", f"{what}写了变动原因，但没有上年数可以比较：请填写{field}，"
                               "或删去原因", line, path)


def _reasons(b: Budget, f: Computed, prior_field: str) -> Iterator[
        tuple[str, str, Decimal | None, Decimal | None, int, str, str]]:
    """Every item that may carry a reason: (what, its reason, its prior, its 上年执行数, line, path, the
    field that would give the prior)."""
    for key, text in b.reasons.items():
        yield (f"“{key}”", text, f.prior_total(key), f.actual.prior_total(key), b.key_lines.get(f"变动原因.{key}", 0),
               f"变动原因.{key}", f"“{prior_field}.{key}”")
    rows: list[FunctionRow | StatedTotal] = [*b.function_rows, *b.stated_totals]
    for row in rows:
        yield (f"功能分类科目 {row.code}", row.reason, row.prior, row.actual, row.line, "支出.功能分类",
               f"这一行的“{prior_field}”")
    for project in b.projects:
        yield (f"项目“{project.name}”", project.reason, project.prior, project.actual, project.line, "支出.项目",
               f"这个项目的“{prior_field}”")
    if b.running_costs is not None:
        costs = b.running_costs
        yield ("机关运行经费", costs.reason, costs.prior, costs.actual, costs.line, "机关运行经费",
               f"“机关运行经费.{prior_field}”")
    for name, part in b.three_public.parts.items():
        yield (f"“三公”经费中的{name}", part.reason, part.prior, part.actual, part.line, f"三公经费.{name}",
               f"“三公经费.{name}.{prior_field}”")


@rule("R-比较基数", SOURCE, ("error", "warning"))
def compare_base_uses_what_is_given(b: Budget, f: Computed, m: Money) -> Iterator[Finding]:
    """展示.比较 names a base the source gives nothing for, or leaves out one it gives: either way
    figures would be accepted and not compared (the tables still show 上年执行数 where they can)."""
    base = b.presentation.compare
    if not base:
        return
    line, path = b.line_of("展示.比较"), "展示.比较"
    yield from _base_not_given(b, base, line, path)
    yield from _given_not_compared(b, base, line, path)


def _base_not_given(b: Budget, base: str, line: int, path: str) -> Iterator[Finding]:
    """展示.比较 naming a base the source gives no figures for: 执行数 (or 两者) without 上年执行数, 预算 (or 两者)
    without 上年 beside a 上年执行数."""
    if base != "预算" and b.actual is None:
        yield make_finding(b, "error", "R-比较基数", f"展示.比较为“{base}”，但源文件没有上年执行数：请填写“上年执行数”，"
                           "或改为“预算”", line, path)
    if base != "执行数" and not b.has_prior and b.actual is not None:
        yield make_finding(b, "error", "R-比较基数", f"展示.比较为“{base}”，但源文件没有上年预算数：请填写“上年”，"
                           "或改为“执行数”", line, path)


def _given_not_compared(b: Budget, base: str, line: int, path: str) -> Iterator[Finding]:
    """展示.比较 leaving out a base the source gives: its figures accepted and not compared in the text."""
    if base == "预算" and b.actual is not None:
        yield make_finding(b, "warning", "R-比较基数", "源文件填写了上年执行数，但展示.比较为“预算”：正文不与执行数比较"
                           "（表格中仍列出上年执行数）", line, path)
    if base == "执行数" and b.has_prior:
        yield make_finding(b, "warning", "R-比较基数", "源文件填写了上年预算数，但展示.比较为“执行数”：正文不与上年预算比较",
                           line, path)


# The default terms of 名词解释 whose wording names the 级次 (templates/narrative/glossary.j2).
@rule("R-执行数合计", SOURCE, "error")
def actual_parts_add_up(b: Budget, f: Computed, m: Money) -> Iterator[Finding]:
    """The parts of 上年执行数 add up as this year's do: 人员经费 and 公用经费 to 基本支出, the three
    kinds to 财政拨款, the 三公 parts to their 合计, each class of a classification to its lines, and
    the 一般公共预算 classes to 一般公共预算 (each where every figure of the sum is given)."""
    actual = b.actual
    if actual is None:
        return
    t = actual.totals
    yield from _actual_differs(b, m, "基本支出", t.get("基本支出"), [t.get("人员经费"), t.get("公用经费")], "上年执行数.基本支出")
    yield from _actual_differs(b, m, "财政拨款", t.get("财政拨款"),
                               [t.get("一般公共预算"), t.get("政府性基金"), t.get("国有资本经营")], "上年执行数.财政拨款")
    if "合计" in actual.three_public:
        yield from _actual_differs(b, m, "“三公”经费合计", actual.three_public["合计"],
                                   [part.actual for part in b.three_public.parts.values()], "上年执行数.三公经费.合计")
    stated = b.three_public.stated_total
    if stated is not None and stated.actual is not None:  # 三公经费.合计.上年执行数: checked like the 合计 itself
        yield from _actual_differs(b, m, "“三公”经费合计", stated.actual,
                                   [part.actual for part in b.three_public.parts.values()], "三公经费.合计")
    yield from _actual_classes_add_up(b, f, m, t)


def _actual_classes_add_up(b: Budget, f: Computed, m: Money, t: dict[str, Decimal]) -> Iterator[Finding]:
    """上年执行数 by classification: each class to its lines (功能分类 of 一般公共预算, 经济分类), and the
    一般公共预算 classes to 一般公共预算 (``t``: the 上年执行数 totals)."""
    fa = f.actual
    for kind, tree in (("功能分类", fa.function_tree("一般公共预算")), ("经济分类", fa.economic_tree)):
        for node in (node for top in tree for node in top.walk() if node.children):
            yield from _actual_differs(b, m, f"{kind} {node.code}", node.prior, [c.prior for c in node.children],
                                       f"上年执行数.{kind}.{node.code}")
    tops = fa.function_tree("一般公共预算")
    yield from _actual_differs(b, m, "一般公共预算", t.get("一般公共预算"), [n.prior for n in tops] if tops else [],
                               "上年执行数.一般公共预算")


def _actual_differs(b: Budget, m: Money, what: str, whole: Decimal | None, parts: list[Decimal | None],
                    path: str) -> Iterator[Finding]:
    """A whole of 上年执行数 against the sum of its parts, where it and every part are given."""
    total = sum_known(parts)
    if whole is None or not parts or total is None:
        return
    if total != whole:
        yield make_finding(b, "error", "R-执行数合计", f"上年执行数中{what} {m.with_unit(whole)} 与其各部分之和 "
                           f"{m.with_unit(total)} 不一致（相差 {gap(m, whole - total)}）", b.line_of(path), path)


# What a source of 绩效目标 alone (no 收入, 支出 or 单位) renders: the title, 部门概况 and the targets.
_PERFORMANCE_ONLY_KEYS = ("上年", "变动原因", "结转下年", "三公经费", "经济分类款预算", "机关运行经费", "政府采购", "国有资产",
                          "绩效管理", "名词解释", "不公开")
# What a note without 收入 and 支出 prints (templates/narrative/note.j2).
_NOTE_KEYS = ("上年", "变动原因", "三公经费", "机关运行经费", "经济分类款预算")


@rule("R-绩效目标文件", SOURCE, "error")
def performance_only(b: Budget, f: Computed, m: Money) -> Iterator[Finding]:
    """A source of 绩效目标 alone makes a performance-target document: budget sections it gives would
    be accepted and never printed."""
    if b.budget_stated:
        return
    if b.targets is None:  # a note (templates/narrative/note.j2): its changes, “三公” and 机关运行经费
        yield from _unprinted_in_a_note(b, f)
        return
    for key in _PERFORMANCE_ONLY_KEYS:
        if key in b.key_lines:
            yield make_finding(b, "error", "R-绩效目标文件", f"只含绩效目标（未填收入与支出）的源文件只生成绩效目标公开文本，"
                               f"“{key}”不会印出：请删去它，或填写收入与支出", b.key_lines[key], key)


def _unprinted_in_a_note(b: Budget, f: Computed) -> Iterator[Finding]:
    """What a note (no 收入, 支出 nor 绩效目标) would not print: the sections beyond its changes, “三公” and
    机关运行经费, and the prior amounts that are no change stated alone (no this year's to compare)."""
    for key in (k for k in _PERFORMANCE_ONLY_KEYS if k not in _NOTE_KEYS and k in b.key_lines):
        yield make_finding(b, "error", "R-绩效目标文件", f"未填收入与支出的源文件只生成有关情况说明（增减变化、“三公”经费、"
                           f"机关运行经费），“{key}”不会印出：请删去它，或填写收入与支出", b.key_lines[key], key)
    printed = {key for key, _ in f.changes_alone()}
    unprinted = [*b.prior.totals, *b.prior.function, *b.prior.economic,
                 *(key for (_, key) in b.prior.changes if key not in printed)]
    if unprinted:  # a note says changes stated alone; a prior amount has no this year's to compare
        yield make_finding(b, "error", "R-绩效目标文件", f"有关情况说明只写出“上年”中只有增减的总数，{'、'.join(unprinted[:5])}"
                           "不会印出：请写成 {增减额: …}，或删去它", b.key_lines.get("上年", 0), "上年")


@rule("R-上年科目", SOURCE, ("error", "warning"))
def prior_without_a_line(b: Budget, f: Computed, m: Money) -> Iterator[Finding]:
    """A prior-year figure under 上年.功能分类 or 上年.经济分类 for a code this year's source has no
    line of: nothing would compare with it, and it would be accepted without a word."""
    if not b.budget_stated:
        return
    present = {
        "功能分类": {n.code for fund in (None, "一般公共预算") for top in f.function_tree(fund) for n in top.walk()},
        "经济分类": {n.code for top in f.economic_tree for n in top.walk()},
    }
    for section, prior in (("上年", b.prior), ("上年执行数", b.actual)):
        if prior is not None:
            yield from _prior_codes(b, section, prior, present)


def _prior_codes(b: Budget, section: str, prior: Prior, present: dict[str, set[str]]) -> Iterator[Finding]:
    """The codes one prior year's section (上年, 上年执行数) states: an economic code not a class (the text compares
    classes only), a code of no line this year (``present``: this year's codes by kind)."""
    stated = {kind: prior.stated_codes.get(kind, frozenset()) for kind in ("功能分类", "经济分类")}
    for code in sorted(stated["经济分类"]):
        if len(code) != 3:  # the text compares the classes (类) only
            yield make_finding(b, "error", "R-上年科目", f"{section}.经济分类只用于比较经济分类的类（如 301、302），{code} "
                               "不是类：请改写为它所属的类，或删去", b.key_lines.get(f"{section}.经济分类", 0),
                               f"{section}.经济分类.{code}")
    for kind, stated_codes in stated.items():
        for code in sorted(stated_codes):
            if code not in present[kind]:  # a warning: the department may have stopped that spending
                yield make_finding(b, "warning", "R-上年科目", f"{section}.{kind}中的 {code} 在本年的{kind}中没有对应的"
                                   "科目行，上年数无从比较：请删去它，或填写本年的这一行",
                                   b.key_lines.get(f"{section}.{kind}", 0), f"{section}.{kind}.{code}")


@rule("R-成立年度", SOURCE, "warning")
def founded_before(b: Budget, f: Computed, m: Money) -> Iterator[Finding]:
    """部门概况.成立年度 before the source's year: used for nothing and printed nowhere (it serves a department
    founded in the source's year, which has no prior year): told, never silently dropped."""
    founded = b.profile.founded
    if founded is not None and founded < b.year:
        yield make_finding(b, "warning", "R-成立年度", f"部门概况.成立年度 写的是 {founded} 年，早于本文件的年度 {b.year} 年："
                           "它只用于本年新成立的部门（没有上年数可比），不会印出；可删去", b.line_of("部门概况.成立年度"),
                           "部门概况.成立年度")
