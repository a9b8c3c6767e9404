"""Recognised tables → the source's fields, each figure as printed with its place.

Function rows come from the three fund tables (一般公共预算, 政府性基金, 国有资本经营) where the
file has them, else from the 支出总表; the 项 rows are written, the 类 and 款 rows are compared
(reconcile.py) and written only where printed otherwise than the sum of their printed lines
(printed_totals.py: the render reprints them within their 尾数). Amounts are written in the unit of the function tables; a table in
another unit (the “三公” table in 万元) is converted exactly, never rounded."""

from __future__ import annotations

import functools
from collections import Counter
from dataclasses import replace
from decimal import Decimal

from reportgen import codes, tablekinds
from reportgen.base.patterns import regex
from reportgen.compute import economic_kind
from reportgen.docmodel.model import (
    FINAL_SPENDING_KINDS,
    INCOME_SOURCES,
    LINE_AMOUNTS,
    PROJECT_FUNDS,
    RESERVES,
    UNSPLIT_FUND,
)
from reportgen.importing.budget.fiscal_carried import fiscal_carried
from reportgen.importing.budget.printed_parts import printed_parts
from reportgen.importing.budget.project_levels import heading_rows
from reportgen.importing.budget.summary_kinds import printed_kinds, summary_kinds
from reportgen.importing.budget.table_lines import LINE_PRINTED, printed_columns, table_lines
from reportgen.importing.recognition.catalog import Catalog, normalized
from reportgen.importing.recognition.imported import Imported, factor, rows_of, value
from reportgen.importing.recognition.named_codes import read_by_name
from reportgen.importing.recognition.printed_totals import (
    INCOME_LINE_COLUMNS,
    LINE_COLUMNS,
    SPLIT,
    class_totals,
    economic_classes,
    economic_costs,
    moved_lines,
    own_income_columns,
    own_income_lines,
    pair_key,
    pair_lines,
    printed_step,
    spending_totals,
    unsplit_total,
)
from reportgen.importing.recognition.printed_totals import table_lines as printed_table_lines
from reportgen.importing.recognition.recognize import (
    FUND_COLUMNS,
    ITEMS,
    LAST_BUDGET,
    Table,
    cell_text,
    header_year,
    project_words,
    turned_figure,
    year_place,
)
from reportgen.importing.recognition.rows import Amount, Row
from reportgen.importing.recognition.sure import unit_lines
from reportgen.importing.tree import Placed, Tree, scaled
from reportgen.readers.grid import Cell
from reportgen.tablekinds import fund_table, role

_UNIT_ROW = regex(r"^\d{6,}\s")  # a budget unit's code and name
_YEAR_LABEL = regex(r"^(\d{4})年")
THREE_PUBLIC_ITEMS = ("因公出国（境）费", "公务用车购置费", "公务用车运行维护费", "公务接待费")
# Spending a 支出总表 may print beside 基本支出 and 项目支出, in its 合计: 广州's 事业单位经营支出, 对附属单位补助支出
# and 上缴上级支出 columns; 江苏's 单位预留机动经费 (held for the year's needs, no field of the source holds it).
BESIDE_BASIC = ("上缴上级支出", "经营支出", "对附属单位补助支出", "单位预留机动经费")
# Spending a “三公” table may print beside its items (江苏's 会议费, 培训费), in its 合计 but in no “三公” total: each an
# economic 款 of the table's fund, 一般公共预算 (the table is 一般公共预算's, as the “三公” of the source is)
BESIDE_THREE = ("会议费", "培训费")
THREE_PUBLIC_FUND = "一般公共预算"


def build(tables: list[Table], catalog: Catalog, layout: str | None = None, unsure: list[Table] | None = None) -> Imported:
    """``unsure``: the tables printed but not read for sure (sure.py), known absent from none of the sums."""
    result = rows_of(tables, catalog)
    result.unsure = list(unsure or [])
    _meta(result, tables)
    result.class_codes = _class_codes(result.year or 2025)
    result.function_names = _function_names(result.year or 2025)
    read_by_name(result)
    tree = result.tree
    _identity(result, layout)
    if (income := _income(result, catalog)):
        tree["收入"] = income
        _carried_onward(result, catalog, tree)
        if (carried := fiscal_carried(result, catalog)):
            tree["财政拨款结转"] = carried
    if (spending := _spending(result, catalog)):
        tree["支出"] = spending
        _printed_of(result, spending, tree)
    if (lines := table_lines(result, held_as_printed(result))):
        tree["表行"] = lines
        if (totals := _held_totals(result, held_as_printed(result))):
            printed = tree.get("印出合计")
            tree["印出合计"] = {**(printed if isinstance(printed, dict) else {}), **totals}
    if (parts := printed_parts(result)):  # 长沙's 收入总表: 本级财政拨款 金额 | 其中:经费拨款
        tree["其中栏"] = parts
    for name, run in IMPORT_BUILDERS.items():  # in this order: the “三公” table's 机关运行经费 before its own table's
        for kind in _built_by(name):
            run(result, tree, kind)
    _defined_rows(result, tree)
    if (bought := _procurement_lines(result)):
        tree["政府采购"] = {**_section(tree, "政府采购"), "功能分类": bought}
        _procurement_printed(result, tree)
    return result


def _printed_of(result: Imported, spending: Tree, tree: Tree) -> None:
    """印出合计: the function tables' lines (_printed_lines), a 基本支出表's pairs of classes (_pair_lines) and the
    收支总表's 类 split into 人员经费 and 公用经费 (summary_kinds)."""
    printed = _printed_lines(result, spending)
    if (pairs := _pair_lines(result)):
        printed[role("basic")] = pairs
    if (kinds := summary_kinds(result, _written_rows(spending))):  # 上海市级's 收支总表: each 类's 人员经费, 公用经费
        printed[role("summary")] = kinds
    if printed:
        tree["印出合计"] = printed


def _section(tree: Tree, key: str) -> Tree:
    """The section ``key`` of ``tree`` written so far ({} for none)."""
    section = tree.get(key)
    return section if isinstance(section, dict) else {}


def _printed_lines(result: Imported, spending: Tree) -> Tree:
    """印出合计: the 合计 row and 类/款 lines of the 支出总表 and each fund's table printed otherwise than their lines
    add up (printed_totals.table_lines)."""
    items = _written_rows(spending)
    tables = {kind: fund for kind, fund in {role("spending"): None, role("income"): None, **tablekinds.fund_tables()}.items()
              if kind in result.tables and not unit_lines(result.rows.get(kind, []))}
    moved = set().union(*(moved_lines(result, kind) for kind in tables))
    out: Tree = {}
    for kind, fund in tables.items():
        if lines := _table_lines(result, kind, [i for i in items if _fund_of(i) == (fund or _fund_of(i))], moved):
            out[kind] = lines
    return out


def _pair_lines(result: Imported) -> Tree:
    """印出合计 of a 基本支出 table printed by pairs of 部门 and 政府 classes (printed_totals.pair_lines)."""
    rows = [row for row in result.rows.get(role("basic"), []) if row.code and not row.total]
    if not any(pair_key(row) for row in rows) or any(row.second is None for row in rows):  # 北京: 款 pairs alone
        return {}
    return pair_lines(result, role("basic"))


def _written_rows(spending: Tree) -> list[Tree]:
    """The 功能分类 rows written."""
    written = spending.get("功能分类")
    return [i for i in written if isinstance(i, dict)] if isinstance(written, list) else []


def _table_lines(result: Imported, kind: str, mine: list[Tree], moved: set[str]) -> Tree:
    """One table's 印出合计, ``mine`` the function rows written of its money, ``moved`` the lines of every table read
    that move the render's sums (printed_totals.moved_lines): its 人员经费 and 公用经费 are written where
    every 项 spending on 基本支出 states them; the 收入总表's 合计 and 财政拨款 columns (INCOME_LINE_COLUMNS)."""
    if kind == role("income"):
        own = own_income_columns(result, kind, _unit_funds(mine))
        return {**own_income_lines(result, kind, own), **printed_table_lines(result, kind, INCOME_LINE_COLUMNS + own, moved)}
    kinds = all("人员经费" in i or "公用经费" in i for i in mine if len(str(_code(i))) == 7 and _basic_spent(i))
    return printed_table_lines(result, kind, LINE_COLUMNS if kinds else SPLIT, moved)


def _unit_funds(items: list[Tree]) -> dict[str, Decimal] | None:
    """The 单位资金 each function line written spends (基本支出 and 项目支出), by code; None where a line's is written
    together with 财政专户's (财政专户和单位资金: the department's own income of no line is known)."""
    funds: dict[str, Decimal] = {}
    for item in items:
        fund = _fund_of(item)
        if fund == UNSPLIT_FUND:
            return None
        if fund == "单位资金":
            parts = [item.get(part) for part in ("基本支出", "项目支出")]
            spent = sum((p.value for p in parts if isinstance(p, Placed) and isinstance(p.value, Decimal)), Decimal(0))
            funds[str(_code(item))] = funds.get(str(_code(item)), Decimal(0)) + spent
    return funds


def _fund_of(item: Tree) -> str:
    fund = item.get("资金", "一般公共预算")
    return str(fund.value if isinstance(fund, Placed) else fund)


def _basic_spent(item: Tree) -> bool:
    """Whether a written function row spends on 基本支出."""
    basic = item.get("基本支出")
    return isinstance(basic, Placed) and bool(basic.value)


def _built_by(name: str) -> list[str]:
    """The kinds whose definition names the import builder ``name`` (导入.构建), by 次序."""
    found = [kind for kind in tablekinds.kinds() if kind.recognition and kind.recognition.build]
    for kind in found:
        if kind.recognition and kind.recognition.build not in IMPORT_BUILDERS:
            raise tablekinds.DefinitionError(f"{kind.file}: “导入.构建”应为 reportgen 的一个导入构建函数："
                                             f"{'、'.join(IMPORT_BUILDERS)}，不是“{kind.recognition.build}”")
    return [kind.id for kind in found if kind.recognition and kind.recognition.build == name]


def _general_prior(result: Imported, tree: Tree, kind: str) -> None:
    """上年.一般公共预算 as the 一般公共预算支出表's one 合计 row prints it in a column of last year's budget
    (云南's tables: 科目 | 2025年预算数 | 2026年预算数 | 增减额): the total of the same money a year before, so the
    text's change of 一般公共预算支出 is judged by it. A 项's is its line's 上年 (_line_prior); not a 类's: the
    source's 上年.功能分类 is also the prior of a code's spending of every fund (compute.functions), which this
    table does not print."""
    table = result.tables.get(kind)
    totals = [row for row in result.rows.get(kind, []) if row.total and LAST_BUDGET in row.amounts]
    if table is None or len(totals) != 1 or totals[0].amounts[LAST_BUDGET].blank:
        return
    tree["上年"] = {"一般公共预算": value(result, table, totals[0].amounts[LAST_BUDGET], "上年.一般公共预算")}


def _running_costs(result: Imported, tree: Tree, kind: str) -> None:
    """机关运行经费 as the 机关运行经费表's 合计 row prints it (江苏's 一般公共预算机关运行经费支出预算表, by
    economic class), where the “三公” table gave none."""
    table = result.tables.get(kind)
    foot = next((r for r in result.rows.get(kind, []) if r.total and "机关运行经费" in r.amounts), None)
    if table is not None and foot is not None and "机关运行经费" not in tree:
        tree["机关运行经费"] = {"本年": value(result, table, foot.amounts["机关运行经费"], "机关运行经费.本年")}
    if table is not None and isinstance(section := tree.get("机关运行经费"), dict) and (
            lines := _running_lines(result, table, kind)):
        section["经济分类"] = lines


def _running_lines(result: Imported, table: Table, kind: str) -> list[Tree]:
    """机关运行经费.经济分类: the 机关运行经费表's rows printed with an economic code and an amount, each as printed
    (a 类 and its 款 alike), traced; a blank row is not written."""
    rows = [row for row in result.rows.get(kind, []) if row.code.isdigit() and not row.total
            and (amount := row.amounts.get("机关运行经费")) is not None and not amount.blank]
    return [{"科目": Placed(int(row.code), f"{kind} {row.where}"),
             "本年": value(result, table, row.amounts["机关运行经费"], f"机关运行经费.经济分类 {row.code}")}
            for row in rows]


# 深圳's 支出总表 sets out 政府采购项目 (小计) and what of it is reserved for small businesses: its total row
# (the department's own) gives the reserved parts (the 小计 is told as not used: 政府采购.合计 is checked
# against 货物, 工程 and 服务, which the text states).
_PROCUREMENT = {"政府采购预留中小企业": "中小企业", "政府采购预留小微企业": "小微企业"}


def _procurement(result: Imported, tree: Tree, kind: str) -> None:
    """政府采购's reserved parts as the 支出总表's total row prints them, where it prints them."""
    table = result.tables.get(kind)
    foot = next((r for r in result.rows.get(kind, []) if r.total and r.amounts), None)
    if table is None or foot is None:
        return
    section: Tree = {key: value(result, table, foot.amounts[meaning], f"政府采购.{key}")
                     for meaning, key in _PROCUREMENT.items() if meaning in foot.amounts}
    if (lines := _procured_lines(result, table, kind)):
        section["功能分类"] = lines
    if section:
        tree["政府采购"] = section


def _procurement_lines(result: Imported) -> list[Tree]:
    """政府采购.功能分类: a 政府采购预算表 printed by 功能分类 line and fund (烟台 公开表12), its finest lines (a line no
    other printed line is under), each with the funds it prints, traced; its 类, 款 and 合计 are their sums."""
    kind = role("procurement")
    table, rows = result.tables.get(kind), [row for row in result.rows.get(kind, []) if row.code and not row.total]
    if table is None or not rows:
        return []
    return [{"科目": Placed(int(row.code), f"{kind} {row.where}"), **_funds_printed(result, table, row)}
            for row in _finest_rows(rows)]


# The columns of a 政府采购预算表 by function, as the import reads them (tables/procurement_lines.py prints them so)
PROCURED_COLUMNS = ("合计", "财政拨款", *PROJECT_FUNDS)


