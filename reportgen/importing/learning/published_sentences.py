"""The sentences a published document prints in the parts whose words are learned (`reportgen import …
--learn-layout DIR`, issue 80 part 2: learned_words): its 情况说明 (and 其他重要事项) read as paragraphs — rejoined across
lines and pages, its running heads, page numbers, tables and 目录 set aside — and cut into sentences, each with the
printed headings over it; the parts a top-level heading opens, by its words or by the 目录's."""

from __future__ import annotations

import os
import re
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from reportgen.base.patterns import regex
from reportgen.importing.text import contents
from reportgen.importing.text.text_parts import (
    PrintedHeading,
    numbering_of,
    printed_headings,
    section_kind,
    table_lines,
    worth_reading,
)
from reportgen.readers.text.cell_lines import is_cell_line
from reportgen.readers.text.lines import Line
from reportgen.readers.text.statements import folios, is_page_number, laid_in_columns

# the parts of the text whose sentences are learned (the others print the source's own texts: duties, terms, tables)
LEARNED_PARTS = ("预算说明", "其他重要事项", None)
_STYLE_ORDER = ("toc", "part", "cn", "pc", "ar", "pa")  # toc: a part numbered in the 目录 alone (unnumbered_parts)
# a figure of a sentence: an amount (with its unit), a share or rate (%), a count; a year (2026年)
_FIGURE = regex(r"(?<![\d.])(?P<n>\d[\d,]*(?:\.\d+)?)(?P<unit>亿元|万元|元|%|％|个|人|辆|项|台|家|次|名|套|平方米)?")
_NUMBERING = regex(r"^(?:（\d{1,2}）|\(\d{1,2}\)|\d{1,2}[.．、](?!\d))")


@dataclass
class Sentence:
    """A published sentence of the learned parts: its text (spaces taken out), the headings over it, its line."""

    text: str
    headings: tuple[tuple[str, str], ...]  # (style, words) from the part's heading down
    where: str
    paragraph: int  # sentences of one printed paragraph share it


def published_sentences(lines: list[Line], projects: bool = False) -> list[Sentence]:
    """The sentences of the parts whose words are learned (LEARNED_PARTS), in order, each with the printed
    headings over it (a paragraph of a numbering and a few words, no comma and no figure); ``projects``: the pages of
    the projects' statements left to the frame that prints them (_without_projects)."""
    out: list[Sentence] = []
    path: list[tuple[str, str]] = []
    parted = False  # a part's heading seen
    items: dict[str, int] = {}  # by style, the number of the last numbered paragraph that is no heading
    paragraphs = (paragraph for one in printed_files(lines) for paragraph in _paragraphs(one, projects))
    for number, (text, where, part, top) in enumerate(paragraphs):
        if top is not None:
            path, parted = [top], True
            continue
        style = _heading_style(text, items)
        if style is not None:
            level = _STYLE_ORDER.index(style)
            path = [p for p in path if _STYLE_ORDER.index(p[0]) < level] + [(style, _HEADING.sub("", text).rstrip("。"))]
        elif part in LEARNED_PARTS and _is_prose(text):
            # (a form's cells set as text have neither, a 目录's lines have leader dots; before any heading — a text
            # that numbers no part, 上海's — the sentences saying figures: its duties and terms are the source's)
            out.extend(Sentence(sentence, tuple(path), where, number) for sentence in _cut(text)
                       if parted or has_figures(sentence))
    return out


def _is_prose(text: str) -> bool:
    """Whether a paragraph that is no heading is sentences: it has a 。 or a comma (a form's cells set as text have
    neither, a 目录's lines have leader dots), or it is a numbered line saying a figure (北京 “（二）本年其他资金收入 15
    万元” over its list: a sentence of its own, as printed); a chart's caption is none (the draft prints no chart)."""
    if _LEADERS.search(text) or is_caption(text):
        return False
    return "。" in text or "，" in text or _HEADING.match(text) is not None and has_figures(text)


def printed_files(lines: list[Line]) -> list[list[Line]]:
    """The lines of each file of a document given as several (北京's 情况说明 and its 报表), each file's pages numbered
    from 1: a file begins where the page number goes back. (Read together, the second file's 第3页 第1行 is taken
    for the first's heading there, and the first's headings are lost.)"""
    files: list[list[Line]] = [[]]
    for line in lines:
        if files[-1] and line.page and 0 < line.page < max(seen.page or 0 for seen in files[-1][-3:]):
            files.append([])
        files[-1].append(line)
    return [one for one in files if one]


