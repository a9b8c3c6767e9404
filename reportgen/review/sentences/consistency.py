"""A sentence's own figures against each other, with no source: an amount, its change and its rate
("37.91万元，比2024年预算减少10万元，下降20.87%") cannot all be true unless the rate is the change over
the prior the amount and the change imply. Each printed figure stands for the interval its last
digit rounds (0.01 万元 is ±0.005 万元), so only a rate no rounding can explain is reported."""

from __future__ import annotations

import re
from decimal import Decimal

from reportgen.base.errors import Finding
from reportgen.base.patterns import regex
from reportgen.compute import quantize_half_up, truncated
from reportgen.readers.text.statements import (
    STARTS_ANEW,
    Statement,
    complete_kinds,
    decimals_of,
    opens_with_comparison,
    same_year,
    to_decimal,
    year_before,
)
from reportgen.reading.amounts import yuan_factors
from reportgen.review.glossary import BUDGET_WORD as _BUDGET_WORD
from reportgen.review.glossary import SPENT_BUDGET as _SPENT_BUDGET
from reportgen.review.glossary import normalize

# A printed figure that is the exact one cut, not rounded half up, at its printed digits (95.457% as
# 95.45%): in a published document a 取舍 convention told with both values, never counted as a slip.
CUT_RULE = "R-取舍"
_UNITS = yuan_factors("元", "万元", "亿元")
_NAMED_AGAIN = 2  # characters at least of a name a change says its amount again by (“收入支出总计”)
# and of that name less the words that tell no figure apart (“财政拨款收、支总计各” → 财政拨款收支; not “收支总计” → 收支,
# which after “财政拨款收、支预算” may be all the money's)
_CORE_NAMED_AGAIN = 4


def contradictions(statements: list[Statement], draft: str,
                   told: set[tuple[int, str]] | frozenset[tuple[int, str]] = frozenset(),
                   cut_as_notes: bool = False) -> list[Finding]:
    """Each amount–change–rate triple of one sentence whose rate its amount and change rule out
    (but a rate already told as disagreeing with the source: ``told`` holds (line, text)); a rate that is
    the one they give cut rather than rounded is, with ``cut_as_notes``, a note (CUT_RULE), not a slip."""
    found = []
    for amount, change, rate in _triples(statements) + [t for t in _triples_after(statements) if _named_again(t[0], t[1])]:
        if (rate.line, rate.text) not in told:
            found += _rate_against(amount, change, rate, draft, cut_as_notes)
    return found


def _rate_against(amount: Statement, change: Statement, rate: Statement, draft: str,
                  cut_as_notes: bool) -> list[Finding]:
    """The finding on a rate its amount and change rule out (a change below nothing, or a rate of nothing, where they
    give no rate); a rate they give cut, with ``cut_as_notes``, a note."""
    low, high = _rate_bounds(amount, change)
    if low is None or high is None:
        return _below_nothing(amount, change, draft) or _rate_of_nothing(amount, change, rate, draft)
    if rate.value is None or _fits(rate, -1 if rate.direction == "down" else 1, low, high):
        return []
    finding = _finding(amount, change, rate, low, high, draft)
    if cut_as_notes and _cut_rate(rate, low, high):
        finding = Finding("warning", CUT_RULE, finding.message.replace(
            "：三个数字不能同时成立", "：变动率截尾而非四舍五入（取舍提示，不算问题）"), finding.file, finding.line)
    return [finding]


def _named_again(amount: Statement, change: Statement) -> bool:
    """Whether a change said in the sentence after its amount's names it again as the amount's words end: “上海市普陀区
    财政局2024年度收入支出总计0万元。” / “与2023年度相比，收入支出总计减少56.95万元，下降1.87%。” (财政局 2024 决算) is that
    amount's change, and is judged as one sentence's; so is one whose name is the end of the amount's with the words that
    tell no figure from another left out (_core: “江苏省高级人民法院2018年度财政拨款收、支预算总计33172.15万元。” / “与上年相比，
    财政拨款收、支总计各增加4322.77万元，增长14.98%。”, 江苏高院 2018); a name said otherwise only bears the amount out
    where the figures fit (borne_out). “X预算支出” is X's 支出 (“2018年财政拨款预算支出33172.15万元，……。” / “与上年相比，
    财政拨款支出增加4322.77万元，增长14.98%。”)."""
    if not change.own_label or len(change.label) < _NAMED_AGAIN:
        return False
    core = _core(change.label)
    return _SPENT_BUDGET.sub("支出", amount.label).endswith(_SPENT_BUDGET.sub("支出", change.label)) \
        or len(core) >= _CORE_NAMED_AGAIN and _core(amount.label).endswith(core)


def _and(text: str) -> str:
    """“与” before a change's words, unless they open with it (“与上年相比减少184.96万元”)."""
    return text if text.startswith("与") else f"与{text}"


def _cut_rate(rate: Statement, low: Decimal, high: Decimal) -> bool:
    """Whether the printed rate is some rate between ``low`` and ``high`` (signed, in %) cut at its printed
    digits rather than rounded (2,915.22 on 7,968.14 is 36.586 %, printed “增长36.58%”)."""
    assert rate.value is not None
    least, most = sorted((abs(low), abs(high))) if low * high > 0 else (Decimal(0), max(abs(low), abs(high)))
    step = Decimal(1) / Decimal(10) ** rate.decimals
    return (low < 0) == (rate.direction == "down") and rate.value <= most and rate.value + step > least


def inline_priors(statements: list[Statement], draft: str,
                  told: set[tuple[int, str]] | frozenset[tuple[int, str]] = frozenset()) -> list[Finding]:
    """Each change that states its prior inline (“2026年度收入预算71094.17万元，比2025年年初预算数69043.50万元
    增加2050.67万元”) whose amount, prior and change no rounding makes add up (but one already told: ``told``)."""
    found = []
    for amount, change in zip(statements, statements[1:], strict=False):
        gap = _prior_gap(amount, change) if _with_prior(amount, change) else None
        if gap is None or (change.line, change.text) in told:
            continue
        difference, signed, prior = gap
        if abs(difference - signed) <= _half(amount) + _half(prior) + _half(change):
            continue
        found.append(Finding("error", "R-句内矛盾", f"“{amount.label}”{amount.text}与上年{change.prior}相差"
                             f"{abs(difference) / _UNITS[change.unit]:,.{change.decimals}f}{change.unit}，而写作“{change.text}”："
                             "三个数字不能同时成立", draft, change.line))
    return found


def parts_over_whole(statements: list[Statement], draft: str,
                     told: set[tuple[int, str]] | frozenset[tuple[int, str]] = frozenset()) -> list[Finding]:
    """Each amount its sentence lists as a part of the amount before it (其中, 包括: ``part_of``) that is larger
    than that whole at any rounding of the two — “转移支付资金18,225.94万元，其中：安排基本公共卫生服务方向35,541.8万元”
    (北京市卫生健康委员会 2026: the whole lost its leading 1) — but a whole already told as disagreeing with the
    source (``told``)."""
    found = []
    for part in statements:
        whole = part.part_of
        if part.kind != "amount" or whole is None or whole.kind != "amount" or not _amounts(part, whole) \
                or (whole.line, whole.text) in told:
            continue
        if in_yuan(part) - _half(part) > in_yuan(whole) + _half(whole):
            found.append(Finding("error", "R-分项大于总数", f"“{part.label}”{part.text}列为“{whole.label}”{whole.text}"
                                 "的其中一部分，却大于它：一部分不能大于总数，两个数至少有一个有误", draft, whole.line))
    return found


