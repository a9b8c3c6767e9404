"""XlsxWriter (what `--format xlsx` writes with) against openpyxl writing the same workbook: every
table of a Document on a sheet, the same cells, numbers and number formats, merged ranges, borders,
column widths and page setup. Both write in this process from one Document (the render before it
is not measured), alternately, so that whatever else the machine does weighs on both alike; the
medians compare, with the size of each workbook and the cost of importing each library.

    python bench/xlsx_compare.py [--repeat 7]       (needs `pip install -e .[bench]`)

The sources: the largest shipped one (data/shanghai-putuo-jianguanwei-2026.yaml, the most table
rows) and the synthetic department of 20,000 rows (bench/synthetic.py).
"""

from __future__ import annotations

import argparse
import io
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # `python bench/xlsx_compare.py` from anywhere
    sys.path.insert(0, str(ROOT))

from bench.synthetic import write_synthetic  # noqa: E402
from reportgen.docmodel.document import Document, Table  # noqa: E402
from reportgen.runners.render import document_for, prepare  # noqa: E402
from reportgen.writers import xlsx  # noqa: E402

LARGEST_SHIPPED = ROOT / "data" / "shanghai-putuo-jianguanwei-2026.yaml"


def openpyxl_bytes(document: Document) -> bytes:
    """The workbook reportgen writes, written with openpyxl (styles shared, as openpyxl wants)."""
    import openpyxl

    book = openpyxl.Workbook()
    book.remove(book.active)
    names, grouped = xlsx.SheetNames(), xlsx.grouped_figures(document)
    for position, table in enumerate(document.tables(), start=1):
        _openpyxl_sheet(book.create_sheet(names.claim(table, position)), table, grouped)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _openpyxl_sheet(sheet, table: Table, grouped: bool) -> None:  # type: ignore[no-untyped-def]
    from openpyxl.styles import Alignment, Border, Font, Side
    from openpyxl.utils import get_column_letter

    thin = Side(style="thin")
    border, font, bold = Border(thin, thin, thin, thin), Font(size=10), Font(size=10, bold=True)
    aligns = {a: Alignment(horizontal=a, vertical="center", wrap_text=True) for a in ("left", "center", "right")}
    rows = xlsx.placed_cells(table)
    widths = xlsx.column_widths(table, rows)
    codes = xlsx.text_columns(table, rows)
    top = 2 if table.column_count > 1 else 3
    sheet.cell(1, 1, " ".join(p for p in (table.number, table.title) if p)).font = Font(size=14, bold=True)
    sheet.cell(2, 1, table.department_line)
    sheet.cell(2, table.column_count, table.unit_line)
    for placed in (p for row in rows for p in row):
        cell, target = placed.cell, sheet.cell(top + placed.row + 1, placed.column + 1)
        number = None if placed.label or (placed.column in codes and cell.text.isdigit()) else \
            xlsx.figure(cell.text, grouped)
        target.value = number.value if number else (cell.text or None)
        if number:
            target.number_format = number.num_format
        target.border, target.alignment = border, aligns[cell.align]
        target.font = bold if cell.bold or placed.label else font
        if cell.colspan > 1 or cell.rowspan > 1:
            sheet.merge_cells(start_row=target.row, start_column=target.column,
                              end_row=target.row + cell.rowspan - 1, end_column=target.column + cell.colspan - 1)
    for offset, note in enumerate(table.notes):
        sheet.cell(top + len(rows) + offset + 1, 1, note)
    for column, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = width
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.orientation = "landscape" if table.wide else "portrait"
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    if table.header:
        sheet.print_title_rows = f"{top + 1}:{top + len(table.header)}"


def timed(write: Callable[[Document], bytes], document: Document) -> tuple[float, int]:
    start = time.perf_counter()
    data = write(document)
    return time.perf_counter() - start, len(data)


def import_ms(module: str, repeat: int = 5) -> float:
    """The median cost of importing ``module`` in a fresh interpreter, in milliseconds."""
    code = f"import time; t = time.perf_counter(); import {module}; print(time.perf_counter() - t)"
    runs = [float(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout)
            for _ in range(repeat)]
    return statistics.median(runs) * 1000


def compare(document: Document, repeat: int) -> dict[str, tuple[float, int]]:
    """The median seconds and the bytes of each library's workbook of ``document``."""
    writers = {"XlsxWriter": xlsx.xlsx_bytes, "openpyxl": openpyxl_bytes}
    times: dict[str, list[float]] = {name: [] for name in writers}
    sizes: dict[str, int] = {}
    for _ in range(repeat):
        for name, write in writers.items():
            seconds, sizes[name] = timed(write, document)
            times[name].append(seconds)
    return {name: (statistics.median(times[name]), sizes[name]) for name in writers}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--rows", type=int, default=20000, help="the synthetic department's rows (default 20,000)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        sources = {"largest shipped source": LARGEST_SHIPPED,
                   f"synthetic, {args.rows:,} rows": write_synthetic(Path(folder), args.rows)}
        print("| document | tables / cells | XlsxWriter (s, KB) | openpyxl (s, KB) | openpyxl ÷ XlsxWriter |")
        print("|---|---:|---:|---:|---:|")
        for label, source in sources.items():
            document = document_for(prepare(source))
            cells = sum(len(r.cells) for t in document.tables() for r in t.header + t.body)
            result = compare(document, args.repeat if "shipped" in label else max(args.repeat // 2, 1))
            (fast, fast_size), (slow, slow_size) = result["XlsxWriter"], result["openpyxl"]
            print(f"| {label} | {len(document.tables())} / {cells:,} | {fast:.3f}, {fast_size / 1024:.0f} | "
                  f"{slow:.3f}, {slow_size / 1024:.0f} | {slow / fast:.1f} × |")
    starts = min(5, args.repeat)  # (--repeat 1, tests/test_bench.py's smoke: one interpreter each, not five)
    print(f"\nimport: xlsxwriter {import_ms('xlsxwriter', starts):.0f} ms, openpyxl {import_ms('openpyxl', starts):.0f} ms "
          f"(a fresh interpreter each, median of {starts})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
