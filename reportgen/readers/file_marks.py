"""What a file states of itself, read without reading it as a document: an Office package's title
(docProps/core.xml dc:title — Word and Excel keep it when a file is saved again) and an entry of a
PDF's catalogue (its /Root dictionary). Both are bounded and never raise: a damaged or hostile file
states nothing."""

from __future__ import annotations

import html
import io
import zipfile
from pathlib import Path

from reportgen.base.patterns import regex

_TITLE = regex(r"<dc:title>([^<]{1,200})</dc:title>")
MAX_CORE_BYTES = 64 * 1024
_ZIP_ERRORS = (OSError, KeyError, zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, RuntimeError,
               NotImplementedError, EOFError)


def package_title(package: bytes | Path) -> str | None:
    """The title an Office package (its bytes, or its path) states in docProps/core.xml; None where it
    states none, or is no package that can be read."""
    try:
        with zipfile.ZipFile(io.BytesIO(package) if isinstance(package, bytes) else package) as opened:
            info = opened.getinfo("docProps/core.xml")
            if info.file_size > MAX_CORE_BYTES:
                return None
            with opened.open(info) as core:
                found = _TITLE.search(core.read(MAX_CORE_BYTES + 1).decode("utf-8", "replace"))
    except _ZIP_ERRORS:
        return None
    return html.unescape(found.group(1)) if found is not None else None


def catalogue_entry(path: Path, name: str) -> str | None:
    """The value of ``/name`` in the catalogue of the PDF at ``path`` (objects packed in compressed
    streams too), read by qpdf (pikepdf: already loaded to read the pages; pypdf took 0.24 s to
    import and parsed the file in Python); None where it has none, or cannot be read."""
    import pikepdf  # deferred: for a PDF with compressed objects only

    try:
        with pikepdf.open(path) as pdf:
            found = pdf.Root.get("/" + name)
            return str(found) if found is not None else None
    except Exception:  # noqa: BLE001  # a damaged or hostile file states nothing
        return None