def kinds_sum(statements: list[Statement], draft: str,
              told: set[tuple[int, str]] | frozenset[tuple[int, str]] = frozenset()) -> list[Finding]:
    """An amount whose parts listed after it (其中, 包括: ``part_of``, ``listed_in``) are, one each, every kind it is
    by definition made of (vocabulary.yaml 分类齐全的合计: 政府采购 of 货物, 工程, 服务), and whose kinds do not add up
    to it at any rounding of their printed digits — but where one of them is already told (``told``)."""
    found, wholes = [], complete_kinds()
    for whole, parts in _listed_parts(statements):
        for word, kinds in wholes.items():
            chosen = _one_of_each_kind(whole, parts, kinds, told) if word in whole.label else None
            if chosen is None:
                continue
            total = sum((in_yuan(part) for part in chosen), Decimal(0))
            if abs(total - in_yuan(whole)) > _half(whole) + sum((_half(part) for part in chosen), Decimal(0)):
                unit = _UNITS[whole.unit]
                decimals = max(part.decimals for part in chosen)
                found.append(Finding("error", "R-分项之和", f"“{whole.label}”{whole.text}，而其中{'、'.join(kinds)}各类 "
                                     f"{'、'.join(part.text for part in chosen)} 合计 {total / unit:,.{decimals}f}{whole.unit}："
                                     "各类之和应是总数，几个数字不能同时成立", draft, whole.line))
    return found


def _listed_parts(statements: list[Statement]) -> list[tuple[Statement, list[Statement]]]:
    """Each amount with the amounts listed after it as its parts (其中, 包括: ``part_of``, ``listed_in``)."""
    groups: dict[int, tuple[Statement, list[Statement]]] = {}
    for st in statements:
        whole = st.listed_in or st.part_of
        if st.kind == "amount" and whole is not None and whole.kind == "amount":
            groups.setdefault(id(whole), (whole, []))[1].append(st)
    return list(groups.values())


def _one_of_each_kind(whole: Statement, parts: list[Statement], kinds: tuple[str, ...],
                      told: set[tuple[int, str]] | frozenset[tuple[int, str]]) -> list[Statement] | None:
    """The parts of a whole, one of each kind it is made of (each kind's name in one part's label only, a part for each
    kind), all amounts to compare and none told; None where the parts are not so."""
    chosen = _each_kind_once(parts, kinds)
    if chosen is None or not _amounts(whole, *chosen) or any((st.line, st.text) in told for st in (whole, *chosen)):
        return None
    return chosen


def _each_kind_once(parts: list[Statement], kinds: tuple[str, ...]) -> list[Statement] | None:
    """The part of each kind, where each kind's name is in one part's label only and no part is of two kinds."""
    each = [[part for part in parts if kind in part.label] for kind in kinds]
    if any(len(of_kind) != 1 for of_kind in each):
        return None
    chosen = [of_kind[0] for of_kind in each]
    return chosen if len({id(part) for part in chosen}) == len(kinds) else None


_PRINTED = regex(r"(?<![\d,，])(\d[\d,，]*+(?:[.．]\d++)?+)(亿元|万元|元)")


def inline_amount(text: str) -> Statement | None:
    """An amount printed inside another figure's words (a change's inline prior), as a statement."""
    found = _PRINTED.fullmatch(text)
    if found is None:
        return None
    return Statement(0, "amount", text, to_decimal(found.group(1)), decimals_of(found.group(1)), found.group(2))


def _triples(statements: list[Statement]) -> list[tuple[Statement, Statement, Statement]]:
    """(amount, change, rate) said one after another of one label in one sentence (a share of the amount may stand
    between it and its change: “……支出预算10,070.48万元，占本年支出合计的99.21%。与上年相比，增加1,003.69万元，增长11.07%。”)."""
    out = []
    for i in range(len(statements) - 2):
        shared = statements[i + 1].kind == "share" and statements[i + 1].sentence is statements[i].sentence
        if shared and i + 3 >= len(statements):
            continue
        amount, change, rate = statements[i], *statements[i + 1 + shared:i + 3 + shared]
        if (amount.kind, change.kind, rate.kind) != ("amount", "change", "rate"):
            continue
        # one sentence, however a PDF wraps it over lines (烟台 “……“三公”经费预算共19.45万” / “元，比上年减少1万元，下降4.89％”)
        same = amount.sentence is change.sentence is rate.sentence and amount.label == change.label == rate.label
        if same and _change_and_its_rate(change, rate) and _comparable(amount):
            out.append((amount, change, rate))
    return out + _bracketed_triples(statements)


_BRACKET_AFTER = ("（", "(")


def _bracketed_triples(statements: list[Statement]) -> list[tuple[Statement, Statement, Statement]]:
    """(amount, change, rate) of one label in one sentence with a bracket after the amount listing its parts, each
    with figures of its own, the change and the rate after the bracket (广州 “公务用车购置及运行维护费34.29万元（公务用车
    购置费0万元，比上年增加0万元；公务用车运行维护费34.29万元，比上年增加24.29万元。）比上年增加24.29万元，增长242.9%”)."""
    out = []
    for at in range(2, len(statements) - 1):
        change, rate = statements[at], statements[at + 1]
        if not _change_and_its_rate(change, rate) or rate.label != change.label:
            continue
        amount = _amount_before_bracket(statements, at)
        if amount is None:
            continue
        opened = change.sentence.find(amount.text)
        if opened >= 0 and change.sentence[opened + len(amount.text):].startswith(_BRACKET_AFTER):
            out.append((amount, change, rate))
    return out


def _change_and_its_rate(change: Statement, rate: Statement) -> bool:
    """Whether two statements are a change and its rate, one after the other in one sentence, of one direction (the
    rate not after a 持平), the change an amount to compare."""
    return (change.kind, rate.kind) == ("change", "rate") and rate.sentence is change.sentence \
        and change.direction == rate.direction and not rate.after_flat and change.unit in _UNITS \
        and change.value is not None


def _amount_before_bracket(statements: list[Statement], at: int) -> Statement | None:
    """The amount of the change at ``at``'s label before it in its sentence, with other figures (a bracket's) between
    the two; None where there is none or nothing stands between."""
    change, between = statements[at], 0
    for st in reversed(statements[:at]):
        if st.sentence is not change.sentence or st.label == change.label:
            amount = st if st.sentence is change.sentence and st.label == change.label else None
            break
        between += 1
    else:
        return None
    return amount if amount is not None and between and _comparable(amount) else None


def _comparable(amount: Statement) -> bool:
    """Whether a statement is an amount with a value in a unit of yuan."""
    return amount.kind == "amount" and amount.unit in _UNITS and amount.value is not None


