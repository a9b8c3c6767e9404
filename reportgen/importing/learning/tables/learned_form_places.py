"""Where a table held as printed without a number (印出表 of no 表号: 烟台's 专项资金绩效目标表 and 政策和项目预算绩效目标表,
国家信访局's projects' 绩效目标表) is printed in the text, learned for the layout's 表格清单.表 (`印在`): the headings it
is printed under, outermost first — the numbered headings printed before it, each nesting the next of a style the
document uses further in (第三部分 › 七、 › （一）: the styles ranked by the order they first appear) — where it is
printed in the text after the tables read (under a heading printed after the first page of the last of them); a
table printed among the tables (福州's 一般公共预算支出经济分类情况表) keeps its place among them. The render places
such a table at the end of the section of the innermost of those headings it prints (narrative.placed_under)."""

from __future__ import annotations

from typing import Any

from reportgen.base.patterns import regex
from reportgen.importing.recognition.imported import Imported
from reportgen.importing.text.text_parts import PrintedHeading
from reportgen.importing.tree import Placed
from reportgen.readers.text.lines import Line

_PLACE = regex(r"第(\d+)页\s*第(\d+)行")
_YEAR = regex(r"(?<!\d)(\d{4})(?=\s*年)")


def placed_in_text(entries: list[dict[str, Any]], last_table_page: int, headings: list[PrintedHeading],
                   lines: list[Line], imported: Imported) -> list[dict[str, Any]]:
    """The ``entries`` of 表格清单.表, each table held as printed without a number that is printed in the text after
    the tables (the last of them first printed on ``last_table_page``) given its 印在 (the words of the ``headings``
    it is printed under, and of the numbered lines ending in 表 printed over it: _titled_headings), listed at the end
    where it is not listed."""
    out = [dict(entry) for entry in entries]
    for name, where in _unnumbered_held(imported):
        under = _under(_titled_headings(headings, lines, where, name), where)
        if not under or _place(under[-1].where) <= (last_table_page, 0):
            continue
        words = [_general(heading.words, imported) for heading in under]
        entry = next((e for e in out if e.get("印出表") == name), None)
        if entry is None:
            out.append({"印出表": name, "印在": words})
        elif "印在" not in entry:
            entry["印在"] = words
    return out


def _unnumbered_held(imported: Imported) -> list[tuple[str, str]]:
    """(表名, where it is printed) of each table the source holds as printed with no 表号, in the source's order."""
    items = imported.tree.get("印出表", [])
    found = []
    for item in items if isinstance(items, list) else []:
        number, name = item.get("表号"), item.get("表名")
        if isinstance(name, Placed) and not (isinstance(number, Placed) and number.value):
            found.append((str(name.value), name.where))
    return found


def _under(headings: list[PrintedHeading], where: str) -> list[PrintedHeading]:
    """The headings printed before ``where`` that it is under, outermost first: each printed heading closes those
    of its style and of the styles further in (ranked by the order the styles first appear)."""
    ranks: dict[str, int] = {}
    for heading in headings:
        ranks.setdefault(heading.style, len(ranks))
    at, chain = _place(where), list[PrintedHeading]()
    for heading in headings:
        if _place(heading.where) >= at:
            break
        chain = [*(h for h in chain if ranks[h.style] < ranks[heading.style]), heading]
    return chain


def _titled_headings(headings: list[PrintedHeading], lines: list[Line], where: str,
                     name: str) -> list[PrintedHeading]:
    """The ``headings`` with the numbered lines ending in 表 printed between the last of them before ``where`` and it —
    headings of the text over a form that text_parts reads as tables' titles (国家信访局's “2.其他一级项目绩效目标表”
    over two projects' forms, its “（7）项目绩效目标表”; 烟台's “（二）部门主管专项资金的绩效目标表”), in their places;
    the form's title ``name`` printed after such a heading on its line (烟台's “（三）部门预算项目绩效目标表
    政策和项目预算绩效目标表”) none of its words."""
    title = "".join(name.split())
    at = _place(where)
    since = max((_place(h.where) for h in headings if _place(h.where) < at), default=(0, 0))
    found = [heading for line in lines if since < (line.page, line.line or line.number) < at
             and (heading := _heading_over(line, title)) is not None]
    return sorted([*headings, *found], key=lambda h: _place(h.where))


def _heading_over(line: Line, title: str) -> PrintedHeading | None:
    """The line as a heading where it opens with a heading's numbering and ends in 表, the form's ``title`` printed
    after it on the line none of its words; None for another line."""
    text = "".join(line.text.split())
    numbered = _NUMBERED.match(text) if _ENDS_IN_TABLE.search(text) else None
    if numbered is None:
        return None
    style = next(key for key, value in numbered.groupdict().items() if value)
    words = text[numbered.end():]
    words = words[:-len(title)] if words.endswith(title) and words != title else words
    return PrintedHeading(style, 0, words, None, f"第{line.page}页 第{line.line or line.number}行")


# a heading's numbering, by style as text_parts names them: 第一部分, 一、, （一）, 1. or 1、, （1）
_NUMBERED = regex(r"^(?:(?P<part>第[一二三四五六七八九十]{1,3}部分)|(?P<cn>[一二三四五六七八九十]{1,3}、)"
                  r"|(?P<pc>[（(][一二三四五六七八九十]{1,3}[）)])|(?P<ar>\d{1,2}[.．、])|(?P<pa>[（(]\d{1,2}[）)]))")
_ENDS_IN_TABLE = regex(r"表$")


def _place(where: str) -> tuple[int, int]:
    found = _PLACE.search(where)
    return (int(found.group(1)), int(found.group(2))) if found else (0, 0)


def _general(words: str, imported: Imported) -> str:
    """A heading's words as a layout writes them: spaces out, the year {年}, the department's name {部门}."""
    text = "".join(words.split())
    if imported.year is not None:
        text = _YEAR.sub(lambda m: "{年}" if m.group(1) == str(imported.year) else m.group(1), text)
    return text.replace(imported.department, "{部门}") if imported.department else text

