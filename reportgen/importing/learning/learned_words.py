"""The province's words, learned as a published document is imported (`reportgen import … --learn-layout DIR`,
issue 80 part 2): each narrative sentence of its 情况说明 (and 其他重要事项) whose figures are all traced to the
imported source's fields becomes a Jinja2 sentence of the learned layout, those fields in place of the figures
and the change words (增加/减少, 增长/下降) following the figures' changes, as the default wording's templates do
(_phrases.j2); a sentence that cannot be traced is kept as printed, for the officer to edit, and listed.

A figure is traced to a field where the field, printed as the sentence prints it (its unit, decimals and
commas), is the figure; of several fields that print alike, the one whose words the default templates print
before it (收入预算 before f.income_grand_total) stand nearest before the figure. A sentence is kept only where
its template, rendered from the imported source, is the published sentence word for word: nothing is guessed.

The fields are those the default templates print ({{ x|money }}, with_change(x, prior, …, actual)), the
function and economic lines by their codes, the income sources and the “三公” parts by their names. Next year a
sentence whose fields the source does not give (or whose change is 持平 where it said a change) is not printed:
it is a 待补充 the officer sees (a draft) and is told of (the render), as is a sentence kept as printed, which
prints only in the year it was learned from — never last year's figures as this year's."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from decimal import Decimal
from functools import cache
from typing import Any

import jinja2

from reportgen.base.locations import DEFAULT_TEMPLATES
from reportgen.base.patterns import regex
from reportgen.compute import Change, quantize_half_up
from reportgen.compute.arithmetic import as_printed
from reportgen.compute.phrasing import UNIT_FACTOR
from reportgen.docmodel.model import INCOME_SOURCES, VEHICLE_KINDS
from reportgen.importing.learning import learned_lines
from reportgen.importing.learning.learned_lines import Lines
from reportgen.importing.learning.narrative_fields import narrative_fields, said_in
from reportgen.importing.text import contents
from reportgen.importing.text.text_parts import (
    PrintedHeading,
    internal_counts,
    numbering_of,
    printed_headings,
    section_kind,
    table_lines,
    vehicle_kind_names,
    vocabulary,
    worth_reading,
)
from reportgen.readers.text.cell_lines import is_cell_line
from reportgen.readers.text.lines import Line
from reportgen.readers.text.statements import (
    folios,
    is_page_number,
    laid_in_columns,
    list_opening_words,
    named_quantities,
    part_qualifiers,
    subjectless,
)

WORDS_FILE = "学到的措辞.j2"
# the parts of the text whose sentences are learned (the others print the source's own texts: duties, terms, tables)
LEARNED_PARTS = ("预算说明", "其他重要事项", None)
_STYLE_ORDER = ("toc", "part", "cn", "pc", "ar", "pa")  # toc: a part numbered in the 目录 alone (unnumbered_parts)
_ROOTS = ("f.", "fa.", "b.", "fiscal_expenditure_total")
_MONEY = regex(r"\{\{\s*([\w.\[\]'\"()]+?)\s*\|\s*money\s*\}\}")
_WITH_CHANGE = regex(r"with_change\(([^,()]+(?:\([^()]*\))?[^,()]*),\s*([^,()]+(?:\([^()]*\))?[^,()]*),\s*\w+"
                          r"(?:,\s*([^,()]+(?:\([^()]*\))?[^,()]*))?\)")
# a figure of a sentence: an amount (with its unit), a share or rate (%), a count; a year (2026年)
_FIGURE = regex(r"(?<![\d.])(?P<n>\d[\d,]*(?:\.\d+)?)(?P<unit>亿元|万元|元|%|％|个|人|辆|项|台|家|次|名|套|平方米)?")
_YEAR = regex(r"(?<!\d)(\d{4})(?=年)")
_NUMBERING = regex(r"^(?:（\d{1,2}）|\(\d{1,2}\)|\d{1,2}[.．、](?!\d))")
_CODE = regex(r"(?<=[（(])\d{3,9}(?=[）)])|(?<!\d)\d{3,9}(?=[^\d.,%％万元]|$)")
_PAIRS = {"增加": "减少", "减少": "增加", "增长": "下降", "下降": "增长", "上升": "下降"}
_UP = ("增加", "增长", "上升")
_LABEL_CHARS = 12
_NAMED_WITHIN = 40  # a zero is a field's where its words stand among the last so many before it
WHY_UNTRACED = "句中的数未能对上源文件的字段"
WHY_DIFFERENT = "按字段生成的句子与原句不同"
# a learned layout's disclosure.j2: its base's (title, performance targets, a document of some figures only), its
# parts in the order printed, its 预算说明 the learned words — which say its 其他重要事项 too where it printed one
_DISCLOSURE = """{#- a learned layout (reportgen import --learn-layout): its base's frame, the parts in the order
    printed, the text of the budget as the published document words it (""" + WORDS_FILE + """) -#}
{% extends "基于/disclosure.j2" %}
{% block parts %}
TABLES_FROM{%- for part in layout_parts OTHER%}
{% include '""" + WORDS_FILE + """' if part == 'budget.j2' else part %}
{%- endfor %}PROJECTS
{% endblock %}
{% block performance %}{% include "performance.j2" %}{% endblock %}
"""


@dataclass(frozen=True)
class Field:
    """A field the sentences may print: its template expression, the words the default templates print before
    it (what a sentence names it by), and its value in the imported source."""

    expr: str
    label: str
    value: Any
    current: str = ""  # a change's: the expression of the figure it is the change of
    prior: str = ""  # … and of the figure it is the change from (last year's), with its value
    prior_value: Any = None
    count: bool = False  # a count (车辆5辆, 项目9个): printed as a whole number after its words, never an amount
    names: tuple[str, ...] = ()  # the words texts name its quantity by (vocabulary.yaml 数的名称: _QUANTITIES)


@dataclass
class Sentence:
    """A published sentence of the learned parts: its text (spaces taken out), the headings over it, its line."""

    text: str
    headings: tuple[tuple[str, str], ...]  # (style, words) from the part's heading down
    where: str
    paragraph: int  # sentences of one printed paragraph share it


@dataclass
class Learned:
    """The learned sentences: each's template (None: kept as printed) and why not where it is kept."""

    sentences: list[tuple[Sentence, str | None]] = field(default_factory=list)
    kept: list[tuple[Sentence, str]] = field(default_factory=list)  # (sentence, why)
    # each kept sentence saying a figure: its class and the figure (untraced_reasons.CLASSES)
    reasons: list[tuple[Sentence, str, str]] = field(default_factory=list)
    projects: bool = False  # the base's frame prints the source's project statements (its pages not learned)
    lines: Lines = field(default_factory=lambda: Lines({}))  # the source's lines (a list of every line: learned_lines)

    @property
    def traced(self) -> int:
        return sum(1 for _, template in self.sentences if template is not None)


# -- the published sentences ---------------------------------------------------------------------------------

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


def unnumbered_parts(lines: list[Line], headings: list[PrintedHeading] | None = None
                     ) -> tuple[str, dict[tuple[int, int], str]]:
    """The parts a document numbers in its 目录 alone — 上海市级: “一、单位主要职能 … 六、其他相关情况说明” listed, the body
    printing “上海市审计局（单位）主要职能”, “其他相关情况说明” with no number — the 目录's numbering of them (“{一}、”) and the
    body's lines printing them, by place, with their words; ("", {}) where the body numbers them, or two are not found."""
    numbering, listed = contents.top_of(lines)
    keys = _part_keys(listed)
    if not keys or _numbered_in_body(printed_headings(lines) if headings is None else headings, keys):
        return "", {}
    after = lines[contents.start(lines) or 0].page
    found = {(line.page, line.line or line.number): "".join(line.text.split()) for line in lines
             if line.page > after and _names_part("".join(line.text.split()), keys)}
    return (numbering, found) if len(found) >= 2 else ("", {})


def _part_keys(listed: list[str]) -> list[str]:
    """The words of the 目录's entries ``listed`` that can be told in the body: four characters or more, brackets off."""
    return [key for entry in listed if len(key := _bare(entry)) >= 4]


def _numbered_in_body(headings: list[PrintedHeading], keys: list[str]) -> bool:
    """Whether a numbered heading of the body (``headings``) prints one of the 目录's parts ``keys``."""
    return any(_bare(h.words).endswith(tuple(keys)) for h in headings if h.words)


def _bare(text: str) -> str:
    """Words without spaces and brackets: “上海市审计局（单位）主要职能” ends with the 目录's “单位主要职能”."""
    return re.sub(r"[\s（）()]", "", text)


def _names_part(text: str, keys: list[str]) -> bool:
    """A line of no numbering and no sentence mark whose words end with a 目录 entry's, a few words before them."""
    if not text or _HEADING.match(text) is not None or any(mark in text for mark in "。，：；"):
        return False
    bare = _bare(text)
    return any(bare.endswith(key) and len(bare) <= len(key) + _PART_PREFIX for key in keys)


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


# -- the fields ------------------------------------------------------------------------------------------------

@cache
def _harvested() -> tuple[tuple[tuple[str, str], ...], tuple[tuple[str, str, str, str], ...]]:
    """From the default templates: each expression printed with |money and the words before it, and each
    with_change(current, prior, year, actual) with the words before its current."""
    amounts: dict[str, str] = {}
    changes: dict[tuple[str, str, str], str] = {}
    for path in sorted((DEFAULT_TEMPLATES / "narrative").glob("*.j2")):
        text = path.read_text(encoding="utf-8")
        for m in _MONEY.finditer(text):
            if m.group(1).startswith(_ROOTS):
                amounts.setdefault(m.group(1), _label_before(text, m.start()))
        for m in _WITH_CHANGE.finditer(text):
            current, prior, actual = (g.strip() if g else "" for g in m.groups())
            if current.startswith(_ROOTS) and prior.startswith(_ROOTS):
                changes.setdefault((current, prior, actual), amounts.get(current, ""))
    return tuple(amounts.items()), tuple((c, p, a, label) for (c, p, a), label in changes.items())


def _label_before(text: str, at: int) -> str:
    """The Han characters printed just before ``at`` in a template (its words before a figure)."""
    before = re.sub(r"\{[{%#].*?[}%#]\}", "", text[max(0, at - 200):at])
    return "".join(re.findall(r"[\u4e00-\u9fff]", before))[-_LABEL_CHARS:]


def fields(env: jinja2.Environment, context: dict[str, Any]) -> tuple[list[Field], list[Field]]:
    """The amounts and the changes (each Field's value a Change) a sentence may print, valued from ``context``."""
    amounts: list[Field] = []
    changes: list[Field] = []
    harvested, compared = _harvested()
    for expr, label in harvested:
        amounts.append(Field(expr, label, _value(env, context, expr)))
    for name in INCOME_SOURCES:
        amounts.append(Field(f"f.income_of('{name}')", name, _value(env, context, f"f.income_of('{name}')")))
    three = context["b"].three_public
    for name in three.parts:
        part = f"b.three_public.parts['{name}']"
        amounts.append(Field(f"{part}.current", name, _value(env, context, f"{part}.current")))
        for base in ("prior", "actual"):
            changes.append(_change(env, context, f"{part}.current", f"{part}.{base}", name))
    for expr, label in _NAMED:
        amounts.append(Field(expr, label, _value(env, context, expr)))
    amounts += _counts(env, context)
    for base in ("prior", "actual"):
        changes.append(_change(env, context, "b.running_costs.current", f"b.running_costs.{base}", "机关运行经费"))
    for current, prior, actual, label in compared:
        for base in (prior, actual):
            if base:
                changes.append(_change(env, context, current, base, label))
    amounts += _lines(env, context, changes)
    amounts = _named_quantities(env, context, amounts)
    stated = _stated(env, context)  # 正文金额 (learned_amounts.py)
    amounts, changes = amounts + stated[0], changes + stated[1]
    return [a for a in amounts if isinstance(a.value, Decimal)], [c for c in changes if isinstance(c.value, Change)]


def _stated(env: jinja2.Environment, context: dict[str, Any], unit: str = "") -> tuple[list[Field], list[Field]]:
    """The source's 正文金额 (learned_amounts.py; of its budget unit ``unit``: 单位[].正文金额) as fields: each amount by
    its name, its change where its 上年 is given."""
    rows = narrative_fields(context, unit)
    return ([Field(expr, name, value) for expr, name, value, _ in rows],
            [_change(env, context, expr, prior, name) for expr, name, _, prior in rows if prior])


# 收支总计 (国家信访局 “收支总预算50,616.94万元”, 湖州 “收支总预算6838.41万元”, 烟台 “收支预算5,609.33万元”): either total,
# where the two are one — a budget's 收入总计 and 支出总计 balance; where they do not, none (the sentence is not printed)
_BALANCED = "(f.income_grand_total if f.income_grand_total == f.expenditure_grand_total else none)"
# the quantities of vocabulary.yaml 数的名称 a field of the source holds, by the field's expression: the words published
# texts of many regions name them by (江苏 “1．本年支出合计”, “本年政府性基金预算收入”, “（1）公务用车购置预算支出”)
_QUANTITIES = {"f.income_grand_total": "收入总计", "f.expenditure_grand_total": "支出总计", _BALANCED: "收支总计",
               "f.income_total": "本年收入合计", "f.expenditure_total": "本年支出合计", "f.basic": "基本支出",
               "f.project": "项目支出", "f.personnel": "人员经费", "f.public": "公用经费",
               "f.fiscal_income": "财政拨款收入", "fiscal_expenditure_total": "财政拨款支出",
               "f.general_budget": "一般公共预算支出", "f.general_basic": "一般公共预算基本支出",
               "f.general_project": "一般公共预算项目支出", "f.three_public_total": "“三公”经费",
               "f.procurement_total": "政府采购预算", "b.procurement.goods": "政府采购货物预算",
               "b.procurement.works": "政府采购工程预算", "b.procurement.services": "政府采购服务预算",
               "b.procurement.sme": "面向中小企业预留", "b.running_costs.current": "机关运行经费",
               "f.managed_amount": "绩效目标管理涉及的预算资金", "b.carried_over": "上年结转结余",
               "b.carry_forward": "年末结转结余",
               "f.fiscal_expenditure['政府性基金']": "政府性基金预算支出",
               "f.fiscal_expenditure['国有资本经营']": "国有资本经营预算支出",
               "f.vehicles_total": "公务用车购置及运行维护费",
               **{f"b.three_public.parts['{part}'].current": part
                  for part in ("因公出国（境）费", "公务用车购置费", "公务用车运行维护费", "公务接待费")},
               **{f"f.income_of('{name}')": name for name in INCOME_SOURCES}}


def _named_quantities(env: jinja2.Environment, context: dict[str, Any], amounts: list[Field]) -> list[Field]:
    """The amounts, each holding a quantity of vocabulary.yaml 数的名称 with the words texts name it by; the funds'
    spending besides (no default template prints it alone). A quantity the source leaves unknown has none: an income
    it does not know (其余未公开), a 上年结转 it does not state — a zero the text states is a field only where the
    source holds it."""
    said = named_quantities()
    budget = context["b"]
    unknown = {f"f.income_of('{name}')" for name in budget.income_unknown}
    if "上年结转" not in budget.income_stated:
        unknown.add("b.carried_over")
    if not budget.carry_forward and not budget.carry_forward_stated:  # (a 结转下年 of 0 not written: none stated)
        unknown.add("b.carry_forward")
    three = budget.three_public  # (a part the source leaves out while it gives others is unknown, never 0)
    unknown |= {f"b.three_public.parts['{part}'].current" for part in three.parts if not three.known(part)}
    out = [*amounts, *(Field(expr, "", _value(env, context, expr)) for expr in _QUANTITIES
                       if expr.startswith(("f.fiscal_expenditure", "f.vehicles_total")) or expr == _BALANCED)]
    return [replace(a, names=said.get(_QUANTITIES[a.expr], ()) or said.get(_QUANTITIES[a.expr] + "收入", ()))
            if a.expr in _QUANTITIES and a.expr not in unknown else a for a in out]


# the fields the default templates print inside a macro of their part (b.procurement as p …), with their words
_NAMED = (("b.procurement.goods", "货物"), ("b.procurement.works", "工程"), ("b.procurement.services", "服务"),
          ("b.procurement.sme", "面向中小企业预留"), ("b.procurement.small_firms.get('小微企业')", "预留给小型和微型企业"),
          ("b.running_costs.current", "机关运行经费"), ("f.managed_amount", "涉及预算资金"))
_INTERNAL = "b.profile.internal_count"  # 部门概况.内设机构数: traced only where the import reads it (_said_internal)
# the counts the source holds, with the words the default templates print before them (国有资产, 绩效管理), and the
# units each is counted in (“设备（不含车辆）0台（套）” is no count of vehicles)
_COUNTS = (("f.managed_project_count", "项目", "个项"), ("b.assets.vehicles", "车辆", "辆台"),
           ("b.assets.planned.get('车辆')", "购置车辆", "辆"), ("b.assets.general_equipment", "通用设备", "台"),
           ("b.assets.special_equipment", "专用设备", "台"), ("b.assets.planned.get('通用设备')", "购置通用设备", "台"),
           ("b.assets.planned.get('专用设备')", "购置专用设备", "台"), ("b.assets.large_equipment", "设备", "台"),
           (_INTERNAL, "内设机构", "个"))
_COUNT_UNITS = ("个", "辆", "台", "项", "家")
_COUNTED_IN = {**{expr: units for expr, _, units in _COUNTS},
               **{f"b.assets.vehicle_kinds.get('{kind}')": "辆" for kind in VEHICLE_KINDS}}


def _counts(env: jinja2.Environment, context: dict[str, Any]) -> list[Field]:
    """The counts the source holds (_COUNTS; each kind of its vehicles, counted in 辆 and named by its kind), each a
    Field of its whole number."""
    kinds = [(f"b.assets.vehicle_kinds.get('{kind}')", kind, "辆") for kind in VEHICLE_KINDS]
    return [Field(expr, label, Decimal(count), count=True) for expr, label, _ in (*_COUNTS, *kinds)
            if isinstance(count := _value(env, context, expr), int) and not isinstance(count, bool)]


def _lines(env: jinja2.Environment, context: dict[str, Any], changes: list[Field]) -> list[Field]:
    """The function lines (all money and 一般公共预算's) and economic lines by code, with their changes."""
    out: list[Field] = []
    figures = context["f"]
    for fund, expr in ((None, "function_line('{code}')"), ("一般公共预算", "function_line('{code}', '一般公共预算')")):
        for top in figures.function_tree(fund):
            for node in top.walk():
                line = expr.format(code=node.code)
                out.append(Field(f"{line}.total", node.name, node.total))
                out.append(Field(f"{line}.basic", node.name + "基本支出", node.basic))
                out.append(Field(f"{line}.project", node.name + "项目支出", node.project))
                changes.append(_change(env, context, f"{line}.total", f"{line}.prior", node.name))
                if node.prior is None and node.lines_prior is not None:  # (a 类 or 款 whose lines' 上年 are given)
                    changes.append(_change(env, context, f"{line}.total", f"{line}.lines_prior", node.name))
                if fund is not None and (actual := context["actual_function"].get(node.code)) is not None:
                    out.append(Field(f"actual_function.get('{node.code}')", node.name + "执行数", actual))
                    changes.append(_change(env, context, f"{line}.total", f"actual_function.get('{node.code}')",
                                           node.name + "执行数"))
    for top in figures.economic_tree:
        for node in top.walk():
            line = f"economic_line('{node.code}')"
            out.append(Field(f"{line}.basic", node.name, node.basic))
            changes.append(_change(env, context, f"{line}.basic", f"{line}.prior", node.name))
    return out


def _value(env: jinja2.Environment, context: dict[str, Any], expr: str) -> Any:
    try:
        return env.compile_expression(expr)(**context)
    except Exception:  # noqa: BLE001 — an expression this source cannot value is no field of it
        return None


def _change(env: jinja2.Environment, context: dict[str, Any], current: str, prior: str, label: str) -> Field:
    expr = f"(({current})|change_from({prior}))"
    return Field(expr, label, _value(env, context, expr), current, prior, prior_value=_value(env, context, prior))


# -- a sentence traced -----------------------------------------------------------------------------------------

@dataclass
class _Traced:
    pieces: list[str]  # the template, piece by piece
    guards: list[str]  # the expressions that must be given for the sentence to print
    change_guards: list[str]  # the changes that must (not) be 持平 as they were where the sentence says no other words
    said: list[str] = field(default_factory=list)  # the fields said, in order
    year_bound: int | None = None  # the year it is printed in alone: it says a cause no field holds (_year_bound_cause)
    year_why: str = "cause"  # … or a change no field holds ("compared": _said_flat)
    text: str = ""  # the sentence


@dataclass(frozen=True)
class Style:
    """How a document prints its amounts in sentences: with the thousands' commas, and at how many decimals most;
    ``rates_printed``: whether it computes its rates from the figures as it prints them (_printed_rate_fits), as one
    of its rates shows no other way (万里 2023's “增加105.81%” of 8.61 and 17.72万元): each rate, where those figures
    give it, is computed from them (万里 2024's “增加49.45%” of 95.16 and 142.22万元, of the unrounded ones 49.46%)."""

    commas: bool = True
    places: int = 2
    rates_printed: bool = False


@dataclass
class _Span:
    """A change said as “比上年增加7.59万元，增长8.0%”: where its words begin among the pieces, the change, and the
    comparison's words (较2025年预算) — worded “与2025年预算持平” where the change is 持平, as the default wording does."""

    start: int
    change: str
    opener: str


# a change's comparison just before its word (比上年, 较2025年预算, 比上年预算数; 江苏 与上年相比, 深圳 较2025年年初预算),
# and its rate's words after it
_OPENER = regex(r"(?:比|较|与)(?:上年|上一年度?|\d{4}年度?)(?:年初)?(?:预算数?|执行数|决算数?)?(?:相比，?)?$")
_RATE_WORDS = regex(r"^，(?:增长|下降|增幅|降幅|提高|降低|上升|增加|减少)(?:了|为)?$")


def trace(text: str, amounts: list[Field], changes: list[Field], context: dict[str, Any],
          said_before: list[str] | None = None, style: Style = Style(), subject: str = "") -> str | None | _Traced:
    """The sentence's template pieces where each of its figures is traced to a field; None where one is not.
    ``said_before``: the fields the sentence before it in its paragraph said (“与上年相比增加……” goes on with them);
    ``subject``: the name said over it (_subject_of), the subject of an amount whose words name none."""
    traced = _Traced([], [], [], text=text)
    texts = _texts(context)

    def _literal(words: str) -> str:  # the source's own texts in them as fields
        return _with_texts(words, context, texts, traced)

    at = 0
    span: _Span | None = None
    placed: list[tuple[int, str]] = []  # where each figure ends, and its field (a change's: the change)
    said = traced.said = list(said_before or [])  # the fields said so far (a change is of the figure said before it)
    body = _NUMBERING.match(text)
    quoted = _quoted(text, texts)
    thresholds = 0
    dept = department_words(context)
    for match in _FIGURE.finditer(text, body.end() if body else 0):
        thresholds += bool(_THRESHOLD.match(text, match.end()))
        if _words_alone(match, text, quoted):
            continue
        piece = _figure(text, match, (amounts, changes), said, style, subject, dept)
        if piece is None:
            return None
        expr, guard, change = piece
        said.append(change.expr if change is not None else guard)
        words = text[at:match.start()]
        ends_span = span is not None and change is not None and change.expr == span.change and \
            expr.endswith(("%", "％")) and _RATE_WORDS.search(words) is not None
        if span is not None and not ends_span:
            _close(traced, span, context)
            span = None
        if ends_span:
            _changed(traced, words, change, _literal, within=True)
        else:
            span = _changed(traced, words, change, _literal)
        traced.pieces.append(expr)
        traced.guards.append(guard)
        placed.append((match.end(), guard if change is None else change.expr))
        if ends_span and span is not None:
            _close(traced, span, context)
            span = None
        at = match.end()
    if span is not None:
        _close(traced, span, context)
    if thresholds and not placed:
        return None  # (“未安排购置车辆和单位价值100万元以上设备”: no field holds what it says; its year's alone)
    traced.pieces.append(_literal(text[at:]))
    _year_bound_cause(traced, context)
    _said_flat(traced, text, placed, changes, context)
    return traced


def _words_alone(match: re.Match[str], text: str, quoted: list[tuple[int, int]]) -> bool:
    """Whether a number of a sentence is printed as words, no field: no figure (a code), a figure within a text of
    the source (“本部门2个预算单位”: printed with it), a threshold (“单价100万元以上设备”: the rule's words, every year)."""
    return not _is_figure(match, text) or any(start <= match.start() < end for start, end in quoted) \
        or _THRESHOLD.match(text, match.end()) is not None


# the words after an amount that make it a threshold, no figure of the year (“单位价值100万元（含）以上设备”, “单价20万元以上”)
_THRESHOLD = regex(r"(?:（含）|\(含\))?(?:及)?以[上下]")
# the words that say an amount is last year's (vocabulary.yaml 持平; 江苏 苏州、无锡 “0万元，与上年预算数相同”, 杭州 “与2025年
# 执行数相同”)
_FLAT = regex(r"持平|相同|一致|相等|无增减|无变化|没有变化")


def _said_flat(traced: _Traced, text: str, placed: list[tuple[int, str]], changes: list[Field],
               context: dict[str, Any]) -> None:
    """A 持平 said in words of an amount (“公务接待费1.20万元，与2025年预算持平”, “……0万元，与上年预算数相同”) holds while
    its change is 持平: the sentence prints where it is, and where the source gives no change of it, in its own year
    alone — never “相同” beside next year's figure, which may not be."""
    for found in _FLAT.finditer(text):
        amount = next((expr for end, expr in reversed(placed) if end <= found.start()), None)
        change = next((c for c in changes if amount is not None and c.current == amount), None)
        if change is not None and change.value.kind == "flat":
            traced.change_guards.append(f"({change.expr}).kind == 'flat'")
        else:
            traced.year_bound, traced.year_why = context["year"], "compared"


def _changed(traced: _Traced, words: str, change: Field | None, literal: Callable[[str], str],
             within: bool = False) -> _Span | None:
    """The words before a figure as pieces, their change word following the figure's change where they end with one;
    the span of the change's words where they say a comparison (比上年增加) and the change is not 持平. ``within``:
    the words of a rate within a span (printed where the change is not 持平: no other guard)."""
    word = next((w for w in sorted(_PAIRS, key=len, reverse=True) if re.search(w + r"了?$", words)), None)
    if change is None or word is None or not (change.value.kind == "flat" or (word in _UP) == (
            change.value.kind in ("up", "new"))):
        traced.pieces.append(literal(words))
        return None
    cut = words.rfind(word)
    opener = _OPENER.search(words[:cut]) if change.value.kind != "flat" and not within else None
    if opener is None:
        traced.pieces += [literal(words[:cut]), _word(change.expr, word), literal(words[cut + len(word):])]
        if not within:
                traced.change_guards.append(f"({change.expr}).kind {'==' if change.value.kind == 'flat' else '!='} 'flat'")
        return None
    traced.pieces.append(literal(words[:opener.start()]))
    span = _Span(len(traced.pieces), change.expr, opener.group(0))
    traced.pieces += [literal(opener.group(0)), _word(change.expr, word), literal(words[cut + len(word):])]
    return span


def _close(traced: _Traced, span: _Span, context: dict[str, Any]) -> None:
    """The span's pieces printed where the change is not 持平; where it is, its comparison's words saying 持平."""
    flat = _literal("与" + span.opener[1:].removesuffix("，").removesuffix("相比"), context) + "持平"
    worded = "".join(traced.pieces[span.start:])
    traced.pieces[span.start:] = [f"{{% if ({span.change}).kind == 'flat' %}}{flat}{{% else %}}{worded}{{% endif %}}"]


_CAUSE = regex(r"原因|由于|因为|主要是")  # the words that give a change's cause: its year's, not a field's


def _year_bound_cause(traced: _Traced, context: dict[str, Any]) -> None:
    """A cause said in words no source field holds (“主要原因是2026年接待任务减少”) is that year's: the sentence is
    printed in the year it was learned from alone, a 待补充 in another — never last year's reason beside this year's
    change (烟台市民政局: a 增加 printed with the reason of a decrease)."""
    body = "".join(traced.pieces)
    cause = _CAUSE.search(body)
    if cause is not None and "b.reasons" not in body[cause.end():]:
        traced.year_bound, traced.year_why = context["year"], "cause"


_THOUSAND = 1000


def comma_style(texts: list[str]) -> Style:
    """How a document prints its amounts: with the thousands' commas where four digits and more (as most do), and
    the decimals most of them print (2 where none says)."""
    money = [m.group("n") for text in texts for m in _FIGURE.finditer(text) if m.group("unit") in ("万元", "元", "亿元")]
    big = [n for n in money if Decimal(n.replace(",", "")) >= _THOUSAND]
    places = Counter(len(n.split(".")[1]) for n in money if "." in n).most_common(1)  # (0万元 is no style of decimals)
    return Style(sum("," in n for n in big) * 2 >= len(big), places[0][0] if places else 2)


_TEXT_WORDS = 4  # a text of the source this long at least is the source's where a sentence says it


def _texts(context: dict[str, Any]) -> list[tuple[str, str]]:
    """The source's texts a sentence may say word for word (a function line's 用途, a figure's reason), longest first,
    each with its expression."""
    found = [(f"function_uses.get('{key}')", use) for key, use in context["function_uses"].items() if "'" not in key]
    found += [(f"b.reasons.get('{key}')", reason) for key, reason in context["b"].reasons.items() if "'" not in key]
    performance = context["b"].performance
    if performance is not None and performance.scope:  # 万里街道 “本部门2个预算单位”, 深圳市信访局 “深圳市信访局共1家基层预算单位”
        found.append(("b.performance.scope", performance.scope))
    return sorted(((expr, text) for expr, text in found if isinstance(text, str) and len(text) >= _TEXT_WORDS),
                  key=lambda pair: -len(pair[1]))


def _quoted(text: str, texts: list[tuple[str, str]]) -> list[tuple[int, int]]:
    """Where a sentence says a text of the source word for word (its figures are the text's)."""
    spans = []
    for _, said in texts:
        at = _said_at(text, said.rstrip("。"))
        if at >= 0:
            spans.append((at, at + len(said.rstrip("。"))))
    return spans


def _with_texts(words: str, context: dict[str, Any], texts: list[tuple[str, str]], traced: _Traced) -> str:
    """Printed words as a template writes them (_literal), a text of the source among them as its field — of two
    alike, a line's the sentence said (万里 2023 “2.“…专项普查活动（项）”60.13万元，主要用于统计管理。”: 2010507's 用途,
    not 2010506's, the line before it, of the same words)."""
    said = " ".join(traced.guards)
    for expr, text in sorted(texts, key=lambda pair: (-len(pair[1]), not _of_a_said_line(pair[0], said))):
        at = _said_at(words, text.rstrip("。"))
        if at >= 0 and _reason_of_said(expr, text, traced):
            traced.guards.append(expr)
            cut = at + len(text.rstrip("。"))
            return (_with_texts(words[:at], context, texts, traced) + f"{{{{ ({expr}).rstrip('。') }}}}"
                    + _with_texts(words[cut:], context, texts, traced))
    return _literal(words, context)


_REASON = regex(r"b\.reasons\.get\('([^']+)'\)")
_CHANGE_OF = regex(r"^\(\((?P<current>.+?)\)\|change_from\(")


def _reason_of_said(expr: str, text: str, traced: _Traced) -> bool:
    """Whether a text of the source may be said as its field where the sentence says it: a change's reason
    (b.reasons.get(KEY)) only where the sentence names KEY's quantity before it or it (or the sentence before it in its
    paragraph) has said a figure of it — never where the reason is another item's alike this year: 西安 “（3）机关资本性
    支出（503）……增长的主要原因是：本年度增加……” is no reason of 一般公共预算, 万里 2024 “主要原因是：项目调整。” after a
    line's change no reason of 财政拨款 (next year's draft would print that one under this line's words)."""
    found = _REASON.fullmatch(expr)
    if found is None:
        return True
    key = found.group(1)
    quantities = _PRIOR_QUANTITIES.get(key, (key,))
    said = named_quantities()
    names = {_han(n) for q in (key, *quantities) for n in (q, *said.get(q, ()))}
    ahead = _han(traced.text.split(text.rstrip("。"))[0])
    return any(name in ahead for name in names) or any(_of_key(one, key, quantities) for one in traced.said)


def _of_key(said: str, key: str, quantities: tuple[str, ...]) -> bool:
    """Whether a field said (a change's: its figure's) is of the quantity a reason's KEY names (``quantities``)."""
    change = _CHANGE_OF.match(said)
    prior = _PRIOR_TOTAL.search(said)
    quantity = _QUANTITIES.get(change.group("current") if change else said, "")
    return bool(quantity) and (quantity in quantities or quantity.startswith(key)) or \
        (prior is not None and prior.group(1) == key)


def _of_a_said_line(expr: str, said: str) -> bool:
    """Whether a text's expression is the 用途 of a function line the sentence's fields (``said``) name by its code."""
    found = re.fullmatch(r"function_uses\.get\('(?:[^'/]*/)?(\d+)'\)", expr)
    return found is not None and f"'{found.group(1)}'" in said


def _said_at(words: str, text: str) -> int:
    """Where ``words`` say ``text`` as a text (not as a line's name: “专项普查活动（项）”); -1 where they do not."""
    at = words.find(text)
    while at >= 0 and re.match(r"[（(][类款项][）)]", words[at + len(text):]):
        at = words.find(text, at + 1)
    return at


def _figure(text: str, match: re.Match[str], known: tuple[list[Field], list[Field]], said: list[str],
            style: Style, subject: str = "", dept: str = "") -> tuple[str, str, Field | None] | None:
    """The expression printing the figure ``match`` as printed, the field it needs, the change it is of; ``style``:
    how the document prints its amounts (thousands' commas, decimals); ``subject``: the name said over the sentence,
    the name of an amount whose words name none (“（二）公务接待费。2026年预算数6万元”); ``dept``: the department's
    name (its Han characters), the subject of its own 预算收入 and 预算支出 (_own_total)."""
    known = said_in(known, text, match.start(), said)  # (a 正文金额 where its clause says its name alone)
    number, unit = match.group("n"), match.group("unit") or ""
    before = _words_before(text, match.start())
    if subject and subjectless(text[:match.start()].strip()):  # (of the quantity the name names, no field labelled alike)
        before = _han(subject)
        known = ([a for a in known[0] if _said_name(a, before)], known[1])
    if unit in ("%", "％"):
        return _rate(number, unit, before, known, said, (_amounts_printed(text[:match.start()]), style.rates_printed))
    places = len(number.split(".")[1]) if "." in number else 0
    value = Decimal(number.replace(",", ""))
    if unit in _COUNT_UNITS:
        return _count(value, unit, known[0], before, said, _said_internal(text, match))
    for candidate_unit in [unit] if unit else ["万元", "元"]:
        if candidate_unit not in UNIT_FACTOR:
            return None  # a count (8辆), or 亿元: no field says it
        fits = _candidate_fits(text, match, (value, places), candidate_unit, known, said)
        fits = _of_the_clause(fits, _clause_words(text, match.start()), known[0], (said, dept))
        fits = _of_the_item(fits, _clause_text(text, match.start()))
        nearest = _nearest(fits if value else _zero_named(fits, before, said), before, said)
        if nearest is not None:
            chosen, expr = nearest
            thousands = "," in number or value < _THOUSAND and style.commas
            shown, least = _places(number, style.places, chosen, UNIT_FACTOR[candidate_unit], value)
            more = ("" if thousands else ", false") + ("" if least is None else f", least={least}")
            return (f"{{{{ ({expr})|printed('{candidate_unit}', {shown}{more}) }}}}" + unit, expr,
                    chosen if chosen in known[1] else None)
    return None


def _clause_words(text: str, at: int) -> str:
    """The words before ``at`` within its clause (after the last mark that ends one), as _words_before gives them:
    广州 “……进一步压减经常性项目；支出预算7,651.71万元” names 支出预算, no 项目支出."""
    start = max(text.rfind(mark, 0, at) for mark in _CLAUSE_MARKS) + 1
    return _words_before(text[start:], at - start)


_CLAUSE_MARKS = "，；。"


def _clause_text(text: str, at: int) -> str:
    """The words of ``at``'s clause before it, as printed (codes and levels with them)."""
    return text[max(text.rfind(mark, 0, at) for mark in _CLAUSE_MARKS) + 1:at]


# the item the words before a figure name by its code (西安 “（1）机关工资福利支出（501）”) or by a line's name and level
# (万里 “科学技术支出（类）科学技术普及（款）科普活动（项）”: the last one said, the 项)
_ITEM_CODE = regex(r"[（(](\d{3,7})[）)]")
_LEVELLED = regex(r"([\u4e00-\u9fff]+)[（(][类款项][）)]")
_LINE_FIELDS = ("function_line(", "actual_function", "economic_line(")


def _of_the_item(fits: list[tuple[Field, str]], clause: str) -> list[tuple[Field, str]]:
    """Of the fields that print an amount, none of another item than the one the words before it in its clause name by
    its code or by a line's name and level: 西安 “（1）机关工资福利支出（501）1,880.32万元” (政府经济分类 501) is no figure
    of 部门经济分类 301 工资福利支出, printing alike this year only; 万里 “……科学技术普及（款）科普活动（项）”10.00万元” no
    figure of the 款. A field of that item (its code in its expression, a line of that name, a 正文金额 of those words)
    fits; where none does the sentence is kept as printed."""
    codes = _ITEM_CODE.findall(clause)
    if codes:
        fits = [fit for fit in fits if any(f"{o}{codes[-1]}{c}" in fit[1] for o, c in ("''", "（）", "()"))]
    levelled = _LEVELLED.findall(clause)
    if levelled:
        fits = [fit for fit in fits if _of_the_line(fit[0], levelled[-1])]
    return fits


def _of_the_line(field: Field, name: str) -> bool:
    """Whether a field may be the figure of the line ``name`` (a line's name before its level): a line of that name,
    a 正文金额 named by it, or last year's figure a comparison states (no words of its own)."""
    expr = field.current or field.expr
    if not field.label:
        return True
    return _han(field.label).startswith(name) if expr.startswith(_LINE_FIELDS) else name in _han(expr)
# the department's own budget said bare: a year, its name (or 本部门, 部门, 本单位), 当年, then 预算收入 or 预算支出 and
# nothing else in its clause (深圳 “2026年深圳市信访局部门预算收入4,684.30万元”, 长春 “2026年预算收入1682.76万元”, 西安
# “本部门当年预算收入5,093.76万元”): its 收入总计 or 支出总计 — never another field printing alike this year (财政拨款收入,
# 本年收入合计: next year they may differ). Not a name of vocabulary.yaml 数的名称: “培训费预算支出” is 培训费's, “政府性基金
# 预算收入” a fund's, “上年结转结余的一般公共预算收入” a part of the carry-over.
_OWN_TOTAL = regex(r"^(?:本?部门|本?单位)?(?:当年|本年|年)?预算(?P<kind>收入|支出)(?:为|是|共计|共)?$")
_OWN_TOTALS = {"收入": "f.income_grand_total", "支出": "f.expenditure_grand_total"}


def _of_the_clause(fits: list[tuple[Field, str]], clause: str, amounts: list[Field],
                   said: tuple[list[str], str]) -> list[tuple[Field, str]]:
    """Of the fields that print an amount, those its clause's words may mean: of the quantity they name
    (_of_the_name), the department's own total where they say it (_own_total; ``said``: the fields said before it,
    the department's name), never the whole just said where they say a part (_no_whole_as_its_part)."""
    fits = _of_its_side(_of_the_name(fits, clause, amounts), clause)
    if (own := _own_total(clause, said[1])) is not None:
        fits = [fit for fit in fits if fit[0].expr == own]
    return _no_whole_as_its_part(fits, clause, said[0])


# the fields of an income (收入总计, 本年收入合计, 财政拨款收入, each source's), by their expressions' beginnings; and of a
# spending, besides those whose quantity's name says 支出 (_QUANTITIES): the lines, the “三公” and the other spending
_INCOMES = ("f.income_grand_total", "f.income_total", "f.fiscal_income", "f.income_of(")
_SPENDINGS = ("function_line(", "economic_line(", "actual_function", "actual_economic", "b.three_public", "f.three_public",
              "f.vehicles", "b.running_costs", "f.procurement", "b.procurement", "f.personnel", "f.public")
_SIDE_FILLER = regex(r"(?:预算数|预算)?(?:为|是|共计|共)?$")


def _of_its_side(fits: list[tuple[Field, str]], clause: str) -> list[tuple[Field, str]]:
    """Of the fields that print an amount, none of the other side where the words before it in its clause end by
    saying an income (…收入) or a spending (…支出): 长春 “其中财政补助收入1682.76万元” is no 财政拨款支出, printing alike
    this year only (a 上年结转 or a spending of another year's money parts them)."""
    words = _SIDE_FILLER.sub("", clause)
    said = "收入" if words.endswith("收入") else "支出" if words.endswith("支出") else ""
    return [fit for fit in fits if not said or _side(fit[0].current or fit[0].expr) in ("", said)]


def _side(expr: str) -> str:
    """收入 for an income's field, 支出 for a spending's, '' for another (收支总计, 结转, a count)."""
    if expr.startswith(_INCOMES):
        return "收入"
    return "支出" if expr.startswith(_SPENDINGS) or "支出" in _QUANTITIES.get(expr, "") else ""


def department_words(context: dict[str, Any]) -> str:
    """The department's name as a sentence's words before a figure are compared (its Han characters; '' where none)."""
    return _han(context.get("dept") or "")


def _no_whole_as_its_part(fits: list[tuple[Field, str]], clause: str, said: list[str]) -> list[tuple[Field, str]]:
    """Of the fields that print an amount said as a part (its clause opening with 其中, 包括: vocabulary.yaml 部分), all
    but the amount just said — its whole, printing alike this year only (长春 “2026年预算收入1682.76万元。其中当年预算
    1682.76万。”: next year a 上年结转 parts them)."""
    if not said or not clause.startswith(list_opening_words()):
        return fits
    return [fit for fit in fits if fit[0].expr != said[-1]]


def _own_total(clause: str, dept: str) -> str | None:
    """The total (its expression) the words of a figure's clause name where they say the department's own 预算收入 or
    预算支出 (_OWN_TOTAL), the year and the department's name before it aside; None where they say anything else."""
    words = clause.removeprefix("年")
    if dept:
        words = words.removeprefix(dept)
    found = _OWN_TOTAL.match(words)
    return _OWN_TOTALS[found.group("kind")] if found else None


def _of_the_name(fits: list[tuple[Field, str]], before: str, amounts: list[Field]) -> list[tuple[Field, str]]:
    """Of the fields that print an amount, those of the quantity the words before it in its clause name, where they
    name one the source holds: 杭州 “2026年收入预算5,876.67万元” is 收入总计's or none — never 支出总计's, printing alike
    this year. After a line's name and level (江苏省检察院 “检察（款）:2018年预算支出合计”) the name is the line's part.
    Where they name one no field holds, only a field whose own name is in those words: 北京市审计局 “（二）本年其他资金
    收入15万元” is no 其他收入's (alike this year, not next year where another source comes in), 无锡 “财政拨款收、支
    总预算2,723.94万元” no 财政拨款收入's (alike while nothing is carried over) — but 无锡 “会议费预算支出0.44万元” is
    会议费's."""
    named = _quantity_named(before)
    if named is None or "|" in before:
        return fits
    if not any(named in {_han(n) for n in a.names} for a in amounts if not a.count):
        return [fit for fit in fits if fit[0] not in amounts or not fit[0].names
                or any(_han(n) in named for n in fit[0].names)]
    return [fit for fit in fits if fit[0] not in amounts or _said_name(fit[0], before)]


def _quantity_named(before: str) -> str | None:
    """The quantity the words ``before`` a figure end by naming, not as another's part (“……的收入预算”)."""
    ending = _names_ending(before)[:1]  # (the name reaching furthest: ““三公”经费支出预算” names no 支出预算)
    return next((name for words, name in ending if not words[:-len(name)].endswith(("的", *_qualifiers()))), None)


def _candidate_fits(text: str, match: re.Match[str], printed: tuple[Decimal, int], candidate_unit: str,
                    known: tuple[list[Field], list[Field]], said: list[str]) -> list[tuple[Field, str]]:
    """The fields an amount (``printed``: its value and places) may print in ``candidate_unit``: last year's figure a
    comparison states (_stated_prior), else the fields of that value — of a change only, after words saying one."""
    value, places = printed
    unit = match.group("unit") or ""
    prior = _stated_prior(text, match, value, places, known[1], said) if candidate_unit == unit else None
    if prior is not None:
        return [(prior, prior.expr)]
    fits = _amount_fits(value, places, UNIT_FACTOR[candidate_unit], known)
    if _SAYS_CHANGE.search(text, 0, match.start()):
        fits = _changes_fitting(fits, text[:match.start()], value, known[0], said)
    return fits


def _changes_fitting(fits: list[tuple[Field, str]], before: str, value: Decimal, amounts: list[Field],
                     said: list[str]) -> list[tuple[Field, str]]:
    """Of the fields an amount said as a change may print, the changes of a quantity the sentence speaks of."""
    fits = [fit for fit in fits if fit[0].current and (value or fit[0].current in said)]
    fits = _of_subject(fits, before, amounts)
    return [fit for fit in fits if not _of_another(fit[0], said)]


def _of_another(change: Field, said: list[str]) -> bool:
    """Whether a change is of a named quantity (_QUANTITIES) none of the sentence's figures is, where it has said one: 苏州
    “会议费预算支出30万元，比上年预算减少5万元” is no change of 公务接待费, whose change prints 5万元 this year (会议费's
    上年 the source does not hold)."""
    return bool(said) and change.current in _QUANTITIES and not _of_said(change, said) and \
        not any(_of_quantity(change.expr, one) for one in said)  # (a share said after it: “……，占本年支出合计的100%。”)


def _stated_prior(text: str, match: re.Match[str], value: Decimal, places: int, changes: list[Field],
                  said: list[str]) -> Field | None:
    """Last year's figure stated right after a comparison's words that follow a figure (北京 “收入预算71094.17万元，比2025年
    年初预算数69043.50万元增加2050.67万元”, 烟台 “机关运行经费安排201.87万元，较2025年预算198.27万元增加3.6万元”): the prior
    of the figure said just before, where the source holds it at that value — never another field of the same value."""
    unit = match.group("unit") or ""
    if not said or unit not in UNIT_FACTOR or _OPENER.search(text[:match.start()]) is None:
        return None
    change = next((c for c in changes if c.prior and c.current == said[-1]), None)
    if change is None or not _prior_printed(change, unit, places, value):
        return None
    return Field(change.prior, "", change.prior_value)


def _prior_printed(change: Field, unit: str, places: int, value: Decimal) -> bool:
    """Whether a change's prior, printed in ``unit`` to ``places``, is ``value``."""
    return isinstance(change.prior_value, Decimal) and \
        quantize_half_up(change.prior_value / UNIT_FACTOR[unit], places) == value


def _words_before(text: str, at: int) -> str:
    """The words of a sentence before ``at`` as a figure's are compared with names (their Han characters), each figure
    said before it a mark: “占“三公”经费的0%；公务用车购置及运行维护费支出” ends with a name after a figure, not after 的."""
    marked = _FIGURE.sub(lambda m: "#" if m.group("unit") else m.group(0), _YEAR.sub("", text[:at]))
    return "".join(re.findall(r"[\u4e00-\u9fff#|]", _LEVEL.sub("|", marked)))


# a line's level after its name (“小学教育（项）支出”): a mark between words, never the 项 of 项目支出 (“小学教育项目支出” is the
# line's 项目支出, not its 合计 the sentence says)
_LEVEL = regex(r"[（(][类款项][）)]")


def _count(value: Decimal, unit: str, amounts: list[Field], before: str, said: list[str],
           internal: bool = False) -> tuple[str, str, Field | None] | None:
    """A count (车辆5辆, 编报绩效目标的项目共9个) as printed: of the counts the source holds, the one of that value the
    words before it name (small numbers are alike for many: never one not named; a kind of vehicle by any of its
    names, _kind_said); ``internal``: the words around it
    are those the import reads 部门概况.内设机构数 by — the count of internal units is that one alone."""
    fits = [(f, f.expr) for f in amounts if _count_fits(f, (value, unit), before, internal)]
    named = _named(fits, before)
    named += [fit for fit in fits if fit not in named and (_read_by(fit[1], before) or internal or fit[1] in _KINDS)]
    nearest = _nearest(named, before, [])  # (the count just said is no nearer: words name each)
    return None if nearest is None else (f"{{{{ {nearest[1]} }}}}{unit}", nearest[1], None)


def _count_fits(field: Field, printed: tuple[Decimal, str], before: str, internal: bool) -> bool:
    """Whether a count field may be a count printed (its value and unit) after the words ``before``; the count of
    internal units only where the import reads it there (``internal``), and none other there."""
    value, unit = printed
    return field.count and field.value == value and _counts_so(field, unit, before) and \
        (field.expr == _INTERNAL) == internal


def _said_internal(text: str, match: re.Match[str]) -> bool:
    """Whether a count is the one the import reads as 部门概况.内设机构数 (text_parts.internal_counts: “设10个内设机构”)."""
    return any(m.start(1) == match.start() for m in internal_counts(text))


def _counts_so(field: Field, unit: str, before: str) -> bool:
    """Whether a count field may be the count printed in ``unit`` after the words ``before``: its unit, its rule's
    words, and a kind's name just before it for a kind of vehicle (after a kind's name, never all the vehicles)."""
    return unit in _COUNTED_IN.get(field.expr, unit) and _may_count(field.expr, before) \
        and (_kind_said(field.label, before) if field.expr in _KINDS else not before.endswith(_KIND_WORD)) \
        and not _read_by_another(field.expr, before)


def _read_by_another(expr: str, before: str) -> bool:
    """Whether the words before a count end with longer words another rule of _READ_BY reads its count after than any
    of the field's own: “单价100万元（含）以上设备（不含车辆）0台（套）” ends with 车辆, but is 专用设备's (以上设备（不含车辆）),
    never the vehicles' (counted in 台 as well: 北京 “共有车辆17台”)."""
    if expr not in _READ_BY:
        return False
    rules = _asset_rules()
    own = max((len(w) for w in rules[_READ_BY[expr]][0] if w and before.endswith(w)), default=0)
    return any(len(w) > own and before.endswith(w) for key, (lead, _, _) in rules.items() if key != _READ_BY[expr]
               for w in lead if w)


# the rule of text_parts.yaml (其他事项.国有资产.数字) each count of 国有资产 is imported by: the words it reads the count
# after (前), those the sentence needs (须: a purchase's) and those it must not have (除非) — each kind of vehicle by the
# rule of the vehicles held
_READ_BY = {"b.assets.vehicles": "车辆", "b.assets.general_equipment": "通用设备", "b.assets.special_equipment": "专用设备",
            "b.assets.large_equipment": "大型设备",
            **{f"b.assets.planned.get('{name}')": f"计划新增.{name}" for name in ("车辆", "通用设备", "专用设备")},
            **{f"b.assets.vehicle_kinds.get('{kind}')": "车辆" for kind in VEHICLE_KINDS}}


@cache
def _asset_rules() -> dict[str, tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]]:
    """Each rule of _READ_BY: its words 前, 须 and 除非 (their Han characters; a rule of several, all of theirs)."""
    rules = vocabulary()["其他事项"]["国有资产"]["数字"]
    out = {}
    for key in {*_READ_BY.values(), *(rule for rules in _HELD_SAID.values() for rule in rules)}:
        ones = rules[key] if isinstance(rules[key], list) else [rules[key]]
        lead, needs, refuses = (tuple(dict.fromkeys(_words_before(w, len(w)) for one in ones for w in one.get(part, [])))
                                for part in ("前", "须", "除非"))
        out[key] = (lead, needs, refuses)
    return out


