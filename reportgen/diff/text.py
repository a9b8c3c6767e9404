"""Text diffs: a sentence compared character by character, numbers (1,270.13, 0.27%) kept
whole, and years that moved on with the documents (2021年 → 2022年) told apart as year shifts."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from typing import Literal

from reportgen.base.patterns import regex

Status = Literal["equal", "changed", "inserted", "deleted"]
SpanOp = Literal["equal", "insert", "delete", "replace", "year"]
ItemKind = Literal["title", "subtitle", "heading", "paragraph", "table"]

# A number as a reader sees one: thousands separators, decimals and a trailing % stay together.
# The look-behind keeps "2021-2022" from reading as 2021 and −2022.
_TOKEN = regex(r"(?<![A-Za-z0-9.])-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?%?|\s+|[A-Za-z]+|.", re.S)
YEAR = regex(r"(?<![0-9])(1[89]\d\d|20\d\d)(?=\s*年)")
_SPACE = regex(r"\s+")
_YEAR_KEY = "\x00年份"

SIMILAR = 0.5  # two paragraphs (or rows) at least this alike are one changed paragraph
COVERED = 0.75  # … or when this share of the shorter one is found in the longer
COVER_MIN = 8  # … and the shorter one has at least this many characters



# --- text ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Span:
    """A run of a text diff. ``replace`` holds both sides; ``year`` is a year shift (2021 → 2022)."""

    op: SpanOp
    old: str
    new: str


@dataclass
class TextDiff:
    spans: list[Span] = field(default_factory=list)

    @property
    def old_text(self) -> str:
        return "".join(s.old for s in self.spans)

    @property
    def new_text(self) -> str:
        return "".join(s.new for s in self.spans)

    def changed(self, with_years: bool = False) -> bool:
        """True when the two sides differ beyond year shifts (or at all, ``with_years``)."""
        return any(s.op not in ("equal", "year") or (with_years and s.op == "year") for s in self.spans)

    @property
    def years(self) -> list[Span]:
        return [s for s in self.spans if s.op == "year"]


@dataclass(frozen=True)
class _Token:
    text: str
    key: str
    number: bool
    year: bool


def tokens(text: str) -> list[_Token]:
    tokens = []
    for match in _TOKEN.finditer(text):
        piece = match.group(0)
        number = piece[0].isdigit() or (len(piece) > 1 and piece[0] == "-" and piece[1].isdigit())
        year = False
        if number and len(piece) == 4 and piece.isdigit() and 1800 <= int(piece) <= 2099:
            rest = text[match.end():match.end() + 4].lstrip()
            year = rest.startswith("年")
        tokens.append(_Token(piece, _YEAR_KEY if year else piece, number, year))
    return tokens


def is_number(text: str) -> bool:
    """True when ``text`` is one number token (a figure, possibly with separators or %)."""
    found = tokens(text)
    return len(found) == 1 and found[0].number


def _cleanup(opcodes: Sequence[tuple[str, int, int, int, int]], old: list[_Token]) -> list[tuple[str, int, int, int, int]]:
    """Fold a one-character equal run between two changes into the change around it.

    A character diff of two Chinese phrases matches stray common characters (增加 / 减少 share
    nothing, but 增长 / 下降 … 万元 may): such islands make a redline unreadable.
    """
    ops = list(opcodes)
    changed = True
    while changed:
        changed = False
        for k in range(1, len(ops) - 1):
            before, after = ops[k - 1], ops[k + 1]
            if _island(ops[k], before[0], after[0], old):
                ops[k - 1:k + 2] = [("replace", before[1], after[2], before[3], after[4])]
                changed = True
                break
    return ops


def _island(op: tuple[str, int, int, int, int], before: str, after: str, old: list[_Token]) -> bool:
    """Whether an equal run is a stray island between two changes (``before`` and ``after``: their tags): one
    character, no figure, no space, and not text added (or taken away) on both sides of it (then it is real)."""
    tag, i1, i2, _, _ = op
    if tag != "equal" or before == "equal" or after == "equal":
        return False
    if before == after and before in ("insert", "delete"):
        return False  # text added (or taken away) on both sides of it: the island is real
    token = old[i1]
    return i2 - i1 == 1 and not token.number and not token.text.isspace()


def diff_text(old: str, new: str, year_step: int = 0) -> TextDiff:
    """Character diff with numbers whole; a year that moved on by ``year_step`` is a ``year`` span."""
    if old == new:
        return TextDiff([Span("equal", old, new)] if old else [])
    a, b = tokens(old), tokens(new)
    matcher = SequenceMatcher(None, [t.key for t in a], [t.key for t in b], autojunk=False)
    spans: list[Span] = []
    for tag, i1, i2, j1, j2 in _cleanup(matcher.get_opcodes(), a):
        if tag == "equal":
            spans += [_matched(ta, tb, year_step) for ta, tb in zip(a[i1:i2], b[j1:j2], strict=True)]
        else:
            spans.append(_changed(a[i1:i2], b[j1:j2]))
    return TextDiff(_merge(spans))


def _matched(ta: _Token, tb: _Token, year_step: int) -> Span:
    """Two tokens the matcher paired (by key): equal, a year moved on by ``year_step``, or replaced."""
    if ta.text == tb.text:
        return Span("equal", ta.text, tb.text)
    if ta.year and tb.year and int(ta.text) + year_step == int(tb.text) and year_step:
        return Span("year", ta.text, tb.text)
    return Span("replace", ta.text, tb.text)


def _changed(old: list[_Token], new: list[_Token]) -> Span:
    """The tokens between matches: replaced, deleted or inserted, as one span."""
    old_part = "".join(t.text for t in old)
    new_part = "".join(t.text for t in new)
    op: SpanOp = "replace" if old_part and new_part else ("delete" if old_part else "insert")
    return Span(op, old_part, new_part)


def _merge(spans: list[Span]) -> list[Span]:
    """Join neighbouring spans of one kind (years stay one per span: each is counted)."""
    out: list[Span] = []
    for span in spans:
        if out and out[-1].op == span.op and span.op in ("equal", "replace", "insert", "delete"):
            out[-1] = Span(span.op, out[-1].old + span.old, out[-1].new + span.new)
        elif out and {out[-1].op, span.op} in ({"delete", "insert"}, {"replace", "insert"}, {"replace", "delete"}):
            out[-1] = Span("replace", out[-1].old + span.old, out[-1].new + span.new)
        else:
            out.append(span)
    return out


def inserted(text: str) -> TextDiff:
    return TextDiff([Span("insert", "", text)] if text else [])


def deleted(text: str) -> TextDiff:
    return TextDiff([Span("delete", text, "")] if text else [])


def shift_years(text: str, step: int) -> str:
    """``text`` with every year (a 4-digit number before 年) moved on by ``step``."""
    if not step:
        return text
    return YEAR.sub(lambda m: str(int(m.group(1)) + step), text)


def normalized(text: str) -> str:
    return _SPACE.sub("", text)


def similarity(a: str, b: str) -> float:
    """How alike two texts are (0–1), by character; cheap bounds first.

    A sentence that gained a clause (比2021年增加3.39万元…) or a reason may fall under the plain
    ratio; when nearly all of the shorter text (COVERED) is found in the longer, it still counts
    as SIMILAR: the same paragraph, rewritten.
    """
    if a == b:
        return 1.0
    if not a or not b:
        return 0.0
    return _judged(SequenceMatcher(None, a, b, autojunk=False), a, b)


class Alike:
    """``similarity`` over many pairs of the same texts (a stretch of paragraphs scored each against each), the same
    scores: each text's characters counted once, not again for every pair (difflib's quick_ratio counts both texts
    per call), the count shared with another summed at C speed; and each second text's matcher — its index of
    characters, which difflib builds from scratch for every pair — made once, for the pairs that pass that bound. The
    published check of another department's 广州 document (2 stretches of about 363 × 370 paragraphs) 24 → 9.6 s of CPU.
    A pair that passes it is bounded again, by the longest subsequence the two texts share (_common_length: difflib's
    matching blocks are such a subsequence, so their size is at most its length): a pair that cannot reach SIMILAR or
    COVERED by it scores 0.0 before difflib looks for its blocks (below SIMILAR a score only says "not alike", as the
    first bound's 0.0 does). Four published checks of two regions' documents (fresh1: 广州/珠海, 无锡/长春, 国家信访局's
    决算/预算, 烟台/长沙) 6.1 → 3.2 s of CPU, their diffs and figures the same to the byte."""

    def __init__(self) -> None:
        self._matchers: dict[str, SequenceMatcher[str]] = {}
        self._counts: dict[str, Counter[str]] = {}
        self._places: dict[str, dict[str, int]] = {}

    def __call__(self, a: str, b: str) -> float:
        if a == b:
            return 1.0
        if not a or not b:
            return 0.0
        ca, cb = self._count(a), self._count(b)
        shared = ca.keys() & cb.keys()
        bound = 2.0 * sum(map(min, map(ca.__getitem__, shared), map(cb.__getitem__, shared))) / (len(a) + len(b))
        if _unlike(bound, a, b):  # difflib's quick_ratio, to the bit
            return 0.0
        places = self._places.get(b)
        if places is None:
            places = self._places[b] = _places(b)
        if _unlike(2.0 * _common_length(a, b, places) / (len(a) + len(b)), a, b):
            return 0.0
        matcher = self._matchers.get(b)
        if matcher is None:
            matcher = self._matchers[b] = SequenceMatcher(None, "", b, autojunk=False)
        matcher.set_seq1(a)
        return _judged(matcher, a, b, bound)

    def _count(self, text: str) -> Counter[str]:
        found = self._counts.get(text)
        if found is None:
            found = self._counts[text] = Counter(text)
        return found


def _places(text: str) -> dict[str, int]:
    """Each character of ``text`` → the bits of the places it stands at (bit k: text[k])."""
    places: dict[str, int] = {}
    for k, char in enumerate(text):
        places[char] = places.get(char, 0) | 1 << k
    return places


def _common_length(a: str, b: str, places: dict[str, int]) -> int:
    """The length of the longest subsequence ``a`` and ``b`` share (``places``: _places(b)), by the bit-parallel
    algorithm of Allison and Dix (as Hyyrö words it): one pass over ``a``, b's places a row of bits."""
    full = (1 << len(b)) - 1
    row = full
    for char in a:
        matched = row & places.get(char, 0)
        row = ((row + matched) | (row - matched)) & full
    return len(b) - row.bit_count()


def _unlike(bound: float, a: str, b: str) -> bool:
    """Neither as alike as SIMILAR nor COVERED, by ``bound``, an upper bound of the ratio (quick_ratio's)."""
    shorter = min(len(a), len(b))
    return bound < SIMILAR and (shorter < COVER_MIN or bound * (len(a) + len(b)) / 2 < COVERED * shorter)


def _judged(matcher: SequenceMatcher[str], a: str, b: str, bound: float | None = None) -> float:
    if _unlike(matcher.quick_ratio() if bound is None else bound, a, b):
        return 0.0
    shorter = min(len(a), len(b))
    ratio = matcher.ratio()
    if ratio >= SIMILAR or shorter < COVER_MIN:
        return ratio
    matched = sum(block.size for block in matcher.get_matching_blocks())
    return SIMILAR if matched >= COVERED * shorter else ratio
