"""The narrative parts of a published 部门预算 disclosure, read as text with the place each came from.

The rule of ``reportgen import``: text parts (职能, 机构设置, 名词解释, 项目经费情况说明, 其他相关情况说明,
each 用途 and 原因 sentence) are imported as printed; the 编制说明's figures, shares and changes are not
(reportgen computes them). The figures the text alone states (政府采购, 国有资产, 绩效, 机关运行经费) are
source fields: they are returned as printed text ("7.80万元") for the caller to convert.

Input is the document's lines (readers/lines.py :class:`Line`): a PDF's lines per page, or a DOCX's or HTML's
paragraphs (page 0). Lines of a PDF break mid-sentence, a page may repeat the last lines of the one
before it, and a table of contents names every heading: all three are undone before the sections
are found. How documents name their sections and phrase their sentences is data
(``text_parts.yaml``); what is not stated is absent (None or empty), never a default.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, Generic, TypeVar

import yaml

from reportgen.base.patterns import regex
from reportgen.docmodel.model import INTERNAL_COUNT, VEHICLE_KINDS
from reportgen.readers.text.lines import Line
from reportgen.readers.text.running_scope import running_costs_scope

T = TypeVar("T")
VOCABULARY = Path(__file__).with_name("text_parts.yaml")


@dataclass(frozen=True)
class Placed(Generic[T]):
    value: T
    where: str


@dataclass(frozen=True)
class Term:
    """One 名词解释: （一）财政拨款收入：是……"""

    术语: str
    解释: str
    where: str


@dataclass(frozen=True)
class Purpose:
    """“类（类）款（款）项（项）”金额，主要用于用途。 The names as printed; the caller finds the code."""

    类: str
    款: str
    项: str
    金额: str  # as printed: "43.83万元", "3，518.85万元"
    用途: str  # what follows 主要用于, without the full stop
    where: str
    上年执行数: str | None = None  # "2023年当年预算执行数为60.13万元" (万里街道 2024)
    原因: Placed[str] | None = None  # "主要原因是：项目调整。"


@dataclass(frozen=True)
class Project:
    """A project the text describes: a 项目经费情况说明 page, or an item of a project list."""

    名称: Placed[str] | None
    金额: Placed[str] | None  # as printed: "1720.00万", "22万元"
    用途: Placed[str] | None
    where: str
    增减: Placed[str] | None = None  # "比2021年预算数减少3万元"
    说明: dict[str, Placed[str]] = field(default_factory=dict)  # the page's parts: 项目概述, 立项依据, ……
    段落: dict[str, list[Placed[str]]] = field(default_factory=dict)  # the same, each its paragraphs
    标题: Placed[str] | None = None  # the page's heading as printed


@dataclass(frozen=True)
class OtherMatter:
    """One part of 其他相关情况说明: its figures as printed, and the text that is not a figure."""

    数字: dict[str, Placed[str]]  # e.g. {"货物": Placed("7.80万元", "第22页 第14行")}
    说明: list[Placed[str]]
    where: str
    原因: Placed[str] | None = None


@dataclass(frozen=True)
class Sentence:
    """A sentence of the narrative, with the places of the lines it stands on."""

    text: str
    places: tuple[str, ...]  # Line.where of each line it stands on, the first first
    ended: bool = True  # by 。 (the last of a paragraph may have none)


@dataclass
class TextParts:
    职能概述: Placed[str] | None = None  # the sentence before "主要职能包括："
    职责: list[Placed[str]] = field(default_factory=list)
    机构设置: Placed[str] | None = None  # as printed, a list's lead-in (“……具体包括：”) with it
    工作目标: list[Placed[str]] = field(default_factory=list)  # the year's goals or tasks, each item as printed
    单位列表: list[Placed[str]] | None = None  # the list of units that lead-in opens, each item as printed
    单位列表说明: Placed[str] | None = None  # the paragraphs after that list
    下属单位: list[Placed[str]] | None = None  # [] only where the text says there is none
    成立年度: Placed[str] | None = None  # the year a new department says it was founded in (“我局为2019年新成立单位”)
    名词解释: list[Term] = field(default_factory=list)
    用途: list[Purpose] = field(default_factory=list)
    三公原因: dict[str, Placed[str]] = field(default_factory=dict)  # by the source format's key, 合计 for the whole
    三公说明: Placed[str] | None = None  # a “三公” section without figures ("没有安排……")
    # a comparison with last year's budget the text states beside a figure (“比2024年预算减少2,389.52万元”,
    # “与2024年预算持平”), as printed: by the key of the source's 上年; of “三公”, by its part, with the
    # part's amount as printed
    上年增减: dict[str, Placed[str]] = field(default_factory=dict)
    上年执行数增减: dict[str, Placed[str]] = field(default_factory=dict)  # … with last year's 执行数, by its key
    三公增减: dict[str, tuple[Placed[str], Placed[str]]] = field(default_factory=dict)
    三公金额: dict[str, Placed[str]] = field(default_factory=dict)  # each part's amount as its clause prints it
    三公括号: set[str] = field(default_factory=set)  # the parts whose change 三公增减 read inside a bracket
    # every sentence of the narrative (ended by 。; a lead-in ending with a colon is none), with the
    # places of the lines it stands on: the import tells each that none of its fields came from
    句子: list[Sentence] = field(default_factory=list)
    变动原因: dict[str, Placed[str]] = field(default_factory=dict)  # by the key of the source's 变动原因
    # the sentences worded as a heading that state an amount (江苏's “2．上年结转结余为0万元。”): not among 句子
    标题句子: list[Sentence] = field(default_factory=list)
    项目: list[Project] = field(default_factory=list)
    机关运行经费: OtherMatter | None = None
    机关运行经费口径: Placed[str] | None = None  # the sentence saying it counts projects' money, of the year read
    政府采购: OtherMatter | None = None
    国有资产: OtherMatter | None = None
    绩效管理: OtherMatter | None = None


def _order(line: Line) -> tuple[int, int]:
    """Where a line stands in the document: its page, then its line on the page (or paragraph)."""
    return line.page, line.line or line.number


# an amount a sentence states (“2．上年结转结余为0万元”): a sentence worded as a heading is kept only with one
_STATED_AMOUNT = regex(r"\d\s*(?:万元|元)")


def read_text_parts(lines: list[Line], year: int | None = None) -> TextParts:
    """The text parts of a document's lines, each placed ("第3页 第7行", or "第7段" without pages); ``year``, the
    document's, is the one a sentence speaks of unless it names another."""
    vocab = vocabulary()
    kept = _preprocess(lines, vocab)
    sections = _sections(kept, vocab)
    parts = TextParts()
    _read_duties(parts, _first(sections, "职能"), vocab)
    _read_organisation(parts, _first(sections, "机构设置"), vocab)
    parts.工作目标 = _goals(_first(sections, "工作目标"), vocab)
    parts.名词解释 = _terms(_first(sections, "名词解释"), vocab)
    whole = _join([line for line, _ in kept])
    parts.用途 = _purposes(whole, vocab)
    parts.成立年度 = _founding(whole, vocab)
    scope = running_costs_scope(whole.text, year)
    parts.机关运行经费口径 = whole.placed(*scope, "。；;") if scope else None
    _read_three_public(parts, _first(sections, "三公"), vocab)
    unclaimed = [s for s in sections if s.kind in (None, STOP)]
    parts.变动原因 = _change_reasons(unclaimed, vocab)
    parts.上年增减 = _stated_changes(unclaimed, vocab)
    parts.上年执行数增减 = _stated_changes(unclaimed, vocab, EXECUTED)
    parts.项目 = [_project_page(s, vocab) for s in sections if s.kind == "项目经费" and s.lines]
    parts.项目 += _project_list(unclaimed, vocab)
    parts.机关运行经费 = _stating(sections, "机关运行经费", vocab)
    parts.政府采购 = _stating(sections, "政府采购", vocab)
    parts.国有资产 = _stating(sections, "国有资产", vocab)
    parts.绩效管理 = _stating(sections, "绩效管理", vocab)
    parts.句子 = _text_sentences(sections, vocab)
    parts.标题句子 = _heading_sentences(sections, vocab)
    return parts


def _heading_sentences(sections: list[_Section], vocab: dict[str, Any]) -> list[Sentence]:
    """The sentences of the text's sections worded as a heading that state an amount (“2．上年结转结余为0万元。”)."""
    return [sentence for s in sections if s.kind != TABLE for sentence in _sentences(s, vocab, headings=True)
            if _STATED_AMOUNT.search(sentence.text)]


def _text_sentences(sections: list[_Section], vocab: dict[str, Any]) -> list[Sentence]:
    """The sentences of the text's sections (a table's none); of the text before the first heading only those it
    ends (a cover's lines are titles)."""
    return [sentence for s in sections if s.kind != TABLE for sentence in _sentences(s, vocab)
            if s.kind is not None or sentence.ended]


@dataclass(frozen=True)
class PrintedHeading:
    """A heading as a document prints it, in its order: its numbering's style (part: 第一部分; cn: 一、; pc: （一）;
    ar: 1. or 1、, ``mark`` the mark after the number; pa: （1）) and number, its words after the numbering, and the
    kind of part its words name (text_parts.yaml's 标题: 职能, 三公 …; None for another)."""

    style: str
    number: int
    words: str
    kind: str | None
    where: str
    mark: str = ""


def printed_headings(lines: list[Line]) -> list[PrintedHeading]:
    """The numbered headings of a document's text, in order, as the sections are cut (the 目录 left out, a
    table's title none): each heading that opens a section, and each numbered part (第三部分 …)."""
    vocab = vocabulary()
    sections = _sections(_preprocess(lines, vocab), vocab)
    found = [heading for at in range(len(sections)) for heading in _section_headings(sections, at, vocab)]
    return _parts_titled(found, lines, vocab)


def _section_headings(sections: list[_Section], at: int, vocab: dict[str, Any]) -> list[PrintedHeading]:
    """The numbered headings the section at ``at`` prints, in order: its own, those after it of its kind, those inside
    it; a table's section none but the part's heading over it."""
    section = sections[at]
    if section.heading is not None and section.kind == TABLE:
        return _part_over_tables(section.heading, vocab)
    if section.heading is None or _a_table_read_as_text(section) or _rows_after_a_table(sections, at):
        return []
    heads = sorted((*_short(section.also, section.lines), *_inner_headings(section, vocab)), key=lambda x: x.number)
    return [heading for line in (*_own_heading(sections, at), *heads)
            if _states_no_sum(line.text) and (heading := _printed_heading(section, line, vocab)) is not None]


def _parts_titled(headings: list[PrintedHeading], lines: list[Line], vocab: dict[str, Any]) -> list[PrintedHeading]:
    """``headings``, a part's whose words the body prints over more lines than are read (福州市民政局 2026's
    “第四部分” / “名词解释”, the second a section's heading; 烟台市民政局 2026's “第二部分” / “2026年部门预算表”, a table's
    title; 苏州市应急管理局 2026's cover: “第二部分” / “2026 年度” / “苏州市应急管理局” / “部门预算表”) with the words the
    document's 目录 lists that part by, where it prints one; as read else."""
    first = contents_start(lines)
    listed = {} if first is None else {
        number: unpaged(entry[found.end():]) for entry in _contents_lines(lines, first)
        if (found := _PART.match(entry)) is not None and (number := _chinese_number(found.group(0)[1:-2]))}
    return [PrintedHeading(h.style, h.number, listed[h.number], _named_kind(listed[h.number], vocab) or h.kind, h.where)
            if h.style == "part" and not h.words and listed.get(h.number) else h for h in headings]


