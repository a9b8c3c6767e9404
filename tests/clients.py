"""Helpers for tests that drive real clients (LibreOffice, poppler, Chromium)."""

from __future__ import annotations

import os
import shutil
from typing import NoReturn

import pytest


def require_program(name: str) -> str:
    """The path of program ``name``; skip the test without it locally, fail it on CI.

    On CI a missing client means the environment is broken, and a silent skip would let the
    real-client checks stop running without anyone noticing.
    """
    path = shutil.which(name)
    if path:
        return path
    unavailable(f"real-client test needs `{name}` on PATH")


def unavailable(reason: str) -> NoReturn:
    """Skip the test for ``reason`` (a client it drives is missing) locally; fail it on CI, where a
    missing client means the environment is broken (see require_program)."""
    if os.environ.get("CI") == "true":
        pytest.fail(f"{reason} (CI=true: not skipping)")
    pytest.skip(reason)


def require_ocr() -> None:
    """poppler's programs and tesseract with its chi_sim model (readers/pdf_ocr.py): skipped without them
    locally, failed on CI."""
    from reportgen.readers import pdf_ocr

    for program in ("pdftotext", "pdftoppm", "pdfimages"):
        require_program(program)
    missing = pdf_ocr.missing()
    if missing:
        unavailable(f"OCR test needs tesseract with its chi_sim model: {missing}")
