"""Pages that look published (issue 39, parts 1 and 4), read back from the PDFs LibreOffice prints
from the shipped 上海 sources in the 上海 layout, as a finance officer lays them beside the published
documents (/work/shared/seeds): the cover alone on page 1 with its words and sizes and no page
number, the 目录 on pages of its own, each part (a level 1 heading) starting a new page, the 决算's
body in 15 points on 31.2-point lines — and no character of the DOCX's paragraphs lost in the PDF
(LibreOffice dropped a “，” or “、” at the end of a justified line until punctuation could hang)."""

from __future__ import annotations

import re
import subprocess
import zipfile
from pathlib import Path

import docx
import pytest

from reportgen.runners.render import render_source
from reportgen.shaping.layouts import LayoutError, Occasion, resolve
from tests.blank_pages import blank_pages
from tests.clients import require_program
from tests.support.prints import shipped_prints

ROOT = Path(__file__).resolve().parent.parent
SHANGHAI = sorted(p.stem for p in (ROOT / "data").glob("shanghai-*.yaml"))
FINAL = [name for name in SHANGHAI if "juesuan" in name]
FOOTER = re.compile(r"—\s*(\d+)\s*—")
# The covers' words, as the published documents print them, from the sources' 部门, 年度, 地区, 级次
COVERS = {
    "shanghai-putuo-chengguan-2026": "上海市普陀区2026年区级部门预算预算主管部门：上海市普陀区城市管理行政执法局",
    "shanghai-putuo-jianguanwei-2026": "上海市普陀区2026年区级部门预算预算主管部门：上海市普陀区建设和管理委员会",
    "shanghai-putuo-wenlvju-2026": "上海市普陀区2026年区级部门预算预算主管部门：上海市普陀区文化和旅游局",
    "shanghai-putuo-guihuaziyuan-juesuan-2024": "上海市普陀区规划和自然资源局2024年度部门决算",
    "shanghai-putuo-shehuigongzuo-juesuan-2024": "中共上海市普陀区委社会工作部2024年度部门决算",
}


def squeezed(text: str) -> str:
    return re.sub(r"\s+", "", text)


