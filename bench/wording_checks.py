"""The mechanical wording checks measured on every corpus document: `python -m bench.wording_checks` (a few
minutes the first time; the texts are kept in a cache after).

Every PDF of ../shared/corpus (the national set, its fresh1 set of 17 regions, its scanned set) and of bench/corpus
(上海) is read as `reportgen review FILE.pdf` reads it: its lines (read_published), the lines the import found to be
rows of a table, its year and whether it is a 决算 — and each check (a text rule of review/text_rules, CHECKS below) is
run over that text. Printed, per check: its hits per document, each hit's words; for the fresh1 documents, whether a
hit matches a slip the annotators wrote (fresh1/expected/<id>.yaml: `slips` and `known_true`, a hit matching when all
tokens of one of a slip's `match` lists are in its message — `re:` a regex, a number as a whole number, else a
substring — and on its page) or one they left `doubtful` (counted neither way). A document review refuses (its tables
make no source) hears no wording rule in review's output: it is measured all the same, marked “(refused)”.

`--check ID` measures one check; `--quiet` prints the counts alone; `--no-cache` reads every document again.
`--vocabulary` writes R-错字's words of budgets (reportgen/review/text_rules/look_alike_words.yaml): each two Han
characters side by side, one of a group of 形近字, that two disclosures or more print — the fresh1 and scanned sets
left out (fresh1 is where the rule is shown on documents it was not written from; a page OCR read may print a
look-alike for the other) — and `--leave-one-out` measures R-错字 on each document with the words of the others alone.
A measurement, not a test: the exit code is 0 whatever it measures."""

from __future__ import annotations

import argparse
import contextlib
import functools
import hashlib
import pickle
import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
SHARED = (ROOT.parent / "shared" / "corpus") if (ROOT.parent / "shared" / "corpus").is_dir() else Path("/work/shared/corpus")
FRESH = SHARED / "fresh1"
CACHE = Path("/tmp/reportgen-wording-texts")
# the checks measured: the text rules of mechanical wording (review/text_rules/mechanical.py), and those of issue 79
# part 7 elsewhere (a 科目 named two ways: levels.py; a reason for nothing, another item's reason: directions.py)
CHECKS = ("R-标点", "R-括号", "R-年份", "R-序号", "R-叠字", "R-预决算", "R-语序", "R-科目异名", "R-零数原因", "R-原因他项",
          "R-错字", "R-目录", "R-字母")
_TWO_DOCUMENTS = 2  # disclosures that print two characters side by side for them to be words of budgets (R-错字)


def documents() -> list[Path]:
    main_corpus = ROOT / "bench" / "corpus"
    if not list(main_corpus.glob("*.pdf")):
        main_corpus = Path("/work/main/bench/corpus")
    return sorted(SHARED.rglob("*.pdf")) + sorted(main_corpus.glob("*.pdf"))


@dataclass
class Read:
    """A document's text as review reads it."""

    path: str
    lines: list = field(default_factory=list)
    year: int | None = None
    table_rows: frozenset[int] = frozenset()
    final: bool = False
    refused: str = ""  # why review refuses it (no wording rule is then run in its output)


def read(path: Path) -> Read:
    from reportgen.importing.pipeline import import_files
    from reportgen.readers.grid import ImportRefused
    from reportgen.readers.published import read_published
    from reportgen.review.documents import _lines_at

    published = read_published(path)
    got = Read(str(path), published.lines)
    try:
        imported = import_files([path], None, read={path: published})
    except ImportRefused as exc:
        got.refused = "决算" if exc.final else "refused"
        return got
    except Exception as exc:  # noqa: BLE001 - measured all the same
        got.refused = f"error {type(exc).__name__}"
        return got
    from reportgen.runners.render import prepare

    got.year = imported.imported.year
    prepared = prepare(imported.source.named(path), draft=True)  # as review prepares it: its year, its kind
    if prepared.budget is not None:
        got.year, got.final = prepared.budget.year, prepared.budget.final
    got.table_rows = _lines_at(published.lines, imported.unsure_places) | _lines_at(
        published.lines, imported.read_places | imported.other_places | imported.set_aside_places)
    return got


