"""The shapes of a published document's tables, learned per table kind (`reportgen import … --learn-layout DIR`,
issue 80: learned_layout): 表格.X of each table printed otherwise than the base layout's — its columns as printed and
under the render's names, its rows in the document's words (行名), the variant it is printed in (the 基本支出表 by
部门经济分类, the 收入总表 by function lines or by units, a turned “三公” table), its lines' levels, classes, subtotals and
total row.

Its parts: the 收支 tables' and the 基本支出表's shapes (learned_summary_shapes) and the function tables' and the lines'
(learned_function_shapes); this module holds the 收入总表's, the “三公” table's and the lists' and puts them together."""

from __future__ import annotations

from typing import Any

from reportgen import tablekinds
from reportgen.docmodel.model import PROJECT_FUNDS, YEAR_INCOME
from reportgen.importing.budget.build import held_as_printed
from reportgen.importing.budget.printed_parts import part_of
from reportgen.importing.budget.reconcile import YEAR_TOTAL, YEAR_TOTALS
from reportgen.importing.budget.table_lines import (
    SPLIT,
    UNIT_INCOME_COLUMN,
    UNITS,
    department_again,
    lines_form,
    printed_columns,
)
from reportgen.importing.learning.tables.learned_function_shapes import _one_label_each, _total_words
from reportgen.importing.learning.tables.learned_summary_shapes import _basic_columns, _basic_variant, _summary_shapes
from reportgen.importing.recognition.catalog import Catalog, normalized
from reportgen.importing.recognition.imported import Imported
from reportgen.importing.recognition.printed_totals import INCOME_COLUMN
from reportgen.importing.recognition.recognize import LAST_BUDGET, Table, cell_text, project_words
from reportgen.importing.recognition.rows import Row
from reportgen.shaping import layouts
from reportgen.source.printed_parts import PART
from reportgen.tablekinds import role
from reportgen.tables import BESIDE_COLUMNS, INCOME_TABLE
from reportgen.tables.procurement_lines import PROCUREMENT_COLUMNS
from reportgen.tables.specs import (
    ACROSS_ITEMS,
    INCOME_CARRIED,
    INCOME_OWN_COLUMNS,
    NAME_COLUMN,
    THREE_PUBLIC_COLUMNS,
    TURNED_ROWS,
)
from reportgen.tables.table_lines import LINE_COLUMNS


def _table_shapes(imported: Imported, settings: dict[str, Any]) -> None:
    """表格.X of the tables printed otherwise than the base's, into ``settings``: the 收入总表 by function lines, the
    基本支出表 without 政府经济分类, each table's rows in the document's words (行名), the 收支 tables' shapes."""
    if (income := _income_settings(imported)):
        settings.setdefault("表格", {})[role("income")] = income
    if (variant := _basic_variant(imported)):  # 长春: its 部门经济分类 form with the columns it prints (当年预算 …)
        printed = _basic_columns(imported) if variant == "部门经济分类" else {}
        settings.setdefault("表格", {})[role("basic")] = {"基于": f"{role('basic')}-{variant}", **printed}
    for kind, rows in _row_names(imported).items():
        settings.setdefault("表格", {}).setdefault(kind, {})["行名"] = rows
    for kind, shape in _summary_shapes(imported).items():  # the 收支 tables' 层级, 类, 小计行, 列
        settings.setdefault("表格", {}).setdefault(kind, {}).update(shape)
    for kind in held_as_printed(imported):  # 国家信访局's 支出总表 and 一般公共预算支出表: their lines as printed
        settings.setdefault("表格", {})[kind] = _held_shape(imported, kind)
    if (spent := _income_by_unit(imported, role("spending"))):  # 西安: each unit's spending by source (表行 单位)
        settings.setdefault("表格", {})[role("spending")] = spent
    _list_shapes(imported, settings)


