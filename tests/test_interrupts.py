"""An interrupted render loses no file: Ctrl-C, SIGTERM and SIGKILL sent to a real `reportgen
render` process while it writes a large department, and two renders sharing one output folder."""

from __future__ import annotations

import fcntl
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from bench.synthetic import write_synthetic
from reportgen.staging import LOCK, PREFIX

ROOT = Path(__file__).resolve().parent.parent
YANTIAN = ROOT / "data" / "shenzhen-yantian-zgh-2022.yaml"
ROWS = 20000  # about two seconds of writing: long enough to be caught in the act


@pytest.fixture(scope="module")
def large_source(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_synthetic(tmp_path_factory.mktemp("large"), ROWS)


def start_render(source: Path, out: Path) -> subprocess.Popen[bytes]:
    env = {k: v for k, v in os.environ.items() if k != "REPORTGEN_DEBUG"}
    return subprocess.Popen([sys.executable, "-m", "reportgen", "render", str(source), "-o", str(out)],
                            cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def staging_folders(out: Path) -> list[Path]:
    return sorted(p for p in out.glob(f"{PREFIX}*")) if out.is_dir() else []


def wait_until_writing(process: subprocess.Popen[bytes], out: Path, limit: float = 60) -> None:
    """Until the render has made its staging folder (it writes there), polling every 5 ms."""
    deadline = time.monotonic() + limit
    while not staging_folders(out):
        assert process.poll() is None, process.communicate()
        assert time.monotonic() < deadline, "the render never started writing"
        time.sleep(0.005)


def wait_until_unlocked(folder: Path, limit: float = 60) -> None:
    """Until no process holds the staging folder's lock (a forked DOCX writer may outlive a killed parent)."""
    deadline = time.monotonic() + limit
    while True:
        fd = os.open(folder / LOCK, os.O_RDONLY)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except OSError:
            assert time.monotonic() < deadline, "the staging folder stayed locked"
            time.sleep(0.05)
        finally:
            os.close(fd)


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}


@pytest.mark.parametrize(("sig", "code", "words"), [(signal.SIGINT, 130, "已中断"),
                                                    (signal.SIGTERM, 128 + signal.SIGTERM, "已终止")])
def test_an_interrupted_render_leaves_the_folder_as_it_was(sig, code, words, large_source, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "上次的稿子.docx").write_bytes(b"a draft the user keeps")
    (out / f"{large_source.stem}.html").write_bytes(b"last year's page")
    before = snapshot(out)
    source_bytes = large_source.read_bytes()

    render = start_render(large_source, out)
    wait_until_writing(render, out)
    render.send_signal(sig)
    _, err = render.communicate(timeout=120)

    assert render.returncode == code, err.decode()
    assert words in err.decode() and b"Traceback" not in err
    assert sorted(p.name for p in out.iterdir()) == sorted(before)  # no staging folder, no stray file
    assert snapshot(out) == before
    assert large_source.read_bytes() == source_bytes


def test_an_interrupted_render_removes_only_the_empty_folder_it_made(large_source, tmp_path):
    out = tmp_path / "new" / "out"
    render = start_render(large_source, out)
    wait_until_writing(render, out)
    render.send_signal(signal.SIGTERM)
    render.communicate(timeout=120)
    assert not (tmp_path / "new").exists()  # both folders were its own and empty: gone again
    assert tmp_path.exists()


def test_a_killed_render_leaves_staging_that_the_next_run_removes(large_source, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "上次的稿子.docx").write_bytes(b"a draft the user keeps")
    render = start_render(large_source, out)
    wait_until_writing(render, out)
    render.send_signal(signal.SIGKILL)
    render.communicate(timeout=120)
    left = staging_folders(out)
    assert len(left) == 1  # SIGKILL cannot be handled: the staging folder stays, no output appeared
    assert not (out / f"{large_source.stem}.docx").exists()
    wait_until_unlocked(left[0])

    rerun = subprocess.run([sys.executable, "-m", "reportgen", "render", str(YANTIAN), "-o", str(out)],
                           cwd=ROOT, capture_output=True, timeout=120)
    assert rerun.returncode == 0, rerun.stderr.decode()
    assert staging_folders(out) == []
    assert (out / "上次的稿子.docx").read_bytes() == b"a draft the user keeps"
    assert (out / f"{YANTIAN.stem}.docx").exists()


def test_staging_in_use_by_a_running_render_is_left_alone(large_source, tmp_path):
    out = tmp_path / "out"
    slow = start_render(large_source, out)
    wait_until_writing(slow, out)
    quick = subprocess.run([sys.executable, "-m", "reportgen", "render", str(YANTIAN), "-o", str(out)],
                           cwd=ROOT, capture_output=True, timeout=120)
    assert quick.returncode == 0, quick.stderr.decode()
    _, err = slow.communicate(timeout=120)
    assert slow.returncode == 0, err.decode()  # its staging folder was not taken from under it
    assert (out / f"{large_source.stem}.docx").exists() and (out / f"{YANTIAN.stem}.html").exists()


def test_two_renders_into_one_folder_one_interrupted_keep_the_others_outputs(large_source, tmp_path):
    out = tmp_path / "shared"  # made by the render that is then interrupted
    slow = start_render(large_source, out)
    wait_until_writing(slow, out)
    quick = subprocess.run([sys.executable, "-m", "reportgen", "render", str(YANTIAN), "-o", str(out)],
                           cwd=ROOT, capture_output=True, timeout=120)
    assert quick.returncode == 0, quick.stderr.decode()
    finished = snapshot(out)
    assert set(finished) == {f"{YANTIAN.stem}.docx", f"{YANTIAN.stem}.html"}

    slow.send_signal(signal.SIGINT)
    slow.communicate(timeout=120)

    assert out.is_dir()
    assert snapshot(out) == finished
    assert staging_folders(out) == []


def test_a_terminated_batch_stops_its_workers_and_writes_nothing(large_source, tmp_path):
    sources = []
    for name in ("a", "b", "c"):
        copy = tmp_path / f"{name}.yaml"
        copy.write_bytes(large_source.read_bytes())
        sources.append(str(copy))
    out = tmp_path / "out"
    out.mkdir()
    (out / "keep.txt").write_text("kept")
    batch = subprocess.Popen([sys.executable, "-m", "reportgen", "render", *sources, "-o", str(out), "-j", "2"],
                             cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    wait_until_writing(batch, out)
    batch.send_signal(signal.SIGTERM)
    _, err = batch.communicate(timeout=120)
    assert batch.returncode == 128 + signal.SIGTERM, err.decode()
    time.sleep(0.5)  # a worker that outlived the parent would still be writing now
    assert sorted(p.name for p in out.iterdir()) == ["keep.txt"]


def test_outputs_are_replaced_all_or_none_when_one_cannot_be_written(tmp_path, capsys):
    from reportgen.cli import main

    out = tmp_path / "out"
    out.mkdir()
    (out / f"{YANTIAN.stem}.docx").write_bytes(b"last year's draft")
    (out / f"{YANTIAN.stem}.html").mkdir()  # a folder in the way of the HTML
    assert main(["render", str(YANTIAN), "-o", str(out)]) == 1
    assert "无法写入" in capsys.readouterr().err
    assert (out / f"{YANTIAN.stem}.docx").read_bytes() == b"last year's draft"
    assert sorted(p.name for p in out.iterdir()) == [f"{YANTIAN.stem}.docx", f"{YANTIAN.stem}.html"]


def test_a_rename_failing_midway_puts_back_what_was_replaced(tmp_path, monkeypatch):
    from reportgen import staging

    out = tmp_path / "out"
    out.mkdir()
    (out / "a.docx").write_bytes(b"old a")
    area = staging.Staging(out)
    (area.path / "a.docx").write_bytes(b"new a")
    (area.path / "b.html").write_bytes(b"new b")
    real_replace = os.replace

    def failing_second(src, dst):
        if str(dst).endswith("b.html"):
            raise PermissionError(13, "Permission denied", str(dst))
        real_replace(src, dst)

    monkeypatch.setattr(staging.os, "replace", failing_second)
    with pytest.raises(PermissionError):
        area.move_in([(area.path / "a.docx", out / "a.docx"), (area.path / "b.html", out / "b.html")])
    monkeypatch.setattr(staging.os, "replace", real_replace)
    area.remove()
    assert (out / "a.docx").read_bytes() == b"old a"
    assert sorted(p.name for p in out.iterdir()) == ["a.docx"]
