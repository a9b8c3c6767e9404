"""The whole ``reportgen import``, end to end, as a user runs it: a process reading the file,
recognising the tables, reconciling, writing the source and checking it.

* the four shared Shanghai PDFs (22–33 pages), each with --layout 上海;
* a 20,000-row export: an XlsxWriter workbook in the shape of the budget system's 支出总表 (title,
  caption, three header rows, 类/款/项 columns, 合计/基本支出/项目支出), its 项 rows cycling through
  the registry's codes with their 类 and 款 rows, consistent so that nothing is reported.

Each is run --repeat times as a whole process; the median and best wall times are printed. A run that
does not import — its exit code not 0: the file refused, the command failed — is no import's time: it is
said, with the command's first line of error, and the script exits 1 (tests/test_bench.py runs it on one
PDF and a small export).

    python bench/import_run.py [--repeat 5] [--rows 20000] [FILE.pdf ...]     (default: the PDFs of tests/seeds/pdf)
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PDFS = ROOT / "tests" / "seeds" / "pdf"
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from reportgen import codes  # noqa: E402


def export(path: Path, rows: int) -> None:
    """A 支出总表 of about ``rows`` rows whose every 类 and 款 is the sum of its rows."""
    import xlsxwriter

    items = [(e.code, e.name) for e in codes.all_function_codes(2025) if len(e.code) == 7]
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("3.17部门支出总表")
    head = [["2025年部门支出预算总表"], ["编制部门：基准测试部门", "", "", "", "", "", "单位：元"],
            ["项目", "", "", "", "支出预算"], ["功能分类科目编码", "", "", "功能分类科目名称", "合计", "基本支出", "项目支出"],
            ["类", "款", "项"]]
    for r, row in enumerate(head):
        sheet.write_row(r, 0, row)
    body: list[list[object]] = []
    per_code = max(1, rows // len(items))
    for code, name in items[: rows // per_code]:
        for _ in range(per_code):  # one 项 repeated: a large export's several units under one code
            body.append([int(code[:3]), code[3:5], code[5:], name, 300, 100, 200])
    for r, row in enumerate(body, start=len(head)):
        sheet.write_row(r, 0, row)
    sheet.write_row(len(head) + len(body), 0, ["", "", "", "合计", 300 * len(body), 100 * len(body), 200 * len(body)])
    book.close()


class NotImported(Exception):
    """A run of `reportgen import` that did not import: its exit code and the first line it wrote of why."""


def timed(argv: list[str], repeat: int) -> list[float]:
    """The wall time of each of ``repeat`` whole `reportgen import` processes; NotImported when one does not
    import (a refusal is quick: timed, it would pass for a fast import)."""
    times = []
    for _ in range(repeat):
        with tempfile.TemporaryDirectory() as tmp:
            start = time.perf_counter()
            done = subprocess.run([sys.executable, "-m", "reportgen", "import", *argv, "-o", f"{tmp}/s.yaml"],
                                  cwd=ROOT, capture_output=True, check=False)
            elapsed = time.perf_counter() - start
            if done.returncode != 0 or not Path(tmp, "s.yaml").is_file():
                said = (done.stderr or done.stdout).decode("utf-8", "replace").strip().splitlines()
                raise NotImported(f"exit {done.returncode}: {said[0] if said else 'no source written'}")
            times.append(elapsed)
    return times


def _row(label: str, argv: list[str], repeat: int) -> bool:
    """The input's line of the table; False (and why, in its place) when it was not imported."""
    try:
        times = timed(argv, repeat)
    except NotImported as exc:
        print(f"| {label} | not imported ({exc}) | — |")
        return False
    print(f"| {label} | {statistics.median(times):.2f} | {min(times):.2f} |")
    return True


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--rows", type=int, default=20000)
    parser.add_argument("files", nargs="*", type=Path, help="PDFs imported with --layout 上海 (default: tests/seeds/pdf)")
    args = parser.parse_args(argv)
    print("| input | median s | best s |\n|---|---|---|")
    imported = [_row(pdf.name, [str(pdf.resolve()), "--layout", "上海"], args.repeat)
                for pdf in (args.files or sorted(PDFS.glob("*.pdf")))]
    with tempfile.TemporaryDirectory() as tmp:
        workbook = Path(tmp) / "export.xlsx"
        export(workbook, args.rows)
        imported.append(_row(f"{args.rows:,}-row export (.xlsx)", [str(workbook), "--layout", "上海"], args.repeat))
    return 0 if all(imported) else 1


if __name__ == "__main__":
    sys.exit(main())
