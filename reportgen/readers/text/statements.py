"""The figures a draft states, read off its lines: amounts (… 万元), shares (占 …%), changes
(比2025年增加 …, 增长 …%, 持平) and table rows (a code or a name, then numbers). Text extracted
from a PDF has spaces between Han characters and digits and line breaks inside sentences: lines
are joined into sentences and such spaces dropped, each figure keeping the line it stands on."""

from __future__ import annotations

import bisect
import re
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml

from reportgen.base.errors import Internal
from reportgen.base.patterns import regex
from reportgen.readers.text.cell_lines import cell_rows, is_cell_line
from reportgen.readers.text.lines import Line

# A disclosure states a few thousand figures; checking one against the source costs some tens of
# microseconds, so a draft of millions of amounts took minutes and gigabytes: it is refused.
MAX_FIGURES = 100_000
_RECENT_SENTENCES = 8  # the sentences before one that its context holds besides the section's first
# what a heading or a sentence gives the context of the sentences after it, at most: a paragraph that opens
# like a heading (“一、……”) can be a whole page, or a text of one line a megabyte, and each statement after
# it searches its context (the words a heading or a sentence lends the next are at its start)
_CONTEXT_CHARS = 2000
NUMBER = r"\d[\d,，]*(?:[.．]\d+)?"
# Every pattern below reads a draft's text, so each runs in time linear in its line, whatever the line
# holds (tests/test_regex_linear.py). Two habits make it so. A number is matched possessively (_NUM):
# what may follow a number in these patterns is never a digit, comma or point it could give back, so
# none tries the ways of cutting a run of digits into numbers (a 45-byte line of 36 digits, a letter
# and 8 digits took the old table-row pattern 106 s, twice as long for each further digit; the
# table row is now read by code, _table_row and _pieces). And a pattern that begins with a run of some characters
# starts only where such a run starts (a lookbehind): begun inside the run, it would reach the same
# end and fail the same way, each start re-reading the rest of the run.
_NUM = r"\d[\d,，]*+(?:[.．]\d++)?+"
_UNNAMED = regex(r"[(][?]P<[a-z]+>")
# The words are data (vocabulary.yaml, beside the glossary): each list an alternation, longest first.
# libyaml's loader where the build has it (the same safe tags, 8× faster: a data file of our own)
_WORDS: dict[str, list[str]] = yaml.load((Path(__file__).with_name("vocabulary.yaml")).read_text(encoding="utf-8"),
                                         Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def named_quantities() -> dict[str, tuple[str, ...]]:
    """The quantities a disclosure states, each with the words texts name it by (vocabulary.yaml 数的名称)."""
    named: dict[str, list[str]] = _WORDS["数的名称"]  # type: ignore[assignment]  # a mapping, not a list
    return {quantity: (quantity, *words) for quantity, words in named.items()}


def complete_parts() -> dict[str, tuple[str, ...]]:
    """A whole and all the parts it is made of, by the source's names of its figures (vocabulary.yaml 分项齐全的合计)."""
    parts: dict[str, list[str]] = _WORDS["分项齐全的合计"]  # type: ignore[assignment]  # a mapping, not a list
    return {whole: tuple(names) for whole, names in parts.items()}


def complete_kinds() -> dict[str, tuple[str, ...]]:
    """A whole's word and the words of the kinds it is by definition made of (vocabulary.yaml 分类齐全的合计)."""
    kinds: dict[str, list[str]] = _WORDS["分类齐全的合计"]  # type: ignore[assignment]  # a mapping, not a list
    return {whole: tuple(words) for whole, words in kinds.items()}


def part_qualifiers() -> tuple[str, ...]:
    """The words that make a total's name a part's (vocabulary.yaml 部分的限定: a fund's name before it)."""
    return tuple(_WORDS["部分的限定"])


def other_forms() -> dict[str, tuple[str, ...]]:
    """A required part, and the words of the other form a document may publish it in (vocabulary.yaml 另作形式的部分)."""
    forms: dict[str, list[str]] = _WORDS["另作形式的部分"]  # type: ignore[assignment]  # a mapping, not a list
    return {part: tuple(words) for part, words in forms.items()}


def list_opening_words() -> tuple[str, ...]:
    """The words that open a list of an amount's parts (vocabulary.yaml 部分: 其中, 包括)."""
    return tuple(_WORDS["部分"])


def some_projects_words() -> tuple[str, ...]:
    """The words by which a sentence speaks of some of the projects only (vocabulary.yaml 部分项目的字样)."""
    return tuple(_WORDS["部分项目的字样"])


def carry_over_words() -> tuple[str, ...]:
    """The words by which a listed part says it is money carried over (vocabulary.yaml 结转的字样)."""
    return tuple(_WORDS["结转的字样"])


def target_table_words() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The words a project's 绩效目标表 prints its name and its year's money after (vocabulary.yaml 绩效目标表的…)."""
    return tuple(_WORDS["绩效目标表的项目名称"]), tuple(_WORDS["绩效目标表的资金总额"])


def target_text_words() -> dict[str, tuple[str, ...]]:
    """The words a 绩效目标表's target text is read by (vocabulary.yaml 绩效目标中的使用字样, …资金字样, …多年字样,
    绩效目标表的指标起始, 绩效目标表的一级指标, 绩效目标表的财政拨款, 绩效管理金额的财政拨款, 百分比的单位, 不是计数的单位), by those names."""
    keys = ("绩效目标中的使用字样", "绩效目标中的资金字样", "绩效目标中的多年字样", "绩效目标表的指标起始", "绩效目标表的一级指标",
            "绩效目标表的财政拨款", "绩效管理金额的财政拨款", "百分比的单位", "不是计数的单位")
    return {key: tuple(_WORDS[key]) for key in keys}


def other_part_money_words() -> tuple[str, ...]:
    """The words by which a sentence sets out another part's money by its sources (vocabulary.yaml 另一部分的资金来源)."""
    return tuple(_WORDS["另一部分的资金来源"])


def region_words() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The words by which a sentence speaks of a whole region's or many departments' money, and the words of the money
    they speak of (vocabulary.yaml 一个地区的数, 一个地区的数之后)."""
    return tuple(_WORDS["一个地区的数"]), tuple(_WORDS["一个地区的数之后"])


def place_words() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The last characters of a region's own name and the level words that may follow it (vocabulary.yaml
    一个地区的名称的尾字, 一个地区的级别)."""
    return tuple(_WORDS["一个地区的名称的尾字"]), tuple(_WORDS["一个地区的级别"])


def region_finance_words() -> tuple[str, ...]:
    """The words only a region's (a government's) finances use, never a department's (vocabulary.yaml
    一个地区的财政才有的字样)."""
    return tuple(_WORDS["一个地区的财政才有的字样"])


def own_department_words() -> tuple[str, ...]:
    """The words by which a sentence speaks of the document's own department (vocabulary.yaml 本部门的说法)."""
    return tuple(_WORDS["本部门的说法"])


def final_words() -> tuple[str, ...]:
    """The words after a quantity's name that say it is the outturn (vocabulary.yaml 决算的说法)."""
    return tuple(_WORDS["决算的说法"])


def change_words() -> tuple[str, ...]:
    """The words that say a change (vocabulary.yaml 增加, 减少): a label holding one names no part."""
    return tuple(_WORDS["增加"] + _WORDS["减少"])


def part_words() -> dict[str, tuple[str, ...]]:
    """The words by which a document prints each part a disclosure may leave out (vocabulary.yaml 部分的字样)."""
    parts: dict[str, list[str]] = _WORDS["部分的字样"]  # type: ignore[assignment]  # a mapping, not a list
    return {part: tuple(words) for part, words in parts.items()}


def bounded(before: str) -> bool:
    """Whether an amount printed right after ``before`` is a bound, no figure (vocabulary.yaml 界限: “≤2890万元”)."""
    return _BOUND.search(before[-_BOUND_REACH:]) is not None


def not_part_words() -> dict[str, tuple[str, ...]]:
    """The words that hold a part's word and name something else (vocabulary.yaml 部分以外的字样: 绩效目标表)."""
    words: dict[str, list[str]] = _WORDS["部分以外的字样"]  # type: ignore[assignment]  # a mapping, not a list
    return {part: tuple(them) for part, them in words.items()}


def other_names() -> dict[str, tuple[str, ...]]:
    """Of those, the words that name something else before an amount too (vocabulary.yaml 部分以外的名称: 绩效工资)."""
    words: dict[str, list[str]] = _WORDS["部分以外的名称"]  # type: ignore[assignment]  # a mapping, not a list
    return {part: tuple(them) for part, them in words.items()}


def _any(*keys: str) -> str:
    words = [w for key in keys for w in _WORDS[key]]
    return "|".join(re.escape(w) for w in sorted(dict.fromkeys(words), key=len, reverse=True))


_PRIOR = rf"(?:{_any('上年')}|\d{{4}}年度?)"
# the first characters of the words that open a comparison (与, 比, 较, 同): a year right after one is that comparison's
_COMPARE_OPENINGS = re.escape("".join(sorted({word[0] for key in ("比较", "持平前", "同比") for word in _WORDS[key]})))
# “比上年”“同比”, and “与上年相比，”“比上年相比”“与上年数相比，”（江苏）: the comparison said before its year and after it
# “比年初预算数增加”“比预算数增加”（佛山 2019 决算）: a 决算 against its own year's budget, no year said (its base
# the 本年基数 right after 比/较: the pattern's ``same`` group, empty, says so)
_COMPARE = (rf"(?:{_any('同比')}|(?:{_any('比较')}){_PRIOR}(?:{_any('相比')})?"
            rf"|(?:{_any('比较')})(?P<same>)(?=(?:{_any('本年基数')}))"
            rf"|(?:{_any('持平前')}){_PRIOR}(?:{_any('基数')}|数)?(?:{_any('相比')})[，,]?"
            # the year and 相比 with no 与 before them (“2024年度收入合计4697.76万元，2023年度相比，减少956.31万元”, 开州大进镇
            # 2024 决算): the comparison all the same
            rf"|(?<![\d{_COMPARE_OPENINGS}])\d{{4}}年度?(?:{_any('相比')})[，,]?)")
# a prior with no unit right before the direction is in the change's (“较上年2.08减少0.03万元”, 吉林和龙 2018 决算)
# “较2024年的2190万元减少221万元”“比2025年年初预算数69043.50万元增加2050.67万元”: the prior may be written
# inline (a comma after it: “比上年预算2,920.59万元，减少878.04万元”, 烟台; or in a note the template left in: “比上年预算
# （注：上年3,468.18万元，公开时请删除注释）减少1271.66万元”, 烟台), between the year and the change; and the year may be followed by what is compared before its base
# (“比2025年财政拨款“三公”经费年初预算增加33.50万元”: a few words, then the base they end in); or, bracketed after the
# comparison, what the year compared with had (“与2016年度相比（2016年度部门支出预算安排为8,648.07万元），增加498.72万元”, 江苏 2017)
_CHANGE_TEXT = (rf"{_COMPARE}(?:[^，。；、\d增减]{{0,16}}?(?={_any('基数')}))?(?P<base>{_any('基数')})?"
                rf"(?:(?:的|[（(]注[：:](?:{_any('上年')})?|[（(](?:(?:19|20)\d\d年度?)?[^（）()\d，,。；]{{0,20}}?(?:为|是))?"
                rf"(?P<prior>{_NUM})(?:(?P<priorunit>亿元|万元|元)"
                rf"(?:[，,]?[^（）()\d，,。；]{{0,12}}[，,]?[^（）()\d。；]{{0,12}}?[）)][，,]?|[，,])?|(?={_any('增加', '减少')})))?"
                rf"(?P<later>{_any('基数')})?(?:{_any('相比')})?"
                rf"(?P<dir>{_any('增加', '减少', '变化')}|(?<=[元\d])(?:{_any('比后多', '比后少')}))了?(?P<num>{_NUM})? *+"
                rf"(?P<unit>亿元|万元|元|%)?")
# “与上年持平”“与上年数一致”“与上年相比持平”（江苏）; a 决算's “比预算无增减变化”“与年初预算持平” (no year: its own year's
# budget, as a change's ``same``)
_FLAT_TEXT = (rf"(?:{_any('同比')}|(?:{_any('持平前')}){_PRIOR}(?:{_any('相比')}[，,]?)?"
              rf"|(?:{_any('持平前')})(?P<same>)(?=(?:{_any('本年基数')})))(?:(?P<base>{_any('基数')})|数)?(?P<roughly>基本)?"
              rf"(?:{_any('持平')})(?P<empty>亿元|万元|元)?")
# a rate, its % after spaces a PDF's text layer may set before it (“增长21.95   %”, 江苏)
_RATE_TEXT = rf"(?P<dir>{_any('增长率', '下降率')})(?P<num>{_NUM}) *+%"
_SHARE_TEXT = rf"占(?P<what>[^，。；\d]{{0,14}}?)(?P<num>{_NUM}) *+%"
# “完成预算的23.42%”: a 决算's rate of completing its budget (“完成年初预算100%”, 天水市幼儿园 2017: 的 not printed); said
# after the budget itself (“完成全年预算84.82万元的73.2%”, 广东省财政厅 2023), “的73.2%” alone (_tokens)
_DONE_TEXT = rf"(?:(?:{_any('完成率')})的?|的)(?P<num>{_NUM}) *+%"
_DONE_AFTER_BUDGET = regex(rf"(?:{_any('完成率')})$")  # searched in the words before the budget's amount
_DONE_RATE_AFTER = regex(rf"的{_NUM} *+%")  # matched right after that amount
# a change said as this year's figure against last year's: “本年数小于上年预算数40.05万元”（江苏）
_RELATIVE_TEXT = (rf"(?:{_any('本年数')})?(?P<dir>{_any('多于', '少于')})(?:{_any('上年')})(?P<base>{_any('基数')})?"
                  rf"(?P<num>{_NUM}) *+(?P<unit>亿元|万元|元)")