def _paragraphs(lines: list[Line], projects: bool = False) -> Iterator[tuple[str, str, str | None, tuple[str, str] | None]]:
    """The document's paragraphs: (text, where, the part it is in, the part's heading where it is one): lines set in
    columns, a table's cells and page numbers left out (and with ``projects`` the projects' pages); a line set in, or
    a part's heading, opens one."""
    headings = printed_headings(lines)
    tops, by_contents = _tops(lines, headings), parts_by_contents(headings)
    part: str | None = None
    buffer: list[str] = []
    where = ""
    words_below = ""  # a part's words printed on the line below its number (烟台's “第三部分” / “2026年……说明”)
    prose = _without_projects(list(_prose_lines(lines)), tops, projects)
    margins, widths = _margins(prose), _widths(prose)
    before: Line | None = None  # the line before
    for line, text in prose:
        if words_below:
            below, words_below = words_below, ""
            if "".join(text.split()) == below:
                continue
        top = tops.get((line.page, line.line or line.number))
        if top is not None:
            if buffer:
                yield "".join(buffer), where, part, None
            buffer = []
            # a part whose words are not read (烟台's 第二部分 over its tables, 第四部分 over its terms) is none learned
            part = part_of(top[1], by_contents) if top[1] else _UNREAD_PART
            yield "", line.where, part, top
            words_below = "" if top[1] in "".join(text.split()) else top[1]
            continue
        first = _FIRST.match(text)
        short = before is not None and _width(before.text) + _width(first.group(0) if first else "") <= widths.get(
            before.page, 0)  # the line before ends short of its page's width: its words end there
        printed, before = line.text[margins.get(line.page, 0):], line
        if buffer and (_opens_paragraph(printed, text, "".join(buffer), short)
                       or _ends_a_line_alone(printed, text, buffer, short)):
            yield "".join(buffer), where, part, None
            buffer = []
        if not buffer:
            where = line.where
        buffer.append("".join(text.split()))
    if buffer:
        yield "".join(buffer), where, part, None


def _without_projects(prose: list[tuple[Line, str]], tops: dict[tuple[int, int], tuple[str, str]],
                      projects: bool = True) -> list[tuple[Line, str]]:
    """The prose lines (all of them unless ``projects``) without the projects' statements: from a line titling one (its words a heading of the kind
    项目经费, text_parts.yaml: 普陀区商务委员会 2025's “科技创新专项经费情况说明” over 一、项目概述 … 七、绩效目标, one a
    page) to the next part's heading. The import reads them as the source's 项目经费说明 (text_parts' 项目), which a
    frame of its own prints under each project's title (上海's projects.j2); learned as sentences, their headings hang
    under the part before (numbered on from its sections) and the titles are lost."""
    if not projects:
        return prose
    out, inside = [], False
    for line, text in prose:
        if (line.page, line.line or line.number) in tops:
            inside = False
        elif section_kind("".join(text.split())) == "项目经费":
            inside = True
        if not inside:
            out.append((line, text))
    return out


def _tops(lines: list[Line], headings: list[PrintedHeading]) -> dict[tuple[int, int], tuple[str, str]]:
    """The part headings of the document by place (page, line), each (its style, its words): the lines printing the
    parts the 目录 alone numbers (unnumbered_parts), else the ``headings`` of the outermost numbering style."""
    if (parts := unnumbered_parts(lines, headings)[1]):
        return {place: ("toc", words) for place, words in parts.items()}
    styles = [s for s in _STYLE_ORDER if any(h.style == s for h in headings)]
    return {_where(h.where): (h.style, "".join(h.words.split())) for h in headings if h.style == styles[0]}


_PART_PREFIX = 16  # characters a body's part heading may print before the 目录's words (“上海市审计局（单位）”)
_NAMED_ENTRY = regex(r"[（(]([^（）()]+)[）)]([^（）()]+)$")  # “…办事处（部门）机构设置”: the 目录's words after a name


