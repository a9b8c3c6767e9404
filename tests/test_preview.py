"""`reportgen preview` without a browser: what the server serves (and refuses), the reload events,
broken sources, the DOCX link, the watched files, and the command as a real process."""

from __future__ import annotations

import argparse
import http.client
import io
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import zipfile
from pathlib import Path

import docx
import pytest

from reportgen.commands.base import invoke
from reportgen.runners.preview import PreviewServer, Published
from reportgen.runners.render import prepare
from tests.support.cli import reportgen

ROOT = Path(__file__).resolve().parent.parent
YANTIAN = ROOT / "data" / "shenzhen-yantian-zgh-2022.yaml"
BREAK = ("级次: 区级\n", "级次: 区级\n  缩进错了: [\n")
# One more 万元 of income, spent on one function row and one economic item: still consistent.
PLUS_ONE = [("一般公共预算拨款: 1273.52", "一般公共预算拨款: 1274.52"),
            ("{科目: 2012901, 基本支出: 256.95}", "{科目: 2012901, 基本支出: 257.95}"),
            ("{科目: 30101, 金额: 45.09}", "{科目: 30101, 金额: 46.09}")]


# -- helpers ---------------------------------------------------------------------------------------


def source_in(tmp_path: Path, name: str = "盐田.yaml") -> Path:
    path = tmp_path / name
    shutil.copyfile(YANTIAN, path)
    return path


def edit(path: Path, old: str, new: str) -> None:
    edit_all(path, [(old, new)])


def edit_all(path: Path, changes: list[tuple[str, str]]) -> None:
    """Replace each old text by its new one, in one write (one save in an editor)."""
    text = path.read_text(encoding="utf-8")
    for old, new in changes:
        assert old in text, old
        text = text.replace(old, new, 1)
    path.write_text(text, encoding="utf-8")


def wait_for_render(server: PreviewServer, after: Published, timeout: float = 10) -> Published:
    newer = server.state.wait_for_change(after.token, timeout)
    assert newer is not None, "no new render after the change"
    return newer


def request(server: PreviewServer, target: str, method: str = "GET",
            headers: dict[str, str] | None = None) -> tuple[int, dict[str, str], bytes]:
    """Send ``target`` exactly as written (http.client does not normalise or decode it)."""
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
    try:
        conn.request(method, target, headers=headers or {})
        response = conn.getresponse()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
    finally:
        conn.close()


def page(server: PreviewServer) -> str:
    status, _, body = request(server, "/")
    assert status == 200
    return body.decode("utf-8")


def token_of(html: str) -> str:
    match = re.search(r'id="rg-bar"[^>]*data-version="([^"]+)"', html)
    assert match, "page has no preview bar"
    return match.group(1)


@pytest.fixture
def source(tmp_path: Path) -> Path:
    return source_in(tmp_path)


@pytest.fixture
def server(source: Path):
    with PreviewServer(source).start() as running:
        yield running


@pytest.fixture(scope="module")
def shared_server(tmp_path_factory):
    """One server for the tests that only read from it."""
    with PreviewServer(source_in(tmp_path_factory.mktemp("shared"))).start() as running:
        yield running


# -- what is served --------------------------------------------------------------------------------


@pytest.mark.parametrize("target", [
    "/../etc/passwd",
    "/%2e%2e/",
    "/%2e%2e/%2e%2e/etc/passwd",
    "/..%2f..%2fetc%2fpasswd",
    "/%2F",
    "//etc/passwd",
    "/etc/passwd",
    "/reportgen/cli.py",
    "/data/shenzhen-yantian-zgh-2022.yaml",
    "/templates/page.html.j2",
    "/%E7%9B%90%E7%94%B0.yaml",  # the source itself, by name
    "/index.html",
    "/report.docx/",
    "/events/../report.docx",
    "/./",
    "http://127.0.0.1/etc/passwd",
    "/favicon.ico",
])
def test_serves_nothing_but_what_it_rendered(shared_server, target):
    status, headers, body = request(shared_server, target)
    assert status == 404, target
    assert headers["content-type"].startswith("text/plain")
    assert b"root:" not in body and "部门".encode() not in body


def test_other_host_names_are_refused(shared_server):
    """A page elsewhere cannot read the preview through DNS rebinding."""
    status, _, _ = request(shared_server, "/", headers={"Host": "attacker.example:80"})
    assert status == 403
    assert request(shared_server, "/", headers={"Host": f"localhost:{shared_server.port}"})[0] == 200


def test_listens_on_loopback_only(shared_server):
    assert shared_server.httpd.server_address[0] == "127.0.0.1"
    assert shared_server.url == f"http://127.0.0.1:{shared_server.port}/"


