"""A change or a rate a published sentence states, traced (issue 80 part 2: learned_words, sentence_tracing): the
quantity the words say a change is of, a rate of change from its figures as printed (增长 5.81%) and a share of a
whole the sentence names (占……的比例)."""

from __future__ import annotations

import re
from decimal import Decimal

from reportgen.base.patterns import regex
from reportgen.compute import Change, quantize_half_up
from reportgen.compute.arithmetic import as_printed
from reportgen.compute.phrasing import UNIT_FACTOR
from reportgen.importing.learning.published_sentences import _FIGURE
from reportgen.importing.learning.sentence_counts import _zero_named
from reportgen.importing.learning.sentence_fields import Field
from reportgen.importing.learning.sentence_names import _all_names, _han, _nearest, _prior_names

# the words of a change just before its amount (“比上年增加”, “较2025年年初预算减少”, “与上年相比增加”): the figure is a
# change's, never an amount that prints alike (深圳 “公务用车购置费2026年预算数0.00万元，较2025年年初预算增加0.00万元”: not
# the part's 0.00) — a zero, the change of the figure said before it
_SAYS_CHANGE = regex(r"[比较与](?:上年|上一年度?|\d{4}年度?)[^，。；\d]{0,16}(?:相比，[^，。；\d]{0,16})?(?:增加|减少)了?$")
# the quantity a change is said of, named between its comparison and its word (江苏 “与上年相比收、支预算总计各减少”,
# “与上年相比，财政拨款支出增加”)
_CHANGE_SUBJECT = regex(r"[比较与](?:上年|上一年度?|\d{4}年度?)(?:年初)?(?:预算数?|执行数|决算数?)?(?:相比)?，?"
                        r"(?P<subject>[^，。；\d]{0,16}?)各?(?:增加|减少)了?$")


def _of_subject(fits: list[tuple[Field, str]], before: str, amounts: list[Field]) -> list[tuple[Field, str]]:
    """Of the changes that print a figure, those of the quantity the words say it is the change of, where they name
    one between the comparison and its word (江苏 苏州 “收入、支出预算总计7,062.8万元，与上年相比收、支预算总计各减少
    913.48万元”: the change of 收支总计, never 一般公共预算's that prints alike this year — next year it would print the
    wrong figure); all of them where the words name none (“财政拨款收入15621.11万元，比2023年预算减少876.75万元”)."""
    found = _CHANGE_SUBJECT.search(before)
    subject = _han(found.group("subject")) if found else ""
    name = next((n for n in _all_names() if subject.endswith(n)), None)
    if name is None:
        return fits
    names = {a.expr: {_han(n) for n in a.names} for a in amounts}
    return [fit for fit in fits if name in names.get(fit[0].current, set()) | _prior_names(fit[0].expr)]


def _rate(number: str, unit: str, before: str, fields: tuple[list[Field], list[Field]],
          said: list[str], printed: tuple[tuple[str, int] | None, bool] = (None, False)
          ) -> tuple[str, str, Field | None] | None:
    """A rate of change (增长 8.2%) or a share (占 97.9%) as printed; ``printed``: the unit and decimals the sentence
    printed its last amount before it in, the figures a rate no change's own rate prints may be computed from — and
    whether the document computes its rates from them (Style.rates_printed: they come first)."""
    places = len(number.split(".")[1]) if "." in number else 0
    value = Decimal(number)
    if re.search("(增长|下降|增幅|降幅|上升|减少|增加)[^，。；]{0,4}$", before):
        rate = "rate" if places >= _RATE_PLACES else "exact"  # (fewer places: the rate rounded once, from the exact)
        # 0 where the change is 持平 (no rate); none where there is no rate to print (a prior of 0: Change 'new') —
        # the sentence is then not printed rather than printed “增长0.0%”
        fits = [(c, _rate_of(c.expr, rate)) for c in fields[1]
                if quantize_half_up(getattr(c.value, rate) or Decimal(0), places) == value
                and (c.value.rate is not None or not value)]
        from_printed = _printed_rate_fits(value, places, fields[1], printed[0])
        fits = (from_printed or fits) if printed[1] else (fits or from_printed)
        nearest = _nearest(fits if value else _zero_named(fits, before, said), before, said)  # 增长0.00%: the flat one
        if nearest is not None:
            return f"{{{{ ({nearest[1]})|percent_figure({places}) }}}}{unit}", nearest[1], nearest[0]
    if "占" not in before[-12:]:
        return None
    nearest = _nearest(_share_fits(value, places, fields[0], _whole_named(before)), before, said)
    return None if nearest is None else (f"{{{{ ({nearest[1]})|percent_figure({places}) }}}}{unit}", nearest[1], None)


