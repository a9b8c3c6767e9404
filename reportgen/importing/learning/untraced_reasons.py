"""Why a published sentence was not learned with fields in place of its figures (issue 80 part 2): the class of the
first figure no field is found for, as `python -m bench.learned_words --why` counts them. A diagnosis, not a
repair: it says what the source would have to hold (or the words to say) for the sentence to be traced.

The classes, by the figure's unit and what the source holds:
- 生成不同: each figure traced, but the sentence rendered from its fields is not the published one;
- 车辆数 / 设备数 / 人数 / 机构或项目数: a count (辆, 台, 人, 个 …) the source holds none of, or none the words name;
- 增幅 / 占比 / 百分数: a rate of change, a share, another percent no field (nor two fields' share) prints;
- 亿元: an amount in 亿元 (no field is printed so);
- 同值未点名: fields print the figure, the sentence's words name none of them (or two alike), or name another item by
  its code or a line's level (西安 “机关工资福利支出（501）”: 301 prints alike, sentence_tracing._of_the_item);
- 别的单位或取整: a field prints it in another unit or at other decimals (truncated, 元 for 万元 …);
- 上年的数: last year's figure of a change the source holds, said where no comparison's words precede it;
- 两数之和或差: the sum or difference of two fields the source holds (no field of its own);
- 变化（源文件没有上年数）: the amount of a change (after 增加/减少) of a figure whose last year the source does not hold;
- 表格或页面杂项: a table's cells or page furniture read into the sentence (a page number, a figure without its unit
  run into words: “其他资金0.00通过专栏……”);
- 源文件没有: a figure no field of the source holds, in any of these ways."""

from __future__ import annotations

import re
from decimal import Decimal
from itertools import combinations
from typing import Any

from reportgen.base.patterns import regex
from reportgen.compute import quantize_half_up
from reportgen.compute.phrasing import UNIT_FACTOR
from reportgen.importing.learning import learned_words as lw
from reportgen.importing.learning import published_sentences as ps
from reportgen.importing.learning import sentence_fields as sf
from reportgen.importing.learning import sentence_tracing as st

CLASSES = ("生成不同", "车辆数", "设备数", "人数", "机构或项目数", "增幅", "占比", "百分数", "亿元", "同值未点名",
           "别的单位或取整", "上年的数", "两数之和或差", "变化（源文件没有上年数）", "表格或页面杂项", "源文件没有")
NO_FIELD = "源文件没有"  # (learned_amounts: a named amount of this class is written into the source as 正文金额)
SHARED = "同值未点名"  # (… and of this class where its name is a quantity's no field holds: learned_amounts)
_FURNITURE = regex(r"[-—－]\s*\d{1,3}\s*[-—－]|第\d+页|共\d+页")
# a figure without a unit run into words (“其他资金0.00通过……”; 2,411.16平方米 has its unit)
_CELLS = regex(r"(?<![\d.])\d[\d,]*\.\d+(?=[\u4e00-\u9fff])(?![万亿元]|平方米)")
_PAIRED = 60  # the amounts whose sums and differences are tried (the first: totals and their parts)


def reason(sentence: ps.Sentence, why: str, known: tuple[list[sf.Field], list[sf.Field]], context: dict[str, Any],
           before: tuple[list[str], st.Style, str]) -> tuple[str, str]:
    """The class of an untraced sentence (CLASSES) and the figure it is of ('' where none is)."""
    text = sentence.text
    if _FURNITURE.search(text) or _CELLS.search(text):
        return "表格或页面杂项", ""
    if why == lw.WHY_DIFFERENT:
        return "生成不同", ""
    said, style, subject = list(before[0]), before[1], before[2]
    body = ps._NUMBERING.match(text)
    quoted = st._quoted(text, st._texts(context))
    dept = st.department_words(context)
    for match in ps._FIGURE.finditer(text, body.end() if body else 0):
        if st._words_alone(match, text, quoted):
            continue
        piece = st._figure(text, match, known, said, style, subject, dept)
        if piece is None:
            return _figure_class(match, known), match.group(0)
        said.append(piece[2].expr if piece[2] is not None else piece[1])
    return "生成不同", ""


