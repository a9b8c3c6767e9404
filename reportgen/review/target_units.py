"""A 绩效目标表 indicator given a percentage where its like count: its name ends as the names of other indicators of
the document do, which all count in one unit (“开展社保领域审计项目 ≥ 7 个”, “开展国资国企及金融领域审计项目 ≥ 12
个”), and it alone says “%” (北京市审计局 2026, 预算表12: “开展信息化领域审计项目 ≥ 5 %”).

An indicator is read where a line prints a comparison and a value (“≥ 5 %”, “≥50人”, “>=12 次”, “＝ 100 %”): its name
the words right before the comparison, its unit the word right after the value (北京's 项目支出绩效目标表, 烟台's, 福州's
and 泉州's forms, 长春's “>=100 百分比”). Its like are the indicators whose names end in the same four characters — the
thing they count (审计项目, 培训人数). Told only where two or more of them count in one unit, none in a percentage, and
that unit is no time (进度 is given in months as well as in %: “资金支付进度 ≤ 12 月”) nor money. Measured on every
document of ../shared/corpus, its fresh1 and the 上海 corpus (北京's eight 报表 files, 烟台's eight documents, 福州, 泉州,
长春 …: some 13,000 indicators): the one told is 北京市审计局's."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from reportgen.base.errors import Finding
from reportgen.base.patterns import regex
from reportgen.readers.text.lines import Line
from reportgen.readers.text.statements import target_text_words

_COMPARED = regex(r"(?:≥|≤|＝|>=|<=|=|＞|＜|>|<)\s*+\d++(?:\.\d++)?+\s*+([%％‰]|[\u4e00-\u9fff]{1,4}+)?")
_HAN_END = regex(r"[\u4e00-\u9fff]{4}$")
_ENDING = 4  # characters of a name that say what it counts
_LIKE = 2  # indicators of the same ending, at least, counting in one unit


@dataclass(frozen=True)
class _Indicator:
    name: str
    unit: str
    line: Line


def _indicators(lines: list[Line]) -> list[_Indicator]:
    """Every indicator the lines print: the words before a comparison and the unit after its value."""
    out: list[_Indicator] = []
    for line in lines:
        for found in _COMPARED.finditer(line.text):
            before = line.text[:found.start()].split()
            if before and _HAN_END.search(before[-1]):
                out.append(_Indicator(before[-1], found.group(1) or "", line))
    return out


def percent_among_counts(lines: list[Line], document: Path) -> list[Finding]:
    """Each indicator in a percentage whose like all count in one unit: a finding each, at its line."""
    words = target_text_words()
    percent, uncounted = set(words["百分比的单位"]), set(words["不是计数的单位"])
    like: dict[str, list[_Indicator]] = defaultdict(list)
    for indicator in _indicators(lines):
        like[indicator.name[-_ENDING:]].append(indicator)
    out: list[Finding] = []
    for ending, indicators in like.items():
        found = _one_in_percent(indicators, percent, uncounted)
        if found is None:
            continue
        one, unit, others = found
        out.append(Finding("warning", "R-绩效目标", f"指标“{one.name}”的计量单位是“{one.unit}”，而同样计“{ending}”的其他"
                           f" {others} 个指标都以“{unit}”计：单位是否应为“{unit}”？", str(document), one.line.number))
    return out


def _one_in_percent(indicators: list[_Indicator], percent: set[str],
                    uncounted: set[str]) -> tuple[_Indicator, str, int] | None:
    """Of like indicators, the one in a percentage where all the others (enough of them: _LIKE) count in one unit that
    is a count: it, that unit, and how many the others are; None otherwise."""
    given = [i for i in indicators if i.unit in percent]
    others = [i for i in indicators if i.unit not in percent]
    unit = _one_count({i.unit for i in others}, uncounted)
    if len(given) != 1 or len(others) < _LIKE or unit is None:
        return None
    return given[0], unit, len(others)


def _one_count(units: set[str], uncounted: set[str]) -> str | None:
    """The one unit of counting (not a unit that counts nothing, not none) the units are; None otherwise."""
    if len(units) != 1 or units & uncounted or "" in units:
        return None
    return next(iter(units))
