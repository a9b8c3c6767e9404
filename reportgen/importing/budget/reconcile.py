"""Reconcile, never repair: every total of the tables read is recomputed from its parts, and
each difference is reported naming both places and both figures. The figures stay as printed."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, replace
from decimal import Decimal

from reportgen import tablekinds
from reportgen.base.errors import shown_text
from reportgen.base.patterns import regex
from reportgen.importing.budget.build import (
    BESIDE_BASIC,
    BESIDE_THREE,
    appropriation_of_the_year,
    this_year_income,
    three_public_rows,
    unknown_income,
    unprinted_funds,
)
from reportgen.importing.budget.fiscal_tables import fiscal_differences
from reportgen.importing.recognition.grouped import Groups
from reportgen.importing.recognition.imported import Imported
from reportgen.importing.recognition.recognize import LAST_BUDGET
from reportgen.importing.recognition.rows import Amount, CellProblem, Row
from reportgen.importing.recognition.sure import unit_lines
from reportgen.reading.amounts import MISPLACED_SEPARATORS, tail_step
from reportgen.tablekinds import fund_table, role

ZERO = Decimal(0)
# Within a row: the total column and the columns that make it, per table.
# Within a row: the total column and the columns that make it.
ROW_SUMS = (("基本支出", "项目支出"), ("人员经费", "公用经费"), ("一般公共预算", "政府性基金", "国有资本经营"))
# Spending a 支出总表 may print beside 基本支出 and 项目支出: in its 合计 (build.BESIDE_BASIC) or a part of one of
# them (北京's “其中事业单位经营支出”).
BESIDES = {"基本支出": BESIDE_BASIC}
# The sources of a year's income (财政拨款 or its three funds, and the rest); 上年结转 may or may not be
# in a table's 合计 (Shanghai's 合计 holds all; the national 收入总表's 小计 is this year's only).
# 单位资金 and 使用非财政拨款结余 (烟台, 北京: columns no field of the source holds) are sources all the same, and
# 其他资金 (广州's tables of units: the sources other than 财政拨款 and 财政专户 together).
INCOME = ("财政专户管理资金", "事业收入", "事业单位经营收入", "上级补助收入", "附属单位上缴收入", "其他收入",
          "单位资金", "使用非财政拨款结余", "其他资金")
FUNDS = ("一般公共预算", "政府性基金", "国有资本经营")


@dataclass(frozen=True)
class Difference:
    table: str
    what: str  # the total's meaning (合计, 基本支出, …) and the row's code or label
    total: Amount
    parts: tuple[Amount, ...]
    # two printed figures that must be equal (a 两栏 table's 收入总计 and 支出总计), not a total of its parts:
    # both are rounded from one amount, so they print the same — never a 尾数
    equal: bool = False

    @property
    def parts_sum(self) -> Decimal:
        return sum((p.value for p in self.parts), ZERO)


def printed_quantum(imported: Imported, kind: str) -> Decimal:
    """The step a table prints its amounts at, where it rounds finer figures (in the table's unit):
    1 for a 元 table of whole numbers (the budget system's #,##0 over figures kept to the 分), 100 for one
    of whole hundreds (kept to 0.01 万元, exported in 元), 0.01 for a 万元 table; 0 for a table that prints
    its figures exactly (元 to the 分): reading.amounts.tail_step."""
    table = imported.tables.get(kind)
    if table is None:
        return ZERO
    return tail_step(table.unit, printed_values(imported, kind))


def table_rows(imported: Imported, kind: str) -> list[Row]:
    """A table's rows: its body's, or both sides' of a 两栏 table."""
    return [*imported.rows.get(kind, []), *(r for side in imported.sides.get(kind, ([], [])) for r in side)]


def printed_values(imported: Imported, kind: str) -> list[Decimal]:
    """Every amount a table prints (blanks left out)."""
    return [a.value for r in table_rows(imported, kind) for a in r.amounts.values() if not a.blank]


def rounding_tails(imported: Imported, found: list[Difference]) -> tuple[list[Difference], list[Difference]]:
    """``found`` split into slips and tails: a total that misses the sum of its printed parts by no more
    than their rounding at the table's printed step (half a step for the total and for each part) is
    the table's own 尾数误差, told apart and never as a slip — but for a total of a single part (it is
    that part's amount, rounded alike) or of two figures that must be equal. A part printed 0 (or blank) is
    nothing, rounding none: 广州's 收入总表 prints each unit's 合计 over eleven sources, nine of them 0.00 — the
    allowance is that of the two printed, not of eleven."""
    quanta = {kind: printed_quantum(imported, kind) for kind in imported.tables}
    slips: list[Difference] = []
    tails: list[Difference] = []
    for difference in found:
        step = quanta.get(difference.table, ZERO) or _whole_total(imported, difference)
        (tails if is_tail(difference, step) else slips).append(difference)
    return slips, tails


def is_tail(difference: Difference, step: Decimal) -> bool:
    """Whether ``difference`` is no more than the rounding of its figures printed at ``step``: half a step for the
    total and for each part printed other than 0 (a blank or a 0 rounds nothing) — never where one part alone is
    printed (the total is that part's amount, rounded alike: it prints the same), nor of two figures that must be
    equal."""
    printed = sum(1 for part in difference.parts if not part.blank and part.value)
    gap = abs(difference.total.value - difference.parts_sum)
    return bool(step) and printed > 1 and not difference.equal and gap <= step * (printed + 1) / 2


def _whole_total(imported: Imported, difference: Difference) -> Decimal:
    """1 where a 元 table prints this total in whole 元 beside parts kept to the 分 (189,767,551 over
    189,767,551.46): the total itself was rounded to the 元."""
    table = imported.tables.get(difference.table)
    total = difference.total.value
    whole = total == total.to_integral_value()
    finer = any(p.value != p.value.to_integral_value() for p in difference.parts)
    return Decimal(1) if table is not None and table.unit == "元" and whole and finer else ZERO


def tail_notes(tails: list[Difference]) -> list[str]:
    """The tails as the import and the review tell them: one line per total (wherever it is printed),
    both figures, and that it is rounding."""
    groups: dict[tuple[str, Decimal, Decimal], list[Difference]] = {}
    for tail in tails:
        groups.setdefault((tail.what.rsplit(" ", 1)[0], tail.total.value, tail.parts_sum), []).append(tail)
    lines = []
    for (what, total, parts), group in groups.items():
        places = "、".join(dict.fromkeys(f"{d.table} {d.total.where}" for d in group))
        lines.append(f"{what} 印作 {total:,}，其组成部分之和为 {parts:,}（{places}）：相差在各数按印出位数取整的"
                     "范围内，是尾数误差，不作为差错")
    return lines


def differences(imported: Imported) -> list[Difference]:
    found: list[Difference] = []
    for kind, rows in imported.rows.items():
        if imported.tables[kind].kind.shape == "科目":
            found += _within_rows(kind, rows)
            found += levels(kind, rows)
        elif imported.tables[kind].items:  # a table printed turned: each item's 合计 = its funds
            found += [d for row in rows if "合计" in row.amounts for d in _row_sums(kind, row, row.amounts["合计"])]
    found += _funds_against_all(imported)
    found += _projects_against_spending(imported)
    for kind in imported.sides:
        found += _two_sided(imported, kind)
    for kind, groups in imported.groups.items():
        found += _groups(kind, groups)
    found += _three_public(imported)
    found += _fiscal_tables(imported)
    return found


def _fiscal_tables(imported: Imported) -> list[Difference]:
    """The tables of all 财政拨款 (财政拨款支出表, 财政拨款基本支出表) against the tables they add up (fiscal_tables.py)."""
    return [Difference(kind, what, total, tuple(parts)) for kind, what, total, parts in fiscal_differences(imported)]


def _within_rows(kind: str, rows: list[Row]) -> Iterable[Difference]:
    carried_in = _carried_in(rows)
    for row in rows:
        total = row.amounts.get("合计")
        if total is not None:
            yield from _row_sums(kind, row, total)
            yield from _income_row(kind, row, total, carried_in=carried_in)
        elif "收入总计" in row.amounts:  # 深圳's 收入总表: 收入总计 | its sources … | 上年结余、结转, no 合计
            yield from _income_row(kind, row, row.amounts["收入总计"], all_income=True)
        yield from _row_change(kind, row)
        if "收入总计" in row.amounts and total is not None and "上年结转" in row.amounts:
            yield from _sum(kind, f"{_name(row)} 收入总计", row.amounts["收入总计"], [total, row.amounts["上年结转"]])


def within_rows(kind: str, rows: list[Row]) -> Iterable[Difference]:
    """Each row's totals against the columns that make them (a table no kind names: unread_sums.py)."""
    return _within_rows(kind, rows)


def _row_sums(kind: str, row: Row, total: Amount) -> Iterable[Difference]:
    """A row's 合计 against each set of columns that make it (基本 + 项目支出 — with the spending BESIDES them
    or without —, 人员 + 公用经费, the funds);
    where the row prints the part those make (基本支出 over 人员经费 and 公用经费, 财政拨款 over the funds),
    that part against them instead; the funds never against a 合计 the row's other income is in too."""
    for parts in ROW_SUMS:
        present = _columns(row, parts)
        besides = _columns(row, BESIDES.get(parts[0], ()))
        whole, what = _whole(row, parts, total)
        found = sum((p.value for p in present), ZERO)
        if whole is not None and len(present) >= 2 and whole.value not in (found, found + sum((b.value for b in besides), ZERO)):
            yield Difference(kind, f"{_name(row)} {what}", whole, tuple(present + besides))


def _columns(row: Row, meanings: tuple[str, ...]) -> list[Amount]:
    """The row's amounts of these columns, those it prints."""
    return [row.amounts[m] for m in meanings if m in row.amounts]


def _whole(row: Row, parts: tuple[str, ...], total: Amount) -> tuple[Amount | None, str]:
    """What a set of a row's columns adds up to: the part printed over them, else the row's 合计; None
    where they make neither (人员 and 公用经费 beside a 项目支出 with no 基本支出 printed, the funds beside
    other income)."""
    over = {"人员经费": "基本支出", "一般公共预算": "财政拨款"}.get(parts[0])
    if over is not None and over in row.amounts:
        return row.amounts[over], over
    if over == "基本支出" and "项目支出" in row.amounts:
        return None, ""
    if over == "财政拨款" and any(m in row.amounts for m in INCOME):
        return None, ""
    return total, "合计"


def _row_change(kind: str, row: Row) -> Iterable[Difference]:
    """A row's 增减 against its 预算数 (its 合计, where its one figure of this year is read as that: build.
    _one_column_is_total) less its 上年预算数."""
    this = row.amounts.get("预算数", row.amounts.get("合计"))
    if "增减" in row.amounts and this is not None and "上年预算数" in row.amounts:
        last = row.amounts["上年预算数"]
        if this.value - last.value != row.amounts["增减"].value:
            yield Difference(kind, f"{_name(row)} 增减", row.amounts["增减"], (this, _negated(last)))


def _negated(amount: Amount) -> Amount:
    return Amount(-amount.value, amount.where, amount.blank, amount.cell)


def _income_row(kind: str, row: Row, total: Amount, all_income: bool = False,
                carried_in: bool | None = None) -> Iterable[Difference]:
    """A row of income by source: its 合计 is this year's sources, or those and 上年结转 — as the table's other rows say
    (``carried_in``: _carried_in), either where they do not; its 收入总计 (``all_income``) is those and 上年结转 where it
    prints one (as the 收支总表's 收入总计 is 本年收入 and 上年结转 together)."""
    parts = _income_parts(row)
    if parts is None:
        return
    yield from _subtotals(kind, row, parts)
    carried = row.amounts.get("上年结转")
    if total.value not in _income_sums(parts, carried, all_income, carried_in):
        what = "收入总计" if all_income else "合计"
        yield Difference(kind, f"{_name(row)} {what}", total, tuple(parts + ([carried] if carried else [])))


def _income_sums(parts: list[Amount], carried: Amount | None, all_income: bool,
                 carried_in: bool | None) -> set[Decimal]:
    """What a row's total of income may be: its sources (but a 收入总计, or a 合计 the table says holds 上年结转, where it
    prints one), and its sources with 上年结转 (but where the table says its 合计 does not hold it)."""
    sums = {sum((p.value for p in parts), ZERO)} if carried is None or not (all_income or carried_in) else set()
    if carried is not None and carried_in is not False:
        sums.add(sum((p.value for p in parts), carried.value))
    return sums


def _income_parts(row: Row) -> list[Amount] | None:
    """A row's sources of this year's income (财政拨款 or its funds, and the rest); None where it prints fewer than two,
    or no source but 财政拨款's."""
    fiscal = [row.amounts["财政拨款"]] if "财政拨款" in row.amounts else [row.amounts[m] for m in FUNDS if m in row.amounts]
    others = [amount for m in INCOME for amount in _source(row, m)]
    return fiscal + others if len(fiscal + others) >= 2 and others else None


def _carried_in(rows: list[Row]) -> bool | None:
    """Whether a table's 合计 holds its 上年结转, as its rows printing a 上年结转 other than 0 say — each whose 合计 is its
    sources with it (True) or without it (False): what more of them say (a table holds it or not; the row saying
    otherwise is the slip: 深圳宣传部 2026's 项目支出总表, four rows with it, one of 0.00 printed 0.05 without); None
    where no row says, or as many say each (深圳's 基本支出总表:
    总计 of the sources and 上年结余、结转; the national 收入总表's 小计 of this year's alone)."""
    said = {True: 0, False: 0}
    for row in rows:
        total, carried, parts = row.amounts.get("合计"), row.amounts.get("上年结转"), _income_parts(row)
        if total is None or carried is None or parts is None or carried.value == 0:
            continue
        this_year = sum((p.value for p in parts), ZERO)
        if total.value in (this_year, this_year + carried.value):
            said[total.value != this_year] += 1
    return None if said[True] == said[False] else said[True] > said[False]


def _subtotals(kind: str, row: Row, sources: list[Amount]) -> Iterable[Difference]:
    """A row's 本年收入合计 against this year's sources, and its 上年结转 against the funds it prints of it (北京's
    收入总表: 合计 | 本年收入 小计 | its sources … | 上年结转结余 小计 | 一般公共预算资金 … 单位资金) — neither was held to
    anything, the 合计 being held to the sources and the 上年结转 小计 together."""
    this = row.amounts.get(YEAR_TOTAL)
    if this is not None and sum((p.value for p in sources), ZERO) != this.value:
        yield Difference(kind, f"{_name(row)} {YEAR_TOTAL}".strip(), this, tuple(sources))
    carried = row.amounts.get("上年结转")
    funds = [amount for meaning, amount in row.amounts.items() if meaning.startswith("上年结转·")]
    if carried is not None and len(funds) >= 2 and sum((p.value for p in funds), ZERO) != carried.value:
        yield Difference(kind, f"{_name(row)} 上年结转".strip(), carried, tuple(funds))


YEAR_TOTAL = "本年收入合计"  # recognize.py: a total of this year's income beside the 合计 that adds 上年结转 to it
# a 两栏 table's row of this year's income, above 上年结转 and 收入总计 (江苏's 收支预算总表: “当年收入小计”, as its spending
# side's “当年支出小计” is 本年支出合计, 导入.yaml)
YEAR_TOTALS = (YEAR_TOTAL, "本年收入小计", "当年收入小计")


def _source(row: Row, source: str) -> list[Amount]:
    """A row's figure of a source of income, or where the row prints none, the parts of it it prints
    (广州's 财政专户拨款收入 over 教育收费 and 其他专户收入拨款: recognize reads them “财政专户管理资金·…”)."""
    if source in row.amounts:
        return [row.amounts[source]]
    return [amount for meaning, amount in row.amounts.items() if meaning.startswith(f"{source}·")]


def _name(row: Row) -> str:
    return f"{row.code} {row.name}".strip() if row.code else row.label


def levels(kind: str, rows: list[Row]) -> Iterable[Difference]:
    """类 = Σ 款, 款 = Σ 项, 合计 row = Σ 类, for every amount column."""
    coded = [r for r in rows if r.code]
    children = _children_of(coded)
    printed = Counter(row.code for row in coded)
    for row in coded:
        if printed[row.code] > 1 and row.second:  # one class over rows, one per class of a second
            # classification (301 → 501, 505): each is the sum of its lines of that class alone
            yield from column_sums(kind, row, section_lines(row, children.get(row.code, [])))
            continue
        yield from column_sums(kind, row, children.get(row.code, []))
    yield from _totals_against(kind, rows, coded)


def _totals_against(kind: str, rows: list[Row], coded: list[Row]) -> Iterable[Difference]:
    """Each 合计 row against the rows it sums: the top coded rows (tops), else the function lines (function_lines)."""
    for total in (r for r in rows if r.total):
        yield from column_sums(kind, total, tops(coded) or function_lines(rows))


def _children_of(coded: list[Row]) -> dict[str, list[Row]]:
    """Each code's rows of the level below (a 类's 款, a 款's 项), by the code."""
    children: dict[str, list[Row]] = {}
    for row in coded:
        if len(row.code) > 3:
            children.setdefault(row.code[:-2], []).append(row)
    return children


def function_lines(rows: list[Row]) -> list[Row]:
    """The lines a 合计 row is the sum of in a table printing no code of its own but each line's function
    code (北京's 支出总表: a line a 项 and an economic class, 2050802-干部教育 / 50501 / 30101; a 款 printed
    without its 项, 21298): every line but the totals, where each names a code and none a code another
    line's is under (a 类 or 款 line over its 项 lines is their sum); none otherwise (a line of nothing
    known may be the sum of others)."""
    lines = [row for row in rows if not row.total and row.amounts]
    if not lines or any(not row.function_code or row.code for row in lines):
        return []
    return [] if _one_under_another({row.function_code for row in lines}) else lines


def _one_under_another(codes: set[str]) -> bool:
    """Whether one of the codes is under another (a 类 or 款 over its 项)."""
    return any(code.startswith(other) and code != other for code in codes for other in codes)


def tops(coded: list[Row]) -> list[Row]:
    """The rows a 合计 row is the sum of: each coded row none of whose higher codes is printed — the
    类, and a 款 or 项 printed without its 类 or 款 (北京水务局's 政府性基金预算支出表: four 项 of 212
    and the 款 21298, no 类 row)."""
    codes = {row.code for row in coded}
    return [row for row in coded if not any(row.code[:n] in codes for n in range(3, len(row.code), 2))]


def section_lines(row: Row, lines: list[Row]) -> list[Row]:
    """The lines of a class printed once per class of a second classification (烟台's 基本支出表: 301
    under 501, then again under 505) that are of its section: their second code under its own."""
    own = row.second[0] if row.second else ""
    return [line for line in lines if own and line.second and line.second[0].startswith(own)]


RATE = "增减幅度"  # a column of rates (增减%): a class's rate is no sum of its lines'


def column_sums(kind: str, row: Row, children: list[Row]) -> Iterable[Difference]:
    if not children:
        return
    for meaning, amount in row.amounts.items():
        if meaning == RATE:
            continue
        parts = tuple(c.amounts[meaning] for c in children if meaning in c.amounts)
        if parts and sum((p.value for p in parts), ZERO) != amount.value:
            yield Difference(kind, f"{_name(row)} {meaning}", amount, parts)


def _funds_against_all(imported: Imported) -> Iterable[Difference]:
    """The 支出总表's 项 rows against the same rows of the fund tables added up. The fund tables hold
    财政拨款 alone: a row the 收入总表 shows funded in part by other income (事业收入 …) has that income
    (its 合计 less its 财政拨款 there) for one more part of its 合计, and is not compared by its 基本支出
    and 项目支出, whose share of it is not printed;
    where other income is known to exist but not by row, the rows are not compared."""
    if not _fund_rows_known(imported):
        return
    funds = [k for k in tablekinds.fund_tables() if k in imported.rows]
    other = _other_income(imported)
    if not funds or other is None:
        return
    by_code = _by_code(imported, funds)
    for row in imported.rows[role("spending")]:
        if len(row.code) == 7:
            yield from _row_against_funds(row, by_code, other.get(row.code))


def _row_against_funds(row: Row, by_code: dict[tuple[str, str], list[Amount]],
                       besides: Amount | None) -> Iterable[Difference]:
    """A 支出总表 项 row against the fund tables' rows of its code added up: its 合计, 基本支出 and 项目支出; its 合计
    alone, with the row's other income (``besides``) for one more part, where other income funds it in part."""
    for meaning in ("合计",) if besides else ("合计", "基本支出", "项目支出"):
        if meaning in row.amounts:
            parts = by_code.get((row.code, meaning), []) + ([besides] if besides else [])
            yield from _sum(role("spending"), f"{_name(row)} {meaning}", row.amounts[meaning], parts)


def _fund_rows_known(imported: Imported) -> bool:
    """Whether the 支出总表's 项 rows can be compared with the fund tables': it is read, every fund's table printed is
    read for sure (else the funds' rows are not all known), none is not printed whose appropriation is not 0 (its rows
    are not known, never none), and its 项 are not printed by unit, unnamed (sure.unit_lines: no row is the
    department's 项)."""
    return role("spending") in imported.rows and not {t.kind.id for t in imported.unsure} & tablekinds.fund_tables().keys() \
        and not unprinted_funds(imported) and not unit_lines(imported.rows[role("spending")])


def _by_code(imported: Imported, kinds: list[str]) -> dict[tuple[str, str], list[Amount]]:
    """The amounts of these tables' rows, by (code, meaning)."""
    by_code: dict[tuple[str, str], list[Amount]] = {}
    for kind in kinds:
        for row in imported.rows[kind]:
            for meaning, amount in row.amounts.items():
                by_code.setdefault((row.code, meaning), []).append(amount)
    return by_code


def projects_beyond_spending(imported: Imported) -> bool:
    """Whether the 项目支出表's 合计 is told beyond the 支出总表's 项目支出 (_projects_against_spending): review tells that
    slip once, not again as check's R-项目支出一致 on the source's list."""
    return any(True for _ in _projects_against_spending(imported))


def _projects_against_spending(imported: Imported) -> Iterable[Difference]:
    """The 支出总表's 项目支出 against the 项目支出表's 合计, where that table's projects add up to more: a list of
    projects may set out some of them only (less), never more than all the project spending (烟台市文化和旅游局 2026:
    表11 totals 9,798.66 with a 考古经费 54.24 of 上年结转 that no other table holds; 表3 项目支出 9,744.42)."""
    spending = _total_printing(imported, role("spending"), "项目支出")
    listed = next((r for r in imported.rows.get(role("projects"), []) if r.total and r.amounts), None)
    if spending is None or listed is None or imported.tables[role("spending")].unit != imported.tables[role("projects")].unit:
        return
    total = listed.amounts.get("预算数") or listed.amounts.get("合计")
    if total is not None and total.value > spending.amounts["项目支出"].value:
        yield Difference(role("spending"), f"{_name(spending)} 项目支出（{role('projects')}的合计）", spending.amounts["项目支出"],
                         (Amount(total.value, f"{role('projects')} {total.where}"),))


def _total_printing(imported: Imported, kind: str, meaning: str) -> Row | None:
    """A table's first 合计 row that prints ``meaning``."""
    return next((r for r in imported.rows.get(kind, []) if r.total and meaning in r.amounts), None)


def _other_income(imported: Imported) -> dict[str, Amount] | None:
    """Each code's income other than 财政拨款 (none: left out), as the 收入总表 prints it (合计 less 财政拨款,
    told at its 合计); empty when the 收支总表 shows none; None when it shows some no 收入总表 row places, or
    when neither table is read (烟台市人社局 2026 without pp. 8–11: its 上级补助收入 and 其他收入 fund rows of the
    支出总表 that no fund table holds — “一般行政管理事务 印作 941.00，而其组成部分之和为 921.00”)."""
    # a row printing no 财政拨款 nor fund column says nothing of its other income (_appropriated names none)
    rows = [r for r in imported.rows.get(role("income"), []) if r.code and "合计" in r.amounts and _appropriated(r)[1]]
    if rows:
        return _other_by_row(imported, rows)
    return _none_other(imported)


def _none_other(imported: Imported) -> dict[str, Amount] | None:
    """No 收入总表 row read: empty where the 收支总表 shows no income but appropriations, nor more income than the
    appropriations; None otherwise, or where it is not read (what else funds a row is not known)."""
    if role("summary") not in imported.sides:
        return None
    income = {imported.catalog.income_rows.get(r.label, ""): r for r in imported.sides[role("summary")][0] if r.amounts}
    others = [_first_amount(r).value for k, r in income.items() if k in INCOME]
    return {} if not any(others) and not _beyond_appropriation(imported, income) else None


def _other_by_row(imported: Imported, rows: list[Row]) -> dict[str, Amount] | None:
    """Each 收入总表 row's income other than 财政拨款 (its 合计 less it; none left out); None where its total row is not
    read (its first page a scan, or cut): its rows may not be all."""
    if not any(r.total for r in imported.rows[role("income")]):
        return None
    other = {r.code: Amount(r.amounts["合计"].value - _appropriated(r)[0],
                            f"{r.amounts['合计'].where} 减 {_appropriated(r)[1]}") for r in rows}
    return {code: amount for code, amount in other.items() if amount.value}


def _beyond_appropriation(imported: Imported, income: dict[str, Row]) -> bool:
    """Whether the 收支总表's 收入总计 is more than the 财政拨款收支总表's: the department spends money no fund table
    holds (福州市民政局 2026: 上年结转结余 30.00 of its own, 收入合计 2,249.92 against the appropriation's 2,219.92, spent
    under 2080299 beside its 613.28 of 一般公共预算; 烟台市文化和旅游局 2026's 考古经费 of 上年结转) — by which rows, not
    printed."""
    fiscal = imported.sides.get(role("appropriations"))
    tables = imported.tables
    if "收入总计" not in income or not fiscal or tables[role("summary")].unit != tables[role("appropriations")].unit:
        return False
    appropriated = next((r for r in fiscal[0] if r.amounts and imported.catalog.income_rows.get(r.label) == "收入总计"), None)
    return appropriated is not None and _first_amount(income["收入总计"]).value > _first_amount(appropriated).value


def _appropriated(row: Row) -> tuple[Decimal, str]:
    """A 收入总表 row's 财政拨款: its column, or the funds' columns added up where it prints them without one (重庆市委
    宣传部 2026: 一般公共预算拨款收入 | 政府性基金预算拨款收入 | 国有资本经营预算拨款收入 | 事业收入 …); (0, "") where
    it prints neither."""
    if "财政拨款" in row.amounts:
        return row.amounts["财政拨款"].value, "财政拨款"
    funds = [meaning for meaning in FUNDS if meaning in row.amounts]
    return sum((row.amounts[m].value for m in funds), ZERO), "、".join(funds)


def _three_public(imported: Imported) -> Iterable[Difference]:
    """Each row's items against their totals; a row printing last year's budget beside this year's under a
    group header (烟台: 2025年预算数 over its first six columns) the same of last year's columns."""
    for row in three_public_rows(imported):
        if row is not None:
            yield from _three_public_row(row.amounts)
            prefix = f"{LAST_BUDGET}·"
            last = {key.removeprefix(prefix): amount for key, amount in row.amounts.items() if key.startswith(prefix)}
            yield from (replace(d, what=f"{LAST_BUDGET} {d.what}") for d in _three_public_row(last))


def _three_public_row(amounts: dict[str, Amount]) -> Iterable[Difference]:
    """合计 = its items, 公务用车 = 购置 + 运行 — only where every item was read: an item whose column was
    not found (two figures run into one cell of a PDF) is unknown, and a total is never held to a part of
    its items."""
    vehicles = "公务用车购置及运行维护费"
    if vehicles in amounts:
        parts = tuple(amounts[m] for m in ("公务用车购置费", "公务用车运行维护费") if m in amounts)
        if len(parts) == 2 and sum((p.value for p in parts), ZERO) != amounts[vehicles].value:
            yield Difference(role("three_public"), vehicles, amounts[vehicles], parts)
    yield from _three_public_total(amounts)
    yield from _beside_three(amounts)


def _three_public_whole(amounts: dict[str, Amount]) -> Amount | None:
    """The “三公” 合计: its own column, else the 合计 where no 会议费 or 培训费 is beside the items."""
    return amounts.get("“三公”合计") or (None if any(m in amounts for m in BESIDE_THREE) else amounts.get("合计"))


def _three_public_total(amounts: dict[str, Amount]) -> Iterable[Difference]:
    """The “三公” 合计 against its items (公务用车 as one, or as its two parts), every item read; a 合计 beside 会议费
    and 培训费 (江苏: their sum with the “三公” items) is no total of the items alone."""
    total = _three_public_whole(amounts)
    if total is None:
        return
    vehicles = "公务用车购置及运行维护费"
    items = ("因公出国（境）费", vehicles, "公务接待费") if vehicles in amounts else \
        ("因公出国（境）费", "公务用车购置费", "公务用车运行维护费", "公务接待费")
    parts = tuple(amounts[m] for m in items if m in amounts)
    if len(parts) == len(items) and sum((p.value for p in parts), ZERO) != total.value:
        yield Difference(role("three_public"), "“三公”经费合计", total, parts)


def _beside_three(amounts: dict[str, Amount]) -> Iterable[Difference]:
    """A 合计 printed beside the “三公” total and the spending set beside its items (江苏's 公开09表: 合计 = “三公”经费
    小计 + 会议费 + 培训费, 2,542.60 = 833.60 + 1,305.25 + 403.75): their sum."""
    beside = [amounts[m] for m in BESIDE_THREE if m in amounts]
    total, three = amounts.get("合计"), amounts.get("“三公”合计")
    if beside and total is not None and three is not None and total is not three:
        parts = (three, *beside)
        if sum((p.value for p in parts), ZERO) != total.value:
            yield Difference(role("three_public"), "合计", total, parts)


def grouped(found: list[Difference]) -> list[str]:
    """One message per slip: the same row printed with the same total against the same sum in
    several columns or tables (a 项 row of tables 2, 3 and 5) is one slip, told once with each place."""
    groups: dict[tuple[str, Decimal, Decimal], list[Difference]] = {}
    for difference in found:
        key = (difference.what.rsplit(" ", 1)[0], difference.total.value, difference.parts_sum)
        groups.setdefault(key, []).append(difference)
    return [describe(group[0]) if len(group) == 1 else _describe_group(group) for group in groups.values()]


def _describe_group(group: list[Difference]) -> str:
    first = group[0]
    places = list(dict.fromkeys(f"{d.table} {d.total.where}（{d.what.rsplit(' ', 1)[-1]}）" for d in group))
    printed = [p for p in first.parts if not p.blank]  # a blank cell is no figure the table prints
    return (f"{first.what.rsplit(' ', 1)[0]} 印作 {first.total.value:,}，而其组成部分之和为 {first.parts_sum:,}"
            f"（{quoted_parts(printed, '等')}），见 {len(places)} 处：{'、'.join(places)}；按原样写入，未作修改")


# a total none of whose parts is printed (a 项 of the 支出总表 that no fund's table prints: its row hidden, or left out)
_NONE_PRINTED = "组成部分一处也没有印出"


def describe(difference: Difference) -> str:
    """The message for one difference: both places, both figures."""
    printed = [p for p in difference.parts if not p.blank]  # a blank cell is no figure the table prints
    return (f"{difference.table} {difference.total.where}：{difference.what} 印作 {difference.total.value:,}，"
            f"而其组成部分之和为 {difference.parts_sum:,}（{quoted_parts(printed)}）；按原样写入，未作修改")


_QUOTED = 6  # parts quoted of a total they do not make


def quoted_parts(parts: list[Amount], more: str = "") -> str:
    """The parts of a total quoted with their places: those other than 0 first (a 0 adds nothing: “2,479.96、0.00、
    0.00 … 等 11 处” hid the 0.03 that made the difference), at most six; ``more`` after them where there are more
    (“ 等 N 处” unless given)."""
    shown = sorted(parts, key=lambda part: part.value == 0)[:_QUOTED]
    quoted = "、".join(f"{p.where} {p.value:,}" for p in shown) or _NONE_PRINTED
    return quoted + ((more or f" 等 {len(parts)} 处") if len(parts) > _QUOTED else "")


_PLACES_SHOWN = 4  # cells quoted of a habit of print told once
_PAGE = regex(r"第(\d+)页")


def unreadables(problems: list[CellProblem]) -> list[str]:
    """The messages for text where amounts belong, a cell each; but cells whose thousands separators stand
    elsewhere than every third digit (上海市职业能力考试院 2026 prints “125360,898”, “7880,000”: only the
    last one) are one habit of the document's print, told once with a few of its places. They are not read:
    whether the comma is a separator or a decimal comma the cells alone do not say."""
    misplaced = [p for p in problems if p.why == MISPLACED_SEPARATORS]
    told = [unreadable(p) for p in problems if len(misplaced) < 2 or p.why != MISPLACED_SEPARATORS]
    return told + ([_misplaced_separators_note(misplaced)] if len(misplaced) >= 2 else [])


def _misplaced_separators_note(cells: list[CellProblem]) -> str:
    """One message for the cells of misplaced separators: how many, a few of them, the pages they are on."""
    shown = "、".join(f"{p.where}“{shown_text(p.text)}”" for p in cells[:_PLACES_SHOWN])
    pages = sorted({int(m.group(1)) for p in cells if (m := _PAGE.search(p.where))})
    on = f"，在第 {'、'.join(map(str, pages))} 页" if pages else ""
    return (f"{shown}{'等' if len(cells) > _PLACES_SHOWN else ''} {len(cells)} 格应为金额，而千位分隔符印错了位置"
            f"（{MISPLACED_SEPARATORS}）{on}：这些格未读取，未用来核对")


def unreadable(problem: CellProblem) -> str:
    """The message for text where an amount belongs."""
    if not problem.column:  # a whole table
        return f"{problem.where}：{problem.why}"
    if not problem.text:
        return f"{problem.where}：“{problem.column}”一栏应为金额，而这一格{problem.why}；未读取这一格"
    why = f"（{problem.why}）" if problem.why and problem.why != "不是数字" else ""
    return f"{problem.where}：“{problem.column}”一栏应为金额，而写的是“{shown_text(problem.text)}”{why}；未读取这一格"


_FUND_INCOME = ("一般公共预算拨款", "政府性基金预算拨款", "国有资本经营预算拨款")
# An income side's rows that group the rows of sources under them (深圳: 一、财政拨款 over 1.一般公共预算拨款 …,
# 三、单位资金 over 1.事业收入 … 5.其他收入): each is held to its parts where they are printed, and is then
# no item of 收入总计 itself.
_GROUPS = {"财政拨款收入": _FUND_INCOME,
           "单位资金": ("事业收入", "事业单位经营收入", "上级补助收入", "附属单位上缴收入", "其他收入")}


def _two_sided(imported: Imported, kind: str) -> Iterable[Difference]:
    """A 两栏 table: its 财政拨款收入 and 收入总计 against their items, each spending class against
    the function tables' class, its 支出总计 against the classes."""
    left, right = imported.sides[kind]
    yield from _income_side(imported, kind, left)
    yield from _spending_side(imported, kind, right)
    yield from _totals_equal(imported, kind, left, right)
    yield from _uses_side(kind, right, imported.beside.get(kind, []))
    for further in imported.further.get(kind, []):  # 西安's 部门 and 政府 经济分类 beside the 功能分类
        yield from _totals_equal(imported, kind, left, further)
    if kind == role("summary"):
        yield from _spending_table_total(imported, kind, right)


def _spending_table_total(imported: Imported, kind: str, right: list[Row]) -> Iterable[Difference]:
    """The 收支总表's 本年支出合计 against the 支出总表's 合计 row: one figure, the year's spending, printed in two
    tables, each rounded alike — the same (江苏人大 2018: 当年支出小计 15897.44 and the 支出预算总表's 合计, which prints
    no class to be held to)."""
    year = _printing_rows(imported, right, "本年支出合计")
    total = _total_of(imported.rows.get(role("spending"), []))
    if len(year) != 1 or total is None:
        return
    printed, again = _first_amount(year[0]), total.amounts["合计"]
    if not printed.blank and printed.value != again.value:
        yield Difference(kind, f"本年支出合计与{role('spending')}的合计", printed, (again,), equal=True)


def _total_of(rows: list[Row]) -> Row | None:
    """A table's 合计 row that prints its 合计 (a table of one row and no code is that row — 江苏's, its “合计” printed
    above the figures)."""
    return next((r for r in rows if (r.total or len(rows) == 1 and not r.code) and "合计" in r.amounts
                 and not r.amounts["合计"].blank), None)


def _groups(kind: str, groups: Groups) -> Iterable[Difference]:
    """An income table of groups: its 收入总计 against the groups' 小计, each 小计 against its rows."""
    first = _first_amount
    yield from _sum(kind, groups.total.label, first(groups.total), [first(subtotal) for subtotal, _ in groups.groups])
    for subtotal, items in groups.groups:
        if items:
            yield from _sum(kind, f"{subtotal.label}（{items[0].label}等）", first(subtotal), [first(row) for row in items])


def _uses_side(kind: str, right: list[Row], uses: list[Row]) -> Iterable[Difference]:
    """The second spending side (江苏's 支出用途: 基本支出, 项目支出, 单位预留机动经费) against the spending's
    first subtotal or total printed (当年支出小计): the same spending by use."""
    items = [_first_amount(r) for r in uses if r.amounts]
    total = next((r for r in right if r.amounts and r.label.endswith(("小计", "合计", "总计"))
                  and not _first_amount(r).blank), None)
    if items and total is not None:
        yield from _sum(kind, "支出用途各项", _first_amount(total), items)


def _totals_equal(imported: Imported, kind: str, left: list[Row], right: list[Row]) -> Iterable[Difference]:
    """收入总计 against 支出总计 as printed: one amount, each rounded alike, so the same figure (烟台市教育局
    2026 prints 315,441.72 on both sides, its income and spending items summing to .72 and .71)."""
    income = [r for r in left if r.amounts and imported.catalog.income_key(r.label) == "收入总计"]
    spent = [r for r in right if r.amounts and imported.catalog.spending_rows.get(r.label) == "支出总计"]
    if income and spent and _first_amount(income[-1]).value != _first_amount(spent[-1]).value:
        yield Difference(kind, "收入总计与支出总计", _first_amount(income[-1]), (_first_amount(spent[-1]),), equal=True)


def _income_side(imported: Imported, kind: str, left: list[Row]) -> Iterable[Difference]:
    """财政拨款收入 against its funds, 收入总计 against every item of income. The funds a 上年结转 row is
    split into on the rows under it (北京: 上年结转结余, then 一、一般公共预算拨款 …) are its parts, not
    this year's sources printed again."""
    income = {imported.catalog.income_key(row.label): row
              for row in this_year_income(imported.catalog, left) if row.amounts}
    groups = _groups_read(income)
    for group, parts in groups.items():
        if group in income and parts:
            yield from _sum(kind, group, _first_amount(income[group]), parts)
    items = _items_of_income(income, groups)
    if "收入总计" in income and items and not _unknown_income(imported, left):
        yield from _sum(kind, "收入总计", _first_amount(income["收入总计"]), items)
    yield from _year_income(imported, kind, left)


def _groups_read(income: dict[str, Row]) -> dict[str, list[Amount]]:
    """Each group of sources (财政拨款收入) with the figures of its sources read."""
    return {group: [_first_amount(income[k]) for k in parts if k in income] for group, parts in _GROUPS.items()}


def _items_of_income(income: dict[str, Row], groups: dict[str, list[Amount]]) -> list[Amount]:
    """The items 收入总计 is made of: each source of income read, a group (财政拨款收入) by its funds where they are."""
    return [_first_amount(r) for k, r in income.items() if k and k != "收入总计" and not (k in groups and groups[k])]


def _year_income(imported: Imported, kind: str, left: list[Row]) -> Iterable[Difference]:
    """The income side's 本年收入合计 against the sources printed above it, where each row there that prints a
    figure is a source of this year's income (a group, 财政拨款收入, counted by its funds where they are printed):
    收入总计 is held to every item and 支出总计, but a 本年收入合计 printed otherwise between them went untold."""
    at = next((n for n, r in enumerate(left) if r.label in YEAR_TOTALS and r.amounts), None)
    if at is None:
        return
    above = _printing_above(left, at)
    keys = [imported.catalog.income_key(r.label) for r in above]
    if not above or not all(keys) or {"收入总计", "上年结转"} & set(keys):
        return
    yield from _sum(kind, left[at].label, _first_amount(left[at]), _sources_above(above, keys))  # as printed: 本年收入合计, 当年收入小计


def _sources_above(above: list[Row], keys: list[str]) -> list[Amount]:
    """The figures of the sources above a 本年收入合计, a group (财政拨款收入) by its funds where they are printed."""
    return [_first_amount(r) for r, k in zip(above, keys, strict=True)
            if not (k in _GROUPS and set(_GROUPS[k]) & set(keys))]


def _unknown_income(imported: Imported, left: list[Row]) -> bool:
    """Whether the income side prints a figure on a row whose words name no source of income nor a
    total (预算拨款, a local source): its 收入总计 cannot be told from the sources read, and is not
    compared (the figures are listed as read but not used)."""
    return unknown_income(imported.catalog, left)


def _spending_side(imported: Imported, kind: str, right: list[Row]) -> Iterable[Difference]:
    """Each spending class against the function tables' class, 支出总计 against the classes; each row's 合计
    against its funds where it prints them (烟台水利局 2026's 财政拨款收支总体情况表: 本年支出合计 7,157.63 = 7,132.41 +
    25.22)."""
    classes = []
    for row in right:
        if "合计" in row.amounts:
            yield from _row_sums(kind, row, row.amounts["合计"])
        code = imported.class_codes.get(row.label)
        if code and row.amounts:
            classes.append(row)
            yield from _class_against_functions(imported, kind, row, code)
    yield from _year_spending(imported, kind, right)
    yield from _spending_total(imported, kind, right, classes)


def _spending_total(imported: Imported, kind: str, right: list[Row], classes: list[Row]) -> Iterable[Difference]:
    """支出总计 against the classes and 结转下年, in the total's column in every part (where a part's cell was not read,
    its text no amount, no sum is made); none where a row prints a figure no class or known row holds."""
    totals, onward = _printing_rows(imported, right, "支出总计"), _printing_rows(imported, right, "结转下年")
    if not totals or not classes or _unplaced_figure(imported, right, classes[0]):
        return
    yield from _column_sum(kind, "支出总计", totals[0], classes + onward)


def _printing_rows(imported: Imported, right: list[Row], name: str) -> list[Row]:
    """The rows of the spending side the catalog names ``name`` (支出总计, 结转下年) that print figures."""
    return [r for r in right if imported.catalog.spending_rows.get(r.label) == name and r.amounts]


def _unplaced_figure(imported: Imported, right: list[Row], first: Row) -> bool:
    """Whether a row from the first class on prints a figure under words that are no 类, 款 or 项 and no row
    the catalog knows (西安 2025's 收支总表, its 20th to 24th classes read as one cell “20、住房保障支出21、粮油物资
    储备支出…” with one figure): the classes then are not all the spending, and no sum is made of them."""
    rows = right[right.index(first):]
    return any(not (imported.class_codes.get(r.label) or r.label in imported.function_names
                    or imported.catalog.spending_rows.get(r.label))
               for r in rows if any(not a.blank for a in r.amounts.values()))


def _year_spending(imported: Imported, kind: str, right: list[Row]) -> Iterable[Difference]:
    """The spending side's 本年支出合计 against the 类 above it, where each row above it that prints a figure is a
    类 or a 款 or 项 under one (a side that lists a row of spending of no 类 there — 单位预留机动经费, a 基本支出 line — is
    not summed): 烟台市文化和旅游局 2026's 收支总体情况表 prints its five 类 and 本年支出合计 23,873.40, and 支出总计 below it
    held to the 类 and 结转下年 alone would not tell a 本年支出合计 printed otherwise; 深圳市民政局 2026's 收支总表 prints
    each 类 with its 款 and 项 under it (“五、其他支出 19,336.15”, “彩票公益金安排的支出 19,336.15”, …)."""
    at = next((n for n, r in enumerate(right)
               if imported.catalog.spending_rows.get(r.label) == "本年支出合计" and r.amounts), None)
    if at is None:
        return
    above = _printing_above(right, at)
    classes = [r for r in above if imported.class_codes.get(r.label)]
    if not classes or classes[0] is not above[0] or not _all_functions(imported, above):
        return
    yield from _column_sum(kind, "本年支出合计", right[at], classes)


def _column_sum(kind: str, what: str, total: Row, rows: list[Row]) -> Iterable[Difference]:
    """A total row against rows, in the total's column in every part: where a part's cell was not read (its text no
    amount), no sum is made."""
    meaning = next(iter(total.amounts))
    parts = [r.amounts.get(meaning) for r in rows]
    if all(part is not None for part in parts):
        yield from _sum(kind, what, total.amounts[meaning], [p for p in parts if p is not None])


def _all_functions(imported: Imported, rows: list[Row]) -> bool:
    """Whether each row is a 类 or names a 款 or 项 of the function classification."""
    return all(imported.class_codes.get(r.label) or r.label in imported.function_names for r in rows)


def _printing_above(side: list[Row], at: int) -> list[Row]:
    """The rows of a side above its row ``at`` that print a figure (a blank row is no part of the total below)."""
    return [r for r in side[:at] if any(not a.blank for a in r.amounts.values())]


def _first_amount(row: Row) -> Amount:
    return next(iter(row.amounts.values()))


def _sum(kind: str, what: str, total: Amount, parts: list[Amount]) -> Iterable[Difference]:
    if sum((p.value for p in parts), ZERO) != total.value:
        yield Difference(kind, what, total, tuple(parts))


def _class_against_functions(imported: Imported, kind: str, row: Row, code: str) -> Iterable[Difference]:
    """A spending class of a 两栏 table against the class row of the function table it summarises."""
    # the 一般公共预算支出表 holds that fund alone: the 财政拨款 table's class by its 一般公共预算 column where
    # it prints one; where it prints the class of all funds alone (深圳's 2026 年预算数: 207 with the 政府性基金's
    # 20707 in it), against that class in each fund table, where every fund table printed was read
    mine = row.amounts.get("一般公共预算") if kind != role("summary") else None
    against = _fund_tables_against(imported, mine) if kind != role("summary") else _whole_tables_against(imported, code)
    rows = {k: found for k in against if (found := _class_row(imported, k, code)) is not None}
    if rows and against[0] in rows:
        yield from _sum(kind, f"{row.label}（{'、'.join(rows)} {code}）", mine or _first_amount(row),
                        [r.amounts["合计"] for r in rows.values()])




def _whole_tables_against(imported: Imported, code: str) -> list[str]:
    """The function table a 收支总表's class is compared with: the 支出总表; the 一般公共预算支出表 where the 支出总表
    prints no row of it and all the money is one fund's (江苏's 支出总表 prints its 合计 alone)."""
    if _class_row(imported, role("spending"), code) is None and _all_general(imported, role("summary")):
        return [fund_table("一般公共预算")]
    return [role("spending")]


def _fund_tables_against(imported: Imported, general: Amount | None) -> list[str]:
    """The function tables a 财政拨款 table's class is compared with: none where the 一般公共预算支出表 holds the year's
    appropriation alone and the class the carry-over's spending too (build.appropriation_of_the_year); the
    一般公共预算支出表 where the class prints its 一般公共预算 column (``general``); where it does not, every fund table read (the 一般公共预算支出表 first, as ever)
    where all are read for sure, and none where a fund's table is not printed (its appropriation not 0: its part
    of the class is not known)."""
    if appropriation_of_the_year(imported):
        return []  # its classes spend the carry-over too; the function table's, the year's appropriation alone
    if general is not None:
        return [fund_table("一般公共预算")]
    if unprinted_funds(imported):
        return []
    if fund_table("一般公共预算") in imported.rows and not {t.kind.id for t in imported.unsure} & tablekinds.fund_tables().keys():
        return [k for k in tablekinds.fund_tables() if k in imported.rows]
    return [fund_table("一般公共预算")]


def _all_general(imported: Imported, kind: str) -> bool:
    """Whether all of a 两栏 table's income is 一般公共预算拨款: its 收入总计 printed as that fund's (江苏人大 2018:
    15,897.44 both, 政府性基金, 财政专户管理资金, 其他资金 and 上年结转 blank). Its spending is then the
    一般公共预算支出表's, class by class."""
    income = {imported.catalog.income_key(r.label): _first_amount(r) for r in imported.sides[kind][0] if r.amounts}
    general, total = income.get("一般公共预算拨款"), income.get("收入总计")
    return general is not None and total is not None and not general.blank and general.value == total.value


def _class_row(imported: Imported, kind: str, code: str) -> Row | None:
    return next((r for r in imported.rows.get(kind, []) if r.code == code and "合计" in r.amounts), None)
