"""The slips of wording a writer leaves, each defined once: a placeholder (XX, 某某, 待填写,
增加（减少）), a template's braces ({单位}), a change word doubled (增加增加), 持平 said with a change
(增加持平), a punctuation mark doubled (。。). `check` finds them in a source's free text (R-占位文字:
“<where>中有<what>“…””), `review` in a draft's lines (R-文字: ``told``)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from reportgen.base.patterns import regex

PLACEHOLDERS = regex(r"XX|xx|××|某某|待填写|待补充|增加（减少）|增长（下降）|\?\?")
DOUBLED = regex(r"(增加|减少|增长|下降|主要用于|主要包括)\1")
BRACED = regex(r"\{[^{}]{1,12}\}")  # {单位} of a template; 【2016】 is a document number
BOTH_WAYS = regex(r"(增加|减少|增长|下降)持平|持平(增加|减少)")
REPEATED_PUNCTUATION = regex(r"([，。；、：！？])\1+")


@dataclass(frozen=True)
class Slip:
    """One slip: its ``pattern``, ``what`` a source's finding calls it, and the draft's finding
    ``told`` of the words matched ({})."""

    pattern: re.Pattern[str]
    what: str
    told: str


SLIPS = (Slip(PLACEHOLDERS, "遗留的占位文字", "留有占位文字“{}”：请换成实际内容"),
         Slip(BRACED, "模板的占位", "留有模板的占位“{}”：请换成实际内容"),
         Slip(DOUBLED, "重复的词语", "“{}”重复：请删去一个"),
         Slip(BOTH_WAYS, "自相矛盾的措辞（持平就不是增减）", "“{}”自相矛盾：持平就不是增减，请只写其一"),
         Slip(REPEATED_PUNCTUATION, "重复的标点", "标点“{}”重复"))
