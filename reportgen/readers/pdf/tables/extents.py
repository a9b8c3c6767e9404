"""The printed tables in order: a title, its caption and the lines under it, continued over pages, up to the next title or paragraph.
"""

from __future__ import annotations

from reportgen.readers.pdf.pdf_words import Word as _Word
from reportgen.readers.pdf.tables.lines import (
    TOTALS,
    Chunk,
    Line,
    Table,
    characters,
    is_amount,
    is_number,
    numbered,
    texts,
)
from reportgen.readers.pdf.tables.sides import Side, figures_of, joined_side, side_of
from reportgen.readers.pdf.tables.titles import (
    is_note,
    is_prose,
    is_table_title,
    is_tabular,
    is_title,
    number_over_title,
    numbers_retitled,
    numbers_title,
    retitled,
    title_name,
    wrapped_title,
)


def printed_tables(pages: list[list[Line]]) -> list[Table]:
    """The printed tables, in order, each with its lines over one page or more; read again with each table whose column
    of running text is not clear of its figures (_unclear) ended at its first line of running text, as a paragraph
    ends a table."""
    tables = _tables(pages, frozenset())
    unclear = frozenset(_first_place(table) for table in tables if _unclear(table))
    return _tables(pages, unclear) if unclear else tables


def _tables(pages: list[list[Line]], plain: frozenset[tuple[int, int]]) -> list[Table]:
    """The printed tables, each of those titled at ``plain`` (page, line) ended by running text as by a paragraph."""
    tables: list[Table] = []
    for lines in map(number_over_title, pages):
        current = tables[-1] if tables and not tables[-1].closed else None
        index, side = _continuation(current, lines) if current is not None else (0, None)
        first_new = len(tables)
        lines = _take_tables(tables, lines, index, current, plain)
        if current is not None and side is not None and side.why:  # each half only part of the table
            _unjoined(current, side.why, tables[first_new:], lines[:side.end])
    return tables


def _first_place(table: Table) -> tuple[int, int]:
    title = table.first.lines[0]
    return title.page, title.number


def _unclear(table: Table) -> bool:
    """Whether a table kept open by lines of running text in a column (_in_a_column) has that column not clear of its
    figures — the table's last, right of every figure it prints: some figure reaches past where its lines begin
    (广州市市场监督管理局's 项目支出及其他支出预算表, its pages set a point apart: 其他资金's “0.00” ends where 绩效目标's lines
    begin on another page; 北京's 部门整体支出绩效目标表, a form whose amounts stand over its paragraph's cell): one set of
    columns for all its pages cannot tell the text from the figures there."""
    running = _running_lines(table)
    if not running or table.beside:
        return False
    edge = min(line.words[0].left for line in running)
    return _figures_reach(table, edge) >= edge


def _figures_reach(table: Table, edge: float) -> float:
    """How far right the table's figures reach (left of ``edge`` where it prints none)."""
    return max((word.right for chunk in table.chunks for line in chunk.lines[chunk.head:len(chunk.lines) - chunk.notes]
                for word in line.words if is_amount(word.text)), default=edge - 1.0)


def _running_lines(table: Table) -> list[Line]:
    """The lines of the table's body that are a paragraph's as a line (is_prose) but not a cell's over its figures:
    kept in the table by _in_a_column alone."""
    found = []
    for chunk in table.chunks:
        lines = chunk.lines
        for index in range(chunk.head, len(lines) - chunk.notes):
            following = lines[index + 1] if index + 1 < len(lines) else None
            if is_prose(lines[index]) and not _cell_over_figures(lines[index], following):
                found.append(lines[index])
    return found


def _continuation(current: Table, lines: list[Line]) -> tuple[int, Side | None]:
    """Where a page's own lines begin after those continuing the table before it: by columns (its rows' further
    columns, joined: joined_side) or by rows (_take); with the columns continuing it that are not joined, and why."""
    numbered = 1 if numbers_retitled(current, lines) else 0
    side = side_of(current, lines)
    if side is not None and not side.why:
        return joined_side(current, lines, side), None
    if numbered or _continues(current, lines) or retitled(current, lines):
        return _take(current, lines, numbered, continuation=True), side
    return 0, side


def _take_tables(tables: list[Table], lines: list[Line], index: int, current: Table | None,
                 plain: frozenset[tuple[int, int]]) -> list[Line]:
    """Adds to ``tables`` those a page begins from its line ``index`` on, each at its title, the lines between
    them narrative. Returns the page's lines, a title wrapped over two lines joined into one (wrapped_title)."""
    while index < len(lines):
        following = lines[index + 1] if index + 1 < len(lines) else None
        if is_title(lines[index], following) or not index and current is not None and _another_title(current, lines[0]):
            if index and (joined := wrapped_title(lines[index - 1], lines[index])) is not None:
                index -= 1
                lines = [*lines[:index], joined, *lines[index + 2:]]
            table = Table([], running=(lines[index].page, lines[index].number) not in plain)
            tables.append(table)
            index = _take(table, lines, index, continuation=False)
        else:
            index += 1  # narrative
    return lines