def _part_over_tables(heading: Line, vocab: dict[str, Any]) -> list[PrintedHeading]:
    """The heading of the part that holds the tables where it opens their section, numbered (长春市信访局 2026's
    “第二部分 2026年度部门预算表”, 广州市统计局 2026's “第二部分 2026年部门预算表”): a part's heading, its words none
    of a table's title; [] for a table's own title."""
    numbering, part, words = _heading_numbering(_fold(_unspaced(heading.text)))
    if part is None or numbering is not None or not words:
        return []
    return [PrintedHeading("part", _chinese_number(part.group(0)[1:-2]), words, _named_kind(words, vocab), heading.where)]


_CONTENTS_PAGES = 5  # a 目录 is printed on one of the first pages
# a 目录 line's page number and leader dots, read from its end backwards (the line reversed): matched at its start,
# possessive, the work is linear on any text, where the pattern searched for at the line's end was cubic on a run of spaces
_UNPAGED = regex(r"[-—–]?+\s*+\d{0,4}+\s*+[-—–]?+[.．…·⋯\s]*+")


def unpaged(entry: str) -> str:
    """A 目录 line without its leader dots and page number (“一、部门主要职能……3” → “一、部门主要职能”)."""
    found = _UNPAGED.match(entry[::-1])
    return entry[:len(entry) - found.end()] if found else entry


def contents_start(lines: list[Line]) -> int | None:
    """The index of the line saying 目录 (as text_parts.yaml names it) on one of the first pages; None for none."""
    titles = vocabulary()["目录"]
    return next((i for i, line in enumerate(lines) if 0 < line.page <= _CONTENTS_PAGES
                 and "".join(line.text.split()) in titles), None)


def contents_entries(lines: list[Line], first: int) -> list[str]:
    """The lines after the 目录's title ``lines[first]`` on its page, spaces taken out."""
    return ["".join(line.text.split()) for line in lines[first + 1:] if line.page == lines[first].page]


def _contents_lines(lines: list[Line], first: int) -> list[str]:
    """The 目录's lines, spaces taken out: those on its page, and on the next those that end in leader dots and a page
    number (泉州市人民政府办公室 2026's, over two pages: “第四部分 名词解释........ 36”)."""
    page = lines[first].page
    return contents_entries(lines, first) + [
        "".join(line.text.split()) for line in lines[first + 1:]
        if line.page == page + 1 and _LEADER.search(line.text) is not None]


_LEADER = regex(r"[.．…·⋯]{3}\s*\d+\s*$")  # a 目录 line's leader dots and page number


def _inner_headings(section: _Section, vocab: dict[str, Any]) -> list[Line]:
    """The numbered headings inside a section of the 情况说明 that open none of their own, naming no kind (杭州市气象局
    2026's “（一）收支预算情况的总体说明（详见表 1-3）” … under “二、2026年杭州市气象局部门预算安排情况说明”, 国家信访局
    2026's “（一）一般公共预算当年拨款规模变化情况”): a line shaped as a heading, numbered, ending before the text's
    margin; none in a list's section (职能, 工作目标, 机构设置, 名词解释: its items)."""
    if section.kind in _LISTS:
        return []
    body = [line for line in section.lines if line.text.strip()]
    left = min((_indent(line.text) for line in body), default=0)
    margin = max((_width(line.text) for line in body), default=0) - _SHORT_OF_MARGIN
    return [line for at, line in enumerate(body) if _numbered_heading_line(line, vocab)
            and _indent(line.text) <= left + _HEADING_INDENT and _alone(body, at, (left, margin), vocab)]


def _alone(body: list[Line], at: int, margins: tuple[int, int], vocab: dict[str, Any]) -> bool:
    """Whether the line at ``at`` of ``body`` (a section's lines of text; ``margins``: the text's left, and the right a
    heading ends within) stands as a heading: no item of a list, done before the next line."""
    left, right = margins
    return _width(body[at].text) <= right and not _listed(body, at, left) \
        and _stands_alone(body[at + 1] if at + 1 < len(body) else None, left, vocab)


# a heading inside a section ends a character short of the text's margin at least (杭州市气象局 2026's “（九）国有资本
# 经营预算支出情况说明（详见表 9）”, two short); a line reaching it runs on (the next line, at the margin, tells too)
_SHORT_OF_MARGIN = 2


def _listed(body: list[Line], at: int, left: int) -> bool:
    """Whether the line at ``at`` is an item of a list: the line that opens before it or after it (indented: a line
    at the margin ``left`` runs on the one above) numbered in its style (广州市卫生健康委员会 2026's units, “（一）广州市
    第一人民医院” / “（二）广州医科大学附属中医医院” … “（二十三）广州医科大学附属口腔医院(广州医科大学羊城医” / “院)” /
    “（二十四）广州市卫生健康委员会（本级）”), where a heading has text after it."""
    opening = [i for i, line in enumerate(body) if i == at or _indent(line.text) > left + 1]
    place = opening.index(at)
    style = _style_of(body[at].text)
    return any(0 <= near < len(opening) and _style_of(body[opening[near]].text) == style
               for near in (place - 1, place + 1))


def _style_of(text: str) -> str | None:
    found = _numbering(_fold(_unspaced(text)))
    return found[0] if found else None


# a heading opens at most this far right of the text's margin (a paragraph's indent, and a little); a line further in is
# a table's cell read as text (长春市信访局 2026's 项目支出绩效目标表: “1、全年确保网络专线” / “连接畅通，维护社会”)
_HEADING_INDENT = 8


_LISTS = ("职能", "工作目标", "机构设置", "名词解释")


def _numbered_heading_line(line: Line, vocab: dict[str, Any]) -> bool:
    """A line numbered and shaped as a heading, stating no sum (北京市审计局 2026's “（二）本年其他资金收入 15 万元。”:
    a sentence)."""
    key = _fold(_unspaced(line.text))
    key = key[:-1] if key.endswith("。") else key  # closed by a stop (杭州 “1.一般公共预算当年拨款规模变化情况。”)
    return _NUMBERING.match(key) is not None and _heading_shaped(key, vocab) and _MONEY.search(key) is None


def _stands_alone(after: Line | None, left: int, vocab: dict[str, Any]) -> bool:
    """Whether a line is done before ``after``, the next (``left``: the text's left margin): the next opens a
    paragraph (indented), is a heading, or ends a heading broken at the line's end (“说明”); not a line at the margin
    running it on (国家信访局 2026's “1.一般公共服务支出（类）信访事务（款）一般行政管” / “理事务（项）……”)."""
    return after is None or _indent(after.text) > left + 1 or _numbered_heading_line(after, vocab) \
        or bool(_wrapped([after]))


def _indent(text: str) -> int:
    return len(text) - len(text.lstrip())


def _a_table_read_as_text(section: _Section) -> bool:
    """Whether ``section`` is a table's rows read as text: a heading the importer does not read, printing an amount
    (重庆市委宣传部 2026's 收支总表: “一、一般公共预算资金 37,891.58 …”, its rows of no amount, “八、事业单位经营收入
    资金”, no headings either; 北京市教育委员会 2026's 报表: “一、一般公共预算资金 66,197.668103”)."""
    return section.kind == STOP and _DECIMAL.search(section.heading.text if section.heading else "") is not None


def _rows_after_a_table(sections: list[_Section], at: int) -> bool:
    """Whether the section at ``at`` is the rows of the table before it, read as text on its next page (北京市教育委员会
    2026's 收支总表: “二十二、灾害防治及应急管理支出” … at the top of a page, amounts with no unit among its lines); a
    part's heading (第三部分 …) opens the text after the tables."""
    section = sections[at]
    return section.kind == STOP and at > 0 and sections[at - 1].kind == TABLE and section.heading is not None \
        and not _opens_part(section.heading.text) and any(_BARE_AMOUNT.search(line.text) for line in (*section.also, *section.lines))


# an amount printed with its decimals and no unit after it: a table's cell (text says “1,234.56万元”)
_BARE_AMOUNT = regex(r"(?<![\d,])\d[\d,]*+[.．]\d{2,}+(?![\d.．]|\s*[万元亿%％])")


_DECIMAL = regex(r"(?<![\d,])\d[\d,]*+[.．]\d{2,}(?![\d.．])")  # an amount printed with its decimals (two or more)


def _states_no_sum(text: str) -> bool:
    """A heading states no amount: none printed with its decimals (a table's row read as text), no sum of money (北京市
    审计局 2026's “（三）年终结转结余资金 0 万元。”: a sentence)."""
    return _DECIMAL.search(text) is None and _MONEY.search(_unspaced(text)) is None


def _own_heading(sections: list[_Section], at: int) -> list[Line]:
    """The heading of the section at ``at`` as a heading the document prints: none where it is a term of the 名词解释
    before it broken at the text's margin (as wide as the terms' lines: 国家信访局 2026's “四、一般公共服务（类）政府
    办公厅（室）及相关机构” / “事务（款）：指……”, 苏州市应急管理局 2026's “八、社会保障和就业支出（类）…（款）机”), which
    the importer reads as a heading it does not read."""
    section, heading = sections[at], sections[at].heading
    if heading is None:
        return []
    if at and section.kind == STOP and sections[at - 1].kind == "名词解释":
        margin = max((_width(line.text) for line in sections[at - 1].lines), default=0)
        return [heading] if not margin - _TERM_SHORT < _width(heading.text) <= margin else []
    return [heading]


_TERM_SHORT = 4  # a term broken at the margin ends this near it; a heading further out (深圳市信访局 2026's “二、表格部分”
# at the top of its first table's page, printed across) is none of the terms


def table_lines(lines: list[Line]) -> dict[int, int]:
    """The numbers of the lines printed in a table's section, as the sections are cut (a table runs until a heading
    opens a page, or a part opens under it): its title, its cells, its notes (长沙 “注：本表反映……”); each with the
    section's place among the document's sections."""
    vocab = vocabulary()
    sections = _sections(_preprocess(lines, vocab), vocab)
    return {line.number: at for at, section in enumerate(sections) if _of_a_table(sections, at)
            for line in (section.heading, *section.also, *section.lines) if line is not None}


def _of_a_table(sections: list[_Section], at: int) -> bool:
    """Whether the section at ``at`` is a table's: of its kind, or a heading with no lines of its own right over one
    (福州's “白内障、血友病患者医疗救助费用项目绩效目标” / “表”: a table's title over two lines)."""
    section = sections[at]
    return section.kind == TABLE or (not section.lines and at + 1 < len(sections) and sections[at + 1].kind == TABLE
                                     and section.kind == STOP)


# an amount printed with its decimals (“37,891.58”): a heading prints none, a table's row read as text does (重庆市委宣传部
# 2026's 收支总表: “一、一般公共预算资金 37,891.58 一、一般公共服务支出 22,022.92”)
_AMOUNT = regex(r"(?<![\d,])\d[\d,]*+[.．]\d{2}(?!\d)")


def _short(headings: list[Line], lines: list[Line]) -> list[Line]:
    """The ``headings`` that end before the right margin of the section's ``lines`` (two characters short of its widest
    line at least): a line as wide as the text is an item's first line, broken at the margin (苏州市应急管理局 2026's
    名词解释: “九、社会保障和就业支出（类）行政事业单位养老支出（款）机” / “关事业单位…”), not a heading."""
    widest = max((_width(line.text) for line in lines), default=0)
    return [line for line in headings if not widest or _width(line.text) <= widest - 4]


