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
import re
from dataclasses import dataclass, field
from pathlib import Path

from reportgen.locations import DEFAULT_TEMPLATES
from reportgen.phrasing import chinese_number
from reportgen.records import Record

SHIPPED = DEFAULT_TEMPLATES / "layouts"
SETTINGS = "版式.yaml"
DEFAULT = "默认"
_MAX_CHAIN = 8  # 基于 → 基于 → …: deeper than this is a loop
_KEYS = {"名称", "别名", "说明", "基于", "编号", "表号", "目录", "比较措辞", "标题", "不编号", "展示"}
_UNITS = ("元", "万元")
_PATTERN = re.compile(r"\{(一|1|01)\}")


class LayoutError(Exception):
    """A layout that cannot be used: the message says which file and what is expected (Chinese)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Numbering:
    """How one level of headings (or the tables) is numbered: ``{一}、`` → 一、二、…, ``{1}.`` → 1. 2. …;
    ``body``: whether the body shows the number (the 目录 always does)."""

    pattern: str
    body: bool = True

    def label(self, index: int) -> str:
        numerals = {"一": chinese_number(index), "1": str(index), "01": f"{index:02d}"}
        return _PATTERN.sub(lambda m: numerals[m.group(1)], self.pattern)


@dataclass(frozen=True)
class Contents:
    """The 目录: its title, the deepest heading level it lists, and whether it lists the tables."""

    title: str = "目 录"
    depth: int = 1
    tables: bool = True


DEFAULT_NUMBERING = (Numbering("第{一}部分"), Numbering("{一}、"), Numbering("（{一}）"), Numbering("{1}."),
                     Numbering("（{1}）"))


@dataclass(repr=False, eq=False)
class Layout(Record):
    """A resolved layout: its settings, and its template folders, its own first."""

    name: str
    description: str = ""
    folders: list[Path] = field(default_factory=list)
    numbering: tuple[Numbering, ...] = DEFAULT_NUMBERING
    table_numbering: Numbering = Numbering("表{1}")
    contents: Contents | None = None
    budget_word: str = ""  # 比较措辞: “比2025年预算增加” says 预算; the default says “比2025年增加”
    base: str = ""
    # 标题: a heading or table title of the templates (as they write it, {年} for the year) → this
    # layout's words; "" leaves the heading out (its text stays, in the part above).
    titles: dict[str, str] = field(default_factory=dict)
    # 不编号: headings (as this layout words them) that carry no number and take none from the count
    unnumbered: frozenset[str] = frozenset()
    # 展示: the units this locality shows per table (表格单位) and per part of the text (正文单位),
    # where the source's own 展示 does not set them
    table_units: dict[str, str] = field(default_factory=dict)
    text_units: dict[str, str] = field(default_factory=dict)

    def heading_numbering(self, level: int) -> Numbering:
        """The numbering of headings at ``level`` (1 = a part): deeper levels than the layout
        lists take its last."""
        return self.numbering[min(level, len(self.numbering)) - 1]


def shipped() -> list[tuple[str, Path]]:
    """The shipped layouts: (名称, folder), the default first."""
    found = [(str(settings.get("名称", folder.name)), folder) for folder, settings in _shipped_settings().items()]
    return sorted(found, key=lambda item: item[0] != DEFAULT)


@functools.cache
def _shipped_settings() -> dict[Path, dict[str, object]]:
    """Every shipped layout's 版式.yaml, read once per process, and kept in the user's cache between
    processes (reading five YAML files would take a tenth of a render)."""
    from reportgen import cache

    folders = sorted(p for p in SHIPPED.iterdir() if (p / SETTINGS).is_file()) if SHIPPED.is_dir() else []
    made_from = [Path(__file__), *(folder / SETTINGS for folder in folders)]
    names = [folder.name for folder in folders]
    read = cache.kept("layouts", made_from, lambda: {name: _read(SHIPPED / name) for name in names})
    return {SHIPPED / name: read[name] for name in names}


def _settings(folder: Path) -> dict[str, object]:
    """A layout's 版式.yaml: a shipped one as read once, a user's afresh at every render."""
    if folder.parent == SHIPPED and folder in _shipped_settings():
        return _shipped_settings()[folder]
    return _read(folder)


def _read(folder: Path) -> dict[str, object]:
    from reportgen.source.inputs import InputRefused, read_bounded

    file = folder / SETTINGS
    try:
        text = read_bounded(file, 1_000_000, "版式文件").decode("utf-8")
    except InputRefused as exc:
        raise LayoutError(f"{file}: 版式文件无法读取：{exc.message}") from None
    except UnicodeDecodeError:
        raise LayoutError(f"{file}: 版式文件不是 UTF-8 编码") from None
    import yaml

    try:
        data = yaml.safe_load(text) or {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f":{mark.line + 1}" if mark is not None else ""
        raise LayoutError(f"{file}{where}: 版式文件不是有效的 YAML") from None
    if not isinstance(data, dict):
        raise LayoutError(f"{file}: 版式文件应为“键: 值”的映射（名称、基于、编号、表号、目录、比较措辞）")
    unknown = sorted(str(k) for k in data if k not in _KEYS)
    if unknown:
        raise LayoutError(f"{file}: 版式文件中有无法识别的键“{'、'.join(unknown)}”，可用：{'、'.join(sorted(_KEYS))}")
    return data


def _folder_of(name: str) -> Path | None:
    for shipped_name, folder in shipped():
        aliases = _settings(folder).get("别名", [])
        if name in (shipped_name, folder.name) or (isinstance(aliases, list) and name in aliases):
            return folder
    return None


def resolve(name_or_folder: str | Path | None, relative_to: Path | None = None) -> Layout:
    if name_or_folder in (None, "") or (isinstance(name_or_folder, str) and _folder_of(name_or_folder) is not None):
        return _resolve_shipped(str(name_or_folder or DEFAULT))
    return _resolve(name_or_folder, relative_to)


def layout_problem(name_or_folder: str | Path | None) -> str:
    """The message for a ``--layout`` that cannot be used, or '' when it can (or none is given):
    checked before a command that renders several times (batch, preview) starts its work."""
    if not name_or_folder:
        return ""
    try:
        resolve(name_or_folder)
    except LayoutError as exc:
        return f"reportgen: {exc.message}"
    return ""


@functools.lru_cache(maxsize=16)
def _resolve_shipped(name: str) -> Layout:
    return _resolve(name, None)


def _resolve(name_or_folder: str | Path | None, relative_to: Path | None = None) -> Layout:
    """The layout a source (``版式``) or the command line (``--layout``) names: a shipped layout by
    name (上海, 深圳, …) or a folder holding 版式.yaml (relative to ``relative_to``, the source's
    folder, when the source names it). None: the default layout."""
    wanted = str(name_or_folder) if name_or_folder not in (None, "") else DEFAULT
    folder = _folder_of(wanted)
    if folder is None:
        candidate = Path(wanted)
        if not candidate.is_absolute() and relative_to is not None:
            candidate = relative_to / candidate
        if (candidate / SETTINGS).is_file():
            folder = candidate
    if folder is None:
        names = "、".join(name for name, _ in shipped())
        raise LayoutError(f"没有名为“{wanted}”的版式：可用 {names}，或给出含 {SETTINGS} 的文件夹")
    return _load(folder, 0)


def _load(folder: Path, depth: int) -> Layout:
    if depth > _MAX_CHAIN:
        raise LayoutError(f"{folder / SETTINGS}: 版式的“基于”形成了循环")
    data = _settings(folder)
    file = folder / SETTINGS
    name = str(data.get("名称", folder.name))
    base_name = data.get("基于", DEFAULT if name != DEFAULT else None)
    if base_name is not None:
        base_folder = _folder_of(str(base_name)) or (folder / str(base_name) if (folder / str(base_name) / SETTINGS).is_file() else None)
        if base_folder is None:
            raise LayoutError(f"{file}: “基于: {base_name}”不是已有的版式")
        base = _load(base_folder, depth + 1)
    else:
        base = Layout(name=DEFAULT)
    layout = Layout(name=name, description=str(data.get("说明", "")), folders=[folder, *base.folders],
                    numbering=base.numbering, table_numbering=base.table_numbering, contents=base.contents,
                    budget_word=base.budget_word, base=str(base_name or ""), titles=dict(base.titles),
                    unnumbered=base.unnumbered, table_units=dict(base.table_units), text_units=dict(base.text_units))
    if "编号" in data:
        levels = data["编号"]
        if not isinstance(levels, list) or not levels:
            raise LayoutError(f"{file}: “编号”应为各级标题编号的列表，如 [第{{一}}部分, {{一}}、, （{{一}}）, {{1}}., （{{1}}）]")
        layout.numbering = tuple(_numbering(file, "编号", level) for level in levels)
    if "表号" in data:
        layout.table_numbering = _numbering(file, "表号", data["表号"])
    if "目录" in data:
        layout.contents = _contents(file, data["目录"])
    if "标题" in data:
        titles = data["标题"]
        if not isinstance(titles, dict) or not all(isinstance(k, str) and isinstance(v, (str, type(None)))
                                                    for k, v in titles.items()):
            raise LayoutError(f"{file}: “标题”应为“模板中的标题: 本版式的标题”的映射，如 {{收支预算总体情况: 收入支出预算总体情况说明}}"
                              "（{年} 为年度，{部门} 为部门名称；空字符串表示不要这个标题）")
        layout.titles.update({k: v or "" for k, v in titles.items()})
    if "展示" in data:
        _units(file, data["展示"], layout)
    if "不编号" in data:
        plain = data["不编号"]
        if not isinstance(plain, list) or not all(isinstance(t, str) for t in plain):
            raise LayoutError(f"{file}: “不编号”应为不带编号的标题的列表，如 [部门整体绩效目标]")
        layout.unnumbered = layout.unnumbered | frozenset(plain)
    if "比较措辞" in data:
        word = data["比较措辞"]
        if word not in ("", "预算", None):
            raise LayoutError(f"{file}: “比较措辞”应为 预算（“比2025年预算增加”）或留空（“比2025年增加”）")
        layout.budget_word = str(word or "")
    return layout


def _units(file: Path, value: object, layout: Layout) -> None:
    """展示: {表格单位: {表格: 元|万元}, 正文单位: {部分: 元|万元}}, with the names the source's 展示 takes."""
    from reportgen.model import TEXT_PARTS
    from reportgen.tables import REGISTRY

    known = {"表格单位": {"全部", "整体绩效目标表", "项目绩效目标表", *(t for t, _ in REGISTRY)}, "正文单位": {"全部", *TEXT_PARTS}}
    if not isinstance(value, dict) or not set(value) <= set(known):
        raise LayoutError(f"{file}: “展示”应为 {{表格单位: {{全部: 元}}, 正文单位: {{全部: 万元}}}}")
    for key, units in value.items():
        if not isinstance(units, dict):
            raise LayoutError(f"{file}: “展示.{key}”应为“名称: 元 或 万元”的映射")
        for name, unit in units.items():
            if name not in known[key]:
                raise LayoutError(f"{file}: “展示.{key}”中没有“{name}”，可用：{'、'.join(sorted(known[key]))}")
            if unit not in _UNITS:
                raise LayoutError(f"{file}: “展示.{key}.{name}”应为 元 或 万元，不是“{unit}”")
        (layout.table_units if key == "表格单位" else layout.text_units).update({str(k): str(v) for k, v in units.items()})


