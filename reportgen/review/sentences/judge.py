"""Each stated figure against the source: agrees, disagrees (with the value it should have and the
likely cause where one fits), or is not understood. A stated figure is right when the exact value,
rounded half up at the precision the draft printed, equals it ("下降12.3%" is right for −12.34%).
Nothing is guessed: a figure whose words name no single figure of the source is not understood."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal

from reportgen.base.patterns import regex
from reportgen.compute import exact_percent, in_unit, quantize_half_up, truncated
from reportgen.docmodel.model import INCOME_SOURCES, THREE_PUBLIC_PARTS, VEHICLES
from reportgen.readers.text.statements import (
    SAME_YEAR_BUDGET,
    Statement,
    final_words,
    named_quantities,
    other_part_money_words,
    own_department_words,
    part_qualifiers,
    place_words,
    region_finance_words,
    region_words,
    same_year,
    year_before,
)
from reportgen.reading.amounts import yuan_factors
from reportgen.review.glossary import Figure, Glossary, normalize, running_line
from reportgen.review.printed_functions import YEARS
from reportgen.review.sentences.consistency import in_yuan, inline_amount, made_whole


@dataclass
class Verdict:
    statement: Statement
    status: str  # agree / disagree / unknown; cut (a published figure cut, not rounded); within (borne out by its sentence)
    figure: Figure | None = None
    expected: str = ""  # what the draft should print, as it would print it
    cause: str = ""
    # what it speaks of, where that is known for sure (review/subjects.py): a figure 未能核对 with a subject is
    # read but not judged; one with none is unread
    subject: str = ""
    # judged as the year's budget of ``figure`` (a 决算's “X预算为” and the parts listed under it), not as the figure
    of_budget: bool = False


def shown(value: Decimal, decimals: int) -> Decimal:
    return quantize_half_up(value, decimals)


def _text(value: Decimal, decimals: int, unit: str) -> str:
    return f"{shown(value, decimals):,.{decimals}f}{unit}"


# A figure is checked at the precision printed; no budget figure has more digits than these (a
# trillion 元 to the fen is 15), and more would pass the 28 digits Decimal computes with.
MAX_DIGITS = 20
MAX_DECIMALS = 8


@dataclass
class _Reading:
    """What the statements read so far in a sentence say that the next one builds on."""

    glossary: Glossary
    verdicts: list[Verdict] = field(default_factory=list)
    subject: Figure | None = None  # the figure the sentence's last amount names
    # the unit and decimals the draft prints its last amount in: a 持平 is judged at them
    printed: tuple[str, int] = ("万元", 2)
    change_of: Figure | None = None
    # the last change named what it is of itself and no figure of the source is that (“公务用车购置费支出决算减少272780.00元，
    # 下降100.00%”, 寻甸县政协 2022 决算): the rate after it is of that, not of the amount before
    change_named: bool = False
    # the figure the sentence's last change or 持平 named itself, no amount after it: a change after it that names
    # nothing is of the same (“公务用车运行维护费支出决算比预算无增减变化，比去年增加1.05万元”, 梧州 2020 决算)
    named_change: Figure | None = None
    part: Decimal | None = None  # the value the last amount agreed with (a share is of it)
    sentence: str | None = None
    of_a_unit: bool = False  # the sentence names a unit of the department (found once per sentence)
    of_a_region: bool = False  # the sentence speaks of a region's money (found once per sentence)
    region_headings: str | None = None  # the headings under which a sentence spoke of a region's money
    region_paragraph: int = -1  # the lines read as one (Statement.paragraph) in which a sentence did
    # whether the text's first sentence of figures spoke of a region's money, no heading before it: the text is the
    # region's (its title says so, “2021年度五华区区级“三公”经费决算情况说明”) until a heading or the department's own words
    region_text: bool = False
    sentences: int = 0  # the sentences of figures read so far
    last_flat: int | None = None  # where in verdicts the last 持平 is
    # the figure each amount of the sentence was read as (by the statement's id; None: none for sure): the
    # whole a part listed after it (其中) is of
    wholes: dict[int, Figure | None] = field(default_factory=dict)
    amount: Statement | None = None  # the sentence's last amount, as printed (a share names its whole, not it)
    # the figure each amount was read as, in any sentence (the whole the clauses listed under it are parts of), and the
    # whole the sentence's first amount is listed under (“其中：” at the end of the sentence before)
    read_as: dict[int, Figure | None] = field(default_factory=dict)
    listed: Statement | None = None
    budgets: set[int] = field(default_factory=set)  # the amounts read as a budget of the year (_budget_in_final)
    # every amount the draft's tables print (元): a total they print is the one a text copies, no sum it rounds anew
    cells: frozenset[Decimal] = frozenset()

    def begin(self, st: Statement) -> None:
        """A new sentence (or a table row) speaks of its own figures; a 持平 is remembered for the
        rate that may follow it."""
        if st.sentence is not self.sentence or st.kind == "cell":
            if st.sentence is not self.sentence:
                self.of_a_unit = any(name in st.sentence for name in self.glossary.unit_names) \
                    or any(name in st.sentence + st.context for name in self.glossary.unit_sections)
                self.of_a_region = self._of_a_region(st)
            self.sentence, self.subject, self.change_of, self.part = st.sentence, None, None, None
            self.change_named, self.named_change = False, None
            self.wholes, self.amount, self.listed = {}, None, None
        elif not self.of_a_region and _names_a_region(_before(st)):
            # a region named after the sentence's first figures, before the money it speaks of (a news page's title
            # run into its first line: “济南今年“三公”预算总额2.08亿 比去年下降超一成” / “从公开情况看，2014年济南市本级
            # 公共预算财政拨款安排的“三公”经费预算总额为2.08亿元，……其中：因公出国（境）费用1344万元”): from there on
            self.of_a_region, self.region_headings, self.region_paragraph = True, st.headings, st.paragraph
        if st.kind == "flat":
            self.last_flat = len(self.verdicts)

    def _of_a_region(self, st: Statement) -> bool:
        """Whether the sentence speaks of a whole region's or many departments' money: it says so before its first
        figure (vocabulary.yaml 一个地区的数), or the sentence before did and this one goes on with it — under the same
        headings (where there are none, opening with its parts, “其中”, or with a comparison of the amount before it),
        not saying it is the department's own again (vocabulary.yaml 本部门的说法)."""
        self.sentences += 1
        if _says_of_a_region(st):
            self.region_headings, self.region_paragraph = st.headings, st.paragraph
            self.region_text = self.region_text or (self.sentences == 1 and not st.headings)
            return True
        own = any(word in st.sentence for word in _OWN_WORDS)
        if self.region_headings is not None and self._under_the_region(st) and self._goes_on(st) and not own:
            return True
        self.region_headings, self.region_paragraph, self.region_text = None, -1, False
        return False

    def _goes_on(self, st: Statement) -> bool:
        """Whether a sentence goes on with the one before: under headings, not an amount, in its paragraph, in a text
        of no headings, or its parts, “其中” — or the items of the line that led them in (“……“三公”经费决算数为736.40万元
        ……。具体情况为：” / “（1）因公出国（境）费决算数0万元”, 鄂州鄂城区 2022)."""
        return bool(st.headings) or st.kind != "amount" or st.paragraph == self.region_paragraph \
            or (self.region_text and not st.headings) or st.context.rstrip().endswith(_LEADS_IN) \
            or st.sentence.lstrip("（(一二三四五六七八九十0123456789)）、.． ").startswith(_PARTS_WORD)

    def _under_the_region(self, st: Statement) -> bool:
        """Whether a sentence is under the region's headings, or a heading of its section (“一、泉州台商投资区支出决算
        说明” / “（一）201-一般公共服务支出23653万元……”, 泉州台商投资区 2022 决算: the region's classes, each a heading
        of its own)."""
        return st.headings == self.region_headings \
            or bool(self.region_headings) and st.headings.startswith(self.region_headings or "")


def _says_of_a_region(st: Statement) -> bool:
    """Whether a sentence says before its first figure that it speaks of a region's money (vocabulary.yaml
    一个地区的数), is led in by such words, or names a region's finance in its words or headings."""
    return _names_a_region(_before(st)) or _led_in_by_a_region(st.context) \
        or any(word in st.sentence or word in st.headings for word in _REGION_FINANCE)


def judge(statements: list[Statement], glossary: Glossary, beside: frozenset[Decimal] = frozenset()) -> list[Verdict]:
    """A verdict on each statement, in order, each read with the sentence's statements before it; ``beside``: the
    amounts (元) the tables of the disclosure's other files print (its 报表 beside its 说明)."""
    reading = _Reading(glossary, cells=printed_cells(statements) | beside)
    for st in statements:
        reading.begin(st)
        refused = _refused(st, reading.of_a_unit, reading.of_a_region)
        if refused is not None:
            reading.verdicts.append(refused)
            continue
        judged = _JUDGES.get(st.kind)
        if judged is not None:
            start = len(reading.verdicts)
            judged(st, reading)
            _of_one_fund(reading.verdicts, start, glossary)
    verdicts = _amounts_made_whole(_shares_made_whole(_printed_parts(reading.verdicts, glossary)))
    _of_another_base(verdicts, glossary)
    printed_in_wan(verdicts, reading.cells)
    return verdicts