# An amount starts where a run of digits and commas starts (its leading commas are not its own), never after a
# number's point: “收、支总计各是4125.49,4143.91万元”（四川）prints two figures and one unit, neither read as “49,4143.91万元”.
_AMOUNT = regex(rf"(?<![\d,，.．])[,，]*+(?P<num>{_NUM})(?P<unit>亿元|万元|元)")
_CHANGE = regex(_CHANGE_TEXT)
_FLAT = regex(_FLAT_TEXT)
_RATE = regex(_RATE_TEXT)
_SHARE = regex(_SHARE_TEXT)
_DONE = regex(_DONE_TEXT)
# two amounts said of 收、支 together, one unit after both (“2022年度收、支总计各是4125.49,4143.91万元”, 四川大邑 2022 决算):
# the first the 收入's, the second the 支出's (_respective) — each number with its decimals, so that the comma is no
# thousands' separator
# — or two changes so, their rates after them in turn (“与2021年相比，收、支总计各减少1267.86,2570.97万元，各下降23.51%、38.28%”)
_RESPECTIVE = regex(r"(?<=各)(?P<verb>是|为|增加|减少)?(?P<a>\d++[.．]\d++)[,，、](?P<b>\d++[.．]\d++)(?P<unit>亿元|万元|元)"
                    r"(?:[，,]各(?P<rates>(?P<rdir>增长|下降)(?P<ra>\d++(?:[.．]\d++)?+)%[、,，](?P<rb>\d++(?:[.．]\d++)?+)%))?")
_DONE_REACH = max(len(word) for word in _WORDS["完成率"])  # the characters before a budget its words take
_RELATIVE = regex(_RELATIVE_TEXT)
_THRESHOLD = regex(_any("门槛"))  # “100万元以上”: a threshold, no figure (matched right after an amount)
# “≤2890万元”“不超过5万元”: a bound, no figure (searched at the end of the words right before an amount)
_BOUND = regex(rf"(?:{_any('界限')}) *+$")
_BOUND_REACH = max(len(word) for word in _WORDS["界限"]) + 1  # the characters before an amount a bound may take
# the words of an amount that name no subject, only the year's budget (“2026年预算数”): of the item's heading
_SUBJECTLESS = regex(rf"(?:(?:19|20)\d\d年度?)?(?:{_any('无主语')})?(?:为|是)?")
_PROJECT_SUBJECTLESS = regex(rf"(?:(?:19|20)\d\d年度?)?(?:{_any('项目预算的说法')})*+(?:为|是)?")  # (_Project)
# a page's number printed as its footer (“- 9 -”, “— 12 —”): no words of the sentence it interrupts
_PAGE_NUMBER = regex(r"(?<![-－—–])[-－—–]++ *+\d{1,4} *+[-－—–]++|第 *+\d{1,4} *+页(?: *+共 *+\d{1,4} *+页)?")


def subjectless(words: str) -> bool:
    """Whether an amount's words before it name no subject, only that it is the year's budget (“2026年预算数”,
    “2026年预算安排”: vocabulary.yaml 无主语) — the amount is of the item its heading names."""
    return bool(words) and _SUBJECTLESS.fullmatch(words) is not None


def is_page_number(text: str) -> bool:
    """Whether a line's text is a page's number printed as its footer (“- 9 -”, “— 12 —”, “第 3 页”): page furniture,
    no words of a sentence and no cell of a table."""
    return _PAGE_NUMBER.fullmatch("".join(text.split())) is not None


# an item's numbered heading said as a sentence of its own, with no figure (“（一）因公出国（境）费用。”), or as a line
# of its own that names a quantity (vocabulary.yaml 数的名称: “（一）收入预算” over “2025年年初预算数5941.79万元，其中：
# ……”, 重庆): its name is the subject of the amounts after it that name none
_ITEM_HEADING = regex(r"(?:[（(][一二三四五六七八九十\d]++[）)]|(?<!\d)\d{1,2}[.．、]"
                      r"|(?<![一二三四五六七八九十])[一二三四五六七八九十]++、)"
                      r"(?P<name>[^\d，。；：:]{2,28}?)。?")
_QUANTITY_WORDS = frozenset(word for words in named_quantities().values() for word in words)
# an item's numbered heading opening the line its sentence is on, a colon after it (“（一）收入预算：2024年年初预算数
# 8904.98万元”, 重庆万州区公路事务中心 2024): what a first amount that names nothing itself is of
_INLINE_ITEM = regex(r"(?<!\s)\s*+[（(][一二三四五六七八九十\d]{1,3}[）)](?P<name>[^\d，。；：:（(]{2,12})[：:]")
# The characters a figure may start with: the first of each word that opens a change, a flat or a rate,
# 占 (a share), a digit or the commas before one (an amount). Looked at first, so that a place where no
# figure starts fails at one test, not at each kind's alternative (twice as fast over the seeds' lines).
_OPENING_KEYS = ("同比", "比较", "持平前", "增长率", "下降率", "本年数", "多于", "少于", "完成率")
assert all(word for key in _OPENING_KEYS for word in _WORDS[key]), "a figure's opening words are never empty"
_TOKEN_STARTS = re.escape("".join(sorted({word[0] for key in _OPENING_KEYS for word in _WORDS[key]})))
_TOKENS = regex(rf"(?=[{_TOKEN_STARTS}占,，\d])(?:" + "|".join(  # each kind as a named alternative; its inner groups unnamed here
    f"(?P<{name}>{_UNNAMED.sub('(?:', text)})"
    for name, text in (("change", _CHANGE_TEXT), ("flat", _FLAT_TEXT), ("rate", _RATE_TEXT), ("share", _SHARE_TEXT),
                  ("relative", _RELATIVE_TEXT), ("done", _DONE_TEXT)))
    + rf"|(?<![\d,，.．])[,，]*+(?P<amount>{_NUM}(?:亿元|万元|元))|(?<=为)(?P<zero>0)(?=[，。；]))")
# A sentence that opens with a comparison and its change or 持平, naming nothing (“与上年相比增加4024万元，增长0.72 %。”
# after “项目支出预算数为5,573万元。”, 江苏): it goes on with the amount of the sentence before it
_CONTINUES = regex("(?:" + "|".join(_UNNAMED.sub("(?:", text) for text in (_CHANGE_TEXT, _FLAT_TEXT)) + ")")
_COMPARE_LEAD = regex(rf"(?:{_UNNAMED.sub('(?:', _COMPARE)})[，,]?")
_FIGURE = regex(_NUM)
_FIGURE_RUN = regex(r"\d[\d,，]*+")  # a number's digits and commas (before any decimal point)
_COMMAS = regex(r"[,，]*+")
_SENTENCE_END = regex(r"[。；;]")
_ROW_NUMBER = regex(rf"-?{_NUM}")
# A table row labelled by a year (“2022年 324.13 …”, “2022年执行数 …”): its label, then its numbers.
_YEAR_ROW = regex(r"(?<![ \t])[ \t]*((?:19|20)\d\d年(?:执行数)?)[ \t]*(-?\d.*)$")
_LABEL_CUT = regex(r"[，,。；;：:、（）()]|其中|包括")
# The words that give a reason, before a change or flat that restates the amount's (“比上年增加0万元，增长0%，主要原因是
# 与上年持平”, 广州): no subject of its own — it is the amount's
_REASON = regex(rf"(?:主要)?(?:{_any('原因')})(?:主要)?(?:是|为|在于)?")
# A line that starts a heading or an item: never the continuation of the sentence before it.
STARTS_ANEW = regex(r"^(?:第[一二三四五六七八九十]+部分|[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[）)]|\d{1,2}[.．、](?!\d)"
                     r"|[⒈⒉⒊⒋⒌⒍⒎⒏⒐]|表\d)")
# A table row: a line whose end is numbers (its "tail": digits, commas, points, minus signs and
# spaces, read from the end), with no unit after them, Han words before them and no sentence marks.
_TAIL = regex(r"[\d,，.．\- ]*+")  # matched on the reversed line
# Where the tail stops being numbers "-1,234.5 6": a point not followed by a digit, a comma or point
# after a space, a minus not followed by a digit, a point with one decimal and then a comma or point
# (numbers follow each other with or without spaces between, so "1.56,3" is 1.5 and 6,3, but "1.5,3"
# is no numbers). Zero-width, so that overlapping places are all found.
_NOT_NUMBERS = regex(r"(?=[.．](?!\d)| [.．,，]|-(?!\d)|[.．]\d[.．,，])")
_POINTS = regex(r"[.．,，]*+")
_ROW_END_WORDS = "万元%年月日"  # a line ending in one of these is a sentence's or a date's, no row
_HAN = regex(r"[\u4e00-\u9fff]")
_COLON_END = regex(r"[：:][ \t]*+$")
# the spaces inside a number of prose, before its unit or % (“1 385.26万元”: a PDF's text layer sets a thousands
# separator, or a gap, as a space): a run of digits right before it would otherwise read as a figure of its own
_SPLIT_NUMBER = regex(r"(?<=\d) ++(?=\d[\d,，.．]*+ *+(?:亿元|万元|元|%))")
_NAMED_WHOLE_END = regex(r"的?(?:比例|比重)?的?$")
_SENTENCE_MARK = regex(r"[，。；]")
# Cells of a table row: an optional code, a name, then numbers.
_CODE = regex(r"\d{3}(?: ?\d{2}){0,2} *+")
_DIGITS = regex(r"\d++")
_BLANK = regex(r"\s++")
_SPACES = regex(r" ++")
_NAME_RUN = regex(r"[^\d\s]++")
_DIGIT = regex(r"\d")
_NUMBERS_MAY_START = regex(r"(?<! ) |-")  # where a name's numbers may start, before its next digit
# A PDF's text layer runs an amount into the next item of a 收支总表 line ("47,483,458一、社会保障和就业支出").
# (the pattern starts with the run's first character, looking behind it: a search skips to such characters)
_RUN_BEFORE_HAN = regex(r"[\d,.](?<![\d,.][\d,.])[\d,.]*+(?=[\u4e00-\u9fff])")
_ENDS_AS_NUMBER = regex(r"(?<!\d)\d++\.\d|\d{3},\d")  # .match on the reversed run: 1.5 or 1,234 at its end
_CLASSIFICATION_CODE = regex(r"[235]\d{2}(?:\d{2}){0,2}")
_TABLE_WORD = regex(r"表|附表|公开表")  # a table's number (表1, 附表1, 公开表1: 烟台), no figure
_ECONOMIC_CLASS = regex(r"3\d\d")  # a 部门预算支出经济分类 类 (301 工资福利支出 … 399)
# A table's title on a line of its own: Han words (a number before them perhaps) ending in 表, no sentence
_TABLE_TITLE = regex(r"[\w“”\"（）()、]{2,40}?表")
_CHANGED = regex(r"(增加|减少)(?:支出|预算|资金)?\Z")  # searched from the label's second character
_COMPARED = regex(r"比|较|与")
_COMPARED_WITH = frozenset(_WORDS["比较的数"])  # “较上年支出数减少”: what a change is compared with, no subject
_FULL_STOP = regex(r"[。]")
_HAN = regex(r"[\u4e00-\u9fff]")
_COLON_END = regex(r"[：:][ \t]*+$")
_NAMED_WHOLE_END = regex(r"的?(?:比例|比重)?的?$")
_HEADING_FIGURE = regex(r"\d[万元%]|[，；]")
# 一般公共服务支出（201）490.00万元: the code in brackets belongs to the name before it
_NAME_WITH_CODE = regex(r"(?<![^，,。；;：:、（）()])([^，,。；;：:、（）()]++)[（(](\d{3}(?:\d{2}){0,2})[）)]$")
_BRACKETS_CLOSE = frozenset("）)")  # what _NAME_WITH_CODE ends in
# a line named with its code, then the year's budget said before its amount (“机关事业单位基本养老保险缴费支出（2080505）
# 2026年预算数为”, “行政运行（2010101）：2026年预算”): the amount is the line's, not the year's budget as a whole
_CODE_THEN_YEAR = regex(r"(?<![^，,。；;：:、（）()])([^，,。；;：:、（）()]++)[（(](\d{3}(?:\d{2}){0,2})[）)][：:]?[ \t]*+"
                        r"(?:19|20)\d\d年度?(?:预算|年初预算)?(?:支出)?(?:预算)?(?:安排)?数?(?:为|是)?\n?$")
_LEVELS_CLOSE = frozenset("）)”")  # and _NAME_WITH_LEVELS
_NAME_WITH_LEVELS = regex(
    r"(?<![^“”，。；：])“?((?>[^“”，。；：]+?[（(](?:\d{3})?类[）)])[^“”，。；：]*?[（(](?:\d{2})?项[）)])”?$")


_YEAR_SAID = regex(r"(?<![\d比较与])((?:19|20)\d\d)年")  # a year the sentence speaks of, not one it compares with


def year_before(st: Statement, budget_year: int) -> int | None:
    """The year a sentence's amount is of, when the sentence names another year before it
    (“2021年度“三公”经费合计支出20.12万元，其中……公务接待12.39万元”); None for the budget's year."""
    before = st.sentence.split(st.text, 1)[0]
    found = _YEAR_SAID.search(before)
    year = int(found.group(1)) if found else None
    return year if year is not None and year != budget_year else None


def to_decimal(text: str) -> Decimal:
    return Decimal(text.replace(",", "").replace("，", "").replace("．", "."))


def decimals_of(text: str) -> int:
    text = text.replace("．", ".")
    return len(text.split(".", 1)[1]) if "." in text else 0