def pdftotext(pdf: Path, *options: str) -> str:
    return subprocess.run([require_program("pdftotext"), *options, str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout


def pages_of(pdf: Path) -> list[list[str]]:
    """Each page's printed lines (squeezed, blank ones dropped)."""
    return [[squeezed(line) for line in page.splitlines() if line.strip()]
            for page in pdftotext(pdf, "-layout").split("\f")[:-1]]


def part_headings(path: Path) -> list[str]:
    """The text of the DOCX's level 1 headings (the parts), squeezed."""
    return [squeezed(p.text) for p in docx.Document(str(path)).paragraphs if p.style.name == "Heading 1"]


@pytest.fixture(scope="module")
def every(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], tuple[Path, Path]]:
    """Every shipped source in each of its layouts (as test_print_quality prints them): its DOCX and
    the PDF LibreOffice prints from it, in one batch (tests/support/prints.py: once a session)."""
    require_program("soffice")
    return shipped_prints(tmp_path_factory)


@pytest.fixture(scope="module")
def printed(every: dict[tuple[str, str], tuple[Path, Path]]) -> dict[str, tuple[Path, Path]]:
    """The 上海 sources in the 上海 layout."""
    return {name: every[(name, "上海")] for name in SHANGHAI}


def test_no_page_of_any_shipped_source_in_any_of_its_layouts_is_blank(every):
    """No page holds nothing but its number (issue 51, part 3: a page break's own paragraph, after a
    table that filled its page, fell on a page of its own). tests/conftest.py reads every PDF a test
    prints the same way; this names the shipped sources' prints."""
    blank = {f"{name}@{layout}": pages for (name, layout), (_, pdf) in every.items() if (pages := blank_pages(pdf))}
    assert not blank, blank


def test_the_cover_stands_alone_on_page_one_with_its_words_and_no_number(printed):
    for name, (_, pdf) in printed.items():
        pages = pages_of(pdf)
        assert "".join(pages[0]) == COVERS[name], name  # its words and nothing else: no number, no 目录
        assert [FOOTER.search(line).group(1) for line in pages[1] if FOOTER.search(line)] == ["1"], name
        size = re.search(r"Page\s+1 size:\s+([\d.]+) x ([\d.]+)", subprocess.run(
            [require_program("pdfinfo"), "-f", "1", "-l", "1", str(pdf)], capture_output=True, text=True).stdout)
        width, height = float(size.group(1)), float(size.group(2))
        assert (width > height) == (name not in FINAL), name  # the budgets' covers are landscape, as published


def page_sizes(pdf: Path) -> list[tuple[float, float]]:
    """Each page's width and height in points, as pdfinfo reads them."""
    info = subprocess.run([require_program("pdfinfo"), "-f", "1", "-l", "9999", str(pdf)], capture_output=True,
                          text=True, check=True).stdout
    return [(float(w), float(h)) for w, h in re.findall(r"Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)", info)]


def test_the_budgets_are_landscape_throughout_and_the_final_accounts_portrait_but_their_wide_tables(printed):
    """The four published 上海 budgets (tests/seeds/pdf) print every one of their 116 pages landscape;
    the 决算 样张 and both 普陀区 决算 print their text portrait and their wide tables landscape (页面)."""
    for name, (_, pdf) in printed.items():
        turned = [width > height for width, height in page_sizes(pdf)]
        if name in FINAL:
            assert not turned[1] and any(turned) and not all(turned), name  # the 目录 portrait, some tables landscape
        else:
            assert all(turned), (name, turned.count(False))


def test_the_cover_title_is_set_in_36_points(printed):
    """小初 (36 points) for the budgets' title and the 决算's both lines, each Han character 36
    points wide, as page 1 of the published documents (the budgets' 主管部门 line in 18)."""
    for name, (_, pdf) in printed.items():
        words = re.findall(r'<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)<',
                           pdftotext(pdf, "-f", "1", "-l", "1", "-bbox"))
        advances = {round((float(right) - float(left)) / len(text)) for left, right, text in words
                    if len(text) >= 3 and re.fullmatch(r"[\u4e00-\u9fff]+", text)}
        assert 36 in advances, (name, advances)
        assert advances <= {36, 18}, (name, advances)
        if name in FINAL:  # the 样张's lines stand 62.4 points apart, the name broken after 区委 or 区
            tops = [float(y) for y in re.findall(r'<line xMin="[\d.]+" yMin="([\d.]+)"',
                                                 pdftotext(pdf, "-f", "1", "-l", "1", "-bbox-layout"))]
            assert [round(b - a, 1) for a, b in zip(tops, tops[1:], strict=False)] == [62.4, 62.4], name


def test_the_contents_stands_on_pages_of_its_own(printed):
    """After the cover, the 目录's title and its lines (each ending in its leader and page number,
    a long one wrapping), and nothing else until the first part begins a page."""
    for name, (path, pdf) in printed.items():
        pages = pages_of(pdf)
        first_part = part_headings(path)[0]
        ends = next(i for i, page in enumerate(pages) if page and page[0] == first_part)
        assert pages[1][0] in ("目录", "目 录"), name
        contents = "".join(line for page in pages[1:ends] for line in page[1:] if not FOOTER.fullmatch(line))
        lines = [re.sub(r"[.…·]+\d+$", "", line) for page in pages[1:ends] for line in page
                 if not FOOTER.fullmatch(line)][1:]
        listed = "".join(squeezed(p.text.split("\t")[0]) for p in docx.Document(str(path)).paragraphs
                         if "PAGEREF" in p._p.xml)
        for line in lines:
            assert re.sub(r"\d+$", "", line) in listed, (name, line)  # a 目录 line, or a piece of a wrapped one
        assert contents and ends >= 2, name


def test_each_part_begins_a_new_page(printed):
    """Every level 1 heading (上海: 主要职能 … 项目经费情况说明; 决算: 第一部分 … 第四部分) is the first
    thing printed on its page (over up to three lines when it wraps), so 名词解释 never shares a page
    with the 编制说明 before it."""
    for name, (path, pdf) in printed.items():
        pages = pages_of(pdf)
        headings = part_headings(path)
        assert len(headings) >= 4, name
        tops = {"".join(page[:count]) for page in pages for count in (1, 2, 3)}
        assert [h for h in headings if h not in tops] == [], name


def test_the_final_accounts_body_is_15_points_on_31_2_point_lines(printed):
    """The 决算 edition's 正文字号 小三 and 正文行距 31.2, as the 样张 and both published 决算 print
    their body (tests measured there with pdftotext -bbox-layout): in the DOCX's Normal style, and
    on paper, each body character 15 points wide and the lines 31.2 points apart."""
    final = resolve("上海", occasion=Occasion(2024, "部门", "决算"))
    assert (final.body_points, final.body_line) == (15.0, 31.2)
    assert (resolve("上海").body_points, resolve("上海").body_line) == (12.0, None)  # the budgets keep theirs
    for name in FINAL:
        path, pdf = printed[name]
        styles = zipfile.ZipFile(path).read("word/styles.xml").decode("utf-8")
        normal = re.search(r'<w:style w:type="paragraph" w:default="1" w:styleId="Normal">.*?</w:style>', styles, re.S)
        assert '<w:spacing w:line="624" w:lineRule="exact"' in normal.group(0), name
        assert '<w:sz w:val="30"/>' in normal.group(0), name
        xml = pdftotext(pdf, "-bbox-layout")
        advances, pitches = [], []
        for page in re.findall(r"<page .*?</page>", xml, re.S):
            body = []  # the tops of the page's 15-point lines (19.5 points high): not a table's, not a heading's
            for top, bottom, words in re.findall(r'<line xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">'
                                                 r"(.*?)</line>", page, re.S):
                if not 19 <= float(bottom) - float(top) <= 20:
                    continue
                body.append(float(top))
                for left, right, text in re.findall(r'<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)" '
                                                    r'yMax="[\d.]+">([^<]*)<', words):
                    if len(text) >= 4 and re.fullmatch(r"[\u4e00-\u9fff，、。；：]+", text):
                        advances.append(round((float(right) - float(left)) / len(text)))
            pitches += [round(b - a, 1) for a, b in zip(body, body[1:], strict=False)]
        assert max(set(advances), key=advances.count) == 15, name
        assert max(set(pitches), key=pitches.count) == pytest.approx(31.2, abs=0.15), name


def test_no_character_of_a_paragraph_is_lost_in_the_pdf(every):
    """Every body paragraph of the DOCX of every shipped source in each of its layouts (the 目录's
    lines up to their tab) is printed whole: its characters, whitespace aside, run on in pdftotext's
    text over every line end and page break. A lost one is named with the line end where it went."""
    for name, (path, pdf) in every.items():
        text = squeezed(FOOTER.sub("", pdftotext(pdf)))
        for paragraph in docx.Document(str(path)).paragraphs:
            for piece in paragraph.text.split("\t")[:1]:
                wanted = squeezed(piece)
                if wanted and wanted not in text:
                    raise AssertionError(f"{name}: {_lost(wanted, text)}")


def _lost(wanted: str, text: str) -> str:
    """Where ``wanted`` stops being printed: its longest start that ``text`` holds (a start that is
    printed has every shorter start printed too), and the character after it."""
    low, high = 0, len(wanted)
    while low < high:
        middle = (low + high + 1) // 2
        low, high = (middle, high) if wanted[:middle] in text else (low, middle - 1)
    return f"“{wanted[max(0, low - 12):low]}” is printed, then “{wanted[low:low + 1]}” is missing before “{wanted[low + 1:low + 8]}”"


def test_a_cover_and_new_pages_are_layout_data_checked_with_clear_messages(tmp_path):
    """封面 and 新页 in a 版式.yaml: a mistake names the file and the key, in Chinese."""
    cases = {
        "封面: {行: []}\n": "“封面”应为 false",
        "封面: {行: [{文字: \"{省份}{年}\", 字号: 36}]}\n": "“{省份}”不是可用的事实",
        "封面: {行: [{文字: 标题, 字号: 巨大}]}\n": "“字号”应为字号",
        "封面: {行: [{文字: 标题, 字号: 36, 字体: 魏碑}]}\n": "“字体”应为 楷体",
        "封面: {行: [{文字: 标题, 字号: 36, 行距: 20}]}\n": "“行距”应为这一行的固定行距",
        "封面: {行: [{文字: 甲, 字号: 36}, {文字: 乙, 字号: 36}, {文字: 丙, 字号: 36}]}\n": "封面的一至两行",
        "新页: [0]\n": "“新页”应为另起一页的标题层级的列表",
        "页面: 横排\n": "“页面”应为 横向",
        "目录: {单独成页: 是}\n": "“目录.单独成页”应为 true",
    }
    for index, (settings, expected) in enumerate(cases.items()):
        folder = tmp_path / f"l{index}"
        folder.mkdir()
        (folder / "版式.yaml").write_text(f"名称: 试{index}\n基于: 上海\n{settings}", encoding="utf-8")
        with pytest.raises(LayoutError) as raised:
            resolve(str(folder))
        assert expected in raised.value.message and "版式.yaml" in raised.value.message, raised.value.message


def test_the_printed_html_has_the_same_pages(tmp_path):
    """Printing the HTML: the cover on a landscape page of its own with its lines in their sizes, the
    目录 on its own page, each part starting one; the default layout's page has none of these rules."""
    result = render_source(ROOT / "data" / "shanghai-putuo-wenlvju-2026.yaml", tmp_path, ("html",), layout="上海")
    page = result.outputs[0].read_text(encoding="utf-8")
    assert re.search(r'<div class="doc-title cover wide">\s*<p class="title one-line" style="--cover-size:36pt">'
                     r'上海市普陀区2026年区级部门预算</p>\s*<p class="subtitle" style="--cover-size:18pt">'
                     r'预算主管部门：上海市普陀区文化和旅游局</p>', page)
    assert 'data-alone="true"' in page and ".new-page { break-before: page; }" in page
    assert len(re.findall(r'<h1 id="[^"]*" class="new-page">', page)) == 6  # 一、 … 六、: every part
    plain = render_source(ROOT / "data" / "shanghai-putuo-wenlvju-2026.yaml", tmp_path / "d", ("html",))
    text = plain.outputs[0].read_text(encoding="utf-8")
    assert "cover" not in text and "new-page" not in text and "data-alone" not in text
    # every page landscape, as the DOCX (页面: 横向); the default layout's portrait A4
    assert "@page { size: A4 landscape;" in page and "@page { size: A4;" in text


def test_a_cover_line_too_long_shrinks_to_one_line_or_breaks_after_its_words():
    from reportgen.docmodel.document import CoverLine
    from reportgen.writers.docx.pages import broken, fitted_points

    width = 442.0  # a portrait page's text, in points
    kept = CoverLine("上海市普陀区文化和旅游局2026年部门预算", 36.0, "楷体", one_line=True)  # 19 ems
    assert fitted_points(kept, width) == 23.0 and fitted_points(kept, 800.0) == 36.0
    name = CoverLine("中共上海市普陀区委社会工作部", 36.0, breaks=("区委", "区", "市"))
    assert broken(name, 36.0, width) == "中共上海市普陀区委\n社会工作部"  # the last place that fits
    assert broken(name, 20.0, width) == name.text  # it fits: unbroken
    assert broken(CoverLine("规划和自然资源局规划和自然资源局", 36.0, breaks=("区",)), 36.0, width) \
        == "规划和自然资源局规划和自然资源局"  # no place to break: left to wrap
