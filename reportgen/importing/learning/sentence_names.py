"""The names a published sentence gives its figures, as a traced figure's field is told by them (issue 80 part 2:
learned_words, sentence_tracing): the words before a figure (their Han characters, each figure said before a mark),
the names of the source's quantities (vocabulary.yaml 数的名称) and those a sentence's words end with, the quantity a
change from a prior total is of, and of the fields that print a figure alike the one the sentence names or means."""

from __future__ import annotations

import re
from functools import cache

from reportgen.base.patterns import regex
from reportgen.importing.learning.published_sentences import _FIGURE
from reportgen.importing.learning.sentence_fields import _LABEL_CHARS, _QUANTITIES, Field
from reportgen.readers.text.statements import named_quantities, part_qualifiers

_YEAR = regex(r"(?<!\d)(\d{4})(?=年)")
_NAMED_WITHIN = 40  # a zero is a field's where its words stand among the last so many before it


def _words_before(text: str, at: int) -> str:
    """The words of a sentence before ``at`` as a figure's are compared with names (their Han characters), each figure
    said before it a mark: “占“三公”经费的0%；公务用车购置及运行维护费支出” ends with a name after a figure, not after 的."""
    marked = _FIGURE.sub(lambda m: "#" if m.group("unit") else m.group(0), _YEAR.sub("", text[:at]))
    return "".join(re.findall(r"[\u4e00-\u9fff#|]", _LEVEL.sub("|", marked)))


# a line's level after its name (“小学教育（项）支出”): a mark between words, never the 项 of 项目支出 (“小学教育项目支出” is the
# line's 项目支出, not its 合计 the sentence says)
_LEVEL = regex(r"[（(][类款项][）)]")


# the quantities (vocabulary.yaml 数的名称) whose change a change from a prior total (f.prior_total(KEY)) is, by KEY
_PRIOR_QUANTITIES = {"收支总计": ("收支总计", "收入总计", "支出总计"),
                     "财政拨款": ("财政拨款收支总计", "财政拨款收入", "财政拨款支出"),
                     "一般公共预算": ("一般公共预算支出", "一般公共预算拨款收入")}
_PRIOR_TOTAL = regex(r"change_from\(fa?\.prior_total\('([^']+)'\)\)")


def _prior_names(change: str) -> set[str]:
    """The names of the quantity a change from a prior total is of (“收、支预算总计” that of 收支总计)."""
    found = _PRIOR_TOTAL.search(change)
    if found is None:
        return set()
    said = named_quantities()
    return {_han(n) for quantity in _PRIOR_QUANTITIES.get(found.group(1), (found.group(1),))
            for n in said.get(quantity, ())}


def _of_quantity(change: str, said: str) -> bool:
    """Whether a change from a prior total (f.prior_total(KEY)) is the change of the quantity of the field ``said``:
    KEY's prior is that of each of its quantities (_PRIOR_QUANTITIES) — 上海 “财政拨款支出预算19,577万元，比2025年预算减少
    290万元” is the change of 财政拨款 the source holds (its 收入 and 支出 are one), never 一般公共预算's printing alike."""
    found = _PRIOR_TOTAL.search(change)
    quantity = _QUANTITIES.get(said)
    of = _PRIOR_QUANTITIES.get(found.group(1), (found.group(1),)) if found is not None else ()
    return quantity is not None and (quantity in of or quantity + "收入" in of)  # (an income source: 一般公共预算拨款收入)


def _named(fits: list[tuple[Field, str]], before: str) -> list[tuple[Field, str]]:
    """Of the fields that print a figure alike, those the words before it name: by a name of its quantity ending
    them, where one does; else by the words the default templates print before it, among the last ones."""
    said = [fit for fit in fits if _said_name(fit[0], before)]
    if said or _part_of_another(before):
        return said
    return [fit for fit in fits if fit[0].label and _han(fit[0].label) in before[-_NAMED_WITHIN:]]


