"""A published document imported (with its learned layout), as the tests of the import and of the learned draft
take it (the PDF skipped where ../shared is not here).

The same document is imported by many test files (重庆市委宣传部 2026 by five, 长沙市公安局 2025 by four), each
import of a whole PDF 1–3 s of the machine's two cores. ``import_once`` makes each distinct import once per test run
and gives every test its own copy: the first process to ask (any xdist worker) imports into a folder of the run
(REPORTGEN_TEST_IMPORTS, made by tests/conftest.py), the others wait on its lock and copy. An import is the same
bytes each time it is run (the product's promise, tests/test_import_readback.py), so a copy is what the test's own
import would have written; a test of the import command itself (its exit code, its messages, its refusals) runs it."""

from __future__ import annotations

import fcntl
import hashlib
import os
import shutil
import tempfile
from pathlib import Path

import pytest

from reportgen import cli

FRESH = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "fresh1"
FOLDER = "REPORTGEN_TEST_IMPORTS"  # where the run's imports are kept (tests/conftest.py)
SOURCE, LAYOUT = "source.yaml", "学到的版式"


def fresh_pdf(name: str) -> Path:
    """A document of ../shared/corpus/fresh1 by its file name; the test skipped where it is not here."""
    path = FRESH / name
    if not path.exists():
        pytest.skip("../shared/corpus/fresh1 is not here")
    return path


def import_once(folder: Path, *files: Path, learn: bool = True) -> tuple[Path, Path]:
    """`reportgen import FILES -o folder/source.yaml [--learn-layout folder/学到的版式]` (exit 0 or 1: a draft with
    待填写 is a source too): (the source, the layout folder — absent without ``learn``), a copy of the run's one
    import of the same files."""
    made = _made(tuple(Path(f).resolve() for f in files), learn)
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(made / SOURCE, folder / SOURCE)
    if learn:
        shutil.copytree(made / LAYOUT, folder / LAYOUT)
    return folder / SOURCE, folder / LAYOUT


def imported_with_layout(tmp_path: Path, pdf: Path) -> tuple[Path, Path]:
    """`reportgen import PDF -o source.yaml --learn-layout 学到的版式` in ``tmp_path``: (the source, the layout folder)."""
    return import_once(tmp_path, pdf)


def _made(files: tuple[Path, ...], learn: bool) -> Path:
    """The run's folder holding the import of ``files`` (made now if no process has made it)."""
    key = hashlib.sha256(repr((tuple(map(str, files)), learn)).encode()).hexdigest()[:24]
    root = Path(os.environ.get(FOLDER) or _own_root())
    made = root / key
    with open(root / f"{key}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes
        if not (made / SOURCE).is_file():
            _import(files, learn, made)
    return made


def _import(files: tuple[Path, ...], learn: bool, made: Path) -> None:
    work = Path(tempfile.mkdtemp(dir=made.parent))
    options = ["--learn-layout", str(work / LAYOUT)] if learn else []
    code = cli.main(["import", *map(str, files), "-o", str(work / SOURCE), *options])
    assert code in (0, 1) and (work / SOURCE).is_file(), f"import of {[f.name for f in files]} exited {code}"
    work.rename(made)  # whole or not at all: a failed import is made again by the next test that asks


_ROOT: list[str] = []


def _own_root() -> str:
    """Outside a pytest run that made the folder (a test module imported alone): one of this process's own."""
    if not _ROOT:
        _ROOT.append(tempfile.mkdtemp(prefix="reportgen-test-imports-"))
    return _ROOT[0]
