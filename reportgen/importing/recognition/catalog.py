"""What import recognises, as data: the tables of each kind defined (reportgen/tablekinds: 导入 — its
names, shape and fund, and the names and 表码 of the chosen layout and those it is based on), then the
column and row words (and the 决算's tables) of ``导入.yaml`` in the default layout's folder, extended by
the chosen layout's own ``导入.yaml``."""

from __future__ import annotations

import functools
from dataclasses import dataclass, field, replace
from pathlib import Path

from reportgen import tablekinds
from reportgen.base.patterns import regex
from reportgen.reading.yamlsafe import parse_yaml
from reportgen.shaping import layouts

FILE = "导入.yaml"
_SPACE = regex(r"\s+")
# quotation marks, set as the typesetter chose (“三公”, "三公", ‘三公’, 「三公」, or dropped): compared without them
_QUOTES = regex("[\"'“”‘’「」『』＂＇]")
_NOTE = regex(r"（[^（）]*）$")
_INCOME_END = regex(r"收入$")
_FUNDS_END = regex(r"(?<=收入)资金$")


# (asked of every header and name cell on every pass over a table's rows: 14,536 times of 1,377 texts in fresh1's
# first six files)
@functools.lru_cache(maxsize=16384)
def normalized(text: str) -> str:
    """Text compared without its spaces and quotation marks, and with full-width brackets and colons."""
    return _QUOTES.sub("", _SPACE.sub("", text)).replace("(", "（").replace(")", "）").replace(":", "：").replace("\u3000", "")


@dataclass
class TableKind:
    id: str  # 收支总表, 收入总表, … (the 表格单位 names of the source format)
    names: list[str] = field(default_factory=list)
    codes: list[str] = field(default_factory=list)  # 表码: 3.12, 2.12
    shape: str = "科目"  # 科目 (rows of codes), 两栏 (income left, spending right), 一行 (one row of items)
    fund: str = ""  # the fund a function table is of (一般公共预算, 政府性基金, 国有资本经营)
    required: bool = True  # a disclosure must publish it (必备: 否 for one a locality may leave out)
    final: bool = False  # a table of the 部门决算 (种类: 决算): reconciled, never read as a budget's
    # header words this kind alone gives a meaning (表 … 列: 本年收入 heads a column of its own in a 决算's
    # 政府性基金 table, where a budget's tables print it over others): normalized word → meaning
    columns: dict[str, str] = field(default_factory=dict)


@dataclass
class TitleWords:
    """How the regions word a table's title (导入.yaml 表名): the prefixes dropped before a name
    (部门, 本年 …), each local ending and the national one it stands for (总体情况表 → 总表), the endings
    a title names a table by only where as printed it names none (江苏's 收支预算总表 → 收支总表), and the
    words that, before a known name, make it another table (项目支出总表 is not the 支出总表)."""

    prefixes: list[str] = field(default_factory=list)
    endings: dict[str, str] = field(default_factory=dict)
    second_endings: dict[str, str] = field(default_factory=dict)
    # how a department's name ends (院, 厅, 局 …): a title of a year may name it before the table's name
    owner_endings: list[str] = field(default_factory=list)
    # how a region's name ends (县, 区 …): a title naming one before its year is that region's table (地区名称结尾)
    region_endings: list[str] = field(default_factory=list)
    # names that name their table only as the whole title (山东's 收入预算表), never ending a longer one (只作全名)
    whole_only: set[str] = field(default_factory=set)
    qualifiers: list[str] = field(default_factory=list)
    # a title naming no table, known by what it holds (按内容): kind → (the codes its rows print: 功能分类 or
    # 经济分类, the words its title holds); and the words that make a title another table's (按内容另作他表)
    by_content: dict[str, tuple[str, list[str]]] = field(default_factory=dict)
    content_others: list[str] = field(default_factory=list)
    # a word of a title's bracketed note → the kinds a title so noted is none of (括注另作他表: 经济分类 → the
    # tables set out by function; 按单位 → the tables whose rows are the classification's, not units)
    note_others: dict[str, list[str]] = field(default_factory=dict)