WAN_AS_YUAN = "疑把万元数写成了元：表中印有这个数，单位是万元"
_WAN = Decimal(10000)


def printed_in_wan(verdicts: list[Verdict], cells: frozenset[Decimal], causes: tuple[str, ...] = ("",)) -> None:
    """An amount said in 元 that no figure of the source names, whose number the tables print in 万元 and nowhere in 元
    (深圳交管局 “2026 年计划购置车辆 30 辆、511.25 元”, its “三公” table printing 公务用车购置 511.25 万元): its unit
    slipped — told, the tables' figure its measure. Only a number printed with decimals, of 1 or more (a whole number of
    元 may be some 万元 cell's by chance). ``causes``: why an amount so judged was left unknown (none: no figure names it;
    a review of the sentences alone: no table made a source)."""
    for at, verdict in enumerate(verdicts):
        st = verdict.statement
        if not _unknown_in_yuan(verdict, causes) or st.value is None:
            continue
        if st.value * _WAN in cells and st.value not in cells:
            verdicts[at] = Verdict(st, "disagree", None, _text(st.value, st.decimals, "万元"), WAN_AS_YUAN)


def _unknown_in_yuan(verdict: Verdict, causes: tuple[str, ...]) -> bool:
    """Whether a verdict is of an amount said in 元 with decimals, of 1 or more, that no figure names, left unknown
    for one of ``causes``."""
    st = verdict.statement
    return not (verdict.status != "unknown" or verdict.figure is not None or verdict.cause not in causes
                or st.kind != "amount" or st.unit != "元" or st.value is None or st.decimals == 0 or st.value < 1)


def printed_cells(statements: list[Statement]) -> frozenset[Decimal]:
    """The amounts (元) the tables' rows print, each as printed."""
    return frozenset(value * _IN_YUAN[st.unit] for st in statements if st.kind == "cell" and st.unit in _IN_YUAN
                     for value in (st.value, *st.others) if value is not None)


OF_ANOTHER_BASE = "句中说它占{base}的比例，它是{base}的一部分，不是表中同名的数，未判定"


def _of_another_base(verdicts: list[Verdict], glossary: Glossary) -> None:
    """An amount whose share in its sentence names the total it is a part of (“基本支出预算881300.39元，占一般公共预算
    支出的96.74%”, “商品和服务支出426000元，占项目支出预算90.73%”, 梧州), where that total is no whole of the figure its
    words name (the department's 基本支出 of all the money, the basic spending's 302): it is that total's part, not the
    figure — its disagreement, and those of the change, rate and share that follow it, not told."""
    amount: int | None = None
    for index, verdict in enumerate(verdicts):
        st = verdict.statement
        if st.kind == "amount":
            amount = index
        elif st.kind != "share" or amount is None or verdicts[amount].statement.sentence is not st.sentence:
            continue
        elif _other_base(verdicts[amount].figure, st, glossary) is not None:
            for i in range(amount, _amounts_run(verdicts, amount)):
                if verdicts[i].status in ("disagree", "cut"):
                    verdicts[i] = Verdict(verdicts[i].statement, "unknown", verdicts[i].figure,
                                          cause=OF_ANOTHER_BASE.format(base=st.named_whole))


def _amounts_run(verdicts: list[Verdict], amount: int) -> int:
    """Where the run of the amount at ``amount`` ends (the change, rate and share that follow it): at the next amount,
    or the end of its sentence."""
    sentence = verdicts[amount].statement.sentence
    return next((i for i in range(amount + 1, len(verdicts)) if verdicts[i].statement.kind == "amount"
                 or verdicts[i].statement.sentence is not sentence), len(verdicts))


def _other_base(figure: Figure | None, share: Statement, glossary: Glossary) -> Figure | None:
    """The total a share names as its base (``share``), where it is a figure of the tables that is no whole of
    ``figure`` among those the glossary knows (nor a grand total, of which every figure is a part); else None."""
    base = glossary.find(share.named_whole) if figure is not None and share.named_whole else None
    if figure is None or not figure.wholes or base is None or base is figure or base.name in _GRAND_TOTALS:
        return None  # (a figure the glossary knows no whole of — a “三公” item — may be a part of what its share names)
    return None if _a_whole_of(figure, base) else base


def _a_whole_of(figure: Figure, base: Figure) -> bool:
    """Whether ``base`` is one of the figure's wholes — a fund's total (“占一般公共预算支出的19.62%”) only of a figure of
    that fund, never of one of all the money, whose part it shares."""
    fund = next((word for word in _FUNDS if base.name.startswith(word)), "")
    return base.current in figure.wholes and (not fund or figure.name.startswith(fund))


_FUNDS = part_qualifiers()


def _of_one_fund(verdicts: list[Verdict], start: int, glossary: Glossary) -> None:
    """Each verdict from ``start`` on that differs from a figure the source knows as one fund's part only
    (Figure.known_as), where neither its sentence nor its section names that fund (_fund_words): not judged — it may
    be of all the money (江苏省人大常委会办公厅 2018: its 支出预算总表 sets out no 功能分类 line)."""
    for index in range(start, len(verdicts)):
        verdict = verdicts[index]
        figure, st = verdict.figure, verdict.statement
        if verdict.status in ("disagree", "cut") and figure is not None and figure.known_as \
                and not any(word in _said_of(st, figure) for word in _fund_words(figure.known_as, glossary)) \
                and not _all_of(figure.known_as, glossary):
            verdicts[index] = Verdict(st, "unknown", figure, cause=f"源文件只有这一科目{figure.known_as}的数，"
                                                                   f"句中没有说是{figure.known_as}，未判定")


_CARRIED = "结转"


def _said_of(st: Statement, figure: Figure) -> str:
    """The words that may name the money a line of one fund's is of: its section's and its sentence's; where the lines
    are the year's appropriation alone (YEARS), those after the last that names money carried over (“……一般公共预算当年
    拨款收入16,474.82万元、上年结转2,254.12万元；支出包括：一般公共服务支出15,291.3万元”, 国家信访局 2026: its lines spend
    the carry-over too)."""
    said = st.context + st.sentence
    if figure.known_as != YEARS:
        return said
    said = st.context + st.sentence.split(st.text, 1)[0]
    return said[said.rfind(_CARRIED) + 1:]


def _all_of(fund: str, glossary: Glossary) -> bool:
    """Whether all the money is ``fund``'s: the 收入总计 (上年结转 in it) is that fund's appropriation (江苏省人大常委会办公厅
    2018: 15,897.44 both). Then the figure of all the money is that fund's, whatever a sentence calls it (“（二）支出预算总计
    15897.44 万元。包括：1．一般公共服务（类）支出 12706.28 万元”: its 12706.24 went unjudged)."""
    total, own = glossary.find("收入总计"), glossary.find(f"{fund}拨款")
    return total is not None and own is not None and own.current != 0 and own.current == total.current


_FISCAL = "财政拨款"
_OTHER_FISCAL = ("政府性基金预算支出", "国有资本经营预算支出")


def _fund_words(fund: str, glossary: Glossary) -> tuple[str, ...]:
    """The words that name a fund: its name; and 财政拨款 for 一般公共预算 where the source's other two funds spend
    nothing (江苏省人民检察院 2018's “五、财政拨款支出预算情况说明” / “检察（款）: 2018 年预算支出合计 16,444.36 万元”: its
    财政拨款 is all 一般公共预算; its 16,444.36 printed 11,444.36 went unjudged)."""
    if fund != "一般公共预算":
        return (fund,)
    others = [glossary.find(name) for name in _OTHER_FISCAL]
    return (fund, _FISCAL) if all(other is not None and other.current == 0 for other in others) else (fund,)


ADJUSTED = "各项占比合计印作100%，这一项的尾数随之调整"


def _shares_made_whole(verdicts: list[Verdict]) -> list[Verdict]:
    """A share one step of its last decimal off its rounding, among shares printed one after another that add up
    to 100% exactly (consistency.made_whole — 江苏省人民检察院 2018: 基本支出 13,994.31 of 21,955.35 “占63.75%” —
    63.74 rounded — over 项目支出 “占25.38 %” and 单位预留机动经费 “占10.87 %”): the 尾数 the document moved so
    that its shares make the whole, not a slip — not judged (未能核对), its cause told."""
    whole = made_whole([verdict.statement for verdict in verdicts])
    return [Verdict(v.statement, "unknown", v.figure, cause=ADJUSTED)
            if id(v.statement) in whole and v.status == "disagree" and _one_step_off(v) else v for v in verdicts]


