"""The review page of an import (templates/import_report.html.j2): each table as read, each cell
marked used (with the field it gave), compared only, or unread."""

from __future__ import annotations

from pathlib import Path

from reportgen.base.errors import Finding
from reportgen.base.patterns import regex
from reportgen.importing.recognition.imported import Imported
from reportgen.importing.recognition.recognize import Table, cell_text
from reportgen.importing.recognition.unread import compared_cells, is_unread
from reportgen.importing.tree import Node, Placed
from reportgen.readers.grid import EMPTY, Cell
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
    tables = []
    unread: list[dict[str, str]] = []
    for kind, table in imported.tables.items():
        rows = _rows_shown(imported, kind, table, compared, unread)
        if table.grid.width:
            tables.append({"id": kind, "where": table.grid.shown, "unit": table.unit, "rows": rows})
    shown = [{"severity": "错误" if f.severity == "error" else "警告", "text": f.format()} for f in findings or []]
    return environment().get_template("import_report.html.j2").render(
        source=str(source), files=[str(f) for f in files], tables=tables, unread=unread, unknown=unknown,
        differences=differences, notes=notes or [], unverified=unverified or [], findings=shown,
        text_read=_text_read(imported), unplaced=unplaced or [])


def _rows_shown(imported: Imported, kind: str, table: Table, compared: set[tuple[str, int, int]],
                unread: list[dict[str, str]]) -> list[list[dict[str, str]]]:
    """A table's rows as the page shows them (the first MAX_SHOWN_ROWS): each cell's text, its status and the field
    it gives; each cell unread also put in ``unread``."""
    grid = table.grid
    rows = []
    width = grid.width  # every row as wide as the widest: a table the checker reads as one grid
    for r, cells in enumerate(grid.rows[:MAX_SHOWN_ROWS]):
        row = []
        for c, cell in enumerate([*cells, *[EMPTY] * (width - len(cells))]):
            status = _status(imported, table, (kind, r, c), cell, compared)
            if status == "unread":
                unread.append({"table": kind, "where": grid.where(r, c), "text": cell_text(cell)})
            row.append({"text": cell_text(cell), "status": status, "field": imported.used.get((kind, r, c), "")})
        rows.append(row)
    return rows


def _status(imported: Imported, table: Table, key: tuple[str, int, int], cell: Cell,
            compared: set[tuple[str, int, int]]) -> str:
    """A cell's status on the page: used (a field's figure), compared (with one), unread (a figure no field reads
    or compares), else none."""
    if key in imported.used:
        return "used"
    if key in compared:
        return "compared"
    return "unread" if is_unread(imported, table, key[1], key[2], cell, compared) else ""


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
