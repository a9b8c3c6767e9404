"""How a published document shows its tables' figures, learned (`reportgen import … --learn-layout DIR`, issue 80:
learned_layout): 展示 — each table's unit as printed, the decimals its amounts print with, how it prints a zero or a
blank (表格零值) and whether it groups thousands with commas (表格千分位)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

from reportgen import tablekinds
from reportgen.base.patterns import regex
from reportgen.docmodel.document import Table as Rendered
from reportgen.importing.budget.build import printed_thousands
from reportgen.importing.learning.tables.learned_final_tables import _is_final, final_table_names
from reportgen.importing.pipeline import ImportResult
from reportgen.importing.recognition.imported import Imported
from reportgen.importing.recognition.recognize import Table
from reportgen.importing.recognition.rows import Row
from reportgen.shaping import layouts
from reportgen.tables.builder import zeros_as_stated


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
    table prints its zeros as the base does or none leaves a cell blank. A table printed empty (_printed_empty: 苏州's
    政府性基金预算支出表 of a department with none) leaves its cells blank, unless the base leaves them blank as it is."""
    imported = result.imported
    listable = {kind.id for kind in tablekinds.kinds()}
    empty = {kind for kind, table in imported.tables.items() if _printed_empty(table)}
    printed = {kind: _blank_and_zero(imported.rows.get(kind, [])) for kind in imported.tables if kind not in empty}
    blank = {kind for kind, (blanks, _) in printed.items() if blanks}
    zero = {kind for kind, (_, zeros) in printed.items() if zeros}
    if _is_final(imported):
        return {"全部": "空白"} if blank and not zero else _final_zeros(zero - blank)
    stated = _blank_as_stated((blank - zero) | empty, result, base)
    blank |= empty - stated  # a table printed empty that the base leaves blank as it is: nothing to learn of it
    stated -= empty
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


def _printed_empty(table: Table) -> bool:
    """Whether a table read prints no figure in its body — its rows' cells of amounts all blank (苏州、无锡: the
    政府性基金预算支出表 of a department with none prints its 合计 row and nothing beside it, “本表无数据”): a table
    leaving its cells of nothing blank, where the render printed 0.00 in each."""
    return not any(_FIGURE.fullmatch((cell.text or "").strip()) for row in table.grid.rows[table.body_start:] for cell in row)


_FIGURE = regex(r"-?[\d,]+(?:\.\d+)?")


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
