"""A learned list of every line (issue 80, part 2): where a published document says each 项 line of its 一般公共预算 spending
in a numbered list of items alike (万里 2023: “1.“一般公共服务支出（类）统计信息事务（款）统计管理（项）”2.63万元，主要用于统计
管理。” … one item for each of its 34 lines, in the order of their codes), next year a line the source has and last
year's did not is printed as an item in the same words, at its code's place — never left out with the items after it
numbered one short (万里 2024's new “9.“教育支出（类）其他教育支出（款）其他教育支出（项）”25.00万元……”: before, its items
10 to 33 printed as 9 to 32). The words are the items' own, each line's names, code and figures its own (the fields in
place of the item's, as the learned item prints them); a list that says some lines alone, or whose items are worded
each its own way, prints no other line (西安 2025's 11 items, each with its own cause).

The sentence after each item in its paragraph (万里: “2022年当年预算执行数为……，比2022年预算执行数增加……%”), where most are
worded alike: one kept as printed (a misprinted rate, a change from nothing) or said 持平 in the year learned is printed
next year in the others' words with its line's fields, a change of 持平 in the words the year learned said one in."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from reportgen.base.patterns import regex

LEVELS = ("类", "款", "项")
_LENGTHS = (3, 5, 7)  # a 类's code, a 款's and a 项's
_QUOTED_CODE = regex(r"'(\d{3,7})'")
_FALLBACK = regex(r"\{% else %\}\{\{ unlearned\('(?:[^'\\]|\\.)*', '(\w+)', \d+\) \}\}")
_FLAT = "{# 持平 #}"  # where a line's words for a change of 持平 go (followers): its sentence's 待补充 of a change unlike
_LINE = "line"  # the loop's variable: a function line of the source (compute.trees.Node)


@dataclass(frozen=True)
class Lines:
    """The source's 项 lines of 一般公共预算 spending with an amount, by code: the names of its 类, 款 and 项."""

    names: dict[str, tuple[str, str, str]]


def source_lines(context: dict[str, Any]) -> Lines:
    """The 项 lines the imported source gives an amount (the narrative context's ``function_classes``)."""
    names: dict[str, str] = {}
    lines = []
    for top in context.get("function_classes") or []:
        for node in top.walk():
            names[node.code] = node.name
            if node.level == "项" and node.total:
                lines.append(node.code)
    return Lines({code: (names.get(code[:3], ""), names.get(code[:5], ""), names[code]) for code in lines})


def item_code(template: str, lines: Lines) -> str | None:
    """The 项 line an item's template says: the one line whose code begins with each code it says (its own, its 款's
    or 类's — 万里 2023's item of 2049999 prints its 款 20499's total, the 款's one line); None where it says no line or
    lines of several."""
    codes = set(_QUOTED_CODE.findall(template))
    own = [line for line in lines.names if codes and all(line.startswith(c) for c in codes)]
    return own[0] if len(own) == 1 else None


def generic(template: str, code: str, lines: Lines) -> str:
    """An item's template for any line: the code, its names and the fields of the line in place of the item's (its
    待补充 for a line without its fields left out: a line no item printed is no item to fill)."""
    text = _FALLBACK.sub(lambda m: "{% else %}" + _FLAT if m.group(1) == "change" else "", template)
    text = text.replace(f"'一般公共预算/{code}'", f"('一般公共预算/' ~ {_LINE}.code)")
    for length in _LENGTHS[:2]:
        text = text.replace(f"'{code[:length]}'", f"{_LINE}.code[:{length}]")
    text = text.replace(f"'{code}'", f"{_LINE}.code").replace(f"（{code}）", f"（{{{{ {_LINE}.code }}}}）")
    for length, level, name in zip(_LENGTHS, LEVELS, lines.names[code], strict=True):
        said = f"{{{{ function_line({_LINE}.code[:{length}]).name }}}}" if length < 7 else f"{{{{ {_LINE}.name }}}}"
        after = f"(?=（{level}）|{re.escape(f'（{{{{ {_LINE}.code')})"  # (its level's mark, or the line's code)
        text = re.sub(re.escape(name) + after, said.replace("\\", "\\\\"), text)
    return text


@dataclass(frozen=True)
class LineList:
    """A numbered list saying every line: its items (the places of their sentences, by code) and the words of any
    line (the most of its items' templates, each for any line, are alike)."""

    items: dict[int, str]  # by sentence's place, its line's code
    words: str


def line_list(items: Iterable[tuple[int, str | None]], lines: Lines) -> LineList | None:
    """The list of ``items`` (each sentence's place and its template) where it says every line of ``lines`` in the
    order of their codes, most of its items in one wording; None where it does not."""
    codes: dict[int, str] = {}
    worded: Counter[str] = Counter()
    for index, template in items:
        code = item_code(template, lines) if template is not None else None
        if code is None:
            return None
        codes[index] = code
        worded[generic(template or "", code, lines)] += 1
    said = list(codes.values())
    if said != sorted(set(said)) or set(said) != set(lines.names) or len(said) < 2:
        return None
    words, alike = worded.most_common(1)[0]
    return LineList(codes, words) if alike * 2 > len(said) else None