@dataclass
class Statement:
    """One figure the draft states."""

    line: int
    kind: str  # amount / change / flat / rate / share / done (a 决算's rate of completing its budget) / cell
    text: str  # as printed (spaces dropped)
    value: Decimal | None = None
    decimals: int = 0
    unit: str = ""
    direction: str = ""  # up / down for change and rate
    base: str = ""  # 预算 / 执行数 / 本年预算 (the same year's budget: a 决算's) / "" (the prior year's budget, said plainly)
    label: str = ""  # what it speaks of: an amount's label; a change's, rate's or share's amount
    sentence: str = ""
    whole: str = ""  # for a share: the label of the total the sentence names first
    others: list[Decimal] = field(default_factory=list)  # a table row's further numbers
    table_unit: str = ""
    empty_amount: bool = False  # 持平 followed by a unit with no number
    roughly: bool = False  # “基本持平”: about flat, a small change said so (“比上年减少0.1万元，下降0.8%，主要原因是与上年基本持平”)
    after_flat: bool = False  # a rate printed right after 持平
    own_label: bool = False
    paragraph: int = 0  # the lines read as one (a paragraph, or the part of one up to a line ending a sentence)
    table: str = ""  # a table cell's: the title of the table it stands in, where the draft prints one
    named_whole: str = ""  # a share's base as the sentence names it (“占基本支出预算18.76%”: 基本支出预算)
    # the headings in force and the sentences since the last of them, before this statement's sentence
    # (“（四）项目支出……”: what an amount under it may be a part of)
    context: str = ""
    headings: str = ""  # the headings in force alone (“六、财政拨款基本支出预算情况说明”: what its section is of)
    # a change's prior as its sentence states it inline (“比2025年年初预算数69043.50万元增加2050.67万元”): as
    # printed, with its unit
    prior: str = ""
    # an amount its sentence lists as a part of an amount before it (“预算资金6039万元，其中财政拨款6039万元”:
    # the 财政拨款 of that 预算资金, not the department's): that amount, the whole
    part_of: Statement | None = None
    # a numbered item's amount under a sentence that lists parts in the items after it (“（五）项目支出1,856.92万元，
    # 具体包括：” then “1.不动产管理22.80万元，……”): that sentence's amount, the whole
    listed_in: Statement | None = None
    # whether the label runs back to the clause's start (a comma, colon, 其中 or the sentence's start), not to a 、 or
    # a bracket (“森林资源管理、古树保护、森林防火规划编制工作530.19万元”: of more than its label holds)
    label_whole: bool = True
    # whether the label is the title of the project whose sub-item the amount is said in, its words naming none
    # (“（3）预算安排：2026年安排预算1亿元。” under “2.高校科研平台建设项目”, _Project): that project's budget
    of_project: bool = False


@dataclass
class _Listing:
    """The sentence whose parts the numbered items after it list (“（五）项目支出1,856.92万元，具体包括：”): its last
    amount, the whole, and the level of the heading it is (3: none) — the list ends at a heading of that level or
    higher."""

    whole: Statement | None = None
    level: int = 3
    number: int = 0  # the last item's number: an item numbered anew (1. after 3.) begins another list
    # the 款 a sentence opens with (“检察（款）: 2018年预算支出合计16,444.36万元。”, 江苏), whose 项 the numbered items
    # after it name alone (“1．行政运行（项）支出10,883.36万元”), and the last of those items' number
    line: str = ""
    line_items: int = 0
    # the list's parts are clauses, each a sentence of its own ended by “；”, the last by “。” (“本年收入预算合计X万元，
    # 其中：” / “一般公共预算收入Y万元，占Z%；” / …): the list goes on while the sentence before a clause ended so
    clauses: bool = False
    # the last amount of the sentence before, where it ended with “。”: the whole of a list that begins the next sentence
    # (“……政府采购预算总金额为1,271.22万元。” / “其中，货物类政府采购支出预算259.32万元,占20.40%；……”, 江苏)
    ended: Statement | None = None

    def heading(self, level: int | None) -> None:
        if level is not None and level <= self.level:
            self.whole = None
        if level is not None:
            self.line = ""

    def line_of(self, sentence: str) -> str:
        """The 款 whose 项 a numbered item names (“1．行政运行（项）”), where the item goes on with the numbering under
        the sentence that named it; "" where none is in force."""
        item = _LIST_ITEM.match(sentence.lstrip())
        if item is None or not self.line:
            return ""
        number = int(item.group("number") or item.group("bracketed"))
        if number <= self.line_items:
            self.line = ""
            return ""
        self.line_items = number
        return self.line

    def read(self, sentence: str, said: list[Statement]) -> None:
        """One sentence's statements: an item's first amount is of the list's whole; a sentence ending in
        “包括：” (not an item's own) opens a list of the parts of its last amount, whose unnumbered clauses after it
        (each a sentence ended by “；”) list its parts too."""
        amounts = [st for st in said if st.kind == "amount"]
        line = _LINE_LEAD.match(sentence.lstrip())
        if line is not None:
            self.line, self.line_items = line.group("name"), 0
        item = _LIST_ITEM.match(sentence.lstrip())
        if item is not None:
            self._numbered(item, amounts)
            return
        self._clause(sentence, amounts)
        self._opened(sentence, amounts)

    def _numbered(self, item: re.Match[str], amounts: list[Statement]) -> None:
        """A numbered item of the list: its first amount a part of the list's whole (a number not after the last's
        begins another list: of no whole)."""
        number = int(item.group("number") or item.group("bracketed"))
        if number <= self.number:
            self.whole = None
        self.number = number
        if self.whole is not None and amounts:
            amounts[0].listed_in = self.whole

    def _clause(self, sentence: str, amounts: list[Statement]) -> None:
        """An unnumbered sentence: a clause of the list in force, its amounts parts of its whole (“其中：” /
        “一般公共预算收入X万元，占Y%；” (江苏)), or one opening with “其中，” after its whole's sentence, a list of that
        whole's parts; a clause ended by “；” goes on with the list."""
        ended, self.ended = self.ended, amounts[-1] if amounts and sentence.rstrip().endswith(("。", ".")) else None
        if ended is not None and _parts_listed_of(ended, sentence, amounts):
            self.whole, self.number, self.clauses = ended, 0, True  # “其中，” opening the sentence after its whole's
        if self.clauses and self.whole is not None and amounts:
            amounts[0].listed_in = self.whole
            _listed_on(sentence, amounts, self.whole)
        self.clauses = self.clauses and sentence.rstrip().endswith(("；", ";"))

    def _opened(self, sentence: str, amounts: list[Statement]) -> None:
        """A sentence ending in “包括：” (not a reason's): a list of the parts of its last amount opened, at the level
        of its heading (3 where it has none)."""
        opens = _LIST_OPENS.search(sentence.rstrip())
        if amounts and opens is not None and not sentence.rstrip()[:opens.start()].endswith(_REASONS):
            self.whole, self.number, self.clauses = amounts[-1], 0, True
            level = _heading_level(sentence.lstrip())
            self.level = 3 if level is None else level


def _parts_listed_of(ended: Statement, sentence: str, amounts: list[Statement]) -> bool:
    """Whether a sentence opening with “其中” lists the parts of the amount ``ended`` the sentence before ended with."""
    return bool(amounts) and _LIST_LEADS.match(sentence.lstrip()) is not None and amounts[0].part_of in (None, ended)


def _listed_on(sentence: str, amounts: list[Statement], whole: Statement) -> None:
    """The amounts a clause of a list goes on with, each right after the one before and a 、 or “；” (“提前下达电影《琅琊榜》
    扶持款300.00万元、电影《英歌》扶持款500.00万元、……；结转电影《秋水伊人》资助款80.00万元”, 深圳): parts of the same
    whole, where their words are the whole of their names."""
    plain = sentence.replace(" ", "")
    for before, amount in zip(amounts, amounts[1:], strict=False):
        if before.listed_in is not whole or amount.part_of is not None or not amount.label_whole or not amount.label:
            return
        # (the part's share may stand between: “259.32万元,占20.40%；服务类……”, 江苏)
        if re.search(f"{re.escape(before.text)}{_SHARE_AFTER.pattern}[、；;]{re.escape(amount.label)}", plain) is None:
            return
        amount.listed_in = whole


@dataclass
class _Scope:
    """The headings in force (第一部分 > 一、 > （一）; a table's title stands for a section) and the
    text read since the last of them: its first sentence (“……主要内容如下：”) and the last few (a
    draft without headings costs no more per sentence than one with)."""

    headings: dict[int, str] = field(default_factory=dict)
    first: str = ""
    recent: deque[str] = field(default_factory=lambda: deque(maxlen=_RECENT_SENTENCES))

    def heading(self, text: str) -> None:
        level = _heading_level(text)
        if level is None:
            return
        self.headings = {k: v for k, v in self.headings.items() if k < level}
        self.headings[level] = text[:_CONTEXT_CHARS]
        self.first = ""
        self.recent.clear()

    def read(self, sentence: str) -> None:
        sentence = sentence[:_CONTEXT_CHARS]
        if sentence in self.headings.values():
            return
        if self.first:
            self.recent.append(sentence)
        else:
            self.first = sentence

    def text(self) -> str:
        return "".join(self.headings[k] for k in sorted(self.headings)) + self.first + "".join(self.recent)

    def copy(self) -> _Scope:
        return _Scope(dict(self.headings), self.first, deque(self.recent, maxlen=self.recent.maxlen))


class TooManyFigures(Internal):
    """A draft states more than MAX_FIGURES (``limit``) figures; ``line`` is where the count passed it."""

    def __init__(self, line: int) -> None:
        super().__init__(str(line))
        self.line = line
        self.limit = MAX_FIGURES


_READ: dict[tuple[tuple[Line, ...], str], list[Statement]] = {}
# the last readings kept: a file's narrative is read by import (which file it is, its source) and by review; a 说明's
# 报表 read as a document alone is read again as the 说明's tables beside it, seven readings later (北京市审计局 2026)
_READ_KEPT = 8


def read_statements(lines: list[Line], default_unit: str = "") -> list[Statement]:
    """Every figure the lines state, in order; TooManyFigures past MAX_FIGURES of them. The same lines are read once:
    a reading of them made a moment before (by import, for the same file) is given again, as a new list of the same
    statements — which no reader of them changes."""
    key = (tuple(lines), default_unit)
    if key not in _READ:
        while len(_READ) >= _READ_KEPT:
            del _READ[next(iter(_READ))]
        _READ[key] = _read_statements(lines, default_unit)
    return list(_READ[key])


def _read_statements(lines: list[Line], default_unit: str) -> list[Statement]:
    _numbers_counted(lines)
    reader = _StatementReader(default_unit)
    numbers = folios(lines)
    wrapped, footers = _wrapped_amounts(lines)
    for index, line in enumerate(lines):
        if index not in numbers and line.number not in footers:
            reader.read(line, line.number in wrapped)
    return reader.finish()


# numbers printed, as many times MAX_FIGURES, past which a draft is refused before a sentence of it is read: reading
# the first MAX_FIGURES statements of a draft of a million amounts took 10 s of CPU before it was refused (the largest
# disclosure of the corpora prints about 20,000 numbers)
_REFUSED_UNREAD = 5


def _numbers_counted(lines: list[Line]) -> None:
    """TooManyFigures where the lines print _REFUSED_UNREAD times MAX_FIGURES numbers or more: its line, where the count
    of numbers passed MAX_FIGURES."""
    count, passed = 0, 0
    for line in lines:
        count += len(_FIGURE.findall(line.text))  # (counted in C: no match object made for each)
        if count > MAX_FIGURES and not passed:
            passed = line.number
        if count >= _REFUSED_UNREAD * MAX_FIGURES:
            raise TooManyFigures(passed)


# the unit of an amount the line before ends the number of, and the sentence going on after it (“……转移支付资金
# 18,225.94” / “万元，其中：……”, 北京市卫生健康委员会 2026 p.10)
_UNIT_GOING_ON = regex(r"^(?:万元|亿元|元|%)[，。；、,;：:）)]")
_BARE_PAGE_NUMBER = regex(r"\d{1,3}")  # a page's number printed alone (江苏 2018: “……支出403.75” / “24” / “万元，……”)


def _wrapped_amounts(lines: list[Line]) -> tuple[set[int], set[int]]:
    """The numbers of the lines of prose that end in an amount's number whose unit the next line printed starts
    with: a sentence wrapped inside its amount, never a table's row (which prints no unit after its numbers); and
    of the pages' numbers printed alone between the two (a footer, not a figure of the sentence)."""
    wrapped: set[int] = set()
    footers: set[int] = set()
    printed = [line for line in lines if line.bare and not _PAGE_NUMBER.fullmatch(line.bare)]
    for index, line in enumerate(printed[1:], start=1):
        if not _UNIT_GOING_ON.match(line.bare.replace("％", "%")):
            continue
        before = printed[index - 1]
        if _footer_between(printed, index):
            footers.add(before.number)
            before = printed[index - 2]
        if before.bare[-1].isdecimal() and not _bracket_closed(printed[max(index - 2, 0):index], line.bare):
            wrapped.add(before.number)
    return wrapped | _years_wrapped(printed), footers


def _footer_between(printed: list[Line], index: int) -> bool:
    """Whether the line before a unit going on with an amount (``index``) is a page's number printed alone between
    it and the line that ends in the amount's number (江苏 2018: “……支出403.75” / “24” / “万元，……”)."""
    return _BARE_PAGE_NUMBER.fullmatch(printed[index - 1].bare) is not None and index >= 2 \
        and printed[index - 2].bare[-1].isdecimal()


def _years_wrapped(printed: list[Line]) -> set[int]:
    """The numbers of the lines of prose that end in a year's number the next line goes on with (“……下降 3.85 %，主要
    原因是 2025” / “年人员减少”)."""
    return {before.number for before, line in zip(printed, printed[1:], strict=False)
            if line.bare.startswith("年") and _YEAR_AT_END.search(before.bare) and _CLAUSE_MARK.search(before.bare)}


def _bracket_closed(above: list[Line], line: str) -> bool:
    """Whether ``line`` is only a unit closing a bracket that one of the two lines ``above`` (the amount's, the one
    before it) opened and broke off at a column's gap or its end (a 绩效目标表's label “专项资金情况（万元）” wrapped
    beside its figures: 福州市民政局 2026, “情况（万   财政拨款   47.68” / “元）”, “专项资金情况（” / “财政拨款 20.00” /
    “万元）”): the unit is the label's, no amount's — unlike an aside's amount wrapped before its unit
    (“（其中基本支出 100.00” / “万元）”)."""
    return bool(_UNIT_ALONE.fullmatch(line)) and any(_UNIT_BROKEN.search(one.text) for one in above)


_UNIT_ALONE = regex(r"(?:万元|亿元|千元|元)[）)]")
_UNIT_BROKEN = regex(r"[（(][万亿千]?(?:\s{2,}|$)")
# a line of prose (its clauses' marks in it) that ends in a year's number: the next line, opening with 年, goes on with it
_YEAR_AT_END = regex(r"(?<!\d)(?:19|20)\d\d$")
_CLAUSE_MARK = regex(r"[，。；,;]")


_FOLIO = regex(r"\d{1,3}")


def folios(lines: list[Line]) -> set[int]:
    """The places of the lines that are a page's number printed bare as its last line (“24” between “与上年相比增加 40”
    and “万元，增长 0.72 %”, 江苏): no words of the sentence it interrupts. A page's last line of one to three digits, where
    the page and the next both have more lines than it."""
    out = set()
    printed = [index for index, line in enumerate(lines) if line.text.strip()]  # the lines that print something
    for before, index, after in zip(printed, printed[1:], printed[2:], strict=False):
        line = lines[index]
        if line.page and lines[after].page == line.page + 1 and lines[before].page == line.page \
                and _FOLIO.fullmatch(line.text.strip()):
            out.add(index)
    return out


