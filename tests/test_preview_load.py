"""The preview under load and with files that would block: idle and slow connections time out,
the excess is refused at the door, the event stream outlives the read timeout, a page that
reloads again and again never locks itself out, and a referenced named pipe or device never
freezes the watcher. Loopback only; every loop bounded, every helper thread stops by itself."""

from __future__ import annotations

import argparse
import http.client
import os
import shutil
import socket
import stat
import threading
import time
from pathlib import Path

import pytest

from reportgen.commands.base import invoke
from reportgen.runners import preview
from reportgen.runners.preview import PreviewServer, snapshot
from tests.test_preview import (
    PLUS_ONE,
    ROOT,
    EventStream,
    edit_all,
    page,
    request,
    source_in,
    token_of,
    wait_for_render,
)

QUICK = {"read_timeout": 0.5, "max_connections": 16}  # limits small enough for short tests


def served_within(server: PreviewServer, seconds: float) -> float:
    """Seconds until GET / is answered 200 (a refused connection is tried again), else fail."""
    start = time.monotonic()
    while time.monotonic() - start < seconds:
        try:
            status, _, _ = request(server, "/")
            if status == 200:
                return time.monotonic() - start
        except (ConnectionError, http.client.HTTPException, TimeoutError, OSError):
            time.sleep(0.05)
    raise AssertionError(f"the page was not served within {seconds} s")


def closed_by_server_within(sock: socket.socket, seconds: float) -> bool:
    """True when the server closes ``sock`` within ``seconds`` (whatever it sent first is skipped)."""
    deadline = time.monotonic() + seconds
    while (left := deadline - time.monotonic()) > 0:
        sock.settimeout(left)
        try:
            if sock.recv(65536) == b"":
                return True
        except ConnectionResetError:
            return True
        except TimeoutError:
            return False
    return False


# -- connections -----------------------------------------------------------------------------------


def test_hundreds_of_idle_connections_neither_use_up_threads_nor_stop_the_page(tmp_path):
    with PreviewServer(source_in(tmp_path), **QUICK).start() as server:
        threads_before = threading.active_count()
        idle = []
        try:
            for _ in range(300):
                idle.append(socket.create_connection(("127.0.0.1", server.port), timeout=5))
            time.sleep(0.2)
            assert threading.active_count() <= threads_before + 16 + 2  # the cap, not one per connection
            assert served_within(server, 5) < 5  # once the idle ones time out, the page is served
        finally:
            for sock in idle:
                sock.close()
        assert served_within(server, 2) < 2


def test_a_slow_client_is_disconnected_after_the_read_timeout(tmp_path):
    with PreviewServer(source_in(tmp_path), **QUICK).start() as server:
        sock = socket.create_connection(("127.0.0.1", server.port), timeout=5)
        try:
            sock.sendall(b"GET / HT")  # half a request line, and then nothing
            start = time.monotonic()
            assert sock.recv(1024) == b""  # closed by the server
            assert time.monotonic() - start < 3
        finally:
            sock.close()


def test_a_client_trickling_its_request_is_disconnected_after_the_read_timeout(tmp_path):
    """One deadline for the whole request: a byte every 0.1 s never resets it."""
    with PreviewServer(source_in(tmp_path), **QUICK).start() as server:
        sock = socket.create_connection(("127.0.0.1", server.port), timeout=5)
        trickle = b"GET / HTTP/1.0\r\nX-Slow: " + b"a" * 60  # 7 s at this pace, were it all read
        start = time.monotonic()
        closed_after = None
        try:
            for byte in trickle:
                try:
                    sock.sendall(bytes([byte]))
                except OSError:  # reset: the server has closed it
                    closed_after = time.monotonic() - start
                    break
                if closed_by_server_within(sock, 0.1):
                    closed_after = time.monotonic() - start
                    break
        finally:
            sock.close()
        assert closed_after is not None and closed_after < 2, closed_after


def test_closing_the_server_never_waits_for_idle_clients(tmp_path):
    server = PreviewServer(source_in(tmp_path), read_timeout=5).start()
    idle = [socket.create_connection(("127.0.0.1", server.port), timeout=5) for _ in range(5)]
    stream = EventStream(server, server.state.current.token)
    try:
        time.sleep(0.2)  # every connection has its thread
        start = time.monotonic()
        server.close()
        assert time.monotonic() - start < 1.5  # not the 5 s read timeout
        for sock in idle:
            assert closed_by_server_within(sock, 1)
    finally:
        server.close()
        stream.close()
        for sock in idle:
            sock.close()


