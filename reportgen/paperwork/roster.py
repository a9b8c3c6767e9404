"""The roster of who must publish (`review DIR --roster 名单.xlsx|.csv`): one row per 部门 or 单位 —
单位名称, 类型 (部门 / 单位), 主管部门, 批复日期, and optionally 公开日期 and 年度 — read from a workbook's
visible sheet that has those headers, or a CSV, as readers/published.py reads any published file.

The roster is read as a reviewer sees it: a hidden sheet (last year's list kept behind this year's) is
never read, and two visible sheets that both hold a roster are both named and refused, never one
chosen; a row hidden or filtered out is still a row of who must publish: read, and labelled hidden.
Names are compared with invisible characters (a zero-width space, a bidi mark) folded away.

A header is found among a sheet's first rows by its words (spaces and full-width forms aside; a few
other names each column goes by, such as 部门名称 or 批复时间). A date is a workbook date or written
2025-01-20, 2025/1/20, 2025.1.20 or 2025年1月20日. Anything else is refused with the file, the cell and
what is expected; nothing is guessed: a 公开日期 left empty is not given, and one before the 批复日期
(a publication of a budget not yet approved) is refused."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import NoReturn

from reportgen.base.errors import Internal
from reportgen.base.patterns import regex
from reportgen.readers.grid import Cell, Grid, ImportRefused
from reportgen.readers.published import read_published

HEADER_ROWS = 10  # the header is looked for in a sheet's first rows
_COLUMNS = {  # a column's name as the register uses it: the names it goes by, normalised
    "单位名称": ("单位名称", "名称", "部门名称", "部门（单位）名称", "部门(单位)名称", "预算单位名称", "单位"),
    "类型": ("类型", "单位类型", "部门/单位", "级次"),
    "主管部门": ("主管部门", "所属部门", "上级主管部门", "预算主管部门"),
    "批复日期": ("批复日期", "批复时间", "预算批复日期"),
    "公开日期": ("公开日期", "公开时间", "发布日期", "公开发布日期"),
    "年度": ("年度", "预算年度"),
    "种类": ("种类", "公开种类", "预算或决算", "预决算"),
}
REQUIRED = ("单位名称", "类型", "主管部门", "批复日期")
_KINDS = {"部门": "部门", "单位": "单位", "主管部门": "部门", "预算部门": "部门", "预算单位": "单位", "基层单位": "单位"}
_SORTS = {"预算": False, "部门预算": False, "单位预算": False, "决算": True, "部门决算": True, "单位决算": True}
_DATE = regex(r"(\d{4})\s*(?:[-/.]|年)\s*(\d{1,2})\s*(?:[-/.]|月)\s*(\d{1,2})\s*日?(?:[ T]00:00(?::00)?)?")


class RosterRefused(Internal):
    """The roster cannot be read as one (a Chinese message naming the file and the cell)."""


@dataclass(frozen=True)
class Member:
    """One row of the roster: who must publish, when its budget was approved, when it published."""

    name: str
    kind: str  # 部门 / 单位
    parent: str  # its 主管部门 (a 部门's own name, or empty)
    approved: date
    published: date | None  # None: not given
    year: int | None  # None: the roster gives no 年度
    final: bool | None  # a 部门决算's row (True), a budget's (False); None: the roster gives no 种类
    place: str  # where the row stands: 名单.xlsx 名单!A3
    hidden: bool = False  # the row is hidden (or filtered out) in the roster's sheet: read, and said so


def normal(text: str) -> str:
    """A name as compared: full-width forms folded (NFKC), spaces and line breaks gone, and the
    characters that print as nothing (Unicode format characters: a zero-width space, a bidi mark, a
    byte-order mark) dropped — a name that looks the same is the same name."""
    folded = unicodedata.normalize("NFKC", text)
    if not folded.isascii():
        folded = "".join(char for char in folded if unicodedata.category(char) != "Cf")
    return re.sub(r"\s+", "", folded)


def read_roster(path: Path) -> list[Member]:
    try:
        grids = read_published(path).grids
    except ImportRefused as exc:
        raise RosterRefused(f"名单 {exc.message}") from None
    found = [(grid, header) for grid, header in ((g, _header(g)) for g in grids if not g.hidden) if header is not None]
    if len(found) > 1:
        sheets = "、".join(f"“{grid.label}”" for grid, _ in found)
        raise RosterRefused(f"名单 {path}：工作表{sheets}都有名单的表头，未读取：名单只读一张工作表，不从中挑选；"
                            "请把名单合在一张工作表中，或删去不用的一张（如上年的名单）")
    if found:
        grid, (header, columns) = found[0]
        return _members(path, grid, header, columns)
    _refuse_no_roster(path, grids)


def _refuse_no_roster(path: Path, grids: list[Grid]) -> NoReturn:
    """Refused, a file that shows no roster: its header on a hidden sheet (never read as one), or no header at all."""
    hidden = next((grid for grid in grids if grid.hidden and _header(grid) is not None), None)
    if hidden is not None:
        raise RosterRefused(f"名单 {path}：表头在隐藏的工作表“{hidden.label}”中，未读取：看得见的工作表中没有名单；"
                            "隐藏的工作表不作名单读取，请取消隐藏或把名单放在看得见的工作表中")
    raise RosterRefused(f"名单 {path}：没有找到表头——前 {HEADER_ROWS} 行中应有“{'、'.join(REQUIRED)}”各列"
                        "（可另有“公开日期”“年度”）")


def _header(grid: Grid) -> tuple[int, dict[str, int]] | None:
    names = {normal(alias): column for column, aliases in _COLUMNS.items() for alias in aliases}
    for row_index, row in enumerate(grid.rows[:HEADER_ROWS]):
        columns: dict[str, int] = {}
        for col, cell in enumerate(row):
            column = names.get(normal(_text(cell)))
            if column is not None:
                columns.setdefault(column, col)
        if all(name in columns for name in REQUIRED):
            return row_index, columns
    return None


def _members(path: Path, grid: Grid, header: int, columns: dict[str, int]) -> list[Member]:
    members = []
    for row_index in range(header + 1, len(grid.rows)):
        if not any(_text(c) for c in grid.rows[row_index]):
            continue
        members.append(_member(path, grid, row_index, columns))
    if not members:
        raise RosterRefused(f"名单 {path}：表头下面没有任何一行")
    return members


def _member(path: Path, grid: Grid, row: int, columns: dict[str, int]) -> Member:
    def value(column: str) -> str:
        return _text(grid.cell(row, columns[column])).strip() if column in columns else ""

    def where(column: str) -> str:
        return f"{path} {grid.where(row, columns[column])}"

    name = value("单位名称")
    if not name:
        raise RosterRefused(f"名单 {where('单位名称')}：单位名称为空；每一行应写出部门或单位的名称")
    kind = _KINDS.get(normal(value("类型")))
    if kind is None:
        raise RosterRefused(f"名单 {where('类型')}：类型写作“{value('类型')}”；应为“部门”或“单位”")
    approved, published = _row_dates(value, where)
    year = value("年度")
    if year and not re.fullmatch(r"\d{4}(年|年度)?", year):
        raise RosterRefused(f"名单 {where('年度')}：年度写作“{year}”；应为四位数的年份，如 2025，或留空")
    sort = normal(value("种类"))
    if sort and sort not in _SORTS:
        raise RosterRefused(f"名单 {where('种类')}：种类写作“{value('种类')}”；应为“预算”或“决算”，或留空")
    return Member(name, kind, value("主管部门"), approved, published, int(year[:4]) if year else None,
                  _SORTS.get(sort), f"{path} {grid.where(row, columns['单位名称'])}", row in grid.hidden_rows)


def _text(cell: Cell) -> str:
    value = cell.value
    if isinstance(value, Decimal):
        return cell.text or format(value, "f")
    return value if isinstance(value, str) else ""


def _date(text: str) -> date | None:
    found = _DATE.fullmatch(normal(text).replace("T", " ")) if text else None
    if found is None:
        return None
    try:
        return date(int(found.group(1)), int(found.group(2)), int(found.group(3)))
    except ValueError:
        return None


def _row_dates(value: Callable[[str], str], where: Callable[[str], str]) -> tuple[date, date | None]:
    """A roster row's 批复日期 and 公开日期 (None: left blank, unknown), each a date, published after approved
    (``value``: the row's text of a column; ``where``: the cell of a column, for a message)."""
    approved = _date(value("批复日期"))
    if approved is None:
        raise RosterRefused(f"名单 {where('批复日期')}：批复日期写作“{value('批复日期')}”；应为日期，如 2025-01-20 或 2025年1月20日")
    published = _date(value("公开日期")) if value("公开日期") else None
    if value("公开日期") and published is None:
        raise RosterRefused(f"名单 {where('公开日期')}：公开日期写作“{value('公开日期')}”；应为日期，如 2025-02-08，或留空（未知）")
    if published is not None and published < approved:
        raise RosterRefused(f"名单 {where('公开日期')}：公开日期 {published} 早于批复日期 {approved}（{where('批复日期')}）："
                            "预算批复之后才能公开，这两个日期有一个写错了；请核对后改正，或把公开日期留空（未知）")
    return approved, published
