"""Year-over-year diff of two Documents (上年与本年对比).

Sections are matched by heading, paragraphs within a section by similarity, table rows by
``Row.key`` and table columns by their header labels, so an inserted section, paragraph, row or
column shows as inserted and shifts nothing after it. Text is diffed by character, with numbers
(``1,270.13``, ``0.27%``) kept whole so a changed figure is one change. In a year-over-year diff
every year moves on by the same step (2021年 → 2022年): such a year is a *year shift*, counted once
in the summary and shown inline only on request.

The result (:class:`DocumentDiff`) is format-neutral: the HTML, DOCX and JSON writers and the
terminal summary all read it.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from difflib import SequenceMatcher
from typing import Any, Literal

from reportgen import templating
from reportgen.document import Cell, Document, Heading, Paragraph, Row, Table, Title

Status = Literal["equal", "changed", "inserted", "deleted"]
SpanOp = Literal["equal", "insert", "delete", "replace", "year"]
ItemKind = Literal["title", "subtitle", "heading", "paragraph", "table"]

# A number as a reader sees one: thousands separators, decimals and a trailing % stay together.
# The look-behind keeps "2021-2022" from reading as 2021 and −2022.
_TOKEN = re.compile(r"(?<![A-Za-z0-9.])-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?%?|\s+|[A-Za-z]+|.", re.S)
_YEAR = re.compile(r"(?<![0-9])(1[89]\d\d|20\d\d)(?=\s*年)")
_SPACE = re.compile(r"\s+")
_YEAR_KEY = "\x00年份"
_CODE = re.compile(r"^\d{3,}$")  # a classification code in a cell (201, 2012901, 30101)

SIMILAR = 0.5  # two paragraphs (or rows) at least this alike are one changed paragraph
COVERED = 0.75  # … or when this share of the shorter one is found in the longer
COVER_MIN = 8  # … and the shorter one has at least this many characters


# --- text ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Span:
    """A run of a text diff. ``replace`` holds both sides; ``year`` is a year shift (2021 → 2022)."""

    op: SpanOp
    old: str
    new: str


@dataclass
class TextDiff:
    spans: list[Span] = field(default_factory=list)

    @property
    def old_text(self) -> str:
        return "".join(s.old for s in self.spans)

    @property
    def new_text(self) -> str:
        return "".join(s.new for s in self.spans)

    def changed(self, with_years: bool = False) -> bool:
        """True when the two sides differ beyond year shifts (or at all, ``with_years``)."""
        return any(s.op not in ("equal", "year") or (with_years and s.op == "year") for s in self.spans)

    @property
    def years(self) -> list[Span]:
        return [s for s in self.spans if s.op == "year"]


@dataclass(frozen=True)
class _Token:
    text: str
    key: str
    number: bool
    year: bool


def _tokens(text: str) -> list[_Token]:
    tokens = []
    for match in _TOKEN.finditer(text):
        piece = match.group(0)
        number = piece[0].isdigit() or (len(piece) > 1 and piece[0] == "-" and piece[1].isdigit())
        year = False
        if number and len(piece) == 4 and piece.isdigit() and 1800 <= int(piece) <= 2099:
            rest = text[match.end():match.end() + 4].lstrip()
            year = rest.startswith("年")
        tokens.append(_Token(piece, _YEAR_KEY if year else piece, number, year))
    return tokens


def is_number(text: str) -> bool:
    """True when ``text`` is one number token (a figure, possibly with separators or %)."""
    found = _tokens(text)
    return len(found) == 1 and found[0].number


def _cleanup(opcodes: list[tuple[str, int, int, int, int]], old: list[_Token]) -> list[tuple[str, int, int, int, int]]:
    """Fold a one-character equal run between two changes into the change around it.

    A character diff of two Chinese phrases matches stray common characters (增加 / 减少 share
    nothing, but 增长 / 下降 … 万元 may): such islands make a redline unreadable.
    """
    ops = list(opcodes)
    changed = True
    while changed:
        changed = False
        for k in range(1, len(ops) - 1):
            tag, i1, i2, j1, j2 = ops[k]
            before, after = ops[k - 1], ops[k + 1]
            if tag != "equal" or before[0] == "equal" or after[0] == "equal":
                continue
            if before[0] == after[0] and before[0] in ("insert", "delete"):
                continue  # text added (or taken away) on both sides of it: the island is real
            token = old[i1]
            if i2 - i1 == 1 and not token.number and not token.text.isspace():
                ops[k - 1:k + 2] = [("replace", before[1], after[2], before[3], after[4])]
                changed = True
                break
    return ops


def diff_text(old: str, new: str, year_step: int = 0) -> TextDiff:
    """Character diff with numbers whole; a year that moved on by ``year_step`` is a ``year`` span."""
    if old == new:
        return TextDiff([Span("equal", old, new)] if old else [])
    a, b = _tokens(old), _tokens(new)
    matcher = SequenceMatcher(None, [t.key for t in a], [t.key for t in b], autojunk=False)
    spans: list[Span] = []
    for tag, i1, i2, j1, j2 in _cleanup(matcher.get_opcodes(), a):
        if tag == "equal":
            for ta, tb in zip(a[i1:i2], b[j1:j2], strict=True):
                if ta.text == tb.text:
                    spans.append(Span("equal", ta.text, tb.text))
                elif ta.year and tb.year and int(ta.text) + year_step == int(tb.text) and year_step:
                    spans.append(Span("year", ta.text, tb.text))
                else:
                    spans.append(Span("replace", ta.text, tb.text))
        else:
            old_part = "".join(t.text for t in a[i1:i2])
            new_part = "".join(t.text for t in b[j1:j2])
            op: SpanOp = "replace" if old_part and new_part else ("delete" if old_part else "insert")
            spans.append(Span(op, old_part, new_part))
    return TextDiff(_merge(spans))


def _merge(spans: list[Span]) -> list[Span]:
    """Join neighbouring spans of one kind (years stay one per span: each is counted)."""
    out: list[Span] = []
    for span in spans:
        if out and out[-1].op == span.op and span.op in ("equal", "replace", "insert", "delete"):
            out[-1] = Span(span.op, out[-1].old + span.old, out[-1].new + span.new)
        elif out and {out[-1].op, span.op} in ({"delete", "insert"}, {"replace", "insert"}, {"replace", "delete"}):
            out[-1] = Span("replace", out[-1].old + span.old, out[-1].new + span.new)
        else:
            out.append(span)
    return out


def inserted(text: str) -> TextDiff:
    return TextDiff([Span("insert", "", text)] if text else [])


def deleted(text: str) -> TextDiff:
    return TextDiff([Span("delete", text, "")] if text else [])


def shift_years(text: str, step: int) -> str:
    """``text`` with every year (a 4-digit number before 年) moved on by ``step``."""
    if not step:
        return text
    return _YEAR.sub(lambda m: str(int(m.group(1)) + step), text)


def _norm(text: str) -> str:
    return _SPACE.sub("", text)


def similarity(a: str, b: str) -> float:
    """How alike two texts are (0–1), by character; cheap bounds first.

    A sentence that gained a clause (比2021年增加3.39万元…) or a reason may fall under the plain
    ratio; when nearly all of the shorter text (COVERED) is found in the longer, it still counts
    as SIMILAR: the same paragraph, rewritten.
    """
    if a == b:
        return 1.0
    if not a or not b:
        return 0.0
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    shorter = min(len(a), len(b))
    bound = matcher.quick_ratio()
    if bound < SIMILAR and (shorter < COVER_MIN or bound * (len(a) + len(b)) / 2 < COVERED * shorter):
        return 0.0
    ratio = matcher.ratio()
    if ratio >= SIMILAR or shorter < COVER_MIN:
        return ratio
    matched = sum(block.size for block in matcher.get_matching_blocks())
    return SIMILAR if matched >= COVERED * shorter else ratio


# --- alignment ----------------------------------------------------------------------------------

Pair = tuple[int | None, int | None]


def align(old_keys: Sequence[str], new_keys: Sequence[str], score: Callable[[int, int], float]) -> list[Pair]:
    """Order-preserving alignment: equal keys first, then within each changed stretch the pairs
    that score at least SIMILAR (best total); whatever is left is deleted or inserted."""
    pairs: list[Pair] = []
    matcher = SequenceMatcher(None, list(old_keys), list(new_keys), autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            pairs += [(i1 + k, j1 + k) for k in range(i2 - i1)]
        elif tag == "delete":
            pairs += [(i, None) for i in range(i1, i2)]
        elif tag == "insert":
            pairs += [(None, j) for j in range(j1, j2)]
        else:
            pairs += _pair_stretch(list(range(i1, i2)), list(range(j1, j2)), score)
    return pairs


def _pair_stretch(olds: list[int], news: list[int], score: Callable[[int, int], float]) -> list[Pair]:
    """Best order-preserving pairing of two short stretches (a small LCS-like DP on scores)."""
    m, n = len(olds), len(news)
    scores = [[score(o, j) for j in news] for o in olds]
    best = [[0.0] * (n + 1) for _ in range(m + 1)]
    for i in range(m - 1, -1, -1):
        for j in range(n - 1, -1, -1):
            take = scores[i][j] + best[i + 1][j + 1] if scores[i][j] >= SIMILAR else -1.0
            best[i][j] = max(take, best[i + 1][j], best[i][j + 1])
    pairs: list[Pair] = []
    i = j = 0
    while i < m and j < n:
        if scores[i][j] >= SIMILAR and best[i][j] == scores[i][j] + best[i + 1][j + 1]:
            pairs.append((olds[i], news[j]))
            i += 1
            j += 1
        elif best[i][j] == best[i + 1][j]:
            pairs.append((olds[i], None))
            i += 1
        else:
            pairs.append((None, news[j]))
            j += 1
    pairs += [(olds[k], None) for k in range(i, m)]
    pairs += [(None, news[k]) for k in range(j, n)]
    return pairs


# --- the document as items and sections ---------------------------------------------------------


@dataclass
class Item:
    """One comparable unit of a Document: a title line, heading, paragraph or table."""

    kind: ItemKind
    text: str = ""
    level: int = 0
    role: str = "body"
    table: Table | None = None
    heading: Heading | None = None


def heading_text(heading: Heading) -> str:
    """The heading as printed (number and words)."""
    return heading.full_text if heading.number else heading.text


def items_of(document: Document) -> list[Item]:
    """The Document as comparable items (page breaks carry no content and are left out)."""
    items: list[Item] = []
    for block in document.blocks:
        if isinstance(block, Title):
            items.append(Item("title", block.text))
            if block.subtitle:
                items.append(Item("subtitle", block.subtitle))
        elif isinstance(block, Heading):
            items.append(Item("heading", heading_text(block), level=block.level, heading=block))
        elif isinstance(block, Paragraph):
            items.append(Item("paragraph", block.text, role=block.role))
        elif isinstance(block, Table):
            items.append(Item("table", table=block))
    return items


def document_year(document: Document) -> int | None:
    """The budget year: the document's meta, else the first year in its title."""
    year = document.meta.get("year", "")
    if year.isdigit():
        return int(year)
    for block in document.blocks[:5]:
        text = block.text if isinstance(block, Title | Paragraph) else ""
        found = _YEAR.search(text)
        if found:
            return int(found.group(1))
    return None


