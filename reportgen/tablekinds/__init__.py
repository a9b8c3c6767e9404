"""One definition per table kind (reportgen/tablekinds/*.yaml, one file a kind; its README.md says
what each key means): its id, its place in the default list, the builder of its rows (or its rows
as data: a label and a source field each), how each layout titles, forms and notes it, when it is
left out, and the names, shape and 表码 by which import knows it. Render (the layouts' table lists,
tables/registry.py), import (importing/catalog.py, build.py) and review (review/glossary.py) read it here.

Python names no kind: it asks for one by its role (角色: role("summary") is the 收支总表), by its fund (导入.资金:
fund_table), or is given it — the render builder (构建), its variants' (变体) and the import builder (导入.构建) each
receive or look up the kind that names them (tests/test_tablekinds_named.py).

A definition is checked where it is read: a fault names its file and key (DefinitionError).
"""

from __future__ import annotations

import contextlib
import os
import string
from collections.abc import Iterator, Mapping, Sequence
from contextvars import ContextVar
from dataclasses import dataclass, field
from pathlib import Path

from reportgen.base.errors import ReportgenError
from reportgen.base.records import FrozenRecord
from reportgen.reading.yamlsafe import parse_yaml

DIRECTORY = Path(__file__).parent
DEFAULT = "默认"
_KEYS = {"编号", "说明", "次序", "角色", "构建", "变体", "列", "行", "合计", "略去", "印出", "导入"}
_FORM_KEYS = {"表", "标题", "注", "略去"}
_IMPORT_KEYS = {"名称", "形状", "资金", "必备", "表码", "列", "构建"}
_OMIT_KEYS = {"不公开", "没有"}
NONE = "无"  # 注: 无 — this layout prints the table without the default's note


class DefinitionError(ReportgenError):
    """A table definition that cannot be used, with its file and key in the message: told as it is, exit 1
    (a definition added to a copy of the package, as tests/test_table_kinds.py adds one, is the user's file)."""


@dataclass(frozen=True, repr=False, eq=False)
class Omission(FrozenRecord):
    """略去: the table is left out where every part of ``unpublished`` is declared 不公开, or where the
    source has nothing of ``without`` (项目: no project list)."""

    unpublished: tuple[str, ...] = ()
    without: str = ""


@dataclass(frozen=True, repr=False, eq=False)
class Form(FrozenRecord):
    """How one layout prints a kind: the table it places (a variant's id, or the kind's own), its title
    (a layout's 标题 may rename it further), the note macro under it with its arguments, and when it is
    left out."""

    ref: str
    title: str
    note: tuple[str, ...] = ()
    omission: Omission = Omission()


@dataclass(frozen=True, repr=False, eq=False)
class FieldRow(FrozenRecord):
    """A row of a table defined as data: the words it is printed and read by (the first printed) and the
    source field whose amount it shows."""

    names: tuple[str, ...]
    field: str


@dataclass(frozen=True, repr=False, eq=False)
class Recognition(FrozenRecord):
    """How import knows a kind: its names, shape, fund and whether a disclosure must have it; and, by
    layout name, the names and 表码 that layout's files add."""

    names: tuple[str, ...] = ()
    shape: str = "科目"
    fund: str = ""
    required: bool = True
    columns: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # meaning → header words
    build: str = ""  # 构建: the import builder of its fields (importing/budget/build.py IMPORT_BUILDERS); "" none
    by_layout: Mapping[str, tuple[tuple[str, ...], tuple[str, ...]]] = field(default_factory=dict)


@dataclass(frozen=True, repr=False, eq=False)
class TableKind(FrozenRecord):
    id: str
    order: int
    description: str
    file: Path
    build: str = ""  # a builder of code (registry.BUILDERS); "" for a table of data (rows)
    variants: Mapping[str, str] = field(default_factory=dict)  # 变体: form → its builder (registry.VARIANT_BUILDERS)
    roles: tuple[str, ...] = ()  # 角色: what code asks this kind by (role()), its 编号 never written in Python
    columns: tuple[str, ...] = ()  # a table of data: its header (label column, amount column)
    rows: tuple[FieldRow, ...] = ()
    total: str = ""  # a table of data: the label of its total row ("" none)
    omission: Omission = Omission()
    forms: Mapping[str, Mapping[str, object]] = field(default_factory=dict)  # layout name → its own keys
    recognition: Recognition | None = None

    @property
    def fields(self) -> tuple[str, ...]:
        """The source fields a table of data shows."""
        return tuple(row.field for row in self.rows)

    def printed_by_default(self) -> bool:
        return DEFAULT in self.forms

    def form(self, lineage: Sequence[str]) -> Form:
        """How the layout of ``lineage`` (its name, then the names of those it is based on) prints this
        kind: the default's keys, overridden by each layout's of the lineage from the base up."""
        keys: dict[str, object] = {}
        for name in [DEFAULT, *(n for n in reversed(lineage) if n != DEFAULT)]:
            keys.update(self.forms.get(name, {}))
        note = keys.get("注", ())
        notes = () if note in (NONE, ()) else tuple(str(n) for n in (note if isinstance(note, list) else [note]))
        omission = _omission(keys["略去"], self.file, "印出.略去") if "略去" in keys else self.omission
        return Form(str(keys.get("表", self.id)), str(keys.get("标题", self.id)), notes, omission)