def _numbering(file: Path, key: str, value: object) -> Numbering:
    if isinstance(value, str):
        return Numbering(value)
    if isinstance(value, dict) and set(value) <= {"格式", "正文"} and isinstance(value.get("格式"), str):
        return Numbering(str(value["格式"]), bool(value.get("正文", True)))
    raise LayoutError(f"{file}: “{key}”的每一项应为编号格式（如 “{{一}}、” 或 “表{{1}}”），"
                      f"或 {{格式: …, 正文: false}}（正文不显示编号，只在目录中显示）")


def _contents(file: Path, value: object) -> Contents | None:
    if value in (False, None):
        return None
    if value is True:
        return Contents()
    if isinstance(value, dict) and set(value) <= {"标题", "层级", "表格"}:
        depth = value.get("层级", 1)
        if not isinstance(depth, int) or isinstance(depth, bool) or not 1 <= depth <= 5:
            raise LayoutError(f"{file}: “目录.层级”应为 1 到 5 的整数（目录列出的标题层级）")
        return Contents(str(value.get("标题", "目 录")), depth, bool(value.get("表格", True)))
    raise LayoutError(f"{file}: “目录”应为 true/false，或 {{标题: 目 录, 层级: 1, 表格: true}}")


__all__ = ["Contents", "Layout", "LayoutError", "Numbering", "resolve", "shipped"]