# --- the diff model -----------------------------------------------------------------------------


@dataclass
class CellDiff:
    """One cell's two sides (None where the cell exists on one side only) under its column label."""

    old: Cell | None
    new: Cell | None
    text: TextDiff
    column: str = ""


@dataclass
class RowDiff:
    """A table row matched across years; the layouts place each side's cells on its grid."""

    status: Status
    old: Row | None
    new: Row | None
    cells: list[CellDiff]
    header: bool = False
    same_shape: bool = True  # same columns and spans: cells can be marked one by one
    label: str = ""
    anchor: str = ""
    old_layout: list[tuple[int, Cell]] = field(default_factory=list)  # (first grid column, cell)
    new_layout: list[tuple[int, Cell]] = field(default_factory=list)


@dataclass
class TableDiff:
    """A table matched across years: caption parts, header and body rows in order, notes."""

    old: Table | None
    new: Table | None
    number: TextDiff
    title: TextDiff
    department: TextDiff
    unit: TextDiff
    rows: list[RowDiff]
    notes: list[tuple[Status, TextDiff]]
    same_grid: bool = True
    old_columns: int = 0
    new_columns: int = 0

    @property
    def label(self) -> str:
        table = self.new or self.old
        assert table is not None
        return " ".join(p for p in (table.number, table.title) if p) or table.id