def _triples_after(statements: list[Statement]) -> list[tuple[Statement, Statement, Statement]]:
    """(amount, change, rate) where a sentence opens with a comparison and says a change and its rate alone, right
    after a sentence (ended by its full stop, on the line before or the same) that states one amount, a share of it
    aside: “省检察院2018年度财政拨款收、支总预算21,940.96万元。” / “与上年相比，财政拨款收、支总计各增加3,958.98万元，
    增长22 %。” (江苏). Its words may name the amount again otherwise than the sentence before did: the figures
    decide — only a rate that fits the amount and the change bears them out (borne_out)."""
    out = []
    of_sentence = _places_by_sentence(statements)
    for index, (change, rate) in enumerate(zip(statements, statements[1:], strict=False)):
        if not index or not _change_and_its_rate(change, rate) or of_sentence[id(change.sentence)] != [index, index + 1] \
                or not opens_with_comparison(change.sentence):
            continue
        before = [statements[at] for at in of_sentence[id(statements[index - 1].sentence)] if at < index]
        amount = _sentence_of_one_amount(before)
        if amount is not None and change.line - before[-1].line <= 1:
            out.append((amount, change, rate))
    return out


def _places_by_sentence(statements: list[Statement]) -> dict[int, list[int]]:
    """Each sentence's statements (by the sentence's id), by place (found once: a text of 20,000)."""
    of_sentence: dict[int, list[int]] = {}
    for at, st in enumerate(statements):
        of_sentence.setdefault(id(st.sentence), []).append(at)
    return of_sentence


def _sentence_of_one_amount(said: list[Statement]) -> Statement | None:
    """The one amount of a sentence ended by its full stop that states it and shares only; None otherwise."""
    amounts = [st for st in said if st.kind == "amount"]
    if len(amounts) != 1 or any(st.kind not in ("amount", "share") for st in said) \
            or not amounts[0].sentence.rstrip().endswith("。") or not _comparable(amounts[0]):
        return None
    return amounts[0]


def shares(statements: list[Statement], draft: str,
           told: set[tuple[int, str]] | frozenset[tuple[int, str]] = frozenset(),
           cut_as_notes: bool = False) -> list[Finding]:
    """Each share a sentence gives of a part it states, of the whole it states first (“2026年收入预算
    174,177.85万元，其中：一般公共预算拨款收入X万元，占Y%”): the share its two amounts rule out, at their
    printed precision (but one already told as disagreeing with the source: ``told``); a share they give cut
    rather than rounded is, with ``cut_as_notes``, a note (CUT_RULE)."""
    found = []
    whole_runs = made_whole(statements)
    triples = _shares(statements)
    of_another = _of_another_whole(triples)
    for whole, part, share in triples:
        if (share.line, share.text) in told or share.value is None or id(whole) in of_another:
            continue
        low, high = _share_bounds(whole, part)
        half = Decimal(5) / Decimal(10) ** (share.decimals + 1)
        if _share_within(share.value, half, low, high):
            continue
        if id(share) in whole_runs and _share_within(share.value, 3 * half, low, high):
            continue  # one step off, among shares made to add up to 100% (judge.ADJUSTED): the 尾数 moved, no slip
        message = f"“{part.label}”{part.text}占“{whole.label}”{whole.text}约为 {(low + high) / 2:.2f}%，而写作“{share.text}”"
        if cut_as_notes and _cut(share.value, share.decimals, low, high):
            found.append(Finding("warning", CUT_RULE, f"{message}：截尾而非四舍五入（取舍提示，不算问题）", draft, share.line))
        else:
            found.append(Finding("error", "R-句内占比", f"{message}：按句中的两个金额不能成立", draft, share.line))
    return found


def _share_within(value: Decimal, half: Decimal, low: Decimal, high: Decimal) -> bool:
    """Whether a share printed as ``value`` (± ``half``) may be a rate from ``low`` to ``high``."""
    return value + half >= low and value - half <= high


def _cut(value: Decimal, decimals: int, low: Decimal, high: Decimal) -> bool:
    """Whether a share printed as ``value`` to ``decimals`` places is a rate from ``low`` to ``high`` cut there rather
    than rounded."""
    return value <= high and value + Decimal(1) / Decimal(10) ** decimals > low


def _of_another_whole(triples: list[tuple[Statement, Statement, Statement]]) -> set[int]:
    """The wholes (by id) whose shares, two or more, all fit one other whole and not it: the shares prove their own
    base, the sentence's whole was not theirs (国家信访局 2026 “……上年结转2,254.12万元；支出包括：一般公共服务支出
    15,291.3万元，占81.65%；教育支出118.01万元，占0.63%；社会保障和就业支出2,208.19万元，占11.79%”: each of 支出总计
    18,728.91, none of the 一般公共预算当年拨款收入 16,474.82 the sentence named first)."""
    by_whole: dict[int, list[tuple[Statement, Statement, Statement]]] = {}
    for triple in triples:
        if triple[2].value:
            by_whole.setdefault(id(triple[0]), []).append(triple)
    other = set()
    for key, group in by_whole.items():
        low, high = _base_bounds(group)
        whole = group[0][0]
        assert whole.value is not None
        w = whole.value * _UNITS[whole.unit]
        if len(group) >= 2 and low <= high and not (low <= w + _half(whole) and w - _half(whole) <= high):
            other.add(key)
    return other


def _base_bounds(group: list[tuple[Statement, Statement, Statement]]) -> tuple[Decimal, Decimal]:
    """The bounds (in 元) of the base every share of ``group`` (whole, part, share) fits, by its part's amount."""
    low, high = Decimal(0), Decimal("Infinity")
    for _whole, part, share in group:
        assert part.value is not None and share.value is not None
        half = Decimal(5) / Decimal(10) ** (share.decimals + 1)
        p = part.value * _UNITS[part.unit]
        low = max(low, (p - _half(part)) * 100 / (share.value + half))
        high = min(high, (p + _half(part)) * 100 / (share.value - half)) if share.value > half else high
    return low, high


_RUN_GAP = 3  # lines from one share of a run to the next at most


def made_whole(statements: list[Statement]) -> set[int]:
    """The shares (by id) printed on lines one after another (or up to three apart: a share wrapped over lines, a
    page's number and the next page's first line between) that add up to 100% exactly (江苏省人民检察院 2018:
    “占63.75%”, “占25.38 %”, “占10.87 %”; its 2019 list runs over a page: “占65.56%；” “占17.94%；” on p. 26,
    “占16.5%” on p. 27): the document may have moved one's 尾数 to make the whole."""
    whole: set[int] = set()
    for run in _shares_in_runs(statements):  # within a run, each stretch from its start making 100% exactly (several lists, one after another)
        start, total = 0, Decimal(0)
        for end, st in enumerate(run):
            total += st.value or Decimal(0)
            if total == 100 and end > start:
                whole |= {id(s) for s in run[start:end + 1]}
            if total >= 100:
                start, total = end + 1, Decimal(0)
    return whole


def _shares_in_runs(statements: list[Statement]) -> list[list[Statement]]:
    """The shares stated, in runs of shares printed on lines one after another (or up to _RUN_GAP apart)."""
    runs: list[list[Statement]] = []
    for st in statements:
        if st.kind != "share" or st.value is None:
            continue
        if runs and 0 <= st.line - runs[-1][-1].line <= _RUN_GAP:  # a share wrapped over lines (“占” / “99.94 %；”)
            runs[-1].append(st)
        else:
            runs.append([st])
    return runs


