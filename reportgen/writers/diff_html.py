"""DocumentDiff → one self-contained HTML redline: an inline view and a side-by-side view, the
changed figures, and a list of changes that jumps to each.

The writer builds the two views' markup; the page shell, summary and lists are in
``templates/diff.html.j2``. Every string from either document goes through ``DiffHtmlWriter.text``
and nowhere else.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import takewhile
from typing import Any

from markupsafe import Markup, escape

from reportgen.diff import (
    BlockDiff,
    DocumentDiff,
    RowDiff,
    Span,
    TableDiff,
    TextDiff,
    diff_title,
    grouped_figures,
    signed,
    status_word,
    year_shift_line,
    year_shift_title,
)
from reportgen.docmodel.document import Cell
from reportgen.writers.html import environment

DIFF_TEMPLATE = "diff.html.j2"
SNIPPET = 60  # characters of old and new text shown in the list of changes


class DiffHtmlWriter:
    def __init__(self, result: DocumentDiff) -> None:
        self.result = result

    @staticmethod
    def text(value: object) -> Markup:
        """The single escaping point for document text."""
        return escape(str(value))

    # -- spans ----------------------------------------------------------------------------------
    def span(self, span: Span, side: str = "both") -> Markup:
        """One span; ``side`` old/new shows that side only (side-by-side view)."""
        old, new = self.text(span.old), self.text(span.new)
        if span.op == "equal":
            return new if side != "old" else old
        if span.op == "year":
            title = self.text(year_shift_title(span))
            if side == "old":
                return Markup(f'<span class="ys" title="{title}"><del>{old}</del><span class="plain">{old}</span></span>')
            if side == "new":
                return Markup(f'<span class="ys" title="{title}"><ins>{new}</ins><span class="plain">{new}</span></span>')
            return Markup(f'<span class="ys" title="{title}"><del>{old}</del><ins>{new}</ins>'
                          f'<span class="plain">{new}</span></span>')
        parts = []
        if span.old and side != "new":
            parts.append(f"<del>{old}</del>")
        if span.new and side != "old":
            parts.append(f"<ins>{new}</ins>")
        return Markup("".join(parts))

    def spans(self, diff: TextDiff | None, side: str = "both") -> Markup:
        if diff is None:
            return Markup("")
        return Markup("").join(self.span(s, side) for s in diff.spans)

    # -- blocks ---------------------------------------------------------------------------------
    def block(self, block: BlockDiff, side: str = "both", prefix: str = "") -> Markup:
        anchor = f' id="{prefix}{block.anchor}"' if block.anchor and side != "old" else ""
        status = f"blk {block.status}{' break' if side == 'both' and any(block.page_break) else ''}"
        if block.table is not None:
            wide = " wide" if side == "both" and block.table.wide else ""
            return Markup(f'<div class="{status} table-block{wide}"{anchor}>{self.table(block.table, side)}</div>')
        return self._text_block(block, side, status, anchor)

    def _text_block(self, block: BlockDiff, side: str, status: str, anchor: str) -> Markup:
        """A block of text on ``side``: a placeholder on the side it is absent from, else a heading, the title or a
        paragraph, its spans marked."""
        item = block.item
        if (side == "old" and block.old is None) or (side == "new" and block.new is None):
            return Markup(f'<div class="{status} placeholder"{anchor}></div>')
        body = self.spans(block.text, side)
        if item.kind == "heading":
            level = min(max(item.level, 1), 5) + 1  # h1 is the page's own title
            return Markup(f'<h{level} class="{status}"{anchor}>{body}</h{level}>')
        cls = {"title": "doc-title", "subtitle": "doc-subtitle"}.get(item.kind, f"para {self.text(item.role)}")
        return Markup(f'<p class="{status} {cls}"{anchor}>{body}</p>')

    def table(self, table: TableDiff, side: str) -> Markup:
        caption = " ".join(str(self.spans(d, side)) for d in (table.number, table.title) if d.spans)
        meta = f'{self.spans(table.department, side)}<span class="unit">{self.spans(table.unit, side)}</span>'
        width = _grid_width(table, side)
        lines = [line for row in table.rows for line in self.rows(row, side, width)]
        notes = "".join(f'<p class="note {status}">{self.spans(note, side)}</p>' for status, note in table.notes)
        return Markup(f'<div class="caption">{caption}</div><div class="table-meta">{meta}</div>'
                      f'<div class="table-scroll" tabindex="0" role="region" aria-label="{self.text(self._plain(table))}">'
                      f'<table>{grid_html(lines, width)}</table></div>{notes}')

    @staticmethod
    def _plain(table: TableDiff) -> str:
        """The table's title as plain text (its new words, else its old), for the region's label."""
        for diff in (table.title, table.number):
            words = diff.new_text or diff.old_text
            if words:
                return words
        return ""

    def rows(self, row: RowDiff, side: str, width: int = 1) -> list[Line]:
        """The line (or two) of a table row on ``side`` (old, new or both): an inserted or deleted
        row marked whole (a placeholder on the side it is absent from), a changed one cell by cell."""
        anchor = f' id="{"s-" if side != "both" else ""}{row.anchor}"' if row.anchor and side != "old" else ""
        if row.status in ("inserted", "deleted"):
            return [self.whole_row(row, side, width, anchor)]
        if side == "old":
            return [self.old_line(row)]
        new_row = Line(f' class="{row.status}"{anchor}', row.header, _placed(row.new_layout, self.new_cells(row, side)))
        if side == "new" or row.same_shape:
            return [new_row]
        # Columns or spans differ: the old row, struck, above the new one with its cells marked.
        return [Line(' class="deleted"', row.header, _placed(row.old_layout, self.marked(row.old_layout, "del"))),
                new_row]

    def old_line(self, row: RowDiff) -> Line:
        """A changed row as the old year had it, each cell's changes marked on the old side."""
        olds = {id(c.old): c for c in row.cells if c.old is not None}
        cells = [self.spans(olds[id(c)].text, "old") if id(c) in olds else self.text(c.text) for _, c in row.old_layout]
        return Line(f' class="{row.status}"', row.header, _placed(row.old_layout, cells))

    def new_cells(self, row: RowDiff, side: str) -> list[Markup]:
        """A changed row's cells as the new year has them, each one's changes marked for ``side``."""
        news = {id(c.new): c for c in row.cells if c.new is not None}
        return [self.spans(news[id(c)].text, side) if id(c) in news else self.text(c.text) for _, c in row.new_layout]

    def whole_row(self, row: RowDiff, side: str, width: int, anchor: str) -> Line:
        """An inserted or deleted row: its cells marked, or an empty placeholder on the other side."""
        if (side == "old" and row.status == "inserted") or (side == "new" and row.status == "deleted"):
            return Line(f' class="placeholder"{anchor}', row.header, [(0, Cell(colspan=width), Markup(""))],
                        placeholder=True)
        layout = row.new_layout if row.status == "inserted" else row.old_layout
        cells = self.marked(layout, "ins" if row.status == "inserted" else "del")
        return Line(f' class="{row.status}"{anchor}', row.header, _placed(layout, cells))

    def marked(self, layout: list[tuple[int, Cell]], mark: str) -> list[Markup]:
        """Each cell's text inside <ins> or <del> (an empty cell stays empty)."""
        return [Markup(f"<{mark}>{self.text(c.text)}</{mark}>") if c.text else Markup("") for _, c in layout]

    # -- views and page -------------------------------------------------------------------------
    def inline(self) -> Markup:
        return Markup("\n").join(self.block(b) for b in self.result.blocks())

    def side_by_side(self) -> Markup:
        pairs = []
        for block in self.result.blocks():
            looks = "".join(f" {word}" for word, on in (("break", any(block.page_break)), ("table-pair", block.table),
                                                          ("wide", block.table and block.table.wide)) if on)
            pairs.append(f'<div class="pair {block.status}{looks}"><div class="old">{self.block(block, "old")}</div>'
                         f'<div class="new">{self.block(block, "new", "s-")}</div></div>')
        return Markup("\n".join(pairs))

    def context(self) -> dict[str, Any]:
        r = self.result
        figures = []
        for first, items in grouped_figures(r):
            places = list({(f.where, f.anchor): None for f in items})
            figures.append({
                "old": first.old, "new": first.new,
                "difference": signed(first.difference),
                "percent": signed(first.percent, "%") if first.percent is not None else "—",
                "places": [{"where": w, "anchor": a} for w, a in places],
            })
        changes = [{"anchor": c.anchor, "kind": c.kind, "status": c.status, "status_word": status_word(c.status),
                    "where": c.where, "old": _snippet(c.old), "new": _snippet(c.new)} for c in r.changes]
        return {
            "title": diff_title(r),
            "old_name": r.old_name, "new_name": r.new_name,
            "old_year": r.old_year, "new_year": r.new_year,
            "unchanged": r.unchanged,
            "counts": r.counts(),
            "year_line": year_shift_line(r),
            "show_year_shift": r.show_year_shift,
            "figures": figures,
            "changes": changes,
            "inline": self.inline(),
            "side": self.side_by_side(),
        }


