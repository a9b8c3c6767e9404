"""The totals a published table prints that are not the sums of its printed lines, kept in the source as
printed (each with its place), so that the render reprints them: each figure of a table is rounded from
元 on its own, so a total may stand from the sum of its printed parts by their 尾数 (compute/printed.py
takes it as stated within that; check reports one beyond it). Shared by the 预算 import (build.py) and
the 决算 import (final_build.py, final_totals.py):

- a 类 or 款 of a function table of one fund whose printed 合计, 基本支出 or 项目支出 is not the sum of its
  printed lines: a 功能分类 row of the 类/款 with what differs (class_totals);
- an economic 类 whose printed figure is not the sum of its printed 款: a 3-digit 经济分类 row
  (economic_classes); never a 类 printed once per class of a second (政府) classification, whose each
  figure is a section's (reconcile.py compares each with its section's 款);
- a budget's 人员经费 or 公用经费 whose 合计 row is not the sum of its 款 in that column (economic_costs; a
  决算's are written always, final_totals.spending_totals);
- a budget's 支出合计, 基本支出 or 项目支出 whose 支出总表 合计 row (or its one fund's table's, where that
  fund is all the money) stands a 尾数 from the sum of its printed 类 or of its lines in that column (spending_totals; further
  away it is a slip, told as the import's difference): 支出.合计, 支出.基本支出.合计, 支出.项目支出 — else the source's totals, summed
  from the rows, stand a 尾数 away from the 收入总计 the document balances them with.
- a budget's function table (the 支出总表, each fund's table) whose 类/款 line or 合计 row prints a figure a 尾数 from
  the sum of the lines under it (or over a line the source states otherwise: its sums then move): 印出合计.<表名>.<行>,
  by column, printed by the render in that table alone (table_lines).
Nothing is evened out: a total is written as printed, never made to fit."""

from __future__ import annotations

from collections import Counter
from decimal import Decimal

from reportgen.docmodel.model import FUNDS, INCOME_SOURCES
from reportgen.importing.recognition.imported import Imported, value
from reportgen.importing.recognition.rows import Amount, Row
from reportgen.importing.tree import Placed, Tree
from reportgen.reading.amounts import rounding_step
from reportgen.tablekinds import role
from reportgen.tables.specs import INCOME_COLUMNS

ZERO = Decimal(0)
SPLIT = ("合计", "基本支出", "项目支出")


def figure(amount: Amount | None) -> Decimal:
    """A printed figure; a blank (or no cell) is none, 0 in a sum."""
    return ZERO if amount is None or amount.blank else amount.value


def printed(amount: Amount | None) -> bool:
    return amount is not None and not amount.blank


def class_totals(result: Imported, kind: str, fund: str) -> list[Tree]:
    """The 类/款 rows of a function table whose printed figures are not the sums of their printed lines: a
    功能分类 row of the 类/款 with the figures that differ (资金 the table's fund; none for 一般公共预算, the
    default, or a table of no one fund)."""
    rows = [r for r in result.rows.get(kind, []) if r.code]
    out: list[Tree] = []
    for row in (r for r in rows if len(r.code) in (3, 5)):
        children = [r for r in rows if len(r.code) == len(row.code) + 2 and r.code.startswith(row.code)]
        item = _unsummed(result, kind, row, children) if children else {}
        if item:
            head: Tree = {"科目": Placed(int(row.code), f"{kind} {row.where}")}
            if fund and fund != "一般公共预算":
                head["资金"] = Placed(fund)
            out.append({**head, **item})
    return out


def _unsummed(result: Imported, kind: str, row: Row, children: list[Row]) -> Tree:
    """A 类/款 row's printed 合计, 基本支出 and 项目支出 that are not the sums of its lines' (``children``)."""
    item: Tree = {}
    for part in SPLIT:
        amount = row.amounts.get(part)
        if printed(amount) and figure(amount) != sum((figure(c.amounts.get(part)) for c in children), ZERO):
            item[part] = value(result, result.tables[kind], amount,  # type: ignore[arg-type]
                               f"支出.功能分类 {row.code} {part}")
    return item


def economic_classes(result: Imported, kind: str, column: str) -> list[Tree]:
    """The economic 类 of a 基本支出 table whose printed figure (``column``) is not the sum of its printed 款."""
    rows = [r for r in result.rows.get(kind, []) if r.code]
    times = Counter(r.code for r in rows)
    out: list[Tree] = []
    for row in rows:
        amount = row.amounts.get(column)
        if len(row.code) != 3 or not printed(amount) or (times[row.code] > 1 and row.second):
            continue  # a 类 printed once per 政府 class (烟台: 301 under 501, under 505) is no 类's figure
        parts = [r for r in rows if len(r.code) == 5 and r.code.startswith(row.code)]
        if _not_their_sum(amount, parts, column):
            out.append({"科目": Placed(int(row.code), f"{kind} {row.where}"),
                        "金额": value(result, result.tables[kind], amount,  # type: ignore[arg-type]
                                    f"支出.基本支出.经济分类 {row.code} 金额")})
    return out


