"""Issue 55 part 6, “figures never broken across lines”: the 审核意见 page of an annotated copy broke
“57.8万元” into “57 / .8万元” (fpdf2 breaks Chinese text at any character), and LibreOffice set the
notice's “57.8 / 万元”. A review of 司法局 unit 2026 (bench/corpus), whose table differences are long
messages full of figures, is read back from each output: the legend page's lines, the notice's XML
and the summary page's markup."""

from __future__ import annotations

import re
import subprocess
import zipfile
from collections import Counter
from pathlib import Path

import pytest
from lxml import etree, html

from reportgen.base.unbroken import FIGURE, WORD_JOINER, joined, nowrap_html, pieces
from tests.clients import libreoffice_profile, require_program
from tests.support.cli import reportgen

ROOT = Path(__file__).resolve().parent.parent
SFJ_UNIT = ROOT / "bench" / "corpus" / "putuo-sfj-unit-2026.pdf"
# a line that ends inside a figure: a digit or separator before the break and a digit, separator or
# unit after it (“57” / “.8万元”, “15,180.0” / “0万元”, “1690.69” / “万元”, “第12” / “页”)
_CUT = re.compile(r"(?:[0-9][,.]?|第)\Z")
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_DIGITS = re.compile(r"[-0-9,.]+")
_GOES_ON = re.compile(r"\A(?:[0-9.,]|万元|亿元|元|%|页|行)")


@pytest.fixture(scope="module")
def reviewed(tmp_path_factory) -> Path:
    require_program("pdftotext")
    out = tmp_path_factory.mktemp("unbroken") / "pages"
    done = reportgen("review", SFJ_UNIT, "-o", out, cwd=ROOT)
    assert done.returncode == 1, done.stderr
    return out


def _legend_lines(copy: Path) -> list[str]:
    """The legend's lines (its pages are the last: from its title on)."""
    text = subprocess.run(["pdftotext", "-layout", str(copy), "-"], capture_output=True, text=True, check=True).stdout
    lines = [line.strip() for line in text.replace("\f", "\n").splitlines() if line.strip()]
    return lines[len(lines) - 1 - lines[::-1].index("审核意见"):]


def test_the_legend_page_never_ends_a_line_inside_a_figure(reviewed):
    lines = _legend_lines(next(reviewed.glob("*-annotated.pdf")))
    assert lines[0] == "审核意见" and len(lines) > 30, lines
    cut = [(a, b) for a, b in zip(lines, lines[1:], strict=False) if _CUT.search(a) and _GOES_ON.search(b)]
    assert cut == [], cut
    text = "".join(lines)
    for figure in ("57.8万元", "15,180.00万元", "79,189,400.34", "1690.69万元", "170.03万元"):
        assert figure in text, figure
    # each wrapped line still fills the page: a figure moves to the next line, nothing else does
    assert max(len(line) for line in lines) >= 45


def test_the_notices_figures_are_joined_to_their_units_and_its_table_is_not(reviewed):
    """The DOCX carries word joiners inside each figure of its findings; the XLSX of the same findings none."""
    notice = next(reviewed.glob("*-notice.docx"))
    with zipfile.ZipFile(notice) as package:
        xml = package.read("word/document.xml").decode("utf-8")
    assert f"57.8{WORD_JOINER}万{WORD_JOINER}元" in xml and f"15,180.00{WORD_JOINER}万{WORD_JOINER}元" in xml
    assert f"第{WORD_JOINER}11{WORD_JOINER}页" in xml
    assert "57.8万元" not in xml  # no figure of the findings left breakable
    with zipfile.ZipFile(next(reviewed.glob("*-findings.xlsx"))) as book:
        cells = "".join(book.read(name).decode("utf-8") for name in book.namelist() if name.endswith(".xml"))
    assert WORD_JOINER not in cells and "57.8万元" in cells


def test_libreoffice_sets_no_figure_of_the_notice_across_two_lines(reviewed, tmp_path):
    """LibreOffice breaks Chinese text by its own rules, which ignored the joiners between a digit and
    万元 (“1434.89 / 万元”, “第 9 / 行” in the 原文 and 问题 columns): the notice printed by LibreOffice,
    read back line by line, ends no line inside a figure."""
    soffice = require_program("soffice")
    notice = next(reviewed.glob("*-notice.docx"))
    done = subprocess.run([soffice, f"-env:UserInstallation={libreoffice_profile(tmp_path / 'profile')}", "--headless",
                           "--convert-to", "pdf", "--outdir", str(tmp_path), str(notice)],
                          capture_output=True, text=True, timeout=300, check=False)
    pdf = tmp_path / notice.with_suffix(".pdf").name
    assert done.returncode == 0 and pdf.is_file(), done.stdout + done.stderr
    text = subprocess.run(["pdftotext", "-raw", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    with zipfile.ZipFile(notice) as package:
        body = etree.fromstring(package.read("word/document.xml"))
    cells = ["".join(cell.itertext()).replace(WORD_JOINER, "") for cell in body.iter(f"{_W}tc")]
    # each figure with its unit in the findings' cells, as often as the notice prints it, whole on a line
    figures = Counter(m.group() for cell in cells for m in FIGURE.finditer(cell) if not _DIGITS.fullmatch(m.group()))
    assert figures["1434.89万元"] >= 2 and figures["第9行"] >= 1, figures  # the figures the breaks were seen in
    lines = text.replace("\f", "\n").splitlines()
    broken = {figure: n for figure, n in figures.items() if sum(line.count(figure) for line in lines) < n}
    assert broken == {}


def test_the_summary_page_keeps_each_figure_of_a_finding_on_one_line(reviewed):
    page = (reviewed / "index.html").read_text(encoding="utf-8")
    assert ".nowrap { white-space: nowrap; }" in page
    rows = html.fromstring(page).xpath('//table[@id="findings"]/tbody/tr')
    problems = [row.xpath("td")[3] for row in rows]
    kept = {span.text for cell in problems for span in cell.xpath('.//span[@class="nowrap"]')}
    assert {"57.8万元", "15,180.00万元", "79,189,400.34", "第11页"} <= kept, kept
    for cell in problems:  # every figure of the text is inside a span, and only figures are
        outside = "".join(cell.xpath("text()"))
        assert [m.group() for m in FIGURE.finditer(outside) if len(m.group()) > 1] == [], outside


def test_a_figure_is_one_piece_and_a_closing_sign_stays_with_it():
    text = "条目开头写作56.12万元，正文写作57.8万元：第 9 页，减少 15.13%"
    found = pieces(text)
    assert "".join(found) == text
    assert "56.12万元，" in found and "57.8万元：" in found and "第 9 页，" in found and "15.13%" in found
    assert joined("57.8万元") == f"57.8{WORD_JOINER}万{WORD_JOINER}元" and joined("12,345.00") == "12,345.00"


def test_the_page_markup_is_made_of_the_span_alone():
    """A message's own characters are escaped before a span is put round a figure: none becomes markup."""
    said = nowrap_html('<b onclick="x">57.8万元</b> & 第 9 页\u202e')
    assert str(said) == ('&lt;b onclick=&#34;x&#34;&gt;<span class="nowrap">57.8万元</span>&lt;/b&gt; &amp; '
                         '<span class="nowrap">第 9 页</span>[U+202E]')