@functools.cache
def _code() -> str:
    """The reading code's digest: a reading cached by other code is not this code's reading."""
    digest = hashlib.sha1()
    for source in sorted((Path(__file__).resolve().parent.parent / "reportgen").rglob("*.py")):
        digest.update(source.read_bytes())
    return digest.hexdigest()


def cached(path: Path, fresh: bool) -> Read:
    key = hashlib.sha1(f"{path}:{path.stat().st_size}:{path.stat().st_mtime}:{_code()}".encode()).hexdigest()[:16]
    file = CACHE / f"{key}.pickle"
    if file.exists() and not fresh:
        with contextlib.suppress(Exception):  # a reading pickled by other code: read again
            return pickle.loads(file.read_bytes())
    got = read(path)
    CACHE.mkdir(exist_ok=True)
    file.write_bytes(pickle.dumps(got))
    return got


@dataclass
class Slip:
    id: str
    page: int | None
    cls: str
    matchers: list[list[str]]
    doubtful: bool
    quote: str = ""


def slips_of(path: Path) -> list[Slip] | None:
    """The annotated slips of a fresh1 document (None: it is not one; 北京's 报表 file shares its 说明's)."""
    if path.parent != FRESH:
        return None
    stem = path.stem.removesuffix("-tables")
    file = FRESH / "expected" / f"{stem}.yaml"
    if not file.exists():
        return None
    data = yaml.safe_load(file.read_text(encoding="utf-8"))
    out = []
    for section in ("slips", "known_true", "doubtful"):
        for slip in data.get(section) or []:
            out.append(Slip(slip["id"], slip.get("page"), slip.get("class", ""), slip.get("match") or [],
                            section == "doubtful", re.sub(r"\s", "", str(slip.get("quote", "")))))
    return out


_NUMBER = re.compile(r"(?<![\d.])\d[\d,]*(?:\.\d+)?(?![\d.])")


def _token_in(token: str, text: str) -> bool:
    if token.startswith("re:"):
        return re.search(token[3:], text) is not None
    if re.fullmatch(r"\d[\d,]*(?:\.\d+)?", token):
        return token.replace(",", "") in {n.replace(",", "") for n in _NUMBER.findall(text)}
    return token in text


def matched(message: str, page: int, slips: list[Slip]) -> Slip | None:
    """The slip a hit names: all tokens of one of its matchers in the hit's words, on its page (or the next:
    a sentence wraps); one given no matchers, by its quote."""
    for slip in slips:
        # a slip given no matchers (most left doubtful): a run of _RUN characters of its quote in the hit's words
        if not slip.matchers and any(slip.quote[i:i + _RUN] in message for i in range(len(slip.quote) - _RUN + 1)):
            return slip
        if slip.page is not None and page and not (slip.page <= page <= slip.page + 1):
            continue
        if any(matcher and all(_token_in(token, message) for token in matcher) for matcher in slip.matchers):
            return slip
    return None