_KINDS = {f"b.assets.vehicle_kinds.get('{kind}')" for kind in VEHICLE_KINDS}
# what a kind of vehicle's name ends with: a count after it is that kind's, never all the vehicles' (“安排购置车辆1辆，其中：
# 执法执勤用车1辆” is no count of the vehicles purchased, though alike this year)
_KIND_WORD = "用车"


def _kind_said(kind: str, before: str) -> bool:
    """Whether the words just before a count are the kind of vehicle's name alone, after a figure or 其中 (as the import
    reads it, or a name it reads for the kind, text_parts.yaml 车型别名: “副部（省）级及以上领导用车”): “、老干部服务用车0辆”
    is none of the source's kinds, “机要通信用车及应急保障用车” no 应急保障用车 of its own."""
    return any(before.endswith(words) and before[:-len(words)].endswith(("#", "其中"))
               for words in _kind_words().get(kind, ()))


@cache
def _kind_words() -> dict[str, tuple[str, ...]]:
    """Each kind of vehicle's names (text_parts.vehicle_kind_names), as a sentence's words before a figure (_han)."""
    out: dict[str, tuple[str, ...]] = {}
    for name, kind in vehicle_kind_names().items():
        out[kind] = (*out.get(kind, ()), _han(name))
    return out


def _may_count(expr: str, before: str) -> bool:
    """Whether the sentence's words before a count let it be the field's as the import reads it: a purchase's where
    they say a purchase (“安排购置车辆1辆，其中：……执法执勤用车0辆” is no count of the vehicles held), the held
    ones' where they do not."""
    if expr not in _READ_BY:
        return True
    _, needs, refuses = _asset_rules()[_READ_BY[expr]]
    said = not needs or any(w in before for w in needs)
    return said and not any(w in before for w in refuses) and _held_said(expr, before)


