"""Layouts (版式): each locality's published structure, as data.

A layout is one folder: ``版式.yaml`` (its name, the layout it starts from, how headings and tables
are numbered, whether a 目录 is printed, how a change is worded) and the narrative templates it
overrides (``disclosure.j2`` for the order of the parts, ``tables.j2`` for which tables with which
titles and builders, any section's wording). A template it does not have comes from the layout it
starts from (``基于``), and in the end from ``templates/narrative``. The shipped layouts are in
``templates/layouts/``; a user's own folder (``--layout DIR``) starts from a shipped one and
overrides what differs. Adding a locality needs no Python.
"""

from __future__ import annotations

import functools
import os
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reportgen import tablekinds
from reportgen.base import cache
from reportgen.base.cache import Shape
from reportgen.base.errors import Finding, ReportgenError, SourceError, shown_text
from reportgen.base.locations import DEFAULT_TEMPLATES
from reportgen.base.patterns import regex
from reportgen.base.records import FrozenRecord, Record
from reportgen.compute.phrasing import chinese_number
from reportgen.docmodel.model import ACCOUNTS, TEXT_PARTS
from reportgen.reading.files import InputRefused, linked_outside, read_bounded
from reportgen.reading.yamlsafe import parse_yaml
from reportgen.source.printed_parts import PART
from reportgen.tablekinds import fund_table, fund_tables, role, with_ids
from reportgen.tables import (
    BASIC_BY_DEPARTMENT,
    BASIC_COLUMNS,
    BASIC_WITH_PROJECTS,
    CLOSING_LINES,
    FINANCE_COLUMNS,
    FINANCE_TABLE,
    FISCAL_COLUMNS,
    FUNCTION_COLUMNS,
    FUNCTION_TABLES,
    INCOME_COLUMNS,
    INCOME_TABLE,
    LEVELS,
    PROJECT_COLUMNS,
    SUBTOTAL_LINES,
    SUMMARY_TABLES,
    TableSpec,
    registry,
    shapes,
)
from reportgen.tables.builder import AS_STATED
from reportgen.tables.procurement_lines import PROCUREMENT_COLUMNS, PROCUREMENT_TABLE
from reportgen.tables.specs import (
    ACROSS_ITEMS,
    INCOME_CARRIED,
    INCOME_OWN_COLUMNS,
    SUMMARY_COLUMNS,
    THREE_PUBLIC_COLUMNS,
    TURNED_ROWS,
    USE_CLASSES,
    USE_LINES,
    USE_ORDER,
    YEAR_FIRST,
)
from reportgen.tables.table_lines import LINE_COLUMNS, LINE_FORMS, LINE_TABLES
from reportgen.tables.table_lines import UNITS as UNITS_FORM

if TYPE_CHECKING:
    from reportgen.docmodel.workbook import Workbook  # a type only: loaded with a layout that names a workbook
    from reportgen.shaping.layout_pages import CoverSpec  # a type only: loaded with a layout that has a cover

SHIPPED = DEFAULT_TEMPLATES / "layouts"
SETTINGS = "版式.yaml"
DEFAULT = "默认"
# 基于 → 基于 → …: a cycle is found by the folders' identity; a chain of this many distinct layouts
# (the shipped ones are two deep) is refused for its length, with a message saying so.
_MAX_CHAIN = 20
_MAX_SETTINGS_BYTES = 1_000_000
_KEYS = {"名称", "别名", "说明", "基于", "编号", "表号", "目录", "比较措辞", "增减率", "标题", "不编号", "展示", "表格", "版本",
         "正文字号", "正文行距", "表格排版", "工作簿", "封面", "新页", "页面", "表格清单", "正文不含", "须公开", "部分",
         "条目编号"}
# 部分: the parts of the default's text (templates/narrative/_disclosure.j2), by name, with the template of each; a layout
# orders them (a layout whose disclosure.j2 writes its parts itself orders them there)
PARTS = {"概况": "overview.j2", "预算说明": "budget.j2", "其他重要事项": "other.j2", "名词解释": "glossary.j2",
         "预算表": "tables.j2"}
KINDS = ("部门", "单位")
# the parts a disclosure may not publish (the source's 不公开), which a layout's text may have no place for
WITHHELD_PARTS = ("人员编制", "三公经费", "机关运行经费", "政府采购", "国有资产", "绩效管理")
_UNITS = ("元", "万元")
_PATTERN = regex(r"\{(一|1|01)\}")
_ECONOMIC_CODE = regex(r"(\d{3}|\d{5})(?: +\S+)?")  # a code, and the name printed for it where not the catalogue's
_FUNCTION_CODE = regex(r"(\d{3}|\d{5}|\d{7})(?: +\S+)?")


class LayoutError(ReportgenError):
    """A layout that cannot be used: the message says which file and what is expected (Chinese)."""


@dataclass(frozen=True, repr=False, eq=False)
class Numbering(FrozenRecord):
    """How one level of headings (or the tables) is numbered: ``{一}、`` → 一、二、…, ``{1}.`` → 1. 2. …;
    ``body``: whether the body shows the number (the 目录 always does)."""

    pattern: str
    body: bool = True

    def label(self, index: int) -> str:
        numerals = {"一": chinese_number(index), "1": str(index), "01": f"{index:02d}"}
        return _PATTERN.sub(lambda m: numerals[m.group(1)], self.pattern)


@dataclass(frozen=True, repr=False, eq=False)
class Contents(FrozenRecord):
    """The 目录: its title, the deepest heading level it lists, and whether it lists the tables."""

    title: str = "目 录"
    depth: int = 1
    tables: bool = True
    alone: bool = False  # 单独成页: on a page of its own (it always ends its page)


@dataclass(frozen=True, repr=False, eq=False)
class TableEntry(FrozenRecord):
    """One table of a layout's 表格清单.表: its kind (tablekinds), its number (the N the 表号 pattern prints, 0: the
    next in turn) and its title ("": as the kind's definition titles it for this layout)."""

    kind: str
    number: int = 0
    title: str = ""
    printed: str = ""  # 印出表: the 表名 of a table the source holds as printed (its kind ""), "" for a kind's
    # 印在: the headings a printed table is printed under in the text, outermost first ({年}, {部门} as in titles): it
    # is placed at the end of the section of the innermost of them the document prints (() : among the tables)
    under: tuple[str, ...] = ()


DEFAULT_NUMBERING = (Numbering("第{一}部分"), Numbering("{一}、"), Numbering("（{一}）"), Numbering("{1}."),
                     Numbering("（{1}）"))


@dataclass(repr=False, eq=False)
class Layout(Record):
    """A resolved layout: its settings, and its template folders, its own first."""

    name: str
    description: str = ""
    folders: list[Path] = field(default_factory=list)
    # how many of the folders, first, are the templates of 决算 editions (种类: 决算), this layout's and its
    # base's: they stand before every layer's own, whose templates lay out a budget (上海's budget
    # disclosure.j2 would else stand before the default's 决算 one)
    final_folders: int = 0
    numbering: tuple[Numbering, ...] = DEFAULT_NUMBERING
    table_numbering: Numbering = Numbering("表{1}")
    contents: Contents | None = None
    budget_word: str = ""  # 比较措辞: “比2025年预算增加” says 预算; the default says “比2025年增加”
    # 增减率: whether a change from last year says its rate too (“，增长0.27%”); 上海 says the amount alone
    change_rate: bool = True
    base: str = ""
    # 标题: a heading or table title of the templates (as they write it, {年} for the year) → this
    # layout's words; "" leaves the heading out (its text stays, in the part above).
    titles: dict[str, str] = field(default_factory=dict)
    # 不编号: headings (as this layout words them) that carry no number and take none from the count
    unnumbered: frozenset[str] = frozenset()
    # 正文不含: the parts of a disclosure (不公开's names: 人员编制 …) this layout's text has no place for — a
    # document of it that does not print one has left nothing out (上海's text has no 人员编制 part)
    absent_parts: frozenset[str] = frozenset()
    # 须公开: the parts (不公开's names) this locality's own rules require a disclosure to publish beyond the national
    # rule's — 财预〔2016〕143号 asks 国有资产占用 and 绩效 only “逐步公开”; 上海's and 山东's texts must print them
    required_parts: frozenset[str] = frozenset()
    # 展示: the units this locality shows per table (表格单位) and per part of the text (正文单位),
    # where the source's own 展示 does not set them
    table_units: dict[str, str] = field(default_factory=dict)
    text_units: dict[str, str] = field(default_factory=dict)
    # 展示.小数位: the decimals amounts in a unit are shown with (上海: whole 元, as its published tables)
    unit_decimals: dict[str, int] = field(default_factory=dict)
    # 条目编号: how the default text numbers the items of a list of the overview (职责, 工作目标): “（{一}）” →
    # （一）（二）…, “” → no number; a list not named here is numbered 1. 2. …
    item_numbering: dict[str, Numbering] = field(default_factory=dict)
    # 展示.表格零值: {表格: 空白|印出|照源文件} — where a table cell whose amount is zero is left blank, as
    # some published tables print it (上海's 收支总表 and 财政拨款收支总表); 印出 (the default) prints it;
    # 照源文件 prints it where the source states it and leaves blank a part the source does not give
    table_zeros: dict[str, str] = field(default_factory=dict)
    # 展示.表格小数位: {表格: 0–6} — the decimals a table prints its amounts with, where not its unit's (北京's 万元
    # tables: 6; its text: 2)
    table_decimals: dict[str, int] = field(default_factory=dict)
    # 展示.表格千分位: {表格: true|false} — whether a table prints its amounts with the thousands' commas, where not as the
    # source's 展示.千分位 (普陀区司法局 2026 prints its income table “96282213.44”, its summary “96,282,213.44”)
    table_thousands: dict[str, bool] = field(default_factory=dict)
    # 版本: the editions that apply to the source (their 说明), in the order applied
    editions: tuple[str, ...] = ()
    # the kinds of budget (部门, 单位) this layout words as such: 单位 where it (or the layout it is
    # based on, when it overrides no template) has an edition for 类型 单位
    kinds: frozenset[str] = frozenset({"部门"})
    # the kinds of document (种类: 预算, 决算) it lays out: 决算 where it has an edition for it, or its base has
    # and it overrides no template (默认 has one: 财政部's structure; 上海 its own)
    accounts: frozenset[str] = frozenset({"预算"})
    # 表格: the tables this layout declares as data (tables/specs.py), by the id a template places
    table_specs: dict[str, TableSpec] = field(default_factory=dict)
    # 正文字号 and 正文行距: the body text's size (points: 三号 16, 四号 14, 小四 12 …) and its line,
    # exact in points, or None for single spacing (单倍)
    body_points: float = 14.0
    body_line: float | None = 28.0
    # 表格排版: the smallest size a table's labels may be set in to stand on one line (最小字号: 五号,
    # 小五 or 六号), and the tables printed on a landscape page whatever their width, as published (横排)
    table_smallest: float = 10.5
    landscape_tables: frozenset[str] = frozenset()
    # 工作簿: the official workbook `--format xlsx` writes (its sheets and cells, a YAML file of the
    # layout's folder); None: a sheet per table
    workbook: Workbook | None = None
    # 封面: a cover page of its own in place of the title (its words with the source's facts to fill
    # in); 新页: the heading levels that start a new page
    cover: CoverSpec | None = None
    new_page_levels: frozenset[int] = frozenset()
    # 页面: 横向 — every page landscape (上海's published budgets, 26 of 26 pages and more); 竖向 (the
    # default): portrait pages, a table turned landscape only where it needs the width
    landscape: bool = False
    # the layout's name, then the names of the layouts it is based on: how a table kind is printed here
    # is its definition's form for the nearest of them (tablekinds: 印出)
    lineage: tuple[str, ...] = (DEFAULT,)
    # 表格清单: what this layout (and those it is based on, first) does to the default's list of tables —
    # (去掉, ids), (加入, ids), (在后, {id: the id it follows}) — in the order written
    table_edits: tuple[tuple[str, object], ...] = ()
    # 表格清单.另起一页: 全部 (each table starts a page), 首张以外 (each but the first), 否;
    # 表格清单.编制: the words before the department's name over each table ("" 部门名称：);
    # 表格清单.部门名称: 不印 — no department line over the tables (北京's 报表: the title, then 金额单位 alone)
    tables_new_page: str = "否"
    tables_label: str = ""
    tables_department: bool = True
    # 表格清单.表: the tables in the order printed, each with its number and title as a published document
    # prints them (a learned layout: 公开表12 stays 公开表12 where 公开表10 is a table reportgen has not) — in
    # place of the default's list and its edits; () where the layout lists none
    table_entries: tuple[TableEntry, ...] = ()
    # 表格清单.未列的表: 印出 — the tables every disclosure prints (tablekinds 导入.必备) of the list 表 would stand in
    # place of (the default's, as the layouts it is based on change it) that 表 does not name are printed after its own,
    # numbered on (a layout learned from pages that do not tell the document's whole set of tables); 不印 (the
    # default): 表's tables alone
    unlisted_printed: bool = False
    # 部分: the order of the default text's parts (PARTS), each once
    parts: tuple[str, ...] = tuple(PARTS)

    def table_list(self) -> list[str]:
        """The ids of the tables this layout prints, in order: the kinds the default prints (tablekinds,
        by 次序), as this layout's 表格清单 and those of the layouts it is based on change the list — or the
        tables its 表格清单.表 lists, as listed."""
        if self.table_entries:
            return _kinds_listed(self.table_entries)
        return self.edited_list()

    def edited_list(self) -> list[str]:
        """The ids of the tables the default prints (tablekinds, by 次序), as this layout's 表格清单 and those of the
        layouts it is based on change the list (去掉, 加入, 在后), 表格清单.表 aside."""
        kinds = tablekinds.by_id()
        ids = [kind.id for kind in kinds.values() if kind.printed_by_default()]
        for operation, value in self.table_edits:
            if operation == "去掉":
                ids = [i for i in ids if i not in value]  # type: ignore[operator]
            elif operation == "加入":
                _add_tables(ids, value, kinds)  # type: ignore[arg-type]
            else:
                _move_tables(ids, value)  # type: ignore[arg-type]
        return ids

    def heading_numbering(self, level: int) -> Numbering:
        """The numbering of headings at ``level`` (1 = a part): deeper levels than the layout
        lists take its last."""
        return self.numbering[min(level, len(self.numbering)) - 1]