def _printed_heading(section: _Section, line: Line, vocab: dict[str, Any]) -> PrintedHeading | None:
    """The heading ``line`` of ``section`` (its own, or one after it of the same kind: 深圳's “第二部分 部门预算收支
    总体情况” after “二、机构编制”, both of no kind read) as printed; None where it is numbered in no style read."""
    key = _fold(_unspaced(line.text))
    numbering, part, words = _heading_numbering(key[:-1] if key.endswith("。") else key)
    own = line is section.heading
    if part is not None:
        return _part_heading(section if own else _Section(section.kind, line), line, part, words, vocab)
    if numbering is not None:
        return _numbered_heading(section if own else _Section(section.kind, line, _after(section.lines, line)), line,
                                 numbering, words)
    return None


def _after(lines: list[Line], line: Line) -> list[Line]:
    """The line of text after ``line`` among ``lines`` (a heading inside a section: its words may run on to it,
    湖州市财政局 2026's “（一）关于湖州市财政局 2026 年收支预算情况的总体” / “说明”); [] where it is none of them."""
    at = next((i for i, one in enumerate(lines) if one is line), None)
    return [] if at is None else [one for one in lines[at + 1:] if one.text.strip()][:1]


def _part_heading(section: _Section, heading: Line, part: re.Match[str], words: str,
                  vocab: dict[str, Any]) -> PrintedHeading:
    """A numbered part's heading (第三部分 …): its words those after its number, else those of the next lines where
    they are a heading's words and unnumbered (烟台: “第一部分” / “部门概况”); none read where the title runs over more
    lines than that one (无锡市教育局 2026's cover of its tables: “第二部分” / “2026 年度” / “无锡市教育局（本级）” /
    “单位预算表”, whose last line opens a table's section: “2026年度” is no part's title)."""
    if not words and len(title := _title_lines(section.lines, vocab)) == 1:
        words = title[0]
    return PrintedHeading("part", _chinese_number(part.group(0)[1:-2]), words,
                          section.kind if section.kind != STOP else _named_kind(words, vocab), heading.where)


_TITLE_LINES = 2  # a part's title below its number: one line, and the next to tell it ends there


def _title_lines(lines: list[Line], vocab: dict[str, Any]) -> list[str]:
    """The words of the first lines that are a heading's words, unnumbered (a part's title below its number)."""
    found: list[str] = []
    for line in lines[:_TITLE_LINES]:
        words = _fold(_unspaced(line.text))
        if not words or not _heading_shaped(words, vocab) or _NUMBERING.match(words) is not None:
            break
        found.append(words)
    return found


def _numbered_heading(section: _Section, heading: Line, numbering: re.Match[str], words: str) -> PrintedHeading | None:
    """A heading numbered in one of the styles read (一、, （一）, 1. …), a bracket it leaves open closed from the next
    line; None for a numbering of no style read."""
    shape = _numbering(numbering.group(0).strip())
    if shape is None:
        return None
    mark = numbering.group(0).strip()[-1] if shape[0] == "ar" else ""
    return PrintedHeading(shape[0], shape[1], words + (_bracket_closed(words, section.lines) or _wrapped(section.lines)),
                          section.kind, heading.where, mark)


_WRAPPED = 6  # characters of a heading's words broken at the line's end, alone on the next line


def _wrapped(lines: list[Line]) -> str:
    """The words of the next line that end a heading broken at its line's end (苏州市应急管理局 2026: “九、一般公共预算
    “三公”经费、会议费、培训费支出预算情” / “况说明”): a few characters, no figure, no mark, no numbering; "" else."""
    if not lines:
        return ""
    after = _fold(_unspaced(lines[0].text))
    if not 0 < len(after) <= _WRAPPED or _NUMBERING.match(after) or re.search(r"[\d。，；：:、（）()]", after):
        return ""
    return after


_CLOSING_NEAR = 12  # a heading's bracket closed this near the next line's start (“（详” / “见表 7）”) runs on to it


def _bracket_closed(words: str, lines: list[Line]) -> str:
    """The words of the next line that close a bracket a heading leaves open at its line's end (杭州市气象局 2026:
    “（七）一般公共预算“三公”经费预算情况说明（详” / “见表 7）”); "" where it leaves none open."""
    if not lines or words.rfind("（") <= words.rfind("）"):
        return ""
    after = _fold(_unspaced(lines[0].text))
    closing = after.find("）")
    return after[:closing + 1] if 0 <= closing < _CLOSING_NEAR else ""


def heading_words_kind(words: str) -> str | None:
    """The kind of part a heading's words (its numbering taken off) name, as a document's headings are read
    (text_parts.yaml's 标题): 职能, 三公 …; None for words that name none."""
    return _named_kind(_fold(_unspaced(words)).rstrip("：:"), vocabulary())


def _is_heading_text(text: str, vocab: dict[str, Any]) -> bool:
    """A numbered heading inside a part (“一、项目概述”): said by the part it opens."""
    key = _fold(_unspaced(text))
    return _heading_shaped(key, vocab) and _NUMBERING.match(key) is not None and len(key) <= 20


def _sentences(section: _Section, vocab: dict[str, Any], headings: bool = False) -> list[Sentence]:
    """The sentences of a section's paragraphs, each with the lines it stands on; ``headings``: those that are
    worded as a heading instead (“2．上年结转结余为0万元。”)."""
    found = []
    for paragraph in section.paragraphs(vocab):
        run = _join(paragraph)
        start = 0
        for index, char in enumerate(run.text + "。"):
            if char != "。" and index < len(run.text):
                continue
            text = run.text[start:index].strip(" ；;，,")
            if len(text) >= 4 and not text.endswith(("：", ":")) and _is_heading_text(text, vocab) == headings:
                first = bisect_right(run.starts, start + len(run.text[start:index]) - len(run.text[start:index].lstrip()))
                last = bisect_right(run.starts, max(start, index - 1))
                lines = run.lines[max(0, first - 1):max(first, last)]
                found.append(Sentence(text, tuple(line.where for line in lines), index < len(run.text)))
            start = index + 1
    return found


@cache
def vocabulary() -> dict[str, Any]:
    # libyaml's loader where the build has it (the same safe tags, 8× faster: a data file of our own)
    data = yaml.load(VOCABULARY.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    assert isinstance(data, dict), VOCABULARY
    return data


@cache
def vehicle_kind_names() -> dict[str, str]:
    """Each name a sentence may count a kind of vehicle the source has by (docmodel VEHICLE_KINDS and the names of
    其他事项.国有资产.车型别名: “副部（省）级及以上领导用车” is 部级领导干部用车), with the kind it names."""
    return {**{kind: kind for kind in VEHICLE_KINDS}, **vocabulary()["其他事项"]["国有资产"]["车型别名"]}


# --- text ----------------------------------------------------------------------------------------

# A list item's numbering: （一） （1） 一、 1、 1. 1． ⒈ (the last is one character, U+2488–U+249B).
_NUMBERING = regex(
    r"(?:[（(]\s*(?P<pc>[一二三四五六七八九十]{1,4})\s*[)）]|[（(]\s*(?P<pa>\d{1,3})\s*[)）]"
    r"|(?P<cn>[一二三四五六七八九十]{1,4})\s*、|(?P<ar>\d{1,3})\s*[、.．](?!\d)|(?P<ci>[\u2488-\u249b]))\s*")
_PART = regex(r"第[一二三四五六七八九十]{1,3}部分")
# A number starts where no digit, separator or point precedes it: a search then tries each run of
# digits once, not from each of its digits (which would take time square in the run's length).
_MONEY = regex(r"(?<![\d,，.．])\d[\d,，]*+(?:[.．]\d++)?+(?:万元|元|万)")
# a figure printed with its cents and no unit, as a table's cells are (长春's “三公” table, not read for sure, its
# page's lines left to the text: “7.61 7.61 0.00 …”): a section printing them says what is budgeted, never “没有安排”
_TABLE_FIGURE = regex(r"(?<![\d.．])\d+[.．]\d{2}(?![\d%％万元])")
_COUNT = regex(r"(?<![\d,，.．])\d[\d,，]*+(?:[.．]\d++)?+(?:万元|元|万|个|辆|台（套）|台|套|家)")
# What follows a number that bounds a class of things instead of counting or summing them: “单位价值50万元以上通用设备”
# (湖州), “单位价值100万元以上设备” (国家信访局), “单价100万元（含）以上设备” (上海), “单价在100万元以上的设备” (广州),
# “投资5000万元及以上的” (深圳), “3000.00万元及以下的” (普陀): the number is part of the thing's name, never a figure.
_BOUND = regex(r"(?:[（(]含[)）]|及)?+以[上下内]")
_CLAUSE_HEAD = regex(r"(?:其中[：:，,]?)?+[，、：:\s]*+(?:\d{4}年度?)?+[，、：:\s]*+")
_ENUMERATION = regex(r"[一二三四五六七八九十]是|\d[、.．]")
_CHINESE_DIGITS = "一二三四五六七八九"
_SENTENCE_MARK = regex("[。；，;]")
_COLON = regex("[：:]")


def _unspaced(text: str) -> str:
    """``text`` without its whitespace, as ``re.sub(r"\\s+", "", text)`` gives it (str.split's whitespace is
    the pattern's \\s), four times faster than the substitution."""
    return "".join(text.split())


def _clean(text: str) -> str:
    """Spaces next to a Chinese character are typesetting ("2022 年", "工作部门 ，"), not text; between
    two Latin words or numbers one space stays."""
    pieces = text.split() or [""]  # as re.split(r"\s+", text.strip()) cuts it
    out = pieces[0]
    for piece in pieces[1:]:
        if out and piece and out[-1].isascii() and piece[0].isascii():
            out += " "
        out += piece
    return out


def _fold(text: str) -> str:
    """Half-width parentheses as full-width ones: the same length, so positions carry over. (Two
    replaces, not str.translate: a mapping looked up per character costs a millisecond a document.)"""
    return text.replace("(", "（").replace(")", "）")


@functools.lru_cache(maxsize=16384)
def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text.rstrip())


def _numbering(text: str) -> tuple[str, int, int] | None:
    """(style, number, end) of the numbering that opens ``text``."""
    match = _NUMBERING.match(text)
    if match is None:
        return None
    style = next(name for name, value in match.groupdict().items() if value)
    value = match.group(style)
    if style in ("pc", "cn"):
        number = _chinese_number(value)
    elif style == "ci":
        number, style = ord(value) - 0x2487, "ar"  # ⒈ is 1. of the same list as 1.
    else:
        number = int(value)
    return (style, number, match.end()) if number else None


def numbering_mark(text: str) -> tuple[str, str] | None:
    """(style, mark) of the numbering a printed line opens with: ("pc", "") for “（一）”, ("ar", "、") for “1、”; None
    where it opens with none."""
    key = _fold(_unspaced(text))
    numbered = _numbering(key)
    if numbered is None:
        return None
    mark = key[numbered[2] - 1] if numbered[0] == "ar" else ""
    return numbered[0], mark if mark in ".、．" else "."


def _chinese_number(text: str) -> int:
    """一 … 九十九; 0 for what is no number."""
    tens, ten, ones = text.partition("十")
    if not ten:
        return _CHINESE_DIGITS.index(text) + 1 if len(text) == 1 else 0
    if len(tens) > 1 or len(ones) > 1:
        return 0
    return (_CHINESE_DIGITS.index(tens) + 1 if tens else 1) * 10 + (_CHINESE_DIGITS.index(ones) + 1 if ones else 0)


def _find_first(text: str, phrases: list[str], start: int = 0, end: int | None = None) -> tuple[int, str] | None:
    """The earliest of ``phrases`` in text[start:end] (the longest where two start together)."""
    best: tuple[int, str] | None = None
    for phrase in phrases:
        at = text.find(phrase, start, len(text) if end is None else end)
        if at >= 0 and (best is None or at < best[0] or (at == best[0] and len(phrase) > len(best[1]))):
            best = (at, phrase)
    return best