def _income_settings(imported: Imported) -> dict[str, Any]:
    """表格.收入总表 of a 收入总表 printed otherwise than the base's; {} for one printed as it."""
    if _income_by_function(imported):  # 烟台, 重庆, 长沙: the 收入总表's rows are the function lines
        return _income_shape(imported)
    if (by_unit := _income_by_unit(imported)):  # 广州, 泉州, 杭州: the units' rows (表行 单位)
        return by_unit
    department = {"部门行": layouts.DEPARTMENT_TOTAL, **_department_words(imported)} if _department_as_total(imported) else {}
    if (carried := _income_carried(imported)):  # 长春: 上年结转 小计 | 一般公共预算 | … | 单位资金
        return {"列": carried, **department}
    own = _income_printed(imported)  # 福州: 合计 | 一般公共预算拨款收入 | … | 上年结转结余, no 小计
    return {"列": own, **department} if own else department


def _department_as_total(imported: Imported) -> bool:
    """Whether the 收入总表's total row (its only one) is the department's own, printed under its name and not again
    (深圳: 深圳市民政局（本级） 28,283.46 …, or 深圳市人力资源和社会保障局 571,347.93 … over its units' rows): the render's
    合计 row then the department's, its row not printed again under it (部门行: 即合计). So too a table printing the
    department's one row and no 合计 over it (长春: “105001 | 长春市信访局 | 1682.76 …”; 国家信访局: one line of figures
    under the header, no name): the render's 合计 and department's rows were the same figures twice, the 合计 printed
    where the document prints none (17 and 5 figures)."""
    rows = [row for row in imported.rows.get(role("income"), []) if row.amounts]
    totals = [row for row in rows if row.total]
    if not totals:  # the department's one row, no 合计 over it (长春, 国家信访局): the whole of the table
        return _departments_one_row(imported, rows)
    return len(totals) == 1 and bool(imported.department) and _named_as_department(imported, rows) == totals


def _named_as_department(imported: Imported, rows: list[Row]) -> list[Row]:
    """Those of ``rows`` named as the department."""
    return [row for row in rows if normalized(row.label or row.name) == normalized(imported.department)]


def _departments_one_row(imported: Imported, rows: list[Row]) -> bool:
    """Whether ``rows`` (a 收入总表's rows of figures, none a total) are one, the department's: its name, or none."""
    if len(rows) != 1 or not imported.department:
        return False
    return [normalized(text) for text in _words_printed(imported, rows[0])] in ([], [normalized(imported.department)])


def _department_words(imported: Imported) -> dict[str, Any]:
    """行名 of a 收入总表 whose one row, no 合计 over it, prints the department's name (长春: “105001 | 长春市信访局 |
    1682.76 …”): its 合计 row under the name as printed; {} for one printing none (国家信访局: a line of figures) or a
    合计 row (深圳's words are its total row's: _row_names)."""
    rows = [row for row in imported.rows.get(role("income"), []) if row.amounts]
    names = _words_printed(imported, rows[0]) if len(rows) == 1 and not rows[0].total else []
    return {"行名": {"合计": names[0]}} if len(names) == 1 else {}


def _words_printed(imported: Imported, row: Row) -> list[str]:
    """The words a 收入总表's row prints in the columns of no figure: its name (a code is a figure's: 单位编码)."""
    table = imported.tables.get(role("income"))
    cells = table.grid.rows[row.index] if table is not None else []
    return [text for col, cell in enumerate(cells) if table is not None and col not in table.columns
            and (text := cell_text(cell).strip())]


def _income_carried(imported: Imported) -> list[str]:
    """表格.收入总表.列 of a 收入总表 printing its 上年结转 by fund after it (长春: 上年结转 小计 | 一般公共预算 | … |
    单位资金, read as 上年结转·一般公共预算 …): those columns under the names 列 gives them (INCOME_CARRIED), in order."""
    table = imported.tables.get(role("income"))
    meanings = set(table.columns.values()) if table else set()
    return [name for meaning, name in INCOME_CARRIED.items() if meaning in meanings]