def _shares(statements: list[Statement]) -> list[tuple[Statement, Statement, Statement]]:
    """(whole, part, share): a share said right after a part's amount, in a sentence whose first amount
    is another and larger one, itself given no share, the share does not name otherwise (“占本年支出预算66.33%” names its base:
    the tables judge it)."""
    out = []
    first: Statement | None = None
    of_parts = _followed_by_shares(statements)
    sentence: str | None = None
    for before, share in zip(statements, statements[1:], strict=False):
        if before.sentence is not sentence:  # the sentence's first figure: its whole, if an amount given no share
            sentence = before.sentence
            first = before if before.kind == "amount" and id(before) not in of_parts else None
        if not _share_of_its_part(before, share):
            continue
        whole = first if first is not None and first is not before else _clause_whole(before)
        if whole is not None and _larger(whole, before):
            out.append((whole, before, share))
    return out


def _followed_by_shares(statements: list[Statement]) -> set[int]:
    """The statements (by id) a share follows: parts, never a whole (“一般公共服务支出264.87万元，占86%”)."""
    return {id(before) for before, share in zip(statements, statements[1:], strict=False) if share.kind == "share"}


def _share_of_its_part(part: Statement, share: Statement) -> bool:
    """Whether a share follows the amount it is of in its sentence, of its label, and names no base of its own."""
    return share.kind == "share" and part.kind == "amount" and not share.named_whole \
        and part.sentence is share.sentence and share.label == part.label


def _larger(whole: Statement, part: Statement) -> bool:
    """Whether a whole (not 0) is larger than a part, both amounts in yuan."""
    return bool(whole.unit in _UNITS and part.unit in _UNITS and whole.value and part.value is not None
                and whole.value * _UNITS[whole.unit] > part.value * _UNITS[part.unit])


def _clause_whole(part: Statement) -> Statement | None:
    """The amount whose parts a clause lists after “其中：” in a sentence of its own (“本年收入预算合计10,150.48万元，其中：”
    / “一般公共预算收入10,070.48万元，占99.21%；”, 江苏): the whole the clause's share is of; None for a numbered item."""
    whole = part.listed_in
    if whole is None or whole.kind != "amount" or STARTS_ANEW.match(part.sentence.lstrip()):
        return None
    return whole


def _share_bounds(whole: Statement, part: Statement) -> tuple[Decimal, Decimal]:
    """The lowest and highest share (in %) of the part in the whole, at their printed precision."""
    assert whole.value is not None and part.value is not None
    w, p = whole.value * _UNITS[whole.unit], part.value * _UNITS[part.unit]
    low = max(p - _half(part), Decimal(0)) / (w + _half(whole)) * 100
    high = (p + _half(part)) / (w - _half(whole)) * 100
    return low, high


def in_yuan(st: Statement) -> Decimal:
    """An amount (or a change, unsigned) in 元."""
    assert st.value is not None
    return st.value * _UNITS[st.unit]


def half_in_yuan(st: Statement) -> Decimal:
    """How far from its printed value an amount may be (half its last printed digit), in 元."""
    return _half(st)


def _half(st: Statement) -> Decimal:
    return Decimal(5) / Decimal(10) ** (st.decimals + 1) * _UNITS[st.unit]


def _rate_bounds(amount: Statement, change: Statement) -> tuple[Decimal | None, Decimal | None]:
    """The lowest and highest rate (in %) the amount and the change allow, at their printed precision."""
    assert amount.value is not None and change.value is not None
    a, c = amount.value * _UNITS[amount.unit], change.value * _UNITS[change.unit]
    c = -c if change.direction == "down" else c
    rates = []
    for da in (-_half(amount), _half(amount)):
        for dc in (-_half(change), _half(change)):
            prior = (a + da) - (c + dc)
            if prior <= 0:
                return None, None  # a prior of nothing or less: no rate to speak of
            rates.append((c + dc) / prior * 100)
    return min(rates), max(rates)


def _below_nothing(amount: Statement, change: Statement, draft: str) -> list[Finding]:
    """An increase larger than the whole amount at any rounding of the two (佛山 2019 决算 “机关运行经费支出97.19万元，比预算数
    增加97.19万元” printed with 97.16): what it is compared with would be less than nothing — no budget nor last year's
    figure of a sum spent or received is."""
    assert amount.value is not None and change.value is not None
    if change.direction == "down" or in_yuan(amount) + _half(amount) >= in_yuan(change) - _half(change):
        return []
    below = (in_yuan(amount) - in_yuan(change)) / _UNITS[amount.unit]
    return [Finding("error", "R-句内矛盾", f"“{amount.label}”{amount.text}{_and(change.text)}意味着"
                    f"{'预算' if same_year(change.base) else '上年'}为 {below:,.{amount.decimals}f}{amount.unit}（负数）："
                    "增加的不能多于全数，两个数字不能同时成立", draft, change.line)]


def _rate_of_nothing(amount: Statement, change: Statement, rate: Statement, draft: str) -> list[Finding]:
    """A rate printed of a change that is the whole amount (“因公出国（境）费5万元，比上年增加5万元，增长100％”,
    烟台市人社局 2026; 佛山 2019 决算 “增加1668.14万元，增长0%”): last year's figure was nothing, and a rate from
    a zero base is no rate (DOMAIN: 上年无该项预算，增长率无可比性)."""
    assert amount.value is not None and change.value is not None
    if same_year(change.base):  # a 决算 over a budget of nothing: R-零基增长率 tells it, once for the document
        return []
    if change.direction == "down" or amount.value * _UNITS[amount.unit] != change.value * _UNITS[change.unit] \
            or not amount.value or rate.value is None:
        return []
    return [Finding("error", "R-句内矛盾", f"“{amount.label}”{amount.text}{_and(change.text)}意味着上年为 0："
                    f"从零起算没有增长率（应写“上年无该项预算”或“为新增项目”），而写作“{rate.text}”", draft, rate.line)]


def _finding(amount: Statement, change: Statement, rate: Statement, low: Decimal, high: Decimal,
             draft: str) -> Finding:
    assert amount.value is not None and change.value is not None
    signed = change.value * _UNITS[change.unit] / _UNITS[amount.unit] * (-1 if change.direction == "down" else 1)
    prior = (amount.value - signed).quantize(Decimal(1) / Decimal(10) ** amount.decimals)
    return Finding("error", "R-句内矛盾",
                   f"“{amount.label}”{amount.text}{_and(change.text)}意味着"
                   f"{'预算' if same_year(change.base) else '上年'}为{prior:,}{amount.unit}、"
                   f"变动率约为 {(low + high) / 2:.2f}%，而写作“{rate.text}”：三个数字不能同时成立", draft, rate.line)