@dataclass
class BlockDiff:
    """A heading, paragraph, title line or table matched across years."""

    kind: ItemKind
    status: Status
    old: Item | None
    new: Item | None
    text: TextDiff | None = None
    table: TableDiff | None = None
    anchor: str = ""
    where: str = ""

    @property
    def item(self) -> Item:
        item = self.new or self.old
        assert item is not None
        return item


@dataclass
class SectionDiff:
    """A heading and the blocks under it (up to the next heading), matched across years."""

    status: Status
    heading: BlockDiff | None
    blocks: list[BlockDiff]

    @property
    def label(self) -> str:
        return self.heading.item.text if self.heading else "（文首）"


@dataclass
class FigureChange:
    """A figure that changed: where, the two texts, and (for amounts) difference and percentage."""

    where: str
    old: str
    new: str
    difference: Decimal | None
    percent: Decimal | None
    anchor: str


@dataclass
class Change:
    """One entry of the list of changes: what happened where, with the anchor to jump to."""

    anchor: str
    kind: str  # 段落 / 标题 / 表格 / 表格行 / 章节
    status: Status
    where: str
    old: str
    new: str


@dataclass
class DocumentDiff:
    """The whole comparison: what the writers, the summary and the JSON read."""

    old_name: str
    new_name: str
    old_year: int | None
    new_year: int | None
    sections: list[SectionDiff]
    show_year_shift: bool = False
    figures: list[FigureChange] = field(default_factory=list)
    changes: list[Change] = field(default_factory=list)
    year_shifts: Counter[tuple[str, str]] = field(default_factory=Counter)

    @property
    def year_step(self) -> int:
        if self.old_year is None or self.new_year is None:
            return 0
        return self.new_year - self.old_year

    @property
    def unchanged(self) -> bool:
        return not self.changes

    def blocks(self) -> Iterator[BlockDiff]:
        for section in self.sections:
            if section.heading:
                yield section.heading
            yield from section.blocks

    def counts(self) -> dict[str, dict[str, int]]:
        """How many sections, paragraphs, tables and table rows were inserted, deleted, changed."""
        def tally(statuses: list[Status]) -> dict[str, int]:
            found = Counter(statuses)
            return {k: found[k] for k in ("inserted", "deleted", "changed")}

        texts = [b for b in self.blocks() if b.kind != "table"]
        tables = [b.table for b in self.blocks() if b.table is not None]
        return {
            "sections": tally([s.status for s in self.sections if s.heading]),
            "paragraphs": tally([b.status for b in texts if b.kind != "heading"]),
            "headings": tally([b.status for b in texts if b.kind == "heading"]),
            "tables": tally([b.status for b in self.blocks() if b.kind == "table"]),
            "rows": tally([r.status for t in tables for r in t.rows if not r.header]),
            "figures": {"changed": len(self.figures)},
            "year_shifts": {"count": sum(self.year_shifts.values())},
        }


