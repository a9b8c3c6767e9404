"""Cut documents reviewed against their whole: `python -m bench.cuts [--only ID…] [--experiments abcde] [--out DIR]`.

Documents of regions nobody here has seen come in shapes the corpus lacks. We stand in for them by cutting the
corpus's real documents with pypdf (bench/corpus/cuts-2026-11-26.md says what a reviewer expects of each cut):
(a) no cover and no 目录 (every page before the first 部门概况/职责 heading dropped); (b) the 部门概况 pages dropped;
(c) one table's pages dropped, each table kind in turn; (d) the tables in another order (the second table's pages
before the first's, and the last table's first among them); (e) one table's first page printed twice, each kind in turn.
Each cut is reviewed as the whole is (review_document; a 北京 half beside its other half whole, review_together),
and what it tells is laid beside what the whole tells: 内部错误, 未能审核, the figures agreeing, the tables said
missing, the findings it adds (each to be judged: true of the cut, or a false alarm) and the findings it loses
(each to be judged: on a page cut, or lost). Page and line numbers are taken out of the findings compared.
The cut PDFs are written to --out (default /tmp/cuts-<pid>), never to the repository. A measurement, not a test.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import traceback
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from pypdf import PdfReader, PdfWriter

from bench.review_eval import NATIONAL, _entries, _files, reported_of

if TYPE_CHECKING:
    from reportgen.review.documents import DocumentReview

CORPUS_FILES = Path("/work/shared/corpus")
_PLACE = re.compile(r"第\s*(\d+)\s*页")
_NUMBERED = re.compile(r"第\s*\d+\s*[页行张栏列]|[:：]\d+(?=\D)|\bp\d+(?: r\d+)?|第\d+[、，,]\d+页")
# a heading that opens the 部门概况 (or the duties, where no 部门概况 heading is printed)
_OVERVIEW = re.compile(r"^(?:第[一二三四五六七八九十]+部分)?[\s、.]*(?:[一1][、.．]|（一）)?\s*本?"
                       r"(?:部门概况|单位概况|部门情况|部门基本情况|单位基本情况|部门主要职责|主要职能|主要职责|部门职责"
                       r"|职能职责|单位职责|部门职能)")
_NEXT_PART = re.compile(r"^第[二三四五六七八九十]+部分|^(?:二|三)[、.．]\s*(?:\S*预算|\S*收支)")
_CONTENTS = re.compile(r"[.…·．]{4,}\s*\d+$|^目\s*录$")


@dataclass
class Outcome:
    document: str
    cut: str  # the experiment and what it cut
    pages: list[int]  # the cut's pages, as the whole document's page numbers, in order
    error: str = ""  # 内部错误 (a traceback's last line)
    unreviewed: str = ""
    agree: int = 0
    agree_whole: int = 0
    missing: list[str] = field(default_factory=list)  # the tables the review says are not given
    expected_missing: list[str] = field(default_factory=list)
    added: list[str] = field(default_factory=list)  # findings of the cut the whole does not have
    lost: list[str] = field(default_factory=list)  # findings of the whole the cut does not have
    paired: bool = True


@dataclass
class Whole:
    review: DocumentReview
    findings: set[str]
    agree: int
    pages: int
    lines: dict[int, list[str]]  # page → its lines' texts
    tables: dict[str, list[int]]  # table kind → the pages its rows are on (of the file cut)
    missing: list[str]


def _normal(text: str) -> str:
    """A finding without the page and line numbers a cut shifts."""
    return re.sub(r"\s+", " ", _NUMBERED.sub("#", text)).strip()


def _review(files: list[Path]) -> DocumentReview:
    from reportgen.review.documents import review_document, review_together

    if len(files) == 1:
        return review_document(files[0], None)
    results = review_together(files, None)
    return results[0]


def _findings(review: DocumentReview) -> tuple[set[str], int, list[str]]:
    reported, _, _ = reported_of(review)
    agree = review.narrative.counts["agree"] if review.narrative is not None else 0
    missing = [str(name) for name in (review.checklist or {}).get("tables_missing", []) or []]
    return {_normal(r.text) for r in reported}, agree, missing


def _table_pages(review: DocumentReview, cut_file: Path) -> dict[str, list[int]]:
    out: dict[str, list[int]] = {}
    if review.imported is None:
        return out
    imported = review.imported.imported
    for table in [*imported.tables.values(), *imported.unsure]:
        if Path(table.grid.file).name != cut_file.name:
            continue
        pages = sorted({int(m[1]) for place in table.grid.row_places or [] if (m := _PLACE.match(place))})
        out.setdefault(table.kind.id, [])
        out[table.kind.id] = sorted(set(out[table.kind.id]) | set(pages))
    return out


def whole(files: list[Path], cut_file: Path) -> Whole:
    from reportgen.readers.published import read_published

    review = _review(files)
    findings, agree, missing = _findings(review)
    read = read_published(cut_file)
    lines: dict[int, list[str]] = {}
    for line in read.lines:
        lines.setdefault(line.page, []).append("".join(line.text.split()))
    return Whole(review, findings, agree, read.pages or 0, lines, _table_pages(review, cut_file), missing)


def _contents_page(texts: list[str]) -> bool:
    return any(t in ("目录", "目 录") for t in texts) or sum(1 for t in texts if _CONTENTS.search(t)) >= 3


def overview_pages(doc: Whole) -> tuple[int, int] | None:
    """The 部门概况's first page (the first heading of it on a page that is no 目录) and the last page before
    the next part; None where none is printed."""
    first = next((page for page in sorted(doc.lines) if not _contents_page(doc.lines[page])
                  and any(_OVERVIEW.match(t) for t in doc.lines[page])), None)
    if first is None:
        return None
    table_pages = {p for pages in doc.tables.values() for p in pages}
    end = next((page - 1 for page in sorted(doc.lines) if page > first and (
        page in table_pages or any(_NEXT_PART.match(t) for t in doc.lines[page]))), first)
    return first, max(first, end)


def cuts(doc: Whole, experiments: str, kinds: tuple[str, ...] = ()) -> list[tuple[str, list[int], list[str]]]:
    """(what is cut, the pages kept in order, the tables expected said missing) of each experiment; ``kinds``:
    the table kinds whose (c) and (e) cuts are made (every kind where none are named)."""
    every = list(range(1, doc.pages + 1))
    out: list[tuple[str, list[int], list[str]]] = []
    overview = overview_pages(doc)
    if "a" in experiments and overview is not None and overview[0] > 1:
        out.append((f"a 无封面目录 (p1–{overview[0] - 1})", every[overview[0] - 1:], []))
    if "b" in experiments and overview is not None:
        first, last = overview
        out.append((f"b 无部门概况 (p{first}–{last})", [p for p in every if not first <= p <= last], []))
    blocks = sorted(doc.tables.items(), key=lambda kv: kv[1][0] if kv[1] else 0)
    blocks = [(k, pages) for k, pages in blocks if pages]
    chosen = [(k, pages) for k, pages in blocks if not kinds or k in kinds]
    for kind, pages in chosen if "c" in experiments else []:
        gone = set(pages)
        sharing = [k for k, other in blocks if k != kind and set(other) <= gone]
        out.append((f"c 无{kind} (p{pages[0]}–{pages[-1]})", [p for p in every if p not in gone], [kind, *sharing]))
    if "d" in experiments and len(blocks) >= 3:
        out += _reordered(every, blocks)
    for kind, pages in chosen if "e" in experiments else []:
        at = every.index(pages[0])
        out.append((f"e {kind} p{pages[0]} 印两次", [*every[:at + 1], pages[0], *every[at + 1:]], []))
    return out


def _reordered(every: list[int], blocks: list[tuple[str, list[int]]]) -> list[tuple[str, list[int], list[str]]]:
    out = []
    (k1, p1), (k2, p2) = blocks[0], blocks[1]
    if p1[-1] < p2[0] and not set(p1) & set(p2):
        one, two = list(range(p1[0], p2[0])), list(range(p2[0], p2[-1] + 1))
        rest = [p for p in every if p not in one and p not in two]
        at = rest.index(p2[-1] + 1) if p2[-1] + 1 in rest else len(rest)
        out.append((f"d {k2} 在 {k1} 前", [*rest[:at], *two, *one, *rest[at:]], []))
    kl, pl = blocks[-1]
    if pl[0] > p2[-1]:
        moved = list(range(pl[0], pl[-1] + 1))
        rest = [p for p in every if p not in moved]
        at = rest.index(p1[0])
        out.append((f"d {kl} 排在最前", [*rest[:at], *moved, *rest[at:]], []))
    return out


def run_cut(doc: Whole, name: str, files: list[Path], cut_file: Path, pages: list[int],
            expected: list[str], out_dir: Path, label: str) -> Outcome:
    reader = PdfReader(cut_file)
    writer = PdfWriter()
    for page in pages:
        writer.add_page(reader.pages[page - 1])
    slug = re.sub(r"\W+", "-", label, flags=re.ASCII).strip("-") or "cut"
    target = out_dir / name / f"{len(list((out_dir / name).glob('*')))}-{slug}" / cut_file.name
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("wb") as handle:
        writer.write(handle)
    given = [target if path == cut_file else path for path in files]
    outcome = Outcome(name, label, pages, agree_whole=doc.agree, expected_missing=expected)
    try:
        review = _review(given)
    except Exception:  # noqa: BLE001 — a measurement tells every crash and goes on
        outcome.error = traceback.format_exc().strip().splitlines()[-1]
        return outcome
    outcome.paired = len(given) == 1 or len(review.files) == len(given)
    outcome.unreviewed = review.unreviewed
    findings, outcome.agree, outcome.missing = _findings(review)
    outcome.added = sorted(findings - doc.findings)
    outcome.lost = sorted(doc.findings - findings)
    return outcome


def subjects(only: list[str]) -> list[tuple[str, list[Path], Path]]:
    """(id, the files reviewed together, the file cut) of every single-file corpus document and of both halves
    of each 北京 pair whose halves both have a text layer."""
    out = []
    listed = {Path(f).name: entry for entry in _entries(NATIONAL) for f in _files(entry)}
    for path in sorted(CORPUS_FILES.glob("*.pdf")):
        entry = listed.get(path.name)
        files = [CORPUS_FILES / Path(f).name for f in _files(entry)] if entry else [path]
        if len(files) > 1 and path != files[0]:
            continue
        for cut in files:
            name = cut.stem
            if not only or any(o in name for o in only):
                out.append((name, files, cut))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", nargs="*", default=[])
    parser.add_argument("--experiments", default="abcde")
    parser.add_argument("--kinds", nargs="*", default=[], help="the table kinds cut in (c) and (e): every kind if none")
    parser.add_argument("--out", type=Path, default=Path(f"/tmp/cuts-{__import__('os').getpid()}"))
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(argv)
    outcomes: list[Outcome] = []
    for name, files, cut_file in subjects(args.only):
        try:
            doc = whole(files, cut_file)
        except Exception:  # noqa: BLE001
            print(f"{name}: whole not reviewed: {traceback.format_exc().strip().splitlines()[-1]}", flush=True)
            continue
        print(f"== {name}: {doc.pages} pages, agree {doc.agree}, {len(doc.findings)} findings, "
              f"{'未能审核 ' + doc.review.unreviewed if doc.review.unreviewed else ''} tables "
              + " ".join(f"{k}:{v[0]}-{v[-1]}" for k, v in doc.tables.items() if v), flush=True)
        for label, pages, expected in cuts(doc, args.experiments, tuple(args.kinds)):
            outcome = run_cut(doc, name, files, cut_file, pages, expected, args.out, label)
            outcomes.append(outcome)
            print(_told(outcome), flush=True)
    if args.json:
        args.json.write_text(json.dumps([asdict(o) for o in outcomes], ensure_ascii=False, indent=1))
    return 0


def _told(o: Outcome) -> str:
    flags = []
    if o.error:
        flags.append(f"内部错误 {o.error}")
    if o.unreviewed:
        flags.append(f"未能审核 {o.unreviewed[:80]}")
    if not o.paired:
        flags.append("not paired")
    not_said = [k for k in o.expected_missing[:1] if not any(k in m or m in k for m in o.missing)]
    if not_said:
        flags.append(f"missing not said ({', '.join(o.missing) or '-'})")
    head = f"  {o.cut}: agree {o.agree}/{o.agree_whole} {'FAIL ' + '; '.join(flags) if flags else ''}"
    body = [f"    + {text[:220]}" for text in o.added] + [f"    - {text[:220]}" for text in o.lost]
    return "\n".join([head, *body])


if __name__ == "__main__":
    sys.exit(main())
