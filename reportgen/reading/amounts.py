"""The one reading of an amount written in a file: every figure an importer or reviewer takes from a
cell, a page or a sentence passes :func:`printed_amount` (or :func:`stored_number` for a number a
program wrote), which accepts a decimal literal in the document's own conventions and nothing else.

A printed amount is digits with an optional sign and fraction; thousands separators (``,`` or the
full-width ``，``), where they are used, separate every group of three digits left of the point and
nothing else ("1,234,567.00"; "1,2,3" is not a number). No exponent ("1e400"), no words, no
currency signs. A stored number (SpreadsheetML's ``ss:Data``, an HTML export's ``x:num``) may carry
an exponent, as programs write them. Either way the value must lie within :data:`LIMIT`: no budget
states a figure of sixteen integer digits, and a larger one would only overflow the arithmetic that
follows. :func:`why_not_amount` says, in Chinese, why a text is not an amount.
"""

from __future__ import annotations

import functools
from decimal import Decimal, InvalidOperation

from reportgen.base.patterns import regex

# |value| below 10**15: a trillion 万元, a thousand trillion 元 — past every budget on earth.
LIMIT = Decimal(10) ** 15
# 元 in one of each unit a document states amounts in: the one table every reader, importer and reviewer converts
# by, each taking the units it reads (``yuan_factors``: one that reads no 亿元 names only 元 and 万元)
YUAN_PER_UNIT = {"元": Decimal(1), "万元": Decimal(10000), "亿元": Decimal(100000000)}
MAX_FRACTION = 30  # digits after the point: past a float's noise (1234.5600000000002), short of 1e-400
_SPACES = regex(r"[\s\u00a0\u3000]+")
_PLAIN = regex(r"^[-−]?\d+(?:\.\d+)?$")
_GROUPED = regex(r"^[-−]?\d{1,3}(?:(,)\d{3})+(?:\.\d+)?$|^[-−]?\d{1,3}(?:(，)\d{3})+(?:\.\d+)?$")
_LOOKS_NUMERIC = regex(r"^[-−+]?[\d,，.]*\d[\d,，.]*(?:[eE][-+]?\d+)?$")
# why a text of digits and separators is no amount where its separators stand elsewhere than every third
# digit (“125360,898”: only the last one printed): said once of all such cells of a document, not of each
MISPLACED_SEPARATORS = "千位分隔符只能从小数点往左每三位数字分一次"


def yuan_factors(*units: str) -> dict[str, Decimal]:
    """Each of ``units`` (named in YUAN_PER_UNIT) with its 元, in the order given (a pattern made of the names
    tries them in that order: 亿元 and 万元 before 元)."""
    return {unit: YUAN_PER_UNIT[unit] for unit in units}


def printed_amount(text: str) -> Decimal | None:
    """``text`` as an amount printed in a table or a sentence, or None when it is not one (see the
    module's rules). Spaces inside and around are ignored ("3,296,600 " as an Excel format leaves it)."""
    return _printed_amount(text) if len(text) <= _KEPT_TEXT else _read_amount(text)


# a cell's text is read on every pass over its table (fresh1's first six files: 6,674 readings of 1,457 texts); a
# short one is read once (a Decimal is immutable: the same value may be given again)
_KEPT_TEXT = 40


@functools.lru_cache(maxsize=8192)
def _printed_amount(text: str) -> Decimal | None:
    return _read_amount(text)


def _read_amount(text: str) -> Decimal | None:
    plain = "".join(text.split())  # what _SPACES.sub("", text) leaves: \s is str.split's whitespace, \u00a0 and \u3000 among it
    if _PLAIN.match(plain) is None and _GROUPED.match(plain) is None:
        return None
    number = plain.replace(",", "").replace("，", "").replace("−", "-")
    # as bounded reads it: a literal of digits and a point is finite, its exponent minus its decimals
    if len(number.partition(".")[2]) > MAX_FRACTION:
        return None
    value = Decimal(number)
    return value if abs(value) < LIMIT else None


