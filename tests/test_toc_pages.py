"""The 目录 with page numbers (issue 26, part 4; issue 39, part 3): in the DOCX of a layout that has
one (上海), each line ends in a dot leader and a PAGEREF field to a bookmark on its heading or its
table's caption, whose result is the page LibreOffice lays it out on (Word is not asked to update
the fields); the PDF LibreOffice prints of that DOCX shows the same numbers, the pages where the
headings and tables really are; printing the HTML keeps the 目录."""

from __future__ import annotations

import re
import subprocess
import zipfile
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest

from reportgen.runners.render import render_source
from tests.clients import require_program
from tests.support.prints import shipped_prints

# the 目录 page numbers as a user gets them: LibreOffice lays the DOCX out (tests/conftest.py)
pytestmark = pytest.mark.contents_pages

ROOT = Path(__file__).resolve().parent.parent
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
SHANGHAI = sorted(p.stem for p in (ROOT / "data").glob("shanghai-*.yaml"))
PAGEREF = re.compile(r"^\s*PAGEREF (_Toc\d+) \\h\s*$")


def squeezed(text: str) -> str:
    return re.sub(r"\s+", "", text)


def field_result(p: ET.Element) -> str:
    """The text of a paragraph's field result: its runs between the separate and end characters."""
    shown, inside = [], False
    for run in p.iter(f"{W}r"):
        kind = next((c.get(f"{W}fldCharType") for c in run.iter(f"{W}fldChar")), None)
        if kind is not None:
            inside = kind == "separate"
        elif inside:
            shown += [t.text or "" for t in run.iter(f"{W}t")]
    return "".join(shown)


def contents_results(docx: Path) -> list[str]:
    """The 目录 lines' field results, in order."""
    root = ET.fromstring(zipfile.ZipFile(docx).read("word/document.xml"))
    return [field_result(p) for p in root.iter(f"{W}p")
            if any(PAGEREF.match(i.text or "") for i in p.iter(f"{W}instrText"))]


def contents_lines(docx: Path) -> tuple[list[tuple[str, str]], dict[str, str], ET.Element]:
    """The 目录's lines as (text before the tab, the bookmark its PAGEREF names), the text of the
    paragraph each bookmark is on, and word/document.xml's root."""
    root = ET.fromstring(zipfile.ZipFile(docx).read("word/document.xml"))
    lines, marked = [], {}
    for p in root.iter(f"{W}p"):
        instructions = [PAGEREF.match(i.text or "") for i in p.iter(f"{W}instrText")]
        if instructions and instructions[0]:
            text = "".join(t.text or "" for t in p.iter(f"{W}t"))
            lines.append((text[:len(text) - len(field_result(p))], instructions[0].group(1)))
        for start in p.findall(f"{W}bookmarkStart"):
            marked[start.get(f"{W}name")] = "".join(t.text or "" for t in p.iter(f"{W}t"))
    return lines, marked, root


@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, Path]]:
    """The 上海 sources in the 上海 layout: each DOCX and the PDF LibreOffice printed from it — the prints
    tests/test_print_quality.py and test_published_pages.py read (tests/support/prints.py: once a session)."""
    require_program("soffice")
    every = shipped_prints(tmp_path_factory)
    return {name: every[(name, "上海")] for name in SHANGHAI}


@pytest.fixture(scope="module")
def rendered(printed: dict[str, tuple[Path, Path]]) -> dict[str, Path]:
    return {name: docx for name, (docx, _) in printed.items()}


def test_every_contents_line_has_a_dot_leader_and_a_page_reference_to_its_heading(rendered):
    for name, docx in rendered.items():
        lines, marked, root = contents_lines(docx)
        assert len(lines) >= 15, name  # 七 parts and 9 tables
        # each bookmark named, each named once but “五、部门预算表”, which points at its first table (no heading
        # of its own in the body, as published) and so shares that table's bookmark
        assert sorted({mark for _, mark in lines}) == sorted(marked), name
        shared = [text for text, mark in lines if [m for _, m in lines].count(mark) > 1]
        assert shared == ([] if "juesuan" in name else ["五、部门预算表", "1. 2026年部门财务收支预算总表"]), name
        for p in root.iter(f"{W}p"):
            if p.find(f".//{W}instrText") is not None:
                tab = p.find(f"{W}pPr/{W}tabs/{W}tab")
                # at the text's right edge: a landscape page's for the budgets (页面: 横向), a portrait one's for the 决算
                edge = "8845" if "juesuan" in name else "13946"
                assert (tab.get(f"{W}val"), tab.get(f"{W}leader"), tab.get(f"{W}pos")) == ("right", "dot", edge), name
        styles = {p.findtext(f".//{W}t") or "": p.find(f"{W}pPr/{W}pStyle") for p in root.iter(f"{W}p")
                  if p.find(f"{W}bookmarkStart") is not None}
        assert {s.get(f"{W}val") for s in styles.values()} <= {"Heading1", "Heading2", "Heading3", "TableTitle",
                                                               "TableNumber"}, name
        settings = zipfile.ZipFile(docx).read("word/settings.xml").decode("utf-8")
        assert "updateFields" not in settings, name  # the numbers are there: nothing to update


