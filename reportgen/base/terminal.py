"""What reaches the user's terminal: every line a command prints, as text.

A command prints what its inputs say — a roster's names, a draft's lines, a file's name — inside its
messages. Written raw, an ESC sequence recolours or clears the terminal, a CR overwrites the line
before it, a BEL rings and a bidi override reorders what follows; a file name whose bytes are not
UTF-8 (a Windows zip unpacked here) cannot be written at all. While a command runs, standard output and
standard error are wrapped so that each such character is written [U+XXXX] and such a name is read as
the GBK it is (errors.visible_text). The progress line is reportgen's own: it writes ``raw``.
"""

from __future__ import annotations

import contextlib
import io
import sys
from collections.abc import Iterator
from typing import TextIO

from reportgen.base.errors import visible_text


class VisibleStream(io.TextIOBase):
    """A text stream that writes what it is given as text (see the module's docstring)."""

    def __init__(self, stream: TextIO) -> None:
        super().__init__()
        self.stream = stream

    def write(self, text: str) -> int:
        self.stream.write(visible_text(text))
        return len(text)

    def raw(self, text: str) -> None:
        """reportgen's own control sequences (the progress line's CR and erase), as they are."""
        self.stream.write(text)

    def flush(self) -> None:
        self.stream.flush()

    def isatty(self) -> bool:
        return self.stream.isatty()

    def fileno(self) -> int:
        return self.stream.fileno()

    def writable(self) -> bool:
        return True

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return getattr(self.stream, "encoding", "utf-8")


@contextlib.contextmanager
def visible_streams() -> Iterator[None]:
    """Inside, sys.stdout and sys.stderr write as text; the streams they were are restored after."""
    out, err = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = VisibleStream(out), VisibleStream(err)
    try:
        yield
    finally:
        sys.stdout, sys.stderr = out, err


def write_raw(stream: TextIO, text: str) -> None:
    """``text`` to ``stream`` as it is (a VisibleStream's ``raw``), for reportgen's own sequences."""
    raw = getattr(stream, "raw", None)
    if callable(raw):
        raw(text)
    else:
        stream.write(text)