def unnumbered_parts(lines: list[Line], headings: list[PrintedHeading] | None = None
                     ) -> tuple[str, dict[tuple[int, int], str]]:
    """The parts a document numbers in its 目录 alone — 上海市级: “一、单位主要职能 … 六、其他相关情况说明” listed, the body
    printing “上海市审计局（单位）主要职能”, “其他相关情况说明” with no number — the 目录's numbering of them (“{一}、”) and the
    body's lines printing them, by place, with their words; ("", {}) where the body numbers them, or two are not found."""
    numbering, listed = contents.top_of(lines)
    keys = _part_keys(listed)
    if not keys or _numbered_in_body(printed_headings(lines) if headings is None else headings, keys):
        return "", {}
    first = contents.start(lines) or 0
    after, cover = lines[first].page, _cover(lines[:first])
    found = {(line.page, line.line or line.number): "".join(line.text.split()) for line in lines
             if line.page > after and _names_part("".join(line.text.split()), keys, cover)}
    return (numbering, found) if len(found) >= 2 else ("", {})


def _cover(lines: list[Line]) -> list[str]:
    """The words of the lines before the 目录 (the cover's: “预算单位：上海市戒毒康复中心”), brackets and spaces off."""
    return [_bare(line.text) for line in lines]


def _part_keys(listed: list[str]) -> list[str]:
    """The words of the 目录's entries ``listed`` that can be told in the body: four characters or more, brackets off."""
    return [key for entry in listed if len(key := _bare(entry)) >= 4]


def _numbered_in_body(headings: list[PrintedHeading], keys: list[str]) -> bool:
    """Whether a numbered heading of the body (``headings``) prints one of the 目录's parts ``keys``."""
    return any(_bare(h.words).endswith(tuple(keys)) for h in headings if h.words)


def _bare(text: str) -> str:
    """Words without spaces and brackets: “上海市审计局（单位）主要职能” ends with the 目录's “单位主要职能”."""
    return re.sub(r"[\s（）()]", "", text)


def _names_part(text: str, keys: list[str], cover: list[str] | None = None) -> bool:
    """A line of no numbering and no sentence mark whose words end with a 目录 entry's, a few words before them — or,
    whatever their length, a name the entry's first words follow bracketed (_named_entry) — or the entry's words
    with the name in place of their first word (_name_in_place; ``cover``: the words of the lines before the 目录)."""
    if not text or _HEADING.match(text) is not None or any(mark in text for mark in "。，：；"):
        return False
    bare, named = _bare(text), _named_entry(text)
    return any(_ends_with_entry(bare, key, named) or _name_in_place(bare, key, keys, cover or []) for key in keys)


def _ends_with_entry(bare: str, key: str, named: str) -> bool:
    """Whether a line's words (``bare``) end with the 目录 entry ``key``, a few words before it or a bracketed name
    (``named``: _named_entry)."""
    return bare.endswith(key) and (len(bare) <= len(key) + _PART_PREFIX or named == key)


def _name_in_place(bare: str, key: str, keys: list[str], cover: list[str]) -> bool:
    """Whether a line's words (``bare``) print the 目录 entry ``key`` with the unit's name in place of its first word,
    the word the 目录's entries share (_first_word), no bracket: “上海市戒毒康复中心机构设置” for “单位机构设置”,
    “上海市普陀区商务委员会主要职能” for “部门主要职能” — the name as the cover prints it, ending a line of it (“预算单位：
    上海市戒毒康复中心”); the entry's words left after its first word are four or more."""
    word = _first_word(key, keys)
    rest = key[len(word):]
    if not word or len(rest) < 4 or not bare.endswith(rest):
        return False
    name = bare[:-len(rest)]
    return len(name) > len(word) and any(line.endswith(name) for line in cover)


def _first_word(key: str, keys: list[str]) -> str:
    """The first word of the 目录 entry ``key`` that other entries open with too, the words they share (“单位” of
    “单位主要职能”, “单位机构设置”, “单位预算表”); "" where no other entry opens alike."""
    alike = [other for other in keys if other[:1] == key[:1]]
    return os.path.commonprefix(alike) if len(alike) >= 2 else ""


def _named_entry(text: str) -> str:
    """The 目录 entry a part's heading prints after a name, its first words bracketed after the name they stand for:
    “上海市审计局（单位）主要职能”, “上海市普陀区人民政府万里街道办事处（部门）机构设置” (17 characters before the
    目录's “部门机构设置”) print “单位主要职能”, “部门机构设置”; "" where the words end in no such brackets."""
    found = _NAMED_ENTRY.search(text)
    return found.group(1) + found.group(2) if found and found.start() > 0 else ""


