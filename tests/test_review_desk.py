"""The reviewer's desk, findings first (issue 38 part 1): the bureau's summary page lists every finding
of every document — its page, the words printed there, what is wrong, rule, severity — each linking to
its place on the document's own page, which opens with the same list; the pages are the same bytes
for the same documents. Measured on the real published PDFs of the shared seeds: each listed page is
checked against pdftotext's own text of that page, not against the reader that produced it."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest
from lxml import html

from tests.clients import libreoffice_profile, require_program
from tests.saved_again import note_added
from tests.support.browser import browser  # noqa: F401  (the fixture: headless Chromium)
from tests.support.cli import reportgen

ROOT = Path(__file__).resolve().parent.parent
FOLDERS = [ROOT / "tests" / "seeds" / "pdf", ROOT / "tests" / "seeds" / "juesuan"]
_SPACE = re.compile(r"\s+")


def _review(*args: str) -> subprocess.CompletedProcess[str]:
    folders = [str(folder.relative_to(ROOT)) for folder in FOLDERS]  # as a reviewer names them, from where they work
    return reportgen("review", *folders, "--layout", "上海", *args, cwd=ROOT)


@pytest.fixture(scope="module")
def reviewed(tmp_path_factory) -> tuple[Path, list[dict]]:
    """The desk written, and the JSON report the same run printed (-o with --format json writes both)."""
    require_program("pdftotext")
    out = tmp_path_factory.mktemp("desk") / "pages"
    done = _review("-o", str(out), "--format", "json")
    assert done.returncode in (0, 1) and (out / "index.html").is_file(), done.stderr
    return out, json.loads(done.stdout)


@pytest.fixture(scope="module")
def desk(reviewed) -> Path:
    return reviewed[0]


@pytest.fixture(scope="module")
def on_two_cores(tmp_path_factory) -> tuple[int, str, Path]:
    """The same documents reviewed again, on two cores, printing text: its exit, its output and its pages (read by the
    pages' bytes and by every core's run against one at a time's: one review of the seeds for both)."""
    out = tmp_path_factory.mktemp("again") / "again"
    done = _review("--jobs", "2", "-o", str(out))
    return done.returncode, done.stdout, out


def _rows(desk: Path) -> list[dict[str, str]]:
    page = html.parse(str(desk / "index.html")).getroot()
    rows = []
    for tr in page.xpath('//table[@id="findings"]/tbody/tr'):
        cells = [td.text_content() for td in tr.xpath("td")]
        links = tr.xpath(".//a/@href")
        pages = [link for link in links if not link.split("#")[0].endswith(".pdf")]
        pdfs = [link for link in links if link.split("#")[0].endswith(".pdf")]
        rows.append({"document": tr.get("data-document"), "rule": tr.get("data-rule"), "severity": tr.get("data-severity"),
                     "page": cells[1], "quote": cells[2], "problem": cells[3], "link": pages[0] if pages else "",
                     "pdf": pdfs[0] if pdfs else ""})
    return rows


def _flat(text: str) -> str:
    return _SPACE.sub("", text).removesuffix("…")


def _expected_count(result: dict) -> int:
    if result["outcome"] == "未能审核" and result["refused"]:  # nothing read: no findings, its row says why
        return 0
    narrative = result["narrative"] or {"wording": [], "contradictions": [], "figures": []}
    disagree = sum(1 for f in narrative["figures"] if f["status"] == "disagree")
    return (bool(result["refused"]) + len(result["tables"]) + len(result["checks"]) + len(result["text"])
            + len(narrative["wording"]) + len(narrative["contradictions"]) + disagree)


def test_the_summary_lists_every_finding_of_every_document(reviewed):
    desk, report = reviewed
    expected = {r["document"]: _expected_count(r) for r in report}
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


def test_the_pages_are_the_same_bytes_for_the_same_documents(desk, on_two_cores):
    code, _, again = on_two_cores
    assert code in (0, 1)  # the first run printed JSON, this one text: the same pages
    names = sorted(p.name for p in desk.iterdir())
    assert names == sorted(p.name for p in again.iterdir())
    for name in names:
        first = (desk / name).read_bytes()
        assert first == (again / name).read_bytes(), name
        assert str(desk).encode() not in first, name  # no output path
        assert not re.search(rb"tmp[a-z0-9_]{8}", first), name  # nor a temporary file's (mkstemp's names)


def test_every_core_gives_what_one_at_a_time_gives(tmp_path, on_two_cores):
    """(From test_review_folders: the run on two cores is the one the pages' bytes are read from.)"""
    require_program("pdftotext")
    runs = {}
    out = tmp_path / "1"
    done = _review("--jobs", "1", "-o", str(out))
    runs["1"] = (done.returncode, done.stdout, {p.name: p.read_bytes() for p in out.iterdir()})
    code, stdout, out = on_two_cores
    runs["2"] = (code, stdout, {p.name: p.read_bytes() for p in out.iterdir()})
    assert runs["1"] == runs["2"]
    assert len(runs["2"][2]) > 30


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


# ---- the published PDF, annotated (issue 38 part 2) ----

def _annotations(pdf: Path) -> list[tuple[int, int, tuple[float, float, float, float], str]]:
    """(page, number, displayed box of the frame, note) of each of review's boxes, from the PDF itself."""
    from pypdf import PdfReader

    out = []
    for index, page in enumerate(PdfReader(pdf).pages, start=1):
        crop = [float(v) for v in page.cropbox]
        rotation = int(page.get("/Rotate", 0) or 0) % 360
        for ref in page.get("/Annots") or []:
            annot = ref.get_object()
            if not str(annot.get("/NM", "")).startswith("reportgen-"):
                continue
            left, bottom, right, top = (float(v) for v in annot["/Rect"])
            top -= 9 if rotation == 0 else 0  # the numbered tab stands above the frame
            out.append((index, int(str(annot["/NM"]).split("-")[1]), _displayed(crop, rotation, (left, bottom, right, top)),
                        str(annot["/Contents"])))
    return out


def _displayed(crop: list[float], rotation: int, rect: tuple[float, float, float, float]) -> tuple[float, float, float, float]:
    """A box in the page's own coordinates as pdftotext's -x/-y/-W/-H see it: from the displayed page's top left."""
    x0, y0, x1, y1 = crop
    corners = [(x, y) for x in rect[0::2] for y in rect[1::2]]
    shown = [{0: (x - x0, y1 - y), 90: (y - y0, x - x0), 180: (x1 - x, y - y0), 270: (y1 - y, x1 - x)}[rotation]
             for x, y in corners]
    xs, ys = [p[0] for p in shown], [p[1] for p in shown]
    return min(xs), min(ys), max(xs), max(ys)


def _text_under(pdf: Path, page: int, box: tuple[float, float, float, float]) -> str:
    left, top, right, bottom = box
    crop = [str(int(left)), str(int(top)), str(int(right - left) + 2), str(int(bottom - top) + 2)]
    return _flat(subprocess.run(["pdftotext", "-f", str(page), "-l", str(page), "-x", crop[0], "-y", crop[1], "-W", crop[2],
                                 "-H", crop[3], str(pdf), "-"], capture_output=True, text=True, check=True).stdout)


def _expected_words(row: dict[str, str]) -> str:
    """What a finding's box must cover: a figure's printed value, else the quoted words."""
    if row["rule"] == "R-核对":
        return _flat(re.search(r"写作“([^”]+)”", row["problem"]).group(1).split(" ")[-1])
    return _flat(row["quote"])


def _unreviewed(desk: Path) -> set[Path]:
    """The documents the summary's 逐份结果 says were not reviewed (未能审核)."""
    page = html.parse(str(desk / "index.html")).getroot()
    return {ROOT / tr.xpath("th")[0].text_content() for tr in page.xpath('//table[@id="outcomes"]/tbody/tr')
            if tr.xpath("td")[0].text_content() == "未能审核"}


def test_a_document_not_reviewed_is_told_apart_with_no_findings_copy_or_notice(desk):
    """Issue 54 part 5, issue 55 part 6: the blank 决算 template has no figure to review: 未能审核 in
    every count — never a document with findings, never a notice, no annotated copy."""
    template = ROOT / "tests" / "seeds" / "juesuan" / "shanghai-juesuan-template-2024.pdf"
    assert _unreviewed(desk) == {template}
    assert not [row for row in _rows(desk) if ROOT / row["document"] == template]
    assert not list(desk.glob(f"*-{template.stem}-*"))
    heading = html.parse(str(desk / "index.html")).getroot().xpath("//h1")[0].text_content()
    assert heading.endswith("，1 份未能审核"), heading


def test_each_pdf_has_an_annotated_copy_whose_boxes_sit_on_the_quoted_words(desk):
    rows = _rows(desk)
    documents = sorted({p for folder in FOLDERS for p in folder.glob("*.pdf")} - _unreviewed(desk))
    copies = sorted(desk.glob("*-annotated.pdf"))
    assert len(copies) == len(documents)
    boxed = 0
    for copy in copies:
        document = next(d for d in documents if copy.name.endswith(f"-{d.stem}-annotated.pdf"))
        listed = [row for row in rows if ROOT / row["document"] == document]
        for row in listed:  # the list opens the annotated copy at the finding's page
            assert row["pdf"] == (f"{copy.name}#page={row['page']}" if row["page"] else ""), row
        for page, number, box, note in _annotations(copy):
            row = listed[number - 1]  # the boxes are numbered as the findings are listed
            assert str(page) == row["page"] and note.startswith(f"{number}. ") and row["rule"] in note, (copy.name, row)
            under = _text_under(document, page, box)  # the reviewed file's words there (the copy adds the number)
            assert _expected_words(row).removesuffix("…")[:40] in under, (copy.name, number, under, row)
            boxed += 1
    assert boxed >= 15 and boxed >= len([row for row in rows if row["page"]]) - 2


def test_the_annotated_copy_keeps_every_page_and_adds_its_legend(desk):
    rows = _rows(desk)
    for copy in sorted(desk.glob("*-annotated.pdf")):
        document = next(p for folder in FOLDERS for p in folder.glob("*.pdf") if copy.name.endswith(f"-{p.stem}-annotated.pdf"))
        info = subprocess.run(["pdfinfo", str(copy)], capture_output=True, text=True, check=True)
        original = subprocess.run(["pdfinfo", str(document)], capture_output=True, text=True, check=True).stdout
        pages = int(re.search(r"Pages:\s+(\d+)", info.stdout).group(1))
        assert pages > int(re.search(r"Pages:\s+(\d+)", original).group(1)), copy.name
        from pypdf import PdfReader

        before, after = PdfReader(document).pages, PdfReader(copy).pages
        for number in range(len(before)):  # every page's own content as it was: only annotations are added
            assert before[number].get_contents().get_data() == after[number].get_contents().get_data(), (copy.name, number)
        legend = _flat(subprocess.run(["pdftotext", "-f", str(pages - 1 if pages > 2 else pages), str(copy), "-"],
                                      capture_output=True, text=True, check=True).stdout)
        own = [row for row in rows if ROOT / row["document"] == document]
        assert "审核意见" in legend and document.name in legend
        assert (f"共{len(own)}条问题" in legend) if own else ("未发现问题" in legend)
        for number, row in enumerate(own, start=1):
            assert f"{number}." in legend and f"[{row['rule']}]" in legend
        def drawn(pdf: Path) -> subprocess.CompletedProcess[str]:
            return subprocess.run(["pdftoppm", "-r", "5", "-png", str(pdf), str(desk.parent / "shot")],
                                  capture_output=True, text=True, check=False)

        render = drawn(copy)  # poppler draws every page, boxes and legend, with no complaint the original has not
        assert render.returncode == 0 and render.stderr == drawn(document).stderr, (copy.name, render.stderr)


def test_the_reviewed_pdfs_are_only_read(desk):
    for folder in FOLDERS:
        changed = subprocess.run(["git", "status", "--porcelain", str(folder)], capture_output=True, text=True, cwd=ROOT,
                                 check=False).stdout
        assert changed == ""
        assert not list(folder.glob("*annotated*"))


def _elements(node, seen: set[int]) -> int:  # noqa: ANN001
    """The structure elements (dictionaries with a structure type /S) under ``node`` of a tagged PDF,
    pypdf's objects, each counted once."""
    reference = getattr(node, "indirect_reference", None) or node
    node = node.get_object()
    if not isinstance(node, dict) or getattr(reference, "idnum", None) in seen:
        return 0
    if hasattr(reference, "idnum"):
        seen.add(reference.idnum)
    kids = node.get("/K", [])
    kids = kids if isinstance(kids, list) else [kids]
    return ("/S" in node) + sum(_elements(kid, seen) for kid in kids if hasattr(kid, "get_object"))


def test_the_annotated_copy_of_a_tagged_pdf_keeps_its_structure():
    """A PDF exported from Word or WPS is tagged (上海市财政局's 2025 单位预算: ~2,000 structure elements,
    its headings, paragraphs and table cells for a screen reader): the copy keeps them all, each page
    tied to its part of the tree, its language and its marking — only the boxes and the legend added."""
    import io

    from pypdf import PdfReader

    from reportgen.paperwork.pages import annotated_copy
    from reportgen.review.documents import review_document

    require_program("pdftotext")
    require_program("fc-match")
    document = ROOT / "bench" / "corpus" / "shanghai-caizhengju-unit-2025.pdf"
    copy = annotated_copy(review_document(document, "上海"), "001-x-annotated.pdf")
    assert copy.data is not None, copy.reason
    before, after = PdfReader(document), PdfReader(io.BytesIO(copy.data))
    counted = [_elements(pdf.trailer["/Root"]["/StructTreeRoot"], set()) for pdf in (before, after)]
    assert counted[0] > 1000 and counted[0] == counted[1], counted
    for key in ("/Lang", "/MarkInfo"):
        assert after.trailer["/Root"][key] == before.trailer["/Root"][key], key
    assert [p.get("/StructParents") for p in after.pages[:len(before.pages)]] == [p.get("/StructParents") for p in before.pages]
    assert len(after.pages) == len(before.pages) + 1


def test_libreoffice_opens_the_annotated_pdf(desk, tmp_path):
    soffice = require_program("soffice")
    copy = next(desk.glob("*-wanli-2024-annotated.pdf"))
    done = subprocess.run([soffice, f"-env:UserInstallation={libreoffice_profile(tmp_path / 'profile')}", "--headless",
                           "--convert-to", "odg", "--outdir", str(tmp_path), str(copy)],
                          capture_output=True, text=True, timeout=300, check=False)
    drawing = tmp_path / copy.with_suffix(".odg").name
    assert done.returncode == 0 and drawing.is_file(), done.stdout + done.stderr
    import zipfile

    content = zipfile.ZipFile(drawing).read("content.xml").decode("utf-8")
    pages = int(re.search(r"Pages:\s+(\d+)", subprocess.run(["pdfinfo", str(copy)], capture_output=True, text=True,
                                                             check=True).stdout).group(1))
    assert content.count("<draw:page ") == pages


@pytest.mark.parametrize("rotation", [90, 180, 270])
def test_boxes_sit_on_their_words_on_a_turned_page(tmp_path, rotation):
    """A page printed turned (its content drawn sideways, /Rotate setting it upright, as landscape pages
    often are) is boxed where its words are shown: the same document, made so, reviews the same."""
    from pypdf import PdfReader, PdfWriter, Transformation
    from pypdf.generic import RectangleObject

    require_program("pdftotext")
    writer = PdfWriter(clone_from=PdfReader(FOLDERS[0] / "shanghai-putuo-wanli-2024.pdf"))
    for page in writer.pages:
        w, h = float(page.mediabox.width), float(page.mediabox.height)
        # the drawing turned against the /Rotate that turns it back: (u, v) shown where it was
        matrix = {90: (0, 1, -1, 0, h, 0), 180: (-1, 0, 0, -1, w, h), 270: (0, -1, 1, 0, 0, w)}[rotation]
        page.add_transformation(Transformation(matrix))
        size = [0, 0, h, w] if rotation in (90, 270) else [0, 0, w, h]
        page.mediabox, page.cropbox = RectangleObject(size), RectangleObject(size)
        page.rotation = rotation
    turned = tmp_path / "turned.pdf"
    with turned.open("wb") as out:
        writer.write(out)
    done = reportgen("review", str(turned), "--layout", "上海", "-o", str(tmp_path / "out"), cwd=ROOT)
    (copy,) = (tmp_path / "out").glob("*-annotated.pdf")
    found = _annotations(copy)
    assert len(found) >= 8, done.stderr
    quotes = {row["link"].split("#l")[-1]: row for row in _rows(tmp_path / "out")}
    assert quotes
    for page, _, box, note in found:
        words = re.search(r"写作“([^”]+)”|印作“([^”]+)”", note)
        under = _text_under(turned, page, box)  # the reviewed file's words there (the copy adds the box's number)
        if "[R-层级]" in note:
            assert "市级预算主管部门" in under, (page, under)
        elif words:
            assert _flat(words.group(1) or words.group(2))[:6] in under, (page, note, under)


def test_a_file_review_did_not_write_is_never_replaced_by_an_annotated_copy(tmp_path):
    require_program("pdftotext")
    document = FOLDERS[0] / "shanghai-putuo-wanli-2025.pdf"
    out = tmp_path / "out"
    out.mkdir()
    own = out / "001-shanghai-putuo-wanli-2025-annotated.pdf"
    own.write_bytes(document.read_bytes())  # the user's own PDF under that name
    done = reportgen("review", str(document), "--layout", "上海", "-o", str(out), cwd=ROOT)
    assert done.returncode == 2 and "不会覆盖" in done.stderr and own.read_bytes() == document.read_bytes(), done.stderr
    own.unlink()
    for _ in range(2):  # its own copy, written again in the next run
        done = reportgen("review", str(document), "--layout", "上海", "-o", str(out), cwd=ROOT)
        assert done.returncode == 0 and own.read_bytes().startswith(b"%PDF-"), done.stderr


def _comment_added(table: Path) -> None:
    """A table saved by a program that keeps its properties (reportgen as its last writer) and adds a comment."""
    import zipfile

    with zipfile.ZipFile(table, "a") as package:
        package.comment = "已核".encode()


@pytest.mark.parametrize(("name", "save"), [("annotated.pdf", note_added), ("findings.xlsx", _comment_added)])
def test_a_handed_back_file_saved_since_is_never_written_over(tmp_path, name, save):
    """The annotated copy is the file a reviewer is most likely to mark: a note saved into it keeps its
    mark in its first bytes, and a table saved keeps reportgen as its last writer; neither is proof."""
    require_program("pdftotext")
    document = FOLDERS[0] / "shanghai-putuo-wanli-2025.pdf"
    out = tmp_path / "out"

    def review() -> subprocess.CompletedProcess[str]:
        return reportgen("review", str(document), "--layout", "上海", "-o", str(out), cwd=ROOT)

    assert review().returncode in (0, 1)
    (marked,) = out.glob(f"*-{name}")
    save(marked)
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    refused = review()
    assert refused.returncode == 2, refused.stderr
    assert f"不能写入 {marked}" in refused.stderr and "写出后已被改动" in refused.stderr, refused.stderr
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before  # nothing written, the note kept


def test_a_pdf_that_cannot_be_read_is_told_apart_and_nothing_sent_back(tmp_path):
    from pypdf import PdfReader, PdfWriter

    require_program("pdftotext")
    writer = PdfWriter(clone_from=PdfReader(FOLDERS[0] / "shanghai-putuo-wanli-2025.pdf"))
    writer.encrypt(user_password="secret", owner_password="owner")
    locked = tmp_path / "locked.pdf"
    with locked.open("wb") as out:
        writer.write(out)
    done = reportgen("review", str(locked), "--layout", "上海", "-o", str(tmp_path / "out"), cwd=ROOT)
    assert "Traceback" not in done.stderr and "内部错误" not in done.stderr
    # a PDF that opens only with its password cannot be read: not reviewed, and so said — no notice, no copy
    assert f"{locked}: 未能审核：" in done.stdout and "，1 份未能审核" in done.stdout, done.stdout
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [".written-by-reportgen.json", "index.html"]
    assert "未能审核" in (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    assert not list((tmp_path / "out").glob("*.pdf"))


# ---- the findings handed back (issue 38 part 5) ----

def _notice_text(path: Path) -> list[str]:
    import docx

    return [p.text for p in docx.Document(str(path)).paragraphs if p.text.strip()]


def _sheet_rows(path: Path) -> list[list[str]]:
    from python_calamine import CalamineWorkbook

    book = CalamineWorkbook.from_path(str(path))
    rows = book.get_sheet_by_index(0).to_python()
    return [[str(v).removesuffix(".0") if isinstance(v, float) else str(v) for v in row] for row in rows]


def test_each_document_with_findings_gets_its_notice_and_its_table(desk):
    rows = _rows(desk)
    for document in sorted({ROOT / row["document"] for row in rows}):
        own = [row for row in rows if ROOT / row["document"] == document]
        (notice,) = desk.glob(f"*-{document.stem}-notice.docx")
        (table,) = desk.glob(f"*-{document.stem}-findings.xlsx")
        text = _notice_text(notice)
        assert text[0] == "预算公开文本审核意见与整改通知" and f"有以下 {len(own)} 处问题" in "".join(text), text
        sheet = [row for row in _sheet_rows(table) if any(row)]
        header = sheet.index(["序号", "页码", "原文", "问题", "规则", "级别"])
        body = sheet[header + 1:]
        assert len(body) == len(own)
        for number, (cells, row) in enumerate(zip(body, own, strict=True), start=1):  # the summary's rows, in order
            assert cells[0] == str(number) and cells[1] == row["page"] and cells[4] == row["rule"], (cells, row)
            assert _flat(cells[2]) == _flat(row["quote"]) and _flat(cells[3]) == _flat(row["problem"]), (cells, row)


def test_the_notice_is_addressed_to_the_department_that_published(desk):
    (notice,) = desk.glob("*-shanghai-putuo-wanli-2024-notice.docx")
    text = _notice_text(notice)
    # named by the title its cover prints (issue 55 part 6), never by its file's name
    assert text[1] == "上海市普陀区人民政府万里街道办事处：" and "你部门公开的文本《上海市普陀区2024年区级部门预算》" in text[2]
    assert "shanghai-putuo-wanli-2024.pdf" not in "".join(text)
    # (its 10 findings: item 4's “减少2.98%。主要原因是：……经费增加。” among them)
    assert "001" not in text[3] and "-wanli-2024-annotated.pdf》在原文件上逐条框出了其中 10 处问题" in text[3], text


def test_a_units_notice_says_your_unit(tmp_path):
    """A 单位预算 (上海市普陀区司法局's unit budget 2026, 13 findings) is addressed as 你单位, not 你部门."""
    require_program("pdftotext")
    document = ROOT / "bench" / "corpus" / "putuo-sfj-unit-2026.pdf"
    done = reportgen("review", str(document), "-o", str(tmp_path / "pages"), cwd=ROOT)
    assert done.returncode == 1, done.stderr
    (unit,) = (tmp_path / "pages").glob("*-putuo-sfj-unit-2026-notice.docx")
    assert "你单位公开的文本" in _notice_text(unit)[2]


def test_the_notice_leaves_what_the_reviewer_did_not_set_blank(desk):
    """`review -o` without --issuer, --date, --deadline: the notice's issuer, date and deadline are blanks
    to fill by hand, never a value made up (today's date, a bureau's name)."""
    text = _notice_text(next(desk.glob("*-shanghai-putuo-wanli-2024-notice.docx")))
    assert "请于 ______ 年 ____ 月 ____ 日前完成整改并重新报送。" in text
    assert "____________________（审核单位）" in text and "______ 年 ____ 月 ____ 日" in text


def test_the_notice_carries_the_issuer_date_and_deadline_given(tmp_path):
    require_program("pdftotext")
    juesuan = FOLDERS[1] / "shanghai-putuo-guihuaziyuan-juesuan-2024.pdf"  # its cover's title over three lines
    done = reportgen("review", str(juesuan), "--layout", "上海", "-o", str(tmp_path),
                     "--issuer", "上海市普陀区财政局", "--date", "2025-07-01", "--deadline", "2025-07-15", cwd=ROOT)
    assert done.returncode == 1, done.stderr
    text = _notice_text(next(tmp_path.glob("*-notice.docx")))
    assert "你部门公开的文本《上海市普陀区规划和自然资源局2024年度部门决算》" in text[2], text
    assert text[4:7] == ["请于 2025 年 7 月 15 日前完成整改并重新报送。", "上海市普陀区财政局", "2025 年 7 月 1 日"], text


@pytest.mark.parametrize(("given", "said"), [(["--deadline", "2025-02-30"], "--deadline 2025-02-30：应为日期"),
                                             (["--date", "2025-03-02", "--deadline", "2025-03-01"], "早于 --date"),
                                             (["--issuer", " "], "--issuer 是空的")])
def test_a_notice_date_or_issuer_that_is_none_is_refused_before_any_work(tmp_path, given, said):
    document = FOLDERS[0] / "shanghai-putuo-wanli-2024.pdf"
    done = reportgen("review", str(document), "-o", str(tmp_path / "out"), *given, cwd=ROOT)
    assert done.returncode == 2 and said in done.stderr and "Traceback" not in done.stderr, done.stderr
    assert not (tmp_path / "out").exists()


def test_a_clean_document_gets_no_notice(tmp_path):
    require_program("pdftotext")
    workbook = ROOT / "tests" / "fixtures" / "import" / "wanli-2025.xlsx"
    done = reportgen("review", str(workbook), "--layout", "上海", "-o", str(tmp_path), cwd=ROOT)
    assert done.returncode == 0, done.stdout + done.stderr
    assert not list(tmp_path.glob("*-notice.docx")) and not list(tmp_path.glob("*-findings.xlsx"))
    assert not list(tmp_path.glob("*.pdf"))  # a workbook has no page to annotate


def test_a_notice_the_reviewer_has_saved_is_never_written_over(tmp_path):
    import zipfile

    require_program("pdftotext")
    document = FOLDERS[0] / "shanghai-putuo-wanli-2024.pdf"
    out = tmp_path / "out"

    def review() -> subprocess.CompletedProcess[str]:
        return reportgen("review", str(document), "--layout", "上海", "-o", str(out), cwd=ROOT)

    assert review().returncode == 1
    (notice,) = out.glob("*-notice.docx")
    again = review()  # its own notice, not saved since: written again
    assert again.returncode == 1 and "不会覆盖" not in again.stderr, again.stderr
    signed = tmp_path / "signed.docx"  # the reviewer signs it and saves: Word puts its user in the core properties
    with zipfile.ZipFile(notice) as old, zipfile.ZipFile(signed, "w") as new:
        for item in old.infolist():
            data = old.read(item)
            if item.filename == "docProps/core.xml":
                data = data.replace(b"<cp:lastModifiedBy>reportgen</cp:lastModifiedBy>", b"<cp:lastModifiedBy>\xe5\xbc\xa0\xe4\xb8\x89</cp:lastModifiedBy>")
            new.writestr(item, data)
    notice.write_bytes(signed.read_bytes())
    refused = review()
    assert refused.returncode == 2 and "不会覆盖" in refused.stderr and notice.read_bytes() == signed.read_bytes()


def test_libreoffice_opens_the_notice_and_its_table(desk, tmp_path):
    soffice = require_program("soffice")
    notice = next(desk.glob("*-wanli-2024-notice.docx"))
    table = next(desk.glob("*-wanli-2024-findings.xlsx"))
    done = subprocess.run([soffice, f"-env:UserInstallation={libreoffice_profile(tmp_path / 'profile')}", "--headless",
                           "--convert-to", "pdf", "--outdir", str(tmp_path), str(notice), str(table)],
                          capture_output=True, text=True, timeout=300, check=False)
    for made in (notice, table):
        pdf = tmp_path / made.with_suffix(".pdf").name
        assert done.returncode == 0 and pdf.is_file(), done.stdout + done.stderr
        text = _flat(subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout)
        assert "301 2".replace(" ", "") in text and "R-标题与正文" in text


@pytest.mark.parametrize("raised", ["damaged", "undecodable", "recursion"])
def test_what_qpdf_raises_on_a_damaged_file_costs_only_the_annotated_copy(monkeypatch, raised):
    """A PDF pdftotext reads but whose objects or streams qpdf cannot (a damaged object, a stream it
    cannot decode, a loop of references): the document is reviewed, its copy is said not written."""
    import pikepdf

    from reportgen.paperwork.pages import annotated_copy
    from reportgen.review.documents import review_document

    require_program("pdftotext")
    error = {"damaged": pikepdf.PdfError("object 12 0: expected endobj"),
             "undecodable": pikepdf.DataDecodingError("stream 7 0: invalid stored block lengths"),
             "recursion": RecursionError("maximum recursion depth exceeded")}[raised]

    def damaged(self, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003, ARG001
        raise error

    monkeypatch.setattr(pikepdf.Pdf, "save", damaged)
    result = review_document(FOLDERS[0] / "shanghai-putuo-wanli-2024.pdf", "上海")
    copy = annotated_copy(result, "001-x-annotated.pdf")
    assert copy.data is None and "不能复制这个 PDF" in copy.reason and len(copy.marks) == 10
    assert type(error).__name__ in copy.reason


def test_a_character_the_legend_face_lacks_is_left_blank_quietly(capfd):
    from reportgen.paperwork.annotated import annotated_pdf
    from reportgen.paperwork.listing import Listed
    from reportgen.paperwork.places import Mark

    require_program("fc-match")
    marks = [Mark(1, Listed(0, 0, "", "finding", "R-用词", "warning", message="原文写作“😀”：一个表情符号"))]
    copy = annotated_pdf(Path("x.pdf"), (FOLDERS[0] / "shanghai-putuo-wanli-2025.pdf").read_bytes(), marks)
    assert copy.startswith(b"%PDF-")
    captured = capfd.readouterr()
    assert captured.out == "" and captured.err == ""


def test_the_warnings_column_counts_the_documents_warnings(desk):
    """Issue 55: the 逐份结果's 警告 showed 0 for a document with 9 warnings (it counted check's alone):
    it is the number of warnings the 问题清单 lists for the document."""
    page = html.parse(str(desk / "index.html")).getroot()
    warned = [row["document"] for row in _rows(desk) if row["severity"] == "warning"]
    assert warned  # the seeds' documents have wording warnings
    header = [th.text_content() for th in page.xpath('//table[@id="outcomes"]/thead/tr/th')]
    column = header.index("警告")
    for tr in page.xpath('//table[@id="outcomes"]/tbody/tr'):
        document, cells = tr.xpath("th")[0].text_content(), tr.xpath("th|td")
        if cells[1].text_content() != "未能审核":
            assert int(cells[column].text_content()) == warned.count(document), document


def test_the_findings_table_numbers_its_rows_and_filters_its_header(desk):
    """Issue 55: the findings XLSX stored 序号 as text and had no filter."""
    openpyxl = pytest.importorskip("openpyxl")
    tables = sorted(desk.glob("*-findings.xlsx"))
    assert tables
    for path in tables:
        sheet = openpyxl.load_workbook(path).worksheets[0]
        header = next(row[0].row for row in sheet.iter_rows() if [c.value for c in row] == ["序号", "页码", "原文", "问题", "规则", "级别"])
        numbers = [sheet.cell(row, 1).value for row in range(header + 1, sheet.max_row + 1)]
        assert numbers == list(range(1, len(numbers) + 1)), (path, numbers)  # numbers, not text
        assert sheet.auto_filter.ref == f"A{header}:F{sheet.max_row}", path


def test_a_part_the_layout_has_not_is_never_said_unread(desk):
    """Issue 55: “正文未读到：人员编制” was printed for every 上海 document — a part 上海's text has no place
    for (its 版式's 正文不含). The seeds' 上海 texts print no 人员编制, and none is said unread; their 名词解释
    and the parts they do have are judged as before."""
    page = html.parse(str(desk / "index.html")).getroot()
    completeness = [tr.xpath("td")[1].text_content() for tr in page.xpath('//table[@id="inspection"]/tbody/tr')
                    if len(tr.xpath("td")) > 2]
    assert completeness and not [cell for cell in completeness if "人员编制" in cell], completeness
    assert all("表齐全" in cell or "缺" in cell for cell in completeness if not cell.startswith("未能审核"))


def test_the_text_page_never_calls_the_reviewed_document_a_source(desk):
    """Issue 55: the prose page of a review called the reviewed PDF “源文件” (check --against's word for a
    YAML source): a review measures a document by its own tables, and says so."""
    pages = sorted(desk.glob("*-prose.html"))
    assert pages
    for path in pages:
        text = html.parse(str(path)).getroot().text_content()
        assert "源文件" not in text and "送审文件" in text, path
        if "不一致 0 个" not in text:
            assert "按送审文件自己的表格应为" in text, path


SFJ_UNIT = ROOT / "bench" / "corpus" / "putuo-sfj-unit-2026.pdf"


@pytest.fixture(scope="module")
def sfj_unit(tmp_path_factory) -> tuple[Path, subprocess.CompletedProcess[str]]:
    """司法局 unit 2026 reviewed with pages: its 行政运行 row prints 14,348,853.34 as a total whose parts sum
    to 79,189,400.34 — 64,840,547.00 of lost project rows in its 项目支出."""
    require_program("pdftotext")
    out = tmp_path_factory.mktemp("sfj") / "pages"
    done = reportgen("review", str(SFJ_UNIT), "-o", str(out), cwd=ROOT)
    assert done.returncode == 1, done.stderr
    return out, done


def test_a_table_slip_is_boxed_on_its_cell(sfj_unit):
    """Issue 55: 司法局 unit 2026's most important slip (its 行政运行 total) was listed “未在页面上标出”, though
    the difference names its page, row and cell. It is boxed on that total, on the 行政运行 line of page 11,
    and each table difference of the document is boxed on its printed total."""
    out, _ = sfj_unit
    document = SFJ_UNIT
    rows = _rows(out)
    (copy,) = out.glob("*-annotated.pdf")
    boxes = {number: (page, box) for page, number, box, _ in _annotations(copy)}
    tables = [(number, row) for number, row in enumerate(rows, start=1) if row["rule"] == "表内不一致"]
    assert len(tables) == 3
    for number, row in tables:
        printed = re.search(r"印作 ([0-9,.]+)，", row["problem"]).group(1)
        assert number in boxes, row
        page, box = boxes[number]
        assert str(page) == row["page"] and _flat(printed) in _text_under(document, page, box), (row, box)
    number, row = next((n, r) for n, r in tables if "行政运行" in r["problem"])
    page, (left, top, right, bottom) = boxes[number]
    line = _text_under(document, page, (0, top, 2000, bottom))
    assert page == 11 and line.startswith("2040601行政运行14,348,853.34"), line  # its row, its 合计 cell


def test_what_follows_from_a_slip_is_marked_and_not_counted(sfj_unit):
    """Issue 55: one slip yielded four errors — the 行政运行 total, its 司法 款 (the same 64,840,547.00 summed
    again one level up), and two of check's, comparing 8,695.94万元 with 支出总计 15,180.00万元 (the tool
    summing the slipped total with its parts). The three that follow from the slip are marked so and not
    counted; the slip itself, and the 合计's own 0.34 slip, stay."""
    out, done = sfj_unit
    rows = _rows(out)
    marked = [row for row in rows if "一处引起，不另计为问题" in row["problem"]]
    assert sorted(row["rule"] for row in marked) == ["R-收支平衡", "R-财政拨款一致", "表内不一致"], marked
    assert all("“2040601 行政运行 印作 14,348,853.34”" in row["problem"] for row in marked)
    assert any(row["problem"].startswith("20406 司法") for row in marked)
    own = [row for row in rows if row["rule"] == "表内不一致" and row not in marked]
    assert [row["problem"].split(" 印作")[0] for row in own] == ["2040601 行政运行", "合计"]
    assert f"{SFJ_UNIT.relative_to(ROOT)}: 表内或表间不一致 2 处，勾稽错误 0 个" in done.stdout.replace(str(ROOT) + "/", "")
    outcomes = html.parse(str(out / "index.html")).getroot().xpath('//table[@id="outcomes"]/tbody/tr/td')
    assert [td.text_content() for td in outcomes[1:3]] == ["2", "0"]
