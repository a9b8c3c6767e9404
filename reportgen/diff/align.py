"""Aligning two sequences (sections, paragraphs, rows, columns) by their keys and likeness, so
that an inserted one shows as inserted and shifts nothing after it."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from difflib import SequenceMatcher

from reportgen.diff.text import SIMILAR

# --- alignment ----------------------------------------------------------------------------------

Pair = tuple[int | None, int | None]


def align(old_keys: Sequence[str], new_keys: Sequence[str], score: Callable[[int, int], float]) -> list[Pair]:
    """Order-preserving alignment: equal keys first, then within each changed stretch the pairs
    that score at least SIMILAR (best total); whatever is left is deleted or inserted."""
    pairs: list[Pair] = []
    matcher = SequenceMatcher(None, list(old_keys), list(new_keys), autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            pairs += [(i1 + k, j1 + k) for k in range(i2 - i1)]
        elif tag == "delete":
            pairs += [(i, None) for i in range(i1, i2)]
        elif tag == "insert":
            pairs += [(None, j) for j in range(j1, j2)]
        else:
            pairs += _pair_stretch(list(range(i1, i2)), list(range(j1, j2)), score)
    return pairs


def _pair_stretch(olds: list[int], news: list[int], score: Callable[[int, int], float]) -> list[Pair]:
    """Best order-preserving pairing of two short stretches (a small LCS-like DP on scores)."""
    scores = [[score(o, j) for j in news] for o in olds]
    return _best_path(olds, news, scores, _best_totals(scores, len(olds), len(news)))


def _best_totals(scores: list[list[float]], m: int, n: int) -> list[list[float]]:
    """The best total score of pairing the stretches from each (old, new) place on (pairs below SIMILAR not taken)."""
    best = [[0.0] * (n + 1) for _ in range(m + 1)]
    for i in range(m - 1, -1, -1):
        for j in range(n - 1, -1, -1):
            take = scores[i][j] + best[i + 1][j + 1] if scores[i][j] >= SIMILAR else -1.0
            best[i][j] = max(take, best[i + 1][j], best[i][j + 1])
    return best


def _best_path(olds: list[int], news: list[int], scores: list[list[float]], best: list[list[float]]) -> list[Pair]:
    """The pairing the best totals lead to: each step a pair taken, an old item dropped or a new one added."""
    m, n = len(olds), len(news)
    pairs: list[Pair] = []
    i = j = 0
    while i < m and j < n:
        if scores[i][j] >= SIMILAR and best[i][j] == scores[i][j] + best[i + 1][j + 1]:
            pairs.append((olds[i], news[j]))
            i += 1
            j += 1
        elif best[i][j] == best[i + 1][j]:
            pairs.append((olds[i], None))
            i += 1
        else:
            pairs.append((None, news[j]))
            j += 1
    pairs += [(olds[k], None) for k in range(i, m)]
    pairs += [(None, news[k]) for k in range(j, n)]
    return pairs
