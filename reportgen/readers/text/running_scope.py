"""Whether a text says its 机关运行经费 counts projects' money (江苏 2017: “2017年将涉及机关运行的项目经费支出纳入了
本表”): import writes such a sentence as 机关运行经费.说明, check then holds the figure to no 公用经费, review reads it
off a document. Light on purpose: check imports it on every render, and the words are read only when a text is."""

from __future__ import annotations

import functools
from pathlib import Path

import yaml

from reportgen.base.patterns import regex

_SENTENCE = regex(r"[^。；;]+")
_CLAUSE = regex(r"[，,：:]")
_YEAR = regex(r"(\d{4})\s*年")


@functools.lru_cache(maxsize=1)
def running_costs_with_projects() -> dict[str, tuple[str, ...]]:
    """The words of a clause saying the 机关运行经费 counts projects' money (vocabulary.yaml 机关运行经费计入项目的说法)."""
    words = yaml.load(Path(__file__).with_name("vocabulary.yaml").read_text(encoding="utf-8"),
                      Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))["机关运行经费计入项目的说法"]
    return {role: tuple(said) for role, said in words.items()}


@functools.lru_cache(maxsize=4)  # a review asks it of one document's text twice, the import once more of its parts
def running_costs_scope(text: str, year: int | None) -> tuple[int, int] | None:
    """Where ``text`` says, of ``year``, that its 机关运行经费 counts projects' money: (start, end) of the sentence,
    None where it does not. A clause speaks of the year it names, or of 别年, and so do the clauses after it in its
    sentence; the clauses before a year is named speak of ``year`` (江苏省人民检察院 2018 “2017 年将……项目经费支出
    纳入了本表，如……均计入机关运行费支出中” is of 2017)."""
    if not text:
        return None
    words = running_costs_with_projects()
    for sentence in _SENTENCE.finditer(text):
        if not _has_roles(sentence.group(), words):  # no clause of it can say so: its years not weighed
            continue
        own = True
        for clause in _CLAUSE.split(sentence.group()):
            own = _of_the_year(clause, year, words, own)
            if own and _counts_projects(clause, words):
                return sentence.span()
    return None


def _of_the_year(clause: str, year: int | None, words: dict[str, tuple[str, ...]], before: bool) -> bool:
    """Whether a clause speaks of ``year``: the year it names, not 别年; one that names neither as the clause
    before it (``before``)."""
    named = _YEAR.search(clause)
    if named is None and not any(w in clause for w in words["别年"]):
        return before
    return named is not None and year is not None and int(named.group(1)) == year \
        and not any(w in clause for w in words["别年"])


def _counts_projects(clause: str, words: dict[str, tuple[str, ...]]) -> bool:
    """Whether a clause says the 机关运行经费 counts projects' money: the words of each of its roles, none of 除非."""
    return _has_roles(clause, words) and not any(w in clause for w in words["除非"])


def _has_roles(text: str, words: dict[str, tuple[str, ...]]) -> bool:
    """Whether ``text`` holds a word of each role a clause counting projects' money has."""
    return all(any(w in text for w in words[role]) for role in ("项目", "计入", "何处"))