def _procurement_printed(result: Imported, tree: Tree) -> None:
    """印出合计.政府采购预算表: its 合计 row and 类/款 lines printed a 尾数 from the lines under them (烟台市文化和旅游局
    2026: 20701 文化和旅游 1,280.32, its lines 1,280.33; 207 and 合计 2,522.73, the lines 2,522.74), as printed —
    the same rule as the function tables' (printed_totals.table_lines); one further away is a slip, told, not written."""
    if (lines := printed_table_lines(result, role("procurement"), PROCURED_COLUMNS, set())):
        tree["印出合计"] = {**_section(tree, "印出合计"), role("procurement"): lines}


def _finest_rows(rows: list[Row]) -> list[Row]:
    """The rows no other row's code is under."""
    return [row for row in rows if not any(o.code != row.code and o.code.startswith(row.code) for o in rows)]


def _funds_printed(result: Imported, table: Table, row: Row) -> Tree:
    """A row's amount by fund (PROJECT_FUNDS), those it prints, traced."""
    return {fund: value(result, table, amount, f"政府采购.功能分类 {row.code} {fund}") for fund in PROJECT_FUNDS
            if (amount := row.amounts.get(fund)) is not None and not amount.blank}


# A 支出总表 line's 政府采购 columns (深圳) by the key its 政府采购.功能分类 item holds each under.
_PROCURED_LINE = {"政府采购": "合计", "政府采购预留中小企业": "中小企业", "政府采购预留小微企业": "小微企业"}


def _procured_lines(result: Imported, table: Table, kind: str) -> list[Tree]:
    """政府采购.功能分类: the 政府采购 columns of a 支出总表 printing them by function line (深圳), each of its finest
    lines (a code no printed line below refines) as printed, a printed 0.00 a stated 0, a blank cell none; the 类
    and 款 lines are their sums (compute). None where its lines are not the department's alone (units' lines)."""
    all_rows = result.rows.get(kind, [])
    rows = _finest_lines([row for row in all_rows if not row.total and row.code])
    if unit_lines(all_rows):
        return []
    lines: list[Tree] = []
    for row in rows:
        if (item := _procured_line(result, table, row)):
            lines.append({"科目": Placed(int(row.code), f"{kind} {row.where}"), **item})
    return lines


def _procured_line(result: Imported, table: Table, row: Row) -> Tree:
    """A 支出总表 line's 政府采购 columns as printed (a blank cell none), by _PROCURED_LINE's keys."""
    return {key: value(result, table, row.amounts[meaning], f"政府采购.功能分类 {row.code} {key}")
            for meaning, key in _PROCURED_LINE.items() if meaning in row.amounts and not row.amounts[meaning].blank}


def _finest_lines(rows: list[Row]) -> list[Row]:
    """The rows no other row refines (a code under theirs), each code printed once; none where a code is printed twice
    (a table of units' lines, each under its unit)."""
    printed = [row.code for row in rows]
    if len(set(printed)) != len(printed):
        return []
    return [row for row in rows if not any(code != row.code and code.startswith(row.code) for code in printed)]


def _defined_rows(result: Imported, tree: Tree) -> None:
    """The fields of the tables defined as data (reportgen/tablekinds: 行): each row the table prints,
    known by the words of its definition (as printed, or without its numbering: 江苏's “一、货物 A”), gives its
    source field the amount it prints."""
    for kind in tablekinds.kinds():
        table = result.tables.get(kind.id)
        if table is None or kind.build:
            continue
        fields = {normalized(name): row.field for row in kind.rows for name in row.names}
        for row in result.rows.get(kind.id, []):
            path = _field_of(fields, row)
            amount = next(iter(row.amounts.values()), None)  # a blank cell is a zero printed so (rows.py)
            if path is None or amount is None:
                continue
            _put(tree, path, value(result, table, amount, path))


def _field_of(fields: dict[str, str], row: Row) -> str | None:
    """The field a defined table's row gives (``fields``: by its words, normalized): its name's, else its label's."""
    return fields.get(normalized(row.name or row.label)) or fields.get(normalized(row.label))


def _put(tree: Tree, path: str, placed: Placed) -> None:
    """``placed`` written at ``path`` (a dotted path: 政府采购.货物), its sections made where missing."""
    *parents, key = path.split(".")
    section = tree
    for part in parents:
        section = section.setdefault(part, {})  # type: ignore[assignment]
    section[key] = placed


def _class_codes(year: int) -> dict[str, str]:
    """Each 类's name (normalized) → its code. A 类 printed under its name of other years
    (医疗卫生与计划生育支出 in a 2024 收支总表) is still that 类: its figures are read (and reconciled);
    review tells the old name (review/text_rules/budget_wording.py)."""
    return dict(_year_class_codes(year))


@functools.cache  # the registries are read once per process
def _year_class_codes(year: int) -> dict[str, str]:
    found = {normalized(e.name): e.code for e in codes.all_function_codes(year) if len(e.code) == 3}
    found.update({normalized(f.name): f.code for f in codes.former_names(year) if len(f.code) == 3})
    return found


@functools.cache  # as above
def _function_names(year: int) -> frozenset[str]:
    """Each 款's and 项's name (normalized), under this year's names and former ones."""
    return frozenset({normalized(e.name) for e in codes.all_function_codes(year) if len(e.code) > 3}
                     | {normalized(f.name) for f in codes.former_names(year) if len(f.code) > 3})


def _identity(result: Imported, layout: str | None) -> None:
    """The source's 部门, 年度, 类型, 版式, 金额单位 and the tables' own units (展示.表格单位)."""
    tree = result.tree
    tree["部门"] = Placed(result.department)
    if result.year is not None:
        tree["年度"] = Placed(result.year, result.year_where)
    if result.kind == "单位":
        tree["类型"] = Placed("单位")
    if layout:
        tree["版式"] = Placed(layout)
    tree["金额单位"] = Placed(result.unit)
    shown: Tree = {}
    if (units := _table_units(result)):
        shown["表格单位"] = units
    if _cents_printed(result):
        shown["小数位"] = {"元": Placed(2, "各张元的表都印到分（如 1,197,600.00）")}
    if (grouping := ungrouped(result)):
        shown["千分位"] = grouping
    if shown:
        tree["展示"] = shown


def _cents_printed(result: Imported) -> bool:
    """Whether every amount the 元 tables print is printed to the 分 (商务委 2025 prints 1,197,600.00 though
    its figures are whole 元): the document's form, which the render then keeps (展示.小数位 {元: 2} is not
    overridden by a layout that prints a whole-元 document's tables whole)."""
    places = {-int(amount.value.as_tuple().exponent) for kind, table in result.tables.items() if table.unit == "元"
              for row in result.rows.get(kind, []) for amount in row.amounts.values() if not amount.blank}
    return places == {2}


def ungrouped(result: Imported) -> Placed | None:
    """展示.千分位 false where the tables print every figure of a thousand or more without separators (福州市民政局,
    泉州市人民政府办公室, 长春市信访局 2026: “2014.77”; 普陀规划资源局 2024 决算: “9746.50”) — the document's form, which the
    render then keeps; None where any is separated or fewer than three are printed. A budget's and a 决算's."""
    texts = [text for kind in result.tables for text in printed_thousands(result, kind)]
    grouped = [text for text in texts if not text or "," in text or "，" in text]  # (a text not known: not said)
    return Placed(False, f"各表千以上的数都不分节（如 {texts[0]}）") if len(texts) >= 3 and not grouped else None


def printed_thousands(result: Imported, kind: str) -> list[str]:
    """The texts a table of the PDF prints its amounts of a thousand or more as ("" where not known); none for a
    table of a workbook (its value says nothing of separators)."""
    table = result.tables[kind]
    if table.grid.kind != "pdf":
        return []
    return [_printed(table, amount) for amount in _thousands(result.rows.get(kind, []))]


def _thousands(rows: list[Row]) -> list[Amount]:
    """The amounts of a thousand or more the rows print."""
    return [amount for row in rows for amount in row.amounts.values() if not amount.blank and abs(amount.value) >= 1000]


def _printed(table: Table, amount: Amount) -> str:
    """The text an amount is printed as in its table's grid, "" where that is not known (a workbook shows a number by
    its format: its value says nothing of separators)."""
    row, col = amount.cell
    cells = table.grid.rows[row] if 0 <= row < len(table.grid.rows) else []
    return cells[col].text if 0 <= col < len(cells) else ""


def _spending(result: Imported, catalog: Catalog) -> Tree:
    """支出: the function rows, the 基本支出 by economic class (else the totals as stated) and the projects."""
    spending: Tree = {}
    if (rows := _function_rows(result)):
        spending["功能分类"] = rows
    if (basic := _economic(result, catalog)):
        spending["基本支出"] = basic
        if (project := _general_project_classes(result)):
            spending["一般公共预算项目支出经济分类"] = project
    if not rows:
        _stated_totals(result, spending)
        if spending_by_fund_unknown(result):
            _whole_total(result, spending)
    else:
        _totals_beside_rows(result, rows, spending)
    if (projects := _projects(result)):
        spending["项目"] = projects
        partial_projects(result, spending, projects)
    return spending


def _totals_beside_rows(result: Imported, rows: list[Tree], spending: Tree) -> None:
    """支出's totals beside its function rows: the 支出总表's where the rows are the 一般公共预算's alone (the other
    funds' printed nowhere by function); else as the table of all the spending prints them, or a 支出总表's lone
    row of totals, or beside the 类 the rows beyond the funds make."""
    if general_rows_alone(result):
        _stated_spending(result, role("spending"), spending)
        _whole_total(result, spending)
        told = "、".join(unprinted_funds(result))
        spending["功能分类口径"] = Placed("一般公共预算", _told(UNPRINTED_SCOPE, told))
    elif (whole := _whole_spending(result, rows)) and (printed := spending_totals(result, whole)):
        _printed_spending(result, spending, printed)  # as printed, beside its rows
    elif (printed := _lone_totals(result)):
        _printed_spending(result, spending, printed)
        if all("资金" not in row for row in rows):  # the other money's spending by function is printed nowhere
            fiscal = fiscal_as_general(result, role("fiscal_functions"))
            spending["功能分类口径"] = Placed("一般公共预算", _told(FISCAL_SCOPE if fiscal else FUND_SCOPE))
    elif any(str(_place(row)).startswith(_beyond_funds()) for row in rows):
        _side_total(result, spending)  # beside the 类 it makes, as printed


_APPROPRIATION = {"一般公共预算": "一般公共预算拨款", "政府性基金": "政府性基金预算拨款", "国有资本经营": "国有资本经营预算拨款"}


def _whole_spending(result: Imported, rows: list[Tree]) -> str | None:
    """The table whose 合计 row is all the spending: the 支出总表 where it was read; else the one fund
    table the function rows were read from, where the income read is that fund's appropriation alone."""
    if result.rows.get(role("spending")):
        return role("spending")
    funds = {str(fund.value) if isinstance(fund := row.get("资金"), Placed) else "一般公共预算" for row in rows}
    sources = _income_stated(result)
    if len(funds) != 1:
        return None
    only = funds.pop()
    kind = next((k for k, f in tablekinds.fund_tables().items() if f == only), None)
    return kind if kind in result.rows and sources == {_APPROPRIATION[only]} else None


def _income_stated(result: Imported) -> set[str]:
    """The income fields read with a figure (not 0)."""
    income = result.tree.get("收入")
    return {key for key, node in income.items() if isinstance(node, Placed) and node.value} \
        if isinstance(income, dict) else set()


def _lone_totals(result: Imported) -> dict[str, Placed]:
    """The totals of a 支出总表 that prints one row of figures and no code (江苏's 支出预算总表: 合计, 基本支出,
    项目支出, 单位预留机动经费 of all funds), beside the function rows of the fund tables: 支出.合计 as printed —
    and its 基本支出 and 项目支出 only where it prints no other spending beside them (单位预留机动经费: no field
    holds it, so they would not make the 合计)."""
    table = result.tables.get(role("spending"))
    row = _lone_row(result)
    if table is None or row is None:
        return {}
    amounts = row.amounts
    fields = {"合计": "支出.合计", "基本支出": "支出.基本支出.合计"}
    if not any(m in amounts for m in BESIDE_BASIC):
        fields["项目支出"] = "支出.项目支出"
    return {path: value(result, table, amounts[m], path) for m, path in fields.items()
            if m in amounts and not amounts[m].blank}


def _lone_row(result: Imported) -> Row | None:
    """The 支出总表's one row of figures where it prints one, with no code and its 合计; None where it does not."""
    rows = [r for r in result.rows.get(role("spending"), []) if r.amounts]
    if len(rows) != 1 or rows[0].code or rows[0].function_code or "合计" not in rows[0].amounts:
        return None
    return rows[0]


def _printed_spending(result: Imported, spending: Tree, printed: dict[str, Placed]) -> None:
    """支出.合计, 基本支出.合计 and 项目支出 as the 支出总表's 合计 row prints them (spending_totals). 基本支出.合计
    is every fund's, written as printed also beside the 一般公共预算基本支出表's lines of another whole (check
    compares those only where no other fund spends on 基本支出); its 人员经费 and 公用经费 are then not written
    as its parts (economic_whole)."""
    if "支出.合计" in printed:
        spending["合计"] = printed["支出.合计"]
    if "支出.基本支出.合计" in printed:
        basic = spending.setdefault("基本支出", {})
        assert isinstance(basic, dict)
        spending["基本支出"] = {"合计": printed["支出.基本支出.合计"], **basic}
    if "支出.项目支出" in printed:
        spending["项目支出"] = printed["支出.项目支出"]


def _meta(result: Imported, tables: list[Table]) -> None:
    """The department the tables name most, their year and where it is stated, the kind (部门 or 单位) and their unit."""
    owners = Counter(t.owner for t in tables if t.owner)
    result.department = owners.most_common(1)[0][0] if owners else ""
    result.year = _tables_year(tables)
    if result.year is not None:
        result.year_where = _year_where(tables, result.year)
    unit_kind = any(t.owner_word == "单位" or "预算单位" in normalized(t.title) for t in tables)
    result.kind = "单位" if unit_kind else "部门"
    result.unit = _common_unit(result)


def _tables_year(tables: list[Table]) -> int | None:
    """The year the tables' titles or captions state most, else (none states it) the year their headers name their
    columns by most."""
    years = Counter(t.year for t in tables if t.year)
    if not years:
        years = Counter(year for year in map(header_year, tables) if year)
    return years.most_common(1)[0][0] if years else None


