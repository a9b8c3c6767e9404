"""A 部门决算's nine tables → a 决算 source (种类: 决算), each figure as printed with its place.

- 收入 from the 收入支出决算总表's left side (经营收入 is 事业单位经营收入), 年初结转和结余 and
  使用非财政拨款结余 among them; 年末结转和结余 and 结余分配 from its right side;
- 支出.功能分类 at the finest level (项) from the fund tables: the 一般公共预算财政拨款支出决算表's rows
  (资金 一般公共预算, the default), the 政府性基金 and 国有资本经营 tables' where they print coded rows;
  what the 支出决算表 (all the department's money) spends beyond them on a code is a second row of that
  code, 资金: 单位资金 — with 上缴上级支出, 经营支出 and 对附属单位补助支出, which no 财政拨款 table prints;
- 支出.基本支出.经济分类 from the 一般公共预算财政拨款基本支出决算表: each 款 printed with a figure
  other than 0;
- 三公经费 from its table: each part's 决算数 (本年) and 预算数 (预算), and its 合计 as stated; an empty
  table with its 说明 (“本年度没有财政拨款“三公”经费支出”) is that 说明 alone.
Nothing is repaired: a fund table spending more on a code than the 支出决算表 is told, not evened out."""

from __future__ import annotations

from collections import Counter
from decimal import Decimal

from reportgen import codes
from reportgen.base.patterns import regex
from reportgen.importing.budget.build import ungrouped
from reportgen.importing.final.final_accounts import economic_halves, three_public_columns
from reportgen.importing.final.final_totals import (
    differs,
    function_lines,
    income_lines,
    spending_totals,
    summary_classes,
)
from reportgen.importing.recognition.catalog import Catalog, normalized
from reportgen.importing.recognition.imported import Imported, factor, rows_of, value
from reportgen.importing.recognition.printed_totals import class_totals, economic_classes
from reportgen.importing.recognition.recognize import Table, cell_text, year_place
from reportgen.importing.recognition.rows import NUMBERING, Amount, Row, amount_of_cell, is_column_numbers, is_note_row
from reportgen.importing.tree import Placed, Tree, scaled
from reportgen.readers.text.lines import Line

ZERO = Decimal(0)
TOTALS = "收入支出决算总表"
SPENDING = "支出决算表"
GENERAL = "一般公共预算财政拨款支出决算表"
BASIC = "一般公共预算财政拨款基本支出决算表"
THREE = "财政拨款三公经费支出决算表"
FISCAL_TOTALS = "财政拨款收入支出决算总表"
# The fund rows under its 年初财政拨款结转和结余 → the fund
FISCAL_FUND_ROWS = {"一般公共预算财政拨款": "一般公共预算", "政府性基金预算财政拨款": "政府性基金",
                    "国有资本经营预算财政拨款": "国有资本经营"}
# The fund tables a 功能分类 row's 资金 is known by (the 一般公共预算 one first).
FUNDS = {GENERAL: "一般公共预算", "政府性基金预算财政拨款收入支出决算表": "政府性基金",
         "国有资本经营预算财政拨款收入支出决算表": "国有资本经营"}
# The tables a 决算 source cannot be written without: its 收入, and its function rows split by fund.
REQUIRED = (TOTALS, SPENDING, GENERAL)
# The 总表's left-side rows → 收入's keys (the 决算's words for the budget's).
INCOME = {"一般公共预算财政拨款收入": "一般公共预算拨款", "一般公共预算财政拨款": "一般公共预算拨款",
          "政府性基金预算财政拨款收入": "政府性基金预算拨款", "政府性基金预算财政拨款": "政府性基金预算拨款",
          "国有资本经营预算财政拨款收入": "国有资本经营预算拨款", "国有资本经营预算财政拨款": "国有资本经营预算拨款",
          "上级补助收入": "上级补助收入", "事业收入": "事业收入", "经营收入": "事业单位经营收入",
          "事业单位经营收入": "事业单位经营收入", "附属单位上缴收入": "附属单位上缴收入", "其他收入": "其他收入",
          "使用非财政拨款结余": "使用非财政拨款结余", "年初结转和结余": "年初结转和结余"}