def others(after: str, before: str | None, listed: LineList) -> str:
    """The template printing, as the list's items, the source's lines between the codes ``after`` and ``before`` (None:
    all after it) that are none of the list's, each in a paragraph of its own."""
    within = f"'{after}' < {_LINE}.code" + ("" if before is None else f" < '{before}'")
    known = ", ".join(f"'{c}'" for c in listed.items.values())
    return (f"{{%- for top in function_classes %}}{{% for {_LINE} in top.walk() if {_LINE}.level == '项' and "
            f"{_LINE}.total and {within} and {_LINE}.code not in ({known}) %}}\n<p>\n{listed.words}\n</p>\n"
            "{%- endfor %}{% endfor %}")


def placed(lines: Lines, lists: list[list[int]], printed: list[str], paragraphs: list[int]
           ) -> tuple[dict[int, str], dict[int, str]]:
    """Of each list of items (the places of their sentences) saying every line: by paragraph, the other lines printed
    before it (those whose codes are before its item's, after the item before) and after it (the list's last: those
    after its code); and in ``printed``, each item's sentence after it kept as printed, in the words of the others
    (followers)."""
    before: dict[int, str] = {}
    after: dict[int, str] = {}
    for indices in lists:
        listed = line_list(((i, printed[i]) for i in indices), lines)
        if listed is None or len({paragraphs[i] for i in indices}) != len(indices):
            continue  # (an item of a paragraph of two is no place of its own)
        previous = ""
        for index, code in listed.items.items():
            before[paragraphs[index]] = others(previous, code, listed)
            previous = code
        after[paragraphs[indices[-1]]] = others(previous, None, listed)
        for index, text in followers(listed, lines, printed, paragraphs).items():
            printed[index] = text
    return before, after


# the 待补充 of a sentence printed in its own year alone: kept as printed, or its change said as 持平 (learned_words)
_KEPT = regex(r"\{\{ unlearned\('(?:[^'\\]|\\.)*', '(?:kept|compared)', \d+\) \}\}")


def followers(listed: LineList, lines: Lines, printed: list[str], paragraphs: list[int]) -> dict[int, str]:
    """The sentence after each item in its paragraph, where most of them are worded alike for any line: each of them
    kept as printed (its figures none of its line's fields: 万里 2023's “比2022年预算执行数增加314.82%” of 11.67 and
    45.41万元) printed next year in those words with its line's fields (its own year's as printed) — where they give a
    rate (a line new last year, or of nothing then, none: no sentence rather than 增加0.00%). Likewise one said as 持平
    that year (“比2022年预算执行数持平”), whose words for a change it did not print."""
    after = [(index + 1, code) for index, code in listed.items.items()
             if index + 1 < len(printed) and paragraphs[index + 1] == paragraphs[index]]
    worded = Counter(generic(printed[i], code, lines) for i, code in after if _KEPT.search(printed[i]) is None)
    if not worded or worded.most_common(1)[0][1] * 2 <= len(after):
        return {}
    flat = next((words for i, code in after if (words := _flat_words(printed[i], code, lines))), "")
    words = _not_new(worded.most_common(1)[0][0].replace(_FLAT, flat))
    return {index: _followed(printed[index], code, words, flat) for index, code in after}


def _followed(printed: str, code: str, words: str, flat: str) -> str:
    """A follower of the line ``code`` as next year prints it: kept as printed, the list's ``words`` for its line;
    else its own, its change 持平 in the list's ``flat`` words (where a follower learned them)."""
    if _KEPT.search(printed) is not None:
        return _KEPT.sub(lambda _: _of_line(code, words), printed, count=1)
    return _CHANGED.sub(lambda _: _of_line(code, flat), printed) if flat else printed


_CHANGE_SAID = regex(r"\{% if \((.*?)\)\.kind != 'flat' %\}")


def _not_new(words: str) -> str:
    """Words printed where their change is no 新增 (last year's figure nothing: its rate none, never 增加0.00%)."""
    change = _CHANGE_SAID.search(words)
    return words if change is None else \
        f"{{% if ({change.group(1)}) is none or ({change.group(1)}).kind != 'new' %}}{words}{{% endif %}}"


_CHANGED = regex(r"\{\{ unlearned\('(?:[^'\\]|\\.)*', 'change', \d+\) \}\}")
_SAID_FLAT = regex(r"\{% if year == \d+ %\}((?:(?!\{%).)*)\{% else %\}\{\{ unlearned\('(?:[^'\\]|\\.)*', 'compared', \d+\)")


def _flat_words(printed: str, code: str, lines: Lines) -> str:
    """The words a follower learned from a change of 持平 (its 2023's “……比2022年预算执行数持平。”, printed in that year alone:
    sentence_tracing._said_flat), for any line: the list's words where its line's change is 持平 next year."""
    said = _SAID_FLAT.search(printed)
    return "" if said is None else generic(said.group(1), code, lines)


def _of_line(code: str, words: str) -> str:
    """Words for any line (``line``) said of the line ``code``."""
    return (f"{{% if function_line('{code}') is not none %}}{{% with {_LINE} = function_line('{code}') %}}"
            f"{words}{{% endwith %}}{{% endif %}}")