# a gap between two of a line's cells: three spaces or more, between printed characters (a “%” set apart after its
# number, “增长8.8   %” in 江苏's prose, is no cell of its own)
_CELL_GAP = regex(r"\S {3,}(?![%％ ])\S")
# a line whose text starts far in, the cells left of it empty: a cell's text wrapped in a column of its own (湖州市财政局
# 2026's 项目表, its 项目概述 over lines beside rows “湖州市财政项目预算审核中心  市级预算项目评审  371.00” — no prose:
# “……完成审核目标100亿” / “371.00 元，节约……” is no 371.00元)
_COLUMN_INDENT = regex(r"(?<! ) {20,}\S")  # (?<! ): from a run's start only, linear
_AROUND = 3  # the printed lines either side of a line on its page that tell whether it stands in a grid
_GAPPED = 4  # how many of those (and itself) set cells apart by gaps: the line is a grid's


def laid_in_columns(lines: list[Line]) -> frozenset[int]:
    """The numbers of the lines of a PDF's page that stand among lines set in columns (a table printed as text, its
    grid not recognised: 北京's 项目支出绩效目标表 bound behind its 情况说明, 烟台's 绩效目标表): of the printed lines
    around a line on its page (and itself), at least four set their cells apart by gaps. Their words are cells, not
    sentences — what a sentence joined of them says is no figure of the prose. One line of prose set with wide
    spaces among lines of prose (“各增加       1463.8  万元”, 江苏) is none; nor a part's heading (_PART_HEADING), which
    counts as no gapped line; nor a line above the grid, no gapped line among it and those before it (深圳's lead-in
    “2026 年，本单位重点项目绩效目标情况如下：” under its part's heading, over the table it introduces)."""
    pages: dict[int, list[Line]] = {}
    for line in lines:
        if line.page and line.text.strip():
            pages.setdefault(line.page, []).append(line)
    return frozenset(number for printed in pages.values() for number in _grid_lines(printed))


def _grid_lines(printed: list[Line]) -> Iterator[int]:
    """The numbers of the lines of a page (its printed lines ``printed``) that stand in a grid (laid_in_columns)."""
    parts = [_PART_HEADING.fullmatch("".join(line.text.split())) is not None for line in printed]
    gapped = [not part and bool(_CELL_GAP.search(line.text.strip()) or _COLUMN_INDENT.match(line.text))
              for line, part in zip(printed, parts, strict=True)]
    for index, line in enumerate(printed):
        if sum(gapped[max(0, index - _AROUND):index + _AROUND + 1]) >= _GAPPED and not parts[index] \
                and any(gapped[max(0, index - _AROUND):index + 1]):
            yield line.number


# a part's heading (“第八部分    其他需要说明情况”): its number set apart from its words by a gap, printed on the page of
# a table (深圳市民政局 2026's “第八部分” below its 重点项目 table, 国家信访局 2026's “第二部分   国家信访局部门预算表”,
# 广州's, 佛山's “第二部分  2026年部门预算表” over their first table) — the text's, never a grid's line
_PART_HEADING = regex(r"第[一二三四五六七八九十]{1,3}部分[^。，；,;]{0,30}")


@dataclass
class _Read:
    """The lines a flush read as sentences, and what the reader was before them: the statements it had, the item,
    the list and the headings in force (a sentence after them that goes on with them is read again with them)."""

    buffer: list[tuple[int, str]]
    count: int
    item: str
    listing: _Listing
    scope: _Scope
    after: int = -1  # the statements the reader had after them: none read since, they may go on


class _StatementReader:
    """What read_statements keeps from line to line: the statements so far, the lines of the sentence
    being joined, the unit and the table header in force, the headings, and a table whose cells
    stand one a line (cell_lines.py) being gathered."""

    def __init__(self, unit: str) -> None:
        self.statements: list[Statement] = []
        self.buffer: list[tuple[int, str]] = []
        self.unit = unit
        self.scope = _Scope()
        self.header: list[str] | None = None  # the columns of the table being read, where its header names them
        self.cell_run: list[tuple[int, str]] = []
        self.table = ""  # the title of the table being read (“收入决算表”)
        self.item = ""  # the name the numbered item being read gives in a heading sentence of its own
        self.project = _Project()  # the project whose numbered title its sub-items are under (_Project)
        self.listing = _Listing()
        self.last: _Read | None = None  # the lines read last, and the reader as it was before them
        self.paragraphs = 0  # the runs of lines read as one so far (Statement.paragraph)
        # the line read last as a table row, where it was (the statements before it, the line, its text): a sentence
        # whose amount ends the line, its unit opening the next (“支出1,895” / “万元，与上年相比…”), is prose

    def counted(self, more: list[Statement]) -> None:
        for st in more:
            if st.kind == "cell":
                st.table = self.table
        self.statements.extend(more)
        if len(self.statements) > MAX_FIGURES:
            raise TooManyFigures(self.statements[MAX_FIGURES].line)

    def flush(self) -> None:
        """The statements of the lines joined so far, read as sentences under the headings in force; lines that go on
        with the one amount of the sentence read last (``continues``) read again with it, as one sentence."""
        if self.buffer:
            self._read_again()
            self.last = _Read(list(self.buffer), len(self.statements), self.item, replace(self.listing),
                              self.scope.copy())
            found, self.item = _sentences(self.buffer, MAX_FIGURES - len(self.statements), self.item, self.listing,
                                          self.project.name)
            if not found:
                self.project = _Project.titled("".join(t for _, t in self.buffer), self.scope) or self.project
            context = self.scope.text() if found else ""
            headings = "".join(self.scope.headings.values()) if found else ""
            self.paragraphs += 1
            for st in found:
                st.context, st.headings, st.paragraph = context, headings, self.paragraphs
            self.counted(found)
            self.last.after = len(self.statements)
            self.scope.read("".join(text for _, text in self.buffer))
            self.buffer.clear()

    def _read_again(self) -> None:
        """Lines that go on with the one amount of the sentence read last (``continues``): that sentence's statements
        taken back, and its lines joined before these, to be read again with them as one sentence."""
        last = self.last
        if last is not None and last.after == len(self.statements) \
                and continues("".join(t for _, t in last.buffer), "".join(t for _, t in self.buffer)):
            del self.statements[last.count:]
            self.item, self.listing, self.scope = last.item, last.listing, last.scope
            self.buffer[:0] = last.buffer

    def read(self, line: Line, wrapped: bool = False) -> None:
        """One line: a cell of a table of cells one a line, a table row, or prose (``wrapped``: prose whose
        amount's unit the next line prints, _wrapped_amounts)."""
        text = line.bare
        if not text or _PAGE_NUMBER.fullmatch(text):  # a page's footer stands inside a sentence it does not continue
            return
        if "％" in text:  # a full-width percent sign (烟台 “下降4.89％”) says what % says
            text = text.replace("％", "%")
        if not wrapped and is_cell_line(text):
            self.flush()
            self.cell_run.append((line.number, text))
            return
        if self.cell_run:
            self.counted(_one_a_line(self.cell_run, self.unit))
            self.cell_run.clear()
        self._in_force(text)
        row = _table_row(text) if not wrapped else None
        if row is not None:
            self.flush()
            self.counted(by_header(_cells(line.number, row, line.table_unit or self.unit), self.header))
            return
        self.prose(line, text)

    def _in_force(self, text: str) -> None:
        """What a line says of the figures after it: the title of the table they are in, the unit they are in."""
        if text.endswith("表") and _TABLE_TITLE.fullmatch(text):
            self.table = text
        if "单位" in text and ("万元" in text or "元" in text):
            self.unit = "万元" if "万元" in text else "元"

    def prose(self, line: Line, text: str) -> None:
        """A line of prose (or a table's header), joined to the sentence it continues; a sentence
        read once it ends, at a heading, or at a line that starts anew."""
        if " " in text:  # “增加 1 385.26 万元”: one number, its digits set apart by a space
            text = _SPLIT_NUMBER.sub("", text)
        columns = header_columns(line.text)
        if columns is not None or _SENTENCE_END.search(text) or _is_heading(text):
            self.header = columns
        if STARTS_ANEW.match(text):
            self._anew(text)
        self.buffer.append((line.number, text))
        if self._sentence_ends(text):
            self.flush()

    def _anew(self, text: str) -> None:
        """A line that starts anew: the sentence before it read; the headings, the list and the project in force
        after it."""
        self.flush()
        self.scope.heading(text)
        self.listing.heading(_heading_level(text))
        self.project = self.project if self.project.goes_on(text) else _Project()
        self.item = self.project.name

    def _sentence_ends(self, text: str) -> bool:
        """Whether the sentence joined so far ends with the line ``text``: at its end mark outside an aside, at a
        colon, or at a heading."""
        ended = _SENTENCE_END.search(text[-1:]) and not _aside_open("".join(part for _, part in self.buffer))
        return bool(ended or text.endswith(("：", ":")) or _is_heading(text))

    def finish(self) -> list[Statement]:
        self.flush()
        self.counted(_one_a_line(self.cell_run, self.unit))
        return self.statements


def _one_a_line(run: list[tuple[int, str]], unit: str) -> list[Statement]:
    """Each number of a table whose cells stand one a line, as a cell named by its column."""
    return [Statement(number, "cell", text, to_decimal(text), decimals_of(text), unit, label=name, table_unit=unit)
            for row in cell_rows(run) for number, name, text in row.cells]


_COLUMN_WORDS = sorted(_WORDS["本年列"] + _WORDS["上年列"] + _WORDS["其他列"], key=len, reverse=True)
assert all("年" in word for word in _WORDS["上年列"]), "header_columns passes over a line without 年"
# each alternative after a look at whether one may start at a place (a year's 1 or 2, a word's first
# character): most places of a line fail at that one test (a header's columns found in a third of the time)
_COLUMN_STARTS = re.escape("".join(sorted({word[0] for word in _COLUMN_WORDS} | {"1", "2"})))
_COLUMN = regex(rf"(?=[{_COLUMN_STARTS}])(?:((?:19|20)\d\d)年(?:度)?(执行数|决算数|预算执行数|预算数|预算)|" +
                "|".join(re.escape(w) for w in _COLUMN_WORDS) + ")")


def header_columns(text: str) -> list[str] | None:
    """A header line's columns of figures, left to right, each 本年, 上年 or 其他; None for a line that
    names fewer than two, or none of this year's and last year's (nothing to put right)."""
    if "年" not in text:  # every way of naming last year's column (上年…, 2025年…) says 年
        return None
    columns = _columns_named(text)
    if len(columns) < 2 or "本年" not in columns or "上年" not in columns:
        return None
    return columns


def _columns_named(text: str) -> list[str]:
    """The columns a header line names, left to right: 本年, 上年 or 其他 — by its year, the latest year's budget
    this year's, any other last year's."""
    found = [_column(match) for match in _COLUMN.finditer(text)]
    years = [int(year) for year, _ in found if year]
    return [("本年" if int(year) == max(years) and kind == "预算" else "上年") if year else kind for year, kind in found]


def _column(match: re.Match[str]) -> tuple[str, str]:
    """A column a header names: (its year, 执行 or 预算) when named by its year, else ("", 本年, 上年 or 其他)."""
    if match.group(1):
        return match.group(1), "执行" if "执行" in match.group(2) or "决算" in match.group(2) else "预算"
    word = match.group()
    return "", "本年" if word in _WORDS["本年列"] else "上年" if word in _WORDS["上年列"] else "其他"


def by_header(cells: list[Statement], header: list[str] | None) -> list[Statement]:
    """A row's figures read by its table's header: the value is the 本年 column's, not the first
    (a table may lead with last year's). A row whose numbers do not fit the header is not read."""
    if header is None or header.index("本年") == 0 and header.count("本年") == 1:
        return cells
    out = []
    for cell in cells:
        values = [cell.value, *cell.others]
        if len(values) != len(header) or cell.value is None:
            continue  # the row does not fit its header: read by position it could be judged wrongly
        out.append(_this_years(cell, values, header.index("本年")))
    return out


def _this_years(cell: Statement, values: list[Decimal | None], current: int) -> Statement:
    """A row's cell read by its header: its value the 本年 column's (``current``), the others the rest."""
    value = values[current]
    exponent = value.as_tuple().exponent if value is not None else 0
    return replace(cell, value=value, others=[v for i, v in enumerate(values) if i != current and v is not None],
                   decimals=-exponent if isinstance(exponent, int) and exponent < 0 else 0)


_HEADING = regex(r"^(?:第[一二三四五六七八九十]+部分|[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)]|表\d)")
_HEADING_LEVELS = (regex(r"第[一二三四五六七八九十]++部分|表\d"),
                   regex(r"(?<![一二三四五六七八九十])[一二三四五六七八九十]++、"),
                   regex(r"[（(][一二三四五六七八九十]++[）)]"))


# how a numbered line is numbered: （1）, （一）, 1., 一、 (a project's title and its sub-items are numbered in two ways)
_NUMBERINGS = (regex(r"[（(]\d"), regex(r"[（(][一二三四五六七八九十]"), regex(r"\d"),
               regex(r"[一二三四五六七八九十]"), regex(r"[⒈⒉⒊⒋⒌⒍⒎⒏⒐]"))
_PROJECT_HEADINGS = regex(_any("项目标题之上"))
_ONE_PROJECT = regex(rf"[^，。；]{{0,30}}?(?:{_any('一个项目之前')}) *+1 *+个[^，。；\d]{{0,12}}?项目[，,](?:为|是)(?P<name>[^，。；]{{2,40}})。?")


def _numbering(text: str) -> int | None:
    return next((i for i, pattern in enumerate(_NUMBERINGS) if pattern.match(text)), None)


