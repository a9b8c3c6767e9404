"""A whole `reportgen render` against its floor: a bare Python process that writes the same DOCX and
HTML from strings — the render's own parts, read from what reportgen wrote and put in a script as
literals — deflated into a zip as reportgen's DOCX is, and the HTML beside it. Whatever a render
costs above that floor is reading the source, computing, templating and importing the code that
does it. The two run alternately, whole processes, after one warm-up each (bytecode cache on, as
an installed reportgen runs), so that whatever else the machine does weighs on both alike.

    python -m bench.render_floor [--pairs 9] [SOURCE]

A measurement, not a test: it prints the medians and their ratio (issue 35's target: ≤ 3×).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import zipfile
from pathlib import Path

from bench.docxtpl_compare import ROOT, YANTIAN, bench_env, reportgen_command, timed

TARGET = 3.0  # a whole render at most this many times its floor

# The floor: the parts as literals, written as reportgen writes them (deflated entries, then the HTML).
FLOOR_SCRIPT = '''
import sys, zipfile
PARTS = {parts!r}
HTML = {html!r}
with zipfile.ZipFile(sys.argv[1], "w", zipfile.ZIP_DEFLATED) as package:
    for name, text in PARTS.items():
        package.writestr(name, text)
with open(sys.argv[2], "w", encoding="utf-8") as page:
    page.write(HTML)
'''


def floor_script(docx: Path, html: Path) -> str:
    """The floor's script for the DOCX and HTML reportgen wrote: every part as a string literal."""
    with zipfile.ZipFile(docx) as package:
        parts = {name: package.read(name).decode("utf-8") for name in package.namelist()}
    return FLOOR_SCRIPT.format(parts=parts, html=html.read_text(encoding="utf-8"))


def compare(source: Path, pairs: int) -> dict[str, float]:
    """Medians of ``pairs`` alternating whole-process runs of the render and its floor."""
    env = bench_env()
    with tempfile.TemporaryDirectory(prefix="reportgen-floor-") as scratch:
        work = Path(scratch)
        ours = [*reportgen_command(), "render", str(source), "-o", str(work / "out")]
        timed(ours, env)  # warm: compiled templates, the DOCX base package, the OS file cache
        script = work / "floor.py"
        script.write_text(floor_script(work / "out" / f"{source.stem}.docx", work / "out" / f"{source.stem}.html"),
                          encoding="utf-8")
        floor = [sys.executable, str(script), str(work / "floor.docx"), str(work / "floor.html")]
        timed(floor, env)
        ours_times, floor_times = [], []
        for _ in range(pairs):
            ours_times.append(timed(ours, env))
            floor_times.append(timed(floor, env))
        with zipfile.ZipFile(work / "floor.docx") as written, zipfile.ZipFile(work / "out" / f"{source.stem}.docx") as theirs:
            assert written.namelist() == theirs.namelist(), "the floor wrote other parts than the render"
    ours_median, floor_median = statistics.median(ours_times), statistics.median(floor_times)
    return {"render": ours_median, "floor": floor_median, "ratio": ours_median / floor_median, "pairs": pairs}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("source", nargs="?", type=Path, default=YANTIAN, help="the source rendered (default: Yantian)")
    parser.add_argument("--pairs", type=int, default=9, help="alternating pairs of runs (median; 5 or more for a figure to quote, 1 for a smoke run)")
    args = parser.parse_args(argv)
    result = compare(args.source.resolve(), max(args.pairs, 1))
    name = args.source.relative_to(ROOT) if args.source.resolve().is_relative_to(ROOT) else args.source
    print(f"reportgen render ({name}, DOCX + HTML): {result['render']:.3f} s; the same files written from strings: "
          f"{result['floor']:.3f} s; ratio {result['ratio']:.2f} ({'met' if result['ratio'] <= TARGET else 'NOT met'}: "
          f"≤ {TARGET:g})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
