"""A document's tables read from its PDF and from a workbook of them: `python -m bench.pdf_as_workbook [--only ID…]`.

The budget system of every province exports the tables a department publishes as a workbook, and the
desk receives either. One reading layer must read a table the same whatever file it comes in. We stand in
for other provinces' exports by writing each corpus PDF's tables, as reportgen reads them from the PDF, into a
workbook with XlsxWriter — one sheet per table, the lines printed above it (title, 部门, 单位) first, header
cells merged as printed, amounts as number cells, codes as text — and import both (`reportgen import`, no
--layout). Compared: the figures each import writes from the tables (a YAML line whose note names a table and
its place), as multisets; the exit codes; 内部错误. The workbooks are written to --out (default
/tmp/pdf-as-workbook-<pid>), never to the repository. A measurement, not a test.

    python -m bench.pdf_as_workbook [--only ID…] [--variant export|codes-as-numbers|amounts-as-text]
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
from collections import Counter
from decimal import Decimal
from pathlib import Path

import xlsxwriter

from reportgen.readers.grid import Grid
from reportgen.readers.pdf_tables import PdfDocument, read_pdf

CORPUS = Path("/work/shared/corpus")
_AMOUNT = re.compile(r"-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?")
_CODE = re.compile(r"\d{3,7}")
# a figure the import wrote from a table: "  合计: 1464.31   # 支出总表 第9页 第7行" / "… # 支出总表 表3!F8"
_FROM_TABLE = re.compile(r"^(?P<line>.*?)\s+# (?P<table>\S+表)(?:（[^）]*）)? (?:第\d+页|表\d+!)")


def _text(grid: Grid, row: int, col: int) -> str:
    cell = grid.cell(row, col)
    return (cell.text or (cell.value if isinstance(cell.value, str) else "") or "").strip()


def _above(document: PdfDocument, grid: Grid) -> list[str]:
    """The lines printed just above the grid on its page that are no table's: its title, 部门, 单位."""
    first = grid.row_places[0] if grid.row_places else ""
    at = next((i for i, line in enumerate(document.lines) if line.place == first), None)
    if at is None:
        return []
    page = document.lines[at].page
    return [line.text for line in document.lines[max(0, at - 3):at] if line.table is None and line.page == page]


VARIANTS = {
    "export": "amounts as number cells, codes as text (a budget system's export)",
    "codes-as-numbers": "codes as number cells too (a sheet retyped, or a code column formatted as numbers)",
    "amounts-as-text": "amounts as text cells printed with separators (“1,234.56”), codes as text",
}


def write_workbook(pdf: Path, out: Path, variant: str = "export") -> int:
    """The PDF's tables as a workbook at ``out`` (``variant``: one of VARIANTS); the number of sheets."""
    document = read_pdf(pdf, pdf.read_bytes())
    book = xlsxwriter.Workbook(str(out))
    money = book.add_format({"num_format": "#,##0.00"})
    for number, grid in enumerate(document.grids, start=1):
        sheet = book.add_worksheet(f"表{number}")
        above = _above(document, grid)
        for row, text in enumerate(above):
            sheet.write_string(row, 0, text)
        _write_grid(sheet, grid, len(above), money, variant)
    book.close()
    return len(document.grids)


def _write_grid(sheet: xlsxwriter.worksheet.Worksheet, grid: Grid, top: int, money: xlsxwriter.format.Format,
                variant: str) -> None:
    merged: set[tuple[int, int]] = set()
    for merge in grid.merges:
        cells = {(r, c) for r in range(merge.first_row, merge.last_row + 1)
                 for c in range(merge.first_col, merge.last_col + 1)}
        if cells & merged:  # ranges that overlap cannot both be merged in a workbook: the later is written plain
            continue
        merged |= cells
        sheet.merge_range(top + merge.first_row, merge.first_col, top + merge.last_row, merge.last_col,
                          _text(grid, merge.first_row, merge.first_col))
    for row in range(len(grid.rows)):
        for col in range(len(grid.rows[row])):
            if (row, col) in merged or not (text := _text(grid, row, col)):
                continue
            code = _CODE.fullmatch(text) is not None
            if variant == "codes-as-numbers" and code or _AMOUNT.fullmatch(text) and not code and variant != "amounts-as-text":
                sheet.write_number(top + row, col, float(Decimal(text.replace(",", ""))), None if code else money)
            else:
                sheet.write_string(top + row, col, text)


def _imported(path: Path, out: Path) -> tuple[int, str, Counter[str]]:
    """`reportgen import path -o out`: its exit code, its last line, the figures it wrote from tables."""
    done = subprocess.run([sys.executable, "-m", "reportgen", "import", str(path), "-o", str(out)],
                          capture_output=True, text=True, check=False)
    told = (done.stdout + done.stderr).strip().splitlines()
    figures: Counter[str] = Counter()
    if out.exists():
        for line in out.read_text(encoding="utf-8").splitlines():
            if match := _FROM_TABLE.match(line):
                figures[f"{match['table']}: {match['line'].strip()}"] += 1
    return done.returncode, told[-1] if told else "", figures


def compare(document: str, work: Path, variant: str) -> str:
    pdf = CORPUS / f"{document}.pdf"
    book = work / f"{document}.xlsx"
    for old in (work / f"{document}-pdf.yaml", work / f"{document}-xlsx.yaml"):  # this bench's own outputs
        old.unlink(missing_ok=True)
    sheets = write_workbook(pdf, book, variant)
    code_pdf, _, from_pdf = _imported(pdf, work / f"{document}-pdf.yaml")
    code_book, last, from_book = _imported(book, work / f"{document}-xlsx.yaml")
    same = sum((from_pdf & from_book).values())
    crash = "内部错误" if "内部错误" in last else ""
    refused = last if not (work / f"{document}-xlsx.yaml").exists() and not crash else ""
    return (f"| {document} | {sheets} | {code_pdf} / {code_book} | {sum(from_pdf.values())} | {sum(from_book.values())} "
            f"| {same} | {crash or refused[:80]} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--only", nargs="*", default=None)
    parser.add_argument("--out", type=Path, default=Path(f"/tmp/pdf-as-workbook-{os.getpid()}"))
    parser.add_argument("--variant", choices=sorted(VARIANTS), default="export")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    documents = sorted(p.stem for p in CORPUS.glob("*.pdf")
                       if not (p.stem.startswith("bj-") and not p.stem.endswith("-tables")))
    print("| document | sheets | exit pdf / workbook | table figures from the PDF | from the workbook | the same "
          "| 内部错误 or refusal |\n|---|---:|---|---:|---:|---:|---|")
    for document in documents:
        if args.only is None or any(part in document for part in args.only):
            print(compare(document, args.out, args.variant), flush=True)


if __name__ == "__main__":
    main()
