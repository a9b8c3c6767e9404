"""The parts of a disclosure (三公经费, 机关运行经费, 国有资产 …) a document prints, whether or not the
import read them: a part it prints is never written 不公开 — what the reading missed stays unknown (check
lists it as missing), never a statement of the document's (烟台市水利局 2026 prints “三、机关运行经费情况 …
安排134.33万元” and “六、国有资产占有使用情况” under headings no reader of the text places)."""

from __future__ import annotations

from collections.abc import Iterable

from reportgen.base.patterns import regex
from reportgen.readers.text.statements import bounded, not_part_words, other_names, part_words

_NUMBERED = regex(r"^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[)）]|\d+[.、．])")
_HEADING = 30  # characters at most of a heading line
_SENTENCE = regex(r"[。；;，,]")
_AMOUNT = regex(r"\d[\d,，.]*\s*万?元")
_CLAUSE_END = regex(r"[。；]")
_REACH = 20  # characters at most between the part's word and its amount
_QUOTES = str.maketrans("", "", "“”\"‘’'「」")
# the word, then a definition (“机关运行经费：指为保障行政单位…”, “三公”经费指…): a 名词解释's entry, which a
# document prints whether or not it has the part
_DEFINED = regex(r"[^，。；：:\d]{0,4}?[：:]?\s*指")


def printed_parts(texts: Iterable[str]) -> set[str]:
    """The parts whose words ``texts`` (a document's lines) print as a part of their own."""
    lines = ["".join(text.split()).translate(_QUOTES) for text in texts]
    others, names = not_part_words(), other_names()
    return {part for part, words in part_words().items()
            if any(word in line and prints_part(line, word, others.get(part, ()), names.get(part, ()))
                   for line in lines for word in words)}  # (a line without the word gives no part: not asked)


def prints_part(text: str, word: str, others: tuple[str, ...] = (), names: tuple[str, ...] = ()) -> bool:
    """Whether a printed line gives the part ``word`` names: a numbered heading naming it (三、机关运行经费情况),
    never by a longer word of ``others`` that begins where it stands (“十二、项目支出绩效目标表”: a 绩效目标, no
    绩效管理); or the word with an amount after it (机关运行经费安排133.02万元, “编报绩效目标的项目共4个，涉及项目预算
    资金2,912.55万元”) — never its definition in 名词解释 (“机关运行经费：指为保障行政单位…”), which a document
    prints whether or not it has the part; nor by a word of ``names`` that begins where it stands, before an amount
    too (“（4）绩效工资（款）支出 36.28 万元”: the pay, no 绩效管理)."""
    places = _word_places(text, word, names)
    if not places or _DEFINED.match(text, places[0] + len(word)):
        return False
    named = _not_in_longer(text, word, places, others)
    return bool(named) and (_heading(text) or _run_in(text, named)) \
        or any(_amount_after(text, at + len(word)) for at in places)


def _word_places(text: str, word: str, names: tuple[str, ...]) -> list[int]:
    """Where ``word`` begins in ``text``, where no word of ``names`` begins (“绩效工资”: the pay, no 绩效管理)."""
    return [at for at in _places(text, word) if not any(text.startswith(name, at) for name in names)]


def _not_in_longer(text: str, word: str, places: list[int], others: tuple[str, ...]) -> list[int]:
    """Of ``places`` (where ``word`` begins), those where no longer word of ``others`` begins (“项目支出绩效目标表”:
    a 绩效目标, no 绩效管理)."""
    return [at for at in places if not any(len(other) > len(word) and text.startswith(other, at) for other in others)]


def _run_in(text: str, places: list[int]) -> bool:
    """A numbered heading run in before its paragraph's first sentence, naming the part (at one of ``places``), the
    sentence after it stating an amount: “（一）机关运行经费。2026年一般公共预算财政拨款运行经费910.53万元”（重庆市委
    宣传部 2026）, “（一）机关运行经费：2025年长沙市公安局机关运行经费2045.01万元”（长沙市公安局 2025）. A 名词解释's
    numbered entry (“十二、机关运行经费：为保障行政单位……”) states no amount."""
    end = _RUN_IN_END.search(text)
    if not _NUMBERED.match(text) or end is None or end.start() > _HEADING or _SENTENCE.search(text, 0, end.start()):
        return False
    sentence = _CLAUSE_END.search(text, end.end())
    said = text[end.end():sentence.start() if sentence else len(text)]
    return any(at < end.start() for at in places) \
        and any(not bounded(said[:found.start()]) for found in _AMOUNT.finditer(said))


_RUN_IN_END = regex(r"[。：:]")  # the end of a heading run in before its paragraph


def _amount_after(text: str, start: int) -> bool:
    """Whether an amount follows ``start`` in the same clause, within a few words (“安排133.02万元”), and is
    no bound (a 绩效目标's indicator “成本绩效分析≤45万元”)."""
    for found in _AMOUNT.finditer(text, start):
        if found.start() - start > _REACH or _CLAUSE_END.search(text, start, found.start()):
            return False
        if not bounded(text[:found.start()]):
            return True
    return False


def _places(text: str, word: str) -> list[int]:
    """Where ``word`` begins in ``text``, each match apart from the one before (as re.finditer finds them)."""
    if not word:
        return list(range(len(text) + 1))
    places = []
    at = text.find(word)
    while at >= 0:
        places.append(at)
        at = text.find(word, at + len(word))
    return places


def _heading(text: str) -> bool:
    """A numbered heading: short, no sentence in it (never a numbered duty, “（一）负责监管市属国有资产……”)."""
    return bool(_NUMBERED.match(text)) and len(text) <= _HEADING and not _SENTENCE.search(text)
