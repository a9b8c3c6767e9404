"""The 目录 a published document prints on one of its first pages: where it is, its entries, and the words of its
top-level entries with the numbering style they open with (the learned layout's 目录, 部分 and 编号; the learned
words' parts where the body prints them without their numbers: 上海's “其他相关情况说明”)."""

from __future__ import annotations

from reportgen.base.patterns import regex
from reportgen.importing.text.text_parts import contents_entries, contents_start, unpaged
from reportgen.readers.text.lines import Line

# the numbering styles a 目录's lines open with, outermost first, each with its layout numbering
STYLES = (regex(r"^第[一二三四五六七八九十]{1,3}部分"), regex(r"^[一二三四五六七八九十]{1,3}、"),
          regex(r"^（[一二三四五六七八九十]{1,3}）"), regex(r"^\d{1,2}[.．、]"))
_NUMBERINGS = ("第{一}部分", "{一}、", "（{一}）", "{1}.")
start = contents_start  # the index of the line saying 目录 on one of the first pages (text_parts, which reads it too)
entries = contents_entries  # the lines after the 目录's title on its page, spaces taken out


def top(listed: list[str]) -> list[str]:
    """The 目录's entries ``listed`` numbered in the outermost style any is, their numbers, leader dots and pages off."""
    return top_styled(listed)[1]


def top_styled(listed: list[str]) -> tuple[str, list[str]]:
    """The layout numbering of the outermost style the entries ``listed`` are numbered in (“{一}、”) and the words of
    those entries, a colon setting them off from the number aside (西安 2025's “第一部分：部门概况”: 部门概况); ("", [])
    where none is numbered."""
    for style, numbering in zip(STYLES, _NUMBERINGS, strict=True):
        found = [unpaged(style.sub("", entry)).lstrip("：:") for entry in listed if style.match(entry)]
        if found:
            return numbering, found
    return "", []


def top_of(lines: list[Line]) -> tuple[str, list[str]]:
    """top_styled of the document's 目录; ("", []) where it prints none."""
    first = start(lines)
    return top_styled(entries(lines, first)) if first is not None else ("", [])
