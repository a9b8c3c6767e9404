"""A Document table as WordprocessingML: header rows repeated on every page, merged cells, fixed
widths, indentation by level."""

from __future__ import annotations

import functools
import re

from reportgen.document import (
    Cell,
    Row,
    Table,
)
from reportgen.writers.docx.look import TABLE_POINTS
from reportgen.writers.docx.ooxml import JC, MISSING_RPR, run_xml

# The w:tblLook python-docx's add_table writes (Word's default banding for the table style).
_TBL_LOOK = ('<w:tblLook w:firstColumn="1" w:firstRow="1" w:lastColumn="0" w:lastRow="0" w:noHBand="0" '
             'w:noVBand="1" w:val="04A0"/>')


def table_start_xml(style_id: str | None, widths: list[int]) -> str:
    """A w:tbl up to its rows, as python-docx's ``add_table(rows=0, …)`` with ``table.style``
    writes it, made full-width (fiftieths of a percent), centred and of fixed layout, with
    ``widths`` (twips) as its grid. The rows and ``</w:tbl>`` follow."""
    style = f'<w:tblStyle w:val="{style_id}"/>' if style_id else ""
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
    return (f'<w:tbl><w:tblPr>{style}<w:tblW w:w="5000" w:type="pct"/><w:jc w:val="center"/>'
            f'<w:tblLayout w:type="fixed"/>{_TBL_LOOK}</w:tblPr><w:tblGrid>{grid}</w:tblGrid>')


def row_parts(block: Table, widths: list[int], points: float = TABLE_POINTS) -> list[str]:
    """The table's w:tr elements as markup, header bands first, in parts: a new part begins at
    each "subheader" row that no merged cell crosses, that row marked to repeat on every page
    (Word repeats only a table's leading rows, so each part is a table of its own).

    Row.cells omits cells covered by a rowspan from above, so the grid column of each cell is
    found by walking the row past the columns still covered; each covered position gets a
    ``vMerge`` continuation cell (Word needs one, with the covering cell's gridSpan).

    Rows are written as markup and parsed in one go: lxml parses a 2,000-row table in a few
    hundredths of a second, where creating its 160,000 elements one by one takes over a second.
    """
    columns = len(widths)
    # a table set smaller than the style's size (too wide at it): the size on every run
    size = "" if points == TABLE_POINTS else f'<w:sz w:val="{round(points * 2)}"/><w:szCs w:val="{round(points * 2)}"/>'
    covered: dict[int, tuple[int, int]] = {}  # start column → (colspan, rows still to cover)
    parts: list[list[str]] = [[]]
    for index, row in enumerate(block.header + block.body):
        is_header = index < len(block.header)
        repeats = is_header
        if row.kind == "subheader" and not is_header and not covered:
            if parts[-1]:
                parts.append([])
            repeats = True
        tcs: list[str] = []
        cells = iter(row.cells)
        col = 0
        while col < columns:
            if col in covered:
                span, left = covered[col]
                tcs.append(_tc(Cell(""), row, is_header, widths[col:col + span], merge="continue", size=size))
                if left > 1:
                    covered[col] = (span, left - 1)
                else:
                    del covered[col]
                col += span
                continue
            cell = next(cells, None)
            if cell is None:  # a short row: fill the grid so Word and LibreOffice agree
                cell = Cell("")
            span = max(cell.colspan, 1)
            if col + span > columns or (span > 1 and any(c in covered for c in range(col + 1, col + span))):
                raise ValueError(f"table {block.id}: row {index + 1} does not fit {columns} columns")
            merge = None
            if cell.rowspan > 1:
                merge = "restart"
                covered[col] = (span, cell.rowspan - 1)
            tcs.append(_tc(cell, row, is_header, widths[col:col + span], merge=merge, size=size))
            col += span
        if next(cells, None) is not None:
            raise ValueError(f"table {block.id}: row {index + 1} has more cells than {columns} columns")
        # cantSplit keeps a row on one page; tblHeader repeats the leading rows on every page.
        tr_pr = "<w:cantSplit/><w:tblHeader/>" if repeats else "<w:cantSplit/>"
        parts[-1].append(f"<w:tr><w:trPr>{tr_pr}</w:trPr>{''.join(tcs)}</w:tr>")
    return ["".join(rows) for rows in parts]


