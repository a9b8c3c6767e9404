"""The live preview behind ``reportgen preview``: render, watch, serve, reload.

Three parts, all standard library:

* ``PreviewState`` renders the source in-process (``prepare`` → ``document_for`` → ``html_string``)
  and holds the latest published page. A broken source never replaces the last good render: the
  page keeps showing it, with an overlay listing the findings as ``reportgen check`` prints them.
* ``Watcher`` polls the source, its prior-year source (``上年.来源``), the unit files it 包含 and
  the template folders with ``os.stat`` alone (mtime, size, inode; never an open, so a named pipe
  or a device among them cannot block it) and re-renders on every change.
* ``PreviewServer`` serves exactly three URLs on 127.0.0.1: ``/`` (the page), ``/events``
  (server-sent events: ``reload`` when a newer render exists) and ``/report.docx`` (the DOCX of the
  render on the page). No URL is ever mapped to a file: every other path is 404. It serves one
  person on this machine, so it is bounded like one: each request must arrive within a read
  timeout, a fixed number of connections are served at once (the excess is closed at the door),
  and a few event streams are kept (a newer one ends the oldest, so a page that reloads itself
  never locks itself out).
"""

from __future__ import annotations

import contextlib
import io
import os
import secrets
import socket
import stat
import sys
import threading
import time
import traceback
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, quote

from markupsafe import Markup

from reportgen.base.errors import Finding
from reportgen.base.locations import DEFAULT_TEMPLATES
from reportgen.base.templating import TemplateFault, call_bounded
from reportgen.docmodel.document import Document
from reportgen.runners.render import document_for, layout_of, missing_findings, prepare, unprinted_findings
from reportgen.shaping.layouts import LayoutError
from reportgen.source.loader import referenced_files
from reportgen.writers.docx import docx_bytes
from reportgen.writers.docx.package import epoch_problem
from reportgen.writers.html import environment, html_string

HOST = "127.0.0.1"
PREVIEW_TEMPLATE = "preview.html.j2"
POLL_SECONDS = 0.2  # how often the watcher looks at the files
SETTLE_SECONDS = 0.05  # an editor may write a file in several steps: wait until it holds still
SETTLE_LIMIT_SECONDS = 1.0  # ...but a file that never holds still (a log) is rendered all the same
KEEPALIVE_SECONDS = 10.0  # an SSE comment this often, so proxies and browsers keep the stream open
STREAM_CHECK_SECONDS = 0.5  # how soon an event stream notices that its page went away (a reload)
# The preview serves one person on this machine: a page, its event stream, a DOCX now and then.
# A connection must send its whole request line and headers within READ_TIMEOUT_SECONDS (one
# deadline, not one per read: a client trickling a byte at a time is closed as surely as an idle
# one). Beyond MAX_CONNECTIONS at once new ones are refused at the door (closed without a thread;
# after up to GIVE_BACK_SECONDS for a place an ending thread gives back, when no slow one can be
# closed instead), so idle or slow-loris connections can never use up the threads, and the page is
# served again as soon as they have timed out. Event streams are long-lived by design and hold a connection each:
# at most MAX_EVENT_STREAMS are kept (a new one ends the oldest, which is nearly always a page that
# has since reloaded), so they can never take the places the page itself needs.
READ_TIMEOUT_SECONDS = 5.0
WRITE_TIMEOUT_SECONDS = 30.0  # a client that stops reading a response frees its thread in time
MAX_CONNECTIONS = 32
MAX_EVENT_STREAMS = 8
GIVE_BACK_SECONDS = 1.0  # how long a connection beyond the cap waits for a place an ending thread gives back
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

# What the watcher compares: (kind, mtime, size, inode) of a regular file or a folder; (kind, inode)
# of anything else, whose times and size say nothing about its content (a tty's mtime moves when
# the preview itself prints); None when it cannot be stat'ed.
Stat = tuple[int, ...] | None


# -- what was rendered ------------------------------------------------------------------------------


@dataclass(frozen=True)
class GoodRender:
    """The last render that succeeded: the Document on the page and the DOCX made from it."""

    id: int
    document: Document
    seconds: float


