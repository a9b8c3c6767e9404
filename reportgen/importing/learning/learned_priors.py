"""Last year's figure of a field the source holds, from the change a learned sentence states right after it (issue 80
part 2, “变化（源文件没有上年数）”): 北京 “2026年财政拨款“三公”经费预算244.85万元，比2025年财政拨款“三公”经费年初预算增加
16.03万元”, 苏州 “……“三公”经费支出预算15万元，比上年预算减少6万元”, 西安 “（1）工资福利支出（301）1,880.32万元，较上年
增加70.03万元，增长3.87%” — where the tables give none, the change is written as the field's 增减额 (上年 = 本年 −
增减额, source_schema.yaml), with the page and line it is printed on, and the sentence is learned again with the
field's change: next year printed from next year's figures. As 正文金额's (learned_amounts.py), a stated rate that
disagrees with the two amounts is told and the sentence kept as printed; a 上年 (or 增减额) the source states is never
written over. The fields: the “三公” total, its parts, the vehicles' sum and 机关运行经费 — those whose key takes
{本年, 增减额}; a line's is the import's (text/line_changes.py)."""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from reportgen.base.patterns import regex
from reportgen.compute.phrasing import UNIT_FACTOR
from reportgen.docmodel.model import THREE_PUBLIC_PARTS
from reportgen.importing.emit import ImportedSource
from reportgen.importing.learning import learned_words as lw
from reportgen.importing.learning import published_sentences as ps
from reportgen.importing.learning import sentence_fields as sf
from reportgen.importing.learning import sentence_tracing as st
from reportgen.importing.learning import untraced_reasons
from reportgen.importing.learning.learned_amounts import CHANGE_SAID, _prior_or_why, first_pass_key
from reportgen.importing.tree import Placed, scaled

CHANGED = "变化（源文件没有上年数）"
# the fields whose key takes {本年, 增减额}, by their expressions: the key's path in the source
HELD = {"f.three_public_total": ("三公经费", "合计"), "f.vehicles_total": ("三公经费", "公务用车购置及运行维护费"),
        "b.running_costs.current": ("机关运行经费",),
        **{f"b.three_public.parts['{part}'].current": ("三公经费", part) for part in THREE_PUBLIC_PARTS}}
# an economic class's (西安 “（1）工资福利支出（301）1,880.32万元，较上年增加70.03万元”): 上年.经济分类.<code> takes {增减额}
# — a 类's alone (R-上年科目: a 款's last year is 经济分类款预算's, another key)
_ECONOMIC = regex(r"economic_line\('(?P<code>\d{3})'\)\.basic")
# a change said right after the amount: its comparison with last year's budget (the quantity it is of named before
# 预算 or not: 北京 “比2025年财政拨款“三公”经费年初预算增加”, 西安 “较上年增加”), its word and amount, its rate; or 持平
# (never a comparison with 执行数)
_CHANGE = regex(r"，?(?:比|较|与)(?:上年|上一年度?|(?P<year>\d{4})年度?)(?:[^，。；\d执]{0,16}?(?:年初)?预算数?)?(?:相比，?)?"
                + CHANGE_SAID)


@dataclass(frozen=True)
class Prior:
    """A field's change a sentence states: the field's key in the source, this year's figure and the change (signed)
    in 元, where it is printed."""

    path: tuple[str, ...]
    current: Decimal
    change: Decimal
    where: str


class Collector:
    """The learned words' explanation of each sentence kept as printed (untraced_reasons.reason), with the fields and
    what was said before each kept: the changes they state of fields HELD are read from them (priors)."""

    def __init__(self, explain: lw.Explain) -> None:
        self._explain = explain
        self._kept: dict[tuple[str, str], tuple[Any, ...]] = {}  # by each sentence's first_pass_key

    def explain(self, sentence: ps.Sentence, why: str, known: Any, context: dict[str, Any], before: Any
                ) -> tuple[str, str]:
        self._kept[first_pass_key(sentence)] = (known, context, before)
        return self._explain(sentence, why, known, context, before)

    def priors(self, words: lw.Learned) -> tuple[list[Prior], list[str]]:
        """The changes the kept sentences of the class CHANGED state of fields HELD (each field's first), and what
        is told of one whose rate disagrees."""
        out: dict[tuple[str, ...], Prior] = {}
        told: list[str] = []
        for sentence, kind, _ in words.reasons:
            if kind != CHANGED or first_pass_key(sentence) not in self._kept:
                continue
            found = stated(sentence, *self._kept[first_pass_key(sentence)])
            if isinstance(found, str):
                told.append(found)
            elif found is not None:
                out.setdefault(found.path, found)
        return list(out.values()), told


def stated(sentence: ps.Sentence, known: tuple[list[sf.Field], list[sf.Field]], context: dict[str, Any],
           before: tuple[list[str], st.Style, str]) -> Prior | str | None:
    """The change a sentence kept as printed states of a field the source holds (HELD) without last year's figure,
    what is told where its rate disagrees, or None."""
    text = sentence.text
    said, style, subject = list(before[0]), before[1], before[2]
    body = ps._NUMBERING.match(text)
    quoted = st._quoted(text, st._texts(context))
    dept = st.department_words(context)
    last: tuple[re.Match[str], str] | None = None
    for match in ps._FIGURE.finditer(text, body.end() if body else 0):
        if st._words_alone(match, text, quoted):
            continue
        piece = st._figure(text, match, known, said, style, subject, dept)
        if piece is not None:
            said.append(piece[2].expr if piece[2] is not None else piece[1])
            last = (match, piece[1])
            continue
        if last is None or untraced_reasons._figure_class(match, known) != CHANGED:
            return None
        return _of_the_last(last, match, known, sentence.where, context.get("year"))
    return None


