"""What one `reportgen review` of a PDF costs, against the floor of reading its words at all: poppler's
``pdftotext -bbox-layout`` of the same PDF (the table reader's input), run as a process.

For each shared Shanghai PDF (22–33 pages): the median wall time of ``pdftotext -bbox-layout`` (the
one run a review makes: readers/pdf_words.py), of ``review_document`` in this process (import in
memory, reconcile, check, judge — each PDF read afresh), and of the whole ``reportgen review``
process; and the ratio of the last two to the first. The review in this process runs with the
collector as the program sets it (reportgen/__main__.py), as a `reportgen review` runs it. The CPU time of the review in this process is
printed too, and the cost of the annotated copy ``review -o`` writes besides (review/annotated.py): on a machine shared with other work the wall times rise, the CPU time much less. A measurement, not a test: nothing is asserted.

    python -m bench.review_cost [--repeat 5]
"""

from __future__ import annotations

import argparse
import gc
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PDFS = sorted((ROOT / "tests" / "seeds" / "pdf").glob("*.pdf"))


def _median(run: Callable[[], object], repeat: int, clock: Callable[[], float] = time.perf_counter) -> float:
    times = []
    for _ in range(repeat):
        start = clock()
        run()
        times.append(clock() - start)
    return statistics.median(times)


def _pdftotext(mode: str, pdf: Path) -> Callable[[], object]:
    return lambda: subprocess.run(["pdftotext", mode, "-enc", "UTF-8", str(pdf), "-"], capture_output=True, check=True)


def _in_process(pdf: Path) -> Callable[[], object]:
    from reportgen.readers.pdf import pdf_words
    from reportgen.review.documents import review_document

    def run() -> object:
        pdf_words._READ.clear()  # each run reads the PDF afresh, as a new process would
        return review_document(pdf, "上海")

    return run


def _annotated(pdf: Path) -> Callable[[], object]:
    """The annotated copy alone (review -o): the findings placed, the PDF copied with its boxes, the legend set."""
    from reportgen.paperwork.pages import annotated_copy
    from reportgen.review.documents import review_document

    result = review_document(pdf, "上海")
    return lambda: annotated_copy(result)


def _process(pdf: Path) -> Callable[[], object]:
    """A whole `reportgen review` of ``pdf``, checked to have reviewed it: exit 0 (nothing wrong) or 1 (findings);
    any other code (a refusal, an internal error) is no review's time and stops the measurement."""
    command = [sys.executable, "-m", "reportgen", "review", str(pdf), "--layout", "上海"]

    def run() -> object:
        done = subprocess.run(command, capture_output=True, cwd=ROOT, check=False)
        if done.returncode not in (0, 1):
            said = done.stderr.decode("utf-8", "replace").strip().splitlines()
            raise SystemExit(f"{pdf.name}: reportgen review exited {done.returncode}, not a review: "
                             f"{said[0] if said else ''}")
        return done

    return run


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--only", nargs="*", default=None, help="only the PDFs whose name holds one of these")
    args = parser.parse_args(argv)
    pdfs = [pdf for pdf in PDFS if not args.only or any(word in pdf.name for word in args.only)]
    from reportgen.__main__ import YOUNG_GENERATION

    gc.set_threshold(YOUNG_GENERATION, *gc.get_threshold()[1:])  # the collector as the program sets it
    _in_process(pdfs[0])()  # imports and caches warmed once
    print("| PDF | pdftotext -bbox-layout | review in process | ratio | its CPU time | `reportgen review` | ratio "
          "| annotated copy |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for pdf in pdfs:
        floor = _median(_pdftotext("-bbox-layout", pdf), args.repeat)
        inside = _median(_in_process(pdf), args.repeat)
        cpu = _median(_in_process(pdf), args.repeat, time.process_time)
        whole = _median(_process(pdf), args.repeat)
        copy = _median(_annotated(pdf), args.repeat)
        print(f"| {pdf.stem} | {floor:.3f} s | {inside:.3f} s | {inside / floor:.2f}× | {cpu:.3f} s "
              f"| {whole:.3f} s | {whole / floor:.1f}× | {copy:.3f} s |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
