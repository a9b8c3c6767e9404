"""Putting outputs in place together, and only ever removing what reportgen wrote.

Every output reportgen writes into a user's folder is written first into a staging folder
(``.reportgen-<pid>-<8 characters>``) inside that folder and then renamed into place, all of a
run's files together or none (:meth:`Staging.move_in`, :func:`replace_together`), each replacing
only a file whose bytes reportgen wrote there (written.py: the folder's record of them, checked
again under the folder's lock as the files are renamed).

A staging folder carries its own lock and process record: a file (LOCK) saying which folder it is
and which process made it, locked for as long as that process (or its forked writer) lives. An
interrupted run (Ctrl-C, SIGTERM) removes its own staging folder on the way out; one killed
outright (SIGKILL, a power cut) leaves it, and the next run into the same folder removes it once
it is stale: made before that run, its record its own, and its lock free. Nothing else is ever
removed: a folder of the user's that is only named like one, or a file named like a temporary
file, is no proof of anything. (A staging folder whose maker died before its lock was taken is
removed while it holds nothing but the beginning of its record. Its maker is known by the pid in
its name, which a later process may carry — in a container every run may have the same one, this
process's own: a process that began after the folder was made is not its maker.)
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import secrets
import shutil
import time
from pathlib import Path

from reportgen.base.atomic import make_parents
from reportgen.base.patterns import regex
from reportgen.base.written import file_digest, regular_file, replacing

try:
    import fcntl
except ImportError:  # not on Windows: there, a staging folder is stale once its maker has ended
    fcntl = None  # type: ignore[assignment]  # an optional module: None stands for its absence

PREFIX = ".reportgen-"
LOCK = ".lock"
_LOCKING = ".lock-taking"  # the lock file before it is locked
_STARTED = time.time()  # a staging folder made before this process started cannot be one of its own
# a staging folder's name: its maker's pid and tempfile.mkdtemp's eight characters
_STAGING = regex(re.escape(PREFIX) + r"(\d+)-[a-z0-9_]{8}")
_MOST_RECORD_BYTES = 256
_CLOCK_SLACK = 2.0  # seconds: /proc dates a process to its boot time's whole second
_NAME_CHARACTERS = "abcdefghijklmnopqrstuvwxyz0123456789_"


def _record(name: str, pid: int) -> bytes:
    """The process record a staging folder's LOCK holds: which folder, made by which process."""
    return f"reportgen staging folder {name}\npid {pid}\n".encode("ascii")


# The staging folders this process has made and not yet removed or emptied into place: an interruption
# (Ctrl-C, SIGTERM) that lands between a folder being made and its maker holding it — a window of a few
# bytecodes, which a signal can hit — still leaves none behind (remove_live, called where a command unwinds).
_LIVE: set[Path] = set()


def remove_live() -> None:
    """Remove every staging folder this process made and still holds (an interrupted command's)."""
    for path in list(_LIVE):
        _remove_folder(path)
        _LIVE.discard(path)


def _made(out_dir: Path) -> Path:
    """A new staging folder in ``out_dir``, named as tempfile.mkdtemp names one (its eight characters),
    known to remove_live before it exists: whenever an interruption lands, it is never left behind."""
    for _ in range(100):
        tail = "".join(secrets.choice(_NAME_CHARACTERS) for _ in range(8))  # as tempfile's, as _STAGING reads
        path = out_dir / f"{PREFIX}{os.getpid()}-{tail}"
        _LIVE.add(path)
        try:
            os.mkdir(path, 0o700)
            return path
        except FileExistsError:
            _LIVE.discard(path)
    raise FileExistsError(errno.EEXIST, os.strerror(errno.EEXIST), str(out_dir / f"{PREFIX}{os.getpid()}-…"))


