"""The headings of a published document's text, learned (`reportgen import … --learn-layout DIR`, issue 80:
learned_layout): their numbering as printed (编号: 第一部分, 一、, （一）, 1.), the 目录, the parts in the order printed
(部分), the base layout's headings as the document words them (标题) and how its lists are numbered (条目编号)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from reportgen.docmodel.document import Heading
from reportgen.importing.learning import heading_groups, published_sentences
from reportgen.importing.learning.published_sentences import part_of as _part_of
from reportgen.importing.learning.tables.learned_table_numbers import _UNCLOSED, _YEAR, _visible
from reportgen.importing.pipeline import ImportResult
from reportgen.importing.recognition.imported import Imported
from reportgen.importing.text import contents
from reportgen.importing.text.text_parts import PrintedHeading, heading_words_kind, numbering_mark, printed_headings
from reportgen.readers.text.lines import Line
from reportgen.shaping import layouts

if TYPE_CHECKING:
    from reportgen.runners.render import Prepared


# the heading numbering of each style text_parts.py reads, outermost first (a document's levels are the styles it uses,
# in this order)
_STYLES = {"part": "第{一}部分", "cn": "{一}、", "pc": "（{一}）", "ar": "{1}{mark}", "pa": "（{1}）"}


def _tables_headed(lines: list[Line], headings: list[PrintedHeading]) -> bool:
    """Whether the document prints a part over its tables: False where its top-level headings (its 目录's, else its
    body's) are read to the end of its text — to its 名词解释 — and none of them names the 预算表
    (learned_words.disclosure); True where they are read short of it (西安 2025's 目录 runs onto a second page, its
    “第五部分：部门预算公开报表” there)."""
    found = _part_words(_top_level(lines, headings), headings)
    return "名词解释" not in found or "预算表" in found


def _text_settings(result: ImportResult, lines: list[Line], base: str) -> dict[str, Any]:
    """The settings of the text the document prints: its headings' numbering (编号), 目录 and parts (部分), whatever the
    base (the learned frame is the default's parts, disclosure.j2: 深圳's own nests its parts a level deeper, under
    “一、文字部分”), and the headings' words (标题)."""
    settings: dict[str, Any] = {}
    headings = _printed_headings(lines)
    top = _top_level(lines, headings)
    numbering: list[Any] = _numbering(headings)
    if (listed_only := published_sentences.unnumbered_parts(lines)[0]):  # 上海市级: the parts numbered in the 目录 alone
        numbering = [{"格式": listed_only, "正文": False}, *numbering]
    if numbering:  # the learned frame is the default's parts (disclosure.j2), whatever the base: its levels as printed
        settings["编号"] = numbering
        if (listed := _contents(lines)) is not None:
            settings["目录"] = listed
        if (parts := _parts(top, headings)) != list(layouts.PARTS):
            settings["部分"] = parts
    if (titles := _heading_titles(result, base, headings, _part_words(top, headings))):
        settings["标题"] = titles
    if (lists := _list_numbering(result.imported, lines)):
        settings["条目编号"] = lists
    return settings


def _list_numbering(imported: Imported, lines: list[Line]) -> dict[str, str]:
    """条目编号: how the document numbers the overview's lists (职责, 工作目标) and its terms (名词解释) as printed — the
    numbering the line of each list's first item opens with (泉州 “（一）”, 长沙 “1、”, 长沙's terms “1．”), "" where it
    prints them unnumbered (重庆's duties, one paragraph; 北京's terms); a list numbered as the default numbers it (1.)
    is not written."""
    printed = {line.where: line.text for line in lines}
    found: dict[str, str] = {}
    for kind in layouts.ITEM_LISTS:
        if (text := printed.get(str(getattr(_first_item(imported.tree, kind), "where", "")))) is None:
            continue
        mark = numbering_mark(text)
        pattern = _STYLES[mark[0]].replace("{mark}", mark[1]) if mark is not None else ""
        if pattern != "{1}.":
            found[kind] = pattern
    return found


def _first_item(tree: Any, kind: str) -> object | None:
    """The first item of a list the text prints (ITEM_LISTS: the overview's 职责, 工作目标; the 名词解释's terms), as read
    (its place: ``where``); None where the source has none."""
    overview = tree.get("部门概况")
    items, key = (tree.get(kind), "术语") if kind == "名词解释" else \
        (overview.get(kind) if isinstance(overview, dict) else None, "")
    return items[0].get(key) if isinstance(items, list) and items and isinstance(items[0], dict) else None


def _numbering(headings: list[PrintedHeading]) -> list[str]:
    """The heading numbering the document uses, outermost first: each style it numbers headings with, in the order
    styles nest (第一部分 over 一、 over （一） over 1. over （1））; [] where it numbers no heading."""
    used = {heading.style: heading.mark for heading in headings}
    return [_STYLES[style].replace("{mark}", used[style] or ".") for style in _STYLES if style in used]


def _heading_titles(result: ImportResult, base: str, headings: list[PrintedHeading],
                    parts: dict[str, str]) -> dict[str, str]:
    """标题: the base layout's headings (as its templates write them: {年} for the year) that name the same part as a
    heading the document prints (职能, 三公 … — text_parts.yaml's 标题, each kind's first heading), as printed. The
    base layout's headings are those of the imported source rendered in it; and in the default's frame, which the
    learned layout prints its parts in whatever the base (深圳's own “部门职责” is the default frame's “主要职能”)."""
    from reportgen.runners.render import prepare  # deferred: likewise
    from reportgen.shaping.narrative import (  # deferred: the render, for a learned layout only
        heading_text,
        title_values,
    )

    printed = _printed_titles(headings)
    if not printed and not parts:
        return {}
    prepared = prepare(result.source.named(Path("学到的版式.yaml")), draft=True)
    if prepared.budget is None:
        return {}
    values = title_values(prepared.budget)
    # the frame's headings as it words them for this source: a unit's (单位概况) where it is one (its 版本)
    occasion = layouts.Occasion(prepared.budget.year, prepared.budget.kind, prepared.budget.accounts)
    titles: dict[str, str] = {}
    for frame in dict.fromkeys((base, layouts.DEFAULT)):  # the base's headings, and the default frame's it prints in
        layout = layouts.resolve(frame, occasion=occasion)
        keys = {heading_text(layout.titles, values, key): key for key in layout.titles}  # the frame's words → key
        for block, words in _frame_words(_rendered_headings(prepared, frame), headings, parts):
            if words is not None and words != "".join(block.text.split()):
                titles.setdefault(keys.get(block.text) or _as_written(block.text, values), _as_written(words, values))
    return titles


def _frame_words(blocks: list[Heading], headings: list[PrintedHeading],
                 parts: dict[str, str]) -> list[tuple[Heading, str | None]]:
    """Each of the frame's headings with the words the document prints for it (None for none): a heading over
    headings of the kinds a printed heading holds, that heading's words (heading_groups.py: 西安's 主要职能及机构设置 is
    the frame's 部门概况); else as _printed_words finds them, the printed headings so taken aside."""
    grouped = heading_groups.grouped_words(blocks, heading_groups.printed_groups(headings))
    taken = [id(heading) for heading in grouped.values()]
    unsaid, unplaced = _printed_titles([h for h in headings if id(h) not in taken]), dict(parts)
    return [(block, _UNCLOSED.sub("", grouped[at].words) if at in grouped else _printed_words(block, unsaid, unplaced))
            for at, block in enumerate(blocks)]


def _rendered_headings(prepared: Prepared, base: str) -> list[Heading]:
    """The headings of the prepared source rendered in the layout ``base``, in order."""
    from reportgen.runners.render import document_for  # deferred: the render, for a learned layout only

    return [block for block in document_for(prepared, draft=True, layout=base).blocks if isinstance(block, Heading)]


def _printed_titles(headings: list[PrintedHeading]) -> dict[str, str]:
    """The words of the first heading the document prints of each kind (职能, 三公 …), by the kind."""
    printed: dict[str, str] = {}
    for heading in headings:
        if heading.kind is not None and heading.kind not in printed and heading.words:
            printed[heading.kind] = _UNCLOSED.sub("", heading.words)  # “…情况说明（详” broken at the line's end
    return printed


def _printed_words(block: Heading, printed: dict[str, str], parts: dict[str, str]) -> str | None:
    """The words the document prints for the base layout's heading ``block``, taken (each once) from the parts'
    headings ``parts`` where it is a part's, else from the headings ``printed`` by kind; None where it prints none."""
    if block.level == 1 and (part := _part_of(block.text)) in parts:  # a part's heading (部分), as printed
        return parts.pop(part)
    if (kind := heading_words_kind(block.text)) in printed:
        return printed.pop(kind)
    return None


def _as_written(text: str, values: dict[str, str]) -> str:
    """A heading as a layout writes it: the year as {年}, the department's name as {部门}."""
    text = _visible(text)
    if values.get("部门"):
        text = text.replace(values["部门"], "{部门}")
    return _YEAR.sub(lambda m: "{年}" if m.group(1) == values.get("年") else m.group(1), text)


def _contents(lines: list[Line]) -> dict[str, Any] | None:
    """目录: where the document prints one on one of its first pages (a line of its own saying 目录, as text_parts.yaml
    names it), its title as printed, the heading levels its lines list (the numbering styles they open with), whether
    it lists the tables, on a page of its own; None where it prints none."""
    start = contents.start(lines)
    if start is None:
        return None
    entries = [entry for entry in contents.entries(lines, start) if entry]
    styles = {index for entry in entries for index, style in enumerate(contents.STYLES) if style.match(entry)}
    listed = [contents.unpaged(entry) for entry in entries]
    return {"标题": " ".join(lines[start].text.split()), "层级": max(1, len(styles)),
            "表格": sum(entry.endswith("表") for entry in listed) >= 2, "单独成页": True}  # one: a part's title (…公开表)


def _part_words(top: list[str], headings: list[PrintedHeading]) -> dict[str, str]:
    """The words of each part's top-level heading as printed, by the part (the first heading of each): named by its
    words, else by the headings under it (published_sentences.parts_by_contents)."""
    by_contents = published_sentences.parts_by_contents(headings)
    found: dict[str, str] = {}
    for words in top:
        if (part := _part_of(words, by_contents)) is not None:
            found.setdefault(part, words)
    return found


def _parts(top: list[str], headings: list[PrintedHeading]) -> list[str]:
    """部分: the default text's parts in the order the document prints them — its top-level headings ``top`` each
    named by published_sentences.part_of; a part it prints no heading of first where it comes before all those it does in the default
    order (a document opens with its overview, whatever it calls it), else last (杭州's 其他重要事项, a section of its
    情况说明), so that the parts it prints keep their numbers."""
    found = list(_part_words(top, headings))
    if not found:
        return list(layouts.PARTS)
    order = list(layouts.PARTS)
    first = min(order.index(part) for part in found)
    unfound = [part for part in order if part not in found]
    return [p for p in unfound if order.index(p) < first] + found + [p for p in unfound if order.index(p) > first]


def _printed_headings(lines: list[Line]) -> list[PrintedHeading]:
    """The headings of the document, file by file where it is several (北京's 情况说明 and 报表: each numbered from
    its first page, read together the second's lines are taken for the first's)."""
    return [heading for one in published_sentences.printed_files(lines) for heading in printed_headings(one)]


def _top_level(lines: list[Line], headings: list[PrintedHeading]) -> list[str]:
    """The words of the document's top-level headings in order: the 目录's lines numbered in the outermost style it
    uses (a part's title ending in 表 is none of the body's headings: text_parts reads it as a table's), else the
    body's headings of the outermost style."""
    start = contents.start(lines)
    if start is not None and (top := contents.top(contents.entries(lines, start))):
        return top
    styles = [style for style in _STYLES if any(h.style == style for h in headings)]
    return [h.words for h in headings if styles and h.style == styles[0]]
