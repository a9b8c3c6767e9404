"""Findings, and the one base of every exception reportgen raises.

Every problem a user sees is a Finding: where (file, line, column), which field (a path into the
source), what rule, and a Chinese message saying what is expected.

Every exception class of reportgen derives from :class:`ReportgenError`, which carries what a user
is told of it — its Chinese ``message``, where (``file``, ``line``), the lines printed before it
(``details``) — and the command's ``exit_code``. commands/base.py alone turns one into a message on
stderr and that exit code. A class whose ``exit_code`` is None is reportgen's own business: the
code that raises it catches it and words what it means there (an input refused, a cache entry of
another shape, a parser stopped early); one that reaches a command all the same is an internal error.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import ClassVar, Literal

from reportgen.base.patterns import regex
from reportgen.base.records import FrozenRecord

Severity = Literal["error", "warning"]


@dataclass(frozen=True, repr=False, eq=False)
class Finding(FrozenRecord):
    """A problem found: where, which field, which rule, and what is expected (in Chinese)."""

    severity: Severity
    rule: str
    message: str
    file: str = ""
    line: int = 0
    column: int = 0
    path: str = ""

    def location(self) -> str:
        where = one_line(self.file) or "<源文件>"
        if self.line:
            where += f":{self.line}"
            if self.column:
                where += f":{self.column}"
        return where

    def format(self) -> str:
        label = "错误" if self.severity == "error" else "警告"
        field_part = f"（字段 {self.path}）" if self.path else ""
        return f"{self.location()}: {label} [{self.rule}] {self.message}{field_part}"

    def as_dict(self) -> dict[str, object]:
        return {
            "severity": self.severity,
            "rule": self.rule,
            "message": self.message,
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "path": self.path,
        }


class ReportgenError(Exception):
    """The base of every exception reportgen raises. ``message``: what is wrong and what is expected
    (Chinese); ``file`` and ``line``: where, when the message does not say it itself (a template's
    fault); ``details``: lines printed before the message (a source's findings); ``exit_code``: the
    command's exit code when one reaches it (None: caught where it is raised — see the module's text)."""

    exit_code: ClassVar[int | None] = 1
    # class-level defaults: a subclass with its own __init__ (a dataclass, a control-flow signal) has them too
    message: str = ""
    file: str = ""
    line: int = 0
    details: tuple[str, ...] | list[str] = ()

    def __init__(self, message: str = "", *, file: str = "", line: int = 0, details: list[str] | None = None) -> None:
        super().__init__(*((message,) if message else ()))
        self.message = message
        self.file = file
        self.line = line
        self.details = details or []

    def told(self) -> tuple[list[str], str]:
        """What a user is told: the lines printed before the message, and the message (where it
        stands first, when it is known)."""
        message = self.message or "源文件有错误，未能完成"
        if self.file:
            name = one_line(self.file)
            message = f"{name}:{self.line}: {message}" if self.line else f"{name}: {message}"
        return [str(line) for line in self.details], message


class Internal(ReportgenError):
    """An exception reportgen raises and catches itself (a parser stopped early, a value of another
    shape): never told to a user as it is."""

    exit_code: ClassVar[int | None] = None


class PdfUnavailable(ReportgenError):
    """LibreOffice is missing or failed to print a PDF: the message says what to do (Chinese).
    Here, not in writers/pdf.py, so that catching it costs a render nothing to import."""


class OutputTooLarge(ReportgenError):
    """What the document says does not fit a format's own limits (a text over the 32,767 characters
    an Excel cell holds): that format cannot be written; the message says where and what to do."""


class EnvironmentValueError(ReportgenError):
    """An environment variable reportgen reads (SOURCE_DATE_EPOCH) holds a value it cannot use:
    the message names the variable and what is expected (Chinese). Raised before any output is
    written; a command reports it as it does a bad argument (exit 2)."""

    exit_code: ClassVar[int | None] = 2


@dataclass
class SourceError(ReportgenError):
    """Raised when a source cannot be read into a Budget at all; holds every finding found (told
    before the message)."""

    findings: list[Finding] = field(default_factory=list)

    def __str__(self) -> str:
        return "\n".join(f.format() for f in self.findings)

    def told(self) -> tuple[list[str], str]:
        return [finding.format() for finding in self.findings], self.message or "源文件有错误，未能完成"


# Characters a message never prints as they are: controls, format characters (zero-width, bidi),
# surrogates, private use, unassigned, and the line and paragraph separators.
_HIDDEN = frozenset({"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"})


_KEPT = frozenset("\n\t")  # what a page, a notice or a terminal line may hold as it is
# a run of a file name's undecodable bytes (os.fsdecode's surrogate escapes), with the characters
# among them that a GBK byte pair also spells in UTF-8 (预 D4A4 reads as Ԥ: U+0080–U+07FF)
_ESCAPED_RUN = regex("[\udc80-\udcff\u0080-\u07ff]*[\udc80-\udcff][\udc80-\udcff\u0080-\u07ff]*")


def visible_text(text: str) -> str:
    """``text`` (from any input: a roster's names, a draft's lines, a file's name) as a terminal, a page
    or a hand-back shows it: a control, bidi or other invisible character written [U+XXXX] (tabs and
    line breaks kept), and a file name's undecodable bytes (a Windows zip unpacked here: GBK) read as
    the GBK they are, else each written [U+DCxx] — so nothing raw reaches a terminal or a page, and
    a name that cannot be encoded never stops a command."""
    if text.isprintable():
        return text
    # each distinct character judged once (a review's JSON is a megabyte of a few thousand characters)
    chars = set(text)
    if any("\udc80" <= char <= "\udcff" for char in chars):
        text = _ESCAPED_RUN.sub(_gbk, text)
        chars = set(text)
    hidden = {ord(char): f"[U+{ord(char):04X}]" for char in chars
              if char not in _KEPT and unicodedata.category(char) in _HIDDEN}
    return text.translate(hidden) if hidden else text


# what breaks a line or a column where a terminal, a log or a program reading lines shows it
_BREAKS = frozenset("\n\r\t\v\f\x1c\x1d\x1e\x85\u2028\u2029")


def one_line(name: str) -> str:
    """A file's name as a line of text output shows it: a line break or a tab in it (a name may hold any character
    but / and NUL) written [U+XXXX], so that the name stays on the line that tells of it; the rest as
    :func:`visible_text` writes it."""
    if not any(char in _BREAKS for char in name):
        return name
    return "".join(f"[U+{ord(char):04X}]" if char in _BREAKS else char for char in name)


def _gbk(run: re.Match[str]) -> str:
    raw = run.group().encode("utf-8", "surrogateescape")
    try:
        return raw.decode("gb18030")
    except UnicodeDecodeError:
        return "".join(f"[U+{ord(c):04X}]" if "\udc80" <= c <= "\udcff" else c for c in run.group())


def shown_text(text: object, limit: int = 40) -> str:
    """What a user's file or argument says, as a message may quote it: every character that would
    not print as itself written as [U+XXXX], and at most ``limit`` characters (then …)."""
    out: list[str] = []
    size = 0
    for char in str(text)[: limit + 1]:
        piece = f"[U+{ord(char):04X}]" if unicodedata.category(char) in _HIDDEN else char
        if size + len(piece) > limit:
            out.append("…")
            break
        out.append(piece)
        size += len(piece)
    return "".join(out)


UPLOAD_NAME_LIMIT = 120  # characters of an uploaded file's name as shown (a long Chinese title fits)
_SEPARATORS = regex(r"[/\\]")
_ENDS = regex(r"^[\s.]+|[\s.]+$")  # dots and any spaces (a no-break one too) that begin or end a name


def upload_name(given: str, limit: int = UPLOAD_NAME_LIMIT) -> str:
    """The name a user's upload was sent with, as a page or a message may show it — never as a path:
    its last part after any / or \\ (a browser may send C:\\fakepath\\x.pdf; "../../etc/passwd" is
    "passwd"), without the dots and spaces that begin or end it (so never "." or ".." and never hidden),
    every control, bidi or other invisible character written [U+XXXX] (shown_text), and at most
    ``limit`` characters, the extension kept when it is cut (…). A name left empty is "（未命名）"."""
    last = _ENDS.sub("", _SEPARATORS.split(given)[-1])
    if not last:
        return "（未命名）"
    pieces = [f"[U+{ord(char):04X}]" if unicodedata.category(char) in _HIDDEN else char for char in last]
    if sum(map(len, pieces)) <= limit:
        return "".join(pieces)
    stem, dot, suffix = last.rpartition(".")
    kept = "".join(pieces[len(stem):]) if dot and stem and len(suffix) <= 16 else ""  # ".pdf", shown
    kept = kept if len(kept) <= limit // 4 else ""
    return _cut(pieces, kept, limit)


def _cut(pieces: list[str], kept: str, limit: int) -> str:
    """A name's pieces (a character, or a hidden one written [U+XXXX]) as many as fit ``limit`` characters with "…"
    and the ``kept`` extension after them."""
    out, size = [], len(kept) + 1
    for piece in pieces[: len(pieces) - len(kept) if kept else len(pieces)]:
        if size + len(piece) > limit:
            break
        out.append(piece)
        size += len(piece)
    return "".join(out) + "…" + kept