def _part_of_another(before: str) -> bool:
    """Whether the words before a figure name a part of another quantity: a quantity's name after another's and 的
    (江苏 “上年结转结余的财政专户管理资金0万元” is the carry-over's part, no 财政专户管理资金 income of the year)."""
    for words in dict.fromkeys((before, _NAME_FILLER.sub("", before))):
        name = next((n for n in _all_names() if words.endswith(n)), None)
        ahead = words[:-len(name)] if name else ""
        if ahead.endswith("的") and any(ahead[:-1].endswith(n) for n in _all_names()):
            return True
    return False


# the words between a quantity's name and its figure that say nothing more (“2．上年结转结余为0万元”, “公务用车购置预算支出”)
_NAME_FILLER = regex(r"(?:预算支出|支出预算|预算数|预算)?(?:为|是|共计|共)?$")
_BUDGET_FILLER = regex(r"(?:预算数|预算)?(?:为|是|共计|共)?$")  # (…财政拨款支出预算: the 支出 is the name's)


def _said_name(field: Field, before: str) -> bool:
    """Whether the words just before a figure are one of the names of the field's quantity (Field.names), a word
    that says nothing more aside: the longest name of any quantity they end with, else without that word where a fund's name qualifies it
    (江苏 “一般公共预算财政拨款支出预算” is 一般公共预算财政拨款支出, not 财政拨款支出预算) — not where another's words qualify
    it: “上年结转结余的政府性基金预算收入” is no 政府性基金预算收入, “一般公共预算基本支出” no 基本支出 (vocabulary.yaml
    部分的限定)."""
    if not field.names:
        return False
    for words, name in _names_ending(before):
        ahead = words[:-len(name)]
        if not ahead.endswith(("的", *_qualifiers())):
            return name in (_han(n) for n in field.names)
        if ahead.endswith("的"):
            return False  # (a qualified name: its qualifier may be the name's own, “一般公共预算财政拨款支出预算”)
    return False


def _names_ending(before: str) -> list[tuple[str, str]]:
    """The words before a figure, bare of each word that says nothing more (_NAME_FILLER, _BUDGET_FILLER), with the
    longest name of a quantity each ends with — the longest reach first (of two alike, the longer name): 上海 “一般公共
    预算拨款支出预算” is 一般公共预算拨款支出 and 预算, never 支出预算 (支出总计) nor 一般公共预算拨款 and 支出预算."""
    found = []
    for words in dict.fromkeys((before, _NAME_FILLER.sub("", before), _BUDGET_FILLER.sub("", before))):
        name = next((n for n in _all_names() if words.endswith(n)), None)
        if name is not None:
            found.append((len(before) - len(words) + len(name), words, name))
    found += _inner_budget_name(before)
    return [(words, name) for _, words, name in sorted(found, key=lambda one: (-one[0], -len(one[2])))]


def _inner_budget_name(before: str) -> list[tuple[int, str, str]]:
    """The name the words end with once a 预算 inside it is taken out (江苏 “财政拨款预算支出” is 财政拨款支出, never 财政拨款
    and 预算支出), as (its reach, the words, the name) — only a name whole before it (“国有资本经营预算收入” is no 经营收入)."""
    inner = _INNER_BUDGET.search(before)
    if inner is None:
        return []
    joined = before[:inner.start()] + inner.group("side")
    whole = next((n for n in _all_names() if joined.endswith(n)), None)
    if whole is None or len(whole) < _INNER_NAMED + len(inner.group("side")):
        return []
    return [(len(before) - len(joined) + len(whole), joined, whole)]


# a 预算 said inside a quantity's name, before the word saying its side (“财政拨款预算支出”: the 财政拨款支出)
_INNER_BUDGET = regex(r"预算(?P<side>支出|收入)$")
_INNER_NAMED = 4  # the words of the name before it, at least (财政拨款)


