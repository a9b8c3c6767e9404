"""The layout a published document shows, learned as it is imported (`reportgen import … --learn-layout DIR`):
a layout folder of data, of the same kind as a shipped one (a 版式.yaml that reportgen.shaping.layouts reads and checks
as it reads any), from what the import has already read — nothing is read twice:

- the tables in the order printed, each with its number and its title as printed (公开表12 stays 公开表12 where
  公开表10 is a table reportgen has not): the recognised tables (recognize.py), each's number from its title
  (“表2：…”) or the line printed just above it (“公开表1”), and the 表号 pattern most of them follow;
- each table's unit (单位：万元) and the decimals its amounts are printed with (a unit whose tables all print the
  same number of decimals);
- the numbering of the headings (第一部分, 一、, （一）, 1.) as text_parts.py finds the document's headings;
- the words before the department's name over each table (部门（单位）：, 部门名称：);
- the shipped layout of the locality the department's name begins with as the layout it is 基于, else 默认.

What a document prints and reportgen cannot (a table of a kind it has not) is listed in the layout's 说明 and
told, never made up."""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from reportgen import codes, tablekinds
from reportgen.base.atomic import write_atomically
from reportgen.base.errors import Internal
from reportgen.base.oserrors import reason
from reportgen.base.patterns import regex
from reportgen.compute.phrasing import chinese_number
from reportgen.docmodel.document import Heading
from reportgen.docmodel.document import Table as Rendered
from reportgen.docmodel.model import PROJECT_FUNDS, YEAR_INCOME
from reportgen.importing.budget.build import held_as_printed, printed_thousands
from reportgen.importing.budget.printed_parts import part_of
from reportgen.importing.budget.reconcile import YEAR_TOTAL, YEAR_TOTALS
from reportgen.importing.budget.table_lines import (
    LINE_PRINTED,
    SPLIT,
    UNIT_INCOME_COLUMN,
    UNITS,
    department_again,
    lines_form,
    printed_columns,
)
from reportgen.importing.emit import ImportedSource
from reportgen.importing.final.final_accounts import economic_sides
from reportgen.importing.learning import (
    heading_groups,
    learned_amounts,
    learned_lines,
    learned_priors,
    learned_words,
    published_sentences,
    untraced_reasons,
)
from reportgen.importing.learning.learned_uses import use_shapes
from reportgen.importing.learning.learned_words import Learned as Words
from reportgen.importing.learning.published_sentences import part_of as _part_of
from reportgen.importing.pipeline import ImportResult
from reportgen.importing.printed_tables import NUMBER
from reportgen.importing.recognition.by_arithmetic import CARRIED as CARRIED_MEANING
from reportgen.importing.recognition.by_arithmetic import THIS_YEAR_SPENDING
from reportgen.importing.recognition.catalog import Catalog, normalized
from reportgen.importing.recognition.imported import Imported
from reportgen.importing.recognition.printed_totals import INCOME_COLUMN
from reportgen.importing.recognition.recognize import LAST_BUDGET, Table, cell_text, project_words, row_text, title_kind
from reportgen.importing.recognition.rows import Row, body_rows
from reportgen.importing.text import contents
from reportgen.importing.text.text_parts import PrintedHeading, heading_words_kind, numbering_mark, printed_headings
from reportgen.importing.tree import Placed
from reportgen.readers.text.lines import Line
from reportgen.shaping import layouts
from reportgen.shaping.layouts import FINAL_BASIC, FINAL_FUND_TABLES
from reportgen.source.printed_parts import PART
from reportgen.tablekinds import role
from reportgen.tables import (
    BESIDE_COLUMNS,
    CLOSING_LINES,
    FINANCE_COLUMNS,
    FINANCE_TABLE,
    FISCAL_COLUMNS,
    FUNCTION_COLUMNS,
    FUNCTION_TABLES,
    INCOME_TABLE,
    LEVELS,
    PROCURED_MEANINGS,
    SUBTOTAL_LINES,
    SUMMARY_TABLES,
)
from reportgen.tables.builder import zeros_as_stated
from reportgen.tables.economic import FINAL_ECONOMIC
from reportgen.tables.procurement_lines import PROCUREMENT_COLUMNS
from reportgen.tables.specs import (
    BASIC_COLUMNS,
    BASIC_WITH_PROJECTS,
    CARRIED,
    CARRIED_COLUMNS,
    INCOME_CARRIED,
    INCOME_OWN_COLUMNS,
    NAME_COLUMN,
    THIS_YEAR,
    THREE_PUBLIC_COLUMNS,
    TURNED_ITEMS,
    TURNED_ROWS,
    YEAR_FIRST,
    YEAR_SPENT,
)
from reportgen.tables.table_lines import LINE_COLUMNS

if TYPE_CHECKING:
    from reportgen.runners.render import Prepared

# A table's number as printed, alone on its line or before its title: 公开表1, 公开12表, 表2：, 表一, 预算01表, 附表3.
_NUMBER = NUMBER
_CHINESE = "一二三四五六七八九十"
_UNCLOSED = regex(r"[（(][^）)]*$")
_YEAR = regex(r"(?<!\d)(\d{4})(?=\s*年)")
# the heading numbering of each style text_parts.py reads, outermost first (a document's levels are the styles it uses,
# in this order)
_STYLES = {"part": "第{一}部分", "cn": "{一}、", "pc": "（{一}）", "ar": "{1}{mark}", "pa": "（{1}）"}


@dataclass
class Learned:
    """A layout learned from one document: its 版式.yaml mapping, and what the document prints that the layout
    cannot say (told by the import)."""

    settings: dict[str, Any]
    told: list[str] = field(default_factory=list)
    files: dict[str, str] = field(default_factory=dict)  # the templates written beside 版式.yaml, by name
    words: Words | None = None  # the province's sentences learned (learned_words.py)


@dataclass(frozen=True)
class _Numbered:
    before: str  # 公开表, 表, 预算 …
    style: str  # {1}, {01} or {一}
    after: str  # 表 (公开12表, 预算01表) or ""
    number: int

    @property
    def pattern(self) -> str:
        return f"{self.before}{self.style}{self.after}"

    @property
    def label(self) -> str:
        """The number as printed (公开05表), spaces aside."""
        digits = {"{1}": str(self.number), "{01}": f"{self.number:02d}"}.get(self.style) or chinese_number(self.number)
        return f"{self.before}{digits}{self.after}"

    def fits(self, pattern: str) -> bool:
        """Whether the number is printed in ``pattern`` (12 is printed alike by {1} and {01})."""
        return pattern == self.pattern or self.style == "{1}" and self.number >= 10 and \
            pattern == f"{self.before}{{01}}{self.after}"


def _pattern(numbered: list[_Numbered]) -> str:
    """The 表号 pattern most of the tables' numbers are printed in ({01} where any is printed with a leading 0)."""
    counted = Counter(n.pattern for n in numbered)
    for n in numbered:
        if n.style == "{1}" and n.number >= 10 and f"{n.before}{{01}}{n.after}" in counted:
            counted[f"{n.before}{{01}}{n.after}"] += 1
            counted[n.pattern] -= 1
    return counted.most_common(1)[0][0] if counted else ""


def learn(result: ImportResult, lines: list[Line], name: str, base: str | None = None) -> Learned:
    """The layout the imported document shows (its printed lines ``lines``), named ``name``, based on ``base`` (a
    shipped layout's name: the import's --layout), else on the shipped layout of the department's locality."""
    imported = result.imported
    base = base or layouts.regional(imported.department) or layouts.DEFAULT
    settings, told = _settings(result, lines, name, base)
    if _is_final(imported):
        return _final_edition(settings, told, imported)
    if imported.kind == "单位":
        settings["版本"] = [_unit_edition(settings["说明"])]
    learned = Learned(settings, told)
    if (words := _words(result, lines, base)) is not None and words[0].sentences:
        _with_words(learned, words[0], imported, lines)
        learned.told += words[1]
    return learned


def _unit_edition(description: str) -> dict[str, Any]:
    """A unit budget's layout: its headings are the unit's as printed, which an edition for 类型 单位 says (the render
    warns of a layout without one that its own headings are a department's)."""
    return {"适用": {"类型": "单位"}, "说明": f"单位预算：{description}"}