def _unjoined(current: Table, why: str, new: list[Table], side: list[Line]) -> None:
    """A table and the columns continuing it not joined, each half only part of the table: it and each table
    begun among those columns' lines (``side``) told why."""
    current.unjoined = why
    for table in new:
        if table.first.lines[0] in side:
            table.unjoined = why


def _continues(table: Table, lines: list[Line]) -> bool:
    """A page continues the table before it: no title before its first lines, which are a table's —
    one of the first three has a column gap, or is an item (a number, a code, 一、…) set where the
    table's last page set one; and none before it is prose."""
    last = table.chunks[-1]
    edges = [line.words[0].left for line in last.lines[last.head:len(last.lines) - last.notes]]
    for position, line in enumerate(lines[:3]):
        following = lines[position + 1] if position + 1 < len(lines) else None
        if is_title(line, following) or is_prose(line) or _another_title(table, line):
            return False
        if is_tabular(line) or _item_at_edge(line.words[0], edges):
            return True
    return False


def _item_at_edge(first: _Word, edges: list[float]) -> bool:
    """Whether a line's first word is an item (a number, a code, 一、…) set where a row of the table's last page
    began (``edges``)."""
    return (is_number(first.text) or numbered(first.text)) and any(abs(first.left - edge) <= 1.0 for edge in edges)


def _another_title(table: Table, line: Line) -> bool:
    """A line that reads as the title of another table than ``table`` (its number and a bracketed note
    aside), caption or none: 北京水务局's 收入总表, too wide for its page, prints the left half of its
    columns under “预算02表 收入总表” and the caption over the right half, on the next page — a page
    beginning so is no continuation of the table before it (the 收支总表), but a table of its own."""
    return is_table_title(line.text) and title_name(line.text) != title_name(table.first.lines[0].text)


def _take(table: Table, lines: list[Line], start: int, continuation: bool) -> int:
    """Adds the table's lines on this page from ``start``: up to the next title, or a paragraph.
    Returns where the page's narrative (or next table) begins."""
    titled = not continuation or retitled(table, lines[start:])
    end = _table_end(table, lines, start + (2 if titled else 0))  # a title's caption is the line after it
    chunk = Chunk(lines[start:end])
    chunk.notes = _trailing_notes(chunk.lines)
    chunk.head = _repeated_head(table, chunk) if continuation else _head(chunk)
    table.chunks.append(chunk)
    return end


def _table_end(table: Table, lines: list[Line], end: int) -> int:
    """Where a table's lines on a page, from ``end``, end: at the next title, or at a paragraph (not a note's, nor a
    cell's text over its figures) — which closes the table, as a note does."""
    in_note = False
    edges = _column_edges(table, lines[end:])
    while end < len(lines):
        line = lines[end]
        following = lines[end + 1] if end + 1 < len(lines) else None
        if is_title(line, following) or numbers_title(lines, end):
            break
        if is_note(line):
            in_note = table.closed = True
        elif is_prose(line) and not in_note and not _cells_text(line, following, edges):
            table.closed = True
            break
        elif is_tabular(line):
            in_note = False
        end += 1
    return end


def _cells_text(line: Line, following: Line | None, edges: list[float]) -> bool:
    """Whether a long line with no column gap is a cell's text (_cell_over_figures, _in_a_column), not a paragraph's."""
    return _cell_over_figures(line, following) or _in_a_column(line, edges)


def _column_edges(table: Table, lines: list[Line]) -> list[float]:
    """Where the words of the table's header line begin, left to right: its first line with a column gap under the
    caption (on its first page, or, the table begun on a page before, there); [] for none, or for a table running text
    may not keep open (Table.running)."""
    header = next((line for line in (table.first.lines[2:] if table.chunks else lines) if is_tabular(line)), None)
    return sorted(word.left for word in header.words) if header is not None and table.running else []


def _in_a_column(line: Line, edges: list[float]) -> bool:
    """A long line with no column gap that is a cell's text wrapped over several lines (杭州市气象局's and 湖州市财政局's
    项目支出绩效表: each project's 绩效目标 a paragraph in its cell, the row's other cells set beside its middle line),
    not a paragraph's: it begins right of where the header's second column's name begins (``edges``) — a paragraph
    begins at the page's margin, left of a table's second column."""
    return len(edges) >= 2 and line.words[0].left >= edges[1]


def _cell_over_figures(line: Line, following: Line | None) -> bool:
    """A long line with no column gap that is a cell's text of a table's row, not a paragraph's: the next line,
    set lower by less than a line (two printed lines of text never overlap), prints that row's figures, all
    right of it (烟台市教育局 2026 p. 29: “生均公用经费及运转补助-义务教育阶段特殊教育学校和随班就读残疾学” wrapped
    in its cell, its 项目类别 and figures centred on the name's two lines)."""
    return following is not None and following.page == line.page and following.top < line.bottom \
        and any(is_number(word.text) for word in following.words) \
        and min(word.left for word in following.words) > max(word.right for word in line.words)