# --- building the diff --------------------------------------------------------------------------


class _Differ:
    def __init__(self, step: int, show_year_shift: bool) -> None:
        self.step = step
        self.show = show_year_shift
        self.year_shifts: Counter[tuple[str, str]] = Counter()

    # -- keys -------------------------------------------------------------------------------------
    def old_key(self, text: str) -> str:
        return _norm(shift_years(text, self.step))

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
            return f"{heading.level}:{self.old_key(words) if shift else _norm(words)}"

        def score(i: int, j: int) -> float:
            a, b = old_sections[i][0], new_sections[j][0]
            if a is None or b is None or a.level != b.level:
                return 0.0
            return similarity(self.old_key(a.text), _norm(b.text))

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
            return "表:" + (self.old_key(title) if shift else _norm(title))
        return "文:" + (self.old_key(item.text) if shift else _norm(item.text))

    def blocks(self, old: list[Item], new: list[Item]) -> list[BlockDiff]:
        def score(i: int, j: int) -> float:
            a, b = old[i], new[j]
            if (a.kind == "table") != (b.kind == "table"):
                return 0.0
            if a.kind == "table":
                assert a.table is not None and b.table is not None
                ta, tb = _table_key(a.table), _table_key(b.table)
                if not ta and not tb:
                    return 1.0 if a.table.column_count == b.table.column_count else SIMILAR
                return similarity(self.old_key(ta), _norm(tb))
            return similarity(self.old_key(a.text), _norm(b.text))

        pairs = align([self.block_key(x, True) for x in old], [self.block_key(x, False) for x in new], score)
        return [self.block(old[i] if i is not None else None, new[j] if j is not None else None) for i, j in pairs]

    def block(self, old: Item | None, new: Item | None) -> BlockDiff:
        item = new or old
        assert item is not None
        if item.kind == "table":
            table = self.table(old.table if old else None, new.table if new else None)
            if old is None:
                status: Status = "inserted"
            elif new is None:
                status = "deleted"
            else:
                status = "changed" if _table_changed(table, self.show) else "equal"
            return BlockDiff("table", status, old, new, table=table)
        if old is None:
            return BlockDiff(item.kind, "inserted", None, new, text=inserted(item.text))
        if new is None:
            return BlockDiff(item.kind, "deleted", old, None, text=deleted(item.text))
        diff = self.text(old.text, new.text)
        return BlockDiff(new.kind, self.status(diff), old, new, text=diff)

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
        same_grid = bool(old_grid and new_grid and old_grid.columns == new_grid.columns
                         and all(columns.get(c) == c for c in range(old_grid.columns)))
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
        new_labels = [_norm(x) for x in new.labels]
        if old.columns == new.columns and (old_labels == new_labels or not any(old_labels) or not any(new_labels)):
            return {c: c for c in range(old.columns)}
        # A header cell spanning columns labels each of them: align the spans, not the columns.
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

    def rows(self, old: _Grid | None, new: _Grid | None, columns: dict[int, int], same_grid: bool,
             header: bool) -> list[RowDiff]:
        old_rows = old.header if old and header else old.body if old else []
        new_rows = new.header if new and header else new.body if new else []

        def key(row: _GridRow, shift: bool) -> str:
            raw = row.code or row.row.key or " ".join(c.text for _, c in row.cells)
            return self.old_key(raw) if shift else _norm(raw)

        def score(i: int, j: int) -> float:
            if old_rows[i].code and new_rows[j].code and old_rows[i].code != new_rows[j].code:
                return 0.0  # two different classification codes are two different rows
            a = self.old_key(" ".join(c.text for _, c in old_rows[i].cells))
            b = _norm(" ".join(c.text for _, c in new_rows[j].cells))
            first_a, first_b = old_rows[i].first, new_rows[j].first
            same_first = bool(first_a) and self.old_key(first_a) == _norm(first_b)
            # A row keeps its name in the first cell while the rest changes (表1's right half).
            return max(similarity(a, b), SIMILAR if same_first else 0.0)

        pairs = align([key(r, True) for r in old_rows], [key(r, False) for r in new_rows], score)
        return [self.row(old_rows[i] if i is not None else None, new_rows[j] if j is not None else None,
                         columns, same_grid, header, new or old) for i, j in pairs]

    def row(self, old: _GridRow | None, new: _GridRow | None, columns: dict[int, int], same_grid: bool,
            header: bool, grid: _Grid | None) -> RowDiff:
        label = _row_label(new or old)  # type: ignore[arg-type]
        if old is None or new is None:
            present = new or old
            assert present is not None and grid is not None
            make = inserted if old is None else deleted
            cells = [CellDiff(None if old is None else c, c if old is None else None, make(c.text),
                              grid.labels[start] if start < len(grid.labels) else "")
                     for start, c in present.cells]
            status: Status = "inserted" if old is None else "deleted"
            return RowDiff(status, old.row if old else None, new.row if new else None, cells, header, True, label,
                           old_layout=old.cells if old else [], new_layout=new.cells if new else [])
        assert grid is not None
        by_new_start = {start: cell for start, cell in new.cells}
        taken: set[int] = set()
        cells: list[CellDiff] = []
        for start, cell in old.cells:
            target = columns.get(start)
            if target is not None and target in by_new_start and target not in taken:
                taken.add(target)
                cells.append(CellDiff(cell, by_new_start[target], self.text(cell.text, by_new_start[target].text),
                                      grid.labels[target] if target < len(grid.labels) else ""))
            else:
                cells.append(CellDiff(cell, None, deleted(cell.text)))
        for start, cell in new.cells:
            if start not in taken:
                cells.append(CellDiff(None, cell, inserted(cell.text), grid.labels[start] if start < len(grid.labels) else ""))
        order = {id(c): n for n, (_, c) in enumerate(new.cells)}
        cells.sort(key=lambda d: (order.get(id(d.new), -1) if d.new is not None else _old_position(d, old, columns, new)))
        same_shape = same_grid and [(s, c.colspan) for s, c in old.cells] == [(s, c.colspan) for s, c in new.cells]
        # An empty cell more or less (a short row filled out) is layout, not a change a reader sees.
        changed = any(c.text.changed(self.show) for c in cells)
        return RowDiff("changed" if changed else "equal", old.row, new.row, cells, header, same_shape, label,
                       old_layout=old.cells, new_layout=new.cells)

    def notes(self, old: list[str], new: list[str]) -> list[tuple[Status, TextDiff]]:
        def score(i: int, j: int) -> float:
            return similarity(self.old_key(old[i]), _norm(new[j]))

        out: list[tuple[Status, TextDiff]] = []
        for i, j in align([self.old_key(x) for x in old], [_norm(x) for x in new], score):
            if i is None:
                out.append(("inserted", inserted(new[j])))  # type: ignore[index]
            elif j is None:
                out.append(("deleted", deleted(old[i])))
            else:
                diff = self.text(old[i], new[j])
                out.append((self.status(diff), diff))
        return out


