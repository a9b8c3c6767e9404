"""The “三公” table's columns placed by its own sums where its header gives one item to two of them.

A “三公” table's header is a group over parts: 公务用车购置及运行维护费 over 小计 | 购置费 | 运行费, beside 合计,
因公出国（境）费 and 公务接待费. A PDF's reader may set a group's span over fewer columns than it heads, or two header
cells over one column: 重庆市委宣传部 2026 sets 公务用车购置及运行费 over 购置费 and 运行费 only, its 小计 under the
因公出国（境）费 cell beside it (both columns read 因公出国（境）费, 275.80 | 100.00 | 112.00 | | 112.00 | 63.80);
国家信访局 2026 sets 合计 over five columns and 因公出国（境）费 over three, the two ranges sharing the column of 112.61
(read 因公出国（境）费 beside the item's own 68.50). The table's identities say which is which: its 合计 is the items'
sum (因公出国（境）费 + 公务用车购置及运行维护费 + 公务接待费, or the vehicles' two parts for their sum), the vehicles'
sum is its two parts'. Where one item is given to exactly two columns printing amounts and one meaning — the
table's 合计 or the vehicles' sum — to none, each of the two is tried as that meaning: the reading taken is the one
under which every identity the table prints holds on every row (to one unit of the last printed place: by_arithmetic
.adds_up), and only where the other reading fails one. Any other table, or a reading both or neither way, is left as
its header gave it (sure.py tells it is not read for sure). Pure arithmetic over what recognize.py read of the body."""

from __future__ import annotations

from reportgen.importing.recognition.by_arithmetic import Printed, adds_up

_TOTALS = ("“三公”合计", "合计")  # the table's own total, as its header words name it
_TOTAL = "合计"
_ABROAD = "因公出国（境）费"
_VEHICLES = "公务用车购置及运行维护费"
_PARTS = ("公务用车购置费", "公务用车运行维护费")
_RECEPTION = "公务接待费"
_PAIR = 2


def items_by_sums(printed: Printed, meanings: dict[int, str]) -> dict[int, str]:
    """``meanings`` of a “三公” table with the one item given to two columns of amounts placed by the table's
    sums (see the module); as they are where the sums do not tell one reading."""
    amounts = {col: meaning for col, meaning in meanings.items() if printed.figures.get(col)}
    item, missing = _item_twice(list(amounts.values()))
    if item is None or missing is None:
        return meanings
    readings = [{**amounts, col: missing} for col, meaning in amounts.items() if meaning == item]
    holding = [reading for reading in readings if _sums_hold(printed, {**meanings, **reading}, missing)]
    return {**meanings, **holding[0]} if len(holding) == 1 else meanings


def _item_twice(given: list[str]) -> tuple[str | None, str | None]:
    """The one item given to exactly two of the columns printing amounts, and the one meaning — the table's 合计 or
    the vehicles' sum — given to none of them; (None, None) where there is not exactly one of each."""
    twice = {meaning for meaning in given if given.count(meaning) == _PAIR and meaning in (_ABROAD, _VEHICLES,
                                                                                           _RECEPTION, *_PARTS)}
    if len(twice) != 1 or any(given.count(meaning) > _PAIR for meaning in given):
        return None, None
    missing = [meaning for meaning in (_TOTAL, _VEHICLES) if not set(_words_of(meaning)) & set(given)]
    return (twice.pop(), missing[0]) if len(missing) == 1 else (None, None)


def _words_of(meaning: str) -> tuple[str, ...]:
    """The header words a meaning is given as: the table's 合计 by either of its names."""
    return _TOTALS if meaning == _TOTAL else (meaning,)


def _sums_hold(printed: Printed, reading: dict[int, str], placed: str) -> bool:
    """Whether every identity of the “三公” table ``reading`` prints holds, the one of the meaning ``placed``
    among them. A meaning given to a column printing no amount as well as to one printing amounts is the latter's
    (a blank part is 0)."""
    cols = {meaning: col for col, meaning in sorted(reading.items(), key=lambda kept: bool(printed.figures.get(kept[0])))}
    identities = _identities(cols)
    return placed in identities and all(adds_up(printed, whole, parts) for whole, parts in identities.values())


def _identities(cols: dict[str, int]) -> dict[str, tuple[int, list[int]]]:
    """The identities a reading's columns print, each as its whole's column and its parts': the table's 合计 = its
    items (the vehicles as their sum, else as their two parts), the vehicles' sum = its two parts."""
    found: dict[str, tuple[int, list[int]]] = {}
    total, parts = _total(cols), [cols[part] for part in _PARTS if part in cols]
    items = [cols[item] for item in (_ABROAD, _RECEPTION) if item in cols] + _vehicles(cols, parts)
    if total is not None and items:
        found[_TOTAL] = (total, items)
    if _VEHICLES in cols and len(parts) == len(_PARTS):
        found[_VEHICLES] = (cols[_VEHICLES], parts)
    return found


def _total(cols: dict[str, int]) -> int | None:
    """The table's 合计 column, by either of its names; None where the reading has none."""
    return next((cols[word] for word in _TOTALS if word in cols), None)


def _vehicles(cols: dict[str, int], parts: list[int]) -> list[int]:
    """The vehicles' columns among the table's items: their sum's, else their parts'."""
    return [cols[_VEHICLES]] if _VEHICLES in cols else parts
