"""The shapes of a published document's 收支 tables and 基本支出表, learned (`reportgen import … --learn-layout DIR`,
issue 80: learned_table_shapes): the variant of the 基本支出表 it prints (by 部门经济分类, with 项目支出, 政府经济分类 first,
classes in pairs) and its columns, the 收支 tables' 层级, 类, 小计行, 列 and 结转与总计, their rows as printed and the
收支总表 in its 财务收支 form."""

from __future__ import annotations

from typing import Any

from reportgen import tablekinds
from reportgen.base.patterns import regex
from reportgen.importing.learning.tables.learned_function_shapes import (
    _PRINTED_AS,
    _closing_lines,
    _listed_classes,
    _spending_levels,
    _subtotal_lines,
)
from reportgen.importing.recognition.by_arithmetic import CARRIED as CARRIED_MEANING
from reportgen.importing.recognition.imported import Imported
from reportgen.shaping import layouts
from reportgen.tablekinds import role
from reportgen.tables import FINANCE_COLUMNS, FINANCE_TABLE, FISCAL_COLUMNS
from reportgen.tables.specs import BASIC_COLUMNS, CARRIED, THIS_YEAR

_GOVERNMENT_CODE = regex(r"5\d{2}(?:\d{2})?")  # a 政府预算经济分类 code (501 机关工资福利支出, 50101 工资奖金津补贴)


def _basic_variant(imported: Imported) -> str:
    """The variant of the 基本支出表 the document prints (tablekinds/一般公共预算基本支出表.yaml 变体); "" for the base's."""
    if _general_project_by_class(imported):  # 深圳: 一般公共预算's 支出总计 | 基本支出 | 项目支出 by economic class
        return "含项目支出"
    if _basic_without_government_classes(imported):  # 无锡, 杭州, 福州 …: no 政府经济分类 columns
        return "部门经济分类"
    if _government_classes_first(imported):  # 北京: 政府经济分类 first, a line per 政府 and 部门 款, no class lines
        return "政府经济分类在前"
    if _classes_in_pairs(imported):  # 烟台: 301 工资福利支出 → 501 and → 505, a line each, then their 款
        return "两类成对"
    return ""


def _general_project_by_class(imported: Imported) -> bool:
    """Whether the 基本支出表 read prints 一般公共预算's 项目支出 beside its 基本支出 by economic class, and the source holds
    it (支出.一般公共预算项目支出经济分类: 深圳's 一般公共预算支出表（按经济分类）) — of each unit, a department written
    as its units (units_read.py)."""
    units = imported.tree.get("单位")
    owners = units if isinstance(units, list) and units else [imported.tree]
    return all(isinstance(owner, dict) and _project_classes(owner.get("支出")) for owner in owners)


def _project_classes(spending: object) -> bool:
    """Whether a 支出 entry holds 一般公共预算's 项目支出 by economic class."""
    return isinstance(spending, dict) and bool(spending.get("一般公共预算项目支出经济分类"))


def _basic_without_government_classes(imported: Imported) -> bool:
    """Whether the 基本支出表 read prints its economic lines without their 政府预算经济分类 (no row gives a second
    code: 无锡, 杭州, 福州 …; 烟台 prints 501 机关工资福利支出 beside 301 工资福利支出): the render then leaves those
    two columns out as the document does."""
    kind = _basic_read(imported)
    table, rows = imported.tables.get(kind), [row for row in imported.rows.get(kind, []) if row.code]
    if table is None or len(rows) < 2 or any(row.second is not None for row in rows):
        return False
    cells = (cell.text.strip() for row in table.grid.rows[table.body_start:] for cell in row)
    return not any(_GOVERNMENT_CODE.fullmatch(text) for text in cells)  # a 政府 code printed, its row reads none