def _old_position(diff: CellDiff, old: _GridRow, columns: dict[int, int], new: _GridRow) -> float:
    """Where a deleted cell sorts among the new row's cells: just after its left neighbour."""
    start = next(s for s, c in old.cells if c is diff.old)
    mapped = [columns[s] for s, _ in old.cells if s < start and s in columns]
    if not mapped:
        return -0.5
    before = max(mapped)
    index = max((n for n, (s, _) in enumerate(new.cells) if s <= before), default=-1)
    return index + 0.5


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
        self.columns = max(table.column_count, 1)
        covered: dict[int, int] = {}  # column → rows still covered
        placed: list[_GridRow] = []
        for row in table.header + table.body:
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
            for c in list(covered):
                covered[c] -= 1
                if covered[c] <= 0:
                    del covered[c]
            self.columns = max(self.columns, col)
            placed.append(_GridRow(row, cells))
        self.header = placed[:len(table.header)]
        self.body = placed[len(table.header):]
        labels: list[list[str]] = [[] for _ in range(self.columns)]
        for grid_row in self.header:
            for start, cell in grid_row.cells:
                for c in range(start, min(start + max(cell.colspan, 1), self.columns)):
                    if cell.text and (not labels[c] or labels[c][-1] != cell.text):
                        labels[c].append(cell.text)
        self.labels = ["/".join(parts) for parts in labels]


