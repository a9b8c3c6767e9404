"""`reportgen review` measured on whole real documents: `python -m bench.review_eval` (a minute or two).

Every document of bench/corpus/corpus.yaml is reviewed as a reviewer runs it (`review_document`, the
code behind `reportgen review --layout 上海`), and what it reports is laid against the document's
expected findings (bench/corpus/expected/<id>.yaml), written by reading the document before reportgen
was run on it and never edited to fit an output (bench/corpus/ANNOTATING.md).

What counts as a finding: every table difference, every error and warning of the checks on the
imported source, every prose figure judged “disagree”, every contradiction and wording finding, every
table found missing (and every required part of the text it does not print), and a document refused (with its reasons). Not findings: notes (what was read
past, a table's 尾数误差), codes listed unverified, figures left unread.

A finding is true when it names a slip the annotation lists: it quotes one of the printed figures at
fault, or the value the annotation says is right as its “应为” (numbers compared as numbers:
“1,238.58” = “1238.58万元”; years and 0, 1, 2, 100 name no slip), or, for a slip without a figure
(a missing table, wording), it shares a run of at least six characters with the annotated quote or
names the missing table. Each finding stands for at most one slip — one whose figures it quotes, if
it quotes any slip's — the slips found being as many as the findings can stand for together (a
maximum matching). A finding that names only what the
annotator left `unsure` is counted neither way; one on an annotated `rounding` entry is a false alarm. Printed:

* precision = true findings / findings, overall and per document;
* recall = annotated slips found / annotated slips, per class (表内合计, 表间, 正文与表格, 比率, 占比, …);
* prose figures: judged (against a table, or borne out by the text's own figures), read but not judged
  (未能核对, their subject known for sure: review/subjects.py) and unread (未能核对, subject unknown); the
  Done-means figure is read = (judged + not judged) / all, and unread = unread / all;
* time per document; 内部错误 (any exception) per document.

The documents tests were written from (``seen: true``) are measured apart from the unseen ones.
`--national` measures the documents of other regions instead (bench/corpus/national/corpus-*.yaml,
their files in ../shared/corpus, their annotations in bench/corpus/national/expected/), reviewed as a
reviewer elsewhere runs it — with no --layout, having none to give — and reported per region. A
disclosure published as several files (北京's 情况说明 and 报表, a ``files:`` entry) is reviewed as the
command reviews files given together (review_together: one document where they are one disclosure).
`--corpus DIR` measures another folder of that form (corpus*.yaml and expected/) the same way: bench/corpus/jiangsu,
a region held out from all the work, whose PDFs are not in the repository (its listing says how to get them); a
document whose files are absent is named and not measured.
`--json FILE` writes every finding with its verdict (true / false alarm) for a person to look at.
A measurement, not a test: the exit code is 0 whatever it measures.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
import traceback
from collections import Counter
from dataclasses import asdict, dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from pathlib import Path
from typing import TYPE_CHECKING

import yaml

from reportgen.review.documents import MISSING_TABLES

if TYPE_CHECKING:
    from reportgen.review.documents import DocumentReview

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "bench" / "corpus"
NATIONAL = CORPUS / "national"
# where a finding says a figure stands (第9页 第14行, 第3列, 第2张表): a place, no figure of the document
_PLACE = re.compile(r"第\s*\d+\s*[页行列张个]")
_NUMBER = re.compile(r"(?<![\d.])-?\d[\d,，]*(?:\.\d+)?(?![\d.])")
_TRIVIAL = {Decimal(0), Decimal(100), Decimal(1), Decimal(2)}  # too common to tell one slip from another
_RUN = 6  # characters a figureless finding must share with the annotated quote


@dataclass
class Reported:
    text: str
    kind: str  # table / check / prose / contradiction / wording / missing / refused
    figures: set[Decimal] = field(default_factory=set)
    true: bool = False
    slip: str = ""  # the annotated slip it names
    neutral: bool = False  # it names what the annotation left unsure: counted neither way


@dataclass
class Slip:
    id: str
    klass: str
    quote: str
    figures: set[Decimal]
    found: bool = False
    right: set[Decimal] = field(default_factory=set)  # what the annotation says the figure should be
    # fresh1's form (../shared/corpus/fresh1/README.md): a finding names the slip when every token of one matcher is
    # in its text — a number as a whole number, "re:…" a regex, else a substring; when given, nothing else names it
    matchers: list[list[str]] = field(default_factory=list)


@dataclass
class Measured:
    id: str
    seen: bool
    seconds: float
    crashed: str = ""
    reported: list[Reported] = field(default_factory=list)
    slips: list[Slip] = field(default_factory=list)
    read: int = 0
    unread: int = 0  # 未能核对: not judged (unjudged) or not read at all (read - judged - unjudged)
    unjudged: int = 0  # of those, the figures whose subject is known: read, not judged

    unsure: list[Slip] = field(default_factory=list)
    region: str = ""
    unreviewed: str = ""  # why review did not review (a file of) it: 未能审核, counted apart

    @property
    def true(self) -> int:
        return sum(1 for r in self.reported if r.true)

    @property
    def counted(self) -> list[Reported]:
        return [r for r in self.reported if not r.neutral]


def numbers(text: str) -> set[Decimal]:
    """The figures a text prints, as numbers; years (1990–2100 as whole numbers) and a few tiny
    numbers left out: they name no slip."""
    found = set()
    for match in _NUMBER.findall(_PLACE.sub("", text)):
        try:
            value = Decimal(match.replace(",", "").replace("，", ""))
        except InvalidOperation:
            continue
        if not ("." not in match and 1990 <= value <= 2100):
            found.add(value)
    return found - _TRIVIAL


def annotations(corpus: Path) -> Path:
    """Where a corpus's expected findings are: its own expected/, or the folder its listing names (``annotations:``,
    relative to the listing: fresh1's are kept beside its PDFs in ../shared)."""
    for listing in sorted(corpus.glob("corpus*.yaml")):
        named = (yaml.safe_load(listing.read_text(encoding="utf-8")) or {}).get("annotations")
        if named:
            return (corpus / str(named)).resolve()
    return corpus / "expected"


