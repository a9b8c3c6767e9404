"""Figures never broken across lines: a figure with its unit (1,234.56万元, 57.8%, 第 9 页, 2026年) is
one piece wherever a review's findings are set — a page keeps it in a ``nowrap`` span
(:func:`nowrap_html`), a DOCX joins its characters with word joiners (:func:`joined`), the annotated
PDF's legend page breaks its lines only between the pieces :func:`pieces` gives. The text itself is
never changed: the span and the joiners are added around and between its own characters."""

from __future__ import annotations

import re

from markupsafe import Markup, escape

from reportgen.base.errors import visible_text
from reportgen.base.patterns import regex

WORD_JOINER = "\u2060"  # Unicode's “no break here” (UAX #14 class WJ), zero width
# The units a figure is printed with in a budget text and in a review's findings, longest first.
_UNITS = ("万亿元|亿元|万元|千元|元|个百分点|百分点|%|％|‰|倍|万人|万|亿|页|行|列|类|款|项|个|人|名|辆|台（套）|台|套|"
          "次|户|家|所|年度|年|月|日|天|平方米|米|公里")
_NUMBER = r"[-−]?(?:\d{1,3}(?:[,，]\d{3})+|\d+)(?:\.\d+)?"
# a space stands between a figure and its unit only as a review writes a place: 第 9 页, 第 12 行
# (never the tail of a word: the 202 of [U+202E], the 3 of R3)
FIGURE = regex(rf"(?<![A-Za-z0-9.+_])第[ \u00a0]?{_NUMBER}(?:[ \u00a0]?[页行列条项])?|(?<![A-Za-z0-9.+_]){_NUMBER}(?:{_UNITS})?")
_WORD = regex(r"[A-Za-z0-9][A-Za-z0-9_.\-]*")  # a Latin word or rule id (R-核对's R-): kept whole too
# Chinese line breaking: a closing sign stays with the piece before it, an opening one with the piece after it.
_OPENING = "（(“‘《〈【「『["
_CLOSING = "、，。；：！？）)”’》〉】」』],.;:!?"
_DIGITS = regex(r"[0-9,.，]")


def pieces(text: str) -> list[str]:
    """``text`` cut where a line may break: a figure with its unit, a Latin word, a space or any other
    single character, each closing sign joined to the piece before it and each opening sign to the
    piece after it. The pieces put together are ``text``."""
    found: list[str] = []
    at = 0
    while at < len(text):
        match = FIGURE.match(text, at) or _WORD.match(text, at)
        end = match.end() if match else at + 1
        found.append(text[at:end])
        at = end
    merged: list[str] = []
    for piece in found:
        if merged and (piece in _CLOSING or merged[-1][-1] in _OPENING):
            merged[-1] += piece
        else:
            merged.append(piece)
    return merged


def nowrap_html(text: str) -> Markup:
    """``text`` escaped, each figure with its unit in a ``<span class="nowrap">`` (the page's CSS:
    white-space: nowrap). Only the span is markup: nothing of the text is, which is made visible first
    (errors.visible_text: an invisible character written [U+XXXX])."""
    text = visible_text(str(text))
    out, at = [], 0
    for match in FIGURE.finditer(text):
        if len(match.group()) == 1:  # a single digit does not break
            continue
        out.append(escape(text[at:match.start()]))
        out.append(Markup('<span class="nowrap">%s</span>') % match.group())
        at = match.end()
    out.append(escape(text[at:]))
    return Markup("").join(out)


def plain(text: str) -> str:
    """What the ``figures`` filter gives in plain text (a terminal's, a legend page's): the text as it is."""
    return text


def joined(text: str) -> str:
    """``text`` with a word joiner wherever a line could break inside a figure with its unit (between
    a digit and its unit, inside the unit, around a space): for a DOCX, whose readers (LibreOffice,
    Word) break no line at a word joiner. Not for the XLSX or any text compared or searched."""
    return FIGURE.sub(_join, text)


def _join(match: re.Match[str]) -> str:
    figure = match.group()
    out = [figure[0]]
    for before, after in zip(figure, figure[1:], strict=False):
        if not (_DIGITS.fullmatch(before) and _DIGITS.fullmatch(after)):
            out.append(WORD_JOINER)
        out.append(after)
    return "".join(out)