def _row_label(row: _GridRow) -> str:
    words = [c.text for _, c in row.cells if c.text and not is_number(c.text)]
    return " ".join(words[:2]) or row.row.key


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
        old = [t.text for t in _tokens(span.old) if t.number and not t.year]
        new = [t.text for t in _tokens(span.new) if t.number and not t.year]
        if old and len(old) == len(new):
            pairs += [(a, b) for a, b in zip(old, new, strict=True) if a != b]
    return pairs


def _figure(where: str, old: str, new: str, anchor: str) -> FigureChange:
    a, b = _amount(old), _amount(new)
    difference = percent = None
    if a is not None and b is not None:
        difference = b - a
        if a and not old.endswith("%"):
            percent = (difference * 100 / a).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    return FigureChange(where, old, new, difference, percent, anchor)


def _context(diff: TextDiff, span_index: int) -> str:
    """A few words before a change (after the last punctuation), to say which figure it is."""
    before = "".join(s.new or s.old for s in diff.spans[:span_index])
    tail = re.split(r"[，。；：、,;:（）()]", before)[-1]
    tail = re.split(r"\d{4}\s*年", tail)[-1]  # 深圳市…2022年本年收入 → 本年收入
    tail = re.sub(r"^[\d.．、\s]+|[\d.,%\s]+$", "", tail)
    return tail[-24:]


