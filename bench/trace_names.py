"""The traces of the learned words whose sentence names another item than the field chosen (issue 80 part 2): `python -m
bench.trace_names [--corpus] [PDF …]`.

For each sentence learned with fields (learned_words), each figure's field is checked against what the words before it
in its clause name: a code (“机关工资福利支出（501）”), a line's name with its level (“行政运行（项）”), an economic class
the source has, a fund (一般公共预算, 政府性基金, 国有资本经营) or a “三公” item; and each text of the source said as a
field (a reason, b.reasons.get(KEY)) against the item the sentence and its paragraph said before it. A trace whose
field is not what its words name prints next year another item's figure (or reason) under them. And each figure of a
source's budget unit (单位: 深圳 人社局, 水务局, 工务署 …) against the unit the words before it, else the nearest heading over
it naming one, name (the department named so: the department's): a field of another unit, or the department's where the
unit named has its own of that quantity (unit_slip). Prints each such trace, each document's count of figures about a
unit (and of their slips), then the counts by region and class. A measurement: exit code 0 whatever it finds."""

from __future__ import annotations

import argparse
import re
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from bench.learned_words import _region, chosen_documents
from reportgen.base.errors import ReportgenError
from reportgen.importing.learning import learned_words as lw
from reportgen.importing.learning import published_sentences as ps
from reportgen.importing.learning import sentence_fields as sf
from reportgen.importing.learning import sentence_names as sn
from reportgen.importing.learning import sentence_tracing as st
from reportgen.importing.learning.learned_layout import learn
from reportgen.importing.pipeline import import_files
from reportgen.readers.published import read_published

_CODE = re.compile(r"[（(](\d{3,7})[）)]")
_LEVELLED = re.compile(r"([\u4e00-\u9fff]+)[（(][类款项][）)]")
_FUNDS = {"一般公共预算": "一般公共预算", "政府性基金": "政府性基金", "国有资本经营": "国有资本经营"}
_THREE = ("因公出国（境）费", "公务用车购置及运行维护费", "公务用车购置费", "公务用车运行维护费", "公务接待费")

_UNIT = re.compile(r"[bf]\.unit\('([^']*)'\)")

# per sentence traced (its text and line: 深圳人社局's units print one sentence alike, each its own unit's figure): each
# figure's (clause words before it, expression, field label, its place in the sentence) and each text said (expr, said)
_SEEN: dict[tuple[str, str], list[tuple[str, str, str, int]]] = {}
_TEXTS: dict[tuple[str, str], list[tuple[str, list[str]]]] = {}
_NOW: list[tuple[str, str]] = [("", "")]
_SENTENCE: list[Any] = [None]  # the sentence learned_words scopes now (_UnitScope.known), traced next
_ECONOMIC: set[str] = set()  # the economic classes of the document's source
_SCOPE: list[Any] = []  # the document's learned_words._UnitScope (its unit names)
_UNIT_FIGURES = [0]  # the document's figures a unit's words, heading or field is about (unit_slip checked)
_MADE: list[Any] = []  # the env and context sentence_fields._stated read 正文金额 from last (learned_amounts._again's)