def _basic_read(imported: Imported) -> str:
    """The 基本支出表 whose economic lines tell how the document prints them: the 一般公共预算's where read, else the
    财政拨款's (江苏's 公开06表, the same lines of all 财政拨款: 江苏省政协办公厅 2018's pages in hand print it alone, 2019
    prints its 一般公共预算基本支出表 as 2018 its 财政拨款基本支出表, code | name | 合计, no 政府经济分类)."""
    basic = role("basic")
    return basic if basic in imported.tables else role("fiscal_basic")


def _basic_columns(imported: Imported) -> dict[str, list[str]]:
    """列 of the 基本支出表 by 部门经济分类 where it prints this year's budget beside 合计 (长春: 合计 | 当年预算 小计 |
    人员经费 | 公用经费 | 上年结转结余 …): the columns it prints of BASIC_COLUMNS; [合计] where it prints each line's
    amount alone (_one_amount); {} else. The 财政拨款基本支出表's where the 一般公共预算's is not read (_basic_read:
    江苏省政协办公厅 2018 prints its 公开06表 code | name | 合计, 2019 its 一般公共预算基本支出表 alike)."""
    table = imported.tables.get(_basic_read(imported))
    printed = {_PRINTED_AS.get(meaning, meaning) for meaning in (table.columns.values() if table else ())}
    if THIS_YEAR in printed:
        return {"列": [c for c in BASIC_COLUMNS if c in printed]}
    return {"列": [BASIC_COLUMNS[0]]} if _one_amount(printed) else {}


_NAMING = frozenset({"名称", "编码", "类", "款", "项"})  # the columns of a line's code and name, no amount


def _one_amount(printed: set[str]) -> bool:
    """Whether a 基本支出表 prints one column of amounts, neither 人员经费 nor 公用经费 (福州, 泉州, 广州, 珠海: code |
    name | 预算数): the render's 人员经费 and 公用经费 columns are printed nowhere in it — the render printed each line's
    amount again under one of them and 0.00 under the other (234 figures of four documents)."""
    amounts = printed - _NAMING
    return len(amounts) == 1 and not amounts & {"人员经费", "公用经费"}


def _government_classes_first(imported: Imported) -> bool:
    """Whether the 基本支出表 read prints its 政府预算经济分类 column first, then the 部门预算经济分类, every line both
    codes (no class's own line): 北京's, as tables/economic.py's basic_by_government_classes prints it."""
    table, rows = imported.tables.get(role("basic")), [row for row in imported.rows.get(role("basic"), []) if not row.total]
    if table is None or len(rows) < 2 or any(row.second is None or not row.code for row in rows):
        return False
    where = {meaning: col for col, meaning in table.columns.items()}
    return where.get("政府经济科目", 99) < where.get("部门经济科目", -1)


def _classes_in_pairs(imported: Imported) -> bool:
    """Whether the 基本支出表 read prints a line for each pair of classes, 部门 and 政府 (301 → 501, 301 → 505), each
    with its 款 pairs under it: every line both codes, and some 部门 class printed on two lines (烟台 公开表6), as
    tables/economic.py's basic_in_class_pairs prints it."""
    rows = [row for row in imported.rows.get(role("basic"), []) if not row.total]
    if len(rows) < 2 or any(row.second is None or not row.code for row in rows):
        return False
    classes = [row.code for row in rows if len(row.code) == 3]
    return len(set(classes)) < len(classes)


def _summary_shapes(imported: Imported) -> dict[str, dict[str, Any]]:
    """表格.X of the 收支 tables as printed: 层级 (深圳, 杭州, 湖州: the 款 and 项 under each 类), 类 (广州, 珠海, 泉州: every
    line of a list, 0.00 for most), 小计行 (深圳, 杭州, 西安: 一、财政拨款 above its three kinds), the 财政拨款收支总表's 列 (深圳, 广州, 杭州 …: one
    amount on the spending side), the 财政拨款收支总表's 结转与总计 (杭州, 湖州, 广州 …: 上年结转, 结转下年, 收入总计 under its 本年 合计)."""
    shapes: dict[str, dict[str, Any]] = {}
    for key, learned in (("层级", _spending_levels(imported)), ("类", _listed_classes(imported)),
                         ("小计行", _subtotal_lines(imported)),
                         ("列", {**_fiscal_columns(imported), **_summary_columns(imported, role("summary")),
                                **_summary_columns(imported, role("appropriations"))}),
                         ("结转与总计", _closing_lines(imported))):
        for kind, value in learned.items():
            shapes.setdefault(kind, {})[key] = value
    return shapes


