"""The record of what reportgen wrote: in each folder it writes to, a hidden file (RECORD) naming
each file it wrote there, the command that wrote it, and the SHA-256 digest and length of the bytes
it wrote. A file is reportgen's to replace only while its bytes are bytes it recorded: a note a
reviewer saved into an annotated copy (an incremental save keeps the file's first bytes), a signed
notice, a page edited by hand, a rendered document corrected in Word — each differs from what was
written and is never replaced. No mark inside a file can say as much: a later save keeps it.

The guard (reading/outputs.py) asks :func:`is_written` before any work; the move into place asks
again under the folder's lock (:func:`replacing`), in case the file changed meanwhile. A record is
changed only under an exclusive lock on its folder, and written whole (a temporary file in the
caller's staging folder, renamed): the new digests are recorded beside the old before the files are
renamed into place, and the old dropped after, so a run killed in between leaves a record that
knows whichever bytes stand there. A record that is not reportgen's (unreadable, or not a file) is
never replaced either: the write is refused and the user told.
"""

from __future__ import annotations

import contextlib
import os
import stat
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reportgen.base.errors import Internal

try:
    import fcntl
except ImportError:  # not on Windows: there, a record is changed without a lock
    fcntl = None  # type: ignore[assignment]  # an optional module: None stands for its absence

RECORD = ".written-by-reportgen.json"
# {file name: {"by": command, "written": [[sha256, length], …]}}: the bytes written, newest first
Record = dict[str, dict[str, Any]]
_KIND = "reportgen: files written"  # the record's own mark, its first key
_MOST_RECORD_BYTES = 64 * 1024 * 1024
_MOST_KEPT = 4  # digests kept of one name while its new bytes are moved in (more only after crashes)
_LOCK_WAIT = 60.0  # seconds another reportgen may hold a folder's lock (it holds it to rename, briefly)


class Overwrite(Internal, OSError):
    """A file that may not be replaced: it is not what reportgen wrote there, or it changed since.
    An OSError, so that every command's "cannot write" path tells it; its text is the reason."""

    def __init__(self, path: Path, why: str) -> None:
        OSError.__init__(self, None, why, str(path))  # (not the base's: an OSError's filename and reason)


@dataclass(frozen=True)
class Digest:
    sha256: str
    size: int


def digest_of(data: bytes) -> Digest:
    import hashlib  # deferred: OpenSSL's _hashlib (a few ms at start-up), for a written file's record only

    return Digest(hashlib.sha256(data).hexdigest(), len(data))