AMOUNT_ADJUSTED = "与相邻印出的另一分项之和正是表中合计的印出数，这一项的尾数随之调整"
_NEAR = 4  # lines between an amount and the other part it makes the whole with, at most


def _amounts_made_whole(verdicts: list[Verdict]) -> list[Verdict]:
    """An amount one step of its last decimal off its rounding that, with an amount printed beside it that
    agrees with the tables, adds up exactly to a total its figure is a share of (Figure.wholes) as printed
    to its decimals (北京市教育委员会 2026: 基本支出 2919265.78 + 项目支出 1003810.85 = 3923076.63, the table's
    合计 3,923,076.626242; 项目支出 1,003,810.842739 rounds to .84): the 尾数 the document moved so that its
    parts make the whole, as its shares' (_shares_made_whole) — not judged (未能核对), its cause told."""
    agreed = [v.statement for v in verdicts if v.status == "agree" and v.statement.kind == "amount"]
    return [Verdict(v.statement, "unknown", v.figure, cause=AMOUNT_ADJUSTED)
            if v.status == "disagree" and v.statement.kind == "amount" and v.figure is not None
            and _one_step_off(v) and _makes_whole(v.statement, v.figure, agreed) else v for v in verdicts]


def _makes_whole(part: Statement, figure: Figure, agreed: list[Statement]) -> bool:
    value = part.value
    wholes = {shown(in_unit(whole, part.unit), part.decimals) for whole in figure.wholes} if part.unit else set()
    return value is not None and any(st.value is not None and st.value + value in wholes for st in agreed
                                     if st is not part and abs(st.line - part.line) <= _NEAR and st.unit == part.unit)


def _one_step_off(verdict: Verdict) -> bool:
    """Whether a share's or an amount's printed value is one step of its last decimal from the value it
    should print."""
    st = verdict.statement
    expected = re.search(r"\d+(?:\.\d+)?", verdict.expected.replace(",", ""))  # an amount's “1,003,810.84万元”
    if st.value is None or expected is None:
        return False
    return abs(Decimal(expected.group()) - st.value) == Decimal(1).scaleb(-st.decimals)


TRUNCATED = "截尾而非四舍五入"
_PARTS_CAUSE = "与其各分项之和不符"
_CAUSE_BOTH = "截尾而非四舍五入，或除以了本年数而不是上年数（两者都得出印出的数）"  # a message: neither is chosen


def _printed_parts(verdicts: list[Verdict], glossary: Glossary) -> list[Verdict]:
    """A table row's “与其各分项之和不符” only where the draft's own rows under it, as printed, add to
    something else than the row prints: then the slip is in the draft's sums. Where they add to what
    it prints, or the draft prints none of them, nothing shows a cause and none is given."""
    code_of = {id(figure): code for code, figure in glossary.codes.items()}
    for index, verdict in enumerate(verdicts):
        if verdict.status != "disagree" or not verdict.cause.startswith(_PARTS_CAUSE) or verdict.figure is None:
            continue
        code = code_of.get(id(verdict.figure), "")
        children = _rows_under(verdicts[index + 1:], code, code_of) if code else []
        total = verdict.statement.value
        if not children or total is None:
            verdict.cause = ""
            continue
        printed = sum(children, Decimal(0))
        st = verdict.statement
        verdict.cause = "" if printed == total else (
            f"{_PARTS_CAUSE}（草稿印出的各分项 {' + '.join(str(c) for c in children)} = "
            f"{_text(printed, st.decimals, st.unit)}）")
    return verdicts


def _rows_under(following: list[Verdict], code: str, code_of: dict[int, str]) -> list[Decimal]:
    """The printed values of the finest rows under ``code``'s (its 项, or a 款 printed without its
    项), read on until a row of another code."""
    rows: list[tuple[str, Decimal]] = []
    for verdict in following:
        if verdict.statement.kind != "cell" or verdict.figure is None:
            continue
        child = code_of.get(id(verdict.figure), "")
        if not child.startswith(code) or child == code:
            break
        if verdict.statement.value is not None:
            rows.append((child, verdict.statement.value))
    return [value for child, value in rows if not any(c != child and c.startswith(child) for c, _ in rows)]


OF_A_UNIT = "说的是一个预算单位的数"
OF_A_REGION = "说的是一个地区或多个部门的数"
# a region's word, then within a few characters the money it speaks of: “全区一般公共预算收入”, “成都市市本级部门，使用财政拨款”
_REGION = regex("(?:{})[^。；;]{{0,8}}?(?:{})".format(*("|".join(map(re.escape, words)) for words in region_words())))
# a region's own name right after the year, then the money it speaks of: “2021年五华区一般公共预算”, “2021年度五华区区级“三公”经费”
_PLACE = regex("(?:19|20)\\d\\d年度?[，,]?[\u4e00-\u9fff]{{1,6}}?(?:{})(?:{})?[“\"]?(?:{})".format(
    *("|".join(map(re.escape, words)) for words in (*place_words(), region_words()[1]))))
# … or right before it: “鄂城区2022年的“三公"经费决算数合计为1000.86万”（鄂州鄂城区 2022 “三公”经费决算执行情况说明）
_PLACE_FIRST = regex("[\u4e00-\u9fff]{{1,6}}?(?:{})(?:{})?(?:19|20)\\d\\d年度?的?[“\"]?(?:{})".format(
    *("|".join(map(re.escape, words)) for words in (*place_words(), region_words()[1]))))
_PARTS_WORD = "其中"
_LEADS_IN = ("：", ":")  # a line ending so leads in the items after it


def _before(st: Statement) -> str:
    """The words of a statement's sentence before it."""
    first = st.sentence.find(st.text)
    return st.sentence[:first] if first >= 0 else st.sentence


def _names_a_region(words: str) -> bool:
    """Whether the words name a region's or many departments' money (vocabulary.yaml 一个地区的数), or a region by its
    own name beside the year (_PLACE, _PLACE_FIRST)."""
    return bool(_REGION.search(words) or _PLACE.search(words) or _PLACE_FIRST.search(words))


def _led_in_by_a_region(context: str) -> bool:
    """Whether the sentence before, with no figure of its own, leads in what follows with a colon and names a region's
    money, not the department's own (“根据……批准的百色市本级2024年预算，2024年市本级一般公共预算安排的公务接待费……支出预算
    安排情况如下：” / “2024年，一般公共预算安排的“三公”经费支出共计3923万元……”, 百色市本级 2024)."""
    lead = context.rstrip()
    if not lead.endswith(_LEADS_IN):
        return False
    lead = lead[max(lead.rfind("。"), lead.rfind("；")) + 1:]
    return _names_a_region(lead) and not any(word in lead for word in _OWN_WORDS)
_OWN_WORDS = own_department_words()
_REGION_FINANCE = region_finance_words()


def _refused(st: Statement, of_a_unit: bool, of_a_region: bool = False) -> Verdict | None:
    """A figure not judged at all: one too long to be a budget's, or one of a unit's sentence, or of a region's (the
    source's figures are the department's)."""
    if st.value is not None and not st.after_flat and (
            st.decimals > MAX_DECIMALS or len(st.value.as_tuple().digits) > MAX_DIGITS):
        return Verdict(st, "unknown", cause=f"位数过多（超过 {MAX_DIGITS} 位或 {MAX_DECIMALS} 位小数），"
                                            "不像预算中的数字")
    if st.kind != "cell" and of_a_unit:
        return Verdict(st, "unknown", cause=OF_A_UNIT)
    if st.kind != "cell" and of_a_region:
        return Verdict(st, "unknown", cause=OF_A_REGION)
    return None


def _of_project_spending(st: Statement, glossary: Glossary) -> Figure | None:
    """An economic class named in a sentence about 项目支出: the project spending's class, never the
    basic spending's of the same name."""
    before = st.sentence.split(st.text, 1)[0]
    if "项目支出" not in before or not glossary.project_classes:
        return None
    name = normalize(st.label.removeprefix("其中"), glossary.department)
    return glossary.project_classes.get(name)


def _judge_amount(st: Statement, reading: _Reading) -> None:
    """An amount (or a table cell) names the subject the sentence's changes, rates and shares speak of."""
    reading.change_named, reading.named_change = False, None
    reading.listed = st.listed_in or reading.listed
    if _told_as_budget_done(st, reading):
        return
    figure = _named_figure(st, reading.glossary) or _outturn_after_budget(st, reading)
    if _told_of_another_year(st, figure, reading):
        return
    whole = _whole_read(st, reading)
    figure = _the_funds_part(st, figure, whole, reading.glossary)
    if _told_as_anothers_part(st, figure, whole, reading):
        return
    reading.subject = reading.wholes[id(st)] = reading.read_as[id(st)] = figure
    reading.amount = st if st.kind == "amount" else None
    if figure is not None and _budget_in_final(st, reading):
        reading.budgets.add(id(st))  # (its subject stays the figure: “……预算为2万元，支出决算为1.6万元” — the outturn)
        reading.part = None
        reading.verdicts.append(_budget_of_figure(st, figure))
        return
    _judge_against_figure(st, figure, reading)


