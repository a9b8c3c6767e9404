"""reportgen against docxtpl: a whole `reportgen render` of the Yantian seed (DOCX and
HTML) against a whole process in which docxtpl writes a DOCX of the same size: 40 paragraphs and
10 tables of 25 rows × 10 columns, from a template made here with python-docx. The two are run
alternately, so that whatever else the machine does weighs on both alike; the medians compare.

    python bench/docxtpl_compare.py [--pairs 9]      (needs `pip install -e .[bench]`)
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
YANTIAN = ROOT / "data" / "shenzhen-yantian-zgh-2022.yaml"
TARGET = 0.6  # reportgen's whole render at most this share of docxtpl's

# The docxtpl side, as a user of docxtpl would write it: load the template, render, save.
DOCXTPL_SCRIPT = """
import random, sys
from docxtpl import DocxTemplate
random.seed(1)
context = {
    "paragraphs": ["某部门2022年部门预算收支总体情况说明第%d段，收入预算1,273.52万元，比上年增加3.39万元。" % i for i in range(40)],
    "headers": ["列%d" % c for c in range(10)],
    "tables": [[["%.2f" % (random.random() * 1000) for c in range(10)] for r in range(25)] for t in range(10)],
}
template = DocxTemplate(sys.argv[1])
template.render(context)
template.save(sys.argv[2])
"""


def make_template(path: Path) -> None:
    """40 paragraphs, and after every fourth a table: a header row and a row looped 25 times."""
    import docx

    document = docx.Document()
    for index in range(40):
        document.add_paragraph(jinja(f"paragraphs[{index}]"))
        if index % 4 == 3:
            table = document.add_table(rows=4, cols=10)
            for column in range(10):
                table.cell(0, column).text = jinja(f"headers[{column}]")
                table.cell(2, column).text = jinja(f"row[{column}]")
            table.cell(1, 0).text = "{%tr for row in tables[" + str(index // 4) + "] %}"
            table.cell(3, 0).text = "{%tr endfor %}"
    document.save(str(path))


def jinja(expression: str) -> str:
    return "{{ " + expression + " }}"


def timed(command: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    return time.perf_counter() - start


def compare(pairs: int, env: dict[str, str]) -> dict[str, float]:
    """Medians of ``pairs`` alternating whole-process runs (after one warm-up run of each)."""
    with tempfile.TemporaryDirectory(prefix="reportgen-docxtpl-") as scratch:
        work = Path(scratch)
        template = work / "template.docx"
        make_template(template)
        script = work / "docxtpl_render.py"
        script.write_text(DOCXTPL_SCRIPT, encoding="utf-8")
        ours = [*reportgen_command(), "render", str(YANTIAN), "-o", str(work / "out")]
        theirs = [sys.executable, str(script), str(template), str(work / "docxtpl.docx")]
        timed(ours, env), timed(theirs, env)  # warm: compiled templates, base package, OS file cache
        reportgen_times, docxtpl_times = [], []
        for _ in range(pairs):
            reportgen_times.append(timed(ours, env))
            docxtpl_times.append(timed(theirs, env))
        check_size(work / "docxtpl.docx")
    ours_median, theirs_median = statistics.median(reportgen_times), statistics.median(docxtpl_times)
    return {"reportgen": ours_median, "docxtpl": theirs_median, "ratio": ours_median / theirs_median, "pairs": pairs}


def reportgen_command() -> list[str]:
    """reportgen as a user runs it (scripts/example): the installed console script beside this
    Python, or ``python -m reportgen`` where there is none (which also imports runpy)."""
    script = Path(sys.executable).parent / "reportgen"
    return [str(script)] if script.exists() else [sys.executable, "-m", "reportgen"]


def check_size(path: Path) -> None:
    """The docxtpl DOCX has what it is said to have."""
    import docx

    document = docx.Document(str(path))
    assert len(document.paragraphs) >= 40 and len(document.tables) == 10
    assert all(len(t.rows) == 26 and len(t.columns) == 10 for t in document.tables)


def bench_env() -> dict[str, str]:
    """As a user runs an installed reportgen: the bytecode cache on, reportgen importable."""
    env = {k: v for k, v in os.environ.items() if k not in ("REPORTGEN_DEBUG", "PYTHONDONTWRITEBYTECODE")}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH", "")]))
    return env


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pairs", type=int, default=9, help="alternating pairs of runs (median; 9 or more for a figure to quote, 1 for a smoke run)")
    args = parser.parse_args(argv)
    result = compare(max(args.pairs, 1), bench_env())
    print(f"reportgen render (Yantian, DOCX + HTML): {result['reportgen']:.3f} s; docxtpl (40 paragraphs, "
          f"10 tables × 25 × 10): {result['docxtpl']:.3f} s; ratio {result['ratio']:.2f} "
          f"({'met' if result['ratio'] <= TARGET else 'NOT met'}: ≤ {TARGET})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