def heading_and_body(statements: list[Statement], draft: str, year: int,
                     told: set[tuple[int, str]] | frozenset[tuple[int, str]] = frozenset()) -> list[Finding]:
    """An item's amount in its heading against the same item's amount in its body: an item (a
    paragraph begun with its number, “（二）公务接待费3万元。……公务接待费预算2万元”) that states one
    name's amount twice, for this year, at amounts no rounding makes equal."""
    found = []
    for head, body in _items(statements, year):
        if (body.line, body.text) in told or (head.line, head.text) in told:
            continue
        if not _may_equal(head, body):
            found.append(Finding("error", "R-标题与正文", f"“{head.label}”在条目开头写作{head.text}（第 {head.line} 行），"
                                 f"正文又写作{body.text}：两个数字不能同时成立", draft, body.line))
    return found


def _items(statements: list[Statement], year: int) -> list[tuple[Statement, Statement]]:
    """(the amount an item's first sentence states, a later amount of the same name in the item),
    of this year's figures: an item runs from a line begun with a number to the next such line."""
    pairs = []
    head: Statement | None = None
    first_sentence = ""
    for st in statements:
        if st.kind == "cell":
            head = None
            continue
        if st.sentence is not first_sentence and STARTS_ANEW.match(st.sentence):
            head, first_sentence = None, st.sentence
        if not _this_years_amount(st, year):
            continue
        if head is None and st.sentence is first_sentence:
            head = st
        elif head is not None and _said_again(head, st, first_sentence):
            pairs.append((head, st))
    return pairs


def _this_years_amount(st: Statement, year: int) -> bool:
    """Whether a statement is an amount read whole (its unit and value), of this year."""
    return st.kind == "amount" and bool(st.unit) and st.value is not None and year_before(st, year) is None


def _said_again(head: Statement, st: Statement, first_sentence: str) -> bool:
    """Whether an amount of an item after its first sentence names the figure that sentence stated, under it."""
    return st.sentence is not first_sentence and _same_name(head, st) and _under_head(head, st)


def _under_head(head: Statement, st: Statement) -> bool:
    """Whether ``st``'s sentence is read under the heading ``head``'s is, with the head's sentence among those since
    it: a heading line of its own between them (“（二）社会保障和就业支出（类）行政事业单位离退休（款）”, 江苏省政协
    2017, after item 5 of （一）) begins another item, though the sentence under it begins with no number."""
    return "".join(head.sentence.split()) in "".join(st.context.split())


def _same_name(a: Statement, b: Statement) -> bool:
    """Whether two labels name one thing (“公务接待费” and “公务接待费预算”)."""
    name = _BUDGET_WORD.sub("", normalize(a.label))
    return bool(name) and name == _BUDGET_WORD.sub("", normalize(b.label))


def _may_equal(a: Statement, b: Statement) -> bool:
    """Whether one exact amount prints as both (each rounds to within half its last digit)."""
    assert a.value is not None and b.value is not None
    low = max(a.value * _UNITS[a.unit] - _half(a), b.value * _UNITS[b.unit] - _half(b))
    high = min(a.value * _UNITS[a.unit] + _half(a), b.value * _UNITS[b.unit] + _half(b))
    return low <= high


# “年初预算为0万元，全年预算为321.02万元，支出决算为307.82万元，完成年初预算的95.89%”: the budgets and the
# spending a sentence states, and the rate of completion it gives of one of them.
_BUDGET_SAID = regex(r"(年初预算|全年预算|调整预算)(?:数)?(?:为|是)?(\d[\d,]*+(?:\.\d++)?+)(万元|元)")
_FINAL_SAID = regex(r"决算(?:数)?(?:为|是)(\d[\d,]*+(?:\.\d++)?+)(万元|元)")
# a plain 预算 (“支出年初预算为22.00万元，支出决算为8.77万元，完成预算的39.86%”, 上海市嘉定区司法局 2017 决算) is the one
# budget the sentence states
_DONE_SAID = regex(r"完成(年初预算|全年预算|调整预算|预算)(?:数)?的(\d++(?:\.\d++)?+)%")
# “支出决算为0.16万元，完成预算0万元的0%”（佛山 2019 决算）: the budget said inside the rate, the spending before it
_DONE_INLINE = regex(r"完成(年初预算|全年预算|调整预算|预算)(?:数)?(\d[\d,]*+(?:\.\d++)?+)(万元|元)的(\d++(?:\.\d++)?+)%")


def completion_rates(statements: list[Statement], draft: str, cut_as_note: bool = False) -> list[Finding]:
    """Each “完成…预算的P%” whose sentence states that budget and the spending: P must be the spending
    over that budget (at the printed precision, allowing for the rounding of both amounts); a budget of
    0 has no rate. Where P is the spending over another budget the sentence states, that is said. A P
    that is the rate cut rather than rounded is, with ``cut_as_note``, a note (CUT_RULE), not a slip."""
    found = [_completion(sentence, line, draft, cut_as_note) for line, sentence in _sentences(statements)]
    inline = [f for line, sentence in _sentences(statements) for f in _inline_completions(sentence, line, draft)]
    return [finding for finding in found if finding is not None] + inline


def _inline_completions(sentence: str, line: int, draft: str) -> list[Finding]:
    """Each “完成预算B万元的P%” of a sentence, the budget B said in it: P against the spending the sentence states
    last before it (“……支出决算为S万元，完成预算B万元的P%”); a budget of 0 has no rate. The same words twice in
    a sentence are told once."""
    out: list[Finding] = []
    for done in _DONE_INLINE.finditer(sentence):
        finals = list(_FINAL_SAID.finditer(sentence, 0, done.start()))
        if not finals:
            continue
        spent, printed = _yuan(finals[-1].group(1), finals[-1].group(2)), Decimal(done.group(4))
        base = _yuan(done.group(2), done.group(3))
        if base != 0 and _rate_fits(spent, base, printed):
            continue
        decimals = -int(printed.as_tuple().exponent)
        right = quantize_half_up(spent / base * 100, decimals) if base else None
        cut = base != 0 and truncated(spent / base * 100, decimals) == printed
        said = sentence[finals[-1].start():done.end()]
        finding = _completion_finding(said, done.group(1), base, (None, right, cut), draft, line)
        if all(f.message != finding.message for f in out):
            out.append(finding)
    return out


def _completion(sentence: str, line: int, draft: str, cut_as_note: bool) -> Finding | None:
    """The finding on a sentence's “完成…预算的P%”; None where it states no such rate with that
    budget and the spending, or the rate is right."""
    said = _completion_said(sentence)
    if said is None:
        return None
    done, kind, spent, budgets = said
    printed, base = Decimal(done.group(2)), budgets[kind]
    if base != 0 and _rate_fits(spent, base, printed):
        return None
    other = _of_other_budget(budgets, kind, spent, printed)
    decimals = -int(printed.as_tuple().exponent)
    right = quantize_half_up(spent / base * 100, decimals) if base else None
    cut = base != 0 and truncated(spent / base * 100, decimals) == printed
    finding = _completion_finding(done.group(), kind, base, (other, right, cut), draft, line)
    return _as_cut_note(finding) if cut and not other and cut_as_note else finding


