"""A sentence's amount and the parts it lists after it that add up to it (“福利彩票公益金项目19,336.15万元，主要
包括：社会公益类项目3,837.58万元……；市本级福彩公益金预算准备金300.00万元；……”): the sum ties each part to that
amount, and so tells what the words of the parts and of the amount speak of where the tables' figure of their
name says otherwise.

* A part that disagrees with the figure its words name, listed under an amount that agrees with the tables: the
  parts add up to what the tables give, so the part is a piece of that amount — 深圳市民政局 2026's 福彩公益金
  keeps its own 预算准备金 300.00 among its parts, which is not the department's 预算准备金 project (345.00).
* An amount that disagrees with the figure its words name by exactly the parts that say they are carried over
  (vocabulary.yaml 结转的字样): it is that figure with the carry-over — 深圳宣传部 2026's 政府性基金预算收入 380.00
  is 300.00 下达 and 80.00 结转, where the tables give the year's 政府性基金预算拨款 300.00.

The first not where each part names a figure of the tables and those figures add up to the amount's: the parts
are then the tables' own, and each is judged by its figure.

Neither is judged against the table (未能核对; its sentence bears it out: review._within)."""

from __future__ import annotations

from decimal import Decimal

from reportgen.readers.text.statements import Statement, carry_over_words
from reportgen.review.glossary import Figure
from reportgen.review.sentences.consistency import half_in_yuan, in_yuan, listed_sums
from reportgen.review.sentences.judge import Verdict

PART_OF_A_SUM = "句中列为前一个数的一部分，各部分之和与前一个数相符，而前一个数与表格一致：说的是它的一部分，不是表中同名的数，未判定"
WITH_CARRY_OVER = "句中所列的各部分含结转的资金，去掉它们正是表中的数：说的是连同结转的数，未判定"


def tie_listed_parts(verdicts: list[Verdict], statements: list[Statement]) -> None:
    """Each disagreement that the parts its sentence lists (and their sum) show to speak of something else than
    the table's figure of its name: told 未能核对 with why (the module's two cases)."""
    of = {id(verdict.statement): verdict for verdict in verdicts}
    for whole, parts in listed_sums(statements):
        verdict = of.get(id(whole))
        if verdict is None:
            continue
        if verdict.status == "agree" and not _the_tables_own(verdict, [of.get(id(part)) for part in parts]):
            for part in parts:
                _not_judged(of.get(id(part)), PART_OF_A_SUM)
        elif verdict.status == "disagree" and _with_carry_over(verdict, parts):
            _not_judged(verdict, WITH_CARRY_OVER)


def _the_tables_own(whole: Verdict, parts: list[Verdict | None]) -> bool:
    """Whether each part names a figure of the tables and those figures add up to the whole's: the parts are the
    tables' own parts of it (“公务用车购置及运行费10.2万元，其中：公务用车购置费0万元，……公务用车运行维护费10.1万元”, 烟台
    水利局 2026 with 10.2 misprinted 10.1) — each is judged by its figure, however its printed value adds up."""
    figure = whole.figure
    named = _figures_named(parts)
    if figure is None or named is None:
        return False
    total = sum((part.current for part in named), Decimal(0))
    return abs(total - figure.current) <= figure.slack + sum(part.slack for part in named)


def _figures_named(parts: list[Verdict | None]) -> list[Figure] | None:
    """The figures of the tables the parts name, each its own; None where a part names none, or two name one (two
    parts of one name: not the tables' parts)."""
    if any(part is None or part.figure is None for part in parts):
        return None
    named = [part.figure for part in parts if part is not None and part.figure is not None]
    return None if len({id(part) for part in named}) < len(named) else named


def _not_judged(verdict: Verdict | None, cause: str) -> None:
    if verdict is not None and verdict.status == "disagree":
        verdict.status, verdict.figure, verdict.expected, verdict.cause = "unknown", None, "", cause


def _with_carry_over(verdict: Verdict, parts: list[Statement]) -> bool:
    """Whether the amount, the parts that say they are carried over taken out, is the figure its words name."""
    words = carry_over_words()
    carried = [part for part in parts if any(word in part.label for word in words)]
    figure = verdict.figure
    if not carried or len(carried) == len(parts) or figure is None:
        return False
    rest = in_yuan(verdict.statement) - sum(in_yuan(part) for part in carried)
    slack = half_in_yuan(verdict.statement) + sum(half_in_yuan(part) for part in carried) + figure.slack
    return abs(rest - figure.current) <= slack
