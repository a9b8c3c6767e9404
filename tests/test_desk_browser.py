"""The desk driven as its users drive it (issue 55's "Done means"): `reportgen desk serve` really
running — web server and worker process — on the embedded SQLite and on a real PostgreSQL server,
and Debian's Chromium doing what a reviewer and a department do: the reviewer signs in and imports
the roster, the department submits a draft through its link, the review runs in the background, the
reviewer confirms one finding and dismisses another, returns the document with its 整改通知, the
department resubmits the corrected draft, the reviewer accepts it, and the register shows it 已通过.
The drafts are bench/corpus's generated 万里 2025 drafts (a draft with slips and its next)."""

from __future__ import annotations

import contextlib
import os
import re
import signal
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.support.browser import chromium_driver, fill, submit, upload, wait_for_shown, wait_for_text
from tests.support.desk import HEADER, PASSWORD, REVIEWER
from tests.support.postgres import postgres_url  # noqa: F401  (fixture)

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "bench" / "corpus"
DRAFT_1, DRAFT_2 = CORPUS / "wanli-2025-generated-draft-1.pdf", CORPUS / "wanli-2025-generated-draft-2.pdf"
WANLI = "上海市普陀区人民政府万里街道办事处"
REVIEW_WAIT = 180.0  # seconds a background review may take on a loaded 2-core machine


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _desk(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    done = subprocess.run([sys.executable, "-m", "reportgen", "desk", *args], input=stdin, text=True,
                          capture_output=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    return done


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """One headless Chromium for both databases' runs (a start of it less: about 1.5 s of CPU); each run begins with
    no cookie of the run before."""
    with chromium_driver(tmp_path_factory.mktemp("chromium")) as driver:
        yield driver


@pytest.fixture(params=["SQLite", "PostgreSQL"])
def database(request: pytest.FixtureRequest) -> list[str]:
    """The desk's --database: none (SQLite in the data folder), or a new database on the tests' server."""
    if request.param == "SQLite":
        return []
    url: str = request.getfixturevalue("postgres_url")
    import psycopg

    name = f"desk_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(url, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    return ["--database", url.rsplit("/", 1)[0] + "/" + name]


@contextlib.contextmanager
def _serving(data: Path, database: list[str]) -> Iterator[str]:
    """`reportgen desk serve` in its own process group, until the test ends: its address."""
    port = _free_port()
    log = (data.parent / "serve.log").open("w")
    process = subprocess.Popen([sys.executable, "-m", "reportgen", "desk", "serve", str(data), "--port", str(port),
                                "--workers", "1", *database], stdout=log, stderr=subprocess.STDOUT,
                               start_new_session=True)
    try:
        deadline = time.monotonic() + 60
        while True:
            with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=1):
                break
            assert process.poll() is None and time.monotonic() < deadline, (data.parent / "serve.log").read_text()
            time.sleep(0.2)
        yield f"http://127.0.0.1:{port}"
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
        log.close()


def _roster_imported(driver: Any, site: str, roster: Path) -> None:
    """The reviewer signed in on ``site`` and ``roster`` imported on the register page (its links then listed)."""
    driver.get(f"{site}/login")
    fill(driver, "用户名", REVIEWER)
    fill(driver, "密码", PASSWORD)
    submit(driver, "登录")
    driver.get(f"{site}/register")
    upload(driver, "名单（.xlsx/.xls/.ods/.csv：单位名称、类型、主管部门、批复日期，可另有公开日期、年度）", roster)
    submit(driver, "导入")


def _reviewed(driver: Any, page: str, number: int) -> None:
    """Wait on the department's page until submission ``number`` is reviewed (its 审核进度: its 结论 is shown only once the
    reviewer released it). The page reloads itself every 5 s while a review is queued or running (its <meta refresh>): the
    wait reads the page the browser shows, loaded once — a page that stopped reloading itself fails here (the wait loaded it
    again every second: this file 58.7 → 55.9 CPU-s, Chromium's included)."""
    driver.get(page)
    wait_for_shown(driver, f"#submission-{number} td:nth-child(5)", ("已审完", "已放弃"), REVIEW_WAIT)


def _document_id(driver: Any, number: int) -> str:
    link = driver.find_element("css selector", f"#submission-{number} a").get_attribute("href")
    found = re.search(r"/document/(\d+)$", link)
    assert found, link
    return found.group(1)


def _register_row(driver: Any, site: str) -> str:
    driver.get(f"{site}/register")
    row = [r for r in driver.find_elements("css selector", "#register tbody tr") if WANLI in r.text]
    assert len(row) == 1, driver.find_element("tag name", "body").text
    return str(row[0].text)


def test_a_document_goes_round_the_desk_in_a_real_browser(browser: Any, database: list[str], tmp_path: Path) -> None:
    if not DRAFT_1.is_file():
        pytest.skip("bench/corpus 的万里草稿不在")
    browser.execute_cdp_cmd("Network.clearBrowserCookies", {})  # (the other database's desk signed in on 127.0.0.1)
    data = tmp_path / "审核台"
    _desk("init", str(data), *database)
    _desk("adduser", str(data), REVIEWER, *database, stdin=PASSWORD + "\n")
    roster = tmp_path / "名单.csv"
    roster.write_text(",".join(HEADER) + f"\n{WANLI},部门,{WANLI},2025-01-20,,2025\n", encoding="utf-8")
    with _serving(data, database) as site:
        _roster_imported(browser, site, roster)
        link = browser.find_element("css selector", "#links a.link").get_attribute("href")
        assert link.startswith(site + "/s/")

        # the department, through its link (no account)
        browser.get(link)
        upload(browser, "文件（PDF、Word 文档（.docx、.doc），或导出的 .xlsx/.xls/.ods 工作簿；不超过 50 MB）", DRAFT_1)
        submit(browser, "报送")
        # its row, 已提交 or already past it: a worker may have reviewed it before the page loads (CI, PostgreSQL)
        wait_for_text(browser, "第 1 次")
        _reviewed(browser, link, 1)
        assert "有问题" not in browser.find_element("css selector", "#submission-1").text  # not before the reviewer's word
        first = _document_id(browser, 1)
        assert "已提交" in _register_row(browser, site) or "审核中" in _register_row(browser, site)

        # the reviewer: one finding confirmed, another dismissed with a note, the document returned
        browser.get(f"{site}/document/{first}")
        confirm = browser.find_elements("css selector", "input[type=radio][id$='-confirm']")
        assert len(confirm) >= 2, browser.find_element("tag name", "body").text
        one, other = (c.get_attribute("id").split("-")[1] for c in confirm[:2])
        browser.find_element("id", f"id_verdict-{one}-confirm").click()
        browser.find_element("id", f"id_verdict-{other}-dismiss").click()
        browser.find_element("id", f"id_note-{other}").send_keys("表中另有说明")
        submit(browser, "保存审核意见")
        assert browser.find_element("id", f"id_verdict-{one}-confirm").is_selected()
        assert browser.find_element("id", f"id_verdict-{other}-dismiss").is_selected()
        browser.find_element("css selector", "#findings a[href*='/page/']").click()  # a finding beside its page
        wait_for_text(browser, "标注的第")
        assert browser.execute_script("const i = document.getElementById('page-image');"
                                      "return i.complete && i.naturalWidth > 700")
        browser.find_element("id", "back").click()
        wait_for_text(browser, "保存审核意见")
        fill(browser, "发文单位", "普陀区财政局")
        fill(browser, "通知日期", "2025-02-01")
        fill(browser, "整改期限", "2025-02-10")
        submit(browser, "退回")
        wait_for_text(browser, "已退回")
        assert "已退回" in _register_row(browser, site)

        # the department sees it returned and resubmits the corrected draft
        browser.get(link)
        wait_for_text(browser, "已退回")
        assert "有问题" in browser.find_element("css selector", "#submission-1").text  # released with the return
        upload(browser, "文件（PDF、Word 文档（.docx、.doc），或导出的 .xlsx/.xls/.ods 工作簿；不超过 50 MB）", DRAFT_2)
        submit(browser, "报送")
        wait_for_text(browser, "已重新提交")
        _reviewed(browser, link, 2)
        second = _document_id(browser, 2)

        # the reviewer accepts it; the register shows it
        browser.get(f"{site}/document/{second}")
        for reason in browser.find_elements("id", "id_reason"):  # errors not dismissed: accepted with a reason
            reason.send_keys("其余问题已与万里街道核实，可以公开")
        submit(browser, "审核通过")
        wait_for_text(browser, "已通过")
        assert "已通过" in _register_row(browser, site)
        browser.get(f"{site}/precision")
        wait_for_text(browser, "驳回")