def _tc(cell: Cell, row: Row, is_header: bool, widths: list[int], merge: str | None, size: str = "") -> str:
    """One w:tc; children in schema order (tcW, gridSpan, vMerge, shd, vAlign), always a w:p.
    ``size``: the w:sz of a table set smaller, placed in the run properties' schema order."""
    indent = cell.indent if cell.indent > 0 and not is_header else 0
    jc = "center" if is_header else JC.get(cell.align, "left")
    run = ""
    if cell.text:
        if cell.missing:
            rpr = MISSING_RPR.replace("<w:highlight", size + "<w:highlight", 1)
        elif is_header or cell.bold or row.kind in ("total", "subtotal"):
            rpr = "<w:b/>" + size
        else:
            rpr = size
        run = run_xml(cell.text, rpr)
    return f"{tc_open(sum(widths), len(widths), merge, is_header, indent, jc)}{run}</w:p></w:tc>"


# How wide the table text is, for widths that keep an amount on one line. Digits are set in the
# Latin font: 0.5 em in Times New Roman, 0.64 em in DejaVu Serif that LibreOffice puts in its place
# on Linux, 0.70 em in its bold (totals); 0.70 em covers them all, and 0.37 em a separator (, .).
# A Han character is a full em. Cell margins: the table style's 108 twips each side. A header may
# wrap between characters, so its narrowest is one character.
DIGIT_EM = 0.70
SEPARATOR_EM = 0.37
CELL_MARGINS = 2 * 108 + 24  # and a hair for the borders
_UNBREAKABLE = re.compile(r"[0-9０-９.,，%‰+\-−=≥≤<>()（）/:：A-Za-z]+")


TEXT_EMS = 6  # a name may wrap, but not to fewer than six characters a line


_AMOUNT = re.compile(r"-?[0-9][0-9,.]*%?").fullmatch


def cell_ems(text: str) -> float:
    """The ems a cell needs so that no number (or Latin word) in ``text`` breaks, and a name keeps
    six characters a line (or its whole length, if shorter); at least one character."""
    if _AMOUNT(text):  # nearly every cell of a large table: its width without a regular expression's search
        separators = text.count(",") + text.count(".")
        return max((len(text) - separators) * DIGIT_EM + separators * SEPARATOR_EM, 1.0)
    return _text_ems(text)


@functools.lru_cache(maxsize=4096)
def _text_ems(text: str) -> float:
    """cell_ems of a cell with words (names repeat from row to row: measured once each)."""
    widest = max((sum(SEPARATOR_EM if ch in ".," else DIGIT_EM for ch in piece)
                  for piece in _UNBREAKABLE.findall(text)), default=0.0)
    return max(widest, float(min(len(_UNBREAKABLE.sub("", text)), TEXT_EMS)), 1.0)


def min_width(text: str, points: float = TABLE_POINTS) -> int:
    """The twips a cell needs at ``points`` (see cell_ems), its margins included."""
    return int(cell_ems(text) * points * 20) + CELL_MARGINS


# The sizes a table may be set in, largest first: 五号, 小五, 六号. A table too wide for its page at
# one size takes the next (the official sizes, never a size between them).
TABLE_SIZES = (TABLE_POINTS, 9.0, 7.5)


def column_ems(block: Table) -> list[tuple[float, float]]:
    """Each grid column's narrowest content in ems, as (the widest plain cell, the widest indented
    cell, which needs 108 twips more), over the body cells that stand in that column alone (a
    header cell wraps between characters). Measured once; the widths at any size follow from it."""
    columns = len(block.widths)
    ems: list[tuple[float, float]] = [(1.0, 0.0)] * columns
    covered: dict[int, tuple[int, int]] = {}
    for row in block.body:
        cells = iter(row.cells)
        col = 0
        while col < columns:
            if col in covered:
                span, left = covered[col]
                covered[col] = (span, left - 1)
                if left <= 1:
                    del covered[col]
                col += span
                continue
            cell = next(cells, None)
            if cell is None:
                break
            span = max(cell.colspan, 1)
            if cell.rowspan > 1:
                covered[col] = (span, cell.rowspan - 1)
            if span == 1 and col < columns and cell.text:
                plain, indented = ems[col]
                width = cell_ems(cell.text)
                ems[col] = (plain, max(indented, width)) if cell.indent else (max(plain, width), indented)
            col += span
    return ems


