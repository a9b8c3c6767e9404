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

import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, Literal

import yaml

from reportgen.records import Record

__all__ = [
    "CodeEntry",
    "Kind",
    "Level",
    "RegistryError",
    "all_codes",
    "all_function_codes",
    "default_government_code",
    "economic_entry",
    "function_entry",
    "function_level",
    "government_economic_entry",
    "name_status",
    "parent_code",
    "registry_source",
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


class RegistryError(ValueError):
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


class _UniqueKeyLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
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
        if not isinstance(item, dict) or set(item) - _RANGE_KEYS:
            raise RegistryError(f"{where}: a name range has only the keys {sorted(_RANGE_KEYS)}")
        name = item.get("name")
        if not isinstance(name, str) or not name.strip():
            raise RegistryError(f"{where}: every entry needs a non-empty name")
        aliases = item.get("aliases", [])
        if not isinstance(aliases, list) or not all(isinstance(a, str) and a.strip() for a in aliases):
            raise RegistryError(f"{where}: aliases must be a list of names")
        entry = _NameRange(
            name.strip(),
            _year(item.get("from"), where),
            _year(item.get("until"), where),
            tuple(a.strip() for a in aliases),
        )
        if entry.start is not None and entry.end is not None and entry.start > entry.end:
            raise RegistryError(f"{where}: from {entry.start} is after until {entry.end}")
        if any(entry.overlaps(other) for other in result):
            # Overlapping ranges would give one code two names in the same year.
            raise RegistryError(f"{where}: name ranges overlap")
        result.append(entry)
    return tuple(result)


@cache
def _load(kind: str) -> dict[str, tuple[_NameRange, ...]]:
    """One registry, parsed once per process and kept between processes."""
    from reportgen.cache import kept

    return kept(f"codes-{kind}", [registry_source() / _FILES[kind], Path(__file__)], lambda: _parse(kind))


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
    from reportgen.cache import kept

    made_from = [registry_source() / name for name in (_FILES["economic"], _FILES["government_economic"])]
    return kept("codes-mapping", [*made_from, Path(__file__)], _parse_mapping)


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


def _entry(kind: Kind, code: object, year: int) -> CodeEntry | None:
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


def _normalise(name: str) -> str:
    # Text copied from PDF/DOCX mixes full- and half-width brackets and breaks names with spaces or
    # newlines; none of that makes a different name.
    return "".join(unicodedata.normalize("NFKC", name).split())


def name_status(kind: str, code: str, name: str, year: int) -> NameStatus:
    """How a stated name fits the registry for ``year``.

    "ok": the name (or a known alias) for that year; "outdated": the name the code had in another
    year range (e.g. 医疗卫生与计划生育支出 for 210 in 2022); "mismatch": some other name;
    "unknown": the code is not in the registry for that year.
    """
    resolved = _kind(kind)
    found = _current(resolved, code, year)
    if found is None:
        return "unknown"
    code_text, current = found
    stated = _normalise(name)
    if stated in {_normalise(n) for n in (current.name, *current.aliases)}:
        return "ok"
    for other in _load(resolved)[code_text]:
        if other is not current and stated in {_normalise(n) for n in (other.name, *other.aliases)}:
            return "outdated"
    return "mismatch"


def all_codes(kind: str, year: int) -> list[CodeEntry]:
    """Every entry of one registry valid in ``year``, in tree order (sorting the codes as text does it)."""
    resolved = _kind(kind)
    entries = (_entry(resolved, code, year) for code in sorted(_load(resolved)))
    return [entry for entry in entries if entry is not None]


def all_function_codes(year: int) -> list[CodeEntry]:
    """Every 功能分类 entry valid in ``year`` (for the source schema and editor completion)."""
    return all_codes("function", year)
