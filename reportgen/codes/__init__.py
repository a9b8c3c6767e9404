"""Classification registries (政府收支分类科目) and their lookup.

The registries are data, not code: ``function.yaml`` (支出功能分类), ``economic.yaml`` (部门预算支出
经济分类) and ``government_economic.yaml`` (政府预算支出经济分类, plus the default mapping from the
部门 codes) live next to this module so that finance staff can correct a name or add a code without
touching Python. Each file is read once, validated, and cached.

Names depend on the year: the catalogue is revised every year and some 类 were renamed (210 was
医疗卫生与计划生育支出 until 2018). A code whose every name range excludes the year is unknown for
that year, so a 2018 name in a 2022 source is reported, not silently accepted.
"""

from __future__ import annotations

import io
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import yaml

from reportgen.base.cache import Shape, json_form, kept
from reportgen.base.errors import Internal, SourceError, shown_text
from reportgen.base.patterns import regex
from reportgen.base.records import FrozenRecord, Record
from reportgen.reading.files import InputRefused, read_bounded
from reportgen.reading.yamlsafe import character_name, parse_yaml

__all__ = [
    "CodeEntry",
    "CodeTable",
    "CodeTableError",
    "Kind",
    "Level",
    "RegistryError",
    "all_codes",
    "all_function_codes",
    "default_government_code",
    "FormerName",
    "economic_entry",
    "former_names",
    "function_entry",
    "function_level",
    "government_economic_entry",
    "kind_of_code",
    "lookup",
    "name_status",
    "codes_by_name",
    "parent_code",
    "read_code_table",
    "registry_source",
    "same_name",
]

Kind = Literal["function", "economic", "government_economic"]
Level = Literal["类", "款", "项"]
NameStatus = Literal["ok", "outdated", "mismatch", "unknown"]

_FILES: dict[str, str] = {
    "function": "function.yaml",
    "economic": "economic.yaml",
    "government_economic": "government_economic.yaml",
}
# Callers elsewhere in reportgen speak of the kinds in Chinese (source field names); accept both.
_KIND_NAMES: dict[str, Kind] = {
    "function": "function",
    "economic": "economic",
    "government_economic": "government_economic",
    "功能分类": "function",
    "经济分类": "economic",
    "部门经济分类": "economic",
    "政府经济分类": "government_economic",
}
# 功能分类 has three levels; both economic classifications stop at 款.
_LENGTHS: dict[str, frozenset[int]] = {
    "function": frozenset({3, 5, 7}),
    "economic": frozenset({3, 5}),
    "government_economic": frozenset({3, 5}),
}
_LEVELS: dict[int, Level] = {3: "类", 5: "款", 7: "项"}
_RANGE_KEYS = frozenset({"name", "from", "until", "aliases"})


class RegistryError(Internal, ValueError):
    """A registry file is malformed: raised at load time so a bad edit fails loudly, not per lookup."""


@dataclass(frozen=True, repr=False, eq=False)
class CodeEntry(Record):
    """A classification code with its name for a year, its level and its parent."""

    code: str
    name: str
    level: Level
    parent: str | None


@dataclass(frozen=True, repr=False, eq=False)
class _NameRange(Record):
    """One name of a code and the years it applies to (missing bound = open)."""

    name: str
    start: int | None
    end: int | None
    aliases: tuple[str, ...] = ()

    def covers(self, year: int) -> bool:
        return (self.start is None or self.start <= year) and (self.end is None or year <= self.end)

    def overlaps(self, other: _NameRange) -> bool:
        starts = [s for s in (self.start, other.start) if s is not None]
        ends = [e for e in (self.end, other.end) if e is not None]
        return not starts or not ends or max(starts) <= min(ends)


if TYPE_CHECKING:  # CSafeLoader shares SafeLoader's constructor and resolver; only its parser is libyaml's
    _SafeLoaderBase = yaml.SafeLoader
