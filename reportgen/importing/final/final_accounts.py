"""A 部门决算 (final accounts) document's tables reconciled among themselves: what a finance bureau can
check of one without any source. The tables are known by their titles (导入.yaml, 种类: 决算); none is read
as a budget's table; the source is written from them by final_build.py.

What is checked, each only where the document prints the figures:
- every function table (收入决算表, 支出决算表, 一般公共预算财政拨款支出决算表): 类 = Σ 款, 款 = Σ 项 and the
  合计 row = Σ 类 in every column; a row's 合计 = the sum of its part columns, where every column holding
  a figure is known (an unknown column's figure could be a part: then the row is not judged);
- each 两栏 总表 on its first amount column: 本年收入合计 = Σ the income above it, 本年支出合计 = Σ the
  classes above it, 总计 = 本年收入合计 + 使用非财政拨款结余 + 年初结转和结余 on the left and 本年支出合计 +
  结余分配 + 年末结转和结余 on the right, and the two 总计 equal;
- the 基本支出 table: each 类 = Σ its 款, 人员经费合计 = 301 + 303, 公用经费合计 = 302 + 310 (+ 307, 309, 399
  where printed), and their sum = the 一般公共预算 table's 基本支出;
- the “三公” table: 合计 = 因公出国（境）费 + 公务用车 小计 + 公务接待费 and 小计 = 购置费 + 运行维护费, for
  its 预算数 and its 决算数;
- across tables: the 总表's 本年收入合计 and 本年支出合计 against the 收入决算表's and 支出决算表's 合计.
A table in 万元 prints each figure rounded: a gap that rounding can make is no difference (元 tables are
exact)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from reportgen.base.patterns import regex
from reportgen.importing.budget.reconcile import Difference, column_sums, levels
from reportgen.importing.recognition.catalog import normalized
from reportgen.importing.recognition.recognize import Table, cell_text, header_text, is_amount
from reportgen.importing.recognition.rows import (
    NUMBERING,
    Amount,
    CellProblem,
    Row,
    amount_of_cell,
    body_rows,
    cell_problem,
    is_column_numbers,
    is_note_row,
    leading_code,
    table_unread,
)
from reportgen.importing.recognition.sides import sides

ZERO = Decimal(0)
# A row's 合计 and the columns that make it, in the function tables of a 决算.
PART_COLUMNS = ("财政拨款", "一般公共预算", "政府性基金", "国有资本经营", "上级补助收入", "事业收入", "事业单位经营收入",
                "附属单位上缴收入", "其他收入", "基本支出", "项目支出", "上缴上级支出", "经营支出", "对附属单位补助支出")
FUNCTION_TABLES = ("收入决算表", "支出决算表", "一般公共预算财政拨款支出决算表")
# Each 两栏 总表's sides: the subtotal, what is added to it, and the total it makes.
BALANCES = {
    "收入支出决算总表": (("本年收入合计", ("使用非财政拨款结余", "年初结转和结余")),
                         ("本年支出合计", ("结余分配", "年末结转和结余"))),
    "财政拨款收入支出决算总表": (("本年收入合计", ("年初财政拨款结转和结余",)),
                                 ("本年支出合计", ("年末财政拨款结转和结余",))),
}
PERSONNEL, PUBLIC = ("301", "303"), ("302", "307", "309", "310", "399")


def final_differences(tables: list[Table]) -> tuple[list[Difference], list[CellProblem]]:
    """Every difference among the 决算 tables, and the cells that could not be read."""
    problems: list[CellProblem] = []
    by_kind = {t.kind.id: t for t in tables}
    rows = {kind: body_rows(by_kind[kind], problems=problems) for kind in FUNCTION_TABLES if _coded(by_kind.get(kind))}
    found: list[Difference] = []
    for kind, table_rows in rows.items():
        found += levels(kind, table_rows)
        found += _row_totals(kind, by_kind[kind], table_rows)
    subtotals: dict[str, Row] = {}
    found += _balances(by_kind, problems, subtotals)
    basic = by_kind.get("一般公共预算财政拨款基本支出决算表")
    if basic is not None:
        found += _basic(basic, rows.get("一般公共预算财政拨款支出决算表", []), problems)
    found += _across(subtotals, rows)
    three = by_kind.get("财政拨款三公经费支出决算表")
    if three is not None:
        found += _three_public(three, problems)
    units = {kind: table.unit for kind, table in by_kind.items()}
    return [d for d in found if not _rounding_explains(d, units.get(d.table, ""))], problems


def _balances(by_kind: dict[str, Table], problems: list[CellProblem], subtotals: dict[str, Row]) -> list[Difference]:
    """The differences within each balance table printed in two sides (收入 | 支出), its subtotals kept in
    ``subtotals`` for the tables to be set against them."""
    found: list[Difference] = []
    for kind in BALANCES:
        if kind in by_kind and by_kind[kind].kind.shape == "两栏":
            left, right = sides(by_kind[kind], problems)
            found += _balance(kind, left, right, subtotals)
    return found


def _rounding_explains(difference: Difference, unit: str) -> bool:
    """Whether printing each figure rounded (a 万元 table to 0.01) can make its parts miss its total:
    each printed figure is within half its last digit of the exact one, and the exact parts make the
    exact total, so a gap up to half a digit per figure is no slip. A 元 table's figures are exact."""
    if unit != "万元":
        return False
    figures = (difference.total, *difference.parts)
    decimals = max(-int(f.value.as_tuple().exponent) for f in figures)
    half = Decimal(5) / Decimal(10) ** (decimals + 1)
    return abs(difference.total.value - difference.parts_sum) <= half * len(figures)


