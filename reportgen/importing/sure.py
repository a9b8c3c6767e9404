"""Whether a recognised table's header was read column by column for sure: every column its body
prints an amount in is given a meaning by its header, and no meaning is given to two such columns
(of one side of a 两栏 table). A table read so is built into the source; any other is read but not
judged — its figures are told as not read, never turned into a difference or into a figure a text is
judged by (a header whose words the PDF sets apart, a year's columns beside last year's, a column
no table definition names: the figures could stand under any of its meanings; a code printed on
several rows: the rows are not one a code)."""

from __future__ import annotations

import re
from collections import Counter

from reportgen.importing.recognize import Table, cell_text, is_amount
from reportgen.importing.rows import LABEL_MEANINGS, is_note_row


def header_doubts(table: Table) -> list[str]:
    """Why ``table``'s header does not give each column of amounts one meaning for sure: each column
    printing amounts under no meaning (with the header words it has), each meaning given to two or more
    of them; none where it does."""
    grid = table.grid
    amounts = sorted({col for row in grid.rows[table.body_start:] for col, cell in enumerate(row)
                      if is_amount(cell) and table.columns.get(col) not in LABEL_MEANINGS})
    doubts = [f"第{col + 1}列{_header_words(table, col)}没有可以认定的表头" for col in amounts if col not in table.columns]
    for side in _sides(table, [col for col in amounts if col in table.columns]):
        repeated = Counter(table.columns[col] for col in side)
        doubts += [f"“{meaning}”对应了{count}列" for meaning, count in repeated.items() if count > 1]
    return doubts + _repeated_codes(table) + _items_as_rows(table) + _units_in_turn(table)


def _units_in_turn(table: Table) -> list[str]:
    """A table whose 预算单位 column names several units, each over rows of its own that name none (深圳's
    department of several units: 深圳市水务局, then 深圳市水务局（本级） and its codes, then the next unit's):
    its rows are not the department's, one a code — not read for sure. A table of one row a unit (the
    收入总表) is read as ever."""
    columns = [col for col, meaning in table.columns.items() if meaning == "单位"]
    if not columns:
        return []
    named: list[str] = []
    unnamed = False
    for index in range(table.body_start, len(table.grid.rows)):
        row = table.grid.rows[index]
        if is_note_row(table, index):
            continue
        unit = "".join(cell_text(row[col]) for col in columns if col < len(row)).strip()
        if unit and unit not in named:
            named.append(unit)
        unnamed = unnamed or not unit and any(is_amount(cell) for cell in row)
    if len(named) < 2 or not unnamed:
        return []
    return [f"{len(named)}个预算单位（{named[0]}、{named[1]}等）的行相继印出"]


# The columns a table of one row of items (the “三公” table) is read by: one of them at least (or its
# part of one fund: 深圳's “因公出国（境）费·一般公共预算”).
_ITEMS = ("“三公”合计", "因公出国（境）费", "公务用车购置及运行维护费", "公务用车购置费", "公务用车运行维护费", "公务接待费")


def _items_as_rows(table: Table) -> list[str]:
    """The “三公” table (one row of items) whose header names none of its items
    (广州 prints them down the rows, its columns the funds): not read as one — its figures would give
    no item, and the part would seem not published."""
    if table.kind.id != "三公经费支出表" or any(meaning.partition("·")[0] in _ITEMS for meaning in table.columns.values()):
        return []
    return ["表头没有“三公”经费的各项（各项印在行中）"]


def _repeated_codes(table: Table) -> list[str]:
    """A table whose 编码 column prints one 项 code on several rows (北京's 一般公共预算支出表 lists each
    unit's rows one after another, with no unit's name between): its rows are not the department's, one
    a code — not read for sure. A 类 or 款 printed again (a section per unit, each with its totals)
    is read as ever."""
    codes = [col for col, meaning in table.columns.items() if meaning == "编码"]
    if len(codes) != 1:
        return []
    printed = Counter(text for row in table.grid.rows[table.body_start:]
                      if _CODE.fullmatch(text := cell_text(row[codes[0]]).split("-")[0].strip()))
    repeated = sorted(code for code, count in printed.items() if count > 1)
    return [f"科目编码{'、'.join(repeated[:3])}{'等' if len(repeated) > 3 else ''}印在多行（不是一个科目一行）"] if repeated else []


_CODE = re.compile(r"\d{7}")


def _sides(table: Table, columns: list[int]) -> list[list[int]]:
    """The columns of amounts of each side: a 两栏 table's income and spending halves, split where its
    second 名称 column stands; one side for any other table."""
    names = sorted(col for col, meaning in table.columns.items() if meaning == "名称")
    if table.kind.shape != "两栏" or len(names) < 2:
        return [columns]
    return [[col for col in columns if col < names[1]], [col for col in columns if col > names[1]]]


def _header_words(table: Table, col: int) -> str:
    words = "".join(cell_text(table.grid.cell(row, col)) for row in range(table.header_start, table.body_start))
    return f"（表头“{''.join(words.split())}”）" if words.strip() else ""


def unsure_note(table: Table, doubts: list[str]) -> str:
    """What the import tells of a table it did not read for sure."""
    return (f"{table.kind.id}（{table.grid.shown}）：表头未能逐列认定（{'；'.join(doubts)}），表中的数没有读取，"
            "未核对，也不用来核对正文")
