"""A column's header path (the group words over its own word), where the PDF's reading left a column of a group
outside it: a group header's words are centred over its columns, and in a header of many lines the word may be read
over fewer columns than it heads.

长春市信访局 2026's 项目支出表 prints 一般公共预算 | 政府性基金预算 | 国有资本经营预算 twice, under 本年财政拨款 and
under 财政拨款结转; the second group's word, centred over its three columns, was read over the last two only: the
first one's path was its own word alone, 一般公共预算, as the first group's first column's child word — one meaning
given to two columns. A column headed by its own word alone, beside a group whose columns with it print the same own
words in the same order as another group's columns, is of that group: its path is the group's words over its own."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class _Run:
    """Columns side by side under the same group words, each heading other columns: a group's columns in turn."""
    group: tuple[str, ...]
    cols: tuple[int, ...]
    own: tuple[str, ...]  # each column's own word, in turn


def groups_completed(texts: dict[int, list[str]],
                     groups: dict[int, list[bool]]) -> tuple[dict[int, list[str]], dict[int, list[bool]]]:
    """``texts`` (each column's header words, top down) and ``groups`` (whether each word heads other columns too),
    each column headed by its own word alone given the group words of the run beside it that its word completes
    into another group's own words (_completed); the rest as they are."""
    runs = _runs(texts, groups)
    out, heads = dict(texts), dict(groups)
    for col, words in texts.items():
        if len(words) == 1 and (group := _completed(col, words[0], runs)) is not None:
            out[col] = [*group, words[0]]
            heads[col] = [True] * len(group) + groups[col][-1:]
    return out, heads


def _runs(texts: dict[int, list[str]], groups: dict[int, list[bool]]) -> list[_Run]:
    """The runs of two columns or more side by side under the same group words."""
    runs: list[_Run] = []
    for col in sorted(texts):
        words, heads = texts[col], groups[col]
        if len(words) < 2 or not all(heads[:-1]):
            continue
        group = tuple(words[:-1])
        if runs and runs[-1].group == group and runs[-1].cols[-1] == col - 1:
            last = runs.pop()
            runs.append(_Run(group, (*last.cols, col), (*last.own, words[-1])))
        else:
            runs.append(_Run(group, (col,), (words[-1],)))
    return [run for run in runs if len(run.cols) > 1]


def _completed(col: int, word: str, runs: list[_Run]) -> tuple[str, ...] | None:
    """The group words of the run just left or right of ``col`` whose own words with ``word`` beside them are another
    group's own words, in turn; None where there is no such run (or two)."""
    found = set()
    for run in runs:
        if run.cols[0] == col + 1:
            joined = (word, *run.own)
        elif run.cols[-1] == col - 1:
            joined = (*run.own, word)
        else:
            continue
        if any(other.group != run.group and other.own == joined for other in runs):
            found.add(run.group)
    return found.pop() if len(found) == 1 else None
