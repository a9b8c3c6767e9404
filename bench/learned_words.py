"""The province's words (issue 80, part 2): the share of a published document's narrative sentences that import,
learn (`import --learn-layout`) and render print word for word: `python -m bench.learned_words [PDF …]`.

Per document: import it, learn its layout, render the imported source in the learned layout (a draft) — “before”
without the learned words (the layout of part 1: tables, numbering, headings), “after” with them — and count the
published sentences of its 情况说明 and 其他重要事项 (published_sentences.published_sentences; those saying a figure
apart) found word for word (spaces aside) among the render's. `--pairs`: the year-over-year measure — learn from
year N, import year N+1, render N+1's source in N's learned layout, and count N+1's sentences printed word for
word; and the ceiling: the sentences of N+1 saying a figure that have a counterpart in N, in the same order, the
same words but for their figures, years and change words (the department kept the wording: those a learned wording
can print), how many of them are printed, and why each other one is not (`_missed`, one class each). Prints one
line per document or pair, by region. A measurement: exit code 0 whatever it measures."""

from __future__ import annotations

import argparse
import difflib
import re
import tempfile
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from reportgen.base.errors import ReportgenError
from reportgen.docmodel.document import Paragraph
from reportgen.importing.learning.learned_layout import Learned, learn, write_layout
from reportgen.importing.learning.published_sentences import has_figures, published_sentences
from reportgen.importing.learning.untraced_reasons import CLASSES
from reportgen.importing.pipeline import import_files
from reportgen.readers.published import read_published
from reportgen.runners.render import document_for, prepare

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT / ".." / "shared"
FRESH = SHARED / "corpus" / "fresh1"
NATIONAL = ROOT / "tests" / "fixtures" / "import" / "national"
# year N, year N+1 (files of one document joined by +)
PAIRS = (("seeds/pdf/shanghai-putuo-wanli-2024.pdf", "seeds/pdf/shanghai-putuo-wanli-2025.pdf"),
         ("bench/corpus/putuo-wanli-2023.pdf", "seeds/pdf/shanghai-putuo-wanli-2024.pdf"),
         ("national:js-zhengxie-2017-p1-8-tables-p1-3.pdf", "national:js-zhengxie-2018-p1-8-9-tables-p1to6.pdf"),
         ("national:js-zhengxie-2018-p1-8-9-tables-p1to6.pdf",
          "national:js-zhengxie-2019-p1to14.pdf+national:js-zhengxie-2019-tables-p1to4-7-8.pdf"),
         ("national:js-jianchayuan-2017-p1-14-15-22.pdf", "national:js-jianchayuan-2018-p1-13to19-25-26.pdf"),
         ("national:js-jianchayuan-2018-p1-13to19-25-26.pdf", "national:js-jianchayuan-2019-p1-2-26-27.pdf"))


@dataclass
class Count:
    sentences: int  # the published sentences saying a figure
    same: int  # of those, printed word for word
    all_sentences: int = 0  # every sentence of the learned parts
    all_same: int = 0
    traced: int = 0  # the sentences saying a figure learned with fields in place of their figures
    shaped: int = 0  # the sentences saying a figure printed in the same words, their figures aside
    ceiling: Ceiling | None = None  # year over year: the sentences year N worded alike (--pairs)

    def __str__(self) -> str:
        return self.line()

    def line(self) -> str:
        kept = "" if self.ceiling is None else (f"；能印出的（上限：N 年字句相同，数、年份、增减的字除外）"
                                                f"{self.ceiling.kept}/{self.sentences}，印出 {self.ceiling.same}")
        return (f"有数的句子 {self.same}/{self.sentences}（{_share(self.same, self.sentences)}，换成字段的 {self.traced}，"
                f"数之外相同的 {self.shaped}）{kept}；"
                f"全部句子 {self.all_same}/{self.all_sentences}（{_share(self.all_same, self.all_sentences)}）")


@dataclass
class Ceiling:
    """Of year N+1's sentences saying a figure, those year N printed in the same words (_kept): a learned wording can
    print no other; how many of them the render prints word for word, and why each other one is not (_missed)."""

    kept: int
    same: int
    missed: list[tuple[str, str, str]] = field(default_factory=list)  # (class, N+1's sentence, N's)


