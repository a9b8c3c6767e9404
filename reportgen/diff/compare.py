"""Building the diff: sections matched by heading, paragraphs by similarity, table rows by key
and columns by header label."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from reportgen.base.patterns import regex
from reportgen.diff.align import align
from reportgen.diff.changes import ChangeCollector
from reportgen.diff.model import (
    BlockDiff,
    CellDiff,
    DocumentDiff,
    Item,
    RowDiff,
    SectionDiff,
    TableDiff,
    document_year,
    items_of,
)
from reportgen.diff.text import (
    SIMILAR,
    Alike,
    Status,
    TextDiff,
    deleted,
    diff_text,
    inserted,
    is_number,
    normalized,
    shift_years,
    similarity,
)
from reportgen.docmodel.document import Cell, Document, Row, Table

_CODE = regex(r"^\d{3,}$")  # a classification code in a cell (201, 2012901, 30101)

# --- building the diff --------------------------------------------------------------------------


class _Differ:
    def __init__(self, step: int, show_year_shift: bool) -> None:
        self.step = step
        self.show = show_year_shift
        self.year_shifts: Counter[tuple[str, str]] = Counter()

    # -- keys -------------------------------------------------------------------------------------
    def old_key(self, text: str) -> str:
        return normalized(shift_years(text, self.step))

    def text(self, old: str, new: str) -> TextDiff:
        diff = diff_text(old, new, self.step)
        for span in diff.years:
            self.year_shifts[(span.old, span.new)] += 1
        return diff

    def status(self, diff: TextDiff) -> Status:
        return "changed" if diff.changed(self.show) else "equal"

    # -- sections ---------------------------------------------------------------------------------
    def document(self, old: Document, new: Document) -> list[SectionDiff]:
        old_sections, new_sections = _sections(items_of(old)), _sections(items_of(new))

        def key(section: tuple[Item | None, list[Item]], shift: bool) -> str:
            heading = section[0]
            if heading is None:
                return "\x00文首"
            words = heading.heading.text if heading.heading and heading.heading.number else heading.text
            return f"{heading.level}:{self.old_key(words) if shift else normalized(words)}"

        def score(i: int, j: int) -> float:
            a, b = old_sections[i][0], new_sections[j][0]
            if a is None or b is None or a.level != b.level:
                return 0.0
            return similarity(self.old_key(a.text), normalized(b.text))

        pairs = align([key(s, True) for s in old_sections], [key(s, False) for s in new_sections], score)
        result = []
        for i, j in pairs:
            old_section = old_sections[i] if i is not None else (None, [])
            new_section = new_sections[j] if j is not None else (None, [])
            result.append(self.section(old_section, new_section, i is not None, j is not None))
        return result

    def section(self, old: tuple[Item | None, list[Item]], new: tuple[Item | None, list[Item]],
                has_old: bool, has_new: bool) -> SectionDiff:
        heading = None
        if old[0] is not None or new[0] is not None:
            heading = self.block(old[0], new[0])
        blocks = self.blocks(old[1], new[1])
        if not has_old:
            status: Status = "inserted"
        elif not has_new:
            status = "deleted"
        elif (heading and heading.status != "equal") or any(b.status != "equal" for b in blocks):
            status = "changed"
        else:
            status = "equal"
        return SectionDiff(status, heading, blocks)

    # -- blocks -----------------------------------------------------------------------------------
    def block_key(self, item: Item, shift: bool) -> str:
        if item.kind == "table":
            assert item.table is not None
            title = _table_key(item.table)
            return "表:" + (self.old_key(title) if shift else normalized(title))
        return "文:" + (self.old_key(item.text) if shift else normalized(item.text))

    def blocks(self, old: list[Item], new: list[Item]) -> list[BlockDiff]:
        old_keys, new_keys = [self.block_key(x, True) for x in old], [self.block_key(x, False) for x in new]
        alike = Alike()  # each pair's texts are its keys after their kind ("文:", "表:"), made once per item

        def score(i: int, j: int) -> float:
            a, b = old[i], new[j]
            if (a.kind == "table") != (b.kind == "table"):
                return 0.0
            if a.kind == "table":
                assert a.table is not None and b.table is not None
                if not _table_key(a.table) and not _table_key(b.table):
                    return 1.0 if a.table.column_count == b.table.column_count else SIMILAR
            return alike(old_keys[i][2:], new_keys[j][2:])

        pairs = align(old_keys, new_keys, score)
        return [self.block(old[i] if i is not None else None, new[j] if j is not None else None) for i, j in pairs]

    def block(self, old: Item | None, new: Item | None) -> BlockDiff:
        item = new or old
        assert item is not None
        if item.kind == "table":
            return self._table_block(old, new)
        if old is None:
            return BlockDiff(item.kind, "inserted", None, new, text=inserted(item.text))
        if new is None:
            return BlockDiff(item.kind, "deleted", old, None, text=deleted(item.text))
        diff = self.text(old.text, new.text)
        return BlockDiff(new.kind, self.status(diff), old, new, text=diff)

    def _table_block(self, old: Item | None, new: Item | None) -> BlockDiff:
        """A table's block: its diff, inserted or deleted whole, else changed where a reader sees a change."""
        table = self.table(old.table if old else None, new.table if new else None)
        if old is None:
            status: Status = "inserted"
        elif new is None:
            status = "deleted"
        else:
            status = "changed" if _table_changed(table, self.show) else "equal"
        return BlockDiff("table", status, old, new, table=table)

    # -- tables -----------------------------------------------------------------------------------
    def table(self, old: Table | None, new: Table | None) -> TableDiff:
        def pair(get: Callable[[Table], str]) -> TextDiff:
            if old is None:
                return inserted(get(new)) if new else TextDiff()
            if new is None:
                return deleted(get(old))
            return self.text(get(old), get(new))

        number = pair(lambda t: t.number)
        title = pair(lambda t: t.title)
        department = pair(lambda t: t.department_line)
        unit = pair(lambda t: t.unit_line)
        old_grid = _Grid(old) if old else None
        new_grid = _Grid(new) if new else None
        columns = self.column_map(old_grid, new_grid)
        same_grid = _same_grid(old_grid, new_grid, columns)
        rows = self.rows(old_grid, new_grid, columns, same_grid, header=True)
        rows += self.rows(old_grid, new_grid, columns, same_grid, header=False)
        notes = self.notes(old.notes if old else [], new.notes if new else [])
        return TableDiff(old, new, number, title, department, unit, rows, notes, same_grid,
                         old_grid.columns if old_grid else 0, new_grid.columns if new_grid else 0)

    def column_map(self, old: _Grid | None, new: _Grid | None) -> dict[int, int]:
        """Old column → new column, by header label (year-shifted), else by position."""
        if old is None or new is None:
            return {}
        old_labels = [self.old_key(x) for x in old.labels]
        new_labels = [normalized(x) for x in new.labels]
        if old.columns == new.columns and (old_labels == new_labels or not any(old_labels) or not any(new_labels)):
            return {c: c for c in range(old.columns)}
        return _map_label_groups(old_labels, new_labels)

    def rows(self, old: _Grid | None, new: _Grid | None, columns: dict[int, int], same_grid: bool,
             header: bool) -> list[RowDiff]:
        old_rows, new_rows = _side_rows(old, header), _side_rows(new, header)

        def key(row: _GridRow, shift: bool) -> str:
            raw = row.code or row.row.key or " ".join(c.text for _, c in row.cells)
            return self.old_key(raw) if shift else normalized(raw)

        def score(i: int, j: int) -> float:
            if old_rows[i].code and new_rows[j].code and old_rows[i].code != new_rows[j].code:
                return 0.0  # two different classification codes are two different rows
            a = self.old_key(" ".join(c.text for _, c in old_rows[i].cells))
            b = normalized(" ".join(c.text for _, c in new_rows[j].cells))
            first_a, first_b = old_rows[i].first, new_rows[j].first
            same_first = bool(first_a) and self.old_key(first_a) == normalized(first_b)
            # A row keeps its name in the first cell while the rest changes (表1's right half).
            return max(similarity(a, b), SIMILAR if same_first else 0.0)

        pairs = align([key(r, True) for r in old_rows], [key(r, False) for r in new_rows], score)
        return [self.row(old_rows[i] if i is not None else None, new_rows[j] if j is not None else None,
                         columns, same_grid, header, new or old) for i, j in pairs]

    def row(self, old: _GridRow | None, new: _GridRow | None, columns: dict[int, int], same_grid: bool,
            header: bool, grid: _Grid | None) -> RowDiff:
        label = _row_label(new or old)  # type: ignore[arg-type]
        assert grid is not None
        if old is None or new is None:
            return _whole_row(old, new, header, grid, label)
        cells = self.paired_cells(old, new, columns, grid)
        _sort_as_new_row(cells, old, new, columns)
        same_shape = same_grid and [(s, c.colspan) for s, c in old.cells] == [(s, c.colspan) for s, c in new.cells]
        # An empty cell more or less (a short row filled out) is layout, not a change a reader sees.
        changed = any(c.text.changed(self.show) for c in cells)
        return RowDiff("changed" if changed else "equal", old.row, new.row, cells, header, same_shape, label,
                       old_layout=old.cells, new_layout=new.cells)

    def paired_cells(self, old: _GridRow, new: _GridRow, columns: dict[int, int], grid: _Grid) -> list[CellDiff]:
        """The cells of two matched rows: an old cell against the new cell starting in the column
        its own maps to (each new cell taken once), else deleted; new cells left over inserted."""
        by_new_start = {start: cell for start, cell in new.cells}
        taken: set[int] = set()
        cells: list[CellDiff] = []
        for start, cell in old.cells:
            target = columns.get(start)
            if target is not None and target in by_new_start and target not in taken:
                taken.add(target)
                cells.append(CellDiff(cell, by_new_start[target], self.text(cell.text, by_new_start[target].text),
                                      grid.label(target)))
            else:
                cells.append(CellDiff(cell, None, deleted(cell.text)))
        for start, cell in new.cells:
            if start not in taken:
                cells.append(CellDiff(None, cell, inserted(cell.text), grid.label(start)))
        return cells

    def notes(self, old: list[str], new: list[str]) -> list[tuple[Status, TextDiff]]:
        def score(i: int, j: int) -> float:
            return similarity(self.old_key(old[i]), normalized(new[j]))

        out: list[tuple[Status, TextDiff]] = []
        for i, j in align([self.old_key(x) for x in old], [normalized(x) for x in new], score):
            if i is None:
                out.append(("inserted", inserted(new[j])))  # type: ignore[index]
            elif j is None:
                out.append(("deleted", deleted(old[i])))
            else:
                diff = self.text(old[i], new[j])
                out.append((self.status(diff), diff))
        return out