# the sections of an annotation in each form: national (findings, unsure) and fresh1 (slips, doubtful)
_SECTIONS = {"findings": ("findings", "slips"), "unsure": ("unsure", "doubtful")}


def expected_slips(doc_id: str, section: str = "findings", corpus: Path = CORPUS) -> list[Slip]:
    """The annotated slips (``section`` findings), or what the annotator left unsure."""
    data = yaml.safe_load((annotations(corpus) / f"{doc_id}.yaml").read_text(encoding="utf-8")) or {}
    slips = []
    items = [item for name in _SECTIONS.get(section, (section,)) for item in data.get(name) or []]
    for item in items:
        figures = set().union(*(numbers(str(f)) for f in item.get("figures") or [])) if item.get("figures") else set()
        right = numbers(str(item.get("right") or ""))
        slips.append(Slip(str(item.get("id", "")), str(item.get("class", "")), str(item.get("quote", "")), figures,
                          right=right, matchers=[[str(t) for t in m] for m in item.get("match") or []]))
    return slips


_WHOLE = re.compile(r"\d[\d,]*(?:\.\d+)?")


def _token_in(token: str, text: str) -> bool:
    """One matcher token in a finding's text: a number as a whole number (8 is not in 18 or 8.5), ``re:`` a regex,
    else a substring."""
    if token.startswith("re:"):
        return re.search(token[3:], text) is not None
    if _WHOLE.fullmatch(token):
        wanted = Decimal(token.replace(",", ""))
        return any(Decimal(m.replace(",", "").replace("，", "")) == wanted
                   for m in re.findall(r"(?<![\d.])\d[\d,，]*(?:\.\d+)?(?![\d])", text))
    return token in text


def _matches(item: Reported, slip: Slip) -> bool:
    return any(m and all(_token_in(t, item.text) for t in m) for m in slip.matchers)


def reported_by_review(path: Path, layout: str | None = "上海") -> tuple[list[Reported], dict[str, int], str]:
    """What `reportgen review` tells of the document, as findings; its prose figures read, unread; and
    why it was not reviewed ("" when it was: a document 未能审核 has no findings, it is counted apart)."""
    from reportgen.review.documents import review_document

    return reported_of(review_document(path, layout))


