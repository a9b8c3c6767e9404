"""Templates → Document. The templates write a small markup (<sec>, <p>, <item>, <table ref>…)
with every source string autoescaped; it is parsed back into Document blocks, so a department
name holding ``<script>`` or ``{{ 7*7 }}`` stays literal text in every format.

The templates are found, bounded and their faults reported by templating.py; the figures they
print are phrased by the filters below, bound to the render's Money through the context.
"""

from __future__ import annotations

import functools
import re
from collections import ChainMap
from collections.abc import Generator, Iterator, Mapping
from dataclasses import replace
from decimal import Decimal
from pathlib import Path
from types import GeneratorType
from typing import Any
from xml.etree import ElementTree as etree
from xml.parsers import expat

import jinja2

from reportgen import tablekinds
from reportgen.base import templating
from reportgen.base.errors import Internal, shown_text
from reportgen.base.locations import DEFAULT_TEMPLATES
from reportgen.base.patterns import printable_but, regex
from reportgen.base.templating import FigureKindError, TemplateFault
from reportgen.compute import Computed, quantize_half_up
from reportgen.compute.arithmetic import as_printed
from reportgen.compute.phrasing import UNIT_FACTOR, Money, Percent, chinese_number, format_number, percent, share_of
from reportgen.compute.trees import Node
from reportgen.docmodel.document import (
    Block,
    Cell,
    ContentsEntry,
    Cover,
    Document,
    Heading,
    PageBreak,
    Paragraph,
    ParagraphRole,
    Row,
    Table,
    Title,
)
from reportgen.docmodel.model import INCOME_SOURCES, Budget, Presentation, PrintedTable
from reportgen.reading.yamlsafe import character_name
from reportgen.shaping.layouts import PARTS, Layout, TableEntry, list_number
from reportgen.tables import TableBuilder, TableRows, all_tables, build_table, head
from reportgen.tables.printed_tables import printed_id


def fund_tables() -> tuple[str, ...]:
    """The tables of each fund's spending (and their variants, “id-…”): nothing to print where it is not known — the
    财政拨款收支总表 (its role: appropriations) and each fund's function table (导入.资金)."""
    return (tablekinds.role("appropriations"), *tablekinds.fund_tables())

NARRATIVE = "narrative"
_SPACES = regex(r"(?<!\s)\s*\n\s*")  # from a run's start only: a long run without a line break fails once
# Spaces a department's text puts beside full-width punctuation (“职责 ，”): never printed.
_FULL_WIDTH_SPACING = regex(r"(?<![ \t\u3000])[ \t\u3000]++(?=[，。；：、！？）」』”])|(?<=[，。；：、！？（「『“])[ \t\u3000]+")
# An item of a list ends with ；(。 the last), unless it ends in punctuation of its own.
_TERMINAL = ("。", "；", "，", "、", "：", "！", "？", ";", ":", "!", "?", "…")
_LIST_GOES_ON, _LIST_ENDS = "；", "。"
MAX_LEVEL = 5  # the levels of headings: 第一部分, 一、, （一）, 1., （1） (document.Heading)
_MAX_NESTING = 64  # <sec> in <sec>, headings left out (t="") included: deeper, a template loops
# What no text of a document may hold, written by a template (the source's and the layout's texts
# are refused when read): control characters (XML refuses most; C1 it lets through), Word's line
# and paragraph separators, lone surrogates and the two noncharacters.
_UNPRINTABLE = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufffe\uffff"
_UNPRINTABLE_CHAR = regex(f"[{_UNPRINTABLE}]")
# a character reference, but not the quotes every autoescaped text may hold (&#34; and &#39;)
_CHARACTER_REFERENCE = regex(r"&#(?!3[49];)(?:[xX]([0-9a-fA-F]{1,8})|([0-9]{1,10}));")
_CHARACTER_NAMES = {"\x0b": "垂直制表符，Word 的手动换行", "\x0c": "换页符", "\x85": "下一行符 NEL",
                    "\u2028": "行分隔符，Word 的手动换行", "\u2029": "段落分隔符"}

# A text that carries its own number: 一、 （一） 1. 1、 （1） (1) 1）
_OWN_LABEL = regex(r"\s*(?:[一二三四五六七八九十百]+、|[（(][一二三四五六七八九十百]+[）)]|[0-9]+[.、．）)]|[（(][0-9]+[）)])")


def labelled(text: object) -> bool:
    """Jinja test ``is labelled``: the text starts with its own number, so a list must not add one."""
    return isinstance(text, str) and _OWN_LABEL.match(text) is not None


DEFAULT_LAYOUT = Layout(name="默认")


def number_label(level: int, index: int, layout: Layout = DEFAULT_LAYOUT) -> str:
    """第一部分 / 一、/ （一）/ 1. / （1）: the numbering a heading's depth calls for in ``layout``."""
    return layout.heading_numbering(level).label(index)


def table_label(index: int, layout: Layout = DEFAULT_LAYOUT) -> str:
    """表1, 表2, … (or 1. 2. …, as the layout numbers them): a table's number, from its place among
    the document's tables."""
    return layout.table_numbering.label(index)


class _Context:
    """What templates see: the budget, its figures and a few helpers bound to its money."""

    def __init__(self, budget: Budget, figures: Computed, money: Money, tables: Mapping[str, TableRows]) -> None:
        self.values: dict[str, Any] = {
            "b": budget,
            "f": figures,
            "dept": budget.department,
            "subject": budget.kind,  # 部门 or 单位: “本部门…” / “本单位…” (类型)
            "year": budget.year,
            "prior_year": budget.prior.year,
            "level": budget.level,
            "income_sources": [
                {"name": name, "amount": figures.income_of(name)} for name in INCOME_SOURCES  # None: not published
            ],
            "fiscal_expenditure_total": figures.fiscal_expenditure_total,
            "function_classes": figures.function_tree("一般公共预算"),
            "compared_function_rows": figures.described_lines(budget.compare_base),
            # 政府性基金 / 国有资本经营 lines whose 用途 the source gives; 用途 of every line by 资金/code
            "fund_lines": {fund: figures.described_lines(budget.compare_base, fund) for fund in ("政府性基金", "国有资本经营")},
            "function_uses": {f"{r.fund}/{r.code}": r.use for r in budget.function_rows if r.use},
            # 上年执行数, as its own Computed (fa) and by code for the classification trees
            "fa": figures.actual,
            "compare_base": budget.compare_base,
            "actual_function": {n.code: n.prior for top in figures.actual.function_tree("一般公共预算")
                                for n in top.walk()},
            "actual_economic": {n.code: n.prior for top in figures.actual.economic_tree for n in top.walk()},
            "economic_classes": figures.economic_tree,
            "share": share_of,
            "change": money.change,
            "table_unit": money.unit,
            # {{ in_part('三公经费') }}: the amounts from there on in that part's unit (展示.正文单位)
            "in_part": money.in_part,
            **_table_questions(figures, tables),
            # a function line by its code (all money, or one fund's) and an economic line by its code: a learned
            # layout's sentence names the line it says (None where the source has no such line)
            "function_line": lambda code, fund=None: _by_code(figures.function_tree(fund), code),
            "economic_line": lambda code: _by_code(figures.economic_tree, code),
        }


