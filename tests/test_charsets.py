"""Character classes marked by slices (reportgen/base/charsets.py): every pattern reportgen keeps, and classes of
every shape ``re`` builds (a run, two runs, a bitmap of Latin-1, a map of the BMP, past the BMP, negated, with a
category, case-folded), compile to the very code ``re``'s own ``_optimize_charset`` gives."""

from __future__ import annotations

import importlib
import re
from re import _compiler, _parser

import pytest

from reportgen.base import charsets
from reportgen.base.patterns import kept
from tests.test_layers import MODULES

SHAPES = (r"[a]", r"[a-c]", r"[ab]", r"[a-cx-z]", r"[a-cx-z0]", r"[^，。；]", r"[\u4e00-\u9fff]",
          r"[\u4e00-\u9fff“”（）]", r"[^\d\u4e00-\u9fff]", r"[\x00-\uffff]", r"[\xff\u0100]", r"[\U00010000-\U0010ffff]",
          r"[a\U0001F600-\U0001F64F\u4e00]", r"[\ud7ff-\U00010001]", r"[\w\u4e00-\u9fa5]", r"[^\s]", r"[一二三四五六七八九十]",
          "[\t\n\r -\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]", r"[\x00-\xff]", r"[\x00-\xfe]")


def _code(source: str, flags: int, optimize: object) -> list[int]:
    saved = _compiler._optimize_charset
    _compiler._optimize_charset = optimize
    try:
        return list(_compiler._code(_parser.parse(source, flags), flags))
    finally:
        _compiler._optimize_charset = saved


@pytest.mark.parametrize("flags", [0, re.ASCII, re.IGNORECASE, re.IGNORECASE | re.ASCII])
@pytest.mark.parametrize("source", SHAPES)
def test_a_class_compiles_as_re_compiles_it(source: str, flags: int) -> None:
    if flags & re.ASCII and not source.isascii():
        flags &= ~re.ASCII  # an ASCII pattern of non-ASCII characters is still a str pattern: both ways alike
    assert _code(source, flags, charsets.optimize_charset) == _code(source, flags, charsets._ORIGINAL)
    assert _code(source, flags, charsets.optimize_charset) == _code(source, flags, charsets._ORIGINAL)  # kept once


def test_every_pattern_reportgen_keeps_compiles_to_the_same_code() -> None:
    for name in MODULES:
        if not name.startswith("reportgen.desk"):
            importlib.import_module(name)
    patterns = kept()
    assert len(patterns) > 400
    different = [pattern.pattern for pattern in patterns
                 if _code(pattern.pattern, pattern.flags & ~re.UNICODE, charsets.optimize_charset)
                 != _code(pattern.pattern, pattern.flags & ~re.UNICODE, charsets._ORIGINAL)]
    assert different == []


def test_reportgen_compiles_with_it() -> None:
    import reportgen  # noqa: F401  (installs it)

    assert _compiler._optimize_charset is charsets.optimize_charset
    assert re.compile(r"[\u4e00-\u9fff]{2}").fullmatch("预算") and not re.compile(r"[\u4e00-\u9fff]").match("a")