def stored_number(text: str) -> Decimal | None:
    """A number as a program stored it (``1.5E-2``, ``189767551.0``): exactly, never through a float,
    or None when it is not a finite number within :data:`LIMIT`."""
    try:
        value = Decimal(text.strip())
    except InvalidOperation:
        return None
    return bounded(value)




def why_not_amount(text: str) -> str:
    """Why ``text`` is not an amount, in Chinese, for a message that has already quoted it."""
    plain = _SPACES.sub("", text)
    if not _LOOKS_NUMERIC.match(plain):
        return "不是数字"
    huge = _bounded(plain.replace(",", "").replace("，", "").replace("−", "-")) is None
    if "e" in plain.lower():
        return "是科学计数法，不是印出的金额" + ("，且超出金额的范围（绝对值应小于 10 的 15 次方）" if huge else "")
    if "," in plain or "，" in plain:
        return _separators_slip(plain)
    if plain.count(".") > 1:
        return "有不止一个小数点"
    if printed_amount(plain) is None and _PLAIN.match(plain.replace("−", "-")):
        return f"超出金额的范围（绝对值应小于 10 的 15 次方，小数至多 {MAX_FRACTION} 位）"
    return "不是金额的写法"


def _separators_slip(plain: str) -> str:
    """Why a figure with thousands separators is not an amount: half- and full-width ones mixed before its point, or
    one out of place."""
    head = plain.split(".")[0]
    if "," in head and "，" in head:
        return "千位分隔符混用了半角“,”与全角“，”"
    return MISPLACED_SEPARATORS


def _bounded(text: str) -> Decimal | None:
    try:
        return bounded(Decimal(text))
    except InvalidOperation:
        return None


def bounded(value: Decimal) -> Decimal | None:
    """``value`` where it is a finite amount within :data:`LIMIT`, else None (a cell typed as a number
    by a workbook goes through here: ``1e400`` is a float there, or infinity)."""
    if not value.is_finite() or abs(value) >= LIMIT:
        return None
    exponent = value.as_tuple().exponent
    if isinstance(exponent, int) and exponent < -MAX_FRACTION:
        return None
    return value


def tail_step(unit: str, values: list[Decimal]) -> Decimal:
    """The step a total may miss its printed parts by, a half for each (a table's 尾数): rounding_step, but in 万元
    the last place every figure prints where each prints as many, more than two and at most six (北京's tables of
    59,014.086000 万元 print the 分: 48,224.298912 + 10,789.787088 makes it to the last digit). A workbook's cells
    kept unrounded print as many places as each happens to have: their step stays 0.01."""
    places = {_places(v) for v in values if v}
    if unit == "万元" and len(places) == 1 and 2 < min(places) <= _FEN_IN_WAN:
        return Decimal(1).scaleb(-min(places))
    return rounding_step(unit, values)


_FEN_IN_WAN = 6  # the places of 万元 that print the 分


def _places(value: Decimal) -> int:
    """The decimal places a figure is printed to (59,014.086000: 6)."""
    exponent = value.as_tuple().exponent
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0


_HUNDRED = Decimal(100)
# the figures a table in 元 prints, every one a whole hundred, that say it was kept to 0.01 万元 (a system holding
# 万元 to two places exporting in 元): enough of them that a few round figures by chance do not
_HUNDREDS_LEAST = 5


def rounding_step(unit: str, values: list[Decimal]) -> Decimal:
    """The step a table's figures were rounded to, in its unit: 0.01 in 万元; in 元, 100 where every figure is
    a whole hundred (at least five not zero: kept to 0.01 万元 and exported in 元), 1 where every one is whole
    (the 分 rounded off), 0 where it prints the 分 (exact)."""
    if unit == "万元":
        return Decimal("0.01")
    if not values or any(v != v.to_integral_value() for v in values):
        return Decimal(0)
    hundreds = [v for v in values if v]
    return _HUNDRED if len(hundreds) >= _HUNDREDS_LEAST and all(v % _HUNDRED == 0 for v in hundreds) else Decimal(1)

