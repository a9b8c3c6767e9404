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
prints only in the year it was learned from — never last year's figures as this year's.

The sentences are read by published_sentences, the fields they may print are sentence_fields', and each sentence is
traced to them by sentence_tracing; this module learns the words from those and writes them (学到的措辞.j2, the
layout's disclosure.j2), with the notes of the sentences kept as printed."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import Any

import jinja2

from reportgen.base.patterns import regex
from reportgen.compute import Change
from reportgen.importing.learning import learned_lines
from reportgen.importing.learning.learned_lines import Lines
from reportgen.importing.learning.published_sentences import (
    _HEADING,
    _NUMBERING,
    Sentence,
    _heading_words,
    has_figures,
    part_of,
    published_sentences,
)
from reportgen.importing.learning.sentence_fields import Field, _stated, _value, fields
from reportgen.importing.learning.sentence_names import _YEAR, _all_names, _han
from reportgen.importing.learning.sentence_tracing import Style, _Traced, comma_style, trace
from reportgen.importing.text.text_parts import section_kind
from reportgen.readers.text.lines import Line
from reportgen.readers.text.statements import named_quantities

WORDS_FILE = "学到的措辞.j2"
_CODE = regex(r"(?<=[（(])\d{3,9}(?=[）)])|(?<!\d)\d{3,9}(?=[^\d.,%％万元]|$)")
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


# the class of an untraced sentence and the figure it is of (untraced_reasons.reason, which reads this module's tracing)
Explain = Callable[[Sentence, str, tuple[list[Field], list[Field]], dict[str, Any], tuple[list[str], "Style", str]],
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
                learned.reasons.append((sentence, *explain(sentence, why, (amounts, changes), context,
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