def _coded(table: Table | None) -> bool:
    return table is not None and "编码" in table.columns.values() and "合计" in table.columns.values()


def _row_totals(kind: str, table: Table, rows: list[Row]) -> Iterable[Difference]:
    """A row's 合计 against its part columns, where no figure stands in a column of no known meaning."""
    if _unknown_figures(table):
        return
    for row in rows:
        total = row.amounts.get("合计")
        parts = [row.amounts[m] for m in PART_COLUMNS if m in row.amounts]
        if total is not None and len(parts) >= 2 and sum((p.value for p in parts), ZERO) != total.value:
            yield Difference(kind, f"{_name(row)} 合计", total, tuple(parts))


def _unknown_figures(table: Table) -> bool:
    grid = table.grid
    known = set(table.columns)
    return any(col not in known and is_amount(grid.cell(row, col)) and cell_text(grid.cell(row, col)).strip()
               for row in range(table.body_start, len(grid.rows)) for col in range(grid.width))


def _name(row: Row) -> str:
    return f"{row.code} {row.name}".strip() if row.code else row.label


def _value(row: Row | None) -> Decimal:
    """A side row's first amount (a blank or missing row is nothing)."""
    if row is None or not row.amounts:
        return ZERO
    return next(iter(row.amounts.values())).value


def _balance(kind: str, left: list[Row], right: list[Row], subtotals: dict[str, Row]) -> Iterable[Difference]:
    totals = []
    for rows, (subtotal, added) in zip((left, right), BALANCES[kind], strict=True):
        side = _Side.of(rows, subtotal)
        if side is None:
            continue
        subtotals[f"{kind}:{subtotal}"] = side.subtotal
        yield from _balance_side(kind, side, subtotal, added)
        if (total := side.total()) is not None:
            totals.append(total)
    if len(totals) == 2 and _value(totals[0]) != _value(totals[1]):
        yield Difference(kind, "收入总计与支出总计", _amount(totals[0]), (_amount(totals[1]),))


@dataclass(frozen=True)
class _Side:
    """One side of a 两栏 总表: its rows, their labels (numbering aside) and where its subtotal stands."""

    rows: list[Row]
    labels: list[str]
    at: int

    @staticmethod
    def of(rows: list[Row], subtotal: str) -> _Side | None:
        labels = [normalized(NUMBERING.sub("", r.label)) for r in rows]
        return _Side(rows, labels, labels.index(subtotal)) if subtotal in labels else None

    @property
    def subtotal(self) -> Row:
        return self.rows[self.at]

    def items(self) -> list[Row]:
        """The rows above the subtotal that print a figure."""
        return [r for r in self.rows[:self.at] if r.amounts and any(not a.blank for a in r.amounts.values())]

    def total(self) -> Row | None:
        return next((r for label, r in zip(self.labels, self.rows, strict=True) if label == "总计" and r.amounts), None)

    def added(self, names: tuple[str, ...]) -> list[Row]:
        """The rows below the subtotal that the total adds to it (结余分配, 年末结转和结余 …)."""
        return [r for label, r in zip(self.labels[self.at + 1:], self.rows[self.at + 1:], strict=True)
                if label in names and r.amounts]