def _not_their_sum(amount: Amount | None, parts: list[Row], column: str) -> bool:
    """Whether ``parts`` print a figure in ``column`` and ``amount`` is not their sum."""
    return any(printed(r.amounts.get(column)) for r in parts) and figure(amount) != sum(
        (figure(r.amounts.get(column)) for r in parts), ZERO)


def economic_costs(result: Imported, kind: str) -> Tree:
    """支出.基本支出.人员经费 and 公用经费 as a 基本支出 table's 合计 row prints them, each where that is not
    the sum of the figures its 款 print in that column."""
    rows = result.rows.get(kind, [])
    foot = next((r for r in rows if r.total), None)
    if foot is None:
        return {}
    costs: Tree = {}
    lines = [r for r in rows if len(r.code) == 5]
    for column in ("人员经费", "公用经费"):
        amount = foot.amounts.get(column)
        if printed(amount) and _not_their_sum(amount, lines, column):
            costs[column] = value(result, result.tables[kind], amount, f"支出.基本支出.{column}")  # type: ignore[arg-type]
    return costs


LINE_COLUMNS = ("合计", "基本支出", "人员经费", "公用经费", "项目支出")
# A 收入总表's column, by the meaning the import read it as, under the render's name for it (tables/specs.INCOME_COLUMNS)
INCOME_COLUMN = {"合计": "合计", "财政拨款": "财政拨款收入", "一般公共预算": "一般公共预算拨款", "政府性基金": "政府性基金预算拨款",
                 "国有资本经营": "国有资本经营预算拨款", **{name: name for name in INCOME_COLUMNS[5:]}}
# The 收入总表's columns its 印出合计 may name: those the render makes of the funds' lines alone (not the department's
# own income, whose split by source the rows may not give)
INCOME_LINE_COLUMNS = ("合计", "财政拨款", "一般公共预算", "政府性基金", "国有资本经营")
# The department's own income, by source: a 收入总表's columns past the funds'
OWN_INCOME = tuple(source for source in INCOME_SOURCES if source not in FUNDS.values())


def own_income_columns(result: Imported, kind: str, units: dict[str, Decimal] | None) -> tuple[str, ...]:
    """The columns of the department's own income a 收入总表 by function lines prints by line, where it prints two or
    more (重庆: 事业收入 and 其他收入; 烟台 the same): the split of each line's 单位资金 by source, which the function rows
    do not give; with one, the line's 单位资金 is it (none). None either where the lines' figures in them do not add up,
    within their 尾数, to the 单位资金 of each line written (``units``, by code; None: written with 财政专户's, 烟台市教育局 —
    a split the render could not print, every line of it told as a slip)."""
    lines = _finest([r for r in result.rows.get(kind, []) if r.code])
    printing = tuple(s for s in OWN_INCOME if any(printed(r.amounts.get(s)) for r in lines))
    if len(printing) < 2 or units is None:
        return ()
    step = printed_step(result, kind)
    return printing if all(_adds_up(row, printing, units.get(row.code, ZERO), step) for row in lines) else ()


def _adds_up(row: Row, columns: tuple[str, ...], whole: Decimal, step: Decimal) -> bool:
    """Whether the figures a row prints in ``columns`` add up to ``whole`` within their 尾数 (and its own)."""
    figures = [figure(row.amounts.get(s)) for s in columns if printed(row.amounts.get(s))]
    return abs(sum(figures, ZERO) - whole) <= step * (len(figures) + 2) / 2


def own_income_lines(result: Imported, kind: str, columns: tuple[str, ...]) -> Tree:
    """印出合计 of a 收入总表's finest lines (项): the figures each prints in ``columns`` (own_income_columns), by column."""
    out: Tree = {}
    for row in _finest([r for r in result.rows.get(kind, []) if r.code]):
        figures = {column: value(result, result.tables[kind], amount, f"印出合计.{kind}.{row.code}.{column}")
                   for column, amount in _printed_columns(row, columns)}
        if figures:
            out[row.code] = dict(figures)
    return out