def _prose_lines(lines: list[Line]) -> Iterator[tuple[Line, str]]:
    """The lines of the text's prose, each with its words: lines set in columns, a table's cells, the lines of a
    table's section (北京's 报表 read as text, “预算02表收入总表支出2080505-……”; 长沙's “注：本表反映……”), page numbers,
    running heads and a table of contents left out."""
    columns, left_out = laid_in_columns(lines), folios(lines) | _running_heads(lines)
    read = {id(line) for line in worth_reading(lines)}  # a 目录 is no prose (上海市级's lists 一、… 六、 and the tables)
    tabled = _tabled(lines)
    for index, line in enumerate(lines):
        text = line.squeezed.strip()
        if text and index not in left_out and line.number not in columns and id(line) in read \
                and not is_cell_line(line.text) and not is_page_number(text) and not tabled(line, text):
            yield line, text


def _tabled(lines: list[Line]) -> Callable[[Line, str], bool]:
    """Whether a line is printed in a table's section (text_parts.table_lines) — until the text's next heading under
    it (the number after the last heading of the text in its style: 西安's “十一、国有资产占有使用及资产购置情况说明”
    after the 会议费明细表 its “十、……” printed) shows the text going on: the rest of that section is the text's. The
    section's first line is its title, the table's (长沙's “第二部分 2025 年部门预算表” over its tables and their notes)."""
    tables, resumed, seen = table_lines(lines), set(), set()
    last: dict[str, int] = {}  # by style, the number of the text's last heading

    def tabled(line: Line, text: str) -> bool:
        at = tables.get(line.number)
        style = _heading_style("".join(text.split()))
        found = _HEADING.match(text) if style is not None else None
        numbered = numbering_of(found.group(0)) if found is not None else None
        if at is not None and at not in resumed:
            first = at not in seen
            seen.add(at)
            if first or numbered is None or last.get(numbered[0], _unseen(numbered, text[found.end():] if found else "")) != numbered[1] - 1:
                return True
            resumed.add(at)
        if numbered is not None:
            last[numbered[0]] = numbered[1]
        return False
    return tabled


def _unseen(numbered: tuple[str, int], words: str) -> int | None:
    """What the text's last heading in a style it has printed none of is taken to be, for a heading of that style in
    a table's section whose words say a 情况说明 (_PART_WORDS): the one before it where it is no first — an extract's
    pages, 江苏省检察院 2018's “二、收入预算情况说明” after its 政府性基金支出预算表, its “一、” on a page left out, 2017's
    “十、一般公共预算机关运行经费支出预算表情况说明” — else none (a table's numbered row read as text, 北京's “二、国有资本经营预算拨款”, is no heading of the text)."""
    explains = dict(_PART_WORDS)["预算说明"]
    return numbered[1] - 1 if numbered[1] > 1 and any(word in "".join(words.split()) for word in explains) else None


_ENDS = ("。", "；", "：", "！", "？")
_UNREAD_PART = "未读出"
_LEADERS = regex(r"[.…·．]{4,}")
_HEAD_LINES = 2  # a running head is printed among the first lines of a page
_HEAD_PAGES = 3  # … of so many pages at least


# the words that say which of the default text's parts (layouts.PARTS) a top-level heading opens, the first that fits:
# 杭州 “三、名词解释”, “四、2026年杭州市气象局预算公开表”; 烟台 “第二部分 2026年部门预算表”; 苏州 “第三部分 2026年度部门预算
# 情况说明”; 国家信访局 “第一部分 国家信访局概况”
_PART_WORDS = (("名词解释", ("名词解释",)), ("其他重要事项", ("其他重要事项", "其他相关情况", "其他需要说明")),
               ("预算表", ("预算表", "公开表", "报表")), ("概况", ("概况", "职能", "职责", "机构设置")),
               ("预算说明", ("情况说明", "预算安排", "编制说明", "重要事项说明")))


def part_of(words: str, by_contents: dict[str, str] | None = None) -> str | None:
    """The part of the default text (layouts.PARTS) a top-level heading's words open, the first whose words fit; else
    the part the headings under it open (``by_contents``: parts_by_contents)."""
    named = next((name for name, said in _PART_WORDS if any(word in words for word in said)), None)
    return named or (by_contents or {}).get("".join(words.split()))


# the kinds of heading (text_parts.yaml's 标题) that only the overview holds: a part whose words name no part and that
# holds one of them is the overview, whatever it calls itself
_OVERVIEW_KINDS = frozenset({"职能", "机构设置", "工作目标"})