@dataclass
class Line:
    """One <tr> to write: its attributes, whether it heads the table, and its cells as (first grid
    column, cell, rendered text) in column order; a placeholder is one empty cell across the grid."""

    attrs: str
    header: bool
    cells: list[tuple[int, Cell, Markup]]
    placeholder: bool = False

    def columns(self) -> set[int]:
        """The grid columns this line's own cells take."""
        return {col for start, cell, _ in self.cells for col in range(start, start + max(cell.colspan, 1))}


def _placed(layout: list[tuple[int, Cell]], rendered: list[Markup]) -> list[tuple[int, Cell, Markup]]:
    return [(start, cell, body) for (start, cell), body in zip(layout, rendered, strict=True)]


def grid_html(lines: list[Line], width: int) -> str:
    """The table's rows, every one exactly ``width`` grid columns: a cell spanning rows spans as many
    of the lines below it as leave its columns free (and head the table as it does), and a column no
    cell takes gets an empty cell. The two years' rows interleave in a redline, so a span can end
    early; a line of the other year never sits under it. Heading lines go in <thead>, which a
    printed page repeats."""
    own = [line.columns() for line in lines]
    covered: list[set[int]] = [set() for _ in lines]  # columns a cell from a line above takes
    out = []
    for i, line in enumerate(lines):
        cells: list[tuple[int, str]] = []
        for start, cell, body in line.cells:
            down = _rows_down(lines, i, start, cell, own, covered)
            cells.append((start, _cell_html(cell, body, line.header and not line.placeholder, down)))
        cells += _gap_cells(width, own[i] | covered[i])
        out.append(f"<tr{line.attrs}>{''.join(html for _, html in sorted(cells))}</tr>")
    return _head_and_body(out, lines)


