"""A PDF's printed tables found among its lines and made grids: the page furniture set apart, each table's title,
caption and notes told from prose, its lines followed over pages (and beside, for a table printed in column halves),
cut into columns under its header's cells, its rows joined where a name wraps — by the words' geometry alone.

Its face:

    printed_tables, Table                   the tables printed, in order, each with its lines (extents)
    grid_of                                 a table as a grid: title, caption, header, body and notes (grid)
    furniture_lines, running_lines          a page's number and running header or footer (furniture)
    lines_of, Line, PdfLine                 a page's words as lines (lines)
    is_table_title                          whether a line is a table's title (titles)
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from reportgen.base.faces import face

if TYPE_CHECKING:
    from reportgen.readers.pdf.tables.extents import printed_tables as printed_tables
    from reportgen.readers.pdf.tables.furniture import furniture_lines as furniture_lines
    from reportgen.readers.pdf.tables.furniture import running_lines as running_lines
    from reportgen.readers.pdf.tables.grid import grid_of as grid_of
    from reportgen.readers.pdf.tables.lines import Line as Line
    from reportgen.readers.pdf.tables.lines import PdfLine as PdfLine
    from reportgen.readers.pdf.tables.lines import Table as Table
    from reportgen.readers.pdf.tables.lines import lines_of as lines_of
    from reportgen.readers.pdf.tables.titles import is_table_title as is_table_title

__all__, __getattr__ = face(__name__, {
    "extents": ('printed_tables',),
    "furniture": ('furniture_lines', 'running_lines',),
    "grid": ('grid_of',),
    "lines": ('Line', 'PdfLine', 'Table', 'lines_of',),
    "titles": ('is_table_title',),
})