def _balance_side(kind: str, side: _Side, subtotal: str, added: tuple[str, ...]) -> Iterable[Difference]:
    """A side's subtotal against the items above it, and its 总计 against the subtotal and what is added."""
    sub = side.subtotal
    items = side.items()
    if sub.amounts and items:
        yield from _sum(kind, subtotal, sub, items)
    total = side.total()
    if total is not None:
        yield from _sum(kind, f"{subtotal}一侧的总计", total, [sub, *side.added(added)])


def _amount(row: Row) -> Amount:
    return next(iter(row.amounts.values()))


def _sum(kind: str, what: str, total: Row, parts: list[Row]) -> Iterable[Difference]:
    if not total.amounts or not all(p.amounts for p in parts):
        return  # a figure not read (a formula saved without its value: told with its cell) is no 0 to compare
    if sum((_value(p) for p in parts), ZERO) != _value(total):
        yield Difference(kind, what, _amount(total), tuple(_amount(p) for p in parts if p.amounts))


def _basic(table: Table, general: list[Row], problems: list[CellProblem]) -> Iterable[Difference]:
    """The 基本支出 table of two (编码, 名称, 决算数) halves: 类 = Σ 款, 人员/公用经费合计 = their classes,
    and their sum = the 一般公共预算 table's 基本支出."""
    rows = economic_halves(table, problems)
    coded = [r for r in rows if r.code]
    kind = table.kind.id
    yield from _class_sums(kind, coded)
    totals = []
    for label, total, parts in _cost_totals(rows, coded):
        totals.append(total)
        yield from _sum(kind, label, total, parts)
    yield from _against_general(kind, totals, general)


def _class_sums(kind: str, coded: list[Row]) -> Iterable[Difference]:
    """Each 类 against its 款."""
    children: dict[str, list[Row]] = {}
    for row in coded:
        if len(row.code) == 5:
            children.setdefault(row.code[:3], []).append(row)
    for row in coded:
        yield from column_sums(kind, row, children.get(row.code, []))


def _cost_totals(rows: list[Row], coded: list[Row]) -> list[tuple[str, Row, list[Row]]]:
    """人员经费合计 and 公用经费合计, each with the classes it sums, where both are printed."""
    classes = {r.code: r for r in coded if len(r.code) == 3}
    named = {normalized(r.label): r for r in rows if not r.code}
    found = []
    for label, codes in (("人员经费合计", PERSONNEL), ("公用经费合计", PUBLIC)):
        total = named.get(label)
        parts = [classes[c] for c in codes if c in classes]
        if total is not None and parts:
            found.append((label, total, parts))
    return found


def _against_general(kind: str, totals: list[Row], general: list[Row]) -> Iterable[Difference]:
    """人员经费合计 + 公用经费合计 against the 一般公共预算 table's 基本支出."""
    general_total = next((r for r in general if r.total and "基本支出" in r.amounts), None)
    if len(totals) == 2 and general_total is not None:
        basic = general_total.amounts["基本支出"]
        if basic.value != sum((_value(t) for t in totals), ZERO):
            yield Difference(kind, "人员经费合计与公用经费合计（一般公共预算财政拨款支出决算表 基本支出）", basic,
                             tuple(_amount(t) for t in totals))


def economic_halves(table: Table, problems: list[CellProblem]) -> list[Row]:
    """Each half's rows: (编码, 名称, 决算数) read left half first, then the right. A half's code is one
    编码 column, or its 类 and 款 columns (科目编码 over 类 | 款, as the 决算 template prints it)."""
    halves = _halves(table)
    if not halves:  # no column read as 编码: the table is told unread with its place, never guessed
        problems.append(table_unread(table, "编码"))
        return []
    return [row for start, half in halves for row in _half_rows(table, half, start, problems)]


def economic_sides(table: Table) -> list[list[tuple[str, str]]]:
    """The economic codes (类, 款) each side of a 基本支出决算表 prints, in order, left to right, each with the name it
    prints (as economic_halves reads them); none where a side is not read."""
    sides = [[(row.code, row.name) for row in _half_rows(table, half, start, [])
              if len(row.code) in (3, 5) and row.code.isdigit()] for start, half in _halves(table)]
    return sides if sides and all(sides) else []