def _kinds_listed(entries: tuple[TableEntry, ...]) -> list[str]:
    """The kinds 表格清单.表 lists, in order (a table the source holds as printed, 印出表, is of none)."""
    return [entry.kind for entry in entries if not entry.printed]


def _add_tables(ids: list[str], added: list[str], kinds: dict[str, tablekinds.TableKind]) -> None:
    """表格清单.加入: each table not listed yet put in ``ids`` after the last listed table of its 次序 or before."""
    for kind in added:
        if kind not in ids:
            after = [i for i in ids if kinds[i].order <= kinds[kind].order]
            ids.insert(ids.index(after[-1]) + 1 if after else 0, kind)


def _move_tables(ids: list[str], moves: dict[str, str]) -> None:
    """表格清单.在后: each listed table moved to just after the listed table it names."""
    for moved, after_id in moves.items():
        if moved in ids and after_id in ids:
            ids.remove(moved)
            ids.insert(ids.index(after_id) + 1, moved)


def shipped() -> list[tuple[str, Path]]:
    """The shipped layouts: (名称, folder), the default first."""
    found = [(str(settings.get("名称", folder.name)), folder) for folder, settings in _shipped_settings().items()]
    return sorted(found, key=lambda item: item[0] != DEFAULT)


@functools.cache
def _shipped_settings() -> dict[Path, dict[str, object]]:
    """Every shipped layout's 版式.yaml, read once per process, and kept in the user's cache between
    processes (reading five YAML files would take a tenth of a render)."""
    folders = sorted(p for p in SHIPPED.iterdir() if (p / SETTINGS).is_file()) if SHIPPED.is_dir() else []
    made_from = [Path(__file__), *(folder / SETTINGS for folder in folders)]
    names = [folder.name for folder in folders]
    form = cache.json_form(to_data=_decimals_as_floats, from_data=lambda data: _settings_from_data(data, names))
    read = cache.kept("layouts", made_from, lambda: {name: _read(SHIPPED / name) for name in names}, form)
    return {SHIPPED / name: read[name] for name in names}


def _settings_from_data(data: object, names: list[str]) -> dict[str, dict[str, object]]:
    """The shipped layouts' settings as the cache keeps them (JSON: folder name → 版式.yaml's
    mapping, each checked again by _load as any layout is); any other shape is a miss."""
    if not (isinstance(data, dict) and sorted(data) == sorted(names)
            and all(isinstance(settings, dict) and set(settings) <= _KEYS for settings in data.values())):
        raise Shape("not the shipped layouts")
    return _floats_as_decimals(data)


def _decimals_as_floats(data: object) -> object:
    """The settings with their decimal numbers (正文行距: 31.2, as the safe YAML reader gives them:
    Decimal) as JSON numbers, for the cache."""
    if isinstance(data, dict):
        return {key: _decimals_as_floats(value) for key, value in data.items()}
    if isinstance(data, list):
        return [_decimals_as_floats(value) for value in data]
    return float(data) if isinstance(data, Decimal) else data


def _floats_as_decimals(data: Any) -> Any:
    """The cached settings' decimal numbers as Decimal again, as the YAML reader gives them (31.2,
    not the float nearest it)."""
    if isinstance(data, dict):
        return {key: _floats_as_decimals(value) for key, value in data.items()}
    if isinstance(data, list):
        return [_floats_as_decimals(value) for value in data]
    return Decimal(repr(data)) if isinstance(data, float) else data


def _settings(folder: Path) -> dict[str, object]:
    """A layout's 版式.yaml: a shipped one as read once, a user's afresh at every render."""
    if folder.parent == SHIPPED and folder in _shipped_settings():
        return _shipped_settings()[folder]
    return _read(folder)


def _read(folder: Path) -> dict[str, object]:
    """A 版式.yaml as reportgen's safe YAML reader reads a source (yamlsafe: no aliases, bounded
    nesting, no duplicate keys, no control characters, every value's line kept), and every text in it
    checked to be one line of visible characters. Raises LayoutError naming the file and line."""
    file = folder / SETTINGS
    try:
        raw = read_bounded(file, _MAX_SETTINGS_BYTES, "版式文件")
    except InputRefused as exc:
        raise LayoutError(f"{file}: 版式文件无法读取：{exc.message}") from None
    _refuse_outside(file, folder)
    _refuse_line_separators(file, raw)
    try:
        data = parse_yaml(raw, str(file))
    except SourceError as exc:
        raise _not_yaml(file, exc.findings[0]) from None
    if data is None:  # an editor's empty save: not a layout of the default's settings under another name
        raise LayoutError(f"{file}: 版式文件是空的（或只有注释）：应写出版式的设置（如 名称、基于）")
    if not isinstance(data, dict):
        raise LayoutError(f"{file}: 版式文件应为“键: 值”的映射（名称、基于、编号、表号、目录、比较措辞）")
    _refuse_unknown_keys(file, data)
    for key, value in data.items():
        if key != "说明":  # a description may run over several lines; it is never printed in a document
            _check_texts(file, key, value, _key_line(data, key))
    return data


def _refuse_outside(file: Path, folder: Path) -> None:
    """LayoutError for a file of the layout's folder that is a link out of it (版式.yaml linked to another folder's):
    a layout folder holds its own files."""
    target = linked_outside(file, folder)
    if target is not None:
        raise LayoutError(f"{file}: 版式文件夹中的文件是指向文件夹之外的链接（{shown_text(target, 240)}）："
                          "请把文件本身复制进版式文件夹")


def _refuse_unknown_keys(file: Path, data: dict) -> None:
    """LayoutError naming the keys of a 版式.yaml that are not settings (_KEYS), at the line of the first."""
    unknown = [str(k) for k in data if k not in _KEYS]
    if unknown:
        line = _key_line(data, unknown[0])
        raise LayoutError(f"{file}{line}: 版式文件中有无法识别的键“{'、'.join(sorted(shown_text(k, 20) for k in unknown))}”，"
                          f"可用：{'、'.join(sorted(_KEYS))}")


def _not_yaml(file: Path, first: Finding) -> LayoutError:
    """The error of a 版式.yaml the safe YAML reader refused, from its first finding, in a layout's words."""
    where = f"{file}:{first.line}" if first.line else str(file)
    if first.rule == "YAML-语法":
        return LayoutError(f"{where}: 版式文件不是有效的 YAML：{first.message.split('：', 1)[-1]}")
    if first.rule == "文件编码":
        return LayoutError(f"{where}: 版式{first.message}")
    if first.rule == "YAML-层级过深":
        return LayoutError(f"{where}: {first.message.replace('预算源文件', '版式文件')}")
    if first.rule == "文字-控制字符":  # a heading or a number has no line breaks: not yamlsafe's advice on them
        return LayoutError(f"{where}: {first.message.split('：', 1)[0]}：请删除它（标题、编号与名称应写在一行内）")
    return LayoutError(f"{where}: {first.message}")


# Line breaks YAML itself takes for line breaks (so that a text's line numbers would shift) and
# Word writes for a soft break or a new paragraph: in a 版式.yaml they are refused where they stand.
_LINE_SEPARATORS = regex("[\x85\u2028\u2029]")
_CHARACTER_NAMES = {"\x85": "下一行符 NEL", "\u2028": "行分隔符，Word 的手动换行", "\u2029": "段落分隔符"}