def _year_where(tables: list[Table], year: int) -> str:
    """Where the year is stated: a table's title or caption stating it first, else a header."""
    stating = sorted(tables, key=lambda t: t.year != year)
    return next((where for t in stating if (where := year_place(t, year))), "")


def _common_unit(result: Imported) -> str:
    """The unit the tables but the 三公经费支出表 print most (元 where none prints one)."""
    units = Counter(t.unit for kind, t in result.tables.items() if t.unit and kind != role("three_public"))
    return units.most_common(1)[0][0] if units else "元"



def _table_units(result: Imported) -> Tree:
    units: Tree = {}
    shown = Counter(t.unit for t in result.tables.values() if t.unit)
    if not shown:
        return units
    common = shown.most_common(1)[0][0]
    units["全部"] = Placed(common)
    for kind, table in result.tables.items():
        if table.unit and table.unit != common:
            units[kind] = Placed(table.unit, table.unit_where)
    return units


def _income(result: Imported, catalog: Catalog) -> Tree:
    """收入 from the 收支总表's left side (else the 财政拨款收支总表's): each source as printed. Where
    the 收支总表 prints a figure of income on a row that names no source (广州's 一、预算拨款), that row
    is read as 财政拨款 only where the 财政拨款收支总表's funds add up to it exactly: the funds are
    then taken from there (its rows name them), the other sources from the 收支总表."""
    if role("summary") in result.sides:
        return _income_of_all(result, catalog)
    return _income_of_appropriations(result, catalog) if role("appropriations") in result.sides else {}


def _income_of_all(result: Imported, catalog: Catalog) -> Tree:
    """收入 from the 收支总表: each source as printed; its unnamed row's funds from the 财政拨款收支总表 where they add
    up to it (_funds_for), else that row's income in part (_income_in_part)."""
    income = _sources(result, catalog, role("summary"))
    unnamed: list[Row] = []
    if unknown_income(catalog, result.sides[role("summary")][0]):
        funds = _funds_for(result, catalog)
        if funds:
            income = {**funds, **{k: v for k, v in income.items() if k not in _FISCAL_INCOME}}
        else:  # no 财政拨款收支总表 to tell its sources by (not printed, or its funds add up otherwise)
            unnamed = _unnamed_income(result, catalog)
    if rest := _fieldless_income(result, catalog) or unnamed:
        _income_in_part(result, catalog, income, rest[0])
    _income_table_zeros(result, income)
    return income


def _income_table_zeros(result: Imported, income: Tree) -> None:
    """The sources the 收支总表 leaves blank (or does not print) that the 收入总表's 合计 row prints as 0 — 0, a figure
    printed, placed at that cell (普陀区万里街道 2025: 事业收入, 事业单位经营收入, 其他收入 blank on the one, “0” on the
    other). A figure other than 0 there is not taken: the two tables then disagree, and reconcile tells it."""
    total = _income_total_row(result)
    if total is None:
        return
    table = result.tables[role("income")]
    for meaning, amount in total.amounts.items():
        key = _FUND_SOURCES.get(meaning, meaning)
        if key in SOURCE_FIELDS and key not in income and not amount.blank and amount.value == 0:
            income[key] = value(result, table, amount, f"收入.{key}")


_FUND_SOURCES = {"一般公共预算": "一般公共预算拨款", "政府性基金": "政府性基金预算拨款", "国有资本经营": "国有资本经营预算拨款"}


def _income_of_appropriations(result: Imported, catalog: Catalog) -> Tree:
    """收入 from the 财政拨款收支总表 (no 收支总表 read): its funds as printed, the rest of the income not known where
    the tables of all income are printed but not read for sure, or not given at all."""
    income = _sources(result, catalog, role("appropriations"))
    unread = [t.kind.id for t in result.unsure if t.kind.id in (role("summary"), role("income"))]
    if income and unread:  # 江苏's 其他资金: printed in tables not read for sure
        income["其余未公开"] = Placed(True, "、".join(unread) + UNREAD_INCOME)
        _blank_funds(result, catalog, income)
    elif income and not _appropriations_only(result):
        # neither table of all income is given (not printed, or not recognised: a page cut, a scan): the
        # 财政拨款收支总表 gives the appropriations alone, any other source is not known (烟台市人社局 2026
        # without pp. 8–11: its 上级补助收入 173 and 其他收入 26 were read as none, “应为 0万元”)
        income["其余未公开"] = Placed(True, _told(NO_INCOME_TABLE if not _income_total_row(result) else OTHER_INCOME_ROW))
        _blank_funds(result, catalog, income)
    return income


def _blank_funds(result: Imported, catalog: Catalog, income: Tree) -> None:
    """The funds the 财政拨款收支总表 prints blank, where the rest of the income is not known (其余未公开): 0, as a
    blank is in a table of figures — that table prints every appropriation, so none is unknown (上海市星空科普院
    2026 without its 收支总表: its 政府性基金 and 国有资本 rows blank, 财政拨款 “本年没有这个数可以推出上年数”)."""
    table = result.tables[role("appropriations")]
    for row in result.sides[role("appropriations")][0]:
        key = catalog.income_key(row.label)
        amount = next(iter(row.amounts.values()), None)
        if key in _FISCAL_INCOME and key not in income and amount is not None and amount.blank:
            income[key] = Placed(Decimal(0), f"{table.kind.id} {amount.where}（空白）")


def _appropriations_only(result: Imported) -> bool:
    """Whether the 收入总表's total row shows the department's income is all 财政拨款 (its 合计 that, read for
    sure): only then does the 财政拨款收支总表 give all the income."""
    total = _income_total_row(result)
    return total is not None and total.amounts["合计"].value == total.amounts["财政拨款"].value


def _income_total_row(result: Imported) -> Row | None:
    """The 收入总表's total row, with its 合计 and 财政拨款 (None where it is not read)."""
    rows = result.rows.get(role("income"), [])
    return next((row for row in rows if row.total and "合计" in row.amounts and "财政拨款" in row.amounts), None)


def _unnamed_income(result: Imported, catalog: Catalog) -> list[Row]:
    """The 收支总表's rows of this year's income printing a figure on words that name no source (广州's
    一、预算拨款, where no 财政拨款收支总表 tells its funds): income of sources not known, never taken as none."""
    rows = this_year_income(catalog, result.sides[role("summary")][0])
    return [row for row in rows if _names_no_source(catalog, row, rows)]


def _fieldless_income(result: Imported, catalog: Catalog) -> list[Row]:
    """The 收支总表's rows of this year's income printing a figure of a source the source has no field for,
    nor a group whose parts it prints (江苏's 三、其他资金: 事业收入, 经营收入, 其他收入 … together)."""
    return [row for row in this_year_income(catalog, result.sides[role("summary")][0])
            if (key := catalog.income_key(row.label)) and key not in SOURCE_FIELDS and key not in _INCOME_GROUPS
            and key != "收入总计" and any(not a.blank and a.value for a in row.amounts.values())]


_INCOME_GROUPS = ("财政拨款收入", "单位资金")  # printed over the sources they sum, each of them a row


def _income_in_part(result: Imported, catalog: Catalog, income: Tree, row: Row) -> None:
    """The income written in part (其余未公开: the sources inside ``row`` are not known) with the totals the
    收支总表 prints: 收入总计, and 财政拨款收入 (its funds not printed are then known to hold none of it); its
    上年结转 row printed blank is 0 (as a blank is in a table of figures): 本年收入合计 is then known, 收入总计
    less it, as the table's 当年收入小计 prints it."""
    income["其余未公开"] = Placed(True, f"{role('summary')} {row.where}“{row.label}”{FIELDLESS_INCOME}")
    for key in ("财政拨款收入", "收入总计", "上年结转"):
        totals = [r for r in result.sides[role("summary")][0] if catalog.income_key(r.label) == key and r.amounts]
        amount = next(iter(totals[-1].amounts.values())) if totals else None
        if amount is not None and (not amount.blank or key == "上年结转"):
            income[key] = value(result, result.tables[role("summary")], amount, f"收入.{key}")


FIELDLESS_INCOME = "：源文件没有这种收入的字段，其中各来源的数不知道，不当作 0"


# the comments beside what the import writes where a table was not read for sure or prints a total alone
UNREAD_INCOME = "没有读取：财政拨款以外的收入来源不知道，不当作 0"
NO_INCOME_TABLE = "{summary}没有读出，{income}也没有读出它的合计行（文件中没有，或没有认出）：财政拨款以外的收入来源不知道，不当作 0"
OTHER_INCOME_ROW = "{summary}没有读出；{income}的合计行有财政拨款以外的收入，各来源的数没有从中读取：不知道，不当作 0"
FUND_SCOPE = "{spending}只印合计：功能分类各行只是{general}的"
FISCAL_SCOPE = "{spending}只印合计，资金表未印：功能分类各行是{fiscal}的，财政拨款收入即一般公共预算拨款，各行只是{general}的"
UNPRINTED_SCOPE = "{told}未印（收入有该项拨款）：功能分类各行只是{general}的，支出合计按{spending}所印"


def _told(message: str, told: str = "") -> str:
    """A message above with the tables it names (by their roles: the definitions name them) and ``told``."""
    return message.format(summary=role("summary"), income=role("income"), spending=role("spending"),
                          general=fund_table("一般公共预算"), fiscal=role("fiscal_functions"), told=told)


def _carried_onward(result: Imported, catalog: Catalog, tree: Tree) -> None:
    """结转下年 as the 收支总表's spending side prints it (北京's 年终结转结余: 本年支出合计 and it make
    the 支出总计), where it prints a figure there."""
    kind = next((k for k in (role("summary"), role("appropriations")) if k in result.sides), None)
    rows = [r for r in result.sides[kind][1] if catalog.spending_rows.get(r.label) == "结转下年"] if kind else []
    amount = next(iter(rows[0].amounts.values()), None) if len(rows) == 1 else None
    if kind is not None and amount is not None and not amount.blank:
        tree["结转下年"] = value(result, result.tables[kind], amount, "结转下年")


def _sources(result: Imported, catalog: Catalog, kind: str) -> Tree:
    table, income = result.tables[kind], {}  # type: Table, Tree
    seen: set[str] = set()
    for row in result.sides[kind][0]:
        key = catalog.income_key(row.label)
        amount = next(iter(row.amounts.values()), None)
        if key in SOURCE_FIELDS and amount is not None and key not in seen:
            seen.add(key)
            if amount.blank:  # no figure printed: not written (none, and a table leaves it blank as the document)
                result.used[(table.kind.id, *amount.cell)] = f"收入.{key}"
            else:
                income[key] = value(result, table, amount, f"收入.{key}")
    return income


def _funds_for(result: Imported, catalog: Catalog) -> Tree:
    """The funds of the 财政拨款收支总表 where they add up to the one row of the 收支总表 that names no
    source; none otherwise."""
    unnamed = _unnamed_rows(result.sides[role("summary")][0], catalog)
    if len(unnamed) != 1 or role("appropriations") not in result.sides:
        return {}
    rows = _fund_rows(result.sides[role("appropriations")][0], catalog)
    printed = next(iter(unnamed[0].amounts.values()))
    if not rows or sum((a.value for a in rows.values()), Decimal(0)) != printed.value:
        return {}
    table = result.tables[role("appropriations")]
    result.used[(result.tables[role("summary")].kind.id, *printed.cell)] = "收入.财政拨款"
    return {key: value(result, table, amount, f"收入.{key}") for key, amount in rows.items() if not amount.blank}


def _unnamed_rows(left: list[Row], catalog: Catalog) -> list[Row]:
    """The rows of an income side that print a figure (not 0) under words naming no source and no subtotal."""
    return [r for r in left if _names_no_source(catalog, r, left)]


def _fund_rows(left: list[Row], catalog: Catalog) -> dict[str, Amount]:
    """The funds (财政拨款's sources) an income side prints, each with its figure."""
    return {catalog.income_key(r.label): next(iter(r.amounts.values())) for r in left
            if r.amounts and catalog.income_key(r.label) in _FISCAL_INCOME}


# The sources of income the source format writes (收入.…): a row naming another (单位资金, the group of
# 深圳's 事业收入 … 其他收入; 财政拨款收入, that of the funds; 收入总计) is read and compared, never written.
SOURCE_FIELDS = (*INCOME_SOURCES, "上年结转", RESERVES)


def unknown_income(catalog: Catalog, left: list[Row]) -> bool:
    """Whether an income side prints a figure on a row whose words name no source of income nor a
    total (预算拨款, a local source); the rows under 上年结转 (深圳's 1.财政拨款结余、结转 …) are its parts."""
    rows = this_year_income(catalog, left)
    return any(_names_no_source(catalog, r, rows) for r in rows)


def _names_no_source(catalog: Catalog, row: Row, rows: list[Row]) -> bool:
    """Whether ``row`` of an income side's ``rows`` prints a figure (not 0) under words naming no source of income:
    not a total (合计, 小计, 总计), not a part of the row above it (其中：…: 西安's 其中：专项资金列入部门预算的项目 under
    its 一般公共预算拨款), and not the whole of the year's income printed over its sources (_whole_over_sources)."""
    return (not _is_subtotal(row.label) and not catalog.income_key(row.label) and not row.label.startswith(_PART)
            and any(not a.blank and a.value for a in row.amounts.values()) and not _whole_over_sources(catalog, row, rows))


_PART = "其中"  # a row's first word telling it a part of the row above (其中：…)


def _whole_over_sources(catalog: Catalog, row: Row, rows: list[Row]) -> bool:
    """Whether ``row`` is the year's income printed first, over its sources (西安's 一、部门预算, then 1、财政拨款 …;
    长沙's and 国家信访局's 财政拨款收支总表: 一、本年收入, then its funds): the first of the side's rows, its figure the
    year's total — the 合计 printed under it, or where none is, the sources printed under it added — with a row naming
    a source printing a figure under it; not a source the side prints alone (长沙's 本级财政拨款收入, every named row
    under it blank)."""
    figure = _figure(row)
    if not rows or rows[0] is not row or figure is None:
        return False
    end = next((n for n, r in enumerate(rows) if catalog.income_key(r.label) in ("上年结转", "收入总计")), len(rows))
    total = next((r for r in rows[1:end] if r.label.endswith("合计") and r.amounts), None)
    sources = [_figure(r) or Decimal(0) for r in rows[1:end] if catalog.income_key(r.label) in INCOME_SOURCES]
    if not any(sources):
        return False
    return figure == (_figure(total) if total is not None else sum(sources, Decimal(0)))