def _halves(table: Table) -> list[tuple[int, dict[int, str]]]:
    """Each side of a 基本支出决算表: its first column and its columns' meanings (from one code column to the next)."""
    columns = sorted({**table.columns, **_unheaded_codes(table)}.items())
    codes = [c for c, m in columns if m in ("编码", "类")] or _coded_names(table)
    return [(start, _spent({c: m for c, m in columns if start <= c < end}))
            for start, end in zip(codes, [*codes[1:], table.grid.width], strict=False)]  # no code column: no side


def _half_rows(table: Table, half: dict[int, str], start: int, problems: list[CellProblem]) -> list[Row]:
    """One half's rows (its columns from ``start``), where it has a name and a 决算数 and a code before them; none,
    told, where two sides stand under one code (never guessed)."""
    meanings = list(half.values())
    if meanings.count("名称") > 1 or meanings.count("决算数") > 1:  # two sides under one code: never guessed
        problems.append(table_unread(table, "编码"))
        return []
    if set(meanings) >= {"名称", "决算数"} and (set(meanings) & {"编码", "类"} or half[start] == "名称"):
        return body_rows(table, half, problems)
    return []


def _unheaded_codes(table: Table) -> dict[int, str]:
    """The columns the header gave no meaning that print a code on most rows that print anything there, each
    right before a 名称 column: a side's 编码 whose header was read into the next side's (国家信访局 2024 决算's
    基本支出决算表: “公用经费 / 科目代码” over the third side read as one word, its 307, 310, 399 column left
    unnamed, and 310 资本性支出's 27.24 read beside the second side's 30203 咨询费)."""
    found: dict[int, str] = {}
    for col in range(table.grid.width):
        if col in table.columns or table.columns.get(col + 1) != "名称":
            continue
        texts = _column_texts(table, col)
        codes = sum(1 for text in texts if _CODE.fullmatch(text))
        if codes >= 3 and 3 * codes > 2 * len(texts):  # a total's label (公用经费合计) may stand in it
            found[col] = "编码"
    return found


def _coded_names(table: Table) -> list[int]:
    """The 名称 columns of a table with no 编码 column whose cells print each code with its name (“30101 基本工资”,
    a workbook's export of the two halves): most of their cells that print words lead with a code."""
    found = []
    for col in sorted(c for c, m in table.columns.items() if m == "名称"):
        texts = _column_texts(table, col)
        if texts and 2 * sum(1 for text in texts if leading_code(text)) > len(texts):
            found.append(col)
    return found


def _column_texts(table: Table, col: int) -> list[str]:
    """The texts column ``col`` prints in the table's body (a blank cell none)."""
    return [text for row in table.grid.rows[table.body_start:] if (text := cell_text(row[col]) if col < len(row) else "")]


def _spent(half: dict[int, str]) -> dict[int, str]:
    """A half's columns, its one column of amounts headed 金额 (佛山; read as a 预算数 by the budget's
    words) the 决算数 it is in a 决算 table; any other half as it is."""
    amounts = [c for c, m in half.items() if m in ("预算数", "决算数")]
    if len(amounts) == 1 and half[amounts[0]] == "预算数":
        return {**half, amounts[0]: "决算数"}
    return half


_CODE = regex(r"\d{3,7}")  # an economic class's, 款's or item's code as printed in its own cell

# The “三公” table's items, known by a word of their header (read from the lowest header row up).
THREE_PUBLIC_ITEMS = (("合计", "合计"), ("小计", "小计"), ("出国", "因公出国（境）费"), ("购置", "公务用车购置费"),
                      ("运行", "公务用车运行维护费"), ("接待", "公务接待费"))


def _three_public(table: Table, problems: list[CellProblem]) -> Iterable[Difference]:
    """合计 = 因公出国（境）费 + 公务用车 小计 + 公务接待费, 小计 = 购置费 + 运行维护费, for its 预算数 and its
    决算数 alike; only where every column of figures has one item and one measure."""
    by_measure = three_public_columns(table)
    if by_measure is None:
        return
    for index in range(table.body_start, len(table.grid.rows)):
        if is_note_row(table, index):
            break  # the note, and its lines wrapped under it (佛山: “年度结转资金安排的实际支出。…”)
        if is_column_numbers(table, index):
            continue
        for measure, cols in by_measure.items():
            yield from _three_public_row(table, index, measure, cols, problems)