def _share(part: int, whole: int) -> str:
    return f"{100 * part / whole:.0f}%" if whole else "—"


def _plain(text: str) -> str:
    return "".join(text.split()).replace("(", "（").replace(")", "）").replace(":", "：").replace(",", ",")


def rendered_sentences(document: object) -> set[str]:
    """The render's sentences (its paragraphs and items cut at 。), spaces aside."""
    out: set[str] = set()
    for block in getattr(document, "blocks", []):
        if isinstance(block, Paragraph):
            out.update(_plain(piece) for piece in re.findall(r"[^。]*。|[^。]+$", block.text) if piece.strip())
    return out


def count(published: list[str], rendered: set[str]) -> Count:
    with_figures = [s for s in published if has_figures(s)]
    shapes = {_masked(s) for s in rendered}
    return Count(len(with_figures), sum(_plain(s) in rendered for s in with_figures),
                 len(published), sum(_plain(s) in rendered for s in published),
                 shaped=sum(_masked(_plain(s)) in shapes for s in with_figures))


def _masked(text: str) -> str:
    """A sentence with its figures set aside (each run of digits, commas and points one mark)."""
    return re.sub(r"\d[\d,.]*", "#", text)


def _files(spec: str) -> list[Path]:
    """The files of a document named by ``spec`` (joined by +): national:NAME a national fixture, else a path as given,
    else in this repository (bench/corpus/…), else in ../shared."""
    return [NATIONAL / part[len("national:"):] if part.startswith("national:") else
            next((path for path in (Path(part), ROOT / part) if path.exists()), SHARED / part) for part in spec.split("+")]


# the untraced sentences of the documents measured (--why): (region, document, sentence, class, figure)
WHY: list[tuple[str, str, str, str, str]] = []


def _learned_render(paths: list[Path], source_paths: list[Path] | None,
                    words: bool) -> tuple[object, list[str], Learned]:
    """The document of ``source_paths``' import (else ``paths``') in the layout learned from ``paths`` (its words
    where ``words``), the published sentences of the document rendered, and the layout learned."""
    result = import_files(paths, None)
    lines = [line for one in paths for line in read_published(one).lines]
    learned = learn(result, lines, "学到的")
    if words and learned.words and not source_paths:
        WHY.extend((_region(paths[0].name), paths[0].name, s.text, kind, figure)
                   for s, kind, figure in learned.words.reasons)
    if not words:
        learned.files = {}
    source = import_files(source_paths, None) if source_paths else result
    shown = source_paths or paths
    published = [s.text for s in published_sentences([ln for one in shown for ln in read_published(one).lines])]
    prepared = prepare(source.source.named(shown[0].with_suffix(".yaml")), draft=True)
    if prepared.budget is None:
        return None, published, learned
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch) / "学到的"
        write_layout(folder, learned)
        return document_for(prepared, draft=True, layout=folder), published, learned


def measure(paths: list[Path], next_paths: list[Path] | None = None) -> tuple[Count, Count]:
    before, published, _ = _learned_render(paths, next_paths, words=False)
    after, _, learned = _learned_render(paths, next_paths, words=True)
    rendered = rendered_sentences(after)
    counted = count(published, rendered)
    counted.traced = sum(1 for s, t in learned.words.sentences if t is not None and has_figures(s.text)) \
        if learned.words else 0
    if next_paths:  # the words the province kept from year N to N+1, figures aside: what a learned layout can print
        learned_from = [s.text for s in published_sentences(
            [line for one in paths for line in read_published(one).lines])]
        counted.ceiling = ceiling(learned_from, published, rendered, _notices(after, _untraced(learned)))
    return count(published, rendered_sentences(before)), counted


# a learned sentence the render does not print (_phrases.j2 unlearned): its first words, and why
_UNLEARNED = re.compile(r"学到的措辞中“(.+?)(?:……)?”一句(.+?)：请按")
_WHY_NOT_PRINTED = (("原文保留", ""), ("没有给出", "待补充：N+1 年的源文件没有句中的数"),
                    ("没有它的上年数", "待补充：N+1 年的源文件没有上年数（增减的字学自 N 年）"),
                    ("不符", "待补充：增减的字与 N+1 年的数不符"), ("原因", "待补充：原因是 N 年的"))