def _gap_cells(width: int, taken: set[int]) -> list[tuple[int, str]]:
    """An empty cell for each run of the grid's columns no cell of a line takes (nor one from a line above)."""
    free = [col for col in range(width) if col not in taken]
    return [(col, f'<td class="gap"{_span("colspan", n)}></td>') for col, n in _runs(free)]


def _rows_down(lines: list[Line], i: int, start: int, cell: Cell, own: list[set[int]], covered: list[set[int]]) -> int:
    """How many lines, from line ``i`` down, the cell at ``start`` spans: of its rowspan, as many as
    head the table as line ``i`` does and leave its columns free; their columns are marked covered."""
    columns = set(range(start, start + max(cell.colspan, 1)))
    down = 1
    while (down < cell.rowspan and i + down < len(lines) and lines[i + down].header == lines[i].header
           and not columns & (own[i + down] | covered[i + down])):
        covered[i + down] |= columns
        down += 1
    return down


def _head_and_body(out: list[str], lines: list[Line]) -> str:
    """The rows written, the heading lines' in <thead> and the rest in <tbody> (each only when it has any)."""
    heads = sum(1 for _ in takewhile(lambda line: line.header, lines))
    head = f"<thead>{''.join(out[:heads])}</thead>" if heads else ""
    return f"{head}<tbody>{''.join(out[heads:])}</tbody>" if heads < len(out) else head


def _cell_html(cell: Cell, body: Markup, header: bool, rows: int) -> str:
    """One cell: a header cell only where it has words to read (an empty one is a data cell)."""
    tag = "th" if header and body.striptags() else "td"
    attrs = _span("colspan", max(cell.colspan, 1)) + _span("rowspan", rows)
    cls = "num" if cell.align == "right" else ("center" if cell.align == "center" else "")
    if cell.missing:
        cls += " missing"
    if cls.strip():
        attrs += f' class="{cls.strip()}"'
    return f"<{tag}{attrs}>{body}</{tag}>"


def _span(name: str, count: int) -> str:
    return f' {name}="{count}"' if count > 1 else ""


def _runs(columns: list[int]) -> list[tuple[int, int]]:
    """Consecutive columns as (first, how many)."""
    runs: list[tuple[int, int]] = []
    for col in columns:
        if runs and runs[-1][0] + runs[-1][1] == col:
            runs[-1] = (runs[-1][0], runs[-1][1] + 1)
        else:
            runs.append((col, 1))
    return runs


def _snippet(text: str) -> str:
    return text if len(text) <= SNIPPET else text[:SNIPPET] + "…"


def diff_html_string(result: DocumentDiff) -> str:
    """The whole redline page as text."""
    env = environment()
    return env.get_template(DIFF_TEMPLATE).render(DiffHtmlWriter(result).context())


def _grid_width(table: TableDiff, side: str) -> int:
    """The width of this side's grid (old, new or both): every row is filled out to it (a colspan beyond the grid is
    a validation error: columns no cell begins in)."""
    return max((col + max(cell.colspan, 1) for row in table.rows
                for layout in ((row.old_layout,) if side == "old" else (row.new_layout,) if side == "new"
                               else (row.old_layout, row.new_layout))
                for col, cell in layout or ()), default=1)