_RATE_PLACES = 2  # the places of Change.rate


def _figures_of(change: Field) -> tuple[Decimal, Decimal] | None:
    """A change's two figures (this year's, last year's) where it is an increase or a decrease of fields given."""
    if not (change.current and change.prior and isinstance(change.prior_value, Decimal)
            and isinstance(change.value, Change) and change.value.kind in ("up", "down")):
        return None
    signed = change.value.amount if change.value.kind == "up" else -change.value.amount
    return change.prior_value + signed, change.prior_value


def _amounts_printed(text: str) -> tuple[str, int] | None:
    """The unit and decimals of the last amount of money ``text`` prints (“……2023年预算安排17.72万元，” → 万元, 2)."""
    last = None
    for match in _FIGURE.finditer(text):
        if match.group("unit") in UNIT_FACTOR:
            number = match.group("n")
            last = (match.group("unit"), len(number.split(".")[1]) if "." in number else 0)
    return last


def _rate_of(expr: str, rate: str) -> str:
    """A learned rate of the change ``expr``: 0 where it is 持平, none where there is no rate (a prior of 0)."""
    return f"({expr}.{rate} if {expr}.kind != 'flat' else 0)"


def _printed_rate_fits(value: Decimal, places: int, changes: list[Field],
                       printed: tuple[str, int] | None) -> list[tuple[Field, str]]:
    """The changes whose rate, computed from their two figures as the sentence prints them (``printed``: unit and
    decimals), prints ``value`` — where no change's own rate does: 万里 2023 computes “增加105.81%” from 8.61 and 17.72
    万元 (of 86,100 and 177,240 元: 105.85%), 西安 2025 “增长159.24%” from 14.82 and 38.42 万元."""
    if printed is None or not value:
        return []
    unit, decimals = printed
    fits = []
    for change in changes:
        figures = _figures_of(change)
        if figures is None:
            continue
        current, prior = (as_printed(figure, UNIT_FACTOR[unit], decimals) for figure in figures)
        if prior and quantize_half_up(abs(current - prior) * 100 / prior, places) == value:
            shown = f"('{unit}', {decimals})"
            expr = f"((({change.current})|as_printed{shown})|change_from(({change.prior})|as_printed{shown}))"
            fits.append((change, _rate_of(expr, "rate" if places >= _RATE_PLACES else "exact")))
    return fits
_SHARE_FILLER = regex(r"的?(?:比例|比重)?为?$")


def _wholes(amounts: list[Field], whole: str | None) -> list[Field]:
    """The fields a share may be of: the quantity named ``whole``, else the first totals (_WHOLES)."""
    given = [a for a in amounts if a.value]
    return [a for a in given if whole in {_han(n) for n in a.names}] if whole else given[:_WHOLES]


def _whole_named(before: str) -> str | None:
    """The name of the quantity a share is of, where the words after its 占 name one (江苏 “占“三公”经费的0%”, “占本年支出
    合计的99.4%”): a share of another whole printing alike (0% of any) is never it; None where they name none (“占97.9%”)."""
    words = _SHARE_FILLER.sub("", before[before.rfind("占") + 1:])
    return next((name for name in _all_names() if words and words.endswith(name)), None)

_WHOLES = 12  # the wholes a share is sought of: the first fields (the totals the default templates print)


def _share_fits(value: Decimal, places: int, amounts: list[Field], whole: str | None = None) -> list[tuple[Field, str]]:
    """The shares of one field in another that print ``value`` at ``places``: in the quantity ``whole`` names where
    the sentence names it, else in one of the first totals."""
    amounts = [a for a in amounts if not a.count]
    wholes = _wholes(amounts, whole)
    return [(Field(a.expr, a.label, a.value, a.expr), f"share({a.expr}, {w.expr})") for w in wholes for a in amounts
            if quantize_half_up(a.value * 100 / w.value, places) == value]