def _told_as_budget_done(st: Statement, reading: _Reading) -> bool:
    """Whether an amount is the budget a completion is of (“完成预算29.6万元”), said of the subject before it: told
    against that subject's budget, its subject staying that amount's (and the parts a 其中 lists after it are that
    quantity's: “公务用车购置及运行维护费支出决算为27.46万元，完成预算29.6万元的92.8%，……；其中：公务用车购置支出决算为
    0万元”, 广东省财政厅 2023 决算)."""
    if st.kind != "amount" or reading.subject is None or not DONE_LABEL.search(st.label):
        return False
    reading.verdicts.append(_budget_said(st, reading.subject))
    reading.wholes[id(st)] = reading.read_as[id(st)] = reading.subject
    return True


def _whole_read(st: Statement, reading: _Reading) -> Figure | None:
    """The figure read as the whole a part is listed under: of its sentence's 其中, or of the sentence before where
    one opens with “其中”."""
    return reading.wholes.get(id(st.part_of), reading.read_as.get(id(st.part_of))) if st.part_of is not None else None


def _told_as_anothers_part(st: Statement, figure: Figure | None, whole: Figure | None, reading: _Reading) -> bool:
    """Whether a part names a figure that is no part of its whole (or its whole was not read): not judged, nor its
    changes and shares (of that part too)."""
    if st.part_of is None or figure is None or _is_part(figure, whole, reading.glossary):
        return False
    reading.subject, reading.part = None, None
    reading.verdicts.append(Verdict(st, "unknown", cause=PART_OF_UNREAD if whole is None else PART_OF_ANOTHER))
    return True


def _told_of_another_year(st: Statement, figure: Figure | None, reading: _Reading) -> bool:
    """Whether an amount is another year's figure, told as agreeing with that year's or not judged (and the sentence's
    figures after it then of no subject)."""
    other = year_before(st, reading.glossary.year) if st.kind == "amount" else None
    if other is None:
        return False
    reading.subject, reading.part = None, None
    reading.verdicts.append(_other_year(st, figure, other))
    return True


def _judge_against_figure(st: Statement, figure: Figure | None, reading: _Reading) -> None:
    """An amount of this year judged against the figure it names: a disagreement that is no slip (the figure not
    judgeable, the amount a listed whole's part) not told; one in 亿元 not judged, nor what its sentence says of it."""
    if st.unit:
        reading.printed = (st.unit, st.decimals)
    verdict, reading.part = _amount(st, figure, reading.cells)
    if verdict.status == "disagree":
        verdict = _unjudgeable(st, figure, reading.glossary) or _of_listed_whole(st, figure, reading) or verdict
    if verdict.status in _TOLD and st.unit == _YI:  # (and what the sentence says of it after: not judged either)
        verdict, reading.subject, reading.part = Verdict(st, "unknown", cause=IN_YI_YUAN), None, None
    reading.verdicts.append(verdict)


# An amount or a change in 亿元 is a summary's: a department's own (“收入预算总额3.52亿元”) agrees with its table at the
# precision printed, and one that does not is far likelier a region's or many departments' (“2021年一般公共预算收入117.31亿元”,
# a 决算草案 of 杭州钱塘区, with no word of the region in its sentence) than a slip: never told, its subject not named
IN_YI_YUAN = "以亿元为单位、与表中同名的数不符：多为一个地区或多个部门的汇总数，未判定"
_YI = "亿元"
_TOLD = ("disagree", "cut")


# a 决算's budget said of a quantity, then its outturn said bare (““三公”经费财政拨款支出年初预算为22.00万元，支出决算为8.77万元”)
BUDGET_SAID = regex(r"(?:年初预算|全年预算|调整预算|预算)(?:数)?(?:为|是)?\Z")  # searched: the label's end
OUTTURN_SAID = regex(r"(?:支出)?决算(?:数)?(?:为|是)?")


def _outturn_after_budget(st: Statement, reading: _Reading) -> Figure | None:
    """The figure an amount said bare as the outturn (“支出决算为8.77万元”) is of, right after the amount of the same
    sentence that said that figure's budget (“……“三公”经费财政拨款支出年初预算为22.00万元”): the figure itself — of a
    决算's tables only, whose figures are the outturns."""
    before = reading.amount
    if st.kind != "amount" or not reading.glossary.final or before is None or not OUTTURN_SAID.fullmatch(st.label):
        return None
    return reading.subject if BUDGET_SAID.search(before.label) else None


def _of_listed_whole(st: Statement, figure: Figure | None, reading: _Reading) -> Verdict | None:
    """An amount of a clause listed under a sentence ending in “其中：” (``listed_in``; “机关事业单位基本养老保险缴费支出
    150384元，其中：” / “基本支出150384元，项目支出0元。”, 梧州) that differs from the figure its words name, where what
    it is listed under was not read or is no whole of that figure: the whole's part, not the department's figure — not
    told (unknown), as a 其中 within its sentence is."""
    if st.part_of is not None or reading.listed is None or figure is None:
        return None
    whole = reading.read_as.get(id(reading.listed))
    if whole is not None and _is_part(figure, whole, reading.glossary):
        return None
    return Verdict(st, "unknown", cause=PART_OF_UNREAD if whole is None else PART_OF_ANOTHER)


def _budget_in_final(st: Statement, reading: _Reading) -> bool:
    """Whether a 决算's amount is a budget of the year, not the outturn its tables print: its words say the budget of what
    they name (“2021年我镇“三公”经费预算为20万元”, 铜梁安居镇 2021 决算 — a fund's name ending in 预算 aside: “一般公共预算
    4352.47万元” is that fund's money), or it is a part its sentence lists right under such a budget (“其中：因公出国(境)费
    0万元，……”) — not the parts a sentence lists after one that said the budget and then the outturn (“……支出预算为494,400.00
    万元，支出决算为115,749.56元，……。其中：因公出国(境)费支出决算为38,069.00元”, 昆明市科学技术局 2018: the outturn's)."""
    if not reading.glossary.final or st.kind != "amount":
        return False
    if st.part_of is not None and id(st.part_of) in reading.budgets:
        return st.part_of.sentence is st.sentence and not OUTTURN_SAID.search(st.label)
    said = BUDGET_SAID.search(st.label)
    return said is not None and not st.label[:said.start()].endswith(_FUND_BUDGETS)


_FUND_BUDGETS = tuple(word.removesuffix("预算") for word in _FUNDS)  # (vocabulary.yaml 部分的限定: 一般公共预算 → 一般公共)


def _budget_of_figure(st: Statement, figure: Figure) -> Verdict:
    """A 决算's amount said as the year's budget of a figure: against the 预算数 its table prints (_budget_said)."""
    verdict = _budget_said(st, figure)
    verdict.of_budget = True
    return verdict


# “决算为 0.16 万元，完成预算 0 万元的 0%”（佛山 2019 决算）: the amount after these words is the budget of the figure before
DONE_LABEL = regex(r"完成(年初|全年|调整)?预算数?$")


def _budget_said(st: Statement, figure: Figure) -> Verdict:
    """The budget a completion rate states of a figure, against the 预算数 its 决算 table prints — where the words
    say the budget plainly (“完成年初预算……”: the 年初 one, which the table's 预算数 need not be)."""
    named = DONE_LABEL.search(st.label)
    if figure.budget is None or st.value is None or not st.unit or (named and named.group(1)):
        return Verdict(st, "unknown", figure, cause="源文件没有本年的这一预算数")
    exact = in_unit(figure.budget, st.unit)
    if shown(exact, st.decimals) == st.value:
        return Verdict(st, "agree", figure)
    return Verdict(st, "disagree", figure, _text(exact, st.decimals, st.unit), "与决算表中的预算数不符")


# an amount its sentence lists as a part (其中) of the amount before it, whose words name a figure of the tables
# that is no part of what that amount is (or what that amount is was not read for sure): not judged
PART_OF_UNREAD = "句中列为前一个数的其中一部分，而前一个数说的是什么没有读出，未判定"
PART_OF_ANOTHER = "句中列为前一个数的其中一部分，而前一个数不是表中同名的数所属的合计，未判定"
PART_CAUSES = (PART_OF_UNREAD, PART_OF_ANOTHER)
# the totals whose parts are every part of the department's budget: a part listed under one is the department's
_GRAND_TOTALS = frozenset(("收入总计", "支出总计", "本年收入合计", "本年支出合计"))