@dataclass(frozen=True)
class _Project:
    """A project whose numbered title is a line of its own with no figure, under a heading of projects
    (vocabulary.yaml 项目标题之上: “（四）重点支出和重大投资项目情况说明” / “1.学前免费政策市级财政补助” / “（1）政策依据：……”
    … “（3）预算安排：2026年安排市级资金预算3亿元。”, 北京市教育委员会 2026): the amount a sub-item says with no subject is
    its budget. It goes on over lines numbered otherwise (its sub-items), to the next numbered alike or a heading."""

    name: str = ""
    numbering: int | None = None

    @staticmethod
    def titled(text: str, scope: _Scope) -> _Project | None:
        """The project ``text`` (lines with no figure) is the title of, or the one project it says there is."""
        text = text.strip()
        if _heading_level(text) is not None or not _PROJECT_HEADINGS.search("".join(scope.headings.values())):
            return None
        title = _ITEM_HEADING.fullmatch(text)
        if title is not None and not text.endswith("。"):
            return _Project(title.group("name"), _numbering(text))
        one = _ONE_PROJECT.fullmatch(text)
        return _Project(one.group("name")) if one is not None else None

    def goes_on(self, text: str) -> bool:
        return bool(self.name) and _heading_level(text) is None and _numbering(text) != self.numbering


def _heading_level(text: str) -> int | None:
    """A heading's level (0: 第一部分 or a table's title, 1: 一、, 2: （一）); None for a line of no heading."""
    return next((level for level, pattern in enumerate(_HEADING_LEVELS) if pattern.match(text)), None)


def _is_heading(text: str) -> bool:
    """A short line of its own that no sentence continues: 第二部分 …, 一、…, （一）…, 表1 … (an item
    numbered （1） or 1. goes on on the next line). A line whose heading sentence ends before its words do goes on
    (“（三）公务用车购置和运行维护费。2025 年预算数” / “121.81 万元，……”, 北京市民政局 2026: the year is the amount's)."""
    heading = _HEADING.match(text)
    return heading is not None and len(text) <= 30 and not _HEADING_FIGURE.search(text) \
        and "。" not in text[:-1] and not _CODE_ITEM.match(text[heading.end():].lstrip())


# a numbered item that opens with a 科目's code is that 科目's amount, its name and figure going on over lines — no
# heading (泉州市人民政府办公室 2026 “（四）2010399-其他政府办公厅（室）及相关机构事务” / “支出 3942.61 万元。”; 福州市民政局
# 2026 “（一）2296002-用于社会福利的彩票公益金支出 75.00 万” / “元”)
_CODE_ITEM = regex(r"[1-3]\d{2}(?:\d{2}){0,2}\s*[-－—.．、\s]")


def _table_row(text: str) -> str | None:
    """A line of a table: numbers at its end with no unit after them (a sentence says 万元), Han
    words before them and no sentence marks. Read in one pass: the numbers start at the first place
    of the line's tail from which the rest is numbers only."""
    text = text.removesuffix("\n")  # as a pattern's $ would (a line read has none)
    if not text or text[-1] in _ROW_END_WORDS or not text[-1].isdecimal() or "\n" in text:
        return None
    start = len(text) - _end_of(_TAIL, text[::-1], 0)
    for place in _NOT_NUMBERS.finditer(text, start):
        start = place.start() + 1
    start = _end_of(_POINTS, text, start)  # numbers start with a digit, a minus or a space
    words = text[:start]
    if not _HAN.search(words) or _SENTENCE_MARK.search(words):
        return None
    return text


def _end_of(run: re.Pattern[str], text: str, at: int) -> int:
    """Where ``run`` (a pattern that matches an empty string too) ends when matched at ``at``."""
    found = run.match(text, at)
    return found.end() if found else at


_CODED_NAME = regex(r"(?<!\d)\d{3,7}-[\u4e00-\u9fff]")  # “30109-职业年金缴费”: a class's code joined to its name


def _cells(number: int, row: str, unit: str) -> list[Statement]:
    """A table row as one statement per name: 收支总表 rows hold two (收入 and 支出)."""
    # a PDF's text layer runs an amount into the next item of a 收支总表 line ("47,483,458一、社会保障和就业支出"),
    # and the spaces beside Han characters are gone ("收入总计47,483,458支出总计47,483,458")
    text = _RUN_BEFORE_HAN.sub(_spaced, row)
    year = _YEAR_ROW.match(text)
    if year is not None:  # a row of one year (the “三公” table's 2022年 / 2023年 / 2022年执行数): not a code
        return _year_cells(number, text, year, unit)
    out = []
    if len(_CODED_NAME.findall(text)) > 1:
        # a class printed beside another before its figures (北京's 基本支出 by 部门 and 政府经济分类, “50501-工资福利支出
        # 30109-职业年金缴费 5,821.25” under a function): a cell of a cross table, not the class's own total
        return []
    for code, name, numbers in _pieces(text):
        values = _cell_figures(code, _ROW_NUMBER.findall(numbers), unit)
        if not values or _TABLE_WORD.fullmatch(name.strip()) or not _HAN.search(name):
            continue
        label = (name.strip() + (f"（{code.replace(' ', '')}）" if code.strip() else "")).strip()
        out.append(Statement(number, "cell", text, to_decimal(values[0]), decimals_of(values[0]), unit,
                             label=label, others=[to_decimal(v) for v in values[1:]], table_unit=unit))
    return out


def _year_cells(number: int, text: str, year: re.Match[str], unit: str) -> list[Statement]:
    """A row of one year (the “三公” table's 2022年 / 2023年 / 2022年执行数): one statement, its first figure the
    year's, the rest its others; none where it prints no figure."""
    values = _ROW_NUMBER.findall(year.group(2))
    if not values:
        return []
    return [Statement(number, "cell", text, to_decimal(values[0]), decimals_of(values[0]), unit, label=year.group(1),
                      others=[to_decimal(v) for v in values[1:]], table_unit=unit)]


def _cell_figures(code: str, values: list[str], unit: str) -> list[str]:
    """A cell group's figures, the classification codes printed after its name dropped (项目支出表, 政府经济分类; the
    next column's 类 of a 基本支出 table set in two halves, “机关事业单位基本养老保险缴 302”, where a 万元 figure has
    decimals): a code, where a figure follows it, or it is a 类 of 5 under a 3's code, or an economic class in 万元."""
    while values and _CLASSIFICATION_CODE.fullmatch(values[0]) and (
            len(values) > 1 or (code.startswith("3") and values[0].startswith("5"))
            or (unit == "万元" and _ECONOMIC_CLASS.fullmatch(values[0]))):
        values = values[1:]
    return values


def _spaced(run: re.Match[str]) -> str:
    """A run of digits, commas and points before a Han character, with a space after it when it ends
    in a number with decimals or thousands (1.5, 1,234): the number ends there."""
    return run.group() + " " if _ENDS_AS_NUMBER.match(run.group()[::-1]) else run.group()


def _pieces(text: str) -> list[tuple[str, str, str]]:
    """(code, name, numbers) of each cell group of a row, left to right: an optional classification
    code, a name (no digits; it starts with neither a digit nor a space), then its numbers, each
    after a space (the first may follow the name directly), up to a space or the end of the row.
    A name's numbers are the first that fit after it; a name that has none is passed over to the next
    digit (a later start in the same words would find no other numbers)."""
    out: list[tuple[str, str, str]] = []
    at, end = 0, len(text)
    while at < end:
        char = text[at]
        if char.isdecimal():
            piece, at = _coded(text, at)
            if piece is not None:
                out.append(piece)
        elif char.isspace():
            blank = _BLANK.match(text, at)
            assert blank is not None
            at = blank.end()
        else:
            found = _named_numbers(text, at)
            if found is not None:
                out.append(("", found[0], found[1]))
                at = found[2]
            else:
                at = _past_failed_name(text, at)
    return out


def _coded(text: str, at: int) -> tuple[tuple[str, str, str] | None, int]:
    """The cell group a run of digits at ``at`` begins, where it is a classification code and a name with its
    numbers, and where the next begins (past the code's first digit, or the run, where it is not)."""
    digits = _DIGITS.match(text, at)
    assert digits is not None
    if digits.end() - at > 7:  # a code is at most 7 digits: from here it would end on a digit
        at = digits.end() - 7
    code = _CODE.match(text, at)
    found = _named_numbers(text, code.end()) if code else None
    if code is not None and found is not None:
        return (code.group(), found[0], found[1]), found[2]
    # fewer than three digits from here (no code) start no code further on in the run either
    return None, at + 1 if code is not None else digits.end()


def _past_failed_name(text: str, start: int) -> int:
    """Where to go on after a name starting at ``start`` found no numbers: its next digit (a later
    start in the same words has the same places for numbers, or fewer). And when the number at that
    digit has no numbers after it either, past the number's digits and commas but its last seven
    digits (a code may end there): a name starting at one of its commas would look for numbers at
    the next digit, read the same number to the same end and fail the same way; a code inside it
    ends on a digit or such a comma. (Else a row of 1,1,1,… read the rest of itself at each comma.)"""
    digit = _DIGIT.search(text, start)
    if digit is None:
        return len(text)
    at = digit.start()
    if _numbers_after(text, at, spaced=False) is None:
        run = _FIGURE_RUN.match(text, at)
        assert run is not None
        digits_end = at + len(run.group().rstrip(",，"))  # a comma after the last digit may start a name
        at = max(at, digits_end - 7)
    return at


def _named_numbers(text: str, start: int) -> tuple[str, str, int] | None:
    """The name starting at ``start`` and its numbers, with where they end; None when none follow.
    The name runs at least to the first space or digit; it ends at the first place after that from
    which numbers follow: a space then numbers, or (after a character that is not a space) numbers."""
    if start >= len(text) or text[start].isdecimal() or text[start].isspace():
        return None
    run = _NAME_RUN.match(text, start)
    assert run is not None
    digit = _DIGIT.search(text, run.end())
    last = digit.start() if digit else len(text)
    places = [m.start() for m in _NUMBERS_MAY_START.finditer(text, run.end(), last)]
    if digit is not None:
        places.append(last)
    for place in places:
        found = _numbers_at(text, place)
        if found is not None:
            return text[start:place], text[place:found], found
    return None


def _numbers_at(text: str, place: int) -> int | None:
    """Where the numbers that follow a name from ``place`` end: after a space, or right after a character of the
    name that is no space; None where none follow there."""
    found = _numbers_after(text, place, spaced=True) if text[place] == " " else None
    before = text[place - 1]
    if found is None and not before.isdecimal() and not before.isspace():
        found = _numbers_after(text, place, spaced=False)
    return found


def _numbers_after(text: str, at: int, spaced: bool) -> int | None:
    """Where the numbers starting at ``at`` end (before a space or at the end of the row), or None.
    Spaced: each number after spaces; else the first right at ``at`` and the others after spaces."""
    ends: list[int] = []
    if not spaced:
        first = _ROW_NUMBER.match(text, at)
        if first is None:
            return None
        at = first.end()
        ends.append(at)
    while True:
        spaces = _SPACES.match(text, at)
        figure = _ROW_NUMBER.match(text, spaces.end()) if spaces else None
        if figure is None:
            break
        at = figure.end()
        ends.append(at)
    if ends and text[ends[-1]:ends[-1] + 1] in (" ", ""):
        return ends[-1]
    return ends[-2] if len(ends) > 1 else None  # the numbers before the last: a space follows them


def _sentences(buffer: list[tuple[int, str]], room: int, item: str = "",
               listing: _Listing | None = None, project: str = "") -> tuple[list[Statement], str]:
    """Statements of joined lines, each with the line its number stands on, and the item in force after
    them (``item``: the one in force before; ``listing``: the list of parts in force, read on; ``project``: the
    project whose sub-items they are, the item of each that starts anew); TooManyFigures past ``room`` of them."""
    starts = _line_starts(buffer)
    text = "".join(part for _, part in buffer)
    out: list[Statement] = []
    before, previous = "", list[Statement]()  # (previous: the amounts of the sentence before that are no part of another)
    for sentence, offset in _split(text):
        heading = _item_heading(sentence)
        if heading is not None:  # “（一）因公出国（境）费用。”: the item the sentences after it speak of
            item = heading
            continue
        if STARTS_ANEW.match(sentence):  # another item begins, its own words naming its figures
            item = project
        line = listing.line_of(sentence) if listing is not None else ""
        said = _statements(sentence, offset, starts, room - len(out), item, line, before, previous, project)
        _carried_totals(said)
        before, previous = _read_on(said)
        if listing is not None:
            listing.read(sentence, said)
        out.extend(said)
    return out, item


def _line_starts(buffer: list[tuple[int, str]]) -> tuple[list[int], list[int]]:
    """Where each joined line starts in the joined text, and its number."""
    offsets: list[int] = []
    numbers: list[int] = []
    length = 0
    for number, part in buffer:
        offsets.append(length)
        numbers.append(number)
        length += len(part)
    return offsets, numbers


def _item_heading(sentence: str) -> str | None:
    """The item a sentence heads (“（一）因公出国（境）费用。”), where it is a heading: ended by “。”, or a line of its
    own naming a quantity (“（一）收入预算”); None for any other sentence."""
    heading = _ITEM_HEADING.fullmatch(sentence.strip())
    if heading is None or not sentence.strip().endswith("。") and heading.group("name") not in _QUANTITY_WORDS:
        return None
    return heading.group("name")


def _read_on(said: list[Statement]) -> tuple[str, list[Statement]]:
    """What the sentence after reads of one's statements: its first amount's label, and its amounts that are no
    part of another (“其中” opening the next sentence lists their parts)."""
    first = next((st for st in said if st.kind == "amount"), None)
    return (first.label if first is not None else "",
            [st for st in said if st.kind == "amount" and st.part_of is None and st.listed_in is None])


_ASIDE_REACH = 200  # the characters an aside in brackets may hold a sentence's end in (an unclosed one ends there)


_DEPTH = {"）": 1, ")": 1, "（": -1, "(": -1}  # a bracket read backwards: closing one more aside, or opening it
_BRACKET = regex(r"[（）()]")


def _aside_open(text: str) -> bool:
    """Whether ``text`` ends inside a bracketed aside opened in its last _ASIDE_REACH characters: a full stop or “；”
    there ends no sentence (“公务用车购置及运行维护费24.8万元（公务用车购置费0万元，比上年减少19.6万元；公务用车运行维护费
    24.8万元）比上年减少25.05万元”, 广州: the change after the aside is the amount's before it)."""
    depth = 0
    for char in reversed(_BRACKET.findall(text[-_ASIDE_REACH:])):  # the brackets alone, found at C speed
        depth += _DEPTH[char]
        if depth < 0:
            return True
    return False