@dataclass
class _Run:
    """Lines joined into one text, remembering where each line's text starts."""

    text: str
    starts: list[int]
    lines: list[Line]

    def where(self, pos: int) -> str:
        return self.lines[max(0, bisect_right(self.starts, pos) - 1)].where

    def placed(self, start: int, end: int | None = None, strip: str = "") -> Placed[str] | None:
        """text[start:end] without the punctuation at its ends, placed where its first character is."""
        value = self.text[start:end]
        lead = len(value) - len(value.lstrip(" ，、：:" + strip))
        value = value.strip(" ，、：:" + strip)
        return Placed(value, self.where(start + lead)) if value else None


def _join(lines: list[Line]) -> _Run:
    pieces: list[str] = []
    starts: list[int] = []
    length = 0
    for line in lines:
        piece = _clean(line.text)
        if pieces and piece and pieces[-1][-1:].isascii() and pieces[-1][-1:].isalnum() and piece[0].isascii() \
                and piece[0].isalnum():
            piece = " " + piece  # a Latin word or number broken at the line's end
        starts.append(length + (1 if piece.startswith(" ") else 0))
        pieces.append(piece)
        length += len(piece)
    return _Run("".join(pieces), starts, lines)


# --- pages, sections, paragraphs --------------------------------------------------------------------

STOP = "止"  # a heading the importer does not read: it ends the section before it
TABLE = "表"


@dataclass
class _Section:
    kind: str | None  # None: the text before the first heading
    heading: Line | None
    lines: list[Line] = field(default_factory=list)
    also: list[Line] = field(default_factory=list)  # the headings after its own of the same kind, which open none
    # its paragraphs as grouped, with the count of its lines and the vocabulary they were grouped by
    grouped: tuple[int, int, list[list[Line]]] | None = field(default=None, repr=False, compare=False)

    @property
    def where(self) -> str:
        return (self.heading or self.lines[0]).where if (self.heading or self.lines) else ""

    def paragraphs(self, vocab: dict[str, Any]) -> list[list[Line]]:
        """Its lines grouped into paragraphs (_paragraphs), grouped once: its sentences, its change reasons, its stated
        changes (twice) and its project list each ask them; each asker has lists of its own."""
        if self.grouped is None or self.grouped[:2] != (len(self.lines), id(vocab)):
            self.grouped = (len(self.lines), id(vocab), _paragraphs(self.lines, vocab))
        return [list(paragraph) for paragraph in self.grouped[2]]


def _preprocess(lines: list[Line], vocab: dict[str, Any]) -> list[tuple[Line, bool]]:
    """The lines worth reading, each with whether it opens its page: without blank lines, page
    numbers, the table of contents and the lines a page repeats from the one before."""
    pages: dict[int, list[Line]] = {}
    for line in lines:
        if line.text.strip() and not _is_page_number(line.text):
            pages.setdefault(line.page, []).append(line)
    kept: list[tuple[Line, bool]] = []
    previous: list[str] = []
    listed: list[str] | None = None  # a 目录 that ran to its page's end: the headings it named
    for page in sorted(pages):
        if page == 0:
            kept += _without_contents([(line, True) for line in pages[0]], vocab)[0]
            continue
        keys = [_unspaced(line.text) for line in pages[page]]
        rest = pages[page][_repeated(previous, keys):]
        previous = keys
        if listed is not None:  # it may go on over this page (长春市信访局 2026: 四、… to 第四部分 名词解释)
            rest = rest[_contents_continued(rest, listed):]
        read, listed = _without_contents([(line, i == 0) for i, line in enumerate(rest)], vocab)
        kept += read
    return kept


def _contents_continued(lines: list[Line], listed: list[str]) -> int:
    """How many of a page's first lines go on with the 目录 of the page before, which named ``listed`` in order: each
    short, no sentence, numbered on from the entry before it in its style (长春: “三、部门预算基本情况” … then “四、财政
    拨款收支总表情况说明”), or 1 below an entry of another style — never a body's page that opens with a heading of its
    own numbering (北京交管局's excerpt: the 目录, then page 7's “（一）政府采购预算说明”)."""
    last = {numbered[0]: numbered[1] for entry in listed if (numbered := numbering_of(entry)) is not None}
    before = numbering_of(listed[-1]) if listed else None
    for count, line in enumerate(lines):
        key = _CONTENTS_PAGE.sub("", _unspaced(line.text))
        numbered = numbering_of(key)
        if numbered is None or len(key) > 40 or "。" in key or not _numbered_on(numbered, last, before):
            return count
        listed.append(key)
        last[numbered[0]], before = numbered[1], numbered
    return len(lines)


def numbering_of(entry: str) -> tuple[str, int] | None:
    """The style and number of the numbering a 目录 entry or a paragraph opens with (“第四部分” part 4, “四、” cn 4,
    “18、” ar 18); None for none."""
    if (part := _PART.match(entry)) is not None:
        return "part", _chinese_number(part.group(0)[1:-2])
    found = _numbering(entry)
    return (found[0], found[1]) if found else None


def _numbered_on(numbered: tuple[str, int], last: dict[str, int], before: tuple[str, int] | None) -> bool:
    """An entry that goes on with the 目录: the next of its style, or the first of a style it used below another."""
    style, number = numbered
    if style not in last:
        return False
    return number == last[style] + 1 or number == 1 and before is not None and before[0] != style


def section_kind(words: str) -> str | None:
    """The kind of section a heading's words open (机关运行经费, 政府采购, 三公 …), as the import cuts the text; None for
    words that open none."""
    kind = _heading_kind(words, vocabulary(), True)
    return None if kind in (STOP, TABLE) else kind


def worth_reading(lines: list[Line]) -> list[Line]:
    """The lines of a document worth reading as text (_preprocess): its table of contents, page numbers, blank lines
    and the lines a page repeats from the one before left out."""
    return [line for line, _ in _preprocess(lines, vocabulary())]


def _is_page_number(text: str) -> bool:
    """"3", "- 3 -": a page number of its own on a line."""
    bare = text.strip().strip("-—–").strip()
    return bare.isdigit() and len(bare) <= 4


def _repeated(previous: list[str], keys: list[str]) -> int:
    """How many of a page's first lines repeat the last lines of the page before: a workbook printed
    to PDF prints a tall cell's overflow again on the next page (商务委 2025, 第4页). Two at least."""
    if not keys:
        return 0
    for start in range(max(0, len(previous) - len(keys)), len(previous) - 1):
        if previous[start] == keys[0] and previous[start:] == keys[:len(previous) - start]:
            return len(previous) - start
    return 0


_CONTENTS_PAGE = regex(r"(?<=\D)[.．…·⋯]*\d{1,4}$")


def _without_contents(lines: list[tuple[Line, bool]], vocab: dict[str, Any]) -> tuple[list[tuple[Line, bool]], list[str] | None]:
    """Drop a table of contents: it names every heading (without leader dots in some documents).
    On a page it runs to the page's end; without pages, while its lines look like headings. With the lines kept, the
    headings it named where it ran to the page's end (else None)."""
    out: list[tuple[Line, bool]] = []
    skipping = False
    listed: list[str] = []  # the headings the contents named, in order: the first named again opens the body
    for line, top in lines:
        key = _unspaced(line.text)
        if key in vocab["目录"]:
            skipping, listed = True, []
            continue
        skipping = skipping and _goes_on(line, key, top, listed)
        if skipping:
            listed.append(_CONTENTS_PAGE.sub("", key))  # a contents line's page number (“一、主要职能\t3”) is no part of its heading
        else:
            out.append((line, top))
    return out, (listed if skipping and lines[-1][0].page else None)


def _goes_on(line: Line, key: str, top: bool, listed: list[str]) -> bool:
    """Whether a 目录 goes on over ``line``: on a page, to the page's end; without pages, while its lines look like
    headings it has not named."""
    if line.page == 0:
        return len(key) <= 40 and "。" not in key and key not in listed
    return not top


# An unnumbered heading opens its page, ends with a colon or is this short: a PDF's line broken
# mid-sentence ("……没有公共预算财政拨款的政府采购" / "支出。") is as long as the lines around it.
_SHORT_HEADING = 10


def _heading_kind(text: str, vocab: dict[str, Any], top: bool = False) -> str | None:
    """The kind of section a heading line opens, STOP, TABLE, or None for a line of text."""
    if vocab is vocabulary():  # a line is asked again as the line after a paragraph's (_breaks): judged once
        return _heading_kind_known(text, top)
    return _heading_kind_in(text, vocab, top)


@functools.lru_cache(maxsize=4096)
def _heading_kind_known(text: str, top: bool) -> str | None:
    return _heading_kind_in(text, vocabulary(), top)


def _heading_kind_in(text: str, vocab: dict[str, Any], top: bool) -> str | None:
    key = _fold(_unspaced(text))
    if not _heading_shaped(key, vocab):
        return _closed_heading_kind(key, vocab)
    numbering, part, body = _heading_numbering(key)
    if not _may_head(key, numbering, part, top):
        return None
    if _names_table(body, vocab):
        return TABLE
    kind = _named_kind(body, vocab)
    if kind is not None:
        return kind
    return STOP if part or (numbering and numbering.group("cn")) else None


def _may_head(key: str, numbering: re.Match[str] | None, part: re.Match[str] | None, top: bool) -> bool:
    """Whether a line shaped as a heading heads by its place or form: numbered, a part (第一部分), the top of a page,
    ended by a colon, or short."""
    return bool(numbering or part or top or key.endswith(("：", ":")) or len(key) <= _SHORT_HEADING)


def _closed_heading_kind(key: str, vocab: dict[str, Any]) -> str | None:
    """The kind a numbered heading closed by a full stop names (“1.机关运行经费。”, “2.政府采购情况。”: 湖州市财政局
    2026; “（三）国有资产占用情况。” …): a short line whose only sentence mark is that stop, and whose words name a
    part — a numbered item of a list (“（一）加强管理。”) names none, and stays text."""
    bare = key[:-1] if key.endswith("。") else ""
    if len(bare) > _CLOSED_HEADING or not _heading_shaped(bare, vocab) or _NUMBERING.match(bare) is None:
        return None
    numbering, _, body = _heading_numbering(bare)
    kind = _named_kind(body, vocab)
    # a part's heading of a name no kind has (“（二）单位构成。”, 重庆渡舟街道 2026) ends the part before it, as an
    # open heading does
    return kind if kind is not None or numbering is None or not (numbering.group("cn") or numbering.group("pc")) \
        else STOP


_CLOSED_HEADING = 16  # characters of a heading closed by a stop, numbering and all: longer, a sentence


def _heading_shaped(key: str, vocab: dict[str, Any]) -> bool:
    """A line that can be a heading: short, no sentence punctuation, a colon only at its end, and not
    a lead-in (……如下：)."""
    if not key or len(key) > 40 or _SENTENCE_MARK.search(key) or _COLON.search(key, 0, len(key) - 1):
        return False
    return not key.endswith(tuple(vocab["引语结尾"]))


def _heading_numbering(key: str) -> tuple[re.Match[str] | None, re.Match[str] | None, str]:
    """A heading's numbering (一、, 1. …), its part (第一部分) and its words after them, colon aside."""
    numbering = _NUMBERING.match(key)
    body = key[numbering.end():] if numbering else key
    part = _PART.match(body)
    body = body[part.end():] if part else body
    return numbering, part, body.rstrip("：:")