def _notices(document: object, untraced: dict[str, str]) -> list[tuple[str, str]]:
    """The learned sentences the render does not print (its 待补充), each by its first words, with why (``untraced``:
    year N's sentences kept as printed, each with the class of why)."""
    text = "".join(block.text for block in getattr(document, "blocks", []) if isinstance(block, Paragraph))
    out = []
    for start, said in _UNLEARNED.findall(text):
        kind = next(kind for words, kind in (*_WHY_NOT_PRINTED, ("", "待补充")) if words in said)
        begun = _plain(start).replace("％", "%").rstrip("。")
        out.append((begun, kind or "N 年照原文保留：" + next((why for s, why in untraced.items() if s.startswith(begun)), "")))
    return out


def _untraced(learned: Learned) -> dict[str, str]:
    """Year N's sentences kept as printed (not learned with fields), each with the class of why (untraced_reasons)."""
    if learned.words is None:
        return {}
    why = {_plain(s.text): kind for s, kind, _ in learned.words.reasons}
    return {_plain(s.text): why.get(_plain(s.text), "照原文保留") for s, t in learned.words.sentences if t is None}


# the change words a learned wording prints after the figures' changes (sentence_tracing._RATE_WORDS, _phrases.j2)
_CHANGE_WORDS = re.compile(r"增加|减少|增长|下降|持平|上升|降低|提高|增幅|降幅")


def _shape(text: str) -> str:
    """A sentence with its figures and years set aside (each run of digits one mark) and its change words (another)."""
    return _CHANGE_WORDS.sub("~", _masked(_plain(text)))


def _kept(learned_from: list[str], published: list[str]) -> list[tuple[int, int]]:
    """The sentences of ``published`` (year N+1's) that year N (``learned_from``) printed in the same words, figures,
    years and change words aside, and in the same order (each of N's the counterpart of one at most): (N's, N+1's)."""
    matcher = difflib.SequenceMatcher(None, [_shape(s) for s in learned_from], [_shape(s) for s in published],
                                      autojunk=False)
    return [(block.a + i, block.b + i) for block in matcher.get_matching_blocks() for i in range(block.size)]


def ceiling(learned_from: list[str], published: list[str], rendered: set[str],
            notices: list[tuple[str, str]]) -> Ceiling:
    """Of year N+1's sentences saying a figure, those year N worded alike (_kept) or the render prints word for word
    (their words the source's texts: a line's 用途), those printed, and why each other one is not (_missed)."""
    kept = {b: learned_from[a] for a, b in _kept(learned_from, published) if has_figures(published[b])}
    printed = {b for b, s in enumerate(published) if has_figures(s) and _plain(s) in rendered}
    missed = [(_missed(published[b], then, rendered, notices), published[b], then) for b, then in kept.items()
              if b not in printed]
    return Ceiling(len(kept.keys() | printed), len(printed), missed)


WRITTEN_OTHERWISE = "数的写法变了（千分位、小数末尾的0）"
OTHER_FIGURE = "数不同（别的字段的数）"


def _missed(sentence: str, then: str, rendered: set[str], notices: list[tuple[str, str]]) -> str:
    """Why a sentence of year N+1 that year N printed alike (``then``) is not printed word for word: the render prints
    it with its figures written otherwise (commas, trailing zeros: the department changed how it writes them), with
    other change words, or with a figure of its own other (another field's); or prints a 待补充 for it (``notices``:
    year N's sentence kept as printed, year N+1's source lacks a figure it says …); else it is not printed."""
    plain = _plain(sentence)
    figures = set(_values(plain))
    alike = [r for r in rendered if _shape(r) == _shape(plain) and figures & set(_values(r))]
    if any(_values(r) == _values(plain) for r in alike):
        return WRITTEN_OTHERWISE if any(_valued(r) == _valued(plain) for r in alike) else "增减的字不同"
    if alike:
        return OTHER_FIGURE
    return next((kind for start, kind in notices if _plain(then).startswith(start)), "没有印出")


def _values(text: str) -> list[str]:
    """The figures of a sentence, each by its value."""
    return [_value(number) for number in _NUMBER.findall(text)]


def _valued(text: str) -> str:
    """A sentence with each figure written by its value (no thousands' commas, no trailing zeros)."""
    return _NUMBER.sub(lambda m: _value(m.group()), text)