def _fiscal_columns(imported: Imported) -> dict[str, list[str]]:
    """表格.财政拨款收支总表.列 where its spending side prints one amount column (the import reads it as 预算数, no fund's
    name): 合计 alone, the render's columns by fund left out."""
    kind = role("appropriations")
    keys = {key for row in imported.sides.get(kind, ([], []))[1] for key in row.amounts}
    return {kind: ["合计"]} if len(keys) == 1 and not keys & {*FISCAL_COLUMNS, "合计"} else {}


_BUDGET = "预算数"  # the import's meaning of a 收支 table's amount column (recognize's 预算数 …)


def _summary_columns(imported: Imported, kind: str) -> dict[str, list[str]]:
    """表格.X.列 of a 收支 table (收支总表, 财政拨款收支总表) whose sides print each line's carry-over in a column of its
    own (长春: 本年预算 | 编制预算 | 上年结转, read as 预算数 | 预算数·编制预算 — by_arithmetic's part of the total beside the
    carry-over — | 上年结转): SUMMARY_COLUMNS' 合计, this year's where printed, and the carry-over's; none where a side
    prints another column."""
    left, right = imported.sides.get(kind, ([], []))
    keys = {key for row in [*left, *right] for key in row.amounts}
    this_year = {key for key in keys if key.startswith(f"{_BUDGET}·")}
    if not {_BUDGET, CARRIED_MEANING} <= keys or len(this_year) > 1 or keys - this_year - {_BUDGET, CARRIED_MEANING}:
        return {}
    return {kind: ["合计", *[THIS_YEAR] * len(this_year), CARRIED]}


def _finance_shape(imported: Imported, settings: dict[str, Any], base: str) -> None:
    """表格.收支总表-财务收支.列 into ``settings``, where the base layout prints the 收支总表 in that form (上海) and the
    document's prints the columns _finance_columns reads."""
    kind = role("summary")
    if (columns := _finance_columns(imported)) and tablekinds.by_id()[kind].form(layouts.resolve(base).lineage).ref \
            == FINANCE_TABLE:
        settings.setdefault("表格", {})[FINANCE_TABLE] = {"基于": FINANCE_TABLE, "列": columns}


def _row_names_as_printed(settings: dict[str, Any], base: str) -> None:
    """表格.X.行名 also under the table the ``base`` layout prints the kind X as, where it prints another (上海's
    收支总表-财务收支 and 财政拨款收支总表-按资金): a spec of X shapes the table X, not the one printed in its place, and
    普陀区万里街道's “一、一般公共预算资金” (2024 and 2025) was printed “一、一般公共预算” by the layout learned from it."""
    lineage, kinds = layouts.resolve(base).lineage, tablekinds.by_id()
    tables = settings.get("表格", {})
    for kind, spec in list(tables.items()):
        if "行名" in spec and kind in kinds and (printed := kinds[kind].form(lineage).ref) != kind:
            tables.setdefault(printed, {"基于": printed})["行名"] = spec["行名"]


def _finance_columns(imported: Imported) -> list[str]:
    """表格.收支总表.列 where its spending side prints 合计 and the amounts of FINANCE_COLUMNS beside it (上海市级: 合计 |
    人员经费 | 公用经费 | 项目支出), by what the import read its columns as; none where it prints another column."""
    kind = role("summary")
    keys = {key for row in imported.sides.get(kind, ([], []))[1] for key in row.amounts}
    printed = [column for column in FINANCE_COLUMNS if column in keys]
    return printed if len(printed) > 1 and printed[0] == "合计" and keys == set(printed) else []
