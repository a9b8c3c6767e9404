"""Documents per second of `reportgen review FOLDER -o DIR` on a bureau-size folder: the shared
Shanghai PDFs copied into subfolders (one per 部门) until the folder holds ``--documents`` of them,
reviewed one at a time (``--jobs 1``) and on every core (the default), each run writing its pages,
annotated copies and hand-backs. The whole process is timed, start-up included. A measurement, not
a test: nothing is asserted.

    python -m bench.review_folder [--documents 40] [--repeat 2]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PDFS = sorted((ROOT / "tests" / "seeds" / "pdf").glob("*.pdf"))


def _folder(base: Path, documents: int) -> Path:
    folder = base / "部门预算"
    for n in range(documents):
        pdf = PDFS[n % len(PDFS)]
        target = folder / f"部门{n // len(PDFS):03d}" / pdf.name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(pdf, target)
    return folder


def _run(folder: Path, out: Path, jobs: str | None) -> float:
    shutil.rmtree(out, ignore_errors=True)
    command = [sys.executable, "-m", "reportgen", "review", str(folder), "--layout", "上海", "-o", str(out)]
    start = time.perf_counter()
    done = subprocess.run(command + (["--jobs", jobs] if jobs else []), capture_output=True, cwd=ROOT)
    elapsed = time.perf_counter() - start
    if done.returncode not in (0, 1):
        raise SystemExit(done.stderr.decode("utf-8", "replace"))
    return elapsed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=40)
    parser.add_argument("--repeat", type=int, default=2)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as base:
        folder = _folder(Path(base), args.documents)
        print("| 方式 | 文件数 | 用时（中位数） | 每秒文件数 |")
        print("|---|---:|---:|---:|")
        for label, jobs in (("--jobs 1", "1"), ("每个核心一个（默认）", None)):
            seconds = statistics.median(_run(folder, Path(base) / "out", jobs) for _ in range(args.repeat))
            print(f"| {label} | {args.documents} | {seconds:.1f} 秒 | {args.documents / seconds:.2f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