def _table_questions(figures: Computed, tables: Mapping[str, TableRows]) -> dict[str, Any]:
    """What a template asks of a table by its id (an id that names no table: markup_to_blocks names it, with the
    template's file and line)."""
    return {
        "table_gap": lambda table_id: tables[table_id].rounding_gap if table_id in tables else None,
        # the function lines of a table that give their 合计 alone (blank 基本/项目 cells): a note says so
        "table_unsplit": lambda table_id: tables[table_id].unsplit if table_id in tables else [],
        # the notes printed under a table the source holds as printed (印出表), as printed
        "table_printed_notes": lambda table_id: tables[table_id].notes if table_id in tables else [],
        # a table of each fund's spending where the source does not give it (Computed.funds_known): left out
        "table_withheld": lambda table_id: not figures.funds_known and table_id.split("-")[0] in fund_tables(),
        # the fund whose function rows alone the source gives, for a table of all money by function
        "table_functions_of": lambda table_id: tables[table_id].functions_of if table_id in tables else "",
        # a table whose function lines are a part of the spending, not all of it (Computed.functions_short)
        "table_functions_in_part": lambda table_id: table_id in tables and tables[table_id].functions_in_part,
    }


def _by_code(tree: list[Node], code: str) -> Node | None:
    return next((node for top in tree for node in top.walk() if node.code == code), None)


# The city a department's name begins with (洛阳市总工会 → 洛阳市): 河南's forms carry it in their titles.
_CITY = regex(r"^[^市省区县]{1,6}市")


def placed_tables(layout: Layout, budget: Budget) -> list[dict[str, Any]]:
    """The tables ``layout`` prints for ``budget``, in its order (Layout.table_list), each as its kind's
    definition has this layout print it: the table placed, its title, its note (a macro of
    _tables_common.j2 and its arguments), whether it starts a page and the words before the department;
    a table its definition leaves out for this source (略去), or of data the source states none of, is not."""
    placed: list[dict[str, Any]] = []
    printed = {table.title: (printed_id(index), table) for index, table in enumerate(budget.printed_tables, 1)}
    for entry in _listed_entries(layout, list(budget.printed_tables), budget):
        new_page = layout.tables_new_page == "全部" or layout.tables_new_page == "首张以外" and bool(placed)
        if entry.printed and entry.printed in printed:
            placed.append(_placed_printed(*printed[entry.printed], entry, new_page, layout, title_values(budget)))
        elif not entry.printed and (form := _printed_form(entry.kind, layout, budget)) is not None:
            placed.append(_placed(form, entry if layout.table_entries else None, new_page, layout))
    return placed


def _printed_form(kind_id: str, layout: Layout, budget: Budget) -> tablekinds.Form | None:
    """The form the layout prints the kind's table in for ``budget``; None where its definition leaves it out for this
    source (略去), or where it is of data the source states none of."""
    kind = tablekinds.by_id()[kind_id]
    form = kind.form(layout.lineage)
    if tablekinds.omitted(form.omission, budget.not_published, bool(budget.projects)):
        return None
    if not kind.build and not any(path in budget.table_fields for path in kind.fields):
        return None
    return form


def _listed_entries(layout: Layout, printed: list[PrintedTable], budget: Budget) -> list[TableEntry]:
    """The tables in the layout's order (表格清单.表 as listed, else its list of kinds), with the source's printed tables
    (印出表) the layout does not list: each whose printed 表号 the layout's 表号 prints (公开表10 in 公开表{1}) under
    that number, in its place among the numbered entries — none where the layout prints a table of its own under it
    (深圳's 表4 基本支出总表: its 一般公共预算基本支出表) —; the others after them, in the source's order; last, where
    表格清单.未列的表 is 印出, the kinds every disclosure prints of the list 表 stands in place of that it does not name,
    in that list's order (深圳 2026's 表5 项目支出总表, held as printed, is its 项目支出表: no second one)."""
    entries = list(layout.table_entries) or [TableEntry(kind) for kind in layout.table_list()]
    listed = {entry.printed for entry in entries}
    for table in (table for table in printed if table.title not in listed):
        number = _free_number(layout, table.number, entries)
        if number is not None:
            _insert(entries, TableEntry("", number, printed=table.title))
    return entries + _unlisted(layout, entries, budget)


def _unlisted(layout: Layout, entries: list[TableEntry], budget: Budget) -> list[TableEntry]:
    """表格清单.未列的表: 印出 — the tables every disclosure prints of the list 表 stands in place of that the ``entries``
    do not name, in that list's order, numbered on; none where the layout lists no 表 or leaves them out (不印). A
    fund's table of them only where the source has lines of that fund: a document that prints no table of a fund it
    has no money of (重庆市委宣传部 2026: no 国有资本经营预算支出表) is not given an empty one."""
    if not layout.table_entries or not layout.unlisted_printed:
        return []
    named = {entry.kind for entry in entries}
    funds = {row.fund for row in budget.function_rows}
    of_fund = tablekinds.fund_tables()
    return [TableEntry(kind) for kind in layout.edited_list()
            if kind not in named and _required(kind) and (kind not in of_fund or of_fund[kind] in funds)]


def _required(kind_id: str) -> bool:
    """Whether every disclosure must print a table of the kind (the national nine: its 导入.必备; 项目支出表 and 机关运行
    经费表 are a department's or a province's own choice)."""
    recognition = tablekinds.by_id()[kind_id].recognition
    return recognition is not None and recognition.required


def _free_number(layout: Layout, printed: str, entries: list[TableEntry]) -> int | None:
    """The number a printed table takes among the ``entries`` (0: the next in turn, where they are not all numbered
    or the layout's 表号 prints no such number); None where the layout prints a table of its own under it."""
    number = _printed_number(layout, printed) if all(entry.number for entry in entries) else 0
    return None if number and number in {entry.number for entry in entries} else number


