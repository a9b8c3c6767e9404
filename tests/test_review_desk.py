"""The reviewer's desk, findings first (issue 38 part 1): the bureau's summary page lists every finding
of every document — its page, the words printed there, what is wrong, rule, severity — each linking to
its place on the document's own page, which opens with the same list; the pages are the same bytes
for the same documents. Measured on the real published PDFs of the shared seeds: each listed page is
checked against pdftotext's own text of that page, not against the reader that produced it."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from lxml import html

from tests.clients import require_program
from tests.test_preview_browser import browser  # noqa: F401  (the fixture: headless Chromium)

ROOT = Path(__file__).resolve().parent.parent
FOLDERS = [ROOT / "tests" / "seeds" / "pdf", ROOT / "tests" / "seeds" / "juesuan"]
_SPACE = re.compile(r"\s+")


def _review(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "reportgen", "review", *map(str, FOLDERS), "--layout", "上海", *args],
                          capture_output=True, text=True, check=False, cwd=ROOT)


@pytest.fixture(scope="module")
def desk(tmp_path_factory) -> Path:
    require_program("pdftotext")
    out = tmp_path_factory.mktemp("desk") / "pages"
    done = _review("-o", str(out))
    assert done.returncode in (0, 1) and (out / "index.html").is_file(), done.stderr
    return out


def _rows(desk: Path) -> list[dict[str, str]]:
    page = html.parse(str(desk / "index.html")).getroot()
    rows = []
    for tr in page.xpath('//table[@id="findings"]/tbody/tr'):
        cells = [td.text_content() for td in tr.xpath("td")]
        links = tr.xpath(".//a/@href")
        rows.append({"document": tr.get("data-document"), "rule": tr.get("data-rule"), "severity": tr.get("data-severity"),
                     "page": cells[1], "quote": cells[2], "problem": cells[3], "link": links[0] if links else ""})
    return rows


def _flat(text: str) -> str:
    return _SPACE.sub("", text).removesuffix("…")


def _expected_count(result: dict) -> int:
    narrative = result["narrative"] or {"wording": [], "contradictions": [], "figures": []}
    disagree = sum(1 for f in narrative["figures"] if f["status"] == "disagree")
    return (bool(result["refused"]) + len(result["tables"]) + len(result["checks"]) + len(result["text"])
            + len(narrative["wording"]) + len(narrative["contradictions"]) + disagree)


def test_the_summary_lists_every_finding_of_every_document(desk):
    done = _review("--format", "json")
    expected = {r["document"]: _expected_count(r) for r in json.loads(done.stdout)}
    counted: dict[str, int] = {}
    for row in _rows(desk):
        counted[row["document"]] = counted.get(row["document"], 0) + 1
    assert sum(expected.values()) >= 10  # the seeds' real slips: 万里 2024's, the 决算's, the repeated 职能
    assert counted == {doc: n for doc, n in expected.items() if n}
    assert f"问题清单（{sum(expected.values())} 条）" in (desk / "index.html").read_text(encoding="utf-8")


def test_each_listed_page_prints_the_quoted_words(desk):
    """The page is the PDF's own: pdftotext of that one page holds the quote."""
    paged = [row for row in _rows(desk) if row["page"]]
    assert len(paged) >= 8
    for row in paged:
        page = subprocess.run(["pdftotext", "-layout", "-f", row["page"], "-l", row["page"], row["document"], "-"],
                              capture_output=True, text=True, check=True, cwd=ROOT).stdout
        assert row["quote"] and _flat(row["quote"]) in _flat(page), row


def test_each_finding_links_to_its_line_which_shows_it(desk):
    linked = [row for row in _rows(desk) if "#" in row["link"]]
    assert len(linked) >= 8
    for row in linked:
        name, anchor = row["link"].split("#")
        page = html.parse(str(desk / name)).getroot()
        (line,) = page.xpath(f'//tr[@id="{anchor}"]')
        assert _flat(row["quote"]) in _flat(line.text_content()), row
        assert row["rule"] in line.text_content() or "应为" in line.text_content(), row


def test_the_document_page_opens_with_its_findings(desk):
    pages = sorted(desk.glob("*-prose.html"))
    with_findings = 0
    for path in pages:
        text = path.read_text(encoding="utf-8")
        page = html.fromstring(text)
        listed = page.xpath('//section[h2[@id="found"]]//a/@href')
        if not listed:
            continue
        with_findings += 1
        assert text.index('id="found"') < text.index('id="l1"'), path.name  # before the first line of the text
        assert all(page.xpath(f'//*[@id="{href[1:]}"]') for href in listed), path.name
        count = re.search(r"问题（(\d+) 条）", text)
        assert count and int(count.group(1)) == len(listed)
    assert with_findings >= 3


def test_the_pages_are_the_same_bytes_for_the_same_documents(desk, tmp_path):
    again = tmp_path / "again"
    assert _review("-o", str(again)).returncode in (0, 1)
    names = sorted(p.name for p in desk.iterdir())
    assert names == sorted(p.name for p in again.iterdir())
    for name in names:
        first = (desk / name).read_bytes()
        assert first == (again / name).read_bytes(), name
        assert str(desk).encode() not in first and b"/tmp/" not in first, name  # no output or temporary path


def test_the_list_filters_and_sorts_in_a_browser(browser, desk):  # noqa: F811
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    rows = _rows(desk)
    browser.get((desk / "index.html").as_uri())
    table = browser.find_element(By.ID, "findings")
    assert browser.find_element(By.ID, "filters").is_displayed()
    rule = sorted({row["rule"] for row in rows}, key=lambda r: sum(row["rule"] == r for row in rows))[0]
    Select(browser.find_element(By.CSS_SELECTOR, 'select[data-filter="rule"]')).select_by_visible_text(rule)
    shown = [tr for tr in table.find_elements(By.CSS_SELECTOR, "tbody tr") if tr.is_displayed()]
    assert len(shown) == sum(row["rule"] == rule for row in rows) < len(rows)
    assert all(tr.get_attribute("data-rule") == rule for tr in shown)
    assert browser.find_element(By.ID, "shown").text == f"显示 {len(shown)} 条"
    Select(browser.find_element(By.CSS_SELECTOR, 'select[data-filter="rule"]')).select_by_index(0)
    header = table.find_element(By.XPATH, ".//thead//th[2]")
    header.find_element(By.TAG_NAME, "button").click()
    assert header.get_attribute("aria-sort") == "ascending"
    pages = [int(tr.find_elements(By.TAG_NAME, "td")[1].text or 0) for tr in table.find_elements(By.CSS_SELECTOR, "tbody tr")]
    assert pages == sorted(pages) and len(pages) == len(rows)
    header.find_element(By.TAG_NAME, "button").click()
    assert header.get_attribute("aria-sort") == "descending"