# -- event streams ---------------------------------------------------------------------------------


def test_the_event_stream_outlives_the_read_timeout(tmp_path):
    source = source_in(tmp_path)
    with PreviewServer(source, **QUICK).start() as server:
        first = server.state.current
        conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
        conn.request("GET", f"/events?v={first.token}")
        response = conn.getresponse()
        assert response.status == 200
        time.sleep(1.2)  # more than twice the read timeout
        edit_all(source, PLUS_ONE)
        newer = wait_for_render(server, first)
        received = b""
        deadline = time.monotonic() + 10
        while b"\n\n" not in received.partition(b"event: reload")[2] and time.monotonic() < deadline:
            received += response.fp.readline()
        conn.close()
        assert f"data: {newer.token}".encode() in received


def test_a_page_reloading_again_and_again_never_locks_itself_out(tmp_path):
    """Each reload closes the page's stream and opens a new one: the old streams must give their
    places back (the server looks, and a newer stream ends the oldest), or a few reloads would
    fill the cap and the page would be refused."""
    with PreviewServer(source_in(tmp_path), read_timeout=0.5, max_connections=6, max_streams=2).start() as server:
        stream = None
        try:
            for _ in range(40):  # 6 places: without giving them back, the 6th reload is refused
                if stream is not None:
                    stream.close()  # the browser leaves the old page
                token = token_of(page(server))  # at once: never a retry
                stream = EventStream(server, token)  # asserts 200
        finally:
            if stream is not None:
                stream.close()


def test_a_page_reloading_on_a_busy_machine_never_locks_itself_out(tmp_path, monkeypatch):
    """On a busy machine (load 12) the thread that answered the page, or served a stream a newer one ended, runs
    again only after the next reload has come: each lets its place go 50 ms late here. The reload waits for the
    place, never refused at the door (it was once the late ones filled the cap: the test above failed so at load 12)."""
    let_go = preview._Server._free

    def late(server: preview._Server, request: socket.socket) -> None:
        time.sleep(0.05)
        let_go(server, request)

    monkeypatch.setattr(preview._Server, "_free", late)
    with PreviewServer(source_in(tmp_path), read_timeout=0.5, max_connections=6, max_streams=2).start() as server:
        stream = None
        try:
            for _ in range(12):  # refused by the 4th reload before
                if stream is not None:
                    stream.close()
                token = token_of(page(server))  # at once: never a retry
                stream = EventStream(server, token)  # asserts 200
        finally:
            if stream is not None:
                stream.close()


def test_beyond_the_stream_cap_the_oldest_stream_is_ended(tmp_path):
    source = source_in(tmp_path)
    with PreviewServer(source, read_timeout=0.5, max_connections=8, max_streams=2).start() as server:
        first = server.state.current
        streams = [EventStream(server, first.token) for _ in range(3)]
        try:
            assert closed_by_server_within(streams[0].sock, 10)  # the oldest: its page reconnects (a deadline: a loaded machine is slow)
            assert page(server)  # the page still has its place
            edit_all(source, PLUS_ONE)
            newer = wait_for_render(server, first)
            for kept in streams[1:]:
                assert kept.next_event(timeout=5) == ("reload", newer.token)
        finally:
            for s in streams:
                s.close()


# -- files that would block ------------------------------------------------------------------------


def test_the_watcher_only_stats_a_named_pipe(tmp_path):
    """Opening a FIFO for reading waits for a writer: snapshot must not, and a FIFO's times say
    nothing about its content, so touching it is no change; turning a file into one is."""
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    result: list[dict] = []
    looker = threading.Thread(target=lambda: result.append(snapshot([fifo])), daemon=True)
    looker.start()
    looker.join(timeout=2)
    if not result:  # unblock the looker (it opened the pipe): a writer that leaves at once
        os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
        pytest.fail("snapshot blocked on a named pipe")
    before = result[0]
    assert before[str(fifo)] is not None
    os.utime(fifo, ns=(1, 1))
    assert snapshot([fifo]) == before
    regular = tmp_path / "regular.yaml"
    regular.write_text("a: 1\n", encoding="utf-8")
    as_file = snapshot([regular])
    regular.unlink()
    os.mkfifo(regular)
    assert snapshot([regular]) != as_file