else:
    _SafeLoaderBase = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _UniqueKeyLoader(_SafeLoaderBase):
    """SafeLoader that refuses a mapping key given twice (plain PyYAML keeps the last one silently).

    libyaml's parser where PyYAML has it: the pure-Python one took a fifth of a small render."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: set[str] = set()
        for key_node, _ in node.value:
            # Compare as strings: 201 and "201" are the same code once the loader normalises keys.
            key = str(self.construct_object(key_node, deep=True))
            if key in seen:
                raise yaml.constructor.ConstructorError(
                    "while constructing a mapping", node.start_mark, f"duplicate key {key!r}", key_node.start_mark
                )
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


def registry_source() -> Path:
    """The folder holding the registry YAML files (package data)."""
    return Path(__file__).resolve().parent


def _read(file_name: str) -> dict[str, Any]:
    path = registry_source() / file_name
    try:
        # yaml.load with a SafeLoader subclass: safe tags only, plus the duplicate-key check.
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_UniqueKeyLoader)
    except yaml.YAMLError as exc:
        raise RegistryError(f"{path}: {exc}") from exc
    if not isinstance(data, dict) or not isinstance(data.get("codes"), dict):
        raise RegistryError(f"{path}: expected a top-level 'codes:' mapping")
    return data


def _code_key(raw: object, file_name: str, lengths: frozenset[int]) -> str:
    # Codes never start with 0, so an unquoted YAML integer key converts back without loss.
    if isinstance(raw, bool) or not isinstance(raw, str | int):
        raise RegistryError(f"{file_name}: code {raw!r} is not a string of digits")
    code = str(raw)
    if not code.isdigit() or len(code) not in lengths:
        raise RegistryError(f"{file_name}: code {code!r} must be {sorted(lengths)} digits long")
    return code


def _year(value: object, what: str) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise RegistryError(f"{what}: year bound {value!r} is not an integer")
    return value


def _ranges(value: object, where: str) -> tuple[_NameRange, ...]:
    """A plain name (valid every year) or a list of {name, from, until, aliases} ranges."""
    if isinstance(value, str):
        items: list[object] = [{"name": value}]
    elif isinstance(value, dict):
        items = [value]
    elif isinstance(value, list) and value:
        items = value
    else:
        raise RegistryError(f"{where}: expected a name or a list of name ranges")
    result: list[_NameRange] = []
    for item in items:
        entry = _range(item, where)
        if any(entry.overlaps(other) for other in result):
            # Overlapping ranges would give one code two names in the same year.
            raise RegistryError(f"{where}: name ranges overlap")
        result.append(entry)
    return tuple(result)


def _range(item: object, where: str) -> _NameRange:
    """One {name, from, until, aliases} range of a registry entry (the registry is ours: English)."""
    if not isinstance(item, dict) or set(item) - _RANGE_KEYS:
        raise RegistryError(f"{where}: a name range has only the keys {sorted(_RANGE_KEYS)}")
    name = item.get("name")
    if not isinstance(name, str) or not name.strip():
        raise RegistryError(f"{where}: every entry needs a non-empty name")
    entry = _NameRange(name.strip(), _year(item.get("from"), where), _year(item.get("until"), where),
                       _aliases(item.get("aliases", []), where))
    if entry.start is not None and entry.end is not None and entry.start > entry.end:
        raise RegistryError(f"{where}: from {entry.start} is after until {entry.end}")
    return entry


def _aliases(value: object, where: str) -> tuple[str, ...]:
    """A name range's aliases: a list of names, each stripped."""
    if not isinstance(value, list) or not all(isinstance(a, str) and a.strip() for a in value):
        raise RegistryError(f"{where}: aliases must be a list of names")
    return tuple(a.strip() for a in value)


@cache
def _load(kind: str) -> dict[str, tuple[_NameRange, ...]]:
    """One registry, parsed once per process and kept between processes."""
    form = json_form(_registry_data, lambda data: _registry_from_data(kind, data))
    return kept(f"codes-{kind}", [registry_source() / _FILES[kind], Path(__file__)], lambda: _parse(kind), form)


def _registry_data(registry: dict[str, tuple[_NameRange, ...]]) -> dict[str, list[list[object]]]:
    """A registry as the cache keeps it: code → [[name, from, until, [aliases]], …]."""
    return {code: [[r.name, r.start, r.end, list(r.aliases)] for r in ranges] for code, ranges in registry.items()}


def _registry_from_data(kind: str, data: object) -> dict[str, tuple[_NameRange, ...]]:
    """The registry of :func:`_registry_data`'s JSON; an entry of any other shape is a miss."""
    if type(data) is not dict:
        raise Shape("not a registry")
    lengths = _LENGTHS[kind]
    registry: dict[str, tuple[_NameRange, ...]] = {}
    for code, ranges in data.items():
        if not (code.isascii() and code.isdigit() and len(code) in lengths and type(ranges) is list and ranges):
            raise Shape("not a registry")
        registry[code] = tuple(_name_range(item) for item in ranges)
    return registry


def _name_range(item: object) -> _NameRange:
    """One cached name range: [name, first year or null, last year or null, [aliases]]; else a miss."""
    if type(item) is not list or len(item) != 4:
        raise Shape("not a name range")
    name, start, end, aliases = item
    if type(name) is not str or not name or not _year_or_none(start) or not _year_or_none(end) or not _names(aliases):
        raise Shape("not a name range")
    return _NameRange(name, start, end, tuple(aliases))


def _names(value: object) -> bool:
    """Whether a cached range's aliases are a list of names (non-empty strings)."""
    return type(value) is list and all(type(a) is str and a for a in value)