def _held_said(expr: str, before: str) -> bool:
    """Whether the words before a count say the held things its sentence needs said first (_HELD_SAID), if any."""
    held = _HELD_SAID.get(expr)
    return held is None or any(w in before for rule in held for w in _asset_rules()[rule][0] if w)


# the counts the import reads from a clause of its own, their sentence's held things not said in it (江苏 “……其他用车0辆；
# 单价100万元（含）以上的设备7台（套）”): traced only where the sentence says those held before them (its rules' words:
# 共有车辆, 截至 …) — never a sentence of its own after a purchase's (福州 “单位价值100万元（含）以上设备0台（套）。” follows
# both the held vehicles and those to purchase; the import reads the first)
_HELD_SAID = {"b.assets.large_equipment": ("车辆", "截至")}


def _read_by(expr: str, before: str) -> bool:
    """Whether the words just before a count are those the import reads the field's count after (“单价100万元（含）以上
    设备（不含车辆）0台（套）” is 专用设备's, as imported)."""
    return expr in _READ_BY and any(before.endswith(w) for w in _asset_rules()[_READ_BY[expr]][0] if w)


def _places(number: str, usual: int, chosen: Field, factor: Decimal, value: Decimal) -> tuple[int, int | None]:
    """The decimals a figure printed at ``places`` is printed at, and those its trailing zeros are dropped to (None:
    none dropped), where the document prints most at ``usual``: more than usual (增加7.594万元), its zeros dropped to
    the usual (not 1.000 another year); fewer, its digits beyond them zeros (烟台's 1.7 for 1.70, 5 for 5.00), the
    usual with its zeros dropped."""
    places = len(number.split(".")[1]) if "." in number else 0
    if places > usual:
        return places, None if number.endswith("0") else usual  # (1.20 prints its zeros: no 7.594 dropping them)
    exact = chosen.value.amount if isinstance(chosen.value, Change) else chosen.value
    if places < usual and quantize_half_up(exact / factor, usual) == value:
        return usual, 0
    return places, None