class _Collector:
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
        caption = [table.number, table.title, table.department, table.unit]
        if any(t.changed(self.result.show_year_shift) for t in caption):
            self.result.changes.append(Change(block.anchor, "表格", "changed", label,
                                              " ".join(t.old_text for t in caption if t.old_text),
                                              " ".join(t.new_text for t in caption if t.new_text)))
        for row in table.rows:
            if row.status == "equal":
                continue
            row.anchor = self.anchor()
            old = " ".join(c.text.old_text for c in row.cells if c.old is not None)
            new = " ".join(c.text.new_text for c in row.cells if c.new is not None)
            self.result.changes.append(Change(row.anchor, "表头" if row.header else "表格行", row.status,
                                              f"{label}｜{row.label}", old, new))
            if row.status == "changed":
                for cell in row.cells:
                    for a, b in figure_pairs(cell.text):
                        where_cell = f"{label}｜{row.label}" + (f"｜{cell.column}" if cell.column else "")
                        self.result.figures.append(_figure(where_cell, a, b, row.anchor))
        for status, note in table.notes:
            if status != "equal":
                self.result.changes.append(Change(block.anchor, "表注", status, label, note.old_text, note.new_text))


def diff_documents(old: Document, new: Document, *, old_name: str = "", new_name: str = "",
                   show_year_shift: bool = False) -> DocumentDiff:
    """Compare two Documents; years that moved on by the documents' year step are year shifts."""
    old_year, new_year = document_year(old), document_year(new)
    step = new_year - old_year if old_year is not None and new_year is not None else 0
    differ = _Differ(step, show_year_shift)
    sections = differ.document(old, new)
    result = DocumentDiff(old_name, new_name, old_year, new_year, sections, show_year_shift,
                          year_shifts=differ.year_shifts)
    _Collector(result).run()
    return result


