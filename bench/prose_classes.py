"""The 功能分类 类 rows a document's prose gives (importing/text/prose.py, read where a document has no tables): each
row's code, amount and the sentence it was read from, for every text and prose PDF of the seeds (../shared/seeds,
tests/seeds), the 江苏 page extracts (tests/fixtures/import/national) and ../shared/corpus with fresh1 (the narrative
halves: a file named …-tables is left out), or the files given: `python -m bench.prose_classes [FILE …]`.

A list to compare before and after a change of the rule (issue 79: a 类 is read only where the text names it as
spending), not a score; exit code 0 whatever it lists."""

from __future__ import annotations

import argparse
from pathlib import Path

from reportgen.base.errors import ReportgenError
from reportgen.importing.text.prose import prose_source
from reportgen.readers.published import read_published

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT / ".." / "shared"


def documents() -> list[Path]:
    """The default documents, in a fixed order."""
    paths = sorted((SHARED / "seeds").rglob("*.txt")) + sorted((ROOT / "tests" / "seeds").rglob("*.txt"))
    paths += sorted((ROOT / "tests" / "fixtures" / "import" / "national").glob("js-*.pdf"))
    for folder in (SHARED / "corpus", SHARED / "corpus" / "fresh1"):
        paths += sorted(path for path in folder.glob("*.pdf") if "tables" not in path.name)
    return paths


def class_rows(path: Path) -> list[str] | None:
    """The 类 rows the prose of ``path`` gives, one line each; None where it gives no prose source."""
    prose = prose_source(read_published(path).lines)
    if prose is None:
        return None
    spending = prose.imported.tree.get("支出", {})
    rows = spending.get("功能分类", []) if isinstance(spending, dict) else []
    return [f"{path.name} {row['科目'].value} {row['合计'].value} {row['科目'].where}" for row in rows]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("files", nargs="*", type=Path)
    paths = parser.parse_args(argv).files or documents()
    read = rows = 0
    for path in paths:
        try:
            lines = class_rows(path)
        except ReportgenError as error:
            print(f"{path.name} NOT READ {error}")
            continue
        if lines is None:
            continue
        read += 1
        rows += len(lines)
        for line in lines:
            print(line)
    print(f"{len(paths)} documents, {read} with a prose source, {rows} 类 rows")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
