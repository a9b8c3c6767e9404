"""What a writer left in from the template: both words of a choice (“下降（增长）”), the template's
instruction to its writer (“（增加内容）”, “仍保留该表格式”), a reason or a figure announced and not
given (“主要原因是。”, “执行数为。”), a change printed without its unit (“增长 13.95。”)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from reportgen.checks.slips import PLACEHOLDERS
from reportgen.errors import Finding
from reportgen.review.text_rules.base import WORDS, Text
from reportgen.rules import TEXT, rule


def _alternatives(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_PAIRS = {(a, b) for a, b in WORDS["对立的增减词"]} | {(b, a) for a, b in WORDS["对立的增减词"]}
_CHOICE = re.compile(rf"({_alternatives(sorted({w for pair in _PAIRS for w in pair}))})[（(]"
                     rf"({_alternatives(sorted({w for pair in _PAIRS for w in pair}))})[）)]")
_INSTRUCTION_BRACKETED = re.compile(rf"[（(](?:{_alternatives(WORDS['模板说明'])})[）)]")
_INSTRUCTION = re.compile(_alternatives([w for w in WORDS["模板说明"] if len(w) >= 6]))
_GOES_ON = _alternatives(WORDS["待续的说法"])
_NOTHING_AFTER = re.compile(rf"({_GOES_ON})[：:]?\n?(?=[。；;])")
_JUNK_AFTER = re.compile(rf"({_GOES_ON})[：:]?([A-Za-z]{{1,8}})(?=\n?[。；;])")
_NO_FIGURE = re.compile(rf"({_alternatives(WORDS['待填的数'])})\n?(?=[。；;，,])")
_NO_FIGURE_OPENING = re.compile(rf"(?:^|(?<=[，,。；;：:\n]))[ \t]*+(?:(?:19|20)\d\d年度?)?"
                                rf"({_alternatives(WORDS['句首待填的数'])})\n?(?=[。；;，,])")
_CHANGE_WITHOUT_UNIT = re.compile(r"(?:增长|下降|增加|减少|上升|降低)(\d+\.\d+)(?=[。；;，,])")
# a colon that announces what follows, followed by the sentence's end, or by a year alone (烟台市教育局 2026:
# “烟台市教育局部门预算包括：。”, “（一）收入预算：2026年。” — the template's sentence with its figures left out)
_EMPTY_AFTER_COLON = re.compile(r"[：:][ \t]*+((?:19|20)\d\d年度?)?\n?(?=[。；;])")


@rule("R-模板选项", TEXT)
def template_choices(text: Text) -> Iterator[Finding]:
    """R-模板选项: a change word with its opposite in brackets, as the template offers them (the
    placeholders of R-文字, “增加（减少）”, are told there)."""
    for match in _CHOICE.finditer(text.flow):
        if (match.group(1), match.group(2)) in _PAIRS and not PLACEHOLDERS.fullmatch(match.group()):
            yield text.warning("R-模板选项", match.start(), f"“{match.group()}”是模板给出的两种写法，"
                               "只应留下与数字相符的一种")


@rule("R-模板说明", TEXT)
def template_instructions(text: Text) -> Iterator[Finding]:
    """R-模板说明: the template's instruction to its writer printed in the document (once a sentence)."""
    told: set[int] = set()  # the sentences told of, by where they start
    matches = sorted([*_INSTRUCTION_BRACKETED.finditer(text.flow), *_INSTRUCTION.finditer(text.flow)],
                     key=lambda m: m.start())
    for match in matches:
        sentence = max(text.flow.rfind(mark, 0, match.start()) for mark in "。\n：")
        if sentence not in told:
            told.add(sentence)
            yield text.warning("R-模板说明", match.start(), f"留有模板的填写说明“{match.group()}”：请删去，"
                               "或换成实际内容")


@rule("R-内容空缺", TEXT)
def said_and_not_given(text: Text) -> Iterator[Finding]:
    """R-内容空缺: “主要原因是” (or 主要用于, 执行数为 …) followed by the sentence's end, or by a few Latin
    letters only (“主要原因是qq。”); a colon followed by the sentence's end or by a year alone (“包括：。”)."""
    for match in _NOTHING_AFTER.finditer(text.flow):
        yield text.warning("R-内容空缺", match.start(), f"“{match.group(1)}”之后没有内容，句子就结束了：请写明")
    for match in _JUNK_AFTER.finditer(text.flow):
        yield text.warning("R-内容空缺", match.start(), f"“{match.group(1)}”之后只写了“{match.group(2)}”：请写明")
    for found in (_NO_FIGURE, _NO_FIGURE_OPENING):
        for match in found.finditer(text.flow):
            yield text.warning("R-内容空缺", match.start(1), f"“{match.group(1)}”之后没有数字：请填写")
    for match in _EMPTY_AFTER_COLON.finditer(text.flow):
        said = text.flow[max(text.flow.rfind("\n", 0, match.start()) + 1, match.start() - 12):match.end()].strip()
        yield text.warning("R-内容空缺", match.start(), f"“{said}。”：冒号之后没有内容，句子就结束了：请写明")


@rule("R-缺单位", TEXT)
def change_without_unit(text: Text) -> Iterator[Finding]:
    """R-缺单位: a change stated as a bare number (“增长 13.95。”): % or 万元 was left out."""
    for match in _CHANGE_WITHOUT_UNIT.finditer(text.flow):
        yield text.warning("R-缺单位", match.start(), f"“{match.group()}”没有单位：是 % 还是万元？")
