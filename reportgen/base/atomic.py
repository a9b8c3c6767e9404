"""Writing a file whole or not at all, in a folder of reportgen's own (a staging folder, a temporary
folder): an output in a user's folder is put in place by staging.py, which replaces only what
reportgen wrote there. (Temporary names take os.urandom rather than the secrets module, whose
import a small render would feel.)"""

from __future__ import annotations

import os
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


def make_parents(folder: Path) -> list[Path]:
    """Make ``folder`` and its missing parents; returns those made, deepest first."""
    missing = []
    current = folder
    while not current.exists() and current != current.parent:
        missing.append(current)
        current = current.parent
    folder.mkdir(parents=True, exist_ok=True)
    return missing
