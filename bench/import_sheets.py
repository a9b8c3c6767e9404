"""Reading a budget system's workbook into grids (``reportgen import``): reportgen's reader
(python-calamine behind the bounded scan of reportgen/readers/office/sheets.py: grids of Decimal cells
with merged ranges, hidden rows and formulas) against calamine's bare values (the floor under it)
and openpyxl in read-only mode reading the same workbook to plain values (floats; read-only mode
knows no merged ranges, so it does less than reportgen's reader). The workbook is made here with
XlsxWriter: ROWS rows × 8 columns (a title merged across the table, two header rows, a 类 code as
text, a name, five amounts with fractions), the shape of a 20,000-row department's export.

Each reader runs alternately, best and median of --repeat; the figures are printed, nothing is
asserted (tests/test_import_sheets.py holds the bound the import must meet).

    python bench/import_sheets.py [--rows 20000] [--repeat 5]     (needs openpyxl: pip install -e .[bench])
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # `python bench/import_sheets.py` from anywhere
    sys.path.insert(0, str(ROOT))

from reportgen.readers.office.spreadsheets import read_grids  # noqa: E402

COLUMNS = 8


def make_workbook(path: Path, rows: int) -> None:
    """A department's export of ``rows`` data rows and 8 columns."""
    import xlsxwriter

    workbook = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    sheet = workbook.add_worksheet("部门支出总表")
    money = workbook.add_format({"num_format": "#,##0.00"})
    sheet.merge_range(0, 0, 0, COLUMNS - 1, "部门支出总表")
    sheet.write_row(1, 0, ["科目编码", "科目名称", "合计", "基本支出", "", "项目支出", "", "备注"])
    sheet.write_row(2, 0, ["", "", "", "人员经费", "公用经费", "专项", "其他", ""])
    for i in range(rows):
        base = (i * 7919) % 1_000_000
        sheet.write_string(3 + i, 0, f"{2010000 + i:07d}")
        sheet.write_string(3 + i, 1, f"项目{i}")
        for j in range(5):
            sheet.write_number(3 + i, 2 + j, base * (j + 1) + 0.01 * (i % 100), money)
        sheet.write_string(3 + i, 7, "")
    workbook.close()


def read_reportgen(path: Path) -> int:
    grids = read_grids(path, path.read_bytes())
    return sum(len(row) for row in grids[0].rows)


def read_calamine(path: Path) -> int:
    """calamine's values alone: the floor under reportgen's reader (no scan, no Decimal, no Cell)."""
    import python_calamine

    workbook = python_calamine.CalamineWorkbook.from_path(path)
    return sum(len(row) for row in workbook.get_sheet_by_name(workbook.sheet_names[0]).to_python())


def read_openpyxl(path: Path) -> int:
    import openpyxl

    workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    cells = sum(len(row) for row in workbook.worksheets[0].iter_rows(values_only=True))
    workbook.close()
    return cells


def timed(run: Callable[[Path], int], path: Path) -> tuple[float, int]:
    start = time.perf_counter()
    cells = run(path)
    return time.perf_counter() - start, cells


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "export.xlsx"
        start = time.perf_counter()
        make_workbook(path, args.rows)
        print(f"workbook: {args.rows:,} rows × {COLUMNS} columns, {path.stat().st_size / 1e6:.1f} MB "
              f"(made in {time.perf_counter() - start:.2f} s)")
        readers: dict[str, Callable[[Path], int]] = {"reportgen (calamine)": read_reportgen,
                                                      "calamine values only": read_calamine}
        try:
            import openpyxl  # noqa: F401
        except ImportError:
            print("openpyxl is not installed: pip install -e .[bench] to compare")
        else:
            readers["openpyxl read-only"] = read_openpyxl
        times: dict[str, list[float]] = {name: [] for name in readers}
        for _ in range(args.repeat):
            for name, run in readers.items():
                seconds, cells = timed(run, path)
                times[name].append(seconds)
        for name, seconds in times.items():
            print(f"{name:22} median {statistics.median(seconds) * 1000:7.0f} ms   best {min(seconds) * 1000:7.0f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