def _settings(result: ImportResult, lines: list[Line], name: str, base: str) -> tuple[dict[str, Any], list[str]]:
    """The learned settings (the text's, the tables', their units) and what is told of the tables not listed."""
    imported = result.imported
    tables, unsure, unlisted = _listable(imported)
    pattern, entries, told = _listed(sorted([*tables, *unsure], key=_first_page), lines, imported)
    told += [_not_listed_note(table) for table in unlisted]
    settings: dict[str, Any] = {"名称": name, "说明": _description(imported.department, imported.year, entries),
                                "基于": base}
    if pattern:
        settings["表号"] = pattern
    elif tables:  # none read over its tables (福州's “2026年度收支预算总表”): the body prints none, the 目录 the base's
        settings["表号"] = {"格式": layouts.resolve(base).table_numbering.pattern, "正文": False}
    settings.update(_text_settings(result, lines, base))
    settings.update(_table_settings(tables, entries, base))
    told += _unlisted_printed(settings, lines)
    _table_shapes(imported, settings)
    for kind, uses in use_shapes(result).items():  # 江苏 2019, 西安: a second spending column, by use
        spec = settings.setdefault("表格", {}).setdefault(kind, {})
        spec["支出用途"] = uses["支出用途"]
        spec.setdefault("行名", {}).update(uses.get("行名", {}))
    for kind in _units_in_turn(result):  # 深圳's department of units: its fund tables print them as its 支出总表
        settings.setdefault("表格", {}).setdefault(kind, {})["各单位"] = layouts.UNITS_IN_TURN
    _finance_shape(imported, settings, base)
    _row_names_as_printed(settings, base)
    if (shown := _shown(result, base)):
        settings["展示"] = shown
    told += [] if pattern or not tables else [_unnumbered_note()]
    return settings, told


def _units_in_turn(result: ImportResult) -> list[str]:
    """The fund tables printing, under the department's row, each unit's row and its lines (units_in_turn.py: 深圳's
    department of several units), where the import wrote the department as its units (单位): 各单位: 依次; the “三公”
    table printing each unit's rows so too, where each unit's are written under it."""
    if "单位" not in result.imported.tree:
        return []
    by_class = [role("basic")] if _basic_variant(result.imported) == BASIC_WITH_PROJECTS.rpartition("-")[2] else []
    units = result.imported.tree["单位"]
    if isinstance(units, list) and all(isinstance(unit, dict) and "三公经费" in unit for unit in units):
        by_class.append(role("three_public"))  # each unit's “三公” rows read under it: printed under its name
    return [aside.title for aside in result.set_aside
            if aside.parts and aside.title in [*tablekinds.fund_tables(), *by_class]]


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
    _list_shapes(imported, settings)


def _income_settings(imported: Imported) -> dict[str, Any]:
    """表格.收入总表 of a 收入总表 printed otherwise than the base's; {} for one printed as it."""
    if _income_by_function(imported):  # 烟台, 重庆, 长沙: the 收入总表's rows are the function lines
        return _income_shape(imported)
    if (by_unit := _income_by_unit(imported)):  # 广州, 泉州, 杭州: the units' rows (表行 单位)
        return by_unit
    department = {"部门行": layouts.DEPARTMENT_TOTAL} if _department_as_total(imported) else {}
    if (carried := _income_carried(imported)):  # 长春: 上年结转 小计 | 一般公共预算 | … | 单位资金
        return {"列": carried, **department}
    own = _income_printed(imported)  # 福州: 合计 | 一般公共预算拨款收入 | … | 上年结转结余, no 小计
    return {"列": own, **department} if own else department


def _department_as_total(imported: Imported) -> bool:
    """Whether the 收入总表's total row (its only one) is the department's own, printed under its name and not again
    (深圳: 深圳市民政局（本级） 28,283.46 …, or 深圳市人力资源和社会保障局 571,347.93 … over its units' rows): the render's
    合计 row then the department's, its row not printed again under it (部门行: 即合计)."""
    rows = [row for row in imported.rows.get(role("income"), []) if row.amounts]
    totals = [row for row in rows if row.total]
    named = [row for row in rows if normalized(row.label or row.name) == normalized(imported.department)]
    return len(totals) == 1 and bool(imported.department) and named == totals


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
    units' rows, no row of a year): the items its columns print, in their order."""
    kind = role("three_public")
    rows = [row for row in imported.rows.get(kind, []) if row.amounts]
    if kind not in imported.tables or not rows or rows[0].label != "合计":
        return {}
    placed = _placed_items(rows[0])
    items = [item for _, item in placed if item in TURNED_ITEMS]
    return {"横排": items} if len(items) == len(placed) and _each_once(items) else {}


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


# What a 决算's learned layout keeps, in its 决算 edition (版本 适用 {种类: 决算}): the headings' numbering and the tables'
# units and decimals. The headings' words, parts and 目录 are learned by a budget's structure (预算说明 …): not kept.
_FINAL_KEPT = ("编号", "展示")
def final_table_names() -> dict[str, str]:
    """A 决算's tables as read → the names a layout gives the render's 决算 tables (收入总表 for 收入总表-决算), by
    their roles and funds (the kinds named in their files alone)."""
    by_role = {"收入支出决算总表": "summary", "收入决算表": "income", "支出决算表": "spending",
               "财政拨款收入支出决算总表": "appropriations", "一般公共预算财政拨款基本支出决算表": "basic",
               "财政拨款三公经费支出决算表": "three_public"}
    by_fund = {"一般公共预算财政拨款支出决算表": "一般公共预算", "政府性基金预算财政拨款收入支出决算表": "政府性基金",
               "国有资本经营预算财政拨款收入支出决算表": "国有资本经营"}
    return {**{final: role(name) for final, name in by_role.items()},
            **{final: tablekinds.fund_table(fund) for final, fund in by_fund.items()}}


def _is_final(imported: Imported) -> bool:
    accounts = imported.tree.get("种类")
    return getattr(accounts, "value", accounts) == "决算"


def _final_edition(settings: dict[str, Any], told: list[str], imported: Imported) -> Learned:
    """A 决算's learned layout: its settings in an edition for 决算 (a budget's layout without one is refused for a 决算:
    the render prints a 决算 only by such an edition) with its 基本支出表's sides (_final_basic_sides), what is not
    kept told."""
    kept = {key: settings.pop(key) for key in _FINAL_KEPT if key in settings}
    dropped = [key for key in ("部分", "目录", "标题", "表格") if settings.pop(key, None) is not None]
    settings.pop("表号", None)
    if (sides := _final_basic_sides(imported)):
        kept["表格"] = {FINAL_BASIC: {"科目": sides}}
    for name, lines in _final_fund_lines(imported).items():
        kept.setdefault("表格", {})[name] = {"科目": lines}
    settings["版本"] = [{"适用": {"种类": "决算"}, "说明": f"部门决算：{settings['说明']}", **kept}]
    if dropped:
        told = [*told, f"部门决算的{'、'.join(dropped)}没有学：决算按决算版本的结构印出；学到的只有{'、'.join(kept) or '表名之外的设置'}"]
    return Learned(settings, told)


def _final_basic_sides(imported: Imported) -> list[list[int | str]]:
    """科目 of the 决算's 基本支出表: the economic codes each side of the published table prints, in order, where they
    are not the render's own (the 样张's two sides: tables/economic.FINAL_ECONOMIC) — 国家信访局 2024 prints three
    sides (301, 303 | 302 | 307, 310, 399), 佛山 2019 two with 307 and 399 on the right."""
    table = imported.tables.get("一般公共预算财政拨款基本支出决算表")
    sides = economic_sides(table) if table is not None else []
    if not sides or [[code for code, _ in side] for side in sides] == _OWN_SIDES:
        return []
    year = imported.year or 2025
    return [[_listed_entry(code, name, codes.economic_entry(code, year)) for code, name in side] for side in sides]


# The sides of the render's own 基本支出决算表 (the 样张's): 301, 303 | 302, 310 with their 款
_OWN_SIDES = [[code for cls, items in half for code in (cls, *items)] for half in (FINAL_ECONOMIC[:2], FINAL_ECONOMIC[2:])]


def _listed_entry(code: str, name: str, entry: object) -> int | str:
    """An entry of 科目: the code, and the name the table prints it by where the catalogue of its year has another (or
    none: 佛山 2019's 39906 赠与)."""
    known = getattr(entry, "name", None)
    return f"{code} {name}" if name and (known is None or normalized(known) != normalized(name)) else int(code)


# A 决算's fund tables as read → the render's (政府性基金预算支出表-决算 …)
_FINAL_FUNDS = dict(zip(("政府性基金预算财政拨款收入支出决算表", "国有资本经营预算财政拨款收入支出决算表"), FINAL_FUND_TABLES,
                        strict=True))


