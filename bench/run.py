"""The rendering benchmark: `python bench/run.py` (about three minutes on two cores).

It measures what a user waits for, as a user runs it:

* synthetic departments of 50, 500, 5,000 and 20,000 rows (bench/synthetic.py says what a row
  is), each rendered to DOCX and HTML by a whole `python -m reportgen render` process: wall
  time (median of ``--repeat`` runs), CPU time, time per 1,000 rows and peak memory (the
  process's maximum resident set);
* the Yantian seed as a whole process, and re-rendered in this process as preview does it;
* a batch of Yantian-size departments rendered by one `reportgen render` with ``-j``: departments
  per second.

It prints a Markdown table of the figures and checks them against the targets (exit code 0 either
way: it is a measurement, not a test). The figures of the last run are also written to
bench/results/latest.json (not kept in git).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # `python bench/run.py` from anywhere, installed or not
    sys.path.insert(0, str(ROOT))

from bench.docxtpl_compare import TARGET as DOCXTPL_TARGET  # noqa: E402
from bench.docxtpl_compare import compare as docxtpl_compare  # noqa: E402
from bench.synthetic import YANTIAN, split, write_synthetic, write_yantian_copies  # noqa: E402

SIZES = (50, 500, 5000, 20000)
TARGETS = {
    "yantian_seconds": 0.5,
    "rerender_ms": 100.0,
    "large_seconds": 4.0,
    "linearity": 1.3,
    "large_memory_mb": 400.0,
    "batch_seconds": 60.0,
}


@dataclass
class Run:
    wall: float  # median of the runs
    cpu: float
    peak_mb: float
    best: float  # the fastest run: the least disturbed by whatever else the machine was doing


@dataclass
class SizeResult:
    rows: int
    functions: int
    economic: int
    projects: int
    wall: float
    cpu: float
    peak_mb: float
    best: float

    @property
    def per_1000(self) -> float:
        return self.wall / self.rows * 1000


def whole_process(args: list[str], env: dict[str, str]) -> Run:
    """Run `python -m reportgen ARGS` and measure it from start to exit, with its own peak memory."""
    start = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-m", "reportgen", *args], cwd=ROOT, env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    assert process.stderr is not None
    err = process.stderr.read()
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    process.stderr.close()
    if process.returncode != 0:
        raise SystemExit(f"reportgen {' '.join(args)} failed ({process.returncode}):\n{err.decode(errors='replace')}")
    return Run(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, wall)


def median_run(args: list[str], env: dict[str, str], repeat: int) -> Run:
    runs = [whole_process(args, env) for _ in range(repeat)]
    return Run(statistics.median(r.wall for r in runs), statistics.median(r.cpu for r in runs),
               max(r.peak_mb for r in runs), min(r.wall for r in runs))


def in_process_rerender(repeat: int) -> tuple[float, float]:
    """Milliseconds (median) to re-render the Yantian seed in a warm process: HTML only, as the
    preview does on every save, and both formats written to disk."""
    from reportgen.runners.render import document_for, prepare, render_source
    from reportgen.writers.html import html_string

    def preview() -> None:
        html_string(document_for(prepare(YANTIAN)))

    with tempfile.TemporaryDirectory() as out:
        def both() -> None:
            render_source(YANTIAN, Path(out))

        timings = {}
        for name, step in (("preview", preview), ("both", both)):
            step()  # warm: imports, compiled templates, the DOCX base package
            samples = []
            for _ in range(repeat):
                start = time.perf_counter()
                step()
                samples.append((time.perf_counter() - start) * 1000)
            timings[name] = statistics.median(samples)
    return timings["preview"], timings["both"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=list(SIZES), help="department sizes in rows")
    parser.add_argument("--repeat", type=int, default=5, help="whole-process runs per size (median)")
    parser.add_argument("--departments", type=int, default=1000, help="departments in the batch")
    parser.add_argument("-j", "--jobs", type=int, default=os.cpu_count() or 1, help="worker processes for the batch")
    parser.add_argument("--quick", action="store_true",
                        help="a smoke run: sizes 50 and 500, 50 departments, 3 re-renders in process")
    args = parser.parse_args(argv)
    if args.quick:  # sizes and departments given beside it are kept (tests/test_bench.py: smaller still)
        args.sizes = [50, 500] if args.sizes == list(SIZES) else args.sizes
        args.departments = 50 if args.departments == parser.get_default("departments") else args.departments
        args.repeat = 1

    # As a user runs an installed reportgen: Python's bytecode cache on (some shells set
    # PYTHONDONTWRITEBYTECODE, which makes every process compile reportgen's modules anew).
    env = {k: v for k, v in os.environ.items() if k not in ("REPORTGEN_DEBUG", "PYTHONDONTWRITEBYTECODE")}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH", "")]))
    load = os.getloadavg()[0]
    cores = os.cpu_count() or 1
    print(f"reportgen benchmark: {cores} cores, Python {platform.python_version()}, "
          f"load average {load:.2f} at the start")
    if load > cores / 2:
        print(f"(the machine is busy: load {load:.2f} on {cores} cores; wall times will read high)")

    with tempfile.TemporaryDirectory(prefix="reportgen-bench-") as scratch:
        work = Path(scratch)
        out = work / "out"
        whole_process(["render", str(YANTIAN), "-o", str(out)], env)  # warm the template cache

        sizes: list[SizeResult] = []
        for rows in args.sizes:
            source = write_synthetic(work / "src", rows)
            run = median_run(["render", str(source), "-o", str(out)], env, args.repeat)
            shape = split(rows)
            sizes.append(SizeResult(rows, shape.functions, shape.economic, shape.projects, run.wall, run.cpu,
                                    run.peak_mb, run.best))
            print(f"  {rows:>6} rows: {run.wall:.2f} s", flush=True)

        yantian = median_run(["render", str(YANTIAN), "-o", str(out)], env, args.repeat if args.quick else max(args.repeat, 5))
        preview_ms, both_ms = in_process_rerender(3 if args.quick else 20)  # (--quick: a smoke run)
        try:
            import docxtpl  # noqa: F401
        except ImportError:
            print("(docxtpl is not installed: pip install -e .[bench] for the comparison with it)")
            against = None
        else:
            against = docxtpl_compare(1 if args.quick else 9, env)

        copies = write_yantian_copies(work / "batch", args.departments)
        batch = whole_process(["render", str(work / "batch" / "*.yaml"), "-o", str(work / "batch-out"),
                               "-j", str(args.jobs)], env)
        produced = len(list((work / "batch-out").glob("*.docx")))
        assert produced == len(copies), f"the batch wrote {produced} of {len(copies)} documents"

    report(sizes, yantian, preview_ms, both_ms, batch, args, against)
    return 0


def report(sizes: list[SizeResult], yantian: Run, preview_ms: float, both_ms: float, batch: Run,
           args: argparse.Namespace, against: dict[str, float] | None = None) -> None:
    print()
    print(f"| rows | function / economic / projects | whole process (s), median of {args.repeat} | fastest (s) "
          "| CPU (s) | s per 1,000 rows | peak memory (MB) |")
    print("|---:|---:|---:|---:|---:|---:|---:|")
    for s in sizes:
        print(f"| {s.rows:,} | {s.functions} / {s.economic} / {s.projects:,} | {s.wall:.2f} | {s.best:.2f} | "
              f"{s.cpu:.2f} | {s.per_1000:.3f} | {s.peak_mb:.0f} |")
    print()
    rate = args.departments / batch.wall
    print("| case | figure |")
    print("|---|---:|")
    print(f"| Yantian seed, whole process, DOCX + HTML | {yantian.wall:.2f} s (fastest {yantian.best:.2f} s, "
          f"CPU {yantian.cpu:.2f} s, {yantian.peak_mb:.0f} MB) |")
    print(f"| Yantian re-render in process, HTML (what preview does) | {preview_ms:.0f} ms |")
    print(f"| Yantian re-render in process, DOCX + HTML written | {both_ms:.0f} ms |")
    print(f"| batch: {args.departments:,} Yantian-size departments, -j {args.jobs} | {batch.wall:.1f} s, "
          f"{rate:.1f} departments/s |")
    if against is not None:
        print(f"| docxtpl writing a DOCX of the same size (40 paragraphs, 10 tables × 25 × 10), whole process "
              f"| {against['docxtpl']:.3f} s (reportgen in the same alternating runs {against['reportgen']:.3f} s, "
              f"ratio {against['ratio']:.2f}) |")

    by_rows = {s.rows: s for s in sizes}
    print()
    checks: list[tuple[str, bool | None]] = [
        (f"Yantian whole process < {TARGETS['yantian_seconds']} s: {yantian.wall:.2f} s",
         yantian.wall < TARGETS["yantian_seconds"]),
        (f"in-process re-render < {TARGETS['rerender_ms']:.0f} ms: preview {preview_ms:.0f} ms, "
         f"both formats {both_ms:.0f} ms", both_ms < TARGETS["rerender_ms"]),
    ]
    if 20000 in by_rows:
        large = by_rows[20000]
        checks.append((f"20,000 rows < {TARGETS['large_seconds']} s: {large.wall:.2f} s",
                       large.wall < TARGETS["large_seconds"]))
        checks.append((f"peak memory at 20,000 rows < {TARGETS['large_memory_mb']:.0f} MB: {large.peak_mb:.0f} MB",
                       large.peak_mb < TARGETS["large_memory_mb"]))
        if 500 in by_rows:
            ratio = large.per_1000 / by_rows[500].per_1000
            checks.append((f"time per 1,000 rows at 20,000 ≤ {TARGETS['linearity']} × at 500: {ratio:.2f} ×",
                           ratio <= TARGETS["linearity"]))
            if 50 in by_rows:  # the same without the fixed cost of a process: the cost of rows alone
                base = by_rows[50]
                small = (by_rows[500].wall - base.wall) / (500 - 50) * 1000
                big = (large.wall - base.wall) / (20000 - 50) * 1000
                checks.append((f"marginal time per 1,000 rows (beyond a 50-row department): {small:.3f} s at 500, "
                               f"{big:.3f} s at 20,000 ({big / small:.2f} ×)", None))
    scaled = batch.wall * 1000 / args.departments
    checks.append((f"1,000 Yantian-size departments < {TARGETS['batch_seconds']:.0f} s: {scaled:.1f} s"
                   + ("" if args.departments == 1000 else f" (scaled from {args.departments:,})"),
                   scaled < TARGETS["batch_seconds"]))
    if against is not None:
        checks.append((f"Yantian whole process ≤ {DOCXTPL_TARGET} × docxtpl's (median of {int(against['pairs'])} "
                       f"alternating pairs): {against['ratio']:.2f} ×", against["ratio"] <= DOCXTPL_TARGET))
    for text, ok in checks:
        mark = "   " if ok is None else ("met" if ok else "NOT met")
        print(f"- [{mark}] {text}")

    results = ROOT / "bench" / "results"
    results.mkdir(exist_ok=True)
    (results / "latest.json").write_text(json.dumps({
        "when": time.strftime("%Y-%m-%d %H:%M:%S"),
        "sizes": [asdict(s) | {"per_1000": s.per_1000} for s in sizes],
        "yantian": asdict(yantian), "preview_ms": preview_ms, "both_ms": both_ms,
        "batch": asdict(batch) | {"departments": args.departments, "jobs": args.jobs},
        "docxtpl": against,
    }, ensure_ascii=False, indent=2), encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
