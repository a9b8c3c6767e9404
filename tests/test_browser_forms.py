"""The form steps of tests/support/browser.py, in Chromium against a small server of this test: a
field named by its label (by ``for`` and by holding the field), a file chosen for an upload field and
sent as multipart/form-data (its bytes arriving whole, its name as the browser gives it), the form
submitted, and the next page's text waited for. A label the page has not fails the test, naming the
labels it has."""

from __future__ import annotations

import hashlib
import html
import threading
from collections.abc import Iterator
from email.parser import BytesParser
from email.policy import HTTP
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from tests.support.browser import browser, fill, submit, upload, wait_for_text  # noqa: F401

FORM = """<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>报送</title></head><body>
<form method="post" action="/sent" enctype="multipart/form-data">
<label for="unit">单位名称</label><input id="unit" name="unit" value="旧的名称">
<label>批复日期 <input name="approved" type="date"></label>
<label for="file">公开文本</label><input id="file" name="file" type="file">
<button type="button">取消</button><button type="submit">报送</button>
</form></body></html>"""


class _Desk(BaseHTTPRequestHandler):
    def log_message(self, *args: object) -> None:  # quiet
        pass

    def _page(self, body: str) -> None:
        data = body.encode("utf-8")
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self) -> None:  # noqa: N802
        self._page(FORM)

    def do_POST(self) -> None:  # noqa: N802
        body = self.rfile.read(int(self.headers["Content-Length"]))
        head = f"Content-Type: {self.headers['Content-Type']}\r\n\r\n".encode()
        message = BytesParser(policy=HTTP).parsebytes(head + body)
        said = []
        for part in message.iter_parts():
            name = part.get_param("name", header="content-disposition")
            content = part.get_payload(decode=True) or b""
            if part.get_filename() is not None:
                said.append(f"{name}={part.get_filename()} {len(content)} {hashlib.sha256(content).hexdigest()}")
            else:
                said.append(f"{name}={content.decode('utf-8')}")
        self._page("<!doctype html><html><body><p>已收到</p><pre>" + html.escape("\n".join(said)) + "</pre></body></html>")


@pytest.fixture
def desk() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Desk)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def test_a_form_is_filled_a_file_uploaded_and_submitted(browser, desk, tmp_path: Path):  # noqa: F811
    pdf = tmp_path / "普陀区政府办公室2025年部门预算.pdf"
    pdf.write_bytes(Path(__file__).resolve().parent.parent.joinpath("bench", "corpus", "putuo-zhengfuban-2025.pdf").read_bytes())
    browser.get(desk)
    fill(browser, "单位名称", "上海市普陀区人民政府办公室")
    fill(browser, "批复日期", "2025-02-14")
    upload(browser, "公开文本", pdf)
    submit(browser, "报送")
    wait_for_text(browser, "已收到")
    said = browser.find_element("tag name", "pre").text.splitlines()
    digest = hashlib.sha256(pdf.read_bytes()).hexdigest()
    assert said == ["unit=上海市普陀区人民政府办公室", "approved=2025-02-14",
                    f"file={pdf.name} {pdf.stat().st_size} {digest}"]


def test_a_missing_label_or_text_fails_saying_what_the_page_has(browser, desk):  # noqa: F811
    browser.get(desk)
    with pytest.raises(pytest.fail.Exception, match=r"no field labelled '单位代码'.*'单位名称', '批复日期', '公开文本'"):
        fill(browser, "单位代码", "x")
    with pytest.raises(pytest.fail.Exception, match=r"(?s)'已收到' not shown within 0.3 s.*单位名称"):
        wait_for_text(browser, "已收到", timeout=0.3)