@dataclass
class Catalog:
    tables: list[TableKind]
    columns: dict[str, str]  # normalized header words → meaning
    income_rows: dict[str, str]  # normalized row label → 收入 key
    spending_rows: dict[str, str]
    titles: TitleWords = field(default_factory=lambda: TitleWords())
    # normalized row label → item, of a “三公” table printed turned (its items down the rows)
    item_rows: dict[str, str] = field(default_factory=dict)
    # words of a row of such a table that counts, not spends (团组数, 保有量 …: 三公经费统计数)
    item_counts: list[str] = field(default_factory=list)
    # words naming an economic 款's own line that the “三公”经费 leave out (北京's 3021203 科研类出国（境）费用)
    outside_three_public: list[str] = field(default_factory=list)
    # the words a label column's header names the unit each row is of by, and the rows' kind by (按单位列出:
    # 单位, 类别; by_unit.py)
    by_unit: list[str] = field(default_factory=list)
    by_kind: list[str] = field(default_factory=list)
    # a title's words → the department's total its 合计 is (按单位列出 合计: 基本支出, 项目支出)
    by_unit_totals: dict[str, str] = field(default_factory=dict)
    # an economic 款 → the function 项s whose 基本支出 is the same spending (同一支出; final_across.py)
    same_spending: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def of_kind(self, kind: TableKind) -> Catalog:
        """The catalog a table of ``kind`` is read by: the shared header words and the kind's own."""
        return replace(self, columns={**self.columns, **kind.columns}) if kind.columns else self

    def column_words(self) -> list[tuple[str, str]]:
        return list(self.columns.items())

    def income_key(self, label: str) -> str:
        """The source of income a 两栏 table's row label names, as written or as the national template
        words it (事业收入（不含教育收费）, 一般公共预算收入: a note after it or 收入 ending it aside), or as a table
        naming every source by its money words it (重庆's 收支总表: 一般公共预算资金 … 五、事业收入资金 … 九、其他收入资金, the
        资金 the national template ends a fund's name with set after a source's 收入); "" for none."""
        if label in self.income_rows:
            return self.income_rows[label]
        plain = _FUNDS_END.sub("", _NOTE.sub("", label))
        return self.income_rows.get(plain) or self.income_rows.get(_INCOME_END.sub("", plain), "")


def load(layout_name: str | None) -> Catalog:
    """The catalog of the default layout, extended by ``layout_name``'s (a shipped name or folder)."""
    folders = [layouts.SHIPPED / "default"]
    lineage: tuple[str, ...] = (layouts.DEFAULT,)
    if layout_name:
        chosen = layouts.resolve(layout_name)
        folders += [f for f in reversed(chosen.folders) if f not in folders]
        lineage = chosen.lineage
    catalog = Catalog(defined_kinds(lineage), {}, {}, {})
    for kind in tablekinds.kinds():
        for meaning, words in (kind.recognition.columns if kind.recognition else {}).items():
            catalog.columns.update({normalized(word): meaning for word in words})
    for folder in folders:
        path = folder / FILE
        if path.is_file():
            _extend(catalog, _parsed(path))
    return catalog


def defined_kinds(lineage: tuple[str, ...]) -> list[TableKind]:
    """The table kinds import knows from their definitions (tablekinds: 导入), with the names and 表码
    that the layouts of ``lineage`` add."""
    found = []
    for defined in tablekinds.kinds():
        known = defined.recognition
        if known is None:
            continue
        kind = TableKind(defined.id, [normalized(n) for n in known.names], [], known.shape, known.fund, known.required)
        for name in reversed(lineage):
            names, codes = known.by_layout.get(name, ((), ()))
            kind.names += [normalized(n) for n in names]
            kind.codes += list(codes)
        found.append(kind)
    return found


# Each catalog file's data, parsed once per process while the file is unchanged (its size and time the
# same): a review of a folder imports every document with the same catalog, as the vocabularies are read once.
_PARSED: dict[tuple[str, int, int], object] = {}
_KEPT = 16


def _parsed(path: Path) -> object:
    info = path.stat()
    key = (str(path), info.st_mtime_ns, info.st_size)
    if key not in _PARSED:
        if len(_PARSED) >= _KEPT:
            _PARSED.pop(next(iter(_PARSED)))
        _PARSED[key] = parse_yaml(path.read_bytes(), str(path))
    return _PARSED[key]