def reported_of(result: DocumentReview) -> tuple[list[Reported], dict[str, int], str]:
    """What review tells of one document it reviewed (reported_by_review), its prose figures counted
    (read: all; unknown: 未能核对; unjudged: of those, the ones whose subject is known)."""
    path = result.document
    if result.not_read:  # not reviewed: no findings (one read in part is 未能审核 with its findings); its text counted
        read = prose_counts(result.narrative.verdicts) if result.narrative is not None else dict(NO_PROSE)
        return [], read, result.unreviewed
    out: list[Reported] = []
    if result.refused and result.final_reviewed:  # else its refusal is why it is 未能审核: no finding
        out.append(Reported(result.refused, "refused", numbers(result.refused.replace(str(path), ""))))  # not its path's digits
    out += [Reported(line, "table", numbers(line)) for line in (result.final if result.refused else [])]
    if result.final_text:  # a document refused: its sentences' findings, with the line each is at, as below
        from reportgen.readers.published import read_draft

        at_line = {line.number: line.text for line in read_draft(path)}
        out += [Reported(f"{f.message}「{at_line.get(f.line, '')}」", "contradiction", numbers(f.message))
                for f in result.final_text]
    if result.imported is not None:
        out += [Reported(line, "table", numbers(line)) for line in result.imported.differences]
    # a required part of the text the document does not print (R-不公开's warning) is missing, as a table is
    out += [Reported(f.message, "missing" if (f.rule, f.severity) == ("R-不公开", "warning") else "check",
                     numbers(f.message)) for f in result.checks if f.rule != MISSING_TABLES]
    # the tables it lacks (R-缺表, one finding naming them all) are counted one by one, as its 检查表 lists them
    out += [Reported(f.message, "check", numbers(f.message)) for f in result.narrative_problems]
    for name in (result.checklist or {}).get("tables_missing", []) or []:
        out.append(Reported(f"缺少{name}", "missing"))
    counted = dict(NO_PROSE)
    if result.narrative is not None:
        narrative = result.narrative
        for verdict in narrative.verdicts:
            if verdict.status == "disagree":
                st = verdict.statement
                printed = st.text if st.kind != "cell" else f"{st.label} {st.value}"
                shown = ({st.value} if st.value is not None else numbers(printed)) | numbers(verdict.expected)
                out.append(Reported(f"{printed}（应为 {verdict.expected}；{verdict.cause}）", "prose",
                                    set(shown) - _TRIVIAL))
        said = {line.number: line.text for line in narrative.lines}  # what the page shows at a finding's line
        out += [Reported(f"{f.message}「{said.get(f.line, '')}」", "contradiction", numbers(f.message))
                for f in narrative.contradictions]
        out += [Reported(f"{f.message}「{said.get(f.line, '')}」", "wording", numbers(f.message))
                for f in narrative.wording]
        counted = prose_counts(narrative.verdicts)
    return out, counted, result.unreviewed


def prose_counts(verdicts: list) -> dict[str, int]:  # type: ignore[type-arg]
    """The figures of the prose (a table's cells, which the sentence reader reads too, are the tables'
    figures: bench/import_eval.py counts those): read, 未能核对, and of those the ones whose subject is known."""
    prose = [v for v in verdicts if v.statement.kind != "cell"]
    unknown = [v for v in prose if v.status == "unknown"]
    return {"read": len(prose), "unknown": len(unknown), "unjudged": sum(1 for v in unknown if v.subject)}


NO_PROSE = {"read": 0, "unknown": 0, "unjudged": 0}


def _shares_run(text: str, quote: str) -> bool:
    plain = re.sub(r"\s+", "", quote)
    return any(plain[i:i + _RUN] in text for i in range(0, max(0, len(plain) - _RUN + 1)))


def _quotes(said: set[Decimal], annotated: set[Decimal]) -> bool:
    """Whether a finding quotes one of a slip's figures: the figure itself, or the figure rounded (half up) to
    the two or more decimals the finding prints it with (北京政数局's F2 annotates 36,546.620316; a finding of
    the 人员经费 it makes prints 36,546.62)."""
    return bool(said & annotated) or any(_rounded_to(figure, quoted) for quoted in said for figure in annotated)


def _rounded_to(figure: Decimal, quoted: Decimal) -> bool:
    places, more = -int(quoted.as_tuple().exponent), -int(figure.as_tuple().exponent)
    return places >= 2 and more > places and figure.quantize(Decimal(1).scaleb(-places), ROUND_HALF_UP) == quoted


def _names(item: Reported, slip: Slip) -> bool:
    """Whether a finding names a slip: a figure at fault (or the value the annotation says is right,
    as a finding's “应为”), or, for a slip without figures, its words or its missing table; a slip annotated with
    matchers (fresh1) is named by them alone."""
    if slip.matchers:
        return _matches(item, slip)
    if _quotes(item.figures, slip.figures | slip.right):
        return True
    return not slip.figures and (_shares_run(item.text, slip.quote)
                                 or (slip.klass == "缺表" and item.kind in ("missing", "refused")))