def _final_fund_lines(imported: Imported) -> dict[str, list[int | str]]:
    """科目 of a 决算's fund tables: the function codes each prints, in order, where it prints a line of nothing (佛山
    2019's 政府性基金 table: its template's 208, 20822 … each 0.00, the fund spending nothing)."""
    found: dict[str, list[int | str]] = {}
    year = imported.year or 2025
    for kind, name in _FINAL_FUNDS.items():
        rows = [row for row in imported.rows.get(kind, []) if row.code.isdigit() and len(row.code) in (3, 5, 7)]
        if any(map(_of_nothing, rows)):
            found[name] = [_listed_entry(row.code, row.name, codes.function_entry(row.code, year)) for row in rows]
    return found


def _of_nothing(row: Row) -> bool:
    """Whether a row prints no figure but 0 (or blanks)."""
    return not any(amount.value for amount in row.amounts.values() if not amount.blank)


def _not_listed_note(table: Table) -> str:
    """A table read that a layout's 表格清单 cannot list (a 决算's: the 决算 version's templates print them)."""
    return (f"{table.kind.id}（{table.grid.shown}）不是版式的表格清单所列的那种表（部门决算的表由决算版本的模板印出），"
            f"没有写入学到的表格清单")


def _with_words(learned: Learned, words: Words, imported: Imported, lines: list[Line]) -> None:
    """The learned words written with the layout (学到的措辞.j2, and disclosure.j2 printing them), the parts in the
    order printed (the default frame prints them, whatever the base), and each sentence kept as printed told."""
    learned.words = words
    headings = _printed_headings(lines)
    learned.files = {learned_words.WORDS_FILE: learned_words.template_text(words, imported.year or 0,
                                                                            imported.department),
                     "disclosure.j2": learned_words.disclosure(words, _tables_headed(lines, headings))}
    if "部分" not in learned.settings and (parts := _parts(_top_level(lines, headings), headings)) != list(
            layouts.PARTS):
        learned.settings["部分"] = parts
    learned.told += [learned_words.kept_note(sentence, why) for sentence, why in words.kept
                     if published_sentences.has_figures(sentence.text)]


def _tables_headed(lines: list[Line], headings: list[PrintedHeading]) -> bool:
    """Whether the document prints a part over its tables: False where its top-level headings (its 目录's, else its
    body's) are read to the end of its text — to its 名词解释 — and none of them names the 预算表
    (learned_words.disclosure); True where they are read short of it (西安 2025's 目录 runs onto a second page, its
    “第五部分：部门预算公开报表” there)."""
    found = _part_words(_top_level(lines, headings), headings)
    return "名词解释" not in found or "预算表" in found


def _words(result: ImportResult, lines: list[Line], base: str) -> tuple[Words, list[str]] | None:
    """The published sentences learned as the layout's words, checked against the imported source rendered in the
    base layout; None where the source does not render."""
    from reportgen.runners.render import prepare  # deferred: likewise
    from reportgen.shaping.narrative import context_for  # deferred: the render, for a learned layout only

    def made(source: ImportedSource) -> learned_amounts.Context | None:
        prepared = prepare(source.named(Path("学到的版式.yaml")), draft=True)
        if prepared.budget is None or prepared.figures is None:
            return None
        return context_for(prepared.budget, prepared.figures, draft=[], layout=layouts.resolve(base))

    context = made(result.source)
    if context is None or result.imported.year is None:
        return None
    # the amounts its sentences state that no field traces: written into the source as 正文金额 (learned_amounts.py)
    collected = learned_priors.Collector(untraced_reasons.reason)
    words, source, told = learned_amounts.learn_words(lines, result.source, context, collected.explain)
    # the changes they state of fields the source holds without last year's: written as their 增减额, learned again
    priors, said = collected.priors(words)
    again = learned_priors.with_priors(source, priors)
    remade = made(again) if again is not source else None
    if remade is not None:
        words, source, told = learned_amounts.learn_words(lines, again, remade, untraced_reasons.reason)
        result.priors = priors
    result.source = source
    words.lines = learned_lines.source_lines((remade or context)[1])  # (a list of every line prints next year's new)
    return words, told + said


def _listed(tables: list[Table], lines: list[Line], imported: Imported) -> tuple[str, list[dict[str, Any]], list[str]]:
    """The 表号 pattern, the entries of 表格清单.表 (the tables read and those printed beside them, in printed order)
    and what is told of the tables printed that are not listed."""
    numbered = {table.kind.id: _number_of(table, lines) for table in tables}
    pattern = _pattern([n for n in numbered.values() if n is not None])
    entries = [_entry(table.kind.id, table.title, numbered[table.kind.id], pattern, imported.year, imported.department)
               for table in tables]
    if not pattern:
        entries = _with_unnumbered_held(tables, entries, imported)
    more, told = _printed_beside(lines, pattern, imported, {entry["表"]: entry for entry in entries if "表" in entry})
    return pattern, _with_contents(_in_printed_order([*entries, *more]), lines, imported, pattern), told


def _with_unnumbered_held(tables: list[Table], entries: list[dict[str, Any]], imported: Imported) -> list[dict[str, Any]]:
    """The ``entries`` of the ``tables`` (in printed order) with the tables held as printed that print no number
    (印出表 of no 表号: 福州's 一般公共预算支出经济分类情况表), each after the tables printed on the pages before its own."""
    placed = list(zip(map(_first_page, tables), entries, strict=True))
    items = imported.tree.get("印出表", [])
    for item in items if isinstance(items, list) else []:
        number, name = item.get("表号"), item.get("表名")
        if not isinstance(name, Placed) or isinstance(number, Placed) and number.value:
            continue
        page = int(found.group(1)) if (found := re.match(r"第(\d+)页", name.where)) else 0
        placed.insert(sum(1 for first, _ in placed if first <= page), (page, {"印出表": str(name.value)}))
    return [entry for _, entry in placed]


# a 目录 line's number before a table's title (五、, 12.)
_LISTED_NUMBER = regex(r"^([一二三四五六七八九十]{1,3}|\d{1,2})[、.．]\s*")


def _with_contents(entries: list[dict[str, Any]], lines: list[Line], imported: Imported,
                   pattern: str) -> list[dict[str, Any]]:
    """The ``entries`` with the tables the document's 目录 lists that its pages do not print, in the 目录's order —
    the table set is the document's, and a file of some of its pages prints a few of them (江苏省政协办公厅 2017: its
    目录 lists twelve tables, the pages in hand print 表一 and 表三; 2018's tables were rendered in a layout of two). Each
    numbered as the 目录 numbers it where the tables read are numbered so (表一 is its 一、); the entries as they are
    where the 目录 does not list every table read, in their order, each once (普陀区万里街道 2023's lists all nine)."""
    listed = _contents_tables(lines, imported)
    known = [entry for entry in entries if "表" in entry]  # a table held as printed (印出表) is of no kind
    if not _lists_more(listed, [entry["表"] for entry in known]):
        return entries
    numbers = {kind: number for kind, number, _ in listed}
    numbered = bool(pattern) and all(entry.get("表号") == numbers[entry["表"]] for entry in known)
    by_kind = {entry["表"]: entry for entry in known}
    return _with_held([by_kind.get(kind) or _listed_entry_of(kind, number if numbered else None, title, pattern,
                                                              imported) for kind, number, title in listed], entries)