@dataclass(frozen=True)
class Published:
    """What the server hands out until the next render."""

    token: str  # changes with every render; the page reloads when it differs from its own
    page: bytes
    findings: tuple[Finding, ...]
    broken: bool
    good: GoodRender | None
    checked_at: float = field(default_factory=time.time)

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "error"]


def _internal_fault(source: Path, exc: BaseException) -> Finding:
    if os.environ.get("REPORTGEN_DEBUG"):
        traceback.print_exception(exc)
    return Finding("error", "内部错误", f"{type(exc).__name__}: {exc}", str(source))


def _template_fault(exc: TemplateFault) -> Finding:
    return Finding("error", "模板", exc.message, exc.file, exc.line)


class PreviewState:
    """The renderer and the latest published page, shared by the watcher and request threads.

    ``rerender`` is serialised by a lock; readers take ``current`` (an immutable snapshot) and
    ``wait_for_change`` blocks until a render newer than the one a page shows is published.
    """

    def __init__(self, source: Path, templates: list[Path] | None = None,
                 on_render: Callable[[Published], None] | None = None, layout: str | None = None) -> None:
        self.source = Path(source)
        self.templates = [Path(t) for t in templates or []]
        self.layout = layout  # --layout, over the source's 版式
        self.layout_folders: list[Path] = []  # the folders of the layout the last render used
        self.on_render = on_render
        self.references: list[Path] = []  # unit files and last year's source, as the last load named them
        self._boot = secrets.token_hex(4)  # a restarted server's tokens never match an old page's
        self._version = 0
        self._good_ids = 0
        self._good: GoodRender | None = None
        self._current: Published | None = None
        self._closed = False
        self._changed = threading.Condition()
        self._render_lock = threading.Lock()
        self._docx_lock = threading.Lock()
        self._docx: tuple[int, bytes] | None = None

    # -- reading -----------------------------------------------------------------------------

    @property
    def current(self) -> Published:
        with self._changed:
            if self._current is None:
                raise RuntimeError("nothing rendered yet: call rerender() first")
            return self._current

    @property
    def closed(self) -> bool:
        return self._closed

    def wait_for_change(self, known: str, timeout: float,
                        stop: threading.Event | None = None) -> Published | None:
        """The published render if its token differs from ``known`` (at once or within
        ``timeout``); None when nothing newer came, the state is closing, or ``stop`` was set
        (whoever sets it calls :meth:`wake`)."""
        def done() -> bool:
            return (self._closed or (stop is not None and stop.is_set())
                    or (self._current is not None and self._current.token != known))

        with self._changed:
            self._changed.wait_for(done, timeout)
            if self._closed or self._current is None or self._current.token == known:
                return None
            return self._current

    def wake(self) -> None:
        """Wake every wait_for_change, so that one whose ``stop`` was set returns now."""
        with self._changed:
            self._changed.notify_all()

    def watched_paths(self) -> list[Path]:
        """The source, the unit files and prior-year source it reads (and theirs), and every
        template folder (searched recursively)."""
        paths = [self.source, *self.references]
        paths += self.templates
        paths += [folder for folder in self.layout_folders if not folder.is_relative_to(DEFAULT_TEMPLATES)]
        paths.append(DEFAULT_TEMPLATES)
        return paths

    def docx(self, good_id: int | None = None) -> bytes | None:
        """The DOCX of the render on the page (made on first request, then kept); None when there
        is no good render, or ``good_id`` names one that a newer render has replaced."""
        good = self.current.good
        if good is None or (good_id is not None and good_id != good.id):
            return None
        with self._docx_lock:
            if self._docx is None or self._docx[0] != good.id:
                self._docx = (good.id, docx_bytes(good.document))
            return self._docx[1]

    # -- rendering ---------------------------------------------------------------------------

    def rerender(self) -> Published:
        """Render the source now and publish the result; never raises for bad input."""
        with self._render_lock:
            start = time.perf_counter()
            findings, document = self._build()
            seconds = time.perf_counter() - start
            good = self._good
            page: str | None = None
            if document is not None:
                candidate = GoodRender(self._good_ids + 1, document, seconds)
                try:
                    page = self._page(candidate, findings, broken=False, fallback=False)
                    good = candidate
                except TemplateFault as exc:  # the user's page.html.j2 cannot render
                    findings.append(_template_fault(exc))
                except Exception as exc:  # e.g. a user's page template dividing by zero
                    if os.environ.get("REPORTGEN_DEBUG"):
                        traceback.print_exception(exc)
                    findings.append(Finding("error", "模板", f"页面模板出错：{type(exc).__name__}: {exc}"))
            broken = page is None
            if broken:
                page = self._page(good, findings, broken=True, fallback=True)
            assert page is not None
            with self._changed:
                self._version += 1
                if good is not self._good:
                    self._good_ids += 1
                    self._good = good
                self._current = Published(self._token(), page.encode("utf-8"), tuple(findings), broken, good)
                self._changed.notify_all()
                published = self._current
        if self.on_render is not None:
            self.on_render(published)
        return published

    def close(self) -> None:
        """Wake every waiting event stream so it can end."""
        with self._changed:
            self._closed = True
            self._changed.notify_all()

    def _token(self) -> str:
        return f"{self._boot}-{self._version}"

    def _build(self) -> tuple[list[Finding], Document | None]:
        """Findings, and the Document when the source has no errors."""
        problem = epoch_problem()  # the DOCX's dates: the page says so rather than a download failing
        if problem:
            return [Finding("error", "环境变量", problem, "SOURCE_DATE_EPOCH")], None
        try:
            prepared = prepare(self.source)
        except Exception as exc:  # a bug, not bad input: still show it in the page, keep serving
            return [_internal_fault(self.source, exc)], None
        findings = list(prepared.findings)
        self.references = referenced_files(self.source) or self.references
        if prepared.budget is None or prepared.errors:
            return findings, None
        try:
            self.layout_folders = layout_of(prepared.budget, self.layout).folders
            document = document_for(prepared, self.templates or None, layout=self.layout)
            # the page shows the 待补充 markers, and the panel names each missing part
            return findings + missing_findings(prepared.budget, document) + unprinted_findings(prepared.budget, document), \
                document
        except TemplateFault as exc:
            return findings + [_template_fault(exc)], None
        except LayoutError as exc:  # the --layout folder's 版式.yaml broke while previewing: named
            return findings + [Finding("error", "版式", exc.message)], None
        except Exception as exc:
            return findings + [_internal_fault(self.source, exc)], None

    def _page(self, good: GoodRender | None, findings: list[Finding], broken: bool, fallback: bool) -> str:
        """The page: the good render's document (or an empty one) with the preview's additions.
        With ``fallback``, a user page template that fails gives way to the default one."""
        extra = self._extra(self._view(good, findings, broken))
        document = good.document if good else Document([], meta={})
        try:
            return html_string(document, self.templates or None, extra)
        except Exception:
            if not fallback or not self.templates:
                raise
            return html_string(document, None, extra)

    def _view(self, good: GoodRender | None, findings: list[Finding], broken: bool) -> dict[str, Any]:
        """What the preview's hooks show: the page's token, the source, its errors and warnings, the good render's
        time and DOCX link."""
        return {
            "token": self._next_token(),
            "source": self.source.name,
            "broken": broken,
            "has_good": good is not None,
            "errors": [f.format() for f in findings if f.severity == "error"],
            "warnings": [f.format() for f in findings if f.severity != "error"],
            "seconds": f"{good.seconds:.2f}" if good else "",
            "updated": time.strftime("%H:%M:%S"),
            "docx_href": f"/report.docx?r={good.id}" if good else "",
        }

    def _next_token(self) -> str:
        return f"{self._boot}-{self._version + 1}"

    def _extra(self, view: dict[str, Any]) -> dict[str, Markup]:
        """The head and body_end hooks from preview.html.j2 (a user's copy first, if it works)."""
        attempts = [self.templates or None, None] if self.templates else [None]
        for dirs in attempts:
            try:
                module: Any = environment(dirs).get_template(PREVIEW_TEMPLATE).module  # its macros: head, body_end
                if dirs is None:  # reportgen's own hooks end and write little
                    return {"head": Markup(module.head(view)), "body_end": Markup(module.body_end(view))}
                return {"head": Markup(call_bounded(module.head, view)),
                        "body_end": Markup(call_bounded(module.body_end, view))}
            except Exception:  # a user's copy that fails gives way to the default
                if dirs is None:
                    raise
        raise AssertionError("unreachable")


