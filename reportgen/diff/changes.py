"""The changed figures and the list of changes a reader jumps through."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from reportgen.base.patterns import regex
from reportgen.diff.model import BlockDiff, Change, DocumentDiff, FigureChange, RowDiff, TableDiff
from reportgen.diff.text import TextDiff, tokens

# --- figures and the list of changes ------------------------------------------------------------


def _amount(text: str) -> Decimal | None:
    try:
        return Decimal(text.replace(",", "").rstrip("%"))
    except InvalidOperation:
        return None


def figure_pairs(diff: TextDiff) -> list[tuple[str, str]]:
    """The (old, new) numbers of a text diff's replaced runs, where both sides hold as many."""
    pairs = []
    for span in diff.spans:
        if span.op != "replace":
            continue
        old, new = _numbers(span.old), _numbers(span.new)
        if old and len(old) == len(new):
            pairs += [(a, b) for a, b in zip(old, new, strict=True) if a != b]
    return pairs


def _numbers(text: str) -> list[str]:
    """The numbers a run of text prints, its years aside."""
    return [t.text for t in tokens(text) if t.number and not t.year]


def _figure(where: str, old: str, new: str, anchor: str) -> FigureChange:
    a, b = _amount(old), _amount(new)
    difference = percent = None
    if a is not None and b is not None:
        difference = b - a
        if a and not old.endswith("%"):
            percent = (difference * 100 / a).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    return FigureChange(where, old, new, difference, percent, anchor)


_CONTEXT_BREAK = regex(r"[，。；：、,;:（）()]")
_YEAR = regex(r"\d{4}\s*年")


def _context(diff: TextDiff, span_index: int) -> str:
    """A few words before a change (after the last punctuation), to say which figure it is. Only
    the spans back to the last punctuation are read (a paragraph of many changes is read once for
    all of them, not once for each), and its ends are trimmed by a scan, not a regex that retries
    every digit of a long number."""
    pieces: list[str] = []
    for span in reversed(diff.spans[:span_index]):
        pieces.append(span.new or span.old)
        if _CONTEXT_BREAK.search(pieces[-1]):
            break
    tail = _CONTEXT_BREAK.split("".join(reversed(pieces)))[-1]
    tail = _YEAR.split(tail)[-1]  # 深圳市…2022年本年收入 → 本年收入
    return _without_figures(tail)[-24:]


def _without_figures(tail: str) -> str:
    """The words before a change with the figures at their ends trimmed (a number's digits, spaces, a list's
    numbering at the start; a figure's point, comma or % at the end), by a scan."""
    start, end = 0, len(tail)
    while start < end and (tail[start].isdecimal() or tail[start].isspace() or tail[start] in ".．、"):
        start += 1
    while end > start and (tail[end - 1].isdecimal() or tail[end - 1].isspace() or tail[end - 1] in ".,%"):
        end -= 1
    return tail[start:end]


class ChangeCollector:
    """Numbers every change in document order and gathers the figures and the change list."""

    def __init__(self, result: DocumentDiff) -> None:
        self.result = result
        self.count = 0

    def anchor(self) -> str:
        self.count += 1
        return f"chg-{self.count}"

    def run(self) -> None:
        show = self.result.show_year_shift
        for section in self.result.sections:
            where = section.label
            heading = section.heading
            if heading is not None and section.status in ("inserted", "deleted"):
                heading.where = where
                heading.anchor = self.anchor()
                text = heading.text or TextDiff()
                self.result.changes.append(Change(heading.anchor, "章节", section.status, where, text.old_text,
                                                  text.new_text))
            elif heading is not None:
                self.text_block(heading, where, show)
            for block in section.blocks:
                block.where = where
                if block.table is not None:
                    self.table_block(block, where)
                else:
                    self.text_block(block, where, show)

    def text_block(self, block: BlockDiff, where: str, show: bool) -> None:
        block.where = where
        if block.status == "equal" or block.text is None:
            return
        block.anchor = self.anchor()
        kind = "标题" if block.kind == "heading" else "段落"
        self.result.changes.append(Change(block.anchor, kind, block.status, where, block.text.old_text,
                                          block.text.new_text))
        if block.status == "changed":
            for index, span in enumerate(block.text.spans):
                for old, new in figure_pairs(TextDiff([span])):
                    context = _context(block.text, index)
                    label = f"{where}｜{context}" if context else where
                    self.result.figures.append(_figure(label, old, new, block.anchor))

    def table_block(self, block: BlockDiff, where: str) -> None:
        table = block.table
        assert table is not None
        label = table.label
        if block.status in ("inserted", "deleted"):
            block.anchor = self.anchor()
            self.result.changes.append(Change(block.anchor, "表格", block.status, where, label if block.old else "",
                                              label if block.new else ""))
            return
        if block.status == "equal":
            return
        block.anchor = self.anchor()
        self.caption_change(table, block.anchor, label)
        for row in table.rows:
            if row.status != "equal":
                self.row_change(row, label)
        for status, note in table.notes:
            if status != "equal":
                self.result.changes.append(Change(block.anchor, "表注", status, label, note.old_text, note.new_text))

    def caption_change(self, table: TableDiff, anchor: str, label: str) -> None:
        """One change for the caption (number, title, department and unit lines) when any of it
        changed, at the table's own anchor."""
        caption = [table.number, table.title, table.department, table.unit]
        if any(t.changed(self.result.show_year_shift) for t in caption):
            self.result.changes.append(Change(anchor, "表格", "changed", label,
                                              " ".join(t.old_text for t in caption if t.old_text),
                                              " ".join(t.new_text for t in caption if t.new_text)))

    def row_change(self, row: RowDiff, label: str) -> None:
        """A changed, inserted or deleted row: its own anchor and change, and for a changed row
        the figures of its cells, each named by the row and its column."""
        row.anchor = self.anchor()
        old = " ".join(c.text.old_text for c in row.cells if c.old is not None)
        new = " ".join(c.text.new_text for c in row.cells if c.new is not None)
        self.result.changes.append(Change(row.anchor, "表头" if row.header else "表格行", row.status,
                                          f"{label}｜{row.label}", old, new))
        if row.status != "changed":
            return
        for cell in row.cells:
            for a, b in figure_pairs(cell.text):
                where_cell = f"{label}｜{row.label}" + (f"｜{cell.column}" if cell.column else "")
                self.result.figures.append(_figure(where_cell, a, b, row.anchor))