def _insert(entries: list[TableEntry], entry: TableEntry) -> None:
    """``entry`` put before the first of the ``entries`` numbered after it; last where it has no number."""
    after = (index for index, one in enumerate(entries) if entry.number and one.number > entry.number)
    entries.insert(next(after, len(entries)), entry)


def _printed_number(layout: Layout, printed: str) -> int:
    """The N the layout's 表号 prints as ``printed`` (公开表{1}: 公开表10 → 10); 0 where it prints no such number."""
    label = "".join(printed.split())
    return next((n for n in range(1, 100) if layout.table_numbering.label(n) == label), 0) if label else 0


def _placed_printed(table_id: str, table: PrintedTable, entry: TableEntry, new_page: bool, layout: Layout,
                    values: dict[str, str]) -> dict[str, Any]:
    """A printed table (印出表) as the layout places it: its title as printed (or as its entry words it), the number
    its entry gives it (else the next in turn — its own number where the layout's 表号 prints it and the count has not
    reached it: 北京民政局's 预算13表 after its 预算11表, the 预算12表 it prints being none of the source's) and its 单位
    line as printed; a table printed without a number that its entry gives none (烟台's 专项资金绩效目标表, 福州's
    一般公共预算支出经济分类情况表) printed without one, the count of the tables going on past it; ``under``: the
    headings its entry prints it under (印在, ``values`` filling in their {年} and {部门}), joined by “|”."""
    under = "|".join(re.sub(r"\{(年|上年|部门|市)\}", lambda m: values[m.group(1)], words) for words in entry.under)
    return {"under": under, "ref": table_id, "title": entry.title or table.title, "number": entry.number, "note": "", "args": [],
            "new_page": new_page, "label": layout.tables_label, "department": layout.tables_department,
            "unit": table.unit, "least": 0 if entry.number else _printed_number(layout, table.number),
            "numbered": bool(entry.number or table.number.strip())}


def _placed(form: tablekinds.Form, entry: TableEntry | None, new_page: bool, layout: Layout) -> dict[str, Any]:
    """One table as the layout places it: its definition's form, with the number and title its 表格清单.表 entry
    gives it (as published)."""
    return {"ref": form.ref, "title": entry.title if entry and entry.title else form.title,
            "number": entry.number if entry else 0, "note": form.note[0] if form.note else "",
            "args": list(form.note[1:]), "new_page": new_page, "label": layout.tables_label,
            "department": layout.tables_department, "unit": None}


def title_values(budget: Budget) -> dict[str, str]:
    """What {年}, {上年}, {部门} and {市} stand for in a layout's titles ({市}: "" where the name begins
    with no city)."""
    city = _CITY.match(budget.department)
    return {"年": str(budget.year), "上年": str(budget.prior.year), "部门": budget.department,
            "市": city.group(0) if city else ""}


def cover_facts(budget: Budget) -> dict[str, str]:
    """What a layout's cover may name: the titles' facts, and 地区 and 级次 as the source writes them
    ("" where it does not: a cover line naming them gives way to the next of its words)."""
    return {**title_values(budget), "地区": budget.region, "级次": budget.stated_level}


def heading_text(titles: dict[str, str], values: dict[str, str], key: str) -> str:
    """A heading as the layout words it (its 标题, else the template's), {年}, {上年}, {部门} and {市}
    filled in; "" when the layout leaves it out."""
    words = titles.get(key, key)
    return re.sub(r"\{(年|上年|部门|市)\}", lambda m: values[m.group(1)], words)


def render_markup(budget: Budget, figures: Computed, money: Money, tables: Mapping[str, TableRows],
                  overrides: list[Path] | None = None, draft: list[str] | None = None,
                  layout: Layout = DEFAULT_LAYOUT) -> str:
    context = _markup_context(budget, figures, money, tables, draft, layout)
    return templating.render_template(templating.environment("narrative", overrides), "disclosure.j2", context)


def _markup_context(budget: Budget, figures: Computed, money: Money, tables: Mapping[str, TableRows],
                    draft: list[str] | None, layout: Layout) -> dict[str, Any]:
    context = _Context(budget, figures, money, tables).values
    context["_money"] = money
    context["draft"] = draft or []
    context["layout"] = layout.name
    context["budget_word"] = layout.budget_word  # 比较措辞: “比2025年预算增加” or “比2025年增加”
    context["change_rate"] = layout.change_rate  # 增减率: “，增长0.27%” said, or the amount alone (上海)
    # the tables the layout prints, in order, each as it prints it (_tables_common.j2 placed_tables)
    context["layout_tables"] = placed_tables(layout, budget)
    context["layout_parts"] = [PARTS[part] for part in layout.parts]  # 部分: the default text's parts in order
    # {{ heading('{年}年部门预算情况说明') }}: a heading or table title in this layout's words
    context["heading"] = functools.partial(heading_text, layout.titles, title_values(budget))
    # {{ list_number('职责', loop.index) }}: an overview list's item numbered as the layout numbers it (条目编号)
    context["list_number"] = functools.partial(list_number, layout)
    context["numbered_lists"] = set(layout.item_numbering)  # the lists the layout numbers its own way (条目编号)
    return context


# The filters that phrase figures: the render's Money comes with the context, so one shared
# Environment serves every render (and every thread) whatever its units and decimals.
@jinja2.pass_context
def _money_filter(context: Any, amount: Any, unit: str | None = None) -> str:
    return context["_money"].with_unit(_an_amount(amount, "money"), unit)


@jinja2.pass_context
def _number_filter(context: Any, amount: Any, unit: str | None = None) -> str:
    return context["_money"].number(_an_amount(amount, "num"), unit)


def _an_amount(value: Any, name: str) -> Any:
    """``value``, which a filter printing an amount is given: a share in percent is refused (a hand-edited wording)."""
    if isinstance(value, Percent):
        raise FigureKindError(f"过滤器 {name} 印出金额，给它的却是百分比（占比 {value}%）：占比用 fixed 或 pct 印出，"
                              "金额用源文件的金额字段")
    return value


@jinja2.pass_context
def _change_filter(context: Any, current: Any, prior: Any) -> Any:
    return context["_money"].change(current, prior)