def _split(text: str) -> list[tuple[str, int]]:
    """The sentences of joined lines, each with where it starts; a sentence that goes on with the one amount
    of the sentence before it (continues) is one sentence with it; a full stop in an aside ends none."""
    pieces: list[tuple[str, int]] = []
    start = 0
    for match in _FULL_STOP.finditer(text):
        if _aside_open(text[start:match.end()]):
            continue
        _add_piece(pieces, text[start:match.end()], start)
        start = match.end()
    if start < len(text):
        _add_piece(pieces, text[start:], start)
    return pieces


def _add_piece(pieces: list[tuple[str, int]], piece: str, start: int) -> None:
    if pieces and continues(pieces[-1][0], piece):
        pieces[-1] = (pieces[-1][0] + piece, pieces[-1][1])
    else:
        pieces.append((piece, start))


def continues(before: str, sentence: str) -> bool:
    """Whether ``sentence`` opens with a comparison and its change or 持平 that name nothing, right after a
    sentence ``before`` (ended by its full stop) that states one amount and no change or rate: the change is
    that amount's (“项目支出预算数为5,573万元。与上年相比增加4024万元，增长0.72 %。”)."""
    if not before.rstrip().endswith("。") or not _CONTINUES.match(sentence.lstrip()):
        return False
    return sum(1 for _ in _AMOUNT.finditer(before)) == 1 and not _CONTINUES.search(before) and not _RATE.search(before)


def opens_with_comparison(sentence: str) -> bool:
    """Whether ``sentence`` opens with a comparison (“与上年相比，财政拨款收、支总计各增加……”, 江苏)."""
    return bool(_COMPARE_LEAD.match(sentence.lstrip()))


def _line_at(offset: int, starts: tuple[list[int], list[int]]) -> int:
    """The line the joined text's ``offset`` stands on (the last line starting at or before it)."""
    offsets, numbers = starts
    return numbers[max(bisect.bisect_right(offsets, offset) - 1, 0)]


def _tokens(sentence: str) -> Iterator[tuple[str, str, int, int]]:
    """(kind, text, start, end) of each figure of the sentence, in order, as _TOKENS.finditer would
    find them if it tried an amount at every digit."""
    at = 0
    pairs = deque(_RESPECTIVE.finditer(sentence)) if "各" in sentence else deque()
    while True:
        in_run = _amount_in_run(sentence, at)
        if in_run is not None:
            yield in_run
            at = in_run[3]
            continue
        match = _TOKENS.search(sentence, at)
        pair = _pair_next(pairs, match, at)
        if pair is not None:  # (_RESPECTIVE: each amount named by its place in the pair, _Said.amount)
            if _TOKENS.search(sentence, pair.end()) is None:  # (a figure after it would be of neither for sure: unread)
                yield from _pair_tokens(pair)
            at = pair.end()
            continue
        if match is None:
            return
        kind = match.lastgroup or ""
        yield kind, match.group(kind), match.start(kind), match.end()
        at = match.end()
        rate = _done_rate(sentence, match, kind)
        if rate is not None:
            yield "done", rate.group(), rate.start(), rate.end()
            at = rate.end()


def _amount_in_run(sentence: str, at: int) -> tuple[str, str, int, int] | None:
    """The amount that starts at the next digit of a run of digits and commas, where the last figure ended in
    decimals inside it ("增加1.5,3万元"); None where it did not, or no amount starts there."""
    if not (0 < at < len(sentence) and sentence[at] in ",，" and sentence[at - 1].isdecimal()):
        return None
    figure = _FIGURE.match(sentence, _end_of(_COMMAS, sentence, at))
    unit = next((u for u in ("亿元", "万元", "元") if figure and sentence.startswith(u, figure.end())), "")
    if figure is not None and unit:
        return "amount", figure.group() + unit, figure.start(), figure.end() + len(unit)
    return None


def _pair_next(pairs: deque[re.Match[str]], match: re.Match[str] | None, at: int) -> re.Match[str] | None:
    """The pair of amounts said of 收、支 together (_RESPECTIVE) that comes next from ``at``, before the next figure
    (``match``), taken from ``pairs`` (those before ``at`` dropped); None where the figure comes first."""
    while pairs and pairs[0].start("a") < at:
        pairs.popleft()
    if pairs and (match is None or pairs[0].start("a") <= match.start()):
        return pairs.popleft()
    return None


def _done_rate(sentence: str, amount: re.Match[str], kind: str) -> re.Match[str] | None:
    """The rate right after an amount of the budget done (“完成预算12.02万元的100%”): the rate of the amount before."""
    if kind == "amount" and _DONE_AFTER_BUDGET.search(sentence, max(amount.start(kind) - _DONE_REACH, 0),
                                                      amount.start(kind)):
        return _DONE_RATE_AFTER.match(sentence, amount.end())
    return None


# a sentence that ends opening a list of its amount's parts (“……，具体包括：”), and a numbered item of such a list
_LIST_OPENS = regex(rf"(?:{_any('部分')})[：:]$")
_SHARE_AFTER = regex(r"(?:[，,]占\d{1,3}(?:[.．]\d{1,4})?%)?")
_LIST_LEADS = regex(rf"(?:{_any('部分')})[，,：:]?")  # … and a sentence that opens with them (“其中，”)
_LIST_ITEM = regex(r"(?P<number>\d{1,2})[.．、](?!\d)|[（(](?P<bracketed>\d{1,2})[）)]")
# The words that open a list of an amount's parts (“其中：”, vocabulary.yaml 部分), a bracket and a clause's end
_REASONS = tuple(_WORDS["原因"])
_PARTS_MARKS = regex(rf"{_any('部分')}|[（(]|[）)]|[；;]")
_ENUMERATING = frozenset(_WORDS["列举的部分"])  # the 部分 words whose list goes on past “；”
# … where they come right after the whole (“5,738.17万元，主要包括”), not after more words on it (“751.8万元，占收入预算总额的
# 9.7%，包括”)
# the ordinal that opens a reason or item of an enumeration: 一是, 其一, 第一 (then 二是, 其二, 第二 …)
_ORDINAL = regex(r"(?:^|[，,。；;：:\s])(?:其|第)?([一二三四五六七八九十])(?:是|[，,、])")
_INCLUDING = "含"  # right after a bracket: what the amount before it holds
_CLAUSE_WORDS = regex(r"[\s，,：:、]")  # what a clause's words before its 其中 may hold and name nothing
_RIGHT_AFTER = regex(r"[\d,，.．]*+(?:万元|亿元|元)?[，,：:]?(?:主要|具体)?")


@dataclass
class _Parts:
    """The lists of parts open in a sentence (“收入预算X万元，其中：A万元，B万元”), each with its whole and the
    bracket depth it opened at: a list closes at the end of its clause (；) or of the brackets it opened in
    (“公务用车购置及运行费B万元（其中：购置费b万元，运行费c万元），公务接待费C万元”)."""

    open: list[_List] = field(default_factory=list)
    depth: int = 0
    first_item: bool = False  # a “一是” has been read: the lists opened after it are within its item
    in_clause: int = 0  # the amounts read since the last “；”
    clause_before: int = 0  # … and in the clause that “；” ended

    def whole(self, between: str, last: Statement | None, label: str = "") -> Statement | None:
        """The whole an amount (its ``label``) is a part of, after the words ``between`` it and the amount before it
        (``last``, which a 其中 among them opens a list of the parts of); None when no list is open."""
        self._ordinal(between)
        clause = -1  # where the clause after a “；” among ``between`` begins
        for mark in _PARTS_MARKS.finditer(between):
            clause = self._mark(mark, between, last, label, clause)
        self.in_clause += 1
        if not self.open:
            return None
        self.open[-1].taken = True
        self.open[-1].first = self.open[-1].first or label
        return self.open[-1].whole

    def _ordinal(self, between: str) -> None:
        """An item of an enumeration opened among the words ``between`` two amounts: “一是…”, the lists opened from
        here on are its item's; “；二是…”, the reason after the first, the lists within the first item's words close."""
        if (ordinal := _ORDINAL.search(between)) is not None:
            if ordinal.group(1) in "一":
                self.first_item = True
            else:
                self.open = [listed for listed in self.open if not listed.in_item]

    def _mark(self, mark: re.Match[str], between: str, last: Statement | None, label: str, clause: int) -> int:
        """What one mark among the words ``between`` two amounts does to the lists open — a bracket opens or closes,
        a “；” ends a clause, a 其中 or 包括 opens a list of the parts of ``last`` — and where the clause after the
        last “；” begins (``clause``: -1 where none is among them)."""
        char = mark.group()
        if char in "（(":
            self._bracket(mark, between, last)
        elif char in "）)":
            self.depth = max(self.depth - 1, 0)
            self.open = [listed for listed in self.open if listed.depth <= self.depth]
        elif char in "；;":  # (the end of a 其中's item ends the lists within it)
            self.open = self._after_clause(label)
            self.clause_before, self.in_clause, clause = self.in_clause, 0, mark.end()
        elif last is not None:
            self._list_opens(mark, between, last, clause)
        return clause

    def _list_opens(self, mark: re.Match[str], between: str, last: Statement, clause: int) -> None:
        """A 其中 or 包括 among the words after ``last``: a list of its parts opens — not after a reason's words, nor in
        a clause of no amount said before (_of_new_clause)."""
        if between[:mark.start()].endswith(_REASONS) \
                or self._of_new_clause(between[clause:mark.start()] if clause >= 0 else None):
            return
        right_after = _RIGHT_AFTER.fullmatch(between[:mark.start()]) is not None
        self.open.append(_List(last, self.depth, mark.group() in _ENUMERATING and right_after, in_item=self.first_item))

    def _bracket(self, mark: re.Match[str], between: str, last: Statement | None) -> None:
        """A bracket opens: “2,134.87万元（含上年结转750.00万元）”（国家信访局 2026, 深圳市信访局 2026 “120万元（含结转2025年
        采购经费6.9万元）”）: what the brackets say it holds is a part of the amount before them."""
        self.depth += 1
        if last is not None and between.startswith(_INCLUDING, mark.end()):
            self.open.append(_List(last, self.depth, False, in_item=self.first_item))

    def _of_new_clause(self, said: str | None) -> bool:
        """Whether a list that opens in a clause after a “；” (``said``: its words before 其中 or 包括; None where it
        opens in the amount's own clause) is of no amount said before: its clause names its own whole (“……上年结转
        2,254.12万元；支出包括：一般公共服务支出……”, 国家信访局 2026: the 支出's, no part of 上年结转), or the clause before
        listed several amounts, none of them the whole (“政府采购预算总额712.49万元：货物……、工程……、服务225.99万元；
        其中一般公共预算拨款政府采购504.98万元”, 重庆市委宣传部 2026: of the 总额, no part of 服务)."""
        if said is None:
            return False
        return bool(_CLAUSE_WORDS.sub("", said)) or self.clause_before > 1

    def _after_clause(self, label: str) -> list[_List]:
        """The lists still open after a “；”: a 其中's closes there, and so do those within its item — but one whose first
        part the amount after the “；” (``label``) is the fellow of (vocabulary.yaml 并列的部分) goes on, and the lists
        opened after it (within its first part's clause) close."""
        fellow = self._fellow(label)
        if fellow is not None:
            return self.open[:fellow + 1]
        within = any(listed.depth == self.depth and not listed.enumerates for listed in self.open)
        return [listed for listed in self.open if listed.depth < self.depth or (not within and listed.goes_on(self.depth))]

    def _fellow(self, label: str) -> int | None:
        """The last list open at this depth whose first part the amount ``label`` is the fellow of; None where none is."""
        return next((at for at in range(len(self.open) - 1, -1, -1)
                     if self.open[at].depth == self.depth and _fellows(self.open[at].first, label)), None)


@dataclass
class _List:
    """A list of parts open in a sentence: its whole, the bracket depth it opened at, and whether it enumerates
    items one a clause and has taken one: a list 包括 opens right after its whole that has taken an amount goes on past “；” (“主要包括外场
    设施设备维护4,054.85万元，用于……；第三方服务1,101.26万元，用于……”, 深圳); one 其中 opens closes there, and so does
    one of names alone (“其中：人员经费95.36万元，主要包括：基本工资、……；公用经费10.23万元”: no part of 人员经费), and one
    within a 其中's item (“其中:财政拨款收入751.8万元，……，包括一般公共预算收入751.8万元；其他收入7000万元”)."""

    whole: Statement
    depth: int
    enumerates: bool
    in_item: bool = False  # opened within an item “一是…” (“一是项目支出……增加59.02万元，具体包括：……；二是……”)
    taken: bool = False
    first: str = ""  # the label of its first part

    def goes_on(self, depth: int) -> bool:
        return self.depth == depth and self.enumerates and self.taken


_OPENS_WITH_PARTS = regex(r"(?<!\s)\s*+其中")  # (a run of spaces tried once: linear)
_FELLOWS: tuple[tuple[str, str], ...] = tuple((pair[0], pair[1]) for pair in _WORDS["并列的部分"])
_SIDES = ("收入", "支出")


def _fellows(first: str, label: str) -> bool:
    """Whether ``label`` names the fellow of the part ``first`` names (vocabulary.yaml 并列的部分)."""
    return bool(first) and any(one in first and other in label or other in first and one in label
                               for one, other in _FELLOWS)


def _by_side(label: str, wholes: list[Statement]) -> Statement:
    """Of the amounts of the sentence before (``wholes``), the one a sentence opening with “其中” lists the parts of,
    its first part's ``label`` telling: a part of spending (its words say 支出, not 收入) the last that says 支出 and not
    收入 (“一般公共预算财政拨款收入8904.98万元，一般公共预算财政拨款支出8904.98万元，……。其中：基本支出5991.26万元”,
    万州区公路事务中心 2024), and so a part of income; else the first."""
    side = next((word for word in _SIDES if _says_alone(label, word)), "")
    fitting = [st for st in wholes if side and _says_alone(st.label, side)]
    return fitting[-1] if fitting else wholes[0]


def _says_alone(label: str, side: str) -> bool:
    """Whether a label says one side (支出 or 收入) and not the other."""
    return side in label and not any(other in label for other in _SIDES if other != side)


