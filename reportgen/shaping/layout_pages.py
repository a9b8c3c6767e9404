"""A layout's pages, as data in its 版式.yaml: the cover page (封面: its lines' words, sizes, faces and
places, its page turned or not) and the heading levels that start a new page (新页). layouts.py reads
them with the rest of a layout; the narrative fills a cover's words in with the source's facts.

    封面:
      横向: true                       # the cover's page is landscape (上海's budgets)
      行:
        - {文字: ["{地区}{年}年{级次}部门预算", "{地区}{年}年区级部门预算", "{部门}{年}年部门预算"], 字号: 36, 字体: 楷体,
           上空: 80, 一行: true}
        - {文字: "预算主管部门：{部门}", 字号: 小二, 字体: 楷体, 上空: 60}
    新页: [1]                          # each part (a level 1 heading) starts a new page

A line's 行距 sets its line exactly (the 决算 样张's two 36-point lines stand 62.4 points apart).
A line too long for the page is kept to one line in a smaller size (一行: true), or broken after the
last of its 折行于 words that leaves the first line fitting (折行于: [区委, 区]: “中共上海市普陀区委 /
社会工作部”), never inside a word.

A line's 文字 may list alternatives: the first whose facts the source gives all of is printed; a line
none of whose alternatives the source gives is left out (nothing is printed the source does not say).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from reportgen.base.errors import Internal, shown_text
from reportgen.base.patterns import regex
from reportgen.docmodel.document import Cover, CoverLine

# What a cover's words may name: the source's facts (title_values in narrative.py gives them)
COVER_FACTS = ("年", "上年", "部门", "地区", "级次")
COVER_FONTS = ("楷体", "黑体", "仿宋", "宋体", "小标宋")
# The sizes by their names (as layouts.SIZES, with the cover's larger ones)
COVER_SIZES = {"初号": 42.0, "小初": 36.0, "一号": 26.0, "小一": 24.0, "二号": 22.0, "小二": 18.0, "三号": 16.0,
               "小三": 15.0, "四号": 14.0, "小四": 12.0}
_FACT = regex(r"\{([^{}]*)\}")
_LINE_KEYS = {"文字", "字号", "字体", "上空", "一行", "折行于", "行距"}


@dataclass(frozen=True)
class CoverLineSpec:
    """A cover line as the layout writes it: its alternative words (facts unfilled), size, face,
    space above and whether it is kept to one line."""

    words: tuple[str, ...]
    points: float
    font: str
    space_before: float
    one_line: bool
    breaks: tuple[str, ...] = ()
    line_points: float | None = None


@dataclass(frozen=True)
class CoverSpec:
    lines: tuple[CoverLineSpec, ...]
    landscape: bool = False

    def names(self, fact: str) -> bool:
        """Whether any line's words name ``fact`` (地区 …)."""
        return any(f"{{{fact}}}" in words for line in self.lines for words in line.words)

    def filled(self, facts: dict[str, str]) -> Cover | None:
        """The cover with the source's ``facts`` (年, 部门, 地区 …; a fact the source does not give
        is absent or ""): each line in the first of its words whose facts are all given; None when
        no line is."""
        lines = []
        for line in self.lines:
            words = next((w for w in line.words if all(facts.get(name) for name in _FACT.findall(w))), None)
            if words is not None:
                text = _FACT.sub(lambda m: facts[m.group(1)], words)
                lines.append(CoverLine(text, line.points, line.font, line.space_before,  # type: ignore[arg-type]
                                       line.one_line, line.breaks, line.line_points))
        return Cover(tuple(lines), self.landscape) if lines else None


def cover_spec(value: object, at: str) -> CoverSpec | None:
    """封面: false (no cover page), or {横向: …, 行: [line, …]}, every line checked; LayoutError's
    message (raised by the caller) names ``at``, the file and line."""
    if value in (False, None):
        return None
    if not isinstance(value, dict) or not set(value) <= {"横向", "行"} or not isinstance(value.get("行"), list) \
            or not 1 <= len(value["行"]) <= 2 or not isinstance(value.get("横向", False), bool):
        raise PageSettingError(f"{at}: “封面”应为 false，或含“行”（封面的一至两行：标题与其下的一行）与可选的“横向”（true/false）的映射；"
                               f"如 封面: {{横向: true, 行: [{{文字: \"{{地区}}{{年}}年{{级次}}部门预算\", 字号: 36, 字体: 楷体, 上空: 80}}, "
                               f"{{文字: \"预算主管部门：{{部门}}\", 字号: 小二, 字体: 楷体}}]}}")
    lines = tuple(_cover_line(line, at, index) for index, line in enumerate(value["行"], 1))
    return CoverSpec(lines, bool(value.get("横向", False)))