def kinds(directory: Path | None = None) -> tuple[TableKind, ...]:
    """Every table kind defined in ``directory`` (the shipped kinds/ when None), by 次序."""
    folder = DIRECTORY if directory is None else directory
    cached, looked = _READ.get(str(folder)), _HELD.get()
    if looked is not None and cached is not None and str(folder) in looked:
        return cached[1]
    stamp = _stamp(folder)
    if looked is not None:
        looked.add(str(folder))
    if cached is None or cached[0] != stamp:
        found = sorted((_kind(Path(name)) for name, _, _ in stamp), key=lambda k: (k.order, k.id))
        _check_unique(found)
        cached = _READ[str(folder)] = (stamp, tuple(found))
    return cached[1]


def _stamp(folder: Path) -> tuple[tuple[str, int, int], ...]:
    """The folder's definitions (*.yaml) by name, with their times and sizes: one listing and one stat a file. Every
    render asks several times (a glob and two stats a file were 1.3 ms a call, a fifth of a warm render's 20 ms)."""
    with os.scandir(folder) as entries:
        found = [(entry.path, entry.stat()) for entry in entries if entry.name.endswith(".yaml")]
    return tuple(sorted((name, info.st_mtime_ns, info.st_size) for name, info in found))


def by_id(directory: Path | None = None) -> dict[str, TableKind]:
    return {kind.id: kind for kind in kinds(directory)}


def role(name: str, directory: Path | None = None) -> str:
    """The id of the kind whose 角色 is ``name`` (summary: the 收支总表 …), "" where none is: Python asks a kind by
    its role, never by its 编号, so a kind is renamed or added in its one file."""
    return next((kind.id for kind in kinds(directory) if name in kind.roles), "")


def with_ids(text: str, directory: Path | None = None) -> str:
    """``text`` (an example of a layout's or a source's YAML in a message) with each ``${role}`` the id of its kind:
    “横排: [${summary}-财务收支]” → “横排: [收支总表-财务收支]”."""
    return string.Template(text).safe_substitute({name: kind.id for kind in kinds(directory) for name in kind.roles})


def fund_table(fund: str, directory: Path | None = None) -> str:
    """The function table of ``fund`` (导入.资金: 一般公共预算 …), "" where none is defined."""
    return next((kind for kind, its in fund_tables(directory).items() if its == fund), "")


def fund_tables(directory: Path | None = None) -> dict[str, str]:
    """The function tables of one fund (导入.资金), by id, with their fund, by 次序: import reads each fund's
    spending from its own, in this order — the Python names none of them."""
    return {kind.id: kind.recognition.fund for kind in kinds(directory) if kind.recognition and kind.recognition.fund}


# The definitions read, by folder, while its files are unchanged (their names, times and sizes).
_READ: dict[str, tuple[tuple[tuple[str, int, int], ...], tuple[TableKind, ...]]] = {}
# The folders whose files were looked at within ``held()``: not looked at again until it ends.
_HELD: ContextVar[set[str] | None] = ContextVar("tablekinds_held", default=None)


@contextlib.contextmanager
def held() -> Iterator[None]:
    """Within the block (one document's import and review) each folder's definitions are looked at once: read
    as they are at its first ask, not stat'ed again at every ask — a review asked 6,600 times over fresh1's 24
    PDFs, 12 stats each (5 % of its CPU). A block within a block is the outer's."""
    if _HELD.get() is not None:
        yield
        return
    token = _HELD.set(set())
    try:
        yield
    finally:
        _HELD.reset(token)


def _check_unique(found: list[TableKind]) -> None:
    seen: dict[str, Path] = {}
    for kind in found:
        for key in (kind.id, *(f"角色 {name}" for name in kind.roles)):
            if key in seen:
                raise DefinitionError(f"{kind.file}: “{key}”已在 {seen[key]} 中定义")
            seen[key] = kind.file


