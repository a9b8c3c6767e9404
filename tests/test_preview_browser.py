"""`reportgen preview` in a real browser: Debian's headless Chromium driven by Selenium.

The browser is tests/support/browser.py's: skipped locally without chromium/chromedriver (or
selenium); under CI=true a missing client fails; Selenium Manager is never asked for anything.
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import time
from decimal import Decimal
from pathlib import Path

import pytest

from reportgen.runners.preview import PreviewServer
from reportgen.runners.render import prepare
from tests.support.browser import browser  # noqa: F401  (the fixture: headless Chromium)
from tests.test_preview import BREAK, PLUS_ONE, YANTIAN, edit, edit_all

try:
    from selenium.common.exceptions import WebDriverException
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait
except ImportError:  # pragma: no cover - the test extra installs it (the fixture skips without it)
    pass

SEEN_WITHIN = 2.0  # seconds from saving the source to the page showing it (the bound)


@pytest.fixture
def source(tmp_path: Path) -> Path:
    path = tmp_path / "盐田.yaml"
    shutil.copyfile(YANTIAN, path)
    return path


def main_text(driver) -> str:
    return driver.find_element(By.TAG_NAME, "main").text


def shows(figure: str):
    """A wait condition: the page's text holds ``figure``. It reads textContent, which needs no
    layout, so polling it every 20–50 ms does not itself slow the reload it is waiting for."""
    def check(driver) -> bool:
        return bool(driver.execute_script(
            "var m = document.querySelector('main'); return !!m && m.textContent.indexOf(arguments[0]) >= 0",
            figure))
    return check


def overlay_displayed(shown: bool):
    """A wait condition on the findings overlay, read in one script so that a reload landing
    between "find the element" and "ask whether it is displayed" cannot fail the test."""
    def check(driver) -> bool:
        return shown == bool(driver.execute_script(
            "var o = document.getElementById('rg-overlay');"
            "return !!o && !o.hidden && getComputedStyle(o).display !== 'none'"))
    return check


def wait_for(driver, condition, timeout: float = SEEN_WITHIN):
    """Poll ``condition`` every 50 ms. The page reloads itself while this waits; a command that
    lands mid-navigation gets a transient WebDriver error ("Cannot find context", stale
    element), which means "not yet", not a failure: the timeout still bounds the wait."""
    return WebDriverWait(driver, timeout, poll_frequency=0.05,
                         ignored_exceptions=(WebDriverException,)).until(condition)


def assert_visible(driver, figure: str) -> None:
    cell = driver.find_element(By.XPATH, f"//main//*[contains(text(), '{figure}')]")
    assert cell.is_displayed(), figure


def test_page_follows_the_source_in_chromium(tmp_path, browser, source):  # noqa: F811
    with PreviewServer(source).start() as server:
        browser.get(server.url)
        WebDriverWait(browser, 10).until(ec.text_to_be_present_in_element((By.TAG_NAME, "main"), "1,273.52"))
        assert "1,274.52" not in main_text(browser)
        # The preview's furniture: a side 目录, the findings panel, the render time, the DOCX link.
        toc = browser.find_element(By.CSS_SELECTOR, "nav.toc")
        assert toc.is_displayed() and toc.value_of_css_property("position") == "fixed"
        assert "未发现问题" in browser.find_element(By.ID, "rg-findings").text
        assert browser.find_element(By.ID, "rg-render-time").text.startswith("生成用时")
        docx_link = browser.find_element(By.ID, "rg-docx")
        assert docx_link.is_displayed() and "/report.docx?r=" in docx_link.get_attribute("href")

        # Read further down, then save a change: the page follows, the reader stays where they were.
        browser.execute_script("window.scrollTo(0, 2400)")
        scrolled = browser.execute_script("return window.scrollY")
        assert scrolled > 1000
        edit_all(source, PLUS_ONE)
        wait_for(browser, shows("1,274.52"))
        assert_visible(browser, "1,274.52")
        assert "1,274.52" in main_text(browser)
        wait_for(browser, lambda d: abs(d.execute_script("return window.scrollY") - scrolled) < 2)

        # Break the YAML: the overlay lists the findings over the last good render.
        edit(source, *BREAK)
        wait_for(browser, overlay_displayed(True))
        expected = [finding.format() for finding in prepare(source).findings]
        assert expected
        overlay_text = wait_for(browser, lambda d: d.find_element(By.ID, "rg-overlay").text)
        for finding in expected:
            assert finding in overlay_text
        assert "1,274.52" in wait_for(browser, main_text)
        browser.get_screenshot_as_file(str(tmp_path / "preview-broken.png"))

        # Fix it: the overlay goes.
        edit(source, BREAK[1], BREAK[0])
        wait_for(browser, overlay_displayed(False))
        assert "1,274.52" in wait_for(browser, main_text)
        assert wait_for(browser, lambda d: not d.find_element(By.ID, "rg-offline").is_displayed())
        screenshot = tmp_path / "preview.png"
        assert browser.get_screenshot_as_file(str(screenshot))
        assert screenshot.stat().st_size > 10_000


def test_overlay_can_be_put_aside(tmp_path, browser, source):  # noqa: F811
    edit(source, *BREAK)
    with PreviewServer(source).start() as server:
        browser.get(server.url)
        overlay = WebDriverWait(browser, 10).until(ec.visibility_of_element_located((By.ID, "rg-overlay")))
        browser.find_element(By.ID, "rg-overlay-hide").click()
        assert not overlay.is_displayed()
        browser.find_element(By.ID, "rg-show-errors").click()
        assert overlay.is_displayed()


@pytest.mark.skipif(not os.environ.get("REPORTGEN_MEASURE_LATENCY"),
                    reason="a measurement, not a check: set REPORTGEN_MEASURE_LATENCY=1 (and pytest -s) to run it")
def test_measure_save_to_visible_latency(tmp_path, browser, source):  # noqa: F811
    """Save → new figure on the page, N times: printed and written to latency.json.

    "painted" is the browser's own first contentful paint of the reloaded page (epoch ms from
    performance.timeOrigin), which shares the machine's clock with time.time() at the save;
    "noticed" is when a Selenium poll (every 20 ms) first finds the new figure in the page."""
    runs = int(os.environ.get("REPORTGEN_MEASURE_RUNS", "10"))
    original = source.read_text(encoding="utf-8")
    painted: list[float] = []
    noticed: list[float] = []
    with PreviewServer(source).start() as server:
        browser.get(server.url)
        WebDriverWait(browser, 10).until(ec.text_to_be_present_in_element((By.TAG_NAME, "main"), "1,273.52"))
        for k in range(1, runs + 1):
            time.sleep(0.5)  # a finance officer does not save twenty times a second
            income = Decimal("1273.52") + k
            text = original
            for old, new in (("一般公共预算拨款: 1273.52", f"一般公共预算拨款: {income}"),
                             ("{科目: 2012901, 基本支出: 256.95}", f"{{科目: 2012901, 基本支出: {Decimal('256.95') + k}}}"),
                             ("{科目: 30101, 金额: 45.09}", f"{{科目: 30101, 金额: {Decimal('45.09') + k}}}")):
                text = text.replace(old, new, 1)
            saved = time.time()
            source.write_text(text, encoding="utf-8")
            WebDriverWait(browser, SEEN_WITHIN, poll_frequency=0.02).until(shows(f"{income:,.2f}"))
            noticed.append(time.time() - saved)
            paint = WebDriverWait(browser, 2, poll_frequency=0.02).until(lambda d: d.execute_script(
                "var p = performance.getEntriesByName('first-contentful-paint')[0];"
                "return p ? performance.timeOrigin + p.startTime : null;"))
            painted.append(paint / 1000 - saved)
    result = {
        "runs": runs,
        "painted_median_s": round(statistics.median(painted), 3), "painted_max_s": round(max(painted), 3),
        "noticed_median_s": round(statistics.median(noticed), 3), "noticed_max_s": round(max(noticed), 3),
        "painted_s": [round(x, 3) for x in painted], "noticed_s": [round(x, 3) for x in noticed],
    }
    (tmp_path / "latency.json").write_text(json.dumps(result, indent=2), encoding="utf-8")
    print("\nsave → visible latency:", json.dumps(result))
