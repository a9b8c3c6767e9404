"""Reading a user's files safely, and never writing over them.

Every file reportgen reads on a user's behalf (a source, its prior-year source, the unit files it
包含, a DOCX given to ``diff``, a template) goes through :func:`read_bounded`: it must be a regular
file (a FIFO would block for ever, ``/dev/zero`` never ends) and is read with a size bound. Every
command that writes checks its outputs with :func:`overwritten_inputs` before doing any work.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable
from pathlib import Path

from reportgen.base.errors import Internal
from reportgen.base.oserrors import reason


class InputRefused(Internal):
    """A file that must not be read: not a regular file, unreadable, or over the size bound.
    ``message`` is Chinese and names no content of the file."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def read_bounded(path: Path, limit: int, what: str = "文件") -> bytes:
    """The bytes of ``path``, which must be a regular file of at most ``limit`` bytes.

    The file is opened without blocking (a FIFO or a device opens at once and is refused after an
    fstat of the open descriptor, so a file swapped between a check and the open is caught too) and
    at most ``limit + 1`` bytes are ever read."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    except FileNotFoundError:
        raise InputRefused("文件不存在") from None
    except IsADirectoryError:
        raise InputRefused(f"这是一个文件夹，应为{what.strip()}") from None
    except OSError as exc:
        raise InputRefused(f"无法读取：{reason(exc)}") from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise InputRefused(f"这是一个文件夹，应为{what.strip()}")
        if not stat.S_ISREG(info.st_mode):
            raise InputRefused(f"不是普通文件（{_kind(info.st_mode)}），应为{what.strip()}")
        if info.st_size > limit:
            raise InputRefused(f"文件过大（{_size(info.st_size)}），{what}应小于 {_size(limit)}")
        data = _read_at_most(fd, limit + 1)
        if len(data) > limit:  # it grew while being read
            raise InputRefused(f"文件过大（超过 {_size(limit)}），{what}应小于 {_size(limit)}")
        return data
    finally:
        os.close(fd)


def linked_outside(path: Path | str, folder: Path | str) -> str | None:
    """Where ``path`` leads when a link takes it out of ``folder`` (the folder's own links followed first, so a
    folder that is itself a link is whole); None when it stays within. A layout or template folder is the
    officer's: a file of it that is a link to /etc/passwd or to another folder's file is not read as its own."""
    real = os.path.realpath(path)
    root = os.path.realpath(folder)
    return None if real == root or real.startswith(root.rstrip(os.sep) + os.sep) else real


def _read_at_most(fd: int, most: int) -> bytes:
    """At most ``most`` bytes of the open file ``fd``, read in pieces of a megabyte."""
    chunks = []
    remaining = most
    while remaining > 0:
        try:
            chunk = os.read(fd, min(remaining, 1 << 20))
        except OSError as exc:
            raise InputRefused(f"无法读取：{reason(exc)}") from None
        if not chunk:
            break
        chunks.append(chunk)
        remaining -= len(chunk)
    return b"".join(chunks)


def is_regular_file(path: Path) -> bool:
    """True for an existing regular file (following links); never opens it."""
    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except (OSError, ValueError):
        return False


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "命名管道"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "设备文件"
    if stat.S_ISSOCK(mode):
        return "套接字"
    return "特殊文件"


def _size(n: int) -> str:
    if n >= 1024 * 1024:
        return f"{n / (1024 * 1024):.0f} MB"
    return f"{max(1, n // 1024)} KB"


def resolved(path: Path) -> Path:
    """The absolute path with every link followed, as far as they lead: a link loop (which
    Path.resolve raises on) resolves to where the loop starts, and the read reports it."""
    return Path(os.path.realpath(path))


def identity(path: Path) -> tuple[int, int] | str:
    """What makes two names one file: (device, inode) when it exists, else its resolved path."""
    try:
        info = os.stat(path)
        return (info.st_dev, info.st_ino)
    except (OSError, ValueError):
        return str(resolved(path))


def overwritten_inputs(outputs: Iterable[Path], inputs: Iterable[Path]) -> list[tuple[Path, Path]]:
    """Each (output, input) pair where writing ``output`` would replace ``input`` (the same file
    under another name, a link, or the same path): a command refuses these before any work."""
    known: dict[tuple[int, int] | str, Path] = {}
    for path in inputs:
        known.setdefault(identity(path), path)
        known.setdefault(str(resolved(path)), path)
    clashes = []
    for out in outputs:
        hit = known.get(identity(out)) or known.get(str(resolved(out)))
        if hit is not None:
            clashes.append((out, hit))
    return clashes


def clash_message(out: Path, source: Path) -> str:
    """Why ``out`` is not written: it is the input ``source``."""
    return f"不能写入 {out}：它就是本次读取的输入文件 {source}，写出会覆盖它；请用 -o 另选输出位置，或给源文件改名"