def _year_or_none(value: object) -> bool:
    """Whether a cached range's first or last year is a year (an int) or open (null)."""
    return value is None or type(value) is int


def _parse(kind: str) -> dict[str, tuple[_NameRange, ...]]:
    file_name = _FILES[kind]
    codes = _read(file_name)["codes"]
    registry: dict[str, tuple[_NameRange, ...]] = {}
    for raw, value in codes.items():
        code = _code_key(raw, file_name, _LENGTHS[kind])
        registry[code] = _ranges(value, f"{file_name}: {code}")
    return registry


@cache
def _mapping() -> dict[str, str]:
    """部门 → 政府 economic codes, parsed once per process and kept between processes."""
    made_from = [registry_source() / name for name in (_FILES["economic"], _FILES["government_economic"])]
    return kept("codes-mapping", [*made_from, Path(__file__)], _parse_mapping, json_form(from_data=_mapping_from_data))


def _mapping_from_data(data: object) -> dict[str, str]:
    """The mapping as the cache keeps it (JSON: 部门 code → 政府 code); any other shape is a miss."""
    if not isinstance(data, dict) or not all(isinstance(v, str) and len(k) == len(v) == 5 and (k + v).isascii()
                                             and (k + v).isdigit() for k, v in data.items()):
        raise Shape("not the economic code mapping")
    return data


def _parse_mapping() -> dict[str, str]:
    file_name = _FILES["government_economic"]
    raw_mapping = _read(file_name).get("mapping") or {}
    if not isinstance(raw_mapping, dict):
        raise RegistryError(f"{file_name}: 'mapping:' must map 部门 codes to 政府 codes")
    economic, government = _load("economic"), _load("government_economic")
    mapping: dict[str, str] = {}
    for raw_key, raw_value in raw_mapping.items():
        key = _code_key(raw_key, file_name, frozenset({5}))
        value = _code_key(raw_value, file_name, frozenset({5}))
        # A default that points outside the registries would turn into a finding on every run.
        if key not in economic or value not in government:
            raise RegistryError(f"{file_name}: mapping {key} → {value} names a code missing from the registries")
        mapping[key] = value
    return mapping


def _kind(kind: str) -> Kind:
    try:
        return _KIND_NAMES[kind]
    except KeyError:
        raise ValueError(f"unknown classification kind {kind!r}; expected one of {sorted(_KIND_NAMES)}") from None


def _current(kind: Kind, code: object, year: int) -> tuple[str, _NameRange] | None:
    code_text = str(code).strip()  # sources may hand over an int (科目: 2012901 unquoted in YAML)
    for name_range in _load(kind).get(code_text, ()):
        if name_range.covers(year):
            return code_text, name_range
    return None


def newest_year() -> int:
    """The newest year the catalogue names a code by (a range's first year, or the year after its last): the year its open ranges stand for (check's stand-in
    for a source's year left out: the rules the year judges are left out of what it tells)."""
    bounds = [bound for kind in set(_KIND_NAMES.values()) for ranges in _load(kind).values() for one in ranges
              for bound in (one.start, None if one.end is None else one.end + 1) if bound is not None]
    return max(bounds)


def printed_names(kind: Kind, code: str, year: int) -> tuple[str, ...]:
    """The names ``code`` is printed by in ``year``: its name and its aliases (none where the year knows no such code)."""
    found = _current(kind, code, year)
    return () if found is None else (found[1].name, *found[1].aliases)


def _entry(kind: Kind, code: object, year: int) -> CodeEntry | None:
    return _registry_entry(kind, str(code).strip(), year)


@lru_cache(maxsize=4096)  # bounded: a long-running desk meets codes without end, most of them no code at all
def _registry_entry(kind: Kind, code: str, year: int) -> CodeEntry | None:
    """A code's entry for a year, made once: the registries are read once per process, an entry is frozen,
    and a render asks for the same few dozen codes some 150 times (the loader, the checks and the tables)."""
    found = _current(kind, code, year)
    if found is None:
        return None
    code_text, name_range = found
    return CodeEntry(code_text, name_range.name, function_level(code_text), parent_code(code_text))


def function_level(code: str) -> Level:
    """类/款/项 by the code's length (3/5/7 digits); also valid for the 3/5-digit economic codes."""
    code = str(code).strip()
    if not code.isdigit() or len(code) not in _LEVELS:
        raise ValueError(f"classification code {code!r} must be 3, 5 or 7 digits")
    return _LEVELS[len(code)]


def parent_code(code: str) -> str | None:
    """2012901 → 20129 → 201 → None; 30101 → 301 → None (the code itself carries its ancestry)."""
    code = str(code).strip()
    level = function_level(code)
    return None if level == "类" else code[: len(code) - 2]