def column_minimums(block: Table, points: float = TABLE_POINTS, ems: list[tuple[float, float]] | None = None) -> list[int]:
    """Each grid column's narrowest width (twips) at ``points`` without breaking a number."""
    em = points * 20
    return [max(int(plain * em), int(indented * em) + 108 if indented else 0) + CELL_MARGINS
            for plain, indented in (ems or column_ems(block))]


def table_points(block: Table, total: int, ems: list[tuple[float, float]] | None = None) -> float:
    """The size the table is set in: the largest of TABLE_SIZES at which its numbers fit ``total``."""
    ems = ems or column_ems(block)
    return next((points for points in TABLE_SIZES if sum(column_minimums(block, points, ems)) <= total),
                TABLE_SIZES[-1])


def fit_widths(block: Table, total: int, points: float = TABLE_POINTS,
               ems: list[tuple[float, float]] | None = None) -> list[int]:
    """Column widths (twips, summing to ``total``) from the table's relative widths, widened where
    a column's numbers would otherwise break and taken from the others, which keep their
    proportions; when even the narrowest widths exceed ``total``, each column gets its share of
    ``total`` in proportion to its narrowest."""
    minimums = column_minimums(block, points, ems)
    if sum(minimums) >= total:
        return scale_widths(minimums, total)
    fixed: dict[int, int] = {}
    while True:
        free = [i for i in range(len(minimums)) if i not in fixed]
        rest = total - sum(fixed.values())
        shares = scale_widths([block.widths[i] for i in free], rest) if free else []
        widths = dict(zip(free, shares, strict=True)) | fixed
        short = {i: minimums[i] for i in free if widths[i] < minimums[i]}
        if not short:
            return [widths[i] for i in range(len(minimums))]
        fixed |= short


def needs_landscape(block: Table, portrait: int, ems: list[tuple[float, float]] | None = None) -> bool:
    """Whether the table's numbers fit a portrait page only when it turns to landscape."""
    return block.wide or sum(column_minimums(block, TABLE_POINTS, ems)) > portrait


def scale_widths(widths: list[int], total: int) -> list[int]:
    """Relative widths → twips summing exactly to ``total`` (the last column takes the rounding)."""
    shares = [max(w, 0) for w in widths]
    if not sum(shares):
        shares = [1] * len(widths)
    out = [total * s // sum(shares) for s in shares]
    out[-1] += total - sum(out)
    return out


def tc_properties(width: int, span: int, merge: str | None, is_header: bool) -> str:
    """A cell's w:tcPr content: width, merges, header shading (shared with the diff writer)."""
    pr = [f'<w:tcW w:w="{width}" w:type="dxa"/>']
    if span > 1:
        pr.append(f'<w:gridSpan w:val="{span}"/>')
    if merge == "restart":
        pr.append('<w:vMerge w:val="restart"/>')
    elif merge == "continue":
        pr.append("<w:vMerge/>")  # no val: continue the merge from above
    if is_header:
        pr.append(f'<w:shd w:val="clear" w:color="auto" w:fill="{HEADER_FILL}"/>')
    pr.append('<w:vAlign w:val="center"/>')
    return "".join(pr)


def cell_indent(indent: int) -> str:
    """A cell paragraph's left indent in characters (and twips, for readers ignoring chars)."""
    if indent <= 0:
        return ""
    twips = round(indent * TABLE_POINTS * 20)
    return f'<w:ind w:leftChars="{int(indent) * 100}" w:left="{twips}"/>'


@functools.cache
def tc_open(width: int, span: int, merge: str | None, is_header: bool, indent: int, jc: str) -> str:
    """A cell's markup up to its run: the same for most cells of a column, so made once (a table
    of 20,000 rows has 100,000 cells)."""
    ppr = f'<w:pStyle w:val="TableText"/>{cell_indent(indent)}<w:jc w:val="{jc}"/>'
    return f"<w:tc><w:tcPr>{tc_properties(width, span, merge, is_header)}</w:tcPr><w:p><w:pPr>{ppr}</w:pPr>"


HEADER_FILL = "D9D9D9"
