"""A table's “本表为空表” note that cannot be its own: it names another budget than the table's
(“无政府性基金预算…故本表为空表” under the 国有资本经营预算 table, copied from the table before), or
the table it is under prints figures other than 0."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal

from reportgen.base.errors import Finding
from reportgen.base.patterns import regex
from reportgen.base.rules import TEXT, rule
from reportgen.readers.text.lines import Line
from reportgen.review.text_rules.base import Text

_TITLE = regex(r"^(?:表\s*\d+\s*)?(?:\d{4}年)?[\u4e00-\u9fff“”（）\"]{2,40}表(?:（[^）]*）)?$")
_TITLE_ENDS = ("表", "）")  # what a line _TITLE matches ends in
_EMPTY = "为空表"  # 本表为空表
_BUDGETS = ("政府性基金", "国有资本经营", "三公", "机关运行经费")
# 47.91, 4,791,000; from the digit it starts at (the search skips to digits; the lookbehind looks past it)
_FIGURE = regex(r"\d(?<![\d.,]\d)(?:[\d,]*\.\d+|\d{0,2}(?:,\d{3})+(?![\d,]))")


@dataclass
class _Table:
    title: Line
    words: str  # its title and header, where the budget it is of is named
    figures: list[str] = field(default_factory=list)


@rule("R-空表说明", TEXT)
def empty_notes(text: Text) -> Iterator[Finding]:
    """R-空表说明: the note names a budget its table is not of, or its table prints figures."""
    table: _Table | None = None
    for line in text.lines:
        said = line.bare
        if said.endswith(_TITLE_ENDS) and _TITLE.match(said):
            table = _Table(line, said)
        elif table is not None and _EMPTY in said:
            yield from _judged(text, table, line, said)
            table = None
        elif table is not None:
            figures = _FIGURE.findall(said)
            table.figures += [f for f in figures if _not_zero(f)]
            if not figures:
                table.words += said


def _not_zero(figure: str) -> bool:
    """Whether a figure (digits, commas, a point) is not 0: one of its digits is not, where they are
    ASCII (its 0s, commas and points stripped, something is left); else as a Decimal says."""
    return figure.strip("0,.") != "" if figure.isascii() else Decimal(figure.replace(",", "")) != 0


def _judged(text: Text, table: _Table, note: Line, said: str) -> Iterator[Finding]:
    named = {b for b in _BUDGETS if b in said}
    own = {b for b in _BUDGETS if b in table.words}
    title = table.title.bare
    if named and own and not named & own:
        yield Finding("warning", "R-空表说明", f"“{said}”说的是{'、'.join(sorted(named))}，而它所在的表是“{title}”"
                      f"（{'、'.join(sorted(own))}）：是否照抄了上一张表的说明？", text.file, note.number)
    if table.figures:
        shown = "、".join(table.figures[:4]) + ("……" if len(table.figures) > 4 else "")
        yield Finding("warning", "R-空表说明", f"注明本表为空表，而“{title}”印有数字 {shown}：说明与表不符", text.file,
                      note.number)
