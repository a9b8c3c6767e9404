"""The user's cache folder (~/.cache/reportgen) and data kept there between processes.

Each `reportgen render` is a new process: whatever it would build the same way every time (the
parsed schema and code registries, the shipped layouts, the DOCX base package, the compiled
templates) is built once and read back after. A key of everything the data is made from (its
files, and the code that makes it) names each entry, so a change to either is a new entry, never a
stale one. A cache that cannot be used costs a build, nothing more; the folder may be removed at
any time.

What is read back is data, never code to run: each kind of entry has a :class:`Form` that writes
its value as bytes (JSON for the schema, the registries and the layouts; JSON and the raw package
for the DOCX base) and reads them back checking every field, and an entry is used only when

* the folder is one only this user can write: ``reportgen`` is a real directory (not a link)
  owned by this user with no group or other write permission, and every folder above it is this
  user's or root's, writable by no one else unless sticky (/tmp), reached through no link of
  another user's (:func:`cache_folder`); otherwise nothing is read or written there at all;
* the entry is a regular file (opened with O_NOFOLLOW and O_NONBLOCK, so a link, a FIFO or a
  device is refused before a byte is read) owned by this user, of at most ENTRY_LIMIT bytes;
* it starts with this format's header and a SHA-256 digest of its kind, key, form version and
  content that matches (a torn, corrupted or foreign file is a miss);
* its form reads it without complaint: any other shape or type is a miss.

A miss builds the value anew and writes it as a new entry: to a fresh temporary name in the folder
(O_CREAT|O_EXCL|O_NOFOLLOW: never through a link) renamed over the entry's name (which replaces a
link planted there rather than writing where it points). All of it is relative to the folder's
open descriptor, checked once, so a folder swapped after the check is not written into.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import stat
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic, TypeVar

from reportgen.base.errors import Internal
from reportgen.base.patterns import regex
from reportgen.base.records import FrozenRecord

T = TypeVar("T")

ENTRY_LIMIT = 32 * 1024 * 1024  # bytes of one entry: the largest, the DOCX base, is about 80 KB
_HEADER = b"reportgen-cache 2\n"  # then the digest (64 hex digits), a newline and the form's bytes
_SUFFIX = ".cache"
_LEGACY_SUFFIX = ".pickle"  # entries of earlier versions: never read, pruned like the others


@dataclass(frozen=True, repr=False, eq=False)
class Form(FrozenRecord, Generic[T]):
    """How one kind of entry is written and read: ``dump`` gives the bytes of a value, ``load``
    the value of such bytes and raises (anything) for bytes that are not exactly what ``dump``
    writes. ``version`` names the form: a change to it is a miss, never a misread entry."""

    dump: Callable[[T], bytes]
    load: Callable[[bytes], T]
    version: str = "1"


def _same(value: Any) -> Any:
    return value


def json_form(to_data: Callable[[T], Any] = _same, from_data: Callable[[Any], T] = _same,
              version: str = "1") -> Form[T]:
    """A Form writing ``to_data(value)`` as JSON; ``from_data`` turns the JSON back into a value
    and raises for anything of another shape."""

    def dump(value: T) -> bytes:
        return json.dumps(to_data(value), ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode("utf-8")

    def load(data: bytes) -> T:
        return from_data(json.loads(data))

    return Form(dump, load, f"json-{version}")


JSON: Form[Any] = json_form()  # plain JSON values (kept only when they read back equal)
BYTES: Form[bytes] = Form(bytes, bytes, "bytes-1")


class Shape(Internal, ValueError):
    """An entry that reads as data but not as the data its kind holds: a miss."""


# -- the folder ----------------------------------------------------------------------------------


def _base() -> Path | None:
    """$XDG_CACHE_HOME when it is absolute (the XDG rule: a relative one is ignored), else ~/.cache."""
    configured = os.environ.get("XDG_CACHE_HOME", "")
    if configured and os.path.isabs(configured):
        return Path(configured)
    home = os.path.expanduser("~")
    return Path(home, ".cache") if os.path.isabs(home) else None


_lock = threading.Lock()
_opened: tuple[tuple[str, int], int] | None = None  # ((folder, uid), its open descriptor)


def cache_folder() -> Path | None:
    """$XDG_CACHE_HOME/reportgen (~/.cache/reportgen) when it is the user's own and only the user
    can write it (see the module's docstring); None otherwise, or where there is none. Made
    (mode 0700) when missing."""
    found = _folder()
    return None if found is None else found[0]


def _folder() -> tuple[Path, int] | None:
    """The verified folder and an open descriptor of it (kept for the process: checked once per
    folder, and its owner and mode again at every use)."""
    global _opened
    base = _base()
    if base is None:
        return None
    folder = base / "reportgen"
    uid = os.geteuid()
    wanted = (str(folder), uid)
    with _lock:
        if _opened is not None:
            key, fd = _opened
            try:
                if key == wanted and _private(os.fstat(fd), uid):
                    return folder, fd
            except OSError:
                pass
            _opened = None
            with contextlib.suppress(OSError):
                os.close(fd)
        fd_or_none = _open_verified(folder, uid)
        if fd_or_none is None:
            return None
        _opened = (wanted, fd_or_none)
        return folder, fd_or_none


def _private(info: os.stat_result, uid: int) -> bool:
    """A directory of ``uid``'s that no one else can write (and that still exists)."""
    return (stat.S_ISDIR(info.st_mode) and info.st_uid == uid and not info.st_mode & 0o022
            and info.st_nlink > 0)


def _trusted_dir(info: os.stat_result, uid: int) -> bool:
    """A folder above the cache: the user's or root's, writable by no one else unless sticky."""
    return (stat.S_ISDIR(info.st_mode) and info.st_uid in (0, uid)
            and (not info.st_mode & 0o022 or bool(info.st_mode & stat.S_ISVTX)))


def _open_verified(folder: Path, uid: int) -> int | None:
    try:
        if not _walk(folder, uid) or not _walk(Path(os.path.realpath(folder)), uid, make=False):
            return None
        fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | os.O_CLOEXEC)
    except (OSError, ValueError):  # ValueError: a NUL in $XDG_CACHE_HOME
        return None
    try:
        if _private(os.fstat(fd), uid):
            return fd
    except OSError:
        pass
    os.close(fd)
    return None