def _completion_said(sentence: str) -> tuple[re.Match[str], str, Decimal, dict[str, Decimal]] | None:
    """What a sentence says of a completion: its “完成…预算的P%”, the budget it names (a plain 预算: the sentence's one
    budget), the spending (决算) and each budget it states, in 元; None where it states no such rate with that budget
    and the spending."""
    done = _DONE_SAID.search(sentence)
    final = _FINAL_SAID.search(sentence)
    budgets = {m.group(1): _yuan(m.group(2), m.group(3)) for m in _BUDGET_SAID.finditer(sentence)}
    kind = done.group(1) if done is not None else ""
    kind = next(iter(budgets)) if kind == "预算" and len(budgets) == 1 else kind
    if done is None or final is None or kind not in budgets:
        return None
    return done, kind, _yuan(final.group(1), final.group(2)), budgets


# the labels (statements.py: the words since the figure before) of a 决算's outturn and of a budget: “支出决算为”, “年初预算为”
_OUTTURN_LABEL = regex(r"决算(?:数)?(?:为|是)?$")
_BUDGET_LABEL = regex(r"(年初预算|全年预算|调整预算|预算)(?:数)?(?:为|是)?$")
_DONE_OF = regex(r"完成(年初预算|全年预算|调整预算|预算)")


def completions_borne_out(statements: list[Statement]) -> dict[int, str]:
    """The completion rates (statements of kind done: “完成年初预算的95.45%”) that the one budget and outturn their sentence
    states bear out, with those two (“年初预算为452.40万元，支出决算为446.11万元，完成年初预算的98.61%”, 上海普陀 决算): the
    sentence's only rate, the outturn the amount right before it, the budget the one it names (a plain 预算: the
    sentence's one budget) — as completion_rates reads such a sentence. A rate they do not give bears nothing out
    (completion_rates tells it)."""
    out: dict[int, str] = {}
    for index, done in enumerate(statements):
        spent = _outturn_of(statements, index)
        base = _budget_of(statements, done, spent) if spent is not None else None
        if spent is not None and base is not None and _completion_fits(base, spent, done):
            _mark(out, (base, spent, done), f"与句中的{base.text}、{spent.text}相符")
    return out


def _outturn_of(statements: list[Statement], index: int) -> Statement | None:
    """The outturn a completion rate (the statement at ``index``) is of: the amount right before it in its sentence,
    labelled 决算, where the rate is the sentence's only one; None otherwise."""
    done = statements[index]
    if done.kind != "done" or not index:
        return None
    rates = [st for st in statements if st.sentence is done.sentence and st.kind == "done"]
    spent = statements[index - 1]
    if rates != [done] or spent.sentence is not done.sentence or spent.kind != "amount":
        return None
    return spent if _OUTTURN_LABEL.search(spent.label) else None


def _budget_of(statements: list[Statement], done: Statement, spent: Statement) -> Statement | None:
    """The budget a completion rate is of: the one amount before the outturn labelled as the rate names it (“完成年初
    预算”), or for a plain “完成预算” the sentence's one budget; None where there is no such one."""
    budgets = _budgets_before(statements, spent)
    which = _DONE_OF.match(done.text)
    if which is None:
        return None
    named = [st for st, kind in budgets if kind == which.group(1)]
    if len(named) == 1:
        return named[0]
    return budgets[0][0] if len(budgets) == 1 and which.group(1) == "预算" else None


def _budgets_before(statements: list[Statement], spent: Statement) -> list[tuple[Statement, str]]:
    """The amounts of an outturn's sentence before it labelled as a budget, each with its budget's word (年初预算 …)."""
    said = [st for st in statements if st.sentence is spent.sentence]
    return [(st, found.group(1)) for st in said[:said.index(spent)]
            if st.kind == "amount" and (found := _BUDGET_LABEL.search(st.label)) is not None]


def _completion_fits(base: Statement, spent: Statement, done: Statement) -> bool:
    """Whether the printed completion rate is the outturn over the budget, within their rounding."""
    if done.value is None or base.value is None or spent.value is None or base.unit not in _UNITS \
            or spent.unit not in _UNITS:
        return False
    return _rate_fits(spent.value * _UNITS[spent.unit], base.value * _UNITS[base.unit], done.value)


def _of_other_budget(budgets: dict[str, Decimal], kind: str, spent: Decimal, printed: Decimal) -> str | None:
    """The other budget of the sentence (not ``kind``, not 0) the printed rate is the spending over, if any."""
    return next((other for other, amount in budgets.items() if other != kind and amount != 0
                 and _rate_fits(spent, amount, printed)), None)


def _as_cut_note(finding: Finding) -> Finding:
    return Finding("warning", CUT_RULE, finding.message, finding.file, finding.line)


def _sentences(statements: list[Statement]) -> list[tuple[int, str]]:
    seen: dict[str, int] = {}
    for st in statements:
        seen.setdefault(st.sentence, st.line)
    return [(line, sentence) for sentence, line in seen.items()]


def _yuan(number: str, unit: str) -> Decimal:
    return Decimal(number.replace(",", "")) * _UNITS[unit]


def _rate_fits(spent: Decimal, base: Decimal, printed: Decimal) -> bool:
    """Whether some exact spending and budget that print as these give a rate that prints as ``printed``
    (each amount printed to 0.01 万元 is within 50 元 of the exact one)."""
    half_amount = Decimal(50)
    exponent = printed.as_tuple().exponent
    half_rate = Decimal(5) / Decimal(10) ** ((-exponent if isinstance(exponent, int) else 0) + 1)
    if base - half_amount <= 0:
        return False
    low = max(spent - half_amount, Decimal(0)) / (base + half_amount) * 100
    high = (spent + half_amount) / (base - half_amount) * 100
    return printed + half_rate >= low and printed - half_rate <= high


def _completion_finding(said: str, kind: str, base: Decimal, why_not: tuple[str | None, Decimal | None, bool],
                        draft: str, line: int) -> Finding:
    other, right, cut = why_not
    why = f"{kind}为 0，没有完成率可言" if base == 0 else f"按句中的{kind}与决算数应为 {right}%"
    cause = (f"；它是决算数占{other}的比例，疑把{other}写成了{kind}" if other
             else "（截尾而非四舍五入）" if cut else "")
    return Finding("error", "R-完成率", f"“{said}”：{why}{cause}", draft, line)


# Borne out: the figures a document's own other figures confirm, where no table can (or its tables were
# not read). Each relation is the inverse of a rule above: what that rule would not report, it bears out.
_TOTAL_WORDS = regex(r"(?:总额|总计|合计|总)$")
_THIS_YEAR = regex(r"^(?:本年度|本年|当年|全年)")
_PARTS_SAID = regex(r"包括|其中|分别为|具体为")


def borne_out(statements: list[Statement]) -> dict[int, str]:
    """The statements (by id) whose value the sentence's other figures — or the whole a share names, stated
    before — bear out, with what bears each out: an amount, its change and its rate that fit; an amount, the
    prior its change states inline and the change; a share of the part and the whole; an amount and its parts
    (“预算28,283.46万元，包括……”) that add up to it. A relation that does not hold bears nothing out (and is
    no finding here: the rules above tell what must be told)."""
    out: dict[int, str] = {}
    for amount, change, rate in _triples(statements):
        if _rate_borne_out(amount, change, rate):
            _mark(out, (amount, change, rate), f"与句中的{amount.text}、{change.text}、{rate.text}相符")
    for amount, change, rate in _triples_after(statements):
        if _rate_borne_out(amount, change, rate):
            _mark(out, (change, rate), f"与前句的{amount.text}、句中的{change.text}、{rate.text}相符")
    for amount, change in zip(statements, statements[1:], strict=False):
        if _inline_prior_fits(amount, change):
            _mark(out, (amount, change), f"与句中的{amount.text}、上年{change.prior}相符")
    for whole, part, share in _shares(statements):
        if _fits(share, 1, *_share_bounds(whole, part)):
            _mark(out, (whole, part, share), f"与句中的{whole.text}、{part.text}相符")
    _mark_wholes(out, statements)
    return out


