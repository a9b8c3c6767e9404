"""正文金额: the amounts a narrative sentence states that no table prints and no other key holds
(湖州 “各单位培训费预算54.98万元”, 杭州 “委托业务费财政拨款预算总额236.75万元”), by name, each with its prior year's where the sentence
compares it. import --learn-layout writes them; a learned sentence prints them (docs/source-format.md “正文金额”)."""

from __future__ import annotations

from typing import Any

from reportgen.base.patterns import regex
from reportgen.docmodel.model import NarrativeAmount
from reportgen.source.core import SourceReader

# a name: a line of words and figures, no mark a template or a YAML key would read otherwise (quotes, braces, \)
NAME = regex(r"^[^\s'\"{}\\<>|%#]{1,40}$")


def narrative_amounts(reader: SourceReader, section: Any) -> dict[str, NarrativeAmount]:
    """正文金额, by name: each name checked (a name, on one line, at most 40 characters, no quote nor brace), its 本年 and
    上年 read as the source's other amounts are."""
    if not section:
        return {}
    out: dict[str, NarrativeAmount] = {}
    for name, item in section.items():
        line = reader.line(section, str(name), f"正文金额.{name}")
        if not NAME.match(str(name)):
            reader.error("R-正文金额", f"正文金额的名称“{str(name)[:40]}”不是一个名称：应写在一行内、不超过 40 个字，"
                         "不含空格、引号、括号｛｝、反斜杠、尖括号、竖线、百分号与井号", line, f"正文金额.{name}")
            continue
        out[str(name)] = NarrativeAmount(current=reader.opt_amount(item, "本年"), prior=reader.opt_amount(item, "上年"),
                                         line=line)
    return out