def _named(item: Reported, slips: list[Slip]) -> list[int]:
    """The slips a finding names: those whose figures it quotes, if any (its figures say what it is about);
    else those it names by their words or missing table."""
    by_figure = [j for j, slip in enumerate(slips)
                 if not slip.matchers and _quotes(item.figures, slip.figures | slip.right)]
    return by_figure or [j for j, slip in enumerate(slips) if _names(item, slip)]


def match(reported: list[Reported], slips: list[Slip], unsure: list[Slip]) -> None:
    """A finding that names a slip is true; the slips found are as many as the findings can stand
    for, each finding for one slip it names (a maximum matching: a finding naming two slips never
    hides a third that only it could stand for, nor is counted twice). A finding that quotes a slip's
    figures stands only for slips it names so."""
    named = [_named(item, slips) for item in reported]
    holder: dict[int, int] = {}  # slip index -> the finding standing for it

    def assign(i: int, tried: set[int]) -> bool:
        for j in named[i]:
            if j not in tried:
                tried.add(j)
                if j not in holder or assign(holder[j], tried):
                    holder[j] = i
                    return True
        return False

    for i, item in enumerate(reported):
        if named[i]:
            item.true = True
            assign(i, set())
        elif any(_names(item, s) for s in unsure):
            item.neutral = True
    for j, i in holder.items():
        slips[j].found = True
        reported[i].slip = slips[j].id
    for i, item in enumerate(reported):
        if item.true and not item.slip:
            item.slip = slips[named[i][0]].id


def _files(entry: dict[str, object]) -> list[str]:
    """A document's files as its listing names them (paths from the repository's root)."""
    return [str(f) for f in (entry.get("files") or [entry["file"]])]  # type: ignore[attr-defined]


def measure(entry: dict[str, object], corpus: Path = CORPUS, layout: str | None = "上海") -> Measured:
    from reportgen.review.documents import review_together

    files = [ROOT / str(f) for f in _files(entry)]
    doc_id = str(entry["id"])
    start = time.perf_counter()
    measured = Measured(doc_id, bool(entry.get("seen")), 0.0, slips=expected_slips(doc_id, corpus=corpus),
                        unsure=expected_slips(doc_id, "unsure", corpus))
    measured.region = str(entry.get("region", ""))
    try:
        # the files of a disclosure given together, as `reportgen review A B` reviews them: one document
        # where they are one disclosure's narrative and tables (importing/identity.py), else each alone
        for result in review_together(files, layout):
            reported, counted, why = reported_of(result)
            measured.unreviewed = measured.unreviewed or why
            measured.reported += reported
            measured.read += counted["read"]
            measured.unread += counted["unknown"]
            measured.unjudged += counted["unjudged"]
    except Exception as exc:  # what the user would see as 内部错误: counted, and the run goes on
        measured.crashed = f"{type(exc).__name__}: {exc}"
        traceback.print_exc(file=sys.stderr)
    measured.seconds = time.perf_counter() - start
    match(measured.reported, measured.slips, measured.unsure)
    return measured


def summary(results: list[Measured], seen: bool) -> list[str]:
    group = [r for r in results if r.seen == seen]
    name = "documents tests came from (seen)" if seen else "documents no test came from (unseen)"
    return _group_summary(group, name) if group else []


def _group_summary(group: list[Measured], name: str) -> list[str]:
    findings = sum(len(r.counted) for r in group)
    neutral = sum(len(r.reported) - len(r.counted) for r in group)
    true = sum(r.true for r in group)
    slips = [s for r in group for s in r.slips]
    read = sum(r.read for r in group)
    unread = sum(r.unread for r in group)
    unjudged = sum(r.unjudged for r in group)
    lines = [f"### {name}: {len(group)}", "",
             f"- findings {findings}, true {true}, false alarms {findings - true}: precision "
             + (f"{true / findings:.1%}" if findings else "— (no findings)")
             + f" (and {neutral} on what the annotation left unsure, counted neither way)",
             f"- annotated slips {len(slips)}, found {sum(s.found for s in slips)}: recall "
             + (f"{sum(s.found for s in slips) / len(slips):.1%}" if slips else "—"),
             f"- prose figures {read}: judged {read - unread}, read not judged {unjudged}, unread {unread - unjudged}"
             + (f": read {(read - unread + unjudged) / read:.1%}, unread {(unread - unjudged) / read:.1%}" if read else ""),
             f"- prose figures read {read}, 未能核对 {unread}: 未能核对 " + (f"{unread / read:.1%}" if read else "—"),
             f"- 未能审核 (not reviewed, told so): {sum(1 for r in group if r.unreviewed)} documents",
             f"- 内部错误: {sum(1 for r in group if r.crashed)}; seconds per document: "
             f"{sum(r.seconds for r in group) / len(group):.2f}", "",
             "| class | annotated | found |", "|---|---|---|"]
    by_class = Counter(s.klass for s in slips)
    found = Counter(s.klass for s in slips if s.found)
    lines += [f"| {k} | {n} | {found[k]} |" for k, n in sorted(by_class.items())]
    lines += ["", "| document | findings | true | false | slips | found | 未能核对 (not judged+unread)/all | s | crash or 未能审核 |",
              "|---|---|---|---|---|---|---|---|---|"]
    for r in group:
        lines.append(f"| {r.id} | {len(r.counted)} | {r.true} | {len(r.counted) - r.true} | {len(r.slips)} | "
                     f"{sum(s.found for s in r.slips)} | ({r.unjudged}+{r.unread - r.unjudged})/{r.read} | {r.seconds:.1f} | "
                     f"{(r.crashed or ('未能审核：' + r.unreviewed if r.unreviewed else ''))[:40]} |")
    return lines + [""]