def _mark_wholes(out: dict[int, str], statements: list[Statement]) -> None:
    """``borne_out``'s wholes and their parts: an amount and the parts of its sentence, or the numbered items under it,
    that add up to it; a share of a whole stated before; shares of one whole and their amounts."""
    for whole, parts in _sums(statements):
        _mark(out, (whole, *parts), f"{whole.text}与句中其各部分之和相符")
    for whole, part, share in _named_wholes(statements):
        _mark(out, (part, share), f"与{part.text}、前文的{whole.text}相符")
    for whole, parts in _item_sums(statements):
        _mark(out, (whole, *parts), f"{whole.text}与其下各条之和相符")
    for run in _shared_wholes(statements):
        _mark(out, tuple(st for pair in run for st in pair), "各部分所占比例与它们的金额相符")


def _rate_borne_out(amount: Statement, change: Statement, rate: Statement) -> bool:
    """Whether the rate is the change's of the amount, within the figures' rounding (its sign the rate's direction)."""
    low, high = _rate_bounds(amount, change)
    return low is not None and high is not None and _fits(rate, -1 if rate.direction == "down" else 1, low, high)


_PARENT_ITEM = regex(r"(?<!\s)\s*+[（(][一二三四五六七八九十]++[）)]")
_CHILD_ITEM = regex(r"(?<!\s)\s*+(\d{1,2})[.．、](?!\d)")  # (its number)
_HEADING = regex(r"(?<![\s一二三四五六七八九十])\s*+(?:[一二三四五六七八九十]++、|第[一二三四五六七八九十]++部分)")


def _item_sums(statements: list[Statement]) -> list[tuple[Statement, list[Statement]]]:
    """(an item's amount, the amounts of the numbered items under it that add up to it): “（一）本年财政拨款收入
    67005.95万元” and “1.一般公共预算拨款收入66197.67万元。”“2.政府性基金预算拨款收入808.28万元。”“3.……0万元。”
    (北京) — each the first figure of its sentence, the parent's sentence begun with its （一）, each child's with
    its number, two children or more."""
    return [(parent, children) for parent, children, _ in _item_groups(statements) if _items_add_up(parent, children)]


def item_sums(statements: list[Statement], draft: str,
              told: set[tuple[int, str]] | frozenset[tuple[int, str]] = frozenset()) -> list[Finding]:
    """An item's amount and the numbered items under it that are all of them — numbered one after another, the next
    sentence with a figure opening the next item of the parent's level (（二）) or a heading (二、) — that do not add up
    to it at any rounding of their printed digits (“（二）本年其他资金收入880.69万元”, “4.财政专户管理资金收入330.00万元。”
    … “9.其他收入49.69万元。”, 北京市商务局 2026); none where one of them is already told (``told``)."""
    found = []
    for parent, children, closed in _item_groups(statements):
        if not closed or _items_add_up(parent, children) or any((st.line, st.text) in told for st in (parent, *children)):
            continue
        total = sum((_signed(st) for st in children), Decimal(0)) / _UNITS[parent.unit]
        decimals = max(st.decimals for st in children)
        found.append(Finding("error", "R-分项之和", f"“{parent.label}”{parent.text}，而其下各条 "
                             f"{'、'.join(st.text for st in children)} 合计 {total:,.{decimals}f}{parent.unit}："
                             "各条之和应是它，几个数字不能同时成立", draft, parent.line))
    return found


def _item_groups(statements: list[Statement]) -> list[tuple[Statement, list[Statement], bool]]:
    """(an item's amount, the amounts of the numbered items under it, whether they are all its items): two children or
    more; all of them where numbered one after another and followed by the next item of the parent's level or a
    heading (not a sentence of a child's own: “同时，……增加部门预算1,464.3万元”), or a sentence under another heading than
    theirs (a heading with no figure: “二、支出预算情况说明”)."""
    firsts = sentence_firsts(statements)
    out = []
    for index, parent in enumerate(firsts):
        if parent.kind != "amount" or not _PARENT_ITEM.match(parent.sentence) or not _amounts(parent):
            continue
        children, numbers, after = _children(firsts[index + 1:])
        if len(children) < 2:
            continue
        in_turn = numbers == list(range(numbers[0], numbers[0] + len(numbers)))
        out.append((parent, children, in_turn and _closed(after, children[-1]) and parent.unit in _UNITS))
    return out


def _children(firsts: list[Statement]) -> tuple[list[Statement], list[int], Statement | None]:
    """The amounts of the numbered items (1. 2. …) opening the sentences after an item's, their numbers, and the
    sentence's first statement after them (None at the end)."""
    children: list[Statement] = []
    numbers: list[int] = []
    for child in firsts:
        if child.kind != "amount" or (item := _CHILD_ITEM.match(child.sentence)) is None or not _amounts(child):
            return children, numbers, child
        children.append(child)
        numbers.append(int(item.group(1)))
    return children, numbers, None


def _closed(after: Statement | None, last: Statement) -> bool:
    """Whether the numbered items end where the next item of the parent's level or a heading follows them, or a
    sentence under another heading than theirs."""
    return after is not None and bool(_PARENT_ITEM.match(after.sentence) or _HEADING.match(after.sentence)
                                      or not after.headings.startswith(last.headings))


def _items_add_up(parent: Statement, children: list[Statement]) -> bool:
    total = sum((_signed(st) for st in children), Decimal(0))
    return abs(total - _signed(parent)) <= _half(parent) + sum(_half(st) for st in children)


def sentence_firsts(statements: list[Statement]) -> list[Statement]:
    """The first statement of each sentence (a table's cells left out)."""
    firsts = []
    seen: set[int] = set()
    for st in statements:
        if st.kind != "cell" and id(st.sentence) not in seen:
            seen.add(id(st.sentence))
            firsts.append(st)
    return firsts


def _shared_wholes(statements: list[Statement]) -> list[list[tuple[Statement, Statement]]]:
    """The parts (amount, share) that name one whole no amount before states (“基本支出预算45980.56万元，占本年支出
    预算66.33%”“项目支出预算23336.75万元，占本年支出预算33.67%”: 本年支出预算 is their sum), or of one sentence naming
    none (“按支出用途分类，包括人员支出4944.99万元，占72.3%；日常公用支出626.67万元，占9.2%；项目支出1266.75万元，占18.5%”,
    湖州 and 杭州 2026: the parts of all the spending), each share fitting its amount over the parts' sum: two parts or
    more, one after another."""
    return [run for run in _share_runs(statements) if len(run) >= 2 and _fit_their_sum(run)]