def function_entry(code: str, year: int) -> CodeEntry | None:
    """The 功能分类 entry valid in ``year``, or None when the registry does not know it then."""
    return _entry("function", code, year)


def economic_entry(code: str, year: int) -> CodeEntry | None:
    """The 部门预算支出经济分类 entry valid in ``year``, or None."""
    return _entry("economic", code, year)


def government_economic_entry(code: str, year: int) -> CodeEntry | None:
    """The 政府预算支出经济分类 entry valid in ``year``, or None."""
    return _entry("government_economic", code, year)


def default_government_code(economic_code: str) -> str | None:
    """The 政府经济分类 款 a 部门经济分类 款 goes to by default for a 机关; None when there is no default."""
    return _mapping().get(str(economic_code).strip())


def same_name(one: str, other: str) -> bool:
    """True when two names differ at most in bracket width and spacing (see normalised_name)."""
    return normalised_name(one) == normalised_name(other)


def normalised_name(name: str) -> str:
    """A name as same_name compares it."""
    # Text copied from PDF/DOCX mixes full- and half-width brackets and breaks names with spaces or
    # newlines; none of that makes a different name.
    return "".join(unicodedata.normalize("NFKC", name).split())


def name_status(kind: str, code: str, name: str, year: int, table: CodeTable | None = None) -> NameStatus:
    """How a stated name fits the registry (and the source's own 科目表) for ``year``.

    "ok": the name (or a known alias) for that year, or the 科目表's name or alias; "outdated": the
    name the code had in another year range (e.g. 医疗卫生与计划生育支出 for 210 in 2022);
    "mismatch": some other name; "unknown": neither the registry nor the 科目表 knows the code.
    """
    resolved = _kind(kind)
    stated = normalised_name(name)
    local = table.get(resolved, code) if table is not None else None
    if local is not None and _bears(stated, local[0], local[1]):
        return "ok"
    found = _current(resolved, code, year)
    if found is None:
        return "unknown" if local is None else "mismatch"
    code_text, current = found
    if _bears(stated, current.name, current.aliases):
        return "ok"
    for other in _load(resolved)[code_text]:
        if other is not current and _bears(stated, other.name, other.aliases):
            return "outdated"
    return "mismatch"


def _bears(stated: str, name: str, aliases: Iterable[str]) -> bool:
    """Whether a name (normalised_name) is ``name`` or one of its ``aliases``."""
    return stated in {normalised_name(n) for n in (name, *aliases)}


def siblings(kind: str, code: str, year: int) -> list[CodeEntry]:
    """The other codes of ``code``'s parent valid in ``year`` (a mistyped code is printed with one of their names)."""
    parent = parent_code(code)
    return [entry for entry in all_codes(kind, year) if entry.code != code and parent_code(entry.code) == parent]


def all_codes(kind: str, year: int) -> list[CodeEntry]:
    """Every entry of one registry valid in ``year``, in tree order (sorting the codes as text does it)."""
    resolved = _kind(kind)
    registry = _load(resolved)
    known = _ALL_CODES.get((resolved, year))
    if known is None or known[0] is not registry:  # once per registry read and year: siblings() asks it per code
        entries = (_entry(resolved, code, year) for code in sorted(registry))
        known = _ALL_CODES[(resolved, year)] = (registry, tuple(entry for entry in entries if entry is not None))
    return list(known[1])


_ALL_CODES: dict[tuple[Kind, int], tuple[dict[str, tuple[_NameRange, ...]], tuple[CodeEntry, ...]]] = {}


@dataclass(frozen=True, repr=False, eq=False)
class FormerName(Record):
    """A name a code bore in other years only (医疗卫生与计划生育支出, 210, until 2018), with its name
    in the year asked about."""

    name: str
    code: str
    until: int | None  # the last year it was the code's name (None: it is a name of later years)
    current: str


@cache
def former_names(year: int) -> tuple[FormerName, ...]:
    """Every 功能分类 name that is some code's name only in other years than ``year`` and no code's
    name (or alias) in ``year``: printed in a ``year`` document, it is the old catalogue's."""
    registry = _load("function")
    valid = _names_in(registry, year)
    found = []
    for code, ranges in sorted(registry.items()):
        now = next((r.name for r in ranges if r.covers(year)), None)
        for item in ranges:
            if now is not None and not item.covers(year) and normalised_name(item.name) not in valid:
                found.append(FormerName(item.name, code, item.end if item.end is not None and item.end < year else None, now))
    return tuple(found)


def _names_in(registry: dict[str, tuple[_NameRange, ...]], year: int) -> set[str]:
    """Every name and alias (normalised) a code of the registry bears in ``year``."""
    return {normalised_name(n) for ranges in registry.values() for r in ranges if r.covers(year)
            for n in (r.name, *r.aliases)}


