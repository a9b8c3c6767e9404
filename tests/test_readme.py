"""The README is a README: short, its test command the one CI runs, and no link in it or in docs/ leads
nowhere (usage lives in docs/, figures in bench/README.md, each linked from where it used to be said)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
MAX_LINES = 250

FENCE = re.compile(r"^```.*?^```", re.S | re.M)
CODE = re.compile(r"`[^`\n]*`")
LINK = re.compile(r"!?\[[^\]]*\]\(\s*([^)\s]+)(?:\s+\"[^\"]*\")?\s*\)")


def relative_links(markdown: str) -> list[str]:
    """The targets of a page's links and images that name a file of the repository: not a URL, not a
    fragment of the same page, not inside code (where ``[x](y)`` is text, not a link)."""
    text = CODE.sub("", FENCE.sub("", markdown))
    targets = [m.group(1).split("#", 1)[0] for m in LINK.finditer(text)]
    return [t for t in targets if t and not re.match(r"^[a-z][a-z0-9+.-]*:", t, re.I)]


def broken_links(page: Path) -> list[str]:
    return [t for t in relative_links(page.read_text(encoding="utf-8")) if not (page.parent / t).exists()]


def pages() -> list[Path]:
    return [README, *sorted((ROOT / "docs").glob("*.md")), ROOT / "bench" / "README.md"]


def test_the_readme_fits_in_250_lines():
    lines = README.read_text(encoding="utf-8").splitlines()
    assert len(lines) <= MAX_LINES, f"README.md has {len(lines)} lines: move detail into docs/ or bench/README.md"


@pytest.mark.parametrize("page", pages(), ids=lambda p: p.relative_to(ROOT).as_posix())
def test_every_relative_link_points_at_a_file_that_exists(page):
    assert broken_links(page) == [], f"{page.relative_to(ROOT)} links to files that do not exist"


def test_the_readme_and_docs_link_to_every_page_of_docs():
    """A page of docs/ that nothing links to is lost to a reader starting at the README."""
    linked = {(page.parent / t).resolve() for page in pages() for t in relative_links(page.read_text(encoding="utf-8"))}
    unlinked = [p.name for p in sorted((ROOT / "docs").glob("*.md")) if p.resolve() not in linked]
    assert unlinked == []


def test_the_readme_test_command_is_the_one_ci_runs():
    readme = README.read_text(encoding="utf-8")
    assert re.search(r"^bash scripts/test\s", readme, re.M), "README.md no longer gives `bash scripts/test`"
    assert re.search(r"^bash scripts/example\s", readme, re.M), "README.md no longer gives `bash scripts/example`"
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert re.search(r"^exec bash scripts/test$", ci, re.M), ".ci/run no longer runs the README's test command"


@pytest.mark.parametrize(("markdown", "expected"), [
    ("见 [docs/usage.md](docs/usage.md)。", ["docs/usage.md"]),
    ("![图](pages.png) 与 [页](review.md#名单)", ["pages.png", "review.md"]),
    ("![跨行的\n说明](import-report.png)", ["import-report.png"]),
    ("[网页](https://example.org/x.md)、[本页](#结构)、`[代码](x.md)`", []),
    ("```\n[代码块](y.md)\n```\n[真的](z.md)", ["z.md"]),
])
def test_the_link_reader_sees_links_and_images_and_skips_urls_and_code(markdown, expected):
    assert relative_links(markdown) == expected


def test_a_link_is_followed_from_the_folder_of_its_page(tmp_path):
    (tmp_path / "docs").mkdir()
    page = tmp_path / "docs" / "page.md"
    page.write_text("[有](present.md) [没有](absent.md) [上一层](../present.md)\n", encoding="utf-8")
    (tmp_path / "docs" / "present.md").write_text("", encoding="utf-8")
    assert broken_links(page) == ["absent.md", "../present.md"]
