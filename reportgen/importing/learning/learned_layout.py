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
told, never made up.

Its parts: the tables listed with their numbers and titles (learned_table_numbers), their shapes per kind
(learned_table_shapes), how they show their figures (learned_table_display), a 决算's tables (learned_final_tables), the
text's headings (learned_headings) and its words (learned_words); this module puts them together and writes the folder."""

from __future__ import annotations

import contextlib
import os
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from reportgen import tablekinds
from reportgen.base.atomic import write_atomically
from reportgen.base.errors import Internal
from reportgen.base.oserrors import reason
from reportgen.importing.emit import ImportedSource
from reportgen.importing.learning import (
    learned_amounts,
    learned_lines,
    learned_priors,
    learned_words,
    published_sentences,
    untraced_reasons,
)
from reportgen.importing.learning.learned_headings import (
    _parts,
    _printed_headings,
    _tables_headed,
    _text_settings,
    _top_level,
)
from reportgen.importing.learning.learned_uses import use_shapes
from reportgen.importing.learning.learned_words import Learned as Words
from reportgen.importing.learning.tables.learned_final_tables import _final_basic_sides, _final_fund_lines, _is_final
from reportgen.importing.learning.tables.learned_form_places import placed_in_text
from reportgen.importing.learning.tables.learned_function_shapes import _function_shapes
from reportgen.importing.learning.tables.learned_summary_shapes import (
    _basic_variant,
    _finance_shape,
    _row_names_as_printed,
)
from reportgen.importing.learning.tables.learned_table_display import _shown
from reportgen.importing.learning.tables.learned_table_numbers import (
    _department_label,
    _first_page,
    _listable,
    _listed,
    _not_listed_note,
    _unlisted_printed,
    _unnumbered_note,
)
from reportgen.importing.learning.tables.learned_table_shapes import _table_shapes
from reportgen.importing.pipeline import ImportResult
from reportgen.importing.recognition.imported import Imported
from reportgen.importing.recognition.recognize import Table
from reportgen.readers.text.lines import Line
from reportgen.shaping import layouts
from reportgen.shaping.layouts import FINAL_BASIC
from reportgen.tablekinds import role
from reportgen.tables.specs import BASIC_WITH_PROJECTS


@dataclass
class Learned:
    """A layout learned from one document: its 版式.yaml mapping, and what the document prints that the layout
    cannot say (told by the import)."""

    settings: dict[str, Any]
    told: list[str] = field(default_factory=list)
    files: dict[str, str] = field(default_factory=dict)  # the templates written beside 版式.yaml, by name
    words: Words | None = None  # the province's sentences learned (learned_words.py)


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
    if entries:  # the tables held as printed in the text, under its headings (印在)
        last = max(map(_first_page, [*tables, *unsure]), default=0)
        entries = placed_in_text(entries, last, _printed_headings(lines), lines, imported)
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


# What a 决算's learned layout keeps, in its 决算 edition (版本 适用 {种类: 决算}): the headings' numbering and the tables'
# units and decimals. The headings' words, parts and 目录 are learned by a budget's structure (预算说明 …): not kept.
_FINAL_KEPT = ("编号", "展示")


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