def test_a_layout_without_a_contents_asks_for_no_update(tmp_path):
    result = render_source(ROOT / "data" / "shenzhen-yantian-zgh-2022.yaml", tmp_path, ("docx",))
    package = zipfile.ZipFile(result.outputs[0])
    assert "updateFields" not in package.read("word/settings.xml").decode("utf-8")
    xml = package.read("word/document.xml").decode("utf-8")
    assert "PAGEREF" not in xml and "bookmarkStart" not in xml


def page_texts(pdf: Path) -> list[str]:
    text = subprocess.run([require_program("pdftotext"), "-layout", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    return text.split("\f")[:-1]


def stands_alone(target: str, page: str) -> bool:
    """Whether ``target`` is lines of its own on ``page`` (a heading, a caption; not words of a
    sentence that names it), over up to three lines when it wraps."""
    lines = [squeezed(line) for line in page.splitlines() if line.strip()]
    return any("".join(lines[i:i + count]) == target for i in range(len(lines)) for count in (1, 2, 3))


def test_the_docx_and_its_pdf_give_the_pages_where_the_headings_are(printed):
    """Each 目录 line's field result in the DOCX (read with lxml's kin, ElementTree) and the number
    LibreOffice prints for it in the PDF of that DOCX are the page (its footer's number, counted
    from the page after the cover) where pdftotext finds the bookmarked heading or table caption."""
    for docx, pdf in printed.values():
        lines, marked, _ = contents_lines(docx)
        texts = page_texts(pdf)
        pages = [squeezed(page) for page in texts]
        assert not re.search(r"—\d+—", pages[0]), pdf.name  # the cover: a page of its own, unnumbered
        for number, page in enumerate(pages[1:], start=1):
            assert f"—{number}—" in page, (pdf.name, number)  # the footer: the page's own number, from 1 after the cover
        toc_end = next(i for i, page in enumerate(pages) if squeezed(lines[-1][0]) in page)
        contents = "".join(pages[:toc_end + 1])
        starts, at = [], 0
        for text, _ in lines:  # each line's place in the 目录, in order; its number runs to the next
            at = contents.index(squeezed(text), at)
            starts.append((at, at + len(squeezed(text))))
        shown, where, page = {}, {}, toc_end + 1
        for (text, mark), (_, end), following in zip(lines, starts, [*starts[1:], (len(contents), 0)], strict=True):
            found = re.match(r"[.…·]*(\d+)", contents[end:following[0]])
            assert found, (pdf.name, text)
            shown[text] = int(found.group(1))
            target = squeezed(marked[mark])
            page = next(i for i in range(page, len(pages)) if stands_alone(target, texts[i]))
            where[text] = page  # the page's index from the cover (0): its number
        assert shown == where, pdf.name
        results = [int(result) for result in contents_results(docx)]  # what Word shows without updating
        assert dict(zip(shown, results, strict=True)) == where, docx.name


def test_printing_the_html_keeps_the_layouts_contents(rendered, tmp_path):
    """Chromium prints the 上海 page with its 目录 on a page of its own; the default layout's list of
    parts is the screen's navigation and is not printed."""
    chromium = require_program("chromium")
    default = render_source(ROOT / "data" / "shenzhen-yantian-zgh-2022.yaml", tmp_path / "default", ("html",))
    shanghai = render_source(ROOT / "data" / f"{SHANGHAI[0]}.yaml", tmp_path / "上海", ("html",), layout="上海")
    pages = {}
    for key, html in (("上海", shanghai.outputs[0]), ("默认", default.outputs[0])):
        pdf = tmp_path / f"{key}.pdf"
        subprocess.run([chromium, "--headless", "--no-sandbox", "--disable-gpu", f"--user-data-dir={tmp_path / 'profile'}",
                        "--no-pdf-header-footer", f"--print-to-pdf={pdf}", html.as_uri()],
                       check=True, capture_output=True, timeout=180)
        pages[key] = [squeezed(page) for page in page_texts(pdf)]
    lines, _, _ = contents_lines(rendered[SHANGHAI[0]])
    toc = next(i for i, page in enumerate(pages["上海"]) if "目录一、" in page)
    assert all(squeezed(text) in pages["上海"][toc] for text, _ in lines)
    assert pages["上海"][toc].endswith(squeezed(lines[-1][0]))  # the parts begin on the next page
    assert not any("目录" in page for page in pages["默认"])