def _walk(folder: Path, uid: int, make: bool = True) -> bool:
    """Every folder from the root down to ``folder``'s parent is trusted (:func:`_trusted_dir`),
    and a link among them is the user's or root's; ``folder`` itself is not a link. With
    ``make``, a missing folder is made (0700) once the one above it has been found trusted."""
    current = Path(folder.anchor)
    parts = folder.parts[1:]
    for depth, part in enumerate(parts):
        current = current / part
        last = depth == len(parts) - 1
        try:
            info = os.lstat(current)
        except FileNotFoundError:
            if not make:
                return False
            with contextlib.suppress(FileExistsError):
                os.mkdir(current, 0o700)
            info = os.lstat(current)
        if stat.S_ISLNK(info.st_mode):
            if last or info.st_uid not in (0, uid):
                return False
            info = os.stat(current)
        if not last and not _trusted_dir(info, uid):
            return False
    return True


# -- entries -------------------------------------------------------------------------------------


def key_of(*parts: bytes) -> str:
    return hashlib.sha256(b"\0".join(parts)).hexdigest()[:20]


def _digest(name: str, key: str, form: Form[Any], payload: bytes) -> bytes:
    terms = b"\0".join((_HEADER, name.encode("utf-8"), key.encode("ascii"), form.version.encode("utf-8"), b""))
    return hashlib.sha256(terms + payload).hexdigest().encode("ascii")


def fetch(name: str, key: str, form: Form[T]) -> T | None:
    """The value kept as ``name``-``key`` in ``form``, or None (a miss) for anything else."""
    found = _folder()
    if found is None:
        return None
    value = _fetch(found[1], name, key, form)
    return None if value is _MISS else value


_MISS: Any = object()


def _fetch(folder: int, name: str, key: str, form: Form[T]) -> T:
    """The value, or _MISS."""
    data = _read(folder, f"{name}-{key}{_SUFFIX}")
    if data is None or not data.startswith(_HEADER):
        return _MISS
    start = len(_HEADER) + 65
    if data[start - 1:start] != b"\n" or data[len(_HEADER):start - 1] != _digest(name, key, form, data[start:]):
        return _MISS
    try:
        return form.load(data[start:])
    except Exception:  # any other shape: a miss
        return _MISS


def store(name: str, key: str, value: T, form: Form[T]) -> None:
    """Keep ``value`` as ``name``-``key`` in ``form`` (nothing when the folder cannot be used)."""
    found = _folder()
    if found is not None:
        _store(found[1], name, key, value, form)


def _store(folder: int, name: str, key: str, value: T, form: Form[T]) -> None:
    try:
        payload = form.dump(value)
        if len(payload) > ENTRY_LIMIT - 100 or form.load(payload) != value:
            return  # a value its form cannot give back as it is: never kept
    except Exception:
        return
    entry = f"{name}-{key}{_SUFFIX}"
    with contextlib.suppress(OSError):
        _write(folder, entry, _HEADER + _digest(name, key, form, payload) + b"\n" + payload)
    if time.time() - _PRUNED.get(name, -_DAY) >= _DAY:  # once a day in a process: the folder holds thousands
        _PRUNED[name] = time.time()
        if _due(folder, name):  # and once a day over all processes (its stamp)
            _prune(folder, name, entry)


