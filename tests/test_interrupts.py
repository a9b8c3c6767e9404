"""An interrupted render loses no file: Ctrl-C, SIGTERM and SIGKILL sent to a real `reportgen
render` process while it writes a large department, and two renders sharing one output folder.

Each test waits on events, never on a guess of how long something takes (a loaded CI machine makes
every such guess wrong): the render's staging folder appearing, a render held still with SIGSTOP
while another runs, the last process of a batch's group gone. A time limit only bounds a wait
that would otherwise hang, and fails the test."""

from __future__ import annotations

import contextlib
import fcntl
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from bench.synthetic import write_synthetic
from reportgen.base.staging import LOCK, PREFIX, replace_together
from reportgen.base.written import RECORD

ROOT = Path(__file__).resolve().parent.parent
YANTIAN = ROOT / "data" / "shenzhen-yantian-zgh-2022.yaml"
ROWS = 10000  # about a second of writing (two on a loaded machine): a batch told to stop as it is first seen writing
HELD_ROWS = 2000  # a fifth of a second of writing (a third on a loaded machine): caught by a poll of every 5 ms, then held


@pytest.fixture(scope="module")
def large_source(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_synthetic(tmp_path_factory.mktemp("large"), ROWS)


@pytest.fixture(scope="module")
def held_source(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A department large enough to be caught writing; the render is then held (SIGSTOP), so no larger one is needed."""
    return write_synthetic(tmp_path_factory.mktemp("held"), HELD_ROWS)


def start_render(source: Path, out: Path) -> subprocess.Popen[bytes]:
    env = {k: v for k, v in os.environ.items() if k != "REPORTGEN_DEBUG"}
    return subprocess.Popen([sys.executable, "-m", "reportgen", "render", str(source), "-o", str(out)],
                            cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            start_new_session=True)  # its own group: held and resumed whole, forked writers too


def group_states(group: int) -> dict[int, str]:
    """Each live process of ``group`` and its state letter (/proc/PID/stat: R, S, T …)."""
    states = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            with contextlib.suppress(OSError):
                stat = (entry / "stat").read_text()
                fields = stat[stat.rindex(")") + 2:].split()  # after "pid (comm) ": state, ppid, pgrp …
                if int(fields[2]) == group and fields[0] != "Z":
                    states[int(entry.name)] = fields[0]
    return states


def until(done: Callable[[], bool], what: str, limit: float = 60) -> None:
    """Poll ``done`` until it holds; ``limit`` only bounds a wait that would otherwise hang."""
    deadline = time.monotonic() + limit
    while not done():
        assert time.monotonic() < deadline, what
        time.sleep(0.01)


def hold(process: subprocess.Popen[bytes]) -> None:
    """Stop the render and every process of its group where they stand (SIGSTOP), and wait until each
    is stopped: it cannot finish meanwhile, however fast it is or however slow the other work is."""
    def stopped() -> bool:
        os.killpg(process.pid, signal.SIGSTOP)  # again for a writer forked while the first one landed
        return all(state == "T" for state in group_states(process.pid).values())

    until(stopped, "the render could not be held")


def resume(process: subprocess.Popen[bytes], sig: int | None = None) -> None:
    """Send ``sig`` (pending while stopped, so it is the first thing the render sees) and resume
    every process of its group, until none of them is stopped."""
    if sig is not None:
        process.send_signal(sig)

    def running() -> bool:
        with contextlib.suppress(ProcessLookupError):  # a group whose every process has ended
            os.killpg(process.pid, signal.SIGCONT)
        return all(state != "T" for state in group_states(process.pid).values())

    until(running, "the render could not be resumed")


def wait_until_group_gone(group: int, limit: float = 60) -> None:
    """Until no process of ``group`` is left (a worker that outlived its parent would be one)."""
    deadline = time.monotonic() + limit
    while True:
        try:
            os.killpg(group, 0)
        except ProcessLookupError:
            return
        assert time.monotonic() < deadline, "a process of the batch outlived it"
        time.sleep(0.05)


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
    """Until no process holds the staging folder's lock (a forked DOCX writer may outlive a killed parent). A render
    killed after making its folder and before its lock file took its name forked no writer: nothing holds it."""
    deadline = time.monotonic() + limit
    while True:
        try:
            fd = os.open(folder / LOCK, os.O_RDONLY)
        except FileNotFoundError:
            return
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
def test_an_interrupted_render_leaves_the_folder_as_it_was(sig, code, words, held_source, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "上次的稿子.docx").write_bytes(b"a draft the user keeps")
    replace_together([(out / f"{held_source.stem}.html", b"last year's page")], "render")  # the last render's
    before = snapshot(out)
    source_bytes = held_source.read_bytes()

    render = start_render(held_source, out)
    wait_until_writing(render, out)
    hold(render)  # caught in the act: it cannot finish before the signal lands
    resume(render, sig)
    _, err = render.communicate(timeout=120)

    assert render.returncode == code, err.decode()
    assert words in err.decode() and b"Traceback" not in err
    assert sorted(p.name for p in out.iterdir()) == sorted(before)  # no staging folder, no stray file
    assert snapshot(out) == before
    assert held_source.read_bytes() == source_bytes


def test_an_interrupted_render_removes_only_the_empty_folder_it_made(held_source, tmp_path):
    out = tmp_path / "new" / "out"
    render = start_render(held_source, out)
    wait_until_writing(render, out)
    hold(render)
    resume(render, signal.SIGTERM)
    render.communicate(timeout=120)
    assert not (tmp_path / "new").exists()  # both folders were its own and empty: gone again
    assert tmp_path.exists()


def test_a_killed_render_leaves_staging_that_the_next_run_removes(held_source, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "上次的稿子.docx").write_bytes(b"a draft the user keeps")
    render = start_render(held_source, out)
    wait_until_writing(render, out)
    hold(render)
    render.send_signal(signal.SIGKILL)  # the parent dies held; a forked writer of its group resumes and ends
    resume(render)
    render.communicate(timeout=120)
    left = staging_folders(out)
    assert len(left) == 1  # SIGKILL cannot be handled: the staging folder stays, no output appeared
    assert not (out / f"{held_source.stem}.docx").exists()
    wait_until_unlocked(left[0])

    rerun = subprocess.run([sys.executable, "-m", "reportgen", "render", str(YANTIAN), "-o", str(out)],
                           cwd=ROOT, capture_output=True, timeout=120)
    assert rerun.returncode == 0, rerun.stderr.decode()
    assert staging_folders(out) == []
    assert (out / "上次的稿子.docx").read_bytes() == b"a draft the user keeps"
    assert (out / f"{YANTIAN.stem}.docx").exists()


def test_staging_in_use_by_a_running_render_is_left_alone(held_source, tmp_path):
    out = tmp_path / "out"
    slow = start_render(held_source, out)
    wait_until_writing(slow, out)
    hold(slow)  # its staging folder is in use, and stays so until the other render is done
    quick = subprocess.run([sys.executable, "-m", "reportgen", "render", str(YANTIAN), "-o", str(out)],
                           cwd=ROOT, capture_output=True, timeout=120)
    resume(slow)
    assert quick.returncode == 0, quick.stderr.decode()
    _, err = slow.communicate(timeout=120)
    assert slow.returncode == 0, err.decode()  # its staging folder was not taken from under it
    assert (out / f"{held_source.stem}.docx").exists() and (out / f"{YANTIAN.stem}.html").exists()


def test_two_renders_into_one_folder_one_interrupted_keep_the_others_outputs(held_source, tmp_path):
    out = tmp_path / "shared"  # made by the render that is then interrupted
    slow = start_render(held_source, out)
    wait_until_writing(slow, out)
    hold(slow)  # still writing when the other is done, however long that takes
    quick = subprocess.run([sys.executable, "-m", "reportgen", "render", str(YANTIAN), "-o", str(out)],
                           cwd=ROOT, capture_output=True, timeout=120)
    finished = snapshot(out)
    resume(slow, signal.SIGINT)
    slow.communicate(timeout=120)
    assert quick.returncode == 0, quick.stderr.decode()
    assert set(finished) == {f"{YANTIAN.stem}.docx", f"{YANTIAN.stem}.html", RECORD}

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
                             cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
    wait_until_writing(batch, out)
    batch.send_signal(signal.SIGTERM)
    _, err = batch.communicate(timeout=120)
    assert batch.returncode == 128 + signal.SIGTERM, err.decode()
    wait_until_group_gone(batch.pid)  # a worker that outlived the parent would still be writing
    assert sorted(p.name for p in out.iterdir()) == ["keep.txt"]


def test_outputs_are_replaced_all_or_none_when_one_cannot_be_written(tmp_path, capsys):
    from reportgen.cli import main

    out = tmp_path / "out"
    out.mkdir()
    (out / f"{YANTIAN.stem}.docx").write_bytes(b"last year's draft")
    (out / f"{YANTIAN.stem}.html").mkdir()  # a folder in the way of the HTML: refused before any work
    assert main(["render", str(YANTIAN), "-o", str(out)]) == 1
    assert "这是一个文件夹" in capsys.readouterr().err
    assert (out / f"{YANTIAN.stem}.docx").read_bytes() == b"last year's draft"
    assert sorted(p.name for p in out.iterdir()) == [f"{YANTIAN.stem}.docx", f"{YANTIAN.stem}.html"]


def test_a_rename_failing_midway_puts_back_what_was_replaced(tmp_path, monkeypatch):
    from reportgen.base import staging

    out = tmp_path / "out"
    out.mkdir()
    replace_together([(out / "a.docx", b"old a")], "render")  # the last render's
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
        area.move_in([(area.path / "a.docx", out / "a.docx"), (area.path / "b.html", out / "b.html")], "render")
    monkeypatch.setattr(staging.os, "replace", real_replace)
    area.remove()
    assert (out / "a.docx").read_bytes() == b"old a"
    assert sorted(p.name for p in out.iterdir()) == [RECORD, "a.docx"]


def test_a_failed_first_render_into_a_folder_leaves_no_record_behind(tmp_path, monkeypatch):
    """A render stopped while it renames its outputs into a folder it never wrote to (SIGTERM in a batch: CI saw
    `.written-by-reportgen.json` left beside keep.txt) leaves the folder as it was: no record of files it never put."""
    from reportgen.base import staging

    out = tmp_path / "out"
    out.mkdir()
    (out / "keep.txt").write_text("kept")
    area = staging.Staging(out)
    (area.path / "a.docx").write_bytes(b"new a")

    real_replace = os.replace

    def stopped(src, dst):  # the output's rename interrupted; the record's own renames go through
        if str(dst).endswith("a.docx"):
            raise KeyboardInterrupt
        real_replace(src, dst)

    monkeypatch.setattr(staging.os, "replace", stopped)
    with pytest.raises(KeyboardInterrupt):
        area.move_in([(area.path / "a.docx", out / "a.docx")], "render")
    monkeypatch.undo()
    area.remove()
    assert sorted(p.name for p in out.iterdir()) == ["keep.txt"]


def test_a_staging_folder_not_locked_yet_is_left_while_its_maker_lives(tmp_path, monkeypatch):
    """The window between making a staging folder and locking it (seen in CI: a render held there
    had its folder taken by the next run): the folder's name says whose it is."""
    from reportgen.base import staging

    out = tmp_path / "out"
    out.mkdir()
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    with subprocess.Popen([sys.executable, "-c", "import sys; sys.stdin.read()"], stdin=subprocess.PIPE) as maker:
        being_made = out / f"{PREFIX}{maker.pid}-abc12345"
        abandoned = out / f"{PREFIX}{int(dead.stdout)}-def45678"
        for folder in (being_made, abandoned):
            folder.mkdir()
        monkeypatch.setattr(staging, "_STARTED", time.time() + 1)  # a later run's
        assert staging.remove_stale_staging(out) == [abandoned]
        maker.stdin.close()
    assert being_made.is_dir() and not abandoned.exists()


@pytest.mark.parametrize("content", [None, "", "reportgen staging", "whole"])
def test_a_staging_folder_not_locked_whose_pid_a_later_process_carries_is_removed(content, tmp_path, monkeypatch):
    """A run killed before its lock file took its name, whose pid a later process carries (in a container
    every run may have the same pid, the next render's own): that process began after the folder was made,
    so the folder's maker is gone and the folder goes. A folder of the same shape holding anything else stays."""
    from reportgen.base import staging

    out = tmp_path / "out"
    out.mkdir()
    with subprocess.Popen([sys.executable, "-c", "import sys; sys.stdin.read()"], stdin=subprocess.PIPE) as later:
        left = [out / f"{PREFIX}{pid}-abc1234{n}" for n, pid in enumerate((os.getpid(), later.pid))]
        kept = out / f"{PREFIX}{os.getpid()}-keep1234"
        for folder in [*left, kept]:
            folder.mkdir()
            if content is not None:
                record = staging._record(folder.name, int(folder.name.split("-")[1]))  # noqa: SLF001
                (folder / ".lock-taking").write_bytes(record if content == "whole" else content.encode())
        (kept / "稿.docx").write_bytes(b"a draft")
        for folder in [*left, kept]:
            os.utime(folder, (time.time() - 60, time.time() - 60))  # made before either process began
        monkeypatch.setattr(staging, "_STARTED", time.time())  # a run begun since (this process, long running, began before)
        assert sorted(staging.remove_stale_staging(out)) == sorted(left)
        later.stdin.close()
    assert [p.name for p in out.iterdir()] == [kept.name]


def test_a_lock_file_made_but_not_yet_locked_is_no_free_lock(tmp_path, monkeypatch):
    """The window after the lock file is made and before it is locked (seen in a full run: a render
    held there lost its folder to the next run, whose lock test found the file free). The file is
    made under another name and takes LOCK's only once locked, so the next run finds no LOCK and
    asks whether the folder's maker lives."""
    from reportgen.base import staging

    out = tmp_path / "out"
    out.mkdir()
    held = staging.Staging(out)  # a finished lock: LOCK, held
    assert sorted(p.name for p in held.path.iterdir()) == [LOCK]
    with subprocess.Popen([sys.executable, "-c", "import sys; sys.stdin.read()"], stdin=subprocess.PIPE) as maker:
        being_locked = out / f"{PREFIX}{maker.pid}-abc12345"
        being_locked.mkdir()
        (being_locked / ".lock-taking").touch()  # its maker stands between making the file and locking it
        monkeypatch.setattr(staging, "_STARTED", time.time() + 1)  # a later run's
        assert staging.remove_stale_staging(out) == []
        monkeypatch.undo()
        maker.stdin.close()
    assert held.path.is_dir() and being_locked.is_dir()
    held.remove()


def test_cleanup_removes_only_what_carries_its_own_lock_and_process_record(tmp_path):
    """A user's folder named like a staging folder, a folder of that shape without reportgen's lock
    or with someone else's, and a file named like a temporary file of a process that has ended: none
    is proof that reportgen wrote it, and each stays. A staging folder a killed run left (its own
    record, its lock free) is removed by the next render into the folder."""
    from reportgen.base import staging

    out = tmp_path / "out"
    out.mkdir()
    dead = int(subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                              capture_output=True, text=True).stdout)
    mine = {
        f"{PREFIX}笔记/要点.txt": b"my notes",
        f"{PREFIX}{dead}-abcdefgh/稿.docx": b"a draft, no lock",
        f"{PREFIX}{dead}-ijklmnop/{LOCK}": b"a lock of my own",
        f"{PREFIX}{dead}-qrstuvwx/{LOCK}": f"reportgen staging folder {PREFIX}{dead}-zzzzzzzz\npid {dead}\n".encode(),
        f".预算.docx.{dead}.deadbeef.tmp": b"a file named like a temporary one",
    }
    for name, data in mine.items():
        (out / name).parent.mkdir(exist_ok=True)
        (out / name).write_bytes(data)
    left = staging.Staging(out)  # a run killed outright: its record stays, its lock is freed with its process
    (left.path / "a.docx").write_bytes(b"half written")
    os.close(left._lock_fd)  # noqa: SLF001
    for path in [*out.iterdir()]:
        os.utime(path, (staging._STARTED - 60, staging._STARTED - 60))

    rerun = subprocess.run([sys.executable, "-m", "reportgen", "render", str(YANTIAN), "-o", str(out), "--format", "html"],
                           cwd=ROOT, capture_output=True, timeout=120)
    assert rerun.returncode == 0, rerun.stderr.decode()
    assert not left.path.exists()
    assert {name: (out / name).read_bytes() for name in mine} == mine
    assert sorted(p.name for p in out.iterdir()) == sorted(
        {name.split("/")[0] for name in mine} | {RECORD, f"{YANTIAN.stem}.html"})


def test_an_interruption_as_a_staging_folder_is_made_leaves_none_behind(tmp_path, monkeypatch):
    """A signal can land between the folder's mkdir and its maker holding it (the full suite under load
    caught a SIGTERM there: .reportgen-<pid>-… was left in the user's folder); the command's unwinding
    removes every staging folder the process made (staging.remove_live, called by commands/base.py)."""
    from reportgen.base import staging

    real = os.mkdir

    def made_then_interrupted(path, mode=0o777):
        real(path, mode)
        raise KeyboardInterrupt  # as a signal handler raises it, right after the folder exists

    monkeypatch.setattr(os, "mkdir", made_then_interrupted)
    with pytest.raises(KeyboardInterrupt):
        staging.Staging(tmp_path)
    monkeypatch.undo()
    assert [p.name.startswith(staging.PREFIX) for p in tmp_path.iterdir()] == [True]
    staging.remove_live()
    assert list(tmp_path.iterdir()) == []


def test_a_worker_stopped_between_making_its_staging_folder_and_holding_it_leaves_none(tmp_path):
    """The window a CI run once hit: SIGTERM lands in a batch worker after its staging folder is made and
    before the Staging that holds it exists; the worker ends at once (os._exit) — removing that folder first."""
    out = tmp_path / "out"
    out.mkdir()
    program = (
        "import sys\nfrom pathlib import Path\nimport reportgen.runners.batch as batch\nfrom reportgen.base import staging\n"
        "def caught(source, job):\n    staging._made(Path(sys.argv[1]))\n    raise KeyboardInterrupt\n"
        "batch.render_one = caught\nbatch._render_in_worker('a.yaml', None)\n")
    done = subprocess.run([sys.executable, "-c", program, str(out)], cwd=ROOT, capture_output=True, timeout=60)
    assert done.returncode == 128 + signal.SIGTERM, done.stderr.decode()
    assert list(out.iterdir()) == []
