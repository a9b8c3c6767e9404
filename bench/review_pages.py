"""What the pages of `reportgen review -o` cost beside the review itself, and whether a worker's
memory stays flat: the Shanghai PDFs of bench/corpus copied under different names (one subfolder
per 部门) until there are ``--documents`` of them.

1. One worker's life, in this process: each document handed to ``review_one`` as a worker of
   review/batch.py is handed it (``Task`` with a staging folder), the review (``review_files``) and
   the pages (``document_files``: the tables' and text's pages, the annotated copy, the hand-back,
   and the collection a worker makes after each document) timed apart, CPU time; the resident
   memory (VmRSS) after the 1st, 50th, 100th, 200th … document.
2. Whole processes: ``reportgen review FOLDER --layout 上海`` without and with ``-o`` on the first
   ``--folder`` documents, on every core (the default) — wall time and CPU time (the command's
   process and its workers: the figure to compare on a shared machine), and the ratios.

A measurement, not a test: nothing is asserted.

    python -m bench.review_pages [--documents 200] [--folder 44] [--profile out.prof]
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PDFS = sorted((ROOT / "bench" / "corpus").glob("*.pdf"))
MARKS = (1, 50, 100, 200, 500, 1000, 2000)


def _folder(base: Path, documents: int) -> list[Path]:
    paths = []
    for n in range(documents):
        pdf = PDFS[n % len(PDFS)]
        target = base / "部门预算" / f"部门{n // len(PDFS):03d}" / f"{pdf.stem}-{n:04d}.pdf"
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(pdf, target)
        paths.append(target)
    return paths


def _rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def _worker(paths: list[Path], staging: Path, profile: str | None) -> None:
    """The documents as one worker reviews them, the review and the pages timed apart."""
    from reportgen.commands.review import _print
    from reportgen.paperwork import batch
    from reportgen.paperwork.pages import document_files
    from reportgen.review import documents

    review = pages = 0.0
    profiler = cProfile.Profile() if profile else None
    print("| 文件数 | 审核（CPU，累计） | 页面（CPU，累计） | 页面 ÷ 审核 | 常驻内存 |")
    print("|---:|---:|---:|---:|---:|")
    for index, path in enumerate(paths, start=1):
        task = batch.Task(index, path, "上海", staging, _print, None)
        start = time.process_time()
        result = documents.review_files([path], "上海")
        middle = time.process_time()
        if profiler:
            profiler.enable()
        part, written, told = document_files(result, index)
        if profiler:
            profiler.disable()
        for name, data in written.items():
            (staging / name).write_bytes(data)
        del part, written, told, result, task
        batch.let_go()  # as a worker does after each document (counted with the pages)
        end = time.process_time()
        review, pages = review + middle - start, pages + end - middle
        if index in MARKS or index == len(paths):
            print(f"| {index} | {review:.1f} 秒 | {pages:.1f} 秒 | {pages / review:.2f}× | {_rss_mb():.0f} MB |",
                  flush=True)
    if profiler and profile:
        profiler.dump_stats(profile)


def _whole(folder: Path, out: Path | None) -> tuple[float, float]:
    """Wall time and CPU time (the command's process and its workers) of one review of ``folder``."""
    command = [sys.executable, "-m", "reportgen", "review", str(folder), "--layout", "上海"]
    if out is not None:
        shutil.rmtree(out, ignore_errors=True)
        command += ["-o", str(out)]
    before, start = _children_cpu(), time.perf_counter()
    done = subprocess.run(command, capture_output=True, cwd=ROOT)
    if done.returncode not in (0, 1):
        raise SystemExit(done.stderr.decode("utf-8", "replace"))
    return time.perf_counter() - start, _children_cpu() - before


def _children_cpu() -> float:
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=200)
    parser.add_argument("--folder", type=int, default=44, help="documents of the whole-process runs (0: none)")
    parser.add_argument("--profile", metavar="FILE", help="write cProfile's figures of the pages to FILE")
    args = parser.parse_args(argv)
    from reportgen.__main__ import YOUNG_GENERATION

    gc.set_threshold(YOUNG_GENERATION, *gc.get_threshold()[1:])  # the collector as the program sets it
    with tempfile.TemporaryDirectory() as base:
        paths = _folder(Path(base), max(args.documents, args.folder))
        staging = Path(base) / "staging"
        staging.mkdir()
        _worker(paths[:args.documents], staging, args.profile)
        if args.folder:
            folder = Path(base) / "folder"
            for path in paths[:args.folder]:
                target = folder / path.relative_to(Path(base) / "部门预算")
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(path, target)
            plain = _whole(folder, None)
            paged = _whole(folder, Path(base) / "out")
            print(f"\n`reportgen review` of {args.folder} documents, every core: {plain[0]:.1f} s; with -o {paged[0]:.1f} s "
                  f"({paged[0] / plain[0]:.2f}×); CPU {plain[1]:.1f} s, with -o {paged[1]:.1f} s ({paged[1] / plain[1]:.2f}×)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
