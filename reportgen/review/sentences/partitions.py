"""A whole and all its parts, said together: where the parts a sentence — or the paragraphs after the whole's — states
changes of (or a paragraph states shares of) are all the whole is made of (vocabulary.yaml 分项齐全的合计, and their figures of this year in the source add up to
the whole's), the parts' changes add up to the whole's change (烟台水利局 2026 “支出预算减少13,699.55万元，其中基本支出
增加204.87万元，项目支出减少13,904.42万元”), and each part's share of the whole is its amount over the parts' sum
(江苏 “因公出国（境）费支出170万元，占“三公”经费的27.39%；……”). No table need print last year's figures: the sentence's
own figures rule out a slip in any of them, at their printed precision. A part the sentence does not state may be left out
only where the source's figure of it is 0 from a table (never a part its text alone gave, set to 0 where not stated)."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from reportgen.base.errors import Finding
from reportgen.compute import quantize_half_up
from reportgen.readers.text.statements import Statement, complete_parts
from reportgen.reading.amounts import yuan_factors
from reportgen.review.glossary import Figure, normalize
from reportgen.review.sentences.consistency import half_in_yuan, in_yuan, made_whole
from reportgen.review.sentences.judge import Verdict

Find = Callable[[str], Figure | None]
_UNIT = yuan_factors("万元", "元", "亿元")


def partition_findings(verdicts: list[Verdict], find: Find, draft: str, told: frozenset[tuple[int, str]],
                       strict: frozenset[int] = frozenset()) -> list[Finding]:
    """The findings on the wholes whose parts' changes or shares, stated together, cannot all be true (``told``: the
    figures already told as disagreeing with the source, (line, text); ``strict``: the ids of the figures the text
    alone gave, never left out as 0)."""
    return _changes(verdicts, find, draft, told, strict) + _shares(verdicts, find, draft, told, strict)


def _made_of(whole: Figure, present: dict[str, Figure], find: Find, strict: frozenset[int]) -> list[str] | None:
    """The names among ``present`` that are all ``whole`` is made of (each part stated, or made of parts stated, or
    0 in the source's tables), their figures of this year adding up to the whole's; None where they are not."""
    names = [_part_made_of(name, present, find, strict) for name in complete_parts().get(whole.name, ())]
    if not names or any(found is None for found in names):
        return None
    stated = [name for found in names for name in found or ()]
    if len(stated) < 2 or sum((present[name].current for name in stated), Decimal(0)) != whole.current:
        return None
    return stated


def _part_made_of(name: str, present: dict[str, Figure], find: Find, strict: frozenset[int]) -> list[str] | None:
    if name in present:
        return [name]
    parts = [_part_made_of(part, present, find, strict) for part in complete_parts().get(name, ())]
    if parts and all(found is not None for found in parts):
        return [stated for found in parts for stated in found or ()]
    return _zero_in_tables(name, find, strict)


def _zero_in_tables(name: str, find: Find, strict: frozenset[int]) -> list[str] | None:
    """[] where the source's tables give the part 0 (a figure not held strictly: it may be left out as 0); else None."""
    figure = find(name)
    return [] if figure is not None and figure.current == 0 and id(figure) not in strict else None


def _by_figure(verdicts: list[Verdict]) -> dict[str, tuple[Figure, Statement]]:
    """Each figure's name with its one statement among ``verdicts`` (a figure stated twice is left out: which is the
    part's is not sure)."""
    seen: dict[str, list[tuple[Figure, Statement]]] = {}
    for verdict in verdicts:
        if verdict.figure is not None:
            seen.setdefault(verdict.figure.name, []).append((verdict.figure, verdict.statement))
    return {name: found[0] for name, found in seen.items() if len(found) == 1}


def _changes(verdicts: list[Verdict], find: Find, draft: str, told: frozenset[tuple[int, str]],
             strict: frozenset[int]) -> list[Finding]:
    out, judged = [], set()
    for said in [*_sentences(verdicts), *_runs(verdicts)]:
        stated = _by_figure(said)
        for name, (_, change) in stated.items():
            parts = _changed_parts(stated, name, find, strict)
            if parts is None or id(change) in judged or any(stated[n][1].base != change.base for n in parts):
                continue
            said_parts = [(n, stated[n][1]) for n in parts]
            if _any_told(change, said_parts, told):
                continue
            judged.add(id(change))
            finding = _parts_change(name, change, said_parts, draft)
            if finding is not None:
                out.append(finding)
    return out


def _any_told(change: Statement, parts: list[tuple[str, Statement]], told: frozenset[tuple[int, str]]) -> bool:
    """Whether a whole's change or one of its parts' is told already (as disagreeing with the source)."""
    return any((st.line, st.text) in told for st in [change, *(st for _, st in parts)])


def _parts_change(name: str, change: Statement, parts: list[tuple[str, Statement]], draft: str) -> Finding | None:
    """The finding on a whole's change that its parts' changes do not add up to, beyond their rounding."""
    total = sum((_signed(st) for _, st in parts), Decimal(0))
    if abs(total - _signed(change)) <= _half(change) + sum((_half(st) for _, st in parts), Decimal(0)):
        return None
    return _change_finding(name, change, parts, total, draft)


def _changed_parts(stated: dict[str, tuple[Figure, Statement]], name: str, find: Find,
                   strict: frozenset[int]) -> list[str] | None:
    """The parts a whole (``name``, of the wholes made of all their parts) is made of, all stated beside it; None where
    it is no such whole or they are not all stated."""
    if name not in complete_parts():
        return None
    present = {n: figure for n, (figure, _) in stated.items() if n != name}
    return _made_of(stated[name][0], present, find, strict)


def _stated(st: Statement) -> bool:
    """A change read whole (its amount and unit; not “about”), or a flat (not “基本持平”)."""
    return (st.kind == "flat" or st.kind == "change" and st.value is not None and st.unit in _UNIT) and not st.roughly


def _sentences(verdicts: list[Verdict]) -> list[list[Verdict]]:
    """The changes of each sentence (“支出预算减少13,699.55万元，其中基本支出增加204.87万元，项目支出减少13,904.42万元”)."""
    sentences: dict[int, list[Verdict]] = {}
    for verdict in verdicts:
        if verdict.statement.kind == "change" and _stated(verdict.statement):
            sentences.setdefault(id(verdict.statement.sentence), []).append(verdict)
    return list(sentences.values())


def _runs(verdicts: list[Verdict]) -> list[list[Verdict]]:
    """A whole's change or flat and the changes and flats after it, in its sentences and the next, for as long as each
    figure read is one of the whole's parts or their parts: “2026年“三公”经费预算数为43.50万元，比2025年预算增加18.00万元。
    其中：”“（一）因公出国（境）费24.00万元，比2025年预算增加10.00万元……”“（二）公务用车购置及运行费17.50万元，比2025年
    预算增加8.00万元……其中：公务用车购置费0.00万元，与2025年预算持平；……”“（三）公务接待费2.00万元，与2025年预算持平。”
    (上海). A figure of another name, or the whole's own again, ends the run."""
    runs = []
    for index, first in enumerate(verdicts):
        if first.figure is None or first.figure.name not in complete_parts() or first.statement.kind == "cell" \
                or not _stated(first.statement):
            continue
        runs.append(_run(verdicts, index, first.figure.name))
    return runs


def _run(verdicts: list[Verdict], index: int, whole: str) -> list[Verdict]:
    """The run the whole's verdict at ``index`` opens: it, and each change or flat after it of one of its parts (or
    their parts), up to a cell or a figure of another name."""
    within, run = _within(whole), [verdicts[index]]
    for verdict in verdicts[index + 1:]:
        if verdict.statement.kind == "cell" or verdict.figure is not None and verdict.figure.name not in within:
            break
        if verdict.figure is not None and verdict.statement.kind in ("change", "flat") and _stated(verdict.statement):
            run.append(verdict)
    return run


def _within(whole: str) -> set[str]:
    """The names of a whole's parts, and of their parts."""
    names: set[str] = set()
    for part in complete_parts().get(whole, ()):
        names |= {part, *_within(part)}
    return names


def _signed(st: Statement) -> Decimal:
    return Decimal(0) if st.kind == "flat" else in_yuan(st) * (-1 if st.direction == "down" else 1)


def _half(st: Statement) -> Decimal:
    """How far a printed change may stand from the exact one: none for a change of nothing (“比上年增加0万元”, whatever
    its digits: no change) or a flat (the two years equal as printed), else half its last digit."""
    return Decimal(0) if st.kind == "flat" or st.value == 0 else half_in_yuan(st)


def _said(st: Statement) -> str:
    """A change as printed, with its direction where the words before the number carry it (“减少13,699.55万元”)."""
    word = "增加" if st.direction == "up" else "减少"
    if st.kind == "flat":
        return st.text
    return st.text if any(w in st.text for w in ("增", "减", "多", "少", "上升", "下降")) else f"{word}{st.text}"


def _change_finding(name: str, change: Statement, parts: list[tuple[str, Statement]], total: Decimal,
                    draft: str) -> Finding:
    unit = _UNIT[change.unit]
    said = "、".join(f"“{n}”{_said(st)}" for n, st in parts)
    sum_said = f"{'增加' if total >= 0 else '减少'}{abs(total) / unit:,.{max(st.decimals for _, st in parts)}f}{change.unit}"
    return Finding("error", "R-句内矛盾", f"{_quoted(name)}{_said(change)}，而它的全部分项{said}合计{sum_said}"
                   f"（各分项本年之和正是它的本年数）：几个数字不能同时成立", draft, change.line)


def _shares(verdicts: list[Verdict], find: Find, draft: str, told: frozenset[tuple[int, str]],
            strict: frozenset[int]) -> list[Finding]:
    """Each run of shares of one named whole in a paragraph, each after its part's amount, the parts all the whole is
    made of: each share its amount over the parts' sum."""
    runs, amounts = _shares_by_whole(verdicts)
    adjusted = made_whole([v.statement for v in verdicts])
    out = []
    for run in runs:
        whole = find(run[0].statement.named_whole)
        pairs = _pairs_making_whole(whole, run, amounts, find, strict) if whole is not None else None
        if whole is None or pairs is None or any((st.line, st.text) in told for pair in pairs for st in pair):
            continue
        finding = _share_finding(whole.name, pairs, adjusted, draft)
        if finding is not None:
            out.append(finding)
    return out


def _shares_by_whole(verdicts: list[Verdict]) -> tuple[list[list[Verdict]], dict[int, Verdict]]:
    """The shares naming their whole, each after its part's amount, by paragraph and whole; and each share's part's
    amount (by the share's statement id: the verdict right before it)."""
    runs: dict[tuple[int, str], list[Verdict]] = {}
    amounts: dict[int, Verdict] = {}
    for before, verdict in zip([None, *verdicts], verdicts, strict=False):
        st = verdict.statement
        if before is None or not _share_of_named_whole(before, verdict):
            continue
        amounts[id(st)] = before
        runs.setdefault((st.paragraph, normalize(st.named_whole)), []).append(verdict)
    return list(runs.values()), amounts


def _share_of_named_whole(before: Verdict, verdict: Verdict) -> bool:
    """Whether a verdict is on a share naming its whole, right after its part's amount in its sentence, of one figure
    with it, both figures to compare."""
    st, part = verdict.statement, before.statement
    return st.kind == "share" and bool(st.named_whole) and st.value is not None and part.kind == "amount" \
        and part.sentence is st.sentence and before.figure is verdict.figure and part.value is not None \
        and part.unit in _UNIT


def _pairs_making_whole(whole: Figure, run: list[Verdict], amounts: dict[int, Verdict], find: Find,
                        strict: frozenset[int]) -> list[tuple[Statement, Statement]] | None:
    """The (amount, share) of a run of shares whose parts are all the whole is made of (_made_of); None where not."""
    stated = _by_figure(run)
    parts = _made_of(whole, {n: f for n, (f, _) in stated.items()}, find, strict)
    return None if parts is None else [(amounts[id(stated[n][1])].statement, stated[n][1]) for n in parts]


def _share_finding(name: str, pairs: list[tuple[Statement, Statement]], adjusted: set[int],
                   draft: str) -> Finding | None:
    """The finding on shares of the parts (amount, share) that do not all fit their amounts over the parts' sum."""
    total = sum((in_yuan(amount) for amount, _ in pairs), Decimal(0))
    slack = sum((half_in_yuan(amount) for amount, _ in pairs), Decimal(0))
    if total - slack <= 0:
        return None
    wrong = []
    for amount, share in pairs:
        if _share_off(amount, share, (total, slack), id(share) in adjusted):
            right = quantize_half_up(in_yuan(amount) / total * 100, share.decimals)
            wrong.append(f"{amount.text}“{share.text}”按金额应为 {right}%")
    if not wrong:
        return None
    unit, printed = _UNIT[pairs[0][0].unit], pairs[0][0].unit
    decimals = max(amount.decimals for amount, _ in pairs)
    parts = "、".join(amount.text for amount, _ in pairs)
    return Finding("error", "R-句内占比", f"{_quoted(name)}的全部分项 {parts} 之和为 {total / unit:,.{decimals}f}{printed}："
                   f"{'；'.join(wrong)}（占比与金额不能同时成立）", draft, pairs[0][1].line)


def _share_off(amount: Statement, share: Statement, parts: tuple[Decimal, Decimal], adjusted: bool) -> bool:
    """Whether a part's printed share cannot be its amount over the parts' sum (``parts``: the sum and its rounding),
    at the share's printed places (three steps of them for one of shares made to add up to 100%, ``adjusted``)."""
    assert share.value is not None
    total, slack = parts
    low = max(in_yuan(amount) - half_in_yuan(amount), Decimal(0)) / (total + slack) * 100
    high = (in_yuan(amount) + half_in_yuan(amount)) / (total - slack) * 100
    half = Decimal(5) / Decimal(10) ** (share.decimals + 1) * (3 if adjusted else 1)
    return share.value + half < low or share.value - half > high


def _quoted(name: str) -> str:
    return name if name.startswith("“") else f"“{name}”"