def _extend(catalog: Catalog, data: object) -> None:
    """``catalog`` extended by one 导入.yaml's data: its tables, their titles, and the words of columns and rows."""
    if not isinstance(data, dict):
        return
    _extend_tables(catalog.tables, data.get("表") or {})
    _extend_titles(catalog.titles, data.get("表名") or {})
    catalog.outside_three_public += _words(data.get("三公口径外"))
    catalog.item_counts += _words(data.get("三公经费统计数"))
    _extend_by_unit(catalog, data.get("按单位列出") or {})
    for code, codes in (data.get("同一支出") or {}).items():
        catalog.same_spending[str(code)] = tuple(str(c) for c in codes)
    for section, target in (("列", catalog.columns), ("收入项目", catalog.income_rows),
                            ("支出项目", catalog.spending_rows), ("三公经费各行", catalog.item_rows)):
        target.update(_meanings(data.get(section)))


def _words(listed: object) -> list[str]:
    """A list of words (absent or empty: none), each normalized."""
    return [normalized(str(word)) for word in listed or []]  # type: ignore[attr-defined]


def _meanings(by_meaning: object) -> dict[str, str]:
    """Meaning → its words (absent: none), turned word → meaning, each word normalized."""
    return {normalized(str(word)): str(meaning)
            for meaning, words in (by_meaning or {}).items() for word in words}  # type: ignore[attr-defined]


def _extend_tables(tables: list[TableKind], data: dict) -> None:
    """Each table kind of 表 extended (or added, for a kind no definition names) by its names, 表码, shape, fund,
    whether it is required and of the 决算, and its own column words."""
    kinds = {kind.id: kind for kind in tables}
    for table_id, spec in data.items():
        kind = kinds.get(str(table_id))
        if kind is None:
            kind = kinds[str(table_id)] = TableKind(str(table_id))
            tables.append(kind)
        kind.names += [normalized(str(n)) for n in spec.get("名称", [])]
        kind.codes += [str(c) for c in spec.get("表码", [])]
        kind.shape = str(spec.get("形状", kind.shape))
        kind.fund = str(spec.get("资金", kind.fund))
        kind.required = spec.get("必备", kind.required) not in (False, "否")
        kind.final = str(spec.get("种类", "决算" if kind.final else "预算")) == "决算"
        kind.columns.update(_meanings(spec.get("列")))


def _extend_by_unit(catalog: Catalog, by_unit: object) -> None:
    """The words of a table listed by unit (按单位列出): its unit and kind columns, and what its 合计 totals."""
    if not isinstance(by_unit, dict):
        return
    catalog.by_unit += _words(by_unit.get("单位"))
    catalog.by_kind += _words(by_unit.get("类别"))
    catalog.by_unit_totals.update(_meanings(by_unit.get("合计")))


def _extend_titles(titles: TitleWords, data: object) -> None:
    """How titles are worded (表名): prefixes, endings, qualifiers, the endings of owners' and regions' names."""
    if not isinstance(data, dict):
        return
    titles.prefixes += _words(data.get("前缀"))
    titles.endings.update(_renamed(data.get("结尾")))
    titles.second_endings.update(_renamed(data.get("又作结尾")))
    titles.qualifiers += _words(data.get("另一张表"))
    titles.owner_endings += _words(data.get("部门名称结尾"))
    titles.region_endings += _words(data.get("地区名称结尾"))
    titles.whole_only.update(_words(data.get("只作全名")))
    _extend_by_content(titles, data)


def _renamed(endings: object) -> dict[str, str]:
    """A local word → the word it stands for (absent: none), both normalized."""
    return {normalized(str(k)): normalized(str(v)) for k, v in (endings or {}).items()}  # type: ignore[attr-defined]


def _extend_by_content(titles: TitleWords, data: dict) -> None:
    """The tables a title names by what they hold (按内容), and the words that make a title another table's."""
    for kind, spec in (data.get("按内容") or {}).items():
        titles.by_content[str(kind)] = (str(spec.get("科目", "")), _words(spec.get("字样", [])))
    titles.content_others += _words(data.get("按内容另作他表"))
    for word, kinds in (data.get("括注另作他表") or {}).items():
        titles.note_others.setdefault(normalized(str(word)), []).extend(str(kind) for kind in kinds or [])