def _amount_fits(value: Decimal, places: int, factor: Decimal,
                 known: tuple[list[Field], list[Field]]) -> list[tuple[Field, str]]:
    """The fields (amounts, and changes' amounts) that print ``value`` at ``places`` in the unit of ``factor``."""
    amounts, changes = known
    fits = [(f, f.expr) for f in amounts if not f.count and quantize_half_up(f.value / factor, places) == value]
    fits += [(c, f"{c.expr}.amount") for c in changes if quantize_half_up(c.value.amount / factor, places) == value]
    return fits


def _zero_named(fits: list[tuple[Field, str]], before: str, said: list[str]) -> list[tuple[Field, str]]:
    """Of the fields that print a zero (alike for many), those the sentence names; else the change of the figure it
    has just said, where its words say a change (深圳 “2026年预算数2.98万元，较2025年年初预算增加0.00万元”, 泉州
    “18.85万元，比上年增加0.00万元，增长0.00%”, 珠海 “……比上年增加0万元，增长0%”): the part's name is in the sentence
    before, its change is of the figure said."""
    named = _named(fits, before)
    if named or not said or not _CHANGE_WORDS.search(before):
        return named
    return [fit for fit in fits if said[-1] in (fit[0].current, fit[0].expr) and fit[0].current]


# the words of a change just before its amount (“比上年增加”, “较2025年年初预算减少”, “与上年相比增加”): the figure is a
# change's, never an amount that prints alike (深圳 “公务用车购置费2026年预算数0.00万元，较2025年年初预算增加0.00万元”: not
# the part's 0.00) — a zero, the change of the figure said before it
_SAYS_CHANGE = regex(r"[比较与](?:上年|上一年度?|\d{4}年度?)[^，。；\d]{0,16}(?:相比，[^，。；\d]{0,16})?(?:增加|减少)了?$")
# the quantity a change is said of, named between its comparison and its word (江苏 “与上年相比收、支预算总计各减少”,
# “与上年相比，财政拨款支出增加”)
_CHANGE_SUBJECT = regex(r"[比较与](?:上年|上一年度?|\d{4}年度?)(?:年初)?(?:预算数?|执行数|决算数?)?(?:相比)?，?"
                        r"(?P<subject>[^，。；\d]{0,16}?)各?(?:增加|减少)了?$")