def _figure(row: Row) -> Decimal | None:
    """The figure a side's row prints first (None where it prints none)."""
    amount = next(iter(row.amounts.values()), None)
    return None if amount is None or amount.blank else amount.value


def this_year_income(catalog: Catalog, left: list[Row]) -> list[Row]:
    """An income side's rows but those under its 上年结转 row that split it (by fund, or 财政拨款 and
    not: 北京's 一、一般公共预算拨款 …, 深圳's 1.财政拨款结余、结转 …), up to its 收入总计."""
    rows: list[Row] = []
    carried = False
    for row in left:
        key = catalog.income_key(row.label)
        if carried and key not in ("收入总计", "上年结转"):
            continue
        carried = carried or key == "上年结转"
        rows.append(row)
    return rows


def _is_subtotal(label: str) -> bool:
    return label.endswith(("合计", "总计", "小计"))


def _function_rows(result: Imported) -> list[Tree]:
    """The function lines written: each source table's finest rows and its parents' (the 财政拨款支出表's where they are
    the 一般公共预算's, fiscal_as_general; else _function_sources), then the spending beyond the fund tables where they
    are the sources."""
    fiscal = role("fiscal_functions")
    sources = [(fiscal, "一般公共预算")] if fiscal_as_general(result, fiscal) else _function_sources(result)
    rows: list[Tree] = []
    for kind, fund in sources:
        _one_column_is_total(result.rows[kind])  # 江苏's fund tables: one column, 金额
        table, finest = result.tables[kind], _finest(result.rows[kind])
        for row in finest:
            rows.append(_function_row(result, table, row, fund))
        rows += _parents(result, kind, finest, fund)
    rows += _beyond_the_sources(result, sources)
    if role("spending") not in {kind for kind, _ in sources}:
        _stated_none_beside(result, rows)
    return rows


def _stated_none_beside(result: Imported, rows: list[Tree]) -> None:
    """Lines read from other tables than the 支出总表 (the fund tables: 深圳, 珠海 …), where the 支出总表 prints
    事业单位经营支出, 对附属单位补助支出 or 上缴上级支出 by line: a 0.00 it prints is every part's of that line — written
    on the line's first row, traced to its cell; a figure other than 0 is not the funds' (no fund table prints it),
    nor known to be any one row's: not written (the 支出总表 against the lines tells it)."""
    table = result.tables.get(role("spending"))
    if table is None:
        return
    firsts = _first_rows(rows)
    for row in _finest(result.rows.get(role("spending"), [])):
        first = firsts.get(row.code)
        beside = _zeros_beside(row)
        if first is None or _beside_is_a_part(row, [a for _, a in beside]):
            continue
        for kind, amount in beside:
            first[kind] = value(result, table, amount, f"支出.功能分类 {row.code} {kind}")


def _zeros_beside(row: Row) -> list[tuple[str, Amount]]:
    """The 0.00s a 支出总表's line prints in the columns beside 基本支出 and 项目支出 (BESIDE_LINE)."""
    return [(k, a) for k, a in row.amounts.items() if k in BESIDE_LINE and not a.blank and a.value == 0]


def _first_rows(rows: list[Tree]) -> dict[str, Tree]:
    """Each code's first written row with a 基本支出 or 项目支出."""
    firsts: dict[str, Tree] = {}
    for item in rows:
        code = item.get("科目")
        if isinstance(code, Placed) and ("基本支出" in item or "项目支出" in item):
            firsts.setdefault(str(code.value), item)
    return firsts


def _function_sources(result: Imported) -> list[tuple[str, str]]:
    """The tables (kind, fund) the function lines are read from (the table of all 财政拨款 aside, where it is the
    一般公共预算's: fiscal_as_general): the fund tables printed; the 一般公共预算支出表 alone
    where the other funds' lines are not known (general_rows_alone); the 支出总表 where there is no 一般公共预算支出表 or
    a fund's table is not read for sure (its others' rows are not all the spending: 北京教委's 政府性基金 and 国有资本
    rows, 70,424.99, were told as the whole against its income of 4,483,899.83), else none then; none where the
    支出总表's rows are of all its money, no fund's (spending_by_fund_unknown), or lines are printed by unit."""
    sources = [(kind, fund) for kind, fund in tablekinds.fund_tables().items() if kind in result.tables]
    unknown_fund = _fund_unread(result)
    if spending_by_fund_unknown(result):
        return []  # (its totals written as printed)
    if general_rows_alone(result):
        sources = [(fund_table("一般公共预算"), "一般公共预算")]
    if (fund_table("一般公共预算") not in result.tables or unknown_fund) and role("spending") in result.tables:
        sources = [(role("spending"), "")]
    elif unknown_fund:
        return []
    return [] if _printed_by_unit(result, sources) else sources


def fiscal_as_general(result: Imported, kind: str) -> bool:
    """Whether the table of all 财政拨款 ``kind`` (江苏's 公开05表 by function, 公开06表 by economic class) is read as the
    一般公共预算's: no fund table printed (nor printed and not read for sure), no line printed by the 支出总表 (its one
    row of totals), and the income states 财政拨款收入 as much as 一般公共预算拨款, not 0 — the other appropriations
    nothing, each line of all 财政拨款 that fund's (江苏省政协办公厅 2018's pages in hand: 一、财政拨款 10,070.48 =
    1.一般公共预算 10,070.48, its 公开05表 and 公开06表 the only tables of lines)."""
    printed = {*result.tables, *(table.kind.id for table in result.unsure)}
    if kind not in result.rows or tablekinds.fund_tables().keys() & printed:
        return False
    return not any(row.code for row in result.rows.get(role("spending"), [])) and _appropriation_all_general(result)


def _appropriation_all_general(result: Imported) -> bool:
    """Whether the income states 财政拨款收入 as much as 一般公共预算拨款, not 0."""
    income = result.tree.get("收入")
    stated = [income.get(key) for key in ("财政拨款收入", "一般公共预算拨款")] if isinstance(income, dict) else []
    values = [node.value for node in stated if isinstance(node, Placed)]
    return len(values) == 2 and values[0] == values[1] != 0


def _fund_unread(result: Imported) -> bool:
    """Whether a fund's table is printed but not read for sure, or holds another money than the spending's: the year's
    appropriation alone, where the spending holds the carry-over too (appropriation_of_the_year)."""
    return bool({table.kind.id for table in result.unsure} & tablekinds.fund_tables().keys()) \
        or appropriation_of_the_year(result)


def appropriation_of_the_year(result: Imported) -> bool:
    """Whether the 一般公共预算支出表 prints this year's 一般公共预算拨款 alone while the 财政拨款收支总表 spends its
    carry-over too: the function table's 合计 is the year's 一般公共预算拨款 income, the fund's 上年结转 (the same income
    word printed again, under 上年结转) is not 0, and the two make the spending classes — 国家信访局 2026: 合计 16,474.82 =
    本年收入's 一般公共预算拨款; the classes 18,728.94 = it and 上年结转 2,254.12. The function table is then not that
    spending by function (its 年初预算数 leaves the carry-over out), nor is the 支出总表 less it the other money's."""
    total = next((r.amounts["合计"] for r in result.rows.get(fund_table("一般公共预算"), [])
                  if r.total and "合计" in r.amounts and not r.amounts["合计"].blank), None)
    general, spent = _general_and_classes(result)
    if total is None or len(general) != _YEAR_AND_CARRIED or not general[1]:
        return False
    return total.value == general[0] and spent == general[0] + general[1]


def _general_and_classes(result: Imported) -> tuple[list[Decimal], Decimal]:
    """The 财政拨款收支总表's 一般公共预算拨款 incomes as printed (the year's, then the 上年结转's; none where one is
    blank) and its spending classes added up."""
    if role("appropriations") not in result.sides:
        return [], Decimal(0)
    left, right = result.sides[role("appropriations")]
    general = [_first_figure(r) for r in left if r.amounts and result.catalog.income_key(r.label) == "一般公共预算拨款"]
    return _all_printed(general), sum((_first_figure(r).value for r in _classes(result, right)), Decimal(0))


def _classes(result: Imported, side: list[Row]) -> list[Row]:
    """A spending side's rows of a class (一般公共服务支出 …) that print a figure."""
    return [row for row in side if row.amounts and result.class_codes.get(row.label)]


def _all_printed(amounts: list[Amount]) -> list[Decimal]:
    """The amounts' values; none where one is blank."""
    return [] if any(a.blank for a in amounts) else [a.value for a in amounts]


def _first_figure(row: Row) -> Amount:
    """A 两栏 table's row's figure: its first column's."""
    return next(iter(row.amounts.values()))


_YEAR_AND_CARRIED = 2  # a fund's income of the year, and its 上年结转


def _printed_by_unit(result: Imported, sources: list[tuple[str, str]]) -> bool:
    """Whether the 项 of these tables or the 支出总表 are printed by unit, unnamed (sure.unit_lines): the department's
    are then not printed."""
    return any(unit_lines(result.rows.get(kind, [])) for kind in [*(k for k, _ in sources), role("spending")])


def _beyond_the_sources(result: Imported, sources: list[tuple[str, str]]) -> list[Tree]:
    """Where the fund tables are the function lines' sources, the spending they do not hold: the 支出总表's rest
    (_other_funds), else the 收支总表's by 类 where every fund is printed and read (_classes_beyond_funds)."""
    if not sources or sources[0][0] == role("spending"):
        return []
    if role("spending") in result.tables and not general_rows_alone(result):
        return _other_funds(result)
    if all(table.kind.id != role("spending") for table in result.unsure) and not unprinted_funds(result):
        return _classes_beyond_funds(result)
    return []


def held_as_printed(result: Imported) -> frozenset[str]:
    """The function tables whose coded lines no fund's function rows hold, held as printed (表行, their 类, 款 and 项
    lines each as the table prints it): the 支出总表 where its lines are of all the money, no fund's
    (spending_by_fund_unknown: 国家信访局 2026's 一般公共服务支出 holds its 其他收入's spending beside the
    appropriation's, no table telling them apart by line), and the 一般公共预算支出表 of the year's appropriation alone
    (appropriation_of_the_year: no source of the fund's lines, its carry-over spent beside it)."""
    held = {role("spending")} if spending_by_fund_unknown(result) else set()
    held |= {fund_table("一般公共预算")} if appropriation_of_the_year(result) or _net_of_building(result) else set()
    return frozenset(kind for kind in held if _coded(result.rows.get(kind, [])))


def _net_of_building(result: Imported) -> bool:
    """Whether the 一般公共预算支出表 prints a column only its lines as printed hold (LINE_PRINTED: 北京's
    扣除基建项目后预算数)."""
    table = result.tables.get(fund_table("一般公共预算"))
    return table is not None and any(meaning in LINE_PRINTED for meaning in table.columns.values())


def _coded(rows: list[Row]) -> bool:
    """Whether every row printing amounts but the total prints a function code, and some does (江苏省政协 2018's
    支出总表 prints its lines' sum on a row of no code: no line of it)."""
    lines = [row for row in rows if not row.total and row.amounts]
    return bool(lines) and all(row.code for row in lines)


def _held_totals(result: Imported, held: frozenset[str]) -> Tree:
    """印出合计 of the tables held as printed (表行): the 合计 row's figures, in the columns its lines state, that stand
    a 尾数 from the lines added (国家信访局 2026's 一般公共预算支出表: 2025 年执行数 37,241.42, its 项 37,241.41)."""
    out: Tree = {}
    for kind in sorted(held):
        table = result.tables[kind]
        keys = {table.columns[col]: key for col, key in printed_columns(table, result.year).items() if key in LINE_AMOUNTS}
        found = printed_table_lines(result, kind, tuple(keys), set()).get("合计")
        if isinstance(found, dict) and found:
            out[kind] = {"合计": {keys[meaning]: figure for meaning, figure in found.items()}}
    return out


def general_alone(result: Imported) -> bool:
    """Whether nothing read says the money is of another source than 一般公共预算拨款 (no income read at all — a
    支出总表 given alone —, or the income read states that source alone, none unknown): the 支出总表's rows are then
    written as they always were; where the income read states another source, or leaves one unknown, they are
    not known by fund."""
    income = result.tree.get("收入")
    if not isinstance(income, dict) or not income:
        return True
    if "其余未公开" in income:
        return False
    stated = {key for key, node in income.items()
              if key in SOURCE_FIELDS and isinstance(node, Placed) and isinstance(node.value, Decimal) and node.value}
    return stated == {"一般公共预算拨款"}


def spending_by_fund_unknown(result: Imported) -> bool:
    """Whether the function rows are withheld: the 支出总表 stands for them (no 一般公共预算支出表 read, or a fund
    table not read for sure) while the money is not all 一般公共预算拨款 (a document without its 一般公共预算支出表
    whose income states 政府性基金预算拨款 or 事业收入): its rows are not any fund's."""
    unknown_fund = _fund_unread(result)
    return (fund_table("一般公共预算") not in result.tables or unknown_fund) and role("spending") in result.tables \
        and not general_alone(result)


def general_rows_alone(result: Imported) -> bool:
    """Whether the function rows are the 一般公共预算支出表's alone (功能分类口径) beside the 支出总表's totals: a fund
    table not printed while the income states that fund (烟台市住房和城乡建设局 2026 without its 国有资本经营预算支出表):
    the 支出总表's rows less the fund tables' are not the department's own money — that fund's spending is in them."""
    unknown_fund = _fund_unread(result)
    return not unknown_fund and fund_table("一般公共预算") in result.tables and role("spending") in result.tables \
        and bool(unprinted_funds(result))


