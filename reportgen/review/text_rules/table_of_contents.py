"""A heading the 目录 lists that the body does not print (长春市信访局 2026: its 目录 lists 第一部分 部门概况's
“三、部门预算基本情况”; the body's 第一部分 stops after “二、机构设置……”). Read from the document alone: the 目录's
entries (a page number or a dotted leader after one is no word of it), each part (“第一部分”) with the items numbered
一、 二、 under it, and the body's part of the same number, from its heading to the next part's. An item is printed
where a line of prose of that part opens with its number or the part prints its words (their first or last six
characters); a part whose body opens no line of prose with any of its items' numbers (tables titled without them, their
rows “一、财政拨款收入”) is not judged."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from reportgen.base.errors import Finding
from reportgen.base.patterns import regex
from reportgen.base.rules import TEXT, rule
from reportgen.readers.text.lines import Line
from reportgen.review.text_rules.base import Text

_CONTENTS = regex(r"目\s*录")
_PART = regex(r"第([一二三四五六七八九十]{1,3})部分")
_ITEM = regex(r"([一二三四五六七八九十]{1,3})、\s*(\S.*?)")
_COLUMNS = regex(r"\S {4,}\S|\A {20,}\S")  # a row of a table (as mechanical.py's prose)
_LEADER = regex(r"[\s.．…·—-]*\d{0,3}\s*$")  # a page number, a dotted leader
_LEADER_ENDS = frozenset("0123456789.．…·—-")
_PAGES = 3  # pages after its own a 目录 may run onto
_ENDS = 6  # characters of an item's words, at its start or its end, that the body's heading prints (“本年国有资本经营
# 预算支出明细表” listed, “国有资本经营预算支出明细表(预算表 10)” printed)


@dataclass
class _Part:
    """A part the 目录 lists (its numeral, the line it is listed at) and its items: numeral → words."""

    numeral: str
    items: dict[str, tuple[str, Line]] = field(default_factory=dict)  # numeral → the words, the line listing them


@rule("R-目录", TEXT)
def listed_not_printed(text: Text) -> Iterator[Finding]:
    """R-目录: an item the 目录 lists under a part that the body's part of the same number does not print."""
    listed, end = _contents(text.lines)
    if not listed:
        return
    bodies = _bodies(text.lines[end:], {part.numeral for part in listed})
    for part in listed:
        for numeral, (words, line) in _not_printed(part, bodies.get(part.numeral) or [], text.table_rows):
            yield Finding("warning", "R-目录", f"目录在第{part.numeral}部分列出“{numeral}、{words}”，正文第{part.numeral}"
                          "部分没有这一项（没有这个标题，也没有它的文字）：是缺了这一部分，还是目录有误？",
                          text.file, line.number)


def _not_printed(part: _Part, body: list[Line], table_rows: frozenset[int]) -> list[tuple[str, tuple[str, Line]]]:
    """The items of a part its body does not print (none where the body opens no line of prose with an item's number)."""
    headings = _headings(body, table_rows)
    if not headings & set(part.items):
        return []
    printed = "".join(line.bare for line in body)
    return [(numeral, (words, line)) for numeral, (words, line) in part.items.items()
            if numeral not in headings and words[:_ENDS] not in printed and words[-_ENDS:] not in printed]


def _headings(body: list[Line], table_rows: frozenset[int]) -> set[str]:
    """The numbers (一 二 ……) the lines of prose of a part open with, followed by 、."""
    return {line.bare.partition("、")[0] for line in body
            if "、" in line.bare[:4] and line.number not in table_rows and not _COLUMNS.search(line.text.rstrip())}


def _contents(lines: list[Line]) -> tuple[list[_Part], int]:
    """The parts the 目录 lists with their items, and the index of the line after its last entry (the body's part
    headings print its first entry again)."""
    start = next((i for i, line in enumerate(lines) if "录" in line.bare and _CONTENTS.fullmatch(line.bare)), None)
    return ([], 0) if start is None else _entries(lines, start)


def _entries(lines: list[Line], start: int) -> tuple[list[_Part], int]:
    """The 目录's parts from the line after ``start``, until its first entry is printed again (none if it is not, within
    _PAGES pages)."""
    parts: list[_Part] = []
    first = ""
    for index in range(start + 1, len(lines)):
        if lines[index].page > lines[start].page + _PAGES:
            break
        entry = lines[index].bare
        entry = _LEADER.sub("", entry) if entry[-1:] in _LEADER_ENDS else entry
        if first and entry == first:
            return parts, index
        if not _listed(parts, entry, lines[index]):
            break
        first = first or (entry if parts else "")
    return [], 0


def _listed(parts: list[_Part], entry: str, line: Line) -> bool:
    """Add a 目录's entry to its parts (a part, or an item of the last); False: a line before any part that is none."""
    part, item = _PART.match(entry), _ITEM.fullmatch(entry)
    if part:
        parts.append(_Part(part.group(1)))
    elif item and parts:
        parts[-1].items.setdefault(item.group(1), (item.group(2), line))
    return bool(parts) or not entry


def _bodies(lines: list[Line], numerals: set[str]) -> dict[str, list[Line]]:
    """Each part's lines in the body, from its heading to the next part's (its first heading of that number)."""
    bodies: dict[str, list[Line]] = {}
    current: list[Line] | None = None
    for line in lines:
        part = _PART.match(line.bare) if "部分" in line.bare else None
        if part and part.group(1) in numerals and part.group(1) not in bodies:
            current = bodies.setdefault(part.group(1), [line])
        elif part:
            current = None
        elif current is not None:
            current.append(line)
    return bodies


