"""A reading that checks itself, with no annotation: `python -m bench.self_check [--only NAME…] [--json FILE]`.

Every PDF under ../shared/ (corpus, corpus/fresh1, corpus/scanned, seeds/pdf, seeds/juesuan) is imported as `reportgen
import` imports it (importing.pipeline.import_files, no --layout), and what its own arithmetic says of the reading is told:

* printed: the amounts the rows of the PDF's budget tables print (the tables recognised, read for sure or not; a unit's
  tables set aside apart), counted as review/coverage.py counts them; beside it, apart, those printed on the rows of grids
  no budget table was recognised in (绩效目标表, 项目明细, a local table: “other grids”), and of those the ones their
  own sums verify (importing/recognition/own_sums.py: a column the sum of others, rows adding up by code or in order);
* verified: of them, those read onto the rows of a table whose reading its identities verify — read for sure (sure.py:
  each column of amounts given one meaning) and no relation of it refuted (importing/verified.py: a relation failing
  on most of the rows printing it is a wrong reading, not slips). Share: verified ÷ printed (issue 79's target: 98 %);
* failing: the identities that fail on the reading as verified (each table slip the import tells, grouped as it tells
  them: reconcile.grouped), and the relations refuted (a reading that failed its identities);
* beyond: for a document annotated (bench/corpus, bench/corpus/national, ../shared/corpus/fresh1/expected), the
  failing identities no annotated slip is named by (bench/review_eval.py's matching) plus the refuted relations — a
  document is clean where that is 0; for one not annotated, “—”.

A measurement, not a test: the exit code is 0 whatever it measures. Refused files and 内部错误 are counted apart.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
import traceback
from dataclasses import asdict, dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.review_eval import CORPUS, NATIONAL, Reported, _entries, _files, expected_slips, match, numbers  # noqa: E402

SHARED = (ROOT / ".." / "shared").resolve()
FOLDERS = ("corpus", "corpus/fresh1", "corpus/scanned", "seeds/pdf", "seeds/juesuan")
FRESH = CORPUS / "fresh1"  # its annotations stand in ../shared (bench/review_eval.annotations)
TARGET = 98.0  # % of the printed table figures read onto verified rows, per document (issue 79)


@dataclass
class Checked:
    name: str
    folder: str
    printed: int = 0
    verified: int = 0
    other: int = 0  # the amounts printed on grids no budget table was recognised in
    other_summed: int = 0  # of them, those their grid's own sums verify (own_sums.py)
    failing: list[str] = field(default_factory=list)  # the identities failing, as the import tells them
    refuted: list[str] = field(default_factory=list)  # the relations whose failures refuted the reading
    beyond: int | None = None  # failing identities no annotated slip names, plus the refuted (None: not annotated)
    refused: str = ""
    crashed: str = ""
    seconds: float = 0.0
    # each budget table's printed figures and those read onto its verified rows: (kind, printed, verified)
    tables: list[tuple[str, int, int]] = field(default_factory=list)

    @property
    def share(self) -> float | None:
        return 100.0 * self.verified / self.printed if self.printed else None


def pdfs(only: list[str] | None = None) -> list[Path]:
    """The PDFs under ../shared/ the check reads, by folder and name (``only``: those whose name holds one of these)."""
    found = [path for folder in FOLDERS for path in sorted((SHARED / folder).glob("*.pdf"))]
    return [p for p in found if not only or any(word in p.name for word in only)]


def annotated() -> dict[Path, tuple[Path, str]]:
    """Each annotated document's first file → (its corpus, its id)."""
    out: dict[Path, tuple[Path, str]] = {}
    for corpus in (CORPUS, NATIONAL, FRESH):
        for entry in _entries(corpus):
            files = _files(entry)
            if len(files) == 1:  # a disclosure of several files is checked file by file: no annotation fits one
                out[(ROOT / files[0]).resolve()] = (corpus, str(entry["id"]))
    return out


