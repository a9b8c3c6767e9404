"""The preview under load and with files that would block: idle and slow connections time out,
the excess is refused at the door, the event stream outlives the read timeout, and a referenced
named pipe never freezes the watcher. Loopback only; every loop bounded."""

from __future__ import annotations

import http.client
import os
import socket
import threading
import time
from pathlib import Path

import pytest

from reportgen import preview
from reportgen.preview import PreviewServer
from tests.test_preview import PLUS_ONE, edit_all, request, source_in, wait_for_render


@pytest.fixture
def quick(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(preview, "READ_TIMEOUT_SECONDS", 0.5)
    monkeypatch.setattr(preview, "MAX_CONNECTIONS", 16)


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


def test_hundreds_of_idle_connections_neither_use_up_threads_nor_stop_the_page(quick, tmp_path):
    with PreviewServer(source_in(tmp_path)).start() as server:
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


def test_a_slow_client_is_disconnected_after_the_read_timeout(quick, tmp_path):
    with PreviewServer(source_in(tmp_path)).start() as server:
        sock = socket.create_connection(("127.0.0.1", server.port), timeout=5)
        try:
            sock.sendall(b"GET / HT")  # half a request line, and then nothing
            start = time.monotonic()
            assert sock.recv(1024) == b""  # closed by the server
            assert time.monotonic() - start < 3
        finally:
            sock.close()


def test_the_event_stream_outlives_the_read_timeout(quick, tmp_path):
    source = source_in(tmp_path)
    with PreviewServer(source).start() as server:
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


def test_a_named_pipe_as_prior_source_never_freezes_the_watcher(tmp_path):
    source = source_in(tmp_path)
    os.mkfifo(tmp_path / "pipe-2021.yaml")
    with PreviewServer(source).start() as server:
        first = server.state.current
        text = source.read_text(encoding="utf-8").replace("上年:\n", "上年:\n  来源: pipe-2021.yaml\n", 1)
        source.write_text(text, encoding="utf-8")
        newer = wait_for_render(server, first, timeout=10)
        assert any("命名管道" in f.message for f in newer.findings), [f.format() for f in newer.findings]
        assert served_within(server, 2) < 2
        # and it goes on watching: mending the source renders again
        source.write_text(text.replace("  来源: pipe-2021.yaml\n", ""), encoding="utf-8")
        mended = wait_for_render(server, newer, timeout=10)
        assert not mended.errors


def test_a_user_preview_hook_that_loops_gives_way_to_the_default(monkeypatch, tmp_path):
    from reportgen import templating

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
