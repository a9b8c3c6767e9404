"""A package's face: the names its modules offer the rest of reportgen, each loaded when first asked.

A package's ``__init__`` names its face with :func:`face` and imports the same names under ``if TYPE_CHECKING:``
(for the type checker): ``from reportgen.readers.pdf import read_pdf`` works, and importing one module of the
package (``reportgen.readers.pdf.word_box``) still loads that module only, as before the package had a face
(PEP 562: a module's ``__getattr__``). tests/test_layers.py holds each face to its modules.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from typing import Any


def face(package: str, modules: Mapping[str, tuple[str, ...]]) -> tuple[list[str], Callable[[str], Any]]:
    """``__all__`` and ``__getattr__`` of ``package``, whose ``modules`` (by name, within the package) offer each
    the names listed."""
    where = {name: module for module, names in modules.items() for name in names}

    def __getattr__(name: str) -> Any:
        if name not in where:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        return getattr(importlib.import_module(f"{package}.{where[name]}"), name)

    return sorted(where), __getattr__
