"""Parts that exceed their whole: “共有车辆1辆，其中：部级领导干部用车1辆、主要领导干部用车1辆……”,
“地上建筑面积为8013平方米（其中计容面积7998平方米，不计容面积105平方米）”. Counts and areas only —
money is checked against the tables, and a 其中 of money may name only some of its parts."""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from reportgen.base.errors import Finding
from reportgen.base.patterns import regex
from reportgen.base.rules import TEXT, rule
from reportgen.review.text_rules.base import WORDS, Text

_UNITS = "|".join(re.escape(u) for u in sorted(WORDS["件数与面积的单位"], key=len, reverse=True))
_QUANTITY = regex(rf"(?<![\d.])(\d+(?:\.\d+)?)\s*({_UNITS})(?![\u4e00-\u9fff]*(?:元|万))")
_AMONG = regex(r"其中[：:，,]?")
_CHANGE_BEFORE = regex(r"(?:增加|减少|增长|下降|上升|降低|比|较)[^，、；]{0,6}$")
_ENDS = {"。", "；", ";", "\n"}
_NESTS = regex(r"包括|其中|含")


@rule("R-其中", TEXT)
def parts_over_whole(text: Text) -> Iterator[Finding]:
    """R-其中: the count or area before “其中” against the parts listed after it in the same clause
    (at its own bracket depth): parts that add up to more than the whole cannot all be so."""
    flow = text.flow
    for among in _AMONG.finditer(flow):
        whole = _whole_before(flow, among.start())
        if whole is None:
            continue
        amount, unit = whole
        parts = [Decimal(m.group(1)) for m in _parts_after(flow, among.end()) if m.group(2) == unit]
        if len(parts) >= 2 and sum(parts) > amount:
            yield text.warning("R-其中", among.start(), f"“其中”所列 {len(parts)} 项合计 {sum(parts)}{unit}，"
                               f"多于前面写的总数 {amount}{unit}：分项之和不能超过总数")


def _whole_before(flow: str, at: int) -> tuple[Decimal, str] | None:
    """The quantity that “其中” at ``at`` is of: the last one just before it (a bracket or a comma between)."""
    before = flow[max(0, at - 40):at]
    found = list(_QUANTITY.finditer(before))
    if not found or before[found[-1].end():].strip("（(，,：: ") != "":
        return None
    return Decimal(found[-1].group(1)), found[-1].group(2)


def _parts_after(flow: str, start: int) -> list[re.Match[str]]:
    """The quantities after “其中” at its bracket depth, up to the end of its clause or bracket; none
    where the list nests another without brackets (“48人，包括行政人员22人…”: which part is of which
    cannot be told)."""
    found: list[re.Match[str]] = []
    depth, i = 0, start
    while i < len(flow) and i - start < 400:
        ch = flow[i]
        if ch in "（(" or ch in "）)":
            if ch in "）)" and depth == 0:
                break
            depth += 1 if ch in "（(" else -1
        elif depth == 0:
            ended, i = _at_its_depth(flow, i, found)
            if ended is not None:
                return ended
            continue
        i += 1
    return found


def _at_its_depth(flow: str, i: int, found: list[re.Match[str]]) -> tuple[list[re.Match[str]] | None, int]:
    """What stands at ``i``, at the list's own bracket depth: the clause's end (the parts ``found``; none where
    another list nests in it), or a part (put in ``found``, a quantity said as a change none), or neither; and
    where the list goes on."""
    ch = flow[i]
    if ch in _ENDS or _NESTS.match(flow, i):
        return (found if ch in _ENDS else []), i
    match = _QUANTITY.match(flow, i) if ch.isdigit() and not (i and (flow[i - 1].isdigit() or flow[i - 1] == ".")) \
        else None
    if match is None:
        return None, i + 1
    if not _CHANGE_BEFORE.search(flow[max(0, i - 8):i]):
        found.append(match)
    return None, match.end()