OUTGOING = ("结余分配", "年末结转和结余")  # the 总表's right side below 本年支出合计
SPLIT = ("基本支出", "项目支出")
OTHER_KINDS = ("上缴上级支出", "经营支出", "对附属单位补助支出")
THREE_PARTS = ("因公出国（境）费", "公务用车购置费", "公务用车运行维护费", "公务接待费", "合计")
_COVER = regex(r"(\d{4})年度?部门决算")
_COVER_YEAR_FIRST = regex(r"^(\d{4})年度?(\S+?)部门决算")  # 佛山: “2019 年佛山市轨道交通局 部门决算”
_NOTE_WORD = regex(r"^说明[:：]")


def build_final(tables: list[Table], catalog: Catalog, layout: str | None, lines: list[Line],
                told: list[str], titles: list[str] | None = None) -> Imported:
    """The source tree of a 部门决算's tables; what does not fit (a fund table beyond the 支出决算表) is
    added to ``told`` as a difference. A workbook has no cover: the title its file states (docProps:
    ``titles``, readers/published.py) stands for it."""
    result = rows_of(tables, catalog, {"经济两栏": economic_halves, "三公": None})  # “三公”: read by its columns
    if not lines:
        lines = [Line(n, title, page=1, line=n) for n, title in enumerate(titles or [], start=1)]
    _meta(result, tables, lines)
    tree = result.tree
    _heading(result, layout)
    income, outgoing = _totals(result)
    if (received := income_lines(result)):
        income["功能分类"] = received
    if income:
        tree["收入"] = income
    tree.update(outgoing)
    if (balances := _fiscal_balances(result)):
        tree["财政拨款结转和结余"] = balances
    if (spending := _final_spending(result, told)):
        tree["支出"] = spending
    if (printed := {**summary_classes(result), **function_lines(result)}):
        tree["印出合计"] = printed
    if (three := _three_public(result)):
        tree["三公经费"] = three
    return result


def _heading(result: Imported, layout: str | None) -> None:
    """The source's heading: 决算, the department, its year where known, the layout (上海's for a department of
    上海, where none is given) and the unit."""
    tree = result.tree
    tree["种类"] = Placed("决算")
    tree["部门"] = Placed(result.department)
    if result.year is not None:
        tree["年度"] = Placed(result.year, result.year_where)
    chosen = layout or ("上海" if "上海" in result.department else "")
    if chosen:
        tree["版式"] = Placed(chosen)
    tree["金额单位"] = Placed(result.unit)
    if (grouping := ungrouped(result)) is not None:
        tree["展示"] = {"千分位": grouping}


def _final_spending(result: Imported, told: list[str]) -> Tree:
    """支出 of a 决算: its function lines with the fund tables' class totals, its basic spending's economic lines with
    their classes, and its totals."""
    spending: Tree = {}
    if (rows := _function_rows(result, told)):
        spending["功能分类"] = rows + [item for kind, fund in FUNDS.items() if kind in result.tables
                                     for item in class_totals(result, kind, fund)]
    if (economic := _economic(result)):
        spending["基本支出"] = {"经济分类": economic + economic_classes(result, BASIC, "决算数")}
    spending_totals(result, spending)
    return spending


def _meta(result: Imported, tables: list[Table], lines: list[Line]) -> None:
    """The department and year: the cover's “<部门>2024年度部门决算” (or “2019年<部门>部门决算”), else the
    tables' captions."""
    cover = _cover_text(lines)
    found = _COVER.search(cover)
    first = _COVER_YEAR_FIRST.match(cover)
    if found is not None and found.start() > 0:
        result.department, result.year = cover[:found.start()], int(found.group(1))
    elif first is not None:
        result.department, result.year = first.group(2), int(first.group(1))
    else:
        result.department, result.year = _captions_meta(tables)
    if result.year is not None:  # where it is stated: the cover's line, else a table's title or caption
        result.year_where = _cover_place(lines, result.year) if found is not None or first is not None \
            else _caption_place(tables, result.year)
    units = Counter(t.unit for t in tables if t.unit)
    result.unit = units.most_common(1)[0][0] if units else "元"


def _captions_meta(tables: list[Table]) -> tuple[str, int | None]:
    """The department and year the tables' captions state most."""
    owners = Counter(t.owner for t in tables if t.owner)
    years = Counter(t.year for t in tables if t.year)
    return owners.most_common(1)[0][0] if owners else "", years.most_common(1)[0][0] if years else None


def _caption_place(tables: list[Table], year: int) -> str:
    """Where the first table stating ``year`` states it (its title or caption)."""
    return next((where for t in tables if t.year == year and (where := year_place(t, year))), "")


def _cover_place(lines: list[Line], year: int) -> str:
    """The line of the document's first page that states ``year`` (its title's)."""
    first = min((x.page for x in lines), default=0)
    return next((line.where for line in lines if line.page == first and str(year) in "".join(line.text.split())), "")