def unprinted_funds(result: Imported) -> list[str]:
    """The fund tables not printed (nor printed and not read for sure) of funds whose appropriation the income
    states is not 0: the function rows read do not tell that fund's spending (a document without its 政府性基金预算
    支出表), so no sum of them is that fund's."""
    income = result.tree.get("收入")
    unsure = {table.kind.id for table in result.unsure}
    return [kind for kind, fund in tablekinds.fund_tables().items() if kind not in result.tables and kind not in unsure
            and isinstance(income, dict) and isinstance(node := income.get(_APPROPRIATION[fund]), Placed)
            and node.value]


def _parents(result: Imported, kind: str, finest: list[Row], fund: str) -> list[Tree]:
    """The 类/款 rows written: those printed with a total that is not the sum of their printed lines
    (printed_totals.class_totals), and those the registry does not name, each with its printed name."""
    named = {str(_code(item)): item for item in _named_parents(result, kind, finest)}
    out: list[Tree] = []
    for item in class_totals(result, kind, fund):
        if (own := named.pop(str(_code(item)), None)) is not None:
            item = {"科目": item["科目"], "名称": own["名称"], **{k: v for k, v in item.items() if k != "科目"}}
        out.append(item)
    return out + list(named.values())


def _code(item: Tree) -> object:
    code = item["科目"]
    return code.value if isinstance(code, Placed) else code


def _named_parents(result: Imported, kind: str, finest: list[Row]) -> list[Tree]:
    """The coded rows not written for their figures (a 类 or 款 over its 项) whose printed name the
    registry does not give: their code and name alone."""
    written = {id(row) for row in finest}
    return [{"科目": Placed(int(row.code), f"{kind} {row.where}"), "名称": Placed(row.name)}
            for row in result.rows[kind]
            if row.code and id(row) not in written and _unknown_name(row, result.year)]


def _finest(rows: list[Row]) -> list[Row]:
    """The rows no other row details: the 项, or a 类 or 款 printed without its 项."""
    parents = {r.code[:-2] for r in rows if len(r.code) > 3}
    return [r for r in rows if r.code and (len(r.code) == 7 or r.code not in parents)]


def _other_funds(result: Imported) -> list[Tree]:
    """The 支出总表's spending the fund tables do not hold (事业收入, 其他收入 … spent): per 项, the
    row's 基本/项目 less the fund tables' — 单位资金, or 财政专户 where that is the only other income."""
    fiscal = _fund_spending(result)
    fund = _other_fund(result)
    table, out = result.tables[role("spending")], []
    funded = {code for code, _ in fiscal}
    for row in _finest(result.rows[role("spending")]):
        rest = _rest_of_row(row, fiscal, funded)
        if rest is not None:
            out.append(_rest_line(result, table, row, (fund, rest)))
    return out


def _rest_of_row(row: Row, fiscal: dict[tuple[str, str], Decimal], funded: set[str]) -> dict[str, Decimal] | None:
    """A 支出总表 row's 基本/项目支出 less the fund tables', where something is left and nothing is below 0; None where
    a fund's table prints it at another level (its 款 alone: its 项's row hidden): the rest not known."""
    if _at_another_level(row, funded):
        return None
    rest: dict[str, Decimal] = {m: row.amounts[m].value - fiscal.get((row.code, m), Decimal(0))
                                for m in ("基本支出", "项目支出") if m in row.amounts}
    return rest if any(v > 0 for v in rest.values()) and all(v >= 0 for v in rest.values()) else None


def _at_another_level(row: Row, funded: set[str]) -> bool:
    """Whether the fund tables print a row's code at another level only (a 款 over it, or a 项 under it)."""
    return row.code not in funded and any(code.startswith(row.code) or row.code.startswith(code) for code in funded)


def _rest_line(result: Imported, table: Table, row: Row, rest_of: tuple[str, dict[str, Decimal]]) -> Tree:
    """A line of the 支出总表's spending beyond the fund tables (``rest_of``: its fund, its 基本/项目支出), with the
    name its row prints where the catalogue lacks the code (烟台 2230107)."""
    fund, rest = rest_of
    item: Tree = {"科目": Placed(int(row.code), f"{role('spending')} {row.where}（减去各资金表）"), "资金": Placed(fund)}
    if _unknown_name(row, result.year):
        item["名称"] = Placed(row.name)
    for meaning, amount in rest.items():
        item[meaning] = Placed(scaled(amount, factor(result, table)))
    return item


def _classes_beyond_funds(result: Imported) -> list[Tree]:
    """No 支出总表 read: the spending the fund tables (their 财政拨款 alone) do not hold, by 类 — the 收支总表's
    spending side (every source's money, 类 by 类: 广州市民政局 2026 spends 266,705.55 of which its fund tables
    hold 196,691.56) less the fund tables' lines: each 类's 基本支出 and 项目支出 where that side prints them
    (上海's 人员经费, 公用经费 and 项目支出 columns), else its 合计 alone; of the fund _other_funds names. None
    where that side's 类 do not make its 本年支出合计 (a row of spending no 类 beside them, beyond their
    rounding) or a fund table spends more on a 类 than it: the spending beyond the funds is then not known."""
    classes = _whole_spending_classes(result)
    table = result.tables.get(role("summary"))
    if table is None or not classes:
        return []
    fiscal, totals = _fund_classes(result), _fund_class_totals(result)
    rest = [(code, row, _class_beyond_funds(_class_parts(row, factor(result, table)), fiscal.get(code, {}),
                                            totals.get(code, Decimal(0)))) for code, row in classes]
    if any(v < 0 for _, _, parts in rest for v in parts.values()) or set(fiscal) - {code for code, _ in classes}:
        return []
    return _beyond_funds_items(_other_fund(result), rest)


def _beyond_funds_items(fund: str, rest: list[tuple[str, Row, dict[str, Decimal]]]) -> list[Tree]:
    """The function lines of the spending beyond the fund tables, a 类 each (of ``fund``), but a 类 of none."""
    return [{"科目": Placed(int(code), f"{_beyond_funds()}{row.where}（减去各资金表）"), "资金": Placed(fund),
             **{m: Placed(v) for m, v in parts.items()}} for code, row, parts in rest if any(parts.values())]


def _whole_spending_classes(result: Imported) -> list[tuple[str, Row]]:
    """The 收支总表's spending 类 (code, row), where they make its 本年支出合计 within their rounding (each 类 printed
    rounded: 深圳市民政局 2026's make 28,283.47, its 本年支出合计 28,283.46); none where they do not."""
    right = result.sides.get(role("summary"), ([], []))[1]
    classes = [(code, row) for row in right if (code := result.class_codes.get(row.label)) and row.amounts]
    total = _this_year_spending(result, right)
    if not classes or total is None \
            or abs(sum(_first(row) for _, row in classes) - total) > printed_step(result, role("summary")) * len(classes) / 2:
        return []
    return classes


def _class_beyond_funds(mine: dict[str, Decimal], funds: dict[str, Decimal], funds_total: Decimal) -> dict[str, Decimal]:
    """A 类's spending beyond the fund tables: its 基本支出 and 项目支出 each less the funds', where it prints both and
    the funds split no other way and spend no more; else (the split not known) its 合计 less the funds' total."""
    parts = {m: amount - funds.get(m, Decimal(0)) for m, amount in mine.items()}
    if set(mine) != {"基本支出", "项目支出"} or set(funds) - set(mine) or any(v < 0 for v in parts.values()):
        return {"合计": sum(mine.values(), Decimal(0)) - funds_total}
    return parts


def _beyond_funds() -> str:
    """The place of a 类 of the spending beyond the fund tables (_classes_beyond_funds): the 收支总表's."""
    return f"{role('summary')} "


def _place(item: Tree) -> str:
    code = item.get("科目")
    return code.where if isinstance(code, Placed) else ""


def _class_parts(row: Row, scale: Decimal) -> dict[str, Decimal]:
    """A 收支总表 spending 类: its 基本支出 (else 人员经费 and 公用经费) and 项目支出 where they make its 合计, else
    its 合计 (the side's first figure) alone; in the function tables' unit."""
    amounts = {m: a.value for m, a in row.amounts.items() if not a.blank}
    basic = amounts.get("基本支出")
    if basic is None and "人员经费" in amounts and "公用经费" in amounts:
        basic = amounts["人员经费"] + amounts["公用经费"]
    whole = _first(row)
    if basic is not None and "项目支出" in amounts and basic + amounts["项目支出"] == whole:
        return {"基本支出": scaled(basic, scale), "项目支出": scaled(amounts["项目支出"], scale)}
    return {"合计": scaled(whole, scale)}


def _fund_classes(result: Imported) -> dict[str, dict[str, Decimal]]:
    """The fund tables' spending by 类, in the function tables' unit: the 基本支出 and 项目支出 of the lines that
    give them, the 合计 of those that do not."""
    out: dict[str, dict[str, Decimal]] = {}
    for kind in (k for k in tablekinds.fund_tables() if k in result.tables):
        scale = factor(result, result.tables[kind])
        for row in _finest(result.rows[kind]):
            parts = out.setdefault(row.code[:3], {})
            split: dict[str, Decimal] = {m: row.amounts[m].value for m in ("基本支出", "项目支出") if m in row.amounts}
            for meaning, amount in (split or {"合计": _line_total(row)}).items():
                parts[meaning] = parts.get(meaning, Decimal(0)) + scaled(amount, scale)
    return out


def _fund_class_totals(result: Imported) -> dict[str, Decimal]:
    """The fund tables' spending by 类, in the function tables' unit: each table's 类 row's 合计 as printed,
    else the sum of its lines (广州市民政局 2026's 一般公共预算 208 printed 128,943.57, its lines 128,943.58)."""
    out: dict[str, Decimal] = {}
    for kind in (k for k in tablekinds.fund_tables() if k in result.tables):
        rows, lines = result.rows[kind], dict[str, Decimal]()
        for row in _finest(rows):
            lines[row.code[:3]] = lines.get(row.code[:3], Decimal(0)) + _line_total(row)
        printed = {row.code: row.amounts["合计"].value for row in rows if len(row.code) == 3
                   and "合计" in row.amounts and not row.amounts["合计"].blank}
        for code, amount in lines.items():
            out[code] = out.get(code, Decimal(0)) + scaled(printed.get(code, amount), factor(result, result.tables[kind]))
    return out


def _line_total(row: Row) -> Decimal:
    """A fund table's line: its 基本支出 and 项目支出, else its 合计 (a part printed blank is none)."""
    split = [row.amounts[m].value for m in ("基本支出", "项目支出") if m in row.amounts]
    if split:
        return sum(split, Decimal(0))
    return row.amounts["合计"].value if "合计" in row.amounts else Decimal(0)


def _first(row: Row) -> Decimal:
    return next(iter(row.amounts.values())).value


def _this_year_spending(result: Imported, right: list[Row]) -> Decimal | None:
    """The 收支总表's 本年支出合计 as printed, else its 支出总计 less 结转下年 (none where no such row is printed:
    the 类 are then to make 支出总计 itself)."""
    said = {result.catalog.spending_rows.get(row.label): _first(row) for row in right if row.amounts}
    if "本年支出合计" in said:
        return said["本年支出合计"]
    if "支出总计" in said:
        return said["支出总计"] - said.get("结转下年", Decimal(0))
    return None


def _fund_spending(result: Imported) -> dict[tuple[str, str], Decimal]:
    """What the fund tables spend on each (code, 基本支出 or 项目支出), added up."""
    fiscal: dict[tuple[str, str], Decimal] = {}
    for kind in tablekinds.fund_tables():
        for row in _finest(result.rows.get(kind, [])):
            for meaning in ("基本支出", "项目支出"):
                if meaning in row.amounts:
                    key = (row.code, meaning)
                    fiscal[key] = fiscal.get(key, Decimal(0)) + row.amounts[meaning].value
    return fiscal


_FISCAL_INCOME = ("一般公共预算拨款", "政府性基金预算拨款", "国有资本经营预算拨款", "财政专户管理资金")


def _other_fund(result: Imported) -> str:
    """The 资金 of what the 支出总表 spends beyond the fund tables: 财政专户 where 财政专户管理资金 is the
    only income besides the funds, 单位资金 where the department has none, else 财政专户和单位资金 (the
    document does not tell the two apart: neither's spending is known, never all one or the other)."""
    income = result.tree.get("收入", {})
    if not isinstance(income, dict):
        return "单位资金"
    own = any(isinstance(v, Placed) and v.value for k, v in income.items() if k not in _FISCAL_INCOME)
    special = income.get("财政专户管理资金")
    if own and isinstance(special, Placed) and special.value:
        return UNSPLIT_FUND
    return "单位资金" if own or special is None else "财政专户"


def _unknown_name(row: Row, year: int | None) -> bool:
    return bool(row.name) and _name_differs(row.code, row.name, year or 2025)


@functools.lru_cache(maxsize=4096)
def _name_differs(code: str, name: str, year: int) -> bool:
    """Whether the registry names ``code`` otherwise in ``year`` (or not at all): asked once per
    code and name, as an export repeats both on many rows."""
    entry = codes.function_entry(code, year) if len(code) in (3, 5, 7) else None
    return entry is None or not codes.same_name(entry.name, name)


def _function_row(result: Imported, table: Table, row: Row, fund: str) -> Tree:
    item: Tree = {"科目": Placed(int(row.code), f"{table.kind.id} {row.where}")}
    if _unknown_name(row, result.year):
        item["名称"] = Placed(row.name)
    if fund and fund != "一般公共预算":
        item["资金"] = Placed(fund)
    split = [m for m in ("基本支出", "项目支出") if m in row.amounts]
    if split:  # a part printed blank is not written: none (0 in every sum), and a table leaves it blank
        for meaning in split:
            amount = row.amounts[meaning]
            if amount.blank:
                result.used[(table.kind.id, *amount.cell)] = f"支出.功能分类 {row.code} {meaning}"
            else:
                item[meaning] = value(result, table, amount, f"支出.功能分类 {row.code} {meaning}")
        _basic_of_its_parts(result, table, row, item)
        _basic_kinds(result, table, row, item)
        _beside_basic(result, table, row, item)
        _total_beside_split(result, table, row, item)
    elif "合计" in row.amounts:
        item["合计"] = value(result, table, row.amounts["合计"], f"支出.功能分类 {row.code} 合计")
    _line_prior(result, table, row, fund, item)
    return item


