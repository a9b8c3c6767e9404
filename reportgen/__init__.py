"""reportgen: one YAML budget source → the full 部门预算公开 disclosure in DOCX and HTML."""

__version__ = "0.1.0"
