"""Writing a file whole or not at all: every output reportgen writes goes through here. (Temporary
names take os.urandom rather than the secrets module, whose import a small render would feel.)"""

from __future__ import annotations

import contextlib
import os
import shutil
from pathlib import Path


def write_atomically(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` so that a reader (or a crash) sees the old file or the new one,
    never half of one. The temporary file sits in the same folder, so the final step is a rename on
    one file system; its dot name keeps it out of listings."""
    path = Path(path)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{os.urandom(4).hex()}.tmp")
    try:
        # 0o666 lets the umask decide the mode, as for any file the user writes (tempfile would
        # make it 0600, unreadable to the web server that publishes the HTML).
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def replace_together(outputs: list[tuple[Path, bytes]]) -> None:
    """Write several files all or none: each is written whole beside its target first, and only
    when every one is there are they renamed into place. A target that existed is kept (as a hard
    link) until all are in place, and put back if a later rename fails; folders made for the
    outputs are removed again on failure when nothing else is in them."""
    token = f"{os.getpid()}.{os.urandom(4).hex()}"
    made: list[Path] = []
    staged: list[tuple[Path, Path]] = []
    kept: dict[Path, Path] = {}
    done: list[Path] = []
    try:
        for target, data in outputs:
            target = Path(target)
            made += make_parents(target.parent)
            tmp = target.with_name(f".{target.name}.{token}.tmp")
            staged.append((tmp, target))
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
            with os.fdopen(fd, "wb") as out:
                out.write(data)
                out.flush()
                os.fsync(out.fileno())
        for _, target in staged:
            if target.exists() or target.is_symlink():
                keep = target.with_name(f".{target.name}.{token}.prev")
                try:
                    os.link(target, keep, follow_symlinks=False)
                except OSError:  # a file system without hard links: a copy does as well
                    shutil.copy2(target, keep, follow_symlinks=False)
                kept[target] = keep
        for tmp, target in staged:
            os.replace(tmp, target)
            done.append(target)
    except BaseException:
        for target in reversed(done):
            with contextlib.suppress(OSError):
                if target in kept:
                    os.replace(kept.pop(target), target)
                else:
                    target.unlink()
        for tmp, _ in staged:
            with contextlib.suppress(OSError):
                tmp.unlink()
        for folder in made:
            try:
                os.rmdir(folder)
            except OSError:
                break
        raise
    finally:
        for keep in kept.values():
            with contextlib.suppress(OSError):
                keep.unlink()


def make_parents(folder: Path) -> list[Path]:
    """Make ``folder`` and its missing parents; returns those made, deepest first."""
    missing = []
    current = folder
    while not current.exists() and current != current.parent:
        missing.append(current)
        current = current.parent
    folder.mkdir(parents=True, exist_ok=True)
    return missing