def _the_funds_part(st: Statement, figure: Figure | None, whole: Figure | None, glossary: Glossary) -> Figure | None:
    """A part listed under one fund's total (“2025年本年一般公共预算支出1085203.63元，……。其中：基本支出1037103.63元，
    项目支出48100元”, 梧州 2025): that fund's part of what its words name (一般公共预算项目支出), where the glossary knows
    it — not the figure of all the money (项目支出) its bare words name."""
    if figure is None or whole is None:
        return figure
    fund = next((word for word in _FUNDS if whole.name.startswith(word)), "")
    if not fund or figure.name.startswith(fund):
        return figure
    own = glossary.find(fund + figure.name)
    return own if own is not None and own is not figure and _is_part(own, whole, glossary) else figure


def _is_part(figure: Figure, whole: Figure | None, glossary: Glossary) -> bool:
    """Whether the figure a part's words name (“其中：一般公共预算收入15,375.67万元”) is a part of the figure its
    sentence lists it under (``whole``; None: what that is was not read for sure): a total of the department,
    a total the glossary knows it a part of, a line of the classification above its own, or — for a figure
    the glossary knows no total of (a “三公” item, a kind of 政府采购) — one no larger than it."""
    if whole is None or whole is figure:
        return False
    if whole.name in _GRAND_TOTALS or whole.current in figure.wholes:
        return True
    code_of = {id(f): code for code, f in glossary.codes.items()}
    code, above = code_of.get(id(figure), ""), code_of.get(id(whole), "")
    if code and above:
        return code != above and code.startswith(above)
    return not figure.wholes and figure.current <= whole.current + whole.slack


def _named_figure(st: Statement, glossary: Glossary) -> Figure | None:
    """The figure an amount or a table cell names: a year's row of the “三公” table that year's; an
    economic class in a sentence about 项目支出 the project spending's; else the one its label names."""
    if st.kind == "cell" and st.label in glossary.years:
        return glossary.years[st.label]
    figure = _figure_of_words(st, glossary)
    line = running_line(glossary, figure, st.label) if st.kind == "amount" and _of_running_costs(st) else figure
    if line is not figure:
        return line  # a class in the 机关运行经费's section: its table's line, if it prints one
    return None if figure is not None and _not_the_departments(st, figure, glossary) else figure


def _figure_of_words(st: Statement, glossary: Glossary) -> Figure | None:
    """The figure a statement's words name: an economic class in a sentence about 项目支出 the project spending's,
    else the one its label names, else a “三公” part named in a sentence of the “三公”."""
    of_projects = _of_project_spending(st, glossary) if st.kind == "amount" else None
    return of_projects or (glossary.find(st.label) if st.label else None) or _of_three_public(st, glossary)


def _not_the_departments(st: Statement, figure: Figure, glossary: Glossary) -> bool:
    """Whether the figure a statement's words name is not the one it speaks of: a class of the basic spending, named
    where neither the sentence nor its section speaks of it alone; a grand total right after a line's 类/款/项 (“人大事务
    （款）行政运行（项）支出6372.32万元”: the line's spending); a source of income after words setting out another
    part's money (“按政府采购资金类型划分，一般公共预算拨款17000元”: the 政府采购's money, not the department's income)."""
    if st.kind == "amount" and id(figure) in glossary.basic_classes \
            and not any(word in st.sentence for word in BASIC_WORDS) and not _of_basic_section(st):
        return True
    if figure.name in _GRAND_TOTALS and _after_level(st):
        return True
    return figure.name in _SOURCES and _of_another_parts_money(st)


_SOURCES = frozenset((*INCOME_SOURCES, "上年结转结余"))
_OTHER_PARTS_MONEY = other_part_money_words()


def _of_another_parts_money(st: Statement) -> bool:
    """Whether the sentence sets out another part's money by its sources before the amount (vocabulary.yaml
    另一部分的资金来源)."""
    before = st.sentence.split(st.text, 1)[0]
    return any(word in before for word in _OTHER_PARTS_MONEY)


def _of_basic_section(st: Statement) -> bool:
    """Whether the headings over a statement speak of the basic spending alone (江苏's “六、财政拨款基本支出预算情况
    说明” over “工资福利支出（类）基本工资（款）737.94万元”), not of the project spending too."""
    return any(word in st.headings for word in BASIC_WORDS) and _PROJECTS not in st.headings


_PROJECTS = "项目支出"
_RUNNING_COSTS = "机关运行经费"


def _of_running_costs(st: Statement) -> bool:
    """Whether the headings over a statement are the 机关运行经费's (江苏 2017 “十、一般公共预算机关运行经费支出预算表说明”
    over “（1）办公费（款）支出167.03万元”): its lines are the 机关运行经费 table's, not the 基本支出's."""
    return _RUNNING_COSTS in st.headings


def _of_three_public(st: Statement, glossary: Glossary) -> Figure | None:
    """A “三公” part named in a sentence of the “三公” (its own or its section's words say so) that does not
    speak of the basic spending: that part, though a 经济分类 line shares its name (江苏省高级人民法院 2018:
    “3．公务接待费预算支出183.95万元” under the “三公” heading, beside 30217 公务接待费 48.95)."""
    if st.kind != "amount" or not st.label or _THREE_PUBLIC not in st.context + st.sentence \
            or any(word in st.sentence for word in BASIC_WORDS):
        return None
    return glossary.three_public_part(st.label)


_THREE_PUBLIC = "三公"


# a 类, 款 or 项 named right before an amount's words (“行政运行（项）支出”, “住房公积金(项):支出”, “检察（款）: 2018年
# 预算支出合计”): the words are that line's, whatever total they would name alone
_LEVEL_END = regex(r"[（(](?:\d{2,3})?[类款项][）)]\s*[：:]?\s*$")


def _after_level(st: Statement) -> bool:
    before = st.sentence.split(st.text, 1)[0].rstrip()
    label = st.label.replace(" ", "")
    head = before[:-len(label)] if label and before.replace(" ", "").endswith(label) else ""
    return bool(head) and _LEVEL_END.search(head.replace(" ", "")) is not None


# the words by which a sentence speaks of the basic spending, whose 经济分类 lines the 基本支出表 prints
BASIC_WORDS = ("基本支出", "人员经费", "公用经费", "日常公用", "人员支出")


def _other_year(st: Statement, figure: Figure | None, year: int) -> Verdict:
    """An amount of another year than the budget's: agrees with the figure's 上年 or 执行数, else is not judged."""
    known = [v for v in (figure.prior, figure.actual) if v is not None] if figure is not None else []
    agree = st.value is not None and st.unit and any(shown(in_unit(v, st.unit), st.decimals) == st.value for v in known)
    return Verdict(st, "agree", figure) if agree else Verdict(st, "unknown", figure, cause=OTHER_YEAR.format(year))


OTHER_YEAR = "说的是{}年的数"  # the cause of an amount of another year not judged


def _unjudgeable(st: Statement, figure: Figure | None, glossary: Glossary) -> Verdict | None:
    """A disagreeing amount that is not judged after all: it speaks of a part the source has no figure
    for, or gives the figure as it is once a table's slip is taken out; None when neither."""
    if figure is not None and any(w in st.sentence for w in figure.unknown_part):
        return Verdict(st, "unknown", figure, cause=UNKNOWN_PART)
    if st.kind == "cell" and glossary.final and _income_only(st.table):
        return Verdict(st, "unknown", figure, cause=INCOME_ROW)
    if _as_corrected(st, figure, glossary.disputes):
        return Verdict(st, "unknown", figure, cause=DISPUTED)
    return None


INCOME_ROW = "是按功能分类的收入（收入决算表），源文件只有各科目的支出，未判定"


def _income_only(title: str) -> bool:
    """A table of income alone (收入决算表, 部门收入预算总表), not of spending or of both sides."""
    return "收入" in title and "支出" not in title and "收支" not in title


UNKNOWN_PART = "说的是其中一部分（如公开了绩效目标的几个项目），源文件没有这一部分的数"
DISPUTED = "有争议：与表中各组成部分之和一致，而表中印出的合计与其组成部分不符（见表内不一致），未判定"


def _as_corrected(st: Statement, figure: Figure | None, disputes: tuple[Decimal, ...]) -> bool:
    """Whether the statement gives the figure as it is once a table's slip is taken out: the text
    agrees with the table's parts, and only the slipped total (already told) disagrees with it — a
    slip never becomes the measure of the text."""
    if figure is None or st.value is None or not st.unit:
        return False
    # the source took the slipped total, or the parts that do not make the printed one: either way round
    return any(shown(in_unit(figure.current + sign * delta, st.unit), st.decimals) == st.value
               for delta in disputes for sign in (-1, 1))