@cache
def codes_by_name(kind: str) -> dict[str, frozenset[str]]:
    """Every name (and alias) one registry gave its codes in any year, with each code that bore it."""
    named: dict[str, set[str]] = {}
    for code, ranges in _load(_kind(kind)).items():
        for item in ranges:
            for name in (item.name, *item.aliases):
                named.setdefault(name, set()).add(code)
    return {name: frozenset(found) for name, found in named.items()}


def all_function_codes(year: int) -> list[CodeEntry]:
    """Every 功能分类 entry valid in ``year`` (for the source schema and editor completion)."""
    return all_codes("function", year)


# -- a source's own code table (科目表) -----------------------------------------------------------
# A locality's finance system knows codes the national registry lacks (a local 项, a code added
# after this release) and sometimes prints a known code under a name of its own. A source may
# point at such a table (`科目表: 文件`, YAML or CSV as the finance system exports it); its codes
# add to and rename the registry for that source only. It is read at every load and never kept in
# the user's cache: it is the user's file and changes under them.

MAX_CODE_TABLE_BYTES = 2 * 1024 * 1024  # a whole year's catalogue is about 300 KB as CSV
_KIND_BY_DIGIT: dict[str, Kind] = {"2": "function", "3": "economic", "5": "government_economic"}
_CODE_HEADERS = ("科目编码", "科目代码", "编码", "代码", "科目")
_NAME_HEADERS = ("科目名称", "名称")
_ALIAS_HEADERS = ("别名",)


class CodeTableError(Internal, ValueError):
    """A 科目表 the loader cannot use; ``message`` is Chinese, ``line`` 1-based (0: the whole file)."""

    def __init__(self, message: str, line: int = 0) -> None:
        super().__init__(message, line=line)


@dataclass(frozen=True, repr=False, eq=False)
class CodeTable(Record):
    """A source's own codes: (kind, code) → (name, aliases, line in the table's file)."""

    path: Path
    entries: dict[tuple[str, str], tuple[str, tuple[str, ...], int]]

    def get(self, kind: str, code: object) -> tuple[str, tuple[str, ...], int] | None:
        return self.entries.get((_kind(kind), str(code).strip()))


def kind_of_code(code: str) -> Kind | None:
    """The classification a code belongs to by its first digit (2 功能, 3 部门经济, 5 政府经济) and
    length, or None when it fits none."""
    kind = _KIND_BY_DIGIT.get(code[:1])
    if kind is None or not code.isdigit() or len(code) not in _LENGTHS[kind]:
        return None
    return kind


def lookup(kind: str, code: object, year: int, table: CodeTable | None = None) -> CodeEntry | None:
    """The entry of a code for ``year``: the source's 科目表 first, then the registry."""
    resolved = _kind(kind)
    code_text = str(code).strip()
    if table is not None:
        local = table.get(resolved, code_text)
        if local is not None:
            return CodeEntry(code_text, local[0], function_level(code_text), parent_code(code_text))
    return _entry(resolved, code_text, year)


def read_code_table(path: Path) -> CodeTable:
    """Read a 科目表: YAML (code: name, or code: {名称, 别名}) or CSV (科目编码,科目名称[,别名]), the
    whole file in UTF-8 (with or without BOM) or in GBK/GB18030. Every code is ASCII digits and
    every name one line of visible text. Raises CodeTableError naming the line and what is expected,
    quoting at most a short excerpt of what the file says (no control character, never a whole line)."""
    try:
        raw = read_bounded(path, MAX_CODE_TABLE_BYTES, "科目表文件")
    except InputRefused as exc:
        raise CodeTableError(exc.message) from None
    suffix = path.suffix.lower()
    if suffix not in (".csv", ".txt", ".yaml", ".yml"):
        raise CodeTableError(f"科目表应为 .yaml/.yml 或 .csv 文件，{shown_text(path.name)} 不是")
    text = _decoded(raw)
    rows = _csv_rows(text) if suffix in (".csv", ".txt") else _yaml_rows(text)
    entries: dict[tuple[str, str], tuple[str, tuple[str, ...], int]] = {}
    for line, printed, name, aliases in rows:
        kind, code = _checked_row(line, printed, name, aliases)
        if (kind, code) in entries:
            raise CodeTableError(f"科目编码 {code} 重复出现（第 {entries[(kind, code)][2]} 行已有）", line)
        entries[(kind, code)] = (name, aliases, line)
    if not entries:
        raise CodeTableError("科目表中没有科目：应每行一个“科目编码,科目名称”（CSV）或“编码: 名称”（YAML）")
    return CodeTable(path, entries)


