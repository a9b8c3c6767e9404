"""``reportgen import``: a budget system's workbook or a published disclosure becomes a source.

Every input format is read into one neutral :class:`~reportgen.readers.grid.Grid` (formats: the
readers in this package); tables are recognised in grids by the layout's names (``导入`` in the
layout's 版式.yaml); their rows become source fields, each with the place it came from; the result
is reconciled by the same checks ``check`` runs and written as YAML, whole or not at all.

Its face is the document as read, which review and its paperwork judge and reach import by (tests/test_layers.py
holds them to it: no module of theirs imports a module of this package by its own name):

    disclosure_part, import_files, ImportResult   a file's parts, and what its import gave (pipeline)
    disclosures_in, Span                          the disclosures printed one after another in one file (in_one_file)
    walk, Placed                                  each field of the source with the place it was read at (emit, tree)
    report_html                                   the import's report as HTML (report)
    Part, cover_title, disclosures_of, Imported, …tables recognised, their rows, what verified them (recognition)
    unprinted_funds                               the funds a budget's tables do not print (budget)
    projects_beyond_spending                      the 项目支出表's 合计 told beyond the 项目支出 (budget)
    WITHHELD, holds                               a part declared withheld (text)
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from reportgen.base.faces import face

if TYPE_CHECKING:
    from reportgen.importing.budget import projects_beyond_spending as projects_beyond_spending
    from reportgen.importing.budget import unprinted_funds as unprinted_funds
    from reportgen.importing.emit import walk as walk
    from reportgen.importing.in_one_file import Span as Span
    from reportgen.importing.in_one_file import disclosures_in as disclosures_in
    from reportgen.importing.pipeline import ImportResult as ImportResult
    from reportgen.importing.pipeline import disclosure_part as disclosure_part
    from reportgen.importing.pipeline import import_files as import_files
    from reportgen.importing.recognition import Catalog as Catalog
    from reportgen.importing.recognition import Imported as Imported
    from reportgen.importing.recognition import Part as Part
    from reportgen.importing.recognition import Row as Row
    from reportgen.importing.recognition import TableKind as TableKind
    from reportgen.importing.recognition import Unread as Unread
    from reportgen.importing.recognition import cover_title as cover_title
    from reportgen.importing.recognition import disclosures_of as disclosures_of
    from reportgen.importing.recognition import normalized as normalized
    from reportgen.importing.recognition import recognised_once as recognised_once
    from reportgen.importing.recognition import title_kind as title_kind
    from reportgen.importing.recognition import titled_table as titled_table
    from reportgen.importing.recognition import unread_cells as unread_cells
    from reportgen.importing.report import report_html as report_html
    from reportgen.importing.text import WITHHELD as WITHHELD
    from reportgen.importing.text import holds as holds
    from reportgen.importing.tree import Placed as Placed

__all__, __getattr__ = face(__name__, {
    "pipeline": ("disclosure_part", "import_files", "ImportResult"),
    "in_one_file": ("disclosures_in", "Span"),
    "emit": ("walk",),
    "tree": ("Placed",),
    "report": ("report_html",),
    "recognition": ("Part", "cover_title", "disclosures_of", "Imported", "Row", "Catalog", "TableKind", "normalized",
                    "recognised_once", "titled_table", "title_kind", "Unread", "unread_cells"),
    "budget": ("unprinted_funds", "projects_beyond_spending"),
    "text": ("WITHHELD", "holds"),
})
