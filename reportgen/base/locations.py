"""Where reportgen finds its shipped templates.

In a source checkout (and an editable install) they are the repository's top-level
``templates/`` folder, which users copy to adapt; a wheel ships the same folder as
``reportgen/templates/`` (``pyproject.toml`` maps it there), so an installed reportgen renders
without the checkout.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent.parent  # reportgen/, this module being reportgen/base/locations.py
_INSTALLED = _PACKAGE / "templates"
DEFAULT_TEMPLATES: Path = _INSTALLED if _INSTALLED.is_dir() else _PACKAGE.parent / "templates"

__all__ = ["DEFAULT_TEMPLATES"]