def _names_table(body: str, vocab: dict[str, Any]) -> bool:
    """A heading that is a table's title (……表), as text_parts.yaml's 表格标题 says."""
    table = vocab["表格标题"]
    return body.endswith(tuple(table["结尾"])) and not body.startswith(tuple(table["除非开头"]))


def _named_kind(body: str, vocab: dict[str, Any]) -> str | None:
    """The kind whose phrase ends last in the heading ("部门职责及机构设置情况" is 机构设置)."""
    best: tuple[int, str] | None = None
    for kind, words in vocab["标题"].items():
        end = _phrase_end(body, words)
        if end is not None and (best is None or end > best[0]):
            best = (end, kind)
    return best[1] if best else None


def _phrase_end(body: str, words: dict[str, list[str]]) -> int | None:
    """Where a kind's phrases (``words``: those it 含, those it ends with) end last in the heading; None where one of
    its 除非 stands in it, or none of its phrases."""
    if any(word in body for word in words.get("除非", [])):
        return None
    ends = [body.rfind(word) + len(word) for word in words.get("含", []) if word in body]
    ends += [len(body) for word in words.get("结尾", []) if body.endswith(word)]
    return max(ends) if ends else None


def _is_project_part(text: str, vocab: dict[str, Any]) -> bool:
    key = _unspaced(text)
    numbering = _NUMBERING.match(key)
    return numbering is not None and key[numbering.end():].rstrip("：:") in vocab["标题"]["项目经费"]["分节"]


def _sections(lines: list[tuple[Line, bool]], vocab: dict[str, Any]) -> list[_Section]:
    """Headings cut the lines into sections. A table runs until a heading opens a page, or a part
    (第三部分) opens under it mid-page (江苏省人民检察院 2018: “第三部分 2018年度部门预算情况说明” below the
    last table): its column headers ("“三公”经费预算数", "机关运行经费预算") are not sections."""
    sections = [_Section(None, None)]
    for line, top in lines:
        current = sections[-1]
        kind = _heads(line, top, current, vocab)
        if kind is None:
            current.lines.append(line)
        elif kind != current.kind or vocab["标题"].get(kind, {}).get("重复"):
            sections.append(_Section(kind, line))
        else:
            current.also.append(line)
    return sections


def _heads(line: Line, top: bool, current: _Section, vocab: dict[str, Any]) -> str | None:
    """The kind of part a line heads, under the ``current`` section (``top``: it opens a page); None where it heads
    none there: a 项目经费 section's own part, a line under a table mid-page (its column headers), an item of its own
    section."""
    kind = _heading_kind(line.text, vocab, top)
    if kind is not None and current.kind == "项目经费" and _is_project_part(line.text, vocab):
        return None
    under_table = current.kind == TABLE and not top and not _opens_part(line.text)
    if kind is None or under_table or _item_of(line.text, kind, current.kind):
        return None
    return kind


def _opens_part(text: str) -> bool:
    """A heading line that opens a part of the document (“第三部分 2018年度部门预算情况说明”)."""
    return _heading_numbering(_fold(_unspaced(text)))[1] is not None


def _item_of(text: str, kind: str, current: str | None) -> bool:
    """A line numbered 1. (2、, ⑴ …) that names its own section's kind is one of its items, broken at the
    line's end (“1.履行全民所有自然资源资产所有者职责和所有国土空间” under 主要职能), not a heading again."""
    numbering = _NUMBERING.match(_unspaced(text))
    return kind == current and numbering is not None and (numbering.group("ar") or numbering.group("ci")) is not None


def _first(sections: list[_Section], kind: str) -> _Section | None:
    return next((s for s in sections if s.kind == kind and s.lines), None)


def _paragraphs(lines: list[Line], vocab: dict[str, Any]) -> list[list[Line]]:
    """Lines grouped into paragraphs: a PDF breaks lines mid-sentence, so a paragraph ends where the
    next line is numbered or indented further, a heading, after a lead-in, or after a short line."""
    widest = max((_width(line.text) for line in lines if not _SPREAD.search(line.text)),
                 default=max((_width(line.text) for line in lines), default=0))
    paragraphs: list[list[Line]] = []
    for index, line in enumerate(lines):
        if index == 0 or _breaks(lines[index - 1], line, widest, vocab):
            paragraphs.append([line])
        else:
            paragraphs[-1].append(line)
    return paragraphs


def _breaks(before: Line, after: Line, widest: int, vocab: dict[str, Any]) -> bool:
    if before.page == 0 or after.page == 0:
        return True  # a DOCX's or HTML's line is a paragraph
    if _numbering(after.text.strip()) or _heading_kind(after.text, vocab):
        return True
    if _clean(before.text).endswith(("：", ":")):
        return True
    indent_before = len(before.text) - len(before.text.lstrip())
    indent_after = len(after.text) - len(after.text.lstrip())
    if indent_after >= 2 and indent_after > indent_before:
        return True
    return not _SPREAD.search(before.text) and _width(before.text) < 0.8 * widest


# A line set out to the full measure, a space between each two characters (“未 安 排 经 费 于 公 务 用 车 购 置 ；”,
# 深圳市委宣传部 2026): a line as wide as any, whatever its characters count — never the widest of its paragraph's
# measure (the others would all look short and end their paragraphs, “共有车 / 辆4辆” cut in two), never short.
_SPREAD = regex(r"[\u4e00-\u9fff] [\u4e00-\u9fff] [\u4e00-\u9fff] [\u4e00-\u9fff]")


def _items(paragraphs: list[list[Line]], absorb: bool = True) -> tuple[list[list[Line]], list[list[Line]]]:
    """(paragraphs before the list, the list's items). An item starts at the next number of the
    list's own numbering (so "1、" inside an item's text starts nothing); with ``absorb`` a paragraph
    without a number continues the item before it."""
    before: list[list[Line]] = []
    items: list[list[Line]] = []
    style, last = "", 0
    for paragraph in paragraphs:
        number = _numbering(_clean(paragraph[0].text))
        if number and ((not style and number[1] == 1) or (number[0] == style and number[1] == last + 1)):
            style, last = number[0], number[1]
            items.append(list(paragraph))
        elif items and absorb:
            items[-1].extend(paragraph)
        else:
            before.append(paragraph)
    return before, items


def _item_text(item: list[Line]) -> tuple[_Run, int]:
    """An item joined, and where its text starts after the numbering."""
    run = _join(item)
    number = _numbering(run.text)
    return run, number[2] if number else 0


# --- 职能, 机构设置, 名词解释 ---------------------------------------------------------------------------


def _read_duties(parts: TextParts, section: _Section | None, vocab: dict[str, Any]) -> None:
    if section is None:
        return
    before, items = _items(section.paragraphs(vocab))
    if items:
        leads = tuple(vocab["引语结尾"])
        intro = [p for p in before if not _clean(p[-1].text).endswith(leads)]
        parts.职能概述 = _join([line for p in intro for line in p]).placed(0) if intro else None
        parts.职责 += _numbered_duties(items, vocab["职能"]["条目标签"])
    else:  # no numbered items: the duties are one paragraph, divided by ；
        parts.职责 += _divided_duties(before, vocab["职能"]["分隔"])


def _goals(section: _Section | None, vocab: dict[str, Any]) -> list[Placed[str]]:
    """The year's goals (部门概况.工作目标) as printed: each numbered item (深圳 “1.构建大信访工作格局……；”, 泉州
    “（一）抓重大活动。……”). Paragraphs with no numbered items are not read as a list (苏州's “2026年主要工作目标是：
    ……具体抓好以下十个方面的工作：一是……”: a paragraph broken over a page is no second goal): they stay the text's."""
    if section is None:
        return []
    goals = []
    for item in _items(section.paragraphs(vocab))[1]:
        run, start = _item_text(item)
        if (goal := run.placed(start, len(run.text))) is not None:
            goals.append(goal)
    return goals


def _numbered_duties(items: list[list[Line]], labels: list[str]) -> list[Placed[str]]:
    """Each numbered item a duty. "维护职工合法权益" / "职责描述：指导……" is one duty: 维护职工合法权益：
    指导…… (the duty is placed at its start, before the label, so the shortened text does not move
    its place)."""
    duties = []
    for item in items:
        run, start = _item_text(item)
        for label in labels:
            for colon in ("：", ":"):
                run.text = run.text.replace(label + colon, "：")
        duty = run.placed(start, len(run.text))
        if duty:
            duties.append(duty)
    return duties


def _divided_duties(paragraphs: list[list[Line]], separators: list[str]) -> list[Placed[str]]:
    """The duties of paragraphs without numbered items: each piece between separators (；)."""
    duties = []
    for paragraph in paragraphs:
        run = _join(paragraph)
        start = 0
        for index, char in enumerate(run.text + "；"):
            if char in separators or index == len(run.text):
                duty = run.placed(start, index)
                if duty:
                    duties.append(duty)
                start = index + 1
    return duties


def _read_organisation(parts: TextParts, section: _Section | None, vocab: dict[str, Any]) -> None:
    """机构设置 as printed (a list's lead-in, “……具体包括：”, with it), the list of units it leads into, each
    item as printed, and of them the 下属单位 (neither the 本部 nor a unit not budgeted apart)."""
    if section is None:
        return
    words = vocab["机构设置"]
    texts, listed = _items(section.paragraphs(vocab), absorb=False)
    after = [p for p in texts if listed and _order(p[0]) > _order(listed[0][0])]
    whole = _organisation_text(parts, [p for p in texts if p not in after])
    if listed:
        parts.单位列表 = _unit_list(listed)
    if after:  # “需要说明的是，……不单列预算。” after the list (城管 2026)
        parts.单位列表说明 = Placed("".join(_join(p).text.strip() for p in after), _join(after[0]).where(0))
        whole += parts.单位列表说明.value
    _subordinate_units(parts, listed, whole, words)


def internal_counts(text: str) -> list[re.Match[str]]:
    """Where a text says the count of the department's internal units as 机构设置 does (docmodel's INTERNAL_COUNT:
    the count its group), in order."""
    return list(INTERNAL_COUNT.finditer(text))


def internal_count(text: str) -> int | None:
    """部门概况.内设机构数 as 机构设置 says it: its one count (None where it says none, or two that differ)."""
    counts = {int(m.group(1)) for m in internal_counts(text)}
    return counts.pop() if len(counts) == 1 else None


def _unit_list(listed: list[list[Line]]) -> list[Placed[str]]:
    """The list of units 机构设置 leads into, each item as printed (an item of no words left out)."""
    return [item for item in (_listed_item(each) for each in listed) if item is not None]


def _subordinate_units(parts: TextParts, listed: list[list[Line]], whole: str, words: dict[str, Any]) -> None:
    """The 下属单位 among the units listed (neither the 本部 nor a unit not budgeted apart); none where 机构设置 says
    there is none (无下属单位), unknown where it says neither."""
    units = _listed_units(listed, whole, words)
    if units:
        parts.下属单位 = units
    elif any(word in whole for word in words["无下属单位"]):
        parts.下属单位 = []


def _organisation_text(parts: TextParts, texts: list[list[Line]]) -> str:
    """机构设置 as printed before its list of units (its lead-in with it), set on ``parts``; its words."""
    pieces = [Placed(run.text.strip(), run.where(0)) for p in texts if (run := _join(p)).text.strip()]
    whole = "".join(p.value for p in pieces)
    if pieces:
        parts.机构设置 = Placed(whole, pieces[0].where)
    return whole