def _cover_text(lines: list[Line]) -> str:
    """The words of the document's first page, without spaces."""
    first = min((x.page for x in lines), default=0)
    return "".join("".join(line.text.split()) for line in lines if line.page == first)


def _label(row: Row) -> str:
    return normalized(NUMBERING.sub("", row.label))


def _first(row: Row) -> Amount | None:
    return next(iter(row.amounts.values()), None)


def _totals(result: Imported) -> tuple[Tree, Tree]:
    """收入 from the 总表's left side above 总计; 结余分配 and 年末结转和结余 from its right side."""
    if TOTALS not in result.sides:
        return {}, {}
    table = result.tables[TOTALS]
    left, right = result.sides[TOTALS]
    income: Tree = {}
    for row in left:
        key, amount = INCOME.get(_label(row)), _first(row)
        if key is not None and amount is not None and key not in income:
            income[key] = value(result, table, amount, f"收入.{key}")
    outgoing: Tree = {}
    for row in right:
        label, amount = _label(row), _first(row)
        if label in OUTGOING and amount is not None and label not in outgoing:
            outgoing[label] = value(result, table, amount, label)
    return income, outgoing


def _fiscal_balances(result: Imported) -> Tree:
    """财政拨款结转和结余 by 年初/年末 and fund, from the 财政拨款收入支出决算总表: 年初 from the fund rows
    printed under its left side's 年初财政拨款结转和结余, 年末 from its right side's row in the columns
    headed by a fund; a fund no row or column names is not written (not printed, never taken as 0)."""
    if FISCAL_TOTALS not in result.sides:
        return {}
    table = result.tables[FISCAL_TOTALS]
    left, right = result.sides[FISCAL_TOTALS]
    balances: Tree = {}
    if opening := _opening_balances(result, table, left):
        balances["年初"] = opening
    if closing := _closing_balances(result, table, right):
        balances["年末"] = closing
    return balances


def _opening_balances(result: Imported, table: Table, left: list[Row]) -> Tree:
    """年初 of each fund: the fund rows under the left side's 年初财政拨款结转和结余 (up to 总计)."""
    opening: Tree = {}
    under = False
    for row in left:
        label = _label(row)
        under = label == "年初财政拨款结转和结余" or (under and label != "总计")
        fund = FISCAL_FUND_ROWS.get(label)
        if under and fund is not None and (amount := _first(row)) is not None and fund not in opening:
            opening[fund] = value(result, table, amount, f"财政拨款结转和结余.年初.{fund}")
    return opening


def _closing_balances(result: Imported, table: Table, right: list[Row]) -> Tree:
    """年末 of each fund: the right side's 年末财政拨款结转和结余 row in the columns headed by a fund (a blank cell:
    not printed)."""
    closing: Tree = {}
    for row in right:
        if _label(row) == "年末财政拨款结转和结余":
            for fund in ("一般公共预算", "政府性基金", "国有资本经营"):
                if (amount := row.amounts.get(fund)) is not None and not amount.blank:
                    closing[fund] = value(result, table, amount, f"财政拨款结转和结余.年末.{fund}")
    return closing


def _finest(rows: list[Row]) -> list[Row]:
    """The coded rows no other row details: the 项, or a 类/款 printed without its 项."""
    parents = {r.code[:-2] for r in rows if len(r.code) > 3}
    return [r for r in rows if r.code and not r.total and (len(r.code) == 7 or r.code not in parents)]


def _function_rows(result: Imported, told: list[str]) -> list[Tree]:
    year = result.year or 2025
    names = {r.code: r.name for kind in (SPENDING, "收入决算表") for r in result.rows.get(kind, []) if r.code and r.name}
    spent: dict[tuple[str, str], Decimal] = {}
    fiscal = _fund_rows(result, names, year, spent)
    out: list[Tree] = []
    all_rows = _finest(result.rows.get(SPENDING, []))
    for row in all_rows:
        out += fiscal.get(row.code, [])
        rest = _own_money(result, result.tables[SPENDING], row, spent, told)
        if rest:
            out.append(_own_money_row(row, rest, year, row.code in fiscal))
    return out + _funds_beyond_spending(fiscal, all_rows, spent, told)


