"""What a `reportgen` process costs before it does its work (issue 82 part 8, a light start): for `review` of a
PDF and `check` of a source, the process run as a user runs it with ``python -X importtime``, and printed — the
modules it imported, the time importing them took (the sum of the top-level imports' cumulative times, as
``-X importtime`` reports them), the CPU time of the whole process (user + system, its children included) and
that CPU time as a multiple of a bare ``python -c pass``. The patterns a module keeps are compiled on first use
(reportgen/base/patterns.py); importing what `review` runs compiled about 650 of them before. A measurement, not a
test: nothing is asserted. On a machine shared with other work the import times (wall) rise; the CPU less.

    python -m bench.start [--repeat 5]
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PDF = ROOT / "tests" / "seeds" / "pdf" / "shanghai-putuo-wanli-2025.pdf"
SOURCE = ROOT / "data" / "shenzhen-yantian-zgh-2022.yaml"


def _children_cpu() -> float:
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def _run(argv: list[str]) -> tuple[int, float, float]:
    """(modules imported, seconds importing them, CPU seconds of the process) for one run of ``argv``."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # as scripts/test runs: bytecode kept, not compiled each start
    before = _children_cpu()
    done = subprocess.run([sys.executable, "-X", "importtime", *argv], capture_output=True, text=True, env=env,
                          cwd=ROOT, check=False)
    cpu = _children_cpu() - before
    if done.returncode not in (0, 1):
        raise SystemExit(done.stderr[-3000:])
    lines = [line for line in done.stderr.splitlines() if line.startswith("import time:") and "|" in line]
    modules = len(lines) - 1  # the header line
    top = [line.split("|") for line in lines[1:] if not line.split("|")[2].startswith("  ")]
    return modules, sum(int(cells[1]) for cells in top) / 1e6, cpu


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="runs of each command (medians)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as out:
        commands = {
            "python -c pass": ["-c", "pass"],
            "reportgen check 盐田 2022": ["-m", "reportgen", "check", str(SOURCE)],
            "reportgen review 万里 2025.pdf": ["-m", "reportgen", "review", str(PDF), "-o", str(Path(out) / "rv")],
        }
        print("| 命令 | 导入的模块 | 导入用时（中位数） | 进程 CPU（中位数） | 对 python -c pass |")
        print("|---|---:|---:|---:|---:|")
        floor = None
        for label, command in commands.items():
            runs = [_run(command) for _ in range(args.repeat)]
            modules = runs[-1][0]
            imports, cpu = statistics.median(r[1] for r in runs), statistics.median(r[2] for r in runs)
            floor = floor or cpu
            print(f"| {label} | {modules} | {imports * 1000:.0f} ms | {cpu * 1000:.0f} ms | {cpu / floor:.1f}× |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