def _total_beside_split(result: Imported, table: Table, row: Row, item: Tree) -> None:
    """A 项's 合计 printed a 尾数 from its 基本支出 and 项目支出, written as printed (重庆 2013304 宣传管理 121.56 | 2.54 |
    119.03; 广州国资委 2150799 637.35 | 614.36 | 23.00)."""
    if unsplit_total(row, printed_step(result, table.kind.id)):
        item["合计"] = value(result, table, row.amounts["合计"], f"支出.功能分类 {row.code} 合计")


# The spending a 支出总表 prints beside 基本支出 and 项目支出 that a function line of the source holds (FINAL_SPENDING_KINDS)
BESIDE_LINE = tuple(kind for kind in BESIDE_BASIC if kind in FINAL_SPENDING_KINDS)


def _beside_basic(result: Imported, table: Table, row: Row, item: Tree) -> None:
    """A line's 事业单位经营支出, 对附属单位补助支出 and 上缴上级支出 as its table prints them beside 基本支出 and 项目支出
    (广州, 深圳, 珠海 …): a printed 0.00 is a stated 0, a blank cell none. Not where the line's printed 合计 is its
    基本支出 and 项目支出 alone while these are not all 0 — a part of them (北京's “其中事业单位经营支出”), which no
    field holds; a 合计 that is neither is written as printed all the same, and reconcile tells it."""
    beside = [(kind, amount) for kind, amount in row.amounts.items() if kind in BESIDE_LINE]
    if not beside or _beside_is_a_part(row, [amount for _, amount in beside]):
        return
    for kind, amount in beside:
        where = f"支出.功能分类 {row.code} {kind}"
        if amount.blank:
            result.used[(table.kind.id, *amount.cell)] = where
        else:
            item[kind] = value(result, table, amount, where)


def _beside_is_a_part(row: Row, beside: list[Amount]) -> bool:
    """Whether a line's 合计 is printed as its 基本支出 and 项目支出 alone beside spending of these columns (其中)."""
    parts = [row.amounts[m] for m in ("合计", "基本支出", "项目支出") if m in row.amounts and not row.amounts[m].blank]
    if len(parts) != 3 or not any(a.value for a in beside if not a.blank):
        return False
    return parts[0].value == parts[1].value + parts[2].value


def _basic_of_its_parts(result: Imported, table: Table, row: Row, item: Tree) -> None:
    """A line of a table printing 人员经费 | 公用经费 | 项目支出 and no 基本支出 column (西安 2025's 一般公共预算支出表,
    its 专项业务经费 read as 项目支出): its 基本支出 is its 人员经费 and 公用经费 together, as a 收支总表's 类 is
    (_class_parts) — never left out as if it were 0, the line's 合计 then lost beside its 项目支出."""
    if "基本支出" in row.amounts or not {"人员经费", "公用经费"} <= set(row.amounts):
        return
    field = f"支出.功能分类 {row.code} 基本支出"
    parts = [row.amounts[meaning] for meaning in ("人员经费", "公用经费")]
    for part in parts:
        result.used[(table.kind.id, *part.cell)] = field
    printed = [part for part in parts if not part.blank]
    if printed:
        total = sum((part.value for part in printed), Decimal(0))
        item["基本支出"] = Placed(scaled(total, factor(result, table)), f"{table.kind.id} {printed[0].where}")


def _basic_kinds(result: Imported, table: Table, row: Row, item: Tree) -> None:
    """A line's 人员经费 and 公用经费 as the table prints them beside its 基本支出 (苏州, 无锡, 湖州, 杭州, 烟台 print
    基本支出 | 人员经费 | 公用经费 by function line); one printed blank is not written (the rest of 基本支出)."""
    if "基本支出" in item:
        item.update(printed_kinds(result, table, row, lambda kind: f"支出.功能分类 {row.code} {kind}"))


def _line_prior(result: Imported, table: Table, row: Row, fund: str, item: Tree) -> None:
    """A line of the 一般公共预算支出表 printed with last year's budget of it (云南's pages: 科目 | 2025年预算数 |
    2026年预算数 | 增减额): the line's 上年 — of the 一般公共预算 line alone (compute applies a line's 上年 to the
    tree of its fund only), never 上年.功能分类, the prior of the code's spending of every fund. Not a 类/款 row's
    (the loader takes a 类/款 row's 上年 into 上年.功能分类), nor the 支出总表's lines (all money), nor another
    fund's (text and render compare 一般公共预算 lines only): those columns stay told as not used; a blank cell
    stays unknown."""
    last = row.amounts.get(LAST_BUDGET)
    if fund == "一般公共预算" and len(row.code) == 7 and last is not None and not last.blank:
        item["上年"] = value(result, table, last, f"支出.功能分类 {row.code} 上年")


def _general_project_classes(result: Imported) -> list[Tree]:
    """支出.一般公共预算项目支出经济分类: the 项目支出 column of a 基本支出 table printing 一般公共预算's whole spending by
    economic class (深圳's 一般公共预算支出表（按经济分类）: 支出总计 | 基本支出 | 项目支出), each finest line's (a code no
    printed line below refines) as printed, traced, a printed 0.00 a stated 0; the 类 are their sums. None for a table
    of 基本支出 alone, or of units' lines."""
    kind = role("basic")
    table, all_rows = result.tables.get(kind), result.rows.get(kind, [])
    if table is None or not {"基本支出", "项目支出"} <= set(table.columns.values()) or unit_lines(all_rows):
        return []
    rows = _finest_lines([row for row in all_rows if row.code and not row.total and "项目支出" in row.amounts])
    return [{"科目": Placed(int(row.code), f"{kind} {row.where}"),
             "金额": value(result, table, row.amounts["项目支出"], f"支出.一般公共预算项目支出经济分类 {row.code}")}
            for row in rows if not row.amounts["项目支出"].blank]


def _economic(result: Imported, catalog: Catalog) -> Tree:
    """支出.基本支出's economic lines: the 一般公共预算基本支出表's, else those of all 财政拨款 where they are the
    一般公共预算's (fiscal_as_general)."""
    kind = role("basic") if role("basic") in result.tables or not fiscal_as_general(result, role("fiscal_basic")) \
        else role("fiscal_basic")
    table = result.tables.get(kind)
    if table is None:
        return {}
    # a 款 row, and the rows that give it to another 政府经济分类: those under it that only name one, and
    # those that print its code again in the section of another (烟台: the table set out by 政府 class)
    groups: dict[str, list[Row]] = {}
    last: list[Row] | None = None
    _one_column_is_total(result.rows[kind])
    rows, column = _basic_lines(result.rows[kind])
    for row in rows:
        last = _grouped(groups, last, row)
    lines = [_economic_item(result, table, group, catalog) for group in groups.values()]
    if not lines:
        return {}
    _printed_items(result, table, rows, groups, lines)
    _items_in_place(result, table, groups, lines)
    lines += economic_classes(result, kind, column)
    return {"经济分类": lines, **economic_costs(result, kind)}


def _grouped(groups: dict[str, list[Row]], last: list[Row] | None, row: Row) -> list[Row] | None:
    """A row of the 基本支出表 put into its 款's group (``groups``; ``last``: the group of the row before): a 款's line
    (北京's 3021101 差旅费: the 款 not printed) or row (a new group where it is printed twice, not by class; printed
    over its lines, 重庆's 30102 津贴补贴 over 3010201 规范性津补贴, it alone), or a row naming only the 政府 class
    under one; the group the next row may go on; a row of none left out."""
    if "合计" not in row.amounts:
        return last
    if len(row.code) == 7:
        last = _line_of_a_class(groups, row)
    elif len(row.code) == 5:
        last = _class_row(groups, row)
    elif not row.code and row.second and last is not None:
        last.append(row)
    return last


def _class_row(groups: dict[str, list[Row]], row: Row) -> list[Row]:
    """A 款's row into its group: a new one where the 款 is printed twice (not by class), in place of its lines
    printed before it."""
    group = groups.setdefault(row.code, [])
    if group and all(len(r.code) == 7 for r in group):
        group.clear()
    if group and not (row.second and group[0].second):
        group = groups.setdefault(f"{row.code} {len(groups)}", [])
    group.append(row)
    return group


def _printed_items(result: Imported, table: Table, rows: list[Row], groups: dict[str, list[Row]],
                   lines: list[Tree]) -> None:
    """The 目 a 款 prints under its own row (重庆: 30102 津贴补贴 592.02 over 3010201 规范性津补贴 503.79 and 3010202
    其他津补贴 88.24), written as printed under that 款's line (目), never added to it: each 7-digit row right after
    its 款's row or another 目 of it; a 目 away from its 款 is left out as before, one whose 款 is not printed (北京's
    3021101 差旅费) is that 款's line (_line_of_a_class)."""
    heads = {id(group[0]): line for group, line in zip(groups.values(), lines, strict=True)}
    under: Row | None = None
    for row in rows:
        if len(row.code) == 5:
            under = row if id(row) in heads else None
        elif _item_of(row, under):
            items = heads[id(under)].setdefault("目", [])
            assert isinstance(items, list)
            items.append(_item_line(result, table, row))
        elif row.code:
            under = None


def _items_in_place(result: Imported, table: Table, groups: dict[str, list[Row]], lines: list[Tree]) -> None:
    """The 目 a 款 is printed as, its own row not printed (北京: 3021101 差旅费 47.96 under 50201, 3021101 差旅费
    8,367.75 and 3021102 科研类差旅费 905.00 under 50502; the 款 30211 is their sum): each row as printed, under
    that 款's line (目), with the 政府 款 it is printed under."""
    for group, line in zip(groups.values(), lines, strict=True):
        if all(len(row.code) == 7 for row in group):
            line["目"] = [_item_line(result, table, row) for row in group]


def _item_line(result: Imported, table: Table, row: Row) -> Tree:
    """A 目's row as printed: its code, name and amount, and the 政府 款 it is printed under (北京); its amount traced
    to the 款's field where the 款 is it alone (北京's 3021101 差旅费 the one line of 30211)."""
    amount = row.amounts["合计"]
    placed = (Placed(scaled(amount.value, factor(result, table)), f"{table.kind.id} {amount.where}")
              if (table.kind.id, *amount.cell) in result.used
              else value(result, table, amount, f"支出.基本支出.经济分类 {row.code} 金额"))
    item: Tree = {"科目": Placed(int(row.code), f"{table.kind.id} {row.where}"), "名称": Placed(row.name), "金额": placed}
    if row.second:
        item["政府经济分类"] = Placed(int(row.second[0]), f"{table.kind.id} {row.where}")
    return item


def _item_of(row: Row, under: Row | None) -> bool:
    """Whether ``row`` is a 目 (7 digits, with an amount) of the 款 printed over it (``under``)."""
    return len(row.code) == 7 and under is not None and row.code[:5] == under.code and "合计" in row.amounts


def _line_of_a_class(groups: dict[str, list[Row]], row: Row) -> list[Row]:
    """A 款's line (7 digits) into its 款's group, unless the 款 printed itself (重庆's 30102 over 3010201…): its lines
    are in it, never added to it."""
    group = groups.setdefault(row.code[:5], [])
    if not any(len(r.code) == 5 for r in group):
        group.append(row)
    return group


def _basic_lines(rows: list[Row]) -> tuple[list[Row], str]:
    """The 基本支出 table's lines and the column of their amounts: its 合计; or, of a table of all the
    fund's spending by economic class (深圳's 一般公共预算支出表（按经济分类）: 支出总计, 基本支出, 项目支出),
    its 基本支出 (as each line's 合计), the lines of 项目支出 alone (基本支出 0.00) left out."""
    if _all_basic(rows):  # 重庆's 基本支出 | 总计 | 人员经费 | 公用经费: the first its whole
        return [_basic_as_whole(r) for r in rows], "基本支出"
    if not any("基本支出" in r.amounts and "项目支出" in r.amounts for r in rows):
        return rows, "合计"
    return [replace(r, amounts={"合计": r.amounts["基本支出"]}) for r in rows if "基本支出" in r.amounts
            and (not r.code or r.amounts["基本支出"].value)], "基本支出"


def _basic_as_whole(row: Row) -> Row:
    return replace(row, amounts={("合计" if meaning == "基本支出" else meaning): a for meaning, a in row.amounts.items()})


def _all_basic(rows: list[Row]) -> bool:
    """Whether a 基本支出 table's columns are all under 基本支出, its whole read as 基本支出 and no 合计 nor 项目支出."""
    meanings = {meaning for row in rows for meaning in row.amounts}
    return "基本支出" in meanings and not meanings & {"合计", "项目支出"}


# The columns a table may print beside its one figure of this year: last year's budget and the change from it
_BESIDE_THE_FIGURE = {"预算数", LAST_BUDGET, "增减", "增减幅度"}


def _one_column_is_total(rows: list[Row]) -> None:
    """A 基本支出 or fund table printing one column of this year's amounts, headed 预算, 预算数 or 金额 (广州's
    一般公共预算基本支出情况表, 江苏's 一般公共预算支出预算表), perhaps beside last year's and the change (云南's
    2025年预算数 | 2026年预算数 | 增减额): that column is each line's 合计, the others kept as they are."""
    if rows and all("预算数" in row.amounts and set(row.amounts) <= _BESIDE_THE_FIGURE for row in rows if row.amounts):
        for row in rows:
            if row.amounts:
                row.amounts = {("合计" if key == "预算数" else key): amount for key, amount in row.amounts.items()}


def _projects(result: Imported) -> list[Tree]:
    """支出.项目 from a 项目支出表: each project's name, this year's amount, last year's, its 科目, 资金 and the words
    printed beside its name (项目类别, 单位名称); a name printed on more than one line with no unit beside it (烟台's
    项目支出预算情况表 sets out every unit's projects, 实施公车统管费用 five times) a project each, with where it is
    printed (印于): which unit's, the table does not say."""
    table = result.tables.get(role("projects"))
    if table is None:
        return []
    rows = _project_rows(result.rows[role("projects")], table)
    columns = project_words(table)
    words = [_printed_words(table, row, columns) for row in rows]
    twice = Counter((printed.get("单位名称"), printed["名称"]) for printed in words)
    out = [_project_item(result, table, row, printed, twice[(printed.get("单位名称"), printed["名称"])] > 1)
           for row, printed in zip(rows, words, strict=True)]
    if out and not _read_whole(result.rows[role("projects")], table):
        result.told.append(_projects_not_written(table, len(out)))
        return []
    return out


