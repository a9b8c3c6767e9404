"""The review page of an import (templates/import_report.html.j2): each table as read, each cell
marked used (with the field it gave), compared only, or unread."""

from __future__ import annotations

from pathlib import Path

from reportgen.base.errors import Finding
from reportgen.base.patterns import regex
from reportgen.importing.recognition.imported import Imported
from reportgen.importing.recognition.recognize import cell_text
from reportgen.importing.recognition.unread import compared_cells, is_unread
from reportgen.importing.tree import Node, Placed
from reportgen.readers.grid import EMPTY
from reportgen.writers.html import environment

_PLACE = regex(r"!|第\d+页|第\d+段")  # a place in a file (a sheet's cell, a page's line), not a remark
MAX_SHOWN_ROWS = 2000  # a table's rows shown on the page; the rest are counted, not drawn


def report_html(imported: Imported, source: Path, files: list[Path], unknown: list[str],
                differences: list[str], notes: list[str] | None = None, unverified: list[str] | None = None,
                findings: list[Finding] | None = None, unplaced: list[str] | None = None) -> str:
    """The page; ``notes``: what the readers read past and the tables' 尾数误差 (told, not counted);
    ``unverified``: codes no catalogue holds (a review lists them apart); ``findings``: check's errors
    and warnings of the source written; ``unplaced``: the text read that has no place in it."""
    compared = compared_cells(imported)
    tables, unread = [], []
    for kind, table in imported.tables.items():
        grid = table.grid
        rows = []
        width = grid.width  # every row as wide as the widest: a table the checker reads as one grid
        for r, cells in enumerate(grid.rows[:MAX_SHOWN_ROWS]):
            row = []
            for c, cell in enumerate([*cells, *[EMPTY] * (width - len(cells))]):
                key = (kind, r, c)
                status, field = "", imported.used.get(key, "")
                if key in imported.used:
                    status = "used"
                elif key in compared:
                    status = "compared"
                elif is_unread(imported, table, r, c, cell, compared):
                    status = "unread"
                    unread.append({"table": kind, "where": grid.where(r, c), "text": cell_text(cell)})
                row.append({"text": cell_text(cell), "status": status, "field": field})
            rows.append(row)
        if width:
            tables.append({"id": kind, "where": grid.shown, "unit": table.unit, "rows": rows})
    shown = [{"severity": "错误" if f.severity == "error" else "警告", "text": f.format()} for f in findings or []]
    return environment().get_template("import_report.html.j2").render(
        source=str(source), files=[str(f) for f in files], tables=tables, unread=unread, unknown=unknown,
        differences=differences, notes=notes or [], unverified=unverified or [], findings=shown,
        text_read=_text_read(imported), unplaced=unplaced or [])


def _text_read(imported: Imported) -> list[dict[str, str]]:
    """Each field the text gave (not a table): its path, what it says (shortened) and where it stood."""
    tables = tuple(f"{kind} " for kind in imported.tables)
    found: list[dict[str, str]] = []

    def visit(path: str, node: Node) -> None:
        if isinstance(node, Placed):
            if _PLACE.search(node.where) and not node.where.startswith(tables):
                text = str(node.value)
                found.append({"field": path, "text": text if len(text) <= 60 else text[:60] + "……", "where": node.where})
        elif isinstance(node, list):
            for index, item in enumerate(node, start=1):
                visit(f"{path}[{index}]", item)
        else:
            for key, child in node.items():
                visit(f"{path}.{key}" if path and key else path or key, child)

    visit("", imported.tree)
    return found