def _checked_row(line: int, printed: str, name: str, aliases: tuple[str, ...]) -> tuple[str, str]:
    """One row of a 科目表 checked — its code one of a known kind (spaces taken out: 207 01 01 as printed in tables),
    a name, the name and each alias one line of visible text — as (the code's kind, the code)."""
    code = "".join(printed.split())
    kind = kind_of_code(code) if code.isascii() else None
    if kind is None:
        raise CodeTableError(f"科目编码“{shown_text(code)}”无法识别：应为支出功能分类（2 开头，3、5 或 7 位）、部门预算经济分类"
                             f"（3 开头，3 或 5 位）或政府预算经济分类（5 开头，3 或 5 位）的编码，用半角数字", line)
    if not name:
        raise CodeTableError(f"科目编码 {code} 没有科目名称：每个编码后应写它的名称", line)
    for text_of_name, what in ((name, "名称"), *((alias, "别名") for alias in aliases)):
        _check_name(text_of_name, f"科目 {code} 的{what}", line)
    return kind, code


# -- what a name may hold --------------------------------------------------------------------------
# A name is printed in every table and heading: a control character (a NUL or an ESC from a broken
# export) cannot be written to a DOCX and prints raw in the HTML, a line break splits a table row,
# and an invisible character makes a name that looks right compare wrong (or print as nothing).
_CONTROL = regex("[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufffe\uffff]")
# Characters that print as nothing beyond the format characters (Unicode category Cf) and spaces:
# fillers a name of only these would be as invisible as an empty one.
_BLANK = frozenset("\u115f\u1160\u3164\uffa0\u2800\u180e")
_CHARACTER_NAMES = {
    "\x0b": "垂直制表符，Word 的手动换行", "\x0c": "换页符", "\x85": "下一行符 NEL", "\u2028": "行分隔符，Word 的手动换行",
    "\u2029": "段落分隔符", "\u200b": "零宽空格", "\u200c": "零宽非连接符", "\u200d": "零宽连接符", "\u2060": "零宽词连接符",
    "\ufeff": "零宽不换行空格，即 BOM", "\u00ad": "软连字符", "\u200e": "从左到右标记", "\u200f": "从右到左标记",
}


def _character(char: str) -> str:
    """U+200B（零宽空格）: a character as a message names it."""
    named = _CHARACTER_NAMES.get(char)
    if named:
        return f"U+{ord(char):04X}（{named}）"
    if unicodedata.category(char) == "Cf":
        return f"U+{ord(char):04X}（不可见的格式字符）"
    return character_name(char)


def _invisible(char: str) -> bool:
    return char.isspace() or char in _BLANK or unicodedata.category(char) == "Cf"


def _check_name(name: str, what: str, line: int) -> None:
    """Raise CodeTableError when ``name`` holds a character a name cannot print, or nothing visible."""
    if "\n" in name or "\r" in name:
        raise CodeTableError(f"{what}“{shown_text(name)}”中有换行（Word 的手动换行 U+000B、U+2028 等也是换行）："
                             "科目名称应写在一行内", line)
    bad = _CONTROL.search(name)
    if bad is not None:
        raise CodeTableError(f"{what}“{shown_text(name)}”中有不能使用的字符 {_character(bad.group())}：请删除它"
                             "（常由财政系统导出或从 Word 复制带入）", line)
    if all(_invisible(char) for char in name):
        hidden = next(iter(name))
        raise CodeTableError(f"{what}只有看不见的字符 {_character(hidden)}，印出来是空白：请写出科目名称", line)
    hidden_char = next((char for char in name if unicodedata.category(char) == "Cf"), None)
    if hidden_char is not None:
        raise CodeTableError(f"{what}“{shown_text(name)}”中有看不见的字符 {_character(hidden_char)}：它使名称与看上去相同的名称"
                             "不再相同，请删除它", line)


# -- encodings -------------------------------------------------------------------------------------
_OTHER_BOMS = ((b"\xff\xfe\x00\x00", "UTF-32"), (b"\x00\x00\xfe\xff", "UTF-32"), (b"\xff\xfe", "UTF-16"),
               (b"\xfe\xff", "UTF-16"))
_UTF8_BOM = b"\xef\xbb\xbf"


def _decoded(raw: bytes) -> str:
    """The text of a 科目表: UTF-8 as a whole (a BOM dropped), else GBK/GB18030 as a whole, as
    Windows finance systems export it. A line valid in neither is refused, and so is a file whose
    lines are some UTF-8 and some GBK (each decoded alike would print some names garbled): the first
    line that differs from the ones before is named. No line break falls inside a UTF-8 or a GB18030
    character, so each line decodes as it would within the whole."""
    for bom, encoding in _OTHER_BOMS:
        if raw.startswith(bom):
            raise CodeTableError(f"科目表文件是 {encoding} 编码（如 Excel 另存的“Unicode 文本”）：请另存为“CSV UTF-8（逗号分隔）”"
                                 "或 GBK 编码的 CSV", 1)
    utf8_bom = raw.startswith(_UTF8_BOM)
    body = raw[len(_UTF8_BOM):] if utf8_bom else raw
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        pass
    _refuse_mixed(body, utf8_bom)
    text = body.decode("gb18030")  # GBK/GB2312 exports of Windows finance systems
    return text[1:] if text.startswith("\ufeff") else text  # GB18030's own BOM