def _with_held(listed: list[dict[str, Any]], entries: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The entries of the 目录's tables ``listed`` with those of the tables held as printed among ``entries`` (印出表,
    which the 目录's kinds do not name), each after the entry it followed in ``entries`` (first where none did)."""
    out = list(listed)
    for at, entry in enumerate(entries):
        if "表" in entry:
            continue
        before = next((e for e in reversed(entries[:at]) if e in out), None)
        out.insert(out.index(before) + 1 if before is not None else 0, entry)
    return out


def _listed_entry_of(kind: str, number: int | None, title: str, pattern: str, imported: Imported) -> dict[str, Any]:
    """The entry of a table the 目录 lists, numbered ``number`` where known."""
    entry = _entry(kind, title, None, pattern, imported.year, imported.department)
    return {"表": kind, "表号": number, **entry} if number is not None else entry


def _lists_more(listed: list[tuple[str, int | None, str]], had: list[str]) -> bool:
    """Whether the 目录's tables ``listed`` are the tables read ``had`` in their order, each once, and more."""
    kinds = [kind for kind, _, _ in listed]
    return len(set(kinds)) == len(kinds) and [kind for kind in kinds if kind in had] == had and set(kinds) != set(had)


def _contents_tables(lines: list[Line], imported: Imported) -> list[tuple[str, int | None, str]]:
    """The tables the document's 目录 lists, of kinds a layout lists, in its order: (kind, the 目录's number of it, its
    title as listed); [] where it prints no 目录."""
    start = contents.start(lines)
    if start is None:
        return []
    kinds, found = tablekinds.by_id(), []
    for text in (contents.unpaged(entry) for entry in contents.entries(lines, start)):
        kind = title_kind(text, imported.catalog) if _TITLE.search(text) else None
        if kind is None or kind.final or kind.id not in kinds:
            continue
        found.append((kind.id, _listed_value(text), _LISTED_NUMBER.sub("", text)))
    return found


def _listed_value(text: str) -> int | None:
    """The number a 目录 line opens with (五、 5, 12. 12); None for none."""
    if (number := _LISTED_NUMBER.match(text)) is None:
        return None
    digits = number.group(1)
    return _chinese_value(digits) if digits[0] in _CHINESE else int(digits)


def _text_settings(result: ImportResult, lines: list[Line], base: str) -> dict[str, Any]:
    """The settings of the text the document prints: its headings' numbering (编号), 目录 and parts (部分), whatever the
    base (the learned frame is the default's parts, disclosure.j2: 深圳's own nests its parts a level deeper, under
    “一、文字部分”), and the headings' words (标题)."""
    settings: dict[str, Any] = {}
    headings = _printed_headings(lines)
    top = _top_level(lines, headings)
    numbering: list[Any] = _numbering(headings)
    if (listed_only := published_sentences.unnumbered_parts(lines)[0]):  # 上海市级: the parts numbered in the 目录 alone
        numbering = [{"格式": listed_only, "正文": False}, *numbering]
    if numbering:  # the learned frame is the default's parts (disclosure.j2), whatever the base: its levels as printed
        settings["编号"] = numbering
        if (listed := _contents(lines)) is not None:
            settings["目录"] = listed
        if (parts := _parts(top, headings)) != list(layouts.PARTS):
            settings["部分"] = parts
    if (titles := _heading_titles(result, base, headings, _part_words(top, headings))):
        settings["标题"] = titles
    if (lists := _list_numbering(result.imported, lines)):
        settings["条目编号"] = lists
    return settings


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
    人员经费 | 公用经费 | 上年结转结余 …): the columns it prints of BASIC_COLUMNS; {} where it prints no such column."""
    table = imported.tables.get(role("basic"))
    printed = {_PRINTED_AS.get(meaning, meaning) for meaning in (table.columns.values() if table else ())}
    return {"列": [c for c in BASIC_COLUMNS if c in printed]} if THIS_YEAR in printed else {}


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


def _income_by_function(imported: Imported) -> bool:
    """Whether the 收入总表 read lists its income by function lines (most of its rows print a 科目 code), not by unit."""
    rows = [row for row in imported.rows.get(role("income"), []) if not row.total]
    return len(rows) >= 2 and sum(1 for row in rows if row.code) * 2 > len(rows)


def _income_by_unit(imported: Imported) -> dict[str, Any]:
    """The 收入总表 printed by unit (表行 单位: importing/budget/table_lines.py), with the columns it prints of those a
    unit's line holds, in its order; {} for one printed otherwise."""
    table = imported.tables.get(role("income"))
    if table is None or lines_form(table, imported.rows.get(role("income"), [])) != UNITS:
        return {}
    printed = [_unit_income_column(table.columns[col]) for col in sorted(table.columns)]
    shape: dict[str, Any] = {"表行": UNITS, "列": list(dict.fromkeys(c for c in printed
                                                                   if c in LINE_COLUMNS or c.startswith(PART)))}
    if imported.rows[role("income")][-1].total:  # the 合计 under the units' rows (over them: the render's own)
        shape["合计行"] = "末行"
    elif department_again(imported.rows[role("income")]):  # 杭州, 湖州: the department's row again, then its units
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


def _closing_lines(imported: Imported) -> dict[str, list[str]]:
    """表格.财政拨款收支总表.结转与总计: the lines it prints under its 本年 合计, by what the import read them as: 上年结转
    (income side), 结转下年 (spending side), 总计 (收入总计 or 支出总计), in CLOSING_LINES' order."""
    kind = role("appropriations")
    left, right = imported.sides.get(kind, ([], []))
    meanings = {imported.catalog.income_key(row.label) for row in left}
    meanings |= {imported.catalog.spending_rows.get(row.label, "") for row in right}
    meanings |= {"总计"} if meanings & {"收入总计", "支出总计"} else set()
    printed = [line for line in CLOSING_LINES if line in meanings]
    return {kind: printed} if printed else {}


def _spending_levels(imported: Imported) -> dict[str, str]:
    """表格.X.层级 of each 收支 table read whose spending side lists function lines below 类: the deepest level (款,
    项) of a line it prints, by the codes the document's function tables print that line's name under (a name printed
    at several levels — 其他…支出 as a 款 and a 项 — counts as the highest of them)."""
    widths = _name_widths(imported)
    by_width = {width: level for level, width in LEVELS.items()}
    found = {}
    for kind in SUMMARY_TABLES:
        printed = [widths[row.label] for row in imported.sides.get(kind, ([], []))[1] if row.label in widths]
        if printed and max(printed) > LEVELS["类"]:
            found[kind] = by_width[max(printed)]
    return found


def _name_widths(imported: Imported) -> dict[str, int]:
    """Each line name the document's function tables print, by the shortest code it is printed under (3: a 类)."""
    widths: dict[str, int] = {}
    for kind in FUNCTION_TABLES:  # a department written as its units: the lines its units print (units_read.py)
        for row in [*imported.rows.get(kind, []), *imported.units_rows.get(kind, [])]:
            if not row.total and len(row.code) in LEVELS.values() and row.code.isdigit():
                widths[row.name] = min(widths.get(row.name, len(row.code)), len(row.code))
    return widths


def _listed_classes(imported: Imported) -> dict[str, list[str]]:
    """表格.X.类 of each 收支 table read whose spending side prints lines the department spends nothing on: a line
    printed 0 that is no 类 of the document's function tables (外交支出 in 广州市统计局's; a 类 printed there, or the
    catalogue's 类 of a code printed there: 泉州 prints 项 alone). Its lines, in order: those above its first total
    (本年支出合计). Not for a table printing lines below 类 (层级)."""
    classes = _function_classes(imported)
    found: dict[str, list[str]] = {}
    if not classes:  # the function tables not read: which lines are the department's is not known
        return found
    deeper = _spending_levels(imported)
    for kind in SUMMARY_TABLES:
        lines = _lines_above_total(imported, kind)
        if kind not in deeper and any(row.label not in classes and _printed_zero(row) for row in lines):
            found[kind] = [row.label for row in lines]
    return found


def _lines_above_total(imported: Imported, kind: str) -> list[Row]:
    """A 收支 table's spending lines above its first total (本年支出合计) under them (“一、本年支出” printed over the
    lines, 重庆's and 长沙's 财政拨款收支总表, ends none)."""
    right = imported.sides.get(kind, ([], []))[1]
    ends = [at for at, row in enumerate(right) if at and imported.catalog.spending_rows.get(row.label)]
    return right[:ends[0]] if ends else []


def _function_classes(imported: Imported) -> set[str]:
    """The names of the 类 the document's function tables print rows of: a 类's row, or the catalogue's 类 of a 款's
    or 项's code (in the document's year)."""
    found: set[str] = set()
    for kind in FUNCTION_TABLES:
        for row in imported.rows.get(kind, []):
            if not row.code.isdigit() or len(row.code) not in LEVELS.values():
                continue
            if len(row.code) == LEVELS["类"]:
                found.add(row.name)
            elif imported.year and (entry := codes.function_entry(row.code[:LEVELS["类"]], imported.year)):
                found.add(entry.name)
    return found


def _printed_zero(row: Any) -> bool:
    """Whether a row prints its amounts, all 0."""
    values = [amount.value for amount in row.amounts.values() if not amount.blank]
    return bool(values) and all(value == 0 for value in values)


def _subtotal_lines(imported: Imported) -> dict[str, list[str]]:
    """表格.X.小计行 of each 收支 table read whose income side prints a sum above its parts (a line read as 财政拨款收入),
    in the render's order."""
    found = {}
    for kind in SUMMARY_TABLES:
        left, right = imported.sides.get(kind, ([], []))
        meanings = {imported.catalog.income_key(row.label) for row in left}
        if kind == role("appropriations") and _year_first(left, right):
            meanings.add(YEAR_FIRST)
        if (sums := [line for line in SUBTOTAL_LINES if line in meanings]):
            found[kind] = sums
    return found