def _judge_change(st: Statement, reading: _Reading) -> None:
    """A change of the amount before it, or of the figure it names itself (or the change or 持平 before it named); a
    rate after it is of the same."""
    _changed(st, reading)
    verdict = _change(st, reading.change_of)
    if verdict.status in _TOLD and st.unit == _YI:
        verdict, reading.change_of, reading.subject = Verdict(st, "unknown", cause=IN_YI_YUAN), None, None
    reading.verdicts.append(verdict)


def _judge_flat(st: Statement, reading: _Reading) -> None:
    _changed(st, reading)
    reading.verdicts.append(_flat(st, reading.change_of, reading.printed))


def _changed(st: Statement, reading: _Reading) -> None:
    """What a change or 持平 is of: the figure its own words name, else the amount before it — or, no amount since, the
    figure the change or 持平 before it in the sentence named (_Reading.named_change)."""
    if st.own_label:
        reading.change_of = reading.named_change = reading.glossary.find(st.label)
    else:
        reading.change_of = reading.subject if reading.subject is not None else reading.named_change
    reading.change_named = st.own_label and reading.change_of is None and _names_a_quantity(st.label)


# the names of the quantities a disclosure states (vocabulary.yaml 数的名称), of four characters or more; and the words
# after a name that say it is the outturn (“公务用车购置费支出决算”)
_QUANTITY_NAMES = tuple(sorted({w for words in named_quantities().values() for w in words if len(w) >= 4}))
_OUTTURN_WORDS = tuple(sorted(final_words(), key=len, reverse=True))


def _names_a_quantity(label: str) -> bool:
    """Whether a change's own words end in a quantity's name, its outturn words aside (“公务用车购置费支出决算”) — not
    words naming none (“如对比2025年年度预算，则减少64.62万元”, 广州市民政局 2026: “则”, the 机关运行经费's change)."""
    text = normalize(label)
    for word in _OUTTURN_WORDS:
        text = text.removesuffix(word)
    return text.endswith(_QUANTITY_NAMES)


def _judge_rate(st: Statement, reading: _Reading) -> None:
    if st.after_flat:  # "持平 …，增长0%": one slip, told on the 持平
        last_flat, verdicts = reading.last_flat, reading.verdicts
        if last_flat is not None and verdicts[last_flat].status == "agree":
            flat = verdicts[last_flat]
            verdicts[last_flat] = Verdict(flat.statement, "disagree", flat.figure, "与上年持平",
                                          "持平后又写了增长率，应只写持平")
        return
    verdict = _rate(st, None if reading.change_named else reading.change_of or reading.subject)
    reading.verdicts.append(_as_its_change(verdict, reading.verdicts))


def _as_its_change(verdict: Verdict, before: list[Verdict]) -> Verdict:
    """A rate told as disagreeing right after its sentence's change, told so too, where the rate is that change over the
    prior the change implies (this year's figure less it): the same slip, its cause the prior the sentence measured by
    (国家信访局 2026: “比2025年执行数增加2,022.94万元，增幅126.35%” is 2,022.94 ÷ 1,601.04 — its 执行数 net of the 基建
    investment, which its table prints beside — against the 执行数 25,143.24)."""
    said = _told_change(verdict, before)
    if said is None or verdict.figure is None or verdict.statement.value is None:
        return verdict
    prior = verdict.figure.current - (in_yuan(said) if said.direction != "down" else -in_yuan(said))
    rate = exact_percent(in_yuan(said), prior) if prior > 0 else None
    if rate is None or shown(rate, verdict.statement.decimals) != verdict.statement.value:
        return verdict
    return Verdict(verdict.statement, "disagree", verdict.figure, verdict.expected,
                   f"是句中的增减额{_text(in_yuan(said) / _IN_YUAN[said.unit], said.decimals, said.unit)}除以"
                   f"{_text(in_unit(prior, said.unit), said.decimals, said.unit)}（本年数减去增减额）所得，而不是源文件的上年数",
                   verdict.subject, verdict.of_budget)


def _told_change(verdict: Verdict, before: list[Verdict]) -> Statement | None:
    """The change (an amount) told as disagreeing right before a rate told so, in the same sentence; None else."""
    change = before[-1] if before else None
    if verdict.status != "disagree" or change is None or change.status != "disagree":
        return None
    said = change.statement
    same = said.kind == "change" and said.sentence == verdict.statement.sentence
    return said if same and said.unit in _IN_YUAN and said.value is not None else None


def _judge_share(st: Statement, reading: _Reading) -> None:
    if st.own_label:  # after a bracketed aside of parts: the share of the amount before the aside (“财政拨款收入X万元（其中，
        # 一般公共预算X万元，……国有资本经营预算0万元），占收入合计100%”, 杭州钱塘), not of the aside's last part
        reading.subject, reading.part = reading.glossary.find(st.label), None
    named = reading.glossary.find(st.named_whole) if st.named_whole else None
    if reading.subject is None and reading.amount is not None and st.named_whole:  # a part no table gives
        # “占一般公共预算项目支出总额的100%”: the whole by its name, its 总额 aside
        whole = named or reading.glossary.find(_TOTAL_END.sub("", st.named_whole))
        if whole is not None:
            reading.verdicts.append(_share_of_printed(st, reading.amount, whole))
            return
    if named is not None and named is not reading.subject:  # the base the sentence names, and only it
        reading.verdicts.append(_share_of_named(st, reading, named))
    else:
        reading.verdicts.append(_share_of_its_whole(st, reading))


def _share_of_named(st: Statement, reading: _Reading, named: Figure) -> Verdict:
    """A share of the base its sentence names, and only it: “占总支出” of the 总计, or of the year's own total without
    what is carried over (国家信访局 2024 决算)."""
    half = reading.glossary.half_step
    verdict = _share(st, reading.subject, named, reading.part, only_whole=True, half=half)
    this_year = reading.glossary.find(_THIS_YEAR.get(named.name, ""))
    if verdict.status == "disagree" and this_year is not None and this_year is not reading.subject:
        of_year = _share(st, reading.subject, this_year, reading.part, only_whole=True, half=half)
        verdict = of_year if of_year.status == "agree" else verdict
    return verdict


def _share_of_its_whole(st: Statement, reading: _Reading) -> Verdict:
    """A share naming no base: of the whole its words give (else a “三公” item's of the “三公” total); one that the source
    disputed figures correct is not judged."""
    whole = reading.glossary.find(st.whole) if st.whole and st.whole != st.label else None
    verdict = _share(st, reading.subject, whole or _of_three_public_total(st, reading), reading.part,
                     half=reading.glossary.half_step)
    if verdict.status == "disagree" and _share_as_corrected(st, reading.subject, whole, reading.part,
                                                             reading.glossary.disputes):
        verdict = Verdict(st, "unknown", reading.subject, cause=DISPUTED)
    return verdict


# the “三公” items whose share with no whole named is of the “三公” total (公务用车's two parts may as well be of its
# total, and are not judged so)
_ITEMS_OF_THE_TOTAL = (THREE_PUBLIC_PARTS[0], THREE_PUBLIC_PARTS[1], VEHICLES)


def _of_three_public_total(st: Statement, reading: _Reading) -> Figure | None:
    """The whole of a “三公” item's share where its sentence names none (“2019年“三公”经费财政拨款支出决算中，因公出国（境）费
    0万元，占0%；……公务接待费支出0.16万元，占100.0%”, 佛山 2019 决算): the “三公” total; else None."""
    part = reading.subject
    if part is None or st.named_whole or part.name not in _ITEMS_OF_THE_TOTAL \
            or reading.glossary.three_public_part(part.name) is not part:
        return None
    total = reading.glossary.find("“三公”经费")
    return total if total is not None and total is not part else None


def _judge_done(st: Statement, reading: _Reading) -> None:
    """A 决算's rate of completing its budget (“支出决算为115,749.56元，完成预算的23.42%”): no table prints it — read,
    of the amount before it (review/subjects.py), and checked against its sentence's amounts alone
    (consistency.completion_rates), not judged here."""
    reading.verdicts.append(Verdict(st, "unknown"))


# Each kind of statement, judged (a cell as an amount).
_JUDGES: dict[str, Callable[[Statement, _Reading], None]] = {
    "amount": _judge_amount, "cell": _judge_amount, "change": _judge_change, "flat": _judge_flat,
    "rate": _judge_rate, "share": _judge_share, "done": _judge_done,
}


def _candidates(st: Statement, figure: Figure) -> list[Decimal]:
    """The values a statement of the figure may print: a table row any of its columns' (its funds',
    基本/项目, its units'); a sentence the figure itself, or a part of it that the sentence, its
    section's heading or the sentences before it name (“（四）项目支出……一般公共服务支出827.56万元”)."""
    if st.kind == "cell":
        return [figure.current, *figure.others]
    said = st.context + st.sentence.split(st.text, 1)[0]
    return [figure.current, *(value for value, words in figure.named if any(word in said for word in words))]


