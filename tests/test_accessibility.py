"""The reviewer's pages pass axe (axe-core 4.12, run in headless Chromium) with no serious or
critical finding: the review page of check --against, the bureau's summary page and the per-document
pages of review, and the import's review page. axe-core is installed by scripts/setup from the npm
registry into .venv/axe (REPORTGEN_AXE names another axe.min.js)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.clients import require_program
from tests.support.browser import chromium_driver
from tests.support.cli import reportgen

ROOT = Path(__file__).resolve().parent.parent
AXE = Path(os.environ.get("REPORTGEN_AXE", ROOT / ".venv" / "axe" / "node_modules" / "axe-core" / "axe.min.js"))
UNIT_PDF = ROOT / "tests" / "seeds" / "pdf" / "shanghai-putuo-shangwuwei-unit-2025.pdf"


def _axe() -> str:
    if not AXE.is_file():
        if os.environ.get("CI") == "true":
            pytest.fail(f"axe-core is missing at {AXE} (scripts/setup installs it) (CI=true: not skipping)")
        pytest.skip(f"axe-core is not installed at {AXE} (scripts/setup installs it)")
    return AXE.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """One headless Chromium for the module's pages (each test loads its page afresh, axe with it): one start, not five."""
    with chromium_driver(tmp_path_factory.mktemp("chromium")) as driver:
        yield driver


@pytest.fixture(scope="module")
def pages(tmp_path_factory) -> dict[str, Path]:
    require_program("pdftotext")
    out = tmp_path_factory.mktemp("a11y")

    reportgen("check", str(ROOT / "data" / "shenzhen-yantian-zgh-2022.yaml"), "--against",
              str(ROOT / "tests" / "seeds" / "shenzhen-yantian-zgh-2022.txt"), "--report", str(out / "review.html"))
    roster = out / "名单.csv"  # the register too: a unit published late, one not found
    roster.write_text("单位名称,类型,主管部门,批复日期,公开日期\n上海市普陀区商务委员会,单位,上海市普陀区商务委员会,2025-01-20,"
                      "2025-02-20\n上海市普陀区商务服务中心,单位,上海市普陀区商务委员会,2025-01-20,\n", encoding="utf-8")
    reportgen("review", str(UNIT_PDF), "--layout", "上海", "--roster", str(roster), "-o", str(out / "bureau"))
    reportgen("import", str(UNIT_PDF), "--layout", "上海", "-o", str(out / "s.yaml"), "--report", str(out / "import.html"))
    named = {"review": out / "review.html", "summary": out / "bureau" / "index.html", "import": out / "import.html",
             "tables": next((out / "bureau").glob("*-tables.html")), "prose": next((out / "bureau").glob("*-prose.html"))}
    assert all(p.is_file() for p in named.values()), named
    return named


@pytest.mark.parametrize("page", ["review", "summary", "import", "tables", "prose"])
def test_the_page_has_no_serious_accessibility_finding(browser, pages, page):
    script = _axe()
    browser.get(pages[page].as_uri())
    browser.execute_script(script)
    browser.set_script_timeout(120)
    result = browser.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document, {resultTypes: ['violations']}).then(r => done(r.violations.map("
        "v => [v.id, v.impact, v.nodes.length, v.help])));")
    serious = [v for v in result if v[1] in ("serious", "critical")]
    assert serious == [], serious