def _same_grid(old: _Grid | None, new: _Grid | None, columns: dict[int, int]) -> bool:
    """Whether both years' tables have one grid: as many columns, each mapped to itself."""
    return bool(old and new and old.columns == new.columns and all(columns.get(c) == c for c in range(old.columns)))


def _side_rows(grid: _Grid | None, header: bool) -> list[_GridRow]:
    """One year's header rows or body rows (none where that year has no such table)."""
    if grid is None:
        return []
    return grid.header if header else grid.body


def _whole_row(old: _GridRow | None, new: _GridRow | None, header: bool, grid: _Grid, label: str) -> RowDiff:
    """A row only one side has: every cell of it inserted (no old row) or deleted (no new row)."""
    present = new or old
    assert present is not None
    whole = _every_cell(present, old is None, grid)
    status: Status = "inserted" if old is None else "deleted"
    return RowDiff(status, old.row if old else None, new.row if new else None, whole, header, True, label,
                   old_layout=old.cells if old else [], new_layout=new.cells if new else [])


def _every_cell(row: _GridRow, added: bool, grid: _Grid) -> list[CellDiff]:
    """Each cell of a row only one side has, inserted (``added``: only the new side has it) or deleted."""
    make = inserted if added else deleted
    return [CellDiff(None if added else c, c if added else None, make(c.text), grid.label(start))
            for start, c in row.cells]