@contextmanager
def _hooked() -> Iterator[None]:
    """learned_words' trace and sentence_tracing's _figure and _with_texts wrapped, each where it is looked up, to
    record what each sentence's figures are traced to (put back after: tests/test_bench runs the scripts in one process)."""
    trace, figure, texts_of, scope, unit_of = lw.trace, st._figure, st._with_texts, lw._UnitScope, lw.unit_of
    stated_of = sf._stated

    class Scope(scope):  # type: ignore[misc, valid-type]
        def __init__(self, *args: Any) -> None:
            super().__init__(*args)
            _SCOPE[:] = [self]

    def stated(env: Any, context: Any, unit: str = "") -> Any:
        _MADE[:] = [env, context]
        return stated_of(env, context, unit)

    def unit_named(sentence: ps.Sentence, names: list[str]) -> str | None:
        _SENTENCE[0] = sentence  # (asked of each sentence before it is traced: _UnitScope.known, learned_amounts._again)
        return unit_of(sentence, names)

    def traced(text: str, *args: Any, **kwargs: Any) -> Any:
        now = _SENTENCE[0]
        _NOW[0] = (text, now.where if now is not None and now.text == text else "")
        _SEEN[_NOW[0]], _TEXTS[_NOW[0]] = [], []
        return trace(text, *args, **kwargs)

    def figured(text: str, match: re.Match[str], known: Any, said: list[str], *args: Any, **kwargs: Any) -> Any:
        out = figure(text, match, known, said, *args, **kwargs)
        if out is not None:
            start = max(text.rfind(mark, 0, match.start()) for mark in "，；。") + 1
            label = next((f.label for f in [*known[0], *known[1]] if f.expr == out[1]), "")
            _ECONOMIC.update(sn._han(f.label) for f in known[0] if f.expr.startswith("economic_line"))
            key = _NOW[0] if _NOW[0][0] == text else (text, "")  # (untraced_reasons asks _figure outside trace)
            _SEEN.setdefault(key, []).append((text[start:match.start()], out[1], label, match.start()))
        return out

    def with_texts(words: str, context: Any, texts: Any, traced_now: Any) -> str:
        out = texts_of(words, context, texts, traced_now)
        for expr in re.findall(r"\{\{ \((b\.reasons\.get\('[^']*'\))\)", out):
            _TEXTS.setdefault(_NOW[0], []).append((expr, list(traced_now.said)))
        return out

    lw.trace, st._figure, st._with_texts, lw._UnitScope = traced, figured, with_texts, Scope  # type: ignore[misc, assignment]
    lw.unit_of, sf._stated, lw._stated = unit_named, stated, stated
    try:
        yield
    finally:
        lw.trace, st._figure, st._with_texts, lw._UnitScope = trace, figure, texts_of, scope  # type: ignore[misc]
        lw.unit_of, sf._stated, lw._stated = unit_of, stated_of, stated_of


def slips(words: str, expr: str, label: str, economic: set[str]) -> list[str]:
    """The classes of item the words before a figure name that its field (``expr``, ``label``) is not."""
    out = []
    codes = _CODE.findall(words)
    if codes and not any(f"{o}{codes[-1]}{c}" in expr for o, c in ("''", "（）", "()")):
        out.append("编码")
    levelled = _LEVELLED.findall(words)
    if levelled and not (expr.startswith(("function_line", "actual_function")) and sn._han(label).startswith(
            levelled[-1]) or levelled[-1] in sn._han(expr)):
        out.append("类款项名称")
    han = sn._han(_CODE.sub("", words))
    named = next((n for n in sorted(economic, key=len, reverse=True) if han.endswith(n)), None)
    if named and not codes and not levelled and "economic_line" in expr and sn._han(label) != named:
        out.append("经济分类")
    fund = next((f for f in _FUNDS if f in han), None)
    if fund and expr.startswith("function_line") and fund not in expr:
        out.append("资金")
    item = next((sn._han(t) for t in _THREE if han.endswith(sn._han(t))), None)
    if item and item not in sn._han(expr + label + sf._QUANTITIES.get(expr, "")):
        out.append("三公")
    return out


def _reason_slip(expr: str, said: list[str], text: str) -> bool:
    """Whether a reason (b.reasons.get(KEY)) is said where the sentence names none of KEY's quantities (vocabulary.yaml
    数的名称) and has said no figure of them."""
    key = re.search(r"'([^']*)'", expr).group(1)  # type: ignore[union-attr]
    quantities = sn._PRIOR_QUANTITIES.get(key, (key,))
    names = {sn._han(n) for q in (key, *quantities) for n in (q, *lw.named_quantities().get(q, ()))}
    figures = [re.sub(r"^\(\((.+?)\)\|change_from\(.*", r"\1", one) for one in said]
    return not any(name in sn._han(text) for name in names) and not any(
        key in one or sf._QUANTITIES.get(one, "") in quantities or sf._QUANTITIES.get(one, "").startswith(key)
        for one in figures)


def named_unit(text: str, headings: tuple[tuple[str, str], ...], forms: dict[str, str]) -> str | None:
    """The unit (its name; "" for the department) the last name of ``forms`` in ``text`` names, else the nearest of
    ``headings`` naming one names; None where none does. ``forms``: each form a text names a unit or the department
    by, to the unit's name ("" for the department's). The department is named only by words that begin with it (their
    numbering aside): “用于保障市水务局预算管理” under a unit's heading says what the unit does, not whose figure."""
    pattern = "|".join(re.escape(form) for form in sorted(forms, key=len, reverse=True))
    for words in (text, *(words for _, words in reversed(headings))):
        bare = ps._NUMBERING.sub("", ps._HEADING.sub("", words))
        found = [m.group(0) for m in re.finditer(pattern, bare) if forms[m.group(0)] or not m.start()] if pattern else []
        if found:
            return forms[found[-1]]
    return None


