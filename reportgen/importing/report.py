"""The review page of an import (templates/import_report.html.j2): each table as read, each cell
marked used (with the field it gave), compared only, or unread."""

from __future__ import annotations

from pathlib import Path

from reportgen.importing.build import Imported
from reportgen.importing.recognize import cell_text, is_amount
from reportgen.importing.rows import LABEL_MEANINGS
from reportgen.writers.html import environment

MAX_SHOWN_ROWS = 2000  # a table's rows shown on the page; the rest are counted, not drawn


def report_html(imported: Imported, source: Path, files: list[Path], unknown: list[str],
                differences: list[str], notes: list[str] | None = None, unverified: list[str] | None = None) -> str:
    """The page; ``notes``: what the readers read past and the tables' 尾数误差 (told, not counted);
    ``unverified``: codes no catalogue holds (a review lists them apart)."""
    compared = {(kind, *a.cell) for kind, rows in imported.rows.items() for r in rows for a in r.amounts.values()}
    tables, unread = [], []
    for kind, table in imported.tables.items():
        grid = table.grid
        rows = []
        for r, cells in enumerate(grid.rows[:MAX_SHOWN_ROWS]):
            row = []
            for c, cell in enumerate(cells):
                key = (kind, r, c)
                status, field = "", imported.used.get(key, "")
                if key in imported.used:
                    status = "used"
                elif key in compared:
                    status = "compared"
                elif r >= table.body_start and is_amount(cell) and table.columns.get(c) not in LABEL_MEANINGS:
                    status = "unread"
                    unread.append({"table": kind, "where": grid.where(r, c), "text": cell_text(cell)})
                row.append({"text": cell_text(cell), "status": status, "field": field})
            rows.append(row)
        tables.append({"id": kind, "where": grid.shown, "unit": table.unit, "rows": rows})
    return environment().get_template("import_report.html.j2").render(
        source=str(source), files=[str(f) for f in files], tables=tables, unread=unread, unknown=unknown,
        differences=differences, notes=notes or [], unverified=unverified or [])
