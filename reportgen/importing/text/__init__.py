"""The prose chain of the import: a disclosure's narrative read as text parts, and put into the source's text fields;
a document of prose alone made a partial source.

Its face (``module.name``: a function named as its module, which the package offers as that module):

    read_text_parts     the narrative parts of a disclosure, each with its place (text_parts)
    add_text_fields     the parts → the source's text fields (text_fields); WITHHELD, holds: a part declared withheld
    whole_export        whether a budget system's export holds its text sheets (text_sheets)
    prose_source        the source of a document whose prose alone states its figures (prose)
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from reportgen.base.faces import face

if TYPE_CHECKING:
    from reportgen.importing.text.prose import prose_source as prose_source
    from reportgen.importing.text.text_fields import WITHHELD as WITHHELD
    from reportgen.importing.text.text_fields import add_text_fields as add_text_fields
    from reportgen.importing.text.text_fields import holds as holds
    from reportgen.importing.text.text_parts import read_text_parts as read_text_parts
    from reportgen.importing.text.text_sheets import whole_export as whole_export

__all__, __getattr__ = face(__name__, {
    "text_parts": ("read_text_parts",),
    "text_fields": ("add_text_fields", "WITHHELD", "holds"),
    "text_sheets": ("whole_export",),
    "prose": ("prose_source",),
})