def test_a_named_pipe_as_prior_source_never_freezes_the_watcher(tmp_path):
    source = source_in(tmp_path)
    os.mkfifo(tmp_path / "pipe-2021.yaml")
    with PreviewServer(source).start() as server:
        first = server.state.current
        text = source.read_text(encoding="utf-8").replace("上年:\n", "上年:\n  来源: pipe-2021.yaml\n", 1)
        source.write_text(text, encoding="utf-8")
        newer = wait_for_render(server, first, timeout=10)
        assert any("命名管道" in f.message for f in newer.findings), [f.format() for f in newer.findings]
        assert newer.broken and "rg-overlay" in page(server)
        assert served_within(server, 2) < 2
        # and it goes on watching: mending the source renders again
        source.write_text(text.replace("  来源: pipe-2021.yaml\n", ""), encoding="utf-8")
        mended = wait_for_render(server, newer, timeout=10)
        assert not mended.errors


@pytest.mark.parametrize("kind", ["fifo", "device"])
def test_a_unit_file_that_is_a_pipe_or_a_device_never_freezes_the_watcher(tmp_path, kind):
    shutil.copytree(ROOT / "data" / "units", tmp_path / "units")
    source = tmp_path / "两单位.yaml"
    shutil.copyfile(ROOT / "data" / "example-two-units-2024.yaml", source)
    if kind == "fifo":
        os.mkfifo(tmp_path / "unit-pipe.yaml")
        named, word = "unit-pipe.yaml", "命名管道"
    else:
        if not (os.path.exists("/dev/zero") and stat.S_ISCHR(os.stat("/dev/zero").st_mode)):
            pytest.skip("no /dev/zero here")
        named, word = "/dev/zero", "设备文件"
    original = source.read_text(encoding="utf-8")
    with PreviewServer(source).start() as server:
        first = server.state.current
        assert not first.broken, first.findings
        edit_all(source, [("包含: units/example-two-units-2024-sanatorium.yaml", f"包含: {named}")])
        newer = wait_for_render(server, first, timeout=10)
        assert newer.broken and any(word in f.message for f in newer.errors), [f.format() for f in newer.findings]
        assert served_within(server, 2) < 2
        source.write_text(original, encoding="utf-8")
        assert not wait_for_render(server, newer, timeout=10).broken


def test_a_file_that_never_holds_still_does_not_stop_renders(tmp_path):
    """The watcher waits for a saved file to hold still, but only so long: a file in a template
    folder rewritten every 20 ms (a log, a build) must not hold back the source's changes."""
    source = source_in(tmp_path)
    templates = tmp_path / "tpl"
    templates.mkdir()
    busy = templates / "busy.log"
    stop = threading.Event()

    def keep_writing() -> None:
        for i in range(300):  # 6 s at most, and the test stops it sooner
            if stop.wait(0.02):
                return
            busy.write_text("x" * (i % 7), encoding="utf-8")

    writer = threading.Thread(target=keep_writing, daemon=True)
    with PreviewServer(source, [templates]).start() as server:
        writer.start()
        try:
            time.sleep(0.3)  # the watcher is waiting for it to hold still
            edit_all(source, PLUS_ONE)
            deadline = time.monotonic() + 4
            while "1,274.52" not in page(server):
                assert time.monotonic() < deadline, "the edit was never rendered while the log was written"
                time.sleep(0.1)
        finally:
            stop.set()
            writer.join(timeout=5)


# -- the command -----------------------------------------------------------------------------------


def test_a_named_pipe_as_the_source_is_named_so_not_missing(tmp_path, capsys):
    fifo = tmp_path / "源.yaml"
    os.mkfifo(fifo)
    args = argparse.Namespace(source=fifo, port=0, open=False, templates=None, layout=None)
    assert invoke("preview", args) == 2  # at once: the pipe is never opened
    err = capsys.readouterr().err
    assert "不是普通文件" in err and "找不到" not in err


def test_a_user_preview_hook_that_loops_gives_way_to_the_default(monkeypatch, tmp_path):
    from reportgen.base import templating

    monkeypatch.setattr(templating, "TEMPLATE_SECONDS", 0.5)
    templates = tmp_path / "tpl"
    templates.mkdir()
    default = (Path(preview.DEFAULT_TEMPLATES) / "preview.html.j2").read_text(encoding="utf-8")
    looping = default.replace("{% macro head(view) %}",
                              "{% macro head(view) %}{% for i in range(10**6) %}{% for j in range(10**6) %}{% endfor %}{% endfor %}", 1)
    assert looping != default
    (templates / "preview.html.j2").write_text(looping, encoding="utf-8")
    start = time.monotonic()
    with PreviewServer(source_in(tmp_path), [templates]).start() as server:
        assert served_within(server, 10) < 10
    assert time.monotonic() - start < 15