def _income_printed(imported: Imported) -> list[str]:
    """表格.收入总表.列 of a 收入总表 printed by the department's row without its 本年收入 小计 (福州: 合计 | 一般公共预算
    拨款收入 | … | 其他收入 | 上年结转结余): the columns it prints under the render's names, as a 收入总表 by its units'
    lines lists them (UNIT_INCOME_COLUMN: 广州, 泉州), in order — its 收入总计 the render's 合计 (深圳: 预算单位 | 收入总计 |
    一般公共预算拨款 | … | 上年结余、结转); [] where it prints the 小计 (the render's own table) or a column the render's
    table has not (财政拨款收入, 财政专户管理资金's parts)."""
    table = imported.tables.get(role("income"))
    if table is None:
        return []
    printed = [_own_income_column(table.columns[col]) for col in sorted(table.columns)
               if table.columns[col] not in _INCOME_LABELS]
    if "合计" not in printed or YEAR_INCOME in printed or len(set(printed)) != len(printed):
        return []
    return printed if printed == [name for name in INCOME_OWN_COLUMNS if name in printed] else []


def _own_income_column(meaning: str) -> str:
    """The render's name of a 收入总表's column printed by the department's row: its 收入总计 the 合计, else as a 收入总表
    by its units' lines names it (UNIT_INCOME_COLUMN); "" for none."""
    return _GRAND_INCOME.get(meaning) or UNIT_INCOME_COLUMN.get(meaning, "")


def _held_shape(imported: Imported, kind: str) -> dict[str, Any]:
    """A function table whose lines the source holds as printed (build.held_as_printed): printed from them, code and
    name in two cells (表行 分列), with the columns it prints in its order (列: importing/budget/table_lines.py's
    printed_columns, under the render's names)."""
    columns = printed_columns(imported.tables[kind], imported.year).values()
    printed = [BESIDE_COLUMNS.get(column, column) for column in columns]
    return {"表行": SPLIT, "列": [column for column in printed if column in LINE_COLUMNS]}


def _list_shapes(imported: Imported, settings: dict[str, Any]) -> None:
    """表格.X of the lists printed otherwise than the base's, into ``settings``: the “三公” table turned, across or by
    fund, the 项目支出表's columns, the 政府采购预算表 by function line."""
    if turned := _three_public_shape(imported):
        settings.setdefault("表格", {}).setdefault(role("three_public"), {}).update(turned)
    if columns := _project_columns(imported):  # 烟台: 项目类别 | 合计 | 财政拨款 | 一般公共预算 | … | 上年结转
        settings.setdefault("表格", {}).setdefault(role("projects"), {})["列"] = columns
    if columns := _procurement_columns(imported):  # 烟台 公开表12: by 功能分类 line, 合计 | 财政拨款 | … | 上年结转
        settings.setdefault("表格", {})[role("procurement")] = {"基于": f"{role('procurement')}-按功能", "编码": "分列",
                                                              "列": columns}


_CODE_MEANINGS = ("类", "款", "项", "名称", "科目编码", "科目名称")  # a table's code and name columns, by meaning
# A 项目支出表's column beside the projects' names, by the meaning the import read it as: the render's name for it
_PROJECT_COLUMN = {"单位名称": "单位名称", "项目类别": "项目类别", "功能科目": "功能科目", "合计": "合计", "预算数": "预算数", "财政拨款": "财政拨款", LAST_BUDGET: "上年预算数",
                   "增减": "增减", **{fund: fund for fund in PROJECT_FUNDS}, NAME_COLUMN: NAME_COLUMN, **INCOME_CARRIED}


def _procurement_columns(imported: Imported) -> list[str]:
    """表格.政府采购预算表.列 of a 政府采购预算表 printed by 功能分类 line and fund (most of its rows print a code): the
    funds' columns in its order (tables/procurement_lines.py); [] for one printed otherwise, or with a column the
    render has no name for."""
    table = imported.tables.get(role("procurement"))
    if table is None or not _mostly_coded(imported.rows.get(role("procurement"), [])):
        return []
    printed = [meaning for _, meaning in sorted(table.columns.items()) if meaning not in _CODE_MEANINGS]
    return printed if printed and set(printed) <= set(PROCUREMENT_COLUMNS) else []


def _mostly_coded(rows: list[Row]) -> bool:
    """Whether most of a table's rows but its total print a code."""
    lines = [row for row in rows if not row.total]
    return sum(1 for row in lines if row.code) * 2 > len(lines)


