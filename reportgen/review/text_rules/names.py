"""The maker's name printed otherwise than the document names it: a table's title naming the 市's office of
the same name (“上海市规划和自然资源局2024年度部门决算表” in 上海市普陀区规划和自然资源局's 决算: the 市's title
kept), or the name with one of its joining words changed (“上海市普陀区规划与自然资源局”)."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

from reportgen.base.errors import Finding
from reportgen.base.patterns import regex
from reportgen.base.rules import TEXT, rule
from reportgen.review.text_rules.base import WORDS, Text

# the name a title gives its maker: the Han words before the year of a 部门/单位 预算/决算 (“第二部分上海市普陀区
# 规划和自然资源局2024年度部门决算”), its part or item number left out
_TITLED = regex(r"([\u4e00-\u9fff（）]{4,40})(?=(?:19|20)\d\d年度?(?:部门|单位)(?:预算|决算))")
_MAKER = regex(r"编制(?:部门|单位)[：:]([\u4e00-\u9fff（）]{4,40})")
_PART = regex(r"^(?:第[一二三四五六七八九十]+部分|[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)])")
_PLACE = regex(rf"[\u4e00-\u9fff]{{1,6}}?[{''.join(WORDS['地名的末字'])}]")
_SWAPPED = [(a, b) for a, b in WORDS["名称中易混的字"]] + [(b, a) for a, b in WORDS["名称中易混的字"]]


def _names(text: Text) -> list[tuple[int, str]]:
    """Each name a title or a maker line gives (its line, its words)."""
    out = []
    for line in text.lines:
        for found in (*_titled(line.bare), *(_MAKER.finditer(line.bare) if "编制" in line.bare else ())):
            out.append((line.number, _PART.sub("", found.group(1))))
    return out


def _titled(bare: str) -> Iterator[re.Match[str]]:
    """_TITLED's matches in a line, looked for only where it has the words they end with: the pattern tries each
    length of each run of Han characters (a review's text rules spent a tenth of their time on it)."""
    if "年" in bare and ("部门" in bare or "单位" in bare) and ("预算" in bare or "决算" in bare):
        yield from _TITLED.finditer(bare)


def own_name(named: list[tuple[int, str]]) -> str:
    """The name most titles give (one that others end with: “纳入上海市普陀区…” is that name); "" when none
    is given twice."""
    said = Counter(name for _, name in named)
    ends = {name: sum(n for other, n in said.items() if other.endswith(name)) for name in said}
    best = max(ends, key=lambda name: (ends[name], len(name)), default="")
    return best if ends.get(best, 0) >= 2 else ""


def _without_place(name: str) -> Iterator[tuple[str, str]]:
    """The name with the place inside a place left out (“上海市普陀区X局” → “上海市X局”, “普陀区”: the office of
    the level above), not its last words; never its first place (“民政局” is no title's name)."""
    for start in range(1, len(name)):
        place = _PLACE.match(name, start)
        if place and _PLACE.fullmatch(name, 0, start) and place.end() < len(name) - 1:
            yield name[:start] + name[place.end():], place.group()


@rule("R-部门名称", TEXT)
def maker_named_otherwise(text: Text) -> Iterator[Finding]:
    """R-部门名称: a title naming the maker without the place its name has (the 市's office of the same
    name), and the maker's name with a joining word changed (和 for 与), each told once with its other lines."""
    named = _names(text)
    own = own_name(named)
    if not own:
        return
    shorter = dict(_without_place(own))
    for line, name in named:
        left_out = next((place for short, place in shorter.items() if name.endswith(short)), None)
        if not name.endswith(own) and left_out:
            yield Finding("warning", "R-部门名称", f"标题写作“{name}”，本文件的其他标题写作“{own}”：少了“{left_out}”，"
                          "是否套用了别的部门（上级）的标题？", text.file, line)
    yield from _swapped(text, own)


def _swapped(text: Text, own: str) -> Iterator[Finding]:
    for at, char in enumerate(own):
        for was, now in _SWAPPED:
            if char != was:
                continue
            other = own[:at] + now + own[at + 1:]
            starts = [m.start() for m in re.finditer(re.escape(other), text.flow)]
            if starts:
                lines = sorted({text.line_at(start) for start in starts[1:]} - {text.line_at(starts[0])})
                also = f"（又见第 {'、'.join(map(str, lines))} 行）" if lines else ""
                yield text.warning("R-部门名称", starts[0], f"写作“{other}”{also}，本文件其他各处写作“{own}”："
                                   "名称应前后一致")
