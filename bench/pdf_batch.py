"""PDF at batch speed: `python bench/pdf_batch.py` (about a minute on two cores).

A batch of Yantian-size departments (bench/synthetic.py: the seed under distinct department and file
names) rendered to PDF alone by one whole process, as a user runs it:

    reportgen render 'DIR/*.yaml' --format pdf -o OUT

It prints the wall time of each run, their median and fastest, the CPU time of the process and its
children (LibreOffice's included), the departments per second and whether the target is met. A
measurement, not a test: it exits 0 either way, and the test suite does not run it. Each run writes
to a fresh output folder; the LibreOffice profiles are warm after the first run, as a user's are
after the first batch (``--cold`` removes them before each run, to measure a first batch).
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # `python bench/pdf_batch.py` from anywhere, installed or not
    sys.path.insert(0, str(ROOT))

from bench.synthetic import write_yantian_copies  # noqa: E402
from reportgen.base import cache  # noqa: E402

TARGET_SECONDS = 20.0  # 100 departments to PDF on two cores (issue 26, part C)


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _profiles() -> list[Path]:
    """The LibreOffice profiles reportgen keeps in its cache folder (and their lock files)."""
    root = cache.cache_folder()
    return sorted(root.glob("libreoffice-profile*")) if root is not None else []


def run_once(sources: Path, out: Path, jobs: int | None) -> tuple[float, float, int]:
    """One batch: its wall time, CPU time (with LibreOffice's) and the PDFs it left."""
    command = [sys.executable, "-m", "reportgen", "render", str(sources / "*.yaml"), "--format", "pdf",
               "-o", str(out), "--no-index"]
    if jobs:
        command += ["-j", str(jobs)]
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    cpu = _children_cpu()
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, env=env, cwd=ROOT)
    wall = time.perf_counter() - start
    if done.returncode != 0:
        print(done.stdout[-2000:], done.stderr[-2000:], sep="\n", file=sys.stderr)
    return wall, _children_cpu() - cpu, len(list(out.glob("*.pdf")))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=100, help="departments in the batch (default 100)")
    parser.add_argument("--repeat", type=int, default=3, help="runs (default 3)")
    parser.add_argument("-j", "--jobs", type=int, default=None, help="reportgen's -j (default: every core)")
    parser.add_argument("--cold", action="store_true", help="remove the cached LibreOffice profiles before each run")
    args = parser.parse_args(argv)
    if shutil.which("soffice") is None:
        print("bench/pdf_batch.py: soffice (LibreOffice) is not installed; nothing measured")
        return 0
    with tempfile.TemporaryDirectory(prefix="reportgen-pdf-bench-") as folder:
        sources = Path(folder) / "sources"
        write_yantian_copies(sources, args.count)
        print(f"{args.count} departments to PDF, {os.cpu_count()} cores, load average "
              f"{os.getloadavg()[0]:.2f}, {'cold' if args.cold else 'warm'} LibreOffice profiles")
        walls = []
        for number in range(1, args.repeat + 1):
            if args.cold:
                for profile in _profiles():
                    if profile.is_dir() and not profile.is_symlink():
                        shutil.rmtree(profile, ignore_errors=True)
            out = Path(folder) / f"out-{number}"
            wall, cpu, made = run_once(sources, out, args.jobs)
            walls.append(wall)
            print(f"run {number}: {wall:.1f} s wall, {cpu:.1f} s CPU, {made} PDFs, "
                  f"{args.count / wall:.1f} departments/s")
            shutil.rmtree(out, ignore_errors=True)
        median = statistics.median(walls)
        per_hundred = median * 100 / args.count
        verdict = ("met" if median <= TARGET_SECONDS else "NOT met") if args.count == 100 else "judged at --count 100"
        print(f"median {median:.1f} s, fastest {min(walls):.1f} s; {per_hundred:.1f} s per 100 departments "
              f"(target ≤ {TARGET_SECONDS:g} s for 100: {verdict})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