def kept(name: str, made_from: list[Path], build: Callable[[], T], form: Form[T] = JSON) -> T:
    """``build()``, or what an earlier process built from the same files (``made_from``: the data's
    files and the module that builds it), kept in ``form`` in the user's own cache folder."""
    found = _folder()
    if found is None:
        return build()
    try:
        key = key_of(*(path.read_bytes() for path in made_from))
    except OSError:
        return build()
    value = _fetch(found[1], name, key, form)
    if value is not _MISS:
        return value
    value = build()
    _store(found[1], name, key, value, form)
    return value


def _read(folder: int, entry: str) -> bytes | None:
    """The bytes of ``entry`` when it is a regular file of the user's of at most ENTRY_LIMIT bytes;
    dated as used."""
    try:
        fd = os.open(entry, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_NOCTTY | os.O_CLOEXEC, dir_fd=folder)
    except OSError:
        return None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or info.st_uid != os.geteuid() or info.st_size > ENTRY_LIMIT:
            return None
        chunks = []
        remaining = ENTRY_LIMIT + 1
        while remaining > 0:
            chunk = os.read(fd, min(remaining, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            remaining -= len(chunk)
        if remaining <= 0:  # it grew past the bound while being read
            return None
        _mark_used(fd, info)
        return b"".join(chunks)
    except OSError:
        return None
    finally:
        os.close(fd)


def _write(folder: int, entry: str, data: bytes) -> None:
    """``data`` as ``entry``, whole or not at all: a temporary file of the user's alone, made new
    (never through a link), renamed over the entry (a link there is replaced, not followed)."""
    temporary = f".{entry}.{os.getpid()}.{os.urandom(4).hex()}.tmp"
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC, 0o600,
                 dir_fd=folder)
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
        os.replace(temporary, entry, src_dir_fd=folder, dst_dir_fd=folder)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary, dir_fd=folder)
        raise


# An entry no process has used for this long was made by code or data that has since changed (an
# upgrade, an edited code table): removed when a new entry of its kind is written (the first such write of a day
# in a process).
UNUSED_DAYS = 30
_DAY = 86400


def _mark_used(fd: int, info: os.stat_result) -> None:
    """Date an entry that is still used, at most once a day (its modification time: a file
    system mounted noatime keeps no access times)."""
    with contextlib.suppress(OSError):
        now = time.time()
        if now - info.st_mtime > _DAY:
            os.utime(fd, (now, now))


# when this process last pruned each kind (a walk of the whole folder: once a day is enough for entries unused
# for a month, and a process that writes many entries — a desk's worker, a review of a folder of new PDFs — walked
# the folder's thousands of entries at each)
_PRUNED: dict[str, float] = {}
_ENTRY = regex(r"[0-9a-f]{20}(\.cache|\.pickle)")
_TEMPORARY = regex(r"\.(.+)\.[0-9]+\.[0-9a-f]{8}\.tmp")


def _stamp(name: str) -> str:
    """The file whose time is when the entries of ``name`` were last pruned (by any process): a name no entry
    or temporary file has, never pruned itself."""
    return f".pruned-{name}"


def _due(folder: int, name: str) -> bool:
    """Whether the entries of ``name`` are due a pruning — their stamp (a regular file of the user's) dated more
    than a day ago, or none — and if so, the stamp dated now: a review of a folder of new PDFs is a process that
    writes entries of several kinds, and each walked the folder's thousands of entries once a kind."""
    stamp = _stamp(name)
    with contextlib.suppress(OSError):
        info = os.stat(stamp, dir_fd=folder, follow_symlinks=False)
        if stat.S_ISREG(info.st_mode) and info.st_uid == os.geteuid() and time.time() - info.st_mtime < _DAY:
            return False
    with contextlib.suppress(OSError):
        fd = os.open(stamp, os.O_WRONLY | os.O_CREAT | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC, 0o600,
                     dir_fd=folder)
        try:
            os.utime(fd)
        finally:
            os.close(fd)
    return True


def _prune(folder: int, name: str, keep: str) -> None:
    """Remove the entries of ``name`` (only names this module writes: this version's and earlier
    versions' pickles) unused for UNUSED_DAYS, and temporary files of ``name`` a killed process
    left more than a day ago. Only regular files: a link is never followed nor removed."""
    now = time.time()
    prefix = f"{name}-"
    with contextlib.suppress(OSError), os.scandir(folder) as listing:
        for item in listing:
            temporary = _TEMPORARY.fullmatch(item.name)
            own = temporary.group(1) if temporary else item.name
            if item.name == keep or not own.startswith(prefix) or not _ENTRY.fullmatch(own[len(prefix):]):
                continue
            with contextlib.suppress(OSError):
                info = item.stat(follow_symlinks=False)
                age = now - info.st_mtime
                if stat.S_ISREG(info.st_mode) and age > (_DAY if temporary else UNUSED_DAYS * _DAY):
                    os.unlink(item.name, dir_fd=folder)


READY = True  # the module is imported whole (reportgen/base/compiled_methods.py uses it from then on)