def _project_columns(imported: Imported) -> list[str]:
    """表格.项目支出表.列: the columns the 项目支出表 prints beside the projects' names, in its order, under the render's
    names; [] where it prints one the render has no name for, or none but its amount and 功能科目 (the render's own)."""
    table = imported.tables.get(role("projects"))
    if table is None:
        return []
    printed = _printed_beside_names(table)
    columns = [_PROJECT_COLUMN.get(printed[col], "") for col in sorted(printed)]
    if "" in columns or len(set(columns)) != len(columns) or set(columns) <= {"功能科目", "预算数", "上年预算数", "增减"}:
        return []
    return columns


def _printed_beside_names(table: Table) -> dict[int, str]:
    """A 项目支出表's columns beside the projects' names by the import's meaning of each (its columns of words, 单位名称
    and 项目类别, by their headers), 项目名称 at the name's column where the unit is printed right of it."""
    printed = _amounts_and_codes(table)
    words = project_words(table)
    printed |= {col: word for word, col in words.items() if col is not None}
    names = [col for col, meaning in table.columns.items() if meaning == "名称"]
    if names and (words["单位名称"] or -1) > max(names):
        printed[max(names)] = NAME_COLUMN  # 长春: 项目名称 | 项目单位, the unit printed right of the name
    return printed


def _amounts_and_codes(table: Table) -> dict[int, str]:
    """A table's columns but its names' (and a level of names read as a code's: _levels_read_as_code), by meaning."""
    return {col: meaning for col, meaning in table.columns.items() if meaning != "名称" and not _levels_read_as_code(table, col)}


def _levels_read_as_code(table: Table, col: int) -> bool:
    """Whether a column read as a code's (类, 款, 项) prints no code but words: a level of the projects (长春's 项目类型,
    its header “类 / 型” printed a character a line, read as 类: 部门特定目标类项目), no column beside their names."""
    if table.columns.get(col) not in _CODE_MEANINGS[:3]:
        return False
    texts = [text for row in table.grid.rows[table.body_start:] if col < len(row) and (text := cell_text(row[col]))]
    return bool(texts) and not any(ch.isdigit() for text in texts for ch in text)


# recognize.ITEMS' names of a turned “三公” table's rows → the render's (TURNED_ITEMS)
_TURNED_NAMES = {"“三公”合计": "合计"}  # (and the 合计 column of a 合计 row)


def _three_public_shape(imported: Imported) -> dict[str, Any]:
    """表格.三公经费支出表 where its table is printed otherwise than the render's: turned (福州, 泉州, 广州), as a 合计 row
    (杭州, 长沙) or with each item over the funds (深圳)."""
    return _turned_three_public(imported) or _across_three_public(imported) or _three_public_by_fund(imported)


def _turned_three_public(imported: Imported) -> dict[str, Any]:
    """表格.三公经费支出表's 纵排 and 行名 where the “三公” table prints its items as rows (the import reads it turned:
    recognize.turned_items): the items in the printed order, each under the label the document prints."""
    kind = role("three_public")
    table = imported.tables.get(kind)
    if table is None or not table.items:
        return {}
    labels = {row.index: row.label for row in imported.rows.get(kind, [])}
    order = [(index, _TURNED_NAMES.get(item, item)) for index, item in sorted(table.items.items())]
    items = [item for _, item in order if item in TURNED_ROWS]
    if not _each_once(items):
        return {}
    names = _printed_labels(order, labels)
    columns = _turned_columns(table)
    return {"纵排": items, **({"行名": names} if names else {}), **({"列": columns} if columns else {})}


def _turned_columns(table: Table) -> list[str]:
    """表格.三公经费支出表.列 of a turned “三公” table that prints its items' funds beside their 合计 (广州, 珠海: 合计 |
    一般公共预算 | 政府性基金预算 | 国有资本经营预算), in its order; [] where it prints one figure (福州: 预算数) or a column the
    render has no name for."""
    printed = [meaning for _, meaning in sorted(table.columns.items()) if meaning != "名称"]
    if not set(printed) & set(THREE_PUBLIC_COLUMNS[1:]) or not set(printed) <= set(THREE_PUBLIC_COLUMNS):
        return []
    return printed if _each_once(printed) else []