def _kind(file: Path) -> TableKind:
    data = parse_yaml(file.read_bytes(), str(file))
    if not isinstance(data, dict) or not set(data) <= _KEYS or "编号" not in data:
        raise DefinitionError(f"{file}: 应为一张表的定义（映射），可用的键：{'、'.join(sorted(_KEYS))}；“编号”必填")
    order = _order(data.get("次序", 0), file)
    if bool(data.get("构建")) == bool(data.get("行")):
        raise DefinitionError(f"{file}: 应写“构建”（构建各行的函数）或“行”（各行的名称与字段），二者只写一个")
    forms = _forms(data.get("印出", {}), file)
    return TableKind(
        id=str(data["编号"]), order=order, description=str(data.get("说明", data["编号"])), file=file,
        build=str(data.get("构建", "")), variants=_variants(data.get("变体", {}), file), roles=_texts(_listed(data.get("角色", [])), file, "角色"), columns=_texts(data.get("列", []), file, "列"),
        rows=tuple(_row(r, file) for r in data.get("行", []) or []), total=str(data.get("合计", "")),
        omission=_omission(data.get("略去", {}), file, "略去"),
        forms={str(k): dict(v) for k, v in forms.items()},
        recognition=_recognition(data["导入"], file) if "导入" in data else None)


def _variants(value: object, file: Path) -> dict[str, str]:
    """变体: the other forms a layout prints the table in, each by the builder of its rows (its id: the kind's, "-", the
    form's: 收支总表-决算)."""
    if not isinstance(value, dict) or not all(isinstance(v, str) and v for v in value.values()):
        raise DefinitionError(f"{file}: “变体”应为“形式: 构建函数”的映射")
    return {str(form): builder for form, builder in value.items()}


def _listed(value: object) -> object:
    """A key of one word or a list of words, as a list."""
    return [value] if isinstance(value, str) else value


def _order(value: object, file: Path) -> int:
    """次序: where the table stands in the default list, an integer."""
    if not isinstance(value, int) or isinstance(value, bool):
        raise DefinitionError(f"{file}: “次序”应为整数")
    return value


def _forms(value: object, file: Path) -> dict[object, dict[str, object]]:
    """印出: each layout's own printing of the table, {表, 标题, 注, 略去} by the layout's name."""
    if not isinstance(value, dict) or not all(isinstance(v, dict) and set(v) <= _FORM_KEYS for v in value.values()):
        raise DefinitionError(f"{file}: “印出”应为“版式名称: {{表, 标题, 注, 略去}}”的映射")
    return value


def _texts(value: object, file: Path, key: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise DefinitionError(f"{file}: “{key}”应为文字的列表")
    return tuple(value)


def _row(value: object, file: Path) -> FieldRow:
    if not isinstance(value, dict) or not isinstance(value.get("字段"), str) or "名称" not in value:
        raise DefinitionError(f"{file}: “行”的每一项应为 {{名称: [印出的文字, 别名…], 字段: 源文件的字段}}")
    names = value["名称"] if isinstance(value["名称"], list) else [value["名称"]]
    return FieldRow(_texts(names, file, "行.名称"), value["字段"])


def _omission(value: object, file: Path, key: str) -> Omission:
    if not isinstance(value, dict) or not set(value) <= _OMIT_KEYS:
        raise DefinitionError(f"{file}: “{key}”应为 {{不公开: [部分…]}} 或 {{没有: 项目}}")
    without = value.get("没有", "")
    if without not in ("", "项目"):
        raise DefinitionError(f"{file}: “{key}.没有”只能是 项目")
    return Omission(_texts(value.get("不公开", []), file, f"{key}.不公开"), str(without))


def _recognition(value: object, file: Path) -> Recognition:
    if not isinstance(value, dict):
        raise DefinitionError(f"{file}: “导入”应为映射：名称、形状、资金、必备、列，及各版式的 {{名称, 表码}}")
    by_layout = {}
    for key, own in value.items():
        if key in _IMPORT_KEYS:
            continue
        if not isinstance(own, dict) or not set(own) <= {"名称", "表码"}:
            raise DefinitionError(f"{file}: “导入.{key}”应为这个版式的 {{名称: […], 表码: […]}}")
        by_layout[str(key)] = (_texts(own.get("名称", []), file, f"导入.{key}.名称"),
                               tuple(str(c) for c in own.get("表码", [])))
    columns = value.get("列", {})
    if not isinstance(columns, dict):
        raise DefinitionError(f"{file}: “导入.列”应为“含义: [表头文字…]”的映射")
    return Recognition(_texts(value.get("名称", []), file, "导入.名称"), str(value.get("形状", "科目")),
                       str(value.get("资金", "")), value.get("必备", True) not in (False, "否"),
                       {str(k): _texts(v, file, f"导入.列.{k}") for k, v in columns.items()}, str(value.get("构建", "")),
                       by_layout)


def omitted(omission: Omission, not_published: Sequence[str] | frozenset[str], has_projects: bool) -> bool:
    """Whether a table with ``omission`` is left out of a document of these facts."""
    if omission.unpublished and all(part in not_published for part in omission.unpublished):
        return True
    return omission.without == "项目" and not has_projects
