"""Templates → Document. The templates write a small markup (<sec>, <p>, <item>, <table ref>…)
with every source string autoescaped; it is parsed back into Document blocks, so a department
name holding ``<script>`` or ``{{ 7*7 }}`` stays literal text in every format.

The templates are found, bounded and their faults reported by templating.py; the figures they
print are phrased by the filters below, bound to the render's Money through the context.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any
from xml.etree import ElementTree as etree

import jinja2

from reportgen import templating
from reportgen.compute import Figures
from reportgen.document import Block, ContentsEntry, Document, Heading, PageBreak, Paragraph, Table, Title
from reportgen.layouts import Layout
from reportgen.locations import DEFAULT_TEMPLATES
from reportgen.model import INCOME_SOURCES, Budget
from reportgen.phrasing import Money, chinese_number, percent, share_of
from reportgen.tables import TableBuilder, TableRows, build_table
from reportgen.templating import TemplateFault

NARRATIVE = "narrative"
_SPACES = re.compile(r"\s*\n\s*")
# Spaces a department's text puts beside full-width punctuation (“职责 ，”): never printed.
_FULL_WIDTH_SPACING = re.compile(r"[ \t\u3000]+(?=[，。；：、！？）」』”])|(?<=[，。；：、！？（「『“])[ \t\u3000]+")
# An item of a list ends with ；(。 the last), unless it ends in punctuation of its own.
_TERMINAL = ("。", "；", "，", "、", "：", "！", "？", ";", ":", "!", "?", "…")
_LIST_GOES_ON, _LIST_ENDS = "；", "。"

# A text that carries its own number: 一、 （一） 1. 1、 （1） (1) 1）
_OWN_LABEL = re.compile(r"\s*(?:[一二三四五六七八九十百]+、|[（(][一二三四五六七八九十百]+[）)]|[0-9]+[.、．）)]|[（(][0-9]+[）)])")


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

    def __init__(self, budget: Budget, figures: Figures, money: Money, tables: Mapping[str, TableRows]) -> None:
        self.values: dict[str, Any] = {
            "b": budget,
            "f": figures,
            "dept": budget.department,
            "year": budget.year,
            "prior_year": budget.prior.year,
            "level": budget.level,
            "income_sources": [
                {"name": name, "amount": budget.income[name]} for name in INCOME_SOURCES
            ],
            "fiscal_expenditure_total": figures.fiscal_expenditure_total,
            "function_classes": figures.function_tree("一般公共预算"),
            "compared_function_rows": figures.described_lines(budget.compare_base),
            # 政府性基金 / 国有资本经营 lines whose 用途 the source gives; 用途 of every line by 资金/code
            "fund_lines": {fund: figures.described_lines(budget.compare_base, fund) for fund in ("政府性基金", "国有资本经营")},
            "function_uses": {f"{r.fund}/{r.code}": r.use for r in budget.function_rows if r.use},
            # 上年执行数, as its own Figures (fa) and by code for the classification trees
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
            "table_gap": lambda table_id: tables[table_id].rounding_gap,
        }


def title_values(budget: Budget) -> dict[str, str]:
    """What {年}, {上年} and {部门} stand for in a layout's titles."""
    return {"年": str(budget.year), "上年": str(budget.prior.year), "部门": budget.department}


def heading_text(titles: dict[str, str], values: dict[str, str], key: str) -> str:
    """A heading as the layout words it (its 标题, else the template's), {年}, {上年} and {部门}
    filled in; "" when the layout leaves it out."""
    words = titles.get(key, key)
    return re.sub(r"\{(年|上年|部门)\}", lambda m: values[m.group(1)], words)


def render_markup(budget: Budget, figures: Figures, money: Money, tables: Mapping[str, TableRows],
                  overrides: list[Path] | None = None, draft: list[str] | None = None,
                  layout: Layout = DEFAULT_LAYOUT) -> str:
    context = _Context(budget, figures, money, tables).values
    context["_money"] = money
    context["draft"] = draft or []
    context["layout"] = layout.name
    context["budget_word"] = layout.budget_word  # 比较措辞: “比2025年预算增加” or “比2025年增加”
    # {{ heading('{年}年部门预算情况说明') }}: a heading or table title in this layout's words
    context["heading"] = functools.partial(heading_text, layout.titles, title_values(budget))
    return templating.render_template(templating.environment("narrative", overrides), "disclosure.j2", context)


# The filters that phrase figures: the render's Money comes with the context, so one shared
# Environment serves every render (and every thread) whatever its units and decimals.
@jinja2.pass_context
def _money_filter(context: Any, amount: Any, unit: str | None = None) -> str:
    return context["_money"].with_unit(amount, unit)


@jinja2.pass_context
def _number_filter(context: Any, amount: Any, unit: str | None = None) -> str:
    return context["_money"].number(amount, unit)


@jinja2.pass_context
def _change_filter(context: Any, current: Any, prior: Any) -> Any:
    return context["_money"].change(current, prior)


def _set_up(env: jinja2.Environment) -> None:
    env.filters.update(pct=percent, money=_money_filter, num=_number_filter,
                       change_from=_change_filter,  # amount|change_from(prior): cheaper than a global's call
                       cn=chinese_number)  # {{ 3|cn }} → 三, for a layout's own numbering of items
    env.tests["labelled"] = labelled