def _refuse_line_separators(file: Path, raw: bytes) -> None:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return  # parse_yaml names the line that is not UTF-8
    found = _LINE_SEPARATORS.search(text)
    if found is None:
        return
    before = text[: found.start()]
    line, column = before.count("\n") + 1, found.start() - (before.rfind("\n") + 1) + 1
    char = found.group()
    raise LayoutError(f"{file}:{line}:{column}: 版式文件中有不能使用的字符 U+{ord(char):04X}（{_CHARACTER_NAMES[char]}）："
                      "请删除它，每个标题、编号写在一行内")


def _key_line(data: object, key: str) -> str:
    """":N" for the line of ``key`` in a mapping read by yamlsafe ("" when it is not known)."""
    marks = getattr(data, "key_marks", {})
    mark = marks.get(key)
    return f":{mark.line}" if mark is not None else ""


def _check_texts(file: Path, where: str, value: object, line: str) -> None:
    """Every text in ``value`` (keys too) is one line without invisible format characters: a
    heading or a number with a line break, or a zero-width character, prints wrongly in every format."""
    if isinstance(value, str):
        _check_text(file, where, value, line)
    elif isinstance(value, dict):
        for key, item in value.items():
            key_at = _key_line(value, str(key)) or line
            _check_texts(file, where, str(key), key_at)
            _check_texts(file, where, item, key_at)
    elif isinstance(value, list):
        for item in value:
            _check_texts(file, where, item, line)


def _check_text(file: Path, where: str, value: str, line: str) -> None:
    """One text of a 版式.yaml: one line, without an invisible format character (Unicode's Cf: a zero-width space)."""
    mark = getattr(value, "mark", None)
    at = f"{file}:{mark.line}" if mark is not None else f"{file}{line}"
    if "\n" in value:
        raise LayoutError(f"{at}: “{where}”中的文字“{shown_text(value)}”含有换行（Word 的手动换行 U+000B、换页符 U+000C、"
                          "U+2028、U+2029 与 \\n 都是换行）：标题、编号与名称应写在一行内")
    hidden = next((char for char in value if unicodedata.category(char) == "Cf"), None)
    if hidden is not None:
        raise LayoutError(f"{at}: “{where}”中的文字“{shown_text(value)}”含有不可见的字符 U+{ord(hidden):04X}"
                          "（如零宽空格，常由复制粘贴带入）：请删除它")


# A party committee's department is named after the Party first: 中共烟台市委宣传部, 中共深圳市委宣传部, 中共重庆市委宣传部
# (../shared/corpus and fresh1), 中国共产党…委员会: its locality follows.
_PARTY = regex(r"^(?:中共|中国共产党)")


def regional(name: str) -> str | None:
    """The shipped layout of the locality a department's (or a region's) name begins with — its 名称 or one of its
    别名 (烟台市教育局 → 山东; 中共烟台市委宣传部 → 山东) — None where it names none: the national rules are the only ones
    known to apply."""
    name = _PARTY.sub("", name)
    found = [(len(word), shipped_name) for shipped_name, folder in shipped() if shipped_name != DEFAULT
             for word in (shipped_name, *_aliases(folder)) if word and name.startswith(word)]
    return max(found)[1] if found else None


def _aliases(folder: Path) -> list[str]:
    aliases = _settings(folder).get("别名", [])
    return [str(a) for a in aliases] if isinstance(aliases, list) else []


def _folder_of(name: str) -> Path | None:
    for shipped_name, folder in shipped():
        if name in (shipped_name, folder.name, *_aliases(folder)):
            return folder
    return None


@dataclass(frozen=True, repr=False, eq=False)
class Occasion(FrozenRecord):
    """What chooses a layout's editions (版本): the source's year (None: no year-bound edition
    applies) and kind, a department's budget (部门) or a unit's (单位)."""

    year: int | None = None
    kind: str = "部门"
    accounts: str = "预算"  # 种类: a budget, or final accounts (决算), which only a 种类: 决算 edition words


def resolve(name_or_folder: str | Path | None, relative_to: Path | None = None,
            occasion: Occasion = Occasion()) -> Layout:
    if name_or_folder in (None, "") or (isinstance(name_or_folder, str) and _folder_of(name_or_folder) is not None):
        return _resolve_shipped(str(name_or_folder or DEFAULT), occasion)
    return _resolve(name_or_folder, relative_to, occasion)


@functools.lru_cache(maxsize=64)
def _resolve_shipped(name: str, occasion: Occasion) -> Layout:
    return _resolve(name, None, occasion)


def _resolve(name_or_folder: str | Path | None, relative_to: Path | None, occasion: Occasion) -> Layout:
    """The layout a source (``版式``) or the command line (``--layout``) names: a shipped layout by
    name (上海, 深圳, …) or a folder holding 版式.yaml (relative to ``relative_to``, the source's
    folder, when the source names it). None: the default layout. Its editions (版本) that fit
    ``occasion`` apply on top of each layer's own settings."""
    wanted = str(name_or_folder) if name_or_folder not in (None, "") else DEFAULT
    folder = _folder_of(wanted)
    if folder is None:
        candidate = Path(wanted)
        if not candidate.is_absolute() and relative_to is not None:
            candidate = relative_to / candidate
        if _has_settings(candidate):
            folder = candidate
    if folder is None:
        names = "、".join(name for name, _ in shipped())
        raise LayoutError(f"没有名为“{shown_text(wanted)}”的版式：可用 {names}，或给出含 {SETTINGS} 的文件夹")
    return _load(folder, (), occasion)


def _has_settings(folder: Path) -> bool:
    """Whether ``folder`` holds a 版式.yaml (a name too long for the file system, or holding a NUL,
    holds none)."""
    try:
        return (folder / SETTINGS).is_file()
    except (OSError, ValueError):
        return False


def _layout_name(folder: Path) -> str:
    """The 名称 of the layout in ``folder`` (already read), for a message."""
    return str(_settings(folder).get("名称", folder.name))


def _identity(folder: Path) -> Path:
    """The folder itself, whatever the path that names it (relative, through a link, “a/../a”)."""
    try:
        return folder.resolve()
    except (OSError, RuntimeError):  # a link loop: the path as it is
        return folder.absolute()


def _load(folder: Path, chain: tuple[Path, ...], occasion: Occasion) -> Layout:
    """The layout in ``folder``, on top of the layout it is 基于. ``chain``: the identities of the
    folders of the layouts that led here, the one whose 基于 named this one last."""
    file = folder / SETTINGS
    data = _settings(folder)
    _check_names(file, data)
    name = str(data.get("名称", folder.name))
    chain = (*chain, _identity(folder))
    base_name = data.get("基于", DEFAULT if name != DEFAULT else None)
    base = _base(folder, data, base_name, chain, occasion) if base_name is not None else Layout(name=DEFAULT)
    final = base.folders[:base.final_folders]
    layout = Layout(name=name, description=str(data.get("说明", "")),
                    folders=[*final, folder, *base.folders[len(final):]], final_folders=len(final),
                    numbering=base.numbering, table_numbering=base.table_numbering, contents=base.contents,
                    budget_word=base.budget_word, change_rate=base.change_rate, base=str(base_name or ""), titles=dict(base.titles), editions=base.editions,
                    table_specs=dict(base.table_specs),
                    unnumbered=base.unnumbered, absent_parts=base.absent_parts, required_parts=base.required_parts, table_units=dict(base.table_units), text_units=dict(base.text_units),
                    body_points=base.body_points, body_line=base.body_line, table_smallest=base.table_smallest,
                    landscape_tables=base.landscape_tables, workbook=base.workbook,
                    lineage=(name, *base.lineage) if base_name is not None else (name,), table_edits=base.table_edits,
                    tables_new_page=base.tables_new_page, tables_label=base.tables_label,
                    tables_department=base.tables_department, table_entries=base.table_entries,
                    unlisted_printed=base.unlisted_printed,
                    table_decimals=dict(base.table_decimals), table_thousands=dict(base.table_thousands), parts=base.parts,
                    # what a layout's own 版式.yaml leaves unwritten is its base's (docs/layouts.md: only what differs)
                    unit_decimals=dict(base.unit_decimals), table_zeros=dict(base.table_zeros), cover=base.cover,
                    item_numbering=dict(base.item_numbering),
                    new_page_levels=base.new_page_levels, landscape=base.landscape)
    _apply(layout, data, str(file))
    if "版本" in data:
        _apply_editions(layout, folder, data, occasion)
    templates = _own_templates(folder)
    layout.kinds = frozenset({"部门", *_edition_values(data, "类型"), *(() if templates else base.kinds)})
    layout.accounts = frozenset({"预算", *_edition_values(data, "种类"), *(() if templates else base.accounts)})
    return layout


def _check_names(file: Path, data: dict[str, object]) -> None:
    """A 版式.yaml's 名称, 基于 and 说明, each a text (a number reads as one; 基于 may be empty); LayoutError else."""
    for key in ("名称", "基于", "说明"):
        value = data.get(key)
        if key in data and not (isinstance(value, (str, int)) and not isinstance(value, bool)
                                or (key == "基于" and value is None)):
            raise LayoutError(f"{file}{_key_line(data, key)}: “{key}”应为文字")


def _own_templates(folder: Path) -> bool:
    """Whether a layout overrides templates of its own: they word a department's budget (Layout.kinds,
    Layout.accounts) unless an edition of its own is for 单位 or 决算 — 河北's disclosure.j2 would stand
    before the default's 决算 edition's, printing a 部门决算 as a 部门预算."""
    try:
        return any(folder.glob("*.j2"))
    except OSError:
        return True


def _edition_values(data: dict[str, object], key: str) -> set[str]:
    """The values of one key of 适用 among a 版式.yaml's own editions (种类: {决算})."""
    editions = data.get("版本", [])
    return {str(e["适用"][key]) for e in editions if isinstance(e, dict) and isinstance(e.get("适用"), dict)
            and key in e["适用"]} if isinstance(editions, list) else set()


def _apply(layout: Layout, data: dict[str, object], file: str) -> None:
    """The settings of ``data`` (a 版式.yaml, or one of its editions) applied to ``layout``."""
    for key, apply in _SETTINGS.items():
        if key in data:
            apply(layout, data[key], f"{file}{_key_line(data, key)}")
    if "工作簿" in data:
        layout.workbook = _workbook(Path(file).parent, data["工作簿"], f"{file}{_key_line(data, '工作簿')}")