def _founding(run: _Run, vocab: dict[str, Any]) -> Placed[str] | None:
    """The year the text says the department was newly founded in (新成立), as printed, where it says so."""
    found = [m for pattern in vocab["新成立"] if (m := re.search(pattern, run.text)) is not None]
    first = min(found, key=lambda m: m.start(), default=None)
    return Placed(first.group(1), run.where(first.start())) if first is not None else None


def _listed_item(item: list[Line]) -> Placed[str] | None:
    run, start = _item_text(item)
    return run.placed(start, len(run.text))


def _listed_units(listed: list[list[Line]], whole: str, words: dict[str, Any]) -> list[Placed[str]]:
    """The 下属单位 of the list, each named up to its first comma or full stop, or up to the words that go on to say
    what it comprises (所辖: 深圳's “2.深圳市劳动人事争议仲裁院下设办公室、综合业务室……，共 6 个部门。”); an item naming
    the 本部 is not one, nor is a unit not budgeted apart."""
    units: list[Placed[str]] = []
    for item in listed:
        run, start = _item_text(item)
        ends = [run.text.find(c, start) for c in "，。,"] + [run.text.find(w, start + 1) for w in words["所辖"]]
        name_end = min((i for i in ends if i >= 0), default=len(run.text))
        name = run.placed(start, name_end, "。")
        if name is None or any(word in name.value for word in words["非下属单位"]):
            continue
        if not _separately_unbudgeted(name.value, run.text + whole, words["不单列"]):
            units.append(name)
    return units


def _separately_unbudgeted(name: str, text: str, words: list[str]) -> bool:
    """A listed unit "不单列预算" (merged with the 本部) is no 下属预算单位."""
    for sentence in text.split("。"):
        if name in sentence and any(word in sentence for word in words):
            return True
    return False


def _terms(section: _Section | None, vocab: dict[str, Any]) -> list[Term]:
    if section is None:
        return []
    terms = []
    for item in _items(section.paragraphs(vocab))[1]:
        run, start = _item_text(item)
        colon = _find_first(run.text, vocab["名词解释"]["冒号"], start)
        if colon is None:
            continue
        term = run.text[start:colon[0]].strip()
        explanation = run.text[colon[0] + len(colon[1]):].strip()
        if term and explanation:
            terms.append(Term(term, explanation, run.where(start)))
    return terms


# --- 用途, “三公”, 变动原因 ------------------------------------------------------------------------------


_CLASS = regex(r"（\d{0,3}类）")
_KUAN = regex(r"（\d{0,2}款）")
_XIANG = regex(r"（\d{0,2}项）")
# “一般公共服务支出-政府办公厅（室）及相关机构事务-行政运行”科目 (普陀区政府办公室 2025): the three names
# joined by dashes inside quotes
_DASHED = regex(r"[“\"＂]([^“”\"＂\-－—。；]{1,40})[\-－—]([^“”\"＂\-－—。；]{1,40})[\-－—]([^“”\"＂\-－—。；]{1,60})[”\"＂]")


def _purposes(run: _Run, vocab: dict[str, Any]) -> list[Purpose]:
    """Every “X（类）Y（款）Z（项）”金额，主要用于……。 of the document (the codes may stand in the marks:
    “（204类）”), or “X-Y-Z”科目金额，主要用于……。; the class name is the run of Chinese characters before
    （类）, so a missing or odd quote mark does not matter."""
    text = _fold(run.text)
    marks: list[tuple[int, tuple[str, str, str] | None, int]] = []  # (start, names, where they end)
    for found in _CLASS.finditer(text):
        start = found.start()
        while start > 0 and "\u4e00" <= text[start - 1] <= "\u9fff":
            start -= 1
        marks.append((start, None, found.start()))
    marks += [(m.start(), (m.group(1), m.group(2), m.group(3)), m.end()) for m in _DASHED.finditer(text)]
    marks.sort()
    found_uses = []
    for index, (start, names, at) in enumerate(marks):
        end = marks[index + 1][0] if index + 1 < len(marks) else len(text)
        located = _class_names(run, text, start, at, end) if names is None else (names, at)
        if located is None:
            continue
        purpose = _purpose(run, text, start, located, end, vocab["用途"])
        if purpose is not None:
            found_uses.append(purpose)
    return found_uses


def _class_names(run: _Run, text: str, start: int, at: int, end: int) -> tuple[tuple[str, str, str], int] | None:
    """The names of “X（类）Y（款）Z（项）” and where the marks end."""
    kuan = _KUAN.search(text, at, end)
    xiang = _XIANG.search(text, kuan.end(), end) if kuan is not None else None
    if kuan is None or xiang is None or start == at or max(kuan.start() - at, xiang.start() - kuan.start()) > 45:
        return None
    head = _CLASS.match(text, at)
    assert head is not None
    names = (run.text[start:at].strip(), run.text[head.end():kuan.start()].strip(),
             run.text[kuan.end():xiang.start()].strip())
    return names, xiang.end()


def _purpose(run: _Run, text: str, start: int, located: tuple[tuple[str, str, str], int], end: int,
             words: dict[str, Any]) -> Purpose | None:
    names, pos = located
    while (after := next((w for w in words["项后"] if text.startswith(w, pos)), None)) is not None:
        pos += len(after)
    amount = _MONEY.match(text, pos)
    marker = _find_first(text, words["标记"], amount.end(), end) if amount else None
    if amount is None or marker is None:
        return None
    stop = text.find("。", marker[0], end)
    stop = end if stop < 0 else stop
    use = run.placed(marker[0] + len(marker[1]), stop)
    if use is None:
        return None
    # The sentences after the use that still speak of this item (万里街道 2024): the comparison
    # with last year's outturn and its reason; not beyond, where the last item meets the next part.
    second = text.find("。", text.find("。", stop + 1, end) + 1, end)
    tail = end if second < 0 else second + 1
    last = _after_phrase(text, words["上年执行数"], stop, tail, _MONEY)
    reason = _reason(run, text, words["原因"], stop, tail)
    return Purpose(*names, amount.group(), use.value, run.where(start), last, reason)


def _after_phrase(text: str, phrases: list[str], start: int, end: int, pattern: re.Pattern[str]) -> str | None:
    found = _find_first(text, phrases, start, end)
    match = pattern.match(text, found[0] + len(found[1])) if found else None
    return match.group() if match and match.end() <= end else None


def _reason(run: _Run, text: str, markers: list[str], start: int, end: int) -> Placed[str] | None:
    found = _find_first(text, markers, start, end)
    if found is None:
        return None
    stop = text.find("。", found[0], end)
    return run.placed(found[0] + len(found[1]), end if stop < 0 else stop, "。；")


def _clauses(text: str, openers: list[str]) -> list[tuple[int, int]]:
    """Spans of the clauses of a text: each ends with 。 or ；, and each 其中 opens one."""
    cuts = {0, len(text)}
    cuts.update(index + 1 for index, char in enumerate(text) if char in "。；;")
    for opener in openers:
        at = text.find(opener)
        while at >= 0:
            cuts.add(at)
            at = text.find(opener, at + 1)
    ordered = sorted(cuts)
    return [(a, b) for a, b in zip(ordered, ordered[1:], strict=False) if text[a:b].strip(" 。；;")]


def _read_three_public(parts: TextParts, section: _Section | None, vocab: dict[str, Any]) -> None:
    """Each item's “主要原因是……”: an item is named at the start of its clause ("（二）公务用车购置及运行
    费0万元，……"; "其中：公务用车购置费……"); the clauses after it, up to the next item, are its own."""
    if section is None:
        return
    words = vocab["三公"]
    runs = [_join(p) for p in section.paragraphs(vocab)]
    if _of_no_figure(runs):  # "没有安排……“三公经费”"
        parts.三公说明 = Placed("".join(run.text for run in runs), runs[0].where(0))
        return
    item: str | None = None
    listed: list[tuple[str, Placed[str]]] = []  # the items a clause lists after its first: where no clause opens with them
    for run in runs:
        text = _fold(run.text)
        for start, end in _clauses(text, vocab["分句"]):
            named = _clause_item(text[start:end], words)
            item = named or item
            _three_public_clause(parts, run, text, (start, end), (named, item), words)
            listed += [(each, Placed(at.group(), run.where(at.start())))
                       for each, at in _listed_items(text, start, end, words)]
            _three_public_change(parts, run, text, (start, end), named, item, words)
    for named, placed in listed:
        parts.三公金额.setdefault(named, placed)


def _of_no_figure(runs: list[_Run]) -> bool:
    """Whether a section's paragraphs, one at least, state no amount and no table's figure."""
    return bool(runs) and not any(_MONEY.search(run.text) or _TABLE_FIGURE.search(run.text) for run in runs)


def _three_public_clause(parts: TextParts, run: _Run, text: str, span: tuple[int, int],
                         items: tuple[str | None, str | None], words: dict[str, Any]) -> None:
    """A clause of the “三公” text: the amount of the item it opens with (``items``: the item it names, the item it is
    of), and its item's “主要原因是……” where none is read yet."""
    (start, end), (named, item) = span, items
    if named is not None and (figure := _MONEY.search(text, start, end)) is not None:
        parts.三公金额.setdefault(named, Placed(figure.group(), run.where(figure.start())))
    reason = _reason(run, text, words["原因"], start, end)
    if item is not None and reason is not None and item not in parts.三公原因:
        parts.三公原因[item] = reason


def _three_public_change(parts: TextParts, run: _Run, text: str, span: tuple[int, int], named: str | None,
                         item: str | None, words: dict[str, Any]) -> None:
    """A “三公” part's comparison with last year in the clause that names it and its amount (“（一）因公出国
    （境）费839万元，与2024年预算持平”), or in the clause right after it (“公务接待费1.00万元。与2024年预算持平”), or in
    a bracket that opens with a part and its amount (_bracket_change)."""
    start, end = span
    compared = COMPARISON.search(text, start, end)
    if compared is None:
        return
    if named is not None:
        amount = _MONEY.search(text, start, compared.start())
        between = text[amount.end() if amount is not None else start:compared.start()]
        if between.count("（") > between.count("）"):  # “24.8万元（公务用车购置费0万元，比上年减少19.6万元；”: the
            named, amount = _bracket_change(text, (amount.end() if amount is not None else start, compared.start()),
                                            words)  # bracket's own item's comparison, not the clause's first item's
            if named is None or amount is None:
                return
            parts.三公括号.add(named)
    elif item is not None and not text[start:compared.start()].strip(" ，。；:：") and item in parts.三公金额:
        named, amount = item, None
    else:
        return
    if named not in parts.三公增减 and (amount is not None or named in parts.三公金额):
        figure = Placed(amount.group(), run.where(amount.start())) if amount is not None else parts.三公金额[named]
        parts.三公增减[named] = (figure, Placed(compared.group(), run.where(compared.start())))


def _bracket_change(text: str, span: tuple[int, int], words: dict[str, Any]) -> tuple[str | None, re.Match[str] | None]:
    """The part a bracket opens with and its amount, where the comparison right after that amount is the part's own
    (广州, 珠海 “公务用车购置及运行维护费6.7万元（公务用车购置费0万元，比上年增加0万元；公务用车运行维护费……”: the
    comparison is the 公务用车购置费's, the text's statement of its last year); (None, None) where the bracket says
    anything else before the comparison."""
    opened = _unclosed(text, span)
    amount = _MONEY.search(text, opened + 1, span[1])
    if amount is None or text[amount.end():span[1]].strip(" ，,"):
        return None, None
    return _clause_item(text[opened + 1:amount.start()], words), amount