def _fixed(value: Any, places: int = 2) -> str:
    """A figure that is no amount (平均得分 99.33) at ``places`` decimals, half up: ``{{ x|fixed }}``."""
    if value is None:
        return ""  # (a rate learned as “(change.rate or 0)|fixed(1)”: 0 where the change is 持平, an int)
    return format_number(quantize_half_up(Decimal(value), places), places, thousands=False)


def _percent_figure(value: Any, places: int = 2) -> str:
    """A share or a rate of change in percent at ``places`` decimals, half up, without the sign (a learned sentence:
    ``{{ (x.rate if x.kind != 'flat' else 0)|percent_figure(1) }}%``); an amount handed to it is refused (a hand edit
    printing 4,944.99万元 as “49449900.0%”)."""
    if value is None:
        return ""
    if not isinstance(value, Percent) and value != 0:  # (0: the rate of a change that is 持平)
        raise FigureKindError(f"过滤器 percent_figure 印出占比或增减率，给它的却不是（{value}）：金额用 printed 印出，"
                              "占比用 share(部分, 总数)，增减率用 (本年|change_from(上年)).rate")
    return _fixed(value, places)


def _printed(amount: Any, unit: str, places: int, thousands: bool = True, least: int | None = None) -> str:
    """An amount in 元 as a published sentence printed it (learned_words.py): in ``unit`` at ``places`` decimals,
    half up, with or without the thousands' commas, whatever the source's 展示: ``{{ x|printed('万元', 2) }}``;
    ``least``: its trailing zeros dropped down to so many decimals (烟台 prints 1.70 as 1.7 and 5.00 as 5; a change
    printed 7.594 prints 1.000 as 1.00)."""
    if amount is None:
        return ""
    text = format_number(quantize_half_up(_an_amount(amount, "printed") / UNIT_FACTOR[unit], places), places, thousands)
    if least is None or places <= least:
        return text
    kept = text[:len(text) - places + least] + text[len(text) - places + least:].rstrip("0")
    return kept.rstrip(".")


def _as_printed(amount: Any, unit: str, places: int) -> Decimal | None:
    """An amount in 元 rounded as a sentence prints it in ``unit`` at ``places`` decimals (still in 元): the figures a
    learned sentence's rate is computed from where the document computed it from its printed figures (learned_words.py):
    ``{{ ((x)|as_printed('万元', 2))|change_from((y)|as_printed('万元', 2)) }}``."""
    return None if amount is None else as_printed(amount, UNIT_FACTOR[unit], places)


def _set_up(env: jinja2.Environment) -> None:
    env.filters.update(pct=percent, money=_money_filter, num=_number_filter, printed=_printed, as_printed=_as_printed,
                       change_from=_change_filter,  # amount|change_from(prior): cheaper than a global's call
                       cn=chinese_number,  # {{ 3|cn }} → 三, for a layout's own numbering of items
                       fixed=_fixed, percent_figure=_percent_figure)
    env.tests["labelled"] = labelled


templating.set_up("narrative", _set_up)


def environment(overrides: list[Path] | None = None) -> jinja2.Environment:
    """The narrative templates' shared Environment (with its filters) for these override folders."""
    return templating.environment("narrative", overrides)


def markup_to_blocks(markup: str, tables: Mapping[str, TableRows], missing: list[tuple[str, str]] | None = None,
                     layout: Layout = DEFAULT_LAYOUT, contents: list[ContentsEntry] | None = None,
                     plain: frozenset[str] | None = None) -> list[Block]:
    """The blocks of the markup, numbered as ``layout`` numbers headings and tables; ``missing``
    collects the parts its 待补充 markers (and those of the tables it places) stand for;
    ``contents`` the lines of the 目录 the layout asks for.

    ``<sec t="…" toc="…">``: a heading whose 目录 line says ``toc`` (Shanghai's body heading
    “普陀区…主要职能” is “一、部门主要职能” in the 目录). ``plain``: the headings and table titles
    that carry no number and take none (the layout's 不编号, its {年} and {部门} filled in)."""
    missing = [] if missing is None else missing
    unnumbered = layout.unnumbered if plain is None else plain
    bad = _bad_character(markup)
    if bad is not None:
        char, offset = bad
        raise MarkupFault(f"模板写出的文字中有不能使用的字符 {_character_name(char)}：标题、编号与正文中不能有控制字符、"
                          "Word 的手动换行或分隔符、不成对的代理字符。请删除它", offset)
    try:
        root = etree.fromstring(f"<doc>{markup}</doc>".encode())
    except etree.ParseError:
        raise _markup_error(markup) from None
    reader = _MarkupReader(markup, root, tables, missing, layout, contents, unnumbered)
    reader.walk(root, 0)
    return punctuated(placed_under(reader.blocks, reader.under))


_ROLES: dict[str, ParagraphRole] = {"p": "body", "item": "item", "note": "note", "missing": "missing", "banner": "banner"}


