"""The user's cache folder (~/.cache/reportgen) and data kept there between processes.

Each `reportgen render` is a new process: whatever it would build the same way every time (the
parsed schema and code registries, the DOCX base package) is built once and read back after. A key
of everything the data is made from (its files, and the code that makes it) names each entry, so
a change to either is a new entry, never a stale one. A cache that cannot be used costs a build,
nothing more; the folder may be removed at any time.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import re
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from reportgen.atomic import write_atomically

T = TypeVar("T")


def cache_folder() -> Path | None:
    """$XDG_CACHE_HOME/reportgen (~/.cache/reportgen), the user's own; None where there is none."""
    base = os.environ.get("XDG_CACHE_HOME") or (os.path.join(os.path.expanduser("~"), ".cache")
                                                 if os.path.expanduser("~") != "~" else "")
    if not base:
        return None
    folder = Path(base) / "reportgen"
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    except OSError:
        return None
    return folder


def key_of(*parts: bytes) -> str:
    return hashlib.sha256(b"\0".join(parts)).hexdigest()[:20]


def kept(name: str, made_from: list[Path], build: Callable[[], T]) -> T:
    """``build()``, or what an earlier process built from the same files (``made_from``: the data's
    files and the module that builds it). Pickled in the user's own cache folder."""
    folder = cache_folder()
    if folder is None:
        return build()
    try:
        key = key_of(*(path.read_bytes() for path in made_from))
    except OSError:
        return build()
    entry = folder / f"{name}-{key}.pickle"
    with contextlib.suppress(Exception):  # missing, unreadable or from another Python: build anew
        value = pickle.loads(entry.read_bytes())  # noqa: S301 (the user's own folder, written by us)
        _mark_used(entry)
        return value
    value = build()
    with contextlib.suppress(OSError):
        write_atomically(entry, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
    _prune(folder, name, entry)
    return value


# An entry no process has used for this long was made by code or data that has since changed (an
# upgrade, an edited code table): removed when a new entry of its kind is written.
UNUSED_DAYS = 30
_DAY = 86400


def _mark_used(entry: Path) -> None:
    """Date an entry that is still used, at most once a day (its modification time: a file
    system mounted noatime keeps no access times)."""
    with contextlib.suppress(OSError):
        now = time.time()
        if now - entry.stat().st_mtime > _DAY:
            os.utime(entry, (now, now))


def _prune(folder: Path, name: str, keep: Path) -> None:
    """Remove the entries of ``name`` (only names this module writes) unused for UNUSED_DAYS."""
    limit = time.time() - UNUSED_DAYS * _DAY
    for old in folder.glob(f"{name}-*.pickle"):
        if old == keep or not _ENTRY.fullmatch(old.name[len(name) + 1:]):
            continue
        with contextlib.suppress(OSError):
            if old.is_file() and not old.is_symlink() and old.stat().st_mtime < limit:
                old.unlink()


_ENTRY = re.compile(r"[0-9a-f]{20}\.pickle")