@contextlib.contextmanager
def regular_file(path: Path) -> Iterator[int | None]:
    """A descriptor of the regular file at ``path``, or None where there is none: a link is not followed,
    a named pipe never waited on (O_NONBLOCK), anything else refused; closed on leaving. An OSError while
    it is read goes to the caller."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        yield None
        return
    try:
        yield fd if stat.S_ISREG(os.fstat(fd).st_mode) else None
    finally:
        os.close(fd)


def file_digest(path: Path) -> Digest | None:
    """The digest of the regular file at ``path`` (a link is not followed); None when there is none."""
    try:
        with regular_file(path) as fd:
            if fd is None:
                return None
            import hashlib  # deferred: as digest_of's

            hasher, size = hashlib.sha256(), 0
            while chunk := os.read(fd, 1 << 20):
                hasher.update(chunk)
                size += len(chunk)
            return Digest(hasher.hexdigest(), size)
    except OSError:
        return None


def is_written(path: Path) -> bool:
    """Whether the file at ``path`` holds bytes reportgen wrote under this name (its folder's record)."""
    return not why_kept(path)


def why_kept(path: Path) -> str:
    """Why the file at ``path`` may not be replaced (Chinese), or "" when its bytes are bytes
    reportgen wrote under this name."""
    path = Path(path)
    try:
        entry = _read(path.parent).get(path.name)
    except Overwrite as exc:
        return str(exc.strerror)
    if entry is None or os.path.islink(path) or not _holds(entry, path):
        return not_written_reason(path, entry is not None)
    return ""


def writer_of(path: Path) -> str | None:
    """The command that wrote the bytes of ``path`` into its folder, under this name or any other
    (a copy renamed in place is still its output); None when the record knows no such bytes."""
    path = Path(path)
    entries = _entries(path.parent)
    try:
        size = os.lstat(path).st_size
    except OSError:
        return None
    sized = {e["by"] for e in entries.values() for d in e["written"] if d[1] == size}
    if not sized:
        return None
    found = file_digest(path)
    if found is None:
        return None
    return next((str(e["by"]) for e in entries.values() if [found.sha256, found.size] in e["written"]), None)


def _holds(entry: dict[str, Any], path: Path) -> bool:
    written = entry["written"]
    try:
        size = os.lstat(path).st_size
    except OSError:
        return False
    if not any(d[1] == size for d in written):  # an incremental save adds bytes: told without reading
        return False
    found = file_digest(path)
    return found is not None and [found.sha256, found.size] in written


def _entries(folder: Path) -> Record:
    """The record of ``folder`` (empty when there is none or it is not reportgen's)."""
    try:
        return _read(folder)
    except Overwrite:
        return {}


def _read(folder: Path) -> Record:
    """The record of ``folder``: {} when there is none; Overwrite when something else stands there."""
    path = folder / RECORD
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
    except FileNotFoundError:
        return {}
    except OSError:
        raise _foreign(path) from None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise _foreign(path)
        data = b""
        while len(data) <= _MOST_RECORD_BYTES and (chunk := os.read(fd, 1 << 20)):
            data += chunk
    finally:
        os.close(fd)
    return _parsed(data, path)


def _parsed(data: bytes, path: Path) -> Record:
    """A record's bytes as its files and their digests; Overwrite where they are not a record reportgen wrote."""
    import json  # deferred: 1.5 ms, for a folder that holds a record only

    try:
        record = json.loads(data.decode("utf-8"))
        files = record["files"] if record.get("kind") == _KIND else None
        if isinstance(files, dict) and all(_valid(e) for e in files.values()):
            return files
    except (ValueError, UnicodeDecodeError, AttributeError, KeyError, TypeError):
        pass
    raise _foreign(path)


def _valid(entry: object) -> bool:
    return isinstance(entry, dict) and isinstance(entry.get("by"), str) and isinstance(entry.get("written"), list) \
        and all(isinstance(d, list) and len(d) == 2 and isinstance(d[0], str) and isinstance(d[1], int)
                for d in entry["written"])


def _foreign(path: Path) -> Overwrite:
    return Overwrite(path, f"{path} 应是 reportgen 写出文件的记录，却不是它能读的记录（被改动过，或是别的文件）；"
                           "reportgen 不会改写它，也就不能确认这个文件夹里哪些文件是它写出的。请移走它，或另选输出文件夹")


@contextlib.contextmanager
def replacing(finals: list[tuple[Path, Digest]], by: str, scratch: dict[Path, Path]) -> Iterator[None]:
    """Around renaming files into place at ``finals`` (each with the digest of its new bytes), by
    the command ``by``: each folder's lock held throughout; Overwrite, before anything is renamed,
    for a file standing at a final name whose bytes reportgen did not write; the new digests
    recorded beside the old before, and alone after (when the renames succeed). ``scratch``: per
    folder, the caller's staging folder there, where a record's new text is written first. A folder
    named two ways (``out``, ``/home/…/out``) is one folder, locked and recorded once."""
    folders: dict[tuple[int, int], Path] = {}  # by (device, inode): the folder's first name
    keys = [_folder_key(final.parent, folders) for final, _ in finals]
    with contextlib.ExitStack() as locks:
        for key in sorted(folders):
            locks.enter_context(_locked(folders[key]))
        records = {key: _read(folder) for key, folder in folders.items()}
        for key, (final, _) in zip(keys, finals, strict=True):
            _may_replace(records[key], final)
        before = {key: {name: dict(entry) for name, entry in record.items()} for key, record in records.items()}
        _record_beside(records, keys, finals, by)
        try:
            for key, folder in folders.items():
                _write(folder, records[key], scratch[folder], durable=True)
            yield
        except BaseException:  # the renames undone (staging._move_in): the record as it was, or none where none was
            _put_back(folders, before, scratch)
            raise
        for key, (final, new) in zip(keys, finals, strict=True):
            records[key][final.name] = {"by": by, "written": [[new.sha256, new.size]]}
        for key, folder in folders.items():
            _write(folder, _present(folder, records[key]), scratch[folder], durable=False)


def _put_back(folders: dict[tuple[int, int], Path], before: dict[tuple[int, int], Record],
              scratch: dict[Path, Path]) -> None:
    """Each folder's record as it stood before a replacement that failed (a terminated render: nothing of it is left,
    not even a record of files it never put in place); a folder that had none gets none."""
    for key, folder in folders.items():
        with contextlib.suppress(OSError):
            if before[key]:
                _write(folder, before[key], scratch[folder], durable=False)
            else:
                (folder / RECORD).unlink(missing_ok=True)


def _record_beside(records: dict[tuple[int, int], Record], keys: list[tuple[int, int]],
                   finals: list[tuple[Path, Digest]], by: str) -> None:
    """Each final's new digest recorded first, beside those of the bytes standing there (the most recent
    _MOST_KEPT), by the command ``by`` where the record has it not yet."""
    for key, (final, new) in zip(keys, finals, strict=True):
        entry = records[key].setdefault(final.name, {"by": by, "written": []})
        kept = [d for d in entry["written"] if d != [new.sha256, new.size]] if os.path.lexists(final) else []
        entry["written"] = [[new.sha256, new.size], *kept][:_MOST_KEPT]


def _folder_key(folder: Path, folders: dict[tuple[int, int], Path]) -> tuple[int, int]:
    info = os.stat(folder)
    key = (info.st_dev, info.st_ino)
    folders.setdefault(key, folder)
    return key


def _may_replace(record: Record, final: Path) -> None:
    """Overwrite when a file stands at ``final`` whose bytes the record does not hold under its name."""
    try:
        info = os.lstat(final)
    except FileNotFoundError:
        return
    entry = record.get(final.name)
    if not stat.S_ISREG(info.st_mode) or entry is None or not _holds(entry, final):
        raise Overwrite(final, f"{final}：{not_written_reason(final, entry is not None)}")


def not_written_reason(path: Path, recorded: bool) -> str:
    """Why a file standing at an output's name is kept: reportgen never wrote it there (the folder's
    record does not name it), or it did and the file has changed since."""
    what = "页面" if path.suffix.lower() in (".html", ".htm") else "文件"
    if recorded:
        return (f"文件已存在，是 reportgen 写出的{what}，但写出后已被改动或另存过（内容与写出记录 {RECORD} 中的不同），"
                "不会覆盖；请另选文件名，或先移走它")
    return (f"文件已存在，不是 reportgen 写出的{what}（这个文件夹的写出记录 {RECORD} 中没有它），"
            "不会覆盖；请另选文件名，或先移走它")


def _present(folder: Path, record: Record) -> Record:
    """The record without the files no longer in ``folder`` (deleted or moved away by the user)."""
    return {name: entry for name, entry in record.items() if os.path.lexists(folder / name)}


def _write(folder: Path, record: Record, scratch: Path, durable: bool) -> None:
    import json  # deferred: 1.5 ms, for a command that writes outputs only

    # a file a line; a name of undecodable bytes (a GBK name unpacked here) written as its \udcXX escapes,
    # which json reads back to the very name the folder lists
    lines = [f" {json.dumps(name, ensure_ascii=not name.isprintable())}: {json.dumps(entry, ensure_ascii=False)}"
             for name, entry in sorted(record.items())]
    text = f'{{"kind": {json.dumps(_KIND)}, "files": {{\n' + ",\n".join(lines) + "\n}}"
    tmp = scratch / RECORD
    with open(tmp, "w", encoding="utf-8") as out:
        out.write(text + "\n")
        if durable:
            out.flush()
            os.fsync(out.fileno())
    os.replace(tmp, folder / RECORD)


@contextlib.contextmanager
def _locked(folder: Path) -> Iterator[None]:
    """An exclusive lock on ``folder`` (flock on its descriptor: released however the process ends)."""
    if fcntl is None:
        yield
        return
    fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    try:
        deadline = time.monotonic() + _LOCK_WAIT
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise Overwrite(folder, f"另一个 reportgen 进程正在向 {folder} 写入文件，等待 {_LOCK_WAIT:.0f} 秒仍未结束；"
                                            "请等它结束后再试") from None
                time.sleep(0.01)
        yield
    finally:
        os.close(fd)