def three_public_columns(table: Table) -> dict[str, dict[str, int]] | None:
    """The “三公” table's columns of figures by measure (预算数, 决算数) and item; None where a column
    has no item or an item two columns (the header is not read as expected)."""
    columns = {col: (measure, _three_public_item(table, col)) for col, meaning in table.columns.items()
               if (measure := _measure(table, col, meaning))}
    if not columns or any(item is None for _, item in columns.values()):
        return None
    by_measure: dict[str, dict[str, int]] = {}
    for col, (measure, item) in columns.items():
        assert item is not None
        if item in by_measure.setdefault(measure, {}):
            return None
        by_measure[measure][item] = col
    return by_measure


_MEASURES = ("预算数", "决算数")


def _measure(table: Table, col: int, meaning: str) -> str:
    """What a column of the “三公” table measures: its meaning (预算数 or 决算数 under an item), or where its
    meaning is the item, the measure a header word above it names (佛山: 预算数 and 决算数 over the items);
    "" for none."""
    if meaning in _MEASURES:
        return meaning
    words = {normalized(header_text(table.grid, row, col)) for row in range(table.header_start, table.body_start)}
    found = [measure for measure in _MEASURES if measure in words]
    return found[0] if len(found) == 1 else ""


def _three_public_item(table: Table, col: int) -> str | None:
    """The item a column of figures is of: the lowest header word above it (or above the column to its
    left, where a merged label stands over a 预算数/决算数 pair) that names one; else, for a 预算数
    column, the lowest above the 决算数 to its right (a label centred over its pair set in the right one)."""
    partner = col + 1 if table.columns.get(col) == "预算数" and table.columns.get(col + 1) == "决算数" else None
    for column in (c for c in (col, col - 1, partner) if c is not None and 0 <= c < table.grid.width):
        for row in range(table.body_start - 2, table.header_start - 1, -1):
            text = normalized(cell_text(table.grid.cell(row, column)))
            item = next((name for word, name in THREE_PUBLIC_ITEMS if word in text), None)
            if item is not None:
                return item
    return None


def _item_amounts(table: Table, index: int, measure: str, cols: dict[str, int],
                  problems: list[CellProblem]) -> dict[str, Amount] | None:
    """The row's amount of each item it prints one of (``cols``: each item's column); None where a cell cannot be
    read (told in ``problems``)."""
    grid = table.grid
    amounts = {}
    for item, col in cols.items():
        cell = grid.cell(index, col)
        if not cell_text(cell).strip() and not cell.unsaved:
            continue
        amount = amount_of_cell(cell, grid.where(index, col), (index, col))
        if amount is None:
            problems.append(cell_problem(cell, grid.where(index, col), f"{item}{measure}"))
            return None
        amounts[item] = amount
    return amounts


def _three_public_row(table: Table, index: int, measure: str, cols: dict[str, int],
                      problems: list[CellProblem]) -> Iterable[Difference]:
    amounts = _item_amounts(table, index, measure, cols, problems)
    if amounts is None:
        return
    kind = table.kind.id
    for total, parts in (("合计", ("因公出国（境）费", "小计", "公务接待费")), ("小计", ("公务用车购置费", "公务用车运行维护费"))):
        if total in amounts and all(p in amounts for p in parts):
            figures = tuple(amounts[p] for p in parts)
            if sum((f.value for f in figures), ZERO) != amounts[total].value:
                yield Difference(kind, f"{total}（{measure}）", amounts[total], figures)


def _across(subtotals: dict[str, Row], rows: dict[str, list[Row]]) -> Iterable[Difference]:
    """The 总表's 本年收入合计 and 本年支出合计 against the 收入决算表's and 支出决算表's 合计 rows."""
    for key, kind in (("收入支出决算总表:本年收入合计", "收入决算表"), ("收入支出决算总表:本年支出合计", "支出决算表")):
        sub = subtotals.get(key)
        total = next((r for r in rows.get(kind, []) if r.total and "合计" in r.amounts), None)
        if sub is not None and sub.amounts and total is not None and _value(sub) != total.amounts["合计"].value:
            yield Difference("收入支出决算总表", f"{key.split(':')[1]}（{kind} 合计）", _amount(sub), (total.amounts["合计"],))