# --- summary and JSON ---------------------------------------------------------------------------

_STATUS_WORD = {"inserted": "新增", "deleted": "删除", "changed": "修改", "equal": "未变"}


def status_word(status: str) -> str:
    return _STATUS_WORD.get(status, status)


def signed(value: Decimal | None, suffix: str = "") -> str:
    if value is None:
        return "—"
    text = f"{abs(value):,}"
    if value > 0:
        return f"+{text}{suffix}"
    if value < 0:
        return f"-{text}{suffix}"
    return f"0{suffix}"


def grouped_figures(result: DocumentDiff) -> list[tuple[FigureChange, list[FigureChange]]]:
    """Figures grouped by (old, new): the same total changes in a sentence and in three tables."""
    groups: dict[tuple[str, str], list[FigureChange]] = {}
    for figure in result.figures:
        groups.setdefault((figure.old, figure.new), []).append(figure)
    return [(items[0], items) for items in groups.values()]


def _words() -> Any:
    """The comparison's wording (templates/diff/words.j2): title, year-shift line, summary."""
    return templating.words("text", "diff/words.j2")


def _set_up(env: Any) -> None:
    env.filters["signed"] = signed


templating.SETUP.setdefault("text", []).append(_set_up)


def diff_title(result: DocumentDiff) -> str:
    """修订对照：OLD → NEW, for the redlines' titles."""
    return str(_words().title(result))


def year_shift_title(span: Span) -> str:
    """The note on one shifted year (年份顺延：2021年 → 2022年)."""
    return str(_words().year_shift(span))


def year_shift_line(result: DocumentDiff) -> str:
    return str(_words().year_line(result))


def summary_text(result: DocumentDiff, limit: int = 40) -> str:
    """The terminal summary, in Chinese: what was compared, counts, the changed figures."""
    return str(_words().summary(result, grouped_figures(result), limit))


def _text_json(diff: TextDiff | None) -> list[dict[str, str]]:
    return [{"op": s.op, "old": s.old, "new": s.new} for s in diff.spans] if diff else []


def as_json(result: DocumentDiff) -> dict[str, object]:
    """Everything a machine needs: counts, figures, year shifts, and every block's diff."""
    def block(b: BlockDiff) -> dict[str, object]:
        out: dict[str, object] = {"kind": b.kind, "status": b.status, "anchor": b.anchor, "where": b.where}
        if b.table is None:
            out["old"] = b.text.old_text if b.text and b.old else None
            out["new"] = b.text.new_text if b.text and b.new else None
            out["spans"] = _text_json(b.text)
        else:
            t = b.table
            out["table"] = t.label
            out["rows"] = [{"status": r.status, "header": r.header, "label": r.label, "anchor": r.anchor,
                            "cells": [{"column": c.column, "old": c.old.text if c.old else None,
                                       "new": c.new.text if c.new else None, "spans": _text_json(c.text)}
                                      for c in r.cells]}
                           for r in t.rows if r.status != "equal"]
        return out

    return {
        "old": {"name": result.old_name, "year": result.old_year},
        "new": {"name": result.new_name, "year": result.new_year},
        "unchanged": result.unchanged,
        "counts": result.counts(),
        "year_shift": {"step": result.year_step, "shown_inline": result.show_year_shift,
                       "pairs": [{"old": a, "new": b, "count": n} for (a, b), n in sorted(result.year_shifts.items())]},
        "figures": [{"where": f.where, "old": f.old, "new": f.new,
                     "difference": None if f.difference is None else str(f.difference),
                     "percent": None if f.percent is None else str(f.percent), "anchor": f.anchor}
                    for f in result.figures],
        "changes": [{"anchor": c.anchor, "kind": c.kind, "status": c.status, "where": c.where, "old": c.old,
                     "new": c.new} for c in result.changes],
        "blocks": [block(b) for b in result.blocks() if b.status != "equal"],
    }