def _printed_labels(order: list[tuple[int, str]], labels: dict[int, str]) -> dict[str, str]:
    """Each item's label as the document prints it, where that is not the item's own name."""
    return {item: labels[index] for index, item in order if labels.get(index) and labels[index] != item}


def _each_once(items: list[str]) -> bool:
    return len(set(items)) == len(items)


def _across_three_public(imported: Imported) -> dict[str, Any]:
    """表格.三公经费支出表's 横排 where the “三公” table's first row of figures is 合计 (杭州, 湖州, 长沙: 合计 above the
    units' rows, no row of a year) or its one row of figures, printed without a name (北京, 国家信访局: 合计 |
    因公出国（境）费 | … on one line; 烟台: last year's budget, then this year's; 江苏: 会议费 and 培训费 beside the
    items): the items its columns print, in their order (ACROSS_ITEMS)."""
    kind = role("three_public")
    rows = [row for row in imported.rows.get(kind, []) if row.amounts]
    if kind not in imported.tables or not _one_row_across(rows):
        return {}
    placed = _placed_items(rows[0])
    items = [item for _, item in placed if item in ACROSS_ITEMS]
    return {"横排": items} if len(items) == len(placed) and _each_once(items) else {}


def _one_row_across(rows: list[Row]) -> bool:
    """Whether a “三公” table's rows of figures start with its 合计 or are one row printed without a name."""
    return bool(rows) and (rows[0].label == "合计" or not rows[0].label and len(rows) == 1)


# A “三公” table's items (recognize.ITEMS) in the render's order of its columns (three_public_columns)
_ITEM_ORDER = ("“三公”合计", "因公出国（境）费", "公务接待费", "公务用车购置及运行维护费", "公务用车购置费", "公务用车运行维护费")


def _three_public_by_fund(imported: Imported) -> dict[str, Any]:
    """表格.三公经费支出表's 列 where the “三公” table prints each item over the same funds in the render's order of items
    (深圳: 总计 | 因公出国(境)费 | 公务接待费 | 小计 | 购置费 | 运行维护费, each over 一般公共预算 | 政府性基金预算 |
    国有资本经营预算): the funds, in their order; with 行名 the label of its row of changes where it is not 增减变化."""
    kind = role("three_public")
    rows = [row for row in imported.rows.get(kind, []) if row.amounts]
    if kind not in imported.tables or not rows:
        return {}
    funds = _funds_of_each_item(rows[0])
    if not funds:
        return {}
    changes = next((row.label for row in rows if row.label.startswith("增减") and row.label != "增减变化"), "")
    return {"列": funds, **({"行名": {"增减变化": changes}} if changes else {})}


def _funds_of_each_item(row: Row) -> list[str]:
    """The funds a “三公” row prints each item over (“因公出国（境）费·一般公共预算” …), in their order, where it prints
    every item over the same funds in the render's order of items; [] otherwise."""
    placed = [key.partition("·") for _, key in _placed_items(row)]
    funds = [fund for item, _, fund in placed if item == _ITEM_ORDER[0]]
    printed = [(item, fund) for item, _, fund in placed]
    return funds if funds and _each_once(funds) and printed == [(i, f) for i in _ITEM_ORDER for f in funds] else []


def _placed_items(row: Row) -> list[tuple[int, str]]:
    """A “三公” row's items by the column they are printed in, left to right."""
    return sorted((amount.cell[1], _TURNED_NAMES.get(item, item)) for item, amount in row.amounts.items()
                  if amount.cell is not None)


def _income_by_function(imported: Imported) -> bool:
    """Whether the 收入总表 read lists its income by function lines (most of its rows print a 科目 code), not by unit."""
    rows = [row for row in imported.rows.get(role("income"), []) if not row.total]
    return len(rows) >= 2 and sum(1 for row in rows if row.code) * 2 > len(rows)


