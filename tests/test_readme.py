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


def test_the_files_handed_out_first_are_test_files_and_scripts_test_keeps_their_order():
    from tests.conftest import SLOWEST_FIRST

    assert [name for name in SLOWEST_FIRST if not (ROOT / "tests" / f"{name}.py").is_file()] == []
    assert "--no-loadscope-reorder" in (ROOT / "scripts" / "test").read_text(encoding="utf-8")


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


PUBLISHED = ROOT / "tests" / "seeds" / "pdf" / "shanghai-putuo-shangwuwei-2025.pdf"


def _journey() -> str:
    readme = README.read_text(encoding="utf-8")
    return readme[readme.index("## 一个数字的旅程"):]


def test_the_figure_of_the_journey_goes_the_way_the_readme_says(capsys, tmp_path):
    """商务委 2025's 2150899: the README quotes the line import writes, the sentence and the cell render
    prints, and the review of the published PDF agrees with its 29,381.00万元. Each is checked here, so
    that a change to what reportgen does shows up as a README to update."""
    import json
    import zipfile

    from reportgen.cli import main

    journey = _journey()
    (line,) = re.findall(r"`(- \{科目: 2150899[^`]*)`", journey)
    source = tmp_path / "swh.yaml"
    assert main(["import", str(PUBLISHED), "--layout", "上海", "-o", str(source)]) == 0
    assert line in [row.strip() for row in source.read_text(encoding="utf-8").splitlines()]

    assert main(["render", str(source), "--format", "docx,html", "-o", str(tmp_path / "out")]) == 0
    sentence = re.search(r"“(13\.“资源勘探.*?产业扶持政策支出。)”", journey.replace("\n   ", "")).group(1)
    docx = zipfile.ZipFile(tmp_path / "out" / "swh.docx").read("word/document.xml").decode("utf-8")
    paragraphs = ["".join(re.findall(r"<w:t[^>]*>([^<]*)</w:t>", p)) for p in docx.split("</w:p>")]
    assert sentence in paragraphs
    assert "293,810,000.00" in paragraphs
    html = (tmp_path / "out" / "swh.html").read_text(encoding="utf-8")
    assert sentence in re.sub(r"<[^>]+>", "", html) and "293,810,000.00" in html
    capsys.readouterr()

    assert main(["review", str(PUBLISHED), "--layout", "上海", "--format", "json"]) == 0
    (document,) = json.loads(capsys.readouterr().out)
    (figure,) = [f for f in document["narrative"]["figures"] if f["printed"] == "29,381.00万元"]
    assert figure["status"] == "agree" and figure["figure"] == "其他支持中小企业发展和管理支出"
    counts = document["narrative"]["counts"]
    said = re.search(r"正文读到\s*(\d+) 个数字，对上 (\d+) 个，(\d+) 个未能核对，(\d+) 个不一致", journey)
    assert said and [int(n) for n in said.groups()] == [counts["read"], counts["agree"], counts["unknown"],
                                                        counts["disagree"]]
