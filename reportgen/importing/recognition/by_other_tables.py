"""A column's meaning told by the figure another table of the document prints for the same thing.

A column of amounts whose header words name nothing known (a group's 小计 under words no vocabulary holds: 西安市行政
审批服务局 2025's 支出总表 prints 公共预算拨款 over 小计 | 其中：…, its 收入总表 一般公共预算拨款 over the same two) is
given a total's meaning by its own word (小计), and by_arithmetic.py reads a second total beside the table's 合计 as
this year's (本年收入合计 / 本年支出合计: 合计 less 上年结转). Where the table's own arithmetic refutes that — the 合计
is, on every row, that column and the table's named parts (the funds, 上年结转) together, so the column is one of the
parts, not their sum — the part it is is the one meaning another table of the same file gives a column printing the
same figures on the same rows (the rows known by their printed labels: a unit's code and name), a meaning the table
gives no column yet. A "其中" column right of it, read as a part of the total it was given, is a part of that meaning.

Taken only where exactly one column of the other tables fits, on two rows at least (one row proves nothing) and on
every row the column prints; else the columns keep what they were given, and the table's relations are told
未能核对 as before (budget/verified.py). Pure arithmetic over what recognize.py read: no table kind, no header word."""

from __future__ import annotations

from dataclasses import dataclass

from reportgen.importing.recognition.by_arithmetic import (
    _LABELS,
    THIS_YEAR_INCOME,
    THIS_YEAR_SPENDING,
    Printed,
    adds_up,
)

_YEAR_TOTALS = (THIS_YEAR_INCOME, THIS_YEAR_SPENDING)  # a second total read by arithmetic, a column no field holds
_TOTALS = ("合计", "预算数", *_YEAR_TOTALS)
_PART = "·"  # “meaning·words”: a part of a column, or a column of another year, not a part of the 合计
_IN_WHICH = "其中"
_LEAST_ROWS = 2


@dataclass(frozen=True)
class Read:
    """One table as recognize.py read it: its columns' meanings, what its body prints, and each body row's label
    (the words and codes its label columns print, joined; "" for none) by its row in the grid."""

    meanings: dict[int, str]
    printed: Printed
    labels: dict[int, str]


def by_other_tables(tables: list[Read]) -> list[dict[int, str]]:
    """Each table's meanings with its second total that is one of its parts named by the other tables (module doc)."""
    return [_with_part_named(read, [other for other in tables if other is not read]) for read in tables]


def _with_part_named(read: Read, others: list[Read]) -> dict[int, str]:
    out = dict(read.meanings)
    for col, meaning in sorted(read.meanings.items()):
        if meaning not in _YEAR_TOTALS or not _a_part(read, col):
            continue
        found = {named for other in others for named in _same_figures(read, col, other)}
        if len(found) == 1:
            named = found.pop()
            out[col] = named
            out.update(_its_part(out, col, named))
    return out


def _a_part(read: Read, col: int) -> bool:
    """Whether the table's 合计 is, on every row printing it, ``col`` and the named parts together (each once)."""
    totals = [c for c, m in read.meanings.items() if m == "合计" and c < col]
    parts = [c for c, m in read.meanings.items() if c != col and _is_part(m)]
    return len(totals) == 1 and adds_up(read.printed, totals[0], [col, *parts], _LEAST_ROWS, exact=True)


def _is_part(meaning: str) -> bool:
    """Whether ``meaning`` is one of the parts a table's 合计 adds up: no total's, label's, nor a part's of a column."""
    return meaning not in _TOTALS and meaning not in _LABELS and _PART not in meaning


def _same_figures(read: Read, col: int, other: Read) -> list[str]:
    """The meanings ``other`` gives a column printing, on each row of ``read`` printing ``col`` (found in ``other``
    by its label), the same figure — meanings ``read`` gives no column, nor a total's or a part's."""
    rows = read.printed.figures.get(col, {})
    matched = _rows_matched(read, list(rows), other)
    if len(matched) < max(len(rows), _LEAST_ROWS) or not any(rows.values()):
        return []
    return [meaning for c, meaning in other.meanings.items()
            if _is_part(meaning) and meaning not in read.meanings.values()
            and all(other.printed.figures.get(c, {}).get(there) == rows[row] for row, there in matched)]


def _rows_matched(read: Read, rows: list[int], other: Read) -> list[tuple[int, int]]:
    """Each of ``rows`` of ``read`` with the row of ``other`` printing its label; [] where ``other`` prints a label
    twice (its rows not told apart)."""
    labelled = [label for label in other.labels.values() if label]
    if len(set(labelled)) != len(labelled):
        return []
    where = {label: row for row, label in other.labels.items() if label}
    return [(row, where[label]) for row in rows if (label := read.labels.get(row, "")) in where]


def _its_part(meanings: dict[int, str], col: int, named: str) -> dict[int, str]:
    """The “其中” column right of ``col``, read as a part of another total: a part of ``named``."""
    right = meanings.get(col + 1, "")
    whole, _, words = right.partition(_PART)
    return {col + 1: f"{named}{_PART}{words}"} if whole in _TOTALS and words.startswith(_IN_WHICH) else {}