def test_page_has_toc_findings_panel_render_time_and_docx_link(shared_server):
    html = page(shared_server)
    assert "1,273.52" in html
    assert '<nav class="toc"' in html
    assert 'id="rg-findings"' in html and "未发现问题" in html
    assert re.search(r'id="rg-render-time">生成用时 \d+\.\d\d 秒<', html)
    assert re.search(r'<a id="rg-docx" href="/report.docx\?r=\d+"', html)
    assert 'id="rg-overlay"' not in html
    assert "new EventSource" in html
    status, headers, _ = request(shared_server, "/")
    assert headers["cache-control"] == "no-store"


def test_head_requests(shared_server):
    status, headers, body = request(shared_server, "/", method="HEAD")
    assert status == 200 and body == b"" and int(headers["content-length"]) > 1000


# -- reload events ---------------------------------------------------------------------------------


class EventStream:
    """A raw SSE client: the lines the server sends, read with a deadline."""

    def __init__(self, server: PreviewServer, version: str) -> None:
        self.sock = socket.create_connection(("127.0.0.1", server.port), timeout=10)
        self.sock.sendall(f"GET /events?v={version} HTTP/1.1\r\nHost: 127.0.0.1:{server.port}\r\n\r\n".encode())
        self.file = self.sock.makefile("rb")
        head = self.file.readline()
        assert b" 200 " in head, head
        while self.file.readline() not in (b"\r\n", b"\n", b""):
            pass

    def next_event(self, timeout: float = 10) -> tuple[str, str]:
        """(event, data) of the next event, skipping comments and the retry field."""
        deadline = time.monotonic() + timeout
        event, data = "message", ""
        while time.monotonic() < deadline:
            self.sock.settimeout(max(deadline - time.monotonic(), 0.01))
            line = self.file.readline().decode("utf-8").rstrip("\n")
            if line.startswith("event: "):
                event = line[len("event: "):]
            elif line.startswith("data: "):
                data = line[len("data: "):]
            elif line == "" and data:
                return event, data
        raise AssertionError("no event in time")

    def close(self) -> None:
        self.file.close()
        self.sock.close()


def test_sse_sends_reload_after_the_source_changes(server, source):
    html = page(server)
    stream = EventStream(server, token_of(html))
    try:
        before = server.state.current
        edit(source, "一般公共预算拨款: 1273.52", "一般公共预算拨款: 1274.52")
        event, data = stream.next_event()
        assert event == "reload"
        assert data == server.state.current.token != before.token
        assert data != token_of(html)
    finally:
        stream.close()


def test_sse_reloads_a_stale_page_at_once(shared_server):
    """A page rendered before the latest render (or by an earlier server) reloads on connecting."""
    stream = EventStream(shared_server, "an-old-page")
    try:
        assert stream.next_event(timeout=2) == ("reload", shared_server.state.current.token)
    finally:
        stream.close()


def test_sse_stays_quiet_while_nothing_changes(shared_server):
    stream = EventStream(shared_server, token_of(page(shared_server)))
    try:
        with pytest.raises((AssertionError, TimeoutError, OSError)):
            stream.next_event(timeout=0.8)
    finally:
        stream.close()


# -- broken sources --------------------------------------------------------------------------------


def test_broken_yaml_keeps_the_last_good_render_and_shows_findings(server, source):
    good = server.state.current
    edit(source, *BREAK)
    broken = wait_for_render(server, good)
    assert broken.broken
    expected = [f.format() for f in prepare(source).findings]
    assert expected and all(re.match(rf"{re.escape(str(source))}:\d+:", line) for line in expected)
    html = page(server)
    assert 'id="rg-overlay"' in html
    overlay = html[html.index('id="rg-overlay"'):]
    for line in expected:
        assert f"<li>{line}</li>" in overlay  # exactly as `reportgen check` prints it
    assert "1,273.52" in html  # the last good render is still the page
    assert token_of(html) == broken.token
    # The DOCX is still the last good render's.
    status, _, body = request(server, "/report.docx")
    assert status == 200 and zipfile.is_zipfile(io.BytesIO(body))

    shutil.copyfile(YANTIAN, source)
    fixed = wait_for_render(server, broken)
    assert not fixed.broken
    assert 'id="rg-overlay"' not in page(server)