class _MarkupReader:
    """The markup's elements into blocks, one small method per tag (dispatched by name, as mistune
    renders its nodes): headings numbered by depth, tables by their order, 目录 lines collected."""

    def __init__(self, markup: str, root: etree.Element, tables: Mapping[str, TableRows],
                 missing: list[tuple[str, str]], layout: Layout, contents: list[ContentsEntry] | None,
                 unnumbered: frozenset[str]) -> None:
        self.markup, self.root, self.tables, self.missing = markup, root, tables, missing
        self.layout, self.contents, self.unnumbered = layout, contents, unnumbered
        self.listed = layout.contents
        self.depth_listed = self.listed.depth if self.listed is not None else 0
        self.blocks: list[Block] = []
        self.counters = [0] * (MAX_LEVEL + 1)
        self.tables_placed = 0
        self.anchors: set[str] = set()  # the anchors of the headings given so far
        self.unshown: tuple[int, str] | None = None  # the 目录 line of a part without a heading, until its first block
        # the tables placed under a heading of the text: their blocks (from, to: a page break leading one) and headings
        self.under: list[tuple[int, int, tuple[str, ...]]] = []

    def walk(self, element: etree.Element, depth: int, nesting: int = 0) -> None:
        self.refuse_stray(element.text, element)
        for child in element:
            self.refuse_stray(child.tail, child)
            tag = "paragraph" if child.tag in _ROLES else child.tag
            method = getattr(self, f"on_{tag}", None) if isinstance(tag, str) and tag.isidentifier() else None
            if method is None:
                raise self.fault(f"模板中有无法识别的标记 <{shown_text(str(child.tag), 20)}>：可用 sec、title、p、item、"
                                 "note、missing、banner、table、pagebreak", child)
            method(child, depth, nesting)

    def refuse_stray(self, text: str | None, element: etree.Element) -> None:
        """Words a template wrote in a part but in no paragraph (“<sec t=…>散落的文字<p>…”) would be printed nowhere:
        refused, at the template line that wrote them, rather than left out without a word."""
        if text is None or not text.strip():
            return
        words = shown_text(" ".join(text.split()), 30)
        # the words' own place after the element they follow or open (escaped words are not found: the element's)
        base = 0 if element is self.root else _element_offset(self.markup, self.root, element)
        at = self.markup.find(text.strip()[:8], max(base, 0))
        offset = at if at >= 0 else base if base >= 0 else -1
        raise MarkupFault(f"模板在段落之外写了文字“{words}”：不在 p、item、note 等段落标记之中的文字不会印出。"
                          "请把它放进 <p>…</p>，或删去", offset)

    def text_of(self, element: etree.Element) -> str:
        return _FULL_WIDTH_SPACING.sub("", _SPACES.sub("", "".join(element.itertext()))).strip()

    def fault(self, message: str, element: etree.Element) -> MarkupFault:
        return MarkupFault(message, _element_offset(self.markup, self.root, element))

    def on_sec(self, child: etree.Element, depth: int, nesting: int) -> None:
        if nesting >= _MAX_NESTING:
            raise self.fault(f"模板写出的 <sec> 嵌套超过 {_MAX_NESTING} 层：请检查模板中 <sec> 与 </sec> 是否成对、"
                             "宏或 include 是否在 <sec> 中调用了自身", child)
        text = child.get("t", "")
        if not text:  # a heading the layout leaves out: its text stays
            self.walk(child, depth, nesting + 1)
            return
        level = depth + 1
        if level > MAX_LEVEL:
            raise self.fault(f"章节嵌套超过 {MAX_LEVEL} 层：“{_section_path(self.root, child)}”是第 {level} 层。标题最多分 "
                             f"{MAX_LEVEL} 级（如 第一部分、一、（一）、1.、（1）），请减少这里 <sec> 的嵌套", child)
        if child.get("shown") == "false":  # shown="false": numbered and in the 目录, no heading in the body
            self.counters[level] += 1
            self.restart_below(level)
            label = self.layout.heading_numbering(level).label(self.counters[level])
            self.unshown = (level, Heading(level, label, child.get("toc", text)).full_text)
        elif text in self.unnumbered or child.get("numbered") == "false":  # a heading without a number
            self.unnumbered_heading(child, level, text)
        else:
            self.counters[level] += 1
            self.restart_below(level)
            numbering = self.layout.heading_numbering(level)
            label = numbering.label(self.counters[level])
            # unique: the parts under an unnumbered heading (上海's second project) count as the first's do
            anchor = self.unique(f"s{'-'.join(str(c) for c in self.counters[1:level + 1])}")
            self.flush_unshown(anchor)
            self.blocks.append(Heading(level, label if numbering.body else "", text, anchor=anchor))
            self.list_in_contents(level, Heading(level, label, child.get("toc", text)).full_text, anchor)
        self.walk(child, level, nesting + 1)

    def unnumbered_heading(self, child: etree.Element, level: int, text: str) -> None:
        """A heading without a number: anchored by the numbers above it and its words, in the 目录 unless
        listed="false" (上海's second project)."""
        self.restart_below(level)
        anchor = self.unique(f"s{'-'.join(str(c) for c in self.counters[1:level])}-{text}")
        self.flush_unshown(anchor)
        self.blocks.append(Heading(level, "", text, anchor=anchor))
        if child.get("listed") != "false":
            self.list_in_contents(level, child.get("toc", text), anchor)

    def flush_unshown(self, anchor: str) -> None:
        """The 目录 line of a part shown="false" points at what comes first in it (上海's 五、部门预算表:
        its first table, as published)."""
        if self.unshown is not None:
            self.list_in_contents(*self.unshown, anchor)
            self.unshown = None

    def unique(self, anchor: str) -> str:
        """``anchor``, or with -2, -3 … where a heading of the same words already has it."""
        taken, n = anchor, 1
        while taken in self.anchors:
            n += 1
            taken = f"{anchor}-{n}"
        self.anchors.add(taken)
        return taken

    def restart_below(self, level: int) -> None:
        for deeper in range(level + 1, len(self.counters)):
            self.counters[deeper] = 0

    def list_in_contents(self, level: int, line: str, anchor: str) -> None:
        if self.contents is not None and level <= self.depth_listed:
            self.contents.append(ContentsEntry(level, line, anchor))

    def on_title(self, child: etree.Element, depth: int, nesting: int) -> None:
        self.blocks.append(Title(self.text_of(child), child.get("sub", "")))

    def on_paragraph(self, child: etree.Element, depth: int, nesting: int) -> None:
        for marker in child.iter("missing"):  # the paragraph, or a marker inside it (a learned sentence: _phrases.j2 unlearned)
            self.missing.append((marker.get("what", ""), marker.get("field", "")))
        text = self.text_of(child)
        if text:
            self.blocks.append(Paragraph(text, _ROLES[child.tag]))

    def on_table(self, child: etree.Element, depth: int, nesting: int) -> None:
        table_id = child.get("ref", "")
        if table_id not in self.tables:
            raise self.fault(f"模板引用了不存在的表格“{shown_text(table_id)}”，可用：{'、'.join(self.tables)}", child)
        notes = [self.text_of(n) for n in child if n.tag == "note"]
        title = child.get("title", "")
        self.missing.extend(self.tables[table_id].missing)  # numbered by their order, as headings by their depth
        number = self.table_number(child, title)
        table = build_table(self.tables[table_id], table_id, number if self.layout.table_numbering.body else "",
                            title, child.get("department", ""), child.get("unit", ""), notes)
        table.wide = table.wide or table_id in self.layout.landscape_tables  # 表格排版.横排: landscape as published
        self.blocks.append(table)
        self.flush_unshown(f"table-{table_id}")
        if not self.held_under(child) and child.get("listed") != "false":
            self.list_table(depth, number, title, f"table-{table_id}")

    def held_under(self, child: etree.Element) -> bool:
        """Whether the table just placed is to be placed under a heading of the text (under="…": placed_under), not
        listed in the 目录 then (as that text's tables are not); its blocks (with the page break before it) noted."""
        under = tuple(words for words in child.get("under", "").split("|") if words)
        if under:
            led = len(self.blocks) > 1 and isinstance(self.blocks[-2], PageBreak)
            self.under.append((len(self.blocks) - (2 if led else 1), len(self.blocks), under))
        return bool(under)

    def list_table(self, depth: int, number: str, title: str, anchor: str) -> None:
        """A table's line in the 目录, where the layout lists tables there: its number and title, one level below the
        heading it is under."""
        if self.contents is not None and self.listed is not None and self.listed.tables:
            level = min(depth + 1, len(self.counters) - 1)
            gap = "" if number.endswith("、") else " "  # “一、收入支出决算总表”, “1. 部门财务收支预算总表”
            self.contents.append(ContentsEntry(level, f"{number}{gap}{title}".strip(), anchor))

    def table_number(self, child: etree.Element, title: str) -> str:
        """A table's number, counted on ("" for one the layout leaves unnumbered, or numbered="false": a table in the
        text); number="12": the number a layout's 表格清单.表 gives it (as published), the next counted on from it;
        least="13": a printed table's own number, taken where the count is below it (the next counted on from it)."""
        if title in self.unnumbered or child.get("numbered") == "false":
            return ""
        stated, least = child.get("number", ""), child.get("least", "")
        self.tables_placed = int(stated) if stated.isdigit() and int(stated) else self.tables_placed + 1
        if least.isdigit() and int(least) > self.tables_placed:  # a table printed as published, past a gap
            self.tables_placed = int(least)
        return table_label(self.tables_placed, self.layout)

    def on_pagebreak(self, child: etree.Element, depth: int, nesting: int) -> None:
        self.blocks.append(PageBreak())


