"""Putting a render's outputs in place together, and only ever removing what reportgen wrote.

A render writes its files into a staging folder (``.reportgen-*``) inside the output folder and
then renames them into place. The staging folder holds a lock for as long as its process (or the
process's forked writer) lives: an interrupted run (Ctrl-C, SIGTERM) removes its own staging folder
on the way out; one killed outright (SIGKILL, a power cut) leaves it, and the next run into the same
folder removes it once it is stale: older than that run and its lock free, so in use by no one.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import tempfile
import time
from pathlib import Path

from reportgen.atomic import make_parents

try:
    import fcntl
except ImportError:  # not on Windows: there, staging folders are judged by age alone
    fcntl = None  # type: ignore[assignment]  # an optional module: None stands for its absence

PREFIX = ".reportgen-"
LOCK = ".lock"
_LOCKING = ".lock-taking"  # the lock file before it is locked
_STARTED = time.time()  # a staging folder made before this process started cannot be one of its own
# write_atomically's temporary names: .<name>.<pid>.<8 hex>.tmp
_ATOMIC_TMP = re.compile(r"\..+\.(\d+)\.[0-9a-f]{8}\.tmp")
# a staging folder's name carries its maker's pid: .reportgen-<pid>-<random>
_MAKER = re.compile(re.escape(PREFIX) + r"(\d+)-")


class Staging:
    """A locked staging folder inside ``out_dir``."""

    def __init__(self, out_dir: Path) -> None:
        self.path = Path(tempfile.mkdtemp(prefix=f"{PREFIX}{os.getpid()}-", dir=out_dir))
        self._lock_fd: int | None = None
        try:
            # the lock file takes its name only once locked: another run that finds LOCK finds it held
            # (one that finds none asks whether its maker lives), never in the moment between the two
            self._lock_fd = os.open(self.path / _LOCKING, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            if fcntl is not None:
                fcntl.flock(self._lock_fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            os.rename(self.path / _LOCKING, self.path / LOCK)
        except BaseException:
            self.remove()
            raise

    def move_in(self, pairs: list[tuple[Path, Path]]) -> None:
        """Rename each staged file onto its final name, all or none: a final file that existed is
        first linked into the staging folder, and put back if a later rename fails."""
        previous: dict[Path, Path | None] = {}
        for index, (_, final) in enumerate(pairs):
            keep = None
            if final.exists() or final.is_symlink():
                keep = self.path / f"previous-{index}"
                try:
                    os.link(final, keep, follow_symlinks=False)
                except OSError:  # a file system without hard links: a copy does as well
                    shutil.copy2(final, keep, follow_symlinks=False)
            previous[final] = keep
        done: list[Path] = []
        try:
            for staged, final in pairs:
                os.replace(staged, final)
                done.append(final)
        except BaseException:
            for final in reversed(done):
                keep = previous[final]
                with contextlib.suppress(OSError):
                    if keep is None:
                        final.unlink()
                    else:
                        os.replace(keep, final)
            raise

    def remove(self) -> None:
        if self._lock_fd is not None:
            with contextlib.suppress(OSError):
                os.close(self._lock_fd)
            self._lock_fd = None
        _remove_folder(self.path)


def _remove_folder(folder: Path) -> None:
    """Remove a staging folder: its files (all a staging folder holds), then itself; whatever
    else it holds by shutil.rmtree."""
    with contextlib.suppress(OSError):
        for entry in os.scandir(folder):
            if entry.is_dir(follow_symlinks=False):
                break
            os.unlink(entry.path)
        else:
            os.rmdir(folder)
            return
    shutil.rmtree(folder, ignore_errors=True)


def remove_stale_staging(out_dir: Path) -> list[Path]:
    """Remove the staging folders (and atomic-write temporaries) that runs killed outright left in
    ``out_dir``: made before this process started, and in use by no live process. Returns them."""
    removed: list[Path] = []
    try:
        entries = list(os.scandir(out_dir))
    except OSError:
        return removed
    for entry in entries:
        name = entry.name
        try:
            if name.startswith(PREFIX) and entry.is_dir(follow_symlinks=False):
                if entry.stat(follow_symlinks=False).st_mtime < _STARTED and not _in_use(Path(entry.path)):
                    _remove_folder(Path(entry.path))
                    removed.append(Path(entry.path))
            elif (match := _ATOMIC_TMP.fullmatch(name)) and entry.is_file(follow_symlinks=False):
                if entry.stat(follow_symlinks=False).st_mtime < _STARTED and not _alive(int(match.group(1))):
                    os.unlink(entry.path)
                    removed.append(Path(entry.path))
        except OSError:
            continue
    return removed


def _in_use(folder: Path) -> bool:
    """Whether a live process holds the staging folder's lock."""
    if fcntl is None:
        return False
    try:
        fd = os.open(folder / LOCK, os.O_RDONLY)
    except FileNotFoundError:  # not locked yet, or never: its maker is between the two, or died there
        maker = _MAKER.match(folder.name)
        return maker is not None and _alive(int(maker.group(1)))
    except OSError:
        return True  # cannot tell: leave it
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return True
    finally:
        os.close(fd)
    return False


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError, ValueError):
        return True
    return True


def make_folders(folder: Path) -> list[Path]:
    """Make ``folder`` and its missing parents; returns those it made, deepest first."""
    return make_parents(Path(folder))


def remove_empty_folders(made: list[Path]) -> None:
    """Undo make_folders where nothing else has appeared meanwhile (another run's outputs stay)."""
    for folder in made:
        try:
            os.rmdir(folder)
        except OSError:
            return
