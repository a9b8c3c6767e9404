"""Shares that name their base, judged against the amount their sentence states first where the sentence proves that
amount their base: the parts it lists, each with its share of the one base it names, add up to that amount at their
printed precision, and another of those shares is right over it (长春市信访局 2026 “本单位固定资产总量为4295.98万元，
其中房屋和构筑物3773.63万元，占固定资产总额的87.84%；设备335.24万元，占固定资产总额的7.90%；……”: 3773.63 + 335.24 +
172.11 + 15 = 4295.98, 87.84 % and 4 % are right, 7.90 % is 7.80 %). No table need print the base: a document's
tables seldom hold its assets, its 政府采购 or a project's money, which the text states with their shares; a share a
table judges is told there (``told``), never twice."""

from __future__ import annotations

from decimal import Decimal

from reportgen.base.errors import Finding
from reportgen.readers.text.statements import Statement
from reportgen.review.glossary import normalize
from reportgen.review.sentences.consistency import half_in_yuan, in_yuan, made_whole

_YUAN_UNITS = ("元", "万元", "亿元")
SHARE_RULE = "R-句内占比"


def named_base_shares(statements: list[Statement], draft: str,
                      told: set[tuple[int, str]] | frozenset[tuple[int, str]] = frozenset()) -> list[Finding]:
    """Each share of a named base its sentence's first amount is proved to be (module doc) that its part's amount
    over that amount rules out, at the printed precision of both (but one already told: ``told`` holds (line, text));
    one step off among shares printed to add up to 100 % is the 尾数 moved, no slip (judge.ADJUSTED)."""
    adjusted = made_whole(statements)
    found = []
    for whole, group in _proved(statements):
        for part, share in group:
            steps = 3 if id(share) in adjusted else 1  # (1: a share right over the whole)
            if (share.line, share.text) not in told and not _fits(whole, part, share, steps):
                found.append(_finding(whole, part, share, draft))
    return found


def named_bases_borne_out(statements: list[Statement]) -> dict[int, str]:
    """The statements (by id) of each sentence whose first amount is proved the base its shares name (module doc): that
    amount, its parts, and each share right over it, with what bears each out (consistency.borne_out's wording)."""
    out: dict[int, str] = {}
    for whole, group in _proved(statements):
        out.setdefault(id(whole), f"{whole.text}与句中其各部分之和相符")
        for part, share in group:
            out.setdefault(id(part), f"{whole.text}与句中其各部分之和相符")
            if _fits(whole, part, share, 1):
                out.setdefault(id(share), f"与句中的{whole.text}、{part.text}相符")
    return out


def _proved(statements: list[Statement]) -> list[tuple[Statement, list[tuple[Statement, Statement]]]]:
    """The groups (_groups) whose parts add up to their whole and one share at least is right over it."""
    return [(whole, group) for whole, group in _groups(statements)
            if _adds_up(whole, [part for part, _ in group]) and any(_fits(whole, *pair, 1) for pair in group)]


def _groups(statements: list[Statement]) -> list[tuple[Statement, list[tuple[Statement, Statement]]]]:
    """(whole, [(part, share), …]): per sentence and base named, the shares said right after their part's amount,
    two at least, the whole the sentence's first figure, an amount given no share of its own."""
    by_key: dict[tuple[int, str], tuple[Statement, list[tuple[Statement, Statement]]]] = {}
    first: Statement | None = None
    for index, st in enumerate(statements):
        if index == 0 or statements[index - 1].sentence is not st.sentence:
            first = _whole_of(statements, index)
        if index == 0 or first is None or not _share_of_named(st):
            continue
        part = statements[index - 1]
        if part is not first and _amount_of(part, st):
            by_key.setdefault((id(first), normalize(st.named_whole)), (first, []))[1].append((part, st))
    return [(whole, group) for whole, group in by_key.values() if len(group) >= 2]


def _whole_of(statements: list[Statement], index: int) -> Statement | None:
    """A sentence's first figure as the whole its shares are of: an amount in 元/万元 given no share of its own."""
    st = statements[index]
    after = statements[index + 1] if index + 1 < len(statements) else None
    given_share = after is not None and after.kind == "share" and after.sentence is st.sentence
    return st if st.kind == "amount" and st.unit in _YUAN_UNITS and st.value and not given_share else None


def _share_of_named(st: Statement) -> bool:
    return st.kind == "share" and bool(st.named_whole) and st.value is not None


def _amount_of(part: Statement, share: Statement) -> bool:
    """Whether ``part`` is the amount ``share`` is said right after, in its sentence and of its label."""
    return part.kind == "amount" and part.sentence is share.sentence and part.label == share.label \
        and part.value is not None and part.unit in _YUAN_UNITS


def _adds_up(whole: Statement, parts: list[Statement]) -> bool:
    """Whether the parts add up to the whole, each as printed, within what their printed digits round."""
    slack = half_in_yuan(whole) + sum((half_in_yuan(part) for part in parts), Decimal(0))
    return abs(sum((in_yuan(part) for part in parts), Decimal(0)) - in_yuan(whole)) <= slack


def _fits(whole: Statement, part: Statement, share: Statement, steps: int) -> bool:
    """Whether the share is the part over the whole at their printed precision, ``steps`` halves of its last digit."""
    assert share.value is not None
    low = max(in_yuan(part) - half_in_yuan(part), Decimal(0)) / (in_yuan(whole) + half_in_yuan(whole)) * 100
    high = (in_yuan(part) + half_in_yuan(part)) / (in_yuan(whole) - half_in_yuan(whole)) * 100
    half = Decimal(5) / Decimal(10) ** (share.decimals + 1) * steps
    return share.value + half >= low and share.value - half <= high


def _finding(whole: Statement, part: Statement, share: Statement, draft: str) -> Finding:
    right = in_yuan(part) / in_yuan(whole) * 100
    return Finding("error", SHARE_RULE, f"“{part.label}”{part.text}占“{whole.label.removesuffix('为')}”{whole.text}约为 {right:.{share.decimals}f}%"
                   f"（句中各分项之和正是{whole.text}），而写作“{share.text}”：按句中的金额不能成立", draft, share.line)