def check(path: Path, notes: dict[Path, tuple[Path, str]]) -> Checked:
    """One PDF imported, and its reading measured by its own identities."""
    from reportgen.base.errors import ReportgenError
    from reportgen.importing.pipeline import import_files
    from reportgen.readers.published import read_published

    checked = Checked(path.name, str(path.parent.relative_to(SHARED)))
    start = time.perf_counter()
    try:
        published = read_published(path)
        result = import_files([path], None, read={path: published})
        measure(checked, result, published, notes.get(path.resolve()))
    except ReportgenError as exc:  # refused (ImportRefused, a file unreadable …): told as the user reads it
        checked.refused = str(exc).splitlines()[0][:120]
    except Exception as exc:  # what a user would see as 内部错误: counted, and the run goes on
        checked.crashed = f"{type(exc).__name__}: {exc}"
        traceback.print_exc(file=sys.stderr)
    checked.seconds = time.perf_counter() - start
    return checked


def measure(checked: Checked, result, published, note: tuple[Path, str] | None) -> None:  # type: ignore[no-untyped-def]
    """The document's printed table figures, those read onto verified rows, and the identities failing."""
    from reportgen.importing.budget.reconcile import differences, grouped, rounding_tails
    from reportgen.importing.budget.verified import refuted
    from reportgen.review.coverage import place_key, printed_amounts, read_keys, with_wrapped_heads

    imported = result.imported
    slips, _ = rounding_tails(imported, differences(imported))
    kept, unverified = refuted(imported, slips)
    wrong = {relation.table for relation in unverified}
    places = (result.read_places | result.unsure_places) - result.set_aside_places
    others = result.other_places - places - result.set_aside_places
    verified_places = {place for kind, table in imported.tables.items() if kind not in wrong
                       for place in [*(table.grid.row_places or []), *figure_places(table.grid)]}
    read = with_wrapped_heads(read_keys(result, None), [published.lines])
    printed = [(line.where, (line.page, line.line, value)) for line in published.lines if line.where in places
               for value in printed_amounts(line.text)]
    checked.printed = len(printed)
    checked.other = sum(len(printed_amounts(line.text)) for line in published.lines if line.where in others)
    summed = {key for where, value in result.checked if (key := place_key(where, value)) is not None}
    checked.other_summed = sum(1 for line in published.lines if line.where in others
                               for value in printed_amounts(line.text) if (line.page, line.line, value) in summed)
    checked.verified = sum(1 for where, key in printed if key in read and where in verified_places)
    checked.tables = by_table(imported, printed, read, verified_places)
    checked.failing = grouped(kept)
    checked.refuted = [relation.told() for relation in unverified]
    if note is not None:
        corpus, doc_id = note
        reported = [Reported(text, "table", numbers(text)) for text in checked.failing]
        match(reported, expected_slips(doc_id, corpus=corpus), expected_slips(doc_id, "unsure", corpus))
        checked.beyond = sum(1 for r in reported if not r.true and not r.neutral) + len(checked.refuted)


def figure_places(grid) -> set[str]:  # type: ignore[no-untyped-def]
    """The lines of a grid's rows other than their first that its figures are printed on: a figure's own line within
    its row (Cell.place), a wide table's columns continued on the next page (Grid.side_places)."""
    return {cell.place for row in grid.rows for cell in row if cell.place} | {p for p in grid.side_places or [] if p}


def by_table(imported, printed: list[tuple[str, tuple[int, int, object]]], read: set,  # type: ignore[no-untyped-def]
             verified_places: set[str]) -> list[tuple[str, int, int]]:
    """Each budget table (read for sure or not) by its kind: the figures its rows print and those read onto its
    verified rows. A line is the first table's whose rows span it (tables of a page are apart); a figure printed on
    no table's span (a unit's table set aside, a page continuing a table otherwise) is counted under "—"."""
    from reportgen.importing.budget.by_unit import spanned

    grids = [(kind, table.grid) for kind, table in imported.tables.items()]
    grids += [(f"{t.kind.id}（未确定）", t.grid) for t in imported.unsure]
    spans = []
    for kind, grid in grids:
        places = [*(grid.row_places or []), *(p for p in grid.side_places or [] if p), *grid.again_places,
                  *figure_places(grid)]
        spans.append((kind, set(places) | (set(spanned(places)) if grid.kind == "pdf" else set())))
    counts: dict[str, list[int]] = {}
    for where, key in printed:
        kind = next((k for k, span in spans if where in span), "—")
        count = counts.setdefault(kind, [0, 0])
        count[0] += 1
        count[1] += key in read and where in verified_places
    return [(kind, n, v) for kind, (n, v) in counts.items()]