def _year_first(left: list[Any], right: list[Any]) -> bool:
    """Whether a 财政拨款收支总表 prints its 本年 合计 first: its first line on either side 本年收入 and 本年支出 (长春,
    国家信访局, 重庆, 长沙: 一、本年收入 | 一、本年支出, the kinds and function lines under them)."""
    return len(left) > 1 and len(right) > 1 and (left[0].label, right[0].label) == (YEAR_FIRST, YEAR_SPENT)


def _total_words(imported: Imported, kind: str) -> str | None:
    """The words the table's total row (its only one) prints where the render prints 合计, where they are other words
    (spaces aside: 北京's “合 计” is 合计): the department's name (深圳's tables), 总计： (长春's 支出总表 and
    一般公共预算支出表); None where it prints 合计, or no total row, or more than one."""
    totals = [row for row in imported.rows.get(kind, []) if row.total]
    words = (totals[0].label or totals[0].name) if len(totals) == 1 else ""
    return words if words and "".join(words.split()) != "合计" else None


def _one_label_each(pairs: list[tuple[str, str]]) -> dict[str, str]:
    """Of (meaning, label) pairs, each meaning printed under one label other than its own: meaning → label."""
    labels: dict[str, set[str]] = {}
    for meaning, label in pairs:
        labels.setdefault(meaning, set()).add(label)
    return {meaning: next(iter(printed)) for meaning, printed in labels.items()
            if meaning and len(printed) == 1 and next(iter(printed)) != meaning}


def _table_settings(tables: list[Table], entries: list[dict[str, Any]], base: str) -> dict[str, Any]:
    """The settings of the tables: 表格清单 (the entries, the words before the department's name) and 表格."""
    settings: dict[str, Any] = {}
    listing: dict[str, Any] = {"表": entries} if entries else {}
    if (label := _department_label(tables)) is not None:
        listing["编制"] = label
    if listing:
        settings["表格清单"] = listing
    if (shapes := _function_shapes(tables, base)):
        settings["表格"] = shapes
    return settings


def _number_of(table: Table, lines: list[Line]) -> _Numbered | None:
    """The number printed with ``table``: before its title (“表2：…”), on a row of its own above the title in its
    grid, or on the printed line just above the title (烟台's “公开表1”, right-aligned over the title)."""
    for text in _number_places(table, lines):
        found = _NUMBER.match(text or "")
        if found is not None and (found.group("before").endswith("表") or found.group("after")):
            return _numbered(found)
    return None


def _number_places(table: Table, lines: list[Line]) -> list[str]:
    """The texts a table's number may be printed in, in the order sought: its title, the rows above its header, and
    the line printed just above its title where the grid knows where its rows are printed."""
    grid = table.grid
    places = [table.title, *(row_text(grid, row) for row in range(min(table.header_start, len(grid.rows))))]
    title_row = next((row for row in range(len(grid.rows)) if row_text(grid, row).strip() == table.title.strip()), None)
    if grid.row_places is not None and title_row is not None:
        places.append(_line_above(grid.row_places[title_row], lines))
    return places


def _line_above(place: str, lines: list[Line]) -> str:
    """The text of the line printed just above the one at ``place`` (“第7页 第2行”) on its page; "" for none."""
    where = re.match(r"第(\d+)页 第(\d+)行", place)
    if where is None:
        return ""
    page, line = int(where.group(1)), int(where.group(2))
    above = [ln for ln in lines if ln.page == page and 0 < (ln.line or ln.number) < line and ln.text.strip()]
    return above[-1].text.strip() if above else ""


def _numbered(found: re.Match[str]) -> _Numbered:
    digits = found.group("n")
    if digits[0] in _CHINESE:
        number, style = _chinese_value(digits), "{一}"
    else:
        number, style = int(digits), "{01}" if len(digits) == 2 and digits.startswith("0") else "{1}"
    return _Numbered("".join(found.group("before").split()), style, found.group("after"), number)


def _chinese_value(text: str) -> int:
    if text == "十":
        return 10
    if text.startswith("十"):
        return 10 + _CHINESE.index(text[1]) + 1
    if len(text) >= 2 and text[1] == "十":
        return (_CHINESE.index(text[0]) + 1) * 10 + (_CHINESE.index(text[2]) + 1 if len(text) == 3 else 0)
    return _CHINESE.index(text) + 1


def numbered_titles(lines: list[Line], pattern: str) -> list[tuple[_Numbered, str]]:
    """Each numbered table the document prints, in order, each number once: a line opening with a number printed in
    ``pattern`` (公开表{1}; spaces aside), its title after it or on one of the next two lines (a title ends in 表,
    perhaps with a note in brackets)."""
    found: dict[int, tuple[_Numbered, str]] = {}
    for index, line in enumerate(lines):
        text = "".join(line.text.split())
        match = _NUMBER.match(text)
        if not pattern or match is None or not (numbered := _numbered(match)).fits(pattern) or numbered.number in found:
            continue
        title = text[match.end():] or _title_below(lines[index + 1:index + 6])
        if _TITLE.search(title):
            found[numbered.number] = (numbered, title)
    return list(found.values())


def _title_below(following: list[Line]) -> str:
    """The first of the ``following`` lines printing anything but a page's number, spaces taken out; "" for none."""
    texts = ("".join(ln.text.split()) for ln in following if ln.text.strip())
    return next((text for text in texts if not _PAGE_NUMBER.match(text)), "")


_PAGE_NUMBER = regex(r"^[-—–]?\d{1,4}[-—–]?$")  # a page's number between a table's number and its title
_TITLE = regex(r"表(?:[（(][^（）()]{1,20}[）)])?$")


def _printed_beside(lines: list[Line], pattern: str, imported: Any,
                    listed: dict[str, dict[str, Any]]) -> tuple[list[dict[str, Any]], list[str]]:
    """The numbered tables the document prints that the import did not read (a table it did not recognise, or not for
    sure): those whose title names a kind reportgen prints (recognize.title_kind), as entries; the others told — a
    table of a kind reportgen has not is not listed, and the tables after it keep their printed numbers. A table read
    whose number was not found by its title (a title broken over lines) takes the number printed over its title."""
    entries, told = [], []
    for numbered, title in numbered_titles(lines, pattern):
        kind = title_kind(title, imported.catalog)
        if kind is not None and kind.id in listed:
            listed[kind.id].setdefault("表号", numbered.number)
            continue
        if kind is None and (held := _held_as_printed(title, imported)):
            entries.append({"印出表": held, "表号": numbered.number} if numbered.fits(pattern) else {"印出表": held})
            continue
        if kind is None or kind.final or kind.id not in tablekinds.by_id():
            told.append(_unlisted_note(numbered.label, title))
            continue
        listed[kind.id] = _entry(kind.id, title, numbered, pattern, imported.year, imported.department)
        entries.append(listed[kind.id])
    return entries, told


def _held_as_printed(title: str, imported: Imported) -> str:
    """The 表名 of the table of no kind the source holds as printed (印出表) that the document prints titled ``title``
    (spaces aside); "" for none."""
    items = imported.tree.get("印出表", [])
    named = [item.get("表名") for item in items] if isinstance(items, list) else []
    names = [str(name.value) for name in named if isinstance(name, Placed)]
    return next((name for name in names if "".join(name.split()) == "".join(title.split())), "")


def _listable(imported: Imported) -> tuple[list[Table], list[Table], list[Table]]:
    """The tables read that a layout lists, those printed but not read for sure (长春's 收入总表, 一般公共预算支出表 …:
    printed all the same, so listed), and the tables read that no layout lists (a 决算's)."""
    listable = {kind.id for kind in tablekinds.kinds()}
    read = list(imported.tables.values())
    unsure = [table for table in imported.unsure if table.kind.id in listable and table.kind.id not in imported.tables]
    return ([t for t in read if t.kind.id in listable], unsure, [t for t in read if t.kind.id not in listable])


def _first_page(table: Table) -> int:
    """The page a table is first printed on (a PDF's grid is named 第N页); 0 for a sheet's (its order kept)."""
    found = re.match(r"第(\d+)页", table.grid.name)
    return int(found.group(1)) if found else 0