def _sort_as_new_row(cells: list[CellDiff], old: _GridRow, new: _GridRow, columns: dict[int, int]) -> None:
    """Put a row's cell diffs in the new row's order, each deleted cell after its left neighbour."""
    order = {id(c): n for n, (_, c) in enumerate(new.cells)}
    cells.sort(key=lambda d: (order.get(id(d.new), -1) if d.new is not None else _old_position(d, old, columns, new)))


def _old_position(diff: CellDiff, old: _GridRow, columns: dict[int, int], new: _GridRow) -> float:
    """Where a deleted cell sorts among the new row's cells: just after its left neighbour."""
    start = next(s for s, c in old.cells if c is diff.old)
    mapped = [columns[s] for s, _ in old.cells if s < start and s in columns]
    if not mapped:
        return -0.5
    before = max(mapped)
    index = max((n for n, (s, _) in enumerate(new.cells) if s <= before), default=-1)
    return index + 0.5


def _map_label_groups(old_labels: list[str], new_labels: list[str]) -> dict[int, int]:
    """Old column → new column by aligning the runs of columns under one label. A header cell
    spanning columns labels each of them: the spans are aligned, not the columns, and a span keeps
    its columns only when it is as wide in both years (else its first column alone is mapped)."""
    old_groups, new_groups = _label_groups(old_labels), _label_groups(new_labels)
    a = [g[0] for g in old_groups]
    b = [g[0] for g in new_groups]
    mapping: dict[int, int] = {}
    for i, j in align(a, b, lambda i, j: similarity(a[i], b[j])):
        if i is None or j is None:
            continue
        (_, old_start, old_width), (_, new_start, new_width) = old_groups[i], new_groups[j]
        for k in range(old_width if old_width == new_width else 1):
            mapping[old_start + k] = new_start + k
    return mapping