def _of_subject(fits: list[tuple[Field, str]], before: str, amounts: list[Field]) -> list[tuple[Field, str]]:
    """Of the changes that print a figure, those of the quantity the words say it is the change of, where they name
    one between the comparison and its word (江苏 苏州 “收入、支出预算总计7,062.8万元，与上年相比收、支预算总计各减少
    913.48万元”: the change of 收支总计, never 一般公共预算's that prints alike this year — next year it would print the
    wrong figure); all of them where the words name none (“财政拨款收入15621.11万元，比2023年预算减少876.75万元”)."""
    found = _CHANGE_SUBJECT.search(before)
    subject = _han(found.group("subject")) if found else ""
    name = next((n for n in _all_names() if subject.endswith(n)), None)
    if name is None:
        return fits
    names = {a.expr: {_han(n) for n in a.names} for a in amounts}
    return [fit for fit in fits if name in names.get(fit[0].current, set()) | _prior_names(fit[0].expr)]


# the quantities (vocabulary.yaml 数的名称) whose change a change from a prior total (f.prior_total(KEY)) is, by KEY
_PRIOR_QUANTITIES = {"收支总计": ("收支总计", "收入总计", "支出总计"),
                     "财政拨款": ("财政拨款收支总计", "财政拨款收入", "财政拨款支出"),
                     "一般公共预算": ("一般公共预算支出", "一般公共预算拨款收入")}
_PRIOR_TOTAL = regex(r"change_from\(fa?\.prior_total\('([^']+)'\)\)")


def _prior_names(change: str) -> set[str]:
    """The names of the quantity a change from a prior total is of (“收、支预算总计” that of 收支总计)."""
    found = _PRIOR_TOTAL.search(change)
    if found is None:
        return set()
    said = named_quantities()
    return {_han(n) for quantity in _PRIOR_QUANTITIES.get(found.group(1), (found.group(1),))
            for n in said.get(quantity, ())}


def _of_quantity(change: str, said: str) -> bool:
    """Whether a change from a prior total (f.prior_total(KEY)) is the change of the quantity of the field ``said``:
    KEY's prior is that of each of its quantities (_PRIOR_QUANTITIES) — 上海 “财政拨款支出预算19,577万元，比2025年预算减少
    290万元” is the change of 财政拨款 the source holds (its 收入 and 支出 are one), never 一般公共预算's printing alike."""
    found = _PRIOR_TOTAL.search(change)
    quantity = _QUANTITIES.get(said)
    of = _PRIOR_QUANTITIES.get(found.group(1), (found.group(1),)) if found is not None else ()
    return quantity is not None and (quantity in of or quantity + "收入" in of)  # (an income source: 一般公共预算拨款收入)


_CHANGE_WORDS = regex(r"(?:增加|减少|增长|下降)$")


def _named(fits: list[tuple[Field, str]], before: str) -> list[tuple[Field, str]]:
    """Of the fields that print a figure alike, those the words before it name: by a name of its quantity ending
    them, where one does; else by the words the default templates print before it, among the last ones."""
    said = [fit for fit in fits if _said_name(fit[0], before)]
    if said or _part_of_another(before):
        return said
    return [fit for fit in fits if fit[0].label and _han(fit[0].label) in before[-_NAMED_WITHIN:]]