def unit_forms(names: list[str], department: str) -> dict[str, str]:
    """The forms a text names the source's budget units ``names`` (learned_words._unit_forms) and its department by, to
    the unit's name ("" for the department: “深圳市水务局” is the department, “深圳市水务局（本级）” a unit of it)."""
    forms = lw._unit_forms(names)
    return {**forms, **{form: "" for form in lw._unit_forms([department]) if form not in forms}}


def unit_slip(named: str | None, expr: str, label: str, own: dict[str, set[str]]) -> str | None:
    """The class of a figure's field (``expr``, ``label``) printed where the words name the unit ``named`` ("" the
    department, None none): 他单位 where it is another unit's field (or a unit's where the department is named), 部门数
    where it is the department's and ``named`` has its own field of that quantity (``own``: each unit's field labels)."""
    if named is None:
        return None
    units = set(_UNIT.findall(expr))
    if units - {named}:
        return "他单位"
    return "部门数" if named and not units and label and label in own.get(named, set()) else None


def _unit_slips(sentence: ps.Sentence, seen: list[tuple[str, str, str, int]], forms: dict[str, str],
                own: dict[str, set[str]]) -> list[tuple[str, str, str, str]]:
    """The figures of a sentence whose field is not of the unit its words (or heading) name: (class, text, words, expr)."""
    out = []
    for words, expr, label, at in seen:
        named = named_unit(sentence.text[:at], sentence.headings, forms)
        _UNIT_FIGURES[0] += bool(named or _UNIT.search(expr))
        kind = unit_slip(named, expr, label, own)
        if kind is not None:
            out.append((kind, sentence.text, words, expr))
    return out


def _own_labels(names: list[str], env: Any, context: Any) -> dict[str, set[str]]:
    """Each budget unit's own field labels (learned_words.unit_fields, its 正文金额 among them)."""
    return {name: {one.label for one in [*fields, *changes]} for name in names
            for fields, changes in [lw.unit_fields(env, context, name)]}


def audit(paths: list[Path]) -> list[tuple[str, str, str, str]]:
    """The traces of a document whose field is not what its words name: (class, sentence, words, expression)."""
    result = import_files(paths, None)
    lines = [line for one in paths for line in read_published(one).lines]
    _SEEN.clear()
    _TEXTS.clear()
    _SENTENCE[0] = None
    _ECONOMIC.clear()
    _SCOPE.clear()
    _MADE.clear()
    _UNIT_FIGURES[0] = 0
    learned = learn(result, lines, "学到的")
    economic = set(_ECONOMIC)
    forms, own = ({}, {}) if not _SCOPE else (unit_forms(_SCOPE[0].names, _SCOPE[0].context["b"].department),
                                               _own_labels(_SCOPE[0].names, *(_MADE or [_SCOPE[0].env, _SCOPE[0].context])))
    out = []
    for sentence, template in (learned.words.sentences if learned.words else []):
        if template is None:
            continue
        key = (sentence.text, sentence.where)
        for words, expr, label, _ in _SEEN.get(key, []):
            out += [(kind, sentence.text, words, expr) for kind in slips(words, expr, label, economic)]
        out += _unit_slips(sentence, _SEEN.get(key, []), forms, own)
        out += [("原因", sentence.text, "", expr) for expr, said in _TEXTS.get(key, [])
                if _reason_slip(expr, said, sentence.text)]
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("documents", nargs="*")
    parser.add_argument("--corpus", action="store_true")
    args = parser.parse_args()
    counts: Counter[tuple[str, str]] = Counter()
    regions: set[str] = set()
    with _hooked():
        for paths in chosen_documents(args.documents, args.corpus):
            region = _region(paths[0].name)
            regions.add(region)
            try:
                found = audit(paths)
            except ReportgenError as exc:
                print(f"{paths[0].name}：{exc.message}")
                continue
            for kind, text, words, expr in found:
                print(f"错配  {kind}  {paths[0].name}  {words}  →  {expr}  ｜{text}", flush=True)
                counts[(region, kind)] += 1
            if _UNIT_FIGURES[0]:
                units = sum(kind in ("他单位", "部门数") for kind, *_ in found)
                print(f"单位的数  {paths[0].name}：{_UNIT_FIGURES[0]}，错配 {units}", flush=True)
    for region in sorted(regions):
        kinds = {k: n for (r, k), n in counts.items() if r == region}
        print(f"地区 {region}：错配 {sum(kinds.values())}" + "".join(f"，{k} {n}" for k, n in sorted(kinds.items())))
    print(f"合计：错配 {sum(counts.values())}")


if __name__ == "__main__":
    main()
