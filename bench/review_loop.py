"""Issue 79 part 6's measure: one ``reportgen review FOLDER`` process (``--jobs 1``, no ``--layout``, as a
reviewer anywhere runs it) against a loop of ``pdftotext -bbox-layout`` processes over the same PDFs — the
floor of reading their words at all — the two alternated ``--repeat`` times in one run. The figure is CPU
time of the child processes (user + system), which a machine shared with other work disturbs far less than
wall time, and the ratio of the two medians (the target: ≤ 1.5×). The whole review process is counted,
start-up included, its bytecode compiled first (as installed; PYTHONDONTWRITEBYTECODE would
otherwise have every run compile every module). A measurement, not a test: nothing is asserted.

    python -m bench.review_loop [../shared/corpus/fresh1] [--repeat 3] [--documents N]
"""

from __future__ import annotations

import argparse
import compileall
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FRESH = ROOT / ".." / "shared" / "corpus" / "fresh1"


def _children_cpu() -> float:
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def _review_cpu(folder: Path) -> float:
    """CPU of one `reportgen review FOLDER --jobs 1`, checked to have reviewed (exit 0 or 1)."""
    start = _children_cpu()
    done = subprocess.run([sys.executable, "-m", "reportgen", "review", str(folder), "--jobs", "1"],
                          capture_output=True, cwd=ROOT, check=False)
    if done.returncode not in (0, 1):
        raise SystemExit(done.stderr.decode("utf-8", "replace"))
    return _children_cpu() - start


def _pdftotext_cpu(pdfs: list[Path]) -> float:
    start = _children_cpu()
    for pdf in pdfs:
        subprocess.run(["pdftotext", "-bbox-layout", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, check=True)
    return _children_cpu() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", type=Path, default=FRESH, help="a folder of PDFs (default fresh1)")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--documents", type=int, default=None, help="only the first N PDFs (by name)")
    args = parser.parse_args(argv)
    pdfs = sorted(args.folder.glob("*.pdf"))[:args.documents]
    compileall.compile_dir(ROOT / "reportgen", quiet=1)  # its bytecode written, as an installed package has it
    loops, reviews = [], []
    with tempfile.TemporaryDirectory() as base:
        folder = Path(base) / "报来的文件"
        folder.mkdir()
        for pdf in pdfs:
            shutil.copyfile(pdf, folder / pdf.name)
        for _ in range(args.repeat):
            loops.append(_pdftotext_cpu(pdfs))
            reviews.append(_review_cpu(folder))
    loop, review = statistics.median(loops), statistics.median(reviews)
    print("| 文件夹 | 文件数 | pdftotext -bbox-layout 逐个（CPU） | reportgen review 文件夹（CPU） | 倍数 |")
    print("|---|---:|---:|---:|---:|")
    print(f"| {args.folder.resolve().name} | {len(pdfs)} | {loop:.2f} 秒 | {review:.2f} 秒 | {review / loop:.2f}× |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