# -- watching -------------------------------------------------------------------------------------


def _stat(path: Path) -> Stat:
    """``os.stat`` only: a watched file is never opened, so a named pipe named by 上年.来源 or 包含
    cannot block the watcher, nor can /dev/zero feed it. A file that is not a regular one is
    recorded by its kind alone; the render refuses it and the page shows why."""
    try:
        st = os.stat(path)
    except (OSError, ValueError):  # ValueError: a name with a NUL in it
        return None
    kind = stat.S_IFMT(st.st_mode)
    if kind not in (stat.S_IFREG, stat.S_IFDIR):
        return (kind, st.st_ino)
    return (kind, st.st_mtime_ns, st.st_size, st.st_ino)


def snapshot(paths: Iterable[Path]) -> dict[str, Stat]:
    """mtime, size and inode of every watched file; folders are searched recursively."""
    seen: dict[str, Stat] = {}
    for path in paths:
        if path.is_dir():
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    full = Path(root, name)
                    seen[str(full)] = _stat(full)
        else:
            seen[str(path)] = _stat(path)
    return seen


class Watcher:
    """Polls the watched files and re-renders when any of them changes (or appears, or goes)."""

    def __init__(self, state: PreviewState, interval: float = POLL_SECONDS) -> None:
        self.state = state
        self.interval = interval
        self._seen: dict[str, Stat] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, name="reportgen-preview-watch", daemon=True)

    def render_now(self) -> Published:
        """Render once, remembering the files as they were just before the render."""
        paths = self.state.watched_paths()
        before = snapshot(paths)
        published = self.state.rerender()
        after = self.state.watched_paths()
        if after != paths:  # the render named another prior-year source: watch that from now on
            before = {key: before.get(key, stat) for key, stat in snapshot(after).items()}
        self._seen = before
        return published

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread.is_alive() and self._thread is not threading.current_thread():
            self._thread.join(timeout=5)

    def _loop(self) -> None:
        while not self._stop.wait(self.interval):
            try:
                now = snapshot(self.state.watched_paths())
                if now == self._seen:
                    continue
                settle_until = time.monotonic() + SETTLE_LIMIT_SECONDS
                while not self._stop.wait(SETTLE_SECONDS) and time.monotonic() < settle_until:
                    again = snapshot(self.state.watched_paths())
                    if again == now:
                        break
                    now = again
                if self._stop.is_set():
                    return
                self._seen = now  # should the render fail, do not retry until the next change
                self.render_now()
            except Exception as exc:  # the watcher must outlive any surprise
                print(f"reportgen preview: {type(exc).__name__}: {exc}", file=sys.stderr)


