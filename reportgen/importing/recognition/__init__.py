"""Tables recognised in grids, and what their rows give: below every chain of the import (budget, prose, 决算).

Its face (``module.name``: a function named as its module, which the package offers as that module):

    recognize.recognize, recognised_once, Table   which table a grid is, its header, its columns' meanings (recognize)
    body_rows, Row                                a table's body as rows of codes, names and amounts (rows)
    Imported                                      what a document's recognised tables gave (imported)
    Catalog                                       what import recognises, as data (catalog)
    identity.identity, cover_of                   whose document a file is: owner, kind, year, accounts (identity)
    unread_cells                                  the amounts no reader took (unread)
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from reportgen.faces import face

if TYPE_CHECKING:
    from reportgen.importing.recognition.catalog import Catalog as Catalog
    from reportgen.importing.recognition.identity import cover_of as cover_of
    from reportgen.importing.recognition.imported import Imported as Imported
    from reportgen.importing.recognition.recognize import Table as Table
    from reportgen.importing.recognition.recognize import recognised_once as recognised_once
    from reportgen.importing.recognition.rows import Row as Row
    from reportgen.importing.recognition.rows import body_rows as body_rows
    from reportgen.importing.recognition.unread import unread_cells as unread_cells

__all__, __getattr__ = face(__name__, {
    "recognize": ("recognised_once", "Table",),
    "rows": ("body_rows", "Row",),
    "imported": ("Imported",),
    "catalog": ("Catalog",),
    "identity": ("cover_of",),
    "unread": ("unread_cells",),
})
