"""The wording of a budget's draft, line by line, as review tooling reads published disclosures: the
slips a writer leaves (checks/slips.py: XX, 某某, {单位}, 增加增加, 增加持平, 。。), a comparison with a
year that is not the year before or with the same year's budget, an item of a list dated apart from its
fellows, the budget called 决算, 元 beside 万元 in one sentence (R-文字); a
table whose figures are all 0 with no word of why (R-空表); a 科目 under a name the catalogue gave it
only in other years (R-科目名称). Each is a warning at its line: the reviewer reads the sentence. The
years are the source's (``Text.source_year``): a draft reviewed without one is judged on the rest."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Iterator
from itertools import chain

from reportgen import codes
from reportgen.base.errors import Finding
from reportgen.base.patterns import regex
from reportgen.base.rules import TEXT, rule
from reportgen.checks.slips import DOUBLED, PLACEHOLDERS, REPEATED_PUNCTUATION, SLIPS
from reportgen.readers.text.lines import Line
from reportgen.review.text_rules.base import Text
from reportgen.review.text_rules.unprinted_names import unprinted_items

_COMPARED_YEAR = regex(r"(?:比|较|与)(\d{4})年")
_OWN_YEAR = regex(r"(\d{4})年(?:部门)?(?:预算|决算)")
# The purchases the budget arranges (国有资产占用情况): “2026年预算安排中，购置单位价值100万元以上的设备8台（套）”
# (北京), “2026年单位预算安排购置车辆1辆”（上海）, “2026年预算未安排购置单位价值100万元以上的设备”（烟台）— in every published budget
# of our corpora, its own year
_PURCHASES_YEAR = regex(r"(\d{4})年(?:部门|单位)?预算(?:未|没有)?安排中?[，,]?购置")
# The scope of the budget (or 决算) the document is: “纳入本部门2019年部门汇总预算编制范围的预算单位” (江苏), “纳入烟台市水利局
# 2026年部门预算编制范围的二级预算单位”, “纳入……2024年度部门决算编制范围的单位” — of the document's own year, always
_SCOPE_YEAR = regex(r"(\d{4})年度?(?:部门|单位)(?:汇总)?(预算|决算)编制范围")
# A title or heading naming the document's own year: “…2026年部门预算”, “2026年部门预算情况说明”, “（2026年
# 单位预算公开）” — a line of words with no figure but its year, and no comparison in it; and a table's title
# (“2026年预算单位财务收支预算总表”, “2026年部门收支总表”: the line ends with it, “本表” being a note's word).
_TITLE_YEAR = regex(r"(\d{4})年(?:(?:区级|市级|县级)?(?:部门|单位)预算(?!执行)|预算单位|度?\D{2,40}?(?<!本)表$)")
# starts only where a run of digits starts; each pattern starts with its first digit and looks behind
# it (a search skips to the next digit)
_FIGURE = regex(r"\d(?<![\d,.]\d)[\d,]*(?:\.\d|万元|元|%)")
_WAN = regex(r"\d万元")
_YUAN = regex(r"\d元")
# an amount in 元 that a 万元 beside it in its sentence may tell a slip by: not 0 (0 元 is 0 万元), not a unit's price
# (“500元/天/人”, “1.36元/吨”, “300元每人”)
_YUAN_AMOUNT = regex(r"(?<![\d.,])\d[\d,]*(?:\.\d+)?元(?![/／每])")
_ZERO = regex(r"[0.,]+元")
# … nor a rate said before it (“按每人每月1,200元”, “人均300元”, “补助标准为500.00元”)
_A_RATE = regex(r"每|人均|户均|标准|单价")
_RATE_BEFORE = 6  # characters before an amount its rate's word may stand in
_SENTENCE = regex(r"[^。；]*[。；]?")


_TABLE_TITLE = regex(r"^(?:表\s*\d+\s*)?(?:\d{4}年)?[\u4e00-\u9fff“”（）]{2,40}表(?:（[^）]*）)?$")
_NUMBER = regex(r"\d(?<![\d.]\d)[\d,]*(?:\.\d+)?(?![\d.])")
_EMPTY_NOTE = regex(r"空表|无数据|无发生额|未安排|没有|无[\u4e00-\u9fff]{0,12}(?:支出|收入|经费)")
_TABLE_NUMBER = regex(r"^(?:附)?表\s*\d+$")


def _is_year(number: str) -> bool:
    """Four digits and nothing else (as a fullmatch of \\d{4} reads it: \\d is str.isdecimal)."""
    return len(number) == 4 and number.isdecimal()


@rule("R-文字", TEXT)
def slips(text: Text) -> Iterator[Finding]:
    """R-文字: a slip a writer left, a year that is not the document's, 元 beside 万元 in one sentence."""
    return _findings(text.lines, text.source_year, text.file, text.final)