# -- serving --------------------------------------------------------------------------------------


class _RequestReader(io.RawIOBase):
    """A connection's bytes for reading its request: every read waits only for what is left of
    one deadline, so the request line and headers arrive within ``seconds`` in all, or the read
    raises TimeoutError (which ends the connection: the handler's own answer to a timeout)."""

    def __init__(self, sock: socket.socket, seconds: float) -> None:
        super().__init__()
        self._sock = sock
        self._deadline = time.monotonic() + seconds

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        left = self._deadline - time.monotonic()
        if left <= 0:
            raise TimeoutError("the request did not arrive within the read timeout")
        self._sock.settimeout(left)
        return self._sock.recv_into(buffer)


class _Server(ThreadingHTTPServer):
    daemon_threads = True  # open event streams never hold up the exit
    allow_reuse_address = True
    request_queue_size = 128  # a burst of connections waits to be accepted (and refused) rather than retried
    preview: PreviewState

    def __init__(self, address: tuple[str, int], read_timeout: float, max_connections: int,
                 max_streams: int) -> None:
        super().__init__(address, _Handler)
        self.read_timeout = read_timeout
        self.max_streams = max_streams
        self._slots = threading.BoundedSemaphore(max_connections)
        self._lock = threading.Lock()
        self._open: set[socket.socket] = set()  # every connection a thread is serving
        self._streams: list[threading.Event] = []  # the event streams, oldest first: set one to end it
        self._workers: set[threading.Thread] = set()  # the threads serving a request now
        self._waiting: dict[socket.socket, float] = {}  # connections whose request has not all come
        self._holding: set[socket.socket] = set()  # connections holding a place (_slots)

    def process_request(self, request: Any, client_address: Any) -> None:
        if not self._slots.acquire(blocking=False) and not self._make_room():
            self.shutdown_request(request)  # the excess is refused at once, never queued
            return
        with self._lock:
            self._open.add(request)
            self._waiting[request] = time.monotonic()
            self._holding.add(request)
        try:
            super().process_request(request, client_address)
        except BaseException:  # Ctrl-C, or no thread: the serving loop closes the socket
            self._free(request)  # once, even when the thread started and frees it too
            raise

    def _free(self, request: Any) -> None:
        """Give back the place ``request`` holds, once however often it is called."""
        with self._lock:
            held = request in self._holding
            self._holding.discard(request)
        if held:
            self._slots.release()

    def _make_room(self) -> bool:
        """Take a place from the connection that has waited longest without sending its whole
        request (a slow or idle client: a browser sends its request at once), so that a hundred
        slow clients never keep the page from the person previewing. When every place serves a
        request that has come (at most MAX_EVENT_STREAMS of them are event streams), one given back
        within GIVE_BACK_SECONDS is taken: a thread that has answered its page, or a stream a newer
        one ended, frees its place only once it runs again, and on a busy machine (load 12) a reload
        came first and was refused. False when none was given back in that time."""
        with self._lock:
            oldest = min(self._waiting, key=self._waiting.__getitem__, default=None)
            if oldest is not None:
                del self._waiting[oldest]
        if oldest is None:
            return self._slots.acquire(timeout=GIVE_BACK_SECONDS)
        with contextlib.suppress(OSError):
            oldest.shutdown(socket.SHUT_RDWR)  # its thread's read ends now, and frees the place
        return self._slots.acquire(timeout=1.0)

    def request_arrived(self, request: socket.socket) -> None:
        """The whole request of ``request`` has come: it is served, never taken for a slow client."""
        with self._lock:
            self._waiting.pop(request, None)

    def process_request_thread(self, request: Any, client_address: Any) -> None:
        with self._lock:
            self._workers.add(threading.current_thread())
        try:
            super().process_request_thread(request, client_address)
        finally:
            self._free(request)
            with self._lock:
                self._workers.discard(threading.current_thread())

    def join_workers(self, timeout: float) -> None:
        """Wait (up to ``timeout`` in all) for the threads still serving a request, woken by
        close_connections: none is left to run while the interpreter shuts down under it."""
        deadline = time.monotonic() + timeout
        with self._lock:
            workers = list(self._workers)
        for worker in workers:
            worker.join(max(0.0, deadline - time.monotonic()))

    def shutdown_request(self, request: Any) -> None:
        with self._lock:  # forgotten before it is closed, so close_connections never meets a closed one
            self._open.discard(request)
            self._waiting.pop(request, None)
        super().shutdown_request(request)

    def close_connections(self) -> None:
        """Wake every thread still reading or writing (its reads end, its writes fail), so that
        closing the server never waits for a client's timeout."""
        with self._lock:
            for sock in self._open:
                try:
                    sock.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass  # the client has gone already

    def add_stream(self) -> threading.Event:
        """A new event stream's end signal; beyond ``max_streams`` the oldest stream is ended.
        A page that was still open reconnects by itself (EventSource retries)."""
        ended = threading.Event()
        with self._lock:
            self._streams.append(ended)
            excess = max(0, len(self._streams) - self.max_streams)
            evicted = self._streams[:excess]
            del self._streams[:excess]
        for old in evicted:
            old.set()
        if evicted:  # at once, not at its next look: a burst of reloads never fills the places
            self.preview.wake()
        return ended

    def remove_stream(self, ended: threading.Event) -> None:
        with self._lock:
            if ended in self._streams:
                self._streams.remove(ended)

    def handle_error(self, request: Any, client_address: Any) -> None:
        exc = sys.exc_info()[1]
        if isinstance(exc, (ConnectionError, TimeoutError)):
            return  # a browser that closed a tab
        if os.environ.get("REPORTGEN_DEBUG"):
            super().handle_error(request, client_address)
        else:
            print(f"reportgen preview: {type(exc).__name__}: {exc}", file=sys.stderr)