def _trailing_notes(lines: list[Line]) -> int:
    """How many of the chunk's last lines are notes (a note and the lines it runs on to)."""
    for position, line in enumerate(lines):
        if is_note(line):
            return len(lines) - position
    return 0


def _head(chunk: Chunk) -> int:
    """The title, caption and header lines of a table's first page: up to the first line with a
    number (an amount or a code), a numbered item (一、…: a table whose amounts are all blank) or a
    合计 alone (an empty table's totals)."""
    body = len(chunk.lines) - chunk.notes
    total = None  # a 合计 alone: an empty table's totals, or a header cell set above its neighbours
    for position in range(2, body):
        words = chunk.lines[position].words
        if figures_of(chunk.lines[position]) or numbered(words[0].text):
            return _body_start(chunk, position, total)
        if total is None and words[0].text in TOTALS and len(words) == 1:
            total = position
    return body if total is None else total


def _body_start(chunk: Chunk, position: int, total: int | None) -> int:
    """Where a table's body begins, ``position`` its first line with figures: at a 合计 alone above it (``total``)
    but where the lines between are header words; at the line above where its label wrapped begins there."""
    if total is not None and not _all_header(chunk.lines[total + 1:position]):
        return total
    if _label_wrapped_above(chunk.lines, position):
        return position - 1
    while position > 3 and _paragraph_above(chunk.lines[position - 1]):
        position -= 1
    return position


def _paragraph_above(line: Line) -> bool:
    """Whether a line above a table's first line of figures is the first of its row's cell of running text (杭州市气象局's
    项目支出绩效表: the 绩效目标 centred on its row's figures), not a header's: a paragraph's line, with a sentence's mark."""
    return is_prose(line) and bool(_SENTENCE_MARKS & set(line.text))


_SENTENCE_MARKS = frozenset("，。；")


def _label_wrapped_above(lines: list[Line], position: int) -> bool:
    """Whether the line before ``position`` (the first with figures) is the first line of that row's label,
    wrapped in its cell and centred on its figures (深圳's 深圳市规划和自然资源局大鹏管 / 4,505.81 … / 理局):
    one word of text left of the row's figures, and the line after them one word starting where it does,
    the two lines' middle the figures' middle."""
    if position < 1 or position + 1 >= len(lines):
        return False
    above, line, below = lines[position - 1], lines[position], lines[position + 1]
    figures = [w for w in line.words if is_number(w.text)]
    if len(above.words) != 1 or len(below.words) != 1 or len(figures) != len(line.words):
        return False
    return _label_around(above.words[0], below.words[0], figures)


def _label_around(first: _Word, last: _Word, figures: list[_Word]) -> bool:
    """Whether two words, above and below a row's ``figures``, are its label wrapped: text, starting where each
    other does, left of the figures, their middle the figures' middle."""
    middle = (min(w.top for w in figures) + max(w.bottom for w in figures)) / 2
    return not is_number(first.text) and not is_number(last.text) and abs(first.left - last.left) <= 1.0 \
        and first.right < figures[0].left and abs((first.top + last.bottom) / 2 - middle) <= 0.3 * first.height


def _all_header(lines: list[Line]) -> bool:
    """Whether lines between a 合计 alone and the first line of figures are header words (the 合计 one
    of them, set higher than the cells beside it: 北京's 收入总表) rather than an empty table's rows:
    each a line of several words, none a numbered item."""
    return bool(lines) and all(len(line.words) > 1 for line in lines)


def _repeated_head(table: Table, chunk: Chunk) -> int:
    """The lines a continuation page repeats of the table's first page, to be dropped: its title and
    caption (when it begins with them again) and its header, when those lines follow exactly (the
    same words); else none."""
    titled = retitled(table, chunk.lines)
    head = table.first.lines[0 if titled else 2:table.first.head]
    if len(chunk.lines) - chunk.notes >= len(head) and all(
            texts(a) == texts(b) for a, b in zip(head, chunk.lines, strict=False)):
        return len(head)
    # the same header with its words parted or its lines grouped otherwise (a cell's text set half
    # a line lower, 2022年预算数 as 2022 / 年预算数): the same characters over about as many lines
    return _regrouped_head(chunk, head, 2 if titled else 0)


def _regrouped_head(chunk: Chunk, head: list[Line], start: int) -> int:
    """Where the header a continuation page repeats, its words parted or its lines grouped otherwise, ends: the
    same characters as ``head`` (from ``start``) over about as many lines; ``start`` where it does not."""
    wanted = characters(head[start:])
    if wanted:
        for count in range(max(len(head) - start - 2, 1), len(head) - start + 3):
            lines = chunk.lines[start:start + count]
            if start + count > len(chunk.lines) - chunk.notes or _head(Chunk([*chunk.lines[:2], *lines])) < 2 + count:
                break  # a body line (an amount, a numbered item) is never the header repeated
            if characters(lines) == wanted:
                return start + count
    return start
