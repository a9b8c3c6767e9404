"""The DOCX writers: the disclosure (blocks), the tracked-changes redline of a diff (diff), and
what they share: the OOXML builder (ooxml), tables (tables), styles and pages (styles), and the one
module that reaches into python-docx's internals (package)."""

from reportgen.writers.docx.blocks import DocxWriter, docx_bytes, write_docx
from reportgen.writers.docx.package import base_package

__all__ = ["DocxWriter", "docx_bytes", "write_docx", "base_package"]