def _part_of_another(before: str) -> bool:
    """Whether the words before a figure name a part of another quantity: a quantity's name after another's and 的
    (江苏 “上年结转结余的财政专户管理资金0万元” is the carry-over's part, no 财政专户管理资金 income of the year)."""
    for words in dict.fromkeys((before, _NAME_FILLER.sub("", before))):
        name = next((n for n in _all_names() if words.endswith(n)), None)
        ahead = words[:-len(name)] if name else ""
        if ahead.endswith("的") and any(ahead[:-1].endswith(n) for n in _all_names()):
            return True
    return False


# the words between a quantity's name and its figure that say nothing more (“2．上年结转结余为0万元”, “公务用车购置预算支出”)
_NAME_FILLER = regex(r"(?:预算支出|支出预算|预算数|预算)?(?:为|是|共计|共)?$")
_BUDGET_FILLER = regex(r"(?:预算数|预算)?(?:为|是|共计|共)?$")  # (…财政拨款支出预算: the 支出 is the name's)


def _said_name(field: Field, before: str) -> bool:
    """Whether the words just before a figure are one of the names of the field's quantity (Field.names), a word
    that says nothing more aside: the longest name of any quantity they end with, else without that word where a fund's name qualifies it
    (江苏 “一般公共预算财政拨款支出预算” is 一般公共预算财政拨款支出, not 财政拨款支出预算) — not where another's words qualify
    it: “上年结转结余的政府性基金预算收入” is no 政府性基金预算收入, “一般公共预算基本支出” no 基本支出 (vocabulary.yaml
    部分的限定)."""
    if not field.names:
        return False
    for words, name in _names_ending(before):
        ahead = words[:-len(name)]
        if not ahead.endswith(("的", *_qualifiers())):
            return name in (_han(n) for n in field.names)
        if ahead.endswith("的"):
            return False  # (a qualified name: its qualifier may be the name's own, “一般公共预算财政拨款支出预算”)
    return False


def _names_ending(before: str) -> list[tuple[str, str]]:
    """The words before a figure, bare of each word that says nothing more (_NAME_FILLER, _BUDGET_FILLER), with the
    longest name of a quantity each ends with — the longest reach first (of two alike, the longer name): 上海 “一般公共
    预算拨款支出预算” is 一般公共预算拨款支出 and 预算, never 支出预算 (支出总计) nor 一般公共预算拨款 and 支出预算."""
    found = []
    for words in dict.fromkeys((before, _NAME_FILLER.sub("", before), _BUDGET_FILLER.sub("", before))):
        name = next((n for n in _all_names() if words.endswith(n)), None)
        if name is not None:
            found.append((len(before) - len(words) + len(name), words, name))
    found += _inner_budget_name(before)
    return [(words, name) for _, words, name in sorted(found, key=lambda one: (-one[0], -len(one[2])))]


def _inner_budget_name(before: str) -> list[tuple[int, str, str]]:
    """The name the words end with once a 预算 inside it is taken out (江苏 “财政拨款预算支出” is 财政拨款支出, never 财政拨款
    and 预算支出), as (its reach, the words, the name) — only a name whole before it (“国有资本经营预算收入” is no 经营收入)."""
    inner = _INNER_BUDGET.search(before)
    if inner is None:
        return []
    joined = before[:inner.start()] + inner.group("side")
    whole = next((n for n in _all_names() if joined.endswith(n)), None)
    if whole is None or len(whole) < _INNER_NAMED + len(inner.group("side")):
        return []
    return [(len(before) - len(joined) + len(whole), joined, whole)]


# a 预算 said inside a quantity's name, before the word saying its side (“财政拨款预算支出”: the 财政拨款支出)
_INNER_BUDGET = regex(r"预算(?P<side>支出|收入)$")
_INNER_NAMED = 4  # the words of the name before it, at least (财政拨款)


@cache
def _all_names() -> tuple[str, ...]:
    """The names of every quantity of vocabulary.yaml 数的名称 (their Han characters), the longest first."""
    return tuple(sorted({_han(n) for names in named_quantities().values() for n in names} - {""}, key=len,
                        reverse=True))


@cache
def _qualifiers() -> tuple[str, ...]:
    return tuple(_han(q) for q in part_qualifiers())


def _han(label: str) -> str:
    """A field's words as a sentence's words before a figure are compared (its Han characters: 因公出国（境）费 is
    named by “因公出国（境）费0万元”, whose words before the figure are 因公出国境费)."""
    return "".join(re.findall(r"[\u4e00-\u9fff]", label))


def _rate(number: str, unit: str, before: str, fields: tuple[list[Field], list[Field]],
          said: list[str], printed: tuple[tuple[str, int] | None, bool] = (None, False)
          ) -> tuple[str, str, Field | None] | None:
    """A rate of change (增长 8.2%) or a share (占 97.9%) as printed; ``printed``: the unit and decimals the sentence
    printed its last amount before it in, the figures a rate no change's own rate prints may be computed from — and
    whether the document computes its rates from them (Style.rates_printed: they come first)."""
    places = len(number.split(".")[1]) if "." in number else 0
    value = Decimal(number)
    if re.search("(增长|下降|增幅|降幅|上升|减少|增加)[^，。；]{0,4}$", before):
        rate = "rate" if places >= _RATE_PLACES else "exact"  # (fewer places: the rate rounded once, from the exact)
        # 0 where the change is 持平 (no rate); none where there is no rate to print (a prior of 0: Change 'new') —
        # the sentence is then not printed rather than printed “增长0.0%”
        fits = [(c, _rate_of(c.expr, rate)) for c in fields[1]
                if quantize_half_up(getattr(c.value, rate) or Decimal(0), places) == value
                and (c.value.rate is not None or not value)]
        from_printed = _printed_rate_fits(value, places, fields[1], printed[0])
        fits = (from_printed or fits) if printed[1] else (fits or from_printed)
        nearest = _nearest(fits if value else _zero_named(fits, before, said), before, said)  # 增长0.00%: the flat one
        if nearest is not None:
            return f"{{{{ ({nearest[1]})|percent_figure({places}) }}}}{unit}", nearest[1], nearest[0]
    if "占" not in before[-12:]:
        return None
    nearest = _nearest(_share_fits(value, places, fields[0], _whole_named(before)), before, said)
    return None if nearest is None else (f"{{{{ ({nearest[1]})|percent_figure({places}) }}}}{unit}", nearest[1], None)


_RATE_PLACES = 2  # the places of Change.rate


def _figures_of(change: Field) -> tuple[Decimal, Decimal] | None:
    """A change's two figures (this year's, last year's) where it is an increase or a decrease of fields given."""
    if not (change.current and change.prior and isinstance(change.prior_value, Decimal)
            and isinstance(change.value, Change) and change.value.kind in ("up", "down")):
        return None
    signed = change.value.amount if change.value.kind == "up" else -change.value.amount
    return change.prior_value + signed, change.prior_value


def _amounts_printed(text: str) -> tuple[str, int] | None:
    """The unit and decimals of the last amount of money ``text`` prints (“……2023年预算安排17.72万元，” → 万元, 2)."""
    last = None
    for match in _FIGURE.finditer(text):
        if match.group("unit") in UNIT_FACTOR:
            number = match.group("n")
            last = (match.group("unit"), len(number.split(".")[1]) if "." in number else 0)
    return last


def _rate_of(expr: str, rate: str) -> str:
    """A learned rate of the change ``expr``: 0 where it is 持平, none where there is no rate (a prior of 0)."""
    return f"({expr}.{rate} if {expr}.kind != 'flat' else 0)"


def _printed_rate_fits(value: Decimal, places: int, changes: list[Field],
                       printed: tuple[str, int] | None) -> list[tuple[Field, str]]:
    """The changes whose rate, computed from their two figures as the sentence prints them (``printed``: unit and
    decimals), prints ``value`` — where no change's own rate does: 万里 2023 computes “增加105.81%” from 8.61 and 17.72
    万元 (of 86,100 and 177,240 元: 105.85%), 西安 2025 “增长159.24%” from 14.82 and 38.42 万元."""
    if printed is None or not value:
        return []
    unit, decimals = printed
    fits = []
    for change in changes:
        figures = _figures_of(change)
        if figures is None:
            continue
        current, prior = (as_printed(figure, UNIT_FACTOR[unit], decimals) for figure in figures)
        if prior and quantize_half_up(abs(current - prior) * 100 / prior, places) == value:
            shown = f"('{unit}', {decimals})"
            expr = f"((({change.current})|as_printed{shown})|change_from(({change.prior})|as_printed{shown}))"
            fits.append((change, _rate_of(expr, "rate" if places >= _RATE_PLACES else "exact")))
    return fits
_SHARE_FILLER = regex(r"的?(?:比例|比重)?为?$")


def _wholes(amounts: list[Field], whole: str | None) -> list[Field]:
    """The fields a share may be of: the quantity named ``whole``, else the first totals (_WHOLES)."""
    given = [a for a in amounts if a.value]
    return [a for a in given if whole in {_han(n) for n in a.names}] if whole else given[:_WHOLES]


def _whole_named(before: str) -> str | None:
    """The name of the quantity a share is of, where the words after its 占 name one (江苏 “占“三公”经费的0%”, “占本年支出
    合计的99.4%”): a share of another whole printing alike (0% of any) is never it; None where they name none (“占97.9%”)."""
    words = _SHARE_FILLER.sub("", before[before.rfind("占") + 1:])
    return next((name for name in _all_names() if words and words.endswith(name)), None)

_WHOLES = 12  # the wholes a share is sought of: the first fields (the totals the default templates print)


def _share_fits(value: Decimal, places: int, amounts: list[Field], whole: str | None = None) -> list[tuple[Field, str]]:
    """The shares of one field in another that print ``value`` at ``places``: in the quantity ``whole`` names where
    the sentence names it, else in one of the first totals."""
    amounts = [a for a in amounts if not a.count]
    wholes = _wholes(amounts, whole)
    return [(Field(a.expr, a.label, a.value, a.expr), f"share({a.expr}, {w.expr})") for w in wholes for a in amounts
            if quantize_half_up(a.value * 100 / w.value, places) == value]


def _nearest(fits: list[tuple[Field, str]], before: str, said: list[str]) -> tuple[Field, str] | None:
    """Of the fields that print the figure, the one the sentence means: a change (or share) of the figure it has just
    said, else the one whose words stand nearest before it (the longest of its words' ends the sentence's words
    before the figure end with, else its words found among the last ones ending nearest the figure, the longer of
    two ending alike: “……事务（款）行政运行（项）支出” names the 项, not the 款); None where two are as near — a figure
    two fields print alike and the sentence names neither is not guessed."""
    def score(fit: tuple[Field, str]) -> tuple[bool, int, int, int]:
        field, _ = fit
        of = _of_said(field, said)
        label = _han(field.label)
        found = before.rfind(label) if label else -1
        return _said_name(field, before), of, _shared(label, before[-_LABEL_CHARS:]), \
            ((found + len(label)) * 100 + len(label)) if found >= 0 and found >= len(before) - _NAMED_WITHIN else 0
    if not fits:
        return None
    scored = sorted(((score(fit), fit) for fit in fits), key=lambda pair: pair[0], reverse=True)  # stable: in order
    if len(scored) > 1 and scored[0][0] == scored[1][0] and scored[0][1][0].label != scored[1][1][0].label:
        return None  # (one line of all the money and of 一般公共预算's, named alike: the first, all the money's)
    return scored[0][1]


def _of_said(field: Field, said: list[str]) -> int:
    """How nearly a field (a change) is of what the sentence has said: 4 the change just said, 3 the change of the figure
    just said, 2 of its quantity (_of_quantity), 1 of a figure said before (or that figure again: 万里 “2.“…专项普查活动
    （项）”60.13万元，……。2022年当年预算执行数为0万元，2023年预算安排60.13万元，……”, the line said before), 0 none."""
    if said and field.expr == said[-1]:
        return 4
    if said and (field.current == said[-1] or _same_line(field.current, said[-1])):
        return 3
    if said and _of_quantity(field.expr, said[-1]):
        return 2
    return 1 if _said_before(field, said) else 0


def _said_before(field: Field, said: list[str]) -> bool:
    """Whether the sentence (or the one before it in its paragraph) has said the figure a change is of, or the field."""
    return bool(field.current and field.current in said) or field.expr in said


_LINE_TOTAL = regex(r"^function_line\('(\d+)'(?:, '[^']+')?\)\.total$")