def _funds_beyond_spending(fiscal: dict[str, list[Tree]], all_rows: list[Row], spent: dict[tuple[str, str], Decimal],
                           told: list[str]) -> list[Tree]:
    """The fund tables' lines of codes the 支出决算表 does not print (told, where it prints any): written where they
    spend — a code a fund's table prints with nothing spent (佛山's 政府性基金 table: 0.00 on each line of its
    template) is no line of spending: compared, not written."""
    out: list[Tree] = []
    seen = {row.code for row in all_rows}
    for code, items in fiscal.items():
        if code not in seen and (not all_rows or any(spent.get((code, meaning)) for meaning in SPLIT)):
            out += items
            if all_rows:
                told.append(messages("not_in_spending", code=code))
    return out


def _fund_rows(result: Imported, names: dict[str, str], year: int,
               spent: dict[tuple[str, str], Decimal]) -> dict[str, list[Tree]]:
    """Each code's rows of the fund tables (the 一般公共预算 one first) that split it into 基本/项目支出;
    what each spends is added to ``spent`` by (code, 基本支出 or 项目支出)."""
    fiscal: dict[str, list[Tree]] = {}
    for kind, fund in FUNDS.items():
        if kind not in result.tables:
            continue
        for row in _finest(result.rows[kind]):
            if any(m in row.amounts for m in SPLIT):
                name = names.get(row.code, row.name)
                fiscal.setdefault(row.code, []).append(_fund_row(result, kind, fund, row, name, year, spent))
    return fiscal


def _fund_row(result: Imported, kind: str, fund: str, row: Row, name: str, year: int,
              spent: dict[tuple[str, str], Decimal]) -> Tree:
    """A fund table's row of a code: its 科目, name (of a code the registry does not know), 资金 and its
    基本/项目支出."""
    table = result.tables[kind]
    item: Tree = {"科目": Placed(int(row.code), f"{kind} {row.where}")}
    if (unknown := _unknown(row.code, name, year)):
        item["名称"] = Placed(unknown)
    if fund != "一般公共预算":
        item["资金"] = Placed(fund)
    for meaning in SPLIT:
        amount = row.amounts.get(meaning)
        if amount is not None:
            item[meaning] = value(result, table, amount, f"支出.功能分类 {row.code} {meaning}")
            spent[(row.code, meaning)] = spent.get((row.code, meaning), ZERO) + amount.value
    if differs(row):  # its 合计 printed apart from its 基本支出 + 项目支出 (尾数): kept as printed
        item["合计"] = value(result, table, row.amounts["合计"], f"支出.功能分类 {row.code} 合计")
    return item


def _own_money_row(row: Row, rest: Tree, year: int, in_funds: bool) -> Tree:
    """The second row of a code: what the 支出决算表 spends beyond the fund tables, 资金 单位资金."""
    item: Tree = {"科目": Placed(int(row.code), f"{SPENDING} {row.where}（减去各财政拨款表）")}
    if (name := _unknown(row.code, row.name, year)) and not in_funds:
        item["名称"] = Placed(name)
    item["资金"] = Placed("单位资金")
    item.update(rest)
    return item


def _own_money(result: Imported, table: Table, row: Row, spent: dict[tuple[str, str], Decimal],
               told: list[str]) -> Tree:
    """What a 支出决算表 row spends beyond the fund tables: its 基本/项目支出 less theirs, and its other
    kinds of spending; nothing where that is nothing (or less than nothing: told)."""
    rest: Tree = {}
    for meaning in SPLIT:
        amount = row.amounts.get(meaning)
        if amount is None:
            continue
        gap = amount.value - spent.get((row.code, meaning), ZERO)
        if gap > 0:
            rest[meaning] = Placed(scaled(gap, factor(result, table)))
        elif gap < 0 and not (table.unit == "万元" and -gap <= Decimal("0.01")):
            told.append(messages("beyond_spending", code=row.code, meaning=meaning, where=amount.where,
                                 printed=amount.value, fiscal=amount.value - gap))
    for kind in OTHER_KINDS:
        amount = row.amounts.get(kind)
        if amount is not None and amount.value:
            rest[kind] = value(result, table, amount, f"支出.功能分类 {row.code} {kind}")
    return rest


def _unknown(code: str, name: str, year: int) -> str:
    """The printed name of a code the registry does not know (a known code's name is the registry's:
    a PDF's wrapped names are not written)."""
    entry = codes.function_entry(code, year) if len(code) in (3, 5, 7) else None
    return name if entry is None and name else ""


