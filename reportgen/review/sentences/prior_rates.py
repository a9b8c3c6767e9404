"""An item's change against the prior its own sentence states: “2025年当年预算执行数为77.99万元，
2026年预算安排91.97万元，比2025年预算执行数增加17.66%” — both operands are printed, so the rate and
its direction are judged from them (each printed figure stands for the interval its last digit
rounds, so only a rate no rounding explains is told). And the year's amount the body states
(“2026年预算安排201.50万元”) against the amount the item's heading gives (“住房公积金（01项）208.8万元”)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from reportgen.base.errors import Finding
from reportgen.base.patterns import regex
from reportgen.compute import quantize_half_up
from reportgen.readers.text.statements import STARTS_ANEW, Statement, decimals_of, to_decimal
from reportgen.reading.amounts import yuan_factors

_NUM = r"\d[\d,]*+(?:\.\d++)?+"
_KINDS = {"预算执行数": "执行数", "执行数": "执行数", "预算数": "预算", "预算": "预算", "决算数": "决算", "决算": "决算",
          "预算安排": "安排", "安排": "安排"}
_KIND = "|".join(sorted(_KINDS, key=len, reverse=True))
_SAID = regex(rf"((?:19|20)\d\d)年度?(?:当年|全年)?({_KIND})(?:为|是)?({_NUM})(万元|元)")
_DIRECTION = {"增加": 1, "增长": 1, "上升": 1, "减少": -1, "下降": -1, "降低": -1}
_COMPARED = regex(rf"(?:比|较)((?:19|20)\d\d)年度?(?:当年|全年)?({_KIND})(增加|减少|增长|下降|上升|降低)"
                  rf"(?:({_NUM})(万元|元))?[，,]?(?:增加|减少|增长|下降|上升|降低)?(?:({_NUM})%)?")
_UNITS = yuan_factors("元", "万元")
# (“……比2022年预算增加……”, “……，与上年相比增加……” 江苏, “……比上年增加……”)
_OVER = regex(rf"(?<![\d.,])({_NUM})(万元|元)[，,]?(?:(?:比|较)(?:(?:19|20)\d\d年|上年)|与(?:(?:19|20)\d\d年|上年)相比)"
              rf"[^，。；\d]{{0,8}}?(?:增加|增长)({_NUM})(万元|元)")
_LAST_YEAR = regex(rf"(?<![\d.,])({_NUM})(万元|元)[，,]上年[:：为]?({_NUM})(万元|元)[，,]([^。；]*)")
_CHANGE_WORD = regex(r"增加|减少|增长|下降|上升|降低")
_ITEM_NAME = regex(r"[（(](?:\d{2})?项[）)]|”")  # a heading that names a 项 (“…（01项）”, “…（项）”)


@dataclass(frozen=True)
class _Figure:
    text: str
    value: Decimal  # in 元
    half: Decimal  # half the printed last digit, in 元
    printed: Decimal  # as printed, in its own unit

    @property
    def low(self) -> Decimal:
        return self.value - self.half

    @property
    def high(self) -> Decimal:
        return self.value + self.half


def _figure(number: str, unit: str) -> _Figure:
    """A printed amount (“3，518.85” with a wide comma as well) as the interval its last digit rounds."""
    value, decimals = to_decimal(number), decimals_of(number)
    return _Figure(f"{number}{unit}", value * _UNITS[unit], Decimal(5) / Decimal(10) ** (decimals + 1) * _UNITS[unit], value)


def prior_rates(statements: list[Statement], draft: str, year: int | None,
                told: set[tuple[int, str]] | frozenset[tuple[int, str]] = frozenset()) -> list[Finding]:
    """Each sentence's rate (and direction) against the two amounts it states (R-变动率), and its
    year's amount against its item's heading (R-标题与正文)."""
    return findings_of(judged_sentences(statements, draft, year), told)


def consistent_sentences(statements: list[Statement], year: int | None) -> dict[str, tuple[set[Decimal], str]]:
    """The sentences whose rate follows from the amounts they state, with no finding: each with the
    printed values so judged (万元 or % as printed) and what they were judged against."""
    return consistent_of(judged_sentences(statements, "", year))


def findings_of(judged: list[JudgedSentence], told: set[tuple[int, str]] | frozenset[tuple[int, str]]) -> list[Finding]:
    """prior_rates of sentences judged: a heading's finding left out where the figure was ``told``."""
    return [finding for sentence in judged for finding in sentence.findings(told)]


