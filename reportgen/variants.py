"""Table variants: the standard tables as a locality's layout prints them — other rows, other
columns, other labels — built by TableBuilder's methods over the same figures, never copies of a
table. A layout's tables.j2 places one by its id (``<table ref="…">``); the part of the id before
the first "-" is the standard table it varies, so it shares that table's unit (展示.表格单位)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from reportgen.tables import TableBuilder, TableRows

VARIANTS: tuple[tuple[str, Callable[[TableBuilder], TableRows]], ...] = ()
