"""The value above which equipment is counted (国有资产占用情况: “单位价值100万元以上的设备0台（套）”, “单价50万元以上通用设备”,
上海's “单价100万元（含）以上设备（不含车辆）”)
said otherwise in one document: each region counts 设备 from one value (100 万元 in every 2019–2026 budget of our corpora,
50 万元 its 通用设备; 河北 2020 20 万元), and a document says it the same each time — its 占用 and its 购置 alike
(北京, 深圳, 烟台 say it two or three times). A value no other mention of that kind of equipment in the document shares is
told (深圳市规划和自然资源局大鹏管理局 2026 “单价 100 万元以上设备” printed “单价 120 万元以上设备” in one place of two).
The words are data (words.yaml: 设备的价值标准)."""

from __future__ import annotations

from collections.abc import Iterator

from reportgen.base.errors import Finding
from reportgen.base.patterns import regex
from reportgen.base.rules import TEXT, rule
from reportgen.review.text_rules.base import WORDS, Text, bare_flow

_SAID = regex(rf"(?:{'|'.join(WORDS['设备的价值标准'])})在?(?P<value>\d++(?:\.\d++)?+)万元(?:[（(]含[）)])?及?以上的?"
              rf"(?P<kind>{'|'.join(WORDS['设备的种类'])})?设备")
_GENERAL = "通用"  # 通用设备 are counted from another value than the rest (专用, 大型, or 设备 alone)


@rule("R-设备标准", TEXT)
def equipment_values(text: Text) -> Iterator[Finding]:
    """R-设备标准: the value equipment is counted from, said of one kind of equipment with another value than every other
    time the document says it (the values said more often, or first, being the document's)."""
    words, at = bare_flow(text.flow)
    kinds: dict[bool, list[tuple[str, int]]] = {}
    for match in _SAID.finditer(words):
        kinds.setdefault(match.group("kind") == _GENERAL, []).append((match.group("value"), match.start()))
    for said in kinds.values():
        values = [value for value, _ in said]
        usual = max(set(values), key=lambda value: (values.count(value), -values.index(value)))
        for value, start in said:
            if value != usual:
                yield text.warning("R-设备标准", at[start], f"设备的价值标准写作 {value} 万元，本文件别处写作 {usual} 万元"
                                   "（“单价/单位价值……万元以上”）：同一文件中应相同，请核对")
