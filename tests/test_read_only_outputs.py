"""Outputs asked for in a read-only folder (issue 79: an officer's -o on a read-only share): every command refuses
in Chinese, naming the file asked for (never a temporary name), exit 1, nothing written — none stops on an
内部错误. A read-only file system refuses even the unlinking of a file that is not there (EROFS): rollover and
import -o once stopped there (exit 3), import --learn-layout on making its staging folder, and diff named its
staging folder (.reportgen-<pid>-…) rather than the file."""

from __future__ import annotations

import errno
import io
import os
import shutil
from pathlib import Path
from typing import Any

import pytest

from reportgen import cli
from tests.clients import require_program

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "data" / "shanghai-putuo-wenlvju-2026.yaml"
PDF = ROOT / "tests" / "fixtures" / "disclosure" / "bj-zhengshu-part2.pdf"  # 北京市政务服务和数据管理局 2026's tables


@pytest.fixture()
def read_only(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder of tmp_path where every change fails as on a read-only file system (EROFS)."""
    folder = tmp_path / "只读"
    folder.mkdir()

    def inside(path: Any) -> bool:
        return isinstance(path, str | os.PathLike) and Path(os.fsdecode(path)).resolve().is_relative_to(folder)

    def refusing(real: Any, writes: Any = None) -> Any:
        def call(path: Any, *args: Any, **kwargs: Any) -> Any:
            if inside(path) and (writes is None or writes(args, kwargs)):
                raise OSError(errno.EROFS, "Read-only file system", os.fsdecode(path))
            return real(path, *args, **kwargs)
        return call

    def writing_mode(args: tuple, kwargs: dict) -> bool:
        mode = args[0] if args else kwargs.get("mode", "r")
        return isinstance(mode, str) and any(c in mode for c in "wxa+")

    def writing_flags(args: tuple, kwargs: dict) -> bool:
        flags = args[0] if args else kwargs.get("flags", 0)
        return bool(flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT))

    for name in ("mkdir", "unlink", "rmdir"):
        monkeypatch.setattr(os, name, refusing(getattr(os, name)))
    for name in ("link", "replace", "rename"):
        real = getattr(os, name)
        monkeypatch.setattr(os, name, lambda src, dst, *a, _real=real, **k: (
            refusing(lambda d, *_: _real(src, d, *a, **k))(dst)))
    monkeypatch.setattr(os, "open", refusing(os.open, writing_flags))
    monkeypatch.setattr(io, "open", refusing(io.open, writing_mode))
    return folder


def _said(capsys: pytest.CaptureFixture[str]) -> str:
    return "".join(capsys.readouterr())


def test_rollover_into_a_read_only_folder(read_only, tmp_path, capsys):
    source = tmp_path / SOURCE.name
    shutil.copy(SOURCE, source)
    assert cli.main(["rollover", str(source), "-o", str(read_only / "next.yaml")]) == 1
    said = _said(capsys)
    assert f"无法写入 {read_only / 'next.yaml'}：文件系统是只读的" in said and "内部错误" not in said
    assert not list(read_only.iterdir())


def test_diff_into_a_read_only_folder_names_the_file(read_only, tmp_path, capsys):
    source = tmp_path / SOURCE.name
    shutil.copy(SOURCE, source)
    assert cli.main(["diff", str(source), str(source), "-o", str(read_only / "diff.html")]) == 1
    said = _said(capsys)
    assert f"无法写入 {read_only / 'diff.html'}：文件系统是只读的" in said and ".reportgen-" not in said, said


@pytest.mark.parametrize("where", ["-o", "--learn-layout"])
def test_import_into_a_read_only_folder(read_only, tmp_path, capsys, where):
    require_program("pdftotext")
    out = read_only / "source.yaml" if where == "-o" else tmp_path / "source.yaml"
    args = ["import", str(PDF), "-o", str(out), "--learn-layout", str(read_only / "版式" if where != "-o" else tmp_path / "版式")]
    assert cli.main(args) == 1
    said = _said(capsys)
    assert "内部错误" not in said and "文件系统是只读的" in said, said
    assert (f"无法写入 {out}" if where == "-o" else f"--learn-layout {read_only / '版式'}：无法写入") in said
    assert not list(read_only.iterdir()) and not out.exists() and not (tmp_path / "版式").exists()


def test_import_with_its_report_in_a_read_only_folder_writes_nothing(read_only, tmp_path, capsys):
    """The report's folder is tried before the source is written: the import refuses whole (it wrote the source, then
    refused the report)."""
    require_program("pdftotext")
    out = tmp_path / "source.yaml"
    assert cli.main(["import", str(PDF), "-o", str(out), "--report", str(read_only / "import.html")]) == 1
    said = _said(capsys)
    assert f"不能写出 {read_only / 'import.html'}：文件系统是只读的" in said and "内部错误" not in said, said
    assert not out.exists() and not list(read_only.iterdir())