def _unclosed(text: str, span: tuple[int, int]) -> int:
    """Where the last bracket opened in ``span`` and not closed in it opens (因公出国（境）费 closes its own)."""
    opened: list[int] = []
    for at in range(*span):
        if text[at] == "（":
            opened.append(at)
        elif text[at] == "）" and opened:
            opened.pop()
    return opened[-1] if opened else span[0]


def _listed_items(text: str, start: int, end: int, words: dict[str, Any]) -> list[tuple[str, re.Match[str]]]:
    """The items a clause lists after its first, one a comma each, each named first and its amount after it:
    “其中：因公出国（境）费用100.00万元，公务接待费63.80万元，公务用车运行维护费112.00万元，公务用车购置费0万元”
    (重庆市委宣传部 2026) — each item and its amount."""
    listed = []
    cuts = [at + 1 for at in range(start, end) if text[at] in "，,"]
    for begin, stop in zip(cuts, [*cuts[1:], end], strict=False):
        named = _clause_item(text[begin:stop], words)
        if named is not None and (figure := _MONEY.search(text, begin, stop)) is not None:
            listed.append((named, figure))
    return listed


def _clause_item(clause: str, words: dict[str, Any]) -> str | None:
    """The item a clause opens with, after its numbering, 其中 and year; None for a continuation
    (a clause that opens with 主要原因 explains the item before it)."""
    number = _NUMBERING.match(clause)
    head = clause[number.end() if number else 0:]
    head = head[_CLAUSE_HEAD.match(head).end():]  # type: ignore[union-attr]  # everything in it is optional
    if head.startswith(tuple(words["原因"])):
        return None
    best: tuple[int, int, str] | None = None
    for key, names in words["项目"].items():
        for name in names:
            at = head.find(_fold(name), 0, words["句首"] + len(name))
            if 0 <= at <= words["句首"] and (best is None or (at, -len(name)) < (best[0], -best[1])):
                best = (at, len(name), key)
    return best[2] if best else None


def _change_reasons(sections: list[_Section], vocab: dict[str, Any]) -> dict[str, Placed[str]]:
    """"财政拨款收入支出增加的主要原因是：……" — what changed is the last subject named before the marker
    in its paragraph. A 用途 item's own reason (its paragraph names a （类）) is not one of these."""
    words = vocab["变动原因"]
    reasons: dict[str, Placed[str]] = {}
    for section in sections:
        for paragraph in section.paragraphs(vocab):
            run = _join(paragraph)
            text = _fold(run.text)
            if "（类）" in text:
                continue
            found = _find_first(text, words["标记"])
            while found is not None:
                key = _subject(text, found[0], words["主语"]) or _compared_before(text, found[0], vocab)
                if key is not None and key not in reasons:
                    reason = _change_reason(run, text, found[0] + len(found[1]))
                    if reason is not None:
                        reasons[key] = reason
                found = _find_first(text, words["标记"], found[0] + len(found[1]))
    return reasons


# “比2024年预算减少2,389.52万元”, “与2024年预算持平”: a change from last year's budget (not its 执行数); 江苏 “与上年相比
# 减少1,300.99万元”, 深圳 and 北京 “较2025年年初预算减少247.70万元” alike
# — the prior year's figure may stand between its words and the change (北京 “比2025年年初预算数69043.50万元增加2050.67万元”,
# 烟台 “较2025年预算198.27万元增加3.6万元”, “比上年预算2,920.59万元，减少878.04万元”): the change is what is written
COMPARISON = regex(r"[比较与](?:(?P<year>\d{4})年度?|上年)(?:年初)?(?:预算数?)?(?:相比，?)?"
                   r"(?:(?P<prior>\d[\d,，]*(?:[.．]\d+)?(?:万元|元|万))，?)?(?:(?P<way>增加|减少)+"
                   r"(?P<amount>\d[\d,，]*(?:[.．]\d+)?(?:万元|元|万))|(?P<flat>持平))")
# 江苏 “与上年相比收、支预算总计各减少913.48万元”, “与上年相比，财政拨款支出减少913.48万元”: a change whose words name the
# quantity it is of between the comparison and the change (上年增减.主语 the whole name), no figure before it needed
NAMED_COMPARISON = regex(r"[比较与](?:(?P<year>\d{4})年度?|上年)(?:年初)?(?:预算数?)?相比，?(?P<subject>[^，。；\d]{2,16}?)"
                         r"(?:各?(?P<way>增加|减少)(?P<amount>\d[\d,，]*(?:[.．]\d+)?(?:万元|元|万))|(?P<flat>持平))")
# “比上年执行数增加48.92万元”, “与2025年执行数相同”: a change from last year's 执行数 (杭州, 湖州, 国家信访局)
EXECUTED = regex(r"[比较与](?:(?P<year>\d{4})年度?|上年)执行数?(?:(?P<way>增加|减少)+"
                 r"(?P<amount>\d[\d,，]*(?:[.．]\d+)?(?:万元|元|万))|(?P<flat>持平|相同))")


def _stated_changes(sections: list[_Section], vocab: dict[str, Any],
                    comparison: re.Pattern[str] = COMPARISON) -> dict[str, Placed[str]]:
    """Each comparison the text states right after a figure (“财政拨款收入9,101.68万元，比2024年预算减少
    2,389.52万元”; with EXECUTED, “收入预算5,876.67万元，比上年执行数增加48.92万元”), by the key of 上年 (or of
    上年执行数) the words before that figure name (上年增减.主语); the first of each."""
    subjects = vocab["上年增减"]["主语"]
    found: dict[str, Placed[str]] = {}
    for section in sections:
        for paragraph in section.paragraphs(vocab):
            run = _join(paragraph)
            text = _fold(run.text)
            for compared, key in _comparisons(text, comparison, subjects):
                said = Placed(compared.group(), run.where(compared.start()))
                if key not in found:
                    found[key] = said
                elif _change_said(found[key].value) == _change_said(said.value):  # (收入 and 支出 say the 财政拨款's
                    found[key] = Placed(found[key].value, f"{found[key].where}、{said.where}")  # change alike)
                else:
                    found[f"{key}（又）"] = said  # told by the import: one key, two changes
    return found


def _comparisons(text: str, comparison: re.Pattern[str], subjects: dict[str, str]) -> list[tuple[re.Match[str], str]]:
    """The comparisons of a paragraph with the key of 上年 each is of: by the figure before it (“财政拨款收入9,101.68万元，
    比2024年预算减少……”), or — with last year's budget — by the quantity its own words name (NAMED_COMPARISON), in order."""
    found = [(c, key) for c in comparison.finditer(text) if (key := _compared_subject(text, c.start(), subjects))]
    if comparison is COMPARISON:
        found += [(c, subjects[c.group("subject")]) for c in NAMED_COMPARISON.finditer(text)
                  if c.group("subject") in subjects]
    return sorted(found, key=lambda one: one[0].start())


def _change_said(words: str) -> tuple[str | None, ...]:
    """A comparison's year, way, amount and 持平 (its words naming the quantity aside), as two sayings are compared."""
    found = COMPARISON.fullmatch(words) or NAMED_COMPARISON.fullmatch(words)
    return (words,) if found is None else tuple(found.group(g) for g in ("year", "way", "amount", "flat"))


def _compared_subject(text: str, at: int, subjects: dict[str, str]) -> str | None:
    """The key of the figure a comparison follows (“……财政拨款收入9,101.68万元，” before it) — or ends the sentence
    before it, the comparison naming nothing of its own (江苏 “此外，基本支出预算数为5,678.17万元。与上年相比减少238.10
    万元”: 省政协, 省检察院, 省高院, 省委办公厅)."""
    lead = text[max(0, at - 80):at]
    figure = None
    for figure in _MONEY.finditer(lead):  # noqa: B007 — the last figure before the comparison
        pass
    if figure is None or lead[figure.end():].strip(" ，,") not in ("", "。"):
        return None
    named = lead[:figure.start()].rstrip(" 为是：:")
    best = max((name for name in subjects if named.endswith(name)), key=len, default=None)
    return subjects[best] if best is not None else None


def _compared_before(text: str, at: int, vocab: dict[str, Any]) -> str | None:
    """The key of the comparison a reason follows where no 变动原因.主语 names what changed (北京 “2026年度收入预算
    4483899.83万元，比2025年年初预算数4001046.82万元增加482853.01万元，增长12.07%。主要原因：……”): the last comparison
    with last year's budget before ``at`` whose figure 上年增减.主语 names, no amount said between them but its rate."""
    compared = None
    for compared in COMPARISON.finditer(text, max(0, at - _REASON_REACH), at):  # noqa: B007 — the last
        pass
    if compared is None or _MONEY.search(text, compared.end(), at) is not None:
        return None
    return _compared_subject(text, compared.start(), vocab["上年增减"]["主语"])


_REASON_REACH = 200  # how far before its reason a comparison is looked for (as _subject looks for a subject)


def _subject(text: str, at: int, subjects: dict[str, str]) -> str | None:
    """The key of the subject named last before ``at``, looking back as far as a sentence or two
    reaches (so that a paragraph of many markers is not read again for each)."""
    since = max(0, at - 200)
    found = [(where + len(subject), key) for subject, key in subjects.items()
             if (where := text.rfind(subject, since, at)) >= 0]
    return max(found)[1] if found else None


def _change_reason(run: _Run, text: str, start: int) -> Placed[str] | None:
    """To the full stop, or to a ； that does not go on to a second reason ("一是……；二是……")."""
    stop = text.find("。", start)
    stop = len(text) if stop < 0 else stop
    semicolon = text.find("；", start, stop)
    while semicolon >= 0 and _ENUMERATION.match(text, semicolon + 1):
        semicolon = text.find("；", semicolon + 1, stop)
    return run.placed(start, semicolon if semicolon >= 0 else stop, "。；")


# --- projects ------------------------------------------------------------------------------------


def _project_page(section: _Section, vocab: dict[str, Any]) -> Project:
    """A 项目经费情况说明 page: its title names the project, its parts (一、项目概述 ……) are text."""
    words = vocab["项目经费"]
    title = _clean(section.heading.text) if section.heading else ""
    suffix = next((s for s in words["名称后缀"] if title.endswith(s)), "")
    name = title[:len(title) - len(suffix)]
    parts, paragraphs = _project_texts(section, vocab)
    use = next((parts[k] for k in words["用途节"] if k in parts), None)
    return Project(Placed(name, section.where) if name else None, _project_amount(parts, words), use, section.where,
                   None, parts, paragraphs, Placed(title, section.where) if title else None)


def _project_texts(section: _Section, vocab: dict[str, Any]) -> tuple[dict[str, Placed], dict[str, list[Placed]]]:
    """A project page's parts (一、项目概述 ……), each as one text and as its paragraphs (a part of none left out)."""
    pieces = _project_parts(section, vocab)
    parts = {key: placed for key, lines in pieces.items() if (placed := _join(flat(lines)).placed(0)) is not None}
    paragraphs = {key: [placed for lines in paragraphs if (placed := _join(lines).placed(0)) is not None]
                  for key, paragraphs in pieces.items()}
    return parts, {key: each for key, each in paragraphs.items() if each}


def _project_amount(parts: dict[str, Placed], words: dict[str, Any]) -> Placed | None:
    """The amount a project page's part of its money (金额节) states after its words (金额)."""
    budget = next((parts[k] for k in words["金额节"] if k in parts), None)
    amount = _after_phrase(budget.value, words["金额"], 0, len(budget.value), _MONEY) if budget else None
    return Placed(amount, budget.where) if amount and budget else None


def flat(paragraphs: list[list[Line]]) -> list[Line]:
    return [line for paragraph in paragraphs for line in paragraph]