def _cover_line(line: object, at: str, index: int) -> CoverLineSpec:
    where = f"{at}: “封面.行”的第 {index} 行"
    if not isinstance(line, dict) or not set(line) <= _LINE_KEYS or "文字" not in line or "字号" not in line:
        raise PageSettingError(f"{where}应为含“文字”与“字号”的映射，可用的键：{'、'.join(sorted(_LINE_KEYS))}；"
                               f"如 封面: {{横向: true, 行: [{{文字: \"{{地区}}{{年}}年{{级次}}部门预算\", 字号: 36, 字体: 楷体, 上空: 80}}, "
                               f"{{文字: \"预算主管部门：{{部门}}\", 字号: 小二, 字体: 楷体}}]}}")
    words, points = _line_words(line, where), _line_points(line, where)  # checked in the order they are told
    return CoverLineSpec(words, points, _line_font(line, where), _line_before(line, where),
                         _one_line(line, where), _line_breaks(line, where), _line_pitch(line, where, points))


def _line_words(line: dict[str, Any], where: str) -> tuple[str, ...]:
    """文字: one text, or its forms (the first whose facts the source gives all of), each fact known."""
    words = line["文字"] if isinstance(line["文字"], list) else [line["文字"]]
    if not words or not all(isinstance(w, str) and w.strip() for w in words):
        raise PageSettingError(f"{where}：“文字”应为一行文字，或几种写法的列表（用源文件给出了全部事实的第一种）")
    unknown = _unknown_facts(words)
    if unknown:
        raise PageSettingError(f"{where}：“文字”中的“{{{shown_text(unknown[0], 10)}}}”不是可用的事实，"
                               f"可用：{'、'.join('{' + f + '}' for f in COVER_FACTS)}")
    return tuple(words)


def _unknown_facts(words: list[str]) -> list[str]:
    """The facts ({名称}) a cover line's words name that a cover does not know, in order."""
    return [name for w in words for name in _FACT.findall(w) if name not in COVER_FACTS]


def _line_points(line: dict[str, Any], where: str) -> float:
    """字号: a size's name or points, 9 to 72."""
    points = COVER_SIZES.get(line["字号"]) if isinstance(line["字号"], str) else _points(line["字号"])
    if points is None or not 9 <= points <= 72:
        raise PageSettingError(f"{where}：“字号”应为字号（{'、'.join(COVER_SIZES)}）或 9 至 72 之间的磅数")
    return points


def _line_font(line: dict[str, Any], where: str) -> str:
    font = line.get("字体", "小标宋")
    if font not in COVER_FONTS:
        raise PageSettingError(f"{where}：“字体”应为 {'、'.join(COVER_FONTS)} 之一，不是“{shown_text(font, 20)}”")
    return str(font)


def _line_before(line: dict[str, Any], where: str) -> float:
    before = _points(line.get("上空", 0))
    if before is None or not 0 <= before <= 400:
        raise PageSettingError(f"{where}：“上空”应为这一行上方留出的磅数（0 至 400）")
    return before


def _one_line(line: dict[str, Any], where: str) -> bool:
    if not isinstance(line.get("一行", False), bool):
        raise PageSettingError(f"{where}：“一行”应为 true（字号缩小到放得下一行为止，不在词中折行）或 false")
    return bool(line.get("一行", False))


def _line_breaks(line: dict[str, Any], where: str) -> tuple[str, ...]:
    breaks = line.get("折行于", [])
    if not isinstance(breaks, list) or not all(isinstance(b, str) and b for b in breaks):
        raise PageSettingError(f"{where}：“折行于”应为可以在其后折行的词的列表，如 [区委, 区]（一行放不下时在最后一个放得下的词后折行）")
    return tuple(breaks)


def _line_pitch(line: dict[str, Any], where: str, points: float) -> float | None:
    """行距: the line's exact pitch, at least its size and at most 120 points; None (single) unless given."""
    if "行距" not in line:
        return None
    pitch = _points(line["行距"])
    if pitch is None or not points <= pitch <= 120:
        raise PageSettingError(f"{where}：“行距”应为这一行的固定行距（磅数，不小于字号，至多 120），不写为单倍行距")
    return pitch


def new_page_levels(value: object, at: str) -> frozenset[int]:
    """新页: the heading levels that start a new page ([1]: each part), or [] for none."""
    if not isinstance(value, list) or not all(type(v) is int and 1 <= v <= 5 for v in value):
        raise PageSettingError(f"{at}: “新页”应为另起一页的标题层级的列表，如 [1]（每一部分另起一页），或 []")
    return frozenset(value)


def _points(value: object) -> float | None:
    if isinstance(value, bool) or not isinstance(value, (int, float, Decimal)):
        return None
    return float(value)


class PageSettingError(Internal):
    """A 封面 or 新页 that cannot be used; layouts.py raises it again as its LayoutError."""