def _in_printed_order(entries: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The entries by their printed numbers where each has one; else as found."""
    return sorted(entries, key=lambda entry: entry["表号"]) if all("表号" in entry for entry in entries) else entries


def _entry(kind: str, printed: str, numbered: _Numbered | None, pattern: str, year: int | None,
           department: str) -> dict[str, Any]:
    """A table of 表格清单.表: its kind, its number (where printed in the layout's pattern) and its title as printed,
    its number taken off, the year as {年} and the department's name as {部门}."""
    title = _NUMBER.sub("", printed, count=1) if numbered is not None else printed
    title = _visible(title)
    if year is not None:
        title = _YEAR.sub(lambda m: "{年}" if m.group(1) == str(year) else m.group(1), title)
    if department and department in title:
        title = title.replace(department, "{部门}")
    entry: dict[str, Any] = {"表": kind}
    if numbered is not None and numbered.fits(pattern):
        entry["表号"] = numbered.number
    if title:
        entry["标题"] = title
    return entry


def _visible(text: str) -> str:
    """``text`` as one line of visible characters, as a layout's texts must be (layouts._check_texts): spaces, line
    breaks and invisible format characters (a zero-width space a PDF's text layer carries) taken out."""
    return "".join(char for char in "".join(text.split()) if unicodedata.category(char) not in ("Cf", "Cc"))


def _list_numbering(imported: Imported, lines: list[Line]) -> dict[str, str]:
    """条目编号: how the document numbers the overview's lists (职责, 工作目标) and its terms (名词解释) as printed — the
    numbering the line of each list's first item opens with (泉州 “（一）”, 长沙 “1、”, 长沙's terms “1．”), "" where it
    prints them unnumbered (重庆's duties, one paragraph; 北京's terms); a list numbered as the default numbers it (1.)
    is not written."""
    printed = {line.where: line.text for line in lines}
    found: dict[str, str] = {}
    for kind in layouts.ITEM_LISTS:
        if (text := printed.get(str(getattr(_first_item(imported.tree, kind), "where", "")))) is None:
            continue
        mark = numbering_mark(text)
        pattern = _STYLES[mark[0]].replace("{mark}", mark[1]) if mark is not None else ""
        if pattern != "{1}.":
            found[kind] = pattern
    return found


def _first_item(tree: Any, kind: str) -> object | None:
    """The first item of a list the text prints (ITEM_LISTS: the overview's 职责, 工作目标; the 名词解释's terms), as read
    (its place: ``where``); None where the source has none."""
    overview = tree.get("部门概况")
    items, key = (tree.get(kind), "术语") if kind == "名词解释" else \
        (overview.get(kind) if isinstance(overview, dict) else None, "")
    return items[0].get(key) if isinstance(items, list) and items and isinstance(items[0], dict) else None


def _numbering(headings: list[PrintedHeading]) -> list[str]:
    """The heading numbering the document uses, outermost first: each style it numbers headings with, in the order
    styles nest (第一部分 over 一、 over （一） over 1. over （1））; [] where it numbers no heading."""
    used = {heading.style: heading.mark for heading in headings}
    return [_STYLES[style].replace("{mark}", used[style] or ".") for style in _STYLES if style in used]


def _heading_titles(result: ImportResult, base: str, headings: list[PrintedHeading],
                    parts: dict[str, str]) -> dict[str, str]:
    """标题: the base layout's headings (as its templates write them: {年} for the year) that name the same part as a
    heading the document prints (职能, 三公 … — text_parts.yaml's 标题, each kind's first heading), as printed. The
    base layout's headings are those of the imported source rendered in it; and in the default's frame, which the
    learned layout prints its parts in whatever the base (深圳's own “部门职责” is the default frame's “主要职能”)."""
    from reportgen.runners.render import prepare  # deferred: likewise
    from reportgen.shaping.narrative import (  # deferred: the render, for a learned layout only
        heading_text,
        title_values,
    )

    printed = _printed_titles(headings)
    if not printed and not parts:
        return {}
    prepared = prepare(result.source.named(Path("学到的版式.yaml")), draft=True)
    if prepared.budget is None:
        return {}
    values = title_values(prepared.budget)
    # the frame's headings as it words them for this source: a unit's (单位概况) where it is one (its 版本)
    occasion = layouts.Occasion(prepared.budget.year, prepared.budget.kind, prepared.budget.accounts)
    titles: dict[str, str] = {}
    for frame in dict.fromkeys((base, layouts.DEFAULT)):  # the base's headings, and the default frame's it prints in
        layout = layouts.resolve(frame, occasion=occasion)
        keys = {heading_text(layout.titles, values, key): key for key in layout.titles}  # the frame's words → key
        for block, words in _frame_words(_rendered_headings(prepared, frame), headings, parts):
            if words is not None and words != "".join(block.text.split()):
                titles.setdefault(keys.get(block.text) or _as_written(block.text, values), _as_written(words, values))
    return titles


def _frame_words(blocks: list[Heading], headings: list[PrintedHeading],
                 parts: dict[str, str]) -> list[tuple[Heading, str | None]]:
    """Each of the frame's headings with the words the document prints for it (None for none): a heading over
    headings of the kinds a printed heading holds, that heading's words (heading_groups.py: 西安's 主要职能及机构设置 is
    the frame's 部门概况); else as _printed_words finds them, the printed headings so taken aside."""
    grouped = heading_groups.grouped_words(blocks, heading_groups.printed_groups(headings))
    taken = [id(heading) for heading in grouped.values()]
    unsaid, unplaced = _printed_titles([h for h in headings if id(h) not in taken]), dict(parts)
    return [(block, _UNCLOSED.sub("", grouped[at].words) if at in grouped else _printed_words(block, unsaid, unplaced))
            for at, block in enumerate(blocks)]


def _rendered_headings(prepared: Prepared, base: str) -> list[Heading]:
    """The headings of the prepared source rendered in the layout ``base``, in order."""
    from reportgen.runners.render import document_for  # deferred: the render, for a learned layout only

    return [block for block in document_for(prepared, draft=True, layout=base).blocks if isinstance(block, Heading)]


def _printed_titles(headings: list[PrintedHeading]) -> dict[str, str]:
    """The words of the first heading the document prints of each kind (职能, 三公 …), by the kind."""
    printed: dict[str, str] = {}
    for heading in headings:
        if heading.kind is not None and heading.kind not in printed and heading.words:
            printed[heading.kind] = _UNCLOSED.sub("", heading.words)  # “…情况说明（详” broken at the line's end
    return printed


def _printed_words(block: Heading, printed: dict[str, str], parts: dict[str, str]) -> str | None:
    """The words the document prints for the base layout's heading ``block``, taken (each once) from the parts'
    headings ``parts`` where it is a part's, else from the headings ``printed`` by kind; None where it prints none."""
    if block.level == 1 and (part := _part_of(block.text)) in parts:  # a part's heading (部分), as printed
        return parts.pop(part)
    if (kind := heading_words_kind(block.text)) in printed:
        return printed.pop(kind)
    return None


def _as_written(text: str, values: dict[str, str]) -> str:
    """A heading as a layout writes it: the year as {年}, the department's name as {部门}."""
    text = _visible(text)
    if values.get("部门"):
        text = text.replace(values["部门"], "{部门}")
    return _YEAR.sub(lambda m: "{年}" if m.group(1) == values.get("年") else m.group(1), text)


def _function_shapes(tables: list[Table], base: str) -> dict[str, dict[str, Any]]:
    """表格: the function tables (支出总表, 一般公共预算支出表 …) as printed, as far as a layout can shape them
    (tables/specs.py): the code in 类, 款, 项 columns where the document prints it so (编码: 分列), and the amount
    columns it prints of those the render has, in its order (列). A table the base layout shapes already is left
    as the base shapes it."""
    lineage = layouts.resolve(base)
    shapes: dict[str, dict[str, Any]] = {}
    kinds = tablekinds.by_id()
    for table in tables:
        ref = kinds[table.kind.id].form(lineage.lineage).ref if table.kind.id in kinds else ""
        if table.kind.id not in FUNCTION_TABLES or ref != table.kind.id or ref in lineage.table_specs:
            continue
        if (shape := _function_shape(table)):
            shapes[table.kind.id] = shape
    return shapes


# a column's meaning → the render's column of it (the carry-over's by line, 上年结转·基本支出 …: CARRIED_COLUMNS)
_PRINTED_AS = {**BESIDE_COLUMNS, **PROCURED_MEANINGS, THIS_YEAR_SPENDING: THIS_YEAR, **CARRIED_COLUMNS}


def _function_shape(table: Table) -> dict[str, Any]:
    """One function table's shape as printed: 编码 分列 where its codes are printed in 类, 款, 项 columns, and the
    amount columns it prints (列) in the render's order; {} where it prints neither."""
    # 事业单位经营支出 …, read as the line's 经营支出 …, and 深圳's 政府采购 columns, under the name the render prints
    # them by (BESIDE_COLUMNS, PROCURED_MEANINGS); this year's part of each line beside the carry-over's (by_arithmetic's
    # 本年支出合计), printed as THIS_YEAR
    meanings = [_PRINTED_AS.get(table.columns[col], table.columns[col]) for col in sorted(table.columns)]
    if (lines := _lines_shape(table, meanings)):
        return lines
    shape: dict[str, Any] = {}
    if {"类", "款", "项"} <= set(meanings):
        shape["编码"] = "分列"
    # 人员经费 and 公用经费 printed under 基本支出 with no column of their sum (杭州): printed so where the source
    # holds them by line, else the render's 基本支出 column stands for them (TableSpec's 列)
    columns = [m for m in meanings if m in FUNCTION_COLUMNS]
    if columns:
        shape["列"] = [c for c in FUNCTION_COLUMNS if c in columns]  # in the render's order: it keeps, not moves
    return shape


def _lines_shape(table: Table, meanings: list[str]) -> dict[str, Any]:
    """A table printed from its lines (表行: importing/budget/table_lines.py) as printed: how it prints their codes and
    the amount columns it prints, in its order; {} for a table not printed so."""
    if not (form := lines_form(table, body_rows(table, problems=[]))):
        return {}
    printed = [LINE_PRINTED.get(meaning, meaning) for meaning in meanings]
    return {"表行": form, "列": [column for column in printed if column in LINE_COLUMNS]}


def _contents(lines: list[Line]) -> dict[str, Any] | None:
    """目录: where the document prints one on one of its first pages (a line of its own saying 目录, as text_parts.yaml
    names it), its title as printed, the heading levels its lines list (the numbering styles they open with), whether
    it lists the tables, on a page of its own; None where it prints none."""
    start = contents.start(lines)
    if start is None:
        return None
    entries = [entry for entry in contents.entries(lines, start) if entry]
    styles = {index for entry in entries for index, style in enumerate(contents.STYLES) if style.match(entry)}
    listed = [contents.unpaged(entry) for entry in entries]
    return {"标题": " ".join(lines[start].text.split()), "层级": max(1, len(styles)),
            "表格": sum(entry.endswith("表") for entry in listed) >= 2, "单独成页": True}  # one: a part's title (…公开表)


def _part_words(top: list[str], headings: list[PrintedHeading]) -> dict[str, str]:
    """The words of each part's top-level heading as printed, by the part (the first heading of each): named by its
    words, else by the headings under it (published_sentences.parts_by_contents)."""
    by_contents = published_sentences.parts_by_contents(headings)
    found: dict[str, str] = {}
    for words in top:
        if (part := _part_of(words, by_contents)) is not None:
            found.setdefault(part, words)
    return found


def _parts(top: list[str], headings: list[PrintedHeading]) -> list[str]:
    """部分: the default text's parts in the order the document prints them — its top-level headings ``top`` each
    named by published_sentences.part_of; a part it prints no heading of first where it comes before all those it does in the default
    order (a document opens with its overview, whatever it calls it), else last (杭州's 其他重要事项, a section of its
    情况说明), so that the parts it prints keep their numbers."""
    found = list(_part_words(top, headings))
    if not found:
        return list(layouts.PARTS)
    order = list(layouts.PARTS)
    first = min(order.index(part) for part in found)
    unfound = [part for part in order if part not in found]
    return [p for p in unfound if order.index(p) < first] + found + [p for p in unfound if order.index(p) > first]


def _printed_headings(lines: list[Line]) -> list[PrintedHeading]:
    """The headings of the document, file by file where it is several (北京's 情况说明 and 报表: each numbered from
    its first page, read together the second's lines are taken for the first's)."""
    return [heading for one in published_sentences.printed_files(lines) for heading in printed_headings(one)]


def _top_level(lines: list[Line], headings: list[PrintedHeading]) -> list[str]:
    """The words of the document's top-level headings in order: the 目录's lines numbered in the outermost style it
    uses (a part's title ending in 表 is none of the body's headings: text_parts reads it as a table's), else the
    body's headings of the outermost style."""
    start = contents.start(lines)
    if start is not None and (top := contents.top(contents.entries(lines, start))):
        return top
    styles = [style for style in _STYLES if any(h.style == style for h in headings)]
    return [h.words for h in headings if styles and h.style == styles[0]]




def _department_label(tables: list[Table]) -> str | None:
    """The words a document prints before the department's name over its tables (部门（单位）：, 部门名称：), as
    most tables print them; None where none is read."""
    found = Counter(label for table in tables if (label := _label_of(table)))
    return found.most_common(1)[0][0] if found else None


def _label_of(table: Table) -> str:
    if not table.owner:
        return ""
    for row in range(min(table.header_start, len(table.grid.rows))):
        text = "".join(row_text(table.grid, row).split())
        at = text.find("".join(table.owner.split()))
        if at > 0 and text[at - 1] in "：:":
            return text[:at].replace(":", "：")
    return ""


def _shown(result: ImportResult, base: str) -> dict[str, Any]:
    """展示: each table's unit as printed (the most common one for 全部), and the decimals each table prints its
    amounts with, where all its amounts have as many (表格小数位: the most common for 全部, a table of other decimals
    by its name; the text's decimals are its own)."""
    imported = result.imported
    shown: dict[str, Any] = {}
    if (units := _table_units(imported)):
        shown["表格单位"] = units
    if (places := _table_places(imported)):
        shown["表格小数位"] = places
    if (zeros := _table_zeros(result, base)):
        shown["表格零值"] = zeros
    if (grouping := _table_grouping(imported)):
        shown["表格千分位"] = grouping
    return shown


def _table_grouping(imported: Imported) -> dict[str, bool]:
    """表格千分位: whether each table prints its amounts of a thousand or more with the thousands' commas — the most
    common way as 全部, each table printing the other way by its name; {} where every table that tells prints them
    (the render's own way). 普陀区司法局 2026 prints its 收入总表, 支出总表 and 一般公共预算支出表 “96282213.44” and its 收支总表
    “96,282,213.44”; 长春市信访局 2026 and 福州市民政局 print every table “2014.77”."""
    grouped = {name: way for kind in imported.tables
               if (name := _setting_name(imported, kind)) and (way := _grouped(printed_thousands(imported, kind))) is not None}
    if all(grouped.values()):
        return {}
    common = Counter(grouped.values()).most_common(1)[0][0]
    return {"全部": common, **{name: way for name, way in grouped.items() if way != common}}


def _grouped(texts: list[str]) -> bool | None:
    """Whether the texts of a table's amounts of a thousand or more print the thousands' commas: None where they do
    not tell (none printed, one not known, or some with and some without)."""
    ways = {"," in text or "，" in text for text in texts}
    return ways.pop() if texts and all(texts) and len(ways) == 1 else None


def _setting_name(imported: Imported, kind: str) -> str | None:
    """The name a layout's 展示 setting gives the table ``kind`` by: its own, a 决算's by the render's name of it
    (收支总表-决算); None for a table the render does not print."""
    if _is_final(imported):
        return final_table_names().get(kind)
    return kind if kind in {k.id for k in tablekinds.kinds()} else None


def _table_zeros(result: ImportResult, base: str) -> dict[str, str]:
    """表格零值: 空白 for the tables that leave a cell blank and print no zero anywhere (烟台、苏州、杭州……: the render
    printed “0.00” where they print nothing) — 全部 where no table prints a zero, none for a table the base prints as
    the source states it (_blank_as_stated); 印出 for the tables that print their
    zeros and leave no cell blank where the ``base`` layout would not print them (_printing_zeros); {} where every
    table prints its zeros as the base does or none leaves a cell blank."""
    imported = result.imported
    listable = {kind.id for kind in tablekinds.kinds()}
    printed = {kind: _blank_and_zero(imported.rows.get(kind, [])) for kind in imported.tables}
    blank = {kind for kind, (blanks, _) in printed.items() if blanks}
    zero = {kind for kind, (_, zeros) in printed.items() if zeros}
    if _is_final(imported):
        return {"全部": "空白"} if blank and not zero else _final_zeros(zero - blank)
    stated = _blank_as_stated(blank - zero, result, base)
    if blank and not zero and not stated:
        return {"全部": "空白"}
    return {**dict.fromkeys(sorted((blank - zero - stated) & listable), "空白"),
            **_printing_zeros(sorted((zero - blank) & listable), base)}


def _blank_as_stated(kinds: set[str], result: ImportResult, base: str) -> set[str]:
    """Of the tables ``kinds`` leaving their cells of nothing blank (no zero printed), those the ``base`` layout prints
    as the source states them (照源文件) and prints without a zero from the imported source: the base leaves them blank
    as printed, and next year's source says where its zeros are — 普陀区万里街道 2023 left its 收入总表's cells of
    nothing blank, 2024 printed “0” in each (201 figures): 空白 learned from 2023 put every one of them out of place.
    A table the base prints a zero in (the source states one the document leaves blank: 上海市福利彩票发行中心 2026's
    收入总表) is learned 空白."""
    shipped = layouts.resolve(base).table_zeros
    stated = {kind for kind in kinds if zeros_as_stated(shipped, kind)}
    return stated - _printing_a_zero(result, base) if stated else set()


_ZERO = regex(r"-?0(?:\.0+)?")


def _printing_a_zero(result: ImportResult, base: str) -> set[str]:
    """The tables the imported source rendered in the ``base`` layout prints a zero amount in, by kind."""
    from reportgen.runners.render import document_for, prepare  # deferred: the render, for a learned layout only

    prepared = prepare(result.source.named(Path("学到的版式.yaml")), draft=True)
    if prepared.budget is None:
        return set(tablekinds.by_id())
    blocks = document_for(prepared, draft=True, layout=base).blocks
    return {block.id.split("-")[0] for block in blocks if isinstance(block, Rendered)
            and any(_ZERO.fullmatch(cell.text.strip()) for row in block.body for cell in row.cells)}


def _printing_zeros(kinds: list[str], base: str) -> dict[str, str]:
    """表格零值 印出 for each of the tables ``kinds`` (printing their zeros, no cell blank) that the ``base`` layout
    leaves blank or prints as the source states them: 普陀区万里街道 2024 and 2025 print “0” in every cell of nothing of
    their 一般公共预算基本支出表 (the 公用经费 of 工资福利支出, the 人员经费 of 商品和服务支出), which 上海's 照源文件
    left blank — a source states no amount the table's columns split into none."""
    shipped = layouts.resolve(base).table_zeros
    return {kind: "印出" for kind in kinds
            if (shipped.get(kind) or shipped.get("全部") or "印出") != "印出"}


def _final_zeros(printing: set[str]) -> dict[str, str]:
    """表格零值 of a 决算: 印出 for each of its tables ``printing`` its zeros and leaving no cell blank (佛山 2019), by the
    name the render knows it by."""
    names = final_table_names()
    return {names[kind]: "印出" for kind in sorted(printing) if names.get(kind)}


def _table_units(imported: Imported) -> dict[str, str]:
    """表格单位: the unit most tables print as 全部, each table printing another by its name; {} where none prints one."""
    units = Counter(table.unit for table in imported.tables.values() if table.unit)
    if not units:
        return {}
    common = units.most_common(1)[0][0]
    return {"全部": common,
            **{kind: table.unit for kind, table in imported.tables.items() if table.unit and table.unit != common}}


def _blank_and_zero(rows: list[Row]) -> tuple[bool, bool]:
    """Whether the rows leave a cell of amounts blank, and whether they print a zero."""
    amounts = [amount for row in rows for amount in row.amounts.values()]
    return any(a.blank for a in amounts), any(not a.blank and a.value == 0 for a in amounts)


def _table_places(imported: Imported) -> dict[str, int]:
    """表格小数位: of the tables printing all their amounts with as many decimals, the most common as 全部, each
    table of other decimals by its name; {} where no table does."""
    places = {kind: found.pop() for kind in imported.tables if len(found := printed_places(imported.rows.get(kind, []))) == 1}
    places = {kind: n for kind, n in places.items() if n <= _MAX_PLACES}
    if not places:
        return {}
    common = Counter(places.values()).most_common(1)[0][0]
    return {"全部": common, **{kind: n for kind, n in places.items() if n != common}}


_MAX_PLACES = 6  # layouts: 展示.表格小数位 0–6


def printed_places(rows: list[Any]) -> set[int]:
    """The decimals the amounts of a table's rows are printed with."""
    return {max(0, -int(amount.value.as_tuple().exponent)) for row in rows for amount in row.amounts.values()
            if not amount.blank}


def _unnumbered_note() -> str:
    return "表上没有读出表号：学到的版式正文中不印表号（目录中照所基于的版式依次编号）"


def _unlisted_printed(settings: dict[str, Any], lines: list[Line]) -> list[str]:
    """表格清单.未列的表: 印出 into ``settings`` where it lists tables and the pages in hand print no 目录: they may be some
    of the document's, its set of tables not told (江苏省政协办公厅 2018's print 公开01表–公开06表, 2019's 07 and 08
    besides; 江苏省人民检察院 2017's its 八、九、十 alone), told. A document printing a 目录 is taken as whole, whether its
    目录 lists each table or not (西安、深圳、杭州 …: the tables it does not print are not its)."""
    listing = settings.get("表格清单", {})
    if not listing.get("表") or contents.start(lines) is not None:
        return []
    listing["未列的表"] = "印出"
    return [_others_printed_note()]


def _others_printed_note() -> str:
    return ("没有读到目录：所给的页印出的表是否就是文本的全部不得而知，学到的版式在所列各表之后接着印出所基于的版式中必备的其余各表"
            "（表格清单.未列的表: 印出；只印所列的表时改为 不印）")


def _unlisted_note(label: str, title: str) -> str:
    return f"{label} {title}：reportgen 没有这种表，学到的版式不列它（其余各表照印出的表号）"


def _description(department: str, year: int | None, entries: list[dict[str, Any]]) -> str:
    return (f"学自 {department or '（部门未写明）'} {year or ''} 年公开的文本：{len(entries)} 张表，表号、表名、单位与小数位照原文"
            if entries else f"学自 {department or '（部门未写明）'} {year or ''} 年公开的文本")


def settings_text(learned: Learned) -> str:
    """The 版式.yaml of a learned layout, as written."""
    return _file_head() + yaml.safe_dump(_plain_data(learned.settings), allow_unicode=True, sort_keys=False, width=1000)


def _plain_data(value: Any) -> Any:
    """``value`` with every text a plain str, every mapping a dict and every list a list: a setting taken from a
    layout read from its file is a LocStr (reading/yamlsafe.py: its place in the file), which yaml.safe_dump refuses
    — the 表号 of 默认 when it was read anew rather than from the cache (reportgen import --learn-layout stopped with
    an internal error, now and then)."""
    if isinstance(value, str):
        return str(value)
    if isinstance(value, dict):
        return {_plain_data(key): _plain_data(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_plain_data(item) for item in value]
    return value


def _file_head() -> str:
    return "# 学到的版式（reportgen import --learn-layout）：照公开的文本写出，可以改写；键的含义见 docs/layouts.md\n"


class FolderTaken(Internal):
    """The folder a learned layout is to be written as exists and is not empty (the command tells it)."""


class FolderUnwritable(Internal):
    """The folder a learned layout is to be written as cannot be made (read-only, no permission …): why, in Chinese."""


@contextlib.contextmanager
def staged(folder: Path, learned: Learned) -> Iterator[Callable[[], None]]:
    """The layout folder written whole or not at all: its files are written in a folder beside ``folder`` and
    loaded as any layout folder is (a learned layout reportgen.shaping.layouts would refuse is never put in place); the
    call yielded renames it into place — after the caller has written what goes with it (the source) — and what
    is not put in place is removed. Refused (FolderTaken) where ``folder`` exists with anything in it: never over
    the user's files. Raises layouts.LayoutError where the learned settings do not load."""
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise FolderTaken(str(folder))
    staging = folder.with_name(f".{folder.name}.{os.getpid()}.learning")
    try:
        folder.parent.mkdir(parents=True, exist_ok=True)
        staging.mkdir()
    except OSError as exc:
        raise FolderUnwritable(reason(exc)) from None
    try:
        write_atomically(staging / layouts.SETTINGS, settings_text(learned).encode("utf-8"))
        for name, text in learned.files.items():
            write_atomically(staging / name, text.encode("utf-8"))
        layouts.resolve(staging)  # checked as any layout folder is: LayoutError before anything is in place
        yield lambda: os.replace(staging, folder)  # an empty folder is replaced; one with files in it was refused above
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def write_layout(folder: Path, learned: Learned) -> None:
    """The layout folder written alone (staged, checked, put in place)."""
    with staged(folder, learned) as place:
        place()