def _agreed_value(st: Statement, figure: Figure | None, cells: frozenset[Decimal] = frozenset()) -> Decimal | None:
    """The value of the figure the statement prints: as rounded, or within its parts' rounding (Figure.slack) —
    not a sentence's where the tables print that value and not the sentence's (江苏 18,570.82 printed by four
    tables and summed from its rows to the cent: a text's 18570.87 is no 尾数 of it)."""
    if figure is None or st.value is None:
        return None
    value = st.value
    return next((v for v in _candidates(st, figure) if shown(in_unit(v, st.unit), st.decimals) == value
                 or _within_slack(v, value, st.unit, figure) and not _printed_otherwise(st, v, cells)), None)


def _printed_otherwise(st: Statement, value: Decimal, cells: frozenset[Decimal]) -> bool:
    """Whether the tables print ``value`` (元) as it is, and not the sentence's amount."""
    return st.kind == "amount" and value in cells and st.unit in _IN_YUAN \
        and st.value is not None and st.value * _IN_YUAN[st.unit] not in cells


def _within_slack(exact: Decimal, printed: Decimal, unit: str, figure: Figure) -> bool:
    """A printed amount (in ``unit``) that a 万元 source's sum (``exact``, 元) explains up to its
    parts' rounding (Figure.slack): the published table's own 尾数误差, no slip."""
    return bool(figure.slack) and abs(in_unit(exact, unit) - printed) <= in_unit(figure.slack, unit)


def _amount(st: Statement, figure: Figure | None, cells: frozenset[Decimal]) -> tuple[Verdict, Decimal | None]:
    """The amount's verdict, and the value it agrees with (None unless it agrees)."""
    if figure is None or st.value is None or not st.unit:
        return Verdict(st, "unknown"), None
    agreed = _agreed_value(st, figure, cells)
    if agreed is not None:
        return Verdict(st, "agree", figure), agreed
    exact = in_unit(figure.current, st.unit)
    return Verdict(st, "disagree", figure, _text(exact, st.decimals, st.unit), _amount_cause(st, figure, exact)), None


def _amount_cause(st: Statement, figure: Figure, exact: Decimal) -> str:
    """Why an amount disagrees, where one cause fits: a part of the figure the words do not name, cut
    rather than rounded, the other unit's number, not its parts' sum, last year's figure; else ''."""
    other_unit = "元" if st.unit == "万元" else "万元"
    unsaid = next((words[0] for value, words in figure.named
                   if shown(in_unit(value, st.unit), st.decimals) == st.value), None)
    if unsaid is not None:
        return _part_cause(unsaid)
    if truncated(exact, st.decimals) == st.value:
        return TRUNCATED
    if shown(in_unit(figure.current, other_unit), st.decimals) == st.value:
        return f"疑把{other_unit}数写成了{st.unit}"
    if figure.parts and sum(figure.parts, Decimal(0)) == figure.current:
        parts = " + ".join(_text(in_unit(p, st.unit), st.decimals, "") for p in figure.parts)
        return f"与其各分项之和不符（{parts} = {_text(exact, st.decimals, st.unit)}）"
    if figure.prior is not None and shown(in_unit(figure.prior, st.unit), st.decimals) == st.value:
        return "疑写成了上年数"
    return ""


def _part_cause(part: str) -> str:
    return f"是其中{part}的数，而句子与所在标题都没有说是{part}"


def _prior(st: Statement, figure: Figure) -> Decimal | None:
    """The year a change is against: 执行数 where the text says so; said plainly (“比上年”), the
    prior budget — or its execution where the source knows only that, as the render compares."""
    if same_year(st.base):  # a 决算 against its own year's budget, where its table prints it: the table's 预算数,
        return figure.budget if st.base == SAME_YEAR_BUDGET else None  # which may not be the 年初 one the words name
    if st.base == "执行数" or (not st.base and figure.prior is None):
        return figure.actual
    return figure.prior


def _no_prior(st: Statement) -> str:
    """Why a change, flat or rate is not judged where the source has nothing to compare with."""
    return "源文件没有本年的这一预算数（决算比预算的增减未核对）" if same_year(st.base) else "源文件没有可比的上年数"


def _compared_prior(st: Statement, figure: Figure) -> tuple[Decimal | None, Decimal | None]:
    """The prior figure a change or rate is of — the source's, else the one the sentence states — and the stated one
    where it is that (None where the source's)."""
    prior = _prior(st, figure)
    stated = _stated_prior(st) if prior is None else None
    return (prior if stated is None else stated), stated


def _change(st: Statement, figure: Figure | None) -> Verdict:
    if figure is None:
        return Verdict(st, "unknown")
    prior, stated = _compared_prior(st, figure)
    if prior is None:
        return Verdict(st, "unknown", figure, cause=_no_prior(st))
    difference = figure.current - prior
    if st.unit == "%":  # 比上年增长5.00%: a rate said as a change
        return _rate_as_change(st, figure, difference, prior)
    if st.value is None or not st.unit:
        return Verdict(st, "unknown", figure)
    return _change_of_amount(st, figure, prior, stated is not None)


def _change_of_amount(st: Statement, figure: Figure, prior: Decimal, stated: bool) -> Verdict:
    """A change said as an amount, against the figure's change from ``prior`` (the one its sentence states:
    ``stated``): its amount, within the rounding of a 万元 source's sum, then its direction."""
    assert st.value is not None
    difference = figure.current - prior
    exact = in_unit(abs(difference), st.unit)
    expected = f"{'增加' if difference > 0 else '减少'}{_text(exact, st.decimals, st.unit)}"
    if shown(exact, st.decimals) != st.value and not _within_slack(abs(difference), st.value, st.unit, figure):
        cause = _change_cause(st, figure, prior, exact)
        return Verdict(st, "disagree", figure, expected, _of_stated_prior(st, cause) if stated else cause)
    if shown(exact, st.decimals) and st.direction and (st.direction == "up") != (difference > 0):
        return Verdict(st, "disagree", figure, expected, "增减方向写反")
    return Verdict(st, "agree", figure)


def _stated_prior(st: Statement) -> Decimal | None:
    """The prior a change states itself, where the source has none (“与2016年度相比（2016年度部门支出预算安排为8,648.07
    万元），增加498.72万元”, 江苏 2017: this year's figure the table's, last year's the sentence's), in 元 — a change whose
    own words name what changed; one of the amount before it (“公务接待费4.00万元，比去年4.99万元少0.99万元”) is that
    sentence's three figures, held together (consistency.inline_priors) and borne out there. None for a 决算 against its
    own year's budget, or where the sentence states none."""
    stated = inline_amount(st.prior) if st.prior and st.own_label and not same_year(st.base) else None
    return in_yuan(stated) if stated is not None and stated.value is not None else None


def _rate_as_change(st: Statement, figure: Figure, difference: Decimal, prior: Decimal) -> Verdict:
    """A change said as a rate (比上年增长5.00%): agrees when the rate, and its direction, are right."""
    rate = exact_percent(abs(difference), prior)
    if rate is None:
        return Verdict(st, "unknown", figure)
    ok = shown(rate, st.decimals) == st.value and (not rate or (st.direction == "up") == (difference > 0))
    return Verdict(st, "agree" if ok else "disagree", figure, _text(rate, st.decimals, "%"))


def _change_cause(st: Statement, figure: Figure, prior: Decimal, exact: Decimal) -> str:
    """Why a change disagrees, where one cause fits: cut rather than rounded, or the difference of the
    two rounded figures; else ''."""
    if truncated(exact, st.decimals) == st.value:
        return TRUNCATED
    of_rounded = abs(shown(in_unit(figure.current, st.unit), st.decimals) - shown(in_unit(prior, st.unit), st.decimals))
    if of_rounded == st.value:  # 18,976.76 − 15,621.11 = 3,355.65, exactly 3,355.64
        return "用两个四舍五入后的数相减（增减额应以精确数计算后再四舍五入）"
    return ""


ROUGHLY = "“基本持平”说的是增减不大，不是没有增减：不判定"


def _flat(st: Statement, figure: Figure | None, printed: tuple[str, int]) -> Verdict:
    """持平 is right where the change shows as nothing at the unit and decimals the draft prints its
    amount in (a 49.99 元 change is 持平 in a 万元 text, and is not in a 元 text)."""
    if figure is None:
        return Verdict(st, "unknown")
    prior = _prior(st, figure)
    if prior is None:
        return Verdict(st, "unknown", figure, cause=_no_prior(st))
    difference = figure.current - prior
    unit, decimals = printed
    if shown(in_unit(abs(difference), unit), decimals) and st.roughly:
        return Verdict(st, "unknown", figure, cause=ROUGHLY)
    if shown(in_unit(abs(difference), unit), decimals):
        word = "增加" if difference > 0 else "减少"
        return Verdict(st, "disagree", figure, f"{word}{_text(in_unit(abs(difference), unit), decimals, unit)}", "并非持平")
    if st.empty_amount:
        return Verdict(st, "disagree", figure, "与上年持平", "持平后留有空的增减额（“持平 万元”），应只写持平")
    return Verdict(st, "agree", figure)