def _income_by_unit(imported: Imported, kind: str = role("income")) -> dict[str, Any]:
    """The 收入总表 printed by unit (表行 单位: importing/budget/table_lines.py), with the columns it prints of those a
    unit's line holds, in its order; {} for one printed otherwise. ``kind``: the 支出总表 printed so (西安: each unit's
    spending by the source of its money, as the 收入总表 by unit prints its income)."""
    table = imported.tables.get(kind)
    if table is None or lines_form(table, imported.rows.get(kind, [])) != UNITS:
        return {}
    printed = [_unit_income_column(table.columns[col]) for col in sorted(table.columns)]
    shape: dict[str, Any] = {"表行": UNITS, "列": list(dict.fromkeys(c for c in printed
                                                                   if c in LINE_COLUMNS or c.startswith(PART)))}
    if imported.rows[kind][-1].total:  # the 合计 under the units' rows (over them: the render's own)
        shape["合计行"] = "末行"
    elif department_again(imported.rows[kind]):  # 杭州, 湖州: the department's row again, then its units
        shape["部门行"] = "合计之下"
    return shape


def _unit_income_column(meaning: str) -> str:
    """The render's name of a 收入总表 by unit's column: UNIT_INCOME_COLUMN's, or for a part printed beside a column of
    income (一般公共预算·其中：专项资金列入部门预算项目: 西安) “其中：…”; "" for neither."""
    part = part_of(meaning)
    return f"{PART}{part[1]}" if part is not None else UNIT_INCOME_COLUMN.get(meaning, "")


def _income_shape(imported: Imported) -> dict[str, Any]:
    """The 收入总表 by function lines: 基于 that table, with the columns printed where the render has each."""
    columns = _income_columns(imported)
    return {"基于": INCOME_TABLE, "列": columns} if columns else {"基于": INCOME_TABLE}


def _income_columns(imported: Imported) -> list[str]:
    """The amount columns the 收入总表 by function lines prints, in its order, under the render's names (烟台: 合计 |
    财政拨款收入 | 一般公共预算拨款 | … | 上年结转); [] where one of them has no name of the render (长沙's 预算数), the
    render's own columns then printed."""
    table = imported.tables.get(role("income"))
    if table is None:
        return []
    amounts = [_income_column(table.columns[col]) for col in sorted(table.columns)
               if table.columns[col] not in _INCOME_LABELS]
    if not amounts or not all(amounts) or len(set(amounts)) != len(amounts):
        return []
    return amounts


def _income_column(meaning: str) -> str:
    """The render's name of a 收入总表's column by its meaning: INCOME_COLUMN's, or for a part printed beside a column
    of income (财政拨款·其中：经费拨款, 其中栏: importing/budget/printed_parts.py) “其中：经费拨款”; "" for neither."""
    part = part_of(meaning)
    return f"{PART}{part[1]}" if part is not None else INCOME_COLUMN.get(meaning, "")


_INCOME_LABELS = frozenset({"类", "款", "项", "编码", "名称", "功能科目", "单位"})  # 单位: a 预算单位 column of names
_GRAND_INCOME = {"收入总计": "合计"}  # a 收入总表's 收入总计 column: the render's 合计, printed under 收入总计


def _row_names(imported: Imported) -> dict[str, dict[str, str]]:
    """表格.X.行名 of each 收支 table read: a row's meaning (the label the render prints it under: 一般公共预算拨款,
    结转下年) → the label the document prints it under (一般公共预算收入, 年终结转结余), where the two differ and the
    document prints the meaning under one label; this year's income, 本年收入合计, as the import reads it (江苏's
    “当年收入小计”, beside its spending side's “当年支出小计”)."""
    catalog, listable, found = imported.catalog, {kind.id for kind in tablekinds.kinds()}, {}
    for kind, (left, right) in imported.sides.items():
        pairs = [(_income_meaning(catalog, row.label), row.label) for row in left]
        pairs += [(catalog.spending_rows.get(row.label, ""), row.label) for row in right]
        if kind in listable and (names := _one_label_each(pairs)):
            found[kind] = names
    for kind in listable & set(imported.rows) - set(found):
        if (words := _total_words(imported, kind)) is not None:  # 深圳: the department's name; 长春: 总计：
            found[kind] = {"合计": words}
    return found


def _income_meaning(catalog: Catalog, label: str) -> str:
    """The meaning of a row of a 收支 table's income side: its source of income, else 本年收入合计 where the import reads
    the row as this year's income (江苏's 当年收入小计), else ""."""
    return catalog.income_key(label) or (YEAR_TOTAL if label in YEAR_TOTALS else "")
