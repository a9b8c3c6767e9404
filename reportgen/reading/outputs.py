"""The one guard every output path of every command passes before any work is done.

A command names each file it will write, with the option the user named it by and what may stand
there already, and :func:`refused_outputs` answers with a Chinese line per file it must not write:

- an output that is one of the command's inputs (the same path, another name of it, a link to it);
- two outputs that are one file (``-o x.yaml --report ./x.yaml``: one would replace the other);
- an output where a folder, a pipe or a device stands;
- an output that exists where the file may not be replaced: a source (``-o``, ``--prior``'s file,
  ``rollover``, ``new``) is never written over; a page (``--report``, ``review -o``) only where the
  file there is a page reportgen wrote (its ``<meta name="generator" content="reportgen …">``), so a
  user's own ``page.html`` is never lost; a rendered document (``render``, ``diff -o``) is the
  command's own output, named after its source, and is replaced.

Writing itself is atomic.write_atomically or atomic.replace_together: whole or not at all.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from reportgen.reading.files import clash_message, identity, overwritten_inputs
from reportgen.records import FrozenRecord

Replace = Literal["never", "page", "always"]
_PAGE_MARK = b'<meta name="generator" content="reportgen'
# review -o's annotated copy of a PDF says so in its catalogue, the first object written (review/annotated.py)
PDF_MARK = b"/ReportgenReview (reportgen review)"
_HEAD_BYTES = 4096  # a page's generator line stands in its <head>, in the first few hundred bytes


@dataclass(frozen=True, repr=False, eq=False)
class Output(FrozenRecord):
    path: Path
    option: str  # how the user named it: "-o", "--report", "--prior 导入的上年源文件" …
    replace: Replace = "page"


def refused_outputs(outputs: Iterable[Output], inputs: Iterable[Path]) -> list[tuple[Path, str]]:
    """(output, Chinese message) for each output that must not be written (see the module); [] when
    every one may be. Nothing is opened for writing here."""
    outputs = list(outputs)
    refused = [(out, clash_message(out, given)) for out, given in overwritten_inputs([o.path for o in outputs], inputs)]
    seen: dict[object, Output] = {}
    for output in outputs:
        key = identity(output.path)
        first = seen.setdefault(key, output)
        if first is not output:
            twice = f"{output.option} 给了两次同一个文件" if first.option == output.option else \
                f"{output.option} 与 {first.option} 指向同一个文件 {first.path}"
            refused.append((output.path, f"不能写入 {output.path}：{twice}，写出一个会覆盖另一个；请另选文件名"))
        problem = _standing(output)
        if problem:
            refused.append((output.path, f"不能写入 {output.path}（{output.option}）：{problem}"))
    return list(dict.fromkeys(refused))


def _standing(output: Output) -> str:
    """What stands at ``output``'s path that it must not replace, or ""."""
    try:
        info = os.stat(output.path)
    except FileNotFoundError:
        if os.path.islink(output.path):
            return "它是指向不存在位置的符号链接，不会跟随它写出"
        blocker = file_above(output.path)
        return f"无法写入：{blocker} 不是文件夹，而是文件；请另选输出位置" if blocker is not None else ""
    except NotADirectoryError:
        return f"无法写入：{file_above(output.path)} 不是文件夹，而是文件；请另选输出位置"
    except (OSError, ValueError):
        return ""  # an unreachable folder: the write itself fails and says so
    if stat.S_ISDIR(info.st_mode):
        return "这是一个文件夹，应为文件名"
    if not stat.S_ISREG(info.st_mode):
        return "这里是一个特殊文件（命名管道、设备或套接字），不是普通文件"
    if output.replace == "never":
        return "文件已存在，不会覆盖；请另选文件名，或先移走它"
    if output.replace == "page" and not is_own_page(output.path):
        return "文件已存在，且不是 reportgen 写出的页面，不会覆盖；请另选文件名，或先移走它"
    return ""


def file_above(path: Path) -> Path | None:
    """The nearest existing path above ``path`` where it is not a folder (a file where the output's
    folder should be), found now rather than as an OSError after all the work."""
    for parent in path.parents:
        if parent.is_symlink() or parent.exists():
            return None if parent.is_dir() else parent
    return None


def is_own_page(path: Path) -> bool:
    """Whether ``path`` is an HTML page reportgen wrote (its generator line in its head), an
    annotated copy of a PDF that review wrote (PDF_MARK in its catalogue), or a DOCX or XLSX it wrote
    that nobody has saved since (_own_office_file)."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        return False
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return False
        head = os.read(fd, _HEAD_BYTES)
        if head.startswith(b"PK"):
            return _own_office_file(path)
        return _PAGE_MARK in head or (head.startswith(b"%PDF-") and PDF_MARK in head)
    except OSError:
        return False
    finally:
        os.close(fd)


_CORE = "docProps/core.xml"
_CORE_BYTES = 64 * 1024
_OURS = b"<cp:lastModifiedBy>reportgen</cp:lastModifiedBy>"


def _own_office_file(path: Path) -> bool:
    """A DOCX or XLSX reportgen wrote and no one has saved since: its core properties still say it
    was last modified by reportgen (Word, Excel and LibreOffice put their user there on saving, so a
    notice a reviewer has signed and saved is never written over)."""
    import zipfile  # deferred: 4 ms (with shutil, threading, bz2, lzma), for a clashing office file only

    try:
        with zipfile.ZipFile(path) as package:
            info = package.getinfo(_CORE)
            if info.file_size > _CORE_BYTES:
                return False
            with package.open(info) as core:
                return _OURS in core.read(_CORE_BYTES + 1)
    except (OSError, KeyError, zipfile.BadZipFile, ValueError, RuntimeError, NotImplementedError, EOFError):
        return False
