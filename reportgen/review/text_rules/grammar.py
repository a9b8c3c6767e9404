"""A sentence's words out of their order or one left out where every budget says them alike: a figure whose unit
stands after the 为 that should come before the figure (“2026年预算数3,623.98为万元”: 预算数为 3,623.98 万元), and
a reason announced with no verb before it (“决算数小于预算数的主要原因相关工作未按计划开展”: 主要原因是).

Each reads the prose alone (as mechanical.py: a table's cells are no sentence) and quotes the words as printed;
bench/wording_checks.py measures each on every corpus document."""

from __future__ import annotations

import re
from collections.abc import Iterator

from reportgen.errors import Finding
from reportgen.review.text_rules.base import Text, bare_flow
from reportgen.review.text_rules.mechanical import prose_lines
from reportgen.rules import TEXT, rule

# a figure, then 为, then its unit: 为 never stands between a figure and its unit (“转化为万元时” has no figure before)
_UNIT_AFTER_VERB = re.compile(r"(?<![\d.,])(\d[\d,]*(?:\.\d+)?)为(万元|亿元|千元|元)")
# 主要原因 followed by Han words that neither link it to the reason (是, 为, 系, 在于, 有, 包括 …) nor name it (说明,
# 分析, 如下), nor number it (一是): the reason's clause right after the noun, its verb left out
_REASON_WITHOUT_VERB = re.compile(r"主要原因(?![是为系在有如包说分一及和与])(?=[\u4e00-\u9fff])")


@rule("R-语序", TEXT)
def words_out_of_order(text: Text) -> Iterator[Finding]:
    """R-语序: a figure with 为 between it and its unit (“预算数3,623.98为万元”), and 主要原因 followed at once by the
    reason's own clause (“主要原因相关工作未按计划开展”), in a line of prose."""
    prose = prose_lines(text)
    bare, at = bare_flow(text.flow)
    for match in _UNIT_AFTER_VERB.finditer(bare):
        if text.line_at(at[match.start()]) in prose:
            said = bare[max(0, match.start() - 6):match.end()]
            yield text.warning("R-语序", at[match.start()], f"“{said}”：“为”与单位“{match.group(2)}”颠倒了，应为"
                               f"“为{match.group(1)}{match.group(2)}”")
    for match in _REASON_WITHOUT_VERB.finditer(bare):
        if text.line_at(at[match.start()]) in prose:
            said = bare[match.start():match.end() + 8]
            yield text.warning("R-语序", at[match.start()], f"“{said}”：“主要原因”之后缺少“是”，应为“主要原因是……”")