def _workbook(folder: Path, value: object, at: str) -> Workbook | None:
    """工作簿: the YAML file in the layout's folder that declares its official workbook, or 无 (false):
    a sheet per table, as a layout without one."""
    if value in (None, False, "无"):
        return None
    if not isinstance(value, str) or not value.endswith(".yaml") or Path(value).is_absolute() \
            or ".." in Path(value).parts or not (folder / value).is_file():
        raise LayoutError(f"{at}: “工作簿”应为本版式文件夹中描述正式工作簿的 YAML 文件（如 工作簿-部门.yaml），"
                          f"或 无；不是“{shown_text(value, 40)}”")
    from reportgen.shaping.layout_workbook import (  # deferred: 6 ms, for a layout with a workbook only
        WorkbookShapeError,
    )
    from reportgen.shaping.layout_workbook import load as load_workbook  # deferred: with the line above

    _refuse_outside(folder / value, folder)
    try:
        return load_workbook(folder / value)
    except WorkbookShapeError as exc:
        raise LayoutError(exc.message) from None


_EDITION_EXAMPLE = "如 [{适用: {类型: 单位}, 标题: {部门主要职能: 单位主要职能}}, {适用: {年度: {至: 2024}}, …}]"


def _apply_editions(layout: Layout, folder: Path, data: dict[str, object], occasion: Occasion) -> None:
    """版本: the editions of this layout, each a mapping of 适用 (the 类型 and/or 年度 it is for) and
    the settings it changes (the same keys as 版式.yaml, and 模板: a folder of templates inside the
    layout's). Every edition is checked; those that fit ``occasion`` apply, in the order written."""
    file = folder / SETTINGS
    editions = data["版本"]
    if not isinstance(editions, list) or not editions:
        raise LayoutError(f"{file}{_key_line(data, '版本')}: “版本”应为各版本的列表，{_EDITION_EXAMPLE}")
    marks = getattr(editions, "item_marks", [])
    for index, edition in enumerate(editions):
        at = f"{file}:{marks[index].line}" if index < len(marks) else f"{file}{_key_line(data, '版本')}"
        fits = _edition_fits(edition, occasion, at)
        target = layout if fits else _scratch(layout)
        assert isinstance(edition, dict)
        _apply(target, edition, str(file))
        if "模板" in edition:
            target.folders.insert(0, _edition_folder(folder, edition["模板"], at))
            target.final_folders += edition["适用"].get("种类") == "决算"
        if fits:
            layout.editions = (*layout.editions, str(edition.get("说明", "")) or _occasion_words(edition["适用"]))


def editions_of(folder: Path) -> list[tuple[str, str]]:
    """The editions (版本) written in a layout folder's own 版式.yaml: (what each is for, 说明)."""
    editions = _settings(folder).get("版本", [])
    return [(_occasion_words(e["适用"]), str(e.get("说明", ""))) for e in editions if isinstance(e, dict)] \
        if isinstance(editions, list) else []


def _edition_fits(edition: object, occasion: Occasion, at: str) -> bool:
    """Whether an edition's 适用 fits the source (its keys and values checked on the way)."""
    if not isinstance(edition, dict) or not set(edition) <= _EDITION_KEYS or "适用" not in edition:
        raise LayoutError(f"{at}: “版本”的每一项应为含“适用”的映射，可用的键：{'、'.join(sorted(_EDITION_KEYS))}；"
                          f"{_EDITION_EXAMPLE}")
    when = edition["适用"]
    if not isinstance(when, dict) or not when or not set(when) <= {"类型", "年度", "种类"}:
        raise LayoutError(f"{at}: “适用”应写 类型（部门 或 单位）、种类（预算 或 决算）和/或 年度（如 2024，或 {{自: 2020, 至: 2024}}）")
    kind, accounts = _edition_kind(when, occasion, at)
    fits_year = _fits_year(when, occasion.year, at)  # checked whether or not the kind fits
    return kind == occasion.kind and accounts == occasion.accounts and fits_year


def _fits_year(when: dict, year: int | None, at: str) -> bool:
    """Whether an edition's 适用.年度 (checked) takes in the source's year: any year where it names none."""
    first, last = _years(when.get("年度"), at)
    return "年度" not in when or (year is not None and first <= year <= last)


def _edition_kind(when: dict, occasion: Occasion, at: str) -> tuple[object, object]:
    """An edition's 适用.类型 (the source's where it names none) and 适用.种类 (预算 where it names none), checked."""
    kind = when.get("类型", occasion.kind)
    if kind not in KINDS:
        raise LayoutError(f"{at}: “适用.类型”应为 部门 或 单位，不是“{shown_text(kind, 20)}”")
    accounts = when.get("种类", "预算")  # an edition that names no 种类 is a budget's
    if accounts not in ACCOUNTS:
        raise LayoutError(f"{at}: “适用.种类”应为 预算 或 决算，不是“{shown_text(accounts, 20)}”")
    return kind, accounts


def _years(value: object, at: str) -> tuple[int, int]:
    """年度 of an edition: one year, or {自: first, 至: last} (either may be left out)."""
    if value is None:
        return 0, 9999
    if isinstance(value, int) and not isinstance(value, bool):
        return value, value
    if isinstance(value, dict) and value and set(value) <= {"自", "至"} and all(
            isinstance(v, int) and not isinstance(v, bool) for v in value.values()):
        return int(value.get("自", 0)), int(value.get("至", 9999))
    raise LayoutError(f"{at}: “适用.年度”应为一个年度（如 2024），或 {{自: 2020, 至: 2024}}（可只写其一）")


def _occasion_words(when: dict[str, object]) -> str:
    """An edition without 说明, named by what it is for: “单位”, “2020–2024年”."""
    first, last = _years(when.get("年度"), "")
    years = ("" if "年度" not in when else f"{first}年" if first == last else f"{last}年及以前" if not first
             else f"{first}年起" if last == 9999 else f"{first}–{last}年")
    return " ".join(str(w) for w in (when.get("类型", ""), when.get("种类", ""), years) if w)


def _edition_folder(folder: Path, name: object, at: str) -> Path:
    """模板 of an edition: a folder of templates inside the layout's own."""
    candidate = folder / str(name)
    if not isinstance(name, str) or not name or Path(name).is_absolute() or ".." in Path(name).parts \
            or not candidate.is_dir():
        raise LayoutError(f"{at}: “模板”应为本版式文件夹中的一个子文件夹（其中放这个版本改写的模板），"
                          f"不是“{shown_text(name, 40)}”")
    return candidate


def _scratch(layout: Layout) -> Layout:
    """A copy of ``layout`` an edition that does not apply is checked on, leaving it untouched."""
    return replace(layout, folders=list(layout.folders), titles=dict(layout.titles), table_specs=dict(layout.table_specs),
                   table_units=dict(layout.table_units), text_units=dict(layout.text_units),
                   unit_decimals=dict(layout.unit_decimals), table_zeros=dict(layout.table_zeros),
                   table_decimals=dict(layout.table_decimals), table_thousands=dict(layout.table_thousands))


def _base(folder: Path, data: dict[str, object], base_name: object, chain: tuple[Path, ...],
          occasion: Occasion) -> Layout:
    """The layout ``folder``'s 基于 names (a shipped one, or a folder relative to it), loaded; a
    cycle (the same folder again, by whatever path) and a chain too long are refused apart."""
    relative = Path(os.path.normpath(folder / str(base_name)))  # “../上一层” without a growing path
    base_folder = _folder_of(str(base_name)) or (relative if _has_settings(relative) else None)
    where = f"{folder / SETTINGS}{_key_line(data, '基于')}"
    if base_folder is None:
        raise LayoutError(f"{where}: “基于: {shown_text(base_name)}”不是已有的版式")
    if _identity(base_folder) in chain:
        cycle = [*chain[chain.index(_identity(base_folder)):], _identity(base_folder)]
        raise LayoutError(f"{where}: 版式的“基于”形成了循环：{' → '.join(shown_text(_layout_name(f), 20) for f in cycle)}。"
                          "请让其中一个版式基于随附的版式（如 默认、上海）")
    if len(chain) >= _MAX_CHAIN:  # distinct layouts, each based on the next: too long, not a cycle
        first = shown_text(_layout_name(chain[0]), 20)
        raise LayoutError(f"{where}: 版式的“基于”一层接一层超过了 {_MAX_CHAIN} 层（从“{first}”起；这不是循环，而是层级过多）："
                          "请让版式直接基于随附的版式，或减少中间的版式")
    return _load(base_folder, chain, occasion)


def _set_numbering(layout: Layout, levels: object, at: str) -> None:
    if not isinstance(levels, list) or not levels:
        raise LayoutError(f"{at}: “编号”应为各级标题编号的列表，如 [第{{一}}部分, {{一}}、, （{{一}}）, {{1}}., （{{1}}）]")
    layout.numbering = tuple(_numbering(at, "编号", level) for level in levels)


def _set_titles(layout: Layout, titles: object, at: str) -> None:
    if not isinstance(titles, dict) or not all(isinstance(k, str) and isinstance(v, (str, type(None)))
                                                for k, v in titles.items()):
        raise LayoutError(f"{at}: “标题”应为“模板中的标题: 本版式的标题”的映射，如 {{收支预算总体情况: 收入支出预算总体情况说明}}"
                          "（{年} 为年度，{部门} 为部门名称，{市} 为部门名称开头的市名；空字符串表示不要这个标题）")
    layout.titles.update({k: v or "" for k, v in titles.items()})


def _set_unnumbered(layout: Layout, plain: object, at: str) -> None:
    if not isinstance(plain, list) or not all(isinstance(t, str) for t in plain):
        raise LayoutError(f"{at}: “不编号”应为不带编号的标题的列表，如 [部门整体绩效目标]")
    layout.unnumbered = layout.unnumbered | frozenset(plain)


def _set_absent_parts(layout: Layout, parts: object, at: str) -> None:
    if not isinstance(parts, list) or not all(isinstance(p, str) and p in WITHHELD_PARTS for p in parts):
        raise LayoutError(f"{at}: “正文不含”应为本版式正文没有的部分的列表，每项为 {'、'.join(WITHHELD_PARTS)} 之一，如 [人员编制]")
    layout.absent_parts = frozenset(parts)


def _set_required_parts(layout: Layout, parts: object, at: str) -> None:
    if not isinstance(parts, list) or not all(isinstance(p, str) and p in WITHHELD_PARTS for p in parts):
        raise LayoutError(f"{at}: “须公开”应为本地区的规定要求公开的部分的列表，每项为 {'、'.join(WITHHELD_PARTS)} 之一，"
                          "如 [国有资产, 绩效管理]")
    layout.required_parts = frozenset(parts)


def _set_parts(layout: Layout, parts: object, at: str) -> None:
    """部分: the default text's five parts in this layout's order, each once (no part of the source is left out)."""
    if not isinstance(parts, list) or sorted(map(str, parts)) != sorted(PARTS) or len(parts) != len(PARTS):
        raise LayoutError(f"{at}: “部分”应为正文各部分按印出次序的列表，{'、'.join(PARTS)} 各一次，"
                          "如 [概况, 预算表, 预算说明, 其他重要事项, 名词解释]")
    layout.parts = tuple(str(part) for part in parts)