def _label_groups(labels: list[str]) -> list[tuple[str, int, int]]:
    """(label, first column, width) for each run of columns under one label."""
    groups: list[tuple[str, int, int]] = []
    for column, label in enumerate(labels):
        if groups and label and groups[-1][0] == label and groups[-1][1] + groups[-1][2] == column:
            groups[-1] = (label, groups[-1][1], groups[-1][2] + 1)
        else:
            groups.append((label, column, 1))
    return groups


def _sections(items: list[Item]) -> list[tuple[Item | None, list[Item]]]:
    sections: list[tuple[Item | None, list[Item]]] = [(None, [])]
    for item in items:
        if item.kind == "heading":
            sections.append((item, []))
        else:
            sections[-1][1].append(item)
    if not sections[0][1]:
        sections.pop(0)
    return sections


def _contents_items(document: Document) -> list[Item]:
    """The 目录 of a layout that has one as items: its title, then a line per entry (level kept)."""
    if not document.contents:
        return []
    return [Item("subtitle", document.contents_title, role="contents"),
            *(Item("paragraph", entry.text, level=entry.level, role="contents") for entry in document.contents)]


def _table_key(table: Table) -> str:
    """The words that name a table across years: its title without 表N (numbers move)."""
    return re.sub(r"^表\s*\d+\s*", "", table.title or table.id).strip()


def _table_changed(table: TableDiff, with_years: bool) -> bool:
    texts = [table.number, table.title, table.department, table.unit] + [d for _, d in table.notes]
    return (any(t.changed(with_years) for t in texts) or any(r.status != "equal" for r in table.rows)
            or any(s != "equal" for s, _ in table.notes))


