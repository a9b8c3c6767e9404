"""reportgen: one YAML budget source → the full 部门预算公开 disclosure in DOCX and HTML."""

from reportgen.base import charsets
from reportgen.base.compiled_methods import take_over_dataclasses
from reportgen.base.patterns import defer_library_patterns

__version__ = "0.1.0"

charsets.install()  # before any class is compiled: see reportgen/base/charsets.py
defer_library_patterns()  # before anything imports jinja2 or yaml: see reportgen/base/patterns.py
take_over_dataclasses()  # before reportgen's classes are made: see reportgen/base/compiled_methods.py