def consistent_of(judged: list[JudgedSentence]) -> dict[str, tuple[set[Decimal], str]]:
    """consistent_sentences of sentences judged."""
    return {sentence.sentence: (sentence.values, sentence.why) for sentence in judged
            if not sentence.findings(frozenset()) and sentence.values}


@dataclass
class JudgedSentence:
    """A sentence's rules judged once, for its findings and for the figures it bears out."""

    sentence: str
    directions: list[Finding]
    values: set[Decimal] = field(default_factory=set)  # the printed figures the sentence's rule judged (none: nothing was)
    why: str = ""
    heading: list[Finding] = field(default_factory=list)  # its amount against its item's heading
    told_as: tuple[int, str] = (0, "")  # (line, comparison): told already as disagreeing, its heading goes untold
    rate: list[Finding] = field(default_factory=list)

    def findings(self, told: set[tuple[int, str]] | frozenset[tuple[int, str]]) -> list[Finding]:
        return self.directions + ([] if self.told_as in told else self.heading) + self.rate


def judged_sentences(statements: list[Statement], draft: str, year: int | None) -> list[JudgedSentence]:
    """Each sentence of ``statements`` judged: its directions, its rate and its amount against its heading."""
    out: list[JudgedSentence] = []
    previous_rate: str | None = None
    for line, sentence, head in _sentences(statements):
        judged = JudgedSentence(sentence, _directions(sentence, draft, line))
        out.append(judged)
        compared = _COMPARED.search(sentence)
        if compared is None:
            continue
        prior, current = _operands(sentence[:compared.start()], compared, year)
        if prior is None or current is None:
            continue
        if head is not None:
            judged.heading, judged.told_as = _against_heading(head, current, draft, line), (line, compared.group())
        judged.rate = _judged(compared, prior, current, head, previous_rate, draft, line)
        previous_rate = compared.group(6)
        judged.values = {prior.printed, current.printed} | ({_number(compared.group(6))} if compared.group(6) else set())
        judged.why = f"与句中的{prior.text}、{current.text}相符" + (f"，{current.text}与条目开头的{head.text}相符" if head else "")
    return out


def _number(text: str) -> Decimal:
    return to_decimal(text)


def _directions(sentence: str, draft: str, line: int) -> list[Finding]:
    """An increase larger than the amount it led to (“0万元，比2022年预算增加1421.25万元”: a prior below
    nothing), and “X万元，上年:Y万元，主要……经费增加” whose X and Y go the other way."""
    out = []
    for match in _OVER.finditer(sentence):
        amount, change = _figure(match.group(1), match.group(2)), _figure(match.group(3), match.group(4))
        if amount.high < change.low:
            out.append(Finding("error", "R-变动率", f"“{match.group()}”：增加额大于本年数，上年数将小于零", draft, line))
    for match in _LAST_YEAR.finditer(sentence):
        current, prior = _figure(match.group(1), match.group(2)), _figure(match.group(3), match.group(4))
        words = {_DIRECTION[w] for w in _CHANGE_WORD.findall(match.group(5))}
        went = 1 if current.low > prior.high else -1 if current.high < prior.low else 0
        if went and words == {-went}:
            said = "增加" if -went > 0 else "减少"
            out.append(Finding("error", "R-变动率", f"“{match.group().rstrip('，,')}”：本年{current.text}比上年{prior.text}"
                               f"{'多' if went > 0 else '少'}，说明却写“{said}”", draft, line))
    return out


def _sentences(statements: list[Statement]) -> list[tuple[int, str, _Figure | None]]:
    """Each sentence once (its first line), with the heading amount of the item it is in: the first
    amount of an item's first sentence (one begun with its number) that names a 项."""
    out: list[tuple[int, str, _Figure | None]] = []
    seen: set[str] = set()
    head: _Figure | None = None
    for st in statements:
        if st.kind == "cell" or st.sentence in seen:
            continue
        seen.add(st.sentence)
        if STARTS_ANEW.match(st.sentence):
            first = st.kind == "amount" and st.unit in _UNITS and _ITEM_NAME.search(st.sentence.split(st.text, 1)[0])
            head = _figure(st.text[:-len(st.unit)], st.unit) if first else None
        out.append((st.line, st.sentence, head))
    return out


