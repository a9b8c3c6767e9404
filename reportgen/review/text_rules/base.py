"""What the text rules read (``Text``: a document's words joined as a reader reads them, its year,
kind and level). The rules are registered in the one registry of rules, ``@rule(id, TEXT)``
(reportgen/base/rules.py)."""

from __future__ import annotations

import functools
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass
from itertools import chain, starmap
from pathlib import Path

import yaml

from reportgen.base.errors import Finding
from reportgen.base.patterns import regex
from reportgen.readers.text.lines import Line
from reportgen.readers.text.statements import STARTS_ANEW, folios

WORDS: dict[str, list] = yaml.load(Path(__file__).with_name("words.yaml").read_text(encoding="utf-8"),
                                   Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
_CLAUSE_ENDS = frozenset("。；;：:！？")  # a line ending so (or in a digit) is not continued by the next
# (the year looked behind from its end: the search starts only at digits)
_FINAL_TITLE = regex(r"(\d{4})(?<![比较与]\d{4})\s*年度\s*(?:部门|单位)?决算(?!数?相比|数?比较)")
_BUDGET_TITLE = regex(r"(\d{4})\s*年度?\s*(?:部门|单位)预算(?!执行)")
_MAKER = regex(r"编制(部门|单位)[：:]\s*(\S{2,40})")
_LEVEL = regex(r"[区县]")


@dataclass(frozen=True)
class Text:
    """A document's words as the rules read them: ``flow`` is its lines joined as a reader reads them —
    a line that breaks inside a sentence continues on the next, one that ends a clause (or a table
    row's figure, or a line that starts anew) is set apart by a newline — and ``starts`` where each
    line begins in it. ``year``: the year the document is of (None: not known); ``final``: a 部门决算;
    ``unit_document``: a 单位 (not a 部门) document; ``level``: the 区/县/市 its maker belongs to
    (“” when its name does not say); ``source_year``: the year of the budget the source gives, which
    the draft is reviewed against (None: reviewed without a source)."""

    file: str
    lines: list[Line]
    flow: str
    starts: list[int]
    year: int | None
    final: bool
    unit_document: bool
    level: str
    source_year: int | None = None
    table_rows: frozenset[int] = frozenset()  # the numbers of the lines that are rows of a table

    def line_at(self, offset: int) -> int:
        return self.lines[bisect_right(self.starts, offset) - 1].number if self.lines else 0

    def warning(self, rule: str, offset: int, message: str) -> Finding:
        return Finding("warning", rule, message, self.file, self.line_at(offset))


@functools.lru_cache(maxsize=2)  # five rules of one document ask for it: made once (its callers only read it)
def bare_flow(flow: str) -> tuple[str, list[int]]:
    """The flow without spaces and line breaks, and where in the flow each of its characters stands."""
    # by runs of characters (\S is what str.isspace is not), each run's places made in C: not a test per character
    at = list(chain.from_iterable(starmap(range, (run.span() for run in _RUN.finditer(flow)))))
    return "".join(flow.split()), at


_RUN = regex(r"\S+")


def read_text(lines: list[Line], year: int | None, file: str, table_rows: frozenset[int] = frozenset(),
              source_final: bool = False) -> Text:
    """The document's Text; ``year`` is the budget's (a 决算 names its own year in its titles);
    ``table_rows``: the numbers of the lines the reading found to be rows of a table; ``source_final``:
    the source it is read with is a 部门决算 (then so is the text, of the source's year). A page's number
    printed bare as its last line is no word of the sentence it interrupts (“增长（减” / “28” / “少）”)."""
    numbers = folios(lines)
    kept = [line for index, line in enumerate(lines) if line.bare and index not in numbers]
    flow, starts = _joined(kept)
    # (each title says 决算; a text none of whose titles does is no 决算, whatever budget titles it has)
    finals = Counter(int(m.group(1)) for m in _FINAL_TITLE.finditer(flow)) if "决算" in flow else Counter()
    final = bool(finals) and sum(finals.values()) > len(_BUDGET_TITLE.findall(flow))
    own_year = finals.most_common(1)[0][0] if final else year
    final = final or source_final
    return Text(file, kept, flow, starts, own_year, final, _unit_document(flow), _level(flow), year, table_rows)


def _joined(kept: list[Line]) -> tuple[str, list[int]]:
    """The lines' words joined as a reader reads them (a line that ends a clause, or one that starts anew, set apart
    by a newline), and where each line begins in them."""
    parts: list[str] = []
    starts: list[int] = []
    length = 0
    for line in kept:
        text = line.bare
        if parts and (_ends_clause(parts[-1]) or STARTS_ANEW.match(text)):
            parts.append("\n")
            length += 1
        starts.append(length)
        parts.append(text)
        length += len(text)
    return "".join(parts), starts


def _ends_clause(text: str) -> bool:
    """Whether a line's words (stripped) end a clause: a mark of _CLAUSE_ENDS or a digit last."""
    last = text[-1:]
    return last in _CLAUSE_ENDS or last.isdecimal()



def _unit_document(flow: str) -> bool:
    """Whether the tables say 编制单位 more often than 编制部门 (a 单位预算's tables are the unit's)."""
    makers = Counter(m.group(1) for m in _MAKER.finditer(flow))
    return makers["单位"] > makers["部门"]


def _level(flow: str) -> str:
    """区, 县 or 市: the level of government of the document's maker, as its name (编制部门：上海市普陀区
    司法局) says it in its first words; “” when no maker is named."""
    makers = Counter(m.group(2) for m in _MAKER.finditer(flow))
    if not makers:
        return ""
    name = makers.most_common(1)[0][0]
    place = _LEVEL.search(name[:8])
    return place.group() if place else "市" if "市" in name[:5] else ""
