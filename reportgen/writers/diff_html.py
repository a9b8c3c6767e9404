"""DocumentDiff → one self-contained HTML redline: an inline view and a side-by-side view, the
changed figures, and a list of changes that jumps to each.

The writer builds the two views' markup; the page shell, summary and lists are in
``templates/diff.html.j2``. Every string from either document goes through ``DiffHtmlWriter.text``
and nowhere else.
"""

from __future__ import annotations

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
from reportgen.document import Cell
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
        status = f"blk {block.status}"
        if block.table is not None:
            return Markup(f'<section class="{status} table-block"{anchor}>{self.table(block.table, side)}</section>')
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
        # the width of this side's grid: a placeholder row spans exactly it (a colspan beyond the
        # grid is a validation error: columns no cell begins in)
        width = max((col + max(cell.colspan, 1) for row in table.rows
                     for layout in ((row.old_layout,) if side == "old" else (row.new_layout,) if side == "new"
                                    else (row.old_layout, row.new_layout))
                     for col, cell in layout or ()), default=1)
        rows = []
        for row in table.rows:
            rows += self.rows(row, side, width)
        notes = "".join(f'<p class="note {status}">{self.spans(note, side)}</p>' for status, note in table.notes)
        return Markup(f'<div class="caption">{caption}</div><div class="table-meta">{meta}</div>'
                      f'<div class="table-scroll" tabindex="0" role="region" aria-label="{self.text(self._plain(table))}">'
                      f'<table>{"".join(rows)}</table></div>{notes}')

    @staticmethod
    def _plain(table: TableDiff) -> str:
        """The table's title as plain text (its new words, else its old), for the region's label."""
        for diff in (table.title, table.number):
            words = diff.new_text or diff.old_text
            if words:
                return words
        return ""

    def rows(self, row: RowDiff, side: str, width: int = 1) -> list[str]:
        """The <tr> (or two) of a table row on ``side`` (old, new or both): an inserted or deleted
        row marked whole (a placeholder on the side it is absent from), a changed one cell by cell."""
        anchor = f' id="{"s-" if side != "both" else ""}{row.anchor}"' if row.anchor and side != "old" else ""
        tag = "th" if row.header else "td"
        if row.status in ("inserted", "deleted"):
            return [self.whole_row(row, side, width, anchor, tag)]
        if side == "old":
            olds = {id(c.old): c for c in row.cells if c.old is not None}
            cells = [(c, self.spans(olds[id(c)].text, "old") if id(c) in olds else self.text(c.text)) for _, c in row.old_layout]
            return [f'<tr class="{row.status}">{self.cells(row.old_layout, cells, tag)}</tr>']
        news = {id(c.new): c for c in row.cells if c.new is not None}
        new_cells = [(c, self.spans(news[id(c)].text, side) if id(c) in news else self.text(c.text))
                     for _, c in row.new_layout]
        new_row = f'<tr class="{row.status}"{anchor}>{self.cells(row.new_layout, new_cells, tag)}</tr>'
        if side == "new" or row.same_shape:
            return [new_row]
        # Columns or spans differ: the old row, struck, above the new one with its cells marked.
        return [f'<tr class="deleted">{self.cells(row.old_layout, self.marked(row.old_layout, "del"), tag)}</tr>', new_row]

    def whole_row(self, row: RowDiff, side: str, width: int, anchor: str, tag: str) -> str:
        """An inserted or deleted row: its cells marked, or an empty placeholder on the other side."""
        if (side == "old" and row.status == "inserted") or (side == "new" and row.status == "deleted"):
            span = f' colspan="{width}"' if width > 1 else ""
            return f'<tr class="placeholder"{anchor}><td{span}></td></tr>'
        layout = row.new_layout if row.status == "inserted" else row.old_layout
        cells = self.marked(layout, "ins" if row.status == "inserted" else "del")
        return f'<tr class="{row.status}"{anchor}>{self.cells(layout, cells, tag)}</tr>'

    def marked(self, layout: list[tuple[int, Cell]], mark: str) -> list[tuple[Cell, Markup]]:
        """Each cell's text inside <ins> or <del> (an empty cell stays empty)."""
        return [(c, Markup(f"<{mark}>{self.text(c.text)}</{mark}>") if c.text else Markup("")) for _, c in layout]

    def cells(self, layout: list[tuple[int, Cell]], rendered: list[tuple[Cell, Markup]], tag: str) -> str:
        out = []
        col = 0
        for (start, cell), (_, body) in zip(layout, rendered, strict=True):
            if start > col:
                out.append(f'<{tag} class="gap" colspan="{start - col}"></{tag}>')
            span = max(cell.colspan, 1)
            attrs = f' colspan="{span}"' if span > 1 else ""
            cls = "num" if cell.align == "right" else ("center" if cell.align == "center" else "")
            if cell.missing:
                cls += " missing"
            if cls.strip():
                attrs += f' class="{cls.strip()}"'
            out.append(f"<{tag}{attrs}>{body}</{tag}>")
            col = start + span
        return "".join(out)

    # -- views and page -------------------------------------------------------------------------
    def inline(self) -> Markup:
        return Markup("\n").join(self.block(b) for b in self.result.blocks())

    def side_by_side(self) -> Markup:
        pairs = []
        for block in self.result.blocks():
            pairs.append(f'<div class="pair {block.status}"><div class="old">{self.block(block, "old")}</div>'
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


def _snippet(text: str) -> str:
    return text if len(text) <= SNIPPET else text[:SNIPPET] + "…"


def diff_html_string(result: DocumentDiff) -> str:
    """The whole redline page as text."""
    env = environment()
    return env.get_template(DIFF_TEMPLATE).render(DiffHtmlWriter(result).context())