def parts_by_contents(headings: list[PrintedHeading]) -> dict[str, str]:
    """The part each top-level heading whose words name none opens, by the headings under it (重庆 “一、单位基本情况”
    over “（一）主要职责”, 国家信访局 “第一部分 国家信访局基本情况” over “一、主要职能”: the overview — where every
    heading under it of a known kind is the overview's: 长沙's “第一部分 部门预算公开说明” holds its 职能职责 and its
    名词解释 alike, the whole text), by its words (spaces aside)."""
    return {top: "概况" for top, under in _kinds_under(headings).items()
            if part_of(top) is None and under and under <= _OVERVIEW_KINDS}


def _kinds_under(headings: list[PrintedHeading]) -> dict[str, set[str]]:
    """The kinds of the headings under each top-level heading (of the outermost style), by its words."""
    styles = [s for s in _STYLE_ORDER if any(h.style == s for h in headings)]
    kinds: dict[str, set[str]] = {}
    top: str | None = None
    for heading in headings:
        if heading.style == styles[0]:
            top = "".join(heading.words.split())
            kinds.setdefault(top, set())
        elif top is not None and heading.kind is not None:
            kinds[top].add(heading.kind)
    return kinds


def _running_heads(lines: list[Line]) -> set[int]:
    """The places of the lines that are a running head (苏州's “苏州市生态环境局2026年度单位预算公开” over each page): the
    same words among the first lines of three pages or more."""
    tops: dict[str, list[int]] = {}
    seen: dict[int, int] = {}
    for index, line in enumerate(lines):
        if line.text.strip() and line.page:
            seen[line.page] = seen.get(line.page, 0) + 1
            if seen[line.page] <= _HEAD_LINES:
                tops.setdefault("".join(line.text.split()), []).append(index)
    return {index for places in tops.values() if len({lines[i].page for i in places}) >= _HEAD_PAGES for index in places}


def _margins(prose: list[tuple[Line, str]]) -> dict[int, int]:
    """Each page's left margin in the lines' text: the least indent of its prose lines (苏州's lines all begin with
    three spaces: a line is set in where it has more)."""
    margins: dict[int, int] = {}
    for line, _ in prose:
        indent = len(line.text) - len(line.text.lstrip())
        margins[line.page] = min(indent, margins.get(line.page, indent))
    typical = _typical(margins, prose)  # (a page of a list, every line set in, is set in from the document's)
    counted = Counter(typical.values()).most_common(1)
    return {page: min(margin, counted[0][0]) for page, margin in typical.items()} if counted else typical


_FEW = 8  # a page of fewer prose lines (a heading over a table) takes the document's margin and width


def _typical(by_page: dict[int, int], prose: list[tuple[Line, str]]) -> dict[int, int]:
    """``by_page`` where a page has prose lines enough to tell, else the value most of the other pages have."""
    counted = Counter(line.page for line, _ in prose)
    told = Counter(value for page, value in by_page.items() if counted[page] >= _FEW).most_common(1)
    return by_page if not told else {page: value if counted[page] >= _FEW else told[0][0]
                                     for page, value in by_page.items()}


# a line's first piece, which the line before would have held where its words went on (（款） is not broken)
_FIRST = regex(r"^\s*(?:（[^）]{0,4}）|[0-9A-Za-z.,%]+|\S|$)")


def _widths(prose: list[tuple[Line, str]]) -> dict[int, int]:
    """Each page's width of a full prose line (as printed: a Han character two): the width most of its lines reach
    (one line spread letter by letter, 杭州's “目 方 面 的 支 出 。”, is wider than any)."""
    found: dict[int, list[int]] = {}
    for line, _ in prose:
        found.setdefault(line.page, []).append(_width(line.text))
    return _typical({page: sorted(widths)[int(_MOST * (len(widths) - 1))] for page, widths in found.items()}, prose)


_MOST = 0.8


def _width(text: str) -> int:
    """A line's width as printed: its indent, a Han character two, a digit or letter one, the spaces the reader put
    between words (2026 年) none."""
    words = "".join(text.split())
    return len(text) - len(text.lstrip()) + len(words) + sum(1 for c in words if ord(c) > _WIDE)


_WIDE = 0x2E80


def _opens_paragraph(printed: str, text: str, before: str, short: bool = True) -> bool:
    """Whether a line opens a paragraph after the words ``before``: where they end a sentence or are a heading, a
    line set in (beyond the page's margin) or numbered as a heading; where they end a sentence, also a line after
    one ending short (a list's lines, 无锡's “……占0%；”). A line set in by justification within a sentence does
    not, nor one at the margin going on with a heading-like first line (苏州's “2.行政事业单位养老支出（款）机关
    事业单位职业年金缴费支” / “出（项）支出137.89万元”, every line of its page set in by three spaces)."""
    ended = before.endswith(_ENDS)
    return (ended or _heading_style(before) is not None) and (
        printed[:2].isspace() or _HEADING.match(text) is not None or ended and short)