@cache
def _all_names() -> tuple[str, ...]:
    """The names of every quantity of vocabulary.yaml 数的名称 (their Han characters), the longest first."""
    return tuple(sorted({_han(n) for names in named_quantities().values() for n in names} - {""}, key=len,
                        reverse=True))


@cache
def _qualifiers() -> tuple[str, ...]:
    return tuple(_han(q) for q in part_qualifiers())


def _han(label: str) -> str:
    """A field's words as a sentence's words before a figure are compared (its Han characters: 因公出国（境）费 is
    named by “因公出国（境）费0万元”, whose words before the figure are 因公出国境费)."""
    return "".join(re.findall(r"[\u4e00-\u9fff]", label))


def _nearest(fits: list[tuple[Field, str]], before: str, said: list[str]) -> tuple[Field, str] | None:
    """Of the fields that print the figure, the one the sentence means: a change (or share) of the figure it has just
    said, else the one whose words stand nearest before it (the longest of its words' ends the sentence's words
    before the figure end with, else its words found among the last ones ending nearest the figure, the longer of
    two ending alike: “……事务（款）行政运行（项）支出” names the 项, not the 款); None where two are as near — a figure
    two fields print alike and the sentence names neither is not guessed."""
    def score(fit: tuple[Field, str]) -> tuple[bool, int, int, int]:
        field, _ = fit
        of = _of_said(field, said)
        label = _han(field.label)
        found = before.rfind(label) if label else -1
        return _said_name(field, before), of, _shared(label, before[-_LABEL_CHARS:]), \
            ((found + len(label)) * 100 + len(label)) if found >= 0 and found >= len(before) - _NAMED_WITHIN else 0
    if not fits:
        return None
    scored = sorted(((score(fit), fit) for fit in fits), key=lambda pair: pair[0], reverse=True)  # stable: in order
    if len(scored) > 1 and scored[0][0] == scored[1][0] and scored[0][1][0].label != scored[1][1][0].label:
        return None  # (one line of all the money and of 一般公共预算's, named alike: the first, all the money's)
    return scored[0][1]


def _of_said(field: Field, said: list[str]) -> int:
    """How nearly a field (a change) is of what the sentence has said: 4 the change just said, 3 the change of the figure
    just said, 2 of its quantity (_of_quantity), 1 of a figure said before (or that figure again: 万里 “2.“…专项普查活动
    （项）”60.13万元，……。2022年当年预算执行数为0万元，2023年预算安排60.13万元，……”, the line said before), 0 none."""
    if said and field.expr == said[-1]:
        return 4
    if said and (field.current == said[-1] or _same_line(field.current, said[-1])):
        return 3
    if said and _of_quantity(field.expr, said[-1]):
        return 2
    return 1 if _said_before(field, said) else 0


def _said_before(field: Field, said: list[str]) -> bool:
    """Whether the sentence (or the one before it in its paragraph) has said the figure a change is of, or the field."""
    return bool(field.current and field.current in said) or field.expr in said


_LINE_TOTAL = regex(r"^function_line\('(\d+)'(?:, '[^']+')?\)\.total$")


def _same_line(current: str, said: str) -> bool:
    """Whether a change's figure and the figure said are one function line's total, of all the money or of one fund
    (江苏 “（1）社会保障和就业支出（类）支出429.13万元。与上年相比增加5.37万元”: the line said is of all the money, the
    上年 its 一般公共预算 lines give) — its 类 and its one 款 alike are never the line said."""
    found, other = _LINE_TOTAL.match(current), _LINE_TOTAL.match(said)
    return found is not None and other is not None and found.group(1) == other.group(1)


def _shared(a: str, b: str) -> int:
    """The length of the longest run of words ``a`` and ``b`` both say (财政拨款收入预算 in “…财政拨款收入预算总计”)."""
    best, previous = 0, [0] * (len(b) + 1)
    for x in a:
        current = [0]
        for j, y in enumerate(b):
            current.append(previous[j] + 1 if x == y else 0)
        best = max(best, max(current))
        previous = current
    return best