def test_server_survives_any_input(server, source):
    last = server.state.current
    for content in (b"", b"\x00\xff\xfe garbage \x80", b"- a\n- b\n", "部门: [\n".encode(), b"a: *nope\n"):
        source.write_bytes(content)
        last = wait_for_render(server, last)
        assert last.broken and last.errors
        assert request(server, "/")[0] == 200
        assert 'id="rg-overlay"' in page(server)
    source.unlink()
    last = wait_for_render(server, last)
    assert last.broken and "文件不存在" in page(server)
    shutil.copyfile(YANTIAN, source)
    assert not wait_for_render(server, last).broken


def test_findings_are_escaped(server, source):
    before = server.state.current
    edit(source, "级次: 区级\n", '级次: 区级\n"<img src=x onerror=alert(1)>": 1\n')
    assert wait_for_render(server, before).broken
    html = page(server)
    assert "<img src=x" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html


def test_warnings_are_listed_in_the_panel(tmp_path):
    source = source_in(tmp_path)
    edit(source, "  收支总计: 1270.13", "  收支总计: 1000")
    text = source.read_text(encoding="utf-8")
    source.write_text(re.sub(r"变动原因:\n  收支总计: [^\n]*\n", "", text), encoding="utf-8")
    warnings = [f.format() for f in prepare(source).findings]
    assert warnings and all("警告" in w for w in warnings)
    with PreviewServer(source).start() as server:
        html = page(server)
    panel = html[html.index('id="rg-findings"'):]
    for line in warnings:
        assert f'<li class="rg-warning">{line}</li>' in panel
    assert 'id="rg-overlay"' not in html  # warnings do not stop the render


def test_broken_from_the_start_shows_an_overlay_and_no_docx(tmp_path):
    source = source_in(tmp_path)
    edit(source, *BREAK)
    with PreviewServer(source).start() as server:
        html = page(server)
        assert 'id="rg-overlay"' in html and "还没有成功生成过" in html
        assert 'id="rg-docx"' not in html
        assert request(server, "/report.docx")[0] == 404
        first = server.state.current
        shutil.copyfile(YANTIAN, source)
        assert not wait_for_render(server, first).broken
        assert 'id="rg-docx"' in page(server)


# -- the DOCX --------------------------------------------------------------------------------------


def test_docx_link_returns_the_docx_of_the_same_render(server, source):
    html = page(server)
    href = re.search(r'<a id="rg-docx" href="([^"]+)"', html).group(1)
    status, headers, body = request(server, href)
    assert status == 200
    assert headers["content-type"] == "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    assert "attachment" in headers["content-disposition"] and "filename*=UTF-8''" in headers["content-disposition"]
    document = docx.Document(io.BytesIO(body))
    text = "\n".join(p.text for p in document.paragraphs) + "".join(
        c.text for t in document.tables for r in t.rows for c in r.cells)
    assert "深圳市盐田区总工会" in text and "1,273.52" in text

    # After a new render, the old page's link no longer pretends to be current.
    before = server.state.current
    edit_all(source, PLUS_ONE)
    assert not wait_for_render(server, before).broken
    assert request(server, href)[0] == 404
    new_href = re.search(r'<a id="rg-docx" href="([^"]+)"', page(server)).group(1)
    status, _, body = request(server, new_href)
    assert status == 200
    document = docx.Document(io.BytesIO(body))
    assert "1,274.52" in "".join(c.text for t in document.tables for r in t.rows for c in r.cells)


# -- what is watched -------------------------------------------------------------------------------


def test_prior_year_source_is_watched(tmp_path):
    text = YANTIAN.read_text(encoding="utf-8")
    prior = tmp_path / "2021.yaml"
    prior.write_text(text.replace("年度: 2022", "年度: 2021", 1).replace("  年度: 2021\n", "  年度: 2020\n", 1),
                     encoding="utf-8")
    source = tmp_path / "2022.yaml"
    source.write_text(text.replace("  年度: 2021\n", "  年度: 2021\n  来源: 2021.yaml\n", 1), encoding="utf-8")
    with PreviewServer(source).start() as server:
        first = server.state.current
        assert not first.broken, first.findings
        assert prior.resolve() in server.state.watched_paths()
        edit(prior, "年度: 2021", "年度: 2019")  # now the wrong year: the current source reports it
        second = wait_for_render(server, first)
        assert second.broken and any(f.rule == "R-上年来源" for f in second.errors)


