"""Debian's headless Chromium driven by Selenium + chromedriver, for every test that uses a browser,
and the steps a test takes through a server-rendered form.

Skipped locally without chromium, chromedriver or selenium; under CI=true a missing one fails
(tests/clients.unavailable). Selenium Manager is never asked for anything: the driver and browser
paths are given explicitly (which skips it) and SE_OFFLINE=true forbids downloads should it run
anyway. Chromium runs without its sandbox (the tests run as root in a container), and with its
background networking, component updates, sync and QUIC off: a test's browser talks to the test's
server only.

    browser (fixture)            a fresh browser for one test, its profile in the test's folder
    chromium_driver(folder)      the same as a context manager, for a fixture of another scope
    fill(driver, label, text)    type into the field a <label> names (its for=, or the field inside it)
    upload(driver, label, path)  choose a file for the <input type=file> a label names
    submit(driver, button=None)  press the form's submit button (the one whose text is ``button``)
    wait_for_text(driver, text)  wait until the page's text holds ``text``
    wait_for_shown(driver, css, texts, timeout)  wait, the page not loaded again, until an element reads one of ``texts``
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.clients import require_program, unavailable

try:
    from selenium import webdriver
    from selenium.common.exceptions import TimeoutException, WebDriverException
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.support.ui import WebDriverWait
except ImportError:  # pragma: no cover - the test extra installs it
    webdriver = None

CHROMIUM_FLAGS = (
    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
    "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
    "--disable-quic", "--disable-default-apps", "--disable-extensions", "--no-default-browser-check",
    "--window-size=1680,1050",
)
WAIT = 10.0  # seconds a step waits for the page it leads to
_SET_BY_VALUE = frozenset({"date", "time", "datetime-local", "month", "week", "color", "range"})


@contextlib.contextmanager
def chromium_driver(folder: Path, page_load_timeout: float = 30) -> Iterator[Any]:
    """A headless Chromium (its profile and chromedriver's log in ``folder``), quit on leaving."""
    chromium = require_program("chromium")
    chromedriver = require_program("chromedriver")
    if webdriver is None:
        unavailable("browser test needs selenium (pip install -e '.[test]')")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SE_OFFLINE", "true")
        options = Options()
        options.binary_location = chromium
        for flag in CHROMIUM_FLAGS:
            options.add_argument(flag)
        options.add_argument(f"--user-data-dir={folder / 'chromium-profile'}")
        service = Service(executable_path=chromedriver, log_output=str(folder / "chromedriver.log"))
        driver = webdriver.Chrome(service=service, options=options)
    driver.set_page_load_timeout(page_load_timeout)
    try:
        yield driver
    finally:
        driver.quit()


@pytest.fixture
def browser(tmp_path: Path) -> Iterator[Any]:
    """Headless Chromium for one test."""
    with chromium_driver(tmp_path) as driver:
        yield driver


# What Selenium's element.text reads (the text shown: none for a hidden element), read in the page — one WebDriver command
# for a page's every label or button where asking each element was three (a document page has a label a finding: about 50)
_SHOWN = "const shown = e => e.checkVisibility() ? e.innerText : '';"
_FIELD = _SHOWN + """
const labels = [...document.getElementsByTagName('label')];
const said = l => shown(l).split(/\\s+/).filter(Boolean).join(' ');
for (const label of labels) {
  if (said(label) !== arguments[0]) continue;
  const target = label.getAttribute('for');
  if (target) return document.getElementById(target) || `no element of id ${target} for its label`;
  const inside = label.querySelector('input, select, textarea');
  if (inside) return inside;
}
return labels.map(said);"""
_BUTTONS = _SHOWN + """
const wanted = arguments[0];
const buttons = [...document.querySelectorAll('button, input[type=submit]')].filter(b => (b.type || 'submit') === 'submit');
return [buttons.filter(b => wanted === null || wanted === shown(b).trim() || wanted === b.value),
        document.documentElement];"""


def field_for(driver: Any, label: str) -> Any:
    """The form field the <label> whose shown text is ``label`` names: by its ``for``, else the field inside
    it. Fails the test, naming the labels the page has, when there is none."""
    found = driver.execute_script(_FIELD, label)
    if isinstance(found, str):
        pytest.fail(f"{label!r} on {driver.current_url}: {found}")
    if isinstance(found, list):
        pytest.fail(f"no field labelled {label!r} on {driver.current_url}: labels {found}")
    return found


def fill(driver: Any, label: str, text: str) -> None:
    """Type ``text`` into the field labelled ``label``, replacing what it held. A date or time field
    is given its value (2025-02-14) as the page will read it: typed, its keys would be read in the
    browser's locale's order of day, month and year."""
    field = field_for(driver, label)
    if field.get_attribute("type") in _SET_BY_VALUE:
        driver.execute_script("arguments[0].value = arguments[1];"
                              "arguments[0].dispatchEvent(new Event('input', {bubbles: true}));"
                              "arguments[0].dispatchEvent(new Event('change', {bubbles: true}))", field, text)
        assert field.get_attribute("value") == text, f"{label!r} does not take {text!r}"
        return
    field.clear()
    field.send_keys(text)


def upload(driver: Any, label: str, path: Path) -> None:
    """Choose the file at ``path`` for the <input type=file> labelled ``label`` (as a user picking it
    in the file dialog: chromedriver sends the path, the browser reads the file)."""
    field = field_for(driver, label)
    assert field.get_attribute("type") == "file", f"{label!r} is not a file field"
    field.send_keys(str(Path(path).resolve()))


def submit(driver: Any, button: str | None = None) -> None:
    """Press the submit button whose shown text (or value) is ``button``, else the page's only one, and
    wait until the page it leads to has loaded."""
    buttons, old = driver.execute_script(_BUTTONS, button)
    if len(buttons) != 1:
        pytest.fail(f"{len(buttons)} submit buttons {button or ''} on {driver.current_url}")
    buttons[0].click()
    WebDriverWait(driver, WAIT).until(lambda d: _gone(old) and d.execute_script("return document.readyState") == "complete")


def _gone(element: Any) -> bool:
    """Whether ``element`` belongs to a page that has been left (the next one has replaced it)."""
    try:
        element.tag_name  # noqa: B018  (asking anything of it tells)
    except WebDriverException:
        return True
    return False


def wait_for_text(driver: Any, text: str, timeout: float = WAIT) -> None:
    """Wait until the page's text holds ``text`` (read as textContent: no layout needed); fails the
    test with what the page said when it does not within ``timeout`` seconds."""
    def holds(d: Any) -> bool:
        return bool(d.execute_script("return !!document.body && document.body.textContent.indexOf(arguments[0]) >= 0",
                                     text))
    try:
        WebDriverWait(driver, timeout, poll_frequency=0.05, ignored_exceptions=(WebDriverException,)).until(holds)
    except TimeoutException:
        said = driver.execute_script("return document.body ? document.body.innerText : ''") or ""
        pytest.fail(f"{text!r} not shown within {timeout} s on {driver.current_url}; the page says:\n{said[:2000]}")


def wait_for_shown(driver: Any, selector: str, texts: tuple[str, ...], timeout: float, poll: float = 0.5) -> None:
    """Wait until the element ``selector`` picks holds one of ``texts`` (its textContent, trimmed), reading the page the
    browser shows — loaded again only by itself (a <meta refresh>), never by the wait; fails the test with what the page
    said when it does not within ``timeout`` seconds."""
    def shown(d: Any) -> bool:
        return d.execute_script("const e = document.querySelector(arguments[0]); return e ? e.textContent.trim() : ''",
                                selector) in texts
    try:
        WebDriverWait(driver, timeout, poll_frequency=poll, ignored_exceptions=(WebDriverException,)).until(shown)
    except TimeoutException:
        said = driver.execute_script("return document.body ? document.body.innerText : ''") or ""
        pytest.fail(f"{selector} not one of {texts} within {timeout} s on {driver.current_url}; the page says:\n{said[:2000]}")