def table_lines(result: Imported, kind: str, columns: tuple[str, ...], moved: set[str]) -> Tree:
    """印出合计 of a budget's function table ``kind`` (the 收入总表 by function lines too): its 合计 row and 类/款 lines,
    each of ``columns`` (the meanings read: LINE_COLUMNS, INCOME_LINE_COLUMNS) whose printed figure stands within a 尾数 of the
    sum of the lines under it, where it is not that sum or a line under it is moved (a 类/款 printed a 尾数 from its
    lines, which the source states so, or a 项 whose 合计 is a 尾数 from its split: the render's sums move with them;
    one further away is a slip, told as the import's difference, and moves nothing: moved_lines, of every table the
    source's rows are read from). A line's 合计 alone is written as a figure."""
    rows = [r for r in result.rows.get(kind, []) if r.code]
    over = _lines_over(result, kind, rows, _finest(rows))
    out: Tree = {}
    for key, row, under in over:
        figures = _line_figures(result, kind, (key, row, under), columns, _moved_under(key, moved))
        if figures:
            out[key] = figures["合计"] if list(figures) == ["合计"] else dict(figures)
    return out


def moved_lines(result: Imported, kind: str) -> set[str]:
    """The lines of a function table that move the render's sums: a 类/款 printing its 合计, 基本支出 or 项目支出 a 尾数
    from its lines', a 项 whose 合计 is a 尾数 from its split."""
    rows = [r for r in result.rows.get(kind, []) if r.code]
    lines = _finest(rows)
    step = printed_step(result, kind)
    over = _lines_over(result, kind, rows, lines)
    moved = {key for key, row, under in over if key != "合计" and _line_figures(result, kind, (key, row, under), SPLIT, False)}
    return moved | {r.code for r in lines if unsplit_total(r, step)}


def _moved_under(key: str, moved: set[str]) -> bool:
    """Whether a line of ``moved`` stands under the line ``key`` (合计: any)."""
    return any(key == "合计" or code.startswith(key) for code in moved if code != key)


def _line_figures(result: Imported, kind: str, line: tuple[str, Row, list[Row]], columns: tuple[str, ...],
                  below: bool) -> dict[str, Placed]:
    """A line's printed figures (``line``: its key, its row and the lines under it) that stand within a 尾数 of those
    lines, each as printed with its place."""
    key, row, under = line
    step = printed_step(result, kind)
    return {INCOME_COLUMN.get(column, column) if kind == role("income") else column:
            value(result, result.tables[kind], amount, f"印出合计.{kind}.{key}.{column}")
            for column, amount in _printed_columns(row, columns) if _within_tail(figure(amount), column, under, step, below)}


def _printed_columns(row: Row, columns: tuple[str, ...]) -> list[tuple[str, Amount]]:
    """The figures a row prints in ``columns``, by column."""
    return [(column, amount) for column in columns if (amount := row.amounts.get(column)) is not None and not amount.blank]


def _lines_over(result: Imported, kind: str, rows: list[Row], lines: list[Row]) -> list[tuple[str, Row, list[Row]]]:
    """A function table's 合计 row and its 类/款 lines, each with the lines (项) under it: (key, row, lines)."""
    foot = next((r for r in result.rows.get(kind, []) if r.total and r.amounts), None)
    over = [("合计", foot, lines)] if foot is not None else []
    over += [(r.code, r, _under(r.code, lines)) for r in rows if len(r.code) in (3, 5)]
    return [(key, row, under) for key, row, under in over if under]


def _under(code: str, lines: list[Row]) -> list[Row]:
    return [f for f in lines if f.code.startswith(code) and f.code != code]


def unsplit_total(row: Row, step: Decimal) -> bool:
    """Whether a line prints a 合计 a 尾数 from its 基本支出 and 项目支出 together (the source's row then sums otherwise;
    further away it is a slip, told as the import's difference, and moves nothing)."""
    parts = [row.amounts.get(part) for part in ("基本支出", "项目支出")]
    gap = abs(figure(row.amounts.get("合计")) - sum((figure(p) for p in parts), ZERO))
    return printed(row.amounts.get("合计")) and any(printed(p) for p in parts) and 0 < gap <= step * 3 / 2


def _within_tail(total: Decimal, column: str, lines: list[Row], step: Decimal, below: bool) -> bool:
    """Whether a printed total stands within the 尾数 of ``lines`` in ``column`` (some of them printing in it), and is
    not their sum or ``below`` (a line under it moves the render's sum)."""
    if not any(printed(r.amounts.get(column)) for r in lines):
        return False
    gap = abs(total - sum((figure(r.amounts.get(column)) for r in lines), ZERO))
    return (gap > 0 or below) and gap <= step * (len(lines) + 1) / 2


SPENDING_FIELDS = {"合计": "支出.合计", "基本支出": "支出.基本支出.合计", "项目支出": "支出.项目支出"}