_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")


def _value(number: str) -> str:
    return f"{Decimal(number.replace(',', '')).normalize():f}"


def fresh_documents() -> list[list[Path]]:
    """fresh1's budgets (a 报表 file with its 情况说明)."""
    return _budgets(FRESH)


def _budgets(folder: Path) -> list[list[Path]]:
    """A folder's budgets, each with its 报表 file where it has one."""
    return [[p, *([t] if (t := p.with_name(p.stem + "-tables.pdf")).exists() else [])]
            for p in sorted(folder.glob("*budget.pdf"))]


def chosen_documents(given: list[str], corpus: bool) -> list[list[Path]]:
    """The documents named (files of one joined by +), else ../shared/corpus's budgets (``corpus``), else fresh1's."""
    return [_files(d) for d in given] or (_budgets(SHARED / "corpus") if corpus else fresh_documents())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("documents", nargs="*", help="PDF（一份公开文本的几个文件用 + 连起来）")
    parser.add_argument("--pairs", action="store_true", help="逐年：学自 N 年，印 N+1 年")
    parser.add_argument("--corpus", action="store_true", help="../shared/corpus 的预算（不含 fresh1）")
    parser.add_argument("--why", action="store_true", help="逐句列出没有换成字段的句子及其原因的类，按类与地区计数")
    args = parser.parse_args()
    if args.pairs:
        for year, following in PAIRS:
            measured = _report(f"{Path(year).name} → {Path(following.split('+')[0]).name}", _files(year),
                               _files(following))
            if measured is not None and measured[1].ceiling is not None:
                _print_missed(measured[1].ceiling)
        return
    regions: dict[str, list[Count]] = {}
    documents = chosen_documents(args.documents, args.corpus)
    for paths in documents:
        if (measured := _report(paths[0].name, paths, None)) is not None:
            regions.setdefault(_region(paths[0].name), []).append(measured[1])
    for region, counts in sorted(regions.items()):
        total = Count(sum(c.sentences for c in counts), sum(c.same for c in counts), traced=sum(c.traced for c in counts))
        print(f"地区 {region}（{len(counts)} 份）：有数的句子 {total.sentences}，换成字段的 {total.traced}"
              f"（{_share(total.traced, total.sentences)}），逐字印出 {total.same}")
    if args.why:
        _print_why()


def _print_missed(kept: Ceiling) -> None:
    """The sentences within the ceiling not printed, each with its class and year N's sentence, then the counts."""
    for kind, now, then in kept.missed:
        print(f"  上限内未印出  {kind}  {_plain(now)}  ← N 年：{_plain(then)}")
    classes: dict[str, int] = {}
    for kind, _, _ in kept.missed:
        classes[kind] = classes.get(kind, 0) + 1
    print(f"  上限 {kept.kept}，印出 {kept.same}；未印出的类：" + "；".join(f"{k} {n}" for k, n in sorted(classes.items())))


def _print_why() -> None:
    """Each untraced sentence with its class (untraced_reasons.CLASSES) and figure, then the counts by class and region."""
    for _, name, text, kind, figure in WHY:
        print(f"未换成字段  {kind}  {figure or '-'}  {name}  {text}")
    regions = sorted({row[0] for row in WHY})
    print("类 \\ 地区\t合计\t" + "\t".join(regions))
    for kind in CLASSES:
        counts = [sum(1 for row in WHY if row[3] == kind and row[0] == region) for region in regions]
        if sum(counts):
            print(f"{kind}\t{sum(counts)}\t" + "\t".join(str(n) for n in counts))


def _region(name: str) -> str:
    """The region a corpus file's name begins with (bj, gd-shenzhen, sd-yantai …; central for 国家信访局)."""
    parts = name.split("-")
    return parts[0] if parts[0] in ("bj", "cq", "central") else "-".join(parts[:2])


def _report(name: str, paths: list[Path], following: list[Path] | None) -> tuple[Count, Count] | None:
    try:
        before, after = measure(paths, following)
    except ReportgenError as exc:
        print(f"{name}：{exc.message}")
        return None
    print(f"{name}  之前：{before.line()}  之后：{after.line()}", flush=True)
    return before, after


if __name__ == "__main__":
    main()