@dataclass
class _GridRow:
    row: Row
    cells: list[tuple[int, Cell]]  # (first grid column, cell)

    @property
    def first(self) -> str:
        return self.cells[0][1].text if self.cells else ""

    @property
    def code(self) -> str:
        """The row's classification code (its first cell that is one), the surest key across years
        and across readers (a Document's 表6 key 30101/50101 is the DOCX reader's 30101)."""
        return next((c.text.strip() for _, c in self.cells if _CODE.match(c.text.strip())), "")


class _Grid:
    """A table's rows with the grid column of every cell (rowspans from above accounted for) and a
    label per column from the header cells covering it."""

    def __init__(self, table: Table) -> None:
        placed, width = _place_rows(table.header + table.body)
        self.columns = max(table.column_count, 1, width)
        self.header = placed[:len(table.header)]
        self.body = placed[len(table.header):]
        self.labels = _column_labels(self.header, self.columns)

    def label(self, column: int) -> str:
        """The header label of a grid column ("" past the grid's labels)."""
        return self.labels[column] if column < len(self.labels) else ""


def _place_rows(rows: list[Row]) -> tuple[list[_GridRow], int]:
    """Each row with the grid column of each cell, and the columns the widest row reaches: a cell
    starts in the first column not still covered by a rowspan from a row above."""
    covered: dict[int, int] = {}  # column → rows still covered
    placed: list[_GridRow] = []
    width = 0
    for row in rows:
        cells: list[tuple[int, Cell]] = []
        col = 0
        for cell in row.cells:
            while covered.get(col, 0) > 0:
                col += 1
            cells.append((col, cell))
            if cell.rowspan > 1:
                for c in range(col, col + max(cell.colspan, 1)):
                    covered[c] = cell.rowspan  # decremented below, this row included
            col += max(cell.colspan, 1)
        _next_row(covered)
        width = max(width, col)
        placed.append(_GridRow(row, cells))
    return placed, width


def _next_row(covered: dict[int, int]) -> None:
    """Count a row off the rowspans covering columns; a column no longer covered is freed."""
    for c in list(covered):
        covered[c] -= 1
        if covered[c] <= 0:
            del covered[c]


def _column_labels(header: list[_GridRow], columns: int) -> list[str]:
    """A label per grid column: the texts of the header cells covering it, top to bottom, joined
    with / (a text repeated by the cell just above is said once)."""
    labels: list[list[str]] = [[] for _ in range(columns)]
    for grid_row in header:
        for start, cell in grid_row.cells:
            for c in range(start, min(start + max(cell.colspan, 1), columns)):
                if cell.text and (not labels[c] or labels[c][-1] != cell.text):
                    labels[c].append(cell.text)
    return ["/".join(parts) for parts in labels]


def _row_label(row: _GridRow) -> str:
    words = [c.text for _, c in row.cells if c.text and not is_number(c.text)]
    return " ".join(words[:2]) or row.row.key


def diff_documents(old: Document, new: Document, *, old_name: str = "", new_name: str = "",
                   show_year_shift: bool = False) -> DocumentDiff:
    """Compare two Documents; years that moved on by the documents' year step are year shifts."""
    old_year, new_year = document_year(old), document_year(new)
    step = new_year - old_year if old_year is not None and new_year is not None else 0
    differ = _Differ(step, show_year_shift)
    sections = differ.document(old, new)
    # the 目录 repeats the headings: compared on its own, so none of it is counted twice
    contents = _Differ(step, show_year_shift).blocks(_contents_items(old), _contents_items(new))
    result = DocumentDiff(old_name, new_name, old_year, new_year, sections, show_year_shift,
                          year_shifts=differ.year_shifts, contents=contents, cover=new.cover,
                          new_page_levels=new.new_page_levels, landscape=new.landscape)
    ChangeCollector(result).run()
    return result