@rule("R-空表", TEXT)
def empty_tables(text: Text) -> Iterator[Finding]:
    """R-空表: a table whose every figure is 0 and that says nothing of why."""
    return _empty_tables(text.lines, text.file)


@rule("R-科目名称", TEXT)
def former_names(text: Text) -> Iterator[Finding]:
    """R-科目名称: a 科目 printed under a name the catalogue gave it only in other years; a 款 the text names under
    its 类 that the document's tables do not print (unprinted_names)."""
    if text.source_year is None:
        return iter(())
    return chain(_former_names(text.lines, text.source_year, text.file), unprinted_items(text))


_HAN = regex(r"[\u4e00-\u9fff]")


def _stands_alone(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` is printed as a name of its own: after “三、”, “（”, a code, a quote or
    the line's start, and before “（210类）”, a figure, a quote or the line's end — not inside a longer word."""
    return not (start and _HAN.match(text[start - 1])) and not (end < len(text) and _HAN.match(text[end]))


def former_names_in(lines: list[Line], year: int, file: str) -> list[Finding]:
    """R-科目名称 over lines read apart from a document's text (a disclosure's 报表 given beside its 说明)."""
    return list(_former_names(lines, year, file))


def _former_names(lines: list[Line], year: int, file: str) -> Iterator[Finding]:
    """A 科目 printed under a name the catalogue gave it only in other years (“医疗卫生与计划生育支出” in a
    2026 text or table: 210 is 卫生健康支出 since 2019) — where no code of ``year`` bears that name; a 类
    also without its 支出 before its label (“文化体育与传媒（类）”). A name wrapped over two lines (“其” /
    “他国土资源事务支出（项）”) is read whole."""
    text, starts = _wrapped_text(lines)
    taken: list[tuple[int, int]] = []
    for said, name in _printed_forms(year):  # the longest first
        for start in (m.start() for m in re.finditer(re.escape(said), text)):
            end = start + len(said)
            # (a 类 with its label is followed by 支出 or a figure: only its start is to stand apart)
            alone = _stands_alone(text, start, len(text) if said.endswith(_CLASS_LABEL) else end)
            if any(a < end and start < b for a, b in taken) or not alone:
                continue
            taken.append((start, end))
            when = f" {name.until} 年及以前" if name.until is not None else "其他年度"
            line = lines[bisect_right(starts, start) - 1]
            yield Finding("warning", "R-科目名称", f"“{said}”是{when}的科目名称（{name.code}），"
                          f"{year} 年为“{name.current}”", file, line.number)


_CLASS_LABEL = "（类）"


def _printed_forms(year: int) -> list[tuple[str, codes.FormerName]]:
    """The words each former name of ``year`` is printed as: itself, and a 类's without its 支出 before its
    label (“文化体育与传媒（类）支出”), the longest first."""
    forms = [(name.name, name) for name in codes.former_names(year)]
    forms += [(name.name.removesuffix("支出") + _CLASS_LABEL, name) for name in codes.former_names(year)
              if len(name.code) == 3 and name.name.endswith("支出")]
    return sorted(forms, key=lambda form: -len(form[0]))


def _wrapped_text(lines: list[Line]) -> tuple[str, list[int]]:
    """The lines as one text, a line that breaks between two Han characters joined to the next one
    with words (a wrapped word; the blank lines a PDF's text layer puts between are passed over),
    others apart — and a line that opens an item (“七、文化体育与传媒支出” below “六、科学技术支出”, a
    table's rows of classes) too; and where each line starts in it."""
    parts: list[str] = []
    starts: list[int] = []
    length = 0
    last = ""  # the last line with words
    for line in lines:
        text = line.bare
        if text and last and not (_HAN.match(last[-1]) and _HAN.match(text[0]) and not _OPENS_ITEM.match(text)):
            parts.append("\n")
            length += 1
        starts.append(length)
        parts.append(text)
        length += len(text)
        last = text or last
    return "".join(parts), starts


def _empty_tables(lines: list[Line], file: str) -> Iterator[Finding]:
    """A table whose every figure is 0 and that says nothing of why (本表为空表, 未安排 …): a
    reader cannot tell an empty table from a forgotten one."""
    title: Line | None = None
    zeros: bool | None = None  # its figures all 0 so far; None: none yet (once one is not 0, nothing more is read)
    noted = False

    def verdict() -> Iterator[Finding]:
        if title is not None and zeros and not noted:
            yield Finding("warning", "R-空表", f"“{title.squeezed}”的数字全为 0，却没有说明（如“本表为空表”）",
                          file, title.number)

    for line in lines:
        text = line.bare
        if text.endswith(("表", "）")) and _TABLE_TITLE.match(text):
            yield from verdict()
            title, zeros, noted = line, None, False
        elif text.startswith(("表", "附")) and _TABLE_NUMBER.match(text):  # 表 10: the next table's number, not a figure
            yield from verdict()
            title = None
        elif title is not None and zeros is not False:
            noted = noted or bool(_EMPTY_NOTE.search(text))
            zeros = _all_zero(text, zeros)
    yield from verdict()


def _all_zero(text: str, zeros: bool | None) -> bool | None:
    """Whether a table's figures are all 0 with a line's (``zeros``: before it; None: none yet), a year not a figure."""
    figures = [n for n in (n.replace(",", "") for n in _NUMBER.findall(text)) if not _is_year(n)]
    return all(float(n) == 0 for n in figures) if figures else zeros


def _title_year(line: Line, text: str, year: int, warn: Callable[[Line, str], Finding]) -> Iterator[Finding]:
    """A title or heading that names last year as the document's own (“…2025年部门预算” in a 2026
    budget): the comparisons of the text may name last year's budget, its titles may not. A title centred on its page
    is measured without the spaces before it (上海's table titles: “2025年预算单位财政拨款收支预算总表” after 44 spaces)."""
    text = text.strip()
    if len(text) > 60 or _FIGURE.search(text) or any(word in text for word in ("比", "较", "与", "执行")) \
            or any(mark in text for mark in "：:，,；;。"):  # a line of a sentence (“原因说明：2025 年部门预算含……”)
        return
    for match in _TITLE_YEAR.finditer(text):
        if int(match.group(1)) == year - 1:
            yield warn(line, f"标题写作“{match.group()}”，本文件是 {year} 年预算")


# a column's heading naming a year's budget (“2026 年预算数”, squeezed; “2025 年预算” with no word after it, 深圳's 项目
# 支出总表), and any year a heading names
_COLUMN_YEAR = regex(r"(\d{4})年度?预算(?:数|(?![\u4e00-\u9fff]))")
_ANY_YEAR = regex(r"(\d{4})年")


def _header_year(line: Line, text: str, year: int, warn: Callable[[Line, str], Finding]) -> Iterator[Finding]:
    """A table's header whose year columns name last year and never this year (“2025年预算数  2025年预算数” in a 2026
    budget, 烟台; the one year column of a 收支总表's side headed “2025 年预算数”, 深圳): this year's figures
    headed as last year's. A header printing last year's column beside this year's is the usual comparison; a line
    of a sentence is no header."""
    text = text.strip()
    if not _a_year_header(text):
        return
    for side in _sides(text):
        named = {int(y) for y in _ANY_YEAR.findall(side)}
        said = [m.group() for m in _COLUMN_YEAR.finditer(side) if int(m.group(1)) == year - 1]
        if said and year not in named:
            yield warn(line, f"表头写作“{'”“'.join(said)}”，没有 {year} 年的栏：本文件是 {year} 年预算，"
                             f"这一栏的数是否本年的？")


def _a_year_header(text: str) -> bool:
    """Whether a line (stripped) may be a table's header of year columns: it names a budget's year column, prints no
    figure, and is no line of a sentence (“与2025年预算数相比”)."""
    return not (_FIGURE.search(text) or not _COLUMN_YEAR.search(text) or any(mark in text for mark in "。，,；;")
                or any(word in text for word in ("比", "较", "与")))


def _sides(text: str) -> list[str]:
    """A header line's sides: where the words before its first year column (“项目”) head a later one again, the
    line is the two sides of a 收支总表 (收入 and 支出), each with its own columns."""
    first = _COLUMN_YEAR.search(text)
    label = text[:first.start()] if first else ""
    if not label or not _HAN.search(label):
        return [text]
    starts = [m.start() for m in re.finditer(re.escape(label), text)]
    return [text[a:b] for a, b in zip(starts, [*starts[1:], len(text)], strict=True)]


def _findings(lines: list[Line], year: int | None, file: str, final: bool = False) -> Iterator[Finding]:
    def warn(line: Line, message: str) -> Finding:
        return Finding("warning", "R-文字", message, file, line.number)

    heads: list[tuple[int, Line, re.Match[str]]] = []
    items: list[tuple[int, Line, re.Match[str]]] = []  # list items with an amount after their name
    for at, line in enumerate(lines):
        text = line.squeezed
        if _MAY_BE_LEFT_OVER.search(text):
            yield from _left_over(line, text, warn)
        if year is not None and "年" in text:  # every year pattern ends in 年
            yield from _years(lines, at, year, warn, final, heads)
        if "元" in text or text.rstrip()[-1:].isdigit():  # (an amount's 元 may wrap to the next line)
            before, after = _wrapped_from(lines, at)
            mixed = list(_mixed_units(line, before, text, after, warn))
            yield from mixed
            if not mixed:  # (told once)
                items += [(at, line, match) for match in _items_on(before, text, after)]
    if year is not None:
        yield from _item_of_another_year(heads, year, warn)
    yield from _item_in_another_unit(items, warn)


def _years(lines: list[Line], at: int, year: int, warn: Callable[[Line, str], Finding], final: bool,
           heads: list[tuple[int, Line, re.Match[str]]]) -> Iterator[Finding]:
    """The years line ``at`` prints that are not the document's (its title's, its scope's, its headers', what it compares
    with itself …); the items whose year is told after all lines are read added to ``heads``."""
    line = lines[at]
    text = line.squeezed
    yield from _wrong_year(line, text, year, warn, final)
    # (the line with the next one's start: “……2025 年预算安排中，” / “购置单位价值……”; “……2025 年预算安排” /
    # “中，购置……”; “……2026 年预算数 0.00 万元，较” / “2025 年年初预算……”)
    after = next((below.squeezed for below in lines[at + 1:at + 3] if below.squeezed), "")  # a blank between
    if _SCOPE_YEAR.search(text + after[:6]):  # (the sentence of its scope, told as such: no title)
        yield from _scope_year(line, text + after[:6], year, warn)
    else:
        yield from _title_year(line, text, year, warn)
    if not final:  # (a 决算's 预算数 may be the budget as adjusted, set beside its 年初预算)
        compared = list(_compared_with_itself(line, text, after, warn))
        yield from compared
        yield from _header_year(line, text, year, warn)
        yield from _purchases_year(line, text + after[:4], year, warn)
        if "预算安排" in text + after[:6]:  # (what _OPTIMIZED_YEAR ends with, on this line or wrapped to the next)
            before = "".join(above.squeezed for above in lines[max(0, at - _OPTIMIZED_LINES):at])
            yield from _optimized_year(line, before, text, after[:6], year, warn)
        heads += [(at, line, match) for match in _ITEM_YEAR.finditer(text) if not compared]  # told once


# What any of _left_over's patterns (SLIPS) needs, in one search: most lines have none of it. Each placeholder,
# a brace (BRACED), 持平 (BOTH_WAYS), a word or a mark doubled (DOUBLED, REPEATED_PUNCTUATION). Each
# doubling spelt out (“增加增加”, “，，”): every alternative a literal, the search skips to the characters
# they start with (a back-reference tried at every character cost four times as much).
_DOUBLED_WORDS = DOUBLED.pattern.removesuffix(r"\1").removeprefix("(").removesuffix(")").split("|")
assert all(re.escape(word) == word for word in _DOUBLED_WORDS), DOUBLED.pattern
_MAY_BE_LEFT_OVER = regex("|".join([PLACEHOLDERS.pattern, r"\{", "持平", *(word * 2 for word in _DOUBLED_WORDS),
                                    *(mark * 2 for mark in "，。；、：！？")]))


# a punctuation mark or a word printed twice as a writer doubles it: side by side, or a space apart at most (a
# PDF's layout sets a table's cells far apart: “源。          。学校” two cells' ends, 北京 2026; “全年涉案损失下降
# 下降得满分” a 绩效 table's two cells, 长沙 2025)
_PRINTED_TWICE = regex(r"([，。；、：！？]) ?\1")
_WORD_PRINTED_TWICE = regex(DOUBLED.pattern.removesuffix(r"\1") + r" ?\1")


def _left_over(line: Line, text: str, warn: Callable[[Line, str], Finding]) -> Iterator[Finding]:
    """What a writer left: placeholders, a template's braces, a word or a punctuation mark doubled,
    持平 and a change said together."""
    for slip in SLIPS:
        if slip.pattern is REPEATED_PUNCTUATION and not _PRINTED_TWICE.search(line.text) \
                or slip.pattern is DOUBLED and not _WORD_PRINTED_TWICE.search(line.text):
            continue  # marks or words of two cells of a table's layout, far apart on the line: not one doubled
        for match in slip.pattern.finditer(text):
            yield warn(line, slip.told.format(match.group()))


def _wrong_year(line: Line, text: str, year: int, warn: Callable[[Line, str], Finding],
                final: bool = False) -> Iterator[Finding]:
    """A comparison with another year than the last, the budget called another year's, or this
    year's called a 决算 (in a budget: a 部门决算 is of its own year, 佛山's “2019 年部门决算表”)."""
    for match in _COMPARED_YEAR.finditer(text):
        if int(match.group(1)) != year - 1:
            yield warn(line, f"与 {match.group(1)} 年比较，但 {year} 年预算应与 {year - 1} 年比较")
    for match in _OWN_YEAR.finditer(text):
        said = int(match.group(1))
        if said not in (year, year - 1) and "决算" not in match.group():
            yield warn(line, f"写作 {said} 年预算，本文件是 {year} 年预算")
        if "决算" in match.group() and said == year and not final:
            yield warn(line, f"{year} 年是预算年度，不应称“{match.group()}”")


def _scope_year(line: Line, text: str, year: int, warn: Callable[[Line, str], Finding]) -> Iterator[Finding]:
    """The units a document's budget (or 决算) covers, said of another year's (江苏省人大常委会办公厅 2019: “纳入本部门
    2018年部门汇总预算编制范围的预算单位共计一家”, last year's words kept)."""
    for match in _SCOPE_YEAR.finditer(text):
        if int(match.group(1)) != year:
            yield warn(line, f"写作“{match.group()}”，本文件是 {year} 年{match.group(2)}：编制范围是本年{match.group(2)}的")


def _purchases_year(line: Line, text: str, year: int, warn: Callable[[Line, str], Finding]) -> Iterator[Finding]:
    """The purchases a budget arranges dated another year than its own (last year's too, which _wrong_year allows)."""
    for match in _PURCHASES_YEAR.finditer(text):
        if int(match.group(1)) != year:
            yield warn(line, f"写作“{match.group()}”，本文件是 {year} 年预算：安排的购置是本年预算的")


# A year's budget compared with itself: “2025年预算数0.00万元，较2025年年初预算增加0.00万元” (a 2026 budget's
# “2026年预算数…较2025年年初预算” with one year mistyped) — a budget against a budget of one year, never its 执行数 or 决算;
# in a budget only
_SELF_COMPARED = regex(r"(?<!\d)(\d{4})年度?预算数?[^。；\d]{0,6}(?:[\d,.]+万?元)?[^。；]{0,12}?[比较]\1年(?:年初)?预算(?!执行|调整)")


def _compared_with_itself(line: Line, text: str, after: str, warn: Callable[[Line, str], Finding]) -> Iterator[Finding]:
    """A year's budget compared with the same year's budget, read on the line with the start of the next one; told
    at the line the comparison starts on."""
    for match in _SELF_COMPARED.finditer(text + after[:12]):
        if match.start() < len(text):
            yield warn(line, f"写作“{match.group()}”：{match.group(1)} 年预算与同一年的预算相比，请核对年份")


# An item of a list opening with its year's budget: “（一）因公出国（境）费用。2026 年预算数 0 万元。”, “1.公务接待费。2026 年
# 预算数 0.00 万元，较 2025 年年初预算……” (北京's and 深圳's “三公” items, 15 budgets of our corpora, each item its
# document's year); the marker's kind, then the item's name, then the year
_ITEM_YEAR = regex(r"(?:^\s*|(?<=[。；：:]))(（[一二三四五六七八九十]{1,3}）|\d{1,2}[.．、])"
                   r"([\u4e00-\u9fff（）“”]{2,30}?)[。：:，]?(\d{4})年度?预算数")
_ITEMS_APART = 12  # lines between one item of a list and the next, at most


def _item_of_another_year(heads: list[tuple[int, Line, re.Match[str]]], year: int,
                          warn: Callable[[Line, str], Finding]) -> Iterator[Finding]:
    """An item of a list whose budget is dated another year than its document's, where another item of the
    same list (markers of one kind, a few lines apart) is dated the document's: “（一）因公出国（境）费用。2025 年预算数 0
    万元。（二）公务接待费。2026 年预算数 0 万元。” in a 2026 budget. A list whose items are all of last year is left
    alone (it may be last year's, told as such)."""
    runs: list[list[tuple[int, Line, re.Match[str]]]] = []
    for head in heads:
        before = runs[-1][-1] if runs else None
        if before is not None and head[0] - before[0] <= _ITEMS_APART and _kind(head[2]) == _kind(before[2]):
            runs[-1].append(head)
        else:
            runs.append([head])
    for run in runs:
        if any(int(match.group(3)) == year for _, _, match in run):
            for _, line, match in run:
                if int(match.group(3)) != year:
                    yield warn(line, f"“{match.group(1)}{match.group(2)}”写作 {match.group(3)} 年预算数，同列的其他各项是 "
                                     f"{year} 年预算数：本文件是 {year} 年预算")


# a list item's amount right after its name, the item starting a line or a sentence: “9.专项工作 19,800.61 万元，主要
# 用于……”, “（二）公用经费453.61万元，……”, “……说明：1.基本支出增加88.05万元，……；2.林业专项资金减少191.56万元，……”
_ITEM_AMOUNT = regex(r"(?:^\s*|(?<=[。；：:]))(（[一二三四五六七八九十]{1,3}）|\d{1,2}[.．、])([^\d。；，,：:（(]{2,40}?)"
                     r"(\d[\d,]*(?:\.\d+)?)(万?元)(?![/／每])")
# … or an item with no marker, a clause after “：” or “；” with an amount with decimals: “主要包括：社会公益类项目3,837.58万元，
# 用于……；老年人福利类项目1,522.10万元，用于……；”
_CLAUSE_AMOUNT = regex(r"(?<=[；：:])()([^\d。；，,：:（(]{2,40}?)(\d[\d,]*\.\d+)(万?元)(?![/／每])")


def _item_in_another_unit(items: list[tuple[int, Line, re.Match[str]]],
                          warn: Callable[[Line, str], Finding]) -> Iterator[Finding]:
    """An item of a list whose amount is in 元 where at least two other items of the same list (markers of one kind,
    a few lines apart, not starting again at 1 or 一) are in 万元: “8.预算准备金20.40万元，……9.专项工作19,800.61元，……
    10.综合管理347.03万元，……” (深圳's 项目支出, a list of ten). 0 元 is 0 万元: not told."""
    for run in _item_runs(items):
        if sum(match.group(4) == "万元" for _, _, match in run) < 2:
            continue
        for _, line, match in run:
            if match.group(4) == "元" and not _ZERO.fullmatch(match.group(3) + "元") \
                    and not _A_RATE.search(match.group(2)[-_RATE_BEFORE:]):
                yield warn(line, f"“{match.group(1)}{match.group(2)}”写作 {match.group(3)} 元，同列的其他各项以万元计："
                                 "请核对单位")


def _item_runs(items: list[tuple[int, Line, re.Match[str]]]) -> list[list[tuple[int, Line, re.Match[str]]]]:
    """The lists the items make: markers of one kind, a few lines apart, not starting again at 1 or 一."""
    runs: list[list[tuple[int, Line, re.Match[str]]]] = []
    for item in sorted(items, key=lambda item: (item[0], item[2].start())):
        before = runs[-1][-1] if runs else None
        first = item[2].group(1).strip("（）.．、") in ("1", "一")
        if before is not None and not first and item[0] - before[0] <= _ITEMS_APART and _kind(item[2]) == _kind(before[2]):
            runs[-1].append(item)
        else:
            runs.append([item])
    return runs


def _kind(match: re.Match[str]) -> str:
    """The kind of a list item's marker: （一）, 1. or none."""
    return "（" if match.group(1).startswith("（") else "1" if match.group(1) else ""


# The arrangements a budget's 绩效 results are to improve: “根据以前年度绩效评价结果，优化人才建设资金、……等项目2026年预算安排，
# 进一步改进管理、完善政策” (烟台's six budgets of our corpora, each its own year: an arrangement made already is not improved)
_OPTIMIZED_YEAR = regex(r"优化[^。；]{0,150}?(\d{4})年度?预算安排")
_OPTIMIZED_LINES = 4  # lines before the year's that the sentence's 优化 may be on


def _optimized_year(line: Line, before: str, text: str, after: str, year: int,
                    warn: Callable[[Line, str], Finding]) -> Iterator[Finding]:
    """A budget's arrangement that its 绩效 results are to improve dated another year than its own: told at the
    line the year is printed on (the sentence read from the lines before it and the start of the next)."""
    for match in _OPTIMIZED_YEAR.finditer(before + text + after):
        if len(before) <= match.start(1) < len(before) + len(text) and int(match.group(1)) != year:
            yield warn(line, f"写作“{match.group(1)}年预算安排”（{match.group()[:8]}……），本文件是 {year} 年预算："
                             "按绩效评价结果优化的是本年预算的安排")


def _mixed_units(line: Line, before: str, text: str, after: str,
                 warn: Callable[[Line, str], Finding]) -> Iterator[Finding]:
    """A sentence that gives an amount in 元 and another in 万元, told at the line printing the 元 (once a line):
    the sentence read over its wraps (``before``, ``after``: _wrapped_from), “……扶持款 300.00 元、电影《英歌》扶持款
    500.00” / “万元、……” (深圳), “……1668.14 万元，比年初预” / “算数增加 1668.14 元，” (佛山); an amount whose digits the line
    prints and whose 元 the next (“……车驾管运维 1,948.15” / “元，用于……”) is the line's."""
    if not _YUAN.search(text + after[:1]):
        return
    joined = before + text + after
    own = range(len(before), len(before) + len(text))
    for sentence in _SENTENCE.finditer(joined):
        if any(m.start() in own and not _ZERO.fullmatch(m.group())
               and not _A_RATE.search(joined, max(0, m.start() - _RATE_BEFORE), m.start())
               for m in _YUAN_AMOUNT.finditer(joined, sentence.start(), sentence.end())) \
                and _WAN.search(sentence.group()):
            yield warn(line, "同一句中既有“万元”又有“元”：请核对单位")
            break


def _items_on(before: str, text: str, after: str) -> list[re.Match[str]]:
    """The list items whose amount the line prints, their marker and name read from the line above where they wrap
    (“……万元，主要包括：社会” / “公益类项目 3,837.58 万元，用于……”), their unit from the line below."""
    joined = before + text + after[:2]
    return [match for pattern in (_ITEM_AMOUNT, _CLAUSE_AMOUNT) for match in pattern.finditer(joined)
            if len(before) <= match.start(3) < len(before) + len(text)]


_WRAPS = 2  # lines of prose a sentence may run on to, before and after the line read
_OPENS_ITEM = regex(r"(?<!\s)\s*+(?:（[一二三四五六七八九十]{1,3}）|\d{1,2}[.．、](?!\d)|[一二三四五六七八九十]{1,3}、)")
_WRAPPING = 20  # characters a line of prose has at least where it runs on to the next (a 绩效 table's cells have fewer)
_ENDS = "。；"


def _wrapped_from(lines: list[Line], at: int) -> tuple[str, str]:
    """The start of the line's first sentence on the lines of prose above it (with the mark ending the sentence before,
    where there is one), and the end of its last on those below (a table's row is not prose: it joins nothing)."""
    if lines[at].table_unit:
        return "", ""
    return _wrapped_above(lines, at), _wrapped_below(lines, at)


def _wrapped_above(lines: list[Line], at: int) -> str:
    """The start of the line's first sentence on the lines of prose above it, from the end of the sentence before
    (“；儿童福利类”); none for a line opening an item."""
    before = ""
    for above in reversed(lines[max(0, at - _WRAPS):at] if not _OPENS_ITEM.match(lines[at].squeezed) else []):
        text = above.squeezed.strip()
        if above.table_unit or len(text) < _WRAPPING or text[-1] in _ENDS:
            break
        cut = max(text.rfind(end) for end in _ENDS)
        before = (text[cut:] if cut >= 0 else text) + before
        if cut >= 0 or _OPENS_ITEM.match(text):
            break
    return before


def _runs_on(last: str, below: Line, text: str) -> bool:
    """Whether a sentence runs on from a line of prose (``last``, not short) to the line below (``text``: a line of
    prose not opening an item)."""
    return not below.table_unit and bool(text) and len(last) >= _WRAPPING and not _OPENS_ITEM.match(text)


def _wrapped_below(lines: list[Line], at: int) -> str:
    """The end of the line's last sentence on the lines of prose below it, up to the mark ending it (a short line
    does not run on; an item opens a sentence of its own)."""
    after, last = "", lines[at].bare
    if last[-1:] in tuple(_ENDS):
        return after
    for below in lines[at + 1:at + 1 + _WRAPS]:
        text = below.squeezed.strip()
        if not _runs_on(last, below, text):
            break
        ends = [i for i in map(text.find, _ENDS) if i >= 0]
        after += text[:min(ends) + 1] if ends else text
        if ends:
            break
        last = text
    return after