def spending_totals(result: Imported, kind: str) -> dict[str, Placed]:
    """The 合计 row's figures of a table of all the spending (the 支出总表; a fund's table where the fund
    is all the money) by field (支出.合计 …), where they are not the sums of the figures its 类 rows
    print in that column (its 款 where it prints no 类), or of its lines (the codes it prints no part of)."""
    rows = [r for r in result.rows.get(kind, []) if r.code]
    foot = next((r for r in result.rows.get(kind, []) if r.total and r.amounts), None)
    classes = [r for r in rows if len(r.code) == 3] or [r for r in rows if len(r.code) == 5]
    if foot is None or not classes:
        return {}
    step = printed_step(result, kind)
    out: dict[str, Placed] = {}
    for column, path in SPENDING_FIELDS.items():
        amount = foot.amounts.get(column)
        # against its 类 and against its lines (the source sums its 项): a 尾数 from either (深圳市规划和自然资源局
        # 大鹏管理局 2026: 支出总计 4,505.81 its 类' sum, its 项 4,505.82), never further (a slip: the import's difference)
        if printed(amount) and _a_tail_away(figure(amount), column, (classes, _finest(rows)), step):
            out[path] = value(result, result.tables[kind], amount, path)  # type: ignore[arg-type]
    return out


def _finest(rows: list[Row]) -> list[Row]:
    """The rows whose codes the table prints no part of (its lines)."""
    codes = {r.code for r in rows}
    return [r for r in rows if not any(c != r.code and c.startswith(r.code) for c in codes)]


def _a_tail_away(total: Decimal, column: str, sets: tuple[list[Row], ...], step: Decimal) -> bool:
    """Whether a printed total differs from the sum of each set of rows in ``column``, by at most the 尾数 of
    that many figures rounded to ``step`` from each (half a step each, and the total's own)."""
    gaps = [(abs(total - sum((figure(r.amounts.get(column)) for r in lines), ZERO)), step * (len(lines) + 1) / 2)
            for lines in sets]
    return any(gap > 0 for gap, _ in gaps) and all(gap <= tail for gap, tail in gaps)


def printed_step(result: Imported, kind: str) -> Decimal:
    """The step a table's figures are printed rounded to, in its unit: 0.01 万元, 1 元 where it prints whole
    元, 100 元 where whole hundreds (reading.amounts.rounding_step); 0 where it prints them exactly (元 to the 分)."""
    values = [a.value for r in result.rows.get(kind, []) for a in r.amounts.values() if not a.blank]
    return rounding_step(result.tables[kind].unit, values)


PAIR_COLUMNS = ("合计", "人员经费", "公用经费")


def pair_lines(result: Imported, kind: str) -> Tree:
    """印出合计 of a 基本支出 table printed by pairs of classes (烟台 公开表6: 301 → 501, then its 款 pairs; 301 → 505 …):
    each pair's line (``301/505``) and the 合计 row, by column, where the printed figure is not the sum of the 款
    printed under it (each rounded from 元 on its own: 767.54 over 款 adding to 767.56); printed by the render in that
    table alone (tables/economic.py's basic_in_class_pairs), held to the 款 within their 尾数 by R-印出合计."""
    rows = [r for r in result.rows.get(kind, []) if r.code or r.total]
    out: Tree = {}
    for index, row in enumerate(rows):
        key = "合计" if row.total else pair_key(row)
        parts = _all_items(rows) if row.total else _pair_parts(rows[index + 1:])
        if key and (figures := _unsummed_columns(result, kind, key, row, parts)):
            out[key] = figures
    return out


def _all_items(rows: list[Row]) -> list[Row]:
    return [r for r in rows if len(r.code) == 5]


def pair_key(row: Row) -> str:
    """A pair of classes' line's key (301/505); "" for any other line."""
    second = row.second[0] if row.second is not None else ""
    return f"{row.code}/{second}" if len(row.code) == 3 and len(second) == 3 else ""


def _unsummed_columns(result: Imported, kind: str, key: str, row: Row, parts: list[Row]) -> Tree:
    """A pair's line (or the 合计 row) by column, where it prints a figure that is not the sum of ``parts``'."""
    figures: Tree = {}
    for column in PAIR_COLUMNS:
        amount = row.amounts.get(column)
        if amount is not None and printed(amount) and _not_their_sum(amount, parts, column):
            figures[column] = value(result, result.tables[kind], amount, f"印出合计.{kind}.{key}.{column}")
    return figures


def _pair_parts(rows: list[Row]) -> list[Row]:
    """The 款 printed under a pair's line: the rows up to the next pair's."""
    parts = []
    for row in rows:
        if len(row.code) != 5:
            break
        parts.append(row)
    return parts