templating.SETUP.setdefault("narrative", []).append(_set_up)


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
    listed = layout.contents
    depth_listed = listed.depth if listed is not None else 0
    try:
        root = etree.fromstring(f"<doc>{markup}</doc>".encode())
    except etree.ParseError as exc:
        raise TemplateFault(f"模板输出的标记不完整（标签未闭合？）：{exc}") from None
    blocks: list[Block] = []
    counters = [0] * 6
    tables_placed = 0

    def text_of(element: etree.Element) -> str:
        return _FULL_WIDTH_SPACING.sub("", _SPACES.sub("", "".join(element.itertext()))).strip()

    def walk(element: etree.Element, depth: int) -> None:
        for child in element:
            tag = child.tag
            if tag == "sec" and not child.get("t"):  # a heading the layout leaves out: its text stays
                walk(child, depth)
            elif tag == "sec" and child.get("t", "") in unnumbered:  # a heading without a number
                level = depth + 1
                for deeper in range(level + 1, len(counters)):
                    counters[deeper] = 0
                text = child.get("t", "")
                anchor = f"s{'-'.join(str(c) for c in counters[1:level])}-{text}"
                blocks.append(Heading(level, "", text, anchor=anchor))
                if contents is not None and level <= depth_listed:
                    contents.append(ContentsEntry(level, child.get("toc", text), anchor))
                walk(child, level)
            elif tag == "sec":
                level = depth + 1
                counters[level] += 1
                for deeper in range(level + 1, len(counters)):
                    counters[deeper] = 0
                numbering = layout.heading_numbering(level)
                label = numbering.label(counters[level])
                anchor = f"s{'-'.join(str(c) for c in counters[1:level + 1])}"
                text = child.get("t", "")
                blocks.append(Heading(level, label if numbering.body else "", text, anchor=anchor))
                if contents is not None and level <= depth_listed:
                    contents.append(ContentsEntry(level, label + child.get("toc", text), anchor))
                walk(child, level)
            elif tag == "title":
                blocks.append(Title(text_of(child), child.get("sub", "")))
            elif tag in ("p", "item", "note", "missing", "banner"):
                if tag == "missing":
                    missing.append((child.get("what", ""), child.get("field", "")))
                text = text_of(child)
                if text:
                    role = "body" if tag == "p" else tag
                    blocks.append(Paragraph(text, role))  # type: ignore[arg-type]
            elif tag == "table":
                table_id = child.get("ref", "")
                if table_id not in tables:
                    raise TemplateFault(f"模板引用了不存在的表格“{table_id}”，可用：{'、'.join(tables)}")
                notes = [text_of(n) for n in child if n.tag == "note"]
                nonlocal tables_placed
                title = child.get("title", "")
                missing.extend(tables[table_id].missing)  # numbered by their order, as headings are by their depth
                if title in unnumbered:
                    number = ""
                else:
                    tables_placed += 1
                    number = table_label(tables_placed, layout)
                blocks.append(build_table(tables[table_id], table_id, number if layout.table_numbering.body else "",
                                          title, child.get("department", ""), child.get("unit", ""), notes))
                if contents is not None and listed is not None and listed.tables and child.get("listed") != "false":
                    level = min(depth + 1, len(counters) - 1)
                    contents.append(ContentsEntry(level, f"{number} {title}".strip(), f"table-{table_id}"))
            elif tag == "pagebreak":
                blocks.append(PageBreak())
            else:
                raise TemplateFault(f"模板中有无法识别的标记 <{tag}>")

    walk(root, 0)
    return punctuated(blocks)


def punctuated(blocks: list[Block]) -> list[Block]:
    """The items of each list (consecutive item paragraphs) ended as official documents end them:
    each with ；and the last with 。, unless the department's text already ends in punctuation."""
    out = list(blocks)
    for index, block in enumerate(out):
        if not isinstance(block, Paragraph) or block.role != "item" or block.text.endswith(_TERMINAL):
            continue
        follows = index + 1 < len(out) and isinstance(out[index + 1], Paragraph) and out[index + 1].role == "item"
        out[index] = Paragraph(block.text + (_LIST_GOES_ON if follows else _LIST_ENDS), "item")
    return out


def build_document(budget: Budget, figures: Figures, overrides: list[Path] | None = None,
                   draft: list[str] | None = None, layout: Layout = DEFAULT_LAYOUT) -> Document:
    """The whole disclosure as a neutral Document, in the structure of ``layout`` (版式).
    ``overrides``: the user's template folders, searched before the layout's. ``draft``: the open
    findings a draft lists under its 草稿 banner (disclosure.j2 words it)."""
    shown = budget.presentation  # the layout's units per table and part where the source sets none
    if layout.table_units or layout.text_units:
        shown = replace(shown, table_units={**layout.table_units, **shown.table_units},
                        text_units={**layout.text_units, **shown.text_units})
    money = Money(shown)
    folders = [*(overrides or []), *layout.folders]
    tables = TableBuilder(figures, money, folders).build_all()
    missing: list[tuple[str, str]] = []
    contents: list[ContentsEntry] | None = [] if layout.contents is not None else None
    plain = frozenset(heading_text({}, title_values(budget), title) for title in layout.unnumbered)
    blocks = markup_to_blocks(render_markup(budget, figures, money, tables, folders, draft, layout), tables, missing,
                              layout, contents, plain)
    title = next((b.text for b in blocks if isinstance(b, Title)), budget.department)
    first: dict[str, str] = {}  # one per source field, in the words of its first marker
    for what, source_field in missing:
        first.setdefault(source_field, what)
    return Document(blocks, meta={"title": title, "department": budget.department, "year": str(budget.year)},
                    missing=[(what, source_field) for source_field, what in first.items()],
                    contents_title=layout.contents.title if layout.contents is not None else "",
                    contents=contents or [])


__all__ = ["build_document", "TemplateFault", "Table", "DEFAULT_TEMPLATES"]
