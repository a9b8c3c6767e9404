"""The whole ``reportgen import``, end to end, as a user runs it: a process reading the file,
recognising the tables, reconciling, writing the source and checking it.

* the four shared Shanghai PDFs (22–33 pages), each with --layout 上海;
* a 20,000-row export: an XlsxWriter workbook in the shape of the budget system's 支出总表 (title,
  caption, three header rows, 类/款/项 columns, 合计/基本支出/项目支出), its 项 rows cycling through
  the registry's codes with their 类 and 款 rows, consistent so that nothing is reported.

Each is run --repeat times as a whole process; the median and best wall times are printed. A
measurement, not a test: nothing is asserted.

    python bench/import_run.py [--repeat 5] [--rows 20000]
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


def timed(argv: list[str], repeat: int) -> list[float]:
    times = []
    for _ in range(repeat):
        with tempfile.TemporaryDirectory() as tmp:
            start = time.perf_counter()
            subprocess.run([sys.executable, "-m", "reportgen", "import", *argv, "-o", f"{tmp}/s.yaml"],
                           cwd=ROOT, capture_output=True, check=False)
            times.append(time.perf_counter() - start)
    return times


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--rows", type=int, default=20000)
    args = parser.parse_args()
    print("| input | median s | best s |\n|---|---|---|")
    for pdf in sorted(PDFS.glob("*.pdf")):
        times = timed([str(pdf), "--layout", "上海"], args.repeat)
        print(f"| {pdf.name} | {statistics.median(times):.2f} | {min(times):.2f} |")
    with tempfile.TemporaryDirectory() as tmp:
        workbook = Path(tmp) / "export.xlsx"
        export(workbook, args.rows)
        times = timed([str(workbook), "--layout", "上海"], args.repeat)
        print(f"| {args.rows:,}-row export (.xlsx) | {statistics.median(times):.2f} | {min(times):.2f} |")


if __name__ == "__main__":
    main()