def _project_rows(rows: list[Row], table: Table) -> list[Row]:
    """The rows of a 项目支出表 that are projects: a name and an amount, not the 合计 — nor a unit's subtotal
    (“901001 示例市总工会本级”), which heads its projects, nor a project's that heads those of the level below it
    (长春's 一级项目: project_levels)."""
    headings = heading_rows(table, rows, _project_amount)
    return [row for row in rows if not row.total and row.name and _project_amount(row) is not None
            and not _UNIT_ROW.match(row.name) and row.index not in headings]


def _printed_words(table: Table, row: Row, columns: dict[str, int | None]) -> dict[str, str]:
    """A project's name and the words printed beside it, by the header over them (单位名称, 项目类别): the name is
    the row's name without the unit printed left of it (杭州: “杭州市气象局 气象业务建设” is 气象业务建设 of 杭州市气象局)."""
    words = _words_in(table.grid.rows[row.index], columns)
    unit = words.get("单位名称", "")
    if unit and row.name.startswith(unit) and row.name[len(unit):].strip():
        return {**words, "名称": row.name[len(unit):].strip()}
    if not _right_of_names(table, columns["单位名称"]):  # 长春: 项目名称 | 项目单位, the name read without it
        words.pop("单位名称", None)
    return {**words, "名称": row.name}


def _words_in(cells: list[Cell], columns: dict[str, int | None]) -> dict[str, str]:
    """The words a row prints in ``columns`` (by what they are), those printed."""
    return {word: text for word, col in columns.items() if col is not None and col < len(cells) and (text := cell_text(cells[col]))}


def _right_of_names(table: Table, col: int | None) -> bool:
    """Whether column ``col`` is printed right of every column of the table's names (长春's 项目单位)."""
    names = [c for c, meaning in table.columns.items() if meaning == "名称"]
    return col is not None and bool(names) and col > max(names)


def _project_item(result: Imported, table: Table, row: Row, words: dict[str, str], twice: bool) -> Tree:
    """A project of the 项目支出表: its name, this year's amount, last year's where printed, its 科目, 资金, 类别 and
    单位名称 where printed, where printed if its name is printed again."""
    amount = _project_amount(row) or Amount(Decimal(0), row.where, blank=True)
    name = words["名称"]
    item: Tree = {"名称": Placed(name, f"{table.kind.id} {row.where}"),
                  "金额": value(result, table, amount, f"支出.项目 {name} 金额")}
    if "上年预算数" in row.amounts:
        item["上年"] = value(result, table, row.amounts["上年预算数"], f"支出.项目 {name} 上年")
    if row.function_code:
        item["科目"] = Placed(int(row.function_code))
    return {**item, **_project_beside(result, table, row, words), **({"印于": Placed(row.where)} if twice else {})}


def _project_beside(result: Imported, table: Table, row: Row, words: dict[str, str]) -> Tree:
    """What a 项目支出表 prints beside a project's amount: its 资金 (the funds' cells printed), 类别 and 单位名称."""
    item: Tree = {}
    funds: Tree = {fund: value(result, table, row.amounts[fund], f"支出.项目 {words['名称']} {fund}")
                   for fund in PROJECT_FUNDS if fund in row.amounts and not row.amounts[fund].blank}
    if funds:
        item["资金"] = funds
    for key, word in (("类别", "项目类别"), ("单位名称", "单位名称")):
        if word in words:
            item[key] = Placed(words[word])
    return item


def _projects_not_written(table: Table, read: int) -> str:
    """Why the 项目支出表's projects, read and reconciled, are not written as the source's 支出.项目."""
    why = "读出的项目之和与表中印出的合计不符，只读出了其中一部分"
    return f"{table.kind.id}（{table.grid.shown}）读出的 {read} 个项目没有写入源文件：{why}；请按原表核对后自行填写“支出.项目”"


def _read_whole(rows: list[Row], table: Table) -> bool:
    """Whether the projects read add up to the 合计 row the table prints (none printed: nothing says otherwise) —
    烟台市文化和旅游局 2026's 表11 is read only as far as a project whose name wraps onto a second line (9,486.46 of
    the 9,798.66 it prints): the rest are not known, and a list of some of them is no list of the document's."""
    total = next((r for r in rows if r.total and _project_amount(r) is not None), None)
    if total is None:
        return True
    listed = _projects_listed(rows, heading_rows(table, rows, _project_amount))
    step = Decimal("0.01") if table.unit == "万元" else Decimal(1)
    printed = _project_amount(total)
    return printed is not None and abs(sum(listed, Decimal(0)) - printed.value) <= step * (len(listed) + 1) / 2


def _projects_listed(rows: list[Row], headings: set[int]) -> list[Decimal]:
    """The amounts of the projects a 项目支出表 lists (its 合计 row, a unit's row and a row heading projects
    none of them)."""
    return [amount.value for r in rows if not r.total and r.name and not _UNIT_ROW.match(r.name)
            and r.index not in headings and (amount := _project_amount(r)) is not None]


def _project_amount(row: Row) -> Amount | None:
    """A project's amount this year: its 预算数; where the table sets its funds out beside their sum and prints no
    预算数 (烟台's 项目支出预算情况表: 合计, 财政拨款 小计, 一般公共预算 …, 单位资金), its 合计."""
    return row.amounts.get("预算数") or row.amounts.get("合计")


def partial_projects(result: Imported, spending: Tree, projects: list[Tree]) -> None:
    """A 项目支出表 that lists fewer projects than the spending tables' 项目支出 (a document that sets out
    some of its projects): that 项目支出, as the 合计 row prints it, is written beside the list, which
    check then knows for a part (R-项目支出合计 warns) rather than for the whole (R-项目支出一致)."""
    found = _projects_total(result) if "项目支出" not in spending else None
    if found is None:
        return
    kind, printed = found
    if _listed(projects) < scaled(printed.value, factor(result, result.tables[kind])):
        spending["项目支出"] = value(result, result.tables[kind], printed, "支出.项目支出")


def _projects_total(result: Imported) -> tuple[str, Amount] | None:
    """The 项目支出 the 合计 row of the 支出总表 (else the 一般公共预算支出表's, where all the money is that fund's —
    beside other money it is not all of it: 深圳市人社局 2026 without its 支出总表) prints, with its table."""
    kind = next((k for k in (role("spending"), fund_table("一般公共预算")) if _total_row(result, k)), None)
    if kind == fund_table("一般公共预算") and not general_alone(result):
        return None
    total = _total_row(result, kind) if kind is not None else None
    if kind is None or total is None or "项目支出" not in total.amounts:
        return None
    return kind, total.amounts["项目支出"]


def _listed(projects: list[Tree]) -> Decimal:
    """The projects' amounts together."""
    amounts = [p.get("金额") for p in projects]
    return sum((a.value for a in amounts if isinstance(a, Placed) and isinstance(a.value, Decimal)), Decimal(0))


def _total_row(result: Imported, kind: str) -> Row | None:
    return next((r for r in result.rows.get(kind, []) if r.total and r.amounts), None)


def _stated_totals(result: Imported, spending: Tree) -> None:
    """A table with no coded rows, only its 合计 (a document publishing totals): the totals as the
    source states them — 基本支出.合计 and 项目支出, or 合计 alone; 人员经费 and 公用经费 likewise. A 支出总表
    of one row of figures is all the spending's, before any fund's table (江苏省政协办公厅 2019: its 13,377.11
    with 其他资金, not the 一般公共预算支出表's 13,297.11)."""
    kind = next((k for k in (role("spending"), fund_table("一般公共预算")) if _total_row(result, k)
                 and not unit_lines(result.rows.get(k, []))), None)
    if kind == fund_table("一般公共预算") and not general_alone(result):
        kind = None  # that fund's totals, beside other money (深圳市人社局 2026 without its 支出总表): not all of it
    if kind != role("spending") and (printed := _lone_totals(result)):
        _printed_spending(result, spending, printed)
    elif kind is not None:
        _stated_spending(result, kind, spending)
    elif role("spending") not in result.rows:
        _side_total(result, spending)
    _stated_basic_costs(result, spending)


def _stated_basic_costs(result: Imported, spending: Tree) -> None:
    """人员经费 and 公用经费 as the 基本支出表's 合计 row states them, where the basic spending is not written by
    economic class and that row is of the basic spending written."""
    economic = _total_row(result, role("basic"))
    basic_node = spending.get("基本支出")
    itemised = isinstance(basic_node, dict) and "经济分类" in basic_node
    if economic is not None and not itemised and "人员经费" in economic.amounts and _same_basic(result, economic, basic_node):
        _stated_costs(result, economic, spending)


def _side_total(result: Imported, spending: Tree) -> None:
    """支出.合计 as the 收支总表's spending side prints its 本年支出合计, where no spending table's total is all
    the money's (a document without its 支出总表, its function rows printed by unit)."""
    table = result.tables.get(role("summary"))
    right = result.sides.get(role("summary"), ([], []))[1]
    row = next((r for r in right if r.amounts and result.catalog.spending_rows.get(r.label) == "本年支出合计"), None)
    if table is not None and row is not None and not (amount := next(iter(row.amounts.values()))).blank:
        spending["合计"] = value(result, table, amount, "支出.合计")


def _same_basic(result: Imported, economic: Row, basic: object) -> bool:
    """Whether the 基本支出 table's 合计 is the 基本支出 stated from another table (none stated and no 支出总表
    read: it is), and that table's 人员经费 and 公用经费 its parts (economic_whole)."""
    stated = basic.get("合计") if isinstance(basic, dict) else None
    if not isinstance(stated, Placed):  # a 支出总表 read without its 合计: its 基本支出 is not known
        return role("spending") not in result.rows
    return economic_whole(result, stated)


def economic_whole(result: Imported, stated: Placed) -> bool:
    """Whether the 一般公共预算基本支出表's 合计 row prints the 基本支出 ``stated`` (within the tails of its
    lines; a table printing no 合计: it is taken so): a 总表's 合计 of every fund beside the 一般公共预算's
    (北京: 45,980.56 of all funds, 45,537.41 of the 一般公共预算; 广州: 68,692.51 with 单位资金, 62,505.64) is
    another whole, its economic lines and their 人员经费 and 公用经费 not the parts of it."""
    kind = role("basic")
    economic = _total_row(result, kind)
    if economic is None or "合计" not in economic.amounts or not isinstance(stated.value, Decimal):
        return True
    scale = factor(result, result.tables[kind])
    lines = sum(1 for row in result.rows[kind] if row.code)
    tail = printed_step(result, kind) * scale * (lines + 1) / 2
    return abs(stated.value - scaled(economic.amounts["合计"].value, scale)) <= tail


def _whole_total(result: Imported, spending: Tree) -> None:
    """支出.合计 as the 支出总表's 合计 row prints it, beside its 基本支出 and 项目支出, where its rows are not
    written (spending_by_fund_unknown): no function row makes it."""
    total = _total_row(result, role("spending"))
    if total is not None and "合计" not in spending and "合计" in total.amounts and not total.amounts["合计"].blank:
        spending["合计"] = value(result, result.tables[role("spending")], total.amounts["合计"], "支出.合计")


def _stated_spending(result: Imported, kind: str, spending: Tree) -> None:
    """A spending table's 合计 row: 基本支出.合计 and 项目支出 where it splits them, else 合计 alone."""
    table, total = result.tables[kind], _total_row(result, kind)
    assert total is not None
    basic = spending.setdefault("基本支出", {})
    assert isinstance(basic, dict)
    if "基本支出" in total.amounts and "项目支出" in total.amounts:
        basic["合计"] = value(result, table, total.amounts["基本支出"], "支出.基本支出.合计")
        spending["项目支出"] = value(result, table, total.amounts["项目支出"], "支出.项目支出")
    elif "合计" in total.amounts:
        spending["合计"] = value(result, table, total.amounts["合计"], "支出.合计")
    if not basic:
        del spending["基本支出"]


def _stated_costs(result: Imported, economic: Row, spending: Tree) -> None:
    """The 基本支出 table's 合计 row: its 人员经费 and 公用经费."""
    table = result.tables[role("basic")]
    basic = spending.setdefault("基本支出", {})
    assert isinstance(basic, dict)
    for meaning in ("人员经费", "公用经费"):
        if meaning in economic.amounts:
            basic[meaning] = value(result, table, economic.amounts[meaning], f"支出.基本支出.{meaning}")


def _economic_item(result: Imported, table: Table, group: list[Row], catalog: Catalog) -> Tree:
    """One 款 of the 部门经济分类: a row; or the rows of one 部门 款 to several 政府 款, or of the 款's own lines
    (7-digit codes, 北京's 3021101 差旅费, 3021503 三类会议费: the 款 is 30211, 30215), its amount theirs together
    as printed one by one."""
    row = group[0]
    code = row.code[:5]
    item: Tree = {"科目": Placed(int(code), f"{table.kind.id} {row.where}")}
    if len(group) == 1:
        item["金额"] = value(result, table, row.amounts["合计"], f"支出.基本支出.经济分类 {code} 金额")
    else:
        item["金额"] = _together(result, table, group)
    if _unknown_economic_name(row, result.year):
        item["名称"] = Placed(row.name)
    _government_classes(result, table, group, item)
    if len(group) == 1:
        _economic_split(result, table, row, item)
    outside = [r for r in group if len(r.code) == 7 and any(w in normalized(r.name) for w in catalog.outside_three_public)]
    if outside:
        item["不计入三公"] = _together(result, table, outside)
    return item


def _unknown_economic_name(row: Row, year: int | None) -> bool:
    """Whether a 款's row prints a name the registry does not give its code (that year's, else 2025's)."""
    entry = codes.economic_entry(row.code[:5], year or 2025)
    return bool(row.name) and len(row.code) == 5 and (entry is None or not codes.same_name(entry.name, row.name))