def _ends_a_line_alone(printed: str, text: str, buffer: list[str], short: bool) -> bool:
    """Whether a line opens a paragraph after words that end a line of their own with no sentence mark: a chart's
    caption (北京 “图 1：收入预算”, 国家信访局 “图 1  2024 年度本年收入比重图”), or the line after one; a line set in and
    numbered as a heading after a line ending short (北京 “图 1：收入预算” / “三、支出预算情况说明”, 佛山 “……所产生的费用”
    / “四、其他重要事项的情况说明”), or after a numbered line alone (北京 “（一）本年财政拨款收入 32365.09 万元” /
    “1.一般公共预算拨款收入 32365.09 万元。”: a line numbered and set in is no line going on from the one before —
    nor, on a page set with no indent, one numbered in another style)."""
    if is_caption(text) or len(buffer) == 1 and is_caption(buffer[0]):
        return True
    found, alone = _HEADING.match(text), _HEADING.match(buffer[0]) if len(buffer) == 1 else None
    if found is None:
        return False
    if alone is not None and not printed[:2].isspace():  # (a page of no indent: 北京市教育委员会's “（三）……” / “10.……”)
        return _style(found.group(0)) != _style(alone.group(0))
    return printed[:2].isspace() and (short or alone is not None)


def _style(numbering: str) -> str | None:
    numbered = numbering_of(numbering)
    return numbered[0] if numbered is not None else None


_CAPTION = regex(r"^图\s*\d[^。，；]{0,40}$")


def is_caption(text: str) -> bool:
    """Whether a line is a chart's caption: “图”, its number, its words, no sentence mark (北京 “图 1：收入预算”)."""
    return _CAPTION.match(text) is not None


_HEADING = regex(r"^(?:第[一二三四五六七八九十]{1,3}部分|[一二三四五六七八九十]{1,3}、|（[一二三四五六七八九十]{1,3}）"
                      r"|\d{1,2}[.．、](?!\d)|（\d{1,2}）)")
_HEADING_WORDS = 40


def _heading_style(text: str, items: dict[str, int] | None = None) -> str | None:
    """The numbering style of a paragraph that is a heading: a numbering and a few words, no comma, no figure — and
    not the next item of a list whose item before is a sentence (``items``: by style, the number of the last numbered
    paragraph that is none, noted here): 上海市审计局's duties 1 to 17 are sentences, “18、完成市委、市政府交办的其他任务。”
    is the list's last item, not a heading."""
    found = _HEADING.match(text)
    numbered = numbering_of(found.group(0)) if found is not None else None
    if numbered is None:
        return None
    style, number = numbered
    seen = items if items is not None else {}
    if not _heading_words(text) or (number > 1 and seen.get(style) == number - 1):
        seen[style] = number  # a term defined (（二）事业收入：指……。), a sentence or a list's item is none
        return None
    seen.pop(style, None)
    return style


def _heading_words(text: str) -> bool:
    """Whether a numbered paragraph's words are a heading's: a few, no comma or colon, no figure, no sentence before
    its end (and a long one not ended with 。)."""
    short = len(text) <= _HEADING_WORDS and not (text.endswith("。") and len(text) > _HEADING_WORDS // 2 + 4)
    return short and "，" not in text and "：" not in text and "。" not in text.rstrip("。") and not has_figures(text)


def _where(place: str) -> tuple[int, int]:
    found = re.match(r"第(\d+)页 第(\d+)行", place)
    return (int(found.group(1)), int(found.group(2))) if found else (0, 0)


def _cut(text: str) -> Iterator[str]:
    """A paragraph's sentences, each ending with its 。 (the last as printed)."""
    for piece in re.findall(r"[^。]*。|[^。]+$", text):
        if piece.strip("。 "):
            yield piece


def has_figures(text: str) -> bool:
    """Whether a sentence says a figure (an amount, a share, a count), its years and codes aside."""
    return any(_is_figure(m, text) for m in _FIGURE.finditer(_NUMBERING.sub("", text)))


def _is_figure(match: re.Match[str], text: str) -> bool:
    number, unit = match.group("n"), match.group("unit")
    if unit:
        return True
    after = text[match.end():match.end() + 1]
    return "." in number and after != "" and not after.isdigit() or after in ("", "，", "。", "；") and "." in number
