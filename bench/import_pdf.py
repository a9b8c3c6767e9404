"""Reading a published budget PDF into grids (``reportgen import``): the two geometry sources
measured on the real budgets in tests/seeds/pdf (26–33 pages each).

* poppler: ``pdftotext -bbox-layout`` (one process, XHTML of word boxes) parsed with lxml — what
  reportgen/readers/pdf_tables.py uses. Timed alone (the program, the parse) and as the whole of
  ``read_pdf`` (lines, tables, columns, grids).
* pdfplumber (pdfminer.six, pure Python): ``Page.extract_words`` on every page, which is only
  where its geometry starts — the tables would still have to be built from its words.

Each runs alternately, best and median of --repeat; the figures are printed, nothing is asserted
(tests/test_import_pdf.py holds the bound a 30-page import must meet).

    python bench/import_pdf.py [--repeat 5] [FILE.pdf ...]     (pdfplumber: pip install pdfplumber)
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # `python bench/import_pdf.py` from anywhere
    sys.path.insert(0, str(ROOT))

from reportgen.readers import pdf_tables as pdf  # noqa: E402

SEEDS = ROOT / "tests" / "seeds" / "pdf"


def poppler_words(path: Path) -> int:
    """pdftotext's word boxes for the file, parsed: the part of read_pdf poppler does."""
    data = path.read_bytes()
    return sum(len(words) for words in pdf._pages(pdf._xhtml(path, data), path))


def poppler_grids(path: Path) -> int:
    """The whole import of the file: every grid and line."""
    return len(pdf.read_pdf(path, path.read_bytes()).grids)


def plumber_words(path: Path) -> int:
    import pdfplumber  # deferred: a bench-only dependency

    with pdfplumber.open(path) as document:
        return sum(len(page.extract_words(extra_attrs=["size"])) for page in document.pages)


def timed(run: Callable[[Path], int], path: Path) -> float:
    start = time.perf_counter()
    run(path)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("files", nargs="*", type=Path)
    args = parser.parse_args()
    files = args.files or sorted(SEEDS.glob("*.pdf"))
    try:
        import pdfplumber  # noqa: F401
        runs = {"pdftotext -bbox-layout + lxml": poppler_words, "read_pdf (all grids)": poppler_grids,
                "pdfplumber extract_words": plumber_words}
    except ImportError:
        print("pdfplumber is not installed: only poppler is measured (pip install pdfplumber)")
        runs = {"pdftotext -bbox-layout + lxml": poppler_words, "read_pdf (all grids)": poppler_grids}
    print(f"{'file':44} {'pages':>5}  " + "  ".join(f"{name:>30}" for name in runs))
    for path in files:
        pages = len(pdf._pages(pdf._xhtml(path, path.read_bytes()), path))
        times: dict[str, list[float]] = {name: [] for name in runs}
        for _ in range(args.repeat):
            for name, run in runs.items():
                times[name].append(timed(run, path))
        cells = [f"{min(t):6.3f} s (median {statistics.median(t):6.3f})" for t in times.values()]
        print(f"{path.name:44} {pages:>5}  " + "  ".join(f"{cell:>30}" for cell in cells))


if __name__ == "__main__":
    main()