def _carried_totals(said: list[Statement]) -> None:
    """A 收入合计 whose listed parts are the year's income and money carried over (vocabulary.yaml 结转的字样) is the
    收入总计 (荣昌古昌镇畜牧服务中心 2024 “2024年收入合计177.03万元，其中：本年收入177.03万元，……；上年结转收入0万元”):
    its label says so — the 本年收入合计 is one of its parts."""
    for whole in said:
        if whole.kind != "amount" or not whole.label.endswith(_CARRIED_TOTAL[0]) or whole.label.endswith("本年" + _CARRIED_TOTAL[0]):
            continue
        if _income_and_carried([st.label for st in said if st.part_of is whole]):
            whole.label = whole.label.removesuffix(_CARRIED_TOTAL[0]) + _CARRIED_TOTAL[1]


def _income_and_carried(parts: list[str]) -> bool:
    """Whether the parts listed of a 收入合计 are the year's income and money carried over (结转的字样)."""
    return any("本年收入" in part for part in parts) and any(word in part for part in parts for word in carry_over_words())


_CARRIED_TOTAL = ("收入合计", "收入总计")
# the words that count things (vocabulary.yaml 量词), longest first
_MEASURES = tuple(sorted(_WORDS["量词"], key=len, reverse=True))


def _pair_tokens(pair: re.Match[str]) -> Iterator[tuple[str, str, int, int]]:
    """The figures of a pair said of 收、支 together (_RESPECTIVE), each followed by its rate where the pair's rates
    follow it (“……各下降23.51%、38.28%”: the first rate the first change's) — not in the text's order."""
    unit, rates = pair.group("unit"), pair.group("rates") is not None
    yield "first", pair.group("a") + unit, pair.start("a"), pair.end("a")
    if rates:
        yield "rate", f"{pair.group('rdir')}{pair.group('ra')}%", pair.start("rdir"), pair.end("ra") + 1
    yield "second", pair.group("b") + unit, pair.start("b"), pair.end("unit")
    if rates:
        yield "rate", f"{pair.group('rdir')}{pair.group('rb')}%", pair.start("rb"), pair.end()


def _respective(label: str, place: int) -> str:
    """The name of one of two amounts said of 收、支 together (“收、支总计各是4125.49,4143.91万元”: the label 收支总计各是):
    the 收入's the first, the 支出's the second; "" where the words name no such pair (nothing is guessed)."""
    if "收支" not in label:
        return ""
    return label.replace("收支", "收入" if place == 1 else "支出", 1)


def _counted(prefix: str) -> str:
    """The words naming the things counted right before an amount (“2026年计划购置车辆30辆、”: 2026年计划购置车辆),
    or "" where no count and 、 stand right before it."""
    if not prefix.endswith("、"):
        return ""
    body = prefix[:-1]
    measure = next((word for word in _MEASURES if body.endswith(word)), "")
    rest = body[:len(body) - len(measure)] if measure else ""
    things = rest.rstrip("0123456789")
    if len(things) == len(rest):  # no count before the measure
        return ""
    return _LABEL_CUT.split(things)[-1].strip()


# The statements other than amounts, each read by its own pattern, and the words of a direction.
_FIGURE_PATTERNS = {"change": _CHANGE, "flat": _FLAT, "rate": _RATE, "share": _SHARE, "relative": _RELATIVE,
                    "done": _DONE}
_DIRECTIONS = {**{w: "up" for w in _WORDS["增加"] + _WORDS["增长率"] + _WORDS["多于"] + _WORDS["比后多"]},
               **{w: "down" for w in _WORDS["减少"] + _WORDS["下降率"] + _WORDS["少于"] + _WORDS["比后少"]}}


@dataclass
class _Said:
    """A sentence's statements so far and what the next builds on: a change, flat, rate or share
    speaks of the last amount, a rate has the base of the change before it, a share is of the
    total the sentence names first, and an amount's label is the words since the last figure."""

    sentence: str
    out: list[Statement] = field(default_factory=list)
    last_amount: Statement | None = None
    last_kind: str = ""
    last_base: str = ""  # the base of the change a rate follows
    first_amount_label: str = ""
    pair_label: str = ""  # the words before a pair of amounts said of 收、支 together (_RESPECTIVE)
    first_amount: Statement | None = None
    # the first amount is given a share itself (“一般公共服务支出（类）264.87万元，占86.05%；……住房保障支出（类）29.42万元，
    # 占9.55%”): a part like the others, no whole of theirs
    first_is_part: bool = False
    cursor: int = 0
    item: str = ""  # the numbered item's name, where its heading is a sentence of its own
    project: str = ""  # the title of the project in force (_Project), the item where no other is
    line: str = ""  # the 款 whose 项 the numbered item names alone (_Listing.line_of)
    before: str = ""  # the label of the first amount of the sentence before (its item's name, where it named none)
    parts: _Parts = field(default_factory=lambda: _Parts())
    amount_end: int = 0  # where the last amount starts: the words after it are read for its parts once
    ends: dict[int, Statement] = field(default_factory=dict)  # each amount by where it ends in the sentence
    # the first amount of the sentence before, where this one opens with “其中” (“财政拨款支出4603.07万元，与上年相比，……。
    # 其中：基本支出4603.07万元，项目支出0万元。”): the whole its parts are of
    previous: Statement | None = None
    wholes_before: list[Statement] = field(default_factory=list)  # the amounts of the sentence before, where it opens so
    # a change that names what changed and states last year's figure, no amount before it (“……与2016年度相比（2016年度部门
    # 支出预算安排为8,648.07万元），增加498.72万元，增长5.77%”, 江苏 2017): the rate after it is of that, against that prior
    said_change: Statement | None = None

    def read(self, line: int, kind: str, token: str, begin: int, finish: int) -> None:
        """One figure of the sentence (``token``, from ``begin`` to ``finish``), by the kind its pattern read it as:
        an amount (or one of a pair said of 收、支 together), a zero said with no unit, or a figure of an amount."""
        if kind == "zero":  # “公务接待费为0，与2025年预算持平”: nothing, in any unit (the strictest: 元)
            kind = self.amount(line, "0元", begin, printed="0")
        elif kind in ("amount", "first", "second"):
            place = ("first", "second").index(kind) + 1 if kind != "amount" else 0
            kind = self.amount(line, token, begin, respective=place)
            if kind == "amount" and self.last_amount is not None:
                self.ends[finish] = self.last_amount
        elif kind in _FIGURE_PATTERNS:
            self.figure(line, kind, token, begin)
            kind = "change" if kind == "relative" else kind
        self.last_kind, self.cursor = kind, finish

    def amount(self, line: int, token: str, begin: int, printed: str = "", respective: int = 0) -> str:
        """An amount, or a change that names its figure itself; the kind it was read as (``printed``: the
        token as the text prints it, where it is not ``token``: a zero said with no unit; ``respective``: the
        amount's place, 1 or 2, in a pair said of 收、支 together, _RESPECTIVE)."""
        amount = _AMOUNT.fullmatch(token)
        assert amount is not None
        num, unit = amount.group("num"), amount.group("unit")
        token = printed or token
        label = _label(self.sentence[self.cursor:begin])
        whole = self._whole(begin, label)
        if respective:
            self.pair_label = label if respective == 1 else self.pair_label
            label = _respective(self.pair_label, respective)
        label, of_project = self._item_label(label)
        label = self._under_line(label)
        changed = self._changed_of(label)
        if changed is not None:
            self.out.append(self._change(line, token, num, unit, *changed))
            return "change"
        statement = Statement(line, "amount", token, to_decimal(num), decimals_of(num), unit, label=label,
                              sentence=self.sentence, part_of=whole,
                              label_whole=_label_whole(self.sentence[self.cursor:begin]), of_project=of_project)
        if not self.first_amount_label and label:
            self.first_amount_label, self.first_amount = label, statement
        self.last_amount = statement
        self.out.append(statement)
        return "amount"

    def _whole(self, begin: int, label: str) -> Statement | None:
        """The whole an amount (its words ``label``) is a part of, by the words since the last amount: that amount,
        or, the sentence's first, the amount of the sentence before its words name (“其中”: ``wholes_before``)."""
        if self.last_amount is None and self.wholes_before:
            self.previous = _by_side(label, self.wholes_before)
        whole = self.parts.whole(self.sentence[self.amount_end:begin], self.last_amount or self.previous, label)
        self.amount_end = begin
        return whole

    def _item_label(self, label: str) -> tuple[str, bool]:
        """An amount's label where its words name no subject, and whether it is its project's: the numbered item's
        (“（一）因公出国（境）费用。2026年预算数159.00万元”), or the quantity its heading names (“（一）收入预算：2024年年初
        预算数8904.98万元”（重庆万州）); else its own words'."""
        bare, of_project = label.replace(" ", ""), self.item == self.project != ""
        if self.item and self.last_amount is None and (
                _SUBJECTLESS.fullmatch(bare) or of_project and _PROJECT_SUBJECTLESS.fullmatch(bare)):
            return self.item, of_project  # the item's amount
        quantity = self._heading_quantity(bare)
        return (quantity, of_project) if quantity is not None else (label, False)

    def _heading_quantity(self, bare: str) -> str | None:
        """The quantity a sentence's numbered heading names (“（一）收入预算：”), for its first amount with words that
        name none; None for any other."""
        inline = _INLINE_ITEM.match(self.sentence) if self.last_amount is None and not self.item else None
        if inline is not None and inline.group("name") in _QUANTITY_WORDS and _SUBJECTLESS.fullmatch(bare):
            return inline.group("name")
        return None

    def _under_line(self, label: str) -> str:
        """A 项 named alone under the 款 the numbered item names (“1．行政运行（项）” under “检察（款）: …”): named
        with it (检察（款）行政运行（项））; any other label as it is."""
        lone = _LONE_ITEM.fullmatch(label) if self.line and self.last_amount is None else None
        if lone is not None and lone.group("level") == _NEXT_LEVEL[self.line[-2]]:
            return self.line + lone.group("name")
        return label

    @staticmethod
    def _changed_of(label: str) -> tuple[str, str] | None:
        """The change an amount's words say, and what it is of: “与上年相比收支预算总计各增加3,958.67万元”（江苏）: up, of
        收支预算总计; “基本支出增加4.27万元”: of 基本支出. None where they say none, or name only what it is compared with."""
        changed = _CHANGED.search(label, 1)
        # the words after the comparison name what changed
        of = _after_comparison(label[:changed.start()]).removesuffix("各") if changed else ""
        if changed and of and "\n" not in of and not _COMPARED.search(of):
            return "up" if changed.group(1) == "增加" else "down", of
        return None

    def _change(self, line: int, token: str, num: str, unit: str, direction: str, of: str) -> Statement:
        """A change its words name: “收支预算总计21,955.35万元，与上年相比收支预算总计各增加3,958.67万元”: the change of
        the amount its words name (words that name only what it is compared with, “较上年支出数减少”: the amount's
        before it)."""
        own = self.last_amount is None or not self.last_amount.label.endswith(of) and of not in _COMPARED_WITH
        return Statement(line, "change", token, to_decimal(num), decimals_of(num), unit, direction=direction,
                         label=of if own or self.last_amount is None else self.last_amount.label,
                         sentence=self.sentence, own_label=own)

    def figure(self, line: int, kind: str, token: str, begin: int = 0) -> None:
        """A change, flat, rate or share, of the last amount — or, a change or flat with words of its
        own before it and no amount (“公务接待较上年同期减少0.58万元”), of what those words name."""
        parsed = _FIGURE_PATTERNS[kind].fullmatch(token)
        assert parsed is not None
        groups = parsed.groupdict()
        kind = "change" if kind == "relative" else kind  # “本年数小于上年预算数40.05万元”: a change
        subject = self._subject(kind, begin)
        before = self._before_aside(begin) if kind in ("change", "flat", "share") else None
        if subject and _HAN.search(subject) and not _REASON.fullmatch(subject):
            statement = self._of_subject(line, kind, token, groups, subject)
        elif before is not None:  # “公务用车购置及运行维护费24.8万元（……）比上年减少25.05万元”: of the amount before the aside
            statement = _said_figure(line, kind, token, groups, groups.get("unit") or "", label=before.label,
                                     sentence=self.sentence, own_label=True)
            self.last_amount = before  # (and the rate after it)
        else:
            statement = self._of_last_amount(line, kind, token, groups)
        self.out.append(statement)
        if kind in ("change", "flat"):
            self.last_base = statement.base

    def _subject(self, kind: str, begin: int) -> str:
        """The words a change or flat says before it, what it is of: the item's budget where they name only its
        quantity (“（一）收入预算” / “2025年年初预算数……。收入较2024年减少844.18万元”（重庆）: the 收入预算's)."""
        subject = _label(self.sentence[self.cursor:begin]) if kind in ("change", "flat") else ""
        if subject and self.last_amount is None and _budget_of(self.before, subject):
            return self.before
        return subject

    def _of_subject(self, line: int, kind: str, token: str, groups: dict[str, str | None], subject: str) -> Statement:
        """A figure of what its own words name; a change that states last year's figure, no amount before it,
        kept for the rate after it (``said_change``)."""
        statement = _said_figure(line, kind, token, groups, groups.get("unit") or "", label=subject,
                                 sentence=self.sentence, own_label=True)
        if kind == "change" and statement.prior and self.last_amount is None:
            self.said_change = statement
        return statement

    def _before_aside(self, begin: int) -> Statement | None:
        """The amount right before a bracketed aside that a change or flat follows with no words of its own
        (“公务用车购置及运行维护费24.8万元（公务用车购置费0万元，……；公务用车运行维护费24.8万元）比上年减少25.05万元”,
        广州): the aside's amounts are its parts, the change is the amount's. None where no aside closes right there."""
        if self.sentence[self.cursor:begin].strip(" ，,。；;") not in ("）", ")"):
            return None
        depth, at = 0, self.cursor
        while at > 0:
            at -= 1
            depth += {"）": 1, ")": 1, "（": -1, "(": -1}.get(self.sentence[at], 0)
            if depth < 0:
                break
        return self.ends.get(len(self.sentence[:at].rstrip())) if depth < 0 else None

    def _of_last_amount(self, line: int, kind: str, token: str, groups: dict[str, str | None]) -> Statement:
        """A change, flat, rate or share of the sentence's last amount: a rate has the base of the
        change before it, a share is of the total the sentence names first (or of the base it names)."""
        self._share_of_first(kind)
        of_change = self._of_said_change(line, kind, token, groups)
        if of_change is not None:
            return of_change
        return _said_figure(
            line, kind, token, groups, groups.get("unit") or ("%" if kind in ("rate", "share", "done") else ""),
            base=self.last_base if kind == "rate" else None,
            label=self.last_amount.label if self.last_amount is not None else "",
            sentence=self.sentence, whole="" if self.first_is_part else self.first_amount_label,
            named_whole=_NAMED_WHOLE_END.sub("", groups.get("what") or "") if kind == "share" else "",
            after_flat=kind == "rate" and self.last_kind == "flat")


    def _share_of_first(self, kind: str) -> None:
        """A share of the sentence's first amount: it is a part like the others, no whole of theirs (first_is_part)."""
        if kind == "share" and self.last_amount is not None and self.last_amount is self.first_amount:
            self.first_is_part = True

    def _of_said_change(self, line: int, kind: str, token: str, groups: dict[str, str | None]) -> Statement | None:
        """A rate, no amount before it, of the change said before it with last year's figure (said_change); None
        for any other figure."""
        said = self.said_change if kind == "rate" and self.last_amount is None else None
        if said is None:
            return None
        return _said_figure(line, kind, token, groups, groups.get("unit") or "%", base=self.last_base, label=said.label,
                            sentence=self.sentence, prior=said.prior, own_label=True)