def _project_parts(section: _Section, vocab: dict[str, Any]) -> dict[str, list[list[Line]]]:
    """A project page's parts (项目概述, 立项依据 …) by their names, each its paragraphs' lines."""
    current: str | None = None
    pieces: dict[str, list[list[Line]]] = {}
    for paragraph in section.paragraphs(vocab):
        if _is_project_part(paragraph[0].text, vocab):
            key = _unspaced(paragraph[0].text)
            current = key[_NUMBERING.match(key).end():].rstrip("：:")  # type: ignore[union-attr]
            paragraph = paragraph[1:]
        if current is not None and paragraph:
            pieces.setdefault(current, []).append(paragraph)
    return {key: paragraphs for key, paragraphs in pieces.items() if flat(paragraphs)}


def _project_list(sections: list[_Section], vocab: dict[str, Any]) -> list[Project]:
    """"（四）项目支出827.56万元，具体包括：……（1）日常业务经费项目15万元，比2021年增加3万元。主要用于……"."""
    words = vocab["项目清单"]
    projects = []
    for section in sections:
        paragraphs = section.paragraphs(vocab)
        lead = next((i for i, p in enumerate(paragraphs) if _is_list_lead(_join(p).text, words["引语"])), None)
        if lead is None:
            continue
        for item in _items(paragraphs[lead + 1:])[1]:
            project = _list_project(*_item_text(item), words)
            if project is not None:
                projects.append(project)
    return projects


def _is_list_lead(text: str, words: list[str]) -> bool:
    return text.endswith(("：", ":")) and all(word in text for word in words)


def _list_project(run: _Run, start: int, words: dict[str, Any]) -> Project | None:
    """One item: its name up to the amount; "比……增加/减少……" after it is the change; the use follows
    主要用于, or else is the rest of the item."""
    text = run.text
    amount = _MONEY.search(text, start)
    if amount is None:
        return None
    name = text[start:amount.start()].strip()
    for suffix in words["名称后缀"]:
        name = name.removesuffix(suffix)
    if not name or len(name) > 40:
        return None
    pieces = _split_commas(text, amount.end())
    change = None
    if pieces and text[pieces[0][0]:].startswith(tuple(words["比较"])):
        change = run.placed(*pieces[0], "。；")
        pieces = pieces[1:]
    marker = _find_first(text, words["标记"], amount.end())
    if marker is not None:
        use_start = marker[0]
        while text.startswith(marker[1], use_start):
            use_start += len(marker[1])  # "主要用于主要用于上解……" printed twice
        use = run.placed(use_start, _clause_end(text, use_start), "。；")
    else:
        use = run.placed(pieces[0][0], len(text), "。；") if pieces else None
    return Project(Placed(name, run.where(start)), Placed(amount.group(), run.where(amount.start())), use,
                   run.where(start), change)


def _split_commas(text: str, start: int) -> list[tuple[int, int]]:
    """The comma-separated pieces of text[start:] ("，比2021年增加3万元，根据……")."""
    pieces = []
    at = start
    for index in range(start, len(text) + 1):
        if index == len(text) or text[index] in "，。；":
            if text[at:index].strip():
                pieces.append((at, index))
            at = index + 1
    return pieces


def _clause_end(text: str, start: int) -> int:
    ends = [i for i in (text.find("。", start), text.find("；", start)) if i >= 0]
    return min(ends, default=len(text))


# --- 其他相关情况说明 ---------------------------------------------------------------------------------


@dataclass
class _Capture:
    value: str
    start: int
    end: int
    numeric: bool


def _stating(sections: list[_Section], kind: str, vocab: dict[str, Any]) -> OtherMatter | None:
    """The part of ``kind`` read from the first of its sections that states a figure of it, else from the
    first: a heading that names the kind in passing (广州市国资委's “第一部分 广州市人民政府国有资产监督管 /
    理委员会概况”, its name) opens no part of it."""
    read = [_other_matter(s, kind, vocab) for s in sections if s.kind == kind and s.lines]
    return next((matter for matter in read if matter is not None and matter.数字), read[0] if read else None)


def _other_matter(section: _Section | None, kind: str, vocab: dict[str, Any]) -> OtherMatter | None:
    """Figures by the rules of ``其他事项.<kind>``; the text that is not a figure as 说明; and, for
    机关运行经费, the reason of its change. A clause whose every number is a figure read is said by
    reportgen already: it is not 说明, though a "主要用于……" in it is."""
    if section is None:
        return None
    words = vocab["其他事项"]
    rules = words[kind]
    matter = OtherMatter({}, [], section.where)
    reason: Placed[str] | None = None
    for paragraph in section.paragraphs(vocab):
        run = _join(paragraph)
        text = _fold(run.text)
        for start, end in _clauses(text, vocab["分句"]):
            clause = text[start:end]
            if rules.get("原因") and reason is None and (found := _find_first(clause, rules["原因"])):
                reason = run.placed(start + found[0] + len(found[1]), end, "。；")
                # the figures stated before the reason (“机关运行经费安排523.62万元，比上年减少4.88万元，主要原因是……”)
                clause, end = clause[:found[0]], start + found[0]
                if not clause.strip(" ，。；"):
                    continue
            if not _said_none(matter, run, clause, start, rules):
                    _figures_and_note(matter, run, clause, (start, end), (rules, words))
    return OtherMatter(matter.数字, matter.说明, matter.where, reason)


def _said_none(matter: OtherMatter, run: _Run, clause: str, start: int, rules: dict[str, Any]) -> bool:
    """Whether a clause, before any figure is read, says there is none (为零: “未安排政府采购预算”): its figures (零项)
    are then 0元."""
    if matter.数字 or not any(word in clause for word in rules.get("为零", ())):
        return False
    matter.数字.update({key: Placed("0元", run.where(start)) for key in rules.get("零项", ())})
    return True


def _figures_and_note(matter: OtherMatter, run: _Run, clause: str, span: tuple[int, int],
                      words: tuple[dict[str, Any], dict[str, Any]]) -> None:
    """A clause of other matters (at ``span`` of its run): the figures its rules capture not read yet, and the
    说明 it says beside them (``words``: the section's rules, the vocabulary's 其他事项)."""
    (start, end), (rules, vocabulary) = span, words
    captures = _captures(clause, rules["数字"], matter.数字)
    for key, capture in captures.items():
        matter.数字[key] = Placed(capture.value, run.where(start + capture.start))
    note = _note(clause, list(captures.values()), vocabulary)
    if note is not None and (placed := run.placed(start + note, end, "；")) is not None:
        matter.说明.append(placed)


def _captures(clause: str, rules: dict[str, Any], known: dict[str, Placed[str]]) -> dict[str, _Capture]:
    found: dict[str, _Capture] = {}
    for key, rule in rules.items():
        if key in known:
            continue
        for one in rule if isinstance(rule, list) else [rule]:
            capture = _capture(clause, one)
            if capture is not None:
                found[key] = capture
                break
    return found


def _capture(clause: str, rule: dict[str, Any]) -> _Capture | None:
    """What a rule of the vocabulary captures in a clause: the figure after one of its words (前) — a text up to its
    end (到), else a count — where the clause has the words it needs (须) and none it must not (除非)."""
    if rule.get("须") and not any(_fold(w) in clause for w in rule["须"]):
        return None
    if any(_fold(w) in clause for w in rule.get("除非", [])):
        return None
    keep = bool(rule.get("含"))
    for lead in map(_fold, rule["前"]):
        at = clause.find(lead)
        while at >= 0:
            capture = _capture_after(clause, rule, lead, at, keep)
            if capture is not None:
                return capture
            at = clause.find(lead, at + 1)
    return None


def _capture_after(clause: str, rule: dict[str, Any], lead: str, at: int, keep: bool) -> _Capture | None:
    """The figure after a rule's word at ``at``: a count left blank, its words printed (“本部门共有车辆辆”: an empty
    figure); a text up to the rule's end (到); else a count a few characters after it (the word with it: ``keep``)."""
    after = at + len(lead)
    blank = next((w for w in map(_fold, rule.get("空白", [])) if clause.startswith(w, after)), None)
    if blank is not None:
        return _Capture("", at, after + len(blank), True)
    if "到" in rule:
        return _text_capture(clause, rule, at, after, keep)
    number = _COUNT.search(clause, after, after + 60)
    if number is None or number.start() - after > 6 or _BOUND.match(clause, number.end()):
        return None
    return _Capture((lead if keep else "") + number.group(), at if keep else number.start(), number.end(), True)


# a comparison's last-year figure its change follows (烟台 “较2025年预算198.27万元增加3.6万元”, 北京 “比2025年年初预算数
# 69043.50万元增加……”): a text captured up to 万元 goes on to the change's; the words may be as long again
_CHANGE_GOES_ON = regex(r"，?(?:增加|减少)")
# … not where the figure captured is the change itself, its rate after it (江苏 “与上年相比减少7.67万元，减少1.59%”)
_CHANGE_WORD = regex(r"增加|减少")
_WITH_PRIOR = 2


def _text_capture(clause: str, rule: dict[str, Any], at: int, after: int, keep: bool) -> _Capture | None:
    """A figure that is text ("截至2024年8月31日", "本部门3个预算单位"), up to ``到`` or the clause's end."""
    until = rule["到"]
    stop, longest = _text_end(clause, until, after, rule.get("最长", 30))
    if stop < 0 or stop - after > longest:
        return None
    stop += len(until) if keep else 0
    value = clause[at if keep else after:stop].strip(" ，。；")
    # A figure running to the clause's end says the whole clause, like a number does.
    return _Capture(value, at if keep else after, stop, not until) if value else None


def _text_end(clause: str, until: str, after: int, longest: int) -> tuple[int, int]:
    """Where a figure that is text ends (at ``until``, or the clause's end) and how long it may be: past last year's
    figure to its change where the change goes on after it (“较2025年预算198.27万元增加3.6万元”)."""
    if not until:
        return len(clause.rstrip("。；; ")), longest
    stop = clause.find(until, after, after + longest + len(until))
    if stop >= 0 and _CHANGE_GOES_ON.match(clause, stop + len(until)) and not _CHANGE_WORD.search(clause, after, stop):
        longest *= _WITH_PRIOR
        stop = clause.find(until, stop + len(until), after + longest + len(until))
    return stop, longest


def _note(clause: str, captures: list[_Capture], words: dict[str, Any]) -> int | None:
    """Where the 说明 in a clause starts, or None when the clause is only figures (or a heading, or an
    editor's bracketed instruction left in the text: "（绩效目标管理工作情况，……等）")."""
    if _no_note(clause):
        return None
    if any(c.numeric for c in captures):
        marker = _find_first(clause, words["说明标记"])
        if marker is not None:
            return marker[0]
        return None if _all_captured(clause, captures, words) else 0
    return 0


def _no_note(clause: str) -> bool:
    """Whether a clause can hold no 说明: empty, an editor's bracketed instruction left in the text, or a short clause
    of no full stop (a heading)."""
    body = clause.strip(" 。；;")
    return not body or (body.startswith("（") and body.endswith("）")) or "。" not in clause and len(body) <= 20


def _all_captured(clause: str, captures: list[_Capture], words: dict[str, Any]) -> bool:
    """Whether every number of a clause (but one after a word no figure follows, and a bound: “50万元以上”) is within
    a figure captured."""
    numbers = [m for m in _COUNT.finditer(clause)
               if not clause.endswith(tuple(words["非数字前"]), 0, m.start()) and not _BOUND.match(clause, m.end())]
    return all(any(c.start <= m.start() and m.end() <= c.end for c in captures) for m in numbers)
