"""Tables recognised in grids, and what their rows give: below every chain of the import (budget, prose, 决算).

Its face (``module.name``: a function named as its module, which the package offers as that module):

    recognize.recognize, recognised_once, Table   which table a grid is, its header, its columns' meanings (recognize)
    body_rows, Row                                a table's body as rows of codes, names and amounts (rows)
    Imported                                      what a document's recognised tables gave (imported)
    Catalog                                       what import recognises, as data (catalog)
    identity.identity, cover_of                   whose document a file is: owner, kind, year, accounts (identity)
    unread_cells, Unread                          the amounts no reader took (unread)
    Part, cover_title, disclosures_of                  a file's parts: narrative and tables, whose they are (identity)
    titled_table, title_kind, TableKind, normalized  a table by its title (recognize, catalog)
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from reportgen.base.faces import face

if TYPE_CHECKING:
    from reportgen.importing.recognition.catalog import Catalog as Catalog
    from reportgen.importing.recognition.catalog import TableKind as TableKind
    from reportgen.importing.recognition.catalog import normalized as normalized
    from reportgen.importing.recognition.identity import Part as Part
    from reportgen.importing.recognition.identity import cover_of as cover_of
    from reportgen.importing.recognition.identity import cover_title as cover_title
    from reportgen.importing.recognition.identity import disclosures_of as disclosures_of
    from reportgen.importing.recognition.imported import Imported as Imported
    from reportgen.importing.recognition.recognize import Table as Table
    from reportgen.importing.recognition.recognize import recognised_once as recognised_once
    from reportgen.importing.recognition.recognize import title_kind as title_kind
    from reportgen.importing.recognition.recognize import titled_table as titled_table
    from reportgen.importing.recognition.rows import Row as Row
    from reportgen.importing.recognition.rows import body_rows as body_rows
    from reportgen.importing.recognition.unread import Unread as Unread
    from reportgen.importing.recognition.unread import unread_cells as unread_cells

__all__, __getattr__ = face(__name__, {
    "recognize": ("recognised_once", "Table", "titled_table", "title_kind"),
    "rows": ("body_rows", "Row",),
    "imported": ("Imported",),
    "catalog": ("Catalog", "TableKind", "normalized"),
    "identity": ("cover_of", "Part", "cover_title", "disclosures_of"),
    "unread": ("unread_cells", "Unread"),
})