def _operands(before: str, compared: re.Match[str], year: int | None) -> tuple[_Figure | None, _Figure | None]:
    """The prior the comparison names (its year and kind) and the amount of the year after it."""
    prior = current = None
    since = int(compared.group(1))
    for said in _SAID.finditer(before):
        kind = _KINDS[said.group(2)]
        if int(said.group(1)) == since and kind == _KINDS[compared.group(2)]:
            prior = _figure(said.group(3), said.group(4))
        elif int(said.group(1)) == since + 1 and kind in ("安排", "预算") and (year is None or year == since + 1):
            current = _figure(said.group(3), said.group(4))
    return prior, current


def _rates(prior: _Figure, current: _Figure) -> tuple[Decimal, Decimal] | None:
    """The lowest and highest rate (%) the two printed amounts allow; None for a prior of nothing."""
    if prior.low <= 0:
        return None
    ends = [(c - p) / p * 100 for p in (prior.low, prior.high) for c in (current.low, current.high)]
    return min(ends), max(ends)


def _judged(compared: re.Match[str], prior: _Figure, current: _Figure, head: _Figure | None,
            previous_rate: str | None, draft: str, line: int) -> list[Finding]:
    sign = _DIRECTION[compared.group(3)]
    bounds = _rates(prior, current)
    if bounds is None:
        return []
    low, high = bounds
    said = compared.group()
    if _went_the_other_way(sign, low, high):
        went = "减少" if sign > 0 else "增加"
        return [Finding("error", "R-变动率", f"“{said}”：句中{prior.text}到{current.text}是{went}，不是"
                        f"{compared.group(3)}", draft, line)]
    if compared.group(6) is None:
        return []
    printed = Decimal(compared.group(6).replace(",", "")) * sign
    places = len(compared.group(6).split(".")[1]) if "." in compared.group(6) else 0
    half = Decimal(5) / Decimal(10) ** (places + 1)
    if printed + half >= low and printed - half <= high:
        return []
    right: Decimal = quantize_half_up((current.value - prior.value) / prior.value * 100, max(places, 2))
    way = "增加" if right > 0 else "减少" if right < 0 else "持平，变动"
    return [Finding("error", "R-变动率", f"“{said}”：按句中的{prior.text}与{current.text}，应为{way} {abs(right)}%"
                    f"{_why(compared, prior, current, head, previous_rate)}", draft, line)]


def _went_the_other_way(sign: int, low: Decimal, high: Decimal) -> bool:
    """Whether every rate the figures allow (``low`` to ``high``) goes against the word's direction (``sign``: 增长 +1,
    减少 −1)."""
    return (sign > 0 and high < 0) or (sign < 0 and low > 0)


def _why(compared: re.Match[str], prior: _Figure, current: _Figure, head: _Figure | None,
         previous_rate: str | None) -> str:
    """What the printed rate does fit, where something does: the heading's amount, the item above's
    rate, or else the prior it implies."""
    rate = Decimal(compared.group(6).replace(",", "")) * _DIRECTION[compared.group(3)]
    if head is not None and head.value != current.value:
        bounds = _rates(prior, head)
        if bounds is not None and bounds[0] - Decimal("0.005") <= rate <= bounds[1] + Decimal("0.005"):
            return f"；写出的变动率与条目开头的{head.text}相符，疑“预算安排”的数字有误"
    if previous_rate is not None and previous_rate == compared.group(6):
        return "；与上一条的变动率相同，疑为照抄"
    implied = quantize_half_up(current.value / (1 + rate / 100) / _UNITS["万元"], 2) if rate > -100 else None
    return f"；若变动率不错，上年数应约为 {implied}万元" if implied is not None else ""


def _against_heading(head: _Figure, current: _Figure, draft: str, line: int) -> list[Finding]:
    if head.low <= current.high and current.low <= head.high:
        return []
    return [Finding("error", "R-标题与正文", f"条目开头写作{head.text}，正文的本年预算安排写作{current.text}："
                    "两个数字不能同时成立", draft, line)]