def _set_budget_word(layout: Layout, word: object, at: str) -> None:
    if word not in ("", "预算", None):
        raise LayoutError(f"{at}: “比较措辞”应为 预算（“比2025年预算增加”）或留空（“比2025年增加”）")
    layout.budget_word = str(word or "")


ITEM_LISTS = ("职责", "工作目标", "名词解释")  # the lists whose items a layout may number (条目编号): the overview's, the terms


def list_number(layout: Layout, kind: str, index: int) -> str:
    """The number of the ``index``-th item of the overview's list ``kind`` as ``layout`` prints it (1. by default)."""
    numbering = layout.item_numbering.get(kind)
    return numbering.label(index) if numbering is not None else f"{index}."


def _set_item_numbering(layout: Layout, value: object, at: str) -> None:
    if not isinstance(value, dict) or not all(k in ITEM_LISTS and isinstance(v, str) for k, v in value.items()):
        raise LayoutError(f"{at}: “条目编号”应为“条目: 编号格式”的映射（条目为 {'、'.join(ITEM_LISTS)}），"
                          "如 {职责: '（{一}）', 工作目标: '{1}、'}（空字符串：不编号）")
    layout.item_numbering.update({str(k): Numbering(str(v)) for k, v in value.items()})


def _set_change_rate(layout: Layout, value: object, at: str) -> None:
    if value not in ("印出", "不印"):
        raise LayoutError(f"{at}: “增减率”应为 印出（“比2025年增加27.45万元，增长0.10%”）或 不印（“比2025年增加27.45万元”）")
    layout.change_rate = value == "印出"


def _set_table_numbering(layout: Layout, value: object, at: str) -> None:
    numbering = _numbering(at, "表号", value)
    if not _PATTERN.search(numbering.pattern):  # every table would be labelled alike (“表”, “表”, …)
        raise LayoutError(f"{at}: “表号”应写出表的序号的位置 {{1}}、{{01}} 或 {{一}}（如 表{{1}}、预算{{01}}表；正文不印表号的写 "
                          f"{{格式: 表{{1}}, 正文: false}}），不是“{shown_text(numbering.pattern, 30)}”")
    layout.table_numbering = numbering


def _set_contents(layout: Layout, value: object, at: str) -> None:
    layout.contents = _contents(at, value)


def _set_units(layout: Layout, value: object, at: str) -> None:
    _units(at, value, layout)


def _set_cover(layout: Layout, value: object, at: str) -> None:
    from reportgen.shaping.layout_pages import PageSettingError, cover_spec  # deferred: 2 ms, for a layout with a cover

    try:
        layout.cover = cover_spec(value, at)
    except PageSettingError as exc:
        raise LayoutError(exc.message) from None


def _set_pages(layout: Layout, value: object, at: str) -> None:
    """页面: 横向 (every page landscape) or 竖向 (portrait, a wide table on a landscape page)."""
    if value not in ("横向", "竖向"):
        raise LayoutError(f"{at}: “页面”应为 横向（每一页横排，如上海公开的部门预算）或 竖向（默认：竖排，宽表横排），"
                          f"不是“{shown_text(str(value), 20)}”")
    layout.landscape = value == "横向"


def _set_new_pages(layout: Layout, value: object, at: str) -> None:
    from reportgen.shaping.layout_pages import PageSettingError, new_page_levels  # deferred: as _set_cover's

    try:
        layout.new_page_levels = new_page_levels(value, at)
    except PageSettingError as exc:
        raise LayoutError(exc.message) from None


# The sizes a body may be set in, by their names (GB/T 9704's 三号 for a 公文's body; 四号, 小四 as
# localities publish), and the points a size or an exact line may be given in.
SIZES = {"二号": 22.0, "小二": 18.0, "三号": 16.0, "小三": 15.0, "四号": 14.0, "小四": 12.0, "五号": 10.5}
_POINTS = (9.0, 40.0)


def _set_body_size(layout: Layout, value: object, at: str) -> None:
    size = SIZES.get(value) if isinstance(value, str) else _points(value)
    if size is None or not _POINTS[0] <= size <= 22.0:
        raise LayoutError(f"{at}: “正文字号”应为字号（{'、'.join(SIZES)}）或 9 至 22 之间的磅数，如 正文字号: 三号")
    layout.body_points = size


def _set_body_line(layout: Layout, value: object, at: str) -> None:
    line = _points(value)
    if value != "单倍" and (line is None or not _POINTS[0] <= line <= _POINTS[1]):
        raise LayoutError(f"{at}: “正文行距”应为 单倍，或 9 至 40 之间的磅数（固定值），如 正文行距: 28")
    layout.body_line = line


def _points(value: object) -> float | None:
    """A number of points as YAML gives it (an int, or a Decimal: the safe loader's numbers)."""
    if isinstance(value, bool) or not isinstance(value, (int, float, Decimal)):
        return None
    return float(value)


TABLE_SIZES = {"五号": 10.5, "小五": 9.0, "六号": 7.5}  # the sizes a table is set in (writers/docx/tables.py)
_TABLE_FIT_EXAMPLE = "如 表格排版: {最小字号: 小五, 横排: [${summary}-财务收支]}"  # with_ids


def _set_table_fit(layout: Layout, value: object, at: str) -> None:
    """表格排版: {最小字号: 五号|小五|六号, 横排: [表格编号, …]}."""
    if not isinstance(value, dict) or not value or set(value) - {"最小字号", "横排"}:
        raise LayoutError(f"{at}: “表格排版”应为含 最小字号、横排 的映射，{with_ids(_TABLE_FIT_EXAMPLE)}")
    if "最小字号" in value:
        size = value["最小字号"]
        if not isinstance(size, str) or size not in TABLE_SIZES:
            raise LayoutError(f"{at}: “表格排版.最小字号”应为 {'、'.join(TABLE_SIZES)} 之一，不是“{shown_text(str(size), 20)}”")
        layout.table_smallest = TABLE_SIZES[size]
    if "横排" in value:
        layout.landscape_tables = _landscape(value["横排"], {*shapes(), *layout.table_specs}, at)


def _landscape(tables: object, known: set[str], at: str) -> frozenset[str]:
    """表格排版.横排: the tables set landscape, each one of the ``known`` tables (reportgen's and the layout's)."""
    if not isinstance(tables, list) or not all(isinstance(t, str) for t in tables):
        raise LayoutError(f"{at}: “表格排版.横排”应为表格编号的列表，{with_ids(_TABLE_FIT_EXAMPLE)}")
    unknown = [t for t in tables if t not in known]
    if unknown:
        raise LayoutError(f"{at}: “表格排版.横排”中没有表格“{shown_text(unknown[0], 30)}”，可用：{'、'.join(sorted(known))}")
    return frozenset(tables)


_SPEC_EXAMPLE = ("如 {${spending}-类款项: {基于: ${spending}, 编码: 分列, 合计行: 末行, 表头: 支出预算, "
                 "列名: {科目编码: 功能分类科目编码}}}")
_SPEC_KEYS = {"基于", "编码", "层级", "列", "合计行", "表头", "列名", "行名", "小计行", "类", "纵排", "横排", "表行", "结转与总计", "部门行",
             "科目", "支出用途", "各单位"}


def _set_tables(layout: Layout, value: object, at: str) -> None:
    """表格: {表格编号: 它的形状}, each a table of code re-shaped (tables/specs.py)."""
    if not isinstance(value, dict) or not value:
        raise LayoutError(f"{at}: “表格”应为“表格编号: 形状”的映射，{with_ids(_SPEC_EXAMPLE)}")
    for table_id, spec in value.items():
        where = f"{at.rsplit(':', 1)[0]}{_key_line(value, str(table_id))}" if _key_line(value, str(table_id)) else at
        layout.table_specs[str(table_id)] = _table_spec(str(table_id), spec, where)


def _table_spec(table_id: str, spec: object, at: str) -> TableSpec:
    name = f"表格.{shown_text(table_id, 30)}"
    if not isinstance(spec, dict) or not set(spec) <= _SPEC_KEYS:
        raise LayoutError(f"{at}: “{name}”应为映射，可用的键：{'、'.join(sorted(_SPEC_KEYS))}；{with_ids(_SPEC_EXAMPLE)}")
    base = spec.get("基于", table_id)
    if base not in shapes():
        raise LayoutError(f"{at}: “{name}.基于”应为 reportgen 的一张表：{'、'.join(shapes())}，不是“{shown_text(base, 30)}”")
    _check_spec_choices(spec, name, at)
    columns, labels, band = _spec_columns(spec, name, at, str(base))
    summary = base in SUMMARY_TABLES  # a 收支 table's 层级: its spending side's function lines
    level, lines = ("项", str(spec.get("层级", ""))) if summary else (str(spec.get("层级", "项")), "")
    result = TableSpec(str(base), spec.get("编码") == "分列", level, tuple(columns),
                       spec.get("合计行") == "末行", band, dict(labels), _row_names(spec, name, at), lines,
                       _subtotal_lines(spec, name, at, str(base) if summary else ""), _printed_classes(spec, name, at, summary),
                       _closing_lines(spec, name, at, str(base)),
                       _turned_items(spec, name, at, str(base), "纵排"), _turned_items(spec, name, at, str(base), "横排"),
                       _printed_lines(spec, name, at, str(base)), _department_line(spec, name, at),
                       _economic_sides(spec, name, at, str(base)), _spending_uses(spec, name, at, str(base)),
                       department_total=_department_total(spec, name, at, str(base)),
                       units_in_turn=_units_in_turn(spec, name, at, str(base)))
    if result.function_shaped and base not in (*FUNCTION_TABLES, PROCUREMENT_TABLE):
        raise LayoutError(f"{at}: “{name}”的编码、层级、列、合计行、表头只用于功能分类表（{'、'.join(FUNCTION_TABLES)}）；"
                          f"其他的表只能改“列名”“行名”（{'、'.join(SUMMARY_TABLES)} 还有“层级”）")
    return result


def _printed_lines(spec: dict, name: str, at: str, base: str) -> str:
    """A table's 表行 (printed from the lines its source gives, tables/table_lines.py), checked."""
    form = spec.get("表行", "")
    if form and base not in LINE_TABLES:
        raise LayoutError(f"{at}: “{name}.表行”只用于 {'、'.join(LINE_TABLES)}")
    if form not in ("", *LINE_FORMS):
        raise LayoutError(f"{at}: “{name}.表行”应为 {' 或 '.join(LINE_FORMS)}（编码与名称印在一格或两格），不是“{shown_text(form, 20)}”")
    return str(form)