_RUN = 6  # characters a hit shares with the quote of a slip given no matchers (as bench/review_eval.py)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--check", action="append", help="the checks to measure (default: all)")
    parser.add_argument("--quiet", action="store_true", help="the counts alone")
    parser.add_argument("--no-cache", action="store_true", help="read every document again")
    parser.add_argument("--only", nargs="*", default=None, help="the documents whose path holds one of these words")
    parser.add_argument("--vocabulary", action="store_true", help="write R-错字's words of budgets")
    parser.add_argument("--leave-one-out", action="store_true",
                        help="R-错字 on each document with the words of the other documents alone")
    args = parser.parse_args(argv)
    if args.vocabulary or args.leave_one_out:
        return vocabulary(args.no_cache, args.leave_one_out)
    from reportgen.base.rules import TEXT, rules_reading
    from reportgen.review.text_rules import read_text

    checks = [r for r in rules_reading(TEXT) if r.id in (args.check or CHECKS)]
    totals: dict[str, Counter[str]] = {r.id: Counter() for r in checks}
    found_slips: dict[str, set[str]] = {r.id: set() for r in checks}
    wording = Counter()
    measured = [path for path in documents() if not args.only or any(word in str(path) for word in args.only)]
    for path in measured:
        got = cached(path, args.no_cache)
        text = read_text(got.lines, got.year, str(path), got.table_rows, got.final)
        pages = {line.number: line.page for line in got.lines}
        slips = slips_of(path)
        if slips is not None:
            wording["annotated wording slips"] += sum(1 for s in slips if s.cls == "wording" and not s.doubtful)
        name = path.relative_to(SHARED) if path.is_relative_to(SHARED) else Path("上海") / path.name
        for rule in checks:
            hits = list(rule.check(text))
            if not hits:
                continue
            for hit in hits:
                page = pages.get(hit.line, 0)
                slip = matched(hit.message, page, slips) if slips is not None else None
                verdict = ("" if slips is None else "   other") if slip is None else \
                    (f"   ~ doubtful {slip.id}" if slip.doubtful else f"   TRUE {slip.id} ({slip.cls})")
                kind = "other" if slip is None else "doubtful" if slip.doubtful else "true"
                totals[rule.id][kind] += 1
                if kind == "true":
                    found_slips[rule.id].add(f"{name.stem[:24]}:{slip.id}")  # type: ignore[union-attr]
                if not args.quiet:
                    print(f"{rule.id}  {name}{' (' + got.refused + ')' if got.refused else ''}  p.{page} l.{hit.line}"
                          f"  {hit.message}{verdict}")
            totals[rule.id]["documents"] += 1
    print()
    print(f"{'check':10} {'hits':>5} {'true':>5} {'doubtful':>8} {'other':>6} {'documents':>9}  slips found")
    for rule in checks:
        count = totals[rule.id]
        hits = count["true"] + count["doubtful"] + count["other"]
        print(f"{rule.id:10} {hits:5} {count['true']:5} {count['doubtful']:8} {count['other']:6} {count['documents']:9}"
              f"  {', '.join(sorted(found_slips[rule.id]))}")
    print(f"({len(measured)} documents; fresh1: {wording['annotated wording slips']} annotated wording slips)")
    return 0


def _words_of(path: Path, fresh: bool) -> frozenset[str]:
    from reportgen.review.text_rules.base import bare_flow
    from reportgen.review.text_rules.mechanical import _pairs_with_look_alikes

    got = cached(path, fresh)
    return frozenset(_pairs_with_look_alikes(bare_flow(read_text_of(got).flow)[0]))


def read_text_of(got: Read):
    from reportgen.review.text_rules import read_text

    return read_text(got.lines, got.year, got.path, got.table_rows, got.final)


def vocabulary(fresh: bool, leave_one_out: bool) -> int:
    """Write R-错字's words of budgets (or, ``leave_one_out``, measure the rule on each document with the words of
    the others alone)."""
    from reportgen.review.text_rules import mechanical

    taught = [path for path in documents() if path.parent != FRESH and path.parent.name != "scanned"]
    # a department's 说明 and 报表 (北京) are one disclosure
    by_disclosure: dict[str, set[str]] = {}
    for path in taught:
        by_disclosure.setdefault(path.stem.removesuffix("-tables"), set()).update(_words_of(path, fresh))
    counts = Counter(word for words in by_disclosure.values() for word in words)
    if not leave_one_out:
        kept = sorted(word for word, count in counts.items() if count >= _TWO_DOCUMENTS)
        mechanical._VOCABULARY.write_text(
            "# R-错字's words of budgets: written by `python -m bench.wording_checks --vocabulary` (bench/wording_checks.py)"
            f" from {len(by_disclosure)} disclosures; not to be edited by hand\nwords: |\n"
            + "".join("  " + " ".join(kept[i:i + 20]) + "\n" for i in range(0, len(kept), 20)), encoding="utf-8")
        print(f"{len(kept)} words of {len(by_disclosure)} disclosures written to {mechanical._VOCABULARY}")
        return 0
    for path in documents():
        own = by_disclosure.get(path.stem.removesuffix("-tables"), set()) if path in taught else set()
        words = frozenset(w for w, c in counts.items() if c - (w in own) >= _TWO_DOCUMENTS)
        mechanical.look_alike_words.cache_clear()
        original = mechanical.look_alike_words
        mechanical.look_alike_words = lambda words=words: words  # type: ignore[assignment]
        try:
            for hit in mechanical.look_alike_printed(read_text_of(cached(path, fresh))):
                print(f"R-错字  {path.name}  l.{hit.line}  {hit.message}")
        finally:
            mechanical.look_alike_words = original  # type: ignore[assignment]
    return 0


if __name__ == "__main__":
    sys.exit(main())