def _entries(corpus: Path) -> list[dict[str, object]]:
    """The corpus's documents: corpus.yaml, and each annotator's corpus-*.yaml beside it."""
    entries: list[dict[str, object]] = []
    for listing in sorted(corpus.glob("corpus*.yaml")):
        entries += (yaml.safe_load(listing.read_text(encoding="utf-8")) or {}).get("documents") or []
    return entries


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else "")
    parser.add_argument("--json", type=Path, help="write every finding and slip with its verdict here")
    parser.add_argument("--only", nargs="*", help="ids to measure (default: the whole corpus)")
    parser.add_argument("--planted", type=int, default=0, metavar="N",
                        help="also N planted slips per class in rendered real sources (bench/planted.py)")
    parser.add_argument("--national", action="store_true",
                        help="the documents of other regions (bench/corpus/national), per region, with no --layout")
    parser.add_argument("--corpus", type=Path, metavar="DIR",
                        help="another corpus folder measured as --national is (bench/corpus/jiangsu: held-out region)")
    parser.add_argument("--fresh", action="store_true",
                        help="fresh1: 23 disclosures of 17 regions (../shared/corpus/fresh1), measured as --national is")
    args = parser.parse_args(argv)
    args.corpus = CORPUS / "fresh1" if args.fresh else args.corpus
    args.national = args.national or args.corpus is not None
    corpus = args.corpus.resolve() if args.corpus else NATIONAL if args.national else CORPUS
    entries = [e for e in _entries(corpus) if not args.only or e["id"] in args.only]
    waiting = [e["id"] for e in entries if not (annotations(corpus) / f"{e['id']}.yaml").exists()]
    absent = [e["id"] for e in entries if not all((ROOT / str(f)).exists() for f in _files(e))]
    layout = None if args.national else "上海"
    results = [measure(entry, corpus, layout) for entry in entries
               if entry["id"] not in waiting and entry["id"] not in absent]  # never before annotated; files here
    if args.national:
        regions = sorted({r.region for r in results})
        groups = [line for region in regions
                  for line in _group_summary([r for r in results if r.region == region], f"{region or '（未注地区）'}")]
        body = [*_group_summary(results, "all regions"), *groups] if results else []
    else:
        body = [*summary(results, False), *summary(results, True)]
    print("\n".join(["## review on whole documents (bench/review_eval.py)", "",
                     *([f"Not measured, not yet annotated: {', '.join(waiting)}", ""] if waiting else []),
                     *([f"Not measured, files absent (see the corpus listing's header): {', '.join(absent)}", ""]
                       if absent else []), *body]))
    if args.planted:
        from bench.planted import run

        print("### planted slips (bench/planted.py): recall per class", "", "| class | planted | found | recall |",
              "|---|---|---|---|", sep="\n")
        for klass, (planted, hits) in run(args.planted).items():
            if klass.startswith("（"):  # the bases as rendered: what is reported there is a false alarm
                print(f"| {klass} | {planted} 份 | {hits} | — |")
            else:
                print(f"| {klass} | {planted} | {hits} | {hits / planted:.0%} |" if planted else f"| {klass} | 0 | 0 | — |")
    if args.json:
        args.json.write_text(json.dumps([asdict(r) for r in results], ensure_ascii=False, indent=1, default=str),
                             encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