def _budget_of(label: str, name: str) -> bool:
    """Whether ``label`` is ``name`` and a word that says only that it is the year's budget (“收入预算”: 收入)."""
    return label.startswith(name) and _SUBJECTLESS.fullmatch(label[len(name):]) is not None and len(label) > len(name)


def _after_comparison(words: str) -> str:
    """The words after a comparison they open with (“与上年相比收支预算总计各”: 收支预算总计各)."""
    lead = _COMPARE_LEAD.match(words)
    return words[lead.end():] if lead else words


def _said_figure(line: int, kind: str, token: str, groups: dict[str, str | None], unit: str,
                 base: str | None = None, prior: str = "", **more: Any) -> Statement:
    """A change, flat, rate or share as its pattern read it: its number, direction and base (the one
    its words say unless ``base`` is given), whether it left its amount empty, and the prior it states inline
    (``prior``: the one the change before it stated, for a rate)."""
    num = groups.get("num")
    return Statement(line, kind, token, to_decimal(num) if num else None, decimals_of(num) if num else 0, unit,
                     direction=_DIRECTIONS.get(groups.get("dir") or "", ""),
                     base=(_same_year(token) if groups.get("same") is not None
                           else _base(groups.get("base") or groups.get("later") or "")) if base is None else base,
                     empty_amount=bool(groups.get("empty")), roughly=bool(groups.get("roughly")),
                     prior=prior or _inline_prior(groups, unit), **more)


def _inline_prior(groups: dict[str, str | None], unit: str) -> str:
    """The prior a change states inline (“比上年预算2,920.59万元，减少878.04万元”), as printed; "" where the change states
    a rate alone after it (“较2023年度决算数38.31万元，下降6.31%”, 梧州 2024 决算): that amount may as well be the
    difference said without its direction — nothing says which, and no prior is read."""
    if not groups.get("prior") or unit == "%":
        return ""
    return f"{groups['prior']}{groups.get('priorunit') or unit}"  # (one with no unit: in the change's)


def _statements(sentence: str, offset: int, starts: tuple[list[int], list[int]], room: int,
                item: str = "", in_line: str = "", before: str = "", previous: list[Statement] | None = None,
                project: str = "") -> list[Statement]:
    """The statements of one sentence (an amount that names no subject first in it is of ``item``, the
    numbered item's name, where one is in force; a numbered item that names a 项 alone is of ``in_line``'s 款; a
    sentence that opens with “其中” lists the parts of one of ``previous``, the wholes of the sentence before: _by_side);
    TooManyFigures past ``room`` of them."""
    said = _Said(sentence, item=item, line=in_line, before=before,
                 wholes_before=previous or [] if _OPENS_WITH_PARTS.match(sentence) else [], project=project)
    for kind, token, begin, finish in _tokens(sentence):
        line = _line_at(offset + begin, starts)
        if len(said.out) >= room:
            raise TooManyFigures(line)
        if not _bound(kind, token, sentence, begin, finish):
            said.read(line, kind, token, begin, finish)
    return said.out


def _bound(kind: str, token: str, sentence: str, begin: int, finish: int) -> bool:
    """Whether a figure the sentence prints is a threshold or a bound, no figure: “单价100万元以上”, “≤2890万元”,
    “占信息化项目总金额比例≤1 %”."""
    if kind == "amount":
        return bool(_THRESHOLD.match(sentence, finish) or _BOUND.search(sentence[max(begin - _BOUND_REACH, 0):begin]))
    return kind == "share" and _BOUND.search(_FIGURE.split(token, 1)[0]) is not None


# a change's base where it is the same year's budget (“比预算数增加”: a 决算 against its budget), not last year's; one
# the words name as its 年初, 全年 or 调整 budget (“比年初预算数增加”) is that one's: 本年年初预算, 本年全年预算, 本年调整预算
SAME_YEAR_BUDGET = "本年预算"
_WHICH_BUDGET = regex(r"年初|全年|调整")


def _same_year(token: str) -> str:
    which = _WHICH_BUDGET.search(token)
    return f"本年{which.group()}预算" if which else SAME_YEAR_BUDGET


def same_year(base: str) -> bool:
    """Whether a change's base is the same year's budget, plain or named (SAME_YEAR_BUDGET)."""
    return base.startswith("本年") and base.endswith("预算")


def _base(word: str) -> str:
    if "执行" in word or "决算" in word:  # 执行数, 预算执行数, 决算数
        return "执行数"
    return "预算" if word.startswith(("预算", "年初预算")) else ""


def _label(prefix: str) -> str:
    """The words right before an amount: from the last comma, colon or 其中 on; or, where a count of things
    stands right before it (“2026年计划购置车辆30辆、511.25万元”), the words that name the things counted."""
    counted = _counted(prefix)
    if counted:
        return counted
    projects = _PROJECTS_COUNTED.search(prefix)
    if projects:  # “涉及一级预算项目3个，预算资金6039万元”: the money of the projects counted, 涉及预算资金
        return projects.group("lead") + projects.group("money")
    prefix = _IN_NAME.sub(r"〔\1〕", prefix.replace("＂", "”"))  # 因公出国（境）费, 交通管理装(设)备业务: one name each
    # “收入、支出预算总计21,955.35万元”“收、支预算总计各增加”（江苏）: the 收支 total's
    prefix = prefix.replace("收入、支出", "收支").replace("收、支", "收支").replace("总收支", "收支总计")  # (梧州 2025 “财政拨款总收支较上年下降”)
    label = _label_of(_without_aside(_defined(prefix)))
    counts = list(_COUNT_THEN_NAME.finditer(label))
    if counts:  # “计划购置0辆公务接待费4.5万元”（海南 2022, no stop after the count）: the name after the count
        label = label[counts[-1].end():]
    return _KEPT_IN_NAME.sub(r"（\1）", label)


# a count and its measure with a name right after it, in an amount's label: the amount is the name's, not the things counted
_COUNT_THEN_NAME = regex(rf"(?<!\d)\d++(?:{'|'.join(map(re.escape, _WORDS['量词']))})(?=[\u4e00-\u9fff]{{2}})")


# one character in brackets within a name (“因公出国（境）费”, 深圳 “交通管理装(设)备业务”, “维修（护）费”): part of it — not a
# number (“（一）”), a level (“（款）”) nor “（含）”
_IN_NAME = regex(r"[（(]([^\d\s一二三四五六七八九十类款项含（）()])[）)](?=[\u4e00-\u9fff])")
_KEPT_IN_NAME = regex(r"〔(.)〕")


# a count of projects, then the money they take (“涉及一级预算项目3个，预算资金6039万元”, 烟台): the money its lead word names
# (the pattern starts with its lead word: a search skips to it)
_PROJECTS_COUNTED = regex(rf"(?P<lead>涉及)[^，,。；：:\d]{{0,16}}?项目\d{{1,4}}个[，,](?P<money>{_any('计数后的资金')})$")


# a name the words before an amount define in an aside (“……车辆购置及运行费、公务接待费(简称“三公”经费)支出合计24.75万元”,
# 鹤山市水务局 2018; “（以下简称“三公”经费）”): the words after the aside speak of what it names, not of the last item before it
_DEFINED = regex(r"[（(](?:以下)?简称(?P<name>[^（）()，,。；;、]{2,12})[）)](?P<after>[^（）()，,。；;：:、]*+)$")


def _defined(prefix: str) -> str:
    """The words before an amount with a name an aside defines standing for the words it defines (_DEFINED): its
    clause starts at that name."""
    defined = _DEFINED.search(prefix) if "简称" in prefix else None
    return prefix if defined is None else f"{prefix[:defined.start()]}，{defined.group('name')}{defined.group('after')}"


# a bracketed aside in words (two Han characters or more: no code, no 类/款/项) between a name and its 为 or 是
_ASIDE = regex(r"[（(](?P<aside>[^（）()]*+)[）)](?P<said>为|是)?$")


def _without_aside(prefix: str) -> str:
    """The words before an amount without an aside right before it (“政府采购金额（以合同签订为准）为”: 政府采购金额为)."""
    aside = _ASIDE.search(prefix) if prefix.endswith(("）", ")", "）为", ")为", "）是", ")是")) else None
    if aside is None or len(_HAN.findall(aside.group("aside"))) < 2:
        return prefix
    return prefix[:aside.start()] + (aside.group("said") or "")


_PIECE_CUTS = frozenset("、（）()")  # cuts that leave a label only a piece of what its amount is of


def _label_whole(prefix: str) -> bool:
    """Whether an amount's label (_label) runs back to its clause's start, not to a 、 or a bracket."""
    if _counted(prefix):
        return True
    text = _without_aside(_defined(_IN_NAME.sub(r"〔\1〕", prefix)))
    cuts = [match for match in _LABEL_CUT.finditer(text)]
    # (a 、 right after the figure before it: one item of a list of amounts, “……扶持款300.00万元、电影《英歌》扶持款
    # 500.00万元”, 深圳 — its words are the whole of its name)
    return not cuts or cuts[-1].group() not in _PIECE_CUTS or (len(cuts) == 1 and cuts[0].group() == "、" and cuts[0].start() == 0)


# A sentence that opens with a 类 or 款 (“检察（款）: 2018年预算支出合计…”, “住房改革支出(款): …”, “1、工资福利支出（类）
# 2,097.51万元”), and a numbered item's label that names a line of the level below alone (“1．行政运行（项）”, “（1）基本
# 工资（款）”)
_LINE_LEAD = regex(r"(?<![^“”，。；：:（）()\d、.．])(?:\d{1,2}[、.．])?“?"
                   r"(?P<name>[^“”，。；：:（）()\d、.．]++[（(](?:\d{2,3})?[类款][）)])”?(?:支出)?(?:[：:]|\d)")
_LONE_ITEM = regex(r"(?<![^（）()])(?:\d{1,2}[.．、])?(?P<name>[^（）()]++[（(](?:\d{2})?(?P<level>[款项])[）)])")
_NEXT_LEVEL = {"类": "款", "款": "项"}
# The names of a line's 类, 款 or 项, each followed by its level (“政协事务（款）行政运行（项）”, “一般公共服务（类）支出”,
# “检察（款）: 2018年预算支出合计”, “（1）基本工资（款）支出”, 江苏), and the words after them that say it is the line's
# spending: of that line
_AT_LEVELS = regex(r"(?<![^“”，。；：:（）()])“?(?P<name>(?:[^“”，。；：:（）()]++[（(](?:\d{2,3})?[类款项][）)])++)”?"
                   r"[：:]?[ \t]*+(?:(?:19|20)\d\d年度?)?(?:预算)?(?:支出)?(?:预算|决算)?(?:合计|总计)?数?(?:为|是)?\n?$")
# (“1.社会保障和就业(类)行政事业单位养老支出(款)机关事业单位基本养老保险缴费支出(项): 支出决算为67.64万元”, 四川大邑 2020 决算)


def _label_of(prefix: str) -> str:
    levels = _AT_LEVELS.search(prefix) if "）" in prefix or ")" in prefix else None
    if levels is not None:
        return levels.group("name").strip()
    coded = _CODE_THEN_YEAR.search(prefix) if "年" in prefix[-12:] else None
    if coded is not None:
        return f"{coded.group(1)}（{coded.group(2)}）"
    label = _last_words(prefix)
    closed = _closed_name(prefix)
    return closed if closed is not None else label.strip()


def _last_words(prefix: str) -> str:
    """The words a label is cut from the words before a figure: the last piece of them, or the one before a
    colon that ends them (“人员支出：61.35万元”: a colon label names the figure that follows it)."""
    pieces = _LABEL_CUT.split(prefix)
    label = pieces[-1] if pieces else ""
    if not label.strip() and len(pieces) > 1:
        label = pieces[-2] if _COLON_END.search(prefix) else ""
    return label


def _closed_name(prefix: str) -> str | None:
    """The name the words before a figure end with, closed by a bracket: with its code (“名称（code）”), or with its
    levels; None where they end otherwise."""
    ending = prefix.removesuffix("\n")[-1:]  # where either pattern's $ may stand: the end, or before a last \n
    code = _NAME_WITH_CODE.search(prefix) if ending in _BRACKETS_CLOSE else None
    if code:
        return f"{code.group(1)}（{code.group(2)}）"
    levels = _NAME_WITH_LEVELS.search(prefix) if ending in _LEVELS_CLOSE else None
    if levels:
        return levels.group(1)
    return None


def other_table_words() -> tuple[str, ...]:
    """The words of a disclosure's table titles that are none of its budget tables' (vocabulary.yaml 预算以外的表名)."""
    return tuple(_WORDS["预算以外的表名"])


def owner_name_forms() -> tuple[dict[str, str], dict[str, str]]:
    """A department's name's full forms with their short forms, and the organs named before their region with the
    words after the region in their short form (vocabulary.yaml 部门名称的全称, 部门名称的组织在前)."""
    full: dict[str, str] = _WORDS["部门名称的全称"]  # type: ignore[assignment]  # a mapping, not a list
    organs: dict[str, str] = _WORDS["部门名称的组织在前"]  # type: ignore[assignment]  # a mapping, not a list
    return full, organs
