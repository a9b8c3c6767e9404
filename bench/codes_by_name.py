"""The 科目 read by name (importing/recognition/named_codes.py) checked on tables that print their codes: each function
and economic table of the PDFs given (default: every PDF of ../shared/corpus, fresh1 and seeds), its codes struck out
and read again by name, against the codes printed: `python -m bench.codes_by_name [PDF …]`.

A table is read back “same” (every code as printed), “refused” (no code taken: a name the catalogue cannot place, a
sum that fails, two readings the sums leave open) or “WRONG” (a code other than the one printed: the mechanism's
failure, each one listed). A measurement: exit code 0 whatever it measures."""

from __future__ import annotations

import argparse
import copy
from collections import Counter
from pathlib import Path

from reportgen.base.errors import ReportgenError
from reportgen.importing.pipeline import import_files
from reportgen.importing.recognition import named_codes

SHARED = Path(__file__).resolve().parents[1] / ".." / "shared"
FOLDERS = ("corpus", "corpus/fresh1", "seeds/pdf", "seeds/juesuan")


def read_back(path: Path, tally: Counter[str]) -> None:
    """Each coded table of ``path`` read again by name, counted in ``tally`` (by outcome and classification)."""
    result = import_files([path], None)
    year = result.imported.year or 2025
    for kind, rows in result.imported.rows.items():
        registry = named_codes._registry(kind)
        lines = [row for row in rows if not row.total and row.name]
        if registry is None or not lines or not all(row.code for row in lines):
            continue
        printed = {i: row.code for i, row in enumerate(rows) if not row.total and row.name}
        struck = [copy.copy(row) for row in rows]
        for row in struck:
            row.code = ""
        found, why = named_codes.coded_by_name(struck, registry, year)
        outcome = "refused" if not found else "same" if found == printed else "WRONG"
        tally[f"{outcome} {registry}"] += 1
        if outcome == "WRONG":
            print(f"WRONG {path.name} {kind}: {[(rows[i].name, printed[i], c) for i, c in found.items() if c != printed[i]][:4]}")
        elif outcome == "refused":
            print(f"refused {path.name} {kind}: {why}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("pdfs", nargs="*", type=Path)
    args = parser.parse_args()
    paths = args.pdfs or [p for folder in FOLDERS for p in sorted((SHARED / folder).glob("*.pdf"))]
    tally: Counter[str] = Counter()
    for path in paths:
        try:
            read_back(path, tally)
        except ReportgenError:
            tally["files refused by import"] += 1
    print("; ".join(f"{key} {count}" for key, count in sorted(tally.items())) or "no coded table")


if __name__ == "__main__":
    main()