def _refuse_mixed(body: bytes, utf8_bom: bool) -> None:
    """CodeTableError at the first line that is neither UTF-8 nor GBK, or GBK after a UTF-8 BOM or
    line, or UTF-8 after a GBK line."""
    first_utf8 = first_gbk = 0
    for number, line in enumerate(body.split(b"\n"), start=1):
        encoding = _line_encoding(line, number)
        if encoding == "utf-8":
            if first_gbk:
                raise CodeTableError(f"科目表文件混用了两种编码：第 {first_gbk} 行是 GBK 编码，这一行却是 UTF-8 编码。"
                                     "请把整个文件用一种编码（最好是 UTF-8）另存", number)
            first_utf8 = first_utf8 or number
        elif encoding == "gbk":
            if utf8_bom:
                raise CodeTableError("科目表文件开头的 BOM 标明是 UTF-8 编码，这一行却不是 UTF-8（像是 GBK）：文件混用了两种编码，"
                                     "请把整个文件用一种编码（最好是 UTF-8）另存", number)
            if first_utf8:
                raise CodeTableError(f"科目表文件混用了两种编码：第 {first_utf8} 行是 UTF-8 编码，这一行却是 GBK 编码。"
                                     "请把整个文件用一种编码（最好是 UTF-8）另存", number)
            first_gbk = first_gbk or number


def _line_encoding(line: bytes, number: int) -> str:
    """A 科目表 line's encoding: "" (ASCII, either), "utf-8" or "gbk"; CodeTableError when it is neither."""
    if line.isascii():
        return ""
    try:
        line.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        return "utf-8"
    try:
        line.decode("gb18030")
    except UnicodeDecodeError:
        raise CodeTableError("这一行既不是 UTF-8 也不是 GBK 编码（文件可能已损坏，或是其他编码）：请用 UTF-8 或 GBK 编码另存",
                             number) from None
    return "gbk"


# -- CSV and YAML ----------------------------------------------------------------------------------
def _csv_rows(text: str) -> list[tuple[int, str, str, tuple[str, ...]]]:
    """(line, code, name, aliases) of each data row. Lines end at CR LF, LF or CR only (a Word soft
    break inside a name stays in that name, to be refused there); a row's line is where it starts."""
    import csv  # deferred: 1 ms at start-up, for a CSV code table (the shipped ones are read from the cache)

    reader = csv.reader(io.StringIO(text, newline=""))
    rows: list[tuple[int, str, str, tuple[str, ...]]] = []
    columns: _CsvColumns | None = None
    while (read := _csv_row(reader)) is not None:
        line, cells = read
        if not any(cells):
            continue
        if columns is None:
            columns = _CsvColumns.of(cells, line)
            if columns.header:
                continue
        rows.append(columns.row(cells, line))
    return rows


def _csv_row(reader: Any) -> tuple[int, list[str]] | None:
    """The next row of ``reader`` with the line it starts on, its cells stripped; None at the end.
    A cell over csv's size limit, broken quoting or a cell running over lines is refused."""
    import csv  # deferred: see _csv_rows

    line = reader.line_num + 1
    try:
        cells = next(reader)
    except StopIteration:
        return None
    except csv.Error as exc:
        too_long = "field larger than field limit" in str(exc)
        raise CodeTableError(f"这一行有一格超过 {csv.field_size_limit()} 个字符：科目表的一格只是一个编码或名称"
                             if too_long else f"CSV 格式有误（{shown_text(str(exc))}）", line) from None
    for column, cell in enumerate(cells, start=1):
        if "\n" in cell or "\r" in cell:
            # csv lets a quoted cell run over lines: a quote left open swallows the rows below
            raise CodeTableError(f"第 {column} 列的引号“\"”没有闭合：从这一行起，后面 {reader.line_num - line} 行都被读进了"
                                 f"同一格（“{shown_text(cell)}”）。科目表的一格不会换行：请补上闭合的引号，或删去多余的引号", line)
    return line, [cell.strip() for cell in cells]