def _figure_class(match: re.Match[str], known: tuple[list[sf.Field], list[sf.Field]]) -> str:
    number, unit = match.group("n"), match.group("unit") or ""
    if unit in ("%", "％"):
        return _percent_class(match.string[:match.start()])
    if unit and unit not in UNIT_FACTOR:
        return "亿元" if unit == "亿元" else _count_class(unit, match.string[:match.start()])
    value = Decimal(number.replace(",", ""))
    places = len(number.split(".")[1]) if "." in number else 0
    kind = _amount_class(value, places, UNIT_FACTOR.get(unit or "万元", UNIT_FACTOR["万元"]), known)
    if kind == "源文件没有" and re.search(r"(?:增加|减少|增长|下降)了?$", match.string[:match.start()]):
        return "变化（源文件没有上年数）"
    return kind


def _percent_class(before: str) -> str:
    """A percent's class by the words before it: a rate of change, a share, another."""
    if re.search("(增长|下降|增幅|降幅|上升|减少|增加)[^，。；]{0,4}$", before):
        return "增幅"
    return "占比" if "占" in before[-16:] else "百分数"


def _amount_class(value: Decimal, places: int, factor: Decimal, known: tuple[list[sf.Field], list[sf.Field]]) -> str:
    money, priors, firsts = _values(known)
    if _prints(money, value, places, factor):
        return SHARED
    if any(_printed_otherwise(v, value, places, factor) for v in money):
        return "别的单位或取整"
    if _prints(priors, value, places, factor):
        return "上年的数"
    return "两数之和或差" if value and _sum_or_difference(value, places, factor, firsts) else "源文件没有"


def _values(known: tuple[list[sf.Field], list[sf.Field]]) -> tuple[list[Decimal], list[Decimal], list[Decimal]]:
    """The amounts the source holds (its changes' with them), last year's of its changes, and its first amounts
    (the totals and their parts, _PAIRED) whose sums and differences are tried."""
    amounts, changes = known
    money = [a.value for a in amounts if not a.count] + [c.value.amount for c in changes]
    priors = [c.prior_value for c in changes if isinstance(c.prior_value, Decimal)]
    return money, priors, [a.value for a in amounts if not a.count and a.value][:_PAIRED]


def _prints(amounts: list[Decimal], value: Decimal, places: int, factor: Decimal) -> bool:
    """Whether one of ``amounts`` prints ``value`` (in the unit of ``factor``, at ``places``)."""
    return any(quantize_half_up(v / factor, places) == value for v in amounts)


def _sum_or_difference(value: Decimal, places: int, factor: Decimal, amounts: list[Decimal]) -> bool:
    """Whether two of ``amounts`` added, or one less the other, print ``value``."""
    return any(quantize_half_up((x + y) / factor, places) == value or quantize_half_up(abs(x - y) / factor, places) == value
               for x, y in combinations(amounts, 2))


def _count_class(unit: str, before: str) -> str:
    """The class of a count by its unit and the words before it."""
    if unit in ("人", "名"):
        return "人数"
    if unit == "辆" or before.endswith("车辆"):
        return "车辆数"
    return "设备数" if unit in ("台", "套") else "机构或项目数"


def _printed_otherwise(amount: Decimal, value: Decimal, places: int, factor: Decimal) -> bool:
    """Whether an amount prints ``value`` in another unit, or cut (not rounded) at ``places``, or rounded at fewer."""
    for unit_factor in UNIT_FACTOR.values():
        shown = amount / unit_factor
        if unit_factor != factor and quantize_half_up(shown, places) == value and value:
            return True
    shown = amount / factor
    cut = shown.quantize(Decimal(1).scaleb(-places), rounding="ROUND_DOWN")
    return bool(value) and (cut == value or any(quantize_half_up(shown, p) == value for p in range(places)))