def placed_under(blocks: list[Block], under: list[tuple[int, int, tuple[str, ...]]]) -> list[Block]:
    """The ``blocks`` with each table ``under`` the headings of the text the document prints it under (its blocks
    ``blocks[start:end]``, the headings' words outermost first: 表格清单.表's 印在) moved to the end of the section of
    the innermost of those headings the blocks print (before the page break that opens the next section), in their
    order; where they print none of them, the table stays where it is (among the tables)."""
    moved: dict[int, list[Block]] = {}
    left: set[int] = set()
    for start, end, words in under:
        at = _section_end(blocks, words)
        if at is not None:
            moved.setdefault(at, []).extend(blocks[start:end])
            left.update(range(start, end))
    out: list[Block] = []
    for index, block in enumerate(blocks):
        out.extend(moved.get(index, []))
        if index not in left:
            out.append(block)
    return out + moved.get(len(blocks), [])


def _section_end(blocks: list[Block], words: tuple[str, ...]) -> int | None:
    """Where the section of the innermost of the headings ``words`` (outermost first, each sought after the one
    before it; spaces aside) the ``blocks`` print ends: the index of the next heading of its level or above (of the
    page break before it), else their end; None where they print none of them."""
    headings = [(index, block) for index, block in enumerate(blocks) if isinstance(block, Heading)]
    found = _innermost(headings, words)
    if found is None:
        return None
    end = next((i for i, h in headings if i > found[0] and h.level <= found[1].level), len(blocks))
    while end > found[0] + 1 and isinstance(blocks[end - 1], PageBreak):
        end -= 1
    return end


def _innermost(headings: list[tuple[int, Heading]], words: tuple[str, ...]) -> tuple[int, Heading] | None:
    """The innermost of the headings ``words`` (outermost first) among the ``headings`` (each with its index), each
    sought from the one before it found on; None where none is."""
    found: tuple[int, Heading] | None = None
    for said in ("".join(w.split()) for w in words):
        after = found[0] if found is not None else -1
        found = next(((i, h) for i, h in headings if i >= after and "".join(h.text.split()) == said), found)
    return found


class MarkupFault(TemplateFault):
    """A fault in the markup the templates wrote, at ``offset`` in it (-1: not known): build_document
    finds the template file and line that wrote it there."""

    def __init__(self, message: str, offset: int = -1) -> None:
        super().__init__(message)
        self.offset = offset


def _bad_character(markup: str) -> tuple[str, int] | None:
    """The first character no text may hold, as written or as a character reference (&#x2028;),
    and where it stands in ``markup``."""
    found = None if printable_but(markup, "\t\n\r") else _UNPRINTABLE_CHAR.search(markup)
    first = (found.group(), found.start()) if found is not None else None
    if "&#" in markup:
        for reference in _CHARACTER_REFERENCE.finditer(markup, 0, first[1] if first else len(markup)):
            number = int(reference.group(1), 16) if reference.group(1) else int(reference.group(2))
            if number <= 0x10FFFF and _UNPRINTABLE_CHAR.match(chr(number)):
                return chr(number), reference.start()
    return first


def _character_name(char: str) -> str:
    named = _CHARACTER_NAMES.get(char)
    return f"U+{ord(char):04X}（{named}）" if named else character_name(char)


def _section_path(root: etree.Element, element: etree.Element) -> str:
    """The headings from the top down to ``element``: 一 › 二 › … (each cut short)."""
    parents = {child: parent for parent in root.iter() for child in parent}
    titles: list[str] = []
    current: etree.Element | None = element
    while current is not None:
        if current.tag == "sec" and current.get("t"):
            titles.append(shown_text(current.get("t", ""), 12))
        current = parents.get(current)
    return " › ".join(reversed(titles))


def _char_offset(data: bytes, byte: int) -> int:
    """The offset in the markup of byte ``byte`` of ``<doc>markup</doc>`` as parsed."""
    return max(0, len(data[:byte].decode("utf-8", "replace")) - len("<doc>"))


def _element_offset(markup: str, root: etree.Element, element: etree.Element) -> int:
    """Where ``element``'s start tag stands in ``markup``: expat counts start tags in the order
    ElementTree made the elements (comments and processing instructions are neither)."""
    wanted = next((i for i, e in enumerate(root.iter()) if e is element), -1)
    data = f"<doc>{markup}</doc>".encode()
    parser = expat.ParserCreate()
    seen: list[int] = []

    def start(_name: str, _attributes: dict[str, str]) -> None:
        if len(seen) == wanted:
            raise _Found(parser.CurrentByteIndex)
        seen.append(0)

    parser.StartElementHandler = start
    try:
        parser.Parse(data, True)
    except _Found as found:
        return _char_offset(data, found.byte)
    except expat.ExpatError:
        pass
    return -1


class _Found(Internal):
    def __init__(self, byte: int) -> None:
        super().__init__()
        self.byte = byte