# The tables whose 科目 a layout may list: the 决算's 基本支出表 (tables/economic.py's final_basic), by side, and its fund
# tables (tables/final_by_function.py's final_fund), the lines they print whether or not the fund spends on them
FINAL_BASIC = f"{role('basic')}-决算"
FINAL_FUND_TABLES = tuple(f"{fund_table(fund)}-决算" for fund in ("政府性基金", "国有资本经营"))


def _economic_sides(spec: dict, name: str, at: str, base: str) -> tuple[tuple[str, ...], ...]:
    """The 决算's 基本支出表's 科目 (the economic codes each side prints, in order), checked: each side a list of
    codes of 类 (3 digits) and 款 (5), each code once; a fund table's (the function codes it lists), one side."""
    sides = spec.get("科目", [])
    if sides and base not in (FINAL_BASIC, *FINAL_FUND_TABLES):
        raise LayoutError(f"{at}: “{name}.科目”只用于 {'、'.join((FINAL_BASIC, *FINAL_FUND_TABLES))}")
    if base in FINAL_FUND_TABLES:
        return _fund_lines(sides, name, at)
    if not _listed_codes(sides, _ECONOMIC_CODE):
        raise LayoutError(f"{at}: “{name}.科目”应为各栏（自左至右）按次序印出的经济分类科目（类、款，各一次；可在编码后写印出的"
                          f"名称）的列表，如 [[301, 30101, 303], [302, 30201, 39906 赠与]]")
    return tuple(tuple(str(code) for code in side) for side in sides)


def _fund_lines(lines: object, name: str, at: str) -> tuple[tuple[str, ...], ...]:
    """A 决算's fund table's 科目 (the function codes it lists), checked: one side."""
    if not isinstance(lines, list) or not _listed_codes([lines], _FUNCTION_CODE):
        raise LayoutError(f"{at}: “{name}.科目”应为按次序印出的功能分类科目（类、款、项，各一次；可在编码后写印出的名称）的列表，"
                          f"如 [208, 20822 大中型水库移民后期扶持基金支出]")
    return (tuple(str(code) for code in lines),) if lines else ()


def _listed_codes(sides: object, pattern: re.Pattern[str]) -> bool:
    """Whether 科目 is a list of sides, each a list of codes ``pattern`` matches, each code once."""
    if not isinstance(sides, list) or not all(isinstance(side, list) for side in sides):
        return False
    matched = [pattern.fullmatch(str(code)) for side in sides for code in side]
    codes = [found.group(1) for found in matched if found]
    return len(codes) == len(matched) and len(set(codes)) == len(codes)


def _subtotal_lines(spec: dict, name: str, at: str, summary: str) -> tuple[str, ...]:
    """A 收支 table's 小计行 (the sums its income side prints above their parts), checked; ``summary`` the 收支 table it
    is of ("" for another: none)."""
    lines = spec.get("小计行", [])
    if lines and not summary:
        raise LayoutError(f"{at}: “{name}.小计行”只用于 {'、'.join(SUMMARY_TABLES)}")
    if not isinstance(lines, list) or not all(line in SUBTOTAL_LINES for line in lines):
        raise LayoutError(f"{at}: “{name}.小计行”应为收入一方印在它的各项之上的合计的列表：{'、'.join(SUBTOTAL_LINES)}")
    if YEAR_FIRST in lines and summary != role("appropriations"):
        raise LayoutError(f"{at}: “{name}.小计行”的 {YEAR_FIRST} 只用于 {role('appropriations')}")
    return tuple(lines)


def _department_line(spec: dict, name: str, at: str) -> bool:
    """A 收入总表 by unit's 部门行 (合计之下: the department's row again under its 合计), checked."""
    if spec.get("部门行", DEPARTMENT_TOTAL) == DEPARTMENT_TOTAL:  # none, or 即合计 (_department_total)
        return False
    if spec["部门行"] != "合计之下" or spec.get("表行") != UNITS_FORM:
        raise LayoutError(f"{at}: “{name}.部门行”只能写“合计之下”，且只用于“表行: {UNITS_FORM}”的表（部门的一行印在合计之下、各单位之上），"
                          f"或写“{DEPARTMENT_TOTAL}”，只用于不写“表行”的{role('income')}（合计一行就是部门的一行，不再另印）")
    return True


UNITS_IN_TURN = "依次"  # 各单位 of a fund's function table: each unit's row and lines under the department's (深圳)


def _units_in_turn(spec: dict, name: str, at: str, base: str) -> bool:
    """A fund's function table's 各单位: 依次 (under the department's row, each unit's row and its lines; the “三公”
    table: under the department's rows, each unit's), checked."""
    if "各单位" not in spec:
        return False
    funds = [*fund_tables(), BASIC_WITH_PROJECTS, role("three_public")]
    if spec["各单位"] != UNITS_IN_TURN or base not in funds or "表行" in spec or "纵排" in spec or "横排" in spec:
        raise LayoutError(f"{at}: “{name}.各单位”只能写“{UNITS_IN_TURN}”，只用于不写“表行”“纵排”“横排”的{'、'.join(funds)}"
                          f"（部门一行之下依次印各单位一行及其各行，如部门的{role('spending')}）")
    return True


DEPARTMENT_TOTAL = "即合计"  # 部门行 of a 收入总表 whose 合计 row is the department's (深圳): not printed again under it


def _department_total(spec: dict, name: str, at: str, base: str) -> bool:
    """A 收入总表's 部门行: 即合计 (its 合计 row the department's own: the department's row not printed again), checked."""
    if spec.get("部门行") != DEPARTMENT_TOTAL:
        return False
    if base != role("income") or "表行" in spec:
        raise LayoutError(f"{at}: “{name}.部门行: {DEPARTMENT_TOTAL}”只用于不写“表行”的{role('income')}（合计一行就是部门的一行，不再另印）")
    return True


def _closing_lines(spec: dict, name: str, at: str, base: str) -> tuple[str, ...]:
    """The 财政拨款收支总表's 结转与总计 (the lines it prints under its 本年 合计: 上年结转, 结转下年, 总计), checked."""
    lines = spec.get("结转与总计", [])
    if lines and base != role("appropriations"):
        raise LayoutError(f"{at}: “{name}.结转与总计”只用于 {role('appropriations')}")
    if not isinstance(lines, list) or not all(line in CLOSING_LINES for line in lines) or len(set(lines)) != len(lines):
        raise LayoutError(f"{at}: “{name}.结转与总计”应为本年合计之下印出的行（各一次）：{'、'.join(CLOSING_LINES)}")
    return tuple(lines)


def _spending_uses(spec: dict, name: str, at: str, base: str) -> tuple[str, ...]:
    """A 收支 table's 支出用途 (the lines it prints in a second spending column beside its function lines), checked:
    基本支出 (with its 类 under it: 基本支出各类) and 项目支出 (USE_LINES), then the totals that column prints on its own
    (USE_TOTALS), each once, in order (USE_ORDER)."""
    lines = spec.get("支出用途", [])
    if lines and base not in SUMMARY_TABLES:
        raise LayoutError(f"{at}: “{name}.支出用途”只用于 {'、'.join(SUMMARY_TABLES)}")
    known = USE_ORDER
    if not isinstance(lines, list) or not all(line in known for line in lines) or not _uses_in_order(lines):
        raise LayoutError(f"{at}: “{name}.支出用途”应为在功能分类之旁另一栏印出的行（按此次序、各一次，至少一项支出）："
                          f"{'、'.join(known)}")
    return tuple(lines)


def _uses_in_order(lines: list[str]) -> bool:
    """Whether 支出用途's lines (each a USE_ORDER's) are in order, each once, a use among them where any is written,
    基本支出各类 only with 基本支出."""
    return lines == sorted(lines, key=USE_ORDER.index) and len(set(lines)) == len(lines) \
        and (not lines or bool(set(lines) & set(USE_LINES))) and (USE_CLASSES not in lines or USE_LINES[0] in lines)


def _printed_classes(spec: dict, name: str, at: str, summary: bool) -> tuple[str, ...]:
    """A 收支 table's 类 (the lines its spending side prints whether or not the department spends on them), checked."""
    lines = spec.get("类", [])
    if lines and not summary:
        raise LayoutError(f"{at}: “{name}.类”只用于 {'、'.join(SUMMARY_TABLES)}")
    if not isinstance(lines, list) or not all(isinstance(line, str) and line for line in lines) \
            or len(set(lines)) != len(lines):
        raise LayoutError(f"{at}: “{name}.类”应为支出一方按次序印出的各行的名称（各一次），如 [一般公共服务支出, 外交支出]")
    return tuple(lines)


def _turned_items(spec: dict, name: str, at: str, base: str, key: str) -> tuple[str, ...]:
    """The “三公”经费 table's 纵排 (its items printed as rows, in order) or 横排 (as the columns of one 合计 row), checked."""
    items = spec.get(key, [])
    if items and base != role("three_public"):
        raise LayoutError(f"{at}: “{name}.{key}”只用于 {role('three_public')}")
    if items and key == "横排" and spec.get("纵排"):
        raise LayoutError(f"{at}: “{name}”的纵排与横排只能写一个")
    _check_fund_columns(spec, name, at, base, key)
    allowed = _TURNED_ALLOWED[key]
    if not isinstance(items, list) or not all(item in allowed for item in items) or len(set(items)) != len(items):
        raise LayoutError(f"{at}: “{name}.{key}”应为按次序印出的项目（各一次）：{'、'.join(allowed)}")
    return tuple(items)


# The items 纵排 and 横排 may list: 行政经费 is a row above the items (广州, 珠海), never a column
_TURNED_ALLOWED = {"纵排": TURNED_ROWS, "横排": ACROSS_ITEMS}


def _check_fund_columns(spec: dict, name: str, at: str, base: str, key: str) -> None:
    """The “三公”经费 table's 列 without 纵排: the funds each item is printed over, 合计 not among them."""
    if key == "纵排" and base == role("three_public") and not spec.get(key) and "合计" in spec.get("列", []):
        raise LayoutError(f"{at}: “{name}.列”不纵排时是各项按资金分的栏（如 [一般公共预算, 政府性基金, 国有资本经营]），"
                          f"合计只在纵排时印作一栏")


def _row_names(spec: dict, name: str, at: str) -> dict[str, str]:
    """A table's 行名 (a row's label → this layout's), checked."""
    names = spec.get("行名", {})
    if not isinstance(names, dict) or not all(isinstance(k, str) and isinstance(v, str) and v for k, v in names.items()):
        raise LayoutError(f"{at}: “{name}.行名”应为“表中的行名: 本版式的行名”的映射，如 {{一般公共预算拨款: 一般公共预算收入}}")
    return {str(k): str(v) for k, v in names.items()}


