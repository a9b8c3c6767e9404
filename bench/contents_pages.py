"""What the DOCX 目录's page numbers cost: `python bench/contents_pages.py` (about a minute on two cores).

Whole `reportgen render` processes, as a user runs them, of a 上海 source (whose layout prints a 目录)
and of the Yantian seed (no 目录), each format set rendered three ways, interleaved:

* today's — ``REPORTGEN_CONTENTS_PAGES=0``: no LibreOffice for the numbers (empty fields, w:updateFields);
* cold — the numbers not yet kept: LibreOffice lays the DOCX out (with a PDF asked for, that one print
  serves both);
* warm — the numbers read back from the cache: the same document rendered again.

The processes use a cache folder of the benchmark's own, warmed first (templates, the DOCX base, the
LibreOffice profile), so that only the numbers differ. It prints each case's median and fastest wall
time. A measurement, not a test: it exits 0, and the test suite does not run it.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHANGHAI = ROOT / "data" / "shanghai-putuo-wenlvju-2026.yaml"
YANTIAN = ROOT / "data" / "shenzhen-yantian-zgh-2022.yaml"
CASES = [("上海 文旅局（有目录）", SHANGHAI, ["--layout", "上海"]), ("盐田（无目录）", YANTIAN, [])]


def render(source: Path, extra: list[str], formats: str, out: Path, env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "reportgen", "render", str(source), *extra, "--format", formats,
                    "-o", str(out)], cwd=ROOT, env=env, check=True, capture_output=True)
    return time.perf_counter() - start


def forget_numbers(xdg: Path) -> None:
    for entry in (xdg / "reportgen").glob("contents-pages-*"):
        entry.unlink()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--formats", nargs="*", default=["docx,html", "docx,html,pdf"], help="the format sets rendered")
    parser.add_argument("--only", nargs="*", default=None, help="only the cases whose name holds one of these (上海, 盐田)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="reportgen-bench-toc-") as folder:
        xdg = Path(folder) / "xdg"
        xdg.mkdir(mode=0o700)
        env = {**os.environ, "XDG_CACHE_HOME": str(xdg)}
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        off = {**env, "REPORTGEN_CONTENTS_PAGES": "0"}
        print(f"负载（开始时）：{os.getloadavg()[0]:.2f}")
        for name, source, extra in CASES:
            if args.only and not any(word in name for word in args.only):
                continue
            for formats in args.formats:
                out = Path(folder) / "out"
                render(source, extra, formats, out, env)  # warms every cache
                times: dict[str, list[float]] = {"今天的（不排版）": [], "首次（LibreOffice 排版）": [], "再次（缓存）": []}
                for _ in range(args.runs):
                    times["今天的（不排版）"].append(render(source, extra, formats, out, off))
                    forget_numbers(xdg)
                    times["首次（LibreOffice 排版）"].append(render(source, extra, formats, out, env))
                    times["再次（缓存）"].append(render(source, extra, formats, out, env))
                shown = "；".join(f"{case} 中位数 {statistics.median(t):.2f} 秒、最快 {min(t):.2f} 秒"
                                 for case, t in times.items())
                print(f"{name} {formats}：{shown}", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
