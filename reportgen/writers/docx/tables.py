"""A Document table as WordprocessingML rows: header rows repeated on every page, merged cells,
fixed widths, indentation by level."""

from __future__ import annotations

import functools

from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn

from reportgen.document import (
    Cell,
    Row,
    Table,
)
from reportgen.writers.docx.ooxml import JC, MISSING_RPR, remove_children, run_xml
from reportgen.writers.docx.styles import TABLE_SIZE


def build_rows(block: Table, widths: list[int]) -> list:
    """The table's w:tr elements, header bands first (see rows_xml)."""
    return list(parse_xml(f"<w:tbl {nsdecls('w')}>{rows_xml(block, widths)}</w:tbl>"))


def rows_xml(block: Table, widths: list[int]) -> str:
    """The table's w:tr elements as markup, header bands first.

    Row.cells omits cells covered by a rowspan from above, so the grid column of each cell is
    found by walking the row past the columns still covered; each covered position gets a
    ``vMerge`` continuation cell (Word needs one, with the covering cell's gridSpan).

    Rows are written as markup and parsed in one go: lxml parses a 2,000-row table in a few
    hundredths of a second, where creating its 160,000 elements one by one takes over a second.
    """
    columns = len(widths)
    covered: dict[int, tuple[int, int]] = {}  # start column → (colspan, rows still to cover)
    rows: list[str] = []
    for index, row in enumerate(block.header + block.body):
        is_header = index < len(block.header)
        tcs: list[str] = []
        cells = iter(row.cells)
        col = 0
        while col < columns:
            if col in covered:
                span, left = covered[col]
                tcs.append(_tc(Cell(""), row, is_header, widths[col:col + span], merge="continue"))
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
            tcs.append(_tc(cell, row, is_header, widths[col:col + span], merge=merge))
            col += span
        if next(cells, None) is not None:
            raise ValueError(f"table {block.id}: row {index + 1} has more cells than {columns} columns")
        # cantSplit keeps a row on one page; tblHeader repeats the leading rows on every page.
        tr_pr = "<w:cantSplit/><w:tblHeader/>" if is_header else "<w:cantSplit/>"
        rows.append(f"<w:tr><w:trPr>{tr_pr}</w:trPr>{''.join(tcs)}</w:tr>")
    return "".join(rows)


def _tc(cell: Cell, row: Row, is_header: bool, widths: list[int], merge: str | None) -> str:
    """One w:tc; children in schema order (tcW, gridSpan, vMerge, shd, vAlign), always a w:p."""
    indent = cell.indent if cell.indent > 0 and not is_header else 0
    jc = "center" if is_header else JC.get(cell.align, "left")
    run = ""
    if cell.text:
        if cell.missing:
            rpr = MISSING_RPR
        elif is_header or cell.bold or row.kind in ("total", "subtotal"):
            rpr = "<w:b/>"
        else:
            rpr = ""
        run = run_xml(cell.text, rpr)
    return f"{tc_open(sum(widths), len(widths), merge, is_header, indent, jc)}{run}</w:p></w:tc>"


def scale_widths(widths: list[int], total: int) -> list[int]:
    """Relative widths → twips summing exactly to ``total`` (the last column takes the rounding)."""
    shares = [max(w, 0) for w in widths]
    if not sum(shares):
        shares = [1] * len(widths)
    out = [total * s // sum(shares) for s in shares]
    out[-1] += total - sum(out)
    return out


def set_table_properties(tbl) -> None:
    tblPr = tbl.tblPr
    remove_children(tblPr, "w:tblW", "w:tblLayout", "w:jc")
    width = OxmlElement("w:tblW")
    width.set(qn("w:w"), "5000")  # fiftieths of a percent: the full text width
    width.set(qn("w:type"), "pct")
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    jc = OxmlElement("w:jc")
    jc.set(qn("w:val"), "center")
    # Schema order: tblStyle, (…), tblW, jc, (…), tblLayout, tblCellMar, tblLook.
    style = tblPr.find(qn("w:tblStyle"))
    if style is not None:
        style.addnext(width)
    else:
        tblPr.insert(0, width)
    width.addnext(jc)
    look = tblPr.find(qn("w:tblLook"))
    if look is not None:
        look.addprevious(layout)
    else:
        tblPr.append(layout)


def set_grid(tbl, widths: list[int]) -> None:
    grid = tbl.tblGrid
    for col in list(grid):
        grid.remove(col)
    for w in widths:
        col = OxmlElement("w:gridCol")
        col.set(qn("w:w"), str(w))
        grid.append(col)


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
    twips = round(indent * TABLE_SIZE.pt * 20)
    return f'<w:ind w:leftChars="{int(indent) * 100}" w:left="{twips}"/>'


@functools.cache
def tc_open(width: int, span: int, merge: str | None, is_header: bool, indent: int, jc: str) -> str:
    """A cell's markup up to its run: the same for most cells of a column, so made once (a table
    of 20,000 rows has 100,000 cells)."""
    ppr = f'<w:pStyle w:val="TableText"/>{cell_indent(indent)}<w:jc w:val="{jc}"/>'
    return f"<w:tc><w:tcPr>{tc_properties(width, span, merge, is_header)}</w:tcPr><w:p><w:pPr>{ppr}</w:pPr>"


HEADER_FILL = "D9D9D9"