def _check_spec_choices(spec: dict, name: str, at: str) -> None:
    """A table's 编码, 层级 and 合计行, each one of the words it may be; LayoutError else."""
    choices = {"编码": ("分列", "合并"), "层级": tuple(LEVELS), "合计行": ("首行", "末行")}
    for key, allowed in choices.items():
        if key in spec and spec[key] not in allowed:
            raise LayoutError(f"{at}: “{name}.{key}”应为 {' 或 '.join(allowed)}，不是“{shown_text(spec[key], 20)}”")


def _check_columns(columns: object, name: str, at: str, base: str) -> None:
    """A table's 列: a function table's amount columns; the 收入总表 by function's, each once, in its order; the
    财政拨款收支总表's spending columns, in theirs. None written ([]): the table's own."""
    if columns == []:
        return
    allowed, fits, said = _COLUMN_RULES.get(base, _COLUMN_RULES[""])
    if not isinstance(columns, list) or not fits(columns, allowed):
        raise LayoutError(f"{at}: “{name}.列”应为{said}：{'、'.join(allowed)}")


def _each_once(columns: list, allowed: tuple[str, ...]) -> bool:
    return all(c in allowed for c in columns) and len(set(columns)) == len(columns)


def _each_once_or_part(columns: list, allowed: tuple[str, ...]) -> bool:
    """Each column once, of ``allowed`` or headed 其中： (其中栏: a part of a column, source/printed_parts.py)."""
    known = [c for c in columns if not (isinstance(c, str) and c.startswith(PART) and len(c) > len(PART))]
    return _each_once(known, allowed) and len(set(columns)) == len(columns)


def _in_order(columns: list, allowed: tuple[str, ...]) -> bool:
    return columns == [c for c in allowed if c in columns]


def _total_first(columns: list, allowed: tuple[str, ...]) -> bool:
    return columns[:1] == [allowed[0]] and _in_order(columns, allowed)


def _fiscal_fits(columns: list, allowed: tuple[str, ...]) -> bool:
    """The 财政拨款收支总表's 列: its spending columns by fund, or 合计 with this year's and the carry-over's by line."""
    by_line = [c for c in columns if c in SUMMARY_COLUMNS[1:]]
    return _in_order(columns, allowed) and (not by_line or columns == ["合计", *by_line])


def _known(columns: list, allowed: tuple[str, ...]) -> bool:
    return all(c in allowed for c in columns)


# 列 by the table a spec is based on: (the columns it may name, how they must be named, what the message calls them)
_COLUMN_RULES: dict[str, tuple[tuple[str, ...], Callable[[list, tuple[str, ...]], bool], str]] = {
    INCOME_TABLE: (INCOME_COLUMNS, _each_once_or_part,
                   "按功能分类列收入的表的金额列（按印出的次序，各一次；一栏旁印出的“其中：…”栏写作“其中：名称”）"),
    role("income"): ((*INCOME_OWN_COLUMNS, *INCOME_CARRIED.values()), _in_order,
                     "印出的各栏（写合计时列出全部金额栏）与上年结转之后按资金印出的各栏（按此次序，各一次）"),
    role("summary"): (SUMMARY_COLUMNS, _total_first, "收入、支出两方各印出的金额栏（合计在先，按此次序，各一次）"),
    role("appropriations"): ((*FISCAL_COLUMNS, *SUMMARY_COLUMNS[1:]), _fiscal_fits,
                             "支出一方印出的金额栏（按此次序，各一次；当年预算、上年结转结余只与合计同列，两方都印）"),
    FINANCE_TABLE: (FINANCE_COLUMNS, _total_first, "支出一方印出的金额栏（合计在先，按此次序，各一次）"),
    role("projects"): (PROJECT_COLUMNS, _each_once, "项目名称之后印出的各栏（按印出的次序，各一次）"),
    BASIC_BY_DEPARTMENT: (BASIC_COLUMNS, _in_order, "印出的金额栏（按此次序，各一次）"),
    role("three_public"): (THREE_PUBLIC_COLUMNS, _each_once, "纵排的各项之后印出的各栏（按印出的次序，各一次）"),
    "": (FUNCTION_COLUMNS, _known, "功能分类表的金额列（按表中的顺序）"),
    "表行": (LINE_COLUMNS, _each_once_or_part, "表行的金额列（按印出的次序，各一次；一栏旁印出的“其中：…”栏写作“其中：名称”）"),
    PROCUREMENT_TABLE: (PROCUREMENT_COLUMNS, _each_once, "按功能分类与资金印出的政府采购表的金额列（按印出的次序，各一次）"),
}


def _spec_columns(spec: dict, name: str, at: str, base: str) -> tuple[list, dict, str]:
    """A table's 列 (function table columns; the 收入总表 by function's, in its order), 列名 (names as this layout's)
    and 表头, each checked."""
    columns, labels, band = spec.get("列", []), spec.get("列名", {}), spec.get("表头", "")
    _check_columns(columns, name, at, "表行" if spec.get("表行") else base)
    if not isinstance(labels, dict) or not all(isinstance(k, str) and isinstance(v, str) and v for k, v in labels.items()):
        raise LayoutError(f"{at}: “{name}.列名”应为“表中的列名: 本版式的列名”的映射，如 {{科目编码: 功能分类科目编码}}")
    if not isinstance(band, str):
        raise LayoutError(f"{at}: “{name}.表头”应为文字（金额列上方的表头，如 支出预算）")
    return columns, labels, band


_LIST_EXAMPLE = ("如 表格清单: {去掉: [${projects}], 加入: [${running_costs}], 在后: {${basic}: ${spending}}, "
                 "另起一页: 全部, 编制: 编制部门：, 部门名称: 不印}")
_LIST_KEYS = {"去掉", "加入", "在后", "另起一页", "编制", "部门名称", "表", "未列的表"}
_ENTRY_EXAMPLE = "如 表格清单: {表: [{表: ${summary}, 表号: 1, 标题: 收支总体情况表}, {表: ${procurement}, 表号: 12}]}"
_MAX_TABLE_NUMBER = 99
_DEPARTMENT_LINES = ("印出", "不印")
_NEW_PAGES = ("全部", "首张以外", "否")


def _set_table_list(layout: Layout, value: object, at: str) -> None:
    """表格清单: what the layout does to the default's list of tables (tablekinds) — drops, adds, moves —
    and how it sets each table (另起一页, 编制); each table named must be a defined kind."""
    if not isinstance(value, dict) or not set(value) <= _LIST_KEYS:
        raise LayoutError(f"{at}: “表格清单”应为映射，可用的键：{'、'.join(sorted(_LIST_KEYS))}；{with_ids(_LIST_EXAMPLE)}")
    known = set(tablekinds.by_id())
    _check_list_edits(value, known, at)
    _check_table_setting(value, layout.tables_new_page, at)
    if "表" in value:
        layout.table_entries = _table_entries(value["表"], known, at)
    edits = [(key, value[key]) for key in ("去掉", "加入", "在后") if key in value]
    layout.table_edits = (*layout.table_edits, *edits)
    layout.tables_new_page = str(value.get("另起一页", layout.tables_new_page))
    layout.tables_label = str(value.get("编制", layout.tables_label))
    if "部门名称" in value:
        layout.tables_department = value["部门名称"] == "印出"
    if "未列的表" in value:
        layout.unlisted_printed = value["未列的表"] == "印出"


def _check_list_edits(value: dict, known: set[str], at: str) -> None:
    """表格清单's 去掉 and 加入 (lists of tables) and 在后 (a table: the table it follows), each naming defined
    kinds only; LayoutError else."""
    for key in ("去掉", "加入"):
        ids = value.get(key, [])
        if not isinstance(ids, list) or not all(isinstance(i, str) and i in known for i in ids):
            raise LayoutError(f"{at}: “表格清单.{key}”应为表的编号的列表（{'、'.join(sorted(known))}）；{with_ids(_LIST_EXAMPLE)}")
    moves = value.get("在后", {})
    if not isinstance(moves, dict) or not all(k in known and v in known for k, v in moves.items()):
        raise LayoutError(f"{at}: “表格清单.在后”应为“表的编号: 它之前的表的编号”的映射；{with_ids(_LIST_EXAMPLE)}")


def _check_table_setting(value: dict, new_page: str, at: str) -> None:
    """How 表格清单 sets each table — 另起一页, 编制 and 部门名称 — each one of the words it may be; LayoutError else."""
    if value.get("另起一页", new_page) not in _NEW_PAGES:
        raise LayoutError(f"{at}: “表格清单.另起一页”应为 {'、'.join(_NEW_PAGES)}")
    if not isinstance(value.get("编制", ""), str):
        raise LayoutError(f"{at}: “表格清单.编制”应为文字（表上部门名称前的文字，如 编制部门：）")
    if value.get("部门名称", "印出") not in _DEPARTMENT_LINES:
        raise LayoutError(f"{at}: “表格清单.部门名称”应为 {'、'.join(_DEPARTMENT_LINES)}（表上是否印部门名称一行）")
    if value.get("未列的表", "不印") not in _DEPARTMENT_LINES:
        raise LayoutError(f"{at}: “表格清单.未列的表”应为 {'、'.join(_DEPARTMENT_LINES)}（“表”没有列出的默认的表是否接着印出）")


def _table_entries(value: object, known: set[str], at: str) -> tuple[TableEntry, ...]:
    """表格清单.表: the tables in order, each {表: 表的编号, 表号: N, 标题: 文字} (表号 and 标题 may be left out); each
    table once, each number once."""
    if not isinstance(value, list) or not value:
        raise LayoutError(f"{at}: “表格清单.表”应为各表的列表（按印出的顺序）；{with_ids(_ENTRY_EXAMPLE)}")
    entries: list[TableEntry] = []
    for index, item in enumerate(value, 1):
        where = f"{at}: “表格清单.表”的第 {index} 项"
        entry = _table_entry(item, known, where)
        _check_listed_once(entry, entries, where)
        entries.append(entry)
    return tuple(entries)


def _table_entry(item: object, known: set[str], where: str) -> TableEntry:
    """One item of 表格清单.表, checked: a mapping of 表 (one of the ``known`` tables), 表号 (0 to the greatest
    number) and 标题 (text), the last two optional."""
    if not isinstance(item, dict) or not set(item) <= {"表", "印出表", "表号", "标题", "印在"} or \
            len({"表", "印出表"} & set(item)) != 1:
        raise LayoutError(f"{where}应为含“表”的映射（或含“印出表”：源文件照印的一张表的表名），可用的键：表、表号、标题、印出表、"
                          f"印在；{with_ids(_ENTRY_EXAMPLE)}")
    kind, number, title = item.get("表", ""), item.get("表号", 0), item.get("标题", "")
    printed = _printed_name(item, where)
    if "表" in item and (not isinstance(kind, str) or kind not in known):
        raise LayoutError(f"{where}：“表”应为表的编号之一（{'、'.join(sorted(known))}），不是“{shown_text(str(kind), 30)}”")
    if type(number) is not int or not 0 <= number <= _MAX_TABLE_NUMBER:
        raise LayoutError(f"{where}：“表号”应为 1 至 {_MAX_TABLE_NUMBER} 的整数（按 表号 的格式印出，如 公开表12），"
                          f"不是“{shown_text(str(number), 20)}”")
    if not isinstance(title, str):
        raise LayoutError(f"{where}：“标题”应为文字（表上印出的标题，{{年}} 为年度，{{部门}} 为部门名称）")
    return TableEntry(kind, number, title, printed, _under(item, where))