def _same_line(current: str, said: str) -> bool:
    """Whether a change's figure and the figure said are one function line's total, of all the money or of one fund
    (江苏 “（1）社会保障和就业支出（类）支出429.13万元。与上年相比增加5.37万元”: the line said is of all the money, the
    上年 its 一般公共预算 lines give) — its 类 and its one 款 alike are never the line said."""
    found, other = _LINE_TOTAL.match(current), _LINE_TOTAL.match(said)
    return found is not None and other is not None and found.group(1) == other.group(1)


def _shared(a: str, b: str) -> int:
    """The length of the longest run of words ``a`` and ``b`` both say (财政拨款收入预算 in “…财政拨款收入预算总计”)."""
    best, previous = 0, [0] * (len(b) + 1)
    for x in a:
        current = [0]
        for j, y in enumerate(b):
            current.append(previous[j] + 1 if x == y else 0)
        best = max(best, max(current))
        previous = current
    return best


def _word(change: str, printed: str) -> str:
    """A change word following its change: the printed word where it is up (or down) as printed, else its pair."""
    up, down = (printed, _PAIRS[printed]) if printed in _UP else (_PAIRS[printed], printed)
    return f"{{% if ({change}).kind == 'down' %}}{down}{{% else %}}{up}{{% endif %}}"


def _literal(text: str, context: dict[str, Any]) -> str:
    """Printed words as a template writes them: the year and the prior year as {{ year }} and {{ prior_year }},
    the department's name as {{ dept }}, marks that are markup or Jinja2 escaped."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = re.sub(r"([{}%#])", r"{{ '\1' }}", text)
    years = {str(context["year"]): "{{ year }}", str(context["prior_year"]): "{{ prior_year }}"}
    text = _YEAR.sub(lambda m: years.get(m.group(1), m.group(1)), text)
    dept = context.get("dept") or ""
    return text.replace(dept, "{{ dept }}") if len(dept) >= 2 else text


# -- the learned words -----------------------------------------------------------------------------------------

# the class of an untraced sentence and the figure it is of (untraced_reasons.reason, which reads this module's tracing)
Explain = Callable[[str, str, tuple[list[Field], list[Field]], dict[str, Any], tuple[list[str], "Style", str]],
                   tuple[str, str]]


def learn_words(lines: list[Line], env: jinja2.Environment, context: dict[str, Any],
                explain: Explain | None = None) -> Learned:
    """Each published sentence of the learned parts traced (its template, checked to print the sentence word for
    word from ``context``) or kept as printed (why; and by ``explain``, each kept one's class, in ``reasons``)."""
    known = fields(env, context)
    projects = _prints_projects(env)
    sentences = published_sentences(lines, projects)
    style = comma_style([sentence.text for sentence in sentences])
    learned = _learned(sentences, known, env, context, style, explain, projects)
    if any(template is not None and _PRINTED_RATE in template for _, template in learned.sentences):
        learned = _learned(sentences, known, env, context, replace(style, rates_printed=True), explain, projects)
    return learned


_PRINTED_RATE = "|as_printed("  # a learned rate computed from the figures as printed (_printed_rate_fits)


def _learned(sentences: list[Sentence], known: tuple[list[Field], list[Field]], env: jinja2.Environment,
             context: dict[str, Any], style: Style, explain: Explain | None, projects: bool) -> Learned:
    """The sentences traced, each in the document's ``style`` (learn_words); ``projects``: the base's frame prints the
    source's project statements (their pages are not learned)."""
    learned = Learned(projects=projects)
    said: tuple[int, list[str]] = (-1, [])  # the paragraph, and the fields its sentences have said
    previous: Sentence | None = None
    scoped = _UnitScope(env, context, known)
    for sentence in sentences:
        before = said[1] if said[0] == sentence.paragraph else []
        subject = _subject_of(sentence, previous)
        amounts, changes = scoped.known(sentence)
        template, why, now = _sentence_template(sentence.text, (amounts, changes), env, context,
                                                (before, style, subject))
        said, previous = (sentence.paragraph, now), sentence
        learned.sentences.append((sentence, template))
        if template is None:
            learned.kept.append((sentence, why))
            if explain is not None and has_figures(sentence.text):
                learned.reasons.append((sentence, *explain(sentence.text, why, (amounts, changes), context,
                                                           (before, style, subject))))
    return learned


class _UnitScope:
    """The fields a sentence may print: the department's, and where the sentence or a heading over it names a budget
    unit of the source (单位: 深圳 “一、深圳市水务局（本级）” over “深圳市水务局（本级）预算178,214.28万元，包括……”,
    “（二）公用经费937.48万元”), that unit's own besides (unit_fields) — a unit's figure is no department's."""

    def __init__(self, env: jinja2.Environment, context: dict[str, Any], known: tuple[list[Field], list[Field]]):
        self.env, self.context, self.department = env, context, known
        self.names = unit_names(context)
        self.fields: dict[str, tuple[list[Field], list[Field]]] = {}

    def known(self, sentence: Sentence) -> tuple[list[Field], list[Field]]:
        name = unit_of(sentence, self.names)
        if name is None:
            return self.department
        if name not in self.fields:
            own, changes = unit_fields(self.env, self.context, name)
            self.fields[name] = (self.department[0] + own, self.department[1] + changes)
        return self.fields[name]


def unit_names(context: dict[str, Any]) -> list[str]:
    """The names of the source's budget units (单位) a sentence may be about: a unit named as its department is none
    (a sentence naming it is the department's)."""
    budget = context["b"]
    return [unit.department for unit in budget.units if unit.department != budget.department]


def unit_of(sentence: Sentence, names: list[str]) -> str | None:
    """The budget unit a sentence is about: the one its words begin with (its numbering aside), else the one its
    nearest heading naming a unit names (the heading's words, its numbering aside, the unit's name); None where none."""
    forms = _unit_forms(names)
    words = _NUMBERING.sub("", sentence.text)
    begun = [form for form in forms if words.startswith(form)]
    if begun:
        return forms[max(begun, key=len)]
    for _, heading in reversed(sentence.headings):
        bare = _NUMBERING.sub("", _HEADING.sub("", heading)).rstrip("。")
        if bare in forms:
            return forms[bare]
    return None


_BRACKETS = regex(r"[（(]|[）)]")
_CITY_BEFORE = regex(r"^[\u4e00-\u9fff]{2,4}(?=市)")  # (深圳 of 深圳市…: a text's “市建筑工务署本级”)


def _unit_forms(names: list[str]) -> dict[str, str]:
    """The forms a text names each unit by, to its name: as printed, its brackets dropped (“深圳市建筑工务署本级”),
    and each without its city's name before 市 (深圳 “市建筑工务署本级”, “市建筑工务署文体和水务工程管理中心”)."""
    forms: dict[str, str] = {}
    for name in names:
        for form in (name, _BRACKETS.sub("", name)):
            forms.setdefault(form, name)
            forms.setdefault(_CITY_BEFORE.sub("", form), name)
    return forms


# a unit's own figures (compute.Computed.unit) the sentences about it may print, each with the quantity it holds
_UNIT_QUANTITIES = (("expenditure_total", "本年支出合计"), ("basic", "基本支出"), ("project", "项目支出"),
                    ("personnel", "人员经费"), ("public", "公用经费"))


def unit_fields(env: jinja2.Environment, context: dict[str, Any], name: str) -> tuple[list[Field], list[Field]]:
    """The own figures of the budget unit ``name`` as fields (f.unit('…'): its 支出 total, 基本支出, 项目支出, 人员经费,
    公用经费, and its basic spending by economic class), each with the words texts name its quantity by; and its
    正文金额 (单位[].正文金额: learned_amounts.py), with their changes."""
    said = named_quantities()
    unit = f"f.unit('{name}')"
    out = [Field(f"{unit}.{attr}", quantity, _value(env, context, f"{unit}.{attr}"), names=said.get(quantity, ()))
           for attr, quantity in _UNIT_QUANTITIES]
    figures = _value(env, context, unit)
    for top in getattr(figures, "economic_tree", None) or []:
        out.append(Field(f"{unit}.economic_totals().get('{top.code}')", top.name, top.basic))
    stated = _stated(env, context, name)
    return ([one for one in out + stated[0] if isinstance(one.value, Decimal)],
            [one for one in stated[1] if isinstance(one.value, Change)])


def _subject_of(sentence: Sentence, previous: Sentence | None) -> str:
    """The name said over a sentence: the sentence before it in its paragraph where that one is a name alone (北京
    “（二）公务接待费。2026年预算数6万元……”: a numbering, a name, no figure), else its nearest heading's words (福州
    “（一）因公出国（境）经费” over “2026年预算安排7.05万元，与上年持平。”)."""
    if previous is not None and previous.paragraph == sentence.paragraph:
        words = _NUMBERING.sub("", _HEADING.sub("", previous.text)).rstrip("。")
        return words if _heading_words(previous.text) and _names_a_quantity(words) else ""
    words = sentence.headings[-1][1] if sentence.headings else ""
    return words if _names_a_quantity(words) else ""


def _names_a_quantity(words: str) -> bool:
    """Whether words end with a name of a quantity of vocabulary.yaml 数的名称 (their Han characters)."""
    han = _han(words)
    return any(han.endswith(name) for name in _all_names())


def _sentence_template(text: str, known: tuple[list[Field], list[Field]], env: jinja2.Environment,
                       context: dict[str, Any], before: tuple[list[str], Style, str] = ([], Style(), "")
                       ) -> tuple[str | None, str, list[str]]:
    """The sentence's template, or None and why; and the fields it said. ``before``: the fields the sentence before
    it in its paragraph said, how the document prints its amounts, and the name said over it (_subject_of)."""
    traced = trace(text, *known, context, before[0], before[1], before[2])
    if not isinstance(traced, _Traced):
        return None, WHY_UNTRACED, []
    body = "".join(traced.pieces)
    try:
        printed = env.from_string(body).render(**context)
    except jinja2.TemplateError:
        printed = ""
    if "".join(printed.split()).replace("&amp;", "&") != text:
        return None, WHY_DIFFERENT, []
    return _guarded(body, traced), "", traced.said


_LOOKUP = regex(r"(?:function_line|economic_line)\('[^']*'(?:, '[^']*')?\)")
_UNIT = regex(r"[bf]\.unit\('[^']*'\)")
_PART = regex(r"b\.three_public\.parts\[('[^']*')\]")
_SECTION = regex(r"\bb\.(assets|performance|procurement|running_costs|three_public\.vehicles)\.")


def _guarded(body: str, traced: _Traced) -> str:
    """The sentence printed where each field it says is given (a line looked up by its code first: a line the
    source no longer has is none), its changes as it words them, in its year alone where it says a cause no field
    holds — else the 待补充 that says which sentence and why."""
    said = " ".join(traced.guards + traced.change_guards)
    guards = [f"{m} is not none" for m in dict.fromkeys(_UNIT.findall(said))]  # (a unit the source no longer has)
    guards += [f"{m} is not none" for m in dict.fromkeys(_LOOKUP.findall(said))]
    guards += [f"{m} in b.three_public.parts" for m in dict.fromkeys(_PART.findall(said))]
    guards += [f"b.{m} is not none" for m in dict.fromkeys(_SECTION.findall(said))]  # (a source without 国有资产, 政府采购)
    guards += [f"({c}) is not none" for c in dict.fromkeys(_changes_in(said))]  # (no prior figure next year: no change)
    guards += [f"({g}) is not none" for g in dict.fromkeys(traced.guards)]
    if traced.year_bound is not None:
        body = f"{{% if year == {traced.year_bound} %}}{body}{{% else %}}{{{{ untraced('{traced.year_why}') }}}}{{% endif %}}"
    if traced.change_guards:
        body = (f"{{% if {' and '.join(dict.fromkeys(traced.change_guards))} %}}{body}"
                f"{{% else %}}{{{{ untraced('change') }}}}{{% endif %}}")
    return f"{{% if {' and '.join(guards)} %}}{body}{{% else %}}{{{{ untraced('fields') }}}}{{% endif %}}" if guards else body


def _changes_in(text: str) -> list[str]:
    """The changes a template's text computes (“(x)|change_from(y)”, each its operand and its prior), in order: none is
    there where next year's source has no prior figure (苏州 rolled over: “'None' has no attribute 'rate'”)."""
    found = []
    for at in (m.start() for m in re.finditer(r"\|change_from\(", text)):
        start, end = _matching(text, at - 1, -1), _matching(text, at + len("|change_from"), 1)
        if start is not None and end is not None:
            found.append(text[start:end + 1])
    return found


def _matching(text: str, at: int, step: int) -> int | None:
    """The place of the bracket that closes (``step`` 1) or opens (-1) the one at ``at``; None where none does."""
    if not 0 <= at < len(text) or text[at] != ("(" if step == 1 else ")"):
        return None
    depth = 0
    while 0 <= at < len(text):
        depth += {"(": 1, ")": -1}.get(text[at], 0) * step
        if depth == 0:
            return at
        at += step
    return None


def template_text(learned: Learned, year: int, department: str) -> str:
    """The learned words as a template of the layout folder: the parts' headings and sentences as printed, each
    traced sentence with its fields, each kept one as printed in ``year`` alone (a 待补充 in another year)."""
    out = [_file_head(department, year, learned), '{%- from "_phrases.j2" import unlearned with context -%}',
           "{{ in_part('收支预算') -}}"]
    counters = _counted_items(learned)
    out += _counters_set(counters)
    printed = [(_kept(sentence.text, year) if template is None else _with_untraced(template, sentence.text, year))
               for sentence, template in learned.sentences]
    printed = [_numbered(text, sentence.text, counters[index]) if index in counters else text
               for index, (text, (sentence, _)) in enumerate(zip(printed, learned.sentences, strict=True))]
    paragraphs = [sentence.paragraph for sentence, _ in learned.sentences]
    before, after = learned_lines.placed(learned.lines, _lists(counters), printed, paragraphs)
    depth = 0
    path: tuple[tuple[str, str], ...] = ()
    paragraph = -1
    for index, (sentence, _) in enumerate(learned.sentences):
        at = _glossary_at(sentence.headings)
        headings = sentence.headings if at is None else sentence.headings[:at + 1]
        if headings != path:
            common = _common(path, headings)
            out += _closed(paragraph, after)
            paragraph = -1
            out += ["</sec>"] * (depth - common)
            for heading in headings[common:]:
                out.append(f'<sec t="{_heading(heading[1], year)}">')
            out += [_GLOSSARY] if at is not None else []
            depth, path = len(headings), headings
        if at is not None:  # its terms are the source's (名词解释), printed where the document printed them
            continue
        if sentence.paragraph != paragraph:
            out += _closed(paragraph, after) + _closed(sentence.paragraph, before)[1:] + ["<p>"]
            paragraph = sentence.paragraph
        out.append(printed[index])
    out += _closed(paragraph, after) + ["</sec>"] * depth
    return "\n".join(out) + "\n"


def _closed(paragraph: int, after: dict[int, str]) -> list[str]:
    """The end of a paragraph (none where none is open), and what is printed after it (learned_lines.placed)."""
    return [] if paragraph < 0 else ["</p>", *([after[paragraph]] if paragraph in after else [])]


def _lists(counters: dict[int, str]) -> list[list[int]]:
    """The numbered lists' items (the places of their sentences), list by list."""
    lists: dict[str, list[int]] = {}
    for index, counter in sorted(counters.items()):
        lists.setdefault(counter, []).append(index)
    return list(lists.values())


# a list's item as a sentence opens (“3.“一般公共服务支出（类）……”45.41万元，……”, “（2）……”): its number and marks
_ITEM = regex(r"^(?P<open>[（(]?)(?P<n>\d{1,2})(?P<close>[）)]|[.．、](?!\d))")
_COUNTER = "items_printed"  # the template's namespace of the lists' counters


def _counted_items(learned: Learned) -> dict[int, str]:
    """By the place of each sentence that is an item of a numbered list (its items under one heading, in one numbering
    style), the counter it prints its number from — where the document numbers the list 1, 2, 3 … in order, so that
    next year, an item whose field the source no longer has not printed (万里 2024's list has no 2023 item 2), the
    items after it print the numbers the province gives them (“2.“…群众团体事务…””, item 3 the year before)."""
    lists: dict[tuple[Any, ...], list[tuple[int, int]]] = {}
    for index, (sentence, _) in enumerate(learned.sentences):
        if (item := _ITEM.match(sentence.text)) is not None:
            style = (item.group("open"), item.group("close"))
            lists.setdefault((sentence.headings, style), []).append((index, int(item.group("n"))))
    counters: dict[int, str] = {}
    for number, items in enumerate(lists.values()):
        if len(items) > 1 and [n for _, n in items] == list(range(1, len(items) + 1)):
            counters.update({index: f"list{number}" for index, _ in items})
    return counters


def _counters_set(counters: dict[int, str]) -> list[str]:
    """The template's line setting its lists' counters to 0 (none where no list is counted)."""
    names = sorted(set(counters.values()))
    return [f"{{%- set {_COUNTER} = namespace({', '.join(f'{c}=0' for c in names)}) -%}}"] if names else []


def _numbered(printed: str, text: str, counter: str) -> str:
    """A list item's template printing its number from its list's ``counter``. An item counts where it prints, and
    where it is a 待补充 of figures not known (a sentence kept as printed, a change or cause not known next year: the
    item is there, its words to fill in) — not where the source no longer has its fields (the item is gone). As
    learned where its number is not in the printed words before their 待补充."""
    item = _ITEM.match(text)
    assert item is not None
    literal = item.group(0) + text[item.end():item.end() + 1]
    at, blank = printed.find(literal), printed.find("unlearned(")
    if at < 0 or 0 <= blank < at:
        return printed
    count = f"{_COUNTER}.{counter}"
    gone = printed.startswith("{% if ") and "', 'fields', " in printed  # the outermost if: the fields given
    counted = printed.find("%}") + 2 if gone else 0
    return (f"{printed[:counted]}{{% set {count} = {count} + 1 %}}{printed[counted:at]}{item.group('open')}"
            f"{{{{ {count} }}}}{item.group('close')}{printed[at + len(item.group(0)):]}")


_GLOSSARY = '{% include "_glossary_items.j2" %}'


def _glossary_at(headings: tuple[tuple[str, str], ...]) -> int | None:
    """The place among a sentence's ``headings`` of the 名词解释 it is one of the terms of — a section inside another
    part (北京: “第一部分 …情况说明 / 六、名词解释”; 长沙: “第一部分 部门预算公开说明 / 七、名词解释”); None where it is
    no term."""
    return next((i for i, (_, words) in enumerate(headings) if part_of(words) == "名词解释"), None)


def _common(a: tuple[Any, ...], b: tuple[Any, ...]) -> int:
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n]:
        n += 1
    return n