def _of_the_last(last: tuple[re.Match[str], str], match: re.Match[str], known: tuple[list[sf.Field], list[sf.Field]],
                 where: str, year: Any) -> Prior | str | None:
    """The change ``match`` is the amount of, said right after the figure ``last`` traced to a field HELD whose
    last year's figure the source does not hold — a comparison with last year's (``year`` less one where it names
    a year)."""
    amount, expr = last
    path = _path(expr)
    change = _CHANGE.match(match.string, amount.end())
    if path is None or not _of_last_year(change, match, year) or _prior_known(expr, known[1]):
        return None
    current = next((f.value for f in known[0] if f.expr == expr), None)
    if not isinstance(current, Decimal) or change is None:
        return None
    prior = _prior_or_why(current, change, UNIT_FACTOR[change.group("unit")])
    if isinstance(prior, str):
        return f"学到的措辞：{where}“{match.string[:40]}…”{prior}：句子照原文保留，没有写入上年数"
    return Prior(path, current, current - prior, where)


def _of_last_year(change: re.Match[str] | None, match: re.Match[str], year: Any) -> bool:
    """Whether a comparison read is of the amount ``match`` and with last year's (``year`` less one, where it names a
    year: another year's, or one the context does not say, is none)."""
    if change is None or change.start("n") != match.start():
        return False
    return not change.group("year") or isinstance(year, int) and int(change.group("year")) == year - 1


def _path(expr: str) -> tuple[str, ...] | None:
    """The key in the source of a field HELD, or of an economic line's last year (上年.经济分类.<code>)."""
    line = _ECONOMIC.fullmatch(expr)
    return ("上年", "经济分类", line.group("code")) if line else HELD.get(expr)


def _prior_known(expr: str, changes: list[sf.Field]) -> bool:
    """Whether the source holds last year's figure of the field (a change of it from a prior it values)."""
    return any(c.current == expr and c.prior_value is not None for c in changes)


def with_priors(source: ImportedSource, priors: list[Prior]) -> ImportedSource:
    """The source with each field's stated change as its 增减额 (in the source's unit, with where it is printed),
    where its key states no 上年 nor 增减额; the source itself where none is written."""
    unit = str(getattr(source.tree.get("金额单位"), "value", "万元"))
    factor = UNIT_FACTOR.get(unit, Decimal(1))
    tree = copy.deepcopy(source.tree)
    written = sum(_written(tree, prior, factor) for prior in priors)
    return ImportedSource(tree, source.header) if written else source


def _written(tree: dict[str, Any], prior: Prior, factor: Decimal) -> int:
    """1 where the change was written into ``tree``, else 0 (_written_amount; a line's: _written_line)."""
    if prior.path[0] == "上年":
        return _written_line(tree, prior, factor)
    return _written_amount(tree, prior, factor)


def _written_line(tree: dict[str, Any], prior: Prior, factor: Decimal) -> int:
    """An economic line's change as 上年.经济分类.<code>.增减额 (the 上年 section made with its 年度 where there is
    none), where 上年 states nothing of the code."""
    _, key, code = prior.path
    section = tree.get("上年")
    if section is not None and (not isinstance(section, dict) or "来源" in section):
        return 0  # (last year's source named: its figures are that file's)
    year = getattr(tree.get("年度"), "value", tree.get("年度"))
    section = section if section is not None else {"年度": Placed(int(year) - 1)} if isinstance(year, int) else None
    lines = section.get(key, {}) if section is not None else None
    if not isinstance(lines, dict) or section is None or code in lines:
        return 0
    tree["上年"] = {**section, key: {**lines, code: {"增减额": Placed(scaled(prior.change, 1 / factor), prior.where)}}}
    return 1


def _written_amount(tree: dict[str, Any], prior: Prior, factor: Decimal) -> int:
    """1 where the change was written into ``tree``; 0 where its key states last year's (or its change), or is not
    there (the “三公” 合计 alone is written where the table gives its parts only: 本年 its parts' sum)."""
    *outer, key = prior.path
    section: Any = tree
    for name in outer:
        section = section.get(name) if isinstance(section, dict) else None
    node = section.get(key) if isinstance(section, dict) else None
    if not isinstance(section, dict) or not _takes_a_change(node, key):
        return 0
    change = Placed(scaled(prior.change, 1 / factor), prior.where)
    this_year = node if node is not None else Placed(scaled(prior.current, 1 / factor), prior.where)
    section[key] = {**(node if isinstance(node, dict) else {"本年": this_year}), "增减额": change}
    return 1


def _takes_a_change(node: Any, key: str) -> bool:
    """Whether a key takes a change written: an amount, or {本年 …} stating no 上年 nor 增减额; where there is none,
    the “三公” 合计 alone."""
    if isinstance(node, dict):
        return "本年" in node and "上年" not in node and "增减额" not in node
    return node is not None or key == "合计"