def _under(item: dict[str, Any], where: str) -> tuple[str, ...]:
    """An item's 印在: the headings (their words, outermost first) a table held as printed (印出表) is printed under in
    the text; () where it names none. LayoutError where it is no list of texts, or given a kind's table."""
    under = item.get("印在", [])
    if "印在" in item and ("印出表" not in item or not isinstance(under, list) or not under
                           or not all(isinstance(words, str) and words.strip() for words in under)):
        raise LayoutError(f"{where}：“印在”应为照印的表（印出表）印在其下的各级标题的字样的列表（由外到内，如"
                          f"[{{年}}年部门预算情况说明, 预算绩效管理情况]），不是“{shown_text(str(under), 30)}”")
    return tuple(under)


def _printed_name(item: dict[str, Any], where: str) -> str:
    """An item's 印出表: the 表名 of a table the source holds as printed ("" where it names none); LayoutError where it
    is no text."""
    printed = item.get("印出表", "")
    if not isinstance(printed, str) or "印出表" in item and not printed.strip():
        raise LayoutError(f"{where}：“印出表”应为源文件“印出表”中一张表的表名（照印），不是“{shown_text(str(printed), 30)}”")
    return printed


def _check_listed_once(entry: TableEntry, entries: list[TableEntry], where: str) -> None:
    """Refused (LayoutError) where ``entry``'s table, or its number, is among the ``entries`` listed before it."""
    kind, number = entry.printed or entry.kind, entry.number
    named = {e.printed or e.kind for e in entries}
    if kind in named or number and number in {e.number for e in entries}:
        twice = f"表“{kind}”" if kind in named else f"表号 {number}"
        raise LayoutError(f"{where}：{twice}已在前面列出：每张表、每个表号只能列一次")


# What each setting of a 版式.yaml does to the layout it is based on, in the order they apply;
# ``at`` is the file and line of the setting, for a message.
_SETTINGS: dict[str, Callable[[Layout, object, str], None]] = {
    "编号": _set_numbering, "表号": _set_table_numbering, "目录": _set_contents, "标题": _set_titles,
    "展示": _set_units, "不编号": _set_unnumbered, "比较措辞": _set_budget_word, "增减率": _set_change_rate, "表格": _set_tables,
    "正文字号": _set_body_size, "正文行距": _set_body_line, "表格排版": _set_table_fit, "封面": _set_cover,
    "新页": _set_new_pages, "页面": _set_pages, "表格清单": _set_table_list, "正文不含": _set_absent_parts,
    "须公开": _set_required_parts, "部分": _set_parts, "条目编号": _set_item_numbering,
}
# an edition (版本) changes the same settings, and may add a folder of templates (模板)
_EDITION_KEYS = {"适用", "说明", "模板", "工作簿", *_SETTINGS}


def _units(file: str, value: object, layout: Layout) -> None:
    """展示: {表格单位: {表格: 元|万元}, 正文单位: {部分: 元|万元}}, with the names the source's 展示 takes."""
    known = {"表格单位": {"全部", "整体绩效目标表", "项目绩效目标表", *(t for t, _ in registry())}, "正文单位": {"全部", *TEXT_PARTS}}
    if not isinstance(value, dict) or not set(value) <= {*known, "小数位", "表格零值", "表格小数位", "表格千分位"}:
        raise LayoutError(f"{file}: “展示”应为 {{表格单位: {{全部: 元}}, 正文单位: {{全部: 万元}}, 小数位: {{元: 0}}, "
                          f"表格零值: {{{role('summary')}: 空白}}, 表格小数位: {{全部: 6}}, 表格千分位: {{全部: false}}}}")
    for key, units in value.items():
        if key == "小数位":
            layout.unit_decimals.update(_unit_decimals(file, units))
            continue
        if key == "表格小数位":
            layout.table_decimals.update(_table_decimals(file, units, known["表格单位"]))
            continue
        if key == "表格零值":
            layout.table_zeros.update(_table_zeros(file, units, known["表格单位"]))
            continue
        if key == "表格千分位":
            layout.table_thousands.update(_table_thousands(file, units, known["表格单位"]))
            continue
        (layout.table_units if key == "表格单位" else layout.text_units).update(_named_units(file, key, units, known[key]))


def _named_units(file: str, key: str, units: object, known: set[str]) -> dict[str, str]:
    """展示.表格单位 or 展示.正文单位: {名称: 元|万元}, each name one of the ``known`` tables or parts."""
    if not isinstance(units, dict):
        raise LayoutError(f"{file}: “展示.{key}”应为“名称: 元 或 万元”的映射")
    for name, unit in units.items():
        if name not in known:
            raise LayoutError(f"{file}: “展示.{key}”中没有“{shown_text(name, 20)}”，可用：{'、'.join(sorted(known))}")
        if unit not in _UNITS:
            raise LayoutError(f"{file}: “展示.{key}.{shown_text(name, 20)}”应为 元 或 万元，不是“{shown_text(unit, 20)}”")
    return {str(k): str(v) for k, v in units.items()}


def _table_zeros(file: str, value: object, tables: set[str]) -> dict[str, str]:
    """展示.表格零值: {表格: 空白|印出|照源文件} — whether a table's zero amounts are left blank, printed,
    or printed where the source states them (blank where it gives no figure)."""
    if not isinstance(value, dict):
        raise LayoutError(f"{file}: “展示.表格零值”应为“表格: 空白、印出 或 照源文件”的映射，如 {{{role('summary')}: 空白}}")
    for name, how in value.items():
        if name not in tables:
            raise LayoutError(f"{file}: “展示.表格零值”中没有“{shown_text(str(name), 20)}”，可用：{'、'.join(sorted(tables))}")
        if how not in ("空白", "印出", AS_STATED):
            raise LayoutError(f"{file}: “展示.表格零值.{shown_text(str(name), 20)}”应为 空白（金额为零的单元格留空）、印出"
                              f"或 照源文件（源文件写了的零印出，没写的留空），不是“{shown_text(str(how), 20)}”")
    return {str(name): str(how) for name, how in value.items()}


_MAX_TABLE_PLACES = 6  # 北京's 万元 tables: 32,365.090089 (to the 分 in 万元)


def _table_decimals(file: str, value: object, tables: set[str]) -> dict[str, int]:
    """展示.表格小数位: {表格: 小数位} — the decimals a table prints its amounts with (全部: every table)."""
    if not isinstance(value, dict) or not all(type(v) is int and 0 <= v <= _MAX_TABLE_PLACES for v in value.values()):
        raise LayoutError(f"{file}: “展示.表格小数位”应为“表格: 小数位”的映射（小数位 0–{_MAX_TABLE_PLACES}），"
                          "如 {全部: 6}（北京的万元表印到 32,365.090089）")
    unknown = [str(name) for name in value if name not in tables]
    if unknown:
        raise LayoutError(f"{file}: “展示.表格小数位”中没有“{shown_text(unknown[0], 20)}”，可用：{'、'.join(sorted(tables))}")
    return {str(name): int(places) for name, places in value.items()}


def _table_thousands(file: str, value: object, tables: set[str]) -> dict[str, bool]:
    """展示.表格千分位: {表格: true|false} — whether a table prints its amounts with the thousands' commas (全部: every
    table)."""
    if not isinstance(value, dict) or not all(type(v) is bool for v in value.values()):
        raise LayoutError(f"{file}: “展示.表格千分位”应为“表格: true 或 false”的映射（false：千以上的数不分节，如 96282213.44），"
                          f"如 {{全部: false}} 或 {{{role('summary')}: true}}")
    unknown = [str(name) for name in value if name not in tables]
    if unknown:
        raise LayoutError(f"{file}: “展示.表格千分位”中没有“{shown_text(unknown[0], 20)}”，可用：{'、'.join(sorted(tables))}")
    return {str(name): bool(grouped) for name, grouped in value.items()}


def _unit_decimals(file: str, value: object) -> dict[str, int]:
    """展示.小数位: {元: 0} — the decimals of the amounts shown in each unit."""
    if (not isinstance(value, dict) or not set(value) <= set(_UNITS)
            or not all(type(v) is int and 0 <= v <= 4 for v in value.values())):
        raise LayoutError(f"{file}: “展示.小数位”应为“单位: 小数位”的映射，如 {{元: 0}}（单位为 元 或 万元，小数位 0–4）")
    return {str(unit): int(places) for unit, places in value.items()}


def _numbering(file: str, key: str, value: object) -> Numbering:
    if isinstance(value, str):
        return Numbering(str(value))  # a plain str, not the LocStr read from the file: the same whether read or cached
    if isinstance(value, dict) and set(value) <= {"格式", "正文"} and isinstance(value.get("格式"), str):
        return Numbering(str(value["格式"]), bool(value.get("正文", True)))
    raise LayoutError(f"{file}: “{key}”的每一项应为编号格式（如 “{{一}}、” 或 “表{{1}}”），"
                      f"或 {{格式: …, 正文: false}}（正文不显示编号，只在目录中显示）")


def _contents(file: str, value: object) -> Contents | None:
    if value in (False, None):
        return None
    if value is True:
        return Contents()
    if isinstance(value, dict) and set(value) <= {"标题", "层级", "表格", "单独成页"}:
        depth = value.get("层级", 1)
        if not isinstance(depth, int) or isinstance(depth, bool) or not 1 <= depth <= 5:
            raise LayoutError(f"{file}: “目录.层级”应为 1 到 5 的整数（目录列出的标题层级）")
        if not isinstance(value.get("单独成页", False), bool):
            raise LayoutError(f"{file}: “目录.单独成页”应为 true（目录单独占一页）或 false")
        return Contents(str(value.get("标题", "目 录")), depth, bool(value.get("表格", True)),
                        bool(value.get("单独成页", False)))
    raise LayoutError(f"{file}: “目录”应为 true/false，或 {{标题: 目 录, 层级: 1, 表格: true, 单独成页: true}}")


__all__ = ["Contents", "Layout", "LayoutError", "Numbering", "Occasion", "TableEntry", "editions_of", "resolve", "shipped"]