@dataclass(frozen=True, repr=False, eq=False)
class _CsvColumns(FrozenRecord):
    """Where a CSV code table keeps its codes, names and aliases: found by the names of a header
    row (finance systems order their columns differently), else code, name in the first two."""

    code: int = 0
    name: int = 1
    alias: int | None = None
    header: bool = False

    @classmethod
    def of(cls, cells: list[str], line: int) -> _CsvColumns:
        """The columns the first row shows: a row of data, or a header naming them."""
        if "".join(cells[0].split()).isdigit():
            return cls()
        header = [cell.replace(" ", "") for cell in cells]
        code, name = (next((i for i, h in enumerate(header) if h in names), None) for names in (_CODE_HEADERS, _NAME_HEADERS))
        if code is None or name is None:
            raise CodeTableError("科目表 CSV 的第一行应为数据（科目编码,科目名称）或表头，表头中应有“科目编码”和"
                                 f"“科目名称”两列，现为：{shown_text(','.join(cells))}", line)
        return cls(code, name, next((i for i, h in enumerate(header) if h in _ALIAS_HEADERS), None), header=True)

    def row(self, cells: list[str], line: int) -> tuple[int, str, str, tuple[str, ...]]:
        """(line, code, name, aliases) of a row of data."""
        if len(cells) <= max(self.code, self.name):
            raise CodeTableError(f"这一行只有 {len(cells)} 列：应为“科目编码,科目名称”", line)
        code, name = cells[self.code], cells[self.name]
        if not "".join(code.split()).isdigit():
            raise CodeTableError(f"第 {self.code + 1} 列“{shown_text(code)}”不是科目编码：应为数字，如 2070101", line)
        aliases: tuple[str, ...] = ()
        if self.alias is not None and self.alias < len(cells) and cells[self.alias]:
            aliases = tuple(a.strip() for a in cells[self.alias].replace("；", ";").split(";") if a.strip())
        return line, code, name, aliases


def _yaml_entry(code: str, value: dict[Any, Any], line: int) -> tuple[object, tuple[str, ...]]:
    """The name and aliases of a code written as a mapping ({名称: …, 别名: […]})."""
    unknown = set(map(str, value)) - {"名称", "别名", "name", "aliases"}
    if unknown:
        raise CodeTableError(f"科目 {shown_text(code)} 下只可写“名称”和“别名”，不认识："
                             f"{'、'.join(sorted(shown_text(k, 20) for k in unknown))}", line)
    raw_aliases = value.get("别名", value.get("aliases", []))
    if isinstance(raw_aliases, str):
        raw_aliases = [raw_aliases]
    if not isinstance(raw_aliases, list) or not all(isinstance(a, str) for a in raw_aliases):
        raise CodeTableError(f"科目 {shown_text(code)} 的“别名”应为名称的列表", line)
    return value.get("名称", value.get("name")), tuple(a.strip() for a in raw_aliases if a.strip())


def _yaml_rows(text: str) -> list[tuple[int, str, str, tuple[str, ...]]]:
    data = _yaml_mapping(text)
    rows: list[tuple[int, str, str, tuple[str, ...]]] = []
    key_marks = getattr(data, "key_marks", {})
    for key, value in data.items():
        mark = key_marks.get(key) or key_marks.get(str(key))
        line = mark.line if mark else 0
        code = str(key)
        name, aliases = _yaml_entry(code, value, line) if isinstance(value, dict) else (value, ())
        if not isinstance(name, str):
            raise CodeTableError(f"科目 {shown_text(code)} 的名称应为文字，如 {shown_text(code)}: 行政运行", line)
        if not code.replace(" ", "").isdigit():
            raise CodeTableError(f"“{shown_text(code)}”不是科目编码：应为数字，如 2070101", line)
        rows.append((line, code, name.strip(), aliases))
    return rows


def _yaml_mapping(text: str) -> dict[Any, Any]:
    """A 科目表 YAML's mapping of code to name (or to 名称 and 别名), the registry's own shape (a top-level 科目: or
    codes:) taken too; CodeTableError where it is no YAML or no mapping."""
    try:
        data = parse_yaml(text.encode("utf-8"), "科目表")
    except SourceError as exc:
        first = exc.findings[0]
        if first.rule == "文字-控制字符":  # a name has no line breaks: not yamlsafe's advice on them
            raise CodeTableError(first.message.split("：", 1)[0] + "：请删除它（科目名称应写在一行内）", first.line) from None
        raise CodeTableError(f"YAML 格式有误：{first.message}", first.line) from None
    if isinstance(data, dict) and set(data) <= {"科目", "codes"} and len(data) == 1:
        data = next(iter(data.values()))  # the registry's own shape: a top-level 科目:/codes: mapping
    if not isinstance(data, dict):
        raise CodeTableError("科目表 YAML 应为“科目编码: 科目名称”的映射（每行一个，如 2070101: 行政运行）", 1)
    return data