def _heading(words: str, year: int) -> str:
    text = words.replace("&", "&amp;").replace("<", "&lt;").replace('"', "&quot;")
    text = re.sub(r"([{}%#])", r"{{ '\1' }}", text)
    return _YEAR.sub(lambda m: "{{ year }}" if m.group(1) == str(year) else m.group(1), text)


def _kept(text: str, year: int) -> str:
    """A sentence kept as printed: in the year learned from, and a 待补充 in another where it says a figure."""
    words = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    words = re.sub(r"([{}%#])", r"{{ '\1' }}", words)
    if not has_figures(text):
        return _YEAR.sub(lambda m: "{{ year }}" if m.group(1) == str(year) else
                         "{{ prior_year }}" if m.group(1) == str(year - 1) else m.group(1), words)
    return f"{{% if year == {year} %}}{words}{{% else %}}{_untraced(text, 'kept', year)}{{% endif %}}"


_UNTRACED = regex(r"\{\{ untraced\('(\w+)'\) \}\}")


def _with_untraced(template: str, text: str, year: int) -> str:
    """A traced sentence's template, its 待补充 (untraced('fields'), untraced('cause')) each saying which and why."""
    return _UNTRACED.sub(lambda m: _untraced(text, m.group(1), year), template)


def _untraced(text: str, why: str, year: int) -> str:
    """The 待补充 of a learned sentence not printed (_phrases.j2 unlearned): its first words, why, the year learned."""
    short = text[:24].replace("'", "’").replace("{", "（").replace("}", "）").replace("%", "％").replace("#", "＃")
    return f"{{{{ unlearned('{short}', '{why}', {year}) }}}}"


# The sections the default 其他重要事项 (other.j2) prints: learned words that say one of them say that part
_OTHER_SECTIONS = frozenset({"机关运行经费", "政府采购", "国有资产", "绩效管理"})


def _prints_projects(env: jinja2.Environment) -> bool:
    """Whether the frame of ``env`` (the base layout's templates) prints the source's project statements, each under
    its own title (_PROJECTS: 上海's)."""
    try:
        env.get_template(_PROJECTS)
    except jinja2.TemplateNotFound:
        return False
    return True


_PROJECTS = "projects.j2"  # a frame's part printing each project's 项目经费说明 (上海: 七、项目经费情况说明)


def disclosure(learned: Learned, tables_headed: bool = True) -> str:
    """The learned layout's disclosure.j2: its base's, the parts in order, the learned words for the 预算说明 — and
    for the 其他重要事项 where the document printed one, as a part or a section of another (长沙 “六、其他重要事项的情况
    说明” in its 第一部分), or printed its sections elsewhere (上海市级's 其他相关情况说明 under an unnumbered heading:
    机关运行经费预算, 政府采购预算情况 …); else the base's own 其他重要事项. The base's 名词解释 part is left out where the
    words print the source's terms in a section of another part (_glossary_at), the 部门概况 where they print the duties.
    ``tables_headed`` False: the document's parts name none over its tables (重庆市委宣传部 2026's text ends at “六、专业性
    名词解释” and its 表一 follows; 深圳's nine parts are its 文字部分, its tables under “二、表格部分” a level above
    them): the tables are printed after the text without the default frame's part heading."""
    other = any(part_of(words) == "其他重要事项" or section_kind(words) in _OTHER_SECTIONS
                for sentence, _ in learned.sentences for _, words in sentence.headings)
    glossary = any(_glossary_at(sentence.headings) is not None for sentence, _ in learned.sentences)
    left = [name for name, out in (("other.j2", other), ("overview.j2", _overview_said(learned)), ("glossary.j2", glossary))
            if out]
    text = _DISCLOSURE.replace("OTHER", f"if part not in {left} " if left else "")
    text = text.replace("PROJECTS", f'\n{{% include "{_PROJECTS}" %}}' if learned.projects else "")
    if tables_headed:
        return text.replace("TABLES_FROM", "")
    return text.replace("TABLES_FROM", _TABLES_FROM).replace(_INCLUDE_PART, _HEADLESS_TABLES)


# where the document prints no part over its tables: the tables follow the text without a heading of their own (as
# 河南's own frame prints them), not under the default frame's “第N部分 …预算表” it does not print
_TABLES_FROM = "{%- from '_tables_common.j2' import placed_tables with context %}\n"
_INCLUDE_PART = "{% include '" + WORDS_FILE + "' if part == 'budget.j2' else part %}"
_HEADLESS_TABLES = ("{% if part == 'tables.j2' %}<pagebreak/>{{ placed_tables() }}{% else %}" + _INCLUDE_PART
                    + "{% endif %}")


def _overview_said(learned: Learned) -> bool:
    """Whether the document prints its duties inside a part other than its 概况, as learned words (北京: “第一部分 2026年度
    部门预算情况说明 / 一、部门情况说明 / （一）本部门职责情况”; 长沙: “第一部分 部门预算公开说明 / 一、部门基本概况 /
    （一）职能职责”): the default 部门概况 would print them a second time."""
    return any(sentence.headings and part_of(sentence.headings[0][1]) != "概况"
               and any(section_kind(words) == "职能" for _, words in sentence.headings[1:])
               for sentence, _ in learned.sentences)


def words_line(learned: Learned) -> str:
    """What the import tells of the words learned: how many sentences, how many with fields, how many kept."""
    figured = [s for s, _ in learned.sentences if has_figures(s.text)]
    kept = [s for s, _ in learned.kept if has_figures(s.text)]
    return (f"学到的措辞（{WORDS_FILE}）：{len(learned.sentences)} 句，其中有数的 {len(figured)} 句，"
            f"{len(figured) - len(kept)} 句的数换成了源文件的字段，{len(kept)} 句照原文保留（只在学自的那一年印出，列在下面）")


def kept_note(sentence: Sentence, why: str) -> str:
    """What the import tells of a sentence kept as printed: where, its start, and why."""
    return f"学到的措辞：{sentence.where}“{sentence.text[:30]}…”照原文保留（{why}），请按今年的数改写"


def _file_head(department: str, year: int, learned: Learned) -> str:
    return (f"{{#- 学到的措辞（reportgen import --learn-layout）：学自 {department} {year} 年公开的文本，"
            f"{len(learned.sentences)} 句，{learned.traced} 句的数换成了字段；其余照原文保留，请按今年的数改写 -#}}")