def _government_classes(result: Imported, table: Table, group: list[Row], item: Tree) -> None:
    """A 部门 款's 政府经济分类: each 政府 款 its rows are of, with its amount, where they are of several; the one
    they are of where it is not the 部门 款's default one."""
    row, code = group[0], group[0].code[:5]
    government: dict[str, list[Row]] = {}
    for r in group:
        if r.second:
            government.setdefault(r.second[0], []).append(r)
    if len(government) > 1:
        item["政府经济分类"] = {gov: value(result, table, rs[0].amounts["合计"], f"支出.基本支出.经济分类 {code} {gov}")
                           if len(rs) == 1 else _together(result, table, rs) for gov, rs in government.items()}
    elif government and next(iter(government)) != codes.default_government_code(code):
        item["政府经济分类"] = Placed(int(next(iter(government))), f"{table.kind.id} {row.where}")


def _together(result: Imported, table: Table, rows: list[Row]) -> Placed:
    """The amount of ``rows`` together, as printed one by one, placed at the first."""
    return Placed(sum((scaled(r.amounts["合计"].value, factor(result, table)) for r in rows), Decimal(0)),
                  f"{table.kind.id} {rows[0].where}")


def _economic_split(result: Imported, table: Table, row: Row, item: Tree) -> None:
    """人员经费/公用经费 of a 款 are written only where the table splits it otherwise than by its class."""
    personnel, public = row.amounts.get("人员经费"), row.amounts.get("公用经费")
    if personnel is None or public is None:
        return
    kind = economic_kind(row.code)
    default = (row.amounts["合计"].value, Decimal(0)) if kind == "人员经费" else (Decimal(0), row.amounts["合计"].value)
    if kind is None or (personnel.value, public.value) != default:
        item["人员经费"] = value(result, table, personnel, f"支出.基本支出.经济分类 {row.code} 人员经费")
        item["公用经费"] = value(result, table, public, f"支出.基本支出.经济分类 {row.code} 公用经费")


def three_public_rows(result: Imported, kind: str = "") -> tuple[Row | None, Row | None]:
    """The “三公” table's row of this year and of last year: rows labelled by year (“2021年”,
    “2022年”, as the national table has them), else its one row of figures (Shanghai's)."""
    kind = kind or role("three_public")
    rows = _three_public_figures(result, kind)
    if (table := result.tables.get(kind)) is not None and table.items:
        return _turned_row(table, rows), None
    year = result.year if result.year is not None else _labelled_year(rows)
    of_years = _rows_of_years(rows, year) if year is not None else None
    return of_years if of_years is not None else (next((r for r in rows if not r.label), _units_total(result, kind)), None)


def _units_total(result: Imported, kind: str) -> Row | None:
    """The row labelled 合计 that a “三公” table prints first, above its units' rows that add up to it (杭州市气象局 2026:
    合计 24.02 over 杭州市气象局 13.13 and 杭州市气象服务中心 10.89): the department's figures; None where it prints none."""
    first = next((r for r in result.rows.get(kind, []) if r.amounts), None)
    return _items_of_funds(first) if first is not None and first.total and first.label == "合计" else None


def _three_public_figures(result: Imported, kind: str) -> list[Row]:
    """The “三公” table's rows of figures but its totals, each item's figure told apart from its funds'."""
    return [_items_of_funds(r) for r in result.rows.get(kind, []) if r.amounts and not r.total]


def _rows_of_years(rows: list[Row], year: int) -> tuple[Row | None, Row | None] | None:
    """The rows labelled by the year and by the year before (“2022年”, “2021年”); None where neither is."""
    this = next((r for r in rows if r.label.startswith(f"{year}年")), None)
    last = next((r for r in rows if r.label.startswith(f"{year - 1}年")), None)
    return (this, last) if this is not None or last is not None else None


def _labelled_year(rows: list[Row]) -> int | None:
    """No year stated yet (深圳's titles name none: the cover does, read later): the later of two rows labelled by
    years one after the other — this year's beside last year's, as a budget sets them; None otherwise."""
    labelled = {int(found.group(1)) for r in rows if (found := _YEAR_LABEL.match(r.label))}
    return max(labelled) if len(labelled) == 2 and max(labelled) - min(labelled) == 1 else None


def _turned_row(table: Table, rows: list[Row]) -> Row | None:
    """The one row of items of a table printed turned (recognize.turned_items): each item's figure in
    its row's 合计 column (where the table prints none, its 预算数: recognize.turned_figure), with its place;
    its figure of last year's budget where a column prints it (云南昌宁县卡斯镇 2024: 2023年预算数 | 2024年预算数)."""
    figure = turned_figure(table)
    amounts = {table.items[r.index]: r.amounts[figure] for r in rows
               if r.index in table.items and figure in r.amounts}
    amounts |= _last_budgets(table, rows, amounts)
    first = min((r for r in rows if r.index in table.items), key=lambda r: r.index, default=None)
    return Row(first.index, first.where, amounts=amounts) if first is not None and amounts else None


def _last_budgets(table: Table, rows: list[Row], amounts: dict[str, Amount]) -> dict[str, Amount]:
    """Each item's figure of last year's budget, where its row prints one (keyed 上年预算数·item), of the items read."""
    return {f"{LAST_BUDGET}·{table.items[r.index]}": r.amounts[LAST_BUDGET] for r in rows
            if r.index in table.items and table.items[r.index] in amounts and LAST_BUDGET in r.amounts}


def _items_of_funds(row: Row) -> Row:
    """A “三公” row whose items are printed by fund (深圳: “因公出国（境）费·一般公共预算” …) with each item
    as the one fund's figure that is not zero, the others printed zero (as the fund's cell prints it;
    0.00 where all are); an item two funds spend on is no one figure printed, and is left out."""
    by_item = _by_item(row)
    if not by_item:
        return row
    items = {}
    for item, amounts in by_item.items():
        spent = [a for a in amounts if not a.blank and a.value]
        if len(spent) <= 1:
            items[item] = spent[0] if spent else amounts[0]
    return replace(row, amounts={**items, **row.amounts})  # an item's own column, where printed too, is its


def _by_item(row: Row) -> dict[str, list[Amount]]:
    """A “三公” row's figures printed by fund (“因公出国（境）费·一般公共预算”), by item."""
    by_item: dict[str, list[Amount]] = {}
    for key, amount in row.amounts.items():
        item, _, fund = key.partition("·")
        if item in ITEMS and fund in FUND_COLUMNS:
            by_item.setdefault(item, []).append(amount)
    return by_item


def _three_public(result: Imported, tree: Tree, kind: str) -> None:
    table = result.tables.get(kind)
    this, last = three_public_rows(result, kind)
    if table is None or this is None:
        return
    executed = last is not None and "执行" in last.label  # “2023年执行数”: last year's spending, not its budget
    section = _three_public_section(result, table, (this, last), executed)
    if section:
        tree["三公经费"] = section | _three_public_funds(result, table, kind, (this, None if executed else last))
    tree.update(_administrative(result, table, kind))
    if lines := _beside_three(result, table, this):
        tree["经济分类款预算"] = lines
    if executed and last is not None:
        tree["上年执行数"] = {"三公经费": _spent_last_year(result, table, last)}
    if "机关运行经费" in this.amounts:
        tree["机关运行经费"] = _running_beside_three(result, table, this, last)


ADMINISTRATIVE = "行政经费"  # the row a turned “三公” table prints above its items (广州, 珠海: 导入.yaml 三公经费各行)


def _administrative(result: Imported, table: Table, kind: str) -> Tree:
    """{行政经费: …}: the row of that name a turned “三公” table prints (广州, 珠海: 行政经费 | 合计 | 一般公共预算 | …) —
    its 合计 as 本年, its funds as 按资金, as printed; {} where the table prints none (or its 合计 cell is blank)."""
    row = next((r for r in result.rows.get(kind, []) if table.items.get(r.index) == ADMINISTRATIVE), None)
    total = row.amounts.get(turned_figure(table)) if row is not None else None
    if row is None or total is None or total.blank:
        return {}
    funds = _funds(result, table, row.amounts, f"{ADMINISTRATIVE}.按资金")
    return {ADMINISTRATIVE: {"本年": value(result, table, total, f"{ADMINISTRATIVE}.本年"),
                             **({"按资金": funds} if funds else {})}}


def _three_public_funds(result: Imported, table: Table, kind: str, rows: tuple[Row, Row | None]) -> Tree:
    """三公经费.按资金 and 上年按资金 (``rows``: this year's, last year's budget's), where the table prints them."""
    this, last = rows
    funds: Tree = {}
    if by_fund := _three_public_by_fund(result, table, kind, this):
        funds["按资金"] = by_fund
    if last is not None and (by_fund := _by_fund_tree(result, table, _funds_of_items(last), "上年按资金")):
        funds["上年按资金"] = by_fund
    return funds


def _three_public_by_fund(result: Imported, table: Table, kind: str, this: Row) -> Tree:
    """三公经费.按资金: this year's figure of each item by fund, where the table prints its funds apart — its columns
    “item·fund” (深圳: each item over the three funds) or, printed turned, the funds' columns of an item's row (广州,
    珠海: 合计 | 一般公共预算 | 政府性基金预算 | 国有资本经营预算); a blank cell is no figure, and is left out."""
    found = _funds_of_items(this)
    for row in result.rows.get(kind, []) if table.items else []:
        if (item := table.items.get(row.index)) in ITEMS:
            found[item] = {fund: row.amounts[fund] for fund in FUND_COLUMNS if fund in row.amounts}
    return _by_fund_tree(result, table, found, "按资金")


def _by_fund_tree(result: Imported, table: Table, found: dict[str, dict[str, Amount]], key: str) -> Tree:
    """三公经费.按资金 (or 上年按资金): the figures ``found`` by item and fund, in the items' order, blank cells left out."""
    by_fund: Tree = {}
    for item in ITEMS:
        name = _SOURCE_ITEM.get(item, item)
        if funds := _funds(result, table, found.get(item, {}), f"三公经费.{key}.{name}"):
            by_fund[name] = funds
    return by_fund


def _funds(result: Imported, table: Table, amounts: dict[str, Amount], path: str) -> Tree:
    """The funds' figures of ``amounts`` (一般公共预算, 政府性基金, 国有资本经营), in that order, blank cells left out."""
    return {fund: value(result, table, amounts[fund], f"{path}.{fund}") for fund in FUND_COLUMNS
            if fund in amounts and not amounts[fund].blank}


_SOURCE_ITEM = {ITEMS[0]: "合计"}  # the table's own total (“三公”合计) is the source's 三公经费.合计


def _funds_of_items(row: Row) -> dict[str, dict[str, Amount]]:
    """A “三公” row's figures printed by fund (“因公出国（境）费·一般公共预算”), by item and fund."""
    found: dict[str, dict[str, Amount]] = {}
    for key, amount in row.amounts.items():
        item, _, fund = key.partition("·")
        if item in ITEMS and fund in FUND_COLUMNS:
            found.setdefault(item, {})[fund] = amount
    return found


def _spent_last_year(result: Imported, table: Table, last: Row) -> Tree:
    """Each item of the “三公” row of last year's spending (“2023年执行数”)."""
    return {item: value(result, table, last.amounts[item], f"上年执行数.三公经费.{item}")
            for item in THREE_PUBLIC_ITEMS if item in last.amounts}


def _running_beside_three(result: Imported, table: Table, this: Row, last: Row | None) -> Tree:
    """机关运行经费 the “三公” table prints beside its items: this year's, and last year's budget under its header."""
    running: Tree = {"本年": value(result, table, this.amounts["机关运行经费"], "机关运行经费.本年")}
    if (prior := _under_last_budget(this, last, "机关运行经费")) is not None:
        running["上年"] = value(result, table, prior, "机关运行经费.上年")
    return running


def _three_public_section(result: Imported, table: Table, rows: tuple[Row, Row | None], executed: bool) -> Tree:
    """三公经费: each item's figure of this year (``rows``: this year's, last year's), and of last year's budget — its
    row's (not where that row is last year's spending: ``executed``), else, no row of last year printed, the column
    under last year's budget."""
    this, last = rows
    section: Tree = {}
    for item in _three_public_items(this):
        entry: Tree = {"本年": value(result, table, this.amounts[item], f"三公经费.{item}.本年")}
        if last is not None and item in last.amounts and not executed:
            entry["上年"] = value(result, table, last.amounts[item], f"三公经费.{item}.上年")
        elif (prior := _under_last_budget(this, last, item)) is not None:
            entry["上年"] = value(result, table, prior, f"三公经费.{item}.上年")
        section[item] = entry
    return section


def _beside_three(result: Imported, table: Table, this: Row) -> list[Tree]:
    """经济分类款预算: the 款 a “三公” table prints beside its items (江苏's 会议费, 培训费), each as the 一般公共预算's by the
    code the registry gives its name (one code only); a blank cell is no figure, and is left out (never 0)."""
    named = codes.codes_by_name("经济分类")
    lines: list[Tree] = []
    for name in BESIDE_THREE:
        amount = this.amounts.get(name)
        found = named.get(name, frozenset())
        if amount is None or amount.blank or len(found) != 1:
            continue
        code = next(iter(found))
        lines.append({"科目": Placed(code), "本年": value(result, table, amount, f"经济分类款预算 {code}.本年"),
                      "资金": Placed(THREE_PUBLIC_FUND)})
    return lines


def _under_last_budget(this: Row, last: Row | None, item: str) -> Amount | None:
    """An item's figure of last year's budget that this year's row prints under a group header (烟台's “三公”
    table: 2025年预算数 over its first six columns, recognize._of_year) — where no row of last year is printed."""
    return this.amounts.get(f"{LAST_BUDGET}·{item}") if last is None else None


_VEHICLES = "公务用车购置及运行维护费"


def _three_public_items(this: Row) -> list[str]:
    """The items the row prints, the vehicles' sum among them where it does not print both its parts."""
    items = [i for i in THREE_PUBLIC_ITEMS if i in this.amounts]
    if _VEHICLES in this.amounts and not ("公务用车购置费" in this.amounts and "公务用车运行维护费" in this.amounts):
        items.append(_VEHICLES)
    return items


# The import builders a definition's 导入.构建 names (reportgen/tablekinds/*.yaml), as its 构建 names its render builder
# (tables/registry.py BUILDERS): each writes the fields of the kind it is given. Run in this order, after 收入 and 支出.
IMPORT_BUILDERS = {
    "general_prior": _general_prior,
    "three_public": _three_public,
    "running_costs": _running_costs,
    "procurement": _procurement,
}