UNDER = 95.0  # % of each budget table's printed figures held at its rows (issue 79 part 4)


def table_share(printed: int, verified: int) -> float:
    return 100.0 * verified / printed if printed else 100.0


def tables_under(results: list[Checked]) -> list[str]:
    """The budget tables under 95 %, per document, and each class of table (its kind) summed over the documents."""
    rows = [f"### budget tables under {UNDER:.0f}% (per document)", "",
            "| document | table | printed | verified | share |", "|---|---|---|---|---|"]
    classes: dict[str, list[int]] = {}
    tables = under = 0
    for c in results:
        for kind, printed, verified in c.tables:
            tables += 1
            cls = classes.setdefault(kind, [0, 0, 0, 0])
            cls[0] += 1
            cls[1] += printed
            cls[2] += verified
            if table_share(printed, verified) < UNDER:
                under += 1
                cls[3] += 1
                rows.append(f"| {c.name} | {kind} | {printed} | {verified} | {table_share(printed, verified):.1f}% |")
    rows[1:1] = [f"- budget tables: {tables}; at {UNDER:.0f}% or more: {tables - under}; under: {under}", ""]
    rows += ["", "### by class of table (summed over the documents)", "",
             "| table | tables | under 95% | printed | verified | share |", "|---|---|---|---|---|---|"]
    for kind, (n, printed, verified, low) in sorted(classes.items(), key=lambda kv: table_share(kv[1][1], kv[1][2])):
        rows.append(f"| {kind} | {n} | {low} | {printed} | {verified} | {table_share(printed, verified):.1f}% |")
    return rows


def table(results: list[Checked]) -> list[str]:
    """The per-document table and the summary lines."""
    rows = ["| folder | document | printed | on verified rows | share | other grids (their own sums verify) | failing | refuted | beyond annotated |",
            "|---|---|---|---|---|---|---|---|---|"]
    for c in results:
        if c.refused or c.crashed:
            rows.append(f"| {c.folder} | {c.name} | — | — | — | — | — | — | {'拒绝：' + c.refused if c.refused else '内部错误'} |")
            continue
        share = f"{c.share:.1f}%" if c.share is not None else "—"
        beyond = "—" if c.beyond is None else str(c.beyond)
        rows.append(f"| {c.folder} | {c.name} | {c.printed} | {c.verified} | {share} | {c.other} ({c.other_summed}) | {len(c.failing)} | "
                    f"{len(c.refuted)} | {beyond} |")
    read = [c for c in results if not c.refused and not c.crashed and c.printed]
    at_target = sum(1 for c in read if c.share is not None and c.share >= TARGET)
    notes = [c for c in results if c.beyond is not None]
    printed, verified = sum(c.printed for c in read), sum(c.verified for c in read)
    summary = [
        f"- PDFs: {len(results)}; refused {sum(1 for c in results if c.refused)}; 内部错误 "
        f"{sum(1 for c in results if c.crashed)}; printing table figures {len(read)}",
        f"- table figures printed {printed}, read onto verified rows {verified}"
        + (f" ({100 * verified / printed:.1f}%)" if printed else "")
        + f"; on other grids (no budget table recognised) {sum(c.other for c in read)}, of them their own sums "
        f"verify {sum(c.other_summed for c in read)}",
        f"- documents at {TARGET:.0f}% or more on verified rows: {at_target} of {len(read)}",
        f"- documents with no identity failing: {sum(1 for c in read if not c.failing and not c.refuted)} of {len(read)}",
        f"- annotated documents with no identity failing beyond their annotated slips: "
        f"{sum(1 for c in notes if c.beyond == 0)} of {len(notes)}",
    ]
    return ["## self-check: table figures on verified rows (bench/self_check.py)", "", *summary, "", *rows, "",
            *tables_under(results)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else "")
    parser.add_argument("--only", nargs="*", help="the PDFs whose file name holds one of these (default: all)")
    parser.add_argument("--json", type=Path, help="write each document's measurement here")
    args = parser.parse_args(argv)
    notes = annotated()
    results = [check(path, notes) for path in pdfs(args.only)]
    print("\n".join(table(results)))
    if args.json:
        args.json.write_text(json.dumps([asdict(c) for c in results], ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