def _render_id(wanted: str) -> int | None:
    """The good render a DOCX link names (?r=N): ASCII digits only, and few (int() takes "²" for a digit and refuses
    it, and refuses 5,000 digits); None for any other text."""
    return int(wanted) if wanted.isascii() and wanted.isdigit() and len(wanted) <= 18 else None


class _Handler(BaseHTTPRequestHandler):
    """Three exact paths; anything else, however spelled or encoded, is 404."""

    server: _Server
    server_version = "reportgen-preview"
    sys_version = ""

    def setup(self) -> None:
        super().setup()
        # What StreamRequestHandler.setup does with a timeout, per server (its timeout is a class attribute)
        self.connection.settimeout(self.server.read_timeout)
        # One deadline for the whole request instead of one per read (see _RequestReader). The
        # file that setup made holds a reference on the socket: closed, or the socket never is.
        self.rfile.close()
        self.rfile = io.BufferedReader(_RequestReader(self.connection, self.server.read_timeout))

    def parse_request(self) -> bool:
        try:
            whole = super().parse_request()  # reads the headers, within the request's deadline
            if whole:
                self.server.request_arrived(self.connection)
            return whole
        finally:
            # The request has been read (one per connection: HTTP/1.0): from here on the
            # connection is only written to, and a client that stops reading must not hold the
            # thread for ever. An event stream writes a few bytes now and then: never ended by it.
            self.connection.settimeout(WRITE_TIMEOUT_SECONDS)

    def do_GET(self) -> None:
        self._dispatch(head=False)

    def do_HEAD(self) -> None:
        self._dispatch(head=True)

    def log_message(self, format: str, *args: Any) -> None:
        if os.environ.get("REPORTGEN_DEBUG"):
            super().log_message(format, *args)

    def _dispatch(self, head: bool) -> None:
        if not self._host_ok():
            self._text(403, "403 只接受本机地址（127.0.0.1 或 localhost）的访问\n", head)
            return
        # The raw request target, never decoded: "/%2e%2e/" or "//etc/passwd" cannot become "/".
        path, _, query = self.path.partition("?")
        state = self.server.preview
        if path == "/":
            self._send(200, "text/html; charset=utf-8", state.current.page, head)
        elif path == "/events" and not head:
            self._events(parse_qs(query).get("v", [""])[0])
        elif path == "/report.docx":
            self._report(state, parse_qs(query).get("r", [""])[0], head)
        else:
            self._text(404, "404 未找到：预览只提供页面本身、/events 与 /report.docx\n", head)

    def _host_ok(self) -> bool:
        """Refuse other Host names, so a web page cannot reach the preview by DNS rebinding."""
        host = self.headers.get("Host")
        if host is None:
            return True
        port = self.server.server_address[1]
        return host in (f"{HOST}:{port}", f"localhost:{port}", HOST, "localhost")

    def _report(self, state: PreviewState, wanted: str, head: bool) -> None:
        good_id = _render_id(wanted)
        if wanted and good_id is None:
            self._text(404, "404 未找到\n", head)
            return
        problem = epoch_problem()  # the DOCX's dates (the page shows it too)
        if problem:
            self._text(500, f"500 无法生成 DOCX：{problem}\n", head)
            return
        data = state.docx(good_id)
        if data is None:
            self._text(404, "404 没有对应的 DOCX：源文件尚未成功生成，或页面已过期，请刷新页面后再下载\n", head)
            return
        stem = state.source.stem
        fallback = stem if stem.isascii() and stem.isprintable() and '"' not in stem else "report"
        disposition = f"attachment; filename=\"{fallback}.docx\"; filename*=UTF-8''{quote(stem + '.docx')}"
        self._send(200, DOCX_TYPE, data, head, {"Content-Disposition": disposition})

    def _events(self, known: str) -> None:
        state = self.server.preview
        # Counted before the page hears back: streams are ended oldest first by the order their
        # pages saw them open, however the server's threads happen to be scheduled.
        ended = self.server.add_stream()
        try:
            self.send_response(200)
            self.send_header("Content-Type", "text/event-stream; charset=utf-8")
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            self.wfile.write(b"retry: 1000\n\n")
            self.wfile.flush()
            quiet_since = time.monotonic()
            while not state.closed and not ended.is_set():
                # Short waits, so that a page that went away (a reload closes its stream) frees
                # its place within a moment rather than at the next keep-alive.
                newer = state.wait_for_change(known, STREAM_CHECK_SECONDS, ended)
                if state.closed or ended.is_set() or (newer is None and self._peer_gone()):
                    break
                if newer is not None:
                    known = newer.token
                    self.wfile.write(f"event: reload\ndata: {known}\n\n".encode())
                elif time.monotonic() - quiet_since >= KEEPALIVE_SECONDS:
                    self.wfile.write(b": keep-alive\n\n")
                else:
                    continue
                self.wfile.flush()
                quiet_since = time.monotonic()
        except (ConnectionError, TimeoutError, ValueError):
            pass  # the page went away (or reloaded); ValueError: the socket file was closed
        finally:
            self.server.remove_stream(ended)
        self.close_connection = True

    def _peer_gone(self) -> bool:
        """True when the client has closed its end: the socket reads as ended (a look at it
        that never waits and takes nothing; a client sends nothing more on an event stream)."""
        sock = self.connection
        timeout = sock.gettimeout()
        try:
            sock.settimeout(0)
            return sock.recv(1, socket.MSG_PEEK) == b""
        except BlockingIOError:
            return False  # nothing to read: still there
        except OSError:
            return True
        finally:
            try:
                sock.settimeout(timeout)
            except OSError:
                pass

    def _text(self, status: int, text: str, head: bool) -> None:
        self._send(status, "text/plain; charset=utf-8", text.encode("utf-8"), head)

    def _send(self, status: int, content_type: str, data: bytes, head: bool,
              headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Referrer-Policy", "no-referrer")
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        if not head:
            self.wfile.write(data)


class PreviewServer:
    """Binds 127.0.0.1:port at construction (OSError when the port is taken), renders and watches
    from ``start`` or ``serve_forever`` on, and stops cleanly with ``close``."""

    def __init__(self, source: Path, templates: list[Path] | None = None, port: int = 0,
                 on_render: Callable[[Published], None] | None = None, *,
                 read_timeout: float | None = None, max_connections: int | None = None,
                 max_streams: int | None = None, layout: str | None = None) -> None:
        """The limits default to READ_TIMEOUT_SECONDS, MAX_CONNECTIONS and MAX_EVENT_STREAMS."""
        self.state = PreviewState(source, templates, on_render, layout)
        self.watcher = Watcher(self.state)
        self.httpd = _Server((HOST, port),
                             READ_TIMEOUT_SECONDS if read_timeout is None else read_timeout,
                             MAX_CONNECTIONS if max_connections is None else max_connections,
                             MAX_EVENT_STREAMS if max_streams is None else max_streams)
        self.httpd.preview = self.state
        self._thread: threading.Thread | None = None
        self._closed = False

    @property
    def port(self) -> int:
        return int(self.httpd.server_address[1])

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.port}/"

    def _begin(self) -> None:
        self.watcher.render_now()
        self.watcher.start()

    def start(self) -> PreviewServer:
        """Render, then serve and watch in background threads (for tests and embedding)."""
        self._begin()
        self._thread = threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.2},
                                        name="reportgen-preview-http", daemon=True)
        self._thread.start()
        return self

    def serve_forever(self, ready: Callable[[], None] | None = None) -> None:
        """Render, call ``ready``, then serve in this thread until KeyboardInterrupt (which
        propagates)."""
        self._begin()
        if ready is not None:
            ready()
        self.httpd.serve_forever(poll_interval=0.2)

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        self.state.close()
        self.watcher.stop()
        if self._thread is not None:
            self.httpd.shutdown()
            self._thread.join(timeout=5)
        self.httpd.close_connections()  # server_close waits for every thread: none waits for a client
        self.httpd.join_workers(5)
        self.httpd.server_close()

    def __enter__(self) -> PreviewServer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


__all__ = ["HOST", "PreviewServer", "PreviewState", "Published", "Watcher", "snapshot"]