def _economic(result: Imported) -> list[Tree]:
    table = result.tables.get(BASIC)
    if table is None:
        return []
    out: list[Tree] = []
    for row in result.rows.get(BASIC, []):
        amount = row.amounts.get("决算数")
        if len(row.code) != 5 or amount is None or not amount.value:
            continue
        item: Tree = {"科目": Placed(int(row.code), f"{BASIC} {row.where}")}
        if codes.economic_entry(row.code, result.year or 2025) is None and row.name:
            item["名称"] = Placed(row.name)
        item["金额"] = value(result, table, amount, f"支出.基本支出.经济分类 {row.code} 金额")
        out.append(item)
    return out


def _three_public(result: Imported) -> Tree:
    """Each part's 决算数 and 预算数 from the first row of figures; an empty table's 说明 alone."""
    table = result.tables.get(THREE)
    if table is None:
        return {}
    columns = three_public_columns(table)
    notes = []
    for index in range(table.body_start, len(table.grid.rows)):
        texts = _texts(table, index)
        if not texts:
            continue
        if is_note_row(table, index) or _NOTE_WORD.match(texts[0]):
            notes.append((index, texts[0]))
            continue
        if is_column_numbers(table, index):
            continue
        return {} if columns is None else _three_public_figures(result, table, columns, index)
    return _three_public_note(table, notes)


def _texts(table: Table, index: int) -> list[str]:
    """The texts of a grid row's cells that print any."""
    return [cell_text(c).strip() for c in table.grid.rows[index] if cell_text(c).strip()]


def _three_public_figures(result: Imported, table: Table, columns: dict[str, dict[str, int]], index: int) -> Tree:
    """Each part's 决算数 (本年) and 预算数 (预算) in the row ``index``."""
    grid = table.grid
    section: Tree = {}
    for item in THREE_PARTS:
        entry: Tree = {}
        for measure, key in (("决算数", "本年"), ("预算数", "预算")):
            col = columns.get(measure, {}).get(item)
            if col is None:
                continue
            amount = amount_of_cell(grid.cell(index, col), grid.where(index, col), (index, col))
            if amount is not None:
                entry[key] = value(result, table, amount, f"三公经费.{item}.{key}")
        if entry:
            section[item] = entry
    _subtotals_compared(result, table, columns, index)
    return section


_HELD = {"小计", "公务用车购置费", "公务用车运行维护费"}  # the 小计 and the parts it is held to


def _subtotals_compared(result: Imported, table: Table, columns: dict[str, dict[str, int]], index: int) -> None:
    """The 公务用车 小计 of each measure: no field (the source adds 购置费 and 运行维护费), a figure the table's
    check holds to its parts and to the 合计 (final_accounts._three_public) — a row of the table compared."""
    grid = table.grid
    amounts = {f"小计·{measure}": amount for measure, cols in columns.items() if _HELD <= set(cols)
               and (amount := amount_of_cell(grid.cell(index, cols["小计"]), grid.where(index, cols["小计"]),
                                             (index, cols["小计"]))) is not None}
    if amounts:
        result.rows.setdefault(THREE, []).append(Row(index, grid.where(index), label="小计", amounts=amounts))


def _three_public_note(table: Table, notes: list[tuple[int, str]]) -> Tree:
    """A table without a row of figures: its 说明 (an empty table's rows may all be read as its header)."""
    grid = table.grid
    for index in range(table.header_start, len(grid.rows)):
        texts = _texts(table, index)
        if texts and _NOTE_WORD.match(texts[0]):
            notes.append((index, texts[0]))
    said = next(((index, text) for index, text in notes if _NOTE_WORD.match(text)), None)
    if said is None:
        return {}
    index, text = said
    return {"说明": Placed(_NOTE_WORD.sub("", text), f"{THREE} {grid.where(index, 0)}")}


def missing_tables(tables: list[Table]) -> list[str]:
    """The tables a 决算 source cannot be written without that the files do not hold."""
    have = {t.kind.id for t in tables}
    return [kind for kind in REQUIRED if kind not in have]


def messages(key: str, **fields: object) -> str:
    """The import's words about a 决算's tables, to the user."""
    texts = {
        "not_in_spending": "{code}：财政拨款支出决算表有这一科目，支出决算表（全部资金）却没有；按原样写入，未作修改",
        "beyond_spending": "支出决算表 {where}：{code} {meaning} 印作 {printed}，小于各财政拨款支出决算表之和 {fiscal}"
                           "（单位资金不能为负）；按原样写入，未作修改",
        "not_read": "{what}：决算的这一部分没有从正文读出，源文件中没有写（请按原文补上）",
    }
    return texts[key].format(**fields)