def _rate(st: Statement, figure: Figure | None) -> Verdict:
    if figure is None or st.value is None:
        return Verdict(st, "unknown")
    prior, stated = _compared_prior(st, figure)
    if prior is None:
        return Verdict(st, "unknown", figure, cause=_no_prior(st))
    difference = figure.current - prior
    rate = exact_percent(abs(difference), prior)
    if rate is None:
        return Verdict(st, "unknown", figure, cause="上年数为零，增长率无可比性")
    expected = f"{'增长' if difference > 0 else '下降'}{_text(rate, st.decimals, '%')}"
    if shown(rate, st.decimals) == st.value or _rate_within_slack(st.value, st.decimals, difference, prior, figure.slack):
        return _rate_direction(st, figure, shown(rate, st.decimals), difference > 0, expected)
    cause = _rate_cause(st, st.value, rate, exact_percent(abs(difference), figure.current))
    return Verdict(st, "disagree", figure, expected, _of_stated_prior(st, cause) if stated is not None else cause)


def _of_stated_prior(st: Statement, cause: str) -> str:
    """A cause, told as measured by the prior the sentence states (“比上年预算数69043.50万元增加……”)."""
    return "；".join(c for c in (f"按句中写明的上年数{st.prior}计", cause) if c)


def _rate_direction(st: Statement, figure: Figure, rate: Decimal, up: bool, expected: str) -> Verdict:
    """A printed rate that is the change's (as printed, ``rate``): agreeing, but where it is not 0 and its words say
    the other direction (增减方向写反)."""
    if rate and (st.direction == "up") != up:
        return Verdict(st, "disagree", figure, expected, "增减方向写反")
    return Verdict(st, "agree", figure)


def _rate_cause(st: Statement, printed: Decimal, rate: Decimal, by_current: Decimal | None) -> str:
    """Why a printed rate is not the change over the prior: the right one cut, not rounded; the change over this year's
    figure (``by_current``) instead; both, where the printed figure cannot tell the two apart (neither chosen)."""
    cut = truncated(rate, st.decimals) == printed
    by_this_year = by_current is not None and shown(by_current, st.decimals) == printed
    if cut and by_this_year:
        return _CAUSE_BOTH
    if cut:
        return TRUNCATED
    return "除以了本年数而不是上年数" if by_this_year else ""


def _rate_within_slack(printed: Decimal, decimals: int, difference: Decimal, prior: Decimal, slack: Decimal) -> bool:
    """A growth rate the rounding of a 万元 source's sum (± slack) explains."""
    if not slack:
        return False
    low, high = (exact_percent(abs(difference + d), prior) for d in (-slack, slack))
    if low is None or high is None:
        return False
    return min(low, high) <= printed <= max(low, high) or printed in (shown(low, decimals), shown(high, decimals))


def _share(st: Statement, part: Figure | None, whole: Figure | None, value: Decimal | None,
           only_whole: bool = False, half: Decimal = Decimal(0)) -> Verdict:
    """占…%: of the base the sentence names (``only_whole``), else of the total it names first or of
    the totals the part belongs to — as the printed figures give it, or as figures within ``half`` (元) of each
    printed one give it: a share the document computed before rounding its figures to the digit its tables print
    (never one the printed figures give cut rather than rounded: that is told, TRUNCATED)."""
    if part is None or st.value is None:
        return Verdict(st, "unknown")
    wholes = _share_bases(part, whole, only_whole)
    if not wholes:
        return Verdict(st, "unknown", part)
    amount = value if value is not None else part.current
    first = exact_percent(amount, wholes[0])
    assert first is not None
    if _share_fits(st, amount, wholes, half):
        return Verdict(st, "agree", part)
    return Verdict(st, "disagree", part, f"占{_text(first, st.decimals, '%')}", _share_cause(st, first, amount, whole))


def _share_bases(part: Figure, whole: Figure | None, only_whole: bool) -> list[Decimal]:
    """The wholes (not 0) a share of ``part`` may be of: the whole its sentence names, and (but ``only_whole``) the
    totals the part belongs to."""
    return [w for w in ((whole.current,) if whole else ()) + (() if only_whole else part.wholes) if w]


def _share_fits(st: Statement, amount: Decimal, wholes: list[Decimal], half: Decimal) -> bool:
    """Whether a printed share is the amount's of one of the wholes, as printed, or (the first's not cut) as figures
    within ``half`` of them give it."""
    first = exact_percent(amount, wholes[0])
    assert first is not None
    return any(s is not None and shown(s, st.decimals) == st.value for s in (exact_percent(amount, w) for w in wholes)) \
        or truncated(first, st.decimals) != st.value and any(_share_within(st, amount, w, half) for w in wholes)


def _share_within(st: Statement, amount: Decimal, whole: Decimal, half: Decimal) -> bool:
    """Whether a share lies between those of the figures within ``half`` of the printed part and whole."""
    if not half or whole <= half or st.value is None:
        return False
    low = exact_percent(max(amount - half, Decimal(0)), whole + half)
    high = exact_percent(amount + half, whole - half)
    return low is not None and high is not None and shown(low, st.decimals) <= st.value <= shown(high, st.decimals)


# the totals a share “of the 总计” may be of: the year's own, without what is carried over to or from another year
_THIS_YEAR = {"支出总计": "本年支出合计", "收入总计": "本年收入合计"}


def _share_of_printed(st: Statement, amount: Statement, whole: Figure) -> Verdict:
    """占…% of a whole the sentence names and the tables give, of a part no table gives but the sentence prints
    (“共涉及资金 940.15 万元，占一般公共预算项目支出总额的 100%”, 佛山 2019 决算): the share must be the printed part
    over the whole, at the printed precision of both (half up); a whole of 0 has no share."""
    if st.value is None or amount.value is None or amount.unit not in _YUAN or not whole.current:
        return Verdict(st, "unknown")
    part, half = amount.value * _YUAN[amount.unit], Decimal(5) / Decimal(10) ** (amount.decimals + 1) * _YUAN[amount.unit]
    low = exact_percent(max(part - half, Decimal(0)), whole.current + whole.slack)
    high = exact_percent(part + half, whole.current - whole.slack) if whole.current > whole.slack else None
    mid = exact_percent(part, whole.current)
    if low is None or high is None or mid is None:
        return Verdict(st, "unknown")
    if shown(low, st.decimals) <= st.value <= shown(high, st.decimals):
        return Verdict(st, "agree")
    return Verdict(st, "disagree", None, f"占{_text(mid, st.decimals, '%')}（{amount.text} ÷ {whole.name} "
                   f"{_text(in_unit(whole.current, amount.unit), amount.decimals, amount.unit)}）")


_YUAN = yuan_factors("亿元", "万元", "元")
_IN_YUAN = {unit: _YUAN[unit] for unit in ("元", "万元")}  # the units a table's cells are held in here
_TOTAL_END = regex(r"(?:总额|总数|总计)$")


def _share_as_corrected(st: Statement, part: Figure | None, whole: Figure | None, value: Decimal | None,
                        disputes: tuple[Decimal, ...]) -> bool:
    """Whether the share is right once a table's slip is taken out of its part or its whole (either
    way round): a slipped total never makes a right share wrong."""
    if part is None or st.value is None or not disputes:
        return False
    amount = value if value is not None else part.current
    for base in _share_bases(part, whole, False):
        for share in _corrected_shares(amount, base, disputes):
            if share is not None and shown(share, st.decimals) == st.value:
                return True
    return False


def _corrected_shares(amount: Decimal, base: Decimal, disputes: tuple[Decimal, ...]) -> Iterator[Decimal | None]:
    """The shares of an amount in a base once each slip (either way round) is taken out of the base, of both, of the
    amount."""
    for delta in (d * sign for d in disputes for sign in (-1, 1)):
        yield from (exact_percent(amount, base + delta), exact_percent(amount + delta, base + delta),
                    exact_percent(amount + delta, base))


def _share_cause(st: Statement, first: Decimal, amount: Decimal, whole: Figure | None) -> str:
    """Why a share is wrong, where one cause fits: cut rather than rounded, or of last year's total."""
    if truncated(first, st.decimals) == st.value:
        return TRUNCATED
    if whole is not None and whole.prior:
        by_prior = exact_percent(amount, whole.prior)
        if by_prior is not None and shown(by_prior, st.decimals) == st.value:
            return "除以了上年合计而不是本年合计"
    return ""