class Staging:
    """A locked staging folder inside ``out_dir``."""

    def __init__(self, out_dir: Path) -> None:
        self._lock_fd: int | None = None
        self.path = _made(out_dir)
        try:
            # the lock file takes its name only once it holds its record and is locked: another run
            # that finds LOCK finds it whole and held (one that finds none asks whether its maker lives)
            self._lock_fd = os.open(self.path / _LOCKING, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            os.write(self._lock_fd, _record(self.path.name, os.getpid()))
            if fcntl is not None:
                fcntl.flock(self._lock_fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            os.rename(self.path / _LOCKING, self.path / LOCK)
        except BaseException:
            self.remove()
            raise

    def move_in(self, pairs: list[tuple[Path, Path]], by: str) -> None:
        """Rename each staged file onto its final name (in this staging folder's folder), all or
        none, as written by the command ``by``; written.Overwrite, with nothing moved, when a final
        name holds a file whose bytes reportgen did not write."""
        _move_in(pairs, by, {final.parent: self.path for _, final in pairs})

    def remove(self) -> None:
        if self._lock_fd is not None:
            with contextlib.suppress(OSError):
                os.close(self._lock_fd)
            self._lock_fd = None
        _remove_folder(self.path)
        _LIVE.discard(self.path)


def replace_together(outputs: list[tuple[Path, bytes]], by: str) -> None:
    """Write several files, in one folder or several, all or none, as written by the command
    ``by``: each whole in a staging folder beside its target first, and only when every one is
    there renamed into place (a target that existed is kept until all are, and put back if a later
    rename fails); written.Overwrite, with nothing written, when a target holds a file whose bytes
    reportgen did not write. Folders made for the outputs are removed again on failure when
    nothing else is in them."""
    made: list[Path] = []
    areas: dict[Path, Staging] = {}
    try:
        pairs = []
        for target, data in outputs:
            target = Path(target)
            if target.parent not in areas:
                made += make_folders(target.parent)
                remove_stale_staging(target.parent)
                areas[target.parent] = Staging(target.parent)
            staged = areas[target.parent].path / target.name
            with open(staged, "xb") as out:
                out.write(data)
                out.flush()
                os.fsync(out.fileno())
            pairs.append((staged, target))
        _move_in(pairs, by, {folder: area.path for folder, area in areas.items()})
    except BaseException:
        for area in areas.values():
            area.remove()
        areas.clear()
        remove_empty_folders(made)
        raise
    finally:
        for area in areas.values():
            area.remove()


def write_output(path: Path, data: bytes, by: str) -> None:
    """One output written whole or not at all (replace_together)."""
    replace_together([(path, data)], by)


def _move_in(pairs: list[tuple[Path, Path]], by: str, scratch: dict[Path, Path]) -> None:
    """Rename each staged file onto its final name, all or none: a final file that existed is first
    linked into its folder's staging folder (``scratch``), and put back if a later rename fails."""
    finals = []
    for staged, final in pairs:
        digest = file_digest(staged)
        if digest is None:
            raise FileNotFoundError(2, "staged file missing", str(staged))
        finals.append((final, digest))
    with replacing(finals, by, scratch):
        previous: dict[Path, Path | None] = {}
        for index, (_, final) in enumerate(pairs):
            keep = None
            if os.path.lexists(final):
                keep = scratch[final.parent] / f"previous-{index}"
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
    """Remove the staging folders that runs killed outright left in ``out_dir``: named as one,
    made before this process started, holding their own process record, and in use by no live
    process (see the module). Returns them."""
    removed: list[Path] = []
    try:
        entries = list(os.scandir(out_dir))
    except OSError:
        return removed
    for entry in entries:
        match = _STAGING.fullmatch(entry.name)
        try:
            if match is None or not entry.is_dir(follow_symlinks=False) \
                    or entry.stat(follow_symlinks=False).st_mtime >= _STARTED:
                continue
            if _abandoned(Path(entry.path), int(match.group(1)), entry.stat(follow_symlinks=False).st_mtime):
                _remove_folder(Path(entry.path))
                removed.append(Path(entry.path))
        except OSError:
            continue
    return removed


def _abandoned(folder: Path, pid: int, made: float) -> bool:
    """Whether ``folder`` (last changed at ``made``) is a staging folder whose run has ended: its LOCK
    holds its own record and no process holds the lock; or, its maker gone, it holds no more than the
    beginning of that record (the maker died before locking)."""
    names = os.listdir(folder)
    expected = _record(folder.name, pid)
    if LOCK in names:
        return _read_small(folder / LOCK) == expected and not _in_use(folder / LOCK, pid)
    if _maker_lives(pid, made):  # not locked yet: its maker is between the two, or died there
        return False
    if not names:
        return True
    held = _read_small(folder / _LOCKING) if names == [_LOCKING] else None
    return held is not None and expected.startswith(held)


def _read_small(path: Path) -> bytes | None:
    """The bytes of the regular file ``path`` when it is no longer than a record; else None."""
    try:
        with regular_file(path) as fd:
            data = os.read(fd, _MOST_RECORD_BYTES + 1) if fd is not None else None
    except OSError:
        return None
    return data if data is not None and len(data) <= _MOST_RECORD_BYTES else None


def _in_use(lock: Path, pid: int) -> bool:
    """Whether a live process holds the staging folder's lock (where there are no locks: whether its maker lives)."""
    if fcntl is None:
        return _alive(pid)
    try:
        fd = os.open(lock, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    except OSError:
        return True  # cannot tell: leave it
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return True
    finally:
        os.close(fd)
    return False


def _maker_lives(pid: int, made: float) -> bool:
    """Whether the process that made a staging folder at ``made`` may still live: one of its pid lives
    and began before then. Not this process, whose own folders are all newer than it (remove_stale_staging
    looks at none of those), nor one that began later: each carries a dead maker's pid again."""
    if pid == os.getpid() or not _alive(pid):
        return False
    began = _began(pid)
    return began is None or began <= made + _CLOCK_SLACK


def _began(pid: int) -> float | None:
    """When process ``pid`` began, in seconds since the epoch (to a second), where /proc says; else None."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
        boot = next(line for line in Path("/proc/stat").read_text().splitlines() if line.startswith("btime "))
        ticks = int(stat[stat.rindex(")") + 2:].split()[19])  # after "pid (comm) ": field 22, starttime
        return int(boot.split()[1]) + ticks / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError, StopIteration, AttributeError):
        return None


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