_TRANSLATIONS = {
    "not well-formed (invalid token)": "这里有不合规则的字符（文字中的 < 与 & 应写作 &lt; 与 &amp;）",
    "undefined entity": "这里有未定义的实体（如 &nbsp;：请直接写出字符，& 本身写作 &amp;）",
    "reference to invalid character number": "这里的字符引用（&#…;）指向不能使用的字符",
    "unclosed token": "这里的标签没有写完",
    "duplicate attribute": "这个标签有重复的属性",
    "no element found": "标记没有结束",
}


def _markup_error(markup: str) -> MarkupFault:
    """The fault of markup that is not well-formed, from expat: a tag left open is named where it
    opens, a closing tag without its opening tag where it stands."""
    data = f"<doc>{markup}</doc>".encode()
    parser = expat.ParserCreate()
    open_tags: list[tuple[str, int]] = []
    parser.StartElementHandler = lambda name, _attributes: open_tags.append((name, parser.CurrentByteIndex))
    parser.EndElementHandler = lambda _name: open_tags.pop()
    try:
        parser.Parse(data, True)
    except expat.ExpatError as exc:
        at = parser.ErrorByteIndex
        reason = expat.errors.messages[exc.code]
        if reason == expat.errors.XML_ERROR_TAG_MISMATCH:
            tag_start = data.rfind(b"</", 0, at + 2)  # expat stands on the closing tag's name
            closing = re.match(rb"</\s*([^\s>]+)", data[tag_start:]) if tag_start >= 0 else None
            name = shown_text(closing.group(1).decode("utf-8", "replace"), 20) if closing else ""
            if closing and open_tags and name in [shown_text(n, 20) for n, _ in open_tags]:
                left, start = shown_text(open_tags[-1][0], 20), open_tags[-1][1]
                return MarkupFault(f"模板写出的标记不完整：<{left}> 没有对应的 </{left}>", _char_offset(data, start))
            return MarkupFault(f"模板写出的标记不完整：多出了 </{name}>，前面没有对应的 <{name}>",
                               _char_offset(data, tag_start if closing else at))
        return MarkupFault(f"模板写出的标记不完整：{_TRANSLATIONS.get(reason, reason)}", _char_offset(data, at))
    return MarkupFault("模板写出的标记不完整")


def _written_at(env: jinja2.Environment, context: dict[str, Any], offset: int) -> tuple[str, int]:
    """The template file and line that wrote ``offset`` of the markup: the templates are run again
    (only after a fault, within the templates' time bound), and the template that yields the piece
    holding ``offset`` is the innermost one suspended in the generator. ("", 0) if none is found."""
    if offset < 0:
        return "", 0

    def locate() -> tuple[str, int]:
        generator = env.get_template("disclosure.j2").generate(context)
        position = 0
        try:
            for chunk in generator:
                if position + len(chunk) > offset:
                    return _chunk_origin(env, generator, chunk, offset - position)
                position += len(chunk)
        finally:
            if isinstance(generator, Generator):  # what Jinja's generate() returns (declared an Iterator)
                generator.close()
        return "", 0

    try:
        found: tuple[str, int] = templating.call_bounded(locate)
    except Exception:  # a template that fails the second time: the fault is still reported, without a line
        return "", 0
    return found


def _chunk_origin(env: jinja2.Environment, generator: Iterator[str], chunk: str,
                  within: int) -> tuple[str, int]:
    """(file, line) of character ``within`` of ``chunk``, just yielded by ``generator``. Compiled
    template code hands on an included template's output from its local ``gen``, a block's by
    ``yield from``: the innermost template frame wrote the chunk. A chunk that is the template's
    own text is found in its source, so the line is the very line; one that an expression or a
    macro call wrote is named at that expression's line."""
    innermost = _innermost_template(generator)
    if innermost is None:
        return "", 0
    template, python_line = innermost
    file = template.filename or template.name or ""
    line = template.get_corresponding_lineno(python_line)
    if env.loader is None:
        return file, line
    try:
        source = env.loader.get_source(env, template.name)[0]
    except Exception:  # gone or changed since: the line Jinja names
        return file, line
    return file, _line_in_source(source, line, chunk, within)


def _innermost_template(generator: Iterator[str]) -> tuple[Any, int] | None:
    """The innermost template frame suspended in ``generator`` (following each generator's ``yield
    from`` or its local ``gen``): its template and Python line; None when no template's is."""
    innermost: tuple[Any, int] | None = None
    current: Any = generator
    while isinstance(current, GeneratorType) and current.gi_frame is not None:
        frame = current.gi_frame
        template = frame.f_globals.get("__jinja_template__")
        if template is not None:
            innermost = (template, frame.f_lineno)
        current = current.gi_yieldfrom or frame.f_locals.get("gen")
    return innermost


def _line_in_source(source: str, line: int, chunk: str, within: int) -> int:
    """The line of the template's ``source`` that holds character ``within`` of ``chunk``, which
    Jinja says was written at ``line``: found in the source from that line on, else ``line``."""
    line_start = 0
    for _ in range(max(line - 1, 0)):
        line_start = source.find("\n", line_start) + 1
        if line_start == 0:
            return line
    found = source.find(chunk, line_start) if chunk else -1
    if found >= 0:
        return source.count("\n", 0, found) + 1 + chunk.count("\n", 0, within)
    # The template's text run together with a constant it prints ({{ "…" }}): its first line of
    # text stands on the line Jinja names, and the lines of the chunk are the lines of the file.
    pieces = chunk.split("\n")
    index, first = next(((i, text.strip()) for i, text in enumerate(pieces) if text.strip()), (0, ""))
    anchor = source.find(first, line_start) if first else -1
    if anchor >= 0 and source.count("\n", 0, anchor) + 1 == line + index:
        return line + chunk.count("\n", 0, within)
    return line


def punctuated(blocks: list[Block]) -> list[Block]:
    """The items of each list (consecutive item paragraphs) ended as official documents end them:
    each with ；and the last with 。, unless the department's text already ends in punctuation."""
    out = list(blocks)
    for index, block in enumerate(out):
        if not isinstance(block, Paragraph) or block.role != "item" or block.text.endswith(_TERMINAL):
            continue
        after = out[index + 1] if index + 1 < len(out) else None
        follows = isinstance(after, Paragraph) and after.role == "item"
        out[index] = Paragraph(block.text + (_LIST_GOES_ON if follows else _LIST_ENDS), "item")
    return out


UNITS_TABLE = "决算单位构成"