def test_included_unit_files_are_watched(tmp_path):
    shutil.copytree(ROOT / "data" / "units", tmp_path / "units")
    source = tmp_path / "两单位.yaml"
    shutil.copyfile(ROOT / "data" / "example-two-units-2024.yaml", source)
    unit = (tmp_path / "units" / "example-two-units-2024-sanatorium.yaml").resolve()
    with PreviewServer(source).start() as server:
        first = server.state.current
        assert not first.broken, first.findings
        assert unit in server.state.watched_paths()
        assert "231.00" not in page(server)
        # A figure changed in the unit's own file only: the department's page follows it.
        edit_all(unit, [("  事业收入: 80\n", "  事业收入: 81\n"),
                        ("{科目: 2012950, 资金: 单位资金, 项目支出: 80}", "{科目: 2012950, 资金: 单位资金, 项目支出: 81}"),
                        ("{名称: 示例职工疗休养服务, 金额: 80,", "{名称: 示例职工疗休养服务, 金额: 81,")])
        second = wait_for_render(server, first)
        assert not second.broken, second.findings
        assert "231.00" in page(server)  # the sanatorium's income total, 230 → 231 万元
        # Break the unit file: the department's page reports the unit file's line.
        edit(unit, "年度: 2024\n", "年度: 2024\n收入: [\n")
        third = wait_for_render(server, second)
        assert third.broken and any(str(unit) in f.format() for f in third.errors)


def test_template_folders_are_watched(tmp_path, source):
    templates = tmp_path / "tpl"
    templates.mkdir()
    page_template = templates / "page.html.j2"
    original = (ROOT / "templates" / "page.html.j2").read_text(encoding="utf-8")
    page_template.write_text(original.replace("<main>", "<main><p>标记一</p>", 1), encoding="utf-8")
    with PreviewServer(source, [templates]).start() as server:
        assert "标记一" in page(server)
        before = server.state.current
        page_template.write_text(original.replace("<main>", "<main><p>标记二</p>", 1), encoding="utf-8")
        after = wait_for_render(server, before)
        assert not after.broken and "标记二" in page(server)
        # A broken page template: the overlay names it, the default page shell still shows.
        page_template.write_text("{% if %}", encoding="utf-8")
        broken = wait_for_render(server, after)
        assert broken.broken and any(f.rule == "模板" for f in broken.errors)
        html = page(server)
        assert 'id="rg-overlay"' in html and "模板语法错误" in html and "1,273.52" in html
        # One that fails while rendering: the same, and the server keeps serving.
        page_template.write_text("{{ 1 // (title|length - title|length) }}", encoding="utf-8")
        failing = wait_for_render(server, broken)
        assert failing.broken and "ZeroDivisionError" in page(server)
        page_template.write_text(original, encoding="utf-8")
        assert not wait_for_render(server, failing).broken


# -- the command -----------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_help_is_chinese_with_an_example():
    result = reportgen("preview", "--help", cwd=ROOT)
    assert result.returncode == 0
    assert "示例" in result.stdout and "--port" in result.stdout and "--open" in result.stdout


def test_port_in_use_is_a_chinese_message_and_exit_1(tmp_path, capsys):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        args = argparse.Namespace(source=source_in(tmp_path), port=port, open=False, templates=None, layout=None)
        assert invoke("preview", args) == 1
    err = capsys.readouterr().err
    assert f"端口 {port} 已被占用" in err


def test_missing_source_is_exit_2(tmp_path, capsys):
    args = argparse.Namespace(source=tmp_path / "无.yaml", port=0, open=False, templates=None, layout=None)
    assert invoke("preview", args) == 2
    assert "找不到源文件" in capsys.readouterr().err


def test_command_prints_the_url_and_stops_cleanly_on_ctrl_c(tmp_path):
    source = source_in(tmp_path)
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k != "REPORTGEN_DEBUG"} | {"PYTHONUNBUFFERED": "1"}
    process = subprocess.Popen([sys.executable, "-m", "reportgen", "preview", str(source), "--port", str(port)],
                               cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        lines: list[str] = []
        reader = threading.Thread(target=lambda: lines.extend(iter(process.stdout.readline, "")), daemon=True)
        reader.start()
        deadline = time.monotonic() + 60
        url = f"http://127.0.0.1:{port}/"
        while not any(url in line for line in lines):
            assert process.poll() is None and time.monotonic() < deadline, (lines, process.stderr)
            time.sleep(0.05)
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        conn.request("GET", "/")
        assert conn.getresponse().status == 200
        conn.close()
        # An open event stream must not keep the server alive.
        events = socket.create_connection(("127.0.0.1", port), timeout=10)
        events.sendall(f"GET /events?v=x HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n".encode())
        events.recv(100)
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=15) == 0
        events.close()
        reader.join(timeout=5)
        stderr = process.stderr.read()
        assert "Traceback" not in stderr, stderr
        assert "预览已停止" in "".join(lines)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        process.stdout.close()
        process.stderr.close()