def _share_runs(statements: list[Statement]) -> list[list[tuple[Statement, Statement]]]:
    """The parts (amount, share) one after another that name one whole (or, naming none, are of one sentence)."""
    runs: list[list[tuple[Statement, Statement]]] = []
    for before, share in zip(statements, statements[1:], strict=False):
        if share.kind != "share" or before.kind != "amount" or before.sentence is not share.sentence \
                or not _amounts(before):
            continue
        last = runs[-1][-1][1] if runs else None
        if last is not None and _of_one_whole(last, share):
            runs[-1].append((before, share))
        else:
            runs.append([(before, share)])
    return runs


def _of_one_whole(last: Statement, share: Statement) -> bool:
    """Whether a share is of the whole the share before names (by its core), or, the two naming none, of its sentence."""
    if share.named_whole:
        return _core(last.named_whole) == _core(share.named_whole)
    return not last.named_whole and last.sentence is share.sentence


def _fit_their_sum(run: list[tuple[Statement, Statement]]) -> bool:
    """Whether each share of a run fits its amount over the parts' sum (as exact as they are together: its half is
    theirs), the sum not 0."""
    total = sum((_signed(part) for part, _ in run), Decimal(0))
    whole = Statement(0, "amount", "", total / _UNITS[run[0][0].unit], max(p.decimals for p, _ in run), run[0][0].unit)
    whole.decimals += 1
    return total > 0 and all(_fits(share, 1, *_share_bounds(whole, part)) for part, share in run)


def _mark(out: dict[int, str], statements: tuple[Statement, ...], why: str) -> None:
    for st in statements:
        out.setdefault(id(st), why)


def _fits(st: Statement, sign: int, low: Decimal, high: Decimal) -> bool:
    """Whether a printed rate or share (signed by ``sign``) may be one between ``low`` and ``high``."""
    if st.value is None:
        return False
    half = Decimal(5) / Decimal(10) ** (st.decimals + 1)
    printed = sign * st.value
    return printed + half >= low and printed - half <= high


def _inline_prior_fits(amount: Statement, change: Statement) -> bool:
    """An amount and the change after it that states its prior inline, which add up (inline_priors's inverse)."""
    gap = _prior_gap(amount, change) if _with_prior(amount, change) else None
    if gap is None:
        return False
    difference, signed, prior = gap
    return abs(difference - signed) <= _half(amount) + _half(prior) + _half(change)


def _with_prior(amount: Statement, change: Statement) -> bool:
    """Whether a change states its prior inline right after the amount it is of: of one label, in one sentence."""
    return change.kind == "change" and bool(change.prior) and amount.kind == "amount" and not change.own_label \
        and amount.sentence is change.sentence and amount.label == change.label


def _prior_gap(amount: Statement, change: Statement) -> tuple[Decimal, Decimal, Statement] | None:
    """(the amount less the prior a change states inline, the change signed by its direction, the prior), in 元; None
    where a figure is not read or not in yuan."""
    prior = inline_amount(change.prior)
    if prior is None or prior.value is None or amount.value is None or change.value is None \
            or change.unit not in _UNITS or amount.unit not in _UNITS:
        return None
    signed = change.value * _UNITS[change.unit] * (-1 if change.direction == "down" else 1)
    return amount.value * _UNITS[amount.unit] - prior.value * _UNITS[prior.unit], signed, prior


def listed_sums(statements: list[Statement]) -> list[tuple[Statement, list[Statement]]]:
    """(an amount, the amounts its sentence lists after it as its parts — 包括, 其中 — that add up to it): _sums."""
    return [(whole, parts) for whole, parts in _sums(statements) if whole.kind == "amount"]


def _sums(statements: list[Statement]) -> list[tuple[Statement, list[Statement]]]:
    """(the first amount of a sentence, the two or more amounts after it that it says it holds — 包括, 其中 —
    and that add up to it at their printed precision); and so of a change and the changes of its parts
    (“收入预算减少1,226.81万元，其中一般公共预算收入减少1,219.11万元，使用非财政拨款结余减少7.7万元”), each signed."""
    out = []
    for said in _said_by_sentence(statements):
        whole = said[0]
        parts = [st for st in said[1:] if st.kind == whole.kind and (st.kind == "amount" or st.own_label)]
        if whole.kind in ("amount", "change") and len(parts) >= 2 and _amounts(whole, *parts) and _add_up(whole, parts):
            out.append((whole, parts))
    return out


def _said_by_sentence(statements: list[Statement]) -> list[list[Statement]]:
    """Each sentence's statements (a table's cells left out), in order."""
    by_sentence: dict[int, list[Statement]] = {}
    for st in statements:
        if st.kind != "cell":
            by_sentence.setdefault(id(st.sentence), []).append(st)
    return list(by_sentence.values())


def _add_up(whole: Statement, parts: list[Statement]) -> bool:
    """Whether a sentence's parts add up to its whole: within their rounding where the words between say they are its
    parts (包括, 其中 …); else three parts or more exactly as printed (“……其他财政事务支出（项）1153.00万元，主要用于……
    等支出652.00万元；……支出371.00万元；……10.00万元；……120.00万元”, 湖州 2026)."""
    between = whole.sentence.split(whole.text, 1)[-1].split(parts[0].text, 1)[0]
    total = sum((_signed(st) for st in parts), Decimal(0))
    if not _PARTS_SAID.search(between):
        return len(parts) >= 3 and total == _signed(whole)
    return abs(total - _signed(whole)) <= _half(whole) + sum(_half(st) for st in parts)


def _signed(st: Statement) -> Decimal:
    """An amount, or a change signed by its direction, in 元."""
    assert st.value is not None
    return st.value * _UNITS[st.unit] * (-1 if st.kind == "change" and st.direction == "down" else 1)


def _amounts(*statements: Statement) -> bool:
    return all(st.value is not None and st.unit in _UNITS for st in statements)


def _named_wholes(statements: list[Statement]) -> list[tuple[Statement, Statement, Statement]]:
    """(whole, part, share): a share after its part's amount that names its base (“占本年支出预算18.51%”), the
    base being the last amount stated before of that name (“2026年支出预算5,133.74万元”), which the share fits."""
    out = []
    seen: dict[str, Statement] = {}  # each name's last amount, by its core
    for before, share in zip([None, *statements], statements, strict=False):
        if _comparable(share):
            seen[_core(share.label)] = share
        if before is None or not _names_its_base(before, share):
            continue
        whole = seen.get(_core(share.named_whole))
        if whole is not None and whole is not before and whole.value and _fits(share, 1, *_share_bounds(whole, before)):
            out.append((whole, before, share))
    return out


def _names_its_base(part: Statement, share: Statement) -> bool:
    """Whether a share names its base, right after its part's amount in its sentence."""
    return share.kind == "share" and bool(share.named_whole) and part.kind == "amount" \
        and part.sentence is share.sentence and _amounts(part)


def _core(label: str) -> str:
    """What a label names with the words that do not tell one figure from another left out: its year, 本年, 总额,
    预算 (“2026年支出预算” and “本年支出预算” are one)."""
    text = _THIS_YEAR.sub("", normalize(label))
    for _ in range(2):
        text = _TOTAL_WORDS.sub("", _BUDGET_WORD.sub("", text))
    return text