def units_table(budget: Budget) -> TableRows:
    """部门决算单位构成: 序号, 单位名称 (the department 本级, then its 下属单位 as the source names them), 备注."""
    names = [f"{budget.department}（本级）", *(budget.profile.subordinate_units or [])]
    remarks = budget.profile.unit_remarks
    body = [Row([Cell(str(i), align="center"), Cell(name), Cell(remarks.get(name, ""))], key=name)
            for i, name in enumerate(names, 1)]
    return TableRows([head("序号", "单位名称", "备注")], body, [10, 60, 30])


def build_document(budget: Budget, figures: Computed, overrides: list[Path] | None = None,
                   draft: list[str] | None = None, layout: Layout = DEFAULT_LAYOUT) -> Document:
    """The whole disclosure as a neutral Document, in the structure of ``layout`` (版式).
    ``overrides``: the user's template folders, searched before the layout's. ``draft``: the open
    findings a draft lists under its 草稿 banner (disclosure.j2 words it). The table kinds' definitions are read once
    for it (tablekinds.read_once)."""
    with tablekinds.read_once():
        return _built_document(budget, figures, overrides, draft, layout)


def _built_document(budget: Budget, figures: Computed, overrides: list[Path] | None,
                    draft: list[str] | None, layout: Layout) -> Document:
    money = Money(_shown(budget, layout), marked=draft is not None)
    folders = [*(overrides or []), *layout.folders]
    tables = _document_tables(budget, TableBuilder(figures, money, folders), layout)
    missing: list[tuple[str, str]] = []
    contents: list[ContentsEntry] | None = [] if layout.contents is not None else None
    plain = frozenset(heading_text({}, title_values(budget), title) for title in layout.unnumbered)
    env, context = context_for(budget, figures, overrides, draft, layout, money, tables)
    markup = templating.render_template(env, "disclosure.j2", context)
    try:
        blocks = markup_to_blocks(markup, tables, missing, layout, contents, plain)
    except MarkupFault as exc:  # named at the template file and line that wrote it
        file, line = _written_at(env, context, exc.offset)
        raise TemplateFault(exc.message, file, line) from None
    title = next((b.text for b in blocks if isinstance(b, Title)), budget.department)
    cover = layout.cover.filled(cover_facts(budget)) if layout.cover is not None else None
    if cover is not None:
        blocks = _under_cover(blocks, cover)
    missing += _listed_not_held(layout, budget)
    return Document(blocks, meta={"title": title, "department": budget.department, "year": str(budget.year)},
                    missing=_first_of_each(missing), contents=contents or [], cover=cover, **_pages(layout))


LISTED_TABLES = "版式.表格清单"  # the field of a table the layout lists as printed (印出表) that the source holds none of


def _listed_not_held(layout: Layout, budget: Budget) -> list[tuple[str, str]]:
    """The title of each 印出表 the layout's 表格清单.表 lists that the source holds no table of (a title mistyped or
    renamed in one file only): a table that would otherwise vanish without a word (runners/render.py says it)."""
    held = {table.title for table in budget.printed_tables}
    return [(entry.printed, LISTED_TABLES) for entry in layout.table_entries if entry.printed and entry.printed not in held]


def _document_tables(budget: Budget, builder: TableBuilder, layout: Layout) -> Mapping[str, TableRows]:
    """The tables a document's text may place: every table, as the layout shapes it, and a 部门决算's 单位构成 table
    (<table ref="决算单位构成" numbered="false">)."""
    tables: Mapping[str, TableRows] = all_tables(builder, layout.table_specs)
    if budget.final:
        tables = ChainMap({UNITS_TABLE: units_table(budget)}, tables)  # type: ignore[arg-type]
    return tables


def _under_cover(blocks: list[Block], cover: Cover) -> list[Block]:
    """The blocks with the cover's words in the title's place (the writers set them as the cover)."""
    return [Title(cover.lines[0].text, cover.lines[1].text if len(cover.lines) > 1 else "")
            if isinstance(b, Title) else b for b in blocks]


def context_for(budget: Budget, figures: Computed, overrides: list[Path] | None = None, draft: list[str] | None = None,
                layout: Layout = DEFAULT_LAYOUT, money: Money | None = None,
                tables: Mapping[str, TableRows] | None = None) -> tuple[jinja2.Environment, dict[str, Any]]:
    """The narrative templates' Environment and the context disclosure.j2 is rendered with, for ``layout``: what
    a learned layout's sentences are checked against (learned_words.py) as the render would print them."""
    money = money or Money(_shown(budget, layout), marked=draft is not None)
    folders = [*(overrides or []), *layout.folders]
    if tables is None:
        tables = all_tables(TableBuilder(figures, money, folders), layout.table_specs)
    context = _markup_context(budget, figures, money, tables, draft, layout)
    return templating.environment("narrative", folders), context


def _shown(budget: Budget, layout: Layout) -> Presentation:
    """The source's 展示, with the layout's units per table and part where the source sets none."""
    shown = budget.presentation
    if (layout.table_units or layout.text_units or layout.unit_decimals or layout.table_zeros or layout.table_decimals
            or layout.table_thousands):
        shown = replace(shown, table_units={**layout.table_units, **shown.table_units},
                        text_units={**layout.text_units, **shown.text_units},
                        unit_decimals={**layout.unit_decimals, **shown.unit_decimals},
                        table_zeros={**layout.table_zeros, **shown.table_zeros},
                        table_decimals={**layout.table_decimals, **shown.table_decimals},
                        table_thousands={**layout.table_thousands, **shown.table_thousands})
    return shown


def _first_of_each(missing: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """One missing field per source field, in the words of its first marker; each sentence of a learned layout's
    words (field 学到的措辞: each says which sentence and why) once."""
    first: dict[tuple[str, str], str] = {}
    for what, source_field in missing:
        first.setdefault((source_field, what if source_field in ("学到的措辞", LISTED_TABLES) else ""), what)
    return [(what, source_field) for (source_field, _), what in first.items()]


def _pages(layout: Layout) -> dict[str, Any]:
    """What of the layout the writers lay pages out by: the 目录's title, sizes, workbook, new pages."""
    return {"contents_title": layout.contents.title if layout.contents is not None else "",
            "body_points": layout.body_points, "body_line": layout.body_line, "table_smallest": layout.table_smallest,
            "workbook": layout.workbook, "contents_alone": layout.contents is not None and layout.contents.alone,
            "new_page_levels": layout.new_page_levels, "landscape": layout.landscape}


__all__ = ["build_document", "TemplateFault", "Table", "DEFAULT_TEMPLATES"]
