"""The office formats' readers: Word (.docx and its tables), workbooks (.xlsx, .xls, .ods, SpreadsheetML 2003), CSV,
and the old binary formats LibreOffice converts first (legacy) — each a file to the neutral grid or to lines; below
a published file read whatever its format (reportgen.readers.published).

Its face (``module.name``: a function named as its module, which the package offers as that module):

    read_docx                                  a Word document's paragraphs and tables (docx)
    read_docx_tables                           a Word document's tables as printed (docx_tables)
    read_grids                                 a workbook's sheets as grids, whatever its format (spreadsheets)
    read_xlsx, read_xls, read_ods              one workbook format's sheets, within the bounds (sheets)
    read_spreadsheetml                         an Excel 2003 XML workbook (spreadsheetml)
    read_csv                                   a CSV file's grid (csvfile)
    as_docx                                    an old Word file converted by LibreOffice (legacy)
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from reportgen.base.faces import face

if TYPE_CHECKING:
    from reportgen.readers.office.csvfile import read_csv as read_csv
    from reportgen.readers.office.docx import read_docx as read_docx
    from reportgen.readers.office.docx_tables import read_docx_tables as read_docx_tables
    from reportgen.readers.office.legacy import as_docx as as_docx
    from reportgen.readers.office.sheets import read_ods as read_ods
    from reportgen.readers.office.sheets import read_xls as read_xls
    from reportgen.readers.office.sheets import read_xlsx as read_xlsx
    from reportgen.readers.office.spreadsheetml import read_spreadsheetml as read_spreadsheetml
    from reportgen.readers.office.spreadsheets import read_grids as read_grids

__all__, __getattr__ = face(__name__, {
    "docx": ("read_docx",),
    "docx_tables": ("read_docx_tables",),
    "spreadsheets": ("read_grids",),
    "sheets": ("read_xlsx", "read_xls", "read_ods",),
    "spreadsheetml": ("read_spreadsheetml",),
    "csvfile": ("read_csv",),
    "legacy": ("as_docx",),
})
